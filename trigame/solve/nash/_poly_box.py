"""Real roots of multilinear systems in the unit box by subdivision and the Krawczyk test.

Each indifference polynomial has degree at most one in every unknown (``sigma_j`` enters linearly,
and ``x_{j,k} x_{j,l}`` never occurs), so on a box its range -- and the range of each partial
derivative -- is attained at the box's corners.  That gives cheap, sharp bounds for

* exclusion: a box where some polynomial keeps one sign has no root;
* the Krawczyk operator (Krawczyk 1969; Moore, Kearfott & Cloud 2009,
  *Introduction to Interval Analysis*, sec. 8.2)
  ``K(X) = m - Y f(m) + (I - Y J(X)) (X - m)`` with ``Y`` any nonsingular matrix (here the inverse
  of the midpoint of the interval Jacobian ``J(X)``; the compiled loop uses ``J(m)^-1``):
  ``K(X)`` inside ``X`` proves that ``X`` holds exactly one root, and
  ``K(X)`` disjoint from ``X`` that it holds none.

Boxes are bisected until each is excluded or holds one certified root.  The search gives up
(returns None) on singular roots and continua, which never pass the test; the caller then uses
the exact Gröbner-basis route.  The bounds are computed in floating point with a relative safety
margin.  Each root is refined by Newton's method to 60 digits.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.solve.nash._poly_box_compiled import box_roots_compiled
from trigame.solve.nash._poly_multilinear import MARGIN, PAD, _Multilinear

__all__ = ["MARGIN", "PAD", "box_roots", "box_roots_many", "refine"]

#: Where a box is bisected (as a fraction of its width).
CUT = 0.4814159
#: Boxes examined before giving up.
MAX_BOXES = 400_000
#: About how many boxes the first generation holds (a grid over every system searched together).
INITIAL_BOXES = 256
#: Most corner values (floats) computed in one array operation: boxes beyond it wait for the next round.
CHUNK_VALUES = 2**21
#: Most coefficients (floats) of the no-deviation conditions held for one search.
CONSTRAINT_VALUES = 2**22
#: Below this many boxes in a round, each box is cut in 4 or 8 rather than bisected.
FEW_BOXES = 256
#: Interior grid lines are moved by this fraction of a cell, so that simple rationals are not on them.
GRID_SHIFT = 0.0138196601
#: Search small systems by the compiled loop of :mod:`trigame.solve.nash._poly_box_compiled` when it
#: is loaded (the same test box by box; without Numba the array search below runs).
COMPILED = True


def box_roots(polys: Sequence[dict[tuple[int, ...], Any]], n_vars: int,
              groups: Sequence[Sequence[int]]) -> list[np.ndarray] | None:
    """Approximate real roots (floats) of a square multilinear system near the unit box, or None.

    ``groups`` lists the unknowns of each player (their sum may not exceed 1).  Returns one float
    vector per certified root, or None when some box could not be settled (singular roots, continua,
    or too many boxes).  Roots whose certified enclosure lies wholly outside the region ``x >= 0``,
    ``sum of each group <= 1`` (a negative probability) are left out.

    Examples
    --------
    >>> roots = box_roots([{(0, 1): 2, (0, 0): -1}, {(1, 0): 3, (0, 0): -1}], 2, [[0], [1]])
    >>> [r.round(6).tolist() for r in roots]  # 2y = 1, 3x = 1
    [[0.333333, 0.5]]
    """
    return box_roots_many([polys], n_vars, groups)[0]


def box_roots_many(systems: Sequence[Sequence[dict[tuple[int, ...], Any]]], n_vars: int,
                   groups: Sequence[Sequence[int]],
                   inequalities: Sequence[Sequence[dict[tuple[int, ...], Any]]] | None = None,
                   max_boxes: int = MAX_BOXES, exhausted: list[int] | None = None) -> list[list[np.ndarray] | None]:
    """:func:`box_roots` of many systems over the same unknowns, searched together.

    The boxes of every system are processed a generation at a time: each box of one bisection
    depth, whichever system it belongs to, is bounded, preconditioned and tested in the same array
    operations, so the cost per box is a few floating-point operations rather than a round of Python
    calls.  Each system is settled on its own: one that gives up (None) does not affect the others,
    and each has its own budget of ``max_boxes`` boxes.

    ``inequalities`` (optional) gives each system multilinear polynomials that are ``<= 0`` at every
    root the caller keeps (a support profile's no-deviation conditions): a box on which one of them
    is positive throughout is dropped, so some roots that violate them are not reported (the others
    are, as without them).  ``exhausted`` (optional) receives the indices of the systems given up
    for running out of ``max_boxes`` boxes (the others were given up for another reason: a box narrower
    than ``1e-10``; in the compiled loop also a full stack or too many roots).

    Examples
    --------
    >>> a = [{(0, 1): 2, (0, 0): -1}, {(1, 0): 3, (0, 0): -1}]  # 2y = 1, 3x = 1
    >>> b = [{(0, 1): 1, (0, 0): 2}, {(1, 0): 1, (0, 0): -1}]   # y = -2: no root in the box
    >>> [None if r is None else len(r) for r in box_roots_many([a, b], 2, [[0], [1]])]
    [1, 0]
    """
    count_systems = len(systems)
    if n_vars > 12 or any(len(polys) != n_vars for polys in systems):
        return [None] * count_systems
    if not count_systems:
        return []
    if COMPILED:
        compiled = box_roots_compiled(systems, n_vars, groups, inequalities, PAD, MARGIN, CUT, max_boxes,
                                      exhausted)
        if compiled is not None:
            return compiled
    system = _Multilinear(systems, n_vars, groups)
    constraints = None
    width = max((len(polys) for polys in inequalities), default=0) if inequalities is not None else 0
    # the conditions only save work: left out when their coefficient arrays would be large
    if inequalities is not None and width and count_systems * width * 2**n_vars <= CONSTRAINT_VALUES:
        padded = [[*polys, *([{}] * (width - len(polys)))] for polys in inequalities]
        constraints = _Multilinear(padded, n_vars, groups)
    d = n_vars
    group_masks = [_mask(d, g) for g in groups if g]
    wide_masks = [mask for mask in group_masks if mask.sum() > 1]
    # start from a grid of k^d boxes per system (k <= 4, about INITIAL_BOXES boxes in all): the
    # first generations of bisection, which exclude little, are done in one array operation
    k = max(1, min(4, int((INITIAL_BOXES / count_systems) ** (1 / d) + 1e-9)))
    edges = -PAD + (1 + 2 * PAD) * (np.arange(k + 1) / k + GRID_SHIFT * ((np.arange(k + 1) % k) > 0) / k)
    cells = np.array(list(itertools.product(range(k), repeat=d)), dtype=np.int64).reshape(-1, d)
    lo = np.tile(edges[cells], (count_systems, 1))
    hi = np.tile(edges[cells + 1], (count_systems, 1))
    owner = np.repeat(np.arange(count_systems), cells.shape[0])
    roots: list[list[np.ndarray]] = [[] for _ in range(count_systems)]
    failed = np.zeros(count_systems, dtype=bool)
    spent = np.zeros(count_systems, dtype=bool)  # failed for want of boxes
    examined = np.zeros(count_systems, dtype=np.int64)
    identity = np.eye(d)
    # boxes waiting, in chunks small enough that one chunk's corner values stay within CHUNK_VALUES floats
    chunk = max(1, CHUNK_VALUES // (2**d * d))
    waiting = [(lo, hi, owner)]
    while waiting:
        lo, hi, owner = waiting.pop()
        if lo.shape[0] > chunk:
            waiting.append((lo[chunk:], hi[chunk:], owner[chunk:]))
            lo, hi, owner = lo[:chunk], hi[:chunk], owner[:chunk]
        examined += np.bincount(owner, minlength=count_systems)
        spent |= (examined > max_boxes) & ~failed
        failed |= spent
        # a box wholly outside the simplices (a coordinate below 0, or a group summing above 1) holds no
        # root that is kept: drop it (boxes that meet a face are kept, so roots on faces are found)
        keep = ~failed[owner] & np.all(hi >= 0, axis=1)
        for mask in group_masks:
            keep &= lo[:, mask].sum(axis=1) <= 1
        lo, hi, owner = lo[keep], hi[keep], owner[keep]
        if not lo.shape[0]:
            continue
        # a kept root has each group's sum at most 1, so x_k <= 1 - (the others' lower ends) + PAD in it:
        # shrink the box to that (the margin PAD keeps roots on the face sum = 1 inside)
        for mask in wide_masks:
            total = lo[:, mask].sum(axis=1, keepdims=True)
            hi[:, mask] = np.minimum(hi[:, mask], 1 + PAD - (total - lo[:, mask]))
        values = system.corner_values(lo, hi, owner)  # per class (B, polys, 2^e)
        slack = system.slack[owner]
        low = np.empty((lo.shape[0], d))
        high = np.empty((lo.shape[0], d))
        for (rows, _), part in zip(system.classes, values):
            low[:, rows] = part.min(axis=2)
            high[:, rows] = part.max(axis=2)
        live = ~np.any((low > slack) | (high < -slack), axis=1)
        if constraints is not None and np.any(live):
            # a no-deviation condition violated throughout the box: no kept root in it
            owners = owner[live]
            parts = constraints.corner_values(lo[live], hi[live], owners)
            least = np.empty((owners.size, constraints.slack.shape[1]))
            for (rows, _), part in zip(constraints.classes, parts):
                least[:, rows] = part.min(axis=2)
            live[np.flatnonzero(live)[np.any(least > constraints.slack[owners], axis=1)]] = False
        lo, hi, owner, slack = lo[live], hi[live], owner[live], slack[live]
        values = [part[live] for part in values]
        count = lo.shape[0]
        if not count:
            continue
        mid = (lo + hi) / 2
        radius = (hi - lo) / 2
        # d f / d x_k is the difference quotient along edge k, so its range is over those edges (and it
        # vanishes for the unknowns a polynomial does not involve)
        # and, a multilinear function's value at the centre being the mean of its corner values, f(mid)
        # is the mean of the corner values
        jac_lo = np.zeros((count, d, d))
        jac_hi = np.zeros((count, d, d))
        f_mid = np.empty((count, d))
        for (rows, unknowns), part, players in zip(system.classes, values, system.players):
            f_mid[:, rows] = part.mean(axis=2)
            if players is None and unknowns.shape[1]:
                # every unknown's edges at once: corners c and c + 2^t for the c without bit t (row r's
                # t-th unknown is unknowns[r, t])
                low_end, high_end = _edge_pairs(unknowns.shape[1])
                quotients = ((part[:, :, high_end] - part[:, :, low_end])
                             / (hi[:, unknowns] - lo[:, unknowns])[:, :, :, None])
                entries = (slice(None), rows[:, None], unknowns)
                jac_lo[entries] = quotients.min(axis=3)
                jac_hi[entries] = quotients.max(axis=3)
                continue
            if players is None:
                continue  # no unknowns: the polynomials are constant
            # affine in each player's unknowns: the quotient along one of player q's unknowns does not
            # depend on q's others, so the edges where they are at lo suffice (q's unknowns at once)
            stride = 1
            for columns in players[0]:  # (rows or 1, d_q): each row's unknowns of player q
                size = columns.shape[1]
                block = part.reshape(count, rows.size, -1, 2**size, stride)
                quotients = ((block[:, :, :, _powers(size), :] - block[:, :, :, :1, :])
                             / (hi[:, columns] - lo[:, columns])[:, :, None, :, None])
                entries = (slice(None), rows[:, None], columns)
                jac_lo[entries] = quotients.min(axis=(2, 4))
                jac_hi[entries] = quotients.max(axis=(2, 4))
                stride *= 2**size
        # the preconditioner Y is the inverse of the interval Jacobian's midpoint (Krawczyk's operator
        # encloses the roots for any Y; this one needs no pass over the quotients beyond their range)
        centre_jac = (jac_lo + jac_hi) / 2
        y, invertible = _inverses(centre_jac)
        split = np.ones(count, dtype=bool)
        if np.any(invertible):
            sel = np.flatnonzero(invertible)
            ys = y[sel]
            abs_y = np.abs(ys)
            # the preconditioned system Y f is multilinear too: exclude on its corner range
            pre = ys @ system.full_corners([part[sel] for part in values])  # (b, n, 2^d)
            pre_slack = 2 * np.einsum("bij,bj->bi", abs_y, slack[sel])
            excluded = np.any((pre.min(axis=2) > pre_slack) | (pre.max(axis=2) < -pre_slack), axis=1)
            # (I - Y J(X)) as an interval matrix [c - e, c + e]
            centre = identity[None] - ys @ centre_jac[sel]
            spread = abs_y @ ((jac_hi[sel] - jac_lo[sel]) / 2)
            bound = np.abs(centre) + spread
            step = np.einsum("bij,bj->bi", ys, f_mid[sel])
            k_mid = mid[sel] - step
            k_rad = (np.einsum("bij,bj->bi", bound, radius[sel]) + np.einsum("bij,bj->bi", abs_y, slack[sel])
                     + MARGIN * (np.abs(k_mid) + 1e-12))
            k_lo, k_hi = k_mid - k_rad, k_mid + k_rad
            disjoint = np.any(k_hi < lo[sel], axis=1) | np.any(k_lo > hi[sel], axis=1)
            inside = np.all(k_lo > lo[sel], axis=1) & np.all(k_hi < hi[sel], axis=1)
            for b in np.flatnonzero(~excluded & ~disjoint & inside):
                # the root lies in [k_lo, k_hi]: drop it when that enclosure is outside the simplices
                if np.any(k_hi[b] < 0) or any(k_lo[b][mask].sum() > 1 for mask in group_masks):
                    continue
                roots[owner[sel[b]]].append(_newton(system, int(owner[sel[b]]), k_mid[b]))
            split[sel[excluded | disjoint | inside]] = False
        lo, hi, radius, owner = lo[split], hi[split], radius[split], owner[split]
        if not lo.shape[0]:
            continue
        failed[owner[radius.max(axis=1) < 1e-10]] = True  # a singular root or a continuum
        # bisect where the system varies most across the box (the largest "smear" |df_i/dx_k| w_k:
        # Kearfott 1996, Rigorous Global Search, sec. 5.2); the floor keeps every width shrinking
        slope = np.maximum(np.abs(jac_lo[split]), np.abs(jac_hi[split])).max(axis=1)
        slope += 1e-6 * slope.max(axis=1, keepdims=True) + 1e-300
        score = radius * slope
        # few boxes left: cut each along several unknowns at once, so that a round of array operations
        # (whose fixed cost is that of many boxes) has more boxes to work on
        for _ in range(min(d, 1 if lo.shape[0] >= FEW_BOXES else 2 if 8 * lo.shape[0] >= FEW_BOXES else 3)):
            k = np.argmax(score, axis=1)
            rows = np.arange(lo.shape[0])
            cut = lo[rows, k] + CUT * (hi[rows, k] - lo[rows, k])  # off-centre: simple rationals are not on a cut
            lower_hi = hi.copy()
            lower_hi[rows, k] = cut
            upper_lo = lo.copy()
            upper_lo[rows, k] = cut
            score[rows, k] = -1.0
            lo, hi = np.concatenate([lo, upper_lo]), np.concatenate([lower_hi, hi])
            owner, score = np.concatenate([owner, owner]), np.concatenate([score, score])
        waiting.append((lo, hi, owner))
    if exhausted is not None:
        exhausted.extend(int(s) for s in np.flatnonzero(spent))
    return [None if failed[s] else roots[s] for s in range(count_systems)]


@functools.lru_cache(maxsize=32)
def _powers(size: int) -> np.ndarray:
    """``2^u`` for ``u < size``: the corner where only a player's u-th unknown is at hi."""
    powers = 2 ** np.arange(size)
    powers.flags.writeable = False
    return powers


def _mask(d: int, members: Sequence[int]) -> np.ndarray:
    """The boolean mask of ``members`` among ``d`` unknowns."""
    mask = np.zeros(d, dtype=bool)
    mask[list(members)] = True
    return mask


@functools.lru_cache(maxsize=32)
def _edge_pairs(e: int) -> tuple[np.ndarray, np.ndarray]:
    """Corner indices (e, 2^(e-1)) at the low and high end of each edge along unknown t (bit t)."""
    corners = np.arange(2**e)
    low = np.stack([corners[(corners >> t) & 1 == 0] for t in range(e)])
    high = low + (1 << np.arange(e))[:, None]
    low.flags.writeable = high.flags.writeable = False
    return low, high


def _inverses(matrices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverses of a stack of square matrices and which of them are (finitely) invertible."""
    # singular matrices (an exactly zero determinant) are replaced by the identity, so that one batched
    # inversion serves the rest; a singular matrix the determinant missed sends it matrix by matrix
    singular = np.linalg.det(matrices) == 0
    if np.any(singular):
        matrices = np.where(singular[:, None, None], np.eye(matrices.shape[1])[None], matrices)
    try:
        inverse = np.linalg.inv(matrices)
        inverse[singular] = np.nan
    except np.linalg.LinAlgError:
        inverse = np.zeros_like(matrices)
        for b, matrix in enumerate(matrices):
            try:
                inverse[b] = np.linalg.inv(matrix)
            except np.linalg.LinAlgError:
                inverse[b] = np.nan
    ok = np.all(np.isfinite(inverse), axis=(1, 2))
    return np.where(ok[:, None, None], inverse, 0.0), ok


def _newton(system: _Multilinear, which: int, start: np.ndarray) -> np.ndarray:
    point = start.copy()
    owner = np.array([which])
    for _ in range(8):
        jac = system.jacobians(point[None, :], owner)[0]
        try:
            step = np.linalg.solve(jac, system.values(point[None, None, :], owner)[0, 0])
        except np.linalg.LinAlgError:  # pragma: no cover - certified roots are regular
            break
        point = point - step
        if np.max(np.abs(step)) < 1e-15:
            break
    return point


def refine(polys: Sequence[dict[tuple[int, ...], Any]], start: np.ndarray, digits: int = 60) -> tuple[Any, ...]:
    """Polish a simple root to ``digits`` digits by Newton's method; return it exactly when it is rational.

    A coordinate vector whose continued-fraction approximations satisfy every polynomial exactly is
    returned as Fractions; otherwise as mpmath numbers.

    Examples
    --------
    >>> refine([{(1,): 3, (0,): -1}], np.array([0.33]))
    (Fraction(1, 3),)
    """
    from fractions import Fraction

    import mpmath

    n = start.size
    terms = [[(m, int(c)) for m, c in p.items()] for p in polys]
    used_of = {m: [k for k in range(n) if m[k]] for poly in terms for m, _ in poly}

    def evaluate(point: list[Any], gradient: bool = True) -> tuple[list[Any], list[list[Any]]]:
        values, jac = [], []
        for poly in terms:
            total = 0
            grad = [0] * n
            for monom, c in poly:
                used = used_of[monom]
                product = c
                for k in used:
                    product = product * point[k]
                total += product
                if not gradient:
                    continue
                for k in used:
                    partial = c
                    for other in used:
                        if other != k:
                            partial = partial * point[other]
                    grad[k] += partial
            values.append(total)
            jac.append(grad)
        return values, jac

    with mpmath.workdps(digits + 10):
        point = [mpmath.mpf(float(v)) for v in start]
        # iterative refinement with the float inverse of the Jacobian at the start: each step gains about
        # as many digits as double precision holds, without an LU decomposition in high precision
        tiny = mpmath.mpf(10) ** (-digits - 5)
        converged = False
        try:
            _, float_jac = evaluate([float(v) for v in start])
            inverse = np.linalg.inv(np.array(float_jac, dtype=float))
        except np.linalg.LinAlgError:  # pragma: no cover - certified roots are regular
            inverse = np.full((n, n), np.nan)
        if np.all(np.isfinite(inverse)):
            # in binary fixed point (integers X standing for X / 2^bits), which Python multiplies far
            # faster than mpmath numbers
            bits = int((digits + 10) * 3.33) + 8
            fixed = [int(v) for v in (mpmath.ldexp(p, bits) for p in point)]
            rows = [[int(math.ldexp(float(a), 60)) for a in row] for row in inverse]  # Y * 2^60
            shifted = [[(monom_used, c << bits) for monom_used, c in ((used_of[m], c) for m, c in poly)]
                       for poly in terms]
            limit = int(mpmath.ldexp(tiny, bits)) + 1
            for _ in range(10):
                values = []
                for poly in shifted:
                    total = 0
                    for used, c in poly:
                        for k in used:
                            c = (c * fixed[k]) >> bits
                        total += c
                    values.append(total)
                step = [sum(a * v for a, v in zip(row, values)) >> 60 for row in rows]
                fixed = [x - d for x, d in zip(fixed, step)]
                if max(abs(d) for d in step) < limit:
                    converged = True
                    break
            point = [mpmath.ldexp(mpmath.mpf(x), -bits) for x in fixed]
        for _ in range(0 if converged else 12):
            values, jac = evaluate(point)
            try:
                step = mpmath.lu_solve(mpmath.matrix(jac), mpmath.matrix(values))
            except ZeroDivisionError:  # pragma: no cover - certified roots are regular
                break
            point = [p - step[k] for k, p in enumerate(point)]
            if max(abs(step[k]) for k in range(n)) < tiny:
                break
        guess = [Fraction(int(mpmath.floor(v * 2**220)), 2**220).limit_denominator(10**25) for v in point]
        if converged and any(abs(mpmath.mpf(g.numerator) / g.denominator - v) > tiny * 10**5
                             for g, v in zip(guess, point)):
            return tuple(+v for v in point)  # the guess is not the root, which is known to 10^-(digits+5)
        exact_values, _ = evaluate(guess, gradient=False)
        if all(v == 0 for v in exact_values):
            return tuple(guess)
        return tuple(+v for v in point)
