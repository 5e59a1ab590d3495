"""Payoff sets of repeated games: minmax values, the feasible set, the folk-theorem region, SPE payoffs.

* :mod:`trigame.solve.repeated.minmax` -- pure and mixed minmax values, exactly
  (the mixed ones through the Nash equilibria of a team game);
* :mod:`trigame.solve.repeated.payoff_sets` -- the convex hull of the stage
  payoffs, the folk-theorem region, and the pure-action subgame-perfect payoff
  set of a two-player repeated game by the Abreu--Sannikov iteration;
* ``_polygon`` -- convex polygons, exact or in floats.

The exact one-shot deviation check and the discount thresholds of a profile of
automata are computations on the game itself:
:class:`trigame.games.repeated.RepeatedGame`.
"""

from __future__ import annotations

from trigame.solve.repeated.minmax import minmax, minmax_point
from trigame.solve.repeated.payoff_sets import equilibrium_payoffs, feasible_set, folk_region

__all__ = ["equilibrium_payoffs", "feasible_set", "folk_region", "minmax", "minmax_point"]
