"""Finitely repeated games: the tree built for the user, unravelling, Benoît & Krishna (1985).

Every expected value is derived by hand in the comments.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.finite_repetition import FinitelyRepeatedGame, history_key
from trigame.games.normal_form import NormalFormGame
from trigame.solve.finite_repetition import finitely_repeated_equilibria, punishment_gaps, pure_equilibrium_payoffs
from trigame.solve.subgame_perfect import subgame_perfect

F = Fraction


def prisoners_dilemma() -> NormalFormGame:
    # T, R, P, S = 5, 3, 1, 0
    return NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Row", "Col"],
                                      strategies=[["C", "D"], ["C", "D"]])


def two_equilibria() -> NormalFormGame:
    """A 2x2 stage game meeting Benoît and Krishna's condition.

                b1      b2
        a1    1, 5    4, 4
        a2    0, 0    5, 1

    Pure equilibria (a1, b1) = (1, 5) and (a2, b2) = (5, 1); (a1, b2) = (4, 4) is no
    equilibrium (Row gains 1 by a2, Col gains 1 by b1).  Mixed equilibrium: Col is
    indifferent when 5p = 4p + (1 - p), p = 1/2 on a1; Row when q + 4(1 - q) = 5(1 - q),
    q = 1/2 on b1; payoffs (5/2, 5/2).  Each player's equilibrium payoffs are 1, 5/2, 5:
    the punishment gap is 5 - 1 = 4 for both.
    """
    return NormalFormGame.from_arrays([[1, 4], [0, 5]], [[5, 4], [0, 1]], players=["Row", "Col"],
                                      strategies=[["a1", "a2"], ["b1", "b2"]])


# ---------------------------------------------------------------------------------------------- the tree
def test_tree_size_and_terminal_payoffs_are_discounted_sums() -> None:
    game = FinitelyRepeatedGame(prisoners_dilemma(), 2, discount=F(1, 2))
    tree = game.to_tree()
    # 16 terminal paths; decision nodes: a chain of 1 + 2 per stage, 1 + 4 stages -> 15; 31 nodes.
    assert len(tree) == game.n_nodes == 31
    terminals = tree.terminals()
    assert len(terminals) == 16
    # (C, C) then (D, C): Row 3 + 5/2 = 11/2, Col 3 + 0/2 = 3.
    assert terminals[("C", "C", "D", "C")] == (F(11, 2), F(3))
    # (D, C) then (C, D): Row 5 + 0 = 5, Col 0 + 5/2.
    assert terminals[("D", "C", "C", "D")] == (F(5), F(5, 2))
    assert game.payoffs([("C", "C"), ("D", "C")]) == (F(11, 2), F(3))
    # Each history starts its own simultaneous stage: Col cannot see Row's move in the same round.
    assert tree.information_set(("C",)) == tree.information_set(("D",)) == "round 1:Col"
    assert tree.information_set(("C", "D")) == history_key(2, [("C", "D")]) + ":Row" == "round 2 after (C, D):Row"


def test_float_and_three_player_stages() -> None:
    game = FinitelyRepeatedGame(prisoners_dilemma(), 1, discount=0.9)
    assert game.kind == "float"
    # A 3-player stage: everyone gets the number of players who play "b"; "b" strictly dominant.
    payoffs = [[[[a + b + c for c in (0, 1)] for b in (0, 1)] for a in (0, 1)] for _ in range(3)]
    stage = NormalFormGame(payoffs, players=["A", "B", "C"], strategies=[["a", "b"]] * 3)
    result = finitely_repeated_equilibria(stage, 2)
    # Unique stage equilibrium (b, b, b) paying 3 each: unique SPE, 6 each.
    assert len(result) == 1 and result.complete
    assert result[0].path == (("b", "b", "b"), ("b", "b", "b"))
    assert result[0].payoffs == (6, 6, 6)


# ---------------------------------------------------------------------------------------------- unravelling
@pytest.mark.parametrize("rounds", [1, 2, 3, 4])
def test_prisoners_dilemma_unravels(rounds: int) -> None:
    # D strictly dominant in the stage: the last round plays (D, D) after every history, so
    # earlier rounds cannot be rewarded; by induction (D, D) in every round, payoff 1 per round.
    result = finitely_repeated_equilibria(prisoners_dilemma(), rounds)
    assert result.complete and not result.degenerate and len(result) == 1
    only = result[0]
    assert only.path == (("D", "D"),) * rounds
    assert only.payoffs == (rounds, rounds)
    assert only.round_payoffs == ((1, 1),) * rounds
    # Off the path too: after (C, C) in round 1 the next round is still (D, D).
    if rounds > 1:
        assert only.play([("C", "C")]) == {"Row": "D", "Col": "D"}
    assert punishment_gaps(prisoners_dilemma()) == {"Row": 0, "Col": 0}


def test_discounted_prisoners_dilemma_payoffs() -> None:
    # 3 rounds of (D, D) with discount 1/2: 1 + 1/2 + 1/4 = 7/4.
    result = finitely_repeated_equilibria(prisoners_dilemma(), 3, discount=F(1, 2))
    assert result[0].payoffs == (F(7, 4), F(7, 4))


# ---------------------------------------------------------------------------------------------- Benoît–Krishna
def test_punishment_gaps_of_the_two_equilibrium_game() -> None:
    assert punishment_gaps(two_equilibria()) == {"Row": 4, "Col": 4}


def test_benoit_krishna_cooperation_in_the_first_round() -> None:
    # Round 1 (a1, b2) = (4, 4) with continuation w after it, and the worst stage equilibrium
    # for the deviator after a deviation:
    #   Row: 4 + w_Row >= 5 + 1  ->  w_Row >= 2;   Col: 4 + w_Col >= 5 + 1  ->  w_Col >= 2.
    # Of the stage payoffs (1, 5), (5, 1), (5/2, 5/2) only the mixed one gives both at least 2,
    # so the path is (a1, b2) then the mixed equilibrium, payoffs 4 + 5/2 = 13/2 each.
    # After Row's deviation (a2, b2) Row must get at most 4 + 5/2 - 5 = 3/2: only (a1, b1) (Row 1);
    # after Col's (a1, b1) Col must get at most 3/2: only (a2, b2).  After (a2, b1) (both deviate)
    # any of the 3 stage equilibria: exactly 3 such subgame-perfect equilibria.
    result = finitely_repeated_equilibria(two_equilibria(), 2)
    assert result.complete
    cooperative = [e for e in result
                   if all(path[0] == ("a1", "b2") for path in e.outcomes)]
    assert len(cooperative) == 3
    for e in cooperative:
        assert e.payoffs == (F(13, 2), F(13, 2))
        assert e.round_payoffs == ((4, 4), (F(5, 2), F(5, 2)))
        assert e.play([]) == {"Row": "a1", "Col": "b2"}
        assert e.play([("a2", "b2")]) == {"Row": "a1", "Col": "b1"}
        assert e.play([("a1", "b1")]) == {"Row": "a2", "Col": "b2"}
        assert e.play([("a1", "b2")]) == {"Row": {"a1": F(1, 2), "a2": F(1, 2)},
                                          "Col": {"b1": F(1, 2), "b2": F(1, 2)}}
        assert e.path is None and len(e.outcomes) == 4
        assert e.label() == "(a1, b2) > {1/4 (a1, b1), 1/4 (a1, b2), 1/4 (a2, b1), 1/4 (a2, b2)}"
    # A joint payoff above every repetition of stage equilibria: the best of those is 5 + 5 = 10
    # over two rounds ((1+5) per round for the pure ones, 5 for the mixed), while 13/2 + 13/2 = 13.
    assert max(sum(p) for p in result.payoff_profiles()) == 13
    # Every listed equilibrium is subgame perfect in the tree solved directly.
    direct = subgame_perfect(result.game.to_tree())
    assert len(direct) == len(result)


@pytest.mark.parametrize(("discount", "sustained"), [(F(1, 2), False), (F(2, 3), True), (F(3, 4), True)])
def test_benoit_krishna_needs_patience(discount: Fraction, sustained: bool) -> None:
    # With discount d: Row's constraint 4 + d 5/2 >= 5 + d 1, i.e. d >= 2/3 (Col's is the same).
    result = finitely_repeated_equilibria(two_equilibria(), 2, discount=discount)
    cooperative = [e for e in result if all(path[0] == ("a1", "b2") for path in e.outcomes)]
    assert bool(cooperative) is sustained
    for e in cooperative:
        assert e.payoffs == (4 + discount * F(5, 2),) * 2


def test_result_json_and_summary() -> None:
    result = finitely_repeated_equilibria(prisoners_dilemma(), 2)
    data = result.to_json()
    assert data["game"]["rounds"] == 2 and data["complete"] is True
    assert data["equilibria"][0]["paths"] == [{"path": [["D", "D"], ["D", "D"]], "probability": 1}]
    assert "(D, D) > (D, D)" in result.summary()
    assert "RepetitionEquilibrium" in repr(result)


# ---------------------------------------------------------------------------------------------- pure payoff sets
def textbook() -> NormalFormGame:
    """Two pure equilibria (T, L) = (1, 1) and (B, R) = (3, 3); (M, C) = (4, 4) is none (T gains 1 against C)."""
    return NormalFormGame.from_arrays([[1, 5, 0], [0, 4, 0], [0, 0, 3]], [[1, 0, 0], [5, 4, 0], [0, 0, 3]],
                                      players=["Row", "Col"], strategies=[["T", "M", "B"], ["L", "C", "R"]])


@pytest.mark.parametrize("rounds", [1, 2, 3, 5])
def test_pure_payoffs_approach_cooperation(rounds: int) -> None:
    # (M, C) in rounds 1..T-1 and (B, R) in round T; any deviation is followed by (T, L) for the rest:
    # a deviation gains 1 now and loses at least 3 - 1 = 2 in the last round.  Every profile pays a joint
    # payoff of at most 8 ((M, C)), and the last round at most 6 ((B, R)): the best joint total is
    # 8(T - 1) + 6, i.e. 4(T - 1) + 3 each, an average tending to 4 (Benoît & Krishna 1985).
    found = pure_equilibrium_payoffs(textbook(), rounds)
    best = max(found.payoffs, key=sum)
    assert sum(best) == 8 * (rounds - 1) + 6
    assert best == (4 * (rounds - 1) + 3,) * 2
    assert found.path(best) == (("M", "C"),) * (rounds - 1) + (("B", "R"),)
    assert found.by_round[-1] == ((1, 1), (3, 3))        # the last round: the pure stage equilibria


def test_pure_payoffs_by_hand_and_against_the_tree() -> None:
    # Two rounds of the 2x2 game: pure stage equilibria (1, 5) and (5, 1) in round 2.  Round 1 can be
    # (a1, b1) or (a2, b2) followed by either: (2, 10), (6, 6), (10, 2).  (a1, b2) needs a continuation
    # worth at least 2 to both (none is pure), (a2, b1) needs 2 to both as well.
    found = pure_equilibrium_payoffs(two_equilibria(), 2)
    assert found.payoffs == ((2, 10), (6, 6), (10, 2))
    tree = finitely_repeated_equilibria(two_equilibria(), 2)
    assert sorted({e.payoffs for e in tree if e.is_pure}) == list(found.payoffs)
    assert pure_equilibrium_payoffs(prisoners_dilemma(), 3).payoffs == ((3, 3),)
    # Matching pennies has no pure equilibrium, so no pure subgame-perfect equilibrium either.
    pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert pure_equilibrium_payoffs(pennies, 3).payoffs == ()
    # Discounting: 1 + 1/2 + 1/4 in the Prisoner's Dilemma.
    assert pure_equilibrium_payoffs(prisoners_dilemma(), 3, discount=F(1, 2)).payoffs == ((F(7, 4), F(7, 4)),)


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=8, max_size=8))
def test_pure_payoffs_match_the_tree_solver(entries: list[int]) -> None:
    stage = NormalFormGame.from_arrays([entries[0:2], entries[2:4]], [entries[4:6], entries[6:8]])
    found = set(pure_equilibrium_payoffs(stage, 2).payoffs)
    tree = finitely_repeated_equilibria(stage, 2)
    listed = {e.payoffs for e in tree if e.is_pure}
    assert listed <= found
    if tree.complete:
        assert listed == found


def test_pure_payoffs_budget_and_bad_input() -> None:
    with pytest.raises(BudgetExceededError):
        pure_equilibrium_payoffs(textbook(), 8, max_payoffs=5)
    with pytest.raises(BudgetExceededError):
        pure_equilibrium_payoffs(textbook(), 8, max_work=100)
    with pytest.raises(UnsupportedGameError):
        pure_equilibrium_payoffs(textbook())
    with pytest.raises(UnsupportedGameError):
        pure_equilibrium_payoffs("textbook", 2)  # type: ignore[arg-type]
    with pytest.raises(ParameterError):
        pure_equilibrium_payoffs(textbook(), 2).path((100, 100))
    with pytest.raises(ParameterError):
        pure_equilibrium_payoffs(textbook(), 2, discount="1")
    with pytest.raises(UnsupportedGameError):
        pure_equilibrium_payoffs(textbook(), 2, discount=sympy.Symbol("delta"))


# ---------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("rounds", ["3", 0, -1, 2.0, True, 10**9, None])
def test_bad_rounds(rounds: object) -> None:
    with pytest.raises(ParameterError, match="rounds"):
        FinitelyRepeatedGame(prisoners_dilemma(), rounds)  # type: ignore[arg-type]


@pytest.mark.parametrize("discount", ["0.9", "__import__('os')", 0, -0.5, 1.5, math.nan, math.inf, [0.9]])
def test_bad_discount(discount: object) -> None:
    with pytest.raises(ParameterError):
        FinitelyRepeatedGame(prisoners_dilemma(), 2, discount=discount)


def test_tree_budget_is_checked_before_building() -> None:
    big = NormalFormGame([[[0] * 10] * 10] * 2)
    with pytest.raises(BudgetExceededError, match="max_nodes"):
        FinitelyRepeatedGame(big, 50)
    with pytest.raises(BudgetExceededError):
        FinitelyRepeatedGame(prisoners_dilemma(), 3, max_nodes=20)
    with pytest.raises(ParameterError):
        FinitelyRepeatedGame(prisoners_dilemma(), 3, max_nodes=0)


def test_bad_games_and_histories() -> None:
    with pytest.raises(UnsupportedGameError):
        finitely_repeated_equilibria([[1, 2], [3, 4]], 2)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedGameError):
        finitely_repeated_equilibria(prisoners_dilemma())
    with pytest.raises(UnsupportedGameError):
        finitely_repeated_equilibria(FinitelyRepeatedGame(prisoners_dilemma(), 2), 3)
    result = finitely_repeated_equilibria(prisoners_dilemma(), 2)
    with pytest.raises(ParameterError):
        result[0].play([("C", "C"), ("C", "C")])
    with pytest.raises(ParameterError):
        result[0].play([("C", "Z")])
    game = FinitelyRepeatedGame(prisoners_dilemma(), 2)
    with pytest.raises(TrigameError):
        game.payoffs([("C", "C")])
    with pytest.raises(TrigameError):
        game.payoffs([("C", "C"), ("C", "X")])
    with pytest.raises(TrigameError):
        game.payoffs("CCCC")
