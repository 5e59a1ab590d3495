"""The space of parameters: SymPy conditions read as clauses over canonical polynomial atoms.

A condition of a symbolic equilibrium is a Boolean combination of sign conditions on rational functions of
the parameters (``p > 0``, ``p >= 0``, ``p = 0`` ...).  :meth:`Space.dnf` brings it to a disjunctive normal
form whose literals are sign conditions on *atoms*: the irreducible factors of numerators and denominators
(SymPy's ``factor_list``), each scaled to a canonical form and registered once, with a set of allowed signs
``{-1, 0, +1}``.  Comparisons with irrational real algebraic thresholds are rewritten exactly over the
rationals (:mod:`~trigame.statics.decision.algebraic`).  What the clauses mean on the domain is decided by
the layers below (:class:`~trigame.statics.decision.domain.Domain`), simplified and displayed by those
:class:`Space` inherits.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from trigame.statics.decision.algebraic import (
    _algebraic_sign,
    _irrational_constants,
    _rational_value,
    _threshold_condition,
)
from trigame.statics.decision.clauses import ALL, Clause, _dedupe, _merge, conjoin
from trigame.statics.decision.display import Display
from trigame.statics.decision.polynomials import Poly, _fraction, _sign
from trigame.statics.decision.simplify import Simplification

__all__ = ["Space"]

_RELATION_SIGNS = {"StrictGreaterThan": {1}, "GreaterThan": {0, 1}, "StrictLessThan": {-1}, "LessThan": {-1, 0},
                   "Equality": {0}, "Unequality": {-1, 1}}
#: Largest number of factors whose sign combinations are expanded.
MAX_FACTORS = 5


class Space(Simplification, Display):
    """Parameters, their domains, and the registry of atoms (canonical polynomials).

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The free parameters, in a fixed order.
    bounds : mapping
        ``{symbol: (lower, lower_open, upper, upper_open)}``; None = unbounded.
    """

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
        wanted = frozenset(signs)
        if self._converting:
            return self._sign_condition(expr, wanted)
        key = (expr, wanted)
        if key not in self._sign_conditions:  # a model's regimes repeat a few dozen comparisons many times
            self._sign_conditions[key] = self._sign_condition(expr, wanted)
        return [dict(c) for c in self._sign_conditions[key]]

    def _sign_condition(self, expr: Any, wanted: frozenset[int]) -> list[Clause]:
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
            constant, factors = self._factored(part)
            base *= _sign(constant)
            for p, multiplicity in factors:
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

    def _factored(self, part: Any) -> tuple[Fraction, list[tuple[Poly, int]]]:
        """``sympy.factor_list(part, *symbols)``: the constant, and each factor as a :data:`Poly` with its
        multiplicity, in SymPy's order.

        Each polynomial is factored once, as a polynomial (``sympy.factor_list`` reads the expression's
        product structure first, which an expanded polynomial does not have), by FLINT when python-flint is
        installed (:func:`_flint_factor_list`, the same factors), and ``-part`` is ``part``'s factors with the
        constant negated (SymPy's factors are primitive with a positive leading coefficient).
        """
        import sympy
        from sympy.polys.polytools import _sorted_factors

        cache = self.__dict__.setdefault("_factorisations", {})  # absent from a space pickled before it existed
        if part not in cache:
            negated = cache.get(-part)
            if negated is not None:
                cache[part] = (-negated[0], negated[1])
            else:
                poly = sympy.Poly(part, *self.symbols)
                found = _flint_factor_list(poly) if poly.domain.is_ZZ else None
                constant, factors = poly.factor_list() if found is None else found
                cache[part] = (self._constant(constant),
                               [({tuple(m): _fraction(c) for m, c in f.terms() if c != 0}, multiplicity)
                                for f, multiplicity in _sorted_factors(factors, "factor")])
        return cache[part]

    def _algebraic(self, expr: Any, wanted: frozenset[int]) -> list[Clause] | None:
        """Clauses for ``sign(expr) in wanted`` when ``expr`` has irrational real algebraic constants.

        The one-parameter conditions of a tree are solved as intervals whose ends may be irrational
        (``x >= sqrt(2)``).  Such a condition ``k x + c``, with real algebraic numbers ``k != 0`` and ``c``,
        is ``sign(k) sign(x - r)`` with ``r = -c/k``; when ``r`` is irrational it is rewritten exactly over the
        rationals (:func:`~trigame.statics.decision.algebraic._threshold_condition`), and the atoms are the
        minimal polynomial ``m`` of ``r`` and the separators ``x - a``, ``x - b`` between its roots, all
        rational.  Constants are decided exactly the same way.  Returns None when ``expr`` has no irrational
        constants, or is not of this form (the caller then reports what it cannot analyse).
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
        var = self.index[x]
        condition, m, ends = _threshold_condition(x, root, wanted)
        self._converting = True
        try:
            clauses = self.dnf(condition)
            separators = [self._atom(self.poly(x - end))[0] for end in ends]
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
        from trigame.games.tree._arith import field_element

        element = field_element(expr, self.symbols) if isinstance(expr, sympy.Expr) else None
        if element is not None:  # in lowest terms in the field: what cancel gives, expanded, without its cost
            return element.numer.as_expr(*element.field.symbols), element.denom.as_expr(*element.field.symbols)
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


def _flint_factor_list(poly: Any) -> tuple[Any, list[tuple[Any, int]]] | None:
    """``poly.factor_list()`` of a polynomial with integer coefficients, by FLINT (python-flint's
    ``fmpz_mpoly``, tens of times faster than SymPy's Wang algorithm); None without python-flint.

    The same factorisation: the integer content with the sign, and the irreducible factors, each primitive
    and scaled to a positive leading coefficient in the lexicographic order of ``poly``'s generators (as
    SymPy scales them), with their multiplicities; the caller sorts them.
    """
    import sympy

    try:
        import flint

        context = flint.fmpz_mpoly_ctx.get(tuple(f"x{i}" for i in range(len(poly.gens))), "lex")
        content, factors = context.from_dict({m: int(c) for m, c in poly.as_dict().items()}).factor()
    except (ImportError, AttributeError, TypeError, ValueError):  # not installed, or another python-flint API
        return None
    constant = int(content)
    out = []
    for factor, multiplicity in factors:
        terms = {m: int(c) for m, c in factor.to_dict().items()}
        if terms[max(terms)] < 0:
            terms = {m: -c for m, c in terms.items()}
            constant *= (-1) ** int(multiplicity)
        out.append((sympy.Poly.from_dict(terms, *poly.gens, domain="ZZ"), int(multiplicity)))
    return sympy.Integer(constant), out
