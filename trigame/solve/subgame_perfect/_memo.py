"""Stage games shared by many exact solves of trees built alike: a private memo of the backward induction.

A regime map checks its symbolic answer at thousands of witness points, each by an exact backward induction of
the model's tree with the point's numbers.  The stages after the first moves depend on fewer parameters than
the whole tree (in BayesianLateralPressure the Bayesian stage after "Press" on six of the eight, the one after
"Not press" on five, and neither on the United States' own payoffs), so the same stage game recurs at many
points.  :class:`StageMemo` keeps, for one such batch of solves, each exact stage game put into strategic
form (:meth:`_Solver.strategic_form`) and its complete Nash equilibria, keyed on the game itself: its
players, their strategies and its exact payoffs, everything :func:`trigame.equilibria` reads, solved with its
default options; and for each such game at a stage of the tree (with the stage's chance probabilities) the
distinct behaviours of its equilibria (Kuhn 1953) with the probabilities with which each reaches the stage's
leaves.  Trees of one shape share their structure (:meth:`GameTree.subs` builds them alike), and behaviours
are kept only for trees of the shape of the first tree seen.  The stage's value to every player (which
depends on the payoffs of the players who do not move in it), ties and notes are worked out at each point as
without the memo, so the result is the plain solve's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.games.tree.game_tree import GameTree
    from trigame.results import EquilibriumSet

__all__ = ["StageMemo"]


class StageMemo:
    """The stage games solved by a batch of exact backward inductions, with their equilibria.

    Private: made by a caller that solves many trees of one shape (a regime map's point checks) and passed
    to :func:`trigame.solve.subgame_perfect._solve_with_memo`; not a global cache, it lives as long as the
    caller keeps it.  A stage game is keyed on its players' strategies (each a tuple of actions, one per
    information set of the player in the stage) and its payoffs, as integers over their least common
    denominator; ``hits`` and ``misses`` count the stage games found and solved.
    """

    def __init__(self) -> None:
        self._games: dict[tuple[Any, ...], NormalFormGame] = {}
        # the equilibria of the games in _games (alive as long as the memo) by id, None until solved
        self._found: dict[int, EquilibriumSet | None] = {}
        self._shape: Any = None  # the children lists of the first tree: trees of its shape share them
        self._solutions: dict[tuple[Any, ...], list[Any]] = {}
        self.hits = 0
        self.misses = 0

    def game(self, key: tuple[Any, ...], build: Callable[[], NormalFormGame]) -> NormalFormGame:
        """The stage game with this key: the one built before, or ``build()`` (then kept)."""
        game = self._games.get(key)
        if game is None:
            game = self._games[key] = build()
            self._found[id(game)] = None
            self.misses += 1
        else:
            self.hits += 1
        return game

    def equilibria(self, game: NormalFormGame) -> EquilibriumSet:
        """``trigame.equilibria(game)`` with its default options, solved once for each game the memo built."""
        from trigame.solve import equilibria

        if id(game) not in self._found:
            return equilibria(game)
        found = self._found[id(game)]
        if found is None:
            found = self._found[id(game)] = equilibria(game)
        return found

    def solutions(self, tree: GameTree, key: tuple[Any, ...], find: Callable[[], list[Any]]) -> list[Any]:
        """A stage's solutions in a tree of the memo's shape: ``find()`` once per key (the stage's root, its
        game built by the memo and its chance probabilities), for trees of another shape every time."""
        if self._shape is None:
            self._shape = tree._children
        if tree._children is not self._shape or key[1] not in self._found:
            return find()
        if key not in self._solutions:
            self._solutions[key] = find()
        return self._solutions[key]
