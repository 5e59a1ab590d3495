"""Chunks of a sweep's grid and where they run: in this process, or on a concurrent.futures-style executor.

The grid is cut into chunks of consecutive flat indices (:func:`_chunks`);
each chunk task is solved by :func:`_run_chunk`, a module-level function of
picklable arguments so that process pools and dask can run it, on the route of
the sweep's spec, then reduced by the selection rule.  :func:`_results` yields
the chunks in order, keeping at most :data:`~trigame.statics.sweep._grid._WINDOW`
of them in flight on an executor.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from trigame.statics.sweep._batch import _solve_batch
from trigame.statics.sweep._chunk import _Chunk
from trigame.statics.sweep._grid import _WINDOW, _Spec
from trigame.statics.sweep._points import _solve_points
from trigame.statics.sweep._selection import _select, _take
from trigame.statics.sweep._signaling_route import _solve_signaling
from trigame.statics.sweep._tree_route import _solve_tree


def _run_chunk(task: tuple[_Spec, int, int, str]) -> _Chunk:
    """Solve one chunk of the grid (module level, so that process and dask executors can pickle it)."""
    spec, start, stop, selection = task
    if spec.route == "batch":
        chunk = _solve_batch(spec, start, stop)
    elif spec.route == "tree":
        chunk = _solve_tree(spec, start, stop)
    elif spec.route == "signaling":
        chunk = _solve_signaling(spec, start, stop)
    else:
        chunk = _solve_points(spec, start, stop)
    if selection != "all":
        tensor = spec.tensor(start, stop) if selection == "risk_dominant" else None
        pick = _select(spec, chunk, selection, tensor)
        chunk.prob, chunk.payoff = _take(chunk.prob, pick), _take(chunk.payoff, pick)
        if chunk.outcome is not None:
            chunk.outcome = _take(chunk.outcome, pick)
    return chunk


def _chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of each chunk of ``size`` consecutive flat indices of a grid of ``total`` points."""
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
        pending: list[Any] = []
        queue = iter(tasks)
        for task in itertools.islice(queue, _WINDOW):
            pending.append(submit(_run_chunk, task))
        while pending:
            future = pending.pop(0)
            for task in itertools.islice(queue, 1):
                pending.append(submit(_run_chunk, task))
            yield future.result()
        return
    for item in executor.map(_run_chunk, tasks):
        yield item if isinstance(item, _Chunk) else item.result()  # dask's Client.map returns futures
