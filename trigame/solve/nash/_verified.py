"""Verified equilibria from exact candidates given in integers: the result builder of small fast paths.

:func:`trigame.solve.nash._common.build_set` takes candidate profiles as Fractions or
floats, validates them and derives each strategy's integers over a common denominator
for the exact check of :mod:`trigame.verify.nash`.  Solvers that already hold those
integers (a vertex ``X / d``, a closed-form root ``N / M``) hand them over directly:
:func:`verified_equilibria` runs the same exact check on them and builds the same
equilibria, payoffs and order as ``build_set`` (``tests/test_small_games_fast.py`` pins
the two against each other), without the round trip through Fractions.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import IntegerProfile, deviations_on
from trigame.results import Equilibrium
from trigame.solve.nash._common import DEDUP_TOL, float_payoffs
from trigame.verify.nash import _exact_verdict

__all__ = ["IntegerCandidate", "frozen_floats", "frozen_fractions", "verified_equilibria"]

#: One candidate: per player, the integers ``X`` (nonnegative, not all zero) and their sum ``d``.
IntegerCandidate = list[tuple[list[int], int]]


def verified_equilibria(game: NormalFormGame, profiles: list[IntegerCandidate]) -> tuple[list[Equilibrium], int]:
    """:func:`~trigame.solve.nash._common.build_set` on exact candidates given in integers.

    Each profile comes as integers ``X`` with ``d = sum(X)`` per player (the strategy ``X / d``),
    which is what the exact check of :mod:`trigame.verify.nash` works on; the equilibria,
    payoffs, order and dropped candidates are those of ``build_set``.  Returns the equilibria and
    the number of candidates that failed the check.
    """
    found: list[Equilibrium] = []
    supports: list[tuple[tuple[int, ...], ...]] = []
    keys: list[tuple[int, list[float]]] = []
    exact = game.kind == "exact"
    dropped = 0
    for profile in profiles:
        fractions = tuple(frozen_fractions(X, d) for X, d in profile) if exact else ()
        ok, exact_payoffs = _exact_verdict(game, IntegerProfile(fractions, [X for X, _ in profile],
                                                                [d for _, d in profile]), with_payoffs=exact)
        if not ok:  # pragma: no cover - the solvers that use this hand over equilibria only
            dropped += 1
            continue
        checked: tuple[np.ndarray, ...]
        payoffs: tuple[Any, ...]
        if exact:
            checked, payoffs = fractions, tuple(exact_payoffs)
        else:
            checked = tuple(frozen_floats([x / d for x in X]) for X, d in profile)
            payoffs = tuple(float(np.dot(v, s)) for v, s in zip(deviations_on(float_payoffs(game), checked),
                                                                 checked))
        eq = Equilibrium._owning(checked, payoffs, game.players, game.strategies, exact=exact)
        support = tuple(tuple(k for k, x in enumerate(X) if x) for X, _ in profile)
        if any(support == other_support and eq.isclose(other, DEDUP_TOL)
               for other, other_support in zip(found, supports)):
            continue
        found.append(eq)
        supports.append(support)
        keys.append((sum(len(k) for k in support), [-float(p) for v in checked for p in v.tolist()]))
    return [eq for _, eq in sorted(zip(keys, found), key=lambda pair: pair[0])], dropped


def frozen_fractions(X: list[int], d: int) -> np.ndarray:
    """``X / d`` as a read-only object array of Fractions."""
    vector = np.empty(len(X), dtype=object)
    vector[:] = [Fraction(x, d) for x in X]
    vector.flags.writeable = False
    return vector


def frozen_floats(values: list[float]) -> np.ndarray:
    """A read-only float64 array."""
    vector = np.array(values, dtype=np.float64)
    vector.flags.writeable = False
    return vector
