"""Benchmark: trigame's Lemke-Howson against nashpy's and QuantEcon's on random n x n games.

The same games for every solver: for each size ``n`` and seed ``s = 0 .. repeat-1``,
``rng = numpy.random.default_rng(s)``, then ``A = rng.uniform(0, scale, (n, n))`` and
``B = rng.uniform(0, scale, (n, n))`` (``scale`` = 1e6 by default: the payoffs on
which trigame's former float path cycled).  One path per game, from dropped label 0:

* trigame ``lemke_howson(game, initial_dropped_label=0)`` (float game; the time
  includes building the game and the independent Nash check of the end point);
* QuantEcon ``game_theory.lemke_howson(g, init_pivot=0, full_output=True)`` (numba,
  compiled before the timings; its own budget ``max_iter`` = 10^6 pivots);
* nashpy ``Game(A, B).lemke_howson(initial_dropped_label=0)``, in a forked worker
  process killed after ``--timeout`` seconds (nashpy has no pivot bound and does not
  return on some games); once it times out on every game of a size, larger sizes are
  skipped.

trigame and QuantEcon are timed alternately ``--timings`` times on each game (t, q, t, q,
...: the machine's load hits both alike) and each one's median is kept.  Each cell gives
the mean of those per game over the games the solver answered, the ratio peer / trigame
(below 1: the peer is faster), and a verdict per game: ``=`` the peer's end point is trigame's (a
nondegenerate game has one path per label, so the equilibria and the pivot counts must
agree), ``!=`` a different equilibrium, ``x`` not an equilibrium (``tg.is_nash`` with
its default tolerance) or no answer, ``t`` timed out.  Pivot counts are printed for
trigame and QuantEcon.

Run::

    python benchmarks/bench_lemke_howson.py [--sizes 10 50 200] [--repeat 3] [--timings 5] [--scale 1e6] [--timeout 20]
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing as mp
import os
import platform
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trigame as tg
from trigame.solve.nash.lemke_howson import lemke_howson


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _game(n: int, seed: int, scale: float) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, scale, (n, n)), rng.uniform(0, scale, (n, n))


def _ours(A: np.ndarray, B: np.ndarray) -> tuple[float, Any, int]:
    start = time.perf_counter()
    eqs = lemke_howson(tg.NormalFormGame.from_arrays(A, B), initial_dropped_label=0)
    elapsed = time.perf_counter() - start
    (pivots,) = [int(m.group(1)) for note in eqs.notes if (m := re.match(r"pivots: (\d+)", note))]
    return elapsed, [np.asarray(v, dtype=float) for v in eqs[0].strategies], pivots


def _quantecon(qe: Any, A: np.ndarray, B: np.ndarray) -> tuple[float, Any, int]:
    start = time.perf_counter()
    game = qe.game_theory.NormalFormGame((qe.game_theory.Player(A), qe.game_theory.Player(B.T)))
    profile, result = qe.game_theory.lemke_howson(game, init_pivot=0, full_output=True)
    elapsed = time.perf_counter() - start
    return elapsed, list(profile) if result.converged else None, int(result.num_iter)


def _nashpy_worker(conn: Any, A: np.ndarray, B: np.ndarray) -> None:
    import nashpy

    warnings.simplefilter("ignore")
    start = time.perf_counter()
    try:
        x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
        conn.send((time.perf_counter() - start, [np.asarray(x, dtype=float), np.asarray(y, dtype=float)]))
    except Exception:  # nashpy fails on some games; that counts as no answer
        conn.send((time.perf_counter() - start, None))


def _nashpy(A: np.ndarray, B: np.ndarray, timeout: float) -> tuple[float, Any] | None:
    """nashpy's end point in a forked worker; None when it has not answered within ``timeout`` seconds."""
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_nashpy_worker, args=(send, A, B), daemon=True)
    proc.start()
    answered = receive.poll(timeout)
    result = receive.recv() if answered else None
    if proc.is_alive():
        proc.kill()
    proc.join()
    return result


def _verdict(game: tg.NormalFormGame, profile: Any, reference: Any) -> str:
    if profile is None:
        return "x"
    x, y = (np.asarray(v, dtype=float) for v in profile)
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y)) and x.sum() > 0 and y.sum() > 0):
        return "x"
    x, y = x / x.sum(), y / y.sum()
    if not tg.is_nash(game, [x, y]):
        return "x"
    same = np.allclose(x, reference[0], atol=1e-6) and np.allclose(y, reference[1], atol=1e-6)
    return "=" if same else "!="


def _cell(times: list[float], ours: float, verdicts: list[str]) -> str:
    if not times:
        return f"n/a ({' '.join(verdicts)})"
    mean = sum(times) / len(times)
    return f"{mean:.3g} s ({mean / ours:.2g}x; {' '.join(verdicts)})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeat", type=int, default=3, help="games per size (seeds 0 .. repeat-1)")
    parser.add_argument("--timings", type=int, default=5,
                        help="alternating timings of trigame and QuantEcon per game; the medians are kept")
    parser.add_argument("--scale", type=float, default=1e6, help="payoffs uniform in [0, scale)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before nashpy counts as not answering")
    args = parser.parse_args(argv)

    qe, nash = _optional("quantecon"), _optional("nashpy")
    if qe is not None:
        _quantecon(qe, *_game(3, 0, 1.0))  # compile numba outside the timings
    _ours(*_game(3, 0, 1.0))  # first-call imports outside the timings
    numba = _optional("numba")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, trigame {tg.__version__}, "
          f"quantecon {getattr(qe, '__version__', 'n/a')}, nashpy {getattr(nash, '__version__', 'n/a')}, "
          f"numba {getattr(numba, '__version__', 'n/a')}")
    print(f"Lemke-Howson from label 0, random n x n games, payoffs uniform in [0, {args.scale:g}), "
          f"{args.repeat} game(s) per size, median of {args.timings} alternating timings per game")
    print("time per game; ratio peer / trigame; per game: = same end point as trigame, != another "
          "equilibrium, x no equilibrium or no answer, t timed out")
    print(f"| {'n':>3} | {'trigame':<10} | {'pivots (trigame)':<24} | {'quantecon':<28} | "
          f"{'pivots (quantecon)':<24} | nashpy")
    nashpy_skipped = nash is None
    for n in args.sizes:
        ours_times, our_pivots, qe_times, qe_pivots, qe_verdicts = [], [], [], [], []
        nash_times, nash_verdicts = [], []
        for seed in range(args.repeat):
            A, B = _game(n, seed, args.scale)
            game = tg.NormalFormGame.from_arrays(A, B)
            ours_runs, qe_runs = [], []
            for _ in range(args.timings):  # alternately, so that the load hits both alike
                elapsed, reference, pivots = _ours(A, B)
                ours_runs.append(elapsed)
                if qe is not None:
                    elapsed, profile, qe_pivot_count = _quantecon(qe, A, B)
                    qe_runs.append(elapsed)
            ours_times.append(statistics.median(ours_runs))
            our_pivots.append(pivots)
            if qe is not None:
                qe_times.append(statistics.median(qe_runs))
                qe_pivots.append(qe_pivot_count)
                qe_verdicts.append(_verdict(game, profile, reference))
            if not nashpy_skipped:
                answer = _nashpy(A, B, args.timeout)
                if answer is None:
                    nash_verdicts.append("t")
                else:
                    nash_times.append(answer[0])
                    nash_verdicts.append(_verdict(game, answer[1], reference))
        ours = sum(ours_times) / len(ours_times)
        qe_cell = _cell(qe_times, ours, qe_verdicts) if qe is not None else "n/a"
        if nash is None:
            nash_cell = "n/a"
        elif nashpy_skipped:
            nash_cell = "skipped"
        else:
            nash_cell = _cell(nash_times, ours, nash_verdicts)
            nashpy_skipped = all(v == "t" for v in nash_verdicts)
        print(f"| {n:>3} | {ours:<10.3g} | {', '.join(map(str, our_pivots)):<24} | {qe_cell:<28} | "
              f"{', '.join(map(str, qe_pivots)):<24} | {nash_cell}", flush=True)


if __name__ == "__main__":
    main()
