"""The plan of a sweep, fixed before anything is solved: checked inputs, the route, the spec, the memory.

The inputs of :func:`~trigame.statics.sweep.sweep` are checked here (model,
grid, fixed values, executor, chunk size, ``keep_payoffs``); :func:`_route`
decides how the model is solved -- ``"batch"`` (2 or 3 players with 2
strategies each: one vectorised pass per chunk), ``"normal"`` (larger
strategic-form games, point by point), ``"tree"`` (sequential models: the
subgame-perfect equilibria of perfect-information trees and of trees with 2x2
or 2x2x2 simultaneous stages vectorised over the chunk, other trees and the
points with ties point by point) or ``"bayesian"`` (Bayesian games,
Bayesian Nash equilibria point by point, one unit per type agent
``player@type``); :class:`_Spec` carries all of it to
each chunk task; and :func:`_check_sweep_memory` refuses a sweep whose
estimated peak memory is over the budget before anything grid-sized is
allocated.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame.budget import check_memory
from trigame.errors import ParameterError, TrigameError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.models.base import Model

__all__ = ["DEFAULT_CHUNK_SIZE", "KEEP_PAYOFFS_UP_TO"]

#: Grid points solved per chunk (about 100 MB of working memory for a 2x2x2 model).
DEFAULT_CHUNK_SIZE = 1 << 17

#: Grid points up to which a sweep stores the equilibria's expected payoffs by default (``keep_payoffs=None``).
KEEP_PAYOFFS_UP_TO = 2_000_000

#: Working memory per grid point of the chunk being solved, by route.  Measured tracemalloc peaks: about
#: 0.4 KiB (2-player QuasiAlliance, vectorised) and 12-18 KiB (sequential models, point by point); doubled.
#: The tree route keeps the point-by-point figure: any chunk may fall back to it (ties, degenerate stages).
_WORK_PER_POINT = {"batch": 1024, "normal": 32 * 1024, "tree": 32 * 1024, "bayesian": 32 * 1024,
                   "signaling": 32 * 1024}

#: Chunks submitted to an executor ahead of the one being collected (their results wait in memory).
_WINDOW = 16


# ============================================================================ validation
def _model_class(model: Any) -> tuple[type[Model], dict[str, Any]]:
    from trigame.models.base import Model

    if isinstance(model, type) and issubclass(model, Model):
        return model, model.values()
    if isinstance(model, Model):
        # Every constructor field (parameters, and settings such as player names or a model variant).
        return type(model), {f.name: getattr(model, f.name) for f in dataclasses.fields(model) if f.init}
    raise ParameterError(f"sweep needs a trigame model class or instance (e.g. QuasiAlliance), got {model!r}")


def _grid_array(cls: type[Model], name: str, values: Any) -> np.ndarray:
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


def _check_grid(cls: type[Model], grid: Any, fixed: Mapping[str, Any]) -> dict[str, np.ndarray]:
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


def _check_fixed(cls: type[Model], fixed: Any) -> dict[str, Any]:
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


# ============================================================================ the spec and the route
@dataclasses.dataclass(frozen=True)
class _Spec:
    """Everything a chunk task needs (picklable: a module-level class, numbers and 1-D arrays)."""

    model: type[Model]
    base: dict[str, Any]
    names: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    route: str  # "batch" (vectorised 2-strategy games), "normal" (per point), "tree" (per point, SPE),
    #             "bayesian" (per point, BNE)
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]  # for "tree": the actions of each information set; "bayesian": of
    #                                          each type agent
    units: tuple[str, ...]  # players ("batch", "normal"), information-set keys ("tree") or type agents
    #                         "player@type" ("bayesian"), information-set keys ("signaling")

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


def _route(model: Any) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """How to solve the model: the route, players, and the units (players, information sets or type agents).

    A Bayesian game's units are its type agents ``player@type`` (as in its type-agent form and in the
    regimes of :mod:`trigame.statics`), one for every declared type, also a type of prior zero.
    """
    game = model.game()
    from trigame.games.bayesian import BayesianGame
    from trigame.games.signaling import SignalingGame

    if isinstance(game, SignalingGame):  # units: the sender's types, then the messages (the receiver's sets)
        units = tuple(game.sender_key(t) for t in game.types) + tuple(game.receiver_key(m) for m in game.messages)
        choices = (tuple(tuple(game.messages_of(t)) for t in game.types)
                   + tuple(tuple(game.actions_after(m)) for m in game.messages))
        return "signaling", tuple(game.players), choices, units
    if type(game).__name__ in ("ContinuousGame", "RepeatedGame"):
        raise UnsupportedGameError(
            f"sweep solves finite games; {type(model).__name__} builds a {type(game).__name__}: use "
            "trigame.statics.continuous.level_curves (continuous) or statics.repeated.repeated_regimes (repeated)")
    if isinstance(game, BayesianGame):
        agents = [(p, t) for p in game.players for t in game.types[p]]
        return ("bayesian", tuple(game.players), tuple(tuple(game.actions(p, t)) for p, t in agents),
                tuple(f"{p}@{t}" for p, t in agents))
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
