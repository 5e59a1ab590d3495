"""What the strategic-form solvers return: one Nash equilibrium, and the set of them with its guarantees."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np

from trigame._numbers import format_number, to_float
from trigame._numbers import is_zero as _is_zero
from trigame.errors import ParameterError
from trigame.games._pickling import reduce_fields

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame, Profile

__all__ = ["Equilibrium", "EquilibriumSet", "ResultSet", "choices_label"]

T = TypeVar("T")


def _json_number(value: Any) -> Any:
    """Fractions as "p/q" strings (exact), floats as floats, SymPy as strings."""
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, (float, np.floating)):
        return float(value)
    return str(value)


class Equilibrium:
    """One Nash equilibrium (or, for a symbolic game, one candidate with its condition).

    Attributes
    ----------
    strategies : tuple of numpy.ndarray
        One probability vector per player (Fractions for exact games, floats
        for float games, SymPy expressions for symbolic games).
    payoffs : tuple
        Expected payoff of each player.
    players, labels : tuple
        Player names and strategy labels of the game it belongs to.
    condition : sympy boolean or True
        For a symbolic game, the condition on the parameters under which this
        profile is an equilibrium; ``True`` for numeric games.
    exact : bool
        True when the probabilities are exact rationals.  An exact game can have
        equilibria with irrational probabilities; the polynomial solver returns
        those as verified floats with ``exact=False``.
    """

    __slots__ = ("condition", "exact", "labels", "payoffs", "players", "strategies")
    strategies: tuple[np.ndarray, ...]
    payoffs: tuple[Any, ...]
    players: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...]
    condition: Any
    exact: bool

    def __init__(
        self,
        strategies: Sequence[np.ndarray],
        payoffs: Sequence[Any],
        players: Sequence[str],
        labels: Sequence[Sequence[str]],
        condition: Any = True,
        exact: bool | None = None,
    ) -> None:
        vectors = []
        for v in strategies:
            # a copy, read-only (np.array of an ndarray copies it with its dtype)
            v = v.copy() if type(v) is np.ndarray else np.array(v, dtype=v.dtype if isinstance(v, np.ndarray) else None)
            v.flags.writeable = False
            vectors.append(v)
        if exact is None:
            exact = all(isinstance(x, Fraction) for v in vectors for x in v.tolist())
        self._fill(tuple(vectors), payoffs, players, labels, condition, exact)

    def _fill(self, strategies: tuple[np.ndarray, ...], payoffs: Sequence[Any], players: Sequence[str],
              labels: Sequence[Sequence[str]], condition: Any, exact: Any) -> None:
        """Set the fields (``strategies``: read-only arrays this equilibrium owns)."""
        setattr_ = object.__setattr__
        setattr_(self, "strategies", strategies)
        setattr_(self, "payoffs", tuple(payoffs))
        setattr_(self, "players", tuple(players))
        if type(labels) is not tuple or not all(type(s) is tuple for s in labels):
            labels = tuple(tuple(s) for s in labels)
        setattr_(self, "labels", labels)
        setattr_(self, "condition", condition)
        setattr_(self, "exact", bool(exact))

    @classmethod
    def _owning(cls, strategies: tuple[np.ndarray, ...], payoffs: Sequence[Any], players: Sequence[str],
                labels: Sequence[Sequence[str]], *, exact: bool, condition: Any = True) -> Equilibrium:
        """An equilibrium that takes ``strategies`` as they are: new arrays nobody else holds, made read-only here.

        For solvers that build many equilibria from vectors they have just computed; it skips
        the copies :meth:`__init__` makes and gives the same object otherwise.
        """
        for v in strategies:
            v.flags.writeable = False
        eq = cls.__new__(cls)
        eq._fill(strategies, payoffs, players, labels, condition, exact)
        return eq

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Equilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @classmethod
    def from_profile(cls, game: NormalFormGame, profile: Profile, condition: Any = True,
                     exact: bool | None = None) -> Equilibrium:
        """Build an equilibrium of ``game`` from a profile, computing the payoffs."""
        vectors = game.profile(profile)
        return cls(vectors, game.expected_payoffs(vectors), game.players, game.strategies, condition, exact)

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        return tuple(tuple(k for k, p in enumerate(v.tolist()) if not _is_zero(p)) for v in self.strategies)

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy label: probability}}``."""
        rows = zip(self.players, self.labels, self.strategies)
        return {player: dict(zip(labels, v.tolist())) for player, labels, v in rows}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: probabilities per player and strategy, payoffs, exactness."""
        out: dict[str, Any] = {
            "strategies": {
                player: {label: _json_number(p) for label, p in zip(labels, v.tolist())}
                for player, labels, v in zip(self.players, self.labels, self.strategies)
            },
            "payoffs": {player: _json_number(u) for player, u in zip(self.players, self.payoffs)},
            "exact": self.exact,
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def isclose(self, other: Equilibrium | Profile, tol: float = 1e-9) -> bool:
        """True when ``other`` has the same probabilities up to ``tol`` (exactly, if both are exact)."""
        vectors = other.strategies if isinstance(other, Equilibrium) else other
        if len(vectors) != len(self.strategies):
            return False
        for mine, theirs in zip(self.strategies, vectors):
            theirs = list(theirs)
            if len(theirs) != len(mine):
                return False
            for a, b in zip(mine.tolist(), theirs):
                if isinstance(a, Fraction) and isinstance(b, (Fraction, int)):
                    if a != b:
                        return False
                elif abs(to_float(a) - to_float(b)) > tol:
                    return False
        return True

    def label(self, number: Callable[[Any], str] | None = None) -> str:
        """A readable one-line label, e.g. ``"Japan: Cooperate, South Korea: Cooperate"``; ``number`` writes a
        mixed strategy's probabilities (default: :func:`~trigame._numbers.format_number` to 4 digits)."""
        number = _formatter(number)
        parts = []
        for player, labels, v in zip(self.players, self.labels, self.strategies):
            used = [(lab, p) for lab, p in zip(labels, v.tolist()) if not _is_zero(p)]
            if len(used) == 1:
                parts.append(f"{player}: {used[0][0]}")
            else:
                parts.append(f"{player}: " + " + ".join(f"{number(p)} {lab}" for lab, p in used))
        return ", ".join(parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return (
            self.players == other.players
            and self.labels == other.labels
            and all(a.tolist() == b.tolist() for a, b in zip(self.strategies, other.strategies))
        )

    def __hash__(self) -> int:
        return hash((self.players, tuple(tuple(v.tolist()) for v in self.strategies)))

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"Equilibrium({self.label()}; payoffs ({payoffs}){cond})"


class ResultSet(Sequence[T]):
    """An immutable sequence of equilibria; the shared shell of the solvers' result collections."""

    _equilibria: tuple[T, ...]
    method: str
    complete: bool
    degenerate: bool
    notes: tuple[str, ...]

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._equilibria[index]

    def __len__(self) -> int:
        return len(self._equilibria)

    def __iter__(self) -> Iterator[T]:
        return iter(self._equilibria)

    def _json_fields(self) -> dict[str, Any]:
        """The JSON fields every result set shares: method, guarantees, notes and the equilibria."""
        return {
            "method": self.method,
            "complete": self.complete,
            "degenerate": self.degenerate,
            "notes": list(self.notes),
            "equilibria": [e.to_json() for e in self._equilibria],  # type: ignore[attr-defined]
        }

    def _repr_with(self, flags: Sequence[str]) -> str:
        """The repr every result set shares: a header with ``flags``, one line per equilibrium, the notes."""
        lines = [f"{type(self).__name__}({len(self)} equilibria, {', '.join(flags)})"]
        lines += [f"  [{k}] {e!r}" for k, e in enumerate(self._equilibria)]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


    def _repr_html_(self) -> str:
        """The equilibria as a table with what the solver guarantees, for Jupyter."""
        from trigame._numbers import format_number
        from trigame.games._display import html_table

        count = f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'}"
        flags = [f"method {self.method}", "complete" if self.complete else "NOT guaranteed complete"]
        if self.degenerate:
            flags.append("degenerate (a continuum; extreme points or representatives listed)")
        rows = [[k, e.label(), ", ".join(format_number(u, 6) for u in getattr(e, "payoffs", ()))]  # type: ignore[attr-defined]
                for k, e in enumerate(self._equilibria, start=1)]
        return html_table(["#", "equilibrium", "payoffs"], rows,
                          caption=f"{type(self).__name__}: {count} ({'; '.join(flags)})", notes=self.notes)


def _probability(p: Any) -> str:
    """A probability in a label: exact, or to 4 significant digits."""
    return format_number(p, 4)


def _formatter(number: Callable[[Any], str] | None) -> Callable[[Any], str]:
    """The probability formatter a label uses: ``number``, or :func:`_probability` when None."""
    if number is None:
        return _probability
    if not callable(number):
        raise ParameterError(f"number must be a function writing a probability as text, got {number!r}")
    return number


def choices_label(choices: Mapping[Any, str | Mapping[str, Any]], number: Callable[[Any], str] | None = None) -> str:
    """``"key: action; ..."`` for behaviour ``{information set: action, or {action: probability}}``; ``number``
    writes a probability (default: :func:`~trigame._numbers.format_number` to 4 digits)."""
    number = _formatter(number)
    parts = []
    for key, choice in choices.items():
        if isinstance(choice, str):
            parts.append(f"{key}: {choice}")
        else:
            parts.append(f"{key}: " + " + ".join(f"{number(p)} {a}" for a, p in choice.items()))
    return "; ".join(parts)


class EquilibriumSet(ResultSet[Equilibrium]):
    """The equilibria a solver found, with what it guarantees about them.

    Attributes
    ----------
    game : NormalFormGame
        The game that was solved.
    method : str
        The method that ran (``"support"``, ``"polynomial"``, ...).
    complete : bool
        True when the method guarantees that every equilibrium was found -- for
        games with a continuum of equilibria: every extreme equilibrium of every
        component (2 players), or at least one point of every component that is
        reported (N players, see ``notes``).
    degenerate : bool
        True when the game has infinitely many equilibria (a continuum); the set
        then lists the extreme equilibria (2 players) or representatives.
    notes : tuple of str
        Anything the method wants the reader to know (skipped work, numerical
        caveats, continua found).
    game_degenerate : bool or None
        Whether the game is degenerate in von Stengel's sense (some mixed
        strategy with ``k`` strategies in its support has more than ``k`` pure
        best responses), when the method determined it; None otherwise.
    """

    def __init__(
        self,
        equilibria: Sequence[Equilibrium],
        *,
        game: NormalFormGame,
        method: str,
        complete: bool,
        degenerate: bool = False,
        notes: Sequence[str] = (),
        game_degenerate: bool | None = None,
    ) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)
        self.game_degenerate = game_degenerate

    def contains(self, profile: Equilibrium | Profile, tol: float = 1e-9) -> bool:
        """True when one of the equilibria equals ``profile`` (exactly, or up to ``tol``)."""
        if not isinstance(profile, Equilibrium):
            profile = self.game.profile(profile)
        return any(eq.isclose(profile, tol) for eq in self._equilibria)

    def pure(self) -> EquilibriumSet:
        """The pure-strategy equilibria among these."""
        return EquilibriumSet(
            [e for e in self._equilibria if e.is_pure],
            game=self.game,
            method=self.method,
            complete=self.complete,
            degenerate=self.degenerate,
            notes=self.notes,
            game_degenerate=self.game_degenerate,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the schema of ``trigame solve --json``)."""
        return {
            "game": {
                "title": self.game.title,
                "players": list(self.game.players),
                "strategies": [list(s) for s in self.game.strategies],
                "kind": self.game.kind,
            },
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"method={self.method!r}", f"complete={self.complete}"]
        if self.degenerate:
            flags.append("degenerate=True")
        return self._repr_with(flags)
