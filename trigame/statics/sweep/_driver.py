"""The sweep driver: check the inputs, plan the route and memory, run the chunks, assemble the result.

:func:`sweep` is the one public function of :mod:`trigame.statics.sweep`; the
module docstring of the package says what it computes.  Here the chunks' local
label tables are merged into the sweep's, and the result's arrays are filled
chunk by chunk, widened (NaN-padded) when a chunk finds more equilibria per
point than any before it -- after the memory estimate is checked again.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from trigame._progress import Progress
from trigame.budget import check_limit, memory_budget
from trigame.errors import UnsupportedGameError
from trigame.solve.batch._memory import fresh
from trigame.statics.sweep._grid import (
    _WORK_PER_POINT,
    DEFAULT_CHUNK_SIZE,
    _check_chunk_size,
    _check_executor,
    _check_fixed,
    _check_grid,
    _check_keep_payoffs,
    _check_sweep_memory,
    _model_class,
    _not_vectorisable,
    _route,
    _Spec,
)
from trigame.statics.sweep._result import SweepResult
from trigame.statics.sweep._run import _chunks, _results
from trigame.statics.sweep._selection import _check_selection

__all__ = ["sweep"]


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
    codes = fresh((total,), np.int32)
    outcome_codes = fresh((total,), np.int32)
    count = fresh((total,), np.int16)
    degenerate = fresh((total,), bool)
    prob: np.ndarray | None = None
    payoff: np.ndarray | None = None
    outcome: np.ndarray | None = None
    incomplete = 0
    width = 0
    vectorised = pointwise = one_by_one = 0  # sequential models: points vectorised, with ties, not grouped
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
            if chunk.vectorised:
                vectorised += b - a
                pointwise += chunk.pointwise
                one_by_one += chunk.one_by_one
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
         "tree": "solved point by point (all subgame-perfect equilibria; identical trees solved once)",
         "bayesian": "solved point by point (all Bayesian Nash equilibria, through the type-agent form; identical "
                     "games solved once); units are the type agents player@type",
         "signaling": "solved point by point (all perfect Bayesian equilibria; identical games solved once); "
                      "units are the information sets: the sender's types, then the receiver's after each "
                      "message"}[route]
    ]
    if vectorised:
        notes[0] = (f"solved by backward induction vectorised over {vectorised} of {total} points (all "
                    "subgame-perfect equilibria; one point per pattern of choices solved by the scalar solver"
                    + (f"; the {pointwise - one_by_one} points with tied actions grouped by every payoff comparison "
                       "the solver makes" if pointwise > one_by_one else "")
                    + (f"; the {one_by_one} points with a tie or a degenerate stage game solved one by one"
                       if one_by_one else "")
                    + ("" if vectorised == total else "; the other points solved one by one") + ")")
    if route == "bayesian":
        notes.append("where a prior gives a type probability zero, that type's behaviour is arbitrary: the labels "
                     "show the solver's representative choice for it and the point is marked degenerate")
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
        target = fresh((total, *part.shape[1:]), fill=np.nan)
    elif part.shape[1] > target.shape[1] or part.shape[2:] != target.shape[2:]:
        wider = fresh((total, max(part.shape[1], target.shape[1]), *np.maximum(part.shape[2:], target.shape[2:])),
                      fill=np.nan)
        old = (slice(None), slice(0, target.shape[1]), *(slice(0, d) for d in target.shape[2:]))
        wider[old] = target
        target = wider
    index = (slice(start, stop), slice(0, part.shape[1]), *(slice(0, d) for d in part.shape[2:]))
    target[index] = part
    return target
