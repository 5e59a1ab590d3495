"""The logit quantal response system of a strategic-form game, in log-probabilities.

A profile ``sigma`` is a logit QRE at precisions ``lambda_i`` when every player
chooses each pure strategy with probability proportional to
``exp(lambda_i * u_i(s, sigma_{-i}))``.  Following McKelvey and Palfrey (1995)
and Gambit's ``logit_solve_lambda``, the unknowns are the log-probabilities
``y_ij = log sigma_ij`` and the system has, for each player ``i``,

* one sum-to-one equation ``sum_j exp(y_ij) - 1 = 0``, and
* for each strategy ``j >= 2`` one log-odds equation
  ``y_ij - y_i1 - lambda_i (u_i(j, sigma_{-i}) - u_i(1, sigma_{-i})) = 0``.

Precisions follow a ray ``lambda_i = t * w_i`` through the path parameter
``t``; a single common precision is ``w_i = 1``.  The payoffs are used in the
game's own units (``lambda`` is per unit of payoff, as in Gambit).  Internally
each player's payoffs are shifted to minimum 0 (a shift leaves the logit
responses unchanged) and all are divided by the largest payoff range ``c``,
with ``t`` multiplied by ``c``: the same equations, without overflow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["LogitSystem"]


class LogitSystem:
    """The map ``H(y, t)`` and its Jacobian for one game and one direction of precisions.

    Parameters
    ----------
    payoffs : numpy.ndarray, shape (n, m_1, ..., m_n)
        Float payoffs in the game's units.
    weights : sequence of float
        ``w_i >= 0``, the direction of the precisions ``lambda_i = t * w_i``.
    """

    def __init__(self, payoffs: np.ndarray, weights: Sequence[float] | np.ndarray) -> None:
        n = payoffs.shape[0]
        self.n = n
        self.shape = tuple(int(m) for m in payoffs.shape[1:])
        lows = payoffs.reshape(n, -1).min(axis=1)
        highs = payoffs.reshape(n, -1).max(axis=1)
        # ranges computed as halves so that payoffs near the float limits do not overflow
        ranges = 2.0 * (highs / 2.0 - lows / 2.0)
        scale = float(np.max(ranges)) if n else 0.0
        self.scale = scale if np.isfinite(scale) and scale > 0 else 1.0
        shifted = np.stack([payoffs[i] / self.scale - lows[i] / self.scale for i in range(n)])
        self.payoffs = shifted
        self.lows = lows
        #: max payoff minus min payoff over all players (Gambit's unit of regret), 1 for a constant game
        spread = 2.0 * (float(payoffs.max()) / 2.0 - float(payoffs.min()) / 2.0) if payoffs.size else 0.0
        self.payoff_spread = spread if np.isfinite(spread) and spread > 0 else 1.0
        self.weights = np.asarray(weights, dtype=float)
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.size = int(self.offsets[-1])
        # the constant part of the Jacobian: each log-odds row is y_ij - y_i1
        self._static = np.zeros((self.size, self.size + 1))
        for i in range(n):
            a, b = int(self.offsets[i]), int(self.offsets[i + 1])
            for j in range(a + 1, b):
                self._static[j, a] = -1.0
                self._static[j, j] = 1.0

    # ------------------------------------------------------------------ points
    def start(self) -> np.ndarray:
        """The point at ``t = 0``: the centroid (every player uniform)."""
        z = np.empty(self.size + 1)
        for i, m in enumerate(self.shape):
            z[self.offsets[i] : self.offsets[i + 1]] = -np.log(m)
        z[-1] = 0.0
        return z

    def profile(self, z: np.ndarray) -> list[np.ndarray]:
        """The mixed strategies of a point, each normalised to sum to one."""
        out = []
        for i in range(self.n):
            y = z[self.offsets[i] : self.offsets[i + 1]]
            p = np.exp(y - y.max())
            out.append(p / p.sum())
        return out

    def lambdas(self, t: float) -> np.ndarray:
        """The precisions ``lambda_i`` in the game's payoff units at path parameter ``t`` (internal units)."""
        return t * self.weights / self.scale

    # ------------------------------------------------------------------ payoff contractions
    def _values(self, sigma: list[np.ndarray]) -> list[np.ndarray]:
        """``u_i(s, sigma_{-i})`` for every player ``i`` and pure strategy ``s`` (scaled payoffs)."""
        n = self.n
        if n == 2:  # bimatrix games: two matrix-vector products
            return [self.payoffs[0] @ sigma[1], sigma[0] @ self.payoffs[1]]
        out = []
        for i in range(n):
            operands: list[Any] = [self.payoffs[i], list(range(n))]
            for k in range(n):
                if k != i:
                    operands += [sigma[k], [k]]
            operands.append([i])
            out.append(np.einsum(*operands))
        return out

    def _cross(self, sigma: list[np.ndarray], i: int, k: int) -> np.ndarray:
        """``u_i(s, s', sigma_{-ik})`` as a matrix over player ``i``'s ``s`` and player ``k``'s ``s'``."""
        n = self.n
        if n == 2:
            return self.payoffs[i] if i == 0 else self.payoffs[i].T
        operands: list[Any] = [self.payoffs[i], list(range(n))]
        for q in range(n):
            if q not in (i, k):
                operands += [sigma[q], [q]]
        operands.append([i, k])
        return np.asarray(np.einsum(*operands))

    # ------------------------------------------------------------------ the system
    def value(self, z: np.ndarray) -> np.ndarray:
        """``H(z)``, one row per strategy (first row of each player: sum to one)."""
        t = z[-1]
        sigma = [np.exp(z[self.offsets[i] : self.offsets[i + 1]]) for i in range(self.n)]
        values = self._values(sigma)
        h = np.empty(self.size)
        for i in range(self.n):
            a = self.offsets[i]
            y = z[a : self.offsets[i + 1]]
            h[a] = sigma[i].sum() - 1.0
            h[a + 1 : self.offsets[i + 1]] = y[1:] - y[0] - t * self.weights[i] * (values[i][1:] - values[i][0])
        return h

    def jacobian(self, z: np.ndarray) -> np.ndarray:
        """``dH/dz``, shape ``(size, size + 1)``; the last column is ``dH/dt``."""
        t = z[-1]
        sigma = [np.exp(z[self.offsets[i] : self.offsets[i + 1]]) for i in range(self.n)]
        values = self._values(sigma)
        jac = self._static.copy()
        for i in range(self.n):
            a, b = self.offsets[i], self.offsets[i + 1]
            jac[a, a:b] = sigma[i]
            if b - a == 1:
                continue
            rows = slice(a + 1, b)
            lam = t * self.weights[i]
            for k in range(self.n):
                if k == i:
                    continue
                cross = self._cross(sigma, i, k)
                # d u_i(j, .) / d y_kl = sigma_kl * u_i(j, l, .)
                diff = (cross[1:, :] - cross[0, :]) * sigma[k][None, :]
                jac[rows, self.offsets[k] : self.offsets[k + 1]] -= lam * diff
            jac[rows, -1] = -self.weights[i] * (values[i][1:] - values[i][0])
        return jac

    def expected_payoffs(self, sigma: list[np.ndarray]) -> tuple[float, ...]:
        """Each player's expected payoff at a profile, in the game's payoff units."""
        values = self._values(sigma)
        return tuple(float(v @ s) * self.scale + float(low) for v, s, low in zip(values, sigma, self.lows))

    def max_regret(self, z: np.ndarray) -> float:
        """The largest regret of any player at the point, in the game's payoff units."""
        sigma = self.profile(z)
        values = self._values(sigma)
        return float(max(float(v.max() - v @ s) for v, s in zip(values, sigma))) * self.scale
