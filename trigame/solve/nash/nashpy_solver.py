"""Baseline: delegate a two-player game to nashpy (float arithmetic).

nashpy's support and vertex enumeration are complete on nondegenerate games
only: on degenerate games they can miss equilibria (a support with more best
responses than strategies) or return profiles that are not equilibria.  Every
profile nashpy returns is therefore checked independently (via
:func:`trigame.is_nash`) and ``complete`` is always False.

Budget.  nashpy's support enumeration examines every pair of nonempty supports,
(2^m - 1)(2^n - 1) of them, and its vertex enumeration every pair of vertices of
the two best-response polytopes, of which there are at most 2^m and 2^n; both
are refused up front, with :class:`~trigame.errors.BudgetExceededError`, when
that count exceeds ``max_pairs``.  Its Lemke-Howson runs are driven here pivot
by pivot on nashpy's own tableaux and stop after ``max_pivots`` pivots in all.
"""

from __future__ import annotations

import warnings
from typing import Any

from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, MethodError, MissingDependencyError, ParameterError, SolverError
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.solve.nash._common import build_set, float_payoffs
from trigame.verify import validate_tol

__all__ = ["ALGORITHMS", "nashpy_equilibria", "solve"]

ALGORITHMS = ("support_enumeration", "vertex_enumeration", "lemke_howson")

#: Default budget of support (or vertex) pairs nashpy may examine: about a minute of its work.
DEFAULT_MAX_PAIRS = 2**20
#: Default budget of Lemke-Howson pivots over all starting labels.
DEFAULT_MAX_PIVOTS = 10**6


def _lemke_howson_runs(payoffs: Any, budget: WorkBudget) -> list[tuple[Any, Any]]:
    """nashpy's ``lemke_howson_enumeration`` (one run per dropped label), with every pivot counted.

    The loop is nashpy's own (``nashpy.algorithms.lemke_howson.lemke_howson``, lexicographic
    pivoting on its tableaux); only the pivot count is added.
    """
    from itertools import cycle

    from nashpy.algorithms.lemke_howson import create_col_tableau, create_row_tableau

    A, B = payoffs
    found = []
    for label in range(sum(A.shape)):
        col_tableau = create_col_tableau(A, True)
        row_tableau = create_row_tableau(B, True)
        order = (row_tableau, col_tableau) if label in row_tableau.non_basic_variables else (col_tableau, row_tableau)
        tableaux = cycle(order)
        full_labels = col_tableau.labels
        entering = label
        while True:
            budget.spend()
            entering = next(tableaux).pivot_and_drop_label(entering)
            if col_tableau.non_basic_variables.union(row_tableau.non_basic_variables) == full_labels:
                break
        found.append(
            (
                row_tableau.to_strategy(col_tableau.non_basic_variables),
                col_tableau.to_strategy(row_tableau.non_basic_variables),
            )
        )
    return found


def nashpy_equilibria(
    game: NormalFormGame,
    algorithm: str = "support_enumeration",
    tol: float = 1e-9,
    *,
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    max_pivots: int | None = DEFAULT_MAX_PIVOTS,
) -> EquilibriumSet:
    """Equilibria of a two-player game computed by nashpy, verified by trigame.

    Parameters
    ----------
    game : NormalFormGame
        A two-player exact or float game (solved in floating point).
    algorithm : {"support_enumeration", "vertex_enumeration", "lemke_howson"}
        nashpy's method; ``"lemke_howson"`` runs nashpy's
        ``lemke_howson_enumeration`` (every dropped label).
    tol : float
        Tolerance of nashpy's support enumeration and of the Nash check.
    max_pairs : int or None, default 2**20
        Work budget of support and vertex enumeration: the most support (or
        vertex) pairs nashpy may examine, checked before it starts; ``None``
        for no limit.
    max_pivots : int or None, default 10**6
        Work budget of ``"lemke_howson"``: the most pivots over all starting
        labels; ``None`` for no limit.

    Returns
    -------
    EquilibriumSet
        The verified profiles; ``complete`` is False (see the module notes).

    Raises
    ------
    MethodError
        If the game does not have two players.
    SolverError
        If nashpy itself fails (it does on some degenerate games).
    BudgetExceededError
        If the work would exceed ``max_pairs`` or ``max_pivots``.

    Examples
    --------
    >>> import trigame as tg
    >>> mp = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = nashpy_equilibria(mp)
    >>> [float(p) for p in eqs[0].strategies[0]], eqs.complete
    ([0.5, 0.5], False)
    """
    if game.n_players != 2:
        raise MethodError(f"the nashpy solver handles two-player games; this game has {game.n_players} players")
    if game.is_symbolic:
        raise MethodError("the nashpy solver needs numeric payoffs; substitute values with game.subs(...)")
    if algorithm not in ALGORITHMS:
        raise ParameterError(f"unknown nashpy algorithm {algorithm!r}; choose one of {list(ALGORITHMS)}")
    tol = validate_tol(tol)
    check_limit(max_pairs, "max_pairs")
    pivots = WorkBudget(max_pivots, what="nashpy's Lemke-Howson", unit="pivots", option="max_pivots")
    m, n = game.shape
    if algorithm != "lemke_howson" and max_pairs is not None:
        pairs = (2**m - 1) * (2**n - 1)
        if pairs > max_pairs:
            raise BudgetExceededError(
                f"nashpy's {algorithm} would examine {pairs:.3g} support pairs of this {m}x{n} game, over the "
                f"budget of {max_pairs}; pass max_pairs=... to allow more, or use method='support'"
            )
    try:
        import nashpy
    except ImportError as exc:  # pragma: no cover - nashpy is a dependency
        raise MissingDependencyError("the nashpy solver needs nashpy: pip install nashpy") from exc
    payoffs = float_payoffs(game)
    nash_game = nashpy.Game(payoffs[0], payoffs[1])
    with warnings.catch_warnings():
        # nashpy warns on degenerate games; the independent check below decides what is kept
        warnings.simplefilter("ignore")
        found: Any
        try:
            if algorithm == "support_enumeration":
                found = nash_game.support_enumeration(tol=tol)
            elif algorithm == "vertex_enumeration":
                found = nash_game.vertex_enumeration()
            else:
                found = _lemke_howson_runs(nash_game.payoff_matrices, pivots)
            profiles = [[list(map(float, x)), list(map(float, y))] for x, y in found]
        except BudgetExceededError:
            raise
        except Exception as exc:  # nashpy fails on some degenerate games (e.g. vertex enumeration of a zero game)
            raise SolverError(f"nashpy's {algorithm} failed on this game: {type(exc).__name__}: {exc}") from exc
    notes = [
        f"nashpy {algorithm}: not complete on degenerate games (it can miss equilibria or return "
        "non-equilibria; returned profiles were checked independently)"
    ]
    usable = []
    for x, y in profiles:
        if all(v == v for v in x + y) and sum(x) > 0 and sum(y) > 0:  # nashpy can return NaN on degenerate games
            usable.append([[v / sum(x) for v in x], [v / sum(y) for v in y]])
    if len(usable) < len(profiles):
        notes.append(f"{len(profiles) - len(usable)} profile(s) from nashpy were not probability vectors")
    return build_set(game, usable, method="nashpy", complete=False, notes=notes, tol=tol)


#: Solver entry point for ``equilibria(game, method=...)``.
solve = nashpy_equilibria
