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
strategic form (:meth:`GameTree.to_normal_form`).
:func:`~trigame.solve.subgame_perfect.subgame_perfect`
returns every subgame-perfect equilibrium by backward induction over subgames
(Selten 1965, 1975), solving each simultaneous-move stage with the complete
normal-form solvers and translating mixed strategies into behaviour strategies
with Kuhn's theorem (Kuhn 1953), which applies because perfect recall is
required.

Payoffs and chance probabilities follow :class:`trigame.NormalFormGame`'s
number kinds: ints and Fractions give an exact tree, floats a float tree,
SymPy expressions a symbolic tree, whose subgame-perfect equilibria come as
pieces, each with the condition on the parameters under which it holds.

The package holds the node types (:mod:`~trigame.games.tree.nodes`),
simultaneous-move stages (:mod:`~trigame.games.tree.stages`), the checked
structure of a tree (:mod:`~trigame.games.tree.structure`), the tree itself
(:mod:`~trigame.games.tree.game_tree`), behaviour strategies
(:mod:`~trigame.games.tree.behavior`) and the strategic form
(:mod:`~trigame.games.tree.strategic_form`); the solver lives in
:mod:`trigame.solve.subgame_perfect`.

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

# The public names, and (``X as X``) the private ones other modules import from here, as from the single
# module the tree once was.
from trigame.errors import TreeError
from trigame.games.tree._arith import _as_kind as _as_kind
from trigame.games.tree._arith import _clean as _clean
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Chance, Decision, Terminal
from trigame.games.tree.nodes import Node as Node
from trigame.games.tree.stages import stage
from trigame.games.tree.strategic_form import MAX_PROFILES as MAX_PROFILES
from trigame.games.tree.structure import MAX_KEY_DEPTH as MAX_KEY_DEPTH
from trigame.games.tree.structure import PROBABILITY_TOL as PROBABILITY_TOL
from trigame.games.tree.structure import InformationSet

__all__ = [
    "Chance",
    "Decision",
    "GameTree",
    "InformationSet",
    "Terminal",
    "TreeError",
    "stage",
]
