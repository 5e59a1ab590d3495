"""Independent checks of equilibria, written from the definitions and apart from the solvers.

* :mod:`~trigame.verify.nash` -- Nash equilibria of strategic-form games
  (:func:`is_nash`, :func:`regret`, :func:`best_responses`), and the tolerance
  every check and solver shares (:func:`validate_tol`);
* :mod:`~trigame.verify.bayesian` -- Bayesian Nash equilibria of Bayesian games
  (:func:`is_bayesian_nash`, :func:`bayesian_regret`): no type of any player gains
  by another action, given its conditional beliefs about the others' types;
* :mod:`~trigame.verify.assessments` -- perfect Bayesian equilibria of game trees
  and signalling games (:func:`check_assessment`, :func:`is_perfect_bayesian`):
  sequential rationality given the beliefs, and Bayes' rule wherever it applies.

Exact games are checked exactly (rational arithmetic); float games with a
tolerance relative to each player's payoff range.
"""

from __future__ import annotations

from typing import Any

from trigame.verify.nash import MAX_TOL as MAX_TOL
from trigame.verify.nash import PROBABILITY_TOL as PROBABILITY_TOL
from trigame.verify.nash import (
    as_profile,
    best_responses,
    deviation_payoffs,
    is_nash,
    normalized_payoffs,
    player_scales,
    reduced_integer_payoffs,
    regret,
    validate_tol,
)
from trigame.verify.nash import check_bimatrix_profiles as check_bimatrix_profiles
from trigame.verify.nash import check_game as check_game
from trigame.verify.nash import check_profile as check_profile
from trigame.verify.nash import float_payoffs as float_payoffs

__all__ = [
    "as_profile",
    "bayesian_regret",
    "best_responses",
    "check_assessment",
    "deviation_payoffs",
    "is_bayesian_nash",
    "is_nash",
    "is_perfect_bayesian",
    "normalized_payoffs",
    "player_scales",
    "reduced_integer_payoffs",
    "regret",
    "validate_tol",
]

# The checks of incomplete-information games load the tree and Bayesian games: served on first use.
_LAZY = {"check_assessment": "assessments", "is_perfect_bayesian": "assessments",
         "bayesian_regret": "bayesian", "is_bayesian_nash": "bayesian"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"trigame.verify.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'trigame.verify' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
