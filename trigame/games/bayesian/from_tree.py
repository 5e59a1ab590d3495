"""Reading a Bayesian game back from its Harsanyi tree: :meth:`BayesianGame.from_tree`.

:func:`harsanyi_parts` checks the tree and returns the Bayesian game's parts
(players, types, prior, actions, payoffs), from which the classmethod builds it.

A game tree is a *Harsanyi tree* when it has the shape Harsanyi (1967-68)
gave incomplete information: chance moves first (one or several chance nodes
before any player moves) and draws a *state*; then every player moves exactly
once, without observing any other player's move, so that a player's
information set tells it nothing but its *type*.  Gambit stores Bayesian games
this way, and :meth:`BayesianGame.to_tree` writes them so.

Conditions checked, each with its own error message:

* every chance node comes before every decision node (no chance below a move);
* on every path each player moves exactly once;
* within one state, each player's moves all lie in one information set (it
  does not see the others' moves), and that set's nodes are all its moves in
  the states it spans.

Then a player's types are its information sets (named by the set's key, with
a leading ``"player@"`` removed, so that ``from_tree(bg.to_tree())`` keeps
the type names), a state's type profile is the information set of each
player there, and the prior is the probability of the states.  Two states
with the same type profile are merged: the payoff of an action profile is the
probability-weighted mean of theirs, which leaves every type's expected
payoffs unchanged (no player can tell the two states apart).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from trigame._numbers import is_zero
from trigame.errors import UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.tree import GameTree

__all__ = ["harsanyi_parts"]

#: Default limit on the nodes of a tree read as a Bayesian game.
MAX_NODES = 1_000_000


def _refuse(reason: str) -> UnsupportedGameError:
    return UnsupportedGameError(
        f"this tree is not a Bayesian game (a Harsanyi tree: chance first, then every player moves once without "
        f"seeing the others' moves): {reason}")


def _type_name(player: str, key: Hashable) -> str:
    text = str(key)
    return text[len(player) + 1:] if text.startswith(f"{player}@") and len(text) > len(player) + 1 else text


def harsanyi_parts(tree: GameTree, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The parts of the Bayesian game whose Harsanyi tree is ``tree``, as :class:`BayesianGame`'s arguments.

    Parameters
    ----------
    tree : GameTree
        A tree with chance at the root (e.g. read from a Gambit ``.efg`` file).
    max_nodes : int, default 1_000_000
        Budget: the most nodes the tree may have.

    Returns
    -------
    dict
        ``players``, ``types``, ``prior``, ``actions`` and ``payoffs`` (a table
        ``{(type profile, action profile): payoffs}``): players as in the tree;
        each player's types are its information sets; the prior is the
        distribution of the states chance draws (states of probability zero
        are left out; a type met only there has probability 0).

    Raises
    ------
    UnsupportedGameError
        When the tree is not a Harsanyi tree; the message says which condition
        fails and where.
    BudgetExceededError
        When the tree has more than ``max_nodes`` nodes.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from trigame.games.bayesian import BayesianGame
    >>> bg = BayesianGame(("A", "B"), {"A": ("x",), "B": ("l", "h")},
    ...                   {"B": {"l": Fraction(1, 3), "h": Fraction(2, 3)}},
    ...                   {"A": ("u", "d"), "B": ("L", "R")},
    ...                   lambda t, a: (int(a[0] == "u"), 2 * int((a[1] == "L") == (t[1] == "l"))))
    >>> back = BayesianGame.from_tree(bg.to_tree())
    >>> dict(back.types), back.prior[("x", "h")]
    ({'A': ('x',), 'B': ('l', 'h')}, Fraction(2, 3))
    """
    from trigame.budget import check_limit
    from trigame.games.tree import Chance, Decision, GameTree, Terminal

    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"BayesianGame.from_tree needs a GameTree, got {type(tree).__name__}")
    limit = check_limit(max_nodes, "max_nodes")
    paths = list(tree.paths())
    if limit is not None and len(paths) > limit:
        from trigame.errors import BudgetExceededError

        raise BudgetExceededError(f"this tree has {len(paths):,} nodes, over the budget max_nodes={limit:,}; "
                                  "pass max_nodes=... to allow more")
    players = tuple(tree.players)
    if not isinstance(tree.root, Chance):
        raise _refuse("its root is not a chance node")
    # The states: the paths where the chance moves end and the first player moves (or the game ends).
    states: dict[tuple[str, ...], Any] = {}
    weights: dict[tuple[str, ...], Any] = {(): 1}  # the chance paths, with their probabilities
    for path in paths:  # preorder, so states come in the tree's order
        if path[:-1] not in weights or path in weights:
            continue
        parent = path[:-1]
        node = tree.node(parent)
        assert isinstance(node, Chance)
        weight = weights[parent] * tree._probabilities[tree._index(parent)][list(node.outcomes).index(path[-1])]
        if isinstance(tree.node(path), Chance):
            weights[path] = weight
        else:
            states[path] = weight
    if any(isinstance(tree.node(p), Terminal) for p in states):
        raise _refuse("chance ends the game before anyone moves at "
                      f"{next(list(p) for p in states if isinstance(tree.node(p), Terminal))}")
    # Each state's information set per player, checking the conditions on the way.
    infoset_of: dict[tuple[str, ...], dict[str, Hashable]] = {}
    moves: dict[tuple[str, ...], dict[Hashable, set[tuple[str, ...]]]] = {}
    payoffs: dict[tuple[str, ...], dict[tuple[str, ...], tuple[Any, ...]]] = {}
    for state in states:
        own: dict[str, Hashable] = {}
        nodes: dict[Hashable, set[tuple[str, ...]]] = {}
        table: dict[tuple[str, ...], tuple[Any, ...]] = {}
        stack2: list[tuple[tuple[str, ...], dict[str, str]]] = [(state, {})]
        while stack2:
            path, played = stack2.pop()
            node = tree.node(path)
            if isinstance(node, Chance):
                raise _refuse(f"a chance node at {list(path)} comes after a player's move")
            if isinstance(node, Terminal):
                missing = [p for p in players if p not in played]
                if missing:
                    raise _refuse(f"on the path {list(path)} {', '.join(missing)} never move(s)")
                table[tuple(played[p] for p in players)] = tree.terminals()[path]
                continue
            assert isinstance(node, Decision)
            if node.player in played:
                raise _refuse(f"{node.player} moves twice on the path {list(path)}")
            key = tree.information_set(path)
            if own.setdefault(node.player, key) != key:
                raise _refuse(f"{node.player} can tell other players' moves apart in the state {list(state)} (its "
                              f"moves there lie in the information sets {own[node.player]!r} and {key!r})")
            nodes.setdefault(key, set()).add(path)
            for action in node.actions:
                stack2.append(((*path, action), {**played, node.player: action}))
        infoset_of[state], moves[state], payoffs[state] = own, nodes, table
    # Types, prior and payoffs; states with one type profile merged by their probabilities.
    types = {p: tuple(dict.fromkeys(_type_name(p, infoset_of[s][p]) for s in states)) for p in players}
    actions = {p: {} for p in players}  # type: dict[str, dict[str, tuple[str, ...]]]
    for info in tree.information_sets:
        actions[info.player][_type_name(info.player, info.key)] = tuple(info.actions)
    prior: dict[tuple[str, ...], Any] = {}
    merged: dict[tuple[str, ...], list[tuple[Any, dict[tuple[str, ...], tuple[Any, ...]]]]] = {}
    for state, p in states.items():
        profile = tuple(_type_name(q, infoset_of[state][q]) for q in players)
        if not is_zero(p):
            prior[profile] = prior.get(profile, 0) + p
            merged.setdefault(profile, []).append((p, payoffs[state]))
    table_out: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Any, ...]] = {}
    for profile, parts in merged.items():
        for chosen, values in parts[0][1].items():
            if len(parts) > 1:  # the states' probability-weighted mean (they share every action profile)
                values = tuple(sum((w * table[chosen][i] for w, table in parts), 0) / prior[profile]
                               for i in range(len(players)))
            table_out[profile, chosen] = values
    return {"players": players, "types": types, "prior": prior, "actions": actions, "payoffs": table_out}
