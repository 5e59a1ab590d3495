"""The vectorised route of a sweep: a chunk of 2-strategy games solved in one pass by the batch engine.

Models with 2 or 3 players and 2 strategies each are solved by
:func:`trigame.solve.batch.equilibria` (all Nash equilibria in closed form) on
the payoff tensor of a whole chunk (:meth:`Model.payoff_tensor`).  Each
equilibrium is named by a support code -- one base-3 digit per player: first
strategy, second strategy, or mixing -- so the set of equilibria at a point is
a bit mask over the 3**n codes (one more bit for a continuum), and the labels
are computed once per distinct mask, not once per point.
"""

from __future__ import annotations

import numpy as np

from trigame._labels import set_label, support_label
from trigame.statics.sweep._chunk import (
    _Chunk,
    _equilibrium_outcome,
    _outcome_names,
    _outcome_set_label,
    _profile_indices,
)
from trigame.statics.sweep._grid import _Spec


def _code_labels(spec: _Spec) -> tuple[list[str], np.ndarray]:
    """Support labels of the 3**n support codes (digit 0: first strategy, 1: second, 2: mix) and their ranks."""
    choices = ((0,), (1,), (0, 1))
    n = len(spec.players)
    labels = []
    for code in range(3**n):
        digits = [(code // 3**i) % 3 for i in range(n)]
        labels.append(support_label(spec.players, spec.strategies, [choices[d] for d in digits]))
    order = sorted(range(len(labels)), key=lambda c: (labels[c].count(": mix "), labels[c]))
    rank = np.empty(len(labels), dtype=np.int64)
    rank[order] = np.arange(len(labels))
    return labels, rank


def _sort_equilibria(keys: list[np.ndarray], arrays: list[np.ndarray]) -> list[np.ndarray]:
    """Reorder axis 1 of each array by the lexicographic order of ``keys`` (most significant first; stable)."""
    if keys[0].shape[1] <= 1:  # one equilibrium per point: nothing to order
        return arrays
    index = np.lexsort(keys[::-1], axis=-1)  # lexsort's primary key is its last
    out = []
    for a in arrays:
        expand = index.reshape(index.shape + (1,) * (a.ndim - 2))
        out.append(np.take_along_axis(a, expand, axis=1))
    return out


def _solve_batch(spec: _Spec, start: int, stop: int) -> _Chunk:
    """All Nash equilibria of the games at flat indices [start, stop), labelled, in canonical order."""
    from trigame.solve.batch import equilibria

    tensor = spec.tensor(start, stop)
    res = equilibria(tensor, n_players=len(spec.players))
    n_players = len(spec.players)
    count = np.asarray(res.count).reshape(-1).astype(np.int16)
    prob = np.asarray(res.probabilities, dtype=np.float64).reshape(stop - start, -1, n_players)
    payoff = np.asarray(res.payoffs, dtype=np.float64).reshape(stop - start, -1, n_players)
    continuum = np.asarray(getattr(res, "continuum", res.degenerate)).reshape(-1).astype(bool)
    # Support code of each equilibrium: player i's digit is 0 (first strategy), 1 (second) or 2 (mixing).
    # The engine's own supports are exact (a mixed probability within 2**-53 of 1 is still mixed).
    supports = getattr(res, "supports", None)
    if supports is not None:
        digit = np.asarray(supports, dtype=np.int64).reshape(prob.shape)
        valid = np.all(digit >= 0, axis=2)
    else:
        digit = np.where(prob == 1.0, 0, np.where(prob == 0.0, 1, 2))
        valid = ~np.any(np.isnan(prob), axis=2)
    code = (np.maximum(digit, 0) * (3 ** np.arange(n_players))).sum(axis=2)
    labels, rank = _code_labels(spec)
    big = np.iinfo(np.int64).max
    keys = [np.where(valid, rank[code], big)] + [np.where(valid, prob[:, :, i], np.inf) for i in range(n_players)]
    code, valid, prob, payoff = _sort_equilibria(keys, [code, valid, prob, payoff])
    # The set of support codes at a point as a bit mask (3**3 = 27 codes), with one more bit for a continuum.
    mask = np.bitwise_or.reduce(np.where(valid, np.left_shift(np.int64(1), code), np.int64(0)), axis=1)
    mask |= continuum.astype(np.int64) << np.int64(3**n_players)
    distinct, codes = np.unique(mask, return_inverse=True)
    table = []
    names = _outcome_names(spec)
    sizes = [2] * n_players
    choices = ((0,), (1,), (0, 1))
    outcome_table: dict[str, int] = {}
    outcome_of_mask = np.empty(len(distinct), dtype=np.int32)
    for row, m in enumerate(distinct.tolist()):
        present = [c for c in range(3**n_players) if m >> c & 1]
        table.append(set_label([labels[c] for c in present], continuum=bool(m >> 3**n_players & 1)))
        # An equilibrium reaches exactly the profiles in the product of its supports.
        reached = [_equilibrium_outcome(names, _profile_indices([choices[(c // 3**i) % 3] for i in range(n_players)],
                                                                sizes)) for c in present]
        outcome_of_mask[row] = outcome_table.setdefault(_outcome_set_label(reached), len(outcome_table))
    codes = codes.reshape(-1).astype(np.int32)
    return _Chunk(start, stop, codes, table, count, prob[..., None], payoff, continuum, None,
                  outcome_codes=outcome_of_mask[codes], outcome_table=list(outcome_table))
