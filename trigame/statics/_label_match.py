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
denominators) that lie in the cell, else, where the cell lies on a boundary that the coordinates snapped
one by one miss (``k = q`` at a ``q`` with no simple fraction near it), a point of the boundary with one
coordinate solved for exactly (:func:`projections`).  A candidate is taken only when every coordinate is within
:data:`SNAP` (relative) of the float, and only when it lies in the cell exactly: the exact solve at it
then decides the label, never the float.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import simplest_within
from trigame.statics.decision.partition import locate
from trigame.statics.decision.polynomials import poly_sign

__all__: list[str] = []

#: A rational candidate may differ from the float by at most this much in each coordinate (relative to
#: max(1, |x|)): far above a float's rounding, far below any grid step a sweep or a figure uses.
SNAP = 1e-9
#: Denominator bounds of the simplified candidates, tried in this order (simplest first).
DENOMINATORS = (10**3, 10**6, 10**9)


def simplest(value: Fraction, bound: int) -> Fraction | None:
    """``value.limit_denominator(bound)`` when it lies within :data:`SNAP` of ``value`` (None: it does not)."""
    simple = value.limit_denominator(bound)
    return simple if abs(simple - value) <= SNAP * max(1.0, abs(float(value))) else None


def snap(x: float) -> Fraction:
    """The simplest fraction (the smallest denominator, :func:`trigame._numbers.simplest_within`) within
    :data:`SNAP` of a finite float (relative to ``max(1, |x|)``)."""
    return simplest_within(x, SNAP * max(1.0, abs(x)))


def candidates(point: Sequence[Any]) -> list[list[Fraction]]:
    """Rational points next to a point of numbers: its exact value, then simpler fractions near it.

    Exact inputs (ints, Fractions) are kept as they are; floats are read exactly (``Fraction(x)``) first,
    then as ``Fraction(x).limit_denominator(d)`` for each ``d`` of :data:`DENOMINATORS` where that lies
    within :data:`SNAP` of ``x``.  Repeats are left out.
    """
    exact = _exact(point)
    out = [exact]
    for bound in DENOMINATORS:
        near = _snapped(point, exact, bound)
        if near is not None and near not in out:
            out.append(near)
    return out


def _exact(point: Sequence[Any]) -> list[Fraction]:
    return [Fraction(x) if isinstance(x, (int, Fraction)) else Fraction(float(x)) for x in point]


def _snapped(point: Sequence[Any], exact: Sequence[Fraction], bound: int | None) -> list[Fraction] | None:
    """Each float coordinate as :func:`simplest` with ``bound`` (None: as it is); None where one is not near."""
    near = []
    for x, value in zip(point, exact):
        simple = value if bound is None or isinstance(x, (int, Fraction)) else simplest(value, bound)
        if simple is None:
            return None
        near.append(simple)
    return near


def leaf_at(tree: Any, atoms: Sequence[Any], used: Sequence[int], point: Sequence[Fraction]) -> int | None:
    """The leaf of a partition tree holding an exact point (signs of the atoms ``used``); None: no leaf."""
    leaf = locate(tree, {k: poly_sign(atoms[k], list(point)) for k in used})
    return None if leaf is None else int(leaf)


def rational_in_leaf(tree: Any, atoms: Sequence[Any], used: Sequence[int], point: Sequence[Any],
                     leaf: int) -> list[Fraction] | None:
    """A rational point of ``leaf`` next to ``point`` (None: none found).

    The first of :func:`candidates` that lies in the leaf exactly; else, where the leaf lies on the zero
    sets of some atoms (a boundary) and the coordinates, snapped one by one, miss it (a float within the
    tolerance of the line ``k = q`` whose ``q`` has no simple fraction near it), a point of the zero sets
    found by :func:`projections`.
    """
    for candidate in candidates(point):
        if leaf_at(tree, atoms, used, candidate) == leaf:
            return candidate
    zeros = zero_atoms(tree, leaf)
    if zeros:
        for candidate in projections([atoms[k] for k in zeros], point):
            if leaf_at(tree, atoms, used, candidate) == leaf:
                return candidate
    return None


def zero_atoms(tree: Any, leaf: int) -> list[int]:
    """The atoms that vanish on the whole of ``leaf`` (its path through the tree allows only the sign 0)."""
    stack: list[tuple[Any, tuple[int, ...]]] = [(tree, ())]
    while stack:
        node, zeros = stack.pop()
        if isinstance(node, tuple):
            k, children = node
            stack.extend((child, (*zeros, k) if allowed == {0} else zeros) for allowed, child in children.items())
        elif node == leaf:
            return list(zeros)
    return []


def projections(polys: Sequence[Any], point: Sequence[Any]) -> list[list[Fraction]]:
    """Rational points on the common zero set of ``polys`` within :data:`SNAP` of ``point`` (each coordinate).

    For each float coordinate ``j`` in turn, the others are snapped (simplest fractions first, as in
    :func:`candidates`, then their exact values) and ``x_j`` is solved for exactly where the polynomials
    are linear in it and agree on the root; a root farther than :data:`SNAP` from the float is left out.
    """
    exact = _exact(point)
    out: list[list[Fraction]] = []
    for j, x in enumerate(point):
        if isinstance(x, (int, Fraction)):
            continue
        for bound in (*DENOMINATORS, None):
            near = _snapped(point, exact, bound)
            if near is None:
                continue
            root = _linear_root(polys, near, j)
            if root is None or abs(root - exact[j]) > SNAP * max(1.0, abs(float(exact[j]))):
                continue
            near[j] = root
            if near not in out:
                out.append(near)
    return out


def _linear_root(polys: Sequence[Any], point: Sequence[Fraction], j: int) -> Fraction | None:
    """The one ``x_j`` at which every polynomial vanishes, the other coordinates as in ``point``, where each is
    linear in ``x_j`` (or vanishes whatever ``x_j``); None: no such root, or not linear."""
    root = None
    for p in polys:
        by_power: dict[int, Fraction] = {}
        for exps, c in p.items():
            term = Fraction(c)
            for i, (x, e) in enumerate(zip(point, exps)):
                if e and i != j:
                    term *= x**e
            by_power[exps[j]] = by_power.get(exps[j], Fraction(0)) + term
        powers = [e for e, c in by_power.items() if c]
        if not powers:
            continue  # vanishes on the whole line
        if max(powers) != 1:
            return None  # a nonzero constant (no root) or of a higher degree in x_j
        here = -by_power.get(0, Fraction(0)) / by_power[1]
        if root is not None and here != root:
            return None
        root = here
    return root


def leaf_of_float(tree: Any, atoms: Sequence[Any], used: Sequence[int], point: Sequence[Any],
                  tol: float = 1e-12) -> int | None:
    """The leaf :meth:`RegimeMap.labels <trigame.statics.regime_maps.RegimeMap.labels>` puts a float point in:
    an atom counts as zero where its value is at most ``tol`` times the sum of its terms' absolute values."""
    x = [float(v) for v in point]
    signs = {}
    for k in used:
        value = scale = 0.0
        for exps, c in atoms[k].items():
            term = float(c)
            for v, e in zip(x, exps):
                if e:
                    term *= v**e
            value += term
            scale += abs(term)
        signs[k] = 0 if abs(value) <= tol * scale else (1 if value > 0 else -1)
    leaf = locate(tree, signs)
    return None if leaf is None else int(leaf)
