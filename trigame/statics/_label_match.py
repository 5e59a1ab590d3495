"""A float point of a regime map's cell read as a rational point of that cell.

:meth:`RegimeMap.labels <trigame.statics.regime_maps.RegimeMap.labels>` puts a float point in a cell by
the signs of the map's boundary polynomials, a polynomial counting as zero within a tolerance.  A float
within that tolerance of a boundary, but not on it (``0.5 + 2**-50`` against the line ``k = q`` at
``q = 1/2``, or a grid point ``0.35000000000000003`` of ``numpy.linspace`` against ``q = 7/20``), is put
on the boundary, while its exact binary value lies off it.  The point solver, with a tie tolerance of its
own, sees the same tie: where the game has a continuum of equilibria on the boundary it lists that
continuum, by its own extreme points, not by the map's regimes.

To label such a point by the cell it was put in, and to check that label against the point solver, a
rational point of the cell next to the float is wanted: the float's exact binary value when it lies in
the cell, else the simplest fractions near its coordinates (continued fractions with bounded
denominators) that lie in the cell.  A candidate is taken only when every coordinate is within
:data:`SNAP` (relative) of the float, and only when it lies in the cell exactly: the exact solve at it
then decides the label, never the float.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.partition import locate
from trigame.statics.decision.polynomials import poly_sign

__all__: list[str] = []

#: A rational candidate may differ from the float by at most this much in each coordinate (relative to
#: max(1, |x|)): far above a float's rounding, far below any grid step a sweep or a figure uses.
SNAP = 1e-9
#: Denominator bounds of the simplified candidates, tried in this order (simplest first).
DENOMINATORS = (10**3, 10**6, 10**9)


def candidates(point: Sequence[Any]) -> list[list[Fraction]]:
    """Rational points next to a point of numbers: its exact value, then simpler fractions near it.

    Exact inputs (ints, Fractions) are kept as they are; floats are read exactly (``Fraction(x)``) first,
    then as ``Fraction(x).limit_denominator(d)`` for each ``d`` of :data:`DENOMINATORS` where that lies
    within :data:`SNAP` of ``x``.  Repeats are left out.
    """
    exact = [Fraction(x) if isinstance(x, (int, Fraction)) else Fraction(float(x)) for x in point]
    out = [exact]
    for bound in DENOMINATORS:
        near = []
        for x, value in zip(point, exact):
            if isinstance(x, (int, Fraction)):
                near.append(Fraction(x))
                continue
            simple = value.limit_denominator(bound)
            if abs(simple - value) > SNAP * max(1.0, abs(float(value))):
                break
            near.append(simple)
        else:
            if near not in out:
                out.append(near)
    return out


def leaf_at(tree: Any, atoms: Sequence[Any], used: Sequence[int], point: Sequence[Fraction]) -> int | None:
    """The leaf of a partition tree holding an exact point (signs of the atoms ``used``); None: no leaf."""
    leaf = locate(tree, {k: poly_sign(atoms[k], list(point)) for k in used})
    return None if leaf is None else int(leaf)


def rational_in_leaf(tree: Any, atoms: Sequence[Any], used: Sequence[int], point: Sequence[Any],
                     leaf: int) -> list[Fraction] | None:
    """The first of :func:`candidates` of ``point`` that lies in ``leaf`` exactly (None: none does)."""
    for candidate in candidates(point):
        if leaf_at(tree, atoms, used, candidate) == leaf:
            return candidate
    return None
