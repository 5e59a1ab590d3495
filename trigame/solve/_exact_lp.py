"""Exact linear feasibility over Fractions: is there an ``x >= 0`` with ``A x = b`` and ``C x <= d``?

The refinements of signalling games (:mod:`trigame.solve.refinements`) ask only
questions of this kind, about beliefs and mixed responses in a simplex; they
are answered exactly by phase one of the simplex method with Bland's rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

__all__: list[str] = []


Row = tuple[Sequence[Fraction], Fraction]


def _feasible(n: int, equalities: Iterable[Row], inequalities: Iterable[Row]) -> bool:
    """Whether some ``x >= 0`` in ``R^n`` has ``a.x = b`` for every equality and ``a.x <= b`` for every inequality.

    Phase one of the simplex method in exact arithmetic (one artificial variable
    per row, minimise their sum), with Bland's rule, which cannot cycle.
    """
    rows: list[tuple[list[Fraction], Fraction, int | None]] = [(list(a), Fraction(b), None) for a, b in equalities]
    rows += [(list(a), Fraction(b), k) for k, (a, b) in enumerate(inequalities)]
    slacks = sum(1 for *_, k in rows if k is not None)
    width = n + slacks
    m = len(rows)
    table: list[list[Fraction]] = []
    for i, (a, b, k) in enumerate(rows):
        row = [Fraction(v) for v in a] + [Fraction(0)] * (slacks + m) + [b]
        if k is not None:
            row[n + k] = Fraction(1)
        if b < 0:
            row = [-v for v in row]
        row[width + i] = Fraction(1)
        table.append(row)
    basis = [width + i for i in range(m)]
    # reduced costs of the phase-one objective (sum of the artificials)
    cost = [-sum((table[i][j] for i in range(m)), Fraction(0)) if j < width else Fraction(0)
            for j in range(width + m)]
    while True:
        entering = next((j for j in range(width) if cost[j] < 0), None)
        if entering is None:
            break
        best: tuple[Fraction, int, int] | None = None
        for i in range(m):
            if table[i][entering] > 0:
                key = (table[i][-1] / table[i][entering], basis[i], i)
                if best is None or key < best:
                    best = key
        if best is None:  # unbounded below: impossible, the objective is bounded by 0
            break  # pragma: no cover
        r = best[2]
        pivot = table[r][entering]
        table[r] = [v / pivot for v in table[r]]
        for i in range(m):
            if i != r and table[i][entering]:
                f = table[i][entering]
                table[i] = [u - f * v for u, v in zip(table[i], table[r])]
        f = cost[entering]
        cost = [u - f * v for u, v in zip(cost, table[r][:-1])]
        basis[r] = entering
    return all(table[i][-1] == 0 for i in range(m) if basis[i] >= width)


def _simplex_rows(n: int) -> list[Row]:
    """The equality ``sum x = 1`` of a simplex in ``R^n``."""
    return [([Fraction(1)] * n, Fraction(1))]
