"""Structural estimation: fit a game's parameters to observed outcomes (the agent error model).

:func:`estimate` writes a model's parameters as linear functions of
covariates in a pandas DataFrame and fits them by maximum likelihood, the
outcome probabilities being those of the agent quantal response equilibrium
of each observation's game (logit or probit errors).  :func:`simulate` draws
outcomes from the same model, for Monte Carlo studies and for checking that a
specification recovers its parameters.
"""

from __future__ import annotations

from trigame.estimation.fit import estimate, identification
from trigame.estimation.result import EstimationResult
from trigame.estimation.simulate import simulate

__all__ = ["EstimationResult", "estimate", "identification", "simulate"]
