"""Textbook Gauss-Jordan elimination in Fractions: the reference the exact eliminations are tested against."""

from __future__ import annotations

from fractions import Fraction


def gauss_jordan(rows: list[list[Fraction]], n_cols: int) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of ``rows`` over their first ``n_cols`` columns: every row, pivots first, and
    the pivot columns (a column past ``n_cols``, such as a right-hand side, is carried along)."""
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    r = 0
    for c in range(n_cols):
        pivot = next((k for k in range(r, len(rows)) if rows[k][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [v / rows[r][c] for v in rows[r]]
        for k in range(len(rows)):
            if k != r and rows[k][c] != 0:
                rows[k] = [a - rows[k][c] * b for a, b in zip(rows[k], rows[r])]
        pivots.append(c)
        r += 1
    return rows, pivots
