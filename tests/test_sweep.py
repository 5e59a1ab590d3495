"""Tests of trigame.statics.sweep: labels against scalar solves, executors, chunking, tables, selection, bad input.

Expected values come from the scalar solvers (``Model.equilibria``), from hand
derivations written out next to each check, or from invariants (chunked ==
unchunked, executors == no executor).
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame._labels import equilibrium_support_label, set_label, support_label
from trigame._progress import Progress
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import AllianceSecurityDilemma, QuasiAlliance
from trigame.models.base import NONNEGATIVE, REAL, UNIT, Model, parameter
from trigame.statics import sweep


# ---------------------------------------------------------------------------- stand-in models
@dataclass(frozen=True, kw_only=True)
class ThreeAllies(Model):
    """A 2x2x2 game: two allies choose to cooperate, a rival to push back (a 3-player test model)."""

    players = ("Japan", "South Korea", "China")
    strategies = (("Cooperate", "Abstain"), ("Cooperate", "Abstain"), ("Accommodate", "Push"))
    gain: float = parameter(default=2, domain=REAL, description="each ally's gain from joint cooperation")
    cost_japan: float = parameter(default=1, domain=NONNEGATIVE, description="Japan's domestic cost")
    cost_rok: float = parameter(default=1, domain=NONNEGATIVE, description="South Korea's domestic cost")
    loss: float = parameter(default=1, domain=NONNEGATIVE, description="allies' loss when the rival pushes")
    discomfort: float = parameter(default=1, domain=REAL, description="rival's loss from the allies' cooperation")
    push_value: float = parameter(default=1, domain=REAL, description="rival's net value of pushing back")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str, str], tuple[Any, Any, Any]]:
        table = {}
        for j in ("Cooperate", "Abstain"):
            for k in ("Cooperate", "Abstain"):
                both = (j == "Cooperate") * (k == "Cooperate")
                for c in ("Accommodate", "Push"):
                    push = c == "Push"
                    table[(j, k, c)] = (
                        v.gain * both - v.cost_japan * (j == "Cooperate") - v.loss * push,
                        v.gain * both - v.cost_rok * (k == "Cooperate") - v.loss * push,
                        -v.discomfort * both + (v.push_value * both - 1) * push,
                    )
        return table


@dataclass(frozen=True, kw_only=True)
class Veto(Model):
    """A sequential test model: the allies (one mover) cooperate or abstain; China then backs or accommodates."""

    players = ("Allies", "China")
    gain: float = parameter(default=2, domain=REAL, description="allies' gain from cooperation")
    backing_loss: float = parameter(default=3, domain=NONNEGATIVE, description="allies' loss when China backs")
    backing_value: float = parameter(default=1, domain=REAL, description="China's gain from backing after cooperation")
    backing_cost: float = parameter(default=2, domain=NONNEGATIVE, description="China's cost of backing")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        def china(gain: Any, value: Any) -> Decision:
            return Decision("China", {
                "Accommodate": Terminal((gain, 0)),
                "Back Pyongyang": Terminal((gain - v.backing_loss, value - v.backing_cost)),
            })

        return GameTree(Decision("Allies", {
            "Cooperate": china(v.gain, v.backing_value),
            "Abstain": china(0, 0 * v.backing_value),
        }), players=("Allies", "China"))


@dataclass(frozen=True, kw_only=True)
class Attack(Model):
    """A 3x2 test model (solved point by point): North Korea attacks Japan, South Korea or no one."""

    players = ("North Korea", "Allies")
    strategies = (("No attack", "Attack Japan", "Attack South Korea"), ("Join", "Stay out"))
    reliability: float = parameter(default=Fraction(1, 2), domain=UNIT, description="chance the allies join")
    war_gain: float = parameter(default=1, domain=REAL, description="North Korea's gain from an unopposed attack")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        return {
            ("No attack", "Join"): (0, 0), ("No attack", "Stay out"): (0, 0),
            ("Attack Japan", "Join"): (-1, v.reliability - 1),
            ("Attack Japan", "Stay out"): (v.war_gain, -v.reliability),
            ("Attack South Korea", "Join"): (-2, v.reliability - 1),
            ("Attack South Korea", "Stay out"): (v.war_gain, -v.reliability),
        }


# ---------------------------------------------------------------------------- helpers
def scalar_label(model: Model) -> str:
    """The set label of a scalar solve: Nash equilibria by support, or SPE by the support of each choice."""
    game = model.game()
    if isinstance(game, tg.NormalFormGame):
        # The batch engine decides every tie exactly for the float payoffs given (as the binary fractions
        # they denote); the oracle is the exact solve of the same payoffs.  (The scalar float solvers merge
        # equilibria closer than 1e-9, e.g. two extreme points of a continuum 6e-11 apart.)
        exact = np.array([Fraction(float(u)) for u in np.ravel(game.payoffs)], dtype=object)
        game = tg.NormalFormGame(exact.reshape(np.shape(game.payoffs)).tolist(), players=game.players,
                                 strategies=game.strategies)
        result = tg.equilibria(game)
        labels = [equilibrium_support_label(e) for e in result]
    else:
        result = model.equilibria()
        infosets = game.information_sets
        labels = []
        for spe in result:
            supports = [tuple(k for k, p in enumerate(spe.behavior[i.key].values()) if p != 0) for i in infosets]
            labels.append(support_label([i.key for i in infosets], [i.actions for i in infosets], supports))
    return set_label(labels, continuum=result.degenerate)


def assert_labels_match(model: type, grid: dict[str, list[Any]], fixed: dict[str, Any] | None = None,
                        **options: Any) -> Any:
    result = sweep(model, grid, fixed, **options)
    names = list(grid)
    for index in np.ndindex(*result.shape):
        point = {name: grid[name][k] for name, k in zip(names, index)}
        expected = scalar_label(model(**{**(fixed or {}), **point}))
        assert result.labels[index] == expected, (point, result.labels[index], expected)
    return result


# Values that hit region boundaries (c = β·fear − h = 0 at fear = h/β = 1/3, 2/3) next to generic ones.
unit_values = st.sampled_from([0.0, 1 / 3, 2 / 3, 1.0, 0.5, 0.25]) | st.floats(0, 1, allow_subnormal=False)
unit_axis = st.lists(unit_values, min_size=1, max_size=4, unique=True)


# ---------------------------------------------------------------------------- labels == scalar equilibria
@given(fear_japan=unit_axis, fear_rok=unit_axis, cost=st.sampled_from([0.0, 1.0, 2.0, 3.0]))
def test_quasi_alliance_labels_equal_scalar_solves(fear_japan: list[float], fear_rok: list[float], cost: float) -> None:
    assert_labels_match(QuasiAlliance, {"fear_japan": fear_japan, "fear_rok": fear_rok}, {"domestic_cost_rok": cost})


cost_axis = st.lists(st.sampled_from([-1.0, 0.0, 1.0, 2.0, 3.0, 4.0]) | st.floats(-2, 5, allow_subnormal=False),
                     min_size=1, max_size=4, unique=True)


@given(cost_us=cost_axis, cost_rok=cost_axis)
def test_security_dilemma_labels_equal_scalar_solves(cost_us: list[float], cost_rok: list[float]) -> None:
    assert_labels_match(AllianceSecurityDilemma, {"commitment_cost_us": cost_us, "commitment_cost_rok": cost_rok})


small = st.lists(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.0]) | st.floats(-2, 3, allow_subnormal=False),
                 min_size=1, max_size=3, unique=True)


@given(gain=small, discomfort=small, push_value=small)
def test_three_player_labels_equal_scalar_solves(gain: list[float], discomfort: list[float],
                                                 push_value: list[float]) -> None:
    assert_labels_match(ThreeAllies, {"gain": gain, "discomfort": discomfort, "push_value": push_value})


@given(value=st.lists(st.sampled_from([0, 1, 2, 3]) | st.floats(-1, 4, allow_subnormal=False), min_size=1,
                      max_size=4, unique=True),
       gain=st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=1, max_size=3, unique=True))
def test_sequential_labels_equal_scalar_spe(value: list[float], gain: list[float]) -> None:
    result = assert_labels_match(Veto, {"backing_value": value, "gain": gain})
    # Float grids take the vectorised backward induction, integer grids (exact trees) the scalar solver.
    assert result.notes[0].startswith(("solved by backward induction vectorised", "solved point by point (all subgame"))


def test_sequential_regimes_by_hand() -> None:
    # China backs after cooperation iff backing_value > backing_cost (= 2); after abstention backing gives
    # -2 < 0, so it accommodates.  The allies then compare gain (or gain - 3 when China backs) with 0.
    r = sweep(Veto, {"backing_value": [1.0, 3.0]}, {"gain": 2})
    backs = r.outcome_probability({"China": "Back Pyongyang"}, selection="first")
    cooperate = r.outcome_probability({"Allies": "Cooperate"}, selection="first")
    assert backs.tolist() == [0.0, 0.0]  # at 3.0 the allies abstain (2 - 3 < 0), so China never backs on the path
    assert cooperate.tolist() == [1.0, 0.0]
    assert r.labels[1] == "Allies@root: Abstain, China@Cooperate: Back Pyongyang, China@Abstain: Accommodate"
    tie = sweep(Veto, {"backing_value": [2.0]})  # China indifferent after cooperation: two SPE, a continuum
    assert tie.count.tolist() == [2] and tie.degenerate.tolist() == [True]


def test_per_point_route_for_larger_games() -> None:
    r = assert_labels_match(Attack, {"reliability": [0.0, Fraction(1, 2), 1.0], "war_gain": [-1, 0, 1]})
    assert r.notes[0] == "solved point by point (all Nash equilibria)"


def china_reaction() -> Any:
    models = pytest.importorskip("trigame.models")
    if not hasattr(models, "ChinaReaction"):
        pytest.skip("ChinaReaction is not available")
    return models.ChinaReaction


@pytest.mark.parametrize("simultaneous", [False, True])
def test_china_reaction_labels_equal_scalar_solves(simultaneous: bool) -> None:
    model = china_reaction()
    values = [0.0, 0.5, 1.0, 2.0, 3.0]
    names = [p.name for p in model.parameters() if p.name in ("deterrence_gain", "backing_value")]
    assert len(names) == 2
    base = model(simultaneous=True) if simultaneous else model()
    result = sweep(base, {names[0]: values, names[1]: values})
    for index in np.ndindex(*result.shape):
        point = {n: values[k] for n, k in zip(names, index)}
        assert result.labels[index] == scalar_label(base.replace(**point)), point


def test_sweep_labels_equal_regime_map_labels() -> None:
    symbolic = pytest.importorskip("trigame.statics.symbolic")
    xs, ys = np.linspace(0, 1, 7), np.linspace(0, 1, 7)
    result = sweep(QuasiAlliance, {"fear_japan": xs, "fear_rok": ys})
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    expected = symbolic.regime_map(QuasiAlliance).labels(fear_japan=gx, fear_rok=gy)
    assert np.array_equal(np.asarray(expected, dtype=object), result.labels)


# ---------------------------------------------------------------------------- executors and chunks
GRID = {"fear_japan": np.linspace(0, 1, 13), "fear_rok": np.linspace(0, 1, 11)}


def same(a: Any, b: Any) -> None:
    assert np.array_equal(a.labels, b.labels)
    assert np.array_equal(a.count, b.count)
    assert np.array_equal(a.probabilities, b.probabilities, equal_nan=True)
    assert np.array_equal(a.payoffs, b.payoffs, equal_nan=True)
    assert np.array_equal(a.degenerate, b.degenerate)


def test_chunked_equals_unchunked() -> None:
    whole = sweep(QuasiAlliance, GRID)
    same(whole, sweep(QuasiAlliance, GRID, chunk_size=7))
    same(sweep(ThreeAllies, {"gain": [-1, 0, 1, 2], "push_value": [0, 1, 2]}),
         sweep(ThreeAllies, {"gain": [-1, 0, 1, 2], "push_value": [0, 1, 2]}, chunk_size=1))


class MapOnly:
    """An executor with map() and no submit()."""

    def map(self, fn: Any, items: Any) -> Any:
        return map(fn, items)


def test_executors_equal_no_executor() -> None:
    whole = sweep(QuasiAlliance, GRID)
    with ThreadPoolExecutor(2) as pool:
        same(whole, sweep(QuasiAlliance, GRID, executor=pool, chunk_size=20))
    same(whole, sweep(QuasiAlliance, GRID, executor=MapOnly(), chunk_size=30))
    tree_grid = {"backing_value": [0.0, 2.0, 3.0], "gain": [0.0, 1.0]}
    with ThreadPoolExecutor(2) as pool:
        same(sweep(Veto, tree_grid), sweep(Veto, tree_grid, executor=pool, chunk_size=2))


def test_dask_executor_equals_no_executor() -> None:
    distributed = pytest.importorskip("distributed")
    whole = sweep(QuasiAlliance, GRID)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        same(whole, sweep(QuasiAlliance, GRID, executor=client, chunk_size=40))


# ---------------------------------------------------------------------------- results, tables, selection
def test_probabilities_and_payoffs_by_hand() -> None:
    # Cha at full fear with the defaults (β = 3, h_J = 1, h_K = 2, s = 1): c_J = 2, c_K = 1.  The mixed
    # equilibrium has Pr_Japan(C) = s/(c_K + s) = 1/2, Pr_ROK(C) = s/(c_J + s) = 1/3, payoffs (0, 0).
    r = sweep(QuasiAlliance, {"fear_japan": [1.0], "fear_rok": [1.0]})
    assert r.count[0, 0] == 3
    probs = r.probabilities[0, 0]  # canonical order: (C, C), (F, F), mixed
    assert probs[0].tolist() == [[1, 0], [1, 0]]
    assert probs[1].tolist() == [[0, 1], [0, 1]]
    assert probs[2, 0] == pytest.approx([1 / 2, 1 / 2]) and probs[2, 1] == pytest.approx([1 / 3, 2 / 3])
    assert r.payoffs[0, 0].tolist()[:2] == [[2, 1], [0, 0]]
    assert r.payoffs[0, 0, 2] == pytest.approx([0, 0])


def test_to_pandas_shape_columns_and_a_row() -> None:
    pytest.importorskip("pandas")
    r = sweep(QuasiAlliance, {"fear_japan": [0.0, 1.0], "fear_rok": [1.0]})
    table = r.to_pandas()
    assert list(table.columns) == ["fear_japan", "fear_rok", "equilibrium", "set_label", "kind", "unit", "choice",
                                   "probability", "payoff"]
    # 1 + 3 equilibria; each has 2 players x 2 strategies + 4 outcomes = 8 rows.
    assert len(table) == (1 + 3) * 8
    row = table[(table.fear_japan == 1.0) & (table.equilibrium == 2) & (table.unit == "South Korea")
                & (table.choice == "Cooperate")]
    assert len(row) == 1
    assert row.probability.iloc[0] == pytest.approx(1 / 3) and row.payoff.iloc[0] == pytest.approx(0)
    cc = table[(table.fear_japan == 1.0) & (table.equilibrium == 2) & (table.choice == "Cooperate > Cooperate")]
    assert cc.probability.iloc[0] == pytest.approx(1 / 2 * 1 / 3)


def test_selection_rules_by_hand() -> None:
    # Full fear, s = 1: (C,C) pays (2, 1) > (0, 0) of the others -> payoff dominant.  Nash products of the
    # deviation losses: (C,C): (2 - 0)(1 - 0) = 2, (F,F): (0 + 1)(0 + 1) = 1 -> (C,C) risk dominant.
    # With s = 5: (F,F) has (0 + 5)(0 + 5) = 25 > 2 -> (F,F) risk dominant, (C,C) still payoff dominant.
    r = sweep(QuasiAlliance, {"unreciprocated_cost": [1.0, 5.0]}, {"fear_japan": 1, "fear_rok": 1})
    cc = ("Cooperate", "Cooperate")
    assert r.outcome_probability(cc, selection="payoff_dominant").tolist() == [1.0, 1.0]
    assert r.outcome_probability(cc, selection="risk_dominant").tolist() == [1.0, 0.0]
    assert r.outcome_probability(cc, selection="first").tolist() == [1.0, 1.0]
    every = r.outcome_probability(cc, selection="all")
    assert every.shape == (2, 3) and every[0] == pytest.approx([1, 0, 1 / 6])
    # A selecting sweep keeps one equilibrium per point and the same set labels.
    chosen = sweep(QuasiAlliance, {"unreciprocated_cost": [1.0, 5.0]}, {"fear_japan": 1, "fear_rok": 1},
                   selection="risk_dominant")
    assert chosen.probabilities.shape == (2, 1, 2, 2)
    assert np.array_equal(chosen.labels, r.labels)
    assert chosen.outcome_probability(cc).tolist() == [1.0, 0.0]
    with pytest.raises(tg.ParameterError, match="selection='all'"):
        chosen.outcomes("first")


def test_payoff_dominance_undefined_without_a_dominant_equilibrium() -> None:
    # Chicken (security dilemma defaults): (Strong, Weak) and (Weak, Strong) do not dominate each other.
    r = sweep(AllianceSecurityDilemma, {"commitment_cost_us": [2.0]})
    probability = r.outcome_probability(("Strong", "Weak"), selection="payoff_dominant")
    assert np.isnan(probability).all()


def test_risk_dominance_refused_beyond_2x2() -> None:
    with pytest.raises(tg.UnsupportedGameError, match="2x2"):
        sweep(ThreeAllies, {"gain": [1.0]}, selection="risk_dominant")
    r = sweep(Veto, {"gain": [1.0]})
    with pytest.raises(tg.UnsupportedGameError, match="2x2"):
        r.outcomes("risk_dominant")


def test_instance_values_are_the_base_and_fixed_overrides() -> None:
    m = QuasiAlliance(fear_rok=1)
    r = sweep(m, {"fear_japan": [1.0]})
    assert r.count[0] == 3  # fear_rok = 1 from the instance
    r = sweep(m, {"fear_japan": [1.0]}, fixed={"fear_rok": 0})
    assert r.count[0] == 1


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("grid", "fixed", "match"),
    [
        ({"fear": [0, 1]}, None, "fear_japan, fear_rok"),
        ({}, None, "non-empty"),
        ({"fear_japan": []}, None, "empty"),
        ({"fear_japan": [0.0, float("nan")]}, None, "finite"),
        ({"fear_japan": [0.0, float("inf")]}, None, "finite"),
        ({"fear_japan": ["a", "b"]}, None, "numbers"),
        ({"fear_japan": "0.5"}, None, "1-D"),
        ({"fear_japan": 0.5}, None, "fixed="),
        ({"fear_japan": [[0, 1], [0, 1]]}, None, "1-D"),
        ({"fear_japan": [0, 2]}, None, "domain"),
        ({"fear_japan": [0, 1]}, {"fear_japan": 1}, "once"),
        ({"fear_japan": [0, 1]}, {"colour": 1}, "fear_japan"),
        ([("fear_japan", [0, 1])], None, "mapping"),
    ],
)
def test_bad_grids(grid: Any, fixed: Any, match: str) -> None:
    with pytest.raises(tg.TrigameError, match=match):
        sweep(QuasiAlliance, grid, fixed)


def test_bad_arguments() -> None:
    with pytest.raises(tg.TrigameError, match="submit"):
        sweep(QuasiAlliance, {"fear_japan": [0, 1]}, executor=object())
    with pytest.raises(tg.TrigameError, match="selection"):
        sweep(QuasiAlliance, {"fear_japan": [0, 1]}, selection="best")
    with pytest.raises(tg.TrigameError, match="chunk_size"):
        sweep(QuasiAlliance, {"fear_japan": [0, 1]}, chunk_size=0)
    with pytest.raises(tg.TrigameError, match="model"):
        sweep("QuasiAlliance", {"fear_japan": [0, 1]})
    r = sweep(QuasiAlliance, {"fear_japan": [0, 1]})
    with pytest.raises(tg.TrigameError, match="unknown outcome"):
        r.outcome_probability(("Cooperate",))
    with pytest.raises(tg.TrigameError, match="players are"):
        r.outcome_probability({"China": "Cooperate"})


# ---------------------------------------------------------------------------- progress
def test_progress_bar_off_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    sweep(QuasiAlliance, {"fear_japan": [0, 1]})
    assert capsys.readouterr().err == ""
    sweep(QuasiAlliance, {"fear_japan": [0, 1]}, progress=True)
    err = capsys.readouterr().err
    assert "100%" in err and "2/2" in err
    stream = io.StringIO()
    with Progress(3, "x", enabled=True, stream=stream, interval=0) as bar:
        bar.update(2)
        assert "67%" in stream.getvalue()
    with pytest.raises(tg.TrigameError, match="progress"):
        Progress(3, enabled="yes")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- pictures
def test_plot_is_a_thin_call_to_the_installed_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    # SweepResult.plot may not import trigame.viz (a room above statics): it calls whatever use_figures installed,
    # which the package facade sets to trigame.viz.figures.
    import importlib

    from trigame.statics.sweep import _result

    assert _result._FIGURES and _result._FIGURES[0]() is importlib.import_module("trigame.viz.figures")
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    class Figures:
        @staticmethod
        def region_map(*args: Any, **options: Any) -> str:
            calls.append(("region_map", args, options))
            return "map"

        @staticmethod
        def outcome_curves(*args: Any, **options: Any) -> str:
            calls.append(("outcome_curves", args, options))
            return "curves"

    r = sweep(QuasiAlliance, {"fear_japan": [0, 1], "fear_rok": [0, 1]})
    monkeypatch.setattr(_result, "_FIGURES", [lambda: Figures])
    assert r.plot("fear_japan", "fear_rok", by="outcome") == "map"
    assert r.plot("fear_japan", selection="first") == "curves"
    assert calls == [("region_map", (r, "fear_japan", "fear_rok"), {"ax": None, "boundaries": True, "by": "outcome"}),
                     ("outcome_curves", (r, "fear_japan"), {"ax": None, "selection": "first"})]
    monkeypatch.setattr(_result, "_FIGURES", [])
    with pytest.raises(tg.TrigameError, match="no figures are installed"):
        r.plot("fear_japan")


# ---------------------------------------------------------------------------- outcome labels
def test_outcome_labels_china_reaction_by_hand() -> None:
    # Sequential ChinaReaction (Tokyo offers, Seoul answers having seen the offer, China reacts having seen both),
    # k_J = 1, k_K = 2, z = 2, t = 1, c = 1.  After a joint cooperation China backs iff a > c (it gets
    # -t + a - c against -t); elsewhere backing only costs c > 0, so China accommodates.
    # a = 0.5 (China accommodates): CC pays (g - 1, g - 2), CA (-1, 0), AC (0, -2), AA (0, 0).  Seoul after
    # Cooperate: g - 2 > 0 for g = 3 and 5, so it cooperates; after Abstain: 0 > -2, it abstains.  Japan:
    # g - 1 > 0, so it offers.  One SPE, no ties: Cooperate > Cooperate > Accommodate.
    # a = 1.5 (China backs after CC): CC pays (g - 3, g - 4).  g = 3: Seoul after Cooperate gets -1 < 0 and
    # abstains, so Japan's offer pays -1 < 0: Abstain > Abstain > Accommodate.  g = 5: CC pays (2, 1), Seoul
    # cooperates, Japan offers: Cooperate > Cooperate > Back Pyongyang.
    model = china_reaction()
    r = sweep(model(), {"deterrence_gain": [3.0, 5.0], "backing_value": [0.5, 1.5]}, {"backing_cost": 1})
    assert r.outcome_labels[0, 0] == "Cooperate > Cooperate > Accommodate"
    assert r.outcome_labels[1, 0] == "Cooperate > Cooperate > Accommodate"
    assert r.outcome_labels[0, 1] == "Abstain > Abstain > Accommodate"
    assert r.outcome_labels[1, 1] == "Cooperate > Cooperate > Back Pyongyang"
    # China backs Pyongyang on the path only at g = 5, a > c.
    backs = np.vectorize(lambda text: "Back Pyongyang" in text)(r.outcome_labels)
    assert backs.tolist() == [[False, False], [False, True]]
    assert len(r.label_set) == 3 == len(r.outcome_label_set)


def test_outcome_labels_strategic_form_by_hand() -> None:
    # QuasiAlliance: no fear -> friction only; full fear -> (C, C), (F, F) and a totally mixed equilibrium.
    r = sweep(QuasiAlliance, {"fear_japan": [0.0, 1.0]}, {"fear_rok": 1})
    assert r.outcome_labels.tolist() == [
        "Friction/Friction",
        "Cooperate/Cooperate | Friction/Friction | random: Cooperate/Cooperate or Cooperate/Friction or "
        "Friction/Cooperate or Friction/Friction",
    ]
    # Per-point route, reliability 0, war gain 1: attacked allies stay out (0 > -1), so either attack pays North
    # Korea 1 > 0 against allies who stay out.  Without an attack the allies are indifferent, and No attack is
    # a best reply iff Pr(Join) = q has -q + (1 - q) <= 0 and -2q + (1 - q) <= 0, i.e. q >= 1/2: a continuum
    # whose extreme equilibria are (No attack, Join) and (No attack, Join with probability 1/2).
    a = sweep(Attack, {"reliability": [0.0]}, {"war_gain": 1})
    assert a.outcome_labels.tolist() == ["Attack Japan/Stay out | Attack South Korea/Stay out | No attack/Join | "
                                         "random: No attack/Join or No attack/Stay out"]
    assert a.degenerate.tolist() == [True]


@given(value=st.lists(st.sampled_from([0, 1, 2, 3]) | st.floats(-1, 4, allow_subnormal=False), min_size=1,
                      max_size=4, unique=True),
       gain=st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=1, max_size=3, unique=True))
def test_outcome_labels_coarsen_equilibrium_labels(value: list[float], gain: list[float]) -> None:
    # Invariant: points with the same equilibrium set have the same outcomes; and each point's outcome label
    # names exactly the paths that the scalar SPE reach.
    r = sweep(Veto, {"backing_value": value, "gain": gain})
    seen: dict[str, str] = {}
    for index in np.ndindex(*r.shape):
        assert seen.setdefault(r.labels[index], r.outcome_labels[index]) == r.outcome_labels[index]
        point = {"backing_value": value[index[0]], "gain": gain[index[1]]}
        reached = {" > ".join(p) for spe in Veto(**point).equilibria() for p, q in spe.outcomes.items() if q != 0}
        assert set(r.outcome_labels[index].split(" | ")) == reached


# ---------------------------------------------------------------------------- payoffs recomputed on demand
def test_payoffs_not_kept_are_recomputed_identically() -> None:
    pytest.importorskip("pandas")
    for model, grid in ((QuasiAlliance, GRID), (Veto, {"backing_value": [0.0, 2.0, 3.0], "gain": [0.0, 1.0]})):
        kept = sweep(model, grid, chunk_size=50)
        lean = sweep(model, grid, chunk_size=50, keep_payoffs=False)
        assert lean._payoff is None and kept._payoff is not None
        same(kept, lean)
        for rule in ("payoff_dominant", "first"):
            for outcome in kept.outcomes(rule):
                assert np.array_equal(kept.outcomes(rule)[outcome], lean.outcomes(rule)[outcome], equal_nan=True)
        assert kept.to_pandas().equals(lean.to_pandas())
    with pytest.raises(tg.ParameterError, match="keep_payoffs"):
        sweep(QuasiAlliance, GRID, keep_payoffs="no")


# ---------------------------------------------------------------------------- payoffs with an `if` on a parameter
def bonus_table(a: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
    """Ann gets ``a`` from x whatever Bob does, 0 from y; Bob gets 1 from matching Ann, 0 otherwise."""
    return {("x", "x"): (a, 1), ("x", "y"): (a, 0), ("y", "x"): (0, 0), ("y", "y"): (0, 1)}


@dataclass(frozen=True, kw_only=True)
class IfBonus(Model):
    """Ann's payoff from x is the bonus when positive, else -1: written with an ``if``."""

    players = ("Ann", "Bob")
    strategies = (("x", "y"), ("x", "y"))
    bonus: float = parameter(default=1, domain=REAL, description="Ann's bonus from x")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        return bonus_table(v.bonus if v.bonus > 0 else -1)


@dataclass(frozen=True, kw_only=True)
class MaxBonus(Model):
    """Ann's payoff from x is max(bonus, -1): written with Python's ``max``."""

    players = ("Ann", "Bob")
    strategies = (("x", "y"), ("x", "y"))
    bonus: float = parameter(default=1, domain=REAL, description="Ann's bonus from x")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        return bonus_table(max(v.bonus, -1))


@dataclass(frozen=True, kw_only=True)
class WhereBonus(Model):
    """The game of IfBonus written with trigame.models.where (vectorisable)."""

    players = ("Ann", "Bob")
    strategies = (("x", "y"), ("x", "y"))
    bonus: float = parameter(default=1, domain=REAL, description="Ann's bonus from x")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        from trigame.models import where

        return bonus_table(where(v.bonus > 0, v.bonus, -1))


@pytest.mark.parametrize("model", [IfBonus, MaxBonus, WhereBonus])
@pytest.mark.parametrize("chunk_size", [1, 3, 1000])
def test_payoffs_with_an_if_or_max_on_a_parameter_are_swept(model: type, chunk_size: int) -> None:
    # Hand derivation: Ann's x pays b (b = bonus if positive, else -1 for IfBonus; max(bonus, -1) for MaxBonus)
    # against 0 from y, whatever Bob does: x is strictly dominant iff b > 0, y iff b < 0.  Bob matches Ann.
    # bonus = -2, -0.5: b < 0, (y, y); bonus = 0.5, 2: b > 0, (x, x).
    result = sweep(model, {"bonus": [-2.0, -0.5, 0.5, 2.0]}, chunk_size=chunk_size)
    yy, xx = "Ann: y, Bob: y", "Ann: x, Bob: x"
    assert result.labels.tolist() == [yy, yy, xx, xx]
    assert result.outcome_labels.tolist() == ["y/y", "y/y", "x/x", "x/x"]
    assert result.payoffs[:, 0, 0].tolist() == [0.0, 0.0, 0.5, 2.0]
    vectorised = model is WhereBonus
    assert result.notes[0].startswith("solved in one vectorised pass" if vectorised else "solved point by point")
    assert any("where" in note for note in result.notes) is not vectorised


def test_risk_dominance_needs_vectorisable_payoffs() -> None:
    with pytest.raises(tg.UnsupportedGameError, match=r"risk_dominant.*IfBonus\.payoffs\(v\).*where"):
        sweep(IfBonus, {"bonus": [-1.0, 1.0]}, selection="risk_dominant")
    assert sweep(WhereBonus, {"bonus": [-1.0, 1.0]}, selection="risk_dominant").count.tolist() == [1, 1]


def test_an_instance_gives_the_values_of_the_parameters_not_swept() -> None:
    # Documented in sweep's docstring: unswept parameters keep the instance's values; the instance's values of
    # swept parameters are ignored.  Invariant: the same as the class with those values in fixed=.
    grid = {"fear_japan": [0.0, 0.5, 1.0]}
    instance = QuasiAlliance(fear_rok=1, fear_japan=Fraction(1, 3))
    from_instance = sweep(instance, grid)
    from_fixed = sweep(QuasiAlliance, grid, fixed={"fear_rok": 1})
    assert from_instance.labels.tolist() == from_fixed.labels.tolist()
    assert from_instance.base["fear_rok"] == 1 and "fear_japan" not in from_instance.base
    assert from_instance.labels.tolist() != sweep(QuasiAlliance, grid).labels.tolist()  # default fear_rok = 0


# ---------------------------------------------------------------------------- memory budget
def _sweep_module() -> Any:
    import importlib

    return importlib.import_module("trigame.statics.sweep._grid")  # where the memory estimate lives


def test_a_grid_of_ten_billion_points_is_refused_before_any_allocation() -> None:
    # 10^5 x 10^5 points: at the least 11 bytes of codes and 8 x 4 bytes of probabilities and payoffs of one
    # equilibrium per point (2 players), 4.3e11 bytes, far over any budget; the axes themselves are 1.6 MB.
    axis = np.linspace(0, 1, 10**5)
    with pytest.raises(tg.BudgetExceededError, match=r"10,000,000,000 grid points.*GiB.*max_memory=.*--out"):
        sweep(QuasiAlliance, grid={"fear_japan": axis, "fear_rok": axis})


def test_a_small_grid_over_a_tiny_budget_is_refused() -> None:
    with pytest.raises(tg.BudgetExceededError, match=r"over the budget of 1.0 KiB.*max_memory=\.\.\."):
        sweep(QuasiAlliance, grid={"fear_japan": [0, 1], "fear_rok": [0, 1]}, max_memory=1024)


@pytest.mark.parametrize("bad", [0, -5, 1.5, "1G", True])
def test_max_memory_must_be_a_positive_integer(bad: Any) -> None:
    with pytest.raises(tg.ParameterError, match=r"max_memory must be a positive integer or None"):
        sweep(QuasiAlliance, grid={"fear_japan": [0, 1]}, max_memory=bad)


def test_a_normal_grid_within_the_budget_is_swept_as_before() -> None:
    grid = {"fear_japan": [0, 1], "fear_rok": [0, 1]}
    result = sweep(QuasiAlliance, grid=grid, max_memory=2**30)
    assert result.count.tolist() == [[1, 1], [1, 3]]  # the module's documented example
    assert result.labels.tolist() == sweep(QuasiAlliance, grid=grid).labels.tolist()


def test_the_budget_is_checked_again_when_a_chunk_finds_more_equilibria() -> None:
    # Chunks of one point: (0, 0), (0, 1), (1, 0) have 1 equilibrium, (1, 1) has 3 (module example).
    # Hand count with keep_payoffs (2 players, 2 probabilities + 2 payoffs per equilibrium), 4 points, axes 4 x 8 B,
    # one chunk of 1 point solving (1024 B): K = 1: 4 x (11 + 8 x 4) + 32 + 1024 = 1228 B;
    # widening to K = 3 with the K = 1 copy alive: 4 x (11 + 8 x 12 + 8 x 2) + 32 + 1024 = 1548 B.
    module = _sweep_module()
    grid = {"fear_japan": [0, 1], "fear_rok": [0, 1]}
    result = sweep(QuasiAlliance, grid=grid, chunk_size=1, max_memory=1548)
    spec = result._spec
    assert module._sweep_memory(spec, 1, keep=True, n_paths=0, chunk_size=1) == 1228
    assert module._sweep_memory(spec, 3, keep=True, n_paths=0, chunk_size=1, widen_from=1) == 1548
    with pytest.raises(tg.BudgetExceededError, match=r"4 grid points \(3 equilibria per point\)"):
        sweep(QuasiAlliance, grid=grid, chunk_size=1, max_memory=1400)


def test_the_estimate_covers_the_measured_peak_of_a_200_by_200_sweep() -> None:
    import tracemalloc

    module = _sweep_module()
    grid = {"fear_japan": np.linspace(0, 1, 200), "fear_rok": np.linspace(0, 1, 200)}
    sweep(QuasiAlliance, grid={name: axis[:2] for name, axis in grid.items()})  # imports and caches first
    tracemalloc.start()
    try:
        result = sweep(QuasiAlliance, grid=grid, progress=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    k = result._prob.shape[1]
    assert k == 3  # the module example: 3 equilibria where both fears are 1
    stored = sum(a.nbytes for a in (result._codes, result._outcome_codes, result._count, result._degenerate,
                                    result._prob, result._payoff, *result.grid.values()))
    # Hand count: 40,000 x (4 + 4 + 2 + 1 + 8 x 3 x (2 + 2)) + 400 x 8 = 4,283,200 bytes.
    assert stored == 4_283_200 == module._result_bytes(result._spec, k, keep=True, n_paths=0)
    estimate = module._sweep_memory(result._spec, k, keep=True, n_paths=0, chunk_size=sweep.__kwdefaults__[
        "chunk_size"])
    assert peak <= estimate


def test_the_estimate_covers_the_measured_peak_of_a_sequential_sweep() -> None:
    import tracemalloc

    from trigame.models import ChinaReaction

    module = _sweep_module()
    names = ChinaReaction.parameter_names()[:2]
    grid = {name: np.linspace(0.1, 1, 12) for name in names}
    sweep(ChinaReaction, grid={name: axis[:2] for name, axis in grid.items()})
    tracemalloc.start()
    try:
        result = sweep(ChinaReaction, grid=grid, progress=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    k = result._prob.shape[1]
    estimate = module._sweep_memory(result._spec, k, keep=True, n_paths=len(result.paths), chunk_size=144)
    assert peak <= estimate


# ---------------------------------------------------------------------------- Bayesian models
# ExtendedDeterrence by hand (its docstring): the resolved type Defends (r > 0), the unresolved type Abandons
# (d > 0), whatever the ally does; Rely gives the ally p*b - (1 - p)*c, Hedge gives h, so the ally relies iff
# p >= (c + h)/(b + c).  At the defaults b = c = 4, h = 1 the threshold is 5/8; at h = 0 it is 1/2.
RELY = "South Korea@-: Rely, United States@resolved: Defend, United States@unresolved: Abandon"
HEDGE = "South Korea@-: Hedge, United States@resolved: Defend, United States@unresolved: Abandon"
BOTH = f"{HEDGE} | {RELY} | continuum"  # at the threshold: every mixture of Rely and Hedge (a continuum)


def test_bayesian_sweep_labels_by_hand() -> None:
    from trigame.models.extended_deterrence import ExtendedDeterrence

    r = sweep(ExtendedDeterrence, {"prior_resolved": [Fraction(1, 4), Fraction(5, 8), Fraction(7, 8)],
                                   "hedging_value": [0, 1]}, progress=False)
    assert r.units == ("South Korea@-", "United States@resolved", "United States@unresolved")
    assert r.players == ("South Korea", "United States")
    # thresholds 1/2 (h = 0) and 5/8 (h = 1): p = 1/4 hedges for both, 7/8 relies for both, 5/8 is at h = 1's
    assert r.labels.tolist() == [[HEDGE, HEDGE], [RELY, BOTH], [RELY, RELY]]
    assert r.degenerate.tolist() == [[False, False], [False, True], [False, False]]
    assert r.outcome_labels[2, 0] == "Rely/Defend/Abandon"
    # ex-ante payoffs at p = 7/8, h = 0, Rely: ally 7/8*4 - 1/8*4 = 3; US 7/8*1 + 1/8*0 = 7/8
    assert r.payoffs[2, 0, 0].tolist() == [3.0, 0.875]
    # the probability that the ally relies, p = 1/4, h = 1: 0
    assert r.outcome_probability({"South Korea@-": "Rely"}, selection="first")[0, 1] == 0
    assert r.outcome_probability({"South Korea@-": "Rely"}, selection="first")[2, 1] == 1
    with pytest.raises(tg.ParameterError, match="unknown type agent 'South Korea'"):
        r.outcome_probability({"South Korea": "Rely"})
    with pytest.raises(tg.UnsupportedGameError, match="2x2 games only"):
        sweep(ExtendedDeterrence, {"prior_resolved": [0.5]}, selection="risk_dominant")


@pytest.mark.parametrize(("prior", "hedge"), [(Fraction(1, 3), 1), (Fraction(5, 8), 1), (Fraction(9, 10), 1),
                                              (Fraction(1, 2), 0), (Fraction(3, 5), -1), (Fraction(1, 2), 3)])
def test_bayesian_sweep_agrees_with_regimes_and_scalar_solves(prior: Fraction, hedge: int) -> None:
    # Three ways to the same label: the sweep, the exact regimes at the point (support labels of the type-agent
    # form), and a scalar solve labelled by its agents' supports.  (5/8, 1) and (1/2, 0) are thresholds.
    from trigame.models.extended_deterrence import ExtendedDeterrence

    fixed = {k: v for k, v in ExtendedDeterrence.values().items() if k not in ("prior_resolved", "hedging_value")}
    point: dict[str, Any] = {"prior_resolved": prior, "hedging_value": hedge}
    swept = sweep(ExtendedDeterrence, {k: [v] for k, v in point.items()}, progress=False).labels.item()
    solved = ExtendedDeterrence(**point).equilibria()
    scalar = set_label([support_label(
        [f"{p}@{t}" for p in e.game.players for t in e.game.types[p]],
        [e.game.actions(p, t) for p in e.game.players for t in e.game.types[p]],
        [[k for k, a in enumerate(e.game.actions(p, t)) if e.behavior[p][t][a] != 0]
         for p in e.game.players for t in e.game.types[p]]) for e in solved], continuum=solved.degenerate)
    at = tg.statics.regimes(ExtendedDeterrence, fixed=fixed).at(**point)
    on_boundary = prior * (4 + 4) == 4 + hedge  # p (b + c) = c + h
    assert swept == scalar == set_label([r.support_label for r in at], continuum=on_boundary)
    assert len(at) == (2 if on_boundary else 1)


def test_sweep_solves_signalling_models() -> None:
    # A signalling model is swept point by point (tests/test_signaling_sweep.py pins the labels); cheap talk always
    # has a babbling (pooling) equilibrium.
    @dataclass(frozen=True, kw_only=True)
    class Reassurance(tg.models.IncompleteInformationModel):
        players = ("Sender", "Receiver")
        prior_strong: float = parameter(default=Fraction(1, 2), domain=UNIT, description="prior of the strong type")

        @staticmethod
        def payoffs(v: Any) -> Any:
            return tg.SignalingGame(("strong", "weak"), {"strong": v.prior_strong, "weak": 1 - v.prior_strong},
                                    ("talk", "quiet"), ("trust", "doubt"),
                                    lambda t, m, a: (1 if a == "trust" else 0, 1 if (a == "trust") == (t == "strong")
                                                     else 0))

    r = sweep(Reassurance, {"prior_strong": [0.2, 0.8]})
    assert r.shape == (2,) and all("pooling: " in label for label in r.labels.tolist())
