"""Properties every model in trigame.models.MODELS has: it solves, its three forms agree, it rejects bad input.

Oracles: the Nash condition (tg.is_nash, an independent check of every equilibrium on the strategic form; for a
Bayesian model tg.is_bayesian_nash on the Bayesian game), the symbolic game substituted at the same point, and the
scalar game built point by point (for a Bayesian model: its ex-ante strategic form, summed here from the prior and
the payoff table, independently of BayesianGame.to_normal_form).
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.bayesian import BayesianGame
from trigame.games.continuous import ContinuousGame
from trigame.games.repeated import RepeatedGame
from trigame.games.signaling import SignalingGame
from trigame.games.tree import GameTree
from trigame.models import MODELS, ChinaReaction, Model
from trigame.models.bibliography import ASSUMPTION

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ALL = list(MODELS.values())
# Every model, plus the strategic-form variant of ChinaReaction.
VARIANTS: list[tuple[type[Model], dict[str, Any]]] = [(m, {}) for m in ALL] + [(ChinaReaction, {"simultaneous": True})]
IDS = [m.__name__ + ("-simultaneous" if o else "") for m, o in VARIANTS]


def signalling(model: type[Model]) -> bool:
    """A signalling model: solved by PBE, and without a payoff tensor (payoff_tensor refuses it)."""
    return isinstance(model.symbolic_game(), SignalingGame)


def tableless(model: type[Model]) -> bool:
    """A continuous or repeated model: no payoff table, so payoff_tensor refuses it after validating the values."""
    return isinstance(model.symbolic_game(), (ContinuousGame, RepeatedGame))


def domain_values(p: tg.Parameter) -> st.SearchStrategy[Fraction]:
    """Exact values inside the parameter's domain (bounded to [-10, 10])."""
    low = Fraction(p.domain.lower) if p.domain.lower is not None else Fraction(-10)
    high = Fraction(p.domain.upper) if p.domain.upper is not None else low + 10
    inner = st.fractions(min_value=low, max_value=high, max_denominator=20)
    return inner.filter(p.domain.contains)


def points(model: type[Model]) -> st.SearchStrategy[dict[str, Fraction]]:
    return st.fixed_dictionaries({p.name: domain_values(p) for p in model.parameters()})


def ex_ante_payoffs(game: BayesianGame) -> np.ndarray:
    """The ex-ante strategic form's payoffs, shape (players, strategies...), every type kept (even of prior 0).

    A player's pure strategy is one action per type, types in their declared order; the payoff of a profile is
    sum over type profiles t of prior(t) * u(t, (s_1(t_1), ..., s_n(t_n))) (Harsanyi 1967-68).
    """
    players = game.players
    strategies = [list(itertools.product(*(game.actions(p, t) for t in game.types[p]))) for p in players]
    out = np.empty((len(players), *(len(s) for s in strategies)), dtype=object)
    for index in itertools.product(*(range(len(s)) for s in strategies)):
        total = [Fraction(0)] * len(players)
        for types, probability in game.prior.items():
            if probability == 0:  # no payoffs are stored there, and the term is zero
                continue
            actions = tuple(strategies[i][index[i]][game.types[p].index(types[i])] for i, p in enumerate(players))
            total = [a + probability * u for a, u in zip(total, game.payoff(types, actions))]
        for i in range(len(players)):
            cell = (i, *index)
            out[cell] = total[i]
    return out


def strategic_form(game: Any) -> tg.NormalFormGame:
    return game.to_normal_form() if isinstance(game, GameTree) else game


def payoff_array(game: Any) -> np.ndarray:
    """The payoffs the model's payoff_tensor holds for one game."""
    return ex_ante_payoffs(game) if isinstance(game, BayesianGame) else strategic_form(game).payoffs


def check_solution(m: Model) -> None:
    eqs = m.equilibria()
    # a tree result may be incomplete only at a tie (degenerate) that can move an earlier mover; a repeated model
    # checks a list of automaton profiles, never every subgame-perfect equilibrium
    assert len(eqs) > 0 and (eqs.complete or eqs.degenerate or isinstance(m.game(), RepeatedGame))
    if isinstance(m.game(), BayesianGame):
        for e in eqs:
            assert tg.is_bayesian_nash(m.game(), e.behavior), e
        return
    if isinstance(m.game(), SignalingGame):
        for e in eqs:
            assert tg.is_perfect_bayesian(m.game(), e), e
        return
    if isinstance(m.game(), ContinuousGame):  # the independent global best-response check
        from trigame.verify.continuous import is_continuous_nash

        assert all(is_continuous_nash(m.game(), e.strategies) for e in eqs)
        return
    if isinstance(m.game(), RepeatedGame):  # play every deviation forward, apart from the game's own check
        from trigame.verify.repeated import verify_subgame_perfect

        assert all(verify_subgame_perfect(m.game(), e.profile) for e in eqs)
        return
    form = strategic_form(m.game())
    for e in eqs:
        profile = e.profile() if isinstance(m.game(), GameTree) else e.strategies
        assert tg.is_nash(form, profile), e


# ---------------------------------------------------------------------------- solving
@pytest.mark.parametrize(("model", "options"), VARIANTS, ids=IDS)
def test_solves_at_defaults_and_presets(model: type[Model], options: dict[str, Any]) -> None:
    check_solution(model(**options))
    for name, m in model.presets().items():
        assert isinstance(m, model), name
        check_solution(m.replace(**options))


@pytest.mark.parametrize(("model", "options"), VARIANTS, ids=IDS)
def test_solves_at_random_points(model: type[Model], options: dict[str, Any]) -> None:
    # a continuous game's global certificate takes about a second a point: fewer points
    @settings(max_examples=4 if tableless(model) else 15, deadline=None)
    @given(points(model))
    def run(values: dict[str, Fraction]) -> None:
        check_solution(model(**values, **options))

    run()


# ---------------------------------------------------------------------------- the three forms agree
@pytest.mark.parametrize(("model", "options"), VARIANTS, ids=IDS)
def test_numeric_game_equals_symbolic_game_substituted(model: type[Model], options: dict[str, Any]) -> None:
    symbolic = model.symbolic_game(**options)
    symbols = {p.name: p.symbol() for p in model.parameters()}

    @settings(max_examples=20, deadline=None)
    @given(points(model))
    def run(values: dict[str, Fraction]) -> None:
        if isinstance(symbolic, BayesianGame):
            game = model(**values, **options).game()
            other = symbolic.subs({symbols[k]: v for k, v in values.items()})
            assert game.kind == other.kind == "exact"
            assert game.players == other.players and game.types == other.types
            assert game.prior == other.prior
            for types in game.type_profiles:
                choices = itertools.product(*(game.actions(p, t) for p, t in zip(game.players, types)))
                for actions in choices:
                    assert game.payoff(types, actions) == other.payoff(types, actions), (types, actions)
            return
        if isinstance(symbolic, (ContinuousGame, RepeatedGame)):
            game = model(**values, **options).game()
            other = symbolic.subs({symbols[k]: v for k, v in values.items()})
            if isinstance(game, RepeatedGame):
                assert game.discounts == tuple(Fraction(d) for d in other.discounts)
                game, other = game.stage, other.stage
                assert game.payoffs.tolist() == other.payoffs.tolist()
                return
            assert game.kind == other.kind == "exact" and game.strategies == other.strategies
            levels = {p: (high or 1) / 3 for p, (_, high) in game.strategies.items()}
            assert game.payoffs_at(levels) == other.payoffs_at(levels)
            return
        if isinstance(symbolic, SignalingGame):
            game = model(**values, **options).game()
            other = symbolic.subs({symbols[k]: v for k, v in values.items()})
            assert game.kind == other.kind == "exact" and dict(game.prior) == dict(other.prior)
            assert game.triples() == other.triples()
            assert all(game.payoff(*t) == other.payoff(*t) for t in game.triples())
            return
        numeric = strategic_form(model(**values, **options).game())
        substituted = strategic_form(symbolic.subs({symbols[k]: v for k, v in values.items()}))
        assert numeric.kind == substituted.kind == "exact"
        assert numeric.strategies == substituted.strategies and numeric.players == substituted.players
        assert numeric.payoffs.tolist() == substituted.payoffs.tolist()

    run()


@pytest.mark.parametrize(("model", "options"), VARIANTS, ids=IDS)
def test_payoff_tensor_equals_scalar_games(model: type[Model], options: dict[str, Any]) -> None:
    if tableless(model):
        with pytest.raises(tg.UnsupportedGameError, match="no payoff tensor"):
            model.payoff_tensor()
        return
    if signalling(model):
        with pytest.raises(tg.UnsupportedGameError, match="signalling"):
            model.payoff_tensor()
        return

    @settings(max_examples=10, deadline=None)
    @given(st.lists(points(model), min_size=1, max_size=4))
    def run(batch: list[dict[str, Fraction]]) -> None:
        names = model.parameter_names()
        exact = model.payoff_tensor(**{n: [v[n] for v in batch] for n in names}, **options)
        floats = model.payoff_tensor(**{n: np.array([float(v[n]) for v in batch]) for n in names}, **options)
        assert floats.dtype == np.float64
        for k, values in enumerate(batch):
            scalar = payoff_array(model(**values, **options).game())
            assert exact[k].shape == scalar.shape
            assert exact[k].tolist() == scalar.tolist()
            np.testing.assert_allclose(floats[k], scalar.astype(float), rtol=1e-12, atol=1e-12)

    run()


@pytest.mark.parametrize(("model", "options"), VARIANTS, ids=IDS)
def test_payoff_tensor_grid_and_integer_dtype(model: type[Model], options: dict[str, Any]) -> None:
    if signalling(model) or tableless(model):
        pytest.skip("a signalling, continuous or repeated model has no payoff tensor")
    params = model.parameters()[:2]
    x, y = (p.name for p in params)
    first, second = ([v for v in (1, 0, 2, 3) if p.domain.contains(v)][:2] for p in params)
    tensor = model.payoff_tensor(**{x: first, y: [[v] for v in second]}, **options)
    form = payoff_array(model(**options).game())
    integers = all(isinstance(v, int) for k, v in model.values().items() if k not in (x, y))
    assert tensor.shape == (2, 2, *form.shape) and (tensor.dtype.kind == "i" or not integers)
    for a, b in np.ndindex(2, 2):
        point = model(**{x: first[b], y: second[a]}, **options)
        assert tensor[a, b].tolist() == payoff_array(point.game()).tolist()


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("model", ALL)
def test_unknown_names_list_the_valid_ones(model: type[Model]) -> None:
    names = ", ".join(model.parameter_names())
    calls = [lambda: model(no_such_parameter=1), lambda: model().replace(no_such_parameter=1),
             lambda: model.payoff_tensor(no_such_parameter=[1]), lambda: model.symbolic_game(no_such_parameter=1)]
    for call in calls[:2] + calls[3:] if signalling(model) else calls:
        with pytest.raises(tg.ParameterError) as info:
            call()
        assert "no_such_parameter" in str(info.value) and names in str(info.value)


@pytest.mark.parametrize("model", ALL)
def test_out_of_domain_values_show_the_domain(model: type[Model]) -> None:
    for p in model.parameters():
        if p.domain.lower is None and p.domain.upper is None:
            continue
        bad = p.domain.lower - 1 if p.domain.lower is not None else p.domain.upper + 1
        with pytest.raises(tg.ParameterError) as info:
            model(**{p.name: bad})
        assert str(p.domain) in str(info.value) and p.name in str(info.value)
        if signalling(model):
            continue
        with pytest.raises(tg.ParameterError) as info:
            model.payoff_tensor(**{p.name: [p.default, bad]})
        assert str(p.domain) in str(info.value) and p.name in str(info.value)


@pytest.mark.parametrize("model", ALL)
@pytest.mark.parametrize("value", ["1", None, [1, 2], float("nan"), True, 1j])
def test_non_numeric_values(model: type[Model], value: Any) -> None:
    name = model.parameter_names()[0]
    with pytest.raises(tg.TrigameError):
        model(**{name: value})


@pytest.mark.parametrize("model", ALL)
def test_arrays_of_mismatched_shapes(model: type[Model]) -> None:
    if signalling(model) or tableless(model):
        pytest.skip("a signalling, continuous or repeated model has no payoff tensor")
    x, y = model.parameter_names()[:2]
    d = model.values()
    with pytest.raises(tg.ParameterError, match="do not broadcast"):
        model.payoff_tensor(**{x: np.full(3, d[x]), y: np.full(4, d[y])})
    with pytest.raises(tg.ParameterError):
        model.payoff_tensor(**{x: [[d[x], d[x]], [d[x]]]})
    with pytest.raises(tg.ParameterError, match="dtype"):
        model.payoff_tensor(**{x: np.array(["1", "2"])})


# ---------------------------------------------------------------------------- documentation
@pytest.mark.parametrize("model", ALL)
def test_documentation(model: type[Model]) -> None:
    doc = model.__doc__ or ""
    assert "Regimes" in doc and "References" in doc and "Examples" in doc
    assert len(model.headline) == 2 and set(model.headline) <= set(model.parameter_names())
    assert model.headline[0] in doc
    for p in model.parameters():
        assert p.name in doc or p.name.rsplit("_", 1)[0] in doc, p.name
        assert p.description and p.source and p.domain.contains(p.default)
    for name, s in zip(model.presets(), model.scenarios):
        assert s.description, name
        if "illustrative" in name:
            assert "constructed" in s.description.lower()
    text = model.describe()
    assert all(p.name in text for p in model.parameters())


@pytest.mark.parametrize("model", ALL)
def test_essay_quotes_are_verbatim(model: type[Model]) -> None:
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    for p in model.parameters():
        quotes = [(c.essay.file, c.quote) for c in p.citations]
        quotes += re.findall(r'(\d{3}_[0-9a-f]{16}\.txt): "([^"]+)"', p.source)
        assert quotes or p.source.startswith(ASSUMPTION), p.name
        for file, quote in quotes:
            essay = " ".join((SEEDS / file).read_text(encoding="utf-8").split())
            assert " ".join(quote.split()) in essay, (p.name, file, quote)


def test_registry() -> None:
    assert list(MODELS) == ["AllianceSecurityDilemma", "QuasiAlliance", "ChinaReaction", "LateralPressure",
                            "TargetSelection", "ExtendedDeterrence", "ChinaInference", "Ratification",
                            "BayesianLateralPressure", "BurdenSharing", "TrustBuilding"]
    assert all(name == cls.__name__ and issubclass(cls, Model) for name, cls in MODELS.items())
