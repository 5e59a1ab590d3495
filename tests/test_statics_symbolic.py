"""Symbolic statics: regimes, thresholds, derivatives and regime maps against hand derivations and the solvers.

Expected conditions are derived by hand in the comments (from the models' game tables); agreement with the
numeric solvers (``tg.equilibria``, ``subgame_perfect``) is checked at hypothesis-drawn rational points, which
land on boundaries (ties) as well as strictly inside regions.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame._labels import equilibrium_support_label, set_label, support_label
from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import AllianceSecurityDilemma, ChinaReaction, LateralPressure, QuasiAlliance, TargetSelection
from trigame.solve.subgame_perfect import subgame_perfect
from trigame.statics import derivative, regime_map, regimes, threshold
from trigame.statics.decision import Space

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Small rationals: ties (boundaries) are frequent, and so are interior points.
costs = st.integers(0, 6).map(Fraction) | st.fractions(0, 6, max_denominator=3)
positive = st.integers(1, 6).map(Fraction) | st.fractions(Fraction(1, 3), 6, max_denominator=3)
unit = st.sampled_from([Fraction(k, 6) for k in range(7)])
real = st.integers(-4, 6).map(Fraction)


# QuasiAlliance's channels beyond Cha's insurance (threat value d, virtual-alliance value kappa, expectation gap
# gamma) fixed at 0: the model of models.md Sec. 2.3, whose hand derivations the tests below use.
QA_CHA = {"threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}


@pytest.fixture(scope="module")
def quasi():
    return regimes(QuasiAlliance, fixed=QA_CHA)


@pytest.fixture(scope="module")
def dilemma():
    return regimes(AllianceSecurityDilemma)


def labels_at(rs, **values):
    return {r.support_label for r in rs.at(**values)}


def numeric_labels(model, **values):
    return {equilibrium_support_label(e) for e in model(**values).equilibria()}


# ---------------------------------------------------------------------------------------------------- QuasiAlliance
QA = ("Japan", "South Korea"), (("Cooperate", "Friction"),) * 2
CC = support_label(*QA, ((0,), (0,)))
FF = support_label(*QA, ((1,), (1,)))
MM = support_label(*QA, ((0, 1), (0, 1)))


def test_quasi_alliance_lists_the_docstring_regimes(quasi):
    # The docstring: (F, F) always; (C, C) iff c_J >= 0 and c_K >= 0; the mixed one iff c_J > 0 and c_K > 0;
    # on the boundary c_i = 0 the continuum's extreme points (one ally pure Cooperate, the other mixing).
    assert {r.support_label for r in quasi} == {
        CC, FF, MM, support_label(*QA, ((0,), (0, 1))), support_label(*QA, ((0, 1), (0,)))}
    assert quasi.find(FF).condition == sympy.true
    x = {s.name: s for s in quasi.symbols}
    c_j = x["security_value"] * x["fear_japan"] - x["domestic_cost_japan"]
    c_k = x["security_value"] * x["fear_rok"] - x["domestic_cost_rok"]
    # the simplified condition is literally the hand-derived one, c_J >= 0 and c_K >= 0, written as P >= N
    assert quasi.find(CC).condition == sympy.And(x["security_value"] * x["fear_japan"] >= x["domestic_cost_japan"],
                                                 x["security_value"] * x["fear_rok"] >= x["domestic_cost_rok"])
    assert quasi.find(MM).condition.subs({c_j: 1}) is not None
    mixed = quasi.find(MM)
    s = x["unreciprocated_cost"]
    # Pr_Japan(Cooperate) = s/(c_K + s): Japan mixes so as to make South Korea indifferent
    assert sympy.simplify(mixed.probabilities["Japan"]["Cooperate"] - s / (c_k + s)) == 0
    assert sympy.simplify(mixed.payoffs["Japan"]) == 0


@FAST
@given(fj=unit, fk=unit, beta=positive, hj=costs, hk=costs, s=positive)
def test_quasi_alliance_conditions_match_hand_derivation_and_solver(quasi, fj, fk, beta, hj, hk, s):
    values = dict(fear_japan=fj, fear_rok=fk, security_value=beta, domestic_cost_japan=hj, domestic_cost_rok=hk,
                  unreciprocated_cost=s)
    c_j, c_k = beta * fj - hj, beta * fk - hk
    found = labels_at(quasi, **values)
    assert (CC in found) == (c_j >= 0 and c_k >= 0)
    assert (MM in found) == (c_j > 0 and c_k > 0)
    assert FF in found
    assert found == numeric_labels(QuasiAlliance, **values)


# ---------------------------------------------------------------------------------------------------- security dilemma
ASD = ("United States", "South Korea"), (("Strong", "Weak"),) * 2


@FAST
@given(b1=costs, b2=costs, e1=real, e2=real, a1=costs, a2=costs)
def test_security_dilemma_conditions_match_hand_derivation_and_solver(dilemma, b1, b2, e1, e2, a1, a2):
    # Best replies (docstring): Weak strictly dominant iff e_i > A_i, Strong iff e_i < 0.  Hence
    # (W, W) iff e_i >= A_i for both; (S, S) iff e_i <= 0 for both; (S, W) iff e_US <= A_US and e_ROK >= 0;
    # totally mixed iff 0 < e_i < A_i for both (Chicken).
    values = dict(partner_value_us=b1, partner_value_rok=b2, commitment_cost_us=e1, commitment_cost_rok=e2,
                  hedging_cost_us=a1, hedging_cost_rok=a2)
    found = labels_at(dilemma, **values)
    assert (support_label(*ASD, ((1,), (1,))) in found) == (e1 >= a1 and e2 >= a2)
    assert (support_label(*ASD, ((0,), (0,))) in found) == (e1 <= 0 and e2 <= 0)
    assert (support_label(*ASD, ((0,), (1,))) in found) == (e1 <= a1 and e2 >= 0)
    assert (support_label(*ASD, ((0, 1), (0, 1))) in found) == (0 < e1 < a1 and 0 < e2 < a2)
    assert found == numeric_labels(AllianceSecurityDilemma, **values)


def test_domain_removes_impossible_branches(dilemma):
    # The closed form's mixed condition has a branch e_i < 0 and e_i > A_i, impossible since A_i >= 0.
    mixed = dilemma.find("United States: mix Strong/Weak, South Korea: mix Strong/Weak")
    x = {s.name: s for s in dilemma.symbols}
    assert mixed.condition == sympy.And(x["commitment_cost_us"] > 0, x["commitment_cost_rok"] > 0,
                                        x["commitment_cost_us"] < x["hedging_cost_us"],
                                        x["commitment_cost_rok"] < x["hedging_cost_rok"])


# ---------------------------------------------------------------------------------------------------- ChinaReaction
china_values = st.fixed_dictionaries({
    "deterrence_gain": costs, "domestic_cost_japan": costs, "domestic_cost_rok": costs, "backing_loss": costs,
    "china_discomfort": costs, "backing_value": costs, "backing_cost": positive})


@pytest.fixture(scope="module")
def china_sequential():
    return regimes(ChinaReaction)


@pytest.fixture(scope="module")
def china_simultaneous():
    return regimes(ChinaReaction(simultaneous=True))


def spe_labels(found, tree):
    keys = [info.key for info in tree.information_sets]
    actions = [info.actions for info in tree.information_sets]
    return {support_label([str(k) for k in keys], actions,
                          [tuple(j for j, p in enumerate(e.behavior[k].values()) if p != 0) for k in keys])
            for e in found}


@FAST
@given(values=china_values)
def test_china_sequential_regimes_match_subgame_perfect(china_sequential, values):
    model = ChinaReaction(**values)
    assert labels_at(china_sequential, **values) == spe_labels(model.equilibria(), model.game())


@FAST
@given(values=china_values)
def test_china_simultaneous_regimes_match_nash(china_simultaneous, values):
    found = labels_at(china_simultaneous, **values)
    assert found == numeric_labels(lambda **v: ChinaReaction(simultaneous=True, **v), **values)


def test_china_two_camps_versus_lacks_profit(china_sequential):
    # Docstring: after joint cooperation China backs Pyongyang iff a > c ("two camps"), never if a < c.
    a, c = sympy.symbols("backing_value backing_cost", real=True)
    for r in china_sequential:
        backs = r.probabilities["China@Cooperate/Cooperate"]["Back Pyongyang"] == 1
        t = threshold(china_sequential, r, "backing_value")
        assert any(sympy.simplify(b - sympy.Symbol("backing_cost", positive=True)) == 0 for b in t.boundaries)
        # at a = c + 1 only backing pieces can hold, at a = c - 1/2 only accommodating ones
        holds_above = r.condition.subs({s: v for s, v in zip(china_sequential.symbols, _point(china_sequential,
                                                                                               backing_value=3))})
        if holds_above == sympy.true:
            assert backs
    del a, c


def _point(rs, **overrides):
    base = dict(deterrence_gain=5, domestic_cost_japan=1, domestic_cost_rok=2, backing_loss=1, china_discomfort=1,
                backing_value=1, backing_cost=2)
    base.update(overrides)
    return [sympy.Rational(base[n]) for n in rs.parameters]


# ---------------------------------------------------------------------------------------------------- derivatives
def test_derivative_signs_chicken(dilemma):
    # Pr_US(Strong) = 1 - e_ROK/A_ROK (docstring): falls with e_ROK, rises with A_ROK, ignores b.
    mixed = dilemma.find("United States: mix Strong/Weak, South Korea: mix Strong/Weak")
    key = ("United States", "Strong")
    assert derivative(dilemma, mixed, "commitment_cost_rok").signs[key].sign == "negative"
    assert derivative(dilemma, mixed, "hedging_cost_rok").signs[key].sign == "positive"
    assert derivative(dilemma, mixed, "partner_value_us").signs[key].sign == "zero"


@FAST
@given(fj=unit, fk=unit, beta=positive, hj=costs, hk=costs, s=positive)
def test_derivative_signs_agree_with_finite_differences(quasi, fj, fk, beta, hj, hk, s):
    values = dict(fear_japan=fj, fear_rok=fk, security_value=beta, domestic_cost_japan=hj, domestic_cost_rok=hk,
                  unreciprocated_cost=s)
    mixed = quasi.find(MM)
    if not mixed.holds(**values):
        return
    for name in ("domestic_cost_rok", "unreciprocated_cost", "fear_rok", "domestic_cost_japan"):
        d = derivative(quasi, mixed, name)
        for (player, strategy), result in d.signs.items():
            step = Fraction(1, 10**6)
            moved = dict(values, **{name: values[name] + step})
            if name == "fear_rok" and moved[name] > 1:
                moved[name] = values[name] - step
                step = -step
            if not mixed.holds(**moved):
                continue
            p = mixed.probabilities[player][strategy]
            subs = lambda v: {x: sympy.Rational(v[x.name]) for x in quasi.symbols}  # noqa: E731
            difference = (p.subs(subs(moved)) - p.subs(subs(values))) / sympy.Rational(step)
            if result.sign == "positive":
                assert difference > 0
            elif result.sign == "negative":
                assert difference < 0
            elif result.sign == "zero":
                assert difference == 0
            else:
                assert result.sign in ("depends", "nonnegative", "nonpositive", "unknown")


def test_derivative_depends_reports_both_regions():
    # A game whose mixed probability x = a/(a + b) ... its derivative in t = a - 1 changes sign nowhere, so
    # build one that does: Row's payoff gap (t - 1)(t - 2) makes Column's mixing probability move both ways.
    t = sympy.Symbol("t", real=True)
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 1], [(t - 1) ** 2 + 1, 0]])
    rs = regimes(game)
    mixed = next(r for r in rs if r.support_label.count("mix") == 2)
    d = derivative(rs, mixed, "t")
    result = d.signs[("Player 1", "s1")]
    assert result.sign == "depends"
    assert result.positive_when.subs(t, 2) == sympy.true and result.negative_when.subs(t, 0) == sympy.true


# ---------------------------------------------------------------------------------------------------- thresholds
@FAST
@given(fj=unit, fk=unit, beta=positive, hj=costs, s=positive)
def test_threshold_of_cooperation_in_domestic_cost(quasi, fj, fk, beta, hj, s):
    # (C, C) exists iff domestic_cost_rok <= security_value * fear_rok (given Japan's own condition).
    t = threshold(quasi, CC, "domestic_cost_rok")
    assert t.boundaries == (sympy.Symbol("fear_rok", nonnegative=True, real=True)
                            * sympy.Symbol("security_value", positive=True, real=True),)
    bound = beta * fk
    values = dict(fear_japan=fj, fear_rok=fk, security_value=beta, domestic_cost_japan=hj, unreciprocated_cost=s)
    if beta * fj < hj:
        return
    eps = Fraction(1, 1000)
    if bound - eps >= 0:
        assert CC in numeric_labels(QuasiAlliance, domestic_cost_rok=bound - eps, **values)
    assert CC in numeric_labels(QuasiAlliance, domestic_cost_rok=bound, **values)
    assert CC not in numeric_labels(QuasiAlliance, domestic_cost_rok=bound + eps, **values)
    holds = t.condition.subs({x: sympy.Rational(v) for x in quasi.symbols
                              for n, v in dict(values, domestic_cost_rok=bound + eps).items() if x.name == n})
    assert holds == sympy.false


# ---------------------------------------------------------------------------------------------------- regime maps
@pytest.fixture(scope="module")
def quasi_map():
    return regime_map(QuasiAlliance, fixed=QA_CHA)


def test_regime_map_sets_of_quasi_alliance(quasi_map):
    # Friction only; friction + cooperation + mixed (c_J, c_K > 0); and the boundary continua.
    assert set_label([FF]) in quasi_map.label_set
    assert set_label([CC, FF, MM]) in quasi_map.label_set
    assert all(e.certain for e in quasi_map)
    # continua exactly where one c_i = 0 and the other c > 0 (an ally indifferent at (C, C) while the other
    # strictly wants it); at c_J = c_K = 0 only the two pure equilibria remain: an ally mixing leaves the
    # other strictly preferring Friction (it loses s when unreciprocated), so no segment of equilibria.
    assert sorted(len(e.regimes) for e in quasi_map if e.continuum) == [3, 3]
    corner = next(e for e in quasi_map if len(e.regimes) == 2)
    assert not corner.continuum and corner.label == set_label([CC, FF])


@FAST
@given(fj=unit, fk=unit, beta=positive, hj=costs, hk=costs, s=positive)
def test_regime_map_labels_equal_scalar_solve(quasi_map, fj, fk, beta, hj, hk, s):
    values = dict(fear_japan=fj, fear_rok=fk, security_value=beta, domestic_cost_japan=hj, domestic_cost_rok=hk,
                  unreciprocated_cost=s)
    found = QuasiAlliance(**values).equilibria()
    expected = set_label([equilibrium_support_label(e) for e in found], continuum=found.degenerate)
    assert quasi_map.labels(**values)[()] == expected


def test_regime_map_labels_vectorised_and_boundaries():
    import numpy as np

    rmap = regime_map(AllianceSecurityDilemma, fixed={"hedging_cost_us": 2, "hedging_cost_rok": 2})
    e_us, e_rok = np.meshgrid(np.array([-1, 1, 3], dtype=object), np.array([-1, 1, 3], dtype=object))
    grid = rmap.labels(commitment_cost_us=e_us, commitment_cost_rok=e_rok)
    assert grid.shape == (3, 3)
    for index in np.ndindex(3, 3):
        m = AllianceSecurityDilemma(commitment_cost_us=int(e_us[index]), commitment_cost_rok=int(e_rok[index]),
                                    hedging_cost_us=2, hedging_cost_rok=2)
        found = m.equilibria()
        assert grid[index] == set_label([equilibrium_support_label(e) for e in found], continuum=found.degenerate)
    # float grids: the boundaries e = 0 and e = 2 are hit exactly and count as continua
    floats = rmap.labels(commitment_cost_us=np.linspace(-1, 3, 5), commitment_cost_rok=0.5)
    assert floats[1].endswith("continuum") and floats[3].endswith("continuum")
    curves = rmap.boundaries("commitment_cost_us", "commitment_cost_rok")
    x, y = sympy.symbols("commitment_cost_us commitment_cost_rok", real=True)
    assert {str(c) for c in curves} == {"commitment_cost_us", "commitment_cost_rok", "commitment_cost_us - 2",
                                        "commitment_cost_rok - 2"}
    del x, y


def test_regime_map_of_sequential_model_matches_solver():
    fixed = {"china_discomfort": 1, "backing_loss": 1, "backing_cost": 2, "domestic_cost_japan": 1}
    rmap = regime_map(ChinaReaction, fixed=fixed)
    for entry in rmap:
        assert entry.certain
        model = ChinaReaction(**fixed, **entry.witness)
        found = model.equilibria()
        assert entry.label == set_label(spe_labels(found, model.game()), continuum=found.degenerate)


# ---------------------------------------------------------------------------------------------------- inputs, LaTeX
def test_symbolic_game_and_tree_inputs():
    b = sympy.Symbol("b", positive=True)
    game = tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, 1]])
    rs = regimes(game)
    assert rs.parameters == ("b",)
    assert {str(r.condition) for r in rs if r.support_label.count("mix") == 0} == {"True"}
    c = sympy.Symbol("c", real=True)
    tree = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": Decision(
        "Incumbent", {"Fight": Terminal((-1, c)), "Accommodate": Terminal((1, 1))})}),
        players=("Entrant", "Incumbent"))
    spe = regimes(tree)
    # the incumbent fights iff c >= 1; then the entrant stays out
    fight = [r for r in spe if r.probabilities["Incumbent@In"]["Fight"] == 1]
    assert [str(r.condition) for r in fight] == ["c >= 1"]
    assert fight[0].outcomes == {("Out",): 1}
    assert len(subgame_perfect(tree.subs(c=1))) == len(spe.at(c=1))


def test_to_latex_renders_conditions_and_expressions(quasi):
    text = quasi.to_latex()
    assert "Proposition" in text and r"\text{fear}" not in text
    # the parameters' own symbols (f_J for fear_japan, beta for security_value), not split snake_case names
    assert "f_{J}" in text and r"\beta" in text and r"\geq" in text and "fear_{japan}" not in text
    t = threshold(quasi, CC, "domestic_cost_rok").to_latex()
    assert "h_{K}" in t and "domestic_{cost rok}" not in t
    assert r"\frac" in derivative(quasi, MM, "fear_rok").to_latex()
    assert r"\item" in regime_map(QuasiAlliance, fixed={"security_value": 3}).to_latex()


def test_bad_input(quasi):
    with pytest.raises(ParameterError, match="fear_japan"):
        regimes(QuasiAlliance, fixed={"fear": 1})
    with pytest.raises(ParameterError, match="domain"):
        regimes(QuasiAlliance, fixed={"fear_japan": 2})
    with pytest.raises(UnsupportedGameError):
        regimes(QuasiAlliance().game())
    with pytest.raises(UnsupportedGameError):
        regimes("QuasiAlliance")
    with pytest.raises(UnsupportedGameError, match="2x2"):
        regimes(ChinaReaction, nash=True)  # the strategic form is 2x2x16
    with pytest.raises(ParameterError, match="no regime"):
        threshold(quasi, "Japan: Dance", "fear_rok")
    with pytest.raises(ParameterError, match="out of range"):
        threshold(quasi, 17, "fear_rok")
    with pytest.raises(ParameterError, match="parameters are"):
        derivative(quasi, 0, "fear")
    with pytest.raises(ParameterError, match="fixed"):
        derivative(QuasiAlliance, 0, "fear_rok", fixed={"fear_rok": 1})
    with pytest.raises(ParameterError, match="of must be"):
        derivative(quasi, 0, "fear_rok", of="utility")
    with pytest.raises(ParameterError, match="missing"):
        quasi.at(fear_japan=1)
    with pytest.raises(ParameterError, match="outside"):
        quasi.at(fear_japan=2, fear_rok=0, security_value=1, domestic_cost_japan=0, domestic_cost_rok=0,
                 unreciprocated_cost=1)
    with pytest.raises(ParameterError, match="number"):
        quasi.at(fear_japan="1", fear_rok=0, security_value=1, domestic_cost_japan=0, domestic_cost_rok=0,
                 unreciprocated_cost=1)
    rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1, **QA_CHA})
    with pytest.raises(ParameterError):
        rmap.labels(fear=[0, 1])
    with pytest.raises(ParameterError, match="broadcast"):
        rmap.labels(fear_japan=[0, 1], fear_rok=[0, 1, 1])
    with pytest.raises(ParameterError):
        rmap.boundaries("fear_japan", "fear_japan")
    assert issubclass(ParameterError, TrigameError)


# ---------------------------------------------------------------------------------------------------- LateralPressure

lateral_values = st.fixed_dictionaries({
    "cooperation_gain": costs, "domestic_cost_japan": costs, "domestic_cost_rok": costs, "pressure": costs,
    "us_gain": costs, "pressing_cost": positive})


@pytest.fixture(scope="module")
def lateral():
    # every parameter free: the conditions contain r (1 - k_J k_K / g^2) > e, a rational function
    return regimes(LateralPressure)


def scalar_spe_labels(model):
    return spe_labels(model.equilibria(), model.game())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=lateral_values)
def test_lateral_pressure_all_free_regimes_match_subgame_perfect(lateral, values):
    assert labels_at(lateral, **values) == scalar_spe_labels(LateralPressure(**values))


def test_lateral_pressure_regime_with_empty_nonlinear_condition_is_dropped():
    # g = 4, k_J = 1, k_K = 2, r = 3.  After the pressed mixed equilibrium (possible only for pi < k_J = 1) the
    # United States gets r P_press - e with P_press = (k_K - pi)(k_J - pi)/g^2 < 1, against r = 3 after the
    # unpressed (C, C): pressing is never a best reply there (e > 0).  That regime's condition,
    # pi < 1 and pi^2 >= 16 e/3 + 3 pi + 14, is empty (pi^2 < 1 < 14), and must be dropped, not listed.
    fixed = {"cooperation_gain": 4, "domestic_cost_japan": 1, "domestic_cost_rok": 2, "us_gain": 3}
    rs = regimes(LateralPressure, fixed=fixed)
    press_mixed_cc = [r for r in rs if r.probabilities["United States@root"]["Press"] == 1
                      and r.probabilities["pressed:Japan"]["Cooperate"] not in (0, 1)
                      and r.probabilities["unpressed:Japan"]["Cooperate"] == 1]
    assert press_mixed_cc == []
    assert any("dropped" in note for note in rs.notes)


@FAST
@given(pressure=costs, pressing_cost=positive)
def test_lateral_pressure_map_labels_equal_scalar_solve(pressure, pressing_cost):
    fixed = {"cooperation_gain": 2, "domestic_cost_japan": 1, "domestic_cost_rok": 3, "us_gain": 3}
    rmap = _lateral_map(tuple(sorted(fixed.items())))
    found = LateralPressure(**fixed, pressure=pressure, pressing_cost=pressing_cost).equilibria()
    model = LateralPressure(**fixed)
    expected = set_label(spe_labels(found, model.game()), continuum=found.degenerate)
    assert rmap.labels(pressure=pressure, pressing_cost=pressing_cost)[()] == expected


_MAPS: dict = {}


def _lateral_map(fixed):
    if fixed not in _MAPS:
        _MAPS[fixed] = regime_map(LateralPressure, fixed=dict(fixed))
    return _MAPS[fixed]


def test_lateral_pressure_threshold_in_pressing_cost():
    # Pressure works (pi = 4 > k_J = 1, k_K = 3) and the unpressed subgame is (A, A) only (g = 2 < k_K): the
    # United States presses iff r - e >= 0, i.e. the threshold in e is e = r.
    fixed = {"cooperation_gain": 2, "domestic_cost_japan": 1, "domestic_cost_rok": 3, "pressure": 4}
    rs = regimes(LateralPressure, fixed=fixed)
    press = next(r for r in rs if r.probabilities["United States@root"]["Press"] == 1)
    t = threshold(rs, press, "pressing_cost")
    r = sympy.Symbol("us_gain", nonnegative=True, real=True)
    assert any(sympy.simplify(b - r) == 0 for b in t.boundaries)
    for e, r_value, presses in ((2, 3, True), (3, 3, True), (Fraction(7, 2), 3, False)):
        model = LateralPressure(**fixed, us_gain=r_value, pressing_cost=e)
        assert (press.support_label in scalar_spe_labels(model)) == presses


# ---------------------------------------------------------------------------------------------------- TargetSelection
target_values = st.fixed_dictionaries({
    "join_cost_japan": costs, "stay_out_cost_japan": costs, "join_cost_rok": costs, "stay_out_cost_rok": costs,
    "gain_attack_japan": costs, "gain_attack_rok": costs, "bilateral_war_cost": costs,
    "multilateral_war_cost": costs, "war_loss_japan": costs, "war_loss_rok": costs})


@pytest.fixture(scope="module")
def target():
    return regimes(TargetSelection)


@FAST
@given(values=target_values)
def test_target_selection_all_free_regimes_match_subgame_perfect(target, values):
    assert labels_at(target, **values) == scalar_spe_labels(TargetSelection(**values))


def test_target_selection_threshold_of_deterrence():
    # Both allies join (j_i <= s_i); North Korea does not attack iff G_J <= M and G_K <= M: in G_J the
    # threshold is G_J = M.
    rs = regimes(TargetSelection)
    deterred = next(r for r in rs if r.probabilities["North Korea@root"]["No attack"] == 1
                    and r.probabilities["South Korea@Attack Japan"]["Join"] == 1
                    and r.probabilities["Japan@Attack South Korea"]["Join"] == 1)
    t = threshold(rs, deterred, "gain_attack_japan")
    assert [str(b) for b in t.boundaries] == ["multilateral_war_cost"]
    base = dict(join_cost_japan=1, stay_out_cost_japan=2, join_cost_rok=1, stay_out_cost_rok=2, gain_attack_rok=1,
                bilateral_war_cost=1, multilateral_war_cost=3)
    for gain, holds in ((Fraction(29, 10), True), (3, True), (Fraction(31, 10), False)):
        model = TargetSelection(**base, gain_attack_japan=gain)
        assert (deterred.support_label in scalar_spe_labels(model)) == holds


def test_target_selection_map_labels_equal_scalar_solve():
    fixed = dict(join_cost_japan=1, stay_out_cost_japan=2, join_cost_rok=3, stay_out_cost_rok=2,
                 bilateral_war_cost=1, multilateral_war_cost=3, war_loss_japan=1, war_loss_rok=1)
    rmap = regime_map(TargetSelection, fixed=fixed)
    assert all(e.certain for e in rmap)
    grid = [Fraction(k, 2) for k in range(0, 11)]
    import numpy as np

    gj, gk = np.meshgrid(np.array(grid, dtype=object), np.array(grid, dtype=object))
    labels = rmap.labels(gain_attack_japan=gj, gain_attack_rok=gk)
    model = TargetSelection(**fixed)
    for index in np.ndindex(*gj.shape):
        found = TargetSelection(**fixed, gain_attack_japan=gj[index], gain_attack_rok=gk[index]).equilibria()
        assert labels[index] == set_label(spe_labels(found, model.game()), continuum=found.degenerate)


# ---------------------------------------------------------------------------------------------------- ChinaReaction map
@pytest.fixture(scope="module")
def china_simultaneous_map(china_simultaneous):
    return regime_map(china_simultaneous)


@FAST
@given(values=china_values)
def test_china_simultaneous_map_labels_equal_scalar_solve(china_simultaneous_map, values):
    found = ChinaReaction(simultaneous=True, **values).equilibria()
    expected = set_label([equilibrium_support_label(e) for e in found], continuum=found.degenerate)
    assert china_simultaneous_map.labels(**values)[()] == expected


def test_china_simultaneous_map_witnesses_match_solver(china_simultaneous_map):
    # every set proved nonempty has a witness at which the scalar solver finds exactly that set
    for entry in china_simultaneous_map:
        assert entry.certain == (entry.witness is not None)
        if entry.witness is not None:
            found = ChinaReaction(simultaneous=True, **entry.witness).equilibria()
            assert entry.label == set_label([equilibrium_support_label(e) for e in found],
                                            continuum=found.degenerate)


def test_labels_on_a_grid_equal_labels_point_by_point(china_simultaneous_map):
    import numpy as np

    rng = np.random.default_rng(5)
    g, k = rng.integers(0, 5, size=(2, 12, 12)) / 2
    grid = china_simultaneous_map.labels(deterrence_gain=g, domestic_cost_rok=k)
    for index in np.ndindex(12, 12):
        point = china_simultaneous_map.labels(deterrence_gain=float(g[index]), domestic_cost_rok=float(k[index]))
        assert grid[index] == point[()]


# ---------------------------------------------------------------------------------------------------- the prover
def _space(**domains):
    symbols = sympy.symbols(" ".join(domains), real=True)
    symbols = symbols if isinstance(symbols, tuple) else (symbols,)
    return Space(symbols, dict(zip(symbols, domains.values()))), symbols


NONNEG = (0, False, None, True)
POS = (0, True, None, True)
FREE = (None, True, None, True)


def test_rational_sign_conditions_exclude_the_poles():
    space, (x, y) = _space(x=FREE, y=NONNEG)
    clauses = space.sign_condition(x / y, {1})
    # x/y > 0 iff x > 0 and y > 0 on y >= 0; at y = 0 it is undefined and does not hold
    for xv, yv, holds in ((1, 1, True), (-1, 1, False), (1, 0, False), (0, 1, False)):
        assert space.evaluate(clauses, (Fraction(xv), Fraction(yv))) == holds
    negative = space.sign_condition(-2 * x / (x + y - 1) ** 2, {-1})
    # an even power of the denominator: negative iff x > 0, wherever x + y != 1
    for xv, yv, holds in ((1, 1, True), (1, 0, False), (-1, 3, False), (2, 3, True)):
        assert space.evaluate(negative, (Fraction(xv), Fraction(yv))) == holds


def test_denominator_of_proved_sign_is_cleared():
    space, (x, s) = _space(x=FREE, s=POS)
    space.sign_condition(x / (s**2 + 1), {1})
    assert [space.atom_expr(k) for k in range(len(space.atoms))] == [x]


def test_emptiness_proofs_for_common_nonlinear_cases():
    # pi < 1, e > 0 and pi^2 >= 16e/3 + 3 pi + 14: pi^2 < 1 < 14 (LateralPressure, g = 4, k = (1, 2), r = 3)
    space, (p, e) = _space(p=NONNEG, e=POS)
    assert [space.feasible(c) for c in space.dnf(sympy.And(p < 1, p**2 >= 16 * e / 3 + 3 * p + 14))] == [False]
    # g^2 <= k/2, g > 1, g > k: g^2 > g > k > k/2 when k >= 0 (ChinaReaction, simultaneous)
    space, (g, k) = _space(g=NONNEG, k=NONNEG)
    assert [space.feasible(c) for c in space.dnf(sympy.And(g**2 <= k / 2, g > 1, g > k))] == [False]
    # c g >= a k, g < k, a >= c > 0: a k >= c k > c g (needs the product of a >= c with k >= 0)
    space, (a, c, g, k) = _space(a=NONNEG, c=POS, g=NONNEG, k=NONNEG)
    assert [space.feasible(cl) for cl in space.dnf(sympy.And(c * g >= a * k, g < k, a >= c))] == [False]


def test_univariate_conditions_are_decided_exactly():
    space, (x,) = _space(x=FREE)
    (inside,) = space.dnf(sympy.And(x**2 < 2, x > 1))
    assert space.feasible(inside) is True
    w = space.witness(inside)
    assert w is not None and 1 < w[0] and w[0] ** 2 < 2
    (root,) = space.dnf(sympy.Eq(x**2, 2))
    assert space.feasible(root) is True and space.witness(root) is None  # nonempty, but no rational point
    assert space.feasible(space.dnf(sympy.And(x**3 - x > 0, x < -1))[0]) is False
    assert space.dnf(x**2 + 1 < 0) == [] or all(space.feasible(c) is False for c in space.dnf(x**2 + 1 < 0))


def test_derivative_sign_is_strict_over_a_squared_denominator():
    # security_value = 2, domestic_cost_rok = 1: Pr_Japan(C) = s/(2 f_K - 1 + s), so
    # d/d f_K = -2 s/(2 f_K + s - 1)^2 < 0 wherever defined, as s > 0.
    rs = regimes(QuasiAlliance, fixed={"security_value": 2, "domestic_cost_rok": 1, **QA_CHA})
    d = derivative(rs, MM, "fear_rok")
    s, f = sympy.Symbol("unreciprocated_cost", positive=True), sympy.Symbol("fear_rok", nonnegative=True)
    expr = d.expressions[("Japan", "Cooperate")]
    assert sympy.simplify(expr + 2 * s / (2 * f + s - 1) ** 2) == 0
    assert d.signs[("Japan", "Cooperate")].sign == "negative"
    assert d.signs[("Japan", "Friction")].sign == "positive"


def test_what_the_symbolic_layer_cannot_do_is_a_trigame_error():
    t = sympy.Symbol("t", positive=True)
    game = tg.NormalFormGame.from_arrays([[sympy.sqrt(t), 0], [0, 1]], [[0, 1], [1, 0]])
    try:
        rs = regimes(game)
    except UnsupportedGameError as exc:
        assert "fix more parameters" in str(exc) or "cannot" in str(exc)
    else:  # if it is analysed, the signs it cannot decide are "unknown", never a SymPy exception
        for r in rs:
            for result in derivative(rs, r, "t").signs.values():
                assert result.sign in ("positive", "negative", "zero", "nonnegative", "nonpositive", "depends",
                                       "unknown")


def test_china_simultaneous_map_continuum_inside_a_boundary_cell(china_simultaneous_map):
    # g = k_K = 2, k_J = 1, a = 2, c = 1.  With Japan cooperating, South Korea is indifferent (g - k_K = 0
    # whatever China does; the backing loss z is paid whatever an ally does).  At Pr_ROK(Cooperate) = q =
    # c/a = 1/2 China is indifferent, and Japan's advantage of cooperating, g q - k_J = 0, does not depend on
    # China's mixture r: every r in [0, 1] gives an equilibrium (a continuum), for any z and t.  The map's cell
    # holding this point also holds points without a continuum, so labels() must decide the flag at the point.
    point = dict(deterrence_gain=2, domestic_cost_japan=1, domestic_cost_rok=2, backing_value=2, backing_cost=1)
    for backing_loss, china_discomfort in ((0, 0), (1, 0), (Fraction(1, 2), 3)):
        values = dict(point, backing_loss=backing_loss, china_discomfort=china_discomfort)
        assert ChinaReaction(simultaneous=True, **values).equilibria().degenerate
        assert china_simultaneous_map.labels(**values)[()].endswith(" | continuum")


# ---------------------------------------------------------------------------------------------------- hostile input
PAYLOAD = "__import__('builtins').setattr(__import__('builtins'), 'TRIGAME_PWNED', 1) or 1"


def test_boundaries_never_evaluate_a_string():
    # Values for the parameters off the plane were given to sympy.sympify, which evaluates Python code.
    import builtins

    rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1, **QA_CHA})
    with pytest.raises(ParameterError, match=r"domestic_cost_japan.*string"):
        rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=PAYLOAD, domestic_cost_rok=2)
    assert not hasattr(builtins, "TRIGAME_PWNED")
    with pytest.raises(ParameterError, match="domestic_cost_japan"):
        rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan="1", domestic_cost_rok=2)
    # numbers of every exact kind still work: c_J = 3 f_J - k_J = 0 at f_J = k_J/3, c_K at f_K = k_K/3
    from decimal import Decimal

    f_j, f_k = sympy.symbols("fear_japan fear_rok", nonnegative=True)
    for k_j in (1, Fraction(1), Decimal(1), sympy.Integer(1), 1.0):
        assert rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=k_j, domestic_cost_rok=2) == [
            3 * f_j - 1, 3 * f_k - 2]
    with pytest.raises(ParameterError, match=r"domestic_cost_rok = -1 is outside its domain \[0, inf\)"):
        rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=1, domestic_cost_rok=-1)


def test_labels_reject_out_of_domain_values_as_holds_does():
    # fear_japan is a probability (domain [0, 1]); holds() refused 2 while labels() labelled it silently
    rmap = regime_map(QuasiAlliance, fixed={**QA_CHA, "security_value": 3, "unreciprocated_cost": 1,
                                            "domestic_cost_japan": 1,
                                            "domestic_cost_rok": 2})
    message = r"fear_japan = 2 is outside its domain \[0, 1\]"
    with pytest.raises(ParameterError, match=message):
        rmap.regimes[0].holds(fear_japan=2, fear_rok=1)
    with pytest.raises(ParameterError, match=message):
        rmap.labels(fear_japan=2, fear_rok=1)
    with pytest.raises(ParameterError, match=r"fear_japan: entry \(2,\) = 1.5 is outside its domain \[0, 1\]"):
        rmap.labels(fear_japan=[0, 0.5, 1.5], fear_rok=1)
    with pytest.raises(ParameterError, match=r"fear_rok: entry \(1,\) = Fraction\(-1, 3\) is outside"):
        rmap.labels(fear_japan=0, fear_rok=[Fraction(1, 3), Fraction(-1, 3)])
    with pytest.raises(ParameterError, match="fear_rok"):
        rmap.labels(fear_japan=0, fear_rok=-1e-300)
    with pytest.raises(ParameterError, match=r"fear_rok.*string"):
        rmap.labels(fear_japan=0, fear_rok=[Fraction(1, 3), "1"])
    # the domain's ends belong to it; (F, F) is an equilibrium everywhere, (C, C) iff 3 f_J >= 1 and 3 f_K >= 2
    assert rmap.labels(fear_japan=[0, 1.0], fear_rok=Fraction(1)).tolist() == [
        set_label({FF}), set_label({FF, CC, MM})]


# ---------------------------------------------------------------------------------------------------- instances
def test_regimes_of_an_instance_use_its_values_as_sweep_does():
    # The instance sets f_J = 1/2 (s = 3, k_J = 1, k_K = 2, u = 1 are QuasiAlliance's defaults).  By hand:
    # c_J = 3/2 - 1 = 1/2 > 0, c_K = 3 f_K - 2, so (C, C) iff f_K >= 2/3, the mixed one iff f_K > 2/3,
    # Japan Cooperate / South Korea mixing iff f_K = 2/3, (F, F) always.
    m = QuasiAlliance(fear_japan=Fraction(1, 2))
    with pytest.raises(ParameterError, match=r"fear_japan=Fraction\(1, 2\).*free="):
        regimes(m)  # its values would be ignored: refused, with how to say what varies
    rs = regimes(m, free=["fear_rok"])
    assert rs.parameters == ("fear_rok",)
    assert rs.fixed["fear_japan"] == Fraction(1, 2)
    f_k = rs.symbols[0]
    assert rs.find(CC).condition == (f_k >= Fraction(2, 3))
    assert rs.find(MM).condition == (f_k > Fraction(2, 3))
    grid = [Fraction(k, 6) for k in range(7)]
    swept = tg.statics.sweep(m, {"fear_rok": grid})
    for value, label in zip(grid, swept.labels.tolist()):  # the sweep of the same instance agrees
        assert set_label(labels_at(rs, fear_rok=value)) == label.removesuffix(" | continuum")
        assert labels_at(rs, fear_rok=value) == numeric_labels(QuasiAlliance, fear_japan=Fraction(1, 2),
                                                               fear_rok=value)
    # fixed= overrides the instance; free as one name; the map, thresholds and derivatives take free= too
    assert [r.support_label for r in regimes(m, free="fear_rok", fixed={"fear_japan": 0})] == [FF]
    assert regime_map(m, free=["fear_rok"]).labels(fear_rok=1)[()] == set_label({CC, FF, MM})
    assert threshold(m, CC, "fear_rok", free=["fear_rok"]).boundaries == (Fraction(2, 3),)
    # an instance with the default values (built for its options) leaves every parameter free, as before
    assert regimes(QuasiAlliance()).parameters == QuasiAlliance.parameter_names()
    assert len(regimes(m, fixed={"fear_japan": Fraction(1, 2)}).parameters) == len(QuasiAlliance.parameters()) - 1
    with pytest.raises(ParameterError, match="both free and fixed"):
        regimes(m, free=["fear_rok"], fixed={"fear_rok": 1})
    with pytest.raises(ParameterError, match="no parameter 'fear'"):
        regimes(QuasiAlliance, free=["fear"])
    with pytest.raises(ParameterError, match="give values for y"):
        x, y = sympy.symbols("x y")
        regimes(tg.NormalFormGame.from_arrays([[x, 0], [0, y]], [[1, 0], [0, 1]]), free=["x"])


# ------------------------------------------------------------------------------------------ irrational thresholds
def test_one_parameter_tree_with_an_irrational_threshold():
    # P gets x^2 from a and 2 from b: a iff x^2 >= 2, i.e. |x| >= sqrt(2); b iff -sqrt(2) <= x <= sqrt(2).
    # The tree solver writes these one-parameter conditions as intervals with the ends +-sqrt(2).
    x = sympy.Symbol("x")
    tree = GameTree(Decision("P", {"a": Terminal((x**2,)), "b": Terminal((2,))}))
    rs = regimes(tree)
    a, b = rs.find("P@root: a"), rs.find("P@root: b")
    root = sympy.sqrt(2)
    assert a.condition.as_set() == sympy.Union(sympy.Interval(-sympy.oo, -root), sympy.Interval(root, sympy.oo))
    assert b.condition.as_set() == sympy.Interval(-root, root)
    assert threshold(rs, a, "x").boundaries == (-root, root)  # exact, not decimals
    # either side of each threshold (1.41 < sqrt(2) < 1.42), exactly
    for value, expected in ((Fraction(141, 100), {"b"}), (Fraction(142, 100), {"a"}), (Fraction(-142, 100), {"a"}),
                            (Fraction(-141, 100), {"b"}), (0, {"b"}), (5, {"a"})):
        assert {r.label.split(": ")[1] for r in rs.at(x=value)} == expected
        assert labels_at(rs, x=value) == spe_labels(subgame_perfect(tree.subs(x=value)), tree)
        assert a.holds(x=value) == ("a" in expected)
    rmap = regime_map(tree)
    assert rmap.labels(x=[Fraction(141, 100), Fraction(142, 100), 1.41, 1.42]).tolist() == [
        "P@root: b", "P@root: a", "P@root: b", "P@root: a"]
    assert {e.label for e in rmap} == {"P@root: a", "P@root: b", "P@root: a | P@root: b"}
    tie = next(e for e in rmap if e.label == "P@root: a | P@root: b")
    assert tie.condition.as_set() == sympy.FiniteSet(-root, root)
    # on a positive parameter only the positive threshold remains: a iff x >= sqrt(2)
    y = sympy.Symbol("y", positive=True)
    positive = regimes(GameTree(Decision("P", {"a": Terminal((y**2,)), "b": Terminal((2,))})))
    assert positive.find("P@root: a").condition == (y >= root)
    assert threshold(positive, "P@root: b", "y").boundaries == (root,)


LATERAL_IRRATIONAL = {"cooperation_gain": 3, "domestic_cost_japan": 2, "domestic_cost_rok": 4, "us_gain": 4,
                      "pressing_cost": 1}


@functools.cache
def _lateral_irrational():
    return regimes(LateralPressure, fixed=LATERAL_IRRATIONAL)  # about 7 s, in the tree solver


def test_lateral_pressure_threshold_in_pressure_is_irrational():
    # g = 3, k_J = 2, k_K = 4, r = 4, e = 1; pressure pi free.  Unpressed: g < k_K, so (A, A) only: P_not = 0.
    # Pressed, 1 < pi < 2: both allies match their partner (pi < k_i < g + pi), and the mixed equilibrium has
    # Pr_Japan(C) = (k_K - pi)/g = (4 - pi)/3, Pr_ROK(C) = (k_J - pi)/g = (2 - pi)/3.  After it the United States
    # presses iff r P_press - e >= r P_not, i.e. 4 (4 - pi)(2 - pi)/9 >= 1, i.e. pi^2 - 6 pi + 23/4 >= 0, whose
    # roots are 3 -+ sqrt(13)/2 (1.197..., 4.802...): on (1, 2) it presses iff pi <= 3 - sqrt(13)/2.
    rs = _lateral_irrational()
    cut = 3 - sympy.sqrt(13) / 2

    def mixed(press):
        return next(r for r in rs if r.probabilities["pressed:Japan"]["Cooperate"] not in (0, 1)
                    and r.probabilities["pressed:South Korea"]["Cooperate"] not in (0, 1)
                    and r.probabilities["United States@root"]["Press"] == press)

    pressed, not_pressed = mixed(1), mixed(0)
    assert pressed.condition.as_set() == sympy.Interval.Lopen(1, cut)
    assert not_pressed.condition.as_set() == sympy.Interval.Ropen(cut, 2)
    t = threshold(rs, pressed, "pressure")
    assert t.boundaries == (1, cut)
    assert t.condition.as_set() == sympy.Interval.Lopen(1, cut)
    # either side of 3 - sqrt(13)/2 = 1.1972...: 1.19 and 1.2, against the solver
    for value, presses in ((Fraction(119, 100), True), (Fraction(6, 5), False)):
        model = LateralPressure(pressure=value, **LATERAL_IRRATIONAL)
        assert labels_at(rs, pressure=value) == scalar_spe_labels(model)
        assert pressed.holds(pressure=value) is presses
        assert not_pressed.holds(pressure=value) is not presses
    rmap = regime_map(rs)
    values = [Fraction(k, 20) for k in range(0, 61)] + [Fraction(119, 100), Fraction(6, 5)]
    for value, label in zip(values, rmap.labels(pressure=values).tolist()):
        model = LateralPressure(pressure=value, **LATERAL_IRRATIONAL)
        assert label.removesuffix(" | continuum") == set_label(scalar_spe_labels(model))
    assert any(e.condition == sympy.Eq(sympy.Symbol("pressure", nonnegative=True), cut) for e in rmap)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.fractions(0, 6, max_denominator=50))
def test_lateral_pressure_irrational_regimes_match_subgame_perfect(value):
    rs = _lateral_irrational()
    assert labels_at(rs, pressure=value) == scalar_spe_labels(LateralPressure(pressure=value, **LATERAL_IRRATIONAL))


def test_algebraic_constants_are_decided_exactly():
    x = sympy.Symbol("x")
    space = Space((x,), {})
    assert space.dnf(sympy.sqrt(2) - 1 > 0) == [{}]
    assert space.dnf(sympy.sqrt(2) + sympy.sqrt(3) - sympy.sqrt(5 + 2 * sympy.sqrt(6)) > 0) == []  # it is 0
    clauses = space.dnf(sympy.sqrt(3) * x > sympy.sqrt(6))  # x > sqrt(2)
    assert space.to_sympy(clauses) == (x > sympy.sqrt(2))
    assert space.evaluate(clauses, (Fraction(142, 100),)) and not space.evaluate(clauses, (Fraction(141, 100),))
    root = sympy.CRootOf(x**5 - x - 1, 0)  # 1.1673..., no radicals
    clauses = space.dnf(x <= root)
    assert space.evaluate(clauses, (Fraction(116, 100),)) and not space.evaluate(clauses, (Fraction(117, 100),))


def test_fourier_motzkin_gives_up_before_a_step_passes_its_budget():
    # Four families of 30 half-planes ±x0 ± k*x1 + 1 >= 0 (k = 1..30): whichever variable goes first, 60 lower times
    # 60 upper bounds = 3,600 > FM_LIMIT new rows.  Steps like this used to run for minutes inside regime_map (a tree
    # with a simultaneous stage); the step must answer "undecided" (None) at once, which the callers treat as unknown.
    from trigame.statics.decision.linear import FM_LIMIT, _fourier_motzkin

    assert 60 * 60 > FM_LIMIT
    rows = [({0: Fraction(a), 1: Fraction(b * k)}, Fraction(1), False)
            for k in range(1, 31) for a in (1, -1) for b in (1, -1)]
    assert _fourier_motzkin([], rows) is None
    # a small system is still decided exactly: 0 <= x0 <= 1 is feasible, 1 <= x0 <= 0 is not
    assert _fourier_motzkin([], [({0: Fraction(1)}, Fraction(0), False), ({0: Fraction(-1)}, Fraction(1), False)])
    assert not _fourier_motzkin([], [({0: Fraction(1)}, Fraction(-1), False), ({0: Fraction(-1)}, Fraction(0), False)])
