"""The point-by-point route of a sweep: larger strategic-form games, sequential and Bayesian models with a cache.

Strategic-form models that the batch engine cannot take (more strategies, or
payoffs that cannot be evaluated on arrays) are solved point by point with
:func:`trigame.solve.equilibria` (all Nash equilibria).  Sequential models are
solved with :func:`trigame.solve.subgame_perfect.subgame_perfect` (all
subgame-perfect equilibria); grid points whose trees are identical -- the same
structure, payoffs and chance probabilities (:func:`_tree_key`) -- are solved
once per chunk.  Every grid point's tree must have the shape of the tree at
the model's base values (:func:`_check_shape`).  Bayesian models are solved
with :func:`trigame.solve.bayesian.bayesian_equilibria` (all Bayesian Nash
equilibria), equal games once per chunk; each equilibrium is labelled by the
supports of its type agents ``player@type`` (:func:`_bayesian_entry`), the
label the regimes of :mod:`trigame.statics` give the same equilibrium.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame._labels import equilibrium_support_label, set_label, support_label
from trigame._numbers import to_float
from trigame.errors import UnsupportedGameError
from trigame.statics.sweep._chunk import (
    _Chunk,
    _equilibrium_outcome,
    _outcome_names,
    _outcome_set_label,
    _profile_indices,
)
from trigame.statics.sweep._grid import _Spec

#: The tie tolerance of the subgame-perfect solves of a sweep (subgame_perfect's default), shared by the
#: vectorised route of perfect-information trees, which must draw ties where the scalar solver does.
SPE_TOL = 1e-9


def _tree_key(tree: Any) -> tuple[Any, ...]:
    """Everything a tree's subgame-perfect equilibria depend on, as a hashable key.

    The number kind, the players, and every node in preorder: its path, and its payoffs (terminals), its
    outcome labels and probabilities (chance nodes) or its player, information set and actions (decisions).
    Two grid points share a solution only when their keys are equal.
    """
    from trigame.games.tree import Chance, Decision

    terminals = tree.terminals()
    nodes: list[tuple[Any, ...]] = []
    for path in tree.paths():
        node = tree.node(path)
        if isinstance(node, Decision):
            nodes.append((path, "decision", node.player, tree.information_set(path), tuple(node.actions)))
        elif isinstance(node, Chance):
            nodes.append((path, "chance", tuple((label, p) for label, (p, _) in node.outcomes.items())))
        else:
            nodes.append((path, "terminal", tuple(terminals[path])))
    return (tree.kind, tuple(tree.players), tuple(nodes))


def _check_shape(spec: _Spec, tree: Any, paths: tuple[tuple[str, ...], ...], flat: int) -> None:
    """Every grid point's tree has the information sets, actions and terminal paths of the sweep's tree."""
    infosets = tree.information_sets
    same = (tuple(i.key for i in infosets) == spec.units
            and tuple(tuple(i.actions) for i in infosets) == spec.strategies
            and tuple(tree.terminals()) == paths)
    if not same:
        index = np.unravel_index(flat, spec.shape)
        point = ", ".join(f"{name}={axis[k]}" for name, axis, k in zip(spec.names, spec.axes, index))
        raise UnsupportedGameError(
            f"{spec.model.__name__}.payoffs(v) builds a tree of another shape at {point} than at the model's "
            "base values; a sweep needs one tree shape over the grid: keep every branch and let the parameters "
            "enter only payoffs and chance probabilities (a branch can get probability 0)"
        )


def _bayesian_entry(spec: _Spec, eq: Any, names: list[str],
                    width: int) -> tuple[str, np.ndarray, np.ndarray, None, str]:
    """Label, probabilities (units x actions), ex-ante payoffs and outcome of one Bayesian Nash equilibrium.

    The units are the type agents ``player@type``; a type of probability zero carries the solver's
    representative choice.
    """
    game = eq.game
    agents = [(p, t) for p in game.players for t in game.types[p]]
    vector = np.full((len(spec.units), width), np.nan)
    supports = []
    for u, (player, type_) in enumerate(agents):
        dist = [eq.behavior[player][type_].get(action, 0) for action in spec.strategies[u]]
        vector[u, : len(dist)] = [to_float(q) for q in dist]
        supports.append(tuple(k for k, q in enumerate(dist) if q != 0))
    label = support_label(spec.units, spec.strategies, supports)
    sizes = [len(actions) for actions in spec.strategies]
    outcome = _equilibrium_outcome(names, _profile_indices(supports, sizes))
    return label, vector, np.array([to_float(u) for u in eq.payoffs]), None, outcome


def _check_agents(spec: _Spec, game: Any, flat: int) -> None:
    """Every grid point's Bayesian game has the type agents and actions of the sweep's game."""
    agents = [(p, t) for p in game.players for t in game.types[p]]
    same = (tuple(f"{p}@{t}" for p, t in agents) == spec.units
            and tuple(tuple(game.actions(p, t)) for p, t in agents) == spec.strategies)
    if not same:
        index = np.unravel_index(flat, spec.shape)
        point = ", ".join(f"{name}={axis[k]}" for name, axis, k in zip(spec.names, spec.axes, index))
        raise UnsupportedGameError(
            f"{spec.model.__name__}.payoffs(v) builds a Bayesian game with other types or actions at {point} than "
            "at the model's base values; a sweep needs the same types and actions over the grid (a type can get "
            "prior 0)")


def _solve_points(spec: _Spec, start: int, stop: int, flats: Sequence[int] | None = None) -> _Chunk:
    """Per-point solving: all Nash equilibria ("normal"), all SPE ("tree") or all BNE ("bayesian").

    The points are the flat indices [start, stop), or ``flats`` when given (the chunk's rows are then theirs).
    """
    flats = range(start, stop) if flats is None else flats
    n = len(flats)
    n_units = len(spec.units)
    width = max(len(s) for s in spec.strategies)
    table: dict[str, int] = {}
    codes = np.empty(n, dtype=np.int32)
    counts = np.empty(n, dtype=np.int16)
    degenerate = np.empty(n, dtype=bool)
    incomplete_rows = np.zeros(n, dtype=bool)
    probs: list[list[np.ndarray]] = []
    payoffs: list[list[np.ndarray]] = []
    outcomes: list[list[np.ndarray | None]] = []
    incomplete = 0
    paths: tuple[tuple[str, ...], ...] = ()
    cache: dict[Any, Any] = {}
    outcome_table: dict[str, int] = {}
    outcome_codes = np.empty(n, dtype=np.int32)
    names: list[str] = []
    entries: list[tuple[str, np.ndarray, np.ndarray, np.ndarray | None, str]]
    for row, flat in enumerate(flats):
        instance = spec.instance(flat)
        game = instance.game()
        if spec.route == "tree":
            if not paths:  # the shape of the tree at the base values, which every grid point must share
                base = spec.model(**spec.base).game()
                paths = tuple(base.terminals())
                names = _outcome_names(spec, base)
            _check_shape(spec, game, paths, flat)
            key = _tree_key(game)
            result = cache.get(key)
            if result is None:
                from trigame.solve.subgame_perfect import subgame_perfect

                result = cache[key] = subgame_perfect(game, tol=SPE_TOL)
            entries = []
            for eq in result:
                vector = np.full((n_units, width), np.nan)
                supports = []
                for u, key_ in enumerate(spec.units):
                    dist = eq.behavior[key_]
                    vector[u, : len(dist)] = [to_float(p) for p in dist.values()]
                    supports.append(tuple(k for k, p in enumerate(dist.values()) if p != 0))
                label = support_label(spec.units, spec.strategies, supports)
                path_probability = np.array([to_float(eq.outcomes.get(p, 0)) for p in paths])
                reached = [k for k, p in enumerate(paths) if eq.outcomes.get(p, 0) != 0]
                entries.append((label, vector, np.array([to_float(u) for u in eq.payoffs]), path_probability,
                                _equilibrium_outcome(names, reached)))
        elif spec.route == "bayesian":
            _check_agents(spec, game, flat)
            result = cache.get(game)
            if result is None:
                from trigame.solve.bayesian import bayesian_equilibria

                result = cache[game] = bayesian_equilibria(game)
            names = names or _outcome_names(spec)
            entries = [_bayesian_entry(spec, eq, names, width) for eq in result]
        else:
            from trigame.solve import equilibria

            result = equilibria(game)
            names = names or _outcome_names(spec)
            sizes = [len(labels) for labels in spec.strategies]
            entries = []
            for eq in result:
                vector = np.full((n_units, width), np.nan)
                for u, v in enumerate(eq.strategies):
                    vector[u, : len(v)] = [to_float(p) for p in v]
                entries.append((equilibrium_support_label(eq), vector, np.array([to_float(u) for u in eq.payoffs]),
                                None, _equilibrium_outcome(names, _profile_indices(eq.support, sizes))))
        ranked = sorted(entries, key=lambda e: (e[0].count(": mix "), e[0], tuple(np.nan_to_num(e[1]).ravel())))
        label = set_label([e[0] for e in ranked], continuum=result.degenerate)
        codes[row] = table.setdefault(label, len(table))
        outcome_label = _outcome_set_label([e[4] for e in ranked])
        outcome_codes[row] = outcome_table.setdefault(outcome_label, len(outcome_table))
        counts[row] = len(ranked)
        degenerate[row] = result.degenerate
        incomplete += not result.complete
        incomplete_rows[row] = not result.complete
        probs.append([e[1] for e in ranked])
        payoffs.append([e[2] for e in ranked])
        outcomes.append([e[3] for e in ranked])
    k = max(int(counts.max(initial=0)), 1)
    prob = np.full((n, k, n_units, width), np.nan)
    payoff = np.full((n, k, len(spec.players)), np.nan)
    outcome = np.full((n, k, len(paths)), np.nan) if spec.route == "tree" else None
    for row in range(n):
        for j in range(counts[row]):
            prob[row, j] = probs[row][j]
            payoff[row, j] = payoffs[row][j]
            if outcome is not None:
                outcome[row, j] = outcomes[row][j]
    return _Chunk(start, stop, codes, list(table), counts, prob, payoff, degenerate, outcome, incomplete,
                  outcome_codes, list(outcome_table), incomplete_rows)
