"""Benchmark of trigame.statics.sweep: a 3-player model on a 1000 x 1000 grid, and a 10^7-point sweep's memory.

Run from the repository root::

    python benchmarks/bench_sweep.py [--side 1000] [--big 10000000] [--tree-side 40] [--skip-big]
                                     [--repeat 3] [--sequential-only]

Prints (every time is the CPU time of the process that does the work, so that other jobs on a shared
machine inflate it less than wall-clock time)

* the time of ``sweep(ChinaReaction(simultaneous=True), ...)`` over its headline
  parameters on a ``side x side`` grid on one core (target: under 10 s for
  1000 x 1000), next to the scalar solver's time per point extrapolated to the
  grid (the ratio is the speed-up of the vectorised route);
* the peak resident memory of a sweep of ``--big`` points, measured in a fresh
  process with ``resource.getrusage`` (target: under 2 GB for 10^7 points),
  keeping every equilibrium (payoffs stored or, the default beyond
  ``KEEP_PAYOFFS_UP_TO`` points, not) and under a selection rule;
* the sequential models TargetSelection and ChinaReaction (perfect information) and
  LateralPressure (two simultaneous 2x2 stages; at its defaults, and with values at
  which both stages have a mixed equilibrium), every subgame-perfect equilibrium at
  each point, over their headline parameters on a ``side x side`` grid (target: at
  most 20 us per point for 1000 x 1000), by backward induction vectorised over the
  grid, next to the point-by-point route (the scalar solver at every point, the
  route before) on a ``tree-side x tree-side`` grid over the same ranges, per point;
  both in CPU time, interleaved (``--repeat`` runs of each, medians), with the load
  average printed before and after.  ``--sequential-only`` runs this part alone.

The machine and the versions are printed first.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIG = """
import json, resource, sys, time
import numpy as np
from trigame.models import ChinaReaction
from trigame.statics import sweep
n, selection, keep = int(sys.argv[1]), sys.argv[2], {"auto": None, "yes": True, "no": False}[sys.argv[3]]
side = int(round(n ** 0.5))
start = time.process_time()
r = sweep(ChinaReaction(simultaneous=True), {"backing_value": np.linspace(0.01, 4, side),
          "backing_cost": np.linspace(0.01, 4, n // side)}, selection=selection, keep_payoffs=keep,
          max_memory=4 * 2**30)  # the estimate with the payoffs stored is just over the 2 GiB default budget
elapsed = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
print(json.dumps({"points": int(np.prod(r.shape)), "seconds": elapsed, "peak_bytes": peak,
                  "sets": len(r.label_set), "K": int(r.probabilities.shape[-3]), "kept": r._payoff is not None}))
"""

#: (selection, keep_payoffs) of the 10^7-point runs.
BIG_RUNS = (("all", "auto"), ("all", "yes"), ("first", "auto"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10_000_000)
    parser.add_argument("--tree-side", type=int, default=40)
    parser.add_argument("--skip-big", action="store_true", help="leave out the 10^7-point memory runs")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs of each sequential sweep")
    parser.add_argument("--sequential-only", action="store_true", help="only the sequential models' sweeps")
    args = parser.parse_args()

    from trigame.models import ChinaReaction, LateralPressure, TargetSelection
    from trigame.statics import sweep

    print(_machine())
    # (label, model) of the sequential sweeps: two perfect-information trees, and LateralPressure (two 2x2
    # simultaneous stages) at its defaults and with values at which both stages have a mixed equilibrium
    SEQUENTIAL = (("TargetSelection", TargetSelection()), ("ChinaReaction", ChinaReaction()),
                  ("LateralPressure", LateralPressure()),
                  ("LateralPressure (g=3.5, k_J=2, k_K=2.5: mixed stages)",
                   LateralPressure(cooperation_gain=3.5, domestic_cost_japan=2, domestic_cost_rok=2.5)))

    if not args.sequential_only:
        _simultaneous_and_memory(args, sweep)

    print(f"Sequential models, every subgame-perfect equilibrium, over their headline parameters "
          f"(linspace(0.01, 4) each), CPU time, one core; the vectorised sweep and the point-by-point route "
          f"interleaved, medians of {args.repeat} runs; load average before: {_load()}")
    for label, model in SEQUENTIAL:
        cls = type(model)
        x, y = cls.headline
        grid = {x: np.linspace(0.01, 4, args.side), y: np.linspace(0.01, 4, args.side)}
        side = args.tree_side
        small = {x: np.linspace(0.01, 4, side), y: np.linspace(0.01, 4, side)}
        sweep(model, {x: grid[x][:5], y: grid[y][:5]})  # warm up
        fast_times, plain_times = [], []
        for _ in range(args.repeat):
            start = time.process_time()
            fast = sweep(model, grid)
            fast_times.append((time.process_time() - start) / args.side**2)
            with _point_by_point():
                start = time.process_time()
                plain = sweep(model, small)
                plain_times.append((time.process_time() - start) / side**2)
        same = sweep(model, small)  # the vectorised route on the small grid, compared with the point-by-point one
        agree = (same.label_set == plain.label_set and np.array_equal(same.label_codes, plain.label_codes)
                 and np.array_equal(same.payoffs, plain.payoffs, equal_nan=True)
                 and np.array_equal(same.probabilities, plain.probabilities, equal_nan=True))
        per_point, pointwise = float(np.median(fast_times)), float(np.median(plain_times))
        mixed = int(np.any((fast.probabilities > 0) & (fast.probabilities < 1), axis=(-1, -2, -3)).sum())
        print(f"  {label}, {args.side} x {args.side} = {args.side**2:,} points: {per_point * 1e6:.2f} us per point "
              f"({per_point * args.side**2:.2f} s); point by point {pointwise * 1e6:.0f} us per point "
              f"({side} x {side} grid); ratio {pointwise / per_point:.0f} x; "
              f"{len(fast.label_set)} equilibrium sets, {int(fast.degenerate.sum()):,} points with a continuum, "
              f"{mixed:,} with a mixed equilibrium; "
              f"same answer as point by point on the {side} x {side} grid: {agree}")
        print(f"    note: {fast.notes[0]}")
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _simultaneous_and_memory(args: Any, sweep: Any) -> None:
    """The strategic-form ChinaReaction sweep and the 10^7-point memory runs."""
    from trigame.models import ChinaReaction

    model = ChinaReaction(simultaneous=True)
    x, y = ChinaReaction.headline
    grid = {x: np.linspace(0.01, 4, args.side), y: np.linspace(0.01, 4, args.side)}
    sweep(model, {x: grid[x][:10], y: grid[y][:10]})  # warm up imports
    start = time.process_time()
    result = sweep(model, grid)
    vectorised = time.process_time() - start
    points = args.side**2

    rng = np.random.default_rng(0)
    sample = [(float(a), float(b)) for a, b in rng.uniform(0.01, 4, size=(200, 2))]
    start = time.process_time()
    for a, b in sample:
        model.replace(**{x: a, y: b}).equilibria()
    scalar = (time.process_time() - start) / len(sample)

    print(f"ChinaReaction (simultaneous, 2x2x2) over {x} x {y}, {args.side} x {args.side} = {points:,} points, "
          "one core")
    print(f"  sweep (vectorised, CPU):   {vectorised:8.2f} s   ({vectorised / points * 1e6:.2f} us per point)")
    print(f"  scalar equilibria():       {scalar * points:8.0f} s   extrapolated ({scalar * 1e6:.0f} us per point)")
    print(f"  ratio scalar / sweep:      {scalar * points / vectorised:8.0f} x")
    print(f"  distinct equilibrium sets: {len(result.label_set)}")

    for selection, keep in () if args.skip_big else BIG_RUNS:
        out = subprocess.run([sys.executable, "-c", BIG, str(args.big), selection, keep], capture_output=True,
                             text=True, check=True, cwd=ROOT)
        big = json.loads(out.stdout)
        print(f"Sweep of {big['points']:,} points, selection={selection!r}, keep_payoffs={keep} (payoffs "
              f"{'stored' if big['kept'] else 'not stored'}; K = {big['K']} equilibria per point), fresh process")
        print(f"  CPU time:                  {big['seconds']:8.2f} s")
        print(f"  peak resident memory:      {big['peak_bytes'] / 2**30:8.2f} GiB")


@contextlib.contextmanager
def _point_by_point() -> Any:
    """The scalar subgame-perfect solver at every grid point (the route before the vectorised one)."""
    run = importlib.import_module("trigame.statics.sweep._run")
    from trigame.statics.sweep._points import _solve_points

    original = run._solve_tree
    run._solve_tree = _solve_points
    try:
        yield
    finally:
        run._solve_tree = original


def _machine() -> str:
    import trigame

    return (f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {np.__version__}, trigame {trigame.__version__}")


if __name__ == "__main__":
    main()
