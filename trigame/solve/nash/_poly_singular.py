"""Exact proofs that the box search cannot settle a system, so that it is not run to its end.

The box search of :mod:`trigame.solve.nash._poly_box` gives up on a system with a singular
root or a continuum of roots in the region it keeps, but only after a box narrower than
``1e-10`` or ``MAX_BOXES`` boxes: in degenerate games (payoffs with many ties) that is most of
the solver's time, and the exact Gröbner route runs afterwards anyway.  Whether it will give up
can often be proved at once.  A box holding a root ``x*`` is never excluded (the range of each
polynomial over it holds 0), never found disjoint from its Krawczyk image (which holds every
root in the box), and never certified when the Jacobian is singular at ``x*`` (an inclusion
``K(X) in int X`` proves every Jacobian over ``X`` nonsingular: Neumaier 1990, *Interval Methods
for Systems of Equations*, sec. 5.1); it is dropped only when it lies outside the simplices or a
no-deviation condition is positive throughout it.  The search's floating-point bounds are
widened by its rounding margins, so none of this changes in floating point.  So a rational point
``x*`` with

* every coordinate ``>= 0`` and each player's unknowns summing to at most 1,
* every polynomial zero at ``x*`` and the Jacobian there singular (exactly, in rationals),
* every no-deviation condition ``<= 0`` at ``x*``,

keeps a box alive at every depth: the search will give up.  :func:`box_roots_settled` runs the
search with a small budget of boxes first; a system that exhausts it is tested for such a point
on a grid of simple fractions (where the singular roots and continua of games with small integer
payoffs lie) and, when one is found, given up at once; otherwise it is searched again with the
full budget.  The answers are those of :func:`~trigame.solve.nash._poly_box.box_roots_many`
(``tests/test_poly_singular.py`` pins both).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.solve.nash._poly_box import MAX_BOXES, box_roots_many
from trigame.solve.nash._poly_linear import rank

__all__ = ["box_roots_settled", "singular_witness"]

Poly = dict[tuple[int, ...], Any]

#: Boxes per system of the first search with up to 5 unknowns, doubled for each further unknown (a
#: system that needs more is tested for a singular point); random games' systems need far fewer.
FIRST_BOXES = 20_000
#: Coordinates of the points tried: each player's unknowns take these values (summing to at most 1).
GRID = (Fraction(0), Fraction(1), Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(1, 4), Fraction(3, 4))
#: Most grid points evaluated (in floating point) per system; beyond it the coarser grid 0, 1/2, 1.
MAX_POINTS = 20_000
#: Most points checked exactly per system (roots of the system on the grid that the floats found).
MAX_CHECKS = 256
#: Test systems for singular points before the full search (False: the full search alone, as before).
CERTIFY = True


#: The grid's values as numerators over 12 (the points are built in integers, summing to at most 12).
_TWELFTHS = tuple(int(v * 12) for v in GRID)


@functools.cache
def _count(size: int, left: int, numerators: tuple[int, ...]) -> int:
    """How many tuples of ``size`` values in ``numerators`` sum to at most ``left``."""
    if not size:
        return 1
    return sum(_count(size - 1, left - v, numerators) for v in numerators if v <= left)


def _group_points(size: int, numerators: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The tuples of ``size`` values in ``numerators`` summing to at most 12, in product order.

    Built by recursion that drops a prefix once its sum passes 12, so only kept points are made.
    """
    points: list[tuple[int, ...]] = []

    def extend(prefix: tuple[int, ...], left: int) -> None:
        if len(prefix) == size:
            points.append(prefix)
            return
        for v in numerators:
            if v <= left:
                extend((*prefix, v), left - v)

    extend((), 12)
    return points


def _grid(groups: Sequence[Sequence[int]], n_vars: int) -> list[tuple[Fraction, ...]]:
    """Points of the region whose coordinates are in :data:`GRID` (or 0, 1/2, 1 when there are too many).

    The points are counted before any is built: none when even the coarser grid has more than
    :data:`MAX_POINTS`.
    """
    blocks = [tuple(g) for g in groups if g]
    for numerators in (_TWELFTHS, _TWELFTHS[:3]):
        if math.prod(_count(len(g), 12, numerators) for g in blocks) <= MAX_POINTS:
            break
    else:
        return []
    fractions = {v: Fraction(v, 12) for v in numerators}
    options = [_group_points(len(g), numerators) for g in blocks]
    points = []
    for combo in itertools.product(*options):
        point = [Fraction(0)] * n_vars
        for g, part in zip(blocks, combo):
            for k, v in zip(g, part):
                point[k] = fractions[v]
        points.append(tuple(point))
    return points


class Grid:
    """The grid points of one layout of unknowns and their floating-point array, built once per call."""

    __slots__ = ("array", "points")

    def __init__(self, groups: Sequence[Sequence[int]], n_vars: int) -> None:
        self.points = _grid(groups, n_vars)
        self.array = np.array(self.points, dtype=float).reshape(len(self.points), n_vars)


def _value(poly: Poly, point: Sequence[Fraction], skip: int = -1) -> Fraction:
    """``poly`` at ``point``; with ``skip = k`` its partial derivative in ``x_k`` (it is multilinear)."""
    total = Fraction(0)
    for monomial, c in poly.items():
        if skip >= 0 and not monomial[skip]:
            continue
        term = Fraction(c)
        for k, e in enumerate(monomial):
            if e and k != skip:
                term *= point[k] ** e
        total += term
    return total


def singular_witness(polys: Sequence[Poly], inequalities: Sequence[Poly], groups: Sequence[Sequence[int]],
                     n_vars: int, grid: Grid | None = None) -> tuple[Fraction, ...] | None:
    """A grid point that proves the box search of ``polys`` cannot settle it, or None.

    ``polys`` is a square multilinear system over ``n_vars`` unknowns grouped by player as
    ``groups``; ``inequalities`` are the no-deviation conditions (``<= 0`` at the roots kept).
    The point returned is in the region, a root with a singular Jacobian, and satisfies every
    inequality (see the module's docstring); None when no grid point does.  ``grid`` (optional) is
    the :class:`Grid` of ``groups``, shared by the systems of one search.

    Examples
    --------
    >>> # x (y - 1/2) = 0 and y - 1/2 = 0: the root (0, 1/2) and the line y = 1/2 of roots
    >>> singular_witness([{(1, 1): 2, (1, 0): -1}, {(0, 1): 2, (0, 0): -1}], [], [[0], [1]], 2)
    (Fraction(0, 1), Fraction(1, 2))
    >>> singular_witness([{(1, 0): 3, (0, 0): -1}, {(0, 1): 2, (0, 0): -1}], [], [[0], [1]], 2) is None
    True
    """
    if len(polys) != n_vars or not n_vars:
        return None
    if grid is None:
        grid = Grid(groups, n_vars)
    points = grid.points
    if not points:
        return None
    monomials = sorted({m for p in polys for m in p})
    exponents = np.array(monomials, dtype=bool).reshape(len(monomials), n_vars)
    coeffs = np.zeros((len(polys), len(monomials)))
    position = {m: j for j, m in enumerate(monomials)}
    for i, p in enumerate(polys):
        for m, c in p.items():
            coeffs[i, position[m]] = float(c)
    values = np.ones((len(points), len(monomials)))
    for k in range(n_vars):
        values[:, exponents[:, k]] *= grid.array[:, k:k + 1]
    # every polynomial near zero in floating point: the bound is far above the rounding error (at most
    # (n_vars + monomials) 2^-53 times the sum of |coefficients|); the exact check below decides
    near = np.all(np.abs(values @ coeffs.T) <= 1e-11 * (np.abs(coeffs).sum(axis=1) + 1), axis=1)
    for index in np.flatnonzero(near)[:MAX_CHECKS]:
        point = points[int(index)]
        if any(_value(p, point) for p in polys) or any(_value(q, point) > 0 for q in inequalities):
            continue
        if rank([[_value(p, point, skip=k) for k in range(n_vars)] for p in polys]) < n_vars:
            return point
    return None


def box_roots_settled(systems: Sequence[Sequence[Poly]], n_vars: int, groups: Sequence[Sequence[int]],
                      inequalities: Sequence[Sequence[Poly]]) -> list[list[np.ndarray] | None]:
    """:func:`~trigame.solve.nash._poly_box.box_roots_many`, giving up at once where a singular point proves it must.

    The systems are searched with :data:`FIRST_BOXES` boxes each (doubled for each unknown beyond
    5, at most ``MAX_BOXES``); one that runs out of them is given up (None) when
    :func:`singular_witness` finds a point, and otherwise searched again with the full budget (as
    are all when :data:`CERTIFY` is False: the search alone; a system searched again repeats its first
    boxes, at most :data:`FIRST_BOXES`-scaled work more).  One given up on a narrow box is given up at
    once: its exact route finds its roots as after a full search that gives up.
    """
    first = min(MAX_BOXES, FIRST_BOXES * 2 ** max(0, n_vars - 5))
    if not CERTIFY or first >= MAX_BOXES:
        return box_roots_many(systems, n_vars, groups, inequalities)
    exhausted: list[int] = []
    found = box_roots_many(systems, n_vars, groups, inequalities, max_boxes=first, exhausted=exhausted)
    grid = Grid(groups, n_vars) if exhausted else None
    again = [s for s in exhausted if singular_witness(systems[s], inequalities[s], groups, n_vars, grid) is None]
    if again:
        redone = box_roots_many([systems[s] for s in again], n_vars, groups, [inequalities[s] for s in again],
                                max_boxes=MAX_BOXES)
        for s, roots in zip(again, redone):
            found[s] = roots
    return found
