"""Hypothesis strategies for games of incomplete information: Bayesian games and signalling games.

:func:`bayesian_games` draws small :class:`~trigame.games.bayesian.BayesianGame`
instances (a common prior over type profiles, correlated or independent);
:func:`signaling_games` draws small :class:`~trigame.games.signaling.SignalingGame`
instances.  Sizes are given as in :func:`trigame.testing.games`: an int, a
range or a sequence of ints (drawn uniformly), or a hypothesis strategy.
Payoffs are integers, fractions with small denominators or floats between
``min_value`` and ``max_value``; prior probabilities are exact (Fractions)
unless ``payoffs="floats"``, when they are floats of the form ``k / 8``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from trigame.games.bayesian import BayesianGame
from trigame.games.signaling import SignalingGame
from trigame.testing.strategies import PayoffKind, _bounds, _count_strategy, _element

__all__ = ["bayesian_games", "signaling_games"]

#: Prior probabilities are drawn as integer weights up to this number, then normalised.
MAX_WEIGHT = 4


def _prior(draw: Any, n: int, floats: bool, zeros: bool) -> list[Any]:
    """``n`` probabilities summing to 1: Fractions, or floats that are multiples of 1/8."""
    if floats:  # cuts of [0, 1] on a dyadic grid: the parts are exact floats summing to exactly 1
        grid = 8
        while grid < n:
            grid *= 2
        if zeros:
            cuts = sorted(draw(st.lists(st.integers(0, grid), min_size=n - 1, max_size=n - 1)))
        else:
            cuts = sorted(draw(st.lists(st.integers(1, grid - 1), min_size=n - 1, max_size=n - 1, unique=True)))
        edges = [0, *cuts, grid]
        return [(b - a) / grid for a, b in itertools.pairwise(edges)]
    weights = draw(st.lists(st.integers(0 if zeros else 1, MAX_WEIGHT), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[0] = 1
    return [Fraction(w, sum(weights)) for w in weights]


def bayesian_games(
    n_players: int | Any = 2,
    n_types: int | Any = (1, 2),
    n_actions: int | Any = 2,
    *,
    payoffs: PayoffKind = "integers",
    min_value: Any = None,
    max_value: Any = 5,
    independent: bool | None = None,
    zero_probability: bool = False,
) -> SearchStrategy[BayesianGame]:
    """Small Bayesian games.

    Parameters
    ----------
    n_players, n_types, n_actions : int, range, sequence of ints or strategy
        The number of players (at least 1), of types per player and of actions
        per player (at least 1 each; every type of a player has the same actions).
    payoffs : "integers", "fractions" or "floats"
        The kind of the payoffs (floats also make the prior float, on a dyadic grid).
    min_value, max_value : number
        Payoff bounds (``min_value=None``: ``-max_value``).
    independent : bool or None
        An independent prior (``{player: {type: p}}``), a correlated one over type
        profiles, or either (``None``).
    zero_probability : bool
        Allow types and type profiles of probability zero (each player keeps a type
        of positive probability).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(bayesian_games(n_types=2))
    ... def test(game):
    ...     assert all(len(game.types[p]) == 2 for p in game.players)
    >>> test()
    """
    players_s = _count_strategy(n_players, "n_players", 1)
    types_s = _count_strategy(n_types, "n_types", 1)
    actions_s = _count_strategy(n_actions, "n_actions", 1)
    lo, hi = _bounds(min_value, max_value)
    element = _element(payoffs, lo, hi, grid=False)
    floats = payoffs == "floats"

    @st.composite
    def draw_game(draw: Any) -> BayesianGame:
        n = draw(players_s)
        players = [f"P{k + 1}" for k in range(n)]
        types = {p: tuple(f"t{k + 1}" for k in range(draw(types_s))) for p in players}
        actions = {p: tuple(f"{p.lower()}a{k + 1}" for k in range(draw(actions_s))) for p in players}
        prior: Any
        use_independent = draw(st.booleans()) if independent is None else independent
        if use_independent:
            prior = {p: dict(zip(types[p], _prior(draw, len(types[p]), floats, zero_probability))) for p in players}
        else:
            profiles = list(itertools.product(*(types[p] for p in players)))
            prior = dict(zip(profiles, _prior(draw, len(profiles), floats, zero_probability)))
        table = {}
        for s in itertools.product(*(types[p] for p in players)):
            for a in itertools.product(*(actions[p] for p in players)):
                table[(s, a)] = tuple(draw(element) for _ in players)
        return BayesianGame(players, types, prior, actions, table)

    return draw_game()


def signaling_games(
    n_types: int | Any = 2,
    n_messages: int | Any = 2,
    n_actions: int | Any = 2,
    *,
    payoffs: PayoffKind = "integers",
    min_value: Any = None,
    max_value: Any = 5,
) -> SearchStrategy[SignalingGame]:
    """Small signalling games: every type can send every message, every action follows every message.

    Parameters
    ----------
    n_types, n_messages, n_actions : int, range, sequence of ints or strategy
        The numbers of sender types (every one of positive prior probability),
        messages and receiver actions (at least 1 each).
    payoffs : "integers", "fractions" or "floats"
        The kind of the payoffs (floats also make the prior float).
    min_value, max_value : number
        Payoff bounds (``min_value=None``: ``-max_value``).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(signaling_games(n_types=2, n_messages=2))
    ... def test(game):
    ...     assert game.messages == ("m1", "m2")
    >>> test()
    """
    types_s = _count_strategy(n_types, "n_types", 1)
    messages_s = _count_strategy(n_messages, "n_messages", 1)
    actions_s = _count_strategy(n_actions, "n_actions", 1)
    lo, hi = _bounds(min_value, max_value)
    element = _element(payoffs, lo, hi, grid=False)
    floats = payoffs == "floats"

    @st.composite
    def draw_game(draw: Any) -> SignalingGame:
        types = tuple(f"t{k + 1}" for k in range(draw(types_s)))
        messages = tuple(f"m{k + 1}" for k in range(draw(messages_s)))
        actions = tuple(f"a{k + 1}" for k in range(draw(actions_s)))
        prior = dict(zip(types, _prior(draw, len(types), floats, zeros=False)))
        table = {(t, m, a): (draw(element), draw(element)) for t in types for m in messages for a in actions}
        return SignalingGame(types, prior, messages, actions, table)

    return draw_game()
