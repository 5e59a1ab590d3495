"""Verified equilibria from exact candidates given in integers: the result builder of small fast paths.

:func:`trigame.solve.nash._common.build_set` takes candidate profiles as Fractions or
floats, validates them and derives each strategy's integers over a common denominator
for the exact check of :mod:`trigame.verify.nash`.  Solvers that already hold those
integers (a vertex ``X / d``, a closed-form root ``N / M``) hand them over directly as
:class:`~trigame.verify._candidates.IntegerCandidate` profiles: :func:`verified_set`
runs the same exact check on them, one by one on the integers, and keeps the equilibria
with the bookkeeping of ``build_set`` (:class:`~trigame.solve.nash._common.Collected`:
the same equilibria, payoffs, order and notes; ``tests/test_small_games_fast.py`` pins
the two against each other), without the round trip through Fractions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import IntegerProfile, deviations_on
from trigame.results import Equilibrium, EquilibriumSet
from trigame.solve.nash._common import Collected, float_payoffs, reduced_key
from trigame.verify._candidates import IntegerCandidate, object_vector, read_only
from trigame.verify.nash import _exact_verdict

__all__ = ["IntegerCandidate", "verified_set"]

#: A candidate in integers: an :class:`IntegerCandidate`, or any sequence of ``(X, d)`` per player.
Integers = Sequence[tuple[list[int], int]]


def _collect(game: NormalFormGame, profiles: Iterable[Integers]) -> Collected:
    """Check each profile ``X / d`` exactly on its integers and keep the equilibria (:class:`Collected`)."""
    collected = Collected()
    exact = game.kind == "exact"
    for profile in profiles:
        fractions = tuple(object_vector([Fraction(x, d) for x in X]) for X, d in profile) if exact else ()
        ok, exact_payoffs = _exact_verdict(game, IntegerProfile(fractions, [X for X, _ in profile],
                                                                [d for _, d in profile]), with_payoffs=exact)
        if not ok:  # pragma: no cover - the solvers that use this hand over equilibria only
            collected.dropped += 1
            continue
        support = tuple(tuple(k for k, x in enumerate(X) if x) for X, _ in profile)
        if exact:
            key = reduced_key(profile)
            if not collected.has_exact(key, support, fractions):
                eq = Equilibrium._owning(fractions, tuple(exact_payoffs), game.players, game.strategies, exact=True)
                collected.add_exact(eq, support, key)
            continue
        checked = tuple(read_only(np.array([x / d for x in X], dtype=np.float64)) for X, d in profile)
        payoffs: tuple[Any, ...] = tuple(float(np.dot(v, s)) for v, s in
                                         zip(deviations_on(float_payoffs(game), checked), checked))
        collected.add(Equilibrium._owning(checked, payoffs, game.players, game.strategies, exact=False), support)
    return collected


def verified_set(game: NormalFormGame, profiles: Iterable[Integers], *, method: str, complete: bool,
                 degenerate: bool = False, notes: Sequence[str] = (),
                 game_degenerate: bool | None = None) -> EquilibriumSet:
    """``build_set(game, profiles, ...)`` for exact candidates given in integers.

    Each profile comes as integers ``X`` with ``d = sum(X)`` per player (the strategy ``X / d``),
    which is what the exact check of :mod:`trigame.verify.nash` works on; the equilibria,
    payoffs, order, dropped candidates and notes are those of
    :func:`~trigame.solve.nash._common.build_set`.
    """
    return _collect(game, profiles).result(game, method=method, complete=complete, degenerate=degenerate,
                                           notes=notes, game_degenerate=game_degenerate)
