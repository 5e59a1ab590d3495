"""All pure-strategy Nash equilibria of an N-player game, vectorised over profiles."""

from __future__ import annotations

import numpy as np

from trigame.errors import UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.solve.nash._common import build_set, float_payoffs, integer_payoffs, validate_tol
from trigame.verify import check_game

__all__ = ["best_response_mask", "pure_equilibria", "solve"]


def best_response_mask(game: NormalFormGame, tol: float = 1e-9) -> np.ndarray:
    """Boolean array of shape ``(n_players, m_1, ..., m_n)``.

    Entry ``[i, s]`` is True when ``s_i`` is a best reply of player ``i`` to
    ``s_{-i}``, compared exactly -- for float games, on the binary rationals the
    floats are (float comparisons are exact), so the mask does not depend on
    the units of any player's payoffs.  A profile is a pure equilibrium iff all
    its entries are True.  ``tol`` is validated but not used here.
    """
    check_game(game, "pure equilibria")
    validate_tol(tol)
    if game.is_symbolic:
        raise UnsupportedGameError("pure equilibria of a symbolic game need values: use game.subs(...)")
    # Float comparisons are exact, so comparing the floats compares the rationals they denote.
    payoffs = integer_payoffs(game) if game.is_exact else float_payoffs(game)
    masks = []
    for i in range(game.n_players):
        table = payoffs[i]
        best = table.max(axis=i, keepdims=True)
        masks.append(table >= best)
    return np.stack(masks)


def pure_equilibria(game: NormalFormGame, tol: float = 1e-9) -> EquilibriumSet:
    """Every pure-strategy Nash equilibrium of ``game``.

    The best-reply condition is evaluated exactly for all profiles at once
    with NumPy (float payoffs as the binary rationals they are, see
    :func:`trigame.equilibria`); ``complete`` is False because mixed equilibria
    are not searched (except in one-player games, where the pure optima are the
    extreme equilibria).

    Parameters
    ----------
    game : NormalFormGame
        An exact or float game with any number of players.
    tol : float, default 1e-9
        Tolerance of the independent Nash check of float profiles, relative to
        each player's payoff range; a number in ``[0, 1e-3]``.

    Examples
    --------
    >>> import trigame as tg
    >>> coordination = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> [e.support for e in tg.pure_equilibria(coordination)]
    [((0,), (0,)), ((1,), (1,))]
    """
    mask = best_response_mask(game, tol).all(axis=0)
    profiles = []
    for cell in np.argwhere(mask):
        profiles.append([[int(k == s) for k in range(m)] for s, m in zip(cell, game.shape)])
    one_player = game.n_players == 1
    return build_set(
        game,
        profiles,
        method="pure",
        complete=one_player,
        degenerate=one_player and len(profiles) > 1,
        notes=() if one_player else ("only pure-strategy profiles were searched",),
        tol=tol,
    )


def solve(game: NormalFormGame, tol: float = 1e-9) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="pure")``."""
    return pure_equilibria(game, tol=tol)
