"""2x2x2 games re-solved exactly, vectorised: the scalar closed-form solver's candidates and bookkeeping.

The bridge between the batch engine and :mod:`trigame.solve.nash.closed_form`:
the games of a chunk in which the float closed forms meet a near-tie are solved
again with the scalar solver's own formulas (:mod:`trigame.solve.nash._closed_formulas`)
evaluated in integers on all of them at once (:mod:`trigame.solve.batch._integers`),
so that the batch returns the set ``tg.equilibria(game, method="closed_form")``
returns: every isolated equilibrium and a point of every continuum.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from trigame.solve.batch._advantages import _advantages_3, _irregular_exact, _irregular_float
from trigame.solve.batch._integers import _continuum_exact, _integer_advantages, _IntegerArrays
from trigame.solve.batch.result import FIRST, MIXED, SECOND


def _at(value: Any, rows: np.ndarray, G: int) -> np.ndarray:
    """A backend value (a Python int or an object array over the group) at the given games."""
    return np.broadcast_to(np.asarray(value, dtype=object), (G,))[rows]


def _surd_value(a: int, b: int, c: int, f: int, disc: int) -> tuple[int, int] | float:
    """``(a + b sqrt(disc)) / (c + f sqrt(disc))``: an integer pair when rational, else a float.

    The cases of :func:`trigame.solve.nash.closed_form._probability`: no square root, a
    perfect-square ``disc``, a quotient whose surd parts cancel (``b c = a f``), and
    otherwise ``x0 + x1 sqrt(disc)`` rounded to a float by the same routine.
    """
    from trigame.solve.nash.closed_form import _surd_to_float

    if b == 0 and f == 0:
        return a, c
    root = math.isqrt(disc)
    if root * root == disc:
        return a + b * root, c + f * root
    norm = c * c - f * f * disc
    if b * c == a * f:
        return a * c - b * f * disc, norm
    return _surd_to_float(Fraction(a * c - b * f * disc, norm), Fraction(b * c - a * f, norm), Fraction(disc))


def _solve_exact_group(P: np.ndarray, exact: bool, tol: float) -> list[tuple[list[list[float]], bool, bool]]:
    """2x2x2 games solved by the closed forms in exact integer arithmetic, vectorised over the group.

    Returns, per game, the probabilities of ``closed_form_equilibria`` in its
    order, its continuum flag (``EquilibriumSet.degenerate``), and the degenerate
    flag (a continuum, or an irregular equilibrium).  The candidates, their conditions, the continuum test and the
    regularity test are the scalar solver's, evaluated with :class:`~trigame.solve.batch._integers._IntegerArrays`
    on all games at once; what remains per game is the scalar result builder's
    bookkeeping: drop repeated candidates (on the same supports, equal
    probabilities -- exactly when both are exact, within ``DEDUP_TOL`` otherwise),
    then sort by support size and probabilities.  Irrational probabilities (roots
    of the quadratic) are rounded by the scalar solver's routine, from the scaled
    integers, so they may differ from the scalar solver's in the last bit.
    """
    from trigame.solve.nash._closed_formulas import FIRST as FIRST_PATTERN
    from trigame.solve.nash._closed_formulas import MIXED as MIXED_PATTERN
    from trigame.solve.nash._closed_formulas import pieces
    from trigame.solve.nash._common import DEDUP_TOL, clean_float_vector

    G = len(P)
    e = _integer_advantages(P)
    tables: list[dict[tuple[int, ...], Any]] = [
        {(a, b): e[i][:, a, b] for a, b in product((0, 1), repeat=2)} for i in range(3)]
    B = _IntegerArrays()
    codes: list[tuple[int, ...]] = []
    games: list[np.ndarray] = []
    candidates: list[np.ndarray] = []
    nums: list[np.ndarray] = []
    dens: list[np.ndarray] = []
    floats: list[np.ndarray] = []
    for c, piece in enumerate(pieces(B, tables)):
        codes.append(tuple(FIRST if s == FIRST_PATTERN else MIXED if s == MIXED_PATTERN else SECOND
                           for s in piece.pattern))
        rows = np.flatnonzero(np.broadcast_to(np.asarray(piece.condition, dtype=bool), (G,)))
        if rows.size == 0:
            continue
        num = np.empty((rows.size, 3), dtype=object)
        den = np.empty((rows.size, 3), dtype=object)
        value = np.full((rows.size, 3), np.nan)  # irrational probabilities; NaN where num / den holds the value
        for i, (N, M) in enumerate(piece.probs):
            (a, b), (cc, f) = N.parts(), M.parts()
            if piece.disc is None:
                num[:, i], den[:, i] = _at(a, rows, G), _at(cc, rows, G)
                continue
            parts = [_at(v, rows, G) for v in (a, b, cc, f, piece.disc)]
            for r in range(rows.size):
                solved = _surd_value(*(int(p[r]) for p in parts))
                if isinstance(solved, float):
                    value[r, i] = solved
                    num[r, i], den[r, i] = 0, 1  # placeholders, never used
                else:
                    num[r, i], den[r, i] = solved
        games.append(rows)
        candidates.append(np.full(rows.size, c))
        nums.append(num)
        dens.append(den)
        floats.append(value)
    if not games:  # an empty group
        games, candidates = [np.zeros(0, dtype=np.intp)], [np.zeros(0, dtype=np.intp)]
        nums, dens, floats = [np.zeros((0, 3), dtype=object)], [np.zeros((0, 3), dtype=object)], [np.zeros((0, 3))]
    order = np.lexsort((np.concatenate(candidates), np.concatenate(games)))  # the scalar solver's order per game
    game, candidate = np.concatenate(games)[order], np.concatenate(candidates)[order]
    num, den, value = np.concatenate(nums)[order], np.concatenate(dens)[order], np.concatenate(floats)[order]
    rational = np.isnan(value)
    x = (num / den).astype(np.float64) if len(num) else np.zeros((0, 3))
    y = ((den - num) / den).astype(np.float64) if len(num) else np.zeros((0, 3))  # 1 - x, rounded once
    for r, i in zip(*np.nonzero(~rational)):  # the scalar result builder cleans float vectors [x, 1 - x]
        x[r, i], y[r, i] = clean_float_vector([value[r, i], 1.0 - value[r, i]])
    support = np.concatenate([x != 0, y != 0], axis=1)
    size = support.sum(axis=1)
    bounds = np.searchsorted(game, np.arange(G + 1))

    def same(q: int, r: int) -> bool:
        if not np.array_equal(support[q], support[r]):
            return False
        for i in range(3):
            if exact and rational[q, i] and rational[r, i]:
                if num[q, i] * den[r, i] != num[r, i] * den[q, i]:
                    return False
            elif abs(x[q, i] - x[r, i]) > DEDUP_TOL or abs(y[q, i] - y[r, i]) > DEDUP_TOL:
                return False
        return True

    kept_of: list[list[int]] = []
    for g in range(G):
        kept: list[int] = []
        for r in range(bounds[g], bounds[g + 1]):
            if not any(same(q, r) for q in kept):
                kept.append(r)
        kept.sort(key=lambda r: (size[r], [-v for i in range(3) for v in (x[r, i], y[r, i])]))
        kept_of.append(kept)

    rows = np.array([r for kept in kept_of for r in kept], dtype=np.intp)
    irregular = np.zeros(len(rows), dtype=bool)
    by_integers = rational[rows].all(axis=1) if exact else np.zeros(len(rows), dtype=bool)
    if by_integers.any():
        at = rows[by_integers]
        mixing = np.array([codes[c] for c in candidate[at]], dtype=np.int8).reshape(-1, 3) == MIXED
        irregular[by_integers] = _irregular_exact([t[game[at]] for t in e], num[at], den[at], mixing)
    if (~by_integers).any():
        at = rows[~by_integers]
        raw = [np.asarray(t, dtype=np.float64) for t in _advantages_3(P)]  # exact differences, then rounded
        if not exact:  # float games: ties relative to each player's largest advantage (the 'tol' contract)
            raw = [t / np.where(s == 0, 1.0, s)[:, None, None]
                   for t, s in ((t, np.abs(t).reshape(G, 4).max(axis=1)) for t in
                                _advantages_3(np.asarray(P, dtype=np.float64)))]
        irregular[~by_integers] = _irregular_float([t[game[at]] for t in raw], x[at], tol)
    continuum = _continuum_exact(e, tables, B)
    out: list[tuple[list[list[float]], bool, bool]] = []
    position = 0
    for g in range(G):
        kept = kept_of[g]
        irregular_here = bool(irregular[position:position + len(kept)].any())
        position += len(kept)
        out.append(([x[r].tolist() for r in kept], bool(continuum[g]), bool(continuum[g]) or irregular_here))
    return out
