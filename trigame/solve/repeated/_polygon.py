"""Convex polygons of payoff vectors, exact with Fractions or in floats: hull, half-plane clip, distance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Point = tuple[Any, Any]


def _cross(o: Point, a: Point, b: Point) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull(points: Sequence[Point], eps: Any = 0) -> list[Point]:
    """The vertices of the convex hull, counter-clockwise from the lowest-leftmost (Andrew's monotone chain).

    Collinear points are dropped (``eps`` is the float slack; 0 for exact numbers).
    """
    pts = sorted(set((p[0], p[1]) for p in points))
    if len(pts) <= 2:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= eps:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= eps:
            upper.pop()
        upper.append(p)
    out = lower[:-1] + upper[:-1]
    return out if len(out) >= 2 else pts[:1] + pts[-1:]


def clip(polygon: Sequence[Point], coordinate: int, bound: Any) -> list[Point]:
    """The part of a convex polygon (vertices CCW, or a segment or a point) where ``p[coordinate] >= bound``."""
    pts = list(polygon)
    if not pts:
        return []
    if len(pts) == 1:
        return pts if pts[0][coordinate] >= bound else []
    out: list[Point] = []
    closed = pts if len(pts) > 2 else pts[:2]
    edges = list(zip(closed, closed[1:] + closed[:1])) if len(pts) > 2 else [(pts[0], pts[1]), (pts[1], pts[0])]
    for a, b in edges:
        a_in, b_in = a[coordinate] >= bound, b[coordinate] >= bound
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (bound - a[coordinate]) / (b[coordinate] - a[coordinate])
            q = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
            q[coordinate] = bound
            out.append((q[0], q[1]))
    unique: list[Point] = []
    for p in out:
        if p not in unique:
            unique.append(p)
    return unique


def distance(a: Sequence[Point], b: Sequence[Point]) -> float:
    """An upper bound on the Hausdorff distance of two convex polygons: the largest vertex-to-polygon distance."""
    def to_polygon(p: Point, poly: Sequence[Point]) -> float:
        pts = [(float(x), float(y)) for x, y in poly]
        x, y = float(p[0]), float(p[1])
        if len(pts) == 1:
            return float(((x - pts[0][0]) ** 2 + (y - pts[0][1]) ** 2) ** 0.5)
        inside = len(pts) > 2 and all(_cross(u, v, (x, y)) >= 0 for u, v in zip(pts, pts[1:] + pts[:1]))
        if inside:
            return 0.0
        best = float("inf")
        for u, v in zip(pts, pts[1:] + pts[:1]):
            dx, dy = v[0] - u[0], v[1] - u[1]
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - u[0]) * dx + (y - u[1]) * dy) / length))
            cx, cy = u[0] + t * dx, u[1] + t * dy
            best = min(best, ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5)
        return best

    if not a or not b:
        return 0.0 if not a and not b else float("inf")
    return max(max(to_polygon(p, b) for p in a), max(to_polygon(p, a) for p in b))
