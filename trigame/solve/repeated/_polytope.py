"""Convex polytopes of payoff vectors in any dimension, exact with Fractions or in floats.

:func:`clip_hull` returns the vertices of ``conv(points) ∩ {v : v_i >= bound_i}``,
the closure of the folk-theorem region of an n-player game.  The method is plain
and exact:

1. the affine hull of the points (exact Gaussian elimination): its dimension ``d``
   and ``d`` coordinates that parametrise it injectively -- every other coordinate
   is an affine function of those on the hull, so the problem lives in ``R^d``;
2. the facets of the hull in ``R^d``: every hyperplane through ``d`` affinely
   independent points with all points on one side supports a facet, and every
   facet is found that way (it holds ``d`` affinely independent points);
3. the hull's vertices (points where the tight facets have rank ``d``), then one
   bound at a time: the vertices that meet it, plus the points where an edge of
   the current polytope (two vertices whose common tight constraints have rank
   ``d - 1``) crosses the bound's hyperplane.

Each step counts its work against a :class:`trigame.budget.WorkBudget`; for small
stage games (tens of payoff vectors, three to five players) it is instant.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.budget import WorkBudget
from trigame.solve.nash._poly_linear import rank

__all__ = ["clip_hull"]

Vector = tuple[Any, ...]


def _solve(rows: list[list[Any]], rhs: list[Any], eps: Any) -> list[Any] | None:
    """The unique solution of a square system (Gauss--Jordan), or None when singular."""
    n = len(rows)
    m = [[*r, b] for r, b in zip(rows, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) <= eps:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        p = m[col][col]
        m[col] = [x / p for x in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[r][n] for r in range(n)]


def _affine_hull(points: list[Vector], eps: Any) -> tuple[list[int], list[list[Any]]]:
    """Pivot coordinates of the affine hull and the reduced row echelon form of its directions."""
    base = points[0]
    rows = [[x - y for x, y in zip(p, base)] for p in points[1:]]
    pivots: list[int] = []
    reduced: list[list[Any]] = []
    for row in rows:
        r = list(row)
        for k, col in enumerate(pivots):
            if r[col] != 0:
                f = r[col]
                r = [x - f * y for x, y in zip(r, reduced[k])]
        found = next((c for c in range(len(r)) if abs(r[c]) > eps), None)
        if found is None:
            continue
        col = found
        r = [x / r[col] for x in r]
        for k in range(len(reduced)):
            if reduced[k][col] != 0:
                f = reduced[k][col]
                reduced[k] = [x - f * y for x, y in zip(reduced[k], r)]
        pivots.append(col)
        reduced.append(r)
    return pivots, reduced


def clip_hull(points: Sequence[Vector], bounds: Sequence[Any], *, exact: bool,
              budget: WorkBudget) -> tuple[list[Vector], int]:
    """Vertices of ``conv(points) ∩ {v_i >= bounds_i}`` and the dimension of the hull.

    Parameters
    ----------
    points : sequence of tuples
        Payoff vectors (Fractions/ints when ``exact``, else floats).
    bounds : sequence
        One lower bound per coordinate.
    exact : bool
        Exact arithmetic (Fractions); otherwise floats with a relative slack.
    budget : WorkBudget
        Charged one unit per candidate facet and per vertex pair examined.

    Returns
    -------
    (vertices, dimension)
        Vertices sorted lexicographically (empty when the intersection is empty) and the
        dimension of the affine hull of ``points``.
    """
    pts: list[tuple[Any, ...]]
    low: list[Any]
    if exact:
        pts = [tuple(Fraction(x) for x in p) for p in dict.fromkeys(tuple(p) for p in points)]
        low = [Fraction(b) for b in bounds]
        eps: Any = 0
    else:
        pts = [tuple(float(x) for x in p) for p in dict.fromkeys(tuple(p) for p in points)]
        low = [float(b) for b in bounds]
        scale = max([abs(x) for p in pts for x in p] + [abs(b) for b in low] + [1.0])
        eps = 1e-9 * scale
    n = len(low)
    base = pts[0]
    pivots, reduced = _affine_hull(pts, eps)
    d = len(pivots)

    def lift(y: Sequence[Any]) -> Vector:
        # the point of the affine hull whose pivot coordinates are y
        return tuple(base[c] + sum(((y[k] - base[pivots[k]]) * reduced[k][c] for k in range(d)), 0 * base[c])
                     for c in range(n))

    # each constraint a . y <= b in the d pivot coordinates
    constraints: list[tuple[list[Any], Any]] = []
    for i in range(n):  # v_i >= low_i, with v_i = base_i + sum_k (y_k - base_{p_k}) reduced[k][i]
        a = [-reduced[k][i] for k in range(d)]
        b = base[i] - low[i] - sum((reduced[k][i] * base[pivots[k]] for k in range(d)), 0 * base[i])
        if all(abs(x) <= eps for x in a):
            if b < -eps:
                return [], d  # the hull sits below a bound
            continue
        constraints.append((a, b))
    ys = [[p[c] for c in pivots] for p in pts]
    if d == 0:
        return ([base] if all(base[i] >= low[i] - eps for i in range(n)) else []), 0
    bounds_rows = constraints
    facets = _facets(ys, d, exact, eps, budget)
    # the hull's vertices: the points where the tight facets have rank d
    constraints = list(facets)
    current = [y for y in dict.fromkeys(tuple(y) for y in ys)
               if rank([constraints[k][0] for k in _tight(y, constraints, eps)], eps) == d]
    for a, b in bounds_rows:  # clip by one half-space a . y <= b at a time
        slack = [b - sum(c * x for c, x in zip(a, y)) for y in current]
        kept = [y for y, s_ in zip(current, slack) if s_ >= -eps]
        tight = [_tight(y, constraints, eps) for y in current]
        for u in range(len(current)):
            if slack[u] <= eps:
                continue
            for w in range(len(current)):
                budget.spend()
                if slack[w] >= -eps:
                    continue
                common = tight[u] & tight[w]
                if len(common) < d - 1 or rank([constraints[k][0] for k in common], eps) < d - 1:
                    continue  # not an edge
                t = slack[u] / (slack[u] - slack[w])
                kept.append(tuple(x + t * (z - x) for x, z in zip(current[u], current[w])))
        constraints.append((a, b))
        if not exact:
            kept = [tuple(round(float(x), 12) + 0.0 for x in y) for y in kept]
        current = list(dict.fromkeys(kept))
        if not current:
            return [], d
    return sorted(set(lift(y) for y in current)), d


def _tight(y: Sequence[Any], constraints: list[tuple[list[Any], Any]], eps: Any) -> frozenset[int]:
    return frozenset(k for k, (a, b) in enumerate(constraints) if abs(b - sum(c * x for c, x in zip(a, y))) <= eps)


def _facets(ys: list[list[Any]], d: int, exact: bool, eps: Any,
            budget: WorkBudget) -> list[tuple[list[Any], Any]]:
    """The facets ``a . y <= b`` of the hull of full-dimensional points in ``R^d`` (d >= 1)."""
    if exact:  # integer arithmetic: scale the points by their common denominator
        scale = 1
        for y in ys:
            for x in y:
                scale = scale * Fraction(x).denominator // math.gcd(scale, Fraction(x).denominator)
        work = [[int(x * scale) for x in y] for y in ys]
    else:
        scale, work = 1, [list(y) for y in ys]
    out: list[tuple[list[Any], Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for combo in itertools.combinations(range(len(work)), d):
        budget.spend()
        anchor = work[combo[0]]
        if d == 1:
            normal: list[Any] | None = [1]
        else:
            # the normal is orthogonal to the d - 1 edge vectors: solve with one free entry fixed to 1
            edges = [[work[j][k] - anchor[k] for k in range(d)] for j in combo[1:]]
            normal = None
            for free in range(d):
                rows = [[Fraction(e[k]) if exact else e[k] for k in range(d) if k != free] for e in edges]
                sol = _solve(rows, [-e[free] for e in edges], eps)
                if sol is not None:
                    normal = [*sol[:free], 1, *sol[free:]]
                    break
            if normal is None:
                continue  # affinely dependent points
        assert normal is not None
        if exact:
            den = 1
            for c in normal:
                den = den * Fraction(c).denominator // math.gcd(den, Fraction(c).denominator)
            normal = [int(c * den) for c in normal]
        level = sum(c * x for c, x in zip(normal, anchor))
        values = [sum(c * x for c, x in zip(normal, y)) - level for y in work]
        for sign in (1, -1):
            if all(sign * v <= eps for v in values):
                a = [sign * c for c in normal]
                b = Fraction(sign * level, scale) if exact else sign * level
                top = max(abs(x) for x in a)
                key = tuple(Fraction(x, top) if exact else round(x / top, 9) for x in [*a, b])
                if key not in seen:
                    seen.add(key)
                    out.append((a, b))
    return out
