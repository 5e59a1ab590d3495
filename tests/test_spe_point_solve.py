"""Backward induction at numeric points: the shortcuts of a stage's strategic form, pinned to the plain routes.

A regime map of a sequential model solves a tree at every cell it checks (``symbolic_tree.subs(values)``,
then ``subgame_perfect``), so these paths are written for speed; each is compared here with an independent
one: the stage's strategic form with the tree's own ``to_normal_form``, the behaviour of a pure strategy
with Kuhn's formula, the substitution of a tree with substituting each payoff on its own.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.solve.subgame_perfect._solver import _Solver

PLAYERS = ("Japan", "South Korea", "United States")


def _bayesian_stage(payoffs: list[tuple[F, F, F]], prior: F, kind: str) -> GameTree:
    """Chance draws South Korea's type; Japan, uninformed, and the informed type move at once (no proper subgame).

    The shape of BayesianLateralPressure's pressed subgame: one chance node, Japan's one information set across
    both types, and one set per type of South Korea (2x4 in strategic form).
    """
    leaves = iter(payoffs)
    number: Any = float if kind == "float" else F

    def korea(t: str) -> Decision:
        return Decision("South Korea", {k: Terminal(tuple(number(v) for v in next(leaves))) for k in ("C", "A")},
                        infoset=f"korea {t}")

    def japan(t: str) -> Decision:
        return Decision("Japan", {j: korea(t) for j in ("C", "A")}, infoset="japan")

    p = number(prior)
    return GameTree(Chance({"low": (p, japan("low")), "high": (1 - p, japan("high"))}), players=PLAYERS)


def _korea_sets(tree: GameTree) -> list[int]:
    return sorted({tree._node_infoset[k] for k, node in enumerate(tree._nodes)
                   if isinstance(node, Decision) and node.player == "South Korea"})


payoff = st.builds(F, st.integers(-6, 6), st.sampled_from([1, 2, 3]))  # denominators unlike the prior's
payoff_lists = st.lists(st.tuples(*(payoff,) * 3), min_size=16, max_size=16)
priors = st.sampled_from([F(0), F(1, 4), F(2, 5), F(1)])


@settings(max_examples=25, deadline=None)
@given(payoff_lists, priors, st.sampled_from(["exact", "float"]))
def test_a_stage_strategic_form_is_the_trees_normal_form(payoffs: list[Any], prior: F, kind: str) -> None:
    # the whole tree is one stage: its strategic form, built leaf by leaf into flat rows, is the tree's strategic
    # form (trigame.games.tree.strategic_form, an independent construction), the US (no move) left out
    tree = _bayesian_stage(payoffs, prior, kind)
    solver = _Solver(tree, 1000, 1e-9, None, None)
    inner, below = solver.stage(0)
    assert below == []
    deciders = [k for k in inner if isinstance(tree._nodes[k], Decision)]
    infosets = sorted({tree._node_infoset[k] for k in deciders})
    movers = [p for p in tree.players if any(tree._infosets[h].player == p for h in infosets)]
    own = {p: [h for h in infosets if tree._infosets[h].player == p] for p in movers}
    leaves = frozenset(k for k, node in enumerate(tree._nodes) if isinstance(node, Terminal))
    game, _ = solver.strategic_form(0, leaves, movers, own, {})
    whole = tree.to_normal_form()
    assert game.strategies == tuple(whole.strategies[tree.players.index(p)] for p in movers)
    for m, p in enumerate(movers):
        expected = whole.payoffs[tree.players.index(p)][..., 0]  # the US's one strategy "-", last
        if kind == "float":
            np.testing.assert_allclose(np.asarray(game.payoffs[m], dtype=float),
                                       np.asarray(expected, dtype=float), rtol=0, atol=1e-12)
        else:
            assert game.payoffs[m].tolist() == expected.tolist()


@settings(max_examples=25, deadline=None)
@given(payoff_lists, priors, st.sampled_from(["exact", "float"]))
def test_a_pure_strategys_behaviour_is_kuhns(payoffs: list[Any], prior: F, kind: str) -> None:
    # every pure plan of South Korea (one action per type): the shortcut's behaviour is Kuhn's formula's
    tree = _bayesian_stage(payoffs, prior, kind)
    solver = _Solver(tree, 1000, 1e-9, None, None)
    sets = _korea_sets(tree)
    plans = list(itertools.product(*(tree._infosets[h].actions for h in sets)))
    one, zero = (1.0, 0.0) if kind == "float" else (F(1), F(0))
    for n, plan in enumerate(plans):
        sigma = [one if m == n else zero for m in range(len(plans))]
        kuhn = {h: solver.kuhn(0, "South Korea", sets, j, plans, sigma) for j, h in enumerate(sets)}
        fast = solver.pure_behaviour(sets, plan)
        assert fast == kuhn
        assert all(type(p) is type(q) for h in sets for p, q in zip(fast[h].values(), kuhn[h].values()))


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=16, max_size=16), st.integers(0, 4), st.integers(-2, 2))
def test_substituting_a_tree_substitutes_each_payoff(picks: list[int], c: int, d: int) -> None:
    # the same expression at many leaves is substituted once: each payoff is what it gives on its own
    cs, ds = sympy.symbols("c d")
    choices = [cs, cs + ds, 2 * cs - ds, cs * ds, sympy.sqrt(cs), sympy.Integer(1)]
    exprs = [choices[k] for k in picks]
    leaves = iter(exprs)

    def mover(key: str) -> Decision:
        return Decision("A", {a: Decision("B", {b: Terminal((next(leaves), next(leaves))) for b in "xy"})
                              for a in "uv"}, infoset=key)

    tree = GameTree(Chance({"low": (F(1, 3), mover("A1")), "high": (F(2, 3), mover("A2"))}), players=("A", "B"))
    values = {name: value for name, value in (("c", c), ("d", d)) if name in {s.name for s in tree.symbols}}
    if not values:
        return
    got = [v for payoffs in tree.subs(values).terminals().values() for v in payoffs]
    one_by_one = [e.subs({sympy.Symbol(k): v for k, v in values.items()}) for e in exprs]
    assert len(got) == len(one_by_one)
    for value, expected in zip(got, one_by_one):
        if expected.is_Rational:
            assert value == F(int(expected.p), int(expected.q))
        else:
            assert abs(float(value) - float(expected)) <= 1e-12
