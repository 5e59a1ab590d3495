"""Benchmark: ``tg.batch.equilibria`` on 10^6 random 2x2 and 2x2x2 games, against peers solving one game at a time.

Timed in the same run:

* trigame batch on ``--n`` random games with standard-normal payoffs (generic), for
  2x2 and for 2x2x2 games; the best of ``--repeat`` runs, per game;
* the degenerate path: 2x2x2 games with payoffs in {0, 1, 2} (over 90% of them have
  ties that matter and are re-solved exactly, vectorised in Python integers), per game;
* the cost per game as the batch grows: 10^4, 10^5 and 10^6 random games (``--scaling``), CPU time of the
  best of several runs, for 2x2 and 2x2x2 games (goal: constant from 10^4 to 10^6);
* peers on the first ``--sample`` games of the same batch, one game at a time:
  QuantEcon ``support_enumeration``, pygambit ``enummixed_solve`` (float and rational),
  nashpy ``support_enumeration`` for 2x2 games; pygambit ``enumpoly_solve`` for 2x2x2
  games, in a worker process with a timeout (it loops forever on some games).

Times are the CPU time of this process (other jobs on a shared machine inflate them less than wall-clock
time), except Gambit's ``enumpoly``, which runs in a worker process and is timed by the wall clock.
For each peer the table gives the time per game, the ratio peer / trigame batch, and on
how many sample games the peer's set of equilibria differs from trigame's ("wrong":
missing or extra equilibria; "hung": no answer within the timeout).  Sample games with
small integer payoffs are also compared, where ties make peers miss equilibria.

Run::

    python benchmarks/bench_batch.py [--n 1000000] [--sample 300] [--repeat 3] [--scaling 10000 100000 1000000]
                                     [--quick]

The machine and the versions are printed first.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trigame as tg

Profiles = list[np.ndarray]  # one array of first-strategy probabilities per equilibrium


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _first(vectors: Any) -> np.ndarray:
    return np.array([float(v[0]) for v in vectors])


def _peers_2x2() -> dict[str, Callable[[np.ndarray], Profiles] | None]:
    qe, gbt, nash = _optional("quantecon"), _optional("pygambit"), _optional("nashpy")
    peers: dict[str, Callable[[np.ndarray], Profiles] | None] = {}
    if qe is None:
        peers["quantecon SE"] = None
    else:
        def quantecon(P: np.ndarray) -> Profiles:
            game = qe.game_theory.NormalFormGame((qe.game_theory.Player(P[0].astype(float)),
                                                  qe.game_theory.Player(P[1].T.astype(float))))
            return [_first(eq) for eq in qe.game_theory.support_enumeration(game)]

        quantecon(np.ones((2, 2, 2)))  # compile numba outside the timings
        peers["quantecon SE"] = quantecon
    for rational in (False, True):
        name = f"gambit enummixed {'rational' if rational else 'float'}"
        if gbt is None:
            peers[name] = None
            continue

        def gambit(P: np.ndarray, rational: bool = rational) -> Profiles:
            A, B = (P[0].tolist(), P[1].tolist()) if rational else (P[0].astype(float), P[1].astype(float))
            game = gbt.Game.from_arrays(A, B)
            return [np.array([float(eq[next(iter(p.strategies))]) for p in game.players])
                    for eq in gbt.nash.enummixed_solve(game, rational=rational).equilibria]

        peers[name] = gambit
    if nash is None:
        peers["nashpy SE"] = None
    else:
        def nashpy(P: np.ndarray) -> Profiles:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return [_first(eq) for eq in nash.Game(P[0].astype(float), P[1].astype(float)).support_enumeration()]

        peers["nashpy SE"] = nashpy
    return peers


def _same(found: Profiles, reference: Profiles, tol: float = 1e-6) -> bool:
    return len(found) == len(reference) and all(any(np.allclose(a, b, atol=tol) for b in reference) for a in found) \
        and all(any(np.allclose(a, b, atol=tol) for a in found) for b in reference)


def _ours(res: tg.batch.BatchEquilibria, g: int) -> Profiles:
    return [res.probabilities[g, k] for k in range(int(res.count[g]))]


def _time_batch(P: np.ndarray, repeat: int) -> tuple[float, tg.batch.BatchEquilibria]:
    best, res = np.inf, None
    for _ in range(repeat):
        start = time.process_time()
        res = tg.batch.equilibria(P)
        best = min(best, time.process_time() - start)
    assert res is not None
    return best / len(P), res


def _report(label: str, ours: float, rows: list[tuple[str, float | None, int, int, int]]) -> None:
    print(f"  {label}: trigame batch {ours * 1e6:.3f} us/game")
    print(f"    {'peer':<28} {'us/game':>10} {'ratio':>9} {'wrong':>6} {'hung':>5} {'of':>5}")
    for name, t, wrong, hung, n in rows:
        if t is None:
            print(f"    {name:<28} {'n/a':>10}")
        else:
            print(f"    {name:<28} {t * 1e6:>10.1f} {t / ours:>9.0f} {wrong:>6} {hung:>5} {n:>5}")


def _peer_rows(peers: dict[str, Any], P: np.ndarray, res: tg.batch.BatchEquilibria,
               sample: int) -> list[tuple[str, float | None, int, int, int]]:
    rows = []
    for name, solver in peers.items():
        if solver is None:
            rows.append((name, None, 0, 0, 0))
            continue
        start = time.process_time()
        found = [solver(P[g]) for g in range(sample)]
        elapsed = (time.process_time() - start) / sample
        wrong = sum(not _same(f, _ours(res, g)) for g, f in enumerate(found))
        rows.append((name, elapsed, wrong, 0, sample))
    return rows


def _machine() -> str:
    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}"]
    for name in ("pygambit", "nashpy", "quantecon"):
        module = _optional(name)
        versions.append(f"{name} {getattr(module, '__version__', '?')}" if module is not None else f"{name} n/a")
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; " + ", ".join(
        versions)


def _scaling(sizes: list[int], rng: np.random.Generator) -> None:
    """CPU time per game of one batch of each size (best of several runs): flat from 10^4 to 10^6 games."""
    print("Cost per game as the batch grows (CPU time, best of runs; standard-normal payoffs):")
    for label, shape in (("2x2", (2, 2, 2)), ("2x2x2", (3, 2, 2, 2))):
        games = rng.normal(size=(max(sizes), *shape))
        row = []
        for n in sizes:
            best = np.inf
            for _ in range(max(2, min(30, 10**6 // n))):
                start = time.process_time()
                tg.batch.equilibria(games[:n])
                best = min(best, time.process_time() - start)
            row.append(f"10^{round(np.log10(n))}: {best / n * 1e6:.3f}")
        print(f"  {label:<6} us/game  " + "   ".join(row))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10**6, help="games per batch (default 10^6)")
    parser.add_argument("--sample", type=int, default=300, help="games solved by each peer (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="batch runs, the best is shown (default 3)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds before enumpoly counts as hung")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--scaling", type=int, nargs="*", default=[10**4, 10**5, 10**6],
                        help="batch sizes of the cost-per-game table (default 10^4 10^5 10^6)")
    args = parser.parse_args(argv)
    if args.quick:
        args.n, args.sample, args.repeat, args.timeout, args.scaling = 2000, 5, 1, 2.0, [1000, 10000]
    rng = np.random.default_rng(args.seed)
    tg.batch.equilibria(rng.normal(size=(10, 3, 2, 2, 2)))  # imports and tables outside the timings
    print(_machine())
    if args.scaling:
        _scaling(args.scaling, rng)

    print(f"tg.batch: {args.n} random games per batch (best of {args.repeat}); peers on {args.sample} of them; "
          "ratio = peer time / trigame time; wrong = peer's set differs from trigame's")

    # ---- 2x2
    P = rng.normal(size=(args.n, 2, 2, 2))
    ours, res = _time_batch(P, args.repeat)
    counts = np.bincount(res.count.ravel())
    print(f"2x2, standard-normal payoffs: equilibria per game {dict(enumerate(counts.tolist()))}, "
          f"degenerate {int(res.degenerate.sum())}")
    sample = min(args.sample, args.n)
    peers = _peers_2x2()
    _report("2x2 generic", ours, _peer_rows(peers, P, res, sample))
    Pi = rng.integers(-2, 3, size=(args.n, 2, 2, 2))
    ours_i, res_i = _time_batch(Pi, args.repeat)
    print(f"2x2, integer payoffs in [-2, 2]: degenerate {res_i.degenerate.mean():.0%}, "
          f"continuum {res_i.continuum.mean():.0%}")
    _report("2x2 small integers (ties)", ours_i, _peer_rows(peers, Pi, res_i, sample))

    # ---- 2x2x2
    P3 = rng.normal(size=(args.n, 3, 2, 2, 2))
    ours3, res3 = _time_batch(P3, args.repeat)
    counts3 = np.bincount(res3.count.ravel())
    print(f"2x2x2, standard-normal payoffs: equilibria per game {dict(enumerate(counts3.tolist()))}, "
          f"degenerate {int(res3.degenerate.sum())}, exact path {int(res3.exact_path.sum())}")
    rows = []
    if _optional("pygambit") is None:
        rows.append(("gambit enumpoly", None, 0, 0, 0))
    else:
        from tests._peers import gambit_enumpoly

        sample3 = min(args.sample, args.n)
        start = time.perf_counter()
        found = gambit_enumpoly(P3[:sample3], timeout=args.timeout)
        elapsed = time.perf_counter() - start
        hung = sum(f is None for f in found)
        # hung games cost the timeout; the time per game is over the games that finished
        finished = elapsed - hung * args.timeout
        wrong = sum(f is not None and not _same([_first(v) for v in f], _ours(res3, g)) for g, f in enumerate(found))
        rows.append(("gambit enumpoly", finished / max(sample3 - hung, 1), wrong, hung, sample3))
    _report("2x2x2 generic", ours3, rows)

    # ---- the degenerate path
    D = rng.integers(0, 3, size=(max(args.n // 100, 100), 3, 2, 2, 2))
    ours_d, res_d = _time_batch(D, 1)
    exact = res_d.exact_path.mean()
    print(f"2x2x2, integer payoffs in {{0, 1, 2}} ({len(D)} games): {exact:.0%} solved on the exact path, "
          f"degenerate {res_d.degenerate.mean():.0%}, continuum {res_d.continuum.mean():.0%}; "
          f"{ours_d * 1e6:.0f} us/game overall, {ours_d / max(exact, 1e-9) * 1e3:.2f} ms per exact-path game")


if __name__ == "__main__":
    main()
