"""Independent verification of Nash equilibria.

These functions check a strategy profile directly against the definition of a
Nash equilibrium -- no player gains by a unilateral deviation -- without using
any solver.  For an exact profile (ints, Fractions, strategy labels) the check
is exact, also on a float game, whose payoffs are the binary rationals they
are; for a float profile it is done in floating point with a tolerance relative
to each player's own payoff range (:func:`~trigame.games.scaling.player_scales`):
a regret of player ``i`` is accepted when it is at most ``tol`` times
``max u_i - min u_i``.  The verdicts are therefore unchanged when one player's
payoffs are multiplied by a positive number or shifted by a constant (up to
round-off), and a player whose payoffs are all equal is indifferent among
everything.

The tolerance belongs to the check, so :func:`validate_tol` and ``MAX_TOL`` live
here and solvers that verify their candidates take them from here.  The profile
and payoff computations the checks rest on are properties of the game and live
in :mod:`trigame.games.profiles` and :mod:`trigame.games.scaling`; their names
stay importable from this module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import short_repr, to_float
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import PROBABILITY_TOL as PROBABILITY_TOL  # re-exported for existing importers
from trigame.games.profiles import (
    IntegerProfile,
    Profile,
    as_profile,
    deviation_payoffs,
    deviations_on,
    exact_vectors,
    integer_deviations,
    integer_form,
)
from trigame.games.scaling import float_payoffs as float_payoffs  # re-exported for existing importers
from trigame.games.scaling import normalized_payoffs, player_scales, reduced_integer_payoffs
from trigame.verify._batch_nash import check_bimatrix_profiles as check_bimatrix_profiles  # many candidates at once

__all__ = [
    "as_profile",
    "best_responses",
    "deviation_payoffs",
    "is_nash",
    "normalized_payoffs",
    "player_scales",
    "reduced_integer_payoffs",
    "regret",
    "validate_tol",
]

#: Largest accepted ``tol``: a regret of more than a thousandth of a player's payoff range is not round-off.
MAX_TOL = 1e-3


def validate_tol(tol: object, option: str = "tol") -> float:
    """Check a tolerance option: a real number in ``[0, MAX_TOL]`` (it is relative to each player's payoff range).

    Raises
    ------
    ParameterError
        For anything else (negative, NaN, infinite, too large, not a number).
    """
    if isinstance(tol, (bool, np.bool_)) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise ParameterError(f"{option} must be a real number in [0, {MAX_TOL:g}], got {short_repr(tol)}")
    # an integer tolerance can only be 0 (MAX_TOL < 1); larger ones are refused before float() can overflow
    value = float(tol) if not isinstance(tol, (int, np.integer)) or tol == 0 else math.inf
    if not (math.isfinite(value) and 0.0 <= value <= MAX_TOL):
        raise ParameterError(
            f"{option} must be a real number in [0, {MAX_TOL:g}] (relative to each player's payoff range), "
            f"got {short_repr(tol)}"
        )
    return value


def check_game(game: object, what: str = "this function") -> None:
    """Raise :class:`~trigame.errors.UnsupportedGameError` unless ``game`` is a :class:`~trigame.NormalFormGame`."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{what} needs a NormalFormGame, got {type(game).__name__}")


def _evaluate(
    game: NormalFormGame, vectors: tuple[np.ndarray, ...], normalized: bool = False
) -> tuple[list[Any], list[Any], bool, list[np.ndarray]]:
    """Regrets, expected payoffs, exactness and deviation payoffs of a validated profile.

    With ``normalized``, a profile that cannot be checked exactly is evaluated
    on :func:`normalized_payoffs` (regrets as fractions of each player's range).
    """
    if game.kind == "symbolic":
        raise UnsupportedGameError(
            "equilibrium checks need numeric payoffs; substitute values with game.subs(...) first"
        )
    exact_profile = all(v.dtype == object for v in vectors)
    exact = game.kind == "exact" and exact_profile
    if normalized and game.kind == "float" and exact_profile:
        # an exact profile of a float game is checked exactly on the binary rationals the floats are
        exact = True
        values = deviations_on(reduced_integer_payoffs(game), vectors)
    else:
        values = deviation_payoffs(game, vectors, normalized=normalized and not exact)
    regrets, payoffs = [], []
    for v, s in zip(values, vectors):
        if exact:
            current = sum((a * b for a, b in zip(v.tolist(), s.tolist()) if b != 0), Fraction(0))
            regrets.append(max(v.tolist()) - current)
        else:
            v = np.asarray(v, dtype=np.float64)
            current = float(np.dot(v, np.asarray(s, dtype=np.float64)))
            regrets.append(max(0.0, float(np.max(v)) - current))
        payoffs.append(current)
    return regrets, payoffs, exact, values


def _within(regrets: Sequence[Any], exact: bool, tol: float) -> bool:
    """Exact regrets must be 0; normalized float regrets at most ``tol``."""
    if exact:
        return all(r == 0 for r in regrets)
    return all(to_float(r) <= tol for r in regrets)


def _exact_verdict(game: NormalFormGame, profile: IntegerProfile,
                   with_payoffs: bool = True) -> tuple[bool, list[Fraction]]:
    """Exact check of a Fraction profile of a numeric game in integer arithmetic, and the exact payoffs.

    Player ``i`` has no profitable deviation iff ``max_s u_i(s, x_-i) <= u_i(x)``;
    on the common integer multiples of :func:`integer_deviations` (with
    ``x_i = X_i / d_i``) that reads ``max(values_i) * d_i == X_i . values_i``,
    since the left side is never smaller.  The payoffs are
    ``(X_i . values_i) * scale_i / D`` in the game's own units.
    """
    values, total = integer_deviations(game, profile)
    scales = integer_form(game)[1]
    ok = True
    payoffs = []
    for v, X, d, scale in zip(values, profile.ints, profile.dens, scales):
        current = sum(a * b for a, b in zip(v, X) if b)
        ok = ok and max(v) * d == current
        if with_payoffs:
            payoffs.append(Fraction(current, total) * scale)
    return ok, payoffs


def check_profile(
    game: NormalFormGame, profile: Profile, tol: float = 1e-9
) -> tuple[bool, tuple[np.ndarray, ...], tuple[Any, ...]]:
    """Validate ``profile`` once and return (is it a Nash equilibrium, its vectors, its expected payoffs).

    The single pass solvers use to verify candidates; :func:`is_nash` gives the same verdict.
    A plain exact profile (lists of ints and Fractions, as exact solvers build them) of a
    numeric game is checked in integer arithmetic (:func:`_exact_verdict`).
    """
    fast = exact_vectors(game, profile) if game.kind != "symbolic" else None
    if fast is not None:
        ok, exact_payoffs = _exact_verdict(game, fast)
        payoffs = exact_payoffs if game.kind == "exact" else _evaluate(game, fast.vectors)[1]
        return ok, fast.vectors, tuple(payoffs)
    vectors = as_profile(game, profile)
    regrets, payoffs, exact, _ = _evaluate(game, vectors, normalized=True)
    if not (exact and game.kind == "exact"):  # payoffs on a rescaled game: recompute them in the game's own units
        payoffs = _evaluate(game, vectors)[1]
    return _within(regrets, exact, tol), vectors, tuple(payoffs)


def _regrets(
    game: NormalFormGame, profile: Profile, normalized: bool = False
) -> tuple[list[Any], bool, list[np.ndarray], tuple[np.ndarray, ...]]:
    vectors = as_profile(game, profile)
    regrets, _, exact, values = _evaluate(game, vectors, normalized)
    return regrets, exact, values, vectors


def regret(game: NormalFormGame, profile: Profile) -> tuple[Any, ...]:
    """Each player's largest gain from a unilateral deviation (0 at an equilibrium).

    Exact (Fractions) for an exact game and an exact profile, floats otherwise.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.regret(pd, [0, 0])
    (Fraction(2, 1), Fraction(2, 1))
    """
    check_game(game, "regret")
    return tuple(_regrets(game, profile)[0])


def is_nash(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> bool:
    """True when ``profile`` is a Nash equilibrium of ``game``.

    Exact for an exact (int/Fraction/label) profile, on exact games and on float
    games alike (float payoffs are the binary rationals they are).  For a float
    profile a player's regret may be at most ``tol`` times that player's payoff range
    (:func:`player_scales`), so the verdict does not depend on the units of
    anyone's payoffs; ``tol`` is a number in ``[0, 1e-3]``.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.is_nash(pd, [1, 1]), tg.is_nash(pd, [0, 0])
    (True, False)
    """
    check_game(game, "is_nash")
    tol = validate_tol(tol)
    fast = exact_vectors(game, profile) if game.kind != "symbolic" else None
    if fast is not None:
        return _exact_verdict(game, fast, with_payoffs=False)[0]
    regrets, exact, _, _ = _regrets(game, profile, normalized=True)
    return _within(regrets, exact, tol)


def best_responses(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> tuple[tuple[int, ...], ...]:
    """Each player's pure best responses (strategy indices) to the others' strategies in ``profile``.

    Exact for exact profiles (on float games too); for float profiles, strategies within ``tol``
    times the player's payoff range (:func:`player_scales`) of the best one
    count as best responses.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.best_responses(pd, [0, 0])
    ((1,), (1,))
    """
    check_game(game, "best_responses")
    tol = validate_tol(tol)
    _, exact, values, _ = _regrets(game, profile, normalized=True)
    out = []
    for v in values:
        if exact:
            items = v.tolist()
            top = max(items)
            out.append(tuple(k for k, x in enumerate(items) if x == top))
        else:
            v = np.asarray(v, dtype=np.float64)  # in units of the player's payoff range
            out.append(tuple(int(k) for k in np.flatnonzero(v >= np.max(v) - tol)))
    return tuple(out)
