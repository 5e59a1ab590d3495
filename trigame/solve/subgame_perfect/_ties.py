"""Float stages whose payoffs the solver computed: solved at the simplest rationals within the tolerance.

A float tree's stage in strategic form has, in each cell, the expected payoff
of the leaves the strategies reach: chance probabilities times payoffs, summed,
or the value of a subgame below.  Those sums are rounded, and rounding breaks
ties the exact numbers have: with the prior 0.4, ``0.4 * 1.5`` is
``0.6000000000000001`` and ``0.6 * 1.5`` is ``0.8999999999999999``, so a type
of South Korea indifferent at Japan's mixture 1/4 in exact arithmetic is no
longer indifferent, and the exact vertex enumeration of the float game (which
takes each float as the binary fraction it is) misses the continuum of
equilibria there and reports a nondegenerate game.

The float solvers' convention is that a profile is an equilibrium of a float
game when no player gains more than ``tol`` times its payoff range by
deviating (:func:`trigame.verify.is_nash`).  A stage with computed payoffs
applies it by replacing each payoff ``u`` of player ``i`` by the simplest
rational (the one with the smallest denominator,
:func:`trigame._numbers.simplest_within`) in ``[u - w_i, u + w_i]``,
``w_i = tol * range_i / 4``, and solving that exact game.  Every equilibrium of
the game read so is one of the float stage within that tolerance: each payoff
moved by at most ``w_i``, so a deviation's gain changed by at most
``2 w_i = tol * range_i / 2``.  The guarantee is per stage: a player who
deviates in several nested stages at once can add up the regrets allowed in
each.  When the float payoffs are
roundings of rationals with small denominators (decimal priors and payoffs:
a denominator below ``1 / sqrt(2 w_i)``, about 40,000 at the default ``tol``
and a range of 1), those rationals are what the stage is solved at, so its ties
and continua are the exact game's.  A stage whose cells are the tree's terminal
payoffs as given (no chance move in it, no subgame below it) is solved as the
binary fractions its floats are, as :func:`trigame.equilibria` solves float
games.

At a decision node (a stage of one mover) the tolerance is in the same unit,
the player's payoff range, here over the whole tree (:func:`decision_slack`):
the mover's actions worth within ``tol * range_i / (2 d_i)`` of the best are
tied, ``d_i`` being the most decision nodes of the player on one play.  A
deviation from the listed choices at all of them gains at most ``d_i`` times
that, ``tol * range_i / 2``; in a tree of perfect information ``range_i`` (the
backward pass of :func:`decision_slack`) is the range of the player's payoffs
in the tree's strategic form, so each listed equilibrium passes
:func:`trigame.verify.is_nash` on ``tree.to_normal_form()`` with ``tol``.

The exception is a player whose range is at rounding level.  The expected
payoffs the solver computes are rounded sums: with payoffs all ``1.5`` and
chance ``0.2``/``0.8``, the sum is ``1.5000000000000002``, and behind a stage
where two players mix at ``1/3`` the value to a third player paid ``c`` in
every cell is a few units in the last place off ``c``: the exact tree's tie is
broken.  So the slack has a floor, :func:`rounding_floors`:
``eps * max|u_i| * s``, ``eps`` the float epsilon and ``s``
(:func:`rounding_count`) a bound on the roundings that go into a computed
value -- the sums over a stage's leaves, each chance probability and each
mixed behaviour probability, the products along a play; 0 where no value is
computed (decision nodes of perfect information and terminal payoffs, compared
as given).  Where the floor is above ``tol * range_i / (2 d_i)`` -- the
player's range is below about ``2 d_i s eps max|u_i| / tol`` -- differences at
rounding level are ties, as in the exact tree, and the player's regret in the
float check on the strategic form (``to_normal_form`` sums in another order:
a player whose payoffs are all equal can get a range of one unit in the last
place and a "regret" of all of it) is bounded by about ``2 d_i`` times the
floor, not by ``tol * range_i``.  With ``tol = 0`` there is no floor.

A ``tol`` below about ``1e-12`` is close to the rounding of sums of products of
floats: ties that rounding breaks can then be missed, as with ``tol=0``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import simplest_within
from trigame.games.tree.nodes import Chance, Decision, Terminal

__all__ = ["decision_depths", "decision_slack", "payoff_ranges", "rounding_count", "rounding_floors", "snap"]


def snap(rows: Sequence[Sequence[Any]], tol: float) -> list[list[Fraction]] | None:
    """Each player's row of float payoffs read as the simplest rationals within ``tol * range / 4`` of them.

    None when a row's range is not a finite float (payoffs near the float limits: the caller keeps the floats).
    """
    out = []
    for row in rows:
        width = tol * (max(row) - min(row)) / 4
        if not math.isfinite(width):
            return None
        seen: dict[float, Fraction] = {}
        snapped = []
        for v in row:
            r = seen.get(v)
            if r is None:
                r = seen[v] = simplest_within(v, width)
            snapped.append(r)
        out.append(snapped)
    return out


def decision_depths(tree: Any) -> tuple[int, ...]:
    """Each player's largest number of decision nodes on one play of ``tree`` (at least 1)."""
    index = {p: i for i, p in enumerate(tree.players)}
    nodes, parent = tree._nodes, tree._parent
    counts: list[tuple[int, ...]] = []
    for k, node in enumerate(nodes):  # preorder: a parent before its children
        base = counts[parent[k]] if k else (0,) * len(index)
        if type(node) is Decision:
            i = index[node.player]
            base = (*base[:i], base[i] + 1, *base[i + 1:])
        counts.append(base)
    return tuple(max(1, *column) for column in zip(*(counts[k] for k in tree._values)))


def decision_slack(tree: Any, tol: float, ranges: Sequence[float], floors: Sequence[float]) -> tuple[float, ...]:
    """Each player's tie slack at a decision node of a float tree: ``max(tol * (hi_i - lo_i) / (2 d_i), f_i)``.

    ``hi_i`` (``lo_i``) is the player's best (worst) expected payoff when every decision node takes the
    action best (worst) for that player and chance moves are averaged; without chance moves, the largest
    (smallest) terminal payoff.  ``ranges`` are the ``hi_i - lo_i`` (:func:`payoff_ranges`), ``d_i`` is
    :func:`decision_depths`, ``floors`` the ``f_i`` of :func:`rounding_floors`.  A slack that is not a
    finite float (payoffs near the float limits) is 0: exact comparisons.
    """
    out = []
    for width, d, floor in zip(ranges, decision_depths(tree), floors):
        slack = max(tol * width / (2 * d), floor)
        out.append(slack if math.isfinite(slack) else 0.0)
    return tuple(out)


def rounding_count(tree: Any) -> int:
    """A bound ``s`` on the roundings in an expected payoff the solver computes for ``tree`` (0: none computed).

    A stage of chance moves or of several decision nodes (solved in strategic form) has the value
    ``sum(reach * v)`` over its leaves, ``reach`` the product of the probabilities on the way; below it,
    ``v`` is a terminal payoff or another stage's value.  With ``u`` half the float epsilon, each float
    operation has a relative error of at most ``u``, and the value an absolute error of at most
    ``s u max|u_i|`` (Higham's bound for sums of products), ``s`` counting on one play: the additions, at most
    the tree's terminal nodes ``L`` (a stage sums one term per leaf of it, each leaf holds a terminal
    node of its own); two per chance move (its decimal probability rounded to binary, the product); and
    ``2 N + 2`` per move in a stage solved in strategic form whose mover has ``N`` pure strategies there
    (the equilibrium's probabilities rounded and summed into behaviour, Kuhn's division, the product).
    So ``s = L + 1 + max`` over plays of those costs summed (the 1 for the rounding of the comparison
    itself).  0 when no stage computes a value (decision nodes of perfect information and terminal
    payoffs alone, compared as given).
    """
    from trigame.games.tree.structure import stage_nodes

    if not tree._probabilities and all(len(members) == 1 for members in tree._members):
        return 0  # perfect information without chance moves: every stage a single decision, compared as given
    nodes, parent = tree._nodes, tree._parent
    roots = set(tree._subgame_indices())
    cost: dict[int, int] = {}
    for x in roots:
        inner, _ = stage_nodes(tree, x, roots)
        deciders = [k for k in inner if type(nodes[k]) is Decision]
        cost.update((k, 2) for k in inner if type(nodes[k]) is Chance)
        if deciders == [x] or not deciders:
            continue
        infosets = {tree._node_infoset[k] for k in deciders}
        strategies: dict[str, int] = {}
        for h in infosets:
            info = tree._infosets[h]
            strategies[info.player] = strategies.get(info.player, 1) * len(info.actions)
        cost.update((k, 2 * strategies[nodes[k].player] + 2) for k in deciders)
    if not cost:
        return 0
    summed: list[int] = []
    for k in range(len(nodes)):  # preorder: a parent before its children
        summed.append(summed[parent[k]] + cost.get(parent[k], 0) if k else 0)
    return len(tree._values) + 1 + max(summed[k] for k in tree._values)


def rounding_floors(tree: Any, tol: float) -> tuple[float, ...]:
    """Each player's rounding level of the expected payoffs of a float tree: ``eps * max|u_i| * s``.

    ``s`` is :func:`rounding_count`; ``eps = 2 u`` covers the difference of two computed values.  0 for every
    player where no value is computed (payoffs compared as given), or with ``tol = 0`` (no slack at all).
    """
    s = rounding_count(tree) if tol > 0 else 0
    if not s:
        return (0.0,) * len(tree.players)
    eps = sys.float_info.epsilon
    return tuple(eps * max(abs(v) for v in column) * s for column in zip(*tree._values.values()))


def payoff_ranges(tree: Any) -> list[float]:
    """Each player's ``hi_i - lo_i`` of :func:`decision_slack` (a float tree)."""
    if tree._probabilities:
        top, bottom = _expected_bounds(tree)
    else:
        columns = list(zip(*tree._values.values()))
        top, bottom = [max(c) for c in columns], [min(c) for c in columns]
    return [hi - lo for hi, lo in zip(top, bottom)]


def _expected_bounds(tree: Any) -> tuple[list[float], list[float]]:
    """Each player's best and worst expected payoff over the choices at decision nodes, by a backward pass."""
    n = len(tree.players)
    hi: dict[int, list[float]] = {}
    lo: dict[int, list[float]] = {}
    for k in range(len(tree._nodes) - 1, -1, -1):  # preorder reversed: children before parents
        node = tree._nodes[k]
        if isinstance(node, Terminal):
            hi[k] = lo[k] = [float(v) for v in tree._values[k]]
            continue
        children = tree._children[k]
        if isinstance(node, Chance):
            weights = tree._probabilities[k]
            hi[k] = [sum(float(w) * hi[c][i] for w, c in zip(weights, children)) for i in range(n)]
            lo[k] = [sum(float(w) * lo[c][i] for w, c in zip(weights, children)) for i in range(n)]
        else:
            hi[k] = [max(hi[c][i] for c in children) for i in range(n)]
            lo[k] = [min(lo[c][i] for c in children) for i in range(n)]
        for c in children:
            del hi[c], lo[c]
    return hi[0], lo[0]
