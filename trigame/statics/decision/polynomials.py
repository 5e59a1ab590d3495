"""Sparse polynomials in the parameters with exact rational coefficients, and parameter bounds.

A polynomial is a dict ``{exponent tuple: Fraction}`` over the space's parameters in their fixed order
(``{(1, 0): 1, (0, 2): -3}`` is ``a - 3 b**2``); a parameter's bounds are ``(lower, lower open, upper,
upper open)``.  Arithmetic, substitution and evaluation here are exact (``Fraction``) and need no SymPy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

#: A polynomial: ``{exponent tuple: coefficient}``.
Poly = dict[tuple[int, ...], Fraction]
#: Bounds of one parameter: (lower, lower open, upper, upper open); None = unbounded.
Bounds = tuple[Fraction | None, bool, Fraction | None, bool]


def _fraction(value: Any) -> Fraction:
    """A SymPy rational or float coefficient as a Fraction (floats exactly)."""
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    if getattr(value, "is_Float", False):
        return Fraction(float(value))
    raise TypeError(f"coefficient {value} is not a rational number")


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def poly_eval(p: Poly, point: Sequence[Any]) -> Any:
    """Value of ``p`` at ``point`` (Fractions: exact; NumPy arrays: broadcast)."""
    total: Any = 0
    for exps, c in p.items():
        term: Any = c
        for x, e in zip(point, exps):
            if e:
                term = term * x**e
        total = total + term
    return total


def poly_sign(p: Poly, point: Sequence[Fraction]) -> int:
    """The sign of ``p`` at a rational point, computed in integers (the same as ``_sign(poly_eval(p, point))``).

    With ``D`` the coordinates' common denominator, ``x = n / D`` and ``d`` the total degree of ``p``,
    ``D**d * L * p(x)`` (``L`` the coefficients' common denominator, both positive) is the integer
    ``sum L c_m D**(d - |m|) prod n_i**m_i``, which has the sign of ``p(x)``; Python integers are exact and
    several times faster than Fraction arithmetic, which normalises every product.  The integer coefficients
    of a polynomial asked about again, and the integer coordinates of a tuple asked about again, are kept by
    the object's identity (:func:`_kept`): ``p`` must not be changed after it is first asked about.
    """
    scaled = _scaled_point(point)
    if scaled is None:  # not rationals (floats, arrays): evaluate as they are
        return _sign(poly_eval(p, point))
    common, numerators = scaled
    _, terms = _compiled(p)
    total = 0
    for m, term, rest in terms:
        if rest:
            term *= common**rest
        for n, e in zip(numerators, m):
            if e:
                term *= n**e
        total += term
    return (total > 0) - (total < 0)


def _kept(cache: dict[Any, tuple[Any, Any]], key: Any, obj: object) -> Any:
    """The value ``cache`` keeps for ``obj`` under ``key`` (a key made from ``id(obj)``), or None.

    An entry holds its object, so the object's id is not reused while the entry lives, and is looked up by
    ``is``: an object so kept must never be changed (a registered atom never is; tuples cannot be).
    """
    entry = cache.get(key)
    if entry is not None and entry[0] is obj:
        return entry[1]
    return None


def _keep(cache: dict[Any, tuple[Any, Any]], key: Any, obj: object, value: Any, limit: int) -> Any:
    """Keep ``value`` for ``obj`` under ``key`` (see :func:`_kept`), clearing ``cache`` once it holds ``limit``
    entries; returns ``value``."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = (obj, value)
    return value


#: Integer forms of polynomials and of the latest points (tuples only), by identity (:func:`_kept`).
_COMPILED: dict[int, tuple[Poly, tuple[int, list[tuple[tuple[int, ...], int, int]]]]] = {}
_POINTS: dict[int, tuple[Sequence[Fraction], tuple[int, list[int]]]] = {}
_COMPILED_LIMIT = 20_000
_POINTS_LIMIT = 64


def _compiled(p: Poly) -> tuple[int, list[tuple[tuple[int, ...], int, int]]]:
    """``p``'s total degree and its terms ``(exponents, L c_m, d - |m|)`` (``L`` the coefficients' common
    denominator)."""
    kept = _kept(_COMPILED, id(p), p)
    if kept is not None:
        return kept
    scale = 1
    degree = 0
    for m, c in p.items():
        scale = math.lcm(scale, c.denominator)
        degree = max(degree, sum(m))
    terms = [(m, c.numerator * (scale // c.denominator), degree - sum(m)) for m, c in p.items()]
    return _keep(_COMPILED, id(p), p, (degree, terms), _COMPILED_LIMIT)


def _scaled_point(point: Sequence[Any]) -> tuple[int, list[int]] | None:
    """The coordinates' common denominator ``D`` and numerators over it; None when they are not rationals."""
    cached = isinstance(point, tuple)
    if cached:
        kept = _kept(_POINTS, id(point), point)
        if kept is not None:
            return kept
    try:
        common = 1
        for x in point:
            common = math.lcm(common, x.denominator)
        numerators = [x.numerator * (common // x.denominator) for x in point]
    except AttributeError:
        return None
    if cached:
        _keep(_POINTS, id(point), point, (common, numerators), _POINTS_LIMIT)
    return common, numerators


def _padd(p: Poly, q: Poly, scale: Fraction = Fraction(1)) -> Poly:
    out = dict(p)
    for m, c in q.items():
        v = out.get(m, Fraction(0)) + scale * c
        if v:
            out[m] = v
        else:
            out.pop(m, None)
    return out


def _pmul(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for (m1, c1), (m2, c2) in itertools.product(p.items(), q.items()):
        m = tuple(a + b for a, b in zip(m1, m2))
        v = out.get(m, Fraction(0)) + c1 * c2
        if v:
            out[m] = v
        else:
            out.pop(m, None)
    return out


def _substitute(p: Poly, var: int, q: Poly) -> Poly:
    """``p`` with variable ``var`` replaced by the polynomial ``q``."""
    out: Poly = {}
    powers: dict[int, Poly] = {}
    for m, c in p.items():
        e = m[var]
        rest = tuple(0 if k == var else a for k, a in enumerate(m))
        if e not in powers:
            power: Poly = {tuple(0 for _ in m): Fraction(1)}
            for _ in range(e):
                power = _pmul(power, q)
            powers[e] = power
        out = _padd(out, _pmul({rest: c}, powers[e]))
    return out


def _degree(p: Poly, var: int) -> int:
    return max((m[var] for m in p), default=0)


def _linear_in(p: Poly, var: int) -> bool:
    """``p`` has the monomial ``x_var`` (constant coefficient) and no other monomial containing ``x_var``."""
    unit = [m for m in p if m[var]]
    return len(unit) == 1 and unit[0][var] == 1 and sum(unit[0]) == 1


def _variables(p: Poly) -> set[int]:
    return {i for m in p for i, e in enumerate(m) if e}
