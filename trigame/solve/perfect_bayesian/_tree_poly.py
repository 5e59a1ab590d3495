"""Support profiles of a tree stage whose perfect Bayesian conditions stay polynomial: solved and certified.

The conditions of one support profile (:meth:`._tree_supports.Stage.system`) are
multilinear in the behaviour probabilities ``σ`` and the free beliefs ``μ``,
and more than that: a monomial holds at most one variable of each *group*
(the probabilities of one information set, or the beliefs at one), since by
perfect recall a path crosses an information set once and a belief multiplies
only what follows its set.

*Sums.*  :func:`eliminate_sums` solves every linear equation whose variables
all lie in one group (``sum σ(h, ·) = 1`` above all) for one of them and
substitutes it, which keeps the polynomials multilinear and, where the last
mover's indifference is ``σ_U σ_L = σ_D σ_R``, often makes them linear: the
polytope route then applies.

*Polynomial systems.*  :func:`solve_polynomial` finds the points of
``{E = 0, G >= 0, S >= 0}`` (the closure of the profile's conditions, whose
points are equilibria with this support or a smaller one).  With ``k``
unknowns and ``e < k`` equations, every isolated point and every corner of a
continuum satisfies ``k - e`` of the inequalities with equality, so the
inequalities are made tight ``k - e`` at a time.  Each square system is
solved by subdivision with the Krawczyk test
(:func:`trigame.solve.nash._poly_box.box_roots`): a root is certified unique
in its box and polished to 60 digits, exact when its continued fraction
satisfies the system exactly; where that gives up (singular roots, continua)
by a Gröbner basis over QQ (:func:`trigame.solve.nash._poly_system.solve_system`).
Irrational points are returned as 60-digit values and flagged inexact.

*Continua.*  At each point found, the tangent space of ``{E = 0}`` (the null
space of the Jacobian, exactly for rational points) says whether the
behaviour can move: if it has a direction changing some ``σ`` (or the
Jacobian is rank deficient, so the tangent cone is not known), the profile's
points are reported as one continuum, and since a continuum cut out by
polynomials need not be described by its corners, ``complete`` is False.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from trigame.budget import WorkBudget
from trigame.solve.perfect_bayesian._tree_linear import (
    Poly,
    degree,
    padd,
    pmul,
    propagate,
    variables,
)

__all__ = ["PolySolution", "eliminate_sums", "solve_polynomial"]

#: Digits of the polished roots; an inexact point's conditions hold to about 10**-(DIGITS - 10).
DIGITS = 60
#: Largest number of unknowns the polynomial route accepts (the box search works up to 12).
MAX_UNKNOWNS = 12
#: Most sets of tight inequalities tried for one support profile (beyond it the profile is not solved:
#: such a profile is a continuum of many dimensions, which a list of corners would not describe anyway).
MAX_TIGHT_SETS = 5000
_ONE: frozenset[int] = frozenset()


def _substitute_affine(p: Poly, v: int, expr: Poly) -> Poly:
    """``p`` with the variable ``v`` replaced by the affine polynomial ``expr`` (same group: stays multilinear)."""
    out: Poly = {}
    for m, c in p.items():
        if v in m:
            out = padd(out, pmul({m - {v}: c}, expr))
        else:
            out = padd(out, {m: c})
    return out


def eliminate_sums(equalities: list[Poly], inequalities: list[Poly], strict: list[Poly],
                   groups: Mapping[int, Any]) -> tuple[list[Poly], list[Poly], list[Poly], dict[int, Fraction],
                                                       list[tuple[int, Poly]]] | None:
    """Substitute every linear equation within one group, and the values :func:`propagate` fixes; None if empty.

    Returns the remaining equalities, inequalities and strict inequalities,
    the fixed values, and the chain ``[(variable, affine expression)]`` of
    substitutions (each expression in variables substituted later or left).
    """
    known: dict[int, Fraction] = {}
    chain: list[tuple[int, Poly]] = []
    while True:
        reduced = propagate(equalities, inequalities, strict)
        if reduced is None:
            return None
        equalities, inequalities, strict, fixed = reduced
        known.update(fixed)
        pick = None
        for p in equalities:
            if degree(p) == 1 and len({groups[v] for v in variables(p)}) == 1:
                pick = p
                break
        if pick is None:
            return equalities, inequalities, strict, known, chain
        v = max(variables(pick))
        c = pick[frozenset((v,))]
        expr: Poly = {m: -coef / c for m, coef in pick.items() if m != frozenset((v,))}
        chain.append((v, expr))
        equalities = [q for q in (_substitute_affine(p, v, expr) for p in equalities if p is not pick) if q]
        inequalities = [_substitute_affine(p, v, expr) for p in inequalities]
        strict = [_substitute_affine(p, v, expr) for p in strict]


def holds_on_box(p: Poly, limit: int = 10) -> bool:
    """Whether ``p >= 0`` on the whole unit box of its variables (False when it has more than ``limit``).

    A multilinear polynomial is affine in each variable, so its least value on
    the box is taken at a corner.
    """
    names = sorted(variables(p))
    if len(names) > limit:
        return False
    for corner in itertools.product((0, 1), repeat=len(names)):
        ones = {v for v, bit in zip(names, corner) if bit}
        if sum((c for m, c in p.items() if m <= ones), Fraction(0)) < 0:
            return False
    return True


def complete_values(values: dict[int, Fraction], known: Mapping[int, Fraction],
                    chain: Sequence[tuple[int, Poly]]) -> dict[int, Fraction]:
    """``values`` with the fixed values and the substituted variables (latest substitution first) added."""
    out = {**values, **known}
    for v, expr in reversed(chain):
        total = expr.get(_ONE, Fraction(0))
        for m, c in expr.items():
            if m:
                (w,) = m
                total += c * out.get(w, Fraction(0))
        out[v] = total
    return out


@dataclass
class PolySolution:
    """The points of a polynomial support profile: ``{variable: value}``, and what is known about them."""

    points: list[dict[int, Any]] = field(default_factory=list)
    #: parallel to ``points``: False for irrational points given to ``DIGITS`` digits (mpmath numbers)
    exact: list[bool] = field(default_factory=list)
    #: the behaviour can move within the profile's solution set (or that was not ruled out)
    continuum: bool = False
    #: some system could not be settled (its points may be missing)
    undecided: bool = False


def _integer_system(polys: Sequence[Poly], names: Sequence[int]) -> list[dict[tuple[int, ...], int]]:
    """The polynomials over ``names`` as ``{exponent tuple: integer coefficient}`` (each scaled by its lcm)."""
    index = {v: j for j, v in enumerate(names)}
    out = []
    for p in polys:
        scale = math.lcm(*(c.denominator for c in p.values())) if p else 1
        row: dict[tuple[int, ...], int] = {}
        for m, c in p.items():
            exps = [0] * len(names)
            for v in m:
                exps[index[v]] = 1
            row[tuple(exps)] = int(c * scale)
        out.append(row)
    return out


def _square_roots(polys: list[dict[tuple[int, ...], int]], n: int) -> tuple[list[tuple[Any, ...]], bool, bool]:
    """Real solutions near the unit box: (points, positive-dimensional, undecided)."""
    from trigame.solve.nash._poly_box import box_roots, refine
    from trigame.solve.nash._poly_system import solve_system

    if len(polys) == n and n <= MAX_UNKNOWNS:
        roots = box_roots(polys, n, [[j] for j in range(n)])
        if roots is not None:
            return [refine(polys, root, DIGITS) for root in roots], False, False
    solution = solve_system(polys, n)
    return list(solution.points), solution.positive_dimensional, solution.undecided


def _value(p: Poly, point: Mapping[int, Any]) -> Any:
    total: Any = 0
    for m, c in p.items():
        term: Any = c if all(isinstance(point[v], Fraction) for v in m) else _mp(c)
        for v in m:
            term = term * point[v]
        total = total + term
    return total


def _mp(c: Fraction) -> Any:
    import mpmath

    return mpmath.mpf(c.numerator) / c.denominator


def _nonnegative(value: Any, scale: Fraction, exact: bool) -> bool:
    if exact:
        return bool(value >= 0)
    return bool(value >= -_mp(Fraction(1, 10**(DIGITS - 15)) * scale))


def _scale(p: Poly) -> Fraction:
    return max((abs(c) for c in p.values()), default=Fraction(1))


def _moves(equalities: Sequence[Poly], names: Sequence[int], point: Mapping[int, Any], sigma: set[int],
           exact: bool) -> bool:
    """Whether the tangent space of ``{equalities = 0}`` at ``point`` changes some σ (True when not decided)."""
    import numpy as np

    from trigame.solve.perfect_bayesian._tree_linear import _rref

    rows = []
    for p in equalities:
        grad = []
        for v in names:
            d: Poly = {m - {v}: c for m, c in p.items() if v in m}
            grad.append(_value(d, point) if d else 0)
        rows.append(grad)
    n = len(names)
    if not rows:
        return any(v in sigma for v in names)
    if exact:
        solved = _rref([[Fraction(x) for x in r] + [Fraction(0)] for r in rows], n)
        assert solved is not None  # a homogeneous system is consistent
        reduced, pivots = solved
        if len(pivots) < len(rows):
            return True  # rank deficient: the tangent cone is not known
        free = [j for j in range(n) if j not in pivots]
        # null space basis: one vector per free column; σ moves if some vector has a nonzero σ entry
        for f in free:
            if names[f] in sigma:
                return True
            for row, col in zip(reduced, pivots):
                if row[f] and names[col] in sigma:
                    return True
        return False
    matrix = np.array([[float(x) for x in r] for r in rows])
    _, singular, vt = np.linalg.svd(matrix)
    rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))))
    if rank < len(rows):
        return True
    null = vt[rank:]
    columns = [j for j, v in enumerate(names) if v in sigma]
    return bool(null.size and columns and np.abs(null[:, columns]).max() > 1e-9)


def solve_polynomial(equalities: list[Poly], inequalities: list[Poly], strict: list[Poly], sigma: set[int],
                     budget: WorkBudget) -> PolySolution | None:
    """The points of ``{equalities = 0, inequalities >= 0, strict >= 0}`` (see the module text).

    ``sigma`` names the behaviour variables (the others are beliefs).  Each
    system solved (one per set of tight inequalities) spends one unit of
    ``budget``.  Returns None when the unknowns are too many for the route
    (more than ``MAX_UNKNOWNS``, or more than ``MAX_TIGHT_SETS`` sets of
    inequalities to make tight).
    """
    everything = [*equalities, *inequalities, *strict]
    names = sorted(set().union(*(variables(p) for p in everything))) if everything else []
    k = len(names)
    if k > MAX_UNKNOWNS:
        return None
    out = PolySolution()
    if not k:
        out.points.append({})
        out.exact.append(True)
        return out
    tights = [*inequalities, *strict]
    base = max(0, k - len(equalities))
    if math.comb(len(tights), base) > MAX_TIGHT_SETS:
        return None
    seen: set[tuple[Any, ...]] = set()
    import mpmath

    with mpmath.workdps(DIGITS + 10):
        square_isolated = _search(out, equalities, tights, names, base, seen, budget)
    if not square_isolated or base > 0:
        out.continuum = any(_moves(equalities, names, point, sigma, exact)
                            for point, exact in zip(out.points, out.exact))
    return out


def _search(out: PolySolution, equalities: list[Poly], tights: list[Poly], names: list[int], base: int,
            seen: set[tuple[Any, ...]], budget: WorkBudget) -> bool:
    """Solve the systems with ``base``, ``base + 1``, ... tight inequalities into ``out``; whether the
    first size's systems were all zero-dimensional."""
    k = len(names)
    square_isolated = True
    for size in range(base, k + 1):
        positive = False
        for subset in itertools.combinations(range(len(tights)), size):
            budget.spend()
            points, positive_dim, undecided = _solve_system([*equalities, *(tights[j] for j in subset)], names)
            out.undecided |= undecided
            positive |= positive_dim
            for values in points:
                exact = all(isinstance(x, Fraction) for x in values)
                if not exact:
                    values = tuple(_mp(x) if isinstance(x, Fraction) else x for x in values)
                point = dict(zip(names, values))
                if not all(_nonnegative(_value(p, point), _scale(p), exact) for p in tights):
                    continue
                key = tuple(x if exact else round(float(x), 12) for x in values)
                if key in seen:
                    continue
                seen.add(key)
                out.points.append(point)
                out.exact.append(exact)
        if size == base and positive:
            square_isolated = False
        if not positive:
            break
    return square_isolated


def _solve_system(system: list[Poly], names: list[int]) -> tuple[list[tuple[Any, ...]], bool, bool]:
    """The real points near the unit box of ``system = 0`` over ``names``: (points, positive-dimensional,
    undecided).  The values its linear equations fix are substituted first; what remains nonlinear is
    solved by :func:`_square_roots`."""
    reduced = propagate(system, [], [])
    if reduced is None:
        return [], False, False
    rest, _, _, known = reduced
    if any(not (-Fraction(1, 2**8) <= value <= 1 + Fraction(1, 2**8)) for value in known.values()):
        return [], False, False  # a probability out of range
    left = [v for v in names if v not in known]
    if not left:
        return [tuple(known[v] for v in names)], False, False
    if not rest or all(degree(p) <= 1 for p in rest):
        return [], True, False  # linear and not all fixed: a positive-dimensional set (its corners come later)
    found, positive, undecided = _square_roots(_integer_system(rest, left), len(left))
    points = []
    for values in found:
        given = dict(zip(left, values))
        points.append(tuple(known[v] if v in known else given[v] for v in names))
    return points, positive, undecided


def to_fraction(value: Any) -> Fraction:
    """A 60-digit value as the nearest multiple of ``2**-220`` in [0, 1] (exact values unchanged)."""
    if isinstance(value, Fraction):
        return value
    import mpmath

    with mpmath.workdps(DIGITS + 10):
        scaled = Fraction(int(mpmath.nint(value * 2**220)), 2**220)
    return min(max(scaled, Fraction(0)), Fraction(1))
