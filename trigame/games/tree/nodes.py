"""The three immutable node types a game tree is built from: :class:`Decision`, :class:`Chance`, :class:`Terminal`.

A node holds its children, so a tree is given by its root.  Each node checks
its own entries when built (branch labels, payoffs and probabilities of a
supported number kind); what depends on the whole tree -- the players,
payoff lengths, probability sums, information sets, perfect recall -- is
checked by :class:`trigame.games.tree.GameTree`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from trigame._numbers import Kind, classify, combine, format_number, short_repr
from trigame.errors import TreeError, TrigameError
from trigame.games._pickling import reduce_fields

__all__ = ["Chance", "Decision", "Node", "Terminal"]


def _branches(items: Any, what: str) -> tuple[tuple[str, Any], ...]:
    """Labelled branches given as a mapping or a sequence of ``(label, value)`` pairs."""
    if isinstance(items, Mapping):
        pairs = list(items.items())
    elif isinstance(items, (list, tuple)):
        pairs = []
        for item in items:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise TreeError(f"{what}: branches must be (label, child) pairs, got {item!r}")
            pairs.append((item[0], item[1]))
    else:
        raise TreeError(f"{what}: branches must be a mapping {{label: child}}, got {type(items).__name__}")
    if not pairs:
        raise TreeError(f"{what} has no branches")
    labels = [label for label, _ in pairs]
    for label in labels:
        if not isinstance(label, str) or not label:
            raise TreeError(f"{what}: branch labels must be non-empty strings, got {label!r}")
    repeated = sorted(label for label, count in Counter(labels).items() if count > 1)
    if repeated:
        raise TreeError(f"{what} repeats the branch label(s) {repeated}")
    return tuple(pairs)


@dataclass(frozen=True, eq=False, repr=False)
class Terminal:
    """A terminal node: the game ends with ``payoffs``, one per player of the tree.

    Parameters
    ----------
    payoffs : sequence of numbers
        Ints/Fractions, floats or SymPy expressions, in the order of
        :attr:`GameTree.players`.
    label : str, optional
        A name for the outcome (kept by the ``.efg`` reader and writer).
    """

    payoffs: tuple[Any, ...]
    label: str = ""
    #: the number kind of the payoffs, found once here (the tree combines its nodes' kinds)
    _kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = self.payoffs
        if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
            raise TreeError(f"a Terminal node needs a sequence of payoffs, got {values!r}")
        values = tuple(values.tolist() if isinstance(values, np.ndarray) else values)
        kinds = []
        for value in values:
            try:
                kinds.append(classify(value))
            except TrigameError as exc:
                raise TreeError(f"Terminal node {short_repr(values, 80)}: {exc}") from None
        object.__setattr__(self, "payoffs", values)
        object.__setattr__(self, "_kind", combine(kinds))
        if not isinstance(self.label, str):
            raise TreeError(f"a node label must be a string, got {self.label!r}")

    def __repr__(self) -> str:
        return f"Terminal(({', '.join(format_number(v) for v in self.payoffs)}))"


@dataclass(frozen=True, eq=False, repr=False)
class Decision:
    """A decision node: ``player`` chooses one of the labelled ``actions``.

    Parameters
    ----------
    player : str
        The player who moves (one of the tree's players).
    actions : mapping of str to node
        ``{action label: child node}`` (or a sequence of ``(label, child)`` pairs).
    infoset : hashable, optional
        Decision nodes with the same key form one information set: the same
        player, the same actions, and the player cannot tell them apart.  By
        default every node is its own information set, keyed
        ``"<player>@<actions from the root>"`` (``"<player>@root"`` at the root)
        -- ``"<player>@#<preorder number>"`` for nodes more than
        ``MAX_KEY_DEPTH`` (50) moves deep, so that keys stay short.
    label : str, optional
        A name for the node (kept by the ``.efg`` reader and writer).
    """

    player: str
    actions: Mapping[str, Node]
    infoset: Hashable | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.label, str):
            raise TreeError(f"Decision node of {self.player!r}: a node label must be a string, got {self.label!r}")
        what = f"Decision node of {self.player!r}" + (f" ({self.label!r})" if self.label else "")
        pairs = _branches(self.actions, what)
        for action, child in pairs:
            if not isinstance(child, (Decision, Chance, Terminal)):
                raise TreeError(f"{what}: the child of action {action!r} is not a node: {child!r}")
        object.__setattr__(self, "actions", MappingProxyType(dict(pairs)))
        if self.infoset is not None and not isinstance(self.infoset, Hashable):
            raise TreeError(f"{what}: the infoset key must be hashable, got {self.infoset!r}")
        if not isinstance(self.label, str):
            raise TreeError(f"{what}: a node label must be a string, got {self.label!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def __repr__(self) -> str:
        key = "" if self.infoset is None else f", infoset={self.infoset!r}"
        return f"Decision({self.player!r}, {list(self.actions)}{key})"


@dataclass(frozen=True, eq=False, repr=False)
class Chance:
    """A chance node: nature draws each labelled outcome with its probability.

    Parameters
    ----------
    outcomes : mapping of str to (probability, node)
        ``{outcome label: (probability, child node)}``; probabilities are
        non-negative and sum to 1 (ints/Fractions, floats or SymPy expressions).
    label : str, optional
        A name for the node (kept by the ``.efg`` reader and writer).
    """

    outcomes: Mapping[str, tuple[Any, Node]]
    label: str = ""
    #: the number kind of the probabilities, found once here (the tree combines its nodes' kinds)
    _kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.label, str):
            raise TreeError(f"Chance node: a node label must be a string, got {self.label!r}")
        what = "Chance node" + (f" ({self.label!r})" if self.label else "")
        pairs = _branches(self.outcomes, what)
        checked = []
        kinds = []
        for outcome, entry in pairs:
            if not isinstance(entry, (list, tuple)) or len(entry) != 2:
                raise TreeError(f"{what}: outcome {outcome!r} needs a (probability, child) pair, got {entry!r}")
            probability, child = entry
            try:
                kinds.append(classify(probability, what="probability"))
            except TrigameError as exc:
                raise TreeError(f"{what}, outcome {outcome!r}: {exc}") from None
            if not isinstance(child, (Decision, Chance, Terminal)):
                raise TreeError(f"{what}: the child of outcome {outcome!r} is not a node: {child!r}")
            checked.append((outcome, (probability, child)))
        object.__setattr__(self, "outcomes", MappingProxyType(dict(checked)))
        object.__setattr__(self, "_kind", combine(kinds))
        if not isinstance(self.label, str):
            raise TreeError(f"{what}: a node label must be a string, got {self.label!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def __repr__(self) -> str:
        return f"Chance({ {k: format_number(p) for k, (p, _) in self.outcomes.items()} })"


Node = Decision | Chance | Terminal


def _branch_items(node: Node) -> list[tuple[str, Node]]:
    """The ``(label, child)`` pairs below ``node``, in order (none below a terminal node)."""
    if isinstance(node, Decision):
        return list(node.actions.items())
    if isinstance(node, Chance):
        return [(label, child) for label, (_, child) in node.outcomes.items()]
    return []

