"""Numeric equilibria of continuous games: SciPy root finding on each binding pattern.

The fallback where the stationarity system is not polynomial (e.g. payoffs
with exponentials) or SymPy cannot solve it: for each binding pattern the
interior players' first-order conditions are solved by
:func:`scipy.optimize.root` from a grid of starting points inside the
intervals, the bound players' complementary-slackness signs are checked, and
every root goes to the independent global check of
:mod:`trigame.verify.continuous`.  Root finding from finitely many starts can
miss equilibria, so the result is never flagged complete.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame.budget import WorkBudget, check_limit
from trigame.errors import UnsupportedGameError
from trigame.results.continuous import ContinuousEquilibrium, ContinuousEquilibriumSet
from trigame.solve.continuous.kkt import DEFAULT_MAX_PATTERNS, binding_patterns, certified
from trigame.verify.continuous import certify_best_response

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = ["DEFAULT_MAX_STARTS", "pattern_roots", "solve"]

#: Default budget of root-finding runs over all patterns.
DEFAULT_MAX_STARTS = 20_000


def _starts(low: Any, high: Any, count: int) -> list[float]:
    """Starting levels spread over an interval (a geometric spread on an unbounded side)."""
    if low is not None and high is not None:
        lo, hi = float(low), float(high)
        return [lo + (hi - lo) * (k + 0.5) / count for k in range(count)]
    anchor = float(low) if low is not None else (float(high) if high is not None else 0.0)
    sign = 1.0 if low is not None or high is None else -1.0
    return [anchor + sign * 10.0 ** (k - 1) for k in range(count)]


def pattern_roots(game: ContinuousGame, pattern: dict[str, str], starts: int,
                  budget: WorkBudget) -> list[dict[str, float]]:
    """Numeric KKT points of one binding pattern (levels as floats), deduplicated."""
    import sympy
    from scipy.optimize import root

    variables = game.variables
    fixed = {}
    for player, binding in pattern.items():
        if binding != "interior":
            low, high = game.strategies[player]
            fixed[player] = float(low if binding == "lower" else high)
    interior = [p for p in game.players if pattern[p] == "interior"]
    order = [variables[p] for p in game.players]
    gradients = [sympy.lambdify(order, sympy.diff(game.payoff(p), variables[p]), modules="numpy")
                 for p in game.players]

    def full(z: np.ndarray) -> list[float]:
        values = dict(fixed)
        values.update(zip(interior, map(float, z)))
        return [values[p] for p in game.players]

    def equations(z: np.ndarray) -> np.ndarray:
        point = full(z)
        return np.array([float(gradients[game.players.index(p)](*point)) for p in interior])

    grids = [_starts(*game.strategies[p], starts) for p in interior]
    found: list[dict[str, float]] = []
    for start in itertools.product(*grids) if interior else [()]:
        budget.spend()
        if interior:
            with np.errstate(all="ignore"):
                try:
                    result = root(equations, np.array(start, dtype=float), method="hybr", tol=1e-12)
                except (ValueError, ZeroDivisionError, OverflowError):
                    continue
            if not np.all(np.isfinite(result.x)):  # judged by the residual below, not by the solver's flag
                continue
            residual = equations(result.x)
            if not np.all(np.abs(residual) < 1e-9):
                continue
            z = result.x
        else:
            z = np.array([])
        point = dict(zip(game.players, full(z)))
        if not _feasible(game, pattern, point, gradients):
            continue
        point = {p: _clip(v, *game.strategies[p]) for p, v in point.items()}  # rounding just outside a bound
        if not any(all(abs(point[p] - other[p]) <= 1e-8 * max(1.0, abs(point[p])) for p in point) for other in found):
            found.append(point)
    return found


def _clip(value: float, low: Any, high: Any) -> float:
    if low is not None:
        value = max(value, float(low))
    if high is not None:
        value = min(value, float(high))
    return value


def _feasible(game: ContinuousGame, pattern: dict[str, str], point: dict[str, float], gradients: list[Any]) -> bool:
    values = [point[p] for p in game.players]
    for k, player in enumerate(game.players):
        low, high = game.strategies[player]
        if low is not None and point[player] < float(low) - 1e-12:
            return False
        if high is not None and point[player] > float(high) + 1e-12:
            return False
        with np.errstate(all="ignore"):
            slope = float(gradients[k](*values))
        if not np.isfinite(slope):
            return False
        if (pattern[player] == "lower" and slope > 1e-9) or (pattern[player] == "upper" and slope < -1e-9):
            return False
    return True


def solve(game: ContinuousGame, *, starts: int = 5, max_starts: int | None = DEFAULT_MAX_STARTS,
          max_patterns: int | None = DEFAULT_MAX_PATTERNS, patterns: list[dict[str, str]] | None = None,
          tol: float = 1e-7) -> ContinuousEquilibriumSet:
    """Equilibria of a numeric continuous game by root finding on every binding pattern.

    Parameters
    ----------
    game : ContinuousGame
        A game without free parameters.
    starts : int, default 5
        Starting points per interior player and pattern.
    max_starts : int or None, default 20000
        Budget: the most root-finding runs in all.
    max_patterns : int or None, default 6561
        Budget: the most binding patterns.
    patterns : list of dict, optional
        Only these binding patterns (the KKT solver passes those it could not solve).
    tol : float, default 1e-7
        Slack of the global check, relative to each maximum.
    """
    if game.is_symbolic:
        raise UnsupportedGameError("the numeric method needs numeric payoffs; substitute values with game.subs(...)")
    check_limit(starts, "starts", allow_none=False)
    check_limit(max_starts, "max_starts")
    budget = WorkBudget(max_starts, what="the numeric search", unit="root-finding runs", option="max_starts")
    todo = patterns if patterns is not None else binding_patterns(game, max_patterns)
    equilibria = []
    for pattern in todo:
        for point in pattern_roots(game, pattern, starts, budget):
            certificates = certified(game, certify_best_response, point, tol)
            if certificates is not None:
                equilibria.append(ContinuousEquilibrium(game, point, [float(u) for u in game.payoffs_at(point)],
                                                        binding=pattern, certificate=certificates))
    notes = [f"root finding from {starts} starts per interior level and pattern; equilibria may be missed"]
    return ContinuousEquilibriumSet(equilibria, game=game, method="numeric", complete=False, notes=notes)
