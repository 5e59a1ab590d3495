"""What :func:`trigame.solve.continuous.sequential.sequential_equilibria` returns: subgame-perfect levels.

A :class:`SequentialEquilibrium` is one subgame-perfect equilibrium of a
:class:`~trigame.games.continuous_sequential.SequentialContinuousGame`: the
levels played on the path, and each follower's strategy off the path -- its
response to every level of the leader, piecewise.
:class:`SequentialEquilibriumSet` collects them with the leader's optimal set,
reported exactly (a point, several points, or an interval).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame._numbers import format_number
from trigame.games._pickling import reduce_fields
from trigame.results.continuous import _plain
from trigame.results.equilibrium import ResultSet, _json_number

__all__ = ["SequentialEquilibrium", "SequentialEquilibriumSet"]


class SequentialEquilibrium:
    """One subgame-perfect equilibrium of a sequential continuous game (for a symbolic game: one piece).

    Attributes
    ----------
    strategies : dict
        ``{player: level}`` on the equilibrium path.
    responses : dict
        ``{follower: tuple of (level, condition)}``: the follower's strategy, a
        function of the leader's level (the symbol ``game.variables[leader]``),
        piece by piece; where pieces overlap the follower is indifferent and
        the equilibrium picks the level shown in ``strategies``.
    payoffs : tuple
        Each player's payoff on the path, in player order.
    condition : sympy boolean or True
        For a symbolic game, the condition on the parameters under which this
        piece is the equilibrium; ``True`` for numeric games.
    game : SequentialContinuousGame
    """

    __slots__ = ("condition", "game", "payoffs", "responses", "strategies")
    condition: Any
    game: Any
    payoffs: tuple[Any, ...]
    responses: dict[str, tuple[tuple[Any, Any], ...]]
    strategies: dict[str, Any]

    def __init__(self, game: Any, strategies: Mapping[str, Any], payoffs: Sequence[Any], *,
                 responses: Mapping[str, Sequence[tuple[Any, Any]]], condition: Any = True) -> None:
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "strategies", {p: _plain(strategies[p]) for p in game.players})
        object.__setattr__(self, "payoffs", tuple(_plain(u) for u in payoffs))
        object.__setattr__(self, "responses", {f: tuple(pieces) for f, pieces in responses.items()})
        object.__setattr__(self, "condition", condition)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("SequentialEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return tuple(self.game.players)

    def response(self, follower: str) -> Any:
        """The follower's strategy as a SymPy ``Piecewise`` in the leader's level."""
        import sympy

        from trigame._numbers import to_sympy

        if follower not in self.responses:
            from trigame.errors import LabelError

            raise LabelError(f"{follower!r} is not a follower; the followers are {list(self.responses)}")
        return sympy.Piecewise(*((to_sympy(level), cond) for level, cond in self.responses[follower]))

    def label(self) -> str:
        """``"Leader: 6, Follower: 3"``: the levels on the path, in order of moves."""
        order = [p for stage in self.game.order for p in stage]
        return ", ".join(f"{p}: {format_number(self.strategies[p])}" for p in order)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: path levels, payoffs, the followers' strategies and the condition."""
        out: dict[str, Any] = {
            "strategies": {p: _json_number(v) for p, v in self.strategies.items()},
            "payoffs": {p: _json_number(u) for p, u in zip(self.players, self.payoffs)},
            "responses": {f: [{"level": _json_number(_plain(level)), "condition": str(cond)} for level, cond in pieces]
                          for f, pieces in self.responses.items()},
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"SequentialEquilibrium({self.label()}; payoffs ({payoffs}){cond})"


class SequentialEquilibriumSet(ResultSet[SequentialEquilibrium]):
    """The subgame-perfect equilibria of a sequential continuous game, with the leader's optimal set.

    Attributes
    ----------
    game : SequentialContinuousGame
    method : str
        ``"backward induction"``.
    complete : bool
        True when the followers' responses were found completely and every
        candidate of the leader's problem (stationary points on each piece, piece
        boundaries, interval ends) was examined.
    degenerate : bool
        True when the leader's optimal set contains an interval; the equilibria
        then list its ends, and ``optimal_set`` gives it exactly.
    optimal_set : dict
        ``{leader: sympy.Set}``: every optimal level of the leader (numeric
        games): a ``FiniteSet``, an ``Interval`` or their union.  Empty for
        symbolic games (each piece states its own level).
    notes : tuple of str
    """

    def __init__(self, equilibria: Sequence[SequentialEquilibrium], *, game: Any, method: str, complete: bool,
                 degenerate: bool = False, optimal_set: Mapping[str, Any] | None = None,
                 notes: Sequence[str] = ()) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.optimal_set = dict(optimal_set or {})
        self.notes = tuple(notes)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (schema ``trigame.sequential-continuous-equilibria/1``)."""
        game = self.game
        return {
            "schema": "trigame.sequential-continuous-equilibria/1",
            "game": {"title": game.title, "players": list(game.players), "order": [list(s) for s in game.order],
                     "kind": game.kind},
            "optimal_set": {p: str(s) for p, s in self.optimal_set.items()},
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"method={self.method!r}", f"complete={self.complete}"]
        if self.degenerate:
            flags.append("degenerate=True")
        for leader, values in self.optimal_set.items():
            flags.append(f"{leader} optimal on {values}")
        return self._repr_with(flags)
