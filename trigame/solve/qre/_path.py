"""Predictor--corrector continuation of a curve ``H(z) = 0``, ``H: R^(M+1) -> R^M``.

The method of Allgower and Georg (*Introduction to Numerical Continuation
Methods*, 1990, ch. 2--3, 8): an Euler predictor along the unit tangent, Newton
corrector steps in the hyperplane normal to the tangent (pseudo-arclength), and a
step length adapted to how the corrector converged.  Two events along the curve are located and
reported rather than stalled on:

* a **turning point** (fold), where the last coordinate (the path parameter)
  reverses direction: the tangent's last component changes sign;
* a **simple bifurcation**, where another branch crosses: the determinant of the
  augmented Jacobian ``[H'(z); tangent]`` changes sign.  The tangent is oriented
  by continuity (a positive inner product with the previous one), so the tracer
  walks straight through the crossing and stays on its own branch.

Near a singular point the corrector may fail at every small step; the tracer
then tries a few longer steps that jump over it before it gives up, and a
give-up is reported, never a silent stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from trigame.budget import WorkBudget
from trigame.errors import BudgetExceededError

__all__ = ["Event", "PathTrace", "trace_path"]

Function = Callable[[np.ndarray], np.ndarray]

_NEWTON_ITERATIONS = 8
_TOL = 1e-12
_MIN_COS = 0.9  # the largest angle between consecutive tangents accepted in one step (about 26 degrees)


@dataclass
class Event:
    """A turning point or a bifurcation located on the curve."""

    kind: str  # "turning point" | "bifurcation"
    z: np.ndarray
    index: int  # the event lies between accepted points index - 1 and index
    tangent: np.ndarray  # the branch's unit tangent at the accepted point before the event


@dataclass
class PathTrace:
    """The accepted points, the events, the landings on target parameter values and how the trace ended."""

    points: list[np.ndarray] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    landings: list[tuple[float, np.ndarray]] = field(default_factory=list)
    stop: str = ""
    stalled: bool = False
    exhausted: bool = False


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The unit kernel vector of ``jac`` (full row rank), oriented along ``previous`` (or with increasing t)."""
    q, _ = np.linalg.qr(jac.T, mode="complete")
    tau = q[:, -1]
    if previous is not None and float(tau @ previous) < 0:
        tau = -tau
    return tau


def _orientation(jac: np.ndarray, tau: np.ndarray) -> float:
    """The sign of ``det [jac; tau]``."""
    sign, _ = np.linalg.slogdet(np.vstack([jac, tau]))
    return float(sign)


def _correct(
    value: Function, jacobian: Function, z: np.ndarray, tau: np.ndarray
) -> tuple[np.ndarray, bool, float, np.ndarray | None]:
    """Pseudo-arclength Newton steps from ``z`` in the hyperplane normal to ``tau``.

    Returns the point, whether it converged, the length of the first step, and the Jacobian at the
    last iterate (for the next tangent).
    """
    previous = first = np.inf
    jac = None
    for k in range(1, _NEWTON_ITERATIONS + 1):
        h = value(z)
        if not np.all(np.isfinite(h)):
            return z, False, first, None
        jac = jacobian(z)
        try:
            step = np.linalg.solve(np.vstack([jac, tau]), np.append(h, 0.0))
        except np.linalg.LinAlgError:
            return z, False, first, None
        size = float(np.linalg.norm(step))
        if k == 1:
            first = size
        if not np.isfinite(size) or (k > 1 and size > 0.5 * previous and size > _TOL):
            return z, False, first, None
        z = z - step
        if size <= _TOL * max(1.0, float(np.max(np.abs(z)))):
            return z, True, first, jac
        previous = size
    return z, False, first, None


def _next_tangent(jac: np.ndarray, tau: np.ndarray) -> np.ndarray | None:
    """The unit tangent at a point with Jacobian ``jac``, oriented along the previous tangent ``tau``."""
    rhs = np.zeros(jac.shape[1])
    rhs[-1] = 1.0
    try:
        t = np.linalg.solve(np.vstack([jac, tau]), rhs)
    except np.linalg.LinAlgError:
        return None
    norm = float(np.linalg.norm(t))
    return t / norm if np.isfinite(norm) and norm > 0 else None


def _land(value: Function, jacobian: Function, z: np.ndarray, target: float) -> np.ndarray | None:
    """Newton on the square system in the first M coordinates with the last one fixed at ``target``."""
    z = z.copy()
    z[-1] = target
    for _ in range(3 * _NEWTON_ITERATIONS):
        h = value(z)
        jac = jacobian(z)[:, :-1]
        try:
            step = np.linalg.solve(jac, h)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(step)):
            return None
        z[:-1] -= step
        if float(np.max(np.abs(step))) <= _TOL * max(1.0, float(np.max(np.abs(z)))):
            return z
    return z if float(np.max(np.abs(value(z)))) < 1e-9 else None


def _correct_on_plane(value: Function, jacobian: Function, z: np.ndarray, normal: np.ndarray) -> np.ndarray | None:
    """Newton on ``H(x) = 0, normal . (x - z) = 0``: the curve's point on the hyperplane through ``z``.

    The hyperplane keeps the corrector from sliding along the curve, or onto another branch, near a
    singular point; Newton there converges only linearly, so many iterations are allowed.
    """
    anchor = z.copy()
    for _ in range(8 * _NEWTON_ITERATIONS):
        residual = np.append(value(z), normal @ (z - anchor))
        try:
            step = np.linalg.solve(np.vstack([jacobian(z), normal]), residual)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(step)):
            return None
        z = z - step
        if float(np.max(np.abs(step))) <= _TOL * max(1.0, float(np.max(np.abs(z)))):
            return z
    return None


def _locate(
    value: Function, jacobian: Function, a: np.ndarray, b: np.ndarray, sign: Callable[[np.ndarray], float]
) -> np.ndarray:
    """Bisect the arc from ``a`` to ``b`` for a sign change of ``sign``.

    Each midpoint of the current bracket's chord is projected back on the curve in the hyperplane
    normal to the chord, and becomes an end of the next bracket: the chord's distance from the curve
    shrinks with the square of the bracket, so the projection stays on this branch even next to a
    crossing one.
    """
    s_lo = sign(a)
    for _ in range(80):
        chord = b - a
        length = float(np.linalg.norm(chord))
        if length <= 1e-13 * max(1.0, float(np.max(np.abs(a)))):
            break
        z = _correct_on_plane(value, jacobian, a + 0.5 * chord, chord / length)
        if z is None:
            break
        if sign(z) == s_lo:
            a = z
        else:
            b = z
    return 0.5 * (a + b)


def _passes_near(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> bool:
    """Whether the step from ``a`` to ``b`` passes ``point`` closely (a twentieth of the step)."""
    chord = b - a
    length = float(np.linalg.norm(chord))
    w = min(1.0, max(0.0, float((point - a) @ chord) / (length * length))) if length > 0 else 0.0
    return float(np.linalg.norm(a + w * chord - point)) <= 0.05 * length


def trace_path(
    value: Function,
    jacobian: Function,
    start: np.ndarray,
    *,
    stop: Callable[[np.ndarray], str],
    targets: Sequence[float] = (),
    first_step: float = 0.03,
    max_accel: float = 1.5,
    budget: WorkBudget,
    first_landing_only: bool = False,
    start_tangent: np.ndarray | None = None,
    origin: np.ndarray | None = None,
) -> PathTrace:
    """Follow the curve from ``start`` (oriented with increasing last coordinate).

    Parameters
    ----------
    value, jacobian
        ``H`` and ``H'``.
    start
        A point on the curve.
    stop
        Called at each accepted point; a non-empty string (the reason) ends the trace.
    targets
        Values of the last coordinate to land on exactly whenever the curve crosses them.
    first_step, max_accel
        The first step length and the largest factor by which a step may grow.
    budget
        Counts accepted and rejected steps.
    first_landing_only
        End at the first landing (as Gambit's ``logit_solve_lambda`` does).
    start_tangent
        The direction to leave ``start`` in (default: increasing last coordinate).
    origin
        A bifurcation point the trace started next to: meeting it again (as a located bifurcation)
        ends the trace, which has then gone round a closed loop.
    """
    out = PathTrace(points=[start.copy()])
    z = start.copy()
    jac = jacobian(z)
    tau = _tangent(jac, start_tangent)
    if start_tangent is None and tau[-1] < 0:
        tau = -tau
    orient = _orientation(jac, tau)
    h = first_step
    h_min = 1e-12
    last_good = first_step
    jumps = 0
    travelled = 0.0
    for target in targets:
        if target == z[-1]:
            out.landings.append((target, z.copy()))
    if first_landing_only and out.landings:
        out.stop = "target reached"
        return out
    while True:
        reason = stop(z)
        if reason:
            out.stop = reason
            return out
        try:
            budget.spend()
        except BudgetExceededError as error:
            out.stop = str(error)
            out.exhausted = True
            return out
        new, ok, first_correction, last_jac = _correct(value, jacobian, z + h * tau, tau)
        new_tau: np.ndarray | None = None
        if ok:
            new_jac = jacobian(new) if last_jac is None else last_jac
            new_tau = _next_tangent(new_jac, tau)
            distance = float(np.linalg.norm(new - z))
            ok = new_tau is not None and float(new_tau @ tau) >= _MIN_COS and distance <= 2.0 * h
        if not ok or new_tau is None:
            if h > h_min and jumps == 0:
                h *= 0.5
                continue
            # stuck at a singular point: try to jump over it with longer steps
            jumps += 1
            if jumps > 6:
                out.stop = f"the corrector failed near t = {z[-1]:.6g}"
                out.stalled = True
                return out
            h = last_good * 4.0**jumps
            continue
        jumps = 0
        index = len(out.points)
        # a trace that only seeks its first landing does not locate events
        new_orient = orient if first_landing_only else _orientation(new_jac, new_tau)
        if new_tau[-1] * tau[-1] < 0 and not first_landing_only:
            lo, hi = z, new

            def slope(p: np.ndarray, tau: np.ndarray = tau) -> float:
                return float(np.sign(_tangent(jacobian(p), tau)[-1]))

            out.events.append(Event("turning point", _locate(value, jacobian, lo, hi, slope), index, tau))
        if new_orient != orient and new_orient != 0 and orient != 0:

            def det_sign(p: np.ndarray, tau: np.ndarray = tau) -> float:
                jp = jacobian(p)
                return _orientation(jp, _tangent(jp, tau))

            out.events.append(Event("bifurcation", _locate(value, jacobian, z, new, det_sign), index, tau))
            if origin is not None:
                gap = float(np.linalg.norm(out.events[-1].z - origin))
                if gap <= 1e-5 * max(1.0, float(np.max(np.abs(origin)))):
                    out.points.append(new)
                    out.stop = "returned to the bifurcation it started from (a closed loop)"
                    return out
        if new_orient != 0:
            orient = new_orient
        for target in targets:
            if (z[-1] - target) * (new[-1] - target) < 0 or new[-1] == target:
                w = (target - z[-1]) / (new[-1] - z[-1])
                landed = _land(value, jacobian, (1 - w) * z + w * new, target)
                if landed is not None:
                    out.landings.append((target, landed))
        out.points.append(new)
        travelled += float(np.linalg.norm(new - z))
        if travelled > 4.0 * float(np.linalg.norm(new - z)) and _passes_near(start, z, new):
            out.stop = "returned to its starting point (a closed loop)"
            return out
        z, tau = new, new_tau
        last_good = h
        if first_landing_only and out.landings:
            out.stop = "target reached"
            return out
        # the first correction measures the curvature the step met: aim at about 1% of the step
        if first_correction <= 0.005 * h:
            h *= max_accel
        elif first_correction > 0.05 * h:
            h *= 0.7
