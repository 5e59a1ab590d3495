"""Games in which each player chooses a level: a point of an interval.

A :class:`ContinuousGame` is the continuous counterpart of
:class:`~trigame.games.normal_form.NormalFormGame`: N players, each choosing a
number in an interval ``[low, high]`` (``high`` may be ``None``: no upper
bound), and one payoff per player written once as an expression in the
levels.  The payoffs follow the models' one-definition rule: a callable is
called once with SymPy symbols standing for the levels and returns the
symbolic payoffs, so the same definition serves floats, exact numbers and
symbolic parameters.

The number kind follows ``NormalFormGame``: payoffs and bounds with free
parameters make a ``"symbolic"`` game, floats a ``"float"`` game, and ints,
Fractions and SymPy rationals an ``"exact"`` game.  Games are immutable values;
:meth:`ContinuousGame.subs` returns a new game.

Examples
--------
>>> import sympy as sp
>>> a, c = sp.symbols("a c", positive=True)
>>> cournot = ContinuousGame(
...     ["Firm 1", "Firm 2"],
...     {"Firm 1": (0, None), "Firm 2": (0, None)},
...     lambda q: [q["Firm 1"] * (a - q["Firm 1"] - q["Firm 2"] - c),
...                q["Firm 2"] * (a - q["Firm 1"] - q["Firm 2"] - c)],
... )
>>> cournot.kind, cournot.parameters
('symbolic', (a, c))
>>> cournot.subs({"a": 10, "c": 1}).payoffs_at({"Firm 1": 3, "Firm 2": 3})
(Fraction(9, 1), Fraction(9, 1))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import Kind, classify, combine, format_number, short_repr, to_fraction, to_sympy
from trigame.budget import check_limit, check_memory
from trigame.errors import (
    GameShapeError,
    LabelError,
    ParameterError,
    PayoffTypeError,
    PayoffValueError,
    ProfileError,
)
from trigame.games._continuous_box import coordinate_names, is_box, read_box_level, structure
from trigame.games._continuous_checks import (
    DEFAULT_MAX_PROFILES,
    MAX_EXPONENT,
    check_exponents,
    check_players,
    check_profiles,
    degree_bound,
    read_interval,
)
from trigame.games.normal_form import NormalFormGame

__all__ = ["MAX_EXPONENT", "ContinuousGame", "degree_bound"]

class ContinuousGame:
    """An N-player game in which each player chooses a level in an interval.

    Parameters
    ----------
    players : sequence of str
        Player names (distinct).
    strategies : mapping
        ``{player: (low, high)}``: the interval of each player's level.  Bounds
        are ints, Fractions, floats or SymPy expressions in the parameters;
        ``low`` or ``high`` may be ``None`` (no bound on that side).
    payoffs : callable or mapping
        Either a callable taking ``{player: level}`` and returning one payoff
        per player, in player order (it is called once with SymPy symbols, so
        write it with arithmetic and SymPy functions such as ``sympy.log``), or
        ``{player: SymPy expression in game.variables}``.
    title : str, optional
        A title.

    Attributes
    ----------
    players : tuple of str
    strategies : dict
        ``{player: (low, high)}`` with SymPy bounds (or ``None``).
    variables : dict
        ``{player: sympy.Symbol}``: the real symbol standing for each level, named after the player.
    parameters : tuple of sympy.Symbol
        The free symbols other than the levels, sorted by name.
    kind : {"exact", "float", "symbolic"}

    Raises
    ------
    LabelError, ParameterError, PayoffTypeError, PayoffValueError, GameShapeError
        On bad names, bounds that are not numbers or not ordered, payoffs that
        are not numbers or expressions, or the wrong number of payoffs.
    """

    __slots__ = ("_bounds", "_cbounds", "_coords", "_cvars", "_keys", "_kind", "_named", "_parameters", "_payoffs",
                 "_players", "_title", "_variables")

    def __init__(
        self,
        players: Sequence[str],
        strategies: Mapping[str, tuple[Any, Any]],
        payoffs: Callable[[dict[str, Any]], Sequence[Any]] | Mapping[str, Any],
        *,
        title: str = "",
    ) -> None:
        import sympy

        names = check_players(players)
        if not isinstance(title, str):
            raise LabelError("title must be a string")
        if not isinstance(strategies, Mapping):
            raise GameShapeError("strategies must be a mapping {player: (low, high)}")
        unknown = sorted(set(map(str, strategies)) - set(names))
        if unknown or set(strategies) != set(names):
            missing = sorted(set(names) - set(strategies))
            raise GameShapeError(
                f"strategies must give one interval per player {list(names)}; unknown {unknown}, missing {missing}"
            )
        bounds: dict[str, Any] = {}
        variables: dict[str, Any] = {}
        self._coords: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, tuple[Any, ...]] = {}
        self._named: dict[str, bool | None] = {}
        self._cbounds: dict[str, tuple[Any, Any]] = {}
        self._cvars: dict[str, Any] = {}
        for player in names:
            spec = strategies[player]
            if is_box(spec):
                coords, keys, named = coordinate_names(player, spec)
                pairs = [read_interval(coord, spec[k]) for coord, k in zip(coords, keys)]
                bounds[player] = structure(named, keys, pairs)
                variables[player] = structure(named, keys, [sympy.Symbol(c, real=True) for c in coords])
                self._named[player], self._keys[player] = named, keys
                self._coords[player] = coords
                self._cbounds.update(zip(coords, pairs))
                self._cvars.update(zip(coords, variables[player].values() if named else variables[player]))
            else:
                bounds[player] = read_interval(player, spec)
                variables[player] = sympy.Symbol(player, real=True)
                self._named[player], self._keys[player], self._coords[player] = None, (), (player,)
                self._cbounds[player], self._cvars[player] = bounds[player], variables[player]
        exprs = self._read_payoffs(payoffs, names, variables)
        symbols = set(self._cvars.values())
        free: set[Any] = set()
        for player, expr in zip(names, exprs):
            check_exponents(player, expr, symbols)
            free |= expr.free_symbols
        for low, high in self._cbounds.values():
            for b in (low, high):
                if b is not None:
                    free |= b.free_symbols
                    if b.free_symbols & symbols:
                        raise ParameterError(f"a strategy bound may not depend on the levels; got {b}")
        parameters = tuple(sorted(free - symbols, key=lambda s: s.name))
        if parameters:
            kind: Kind = "symbolic"
        else:
            floats = any(e.atoms(sympy.Float) for e in exprs) or any(
                isinstance(b, sympy.Float) for pair in self._cbounds.values() for b in pair
            )
            kind = "float" if floats else "exact"
        self._players = names
        self._bounds = bounds
        self._variables = variables
        self._payoffs = tuple(exprs)
        self._parameters = parameters
        self._kind: Kind = kind
        self._title = title

    @staticmethod
    def _read_payoffs(payoffs: Any, names: tuple[str, ...], variables: dict[str, Any]) -> list[Any]:
        import sympy

        if isinstance(payoffs, Mapping):
            if set(payoffs) != set(names):
                raise GameShapeError(f"payoffs must give one expression per player {list(names)}")
            values = [payoffs[p] for p in names]
        elif callable(payoffs):
            try:
                values = payoffs(dict(variables))
            except (TypeError, ValueError, AttributeError, ZeroDivisionError) as exc:
                raise PayoffTypeError(
                    "the payoff function must accept SymPy symbols for the levels (write sympy.log, not math.log): "
                    f"{type(exc).__name__}: {short_repr(str(exc), 100)}"
                ) from None
            if isinstance(values, Mapping):
                values = [values[p] for p in names] if set(values) == set(names) else list(values.values())
            if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
                raise PayoffTypeError(
                    f"the payoff function must return one payoff per player, got {short_repr(values)}"
                )
            values = list(values)
        else:
            raise PayoffTypeError("payoffs must be a callable or a mapping {player: expression}")
        if len(values) != len(names):
            raise GameShapeError(f"{len(values)} payoffs given for {len(names)} players")
        exprs = []
        for player, value in zip(names, values):
            if isinstance(value, sympy.Basic) and not isinstance(value, sympy.Expr):
                raise PayoffTypeError(f"the payoff of {player} must be an expression, got {short_repr(value)}")
            if not isinstance(value, sympy.Basic):
                classify(value, f"payoff of {player}")
                value = to_sympy(value)
            if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.has(sympy.I):
                raise PayoffValueError(f"the payoff of {player} must be real and finite, got {short_repr(value)}")
            exprs.append(value)
        return exprs

    # ------------------------------------------------------------------ reading
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def strategies(self) -> dict[str, tuple[Any, Any]]:
        """``{player: (low, high)}``: each level's interval (SymPy bounds; ``None`` where unbounded)."""
        return dict(self._bounds)

    @property
    def variables(self) -> dict[str, Any]:
        """``{player: sympy.Symbol}``: the symbol of each player's level (a tuple or dict of symbols for a box)."""
        return dict(self._variables)

    @property
    def has_boxes(self) -> bool:
        """True when some player chooses a point of a box (several levels)."""
        return any(named is not None for named in self._named.values())

    @property
    def coordinates(self) -> dict[str, tuple[str, ...]]:
        """``{player: coordinate names}``: ``(player,)`` for an interval, ``"<player>.<name>"`` or ``"<player>[k]"``."""
        return dict(self._coords)

    @property
    def coordinate_bounds(self) -> dict[str, tuple[Any, Any]]:
        """``{coordinate: (low, high)}`` over every coordinate of every player."""
        return dict(self._cbounds)

    @property
    def coordinate_variables(self) -> dict[str, Any]:
        """``{coordinate: sympy.Symbol}`` over every coordinate of every player."""
        return dict(self._cvars)

    def owner(self, coordinate: str) -> str:
        """The player who chooses ``coordinate``."""
        for player, coords in self._coords.items():
            if coordinate in coords:
                return player
        raise LabelError(f"unknown coordinate {short_repr(coordinate)}; the coordinates are {list(self._cbounds)}")

    def flatten(self) -> ContinuousGame:
        """The interval game whose players are the coordinates, each with its owner's payoff.

        Its equilibria are the profiles where every coordinate meets its own first-order and
        complementary-slackness conditions given all the others: the KKT points of this game.
        """
        payoffs = {c: self._payoffs[self._players.index(self.owner(c))] for c in self._cbounds}
        return ContinuousGame(tuple(self._cbounds), self._cbounds, payoffs, title=self._title)

    def coordinate_levels(self, levels: Mapping[str, Any]) -> dict[str, Any]:
        """A checked profile ``{player: level}`` as ``{coordinate: value}`` (SymPy numbers)."""
        point = self.levels(levels, symbolic=True)
        out: dict[str, Any] = {}
        for player in self._players:
            named = self._named[player]
            if named is None:
                out[player] = point[player]
            else:
                values = point[player].values() if named else point[player]
                out.update(zip(self._coords[player], values))
        return out

    def player_levels(self, coordinates: Mapping[str, Any]) -> dict[str, Any]:
        """``{coordinate: value}`` gathered into ``{player: level}`` (tuples or dicts for boxes)."""
        out: dict[str, Any] = {}
        for player in self._players:
            named = self._named[player]
            values = [coordinates[c] for c in self._coords[player]]
            out[player] = values[0] if named is None else structure(named, self._keys[player], values)
        return out

    @property
    def parameters(self) -> tuple[Any, ...]:
        """The free symbols of payoffs and bounds other than the levels, sorted by name."""
        return self._parameters

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def is_symbolic(self) -> bool:
        """True when the game has free parameters."""
        return self._kind == "symbolic"

    @property
    def title(self) -> str:
        """The game's title."""
        return self._title

    def payoff(self, player: str) -> Any:
        """The payoff of ``player`` as a SymPy expression in :attr:`variables` (and the parameters)."""
        return self._payoffs[self._index(player)]

    def _index(self, player: str) -> int:
        if not isinstance(player, str) or player not in self._players:
            raise LabelError(f"unknown player {short_repr(player)}; the players are {list(self._players)}")
        return self._players.index(player)

    def levels(self, levels: Mapping[str, Any], *, symbolic: bool = False) -> dict[str, Any]:
        """Check a profile ``{player: level}`` and return it as SymPy numbers.

        Every player needs a level; a level must be a number (or, with
        ``symbolic=True``, a SymPy expression) inside its interval where that is
        decided.  Raises :class:`~trigame.errors.ProfileError` otherwise.
        """
        if not isinstance(levels, Mapping) or set(levels) != set(self._players):
            raise ProfileError(f"a profile must be a mapping with one level per player {list(self._players)}")
        return {player: self._level(player, levels[player], symbolic) for player in self._players}

    def _level(self, player: str, value: Any, symbolic: bool = False) -> Any:
        named = self._named[player]
        if named is None:
            return self._coord_level(player, value, symbolic)
        values = read_box_level(player, value, self._keys[player], named)
        return structure(named, self._keys[player],
                         [self._coord_level(c, v, symbolic) for c, v in zip(self._coords[player], values)])

    def _coord_level(self, player: str, value: Any, symbolic: bool = False) -> Any:
        import sympy

        if isinstance(value, sympy.Basic) and symbolic:
            level = value
        else:
            try:
                classify(value, f"level of {player}")
            except (PayoffTypeError, PayoffValueError) as exc:
                raise ProfileError(str(exc)) from None
            level = to_sympy(value)
            if level.free_symbols and not symbolic:
                raise ProfileError(f"the level of {player} has free symbols {sorted(map(str, level.free_symbols))}")
        low, high = self._cbounds[player]
        below = low is not None and sympy.Lt(level, low) is sympy.true
        above = high is not None and sympy.Gt(level, high) is sympy.true
        if below or above:
            raise ProfileError(f"the level {level} of {player} is outside its interval [{low}, {high}]")
        return level

    def payoffs_at(self, levels: Mapping[str, Any]) -> tuple[Any, ...]:
        """Each player's payoff at the profile ``{player: level}``, in player order.

        Exact games give Fractions where the value is rational (SymPy numbers
        otherwise, e.g. logarithms), float games floats, symbolic games SymPy
        expressions.
        """
        import sympy

        point = self.coordinate_levels(levels)
        subs = {self._cvars[c]: v for c, v in point.items()}
        values = []
        for player, expr in zip(self._players, self._payoffs):
            value = sympy.simplify(expr.xreplace(subs)) if self._kind == "symbolic" else expr.xreplace(subs)
            if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                raise ProfileError(f"the payoff of {player} is undefined or infinite at {dict(point)}")
            values.append(self._number(value))
        return tuple(values)

    def _number(self, value: Any) -> Any:
        if value.free_symbols:
            return value
        if self._kind == "float":
            return float(value)
        if value.is_Rational:
            return to_fraction(value)
        return value

    # ------------------------------------------------------------------ new games
    def subs(self, values: Mapping[Any, Any]) -> ContinuousGame:
        """A new game with parameters replaced by numbers (or expressions).

        ``values`` maps parameter names (or symbols) to ints, Fractions, floats
        or SymPy expressions.  An unknown name raises
        :class:`~trigame.errors.ParameterError`; strings are never read as numbers.
        """
        import sympy

        if not isinstance(values, Mapping):
            raise ParameterError("subs needs a mapping {parameter name: value}")
        by_name = {s.name: s for s in self._parameters}
        table = {}
        for key, value in values.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(name, str) or name not in by_name:
                raise ParameterError(f"unknown parameter {short_repr(key)}; the parameters are {sorted(by_name)}")
            if not isinstance(value, sympy.Basic):
                try:
                    classify(value, f"value of {name}")
                except (PayoffTypeError, PayoffValueError) as exc:
                    raise ParameterError(str(exc)) from None
            table[by_name[name]] = to_sympy(value)
        strategies: dict[str, Any] = {}
        for p in self._players:
            pairs = [(self._replace(self._cbounds[c][0], table), self._replace(self._cbounds[c][1], table))
                     for c in self._coords[p]]
            named = self._named[p]
            strategies[p] = pairs[0] if named is None else structure(named, self._keys[p], pairs)
        payoffs = {p: e.xreplace(table) for p, e in zip(self._players, self._payoffs)}
        return ContinuousGame(self._players, strategies, payoffs, title=self._title)

    @staticmethod
    def _replace(bound: Any, table: dict[Any, Any]) -> Any:
        return None if bound is None else bound.xreplace(table)

    def discretize(
        self, points: int | Mapping[str, Any], *, max_profiles: int = DEFAULT_MAX_PROFILES
    ) -> NormalFormGame:
        """The finite game in which each player chooses among grid levels.

        Parameters
        ----------
        points : int or mapping
            Either a number of evenly spaced levels per player (from ``low`` to
            ``high`` inclusive; every interval must then be bounded), or
            ``{player: sequence of levels}``.
        max_profiles : int, default 250000
            Budget: the most pure profiles the finite game may have.

        Returns
        -------
        NormalFormGame
            Exact when the game is exact and every payoff at the grid is rational, float otherwise;
            each strategy is labelled by its level.
        """
        import sympy

        if self._parameters:
            raise GameShapeError("discretize needs numeric payoffs; substitute values with game.subs(...) first")
        if self.has_boxes:
            raise GameShapeError("discretize handles interval strategies; discretize a box game's flatten() instead")
        grids = self._grids(points, max_profiles)
        size = math.prod(len(grid) for grid in grids.values())
        check_memory(size * self.n_players * 64, "the discretised game", option="max_profiles")
        shape = tuple(len(grids[p]) for p in self._players)
        variables = [self._variables[p] for p in self._players]
        payoffs: list[np.ndarray] = []
        exact = self._kind == "exact"
        for player, expr in zip(self._players, self._payoffs):
            table = np.empty(shape, dtype=object)
            func = sympy.lambdify(variables, expr, modules="mpmath") if not exact else None
            for index in itertools.product(*(range(m) for m in shape)):
                point = [grids[p][k] for p, k in zip(self._players, index)]
                if exact:
                    value = expr.xreplace(dict(zip(variables, map(to_sympy, point))))
                    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                        raise PayoffValueError(f"the payoff of {player} is undefined at the grid point {point}")
                    table[index] = to_fraction(value) if value.is_Rational else float(value)
                else:
                    assert func is not None
                    try:
                        value = float(func(*map(float, point)))
                    except (ZeroDivisionError, ValueError, TypeError):
                        raise PayoffValueError(
                            f"the payoff of {player} is undefined at the grid point {point}"
                        ) from None
                    table[index] = value
            payoffs.append(table)
        kinds = combine(classify(x, bounded=False) for t in payoffs for x in t.flat)
        labels = [[format_number(x) for x in grids[p]] for p in self._players]
        return NormalFormGame(np.stack(payoffs), self._players, labels, title=self._title, kind=kinds)

    def _grids(self, points: int | Mapping[str, Any], max_profiles: int) -> dict[str, list[Any]]:
        check_limit(max_profiles, "max_profiles", allow_none=False)
        grids: dict[str, list[Any]] = {}
        if isinstance(points, Mapping):
            if set(points) != set(self._players):
                raise ParameterError(f"points must give one grid per player {list(self._players)}")
            for player in self._players:
                if isinstance(points[player], (str, bytes)) or not isinstance(points[player], Sequence):
                    raise ParameterError(f"the grid of {player} must be a sequence of levels")
            check_profiles(math.prod(len(points[p]) for p in self._players), max_profiles)
            for player in self._players:
                grid = points[player]
                try:
                    checked = [self._level(player, g) for g in grid]
                except ProfileError as exc:
                    raise ParameterError(str(exc)) from None
                if not checked:
                    raise ParameterError(f"the grid of {player} is empty")
                grids[player] = [self._grid_number(x) for x in checked]
            return grids
        if isinstance(points, bool) or not isinstance(points, int) or points < 2:
            raise ParameterError(
                f"points must be an integer of at least 2 or a mapping of grids, got {short_repr(points)}"
            )
        check_profiles(points ** min(self.n_players, 64) if points < 2**20 else max_profiles + 1, max_profiles)
        for player in self._players:
            low, high = self._bounds[player]
            if low is None or high is None:
                raise ParameterError(f"{player}'s interval is unbounded; give its grid explicitly")
            if self._kind == "exact":
                lo, hi = to_fraction(low), to_fraction(high)
                grids[player] = [lo + (hi - lo) * Fraction(k, points - 1) for k in range(points)]
            else:
                grids[player] = [float(x) for x in np.linspace(float(low), float(high), points)]
        return grids

    def _grid_number(self, value: Any) -> Any:
        if self._kind == "exact" and value.is_Rational:
            return to_fraction(value)
        return float(value)

    # ------------------------------------------------------------------ identity
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContinuousGame):
            return NotImplemented
        return (self._players, self._coords, self._cbounds, self._payoffs) == (
            other._players, other._coords, other._cbounds, other._payoffs)

    def __hash__(self) -> int:
        return hash((self._players, tuple(self._cbounds.items()), self._payoffs))

    def __repr__(self) -> str:
        parts = []
        for player in self._players:
            sides = []
            for coord in self._coords[player]:
                low, high = self._cbounds[coord]
                sides.append(f"[{'-oo' if low is None else low}, {'oo' if high is None else high}]")
            parts.append(f"{player} in {' x '.join(sides)}")
        title = f"{self._title!r}, " if self._title else ""
        return f"ContinuousGame({title}{', '.join(parts)}; kind={self._kind!r})"
