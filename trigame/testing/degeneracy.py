"""Degeneracy of strategic-form games: the detectors :func:`~trigame.testing.games` uses to draw or avoid it.

A bimatrix game is nondegenerate (von Stengel 2002, Handbook of Game Theory 3,
ch. 45, section 3.2) when no mixed strategy with ``k`` strategies in its
support has more than ``k`` pure best replies.  :func:`_two_player_degenerate`
decides it on the vertices of the two best-response polytopes, exactly for
exact payoffs and with a tolerance for floats; :func:`_pure_ties` finds the
pure-strategy ties every degenerate game of any number of players can have.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

#: Float payoffs of nondegenerate games differ by more than this, relative to the payoff scale.
FLOAT_SEPARATION = 1e-6


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system in Fractions by Gaussian elimination; None when singular."""
    n = len(rows)
    m = [[*r, b] for r, b in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[k][n] / m[k][k] for k in range(n)]


def _polytope_degenerate(M: np.ndarray, exact: bool, tol: float) -> bool:
    """Whether some vertex of ``{x >= 0 : M^T x <= 1}`` lies on more than ``len(x)`` of its facets.

    ``M`` is the opponent's payoff matrix made positive (rows: own strategies).  The
    labels of a point are the zero coordinates and the opponent's strategies whose
    inequality is tight; a point with more than ``m`` labels is a mixed strategy
    with support ``k`` and more than ``k`` pure best responses, and if such a
    point exists then a vertex of its face has all its labels too (von Stengel
    2002, Handbook of Game Theory 3, ch. 45, section 3.2).
    """
    m, n = M.shape
    constraints: list[tuple[list[Any], Any]] = []
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    for i in range(m):
        constraints.append(([one if k == i else zero for k in range(m)], zero))
    for j in range(n):
        constraints.append(([M[k, j] for k in range(m)], one))
    for chosen in itertools.combinations(range(m + n), m):
        rows = [constraints[c][0] for c in chosen]
        rhs = [constraints[c][1] for c in chosen]
        if exact:
            x = _solve_exact(rows, rhs)
            if x is None:
                continue
        else:
            a = np.array(rows, dtype=float)
            if abs(np.linalg.det(a)) < 1e-12:
                continue
            x = list(np.linalg.solve(a, np.array(rhs, dtype=float)))
        slack: list[Any] = [float(-x[i]) if not exact else -x[i] for i in range(m)]
        slack += [sum(M[k, j] * x[k] for k in range(m)) - one for j in range(n)]
        if any(s > tol for s in slack):
            continue  # infeasible
        if sum(1 for s in slack if abs(s) <= tol) > m:
            return True
    return False


def _two_player_degenerate(payoffs: np.ndarray, exact: bool) -> bool:
    """Von Stengel degeneracy of a bimatrix game: a mixed strategy with more best responses than its support size."""
    a, b = payoffs[0], payoffs[1]
    if exact:
        a = np.array([[Fraction(v) for v in row] for row in a.tolist()], dtype=object)
        b = np.array([[Fraction(v) for v in row] for row in b.tolist()], dtype=object)
        a, b = a - min(a.flat) + 1, b - min(b.flat) + 1
        return _polytope_degenerate(b, True, 0) or _polytope_degenerate(a.T.copy(), True, 0)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(1.0, float(np.max(np.abs(payoffs))))
    a, b = (a - a.min()) / scale + 1, (b - b.min()) / scale + 1
    return _polytope_degenerate(b, False, FLOAT_SEPARATION) or _polytope_degenerate(a.T.copy(), False, FLOAT_SEPARATION)


def _pure_ties(payoffs: np.ndarray, separation: Any = 0) -> bool:
    """Whether some player has two pure strategies within ``separation`` against a pure profile of the others."""
    for i in range(payoffs.shape[0]):
        own = np.moveaxis(payoffs[i], i, -1).reshape(-1, payoffs.shape[i + 1])
        for column in own.tolist():
            values = sorted(column)
            if any(b - a <= separation for a, b in itertools.pairwise(values)):
                return True
    return False
