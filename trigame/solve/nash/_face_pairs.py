"""Extreme equilibria of a bimatrix game from one best-response polytope (the method of ``lrsnash``).

With the polytopes of :mod:`trigame.solve.nash.support`,
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``, the extreme
equilibria are the completely labelled vertex pairs ``(x, y)``.  Instead of
enumerating both polytopes, only ``P`` is enumerated (by the lexicographic
reverse search of :mod:`trigame.solve.nash._reverse_search`), and for each
vertex ``x`` the partners are the vertices of the *complementary face* of ``Q``
(Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash equilibria
for two-player games", Economic Theory 42, the method of ``lrsnash``)::

    F(x) = {y in Q : y_j = 0 for every column j not a best response to x,
                     A_i y = 1 for every row i in the support of x}.

A vertex of ``F(x)`` is a vertex of ``Q`` (``F(x)`` is a face of ``Q``), and a
pair ``(x, y)`` is completely labelled exactly when ``y`` lies in ``F(x)``.

When ``x`` is a nondegenerate vertex (exactly ``m`` labels) its support ``I``
and its best-response columns ``J`` have the same size, and ``F(x)`` is at most
the one point ``y_J = A[I, J]^{-1} 1`` when that square matrix is nonsingular;
the pair exists when that point is in ``Q``.  These small systems are first
solved together in floating point with a rigorous error bound (Rump's
verification: from an approximate inverse ``R`` with ``||I - R M|| <= beta < 1``
follows ``||M^{-1}|| <= ||R|| / (1 - beta)``, and the error of the float
solution is at most that norm times the residual, every float operation's
rounding bounded by ``gamma_n = n u / (1 - n u)``, Higham 2002, "Accuracy and
Stability of Numerical Algorithms", 2nd ed., section 3.5).  A system whose
point is *certainly* outside ``Q`` is dropped.  Every other one is solved
exactly: the float solution times the rounded ``|det|`` is rounded to integers
and kept only if it solves the system exactly in integer arithmetic (int64 where
no sum can overflow, Python integers otherwise), and fraction-free elimination
solves it when it does not; membership in ``Q`` is then checked exactly.  So the
floats only ever skip work and never decide an equilibrium.  A degenerate vertex
``x``, or a singular ``A[I, J]``, has its face enumerated exactly: the vertices of ``{y_J >= 0 : A[:, J] y_J <= 1}`` (a
face of ``Q``, by the same reverse search) at which every row of ``I`` is tight.

What is not decided as a by-product is whether ``Q`` is degenerate (whether a
mixed strategy of the column player has more pure best responses than its
support size): that needs every vertex of ``Q``.  It is decided when a
degenerate vertex of ``P`` or a degenerate partner ``y`` is seen, and otherwise
left undecided (``None``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.budget import WorkBudget, format_bytes, memory_budget
from trigame.errors import BudgetExceededError
from trigame.solve.nash._reverse_search import (
    BasisVertices,
    reverse_search_vertices,
    solve_or_none,
)
from trigame.verify._candidates import IntegerCandidate

__all__ = ["ONE_POLYTOPE_BASES", "FacePairs", "face_pairs"]

#: The support method enumerates ``Q`` as well (deciding ``game_degenerate``) when the reverse search
#: of ``P`` visited at most this many bases; beyond, it finds ``Q``'s vertices only on the faces of ``P``'s.
ONE_POLYTOPE_BASES = 1000

#: Payoffs above this are not converted to floats: every system is then solved exactly.
_FLOAT_LIMIT = 2**40
#: Faces of ``Q`` (one per best-response set of a degenerate vertex) whose vertices are kept for reuse.
_FACE_CACHE = 64
#: ... and at most this many of their vertices in all (about 200 bytes each).
_FACE_CACHE_VERTICES = 100_000
#: Unit roundoff of float64.
_U = 2.0**-53


@dataclass
class FacePairs:
    """The extreme equilibria found from the vertices of ``P``.

    Attributes
    ----------
    candidates : list of IntegerCandidate
        ``(X, d, Y, e)`` per completely labelled vertex pair: the strategies ``X / d`` and ``Y / e``.
    x_index : list of int
        The vertex of ``P`` of each profile.
    y_keys : list of tuple of int
        The partner ``y`` of each profile as coprime integers (equal for the same vertex of ``Q``).
    complete : bool
        False when a budget stopped the enumeration.
    stopped : str
        Why it stopped ("" when complete).
    game_degenerate : bool or None
        True when a vertex of ``P`` or a partner ``y`` has more labels than its dimension,
        otherwise None (``Q`` was not enumerated).
    """

    candidates: list[IntegerCandidate] = field(default_factory=list)
    x_index: list[int] = field(default_factory=list)
    y_keys: list[tuple[int, ...]] = field(default_factory=list)
    complete: bool = True
    stopped: str = ""
    game_degenerate: bool | None = None

    @property
    def profiles(self) -> list[list[list[Fraction]]]:
        """``[x, y]`` per completely labelled vertex pair, each a list of Fractions summing to 1."""
        return [candidate.fractions() for candidate in self.candidates]

    @property
    def notes(self) -> list[str]:
        """A note when ``game_degenerate`` is left undecided."""
        if self.game_degenerate is not None:
            return []
        return ["whether the game is degenerate is not decided (None): only the row player's best-response "
                "polytope was enumerated, the column player's vertices only where they pair"]

    @property
    def continuum(self) -> bool:
        """Whether some vertex of either polytope is in two extreme equilibria (a segment of equilibria)."""
        return len(set(self.x_index)) < len(self.x_index) or len(set(self.y_keys)) < len(self.y_keys)


def face_pairs(
    A: Any,
    B: Any,
    *,
    budget: WorkBudget | None = None,
    max_memory: int | None = None,
    vertices_x: BasisVertices | None = None,
) -> FacePairs:
    """Every completely labelled vertex pair of the positive integer bimatrix ``(A, B)``.

    Parameters
    ----------
    A, B : array-like of int, shape (m, n)
        Positive integer payoffs of the row and column player.
    budget : WorkBudget, optional
        Counts the bases visited by the reverse searches (of ``P`` and of the faces of
        degenerate vertices).
    max_memory : int, optional
        Memory budget in bytes of the whole enumeration (default
        :data:`trigame.budget.DEFAULT_MAX_BYTES`, capped by the memory available): the vertices
        of ``P``, the faces of ``Q`` kept for reuse and the search of the current face together.
    vertices_x : BasisVertices, optional
        The vertices of ``P``, when already enumerated.

    Returns
    -------
    FacePairs
        After a budget stop, the pairs of the vertices found so far, ``complete=False``.

    Examples
    --------
    Matching pennies shifted to positive payoffs: one equilibrium, both players mixing 1/2-1/2.

    >>> import numpy as np
    >>> found = face_pairs(np.array([[3, 1], [1, 3]]), np.array([[1, 3], [3, 1]]))
    >>> [[str(p) for p in v] for v in found.profiles[0]], found.complete
    ([['1/2', '1/2'], ['1/2', '1/2']], True)
    """
    A = np.asarray(A, dtype=object)
    B = np.asarray(B, dtype=object)
    m, n = A.shape
    if vertices_x is None:
        vertices_x = reverse_search_vertices(B.T, budget=budget, max_memory=max_memory)
    result = FacePairs(complete=vertices_x.complete, stopped=vertices_x.stopped)
    labels = vertices_x.labels
    if labels.shape[0] and bool((labels.sum(axis=1) > m).any()):
        result.game_degenerate = True
    rows_a = [[int(v) for v in row] for row in A.tolist()]
    support = ~labels[:, :m]
    best = labels[:, m:]
    plain = support.sum(axis=1) == best.sum(axis=1)  # exactly m labels: a nondegenerate vertex
    # partners[a]: the exact partners (numerators over a positive denominator) of vertex a
    partners: dict[int, list[tuple[list[int], int]]] = {}
    rest = np.flatnonzero(~plain).tolist()
    labelled: set[int] = set()  # vertices whose partner's labels were counted
    for a, guess, verdict in _float_filter(A, support, best, np.flatnonzero(plain)):
        cols = np.flatnonzero(best[a]).tolist()
        if verdict is not None:  # decided exactly in int64 arithmetic: 1 a pair, 2 a pair with a degenerate y
            if verdict:
                assert guess is not None
                y = [0] * n
                for j, v in zip(cols, guess[0]):
                    y[j] = v
                partners[a] = [(y, guess[1])]
                labelled.add(a)
                if verdict == 2:
                    result.game_degenerate = True
            continue
        rows = np.flatnonzero(support[a]).tolist()
        system = [[rows_a[i][j] for j in cols] for i in rows]
        solved = guess if guess is not None and _solves(system, *guess) else solve_or_none(
            [[*row, 1] for row in system])
        if solved is None:
            rest.append(a)
            continue
        values, det = solved
        if min(values) >= 0 and all(sum(rows_a[i][j] * v for j, v in zip(cols, values)) <= det
                                    for i in range(m) if not support[a, i]):
            y = [0] * n
            for j, v in zip(cols, values):
                y[j] = v
            partners[a] = [(y, det)]
    x_points = _x_points(B, vertices_x, support, best, sorted(partners))
    faces: dict[int, BasisVertices] = {}
    room = _Room(memory_budget(max_memory), vertices_x.held_bytes)
    try:
        for a in sorted(rest):
            partners[a] = _face_vertices(A, rows_a, support[a], best[a], faces, budget, room)
    except BudgetExceededError as error:
        result.complete = False
        result.stopped = result.stopped or str(error)
    for a in sorted(partners):
        if a in x_points:
            x, x_total = x_points[a]
        else:
            x = vertices_x._numerators(a)[0]
            x_total = sum(x)
        for y, det in partners[a]:
            result.candidates.append(IntegerCandidate(((x, x_total), (y, sum(y)))))
            result.x_index.append(a)
            common = math.gcd(*y)
            result.y_keys.append(tuple(v // common for v in y))
            if result.game_degenerate is None and a not in labelled and _labels_of_y(rows_a, y, det) > n:
                result.game_degenerate = True
    return result


def _labels_of_y(rows_a: list[list[int]], y: list[int], det: int) -> int:
    """Number of labels of the point ``y / det`` of ``Q``: its zero coordinates and its tight rows."""
    tight = sum(1 for row in rows_a if sum(a * v for a, v in zip(row, y)) == det)
    return sum(1 for v in y if v == 0) + tight


@dataclass
class _Room:
    """The memory budget of :func:`face_pairs` and the bytes held outside the face being searched."""

    limit: int
    held: int  # the vertices of P
    faces: int = 0  # the faces kept for reuse

    def left(self) -> int:
        return self.limit - self.held - self.faces


def _face_vertices(
    A: np.ndarray,
    rows_a: list[list[int]],
    support: np.ndarray,
    best: np.ndarray,
    faces: dict[int, BasisVertices],
    budget: WorkBudget | None,
    room: _Room,
) -> list[tuple[list[int], int]]:
    """The vertices of ``F(x)`` by reverse search on the face ``{y_J >= 0 : A[:, J] y_J <= 1}``.

    The search gets the memory budget less what is already held (``P``'s vertices and the
    faces kept); when that is not enough, the kept faces are dropped and the search runs again.
    """
    cols = np.flatnonzero(best).tolist()
    key = sum(1 << j for j in cols)
    face = faces.get(key)
    if face is None:
        face = _search_face(A[:, cols], budget, room)
        if face is None and faces:
            faces.clear()
            room.faces = 0
            face = _search_face(A[:, cols], budget, room)
        if face is None:
            raise BudgetExceededError(
                f"the face enumeration needs more than the {format_bytes(max(room.left(), 0))} left of the memory "
                f"budget of {format_bytes(room.limit)} beside the vertices of P ({format_bytes(room.held)}); "
                "pass max_memory=... to allow more")
        # bounded by count, by the vertices held (about 200 bytes each) and by the memory left, oldest out first
        while faces and (len(faces) >= _FACE_CACHE
                         or sum(len(f) for f in faces.values()) + len(face) > _FACE_CACHE_VERTICES
                         or face.held_bytes > room.left()):
            room.faces -= faces.pop(next(iter(faces))).held_bytes
        if face.held_bytes <= room.left():
            faces[key] = face
            room.faces += face.held_bytes
    width = len(cols)
    tight_needed = np.flatnonzero(support)
    found = []
    n = A.shape[1]
    for v in np.flatnonzero(face.labels[:, width + tight_needed].all(axis=1)).tolist():
        values, det = face._numerators(int(v))
        y = [0] * n
        for j, value in zip(cols, values):
            y[j] = value
        found.append((y, det))
    return found


def _search_face(M: np.ndarray, budget: WorkBudget | None, room: _Room) -> BasisVertices | None:
    """The vertices of a face in the memory left, or None when that memory did not suffice."""
    left = room.left()
    if left <= 0:
        return None
    face = reverse_search_vertices(M, budget=budget, max_memory=left)
    if face.complete:
        return face
    if budget is not None and budget.exhausted:  # the work budget, not the memory: no retry
        raise BudgetExceededError(face.stopped)
    return None


def _solves(system: list[list[int]], values: list[int], det: int) -> bool:
    """Whether ``values / det`` solves ``system y = 1`` exactly (``det > 0``)."""
    return all(sum(a * v for a, v in zip(row, values)) == det for row in system)


def _x_points(B: np.ndarray, vertices_x: BasisVertices, support: np.ndarray, best: np.ndarray,
              indices: list[int]) -> dict[int, tuple[list[int], int]]:
    """The nondegenerate vertices ``x`` among ``indices`` as mixed strategies ``X / d`` (integers ``X`` summing
    to ``d``), from float guesses checked exactly.

    A nondegenerate vertex with support ``I`` and best responses ``J`` solves ``B[I, J]^T x_I = 1``
    (nonsingular: it is the vertex of a basis).  A guess that fails the exact check is left out
    (the caller solves it from its basis).
    """
    m = B.shape[0]
    biggest = max(abs(int(v)) for v in B.flat)
    if not indices or biggest > _FLOAT_LIMIT:
        return {}
    rows_b = [[int(v) for v in row] for row in B.T.tolist()]
    chosen = np.array(indices, dtype=np.intp)
    chosen = chosen[support[chosen].sum(axis=1) == best[chosen].sum(axis=1)]
    sizes = support[chosen].sum(axis=1)
    Bf = B.T.astype(np.float64)
    points: dict[int, tuple[list[int], int]] = {}
    for s in sorted(set(sizes.tolist())):
        group = chosen[sizes == s]
        cols = np.nonzero(support[group])[1].reshape(-1, s)  # the support I: unknowns
        rows = np.nonzero(best[group])[1].reshape(-1, s)  # the tight columns J: equations
        M = np.take_along_axis(np.transpose(Bf[:, cols], (1, 0, 2)), rows[:, :, None], axis=1)
        with np.errstate(all="ignore"):
            det = np.linalg.det(M)
            ok = np.isfinite(det) & (det != 0)
            solution = np.linalg.solve(M[ok], np.ones((int(ok.sum()), s, 1)))[:, :, 0]
            guesses = _guesses(M[ok], np.abs(det[ok]), solution)
        exact = _int64_solves(M[ok], guesses, biggest)
        for a, unknowns, equations, guess, sure in zip(group[ok].tolist(), cols[ok].tolist(), rows[ok].tolist(),
                                                       guesses, exact):
            if guess is None or not (sure or _solves([[rows_b[j][i] for i in unknowns] for j in equations], *guess)):
                continue
            values, _ = guess
            point = [0] * m
            for i, v in zip(unknowns, values):
                point[i] = v
            points[a] = (point, sum(values))
    return points


def _int64_guesses(guesses: list[Guess], biggest: int, s: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The guesses as int64 arrays ``(Z, q)``, or None when a sum of ``s`` products of them with entries up
    to ``biggest`` could overflow int64."""
    largest = max(max(q, *(abs(v) for v in z)) for z, q in guesses)
    if biggest.bit_length() + largest.bit_length() + s.bit_length() >= _INT64_BITS:
        return None
    return (np.array([z for z, _ in guesses], dtype=np.int64).reshape(len(guesses), s),
            np.array([q for _, q in guesses], dtype=np.int64))


def _int64_solves(M: np.ndarray, guesses: list[Guess | None], biggest: int) -> list[bool]:
    """Whether each guess ``(z, q)`` solves ``M z = q 1`` exactly (``M`` integral floats), where int64 cannot
    overflow; False where it could (the caller then checks in Python integers)."""
    usable = [t for t, g in enumerate(guesses) if g is not None]
    sure = [False] * len(guesses)
    if not usable:
        return sure
    found = _int64_guesses([g for g in guesses if g is not None], biggest, M.shape[1])
    if found is None:
        return sure
    Z, q = found
    values = np.einsum("nij,nj->ni", M[usable].astype(np.int64), Z)
    for t, ok in zip(usable, (values == q[:, None]).all(axis=1).tolist()):
        sure[t] = ok
    return sure


def _guesses(M: np.ndarray, q: np.ndarray, y: np.ndarray) -> list[tuple[list[int], int] | None]:
    """Integer guesses ``(round(q y), round(q))`` of the solutions of ``M y = 1`` (None where unusable).

    ``q`` approximates ``|det M|``, so ``q y`` is near an integer vector; a guess is only a
    candidate and must be checked exactly (:func:`_solves`).
    """
    q = np.rint(q)
    z = np.rint(y * q[:, None])
    usable = (q >= 1) & (q < 2.0**52) & (np.abs(z) < 2.0**52).all(axis=1) & np.isfinite(z).all(axis=1)
    return [([int(v) for v in zi], int(qi)) if u else None for zi, qi, u in zip(z.tolist(), q.tolist(), usable)]


Guess = tuple[list[int], int]
#: An int64 sum of this many products of entries below ``2**a`` and ``2**b`` is exact when ``a + b + log2(s) < 62``.
_INT64_BITS = 62


def _float_filter(A: np.ndarray, support: np.ndarray, best: np.ndarray,
                  vertices: np.ndarray) -> list[tuple[int, Guess | None, int | None]]:
    """The vertices among ``vertices`` whose partner is not certainly outside ``Q`` (see the module docs).

    For each vertex the float solution ``yhat`` of ``M y = 1``, ``M = A[I, J]``, comes with a
    bound ``e >= max |y - yhat|`` on its error, valid whenever ``beta < 1/2``; the vertex is
    dropped only when some ``yhat_j + e < 0`` or some other row's lower bound on ``A_i y``
    exceeds 1.  Every vertex without such a certificate is returned, with an integer guess of
    its partner when ``M`` is certainly nonsingular (``beta < 1/2``), to be checked exactly, and the
    verdict (pair or not) when that check could be made exactly in int64 arithmetic (None otherwise).
    """
    if vertices.size == 0:
        return []
    biggest = max(abs(int(v)) for v in A.flat)
    if biggest > _FLOAT_LIMIT:
        return [(a, None, None) for a in vertices.tolist()]
    Af = A.astype(np.float64)
    keep: list[tuple[int, Guess | None, int | None]] = []
    sizes = support[vertices].sum(axis=1)
    for s in sorted(set(sizes.tolist())):
        group = vertices[sizes == s]
        rows = np.nonzero(support[group])[1].reshape(-1, s)
        cols = np.nonzero(best[group])[1].reshape(-1, s)
        outside, guesses = _certainly_outside(Af, rows, cols)
        verdicts = _int64_verdicts(A, biggest, rows, cols, guesses)
        keep.extend((a, g, v) for a, g, v, out in zip(group.tolist(), guesses, verdicts, outside.tolist())
                    if not out and v != 0)
    return sorted(keep, key=lambda pair: pair[0])


def _int64_verdicts(A: np.ndarray, biggest: int, rows: np.ndarray, cols: np.ndarray,
                    guesses: list[Guess | None]) -> list[int | None]:
    """Whether each guess is exactly the partner in ``Q`` (1, or 2 when it has more than ``n`` labels),
    exactly a point outside ``Q`` (0), or not decided (None).

    Only guesses of certainly nonsingular systems are given, so an exact solution is the face's only point.
    Checked in int64 where no sum of products can overflow; None where it might, or where the guess is wrong.
    """
    verdicts: list[int | None] = [None] * len(guesses)
    usable = [t for t, g in enumerate(guesses) if g is not None]
    if not usable:
        return verdicts
    s = rows.shape[1]
    found = _int64_guesses([g for g in guesses if g is not None], biggest, s)
    if found is None:
        return verdicts
    Z, q = found
    sub = np.transpose(A.astype(np.int64)[:, cols[usable]], (1, 0, 2))  # (N, m, s)
    values = np.einsum("nms,ns->nm", sub, Z)  # A_i y times q, every row i
    solved = (np.take_along_axis(values, rows[usable], axis=1) == q[:, None]).all(axis=1)
    inside = (Z >= 0).all(axis=1) & (values <= q[:, None]).all(axis=1)
    # labels beyond n: zero coordinates in J and tight rows beyond the s of the support
    extra = (Z == 0).sum(axis=1) + (values == q[:, None]).sum(axis=1) > s
    for t, ok, feasible, more in zip(usable, solved.tolist(), inside.tolist(), extra.tolist()):
        if ok:
            verdicts[t] = 2 if feasible and more else int(feasible)
    return verdicts


def _certainly_outside(Af: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, list[Guess | None]]:
    """For each system ``A[rows[t], cols[t]] y = 1``: whether its solution is certainly not in ``Q``, and a guess."""
    N, s = rows.shape
    guesses: list[Guess | None] = [None] * N
    gamma = 4 * (s + 2) * _U / (1 - (s + 2) * _U)  # twice the bound of each length-(s+1) dot product
    sub = Af[:, cols]  # (m, N, s): every row of A on the columns J of each system
    sub = np.transpose(sub, (1, 0, 2))  # (N, m, s)
    M = np.take_along_axis(sub, rows[:, :, None], axis=1)  # (N, s, s)
    outside = np.zeros(N, dtype=bool)
    with np.errstate(all="ignore"):
        det = np.linalg.det(M)
        ok = np.isfinite(det) & (det != 0)  # a nonzero LU pivot everywhere: inv does not fail
        if not ok.any():
            return outside, guesses
        Mk, subk = M[ok], sub[ok]
        absM, abs_sub = np.abs(Mk), np.abs(subk)  # the support method's payoffs are positive; any sign is bounded
        R = np.linalg.inv(Mk)
        y = R.sum(axis=2)  # R @ 1
        eye = np.eye(s)
        absR = np.abs(R)
        # ||I - R M|| with the rounding of the product bounded elementwise by gamma (|R| |M| + I)
        beta = (np.abs(eye - R @ Mk) + gamma * (absR @ absM + eye)).sum(axis=2).max(axis=1) * (1 + gamma)
        norm_inverse = absR.sum(axis=2).max(axis=1) * (1 + gamma) / (1 - beta)
        residual = (np.abs(np.einsum("nij,nj->ni", Mk, y) - 1)
                    + gamma * (np.einsum("nij,nj->ni", absM, np.abs(y)) + 1)).max(axis=1) * (1 + gamma)
        error = norm_inverse * residual * (1 + gamma)
        certified = np.isfinite(error) & (beta < 0.5)
        # y_j <= yhat_j + e < 0, with a margin for the rounding of these sums (relative to their terms)
        negative = (y + error[:, None] + gamma * (np.abs(y) + error[:, None]) < 0).any(axis=1)
        # every row of A at y: lower bound A_i yhat - rounding - ||A_i[J]||_1 * error > 1, with the same margin
        values = np.einsum("nij,nj->ni", subk, y)
        rounding = gamma * np.einsum("nij,nj->ni", abs_sub, np.abs(y))
        spread = abs_sub.sum(axis=2) * error[:, None]
        lower = values - rounding - spread
        over = (lower > 1 + gamma * (np.abs(values) + rounding + spread + 1)).any(axis=1)
        outside[np.flatnonzero(ok)] = certified & (negative | over)
        for t, guess, sure in zip(np.flatnonzero(ok).tolist(), _guesses(Mk, np.abs(det[ok]), y), certified.tolist()):
            if sure:
                guesses[t] = guess
    return outside, guesses
