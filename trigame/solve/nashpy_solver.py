"""Baseline: delegate a two-player game to nashpy (float arithmetic).

nashpy's support and vertex enumeration are complete on nondegenerate games
only: on degenerate games they can miss equilibria (a support with more best
responses than strategies) or return profiles that are not equilibria.  Every
profile nashpy returns is therefore checked independently (via
:func:`trigame.is_nash`) and ``complete`` is always False.
"""

from __future__ import annotations

import warnings
from typing import Any

from trigame.equilibrium import EquilibriumSet
from trigame.errors import MethodError, MissingDependencyError, ParameterError, SolverError
from trigame.game import NormalFormGame
from trigame.solve._common import build_set, float_payoffs

__all__ = ["ALGORITHMS", "nashpy_equilibria", "solve"]

ALGORITHMS = ("support_enumeration", "vertex_enumeration", "lemke_howson")


def nashpy_equilibria(
    game: NormalFormGame, algorithm: str = "support_enumeration", tol: float = 1e-9
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
                found = nash_game.lemke_howson_enumeration()
            profiles = [[list(map(float, x)), list(map(float, y))] for x, y in found]
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


def solve(game: NormalFormGame, algorithm: str = "support_enumeration", tol: float = 1e-9) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="nashpy")``."""
    return nashpy_equilibria(game, algorithm=algorithm, tol=tol)
