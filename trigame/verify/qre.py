"""An independent check of logit quantal response equilibria, from the definition.

A profile ``sigma`` is a logit QRE at precisions ``lambda_i`` when each player's
mixed strategy *is* their logit response to the others:
``sigma_i(s) = exp(lambda_i u_i(s, sigma_{-i})) / sum_t exp(lambda_i u_i(t, sigma_{-i}))``.
This module computes that response directly -- each pure strategy's payoff as
the payoff array weighted by the product of the others' probabilities, then a
softmax -- written apart from the path-following solver in
:mod:`trigame.solve.qre`, which never forms the response itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import short_repr
from trigame.errors import ParameterError, ProfileError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.scaling import float_payoffs
from trigame.verify.nash import check_game

__all__ = ["check_precisions", "is_logit_qre", "logit_residual", "logit_response"]


def _real(value: object, what: str) -> float:
    """A finite non-negative real number, or a ParameterError naming ``what``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, Fraction, np.integer, np.floating)):
        raise ParameterError(f"{what} must be a non-negative real number, got {short_repr(value)}")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    if not (math.isfinite(x) and x >= 0):
        raise ParameterError(f"{what} must be a finite non-negative real number, got {short_repr(value)}")
    return x


def check_precisions(game: NormalFormGame, lam: object, what: str = "lam") -> np.ndarray:
    """``lam`` as one precision per player: a number (shared), a sequence in player order, or ``{player: value}``.

    Raises
    ------
    ParameterError
        For anything else: strings, NaN, infinite or negative values, wrong lengths, unknown players.
    """
    n = game.n_players
    if isinstance(lam, Mapping):
        unknown = [k for k in lam if k not in game.players]
        if unknown or len(lam) != n:
            raise ParameterError(
                f"{what} as a mapping needs exactly the players {list(game.players)}, got keys {short_repr(list(lam))}"
            )
        return np.array([_real(lam[p], f"{what}[{p!r}]") for p in game.players])
    if isinstance(lam, (str, bytes)):
        raise ParameterError(f"{what} must be a non-negative real number or one per player, got {short_repr(lam)}")
    if isinstance(lam, (Sequence, np.ndarray)):
        values = list(np.asarray(lam, dtype=object).ravel()) if isinstance(lam, np.ndarray) else list(lam)
        if len(values) != n:
            raise ParameterError(f"{what} needs one value per player ({n}), got {len(values)}")
        return np.array([_real(v, f"{what}[{k}]") for k, v in enumerate(values)])
    return np.full(n, _real(lam, what))


def _vectors(game: NormalFormGame, profile: Any) -> list[np.ndarray]:
    strategies = getattr(profile, "strategies", profile)
    if isinstance(strategies, (str, bytes)) or not isinstance(strategies, (Sequence, np.ndarray)):
        raise ProfileError(f"a QRE profile is one probability vector per player, got {short_repr(profile)}")
    if len(strategies) != game.n_players:
        raise ProfileError(f"a QRE profile needs {game.n_players} probability vectors, got {len(strategies)}")
    out = []
    for i, entry in enumerate(strategies):
        if isinstance(entry, (str, bytes)):
            raise ProfileError(f"the strategy of {game.players[i]!r} must be a probability vector, got {entry!r}")
        try:
            v = np.array([_real(x, f"probability of {game.players[i]!r}") for x in entry], dtype=float)
        except TypeError:
            raise ProfileError(f"the strategy of {game.players[i]!r} must be a probability vector") from None
        if v.shape != (game.shape[i],):
            raise ProfileError(
                f"the strategy of {game.players[i]!r} needs {game.shape[i]} probabilities, got {v.shape[0]}"
            )
        out.append(v)
    return out


def logit_response(game: NormalFormGame, profile: Any, lam: object = None) -> tuple[np.ndarray, ...]:
    """Each player's logit response to the others' strategies in ``profile``.

    ``lam`` is one precision shared by all players or one per player; it defaults
    to the profile's own ``lambdas`` when ``profile`` is a
    :class:`~trigame.results.qre.QREPoint`.
    """
    check_game(game, "logit_response")
    if game.kind == "symbolic":
        raise UnsupportedGameError("logit_response needs numeric payoffs; substitute values with game.subs(...) first")
    if lam is None:
        lam = getattr(profile, "lambdas", None)
        if lam is None:
            raise ParameterError("lam is needed unless the profile is a QREPoint")
    lambdas = check_precisions(game, lam)
    sigma = _vectors(game, profile)
    payoffs = float_payoffs(game)
    n = game.n_players
    out = []
    for i in range(n):
        weight = np.ones(game.shape)
        for k in range(n):
            if k != i:
                shape = [1] * n
                shape[k] = game.shape[k]
                weight = weight * sigma[k].reshape(shape)
        others = tuple(k for k in range(n) if k != i)
        values = (payoffs[i] * weight).sum(axis=others) if others else payoffs[i].astype(float)
        exponents = lambdas[i] * (values - values.max())
        response = np.exp(exponents)
        out.append(response / response.sum())
    return tuple(out)


def logit_residual(game: NormalFormGame, profile: Any, lam: object = None) -> float:
    """The largest gap between a probability in ``profile`` and the logit response to it (0 at a QRE)."""
    response = logit_response(game, profile, lam)
    return float(max(np.max(np.abs(r - v)) for r, v in zip(response, _vectors(game, profile))))


def is_logit_qre(game: NormalFormGame, profile: Any, lam: object = None, tol: float = 1e-9) -> bool:
    """True when ``profile`` is a logit QRE of ``game`` at precision ``lam``, up to ``tol`` per probability.

    Examples
    --------
    >>> import trigame as tg
    >>> from trigame.verify.qre import is_logit_qre
    >>> pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> is_logit_qre(pennies, [[0.5, 0.5], [0.5, 0.5]], 3.0)
    True
    """
    tolerance = _real(tol, "tol")
    return logit_residual(game, profile, lam) <= tolerance
