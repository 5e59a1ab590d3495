"""Real roots of multilinear systems in the unit box by subdivision and the Krawczyk test.

Each indifference polynomial has degree at most one in every unknown
(``sigma_j`` enters linearly, and ``x_{j,k} x_{j,l}`` never occurs), so on a
box its range -- and the range of each partial derivative -- is attained at
the box's corners.  That gives cheap, sharp bounds for

* exclusion: a box where some polynomial keeps one sign has no root;
* the Krawczyk operator (Krawczyk 1969; Moore, Kearfott & Cloud 2009,
  *Introduction to Interval Analysis*, sec. 8.2)
  ``K(X) = m - Y f(m) + (I - Y J(X)) (X - m)`` with ``Y = J(m)^-1``:
  ``K(X)`` inside ``X`` proves that ``X`` holds exactly one root, and
  ``K(X)`` disjoint from ``X`` that it holds none.

Boxes are bisected until each is excluded or holds one certified root.  The
search gives up (returns None) on singular roots and continua, which never
pass the test; the caller then uses the exact Gröbner-basis route.  The bounds
are computed in floating point with a relative safety margin.  Each root is
refined by Newton's method to 60 digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["box_roots", "refine"]

#: The search box is [-PAD, 1 + PAD] in every unknown (roots on the faces stay inside).
PAD = 2.0**-8
#: Relative slack added to every floating-point bound.
MARGIN = 1e-9
#: Where a box is bisected (as a fraction of its width).
CUT = 0.4814159
#: Boxes examined before giving up.
MAX_BOXES = 60000


class _Multilinear:
    """A list of multilinear polynomials evaluated on many points at once."""

    def __init__(self, polys: Sequence[dict[tuple[int, ...], Any]], n_vars: int) -> None:
        monoms = sorted({m for p in polys for m in p})
        self.exponents = np.array(monoms, dtype=bool).reshape(len(monoms), n_vars)
        self.columns = [np.flatnonzero(self.exponents[:, k]) for k in range(n_vars)]
        self.coeffs = np.array([[float(p.get(m, 0)) for m in monoms] for p in polys]).reshape(len(polys), len(monoms))
        self.abs_coeffs = np.abs(self.coeffs)
        self.n_vars = n_vars

    def monomials(self, points: np.ndarray) -> np.ndarray:
        """Monomial values, shape (n_points, n_monomials)."""
        out = np.ones((points.shape[0], self.exponents.shape[0]))
        for k, cols in enumerate(self.columns):
            out[:, cols] *= points[:, k : k + 1]
        return out

    def values(self, points: np.ndarray) -> np.ndarray:
        return self.monomials(points) @ self.coeffs.T

    def jacobian(self, point: np.ndarray) -> np.ndarray:
        """The Jacobian at one point; exact differences, as every unknown enters linearly."""
        d = self.n_vars
        probes = np.repeat(point[None, :], 2 * d, axis=0)
        probes[np.arange(d), np.arange(d)] = 0.0
        probes[d + np.arange(d), np.arange(d)] = 1.0
        values = self.values(probes)
        return (values[d:] - values[:d]).T


def _corners(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The 2^d corners; bit k of a corner's index selects hi[k]."""
    d = lo.size
    bits = ((np.arange(2**d)[:, None] >> np.arange(d)[None, :]) & 1).astype(bool)
    return np.where(bits, hi[None, :], lo[None, :])


def box_roots(polys: Sequence[dict[tuple[int, ...], Any]], n_vars: int,
              groups: Sequence[Sequence[int]]) -> list[np.ndarray] | None:
    """Approximate real roots (floats) of a square multilinear system near the unit box, or None.

    ``groups`` lists the unknowns of each player (their sum may not exceed 1).
    Returns one float vector per certified root, or None when some box could
    not be settled (singular roots, continua, or too many boxes).

    Examples
    --------
    >>> roots = box_roots([{(0, 1): 2, (0, 0): -1}, {(1, 0): 3, (0, 0): -1}], 2, [[0], [1]])
    >>> [r.round(6).tolist() for r in roots]  # 2y = 1, 3x = 1
    [[0.333333, 0.5]]
    """
    if n_vars > 12 or len(polys) != n_vars:
        return None
    system = _Multilinear(polys, n_vars)
    d = n_vars
    index = np.arange(2**d)
    # corners with bit k set, and their partners with bit k cleared
    upper = [index[(index >> k) & 1 == 1] for k in range(d)]
    lower = [u - 2**k for k, u in enumerate(upper)]
    stack = [(np.full(d, -PAD), np.full(d, 1 + PAD))]
    roots: list[np.ndarray] = []
    examined = 0
    identity = np.eye(d)
    while stack:
        examined += 1
        if examined > MAX_BOXES:
            return None
        lo, hi = stack.pop()
        if any(lo[list(g)].sum() > 1 + PAD for g in groups if g):
            continue
        corners = _corners(lo, hi)
        mono = system.monomials(corners)
        values = mono @ system.coeffs.T  # (corners, n)
        slack = MARGIN * ((np.abs(mono) @ system.abs_coeffs.T).max(axis=0) + 1.0)
        if np.any((values.min(axis=0) > slack) | (values.max(axis=0) < -slack)):
            continue
        mid = (lo + hi) / 2
        radius = (hi - lo) / 2
        # d f / d x_k is the difference quotient along edge k, so its range is over those edges
        jac_lo = np.empty((d, d))
        jac_hi = np.empty((d, d))
        for k in range(d):
            quotients = (values[upper[k]] - values[lower[k]]) / (hi[k] - lo[k])
            jac_lo[:, k] = quotients.min(axis=0)
            jac_hi[:, k] = quotients.max(axis=0)
        try:
            y = np.linalg.inv(system.jacobian(mid))
        except np.linalg.LinAlgError:
            y = None
        if y is not None and np.all(np.isfinite(y)):
            # the preconditioned system Y f is multilinear too: exclude on its corner range
            pre = values @ y.T
            pre_slack = np.abs(y) @ slack * 2
            if np.any((pre.min(axis=0) > pre_slack) | (pre.max(axis=0) < -pre_slack)):
                continue
            # (I - Y J(X)) as an interval matrix [c - e, c + e]
            centre = identity - y @ ((jac_lo + jac_hi) / 2)
            spread = np.abs(y) @ ((jac_hi - jac_lo) / 2)
            bound = np.abs(centre) + spread
            step = y @ system.values(mid[None, :])[0]
            k_mid = mid - step
            k_rad = bound @ radius + np.abs(y) @ slack + MARGIN * (np.abs(k_mid) + 1e-12)
            k_lo, k_hi = k_mid - k_rad, k_mid + k_rad
            if np.any(k_hi < lo) or np.any(k_lo > hi):
                continue
            if np.all(k_lo > lo) and np.all(k_hi < hi):
                roots.append(_newton(system, k_mid))
                continue
        if radius.max() < 1e-10:
            return None
        k = int(np.argmax(radius))
        cut = lo[k] + CUT * (hi[k] - lo[k])  # off-centre, so that simple rationals are not on a cut
        upper_lo = lo.copy()
        upper_lo[k] = cut
        lower_hi = hi.copy()
        lower_hi[k] = cut
        stack.append((lo, lower_hi))
        stack.append((upper_lo, hi))
    return roots


def _newton(system: _Multilinear, start: np.ndarray) -> np.ndarray:
    point = start.copy()
    for _ in range(8):
        jac = system.jacobian(point)
        try:
            step = np.linalg.solve(jac, system.values(point[None, :])[0])
        except np.linalg.LinAlgError:  # pragma: no cover - certified roots are regular
            break
        point = point - step
        if np.max(np.abs(step)) < 1e-15:
            break
    return point


def refine(polys: Sequence[dict[tuple[int, ...], Any]], start: np.ndarray, digits: int = 60) -> tuple[Any, ...]:
    """Polish a simple root to ``digits`` digits by Newton's method; return it exactly when it is rational.

    A coordinate vector whose continued-fraction approximations satisfy every
    polynomial exactly is returned as Fractions; otherwise as mpmath numbers.

    Examples
    --------
    >>> refine([{(1,): 3, (0,): -1}], np.array([0.33]))
    (Fraction(1, 3),)
    """
    from fractions import Fraction

    import mpmath

    n = start.size
    terms = [[(m, int(c)) for m, c in p.items()] for p in polys]

    def evaluate(point: list[Any]) -> tuple[list[Any], list[list[Any]]]:
        values, jac = [], []
        for poly in terms:
            total = 0
            grad = [0] * n
            for monom, c in poly:
                used = [k for k in range(n) if monom[k]]
                product = c
                for k in used:
                    product = product * point[k]
                total += product
                for k in used:
                    partial = c
                    for other in used:
                        if other != k:
                            partial = partial * point[other]
                    grad[k] += partial
            values.append(total)
            jac.append(grad)
        return values, jac

    with mpmath.workdps(digits + 10):
        point = [mpmath.mpf(float(v)) for v in start]
        for _ in range(12):
            values, jac = evaluate(point)
            try:
                step = mpmath.lu_solve(mpmath.matrix(jac), mpmath.matrix(values))
            except ZeroDivisionError:  # pragma: no cover - certified roots are regular
                break
            point = [p - step[k] for k, p in enumerate(point)]
            if max(abs(step[k]) for k in range(n)) < mpmath.mpf(10) ** (-digits - 5):
                break
        guess = [Fraction(int(mpmath.floor(v * 2**220)), 2**220).limit_denominator(10**25) for v in point]
        exact_values, _ = evaluate(guess)
        if all(v == 0 for v in exact_values):
            return tuple(guess)
        return tuple(+v for v in point)
