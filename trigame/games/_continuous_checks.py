"""Checks of a continuous game's inputs: strategy bounds and intervals, payoff exponents, names, grid sizes."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from trigame._numbers import classify, short_repr, to_sympy
from trigame.errors import BudgetExceededError, GameShapeError, LabelError, ParameterError, PayoffValueError

__all__ = ["DEFAULT_MAX_PROFILES", "MAX_EXPONENT", "check_exponents", "check_players", "check_profiles",
           "degree_bound", "read_interval"]

#: Largest integer power of an expression in the levels a payoff may contain (a guard against
#: payoffs such as ``x**10**9`` whose exact evaluation or expansion could not finish).
MAX_EXPONENT = 1000

#: Largest number of pure profiles :meth:`ContinuousGame.discretize` builds by default.
DEFAULT_MAX_PROFILES = 250_000


def _bound(value: Any, player: str, side: str) -> Any:
    """One bound of a strategy interval as a SymPy number or expression (``None`` stays ``None``)."""
    if value is None:
        return None
    what = f"{side} bound of {player}'s level"
    classify(value, what)  # refuses strings, booleans, NaN, infinities
    return to_sympy(value)


def read_interval(name: str, interval: Any) -> tuple[Any, Any]:
    """One strategy interval ``(low, high)`` checked: numbers or expressions, ``low < high`` where decided."""
    import sympy

    if isinstance(interval, str) or not isinstance(interval, Sequence) or len(interval) != 2:
        raise GameShapeError(f"the strategies of {name} must be a pair (low, high), got {short_repr(interval)}")
    low, high = _bound(interval[0], name, "lower"), _bound(interval[1], name, "upper")
    if low is not None and high is not None:
        gap = sympy.simplify(high - low)
        if (gap.is_number and not gap > 0) or gap.is_positive is False:
            raise ParameterError(f"the interval of {name} is empty or a point: [{low}, {high}]; low < high is needed")
    return (low, high)


def degree_bound(expr: Any, symbols: Any) -> float:
    """An upper bound on the degree in ``symbols`` of ``expr`` once expanded (``inf`` if not polynomial-like).

    Computed on the expression tree without expanding it, so that the solvers can refuse a
    system of huge degree before building it.  Logarithms count as their argument (their
    derivatives are rational).
    """
    import sympy

    symbols = set(symbols)
    if not (expr.free_symbols & symbols):
        return 0
    if expr.is_Symbol:
        return 1
    if expr.is_Add:
        return max(degree_bound(arg, symbols) for arg in expr.args)
    if expr.is_Mul:
        return sum(degree_bound(arg, symbols) for arg in expr.args)
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Rational and not (exponent.free_symbols & symbols):
            return abs(int(exponent.p)) * degree_bound(base, symbols)
        return math.inf
    if isinstance(expr, sympy.log):
        return degree_bound(expr.args[0], symbols)
    return math.inf


def check_exponents(player: str, expr: Any, symbols: set[Any]) -> None:
    import sympy

    for power in expr.atoms(sympy.Pow):
        exponent = power.exp
        if power.base.free_symbols & symbols and exponent.is_Rational and abs(exponent.p) > MAX_EXPONENT:
            raise PayoffValueError(
                f"the payoff of {player} raises a level to the power {short_repr(exponent)}; "
                f"powers of at most {MAX_EXPONENT} are allowed"
            )


def check_profiles(size: int, max_profiles: int) -> None:
    if size > max_profiles:
        raise BudgetExceededError(
            f"the grid has {size} profiles, over the budget of {max_profiles}; pass max_profiles=... to allow more"
        )


def check_players(players: Any) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Iterable):
        raise LabelError(f"players must be a sequence of names, got {short_repr(players)}")
    names = tuple(players)
    if not names:
        raise LabelError("a continuous game needs at least one player")
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise LabelError(f"player names must be nonempty strings, got {short_repr(name)}")
    if len(set(names)) != len(names):
        dup = sorted(p for p, count in Counter(names).items() if count > 1)
        raise LabelError(f"player names must be distinct; repeated: {dup}")
    return names


