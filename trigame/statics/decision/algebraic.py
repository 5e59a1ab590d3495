"""Real algebraic numbers, compared exactly: conditions with irrational thresholds rewritten over the rationals.

The one-parameter conditions of a tree are solved as intervals whose ends may be irrational (``x >=
sqrt(2)``).  Such a number is decided through its minimal polynomial (SymPy's ``minimal_polynomial``): it is
rational when that polynomial has degree 1; otherwise it is located among the polynomial's real roots by
exact real-root isolation (disjoint rational isolating intervals), which gives its sign and lets a
comparison ``x - r`` be rewritten as sign conditions on rational polynomials (:func:`_threshold_condition`).
Rational separators between neighbouring roots are the simplest rationals in a gap (Stern--Brocot).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from trigame._numbers import simplest_between as _simplest_between  # the rational with the smallest denominator
from trigame.statics.decision.polynomials import _fraction, _sign

#: Width of the isolating intervals of real algebraic numbers; their numeric values are compared to within
#: :data:`_MATCH` (SymPy evaluates them to :data:`_DIGITS` significant digits).
_ISOLATION = Fraction(1, 10**30)
_DIGITS = 60
_MATCH = Fraction(1, 10**45)


def _irrational_constants(expr: Any) -> bool:
    """Whether ``expr`` may hold numbers that are not rational (radicals, roots of polynomials, pi ...)."""
    import sympy

    return bool(expr.atoms(sympy.NumberSymbol, sympy.CRootOf) or expr.has(sympy.I)) or any(
        not (a.is_Rational or a.is_Float) for a in expr.atoms(sympy.Number)) or any(
        not p.exp.is_Integer for p in expr.atoms(sympy.Pow))


def _rational_value(value: Any) -> Fraction | None:
    """``value`` as a Fraction when it is a rational number (decided by its minimal polynomial), else None."""
    import sympy

    if value.is_Rational or value.is_Float:
        return _fraction(value)
    t = sympy.Dummy("t")
    try:
        minimal = sympy.minimal_polynomial(value, t, polys=True)
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.BasePolynomialError):
        return None
    if minimal.degree() != 1:
        return None
    c1, c0 = minimal.all_coeffs()
    return -_fraction(c0) / _fraction(c1)


def _locate(value: Any) -> tuple[dict[int, Fraction], int, list[tuple[Fraction, Fraction]]]:
    """A real algebraic number as (its minimal polynomial ``{degree: coefficient}``, the index of its real root,
    disjoint rational isolating intervals of all the real roots in increasing order).

    Raises
    ------
    UnsupportedGameError
        ``value`` is not a real algebraic number, or could not be told apart from the other roots.
    """
    import sympy

    from trigame.errors import UnsupportedGameError

    t = sympy.Dummy("t")
    try:
        minimal = sympy.minimal_polynomial(value, t, polys=True)
        approximation = value.evalf(_DIGITS)
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.BasePolynomialError) as exc:
        raise UnsupportedGameError(f"the number {value} is not an algebraic number that can be compared exactly "
                                   f"({type(exc).__name__}); give rational parameter values") from None
    real, imaginary = approximation.as_real_imag()
    if not real.is_Float or (imaginary != 0 and abs(imaginary) > 10**-40):
        raise UnsupportedGameError(f"the number {value} is not real; conditions compare real numbers only")
    coefficients = {e: _fraction(c) for (e,), c in minimal.terms()}
    roots = [(_fraction(a), _fraction(b)) for (a, b), _ in minimal.intervals(eps=sympy.Rational(
        _ISOLATION.numerator, _ISOLATION.denominator))]
    roots.sort()
    x = Fraction(sympy.Rational(real).p, sympy.Rational(real).q)
    hits = [i for i, (a, b) in enumerate(roots) if a - _MATCH <= x <= b + _MATCH]
    if len(hits) != 1:
        raise UnsupportedGameError(f"the number {value} could not be isolated from the other roots of its "
                                   f"minimal polynomial {minimal.as_expr()}; give rational parameter values")
    return coefficients, hits[0], roots


def _algebraic_sign(value: Any) -> int:
    """The sign of a real algebraic SymPy number, decided exactly (by its isolating interval)."""
    exact = _rational_value(value)
    if exact is not None:
        return _sign(exact)
    _, index, roots = _locate(value)  # its minimal polynomial is irreducible of degree >= 2: the value is not 0
    a, b = roots[index]
    if a > 0:
        return 1
    if b < 0:
        return -1
    from trigame.errors import UnsupportedGameError

    raise UnsupportedGameError(f"the sign of {value} could not be decided; give rational parameter values")


def _threshold_condition(x: Any, root: Any, wanted: frozenset[int]) -> tuple[Any, Any, list[Any]]:
    """``sign(x - root) in wanted`` for an irrational real algebraic ``root``, as a condition over the rationals.

    Let ``m`` be the minimal polynomial of ``r = root`` (irreducible over Q, so its real roots are simple and
    irrational), ``(a, b)`` an interval between the neighbouring real roots of ``m`` that holds ``r`` alone
    (``a``, ``b`` rational, or infinite when ``r`` is the smallest or the largest root), and ``s`` the sign of
    ``m`` just right of ``r``.  On ``(a, b)``, ``sign(x - r) = s sign(m(x))``; below ``a``, ``x < r``; above
    ``b``, ``x > r``.  So::

        x > r   <=>  x >= b  or  (x > a and s m(x) > 0)
        x = r   <=>  a < x < b  and  m(x) = 0
        x < r   <=>  x <= a  or  (x < b and s m(x) < 0)

    Returns the SymPy condition, ``m(x)``, and the finite separators among ``a``, ``b``.

    Raises
    ------
    UnsupportedGameError
        ``root`` is not a real algebraic number, or could not be told apart from the other roots.
    """
    import sympy

    minimal, index, roots = _locate(root)
    t = sympy.Dummy("t")
    m = sympy.Poly.from_dict({(e,): sympy.Rational(q.numerator, q.denominator) for e, q in minimal.items()},
                             t).as_expr().xreplace({t: x})
    side = _sign(sum((q * roots[index][1] ** e for e, q in minimal.items()), Fraction(0)))
    low = _simplest_between(roots[index - 1][1], roots[index][0]) if index > 0 else None
    high = _simplest_between(roots[index][1], roots[index + 1][0]) if index + 1 < len(roots) else None
    a = sympy.Rational(low.numerator, low.denominator) if low is not None else None
    b = sympy.Rational(high.numerator, high.denominator) if high is not None else None
    above = sympy.true if a is None else x > a
    below = sympy.true if b is None else x < b
    pieces = []
    if 1 in wanted:
        pieces.append(sympy.Or(sympy.false if b is None else x >= b, sympy.And(above, side * m > 0)))
    if 0 in wanted:
        pieces.append(sympy.And(above, below, sympy.Eq(m, 0)))
    if -1 in wanted:
        pieces.append(sympy.Or(sympy.false if a is None else x <= a, sympy.And(below, side * m < 0)))
    return sympy.Or(*pieces), m, [end for end in (a, b) if end is not None]
