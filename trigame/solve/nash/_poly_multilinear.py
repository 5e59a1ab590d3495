"""Multilinear systems evaluated on many boxes at once: corner values, classes, slack.

Each indifference polynomial has degree at most one in every unknown, so on a box its range -- and
the range of each partial derivative -- is attained at the box's corners.  :class:`_Multilinear`
holds square systems sharing one set of unknowns as coefficient tensors grouped by the unknowns
each polynomial involves, and computes every corner value of many boxes in a few array
operations; the box search of :mod:`trigame.solve.nash._poly_box` bounds, preconditions and
tests boxes with them.  A round of the search costs a fixed number of array calls per group, so
groups of the same form (as many unknowns, or the same players' sizes) are stacked and computed
together, each polynomial substituting its own unknowns.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["MARGIN", "PAD", "_Multilinear"]

#: The search box is [-PAD, 1 + PAD] in every unknown (roots on the faces stay inside).
PAD = 2.0**-8
#: Relative slack added to every floating-point bound.
MARGIN = 1e-9
#: Most unknowns of a system whose classes computed by player are stacked (same players' sizes).
STACKED_PLAYER_UNKNOWNS = 6


class _Multilinear:
    """Square multilinear systems sharing one set of unknowns, evaluated on many points at once.

    ``coeffs[s]`` is system ``s``'s coefficient matrix (polynomials x monomials).
    """

    def __init__(self, systems: Sequence[Sequence[dict[tuple[int, ...], Any]]], n_vars: int,
                 groups: Sequence[Sequence[int]] = ()) -> None:
        monoms = sorted({m for polys in systems for p in polys for m in p})
        self._monoms = monoms
        position = {m: j for j, m in enumerate(monoms)}
        self.exponents = np.array(monoms, dtype=bool).reshape(len(monoms), n_vars)
        self.columns = [np.flatnonzero(self.exponents[:, k]) for k in range(n_vars)]
        n_rows = len(systems[0]) if systems else 0
        self.coeffs = np.zeros((len(systems), n_rows, len(monoms)))
        entries = [(s, i, position[m], float(c)) for s, polys in enumerate(systems)
                   for i, p in enumerate(polys) for m, c in p.items()]
        if entries:
            s_index, i_index, m_index, values = zip(*entries)
            self.coeffs[s_index, i_index, m_index] = values
        self.n_vars = n_vars
        # Each polynomial is grouped with the unknowns it involves: player i's indifference polynomials
        # never involve player i's own unknowns, so its corner values are those of a box of dimension
        # d - d_i, computed once rather than copied 2^{d_i} times.  A class is one such set of unknowns
        # with its polynomials; its tensor (systems, polys, 2^e) holds at entry c the monomial whose
        # unknowns are the class's unknowns at the set bits of c.
        used = ((np.any(self.coeffs != 0, axis=0).astype(np.int64) @ self.exponents.astype(np.int64)) > 0).tolist()
        classes: dict[tuple[int, ...], list[int]] = {}
        for i in range(n_rows):
            own = next((g for g in groups if g and not any(used[i][k] for k in g)), None)
            unknowns = tuple(k for k in range(n_vars) if own is None or k not in own)
            # bit order: the last player's unknowns lowest (the order of the player-wise contraction)
            members = [tuple(g) for g in groups if g and set(g) <= set(unknowns)]
            if sum(len(g) for g in members) == len(unknowns):
                unknowns = tuple(k for g in reversed(members) for k in g)
            classes.setdefault(unknowns, []).append(i)
        # the whole box's corners: bit t selects hi of order[t] (the last player's unknowns lowest)
        whole = [tuple(g) for g in groups if g]
        order = ([k for g in reversed(whole) for k in g] if sorted(k for g in whole for k in g) == list(range(n_vars))
                 else list(range(n_vars)))
        # Classes computed the same way are stacked: those not by player with as many unknowns, those by
        # player with the same players' sizes in the same order.  One round of array operations serves
        # a stack, each row substituting its own class's unknowns: a stack is (rows, unknowns) with
        # unknowns (rows, e), row r's t-th unknown being unknowns[r, t].
        stacks: dict[Any, list[tuple[tuple[int, ...], np.ndarray, np.ndarray, Any]]] = {}
        for unknowns, row_list in classes.items():
            rows = np.array(row_list)
            weights = np.zeros(n_vars, dtype=np.int64)
            weights[list(unknowns)] = 2 ** np.arange(len(unknowns))
            inside = ~np.any(self.exponents[:, [k for k in range(n_vars) if k not in unknowns]], axis=1)
            tensor = np.zeros((len(systems), rows.size, 2 ** len(unknowns)))
            tensor[:, :, self.exponents[inside].astype(np.int64) @ weights] = self.coeffs[:, rows][:, :, inside]
            players = self._player_tensor(rows, unknowns, groups, inside)
            # (classes by player stay apart in larger systems: their per-row matrices would cost more per
            # box than a round's fixed cost saves)
            key: Any
            if players is None:
                key = len(unknowns)
            elif n_vars <= STACKED_PLAYER_UNKNOWNS:
                key = tuple(len(g) for g in players[0])
            else:
                key = unknowns
            stacks.setdefault(key, []).append((unknowns, rows, tensor, players))
        self.classes: list[tuple[np.ndarray, np.ndarray]] = []
        self.tensors: list[np.ndarray] = []
        #: per class, when its unknowns are whole players' and no monomial has two of one player's unknowns:
        #: each player's unknowns, an array (rows or 1, d_q) per player (the last player first), and the
        #: coefficients as a tensor (systems, polys, 1 + d_m, ..., 1 + d_1)
        self.players: list[tuple[list[np.ndarray], np.ndarray] | None] = []
        #: per class: the class corner index of each of the 2^d corners of the whole box (2^d,), or per
        #: row (rows, 2^d) for a stack of classes
        self.expand: list[np.ndarray] = []
        #: per class (first row, last row + 1, H, M, L) when its corner values fill the whole box's by
        #: broadcasting (its unknowns are the whole box's bar one player's block of M corners)
        self.blocks: list[tuple[int, int, int, int, int] | None] = []
        slack_sum = np.zeros((len(systems), n_rows))
        for stack in stacks.values():
            rows = np.concatenate([r for _, r, _, _ in stack])
            e = len(stack[0][0])
            per_row = [member[0] for member in stack for _ in range(member[1].size)]
            self.classes.append((rows, np.array(per_row, dtype=np.int64).reshape(rows.size, e)))
            tensor = stack[0][2] if len(stack) == 1 else np.concatenate([m[2] for m in stack], axis=1)
            self.tensors.append(tensor)
            if stack[0][3] is None:
                self.players.append(None)
            elif len(stack) == 1:
                self.players.append(([np.array([g]) for g in stack[0][3][0]], stack[0][3][1]))
            else:
                columns = [np.array([member[3][0][q] for member in stack for _ in range(member[1].size)],
                                    dtype=np.int64).reshape(rows.size, size)
                           for q, size in enumerate(map(len, stack[0][3][0]))]
                self.players.append((columns, np.concatenate([m[3][1] for m in stack], axis=1)))
            slack_sum[:, rows] = np.abs(tensor).sum(axis=2)
            if len(stack) == 1:
                self.expand.append(_expand(stack[0][0], tuple(order), n_vars))
                self.blocks.append(_block(rows, stack[0][0], order))
            else:
                self.expand.append(np.repeat(np.stack([_expand(member[0], tuple(order), n_vars) for member in stack]),
                                             [member[1].size for member in stack], axis=0))
                self.blocks.append(None)
        # a bound on the rounding error of a value anywhere in the padded box: every |x_k| <= 1 + PAD
        self.slack = MARGIN * (slack_sum * (1 + PAD) ** n_vars + 1.0)

    def _player_tensor(self, rows: np.ndarray, unknowns: tuple[int, ...], groups: Sequence[Sequence[int]],
                       inside: np.ndarray) -> tuple[list[tuple[int, ...]], np.ndarray] | None:
        """The class's coefficients by player (slot 0: the player's unknowns absent; 1 + u: unknown u), or None."""
        members = [tuple(g) for g in groups if g and set(g) <= set(unknowns)]
        if sum(len(g) for g in members) != len(unknowns) or max((len(g) for g in members), default=1) < 2:
            return None  # (with one unknown per player the generic pass does the same work)
        slot_rows = []
        for monomial, kept in zip(self._monoms, inside.tolist()):
            if not kept:
                continue
            row = []
            for g in members:
                present = [u for u, k in enumerate(g) if monomial[k]]
                if len(present) > 1:
                    return None  # not multilinear player by player
                row.append(present[0] + 1 if present else 0)
            slot_rows.append(row)
        slots = np.array(slot_rows, dtype=np.int64).reshape(len(slot_rows), len(members))
        tensor = np.zeros((self.coeffs.shape[0], rows.size, *(1 + len(g) for g in members)))
        index = (slice(None), slice(None), *slots.T)
        tensor[index] = self.coeffs[:, rows][:, :, inside]
        return list(reversed(members)), tensor

    def corner_values(self, lo: np.ndarray, hi: np.ndarray, systems: np.ndarray) -> list[np.ndarray]:
        """Values at the corners of boxes ``[lo, hi]`` (B, d), one array (B, polys, 2^e) per class.

        In a class's coefficient tensor, substituting ``x_k = lo_k`` or ``hi_k``
        maps the pair (term without x_k, term with x_k) = (a, b) to
        ``a + lo_k b`` and ``a + hi_k b``; done for each of the class's ``e``
        unknowns in turn this gives every corner's value in ``e 2^e``
        operations per polynomial.  Bit ``t`` of a corner selects ``hi`` of the
        class's ``t``-th unknown (of row r's in a stack: ``unknowns[r, t]``).
        """
        count = lo.shape[0]
        out_values = []
        for (_, unknowns), tensor, players in zip(self.classes, self.tensors, self.players):
            if players is not None:
                out_values.append(_player_corners(players[0], players[1][systems], lo, hi))
                continue
            tensor = tensor[systems]
            n, e = unknowns.shape
            for t in range(e):
                view = tensor.reshape(count, n, -1, 2, 2**t)
                without, with_k = view[:, :, :, 0, :], view[:, :, :, 1, :]
                out = np.empty_like(view)
                np.multiply(with_k, lo[:, unknowns[:, t], None, None], out=out[:, :, :, 0, :])
                out[:, :, :, 0, :] += without
                np.multiply(with_k, hi[:, unknowns[:, t], None, None], out=out[:, :, :, 1, :])
                out[:, :, :, 1, :] += without
                tensor = out
            out_values.append(tensor.reshape(count, n, 2**e))
        return out_values

    def full_corners(self, values: Sequence[np.ndarray]) -> np.ndarray:
        """The class corner values as one array (B, n, 2^d) over the corners of the whole box."""
        count = values[0].shape[0]
        out = np.empty((count, self.n_vars, 2**self.n_vars))
        for (rows, _), part, expand, block in zip(self.classes, values, self.expand, self.blocks):
            if block is None and expand.ndim == 1:
                out[:, rows, :] = part[:, :, expand]
            elif block is None:  # a stack: each row's own corner index
                out[:, rows, :] = part[:, np.arange(rows.size)[:, None], expand]
            else:
                first, last, high, middle, low = block
                view = out[:, first:last, :].reshape(count, last - first, high, middle, low)
                view[...] = part.reshape(count, last - first, high, 1, low)
        return out

    def monomials(self, points: np.ndarray) -> np.ndarray:
        """Monomial values, shape ``points.shape[:-1] + (n_monomials,)``."""
        out = np.ones((*points.shape[:-1], self.exponents.shape[0]))
        for k, cols in enumerate(self.columns):
            out[..., cols] *= points[..., k : k + 1]
        return out

    def values(self, points: np.ndarray, systems: np.ndarray) -> np.ndarray:
        """Values at ``points`` (B, P, d) of the systems ``systems`` (B,): shape (B, P, n)."""
        return self.monomials(points) @ self.coeffs[systems].transpose(0, 2, 1)

    def jacobians(self, points: np.ndarray, systems: np.ndarray) -> np.ndarray:
        """Jacobians at points (B, d), shape (B, n, d); exact differences, as every unknown enters linearly."""
        d = self.n_vars
        probes = np.repeat(points[:, None, :], 2 * d, axis=1)
        probes[:, np.arange(d), np.arange(d)] = 0.0
        probes[:, d + np.arange(d), np.arange(d)] = 1.0
        values = self.values(probes, systems)
        return (values[:, d:] - values[:, :d]).transpose(0, 2, 1)


@functools.lru_cache(maxsize=256)
def _expand(unknowns: tuple[int, ...], order: tuple[int, ...], n_vars: int) -> np.ndarray:
    """The class corner index (bits: ``unknowns``) of each corner of the whole box (bit t: ``order[t]``)."""
    full = np.arange(2**n_vars)
    index = np.zeros(2**n_vars, dtype=np.int64)
    for position, k in enumerate(unknowns):
        index += ((full >> order.index(k)) & 1) << position
    index.flags.writeable = False
    return index


def _block(rows: np.ndarray, unknowns: tuple[int, ...], order: Sequence[int]) -> tuple[int, int, int, int, int] | None:
    """(first row, last row + 1, H, M, L) when ``unknowns`` is ``order`` less one run of it, else None.

    The whole box's corner index is then (high part, the run's M = 2^run corners, low part L), and
    the class's corner values do not depend on the middle part.
    """
    if rows.size == 0 or np.any(np.diff(rows) != 1):
        return None
    span = _span(tuple(unknowns), tuple(order))
    return None if span is None else (int(rows[0]), int(rows[0]) + rows.size, *span)


@functools.lru_cache(maxsize=256)
def _span(unknowns: tuple[int, ...], order: tuple[int, ...]) -> tuple[int, int, int] | None:
    """(H, M, L) of :func:`_block` for ``unknowns`` and ``order``, or None."""
    n = len(order)
    for start in range(n + 1):
        for stop in range(start, n + 1):
            if order[:start] + order[stop:] == unknowns:
                return (2 ** (n - stop), 2 ** (stop - start), 2**start)
    return None


@functools.lru_cache(maxsize=32)
def _bits(size: int) -> np.ndarray:
    """Whether bit u of each corner index c < 2^size is set, shape (2^size, size)."""
    bits = ((np.arange(2**size)[:, None] >> np.arange(size)[None, :]) & 1).astype(bool)
    bits.flags.writeable = False
    return bits


def _player_corners(players: Sequence[np.ndarray], tensor: np.ndarray, lo: np.ndarray,
                    hi: np.ndarray) -> np.ndarray:
    """Corner values of polynomials that are affine in each player's unknowns, one player at a time.

    ``tensor`` is (B, polys, 1 + d_m, ..., 1 + d_1) with the players in reverse (``players[0]`` is
    the last axis); ``players[q]`` (polys or 1, d_q) holds each polynomial's unknowns of its q-th
    player.  Player q's unknowns at the ``2^{d_q}`` corners of its face form a matrix ``V_q``
    (corners x (1, x_1, ..., x_{d_q})) per polynomial, and contracting the tensor with each ``V_q``
    in turn gives the values at every corner, ``players[0]``'s unknowns in the lowest bits.
    """
    count, polys = tensor.shape[:2]
    values = tensor
    tail = 1
    for q, columns in enumerate(players):
        size = columns.shape[1]
        corners = 2**size
        matrix = np.ones((count, columns.shape[0], corners, 1 + size))
        # corner c: hi where bit u of c is set
        matrix[..., 1:] = np.where(_bits(size), hi[:, columns][:, :, None, :], lo[:, columns][:, :, None, :])
        if q == 0:
            values = values.reshape(count, polys, -1, 1 + size) @ matrix.transpose(0, 1, 3, 2)
        else:
            values = matrix[:, :, None] @ values.reshape(count, polys, -1, 1 + size, tail)
        tail *= corners
    return values.reshape(count, polys, tail)
