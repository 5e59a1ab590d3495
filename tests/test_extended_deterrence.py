"""ExtendedDeterrence and IncompleteInformationModel: priors as model parameters, BNE, PBE and symbolic regimes.

Hand derivation used throughout (the model's docstring states it too).  Payoffs (ally, United States), with
b = security_gain, c = abandonment_loss, h = hedging_value, r = resolve_margin, d = defense_cost and
p = prior_resolved:

    ally:  Rely -> b if the US defends, -c if it abandons;  Hedge -> h whatever the US does
    US:    Defend -> r (resolved type), -d (unresolved type);  Abandon -> 0  (whatever the ally does)

With r, d > 0 each US type has a strictly dominant action: the resolved type Defends, the unresolved Abandons.
Against it, Rely gives the ally p*b - (1 - p)*c and Hedge gives h, so Rely is a best reply iff
p*(b + c) >= c + h, i.e. p >= (c + h)/(b + c) (b + c > 0 on the domain).  At the defaults b = c = 4, h = 1 the
threshold is (4 + 1)/(4 + 4) = 5/8.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.bayesian import BayesianGame
from trigame.games.signaling import SignalingGame
from trigame.models import UNIT, parameter
from trigame.models.extended_deterrence import ExtendedDeterrence
from trigame.models.incomplete import IncompleteInformationModel
from trigame.solve.bayesian import bayesian_equilibria
from trigame.statics import regimes, threshold

US_FIXED = {"resolve_margin": 1, "defense_cost": 1}
NUMBERS = {"security_gain": 4, "abandonment_loss": 4, "hedging_value": 1, **US_FIXED}
US = {"resolved": {"Defend": 1, "Abandon": 0}, "unresolved": {"Defend": 0, "Abandon": 1}}
RELY = "South Korea@-: Rely, United States@resolved: Defend, United States@unresolved: Abandon"
HEDGE = "South Korea@-: Hedge, United States@resolved: Defend, United States@unresolved: Abandon"


def model(**values: Any) -> ExtendedDeterrence:
    """The model at exact values (its fields are annotated float, as in every model; Fractions are welcome)."""
    return ExtendedDeterrence(**values)


def ally_choices(eqs: Any) -> set[str]:
    """The ally's pure actions over the pure equilibria in which each US type plays its dominant action."""
    out = set()
    for e in eqs.pure():
        assert e.behavior["United States"] == US, e.label()  # strictly dominant actions (hand derivation)
        out |= {a for a, q in e.behavior["South Korea"]["-"].items() if q == 1}
    return out


# ---------------------------------------------------------------------------- Bayesian Nash equilibria at numbers
def test_bne_at_the_defaults_is_reliance() -> None:
    # p = 3/4: Rely gives 3/4*4 - 1/4*4 = 2 > 1 = Hedge.  Ex-ante payoffs: ally 2; US 3/4*r + 1/4*0 = 3/4.
    eqs = ExtendedDeterrence().equilibria()
    assert eqs.complete and not eqs.degenerate and len(eqs) == 1
    (e,) = eqs
    assert e.behavior == {"South Korea": {"-": {"Rely": 1, "Hedge": 0}}, "United States": US}
    assert tuple(e.payoffs) == (2, F(3, 4))
    assert e.interim["United States"] == {"resolved": 1, "unresolved": 0}
    assert tg.is_bayesian_nash(ExtendedDeterrence().game(), e.behavior)


def test_bne_below_the_threshold_is_hedging() -> None:
    # p = 1/2: Rely gives 1/2*4 - 1/2*4 = 0 < 1 = Hedge.  Ex-ante payoffs: ally 1; US 1/2.
    m = model(prior_resolved=F(1, 2))
    (e,) = m.equilibria()
    assert e.behavior["South Korea"]["-"] == {"Rely": 0, "Hedge": 1}
    assert tuple(e.payoffs) == (1, F(1, 2))
    relying = {"South Korea": {"-": {"Rely": 1, "Hedge": 0}}, "United States": US}
    assert not tg.is_bayesian_nash(m.game(), relying)


def test_at_the_threshold_the_ally_is_indifferent() -> None:
    # p = 5/8: Rely gives 5/8*4 - 3/8*4 = 1 = Hedge: every mixture is an equilibrium (a continuum).
    eqs = model(prior_resolved=F(5, 8)).equilibria()
    assert eqs.degenerate and ally_choices(eqs) == {"Rely", "Hedge"}
    half = {"South Korea": {"-": {"Rely": F(1, 2), "Hedge": F(1, 2)}}, "United States": US}
    assert tg.is_bayesian_nash(model(prior_resolved=F(5, 8)).game(), half)


def test_float_prior_and_nash_of_the_strategic_form() -> None:
    m = model(prior_resolved=0.9)
    assert m.game().kind == "float" and ally_choices(m.equilibria()) == {"Rely"}
    # The ex-ante strategic form: the US's type-contingent strategy "Defend|Abandon" against Rely is a Nash
    # equilibrium (each type's dominant action), by the same derivation.
    nash = ExtendedDeterrence().equilibria(nash=True)
    assert any(e.is_pure and e.label() == "South Korea: Rely, United States: Defend|Abandon" for e in nash)


def test_payoff_tensor_is_the_ex_ante_strategic_form() -> None:
    grid = [F(1, 4), F(1, 2), F(3, 4)]
    tensor = ExtendedDeterrence.payoff_tensor(prior_resolved=grid)
    for k, p in enumerate(grid):
        form = model(prior_resolved=p).game().to_normal_form()
        assert tensor[k].tolist() == form.payoffs.tolist()
    # Ally relying against "Defend|Abandon": p*4 - (1 - p)*4 = 8p - 4 (hand): -2, 0, 2.
    assert [tensor[k][0][0][1] for k in range(3)] == [-2, 0, 2]
    # At p = 0 the game's own strategic form drops the resolved type (probability zero); the tensor keeps
    # both types' strategies, as the symbolic game does, so that every grid point has one shape.
    assert ExtendedDeterrence.payoff_tensor(prior_resolved=[0, 1]).shape == (2, 2, 2, 4)


# ---------------------------------------------------------------------------- regimes and thresholds over the prior
def test_regimes_over_the_prior() -> None:
    rs = regimes(ExtendedDeterrence, fixed=NUMBERS)
    assert rs.parameters == ("prior_resolved",)
    p = rs.symbols[0]
    assert {r.support_label: r.condition for r in rs} == {RELY: p >= sympy.Rational(5, 8),
                                                          HEDGE: p <= sympy.Rational(5, 8)}
    assert any("type-agent form" in note for note in rs.notes)


def test_reliance_threshold_is_an_exact_expression_in_the_payoffs() -> None:
    rs = regimes(ExtendedDeterrence, fixed=US_FIXED)
    b, c, h = (sympy.Symbol(n, **a) for n, a in (("security_gain", {"positive": True}),
                                                 ("abandonment_loss", {"positive": True}),
                                                 ("hedging_value", {"real": True})))
    reliance = rs.find(RELY)
    t = threshold(rs, reliance, "prior_resolved")
    expected = (c + h) / (b + c)  # hand derivation above
    assert len(t.boundaries) == 1 and sympy.simplify(t.boundaries[0] - expected) == 0
    p = rs.symbols[rs.parameters.index("prior_resolved")]
    assert t.condition == (p >= t.boundaries[0])
    # the same from the model directly, all payoffs fixed: 5/8
    assert threshold(ExtendedDeterrence, RELY, "prior_resolved", fixed=NUMBERS).boundaries == (sympy.Rational(5, 8),)


@settings(max_examples=25, deadline=None)
@given(p=st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
       b=st.fractions(min_value=F(1, 4), max_value=5, max_denominator=4),
       c=st.fractions(min_value=F(1, 4), max_value=5, max_denominator=4),
       h=st.fractions(min_value=-3, max_value=5, max_denominator=4))
def test_regime_conditions_agree_with_the_solver(p: F, b: F, c: F, h: F) -> None:
    values = {"prior_resolved": p, "security_gain": b, "abandonment_loss": c, "hedging_value": h}
    expected = {a for a, holds in (("Rely", p * (b + c) >= c + h), ("Hedge", p * (b + c) <= c + h)) if holds}
    by_regime = {a for r in _RS.at(**values) for a, q in r.probabilities["South Korea@-"].items() if q == 1}
    solved = ally_choices(bayesian_equilibria(model(**values, **US_FIXED).game()))
    assert by_regime == solved == expected


_RS = regimes(ExtendedDeterrence, fixed=US_FIXED)


# ---------------------------------------------------------------------------- hostile input
@pytest.mark.parametrize("bad", [F(-1, 10), F(11, 10), -1, 2, 1.5])
def test_prior_outside_the_unit_interval(bad: Any) -> None:
    with pytest.raises(tg.ParameterError, match=r"prior_resolved.*\[0, 1\]"):
        model(prior_resolved=bad)
    with pytest.raises(tg.ParameterError, match=r"prior_resolved.*\[0, 1\]"):
        ExtendedDeterrence.payoff_tensor(prior_resolved=[F(1, 2), bad])
    with pytest.raises(tg.ParameterError, match="prior_resolved"):
        regimes(ExtendedDeterrence, fixed={**NUMBERS, "prior_resolved": bad})
    with pytest.raises(tg.ParameterError, match="prior_resolved"):
        _RS.at(prior_resolved=bad, security_gain=1, abandonment_loss=1, hedging_value=0)


@pytest.mark.parametrize("bad", ["1/2", None, float("nan"), True])
def test_prior_not_a_number(bad: Any) -> None:
    with pytest.raises(tg.TrigameError):
        model(prior_resolved=bad)


def test_refine_is_for_signalling_games() -> None:
    with pytest.raises(tg.UnsupportedGameError, match="refine"):
        ExtendedDeterrence().equilibria(refine="intuitive")


# ---------------------------------------------------------------------------- the base class on other games
@dataclass(frozen=True, kw_only=True)
class BeerQuiche(IncompleteInformationModel):
    """Cho and Kreps (1987) Beer-Quiche with the prior of the strong type a parameter."""

    players = ("Sender", "Receiver")
    prior_strong: float = parameter(default=F(9, 10), domain=UNIT, description="prior of the strong type")

    @staticmethod
    def payoffs(v: Any) -> SignalingGame:
        def u(t: str, m: str, a: str) -> tuple[int, int]:
            liked = {"strong": "beer", "weak": "quiche"}[t]
            sender = (1 if m == liked else 0) + (2 if a == "not" else 0)
            receiver = 1 if (a == "duel") == (t == "weak") else 0
            return (sender, receiver)

        return SignalingGame(("strong", "weak"), {"strong": v.prior_strong, "weak": 1 - v.prior_strong},
                             ("beer", "quiche"), ("duel", "not"), u)


@dataclass(frozen=True, kw_only=True)
class NotAGame(IncompleteInformationModel):
    players = ("A",)
    x: float = parameter(default=1, domain=UNIT, description="x")

    @staticmethod
    def payoffs(v: Any) -> Any:
        return {("a",): (v.x,)}


def test_signalling_model_solves_by_perfect_bayesian_equilibria() -> None:
    # Cho and Kreps (1987), prior 9/10: a beer-pooling and a quiche-pooling component; the Intuitive
    # Criterion removes quiche pooling (the strong type would send beer), leaving beer pooling only.
    m = BeerQuiche()
    every = m.equilibria()
    assert {e.kind for e in every} == {"pooling"}
    kept = m.equilibria(refine="intuitive")
    assert 0 < len(kept) < len(every)
    assert all(e.behavior["Sender@strong"]["beer"] == 1 and e.behavior["Sender@weak"]["beer"] == 1 for e in kept)
    # the symbolic regimes on the prior: pooling on beer with a duel after quiche iff prior_strong >= 1/2
    rs = regimes(BeerQuiche, free=["prior_strong"])
    beer = rs.find("pooling: Sender@strong: beer, Sender@weak: beer, Receiver@beer: not, Receiver@quiche: duel")
    assert beer.holds(prior_strong=F(1, 2)) and not beer.holds(prior_strong=F(49, 100))
    with pytest.raises(tg.UnsupportedGameError, match="signalling"):
        BeerQuiche.payoff_tensor(prior_strong=[F(1, 2)])


def test_payoffs_must_build_an_incomplete_information_game() -> None:
    with pytest.raises(tg.TrigameError, match="BayesianGame or a SignalingGame"):
        NotAGame().game()
    assert isinstance(ExtendedDeterrence().game(), BayesianGame)


def test_regimes_name_no_undefined_mixtures() -> None:
    # Each US type has a strictly dominant action (its payoff does not depend on South Korea's choice), so no
    # candidate in which South Korea mixes can make a US agent indifferent: the closed form's formula for South
    # Korea's mixing probability has a denominator that vanishes identically (SymPy's zoo).  Such candidates are
    # not equilibria at any parameter value and must not appear, not even in the notes of dropped regimes.
    rs = tg.statics.regimes(ExtendedDeterrence)
    assert not any("zoo" in note or "nan" in note for note in rs.notes)
    game = ExtendedDeterrence.symbolic_game().agent_form()
    for eq in tg.equilibria(game, method="closed_form"):
        for vector in eq.strategies:
            assert not any(sympy.sympify(p).has(sympy.zoo, sympy.nan) for p in vector)
