"""Writing clauses as readable SymPy conditions.

Each literal is one relation with positive terms on each side (``a*b > 2``, ``x >= 1/2``).  The literals on a
parameter compared with irrational thresholds are replaced by the exact set of its values they describe
(SymPy's ``as_set`` on one real variable), written as the shorter of that set and its union with the outside
of the domain (``x >= sqrt(2)``).
"""

from __future__ import annotations

import itertools
from typing import Any

from trigame.statics.decision.clauses import Clause
from trigame.statics.decision.domain import Domain
from trigame.statics.decision.polynomials import _variables


class Display(Domain):
    """The space's readable conditions."""

    def to_sympy(self, clauses: list[Clause], special: frozenset[int] | None = None) -> Any:
        """The DNF as a readable SymPy condition (``p > 0`` written as ``P > N`` with positive sides).

        The conditions on a parameter compared with irrational thresholds (:attr:`special`) are written as
        the exact intervals they describe (``x >= sqrt(2)``), not as the polynomials that decide them.
        ``special``: those parameters as they were when the clauses were made (:attr:`special` grows as
        later conditions are read); the current ones when not given.
        """
        import sympy

        if not clauses:
            return sympy.false
        parts = []
        for rest, sets in self.display_items(clauses, special):
            parts.append(sympy.And(*self.literals(rest),
                                   *(self.set_relational(v, region) for v, region in sorted(sets.items()))))
        return sympy.Or(*parts)

    def literals(self, clause: Clause) -> list[Any]:
        """A clause's literals as readable relations.

        Two or more linear equations are written in reduced row echelon form, each solved for its own
        parameter (``g = k_K, k_J = 0, p = 0`` for ``g = k_K, k_J = p, g + p = k_K``), an equation that sets a sum
        of parameters bounded below by 0 to 0 becomes one equation per parameter, and the solved parameters are
        substituted into the other literals: the same set, read at a glance.
        """
        import sympy

        linear = [k for k, signs in sorted(clause.items()) if signs == frozenset({0}) and self._is_linear(k)]
        if not linear:
            return [self.literal(k, signs) for k, signs in sorted(clause.items())]
        equations = [self.atom_expr(k) for k in linear]
        while True:
            rows = []
            for expr in equations:
                poly = sympy.Poly(expr, *self.symbols)
                rows.append([poly.coeff_monomial(x) for x in self.symbols] + [poly.coeff_monomial(1)])
            reduced, pivots = sympy.Matrix(rows).rref()
            equations = [sympy.expand(sum((reduced[r, j] * x for j, x in enumerate(self.symbols)), reduced[r, -1]))
                         for r in range(len(pivots))]
            split = [expr for expr in equations if self._nonnegative_sum(expr)]
            if not split:
                break
            equations = [e for e in equations if e not in split] + [x for e in split for x in e.free_symbols]
        solved = {self.symbols[j]: self.symbols[j] - expr for j, expr in zip(pivots, equations)}
        out = [self._equation(expr) for expr in equations]
        for k, signs in sorted(clause.items()):
            if k in linear:
                continue
            expr = sympy.expand(self.atom_expr(k).xreplace(solved))
            if expr.is_number and (sympy.sign(expr) in signs):  # implied by the equations
                continue
            if expr.free_symbols == self.atom_expr(k).free_symbols:
                out.append(self.literal(k, signs))
            else:
                out.append(self._relation(expr, signs))
        return out

    def _nonnegative_sum(self, expr: Any) -> bool:
        """Whether ``expr = 0`` says that parameters bounded below by 0 add up to 0 (so each is 0)."""
        import sympy

        terms = sympy.Add.make_args(expr)
        if len(terms) < 2 or any(not t.free_symbols for t in terms):
            return False
        signs = {bool(t.could_extract_minus_sign()) for t in terms}
        if len(signs) != 1:
            return False
        for x in expr.free_symbols:
            low = self.bounds[self.index[x]][0]
            if low is None or low != 0 or sympy.Poly(expr, x).degree() != 1:
                return False
        return True

    def _relation(self, expr: Any, signs: frozenset[int]) -> Any:
        """``expr`` with the allowed signs as one relation with positive sides (one parameter: ``x >= c``)."""
        import sympy

        if len(expr.free_symbols) == 1 and sympy.Poly(expr, *expr.free_symbols).degree() == 1:
            (x,) = expr.free_symbols
            k_, m_ = sympy.Poly(expr, x).all_coeffs()
            positive, negative = x, -m_ / k_
            if k_ < 0:
                signs = frozenset(-s for s in signs)
        else:
            terms = sympy.Add.make_args(expr)
            positive = sympy.Add(*(t for t in terms if t.could_extract_minus_sign() is False))
            negative = sympy.Add(*(-t for t in terms if t.could_extract_minus_sign() is not False))
        return _relations()[frozenset(signs)](positive, negative, evaluate=False)

    def _is_linear(self, k: int) -> bool:
        return bool(self.atoms[k]) and max(sum(m) for m in self.atoms[k]) == 1

    @staticmethod
    def _equation(expr: Any) -> Any:
        """``expr = 0`` written with positive terms on each side, the leading parameter alone when it can be."""
        import sympy

        terms = sympy.Add.make_args(expr)
        positive = sympy.Add(*(t for t in terms if t.could_extract_minus_sign() is False))
        negative = sympy.Add(*(-t for t in terms if t.could_extract_minus_sign() is not False))
        return sympy.Eq(positive, negative, evaluate=False)

    def display_items(self, clauses: list[Clause],
                      special: frozenset[int] | None = None) -> list[tuple[Clause, dict[int, Any]]]:
        """The clauses with the literals on each :attr:`special` parameter replaced by its solution set.

        Returns ``(other literals, {parameter index: SymPy set within its domain})`` per clause; clauses that
        differ only in one parameter's set are merged (their sets united).  Without special parameters,
        ``(clause, {})`` for each clause.  ``special``: the special parameters to use instead of the
        current ones (as :meth:`to_sympy`).
        """
        import sympy

        if special is None:
            special = frozenset(self.special)
        if not special:
            return [(dict(c), {}) for c in clauses]
        relations = {frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
                     frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
                     frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne}
        items: list[tuple[Clause, dict[int, Any]]] = []
        for clause in clauses:
            rest: Clause = {}
            groups: dict[int, list[Any]] = {v: [] for v in sorted(special)}
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
        key = (k, frozenset(signs))
        if key not in self._literals:
            self._literals[key] = self._literal(k, frozenset(signs))
        return self._literals[key]

    def _literal(self, k: int, signs: frozenset[int]) -> Any:
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


def _relations() -> dict[frozenset[int], Any]:
    """The relation classes by allowed signs."""
    import sympy

    return {frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
            frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
            frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne}


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
