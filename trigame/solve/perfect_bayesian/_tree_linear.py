"""Exact multilinear polynomials and polytopes for the perfect Bayesian tree solver.

The conditions of a perfect Bayesian equilibrium on one support profile are
polynomials in the behaviour probabilities and the off-path beliefs.  By
perfect recall a path crosses each information set at most once, so every
polynomial is *multilinear*: a monomial is a set of variables.  A polynomial
is a ``{frozenset of variable ids: Fraction}`` dict (:data:`Poly`).

:func:`propagate` substitutes the values that the linear equations fix, which
often turns a polynomial system linear (a triangular system: the last mover's
indifference fixes the first mover's mixture, and so on), and
:func:`polytope` gives the vertices of ``{z : A z = b, G z >= h}`` exactly, by
Gaussian elimination and the enumeration of square subsystems of the
inequalities (the set is bounded: every variable is a probability).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from trigame.budget import WorkBudget

__all__ = ["Poly", "constant", "degree", "padd", "pmul", "polytope", "propagate", "pscale", "psub",
           "substitute", "variables"]

Poly = dict[frozenset[int], Fraction]
_ONE: frozenset[int] = frozenset()


def constant(value: Fraction | int) -> Poly:
    """The constant polynomial ``value`` (the empty dict for zero)."""
    return {_ONE: Fraction(value)} if value else {}


def padd(a: Poly, b: Poly, factor: Fraction | int = 1) -> Poly:
    """``a + factor * b``."""
    out = dict(a)
    for m, c in b.items():
        v = out.get(m, 0) + factor * c
        if v:
            out[m] = v
        else:
            out.pop(m, None)
    return out


def psub(a: Poly, b: Poly) -> Poly:
    """``a - b``."""
    return padd(a, b, -1)


def pscale(a: Poly, factor: Fraction | int) -> Poly:
    """``factor * a``."""
    return {m: c * factor for m, c in a.items()} if factor else {}


def pmul(a: Poly, b: Poly) -> Poly:
    """``a * b`` (variables multiply as sets: the callers never square one)."""
    if len(a) == 1 and _ONE in a:  # a constant factor (the weight of a pure or chance move): just scale
        c = a[_ONE]
        return dict(b) if c == 1 else {m: c * v for m, v in b.items()}
    if len(b) == 1 and _ONE in b:
        c = b[_ONE]
        return dict(a) if c == 1 else {m: c * v for m, v in a.items()}
    out: Poly = {}
    for m1, c1 in a.items():
        for m2, c2 in b.items():
            m = m1 | m2
            v = out.get(m, 0) + c1 * c2
            if v:
                out[m] = v
            else:
                out.pop(m, None)
    return out


def degree(a: Poly) -> int:
    """The total degree (0 for constants and for zero)."""
    return max((len(m) for m in a), default=0)


def variables(a: Poly) -> set[int]:
    """The variables that occur in ``a``."""
    return set().union(*a) if a else set()


def value_of(a: Poly) -> Fraction:
    """The value of a constant polynomial."""
    return a.get(_ONE, Fraction(0))


def substitute(a: Poly, values: Mapping[int, Fraction]) -> Poly:
    """``a`` with the known ``values`` put in."""
    out: Poly = {}
    for m, c in a.items():
        known = m & values.keys()
        if known:
            for v in known:
                c = c * values[v]
            if not c:
                continue
            m = m - known
        w = out.get(m, 0) + c
        if w:
            out[m] = w
        else:
            out.pop(m, None)
    return out


def _rref(rows: list[list[Fraction]], ncols: int) -> tuple[list[list[Fraction]], list[int]] | None:
    """Reduced row echelon form of ``[A | -b]`` rows (last column the constant); None when inconsistent.

    Gauss-Jordan elimination on integer rows (each row scaled by the lcm of its
    denominators, and divided by the gcd of its entries after every step), so
    that no Fraction is normalised until the pivot rows are divided by their
    pivots at the end.  Unlike :func:`trigame.solve.nash._poly_linear._rref` it
    builds Fractions only for the nonzero entries of the pivot rows (that
    routine converts every entry of every row): the vertex enumeration of
    :func:`polytope` calls it on tens of thousands of small square systems.
    """
    work: list[list[int]] = []
    for given in rows:
        scale = math.lcm(*(v.denominator for v in given)) if given else 1
        work.append([v.numerator * (scale // v.denominator) for v in given])
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        pivot = next((k for k in range(r, len(work)) if work[k][c]), None)
        if pivot is None:
            continue
        work[r], work[pivot] = work[pivot], work[r]
        top = work[r]
        lead = top[c]
        for k in range(len(work)):
            if k != r and work[k][c]:
                factor = work[k][c]
                combined = [lead * a - factor * b for a, b in zip(work[k], top)]
                g = math.gcd(*combined)
                work[k] = [v // g for v in combined] if g > 1 else combined
        pivots.append(c)
        r += 1
        if r == len(work):
            break
    if any(ints[ncols] for ints in work[len(pivots):]):
        return None  # 0 = nonzero
    reduced = []
    for ints, c in zip(work, pivots):
        reduced.append([Fraction(v, ints[c]) if v else Fraction(0) for v in ints])
    return reduced, pivots


def _linear_rows(polys: Sequence[Poly], order: Sequence[int]) -> list[list[Fraction]]:
    index = {v: j for j, v in enumerate(order)}
    out = []
    for p in polys:
        row = [Fraction(0)] * (len(order) + 1)
        for m, c in p.items():
            if m:
                (v,) = m
                row[index[v]] = c
            else:
                row[-1] = c
        out.append(row)
    return out


def propagate(equalities: list[Poly], inequalities: list[Poly], strict: list[Poly]
              ) -> tuple[list[Poly], list[Poly], list[Poly], dict[int, Fraction]] | None:
    """Substitute every value the linear equalities fix, until none more is fixed; None when infeasible.

    Returns the remaining equalities (``= 0``), inequalities (``>= 0``) and
    strict inequalities (``> 0``), none of them constant, and the fixed values.
    """
    known: dict[int, Fraction] = {}
    while True:
        linear = [p for p in equalities if degree(p) <= 1]
        order = sorted(set().union(*(variables(p) for p in linear))) if linear else []
        fixed: dict[int, Fraction] = {}
        if linear:
            solved = _rref(_linear_rows(linear, order), len(order))
            if solved is None:
                return None
            rows, pivots = solved
            for row, col in zip(rows, pivots):
                if not any(row[j] for j in range(len(order)) if j != col):
                    fixed[order[col]] = -row[-1]
        known.update(fixed)
        rest: list[list[Poly]] = []
        for group, test in ((equalities, "eq"), (inequalities, "ge"), (strict, "gt")):
            kept = []
            for p in group:
                q = substitute(p, fixed) if fixed else p
                if degree(q) == 0:
                    v = value_of(q)
                    if (test == "eq" and v != 0) or (test == "ge" and v < 0) or (test == "gt" and v <= 0):
                        return None
                    continue
                kept.append(q)
            rest.append(kept)
        equalities, inequalities, strict = rest
        if not fixed:
            return equalities, inequalities, strict, known


def polytope(equalities: Sequence[Poly], inequalities: Sequence[Poly], strict: Sequence[Poly],
             budget: WorkBudget) -> tuple[list[dict[int, Fraction]], bool] | None:
    """The vertices of ``{equalities = 0, inequalities >= 0, strict >= 0}`` (all polynomials of degree <= 1).

    Returns ``(vertices, strictly_feasible)``, where ``strictly_feasible`` says
    whether some point also has every ``strict`` polynomial positive (then the
    centroid of the vertices has), or None when the set is empty.  The set must
    be bounded.  Each square subsystem solved spends one unit of ``budget``.
    """
    names = sorted(set().union(*(variables(p) for p in [*equalities, *inequalities, *strict])))
    n = len(names)
    solved = _rref(_linear_rows(list(equalities), names), n) if equalities else ([], [])
    if solved is None:
        return None
    rows, pivots = solved
    free = [j for j in range(n) if j not in set(pivots)]
    # z = base + sum_t t_f * direction_f, for the free coordinates f
    base = [Fraction(0)] * n
    directions = [[Fraction(0)] * n for _ in free]
    for row, col in zip(rows, pivots):
        base[col] = -row[-1]
        for k, f in enumerate(free):
            directions[k][col] = -row[f]
    for k, f in enumerate(free):
        directions[k][f] = Fraction(1)
    index = {v: j for j, v in enumerate(names)}

    def reduce(p: Poly) -> tuple[list[Fraction], Fraction]:
        """``p`` as ``g . t + c`` in the free parameters."""
        c = p.get(_ONE, Fraction(0))
        g = [Fraction(0)] * len(free)
        for m, coef in p.items():
            if m:
                (v,) = m
                j = index[v]
                c += coef * base[j]
                for k in range(len(free)):
                    if directions[k][j]:
                        g[k] += coef * directions[k][j]
        return g, c

    constraints = [reduce(p) for p in [*inequalities, *strict]]
    dim = len(free)
    vertices: list[tuple[Fraction, ...]] = []
    if dim == 0:
        if all(c >= 0 for _, c in constraints):
            vertices.append(())
    else:
        live = [(g, c) for g, c in constraints if any(g)]
        if any(c < 0 for g, c in constraints if not any(g)):
            return None
        seen: set[tuple[Fraction, ...]] = set()
        for subset in itertools.combinations(range(len(live)), dim):
            budget.spend()
            square = [[*live[i][0], live[i][1]] for i in subset]
            solution = _rref(square, dim)
            if solution is None or len(solution[1]) < dim:
                continue
            t = tuple(-r[-1] for r in solution[0])
            if t in seen:
                continue
            if all(sum((a * b for a, b in zip(g, t)), c) >= 0 for g, c in live):
                seen.add(t)
                vertices.append(t)
    if not vertices:
        return None
    points = []
    for t in vertices:
        z = [b + sum((t[k] * directions[k][j] for k in range(dim)), Fraction(0)) for j, b in enumerate(base)]
        points.append({v: z[index[v]] for v in names})
    m = len(vertices)
    centre = [sum((t[k] for t in vertices), Fraction(0)) / m for k in range(dim)]
    strict_ok = all(sum((a * b for a, b in zip(g, centre)), c) > 0
                    for g, c in constraints[len(inequalities):])
    return points, strict_ok


def evaluate(a: Poly, values: Mapping[int, Fraction]) -> Fraction:
    """The value of ``a`` at a point giving every one of its variables."""
    return value_of(substitute(a, values))


def nonzero(polys: Iterable[Poly]) -> list[Poly]:
    """The nonzero polynomials among ``polys``."""
    return [p for p in polys if p]
