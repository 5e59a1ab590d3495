"""Minmax values of a stage game, pure and mixed, computed exactly.

Player ``i``'s minmax value is ``min over σ_{-i} of max over a_i of u_i(a_i, σ_{-i})``:
the least payoff the others can hold her to, each of them mixing independently
(Fudenberg & Maskin 1986).  The pure minmax restricts the others to pure actions.

Mixed minmax through a team game
--------------------------------
Write the problem as ``min v`` subject to ``u_i(a_i, σ_{-i}) <= v`` for every
``a_i``, with ``σ_{-i}`` in a product of simplices.  Its Karush--Kuhn--Tucker
conditions (the linear simplex constraints and the direction "raise ``v``" make
them necessary at the optimum) say: there are weights ``λ`` on ``i``'s actions,
positive only on her best replies, such that each punisher's ``σ_j`` minimises
``Σ λ_a u_i(a, σ_{-i})`` given the others -- which is exactly a Nash
equilibrium of the *team game* where ``i`` keeps ``u_i`` and every punisher's
payoff is ``-u_i``.  Conversely every Nash equilibrium of the team game gives a
feasible point whose value is ``i``'s equilibrium payoff.  So the mixed minmax
value is the least payoff of ``i`` over the Nash equilibria of the team game,
which the complete exact solvers (:func:`trigame.solve.equilibria`) list: for
two players this is the value of the zero-sum game ``(u_i, -u_i)``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import to_float
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results.repeated import MinmaxValue

__all__ = ["DEFAULT_MAX_SUPPORT_PROFILES", "minmax", "minmax_point"]

#: Default budget of the team game's support enumeration with three or more players (each support profile is a
#: polynomial system); past it the value is an upper bound, said in a note.
DEFAULT_MAX_SUPPORT_PROFILES = 1_000


def _player(stage: NormalFormGame, player: Any) -> int:
    if isinstance(player, str) or (isinstance(player, int) and not isinstance(player, bool)):
        return stage.player_index(player)
    raise ParameterError(f"player must be a name or an index, got {player!r}")


def _pure(stage: NormalFormGame, i: int) -> MinmaxValue:
    u = stage.payoffs[i]
    others = [j for j in range(stage.n_players) if j != i]
    best: tuple[Any, tuple[int, ...]] | None = None
    for combo in itertools.product(*[range(stage.shape[j]) for j in others]):
        index: list[Any] = [slice(None)] * stage.n_players
        for j, k in zip(others, combo):
            index[j] = k
        column = u[tuple(index)]
        top = max(column.tolist())
        if best is None or top < best[0]:
            best = (top, combo)
    assert best is not None
    value, combo = best
    index = [slice(None)] * stage.n_players
    for j, k in zip(others, combo):
        index[j] = k
    column = u[tuple(index)].tolist()
    replies = tuple(stage.strategies[i][a] for a, x in enumerate(column) if x == value)
    punishment = {stage.players[j]: {stage.strategies[j][k]: Fraction(1)} for j, k in zip(others, combo)}
    return MinmaxValue(stage.players[i], value, punishment, replies, mixed=False, exact=stage.kind == "exact")


def _pure_maxmin(stage: NormalFormGame, i: int) -> Any:
    """What her best pure action guarantees against any punishment: a lower bound of every minmax value."""
    rows = np.moveaxis(stage.payoffs[i], i, 0)
    return max(min(row.ravel().tolist()) for row in rows)


def _mixed(stage: NormalFormGame, i: int, options: dict[str, Any]) -> MinmaxValue:
    from trigame.solve import auto_method, equilibria

    floor = _pure(stage, i)
    if floor.value == _pure_maxmin(stage, i):  # maxmin <= mixed minmax <= pure minmax: all equal
        return MinmaxValue(floor.player, floor.value, floor.punishment, floor.best_responses, mixed=True,
                           exact=floor.exact, notes=("the pure minmax equals the pure maxmin, a lower bound",))
    u = stage.payoffs[i]
    team = np.empty(stage.payoffs.shape, dtype=object if stage.kind == "exact" else float)
    for j in range(stage.n_players):
        team[j] = u if j == i else -u
    game = NormalFormGame(team, players=stage.players, strategies=stage.strategies, kind=stage.kind)
    method = options.get("method", "auto")
    if stage.n_players > 2 and (auto_method(game) if method == "auto" else method) == "polynomial":
        options = {"max_support_profiles": DEFAULT_MAX_SUPPORT_PROFILES, **options}
    eqs = equilibria(game, **options)
    if not len(eqs):  # pragma: no cover - every finite game has an equilibrium
        raise UnsupportedGameError("the team game of the minmax problem returned no equilibrium")
    # her payoff recomputed from the definition, in the stage game's units (an equilibrium with irrational
    # probabilities reports its payoffs on the solvers' normalised check scale)
    values = [stage.expected_payoffs(e.strategies)[i] for e in eqs]
    exact_all = all(e.exact for e in eqs)
    k = min(range(len(eqs)), key=lambda k: values[k] if exact_all else to_float(values[k]))
    best, value = eqs[k], values[k]
    others = [j for j in range(stage.n_players) if j != i]
    punishment = {stage.players[j]: dict(zip(stage.strategies[j], best.strategies[j].tolist())) for j in others}
    replies = []
    for a, label in enumerate(stage.strategies[i]):
        vectors = list(best.strategies)
        pure = [0] * stage.shape[i]
        pure[a] = 1
        vectors[i] = np.array(pure)
        payoff = stage.expected_payoffs(tuple(vectors))[i]
        if payoff == value or (not best.exact and abs(to_float(payoff) - to_float(value)) <= 1e-9):
            replies.append(label)
    exact = bool(best.exact) and stage.kind == "exact"
    notes = []
    complete = eqs.complete
    if not eqs.complete:
        notes.append(f"the team game's solver ({eqs.method}) is not complete: the value is an upper bound")
    if eqs.degenerate and stage.n_players > 2:
        complete = False
        notes.append("the team game has a continuum of equilibria; the value is the least over its reported "
                     "representatives (an upper bound)")
    result = MinmaxValue(stage.players[i], value, punishment, tuple(replies), mixed=True, exact=exact,
                         notes=tuple(notes), complete=complete)
    if to_float(floor.value) < to_float(value):  # a pure punishment is a mixed one: never report more
        result = MinmaxValue(stage.players[i], floor.value, floor.punishment, floor.best_responses, mixed=True,
                             exact=stage.kind == "exact", complete=False,
                             notes=(*notes, "a pure punishment holds the player lower than the team game's "
                                    "reported equilibria: its value is reported, an upper bound"))
    if stage.n_players > 2:
        from trigame.verify.repeated import verify_minmax

        dimensions = sum(m - 1 for j, m in enumerate(stage.shape) if j != i) or 1
        grid = max(2, min(12, int(4000 ** (1 / dimensions))))  # at most about 4000 punishments tried
        if not verify_minmax(stage, result, grid=grid):
            result = MinmaxValue(result.player, result.value, result.punishment, result.best_responses, True,
                                 result.exact, (*result.notes, "a grid of punishments holds the player lower: the "
                                                "value is an upper bound"), complete=False)
    return result


def minmax(stage: NormalFormGame, player: Any = None, *, mixed: bool = True,
           **options: Any) -> MinmaxValue | tuple[MinmaxValue, ...]:
    """Minmax values of a stage game, exactly.

    Parameters
    ----------
    stage : NormalFormGame
        An exact or float game (symbolic payoffs: substitute values first).
    player : str or int, optional
        One player; by default every player, in order.
    mixed : bool, default True
        Let the punishers mix (independently); ``False`` gives the pure minmax.
    **options
        Passed to :func:`trigame.solve.equilibria` for the team game of the mixed
        minmax: its budgets, e.g. ``max_bases`` (two players) or ``max_support_profiles``
        (three or more players; default :data:`DEFAULT_MAX_SUPPORT_PROFILES` here). Past a
        budget the value is an upper bound, ``exact`` describes the numbers and a note says so.

    Returns
    -------
    MinmaxValue or tuple of MinmaxValue

    Examples
    --------
    >>> pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> minmax(pennies, 0).value, minmax(pennies, 0, mixed=False).value
    (Fraction(0, 1), Fraction(1, 1))
    """
    if not isinstance(stage, NormalFormGame):
        raise ParameterError(f"minmax needs a NormalFormGame stage game, got {type(stage).__name__}")
    if stage.is_symbolic:
        raise UnsupportedGameError("minmax needs numeric payoffs; substitute values with stage.subs(...) first")
    if not isinstance(mixed, bool):
        raise ParameterError(f"mixed must be True or False, got {mixed!r}")
    players = range(stage.n_players) if player is None else [_player(stage, player)]
    out = tuple(_mixed(stage, i, options) if mixed and stage.n_players > 1 else _pure(stage, i) for i in players)
    return out if player is None else out[0]


def minmax_point(stage: NormalFormGame, *, mixed: bool = True, **options: Any) -> tuple[Any, ...]:
    """The vector of minmax values, one per player."""
    values = minmax(stage, mixed=mixed, **options)
    assert isinstance(values, tuple)
    return tuple(v.value for v in values)
