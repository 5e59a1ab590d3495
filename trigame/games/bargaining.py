"""Bargaining games: alternating offers (Rubinstein 1982), the ultimatum game, and Fearon's (1995) crisis bargaining.

Each class is an immutable value that validates its numbers and never solves
itself; :func:`trigame.solve.bargaining.bargaining_equilibria` solves all three.
A pie of size ``pie`` (1 by default) is divided between two players:

* :class:`AlternatingOffers` -- the players take turns proposing a division;
  the responder accepts (agreement) or rejects, and after a rejection the
  roles swap one period later.  Payoffs are discounted by ``discounts[i]`` per
  period.  ``horizon=None`` is Rubinstein's infinite game; a finite ``horizon``
  ends in disagreement (both get 0) after that many rejected offers.
* :class:`UltimatumGame` -- one take-it-or-leave-it offer; a rejection gives
  each player its disagreement payoff.
* :class:`FearonBargaining` -- the bargaining model of war: the first player
  proposes a division ``x`` (its own share); the second accepts or fights.  War
  gives the first player ``p - cost_a`` and the second ``1 - p - cost_b``.  The
  second player's cost may be private: :class:`UniformCost` makes it uniformly
  distributed, and the first player faces the risk--return trade-off.

Numbers follow :class:`trigame.NormalFormGame`: ints and Fractions give an
exact game, floats a float game, SymPy expressions a symbolic game.  No string
is ever read as a number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame._numbers import Kind, classify, combine, convert, format_number, short_repr, to_float
from trigame.errors import LabelError, ParameterError

__all__ = ["AlternatingOffers", "FearonBargaining", "UltimatumGame", "UniformCost"]

#: Largest finite horizon of alternating offers (backward induction takes one step per period).
MAX_HORIZON = 100_000


def _players(players: Any) -> tuple[str, str]:
    if isinstance(players, (str, bytes)) or not isinstance(players, Sequence) or len(players) != 2:
        raise LabelError(f"players must be two names, got {short_repr(players)}")
    a, b = players
    if not isinstance(a, str) or not isinstance(b, str) or not a or not b:
        raise LabelError(f"players must be non-empty strings, got {short_repr(players)}")
    if a == b:
        raise LabelError(f"the two players must have different names, got {a!r} twice")
    return a, b


def _number(value: Any, what: str, *, low: Any = None, high: Any = None, open_low: bool = False,
            open_high: bool = False) -> tuple[Any, Kind]:
    """A validated scalar and its kind; numeric values are checked against ``[low, high]`` (or open ends)."""
    kind = classify(value, what)
    if kind != "symbolic":
        number = to_float(value)
        below = low is not None and (number <= low if open_low else number < low)
        above = high is not None and (number >= high if open_high else number > high)
        if below or above:
            left = "(" if open_low else "["
            right = ")" if open_high else "]"
            lo = "-inf" if low is None else format_number(low)
            hi = "inf" if high is None else format_number(high)
            raise ParameterError(f"{what} must lie in {left}{lo}, {hi}{right}, got {short_repr(value)}")
    return value, kind


def _store(values: Mapping[str, Any], kinds: Sequence[Kind]) -> tuple[dict[str, Any], Kind]:
    kind = combine(kinds)
    return {name: convert(v, kind) for name, v in values.items()}, kind


class _Bargaining:
    """Shared shell: players, the kind of numbers, ``subs`` and the symbols."""

    players: tuple[str, str]
    kind: Kind
    title: str
    _values: dict[str, Any]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _init(self, players: Any, values: Mapping[str, Any], kinds: Sequence[Kind], title: str) -> None:
        if not isinstance(title, str):
            raise LabelError(f"title must be a string, got {short_repr(title)}")
        stored, kind = _store(values, kinds)
        object.__setattr__(self, "players", _players(players))
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "_values", stored)

    @property
    def parameters(self) -> tuple[Any, ...]:
        """The SymPy symbols the game's numbers contain, sorted by name (empty for numeric games)."""
        if self.kind != "symbolic":
            return ()
        symbols: set[Any] = set()
        for v in self._values.values():
            symbols |= getattr(v, "free_symbols", set())
        return tuple(sorted(symbols, key=str))

    def _substituted(self, values: Mapping[Any, Any]) -> dict[str, Any]:
        if not isinstance(values, Mapping):
            raise ParameterError(f"subs expects a mapping {{symbol: value}}, got {short_repr(values)}")
        by_name = {str(s): s for s in self.parameters}
        table = {}
        for key, value in values.items():
            symbol = by_name.get(key) if isinstance(key, str) else key
            if symbol is None or symbol not in self.parameters:
                raise ParameterError(f"unknown parameter {key!r}; the game's parameters are {sorted(by_name)}")
            classify(value, f"the value of {key}")
            table[symbol] = value
        out = {}
        for name, v in self._values.items():
            out[name] = v.subs(table) if hasattr(v, "subs") else v
        return out

    def _describe(self) -> str:
        return ", ".join(f"{k}={format_number(v)}" for k, v in self._values.items())

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return f"{type(self).__name__}{title}({', '.join(self.players)}; {self._describe()}; {self.kind})"


class AlternatingOffers(_Bargaining):
    """Alternating-offers bargaining over a pie (Rubinstein 1982; Osborne and Rubinstein 1994, ch. 7).

    Parameters
    ----------
    discounts : (number, number)
        The players' discount factors per period, each in (0, 1) (in (0, 1] for
        a finite horizon); numbers or SymPy expressions.
    players : (str, str), default ("A", "B")
        The first proposer, then the first responder.
    pie : number, default 1
        The size of the pie (positive).
    horizon : int or None, default None
        ``None`` for the infinite game; otherwise the number of periods (at most
        :data:`MAX_HORIZON`) after which bargaining ends in disagreement (0, 0).
    title : str, optional

    Raises
    ------
    ParameterError, PayoffTypeError, PayoffValueError, LabelError
        A discount factor outside its interval, a non-positive pie, a horizon that
        is not a positive integer, a value that is not a number (strings
        included), bad player names.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> AlternatingOffers((F(9, 10), F(9, 10)))
    AlternatingOffers(A, B; delta_A=9/10, delta_B=9/10, pie=1; exact)
    """

    horizon: int | None

    def __init__(self, discounts: Sequence[Any], players: Sequence[str] = ("A", "B"), *, pie: Any = 1,
                 horizon: int | None = None, title: str = "") -> None:
        if isinstance(discounts, (str, bytes)) or not isinstance(discounts, Sequence) or len(discounts) != 2:
            raise ParameterError(f"discounts must be two discount factors, one per player, got {short_repr(discounts)}")
        if horizon is not None:
            if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= MAX_HORIZON:
                raise ParameterError(
                    f"horizon must be None (infinite) or an integer from 1 to {MAX_HORIZON}, got {short_repr(horizon)}"
                )
        names = _players(players)
        d1, k1 = _number(discounts[0], f"discount factor of {names[0]}", low=0, high=1, open_low=True,
                         open_high=horizon is None)
        d2, k2 = _number(discounts[1], f"discount factor of {names[1]}", low=0, high=1, open_low=True,
                         open_high=horizon is None)
        size, k3 = _number(pie, "pie size", low=0, open_low=True)
        self._init(names, {f"delta_{names[0]}": d1, f"delta_{names[1]}": d2, "pie": size}, (k1, k2, k3), title)
        object.__setattr__(self, "horizon", horizon)

    @property
    def discounts(self) -> tuple[Any, Any]:
        """The two discount factors, in player order."""
        return self._values[f"delta_{self.players[0]}"], self._values[f"delta_{self.players[1]}"]

    @property
    def pie(self) -> Any:
        """The size of the pie."""
        return self._values["pie"]

    def subs(self, values: Mapping[Any, Any]) -> AlternatingOffers:
        """The game with numbers substituted for its symbols (``{symbol or name: value}``)."""
        v = self._substituted(values)
        return AlternatingOffers((v[f"delta_{self.players[0]}"], v[f"delta_{self.players[1]}"]), self.players,
                                 pie=v["pie"], horizon=self.horizon, title=self.title)

    def _describe(self) -> str:
        text = super()._describe()
        return text if self.horizon is None else f"{text}, horizon={self.horizon}"


class UltimatumGame(_Bargaining):
    """The ultimatum game: one take-it-or-leave-it division of a pie (Güth, Schmittberger and Schwarze 1982).

    Parameters
    ----------
    players : (str, str), default ("Proposer", "Responder")
    pie : number, default 1
        The size of the pie (positive).
    disagreement : (number, number), default (0, 0)
        What each player gets when the offer is rejected.
    title : str, optional

    Examples
    --------
    >>> UltimatumGame(pie=10)
    UltimatumGame(Proposer, Responder; pie=10, d_Proposer=0, d_Responder=0; exact)
    """

    def __init__(self, players: Sequence[str] = ("Proposer", "Responder"), *, pie: Any = 1,
                 disagreement: Sequence[Any] = (0, 0), title: str = "") -> None:
        names = _players(players)
        size, k1 = _number(pie, "pie size", low=0, open_low=True)
        if isinstance(disagreement, (str, bytes)) or not isinstance(disagreement, Sequence) or len(disagreement) != 2:
            raise ParameterError(f"disagreement must be two payoffs, one per player, got {short_repr(disagreement)}")
        d1, k2 = _number(disagreement[0], f"disagreement payoff of {names[0]}")
        d2, k3 = _number(disagreement[1], f"disagreement payoff of {names[1]}")
        self._init(names, {"pie": size, f"d_{names[0]}": d1, f"d_{names[1]}": d2}, (k1, k2, k3), title)

    @property
    def pie(self) -> Any:
        """The size of the pie."""
        return self._values["pie"]

    @property
    def disagreement(self) -> tuple[Any, Any]:
        """The disagreement payoffs, in player order."""
        return self._values[f"d_{self.players[0]}"], self._values[f"d_{self.players[1]}"]

    def subs(self, values: Mapping[Any, Any]) -> UltimatumGame:
        """The game with numbers substituted for its symbols."""
        v = self._substituted(values)
        return UltimatumGame(self.players, pie=v["pie"], disagreement=(v[f"d_{self.players[0]}"],
                                                                       v[f"d_{self.players[1]}"]), title=self.title)


class UniformCost:
    """A private cost of war, uniformly distributed on ``[low, high]`` (``0 <= low < high``).

    Examples
    --------
    >>> UniformCost(0, 1)
    UniformCost(0, 1)
    """

    __slots__ = ("high", "kind", "low")
    low: Any
    high: Any
    kind: Kind

    def __init__(self, low: Any, high: Any) -> None:
        lo, k1 = _number(low, "lowest private cost", low=0)
        hi, k2 = _number(high, "highest private cost", low=0, open_low=True)
        if k1 != "symbolic" and k2 != "symbolic" and to_float(hi) <= to_float(lo):
            raise ParameterError(f"a uniform cost needs low < high, got low={short_repr(low)}, high={short_repr(high)}")
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)
        object.__setattr__(self, "kind", combine((k1, k2)))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("UniformCost is immutable")

    def __repr__(self) -> str:
        return f"UniformCost({format_number(self.low)}, {format_number(self.high)})"


class FearonBargaining(_Bargaining):
    """Fearon's (1995) bargaining model of war over an issue worth 1.

    The first player proposes ``x``, its own share of the issue (the second gets
    ``1 - x``); the second accepts, or fights.  War gives the first player
    ``p - cost_a`` and the second ``1 - p - cost_b``, where ``p`` is the
    probability that the first player wins.

    Parameters
    ----------
    p : number in [0, 1]
        The first player's probability of winning a war.
    cost_a : number >= 0
        The first player's cost of war.
    cost_b : number >= 0, or UniformCost
        The second player's cost of war; a :class:`UniformCost` makes it the second
        player's private information, drawn uniformly from ``[low, high]``.
    players : (str, str), default ("A", "B")
        The proposer, then the responder.
    title : str, optional

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> FearonBargaining(F(1, 2), F(1, 10), UniformCost(0, F(3, 10)))
    FearonBargaining(A, B; p=1/2, cost_A=1/10, cost_B~U[0, 3/10]; exact)
    """

    private: bool

    def __init__(self, p: Any, cost_a: Any, cost_b: Any, players: Sequence[str] = ("A", "B"), *,
                 title: str = "") -> None:
        names = _players(players)
        pv, k1 = _number(p, "probability of winning p", low=0, high=1)
        ca, k2 = _number(cost_a, f"cost of war of {names[0]}", low=0)
        values = {"p": pv, f"cost_{names[0]}": ca}
        kinds = [k1, k2]
        if isinstance(cost_b, UniformCost):
            values[f"low_{names[1]}"] = cost_b.low
            values[f"high_{names[1]}"] = cost_b.high
            kinds.append(cost_b.kind)
        else:
            cb, k3 = _number(cost_b, f"cost of war of {names[1]}", low=0)
            values[f"cost_{names[1]}"] = cb
            kinds.append(k3)
        self._init(names, values, kinds, title)
        object.__setattr__(self, "private", isinstance(cost_b, UniformCost))

    @property
    def p(self) -> Any:
        """The first player's probability of winning."""
        return self._values["p"]

    @property
    def cost_a(self) -> Any:
        """The first player's cost of war."""
        return self._values[f"cost_{self.players[0]}"]

    @property
    def cost_b(self) -> Any:
        """The second player's cost of war (a :class:`UniformCost` when it is private)."""
        if self.private:
            return UniformCost(self._values[f"low_{self.players[1]}"], self._values[f"high_{self.players[1]}"])
        return self._values[f"cost_{self.players[1]}"]

    def subs(self, values: Mapping[Any, Any]) -> FearonBargaining:
        """The game with numbers substituted for its symbols."""
        v = self._substituted(values)
        b = self.players[1]
        cost_b = UniformCost(v[f"low_{b}"], v[f"high_{b}"]) if self.private else v[f"cost_{b}"]
        return FearonBargaining(v["p"], v[f"cost_{self.players[0]}"], cost_b, self.players, title=self.title)

    def _describe(self) -> str:
        a, b = self.players
        parts = [f"p={format_number(self.p)}", f"cost_{a}={format_number(self.cost_a)}"]
        if self.private:
            parts.append(f"cost_{b}~U[{format_number(self._values[f'low_{b}'])}, "
                         f"{format_number(self._values[f'high_{b}'])}]")
        else:
            parts.append(f"cost_{b}={format_number(self.cost_b)}")
        return ", ".join(parts)
