"""Properties of subgame-perfect equilibria on generated trees (hypothesis)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.tree import Chance, Decision, GameTree, Terminal, stage
from trigame.solve.subgame_perfect import subgame_perfect

F = Fraction
PLAYERS = ("A", "B")
T = sp.Symbol("t")
#: Skip strategic-form checks beyond this many pure profiles (keeps the run short).
MAX_PROFILES = 5000


@st.composite
def trees(draw: Any, max_depth: int = 3, stages: bool = True, symbolic: bool = False) -> GameTree:
    """Small trees with decision and chance nodes and (optionally) simultaneous 2-player stages.

    Payoffs come from {0, 1, 2, 3} so that ties are frequent; symbolic payoffs are
    ``a + b t`` with small integers ``a``, ``b``.
    """
    keys = itertools.count()

    def payoff() -> Any:
        a = draw(st.integers(0, 3))
        if not symbolic:
            return a
        return a + draw(st.integers(-1, 1)) * T

    def node(depth: int) -> Any:
        kinds = ["terminal"] if depth >= max_depth else ["terminal", "decision", "decision", "chance"]
        if stages and depth < max_depth:
            kinds.append("stage")
        kind = draw(st.sampled_from(kinds))
        if kind == "terminal":
            return Terminal(tuple(payoff() for _ in PLAYERS))
        if kind == "decision":
            player = draw(st.sampled_from(PLAYERS))
            return Decision(player, {f"a{j}": node(depth + 1) for j in range(draw(st.integers(1, 2)))})
        if kind == "chance":
            weights = draw(st.lists(st.integers(1, 3), min_size=2, max_size=2))
            return Chance({f"n{j}": (F(w, sum(weights)), node(depth + 1)) for j, w in enumerate(weights)})
        rows, cols = draw(st.integers(1, 2)), draw(st.integers(2, 2 if symbolic else 3))
        cells = [[node(max_depth) if draw(st.booleans()) else node(depth + 2) for _ in range(cols)]
                 for _ in range(rows)]
        return stage(list(PLAYERS), [[f"r{j}" for j in range(rows)], [f"c{j}" for j in range(cols)]], cells,
                     key=f"s{next(keys)}")

    return GameTree(node(0), players=PLAYERS)


def profiles(tree: GameTree) -> int:
    return math.prod(len(tree.pure_strategies(p)) for p in tree.players)


def backward_values(tree: GameTree, path: tuple[str, ...] = ()) -> set[tuple[Any, ...]]:
    """Payoff vectors of the SPE of a perfect-information tree, by plain recursion (independent of trigame)."""
    node = tree.node(path)
    if isinstance(node, Terminal):
        return {tuple(F(v) for v in node.payoffs)}
    children = [backward_values(tree, (*path, a)) for a in (node.actions if isinstance(node, Decision)
                                                             else node.outcomes)]
    out = set()
    for combo in itertools.product(*children):
        if isinstance(node, Chance):
            weights = [p for p, _ in node.outcomes.values()]
            out.add(tuple(sum(w * v[i] for w, v in zip(weights, combo)) for i in range(len(PLAYERS))))
        else:
            i = PLAYERS.index(node.player)
            best = max(v[i] for v in combo)
            out.update(v for v in combo if v[i] == best)
    return out


@given(trees())
def test_every_spe_is_a_nash_equilibrium_of_the_strategic_form(tree: GameTree) -> None:
    spes = subgame_perfect(tree)
    # incomplete only where a tie lets an earlier mover's incentives move (said in a note)
    assert len(spes) >= 1 and (spes.complete or any("not listed" in note for note in spes.notes))
    for spe in spes:
        assert sum(spe.outcomes.values()) == 1
    if profiles(tree) <= MAX_PROFILES:
        game = tree.to_normal_form()
        for spe in spes:
            assert tg.is_nash(game, spe.profile())
            assert game.expected_payoffs(spe.profile()) == spe.payoffs


@given(trees(stages=False))
def test_spe_payoffs_are_the_backward_induction_values(tree: GameTree) -> None:
    assert {spe.payoffs for spe in subgame_perfect(tree)} == backward_values(tree)


@given(trees())
def test_restriction_to_every_subgame_is_an_equilibrium_there(tree: GameTree) -> None:
    spes = subgame_perfect(tree)
    for path in tree.subgame_roots():
        sub = tree.subgame(path)
        if profiles(sub) > MAX_PROFILES:
            continue
        game = sub.to_normal_form()
        for spe in spes:
            restricted = {info.key: spe.behavior[info.key] for info in sub.information_sets}
            assert tg.is_nash(game, sub.strategy_profile(restricted))


@given(trees(stages=False))
def test_generic_perfect_information_tree_has_a_unique_pure_spe(tree: GameTree) -> None:
    spes = subgame_perfect(tree)
    assert all(spe.is_pure for spe in spes)
    assert (len(spes) == 1) or spes.degenerate


def _behaviors(spes: Any, at: Any = None) -> set[tuple[tuple[Fraction, ...], ...]]:
    out = set()
    for spe in spes:
        if at is not None and not bool(sp.sympify(spe.condition).subs(T, at)):
            continue
        values = []
        for dist in spe.behavior.values():
            values.append(tuple(F(str(sp.nsimplify(sp.sympify(p).subs(T, at)))) if at is not None else F(p)
                                for p in dist.values()))
        out.add(tuple(values))
    return out


@given(trees(stages=False, symbolic=True), st.sampled_from([F(-2), F(-1, 2), F(0), F(1, 3), F(1), F(5, 2)]))
def test_symbolic_spe_at_a_point_is_the_numeric_spe(tree: GameTree, value: Fraction) -> None:
    if not tree.is_symbolic:
        return
    pieces = subgame_perfect(tree)
    numeric = subgame_perfect(tree.subs(t=value))
    assert _behaviors(pieces, at=value) == _behaviors(numeric)


@settings(max_examples=15)  # symbolic closed forms are slow; fewer examples keep the suite short
@given(trees(max_depth=2, symbolic=True), st.sampled_from([F(-1), F(1, 2), F(2)]))
def test_symbolic_stages_at_a_point(tree: GameTree, value: Fraction) -> None:
    pytest.importorskip("trigame.solve.nash.closed_form")
    if not tree.is_symbolic:
        return
    pieces = subgame_perfect(tree)
    numeric = subgame_perfect(tree.subs(t=value))
    assert _behaviors(pieces, at=value) == _behaviors(numeric)


def test_a_few_hundred_nodes() -> None:
    # A centipede game with 300 moves and a complete binary tree with 511 nodes: every
    # SPE is found (one each; the payoffs below are generic), and it is a Nash equilibrium.
    node: Any = Terminal((301, 300))
    for k in reversed(range(300)):
        mover = PLAYERS[k % 2]
        take = (k + 2, k) if mover == "A" else (k, k + 2)
        node = Decision(mover, {"take": Terminal(take), "pass": node})
    spes = subgame_perfect(GameTree(node, players=PLAYERS))
    assert len(spes) == 1 and dict(spes[0].outcomes) == {("take",): 1}

    counter = itertools.count()

    def binary(depth: int) -> Any:
        if depth == 8:
            k = next(counter)
            return Terminal(((k * 7919) % 1009, (k * 104729) % 1013))
        return Decision(PLAYERS[depth % 2], {"l": binary(depth + 1), "r": binary(depth + 1)})

    tree = GameTree(binary(0), players=PLAYERS)
    assert len(tree) == 511
    spes = subgame_perfect(tree)
    assert len(spes) == 1
    assert {spes[0].payoffs} == backward_values(tree)
