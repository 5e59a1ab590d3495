"""Simultaneous-move stages written as trees: :func:`stage`.

A strategic-form game becomes part of a tree as a chain of decision nodes,
one player after another, in which each player's nodes form one information
set, so that no player observes the others' choices; the cell reached by the
joint choice is the child below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from trigame.errors import TreeError
from trigame.games.tree.nodes import Decision, Node

__all__ = ["stage"]


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
