"""Finite games in extensive form (game trees) and their subgame-perfect equilibria.

A tree is built from three immutable node types:

* :class:`Decision` -- a player chooses one of several labelled actions;
  decision nodes sharing an ``infoset`` key form one information set (the
  player cannot tell them apart), which expresses simultaneous moves and
  imperfect information;
* :class:`Chance` -- nature draws an outcome with given probabilities;
* :class:`Terminal` -- the game ends with one payoff per player.

:class:`GameTree` checks the tree (shapes, probabilities, labels, players,
information sets, perfect recall, cycles and shared children) and offers the
strategic form (:meth:`GameTree.to_normal_form`).  :func:`subgame_perfect`
returns every subgame-perfect equilibrium by backward induction over subgames
(Selten 1965, 1975), solving each simultaneous-move stage with the complete
normal-form solvers and translating mixed strategies into behaviour strategies
with Kuhn's theorem (Kuhn 1953), which applies because perfect recall is
required.

Payoffs and chance probabilities follow :class:`trigame.NormalFormGame`'s
number kinds: ints and Fractions give an exact tree, floats a float tree,
SymPy expressions a symbolic tree, whose subgame-perfect equilibria come as
pieces, each with the condition on the parameters under which it holds.

Examples
--------
Entry deterrence: the incumbent's threat to fight is not credible.

>>> import trigame as tg
>>> from trigame.games.tree import Decision, GameTree, Terminal
>>> from trigame.solve.subgame_perfect import subgame_perfect
>>> incumbent = Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})
>>> tree = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}),
...                 players=("Entrant", "Incumbent"))
>>> spes = subgame_perfect(tree)
>>> len(spes), spes[0].label()
(1, 'Entrant@root: In; Incumbent@In: Accommodate')
>>> nash = tg.equilibria(tree.to_normal_form())   # (In, Accommodate) and (Out, Fight with prob >= 1/2)
>>> sorted(e.label() for e in nash if e.is_pure)
['Entrant: In, Incumbent: Accommodate', 'Entrant: Out, Incumbent: Fight']
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert, format_number, short_repr, to_float
from trigame.errors import ParameterError, TreeError, TrigameError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = [
    "Chance",
    "Decision",
    "GameTree",
    "InformationSet",
    "Terminal",
    "TreeError",
    "stage",
]

#: Largest number of pure-strategy profiles :meth:`GameTree.to_normal_form` builds.
MAX_PROFILES = 2_000_000
#: Slack allowed when float chance probabilities are checked to sum to 1.
PROBABILITY_TOL = 1e-9


# ---------------------------------------------------------------------------- nodes
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

    def __post_init__(self) -> None:
        values = self.payoffs
        if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
            raise TreeError(f"a Terminal node needs a sequence of payoffs, got {values!r}")
        values = tuple(values.tolist() if isinstance(values, np.ndarray) else values)
        for value in values:
            try:
                classify(value)
            except TrigameError as exc:
                raise TreeError(f"Terminal node {short_repr(values, 80)}: {exc}") from None
        object.__setattr__(self, "payoffs", values)
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

    def __post_init__(self) -> None:
        if not isinstance(self.label, str):
            raise TreeError(f"Chance node: a node label must be a string, got {self.label!r}")
        what = "Chance node" + (f" ({self.label!r})" if self.label else "")
        pairs = _branches(self.outcomes, what)
        checked = []
        for outcome, entry in pairs:
            if not isinstance(entry, (list, tuple)) or len(entry) != 2:
                raise TreeError(f"{what}: outcome {outcome!r} needs a (probability, child) pair, got {entry!r}")
            probability, child = entry
            try:
                classify(probability, what="probability")
            except TrigameError as exc:
                raise TreeError(f"{what}, outcome {outcome!r}: {exc}") from None
            if not isinstance(child, (Decision, Chance, Terminal)):
                raise TreeError(f"{what}: the child of outcome {outcome!r} is not a node: {child!r}")
            checked.append((outcome, (probability, child)))
        object.__setattr__(self, "outcomes", MappingProxyType(dict(checked)))
        if not isinstance(self.label, str):
            raise TreeError(f"{what}: a node label must be a string, got {self.label!r}")

    def __repr__(self) -> str:
        return f"Chance({ {k: format_number(p) for k, (p, _) in self.outcomes.items()} })"


Node = Decision | Chance | Terminal


def stage(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    children: Any,
    *,
    key: str | None = None,
) -> Decision:
    """A simultaneous-move stage: ``players`` choose at once, then play goes on to a child.

    The stage is written as a sequence of decision nodes in which each later
    player cannot observe the earlier players' choices (one information set
    per player); whatever follows a cell of the stage observes the whole
    profile.  This is the usual way to put a strategic-form game into a tree.

    Parameters
    ----------
    players : sequence of str
        The players who move in the stage.
    strategies : sequence of sequences of str
        Each player's action labels.
    children : nested sequence or mapping
        ``children[a_1][a_2]...`` (indices, shape ``(m_1, ..., m_k)``) is the
        node reached when player ``j`` plays action ``a_j``; or a mapping from
        tuples of action labels to nodes.  A node must not be used twice:
        build a fresh :class:`Terminal` for each cell.
    key : str, optional
        Prefix of the stage's information-set keys (default: the players'
        names joined by ``"+"``); player ``j``'s key is ``"<key>:<player>"``.
        Give each stage of one tree its own key.

    Examples
    --------
    >>> from trigame.games.tree import GameTree, Terminal, stage
    >>> from trigame.solve.subgame_perfect import subgame_perfect
    >>> pd = stage(["Row", "Col"], [["C", "D"], ["C", "D"]],
    ...            [[Terminal((3, 3)), Terminal((0, 5))], [Terminal((5, 0)), Terminal((1, 1))]])
    >>> [spe.label() for spe in subgame_perfect(GameTree(pd, players=("Row", "Col")))]
    ['Row+Col:Row: D; Row+Col:Col: D']
    """
    if isinstance(players, str) or not isinstance(players, Iterable) or isinstance(strategies, str) \
            or not isinstance(strategies, Iterable):
        raise TreeError("a stage needs a sequence of players and one sequence of action labels per player")
    players = tuple(players)
    strategies = tuple(strategies)
    if not all(isinstance(s, Iterable) for s in strategies) or not all(isinstance(p, str) for p in players):
        raise TreeError("a stage needs a sequence of player names and one sequence of action labels per player")
    strategies = tuple(tuple(s) for s in strategies)
    if not players or len(strategies) != len(players):
        raise TreeError(f"a stage needs one list of actions per player; got {len(players)} players "
                        f"and {len(strategies)} lists")
    if len(set(players)) != len(players):
        raise TreeError(f"a stage lists a player twice: {list(players)}")
    prefix = key if key is not None else "+".join(players)

    def cell(profile: tuple[int, ...]) -> Node:
        if isinstance(children, Mapping):
            labels = tuple(strategies[j][a] for j, a in enumerate(profile))
            if labels not in children:
                raise TreeError(f"stage {prefix!r}: no child for the action profile {labels}")
            return children[labels]
        item = children
        for depth, a in enumerate(profile):
            if not isinstance(item, (list, tuple)) or len(item) != len(strategies[depth]):
                raise TreeError(f"stage {prefix!r}: children must have shape "
                                f"{tuple(len(s) for s in strategies)}; wrong length at depth {depth}")
            item = item[a]
        return item

    def build(depth: int, profile: tuple[int, ...]) -> Node:
        if depth == len(players):
            return cell(profile)
        branches = {label: build(depth + 1, (*profile, a)) for a, label in enumerate(strategies[depth])}
        return Decision(players[depth], branches, infoset=f"{prefix}:{players[depth]}")

    return build(0, ())  # type: ignore[return-value]


# ---------------------------------------------------------------------------- tree
@dataclass(frozen=True)
class InformationSet:
    """One information set: its key, player, actions and the paths of its nodes."""

    key: Hashable
    player: str
    actions: tuple[str, ...]
    paths: Sequence[tuple[str, ...]] = field(default=())


class _NodePaths(Sequence[tuple[str, ...]]):
    """The paths of some nodes of a tree, each built on demand by walking up to the root.

    A tree ``d`` moves deep has paths of total length of order ``d**2``; keeping
    them implicit (the parent and the incoming label of every node) keeps a
    tree's memory and construction time linear in its number of nodes.
    Compares equal to any sequence holding the same paths.
    """

    __slots__ = ("_labels", "_nodes", "_parent")

    def __init__(self, parent: Sequence[int], labels: Sequence[str], nodes: Sequence[int] | None = None) -> None:
        self._parent = parent
        self._labels = labels
        self._nodes = range(len(parent)) if nodes is None else nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        k = self._nodes[index]
        path = []
        while self._parent[k] >= 0:
            path.append(self._labels[k])
            k = self._parent[k]
        return tuple(reversed(path))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_NodePaths, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def _where(path: tuple[str, ...]) -> str:
    return "the root" if not path else "the node at path " + " > ".join(map(str, path))


#: Deepest node whose default information-set key spells out its whole path (deeper ones use the preorder number).
MAX_KEY_DEPTH = 50


def _default_key(player: str, path: Sequence[str]) -> str:
    return f"{player}@{'/'.join(path) if path else 'root'}"


class GameTree:
    """A finite game in extensive form with perfect recall.

    Parameters
    ----------
    root : Decision, Chance or Terminal
        The root node.
    players : sequence of str, optional
        Player names, in the order in which :class:`Terminal` payoffs list
        them.  Default: the moving players in the order they first appear
        (depth-first, in the order of the actions).
    title : str, optional
        A title (kept by the ``.efg`` reader and writer).

    Raises
    ------
    TreeError
        Naming the node: payoff vectors of the wrong length, negative chance
        probabilities or ones that do not sum to 1, a player not in the game,
        an information set whose nodes have different players or actions,
        imperfect recall, a cycle or a node used twice.

    Notes
    -----
    Nodes are numbered in preorder (depth first, actions in their order).
    A node is named by its *path*: the tuple of action (and chance outcome)
    labels from the root.

    Examples
    --------
    >>> from trigame.games.tree import Chance, Decision, GameTree, Terminal
    >>> tree = GameTree(Chance({"H": (0.5, Terminal((1,))), "T": (0.5, Decision("P", {"a": Terminal((2,))}))}))
    >>> tree.players, tree.kind, len(tree)
    (('P',), 'float', 4)
    """

    def __init__(self, root: Node, players: Sequence[str] | None = None, *, title: str = "") -> None:
        if not isinstance(root, (Decision, Chance, Terminal)):
            raise TreeError(f"the root must be a Decision, Chance or Terminal node, got {root!r}")
        if not isinstance(title, str):
            raise TreeError("title must be a string")
        self._root = root
        self._title = title
        self._cache: dict[str, Any] = {}
        self._collect(root)
        self._players = self._check_players(players)
        self._kind = self._number_kind()
        self._check_terminals()
        self._check_chance()
        self._build_infosets()
        self._check_recall()

    # ------------------------------------------------------------------ construction
    def _collect(self, root: Node) -> None:
        """Preorder numbering; detects cycles and shared children.

        Each node keeps its parent, the label of the branch into it and its
        depth; paths are rebuilt from these on demand, so the work and memory
        are linear in the number of nodes however deep the tree is.
        """
        nodes: list[Node] = []
        parent: list[int] = []
        labels: list[str] = []
        depth: list[int] = []
        children: list[list[int]] = []
        end: list[int] = []
        index_of: dict[int, int] = {}
        on_path: set[int] = set()
        child_of: dict[tuple[int, str], int] = {}

        def where(up: int, label: str) -> str:
            return _where((*_NodePaths(parent, labels)[up], label) if up >= 0 else ())

        # explicit stack of (node, parent index, label) and exit markers
        stack: list[Any] = [("enter", root, -1, "")]
        while stack:
            op, *rest = stack.pop()
            if op == "exit":
                (k,) = rest
                end[k] = len(nodes)
                on_path.discard(id(nodes[k]))
                continue
            node, up, label = rest
            if id(node) in on_path:
                raise TreeError(f"{where(up, label)} closes a cycle: a node is its own descendant")
            if id(node) in index_of:
                first = _NodePaths(parent, labels)[index_of[id(node)]]
                raise TreeError(f"{where(up, label)} is the same node object as {_where(first)} (a shared child); "
                                "build a separate node for each position")
            k = len(nodes)
            index_of[id(node)] = k
            nodes.append(node)
            parent.append(up)
            labels.append(label)
            depth.append(depth[up] + 1 if up >= 0 else 0)
            children.append([])
            end.append(-1)
            if up >= 0:
                children[up].append(k)
                child_of[(up, label)] = k
            on_path.add(id(node))
            stack.append(("exit", k))
            for branch, child in reversed(_branch_items(node)):
                stack.append(("enter", child, k, branch))
        self._nodes = nodes
        self._parent = parent
        #: The label of the action (or chance outcome) leading into each node ("" at the root).
        self._label = labels
        self._depth = depth
        self._paths = _NodePaths(parent, labels)
        self._children = [tuple(c) for c in children]
        self._end = end
        self._child_of = child_of

    def _find(self, path: Sequence[str]) -> int | None:
        """The index of the node at ``path``, or None."""
        k = 0
        for label in path:
            found = self._child_of.get((k, label)) if isinstance(label, str) else None
            if found is None:
                return None
            k = found
        return k

    def _check_players(self, players: Sequence[str] | None) -> tuple[str, ...]:
        movers: dict[str, None] = {}
        for k, node in enumerate(self._nodes):
            if isinstance(node, Decision):
                if not isinstance(node.player, str):
                    raise TreeError(f"{_where(self._paths[k])}: the player must be a name (str), got {node.player!r}")
                movers.setdefault(node.player)
        if players is None:
            if not movers:
                terminal = self._nodes[self._terminals()[0]]
                names = tuple(f"Player {i + 1}" for i in range(len(terminal.payoffs)))  # type: ignore[union-attr]
            else:
                names = tuple(movers)
        else:
            if isinstance(players, str):
                raise TreeError("players must be a sequence of names, not a single string")
            if not isinstance(players, Iterable):
                raise TreeError(f"players must be a sequence of names, got {players!r}")
            names = tuple(players)
            for name in names:
                if not isinstance(name, str) or not name:
                    raise TreeError(f"player names must be non-empty strings, got {name!r}")
            if len(set(names)) != len(names):
                raise TreeError(f"player names must be distinct; got {list(names)}")
        if not names:
            raise TreeError("a game tree needs at least one player")
        known = set(names)
        for k, node in enumerate(self._nodes):
            if isinstance(node, Decision) and node.player not in known:
                raise TreeError(f"{_where(self._paths[k])}: player {node.player!r} is not in the game; "
                                f"players are {list(names)}")
        return names

    def _terminals(self) -> list[int]:
        return [k for k, node in enumerate(self._nodes) if isinstance(node, Terminal)]

    def _number_kind(self) -> Kind:
        kinds: set[Kind] = set()
        for node in self._nodes:
            if isinstance(node, Terminal):
                kinds.update(classify(v) for v in node.payoffs)
            elif isinstance(node, Chance):
                kinds.update(classify(p, "probability") for p, _ in node.outcomes.values())
        return combine(kinds)

    def _check_terminals(self) -> None:
        n = len(self._players)
        self._values: dict[int, tuple[Any, ...]] = {}
        for k in self._terminals():
            node = self._nodes[k]
            assert isinstance(node, Terminal)
            if len(node.payoffs) != n:
                raise TreeError(f"terminal {_where(self._paths[k])} has {len(node.payoffs)} payoffs; "
                                f"the game has {n} players {list(self._players)}")
            self._values[k] = tuple(convert(v, self._kind) for v in node.payoffs)

    def _chance_where(self, k: int) -> Any:
        """A function naming chance node ``k`` for an error message (the path is built only when needed)."""

        def where() -> str:
            path = self._paths[k]
            return "the chance node " + (f"at path {' > '.join(path)}" if path else "at the root")

        return where

    def _check_chance(self) -> None:
        self._probabilities: dict[int, tuple[Any, ...]] = {}
        for k, node in enumerate(self._nodes):
            if not isinstance(node, Chance):
                continue
            raw = [p for p, _ in node.outcomes.values()]
            kind = combine(classify(p, "probability") for p in raw)
            values = [convert(p, kind) for p in raw]
            where = self._chance_where(k)
            if kind == "symbolic":
                import sympy

                for label, p in zip(node.outcomes, values):
                    if p.is_negative:
                        raise TreeError(f"{where()}: the probability of {label!r} is negative ({p})")
                if sympy.simplify(sum(values) - 1) != 0:
                    raise TreeError(f"{where()}: the probabilities sum to {sympy.simplify(sum(values))}, not 1")
            else:
                for label, p in zip(node.outcomes, values):
                    if p < 0:
                        raise TreeError(f"{where()}: the probability of {label!r} is negative ({format_number(p)})")
                total = sum(values)
                if (kind == "exact" and total != 1) or (kind == "float" and abs(total - 1) > PROBABILITY_TOL):
                    raise TreeError(f"{where()}: the probabilities sum to {format_number(total)}, not 1")
            self._probabilities[k] = tuple(convert(p, self._kind) for p in raw)

    def _build_infosets(self) -> None:
        explicit: dict[Hashable, list[int]] = {}
        default: dict[Hashable, int] = {}
        order: list[Hashable] = []
        for k, node in enumerate(self._nodes):
            if not isinstance(node, Decision):
                continue
            if node.infoset is None:
                key: Hashable = (_default_key(node.player, self._paths[k]) if self._depth[k] <= MAX_KEY_DEPTH
                                 else f"{node.player}@#{k}")
                if key in default:
                    raise TreeError(f"{_where(self._paths[default[key]])} and {_where(self._paths[k])} get the same "
                                    f"default information-set key {key!r}; give them infoset keys")
                default[key] = k
                order.append(key)
            else:
                key = node.infoset
                if key not in explicit:
                    explicit[key] = []
                    order.append(key)
                explicit[key].append(k)
        for key, k in default.items():
            if key in explicit:
                raise TreeError(f"the information-set key {key!r} given at {_where(self._paths[explicit[key][0]])} "
                                f"is also the default key of {_where(self._paths[k])}; choose another key")
        self._infosets: list[InformationSet] = []
        self._members: list[tuple[int, ...]] = []
        self._node_infoset: dict[int, int] = {}
        for h, key in enumerate(order):
            members = explicit.get(key, [default.get(key, -1)])
            first = self._nodes[members[0]]
            assert isinstance(first, Decision)
            for k in members[1:]:
                node = self._nodes[k]
                assert isinstance(node, Decision)
                if node.player != first.player:
                    raise TreeError(f"information set {key!r}: {_where(self._paths[k])} belongs to {node.player!r} "
                                    f"but {_where(self._paths[members[0]])} to {first.player!r}")
                if set(node.actions) != set(first.actions):
                    raise TreeError(f"information set {key!r}: {_where(self._paths[k])} has actions "
                                    f"{list(node.actions)} but {_where(self._paths[members[0]])} has "
                                    f"{list(first.actions)}")
            for k in members:
                self._node_infoset[k] = h
            self._infosets.append(InformationSet(key, first.player, tuple(first.actions),
                                                 _NodePaths(self._parent, self._label, tuple(members))))
            self._members.append(tuple(members))
        self._infoset_index = {info.key: h for h, info in enumerate(self._infosets)}

    def own_history(self, k: int, player: str, stop: int = -1) -> tuple[tuple[int, str], ...]:
        """``player``'s own (information set, action) pairs on the path to node ``k`` (below node ``stop``)."""
        history = []
        child = k
        up = self._parent[k]
        while up != stop and up >= 0:
            node = self._nodes[up]
            if isinstance(node, Decision) and node.player == player:
                history.append((self._node_infoset[up], self._label[child]))
            child, up = up, self._parent[up]
        return tuple(reversed(history))

    def _own_history_ids(self) -> dict[int, int]:
        """A number for the mover's own history at every decision node, equal numbers for equal histories.

        One preorder pass: the history at a decision node extends the history at
        the nearest ancestor where the same player moved by that ancestor's
        information set and the action taken there, so it is numbered from
        that ancestor's number (linear work, however deep the tree).
        """
        numbers: dict[tuple[int, int, str], int] = {}
        history: dict[int, int] = {}
        own: dict[str, list[int]] = {}  # each player's decision nodes on the current path from the root
        ancestors: list[int] = []
        for k, node in enumerate(self._nodes):
            while ancestors and self._end[ancestors[-1]] <= k:
                left = self._nodes[ancestors.pop()]
                if isinstance(left, Decision):
                    own[left.player].pop()
            if isinstance(node, Terminal):
                continue
            if isinstance(node, Decision):
                mine = own.setdefault(node.player, [])
                if mine:
                    up = mine[-1]
                    kids = self._children[up]
                    towards = kids[bisect.bisect_right(kids, k) - 1]  # the child of ``up`` above ``k``
                    step = (history[up], self._node_infoset[up], self._label[towards])
                    history[k] = numbers.setdefault(step, len(numbers) + 1)
                else:
                    history[k] = 0
                mine.append(k)
            ancestors.append(k)
        return history

    def _check_recall(self) -> None:
        """Perfect recall (Kuhn 1953): all nodes of an information set share the mover's own history."""
        history = self._own_history_ids()
        for info, members in zip(self._infosets, self._members):
            for k in members[1:]:
                if history[k] != history[members[0]]:
                    first = self.own_history(members[0], info.player)
                    other = self.own_history(k, info.player)

                    def show(moves: tuple[tuple[int, str], ...]) -> str:
                        return "[" + ", ".join(f"{self._infosets[h].key!r}: {a}" for h, a in moves) + "]"

                    raise TreeError(
                        f"imperfect recall at information set {info.key!r}: {_where(self._paths[k])} follows "
                        f"{info.player!r}'s own moves {show(other)} but {_where(self._paths[members[0]])} "
                        f"follows {show(first)}"
                    )

    # ------------------------------------------------------------------ properties
    @property
    def root(self) -> Node:
        """The root node."""
        return self._root

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in the order of the terminal payoffs."""
        return self._players

    @property
    def title(self) -> str:
        """The title (may be empty)."""
        return self._title

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``: the kind of the payoffs and probabilities."""
        return self._kind

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff or probability is a SymPy expression."""
        return self._kind == "symbolic"

    @property
    def information_sets(self) -> tuple[InformationSet, ...]:
        """Every information set, in the order their first nodes appear (preorder)."""
        return tuple(self._infosets)

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The free SymPy symbols of a symbolic tree, sorted by name."""
        if self._kind != "symbolic":
            return ()
        found: set[Any] = set()
        for values in [*self._values.values(), *self._probabilities.values()]:
            for v in values:
                found |= v.free_symbols
        return tuple(sorted(found, key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self._nodes)

    def node(self, path: Sequence[str] = ()) -> Node:
        """The node reached by ``path`` (a sequence of action/outcome labels from the root)."""
        return self._nodes[self._index(path)]

    def _index(self, path: Sequence[str]) -> int:
        """The index of the node at ``path``; :class:`TreeError` when there is none."""
        path = tuple(path) if isinstance(path, (list, tuple)) else path
        k = self._find(path) if isinstance(path, tuple) else None
        if k is None:
            raise TreeError(f"no node at path {list(path) if isinstance(path, tuple) else path!r}")
        return k

    def paths(self) -> Iterator[tuple[str, ...]]:
        """The path of every node, in preorder."""
        return iter(self._paths)

    def terminals(self) -> dict[tuple[str, ...], tuple[Any, ...]]:
        """``{path: payoffs}`` for every terminal node (payoffs in the tree's number kind)."""
        return {self._paths[k]: v for k, v in self._values.items()}

    def information_set(self, path: Sequence[str]) -> Hashable:
        """The key of the information set of the decision node at ``path``."""
        k = self._find(tuple(path)) if isinstance(path, (list, tuple)) else None
        if k is None or k not in self._node_infoset:
            raise TreeError(f"no decision node at path {list(path) if isinstance(path, (list, tuple)) else path!r}")
        return self._infosets[self._node_infoset[k]].key

    def subgame_roots(self) -> tuple[tuple[str, ...], ...]:
        """Paths of the non-terminal nodes that start a subgame (the root among them).

        A node starts a subgame when every information set that meets its
        subtree lies entirely inside it (Selten 1965).
        """
        return tuple(self._paths[k] for k in self._subgame_indices())

    def _subgame_indices(self) -> list[int]:
        if "subgames" not in self._cache:
            n = len(self._nodes)
            low = list(range(n))
            high = list(range(n))
            for members in self._members:
                first, last = min(members), max(members)
                for k in members:
                    low[k], high[k] = first, last
            for k in reversed(range(n)):
                for c in self._children[k]:
                    low[k] = min(low[k], low[c])
                    high[k] = max(high[k], high[c])
            self._cache["subgames"] = [
                k for k in range(n)
                if not isinstance(self._nodes[k], Terminal) and low[k] >= k and high[k] < self._end[k]
            ]
        return self._cache["subgames"]

    def subgame(self, path: Sequence[str]) -> GameTree:
        """The subgame starting at ``path``, with the same information-set keys as in this tree."""
        k = self._find(tuple(path)) if isinstance(path, (list, tuple)) else None
        if k is None or k not in set(self._subgame_indices()):
            raise TreeError(f"{_where(tuple(path)) if isinstance(path, (list, tuple)) else repr(path)} "
                            "does not start a subgame")

        def payoffs(j: int) -> tuple[Any, ...]:
            node = self._nodes[j]
            assert isinstance(node, Terminal)
            return node.payoffs

        def probability(j: int, branch: int) -> Any:
            node = self._nodes[j]
            assert isinstance(node, Chance)
            return node.outcomes[self._label[self._children[j][branch]]][0]

        return GameTree(self._rebuild(k, payoffs, probability), players=self._players, title=self._title)

    def _rebuild(self, start: int, payoffs: Any, probability: Any) -> Node:
        """A copy of the subtree at ``start`` with the same labels and information-set keys.

        ``payoffs(k)`` gives the payoffs of terminal ``k`` and ``probability(k, j)``
        the probability of chance node ``k``'s ``j``-th branch.  Built from the
        bottom up without recursion (children follow their parent in preorder).
        """
        built: dict[int, Node] = {}
        for k in range(self._end[start] - 1, start - 1, -1):
            node = self._nodes[k]
            kids = self._children[k]
            if isinstance(node, Terminal):
                built[k] = Terminal(payoffs(k), label=node.label)
            elif isinstance(node, Chance):
                built[k] = Chance({self._label[c]: (probability(k, j), built.pop(c)) for j, c in enumerate(kids)},
                                  label=node.label)
            else:
                key = self._infosets[self._node_infoset[k]].key
                built[k] = Decision(node.player, {self._label[c]: built.pop(c) for c in kids},
                                    infoset=key, label=node.label)
        return built[start]

    # ------------------------------------------------------------------ values
    def subs(self, mapping: Mapping[Any, Any] | None = None, /, **values: Any) -> GameTree:
        """Substitute numbers for the symbols of a symbolic tree (see :meth:`NormalFormGame.subs`).

        Information-set keys are kept.  Examples
        --------
        >>> import sympy as sp
        >>> from trigame.games.tree import Decision, GameTree, Terminal
        >>> c = sp.Symbol("c")
        >>> tree = GameTree(Decision("P", {"a": Terminal((c,)), "b": Terminal((1,))}))
        >>> tree.subs(c=2).terminals()
        {('a',): (Fraction(2, 1),), ('b',): (Fraction(1, 1),)}
        """
        import sympy

        from trigame.games.normal_form import _substitutions

        given = _substitutions(mapping, values)
        if self._kind != "symbolic":
            if given:
                raise ParameterError(f"this {self._kind} tree has no symbols to substitute")
            return self
        by_name = {s.name: s for s in self.symbols}
        replacements = {}
        for key, value in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(name, str) or name not in by_name:
                raise ParameterError(f"unknown symbol {key!r}; the tree's symbols are {sorted(by_name)}")
            try:
                classify(value, what=f"value of {name!r}")
            except TrigameError as exc:
                raise ParameterError(str(exc)) from None
            replacements[by_name[name]] = convert(value, "symbolic")

        def number(value: Any) -> Any:
            result = value.xreplace(replacements)
            if result.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or (
                result.is_number and result.is_extended_real is False
            ):
                raise ParameterError(f"with these values {value} becomes {result}; payoffs and probabilities "
                                     "must stay finite real numbers")
            if result.is_Rational:
                return Fraction(int(result.p), int(result.q))
            if result.is_number:
                try:
                    return float(result)
                except (TypeError, ValueError, OverflowError) as exc:
                    raise ParameterError(f"with these values {value} becomes {result}, not a float: {exc}") from None
            return result

        return GameTree(
            self._rebuild(0, lambda k: tuple(number(v) for v in self._values[k]),
                          lambda k, j: number(self._probabilities[k][j])),
            players=self._players, title=self._title,
        )

    def _check_behavior(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """Behaviour probabilities as one tuple per information set, in the order of its actions."""
        if not isinstance(behavior, Mapping):
            raise TreeError(f"a behaviour strategy is a mapping {{information set: {{action: probability}}}}, "
                            f"got {behavior!r}")
        out = []
        for info in self._infosets:
            if info.key not in behavior:
                raise TreeError(f"the behaviour strategy gives nothing at information set {info.key!r}")
            dist = behavior[info.key]
            if not isinstance(dist, Mapping):
                raise TreeError(f"the behaviour at information set {info.key!r} must be a mapping "
                                f"{{action: probability}}, got {dist!r}")
            unknown = set(dist) - set(info.actions)
            if unknown:
                raise TreeError(f"information set {info.key!r} has no action(s) {sorted(unknown)}")
            out.append(tuple(dist.get(a, 0) for a in info.actions))
        return out

    def outcomes(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> dict[tuple[str, ...], Any]:
        """``{path to a terminal node: probability}`` under a behaviour strategy profile (positive ones only)."""
        return {self._paths[k]: p for k, p in self._reach(behavior).items()}

    def _reach(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> dict[int, Any]:
        """``{terminal node: probability}`` under a behaviour strategy profile (positive ones only)."""
        probs = self._check_behavior(behavior)
        reach: dict[int, Any] = {0: Fraction(1) if self._kind != "float" else 1.0}
        out: dict[int, Any] = {}
        for k in range(len(self._nodes)):
            if k not in reach:
                continue
            node = self._nodes[k]
            p = reach.pop(k)
            if isinstance(node, Terminal):
                out[k] = p
                continue
            if isinstance(node, Chance):
                weights = self._probabilities[k]
            else:
                info = self._infosets[self._node_infoset[k]]
                dist = dict(zip(info.actions, probs[self._node_infoset[k]]))
                weights = tuple(dist[self._label[c]] for c in self._children[k])
            for c, w in zip(self._children[k], weights):
                if not _is_zero(w):
                    reach[c] = _clean(p * w)
        return out

    def expected_payoffs(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[Any, ...]:
        """Each player's expected payoff under a behaviour strategy profile."""
        total: list[Any] = [0] * len(self._players)
        for k, p in self._reach(behavior).items():
            values = self._values[k]
            total = [t + p * v for t, v in zip(total, values)]
        return tuple(_clean(_as_kind(t, self._kind)) for t in total)

    # ------------------------------------------------------------------ strategic form
    def player_infosets(self, player: str) -> tuple[InformationSet, ...]:
        """``player``'s information sets, in preorder."""
        if not isinstance(player, str) or player not in self._players:
            raise TreeError(f"unknown player {player!r}; players are {list(self._players)}")
        return tuple(info for info in self._infosets if info.player == player)

    def pure_strategies(self, player: str) -> tuple[tuple[str, ...], ...]:
        """``player``'s pure strategies: one action per information set (preorder), first set slowest."""
        return tuple(itertools.product(*(info.actions for info in self.player_infosets(player))))

    def to_normal_form(self, *, max_profiles: int = MAX_PROFILES, max_memory: int | None = None) -> NormalFormGame:
        """The strategic form: a pure strategy picks one action at each of a player's information sets.

        Strategy labels join the actions with ``"|"`` in the order of
        :meth:`player_infosets` (e.g. ``"Accommodate|Back"``); a player without
        a move has the single strategy ``"-"``.  Chance moves are averaged out.

        Parameters
        ----------
        max_profiles : int, default ``MAX_PROFILES`` (2,000,000)
            The largest number of pure-strategy profiles built.  The number is
            the product of the players' numbers of pure strategies, computed
            from the information sets before anything is built.
        max_memory : int, optional
            Memory budget in bytes for the payoff table and the strategy labels
            (default :data:`trigame.budget.DEFAULT_MAX_BYTES`, capped by the
            memory available).

        Raises
        ------
        BudgetExceededError
            When the strategic form would have more than ``max_profiles``
            profiles or need more than ``max_memory`` bytes (checked first).

        Examples
        --------
        >>> from trigame.games.tree import Decision, GameTree, Terminal
        >>> second = Decision("B", {"l": Terminal((1, 1)), "r": Terminal((0, 0))})
        >>> g = GameTree(Decision("A", {"x": second, "y": Terminal((2, 0))})).to_normal_form()
        >>> g.strategies, g.payoffs[0].tolist()
        ((('x', 'y'), ('l', 'r')), [[Fraction(1, 1), Fraction(0, 1)], [Fraction(2, 1), Fraction(2, 1)]])
        """
        from trigame.budget import check_limit, check_memory
        from trigame.errors import BudgetExceededError

        check_limit(max_profiles, "max_profiles", allow_none=False)
        if max_memory is not None:
            check_limit(max_memory, "max_memory", allow_none=False)
        if "normal_form" in self._cache:
            return self._cache["normal_form"]
        from trigame.games.normal_form import NormalFormGame

        n = len(self._players)
        own_sets: dict[str, list[int]] = {p: [] for p in self._players}
        for h, info in enumerate(self._infosets):
            own_sets[info.player].append(h)
        radices = [[len(self._infosets[h].actions) for h in own_sets[p]] for p in self._players]
        shape = tuple(math.prod(r) for r in radices)
        size = math.prod(shape)
        if size > max_profiles:
            raise BudgetExceededError(
                f"the strategic form of this tree has {_count_text(size)} pure "
                f"profiles (more than max_profiles={max_profiles}); "
                "solve it with subgame_perfect instead, or pass max_profiles=... to allow more")
        per_entry = 8 if self._kind == "float" else 120
        labels_size = sum(m * (64 + 8 * len(r)) for m, r in zip(shape, radices))
        check_memory(n * size * per_entry + labels_size, "the strategic form of this tree", limit=max_memory)
        try:
            if self._kind == "float":
                payoffs = np.zeros((n, *shape))
            else:
                payoffs = np.empty((n, *shape), dtype=object)
                payoffs.fill(Fraction(0) if self._kind == "exact" else convert(0, "symbolic"))
        except ValueError as exc:  # more axes than NumPy supports
            raise UnsupportedGameError(f"the strategic form of this tree ({n} players) cannot be stored "
                                       f"as an array: {exc}") from None
        strategies = [self.pure_strategies(p) for p in self._players]
        # A pure strategy's index is a mixed-radix number, one digit per information set (first set slowest).
        position: dict[int, tuple[int, int, int]] = {}  # infoset -> (player, slot, stride)
        for i, player in enumerate(self._players):
            stride = shape[i]
            for slot, h in enumerate(own_sets[player]):
                stride //= radices[i][slot]
                position[h] = (i, slot, stride)
        action_index = [{a: j for j, a in enumerate(info.actions)} for info in self._infosets]
        for k, weight, required in self._terminal_paths(0, frozenset(self._values)):
            fixed: list[dict[int, int]] = [{} for _ in range(n)]
            for h, action in required:
                i, slot, stride = position[h]
                fixed[i][slot] = action_index[h][action] * stride
            indices = []
            for i, player in enumerate(self._players):
                index = np.zeros(1, dtype=np.int64)
                for slot, h in enumerate(own_sets[player]):
                    if slot in fixed[i]:
                        index = index + fixed[i][slot]
                    elif radices[i][slot] > 1:
                        digits = np.arange(radices[i][slot], dtype=np.int64) * position[h][2]
                        index = (index[:, None] + digits).reshape(-1)
                indices.append(index)
            cells = np.ix_(*indices)
            for i in range(n):
                payoffs[i][cells] = payoffs[i][cells] + weight * self._values[k][i]
        labels = [tuple("|".join(s) for s in own) if own != ((),) else ("-",) for own in strategies]
        for i, own in enumerate(labels):
            if len(set(own)) != len(own):  # actions containing "|" may collide: fall back to tuples
                labels[i] = tuple(repr(s) for s in strategies[i])
        game = NormalFormGame(payoffs, players=self._players, strategies=labels, title=self._title, kind=self._kind)
        self._cache["normal_form"] = game
        return game

    def _terminal_paths(
        self, start: int, leaves: frozenset[int]
    ) -> Iterator[tuple[int, Any, tuple[tuple[int, str], ...]]]:
        """Leaves below ``start``: (node, product of chance probabilities, required (infoset, action) pairs)."""
        one: Any = 1.0 if self._kind == "float" else Fraction(1)
        stack: list[tuple[int, Any, tuple[tuple[int, str], ...]]] = [(start, one, ())]
        while stack:
            k, weight, required = stack.pop()
            if k in leaves:
                yield k, weight, required
                continue
            node = self._nodes[k]
            for j, c in enumerate(self._children[k]):
                if isinstance(node, Chance):
                    p = self._probabilities[k][j]
                    if not _is_zero(p):
                        stack.append((c, _clean(weight * p), required))
                else:
                    stack.append((c, weight, (*required, (self._node_infoset[k], self._label[c]))))

    def strategy_profile(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[np.ndarray, ...]:
        """The mixed-strategy profile of :meth:`to_normal_form` that plays ``behavior``.

        Each pure strategy gets the product of its actions' behaviour
        probabilities (independent randomisation at every information set),
        which is realization-equivalent to ``behavior`` (Kuhn 1953).
        """
        probs = self._check_behavior(behavior)
        out = []
        for player in self._players:
            vector: list[Any] = [Fraction(1) if self._kind != "float" else 1.0]
            for info in self.player_infosets(player):
                dist = probs[self._infoset_index[info.key]]
                vector = [_clean(v * p) for v in vector for p in dist]
            if self._kind == "float":
                out.append(np.array([to_float(v) for v in vector], dtype=float))
            else:
                out.append(np.array([_as_kind(v, self._kind) for v in vector], dtype=object))
        return tuple(out)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        head = f"GameTree({len(self._nodes)} nodes, players {list(self._players)}, {self._kind}"
        return head + (f", title={self._title!r})" if self._title else ")")

    def text(self) -> str:
        """The tree as indented text, one node a line (nodes deeper than 50 moves say their depth)."""
        lines = []
        for k, node in enumerate(self._nodes):
            depth = self._depth[k]
            indent = "  " * min(depth, MAX_KEY_DEPTH) + (f"[depth {depth}] " if depth > MAX_KEY_DEPTH else "")
            indent += f"{self._label[k]} -> " if k else ""
            if isinstance(node, Terminal):
                lines.append(indent + "(" + ", ".join(format_number(v) for v in self._values[k]) + ")")
            elif isinstance(node, Chance):
                lines.append(indent + "chance " + ", ".join(
                    f"{a}: {format_number(p)}" for a, p in zip(node.outcomes, self._probabilities[k])))
            else:
                lines.append(indent + f"{node.player} [{self._infosets[self._node_infoset[k]].key}]")
        return "\n".join(lines)


def _branch_items(node: Node) -> list[tuple[str, Node]]:
    if isinstance(node, Decision):
        return list(node.actions.items())
    if isinstance(node, Chance):
        return [(label, child) for label, (_, child) in node.outcomes.items()]
    return []


def _is_zero(value: Any) -> bool:
    if isinstance(value, (float, np.floating, int, Fraction)):
        return value == 0
    return bool(getattr(value, "is_zero", False))


def _clean(value: Any) -> Any:
    """Keep SymPy products tidy (expand and cancel); leave numbers alone."""
    if isinstance(value, (float, int, Fraction, np.floating)):
        return value
    import sympy

    return sympy.cancel(sympy.expand(value)) if isinstance(value, sympy.Expr) else value


def _as_kind(value: Any, kind: Kind) -> Any:
    if kind == "symbolic":
        return convert(value, "symbolic")
    return convert(value, kind)


def _count_text(count: int) -> str:
    """A count for a message: in full up to 10^12, else its order of magnitude (``'about 10^902'``)."""
    return str(count) if count < 10**12 else f"about 10^{len(str(count)) - 1}" if count < 10**4000 else "over 10^4000"
