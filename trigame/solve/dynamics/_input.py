"""Reading the input of the dynamics: symmetric games, payoff matrices, population states, time points."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import classify, short_repr, to_fraction
from trigame.budget import check_limit, check_memory
from trigame.errors import GameShapeError, ParameterError, ProfileError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame

__all__ = ["as_game", "exact_matrix", "float_matrices", "population", "symmetric_game", "timepoints"]


def as_game(game: Any) -> NormalFormGame:
    """A :class:`NormalFormGame`, or a square payoff matrix ``A`` read as the symmetric game ``(A, Aᵀ)``."""
    if isinstance(game, NormalFormGame):
        return game
    if isinstance(game, (str, bytes)) or game is None:
        raise UnsupportedGameError(f"expected a NormalFormGame or a square payoff matrix, got {short_repr(game)}")
    try:
        rows = [list(row) for row in (game.tolist() if isinstance(game, np.ndarray) else game)]
    except TypeError:
        raise UnsupportedGameError(f"expected a NormalFormGame or a square payoff matrix, "
                                   f"got {short_repr(game)}") from None
    if not rows or any(len(row) != len(rows) for row in rows):
        raise GameShapeError(f"a payoff matrix must be square, got {short_repr(game)}")
    transposed = [list(column) for column in zip(*rows)]
    return NormalFormGame.from_arrays(rows, transposed)


def symmetric_game(game: Any) -> NormalFormGame:
    """The game, checked to be a numeric symmetric two-player game: ``B = Aᵀ``."""
    game = as_game(game)
    if game.n_players != 2 or game.shape[0] != game.shape[1]:
        raise UnsupportedGameError(f"a symmetric two-player game is needed, got a game of shape {game.shape}")
    if game.is_symbolic:
        raise UnsupportedGameError("the dynamics need numeric payoffs; substitute values with game.subs(...)")
    a, b = game.payoff_array(0), game.payoff_array(1)
    if not all(a[i, j] == b[j, i] for i in range(game.shape[0]) for j in range(game.shape[0])):
        raise UnsupportedGameError("the game is not symmetric: the column player's payoffs must be the "
                                   "transpose of the row player's (B = Aᵀ)")
    return game


def exact_matrix(game: NormalFormGame) -> list[list[Fraction]]:
    """The row player's payoffs as exact Fractions (floats are the binary rationals they denote)."""
    a = game.payoff_array(0)
    return [[to_fraction(a[i, j]) for j in range(a.shape[1])] for i in range(a.shape[0])]


def float_matrices(game: NormalFormGame) -> tuple[np.ndarray, ...]:
    """Each player's payoff array as floats (two-player games)."""
    if game.is_symbolic:
        raise UnsupportedGameError("the dynamics need numeric payoffs; substitute values with game.subs(...)")
    return tuple(np.array(game.as_float().payoff_array(i), dtype=float) for i in range(game.n_players))


def population(value: Any, labels: Sequence[str], what: str) -> np.ndarray:
    """A population state: a probability vector over ``labels`` (default: uniform), as floats."""
    n = len(labels)
    if value is None:
        return np.full(n, 1.0 / n)
    if isinstance(value, str):
        if value not in labels:
            raise ProfileError(f"{what}: unknown strategy {short_repr(value)}; the strategies are {list(labels)}")
        return np.eye(n)[list(labels).index(value)]
    try:
        items = list(value.tolist() if isinstance(value, np.ndarray) else value)
    except TypeError:
        raise ProfileError(f"{what} must be a probability vector of length {n}, got {short_repr(value)}") from None
    if len(items) != n:
        raise ProfileError(f"{what} must be a probability vector of length {n}, got {short_repr(value)}")
    out = np.empty(n)
    for k, item in enumerate(items):
        try:
            kind = classify(item, what="population share")
        except TrigameError as exc:
            raise ProfileError(f"{what}: {exc}") from None
        if kind == "symbolic":
            raise ProfileError(f"{what}: population shares must be numbers, got {short_repr(item)}")
        out[k] = float(item)
    if (out < 0).any() or not math.isclose(float(out.sum()), 1.0, abs_tol=1e-9):
        raise ProfileError(f"{what} must be non-negative and sum to 1, got {short_repr(items)}")
    return out / out.sum()


def timepoints(value: Any, max_points: int | None) -> np.ndarray:
    """Time points: increasing finite numbers (default ``linspace(0, 10, 1000)``, as nashpy)."""
    check_limit(max_points, "max_points")
    if value is None:
        return np.linspace(0, 10, 1000)
    if isinstance(value, (str, bytes)):
        raise ParameterError(f"timepoints must be a sequence of increasing numbers, got {short_repr(value)}")
    try:
        n = len(value)
    except TypeError:
        raise ParameterError(f"timepoints must be a sequence of increasing numbers, "
                             f"got {short_repr(value)}") from None
    if max_points is not None and n > max_points:
        raise ParameterError(f"{n} time points is more than max_points={max_points}; pass max_points=... "
                             f"to allow more")
    check_memory(8.0 * n * 8, "the trajectory")
    items = list(value.tolist() if isinstance(value, np.ndarray) else value)
    for item in items:
        try:
            kind = classify(item, what="time point")
        except TrigameError as exc:
            raise ParameterError(f"timepoints: {exc}") from None
        if kind == "symbolic":
            raise ParameterError(f"timepoints must be numbers, got {short_repr(item)}")
    times = np.array([float(t) for t in items])
    if n < 2 or not np.all(np.isfinite(times)) or not np.all(np.diff(times) > 0) or np.abs(times).max() > 1e12:
        raise ParameterError("timepoints must be at least two finite, strictly increasing numbers "
                             "(of absolute value at most 1e12)")
    return times
