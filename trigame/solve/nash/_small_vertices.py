"""Every vertex of a small best-response polytope, by a compiled pass over all its bases.

:mod:`trigame.solve.nash.support` finds the extreme equilibria of a bimatrix game as
the completely labelled vertex pairs of the polytopes ``P = {x >= 0 : B^T x <= 1}`` and
``Q = {y >= 0 : A y <= 1}``.  On small games (both polytopes with a few thousand bases)
the fixed cost of the reverse search in Python dominates; this module lists the
vertices instead by trying every basis in a compiled loop (Numba, optional: without
it :func:`polytope_vertices` returns None and the reverse search runs).  A process
loads the pass only once Numba is imported anyway or after :data:`WARM_UP` polytopes,
so that solving one small game does not cost the seconds of importing Numba.

Why every vertex is found.  Write the polytope as ``{z >= 0 : C^T z <= 1}`` with ``C``
of shape ``d x c`` and positive integer entries.  A vertex ``z != 0`` is the unique
point where some ``d`` linearly independent constraints are tight; if ``K`` of them are
``z_i = 0`` and the others are rows ``J`` of ``C^T z = 1``, then with the support
``S`` = the complement of ``K`` the system ``C[S, J]^T z_S = 1`` is square (``|S| = |J|``)
and nonsingular.  So the loop over every pair ``(S, J)`` of equal sizes ``k = 1 .. min(d, c)``
with a nonsingular system, keeping the solutions with ``z_S >= 0`` and ``C^T z <= 1``, meets
every vertex but the origin (which pairs with no vertex of the other polytope into an
equilibrium), and nothing else.  A vertex's label set (all tight constraints) determines
it, so vertices met from several bases (degenerate ones) are merged by their labels.

Arithmetic.  Each system is solved by fraction-free Gauss-Jordan elimination
(every entry is a minor of the system, each division exact; Edmonds 1967) on
integers held in float64, which are exact below ``2**53`` (and so are differences and
exact quotients of such integers): the vertices are exact, ``z = N / D`` with
integers ``N`` and ``D > 0``.  When Hadamard's bound does not keep every value below
``2**53`` (:func:`_bounded`), the largest entry is checked before each elimination
step; past the bound the pass stops and reports it, and the caller falls back to the
reverse search in Python integers.  Where the payoffs make that nearly certain (random
payoffs of about 1000 from 4 x 4 on, of about 100 from 6 x 6 on) the pass is not run at all
(:func:`_hopeless`, an estimate of the minors from the payoffs' mean square); otherwise the
largest systems, whose minors are the largest, come first, so a polytope past the bound is
given up after a few systems, a few microseconds.  ``tests/test_small_games_fast.py`` pins
this path against the reverse search (same equilibria and flags, degenerate games included).
"""

from __future__ import annotations

from math import comb, factorial
from typing import Any, NamedTuple

import numpy as np

from trigame.solve.nash._lazy_kernel import LazyKernel

__all__ = ["ENTRY_BOUND", "MAX_BASES", "SmallPairs", "available", "bases", "load", "polytope_vertices",
           "small_pairs"]

#: Payoff entries (reduced, made positive) must be below this for the compiled pass.
ENTRY_BOUND = 2**20
#: The compiled pass runs only on polytopes with at most this many bases.
MAX_BASES = 12870  # C(16, 8): games up to 8 x 8

#: Polytopes listed by the reverse search before the compiled pass is loaded (unless Numba already is).
WARM_UP = 32
#: The compiled vertex pass, loaded on first use (:class:`~trigame.solve.nash._lazy_kernel.LazyKernel`).
KERNEL = LazyKernel(lambda: _compile(), WARM_UP)


def load() -> Any:
    """The compiled vertex pass, or None when Numba is not available."""
    return KERNEL.load()


def _wanted() -> bool:
    """Whether to use the compiled pass now (see :meth:`LazyKernel.wanted`)."""
    return KERNEL.wanted()


def available() -> bool:
    """Whether the compiled pass runs now: :func:`_wanted` (counted as one request) and Numba at hand."""
    return _wanted() and load() is not None


def bases(d: int, c: int) -> int:
    """The number of bases the pass tries on a ``d x c`` constraint matrix (every square subsystem)."""
    return comb(d + c, d) - 1


def polytope_vertices(C: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The nonzero vertices of ``{z >= 0 : C^T z <= 1}``, or None when the compiled pass cannot run.

    ``C`` is an ``int64`` array of shape ``(d, c)`` with entries in ``[1, ENTRY_BOUND)``.
    The pass runs in float64 on integers, exactly (see :func:`_vertices_py`).  Returns
    ``(masks, numerators, denominators)``: vertex ``v`` is ``numerators[v] / denominators[v]``
    and bit ``i < d`` of ``masks[v]`` says ``z_i = 0``, bit ``d + j`` that constraint ``j`` is
    tight.  None without Numba or when an intermediate integer would overflow ``int64``.
    """
    d, c = C.shape
    if d + c > 62 or not _wanted():  # the label masks are int64
        return None
    kernel = load()
    if kernel is None:
        return None
    values = np.ascontiguousarray(C, dtype=np.float64)
    masks, numerators, denominators, count, overflow = kernel(values, bases(d, c), not _bounded(C))
    if overflow:
        return None
    return masks[:count], numerators[:count].astype(np.int64), denominators[:count].astype(np.int64)


def _bounded(C: np.ndarray) -> bool:
    """Whether every value the pass computes on ``C`` is below ``2**53`` in magnitude (no checks needed).

    Every entry of an elimination is a minor of a system ``[C[S, J]^T | 1]`` of size at most
    ``t = min(d, c)``; by Hadamard's inequality it is at most the product of its column norms,
    each at most ``r = sqrt(t) max(C, 1)`` (at most ``t`` entries of ``C``, or of ones), so
    at most ``H = r^t``.  Products and their differences stay below ``2 H^2`` and the
    sums of the feasibility test below ``t * max(C) * H``.
    """
    d, c = C.shape
    t = min(d, c)
    largest = float(C.max())
    H = (t**0.5 * max(largest, 1.0)) ** t
    return 2 * H * H < 2**52 and t * largest * H < 2**52


#: :func:`_hopeless` gives the pass up when the typical product it meets is this many times ``2**53``.
_HOPELESS_MARGIN = 4.0


def _hopeless(A: np.ndarray, B: np.ndarray) -> bool:
    """Whether the pass would pass ``2**53`` on the game's polytopes, estimated beforehand (it is then not run).

    With ``t = min(m, n)``, the last elimination step multiplies minors of order ``t - 1``.  A
    ``k x k`` minor of a matrix of independent entries of mean square ``mu2`` has mean square
    ``k! mu2^k`` (expand the determinant: the ``k!`` products are uncorrelated), so twice the
    square of such a minor is typically ``2 (t - 1)! mu2^(t - 1)``; when that exceeds
    :data:`_HOPELESS_MARGIN` times ``2**53`` nearly every system of size ``t`` passes the bound
    for both polytopes (random payoffs of about 1000 from 4 x 4 on, of about 100 from 6 x 6 on).
    An estimate, not a bound: where it is wrong the reverse search runs and gives the same answer.
    """
    t = min(A.shape)
    if t < 2:
        return False
    # entries below ENTRY_BOUND = 2**20, fewer than 2**14 of them (MAX_BASES): the int64 sums are exact
    flat = [np.asarray(C, dtype=np.int64).ravel() for C in (A, B)]
    mu2 = min(int(a @ a) / a.size for a in flat)
    return 2.0 * factorial(t - 1) * mu2 ** (t - 1) >= _HOPELESS_MARGIN * _EXACT


class SmallPairs(NamedTuple):
    """The completely labelled vertex pairs of a small bimatrix game (see :func:`small_pairs`)."""

    profiles: list[list[tuple[list[int], int]]]
    continuum: bool
    game_degenerate: bool


def small_pairs(A: np.ndarray, B: np.ndarray, max_bases: int | None, max_memory: int | None) -> SmallPairs | None:
    """The extreme equilibria of the game with positive integer payoffs ``A``, ``B``; None when the pass cannot run.

    The same answer as the reverse search of :mod:`trigame.solve.nash.support`: every
    completely labelled pair of nonzero vertices of ``P`` and ``Q``, each strategy as
    integers ``X`` and their sum ``d`` (the mixed strategy is ``X / d``), whether two pairs
    share a vertex (a continuum of equilibria) and whether some vertex has more labels than
    its dimension (von Stengel's degeneracy).  None -- and the reverse search runs -- without Numba, on a game with more
    than :data:`MAX_BASES` bases per polytope or entries of ``ENTRY_BOUND`` or more, when
    ``max_bases`` is below the bases this pass tries (the reverse search then counts and
    reports its budget as always) or ``max_memory`` below its arrays, where the payoffs make
    an overflow nearly certain (:func:`_hopeless`), or on overflow.
    """
    m, n = A.shape
    tries = bases(m, n)
    if tries > MAX_BASES or (max_bases is not None and max_bases < 2 * tries):
        return None
    if max_memory is not None and tries * (m + n + 2) * 8 > max_memory:
        return None
    if int(A.max()) >= ENTRY_BOUND or int(B.max()) >= ENTRY_BOUND or _hopeless(A, B):
        return None
    found_x = polytope_vertices(np.asarray(B, dtype=np.int64))
    found_y = polytope_vertices(np.asarray(A, dtype=np.int64).T) if found_x is not None else None
    if found_x is None or found_y is None:
        return None
    masks_x, numerators_x, _ = found_x
    local_y, numerators_y, _ = found_y
    # P's labels are the game's; Q's local labels (y_j = 0, then row i tight) are the game's m + j and i
    masks_y = ((local_y & ((1 << n) - 1)) << m) | (local_y >> n)
    complete = np.int64((1 << (m + n)) - 1)
    a, b = np.nonzero((masks_x[:, None] | masks_y[None, :]) == complete)
    game_degenerate = bool((np.bitwise_count(masks_x) > m).any() or (np.bitwise_count(masks_y) > n).any())
    continuum = bool(a.size and (np.unique(a).size < a.size or np.unique(b).size < b.size))
    rows_x, rows_y = numerators_x.tolist(), numerators_y.tolist()
    profiles = [[(rows_x[i], sum(rows_x[i])), (rows_y[j], sum(rows_y[j]))] for i, j in zip(a.tolist(), b.tolist())]
    return SmallPairs(profiles, continuum, game_degenerate)


def _compile() -> Any:  # pragma: no cover - depends on the optional Numba
    """Compile the pass (cached on disk; module-level functions, so the cache is found again)."""
    global _next_combination
    import numba

    _next_combination = numba.njit(cache=True)(_next_combination_py)
    return numba.njit(cache=True)(_vertices_py)


#: Integers below this in magnitude are exact in float64 (2**53), and so are their sums and exact quotients.
_EXACT = 9007199254740992.0


def _next_combination_py(index: Any, k: int, total: int) -> bool:  # pragma: no cover - compiled
    """Advance ``index[:k]`` to the next k-subset of ``range(total)`` in lexicographic order."""
    i = k - 1
    while i >= 0 and index[i] == total - k + i:
        i -= 1
    if i < 0:
        return False
    index[i] += 1
    for j in range(i + 1, k):
        index[j] = index[j - 1] + 1
    return True


_next_combination: Any = _next_combination_py


def _vertices_py(C: Any, capacity: int, checked: bool) -> Any:  # pragma: no cover - compiled
    """The pass itself: ``(masks, numerators, denominators, count, overflow)`` (see :func:`polytope_vertices`).

    ``C`` holds integers as float64; every value computed is an integer, exact while below
    ``2**53`` in magnitude.  With ``checked``, before each elimination step the largest entry
    bounds its products and differences, and before the feasibility test the largest numerator
    bounds its sums; past ``2**53`` the pass stops.  Without, the caller has bounded them
    beforehand (:func:`_bounded`).
    """
    d, c = C.shape
    largest = 0.0
    for i in range(d):
        for j in range(c):
            largest = max(largest, abs(C[i, j]))
    masks = np.empty(capacity, dtype=np.int64)
    numerators = np.zeros((capacity, d))
    denominators = np.empty(capacity)
    count = 0
    top = min(d, c)
    T = np.empty((top, top + 1))
    S = np.empty(d, dtype=np.int64)
    J = np.empty(c, dtype=np.int64)
    for k in range(top, 0, -1):  # the largest systems first: past the bound, the pass stops early
        for i in range(k):
            S[i] = i
        more_s = True
        while more_s:
            for i in range(k):
                J[i] = i
            more_j = True
            while more_j:
                for r in range(k):
                    for s in range(k):
                        T[r, s] = C[S[s], J[r]]
                    T[r, k] = 1.0
                previous = 1.0
                singular = False
                for col in range(k):
                    pivot_row = -1
                    for r in range(col, k):
                        if T[r, col] != 0.0:
                            pivot_row = r
                            break
                    if pivot_row < 0:
                        singular = True
                        break
                    if pivot_row != col:
                        for s in range(k + 1):
                            T[col, s], T[pivot_row, s] = T[pivot_row, s], T[col, s]
                    if checked:  # every product below is at most biggest**2, a difference twice that
                        biggest = 0.0
                        for r in range(k):
                            for s in range(k + 1):
                                biggest = max(biggest, abs(T[r, s]))
                        if 2.0 * biggest * biggest >= _EXACT:
                            return masks, numerators, denominators, count, True
                    p = T[col, col]
                    for r in range(k):
                        if r == col:
                            continue
                        f = T[r, col]
                        for s in range(k + 1):
                            T[r, s] = (p * T[r, s] - f * T[col, s]) / previous
                    previous = p
                if not singular:
                    sign = 1.0 if previous > 0.0 else -1.0
                    den = sign * previous
                    feasible = True
                    for s in range(k):
                        if sign * T[s, k] < 0.0:
                            feasible = False
                            break
                    mask = 0
                    if feasible and checked:
                        biggest = 0.0
                        for s in range(k):
                            biggest = max(biggest, abs(T[s, k]))
                        if k * biggest * largest >= _EXACT:
                            return masks, numerators, denominators, count, True
                    if feasible:
                        for j in range(c):
                            total = 0.0
                            for s in range(k):
                                total += C[S[s], j] * (sign * T[s, k])
                            if total > den:
                                feasible = False
                                break
                            if total == den:
                                mask |= np.int64(1) << (d + j)
                    if feasible:
                        for i in range(d):
                            numerators[count, i] = 0.0
                        for s in range(k):
                            numerators[count, S[s]] = sign * T[s, k]
                        for i in range(d):
                            if numerators[count, i] == 0.0:
                                mask |= np.int64(1) << i
                        masks[count] = mask
                        denominators[count] = den
                        count += 1
                more_j = _next_combination(J, k, c)
            more_s = _next_combination(S, k, d)
    # a degenerate vertex is met from several bases: keep one row per label set
    order = np.argsort(masks[:count], kind="mergesort")
    kept = 0
    last = -1
    out_masks = np.empty(count, dtype=np.int64)
    out_numerators = np.empty((count, d))
    out_denominators = np.empty(count)
    for v in order:
        if kept > 0 and masks[v] == last:
            continue
        last = masks[v]
        out_masks[kept] = masks[v]
        out_numerators[kept] = numerators[v]
        out_denominators[kept] = denominators[v]
        kept += 1
    return out_masks, out_numerators, out_denominators, kept, False
