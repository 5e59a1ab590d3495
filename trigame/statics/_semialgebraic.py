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
        self._rng = random.Random(20240517)

    # ------------------------------------------------------------------ atoms
    def poly(self, expr: Any) -> Poly:
        """A polynomial SymPy expression in the space's symbols as a :data:`Poly`."""
        import sympy

        p = sympy.Poly(sympy.expand(expr), *self.symbols) if self.symbols else None
        if p is None:
            return {(): _fraction(sympy.nsimplify(expr))} if expr != 0 else {}
        return {tuple(m): _fraction(c) for m, c in p.terms() if c != 0}

    def _atom(self, p: Poly) -> tuple[int, int]:
        """Register the canonical form of a non-constant ``p``: (atom index, sign of the scale)."""
        leading = max(p)  # a fixed monomial order
        scale = p[leading]
        canonical = {m: c / abs(scale) for m, c in p.items()}
        key = tuple(sorted(canonical.items()))
        if key not in self._keys:
            self._keys[key] = len(self.atoms)
            self.atoms.append(canonical)
        return self._keys[key], _sign(scale)

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
        """Clauses expressing ``sign(expr) in signs``, over the atoms of its factors."""
        import sympy

        wanted = frozenset(signs)
        expr = sympy.expand(expr)
        if not expr.free_symbols & set(self.symbols):
            value = _fraction(sympy.nsimplify(expr)) if not expr.is_Rational else _fraction(expr)
            return [{}] if _sign(value) in wanted else []
        constant, factors = sympy.factor_list(expr, *self.symbols)
        base = _sign(_fraction(constant))
        parts = []
        for f, multiplicity in factors:
            p = self.poly(f)
            if len(p) == 1 and next(iter(p)) == tuple(0 for _ in self.symbols):
                base *= _sign(next(iter(p.values()))) ** multiplicity
                continue
            k, s = self._atom(p)
            parts.append((k, s, multiplicity))
        if len(parts) > MAX_FACTORS:  # too many factors to expand: the expression itself is the atom
            k, s = self._atom(self.poly(expr))
            parts, base = [(k, s, 1)], 1
        clauses = []
        for combo in itertools.product((-1, 0, 1), repeat=len(parts)):
            total = base
            for (_, s, m), sign in zip(parts, combo):
                total *= (s * sign) ** m
            if total in wanted:
                clause: Clause = {}
                ok = True
                for (k, _, _), sign in zip(parts, combo):
                    allowed = clause.get(k, ALL) & {sign}
                    if not allowed:
                        ok = False
                        break
                    clause[k] = frozenset(allowed)
                if ok:
                    clauses.append(clause)
        return _merge(clauses)

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
        linear, exact = self._relaxation(clause)
        verdict = _fourier_motzkin(*linear)
        if verdict is False:
            return False
        return True if verdict is True and exact else None

    def _relaxation(self, clause: Clause) -> tuple[tuple[list[Any], list[Any]], bool]:
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

        bounds = self._clause_bounds(clause)
        pinned = {v: lo for v, (lo, _, hi, _) in enumerate(bounds) if lo is not None and lo == hi}
        for lo, lo_open, hi, hi_open in bounds:
            if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
                inequalities.append(({}, Fraction(0), True))  # 0 > 0: the narrowed interval is empty
        for v, value in pinned.items():  # the pinning equation itself is kept
            equalities.append(({v: Fraction(1)}, -value))
        for k, signs in clause.items():
            if signs == ALL:
                continue
            p = self.atoms[k]
            for v, value in pinned.items():  # a parameter the clause pins: substitute it exactly
                if any(m[v] for m in p):
                    p = _substitute(p, v, {tuple(0 for _ in range(n)): value})
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
        for v, (lo, lo_open, hi, hi_open) in enumerate(self.bounds):
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
        """Valid linear bounds on a monomial variable: its sign, and McCormick's for a bilinear term."""
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
        used = [i for i, e in enumerate(m) if e]
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
        n = len(self.symbols)
        constraints = [(self.atoms[k], signs) for k, signs in clause.items() if signs != ALL]
        solved: dict[int, Poly] = {}  # variable -> polynomial in the remaining free variables
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
            lo, lo_open, hi, hi_open = self.bounds[var]
            zero = tuple(0 for _ in range(n))
            if lo is not None:
                constraints.append((_padd(rest, {zero: -lo}), frozenset({1} if lo_open else {0, 1})))
            if hi is not None:
                constraints.append((_padd({zero: hi}, rest, Fraction(-1)), frozenset({1} if hi_open else {0, 1})))
        # the other equalities: each solved, after sampling, for a variable of degree 1 in it (coefficient
        # a polynomial in variables already set)
        deferred: list[tuple[int, Poly, Poly]] = []
        for q, s in constraints:
            if s != {0} or not q:
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
                point[i] = self._sample(i, attempt)
            for var, coefficient, rest in deferred:
                c = poly_eval(coefficient, point)
                point[var] = -poly_eval(rest, point) / c if c else self._sample(var, attempt)
            for var, q in solved.items():
                point[var] = poly_eval(q, point)
            if all(_sign(poly_eval(q, point)) in s for q, s in constraints) and self.holds(clause, point):
                return tuple(point)
        return None

    def _sample(self, i: int, attempt: int) -> Fraction:
        lo, lo_open, hi, hi_open = self.bounds[i]
        rng = self._rng
        scale = (1, 2, 5, 10, 50)[attempt % 5]
        denominator = rng.choice((1, 2, 3, 4, 7, 10))
        if lo is not None and hi is not None:
            if attempt % 7 == 0 and not lo_open:
                return lo
            if attempt % 7 == 1 and not hi_open:
                return hi
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
        """The DNF as a readable SymPy condition (``p > 0`` written as ``P > N`` with positive sides)."""
        import sympy

        if not clauses:
            return sympy.false
        parts = []
        for clause in clauses:
            parts.append(sympy.And(*(self.literal(k, signs) for k, signs in sorted(clause.items()))))
        return sympy.Or(*parts)

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
        system = [r for r in rows if var not in r[0]]
        for (cl, kl, sl), (cu, ku, su) in itertools.product(lower, upper):
            a, b = cl[var], -cu[var]
            coeffs = {v: b * cl.get(v, 0) + a * cu.get(v, 0) for v in set(cl) | set(cu) if v != var}
            system.append((coeffs, b * kl + a * ku, sl or su))
