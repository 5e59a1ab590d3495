"""Time the full regime map of every shipped model, by decision procedure, with the sets left unproved.

Run from the repository root::

    python benchmarks/bench_regime_maps.py [--timeout S] [--baseline DIR] [--models A,B] [--methods auto] [--counts]

For each model of ``trigame.models.MODELS`` (and the simultaneous ChinaReaction), ``regime_map`` is run with
every parameter free, in a fresh interpreter per run (cold caches), once per decision procedure of
:class:`trigame.statics.decision.domain.Domain`: ``elimination`` (Fourier--Motzkin on a linear relaxation and
a sampled witness, incomplete), ``nlsat`` (z3's complete procedure) and ``auto`` (the default). The CPU time
includes ``regimes`` (shown on its own below each row), and the sets' labels of every run are compared (a hash
of the sorted labels). ``--baseline DIR`` adds a column for another copy of the package (``DIR/trigame``, e.g.
an earlier commit exported with ``git archive``), run with its own default. Times are CPU seconds of the child
process (``time.process_time``: the machine's other load inflates wall time, not this) and wall seconds; a run
that passes ``--timeout`` wall seconds is stopped and shown as ``> S``. "unproved" counts the sets whose
nonemptiness was not proved (``not entry.certain``). The ratio is the default's CPU time over the baseline's
(or the elimination's). No peer library computes regime maps, so there is no peer column. ``--counts`` prints,
per run, the CPU seconds of the partition (:func:`trigame.statics.decision.partition.partition`), its decision
tree's nodes and leaves, and the nlsat queries it asked (and those of ``regimes`` and the map together).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from typing import Any

_CHILD = """
import json, sys, time
method, name, options = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
import trigame.models as models
from trigame.statics.regime_maps import regime_map
if method != "baseline":
    from trigame.statics.decision import domain
    init = domain.Domain.__init__
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.method = method
    domain.Domain.__init__ = patched
cls = getattr(models, name)
target = cls(**options) if options else cls
import hashlib
from trigame.statics import regime_maps
from trigame.statics.decision import nlsat
from trigame.statics.regime_set import regimes
counts = {"queries": 0}
decide = nlsat.decide
def counted(*args, **kwargs):
    counts["queries"] += 1
    return decide(*args, **kwargs)
nlsat.decide = counted
cut = regime_maps.partition
def partition(*args, **kwargs):
    start, asked = time.process_time(), counts["queries"]
    leaves, tree = cut(*args, **kwargs)
    stack, nodes = [tree], 0
    while stack:
        node = stack.pop()
        nodes += 1
        if isinstance(node, tuple):
            stack.extend(node[1].values())
    counts.update(partition=time.process_time() - start, map_queries=counts["queries"] - asked, nodes=nodes,
                  leaves=len(leaves))
    return leaves, tree
regime_maps.partition = partition
cpu, wall = time.process_time(), time.perf_counter()
found = regimes(target)
cpu_regimes = time.process_time() - cpu
result = regime_map(found)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
labels = hashlib.sha256("\\n".join(sorted(e.label for e in result)).encode()).hexdigest()[:12]
print(json.dumps({"cpu": cpu, "wall": wall, "sets": len(result), "unproved": sum(not e.certain for e in result),
                  "free": len(result.parameters), "regimes": cpu_regimes, "labels": labels, **counts}))
"""


def run(method: str, name: str, options: dict[str, Any], timeout: float, path: str | None) -> dict[str, Any] | None:
    """One fresh-process run; None when it passed the timeout."""
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = path + os.pathsep + env.get("PYTHONPATH", "")
    try:
        out = subprocess.run([sys.executable, "-c", _CHILD, method, name, json.dumps(options)],
                             capture_output=True, text=True, timeout=timeout, env=env, cwd=path or os.getcwd())
    except subprocess.TimeoutExpired:
        return None
    if out.returncode:
        last = (out.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last.split(":")[0].rsplit(".", 1)[-1]}  # e.g. a model regime_map does not support
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cell(r: dict[str, Any] | None, timeout: float) -> str:
    if r is None:
        return f"{'> ' + format(timeout, 'g'):>8} {'':>7} {'':>5} {'':>8}"
    if "error" in r:
        return f"{r['error'][-31:]:>31}"
    return f"{r['cpu']:8.2f} {r['wall']:7.2f} {r['sets']:5d} {r['unproved']:8d}"


def main() -> None:
    import trigame
    import trigame.models as models

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120.0, help="wall seconds per run before it is stopped")
    parser.add_argument("--baseline", default=None, help="a directory holding another copy of the trigame package")
    parser.add_argument("--models", default=None, help="comma-separated model names (default: all shipped)")
    parser.add_argument("--methods", default="elimination,nlsat,auto",
                        help="comma-separated decision procedures among elimination, nlsat, auto (default: all)")
    parser.add_argument("--counts", action="store_true",
                        help="print the partition's CPU time, nodes, leaves and nlsat queries of each run")
    args = parser.parse_args()
    cases = [(name, {}) for name in models.MODELS]
    cases.insert(cases.index(("ChinaReaction", {})) + 1, ("ChinaReaction", {"simultaneous": True}))
    if args.models:
        wanted = set(args.models.split(","))
        cases = [c for c in cases if c[0] in wanted]
    try:
        import z3

        z3_version = z3.get_version_string()
    except ImportError:
        z3_version = "not installed"
    print(f"trigame {trigame.__version__}, z3 {z3_version}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    chosen = [m for m in ("elimination", "nlsat", "auto") if m in args.methods.split(",")]
    if "auto" not in chosen:
        parser.error("--methods must include auto (the default procedure, whose time the ratio reports)")
    methods = (["baseline"] if args.baseline else []) + chosen
    header = f"{'model':34}" + "".join(f" | {m + ': cpu s':>17} {'wall s':>7} {'sets':>5} {'unproved':>8}"
                                      for m in methods)
    print(header + " | ratio")
    for name, options in cases:
        label = name + ("(simultaneous=True)" if options else "")
        results = {m: run(m, name, options, args.timeout, args.baseline if m == "baseline" else None)
                   for m in methods}
        reference = results.get("baseline") or results.get("elimination")
        default = results["auto"]
        compared = "baseline" in results or "elimination" in results
        if not compared or default is None or "error" in default or (reference is not None and "error" in reference):
            ratio = "-"
        elif reference is None:
            ratio = f"< {default['cpu'] / args.timeout:.3f}"
        else:
            ratio = f"{default['cpu'] / reference['cpu']:.2f}"
        print(f"{label:34}" + "".join(f" | {'':9}{_cell(results[m], args.timeout)}" for m in methods)
              + f" | {ratio}", flush=True)
        done = {m: r for m, r in results.items() if r is not None and "labels" in r}
        if len(done) < 2:
            verdict = "n/a (fewer than two runs finished)"
        elif len({r["labels"] for r in done.values()}) == 1:
            verdict = "the same"
        else:
            verdict = "DIFFER: " + ", ".join(f"{m} {r['labels']}" for m, r in done.items())
        print(f"{'':34}   regimes CPU s: " + (", ".join(f"{m} {r['regimes']:.2f}" for m, r in done.items()) or "n/a")
              + "; sets' labels " + verdict, flush=True)
        if args.counts:
            for m, r in done.items():
                print(f"{'':34}   {m}: partition CPU s {r['partition']:.2f}, nodes {r['nodes']}, leaves {r['leaves']}, "
                      f"nlsat queries {r['map_queries']} (regimes and map: {r['queries']})", flush=True)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - start:.1f} s")
