"""Finite games in strategic (normal) form.

A :class:`NormalFormGame` holds one payoff array of shape
``(n_players, m_1, ..., m_n)``: ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s
payoff when player ``j`` plays strategy ``s_j``.  The payoffs are of one of three
kinds, detected from the input (see :mod:`trigame._numbers`):

* ``"float"`` -- floats (stored as ``float64``);
* ``"exact"`` -- ``int`` / :class:`fractions.Fraction` (stored as ``Fraction``);
* ``"symbolic"`` -- SymPy expressions (:meth:`NormalFormGame.subs` turns them
  into numbers).

Games are immutable values: the arrays they hand out are read-only, and every
"change" returns a new game.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import KINDS, Kind, classify, convert_array, format_number, is_sympy
from trigame.errors import GameShapeError, LabelError, ParameterError, ProfileError, TrigameError
from trigame.games._construction import check_labels, check_permutation, float_array, nested_shape, payoff_array
from trigame.games.profiles import Profile, as_profile, expected_values

__all__ = ["NormalFormGame", "Profile"]


class NormalFormGame:
    """A finite N-player game in strategic form.

    Parameters
    ----------
    payoffs : array_like, shape (n_players, m_1, ..., m_n)
        ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff.  Entries may be
        ints/Fractions (an exact game), floats (a float game) or SymPy
        expressions (a symbolic game); mixing ints and floats gives a float game.
    players : sequence of str, optional
        Player names; default ``"Player 1"``, ``"Player 2"``, ...
    strategies : sequence of sequences of str, optional
        Strategy labels per player; default ``"s1"``, ``"s2"``, ...
    title : str, optional
        A title (kept by the Gambit ``.nfg`` reader and writer).
    kind : {"float", "exact", "symbolic"}, optional
        Force the number kind instead of detecting it (e.g. ``kind="float"`` for
        an integer array that should be solved in floating point).

    Raises
    ------
    GameShapeError, PayoffValueError, PayoffTypeError, LabelError
        On ragged or mismatched shapes, NaN/infinite or non-numeric payoffs,
        a player without strategies, or wrong/duplicate names and labels.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> pd.kind, pd.shape
    ('exact', (2, 2))
    >>> pd.expected_payoffs(["D", "D"])
    (Fraction(1, 1), Fraction(1, 1))
    """

    __slots__ = ("__weakref__", "_cache", "_hash", "_kind", "_payoffs", "_players", "_strategies", "_title")
    _payoffs: np.ndarray
    _kind: Kind
    _players: tuple[str, ...]
    _strategies: tuple[tuple[str, ...], ...]
    _title: str
    #: Derived data (float copy, integer form, ...) computed on demand by solvers.
    _cache: dict[str, Any]
    _hash: int | None

    def __init__(
        self,
        payoffs: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        *,
        title: str = "",
        kind: Kind | None = None,
    ) -> None:
        array, kind = payoff_array(payoffs, kind)
        if array.ndim < 2:
            raise GameShapeError(
                "payoffs must have shape (n_players, m_1, ..., m_n); "
                f"got an array of shape {array.shape}"
            )
        n = array.shape[0]
        if n == 0:
            raise GameShapeError("a game needs at least one player")
        if array.ndim != n + 1:
            raise GameShapeError(
                f"payoffs of shape {array.shape} list {n} players but have {array.ndim - 1} "
                f"strategy axes; expected shape (n_players, m_1, ..., m_n) with n_players = {array.ndim - 1}"
            )
        shape = tuple(int(m) for m in array.shape[1:])
        for i, m in enumerate(shape):
            if m == 0:
                raise GameShapeError(f"player {i + 1} has no strategy")
        if not isinstance(title, str):
            raise LabelError("title must be a string")
        players, strategies = check_labels(players, strategies, shape)
        # the slots are filled directly: __setattr__'s immutability check costs more than a 2x2 solve's arithmetic
        setattr_ = object.__setattr__
        setattr_(self, "_payoffs", array)
        setattr_(self, "_kind", kind)
        setattr_(self, "_players", players)
        setattr_(self, "_strategies", strategies)
        setattr_(self, "_title", title)
        setattr_(self, "_cache", {})
        setattr_(self, "_hash", None)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        kind: Kind | None = None,
    ) -> NormalFormGame:
        """Build a game from one payoff array per player, each of shape ``(m_1, ..., m_n)``.

        Examples
        --------
        >>> import trigame as tg
        >>> g = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.n_players, g.shape
        (2, (2, 2))
        """
        if not arrays:
            raise GameShapeError("from_arrays needs one payoff array per player")
        if cls is NormalFormGame and kind in (None, "float") and isinstance(title, str):
            game = _from_float64_arrays(arrays, players, strategies, title)
            if game is not None:
                return game
        arrays = tuple(float_array(a) for a in arrays)
        shapes = [nested_shape(a) if not isinstance(a, np.ndarray) else a.shape for a in arrays]
        for i, shape in enumerate(shapes):
            if len(shape) != len(arrays):
                raise GameShapeError(
                    f"with {len(arrays)} players every array needs {len(arrays)} axes; "
                    f"array {i + 1} has shape {shape}"
                )
            if shape != shapes[0]:
                raise GameShapeError(
                    f"payoff arrays must share one shape; array 1 has {shapes[0]}, array {i + 1} has {shape}"
                )
        if all(isinstance(a, np.ndarray) and a.dtype != object for a in arrays):
            stacked: Any = np.stack(arrays)
        else:
            stacked = [a.tolist() if isinstance(a, np.ndarray) else a for a in arrays]
        return cls(stacked, players=players, strategies=strategies, title=title, kind=kind)

    # ------------------------------------------------------------------ basic properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(self._payoffs.shape[1:])

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def title(self) -> str:
        """The game's title (may be empty)."""
        return self._title

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True for games with int/Fraction payoffs."""
        return self._kind == "exact"

    @property
    def is_symbolic(self) -> bool:
        """True for games with SymPy payoffs."""
        return self._kind == "symbolic"

    @property
    def payoffs(self) -> np.ndarray:
        """The read-only payoff array of shape ``(n_players, m_1, ..., m_n)``."""
        return self._payoffs

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The free SymPy symbols of a symbolic game, sorted by name (empty otherwise)."""
        if self._kind != "symbolic":
            return ()
        found: set[Any] = set()
        for value in self._payoffs.flat:
            found |= value.free_symbols
        return tuple(sorted(found, key=lambda s: s.name))

    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or name."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if not -self.n_players <= int(player) < self.n_players:
                raise LabelError(f"player index {player} out of range for {self.n_players} players")
            return int(player) % self.n_players
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise LabelError(f"unknown player {player!r}; players are {list(self._players)}")

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of one of ``player``'s strategies given by index or label."""
        i = self.player_index(player)
        m = self.shape[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= int(strategy) < m:
                raise ProfileError(f"{self._players[i]!r} has no strategy {strategy} (it has {m})")
            return int(strategy)
        if isinstance(strategy, str) and strategy in self._strategies[i]:
            return self._strategies[i].index(strategy)
        raise ProfileError(
            f"{self._players[i]!r} has no strategy {strategy!r}; its strategies are {list(self._strategies[i])}"
        )

    def payoff_array(self, player: int | str) -> np.ndarray:
        """Player ``player``'s payoffs, shape ``(m_1, ..., m_n)`` (read-only)."""
        return self._payoffs[self.player_index(player)]

    # ------------------------------------------------------------------ profiles
    def profile(self, profile: Profile) -> tuple[np.ndarray, ...]:
        """Validate a strategy profile and return it as one probability vector per player.

        Each entry may be a probability vector, a strategy index or a strategy
        label (a pure strategy).  Exact entries (ints, Fractions) give Fraction
        vectors; float entries float vectors.  Raises :class:`ProfileError` when
        an entry is not a probability vector of the right length.
        """
        return as_profile(self, profile)

    def expected_payoffs(self, profile: Profile) -> tuple[Any, ...]:
        """Expected payoff of each player under a (mixed) strategy profile.

        Examples
        --------
        >>> import trigame as tg
        >>> mp = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> from fractions import Fraction as F
        >>> mp.expected_payoffs([[F(1, 2), F(1, 2)], [1, 0]])
        (Fraction(0, 1), Fraction(0, 1))
        """
        return expected_values(self, as_profile(self, profile))

    # ------------------------------------------------------------------ conversions
    def subs(self, mapping: Mapping[Any, Any] | None = None, /, **values: Any) -> NormalFormGame:
        """Substitute values for the symbols of a symbolic game.

        Keys are symbol names (``str``) or SymPy symbols; values are numbers
        (ints, Fractions, floats, SymPy numbers) -- strings are never parsed.
        The result is an exact game when every payoff becomes rational, a float
        game when every payoff becomes a number, and a symbolic game otherwise.

        Examples
        --------
        >>> import sympy as sp, trigame as tg
        >>> b = sp.Symbol("b")
        >>> g = tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, b]])
        >>> g.subs(b=2).kind
        'exact'
        """
        import sympy

        from trigame._numbers import to_sympy

        given = _substitutions(mapping, values)
        if self._kind != "symbolic":
            if given:
                raise ParameterError(f"this {self._kind} game has no symbols to substitute")
            return self
        by_name = {s.name: s for s in self.symbols}
        replacements = {}
        for key, value in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(name, str) or name not in by_name:
                raise ParameterError(f"unknown symbol {key!r}; the game's symbols are {sorted(by_name)}")
            if isinstance(value, str) or not (
                isinstance(value, (int, float, Fraction, np.integer, np.floating)) or is_sympy(value)
            ):
                raise ParameterError(f"the value of {name!r} must be a number, got {value!r}")
            try:
                classify(value, what=f"value of {name!r}")
            except TrigameError as exc:
                raise ParameterError(str(exc)) from None
            replacements[by_name[name]] = to_sympy(value)
        array = np.empty(self._payoffs.shape, dtype=object)
        for index in np.ndindex(*array.shape):
            value = self._payoffs[index].xreplace(replacements)
            if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or (
                value.is_number and value.is_extended_real is False
            ):
                raise ParameterError(
                    f"with these values the payoff {self._payoffs[index]} at {index} becomes {value}; "
                    "payoffs must stay finite real numbers"
                )
            array[index] = value
        if all(v.is_number for v in array.flat):
            if all(v.is_Rational for v in array.flat):
                kind: Kind = "exact"
            else:
                kind = "float"
                try:
                    array = convert_array(array, "float")
                except (OverflowError, TypeError, ValueError) as exc:
                    raise ParameterError(f"with these values a payoff is not a finite float: {exc}") from None
        else:
            kind = "symbolic"
        return NormalFormGame(array, self._players, self._strategies, title=self._title, kind=kind)

    def as_kind(self, kind: Kind) -> NormalFormGame:
        """The same game with payoffs stored as ``kind`` (floats become exact binary fractions)."""
        if not isinstance(kind, str) or kind not in KINDS:
            raise ParameterError(f"kind must be one of {KINDS}, got {kind!r}")
        if kind == self._kind:
            return self
        return NormalFormGame(self._payoffs, self._players, self._strategies, title=self._title, kind=kind)

    def as_float(self) -> NormalFormGame:
        """The same game with float payoffs."""
        return self.as_kind("float")

    def as_exact(self) -> NormalFormGame:
        """The same game with exact (Fraction) payoffs; floats are converted exactly."""
        return self.as_kind("exact")

    def with_labels(
        self,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> NormalFormGame:
        """The same payoffs with new names, labels or title."""
        return NormalFormGame(
            self._payoffs,
            self._players if players is None else players,
            self._strategies if strategies is None else strategies,
            title=self._title if title is None else title,
            kind=self._kind,
        )

    def permute(
        self,
        players: Sequence[int] | None = None,
        strategies: Sequence[Sequence[int]] | None = None,
    ) -> NormalFormGame:
        """Relabel the game: reorder players and/or each player's strategies.

        ``players[k]`` is the old index of the new ``k``-th player;
        ``strategies[i][k]`` the old index of old player ``i``'s new ``k``-th strategy.
        The result is the same game under new labels, so its equilibria are the
        permuted equilibria of this one.
        """
        n = self.n_players
        array = self._payoffs
        labels = list(self._strategies)
        if strategies is not None:
            if not isinstance(strategies, (Sequence, np.ndarray)) or isinstance(strategies, str) \
                    or len(strategies) != n:
                raise LabelError(f"the strategies permutation needs one sequence of indices per player ({n})")
            for i, order in enumerate(strategies):
                order = check_permutation(order, self.shape[i], f"player {i + 1}'s strategies")
                array = np.take(array, order, axis=i + 1)
                labels[i] = tuple(labels[i][k] for k in order)
        names = list(self._players)
        if players is not None:
            order = check_permutation(players, n, f"the {n} players")
            if sorted(order) != list(range(n)):
                raise LabelError(f"{order} is not a permutation of the {n} players")
            array = array[order].transpose(0, *[k + 1 for k in order])
            names = [names[k] for k in order]
            labels = [labels[k] for k in order]
        return NormalFormGame(np.array(array), names, labels, title=self._title, kind=self._kind)

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._kind == other._kind
            and self._players == other._players
            and self._strategies == other._strategies
            and self._payoffs.shape == other._payoffs.shape
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(
                (self._kind, self._players, self._strategies, self._payoffs.shape, tuple(self._payoffs.flat))
            )
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_hash") and name != "_hash":
            raise AttributeError("NormalFormGame is immutable; build a new game instead")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> Any:
        return (_rebuild, (self._payoffs, self._players, self._strategies, self._title, self._kind))

    def __repr__(self) -> str:
        head = (
            f"NormalFormGame({self.n_players} players, {'x'.join(map(str, self.shape))}, {self._kind}"
            + (f", title={self._title!r}" if self._title else "")
            + ")"
        )
        if self.n_players == 2 and self.shape[0] * self.shape[1] <= 400:
            return head + "\n" + self.table()
        return head

    def _repr_html_(self) -> str:
        """The payoff table, for Jupyter."""
        from trigame.games._display import game_html

        return game_html(self)

    def table(self) -> str:
        """The game as a text table (rows: first player; for N > 2, one block per profile of the others)."""
        if self.n_players == 1:
            return "\n".join(
                f"{label}: {format_number(v)}" for label, v in zip(self._strategies[0], self._payoffs[0])
            )
        rows, cols = self._strategies[0], self._strategies[1]
        blocks = []
        for rest in np.ndindex(*self.shape[2:]):
            block = self._payoffs[np.index_exp[:, :, :] + rest]  # payoffs (player, row, column) given the others
            cells = [
                [", ".join(format_number(block[i, r, c]) for i in range(self.n_players))
                 for c in range(len(cols))]
                for r in range(len(rows))
            ]
            width = max([len(x) for row in cells for x in row] + [len(c) for c in cols])
            lw = max(len(r) for r in rows)
            title = ""
            if rest:
                title = ", ".join(
                    f"{self._players[k + 2]}: {self._strategies[k + 2][s]}" for k, s in enumerate(rest)
                ) + "\n"
            lines = [" " * lw + "  " + "  ".join(c.rjust(width) for c in cols)]
            lines += [r.ljust(lw) + "  " + "  ".join(x.rjust(width) for x in row) for r, row in zip(rows, cells)]
            blocks.append(title + "\n".join(lines))
        legend = f"rows: {self._players[0]}, columns: {self._players[1]}"
        return legend + "\n" + "\n\n".join(blocks)


def _substitutions(mapping: Any, values: dict[str, Any]) -> dict[Any, Any]:
    """The values given to ``subs``: a mapping (or None) and keyword arguments."""
    if mapping is not None and not isinstance(mapping, Mapping):
        raise ParameterError(f"give the values as a mapping {{symbol or name: number}} or keywords, got {mapping!r}")
    given = dict(mapping or {})
    given.update(values)
    return given


def _rebuild(payoffs: np.ndarray, players: Any, strategies: Any, title: str, kind: Kind) -> NormalFormGame:
    return NormalFormGame(payoffs, players, strategies, title=title, kind=kind)


@functools.lru_cache(maxsize=64)
def _default_labels(shape: tuple[int, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The default player names and strategy labels of a game of ``shape`` (cached: tuples of strings)."""
    return check_labels(None, None, shape)


def _from_float64_arrays(arrays: tuple[Any, ...], players: Sequence[str] | None,
                         strategies: Sequence[Sequence[str]] | None, title: str) -> NormalFormGame | None:
    """``from_arrays`` for finite float64 NumPy arrays of one shape: the stacked copy stored as it is.

    The result is the game ``NormalFormGame(np.stack(arrays), ...)`` gives, without validating
    the stacked array a second time; None for any other input (the general path then reads it).
    """
    first = arrays[0]
    if not all(type(a) is np.ndarray and a.dtype == np.float64 and a.shape == first.shape for a in arrays):
        return None
    if first.ndim != len(arrays) or 0 in first.shape:
        return None
    stacked = np.empty((len(arrays), *first.shape))
    for i, a in enumerate(arrays):
        stacked[i] = a
    if not np.isfinite(stacked).all():
        return None
    labels = _default_labels(first.shape) if players is None and strategies is None else check_labels(
        players, strategies, first.shape)
    stacked.flags.writeable = False
    game = NormalFormGame.__new__(NormalFormGame)
    setattr_ = object.__setattr__
    setattr_(game, "_payoffs", stacked)
    setattr_(game, "_kind", "float")
    setattr_(game, "_players", labels[0])
    setattr_(game, "_strategies", labels[1])
    setattr_(game, "_title", title)
    setattr_(game, "_cache", {})
    setattr_(game, "_hash", None)
    return game
