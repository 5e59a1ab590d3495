"""Comparative statics: how equilibria change with a model's parameters.

* Symbolic, from the one payoff definition with SymPy symbols
  (:mod:`trigame.statics.symbolic` gathers them): :func:`regimes` -- every
  equilibrium as expressions in the parameters with the conditions under which
  it exists (:mod:`~trigame.statics.regime_set`); :func:`threshold` -- where an
  equilibrium appears or vanishes, and :func:`derivative` -- how it moves, with
  its sign (:mod:`~trigame.statics.thresholds`); :func:`regime_map` -- the
  distinct equilibrium sets and where each holds
  (:mod:`~trigame.statics.regime_maps`).
* Continuous games (:mod:`trigame.statics.continuous`): :func:`level_regimes` --
  who contributes (the binding pattern) and where; :func:`level_derivatives` --
  how equilibrium levels move, by the implicit function theorem, with signs
  proved on the domains; :func:`level_curves` and :func:`binding_map` --
  levels and binding patterns over a grid.
* Repeated games (:mod:`trigame.statics.repeated`): :func:`repeated_regimes` --
  which strategy profiles are subgame-perfect for which discount factors, as a
  :class:`~trigame.statics.regime_set.RegimeSet` that :func:`threshold` reads.
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

__all__ = ["binding_map", "derivative", "level_curves", "level_derivatives", "level_regimes", "regime_map", "regimes",
           "repeated_regimes", "sweep", "threshold"]

# The symbolic layer is loaded on first use.  Its modules are not named after the functions, so
# importing one never shadows a function here.
_LAZY = {
    "regimes": "trigame.statics.regime_set",
    "threshold": "trigame.statics.thresholds",
    "derivative": "trigame.statics.thresholds",
    "regime_map": "trigame.statics.regime_maps",
    "level_regimes": "trigame.statics.continuous",
    "level_derivatives": "trigame.statics.continuous",
    "level_curves": "trigame.statics.continuous",
    "binding_map": "trigame.statics.continuous",
    "repeated_regimes": "trigame.statics.repeated",
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'trigame.statics' has no attribute {name!r}")
