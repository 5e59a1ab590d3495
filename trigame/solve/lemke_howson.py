"""The Lemke-Howson algorithm for bimatrix games (Lemke & Howson 1964; Shapley 1974).

Following von Stengel (2002, "Computing equilibria for two-person games",
Handbook of Game Theory 3, ch. 45, sections 3.4-3.5): with both payoff
matrices made positive, the best-response polytopes are

    P = {x >= 0 : B^T x + s = 1},        Q = {y >= 0 : A y + r = 1},

and label ``i < m`` belongs to ``x_i`` and ``r_i``, label ``m + j`` to ``s_j`` and
``y_j``.  Starting from the artificial equilibrium ``(0, 0)``, the variable
carrying the *dropped* label enters its tableau; the variable that leaves
carries a label whose twin enters the other tableau; the path ends when the
dropped label leaves.  The end point, normalised, is a Nash equilibrium.

The minimum ratio test is lexicographic (von Stengel 2002, section 3.5), so the
path is well defined and finite on degenerate games too.  Exact games are
pivoted in integers (every entry stays an integer; each pivot divides by the
previous pivot element exactly); float games in floating point.

Lemke-Howson finds one equilibrium per dropped label and is not complete:
``complete`` is always False.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.equilibrium import EquilibriumSet
from trigame.errors import MethodError, ParameterError, SolverError
from trigame.game import NormalFormGame
from trigame.solve._common import build_set, float_payoffs, integer_payoffs

__all__ = ["lemke_howson", "solve"]


class _Tableau:
    """One of the two tableaux: rows are basic variables, columns the labels 0..m+n-1, then the rhs."""

    def __init__(self, matrix: Any, slack_labels: Sequence[int], var_labels: Sequence[int], exact: bool,
                 tol: float) -> None:
        rows = len(slack_labels)
        width = len(slack_labels) + len(var_labels) + 1
        self.exact = exact
        self.tol = tol
        self.T: Any = np.zeros((rows, width), dtype=object if exact else np.float64)
        if exact:
            self.T[:, :] = 0
        for row, label in enumerate(slack_labels):
            self.T[row, label] = 1
            self.T[row, -1] = 1
            for col, var in enumerate(var_labels):
                self.T[row, var] = matrix[row][col]
        self.basis = list(slack_labels)
        self.slack_columns = list(slack_labels)
        self.det: Any = 1  # previous pivot element (integer pivoting)

    def _positive(self, value: Any) -> bool:
        return value > 0 if self.exact else value > self.tol

    def leaving_row(self, column: int) -> int:
        """Lexicographic minimum ratio test on the rhs, then the columns of the initial basis."""
        T = self.T
        candidates = [i for i in range(T.shape[0]) if self._positive(T[i, column])]
        if not candidates:
            raise SolverError("Lemke-Howson: unbounded ray; the payoffs were not made positive")
        for key in [T.shape[1] - 1, *self.slack_columns]:
            if len(candidates) == 1:
                break
            ratios = [(T[i, key] / T[i, column]) if not self.exact else Fraction(T[i, key], T[i, column])
                      for i in candidates]
            best = min(ratios)
            if self.exact:
                candidates = [i for i, r in zip(candidates, ratios) if r == best]
            else:
                scale = max(1.0, abs(best))
                candidates = [i for i, r in zip(candidates, ratios) if r <= best + self.tol * scale]
        return candidates[0]

    def pivot(self, row: int, column: int) -> int:
        """Pivot ``column`` into the basis at ``row``; return the label that left."""
        T = self.T
        p = T[row, column]
        if self.exact:
            for i in range(T.shape[0]):
                if i != row:
                    # integer pivoting: (p * T_i - T_ic * T_row) / det is exact
                    T[i, :] = [(p * a - T[i, column] * b) // self.det for a, b in zip(T[i, :], T[row, :])]
            self.det = p
        else:
            T[row, :] = T[row, :] / p
            for i in range(T.shape[0]):
                if i != row:
                    T[i, :] = T[i, :] - T[i, column] * T[row, :]
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving

    def values(self, labels: Sequence[int]) -> list[Any]:
        """Values of the variables with the given labels (0 when nonbasic)."""
        out: list[Any] = []
        for label in labels:
            if label in self.basis:
                row = self.basis.index(label)
                if self.exact:
                    out.append(Fraction(self.T[row, -1], self.T[row, label]))
                else:
                    out.append(self.T[row, -1] / self.T[row, label])
            else:
                out.append(Fraction(0) if self.exact else 0.0)
        return out


def _path(A: Any, B: Any, dropped: int, exact: bool, tol: float) -> tuple[list[Any], list[Any]]:
    """Follow the Lemke-Howson path for one dropped label; return the (normalised) profile."""
    m, n = len(A), len(A[0])
    x_labels, y_labels = list(range(m)), list(range(m, m + n))
    BT = [[B[i][j] for i in range(m)] for j in range(n)]
    tableaux = {
        "P": _Tableau(BT, slack_labels=y_labels, var_labels=x_labels, exact=exact, tol=tol),
        "Q": _Tableau(A, slack_labels=x_labels, var_labels=y_labels, exact=exact, tol=tol),
    }
    current = "P" if dropped < m else "Q"
    entering = dropped
    # with the lexicographic rule no basis repeats; this bound is never reached
    for _ in range(4 * (m + n) ** 3 + 100):
        tableau = tableaux[current]
        leaving = tableau.pivot(tableau.leaving_row(entering), entering)
        if leaving == dropped:
            break
        entering = leaving
        current = "Q" if current == "P" else "P"
    else:  # pragma: no cover - guarded by the lexicographic rule
        raise SolverError("Lemke-Howson did not terminate")
    x = tableaux["P"].values(x_labels)
    y = tableaux["Q"].values(y_labels)
    return [v / sum(x) for v in x], [v / sum(y) for v in y]


def lemke_howson(game: NormalFormGame, initial_dropped_label: int | None = None, tol: float = 1e-9) -> EquilibriumSet:
    """Equilibria of a two-player game found by Lemke-Howson paths.

    Parameters
    ----------
    game : NormalFormGame
        A two-player exact or float game.
    initial_dropped_label : int, optional
        Label to drop, ``0 .. m-1`` for the row player's strategies and
        ``m .. m+n-1`` for the column player's.  None (default) runs from every
        label and returns the distinct equilibria found.
    tol : float
        Pivoting and verification tolerance for float games.

    Returns
    -------
    EquilibriumSet
        Verified equilibria; ``complete`` is False (Lemke-Howson is not complete).

    Raises
    ------
    MethodError
        If the game does not have exactly two players.
    ParameterError
        If the label is out of range.

    Examples
    --------
    >>> import trigame as tg
    >>> bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.support for e in lemke_howson(bos, initial_dropped_label=0)]
    [((0,), (0,))]
    >>> len(lemke_howson(bos)), lemke_howson(bos).complete
    (2, False)
    """
    if game.n_players != 2:
        raise MethodError(f"lemke_howson solves two-player games; this game has {game.n_players} players")
    if game.is_symbolic:
        raise MethodError("lemke_howson needs numeric payoffs; substitute values with game.subs(...)")
    m, n = game.shape
    if initial_dropped_label is None:
        labels = list(range(m + n))
    else:
        if isinstance(initial_dropped_label, bool) or not isinstance(initial_dropped_label, (int, np.integer)):
            raise ParameterError(f"initial_dropped_label must be an integer, got {initial_dropped_label!r}")
        if not 0 <= int(initial_dropped_label) < m + n:
            raise ParameterError(f"initial_dropped_label must be in 0..{m + n - 1}, got {initial_dropped_label}")
        labels = [int(initial_dropped_label)]
    exact = game.is_exact
    if exact:
        payoffs = integer_payoffs(game)
        # positive matrices (a constant shift per player leaves the equilibria unchanged)
        A = [[int(v) - int(payoffs[0].min()) + 1 for v in row] for row in payoffs[0].tolist()]
        B = [[int(v) - int(payoffs[1].min()) + 1 for v in row] for row in payoffs[1].tolist()]
    else:
        payoffs = float_payoffs(game)
        A = (payoffs[0] - payoffs[0].min() + 1.0).tolist()
        B = (payoffs[1] - payoffs[1].min() + 1.0).tolist()
    profiles = [_path(A, B, label, exact, tol) for label in labels]
    return build_set(
        game,
        profiles,
        method="lemke_howson",
        complete=False,
        notes=(f"Lemke-Howson from dropped label(s) {labels}; the method is not complete",),
        tol=tol,
    )


def solve(game: NormalFormGame, initial_dropped_label: int | None = None, tol: float = 1e-9) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="lemke_howson")``."""
    return lemke_howson(game, initial_dropped_label=initial_dropped_label, tol=tol)
