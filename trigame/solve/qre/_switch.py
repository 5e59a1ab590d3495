"""Branch switching at a simple bifurcation of the logit QRE correspondence.

At a simple bifurcation point ``z*`` two branches cross and the Jacobian
``H'(z*)`` (``M x (M+1)``) has a two-dimensional kernel: the traced branch's
tangent ``tau`` and one more direction.  Following Allgower and Georg (1990,
ch. 8), a point of the other branch is found on each side by Newton's method on
the square system ``H(z) = 0, v . (z - z*) = +-eps``, where ``v`` is the kernel
direction orthogonal to ``tau``: the hyperplane cuts the other branch at a
distance ``eps`` from ``z*`` and keeps the corrector away from the traced one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["other_branch_points"]

Function = Callable[[np.ndarray], np.ndarray]


def _kernel_direction(jac: np.ndarray, tau: np.ndarray) -> np.ndarray | None:
    """The unit vector of the (approximate) two-dimensional kernel of ``jac`` orthogonal to ``tau``."""
    _, _, vt = np.linalg.svd(jac)
    best = None
    for row in vt[-2:]:
        candidate = row - (row @ tau) * tau
        if best is None or np.linalg.norm(candidate) > np.linalg.norm(best):
            best = candidate
    assert best is not None
    norm = float(np.linalg.norm(best))
    return best / norm if norm > 1e-8 else None


def _solve_on_hyperplane(
    value: Function, jacobian: Function, centre: np.ndarray, v: np.ndarray, offset: float
) -> np.ndarray | None:
    """Newton on ``H(z) = 0, v . (z - centre) = offset`` from ``centre + offset v``."""
    z = centre + offset * v
    for _ in range(50):
        residual = np.append(value(z), v @ (z - centre) - offset)
        square = np.vstack([jacobian(z), v])
        try:
            step = np.linalg.solve(square, residual)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(step)):
            return None
        z = z - step
        if float(np.max(np.abs(step))) <= 1e-12 * max(1.0, float(np.max(np.abs(z)))):
            return z
    return None


def other_branch_points(
    value: Function, jacobian: Function, centre: np.ndarray, tau: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Points of the other branch through the bifurcation ``centre``, one on each side, with outward directions.

    Returns an empty list when no second kernel direction is found (not a simple bifurcation) or the
    corrector finds only the traced branch.
    """
    v = _kernel_direction(jacobian(centre), tau)
    if v is None:
        return []
    scale = max(1.0, float(np.max(np.abs(centre[:-1]))))
    out = []
    for sign in (1.0, -1.0):
        for eps in (1e-3, 1e-4, 1e-2):
            offset = eps * scale
            z = _solve_on_hyperplane(value, jacobian, centre, v, sign * offset)
            if z is None:
                continue
            step = z - centre
            # The other branch meets the hyperplane at about offset / sin(angle between the branches); the
            # traced branch, which is tangent to it, only at about sqrt(offset / curvature), much further.
            if float(np.linalg.norm(step)) > 20.0 * offset:
                continue
            out.append((z, step / float(np.linalg.norm(step))))
            break
    return out
