"""Time the symbolic statics: regimes and regime maps of trigame's models.

Run from the repository root::

    python benchmarks/bench_regimes.py [--repeat R] [--maps]

For each model, ``regimes`` (all equilibria with simplified conditions) is timed cold -- in a fresh process
state for the model, so SymPy's caches are as a first call finds them -- and the time is set against the
issue's budget (5 s for QuasiAlliance and the simultaneous ChinaReaction) and against one scalar numeric
solve of the model at its defaults (the ratio says how many point solves one symbolic analysis costs).
With ``--maps`` the regime maps are timed too (the simultaneous ChinaReaction's map, 7 free parameters and
2x2x2 closed forms, takes tens of seconds).  No peer library computes symbolic regimes, so there is no
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
}
BUDGET = {"QuasiAlliance": 5.0, "ChinaReaction(simultaneous=True)": 5.0}

_CHILD = """
import sys, time, json
import trigame.models as models
from trigame.statics.symbolic import regimes, regime_map
cls = getattr(models, sys.argv[1]); options = json.loads(sys.argv[2]); what = sys.argv[3]
target = cls(**options) if options else cls
start = time.perf_counter()
result = regimes(target) if what == "regimes" else regime_map(target)
elapsed = time.perf_counter() - start
instance = cls(**options)
t0 = time.perf_counter(); instance.equilibria(); point = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "count": len(result), "point": point}))
"""


def run(model: str, options: dict[str, Any], what: str) -> dict[str, float]:
    """Time one call in a fresh interpreter (cold caches), returning seconds, result size and one point solve."""
    import json

    out = subprocess.run([sys.executable, "-c", _CHILD, model, json.dumps(options), what], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per model (median reported)")
    parser.add_argument("--maps", action="store_true", help="also time regime_map")
    args = parser.parse_args()
    kinds = ["regimes", "regime_map"] if args.maps else ["regimes"]
    print(f"{'model':36} {'call':11} {'seconds (median)':>17} {'items':>6} {'point solve s':>14} "
          f"{'ratio':>8} {'budget':>8}")
    for label, (name, options) in MODELS.items():
        for what in kinds:
            runs = [run(name, options, what) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            point = statistics.median(r["point"] for r in runs)
            budget = BUDGET.get(label) if what == "regimes" else None
            verdict = "" if budget is None else (f"<{budget:g} ok" if seconds < budget else f">{budget:g} SLOW")
            print(f"{label:36} {what:11} {seconds:17.3f} {int(runs[0]['count']):6d} {point:14.4f} "
                  f"{seconds / point:8.0f} {verdict:>8}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - start:.1f} s")
