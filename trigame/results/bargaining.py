"""What the bargaining solvers return: bargaining equilibria (piece by piece) and the bargaining range."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from trigame._numbers import format_number
from trigame._numbers import is_zero as _is_zero
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number

__all__ = ["BargainingEquilibrium", "BargainingEquilibriumSet", "BargainingRange"]


def _json_condition(condition: Any) -> Any:
    return True if condition is True else str(condition)


class BargainingEquilibrium:
    """One subgame-perfect equilibrium of a bargaining game (for a symbolic game: one piece, with its condition).

    Attributes
    ----------
    shares : dict
        ``{player: share of the pie}`` in the division the first proposer
        offers (the agreement, when it is accepted).
    acceptance : dict
        ``{player: the least share it accepts when it responds}``.  In Fearon's
        model with a private cost the responder's threshold depends on its type
        and is given by ``cutoff`` instead.
    cutoff : number, expression or None
        Fearon's model with a private cost: the responder accepts the offer if
        and only if its cost of war is at least ``cutoff``.
    war_probability : number or expression
        The probability that bargaining breaks down (war, or disagreement); 0
        when the first offer is accepted for sure.
    payoffs : tuple
        Each player's (ex-ante expected) payoff, in player order.
    condition : sympy boolean or True
        For a symbolic game, the condition on the parameters under which this
        piece is the equilibrium; ``True`` for numeric games.
    game : the bargaining game it belongs to.
    """

    __slots__ = ("acceptance", "condition", "cutoff", "game", "payoffs", "shares", "war_probability")
    shares: Mapping[str, Any]
    acceptance: Mapping[str, Any]
    cutoff: Any
    war_probability: Any
    payoffs: tuple[Any, ...]
    condition: Any
    game: Any

    def __init__(self, game: Any, shares: Mapping[str, Any], payoffs: Sequence[Any], *,
                 acceptance: Mapping[str, Any] | None = None, cutoff: Any = None, war_probability: Any = 0,
                 condition: Any = True) -> None:
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "shares", MappingProxyType(dict(shares)))
        object.__setattr__(self, "acceptance", MappingProxyType(dict(acceptance or {})))
        object.__setattr__(self, "cutoff", cutoff)
        object.__setattr__(self, "war_probability", war_probability)
        object.__setattr__(self, "payoffs", tuple(payoffs))
        object.__setattr__(self, "condition", condition)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BargainingEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def label(self) -> str:
        """A one-line label, e.g. ``"A: 10/19, B: 9/19"`` (with the war probability when it is not 0)."""
        text = ", ".join(f"{player}: {format_number(share, 4)}" for player, share in self.shares.items())
        if not _is_zero(self.war_probability):
            text += f"; war with probability {format_number(self.war_probability, 4)}"
        return text

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (Fractions as ``"p/q"`` strings, SymPy expressions as strings)."""
        out: dict[str, Any] = {
            "shares": {k: _json_number(v) for k, v in self.shares.items()},
            "acceptance": {k: _json_number(v) for k, v in self.acceptance.items()},
            "war_probability": _json_number(self.war_probability),
            "payoffs": {p: _json_number(u) for p, u in zip(self.game.players, self.payoffs)},
        }
        if self.cutoff is not None:
            out["cutoff"] = _json_number(self.cutoff)
        if self.condition is not True:
            out["condition"] = _json_condition(self.condition)
        return out

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"BargainingEquilibrium({self.label()}; payoffs ({payoffs}){cond})"


class BargainingEquilibriumSet(ResultSet[BargainingEquilibrium]):
    """The subgame-perfect equilibria of a bargaining game, piece by piece for a symbolic game.

    Attributes
    ----------
    game : the bargaining game that was solved.
    method : str
        ``"rubinstein"``, ``"backward induction"``, ``"ultimatum"``, ``"fearon"``
        or ``"fearon risk-return"``.
    complete : bool
        True: each of these games has a unique subgame-perfect outcome, and for a
        symbolic game the pieces' conditions cover the parameter space.
    degenerate : bool
        Always False (no continuum of equilibrium outcomes).
    notes : tuple of str
        The assumptions each result rests on (tie-breaking, parameter domains).
    """

    def __init__(self, equilibria: Sequence[BargainingEquilibrium], *, game: Any, method: str, complete: bool = True,
                 notes: Sequence[str] = ()) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        self.degenerate = False
        self.notes = tuple(notes)

    def piecewise(self, attribute: str, player: str | None = None) -> Any:
        """One quantity over all pieces as a SymPy ``Piecewise`` (or the number itself when there is one piece).

        Parameters
        ----------
        attribute : {"shares", "acceptance", "war_probability", "cutoff", "payoffs"}
        player : str, optional
            The player, for ``shares``, ``acceptance`` and ``payoffs``.
        """
        allowed = ("shares", "acceptance", "war_probability", "cutoff", "payoffs")
        if attribute not in allowed:
            from trigame.errors import ParameterError

            raise ParameterError(f"unknown attribute {attribute!r}; choose one of {', '.join(allowed)}")

        def value(eq: BargainingEquilibrium) -> Any:
            raw = getattr(eq, attribute)
            if attribute == "payoffs":
                return raw[self.game.players.index(player)] if player in self.game.players else _bad(player)
            if attribute in ("shares", "acceptance"):
                return raw[player] if player in raw else _bad(player)
            return raw

        values = [value(eq) for eq in self._equilibria]
        if len(values) == 1 and self._equilibria[0].condition is True:
            return values[0]
        import sympy

        from trigame._numbers import to_sympy

        return sympy.Piecewise(*[(to_sympy(v), eq.condition) for v, eq in zip(values, self._equilibria)])

    def summary(self) -> str:
        """A few readable lines: each piece with its condition, then the notes."""
        return repr(self)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (schema ``trigame.bargaining-equilibria/1``): the game, guarantees, each equilibrium."""
        game = {"type": type(self.game).__name__, "title": self.game.title, "players": list(self.game.players),
                "kind": self.game.kind}
        return {"schema": "trigame.bargaining-equilibria/1", "game": game, **self._json_fields()}

    def __repr__(self) -> str:
        return self._repr_with([f"method={self.method!r}", f"complete={self.complete}"])


def _bad(player: Any) -> Any:
    from trigame.errors import ParameterError

    raise ParameterError(f"name a player of the game, got {player!r}")


class BargainingRange:
    """The set of divisions both sides prefer to war: ``[low, high]``, the first player's share.

    Attributes
    ----------
    low, high : number or expression
        The ends of the range (Fearon 1995: ``max(0, p - cost_a)`` and
        ``min(1, p + cost_b)``).
    condition : sympy boolean or True
        When the range is non-empty (always, with non-negative costs).
    """

    __slots__ = ("condition", "game", "high", "low")
    low: Any
    high: Any
    condition: Any
    game: Any

    def __init__(self, game: Any, low: Any, high: Any, condition: Any = True) -> None:
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "condition", condition)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BargainingRange is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def contains(self, share: Any) -> Any:
        """Whether a division (the first player's share) lies in the range: a bool, or a SymPy condition."""
        from trigame._numbers import classify

        classify(share, "a share")
        if self.game.kind != "symbolic" and not hasattr(share, "free_symbols"):
            return bool(self.low <= share <= self.high)
        import sympy

        from trigame._numbers import to_sympy

        return sympy.And(sympy.Le(to_sympy(self.low), to_sympy(share)), sympy.Le(to_sympy(share), to_sympy(self.high)))

    @property
    def width(self) -> Any:
        """``high - low``."""
        return self.high - self.low

    def to_json(self) -> dict[str, Any]:
        """``{"low": ..., "high": ...}`` (and the condition when it is not True)."""
        out = {"low": _json_number(self.low), "high": _json_number(self.high)}
        if self.condition is not True:
            out["condition"] = _json_condition(self.condition)
        return out

    def label(self) -> str:
        """``"[low, high]"``."""
        return f"[{format_number(self.low)}, {format_number(self.high)}]"

    def __repr__(self) -> str:
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"BargainingRange({self.label()} of {self.game.players[0]}'s share{cond})"
