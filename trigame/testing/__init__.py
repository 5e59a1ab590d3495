"""Property-based verification for users: hypothesis strategies for games and models, and checkers.

Test your own models and solvers the way trigame tests its own.  The strategies
draw the objects of game theory:

* :func:`games` -- strategic-form games, with integer, fractional or float
  payoffs, and degenerate or nondegenerate on request;
* :func:`profiles` -- mixed-strategy profiles of a game;
* :func:`model_instances` -- valid instances of a :class:`trigame.models.Model`,
  drawn from each parameter's domain;
* :func:`trees` -- game trees with decision, chance and simultaneous-move stages;
* :func:`bayesian_games`, :func:`signaling_games` -- small games of incomplete information.

Brute-force oracles (:mod:`trigame.testing.oracles`) enumerate the pure equilibria of
small games of incomplete information: :func:`pure_perfect_bayesian`, :func:`pure_bayesian_nash`.

The checkers turn the definitions into assertions with readable messages:

* :func:`assert_nash` -- who gains how much by which deviation;
* :func:`assert_subgame_perfect` -- the same, in every subgame of a tree;
* :func:`check_solver` -- the standard properties of an equilibrium solver
  (Nash condition, invariance under positive affine payoff changes and under
  relabelling of strategies and players, agreement with a reference solver);
* :func:`assert_same_equilibria` / :func:`same_equilibria` -- equilibrium sets
  compared with a tolerance.

Examples
--------
>>> from hypothesis import given, settings
>>> import trigame as tg
>>> from trigame.testing import assert_nash, games
>>> @settings(max_examples=10)
... @given(games(n_players=2, n_strategies=(2, 3), degenerate=True))
... def test_support_enumeration(game):
...     for eq in tg.equilibria(game, method="support"):
...         assert_nash(game, eq)
>>> test_support_enumeration()

Hypothesis is a core dependency of trigame; ``import trigame`` does not load
this module (``trigame.testing`` is imported on first use).
"""

from __future__ import annotations

from trigame.testing.checkers import (
    assert_nash,
    assert_same_equilibria,
    assert_subgame_perfect,
    check_invariance,
    same_equilibria,
)
from trigame.testing.incomplete import bayesian_games, signaling_games
from trigame.testing.oracles import PureAssessment, pure_bayesian_nash, pure_perfect_bayesian
from trigame.testing.solver_check import PROPERTIES as PROPERTIES
from trigame.testing.solver_check import SolverCheckError, SolverReport, check_solver
from trigame.testing.strategies import FLOAT_GRID as FLOAT_GRID
from trigame.testing.strategies import FLOAT_SEPARATION as FLOAT_SEPARATION
from trigame.testing.strategies import MAX_BOUND as MAX_BOUND
from trigame.testing.strategies import MAX_DENOMINATOR as MAX_DENOMINATOR
from trigame.testing.strategies import games, profiles
from trigame.testing.structured import model_instances, trees

__all__ = [
    "PureAssessment",
    "SolverCheckError",
    "SolverReport",
    "assert_nash",
    "assert_same_equilibria",
    "assert_subgame_perfect",
    "bayesian_games",
    "check_invariance",
    "check_solver",
    "games",
    "model_instances",
    "profiles",
    "pure_bayesian_nash",
    "pure_perfect_bayesian",
    "same_equilibria",
    "signaling_games",
    "trees",
]
