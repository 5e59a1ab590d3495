"""The end point of a float Lemke-Howson path and the verified result, at a small fixed cost per call.

:func:`end_point` recomputes the basic structural variables of a final tableau
from the scaled payoffs by one linear solve on the support (the NumPy path; the
compiled kernel does the same with its own elimination,
:func:`~trigame.solve.nash._lh_kernel._end_point_py`).

:func:`verified_float_set` turns the end points of a float game into the
:class:`~trigame.results.EquilibriumSet` that
:func:`~trigame.solve.nash._common.build_set` would build -- the same cleaning of
round-off, the same independent check, the same de-duplication, order and notes --
without validating the vectors entry by entry: each cleaned vector is a finite
float64 probability vector by construction (checked by its sum), then verified by
:func:`~trigame.verify._float_bimatrix.check_float_bimatrix`, the float check of
:func:`~trigame.verify.check_profile` with the same arithmetic.  Anything else
returns None and the caller uses ``build_set``.  ``tests/test_lemke_howson.py``
pins the two results against each other.  :func:`verified_cleaned_set` takes end
points the compiled solver has already cleaned (the same arithmetic, pinned bit for
bit) and checks them alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import PROBABILITY_TOL
from trigame.results import Equilibrium, EquilibriumSet
from trigame.solve.nash._common import Collected, zeroed_round_off
from trigame.verify._float_bimatrix import check_float_bimatrix

__all__ = ["end_point", "verified_cleaned_set", "verified_float_set"]


def end_point(D: np.ndarray, basis: np.ndarray, matrix: np.ndarray, first_var: int, first_slack: int) -> np.ndarray:
    """The structural variables (unnormalised) of a final tableau, recomputed from ``matrix``.

    ``matrix`` (rows x k) holds the constraints ``matrix v + s = 1``; the structural
    variables carry the labels ``first_var ..``, the slacks ``first_slack ..``; ``basis``
    gives the label of each row of the dictionary ``D`` (right-hand side last).  The
    basic structural variables ``S`` and the rows ``T`` whose slacks are nonbasic (tight)
    are equally many, and ``matrix[T, S] v_S = 1``: one small linear solve on the support
    gives the end point without the round-off of the path.  The dictionary's right-hand
    side is kept if that system is singular.
    """
    rows, k = matrix.shape
    offset = basis - first_var
    structural = (offset >= 0) & (offset < k)
    basic_rows = np.flatnonzero(structural)
    basic = offset[basic_rows]
    slack_basic = np.zeros(rows, dtype=bool)
    slack_basic[basis[~structural] - first_slack] = True
    tight = np.flatnonzero(~slack_basic)
    values = D[basic_rows, -1]
    if basic.size and tight.size == basic.size:
        try:
            solved = np.linalg.solve(matrix[np.ix_(tight, basic)], np.ones(basic.size))
            if np.isfinite(solved).all():
                values = solved
        except np.linalg.LinAlgError:  # pragma: no cover - a basis matrix is nonsingular
            pass
    out = np.zeros(k)
    out[basic] = np.maximum(values, 0.0)
    return out


def _clean(vector: np.ndarray, size: int) -> np.ndarray | None:
    """:func:`~trigame.solve.nash._common.clean_float_vector` of a NumPy vector of ``size`` entries (a new array).

    None unless the result is a vector :func:`~trigame.games.profiles.as_profile` accepts as it
    is: float64 with ``size`` entries (by construction), nonnegative (every entry below
    ``ZERO_TOL`` is set to 0 and the sum divides by a positive number), finite (the sum of
    the entries is, so each is) and summing to 1 within ``PROBABILITY_TOL``.
    """
    if not isinstance(vector, np.ndarray) or vector.shape != (size,):
        return None
    v, total = zeroed_round_off(vector)
    if not (math.isfinite(total) and total > 0.0):
        return None
    v /= total
    if abs(float(np.add.reduce(v)) - 1.0) > PROBABILITY_TOL:  # pragma: no cover - a sum of k roundings of x/t
        return None
    return v


def verified_float_set(
    game: NormalFormGame, profiles: Sequence[Sequence[np.ndarray]], *, method: str, notes: Sequence[str], tol: float
) -> EquilibriumSet | None:
    """``build_set(game, profiles, method=method, complete=False, notes=notes, tol=tol)`` for a float bimatrix game.

    None when a cleaned vector is not a plain finite float64 probability vector (the
    caller then runs ``build_set``, which validates it in full).
    """
    m, n = game.shape
    cleaned = []
    for x, y in profiles:
        cx, cy = _clean(x, m), _clean(y, n)
        if cx is None or cy is None:
            return None
        cleaned.append((cx, cy))
    return verified_cleaned_set(game, cleaned, method=method, notes=notes, tol=tol)


def verified_cleaned_set(
    game: NormalFormGame, cleaned: Sequence[tuple[np.ndarray, np.ndarray]], *, method: str, notes: Sequence[str],
    tol: float
) -> EquilibriumSet:
    """:func:`verified_float_set` of end points already cleaned by :func:`_clean` (new arrays the set may own).

    The compiled path cleans its end points itself
    (:func:`~trigame.solve.nash._lh_kernel._clean_py`, the same arithmetic).
    """
    collected = Collected()
    for x, y in cleaned:
        ok, payoffs = check_float_bimatrix(game, x, y, tol)
        if not ok:
            collected.dropped += 1
            continue
        eq = Equilibrium._owning((x, y), payoffs, game.players, game.strategies, exact=False)  # x, y: new arrays
        collected.add(eq, (tuple(np.flatnonzero(x).tolist()), tuple(np.flatnonzero(y).tolist())))
    return collected.result(game, method=method, complete=False, notes=notes)
