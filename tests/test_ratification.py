"""Ratification (GSOMIA 2012): a two-level signalling game, PBE derived by hand.

Hand derivation (the model's docstring states it too).  The National Assembly's cost is low (prior q: it ratifies
what is signed) or high (it rejects).  It Acquiesces or Protests (cost p); the government Signs or Pulls.
Payoffs (Assembly, Government), p subtracted from the Assembly's after Protest, with a = assembly_gain,
j = rejection_cost, v = government_gain, f = defection_cost, d = pull_cost:

    low cost:  Sign -> (a, v)      Pull -> (0, -d)
    high cost: Sign -> (-j, -f)    Pull -> (0, -d)

The government signs iff its belief mu in the low cost has mu*v - (1 - mu)*f >= -d, i.e. mu >= (f - d)/(v + f).
At the defaults (q = 1/2, v = 2, f = 3, d = 1, a = 1, j = 3, p = 2) the threshold is 2/5.

* Separating (low Acquiesce, high Protest; Sign after Acquiesce, Pull after Protest): low gets 1 >= -p = -2,
  high -2 >= -3 (p <= j); the government signs at mu = 1 (2 > -1) and pulls at mu = 0 (-1 > -3).  Ex ante:
  Assembly (1 - 2)/2 = -1/2, government (2 - 1)/2 = 1/2.
* Pooling on Acquiesce: mu = 1/2 >= 2/5, the government signs.  High must not gain by protesting:
  -2 - 3*rho <= -3, rho = Pr(Sign | Protest) >= 1/3, which needs mu(Protest) >= 2/5 (= 2/5 when rho < 1).
  Extreme points rho = 1 and rho = 1/3.  Ex ante: Assembly (1 - 3)/2 = -1, government (2 - 3)/2 = -1/2.
* Pooling on Protest fails (low gets a - p = -1 < 0 <= its payoff from Acquiesce whatever the government does);
  no semi-separating one (low never protests: a - p < 0; high mixing would need Pr(Sign | Acquiesce) = 2/3 and
  mu(Acquiesce) = 2/5, i.e. (1/2)/(1/2 + sigma/2) = 2/5, sigma = 3/2 > 1).
* Intuitive Criterion: at the pooling only the high-cost Assembly can gain by protesting (-2 > -3; low at most
  -1 < 1), so the government reads Protest as high cost and pulls: the pooling fails.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.models.ratification import Ratification
from trigame.statics import regimes

LOW, HIGH = "National Assembly@low cost", "National Assembly@high cost"
AFTER_A, AFTER_P = "Government@Acquiesce", "Government@Protest"


def make(**values: Any) -> Ratification:
    """The model at exact values (its fields are annotated float, as in every model; Fractions are welcome)."""
    return Ratification(**values)


def profile(e: Any) -> tuple[Any, ...]:
    """(Pr low protests, Pr high protests, Pr Sign after Acquiesce, Pr Sign after Protest)."""
    b = e.behavior
    return (b[LOW]["Protest"], b[HIGH]["Protest"], b[AFTER_A]["Sign"], b[AFTER_P]["Sign"])


def defection_probability(m: Any, e: Any) -> F:
    """Pr(the agreement is signed and the high-cost Assembly rejects it): involuntary defection."""
    q_high = 1 - F(m.prior_low_cost)
    return q_high * sum((F(s) * F(e.behavior[f"Government@{msg}"]["Sign"]) for msg, s in e.behavior[HIGH].items()),
                        F(0))


def pulled_probability(m: Any, e: Any) -> F:
    """Pr(the signing is pulled)."""
    prior = {LOW: F(m.prior_low_cost), HIGH: 1 - F(m.prior_low_cost)}
    return sum((prior[t] * F(s) * F(e.behavior[f"Government@{msg}"]["Pull"])
                for t in (LOW, HIGH) for msg, s in e.behavior[t].items()), F(0))


def test_payoff_table_at_the_defaults() -> None:
    game = Ratification().game()
    assert game.payoff("low cost", "Acquiesce", "Sign") == (1, 2)
    assert game.payoff("low cost", "Protest", "Pull") == (-2, -1)
    assert game.payoff("high cost", "Acquiesce", "Sign") == (-3, -3)
    assert game.payoff("high cost", "Protest", "Sign") == (-5, -3)


def test_june_2012_the_signing_pulled_on_protest() -> None:
    m = Ratification()
    eqs = m.equilibria()
    assert eqs.complete
    assert {profile(e) for e in eqs} == {(0, 1, 1, 0), (0, 0, 1, 1), (0, 0, 1, F(1, 3))}
    payoffs = {profile(e): tuple(e.payoffs) for e in eqs}
    assert payoffs[(0, 1, 1, 0)] == (F(-1, 2), F(1, 2))
    assert payoffs[(0, 0, 1, 1)] == payoffs[(0, 0, 1, F(1, 3))] == (-1, F(-1, 2))
    (kept,) = m.equilibria(refine="intuitive")
    assert kept.kind == "separating" and profile(kept) == (0, 1, 1, 0)
    # no involuntary defection: the signing is pulled exactly when the Assembly would reject (Pr 1/2)
    assert defection_probability(m, kept) == 0 and pulled_probability(m, kept) == F(1, 2)
    # the blind-signing pooling would have cost an involuntary defection with probability 1/2
    assert {defection_probability(m, e) for e in eqs if e.kind == "pooling"} == {F(1, 2)}


def test_involuntary_defection_preset() -> None:
    # p = 4 > j = 3: a high-cost Assembly prefers rejecting (-3) to protesting (at most -4), so nobody protests;
    # q = 1/2 >= 2/5: the government signs on its prior.  After Protest (off the path) either response: the high
    # type gets -4 - 3*rho <= -3 and the low type rho - 4 <= 1 for every rho.  No type can gain by protesting,
    # so the Intuitive Criterion keeps both.
    m = Ratification.presets()["Involuntary defection (illustrative)"]
    eqs = m.equilibria()
    assert {profile(e) for e in eqs} == {(0, 0, 1, 1), (0, 0, 1, 0)}
    assert {defection_probability(m, e) for e in eqs} == {F(1, 2)}
    assert len(m.equilibria(refine="intuitive")) == 2


def test_no_attempt_preset() -> None:
    # q = 1/5 < 2/5 and no credible protest: the government pulls on its prior (Pr pulled = 1).
    m = Ratification.presets()["No attempt (illustrative)"]
    eqs = m.equilibria()
    assert {profile(e) for e in eqs} == {(0, 0, 0, 1), (0, 0, 0, 0)}
    assert {pulled_probability(m, e) for e in eqs} == {1}


# ---------------------------------------------------------------------------- conditions against the solver
costs = st.fractions(min_value=F(1, 2), max_value=5, max_denominator=2)


@settings(max_examples=30, deadline=None)
@given(q=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10), v=costs, f=costs,
       d=st.fractions(min_value=0, max_value=5, max_denominator=2), a=costs, j=costs,
       p=st.fractions(min_value=0, max_value=6, max_denominator=2))
def test_conditions_against_the_solver(q: F, v: F, f: F, d: F, a: F, j: F, p: F) -> None:
    m = make(prior_low_cost=q, government_gain=v, defection_cost=f, pull_cost=d, assembly_gain=a,
                     rejection_cost=j, protest_cost=p)
    eqs = m.equilibria()
    got = {profile(e) for e in eqs}
    # the separating PBE (high protests, signing pulled after protest) iff p <= j and d <= f;
    # the reversed one (low protests and gets the signing) iff a >= p and d <= f
    assert ((0, 1, 1, 0) in got) == (p <= j and d <= f)
    assert ((1, 0, 0, 1) in got) == (a >= p and d <= f)
    # signing blind: with protest worth nothing to either type (p > j, p > a) nobody protests, and the
    # government signs iff q >= (f - d)/(v + f); then the high-cost Assembly rejects with probability 1 - q
    if p > j and p > a and q * (v + f) != f - d:
        signs = q * (v + f) > f - d
        assert all(e.behavior[AFTER_A]["Sign"] == (1 if signs else 0) for e in eqs)
        assert {defection_probability(m, e) for e in eqs} == {1 - q if signs else 0}


# ---------------------------------------------------------------------------- statics and hostile input
def test_symbolic_regimes_pulled_on_protest() -> None:
    # the docstring's "pulled on protest": the high-cost Assembly protests iff -p >= -j, the low-cost one
    # acquiesces (a >= -p), and the government signs on belief 1 (v >= -d) and pulls on belief 0 (-d >= -f):
    # the separating PBE exists iff p <= j
    rs = regimes(Ratification, fixed={"government_gain": 2, "defection_cost": 3, "pull_cost": 1,
                                      "assembly_gain": 1, "prior_low_cost": F(1, 2)})
    separating = rs.find("separating: National Assembly@low cost: Acquiesce, National Assembly@high cost: "
                         "Protest, Government@Acquiesce: Sign, Government@Protest: Pull")
    p, j = (next(s for s in rs.symbols if s.name == n) for n in ("protest_cost", "rejection_cost"))
    assert separating.condition == (j >= p)


@pytest.mark.parametrize("bad", [0, 1, F(-1, 2), 2])
def test_prior_strictly_inside_the_unit_interval(bad: Any) -> None:
    with pytest.raises(tg.ParameterError, match=r"prior_low_cost.*\(0, 1\)"):
        make(prior_low_cost=bad)


@pytest.mark.parametrize("bad", ["1/2", "__import__('os')", None, float("nan"), float("-inf"), True])
def test_strings_and_non_numbers_are_refused(bad: Any) -> None:
    with pytest.raises(tg.TrigameError):
        make(prior_low_cost=bad)
    with pytest.raises(tg.TrigameError):
        make(protest_cost=bad)


def test_renamed_players() -> None:
    m = make(players=("Public opinion", "Government"))
    assert m.game().players == ("Public opinion", "Government")
    assert "Public opinion@high cost" in m.equilibria()[0].behavior
