"""Continua of a subgame's perfect Bayesian equilibria, and the earlier movers who respond to their interior points.

A subgame whose equilibria form a polytope on which its payoffs are affine is passed up whole: the stage above
solves for weights on its extreme points, so every equilibrium in which an earlier mover responds to an interior
point is listed (by its extreme points).  Expected values are derived by hand in the comments; the properties compare
with the independent check (:mod:`trigame.verify`) and, on signalling games, with the signalling solver.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from fractions import Fraction as F
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trigame.solve.perfect_bayesian.tree as tree_module
from trigame.games.signaling import SignalingGame
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.results.perfect_bayesian import BeliefSet
from trigame.solve.perfect_bayesian import perfect_bayesian
from trigame.verify import check_assessment
from trigame.verify.assessments import is_perfect_bayesian


def points(pbes: Any, *keys: str) -> set[tuple[Any, ...]]:
    """Each equilibrium as the tuple of its distributions at ``keys`` (``{action: probability}`` items)."""
    return {tuple(tuple(sorted((a, p) for a, p in e.behavior[k].items() if p)) for k in keys) for e in pbes}


@contextlib.contextmanager
def counting_stage_solves() -> Iterator[list[tuple[Any, ...]]]:
    """Record each stage solve of the tree solver: its stage root, leaf values and continua taken whole."""
    real = tree_module.solve_stage
    solved: list[tuple[Any, ...]] = []

    def counting(tree: GameTree, x: int, inner: Any, leaves: Any, *rest: Any) -> Any:
        solved.append((x, tuple(sorted(leaves.items())), tuple(sorted((y, tuple(v)) for y, v in rest[-1].items()))))
        return real(tree, x, inner, leaves, *rest)

    with mock.patch.object(tree_module, "solve_stage", counting):
        yield solved


def test_never_drawn_type_responds_to_the_receivers_indifference() -> None:
    # Types a (prior 0) and b (prior 1); a can send m or n, b only n.  (Sender, receiver) payoffs:
    # a,m,x (-1, 0); a,m,y (2, 0); a,n,x (0, 1); a,n,y (-2, 1); b,n,x (2, 1); b,n,y (0, 0).
    # After n: b sends it, so Bayes' rule gives belief b = 1, and x (1) beats y (0).  After m: only a can send it,
    # so the receiver's node a-m is a subgame of its own, behind the zero-probability draw of a, where the receiver
    # gets 0 either way: any q = P(x | m) in [0, 1].  Type a then gets 2 - 3q for m and 0 for n: m when q <= 2/3,
    # n when q >= 2/3, any mixture at q = 2/3.  The equilibria are one connected set with the extreme points
    # (m, q = 0), (m, q = 2/3), (n, q = 2/3), (n, q = 1).  (Before, the tree route passed up only q = 0 and q = 1
    # and listed two of them, complete=False.)
    table = {("a", "m", "x"): (-1, 0), ("a", "m", "y"): (2, 0), ("a", "n", "x"): (0, 1), ("a", "n", "y"): (-2, 1),
             ("b", "n", "x"): (2, 1), ("b", "n", "y"): (0, 0)}
    game = SignalingGame(("a", "b"), {"a": 0, "b": 1}, {"a": ("m", "n"), "b": ("n",)}, ("x", "y"), table)
    tree = game.to_tree()
    result = perfect_bayesian(tree)
    assert result.complete and result.degenerate
    third = (("x", F(2, 3)), ("y", F(1, 3)))
    assert points(result, "Sender@a", "Receiver@m") == {
        ((("m", 1),), (("y", 1),)), ((("m", 1),), third), ((("n", 1),), third), ((("n", 1),), (("x", 1),))}
    assert all(dict(e.choices())["Sender@b"] == "n" and dict(e.choices())["Receiver@n"] == "x" for e in result)
    assert len({e.component for e in result}) == 1
    for e in result:
        belief = e.beliefs["Receiver@n"]
        assert not isinstance(belief, BeliefSet) and belief == {("a", "n"): 0, ("b", "n"): 1}
        assert check_assessment(tree, e.behavior, e.beliefs) == []
    signalling = perfect_bayesian(game)
    assert points(signalling, "Sender@a", "Receiver@m") == points(result, "Sender@a", "Receiver@m")


def test_earlier_mover_responds_to_a_later_indifference() -> None:
    # No chance: player 1 takes R (1 for player 1) or L, after which player 2, indifferent (0 either way), plays x
    # (player 1 gets 0) or y (player 1 gets 3) -- a subgame with the continuum q = P(x) in [0, 1].  L pays player 1
    # 3 - 3q: L when q <= 2/3, R when q >= 2/3, any mixture at q = 2/3.  Extreme points: (L, q = 0), (L, q = 2/3),
    # (R, q = 2/3), (R, q = 1); before, only (L, 0) and (R, 1), complete=False.
    tree = GameTree(Decision("1", {"L": Decision("2", {"x": Terminal((0, 0)), "y": Terminal((3, 0))}),
                                   "R": Terminal((1, 0))}))
    result = perfect_bayesian(tree)
    assert result.complete
    third = (("x", F(2, 3)), ("y", F(1, 3)))
    assert points(result, "1@root", "2@L") == {((("L", 1),), (("y", 1),)), ((("L", 1),), third),
                                               ((("R", 1),), third), ((("R", 1),), (("x", 1),))}
    assert all(check_assessment(tree, e.behavior, e.beliefs) == [] for e in result)


def test_weights_entering_polynomially_are_flagged() -> None:
    # Player 1 (indifferent: 0 everywhere) plays L or M, which player 2 does not see; after (L, u) player 3 is
    # indifferent between x (player 2 gets 2) and y (0).  Player 2 with belief p on L gets 2qp + (1 - p) for u and
    # p for d: the weights on the continuum below multiply player 1's mixture (and the belief), so the joint set is
    # cut out by polynomials, not the polytope the method needs.  The result must say so and stay checked.
    def after(first: str) -> Decision:
        below = Decision("3", {"x": Terminal((0, 2, 0)), "y": Terminal((0, 0, 0))}) if first == "L" \
            else Terminal((0, 1, 0))
        return Decision("2", {"u": below, "d": Terminal((0, 1 if first == "L" else 0, 0))}, infoset="2")

    tree = GameTree(Decision("1", {"L": after("L"), "M": after("M")}))
    result = perfect_bayesian(tree)
    assert not result.complete
    assert any("not linear in its weights" in note for note in result.notes)
    assert len(result) > 0  # the equilibria at the continuum's extreme points are still listed
    assert all(check_assessment(tree, e.behavior, e.beliefs) == [] for e in result)


def test_a_stage_whose_weights_enter_polynomially_solves_each_combination_once() -> None:
    # As above, with player 4 before player 3 after (L, u): out pays (0, 1, 0, 1); in leads to player 3,
    # indifferent between x (0, 2, 0, 2) and y (0, 0, 0, 0).  Stages, bottom up:
    # * player 3: any q = P(x), a continuum paying players 2 and 4 differently, passed up whole (1 solve);
    # * player 4, valuing in by the weight l on x: 2l against 1 for out (1 solve): (in, l in [1/2, 1]) is a
    #   continuum paying player 2 1 to 2, passed up whole; out, and any mixture at l = 1/2, pay (0, 1, 0, 1): a
    #   group holding (out, l = 0), which is no extreme point of that continuum, so the root takes it alone too;
    # * the root: player 2's belief p on L multiplies the weights, so the root is solved on the extreme points
    #   (0, 1, 0, 1) and (0, 2, 0, 2) of (L, u) instead (2 solves) -- after its one combination with the continuum
    #   found that (1 solve).  Before, the combination with the group (0, 1, 0, 1) came first and was solved twice
    #   (6 solves in all, not 5).
    def after(first: str) -> Decision:
        if first == "L":
            third = Decision("3", {"x": Terminal((0, 2, 0, 2)), "y": Terminal((0, 0, 0, 0))})
            below: Any = Decision("4", {"in": third, "out": Terminal((0, 1, 0, 1))})
        else:
            below = Terminal((0, 1, 0, 0))
        return Decision("2", {"u": below, "d": Terminal((0, 1 if first == "L" else 0, 0, 0))}, infoset="2")

    tree = GameTree(Decision("1", {"L": after("L"), "M": after("M")}), players=("1", "2", "3", "4"))
    with counting_stage_solves() as solved:
        result = perfect_bayesian(tree)
    assert len(solved) == 5 and len(set(solved)) == 5
    assert not result.complete and any("not linear in its weights" in note for note in result.notes)
    assert len(result) > 0 and all(check_assessment(tree, e.behavior, e.beliefs) == [] for e in result)


# ------------------------------------------------------------------------------------------------ properties
@st.composite
def chance_trees(draw: Any) -> GameTree:
    """Small trees with chance moves of zero and positive probability.

    Chance draws one of two or three outcomes (weights in {0, 1, 2}, at least one positive); player 1 moves,
    knowing the outcome or not; each action ends the game, or leads to player 2 directly or through a second chance
    move; player 2's nodes fall into two shared information sets or singletons (subgames), and after player 2 a
    singleton move of player 1 may follow.  Payoffs in {-1, .., 2}, so ties and continua are common.
    """
    pay = st.integers(-1, 2)
    counter = itertools.count()

    def leaf() -> Terminal:
        return Terminal((draw(pay), draw(pay)))

    def probabilities(k: int) -> list[F]:
        weights = draw(st.lists(st.integers(0, 2), min_size=k, max_size=k).filter(any))
        return [F(w, sum(weights)) for w in weights]

    def second() -> Decision:
        label = draw(st.sampled_from(["2A", "2B", f"2-{next(counter)}"]))
        moves = {a: (Decision("1", {"c": leaf(), "d": leaf()}) if draw(st.integers(0, 4)) == 0 else leaf())
                 for a in ("x", "y")}
        return Decision("2", moves, infoset=label)

    def after_first() -> Any:
        kind = draw(st.integers(0, 4))
        if kind == 0:
            return leaf()
        if kind == 1:
            p = probabilities(2)
            return Chance({"u": (p[0], second()), "v": (p[1], second())})
        return second()

    k = draw(st.integers(2, 3))
    shared = draw(st.booleans())
    p = probabilities(k)
    return GameTree(Chance({f"t{i}": (p[i], Decision("1", {"a": after_first(), "b": after_first()},
                                                          infoset="1" if shared else f"1@{i}"))
                            for i in range(k)}), players=("1", "2"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chance_trees())
def test_every_listed_equilibrium_passes_the_independent_check(tree: GameTree) -> None:
    with counting_stage_solves() as solved:
        result = perfect_bayesian(tree, max_equilibria=400)
    assert len(set(solved)) == len(solved)  # no stage solved twice with the same values below
    assert len(result) > 0 or not result.complete  # every finite tree has a perfect Bayesian equilibrium
    for e in result:
        assert check_assessment(tree, e.behavior, e.beliefs) == [], e


@st.composite
def signalling_games(draw: Any) -> SignalingGame:
    """Two or three types with priors that may be zero, two messages (some types offered one), two responses."""
    n = draw(st.integers(2, 3))
    types = ("a", "b", "c")[:n]
    weights = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n).filter(any))
    prior = {t: F(w, sum(weights)) for t, w in zip(types, weights)}
    offer = {t: draw(st.sampled_from([("m", "n"), ("m", "n"), ("m",), ("n",)])) for t in types}
    table = {(t, m, a): (draw(st.integers(-2, 2)), draw(st.integers(-2, 2)))
             for t in types for m in offer[t] for a in ("x", "y")}
    return SignalingGame(types, prior, offer, ("x", "y"), table)


def signalling_summary(pbes: Any, game: SignalingGame, *, tree: bool) -> set[Any]:
    """Behaviour, and the receiver's beliefs by type (vertex sets for belief sets), of each equilibrium."""
    out = set()
    for e in pbes:
        behaviour = tuple(sorted((str(k), tuple(sorted((a, p) for a, p in d.items() if p)))
                                 for k, d in e.behavior.items()))
        beliefs = []
        for m in game.messages:
            b = e.beliefs[game.receiver_key(m)]
            vertices: list[dict[Any, Any]] = [dict(v) for v in b.vertices] if isinstance(b, BeliefSet) else [dict(b)]
            if tree:
                vertices = [{path[0]: p for path, p in v.items()} for v in vertices]
            beliefs.append(frozenset(frozenset((t, p) for t, p in v.items() if p) for v in vertices))
        out.add((behaviour, tuple(beliefs)))
    return out


@settings(max_examples=30, deadline=None)
@given(signalling_games())
def test_tree_and_signalling_routes_list_the_same_equilibria(game: SignalingGame) -> None:
    tree = game.to_tree()
    by_tree = perfect_bayesian(tree)
    by_signals = perfect_bayesian(game)
    assert by_tree.complete and by_signals.complete
    assert signalling_summary(by_tree, game, tree=True) == signalling_summary(by_signals, game, tree=False)
    assert all(is_perfect_bayesian(tree, e) for e in by_tree)
