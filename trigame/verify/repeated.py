"""An independent check of subgame perfection in repeated games, by playing the automata forward.

Written apart from :meth:`trigame.games.repeated.RepeatedGame.is_subgame_perfect`:
no joint automaton and no linear recursion.  Histories (sequences of action
profiles) are explored breadth first; each history's continuation is determined
by the players' automaton states after it, so histories reaching the same states
are checked once.  From each, every player's every one-shot deviation is *played
out*: the first period with the deviation, then the automata, period by period,
until the states repeat.  The discounted sum of an eventually periodic stream
``u_0 ... u_{j-1} (u_j ... u_{m-1})^∞`` is summed in closed form,
``(1 - δ) Σ_{t<j} δ^t u_t + δ^j (1 - δ) Σ_{t=j}^{m-1} δ^{t-j} u_t / (1 - δ^{m-j})``.
Exact games are compared exactly; float games with ``tol``.

:func:`verify_minmax` checks a minmax value from the definition: the punishment holds the
player to the value (every action of hers against it, exactly), and no punishment does
better -- for two players by the linear program of her maxmin strategy (von Neumann: maxmin
equals minmax), for more players on a grid of the punishers' mixtures (a necessary check).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from trigame.errors import BudgetExceededError, ParameterError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.repeated import Automaton, RepeatedGame

__all__ = ["play_value", "simulated_deviation_gains", "verify_minmax", "verify_subgame_perfect"]


def _payoff(game: RepeatedGame, player: int, profile: Sequence[str]) -> Any:
    stage = game.stage
    labels = stage.strategies
    key = (player, *(labels[j].index(a) for j, a in enumerate(profile)))
    return stage.payoffs[key]


def play_value(game: RepeatedGame, profile: Sequence[Automaton], states: Sequence[Hashable], player: int,
               first: Sequence[str] | None = None) -> Any:
    """Player ``player``'s normalised discounted payoff from automaton ``states``, playing ``first`` in period 0.

    ``first`` is the action profile of the first period (default: what the automata prescribe).
    """
    delta = game.discounts[player]
    stream: list[Any] = []
    seen: dict[tuple[Hashable, ...], int] = {}
    current = tuple(states)
    t = 0
    while True:
        if t > 0 or first is None:
            if current in seen:
                break
            seen[current] = t
        played = tuple(first) if (t == 0 and first is not None) else tuple(a.action(s) for a, s in
                                                                            zip(profile, current))
        stream.append(_payoff(game, player, played))
        current = tuple(a.next(s, played) for a, s in zip(profile, current))
        t += 1
    start = seen[current]
    head = sum(((1 - delta) * delta**t * u for t, u in enumerate(stream[:start])), start=0 * delta)
    cycle = stream[start:]
    loop = sum(((1 - delta) * delta**t * u for t, u in enumerate(cycle)), start=0 * delta)
    return head + delta**start * loop / (1 - delta ** len(cycle))


def simulated_deviation_gains(game: RepeatedGame, profile: Sequence[Automaton], *,
                              max_histories: int = 100_000) -> list[tuple[tuple[Hashable, ...], str, str, Any]]:
    """``(automaton states, player, action, gain)`` of every one-shot deviation after every history class."""
    if game.is_symbolic:
        raise UnsupportedGameError("the simulation check needs numeric payoffs and discount factors")
    if isinstance(max_histories, bool) or not isinstance(max_histories, int) or max_histories < 1:
        raise ParameterError(f"max_histories must be a positive integer, got {max_histories!r}")
    stage = game.stage
    profiles = list(itertools.product(*stage.strategies))
    start = tuple(a.initial for a in profile)
    frontier, seen = [start], {start}
    out = []
    while frontier:
        states = frontier.pop(0)
        planned = tuple(a.action(s) for a, s in zip(profile, states))
        for i, player in enumerate(game.players):
            base = play_value(game, profile, states, i)
            for b in stage.strategies[i]:
                if b != planned[i]:
                    deviation = (*planned[:i], b, *planned[i + 1:])
                    out.append((states, player, b, play_value(game, profile, states, i, deviation) - base))
        for played in profiles:
            after = tuple(a.next(s, played) for a, s in zip(profile, states))
            if after not in seen:
                if len(seen) >= max_histories:
                    raise BudgetExceededError(f"more than {max_histories} classes of histories; "
                                              "pass max_histories=... to allow more")
                seen.add(after)
                frontier.append(after)
    return out


def verify_subgame_perfect(game: RepeatedGame, profile: Sequence[Automaton], *, tol: float = 1e-9,
                           max_histories: int = 100_000) -> bool:
    """Whether no one-shot deviation after any history gains (exactly for exact games, else beyond ``tol``)."""
    exact = game.stage.kind == "exact" and all(isinstance(d, Fraction) for d in game.discounts)
    gains = simulated_deviation_gains(game, profile, max_histories=max_histories)
    return all((g <= 0) if exact else (float(g) <= tol) for *_, g in gains)


def verify_minmax(stage: Any, value: Any, *, tol: float = 1e-9, grid: int = 20) -> bool:
    """Whether ``value`` (a :class:`~trigame.results.repeated.MinmaxValue`) is the player's minmax value.

    Parameters
    ----------
    stage : NormalFormGame
    value : MinmaxValue
    tol : float
        Slack of the float comparisons (the punishment is checked exactly for exact games).
    grid : int
        Points per probability axis of the grid of punishments tried for three or more players
        (and for the pure minmax, every pure punishment is tried).
    """
    import numpy as np

    from trigame.games.normal_form import NormalFormGame

    if not isinstance(stage, NormalFormGame) or stage.is_symbolic:
        raise UnsupportedGameError("verify_minmax needs a numeric NormalFormGame")
    if isinstance(grid, bool) or not isinstance(grid, int) or not 1 <= grid <= 1000:
        raise ParameterError(f"grid must be an integer from 1 to 1000, got {grid!r}")
    i = stage.player_index(value.player)
    others = [j for j in range(stage.n_players) if j != i]
    u = stage.payoffs[i]
    exact = stage.kind == "exact" and all(isinstance(x, (int, Fraction)) for s in value.punishment.values()
                                          for x in s.values())

    def best_against(mixtures: Sequence[Sequence[Any]]) -> Any:
        table = u
        for j in reversed(others):  # contract the punishers' axes, last first
            weights = mixtures[others.index(j)]
            table = sum((np.take(table, k, axis=j) * w for k, w in enumerate(weights)), start=0 * table.take(0, axis=j))
        return max(table.tolist())

    given = [[value.punishment[stage.players[j]].get(label, 0) for label in stage.strategies[j]] for j in others]
    attained = best_against(given)
    if (attained != value.value) if exact else abs(float(attained) - float(value.value)) > tol:
        return False
    if not value.mixed:
        for combo in itertools.product(*[range(stage.shape[j]) for j in others]):
            pure = [[1 if k == c else 0 for k in range(stage.shape[j])] for j, c in zip(others, combo)]
            if best_against(pure) < value.value:
                return False
        return True
    if stage.n_players == 2:
        from scipy.optimize import linprog

        a = np.array(u, dtype=float) if i == 0 else np.array(u, dtype=float).T  # rows: her actions
        m, n = a.shape
        res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-a.T, np.ones(n)], b_ub=np.zeros(n),
                      A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)],
                      method="highs")
        return bool(res.status == 0 and -res.fun >= float(value.value) - tol * max(1.0, abs(float(value.value))))
    budget = 1
    for j in others:  # points of the grid on each punisher's simplex
        budget *= math.comb(grid + stage.shape[j] - 1, stage.shape[j] - 1)
    if budget > 200_000:
        raise BudgetExceededError(f"the grid of punishments has {budget} points, over 200000; pass a smaller grid")
    floats = np.array(u.tolist(), dtype=float)
    simplices = []
    for j in others:
        points = [p for p in itertools.product(range(grid + 1), repeat=stage.shape[j] - 1) if sum(p) <= grid]
        simplices.append(np.array([[*p, grid - sum(p)] for p in points], dtype=float) / grid)
    # her payoff of each action against every grid punishment: contract the punishers' axes one by one
    table = np.moveaxis(floats, i, 0)  # (her actions, punishers' actions in order)
    for mixtures in simplices:
        table = np.tensordot(table, mixtures, axes=([1], [1]))  # the punisher's axis becomes a grid axis (last)
    lowest = float(table.max(axis=0).min())
    return lowest >= float(value.value) - tol
