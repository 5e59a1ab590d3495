"""Running peer solvers safely: pygambit's ``enumpoly_solve`` can loop forever on degenerate games.

Each game is solved in a worker process; a game that takes longer than ``timeout`` seconds is
reported as ``None`` (the peer hung) and the worker is replaced.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable
from typing import Any

import numpy as np


def _worker(jobs: Any, results: Any) -> None:
    import pygambit as gbt

    for index, payoffs in iter(jobs.get, None):
        g = gbt.Game.from_arrays(*[np.asarray(payoffs[i]) for i in range(len(payoffs))])
        found = [
            [[float(eq[player][s]) for s in player.strategies] for player in g.players]
            for eq in gbt.nash.enumpoly_solve(g).equilibria
        ]
        results.put((index, found))


def gambit_enumpoly(games: Iterable[np.ndarray], timeout: float = 10.0) -> list[list[Any] | None]:
    """pygambit ``enumpoly_solve`` equilibria of each game (float vectors), ``None`` where it hung."""
    games = [np.asarray(g) for g in games]
    ctx = mp.get_context("fork")
    out: list[list[Any] | None] = [None] * len(games)
    start = 0
    while start < len(games):
        jobs, results = ctx.Queue(), ctx.Queue()
        proc = ctx.Process(target=_worker, args=(jobs, results), daemon=True)
        proc.start()
        for index in range(start, len(games)):
            jobs.put((index, games[index].tolist()))
        jobs.put(None)
        next_index = start
        try:
            while next_index < len(games):
                index, found = results.get(timeout=timeout)
                out[index] = found
                next_index = index + 1
        except Exception:  # queue.Empty: the peer hung on game `next_index`
            proc.kill()
            proc.join()
            _discard(jobs, results)
            start = next_index + 1
            continue
        proc.join()
        _discard(jobs, results)
        break
    return out


def _discard(*queues: Any) -> None:
    """Close queues without waiting for their feeder threads.

    Jobs still buffered for a killed worker would otherwise block the feeder
    thread on a full pipe, and the interpreter would hang at exit joining it.
    """
    for queue in queues:
        queue.cancel_join_thread()
        queue.close()
