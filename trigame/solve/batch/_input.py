"""The payoffs of a batch as arrays: validation, the number of players, power-of-two scales, chunk sizes.

Equilibria do not change when one player's payoffs are multiplied by a positive
number.  The kernels take differences and products of payoffs, which overflow
near ``1.8e308`` and underflow below ``1e-308``, so each player's float payoffs
in each game are first scaled by the power of two that brings the largest into
``[1/2, 1)`` (:func:`_player_exponents`, :func:`_rescale`): exactly, so every
sign and tie is that of the input.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from trigame.errors import GameShapeError, PayoffTypeError, PayoffValueError

#: Games solved per vectorised chunk (bounds memory and keeps temporaries in cache).  Measured per game on
#: 10^5 and 10^6 random 2x2x2 games: 1.37 and 1.86 µs with 2^13, 2.04 and 2.37 µs with 2^15.
CHUNK = 1 << 13
#: The 2x2 table lookup streams through memory (2^15: 0.23-0.24 µs per game on 10^5-10^6 games; 2^18: up to 0.35).
CHUNK_2X2 = 1 << 15


def _infer_players(shape: tuple[int, ...], n_players: int | None) -> int:
    expected = "(*batch, 2, 2, 2) for 2x2 games or (*batch, 3, 2, 2, 2) for 2x2x2 games"
    if n_players is not None:
        if isinstance(n_players, bool) or not isinstance(n_players, (int, np.integer)) or n_players not in (2, 3):
            raise GameShapeError(f"n_players must be 2 or 3, got {n_players!r}")
        n = int(n_players)
        if len(shape) < n + 1 or shape[-(n + 1)] != n or any(m != 2 for m in shape[-n:]):
            raise GameShapeError(f"payoffs of shape {shape} do not hold {n}-player games: expected {expected}")
        return n
    for n in range(len(shape) - 2, 1, -1):  # the trailing (n, 2, ..., 2) block, after at least one batch axis
        if shape[-(n + 1)] == n and all(m == 2 for m in shape[-n:]):
            if n > 3:
                raise GameShapeError(f"trigame.solve.batch solves games of 2 or 3 players; payoffs of shape {shape} "
                                     f"hold {n}-player games (use tg.equilibria(game) one game at a time)")
            return n
    for n in (3, 2):
        if len(shape) >= n + 1 and shape[-(n + 1)] == n:
            raise GameShapeError(f"every player must have exactly 2 strategies; payoffs of shape {shape} have "
                                 f"strategy counts {shape[-n:]}: expected {expected}")
    raise GameShapeError(f"payoffs of shape {shape} are not a batch of 2x2 or 2x2x2 games: expected {expected}")


def _as_payoffs(payoffs: Any) -> tuple[np.ndarray, bool]:
    """The payoffs as an array, and whether they are exact (integers or Fractions)."""
    try:
        array = np.asarray(payoffs)
    except ValueError as exc:  # ragged nested lists
        raise GameShapeError(f"payoffs are ragged: {exc}") from None
    kind = array.dtype.kind
    if kind == "b":
        raise PayoffTypeError("payoffs must be numbers, not booleans")
    if kind in "iu":
        if array.size and (array.max() >= 2**53 or array.min() <= -(2**53)):
            raise PayoffValueError("integer payoffs must be below 2**53 in absolute value; pass Fractions "
                                   "or floats for larger values")
        return array, True
    if kind == "f":
        if not np.all(np.isfinite(array)):
            bad = tuple(int(k) for k in np.argwhere(~np.isfinite(array))[0])
            raise PayoffValueError(f"payoffs must be finite; entry {bad} is {array[bad]!r}")
        return array, False
    if kind == "O":
        exact = True
        for index, value in np.ndenumerate(array):
            if isinstance(value, (bool, np.bool_)):
                raise PayoffTypeError(f"payoff entry {index} is the boolean {value!r}; payoffs must be numbers")
            if isinstance(value, (int, np.integer, Fraction)):
                continue
            if isinstance(value, (float, np.floating)):
                if not np.isfinite(value):
                    raise PayoffValueError(f"payoffs must be finite; entry {index} is {value!r}")
                exact = False
                continue
            raise PayoffTypeError(f"payoff entry {index} is {value!r} of type {type(value).__name__}; payoffs must "
                                  "be ints, floats or Fractions (substitute symbolic games with game.subs first)")
        if not exact:
            return array.astype(np.float64), False
        return array, True
    raise PayoffTypeError(f"payoffs must be numeric, got an array of dtype {array.dtype}")


def _fractions(P: np.ndarray) -> np.ndarray:
    """The payoffs as an object array of Fractions (floats as the binary fractions they denote)."""
    out = np.empty(P.shape, dtype=object)
    for index, value in np.ndenumerate(P):
        out[index] = Fraction(value) if not isinstance(value, Fraction) else value
    return out


def _rescale(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each game's payoffs with each player's scaled by a positive number, and the games where that was inexact.

    Equilibria are unchanged by a positive scaling of one player's payoffs, and
    the closed forms take differences and products of payoffs, which overflow
    near ``1.8e308`` and underflow below ``1e-308``.  Float payoffs are scaled by
    the power of two that brings each player's largest absolute payoff into
    [1/2, 1): exact (so every sign and tie is that of the input) unless some
    payoff of the player is more than about 2^1000 times smaller than the
    largest, and then the game is marked for the exact solver.  Exact payoffs
    (an object array) are divided by the player's largest absolute payoff.
    """
    M, n = P.shape[0], P.shape[1]
    if M == 0:
        return P, np.zeros(0, dtype=bool)
    flat = P.reshape(M, n, -1)
    if P.dtype == object:
        out = np.empty(flat.shape, dtype=object)
        for g in range(M):
            for i in range(n):
                values = [Fraction(v) for v in flat[g, i]]
                scale = max(abs(v) for v in values) or Fraction(1)
                out[g, i] = [v / scale for v in values]
        return out.reshape(P.shape), np.zeros(M, dtype=bool)
    exponent = _player_exponents(flat)
    scaled = np.ldexp(flat, -exponent[:, :, None])
    lossy = (np.ldexp(scaled, exponent[:, :, None]) != flat).any(axis=(1, 2))
    return scaled.reshape(P.shape), lossy


def _player_exponents(flat: np.ndarray) -> np.ndarray:
    """Per game and player, ``e`` with the largest |payoff| in ``[2**(e-1), 2**e)``: (M, n, k) -> (M, n).

    Dividing by ``2**e`` is exact and puts every payoff of that player in ``(-1, 1)``
    (``e = 1`` for a player whose payoffs are all zero).
    """
    largest = np.abs(flat).max(axis=2, initial=0.0)
    return np.frexp(np.where(largest > 0, largest, 1.0))[1]
