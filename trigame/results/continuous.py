"""What the continuous-game solvers return: equilibrium levels, their conditions, and best responses.

A :class:`ContinuousEquilibrium` is one profile of levels (numbers, or SymPy
expressions in the parameters for a symbolic game) with the condition on the
parameters under which it is an equilibrium, which constraint binds for each
player (``"interior"``, ``"lower"`` or ``"upper"``: who contributes and who
free-rides), and how each player's global best response was proved.
:class:`ContinuousEquilibriumSet` collects them with the solver's guarantees,
and :class:`BestResponse` is one player's best-response correspondence, piece
by piece.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from trigame._numbers import format_number, to_sympy
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = ["BINDINGS", "BestResponse", "ContinuousEquilibrium", "ContinuousEquilibriumSet"]

#: What can bind for one player's level.
BINDINGS = ("interior", "lower", "upper")


def _plain(value: Any) -> Any:
    """A SymPy rational as a Fraction, a SymPy float as a float; anything else as it is (box levels entrywise)."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    is_rational = getattr(value, "is_Rational", False)
    if is_rational:
        return Fraction(int(value.p), int(value.q))
    if getattr(value, "is_Float", False):
        return float(value)
    return value


def _entries(value: Any) -> list[Any]:
    """The numbers of a level: one for an interval, one per coordinate for a box."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return list(value.values())
    return [value]


def _map(value: Any, func: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(func(v) for v in value)
    if isinstance(value, dict):
        return {k: func(v) for k, v in value.items()}
    return func(value)


def _bounds(pair: tuple[Any, Any]) -> list[str | None]:
    return [None if b is None else str(b) for b in pair]


def _format(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(format_number(v) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {format_number(v)}" for k, v in value.items()) + "}"
    return format_number(value)


class ContinuousEquilibrium:
    """One Nash equilibrium of a :class:`~trigame.games.continuous.ContinuousGame`.

    Attributes
    ----------
    strategies : dict
        ``{player: level}``: Fractions (exact games), floats (float games), SymPy
        numbers (irrational exact levels) or SymPy expressions (symbolic games).
    payoffs : tuple
        Each player's payoff at the profile, in player order.
    condition : sympy boolean or True
        The condition on the parameters under which this profile is an
        equilibrium (the piece of the parameter space where it holds).
    binding : dict
        ``{player: "interior" | "lower" | "upper"}``: which bound holds the level.
    certificate : dict
        ``{player: str}``: how the level was proved a global best response.
    game : ContinuousGame
    """

    __slots__ = ("binding", "certificate", "condition", "game", "payoffs", "strategies")
    game: ContinuousGame
    strategies: dict[str, Any]
    payoffs: tuple[Any, ...]
    condition: Any
    binding: dict[str, str]
    certificate: dict[str, str]

    def __init__(
        self,
        game: ContinuousGame,
        strategies: Mapping[str, Any],
        payoffs: Sequence[Any],
        *,
        condition: Any = True,
        binding: Mapping[str, str],
        certificate: Mapping[str, str],
    ) -> None:
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "strategies", {p: _plain(strategies[p]) for p in game.players})
        object.__setattr__(self, "payoffs", tuple(_plain(u) for u in payoffs))
        object.__setattr__(self, "condition", condition)
        object.__setattr__(self, "binding", {p: binding[p] for p in game.players})
        object.__setattr__(self, "certificate", {p: certificate[p] for p in game.players})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ContinuousEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self.game.players

    def regime(self) -> str:
        """The binding pattern in words: who is at a bound and who is interior."""
        groups: dict[str, list[str]] = {b: [] for b in BINDINGS}
        for player, binding in self.binding.items():
            names = self.game.coordinates[player] if hasattr(self.game, "coordinates") else (player,)
            for name, side in zip(names, _entries(binding)):
                groups[side].append(name)
        parts = []
        if groups["interior"]:
            parts.append("interior: " + ", ".join(groups["interior"]))
        if groups["lower"]:
            parts.append("at lower bound: " + ", ".join(groups["lower"]))
        if groups["upper"]:
            parts.append("at upper bound: " + ", ".join(groups["upper"]))
        return "; ".join(parts)

    def label(self) -> str:
        """A readable one-line label, e.g. ``"Firm 1: 3, Firm 2: 3"``."""
        return ", ".join(f"{p}: {_format(v)}" for p, v in self.strategies.items())

    def float_levels(self) -> dict[str, Any]:
        """The levels as floats (numeric equilibria only; tuples or dicts of floats for boxes)."""
        return {p: _map(v, float) for p, v in self.strategies.items()}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: levels, payoffs, binding pattern, certificate and condition."""
        out: dict[str, Any] = {
            "strategies": {p: _map(v, _json_number) for p, v in self.strategies.items()},
            "payoffs": {p: _json_number(u) for p, u in zip(self.players, self.payoffs)},
            "binding": {p: list(b) if isinstance(b, tuple) else b for p, b in self.binding.items()},
            "certificate": dict(self.certificate),
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContinuousEquilibrium):
            return NotImplemented
        return self.game == other.game and self.strategies == other.strategies and self.condition == other.condition

    def __hash__(self) -> int:
        return hash((self.game.players, tuple(map(str, self.strategies.values()))))

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"ContinuousEquilibrium({self.label()}; payoffs ({payoffs}); {self.regime()}{cond})"


class ContinuousEquilibriumSet(ResultSet[ContinuousEquilibrium]):
    """The equilibria of a continuous game, with what the solver guarantees.

    Attributes
    ----------
    game : ContinuousGame
    method : str
        ``"kkt"`` (exact or symbolic solution of every binding pattern's
        stationarity system) or ``"numeric"`` (SciPy root finding from a grid of starts).
    complete : bool
        True when every equilibrium was found: every binding pattern's
        stationarity system was solved completely (polynomial systems; for a
        symbolic game, at generic parameter values -- see ``notes``) and every
        candidate was proved a global best response.
    degenerate : bool
        True when some binding pattern has a continuum of solutions (not listed; see ``notes``).
    notes : tuple of str
    """

    def __init__(
        self,
        equilibria: Sequence[ContinuousEquilibrium],
        *,
        game: ContinuousGame,
        method: str,
        complete: bool,
        degenerate: bool = False,
        notes: Sequence[str] = (),
    ) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)

    def contains(self, levels: Mapping[str, Any], tol: float = 1e-9) -> bool:
        """True when one of the (numeric) equilibria has these levels, up to ``tol``."""
        for eq in self._equilibria:
            try:
                if all(abs(float(a) - float(b)) <= tol for p in self.game.players
                       for a, b in zip(_entries(eq.strategies[p]), _entries(levels[p]), strict=True)):
                    return True
            except (TypeError, ValueError):
                continue
        return False

    def summary(self) -> str:
        """A few readable lines: who is interior and who at a bound, the levels, the condition; then the notes."""
        head = f"{len(self)} equilibria of {self.game.title or 'the continuous game'}"
        lines = [head + ("" if self.complete else " (not proved complete)")]
        for eq in self._equilibria:
            lines.append(f"  {eq.regime()}")
            lines.append(f"    levels: {eq.label()}")
            if eq.condition is not True:
                lines.append(f"    if {eq.condition}")
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (schema ``trigame.continuous-equilibria/1``)."""
        game = self.game
        return {
            "schema": "trigame.continuous-equilibria/1",
            "game": {
                "title": game.title,
                "players": list(game.players),
                "strategies": {p: _map(game.strategies[p], _bounds) if isinstance(game.strategies[p], dict)
                               or isinstance(game.strategies[p][0], tuple) else _bounds(game.strategies[p])
                               for p in game.players},
                "kind": game.kind,
            },
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"method={self.method!r}", f"complete={self.complete}"]
        if self.degenerate:
            flags.append("degenerate=True")
        return self._repr_with(flags)


class BestResponse:
    """One player's best-response correspondence against fixed levels of the others.

    Attributes
    ----------
    player : str
    pieces : tuple of (level, condition)
        Each piece is a best-response level and the condition (True, or a SymPy
        boolean in the parameters and the others' levels) under which it is a
        best response.  Where several pieces hold at once the player is
        indifferent between them (ties are kept).
    certificate : str
        How the pieces were proved global maximisers.
    """

    __slots__ = ("certificate", "pieces", "player")
    player: str
    pieces: tuple[tuple[Any, Any], ...]
    certificate: str

    def __init__(self, player: str, pieces: Sequence[tuple[Any, Any]], certificate: str) -> None:
        object.__setattr__(self, "player", player)
        object.__setattr__(self, "pieces", tuple((_plain(level), cond) for level, cond in pieces))
        object.__setattr__(self, "certificate", certificate)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BestResponse is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def levels(self) -> tuple[Any, ...]:
        """The best-response levels whose condition is True (numeric best responses)."""
        return tuple(level for level, cond in self.pieces if cond is True or cond == True)  # noqa: E712

    def piecewise(self) -> Any:
        """The correspondence as a SymPy ``Piecewise`` (the first piece that holds, where pieces overlap)."""
        import sympy

        return sympy.Piecewise(*((to_sympy(level), cond) for level, cond in self.pieces))

    def __repr__(self) -> str:
        pieces = "; ".join(f"{format_number(level)}" + ("" if cond is True else f" if {cond}")
                           for level, cond in self.pieces)
        return f"BestResponse({self.player}: {pieces})"
