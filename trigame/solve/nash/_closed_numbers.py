"""Probabilities of the closed-form candidates as numbers: exact Fractions, or floats for square roots.

A candidate probability is ``N / M`` with ``N = a + b sqrt(disc)`` and
``M = c + f sqrt(disc)``; it is rational when ``disc`` is a square or the
irrational parts cancel, and is otherwise rounded to a float from an exact
rational approximation of the square root (:data:`_GUARD_BITS` extra bits).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trigame.solve.nash._closed_backend import Surd

__all__ = ["_probability", "_probability_parts", "_surd_to_float"]

#: Extra bits of precision when an irrational probability is rounded to a float.
_GUARD_BITS = 80


def _exact_sqrt(value: Fraction) -> Fraction | None:
    """The rational square root of ``value``, or None when it is irrational."""
    if value < 0:
        return None
    n, d = value.numerator, value.denominator
    rn, rd = math.isqrt(n), math.isqrt(d)
    if rn * rn == n and rd * rd == d:
        return Fraction(rn, rd)
    return None


def _surd_to_float(a: Fraction, b: Fraction, disc: Fraction) -> float:
    """``a + b*sqrt(disc)`` correctly rounded up to a few ulps (no cancellation)."""
    if b == 0 or disc == 0:
        return float(a)
    # sqrt(disc) to _GUARD_BITS bits beyond the integer part, as a Fraction
    scale = 1 << (2 * _GUARD_BITS)
    root = Fraction(math.isqrt(disc.numerator * disc.denominator * scale), disc.denominator << _GUARD_BITS)
    if (a >= 0) == (b >= 0) or a == 0:
        return float(a + b * root)
    # opposite signs: a + b s = (a^2 - b^2 disc) / (a - b s), the denominator has no cancellation
    return float((a * a - b * b * disc) / (a - b * root))


def _probability(prob: tuple[Surd, Surd], disc: Any) -> tuple[Fraction | float, bool]:
    """``N / M`` as an exact Fraction when rational, else a float; and whether it is exact."""
    N, M = prob
    a, b = N.parts()
    c, f = M.parts()
    return _probability_parts(a, b, c, f, disc)


def _probability_parts(a: Any, b: Any, c: Any, f: Any, disc: Any) -> tuple[Fraction | float, bool]:
    """``(a + b sqrt(disc)) / (c + f sqrt(disc))`` as in :func:`_probability`."""
    if disc is None or (b == 0 and f == 0):
        return Fraction(a) / Fraction(c), True
    disc = Fraction(disc)
    root = _exact_sqrt(disc)
    if root is not None:
        return Fraction(a + b * root) / Fraction(c + f * root), True
    norm = Fraction(c * c - f * f * disc)
    x0 = Fraction(a * c - b * f * disc) / norm
    x1 = Fraction(b * c - a * f) / norm
    if x1 == 0:
        return x0, True
    return _surd_to_float(x0, x1, disc), False
