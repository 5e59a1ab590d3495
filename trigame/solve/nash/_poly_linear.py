"""Exact rational linear algebra for the polynomial solver and the solvers' other exact steps.

Affine solution sets of linear systems and the vertices of small polytopes
``{x : E x = f, A x <= b}``, all in :class:`fractions.Fraction` arithmetic.
They settle the support profiles on which the indifference conditions are
linear (at most two players mix) exactly, including the degenerate ones where a
player's mixture ranges over a whole polytope.  :func:`rank` (Gaussian
elimination) also serves the singular-point proofs of the box search
(:mod:`~trigame.solve.nash._poly_singular`) and the payoff polytopes of repeated
games (:mod:`trigame.solve.repeated._polytope`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

__all__ = ["affine_solutions", "polytope_vertices", "rank"]

Matrix = list[list[Fraction]]
Vector = list[Fraction]


def _rref(rows: Matrix, n_cols: int) -> tuple[Matrix, list[int]]:
    """Reduced row echelon form (rows are augmented: the last column is the right-hand side).

    The elimination runs in integers (each row scaled by its denominators' least common multiple,
    and divided by its content after each step): every row stays a nonzero multiple of the row
    that elimination in Fractions would give, and the reduced form is unique, so dividing each
    pivot row by its pivot at the end gives exactly the same Fractions.  Rows below the pivot rows
    keep their (scaled) right-hand sides: zero exactly when the Fraction elimination's are.
    """
    work = []
    for row in rows:
        scale = math.lcm(*(v.denominator for v in row)) if row else 1
        work.append([v.numerator * (scale // v.denominator) for v in row])
    pivots: list[int] = []
    r = 0
    for c in range(n_cols):
        pivot = next((k for k in range(r, len(work)) if work[k][c]), None)
        if pivot is None:
            continue
        work[r], work[pivot] = work[pivot], work[r]
        lead_row = work[r]
        lead = lead_row[c]
        for k in range(len(work)):
            if k != r and work[k][c]:
                common = math.gcd(lead, work[k][c])
                a, b = lead // common, work[k][c] // common
                new = [a * x - b * y for x, y in zip(work[k], lead_row)]
                content = math.gcd(*new)
                work[k] = [x // content for x in new] if content > 1 else new
        pivots.append(c)
        r += 1
        if r == len(work):
            break
    out = [[Fraction(x, row[pivots[k]]) for x in row] if k < len(pivots) else [Fraction(x) for x in row]
           for k, row in enumerate(work)]
    return out, pivots


def rank(rows: Sequence[Sequence[Any]], eps: Any = 0) -> int:
    """The rank of a list of vectors by Gaussian elimination.

    A pivot is an entry of absolute value above ``eps``.  With the default 0 the elimination is
    exact: integer (and float) entries are read as Fractions first, so a quotient is never a float
    division.  A positive ``eps`` eliminates in the entries' own arithmetic and treats smaller
    floats as zero.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> rank([[F(1), F(2)], [F(2), F(4)]]), rank([[1, 0], [0, 1]]), rank([])
    (1, 2, 0)
    """
    if eps == 0:
        m = [[x if isinstance(x, Fraction) else Fraction(x) for x in r] for r in rows]
    else:
        m = [list(r) for r in rows]
    found = 0
    width = len(m[0]) if m else 0
    for col in range(width):
        pivot = next((r for r in range(found, len(m)) if abs(m[r][col]) > eps), None)
        if pivot is None:
            continue
        m[found], m[pivot] = m[pivot], m[found]
        for r in range(found + 1, len(m)):
            if m[r][col] != 0:
                factor = m[r][col] / m[found][col]
                m[r] = [x - factor * y for x, y in zip(m[r], m[found])]
        found += 1
    return found


def affine_solutions(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction],
                     n_cols: int) -> tuple[Vector, Matrix] | None:
    """All solutions of ``matrix @ x = rhs`` as ``x = x0 + sum_k t_k * basis[k]``.

    Returns ``(x0, basis)`` (``basis`` empty when the solution is unique), or
    None when the system is inconsistent.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> x0, basis = affine_solutions([[F(1), F(1)]], [F(1)], 2)
    >>> x0, basis
    ([Fraction(1, 1), Fraction(0, 1)], [[Fraction(-1, 1), Fraction(1, 1)]])
    """
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs)]
    if not rows:
        return [Fraction(0)] * n_cols, [[Fraction(int(j == k)) for j in range(n_cols)] for k in range(n_cols)]
    reduced, pivots = _rref(rows, n_cols)
    for row in reduced[len(pivots):]:
        if row[n_cols] != 0:
            return None
    x0 = [Fraction(0)] * n_cols
    for r, c in enumerate(pivots):
        x0[c] = reduced[r][n_cols]
    free = [c for c in range(n_cols) if c not in pivots]
    basis = []
    for f in free:
        v = [Fraction(0)] * n_cols
        v[f] = Fraction(1)
        for r, c in enumerate(pivots):
            v[c] = -reduced[r][f]
        basis.append(v)
    return x0, basis


def _solve_square(matrix: Matrix, rhs: Vector) -> Vector | None:
    """The unique solution of a square system, or None when it is singular."""
    size = len(matrix)
    reduced, pivots = _rref([[*list(row), b] for row, b in zip(matrix, rhs)], size)
    if len(pivots) < size:
        return None
    return [reduced[r][size] for r in range(size)]


def polytope_vertices(eq_matrix: Sequence[Sequence[Fraction]], eq_rhs: Sequence[Fraction],
                      ineq_matrix: Sequence[Sequence[Fraction]], ineq_rhs: Sequence[Fraction],
                      n_cols: int) -> list[Vector]:
    """Vertices of the bounded polyhedron ``{x : E x = f, A x <= b}``, exactly.

    The affine hull ``E x = f`` is parametrised as ``x0 + N t``; a vertex is a
    point where ``dim t`` linearly independent inequalities are tight, so every
    such subset is tried (the polytopes met here are small).  Returns an empty
    list when the polyhedron is empty.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> # the simplex x1 + x2 = 1, x >= 0, cut by x1 <= 1/2
    >>> polytope_vertices([[F(1), F(1)]], [F(1)], [[F(-1), F(0)], [F(0), F(-1)], [F(1), F(0)]],
    ...                   [F(0), F(0), F(1, 2)], 2)
    [[Fraction(0, 1), Fraction(1, 1)], [Fraction(1, 2), Fraction(1, 2)]]
    """
    solved = affine_solutions(eq_matrix, eq_rhs, n_cols)
    if solved is None:
        return []
    x0, basis = solved
    dim = len(basis)
    # constraints on t: (A N) t <= b - A x0
    reduced_rows = []
    for row, b in zip(ineq_matrix, ineq_rhs):
        coeffs = [sum((a * v for a, v in zip(row, vec)), Fraction(0)) for vec in basis]
        bound = Fraction(b) - sum((a * v for a, v in zip(row, x0)), Fraction(0))
        reduced_rows.append((coeffs, bound))

    def point(t: Vector) -> Vector:
        return [x + sum((tk * vec[j] for tk, vec in zip(t, basis)), Fraction(0)) for j, x in enumerate(x0)]

    def feasible(t: Vector) -> bool:
        return all(sum((c * v for c, v in zip(coeffs, t)), Fraction(0)) <= bound for coeffs, bound in reduced_rows)

    if dim == 0:
        return [x0] if feasible([]) else []
    vertices: list[Vector] = []
    active = [(coeffs, bound) for coeffs, bound in reduced_rows if any(coeffs)]
    for subset in combinations(active, dim):
        t = _solve_square([list(c) for c, _ in subset], [b for _, b in subset])
        if t is None or not feasible(t):
            continue
        x = point(t)
        if x not in vertices:
            vertices.append(x)
    vertices.sort()
    return vertices
