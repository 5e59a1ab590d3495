"""Time the symbolic statics: regimes and regime maps of trigame's models.

Run from the repository root::

    python benchmarks/bench_regimes.py [--repeat R] [--maps]

For each model, ``regimes`` (all equilibria with simplified conditions) is timed cold -- in a fresh process
state for the model, so SymPy's caches are as a first call finds them -- and the time is set against the
issue's budget (5 s for QuasiAlliance and the simultaneous ChinaReaction) and against one scalar numeric
solve of the model at its defaults (the ratio says how many point solves one symbolic analysis costs).
With ``--maps`` the regime maps are timed too (all parameters free, except for LateralPressure and
TargetSelection, whose maps are taken over two parameters), with the number of equilibrium sets whose
nonemptiness could not be proved and the time of ``labels`` on a 1000 x 1000 grid of the first two free
parameters.  No peer library computes symbolic regimes, so there is no
peer column.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from typing import Any

MODELS = {
    "QuasiAlliance": ("QuasiAlliance", {}),
    "AllianceSecurityDilemma": ("AllianceSecurityDilemma", {}),
    "ChinaReaction(simultaneous=True)": ("ChinaReaction", {"simultaneous": True}),
    "ChinaReaction": ("ChinaReaction", {}),
    "LateralPressure": ("LateralPressure", {}),
    "TargetSelection": ("TargetSelection", {}),
}
BUDGET = {"QuasiAlliance": 5.0, "ChinaReaction(simultaneous=True)": 5.0}
#: Parameters fixed for the regime maps of the models with many parameters (every one free in ``regimes``).
MAP_FIXED = {
    "LateralPressure": {"cooperation_gain": 2, "domestic_cost_japan": 1, "domestic_cost_rok": 3, "us_gain": 3},
    "TargetSelection": {"join_cost_japan": 1, "stay_out_cost_japan": 2, "join_cost_rok": 3, "stay_out_cost_rok": 2,
                        "bilateral_war_cost": 1, "multilateral_war_cost": 3, "war_loss_japan": 1,
                        "war_loss_rok": 1},
}

_CHILD = """
import sys, time, json
import trigame.models as models
from trigame.statics.regime_maps import regime_map
from trigame.statics.regime_set import regimes
cls = getattr(models, sys.argv[1]); options = json.loads(sys.argv[2]); what = sys.argv[3]
fixed = json.loads(sys.argv[4]) or None
target = cls(**options) if options else cls
start = time.perf_counter()
result = regimes(target) if what == "regimes" else regime_map(target, fixed=fixed)
elapsed = time.perf_counter() - start
uncertain = sum(not e.certain for e in result) if what == "regime_map" else 0
instance = cls(**options)
t0 = time.perf_counter(); instance.equilibria(); point = time.perf_counter() - t0
grid = 0.0
if what == "regime_map":
    import numpy as np
    free = result.parameters[:2]
    axis = np.linspace(0, 6, 1000)
    x, y = np.meshgrid(axis, axis)
    t0 = time.perf_counter(); result.labels(**{free[0]: x, free[1]: y}); grid = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "count": len(result), "point": point, "uncertain": uncertain, "grid": grid}))
"""


def run(model: str, options: dict[str, Any], what: str, fixed: dict[str, Any] | None = None) -> dict[str, float]:
    """Time one call in a fresh interpreter (cold caches): seconds, result size, one point solve; for maps the
    number of sets whose nonemptiness is not proved and the time of labels() on a 1000 x 1000 grid."""
    import json

    out = subprocess.run([sys.executable, "-c", _CHILD, model, json.dumps(options), what, json.dumps(fixed or {})],
                         check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per model (median reported)")
    parser.add_argument("--maps", action="store_true", help="also time regime_map")
    args = parser.parse_args()
    kinds = ["regimes", "regime_map"] if args.maps else ["regimes"]
    print(f"{'model':36} {'call':11} {'seconds (median)':>17} {'items':>6} {'point solve s':>14} "
          f"{'ratio':>8} {'budget':>8} {'uncertain':>9} {'labels 1e6 s':>12}")
    for label, (name, options) in MODELS.items():
        for what in kinds:
            fixed = MAP_FIXED.get(label) if what == "regime_map" else None
            runs = [run(name, options, what, fixed) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            point = statistics.median(r["point"] for r in runs)
            budget = BUDGET.get(label) if what == "regimes" else None
            verdict = "" if budget is None else (f"<{budget:g} ok" if seconds < budget else f">{budget:g} SLOW")
            extra = (f" {int(runs[0]['uncertain']):9d} {statistics.median(r['grid'] for r in runs):12.3f}"
                     if what == "regime_map" else "")
            print(f"{label + (' (2 free)' if fixed else ''):36} {what:11} {seconds:17.3f} {int(runs[0]['count']):6d} "
                  f"{point:14.4f} {seconds / point:8.0f} {verdict:>8}{extra}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - start:.1f} s")
