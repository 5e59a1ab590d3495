"""Comparative statics: how equilibria change with a model's parameters.

* Symbolic, from the one payoff definition with SymPy symbols
  (:mod:`trigame.statics.symbolic`): :func:`regimes` -- every equilibrium as
  expressions in the parameters with the conditions under which it exists;
  :func:`threshold` -- where an equilibrium appears or vanishes;
  :func:`derivative` -- how it moves, with its sign; :func:`regime_map` -- the
  distinct equilibrium sets and where each holds.
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

_LAZY = {
    "regimes": "trigame.statics.symbolic",
    "threshold": "trigame.statics.symbolic",
    "derivative": "trigame.statics.symbolic",
    "regime_map": "trigame.statics.symbolic",
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'trigame.statics' has no attribute {name!r}")
