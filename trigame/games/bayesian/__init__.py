"""Finite Bayesian games: incomplete information as a common prior over types (Harsanyi 1967-68).

* :mod:`trigame.games.bayesian.game` -- :class:`BayesianGame`, the checked game
  (players, types, a correlated or independent prior, actions per type,
  payoffs), substitution and symmetry;
* :mod:`trigame.games.bayesian.harsanyi` -- its complete-information forms:
  the Harsanyi tree, the strategic form in type-contingent strategies and
  Selten's type-agent form, and interim payoffs of a behaviour profile;
* :mod:`trigame.games.bayesian.from_tree` -- the way back: a Harsanyi tree
  (e.g. a Gambit ``.efg`` file) read as a Bayesian game;
* ``_input`` -- reading and checking what the user wrote.

The Bayesian Nash equilibria are computed by
:func:`trigame.solve.bayesian.bayesian_equilibria`.
"""

from __future__ import annotations

from trigame.games.bayesian.game import BayesianGame

__all__ = ["BayesianGame"]
