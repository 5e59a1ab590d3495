"""The strategic (normal) form of a game tree and the mixed profile that plays a behaviour strategy.

A pure strategy of a player picks one action at each of the player's
information sets; a profile of pure strategies leads to a distribution over
terminal nodes (through the chance moves), and so to expected payoffs.  The
strategic form is built leaf by leaf: each terminal node adds its payoffs,
weighted by its chance probability, to every profile that takes the actions
on its path.  Conversely a behaviour strategy corresponds to the mixed
strategy that randomises independently at every information set (Kuhn 1953).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import convert, to_float
from trigame._numbers import is_zero as _is_zero
from trigame.errors import TreeError, UnsupportedGameError
from trigame.games.tree._arith import _as_kind, _clean
from trigame.games.tree.behavior import check_behavior
from trigame.games.tree.nodes import Chance
from trigame.games.tree.structure import InformationSet, TreeStructure

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = ["MAX_PROFILES", "player_infosets", "pure_strategies", "strategy_profile", "terminal_paths",
           "to_normal_form"]

#: Largest number of pure-strategy profiles :meth:`GameTree.to_normal_form` builds.
MAX_PROFILES = 2_000_000


def player_infosets(tree: TreeStructure, player: str) -> tuple[InformationSet, ...]:
    """``player``'s information sets, in preorder."""
    if not isinstance(player, str) or player not in tree._players:
        raise TreeError(f"unknown player {player!r}; players are {list(tree._players)}")
    return tuple(info for info in tree._infosets if info.player == player)


def pure_strategies(tree: TreeStructure, player: str) -> tuple[tuple[str, ...], ...]:
    """``player``'s pure strategies: one action per information set (preorder), first set slowest."""
    return tuple(itertools.product(*(info.actions for info in player_infosets(tree, player))))


def to_normal_form(tree: TreeStructure, *, max_profiles: int = MAX_PROFILES, max_memory: int | None = None
                   ) -> NormalFormGame:
    """The strategic form of ``tree``: see :meth:`GameTree.to_normal_form`."""
    from trigame.budget import check_limit, check_memory
    from trigame.errors import BudgetExceededError

    check_limit(max_profiles, "max_profiles", allow_none=False)
    if max_memory is not None:
        check_limit(max_memory, "max_memory", allow_none=False)
    if "normal_form" in tree._cache:
        return tree._cache["normal_form"]
    from trigame.games.normal_form import NormalFormGame

    n = len(tree._players)
    own_sets: dict[str, list[int]] = {p: [] for p in tree._players}
    for h, info in enumerate(tree._infosets):
        own_sets[info.player].append(h)
    radices = [[len(tree._infosets[h].actions) for h in own_sets[p]] for p in tree._players]
    shape = tuple(math.prod(r) for r in radices)
    size = math.prod(shape)
    if size > max_profiles:
        raise BudgetExceededError(
            f"the strategic form of this tree has {_count_text(size)} pure "
            f"profiles (more than max_profiles={max_profiles}); "
            "solve it with subgame_perfect instead, or pass max_profiles=... to allow more")
    per_entry = 8 if tree._kind == "float" else 120
    labels_size = sum(m * (64 + 8 * len(r)) for m, r in zip(shape, radices))
    check_memory(n * size * per_entry + labels_size, "the strategic form of this tree", limit=max_memory)
    try:
        if tree._kind == "float":
            payoffs = np.zeros((n, *shape))
        else:
            payoffs = np.empty((n, *shape), dtype=object)
            payoffs.fill(Fraction(0) if tree._kind == "exact" else convert(0, "symbolic"))
    except ValueError as exc:  # more axes than NumPy supports
        raise UnsupportedGameError(f"the strategic form of this tree ({n} players) cannot be stored "
                                   f"as an array: {exc}") from None
    strategies = [pure_strategies(tree, p) for p in tree._players]
    # A pure strategy's index is a mixed-radix number, one digit per information set (first set slowest).
    position: dict[int, tuple[int, int, int]] = {}  # infoset -> (player, slot, stride)
    for i, player in enumerate(tree._players):
        stride = shape[i]
        for slot, h in enumerate(own_sets[player]):
            stride //= radices[i][slot]
            position[h] = (i, slot, stride)
    action_index = [{a: j for j, a in enumerate(info.actions)} for info in tree._infosets]
    for k, weight, required in terminal_paths(tree, 0, frozenset(tree._values)):
        fixed: list[dict[int, int]] = [{} for _ in range(n)]
        for h, action in required:
            i, slot, stride = position[h]
            fixed[i][slot] = action_index[h][action] * stride
        indices = []
        for i, player in enumerate(tree._players):
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
            payoffs[i][cells] = payoffs[i][cells] + weight * tree._values[k][i]
    labels = [tuple("|".join(s) for s in own) if own != ((),) else ("-",) for own in strategies]
    for i, own in enumerate(labels):
        if len(set(own)) != len(own):  # actions containing "|" may collide: fall back to tuples
            labels[i] = tuple(repr(s) for s in strategies[i])
    game = NormalFormGame(payoffs, players=tree._players, strategies=labels, title=tree._title, kind=tree._kind)
    tree._cache["normal_form"] = game
    return game


def terminal_paths(
    tree: TreeStructure, start: int, leaves: frozenset[int]
) -> Iterator[tuple[int, Any, tuple[tuple[int, str], ...]]]:
    """Leaves below ``start``: (node, product of chance probabilities, required (infoset, action) pairs)."""
    one: Any = 1.0 if tree._kind == "float" else Fraction(1)
    stack: list[tuple[int, Any, tuple[tuple[int, str], ...]]] = [(start, one, ())]
    while stack:
        k, weight, required = stack.pop()
        if k in leaves:
            yield k, weight, required
            continue
        node = tree._nodes[k]
        for j, c in enumerate(tree._children[k]):
            if isinstance(node, Chance):
                p = tree._probabilities[k][j]
                if not _is_zero(p):
                    stack.append((c, _clean(weight * p), required))
            else:
                stack.append((c, weight, (*required, (tree._node_infoset[k], tree._label[c]))))


def strategy_profile(tree: TreeStructure, behavior: Mapping[Hashable, Mapping[str, Any]]) -> tuple[np.ndarray, ...]:
    """The mixed-strategy profile of :func:`to_normal_form` that plays ``behavior``.

    Each pure strategy gets the product of its actions' behaviour
    probabilities (independent randomisation at every information set),
    which is realization-equivalent to ``behavior`` (Kuhn 1953).
    """
    probs = check_behavior(tree, behavior)
    out = []
    for player in tree._players:
        vector: list[Any] = [Fraction(1) if tree._kind != "float" else 1.0]
        for info in player_infosets(tree, player):
            dist = probs[tree._infoset_index[info.key]]
            vector = [_clean(v * p) for v in vector for p in dist]
        if tree._kind == "float":
            out.append(np.array([to_float(v) for v in vector], dtype=float))
        else:
            out.append(np.array([_as_kind(v, tree._kind) for v in vector], dtype=object))
    return tuple(out)


def _count_text(count: int) -> str:
    """A count for a message: in full up to 10^12, else its order of magnitude (``'about 10^902'``)."""
    return str(count) if count < 10**12 else f"about 10^{len(str(count)) - 1}" if count < 10**4000 else "over 10^4000"
