"""Result objects: what solvers return, with the guarantees they carry.

* :mod:`trigame.results.equilibrium` -- :class:`Equilibrium` and :class:`EquilibriumSet`
  (strategic-form Nash equilibria), and :class:`ResultSet`, the base of every set;
* :mod:`trigame.results.subgame_perfect` -- :class:`SubgamePerfectEquilibrium` and
  :class:`SubgamePerfectSet` (game trees).
"""

from __future__ import annotations

from trigame.results.bayesian import BayesianEquilibrium, BayesianEquilibriumSet
from trigame.results.equilibrium import Equilibrium, EquilibriumSet, ResultSet
from trigame.results.equilibrium import _json_number as _json_number
from trigame.results.perfect_bayesian import BeliefSet, PerfectBayesianEquilibrium, PerfectBayesianSet
from trigame.results.subgame_perfect import SubgamePerfectEquilibrium, SubgamePerfectSet

__all__ = ["BayesianEquilibrium", "BayesianEquilibriumSet", "BeliefSet",
           "Equilibrium", "EquilibriumSet", "PerfectBayesianEquilibrium", "PerfectBayesianSet",
           "ResultSet", "SubgamePerfectEquilibrium", "SubgamePerfectSet"]
