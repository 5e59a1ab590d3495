"""The Bayesian game itself: :class:`BayesianGame`, a finite game of incomplete information.

Harsanyi (1967-68) turned incomplete information into imperfect information:
nature draws a profile of *types* from a common prior, each player learns its
own type, and then the players choose actions simultaneously.  A player's
payoff may depend on everyone's types and actions.  This module holds the
checked game, its accessors, substitution and symmetry; the three standard
transformations (the Harsanyi tree, the strategic form in type-contingent
strategies, Selten's type-agent form) live in :mod:`trigame.games.bayesian.harsanyi`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert, format_number, is_sympy, is_zero
from trigame.errors import LabelError, ParameterError, TrigameError
from trigame.games._pickling import reduce_fields
from trigame.games.bayesian import _input
from trigame.games.bayesian._input import MAX_ENTRIES, ActionProfile, TypeProfile

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.games.tree import GameTree

__all__ = ["BayesianGame"]


class BayesianGame:
    """A finite Bayesian game: a common prior over type profiles, then simultaneous actions.

    Parameters
    ----------
    players : sequence of str
        Player names.
    types : mapping
        ``{player: (type, ...)}``: each player's type labels.
    prior : mapping
        Either correlated, ``{type profile: probability}`` with one type per
        player in player order (profiles left out have probability 0), or
        independent, ``{player: {type: probability}}`` (a player with a single
        type may be left out).  Probabilities are ints/Fractions (checked to be
        non-negative and to sum to 1 exactly), floats (sum within ``1e-9``) or
        SymPy expressions (kept as given: whether they sum to 1 may depend on
        the parameters; a negative number or a numeric sum other than 1 is
        still refused).
    actions : mapping
        ``{player: (action, ...)}`` (the same actions for every type) or
        ``{player: {type: (action, ...)}}``.
    payoffs : mapping or callable
        ``{(type profile, action profile): (u_1, ..., u_n)}``, or a function
        ``(types, actions) -> (u_1, ..., u_n)`` called with tuples.  Payoffs
        are required at every type profile of positive probability and
        optional elsewhere.
    title : str, optional
        A title.
    max_entries : int, default 2_000_000
        Budget: the most (type profile, action profile) pairs the game may have.

    Raises
    ------
    LabelError, GameShapeError, PayoffValueError, PayoffTypeError
        Unknown or repeated players, types or actions; missing payoffs; a
        payoff vector of the wrong length; NaN, infinite or non-numeric
        values; a negative prior or one that does not sum to 1.
    BudgetExceededError
        When the game has more than ``max_entries`` payoff entries.

    Notes
    -----
    A type of probability zero (in the marginal of the prior) cannot be
    reached: it has no information set in :meth:`to_tree`, no component in the
    strategies of :meth:`to_normal_form` and no agent in :meth:`agent_form`.

    Examples
    --------
    An entrant does not know whether the incumbent is tough (prior 1/3) or weak.

    >>> from fractions import Fraction as F
    >>> def payoff(types, actions):
    ...     incumbent, entrant = actions
    ...     if entrant == "Out":
    ...         return (2, 0)
    ...     fight = {"tough": (1, -1), "weak": (-1, -1)}[types[0]]
    ...     return fight if incumbent == "Fight" else (0, 1)
    >>> bg = BayesianGame(["Incumbent", "Entrant"], {"Incumbent": ["tough", "weak"], "Entrant": ["-"]},
    ...                   {"Incumbent": {"tough": F(1, 3), "weak": F(2, 3)}},
    ...                   {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}, payoff)
    >>> bg.kind, bg.to_normal_form().strategies[0]
    ('exact', ('Fight|Fight', 'Fight|Yield', 'Yield|Fight', 'Yield|Yield'))
    >>> bg.agent_form().players
    ('Incumbent@tough', 'Incumbent@weak', 'Entrant@-')
    """

    __slots__ = ("__weakref__", "_actions", "_cache", "_hash", "_kind", "_payoffs", "_players", "_prior",
                 "_title", "_types")

    def __init__(
        self,
        players: Sequence[str],
        types: Mapping[str, Sequence[str]],
        prior: Mapping[Any, Any],
        actions: Mapping[str, Any],
        payoffs: Any,
        *,
        title: str = "",
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        names = _input.labels(players, "players")
        type_labels = _input.read_types(types, names)
        action_labels = _input.read_actions(actions, names, type_labels)
        if not isinstance(title, str):
            raise LabelError(f"title must be a string, got {title!r}")
        keys = [f"{p}@{t}" for p, own in zip(names, type_labels) for t in own]
        if len(set(keys)) != len(keys):
            clash = sorted(k for k in set(keys) if keys.count(k) > 1)
            raise LabelError(f"the information-set keys player@type must be distinct; {clash} arise twice "
                             "(a name containing '@' makes two players' keys coincide)")
        raw_prior, prior_kind = _input.read_prior(prior, names, type_labels)
        positive = [t for t, p in raw_prior.items() if not is_zero(p)]
        table, payoff_kind = _input.read_payoffs(payoffs, names, type_labels, action_labels, positive, max_entries)
        kind = combine([prior_kind, payoff_kind])
        self._players = names
        self._types = type_labels
        self._actions = action_labels
        self._title = title
        self._kind: Kind = kind
        self._prior = MappingProxyType({t: convert(p, kind) for t, p in raw_prior.items()})
        self._payoffs = MappingProxyType({
            t: MappingProxyType({a: tuple(convert(v, kind) for v in u) for a, u in row.items()})
            for t, row in table.items()})
        for p in names:
            if not self.positive_types(p):
                raise ParameterError(f"the prior gives every type of {p!r} probability zero")
        #: Derived data (the transformed games) computed on demand.
        self._cache: dict[str, Any] = {}
        self._hash: int | None = None

    # ------------------------------------------------------------------ properties
    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def types(self) -> Mapping[str, tuple[str, ...]]:
        """``{player: (type, ...)}``."""
        return MappingProxyType(dict(zip(self._players, self._types)))

    @property
    def prior(self) -> Mapping[TypeProfile, Any]:
        """``{type profile: probability}`` over every type profile (zeros included), in the game's kind."""
        return self._prior

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``: the kind of the payoffs and the prior together."""
        return self._kind

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff or probability is a SymPy expression."""
        return self._kind == "symbolic"

    @property
    def title(self) -> str:
        """The title (may be empty)."""
        return self._title

    @property
    def type_profiles(self) -> tuple[TypeProfile, ...]:
        """The type profiles of positive probability, in lexicographic order (first player slowest)."""
        return tuple(t for t, p in self._prior.items() if not is_zero(p))

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The free SymPy symbols of a symbolic game, sorted by name (empty otherwise)."""
        if self._kind != "symbolic":
            return ()
        found: set[Any] = set()
        for value in self._values():
            found |= value.free_symbols
        return tuple(sorted(found, key=lambda s: s.name))

    def player_index(self, player: str) -> int:
        """The position of ``player``; :class:`LabelError` for an unknown name."""
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise LabelError(f"unknown player {player!r}; players are {list(self._players)}")

    def type_index(self, player: str, type: str) -> int:
        """The position of ``type`` among ``player``'s types."""
        i = self.player_index(player)
        if isinstance(type, str) and type in self._types[i]:
            return self._types[i].index(type)
        raise LabelError(f"{player!r} has no type {type!r}; its types are {list(self._types[i])}")

    def actions(self, player: str, type: str) -> tuple[str, ...]:
        """The actions of ``player`` when of type ``type``."""
        return self._actions[self.player_index(player)][self.type_index(player, type)]

    def marginal(self, player: str) -> dict[str, Any]:
        """``{type: probability}``: the marginal distribution of ``player``'s type."""
        i = self.player_index(player)
        zero = convert(0, self._kind)
        out = {t: zero for t in self._types[i]}
        for profile, p in self._prior.items():
            out[profile[i]] = out[profile[i]] + p
        return out

    def positive_types(self, player: str) -> tuple[str, ...]:
        """``player``'s types of positive marginal probability (for a symbolic prior: not provably zero)."""
        return tuple(t for t, p in self.marginal(player).items() if not is_zero(p))

    def payoff(self, types: TypeProfile, actions: ActionProfile) -> tuple[Any, ...]:
        """The payoff vector at a type profile and an action profile (given at positive-probability types)."""
        row = self._payoffs.get(tuple(types))
        if row is None or tuple(actions) not in row:
            raise LabelError(f"no payoffs at types {types!r}, actions {actions!r}")
        return row[tuple(actions)]

    def payoff_table(self) -> Mapping[TypeProfile, Mapping[ActionProfile, tuple[Any, ...]]]:
        """``{type profile: {action profile: payoffs}}`` as stored."""
        return self._payoffs

    def _values(self) -> list[Any]:
        return [*self._prior.values(), *(v for row in self._payoffs.values() for u in row.values() for v in u)]

    # ------------------------------------------------------------------ transformations
    @classmethod
    def from_tree(cls, tree: GameTree, *, title: str | None = None, max_nodes: int = 1_000_000) -> BayesianGame:
        """The Bayesian game of a Harsanyi tree (chance first, then every player moves once, unseen).

        See :func:`trigame.games.bayesian.from_tree.harsanyi_parts` (the conditions, and how
        states no player can tell apart are merged); raises
        :class:`~trigame.errors.UnsupportedGameError` naming the condition a tree fails and
        :class:`~trigame.errors.BudgetExceededError` beyond ``max_nodes`` nodes.  ``title``
        defaults to the tree's.
        """
        from trigame.games.bayesian.from_tree import harsanyi_parts

        parts = harsanyi_parts(tree, max_nodes=max_nodes)
        return cls(parts["players"], parts["types"], parts["prior"], parts["actions"], parts["payoffs"],
                   title=tree.title if title is None else title)

    def to_tree(self, *, max_memory: int | None = None) -> GameTree:
        """The Harsanyi tree: see :func:`trigame.games.bayesian.harsanyi.to_tree`."""
        from trigame.games.bayesian.harsanyi import to_tree

        return to_tree(self, max_memory=max_memory)

    def to_normal_form(self, *, max_profiles: int | None = None, max_memory: int | None = None) -> NormalFormGame:
        """Type-contingent strategic form: see :func:`trigame.games.bayesian.harsanyi.to_normal_form`."""
        from trigame.games.bayesian.harsanyi import to_normal_form

        return to_normal_form(self, max_profiles=max_profiles, max_memory=max_memory)

    def agent_form(self, *, max_profiles: int | None = None, max_memory: int | None = None) -> NormalFormGame:
        """Selten's type-agent form: see :func:`trigame.games.bayesian.harsanyi.agent_form`."""
        from trigame.games.bayesian.harsanyi import agent_form

        return agent_form(self, max_profiles=max_profiles, max_memory=max_memory)

    def interim_payoffs(self, behavior: Mapping[str, Mapping[str, Mapping[str, Any]]]
                        ) -> dict[str, dict[str, dict[str, Any]]]:
        """Each type's expected payoff of each of its actions against the others' behaviour.

        See :func:`trigame.games.bayesian.harsanyi.interim_payoffs`.
        """
        from trigame.games.bayesian.harsanyi import interim_payoffs

        return interim_payoffs(self, behavior)

    # ------------------------------------------------------------------ symbols
    def subs(self, mapping: Mapping[Any, Any] | None = None, /, **values: Any) -> BayesianGame:
        """Substitute values for the symbols of a symbolic game (payoffs and prior), like :meth:`NormalFormGame.subs`.

        Keys are symbol names or SymPy symbols; values are numbers (strings are
        never parsed).  The new game's prior is checked like any numeric prior.
        """
        import sympy

        from trigame._numbers import to_sympy

        if mapping is not None and not isinstance(mapping, Mapping):
            raise ParameterError(f"give the values as a mapping {{symbol or name: number}} or keywords, "
                                 f"got {mapping!r}")
        given = {**dict(mapping or {}), **values}
        if self._kind != "symbolic":
            if given:
                raise ParameterError(f"this {self._kind} Bayesian game has no symbols to substitute")
            return self
        by_name = {s.name: s for s in self.symbols}
        replacements = {}
        for key, value in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(name, str) or name not in by_name:
                raise ParameterError(f"unknown symbol {key!r}; the game's symbols are {sorted(by_name)}")
            if isinstance(value, str) or not (
                    isinstance(value, (int, float, Fraction, np.integer, np.floating)) or is_sympy(value)):
                raise ParameterError(f"the value of {name!r} must be a number, got {value!r}")
            try:
                classify(value, what=f"value of {name!r}")
            except TrigameError as exc:
                raise ParameterError(str(exc)) from None
            replacements[by_name[name]] = to_sympy(value)

        def put(value: Any) -> Any:
            return value.xreplace(replacements) if is_sympy(value) else value

        prior = {t: put(p) for t, p in self._prior.items()}
        payoffs = {(t, a): tuple(put(v) for v in u) for t, row in self._payoffs.items() for a, u in row.items()}
        try:
            return BayesianGame(self._players, self.types, prior,
                                {p: dict(zip(own, acts)) for p, own, acts in
                                 zip(self._players, self._types, self._actions)},
                                payoffs, title=self._title)
        except TrigameError as exc:
            raise ParameterError(f"with these values the game is not valid: {exc}") from None

    # ------------------------------------------------------------------ symmetry
    @property
    def is_symmetric(self) -> bool:
        """True for a symmetric Bayesian game.

        Two or more players with the same type labels and the same actions
        for each type, a prior invariant under every permutation of the
        players, and payoffs that permute with the players:
        ``u_{pi(i)}(pi t, pi a) = u_i(t, a)``.  It is enough to check a
        transposition and a cyclic shift, which generate all permutations.
        """
        if "symmetric" not in self._cache:
            self._cache["symmetric"] = self._symmetric()
        return bool(self._cache["symmetric"])

    def _symmetric(self) -> bool:
        n = self.n_players
        if n < 2 or any(own != self._types[0] for own in self._types):
            return False
        if any(acts != self._actions[0] for acts in self._actions):
            return False
        generators = [[1, 0, *range(2, n)], [*range(1, n), 0]]  # pi as a list: new position k holds old player
        for order in generators:
            for t, p in self._prior.items():
                if not _equal(self._prior[tuple(t[k] for k in order)], p):
                    return False
            for t, row in self._payoffs.items():
                pt = tuple(t[k] for k in order)
                if is_zero(self._prior[t]):
                    continue
                for a, u in row.items():
                    pa = tuple(a[k] for k in order)
                    moved = self._payoffs[pt][pa]
                    if not all(_equal(moved[j], u[k]) for j, k in enumerate(order)):
                        return False
        return True

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return (self._kind == other._kind and self._players == other._players and self._types == other._types
                and self._actions == other._actions and dict(self._prior) == dict(other._prior)
                and {t: dict(r) for t, r in self._payoffs.items()} == {t: dict(r) for t, r in other._payoffs.items()})

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._kind, self._players, self._types, self._actions,
                               tuple(self._prior.items())))
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_hash") and name != "_hash":
            raise AttributeError("BayesianGame is immutable; build a new game instead")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self, reset={"_cache": {}, "_hash": None})

    def __repr__(self) -> str:
        types = "x".join(str(len(own)) for own in self._types)
        title = f", title={self._title!r}" if self._title else ""
        prior = ", ".join(f"{','.join(t)}: {format_number(p)}" for t, p in self._prior.items() if not is_zero(p))
        return (f"BayesianGame({self.n_players} players {list(self._players)}, types {types}, "
                f"{self._kind}{title}; prior {{{prior}}})")


def _equal(a: Any, b: Any) -> bool:
    if is_sympy(a) or is_sympy(b):
        import sympy

        from trigame._numbers import to_sympy

        return bool(sympy.simplify(to_sympy(a) - to_sympy(b)) == 0)
    return bool(a == b)

