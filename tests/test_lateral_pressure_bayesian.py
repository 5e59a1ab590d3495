"""BayesianLateralPressure: the US presses without knowing Seoul's domestic cost; SPE derived by hand.

Hand derivation (the model's docstring states it too).  g = cooperation_gain, k_J = domestic_cost_japan,
k_L / k_H = Seoul's low / high cost (prior q of low), pi = pressure, r = us_gain, e = pressing_cost.
Defaults g = 2, k_J = 1, k_L = 1, k_H = 5, pi = 2, r = 3, e = 1, q = 2/5.

Pressed subgame: the low type cooperates (dominant: pi = 2 > k_L = 1, i.e. -k_L > -pi against an abstaining Japan
and g - k_L > -pi against a cooperating one), the high type abstains (dominant: k_H = 5 > g + pi = 4).  Japan:
Cooperate gives q*g - k_J = 4/5 - 1 = -1/5, Abstain gives -pi = -2, so it cooperates.  Joint cooperation with
probability q = 2/5; the pressing fails with probability 3/5.
Unpressed subgame: the high type abstains (k_H > g); the low type matches Japan; Japan cooperating gets at most
q*g - k_J = -1/5 < 0, so everyone abstains (unique).
US: pressing gives q*r - e = 6/5 - 1 = 1/5 > 0 = not pressing.  Unique SPE, ex-ante payoffs
US 1/5, Japan q*g - k_J = -1/5, Seoul q*(g - k_L) + (1 - q)*(-pi) = 2/5 - 6/5 = -4/5.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.models.lateral_pressure import LateralPressure
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure

US = "United States@root"


def make(**values: Any) -> BayesianLateralPressure:
    """The model at exact values (its fields are annotated float, as in every model; Fractions are welcome)."""
    return BayesianLateralPressure(**values)


def press(e: Any) -> F:
    return F(e.behavior[US]["Press"])


def cooperation_probability(m: Any, e: Any, branch: str) -> F:
    """Pr(both allies cooperate) in the subgame ``branch`` ("pressed" or "unpressed"), summed by hand."""
    q = F(m.prior_low_cost)
    japan = F(e.behavior[f"{branch}:Japan"]["Cooperate"])
    low = F(e.behavior[f"{branch}:South Korea@low cost"]["Cooperate"])
    high = F(e.behavior[f"{branch}:South Korea@high cost"]["Cooperate"])
    return japan * (q * low + (1 - q) * high)


def test_june_2012_pressing_fails_with_positive_probability() -> None:
    m = BayesianLateralPressure()
    (spe,) = m.equilibria()
    assert press(spe) == 1
    assert spe.behavior["pressed:South Korea@low cost"]["Cooperate"] == 1
    assert spe.behavior["pressed:South Korea@high cost"]["Abstain"] == 1
    assert spe.behavior["pressed:Japan"]["Cooperate"] == 1
    assert tuple(spe.payoffs) == (F(1, 5), F(-1, 5), F(-4, 5))
    # the United States presses, and cooperation fails with probability 1 - q = 3/5: June 2012
    assert 1 - cooperation_probability(m, spe, "pressed") == F(3, 5)
    assert tg.is_nash(m.game().to_normal_form(), spe.profile())


def test_complete_information_never_presses_and_fails() -> None:
    # The contrast of issue 17 §1.4: in LateralPressure (Seoul's cost known) the SPE that press bring
    # cooperation for sure (pressure works), and when Seoul's cost defeats pressure the US does not press.
    for k_rok in (1, 5):
        for spe in LateralPressure(domestic_cost_rok=k_rok, pressure=2).equilibria():
            if spe.choices()[US] == "Press":
                assert spe.choices()["pressed:Japan"] == spe.choices()["pressed:South Korea"] == "Cooperate"


def test_doubting_seoul_preset() -> None:
    # q = 1/5: q*r - e = 3/5 - 1 < 0 and unpressed cooperation is not an equilibrium (q*g = 2/5 < k_J): no press.
    m = BayesianLateralPressure.presets()["Doubting Seoul (illustrative)"]
    (spe,) = m.equilibria()
    assert press(spe) == 0 and tuple(spe.payoffs) == (0, 0, 0)


def test_three_spe_when_unpressed_cooperation_is_possible() -> None:
    # q = 3/5: q*g = 6/5 > k_J, so the unpressed subgame has three equilibria: (Japan C, low C) with cooperation
    # probability q = 3/5; all abstain; and a mixed one, Japan C with k_L/g = 1/2 and the low type C with
    # k_J/(q*g) = 5/6, cooperation with probability (1/2)(5/6)(3/5) = 1/4.  The US presses iff
    # q*r - e = 4/5 > r*P_not: not after the first (9/5), yes after the others (0 and 3/4).
    m = make(prior_low_cost=F(3, 5))
    eqs = m.equilibria()
    got = {(press(e), cooperation_probability(m, e, "unpressed")) for e in eqs}
    assert got == {(0, F(3, 5)), (1, 0), (1, F(1, 4))}
    mixed = next(e for e in eqs if cooperation_probability(m, e, "unpressed") == F(1, 4))
    assert mixed.behavior["unpressed:Japan"]["Cooperate"] == F(1, 2)
    assert mixed.behavior["unpressed:South Korea@low cost"]["Cooperate"] == F(5, 6)
    payoffs = {press(e): tuple(e.payoffs) for e in eqs if cooperation_probability(m, e, "unpressed") != F(1, 4)}
    assert payoffs == {0: (F(9, 5), F(1, 5), F(3, 5)), 1: (F(4, 5), F(1, 5), F(-1, 5))}


@settings(max_examples=25, deadline=None)
@given(q=st.fractions(min_value=F(1, 20), max_value=F(9, 20), max_denominator=20),
       e=st.fractions(min_value=F(1, 4), max_value=3, max_denominator=4))
def test_press_threshold_over_the_prior(q: F, e: F) -> None:
    # q < 1/2 keeps q*g < k_J (no unpressed cooperation); the US presses iff q*r > e (r = 3), both at equality;
    # when it presses, cooperation fails with probability 1 - q.
    eqs = make(prior_low_cost=q, pressing_cost=e).equilibria()
    presses = {press(spe) for spe in eqs}
    assert presses == ({1} if 3 * q > e else {0} if 3 * q < e else {0, 1})
    m = make(prior_low_cost=q, pressing_cost=e)
    for spe in eqs:
        if press(spe) == 1:
            assert cooperation_probability(m, spe, "pressed") == q


@pytest.mark.parametrize(("k", "pi"), [(3, 4), (3, F(1, 2)), (1, 2), (F(3, 2), 1)])
def test_equal_costs_give_the_complete_information_outcomes(k: Any, pi: Any) -> None:
    # With k_L = k_H = k the two types of Seoul are two agents with the same payoffs.  At q = 2/5 (q*g < k_J)
    # they cannot coordinate differently in a pure equilibrium (Japan would need q*g - k_J >= 0 to cooperate
    # with the low type alone), and in a mixed one Japan's mixture k/g makes both indifferent and only their
    # average cooperation k_J/g is pinned down.  So the US choices and payoffs are LateralPressure's; for k < g
    # (the unpressed stag hunt) the types' mixtures form a continuum, extra SPE with the same outcomes.
    bayes = make(domestic_cost_rok_low=k, domestic_cost_rok_high=k, pressure=pi)
    plain = LateralPressure(domestic_cost_rok=k, pressure=pi)
    got = {(press(e), tuple(e.payoffs)) for e in bayes.equilibria()}
    expected = {(F(e.behavior[US]["Press"]), tuple(e.payoffs)) for e in plain.equilibria()}
    assert got == expected
    assert len(bayes.equilibria()) >= len(plain.equilibria())


@pytest.mark.parametrize("bad", [0, 1, F(-1, 2), 2])
def test_prior_strictly_inside_the_unit_interval(bad: Any) -> None:
    with pytest.raises(tg.ParameterError, match=r"prior_low_cost.*\(0, 1\)"):
        make(prior_low_cost=bad)


@pytest.mark.parametrize("bad", ["2/5", "__import__('os')", None, float("nan"), True])
def test_strings_and_non_numbers_are_refused(bad: Any) -> None:
    with pytest.raises(tg.TrigameError):
        make(prior_low_cost=bad)
