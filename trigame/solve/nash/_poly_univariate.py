"""Exact and interval arithmetic for the elimination of four binary mixers (:mod:`._poly_binary4`).

* polynomials in one unknown ``t`` with integer coefficients (lists, constant term first): exact
  division, values, Descartes' rule of signs on ``(0, 1)`` and on its dyadic pieces, and the
  exact isolation of the real roots in ``[0, 1]`` (:func:`_isolate`); the pseudo-remainder of a
  cubic by a quadratic in ``z`` over any ring (:func:`_remainder`);
* numbers of ``QQ(sqrt(D))`` as pairs of Fractions, with their exact signs;
* intervals of floats with outward rounding (each rounded result widened by one unit in the last
  place, a sum of two floats only when it was rounded): the rigorous enclosures in which a sign is
  decided or the elimination gives up (:class:`_GiveUp`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.solve.nash._poly_binary import _plus, _sign

__all__: list[str] = []

Z = list[int]  # a polynomial in t, constant term first
Bi = list[Z]  # a polynomial in (z, t), by degree in z
#: An element ``u + v sqrt(D)`` of ``QQ(sqrt(D))`` (``D`` fixed by the context).
Quad = tuple[Fraction, Fraction]
Interval = tuple[float, float]


#: Halvings of a piece of ``(0, 1)`` before the root isolation gives up.
MAX_SPLITS = 24


class _GiveUp(Exception):
    """The elimination cannot settle the profile (the general route takes it)."""


# ---------------------------------------------------------------------- polynomials in t
def _trim(f: Sequence[int]) -> Z:
    out = list(f)
    while out and out[-1] == 0:
        out.pop()
    return out


def _neg(f: Sequence[int]) -> Z:
    return [-a for a in f]


def _sub(f: Sequence[int], g: Sequence[int]) -> Z:
    return _plus(f, _neg(g))


def _divide(f: Sequence[int], g: Sequence[int]) -> Z | None:
    """``f / g`` in ``Q[t]`` when ``g`` divides ``f`` and the quotient has integer coefficients, else None."""
    f, g = _trim(f), _trim(g)
    if len(g) > len(f):
        return None if f else []
    rest = list(f)
    quotient = [0] * (len(f) - len(g) + 1)
    lead = g[-1]
    for k in range(len(quotient) - 1, -1, -1):
        c, remainder = divmod(rest[k + len(g) - 1], lead)
        if remainder:
            return None
        quotient[k] = c
        if c:
            for i, b in enumerate(g):
                rest[k + i] -= c * b
    return quotient if not any(rest) else None


def _remainder(q: Sequence[Any], f: Sequence[Any], times: Any, minus: Any) -> tuple[Any, Any]:
    """``(r_0, r_1)``: ``q_2^2 F = A Q + r_1 z + r_0``, from the coefficients in any ring (``times``, ``minus``).

    ``Q`` (degree 2 in ``z``) and ``F`` (degree 3) are given by their coefficients, lowest first.
    """
    q0, q1, q2 = q
    f0, f1, f2, f3 = f
    # q2 F - f3 z Q, then q2 (that) - (its z^2 coefficient) Q
    g1, g2 = minus(times(q2, f1), times(f3, q0)), minus(times(q2, f2), times(f3, q1))
    return minus(times(q2, times(q2, f0)), times(g2, q0)), minus(times(q2, g1), times(g2, q1))


def _primitive(f: Sequence[int]) -> Z:
    f = _trim(f)
    g = math.gcd(*f) if f else 0
    if g > 1:
        f = [a // g for a in f]
    if f and f[-1] < 0:
        f = _neg(f)
    return f


def _value(f: Sequence[int], t: Fraction | float) -> int:
    """``den^d f(num / den)`` for ``t = num / den`` (``den > 0``): the sign of ``f(t)``, in integers."""
    num, den = t.as_integer_ratio()
    acc = 0
    power = 1
    for a in reversed(f):
        acc = acc * num + a * power
        power *= den
    return acc


def _descartes(f: Sequence[int]) -> int:
    """Sign variations of ``(1 + s)^d f(1 / (1 + s))``: a bound on the roots of ``f`` in ``(0, 1)``, of their parity."""
    coefficients = list(reversed(f))  # the reversed polynomial, then a Taylor shift by 1
    d = len(coefficients) - 1
    for i in range(d):
        for k in range(d - 1, i - 1, -1):
            coefficients[k] += coefficients[k + 1]
    signs = [c > 0 for c in coefficients if c]
    return sum(1 for a, b in itertools.pairwise(signs) if a != b)


def _q_mul(a: Quad, b: Quad, d: int) -> Quad:
    return a[0] * b[0] + a[1] * b[1] * d, a[0] * b[1] + a[1] * b[0]


def _q_div(a: Quad, b: Quad, d: int) -> Quad:
    norm = b[0] * b[0] - b[1] * b[1] * d
    return _q_mul(a, (b[0] / norm, -b[1] / norm), d)


def _q_value(f: Sequence[int], t: Quad, d: int) -> Quad:
    acc: Quad = (Fraction(0), Fraction(0))
    for a in reversed(f):
        acc = _q_mul(acc, t, d)
        acc = (acc[0] + a, acc[1])
    return acc


def _roots_of_quadratic(g: Z) -> list[tuple[Quad, int]]:
    """The real roots in ``[0, 1]`` of a polynomial of degree at most 2, exactly, with their radicand."""
    if not g:
        raise _GiveUp  # the condition degenerates at every t
    if len(g) == 1:
        return []
    if len(g) == 2:
        roots = [((Fraction(-g[0], g[1]), Fraction(0)), 0)]
    else:
        c, b, a = g
        disc = b * b - 4 * a * c
        if disc < 0:
            return []
        root = math.isqrt(disc)
        if root * root == disc:
            roots = [((Fraction(-b + s * root, 2 * a), Fraction(0)), 0) for s in {-1, 1}]
        else:
            roots = [((Fraction(-b, 2 * a), Fraction(s, 2 * a)), disc) for s in (-1, 1)]
    return [((u, v), d) for (u, v), d in roots if _sign(u, v, d) >= 0 and _sign(1 - u, -v, d) >= 0]


def _enclose(t: Quad, d: int) -> Interval:
    """Floats enclosing ``u + v sqrt(d)``: its float value widened by ``1e-12 (1 + |u| + |v| sqrt(d))``.

    The float value (``u``, ``v`` and ``sqrt(d)`` each rounded once, then a product and a sum) is
    within a few units in the last place of ``|u| + |v| sqrt(d)``, about ``1e-15`` of it: the margin
    exceeds that error a thousandfold, so the interval holds the number (a float ``u`` alone is exact).
    """
    u, v = t
    if not v and Fraction(float(u)) == u:
        return float(u), float(u)
    try:
        a, b = float(u), float(v) * math.sqrt(d)
    except OverflowError:  # pragma: no cover - numbers beyond 1e308
        raise _GiveUp from None
    step = 1e-12 * (1 + abs(a) + abs(b))  # the rounding error is below 1e-15 of |u| + |v| sqrt(d)
    return a + b - step, a + b + step


# ---------------------------------------------------------------------- interval arithmetic (outward rounding)
_INF = math.inf


def _iv(c: int | float) -> Interval:
    v = float(c)
    if v == c:
        return v, v
    return math.nextafter(v, -_INF), math.nextafter(v, _INF)


def _iv_add(a: Interval, b: Interval) -> Interval:
    if a[0] == a[1] and b[0] == b[1]:  # two numbers: widened only when the sum is rounded (Knuth's TwoSum)
        total = a[0] + b[0]
        late = total - a[0]
        if (a[0] - (total - late)) + (b[0] - late) == 0 and math.isfinite(total):
            return total, total
    return _finite(math.nextafter(a[0] + b[0], -_INF), math.nextafter(a[1] + b[1], _INF))


def _iv_mul(a: Interval, b: Interval) -> Interval:
    if a == (0.0, 0.0) or b == (0.0, 0.0):
        return 0.0, 0.0
    products = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return _finite(math.nextafter(min(products), -_INF), math.nextafter(max(products), _INF))


def _finite(low: float, high: float) -> Interval:
    """The interval, given up when an end overflowed (or is not a number: no comparison would hold)."""
    if not (-_INF < low and high < _INF):
        raise _GiveUp
    return low, high


def _iv_div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        raise _GiveUp  # the denominator may vanish
    return _iv_mul(a, (math.nextafter(1 / b[1], -_INF), math.nextafter(1 / b[0], _INF)))


def _iv_poly(f: Sequence[int], t: Interval) -> Interval:
    acc: Interval = (0.0, 0.0)
    for a in reversed(f):
        acc = _iv_add(_iv_mul(acc, t), _iv(a))
    return acc


def _nonzero(a: Interval) -> bool:
    if a[0] <= 0 <= a[1]:
        raise _GiveUp
    return True


def _propagate(conditions: Sequence[dict[int, Interval]], fixed: dict[int, Interval], skip: int) -> bool:
    """False when the conditions (but ``skip``), with ``fixed`` unknowns, have no solution in the cube.

    A condition left linear in one unknown with a coefficient proved nonzero fixes it; one with no
    unknown left must contain 0.  True (not excluded) when no condition can be used further.
    """
    pending = [k for k in range(len(conditions)) if k != skip]
    progress = True
    while pending and progress:
        progress = False
        for k in list(pending):
            reduced: dict[int, Interval] = {}
            for mask, coefficient in conditions[k].items():
                rest = mask
                for bit, value in fixed.items():
                    if mask & bit:
                        coefficient = _iv_mul(coefficient, value)
                        rest &= ~bit
                reduced[rest] = _iv_add(reduced[rest], coefficient) if rest in reduced else coefficient
            live = [m for m, c in reduced.items() if m and (c[0] != 0 or c[1] != 0)]
            constant = reduced.get(0, (0.0, 0.0))
            if not live:
                if constant[0] > 0 or constant[1] < 0:
                    return False
                pending.remove(k)
                progress = True
            elif len(live) == 1 and live[0] in (1, 2, 4):
                slope = reduced[live[0]]
                if slope[0] <= 0 <= slope[1]:
                    continue
                value = _iv_div((-constant[1], -constant[0]), slope)
                if value[1] < 0 or value[0] > 1:
                    return False
                fixed[live[0]] = value
                pending.remove(k)
                progress = True
    return True


# ---------------------------------------------------------------------- roots of R' in [0, 1]
def _isolate(f: Z) -> tuple[list[Fraction], list[Interval]]:
    """The rational roots of ``f`` in ``[0, 1]`` and disjoint float intervals holding its other roots there.

    Proved complete: each interval has a sign change of ``f`` between its (float) ends, and the
    deflated polynomial has as many roots in ``(0, 1)`` by Descartes' rule of signs.
    """
    f = _primitive(f)
    if not f:
        raise _GiveUp
    rational: list[Fraction] = []
    if len(f) == 1:
        return rational, []
    approximations = []
    if len(f) > 2:
        top = max(abs(a) for a in f)
        try:
            scaled = [a / top for a in reversed(f)]
        except OverflowError:  # pragma: no cover - coefficients beyond 1e308
            raise _GiveUp from None
        approximations = [_newton(scaled, r.real) for r in np.roots(scaled)
                          if abs(r.imag) <= 1e-7 * max(1.0, abs(r.real)) and -1e-6 <= r.real <= 1 + 1e-6]
    else:
        approximations = [-f[0] / f[1]]
    for guess in [0.0, 1.0, *approximations]:
        candidate = Fraction(guess).limit_denominator(1 << 24)
        if 0 <= candidate <= 1 and candidate not in rational and _value(f, candidate) == 0:
            deflated = _divide(f, [-candidate.numerator, candidate.denominator])
            if deflated is None:  # pragma: no cover - a rational root of a primitive polynomial divides it
                raise _GiveUp
            rational.append(candidate)
            f = deflated
    rest = [r for r in approximations if all(abs(r - float(q)) > 1e-9 for q in rational)]
    intervals: list[Interval] = []
    for r in sorted(rest):
        for width in (1e-13, 1e-11, 1e-9, 1e-7):
            step = width * max(1.0, abs(r))
            low, high = max(0.0, r - step), min(1.0, r + step)
            a, b = _value(f, low), _value(f, high)
            if a * b < 0 and low < high:
                break
        else:
            continue  # no sign change (a root just outside [0, 1], or not simple): Descartes' count below decides
        if intervals and low <= intervals[-1][1]:
            raise _GiveUp
        intervals.append((low, high))
    if len(f) > 1 and _descartes(f) != len(intervals):
        # split (0, 1) between the intervals, and each piece in halves until Descartes' bound is exact
        cuts = [Fraction(0), *(Fraction((a[1] + b[0]) / 2) for a, b in itertools.pairwise(intervals)), Fraction(1)]
        pending = [(left, right, 0) for left, right in itertools.pairwise(cuts)]
        while pending:
            left, right, depth = pending.pop()
            inside = [i for i in intervals if left <= i[0] and i[1] <= right]
            bound = _descartes_on(f, left, right)
            if bound == len(inside):
                continue
            if depth >= MAX_SPLITS:
                raise _GiveUp
            middle = (left + right) / 2
            for start, end in inside:
                if start <= middle <= end:
                    middle = Fraction(start) if start > left else Fraction(end)
            pending.extend(((left, middle, depth + 1), (middle, right, depth + 1)))
    return rational, [_narrowed(f, low, high) for low, high in intervals]


def _narrowed(f: Sequence[int], low: float, high: float) -> Interval:
    """The interval halved (exact signs at float midpoints) until about 1e-15 wide: the root's enclosure."""
    sign_low = _value(f, low) > 0
    for _ in range(48):
        if high - low <= 1e-15 * max(1.0, abs(low)):
            break
        middle = (low + high) / 2
        if not low < middle < high:
            break
        value = _value(f, middle)
        if value == 0:
            raise _GiveUp  # a dyadic root not found as rational above (its interval would be a point)
        if (value > 0) == sign_low:
            low = middle
        else:
            high = middle
    return low, high


def _newton(scaled: Sequence[float], root: float) -> float:
    """A few Newton steps on the float polynomial (highest power first): eigenvalues lose digits."""
    derivative = np.polyder(np.asarray(scaled))
    x = root
    for _ in range(4):
        slope = float(np.polyval(derivative, x))
        if slope == 0:
            break
        step = float(np.polyval(scaled, x)) / slope
        if not abs(step) < 1e-6:
            break  # not converging to this root: keep the last value
        x -= step
        if abs(step) <= 1e-16 * max(1.0, abs(x)):
            break
    return x


def _descartes_on(f: Sequence[int], low: Fraction, high: Fraction) -> int:
    """:func:`_descartes` of ``f`` on ``(low, high)`` (dyadic ends; gives up where ``f`` vanishes at one)."""
    scale = max(low.denominator, high.denominator)
    start, width = int(low * scale), int((high - low) * scale)
    d = len(f) - 1
    k = scale.bit_length() - 1  # scale is a power of two
    c = [a << (k * (d - i)) for i, a in enumerate(f)]  # 2^(k d) f(u / 2^k)
    if start:  # Taylor shift: u = start + y
        for i in range(d):
            for j in range(d - 1, i - 1, -1):
                c[j] += start * c[j + 1]
    if width != 1:  # y = width x
        power = 1
        for i in range(d + 1):
            c[i] *= power
            power *= width
    if c[0] == 0 or sum(c) == 0:
        raise _GiveUp  # a root at a cut: a rational root not found above
    return _descartes(c)
