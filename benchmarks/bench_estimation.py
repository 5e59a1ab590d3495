"""Benchmark: parameter recovery of structural estimation on simulated crisis data.

For each of three designs, ``--sets`` data sets of ``--n`` observations are simulated from
known coefficients with :func:`trigame.estimation.simulate` (covariates drawn N(0, 1) with
``numpy.random.default_rng``) and fitted with :func:`trigame.estimation.estimate`; the table
shows, per coefficient, how often the true value lies inside the 95% Wald interval (the
issue asks for at least 90 of 100), the mean estimate and its bias, and the time per fit.

* ``egame12`` -- the two-step deterrence game of the R package ``games`` (Signorino 2003):
  u11 = b0 + b1 x, u13 = 0, u14 = b2, u24 = g0 + g1 z; logit agent error.
* ``TargetSelection`` -- trigame's sequential model (North Korea attacks Japan, South Korea
  or no one; the other ally joins or stays out): North Korea's gains and the allies'
  costs of staying out as linear indices; logit agent error.
* ``QuasiAlliance`` -- trigame's strategic model (Cha's quasi-alliance, 2x2): the two
  domestic costs as linear indices; logit QRE (principal branch).

Run::

    python benchmarks/bench_estimation.py [--sets 100] [--n 500] [--seed 0] [--designs egame12 ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
import sympy as sp

from trigame.estimation import estimate, simulate
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import QuasiAlliance, TargetSelection

u11, u13, u14, u24 = sp.symbols("u11 u13 u14 u24")
EGAME12 = GameTree(Decision("1", {
    "sq": Terminal((u11, 0)),
    "esc": Decision("2", {"cap": Terminal((u13, 0)), "war": Terminal((u14, u24))}),
}))

DESIGNS: dict[str, dict[str, Any]] = {
    "egame12": {
        "model": EGAME12,
        "covariates": {"u11": ["1", "x"], "u14": "1", "u24": ["1", "z"]},
        "fixed": {"u13": 0},
        "truth": [0.5, 1.0, -1.0, 0.3, 1.0],
    },
    "TargetSelection": {
        "model": TargetSelection,
        "covariates": {"gain_attack_japan": ["1", "x"], "gain_attack_rok": "1",
                       "stay_out_cost_rok": ["1", "z"], "stay_out_cost_japan": "1"},
        "fixed": None,
        "truth": [2.0, 1.0, 3.5, 1.5, 0.5, 1.0],
    },
    "QuasiAlliance": {
        "model": QuasiAlliance,
        "covariates": {"domestic_cost_japan": ["1", "x"], "domestic_cost_rok": ["1", "z"]},
        "fixed": {"fear_japan": 0.5, "fear_rok": 0.5, "security_value": 3, "unreciprocated_cost": 1},
        "truth": [0.5, 1.0, 1.0, -1.0],
    },
}


def run(name: str, sets: int, n: int, seed: int) -> None:
    design = DESIGNS[name]
    truth = np.array(design["truth"])
    inside = np.zeros(len(truth))
    estimates = []
    seconds = []
    failed = 0
    names: list[str] = []
    for r in range(sets):
        rng = np.random.default_rng([seed, r])
        data = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
        options = {"covariates": design["covariates"], "fixed": design["fixed"]}
        data["y"] = simulate(design["model"], data, truth, seed=int(rng.integers(2**31)), **options)
        start = time.perf_counter()
        fit = estimate(design["model"], data, outcome="y", **options)
        seconds.append(time.perf_counter() - start)
        if not (fit.converged and fit.identified):
            failed += 1
        ci = fit.conf_int()
        inside += (ci["lower"].to_numpy() <= truth) & (truth <= ci["upper"].to_numpy())
        estimates.append(fit.params.to_numpy())
        names = list(fit.params.index)
    mean = np.mean(estimates, axis=0)
    print(f"\n{name}: {sets} data sets of {n} observations; mean {np.mean(seconds):.2f} s per fit, "
          f"{failed} not converged or not identified")
    print(f"| {'coefficient':<28} | true  | inside 95% CI | mean estimate | bias   |")
    print(f"|{'-' * 30}|-------|---------------|---------------|--------|")
    for k, label in enumerate(names):
        print(f"| {label:<28} | {truth[k]:5.2f} | {int(inside[k]):>3} / {sets:<7} | {mean[k]:13.3f} | "
              f"{mean[k] - truth[k]:+6.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=100)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--designs", nargs="+", default=list(DESIGNS), choices=list(DESIGNS))
    args = parser.parse_args()
    for name in args.designs:
        run(name, args.sets, args.n, args.seed)


if __name__ == "__main__":
    main()
