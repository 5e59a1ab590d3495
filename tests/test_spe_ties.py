"""Ties at perfect-information nodes: what ``complete`` promises for subgame-perfect equilibria.

At a tie every mixture of the tied actions is optimal.  When a mixture changes the
payoff of a player who moves earlier, that player can become indifferent in turn and
mix: such equilibria are not pure and not listed, so ``complete`` must be False.  When
the tied actions pay every earlier mover the same, the equilibria with mixtures are
exactly the listed ones with the tie's pure choice replaced by a mixture of the listed
choices, and ``complete`` stays True.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import sympy

from trigame.games.tree import Decision, GameTree, Terminal
from trigame.solve.subgame_perfect import subgame_perfect


def choices(tree: GameTree, spe: Any) -> tuple[Any, Any]:
    """(P1's probability of In, P2's probability of R) of an SPE of the entry trees below."""
    p = spe.behavior[tree.information_set(())]["In"]
    q = spe.behavior[tree.information_set(("In",))]["R"]
    return p, q


def entry_tree(out: Any = 1, kind: Any = F) -> GameTree:
    # P1 chooses Out, paying (out, 0), or In; then P2 is indifferent between L (0, 1) and R (2, 1).
    return GameTree(Decision("P1", {"Out": Terminal((kind(out), kind(0))),
                                    "In": Decision("P2", {"L": Terminal((kind(0), kind(1))),
                                                          "R": Terminal((kind(2), kind(1)))})}),
                    players=("P1", "P2"))


def test_tie_that_moves_an_earlier_player_is_incomplete() -> None:
    # Hand derivation.  P2 mixes R with probability q (every q is optimal: 1 = 1).  P1 gets 1
    # from Out and 2q from In, so P1 plays Out if q < 1/2, In if q > 1/2, anything at q = 1/2.
    # The SPE set {(Out, q <= 1/2)} u {(p, 1/2)} u {(In, q >= 1/2)} is a path of three
    # segments with extreme points (p, q) = (0, 0), (0, 1/2), (1, 1/2), (1, 1).  Pure choices
    # give only (0, 0) = (Out, L) and (1, 1) = (In, R): the two at q = 1/2 are missing.
    tree = entry_tree()
    spes = subgame_perfect(tree)
    extreme = {(F(0), F(0)), (F(0), F(1, 2)), (F(1), F(1, 2)), (F(1), F(1))}
    listed = {choices(tree, spe) for spe in spes}
    assert listed <= extreme and listed == {(0, 0), (1, 1)}
    assert spes.degenerate and not spes.complete
    assert any("'P2'" in note and "'P1'" in note and "not listed" in note for note in spes.notes)


def test_float_tree_tie_is_incomplete_too() -> None:
    spes = subgame_perfect(entry_tree(kind=float))
    assert len(spes) == 2 and spes.degenerate and not spes.complete


def test_symbolic_tie_for_all_parameter_values_is_incomplete() -> None:
    # The same tree with Out paying c to P1: P2's tie (1 = 1) holds for every c, and its
    # mixtures pay P1 anything in [0, 2]; for 0 < c < 2, P1 becomes indifferent at q = c/2.
    c = sympy.Symbol("c")
    tree = GameTree(Decision("P1", {"Out": Terminal((c, 0)),
                                    "In": Decision("P2", {"L": Terminal((0, 1)), "R": Terminal((2, 1))})}),
                    players=("P1", "P2"))
    spes = subgame_perfect(tree)
    assert spes.degenerate and not spes.complete


def test_tie_that_matters_to_nobody_above_stays_complete() -> None:
    # P1 chooses Out (1, 0, 0) or In; then P2 is indifferent between L (2, 1, 0) and
    # R (2, 1, 9).  Only P3's payoff differs, and P3 never moves; P1 gets 2 > 1 from In
    # whatever P2 does.  Hand derivation: the SPE are exactly (In, q) for q in [0, 1],
    # the segment between the listed pure SPE (In, L) and (In, R).
    tree = GameTree(Decision("P1", {"Out": Terminal((1, 0, 0)),
                                    "In": Decision("P2", {"L": Terminal((2, 1, 0)), "R": Terminal((2, 1, 9))})}),
                    players=("P1", "P2", "P3"))
    spes = subgame_perfect(tree)
    assert {choices(tree, spe) for spe in spes} == {(1, 0), (1, 1)}
    assert spes.complete and spes.degenerate
    assert {spe.payoffs for spe in spes} == {(2, 1, 0), (2, 1, 9)}


def test_tie_with_identical_payoffs_stays_complete() -> None:
    # The tied actions pay everybody the same: mixing changes nothing above.  Hand derivation:
    # P1 gets 3 from In (either way) > 1 from Out: the SPE are (In, any q).
    tree = GameTree(Decision("P1", {"Out": Terminal((1, 0)),
                                    "In": Decision("P2", {"L": Terminal((3, 1)), "R": Terminal((3, 1))})}),
                    players=("P1", "P2"))
    spes = subgame_perfect(tree)
    assert {choices(tree, spe) for spe in spes} == {(1, 0), (1, 1)}
    assert spes.complete


def test_no_tie_is_complete_and_not_degenerate() -> None:
    # P2 strictly prefers R (2 > 1), so P1 compares 1 (Out) with 2 (In): the unique SPE is (In, R).
    tree = GameTree(Decision("P1", {"Out": Terminal((1, 0)),
                                    "In": Decision("P2", {"L": Terminal((0, 1)), "R": Terminal((2, 2))})}),
                    players=("P1", "P2"))
    spes = subgame_perfect(tree)
    assert [choices(tree, spe) for spe in spes] == [(1, 1)]
    assert spes.complete and not spes.degenerate


def test_tie_whose_mixtures_never_make_the_parent_indifferent_is_complete() -> None:
    # Out pays P1 -10: P1 gets 2q >= 0 > -10 from In whatever P2's mixture q, so P1 never
    # becomes indifferent.  Hand derivation: the SPE are (In, q) for q in [0, 1], whose extreme
    # points (In, L) and (In, R) are listed.
    tree = entry_tree(out=-10)
    spes = subgame_perfect(tree)
    assert {choices(tree, spe) for spe in spes} == {(1, 0), (1, 1)}
    assert spes.complete and spes.degenerate


def test_parent_indifferent_only_at_a_pure_choice_is_complete() -> None:
    # Out pays P1 0: P1 gets 2q from In, so P1 is indifferent only at q = 0 (P2 plays L).
    # Hand derivation: SPE = {(In, q) : q > 0} u {(p, 0) : p in [0, 1]}, a path with extreme
    # points (Out, L), (In, L), (In, R) -- all pure, all listed.
    tree = entry_tree(out=0)
    spes = subgame_perfect(tree)
    assert {choices(tree, spe) for spe in spes} == {(0, 0), (1, 0), (1, 1)}
    assert spes.complete


def test_tie_that_matters_to_a_grandparent_is_incomplete() -> None:
    # P0 chooses Stop (1, 0, 0) or Go to the entry game of P1 and P2 (P0 is paid like P1 there).
    # P2's tie changes P0's payoff; P0 becomes indifferent at q = 1/2 when P1 plays In
    # (2q = 1), so equilibria with P2 mixing 1/2 and P0 mixing exist and are not listed.
    entry = Decision("P1", {"Out": Terminal((1, 1, 0)),
                            "In": Decision("P2", {"L": Terminal((0, 0, 1)), "R": Terminal((2, 2, 1))})})
    tree = GameTree(Decision("P0", {"Stop": Terminal((1, 0, 0)), "Go": entry}), players=("P0", "P1", "P2"))
    spes = subgame_perfect(tree)
    assert not spes.complete and spes.degenerate
