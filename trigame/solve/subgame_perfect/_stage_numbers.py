"""The numbers of a numeric stage: its strategic form's payoffs in integers, and the leaves a behaviour reaches.

Helpers of :class:`~trigame.solve.subgame_perfect._solver._Solver` for float and exact trees, apart so that
a regime map's point solves can keep their results from point to point
(:mod:`~trigame.solve.subgame_perfect._memo`): :func:`exact_sums` gives an exact stage's payoff table as
integers over one common denominator (a key as well as the table), :func:`stage_game` the strategic form,
and :func:`stage_reach` the probability with which a behaviour reaches each leaf of a stage, from which
:func:`reach_value` sums the expected payoffs for any payoffs at the leaves (these two serve symbolic trees
too, with their ``clean`` argument).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from trigame._numbers import is_zero
from trigame.games.tree.nodes import Chance, Terminal

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.games.tree.game_tree import GameTree

__all__ = ["exact_reach_value", "exact_sums", "integer_reach", "reach_value", "stage_game", "stage_reach"]


def exact_sums(reached: Sequence[tuple[tuple[Fraction, ...], Fraction, list[int]]], payers: Sequence[int],
               size: int) -> tuple[list[list[int]], int]:
    """Each mover's row of sums ``weight * payoff`` over the leaves reaching each cell, in integers over
    one common denominator (returned with them).

    Every term ``(a / b) (c / d)`` is ``a c (D / (b d)) / D`` over the common denominator ``D`` of the
    terms, so the sums are integers divided once per cell: the same Fractions as summing them one by one.
    """
    terms = [(offsets, [(weight.numerator * values[i].numerator, weight.denominator * values[i].denominator)
                        for i in payers]) for values, weight, offsets in reached]
    common = math.lcm(*(den for _, products in terms for _, den in products))
    sums = [[0] * size for _ in payers]
    for offsets, products in terms:
        for row, (num, den) in zip(sums, products):
            term = num * (common // den)
            for at in offsets:
                row[at] += term
    return sums, common


def stage_game(rows: list[list[Any]], movers: list[str], strategies: dict[str, list[tuple[str, ...]]],
               shape: tuple[int, ...], kind: Literal["float"] | None) -> NormalFormGame:
    """The stage's strategic form from each mover's row of payoffs (cells in C order)."""
    from trigame.games.normal_form import NormalFormGame

    flat = np.empty((len(movers), math.prod(shape)), dtype=object)
    for m, row in enumerate(rows):
        flat[m, :] = row
    table = flat.reshape((len(movers), *shape))
    labels = [["|".join(s) for s in strategies[p]] for p in movers]
    for m, own_labels in enumerate(labels):
        if len(set(own_labels)) != len(own_labels):
            labels[m] = [repr(s) for s in strategies[movers[m]]]
    return NormalFormGame(table.tolist(), players=movers, strategies=labels, kind=kind)


def stage_reach(tree: GameTree, roots: set[int], x: int, behavior: dict[int, dict[str, Any]], one: Any,
                clean: Callable[[Any], Any] | None = None) -> list[tuple[int, Any]]:
    """The leaves of the stage at ``x`` (terminal nodes and the ``roots`` of subgames below) that ``behavior``
    reaches, with their probabilities (``one`` is 1 in the tree's kind; zero weights skipped; leaves in the
    order of a depth-first walk from the last branch).

    Symbolic trees pass ``clean`` (:func:`~trigame.games.tree._arith._clean`): each product is cleaned, and
    a weight is skipped where SymPy proves it zero.
    """
    nodes, children = tree._nodes, tree._children
    reached = []
    stack: list[tuple[int, Any]] = [(x, one)]
    while stack:
        k, reach = stack.pop()
        node = nodes[k]
        if isinstance(node, Terminal) or (k != x and k in roots):
            reached.append((k, reach))
            continue
        if isinstance(node, Chance):
            pairs: Iterable[tuple[int, Any]] = zip(children[k], tree._probabilities[k])
        else:
            weights = behavior[tree._node_infoset[k]]
            pairs = ((c, weights[tree._label[c]]) for c in children[k])
        if clean is None:
            stack.extend((c, reach * w) for c, w in pairs if w != 0)
        else:
            stack.extend((c, clean(reach * w)) for c, w in pairs if not is_zero(w))
    return reached


def reach_value(tree: GameTree, zero: Any, reached: list[tuple[int, Any]], continuation: dict[int, tuple[Any, ...]],
                clean: Callable[[Any], Any] | None = None) -> tuple[Any, ...]:
    """The expected payoffs over the leaves ``reached`` with their probabilities (:func:`stage_reach`), a leaf's
    payoffs its ``continuation`` where it has one (a subgame's root), else the terminal node's; each total
    cleaned by ``clean`` where given (symbolic trees)."""
    values = tree._values
    total = [zero] * len(tree.players)
    for k, reach in reached:
        total = [t + reach * v for t, v in zip(total, continuation[k] if k in continuation else values[k])]
    return tuple(total) if clean is None else tuple(clean(t) for t in total)


def integer_reach(reached: list[tuple[int, Fraction]]) -> tuple[list[tuple[int, int]], int]:
    """An exact stage's ``reached`` (:func:`stage_reach`) over one common denominator: (leaf, numerator) pairs
    and the denominator."""
    common = math.lcm(*(reach.denominator for _, reach in reached))
    return [(k, reach.numerator * (common // reach.denominator)) for k, reach in reached], common


def exact_reach_value(tree: GameTree, reached: tuple[list[tuple[int, int]], int],
                      continuation: dict[int, tuple[Any, ...]]) -> tuple[Fraction, ...]:
    """:func:`reach_value` of an exact tree from :func:`integer_reach`'s form, summed in integers (each
    player's payoffs over their common denominator): the same Fractions."""
    values = tree._values
    pairs, common = reached
    rows = [(weight, continuation[k] if k in continuation else values[k]) for k, weight in pairs]
    out = []
    for i in range(len(tree.players)):
        den = math.lcm(*(v[i].denominator for _, v in rows))
        out.append(Fraction(sum(weight * v[i].numerator * (den // v[i].denominator) for weight, v in rows),
                            common * den))
    return tuple(out)
