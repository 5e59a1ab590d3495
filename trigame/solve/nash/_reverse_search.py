"""Vertex enumeration of ``{z >= 0 : M z <= 1}`` by lexicographic reverse search (Avis's lrs).

The 2-player solver needs every vertex of the best-response polytopes (von
Stengel 2002, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, section 3).  For a positive ``k x d`` matrix ``M`` the
polytope ``P = {z in R^d : z >= 0, M z <= 1}`` has ``d + k`` inequalities:
variable ``i < d`` is ``z_i``, variable ``d + j`` is the slack ``s_j = 1 - M_j z``.
A basis is a set of ``k`` variables; the other ``d`` (the cobasis) are zero at
its vertex.

Reverse search (Avis & Fukuda 1992; Avis 2000, "lrs: a revised implementation
of the reverse search vertex enumeration algorithm") turns the simplex method
upside down.  Maximise ``-sum(z)``: its unique optimum is the origin, whose
(only) basis is the slack basis, the *root*.  From any other basis, Bland's
rule (enter the cobasic variable of smallest index whose cost is positive,
leave by the lexicographic minimum-ratio test) gives one pivot towards the root,
the basis's *parent*.  These parent links form a tree spanning all
lexicographically feasible bases, and the search walks that tree depth first
from the root: a pivot from a basis is followed when it is the reverse of its
child's parent pivot (the test ``reverse`` of lrs).  Nothing is stored about
the bases already seen, so the memory is that of one dictionary (plus a bounded
cache of the dictionaries on the current path, which saves the pivot back up).

The lexicographic ratio test is the simplex method on the perturbed right-hand
sides ``1 + eps^(j+1)`` of the slacks; the perturbed polytope is simple, so each
lexicographically feasible basis has exactly one parent, and every vertex of
``P`` is the limit of a vertex of the perturbed polytope, so it has at least one
such basis: degenerate vertices are not missed.  A degenerate vertex (some
basic variable zero) can have several such bases; it is reported once (its
label set is remembered, only for degenerate vertices).

Arithmetic is exact, in Python integers: the dictionary is kept as integers
over the common positive denominator ``det`` (the absolute value of the basis
determinant) and pivoted with the Bareiss rule, whose divisions are exact
(Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash equilibria for
two-player games", Economic Theory 42, section 4).

Dictionary convention: row ``i`` (``0`` is the objective, ``1..k`` the basic
variables) reads ``det * x_B[i] = T[i][0] + sum_c T[i][c] * x_N[c]``.  A feasible
pivot leaves by a row whose entry in the entering column is negative.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from trigame.budget import WorkBudget, check_memory, memory_budget
from trigame.errors import BudgetExceededError

__all__ = ["CACHE_ENTRIES", "BasisVertices", "complete_pairs", "reverse_search_vertices"]

#: Dictionary entries kept on the current path of the search (beyond them, backtracking re-pivots).
CACHE_ENTRIES = 2**17
#: Estimated bytes per cached dictionary entry (an int of a few hundred bits and its list slot).
_ENTRY_BYTES = 64
#: Estimated bytes per stored vertex: two ints and their list slots, a set entry if degenerate, its labels.
_VERTEX_BYTES = 200


def _pivot(T: list[list[int]], det: int, r: int, s: int) -> tuple[list[list[int]], int]:
    """New dictionary after the pivot on row ``r``, column ``s`` (``T[r][s] < 0``); ``T`` is left untouched.

    ``T'[i][j] = (T[i][j] |a| + T[i][s] T[r][j]) / det`` for ``i != r, j != s`` (exact),
    ``T'[i][s] = -T[i][s]``, row ``r`` is kept but for ``T'[r][s] = -det``, and the new
    denominator is ``|a|``, ``a = T[r][s]``.
    """
    Tr = T[r]
    a = -Tr[s]
    new = []
    for i, Ti in enumerate(T):
        if i == r:
            row = Tr[:]
            row[s] = -det
        else:
            f = Ti[s]
            if f == 0:
                row = [x * a // det for x in Ti] if a != det else Ti[:]
            else:
                row = [(x * a + f * y) // det for x, y in zip(Ti, Tr)]
                row[s] = -f
        new.append(row)
    return new, a


def _lex_ratio(T: list[list[int]], basis: list[int], cobasis: list[int], d: int, k: int, s: int) -> int:
    """The leaving row of column ``s`` by the full lexicographic minimum-ratio test (the tie-break).

    First ``T[i][0] / -T[i][s]``, then the perturbation ``eps^(j+1)`` of slack ``j`` for
    ``j = 0, 1, ...``: its coefficient in row ``i`` is ``-T[i][c]`` when the slack is cobasic
    in column ``c``; when it is basic in row ``i``, that row's ratio is ``det / -T[i][s] > 0``
    and every other row's is 0.
    """
    rows = _lex_min(T, [i for i in range(1, k + 1) if T[i][s] < 0], s, 0, False)
    col_of = {v: c for c, v in enumerate(cobasis) if c}
    for j in range(k):
        var = d + j
        c = col_of.get(var)
        if c is None:
            rows = [i for i in rows if basis[i] != var]
        else:
            rows = _lex_min(T, rows, s, c, True)
        if len(rows) == 1:
            return rows[0]
    raise AssertionError("lexicographic ratio test left a tie")  # pragma: no cover - rows are independent


def _lex_min(T: list[list[int]], rows: list[int], s: int, c: int, negate: bool) -> list[int]:
    """The rows minimising ``(±T[i][c]) / -T[i][s]`` among ``rows``."""
    best = [rows[0]]
    num = -T[rows[0]][c] if negate else T[rows[0]][c]
    den = -T[rows[0]][s]
    for i in rows[1:]:
        n_i = -T[i][c] if negate else T[i][c]
        d_i = -T[i][s]
        lhs, rhs = n_i * den, num * d_i
        if lhs < rhs:
            best, num, den = [i], n_i, d_i
        elif lhs == rhs:
            best.append(i)
    return best


def reverse_search_vertices(
    M: Any,
    *,
    budget: WorkBudget | None = None,
    max_memory: int | None = None,
    held: int = 0,
) -> BasisVertices:
    """All vertices but the origin of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M``.

    Parameters
    ----------
    M : array-like of int, shape (k, d)
        Positive integer entries (Python ints or an integer array).
    budget : WorkBudget, optional
        Counts the bases the search visits (one unit each).
    max_memory : int, optional
        Memory budget in bytes of the vertices stored for the caller and of the
        dictionaries cached on the current path (see :func:`trigame.budget.check_memory`);
        the search itself needs one dictionary.
    held : int, default 0
        Bytes the caller already holds within the same memory budget (the vertices of
        the other polytope, :attr:`BasisVertices.held_bytes`): the search counts them with its own.

    Returns
    -------
    BasisVertices
        The label sets (and bases) of the vertices, in the order the search meets
        them; their points are solved exactly on demand.  When the budget or the memory budget
        would be exceeded the search stops and returns the vertices found so far
        with ``complete=False``.

    Examples
    --------
    The triangle ``z1, z2 >= 0, z1 + z2 <= 1`` cut by ``2 z1 + z2 <= 1``: vertices
    ``(1/2, 0)`` and ``(0, 1)``, where ``z1 = 0`` and both rows are tight (a degenerate
    vertex, reported once):

    >>> import numpy as np
    >>> v = reverse_search_vertices(np.array([[1, 1], [2, 1]]))
    >>> sorted(tuple(map(str, v.point(i))) for i in range(len(v)))
    [('0', '1'), ('1/2', '0')]
    """
    if not (isinstance(M, np.ndarray) and M.dtype == np.int64):  # int64 rows convert to Python ints below
        M = np.asarray(M, dtype=object)
    k, d = M.shape
    n_vars = d + k
    # The dictionary (see the module docs), its denominator, the variable of each row (row 0
    # is the objective) and of each column (column 0 is the right-hand side).
    T: list[list[int]] = [[0] + [-1] * d]
    T += [[1] + [-int(v) for v in row] for row in M.tolist()]
    det = 1
    basis = [-1, *range(d, d + k)]
    cobasis = [-1, *range(d)]
    basic = ((1 << k) - 1) << d  # the basic variables as a bit mask
    every = (1 << n_vars) - 1
    rows, cols = range(1, k + 1), range(1, d + 1)
    masks: list[int] = []
    basis_masks: list[int] = []
    degenerate_seen: set[int] = set()
    # The path from the root: (dictionary before the pivot or None, its det, row, column).
    path: list[tuple[list[list[int]] | None, int, int, int]] = []
    entries = (k + 1) * (d + 1)
    cache_entries = (CACHE_ENTRIES if max_memory is None
                     else min(CACHE_ENTRIES, max(max_memory - held, 0) // (4 * _ENTRY_BYTES)))
    cache_depth = max(1, cache_entries // entries)
    limit = memory_budget(max_memory) - held
    vertex_bytes = _vertex_bytes(n_vars)
    next_check = 0
    n_bases = 1
    stopped = ""
    after = -1  # scan the cobasic variables of index greater than this
    try:
        while True:
            cost = T[0]
            found_r = found_s = 0
            # The children: pivots on the columns of negative cost (cobasic variables above
            # `after`, in increasing order) that are the reverse of the child's parent pivot.
            for _, s in sorted([(cobasis[c], c) for c in cols if cost[c] < 0 and cobasis[c] > after]):
                # The leaving row: minimise T[i][0] / -T[i][s] over the rows with T[i][s] < 0.
                r = num = den = 0
                tie = False
                for i in rows:
                    a = T[i][s]
                    if a < 0:
                        b = T[i][0]
                        if not r:
                            r, num, den = i, b, -a
                            continue
                        lhs, rhs = b * den, -a * num
                        if lhs < rhs:
                            r, num, den, tie = i, b, -a, False
                        elif lhs == rhs:
                            tie = True
                if tie:
                    r = _lex_ratio(T, basis, cobasis, d, k, s)
                elif not r:  # pragma: no cover - a polytope has no rays
                    continue
                # In the child, the entering variable of Bland's rule must be `leaving`: no cobasic
                # variable of smaller index may have a positive cost (cs * T[r][c] + cost[c] * ars) / det.
                leaving = basis[r]
                Tr = T[r]
                cs, ars = cost[s], -Tr[s]
                for c in cols:
                    if cobasis[c] < leaving and c != s:
                        cc, rc = cost[c], Tr[c]
                        if (cc > 0 or rc < 0) and cs * rc + cc * ars > 0:
                            break
                else:
                    found_r, found_s = r, s
                    break
            if found_r:
                if budget is not None:
                    budget.spend()
                n_bases += 1
                r, s = found_r, found_s
                path.append((T if len(path) < cache_depth else None, det, r, s))
                T, det = _pivot(T, det, r, s)
                v_in, v_out = cobasis[s], basis[r]
                basis[r], cobasis[s] = v_in, v_out
                basic ^= (1 << v_in) | (1 << v_out)
                after = -1
                # Record the vertex: its labels are the cobasic variables and the basic ones at zero.
                mask = every ^ basic
                for i in rows:
                    if T[i][0] == 0:
                        mask |= 1 << basis[i]
                if mask.bit_count() > d:  # degenerate: the vertex may have several bases; once
                    if mask in degenerate_seen:
                        continue
                    degenerate_seen.add(mask)
                masks.append(mask)
                basis_masks.append(basic)
                if len(masks) >= next_check:
                    stored = len(masks) * vertex_bytes
                    cached = min(len(path), cache_depth) * entries * _ENTRY_BYTES
                    check_memory(held + stored + vertex_bytes + cached, "the vertex enumeration", limit=max_memory)
                    next_check = len(masks) + max(1, (limit - stored - cached) // (2 * vertex_bytes))
            else:
                if not path:
                    break
                cached_T, previous, r, s = path.pop()
                if cached_T is None:  # not cached: the parent pivot is the same position again
                    T, det = _pivot(T, det, r, s)
                else:
                    T, det = cached_T, previous
                v_in, v_out = cobasis[s], basis[r]  # undo the swap of the pivot down
                basis[r], cobasis[s] = v_in, v_out
                basic ^= (1 << v_in) | (1 << v_out)
                after = v_out  # the variable that entered on the way down
    except BudgetExceededError as error:
        stopped = str(error)
    return BasisVertices(M, masks, basis_masks, n_bases, stopped)


def _vertex_bytes(n_vars: int) -> int:
    """Estimated bytes of one vertex stored by the search, in a polytope of ``n_vars`` variables and slacks."""
    return _VERTEX_BYTES + n_vars // 4 + 2 * n_vars


class BasisVertices:
    """Vertices of ``{z >= 0 : M z <= 1}`` stored as label sets and bases; points on demand.

    Has the interface of :class:`~trigame.solve.nash._vertex.Vertices` that the
    2-player solver uses (``labels``, ``bases``, ``complete``, ``stopped``,
    ``normalized``, ``len``) at about 100 bytes per vertex: a vertex's point is
    solved from its basis only when asked for (an equilibrium's strategy).
    """

    exact = True

    def __init__(self, M: np.ndarray, masks: list[int], basis_masks: list[int], n_bases: int, stopped: str) -> None:
        self.M = M
        self.masks = masks  # bit v of masks[i]: vertex i has label v
        self.basis_masks = basis_masks
        self.bases = n_bases
        self.complete = not stopped
        self.stopped = stopped
        self._labels: np.ndarray | None = None
        self._rows: list[list[int]] | None = None

    def __len__(self) -> int:
        return len(self.basis_masks)

    @property
    def held_bytes(self) -> int:
        """The bytes these vertices occupy, as the search counts them."""
        return len(self) * _vertex_bytes(sum(self.M.shape))

    @property
    def labels(self) -> np.ndarray:
        """The label sets as a boolean matrix (vertex, label), made on first use."""
        if self._labels is None:
            self._labels = mask_matrix(self.masks, self.M.shape[0] + self.M.shape[1])
        return self._labels

    @property
    def rows(self) -> list[list[int]]:
        """``M`` as lists of Python ints."""
        if self._rows is None:
            self._rows = [[int(v) for v in row] for row in self.M.tolist()]
        return self._rows

    def _numerators(self, index: int) -> tuple[list[int], int]:
        """Vertex ``index`` as integers over a positive common denominator.

        With basic ``z_S`` and tight rows ``J`` (the cobasic slacks, ``|J| = |S|``) the vertex
        solves ``M[J, S] z_S = 1``.
        """
        k, d = self.M.shape
        mask = self.basis_masks[index]
        support = [v for v in range(d) if mask >> v & 1]
        rows = [[self.rows[r][v] for v in support] + [1] for r in range(k) if not mask >> (d + r) & 1]
        values, det = _solve(rows)
        z = [0] * d
        for v, value in zip(support, values):
            z[v] = value
        return z, det

    def point(self, index: int) -> list[Fraction]:
        """Vertex ``index`` (exact)."""
        z, det = self._numerators(index)
        return [Fraction(v, det) for v in z]

    def normalized(self, index: int) -> list[Fraction]:
        """Vertex ``index`` scaled to sum 1: a mixed strategy."""
        z, _ = self._numerators(index)
        total = sum(z)
        return [Fraction(v, total) for v in z]


def _solve(rows: list[list[int]]) -> tuple[list[int], int]:
    """Solve a nonsingular square integer system given as augmented rows: :func:`solve_or_none`."""
    solved = solve_or_none(rows)
    if solved is None:  # a basis of the polytope: its system is nonsingular by construction
        raise ZeroDivisionError("singular basis system")
    return solved


def solve_or_none(rows: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve a square integer system given as augmented rows (fraction-free Gauss-Jordan); None if singular.

    Each step is the Bareiss pivot of the dictionaries: after it, every pivot row so far
    holds the current pivot on the diagonal, so at the end ``x_i = rows[i][n] / det`` with
    ``det = rows[i][i]`` for every ``i``.  Returns the numerators and ``det``, made positive.
    The rows are overwritten.
    """
    n = len(rows)
    previous = 1
    for col in range(n):
        pivot_row = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot_row is None:
            return None
        rows[col], rows[pivot_row] = rows[pivot_row], rows[col]
        top = rows[col]
        pivot = top[col]
        for r in range(n):
            if r != col:
                f = rows[r][col]
                rows[r] = [(x * pivot - f * y) // previous for x, y in zip(rows[r], top)]
        previous = pivot
    sign = 1 if previous > 0 else -1
    return [sign * rows[i][n] for i in range(n)], sign * previous


def mask_matrix(masks: list[int], width: int) -> np.ndarray:
    """Bit masks (Python ints) as a boolean matrix: entry ``(v, i)`` is bit ``i`` of ``masks[v]``."""
    n_bytes = (width + 7) // 8
    packed = np.frombuffer(b"".join(mask.to_bytes(n_bytes, "little") for mask in masks), dtype=np.uint8)
    bits = np.unpackbits(packed.reshape(len(masks), n_bytes), axis=1, bitorder="little")
    return bits[:, :width].astype(bool)


#: Up to this many comparisons of label sets with a degenerate vertex, pairs are compared as Python ints.
_DIRECT_PAIRS = 20_000


def complete_pairs(masks_x: list[int], masks_y: list[int], m: int, n: int,
                   block: int = 4_000_000) -> list[tuple[int, int]]:
    """Index pairs ``(a, b)`` whose label sets ``masks_x[a] | masks_y[b]`` cover all ``m + n`` labels.

    The label sets are bit masks (Python ints) over the game's labels.  A vertex of ``P``
    (dimension ``m``) has at least ``m`` labels and one of ``Q`` at least ``n``.  Two vertices
    with exactly that many (nondegenerate ones) form a pair only when their label sets are
    complementary, which a hash look-up finds.  Pairs with a degenerate vertex on either side
    are compared directly: as ints when they are few, otherwise by a 0/1 matrix product in
    blocks of about ``block`` pairs.  The pairs are returned sorted.
    """
    full = (1 << (m + n)) - 1
    plain_y = {y: b for b, y in enumerate(masks_y) if y.bit_count() == n}
    plain_x: list[int] = []
    rest_x: list[int] = []
    for a, x in enumerate(masks_x):
        (plain_x if x.bit_count() == m else rest_x).append(a)
    rest_y = [b for b, y in enumerate(masks_y) if y.bit_count() != n]
    pairs = [(a, plain_y[full ^ masks_x[a]]) for a in plain_x if full ^ masks_x[a] in plain_y]
    if len(rest_x) * len(masks_y) + len(plain_x) * len(rest_y) <= _DIRECT_PAIRS:
        pairs += [(a, b) for a in rest_x for b, y in enumerate(masks_y) if masks_x[a] | y == full]
        pairs += [(a, b) for a in plain_x for b in rest_y if masks_x[a] | masks_y[b] == full]
    elif masks_x and masks_y:
        labels_x, labels_y = mask_matrix(masks_x, m + n), mask_matrix(masks_y, m + n)
        every_y = np.arange(len(masks_y))
        for xs, ys in ((rest_x, every_y), (plain_x, np.array(rest_y, dtype=np.intp))):
            found = _dense_pairs(labels_x, labels_y, np.array(xs, dtype=np.intp), ys, block)
            pairs += [(a, b) for a, b in found.tolist()]
    pairs.sort()
    return pairs


def _dense_pairs(labels_x: np.ndarray, labels_y: np.ndarray, xs: np.ndarray, ys: np.ndarray,
                 block: int) -> np.ndarray:
    """Complete pairs among rows ``xs`` of ``labels_x`` and ``ys`` of ``labels_y``, by a 0/1 matrix product."""
    if xs.size == 0 or ys.size == 0:
        return np.zeros((0, 2), dtype=np.intp)
    missing_x = (~labels_x[xs]).astype(np.float32)
    missing_y = (~labels_y[ys]).astype(np.float32).T
    step = max(1, block // ys.size)
    found = []
    for start in range(0, xs.size, step):
        # Entry (a, b) counts the labels missing from both; small integers, exact in float32.
        both_missing = missing_x[start:start + step] @ missing_y
        rows, cols = np.nonzero(both_missing == 0)
        found.append(np.column_stack([xs[rows + start], ys[cols]]))
    return np.concatenate(found)
