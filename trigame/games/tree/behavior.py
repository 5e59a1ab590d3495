"""Behaviour strategy profiles on a tree: where play ends and what each player expects.

A behaviour strategy profile gives, at every information set, a probability
for each action (``{information-set key: {action: probability}}``); with the
chance probabilities it induces a probability of reaching every node, the
product of the probabilities along its path, and so an expected payoff for
every player.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Any

from trigame._numbers import is_zero as _is_zero
from trigame.errors import TreeError
from trigame.games.tree._arith import _as_kind, _clean
from trigame.games.tree.nodes import Chance, Terminal
from trigame.games.tree.structure import TreeStructure

__all__ = ["check_behavior", "expected_payoffs", "outcomes", "outcomes_and_payoffs", "payoffs_of_reach",
           "reach_probabilities"]


def check_behavior(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Behaviour probabilities as one tuple per information set, in the order of its actions."""
    if not isinstance(behavior, Mapping):
        raise TreeError(f"a behaviour strategy is a mapping {{information set: {{action: probability}}}}, "
                        f"got {behavior!r}")
    out = []
    for info in tree._infosets:
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


def outcomes(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]) -> dict[tuple[str, ...], Any]:
    """``{path to a terminal node: probability}`` under a behaviour strategy profile (positive ones only)."""
    return {tree._paths[k]: p for k, p in reach_probabilities(tree, behavior).items()}


def reach_probabilities(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]) -> dict[int, Any]:
    """``{terminal node: probability}`` under a behaviour strategy profile (positive ones only)."""
    probs = check_behavior(tree, behavior)
    reach: dict[int, Any] = {0: Fraction(1) if tree._kind != "float" else 1.0}
    out: dict[int, Any] = {}
    for k in range(len(tree._nodes)):
        if k not in reach:
            continue
        node = tree._nodes[k]
        p = reach.pop(k)
        if isinstance(node, Terminal):
            out[k] = p
            continue
        if isinstance(node, Chance):
            weights = tree._probabilities[k]
        else:
            info = tree._infosets[tree._node_infoset[k]]
            dist = dict(zip(info.actions, probs[tree._node_infoset[k]]))
            weights = tuple(dist[tree._label[c]] for c in tree._children[k])
        for c, w in zip(tree._children[k], weights):
            if _is_zero(w):
                continue
            # a pure choice passes its (already tidy) reach probability on unchanged: _clean is idempotent
            reach[c] = p if w == 1 and k != 0 else _clean(p * w)
    return out


def expected_payoffs(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[Any, ...]:
    """Each player's expected payoff under a behaviour strategy profile."""
    return payoffs_of_reach(tree, reach_probabilities(tree, behavior))


def outcomes_and_payoffs(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]
                         ) -> tuple[dict[tuple[str, ...], Any], tuple[Any, ...]]:
    """:func:`outcomes` and :func:`expected_payoffs` together, the reach probabilities computed once."""
    reach = reach_probabilities(tree, behavior)
    return {tree._paths[k]: p for k, p in reach.items()}, payoffs_of_reach(tree, reach)


def payoffs_of_reach(tree: TreeStructure, reach: Mapping[int, Any]) -> tuple[Any, ...]:
    """Each player's expected payoff given ``{terminal node: probability}`` (:func:`reach_probabilities`)."""
    total: list[Any] = [0] * len(tree._players)
    for k, p in reach.items():
        values = tree._values[k]
        total = [t + p * v for t, v in zip(total, values)]
    return tuple(_clean(_as_kind(t, tree._kind)) for t in total)
