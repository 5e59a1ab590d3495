"""Sequential continuous games: Stackelberg leadership, commitment levels, the leader's optimal set.

Expected values are derived by hand in the comments (textbook Stackelberg: Gibbons 1992, "A Primer in Game
Theory", section 2.1.B; Tirole 1988, "The Theory of Industrial Organization", section 8.2).
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, TrigameError, UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.games.continuous_sequential import SequentialContinuousGame
from trigame.results.continuous_sequential import SequentialEquilibriumSet
from trigame.solve.continuous.sequential import sequential_equilibria
from trigame.verify.continuous import certify_best_response


def duopoly(a, b, c, players=("Leader", "Follower")):
    """Quantity competition with inverse demand P = a - b Q and unit cost c."""
    return ContinuousGame(
        list(players), {p: (0, None) for p in players},
        lambda q: [q[p] * (a - b * sum(q.values()) - c) for p in players],
    )


def stackelberg(game, leader="Leader"):
    followers = [p for p in game.players if p != leader]
    return SequentialContinuousGame(game, [[leader], followers])


# ---------------------------------------------------------------------------------------------- Stackelberg duopoly
def test_stackelberg_duopoly_exact():
    # Follower: max q_F (a - b(q_L + q_F) - c) -> q_F = (a - c - b q_L)/(2b).  Leader: max q_L (a - c - b q_L)/2 ->
    # q_L = (a - c)/(2b), then q_F = (a - c)/(4b) (Gibbons 1992, 2.1.B).  a = 10, b = 1, c = 1: q_L = 9/2, q_F = 9/4;
    # price 10 - 27/4 = 13/4, margins 9/4: profits 9/2 * 9/4 = 81/8 and 9/4 * 9/4 = 81/16.
    result = sequential_equilibria(stackelberg(duopoly(10, 1, 1)))
    assert isinstance(result, SequentialEquilibriumSet) and result.complete and not result.degenerate
    assert len(result) == 1
    eq = result[0]
    assert eq.strategies == {"Leader": F(9, 2), "Follower": F(9, 4)}
    assert eq.payoffs == (F(81, 8), F(81, 16))
    assert result.optimal_set == {"Leader": sympy.FiniteSet(sympy.Rational(9, 2))}
    # the follower's strategy off the path: (9 - q_L)/2 while positive, else 0
    x = result.game.variables["Leader"]
    response = eq.response("Follower")
    assert response.subs(x, 1) == 4 and response.subs(x, 12) == 0
    # the follower's level on the path is a global best response to the leader's level
    assert certify_best_response(result.game.game, "Follower", eq.strategies) is not None


def test_stackelberg_duopoly_symbolic():
    a, b, c = sympy.symbols("a b c", positive=True)
    result = sequential_equilibria(stackelberg(duopoly(a, b, c)))
    assert result.complete
    point = {a: 10, b: 2, c: 1}
    holding = [eq for eq in result if sympy.sympify(eq.condition).subs(point) == sympy.true]
    assert len(holding) == 1  # the pieces partition the parameter space at a generic point
    eq = holding[0]
    assert sympy.simplify(eq.strategies["Leader"] - (a - c) / (2 * b)) == 0
    assert sympy.simplify(eq.strategies["Follower"] - (a - c) / (4 * b)) == 0
    assert sympy.simplify(eq.payoffs[0] - (a - c) ** 2 / (8 * b)) == 0
    # a <= c: no market; the leader produces nothing
    closed = [e for e in result if sympy.sympify(e.condition).subs({a: 1, b: 1, c: 2}) == sympy.true]
    assert len(closed) == 1 and closed[0].strategies == {"Leader": 0, "Follower": 0}


def test_stackelberg_float():
    eq = sequential_equilibria(stackelberg(duopoly(10.0, 1.0, 1.0)))[0]
    assert eq.strategies["Leader"] == pytest.approx(4.5) and eq.strategies["Follower"] == pytest.approx(2.25)


def test_one_leader_two_followers():
    # Followers' Cournot given q_L: each (a - c - b q_L)/(3b).  Leader: q_L (a - c - b q_L)/3 -> q_L = (a - c)/(2b);
    # followers (a - c)/(6b) each (a - c)/(2b(n + 1)) with n = 2.  a = 12, b = 1, c = 0: 6, 2, 2; price 2.
    game = duopoly(12, 1, 0, players=("Leader", "F1", "F2"))
    result = sequential_equilibria(stackelberg(game))
    assert [eq.strategies for eq in result] == [{"Leader": 6, "F1": 2, "F2": 2}]
    assert result[0].payoffs == (12, 4, 4)


@settings(max_examples=4, deadline=None)
@given(st.integers(2, 30), st.integers(0, 1))
def test_first_mover_advantage(a, c):
    # Property: the leader earns (a - c)^2/(8b), more than the Cournot profit (a - c)^2/(9b).
    game = duopoly(a, 1, c)
    leader = sequential_equilibria(stackelberg(game))[0].payoffs[0]
    assert leader == F((a - c) ** 2, 8)
    assert leader >= F((a - c) ** 2, 9)


def test_one_stage_is_the_simultaneous_game():
    # Cournot: q = (a - c)/(3b) = 3 for a = 10, b = 1, c = 1.
    result = sequential_equilibria(SequentialContinuousGame(duopoly(10, 1, 1), [["Leader", "Follower"]]))
    assert [eq.strategies for eq in result] == [{"Leader": 3, "Follower": 3}]


# ---------------------------------------------------------------------------------------------- commitment, ties
def commitment(cost):
    """A patron chooses a commitment level x in [0, 1]; its ally contributes y in [0, 1].

    The ally's payoff y (x - 1/2) is linear in y: it contributes fully iff x > 1/2, nothing iff x < 1/2, and is
    indifferent at x = 1/2 (a tie).  The patron gains 2y and pays cost * x.
    """
    return ContinuousGame(["United States", "Ally"], {"United States": (0, 1), "Ally": (0, 1)},
                          lambda v: [2 * v["Ally"] - cost * v["United States"],
                                     v["Ally"] * (v["United States"] - F(1, 2))])


def test_tie_broken_in_the_leaders_favour():
    # cost 1: the patron's value is 2 - x for x >= 1/2 (the ally contributes, at x = 1/2 by the tie) and -x below;
    # the optimum is x = 1/2 with the ally contributing 1: payoff 2 - 1/2 = 3/2 (the leader-favourable selection is
    # the only one under which an optimum exists).
    result = sequential_equilibria(SequentialContinuousGame(commitment(1), [["United States"], ["Ally"]]))
    assert [eq.strategies for eq in result] == [{"United States": F(1, 2), "Ally": 1}]
    assert result[0].payoffs == (F(3, 2), 0)
    assert result.optimal_set == {"United States": sympy.FiniteSet(sympy.Rational(1, 2))}


def test_an_interval_of_optimal_levels_is_reported_exactly():
    # cost 0: the patron gets 2 for every x in [1/2, 1] and 0 below: its optimal set is the interval [1/2, 1].
    result = sequential_equilibria(SequentialContinuousGame(commitment(0), [["United States"], ["Ally"]]))
    assert result.optimal_set == {"United States": sympy.Interval(sympy.Rational(1, 2), 1)}
    assert result.degenerate
    assert {eq.strategies["United States"] for eq in result} == {F(1, 2), 1}
    assert all(eq.payoffs[0] == 2 for eq in result)


def test_no_equilibrium_when_the_supremum_is_not_attained():
    # The leader's payoff -1/(1 + x) rises towards 0 as x grows and never reaches it: no subgame-perfect equilibrium.
    game = ContinuousGame(["L", "F"], {"L": (0, None), "F": (0, 1)},
                          lambda v: [-1 / (1 + v["L"]), -(v["F"] - F(1, 2)) ** 2])
    result = sequential_equilibria(SequentialContinuousGame(game, [["L"], ["F"]]))
    assert len(result) == 0 and any("never attains" in note for note in result.notes)


def test_json_and_repr():
    result = sequential_equilibria(stackelberg(duopoly(10, 1, 1)))
    data = json.loads(json.dumps(result.to_json()))
    assert data["equilibria"][0]["strategies"] == {"Leader": "9/2", "Follower": "9/4"}
    assert data["game"]["order"] == [["Leader"], ["Follower"]]
    assert "Leader: 9/2, Follower: 9/4" in repr(result)


# ---------------------------------------------------------------------------------------------- refusals, hostile input
def test_unsupported_orders_are_refused_clearly():
    game = duopoly(12, 1, 0, players=("A", "B", "C"))
    with pytest.raises(UnsupportedGameError, match="one leader followed by one stage"):
        sequential_equilibria(SequentialContinuousGame(game, [["A"], ["B"], ["C"]]))
    with pytest.raises(UnsupportedGameError, match="one leader"):
        sequential_equilibria(SequentialContinuousGame(game, [["A", "B"], ["C"]]))
    with pytest.raises(UnsupportedGameError, match="SequentialContinuousGame"):
        sequential_equilibria(duopoly(10, 1, 1))


def test_budget():
    with pytest.raises(BudgetExceededError, match="max_candidates"):
        sequential_equilibria(stackelberg(duopoly(10, 1, 1)), max_candidates=2)


@pytest.mark.parametrize(
    "build",
    [
        lambda g: SequentialContinuousGame(g, "Leader"),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Nobody"]]),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Leader"]]),
        lambda g: SequentialContinuousGame(g, [["Leader"]]),
        lambda g: SequentialContinuousGame(g, [[], ["Leader", "Follower"]]),
        lambda g: SequentialContinuousGame(g, [[1], ["Leader", "Follower"]]),
        lambda g: SequentialContinuousGame("a game", [["Leader"], ["Follower"]]),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Follower"]], title=3),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Follower"]]).subgame("1"),
        lambda g: sequential_equilibria(SequentialContinuousGame(g, [["Leader"], ["Follower"]]), max_candidates="9"),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Follower"]]).subs({"a": "__import__('os')"}),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Follower"]]).subs({"zzz": 1}),
        lambda g: SequentialContinuousGame(g, [["Leader"], ["Follower"]]).stage_of("Nobody"),
    ],
)
def test_bad_input_raises_a_trigame_error(build):
    a = sympy.Symbol("a", positive=True)
    with pytest.raises(TrigameError):
        build(duopoly(a, 1, 1))


def test_subs_then_solve_equals_solve_then_subs():
    a = sympy.Symbol("a", positive=True)
    game = stackelberg(duopoly(a, 1, 1))
    numeric = sequential_equilibria(game.subs({"a": 10}))[0].strategies
    assert numeric == {"Leader": F(9, 2), "Follower": F(9, 4)}
    symbolic = [eq for eq in sequential_equilibria(game) if sympy.sympify(eq.condition).subs(a, 10) == sympy.true]
    assert len(symbolic) == 1
    assert {p: sympy.sympify(v).subs(a, 10) for p, v in symbolic[0].strategies.items()} == numeric


def test_an_irrational_optimum_is_exact():
    # The follower matches half the leader's level: F = x/2 (inside [0, 1] for x in [0, 2]).  The leader's payoff
    # -(x^2 - 2)^2 + F - x/2 = -(x^2 - 2)^2 is maximal, 0, exactly at x = sqrt(2), with F = sqrt(2)/2.
    game = ContinuousGame(["L", "F"], {"L": (0, 2), "F": (0, 1)},
                          lambda v: [-(v["L"] ** 2 - 2) ** 2 + v["F"] - v["L"] / 2, -(v["F"] - v["L"] / 2) ** 2])
    result = sequential_equilibria(SequentialContinuousGame(game, [["L"], ["F"]]))
    assert result.optimal_set == {"L": sympy.FiniteSet(sympy.sqrt(2))}
    assert len(result) == 1
    assert sympy.simplify(result[0].strategies["F"] - sympy.sqrt(2) / 2) == 0


def test_float_overflow_is_never_optimal():
    # Regression: at the end 1e300 of the leader's interval its payoff overflows to -inf, which once compared
    # "equal" to the best value within the float tolerance and was listed as optimal.
    game = ContinuousGame(["L", "F"], {"L": (0, 1e300), "F": (0, 1)},
                          lambda v: [v["L"] * v["F"] - v["L"] ** 2 / 1e-300, -(v["F"] - v["L"] / 2) ** 2])
    result = sequential_equilibria(SequentialContinuousGame(game, [["L"], ["F"]]))
    assert result and all(eq.payoffs[0] > -1 for eq in result)


def test_one_leader_two_followers_symbolic():
    # As in test_one_leader_two_followers, in the parameters: q_L = (a - c)/(2b), each follower (a - c)/(6b).
    a, b, c = sympy.symbols("a b c", positive=True)
    game = duopoly(a, b, c, players=("Leader", "F1", "F2"))
    result = sequential_equilibria(stackelberg(game))
    holding = [eq for eq in result if sympy.sympify(eq.condition).subs({a: 5, b: 1, c: 1}) == sympy.true]
    assert len(holding) == 1
    levels = holding[0].strategies
    assert sympy.simplify(levels["Leader"] - (a - c) / (2 * b)) == 0
    assert sympy.simplify(levels["F1"] - (a - c) / (6 * b)) == 0 and sympy.simplify(levels["F2"] - levels["F1"]) == 0


def test_patron_commitment_probability_then_protege_and_challenger():
    # A patron commits with probability pi in [0, 1]; then its protege chooses assertiveness s >= 0 and a challenger
    # aggression g >= 0, simultaneously.  Payoffs: patron -g - s^2/2 - pi^2/4 (aggression and entrapment cost it,
    # commitment is costly); protege s pi - s^2/2 - s g/2; challenger g (1 - pi) - g^2/2 + g s/4.
    # Followers (interior): s = pi - g/2, g = 1 - pi + s/4 => s = 4(3 pi - 1)/9, g = (8 - 6 pi)/9 for pi >= 1/3;
    # for pi < 1/3, s = 0 and g = 1 - pi.  Patron, pi >= 1/3: V = -(8 - 6 pi)/9 - 8(3 pi - 1)^2/81 - pi^2/4,
    # V' = 34/27 - (41/18) pi = 0 at pi = 68/123 (V'' < 0); pi < 1/3: V = -(1 - pi) - pi^2/4 rises to the
    # boundary, where both pieces meet.  So pi* = 68/123, s* = 36/123 = 12/41, g* = 64/123.
    players = ["United States", "South Korea", "North Korea"]

    def payoffs(v):
        pi, s, g = v["United States"], v["South Korea"], v["North Korea"]
        return [-g - s**2 / 2 - pi**2 / 4, s * pi - s**2 / 2 - s * g / 2, g * (1 - pi) - g**2 / 2 + g * s / 4]

    game = ContinuousGame(players, {"United States": (0, 1), "South Korea": (0, None), "North Korea": (0, None)},
                          payoffs)
    result = sequential_equilibria(SequentialContinuousGame(game, [["United States"], ["South Korea", "North Korea"]]))
    pi, s, g = F(68, 123), F(12, 41), F(64, 123)
    assert [eq.strategies for eq in result] == [{"United States": pi, "South Korea": s, "North Korea": g}]
    assert result[0].payoffs[0] == -g - s**2 / 2 - pi**2 / 4


@settings(max_examples=4, deadline=None)
@given(st.integers(4, 20), st.integers(0, 3), st.fractions(F(1, 2), 2))
def test_no_leader_level_on_a_grid_does_better(a, c, b):
    # Invariant, checked by a different path: at each leader level on a grid, the follower's global best responses
    # (trigame.verify.continuous.best_response with the leader's level a number: a certified 1-D maximisation) give
    # the leader at most its reported equilibrium payoff; and the equilibrium path is itself such a point.
    from trigame.verify.continuous import best_response

    game = duopoly(a, b, c)
    result = sequential_equilibria(stackelberg(game))
    assert len(result) == 1
    best = result[0].payoffs[0]
    top = F(a - c) / b
    for k in range(11):
        level = top * k / 10
        responses = best_response(game, "Follower", {"Leader": level}).levels
        values = [game.payoffs_at({"Leader": level, "Follower": r})[0] for r in responses]
        assert max(values) <= best
    on_path = best_response(game, "Follower", {"Leader": result[0].strategies["Leader"]}).levels
    assert result[0].strategies["Follower"] in on_path


def test_symbolic_commitment_threshold():
    # The ally contributes (y = 1) iff the commitment x >= t (tie at x = t, kept); the patron pays k x and gains 2y.
    # Hand derivation: commit exactly t, worth 2 - k t, iff t <= 1 (feasible) and 2 - k t >= 0; otherwise commit 0.
    t, k = sympy.symbols("t k", positive=True)
    game = ContinuousGame(["US", "Ally"], {"US": (0, 1), "Ally": (0, 1)},
                          lambda v: [2 * v["Ally"] - k * v["US"], v["Ally"] * (v["US"] - t)])
    result = sequential_equilibria(SequentialContinuousGame(game, [["US"], ["Ally"]]))
    half = sympy.Rational(1, 2)
    for point, levels in [({t: half, k: 1}, {"US": half, "Ally": 1}), ({t: 2, k: 1}, {"US": 0, "Ally": 0}),
                          ({t: half, k: 5}, {"US": 0, "Ally": 0})]:
        holding = [eq for eq in result if truth_at(eq.condition, point)]
        assert len(holding) == 1, point
        assert {p: sympy.sympify(v).subs(point) for p, v in holding[0].strategies.items()} == levels


def truth_at(condition, point):
    return condition is True or sympy.sympify(condition).subs(point) == sympy.true
