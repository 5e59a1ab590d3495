"""Running peer solvers safely: pygambit's ``enumpoly_solve`` can loop forever on degenerate games.

A peer that hangs on a game must never decide a test, and neither may the machine's load. So a peer
runs in a worker process and is limited by the **CPU time** it spends on one game, not by the clock:
a game that needs milliseconds of CPU gets them however long a loaded machine makes it wait, and a
game past the limit is one the peer loops on (reported as ``None``; the worker is replaced).  Only
when a worker makes no progress at all for a generous wall-clock time (``stall``, minutes) is the peer
given up, and the test is skipped with the reason, never failed.

Both pygambit API shapes are handled (16: ``Game.from_arrays``, player and strategy objects; 17:
``StrategicGame.from_arrays``, players and strategies addressed by label).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import subprocess
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

#: Wall-clock seconds a peer may go without any progress before the test is skipped (never failed).
STALL = 600.0

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# ---------------------------------------------------------------------- pygambit API shapes
def gambit_from_arrays(gbt: Any, *arrays: Any) -> Any:
    """A pygambit strategic game from payoff arrays, one per player (pygambit 16 or 17)."""
    strategic = getattr(gbt, "StrategicGame", None)
    if strategic is not None and hasattr(strategic, "from_arrays"):
        return strategic.from_arrays(*arrays)
    return gbt.Game.from_arrays(*arrays)


def gambit_profile(eq: Any, game: Any) -> list[list[Any]]:
    """A pygambit mixed-strategy profile as one list of probabilities per player (pygambit 16 or 17)."""
    if hasattr(game, "get_strategies"):  # 17: players and strategies are labels
        return [[eq[p][s] for s in game.get_strategies(p)] for p in game.players]
    return [[eq[s] for s in p.strategies] for p in game.players]


def gambit_strategies(game: Any) -> list[list[Any]]:
    """Each player's strategies of a pygambit strategic game: objects (16) or labels (17)."""
    if hasattr(game, "get_strategies"):  # 17: players and strategies are labels
        return [list(game.get_strategies(p)) for p in game.players]
    return [list(p.strategies) for p in game.players]


def gambit_payoffs(game: Any, profile: Sequence[Any]) -> list[Any]:
    """Each player's payoff in a pygambit strategic game at a pure profile (one strategy per player,
    as ``gambit_strategies`` gives them; pygambit 16 or 17)."""
    players = list(game.players)
    if hasattr(game, "get_payoffs"):  # 17: a contingency maps player labels to strategy labels
        payoffs = game.get_payoffs(dict(zip(players, profile)))
    else:
        payoffs = game[tuple(profile)]
    return [payoffs[p] for p in players]


# ---------------------------------------------------------------------- CPU-limited runs
def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a live process has used, from ``/proc``; ``None`` where unreadable."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime: fields 14 and 15 of stat(5)


def _worker(games: list[np.ndarray], start: int, conn: Any) -> None:
    """Solve ``games[start:]`` in order, saying on ``conn`` when each game starts and what it found.

    A pipe's ``send`` writes at once, in this thread: a queue's feeder thread could not, since
    pygambit holds the interpreter lock while it solves, so a "start" would arrive only afterwards.
    """
    import pygambit as gbt

    for index in range(start, len(games)):
        payoffs = games[index]
        conn.send(("start", index, time.process_time()))
        g = gambit_from_arrays(gbt, *[np.asarray(payoffs[i]) for i in range(len(payoffs))])
        found = [
            [[float(x) for x in v] for v in gambit_profile(eq, g)]
            for eq in gbt.nash.enumpoly_solve(g).equilibria
        ]
        conn.send(("done", index, found))
    conn.close()


def gambit_enumpoly(
    games: Iterable[np.ndarray], timeout: float = 10.0, stall: float = STALL
) -> list[list[Any] | None]:
    """pygambit ``enumpoly_solve`` equilibria of each game (float vectors), ``None`` where it loops.

    Parameters
    ----------
    games
        Payoff arrays of shape ``(n_players, m_1, ..., m_n)``.
    timeout
        CPU seconds the peer may spend on one game before it counts as looping on it; CPU time, not
        wall time, so the machine's load does not change which games are answered.  (Where ``/proc``
        is unreadable the worker's wall time stands in.)
    stall
        Wall-clock seconds without any progress (a worker that cannot even import pygambit, a starved
        machine) after which the test is skipped.
    """
    games = [np.asarray(g) for g in games]
    ctx = mp.get_context("fork")  # the worker inherits the games; nothing is pickled on the way in
    out: list[list[Any] | None] = [None] * len(games)
    start = 0
    while start < len(games):
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(games, start, writer), daemon=True)
        proc.start()
        writer.close()  # the worker holds the only writing end: reading hits EOF when it ends
        try:
            looped = _follow(proc, reader, out, timeout, stall)
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join()
            reader.close()
        if looped is None:
            break
        start = looped + 1
    return out


def _follow(proc: Any, reader: Any, out: list[Any], timeout: float, stall: float) -> int | None:
    """Collect a worker's answers into ``out``; the index of the game it loops or crashed on, or ``None``."""
    current, cpu_at_start, wall_at_start = None, 0.0, time.monotonic()
    last_progress = time.monotonic()
    while True:
        if reader.poll(0.05):
            try:
                message = reader.recv()
            except EOFError:  # the worker ended
                if current is not None:
                    return current  # it crashed on this game
                pytest.skip("the pygambit peer worker ended between games (cannot import pygambit?)")
            last_progress = time.monotonic()
            if message[0] == "start":
                _, current, cpu_at_start = message
                wall_at_start = time.monotonic()
            else:
                _, index, found = message
                out[index] = found
                current = None
                if index == len(out) - 1:
                    return None
            continue
        if time.monotonic() - last_progress > stall:
            pytest.skip(f"the pygambit peer made no progress in {stall:.0f} s (machine overloaded?)")
        if current is None:
            continue
        used = _cpu_seconds(proc.pid) if proc.pid else None
        if used is None:
            used = cpu_at_start + time.monotonic() - wall_at_start
        if used - cpu_at_start > timeout:
            return current


def run_cpu_limited(
    args: Sequence[str], cpu_seconds: float, stall: float = STALL, cwd: Path | None = None
) -> subprocess.CompletedProcess[str] | None:
    """Run a peer command with a limit on its CPU time (``RLIMIT_CPU``), not on the clock.

    Returns the completed process, or ``None`` when the peer failed or spent ``cpu_seconds`` of CPU
    (it loops on this input).  A peer that is still running after ``stall`` wall-clock seconds, on a
    machine too loaded to give it its CPU, skips the test.
    """
    limit = max(1, int(np.ceil(cpu_seconds)))

    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))

    try:
        run = subprocess.run(list(args), capture_output=True, text=True, timeout=stall, preexec_fn=limit_cpu, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.skip(f"the peer {' '.join(args[:3])} ... made no progress in {stall:.0f} s (machine overloaded?)")
    return run if run.returncode == 0 else None


__all__ = [
    "STALL",
    "gambit_enumpoly",
    "gambit_from_arrays",
    "gambit_payoffs",
    "gambit_profile",
    "gambit_strategies",
    "run_cpu_limited",
]
