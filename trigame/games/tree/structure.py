"""The checked structure of a game tree: nodes in preorder, paths, information sets and perfect recall.

:class:`TreeStructure` numbers the nodes of a tree in preorder (depth first,
actions in their order) without recursion, and checks what depends on the
whole tree: no cycles or shared children, the players, the length of every
payoff vector, chance probabilities that are non-negative and sum to 1, one
number kind for all payoffs and probabilities, information sets whose nodes
share a player and actions, and perfect recall (Kuhn 1953).  It keeps each
node's parent, incoming label, depth and children, so that paths are rebuilt
on demand and work and memory stay linear in the number of nodes, however
deep the tree.  :class:`trigame.games.tree.GameTree` adds what one asks of
a tree.
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trigame._numbers import Kind, combine, convert, format_number
from trigame.errors import TreeError
from trigame.games.tree.nodes import Chance, Decision, Node, Terminal, _branch_items

__all__ = ["MAX_KEY_DEPTH", "PROBABILITY_TOL", "InformationSet", "TreeStructure", "movers_above", "stage_nodes"]

#: Slack allowed when float chance probabilities are checked to sum to 1.
PROBABILITY_TOL = 1e-9


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
    """A node named by its path, for messages."""
    return "the root" if not path else "the node at path " + " > ".join(map(str, path))


#: Deepest node whose default information-set key spells out its whole path (deeper ones use the preorder number).
MAX_KEY_DEPTH = 50


def _default_key(player: str, path: Sequence[str]) -> str:
    """The information-set key of a node without one: ``"<player>@<actions from the root>"``."""
    return f"{player}@{'/'.join(path) if path else 'root'}"


class TreeStructure:
    """The checked structure of a game tree (the base of :class:`~trigame.games.tree.GameTree`).

    Built from the root node, the players and a title as described for
    :class:`~trigame.games.tree.GameTree`; raises :class:`TreeError`, naming
    the node, when the tree is not a finite game with perfect recall.
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
        self._check_numbers()
        self._build_infosets()
        self._check_recall()

    def _check_numbers(self) -> None:
        """The number kind, the payoffs and the probabilities, checked and converted: all a tree holds that
        depends on its numbers (:meth:`_with_nodes` calls this alone)."""
        self._kind = self._number_kind()
        self._check_terminals()
        self._check_chance()

    def _with_nodes(self, nodes: list[Node]) -> Any:
        """A tree of this one's shape whose nodes, in preorder, are ``nodes``: built alike (the same players,
        branch labels and information-set keys) with other payoffs and probabilities, as substitution builds them.

        The structure and what was checked of it (players, information sets, perfect recall) are shared, not
        found again (every field is copied, then the nodes and caches replaced); the number kind, the payoffs
        and the probabilities are checked as for a new tree (:meth:`_check_numbers`).
        """
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new._root = nodes[0]
        new._nodes = nodes
        new._cache = {}
        new._check_numbers()
        return new

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
        """The kind of all payoffs and probabilities: the nodes classified theirs when built."""
        return combine({node._kind for node in self._nodes if not isinstance(node, Decision)})

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
            kind = node._kind
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


def stage_nodes(tree: TreeStructure, x: int, roots: Container[int]) -> tuple[list[int], list[int]]:
    """The decision and chance nodes of the stage rooted at ``x`` (preorder), and the subgame roots below it.

    The stage of a subgame is the part of it outside its proper subgames, whose roots are ``roots``.
    """
    inner, below = [], []
    stack = [x]
    while stack:
        k = stack.pop()
        inner.append(k)
        for c in reversed(tree._children[k]):
            if isinstance(tree._nodes[c], Terminal):
                continue
            if c in roots:
                below.append(c)
            else:
                stack.append(c)
    inner.sort()
    below.sort()
    return inner, below


def movers_above(tree: TreeStructure, x: int) -> frozenset[str]:
    """The players who move at a decision node above node ``x``."""
    players = set()
    k = tree._parent[x]
    while k >= 0:
        node = tree._nodes[k]
        if isinstance(node, Decision):
            players.add(node.player)
        k = tree._parent[k]
    return frozenset(players)
