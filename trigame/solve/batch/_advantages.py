"""The players' advantages in 2x2x2 games, their multilinear value, and the regularity test built on them.

Player ``i``'s *advantage* ``D_i`` is the payoff of its first strategy minus that
of its second; against the others' pure profiles it is the table ``e[i]`` of
shape ``(M, 2, 2)`` (:func:`_advantages_3`), and at mixed profiles its
multilinear extension (:func:`_bilinear`).  An equilibrium is *irregular*
(Harsanyi 1973) when a player who plays a pure strategy is indifferent or the
Jacobian of the mixing players' indifference conditions is singular; it is
decided in integers for exact rational profiles (:func:`_irregular_exact`) and
in floating point otherwise (:func:`_irregular_float`).
"""

from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np


def _advantages_3(P: np.ndarray) -> list[np.ndarray]:
    """``e[i]`` of shape (M, 2, 2): player i's advantage against the others' pure strategies (in player order)."""
    return [P[:, 0, 0] - P[:, 0, 1], P[:, 1, :, 0] - P[:, 1, :, 1], P[:, 2, :, :, 0] - P[:, 2, :, :, 1]]


def _bilinear(e: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``sum_ab e[a, b] w_a(x) w_b(y)`` with ``w_0(x) = x``, ``w_1(x) = 1 - x``."""
    return x * (y * e[..., 0, 0] + (1 - y) * e[..., 0, 1]) + (1 - x) * (y * e[..., 1, 0] + (1 - y) * e[..., 1, 1])


def _homogeneous_advantage(e: np.ndarray, n: list[Any], m: list[Any]) -> Any:
    """``sum_ab e[a, b] w_a w_b`` with ``w_0 = N``, ``w_1 = M - N`` for the two other players (exact ints)."""
    total: Any = 0
    for a, b in product((0, 1), repeat=2):
        total = total + e[:, a, b] * (n[0] if a == 0 else m[0] - n[0]) * (n[1] if b == 0 else m[1] - n[1])
    return total


def _irregular_exact(e: list[np.ndarray], num: np.ndarray, den: np.ndarray, mixing: np.ndarray) -> np.ndarray:
    """Which exact rational profiles ``num / den`` (K, 3) are irregular equilibria, decided in integers.

    Irregular (Harsanyi 1973): a player who plays a pure strategy is indifferent, or
    the Jacobian ``J[i][j] = dD_i/dx_j`` of the mixing players' indifference
    conditions is singular -- one player mixing alone, ``J_ij J_ji = 0`` for two, and
    for three (zero diagonal) ``det J = J01 J12 J20 + J02 J21 J10 = 0``.
    Homogenised (every probability ``N / M`` weighted by numerators and
    denominators), each advantage is the true one times a product of nonzero
    denominators, and both terms of the 3x3 determinant carry the same product
    ``M_1 M_2 M_3``, so every zero test is the exact one.
    """
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def advantage(i: int, n: np.ndarray | list[Any], m: np.ndarray | list[Any]) -> Any:
        j, k = others[i]
        return _homogeneous_advantage(e[i], [n[j], n[k]], [m[j], m[k]])

    n_cols, m_cols = [num[:, i] for i in range(3)], [den[:, i] for i in range(3)]

    def slope(i: int, j: int) -> Any:
        hi_n: list[Any] = list(n_cols)
        lo_n: list[Any] = list(n_cols)
        ms: list[Any] = list(m_cols)
        hi_n[j], lo_n[j], ms[j] = 1, 0, 1
        return advantage(i, hi_n, ms) - advantage(i, lo_n, ms)

    irregular = np.zeros(len(num), dtype=bool)
    for i in range(3):
        irregular |= ~mixing[:, i] & np.equal(advantage(i, n_cols, m_cols), 0)
    count = mixing.sum(axis=1)
    irregular |= count == 1
    for k in range(3):
        i, j = others[k]
        rows = mixing[:, i] & mixing[:, j] & ~mixing[:, k]
        if rows.any():
            irregular |= rows & np.equal(slope(i, j) * slope(j, i), 0)
    if (count == 3).any():
        det = slope(0, 1) * slope(1, 2) * slope(2, 0) + slope(0, 2) * slope(2, 1) * slope(1, 0)
        irregular |= (count == 3) & np.equal(det, 0)
    return irregular


def _irregular_float(e: list[np.ndarray], x: np.ndarray, tol: float) -> np.ndarray:
    """Which float profiles ``x`` (K, 3) are irregular, a quantity counting as zero when at most ``tol``.

    The tests of :func:`_irregular_exact` in floating point: used for float games
    (advantages normalised per player) and for irrational equilibria.
    """
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}
    cols = [x[:, i] for i in range(3)]

    def D(i: int, at: list[Any]) -> np.ndarray:
        j, k = others[i]
        return _bilinear(e[i], at[j], at[k])

    def slope(i: int, j: int) -> np.ndarray:
        hi: list[Any] = list(cols)
        lo: list[Any] = list(cols)
        hi[j], lo[j] = 1, 0
        return D(i, hi) - D(i, lo)

    mixing = (x != 0) & (x != 1)
    irregular = np.zeros(len(x), dtype=bool)
    for i in range(3):
        irregular |= ~mixing[:, i] & (np.abs(D(i, cols)) <= tol)
    count = mixing.sum(axis=1)
    irregular |= count == 1
    for k in range(3):
        i, j = others[k]
        rows = mixing[:, i] & mixing[:, j] & ~mixing[:, k]
        irregular |= rows & (np.abs(slope(i, j) * slope(j, i)) <= tol)
    det = slope(0, 1) * slope(1, 2) * slope(2, 0) + slope(0, 2) * slope(2, 1) * slope(1, 0)
    return irregular | ((count == 3) & (np.abs(det) <= tol))
