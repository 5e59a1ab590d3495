"""Sign conditions on polynomials in the parameters: exact feasibility, simplification and cells.

The conditions of symbolic equilibria are Boolean combinations of polynomial
sign conditions (``p > 0``, ``p >= 0``, ``p = 0`` ...) in the model's
parameters, which range over a box of intervals (their domains).  This module
turns them into a disjunctive normal form over *atoms* -- canonical
irreducible polynomials, each with a set of allowed signs ``{-1, 0, +1}`` --
and decides, honestly, which conjunctions are empty:

* **Proved empty** by exact Fourier--Motzkin elimination over ``Fraction``
  (Motzkin 1936): linear atoms are used as they are; a nonlinear monomial
  becomes a fresh variable constrained by what the domains imply (its sign,
  McCormick's bounds for a product of two bounded parameters), a linear
  *relaxation* -- so an empty relaxation proves the condition empty.
* **Proved nonempty** by a witness: a rational point that satisfies every
  sign condition exactly (for linear conditions the elimination itself is the
  proof; otherwise equalities are solved for a parameter and the rest is
  sampled).
* **Unknown** otherwise (``None``): nothing is dropped or claimed on that basis.

Examples
--------
>>> import sympy as sp
>>> a, b = sp.symbols("a b")
>>> space = Space((a, b), {a: (0, False, None, True), b: (0, False, 1, False)})   # a >= 0, 0 <= b <= 1
>>> [space.feasible(c) for c in space.dnf(sp.And(a - b > 0, a + b < 0))]
[False]
>>> space.to_sympy(space.simplify(space.dnf(sp.Or(a >= 0, a - b > 0))))
True
>>> space.to_sympy(space.simplify(space.dnf(sp.And(a*b - 2 > 0, b - 1 <= 0))))   # a b > 2 already forces b > 0
a*b > 2
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["Clause", "Space"]

#: A conjunction: ``{atom index: allowed signs}``.
Clause = dict[int, frozenset[int]]
#: A polynomial: ``{exponent tuple: coefficient}``.
Poly = dict[tuple[int, ...], Fraction]
#: Bounds of one parameter: (lower, lower open, upper, upper open); None = unbounded.
Bounds = tuple[Fraction | None, bool, Fraction | None, bool]

ALL = frozenset((-1, 0, 1))
#: Sign sets that tightening may produce: an inequality collapsing to an equality.
_READABLE = (frozenset({0}),)
_RELATION_SIGNS = {"StrictGreaterThan": {1}, "GreaterThan": {0, 1}, "StrictLessThan": {-1}, "LessThan": {-1, 0},
                   "Equality": {0}, "Unequality": {-1, 1}}
#: Largest number of inequalities Fourier--Motzkin may hold before it gives up (answer: unknown).
FM_LIMIT = 3000
#: Random points tried per witness search.
SAMPLES = 300
#: Largest number of factors whose sign combinations are expanded.
MAX_FACTORS = 5


def _fraction(value: Any) -> Fraction:
    """A SymPy rational or float coefficient as a Fraction (floats exactly)."""
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    if getattr(value, "is_Float", False):
        return Fraction(float(value))
    raise TypeError(f"coefficient {value} is not a rational number")


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


# ------------------------------------------------------------------------------------------ real algebraic numbers
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
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError):
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
    except (NotImplementedError, ValueError, TypeError, sympy.polys.polyerrors.PolynomialError) as exc:
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


def _simplest_between(low: Fraction, high: Fraction) -> Fraction:
    """The rational with the smallest denominator (then the smallest size) in ``[low, high]`` (Stern--Brocot)."""
    if low <= 0 <= high:
        return Fraction(0)
    if high < 0:
        return -_simplest_between(-high, -low)
    whole = low.numerator // low.denominator
    if whole == low:
        return Fraction(whole)
    if whole + 1 <= high:
        return Fraction(whole + 1)
    return whole + 1 / _simplest_between(1 / (high - whole), 1 / (low - whole))


# ---------------------------------------------------------------------------------------------------- polynomials
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


# ---------------------------------------------------------------------------------------------------- the space
class Space:
    """Parameters, their domains, and the registry of atoms (canonical polynomials).

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The free parameters, in a fixed order.
    bounds : mapping
        ``{symbol: (lower, lower_open, upper, upper_open)}``; None = unbounded.
    """

    def __init__(self, symbols: Sequence[Any], bounds: Mapping[Any, Bounds]) -> None:
        self.symbols = tuple(symbols)
        self.index = {s: k for k, s in enumerate(self.symbols)}
        self.bounds: list[Bounds] = []
        for s in self.symbols:
            lo, lo_open, hi, hi_open = bounds.get(s, (None, True, None, True))
            self.bounds.append((None if lo is None else Fraction(lo), lo_open, None if hi is None else Fraction(hi),
                                hi_open))
        self.atoms: list[Poly] = []
        self._keys: dict[tuple[Any, ...], int] = {}
        self._cache: dict[tuple[Any, ...], bool | None] = {}
        self._witness: dict[tuple[Any, ...], tuple[Fraction, ...] | None] = {}
        self._boxes: dict[tuple[Any, ...], _Box] = {}
        self._rng = random.Random(20240517)
        #: Parameters compared with irrational real algebraic numbers (``x >= sqrt(2)``): see :meth:`_algebraic`.
        self.special: set[int] = set()
        #: Atoms ``x - a`` that only separate the roots of such a comparison's minimal polynomial.
        self._separators: set[int] = set()
        self._genuine: set[int] = set()
        self._converting = False

    # ------------------------------------------------------------------ atoms
    def poly(self, expr: Any) -> Poly:
        """A polynomial SymPy expression in the space's symbols as a :data:`Poly`."""
        import sympy

        from trigame.errors import UnsupportedGameError

        p = sympy.Poly(sympy.expand(expr), *self.symbols) if self.symbols else None
        if p is None:
            return {(): self._constant(expr)} if expr != 0 else {}
        try:
            return {tuple(m): _fraction(c) for m, c in p.terms() if c != 0}
        except TypeError:
            raise UnsupportedGameError(f"{expr} has irrational coefficients: its sign cannot be decided exactly; "
                                       "give rational parameter values") from None

    def _atom(self, p: Poly) -> tuple[int, int]:
        """Register the canonical form of a non-constant ``p``: (atom index, sign of the scale)."""
        leading = max(p)  # a fixed monomial order
        scale = p[leading]
        canonical = {m: c / abs(scale) for m, c in p.items()}
        key = tuple(sorted(canonical.items()))
        if key not in self._keys:
            self._keys[key] = len(self.atoms)
            self.atoms.append(canonical)
        if not self._converting:
            self._genuine.add(self._keys[key])
        return self._keys[key], _sign(scale)

    def is_separator(self, k: int) -> bool:
        """Whether atom ``k`` was introduced only to locate an algebraic threshold (never a boundary itself)."""
        return k in self._separators and k not in self._genuine

    def atom_expr(self, k: int) -> Any:
        """Atom ``k`` as a SymPy expression."""
        import sympy

        total = sympy.Integer(0)
        for m, c in self.atoms[k].items():
            term = sympy.Rational(c.numerator, c.denominator)
            for s, e in zip(self.symbols, m):
                term *= s**e
            total += term
        return total

    def sign_condition(self, expr: Any, signs: Iterable[int]) -> list[Clause]:
        """Clauses expressing ``sign(expr) in signs``, over the atoms of its factors.

        ``expr`` is a rational function ``p/q`` of the symbols with rational coefficients:
        ``sign(p/q) = sign(p) sign(q)`` where ``q != 0``; where ``q = 0`` the expression is undefined and the
        condition does not hold.  A factor of ``q`` proved nonzero on the domains is cleared (its sign is
        known), so it adds no atom.

        Raises
        ------
        UnsupportedGameError
            ``expr`` is not a rational function of the symbols with rational coefficients (square roots,
            other functions, irrational constants).
        """
        import sympy

        wanted = frozenset(signs)
        algebraic = self._algebraic(expr, wanted)
        if algebraic is not None:
            return algebraic
        numerator, denominator = self._fraction_of(expr)
        base = 1
        parts: list[tuple[int, int, int, frozenset[int]]] = []  # atom, sign of its scale, multiplicity, signs
        for part, allowed in ((numerator, ALL), (denominator, frozenset({-1, 1}))):
            if not part.free_symbols & set(self.symbols):
                base *= _sign(self._constant(part))
                continue
            constant, factors = sympy.factor_list(part, *self.symbols)
            base *= _sign(self._constant(constant))
            for f, multiplicity in factors:
                p = self.poly(f)
                if all(sum(m) == 0 for m in p):
                    base *= _sign(next(iter(p.values()))) ** multiplicity
                    continue
                if allowed != ALL:
                    known = self.proved_sign(p)
                    if known is not None:  # a denominator factor of known sign: cleared
                        base *= known**multiplicity
                        continue
                k, s = self._atom(p)
                parts.append((k, s, multiplicity, allowed))
        if base == 0:  # the numerator is identically zero
            return [{}] if 0 in wanted else []
        if len(parts) > MAX_FACTORS:  # too many factors to expand: the numerator and denominator are the atoms
            parts, base = [], 1
            for part, allowed in ((numerator, ALL), (denominator, frozenset({-1, 1}))):
                if part.free_symbols & set(self.symbols):
                    k, s = self._atom(self.poly(part))
                    parts.append((k, s, 1, allowed))
                else:
                    base *= _sign(self._constant(part))
        clauses = []
        for combo in itertools.product(*(sorted(a) for _, _, _, a in parts)):
            total = base
            for (_, s, m, _), sign in zip(parts, combo):
                total *= (s * sign) ** m
            if total in wanted:
                clause: Clause = {}
                ok = True
                for (k, _, _, _), sign in zip(parts, combo):
                    allowed = clause.get(k, ALL) & {sign}
                    if not allowed:
                        ok = False
                        break
                    clause[k] = frozenset(allowed)
                if ok:
                    clauses.append(clause)
        return _merge(clauses)

    def _algebraic(self, expr: Any, wanted: frozenset[int]) -> list[Clause] | None:
        """Clauses for ``sign(expr) in wanted`` when ``expr`` has irrational real algebraic constants.

        The one-parameter conditions of a tree are solved as intervals whose ends may be irrational
        (``x >= sqrt(2)``).  Such a condition ``k x + c``, with real algebraic numbers ``k != 0`` and ``c``,
        is ``sign(k) sign(x - r)`` with ``r = -c/k``; when ``r`` is irrational it is rewritten exactly over the
        rationals.  Let ``m`` be the minimal polynomial of ``r`` (irreducible over Q, so its real roots are
        simple and irrational), ``(a, b)`` an interval between the neighbouring real roots of ``m`` that holds
        ``r`` alone (``a``, ``b`` rational, or infinite when ``r`` is the smallest or the largest root), and
        ``s`` the sign of ``m`` just right of ``r``.  On ``(a, b)``, ``sign(x - r) = s sign(m(x))``; below
        ``a``, ``x < r``; above ``b``, ``x > r``.  So::

            x > r   <=>  x >= b  or  (x > a and s m(x) > 0)
            x = r   <=>  a < x < b  and  m(x) = 0
            x < r   <=>  x <= a  or  (x < b and s m(x) < 0)

        and the atoms are ``m`` and the separators ``x - a``, ``x - b``, all rational.  Constants are
        decided exactly the same way.  Returns None when ``expr`` has no irrational constants, or is not of
        this form (the caller then reports what it cannot analyse).
        """
        import sympy

        expr = sympy.sympify(expr, strict=True)
        if not isinstance(expr, sympy.Expr) or not _irrational_constants(expr):
            return None
        try:
            numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
        except sympy.polys.polyerrors.PolynomialError:
            return None
        symbols = set(self.symbols)
        used = numerator.free_symbols
        if denominator.free_symbols or used - symbols or len(used) > 1:
            return None
        scale = _algebraic_sign(denominator)
        if not used:
            if numerator.is_Rational or numerator.is_Float:
                return None
            return [{}] if scale * _algebraic_sign(numerator) in wanted else []
        (x,) = used
        hidden = {r: sympy.Dummy() for r in numerator.atoms(sympy.CRootOf)}  # CRootOf(x**5 - x - 1, 0) names x
        try:
            poly = sympy.Poly(numerator.xreplace(hidden), x)
        except sympy.polys.polyerrors.PolynomialError:
            return None
        back = {d: r for r, d in hidden.items()}
        coefficients = [c.xreplace(back) for c in poly.all_coeffs()]
        if poly.degree() != 1 or any(c.free_symbols for c in coefficients):
            return None
        if all(c.is_Rational or c.is_Float for c in coefficients) and denominator.is_Rational:
            return None
        k, c = coefficients
        scale *= _algebraic_sign(k)
        root = sympy.radsimp(-c / k)
        wanted = frozenset(scale * w for w in wanted)  # signs of x - root
        root_fraction = _rational_value(root)
        if root_fraction is not None:
            return self.sign_condition(x - sympy.Rational(root_fraction.numerator, root_fraction.denominator), wanted)
        minimal, index, roots = _locate(root)
        var = self.index[x]
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
        self._converting = True
        try:
            clauses = self.dnf(sympy.Or(*pieces))
            separators = [self._atom(self.poly(x - end))[0] for end in (a, b) if end is not None]
            boundary = self._atom(self.poly(m))[0]
        finally:
            self._converting = False
        self._separators.update(separators)
        self._genuine.add(boundary)
        self.special.add(var)
        return clauses

    def _fraction_of(self, expr: Any) -> tuple[Any, Any]:
        """Numerator and denominator of ``expr`` as polynomials in the symbols (expanded)."""
        import sympy

        from trigame.errors import UnsupportedGameError

        try:
            numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(sympy.sympify(expr, strict=True))))
            numerator, denominator = sympy.expand(numerator), sympy.expand(denominator)
            symbols = set(self.symbols)
            for part in (numerator, denominator):
                extra = part.free_symbols - symbols
                if extra:
                    raise UnsupportedGameError(
                        f"the condition on {expr} involves {', '.join(sorted(map(str, extra)))}, which are not "
                        f"free parameters here ({', '.join(map(str, self.symbols)) or 'none'})")
                if self.symbols and not part.is_polynomial(*self.symbols):
                    raise UnsupportedGameError(
                        f"the sign of {expr} cannot be analysed exactly: it is not a ratio of polynomials in the "
                        "parameters (square roots or other functions); fix more parameters to numbers")
                if self.symbols and part.free_symbols:
                    sympy.Poly(part, *self.symbols)  # its coefficients are checked by self.poly later
        except sympy.polys.polyerrors.PolynomialError as exc:
            raise UnsupportedGameError(f"the sign of {expr} cannot be analysed exactly ({exc})") from None
        return numerator, denominator

    @staticmethod
    def _constant(value: Any) -> Fraction:
        """A numeric SymPy constant as a Fraction (rational constants only)."""
        import sympy

        from trigame.errors import UnsupportedGameError

        if getattr(value, "is_Rational", False) or getattr(value, "is_Float", False):
            return _fraction(value)
        if isinstance(value, (int, Fraction)):
            return Fraction(value)
        simplified = sympy.nsimplify(value, rational=False)
        if getattr(simplified, "is_Rational", False):
            return _fraction(simplified)
        raise UnsupportedGameError(f"the constant {value} is not rational: conditions with irrational numbers "
                                   "cannot be decided exactly; give rational parameter values")

    # ------------------------------------------------------------------ Boolean structure
    def dnf(self, condition: Any, negate: bool = False) -> list[Clause]:
        """Disjunctive normal form of a SymPy condition (contradictory clauses removed)."""
        import sympy
        from sympy.logic import boolalg

        if condition is True or condition == sympy.true:
            return [] if negate else [{}]
        if condition is False or condition == sympy.false:
            return [{}] if negate else []
        if isinstance(condition, boolalg.Not):
            return self.dnf(condition.args[0], not negate)
        if isinstance(condition, (boolalg.And, boolalg.Or)):
            conjunctive = isinstance(condition, boolalg.And) != negate
            parts = [self.dnf(arg, negate) for arg in condition.args]
            if not conjunctive:
                return _dedupe([c for part in parts for c in part])
            out: list[Clause] = [{}]
            for part in sorted(parts, key=len):
                out = _dedupe([c for a in out for b in part if (c := conjoin(a, b)) is not None])
                if len(out) > 48:
                    out = [c for c in out if self.feasible(c, prove=False) is not False]
                if not out:
                    break
            return out
        name = type(condition).__name__
        if name in _RELATION_SIGNS:
            signs = _RELATION_SIGNS[name]
            if negate:
                signs = set(ALL - signs)
            return self.sign_condition(condition.lhs - condition.rhs, signs)
        raise TypeError(f"cannot read the condition {condition!r}")

    # ------------------------------------------------------------------ feasibility
    def feasible(self, clause: Clause, prove: bool = True) -> bool | None:
        """True (a witness exists), False (proved empty on the domain) or None (unknown).

        With ``prove=False`` no witness is searched for: the answer is False when the clause is proved empty,
        True when the elimination alone proves it nonempty (linear clauses), None otherwise -- all that
        pruning and simplification need.
        """
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key not in self._cache:
            self._cache[key] = self._eliminate(clause)
        verdict = self._cache[key]
        if verdict is not None or not prove:
            return verdict
        return True if self.witness(clause) is not None else None

    def witness(self, clause: Clause) -> tuple[Fraction, ...] | None:
        """A rational point of the domain satisfying ``clause`` exactly, when one is found."""
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key not in self._witness:
            self._witness[key] = self._search(clause)
        return self._witness[key]

    def _eliminate(self, clause: Clause) -> bool | None:
        if any(not signs for signs in clause.values()):
            return False
        box = self._narrowed(clause)
        if box.empty:
            return False
        if box.separable:
            return True  # every condition is on one parameter, and each was decided exactly
        linear, exact = self._relaxation(box)
        verdict = _fourier_motzkin(*linear)
        if verdict is False:
            return False
        return True if verdict is True and exact else None

    def _narrowed(self, clause: Clause) -> _Box:
        """The clause's box, pinned parameters and constraints; conditions on one parameter decided exactly."""
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key in self._boxes:
            return self._boxes[key]
        n = len(self.symbols)
        zero = tuple(0 for _ in range(n))
        bounds = self._clause_bounds(clause)
        empty = any(_empty_interval(b) for b in bounds)
        pinned = {v: lo for v, (lo, _, hi, _) in enumerate(bounds) if lo is not None and lo == hi}
        constraints: list[tuple[Poly, frozenset[int]]] = []
        for k, signs in clause.items():
            if signs == ALL:
                continue
            p = self.atoms[k]
            for v, value in pinned.items():  # a parameter the clause pins: substitute it exactly
                if any(m[v] for m in p):
                    p = _substitute(p, v, {zero: value})
            if all(sum(m) == 0 for m in p):
                empty = empty or _sign(p.get(zero, Fraction(0))) not in signs
                continue
            constraints.append((p, signs))
        # an equality linear in some parameter (constant coefficient) is solved for it and substituted exactly
        # into the other conditions, which then carry that parameter's domain (x = y and c g^2 < a x y ...)
        eliminated: dict[int, Poly] = {}
        while not empty:
            choice = next(((p, i) for p, s in constraints if s == {0} for i in sorted(_variables(p))
                           if _linear_in(p, i)), None)
            if choice is None:
                break
            p, var = choice
            unit = tuple(1 if k == var else 0 for k in range(n))
            rest = {m: -x / p[unit] for m, x in p.items() if m != unit}
            eliminated = {u: _substitute(q, var, rest) for u, q in eliminated.items()}
            eliminated[var] = rest
            lo, lo_open, hi, hi_open = bounds[var]
            moved = [(q, s) for q, s in constraints if q is not p]
            if lo is not None:
                moved.append((_padd(rest, {zero: -lo}), frozenset({1} if lo_open else {0, 1})))
            if hi is not None:
                moved.append((_padd({zero: hi}, rest, Fraction(-1)), frozenset({1} if hi_open else {0, 1})))
            constraints = []
            for q, s in moved:
                q = _substitute(q, var, rest) if any(m[var] for m in q) else q
                if all(sum(m) == 0 for m in q):
                    empty = empty or _sign(q.get(zero, Fraction(0))) not in s
                    continue
                constraints.append((q, s))
        values: dict[int, Fraction | None] = {}
        decided = True
        if not empty:
            empty = not _propagate(bounds, [(p, s) for p, s in constraints if all(sum(m) <= 1 for m in p)])
        if not empty:
            by_variable: dict[int, list[tuple[Poly, frozenset[int]]]] = {}
            for p, signs in constraints:
                used = _variables(p)
                if len(used) == 1:
                    by_variable.setdefault(next(iter(used)), []).append((p, signs))
                else:
                    decided = False
            for v, items in by_variable.items():
                result = _univariate([({m[v]: c for m, c in p.items()}, s) for p, s in items], bounds[v])
                if result is None:
                    decided = False
                    continue
                nonempty, value, hull = result
                if not nonempty:
                    empty = True
                    break
                values[v] = value
                bounds[v] = _intersect(bounds[v], hull)
        box = _Box(bounds, pinned, constraints, empty, decided and not empty, values, eliminated)
        self._boxes[key] = box
        return box

    def proved_sign(self, p: Poly) -> int | None:
        """+1 or -1 when the polynomial ``p`` is proved strictly positive (negative) on the whole domain."""
        for sign, signs in ((1, frozenset({-1, 0})), (-1, frozenset({0, 1}))):
            box = _Box(list(self.bounds), {}, [(p, signs)], False, False, {}, {})
            if _fourier_motzkin(*self._relaxation(box)[0]) is False:
                return sign
        return None

    def _relaxation(self, box: _Box) -> tuple[tuple[list[Any], list[Any]], bool]:
        """Linear constraints implied by the clause and the domains; and whether they are exactly the clause."""
        n = len(self.symbols)
        monomials: dict[tuple[int, ...], int] = {}
        equalities: list[tuple[dict[int, Fraction], Fraction]] = []
        inequalities: list[tuple[dict[int, Fraction], Fraction, bool]] = []
        exact = True

        def linearise(p: Poly) -> tuple[dict[int, Fraction], Fraction]:
            coeffs: dict[int, Fraction] = {}
            const = Fraction(0)
            for m, c in p.items():
                degree = sum(m)
                if degree == 0:
                    const += c
                elif degree == 1:
                    coeffs[m.index(1)] = coeffs.get(m.index(1), Fraction(0)) + c
                else:
                    if m not in monomials:
                        monomials[m] = n + len(monomials)
                    v = monomials[m]
                    coeffs[v] = coeffs.get(v, Fraction(0)) + c
            return coeffs, const

        bounds = box.bounds
        for v, value in box.pinned.items():  # the pinning equation itself is kept
            equalities.append(({v: Fraction(1)}, -value))
        for p, signs in [*box.constraints, *_products(box)]:
            if any(sum(m) > 1 for m in p):
                exact = False
            coeffs, const = linearise(p)
            if signs == {0}:
                equalities.append((coeffs, const))
            elif signs == {-1, 1}:
                exact = False  # p != 0 is not convex; it is checked by the witness
            else:
                positive = 1 in signs
                strict = 0 not in signs
                scale = Fraction(1 if positive else -1)
                inequalities.append(({v: scale * c for v, c in coeffs.items()}, scale * const, strict))
        for v, (lo, lo_open, hi, hi_open) in enumerate(bounds):
            if lo is not None:
                inequalities.append(({v: Fraction(1)}, -lo, lo_open))
            if hi is not None:
                inequalities.append(({v: Fraction(-1)}, hi, hi_open))
        for m, v in monomials.items():
            inequalities.extend(self._monomial_bounds(m, v, bounds))
        return (equalities, inequalities), exact

    def _clause_bounds(self, clause: Clause) -> list[Bounds]:
        """The domains narrowed by the clause's literals on single parameters (``x > b``, ``x = b`` ...)."""
        bounds = list(self.bounds)
        for k, signs in clause.items():
            p = self.atoms[k]
            units = [m for m in p if sum(m) == 1]
            if len(units) != 1 or any(sum(m) > 1 for m in p) or signs in (ALL, frozenset({-1, 1})):
                continue
            v = units[0].index(1)
            a = p[units[0]]
            b = -p.get(tuple(0 for _ in units[0]), Fraction(0)) / a  # the literal is about sign(a) (x - b)
            allowed = signs if a > 0 else frozenset(-s for s in signs)
            lo, lo_open, hi, hi_open = bounds[v]
            if allowed <= {0, 1} and (lo is None or b > lo or (b == lo and 0 not in allowed)):
                lo, lo_open = b, 0 not in allowed
            if allowed <= {-1, 0} and (hi is None or b < hi or (b == hi and 0 not in allowed)):
                hi, hi_open = b, 0 not in allowed
            bounds[v] = (lo, lo_open, hi, hi_open)
        return bounds

    def _monomial_bounds(self, m: tuple[int, ...], v: int, bounds: Sequence[Bounds]
                         ) -> list[tuple[dict[int, Fraction], Fraction, bool]]:
        """Valid linear bounds on a monomial variable ``y = x^m`` on the box ``bounds``.

        Its sign; its range by interval arithmetic; McCormick's envelope for a bilinear term; for a power
        ``x_i^e`` convex on the box (``e`` even, or ``x_i >= 0``), tangents ``y >= a^e + e a^(e-1) (x_i - a)``
        and, on a bounded interval, the secant from above.
        """
        out: list[tuple[dict[int, Fraction], Fraction, bool]] = []
        lows = [bounds[i][0] for i, e in enumerate(m) if e]
        nonnegative = all(lo is not None and lo >= 0 for lo in lows) or all(e % 2 == 0 for e in m)
        positive = all(
            lo is not None and (lo > 0 or (lo == 0 and bounds[i][1])) for i, lo in
            ((i, bounds[i][0]) for i, e in enumerate(m) if e)
        )
        if positive:
            out.append(({v: Fraction(1)}, Fraction(0), True))
        elif nonnegative:
            out.append(({v: Fraction(1)}, Fraction(0), False))
        low, high = _monomial_range(m, bounds)
        if low is not None:
            out.append(({v: Fraction(1)}, -low, False))
        if high is not None:
            out.append(({v: Fraction(-1)}, high, False))
        used = [i for i, e in enumerate(m) if e]
        if len(used) == 1 and m[used[0]] >= 2:
            (i,) = used
            e = m[i]
            li, _, ui, _ = bounds[i]
            if e % 2 == 0 or (li is not None and li >= 0):
                points = {a for a in (li, ui) if a is not None}
                if li is not None and ui is not None:
                    points.add((li + ui) / 2)
                elif li is not None:
                    points.update((li + 1, 2 * li + 1))
                elif ui is not None:
                    points.add(ui - 1)
                else:
                    points.update((Fraction(0), Fraction(1), Fraction(-1)))
                for a in points:  # y - e a^(e-1) x + (e-1) a^e >= 0
                    out.append(({v: Fraction(1), i: -e * a ** (e - 1)}, (e - 1) * a**e, False))
                if li is not None and ui is not None and ui > li:
                    slope = (ui**e - li**e) / (ui - li)
                    out.append(({v: Fraction(-1), i: slope}, li**e - slope * li, False))
        if len(used) == 2 and all(m[i] == 1 for i in used):
            (i, j) = used
            (li, _, ui, _), (lj, _, uj, _) = bounds[i], bounds[j]
            # y = x_i x_j: (x_i - l_i)(x_j - l_j) >= 0, (u_i - x_i)(u_j - x_j) >= 0, (x_i - l_i)(u_j - x_j) >= 0, ...
            if li is not None and lj is not None:
                out.append(({v: Fraction(1), i: -lj, j: -li}, li * lj, False))
            if ui is not None and uj is not None:
                out.append(({v: Fraction(1), i: -uj, j: -ui}, ui * uj, False))
            if li is not None and uj is not None:
                out.append(({v: Fraction(-1), i: uj, j: li}, -li * uj, False))
            if ui is not None and lj is not None:
                out.append(({v: Fraction(-1), i: lj, j: ui}, -ui * lj, False))
        return out

    # ------------------------------------------------------------------ witnesses
    def holds(self, clause: Clause, point: Sequence[Fraction]) -> bool:
        """Whether ``point`` satisfies ``clause`` and the domains, exactly."""
        for v, (lo, lo_open, hi, hi_open) in enumerate(self.bounds):
            x = point[v]
            if lo is not None and (x < lo or (lo_open and x == lo)):
                return False
            if hi is not None and (x > hi or (hi_open and x == hi)):
                return False
        return all(_sign(poly_eval(self.atoms[k], point)) in signs for k, signs in clause.items())

    def _search(self, clause: Clause) -> tuple[Fraction, ...] | None:
        box = self._narrowed(clause)
        if box.empty:
            return None
        n = len(self.symbols)
        zero = tuple(0 for _ in range(n))
        constraints = list(box.constraints)
        # parameters pinned by the clause, and those whose only conditions are on themselves (decided exactly,
        # with a rational point) are set once; the others are sampled in the clause's box
        solved: dict[int, Poly] = {v: {zero: value} for v, value in box.pinned.items()}
        shared = {i for p, _ in constraints if len(_variables(p)) > 1 for i in _variables(p)}
        shared |= {i for q in box.eliminated.values() for i in _variables(q)}
        for v, value in box.values.items():
            if value is not None and v not in shared:
                solved[v] = {zero: value}
        remaining = []
        for p, s in constraints:
            for v, q in solved.items():
                if any(m[v] for m in p):
                    p = _substitute(p, v, q)
            if all(sum(m) == 0 for m in p):
                if _sign(p.get(zero, Fraction(0))) not in s:
                    return None
                continue
            remaining.append((p, s))
        constraints = remaining
        solved.update(box.eliminated)
        # solve each equality for a variable that enters it linearly with a constant coefficient
        for _ in range(len(constraints)):
            choice = next(((p, i) for p, s in constraints if s == {0} and p
                           for i in range(n) if i not in solved and _linear_in(p, i)), None)
            if choice is None:
                break
            p, var = choice
            unit = tuple(1 if k == var else 0 for k in range(n))
            c = p[unit]
            rest = {m: -x / c for m, x in p.items() if m != unit}
            solved = {u: _substitute(q, var, rest) for u, q in solved.items()}
            solved[var] = rest
            constraints = [(_substitute(q, var, rest), s) for q, s in constraints if q is not p]
            lo, lo_open, hi, hi_open = box.bounds[var]
            if lo is not None:
                constraints.append((_padd(rest, {zero: -lo}), frozenset({1} if lo_open else {0, 1})))
            if hi is not None:
                constraints.append((_padd({zero: hi}, rest, Fraction(-1)), frozenset({1} if hi_open else {0, 1})))
        # the other equalities: each solved, after sampling, for a variable of degree 1 in it (coefficient
        # a polynomial in variables already set)
        deferred: list[tuple[int, Poly, Poly]] = []
        for q, s in constraints:
            if s != {0} or not q or all(sum(m) == 0 for m in q):
                continue
            taken = {v for v, _, _ in deferred} | set(solved)
            used = {i for _, c, r in deferred for m in (*c, *r) for i, e in enumerate(m) if e}
            var = next((i for i in range(n) if i not in taken | used and _degree(q, i) == 1), None)
            if var is None:
                return None
            coefficient = {tuple(0 if k == var else a for k, a in enumerate(m)): c for m, c in q.items() if m[var]}
            rest = {m: c for m, c in q.items() if not m[var]}
            deferred.append((var, coefficient, rest))
        fixed = set(solved) | {v for v, _, _ in deferred}
        free = [i for i in range(n) if i not in fixed]
        for attempt in range(SAMPLES):
            point = [Fraction(0)] * n
            for i in free:
                point[i] = self._sample(box.bounds[i], attempt)
            for var, coefficient, rest in deferred:
                c = poly_eval(coefficient, point)
                point[var] = -poly_eval(rest, point) / c if c else self._sample(box.bounds[var], attempt)
            for var, q in sorted(solved.items(), key=lambda item: len(_variables(item[1])) > 0):
                point[var] = poly_eval(q, point)  # constants first, then the parameters solved in terms of others
            if all(_sign(poly_eval(q, point)) in s for q, s in constraints) and self.holds(clause, point):
                return tuple(point)
        return None

    def _sample(self, bounds: Bounds, attempt: int) -> Fraction:
        lo, lo_open, hi, hi_open = bounds
        rng = self._rng
        scale = (1, 2, 5, 10, 50)[attempt % 5]
        denominator = rng.choice((1, 2, 3, 4, 7, 10))
        if lo is not None and hi is not None:
            if attempt % 7 == 0 and not lo_open:
                return lo
            if attempt % 7 == 1 and not hi_open:
                return hi
            if attempt % 7 == 2:
                return (lo + hi) / 2
            return lo + (hi - lo) * Fraction(rng.randint(1, 4 * denominator - 1), 4 * denominator)
        step = Fraction(rng.randint(1, 10 * denominator), denominator) * scale / 10
        if lo is not None:
            return lo + step if (lo_open or attempt % 6) else lo
        if hi is not None:
            return hi - step if (hi_open or attempt % 6) else hi
        return step * rng.choice((-1, 1)) if attempt % 6 else Fraction(0)

    # ------------------------------------------------------------------ simplification
    def simplify(self, clauses: list[Clause]) -> list[Clause]:
        """An equivalent, shorter DNF on the domain: empty clauses dropped, redundant literals removed, merged."""
        clauses = [c for c in _dedupe(clauses) if self.feasible(c, prove=False) is not False]
        for _ in range(4):
            before = [dict(c) for c in clauses]
            clauses = _merge(clauses)
            clauses = [self._prune(c) for c in clauses]
            clauses = _dedupe(clauses)
            clauses = [c for c in clauses if not any(d is not c and _subsumes(d, c) for d in clauses)]
            if clauses == before:
                break
        if any(not c for c in clauses):
            return [{}]
        return clauses

    def _prune(self, clause: Clause) -> Clause:
        """Drop literals implied by the rest of the clause and the domains."""
        out = dict(clause)
        for k in sorted(clause, key=lambda k: -len(self.atoms[k])):
            signs = out[k]
            if signs == ALL:
                del out[k]
                continue
            rest = {j: s for j, s in out.items() if j != k}
            complement = ALL - signs
            if all(self.feasible({**rest, k: frozenset({s})}, prove=False) is False for s in complement):
                out = rest
                continue
            # tighten: signs the rest rules out (e.g. ``k <= 0`` on a domain ``k >= 0`` is ``k = 0``)
            possible = frozenset(s for s in signs
                                 if self.feasible({**rest, k: frozenset({s})}, prove=False) is not False)
            if possible and possible != signs and possible in _READABLE:
                out[k] = possible
        return out

    def to_sympy(self, clauses: list[Clause]) -> Any:
        """The DNF as a readable SymPy condition (``p > 0`` written as ``P > N`` with positive sides).

        The conditions on a parameter compared with irrational thresholds (:attr:`special`) are written as
        the exact intervals they describe (``x >= sqrt(2)``), not as the polynomials that decide them.
        """
        import sympy

        if not clauses:
            return sympy.false
        parts = []
        for rest, sets in self.display_items(clauses):
            parts.append(sympy.And(*(self.literal(k, signs) for k, signs in sorted(rest.items())),
                                   *(self.set_relational(v, region) for v, region in sorted(sets.items()))))
        return sympy.Or(*parts)

    def display_items(self, clauses: list[Clause]) -> list[tuple[Clause, dict[int, Any]]]:
        """The clauses with the literals on each :attr:`special` parameter replaced by its solution set.

        Returns ``(other literals, {parameter index: SymPy set within its domain})`` per clause; clauses that
        differ only in one parameter's set are merged (their sets united).  Without special parameters,
        ``(clause, {})`` for each clause.
        """
        import sympy

        if not self.special:
            return [(dict(c), {}) for c in clauses]
        relations = {frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
                     frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
                     frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne}
        items: list[tuple[Clause, dict[int, Any]]] = []
        for clause in clauses:
            rest: Clause = {}
            groups: dict[int, list[Any]] = {v: [] for v in sorted(self.special)}
            for k, signs in clause.items():
                used = _variables(self.atoms[k])
                if len(used) == 1 and (v := next(iter(used))) in groups:
                    groups[v].append(relations[frozenset(signs)](self.atom_expr(k), 0))
                else:
                    rest[k] = signs
            sets = {v: self._solution_set(v, group) for v, group in groups.items()}
            if all(region != sympy.S.EmptySet for region in sets.values()):
                items.append((rest, sets))
        merged = True
        while merged:
            merged = False
            for i, j in itertools.combinations(range(len(items)), 2):
                (rest_i, sets_i), (rest_j, sets_j) = items[i], items[j]
                differ = [v for v in sets_i if sets_i[v] != sets_j[v]]
                if rest_i == rest_j and len(differ) <= 1:
                    union = dict(sets_i)
                    for v in differ:
                        union[v] = sympy.Union(sets_i[v], sets_j[v])
                    items = [item for n, item in enumerate(items) if n not in (i, j)] + [(rest_i, union)]
                    merged = True
                    break
        return items

    def domain_set(self, v: int) -> Any:
        """The domain of parameter ``v`` as a SymPy interval."""
        import sympy

        lo, lo_open, hi, hi_open = self.bounds[v]
        return sympy.Interval(-sympy.oo if lo is None else sympy.Rational(lo.numerator, lo.denominator),
                              sympy.oo if hi is None else sympy.Rational(hi.numerator, hi.denominator),
                              lo is None or lo_open, hi is None or hi_open)

    def _solution_set(self, v: int, relations: list[Any]) -> Any:
        """The exact set of values of parameter ``v`` in its domain that satisfy ``relations`` (one variable)."""
        import sympy

        domain = self.domain_set(v)
        if not relations:
            return domain
        x = self.symbols[v]
        real = sympy.Dummy(x.name, real=True)
        region = sympy.And(*relations).xreplace({x: real}).as_set()
        return sympy.Intersection(region, domain)

    def set_relational(self, v: int, region: Any) -> Any:
        """A set of values of parameter ``v`` as a relation, the shorter of it and its union with the outside
        of the domain (the domain is assumed: ``x < c`` for ``(0, c)`` on ``x > 0``)."""
        return self.region_relational(v, region)[0]

    def region_relational(self, v: int, region: Any) -> tuple[Any, list[Any]]:
        """:meth:`set_relational`, and the thresholds it names (finite ends that are not ends of the domain)."""
        import sympy

        domain = self.domain_set(v)
        if region == domain:
            return sympy.true, []
        x = self.symbols[v]
        candidates = [region, sympy.Union(region, sympy.Complement(sympy.S.Reals, domain))]
        ends = [[p for p in sympy.FiniteSet(*_ends(c)) if p.is_finite] for c in candidates]
        best = min(range(2), key=lambda i: (len(ends[i]), i))
        chosen = candidates[best]
        if chosen == sympy.S.EmptySet:
            return sympy.false, []
        unbounded = {sympy.Lt(x, sympy.oo): sympy.true, sympy.Lt(-sympy.oo, x): sympy.true,
                     sympy.Le(x, sympy.oo): sympy.true, sympy.Le(-sympy.oo, x): sympy.true}
        relation = chosen.as_relational(x).xreplace(unbounded)
        relation = relation.xreplace({r: r.reversed for r in relation.atoms(sympy.core.relational.Relational)
                                      if r.rhs == x and r.lhs != x})  # the parameter on the left: x >= sqrt(2)
        domain_ends = set(_ends(domain))
        named = sorted((p for p in set(ends[best]) if p not in domain_ends), key=lambda p: float(p.evalf(30)))
        return relation, named

    def literal(self, k: int, signs: frozenset[int]) -> Any:
        """Atom ``k`` with its allowed signs as one readable relation."""
        import sympy

        expr = self.atom_expr(k)
        positive = sympy.Add(*(t for t in sympy.Add.make_args(expr) if t.could_extract_minus_sign() is False))
        negative = sympy.Add(*(-t for t in sympy.Add.make_args(expr) if t.could_extract_minus_sign() is not False))
        if len(expr.free_symbols) == 1 and sympy.Poly(expr, *expr.free_symbols).degree() == 1:
            (x,) = expr.free_symbols
            k_, m_ = sympy.Poly(expr, x).all_coeffs()
            positive, negative = x, -m_ / k_
            if k_ < 0:
                signs = frozenset(-s for s in signs)
        relation = {
            frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
            frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
            frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne,
        }[frozenset(signs)]
        return relation(positive, negative, evaluate=False) if relation is not sympy.Eq else sympy.Eq(
            positive, negative, evaluate=False)

    def evaluate(self, clauses: list[Clause], point: Sequence[Fraction]) -> bool:
        """Whether the DNF holds at an exact point (the domains are not checked)."""
        signs = {}
        for clause in clauses:
            ok = True
            for k, allowed in clause.items():
                if k not in signs:
                    signs[k] = _sign(poly_eval(self.atoms[k], point))
                if signs[k] not in allowed:
                    ok = False
                    break
            if ok:
                return True
        return False

    # ------------------------------------------------------------------ cells
    def cells(self, atoms: Sequence[int], within: Clause | None = None) -> list[tuple[Clause, bool | None]]:
        """Every sign vector of ``atoms`` that is not proved empty (depth-first, pruned), with its verdict."""
        out: list[tuple[Clause, bool | None]] = []
        base = dict(within or {})

        def visit(depth: int, clause: Clause) -> None:
            last = depth == len(atoms)
            verdict = self.feasible(clause, prove=last)
            if verdict is False:
                return
            if last:
                out.append((clause, verdict))
                return
            k = atoms[depth]
            for s in (-1, 0, 1):
                allowed = clause.get(k, ALL) & {s}
                if allowed:
                    visit(depth + 1, {**clause, k: frozenset(allowed)})

        visit(0, base)
        return out


def _ends(region: Any) -> list[Any]:
    """The ends of the intervals (and the points) that make up a SymPy set of reals."""
    import sympy

    if isinstance(region, sympy.Interval):
        return [region.start, region.end]
    if isinstance(region, sympy.FiniteSet):
        return list(region.args)
    if isinstance(region, sympy.Union):
        return [p for part in region.args for p in _ends(part)]
    return list(getattr(region, "boundary", sympy.S.EmptySet))


def _degree(p: Poly, var: int) -> int:
    return max((m[var] for m in p), default=0)


def _linear_in(p: Poly, var: int) -> bool:
    """``p`` has the monomial ``x_var`` (constant coefficient) and no other monomial containing ``x_var``."""
    unit = [m for m in p if m[var]]
    return len(unit) == 1 and unit[0][var] == 1 and sum(unit[0]) == 1


def conjoin(a: Clause, b: Clause) -> Clause | None:
    """The conjunction of two clauses, or None when they contradict on some atom."""
    out = dict(a)
    for k, s in b.items():
        both = out.get(k, ALL) & s
        if not both:
            return None
        out[k] = both
    return out


def _dedupe(clauses: list[Clause]) -> list[Clause]:
    seen = set()
    out = []
    for c in clauses:
        key = tuple(sorted(c.items(), key=lambda item: item[0]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _subsumes(big: Clause, small: Clause) -> bool:
    """Every point of ``small`` lies in ``big`` (literal-wise)."""
    return all(k in small and small[k] <= s for k, s in big.items())


def _merge(clauses: list[Clause]) -> list[Clause]:
    """Merge clauses that differ in the signs of one atom only (``p > 0`` or ``p = 0`` -> ``p >= 0``)."""
    clauses = _dedupe(clauses)
    changed = True
    while changed:
        changed = False
        for a, b in itertools.combinations(range(len(clauses)), 2):
            x, y = clauses[a], clauses[b]
            if set(x) != set(y):
                continue
            differ = [k for k in x if x[k] != y[k]]
            if len(differ) != 1:
                continue
            (k,) = differ
            merged = {**x, k: x[k] | y[k]}
            if merged[k] == ALL:
                del merged[k]
            clauses = [c for i, c in enumerate(clauses) if i not in (a, b)] + [merged]
            changed = True
            break
    return clauses


# ---------------------------------------------------------------------------------------------------- elimination
def _normalise(coeffs: dict[int, Fraction], const: Fraction) -> tuple[tuple[tuple[int, Fraction], ...], Fraction]:
    first = abs(coeffs[min(coeffs)])
    return tuple(sorted((v, c / first) for v, c in coeffs.items())), const / first


def _fourier_motzkin(equalities: list[tuple[dict[int, Fraction], Fraction]],
                     inequalities: list[tuple[dict[int, Fraction], Fraction, bool]]) -> bool | None:
    """Whether ``{x : a.x + c = 0, b.x + d >= 0 (or > 0)}`` is nonempty, exactly (None: too large to decide)."""
    equalities = [(dict(c), k) for c, k in equalities]
    system = [(dict(c), k, s) for c, k, s in inequalities]
    while equalities:
        coeffs, const = equalities.pop()
        coeffs = {v: c for v, c in coeffs.items() if c}
        if not coeffs:
            if const != 0:
                return False
            continue
        var, a = min(coeffs.items())

        def substitute(c2: dict[int, Fraction], k2: Fraction, var: int = var, a: Fraction = a,
                       coeffs: dict[int, Fraction] = coeffs, const: Fraction = const
                       ) -> tuple[dict[int, Fraction], Fraction]:
            b = c2.get(var)
            if not b:
                return c2, k2
            f = b / a
            new = {v: c for v, c in c2.items() if v != var}
            for v, c in coeffs.items():
                if v != var:
                    value = new.get(v, Fraction(0)) - f * c
                    if value:
                        new[v] = value
                    else:
                        new.pop(v, None)
            return new, k2 - f * const

        equalities = [substitute(c, k) for c, k in equalities]
        system = [(*substitute(c, k), s) for c, k, s in system]
    while True:
        tight: dict[tuple[tuple[int, Fraction], ...], tuple[Fraction, bool]] = {}
        for coeffs, const, strict in system:
            coeffs = {v: c for v, c in coeffs.items() if c}
            if not coeffs:
                if const < 0 or (strict and const == 0):
                    return False
                continue
            key, k = _normalise(coeffs, const)
            old = tight.get(key)
            if old is None or k < old[0] or (k == old[0] and strict and not old[1]):
                tight[key] = (k, strict)
        if not tight:
            return True
        if len(tight) > FM_LIMIT:
            return None
        rows = [(dict(key), k, s) for key, (k, s) in tight.items()]
        variables = {v for c, _, _ in rows for v in c}
        var = min(variables, key=lambda v: sum(1 for c, _, _ in rows if c.get(v, 0) > 0)
                  * sum(1 for c, _, _ in rows if c.get(v, 0) < 0))
        upper = [r for r in rows if r[0].get(var, 0) < 0]
        lower = [r for r in rows if r[0].get(var, 0) > 0]
        if len(lower) * len(upper) > FM_LIMIT:  # the step alone would pass the budget: undecided, not slow
            return None
        system = [r for r in rows if var not in r[0]]
        for (cl, kl, sl), (cu, ku, su) in itertools.product(lower, upper):
            a, b = cl[var], -cu[var]
            coeffs = {v: b * cl.get(v, 0) + a * cu.get(v, 0) for v in set(cl) | set(cu) if v != var}
            system.append((coeffs, b * kl + a * ku, sl or su))


# ---------------------------------------------------------------------------------------------------- boxes
@dataclass
class _Box:
    """What a clause implies before any elimination.

    ``bounds``: the domains narrowed by the clause's conditions on single parameters (and by the exact
    solution sets of its univariate conditions); ``pinned``: parameters the clause fixes; ``constraints``:
    its other conditions with the pinned parameters substituted; ``empty``: proved empty already;
    ``separable``: every condition involves one parameter and was decided exactly (so nonempty);
    ``values``: a rational point of each parameter's univariate solution set, when one was found;
    ``eliminated``: parameters solved from linear equalities, as polynomials in the others.
    """

    bounds: list[Bounds]
    pinned: dict[int, Fraction]
    constraints: list[tuple[Poly, frozenset[int]]]
    empty: bool
    separable: bool
    values: dict[int, Fraction | None]
    eliminated: dict[int, Poly]


def _variables(p: Poly) -> set[int]:
    return {i for m in p for i, e in enumerate(m) if e}


def _empty_interval(bounds: Bounds) -> bool:
    lo, lo_open, hi, hi_open = bounds
    return lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open)))


def _intersect(a: Bounds, b: Bounds) -> Bounds:
    """The intersection of two intervals."""
    lo, lo_open, hi, hi_open = a
    if b[0] is not None and (lo is None or b[0] > lo or (b[0] == lo and b[1])):
        lo, lo_open = b[0], b[1]
    if b[2] is not None and (hi is None or b[2] < hi or (b[2] == hi and b[3])):
        hi, hi_open = b[2], b[3]
    return lo, lo_open, hi, hi_open


def _times(a: Fraction | float, b: Fraction | float) -> Fraction | float:
    """Product in the extended reals, with 0 * inf = 0 (the bound an endpoint 0 gives)."""
    return Fraction(0) if a == 0 or b == 0 else a * b


def _monomial_range(m: tuple[int, ...], bounds: Sequence[Bounds]) -> tuple[Fraction | None, Fraction | None]:
    """Closed bounds of ``x^m`` on the box by interval arithmetic (None: unbounded)."""
    inf = float("inf")
    low: Fraction | float = Fraction(1)
    high: Fraction | float = Fraction(1)
    for i, e in enumerate(m):
        if not e:
            continue
        lo = -inf if bounds[i][0] is None else bounds[i][0]
        hi = inf if bounds[i][2] is None else bounds[i][2]
        ends = [lo**e if abs(lo) != inf else (inf if e % 2 == 0 else -inf),
                hi**e if abs(hi) != inf else inf]
        if e % 2 == 0 and lo < 0 < hi:
            p_lo, p_hi = Fraction(0), max(ends)
        else:
            p_lo, p_hi = min(ends), max(ends)
        products = [_times(x, y) for x in (low, high) for y in (p_lo, p_hi)]
        low, high = min(products), max(products)
    return (None if low == -inf else Fraction(low)), (None if high == inf else Fraction(high))


def _univariate(items: list[tuple[dict[int, Fraction], frozenset[int]]], bounds: Bounds
                ) -> tuple[bool, Fraction | None, Bounds] | None:
    """Decide sign conditions on polynomials in one variable exactly, on an interval.

    ``items`` are ``({degree: coefficient}, allowed signs)``.  The real roots of all the polynomials are
    isolated in disjoint rational intervals (SymPy's exact real-root isolation); the signs are constant
    between consecutive roots, so testing every root (the polynomials that vanish there are known; the
    others keep the sign they have inside its isolating interval) and one rational point of every gap
    decides the system.  Returns (nonempty, a rational solution or None, closed outer bounds of the solution
    set), or None when the isolation could not separate the roots.
    """
    import sympy

    polys = [dict(q) for q, _ in items]
    allowed = [s for _, s in items]
    lo, lo_open, hi, hi_open = bounds
    if lo is not None:
        polys.append({1: Fraction(1), 0: -lo})
        allowed.append(frozenset({1} if lo_open else {0, 1}))
    if hi is not None:
        polys.append({1: Fraction(-1), 0: hi})
        allowed.append(frozenset({1} if hi_open else {0, 1}))
    x = sympy.Dummy("x")
    sympy_polys = [sympy.Poly.from_dict({(e,): sympy.Rational(c.numerator, c.denominator) for e, c in q.items()},
                                        x, domain="QQ") for q in polys]

    def value(q: dict[int, Fraction], t: Fraction) -> Fraction:
        return sum((c * t**e for e, c in q.items()), Fraction(0))

    def rational(a: Any) -> Fraction:
        return Fraction(int(a.p), int(a.q))

    roots: list[tuple[Fraction, Fraction, set[int]]] | None = None
    for eps in (None, sympy.Rational(1, 10**4), sympy.Rational(1, 10**12)):
        found = sorted(((rational(a), rational(b), set(d)) for (a, b), d in sympy.intervals(sympy_polys, eps=eps)),
                       key=lambda r: r[0])
        separated = all(left[1] < right[0] or (left[1] == right[0] and left[0] < left[1] and right[0] < right[1])
                        for left, right in itertools.pairwise(found))
        if separated:
            roots = found
            break
    if roots is None:
        return None
    tests: list[tuple[list[int], Fraction | None, Fraction | None, Fraction | None]] = []  # signs, point, hull
    for i in range(len(roots) + 1):  # the gaps
        left = roots[i - 1] if i > 0 else None
        right = roots[i] if i < len(roots) else None
        if left is None and right is None:
            t = Fraction(0)
        elif left is None:
            t = right[0] - 1
        elif right is None:
            t = left[1] + 1
        else:
            t = (left[1] + right[0]) / 2
        signs = [_sign(value(q, t)) for q in polys]
        if 0 in signs:
            return None  # the isolation left a root outside its interval: do not guess
        tests.append((signs, t, None if left is None else left[0], None if right is None else right[1]))
    for a, b, vanish in roots:
        point: Fraction | None = a if a == b else None
        if point is None:
            for j in vanish:
                for factor, _ in sympy.factor_list(sympy_polys[j])[1]:
                    if factor.degree() == 1:
                        c1, c0 = factor.all_coeffs()
                        r = rational(-c0 / c1)
                        if a <= r <= b:
                            point = r
        inside = (a + b) / 2
        signs = [0 if j in vanish else _sign(value(q, inside)) for j, q in enumerate(polys)]
        if a < b and any(s == 0 and j not in vanish for j, s in enumerate(signs)):
            return None
        tests.append((signs, point, a, b))
    good = [t for t in tests if all(s in ok for s, ok in zip(t[0], allowed))]
    if not good:
        return False, None, bounds
    witness = next((t[1] for t in good if t[1] is not None), None)
    low = None if any(t[2] is None for t in good) else min(t[2] for t in good)  # type: ignore[type-var]
    high = None if any(t[3] is None for t in good) else max(t[3] for t in good)  # type: ignore[type-var]
    return True, witness, (low, False, high, False)


def _propagate(bounds: list[Bounds], linear: list[tuple[Poly, frozenset[int]]], rounds: int = 3) -> bool:
    """Narrow ``bounds`` in place by the linear conditions (bound propagation); False when a box is empty.

    From ``sum_i a_i x_i + c >= 0`` (or ``> 0``): ``a_j x_j >= -c - sum_{i != j} max(a_i x_i)``, strict when the
    condition is strict or a bound used is open -- e.g. ``g > k_J`` and ``k_J > 0`` give ``g > 0``.
    """
    rows: list[tuple[dict[int, Fraction], Fraction, bool]] = []
    for p, signs in linear:
        coeffs = {m.index(1): c for m, c in p.items() if sum(m) == 1}
        const = next((c for m, c in p.items() if sum(m) == 0), Fraction(0))
        if signs <= {0, 1}:
            rows.append((coeffs, const, 0 not in signs))
        if signs <= {-1, 0}:
            rows.append(({v: -c for v, c in coeffs.items()}, -const, 0 not in signs))
    for _ in range(rounds):
        changed = False
        for coeffs, const, strict in rows:
            for j, a in coeffs.items():
                total, open_ = -const, strict  # a_j x_j >= total (strictly when open_)
                for i, b in coeffs.items():
                    if i == j:
                        continue
                    lo, lo_open, hi, hi_open = bounds[i]
                    end, end_open = (hi, hi_open) if b > 0 else (lo, lo_open)
                    if end is None:
                        break
                    total -= b * end
                    open_ = open_ or end_open
                else:
                    bound = total / a
                    new = (bound, open_, None, True) if a > 0 else (None, True, bound, open_)
                    narrowed = _intersect(bounds[j], new)
                    if narrowed != bounds[j]:
                        bounds[j] = narrowed
                        changed = True
                        if _empty_interval(narrowed):
                            return False
        if not changed:
            break
    return True


def _products(box: _Box) -> list[tuple[Poly, frozenset[int]]]:
    """Products of the clause's linear conditions with bound factors, for the quadratic terms it contains.

    For each monomial ``x_i x_j`` (or ``x_i^2``) of a nonlinear condition and each linear condition ``L`` in
    ``x_i``, ``L (x_j - l_j)`` and ``L (u_j - x_j)`` have the sign of ``L`` (the reformulation--linearisation
    technique of Sherali and Adams, first level): e.g. ``a >= c`` and ``k >= 0`` give ``a k >= c k``, which
    the linear relaxation needs to see that ``c g >= a k``, ``g < k``, ``c > 0`` is empty.
    """
    n = len(box.bounds)
    zero = tuple(0 for _ in range(n))
    linear = [(p, s) for p, s in box.constraints if all(sum(m) <= 1 for m in p) and s != {-1, 1}]
    pairs: set[tuple[int, int]] = set()
    for p, _ in box.constraints:
        for m in p:
            if sum(m) == 2:
                used = [i for i, e in enumerate(m) if e]
                i, j = (used[0], used[0]) if len(used) == 1 else used
                pairs.update(((i, j), (j, i)))
    out: list[tuple[Poly, frozenset[int]]] = []
    seen: set[tuple[Any, ...]] = set()
    for i, j in sorted(pairs):
        lo, lo_open, hi, hi_open = box.bounds[j]
        unit = tuple(1 if k == j else 0 for k in range(n))
        factors = []
        if lo is not None:
            factors.append(({unit: Fraction(1), zero: -lo} if lo else {unit: Fraction(1)}, lo_open))
        if hi is not None:
            factors.append(({unit: Fraction(-1), zero: hi} if hi else {unit: Fraction(-1)}, hi_open))
        for p, signs in linear:
            if not any(m[i] for m in p):
                continue
            if signs == {0}:
                product = _pmul(p, {unit: Fraction(1)})
                key = tuple(sorted(product.items()))
                if key not in seen:
                    seen.add(key)
                    out.append((product, frozenset({0})))
                continue
            for factor, strict in factors:
                product = _pmul(p, factor)
                # sign(L) in signs and factor >= 0 (> 0 when strict): the product keeps L's side of zero
                allowed = frozenset(signs) if strict else frozenset(signs) | {0}
                key = (tuple(sorted(product.items())), allowed)
                if product and key not in seen:
                    seen.add(key)
                    out.append((product, allowed))
    return out
