"""Vertex enumeration of the polytopes ``{z >= 0 : M z <= 1}`` used by the 2-player solver.

For a positive ``k x d`` matrix ``M`` the set ``P = {z in R^d : z >= 0, M z <= 1}``
is a polytope (von Stengel 2002, "Computing equilibria for two-person games",
Handbook of Game Theory vol. 3, ch. 45, section 3).  With slacks ``s = 1 - M z``
its points are the nonnegative solutions of ``[M | I] (z, s) = 1``; a *basis* is
a set of ``k`` of the ``d + k`` variables whose columns are independent, and a
feasible basis (all basic values ``>= 0``) defines a vertex.

The vertices are found by a breadth-first search over *all* feasible bases,
starting from the slack basis (the origin).  Two bases are neighbours when one
simplex pivot (entering column, minimum-ratio leaving row) turns one into the
other.  The graph of feasible bases of a polytope is connected, so the search
reaches every vertex -- including degenerate vertices, which have several bases:
every row that ties in the minimum-ratio test is pivoted on, so no basis is
skipped.  Each level of the search is processed as one NumPy batch.

The *labels* of a vertex are the variables that are zero there: ``z_i = 0``
(label ``i``) and tight constraints ``s_j = 0`` (label ``d + j``).  They are read
off the vertex itself (the nonbasic variables and the basic ones of value zero),
so every basis of a degenerate vertex gives the same label set; the label set
identifies the vertex.

Exact matrices (Python ints) are pivoted in integer arithmetic with the Bareiss
rule used by lrs (Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of
Nash equilibria for two-player games", Economic Theory 42): the tableau is kept
as integers over a common positive denominator, the previous pivot, and every
division is exact.  Float matrices are solved afresh for each basis (no error
accumulates along the search) and compared with a tolerance.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.budget import WorkBudget, check_memory
from trigame.errors import BudgetExceededError

__all__ = ["Vertices", "polytope_vertices"]

#: Bases handled in one NumPy batch (bounds the memory of a level).
BATCH = 2048
#: Float polytopes with at most this many candidate bases are solved for all bases at once.
DENSE_LIMIT = 1000
#: In that dense pass every basis must have ``|det| >`` this; otherwise the search is used.
DENSE_MIN_DET = 1e-8
#: Tableau entries pivoted in one exact step (bounds the temporaries of a Bareiss batch).
_STEP_ENTRIES = 2**19
#: Bytes per visited basis in the search's set of basis keys (key object plus set slot), for the memory estimate.
_SET_ENTRY_BYTES = 120


@dataclass(frozen=True)
class Vertices:
    """The vertices of ``{z >= 0 : M z <= 1}`` other than the origin.

    Attributes
    ----------
    coordinates : numpy.ndarray, shape (V, d)
        A positive multiple of each vertex: floats, or Python ints (exact case,
        the vertex times its basis determinant).
    labels : numpy.ndarray of bool, shape (V, d + k)
        ``labels[v, i]`` for ``i < d``: ``z_i = 0``; ``labels[v, d + j]``: the
        ``j``-th constraint is tight.
    exact : bool
        Whether the coordinates are exact integers.
    bases : int
        Number of feasible bases visited (equals the number of vertices, origin
        included, when the polytope is simple).
    complete : bool
        False when the search stopped at its work or memory budget; the
        vertices found until then are listed.
    stopped : str
        Why the search stopped ("" when complete).
    """

    coordinates: np.ndarray
    labels: np.ndarray
    exact: bool
    bases: int
    complete: bool = True
    stopped: str = ""

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def normalized(self, index: int) -> list[Any]:
        """Vertex ``index`` scaled to sum 1: a mixed strategy (Fractions when exact)."""
        row = self.coordinates[index]
        if self.exact:
            total = sum(int(v) for v in row)
            return [Fraction(int(v), total) for v in row]
        return (row / row.sum()).tolist()


def polytope_vertices(
    M: np.ndarray,
    *,
    exact: bool,
    tol: float = 1e-9,
    dense: bool | None = None,
    budget: WorkBudget | None = None,
    max_memory: int | None = None,
) -> Vertices:
    """All vertices but the origin of ``{z >= 0 : M z <= 1}`` for a positive matrix ``M``.

    Parameters
    ----------
    M : numpy.ndarray, shape (k, d)
        Positive entries: Python ints (object or integer array) when ``exact``,
        floats of moderate size (ideally in ``[1, 2]``) otherwise.
    exact : bool
        Integer (Bareiss) pivoting, or float64 with tolerance ``tol``.
    tol : float
        Float case only: values and ratio differences below ``tol`` count as zero.
    dense : bool, optional
        Float case only: solve all ``C(d + k, k)`` bases in one batch instead of
        searching (used by default for small polytopes whose bases are all well
        conditioned, i.e. nondegenerate ones; a singular basis falls back to the search).
    budget : WorkBudget, optional
        Counts the feasible bases visited (one unit each).
    max_memory : int, optional
        Memory budget in bytes of the search (see :func:`trigame.budget.check_memory`);
        the size of each new batch of tableaux is estimated before it is computed.

    When the budget or the memory budget would be exceeded the search stops
    and returns the vertices found so far with ``complete=False``.

    Examples
    --------
    The triangle ``z1, z2 >= 0, z1 + z2 <= 1`` plus the redundant-at-a-vertex
    constraint ``2 z1 + z2 <= 2`` (tight at ``(1, 0)`` only):

    >>> import numpy as np
    >>> v = polytope_vertices(np.array([[1, 1], [2, 1]], dtype=object), exact=True)
    >>> sorted(tuple(map(str, v.normalized(i))) for i in range(len(v)))
    [('0', '1'), ('1', '0')]
    >>> int(v.labels.sum(axis=1).max())  # (1, 0) has three labels: z2 = 0 and both constraints
    3
    """
    k, d = M.shape
    n_vars = d + k
    if exact:
        full = np.empty((k, n_vars + 1), dtype=object)
        full[:, :d] = np.array([[int(v) for v in row] for row in M], dtype=object)
        full[:, d:n_vars] = np.eye(k, dtype=np.int64).astype(object)
        full[:, n_vars] = 1
    else:
        full = np.hstack([np.asarray(M, dtype=np.float64), np.eye(k), np.ones((k, 1))])
        if dense is None:
            dense = math.comb(n_vars, k) <= DENSE_LIMIT
        if dense:
            found = _dense_float(full, d, k, tol)
            if found is not None:
                return found

    # The slack basis: row r holds slack d + r; the tableau is [M | I | 1] itself.
    bases = np.arange(d, n_vars)[None, :]
    tableaux = full[None, :, :].copy()
    dets = np.array([1], dtype=object) if exact else None
    visited: set[bytes] = {_key(bases, n_vars)[0]}
    vertex_index: dict[bytes, int] = {}
    coordinates: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    n_bases = 0
    stopped = ""
    entry_bits = max((abs(int(v)).bit_length() for v in full.flat), default=1) if exact else 0
    level_bytes = _tableau_bytes(1, k, n_vars, exact, entry_bits)

    try:
        while bases.shape[0]:
            next_bases, next_tableaux, next_dets = [], [], []
            next_bytes = 0
            for start in range(0, bases.shape[0], BATCH):
                chunk = slice(start, start + BATCH)
                b = bases[chunk]
                if budget is not None and not exact:  # exact bases are counted when pivoted to, below
                    budget.spend(b.shape[0])
                if exact:
                    assert dets is not None
                    t, det = tableaux[chunk], dets[chunk]
                else:
                    t = _float_tableaux(full, b)
                n_bases += b.shape[0]
                rhs = t[:, :, n_vars]
                zero = (rhs == 0) if exact else (rhs <= tol)
                lab = np.ones((b.shape[0], n_vars), dtype=bool)
                rows = np.repeat(np.arange(b.shape[0]), k)
                lab[rows, b.ravel()] = zero.ravel()
                for i, key in enumerate(_pack(lab)):
                    if key not in vertex_index and not lab[i, :d].all():
                        vertex_index[key] = len(labels)
                        labels.append(lab[i])
                        point = np.zeros(d, dtype=object if exact else np.float64)
                        in_z = b[i] < d
                        point[b[i][in_z]] = rhs[i][in_z]
                        coordinates.append(point)
                parent, row, col = _pivots(t, b, n_vars, exact, tol)
                children = b[parent].copy()
                children[np.arange(parent.size), row] = col
                keys = _key(children, n_vars)
                fresh = []
                for j, key in enumerate(keys):
                    if key not in visited:
                        visited.add(key)
                        fresh.append(j)
                if not fresh:
                    continue
                fresh_idx = np.array(fresh, dtype=np.intp)
                next_bases.append(children[fresh_idx])
                if exact:
                    bits = entry_bits + max(int(v).bit_length() for v in det) + k.bit_length()
                    step = max(1, min(BATCH, _STEP_ENTRIES // (k * (n_vars + 1))))
                    for part in range(0, fresh_idx.size, step):
                        take = fresh_idx[part:part + step]
                        batch_bytes = _tableau_bytes(take.size, k, n_vars, exact, bits)
                        # the new tableaux, plus the temporaries of the Bareiss step (about three more copies)
                        check_memory(
                            level_bytes + next_bytes + 4 * batch_bytes + _SET_ENTRY_BYTES * len(visited)
                            + _tableau_bytes(len(coordinates), 1, d, exact, bits),
                            "the vertex enumeration",
                            limit=max_memory,
                        )
                        if budget is not None:
                            budget.spend(take.size)
                        p, r, c = parent[take], row[take], col[take]
                        new_t, new_det = _bareiss(t[p], det[p], r, c)
                        next_tableaux.append(new_t)
                        next_dets.append(new_det)
                        next_bytes += batch_bytes
                else:
                    check_memory(_SET_ENTRY_BYTES * len(visited), "the vertex enumeration", limit=max_memory)
            if not next_bases:
                break
            bases = np.concatenate(next_bases)
            if exact:
                tableaux = np.concatenate(next_tableaux)
                dets = np.concatenate(next_dets)
                level_bytes = next_bytes
    except BudgetExceededError as error:
        stopped = str(error)

    if coordinates:
        coords = np.array(coordinates, dtype=object if exact else np.float64).reshape(len(coordinates), d)
        labs = np.array(labels, dtype=bool)
    else:  # only when the search was stopped: a polytope with M > 0 has the unit-vector directions
        coords = np.zeros((0, d), dtype=object if exact else np.float64)
        labs = np.zeros((0, n_vars), dtype=bool)
    return Vertices(coords, labs, exact, n_bases, complete=not stopped, stopped=stopped)


def _tableau_bytes(count: int, k: int, n_vars: int, exact: bool, bits: int) -> int:
    """Bytes held by ``count`` tableaux of ``k`` rows and ``n_vars + 1`` columns (entries of ``bits`` bits)."""
    per_entry = 8 + 28 + 4 * ((bits + 29) // 30) if exact else 8
    return count * k * (n_vars + 1) * per_entry


def _dense_float(full: np.ndarray, d: int, k: int, tol: float) -> Vertices | None:
    """All vertices from all ``C(d + k, k)`` bases at once; None when some basis is (nearly) singular."""
    n_vars = d + k
    bases = _combinations(n_vars, k)
    matrices = np.transpose(full[:, bases], (1, 0, 2))
    if np.abs(np.linalg.det(matrices)).min() <= DENSE_MIN_DET:
        return None
    values = np.linalg.solve(matrices, np.ones((bases.shape[0], k, 1)))[:, :, 0]
    feasible = (values >= -tol).all(axis=1)
    bases, values = bases[feasible], values[feasible]
    rows = np.repeat(np.arange(bases.shape[0]), k)
    labels = np.ones((bases.shape[0], n_vars), dtype=bool)
    labels[rows, bases.ravel()] = (values <= tol).ravel()
    coordinates = np.zeros((bases.shape[0], n_vars))
    coordinates[rows, bases.ravel()] = values.ravel()
    seen: dict[bytes, int] = {}
    for row, key in enumerate(_pack(labels)):  # first basis of each distinct label set (= vertex)
        seen.setdefault(key, row)
    first = np.fromiter(seen.values(), dtype=np.intp, count=len(seen))
    first = first[~labels[first, :d].all(axis=1)]  # drop the origin
    return Vertices(coordinates[first, :d], labels[first], False, int(bases.shape[0]))


@functools.cache
def _combinations(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


def _pack(membership: np.ndarray) -> list[bytes]:
    packed = np.packbits(membership, axis=1)
    return [row.tobytes() for row in packed]


def _key(bases: np.ndarray, n_vars: int) -> list[bytes]:
    """A hashable key per basis: its variable set as packed bits."""
    membership = np.zeros((bases.shape[0], n_vars), dtype=bool)
    membership[np.repeat(np.arange(bases.shape[0]), bases.shape[1]), bases.ravel()] = True
    return _pack(membership)


def _float_tableaux(full: np.ndarray, bases: np.ndarray) -> np.ndarray:
    """``B^{-1} [M | I | 1]`` for each basis ``B`` (rows in the order of ``bases``)."""
    basis_matrices = np.transpose(full[:, bases], (1, 0, 2))  # (K, k, k): column r is variable bases[r]
    return np.linalg.solve(basis_matrices, np.broadcast_to(full, (bases.shape[0], *full.shape)))


def _pivots(
    t: np.ndarray, bases: np.ndarray, n_vars: int, exact: bool, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every feasible pivot (basis, leaving row, entering column) by the minimum-ratio test.

    All rows that tie for the minimum ratio are returned, so a degenerate vertex
    is left through each of its bases.
    """
    K, k, _ = t.shape
    columns = t[:, :, :n_vars]
    rhs = t[:, :, n_vars]
    basic = np.zeros((K, n_vars), dtype=bool)
    basic[np.repeat(np.arange(K), k), bases.ravel()] = True
    if exact:
        try:
            columns_f = columns.astype(np.float64)
            rhs_f = rhs.astype(np.float64)
        except OverflowError:  # pragma: no cover - astronomically large integers
            return _exact_pivots_slow(t, basic, n_vars)
        positive = columns > 0
    else:
        columns_f, rhs_f = columns, rhs
        positive = columns > tol
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(positive, rhs_f[:, :, None] / np.where(positive, columns_f, 1.0), np.inf)
    best = ratio.min(axis=1, keepdims=True)
    if exact:
        # Float ratios are within a relative 1e-15 of the exact ones: the exact
        # minimum is among these candidates, and a lone candidate is the minimum.
        ties = positive & (ratio <= best * (1 + 1e-9))
    else:
        ties = positive & (ratio <= best + tol)
    ties &= ~basic[:, None, :]
    if exact:
        crowded = np.argwhere(ties.sum(axis=1) > 1)
        for p, c in crowded:
            rows = np.flatnonzero(ties[p, :, c])
            values = [Fraction(int(rhs[p, r]), int(columns[p, r, c])) for r in rows]
            low = min(values)
            for r, value in zip(rows, values):
                if value != low:
                    ties[p, r, c] = False
    parent, row, col = np.nonzero(ties)
    return parent, row, col


def _exact_pivots_slow(
    t: np.ndarray, basic: np.ndarray, n_vars: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - only for integers beyond float range
    out: list[tuple[int, int, int]] = []
    K, k, _ = t.shape
    for p in range(K):
        for c in range(n_vars):
            if basic[p, c]:
                continue
            candidates = [(Fraction(int(t[p, r, n_vars]), int(t[p, r, c])), r) for r in range(k) if t[p, r, c] > 0]
            if candidates:
                low = min(v for v, _ in candidates)
                out.extend((p, r, c) for v, r in candidates if v == low)
    if not out:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, empty
    p_arr, r_arr, c_arr = (np.array(x, dtype=np.intp) for x in zip(*out))
    return p_arr, r_arr, c_arr


def _bareiss(t: np.ndarray, det: np.ndarray, row: np.ndarray, col: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer pivots on ``(row, col)`` of a batch of integer tableaux over denominators ``det``.

    Row ``r`` is kept; every other row becomes ``(T[i] T[r, c] - T[i, c] T[r]) / det``,
    an exact division (Bareiss); the new denominator is the pivot ``T[r, c] > 0``.
    """
    n = t.shape[0]
    idx = np.arange(n)
    pivot = t[idx, row, col]
    pivot_row = t[idx, row, :]
    pivot_col = t[idx, :, col]
    new = (t * pivot[:, None, None] - pivot_col[:, :, None] * pivot_row[:, None, :]) // det[:, None, None]
    new[idx, row, :] = pivot_row
    return new, pivot
