"""Dominance pruning for support enumeration in N-player games.

Two facts bound the search of the polynomial solver:

* a strategy strictly dominated (by a pure or a mixed strategy) is never used
  in a Nash equilibrium, so iterated elimination of strictly dominated
  strategies keeps every equilibrium;
* *conditional dominance* (Porter, Nudelman & Shoham 2008, "Simple search
  methods for finding a Nash equilibrium", Games Econ. Behav. 63): when the
  others mix with full support on ``S_-i``, every profile of ``S_-i`` has
  positive probability, so a strategy ``s`` whose payoffs on ``S_-i`` are
  weakly below those of some (mixed) strategy, and strictly below at one
  profile, earns strictly less and cannot be in player ``i``'s support.

Dominance by a mixed strategy is found with a floating-point LP, but it is only
*used* after the LP's mixture has been rounded to rationals and the dominance
re-checked exactly, so pruning never rests on round-off; a mixture of two rows
(one unknown weight) is decided exactly in Fractions without an LP.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

__all__ = ["dominated", "iterated_elimination", "restricted_table"]


def restricted_table(payoffs: np.ndarray, player: int, own: Sequence[int],
                     others: Sequence[Sequence[int]]) -> np.ndarray:
    """Player ``player``'s payoffs as a matrix: rows ``own``, columns the profiles of ``others``.

    ``others`` has one index list per player (the entry of ``player`` itself is ignored).

    Examples
    --------
    >>> import numpy as np
    >>> u = np.arange(8).reshape(2, 2, 2)
    >>> restricted_table(u, 1, [0, 1], [[1], [], [0, 1]]).tolist()
    [[4, 5], [6, 7]]
    """
    index = [list(others[j]) if j != player else list(own) for j in range(payoffs.ndim)]
    table = payoffs[np.ix_(*index)]
    table = np.moveaxis(table, player, 0)
    return table.reshape(len(own), -1)


def _exact_dominance(table: np.ndarray, weights: Sequence[Fraction], rows: Sequence[int], s: int,
                     strict: bool) -> bool:
    """Check exactly that the mixture ``weights`` over ``rows`` dominates row ``s``."""
    margins = [
        sum((w * int(table[r, a]) for w, r in zip(weights, rows) if w), Fraction(0)) - int(table[s, a])
        for a in range(table.shape[1])
    ]
    if strict:
        return all(m > 0 for m in margins)
    return all(m >= 0 for m in margins) and any(m > 0 for m in margins)


def _rounded(weights: np.ndarray) -> list[Fraction] | None:
    values = [Fraction(float(max(w, 0.0))).limit_denominator(10**6) for w in weights]
    total = sum(values, Fraction(0))
    if total == 0:
        return None
    return [v / total for v in values]


def _pair_dominates(a: Sequence[int], b: Sequence[int], strict: bool) -> bool:
    """Whether some mixture ``lam a + (1 - lam) b``, ``lam`` in [0, 1], of two margin rows dominates, exactly.

    ``a`` and ``b`` are the two other rows less row ``s``, column by column; the mixture's margin in
    column ``k`` is ``b_k + lam (a_k - b_k)``, linear in ``lam``.  ``strict``: every margin positive
    (an open condition per column, so the feasible ``lam`` form an interval whose ends say whether
    it is empty).  Otherwise every margin nonnegative and one positive: on the closed interval of
    ``lam`` where all are nonnegative, a margin positive anywhere is positive at the interval's
    midpoint (a nonnegative linear function zero at an interior point is zero throughout).
    """
    low, low_open = Fraction(0), False
    high, high_open = Fraction(1), False
    for ak, bk in zip(a, b):
        slope = ak - bk
        if slope == 0:
            if bk < 0 or (strict and bk == 0):
                return False
            continue
        bound = Fraction(-bk, slope)  # the margin's zero
        if slope > 0:  # margin >= 0 (> 0) for lam >= (>) bound
            if bound > low or (bound == low and strict):
                low, low_open = bound, strict
        elif bound < high or (bound == high and strict):
            high, high_open = bound, strict
    if low > high or (low == high and (low_open or high_open)):
        return False
    if strict:
        return True
    lam = (low + high) / 2
    return any(bk + lam * (ak - bk) > 0 for ak, bk in zip(a, b))


def dominated(table: np.ndarray, s: int, strict: bool, use_lp: bool = True) -> bool:
    """Whether row ``s`` of an integer payoff table is dominated by another row or a mixture of rows.

    ``strict=True``: strictly worse against every column.  ``strict=False``:
    weakly worse against every column and strictly worse against one (valid
    when every column is played with positive probability).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array([[3, 0], [0, 3], [1, 1]])
    >>> dominated(t, 2, strict=True, use_lp=False), dominated(t, 2, strict=True)
    (False, True)
    """
    others = [r for r in range(table.shape[0]) if r != s]
    if not others:
        return False
    diff = table[others] - table[s]
    if strict:
        if bool(np.any(np.all(diff > 0, axis=1))):
            return True
    elif bool(np.any(np.all(diff >= 0, axis=1) & np.any(diff > 0, axis=1))):
        return True
    if not use_lp or len(others) < 2:
        return False
    # a mixture of the other rows is never above their best entry in a column: where row s is at
    # least that (strict dominance) or above it (weak), no mixture dominates it and no LP is needed
    best = diff.max(axis=0)
    if bool(np.any(best <= 0)) if strict else bool(np.any(best < 0)):
        return False
    if len(others) == 2:
        return _pair_dominates(diff[0].tolist(), diff[1].tolist(), strict)
    from scipy.optimize import linprog

    values = np.asarray(table, dtype=np.float64)
    rows = values[others]  # (r, K)
    scale = max(1.0, float(np.max(np.abs(values))))
    r, k = rows.shape
    # variables (tau_1..tau_r, eps); maximise eps subject to tau . rows[:, a] - eps >= table[s, a]
    attempts = [True] if strict else [False, True]
    for margin in attempts:
        if margin:
            c = np.zeros(r + 1)
            c[-1] = -1.0
            a_ub = np.hstack([-rows.T, np.ones((k, 1))])
            bounds: list[tuple[float | None, float | None]] = [(0, None)] * r + [(None, scale)]
        else:  # maximise the total margin subject to all margins >= 0
            c = np.concatenate([-rows.sum(axis=1), [0.0]])
            a_ub = np.hstack([-rows.T, np.zeros((k, 1))])
            bounds = [(0, None)] * r + [(0, 0)]
        result = linprog(c, A_ub=a_ub, b_ub=-values[s], A_eq=np.concatenate([np.ones(r), [0.0]])[None, :],
                         b_eq=[1.0], bounds=bounds, method="highs")
        if result.status != 0:
            continue
        gain = -result.fun if margin else float(-result.fun - values[s].sum())
        if gain <= 1e-9 * scale:
            continue
        weights = _rounded(result.x[:r])
        if weights is not None and _exact_dominance(table, weights, others, s, strict):
            return True
    return False


def iterated_elimination(payoffs: np.ndarray, use_lp: bool = True) -> list[list[int]]:
    """Iterated elimination of strictly dominated strategies (pure and mixed dominators).

    ``payoffs`` is the integer payoff array of shape ``(n, m_1, ..., m_n)``.
    Returns the surviving strategy indices of each player.

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])  # prisoner's dilemma
    >>> iterated_elimination(pd)
    [[1], [1]]
    """
    n = payoffs.shape[0]
    alive = [list(range(m)) for m in payoffs.shape[1:]]
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if len(alive[i]) < 2:
                continue
            table = restricted_table(payoffs[i], i, alive[i], alive)
            for row in range(len(alive[i]) - 1, -1, -1):
                if dominated(table, row, strict=True, use_lp=use_lp):
                    del alive[i][row]
                    table = np.delete(table, row, axis=0)
                    changed = True
    return alive
