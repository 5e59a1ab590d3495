"""Benchmark: all Nash equilibria of random N-player games, trigame ``polynomial`` against Gambit ``enumpoly``.

Shapes 3x3x3, 2x2x2x2, 4x4x4, 3x3x3x3, 5x4x3 and 2x2x2x2x2x2; ``--games`` random games per shape
(seeded, integer payoffs in ``[0, --top)``, by default ``[0, 1000)``, the same games for both solvers;
``--top 2``: payoffs in {0, 1}, degenerate games with many ties and continua).  For each game:

* trigame ``equilibria(game, method="polynomial")`` on the exact game (complete, every equilibrium
  verified), in this process after a warm-up solve (imports excluded; with Numba installed the
  compiled box search is loaded in the warm-up);
* pygambit ``enumpoly_solve`` on the same integer game, in a forked child that has already imported
  pygambit, limited to ``--cap`` CPU seconds per game (it loops forever on some games: "hung").

Times are CPU seconds (``time.process_time``) of the solve alone, so that other jobs on a shared
machine change them less than wall time would; with ``--repeat k`` the two solvers alternate on
each game k times and each one's median per game counts (a game of a few milliseconds varies
by a factor of two from one solve to the next).  The table gives per shape the median time per game
of each solver, the ratio trigame / Gambit of the medians (goal: at most 1), the equilibria found
(total over the games), whether trigame reported ``complete=True`` on every game, on how many
games trigame's set contains Gambit's (every Gambit equilibrium within 1e-6 of one of trigame's), and
how many of the profiles Gambit listed are not equilibria ("not eq": some player gains more than
1e-6 times the range of its payoffs by a pure deviation, computed here with NumPy; enumpoly lists a
few such profiles, which the containment leaves out).

Run::

    python benchmarks/bench_nplayer.py [--games 5] [--repeat 3] [--array-search] [--shapes 3x3x3 ...]
        [--cap 60] [--seed 0] [--top 1000] [--no-certificate] [--no-elimination] [--verbose]

``--no-certificate`` runs the box search of every system to its end, without the exact proof that
it must give up (``trigame/solve/nash/_poly_singular.py``): the solver as it was before it.
``--no-elimination`` sends every profile of four binary mixers to the box search
(``trigame/solve/nash/_poly_binary4.py`` settles them by elimination where that is cheaper).

The machine and the versions are printed first.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trigame
from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import _poly_binary4, _poly_box, _poly_box_compiled, _poly_singular, polynomial

SHAPES = ("3x3x3", "2x2x2x2", "4x4x4", "3x3x3x3", "5x4x3", "2x2x2x2x2x2")


def _games(shape: tuple[int, ...], count: int, seed: int, top: int = 1000) -> list[np.ndarray]:
    rng = np.random.default_rng([seed, *shape])
    return [rng.integers(0, top, size=(len(shape), *shape)) for _ in range(count)]


def _gambit_child(payoffs: np.ndarray, cap: float, conn: Any) -> None:
    import pygambit as gbt

    from tests._peers import gambit_from_arrays, gambit_profile

    limit = max(1, int(np.ceil(cap)))
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
    game = gambit_from_arrays(gbt, *[np.asarray(payoffs[i], dtype=int) for i in range(payoffs.shape[0])])
    start = time.process_time()
    found = gbt.nash.enumpoly_solve(game).equilibria
    seconds = time.process_time() - start
    conn.send((seconds, [[[float(x) for x in v] for v in gambit_profile(eq, game)] for eq in found]))
    conn.close()


def gambit(payoffs: np.ndarray, cap: float) -> tuple[float, list[Any]] | None:
    """Gambit's time and equilibria on one game, or None when it spent ``cap`` CPU seconds (hung)."""
    ctx = mp.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_gambit_child, args=(payoffs, cap, writer), daemon=True)
    proc.start()
    writer.close()
    try:
        return reader.recv()  # type: ignore[no-any-return]
    except EOFError:  # killed by the CPU limit
        return None
    finally:
        proc.join()
        reader.close()


def trigame_solve(payoffs: np.ndarray) -> tuple[float, Any]:
    game = NormalFormGame.from_arrays(*[payoffs[i].tolist() for i in range(payoffs.shape[0])])
    start = time.process_time()
    result = polynomial.solve(game, max_support_profiles=None)
    return time.process_time() - start, result


def regret_too_large(payoffs: np.ndarray, profile: list[list[float]]) -> bool:
    """Whether some player gains more than 1e-6 times its payoff range by a pure deviation from ``profile``."""
    n = payoffs.shape[0]
    for i in range(n):
        values = payoffs[i].astype(float)
        for j in reversed(range(n)):  # contract the others' mixtures, the last axis first
            if j != i:
                values = np.tensordot(values, np.asarray(profile[j], dtype=float), axes=([j], [0]))
        gain = float(values.max() - values @ np.asarray(profile[i], dtype=float))
        if gain > 1e-6 * max(1, int(payoffs[i].max() - payoffs[i].min())):
            return True
    return False


def contains(ours: Any, theirs: list[Any]) -> bool:
    mine = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]) for eq in ours]
    for profile in theirs:
        vector = np.concatenate([np.asarray(v, dtype=float) for v in profile])
        if not any(np.max(np.abs(vector - m)) < 1e-6 for m in mine):
            return False
    return True


def machine() -> str:
    import pygambit

    return (f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {np.__version__}, trigame {trigame.__version__}, "
            f"pygambit {pygambit.__version__}")


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=5, help="random games per shape")
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES))
    parser.add_argument("--cap", type=float, default=60.0, help="CPU seconds before Gambit counts as hung")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--array-search", action="store_true",
                        help="the NumPy box search only (as without Numba), not the compiled one")
    parser.add_argument("--repeat", type=int, default=1,
                        help="solves of each game by each solver, alternating; the median per game counts")
    parser.add_argument("--top", type=int, default=1000, help="payoffs are integers in [0, top)")
    parser.add_argument("--no-certificate", action="store_true",
                        help="every box search run to its end (no exact proof that it must give up)")
    parser.add_argument("--no-elimination", action="store_true",
                        help="profiles of four binary mixers to the box search, not the elimination")
    parser.add_argument("--verbose", action="store_true", help="one line per game")
    args = parser.parse_args()
    print(machine())
    print(f"{args.games} games per shape, integer payoffs in [0, {args.top}), seed {args.seed}; CPU seconds per "
          f"game (median of {args.repeat} alternating solves each)\n")
    _poly_singular.CERTIFY = not args.no_certificate
    print(f"singular-point proof before the full box search: {'no' if args.no_certificate else 'yes'}")
    if args.no_elimination:
        _poly_binary4.MAX_PROFILES = 0
    print(f"four binary mixers by elimination where it pays: {'no' if args.no_elimination else 'yes'}")
    # warm-up: imports (SciPy, SymPy, and Numba for the compiled box search when installed) excluded
    _poly_box.COMPILED = not args.array_search
    compiled = not args.array_search and _poly_box_compiled.load() is not None
    print(f"compiled box search (Numba): {'yes' if compiled else 'no, the array search'}")
    trigame_solve(_games((3, 3, 3), 1, 12345)[0])
    import scipy.optimize  # noqa: F401  (the dominance LPs' import, which the warm-up game may not reach)
    import sympy  # noqa: F401
    header = (f"{'shape':<13} {'trigame (median)':>16} {'gambit (median)':>16} {'ratio t/g':>9} "
              f"{'eqs trigame':>11} {'eqs gambit':>10} {'not eq':>6} {'hung':>4} {'complete':>8} {'contains':>8}")
    print(header)
    print("-" * len(header))
    for text in args.shapes:
        shape = tuple(int(x) for x in text.split("x"))
        ours_t, theirs_t = [], []
        ours_n = theirs_n = false_n = hung = contained = answered = 0
        complete = True
        for index, payoffs in enumerate(_games(shape, args.games, args.seed, args.top)):
            # the two solvers alternate on the game, --repeat times each; the median of each counts
            mine_t, peer_t, peer = [], [], None
            for _ in range(args.repeat):
                seconds, result = trigame_solve(payoffs)
                mine_t.append(seconds)
                peer = gambit(payoffs, args.cap)
                if peer is None:
                    break
                peer_t.append(peer[0])
            seconds = statistics.median(mine_t)
            ours_t.append(seconds)
            ours_n += len(result)
            complete &= bool(result.complete)
            if peer is None:
                hung += 1
            else:
                answered += 1
                peer = (statistics.median(peer_t), peer[1])
                theirs_t.append(peer[0])
                theirs_n += len(peer[1])
                equilibria = [p for p in peer[1] if not regret_too_large(payoffs, p)]
                false_n += len(peer[1]) - len(equilibria)
                contained += contains(result, equilibria)
            if args.verbose:
                print(f"  {text} game {index}: trigame {_fmt(seconds)} s, {len(result)} eqs; gambit "
                      + ("hung" if peer is None else f"{_fmt(peer[0])} s, {len(peer[1])} eqs"), flush=True)
        ours_m = statistics.median(ours_t)
        theirs_m = statistics.median(theirs_t) if theirs_t else None
        ratio = f"{ours_m / theirs_m:.2f}" if theirs_m else "-"
        print(f"{text:<13} {_fmt(ours_m):>16} {_fmt(theirs_m):>16} {ratio:>9} {ours_n:>11} {theirs_n:>10} "
              f"{false_n:>6} {hung:>4} {'yes' if complete else 'NO':>8} {f'{contained}/{answered}':>8}", flush=True)


if __name__ == "__main__":
    main()
