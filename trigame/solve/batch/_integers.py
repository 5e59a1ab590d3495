"""2x2x2 games in Python integers: the exact backend of the closed forms, and the exact continuum test.

The scalar closed-form solver (:mod:`trigame.solve.nash._closed_formulas`) is
written against a backend; :class:`_IntegerArrays` runs its formulas on object
arrays of Python ints, one entry per game, so a whole group of games is solved
exactly per arithmetic operation.  Each player's payoffs are scaled to integers
first (:func:`_integer_advantages`), which changes neither the equilibria nor
any sign the formulas test.  :func:`_continuum_exact` is the scalar solver's
test for a continuum of equilibria, vectorised the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from trigame.solve.batch._advantages import _advantages_3
from trigame.solve.nash._closed_backend import NumpyBackend


class _IntegerArrays(NumpyBackend):
    """Exact arithmetic on Python ints held in object arrays (one entry per game); conditions are boolean arrays.

    The closed-form formulas use ``+ - *`` and the halving of ``Q(1) - Q(-1)`` and
    ``Q(1) + Q(-1)`` for a polynomial ``Q`` with integer coefficients (both even), so on
    integer advantage tables every value they compute is an integer and every sign
    test is exact -- the :class:`~trigame.solve.nash._closed_backend.ExactBackend` answer,
    for a whole group of games per arithmetic operation.
    """

    def __init__(self) -> None:
        super().__init__(atol=0.0)

    def pos(self, x: Any) -> Any:
        return np.greater(x, 0)

    def neg(self, x: Any) -> Any:
        return np.less(x, 0)

    def nonneg(self, x: Any) -> Any:
        return np.greater_equal(x, 0)

    def nonpos(self, x: Any) -> Any:
        return np.less_equal(x, 0)

    def zero(self, x: Any) -> Any:
        return np.equal(x, 0)

    def constant(self, value: int) -> Any:
        return int(value)

    def half(self, x: Any) -> Any:
        return x // 2


def _integer_advantages(P: np.ndarray) -> list[np.ndarray]:
    """Advantage tables ``e[i]`` of shape (G, 2, 2) as Python ints, each player's scaled by a positive number per game.

    A positive rescaling of one player's payoffs changes neither the equilibria nor
    any sign the closed forms test, so the exact games are solved in integers:
    integer payoffs as they are, Fractions times the common denominator of the
    player's payoffs, floats as the binary fractions they denote times a power of 2.
    """
    G = len(P)
    if P.dtype.kind in "iu":  # |payoff| < 2**53 (checked on input): differences fit in int64
        return [t.astype(object) for t in _advantages_3(P.astype(np.int64))]
    if P.dtype == object:
        scaled = np.empty((G, 3, 8), dtype=object)
        flat = P.reshape(G, 3, 8)
        for g in range(G):
            for i in range(3):
                values = [Fraction(v) for v in flat[g, i]]
                common = math.lcm(*(v.denominator for v in values))
                scaled[g, i] = [v.numerator * (common // v.denominator) for v in values]
        return _advantages_3(scaled.reshape(P.shape))
    mantissa, exponent = np.frexp(P.reshape(G, 3, 8).astype(np.float64))
    m = (mantissa * 2.0**53).astype(np.int64)  # payoff = m * 2**(exponent - 53), exactly
    exponent = exponent.astype(np.int64) - 53
    nonzero = m != 0
    low_bit = np.where(nonzero, m & -m, 1)  # strip trailing zero bits: integer-valued payoffs stay small
    zeros = np.log2(low_bit.astype(np.float64)).astype(np.int64)
    m >>= zeros
    exponent += zeros
    lowest = np.where(nonzero, exponent, np.iinfo(np.int64).max).min(axis=2, keepdims=True)
    shift = np.where(nonzero, exponent - lowest, 0)
    return _advantages_3((m.astype(object) << shift.astype(object)).reshape(P.shape))


def _has_interior(lines: list[tuple[Any, Any]]) -> np.ndarray:
    """Whether ``{t in [0, 1]: g(t) >= 0 for every line g}`` has an interior point (exact, vectorised).

    Each line is given by its values ``(g(0), g(1))``.  The set is an interval: its
    lower bounds are 0 and the roots of rising lines, its upper bounds 1 and the
    roots of falling lines (``t = g(0) / (g(0) - g(1))``), and it has an interior
    exactly when every line is somewhere nonnegative and every lower bound is below
    every upper bound.
    """
    ok: Any = np.True_
    lows: list[tuple[Any, Any, Any]] = [(np.True_, 0, 1)]  # (applies, numerator, positive denominator)
    highs: list[tuple[Any, Any, Any]] = [(np.True_, 1, 1)]
    for g0, g1 in lines:
        ok = ok & (np.greater_equal(g0, 0) | np.greater_equal(g1, 0))
        highs.append((np.greater_equal(g0, 0) & np.less(g1, 0), g0, g0 - g1))
        lows.append((np.less(g0, 0) & np.greater_equal(g1, 0), -g0, g1 - g0))
    for applies_low, n_low, d_low in lows:
        for applies_high, n_high, d_high in highs:
            ok = ok & (~(applies_low & applies_high) | np.less(n_low * d_high, n_high * d_low))
    return np.asarray(ok, dtype=bool)


def _continuum_exact(e: list[np.ndarray], tables: list[dict[tuple[int, ...], Any]], B: _IntegerArrays) -> np.ndarray:
    """Which games (integer advantage tables) have infinitely many equilibria: the scalar test, vectorised.

    The same case analysis as :func:`trigame.solve.nash.closed_form._continuum_2x2x2`: a
    player indifferent against a pure pair while the other two keep their best
    replies on an interval of its probability; two players mixing, one of them
    free on an interval (or both on a square), the third pure and a best reply;
    a curve of totally mixed equilibria.  The last case needs a dummy player,
    ``A_i`` and ``B_i`` proportional for player 1 or 2, or the eliminated quadratic
    vanishing identically; the few games with one of these go to the scalar test.
    """
    from trigame.solve.nash._closed_formulas import continuum_necessary, linear_in_r
    from trigame.solve.nash.closed_form import _totally_mixed_continuum

    G = len(e[0])
    necessary = np.broadcast_to(np.asarray(continuum_necessary(B, tables), dtype=bool), (G,))
    found = np.zeros(G, dtype=bool)
    if not necessary.any():
        return found
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def entry(m: int, profile: Sequence[int]) -> np.ndarray:
        a, b = (profile[o] for o in others[m])
        return e[m][:, a, b]

    # one player i mixes against the pure pair (s_j, s_k): indifferent there, j and k best replies on an interval
    for i in range(3):
        j, k = others[i]
        for sj, sk in product((0, 1), repeat=2):
            profile = [0, 0, 0]
            profile[j], profile[k] = sj, sk
            lines = []
            for m in (j, k):
                ends = []
                for si in (1, 0):  # x_i = 0, then x_i = 1
                    at = list(profile)
                    at[i] = si
                    v = entry(m, at)
                    ends.append(v if profile[m] == 0 else -v)
                lines.append((ends[0], ends[1]))
            found |= np.equal(entry(i, profile), 0) & _has_interior(lines)

    # two players i < j mix, k plays s_k
    for k in range(3):
        i, j = others[k]
        for sk in (0, 1):
            sign = 1 if sk == 0 else -1  # k's advantage must be >= 0 (first strategy) or <= 0 (second)

            def line(owner: int, var: int, k: int = k, sk: int = sk) -> tuple[np.ndarray, np.ndarray]:
                """The owner's advantage at x_var = 0 and at x_var = 1 (k at s_k)."""
                at = [0, 0, 0]
                at[k] = sk
                at[var] = 1
                v0 = entry(owner, at)
                at[var] = 0
                return v0, entry(owner, at)

            (a0, a1), (b0, b1) = line(i, j), line(j, i)  # x_j pinned by i's indifference, x_i by j's
            free_j, free_i = np.equal(a0, 0) & np.equal(a1, 0), np.equal(b0, 0) & np.equal(b1, 0)
            root_j, root_i = np.less(a0 * a1, 0), np.less(b0 * b1, 0)
            corners = [e[k][:, a, b] for a, b in product((0, 1), repeat=2)]
            wanted = np.zeros(G, dtype=bool)
            for v in corners:
                wanted |= np.greater(sign * v, 0)
            all_zero = np.logical_and.reduce([np.equal(v, 0) for v in corners])
            found |= free_i & free_j & (wanted | all_zero)
            # one of them free on an interval, the other at its root n / d: k's advantage along the free one
            pairs = ((free_i, root_j, (a0, a0 - a1), i), (free_j, root_i, (b0, b0 - b1), j))
            for free, root, (n, d), free_var in pairs:
                rows = free & root
                if not rows.any():
                    continue
                ends = []
                for s_free in (1, 0):  # free probability 0, then 1
                    total = 0
                    for s_fixed in (0, 1):
                        weight = n if s_fixed == 0 else d - n
                        a, b = (s_free, s_fixed) if free_var == i else (s_fixed, s_free)
                        total = total + e[k][:, a, b] * weight
                    ends.append(sign * total * d)  # times d: the sign of k's advantage itself
                found |= rows & _has_interior([(ends[0], ends[1])])

    # a curve of totally mixed equilibria
    dummy = np.logical_or.reduce([np.all(np.equal(t.reshape(G, 4), 0), axis=1) for t in e])
    proportional = np.zeros(G, dtype=bool)
    for player in (0, 1):
        (a0, a1), (b0, b1) = linear_in_r(B, tables, player)
        proportional |= np.equal(a0 * b1 - a1 * b0, 0)
    quadratic = _eliminated_quadratic_vanishes(B, tables, G)
    for g in np.flatnonzero(necessary & ~found & (dummy | proportional | quadratic)):
        scalar = [{a: int(t[g]) for a, t in table.items()} for table in tables]
        found[g] = _totally_mixed_continuum(scalar)
    return necessary & found


def _eliminated_quadratic_vanishes(B: _IntegerArrays, tables: list[dict[tuple[int, ...], Any]], G: int) -> np.ndarray:
    """Whether ``Q(r)`` (player 3's indifference after eliminating p and q) is identically zero."""
    from trigame.solve.nash._closed_backend import Surd
    from trigame.solve.nash._closed_formulas import advantage, root

    vanishes = np.ones(G, dtype=bool)
    one = (Surd(B, 1), Surd(B, 1))
    for r_value in (0, 1, -1):
        probs: list[Any] = [one, one, (Surd(B, r_value), Surd(B, 1))]
        probs[1] = root(B, tables, 0, 1, probs)
        probs[0] = root(B, tables, 1, 0, probs)
        vanishes &= np.equal(advantage(B, tables, 2, probs).a, 0)
    return vanishes
