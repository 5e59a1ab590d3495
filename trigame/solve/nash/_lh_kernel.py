"""A compiled Lemke-Howson path for float games, used when Numba is installed.

:mod:`trigame.solve.nash.lemke_howson` pivots float tableaux kept as
dictionaries (``_FloatTableau``) with NumPy: each pivot costs a few NumPy calls,
whose overhead dominates on small and medium games.  :func:`_path_py` follows
the same path with the same arithmetic, operation for operation (lexicographic
ratio test with the tolerances ``PIVOT_TOL`` and ``TIE_TOL``, then the rank-one
update), compiled by Numba, so it visits the same bases and ends at the same
tableau.  :func:`_run_py` also builds the tableaux and computes the end point
(:func:`_end_point_py`: one small linear solve by Gaussian elimination with
partial pivoting, where the NumPy path calls LAPACK), so one call does the whole
path.  Numba is optional: without it (or if compiling fails) :func:`load_solver`
returns None and the NumPy pivots run.  ``tests/test_small_games_fast.py`` pins
the two against each other (the same pivots; end points equal up to round-off,
on the same support).

:func:`load_solver` gives :func:`_solve_game_py`, which does a whole float path in
one call from the game's payoffs: they are mapped onto ``[0, 1]`` (:func:`_normalized_py`,
the arithmetic of :func:`trigame.games.scaling.normalized_payoffs`), pivoted plus 1
by :func:`_run_py`, and the end point is cleaned (:func:`_clean_py`, the arithmetic of
``_lh_float._clean``, with NumPy's pairwise summation, :func:`_pairwise_sum_py`).  Each
of these equals its NumPy counterpart bit for bit, and the solver's results with it
equal those without it (``tests/test_lemke_howson.py``).

The state of one tableau is kept in arrays: ``D`` (rows x (nonbasic + 1), the
right-hand side last), ``basis`` (the label of each row), ``nonbasic`` (the
label of each column), ``row_of`` and ``column_of`` (label -> row or column,
-1 when absent) and ``slack`` (the labels of the initial basis, in order).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from trigame.solve.nash._lazy_kernel import LazyKernel

__all__ = ["KERNEL", "load_solver"]


def load_solver() -> Any:
    """The compiled :func:`_solve_game_py` (payoffs normalised, the path, the end point cleaned), or None.

    Loaded on the first float game (:data:`KERNEL`), not after a warm-up as the other kernels are: its end
    points equal the NumPy path's only up to round-off, so a process should not switch between the two.
    """
    return KERNEL.load()


def _compile() -> Any:  # pragma: no cover - depends on the optional Numba
    """Compile the whole float path (cached on disk: module-level functions, so a new process finds the cache).

    The helpers are compiled first and bound to the module's names, which the compiled callers read.
    """
    global _leaving_row, _pivot, _path, _solve, _end_point, _run, _block_sum, _pairwise_sum, _normalized, _clean
    import numba

    _leaving_row = numba.njit(cache=True)(_leaving_row_py)
    _pivot = numba.njit(cache=True)(_pivot_py)
    _path = numba.njit(cache=True)(_path_py)
    _solve = numba.njit(cache=True)(_solve_py)
    _end_point = numba.njit(cache=True)(_end_point_py)
    _run = numba.njit(cache=True)(_run_py)
    _block_sum = numba.njit(cache=True)(_block_sum_py)
    _pairwise_sum = numba.njit(cache=True)(_pairwise_sum_py)
    _normalized = numba.njit(cache=True)(_normalized_py)
    _clean = numba.njit(cache=True)(_clean_py)
    return numba.njit(cache=True)(_solve_game_py)


def _leaving_row_py(D: Any, column: int, row_of: Any, column_of: Any, slack: Any,  # pragma: no cover
                    pivot_tol: float, tie_tol: float) -> int:
    """The lexicographic minimum ratio test of ``_FloatTableau.leaving_row`` (-1: no candidate row)."""
    rows = D.shape[0]
    candidates = np.empty(rows, dtype=np.int64)
    count = 0
    for i in range(rows):
        if D[i, column] > pivot_tol:
            candidates[count] = i
            count += 1
    if count == 0:
        return -1
    ratios = np.empty(rows)
    for key in range(-1, slack.shape[0]):  # the rhs first, then the columns of the initial basis
        if count == 1:
            break
        best = np.inf
        for c in range(count):
            i = candidates[c]
            if key < 0:
                value = D[i, D.shape[1] - 1]
            elif column_of[slack[key]] >= 0:
                value = D[i, column_of[slack[key]]]
            else:
                value = 1.0 if i == row_of[slack[key]] else 0.0
            ratios[c] = value / D[i, column]
            if ratios[c] < best:
                best = ratios[c]
        bound = best + tie_tol * max(1.0, abs(best))
        kept = 0
        for c in range(count):
            if ratios[c] <= bound:
                candidates[kept] = candidates[c]
                kept += 1
        count = kept
    return candidates[0]


def _pivot_py(D: Any, row: int, label: int, basis: Any, nonbasic: Any, row_of: Any,  # pragma: no cover
              column_of: Any) -> int:
    """The pivot of ``_FloatTableau.pivot``; returns the label that left."""
    column = column_of[label]
    column_of[label] = -1
    rows, width = D.shape
    entries = D[:, column].copy()
    p = entries[row]
    # the normalised pivot row is copied so that the update loop below reads no row it writes (it
    # vectorises); rows with a zero entry are left alone, which is what subtracting 0 * x does
    pivot_row = np.empty(width)
    for j in range(width):
        D[row, j] = D[row, j] / p
        pivot_row[j] = D[row, j]
    entries[row] = 0.0
    for i in range(rows):
        e = entries[i]
        if e == 0.0:
            continue
        for j in range(width):
            D[i, j] = D[i, j] - e * pivot_row[j]
    for i in range(rows):
        D[i, column] = -entries[i] / p
    D[row, column] = 1.0 / p
    leaving = basis[row]
    row_of[leaving] = -1
    basis[row] = label
    row_of[label] = row
    nonbasic[column] = leaving
    column_of[leaving] = column
    return leaving


_leaving_row: Any = _leaving_row_py
_pivot: Any = _pivot_py


def _path_py(DP: Any, basisP: Any, nonbasicP: Any, row_ofP: Any, column_ofP: Any, slackP: Any,  # pragma: no cover
             DQ: Any, basisQ: Any, nonbasicQ: Any, row_ofQ: Any, column_ofQ: Any, slackQ: Any,
             m: int, dropped: int, allowed: int, pivot_tol: float, tie_tol: float) -> tuple[int, int]:
    """Follow the path; return (pivots, status): status 0 ended, 1 out of budget, 2 unbounded ray."""
    in_p = dropped < m
    entering = dropped
    pivots = 0
    while True:
        if allowed >= 0 and pivots >= allowed:
            return pivots, 1
        pivots += 1
        if in_p:
            row = _leaving_row(DP, column_ofP[entering], row_ofP, column_ofP, slackP, pivot_tol, tie_tol)
            if row < 0:
                return pivots, 2
            leaving = _pivot(DP, row, entering, basisP, nonbasicP, row_ofP, column_ofP)
        else:
            row = _leaving_row(DQ, column_ofQ[entering], row_ofQ, column_ofQ, slackQ, pivot_tol, tie_tol)
            if row < 0:
                return pivots, 2
            leaving = _pivot(DQ, row, entering, basisQ, nonbasicQ, row_ofQ, column_ofQ)
        if leaving == dropped:
            return pivots, 0
        entering = leaving
        in_p = not in_p


_path: Any = _path_py


def _solve_py(M: Any, b: Any) -> bool:  # pragma: no cover
    """Solve ``M v = b`` in place (``b`` becomes ``v``) by Gaussian elimination with partial pivoting.

    False when ``M`` is singular or the solution is not finite (``b`` is then garbage).
    """
    size = M.shape[0]
    for c in range(size):
        p = c
        best = abs(M[c, c])
        for r in range(c + 1, size):
            if abs(M[r, c]) > best:
                best = abs(M[r, c])
                p = r
        if best == 0.0:
            return False
        if p != c:
            for j in range(size):
                M[c, j], M[p, j] = M[p, j], M[c, j]
            b[c], b[p] = b[p], b[c]
        pivot = M[c, c]
        for r in range(c + 1, size):
            f = M[r, c] / pivot
            if f != 0.0:
                for j in range(c + 1, size):
                    M[r, j] -= f * M[c, j]
                b[r] -= f * b[c]
    for c in range(size - 1, -1, -1):
        acc = b[c]
        for j in range(c + 1, size):
            acc -= M[c, j] * b[j]
        b[c] = acc / M[c, c]
    for c in range(size):
        if not np.isfinite(b[c]):
            return False
    return True


def _end_point_py(D: Any, basis: Any, matrix: Any, first_var: int, first_slack: int) -> Any:  # pragma: no cover
    """The normalised end point of a final tableau: ``_lh_float.end_point`` with its own linear solve.

    The basic structural variables ``S`` and the rows ``T`` whose slacks are nonbasic solve
    ``matrix[T, S] v_S = 1`` (by :func:`_solve_py`; the dictionary's right-hand side is kept
    if that system is singular); negative round-off is set to 0, then the vector is divided
    by its sum (summed in index order).
    """
    rows, k = matrix.shape
    basic = np.empty(rows, dtype=np.int64)
    values = np.empty(rows)
    slack_basic = np.zeros(rows, dtype=np.bool_)
    count = 0
    for r in range(rows):
        offset = basis[r] - first_var
        if 0 <= offset < k:
            basic[count] = offset
            values[count] = D[r, D.shape[1] - 1]
            count += 1
        else:
            slack_basic[basis[r] - first_slack] = True
    tight = np.empty(rows, dtype=np.int64)
    n_tight = 0
    for r in range(rows):
        if not slack_basic[r]:
            tight[n_tight] = r
            n_tight += 1
    if count > 0 and n_tight == count:
        M = np.empty((count, count))
        b = np.ones(count)
        for i in range(count):
            for j in range(count):
                M[i, j] = matrix[tight[i], basic[j]]
        if _solve(M, b):
            for i in range(count):
                values[i] = b[i]
    out = np.zeros(k)
    for i in range(count):
        out[basic[i]] = values[i] if values[i] > 0.0 else 0.0
    total = 0.0
    for j in range(k):
        total += out[j]
    for j in range(k):
        out[j] = out[j] / total
    return out


_solve: Any = _solve_py
_end_point: Any = _end_point_py


def _run_py(A: Any, B: Any, shift: float, dropped: int, allowed: int, pivot_tol: float,  # pragma: no cover
            tie_tol: float) -> tuple[int, int, Any, Any]:
    """Build the tableaux of the positive payoffs ``A + shift``, ``B + shift``; follow the path from ``dropped``.

    The tableaux are those of ``_FloatTableau``: ``P`` has the rows of ``B^T`` (slack labels
    ``m .. m+n-1`` basic, the labels ``0 .. m-1`` of ``x`` nonbasic), ``Q`` the rows of ``A``
    (slack labels ``0 .. m-1``, the labels ``m .. m+n-1`` of ``y``).  Returns (pivots, status,
    ``x``, ``y``), the end point by :func:`_end_point_py` (empty vectors unless status is 0);
    status as :func:`_path_py`'s, or 3 when the end point is not a finite point (never seen: a path
    ends at a vertex other than the artificial equilibrium).
    """
    A = A + shift
    B = B + shift
    m, n = A.shape
    DP = np.empty((n, m + 1))
    DQ = np.empty((m, n + 1))
    for i in range(n):
        for j in range(m):
            DP[i, j] = B[j, i]
        DP[i, m] = 1.0
    for i in range(m):
        for j in range(n):
            DQ[i, j] = A[i, j]
        DQ[i, n] = 1.0
    basisP = np.arange(m, m + n)
    nonbasicP = np.arange(0, m)
    basisQ = np.arange(0, m)
    nonbasicQ = np.arange(m, m + n)
    row_ofP = np.empty(m + n, dtype=np.int64)
    column_ofP = np.empty(m + n, dtype=np.int64)
    row_ofQ = np.empty(m + n, dtype=np.int64)
    column_ofQ = np.empty(m + n, dtype=np.int64)
    row_ofP[:] = -1
    column_ofP[:] = -1
    row_ofQ[:] = -1
    column_ofQ[:] = -1
    for i in range(n):
        row_ofP[m + i] = i
        column_ofQ[m + i] = i
    for i in range(m):
        column_ofP[i] = i
        row_ofQ[i] = i
    pivots, status = _path(DP, basisP, nonbasicP, row_ofP, column_ofP, basisP.copy(),
                           DQ, basisQ, nonbasicQ, row_ofQ, column_ofQ, basisQ.copy(),
                           m, dropped, allowed, pivot_tol, tie_tol)
    if status != 0:
        return pivots, status, np.empty(0), np.empty(0)
    BT = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            BT[i, j] = B[j, i]
    x = _end_point(DP, basisP, BT, 0, m)
    y = _end_point(DQ, basisQ, A, m, 0)
    for v in (x, y):
        for j in range(v.shape[0]):
            if not np.isfinite(v[j]):
                return pivots, 3, x, y
    return pivots, status, x, y


_run: Any = _run_py


def _block_sum_py(a: Any, start: int, n: int) -> float:  # pragma: no cover
    """NumPy's sum of at most 128 consecutive float64 numbers (``a[start:start + n]``), bit for bit.

    Fewer than 8 in order; otherwise eight interleaved partial sums combined as
    ``((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))``, then the rest in order.
    """
    if n < 8:
        total = 0.0
        for i in range(start, start + n):
            total += a[i]
        return total
    r0, r1, r2, r3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    r4, r5, r6, r7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    i = 8
    end = n - n % 8
    while i < end:
        j = start + i
        r0 += a[j]
        r1 += a[j + 1]
        r2 += a[j + 2]
        r3 += a[j + 3]
        r4 += a[j + 4]
        r5 += a[j + 5]
        r6 += a[j + 6]
        r7 += a[j + 7]
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        total += a[start + i]
        i += 1
    return total


_block_sum: Any = _block_sum_py


def _pairwise_sum_py(a: Any) -> float:  # pragma: no cover
    """``np.add.reduce(a)`` for a contiguous float64 vector, bit for bit: NumPy's pairwise summation.

    Up to 128 numbers form one block (:func:`_block_sum_py`); more are summed by halves, the
    first half a multiple of 8 long, as ``sum(first half) + sum(second half)``.  The halving
    tree is walked with an explicit stack (a compiled recursive function cannot be cached on
    disk safely): a task ``(start, n)`` either sums its block or becomes two tasks and a join.
    """
    n = a.shape[0]
    if n <= 128:
        return _block_sum(a, 0, n)
    starts = np.empty(256, dtype=np.int64)
    sizes = np.empty(256, dtype=np.int64)  # -1: add the two values on top of the value stack
    values = np.empty(256)
    tasks = 1
    results = 0
    starts[0], sizes[0] = 0, n
    while tasks > 0:
        tasks -= 1
        begin, size = starts[tasks], sizes[tasks]
        if size < 0:
            results -= 1
            values[results - 1] = values[results - 1] + values[results]
        elif size <= 128:
            values[results] = _block_sum(a, begin, size)
            results += 1
        else:
            half = size // 2
            half -= half % 8
            starts[tasks], sizes[tasks] = 0, -1
            starts[tasks + 1], sizes[tasks + 1] = begin + half, size - half
            starts[tasks + 2], sizes[tasks + 2] = begin, half
            tasks += 3
    return values[0]


_pairwise_sum: Any = _pairwise_sum_py


def _normalized_py(payoffs: Any) -> Any:  # pragma: no cover
    """:func:`trigame.games.scaling._normalized_floats` of a ``(2, m, n)`` float64 array, bit for bit.

    Player ``i``'s payoffs times ``2**e`` (``e`` the negated binary exponent of their largest
    magnitude: exact), minus the scaled minimum, divided by the scaled range; zeros for a
    constant player.
    """
    players, m, n = payoffs.shape
    out = np.zeros((players, m, n))
    for p in range(players):
        lowest = payoffs[p, 0, 0]
        highest = lowest
        for i in range(m):
            for j in range(n):
                value = payoffs[p, i, j]
                if value < lowest:
                    lowest = value
                if value > highest:
                    highest = value
        exponent = -math.frexp(max(-lowest, highest))[1]
        low, high = math.ldexp(lowest, exponent), math.ldexp(highest, exponent)
        if high == low:
            continue
        span = high - low
        if exponent <= 1023:
            # multiplying by the power of two 2**exponent (a float, subnormal at -1024) rounds once, correctly,
            # as ldexp does: the same number, without a library call per entry
            factor = math.ldexp(1.0, exponent)
            for i in range(m):
                for j in range(n):
                    out[p, i, j] = (payoffs[p, i, j] * factor - low) / span
        else:  # payoffs below 2**-1023 in magnitude: 2**exponent is not a float
            for i in range(m):
                for j in range(n):
                    out[p, i, j] = (math.ldexp(payoffs[p, i, j], exponent) - low) / span
    return out


_normalized: Any = _normalized_py


def _clean_py(v: Any, zero_tol: float, probability_tol: float) -> bool:  # pragma: no cover
    """:func:`trigame.solve.nash._lh_float._clean` in place, bit for bit; False where it gives None.

    Entries below ``zero_tol`` become 0, the vector is divided by its sum (which must be finite
    and positive), and the new sum must be 1 within ``probability_tol``.
    """
    size = v.shape[0]
    for j in range(size):
        if v[j] < zero_tol:
            v[j] = 0.0
    total = _pairwise_sum(v)
    if not (np.isfinite(total) and total > 0.0):
        return False
    for j in range(size):
        v[j] = v[j] / total
    return abs(_pairwise_sum(v) - 1.0) <= probability_tol


_clean: Any = _clean_py


def _solve_game_py(payoffs: Any, dropped: int, allowed: int, pivot_tol: float, tie_tol: float,  # pragma: no cover
                   zero_tol: float, probability_tol: float) -> tuple[int, int, Any, Any, Any]:
    """One whole float path from the game's ``(2, m, n)`` payoffs: normalised, pivoted, the end point cleaned.

    The payoffs are mapped onto ``[0, 1]`` (:func:`_normalized_py`, the game's
    ``normalized_payoffs``), pivoted plus 1 (:func:`_run_py`), and the end point cleaned
    (:func:`_clean_py`, the cleaning of ``_lh_float``).  Returns (pivots, status, ``x``, ``y``,
    the ``[0, 1]`` payoffs): status as :func:`_run_py`'s, or 4 when a vector cannot be cleaned
    (``x`` and ``y`` are then the uncleaned end point).
    """
    normalized = _normalized(payoffs)
    pivots, status, x, y = _run(normalized[0], normalized[1], 1.0, dropped, allowed, pivot_tol, tie_tol)
    if status != 0:
        return pivots, status, x, y, normalized
    cx, cy = x.copy(), y.copy()
    if not (_clean(cx, zero_tol, probability_tol) and _clean(cy, zero_tol, probability_tol)):
        return pivots, 4, x, y, normalized
    return pivots, 0, cx, cy, normalized


#: The compiled :func:`_solve_game_py`, loaded on first use (:class:`~trigame.solve.nash._lazy_kernel.LazyKernel`).
KERNEL = LazyKernel(lambda: _compile(), warm_up=0)
