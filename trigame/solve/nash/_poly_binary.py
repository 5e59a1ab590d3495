"""Support profiles where two or three players mix, each over two strategies, solved in closed form.

Two mixers ``j`` and ``k`` (the others pure): ``k``'s indifference is affine in ``x_j`` alone,
``delta_0 (1 - x_j) + delta_1 x_j = 0``, so ``x_j = delta_0 / (delta_0 - delta_1)`` -- none when
``delta_0 = delta_1 != 0``, a continuum (left to the general route) when both are 0 -- and
likewise ``x_k`` (:func:`solve_pair`).

Three mixers:

With one unknown per mixer -- ``x``, ``y``, ``z``, the probabilities of each mixer's second
support strategy -- each mixer's indifference condition is bilinear in the other two:

    P_x(y, z) = a_0 + b_0 y + c_0 z + d_0 y z = 0
    P_y(x, z) = a_1 + b_1 x + c_1 z + d_1 x z = 0
    P_z(x, y) = a_2 + b_2 x + c_2 y + d_2 x y = 0

with integer coefficients.  Where ``E_0 = b_0 + d_0 z`` does not vanish, the first gives
``y = N_0 / E_0`` with ``N_0 = -(a_0 + c_0 z)``, and where ``E_1 = b_1 + d_1 z`` does not, the
second gives ``x = N_1 / E_1`` with ``N_1 = -(a_1 + c_1 z)``; the third times ``E_0 E_1`` is then
the quadratic

    Q(z) = a_2 E_0 E_1 + b_2 N_1 E_0 + c_2 N_0 E_1 + d_2 N_0 N_1 = 0.

Every solution is one of these when neither ``P_x`` nor ``P_y`` vanishes identically in its
first unknown at some ``z`` (``E`` and ``N`` with a common root, or ``E`` identically zero)
and ``Q`` is not the zero polynomial: then the solutions are the roots of ``Q`` where
``E_0 E_1 != 0``, finitely many.  Otherwise (a continuum may pass through) :func:`solve_three`
returns None and the caller takes the general route.

The roots are exact: rational, or ``(P + Q sqrt(D)) / W`` with integers and ``D`` not a
square, and so are ``x`` and ``y`` (numbers of the field ``QQ(sqrt(D))``).  An irrational
point is an equilibrium exactly when every player's payoff differences, computed in that field
in integers, have the right signs (:func:`is_equilibrium`): the sign of ``u + v sqrt(D)`` is
decided by comparing ``u^2`` with ``v^2 D``.  No high-precision root refinement is needed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

__all__ = ["QuadraticPoint", "bilinear_coefficients", "in_unit_cube", "is_equilibrium", "settle_pair", "settle_three",
           "solve_bilinear", "solve_pair", "solve_three", "to_floats"]

#: Bits of the integer square root used to write an irrational point as floats.
FLOAT_BITS = 160

Poly = dict[tuple[int, ...], int]


class QuadraticPoint(NamedTuple):
    """A solution ``(x_0, x_1, x_2)`` with ``x_r = (P_r + Q_r sqrt(radicand)) / W_r`` and ``W_r > 0``.

    ``radicand`` is 0 for a rational point (every ``Q_r`` is then 0).
    """

    radicand: int
    coordinates: tuple[tuple[int, int, int], ...]

    def fractions(self) -> tuple[Fraction, ...]:
        """The coordinates of a rational point."""
        return tuple(Fraction(p, w) for p, _, w in self.coordinates)


def _coefficients(poly: Poly, unknown: int) -> tuple[int, int, int, int]:
    """``(a, b, c, d)`` of ``a + b u + c v + d u v`` over the two unknowns other than ``unknown`` (u < v)."""
    u, v = (k for k in range(3) if k != unknown)
    out = [0, 0, 0, 0]
    for monomial, c in poly.items():
        if monomial[unknown]:
            raise ValueError("an indifference polynomial involves its own player's unknown")
        out[monomial[u] + 2 * monomial[v]] += int(c)
    return out[0], out[1], out[2], out[3]


def _times(f: Sequence[int], g: Sequence[int]) -> list[int]:
    out = [0] * (len(f) + len(g) - 1)
    for i, a in enumerate(f):
        for j, b in enumerate(g):
            out[i + j] += a * b
    return out


def _plus(*terms: Sequence[int]) -> list[int]:
    out = [0] * max(len(t) for t in terms)
    for t in terms:
        for i, a in enumerate(t):
            out[i] += a
    return out


def _sign(u: int | Fraction, v: int | Fraction, radicand: int) -> int:
    """The sign of ``u + v sqrt(radicand)``, integers or Fractions (``radicand`` not a square unless ``v == 0``)."""
    su = (u > 0) - (u < 0)
    sv = (v > 0) - (v < 0)
    if sv == 0 or su == sv:
        return su if su else sv
    if su == 0:
        return sv
    return su if u * u > v * v * radicand else sv


def _reduced(p: int, q: int, w: int) -> tuple[int, int, int]:
    if w < 0:
        p, q, w = -p, -q, -w
    g = math.gcd(p, q, w)
    return (p // g, q // g, w // g) if g > 1 else (p, q, w)


def _quotient(n: tuple[int, int], e: tuple[int, int], radicand: int) -> tuple[int, int, int]:
    """``(n_0 + n_1 s) / (e_0 + e_1 s)`` with ``s = sqrt(radicand)``, as ``(P, Q, W)``."""
    return _reduced(n[0] * e[0] - n[1] * e[1] * radicand, n[1] * e[0] - n[0] * e[1],
                    e[0] * e[0] - e[1] * e[1] * radicand)


def solve_pair(payoffs: np.ndarray, support: Sequence[Sequence[int]],
               mixers: Sequence[int]) -> list[QuadraticPoint] | None:
    """The solution of two mixers' indifference conditions (the others pure), or None for a continuum.

    ``mixers`` are the two players with two support strategies each; ``x_r`` is the probability of
    ``support[mixers[r]][1]``.  Returns ``[]`` when there is no solution.

    Examples
    --------
    >>> import numpy as np
    >>> mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])  # matching pennies
    >>> solve_pair(mp, [[0, 1], [0, 1]], [0, 1])[0].fractions()
    (Fraction(1, 2), Fraction(1, 2))
    """
    coordinates = []
    for r, j in enumerate(mixers):
        k = mixers[1 - r]  # k's indifference fixes x_j
        index: list[Any] = [s[0] for s in support]
        deltas = []
        for t in support[j]:
            index[j] = t
            index[k] = support[k][1]
            high = int(payoffs[k][tuple(index)])
            index[k] = support[k][0]
            deltas.append(high - int(payoffs[k][tuple(index)]))
        if deltas[0] == deltas[1]:
            if deltas[0] == 0:
                return None
            return []
        coordinates.append(_reduced(deltas[0], 0, deltas[0] - deltas[1]))
    return [QuadraticPoint(0, tuple(coordinates))]


def solve_three(polys: Sequence[Poly]) -> list[QuadraticPoint] | None:
    """Every real solution of three bilinear indifference conditions, or None when not finite for sure.

    ``polys[r]`` is mixer ``r``'s condition over the unknowns ``0, 1, 2`` (it does not involve
    unknown ``r``).  Solutions anywhere on the real line are returned (the caller keeps those in
    the unit cube).

    Examples
    --------
    >>> # 2yz = 1, 2xz = 1, 3xy = 1: x = y = 1/sqrt(3), z = sqrt(3)/2 (and the negatives)
    >>> polys = [{(0, 0, 0): -1, (0, 1, 1): 2}, {(0, 0, 0): -1, (1, 0, 1): 2}, {(0, 0, 0): -1, (1, 1, 0): 3}]
    >>> [[round(v, 6) for v in to_floats(p)] for p in solve_three(polys)]
    [[-0.57735, -0.57735, -0.866025], [0.57735, 0.57735, 0.866025]]
    """
    return solve_bilinear([_coefficients(poly, r) for r, poly in enumerate(polys)])


def bilinear_coefficients(payoffs: np.ndarray, support: Sequence[Sequence[int]],
                          mixers: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Each of three mixers' indifference condition as ``(a, b, c, d)``: ``a + b u + c v + d u v``.

    ``u`` and ``v`` are the other two mixers' probabilities of their second support strategy (in
    player order); the condition is ``u_r(S_r[1]) - u_r(S_r[0])``, read off the integer payoffs:
    with ``delta(t_u, t_v)`` its value when ``u`` and ``v`` play ``S[t_u]`` and ``S[t_v]``,
    ``a = delta(0, 0)``, ``b = delta(1, 0) - a``, ``c = delta(0, 1) - a`` and
    ``d = delta(1, 1) - delta(1, 0) - delta(0, 1) + a``.
    """
    out = []
    index: list[int] = [s[0] for s in support]
    for r in mixers:
        u, v = (j for j in mixers if j != r)
        delta = {}
        for t_u, t_v in ((0, 0), (1, 0), (0, 1), (1, 1)):
            index[u], index[v] = support[u][t_u], support[v][t_v]
            index[r] = support[r][1]
            high = int(payoffs[r][tuple(index)])
            index[r] = support[r][0]
            delta[t_u, t_v] = high - int(payoffs[r][tuple(index)])
        index[u], index[v], index[r] = support[u][0], support[v][0], support[r][0]
        a = delta[0, 0]
        out.append((a, delta[1, 0] - a, delta[0, 1] - a, delta[1, 1] - delta[1, 0] - delta[0, 1] + a))
    return out


def solve_bilinear(coefficients: Sequence[tuple[int, int, int, int]]) -> list[QuadraticPoint] | None:
    """:func:`solve_three` of the conditions given by their coefficients (:func:`bilinear_coefficients`)."""
    (a0, b0, c0, d0), (a1, b1, c1, d1), (a2, b2, c2, d2) = coefficients  # y = N0 / E0, x = N1 / E1
    for a, b, c, d in ((a0, b0, c0, d0), (a1, b1, c1, d1)):
        if b == 0 and d == 0:
            return None  # the condition does not involve the unknown it should determine
        if d != 0 and a * d == b * c:
            return None  # at z = -b/d the condition vanishes whatever the other unknown
    e0, n0 = [b0, d0], [-a0, -c0]
    e1, n1 = [b1, d1], [-a1, -c1]
    q = _plus([a2 * t for t in _times(e0, e1)], [b2 * t for t in _times(n1, e0)],
              [c2 * t for t in _times(n0, e1)], [d2 * t for t in _times(n0, n1)])
    const, lin, quad = q
    if not (const or lin or quad):
        return None
    zs: list[tuple[int, int, int]] = []  # (P, Q, W): z = (P + Q sqrt(D)) / W
    radicand = 0
    if quad == 0:
        if lin:
            zs.append(_reduced(-const, 0, lin))
    else:
        disc = lin * lin - 4 * quad * const
        if disc >= 0:
            root = math.isqrt(disc)
            if root * root == disc:
                zs.extend({_reduced(-lin + s * root, 0, 2 * quad) for s in (-1, 1)})
            else:
                radicand = disc
                zs.extend(_reduced(-lin, s, 2 * quad) for s in (-1, 1))
    points = []
    for p, qz, w in sorted(zs):
        e0z = (b0 * w + d0 * p, d0 * qz)  # E0(z) * w
        e1z = (b1 * w + d1 * p, d1 * qz)
        if e0z == (0, 0) or e1z == (0, 0):
            continue  # P_x or P_y cannot vanish there (the common roots were excluded above)
        y = _quotient((-a0 * w - c0 * p, -c0 * qz), e0z, radicand)
        x = _quotient((-a1 * w - c1 * p, -c1 * qz), e1z, radicand)
        points.append(QuadraticPoint(radicand, (x, y, (p, qz, w))))
    return points


def in_unit_cube(point: QuadraticPoint) -> bool:
    """Whether every coordinate lies in ``[0, 1]`` (exactly)."""
    return all(_sign(p, q, point.radicand) >= 0 and _sign(w - p, -q, point.radicand) >= 0
               for p, q, w in point.coordinates)


def is_equilibrium(payoffs: np.ndarray, support: Sequence[Sequence[int]], mixers: Sequence[int],
                   point: QuadraticPoint) -> bool:
    """Whether the profile at ``point`` is a Nash equilibrium of the integer game ``payoffs``, exactly.

    Player ``mixers[r]`` plays ``support[mixers[r]][1]`` with probability ``x_r`` and ``[0]`` with
    ``1 - x_r``; the others play their one support strategy.  Every strategy of every player is
    compared, in integers of ``QQ(sqrt(D))`` over the positive common denominator.
    """
    radicand = point.radicand
    # per mixer: the numerator pair of each support strategy's probability times W
    numerators = {j: ((w - p, -q), (p, q)) for j, (p, q, w) in zip(mixers, point.coordinates)}
    index = [s[0] for s in support]
    for i in range(payoffs.shape[0]):
        table = payoffs[i]
        others = [j for j in mixers if j != i]
        choices = list(itertools.product((0, 1), repeat=len(others)))
        weights = []
        for choice in choices:
            u, v = 1, 0
            for j, t in zip(others, choice):
                a, b = numerators[j][t]
                u, v = u * a + v * b * radicand, u * b + v * a
            weights.append((u, v))
        values = []
        for t in range(payoffs.shape[1 + i]):
            index[i] = t
            u = v = 0
            for choice, (wu, wv) in zip(choices, weights):
                for j, c in zip(others, choice):
                    index[j] = support[j][c]
                entry = int(table.item(*index))
                u += entry * wu
                v += entry * wv
            values.append((u, v))
        index[i] = support[i][0]
        for j in others:
            index[j] = support[j][0]
        own = [values[s] for s in support[i]]
        if any(value != own[0] for value in own[1:]):
            return False
        if any(_sign(u - own[0][0], v - own[0][1], radicand) > 0 for u, v in values):
            return False
    return True


def to_floats(point: QuadraticPoint) -> list[float]:
    """The coordinates as floats, correctly rounded up to about ``2^-FLOAT_BITS`` of ``sqrt(D)``."""
    root = math.isqrt(point.radicand << (2 * FLOAT_BITS))
    return [float(Fraction((p << FLOAT_BITS) + q * root, w << FLOAT_BITS)) for p, q, w in point.coordinates]


def _vectors(n: int, mixers: Sequence[int], values: Sequence[Any]) -> list[list[Any]]:
    """Each player's vector on its support: ``[1 - x_r, x_r]`` for ``mixers[r]``, ``[1]`` for the others."""
    one = 1 + 0 * values[0]
    return [[one - values[mixers.index(i)], values[mixers.index(i)]] if i in mixers else [one] for i in range(n)]


def _record_floats(search: Any, support: Sequence[Sequence[int]], mixers: Sequence[int],
                   values: Sequence[float]) -> None:
    """Record an irrational equilibrium (proved exactly or in intervals) as floats marked inexact."""
    floats = []
    for row in search.embed(support, _vectors(search.n, mixers, values)):
        vector = np.array([max(float(p), 0.0) for p in row])
        floats.append(vector / vector.sum())
    search.inexact.append(len(search.candidates))
    search.candidates.append(floats)


def settle_pair(search: Any, support: Sequence[Sequence[int]], mixers: Sequence[int]) -> bool:
    """Settle a support profile of two binary mixers for the N-player ``search``; False when not done.

    Not done when a mixer has more than two support strategies or the solutions form a continuum
    (:func:`solve_pair` returns None): the caller's general linear route runs.
    """
    if len(support[mixers[0]]) != 2 or len(support[mixers[1]]) != 2:
        return False
    points = solve_pair(search.payoffs, support, mixers)
    if points is None:
        return False
    for point in points:
        if in_unit_cube(point) and is_equilibrium(search.payoffs, support, mixers, point):
            search.add_checked(support, _vectors(search.n, mixers, point.fractions()))
    return True


def settle_three(search: Any, support: Sequence[Sequence[int]]) -> bool:
    """Settle a support profile where exactly three players mix over two strategies each; False when not done.

    Not done for other profiles and where the closed form does not apply (:func:`solve_bilinear`
    returns None).  Each solution in the unit cube is checked exactly (:func:`is_equilibrium`); a
    rational one is recorded as Fractions, an irrational one as floats marked inexact.
    """
    mixers = [i for i, s in enumerate(support) if len(s) > 1]
    if len(mixers) != 3 or any(len(support[i]) != 2 for i in mixers):
        return False
    points = solve_bilinear(bilinear_coefficients(search.payoffs, support, mixers))
    if points is None:
        return False
    for point in points:
        if not in_unit_cube(point) or not is_equilibrium(search.payoffs, support, mixers, point):
            continue
        if not point.radicand:
            search.add_checked(support, _vectors(search.n, mixers, point.fractions()))
        else:
            _record_floats(search, support, mixers, to_floats(point))
    return True
