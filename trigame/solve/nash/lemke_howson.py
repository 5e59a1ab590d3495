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

The minimum ratio test is lexicographic (von Stengel 2002, section 3.5): ties
in the ratio of the right-hand side are broken by the ratios of the columns of
the initial (slack) basis, i.e. of the rows of the basis inverse, which are
never all tied.  No basis can then repeat on a path, so the path is finite on
degenerate games too.

Exact games are pivoted in integers (every entry stays an integer; each pivot
divides by the previous pivot element exactly).  Float games are pivoted in
floating point on payoffs first mapped, for each player separately, affinely
onto ``[1, 2]`` (a positive affine map of one player's payoffs leaves the
equilibria unchanged).  The tableau then has entries of order one whatever the
scale of the payoffs (``1e12`` for one player and ``1e-3`` for the other, or
payoffs in ``[0, 1e6)``), so the fixed pivoting tolerances
:data:`PIVOT_TOL` and :data:`TIE_TOL` mean the same on every game.  The end
point's basic solution is recomputed from the scaled payoffs by one linear
solve, which removes the round-off accumulated along the path.

Speed.  When Numba is installed (QuantEcon, for one, requires it), each float path
is one call of a compiled kernel (:mod:`trigame.solve.nash._lh_kernel`, compiled on
first use and cached on disk) that maps the payoffs onto ``[0, 1]`` exactly as
:func:`~trigame.games.scaling.normalized_payoffs` does (bit for bit; the map is left
on the game for the check), builds the tableaux of ``1 +`` those payoffs, makes
exactly the pivots of the NumPy path, recomputes the end point by one small linear
solve on its support (its own Gaussian elimination; the NumPy path calls LAPACK, so
the two agree up to round-off) and cleans its round-off exactly as the float result
does; without Numba the NumPy path runs.  Float end points are checked by the float
check of :func:`trigame.verify.check_profile` without re-validating the vectors
(:mod:`trigame.solve.nash._lh_float`); exact ones by ``build_set``.

Budget.  Each pivot is counted; ``max_pivots`` (default :data:`DEFAULT_MAX_PIVOTS`)
bounds the pivots of one call over all dropped labels.  A path cannot cycle, but
Lemke-Howson paths can be exponentially long on purpose-built games (Savani &
von Stengel 2006).  When the budget runs out, the equilibria already found are
returned with a note; if none was found,
:class:`~trigame.errors.BudgetExceededError` is raised (an empty set would read
as a game without equilibria).  ``max_memory`` bounds the tableaux, checked
before they are built.

Lemke-Howson finds one equilibrium per dropped label and is not complete:
``complete`` is always False.  The notes give the number of pivots.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.budget import WorkBudget, check_limit, check_memory
from trigame.errors import BudgetExceededError, MethodError, ParameterError, SolverError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import PROBABILITY_TOL
from trigame.games.scaling import adopt_normalized, normalized_payoffs
from trigame.results import EquilibriumSet
from trigame.solve.nash import _lh_float, _lh_kernel
from trigame.solve.nash._common import ZERO_TOL, build_set, integer_payoffs
from trigame.verify import validate_tol

__all__ = ["DEFAULT_MAX_PIVOTS", "PIVOT_TOL", "TIE_TOL", "lemke_howson", "solve"]

#: Default budget of pivots over all dropped labels of one call.
DEFAULT_MAX_PIVOTS = 10**6
#: A float tableau entry (payoffs scaled to [1, 2]) at most this large is not a valid pivot.
PIVOT_TOL = 1e-10
#: Float ratios within this (relative to the larger of 1 and the minimum) tie in the ratio test.
TIE_TOL = 1e-12


class _ExactTableau:
    """An integer tableau: rows are basic variables, columns the labels 0..m+n-1, then the rhs."""

    def __init__(self, matrix: Any, slack_labels: Sequence[int], var_labels: Sequence[int]) -> None:
        rows = len(slack_labels)
        T = np.zeros((rows, len(slack_labels) + len(var_labels) + 1), dtype=object)
        T[:, :] = 0
        T[np.arange(rows), list(slack_labels)] = 1
        T[:, list(var_labels)] = matrix
        T[:, -1] = 1
        self.T = T
        self.basis = list(slack_labels)
        self.slack_columns = list(slack_labels)
        self.det: Any = 1  # the previous pivot element (integer pivoting)

    def leaving_row(self, column: int) -> int:
        """Lexicographic minimum ratio test on the rhs, then on the columns of the initial basis."""
        T = self.T
        candidates = [i for i in range(T.shape[0]) if T[i, column] > 0]
        if not candidates:
            raise SolverError("Lemke-Howson: unbounded ray; the payoffs were not made positive")
        for key in [T.shape[1] - 1, *self.slack_columns]:
            if len(candidates) == 1:
                break
            ratios = [Fraction(T[i, key], T[i, column]) for i in candidates]
            best = min(ratios)
            candidates = [i for i, r in zip(candidates, ratios) if r == best]
        return candidates[0]

    def pivot(self, row: int, column: int) -> int:
        """Pivot ``column`` into the basis at ``row``; return the label that left."""
        T = self.T
        p = T[row, column]
        # integer pivoting: (p * T_i - T_ic * T_row) / det is exact for every row i != row
        pivot_row = T[row].copy()
        T[:, :] = (p * T - np.outer(T[:, column], pivot_row)) // self.det
        T[row] = pivot_row
        self.det = p
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving

    def values(self, labels: Sequence[int]) -> list[Any]:
        """Values of the variables with the given labels (0 when nonbasic)."""
        out: list[Any] = []
        for label in labels:
            if label in self.basis:
                row = self.basis.index(label)
                out.append(Fraction(self.T[row, -1], self.T[row, label]))
            else:
                out.append(Fraction(0))
        return out


class _FloatTableau:
    """A float tableau kept as a dictionary: only the nonbasic columns and the rhs are stored.

    Row ``i`` reads ``x_basis[i] + sum_j D[i, j] x_nonbasic[j] = D[i, -1]``: the columns of the basic
    variables, unit vectors in the full tableau, are left out, which halves the work of a pivot.
    """

    def __init__(self, matrix: np.ndarray, slack_labels: Sequence[int], var_labels: Sequence[int]) -> None:
        rows = len(slack_labels)
        self.D = np.empty((rows, len(var_labels) + 1))
        self.D[:, :-1] = matrix
        self.D[:, -1] = 1.0
        self.matrix = matrix  # the constraint matrix's columns of var_labels, for the final linear solve
        self.var_column = {label: j for j, label in enumerate(var_labels)}
        self.basis = list(slack_labels)
        self.nonbasic = list(var_labels)
        self.row_of = {label: i for i, label in enumerate(slack_labels)}
        self.column_of = {label: j for j, label in enumerate(var_labels)}
        self.slack_labels = list(slack_labels)
        self.work = np.empty_like(self.D)

    def leaving_row(self, label: int) -> int:
        """Lexicographic minimum ratio test with tolerances (the tableau's entries are of order one)."""
        D = self.D
        entries = D[:, self.column_of[label]]
        candidates = np.flatnonzero(entries > PIVOT_TOL)
        if candidates.size == 0:
            raise SolverError("Lemke-Howson: unbounded ray; the payoffs were not made positive")
        for key in [None, *self.slack_labels]:  # the rhs first, then the columns of the initial basis
            if candidates.size == 1:
                break
            if key is None:
                values = D[candidates, -1]
            elif key in self.column_of:
                values = D[candidates, self.column_of[key]]
            else:  # a basic slack's column is the unit vector of its row
                values = (candidates == self.row_of[key]).astype(np.float64)
            ratios = values / entries[candidates]
            best = ratios.min()
            candidates = candidates[ratios <= best + TIE_TOL * max(1.0, abs(best))]
        return int(candidates[0])

    def pivot(self, row: int, label: int) -> int:
        """Exchange the nonbasic ``label`` with the basic variable of ``row``; return the label that left."""
        D = self.D
        column = self.column_of.pop(label)
        entries = D[:, column].copy()
        p = entries[row]
        D[row] /= p
        entries[row] = 0.0
        # the rank-one update in place through one preallocated buffer: no temporaries of the tableau's size and
        # no BLAS call (a multithreaded BLAS rank-one update is many times slower on a busy machine)
        np.multiply(entries[:, None], D[row], out=self.work)
        D -= self.work
        D[:, column] = -entries / p
        D[row, column] = 1.0 / p
        leaving = self.basis[row]
        del self.row_of[leaving]
        self.basis[row] = label
        self.row_of[label] = row
        self.nonbasic[column] = leaving
        self.column_of[leaving] = column
        return leaving

    def values(self, labels: Sequence[int]) -> list[float]:
        """Values of the variables with the given labels, recomputed from the payoffs (:func:`_lh_float.end_point`)."""
        first_var = min(self.var_column)
        values = _lh_float.end_point(self.D, np.array(self.basis, dtype=np.intp), self.matrix, first_var,
                                     min(self.slack_labels))
        return [float(values[label - first_var]) for label in labels]


def _path(A: np.ndarray, B: np.ndarray, dropped: int, exact: bool, budget: WorkBudget,
          shift: float = 0.0) -> tuple[Any, Any]:
    """Follow the Lemke-Howson path for one dropped label by NumPy pivots; return the (normalised) profile.

    ``A`` and ``B`` are positive payoff matrices (Python ints in object arrays, or floats); float
    ones are pivoted as ``A + shift`` and ``B + shift``.  Float paths return float64 arrays, exact
    paths lists of Fractions.  (A float game goes through the compiled kernel instead when Numba is
    installed: :func:`_compiled_path`.)
    """
    m, n = A.shape
    if shift:
        A, B = A + shift, B + shift
    x_labels, y_labels = list(range(m)), list(range(m + n))[m:]
    tableau_class = _ExactTableau if exact else _FloatTableau
    tableaux: dict[str, Any] = {"P": tableau_class(B.T, y_labels, x_labels),
                                "Q": tableau_class(A, x_labels, y_labels)}
    _numpy_path(tableaux, m, dropped, budget)
    x = tableaux["P"].values(x_labels)
    y = tableaux["Q"].values(y_labels)
    if not exact:
        x, y = np.array(x), np.array(y)
    total_x, total_y = sum(x), sum(y)
    if not (total_x > 0 and total_y > 0):  # pragma: no cover - the path never ends at the artificial equilibrium
        raise SolverError(f"Lemke-Howson from label {dropped} ended at the artificial equilibrium")
    if exact:
        return [v / total_x for v in x], [v / total_y for v in y]
    return x / total_x, y / total_y


def _compiled_path(game: NormalFormGame, solver: Any, dropped: int,
                   budget: WorkBudget) -> tuple[np.ndarray, np.ndarray, bool]:
    """The path from ``dropped`` in one compiled call on the game's payoffs (``_lh_kernel.load_solver()``).

    The kernel maps the payoffs onto ``[0, 1]`` as :func:`~trigame.games.scaling.normalized_payoffs`
    does (bit for bit; cached on the game for the check), pivots them plus 1 as :func:`_path` does,
    and cleans the end point as the float result's cleaning does.  Returns (``x``, ``y``, whether
    they are cleaned); uncleaned ones go through ``build_set``.
    """
    allowed = -1 if budget.limit is None else max(budget.limit - budget.spent, 0)
    payoffs = game.payoffs
    if not payoffs.flags.c_contiguous:  # one compiled signature: read-only C-ordered float64 (as from_arrays stores)
        payoffs = np.ascontiguousarray(payoffs)
        payoffs.flags.writeable = False
    pivots, status, x, y, normalized = solver(payoffs, dropped, allowed, PIVOT_TOL, TIE_TOL, ZERO_TOL,
                                              PROBABILITY_TOL)
    adopt_normalized(game, normalized)
    if status == 2:
        raise SolverError("Lemke-Howson: unbounded ray; the payoffs were not made positive")
    budget.spend(pivots + (1 if status == 1 else 0))  # out of budget: the pivot it could not make raises here
    if status == 3:  # pragma: no cover - the path never ends at the artificial equilibrium
        raise SolverError(f"Lemke-Howson from label {dropped} ended at the artificial equilibrium")
    return x, y, status == 0


def _numpy_path(tableaux: dict[str, Any], m: int, dropped: int, budget: WorkBudget) -> None:
    """Run the path pivot by pivot on the tableaux."""
    current = "P" if dropped < m else "Q"
    entering = dropped
    while True:
        budget.spend()
        tableau = tableaux[current]
        leaving = tableau.pivot(tableau.leaving_row(entering), entering)
        if leaving == dropped:
            break
        entering = leaving
        current = "Q" if current == "P" else "P"


def _check_tol(tol: Any) -> float:
    tol = validate_tol(tol)
    return float(tol)


def lemke_howson(
    game: NormalFormGame,
    initial_dropped_label: int | None = None,
    tol: float = 1e-9,
    *,
    max_pivots: int | None = DEFAULT_MAX_PIVOTS,
    max_memory: int | None = None,
) -> EquilibriumSet:
    """Equilibria of a two-player game found by Lemke-Howson paths.

    Parameters
    ----------
    game : NormalFormGame
        A two-player exact or float game.
    initial_dropped_label : int, optional
        Label to drop, ``0 .. m-1`` for the row player's strategies and
        ``m .. m+n-1`` for the column player's.  None (default) runs from every
        label and returns the distinct equilibria found.
    tol : float, default 1e-9
        Tolerance of the independent Nash check of float end points, a number
        in ``[0, 1e-3]`` relative to each player's payoff range (see
        :func:`trigame.is_nash`).  Pivoting does not use it:
        it works on payoffs scaled to ``[1, 2]`` with the fixed tolerances
        :data:`PIVOT_TOL` and :data:`TIE_TOL`.
    max_pivots : int or None, default 10**6
        Work budget: the most pivots over all dropped labels; ``None`` for no
        limit.  Past it, the equilibria already found are returned with a note,
        or :class:`~trigame.errors.BudgetExceededError` is raised if there are
        none.
    max_memory : int or None
        Memory budget in bytes for the two tableaux (default
        :data:`trigame.budget.DEFAULT_MAX_BYTES`, at most the memory available),
        checked before they are built.

    Returns
    -------
    EquilibriumSet
        Verified equilibria; ``complete`` is False (Lemke-Howson is not
        complete).  The notes give the dropped labels and the pivots used.

    Raises
    ------
    MethodError
        If the game does not have exactly two players or is symbolic.
    ParameterError
        If the label is not an integer in range, ``tol`` is not a number in
        ``[0, 1)`` or ``max_pivots`` is not a positive integer or None.
    BudgetExceededError
        If ``max_pivots`` pivots end before any equilibrium is found, or the
        tableaux would need more than ``max_memory`` bytes.

    Examples
    --------
    >>> import trigame as tg
    >>> bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.support for e in lemke_howson(bos, initial_dropped_label=0)]
    [((0,), (0,))]
    >>> len(lemke_howson(bos)), lemke_howson(bos).complete
    (2, False)
    """
    if not isinstance(game, NormalFormGame):
        raise MethodError(f"lemke_howson needs a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise MethodError(f"lemke_howson solves two-player games; this game has {game.n_players} players")
    if game.is_symbolic:
        raise MethodError("lemke_howson needs numeric payoffs; substitute values with game.subs(...)")
    m, n = game.shape
    if initial_dropped_label is None:
        labels = list(range(m + n))
    else:
        bad = isinstance(initial_dropped_label, (bool, np.bool_)) or not isinstance(
            initial_dropped_label, (int, np.integer))
        if bad or not 0 <= int(initial_dropped_label) < m + n:
            allowed = (f"an integer in 0..{m + n - 1} (0..{m - 1} for {game.players[0]!r}'s strategies, "
                       f"{m}..{m + n - 1} for {game.players[1]!r}'s) or None for every label")
            shown = repr(initial_dropped_label) if bad else initial_dropped_label
            raise ParameterError(f"initial_dropped_label must be {allowed}, got {shown}")
        labels = [int(initial_dropped_label)]
    tol = _check_tol(tol)
    budget = WorkBudget(check_limit(max_pivots, "max_pivots"), what="Lemke-Howson", unit="pivots",
                        option="max_pivots")
    exact = game.is_exact
    # two tableaux of (m + n) rows in all; an exact entry is a Python int (about 64 bytes as they grow)
    entries = m * (m + n + 1) + n * (m + n + 1)
    check_memory(entries * (64 if exact else 16), f"the Lemke-Howson tableaux of this {m}x{n} game",
                 limit=max_memory)
    solver = None if exact else _lh_kernel.load_solver()
    if exact:
        payoffs = integer_payoffs(game)
        # positive matrices (a constant shift per player leaves the equilibria unchanged)
        A, B = (np.array([[int(v) - int(p.min()) + 1 for v in row] for row in p.tolist()], dtype=object)
                for p in payoffs)
    elif solver is None:
        # each player's payoffs mapped onto [1, 2]: 1 + the [0, 1] map the float check uses
        A, B = normalized_payoffs(game)  # pivoted plus 1 (shift below)
    profiles = []
    pivots: dict[int, int] = {}
    exhausted: BudgetExceededError | None = None
    cleaned = solver is not None
    for label in labels:
        before = budget.spent
        try:
            if solver is not None:
                x, y, clean = _compiled_path(game, solver, label, budget)
                profiles.append((x, y))
                cleaned = cleaned and clean
            else:
                profiles.append(_path(A, B, label, exact, budget, shift=0.0 if exact else 1.0))
        except BudgetExceededError as error:
            exhausted = error
            break
        pivots[label] = budget.spent - before
    notes = [f"Lemke-Howson from dropped label(s) {labels}; the method is not complete",
             f"pivots: {sum(pivots.values())} in all"
             + (f" ({', '.join(f'label {k}: {v}' for k, v in pivots.items())})" if len(pivots) > 1 else "")]
    if exhausted is not None:
        if not profiles:
            raise exhausted
        notes.append(f"{exhausted}; the paths from label(s) {labels[len(profiles):]} were not completed")
    if cleaned:
        return _lh_float.verified_cleaned_set(game, profiles, method="lemke_howson", notes=notes, tol=tol)
    if not exact:
        fast = _lh_float.verified_float_set(game, profiles, method="lemke_howson", notes=notes, tol=tol)
        if fast is not None:
            return fast
    return build_set(game, profiles, method="lemke_howson", complete=False, notes=notes, tol=tol)


#: Solver entry point for ``equilibria(game, method=...)``.
solve = lemke_howson
