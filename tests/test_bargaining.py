"""Bargaining: Rubinstein alternating offers, the ultimatum game, Fearon's bargaining model of war.

Every expected value is derived by hand in the comments, from the cited source.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, TrigameError, UnsupportedGameError
from trigame.games.bargaining import AlternatingOffers, FearonBargaining, UltimatumGame, UniformCost
from trigame.results.bargaining import BargainingEquilibriumSet
from trigame.solve.bargaining import bargaining_equilibria, bargaining_range


# ---------------------------------------------------------------------------------------------- Rubinstein 1982
def test_rubinstein_nine_tenths_gives_the_first_proposer_ten_nineteenths():
    # Rubinstein (1982), Econometrica 50(1): 97-109; Osborne & Rubinstein (1994) prop. 122.1: the first proposer
    # gets (1 - d2)/(1 - d1 d2).  With d1 = d2 = 9/10: (1/10)/(1 - 81/100) = (1/10)/(19/100) = 10/19.
    result = bargaining_equilibria(AlternatingOffers((F(9, 10), F(9, 10))))
    assert isinstance(result, BargainingEquilibriumSet) and result.complete and len(result) == 1
    eq = result[0]
    assert eq.shares == {"A": F(10, 19), "B": F(9, 19)}
    assert eq.payoffs == (F(10, 19), F(9, 19))
    # B accepts an offer iff it is at least d2 times B's own demand next period, (1 - d1)/(1 - d1 d2) = 10/19:
    # 9/10 * 10/19 = 9/19 (exactly what it is offered); A accepts at least 9/10 * 10/19 = 9/19.
    assert eq.acceptance == {"A": F(9, 19), "B": F(9, 19)}
    assert eq.war_probability == 0


def test_rubinstein_symbolic_in_both_discount_factors():
    d1, d2 = sympy.symbols("delta_1 delta_2", positive=True)
    eq = bargaining_equilibria(AlternatingOffers((d1, d2), ("United States", "Japan")))[0]
    # x = (1 - d2)/(1 - d1 d2): from 1 - x = d2 y and 1 - y = d1 x (the two indifference conditions).
    assert sympy.simplify(eq.shares["United States"] - (1 - d2) / (1 - d1 * d2)) == 0
    assert sympy.simplify(eq.shares["Japan"] - d2 * (1 - d1) / (1 - d1 * d2)) == 0
    # Equal discounting d: the proposer's advantage 1/(1 + d) > 1/2.
    d = sympy.Symbol("d", positive=True)
    share = bargaining_equilibria(AlternatingOffers((d, d)))[0].shares["A"]
    assert sympy.simplify(share - 1 / (1 + d)) == 0


def test_rubinstein_pie_scales_the_shares():
    eq = bargaining_equilibria(AlternatingOffers((F(1, 2), F(2, 3)), pie=6))[0]
    # x = (1 - 2/3)/(1 - 1/3) = (1/3)/(2/3) = 1/2 of the pie: 3 of 6.
    assert eq.shares == {"A": 3, "B": 3}


def test_rubinstein_float_game_gives_floats():
    eq = bargaining_equilibria(AlternatingOffers((0.9, 0.9)))[0]
    assert isinstance(eq.shares["A"], float) and eq.shares["A"] == pytest.approx(10 / 19, abs=1e-12)


def test_finite_horizon_by_backward_induction():
    # T = 1 is the ultimatum game: A takes all.  T = 2: B would take all in period 2, worth d_B to B now, so A keeps
    # 1 - d_B.  T = 3: A keeps 1 - d_B (1 - d_A) (Osborne & Rubinstein 1994, section 7.2 style backward induction).
    da, db = F(1, 2), F(3, 4)
    shares = [bargaining_equilibria(AlternatingOffers((da, db), horizon=t))[0].shares["A"] for t in (1, 2, 3)]
    assert shares == [1, 1 - db, 1 - db * (1 - da)]
    d1, d2 = sympy.symbols("d1 d2", positive=True)
    sym = bargaining_equilibria(AlternatingOffers((d1, d2), horizon=3))[0].shares["A"]
    assert sympy.expand(sym - (1 - d2 * (1 - d1))) == 0


@settings(max_examples=25, deadline=None)
@given(st.fractions(F(1, 20), F(19, 20)), st.fractions(F(1, 20), F(19, 20)), st.integers(1, 60))
def test_finite_horizon_converges_to_rubinstein(d1, d2, horizon):
    # Property: the finite-horizon share lies within (d1 d2)^floor((T-1)/2) of the infinite-horizon share
    # (the backward-induction map v -> 1 - d2 (1 - d1 v) is a contraction with factor d1 d2).
    finite = bargaining_equilibria(AlternatingOffers((d1, d2), horizon=horizon))[0].shares["A"]
    infinite = (1 - d2) / (1 - d1 * d2)
    assert abs(finite - infinite) <= (d1 * d2) ** ((horizon - 1) // 2)


def test_symbolic_horizon_budget():
    d1, d2 = sympy.symbols("d1 d2", positive=True)
    with pytest.raises(BudgetExceededError, match="max_symbolic_horizon"):
        bargaining_equilibria(AlternatingOffers((d1, d2), horizon=50), max_symbolic_horizon=10)
    # exact shares whose digits grow past the budget stop before the work is done, not after minutes
    hostile = AlternatingOffers((F(1, 10**300 + 7), F(2, 10**300 + 9)), horizon=100_000)
    with pytest.raises(BudgetExceededError, match="max_digits"):
        bargaining_equilibria(hostile)
    with pytest.raises(TrigameError):
        bargaining_equilibria(hostile, max_digits="9")
    # numeric games of a long horizon are solved exactly
    long = bargaining_equilibria(AlternatingOffers((F(1, 2), F(1, 2)), horizon=2001))[0].shares["A"]
    assert abs(long - F(2, 3)) < F(1, 10**100)


# ---------------------------------------------------------------------------------------------- ultimatum
def test_ultimatum_proposer_keeps_everything_above_the_responders_reservation():
    # Güth, Schmittberger & Schwarze (1982); the unique SPE with a continuum of offers: offer the responder its
    # disagreement payoff, which it accepts.  Pie 10, disagreement (1, 3): the proposer keeps 7.
    eq = bargaining_equilibria(UltimatumGame(pie=10, disagreement=(1, 3)))[0]
    assert eq.shares == {"Proposer": 7, "Responder": 3} and eq.payoffs == (7, 3)
    assert eq.acceptance == {"Responder": 3}
    # the ultimatum game is alternating offers with one period
    one = bargaining_equilibria(AlternatingOffers((F(1, 2), F(1, 2)), ("Proposer", "Responder"), horizon=1))[0]
    base = bargaining_equilibria(UltimatumGame())[0]
    assert one.shares == base.shares == {"Proposer": 1, "Responder": 0}


def test_ultimatum_without_agreement_and_symbolic_pieces():
    # disagreement (6, 5) on a pie of 10: 6 + 5 > 10, no division gives both their reservation: breakdown.
    eq = bargaining_equilibria(UltimatumGame(pie=10, disagreement=(6, 5)))[0]
    assert eq.war_probability == 1 and eq.payoffs == (6, 5)
    d = sympy.Symbol("d", positive=True)
    result = bargaining_equilibria(UltimatumGame(pie=1, disagreement=(d, d)))
    # agreement iff d + d <= 1
    conditions = {eq.war_probability: eq.condition for eq in result}
    assert conditions[0].subs(d, sympy.Rational(1, 2)) == sympy.true
    assert conditions[1].subs(d, sympy.Rational(3, 5)) == sympy.true
    assert conditions[0].subs(d, sympy.Rational(3, 5)) == sympy.false


# ---------------------------------------------------------------------------------------------- Fearon 1995
def test_fearon_bargaining_range_complete_information():
    # Fearon (1995), "Rationalist Explanations for War", International Organization 49(3): 379-414: A prefers x to
    # war iff x >= p - c_A, B iff 1 - x >= 1 - p - c_B; range [p - c_A, p + c_B] = [1/2 - 1/10, 1/2 + 1/5].
    game = FearonBargaining(F(1, 2), F(1, 10), F(1, 5))
    rng = bargaining_range(game)
    assert (rng.low, rng.high) == (F(2, 5), F(7, 10)) and rng.width == F(3, 10)
    assert rng.contains(F(1, 2)) and not rng.contains(F(3, 4))
    eq = bargaining_equilibria(game)[0]
    assert eq.shares["A"] == F(7, 10) and eq.war_probability == 0  # the proposer takes the top of the range
    # clipped to [0, 1]: p = 9/10, c_B = 1/5 -> high = min(1, 11/10) = 1
    assert bargaining_range(FearonBargaining(F(9, 10), 1, F(1, 5))).high == 1
    assert bargaining_range(FearonBargaining(F(9, 10), 1, F(1, 5))).low == 0
    p, ca, cb = sympy.symbols("p c_A c_B", nonnegative=True)
    sym = bargaining_range(FearonBargaining(p, ca, cb))
    assert sym.low == sympy.Max(0, p - ca) and sym.high == sympy.Min(1, p + cb)


def _hand_fearon(p, ca, lo, hi):
    """The risk-return trade-off derived by hand (see the module docstring of the test).

    B's cost c ~ U[lo, hi]; B accepts A's demand x iff c >= x - p; war probability F(x - p) = (x - p - lo)/(hi - lo).
    A maximises U(x) = x (1 - F) + (p - ca) F.  On [p + lo, p + hi]: U'(x) = 1 - (2x - 2p + ca - lo)/(hi - lo) = 0 at
    x = p + (hi - ca)/2, and U'' = -2/(hi - lo) < 0.  Below p + lo, U(x) = x.  Capped at 1.
    """
    x = min(F(1), max(p + lo, p + (hi - ca) / 2))
    q = min(F(1), max(F(0), (x - p - lo) / (hi - lo)))
    return x, q


@pytest.mark.parametrize(
    ("p", "ca", "lo", "hi", "x", "q"),
    [
        # interior: x = 1/2 + (3/10 - 1/10)/2 = 3/5; q = (3/5 - 1/2)/(3/10) = 1/3
        (F(1, 2), F(1, 10), F(0), F(3, 10), F(3, 5), F(1, 3)),
        # safe offer: c_A = 1/4 >= hi - 2 lo = 3/10 - 1/5 = 1/10, so x = p + lo = 2/5 + 1/10 = 1/2, q = 0
        (F(2, 5), F(1, 4), F(1, 10), F(3, 10), F(1, 2), F(0)),
        # capped: x* = 4/5 + (1/2 - 0)/2 = 21/20 > 1, so x = 1; q = (1 - 4/5 - 0)/(1/2) = 2/5
        (F(4, 5), F(0), F(0), F(1, 2), F(1), F(2, 5)),
    ],
)
def test_fearon_risk_return_at_three_points(p, ca, lo, hi, x, q):
    assert _hand_fearon(p, ca, lo, hi) == (x, q)
    result = bargaining_equilibria(FearonBargaining(p, ca, UniformCost(lo, hi)))
    assert len(result) == 1
    eq = result[0]
    assert eq.shares["A"] == x and eq.shares["B"] == 1 - x
    assert eq.war_probability == q
    assert eq.cutoff == x - p
    assert eq.payoffs[0] == x * (1 - q) + (p - ca) * q


def test_fearon_risk_return_symbolic():
    # Fearon's case: c_B ~ U[0, cbar].  Hand derivation: x* = p + (cbar - c_A)/2, war probability (cbar - c_A)/(2 cbar)
    # when c_A < cbar and x* <= 1; x* = p, no war, when c_A >= cbar.
    p, ca, cbar = sympy.symbols("p c_A cbar", positive=True)
    result = bargaining_equilibria(FearonBargaining(p, ca, UniformCost(0, cbar)))
    assert result.complete
    pieces = {str(eq.war_probability): eq for eq in result}
    risky = next(eq for eq in result if sympy.simplify(eq.war_probability - (cbar - ca) / (2 * cbar)) == 0)
    assert sympy.simplify(risky.shares["A"] - (p + (cbar - ca) / 2)) == 0
    point = {p: sympy.Rational(1, 2), ca: sympy.Rational(1, 10), cbar: sympy.Rational(3, 10)}
    assert risky.condition.subs(point) == sympy.true
    safe = next(eq for eq in result if eq.war_probability == 0 and eq.shares["A"] == p)
    assert safe.condition.subs({p: sympy.Rational(1, 2), ca: 1, cbar: sympy.Rational(1, 2)}) == sympy.true
    # the pieces partition: at each of a few points exactly one condition holds, and it agrees with the hand formula
    for values in [(F(1, 2), F(1, 10), F(3, 10)), (F(2, 5), F(1, 2), F(1, 5)), (F(4, 5), F(0), F(1, 2)),
                   (F(1), F(1, 10), F(1, 5))]:
        sub = dict(zip((p, ca, cbar), (sympy.Rational(v.numerator, v.denominator) for v in values)))
        holding = [eq for eq in result if sympy.sympify(eq.condition).subs(sub) == sympy.true]
        assert len(holding) == 1, values
        x, q = _hand_fearon(values[0], values[1], F(0), values[2])
        assert holding[0].shares["A"].subs(sub) == x and sympy.sympify(holding[0].war_probability).subs(sub) == q
    war = result.piecewise("war_probability")
    assert war.subs(point) == sympy.Rational(1, 3)
    assert len(pieces) >= 3
    # substituting numbers into the game gives the same answer as substituting into the pieces
    numeric = bargaining_equilibria(FearonBargaining(p, ca, UniformCost(0, cbar)).subs(
        {"p": F(1, 2), "c_A": F(1, 10), "cbar": F(3, 10)}))[0]
    assert numeric.shares["A"] == F(3, 5) and numeric.war_probability == F(1, 3)


@settings(max_examples=30, deadline=None)
@given(st.fractions(0, 1), st.fractions(0, 1), st.fractions(0, F(1, 2)), st.fractions(F(1, 100), 1))
def test_fearon_demand_beats_every_other_demand(p, ca, lo, width):
    # invariant: no demand on a fine grid of [0, 1] gives A more than the reported optimum
    hi = lo + width
    eq = bargaining_equilibria(FearonBargaining(p, ca, UniformCost(lo, hi)))[0]

    def utility(x):
        q = min(F(1), max(F(0), (x - p - lo) / (hi - lo)))
        return x * (1 - q) + (p - ca) * q

    assert eq.payoffs[0] == utility(eq.shares["A"])
    assert all(utility(F(k, 200)) <= eq.payoffs[0] for k in range(201))


def test_json_and_labels():
    result = bargaining_equilibria(AlternatingOffers((F(9, 10), F(9, 10)), ("Seoul", "Tokyo")))
    data = json.loads(json.dumps(result.to_json()))
    assert data["schema"] == "trigame.bargaining-equilibria/1"
    assert data["equilibria"][0]["shares"] == {"Seoul": "10/19", "Tokyo": "9/19"}
    assert result[0].label() == "Seoul: 10/19, Tokyo: 9/19"
    assert "10/19" in repr(result)
    fearon = bargaining_equilibria(FearonBargaining(F(1, 2), F(1, 10), UniformCost(0, F(3, 10))))[0]
    assert "war with probability 1/3" in fearon.label()
    assert json.dumps(bargaining_range(FearonBargaining(F(1, 2), F(1, 10), F(1, 5))).to_json())


# ---------------------------------------------------------------------------------------------- hostile input
@pytest.mark.parametrize(
    "build",
    [
        lambda: AlternatingOffers(("0.9", "0.9")),
        lambda: AlternatingOffers(("__import__('os').system('echo hi')", F(1, 2))),
        lambda: AlternatingOffers((F(1, 2), F(1, 2)), pie="10"),
        lambda: AlternatingOffers((1, F(1, 2))),  # infinite horizon needs d < 1
        lambda: AlternatingOffers((F(1, 2), float("nan"))),
        lambda: AlternatingOffers((F(1, 2),)),
        lambda: AlternatingOffers("ab"),
        lambda: AlternatingOffers((F(1, 2), F(1, 2)), horizon=10**9),
        lambda: AlternatingOffers((F(1, 2), F(1, 2)), horizon="3"),
        lambda: AlternatingOffers((F(1, 2), F(1, 2)), ("A", "A")),
        lambda: UltimatumGame(pie="1"),
        lambda: UltimatumGame(disagreement=("0", 0)),
        lambda: UltimatumGame(pie=-1),
        lambda: FearonBargaining("1/2", F(1, 10), F(1, 5)),
        lambda: FearonBargaining(F(3, 2), F(1, 10), F(1, 5)),
        lambda: FearonBargaining(F(1, 2), -1, F(1, 5)),
        lambda: FearonBargaining(F(1, 2), float("inf"), F(1, 5)),
        lambda: FearonBargaining(F(1, 2), F(1, 10), UniformCost("0", 1)),
        lambda: FearonBargaining(F(1, 2), F(1, 10), UniformCost(1, F(1, 2))),
        lambda: FearonBargaining(F(1, 2), F(1, 10), F(1, 5)).subs({"p": "1"}),
        lambda: FearonBargaining(sympy.Symbol("p"), F(1, 10), F(1, 5)).subs({"p": "1/2"}),
        lambda: FearonBargaining(sympy.Symbol("p"), F(1, 10), F(1, 5)).subs({"q": F(1, 2)}),
        lambda: bargaining_equilibria("a game"),
        lambda: bargaining_range(FearonBargaining(F(1, 2), F(1, 10), UniformCost(0, 1))),
        lambda: bargaining_equilibria(AlternatingOffers((F(9, 10), F(9, 10)))).piecewise("shares", "Nobody"),
    ],
)
def test_bad_input_raises_a_trigame_error(build):
    with pytest.raises(TrigameError):
        build()


def test_unsupported_game_names_what_is_supported():
    with pytest.raises(UnsupportedGameError, match="AlternatingOffers"):
        bargaining_equilibria(object())


def test_games_are_immutable():
    game = AlternatingOffers((F(1, 2), F(1, 2)))
    with pytest.raises(AttributeError):
        game.horizon = 3  # type: ignore[misc]
