"""Beliefs at nodes behind a chance outcome of probability zero, for the assessment check.

A chance outcome of probability zero (a sender type of prior zero, say) is part
of the game, not a choice that can tremble: under every behaviour of the
players, completely mixed or not, a node behind it has probability zero.  Call
a node of an information set *possible* when the path to it from the root of
the smallest subgame containing the set passes no chance outcome of
probability zero.  If the set holds a possible node, Bayes' rule applied to
any completely mixed behaviour of the players (chance's probabilities fixed)
gives every node that is not possible belief zero, and so does every limit of
such beliefs -- the *consistent* beliefs of Kreps and Wilson (1982), which
perturb only the players' strategies.  The check therefore requires:

* where the set is reached with positive probability, Bayes' rule (which gives
  those nodes zero anyway);
* where it is not, belief zero on every node that is not possible, whenever
  the set holds a possible node (every vertex of a belief set: a polytope lies
  in that face exactly when its vertices do);
* where no node of the set is possible, nothing: no behaviour of the players
  reaches any of them, so neither Bayes' rule nor its limits say anything, and
  the belief there is unrestricted (as everywhere off the path).

"Possible" is derived here from the tree alone: the outcomes of probability
zero are read off its chance nodes, and a node is possible when no step of its
path below the subgame root is one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

Path = tuple[str, ...]

__all__ = ["behind_zero_chance", "belief_on_impossible_nodes", "zero_chance_outcomes"]


def zero_chance_outcomes(children: Mapping[Path, Iterable[tuple[str, Path, Any]]]) -> frozenset[Path]:
    """The nodes that follow a chance outcome of probability zero directly.

    ``children`` maps each node to its ``(label, child, weight)`` moves, ``weight``
    being the chance probability at a chance node and ``None`` at a decision.
    """
    return frozenset(child for moves in children.values() for _, child, weight in moves
                     if weight is not None and weight == 0)


def behind_zero_chance(nodes: Sequence[Path], root: Path, zero: frozenset[Path]) -> list[Path]:
    """The nodes of an information set that must get belief zero (in the order given).

    Those whose path from ``root`` (the root of the smallest subgame containing
    the set) passes a chance outcome of probability zero -- when at least one
    node's path passes none; otherwise none (the belief is unrestricted).
    """
    def impossible(path: Path) -> bool:
        return any(path[:k] in zero for k in range(len(root) + 1, len(path) + 1))

    excluded = [p for p in nodes if impossible(p)]
    return excluded if len(excluded) < len(nodes) else []


def belief_on_impossible_nodes(
    key: Hashable, vertices: Sequence[Mapping[Path, Any]], excluded: Sequence[Path],
    positive: Callable[[Any], bool], describe: Callable[[Mapping[Path, Any]], str],
    names: Mapping[Path, str], is_set: bool,
) -> str:
    """Why the belief at ``key`` breaks the rule above ('' when it does not).

    ``positive`` says whether a probability counts as more than zero (exactly,
    or beyond the float tolerance); ``describe`` writes a belief for the message,
    and a node is called by its label in ``names`` (else by its path).
    """
    for vertex in vertices:
        weighted = [p for p in excluded if positive(vertex[p])]
        if weighted:
            nodes = ", ".join(repr(names.get(p, "/".join(p))) for p in weighted)
            where = " (a vertex of the belief set)" if is_set else ""
            return (f"at {key!r}: the belief {describe(vertex)}{where} puts weight on {nodes}, behind a chance "
                    "outcome of probability zero, while the information set holds a node that is not; every "
                    "consistent belief gives such a node 0")
    return ""
