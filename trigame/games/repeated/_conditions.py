"""Exact "no gain" conditions on the discount factor, cleared of positive factors and solved (private).

Each condition of the one-shot deviation check is a rational function of δ whose denominator
is a product of cycle sums ``1 + δ + ... + δ^{L-1}`` (no root in (0, 1)); :func:`_no_gain`
clears it and drops the factors of the numerator of constant sign on (0, 1), and
:func:`_solve` solves the conjunction for δ by exact real-root isolation when δ is the only
symbol left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _positive_on_unit(factor: Any, symbols: set[Any]) -> int | None:
    """The constant sign of a polynomial in one discount symbol on (0, 1), or None if it may change sign."""
    import sympy

    free = factor.free_symbols
    if len(free) != 1 or not free <= symbols:
        return None
    (x,) = free
    poly = sympy.Poly(factor, x)
    inside = poly.count_roots(0, 1) - (poly.eval(0) == 0) - (poly.eval(1) == 0)
    if inside:
        return None
    return 1 if poly.eval(sympy.Rational(1, 2)) > 0 else -1


def _no_gain(expr: Any, symbols: set[Any]) -> Any:
    """The condition ``expr >= 0`` cleared of its denominator and of factors of constant sign on (0, 1)."""
    import sympy

    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    sign = 1
    if not den.free_symbols <= symbols:
        return sympy.Ge(expr, 0)
    for factor, _ in sympy.factor_list(den)[1]:
        s = _positive_on_unit(factor, symbols)
        if s is None and factor.free_symbols:
            return sympy.Ge(expr, 0)
    half = {s: sympy.Rational(1, 2) for s in den.free_symbols}
    sign = 1 if den.subs(half) > 0 else -1
    coefficient, factors = sympy.factor_list(num)
    kept = sympy.Integer(sign) * sympy.sign(coefficient) if coefficient != 0 else sympy.Integer(0)
    for factor, power in factors:
        s = _positive_on_unit(factor, symbols)
        if s is None:
            kept *= factor**power
        else:
            kept *= s**power
    kept = sympy.expand(kept)
    if kept.is_number:
        return sympy.true if kept >= 0 else sympy.false
    return sympy.Ge(kept, 0)


def _solve(conditions: Sequence[tuple[Any, Any]], symbols: Sequence[Any]) -> Any:
    """The conjunction of the conditions, solved for δ when it is the only symbol left."""
    import sympy

    conjunction = sympy.And(*[c for _, c in conditions])
    free = conjunction.free_symbols
    unique = {s for s in symbols if s.is_Symbol}
    if len(free) == 1 and free <= unique:
        (x,) = free
        from sympy.solvers.inequalities import solve_univariate_inequality

        region = sympy.Interval.open(0, 1)
        for _, c in conditions:
            if c is sympy.true:
                continue
            if c is sympy.false:
                return sympy.false
            region = region.intersect(solve_univariate_inequality(c, x, relational=False,
                                                                   domain=sympy.Interval.open(0, 1)))
        return region.as_relational(x) if region != sympy.EmptySet else sympy.false
    return conjunction
