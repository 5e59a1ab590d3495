"""The vectorised route of a sweep of a perfect-information tree: backward induction over a chunk at once.

Backward induction on a tree of perfect information compares, at each decision
node, the mover's payoffs at the terminal nodes its actions lead to.  Over a
chunk of grid points these comparisons are masks: the payoffs come from the
model's one payoff definition evaluated on arrays (:mod:`._lanes`), each node's
optimal action is found at every point at once, and the slack of a float tree
(``tol`` times each player's payoff range, over twice the most decision nodes
of the player on one play) is applied exactly as
:func:`trigame.solve.subgame_perfect.subgame_perfect` applies it.

A point where every mover has a single optimal action at every node has one
subgame-perfect equilibrium, determined by those choices alone: the points are
grouped by their choices, one point of each group is solved by the scalar
solver (giving the labels, behaviour and path in the scalar route's own words),
and the group shares them; the payoffs are read at each point from the
terminal it reaches.  A point with a tie (an action within the slack of the
best) has several equilibria, possibly a continuum and incompleteness notes:
it is solved by the scalar solver, point by point.

The route is taken only where it gives the scalar route's answer: a float tree
(float grid axes; the other values ints, floats or Fractions) of decision and
terminal nodes only, each information set a single node (a tree with
simultaneous stages goes to :mod:`._stage_route`), whose ``payoffs(v)``
does arithmetic on the swept parameters without branching on them.  The
lanes' payoffs are checked against the real tree at the solved points; on any
mismatch, or anything else, the chunk is solved point by point.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trigame.statics.sweep._chunk import _Chunk
from trigame.statics.sweep._grid import _Spec
from trigame.statics.sweep._lanes import _lane_payoffs, _Untraceable
from trigame.statics.sweep._points import _solve_points
from trigame.statics.sweep._stage_route import _decision_slack, _first_appearance, _real_terminals, _solve_stages

#: Largest signature (bits per tied point) by which tied points are grouped; beyond it they are solved one by one.
_MAX_SIGNATURE_BITS = 1 << 12


def _solve_tree(spec: _Spec, start: int, stop: int) -> _Chunk:
    """All subgame-perfect equilibria at flat indices [start, stop): vectorised where exact, else point by point."""
    try:
        chunk = _vectorised(spec, start, stop)
    except _Untraceable:
        chunk = None
    return chunk if chunk is not None else _solve_points(spec, start, stop)


def _structure(spec: _Spec, start: int, stop: int) -> tuple[Any, np.ndarray] | None:
    """The lane tree and its terminal payoffs (terminals, players, points), or None if the route does not apply.

    Information sets of several nodes (simultaneous stages) are allowed here; :func:`_vectorised` sends such
    trees to :mod:`._stage_route`.
    """
    from trigame.games.tree import Decision, GameTree, Terminal

    if spec.model.__post_init__ is not _base_post_init():  # a model with checks of its own: instances per point
        return None
    if any(np.asarray(axis).dtype.kind != "f" for axis in spec.axes):
        return None
    tree = _lane_payoffs(spec, spec.values(start, stop))
    if not isinstance(tree, GameTree) or tree.kind != "float":
        return None
    base = spec.model(**spec.base).game()
    same = (isinstance(base, GameTree) and tuple(base.paths()) == tuple(tree.paths())
            and tuple(i.key for i in tree.information_sets) == spec.units
            and tuple(tuple(i.actions) for i in tree.information_sets) == spec.strategies
            and all(isinstance(node, (Decision, Terminal)) for node in tree._nodes))
    if not same:
        return None
    n = stop - start
    terminals = sorted(tree._values)
    payoffs = np.empty((len(terminals), len(tree.players), n))
    for t, k in enumerate(terminals):
        node = tree._nodes[k]
        assert isinstance(node, Terminal)
        for i, value in enumerate(node.payoffs):
            values = getattr(value, "values", None)
            payoffs[t, i] = values if values is not None else float(value)
    if not np.all(np.isfinite(payoffs)):
        return None
    return tree, payoffs


def _base_post_init() -> Any:
    from trigame.models.base import Model

    return Model.__post_init__


def _vectorised(spec: _Spec, start: int, stop: int) -> _Chunk | None:
    found = _structure(spec, start, stop)
    if found is None:
        return None
    tree, payoffs = found
    if any(len(i.paths) != 1 for i in tree.information_sets):
        return _solve_stages(spec, start, stop, tree, payoffs)
    n = stop - start
    terminals = sorted(tree._values)
    position = {k: t for t, k in enumerate(terminals)}
    points = np.arange(n)
    slack = _decision_slack(tree, payoffs)
    reach: dict[int, np.ndarray] = {}  # node -> index (into terminals) of the terminal reached from it
    tied = np.zeros(n, dtype=bool)
    code = np.zeros(n, dtype=np.int64)
    radix = 1
    movers = set()
    for x in range(len(tree._nodes) - 1, -1, -1):  # children before parents (preorder reversed)
        if x in position:
            reach[x] = np.full(n, position[x], dtype=np.int64)
            continue
        i = tree.players.index(tree._nodes[x].player)
        movers.add(i)
        children = tree._children[x]
        own = np.stack([payoffs[reach[c], i, points] for c in children])
        best = own.max(axis=0)
        optimal = own >= best - slack[i]  # the scalar solver's test, in the same floating-point operations
        tied |= optimal.sum(axis=0) > 1
        choice = np.argmax(optimal, axis=0)
        reach[x] = np.stack([reach[c] for c in children])[choice, points]
        for c in children:
            del reach[c]
        if radix > 2**62 // len(children):
            return None  # too many decision nodes to code the choices in one integer
        code += choice * radix
        radix *= len(children)
    # Points without a tie: one equilibrium, fixed by the choices at every node.  Points with a tie: grouped by
    # every comparison the scalar solver can make between two terminal payoffs of a mover (see _signature).
    group = np.empty(n, dtype=np.int64)
    clean = np.flatnonzero(~tied)
    rough = np.flatnonzero(tied)
    _, first, inverse = np.unique(code[clean], return_index=True, return_inverse=True)
    group[clean] = inverse.reshape(-1)
    reps = [clean[first]]
    if rough.size:
        if 4 * len(terminals) ** 2 * len(movers) <= _MAX_SIGNATURE_BITS:
            order = sorted(movers)
            first, inverse = _groups(_signature(payoffs[:, order][:, :, rough], slack[order][:, rough]))
        else:  # a large tree: its tied points are solved one by one
            first = inverse = np.arange(rough.size)
        group[rough] = len(reps[0]) + inverse
        reps.append(rough[first])
    representatives = np.concatenate(reps)
    solved = _solve_points(spec, start, stop, flats=[start + int(k) for k in representatives])
    return _assemble(spec, start, stop, solved, representatives, group, payoffs, terminals, tree, rough.size)


def _signature(payoffs: np.ndarray, slack: np.ndarray) -> np.ndarray:
    """Every comparison backward induction can make between two terminal payoffs of one mover, packed in bits.

    ``payoffs`` is (terminals, movers, points), ``slack`` (movers, points).  For terminals s, t: ``u_s < u_t``
    (the order, hence every max and min), ``u_s >= u_t - slack`` (optimal within the slack),
    ``|u_s - u_t| > slack`` (a tie that matters to an earlier mover) and ``u_s + slack < u_t`` (a mixture at a
    tie can make a mover indifferent), each computed as the scalar solver computes it.  Points with equal
    signatures take the same path through the solver.
    """
    u_s, u_t = payoffs[:, None], payoffs[None, :]
    bits = np.stack([u_s < u_t, u_s >= u_t - slack, np.abs(u_s - u_t) > slack, u_s + slack < u_t])
    packed = np.packbits(bits.reshape(-1, bits.shape[-1]), axis=0)  # (bytes, points)
    padded = np.zeros((-(-packed.shape[0] // 8) * 8, packed.shape[1]), dtype=np.uint8)
    padded[: packed.shape[0]] = packed
    return np.ascontiguousarray(padded.T).view(np.uint64)  # (points, words)


def _groups(signature: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First row of each distinct signature row, and each row's group: by a hash, checked row by row."""
    multipliers = np.random.default_rng(0).integers(1, 2**63, size=signature.shape[1], dtype=np.uint64) | 1
    with np.errstate(over="ignore"):
        hashed = (signature * multipliers).sum(axis=1, dtype=np.uint64)
    _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    if not np.array_equal(signature, signature[first[inverse]]):  # a collision: group by the rows themselves
        _, first, inverse = np.unique(signature, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
    return first, inverse


def _assemble(spec: _Spec, start: int, stop: int, solved: _Chunk, reps: np.ndarray, group: np.ndarray,
              payoffs: np.ndarray, terminals: list[int], tree: Any, pointwise: int) -> _Chunk | None:
    """The chunk: every point shares its group representative's equilibria, with payoffs read at the point."""
    assert solved.outcome is not None and solved.outcome_codes is not None and solved.incomplete_rows is not None
    n = stop - start
    k = solved.prob.shape[1]
    counts = solved.count.astype(np.int64)
    # Each listed equilibrium of a representative is pure and reaches one terminal; the others of its group
    # reach the same one, with that point's payoffs.
    outcome = np.nan_to_num(solved.outcome)
    listed = np.arange(k)[None, :] < counts[:, None]
    one_hot = np.all((outcome == 0) | (outcome == 1), axis=2) & (outcome.sum(axis=2) == 1)
    if not np.all(one_hot[listed]):
        return None
    paths = list(tree.terminals())
    column = np.array([paths.index(tree._paths[t]) for t in terminals])  # terminal index -> path column
    where = np.argsort(column)  # path column -> terminal index
    reached = where[np.argmax(outcome, axis=2)]  # (reps, K)
    for j in range(k):
        on = listed[:, j]
        if not np.array_equal(solved.payoff[on, j], payoffs[reached[on, j], :, reps[on]]):
            return None
    truth = np.array(_real_terminals(spec, start, reps), dtype=np.float64).reshape(len(reps), *payoffs.shape[:2])
    if not np.array_equal(truth, payoffs[:, :, reps].transpose(2, 0, 1)):
        return None  # the lanes lost track of a parameter (e.g. math.sqrt on it): not the model's payoffs
    points = np.arange(n)
    payoff = np.full((n, k, payoffs.shape[1]), np.nan)
    for j in range(k):
        on = listed[group, j]
        # 0 + 1.0 * u, as the scalar route's expected payoffs add it up (a payoff of -0.0 becomes 0.0)
        payoff[on, j] = 0.0 + payoffs[reached[group[on], j], :, points[on]]
    codes, table = _first_appearance(solved.codes[group], solved.table)
    outcome_codes, outcome_table = _first_appearance(solved.outcome_codes[group], solved.outcome_table)
    return _Chunk(start, stop, codes, table, solved.count[group], solved.prob[group], payoff,
                  solved.degenerate[group], solved.outcome[group], int(solved.incomplete_rows[group].sum()),
                  outcome_codes, outcome_table, vectorised=True, pointwise=pointwise)
