"""Float stages whose payoffs the solver computed: solved at the simplest rationals within the tolerance.

A float tree's stage in strategic form has, in each cell, the expected payoff
of the leaves the strategies reach: chance probabilities times payoffs, summed,
or the value of a subgame below.  Those sums are rounded, and rounding breaks
ties the exact numbers have: with the prior 0.4, ``0.4 * 1.5`` is
``0.6000000000000001`` and ``0.6 * 1.5`` is ``0.8999999999999999``, so a type
of South Korea indifferent at Japan's mixture 1/4 in exact arithmetic is no
longer indifferent, and the exact vertex enumeration of the float game (which
takes each float as the binary fraction it is) misses the continuum of
equilibria there and reports a nondegenerate game.

The float solvers' convention is that a profile is an equilibrium of a float
game when no player gains more than ``tol`` times its payoff range by
deviating (:func:`trigame.verify.is_nash`).  A stage with computed payoffs
applies it by replacing each payoff ``u`` of player ``i`` by the simplest
rational (the one with the smallest denominator, :func:`simplest_within`) in
``[u - w_i, u + w_i]``, ``w_i = tol * range_i / 4``, and solving that exact
game.  Every equilibrium of the game read so is one of the float stage within
that tolerance: each payoff moved by at most ``w_i``, so a deviation's gain
changed by at most ``2 w_i = tol * range_i / 2``.  When the float payoffs are
roundings of rationals with small denominators (decimal priors and payoffs:
a denominator below ``1 / sqrt(2 w_i)``, about 40,000 at the default ``tol``
and a range of 1), those rationals are what the stage is solved at, so its ties
and continua are the exact game's.  A stage whose cells are the tree's terminal
payoffs as given (no chance move in it, no subgame below it) is solved as the
binary fractions its floats are, as :func:`trigame.equilibria` solves float
games.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["simplest_within", "snap"]


def simplest_within(value: float, slack: float) -> Fraction:
    """The rational with the smallest denominator (then numerator) in ``[value - slack, value + slack]``.

    ``value`` and ``slack`` are finite floats, ``slack >= 0``; both ends are taken exactly (as the binary
    fractions the floats are).  By continued fractions: the simplest rational in an interval ``[lo, hi]``
    with ``0 < lo`` is ``ceil(lo)`` when that is at most ``hi``, and otherwise ``q + 1 / r`` with
    ``q = floor(lo)`` and ``r`` the simplest rational in ``[1 / (hi - q), 1 / (lo - q)]``.
    """
    v_num, v_den = value.as_integer_ratio()
    s_num, s_den = slack.as_integer_ratio()
    # lo = low / den and hi = high / den, exactly (not in lowest terms: the terms do not need it)
    den = v_den * s_den
    low, high = v_num * s_den - s_num * v_den, v_num * s_den + s_num * v_den
    if low <= 0 <= high:
        return Fraction(0)
    if high < 0:
        return -_simplest_positive(-high, den, -low, den)
    return _simplest_positive(low, den, high, den)


def _simplest_positive(a: int, b: int, c: int, d: int) -> Fraction:
    """The simplest rational in ``[a / b, c / d]``, ``0 < a / b <= c / d``: by continued-fraction terms."""
    terms: list[int] = []
    while True:
        q = a // b
        if q * b == a:  # lo is an integer
            terms.append(q)
            break
        if (q + 1) * d <= c:  # ceil(lo) <= hi
            terms.append(q + 1)
            break
        terms.append(q)
        # lo - q = (a - q b) / b and hi - q = (c - q d) / d; the next interval is their reciprocals, swapped
        a, b, c, d = d, c - q * d, b, a - q * b
    num, den = 1, 0
    for t in reversed(terms):
        num, den = t * num + den, num
    return Fraction(num, den)


def snap(rows: Sequence[Sequence[Any]], tol: float) -> list[list[Fraction]] | None:
    """Each player's row of float payoffs read as the simplest rationals within ``tol * range / 4`` of them.

    None when a row's range is not a finite float (payoffs near the float limits: the caller keeps the floats).
    """
    out = []
    for row in rows:
        width = tol * (max(row) - min(row)) / 4
        if not math.isfinite(width):
            return None
        seen: dict[float, Fraction] = {}
        snapped = []
        for v in row:
            r = seen.get(v)
            if r is None:
                r = seen[v] = simplest_within(v, width)
            snapped.append(r)
        out.append(snapped)
    return out
