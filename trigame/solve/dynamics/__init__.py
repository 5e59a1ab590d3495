"""Evolutionary and learning dynamics of strategic-form games, and evolutionary stability.

* :func:`replicator_dynamics` -- one population playing a symmetric two-player game;
  :func:`asymmetric_replicator_dynamics` -- one population per player
  (:mod:`~trigame.solve.dynamics.replicator`, integrated by ``scipy.integrate``);
* :func:`best_response_dynamics` -- populations moving toward a best response, with
  exact switch times (:mod:`~trigame.solve.dynamics.best_response`);
* :func:`is_evolutionarily_stable`, :func:`is_neutrally_stable` and
  :func:`evolutionary_stability` -- exact tests for symmetric two-player games
  (:mod:`~trigame.solve.dynamics.ess`).

Each returns a value from :mod:`trigame.results.dynamics`.
"""

from __future__ import annotations

from trigame.solve.dynamics.best_response import best_response_dynamics
from trigame.solve.dynamics.ess import evolutionary_stability, is_evolutionarily_stable, is_neutrally_stable
from trigame.solve.dynamics.replicator import asymmetric_replicator_dynamics, replicator_dynamics

__all__ = [
    "asymmetric_replicator_dynamics",
    "best_response_dynamics",
    "evolutionary_stability",
    "is_evolutionarily_stable",
    "is_neutrally_stable",
    "replicator_dynamics",
]
