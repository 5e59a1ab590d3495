"""Symbolic comparative statics: regimes, thresholds, derivatives and regime maps.

Everything here starts from the model's one payoff definition evaluated on
SymPy symbols (:meth:`trigame.models.Model.symbolic_game`) and the exact
symbolic solvers: the closed forms of 2x2 and 2x2x2 games
(:mod:`trigame.solve.nash.closed_form`) for strategic-form models, and piecewise
backward induction (:func:`trigame.solve.subgame_perfect.subgame_perfect`) for sequential ones.

* :func:`regimes` -- every equilibrium as expressions in the parameters, each
  with the simplified condition under which it exists
  (:mod:`trigame.statics.regime_set`, which also states which parameters are
  free and how conditions are simplified);
* :func:`threshold` -- the boundary where an equilibrium appears or vanishes,
  solved for one parameter, and :func:`derivative` -- how an equilibrium's
  probabilities, payoffs or outcome probabilities move with a parameter, and
  the sign of that movement (:mod:`trigame.statics.thresholds`);
* :func:`regime_map` -- the distinct equilibrium *sets* and where each holds,
  with vectorised labels for grids and the boundary curves of a 2-D slice
  (:mod:`trigame.statics.regime_maps`).

This module gathers their public names in one place.

Examples
--------
Where a regime's boundary lies, and which way an equilibrium moves there
(the regimes themselves are shown in :mod:`trigame.statics.regime_set`):

>>> from trigame.models import QuasiAlliance
>>> cha = {"threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}  # Cha's setting
>>> rs = regimes(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1, "domestic_cost_rok": 2, **cha})
>>> threshold(rs, 0, "fear_rok").condition
(fear_japan >= 1/3) & (fear_rok >= 2/3)
"""

from __future__ import annotations

from trigame.statics.regime_maps import MapEntry, RegimeMap, regime_map
from trigame.statics.regime_set import Regime, RegimeSet, regimes
from trigame.statics.thresholds import QUANTITIES as QUANTITIES
from trigame.statics.thresholds import SIGNS as SIGNS
from trigame.statics.thresholds import Derivative, SignResult, Threshold, derivative, threshold

__all__ = [
    "Derivative",
    "MapEntry",
    "Regime",
    "RegimeMap",
    "RegimeSet",
    "SignResult",
    "Threshold",
    "derivative",
    "regime_map",
    "regimes",
    "threshold",
]
