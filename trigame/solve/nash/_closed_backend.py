"""Arithmetic backends for the closed-form formulas of 2x2 and 2x2x2 games.

The formulas in :mod:`trigame.solve.nash._closed_formulas` are written once, using
only ``+ - *`` on the backend's values and the comparisons a backend provides.
Three backends evaluate them:

* :class:`ExactBackend` -- Python ``Fraction`` scalars; comparisons are Python
  booleans, decided exactly;
* :class:`SympyBackend` -- SymPy expressions; comparisons are SymPy relationals
  and the logical connectives build SymPy booleans (the conditions of a
  symbolic solution);
* :class:`NumpyBackend` -- float arrays of any shape (one entry per game of a
  batch); comparisons are boolean arrays, decided with an absolute tolerance.

Probabilities of the totally mixed equilibria of a 2x2x2 game are roots of a
quadratic, so the formulas work in the field extension ``Q(sqrt(disc))``:
a :class:`Surd` ``a + b*sqrt(disc)`` keeps ``a`` and ``b`` as backend values
and decides its sign without a square root,

    a + b sqrt(d) > 0  <=>  (a > 0 and b >= 0) or (a > 0 and b < 0 and a^2 > b^2 d)
                            or (a <= 0 and b > 0 and b^2 d > a^2)        (d >= 0),

so every condition is a polynomial sign condition: it can be evaluated exactly
for rational payoffs and substituted safely for any parameter values.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["ExactBackend", "IntegerBackend", "NumpyBackend", "PolyValue", "Surd", "SympyBackend"]


class ExactBackend:
    """Exact rational arithmetic on Python scalars; conditions are ``bool``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> B = ExactBackend()
    >>> B.all(B.pos(Fraction(1, 3)), B.zero(0)), B.any(B.neg(1), False)
    (True, False)
    """

    true: Any = True
    false: Any = False

    def pos(self, x: Any) -> bool:
        return x > 0

    def neg(self, x: Any) -> bool:
        return x < 0

    def nonneg(self, x: Any) -> bool:
        return x >= 0

    def nonpos(self, x: Any) -> bool:
        return x <= 0

    def zero(self, x: Any) -> bool:
        return x == 0

    def all(self, *conditions: Any) -> bool:
        return all(conditions)

    def any(self, *conditions: Any) -> bool:
        return any(conditions)

    def not_(self, condition: Any) -> bool:
        return not condition

    def is_false(self, condition: Any) -> bool:
        """True when the condition certainly fails (used to prune work)."""
        return condition is False or condition is np.False_

    def constant(self, value: int) -> Any:
        return Fraction(value)

    def half(self, x: Any) -> Any:
        """``x / 2`` (the formulas halve only sums and differences of values at ``r = 1`` and ``r = -1``)."""
        return x * (self.constant(1) / self.constant(2))


class IntegerBackend(ExactBackend):
    """:class:`ExactBackend` on integer advantages: constants are Python ints, so the arithmetic stays in integers.

    The formulas halve only ``Q(1) - Q(-1)`` and ``Q(1) + Q(-1) - 2 Q(0)`` of a
    quadratic ``Q`` with integer coefficients, which are even; an odd value
    (impossible for integer inputs) would still be halved exactly as a Fraction.

    Examples
    --------
    >>> B = IntegerBackend()
    >>> B.constant(3), B.half(6), B.half(3)
    (3, 3, Fraction(3, 2))
    """

    def constant(self, value: int) -> Any:
        return value

    def half(self, x: Any) -> Any:
        if isinstance(x, int) and x % 2 == 0:
            return x // 2
        return Fraction(x) / 2


#: Polynomials with more terms than this become unevaluated relationals (SymPy's sign queries on them are slow).
_EVALUATE_TERMS = 24

#: Work units charged per term turned into a SymPy expression (a SymPy term costs about as much as 100 products).
_EXPRESSION_COST = 100


class PolyValue:
    """A polynomial in the game's symbols (an element of a SymPy ``PolyRing``) whose arithmetic is counted.

    The closed forms multiply long chains of sums; as SymPy expressions these
    stay unexpanded trees and expanding them at the end can take hours.  As
    ring elements every intermediate result is a sparse expanded polynomial, and
    each operation charges its cost (terms touched) to a :class:`WorkBudget`.
    """

    __slots__ = ("budget", "poly")

    def __init__(self, poly: Any, budget: Any) -> None:
        self.poly = poly
        self.budget = budget

    def _other(self, other: Any) -> Any:
        return other.poly if isinstance(other, PolyValue) else other

    def __add__(self, other: Any) -> PolyValue:
        o = self._other(other)
        self.budget.spend(len(self.poly) + (len(o) if hasattr(o, "terms") else 1))
        return PolyValue(self.poly + o, self.budget)

    __radd__ = __add__

    def __neg__(self) -> PolyValue:
        self.budget.spend(len(self.poly))
        return PolyValue(-self.poly, self.budget)

    def __sub__(self, other: Any) -> PolyValue:
        o = self._other(other)
        self.budget.spend(len(self.poly) + (len(o) if hasattr(o, "terms") else 1))
        return PolyValue(self.poly - o, self.budget)

    def __rsub__(self, other: Any) -> PolyValue:
        return (-self) + other

    def __mul__(self, other: Any) -> PolyValue:
        o = self._other(other)
        self.budget.spend(len(self.poly) * (len(o) if hasattr(o, "terms") else 1))
        return PolyValue(self.poly * o, self.budget)

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        return bool(self.poly == self._other(other))

    def __hash__(self) -> int:
        return hash(self.poly)

    def __len__(self) -> int:
        return len(self.poly)


class SympyBackend(ExactBackend):
    """SymPy expressions; conditions are SymPy booleans (relationals of expanded polynomials).

    With a ``budget`` (a :class:`~trigame.budget.WorkBudget`), :meth:`lift` turns
    advantage tables into counted ring elements (:class:`PolyValue`), so that
    the formulas run as polynomial arithmetic and stop cleanly past the budget;
    :meth:`expr` turns a value back into a SymPy expression.
    """

    def __init__(self, budget: Any = None) -> None:
        import sympy

        self.sp = sympy
        self.true = sympy.true
        self.false = sympy.false
        self.budget = budget
        self.ring: Any = None
        self._expressions: dict[Any, Any] = {}

    def lift(self, tables: list[dict[tuple[int, ...], Any]], others: Sequence[Any] = ()
             ) -> tuple[list[dict[tuple[int, ...], Any]], list[Any]]:
        """The advantage tables and ``others`` as :class:`PolyValue` elements of one polynomial ring.

        The generators are the symbols and the non-polynomial subexpressions
        (``sqrt(a)``, ``1/a``) of the values.  Without a budget, or where SymPy
        finds no ring, the values are returned unchanged.
        """
        sp = self.sp
        if self.budget is None:
            return tables, list(others)
        from sympy.polys.polyerrors import PolynomialError
        from sympy.polys.rings import sring

        keys = [(i, a) for i, table in enumerate(tables) for a in table]
        values = [sp.sympify(tables[i][a]) for i, a in keys] + [sp.sympify(v) for v in others]
        try:  # integer coefficients stay in ZZ (much faster than QQ without gmpy2)
            ring, polys = sring(values)
        except (PolynomialError, ValueError, TypeError):  # pragma: no cover - not a polynomial in any generators
            return tables, list(others)
        self.ring = ring
        out: list[dict[tuple[int, ...], Any]] = [{} for _ in tables]
        for (i, a), poly in zip(keys, polys):
            out[i][a] = PolyValue(poly, self.budget)
        return out, [PolyValue(poly, self.budget) for poly in polys[len(keys):]]

    def cancel(self, p: PolyValue, q: PolyValue) -> tuple[PolyValue, PolyValue]:
        """``p / q`` in lowest terms (a common factor removed), counted."""
        self.budget.spend(len(p.poly) * len(q.poly))
        if not self.ring.domain.is_Exact:
            return p, q
        num, den = p.poly.cancel(q.poly)
        return PolyValue(num, self.budget), PolyValue(den, self.budget)

    def expr(self, x: Any) -> Any:
        """A value as a SymPy expression."""
        if not isinstance(x, PolyValue):
            return self.sp.sympify(x)
        poly = x.poly
        if poly not in self._expressions:
            self.budget.spend(_EXPRESSION_COST * len(poly))
            self._expressions[poly] = poly.as_expr()
        return self._expressions[poly]

    def _rel(self, relation: Any, x: Any) -> Any:
        if isinstance(x, PolyValue):
            if x.poly.is_ground:
                return relation(self.expr(x), 0)
            return relation(self.expr(x), 0, evaluate=len(x.poly) <= _EVALUATE_TERMS)
        return relation(self.sp.expand(x), 0)

    def pos(self, x: Any) -> Any:
        return self._rel(self.sp.Gt, x)

    def neg(self, x: Any) -> Any:
        return self._rel(self.sp.Lt, x)

    def nonneg(self, x: Any) -> Any:
        return self._rel(self.sp.Ge, x)

    def nonpos(self, x: Any) -> Any:
        return self._rel(self.sp.Le, x)

    def zero(self, x: Any) -> Any:
        return self._rel(self.sp.Eq, x)

    def all(self, *conditions: Any) -> Any:
        return self.sp.And(*conditions)

    def any(self, *conditions: Any) -> Any:
        return self.sp.Or(*conditions)

    def not_(self, condition: Any) -> Any:
        return self.sp.Not(condition)

    def is_false(self, condition: Any) -> bool:
        return condition is self.sp.false or condition is False

    def constant(self, value: int) -> Any:
        if self.ring is not None:
            return PolyValue(self.ring(value), self.budget)
        return self.sp.Integer(value)

    def half(self, x: Any) -> Any:
        if isinstance(x, PolyValue):
            if self.ring.domain == self.sp.ZZ:  # the formulas halve only even polynomials (Q(1) -+ Q(-1))
                if any(c % 2 for c in x.poly.itercoeffs()):  # pragma: no cover - Q(1) -+ Q(-1) is even
                    raise ArithmeticError("halving an odd integer polynomial")
                return PolyValue(x.poly.quo_ground(2), x.budget)
            return PolyValue(x.poly * self.ring.domain.convert(self.sp.Rational(1, 2)), x.budget)
        return x * self.sp.Rational(1, 2)


class NumpyBackend(ExactBackend):
    """Float arrays (a batch of games); conditions are boolean arrays.

    ``atol`` is the absolute tolerance below which a value counts as zero;
    callers should scale it to the degree of the polynomial being tested.

    Examples
    --------
    >>> import numpy as np
    >>> B = NumpyBackend(atol=1e-12)
    >>> B.all(B.pos(np.array([1.0, -1.0])), B.nonneg(np.array([0.0, 2.0]))).tolist()
    [True, False]
    """

    def __init__(self, atol: float = 0.0) -> None:
        self.atol = float(atol)
        self.true = np.True_
        self.false = np.False_

    def pos(self, x: Any) -> Any:
        return np.asarray(x) > self.atol

    def neg(self, x: Any) -> Any:
        return np.asarray(x) < -self.atol

    def nonneg(self, x: Any) -> Any:
        return np.asarray(x) >= -self.atol

    def nonpos(self, x: Any) -> Any:
        return np.asarray(x) <= self.atol

    def zero(self, x: Any) -> Any:
        return np.abs(np.asarray(x)) <= self.atol

    def all(self, *conditions: Any) -> Any:
        out: Any = np.True_
        for c in conditions:
            out = np.logical_and(out, c)
        return out

    def any(self, *conditions: Any) -> Any:
        out: Any = np.False_
        for c in conditions:
            out = np.logical_or(out, c)
        return out

    def not_(self, condition: Any) -> Any:
        return np.logical_not(condition)

    def is_false(self, condition: Any) -> bool:
        return not np.any(condition)

    def constant(self, value: int) -> Any:
        return float(value)


class Surd:
    """A number ``a + b*sqrt(disc)`` of the field ``Q(sqrt(disc))`` over a backend.

    ``b is None`` marks a plain value (no square root).  Only ring operations are
    provided; a quotient is kept as a (numerator, denominator) pair by the callers.

    Examples
    --------
    >>> B = ExactBackend()
    >>> x = Surd(B, -1, 1, 2)          # sqrt(2) - 1 > 0
    >>> B.pos(1) and x.pos(), (x * x).parts()
    (True, (3, -2))
    """

    __slots__ = ("B", "a", "b", "disc")

    def __init__(self, backend: Any, a: Any, b: Any = None, disc: Any = None) -> None:
        self.B = backend
        self.a = a
        self.b = b
        self.disc = disc

    def parts(self) -> tuple[Any, Any]:
        """``(a, b)`` with ``b = 0`` for a plain value."""
        return self.a, (0 if self.b is None else self.b)

    def _lift(self, other: Any) -> Surd:
        if isinstance(other, Surd):
            return other
        return Surd(self.B, other, None, self.disc)

    def _combine(self, a: Any, b: Any, other: Surd) -> Surd:
        disc = self.disc if self.disc is not None else other.disc
        return Surd(self.B, a, b, disc)

    def __add__(self, other: Any) -> Surd:
        o = self._lift(other)
        if self.b is None and o.b is None:
            return self._combine(self.a + o.a, None, o)
        return self._combine(self.a + o.a, self.parts()[1] + o.parts()[1], o)

    __radd__ = __add__

    def __neg__(self) -> Surd:
        return Surd(self.B, -self.a, None if self.b is None else -self.b, self.disc)

    def __sub__(self, other: Any) -> Surd:
        return self + (-self._lift(other))

    def __rsub__(self, other: Any) -> Surd:
        return self._lift(other) + (-self)

    def __mul__(self, other: Any) -> Surd:
        o = self._lift(other)
        if self.b is None and o.b is None:
            return self._combine(self.a * o.a, None, o)
        if o.b is None:
            return self._combine(self.a * o.a, self.b * o.a, o)
        if self.b is None:
            return self._combine(self.a * o.a, self.a * o.b, o)
        disc = self.disc if self.disc is not None else o.disc
        return self._combine(self.a * o.a + self.b * o.b * disc, self.a * o.b + self.b * o.a, o)

    __rmul__ = __mul__

    # ------------------------------------------------------------------ signs (valid when disc >= 0)
    def pos(self) -> Any:
        B, a, b = self.B, self.a, self.b
        if b is None:
            return B.pos(a)
        gap = a * a - b * b * self.disc
        return B.any(
            B.all(B.pos(a), B.nonneg(b)),
            B.all(B.pos(a), B.neg(b), B.pos(gap)),
            B.all(B.nonpos(a), B.pos(b), B.neg(gap)),
        )

    def neg(self) -> Any:
        return (-self).pos()

    def zero(self) -> Any:
        B, a, b = self.B, self.a, self.b
        if b is None:
            return B.zero(a)
        # a + b sqrt(d) = 0  <=>  a^2 = b^2 d  and  a b <= 0
        return B.all(B.zero(a * a - b * b * self.disc), B.nonpos(a * b))

    def nonneg(self) -> Any:
        return self.B.not_(self.neg()) if self.b is not None else self.B.nonneg(self.a)

    def nonpos(self) -> Any:
        return self.B.not_(self.pos()) if self.b is not None else self.B.nonpos(self.a)


def opposite(u: Surd, v: Surd) -> Any:
    """Condition that ``u`` and ``v`` are nonzero with strictly opposite signs.

    The root ``v0 / (v0 - v1)`` of the line through ``(0, v0)`` and ``(1, v1)``
    lies in the open interval (0, 1) exactly when ``opposite(v0, v1)``; the
    condition is unchanged when both values are scaled by one nonzero factor.
    """
    B = u.B
    return B.any(B.all(u.pos(), v.neg()), B.all(u.neg(), v.pos()))
