"""Exact Nash checks of many candidate profiles of one 2-player game at once.

:func:`~trigame.verify.nash.check_profile` checks one profile; a solver that
returns thousands of equilibria (the ``n x n`` coordination game has ``2^n - 1``)
pays its per-call overhead thousands of times.  :func:`check_bimatrix_profiles`
gives the same verdicts, vectors and exact payoffs for a whole list of plain
exact candidates, with the arithmetic of all of them done together.

The check is the definition, in integers.  Write each player's payoffs as
integers times a positive rational, ``u_i = Z_i * scale_i``
(:func:`~trigame.games.profiles.integer_form`), and a candidate as ``x = X / d``
and ``y = Y / e`` with integer ``X, Y >= 0`` summing to ``d, e > 0``.  Then the
row player's pure deviation payoffs times ``e / scale_0`` are ``v = Z_0 Y`` and
the column player's times ``d / scale_1`` are ``w = X Z_1``; the candidate is a
Nash equilibrium iff ``max(v) * d == X . v`` and ``max(w) * e == w . Y`` (the
left sides are never smaller), and its payoffs are ``(X . v) * scale_0 / (d e)``
and ``(w . Y) * scale_1 / (d e)``.

No overflow.  Every partial sum of ``Z_0 Y`` is at most ``max|Z| * e`` in absolute
value (the ``Y`` are nonnegative and sum to ``e``), every partial sum of ``X . v``
and the product ``max(v) * d`` at most ``max|Z| * d * e``, and the same for the
column player.  The candidates with ``max|Z| * d * e < 2^62`` are therefore checked
together in ``int64`` (NumPy's integer matrix products are exact while nothing
overflows), every other one in Python integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import integer_form, plain_exact_vector
from trigame.verify._candidates import INT64_LIMIT, IntegerCandidate, lowest_terms, object_vector

__all__ = ["BatchCheck", "check_bimatrix_profiles"]

_INT = {int}


class BatchCheck(NamedTuple):
    """The verdicts of :func:`check_bimatrix_profiles`, one entry per candidate.

    Attributes
    ----------
    ok : list of bool or None
        Whether the candidate is a Nash equilibrium; None when it is not a plain exact
        profile (see :func:`check_bimatrix_profiles`) and was not checked.
    vectors : list
        The candidate's two strategies as read-only object arrays of Fractions (None when not checked).
    payoffs : list
        The two players' exact expected payoffs as Fractions in the game's own units (None when
        not checked; a float game's payoffs are the binary rationals they are).
    integers : list
        The strategies as ``((X, d), (Y, e))``: integers over their common denominators, the
        denominators the least common multiples of the Fractions' (None when not checked).
    """

    ok: list[bool | None]
    vectors: list[tuple[np.ndarray, np.ndarray] | None]
    payoffs: list[tuple[Fraction, Fraction] | None]
    integers: list[tuple[tuple[list[int], int], tuple[list[int], int]] | None]


def _plain_integers(X: Any, d: Any, size: int,
                    cache: dict[int, dict[int, Fraction]]) -> tuple[list[Fraction], list[int], int] | None:
    """One strategy ``X / d`` given in integers, as :func:`~trigame.games.profiles.plain_exact_vector` returns it.

    ``X`` is brought over its least denominator.
    """
    if (type(d) is not int or not isinstance(X, (list, tuple)) or len(X) != size
            or not set(map(type, X)) <= _INT or d <= 0 or min(X) < 0 or sum(X) != d):
        return None
    X, d = lowest_terms(X, d)
    known = cache.setdefault(d, {})
    for x in X:
        if x not in known:
            known[x] = Fraction(x, d)
    return [known[x] for x in X], list(X), d


def candidate_list(profiles: Any) -> list[Any]:
    """``profiles`` as a list (any iterable of candidates), or a ParameterError naming what was given."""
    if isinstance(profiles, (str, bytes)) or not isinstance(profiles, Iterable):
        raise ParameterError(f"profiles must be a sequence of candidate profiles, got {type(profiles).__name__}")
    return list(profiles)


def check_bimatrix_profiles(game: NormalFormGame, profiles: Sequence[Any]) -> BatchCheck:
    """Check many exact candidate profiles of a 2-player game at once; the verdicts of :func:`check_profile`.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with exact or float payoffs (float payoffs are the binary rationals they are).
    profiles : sequence
        Candidate profiles.  A *plain exact* one -- a list or tuple of two lists, tuples or
        object arrays of the players' sizes, whose entries are Python ints and Fractions,
        nonnegative and summing to 1, or an :class:`~trigame.verify._candidates.IntegerCandidate` -- is checked exactly;
        any other entry (labels, floats, invalid vectors) is left unchecked (``None``) for
        :func:`check_profile`, which validates it and explains what is wrong.

    Returns
    -------
    BatchCheck
        For each plain exact candidate the verdict, vectors and payoffs :func:`check_profile`
        gives it (payoffs as exact Fractions also on float games).

    Raises
    ------
    UnsupportedGameError
        When the game does not have two players or has symbolic payoffs.
    ParameterError
        When ``profiles`` is not an iterable of candidates.

    Examples
    --------
    >>> import trigame as tg
    >>> from fractions import Fraction as F
    >>> bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> check = check_bimatrix_profiles(bos, [[[1, 0], [1, 0]], [[1, 0], [0, 1]],
    ...                                      [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]], [0, 0]])
    >>> check.ok, [str(u) for u in check.payoffs[2]]
    ([True, False, True, None], ['2/3', '2/3'])
    """
    if not isinstance(game, NormalFormGame) or game.n_players != 2 or game.kind == "symbolic":
        raise UnsupportedGameError("check_bimatrix_profiles needs a 2-player game with numeric payoffs")
    m, n = game.shape
    profiles = candidate_list(profiles)
    count = len(profiles)
    result = BatchCheck([None] * count, [None] * count, [None] * count, [None] * count)
    Z, scales, bound = integer_form(game)
    rows: list[tuple[int, list[int], int, list[int], int]] = []  # (position, X, d, Y, e)
    cache: dict[int, dict[int, Fraction]] = {}  # Fractions of integer candidates by denominator, numerator
    for position, profile in enumerate(profiles):
        if isinstance(profile, IntegerCandidate):
            if len(profile) != 2:
                continue
            (X, d), (Y, e) = profile
            first = _plain_integers(X, d, m, cache)
            second = _plain_integers(Y, e, n, cache) if first is not None else None
        elif not isinstance(profile, (list, tuple)) or len(profile) != 2:
            continue
        else:
            first = plain_exact_vector(profile[0], m)
            second = plain_exact_vector(profile[1], n) if first is not None else None
        if first is None or second is None:
            continue
        result.vectors[position] = (object_vector(first[0]), object_vector(second[0]))
        result.integers[position] = ((first[1], first[2]), (second[1], second[2]))
        rows.append((position, first[1], first[2], second[1], second[2]))
    small = [row for row in rows if bound * row[2] * row[4] < INT64_LIMIT]
    large = [row for row in rows if bound * row[2] * row[4] >= INT64_LIMIT]
    if small:
        _check_int64(Z, scales, small, result)
    if large:
        rows_z = [np.asarray(Z[i]).tolist() for i in range(2)]
        for position, X, d, Y, e in large:
            v = [sum(a * b for a, b in zip(row, Y) if b) for row in rows_z[0]]
            w = [sum(row[k] * b for row, b in zip(rows_z[1], X) if b) for k in range(n)]
            first_value = sum(a * b for a, b in zip(v, X) if b)
            second_value = sum(a * b for a, b in zip(w, Y) if b)
            result.ok[position] = max(v) * d == first_value and max(w) * e == second_value
            result.payoffs[position] = (Fraction(first_value, d * e) * scales[0],
                                        Fraction(second_value, d * e) * scales[1])
    return result


def _check_int64(Z: np.ndarray, scales: Sequence[Fraction],
                 rows: list[tuple[int, list[int], int, list[int], int]], result: BatchCheck) -> None:
    """The candidates ``rows`` (every ``max|Z| * d * e`` below ``2^62``) checked together in int64."""
    Z0, Z1 = np.asarray(Z[0], dtype=np.int64), np.asarray(Z[1], dtype=np.int64)  # |Z| <= 2^62 here
    X = np.array([row[1] for row in rows], dtype=np.int64)
    Y = np.array([row[3] for row in rows], dtype=np.int64)
    d = np.array([row[2] for row in rows], dtype=np.int64)
    e = np.array([row[4] for row in rows], dtype=np.int64)
    v = Y @ Z0.T  # (N, m): the row player's deviation payoffs times e / scale_0
    w = X @ Z1  # (N, n): the column player's times d / scale_1
    first = (X * v).sum(axis=1)
    second = (w * Y).sum(axis=1)
    ok = (v.max(axis=1) * d == first) & (w.max(axis=1) * e == second)
    unit = scales[0] == 1 and scales[1] == 1
    for (position, _, dp, _, ep), verdict, a, b in zip(rows, ok.tolist(), first.tolist(), second.tolist()):
        result.ok[position] = verdict
        total = dp * ep
        if unit:
            result.payoffs[position] = (Fraction(a, total), Fraction(b, total))
        else:
            result.payoffs[position] = (Fraction(a, total) * scales[0], Fraction(b, total) * scales[1])
