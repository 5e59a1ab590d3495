"""Symbolic perfect Bayesian equilibria of signalling games: every PBE as expressions, with its condition.

Expected answers are derived by hand in the comments (Cho and Kreps 1987 for Beer-Quiche; a two-type
cheap-talk game in the manner of Crawford and Sobel 1982) or come from the numeric solver
(:func:`trigame.solve.perfect_bayesian.signaling.signaling_pbe`), a separate implementation over exact
rationals, at random parameter points.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.signaling import SignalingGame
from trigame.models import NONNEGATIVE, Interval, parameter
from trigame.models.china_inference import ChinaInference
from trigame.models.incomplete import IncompleteInformationModel
from trigame.models.ratification import Ratification
from trigame.solve.perfect_bayesian.signaling import signaling_pbe
from trigame.solve.perfect_bayesian.symbolic_signaling import SymbolicPBESet, belief_symbol, symbolic_signaling_pbe
from trigame.statics import regime_map, regimes, sweep
from trigame.statics._pbe_regimes import _numeric_labels, pbe_support_label, units

OPEN_UNIT = Interval(0, 1, lower_open=True, upper_open=True)
FAST = settings(max_examples=25, deadline=None)


def beer_quiche_payoff(t: str, m: str, a: str) -> tuple[int, int]:
    """Cho and Kreps (1987): 1 for the preferred breakfast, 2 for no duel; the receiver wants to duel the weak."""
    return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
            (1 if (a == "duel") == (t == "weak") else 0))


@dataclass(frozen=True, kw_only=True)
class BeerQuiche(IncompleteInformationModel):
    """Beer-Quiche with the prior of the strong type a parameter."""

    players: tuple[str, str] = ("Sender", "Receiver")  # type: ignore[misc]
    p: float = parameter(default=F(9, 10), domain=OPEN_UNIT, description="prior of the strong type")

    @staticmethod
    def payoffs(v: Any) -> SignalingGame:
        return SignalingGame(("strong", "weak"), {"strong": v.p, "weak": 1 - v.p}, ("beer", "quiche"),
                             ("duel", "not"), beer_quiche_payoff)


ACTIONS = {"low": F(0), "middle": F(1, 2), "high": F(1)}


@dataclass(frozen=True, kw_only=True)
class CheapTalk(IncompleteInformationModel):
    """Two equally likely types t in {0, 1}; costless messages; actions 0, 1/2, 1; quadratic losses.

    The receiver's payoff is -(a - t)^2, the sender's -(a - t - b)^2 with the bias b.
    """

    players: tuple[str, str] = ("Sender", "Receiver")  # type: ignore[misc]
    bias: float = parameter(default=F(1, 8), domain=NONNEGATIVE, description="the sender's bias")

    @staticmethod
    def payoffs(v: Any) -> SignalingGame:
        def u(t: str, m: str, a: str) -> tuple[Any, Any]:
            x, theta = ACTIONS[a], (0 if t == "t0" else 1)
            return (-(x - theta - v.bias) ** 2, -(x - theta) ** 2)

        return SignalingGame(("t0", "t1"), {"t0": F(1, 2), "t1": F(1, 2)}, ("m0", "m1"), tuple(ACTIONS), u)


@functools.cache
def model_regimes(model: type) -> Any:
    return regimes(model)


def holds_at(regime: Any, **values: Any) -> bool:
    return bool(regime.holds(**values))


# ------------------------------------------------------------------------------------------------ Beer-Quiche
def test_beer_quiche_pooling_regimes_with_a_symbolic_prior() -> None:
    # Hand derivation (belief mu_w of the weak type; the receiver duels iff mu_w >= 1/2):
    # * pooling on beer: the on-path belief is mu_w = 1 - p, and the receiver must not duel after beer (were it
    #   to duel, the weak type would get 0 from beer and at least 1 from quiche), so p >= 1/2; then the weak
    #   type gets 2 and quiche gives it 1 + 2 rho(not|quiche) <= 2 iff rho(not|quiche) <= 1/2, which the receiver
    #   plays only with an off-path belief mu_w(quiche) >= 1/2 (= 1/2 when it mixes).  So beer pooling with a
    #   duel after quiche exists iff p >= 1/2.
    # * pooling on quiche: symmetrically iff p >= 1/2, with mu_w(beer) >= 1/2 off the path.
    rs = model_regimes(BeerQuiche)
    assert rs.kind == "perfect_bayesian"
    p = rs.symbols[0]
    beer = rs.find("pooling: Sender@strong: beer, Sender@weak: beer, Receiver@beer: not, Receiver@quiche: duel")
    quiche = rs.find("pooling: Sender@strong: quiche, Sender@weak: quiche, Receiver@beer: duel, "
                     "Receiver@quiche: not")
    half = sympy.Rational(1, 2)
    assert beer.condition == (p >= half) and quiche.condition == (p >= half)
    assert beer.kind == "perfect_bayesian" and beer.equilibrium.kind == "pooling"
    # the off-path belief sets: mu(weak | quiche) >= 1/2 and mu(weak | beer) >= 1/2
    for regime, off in ((beer, "quiche"), (quiche, "beer")):
        belief = regime.equilibrium.beliefs[f"Receiver@{off}"]
        weak, strong = belief_symbol("weak", off), belief_symbol("strong", off)
        for mu, expected in ((F(1, 2), True), (F(3, 4), True), (F(2, 5), False)):
            assert bool(belief.subs({weak: mu, strong: 1 - mu})) is expected
        on = regime.equilibrium.beliefs[f"Receiver@{'beer' if off == 'quiche' else 'quiche'}"]
        assert sympy.simplify(on["strong"] - p) == 0  # Bayes' rule on the path: the prior
    # the sender's ex-ante payoff: 3p + 2(1 - p) under beer pooling (strong 1 + 2, weak 0 + 2)
    assert sympy.simplify(beer.payoffs["Sender"] - (p + 2)) == 0


def test_beer_quiche_hybrid_below_one_half() -> None:
    # p < 1/2: no pooling.  The strong type drinks beer; the weak one drinks beer with probability s and the
    # receiver, indifferent after beer, needs mu_w(beer) = (1-p)s / (p + (1-p)s) = 1/2, so s = p/(1-p); after
    # quiche (only the weak type) it duels; the weak type is indifferent: 1 (quiche, duel) = 2 rho(not|beer), so
    # rho(not|beer) = 1/2.
    rs = model_regimes(BeerQuiche)
    p = rs.symbols[0]
    at = rs.at(p=F(1, 3))
    assert [r.equilibrium.kind for r in at] == ["semi-separating"]
    hybrid = at[0]
    assert sympy.simplify(hybrid.probabilities["Sender@weak"]["beer"] - p / (1 - p)) == 0
    assert hybrid.probabilities["Receiver@beer"]["not"] == sympy.Rational(1, 2)
    assert hybrid.condition == (p < sympy.Rational(1, 2))
    assert not any(r.equilibrium.kind == "pooling" for r in rs.at(p=F(49, 100)))


def test_the_symbolic_solver_directly_and_through_signaling_pbe() -> None:
    p = sympy.Symbol("p", positive=True)
    sg = SignalingGame(("strong", "weak"), {"strong": p, "weak": 1 - p}, ("beer", "quiche"), ("duel", "not"),
                       beer_quiche_payoff)
    found = signaling_pbe(sg)
    assert isinstance(found, SymbolicPBESet) and found.complete and found.degenerate
    assert len(symbolic_signaling_pbe(sg)) == len(found)
    # every equilibrium holds where SymPy says so, and at p = 9/10 they are the numeric solver's
    numeric = signaling_pbe(sg.subs({p: sympy.Rational(9, 10)}))
    point = {p: sympy.Rational(9, 10)}

    def key(behavior: Any) -> Any:
        return tuple((k, tuple(F(str(sympy.nsimplify(x).subs(point))) for x in d.values()))
                     for k, d in behavior.items())

    symbolic = {key(e.behavior) for e in found if e.condition.subs(point) == sympy.true}
    assert symbolic == {key(e.behavior) for e in numeric}
    with pytest.raises(tg.UnsupportedGameError, match="subs"):
        tg.perfect_bayesian(sg)
    with pytest.raises(tg.UnsupportedGameError, match="SignalingGame"):
        symbolic_signaling_pbe(sg.to_tree())  # type: ignore[arg-type]
    with pytest.raises(tg.BudgetExceededError, match="max_support_profiles"):
        symbolic_signaling_pbe(sg, max_support_profiles=2)
    with pytest.raises(tg.BudgetExceededError, match="max_bases"):
        symbolic_signaling_pbe(sg, max_bases=5)
    root = SignalingGame(("a", "b"), {"a": F(1, 2), "b": F(1, 2)}, ("x", "y"), ("l", "r"),
                         lambda t, m, a: (sympy.sqrt(p) if a == "l" else 0, int((a == "l") == (t == "a"))))
    with pytest.raises(tg.UnsupportedGameError, match="rational functions"):
        symbolic_signaling_pbe(root)


def test_regimes_of_a_symbolic_signalling_game_object() -> None:
    q = sympy.Symbol("q", positive=True)
    sg = SignalingGame(("strong", "weak"), {"strong": sympy.Rational(1, 2), "weak": sympy.Rational(1, 2)},
                       ("beer", "quiche"), ("duel", "not"),
                       lambda t, m, a: (beer_quiche_payoff(t, m, a)[0] * (q if t == "strong" else 1),
                                        beer_quiche_payoff(t, m, a)[1]))
    rs = regimes(sg)
    assert rs.kind == "perfect_bayesian" and rs.parameters == ("q",)
    assert {r.support_label for r in rs.at(q=2)} == _numeric_labels(rs._problem, {"q": 2})[1]


# ------------------------------------------------------------------------------------------------ cheap talk
def test_cheap_talk_informative_equilibrium_condition() -> None:
    # Separating: t0 sends m0 and gets a = 0, t1 sends m1 and gets a = 1 (the receiver's best replies to beliefs
    # 0 and 1).  t0 must not prefer a = 1: -(b)^2 >= -(1 - b)^2 iff b <= 1/2; t1 prefers 1 to 0 whenever b >= 0.
    # So the informative equilibrium (either labelling of the messages) exists iff b <= 1/2.
    rs = model_regimes(CheapTalk)
    b = rs.symbols[0]
    label = "separating: Sender@t0: m0, Sender@t1: m1, Receiver@m0: low, Receiver@m1: high"
    informative = rs.find(label)
    assert informative.condition == (b <= sympy.Rational(1, 2))
    mirror = rs.find("separating: Sender@t0: m1, Sender@t1: m0, Receiver@m0: high, Receiver@m1: low")
    assert mirror.condition == (b <= sympy.Rational(1, 2))
    # babbling always exists: the union of the pooling regimes' conditions is the whole domain (proved)
    space = rs._problem.space
    pooling = [c for r in rs if r.equilibrium.kind == "pooling" for c in r._clauses]
    assert space.simplify(pooling) == [{}]
    # a pooling equilibrium in which the receiver answers the message sent with 1/2 (its reply to the prior)
    assert any(r.equilibrium.kind == "pooling" and "middle" in r.support_label for r in rs.at(bias=F(3, 4)))


# ------------------------------------------------------------------------------------------------ the models
unit = st.fractions(min_value=F(1, 12), max_value=F(11, 12), max_denominator=12)
cost = st.fractions(min_value=0, max_value=5, max_denominator=4)
positive = st.fractions(min_value=F(1, 4), max_value=5, max_denominator=4)


@pytest.mark.slow
@FAST
@given(q=unit, v=positive, c=positive, z=positive, m_n=cost, m_c=cost)
def test_china_inference_regimes_equal_the_numeric_pbe(q: F, v: F, c: F, z: F, m_n: F, m_c: F) -> None:
    rs = model_regimes(ChinaInference)
    values = dict(prior_china_target=q, balancing_value=v, backing_cost=c, backing_loss=z, design_cost_nk=m_n,
                  design_cost_china=m_c)
    game = ChinaInference(**values).game()
    keys, choices = units(game)
    expected = {pbe_support_label(e.kind, keys, choices, e.behavior) for e in signaling_pbe(game)}
    assert {r.support_label for r in rs.at(**values)} == expected


@pytest.mark.slow
@FAST
@given(q=unit, v=positive, f=positive, d=cost, a=positive, j=positive, p=cost)
def test_ratification_regimes_equal_the_numeric_pbe(q: F, v: F, f: F, d: F, a: F, j: F, p: F) -> None:
    rs = model_regimes(Ratification)
    values = dict(prior_low_cost=q, government_gain=v, defection_cost=f, pull_cost=d, assembly_gain=a,
                  rejection_cost=j, protest_cost=p)
    game = Ratification(**values).game()
    keys, choices = units(game)
    expected = {pbe_support_label(e.kind, keys, choices, e.behavior) for e in signaling_pbe(game)}
    assert {r.support_label for r in rs.at(**values)} == expected


@pytest.mark.slow
def test_china_inference_regime_map_is_proved() -> None:
    rmap = regime_map(ChinaInference)  # every cell's witness is checked against the numeric solver inside
    assert len(rmap) > 1 and all(entry.certain for entry in rmap)


def test_sweep_labels_agree_with_the_regime_map() -> None:
    # defaults v = 3, c = 1 (China's threshold 1/3), z = 2, m_N = 1: the grid hits q = 1/3, m_C = 1 and m_C = 2
    free = ["prior_china_target", "design_cost_china"]
    rmap = regime_map(ChinaInference, free=free)
    qs = np.array([F(1, 6), F(1, 3), F(1, 2), F(5, 6)], dtype=object)
    ms = np.array([F(0), F(1, 2), F(1), F(3, 2), F(2), F(4)], dtype=object)
    swept = sweep(ChinaInference, {"prior_china_target": qs, "design_cost_china": ms})
    q, m = np.meshgrid(qs, ms, indexing="ij")
    assert (rmap.labels(prior_china_target=q, design_cost_china=m) == swept.labels).all()
    assert len(set(swept.labels.ravel())) > 3


def test_threshold_and_derivative_on_the_prior() -> None:
    # Ratification with v = 2, f = 3, d = 1: the government signs on its prior iff q (v + f) >= f - d, q >= 2/5
    fixed = {"government_gain": 2, "defection_cost": 3, "pull_cost": 1, "assembly_gain": 1,
             "rejection_cost": 3, "protest_cost": 4}
    rs = regimes(Ratification, fixed=fixed)
    blind = rs.find("pooling: National Assembly@low cost: Acquiesce, National Assembly@high cost: Acquiesce, "
                    "Government@Acquiesce: Sign, Government@Protest: Sign")
    q = rs.symbols[0]
    assert blind.condition == (q >= sympy.Rational(2, 5))
    found = tg.statics.threshold(rs, blind, "prior_low_cost")
    assert found.boundaries == (sympy.Rational(2, 5),)
    # the government's ex-ante payoff from blind signing, 2q - 3(1 - q), rises with the prior (slope 5)
    slope = tg.statics.derivative(rs, blind, "prior_low_cost", of="payoffs")
    assert slope.expressions["Government"] == 5 and slope.signs["Government"].sign == "positive"


@settings(max_examples=8, deadline=None)
@given(payoffs=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=8, max_size=8),
       priors=st.lists(st.fractions(min_value=F(1, 12), max_value=F(11, 12), max_denominator=12), min_size=3,
                       max_size=3))
def test_random_games_with_a_symbolic_prior_equal_the_numeric_pbe(payoffs: list[tuple[int, int]],
                                                                   priors: list[F]) -> None:
    # small integer payoffs make ties (continua, boundary priors) common: every label must still agree
    p = sympy.Symbol("p", positive=True)
    triples = [(t, m, a) for t in ("a", "b") for m in ("x", "y") for a in ("l", "r")]
    sg = SignalingGame(("a", "b"), {"a": p, "b": 1 - p}, ("x", "y"), ("l", "r"), dict(zip(triples, payoffs)))
    rs = regimes(sg)
    keys, choices = units(sg)
    for q in priors:
        numeric = signaling_pbe(sg.subs({p: sympy.Rational(q.numerator, q.denominator)}))
        assert {r.support_label for r in rs.at(p=q)} == {pbe_support_label(e.kind, keys, choices, e.behavior)
                                                         for e in numeric}
