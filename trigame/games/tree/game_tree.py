"""The game tree: :class:`GameTree`, what one asks of a checked tree.

Its structure and checks come from :class:`~trigame.games.tree.structure.TreeStructure`;
here are the properties, the nodes by path, the subgames (Selten 1965),
substitution of numbers for symbols, and the entry points to behaviour
strategies (:mod:`~trigame.games.tree.behavior`) and to the strategic form
(:mod:`~trigame.games.tree.strategic_form`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, convert, format_number
from trigame.errors import ParameterError, TreeError, TrigameError
from trigame.games._pickling import reduce_tree
from trigame.games.tree import strategic_form
from trigame.games.tree.behavior import expected_payoffs as behavior_expected_payoffs
from trigame.games.tree.behavior import outcomes as behavior_outcomes
from trigame.games.tree.nodes import Chance, Decision, Node, Terminal
from trigame.games.tree.strategic_form import MAX_PROFILES
from trigame.games.tree.structure import MAX_KEY_DEPTH, InformationSet, TreeStructure, _where

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = ["GameTree"]


class GameTree(TreeStructure):
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
    labels from the root.  Trees compare equal (and hash alike) when built
    alike: the same players, title, number kind and nodes in the same order,
    as a pickled copy is; nodes themselves compare by identity (a node is a
    position in one tree).

    Examples
    --------
    >>> from trigame.games.tree import Chance, Decision, GameTree, Terminal
    >>> tree = GameTree(Chance({"H": (0.5, Terminal((1,))), "T": (0.5, Decision("P", {"a": Terminal((2,))}))}))
    >>> tree.players, tree.kind, len(tree)
    (('P',), 'float', 4)
    """

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
        if "symbols" not in self._cache:  # asked by every subs: a walk over every payoff
            found: set[Any] = set()
            for values in [*self._values.values(), *self._probabilities.values()]:
                for v in values:
                    found |= v.free_symbols
            self._cache["symbols"] = tuple(sorted(found, key=lambda s: s.name))
        return self._cache["symbols"]

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

    def _rebuild(self, start: int, payoffs: Any, probability: Any, preorder: list[Any] | None = None) -> Node:
        """A copy of the subtree at ``start`` with the same labels and information-set keys.

        ``payoffs(k)`` gives the payoffs of terminal ``k`` and ``probability(k, j)``
        the probability of chance node ``k``'s ``j``-th branch.  Built from the
        bottom up without recursion (children follow their parent in preorder).
        ``preorder``, when given, receives the new nodes in preorder.
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
            if preorder is not None:
                preorder[k - start] = built[k]
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

        # a model's payoffs repeat a few expression objects (SymPy caches them): each substituted once, keyed by
        # identity (older SymPy calls 2.0*c and 2*c equal), the tree keeping them alive meanwhile
        done: dict[int, Any] = {}

        def number(value: Any) -> Any:
            if id(value) in done:
                return done[id(value)]
            result = value.xreplace(replacements)
            if result.is_Rational:  # the usual case: neither infinite nor complex
                done[id(value)] = Fraction(int(result.p), int(result.q))
                return done[id(value)]
            if result.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or (
                result.is_number and result.is_extended_real is False
            ):
                raise ParameterError(f"with these values {value} becomes {result}; payoffs and probabilities "
                                     "must stay finite real numbers")
            if result.is_number:
                try:
                    done[id(value)] = float(result)
                except (TypeError, ValueError, OverflowError) as exc:
                    raise ParameterError(f"with these values {value} becomes {result}, not a float: {exc}") from None
            else:
                done[id(value)] = result
            return done[id(value)]

        # the same shape, built alike: its structure is shared, only the new numbers are checked
        nodes: list[Any] = [None] * len(self._nodes)
        self._rebuild(0, lambda k: tuple(number(v) for v in self._values[k]),
                      lambda k, j: number(self._probabilities[k][j]), nodes)
        return self._with_nodes(nodes)

    # ------------------------------------------------------------------ behaviour strategies
    def outcomes(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> dict[tuple[str, ...], Any]:
        """``{path to a terminal node: probability}`` under a behaviour strategy profile (positive ones only)."""
        return behavior_outcomes(self, behavior)

    def expected_payoffs(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[Any, ...]:
        """Each player's expected payoff under a behaviour strategy profile."""
        return behavior_expected_payoffs(self, behavior)

    # ------------------------------------------------------------------ strategic form
    def player_infosets(self, player: str) -> tuple[InformationSet, ...]:
        """``player``'s information sets, in preorder."""
        return strategic_form.player_infosets(self, player)

    def pure_strategies(self, player: str) -> tuple[tuple[str, ...], ...]:
        """``player``'s pure strategies: one action per information set (preorder), first set slowest."""
        return strategic_form.pure_strategies(self, player)

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
        return strategic_form.to_normal_form(self, max_profiles=max_profiles, max_memory=max_memory)

    def strategy_profile(self, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[np.ndarray, ...]:
        """The mixed-strategy profile of :meth:`to_normal_form` that plays ``behavior``.

        Each pure strategy gets the product of its actions' behaviour
        probabilities (independent randomisation at every information set),
        which is realization-equivalent to ``behavior`` (Kuhn 1953).
        """
        return strategic_form.strategy_profile(self, behavior)

    # ------------------------------------------------------------------ value semantics
    def _signature(self) -> tuple[Any, ...]:
        """Everything the tree is built from, flat: players, title, kind and each node in preorder (its parent,
        the label into it, its own label, and its player and information-set key, or its probabilities, or its
        payoffs).  Flat, so comparing deep trees needs no recursion."""
        nodes: list[tuple[Any, ...]] = []
        for k, node in enumerate(self._nodes):
            head = (self._parent[k], self._label[k], node.label)
            if isinstance(node, Terminal):
                nodes.append((*head, "T", self._values[k]))
            elif isinstance(node, Chance):
                nodes.append((*head, "C", self._probabilities[k]))
            else:
                nodes.append((*head, "D", node.player, self._infosets[self._node_infoset[k]].key))
        return self._players, self._title, self._kind, tuple(nodes)

    def __eq__(self, other: object) -> bool:
        """Trees are equal when built alike: the same players, title, number kind and nodes in the same
        order (labels, players, information-set keys, payoffs and probabilities), as a pickled copy is."""
        if other is self:
            return True
        if not isinstance(other, GameTree):
            return NotImplemented
        if hash(self) != hash(other):  # cached: unequal trees are told apart without building their signatures
            return False
        return self._signature() == other._signature()

    def __hash__(self) -> int:
        if "hash" not in self._cache:
            self._cache["hash"] = hash(self._signature())
        return self._cache["hash"]

    # ------------------------------------------------------------------ display
    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_tree(self, Decision, Chance)  # the nodes in preorder, no recursion, no caches

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
