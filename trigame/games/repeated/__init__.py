"""Infinitely repeated games with perfect monitoring: the game, automaton strategies, exact SPE checks.

* :mod:`trigame.games.repeated.automaton` -- :class:`Automaton` and the builders
  :func:`grim_trigger`, :func:`tit_for_tat`, :func:`forgiving_trigger`,
  :func:`carrot_and_stick`;
* :mod:`trigame.games.repeated.game` -- :class:`RepeatedGame`: values of a profile,
  the exact one-shot deviation check over every reachable automaton state, and
  the exact discount thresholds of subgame perfection and of Nash equilibrium;
* ``_machine`` and ``_conditions`` -- private helpers: the joint automaton of a
  profile with the values of its paths, and the exact conditions on δ.

The payoff sets (minmax values, the feasible hull, the folk-theorem region and the
pure-action subgame-perfect payoff set) are computed by :mod:`trigame.solve.repeated`.
"""

from __future__ import annotations

from trigame.games.repeated.automaton import (
    Automaton,
    carrot_and_stick,
    forgiving_trigger,
    grim_trigger,
    tit_for_tat,
)
from trigame.games.repeated.game import OneShotDeviation, RepeatedGame

__all__ = [
    "Automaton",
    "OneShotDeviation",
    "RepeatedGame",
    "carrot_and_stick",
    "forgiving_trigger",
    "grim_trigger",
    "tit_for_tat",
]
