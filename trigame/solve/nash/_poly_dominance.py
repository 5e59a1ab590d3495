"""Conditional dominance by pure strategies for the N-player support enumeration (Porter et al. 2008).

A support profile ``(S_1, ..., S_n)`` is skipped when some strategy ``s`` in ``S_i`` is
conditionally dominated given the others' supports: another pure strategy ``t`` of player ``i``
pays at least as much as ``s`` against every profile of ``S_-i`` and more against one.  Whether
that holds depends on ``i``, ``s`` and ``S_-i`` only, so the flags are computed per ``(i, S_-i)``:

* :func:`pure_flags` for one ``S_-i``, from bit sets (per pair ``(s, t)``) of the others' profiles
  where ``t`` pays less or more than ``s``;
* :func:`all_pure_flags` for every ``S_-i`` at once when there are not too many (one pass of array
  operations, the same flags).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.solve.nash._poly_prune import restricted_table

__all__ = ["EAGER_LIMIT", "PureBits", "all_pure_flags", "pure_bits", "pure_flags"]

#: The flags of every profile of the others' supports are computed at once up to this many profiles.
EAGER_LIMIT = 4096

#: Per pair ``(s, t)`` of a player's alive strategies the bit sets ``less[s][t]`` and ``more[s][t]``, and
#: the others' offsets that number their profiles (row-major, the others in increasing order).
PureBits = tuple[list[list[int]], list[list[int]], list[tuple[int, dict[int, int]]]]


def _bitset(mask: np.ndarray) -> int:
    """The integer whose bit ``k`` is ``mask[k]``."""
    return sum(1 << k for k in np.flatnonzero(mask).tolist())


def pure_bits(payoffs: np.ndarray, i: int, alive: Sequence[Sequence[int]]) -> PureBits:
    """Player ``i``'s bit sets (see :data:`PureBits`) over the others' alive profiles."""
    table = restricted_table(payoffs, i, alive[i], alive)
    less = [[_bitset(table[t] < table[s]) for t in range(len(table))] for s in range(len(table))]
    more = [[_bitset(table[t] > table[s]) for t in range(len(table))] for s in range(len(table))]
    offsets: list[tuple[int, dict[int, int]]] = []
    stride = 1
    for j in reversed(range(len(alive))):
        if j != i:
            offsets.append((j, {t: k * stride for k, t in enumerate(alive[j])}))
            stride *= len(alive[j])
    return less, more, offsets


def pure_flags(bits: PureBits, own: Sequence[int], others: Sequence[Sequence[int]]) -> dict[int, bool]:
    """For each of the player's alive strategies ``own``: is it dominated by a pure strategy on ``others``' grid?

    ``t`` dominates ``s`` on the grid of ``S_-i`` exactly when the grid meets ``more[s][t]`` and not
    ``less[s][t]``.
    """
    less, more, offsets = bits
    flats = [0]
    for j, offset in offsets:
        flats = [f + offset[t] for f in flats for t in others[j]]
    grid = 0
    for f in flats:
        grid |= 1 << f
    return {s: any(not (row_less[t] & grid) and row_more[t] & grid for t in range(len(row_less)))
            for s, row_less, row_more in zip(own, less, more)}


def all_pure_flags(payoffs: np.ndarray, i: int,
                   alive: Sequence[Sequence[int]]) -> dict[tuple[tuple[int, ...], ...], dict[int, bool]] | None:
    """:func:`pure_flags` for every profile of the others' supports, keyed as the support profile with ``()`` at ``i``.

    None when there are more than :data:`EAGER_LIMIT` such profiles.  The grid of each profile
    is a 0/1 row over the others' alive profiles; ``t`` dominates ``s`` on it when the grid's
    count of profiles where ``t`` pays less is zero and where it pays more is not.
    """
    n = len(alive)
    pools = [[c for size in range(1, len(alive[j]) + 1) for c in itertools.combinations(alive[j], size)]
             if j != i else [()] for j in range(n)]
    if math.prod(len(p) for p in pools) > EAGER_LIMIT:
        return None
    table = restricted_table(payoffs, i, alive[i], alive)  # (m, P), the others' profiles row-major
    m = table.shape[0]
    grid = np.ones((1, 1), dtype=np.int64)
    for j in range(n):
        if j == i:
            continue
        position = {t: k for k, t in enumerate(alive[j])}
        member = np.zeros((len(pools[j]), len(alive[j])), dtype=np.int64)
        for row, support in enumerate(pools[j]):
            member[row, [position[t] for t in support]] = 1
        # the grids of the supports so far times player j's: combinations and profiles row-major
        grid = (grid[:, None, :, None] * member[None, :, None, :]).reshape(
            grid.shape[0] * member.shape[0], grid.shape[1] * member.shape[1])
    less = (table[None, :, :] < table[:, None, :]).reshape(m * m, -1).astype(np.int64)  # [s * m + t, profile]
    more = (table[None, :, :] > table[:, None, :]).reshape(m * m, -1).astype(np.int64)
    beaten = ((grid @ less.T == 0) & (grid @ more.T > 0)).reshape(-1, m, m).any(axis=2)  # (grids, s)
    flags: list[Any] = beaten.tolist()
    own = list(alive[i])
    return {key: dict(zip(own, row)) for key, row in zip(itertools.product(*pools), flags)}
