"""Benchmark of trigame.statics.sweep: a 3-player model on a 1000 x 1000 grid, and a 10^7-point sweep's memory.

Run from the repository root::

    python benchmarks/bench_sweep.py [--side 1000] [--big 10000000] [--tree-side 40] [--skip-big]

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
* the sequential models TargetSelection and ChinaReaction (every subgame-perfect
  equilibrium at each point) over their headline parameters on a ``side x side``
  grid (target: at most 20 us per point for 1000 x 1000), by backward induction
  vectorised over the grid, next to the point-by-point route (the scalar solver at
  every point, the route before) on a ``tree-side x tree-side`` grid over the same
  ranges, extrapolated per point; both in CPU time, in the same run.

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
    args = parser.parse_args()

    from trigame.models import ChinaReaction, TargetSelection
    from trigame.statics import sweep

    print(_machine())

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

    print("Sequential models, every subgame-perfect equilibrium, over their headline parameters "
          "(linspace(0.01, 4) each), CPU time, one core")
    for cls in (TargetSelection, ChinaReaction):
        x, y = cls.headline
        grid = {x: np.linspace(0.01, 4, args.side), y: np.linspace(0.01, 4, args.side)}
        sweep(cls, {x: grid[x][:5], y: grid[y][:5]})  # warm up
        start = time.process_time()
        fast = sweep(cls, grid)
        vectorised = time.process_time() - start
        side = args.tree_side
        small = {x: np.linspace(0.01, 4, side), y: np.linspace(0.01, 4, side)}
        with _point_by_point():
            start = time.process_time()
            plain = sweep(cls, small)
            pointwise = (time.process_time() - start) / side**2
        same = sweep(cls, small)  # the vectorised route on the small grid, compared with the point-by-point one
        agree = (same.label_set == plain.label_set and np.array_equal(same.label_codes, plain.label_codes)
                 and np.array_equal(same.payoffs, plain.payoffs, equal_nan=True))
        per_point = vectorised / args.side**2
        print(f"  {cls.__name__}, {args.side} x {args.side} = {args.side**2:,} points: {vectorised:.2f} s "
              f"({per_point * 1e6:.2f} us per point); point by point {pointwise * 1e6:.0f} us per point "
              f"({side} x {side} grid); ratio {pointwise / per_point:.0f} x; "
              f"{len(fast.label_set)} equilibrium sets, {int(fast.degenerate.sum()):,} points with a continuum; "
              f"same answer as point by point on the {side} x {side} grid: {agree}")
        print(f"    note: {fast.notes[0]}")


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
