"""The geometry of a region map: open regions on a fine mesh, boundary curves, and sets on the boundaries.

A region map shows, for each point of a plane of two parameters, the set of
equilibria there.  Where the symbolic layer derives the model's regime map
(:func:`trigame.statics.symbolic.regime_map`), :func:`exact_picture` labels

* a fine mesh of points, shifted off every boundary, with the exact set at
  each point: the open regions, with boundaries as smooth as the mesh;
* every boundary curve (a polynomial's zero set, traced on that mesh and each
  vertex moved onto the curve by Newton steps) with the exact set at each
  vertex: where it differs from every open region's set, the set lives on the
  curve only (measure zero) and is drawn as a line;
* the crossing points of the curves, with their exact sets: drawn as points
  when they differ from everything around them.

Without the symbolic layer, :func:`thin_codes` picks out the sets of a
sweep's grid that are one grid cell thick everywhere: they are drawn as
points at those grid points, not as strips.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["ExactPicture", "exact_picture", "polynomial_function", "separating", "thin_codes"]

#: Fine-mesh points per axis of an exact region map.
MESH = 480
#: Crossings of two boundary curves are solved exactly when the product of their degrees (Bezout's bound on
#: the number of crossings) is at most this; higher-degree pairs are left unsolved, never allowed to hang.
MAX_CROSSING_DEGREE = 4
#: At most this many boundary curves are traced and labelled (the rest are still drawn as separators).
MAX_CURVES = 40
#: At most this many points on the curves are labelled (each may need a numeric solve); pieces of curves
#: past it are left unlabelled (None): no set is drawn on them.
MAX_PROBES = 600
#: The mesh is shifted by these fractions of a mesh step (irrational, different on the two axes, so that no
#: mesh point lies on a boundary such as x = y).
_SHIFTS = ((np.sqrt(2) - 1) / 7, (np.sqrt(3) - 1) / 5)


@dataclass
class ExactPicture:
    """A region map from the symbolic layer (see :func:`exact_picture`).

    ``xs``, ``ys``: the fine mesh (cell centres); ``labels``: the set at each mesh point (rows follow y);
    ``curves``: ``(polynomial function, vertices (n, 2), set label per vertex)`` for each traced piece of
    each boundary curve; ``points``: ``(x, y, set label)`` at each crossing of two curves.
    """

    xs: np.ndarray
    ys: np.ndarray
    labels: np.ndarray
    curves: list[tuple[Any, np.ndarray, np.ndarray]] = field(default_factory=list)
    points: list[tuple[float, float, str]] = field(default_factory=list)
    functions: list[Any] = field(default_factory=list)


def polynomial_function(poly: Any) -> Any:
    """A polynomial in (x, y) as a NumPy function of two arrays (its terms summed; no code is generated)."""
    terms = [(i, j, float(c)) for (i, j), c in poly.terms()]

    def f(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
        total = np.zeros(np.broadcast_shapes(np.shape(gx), np.shape(gy)))
        for i, j, c in terms:
            total = total + c * np.asarray(gx, dtype=float) ** i * np.asarray(gy, dtype=float) ** j
        return total

    return f


def _mesh(lo: float, hi: float, n: int, bounds: tuple[Any, ...], shift: float) -> np.ndarray:
    """Cell centres of ``n`` cells over [lo, hi], shifted off rational points, kept inside an open domain."""
    step = (hi - lo) / n
    centres = lo + (np.arange(n) + 0.5 + shift) * step
    low, high = bounds[:2]
    if low is not None:
        centres = centres[centres > float(low)]
    if high is not None:
        centres = centres[centres < float(high)]
    return centres


def _onto_curve(f: Any, fx: Any, fy: Any, points: np.ndarray) -> np.ndarray:
    """Newton steps along the gradient: each point moved onto the zero set of f (to rounding)."""
    p = points.astype(float).copy()
    for _ in range(6):
        with np.errstate(all="ignore"):
            value, gx, gy = f(p[:, 0], p[:, 1]), fx(p[:, 0], p[:, 1]), fy(p[:, 0], p[:, 1])
            norm = gx * gx + gy * gy
            step = np.where(norm > 0, value / np.where(norm > 0, norm, 1.0), 0.0)
        p[:, 0] -= step * gx
        p[:, 1] -= step * gy
    return p


def _crossings(polys: list[Any], sx: Any, sy: Any, box: tuple[float, float, float, float]) -> list[tuple[Any, Any]]:
    """Exact real crossing points of each pair of curves inside the box (rational where they are)."""
    import sympy

    x0, x1, y0, y1 = box
    out = []
    for i in range(len(polys)):
        for j in range(i + 1, len(polys)):
            if polys[i].total_degree() * polys[j].total_degree() > MAX_CROSSING_DEGREE:
                continue  # solved only where it is cheap: a point set of a higher-degree crossing is not marked
            try:
                solutions = sympy.solve([polys[i].as_expr(), polys[j].as_expr()], [sx, sy], dict=True)
            except (NotImplementedError, ValueError, TypeError):
                continue
            for s in solutions:
                if sx not in s or sy not in s or not (s[sx].is_real and s[sy].is_real):
                    continue
                if x0 <= float(s[sx]) <= x1 and y0 <= float(s[sy]) <= y1 and (s[sx], s[sy]) not in out:
                    out.append((s[sx], s[sy]))
    return out


def _exact(value: Any) -> Any:
    """A SymPy number as an exact Fraction when it is rational, else a float."""
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return float(value)


def exact_picture(rmap: Any, expressions: list[Any], x: str, y: str, box: tuple[float, float, float, float],
                  bounds: dict[str, tuple[Any, ...]], mesh: int = MESH) -> ExactPicture:
    """Label the plane from a regime map (see the module docstring).

    ``expressions`` are the boundary curves (``rmap.boundaries(x, y)``), ``box`` the view (x0, x1, y0, y1),
    ``bounds`` each axis parameter's domain as (lower, upper) (None: unbounded), to keep points inside it.
    """
    import contourpy
    import sympy

    x0, x1, y0, y1 = box
    xs, ys = _mesh(x0, x1, mesh, bounds[x], _SHIFTS[0]), _mesh(y0, y1, mesh, bounds[y], _SHIFTS[1])
    gx, gy = np.meshgrid(xs, ys)
    labels = rmap.labels(**{x: gx, y: gy})
    picture = ExactPicture(xs, ys, labels)
    sx, sy = sympy.Symbol(x), sympy.Symbol(y)
    polys = []
    for expression in expressions:
        names = {str(s): s for s in expression.free_symbols}
        if set(names) - {x, y}:
            continue
        poly = sympy.Poly(expression, names.get(x, sx), names.get(y, sy))
        polys.append(sympy.Poly(poly.as_expr().xreplace({names.get(x, sx): sx, names.get(y, sy): sy}), sx, sy))
    inside = _inside(bounds, x, y)
    budget = [MAX_PROBES]
    for number, poly in enumerate(polys):
        f = polynomial_function(poly)
        fx, fy = polynomial_function(poly.diff(sx)), polynomial_function(poly.diff(sy))
        picture.functions.append(f)
        # The zero set traced on a mesh that reaches the edges of the view, so curves run to the frame.
        ex = np.linspace(x0, x1, mesh + 1)
        ey = np.linspace(y0, y1, mesh + 1)
        mx, my = np.meshgrid(ex, ey)
        values = f(mx, my)
        if np.all(values == 0) or not (np.min(values) <= 0 <= np.max(values)) or number >= MAX_CURVES:
            continue
        for line in contourpy.contour_generator(x=ex, y=ey, z=values).lines(0):
            vertices = np.asarray(line, dtype=float)
            if len(vertices) < 2:
                continue
            stride = max(1, len(vertices) // 240)
            vertices = np.vstack([vertices[::stride], vertices[-1:]]) if stride > 1 else vertices
            vertices = _onto_curve(f, fx, fy, vertices)
            keep = inside(vertices[:, 0], vertices[:, 1])
            vertices = vertices[keep]
            if len(vertices) < 2:
                continue
            picture.curves.append((f, vertices, _label_curve(rmap, x, y, vertices, polys, poly, budget)))
    for px, py in _crossings(polys, sx, sy, box):
        point = (_exact(px), _exact(py))
        if not inside(np.array([float(point[0])]), np.array([float(point[1])]))[0]:
            continue
        exact = all(isinstance(v, Fraction) for v in point)
        values = {x: np.array([point[0]], dtype=object if exact else float),
                  y: np.array([point[1]], dtype=object if exact else float)}
        label = rmap.labels(tol=1e-9, **values)[0]
        picture.points.append((float(point[0]), float(point[1]), str(label)))
    return picture


def _on_curve_exactly(poly: Any, point: np.ndarray) -> tuple[Any, Any] | None:
    """A rational point of the curve next to ``point``: one coordinate rounded to a fraction, the other solved.

    Works where the curve is linear in one coordinate (the boundaries of most models); None otherwise.
    """
    import sympy

    sx, sy = poly.gens
    for fixed, free, value in ((sx, sy, point[0]), (sy, sx, point[1])):
        q = Fraction(float(value)).limit_denominator(10**6)
        rest = sympy.Poly(poly.as_expr().subs(fixed, sympy.Rational(q.numerator, q.denominator)), free)
        if rest.degree() == 1:
            root = -rest.nth(0) / rest.nth(1)
            other = Fraction(int(root.p), int(root.q))
            return (q, other) if fixed == sx else (other, q)
    return None


def _label_curve(rmap: Any, x: str, y: str, vertices: np.ndarray, polys: list[Any], poly: Any,
                 budget: list[int]) -> np.ndarray:
    """The set at each vertex of a traced curve.

    The curve is cut where another curve crosses it; each piece is labelled at three points taken exactly
    on the curve (rational coordinates, so a set that holds only on the curve is found exactly), and each
    vertex takes the label of the nearest of them.
    """
    others = [polynomial_function(p) for p in polys if p is not poly]
    cut = np.zeros(len(vertices) - 1, dtype=bool)
    for g in others:
        with np.errstate(all="ignore"):
            sign = np.sign(g(vertices[:, 0], vertices[:, 1]))
        cut |= sign[:-1] != sign[1:]
    ends = [0, *(np.flatnonzero(cut) + 1).tolist(), len(vertices)]
    out = np.empty(len(vertices), dtype=object)
    for start, stop in itertools.pairwise(ends):
        if stop <= start:
            continue
        probe = np.unique(np.linspace(start, stop - 1, 5)[1:-1].round().astype(int)) if stop - start > 2 else \
            np.arange(start, stop)
        if budget[0] < len(probe):
            continue  # past the work budget: left unlabelled (None)
        budget[0] -= len(probe)
        found = []
        for k in probe:
            exact = _on_curve_exactly(poly, vertices[k])
            if exact is not None:
                values = {x: np.array([exact[0]], dtype=object), y: np.array([exact[1]], dtype=object)}
            else:
                values = {x: vertices[k:k + 1, 0], y: vertices[k:k + 1, 1]}
            try:
                found.append(rmap.labels(tol=1e-9, **values)[0])
            except Exception:  # a rounded point just outside a domain: the float vertex instead
                found.append(rmap.labels(tol=1e-9, **{x: vertices[k:k + 1, 0], y: vertices[k:k + 1, 1]})[0])
        nearest = np.abs(np.arange(start, stop)[:, None] - probe[None, :]).argmin(axis=1)
        out[start:stop] = np.array(found, dtype=object)[nearest]
    return out


def _inside(bounds: dict[str, tuple[Any, ...]], x: str, y: str) -> Any:
    """A function of two arrays: the points strictly inside open bounds and inside closed ones."""

    def ok(v: np.ndarray, low: Any, high: Any) -> np.ndarray:
        keep = np.ones(v.shape, dtype=bool)
        if low is not None:
            keep &= v >= float(low) - 1e-12 * max(1.0, abs(float(low)))
        if high is not None:
            keep &= v <= float(high) + 1e-12 * max(1.0, abs(float(high)))
        return keep

    def inside(vx: np.ndarray, vy: np.ndarray) -> np.ndarray:
        return ok(vx, *bounds[x][:2]) & ok(vy, *bounds[y][:2]) & _open_ok(vx, bounds[x]) & _open_ok(vy, bounds[y])

    return inside


def _open_ok(v: np.ndarray, bound: tuple[Any, ...]) -> np.ndarray:
    low, high = bound[:2]
    low_open, high_open = (bound[2], bound[3]) if len(bound) == 4 else (False, False)
    keep = np.ones(v.shape, dtype=bool)
    if low is not None and low_open:
        keep &= v > float(low)
    if high is not None and high_open:
        keep &= v < float(high)
    return keep


def separating(values: np.ndarray, codes: np.ndarray, others: Sequence[np.ndarray] = ()) -> np.ndarray:
    """Mesh points next to a sign change of ``values`` across which ``codes`` changes (rows = y).

    A boundary curve is drawn only there: where it separates two different regions, and not beyond the
    point where it stops doing so (no overshoot past a crossing).  A pair of neighbours across which one of
    the ``others`` (values of the other curves) also changes sign is left out: the regions may change there
    because of the other curve.
    """
    sign = np.sign(values)
    other_signs = [np.sign(v) for v in others]
    mark = np.zeros(codes.shape, dtype=bool)
    for axis in (0, 1):
        a = [slice(None)] * 2
        b = [slice(None)] * 2
        a[axis], b[axis] = slice(None, -1), slice(1, None)
        change = (sign[tuple(a)] != sign[tuple(b)]) & (codes[tuple(a)] != codes[tuple(b)])
        for o in other_signs:
            change &= o[tuple(a)] == o[tuple(b)]
        mark[tuple(a)] |= change
        mark[tuple(b)] |= change
    return mark


def thin_codes(image: np.ndarray) -> set[int]:
    """Codes of a grid image (rows = y) that are one cell thick at every cell: sets seen only on boundaries.

    A cell is thin when both its neighbours along x, or both along y, hold other codes (the picture's edge
    counts as another code).  A set whose cells are all thin, and that is not the only set, has no area
    on the grid.
    """
    padded = np.pad(image, 1, constant_values=-1)
    centre = padded[1:-1, 1:-1]
    across_x = (padded[1:-1, :-2] != centre) & (padded[1:-1, 2:] != centre)
    across_y = (padded[:-2, 1:-1] != centre) & (padded[2:, 1:-1] != centre)
    thin = across_x | across_y
    codes = set(np.unique(image).tolist())
    out = {c for c in codes if thin[image == c].all()}
    return out if len(out) < len(codes) else set()
