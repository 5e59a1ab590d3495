"""Comparative statics: how equilibria change with a model's parameters.

* Symbolic, from the one payoff definition with SymPy symbols
  (:mod:`trigame.statics.symbolic` gathers them): :func:`regimes` -- every
  equilibrium as expressions in the parameters with the conditions under which
  it exists (:mod:`~trigame.statics.regime_set`); :func:`threshold` -- where an
  equilibrium appears or vanishes, and :func:`derivative` -- how it moves, with
  its sign (:mod:`~trigame.statics.thresholds`); :func:`regime_map` -- the
  distinct equilibrium sets and where each holds
  (:mod:`~trigame.statics.regime_maps`).
* Numerical, on grids of parameter values (:mod:`trigame.statics.sweep`):
  :func:`sweep` -- the equilibria at every grid point, vectorised where the
  model allows, with labels, tidy tables and region maps.
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported eagerly (it needs only NumPy): the submodule and the function share the name "sweep", and
# a lazy export would be shadowed by the submodule as soon as trigame.statics.sweep is imported.
from trigame.statics.sweep import sweep

__all__ = ["derivative", "regime_map", "regimes", "sweep", "threshold"]

# The symbolic layer is loaded on first use.  Its modules are not named after the functions, so
# importing one never shadows a function here.
_LAZY = {
    "regimes": "trigame.statics.regime_set",
    "threshold": "trigame.statics.thresholds",
    "derivative": "trigame.statics.thresholds",
    "regime_map": "trigame.statics.regime_maps",
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'trigame.statics' has no attribute {name!r}")
