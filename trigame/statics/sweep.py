"""Numerical sweeps: every equilibrium of a model at every point of a parameter grid.

:func:`sweep` evaluates a model on the outer product of 1-D arrays of parameter
values.  Strategic-form models with two strategies per player and two or three
players are solved in one vectorised pass per chunk: the payoffs come from the
model's one payoff definition applied to NumPy arrays (:meth:`Model.payoff_tensor`)
and the games from the batch engine (:func:`trigame.solve.batch.equilibria`, all Nash
equilibria in closed form).  Every other model is solved point by point with
the model's own solver: all Nash equilibria of larger strategic-form games, all
subgame-perfect equilibria of sequential models (grid points whose game trees
are identical -- the same structure, payoffs and chance probabilities -- are
solved once).  A strategic-form model whose ``payoffs(v)`` cannot take NumPy
arrays (an ``if``, ``max()`` or ``min()`` on a parameter) is solved point by
point too, with a note saying so; :func:`trigame.models.where`,
:func:`~trigame.models.maximum` and :func:`~trigame.models.minimum` express
such conditions in a form that vectorises.

The grid is cut into chunks of ``chunk_size`` points, so memory stays bounded
by the result itself; chunks can be sent to any ``concurrent.futures``-style
executor (a ``ThreadPoolExecutor``, a ``ProcessPoolExecutor`` or a
``dask.distributed.Client``), and a progress bar can follow them.

Labels
------
A grid point is labelled by its *set* of equilibria, each equilibrium named by
its supports (:mod:`trigame.statics._labels`), so that labels are constant on
the regions of a region map and equal those of a scalar solve and of the
symbolic regime map.  Where the game has a continuum of equilibria the label
ends in ``" | continuum"``; the extreme equilibria (2 players) or one point of
each component (3 players) are listed.

Outcome labels
--------------
:attr:`SweepResult.outcome_labels` names each equilibrium by the outcome it
reaches instead: a path of play of a sequential model (``"Press >
Cooperate/Cooperate"``: moves in order, the moves of one simultaneous stage
joined by ``"/"``) or a pure profile of a strategic-form model, and
``"random: a or b"`` for an equilibrium that randomises.  For sequential
models, whose equilibrium labels list every information set, these are the
labels a region map shows by default.

Memory
------
The result stores one label code per point and the probabilities of every
equilibrium (float64).  The equilibria's expected payoffs take as much again;
beyond :data:`KEEP_PAYOFFS_UP_TO` grid points they are not stored but
recomputed chunk by chunk when asked for (``keep_payoffs``).

Equilibrium selection
---------------------
``selection`` names a rule that picks one equilibrium per point (documented in
:data:`SELECTIONS`); a point where the rule picks none has count 0 in the
selected view and NaN outcome probabilities.

Examples
--------
>>> import numpy as np
>>> from trigame.models import QuasiAlliance
>>> result = sweep(QuasiAlliance, grid={"fear_japan": [0, 1], "fear_rok": [0, 1]})
>>> result.shape
(2, 2)
>>> print(result.labels[1, 1])
Japan: Cooperate, South Korea: Cooperate | Japan: Friction, South Korea: Friction | Japan: mix Cooperate/Friction, \
South Korea: mix Cooperate/Friction
>>> result.count.tolist()
[[1, 1], [1, 3]]
>>> cooperation = result.outcome_probability(("Cooperate", "Cooperate"), selection="payoff_dominant")
>>> cooperation.tolist()
[[0.0, 0.0], [0.0, 1.0]]
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from trigame.budget import check_limit, check_memory, memory_budget
from trigame.errors import MissingDependencyError, ParameterError, TrigameError, UnsupportedGameError
from trigame.statics._labels import NONE, set_label, support_label

__all__ = ["DEFAULT_CHUNK_SIZE", "KEEP_PAYOFFS_UP_TO", "SELECTIONS", "SweepResult", "sweep"]

#: Grid points solved per chunk (about 100 MB of working memory for a 2x2x2 model).
DEFAULT_CHUNK_SIZE = 1 << 17

#: Grid points up to which a sweep stores the equilibria's expected payoffs by default (``keep_payoffs=None``).
KEEP_PAYOFFS_UP_TO = 2_000_000

#: Working memory per grid point of the chunk being solved, by route.  Measured tracemalloc peaks: about
#: 0.4 KiB (2-player QuasiAlliance, vectorised) and 12-18 KiB (sequential models, point by point); doubled.
_WORK_PER_POINT = {"batch": 1024, "normal": 32 * 1024, "tree": 32 * 1024}

#: Chunks submitted to an executor ahead of the one being collected (their results wait in memory).
_WINDOW = 16

#: The equilibrium-selection rules and what they pick at each grid point.
SELECTIONS: dict[str, str] = {
    "all": "every equilibrium, in the canonical order of their labels (pure first)",
    "first": "the first equilibrium in the canonical order of the labels: pure before mixed, then alphabetical "
    "(a convention, not a theory of selection; it is the same whatever the solver's order)",
    "payoff_dominant": "the equilibrium that payoff-dominates every other one: each player gets strictly more "
    "(Harsanyi and Selten 1988); none where no equilibrium dominates all others or the equilibria form a continuum",
    "risk_dominant": "2x2 games (2 players, 2 strategies each) only: the unique equilibrium if there is one; with "
    "two strict pure equilibria, the one with the larger product of the players' deviation losses (Harsanyi and "
    "Selten 1988, the Nash product); none on ties, continua and other cases",
}


# ============================================================================ validation
def _model_class(model: Any) -> tuple[type, dict[str, Any]]:
    from trigame.models.base import Model

    if isinstance(model, type) and issubclass(model, Model):
        return model, model.values()
    if isinstance(model, Model):
        # Every constructor field (parameters, and settings such as player names or a model variant).
        return type(model), {f.name: getattr(model, f.name) for f in dataclasses.fields(model) if f.init}
    raise ParameterError(f"sweep needs a trigame model class or instance (e.g. QuasiAlliance), got {model!r}")


def _grid_array(cls: type, name: str, values: Any) -> np.ndarray:
    """One grid axis: a non-empty 1-D array of finite numbers inside the parameter's domain."""
    parameter = {p.name: p for p in cls.parameters()}[name]
    where = f"{cls.__name__} sweep grid"
    if isinstance(values, (str, bytes)) or (np.ndim(values) == 0 and not isinstance(values, (list, tuple))):
        raise ParameterError(
            f"{where}: the values of {name} must be a 1-D sequence of numbers (e.g. np.linspace(0, 1, 101)), "
            f"got {values!r}; give a single value in fixed= instead"
        )
    array = parameter.validate_array(values, where)
    if array.ndim != 1:
        raise ParameterError(
            f"{where}: the values of {name} must be a 1-D array; got shape {array.shape} "
            "(the grid is the outer product of the 1-D arrays given for each parameter)"
        )
    if array.size == 0:
        raise ParameterError(f"{where}: the values of {name} are empty; give at least one value")
    return array


def _check_grid(cls: type, grid: Any, fixed: Mapping[str, Any]) -> dict[str, np.ndarray]:
    if not isinstance(grid, Mapping) or not grid:
        raise ParameterError(
            f"grid must be a non-empty mapping {{parameter name: 1-D values}}; the parameters of "
            f"{cls.__name__} are: {', '.join(cls.parameter_names())}"
        )
    valid = cls.parameter_names()
    unknown = [name for name in grid if name not in valid]
    if unknown:
        raise ParameterError(
            f"{cls.__name__} has no parameter {', '.join(map(repr, unknown))}; its parameters are: {', '.join(valid)}"
        )
    both = [name for name in grid if name in fixed]
    if both:
        raise ParameterError(f"{', '.join(both)} given both in grid and in fixed; give each parameter once")
    return {name: _grid_array(cls, name, values) for name, values in grid.items()}


def _check_fixed(cls: type, fixed: Any) -> dict[str, Any]:
    if fixed is None:
        return {}
    if not isinstance(fixed, Mapping):
        raise ParameterError(f"fixed must be a mapping {{parameter name: value}}, got {fixed!r}")
    valid = cls.parameter_names()
    unknown = [name for name in fixed if name not in valid]
    if unknown:
        raise ParameterError(
            f"{cls.__name__} has no parameter {', '.join(map(repr, unknown))}; its parameters are: {', '.join(valid)}"
        )
    parameters = {p.name: p for p in cls.parameters()}
    return {name: parameters[name].validate(value, cls.__name__) for name, value in fixed.items()}


def _check_selection(selection: Any, route: str, n_players: int) -> str:
    if not isinstance(selection, str) or selection not in SELECTIONS:
        raise ParameterError(f"unknown selection rule {selection!r}; choose one of {list(SELECTIONS)}")
    if selection == "risk_dominant" and (route == "tree" or route == "normal" or n_players != 2):
        raise UnsupportedGameError(
            "risk dominance (Harsanyi-Selten) is defined here for 2x2 games only: 2 players with 2 strategies "
            "each; use 'payoff_dominant', 'first' or 'all' for this model"
        )
    return selection


def _check_executor(executor: Any) -> Any:
    if executor is None:
        return None
    if not (callable(getattr(executor, "submit", None)) or callable(getattr(executor, "map", None))):
        raise TrigameError(
            f"executor must be a concurrent.futures-style executor with a submit() or map() method "
            f"(e.g. concurrent.futures.ThreadPoolExecutor or a dask.distributed Client), got {executor!r}"
        )
    return executor


def _check_keep_payoffs(keep_payoffs: Any, total: int) -> bool:
    if keep_payoffs is None:
        return total <= KEEP_PAYOFFS_UP_TO
    if not isinstance(keep_payoffs, (bool, np.bool_)):
        raise ParameterError(f"keep_payoffs must be True, False or None, got {keep_payoffs!r}")
    return bool(keep_payoffs)


def _check_chunk_size(chunk_size: Any) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer (grid points per chunk), got {chunk_size!r}")
    return int(chunk_size)


# ============================================================================ the work of one chunk
@dataclasses.dataclass(frozen=True)
class _Spec:
    """Everything a chunk task needs (picklable: a module-level class, numbers and 1-D arrays)."""

    model: type
    base: dict[str, Any]
    names: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    route: str  # "batch" (vectorised 2-strategy games), "normal" (per point), "tree" (per point, SPE)
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]  # for "tree": the actions of each information set
    units: tuple[str, ...]  # players ("batch", "normal") or information-set keys ("tree")

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(a) for a in self.axes)

    def values(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """``{name: value at each flat grid index in [start, stop)}``."""
        index = np.unravel_index(np.arange(start, stop), self.shape)
        return {name: axis[k] for name, axis, k in zip(self.names, self.axes, index)}

    def instance(self, flat: int) -> Any:
        index = np.unravel_index(flat, self.shape)
        point = {name: axis[k].item() if isinstance(axis[k], np.generic) else axis[k]
                 for name, axis, k in zip(self.names, self.axes, index)}
        return self.model(**{**self.base, **point})

    def tensor(self, start: int, stop: int) -> np.ndarray:
        """Float payoffs of the games at flat indices [start, stop): shape (n, n_players, 2, ..., 2)."""
        values = {name: np.asarray(v, dtype=np.float64) for name, v in self.values(start, stop).items()}
        return np.asarray(self.model(**self.base).payoff_tensor(**values), dtype=np.float64)


@dataclasses.dataclass
class _Chunk:
    """What one chunk returns: its points' equilibria in canonical order, labels as local codes."""

    start: int
    stop: int
    codes: np.ndarray  # (n,) int32 into table
    table: list[str]
    count: np.ndarray  # (n,) int16
    prob: np.ndarray  # (n, K, units, M); M = 1 on the batch route (the first strategy's probability)
    payoff: np.ndarray  # (n, K, n_players)
    degenerate: np.ndarray  # (n,) bool
    outcome: np.ndarray | None  # (n, K, n_paths) for trees
    incomplete: int = 0
    outcome_codes: np.ndarray | None = None  # (n,) int32 into outcome_table
    outcome_table: list[str] = dataclasses.field(default_factory=list)


def _batch_engine() -> Callable[[np.ndarray], Any]:
    """``trigame.solve.batch.equilibria`` where it exists, else the scalar closed form game by game."""
    if importlib.util.find_spec("trigame.solve.batch") is not None:
        from trigame import batch

        if hasattr(batch, "equilibria"):
            return batch.equilibria  # type: ignore[no-any-return]
    return _batch_by_points


def _batch_by_points(payoffs: np.ndarray, n_players: int | None = None) -> Any:
    """The batch contract computed game by game with the scalar closed-form solver."""
    from types import SimpleNamespace

    from trigame.games.normal_form import NormalFormGame
    from trigame.solve import equilibria

    n, n_players = payoffs.shape[0], payoffs.shape[1] if n_players is None else n_players
    sets = [equilibria(NormalFormGame(payoffs[k]), method="closed_form") for k in range(n)]
    width = max((len(s) for s in sets), default=0)
    prob = np.full((n, max(width, 1), n_players), np.nan)
    value = np.full((n, max(width, 1), n_players), np.nan)
    for k, s in enumerate(sets):
        for j, eq in enumerate(s):
            prob[k, j] = [float(v[0]) for v in eq.strategies]
            value[k, j] = [float(u) for u in eq.payoffs]
    count = np.array([len(s) for s in sets], dtype=np.int64)
    continuum = np.array([s.degenerate for s in sets], dtype=bool)
    return SimpleNamespace(count=count, probabilities=prob, payoffs=value, continuum=continuum, degenerate=continuum)


def _code_labels(spec: _Spec) -> tuple[list[str], np.ndarray]:
    """Support labels of the 3**n support codes (digit 0: first strategy, 1: second, 2: mix) and their ranks."""
    choices = ((0,), (1,), (0, 1))
    n = len(spec.players)
    labels = []
    for code in range(3**n):
        digits = [(code // 3**i) % 3 for i in range(n)]
        labels.append(support_label(spec.players, spec.strategies, [choices[d] for d in digits]))
    order = sorted(range(len(labels)), key=lambda c: (labels[c].count(": mix "), labels[c]))
    rank = np.empty(len(labels), dtype=np.int64)
    rank[order] = np.arange(len(labels))
    return labels, rank


def _sort_equilibria(keys: list[np.ndarray], arrays: list[np.ndarray]) -> list[np.ndarray]:
    """Reorder axis 1 of each array by the lexicographic order of ``keys`` (most significant first)."""
    n, k = keys[0].shape
    index = np.broadcast_to(np.arange(k), (n, k))
    for key in reversed(keys):
        index = np.take_along_axis(index, np.argsort(np.take_along_axis(key, index, axis=1), axis=1, kind="stable"),
                                   axis=1)
    out = []
    for a in arrays:
        expand = index.reshape(index.shape + (1,) * (a.ndim - 2))
        out.append(np.take_along_axis(a, expand, axis=1))
    return out


# ============================================================================ outcome labels
def _path_label(path: Sequence[str], simultaneous: Sequence[bool]) -> str:
    """A path of play as text: moves in order joined by ``" > "``, moves of one simultaneous stage by ``"/"``.

    ``simultaneous[j]`` says that move ``j`` is made without observing move ``j - 1`` (its node lies in an
    information set with other nodes), as in a stage built with :func:`trigame.games.tree.stage`.

    >>> _path_label(("Press", "Cooperate", "Abstain"), (False, False, True))
    'Press > Cooperate/Abstain'
    """
    text = ""
    for j, move in enumerate(path):
        text += ("/" if simultaneous[j] else " > ") + move if j else move
    return text


def _outcome_names(spec: _Spec, tree: Any = None) -> list[str]:
    """Text of every outcome, in the order of :meth:`SweepResult.outcomes`.

    A strategic-form outcome is a pure profile, its strategies joined by ``"/"`` in the players' order; a
    sequential model's outcome is a path of play (:func:`_path_label`).
    """
    if spec.route != "tree":
        return ["/".join(profile) for profile in itertools.product(*spec.strategies)]
    hidden = {p for i in tree.information_sets if len(i.paths) > 1 for p in i.paths}
    return [_path_label(path, [path[:j] in hidden and j > 0 for j in range(len(path))]) for path in tree.terminals()]


def _equilibrium_outcome(names: Sequence[str], reached: Sequence[int]) -> str:
    """The outcome of one equilibrium: the outcome it reaches, or ``"random: a or b"`` when it randomises."""
    if len(reached) == 1:
        return names[reached[0]]
    return "random: " + " or ".join(names[k] for k in sorted(reached))


def _outcome_set_label(labels: Sequence[str]) -> str:
    """Canonical label of the outcomes of a set of equilibria: distinct, deterministic first, joined by ``" | "``."""
    unique = sorted(set(labels), key=lambda text: (text.startswith("random: "), text))
    return " | ".join(unique) if unique else NONE


def _profile_indices(supports: Sequence[Sequence[int]], sizes: Sequence[int]) -> list[int]:
    """Flat indices (row-major over the strategies) of the pure profiles inside a product of supports."""
    return [int(np.ravel_multi_index(index, sizes)) for index in itertools.product(*supports)]


def _solve_batch(spec: _Spec, start: int, stop: int) -> _Chunk:
    tensor = spec.tensor(start, stop)
    res = _batch_engine()(tensor, n_players=len(spec.players))
    n_players = len(spec.players)
    count = np.asarray(res.count).reshape(-1).astype(np.int16)
    prob = np.asarray(res.probabilities, dtype=np.float64).reshape(stop - start, -1, n_players)
    payoff = np.asarray(res.payoffs, dtype=np.float64).reshape(stop - start, -1, n_players)
    continuum = np.asarray(getattr(res, "continuum", res.degenerate)).reshape(-1).astype(bool)
    # Support code of each equilibrium: player i's digit is 0 (first strategy), 1 (second) or 2 (mixing).
    # The engine's own supports are exact (a mixed probability within 2**-53 of 1 is still mixed).
    supports = getattr(res, "supports", None)
    if supports is not None:
        digit = np.asarray(supports, dtype=np.int64).reshape(prob.shape)
        valid = (digit >= 0).all(axis=2)
    else:
        digit = np.where(prob == 1.0, 0, np.where(prob == 0.0, 1, 2))
        valid = ~np.isnan(prob).any(axis=2)
    code = (np.maximum(digit, 0) * (3 ** np.arange(n_players))).sum(axis=2)
    labels, rank = _code_labels(spec)
    big = np.iinfo(np.int64).max
    keys = [np.where(valid, rank[code], big)] + [np.where(valid, prob[:, :, i], np.inf) for i in range(n_players)]
    code, valid, prob, payoff = _sort_equilibria(keys, [code, valid, prob, payoff])
    # The set of support codes at a point as a bit mask (3**3 = 27 codes), with one more bit for a continuum.
    mask = np.bitwise_or.reduce(np.where(valid, np.left_shift(np.int64(1), code), np.int64(0)), axis=1)
    mask |= continuum.astype(np.int64) << np.int64(3**n_players)
    distinct, codes = np.unique(mask, return_inverse=True)
    table = []
    names = _outcome_names(spec)
    sizes = [2] * n_players
    choices = ((0,), (1,), (0, 1))
    outcome_table: dict[str, int] = {}
    outcome_of_mask = np.empty(len(distinct), dtype=np.int32)
    for row, m in enumerate(distinct.tolist()):
        present = [c for c in range(3**n_players) if m >> c & 1]
        table.append(set_label([labels[c] for c in present], continuum=bool(m >> 3**n_players & 1)))
        # An equilibrium reaches exactly the profiles in the product of its supports.
        reached = [_equilibrium_outcome(names, _profile_indices([choices[(c // 3**i) % 3] for i in range(n_players)],
                                                                sizes)) for c in present]
        outcome_of_mask[row] = outcome_table.setdefault(_outcome_set_label(reached), len(outcome_table))
    codes = codes.reshape(-1).astype(np.int32)
    return _Chunk(start, stop, codes, table, count, prob[..., None], payoff, continuum, None,
                  outcome_codes=outcome_of_mask[codes], outcome_table=list(outcome_table))


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


def _solve_points(spec: _Spec, start: int, stop: int) -> _Chunk:
    """Per-point solving: all Nash equilibria (route "normal") or all SPE (route "tree")."""
    from trigame._numbers import to_float
    from trigame.statics._labels import equilibrium_support_label

    n_units = len(spec.units)
    width = max(len(s) for s in spec.strategies)
    table: dict[str, int] = {}
    codes = np.empty(stop - start, dtype=np.int32)
    counts = np.empty(stop - start, dtype=np.int16)
    degenerate = np.empty(stop - start, dtype=bool)
    probs: list[list[np.ndarray]] = []
    payoffs: list[list[np.ndarray]] = []
    outcomes: list[list[np.ndarray]] = []
    incomplete = 0
    paths: tuple[tuple[str, ...], ...] = ()
    cache: dict[Any, Any] = {}
    outcome_table: dict[str, int] = {}
    outcome_codes = np.empty(stop - start, dtype=np.int32)
    names: list[str] = []
    for row, flat in enumerate(range(start, stop)):
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

                result = cache[key] = subgame_perfect(game)
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
        probs.append([e[1] for e in ranked])
        payoffs.append([e[2] for e in ranked])
        outcomes.append([e[3] for e in ranked])
    k = max(int(counts.max(initial=0)), 1)
    prob = np.full((stop - start, k, n_units, width), np.nan)
    payoff = np.full((stop - start, k, len(spec.players)), np.nan)
    outcome = np.full((stop - start, k, len(paths)), np.nan) if spec.route == "tree" else None
    for row in range(stop - start):
        for j in range(counts[row]):
            prob[row, j] = probs[row][j]
            payoff[row, j] = payoffs[row][j]
            if outcome is not None:
                outcome[row, j] = outcomes[row][j]
    return _Chunk(start, stop, codes, list(table), counts, prob, payoff, degenerate, outcome, incomplete,
                  outcome_codes, list(outcome_table))


def _run_chunk(task: tuple[_Spec, int, int, str]) -> _Chunk:
    """Solve one chunk of the grid (module level, so that process and dask executors can pickle it)."""
    spec, start, stop, selection = task
    chunk = _solve_batch(spec, start, stop) if spec.route == "batch" else _solve_points(spec, start, stop)
    if selection != "all":
        tensor = spec.tensor(start, stop) if selection == "risk_dominant" else None
        pick = _select(spec, chunk, selection, tensor)
        chunk.prob, chunk.payoff = _take(chunk.prob, pick), _take(chunk.payoff, pick)
        if chunk.outcome is not None:
            chunk.outcome = _take(chunk.outcome, pick)
    return chunk


# ============================================================================ selection rules
def _take(array: np.ndarray, pick: np.ndarray) -> np.ndarray:
    """``array[i, pick[i]]`` kept as a K = 1 axis; NaN where ``pick`` is -1 (nothing selected)."""
    index = np.maximum(pick, 0).reshape((-1, 1) + (1,) * (array.ndim - 2))
    out = np.take_along_axis(array, index, axis=1).astype(np.float64)
    out[pick < 0] = np.nan
    return out


def _select(spec: _Spec, chunk: _Chunk, rule: str, tensor: np.ndarray | None) -> np.ndarray:
    """Index of the selected equilibrium at each point of a chunk (-1: the rule selects none)."""
    count = chunk.count.astype(np.int64)
    n = count.shape[0]
    if rule == "first":
        return np.where(count > 0, 0, -1)
    payoff = chunk.payoff
    k = payoff.shape[1]
    valid = np.arange(k)[None, :] < count[:, None]
    if rule == "payoff_dominant":
        # beats[i, a, b]: equilibrium a gives every player strictly more than b.
        beats = (payoff[:, :, None, :] > payoff[:, None, :, :]).all(axis=3)
        others = valid[:, None, :] & ~np.eye(k, dtype=bool)[None]
        dominant = valid & (beats | ~others).all(axis=2)
        pick = np.where(dominant.any(axis=1), dominant.argmax(axis=1), -1)
        return np.where(chunk.degenerate, -1, pick)
    # risk_dominant, 2x2 games: the unique equilibrium, or the risk-dominant one of two strict pure equilibria.
    assert tensor is not None
    first = chunk.prob[..., 0]  # (n, K, 2): probability of each player's first strategy
    pure = valid & ((first == 0) | (first == 1)).all(axis=2)
    pick = np.where((count == 1) & ~chunk.degenerate, 0, -1)
    two = (pure.sum(axis=1) == 2) & ~chunk.degenerate
    rows = np.nonzero(two)[0]
    if rows.size:
        order = np.argsort(~pure[rows], axis=1, kind="stable")[:, :2]  # the two pure equilibria
        strat = np.where(first[rows[:, None], order] == 1, 0, 1)  # (m, 2 equilibria, 2 players)
        a, b = strat[:, 0, 0], strat[:, 0, 1]
        c, d = strat[:, 1, 0], strat[:, 1, 1]
        g = tensor[rows]
        m = np.arange(rows.size)
        # Deviation losses at (a, b) and at (c, d) (Harsanyi and Selten 1988, sect. 3.9): with two pure
        # equilibria of a 2x2 game, a != c and b != d, so each player's deviation is to the other one's strategy.
        loss_ab = (g[m, 0, a, b] - g[m, 0, c, b]) * (g[m, 1, a, b] - g[m, 1, a, d])
        loss_cd = (g[m, 0, c, d] - g[m, 0, a, d]) * (g[m, 1, c, d] - g[m, 1, c, b])
        strict = (a != c) & (b != d) & (g[m, 0, a, b] > g[m, 0, c, b]) & (g[m, 1, a, b] > g[m, 1, a, d]) & (
            g[m, 0, c, d] > g[m, 0, a, d]) & (g[m, 1, c, d] > g[m, 1, c, b])
        choice = np.where(loss_ab > loss_cd, order[:, 0], np.where(loss_cd > loss_ab, order[:, 1], -1))
        pick[rows] = np.where(strict, choice, -1)
    return pick if n else np.zeros(0, dtype=np.int64)


# ============================================================================ the result
class SweepResult:
    """The equilibria of a model at every point of a parameter grid (returned by :func:`sweep`).

    Attributes
    ----------
    model : type
        The model class.
    base : dict
        The values of the parameters that are not swept.
    grid : dict
        ``{parameter name: 1-D array of values}``, in axis order.
    shape : tuple of int
        The grid's shape, one axis per swept parameter.
    labels : numpy.ndarray of str objects
        Grid-shaped label of the equilibrium set at each point (see the module docs).
    count : numpy.ndarray of int
        Grid-shaped number of equilibria listed at each point (the extreme
        equilibria where there is a continuum).
    degenerate : numpy.ndarray of bool
        Grid-shaped: True where the game has a continuum of equilibria.
    selection : str
        The rule applied when sweeping (``"all"`` keeps every equilibrium).
    players : tuple of str
        Player names.
    units, actions : tuple
        Strategic-form models: the players and their strategy labels;
        sequential models: the information sets and their actions.
    notes : tuple of str
        The route taken (vectorised or per point) and anything else worth knowing.
    """

    def __init__(self, spec: _Spec, selection: str, codes: np.ndarray, table: list[str], count: np.ndarray,
                 prob: np.ndarray, payoff: np.ndarray | None, degenerate: np.ndarray, outcome: np.ndarray | None,
                 paths: tuple[tuple[str, ...], ...], notes: Sequence[str], outcome_codes: np.ndarray,
                 outcome_table: list[str]) -> None:
        self._spec = spec
        self.model = spec.model
        self.base = {k: v for k, v in spec.base.items() if k not in spec.names and k in spec.model.parameter_names()}
        self.grid = dict(zip(spec.names, spec.axes))
        self.shape = spec.shape
        self.selection = selection
        self.players = spec.players
        self.units = spec.units
        self.actions = spec.strategies
        self.paths = paths
        self.notes = tuple(notes)
        self._codes = codes
        self._table = tuple(table)
        self._count = count
        self._prob = prob
        self._payoff = payoff
        self._degenerate = degenerate
        self._outcome = outcome
        self._outcome_codes = outcome_codes
        self._outcome_table = tuple(outcome_table)

    # ------------------------------------------------------------------ grid-shaped views
    @property
    def label_set(self) -> tuple[str, ...]:
        """The distinct labels that occur, in order of first appearance on the grid."""
        return self._table

    @property
    def label_codes(self) -> np.ndarray:
        """Grid-shaped index of each point's label in :attr:`label_set`."""
        return self._codes.reshape(self.shape)

    @property
    def labels(self) -> np.ndarray:
        """Grid-shaped array of equilibrium-set labels (str objects)."""
        return np.array(self._table, dtype=object)[self._codes].reshape(self.shape)

    @property
    def outcome_label_set(self) -> tuple[str, ...]:
        """The distinct outcome labels that occur, in order of first appearance on the grid."""
        return self._outcome_table

    @property
    def outcome_label_codes(self) -> np.ndarray:
        """Grid-shaped index of each point's outcome label in :attr:`outcome_label_set`."""
        return self._outcome_codes.reshape(self.shape)

    @property
    def outcome_labels(self) -> np.ndarray:
        """Grid-shaped labels of the outcomes of the equilibria at each point (str objects).

        Coarser than :attr:`labels`: each equilibrium is named by the outcome
        it reaches, not by what every player or information set would do.
        An outcome is a path of play of a sequential model, moves joined by
        ``" > "`` and the moves of one simultaneous stage by ``"/"`` (e.g.
        ``"Press > Cooperate/Cooperate"``), or a pure profile of a
        strategic-form model, strategies joined by ``"/"`` in the order of
        :attr:`players`.  An equilibrium that randomises is named
        ``"random: a or b ..."`` after the outcomes it reaches with positive
        probability.  The distinct outcomes of the equilibria listed at a
        point are joined by ``" | "``, deterministic ones first, then
        alphabetically.  Where there is a continuum of equilibria (see
        :attr:`degenerate`) the outcomes of the extreme equilibria listed are
        named; the equilibria between them randomise over those outcomes.
        """
        return np.array(self._outcome_table, dtype=object)[self._outcome_codes].reshape(self.shape)

    @property
    def count(self) -> np.ndarray:
        """Grid-shaped number of equilibria at each point."""
        return self._count.astype(np.int64).reshape(self.shape)

    @property
    def degenerate(self) -> np.ndarray:
        """Grid-shaped flag: the game has a continuum of equilibria there."""
        return self._degenerate.reshape(self.shape)

    @property
    def probabilities(self) -> np.ndarray:
        """Probabilities of the stored equilibria, shape ``(*shape, K, units, actions)``, NaN-padded.

        ``[..., k, i, s]`` is the probability that unit ``i`` (a player, or an
        information set of a sequential model) chooses its ``s``-th strategy
        or action in the ``k``-th equilibrium (canonical order; K = 1 after a
        selection rule).
        """
        return self._full(self._prob).reshape(*self.shape, *self._prob.shape[1:3], -1)

    @property
    def payoffs(self) -> np.ndarray:
        """Expected payoffs of the stored equilibria, shape ``(*shape, K, n_players)``, NaN-padded.

        Recomputed chunk by chunk when the sweep was run with ``keep_payoffs=False``.
        """
        if self._payoff is not None:
            return self._payoff.reshape(*self.shape, *self._payoff.shape[1:])
        total = self._prob.shape[0]
        out = np.empty((total, self._prob.shape[1], len(self.players)))
        for start in range(0, total, DEFAULT_CHUNK_SIZE):
            stop = min(start + DEFAULT_CHUNK_SIZE, total)
            out[start:stop] = self._payoff_rows(start, stop)
        return out.reshape(*self.shape, *out.shape[1:])

    def _payoff_rows(self, start: int, stop: int) -> np.ndarray:
        """Payoffs at flat indices [start, stop): stored, or from solving those points again."""
        if self._payoff is not None:
            return self._payoff[start:stop]
        solved = _run_chunk((self._spec, start, stop, self.selection)).payoff
        out = np.full((stop - start, self._prob.shape[1], len(self.players)), np.nan)
        out[:, : solved.shape[1]] = solved
        return out

    @staticmethod
    def _full(prob: np.ndarray) -> np.ndarray:
        if prob.shape[-1] == 1:  # vectorised route: the first strategy's probability of 2
            return np.concatenate([prob, 1.0 - prob], axis=-1)
        return prob

    # ------------------------------------------------------------------ outcomes
    def _profiles(self) -> list[tuple[str, ...]]:
        if self.paths:
            return list(self.paths)
        return list(itertools.product(*self.actions))

    def _outcome_matrix(self, prob: np.ndarray, outcome: np.ndarray | None) -> np.ndarray:
        """Probability of each outcome in each stored equilibrium: (n, K, n_outcomes)."""
        if outcome is not None:
            return outcome
        full = self._full(prob)
        cols = []
        for index in itertools.product(*(range(len(s)) for s in self.actions)):
            p = np.ones(full.shape[:2])
            for i, k in enumerate(index):
                p = p * full[:, :, i, k]
            cols.append(p)
        return np.stack(cols, axis=-1)

    def _selected(self, selection: str | None,
                  payoffs: bool = False) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, str]:
        """The stored arrays (prob, payoff, outcome) after a rule; K = 1 unless the rule is "all".

        The payoffs are None unless asked for (or stored).
        """
        rule = self.selection if selection is None else selection
        _check_selection(rule, self._spec.route, len(self.players))
        if rule == self.selection:
            payoff = self._payoff
            if payoff is None and payoffs:
                every = self.payoffs
                payoff = every.reshape(self._prob.shape[0], *every.shape[-2:])
            return self._prob, payoff, self._outcome, rule
        if self.selection != "all":
            raise ParameterError(
                f"this sweep kept only the {self.selection!r} equilibrium at each point; sweep again with "
                f"selection='all' (the default) to apply the rule {rule!r}"
            )
        prob = np.empty((self._prob.shape[0], 1, *self._prob.shape[2:]))
        payoff = np.empty((self._prob.shape[0], 1, len(self.players)))
        outcome = None if self._outcome is None else np.empty((self._outcome.shape[0], 1, self._outcome.shape[2]))
        for start in range(0, prob.shape[0], DEFAULT_CHUNK_SIZE):
            stop = min(start + DEFAULT_CHUNK_SIZE, prob.shape[0])
            chunk = _Chunk(start, stop, self._codes[start:stop], [], self._count[start:stop], self._prob[start:stop],
                           self._payoff_rows(start, stop), self._degenerate[start:stop],
                           None if self._outcome is None else self._outcome[start:stop])
            tensor = self._spec.tensor(start, stop) if rule == "risk_dominant" else None
            pick = _select(self._spec, chunk, rule, tensor)
            prob[start:stop] = _take(chunk.prob, pick)
            payoff[start:stop] = _take(chunk.payoff, pick)
            if outcome is not None and chunk.outcome is not None:
                outcome[start:stop] = _take(chunk.outcome, pick)
        return prob, payoff, outcome, rule

    def outcomes(self, selection: str | None = None) -> dict[tuple[str, ...], np.ndarray]:
        """Probability of every outcome at every grid point under an equilibrium-selection rule.

        An outcome is a pure-strategy profile of a strategic-form model, or a
        path of actions from the root to a terminal node of a sequential model.

        Parameters
        ----------
        selection : str, optional
            One of :data:`SELECTIONS`; the sweep's own rule by default.
            ``"all"`` gives one probability per equilibrium.

        Returns
        -------
        dict
            ``{outcome: array}``, arrays of shape ``shape`` (a rule) or
            ``(*shape, K)`` (``"all"``; NaN past each point's count); NaN
            where the rule selects no equilibrium.
        """
        prob, _, outcome, rule = self._selected(selection)
        matrix = self._outcome_matrix(prob, outcome)
        out = {}
        for j, profile in enumerate(self._profiles()):
            column = matrix[:, :, j]
            out[profile] = column[:, 0].reshape(self.shape) if rule != "all" else column.reshape(*self.shape, -1)
        return out

    def outcome_probability(self, outcome: Any, selection: str | None = None) -> np.ndarray:
        """Probability of one outcome, or of an event, at every grid point under a selection rule.

        Parameters
        ----------
        outcome : tuple of str or dict
            A pure-strategy profile (strategic form) or a terminal path
            (sequential models), e.g. ``("Cooperate", "Cooperate")``; or an
            event ``{player: strategy or action}``, e.g. ``{"China": "Back Pyongyang"}``:
            the probability that the player chooses it (on a sequential model's
            path of play).
        selection : str, optional
            One of :data:`SELECTIONS`; the sweep's own rule by default.

        Returns
        -------
        numpy.ndarray
            Shape ``shape`` for a rule, ``(*shape, K)`` for ``"all"``.
        """
        every = self.outcomes(selection)
        if isinstance(outcome, Mapping):
            chosen = [profile for profile in every if self._in_event(profile, outcome)]
        else:
            key = tuple(outcome) if isinstance(outcome, (list, tuple)) else None
            if key not in every:
                raise ParameterError(f"unknown outcome {outcome!r}; the outcomes are: {sorted(every)}")
            chosen = [key]
        if not chosen:
            return np.zeros_like(next(iter(every.values())))
        return np.sum([every[profile] for profile in chosen], axis=0)

    def _in_event(self, profile: tuple[str, ...], event: Mapping[str, Any]) -> bool:
        players = list(self.players)
        for player, choice in event.items():
            if player not in players:
                raise ParameterError(f"unknown player {player!r} in the event; the players are: {players}")
            wanted = {choice} if isinstance(choice, str) else set(choice)
            if self.paths:
                tree = self._spec.instance(0).game()
                made = {profile[j] for j in range(len(profile)) if _mover(tree, profile[:j]) == player}
            else:
                made = {profile[players.index(player)]}
                known = set(self.actions[players.index(player)])
                if not wanted <= known:
                    raise ParameterError(f"{player} has no strategy {sorted(wanted - known)}; it has {sorted(known)}")
            if not made & wanted:
                return False
        return True

    # ------------------------------------------------------------------ tables and pictures
    def to_pandas(self) -> Any:
        """A tidy table: one row per grid point, equilibrium, player (or information set) and strategy.

        Columns: the swept parameters, ``equilibrium`` (index in canonical
        order), ``set_label``, ``kind`` (``"strategy"`` or ``"outcome"``),
        ``unit`` (player or information set; ``"outcome"`` for outcome rows),
        ``choice`` (strategy, action or outcome joined by ``" > "``),
        ``probability`` and ``payoff`` (the unit's expected payoff in that
        equilibrium when the unit is a player; NaN otherwise).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed (``pip install "trigame[data]"``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError('to_pandas needs pandas: pip install "trigame[data]"') from None
        prob, payoff, outcome, rule = self._selected(None, payoffs=True)
        assert payoff is not None
        full = self._full(prob)
        _n, k = full.shape[:2]
        count = np.minimum(self._count.astype(np.int64), k) if rule == "all" else np.where(
            np.isnan(full[:, 0, 0, 0]), 0, 1)
        point, eq = np.nonzero(np.arange(k)[None, :] < count[:, None])
        coords = np.unravel_index(point, self.shape)
        labels = np.array(self._table, dtype=object)[self._codes]
        frames = []
        players = list(self.players)
        for u, unit in enumerate(self.units):
            for s, choice in enumerate(self.actions[u]):
                data = {name: axis[c] for name, axis, c in zip(self.grid, self.grid.values(), coords)}
                data.update(equilibrium=eq, set_label=labels[point], kind="strategy", unit=unit, choice=choice,
                            probability=full[point, eq, u, s])
                data["payoff"] = (payoff[point, eq, players.index(unit)] if unit in players
                                  else np.full(point.shape, np.nan))
                frames.append(pd.DataFrame(data))
        matrix = self._outcome_matrix(prob, outcome)
        for j, profile in enumerate(self._profiles()):
            data = {name: axis[c] for name, axis, c in zip(self.grid, self.grid.values(), coords)}
            data.update(equilibrium=eq, set_label=labels[point], kind="outcome", unit="outcome",
                        choice=" > ".join(profile), probability=matrix[point, eq, j], payoff=np.nan)
            frames.append(pd.DataFrame(data))
        table = pd.concat(frames, ignore_index=True)
        return table.sort_values([*self.grid, "equilibrium", "kind"], kind="stable", ignore_index=True)

    def plot(self, x: str, y: str | None = None, ax: Any = None, boundaries: bool = True, **options: Any) -> Any:
        """A region map over parameters ``x`` and ``y``, or outcome curves over ``x`` (see :mod:`trigame.viz.figures`).

        Region maps take ``by="equilibrium"`` or ``by="outcome"``; by default
        sequential models are coloured by the outcomes of their equilibria
        (:attr:`outcome_labels`), strategic-form models by their equilibrium
        sets (:attr:`labels`).
        """
        from trigame import plot

        if y is None:
            return plot.outcome_curves(self, x, ax=ax, **options)
        return plot.region_map(self, x, y, ax=ax, boundaries=boundaries, **options)

    def __repr__(self) -> str:
        axes = ", ".join(f"{name}: {len(a)} values" for name, a in self.grid.items())
        return (f"SweepResult({self.model.__name__}; {axes}; {len(self._table)} distinct equilibrium sets; "
                f"selection={self.selection!r})")


def _mover(tree: Any, path: tuple[str, ...]) -> str | None:
    return getattr(tree.node(path), "player", None)


# ============================================================================ memory
def _result_bytes(spec: _Spec, k: int, *, keep: bool, n_paths: int, widen_from: int = 0) -> int:
    """Bytes of the arrays a sweep result stores with ``k`` equilibria per grid point.

    Per point: an int32 label code, an int32 outcome-label code, an int16 count and a bool flag (11 bytes),
    then float64 per equilibrium: the probabilities (one per unit on the vectorised route, one per unit and
    action otherwise), the players' payoffs when kept and the outcome probabilities of a tree; and the grid's
    axes.  ``widen_from`` adds the old copy of the widest array while it is copied to ``k`` equilibria.
    """
    total = math.prod(spec.shape)
    actions = 1 if spec.route == "batch" else max(len(s) for s in spec.strategies)
    columns = [len(spec.units) * actions, len(spec.players) if keep else 0, n_paths]
    per_point = 11 + 8 * k * sum(columns) + 8 * widen_from * max(columns)
    return total * per_point + 8 * sum(len(axis) for axis in spec.axes)


def _sweep_memory(spec: _Spec, k: int, *, keep: bool, n_paths: int, chunk_size: int, executor: bool = False,
                  widen_from: int = 0) -> int:
    """Estimated peak bytes of a sweep: its result (:func:`_result_bytes`) and the chunks in flight.

    One chunk is being solved (:data:`_WORK_PER_POINT` per point); with an executor, up to :data:`_WINDOW`
    more chunk results wait to be copied in.  ``k`` is the number of equilibria per point: 1 before
    anything is solved (a lower bound, exact for a selection rule), then the widest chunk's.
    """
    total = math.prod(spec.shape)
    chunk = min(total, chunk_size)
    waiting = min(total, _WINDOW * chunk) if executor else 0
    result = _result_bytes(spec, k, keep=keep, n_paths=n_paths, widen_from=widen_from)
    return result + chunk * _WORK_PER_POINT[spec.route] + waiting * (result // max(total, 1))


def _check_sweep_memory(spec: _Spec, k: int, *, keep: bool, n_paths: int, chunk_size: int, executor: bool,
                        limit: int | None, widen_from: int = 0) -> None:
    """Refuse a sweep whose estimated peak memory (:func:`_sweep_memory`) is over the budget."""
    total = math.prod(spec.shape)
    estimate = _sweep_memory(spec, k, keep=keep, n_paths=n_paths, chunk_size=chunk_size, executor=executor,
                             widen_from=widen_from)
    what = (f"a sweep of {spec.model.__name__} over {total:,} grid points "
            f"({k} equilibri{'um' if k == 1 else 'a'} per point)")
    check_memory(estimate, what, option="max_memory", limit=limit,
                 remedy="sweep fewer points, pass max_memory=... to allow more, store less (keep_payoffs=False, "
                        "or a selection rule), or solve the grid in parts: sweep slices of an axis in turn, or "
                        "write the table block by block with `trigame sweep MODEL ... --out table.csv`")


# ============================================================================ the driver
def _route(model: Any) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """How to solve the model: the route, players, and the units (players or information sets) with choices."""
    game = model.game()
    if not hasattr(game, "information_sets"):
        players = tuple(game.players)
        strategies = tuple(tuple(s) for s in game.strategies)
        vectorised = all(len(s) == 2 for s in strategies) and len(strategies) in (2, 3)
        return ("batch" if vectorised else "normal"), players, strategies, players
    tree = game
    infosets = tree.information_sets
    return "tree", tuple(tree.players), tuple(tuple(i.actions) for i in infosets), tuple(i.key for i in infosets)


def _not_vectorisable(spec: _Spec) -> str | None:
    """Why the model's payoffs cannot be evaluated on arrays (an ``if`` or ``max()`` on a parameter), or None.

    Probed on two copies of the grid's first point: NumPy refuses the truth value of any array of two or
    more values, whatever they are.
    """
    probe = {name: np.repeat(v, 2) for name, v in spec.values(0, 1).items()}
    try:
        spec.model(**spec.base).payoff_tensor(**{name: np.asarray(v, dtype=np.float64) for name, v in probe.items()})
    except UnsupportedGameError as exc:
        return str(exc)
    return None


def _chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(start + size, total)


def _results(tasks: list[Any], executor: Any) -> Iterator[_Chunk]:
    """Run the chunk tasks in order: serially, or on the executor with a bounded number in flight."""
    if executor is None:
        for task in tasks:
            yield _run_chunk(task)
        return
    submit = getattr(executor, "submit", None)
    if callable(submit):
        window = 16
        pending: list[Any] = []
        queue = iter(tasks)
        for task in itertools.islice(queue, window):
            pending.append(submit(_run_chunk, task))
        while pending:
            future = pending.pop(0)
            for task in itertools.islice(queue, 1):
                pending.append(submit(_run_chunk, task))
            yield future.result()
        return
    for item in executor.map(_run_chunk, tasks):
        result = getattr(item, "result", None)
        yield item if isinstance(item, _Chunk) else result()  # dask's Client.map returns futures


def sweep(
    model: Any,
    grid: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    executor: Any = None,
    *,
    selection: str = "all",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool | None = None,
    keep_payoffs: bool | None = None,
    max_memory: int | None = None,
) -> SweepResult:
    """Solve a model at every point of a grid of parameter values.

    Parameters
    ----------
    model : Model class or instance
        The model.  Every parameter not in ``grid`` keeps one value over the
        whole grid: the value given in ``fixed``, else the instance's value
        (``sweep(QuasiAlliance(fear_rok=1), {"fear_japan": ...})`` sweeps
        with ``fear_rok = 1``), else, for a class, the parameter's default.
        An instance's options (e.g. ``simultaneous``) and player names are
        kept too.  The instance's values of the swept parameters are not used.
    grid : dict
        ``{parameter name: 1-D array of values}``; the grid is their outer
        product, with axes in this order.
    fixed : dict, optional
        Values for other parameters (overriding the instance's or the defaults).
    executor : concurrent.futures-style executor, optional
        Anything with ``submit`` (preferred) or ``map``, e.g. a
        ``ThreadPoolExecutor``, ``ProcessPoolExecutor`` or ``dask.distributed.Client``.
        Chunks are sent to it as picklable module-level tasks.  None solves
        in this process.
    selection : str, default "all"
        Keep every equilibrium, or only the one a rule selects
        (:data:`SELECTIONS`); a rule keeps memory at one equilibrium per point.
    chunk_size : int, default DEFAULT_CHUNK_SIZE
        Grid points per chunk; memory in flight is proportional to it.
    progress : bool or None, default None
        Draw a progress bar on standard error: None draws it when standard
        error is a terminal.
    keep_payoffs : bool or None, default None
        Store every equilibrium's expected payoffs (as much memory as the
        probabilities of a 2-strategy model).  False stores none: the
        payoffs, a later payoff-dominance selection and the ``payoff``
        column of :meth:`SweepResult.to_pandas` then re-solve the grid chunk
        by chunk (the same numbers: the solvers are deterministic), and a
        10^7-point sweep of a 3-player model keeps to about 1 GB.  None
        keeps them for grids of up to :data:`KEEP_PAYOFFS_UP_TO` points.
    max_memory : int or None, default None
        Memory budget in bytes; None means :data:`trigame.budget.DEFAULT_MAX_BYTES`
        (2 GiB).  Either way it is capped by the memory the machine has
        available.  Before anything grid-sized is allocated, the sweep's peak
        is estimated: per grid point 11 bytes of codes, counts and flags plus
        8 bytes per float stored for each equilibrium (probabilities, payoffs
        if kept, outcome probabilities of a sequential model), with one
        equilibrium per point until a chunk is solved, plus one chunk's
        working memory (about 1 KiB per point vectorised, 32 KiB point by
        point; ``chunk_size`` is lowered so that a chunk takes at most a
        quarter of the budget).  The estimate is checked again, with the
        number of equilibria actually found, before the result's arrays are
        widened for a chunk with more equilibria.  A 10^9-point grid is
        refused at once instead of exhausting the machine's memory; sweep it
        in parts, or write its table block by block with the command line
        (``trigame sweep MODEL ... --out table.csv``), which streams.

    Returns
    -------
    SweepResult

    Raises
    ------
    ParameterError
        Grid names that are not parameters (the valid names are listed),
        empty, non-finite, non-numeric, out-of-domain or 2-D grid values;
        a ``max_memory`` that is not a positive integer or None.
    BudgetExceededError
        When the estimated peak memory is over the budget (``max_memory``);
        the message gives the estimate and the ways out.
    TrigameError
        An executor without ``submit`` or ``map``.
    UnsupportedGameError
        ``selection="risk_dominant"`` for a model whose payoffs cannot take
        NumPy arrays (see above).

    Examples
    --------
    >>> import numpy as np
    >>> from trigame.models import AllianceSecurityDilemma
    >>> r = sweep(AllianceSecurityDilemma, grid={"commitment_cost_us": np.linspace(0, 4, 5)})
    >>> r.shape, len(r.labels)
    ((5,), 5)
    """
    from trigame._progress import Progress

    cls, base = _model_class(model)
    fixed_values = _check_fixed(cls, fixed)
    axes = _check_grid(cls, grid, fixed_values)
    executor = _check_executor(executor)
    size = _check_chunk_size(chunk_size)
    limit = check_limit(max_memory, "max_memory")
    base = {**base, **fixed_values}
    route, players, strategies, units = _route(cls(**base))
    selection = _check_selection(selection, route, len(players))
    spec = _Spec(cls, base, tuple(axes), tuple(axes.values()), route, players, strategies, units)
    unvectorised = _not_vectorisable(spec) if route == "batch" else None
    if unvectorised is not None:
        if selection == "risk_dominant":
            raise UnsupportedGameError(
                f"risk_dominant needs the payoffs as NumPy arrays, which this model cannot give: {unvectorised}")
        route = "normal"
        spec = dataclasses.replace(spec, route=route)
    total = math.prod(spec.shape)
    paths: tuple[tuple[str, ...], ...] = ()
    keep = _check_keep_payoffs(keep_payoffs, total)
    # One chunk's working memory takes at most a quarter of the budget (results are the same for any chunking).
    size = min(size, max(1, memory_budget(limit) // 4 // _WORK_PER_POINT[route]))
    if route == "tree":
        paths = tuple(cls(**base).game().terminals())
    check = functools.partial(_check_sweep_memory, spec, keep=keep, n_paths=len(paths), chunk_size=size,
                              executor=executor is not None, limit=limit)
    check(1)
    tasks = [(spec, start, stop, selection) for start, stop in _chunks(total, size)]

    table: dict[str, int] = {}
    outcome_table: dict[str, int] = {}
    codes = np.empty(total, dtype=np.int32)
    outcome_codes = np.empty(total, dtype=np.int32)
    count = np.empty(total, dtype=np.int16)
    degenerate = np.empty(total, dtype=bool)
    prob: np.ndarray | None = None
    payoff: np.ndarray | None = None
    outcome: np.ndarray | None = None
    incomplete = 0
    width = 0
    with Progress(total, f"sweep {cls.__name__}", enabled=progress) as bar:
        for chunk in _results(tasks, executor):
            a, b = chunk.start, chunk.stop
            local = np.array([table.setdefault(label, len(table)) for label in chunk.table], dtype=np.int32)
            codes[a:b] = local[chunk.codes] if local.size else 0
            local = np.array([outcome_table.setdefault(label, len(outcome_table)) for label in chunk.outcome_table],
                             dtype=np.int32)
            outcome_codes[a:b] = local[chunk.outcome_codes] if local.size else 0
            count[a:b] = chunk.count
            degenerate[a:b] = chunk.degenerate
            incomplete += chunk.incomplete
            if chunk.prob.shape[1] > width:  # the result's arrays are (re)allocated for more equilibria
                check(chunk.prob.shape[1], widen_from=width)
                width = chunk.prob.shape[1]
            prob = _place(prob, chunk.prob, a, b, total)
            if keep:
                payoff = _place(payoff, chunk.payoff, a, b, total)
            if chunk.outcome is not None:
                outcome = _place(outcome, chunk.outcome, a, b, total)
            bar.update(b - a)
    assert prob is not None
    notes = [
        {"batch": "solved in one vectorised pass per chunk (all Nash equilibria in closed form)",
         "normal": "solved point by point (all Nash equilibria)",
         "tree": "solved point by point (all subgame-perfect equilibria; identical trees solved once)"}[route]
    ]
    if unvectorised is not None:
        notes.append(f"{cls.__name__}.payoffs(v) cannot take NumPy arrays (it uses `if`, max() or min() on a "
                     "parameter), so the grid was solved point by point; write trigame.models.where, maximum "
                     "and minimum instead to solve it in one vectorised pass")
    if incomplete:
        notes.append(f"at {incomplete} grid points the solver could not guarantee that every equilibrium was found")
    if not keep:
        notes.append("expected payoffs not stored (keep_payoffs); recomputed chunk by chunk when asked for")
    return SweepResult(spec, selection, codes, list(table), count, prob, payoff, degenerate, outcome, paths, notes,
                       outcome_codes, list(outcome_table))


def _place(target: np.ndarray | None, part: np.ndarray, start: int, stop: int, total: int) -> np.ndarray:
    """Copy a chunk's (n, K, ...) array into the result, widening K (NaN-padded) when a chunk needs more."""
    if target is None:
        target = np.full((total, *part.shape[1:]), np.nan)
    elif part.shape[1] > target.shape[1] or part.shape[2:] != target.shape[2:]:
        wider = np.full((total, max(part.shape[1], target.shape[1]), *np.maximum(part.shape[2:], target.shape[2:])),
                        np.nan)
        wider[(slice(None), slice(0, target.shape[1]), *(slice(0, d) for d in target.shape[2:]))] = target
        target = wider
    index = (slice(start, stop), slice(0, part.shape[1]), *(slice(0, d) for d in part.shape[2:]))
    target[index] = part
    return target

