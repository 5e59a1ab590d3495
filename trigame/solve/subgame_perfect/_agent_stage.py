"""The agent normal form of a stage in which every player moves at most once along each play.

A stage solved in strategic form gives a player one pure strategy per
combination of actions at its information sets, so a Bayesian stage (chance,
then Japan against two types of South Korea) is 2x4 although each mover only
ever chooses between two actions.  The symbolic stage solver works in closed
form on 2x2 and 2x2x2 games, so such a stage is solved in its *agent normal
form* instead (Selten 1975, Section 2; Kuhn 1953): one player, an *agent*, per
information set, choosing that set's actions, with the payoffs of the player it
belongs to.

Why the equilibria are the same
-------------------------------
Let no player have two information sets on one path through the stage (each
moves at most once along any play of it), and let the tree have perfect recall
(``GameTree`` enforces it).  A behaviour profile ``b`` gives the leaf ``z`` the
probability ``P(z | b) = c(z) * prod_h b_h(a_h(z))``, the product over the
information sets ``h`` on the path to ``z`` of the probability of the action
taken there, times the chance probability ``c(z)``.  Since at most one of
player ``i``'s sets ``h_1, ..., h_m`` lies on each path, ``i``'s expected payoff
splits as

    u_i(b) = C(b_-i) + sum_j L_j(b_{h_j}, b_-i),

where ``L_j`` sums over the leaves below ``h_j`` and is linear in ``b_{h_j}``
alone among ``i``'s own choices, and ``C`` sums over the leaves below none of
them.  Hence ``b_i`` is a best reply to ``b_-i`` among behaviour strategies iff
each ``b_{h_j}`` maximises ``L_j(., b_-i)``, i.e. iff every agent of ``i`` best
replies in the agent form (the agent's payoff is ``u_i``, and changing
``b_{h_j}`` alone changes ``u_i`` only through ``L_j``).  By Kuhn's theorem
(perfect recall) a best reply among behaviour strategies is one among mixed
strategies, and every mixed strategy is realization-equivalent to a behaviour
strategy.  So the Nash equilibria of the stage in behaviour strategies are
exactly the Nash equilibria of its agent form, each agent's mixed strategy
being the behaviour at its information set: nothing is lost and nothing added.

Unreached information sets are covered by the same argument: if the others'
behaviour and chance never reach ``h_j`` (``i`` has no set above it, so only
they decide whether it is reached), ``L_j`` is zero, the agent is indifferent
among all its actions, and every behaviour there is part of an equilibrium --
as in the strategic form, where every pure strategy differing only at ``h_j``
pays the same (the equilibria then form a continuum, flagged ``degenerate``).

A continuum is listed by other points in the two forms.  The agent form lists
the extreme points of the agents' behaviour; the strategic form lists the
extreme points of the set of mixed plans, whose behaviour (Kuhn) need not be
extreme.  In BayesianLateralPressure at g = 1, k_J = 1/4, q = 1/2 and
k_L = k_H = pi = 0, Japan abstaining and the types cooperating with
probabilities (L, H) anywhere in the triangle L + H <= 1/2 are equilibria: the
agent form lists its corners, the strategic form also the plan "cooperate in
both types" with weight 1/4, the behaviour (1/4, 1/4) on an edge.  The sets
are the same; regime maps compare such listings up to the continuum
(:mod:`trigame.statics._continua`).

Without the condition the agent form can have more equilibria (a player who
moves twice on a path may gain only by changing both moves at once), so the
solver uses it only when the condition holds (:func:`moves_once_per_path`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import numpy as np

from trigame.games.normal_form import NormalFormGame
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.strategic_form import terminal_paths

__all__ = ["agent_form_stage", "moves_once_per_path"]


def moves_once_per_path(tree: GameTree, x: int, deciders: Sequence[int]) -> bool:
    """Whether no player moves twice along any path through the stage at ``x`` (its decision nodes ``deciders``)."""
    stop = tree._parent[x]
    for k in deciders:
        player = tree._infosets[tree._node_infoset[k]].player
        if tree.own_history(k, player, stop=stop):
            return False
    return True


def agent_form_stage(tree: GameTree, x: int, infosets: Sequence[int], leaves: frozenset[int],
                     leaf_value: Callable[[int], tuple[Any, ...]], zero: Any) -> NormalFormGame:
    """The agent normal form of the stage at ``x``: one player per information set in ``infosets``.

    Agent ``m`` (information set ``infosets[m]``) chooses that set's actions and
    is paid the part ``L_j`` of the expected payoff of the player who moves
    there that comes from the leaves below its set (the rest, ``C`` and the
    player's other agents' parts, does not depend on its action, so the best
    replies and the equilibria are those of the full payoff); ``leaves`` are
    the stage's leaves and ``leaf_value`` their payoffs (terminal payoffs or the
    continuation payoffs of the subgames below).  The agents are named after
    their information sets (``"player@key"`` when a key is not a distinct string).
    """
    players = list(tree.players)
    actions = [tree._infosets[h].actions for h in infosets]
    slot = {h: m for m, h in enumerate(infosets)}
    shape = tuple(len(a) for a in actions)
    position = [{a: n for n, a in enumerate(acts)} for acts in actions]
    owner = [players.index(tree._infosets[h].player) for h in infosets]
    table = np.empty((len(infosets), *shape), dtype=object)
    table.fill(zero)
    for k, weight, required in terminal_paths(tree, x, leaves):
        values = leaf_value(k)
        fixed = {slot[h]: position[slot[h]][a] for h, a in required}
        axes = [[fixed[m]] if m in fixed else range(n) for m, n in enumerate(shape)]
        for cell in itertools.product(*axes):
            for m in fixed:  # only the leaves below an agent's set: the rest does not depend on its action
                at = (m, *cell)
                table[at] = table[at] + weight * values[owner[m]]
    keys: list[Hashable] = [tree._infosets[h].key for h in infosets]
    names = [str(key) for key in keys]
    if len(set(names)) != len(names) or not all(isinstance(key, str) for key in keys):
        names = [f"{tree._infosets[h].player}@{key!r}" for h, key in zip(infosets, keys)]
    if len(set(names)) != len(names):
        names = [f"{tree._infosets[h].player}@{m}" for m, h in enumerate(infosets)]
    return NormalFormGame(table.tolist(), players=names, strategies=[list(a) for a in actions])
