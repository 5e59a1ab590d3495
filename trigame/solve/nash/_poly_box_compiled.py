"""The box search of :mod:`trigame.solve.nash._poly_box` as one compiled loop (Numba, optional).

On the small systems of small games (a few unknowns, a few hundred boxes) the array search
spends its time in the fixed cost of each round of NumPy calls, not in arithmetic.  This
module runs the same test box by box in a compiled depth-first loop: the same exclusion by
corner ranges (a multilinear polynomial's range on a box is attained at its corners), the same
drop of boxes outside the simplices or where a no-deviation condition is positive throughout,
the same Krawczyk operator with the same safety margins, the same bisection rule (largest
smear, off-centre cut), the same Newton polish.  A system is given up (None) under the same
conditions -- a box narrower than ``1e-10`` unsettled, or more than ``MAX_BOXES`` boxes -- and
also when the loop's fixed stack or root storage would overflow; the caller then takes the
exact Gröbner route, as for the array search.  Without Numba :func:`box_roots_compiled`
returns None and the array search runs; ``tests/test_polynomial_compiled.py`` pins one
against the other.

Each polynomial is held densely: entry ``m`` of its coefficient vector (length ``2^d``) is the
coefficient of the monomial whose unknowns are the set bits of ``m``.  Its values at the
``2^d`` corners of a box come from ``d`` passes, each replacing the pair (term without ``x_k``,
term with it) ``(a, b)`` by ``(a + lo_k b, a + hi_k b)``.

Like the compiled vertex pass (:mod:`trigame.solve.nash._small_vertices`), a process loads the
loop only once Numba is imported anyway or after :data:`WARM_UP` searches, so that solving one
small game does not pay the seconds of importing Numba.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.solve.nash._lazy_kernel import LazyKernel

__all__ = ["MAX_VARS", "box_roots_compiled", "load"]

#: Systems with more unknowns than this are left to the array search.
MAX_VARS = 7
#: Boxes the loop's stack holds at once (a depth-first search needs few).
STACK = 4096
#: Roots stored per system.
MAX_ROOTS = 512
#: Searches by the array path before the compiled loop is loaded (unless Numba already is).
WARM_UP = 16

#: The compiled loop, loaded on first use (:class:`~trigame.solve.nash._lazy_kernel.LazyKernel`).
KERNEL = LazyKernel(lambda: _compile(), WARM_UP)


def load() -> Any:
    """The compiled loop, or None when Numba is not available."""
    return KERNEL.load()


def _wanted() -> bool:
    """Whether to use the compiled loop now (see :meth:`LazyKernel.wanted`)."""
    return KERNEL.wanted()


def _dense(systems: Sequence[Sequence[dict[tuple[int, ...], Any]]], n_vars: int,
           rows: int) -> np.ndarray:
    """Coefficients (systems, rows, 2^d); missing rows are zero polynomials."""
    out = np.zeros((len(systems), rows, 2**n_vars))
    weights = [1 << k for k in range(n_vars)]
    position: dict[tuple[int, ...], int] = {}  # monomial -> its entry (systems share monomials)
    for s, polys in enumerate(systems):
        row = out[s]
        for i, poly in enumerate(polys):
            for monomial, c in poly.items():
                m = position.get(monomial)
                if m is None:
                    m = position[monomial] = sum(w for w, e in zip(weights, monomial) if e)
                row[i, m] += float(c)
    return out


def box_roots_compiled(systems: Sequence[Sequence[dict[tuple[int, ...], Any]]], n_vars: int,
                       groups: Sequence[Sequence[int]],
                       inequalities: Sequence[Sequence[dict[tuple[int, ...], Any]]] | None,
                       pad: float, margin: float, cut: float, max_boxes: int,
                       exhausted: list[int] | None = None) -> list[list[np.ndarray] | None] | None:
    """:func:`~trigame.solve.nash._poly_box.box_roots_many` by the compiled loop, or None when it cannot run.

    ``exhausted`` (optional) receives the indices of the systems given up for running out of
    ``max_boxes`` boxes (not those given up on a narrow box, a full stack or too many roots).
    """
    if not systems or n_vars > MAX_VARS or n_vars == 0 or not _wanted():
        return None
    kernel = load()
    if kernel is None:
        return None
    coeffs = _dense(systems, n_vars, n_vars)
    slack = margin * (np.abs(coeffs).sum(axis=2) * (1 + pad) ** n_vars + 1.0)
    width = max((len(p) for p in inequalities), default=0) if inequalities is not None else 0
    if width and inequalities is not None:
        constraints = _dense(inequalities, n_vars, width)
    else:
        constraints = np.zeros((len(systems), 0, 2**n_vars))
    constraint_slack = margin * (np.abs(constraints).sum(axis=2) * (1 + pad) ** n_vars + 1.0)
    masks = np.zeros((max(1, len(groups)), n_vars), dtype=np.int8)
    for g, members in enumerate(groups):
        masks[g, list(members)] = 1
    roots, owner, count, failed, spent = kernel(coeffs, slack, constraints, constraint_slack, masks, pad, margin,
                                                cut, max_boxes, STACK, MAX_ROOTS)
    if exhausted is not None:
        exhausted.extend(int(s) for s in np.flatnonzero(spent))
    out: list[list[np.ndarray] | None] = [None if failed[s] else [] for s in range(len(systems))]
    for r in range(count):
        found = out[owner[r]]
        if found is not None:
            found.append(roots[r].copy())
    return out


def _compile() -> Any:  # pragma: no cover - depends on the optional Numba
    """Compile the loop (cached on disk; module-level functions, so the cache is found again)."""
    global _corners, _value, _solve
    import numba

    _corners = numba.njit(cache=True)(_corners_py)
    _value = numba.njit(cache=True)(_value_py)
    _solve = numba.njit(cache=True)(_solve_py)
    return numba.njit(cache=True)(_search_py)


def _corners_py(coeffs: Any, lo: Any, hi: Any, out: Any) -> None:  # pragma: no cover - compiled
    """Values at every corner of [lo, hi] of one dense multilinear polynomial (bit k of a corner: hi_k)."""
    size = coeffs.shape[0]
    for c in range(size):
        out[c] = coeffs[c]
    step = 1
    k = 0
    while step < size:
        for base in range(0, size, 2 * step):
            for j in range(base, base + step):
                a = out[j]
                b = out[j + step]
                out[j] = a + lo[k] * b
                out[j + step] = a + hi[k] * b
        step *= 2
        k += 1


def _value_py(coeffs: Any, x: Any, work: Any) -> float:  # pragma: no cover - compiled
    """One dense multilinear polynomial's value at ``x``."""
    size = coeffs.shape[0]
    for c in range(size):
        work[c] = coeffs[c]
    k = x.shape[0] - 1
    while size > 1:
        size //= 2
        for c in range(size):
            work[c] += x[k] * work[c + size]
        k -= 1
    return work[0]


def _solve_py(matrix: Any, rhs: Any, out: Any) -> bool:  # pragma: no cover - compiled
    """``out = matrix^-1 rhs`` by Gaussian elimination with partial pivoting (False when singular)."""
    n = matrix.shape[0]
    a = matrix.copy()
    b = rhs.copy()
    for col in range(n):
        pivot = col
        for r in range(col + 1, n):
            if abs(a[r, col]) > abs(a[pivot, col]):
                pivot = r
        if a[pivot, col] == 0.0 or not np.isfinite(a[pivot, col]):
            return False
        if pivot != col:
            for c in range(n):
                a[col, c], a[pivot, c] = a[pivot, c], a[col, c]
            for c in range(b.shape[1]):
                b[col, c], b[pivot, c] = b[pivot, c], b[col, c]
        for r in range(n):
            if r != col:
                factor = a[r, col] / a[col, col]
                if factor != 0.0:
                    for c in range(col, n):
                        a[r, c] -= factor * a[col, c]
                    for c in range(b.shape[1]):
                        b[r, c] -= factor * b[col, c]
    for r in range(n):
        for c in range(b.shape[1]):
            out[r, c] = b[r, c] / a[r, r]
    for r in range(n):
        for c in range(b.shape[1]):
            if not np.isfinite(out[r, c]):
                return False
    return True


def _search_py(coeffs: Any, slack: Any, constraints: Any, constraint_slack: Any, masks: Any, pad: float,
               margin: float, cut: float, max_boxes: int, stack_size: int,
               max_roots: int) -> Any:  # pragma: no cover - compiled
    n_systems, d, size = coeffs.shape
    n_cons = constraints.shape[1]
    n_groups = masks.shape[0]
    roots = np.zeros((64, d))  # doubled when full
    owner = np.zeros(64, dtype=np.int64)
    failed = np.zeros(n_systems, dtype=np.bool_)
    spent = np.zeros(n_systems, dtype=np.bool_)  # failed for want of boxes
    count = 0
    stack_lo = np.zeros((stack_size, d))
    stack_hi = np.zeros((stack_size, d))
    values = np.zeros((d, size))
    cvalues = np.zeros(size)
    work = np.zeros(size)
    jac_lo = np.zeros((d, d))
    jac_hi = np.zeros((d, d))
    jac_mid = np.zeros((d, d))
    f_mid = np.zeros(d)
    identity = np.eye(d)
    y = np.zeros((d, d))
    point = np.zeros(d)
    probe = np.zeros(d)
    f = np.zeros((d, 1))
    step = np.zeros((d, 1))
    jac = np.zeros((d, d))
    for s in range(n_systems):
        top = 1
        for k in range(d):
            stack_lo[0, k] = -pad
            stack_hi[0, k] = 1.0 + pad
        examined = 0
        found = 0
        while top > 0 and not failed[s]:
            top -= 1
            lo = stack_lo[top].copy()
            hi = stack_hi[top].copy()
            examined += 1
            if examined > max_boxes:
                failed[s] = True
                spent[s] = True
                break
            # outside the simplices: no kept root; then shrink to them
            outside = False
            for k in range(d):
                if hi[k] < 0.0:
                    outside = True
            for g in range(n_groups):
                total = 0.0
                members = 0
                for k in range(d):
                    if masks[g, k]:
                        total += lo[k]
                        members += 1
                if total > 1.0:
                    outside = True
                if members > 1:
                    for k in range(d):
                        if masks[g, k]:
                            hi[k] = min(hi[k], 1.0 + pad - (total - lo[k]))
            if outside:
                continue
            # exclusion by corner ranges
            excluded = False
            for i in range(d):
                _corners(coeffs[s, i], lo, hi, values[i])
                low = values[i].min()
                high = values[i].max()
                if low > slack[s, i] or high < -slack[s, i]:
                    excluded = True
                    break
            if excluded:
                continue
            for j in range(n_cons):
                _corners(constraints[s, j], lo, hi, cvalues)
                if cvalues.min() > constraint_slack[s, j]:
                    excluded = True
                    break
            if excluded:
                continue
            # f and J at the centre (means of corner values and edge quotients) and J's ranges
            for i in range(d):
                f_mid[i] = values[i].mean()
                for k in range(d):
                    bit = 1 << k
                    width = hi[k] - lo[k]
                    qlo = np.inf
                    qhi = -np.inf
                    qsum = 0.0
                    for c in range(size):
                        if c & bit == 0:
                            q = (values[i, c + bit] - values[i, c]) / width
                            qlo = min(qlo, q)
                            qhi = max(qhi, q)
                            qsum += q
                    jac_lo[i, k] = qlo
                    jac_hi[i, k] = qhi
                    jac_mid[i, k] = qsum / (size // 2)
            invertible = _solve(jac_mid, identity, y)
            if invertible:
                abs_y = np.abs(y)
                pre_excluded = False
                for i in range(d):
                    pre_slack = 0.0
                    for j in range(d):
                        pre_slack += 2.0 * abs_y[i, j] * slack[s, j]
                    low = np.inf
                    high = -np.inf
                    for c in range(size):
                        v = 0.0
                        for j in range(d):
                            v += y[i, j] * values[j, c]
                        low = min(low, v)
                        high = max(high, v)
                    if low > pre_slack or high < -pre_slack:
                        pre_excluded = True
                        break
                if pre_excluded:
                    continue
                disjoint = False
                inside = True
                k_lo = np.zeros(d)
                k_hi = np.zeros(d)
                k_mid = np.zeros(d)
                for i in range(d):
                    step_i = 0.0
                    for j in range(d):
                        step_i += y[i, j] * f_mid[j]
                    k_mid[i] = (lo[i] + hi[i]) / 2 - step_i
                for i in range(d):
                    rad = 0.0
                    for j in range(d):
                        centre = identity[i, j]
                        spread = 0.0
                        for m in range(d):
                            centre -= y[i, m] * (jac_lo[m, j] + jac_hi[m, j]) / 2
                            spread += abs_y[i, m] * (jac_hi[m, j] - jac_lo[m, j]) / 2
                        rad += (abs(centre) + spread) * ((hi[j] - lo[j]) / 2) + abs_y[i, j] * slack[s, j]
                    rad += margin * (abs(k_mid[i]) + 1e-12)
                    k_lo[i] = k_mid[i] - rad
                    k_hi[i] = k_mid[i] + rad
                    if k_hi[i] < lo[i] or k_lo[i] > hi[i]:
                        disjoint = True
                    if not (k_lo[i] > lo[i] and k_hi[i] < hi[i]):
                        inside = False
                if disjoint:
                    continue
                if inside:
                    keep = True
                    for k in range(d):
                        if k_hi[k] < 0.0:
                            keep = False
                    for g in range(n_groups):
                        total = 0.0
                        for k in range(d):
                            if masks[g, k]:
                                total += k_lo[k]
                        if total > 1.0:
                            keep = False
                    if keep:
                        if found >= max_roots:
                            failed[s] = True
                            break
                        # Newton's method from the centre of the enclosure
                        for k in range(d):
                            point[k] = k_mid[k]
                        for _ in range(8):
                            for i in range(d):
                                f[i, 0] = _value(coeffs[s, i], point, work)
                            for k in range(d):
                                for m in range(d):
                                    probe[m] = point[m]
                                probe[k] = 1.0
                                for i in range(d):
                                    jac[i, k] = _value(coeffs[s, i], probe, work)
                                probe[k] = 0.0
                                for i in range(d):
                                    jac[i, k] -= _value(coeffs[s, i], probe, work)
                            if not _solve(jac, f, step):
                                break
                            biggest = 0.0
                            for k in range(d):
                                point[k] -= step[k, 0]
                                biggest = max(biggest, abs(step[k, 0]))
                            if biggest < 1e-15:
                                break
                        if count == roots.shape[0]:
                            more = np.zeros((2 * count, d))
                            more[:count] = roots
                            roots = more
                            more_owner = np.zeros(2 * count, dtype=np.int64)
                            more_owner[:count] = owner
                            owner = more_owner
                        for k in range(d):
                            roots[count, k] = point[k]
                        owner[count] = s
                        count += 1
                        found += 1
                    continue
            # split: a box this narrow holds a singular root or a continuum
            widest = 0.0
            for k in range(d):
                widest = max(widest, (hi[k] - lo[k]) / 2)
            if widest < 1e-10:
                failed[s] = True
                break
            if top + 2 > stack_size:
                failed[s] = True
                break
            best = -1.0
            most = 0.0
            slopes = np.zeros(d)
            for k in range(d):
                slope = 0.0
                for i in range(d):
                    slope = max(slope, abs(jac_lo[i, k]), abs(jac_hi[i, k]))
                slopes[k] = slope
                most = max(most, slope)
            axis = 0
            for k in range(d):
                score = (hi[k] - lo[k]) / 2 * (slopes[k] + 1e-6 * most + 1e-300)
                if score > best:
                    best = score
                    axis = k
            at = lo[axis] + cut * (hi[axis] - lo[axis])
            for k in range(d):
                stack_lo[top, k] = lo[k]
                stack_hi[top, k] = hi[k]
                stack_lo[top + 1, k] = lo[k]
                stack_hi[top + 1, k] = hi[k]
            stack_hi[top, axis] = at
            stack_lo[top + 1, axis] = at
            top += 2
    return roots, owner, count, failed, spent


_corners = _corners_py
_value = _value_py
_solve = _solve_py
