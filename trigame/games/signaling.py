"""Signalling games: :class:`SignalingGame`, a sender with private types, a message, a receiver's response.

Nature draws the sender's type ``t`` from a common prior; the sender learns
it and sends a message ``m``; the receiver sees the message (not the type) and
chooses an action ``a``; both are paid ``u(t, m, a)``.  The receiver's
information set at ``m`` holds one node per type that can send ``m``, so the
receiver acts on a belief about the type -- the canonical game of incomplete
information (Spence 1973; Cho and Kreps 1987; Gibbons 1992, section 4.2).

Numbers follow :class:`trigame.NormalFormGame`: ints and Fractions give an
exact game, floats a float game, SymPy expressions a symbolic game
(:meth:`SignalingGame.subs` substitutes numbers for its symbols).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from trigame._numbers import Kind, classify, combine, convert, format_number, short_repr
from trigame.errors import GameShapeError, LabelError, ParameterError, PayoffValueError, TrigameError
from trigame.games._pickling import reduce_fields

if TYPE_CHECKING:
    from trigame.games.tree import GameTree

__all__ = ["SignalingGame"]

#: Slack allowed when a float prior is checked to sum to 1.
PRIOR_TOL = 1e-9

Payoffs = Mapping[tuple[str, str, str], Sequence[Any]] | Callable[[str, str, str], Sequence[Any]]


def _labels(values: Any, what: str) -> tuple[str, ...]:
    """A non-empty tuple of distinct non-empty strings."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, tuple)):
        raise LabelError(f"{what} must be a sequence of names, got {short_repr(values)}")
    out = tuple(values)
    if not out:
        raise GameShapeError(f"{what} must not be empty")
    for v in out:
        if not isinstance(v, str) or not v:
            raise LabelError(f"{what} must be non-empty strings, got {v!r}")
    if len(set(out)) != len(out):
        repeated = sorted({v for v in out if out.count(v) > 1})
        raise LabelError(f"{what} repeat the name(s) {repeated}")
    return out


class SignalingGame:
    """A finite signalling game: types, a prior, messages, actions and payoffs.

    Parameters
    ----------
    types : sequence of str
        The sender's types.
    prior : mapping
        ``{type: probability}``, nonnegative and summing to 1.  A type of
        probability zero is never drawn: it still has its information set
        (and best responds there), but the receiver's beliefs give it weight
        zero wherever a type that is drawn could have sent the message.
    messages : sequence of str, or mapping
        The messages every type can send, or ``{type: (message, ...)}``.
    actions : sequence of str, or mapping
        The receiver's actions after every message, or ``{message: (action, ...)}``.
    payoffs : mapping or callable
        ``{(type, message, action): (sender payoff, receiver payoff)}`` for every
        feasible triple, or a function ``(type, message, action) -> (sender, receiver)``.
    players : (str, str), default ("Sender", "Receiver")
        The names of the sender and the receiver.
    title : str, optional

    Raises
    ------
    GameShapeError, LabelError, PayoffValueError, PayoffTypeError
        Naming the bad entry: repeated or empty names, a prior that is not a
        probability distribution over the types, a missing payoff, a message no
        action follows.

    Examples
    --------
    Beer-Quiche (Cho and Kreps 1987): a strong or weak sender has breakfast;
    the receiver decides whether to duel.

    >>> u = lambda t, m, a: ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
    ...                      (1 if (a == "duel") == (t == "weak") else 0))
    >>> sg = SignalingGame(("strong", "weak"), {"strong": 0.9, "weak": 0.1}, ("beer", "quiche"),
    ...                    ("duel", "not"), u)
    >>> sg.kind, sg.sender_key("weak"), sg.receiver_key("beer")
    ('float', 'Sender@weak', 'Receiver@beer')
    """

    def __init__(self, types: Sequence[str], prior: Mapping[str, Any], messages: Sequence[str] | Mapping[str, Any],
                 actions: Sequence[str] | Mapping[str, Any], payoffs: Payoffs,
                 players: Sequence[str] = ("Sender", "Receiver"), *, title: str = "") -> None:
        self._types = _labels(types, "the types")
        self._players = _labels(players, "the players")
        if len(self._players) != 2:
            raise GameShapeError(f"a signalling game has two players (sender, receiver), got {list(self._players)}")
        if not isinstance(title, str):
            raise LabelError(f"the title must be a string, got {title!r}")
        self._title = title
        self._type_messages = self._read_messages(messages)
        order: list[str] = []
        for t in self._types:
            order += [m for m in self._type_messages[t] if m not in order]
        self._messages = tuple(order)
        self._message_actions = self._read_actions(actions)
        prior_values, prior_kind = self._read_prior(prior)
        table, payoff_kind = self._read_payoffs(payoffs)
        self._kind: Kind = combine([prior_kind, payoff_kind])
        self._prior = MappingProxyType({t: convert(p, self._kind) for t, p in prior_values.items()})
        self._payoffs = MappingProxyType({key: tuple(convert(v, self._kind) for v in values)
                                          for key, values in table.items()})
        self._hash: int | None = None  # computed on first use; the game never changes

    # ------------------------------------------------------------------ reading the input
    def _read_messages(self, messages: Any) -> dict[str, tuple[str, ...]]:
        if isinstance(messages, Mapping):
            missing = [t for t in self._types if t not in messages]
            extra = sorted(map(str, set(messages) - set(self._types)))
            if missing or extra:
                raise LabelError(f"messages must give the messages of every type {list(self._types)}; "
                                 + (f"missing {missing}" if missing else f"unknown type(s) {extra}"))
            return {t: _labels(messages[t], f"the messages of type {t!r}") for t in self._types}
        common = _labels(messages, "the messages")
        return {t: common for t in self._types}

    def _read_actions(self, actions: Any) -> dict[str, tuple[str, ...]]:
        if isinstance(actions, Mapping):
            missing = [m for m in self._messages if m not in actions]
            if missing:
                raise LabelError(f"actions must give the receiver's actions after every message; missing {missing}")
            extra = sorted(map(str, set(actions) - set(self._messages)))
            if extra:
                raise LabelError(f"actions name message(s) {extra} no type can send; the messages are "
                                 f"{list(self._messages)}")
            return {m: _labels(actions[m], f"the actions after message {m!r}") for m in self._messages}
        common = _labels(actions, "the actions")
        return {m: common for m in self._messages}

    def _read_prior(self, prior: Any) -> tuple[dict[str, Any], Kind]:
        if not isinstance(prior, Mapping):
            raise GameShapeError(f"the prior must be a mapping {{type: probability}}, got {short_repr(prior)}")
        missing = [t for t in self._types if t not in prior]
        extra = sorted(map(str, set(prior) - set(self._types)))
        if missing or extra:
            raise LabelError(f"the prior must give a probability to each type {list(self._types)}; "
                             + (f"missing {missing}" if missing else f"unknown type(s) {extra}"))
        kinds = []
        for t in self._types:
            p = prior[t]
            kind = classify(p, what=f"prior probability of type {t!r}")
            kinds.append(kind)
            if kind != "symbolic" and convert(p, kind) < 0:
                raise PayoffValueError(f"the prior probability of type {t!r} must be nonnegative, got "
                                       f"{format_number(convert(p, kind))}")
        kind = combine(kinds)
        if kind != "symbolic":
            total = sum(convert(prior[t], kind) for t in self._types)
            if (kind == "exact" and total != 1) or (kind == "float" and abs(total - 1) > PRIOR_TOL):
                raise PayoffValueError(f"the prior probabilities sum to {format_number(total)}, not 1")
        else:
            import sympy

            total = sympy.simplify(sum(convert(prior[t], "symbolic") for t in self._types))
            if total.is_number and total != 1:
                raise PayoffValueError(f"the prior probabilities sum to {total}, not 1")
        return {t: prior[t] for t in self._types}, kind

    def _read_payoffs(self, payoffs: Any) -> tuple[dict[tuple[str, str, str], tuple[Any, ...]], Kind]:
        if not (isinstance(payoffs, Mapping) or callable(payoffs)):
            raise GameShapeError("payoffs must be a mapping {(type, message, action): (sender, receiver)} or a "
                                 f"function (type, message, action) -> (sender, receiver), got {short_repr(payoffs)}")
        table: dict[tuple[str, str, str], tuple[Any, ...]] = {}
        kinds = []
        for t, m, a in self.triples():
            if isinstance(payoffs, Mapping):
                if (t, m, a) not in payoffs:
                    raise GameShapeError(f"payoffs has no entry for (type, message, action) {(t, m, a)!r}")
                values = payoffs[(t, m, a)]
            else:
                try:
                    values = payoffs(t, m, a)
                except TrigameError:
                    raise
                except Exception as exc:
                    raise GameShapeError(f"the payoff function failed at {(t, m, a)!r}: "
                                         f"{type(exc).__name__}: {exc}") from None
            if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, tuple)) or len(values) != 2:
                raise GameShapeError(f"the payoffs at {(t, m, a)!r} must be a pair (sender, receiver), "
                                     f"got {short_repr(values)}")
            for who, v in zip(self._players, values):
                kinds.append(classify(v, what=f"payoff of {who} at {(t, m, a)!r}"))
            table[(t, m, a)] = tuple(values)
        if isinstance(payoffs, Mapping):
            extra = [key for key in payoffs if key not in table]
            if extra:
                raise GameShapeError(f"payoffs has entries for infeasible (type, message, action) {short_repr(extra)}")
        return table, combine(kinds)

    # ------------------------------------------------------------------ properties
    @property
    def types(self) -> tuple[str, ...]:
        """The sender's types."""
        return self._types

    @property
    def prior(self) -> Mapping[str, Any]:
        """``{type: probability}``."""
        return self._prior

    @property
    def messages(self) -> tuple[str, ...]:
        """Every message some type can send, in the order they first appear."""
        return self._messages

    @property
    def players(self) -> tuple[str, str]:
        """``(sender, receiver)``."""
        return self._players[0], self._players[1]

    @property
    def sender(self) -> str:
        """The sender's name."""
        return self._players[0]

    @property
    def receiver(self) -> str:
        """The receiver's name."""
        return self._players[1]

    @property
    def title(self) -> str:
        """The title (may be empty)."""
        return self._title

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``: the kind of the prior and payoffs."""
        return self._kind

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff or prior probability is a SymPy expression."""
        return self._kind == "symbolic"

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The free SymPy symbols of a symbolic game, sorted by name."""
        if self._kind != "symbolic":
            return ()
        found: set[Any] = set()
        for v in [*self._prior.values(), *(x for values in self._payoffs.values() for x in values)]:
            found |= v.free_symbols
        return tuple(sorted(found, key=lambda s: s.name))

    def messages_of(self, type_: str) -> tuple[str, ...]:
        """The messages ``type_`` can send."""
        self._check_type(type_)
        return self._type_messages[type_]

    def actions_after(self, message: str) -> tuple[str, ...]:
        """The receiver's actions after ``message``."""
        self._check_message(message)
        return self._message_actions[message]

    def senders(self, message: str) -> tuple[str, ...]:
        """The types that can send ``message`` (the nodes of the receiver's information set there)."""
        self._check_message(message)
        return tuple(t for t in self._types if message in self._type_messages[t])

    def believable(self, message: str, drawn: Sequence[str]) -> tuple[str, ...]:
        """The types a belief after ``message`` may weigh when only the types ``drawn`` occur.

        Those drawn that can send it; where none can (the message is possible only for
        types of prior zero), every type that can.  Any consistent belief gives a type
        never drawn probability zero wherever a drawn type could send the message.
        """
        senders = self.senders(message)
        return tuple(t for t in senders if t in drawn) or senders

    def triples(self) -> list[tuple[str, str, str]]:
        """Every feasible ``(type, message, action)``."""
        return [(t, m, a) for t in self._types for m in self._type_messages[t] for a in self._message_actions[m]]

    def payoff(self, type_: str, message: str, action: str) -> tuple[Any, Any]:
        """``(sender payoff, receiver payoff)`` at a feasible triple."""
        key = (type_, message, action)
        if key not in self._payoffs:
            raise LabelError(f"{key!r} is not a feasible (type, message, action) of this game")
        sender, receiver = self._payoffs[key]
        return sender, receiver

    def sender_key(self, type_: str) -> str:
        """The information-set key of the sender of type ``type_``: ``"<sender>@<type>"``."""
        self._check_type(type_)
        return f"{self.sender}@{type_}"

    def receiver_key(self, message: str) -> str:
        """The information-set key of the receiver after ``message``: ``"<receiver>@<message>"``."""
        self._check_message(message)
        return f"{self.receiver}@{message}"

    def _check_type(self, type_: Hashable) -> None:
        if type_ not in self._type_messages:
            raise LabelError(f"unknown type {type_!r}; the types are {list(self._types)}")

    def _check_message(self, message: Hashable) -> None:
        if message not in self._message_actions:
            raise LabelError(f"unknown message {message!r}; the messages are {list(self._messages)}")

    # ------------------------------------------------------------------ other forms
    @functools.cached_property
    def _tree(self) -> GameTree:
        from trigame.games.tree import Chance, Decision, GameTree, Terminal

        branches = {}
        for t in self._types:
            sends = {}
            for m in self._type_messages[t]:
                replies = {a: Terminal(self._payoffs[(t, m, a)]) for a in self._message_actions[m]}
                sends[m] = Decision(self.receiver, replies, infoset=f"{self.receiver}@{m}")
            branches[t] = (self._prior[t], Decision(self.sender, sends, infoset=f"{self.sender}@{t}"))
        return GameTree(Chance(branches), players=self._players, title=self._title)

    def to_tree(self) -> GameTree:
        """The game tree: chance draws the type, the sender moves at ``"<sender>@<type>"``, the receiver at
        ``"<receiver>@<message>"`` (one node per type that can send the message).

        Paths from the root are ``(type, message, action)``.
        """
        return self._tree

    def subs(self, mapping: Mapping[Any, Any] | None = None, /, **values: Any) -> SignalingGame:
        """Substitute numbers for the symbols of a symbolic game (see :meth:`NormalFormGame.subs`)."""
        if self._kind != "symbolic":
            if mapping or values:
                raise ParameterError(f"this {self._kind} signalling game has no symbols to substitute")
            return self
        tree = self.to_tree().subs(mapping, **values)
        prior = {t: tree.node(()).outcomes[t][0] for t in self._types}  # type: ignore[union-attr]
        leaves = tree.terminals()
        payoffs = {(t, m, a): leaves[(t, m, a)] for t, m, a in self.triples()}
        game = SignalingGame(self._types, prior, dict(self._type_messages), dict(self._message_actions), payoffs,
                             self._players, title=self._title)
        game.__dict__["_tree"] = tree  # the tree it would build: the same nodes, numbers, keys and title
        return game

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self, reset={"_hash": None})  # a string's hash differs from one process to another

    def _signature(self) -> tuple[Any, ...]:
        return (self._kind, self._players, self._title, self._types, tuple(self._type_messages.items()),
                tuple(self._message_actions.items()), tuple(self._prior.items()), tuple(self._payoffs.items()))

    def __eq__(self, other: object) -> bool:
        """Games are equal when built alike (types, prior, messages, actions, payoffs, players, title)."""
        if not isinstance(other, SignalingGame):
            return NotImplemented
        if other is self:
            return True
        if hash(self) != hash(other):  # cached: unequal games are told apart without building their signatures
            return False
        return self._signature() == other._signature()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._signature())
        return self._hash

    def __repr__(self) -> str:
        head = (f"SignalingGame({len(self._types)} types, {len(self._messages)} messages, "
                f"players {list(self._players)}, {self._kind}")
        return head + (f", title={self._title!r})" if self._title else ")")

    def text(self) -> str:
        """The game as a table: prior, then one line per (type, message, action)."""
        lines = ["prior: " + ", ".join(f"{t}: {format_number(p)}" for t, p in self._prior.items())]
        for (t, m, a), (us, ur) in self._payoffs.items():
            lines.append(f"{t:>10} {m:>10} {a:>10}   ({format_number(us)}, {format_number(ur)})")
        return "\n".join(lines)

