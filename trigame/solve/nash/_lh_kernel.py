"""A compiled Lemke-Howson path for float games, used when Numba is installed.

:mod:`trigame.solve.nash.lemke_howson` pivots float tableaux kept as
dictionaries (``_FloatTableau``) with NumPy: each pivot costs a few NumPy calls,
whose overhead dominates on small and medium games.  :func:`compiled_path`
follows the same path with the same arithmetic, operation for operation
(lexicographic ratio test with the tolerances ``PIVOT_TOL`` and ``TIE_TOL``,
then the rank-one update), compiled by Numba, so it visits the same bases and
ends at the same tableau.  Numba is optional: without it (or if compiling
fails) :func:`load` returns None and the NumPy pivots run.
``tests/test_small_games_fast.py`` pins the two against each other.

The state of one tableau is kept in arrays: ``D`` (rows x (nonbasic + 1), the
right-hand side last), ``basis`` (the label of each row), ``nonbasic`` (the
label of each column), ``row_of`` and ``column_of`` (label -> row or column,
-1 when absent) and ``slack`` (the labels of the initial basis, in order).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["load"]

_KERNEL: Any = None
_TRIED = False


def load() -> Any:
    """The compiled path function, or None when Numba is not available."""
    global _KERNEL, _TRIED
    if not _TRIED:
        _TRIED = True
        try:
            _KERNEL = _compile()
        except Exception:  # no Numba, or a Numba that cannot compile this: the NumPy pivots run instead
            _KERNEL = None
    return _KERNEL


def _compile() -> Any:  # pragma: no cover - depends on the optional Numba
    """Compile the path (cached on disk: module-level functions, so a new process finds the cache)."""
    global _leaving_row, _pivot
    import numba

    _leaving_row = numba.njit(cache=True)(_leaving_row_py)
    _pivot = numba.njit(cache=True)(_pivot_py)
    return numba.njit(cache=True)(_path_py)


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
