"""Benchmark: all extreme equilibria of larger 2-player games, trigame against lrsnash and the Python peers.

Cases (the same games for every solver):

* ``coord10``, ``coord12`` -- the ``n x n`` coordination game (payoff 1 to both on the
  diagonal, 0 elsewhere): ``2^n - 1`` equilibria, one per nonempty support;
* ``rand14``, ``rand16`` -- random ``n x n`` games with integer payoffs in ``[0, 1000)``
  drawn with ``numpy.random.default_rng(seed)`` (default seed 0).

Timed: trigame ``equilibria(game, method="support", max_bases=None)`` on the exact game
(lexicographic reverse search in Python integers; the call alone, not building the game or
converting the result), ``lrsnash`` from lrslib (the Debian package ``lrslib``; GMP and
64/128-bit hybrid arithmetic, run as a subprocess on a file written beforehand; the run
alone, not reading its output), pygambit ``enummixed_solve`` in floats,
nashpy ``vertex_enumeration`` and QuantEcon ``support_enumeration``.  A missing peer
is shown as ``n/a``; the Python peers run only up to the sizes where they finish in
reasonable time (``--peer-max`` per peer, shown as ``skip`` beyond).  trigame and
lrsnash are timed alternately ``--repeat`` times and the medians are shown with the
ratio trigame / lrsnash of wall-clock times and of CPU times (``time.process_time`` for
trigame, the child's user + system time for lrsnash), which the load of a shared machine
disturbs less.  Every peer's equilibria are compared with trigame's
(``=`` same set within 1e-6, ``!=`` otherwise).

Run::

    python benchmarks/bench_two_player.py [--cases coord10 coord12 rand14 rand16] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trigame as tg

Profile = tuple[np.ndarray, np.ndarray]
Solver = Callable[[np.ndarray, np.ndarray], list[Profile]]

#: Largest n each Python peer is run at by default (beyond it: minutes or more per game).
PEER_MAX = {"gambit float": 12, "nashpy VE": 10, "quantecon SE": 12}


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def case(name: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The payoff matrices of a named case."""
    n = int(name[-2:])
    if name.startswith("coord"):
        return np.eye(n, dtype=np.int64), np.eye(n, dtype=np.int64)
    rng = np.random.default_rng(seed)
    return rng.integers(0, 1000, (n, n)), rng.integers(0, 1000, (n, n))


def trigame_solver(A: np.ndarray, B: np.ndarray) -> tuple[list[Profile], float, float]:
    """trigame's equilibria as floats, and the wall and CPU time of the solve alone (not building the game
    or converting)."""
    game = tg.NormalFormGame.from_arrays(A.tolist(), B.tolist())
    start, cpu = time.perf_counter(), time.process_time()
    eqs = tg.equilibria(game, method="support", max_bases=None)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert eqs.complete
    return ([(np.array(e.strategies[0], dtype=float), np.array(e.strategies[1], dtype=float)) for e in eqs],
            elapsed, cpu)


def lrsnash_input(A: np.ndarray, B: np.ndarray, path: Path) -> None:
    m, n = A.shape
    rows = [f"{m} {n}", ""] + [" ".join(map(str, r)) for r in A.tolist()] + [""]
    rows += [" ".join(map(str, r)) for r in B.tolist()]
    path.write_text("\n".join(rows) + "\n")


def lrsnash_run(path: Path, m: int, n: int) -> tuple[list[Profile], float, float]:
    """Run lrsnash on ``path`` and read its equilibria.

    lrsnash prints blocks: ``2 ...`` lines (column player's strategies), then ``1 ...`` lines (row
    player's); in a degenerate game a block has several of each, and every pair of them is an equilibrium.
    Returns them and the wall and CPU (user + system, of the child process) time of the run alone
    (not reading its output).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True, timeout=3600).stdout
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found: list[Profile] = []
    columns: list[np.ndarray] = []
    previous = ""
    for line in out.splitlines():
        parts = line.split()
        kind = parts[0] if parts else ""
        if kind in ("1", "2"):
            values = np.array([float(Fraction(p)) for p in parts[1:]])
            if kind == "2":
                columns = [*columns, values[:n]] if previous == "2" else [values[:n]]
            else:
                found.extend((values[:m], column) for column in columns)
        previous = kind
    return found, elapsed, cpu


def peers() -> dict[str, Solver | None]:
    gbt, nash, qe = _optional("pygambit"), _optional("nashpy"), _optional("quantecon")
    found: dict[str, Solver | None] = {"gambit float": None, "nashpy VE": None, "quantecon SE": None}
    if gbt is not None:
        def gambit(A: np.ndarray, B: np.ndarray) -> list[Profile]:
            game = gbt.Game.from_arrays(A.astype(float), B.astype(float))
            result = gbt.nash.enummixed_solve(game, rational=False)
            return [tuple(np.array([float(eq[s]) for s in p.strategies]) for p in game.players)  # type: ignore[misc]
                    for eq in result.equilibria]
        found["gambit float"] = gambit
    if nash is not None:
        def nashpy(A: np.ndarray, B: np.ndarray) -> list[Profile]:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return list(nash.Game(A.astype(float), B.astype(float)).vertex_enumeration())
        found["nashpy VE"] = nashpy
    if qe is not None:
        def quantecon(A: np.ndarray, B: np.ndarray) -> list[Profile]:
            game = qe.game_theory.NormalFormGame((qe.game_theory.Player(A.astype(float)),
                                                  qe.game_theory.Player(B.T.astype(float))))
            return list(qe.game_theory.support_enumeration(game))
        quantecon(np.eye(2), np.eye(2))  # compile the numba code outside the timings
        found["quantecon SE"] = quantecon
    return found


def same(found: list[Profile], reference: list[Profile]) -> bool:
    def key(p: Profile) -> tuple[float, ...]:
        return tuple(np.round(np.concatenate([np.asarray(p[0], float), np.asarray(p[1], float)]), 6).tolist())

    return sorted(map(key, found)) == sorted(map(key, reference))


def versions() -> str:
    parts = [f"python {platform.python_version()}", f"numpy {np.__version__}", f"trigame {tg.__version__}"]
    for name in ("pygambit", "nashpy", "quantecon"):
        module = _optional(name)
        parts.append(f"{name} {getattr(module, '__version__', 'n/a') if module else 'n/a'}")
    if shutil.which("lrsnash"):
        dpkg = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "lrslib"], capture_output=True, text=True)
        parts.append(f"lrslib {dpkg.stdout.strip() or '?'}")
    else:
        parts.append("lrsnash n/a")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="+", default=["coord10", "coord12", "rand14", "rand16"])
    parser.add_argument("--repeat", type=int, default=3, help="timings of trigame and lrsnash per case (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-peers", action="store_true", help="time trigame and lrsnash only")
    args = parser.parse_args(argv)

    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}; {versions()}")
    python_peers = {} if args.no_peers else peers()
    has_lrs = shutil.which("lrsnash") is not None
    if not has_lrs:
        print("lrsnash not found (install the Debian package lrslib): its column shows n/a")
    trigame_solver(np.eye(10, dtype=np.int64), np.eye(10, dtype=np.int64))  # imports outside the timings
    head = f"{'case':<8} {'eqs':>5} {'trigame':>9} {'lrsnash':>9} {'ratio':>6} {'cpu ratio':>9}"
    for name in python_peers:
        head += f" | {name:>22}"
    print("time per game in seconds (median of --repeat for trigame and lrsnash); ratio = trigame / lrsnash "
          "(wall clock); cpu ratio = the same for CPU time")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.cases:
            A, B = case(name, args.seed)
            m, n = A.shape
            path = Path(tmp) / f"{name}.txt"
            lrsnash_input(A, B, path)
            times_t, times_l, cpu_t, cpu_l = [], [], [], []
            reference: list[Profile] = []
            lrs_found: list[Profile] = []
            for _ in range(args.repeat):
                reference, elapsed, cpu = trigame_solver(A, B)
                times_t.append(elapsed)
                cpu_t.append(cpu)
                if has_lrs:
                    lrs_found, elapsed, cpu = lrsnash_run(path, m, n)
                    times_l.append(elapsed)
                    cpu_l.append(cpu)
            t_med = statistics.median(times_t)
            line = f"{name:<8} {len(reference):>5} {t_med:>9.3f}"
            if has_lrs:
                l_med = statistics.median(times_l)
                mark = "" if same(lrs_found, reference) else " !="
                cpu_ratio = statistics.median(cpu_t) / max(statistics.median(cpu_l), 1e-9)
                line += f" {l_med:>9.3f} {t_med / l_med:>6.2f} {cpu_ratio:>9.2f}{mark}"
            else:
                line += f" {'n/a':>9} {'':>6} {'':>9}"
            for peer, solver in python_peers.items():
                if solver is None:
                    line += f" | {'n/a':>22}"
                elif n > PEER_MAX[peer]:
                    line += f" | {'skip':>22}"
                else:
                    start = time.perf_counter()
                    found = solver(A, B)
                    elapsed = time.perf_counter() - start
                    verdict = "=" if same(found, reference) else "!="
                    line += f" | {elapsed:>9.3f} x{elapsed / t_med:>7.2f} {verdict:>3}"
            print(line, flush=True)
    print("peer columns: time, peer / trigame, '=' same set as trigame; lrsnash '!=' marks a different set")
    print(f"Python peers run up to n = {PEER_MAX} ('skip' beyond)")


if __name__ == "__main__":
    main()
