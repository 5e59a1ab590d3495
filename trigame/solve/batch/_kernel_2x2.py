"""All extreme equilibria of many 2x2 games: one lookup in a table of the 81 sign patterns of the advantages.

A profile of a 2x2 game is an equilibrium iff each player's probability ``x_i``
is 1, 0, or the root ``x*`` of the opponent's advantage, with the matching sign
of its own advantage.  Every such condition is a sign condition on the four
advantages ``e_1[b]``, ``e_2[a]``, so which of the nine candidates are
equilibria, whether there is a continuum and whether the game is degenerate is
one row of a table over the ``3^4 = 81`` sign patterns (:func:`_table_2x2`).
Float subtraction is correctly rounded, so the signs, and the answer, are those
of the exact game.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from itertools import product
from typing import Any

import numpy as np

from trigame.solve.batch._input import _fractions
from trigame.solve.batch.result import FIRST, MIXED, PADDING, SECOND


@cache
def _table_2x2() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each of the 81 sign patterns of ``(e_1[0], e_1[1], e_2[0], e_2[1])``: the equilibria.

    Returns ``count (81,)``, ``codes (81, 9, 2)`` (strategy codes in canonical
    order, padded with -1), ``continuum (81,)`` and ``degenerate (81,)``.
    """
    count = np.zeros(81, dtype=np.int64)
    codes = np.full((81, 9, 2), PADDING, dtype=np.int8)
    continuum = np.zeros(81, dtype=bool)
    degenerate = np.zeros(81, dtype=bool)
    order = {FIRST: 0, MIXED: 1, SECOND: 2}  # probability of the first strategy descending: 1 > x* > 0
    for index, signs in enumerate(product((-1, 0, 1), repeat=4)):
        e1, e2 = signs[:2], signs[2:]
        root = [e2[0] * e2[1] < 0, e1[0] * e1[1] < 0]  # x* exists (player 2 indifferent), y* exists

        def advantage(player: int, opponent_code: int, tables: tuple[Any, Any] = (e1, e2)) -> int:
            """Sign of the player's advantage against the opponent's code (0 at the opponent's root)."""
            return 0 if opponent_code == MIXED else tables[player][opponent_code]

        found = []
        for cx, cy in product((FIRST, SECOND, MIXED), repeat=2):
            ok = True
            regular = True
            for player, own, other in ((0, cx, cy), (1, cy, cx)):
                d = advantage(player, other)
                if own == MIXED:
                    ok &= root[player] and d == 0
                    regular &= other == MIXED  # one player mixing against a pure strategy is irregular
                else:
                    ok &= d >= 0 if own == FIRST else d <= 0
                    regular &= d != 0
            if ok:
                found.append((cx, cy, regular))
        found.sort(key=lambda f: ((f[0] == MIXED) + (f[1] == MIXED), order[f[0]], order[f[1]]))
        count[index] = len(found)
        for k, (cx, cy, _) in enumerate(found):
            codes[index, k] = (cx, cy)
        shares = any(a[p] == b[p] for a, b in product(found, repeat=2) if a != b for p in (0, 1))
        continuum[index] = shares
        degenerate[index] = shares or not all(f[2] for f in found)
    return count, codes, continuum, degenerate


def _pattern_index(e1: np.ndarray, e2: np.ndarray, t1: Any = 0, t2: Any = 0) -> np.ndarray:
    """Index into the 81 sign patterns; a value counts as 0 when at most ``t`` in absolute value."""
    index = np.zeros(len(e1), dtype=np.intp)
    for e, t in ((e1, t1), (e2, t2)):
        for b in (0, 1):
            index = index * 3 + 1 + (e[:, b] > t) - (e[:, b] < -t)
    return index


@cache
def _value_tables(width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per sign pattern and slot: probability = constant + coefficient * root (NaN for padding)."""
    codes = _table_2x2()[1][:, :width]
    constant = np.where(codes == FIRST, 1.0, np.where(codes == PADDING, np.nan, 0.0))
    return constant, (codes == MIXED).astype(np.float64)


def _signs_2x2(e1: np.ndarray, e2: np.ndarray, exact: bool, tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sign-pattern index, degenerate flag and the two mixing roots of 2x2 games with advantages ``e1``, ``e2``."""
    degenerate_t = _table_2x2()[3]
    index = _pattern_index(e1, e2)
    degenerate = degenerate_t[index]
    if not exact and tol > 0:  # a near-tie within tol also makes the game degenerate (the snapped game is)
        a1, a2 = np.abs(e1), np.abs(e2)
        t1 = np.maximum(a1[:, 0], a1[:, 1]) * tol
        t2 = np.maximum(a2[:, 0], a2[:, 1]) * tol
        near = (np.minimum(a1[:, 0], a1[:, 1]) <= t1) | (np.minimum(a2[:, 0], a2[:, 1]) <= t2)
        rows = np.flatnonzero(near)
        if rows.size:
            snapped = _pattern_index(e1[rows], e2[rows], t1[rows], t2[rows])
            degenerate[rows] |= degenerate_t[snapped]
    if e1.dtype == object:  # exact: the roots as correctly rounded quotients of the exact advantages
        def quotient(a: Any, b: Any) -> float:
            return float(Fraction(a) / Fraction(b)) if b != 0 else 0.0

        ratio = np.frompyfunc(quotient, 2, 1)
        roots = np.stack([ratio(e2[:, 1], e2[:, 1] - e2[:, 0]),  # x* makes player 2 indifferent
                          ratio(e1[:, 1], e1[:, 1] - e1[:, 0])], axis=1).astype(np.float64)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            roots = np.stack([e2[:, 1] / (e2[:, 1] - e2[:, 0]), e1[:, 1] / (e1[:, 1] - e1[:, 0])], axis=1)
        roots[~np.isfinite(roots)] = 0.0  # no root: the table uses none there
    return index, degenerate, roots


def _solve_2x2(P: np.ndarray, exact: bool, tol: float, original: np.ndarray | None = None,
               force: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """All extreme equilibria of M 2x2 games ``P`` of shape (M, 2, 2, 2), from the sign-pattern table.

    ``P`` holds each player's payoffs rescaled (see :func:`~trigame.solve.batch._input._rescale`); games
    marked in ``force`` are solved from their ``original`` payoffs in exact
    arithmetic (their rescaling was not exact).
    """
    count_t, codes_t, continuum_t, _ = _table_2x2()
    e1 = P[:, 0, 0, :] - P[:, 0, 1, :]  # player 1: first minus second row, against column b
    e2 = P[:, 1, :, 0] - P[:, 1, :, 1]  # player 2: first minus second column, against row a
    index, degenerate, roots = _signs_2x2(e1, e2, exact, tol)
    if force is not None and original is not None and force.any():
        rows = np.flatnonzero(force)
        exact_rows = _fractions(original[rows])
        f1 = exact_rows[:, 0, 0, :] - exact_rows[:, 0, 1, :]
        f2 = exact_rows[:, 1, :, 0] - exact_rows[:, 1, :, 1]
        index[rows], degenerate[rows], roots[rows] = _signs_2x2(f1, f2, exact, tol)
    count = count_t[index]
    width = max(int(count.max(initial=0)), 1)
    constant, coefficient = _value_tables(width)
    probabilities = constant[index] + coefficient[index] * roots[:, None, :]
    return {"count": count, "probabilities": probabilities, "supports": codes_t[index, :width],
            "degenerate": degenerate, "continuum": continuum_t[index], "exact_path": np.zeros(len(P), dtype=bool)}
