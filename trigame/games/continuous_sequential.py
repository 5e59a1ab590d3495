"""Continuous choices made in turn: a leader chooses a level, followers observe it and respond.

A :class:`SequentialContinuousGame` is a
:class:`~trigame.games.continuous.ContinuousGame` with an order of moves: a
sequence of stages, each a group of players who choose their levels at the
same time, after observing every level chosen in earlier stages.  A
Stackelberg duopoly is ``order=(("Leader",), ("Follower",))``; a patron that
sets its commitment before two allies choose their contributions is
``order=(("United States",), ("Japan", "South Korea"))``.

The game never solves itself: :func:`trigame.solve.continuous.sequential.sequential_equilibria`
solves it by backward induction.  One stage is the simultaneous game itself.

Examples
--------
>>> from trigame.games.continuous import ContinuousGame
>>> cournot = ContinuousGame(
...     ["Leader", "Follower"], {"Leader": (0, None), "Follower": (0, None)},
...     lambda q: [q["Leader"] * (12 - q["Leader"] - q["Follower"]),
...                q["Follower"] * (12 - q["Leader"] - q["Follower"])],
... )
>>> SequentialContinuousGame(cournot, order=(("Leader",), ("Follower",)))
SequentialContinuousGame(Leader -> Follower; exact)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame._numbers import Kind, short_repr
from trigame.errors import GameShapeError, LabelError
from trigame.games._pickling import reduce_fields
from trigame.games.continuous import ContinuousGame

__all__ = ["SequentialContinuousGame"]


def _check_order(order: Any, players: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    if isinstance(order, (str, bytes)) or not isinstance(order, Sequence) or not order:
        raise GameShapeError(f"order must be a non-empty sequence of stages (tuples of players), "
                             f"got {short_repr(order)}")
    stages = []
    seen: list[str] = []
    for stage in order:
        if isinstance(stage, str):
            stage = (stage,)  # a single name is a one-player stage
        if not isinstance(stage, Sequence) or not stage:
            raise GameShapeError(f"each stage must be a non-empty tuple of players, got {short_repr(stage)}")
        names = []
        for name in stage:
            if not isinstance(name, str) or name not in players:
                raise LabelError(f"unknown player {short_repr(name)} in the order; the players are {list(players)}")
            if name in seen or name in names:
                raise LabelError(f"{name!r} moves twice in the order; each player chooses one level once")
            names.append(name)
        seen.extend(names)
        stages.append(tuple(names))
    missing = [p for p in players if p not in seen]
    if missing:
        raise LabelError(f"the order leaves out {missing}; every player must move in some stage")
    return tuple(stages)


class SequentialContinuousGame:
    """A continuous game played in stages: each stage observes the levels chosen before it.

    Parameters
    ----------
    game : ContinuousGame
        The players, their intervals and their payoffs.
    order : sequence of stages
        Each stage a tuple of player names (a bare name is a one-player stage);
        every player appears exactly once.
    title : str, optional
        Defaults to the game's title.

    Raises
    ------
    GameShapeError, LabelError
        When ``game`` is not a ContinuousGame, a stage is empty, a name is
        unknown, repeated or missing.
    """

    __slots__ = ("_game", "_order", "_title")
    _game: ContinuousGame
    _order: tuple[tuple[str, ...], ...]
    _title: str

    def __init__(self, game: ContinuousGame, order: Sequence[Sequence[str]], *, title: str | None = None) -> None:
        if not isinstance(game, ContinuousGame):
            raise GameShapeError(f"a sequential game is built on a ContinuousGame, got {type(game).__name__}")
        if title is not None and not isinstance(title, str):
            raise LabelError("title must be a string")
        object.__setattr__(self, "_game", game)
        object.__setattr__(self, "_order", _check_order(order, game.players))
        object.__setattr__(self, "_title", game.title if title is None else title)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("SequentialContinuousGame is immutable")

    @property
    def game(self) -> ContinuousGame:
        """The underlying simultaneous game (the Nash benchmark)."""
        return self._game

    @property
    def order(self) -> tuple[tuple[str, ...], ...]:
        """The stages, first movers first."""
        return self._order

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in the game's order."""
        return self._game.players

    @property
    def leaders(self) -> tuple[str, ...]:
        """The players of the first stage."""
        return self._order[0]

    @property
    def followers(self) -> tuple[str, ...]:
        """The players of every later stage, in order of moves."""
        return tuple(p for stage in self._order[1:] for p in stage)

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"`` (the game's)."""
        return self._game.kind

    @property
    def parameters(self) -> tuple[Any, ...]:
        """The game's free parameters."""
        return self._game.parameters

    @property
    def variables(self) -> dict[str, Any]:
        """``{player: sympy.Symbol}``: the symbol of each player's level."""
        return self._game.variables

    @property
    def title(self) -> str:
        """The title."""
        return self._title

    def stage_of(self, player: str) -> int:
        """The stage (0 for the first movers) in which ``player`` moves."""
        for k, stage in enumerate(self._order):
            if player in stage:
                return k
        raise LabelError(f"unknown player {short_repr(player)}; the players are {list(self.players)}")

    def subgame(self, stage: int = 1) -> ContinuousGame:
        """The continuous game of the players moving from ``stage`` on, earlier levels left as parameters.

        The earlier players' level symbols (``game.variables``) become free
        parameters of the subgame, so its equilibria are functions of them.
        """
        if isinstance(stage, bool) or not isinstance(stage, int) or not 0 <= stage < len(self._order):
            raise GameShapeError(f"stage must be an integer from 0 to {len(self._order) - 1}, got {short_repr(stage)}")
        movers = [p for s in self._order[stage:] for p in s]
        movers.sort(key=self.players.index)
        bounds = self._game.strategies
        payoffs = {p: self._game.payoff(p) for p in movers}
        return ContinuousGame(movers, {p: bounds[p] for p in movers}, payoffs,
                              title=f"{self._title} (from stage {stage + 1})" if self._title else "")

    def subs(self, values: Mapping[Any, Any]) -> SequentialContinuousGame:
        """The game with parameters replaced by numbers (see :meth:`ContinuousGame.subs`)."""
        return SequentialContinuousGame(self._game.subs(values), self._order, title=self._title)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SequentialContinuousGame):
            return NotImplemented
        return self._game == other._game and self._order == other._order

    def __hash__(self) -> int:
        return hash((self._game, self._order))

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def __repr__(self) -> str:
        title = f" {self._title!r}" if self._title else ""
        stages = " -> ".join(", ".join(stage) for stage in self._order)
        return f"SequentialContinuousGame{title}({stages}; {self.kind})"
