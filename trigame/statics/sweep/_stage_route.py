"""Backward induction over a chunk for trees with simultaneous 2x2 or 2x2x2 stages: the stages by the batch engine.

A tree whose subgames are single decision nodes (perfect information) or
*simultaneous stages* -- two or three players, each with one information set of
two actions, one after the other without observing each other, leading to
terminal nodes (what :func:`trigame.games.tree.stage` builds) -- is solved over
a chunk of grid points at once, as the scalar solver
(:func:`trigame.solve.subgame_perfect.subgame_perfect`) solves it at each point:

* a stage is put into strategic form (the terminal payoffs of its movers) and
  every game of the chunk is solved by :func:`trigame.solve.batch.equilibria`,
  whose supports, continuum and degeneracy flags are exact for float payoffs.
  The scalar solver, too, solves such a stage as the binary fractions its
  floats are: it reads a stage's payoffs within its tolerance only where it
  computed them (chance moves in the stage, subgames below it), and this
  route takes neither.
  Each equilibrium is a *slot*: the points where it exists, its behaviour and
  its value to every player.  A mixing probability of a 2x2 stage is the ratio
  of two exact differences of payoffs; the scalar solver computes it in exact
  rationals and rounds it once, so here it is computed in Python integers
  (each payoff an integer times a common power of two) and divided once,
  correctly rounded -- the same double.  The behaviour (Kuhn's normalisation),
  the stage's value and the equilibrium's payoffs and outcome probabilities
  are then formed in the scalar solver's own floating-point operations, in its
  order;
* a decision node combines every slot of each subgame below it (the scalar
  solver's combinations of subgame solutions) and keeps, per combination, the
  optimal action drawn with the scalar solver's slack.

A point is *rough* when the scalar solver would take a path the slots do not
follow: a tie at a decision node, a stage game that is degenerate (an
irregular equilibrium or a continuum) or re-solved exactly by the batch, a
mixing probability within the scalar solver's de-duplication tolerance of 0
or 1, or a 2x2x2 stage in which some player mixes (its probabilities are
roots of a quadratic).  Every other point is *clean*, and its equilibria are
fixed by a code: each stage's supports and each decision node's choice in
each combination.  Points are grouped by code; one point of each group, and
every rough point, is solved by the scalar solver, which gives the labels, the
order of the equilibria and the flags; each clean point takes its group's and
its own numbers, read from the slots.  The slots' numbers are compared with the
scalar solver's at every solved clean point, and the lane payoffs with the
real tree's: on any difference the chunk is solved point by point.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from trigame.statics.sweep._chunk import _Chunk
from trigame.statics.sweep._grid import _Spec
from trigame.statics.sweep._points import SPE_TOL, _solve_points

#: Largest number of solutions (slots) of one subgame followed at once; beyond it the chunk goes point by point.
_MAX_SLOTS = 512

#: The scalar solver's tolerance for de-duplicating a stage's float equilibria (``_solver.DEDUP_TOL``), doubled.
_NEAR_PURE = 2e-9


@dataclass
class _Slot:
    """One solution of a subgame over the chunk: where it exists, its value and its behaviour."""

    valid: np.ndarray  # (n,) bool
    value: np.ndarray  # (players, n) float: the value of the subgame to each player
    behaviour: dict[int, tuple[np.ndarray, ...]]  # information set index -> probability of each action, (n,) each


def _plan(tree: Any) -> list[tuple[int, str, Any]] | None:
    """The subgame roots in reverse preorder, each a ``"decision"`` node or a ``"stage"`` (its levels), or None.

    A stage's levels are its information sets from the root down: level ``d`` holds every node of one
    information set (2 actions) whose parents are the nodes of level ``d - 1``; the last level's children
    are terminal nodes.  None when some subgame is neither (chance moves, stages of other shapes, stages
    with subgames below them).
    """
    from trigame.games.tree import Decision, Terminal
    from trigame.games.tree.structure import stage_nodes

    roots = set(tree._subgame_indices())
    plan: list[tuple[int, str, Any]] = []
    for x in sorted(roots, reverse=True):
        inner, below = stage_nodes(tree, x, roots)
        if inner == [x]:
            plan.append((x, "decision", None))
            continue
        if below:
            return None
        levels: list[int] = []
        nodes = [x]
        while nodes and all(isinstance(tree._nodes[k], Decision) for k in nodes):
            h = tree._node_infoset[nodes[0]]
            if sorted(tree._members[h]) != sorted(nodes) or len(tree._infosets[h].actions) != 2:
                return None
            levels.append(h)
            nodes = [c for k in nodes for c in tree._children[k]]
        players = [tree._infosets[h].player for h in levels]
        if (not all(isinstance(tree._nodes[k], Terminal) for k in nodes) or len(levels) not in (2, 3)
                or len(set(players)) != len(players) or sorted(inner) != sorted(_stage_inner(tree, x))):
            return None
        plan.append((x, "stage", levels))
    return plan


def _stage_inner(tree: Any, x: int) -> list[int]:
    from trigame.games.tree import Decision

    out, stack = [], [x]
    while stack:
        k = stack.pop()
        if isinstance(tree._nodes[k], Decision):
            out.append(k)
            stack.extend(tree._children[k])
    return out


def _action(tree: Any, c: int) -> int:
    """Index, among its information set's actions, of the action leading to node ``c``."""
    parent = tree._parent[c]
    return int(tree._infosets[tree._node_infoset[parent]].actions.index(tree._paths[c][-1]))


def _exact_ratios(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a / m`` and ``b / m`` correctly rounded, with ``a = u0 - u1``, ``b = u3 - u2``, ``m = a + b``, exactly.

    ``u`` is (4, points) of finite floats.  Where the three float sums are exact (their rounding errors, by
    Knuth's TwoSum, are zero) one float division rounds the exact quotient once.  Elsewhere each column is
    written as integers times one power of two (floats are binary fractions), the sums are exact Python
    integers and each quotient is rounded once -- as ``float(Fraction)`` rounds the scalar solver's exact
    probabilities.
    """
    with np.errstate(all="ignore"):
        a, err_a = _two_sum(u[0], -u[1])
        b, err_b = _two_sum(u[3], -u[2])
        m, err_m = _two_sum(a, b)
        x, y = a / m, b / m
    inexact = np.flatnonzero((err_a != 0) | (err_b != 0) | (err_m != 0) | ~np.isfinite(m))
    if inexact.size:
        x[inexact], y[inexact] = _integer_ratios(u[:, inexact])
    return x, y


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``s = fl(a + b)`` and its rounding error ``a + b - s`` (Knuth's TwoSum; NaN on overflow)."""
    s = a + b
    b_virtual = s - a
    a_virtual = s - b_virtual
    return s, (a - a_virtual) + (b - b_virtual)


def _integer_ratios(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_exact_ratios` in Python integers: each column as integers times one power of two."""
    mantissa, exponent = np.frexp(u)
    integers = (mantissa * 2.0**53).astype(np.int64)
    exponent = exponent.astype(np.int64) - 53
    shift = exponent - exponent.min(axis=0)
    big = integers.astype(object) << shift.astype(object)
    a = big[0] - big[1]
    b = big[3] - big[2]
    m = a + b
    return (a / m).astype(np.float64), (b / m).astype(np.float64)


def _stage_slots(tree: Any, levels: list[int], payoffs: np.ndarray, position: dict[int, int],
                 rough: np.ndarray, digits: list[tuple[np.ndarray, int]]) -> list[_Slot] | None:
    """The equilibria of a simultaneous stage at every point, as slots (in the batch's canonical order)."""
    from trigame.solve.batch import FIRST, MIXED, SECOND
    from trigame.solve.batch import equilibria as batch_equilibria

    movers = sorted(levels, key=lambda h: tree.players.index(tree._infosets[h].player))
    m = len(movers)
    n = payoffs.shape[2]
    # every terminal of the stage, with each mover's action on its path
    top = tree._members[levels[0]][0]
    leaves: list[tuple[int, tuple[int, ...]]] = []
    stack: list[tuple[int, dict[int, int]]] = [(top, {})]
    while stack:
        k, taken = stack.pop()
        if k in position:
            leaves.append((k, tuple(taken[h] for h in movers)))
            continue
        h = tree._node_infoset[k]
        for c in tree._children[k]:
            stack.append((c, {**taken, h: _action(tree, c)}))
    table = np.empty((n, m, *([2] * m)))
    for k, cell in leaves:
        for i, h in enumerate(movers):
            at: tuple[Any, ...] = (slice(None), i, *cell)
            table[at] = 0.0 + payoffs[position[k], tree.players.index(tree._infosets[h].player)]
    found = batch_equilibria(table, n_players=m)
    rough |= found.degenerate | found.continuum | found.exact_path
    count, supports = found.count, found.supports
    slots = []
    # rough points take the scalar solver's answer: only the clean points' equilibria need slots
    for s in range(int(count[~rough].max(initial=0))):
        valid = s < count
        behaviour: dict[int, tuple[np.ndarray, ...]] = {}
        for i, h in enumerate(movers):
            code = supports[:, s, i]
            digits.append(((code + 1).astype(np.int64), 4))
            first = (code == FIRST).astype(np.float64)
            second = (code == SECOND).astype(np.float64)
            mixed = code == MIXED
            if mixed.any():
                mixers = (supports[:, s, :] == MIXED).sum(axis=1)
                # a 2x2x2 stage with one player mixing (degenerate) or all three (the roots of a quadratic,
                # algebraic numbers in the scalar solver): those points are rough
                rough |= mixed & (mixers != 2)
                for j in range(m):
                    if j == i:
                        continue
                    others = [k for k in range(m) if k not in (i, j)]
                    for pure in itertools.product((FIRST, SECOND), repeat=len(others)):
                        # i and j mix, the others (2x2x2: one) play pure actions ``pure``
                        here = mixed & (supports[:, s, j] == MIXED) & ~rough
                        for k, c in zip(others, pure):
                            here &= supports[:, s, k] == c
                        where = np.flatnonzero(here)
                        if where.size:
                            first[where], second[where] = _mixing(table, where, i, j, dict(zip(others, pure)))
            # Kuhn's normalisation, as the scalar solver does it: each weight over their sum
            total = first + second
            with np.errstate(all="ignore"):
                p, q = first / total, second / total
            near = mixed & ((p <= _NEAR_PURE) | (q <= _NEAR_PURE))
            rough |= near
            behaviour[h] = (p, q)
        slots.append(_Slot(valid, _stage_value(tree, top, behaviour, payoffs, position), behaviour))
    return slots


def _mixing(table: np.ndarray, where: np.ndarray, i: int, j: int,
            fixed: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Mover ``i``'s probabilities of its two actions where it mixes with ``j``, the others' actions ``fixed``.

    ``x_i`` is the root of ``j``'s advantage ``e[a] = u_j(a, first) - u_j(a, second)`` (``a``: ``i``'s action,
    the second argument ``j``'s): ``x_i = e[second] / (e[second] - e[first])`` and
    ``1 - x_i = -e[first] / (e[second] - e[first])``.
    """

    def u(mine: int, theirs: int) -> np.ndarray:
        cell = [0] * (table.ndim - 2)
        cell[i], cell[j] = mine, theirs
        for k, c in fixed.items():
            cell[k] = c
        at: tuple[Any, ...] = (where, j, *cell)
        return np.asarray(table[at])

    return _exact_ratios(np.stack([u(1, 0), u(1, 1), u(0, 0), u(0, 1)]))


def _stage_value(tree: Any, x: int, behaviour: dict[int, tuple[np.ndarray, ...]], payoffs: np.ndarray,
                 position: dict[int, int]) -> np.ndarray:
    """The stage's value to every player, summed in the scalar solver's order (its stack: last child first)."""
    n = payoffs.shape[2]
    total = np.zeros((payoffs.shape[1], n))
    stack: list[tuple[int, np.ndarray | None]] = [(x, None)]
    while stack:
        k, reach = stack.pop()
        if k in position:
            assert reach is not None
            total = total + reach * payoffs[position[k]]
            continue
        h = tree._node_infoset[k]
        for c in tree._children[k]:
            w = behaviour[h][_action(tree, c)]
            stack.append((c, w if reach is None else reach * w))
    return total


def _decision_slack(tree: Any, payoffs: np.ndarray) -> np.ndarray:
    """The scalar solver's tie slack of each player at each point (players, points), in its floating-point
    operations: ``max(tol * (max - min of the player's terminal payoffs) / (2 d_i), eps * max|u_i| * s)``
    (:func:`trigame.solve.subgame_perfect._ties.decision_slack`; these trees have no chance moves, and ``s``,
    :func:`~trigame.solve.subgame_perfect._ties.rounding_count`, is 0 without simultaneous stages)."""
    from trigame.solve.subgame_perfect._ties import decision_depths, rounding_count

    depth = np.array(decision_depths(tree), dtype=np.int64)[:, None]
    s = rounding_count(tree)
    with np.errstate(over="ignore", invalid="ignore"):
        slack = SPE_TOL * (payoffs.max(axis=0) - payoffs.min(axis=0)) / (2 * depth)
        if s:
            slack = np.maximum(slack, sys.float_info.epsilon * np.abs(payoffs).max(axis=0) * s)
    return np.where(np.isfinite(slack), slack, 0.0)


def _decision_slots(tree: Any, x: int, below: dict[int, list[_Slot]], payoffs: np.ndarray,
                    position: dict[int, int], slack: np.ndarray, rough: np.ndarray,
                    digits: list[tuple[np.ndarray, int]]) -> list[_Slot] | None:
    """A decision node: for every combination of its subgames' slots, the optimal action at every point."""
    n = payoffs.shape[2]
    children = tree._children[x]
    i = tree.players.index(tree._nodes[x].player)
    h = tree._node_infoset[x]
    order = [_action(tree, c) for c in children]
    options: list[list[_Slot]] = []
    for c in children:
        if c in position:
            options.append([_Slot(np.ones(n, dtype=bool), payoffs[position[c]], {})])
        else:
            options.append(below.pop(c))
    if np.prod([len(o) for o in options], dtype=np.float64) > _MAX_SLOTS:
        return None
    points = np.arange(n)
    slots = []
    for combo in itertools.product(*options):
        valid = np.logical_and.reduce([s.valid for s in combo])
        values = np.stack([s.value for s in combo])  # (children, players, n)
        own = values[:, i]
        best = own.max(axis=0)
        optimal = own >= best - slack[i]  # the scalar solver's test, in the same floating-point operations
        rough |= valid & (optimal.sum(axis=0) > 1)
        choice = np.argmax(optimal, axis=0)
        digits.append((np.where(valid, choice, 0).astype(np.int64), len(children)))
        behaviour: dict[int, tuple[np.ndarray, ...]] = {}
        for s in combo:
            behaviour.update(s.behaviour)
        pure = [np.zeros(n) for _ in children]
        for j, a in enumerate(order):
            pure[a] = (choice == j).astype(np.float64)
        behaviour[h] = tuple(pure)
        slots.append(_Slot(valid, values[choice, :, points].T, behaviour))
    return slots


def _solve_stages(spec: _Spec, start: int, stop: int, tree: Any, payoffs: np.ndarray) -> _Chunk | None:
    """The chunk's equilibria by vectorised backward induction over a tree with simultaneous stages, or None."""
    plan = _plan(tree)
    if plan is None:
        return None
    n = stop - start
    terminals = sorted(tree._values)
    position = {k: t for t, k in enumerate(terminals)}
    slack = _decision_slack(tree, payoffs)
    rough = np.zeros(n, dtype=bool)
    digits: list[tuple[np.ndarray, int]] = []
    solved: dict[int, list[_Slot]] = {}
    for x, kind, levels in plan:
        if kind == "stage":
            slots = _stage_slots(tree, levels, payoffs, position, rough, digits)
        else:
            slots = _decision_slots(tree, x, solved, payoffs, position, slack, rough, digits)
        if slots is None:
            return None
        solved[x] = slots
    top = solved[0]
    group, reps, clean_groups = _group(digits, rough, n)
    answer = _solve_points(spec, start, stop, flats=[start + int(k) for k in reps])
    return _assemble(spec, start, stop, tree, payoffs, top, answer, reps, group, clean_groups, int(rough.sum()))


def _group(digits: list[tuple[np.ndarray, int]], rough: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Each point's group (clean points by code, each rough point its own), the representatives, #clean groups."""
    clean = np.flatnonzero(~rough)
    radix = 1
    for _, base in digits:
        radix *= base
    if radix < 2**62:
        code = np.zeros(n, dtype=np.int64)
        scale = 1
        for digit, base in digits:
            code += digit * scale
            scale *= base
        _, first, inverse = np.unique(code[clean], return_index=True, return_inverse=True)
    else:
        rows = np.stack([digit[clean] for digit, _ in digits], axis=1)
        _, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    group = np.empty(n, dtype=np.int64)
    group[clean] = inverse.reshape(-1)
    rough_points = np.flatnonzero(rough)
    group[rough_points] = len(first) + np.arange(rough_points.size)
    return group, np.concatenate([clean[first], rough_points]), len(first)


def _units(spec: _Spec, tree: Any) -> list[int]:
    return [tree._infoset_index[key] for key in spec.units]


def _assemble(spec: _Spec, start: int, stop: int, tree: Any, payoffs: np.ndarray, top: list[_Slot],
              answer: _Chunk, reps: np.ndarray, group: np.ndarray, clean_groups: int,
              pointwise: int) -> _Chunk | None:
    """Every clean point takes its group's labels and its own numbers from the slots; rough points their own."""
    assert answer.outcome is not None and answer.outcome_codes is not None and answer.incomplete_rows is not None
    n = stop - start
    units = _units(spec, tree)
    width = answer.prob.shape[3]
    # the slot behind each listed equilibrium of each clean group's representative, matched by supports
    chosen = np.full((clean_groups, max(answer.prob.shape[1], 1)), -1, dtype=np.int64)
    for g in range(clean_groups):
        r = int(reps[g])
        live = [s for s, slot in enumerate(top) if slot.valid[r]]
        if len(live) != answer.count[g]:
            return None
        support = {s: tuple(tuple(bool(top[s].behaviour[h][a][r] != 0) for a in range(len(top[s].behaviour[h])))
                            for h in units) for s in live}
        for j in range(int(answer.count[g])):
            listed = answer.prob[g, j]
            want = tuple(tuple(bool(p != 0) for p in listed[u, : len(support[live[0]][u])])
                         for u in range(len(units)))
            match = [s for s in live if support[s] == want]
            if len(match) != 1:
                return None
            chosen[g, j] = match[0]
    truth = np.array(_real_terminals(spec, start, reps), dtype=np.float64).reshape(len(reps), *payoffs.shape[:2])
    if not np.array_equal(truth, payoffs[:, :, reps].transpose(2, 0, 1)):
        return None  # the lanes lost track of a parameter: not the model's payoffs
    k = answer.prob.shape[1]
    clean = group < clean_groups
    select = np.full((n, k), len(top), dtype=np.int64)  # the slot of each listed equilibrium; len(top): none
    chosen[chosen < 0] = len(top)
    select[clean] = chosen[group[clean], :k]
    prob, payoff, outcome = _numbers(tree, payoffs, top, units, width, answer.outcome.shape[2], select)
    # the slots' numbers must be the scalar solver's at every solved clean point
    solved_rows = np.arange(clean_groups)
    at = reps[:clean_groups]
    if not (np.array_equal(prob[at], answer.prob[solved_rows], equal_nan=True)
            and np.array_equal(payoff[at], answer.payoff[solved_rows], equal_nan=True)
            and np.array_equal(outcome[at], answer.outcome[solved_rows], equal_nan=True)):
        return None
    rough_rows = np.flatnonzero(~clean)
    prob[rough_rows] = answer.prob[group[rough_rows]]
    payoff[rough_rows] = answer.payoff[group[rough_rows]]
    outcome[rough_rows] = answer.outcome[group[rough_rows]]
    codes, table = _first_appearance(answer.codes[group], answer.table)
    outcome_codes, outcome_table = _first_appearance(answer.outcome_codes[group], answer.outcome_table)
    return _Chunk(start, stop, codes, table, answer.count[group], prob, payoff, answer.degenerate[group], outcome,
                  int(answer.incomplete_rows[group].sum()), outcome_codes, outcome_table, vectorised=True,
                  pointwise=pointwise, one_by_one=pointwise)


def _numbers(tree: Any, payoffs: np.ndarray, top: list[_Slot], units: list[int], width: int, n_paths: int,
             select: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Probabilities, payoffs and outcome probabilities of the equilibria ``select`` (slot per point and rank).

    Each slot's numbers are formed at every point in the scalar route's operations: the behaviour as is,
    the probability of reaching a terminal as the product of the moves from the root down, and each
    player's expected payoff as the sum over terminals in preorder (``0 + p * u + ...``).
    """
    n = payoffs.shape[2]
    behaviour = np.empty((len(top) + 1, n, len(units), width))
    value = np.empty((len(top) + 1, n, payoffs.shape[1]))
    reached = np.empty((len(top) + 1, n, n_paths))
    for array in (behaviour, value, reached):
        array[len(top)] = np.nan  # the row of "no equilibrium"
    for u, h in enumerate(units):  # units with fewer actions than the widest: NaN-padded, as the scalar route
        behaviour[:, :, u, len(tree._infosets[h].actions):] = np.nan
    terminals = sorted(tree._values)
    columns = list(tree.terminals())
    moves = _terminal_paths(tree)
    for s, slot in enumerate(top):
        for u, h in enumerate(units):
            for a, p in enumerate(slot.behaviour[h]):
                behaviour[s, :, u, a] = p
        total = np.zeros((payoffs.shape[1], n))
        for t, node in enumerate(terminals):  # preorder, as the scalar route adds up expected payoffs
            reach: Any = 1.0
            for h, a in moves[node]:
                reach = reach * slot.behaviour[h][a]
            total = total + reach * payoffs[t]
            reached[s, :, columns.index(tree._paths[node])] = reach
        value[s] = total.T
    points = np.arange(n)[:, None]
    return behaviour[select, points], value[select, points], reached[select, points]


def _terminal_paths(tree: Any) -> dict[int, list[tuple[int, int]]]:
    """For each terminal node, the (information set, action index) of every move from the root to it."""
    out = {}
    for t in tree._values:
        moves = []
        k = t
        while k != 0:
            moves.append((tree._node_infoset[tree._parent[k]], _action(tree, k)))
            k = tree._parent[k]
        out[t] = moves[::-1]
    return out


def _first_appearance(codes: np.ndarray, table: list[str]) -> tuple[np.ndarray, list[str]]:
    """Codes and table renumbered in order of first appearance (as the point-by-point route numbers them)."""
    used, first = np.unique(codes, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    renumber = np.zeros(len(table), dtype=np.int32)
    renumber[order] = np.arange(len(order), dtype=np.int32)
    return renumber[codes], [table[c] for c in order]


def _real_terminals(spec: _Spec, start: int, reps: np.ndarray) -> list[list[tuple[float, ...]]]:
    """The terminal payoffs of the real tree at each representative point, in node order."""
    out = []
    for k in reps:
        game = spec.instance(start + int(k)).game()
        out.append([tuple(float(v) for v in game._values[t]) for t in sorted(game._values)])
    return out
