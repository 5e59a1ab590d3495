"""Multilinear systems evaluated on many boxes at once: corner values, classes, slack.

Each indifference polynomial has degree at most one in every unknown, so on a box its range -- and
the range of each partial derivative -- is attained at the box's corners.  :class:`_Multilinear`
holds square systems sharing one set of unknowns as coefficient tensors grouped by the unknowns
each polynomial involves, and computes every corner value of many boxes in a few array
operations; the box search of :mod:`trigame.solve.nash._poly_box` bounds, preconditions and
tests boxes with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["MARGIN", "PAD", "_Multilinear"]

#: The search box is [-PAD, 1 + PAD] in every unknown (roots on the faces stay inside).
PAD = 2.0**-8
#: Relative slack added to every floating-point bound.
MARGIN = 1e-9


class _Multilinear:
    """Square multilinear systems sharing one set of unknowns, evaluated on many points at once.

    ``coeffs[s]`` is system ``s``'s coefficient matrix (polynomials x monomials).
    """

    def __init__(self, systems: Sequence[Sequence[dict[tuple[int, ...], Any]]], n_vars: int,
                 groups: Sequence[Sequence[int]] = ()) -> None:
        monoms = sorted({m for polys in systems for p in polys for m in p})
        position = {m: j for j, m in enumerate(monoms)}
        self.exponents = np.array(monoms, dtype=bool).reshape(len(monoms), n_vars)
        self.columns = [np.flatnonzero(self.exponents[:, k]) for k in range(n_vars)]
        n_rows = len(systems[0]) if systems else 0
        self.coeffs = np.zeros((len(systems), n_rows, len(monoms)))
        for s, polys in enumerate(systems):
            for i, p in enumerate(polys):
                for m, c in p.items():
                    self.coeffs[s, i, position[m]] = float(c)
        self.n_vars = n_vars
        # Each polynomial is grouped with the unknowns it involves: player i's indifference polynomials
        # never involve player i's own unknowns, so its corner values are those of a box of dimension
        # d - d_i, computed once rather than copied 2^{d_i} times.  A class is one such set of unknowns
        # with its polynomials; its tensor (systems, polys, 2^e) holds at entry c the monomial whose
        # unknowns are the class's unknowns at the set bits of c.
        used = (np.any(self.coeffs != 0, axis=0).astype(np.int64) @ self.exponents.astype(np.int64)) > 0
        classes: dict[tuple[int, ...], list[int]] = {}
        for i in range(n_rows):
            own = next((g for g in groups if g and not np.any(used[i, list(g)])), None)
            unknowns = tuple(k for k in range(n_vars) if own is None or k not in own)
            # bit order: the last player's unknowns lowest (the order of the player-wise contraction)
            members = [tuple(g) for g in groups if g and set(g) <= set(unknowns)]
            if sum(len(g) for g in members) == len(unknowns):
                unknowns = tuple(k for g in reversed(members) for k in g)
            classes.setdefault(unknowns, []).append(i)
        self.classes = [(np.array(rows), unknowns) for unknowns, rows in classes.items()]
        self.tensors = []
        #: per class, when its unknowns are whole players' and no monomial has two of one player's unknowns:
        #: the players' unknown lists and the coefficients as a tensor (systems, polys, 1 + d_1, ..., 1 + d_m)
        self.players: list[tuple[list[tuple[int, ...]], np.ndarray] | None] = []
        self.expand = []  # per class: the class corner index of each of the 2^d corners of the whole box
        #: per class (first row, last row + 1, H, M, L) when its corner values fill the whole box's by
        #: broadcasting (its unknowns are the whole box's bar one player's block of M corners)
        self.blocks: list[tuple[int, int, int, int, int] | None] = []
        # the whole box's corners: bit t selects hi of order[t] (the last player's unknowns lowest)
        whole = [tuple(g) for g in groups if g]
        order = ([k for g in reversed(whole) for k in g] if sorted(k for g in whole for k in g) == list(range(n_vars))
                 else list(range(n_vars)))
        bit = {k: t for t, k in enumerate(order)}
        slack_sum = np.zeros((len(systems), n_rows))
        full = np.arange(2**n_vars)
        for rows, unknowns in self.classes:
            weights = np.zeros(n_vars, dtype=np.int64)
            weights[list(unknowns)] = 2 ** np.arange(len(unknowns))
            inside = ~np.any(self.exponents[:, [k for k in range(n_vars) if k not in unknowns]], axis=1)
            tensor = np.zeros((len(systems), rows.size, 2 ** len(unknowns)))
            tensor[:, :, self.exponents[inside].astype(np.int64) @ weights] = self.coeffs[:, rows][:, :, inside]
            self.tensors.append(tensor)
            self.players.append(self._player_tensor(rows, unknowns, groups, inside))
            slack_sum[:, rows] = np.abs(tensor).sum(axis=2)
            self.expand.append(sum(((full >> bit[k]) & 1) * int(weights[k]) for k in range(n_vars)))
            self.blocks.append(_block(rows, unknowns, order))
        # a bound on the rounding error of a value anywhere in the padded box: every |x_k| <= 1 + PAD
        self.slack = MARGIN * (slack_sum * (1 + PAD) ** n_vars + 1.0)

    def _player_tensor(self, rows: np.ndarray, unknowns: tuple[int, ...], groups: Sequence[Sequence[int]],
                       inside: np.ndarray) -> tuple[list[tuple[int, ...]], np.ndarray] | None:
        """The class's coefficients by player (slot 0: the player's unknowns absent; 1 + u: unknown u), or None."""
        members = [tuple(g) for g in groups if g and set(g) <= set(unknowns)]
        if sum(len(g) for g in members) != len(unknowns) or max((len(g) for g in members), default=1) < 2:
            return None  # (with one unknown per player the generic pass does the same work)
        exponents = self.exponents[inside]
        slots = np.zeros((exponents.shape[0], len(members)), dtype=np.int64)
        for q, g in enumerate(members):
            block = exponents[:, list(g)]
            if np.any(block.sum(axis=1) > 1):
                return None  # not multilinear player by player
            slots[:, q] = np.where(block.any(axis=1), block.argmax(axis=1) + 1, 0)
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
        class's ``t``-th unknown.
        """
        count = lo.shape[0]
        out_values = []
        for (rows, unknowns), tensor, players in zip(self.classes, self.tensors, self.players):
            if players is not None:
                out_values.append(_player_corners(players[0], players[1][systems], lo, hi))
                continue
            tensor = tensor[systems]
            n = rows.size
            for t, k in enumerate(unknowns):
                view = tensor.reshape(count, n, -1, 2, 2**t)
                without, with_k = view[:, :, :, 0, :], view[:, :, :, 1, :]
                out = np.empty_like(view)
                np.multiply(with_k, lo[:, k, None, None, None], out=out[:, :, :, 0, :])
                out[:, :, :, 0, :] += without
                np.multiply(with_k, hi[:, k, None, None, None], out=out[:, :, :, 1, :])
                out[:, :, :, 1, :] += without
                tensor = out
            out_values.append(tensor.reshape(count, n, 2 ** len(unknowns)))
        return out_values

    def full_corners(self, values: Sequence[np.ndarray]) -> np.ndarray:
        """The class corner values as one array (B, n, 2^d) over the corners of the whole box."""
        count = values[0].shape[0]
        out = np.empty((count, self.n_vars, 2**self.n_vars))
        for (rows, _), part, expand, block in zip(self.classes, values, self.expand, self.blocks):
            if block is None:
                out[:, rows, :] = part[:, :, expand]
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


def _block(rows: np.ndarray, unknowns: tuple[int, ...], order: Sequence[int]) -> tuple[int, int, int, int, int] | None:
    """(first row, last row + 1, H, M, L) when ``unknowns`` is ``order`` less one run of it, else None.

    The whole box's corner index is then (high part, the run's M = 2^run corners, low part L), and
    the class's corner values do not depend on the middle part.
    """
    if rows.size == 0 or not np.array_equal(rows, np.arange(rows[0], rows[0] + rows.size)):
        return None
    n = len(order)
    for start in range(n + 1):
        for stop in range(start, n + 1):
            if tuple(order[:start]) + tuple(order[stop:]) == tuple(unknowns):
                return (int(rows[0]), int(rows[0]) + rows.size, 2 ** (n - stop), 2 ** (stop - start), 2**start)
    return None


def _player_corners(players: Sequence[tuple[int, ...]], tensor: np.ndarray, lo: np.ndarray,
                    hi: np.ndarray) -> np.ndarray:
    """Corner values of polynomials that are affine in each player's unknowns, one player at a time.

    ``tensor`` is (B, polys, 1 + d_m, ..., 1 + d_1) with the players in reverse (``players[0]`` is
    the last axis); player q's unknowns at the ``2^{d_q}`` corners of its face form a matrix
    ``V_q`` (corners x (1, x_1, ..., x_{d_q})), and contracting the tensor with each ``V_q`` in turn
    gives the values at every corner, ``players[0]``'s unknowns in the lowest bits.
    """
    count, polys = tensor.shape[:2]
    values = tensor
    tail = 1
    for q, unknowns in enumerate(players):
        size = len(unknowns)
        corners = 2**size
        bits = (np.arange(corners)[:, None] >> np.arange(size)[None, :]) & 1  # (corners, size)
        matrix = np.ones((count, corners, 1 + size))
        matrix[:, :, 1:] = np.where(bits[None].astype(bool), hi[:, None, list(unknowns)], lo[:, None, list(unknowns)])
        if q == 0:
            values = values.reshape(count, -1, 1 + size) @ matrix.transpose(0, 2, 1)
        else:
            values = matrix[:, None] @ values.reshape(count, -1, 1 + size, tail)
        tail *= corners
    return values.reshape(count, polys, tail)
