"""Nash checks of many candidate profiles of one N-player game at once.

:func:`~trigame.verify.nash.check_profile` checks one profile; an N-player solver
that returns a handful of equilibria of a small game pays its per-call overhead
(validation, a tensor contraction per player, the float forms of the payoffs)
once per candidate, which costs as much as finding them.
:func:`check_nplayer_profiles` gives the same verdicts, vectors and payoffs for a
whole list of candidates with the arithmetic of all of them done together, one
contraction per player.

Exact candidates are checked by the definition in integers.  Write each
player's payoffs as integers times a positive rational, ``u_i = Z_i * scale_i``
(:func:`~trigame.games.profiles.integer_form`), and player ``j``'s strategy as
``x_j = X_j / d_j`` with integer ``X_j >= 0`` summing to ``d_j > 0``; let
``D = d_1 ... d_n``.  Player ``i``'s pure deviation payoffs times
``D / (d_i scale_i)`` are ``v_i[s] = sum_t Z_i[s, t] prod_{j != i} X_j[t_j]``;
the candidate is an equilibrium iff ``max(v_i) * d_i == X_i . v_i`` for every
``i`` (the left side is never smaller), and ``u_i(x) = (X_i . v_i) * scale_i / D``.

No overflow.  The products ``prod_{j != i} X_j[t_j]`` over the others' profiles
are nonnegative and sum to ``D / d_i``, so every partial sum of ``v_i[s]`` is at
most ``max|Z| * D / d_i`` in absolute value, and every partial sum of
``X_i . v_i`` and the product ``max(v_i) * d_i`` at most ``max|Z| * D``.  The
candidates with ``max|Z| * D < 2^62`` are checked together in ``int64`` (NumPy's
integer sums of products are exact while nothing overflows); any other one is
left to :func:`check_profile`, which works in Python integers.

Float candidates (probabilities standing for irrational ones) are checked as
:func:`check_profile` checks them: each player's regret on the payoffs mapped
onto ``[0, 1]`` (:func:`~trigame.games.scaling.normalized_payoffs`) must be at
most ``tol``; only the order of the floating-point sums differs, so a verdict
can differ only for a regret within round-off of ``tol``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from trigame.errors import UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import PROBABILITY_TOL, integer_form, plain_exact_vector
from trigame.games.scaling import float_payoffs, normalized_payoffs
from trigame.verify._batch_nash import candidate_list
from trigame.verify._candidates import INT64_LIMIT, object_vector, read_only

__all__ = ["ProfilesCheck", "check_nplayer_profiles"]


class ProfilesCheck(NamedTuple):
    """The verdicts of :func:`check_nplayer_profiles`, one entry per candidate.

    Attributes
    ----------
    ok : list of bool or None
        Whether the candidate is a Nash equilibrium; None when it was not checked here
        (see :func:`check_nplayer_profiles`): :func:`check_profile` then checks it.
    vectors : list
        The strategies as read-only arrays: Fractions (object) for exact candidates,
        float64 for float ones (None when not checked).
    payoffs : list
        The players' expected payoffs in the game's own units: Fractions for exact
        candidates of exact games, floats otherwise (None when not checked).
    integers : list
        For exact candidates, each strategy as ``(X, d)``: integers over the least common
        denominator of its Fractions; None for float candidates and those not checked.
    """

    ok: list[bool | None]
    vectors: list[tuple[np.ndarray, ...] | None]
    payoffs: list[tuple[Any, ...] | None]
    integers: list[tuple[tuple[list[int], int], ...] | None]


def _contract(table: np.ndarray, strategies: Sequence[np.ndarray], i: int) -> np.ndarray:
    """``out[c, s] = sum_t table[t with t_i = s] * prod_{j != i} strategies[j][c, t_j]`` for every candidate ``c``.

    ``table`` has one axis per player; ``strategies[j]`` has one row per candidate.
    """
    n = table.ndim
    if n == 1:  # a one-player game: the payoffs themselves, for every candidate
        return np.tile(table, (strategies[0].shape[0], 1))
    operands: list[Any] = [table, list(range(n))]
    for j in range(n):
        if j != i:
            operands += [strategies[j], [n, j]]
    return np.einsum(*operands, [n, i])


def _exact_normalized(game: NormalFormGame) -> np.ndarray:
    """:func:`normalized_payoffs` of an exact game, bit for bit, from its integer form when that is int64.

    ``(u - min u) / (max u - min u)`` equals ``(z - min z) / (max z - min z)`` on the integers
    ``z = u / scale``; with ``|z| < 2^31`` both differences are exact in float64, and IEEE division
    rounds their quotient correctly, as the float of the Fraction is rounded.
    """
    if "normalized" in game._cache or game.kind != "exact":
        return normalized_payoffs(game)
    Z = integer_form(game)[0]
    if Z.dtype != np.int64:
        return normalized_payoffs(game)
    rows = []
    for i in range(game.n_players):
        low, high = int(Z[i].min()), int(Z[i].max())
        if high == low:
            rows.append(np.zeros(Z[i].shape))
        else:
            rows.append((Z[i] - low).astype(np.float64) / float(high - low))
    return np.stack(rows)


def _float_game_payoffs(game: NormalFormGame) -> np.ndarray:
    """:func:`float_payoffs`: for an exact game of integer payoffs its integers as floats, exactly."""
    if game.kind == "exact" and "float" not in game._cache:
        Z, scales, _ = integer_form(game)
        if Z.dtype == np.int64 and all(s == 1 for s in scales):
            return Z.astype(np.float64)  # |Z| < 2^31: every entry exact, as float() of the Fraction
    return float_payoffs(game)


def _plain_float(entry: Any, size: int) -> np.ndarray | None:
    """A finite float64 vector of ``size`` entries that :func:`as_profile` accepts as is, copied; else None."""
    if not isinstance(entry, np.ndarray) or entry.dtype != np.float64 or entry.shape != (size,):
        return None
    if not bool(np.isfinite(entry).all()) or bool(np.any(entry < -PROBABILITY_TOL)):
        return None
    if abs(float(entry.sum()) - 1.0) > PROBABILITY_TOL:
        return None
    return np.array(entry.tolist())


def _each(profile: Sequence[Any], shape: Sequence[int], parse: Callable[[Any, int], Any]) -> list[Any] | None:
    """Each player's entry parsed by ``parse(entry, size)``; None as soon as one cannot be."""
    out = []
    for entry, m in zip(profile, shape):
        value = parse(entry, m)
        if value is None:
            return None
        out.append(value)
    return out


def check_nplayer_profiles(game: NormalFormGame, profiles: Sequence[Any], tol: float = 1e-9) -> ProfilesCheck:
    """Check many candidate profiles of a numeric game at once; the verdicts of :func:`check_profile`.

    Parameters
    ----------
    game : NormalFormGame
        A game with exact or float payoffs (float payoffs are the binary rationals they are).
    profiles : sequence
        Candidate profiles, each a list or tuple with one strategy per player.  A *plain exact*
        one (each strategy a list, tuple or object array of Python ints and Fractions,
        nonnegative and summing to 1) of an exact game is checked exactly when ``max|Z| * D < 2^62``; a *plain
        float* one (each strategy a finite float64 array of the player's size, a probability
        vector within :data:`~trigame.games.profiles.PROBABILITY_TOL`) is checked with ``tol``.
        Anything else -- mixed kinds, labels, invalid vectors, larger integers -- is left
        unchecked (``None``) for :func:`check_profile`.
    tol : float, default 1e-9
        The float check's tolerance, relative to each player's payoff range (already validated).

    Returns
    -------
    ProfilesCheck
        Per candidate the verdict, vectors and payoffs :func:`check_profile` gives it, and
        the exact candidates' integers.

    Raises
    ------
    UnsupportedGameError
        When the game has symbolic payoffs.

    Examples
    --------
    >>> import trigame as tg
    >>> from fractions import Fraction as F
    >>> # three players paid 1 each when all match (a pure coordination game)
    >>> same = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]
    >>> g = tg.NormalFormGame.from_arrays(same, same, same)
    >>> check = check_nplayer_profiles(g, [[[1, 0], [1, 0], [1, 0]], [[1, 0], [0, 1], [1, 0]],
    ...                                    [[F(1, 2)] * 2] * 3, "bad"])
    >>> check.ok, [str(u) for u in check.payoffs[2]]
    ([True, False, True, None], ['1/4', '1/4', '1/4'])
    """
    if not isinstance(game, NormalFormGame) or game.kind == "symbolic":
        raise UnsupportedGameError("check_nplayer_profiles needs a game with numeric payoffs")
    n, shape = game.n_players, game.shape
    profiles = candidate_list(profiles)
    count = len(profiles)
    result = ProfilesCheck([None] * count, [None] * count, [None] * count, [None] * count)
    Z, scales, bound = integer_form(game)
    exact_rows: list[tuple[int, list[list[int]], list[int]]] = []  # (position, X per player, d per player)
    float_rows: list[tuple[int, list[np.ndarray]]] = []
    for position, profile in enumerate(profiles):
        if not isinstance(profile, (list, tuple)) or len(profile) != n:
            continue
        first = profile[0]
        if isinstance(first, np.ndarray) and first.dtype == np.float64:
            floats = _each(profile, shape, _plain_float)
            if floats is not None:
                float_rows.append((position, floats))
            continue
        plain = _each(profile, shape, plain_exact_vector)
        if plain is None:
            continue
        dens = [d for _, _, d in plain]
        if game.kind != "exact" or Z.dtype != np.int64 or bound * math.prod(dens) >= INT64_LIMIT:
            continue  # Python integers, or a float game's float payoffs: check_profile
        result.vectors[position] = tuple(object_vector(values) for values, _, _ in plain)
        result.integers[position] = tuple((X, d) for _, X, d in plain)
        exact_rows.append((position, [X for _, X, _ in plain], dens))
    if exact_rows:
        _check_exact(game, Z, scales, exact_rows, result)
    if float_rows:
        _check_floats(game, float_rows, tol, result)
    return result


def _check_exact(game: NormalFormGame, Z: np.ndarray, scales: Sequence[Fraction],
                 rows: list[tuple[int, list[list[int]], list[int]]], result: ProfilesCheck) -> None:
    """The exact candidates ``rows`` (every ``max|Z| * D`` below ``2^62``) checked together in int64."""
    n = game.n_players
    X = [np.array([row[1][j] for row in rows], dtype=np.int64) for j in range(n)]
    d = [np.array([row[2][j] for row in rows], dtype=np.int64) for j in range(n)]
    ok = np.ones(len(rows), dtype=bool)
    currents = []
    for i in range(n):
        v = _contract(Z[i], X, i)  # (candidates, m_i): deviation payoffs times D / (d_i scale_i)
        current = (v * X[i]).sum(axis=1)
        ok &= v.max(axis=1) * d[i] == current
        currents.append(current.tolist())
    unit = all(s == 1 for s in scales)
    for c, ((position, _, dens), verdict) in enumerate(zip(rows, ok.tolist())):
        result.ok[position] = verdict
        total = 1
        for dj in dens:
            total *= dj
        if unit:
            result.payoffs[position] = tuple(Fraction(currents[i][c], total) for i in range(n))
        else:
            result.payoffs[position] = tuple(Fraction(currents[i][c], total) * scales[i] for i in range(n))


def _check_floats(game: NormalFormGame, rows: list[tuple[int, list[np.ndarray]]], tol: float,
                  result: ProfilesCheck) -> None:
    """The float candidates ``rows`` checked together: regrets on the normalized payoffs at most ``tol``."""
    n = game.n_players
    S = [np.stack([row[1][j] for row in rows]) for j in range(n)]
    normalized = _exact_normalized(game)
    values = _float_game_payoffs(game)
    ok = np.ones(len(rows), dtype=bool)
    payoffs = []
    for i in range(n):
        v = _contract(normalized[i], S, i)
        regret = np.maximum(v.max(axis=1) - (v * S[i]).sum(axis=1), 0.0)
        ok &= regret <= tol
        payoffs.append((_contract(values[i], S, i) * S[i]).sum(axis=1).tolist())
    for c, ((position, vectors), verdict) in enumerate(zip(rows, ok.tolist())):
        result.ok[position] = verdict
        result.vectors[position] = tuple(read_only(v) for v in vectors)
        result.payoffs[position] = tuple(payoffs[i][c] for i in range(n))
