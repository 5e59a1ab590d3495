"""The rational closed-form candidates of a numeric 2x2x2 game, evaluated directly in integers.

:func:`trigame.solve.nash._closed_formulas.pieces` writes the candidates once,
over an arithmetic backend, for exact and symbolic games alike.  For one
numeric game every candidate but the totally mixed ones has rational
probabilities, and evaluating those through the backend's number objects costs
most of the solve.  :func:`rational_profiles_2x2x2` visits the same candidates
in the same order (pure profiles; one player mixing; two players mixing) with
plain integer arithmetic on the integer advantages and returns those that are
equilibria; the totally mixed candidates, whose probabilities may be square
roots, stay with the backend path.  ``tests/test_small_games_fast.py`` pins the
two paths against each other candidate for candidate.

Notation as in :mod:`~trigame.solve.nash._closed_formulas`: ``x_i = N_i / M_i``
is player ``i``'s probability of its first strategy (homogeneous coordinates)
and ``D~_i = D_i * prod_{j != i} M_j`` its homogenised advantage.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import product

__all__ = ["continuum_necessary_2x2x2", "rational_profiles_2x2x2", "totally_mixed_2x2x2"]

#: A probability ``N / M`` (``M`` may be negative or zero in a candidate: the conditions check it).
_Prob = tuple[int, int]
_FIRST, _SECOND = (1, 1), (0, 1)
#: Patterns: 1 first strategy, -1 second strategy, 0 mixed.
_PURE = {1: _FIRST, -1: _SECOND}


def _advantage(e: Sequence[dict[tuple[int, ...], int]], i: int, probs: Sequence[_Prob]) -> int:
    """Player ``i``'s homogenised advantage ``D~_i`` at ``probs``."""
    j, k = (m for m in range(3) if m != i)
    (nj, mj), (nk, mk) = probs[j], probs[k]
    table = e[i]
    return (nj * (nk * table[(0, 0)] + (mk - nk) * table[(0, 1)])
            + (mj - nj) * (nk * table[(1, 0)] + (mk - nk) * table[(1, 1)]))


def _root(e: Sequence[dict[tuple[int, ...], int]], i: int, j: int, probs: Sequence[_Prob]) -> _Prob:
    """The ``x_j`` at which player ``i``'s advantage vanishes, the others held at ``probs``: ``v0 / (v0 - v1)``."""
    at = list(probs)
    at[j] = _FIRST
    v1 = _advantage(e, i, at)
    at[j] = _SECOND
    v0 = _advantage(e, i, at)
    return (v0, v0 - v1)


def _is_equilibrium(e: Sequence[dict[tuple[int, ...], int]], probs: Sequence[_Prob], pattern: Sequence[int]) -> bool:
    """The backend's ``nash_condition``: mixed probabilities in (0, 1), advantages of the right signs."""
    for (N, M), s in zip(probs, pattern):
        if s == 0 and not ((-N > 0 and M - N < 0) or (-N < 0 and M - N > 0)):  # 0 < N / M < 1
            return False
    for i in range(3):
        value = _advantage(e, i, probs)
        if pattern[i] == 0:
            if value != 0:
                return False
            continue
        scale = 1
        for j in range(3):
            if j != i:
                scale *= probs[j][1]
        signed = value * scale  # the sign of D_i
        if (pattern[i] > 0 and signed < 0) or (pattern[i] < 0 and signed > 0):
            return False
    return True


def _profile(probs: Sequence[_Prob]) -> list[list[Fraction]]:
    out = []
    for N, M in probs:
        x = Fraction(N, M)
        out.append([x, 1 - x])
    return out


def rational_profiles_2x2x2(e: Sequence[dict[tuple[int, ...], int]]) -> list[list[list[Fraction]]]:
    """The equilibria among the pure, one-mixer and two-mixer candidates of a 2x2x2 game.

    ``e`` are integer advantage tables (:func:`trigame.solve.nash.closed_form.advantage_tables`
    of integer payoffs; each player's may be multiplied by its own positive
    number).  Returns ``[[x_0, 1 - x_0], [x_1, 1 - x_1], [x_2, 1 - x_2]]`` for
    each candidate that is an equilibrium, in the backend path's order.
    """
    out: list[list[list[Fraction]]] = []
    players = range(3)

    def keep(probs: Sequence[_Prob], pattern: Sequence[int]) -> None:
        if _is_equilibrium(e, probs, pattern):
            out.append(_profile(probs))

    # no player mixes
    for choice in product((1, -1), repeat=3):
        keep([_PURE[s] for s in choice], choice)

    # one player i mixes, at a root of another player's advantage
    for i in players:
        j, k = (m for m in players if m != i)
        for sj, sk in product((1, -1), repeat=2):
            probs = [_FIRST, _FIRST, _FIRST]
            probs[j], probs[k] = _PURE[sj], _PURE[sk]
            pattern = [0, 0, 0]
            pattern[j], pattern[k] = sj, sk
            for other in (j, k):
                x = list(probs)
                x[i] = _root(e, other, i, probs)
                keep(x, pattern)

    # two players i < j mix, k plays a pure strategy
    for k in players:
        i, j = (m for m in players if m != k)
        for sk in (1, -1):
            base = [_FIRST, _FIRST, _FIRST]
            base[k] = _PURE[sk]
            pattern = [0, 0, 0]
            pattern[k] = sk
            xj = _root(e, i, j, base)  # makes i indifferent
            xi = _root(e, j, i, base)  # makes j indifferent
            probs = list(base)
            probs[i], probs[j] = xi, xj
            keep(probs, pattern)
            probs = list(base)
            probs[i] = xi
            probs[j] = _root(e, k, j, probs)
            keep(probs, pattern)
            probs = list(base)
            probs[j] = xj
            probs[i] = _root(e, k, i, probs)
            keep(probs, pattern)
    return out


# ------------------------------------------------------------------ numbers a + b sqrt(disc) as integer pairs
_Surd = tuple[int, int]


def _surd_sign(value: _Surd, disc: int) -> int:
    """The sign of ``a + b sqrt(disc)`` (``disc`` a positive non-square), exactly."""
    a, b = value
    sa, sb = (a > 0) - (a < 0), (b > 0) - (b < 0)
    if sb == 0 or sa == sb:
        return sa if sa else sb
    if sa == 0:
        return sb
    gap = a * a - b * b * disc  # never 0: sqrt(disc) is irrational
    return sa if gap > 0 else sb


def _surd_advantage(e: Sequence[dict[tuple[int, ...], int]], i: int, probs: Sequence[tuple[_Surd, _Surd]],
                    disc: int) -> _Surd:
    """:func:`_advantage` on surd probabilities."""
    def mul(x: _Surd, y: _Surd) -> _Surd:
        return (x[0] * y[0] + x[1] * y[1] * disc, x[0] * y[1] + x[1] * y[0])

    j, k = (m for m in range(3) if m != i)
    (nj, mj), (nk, mk) = probs[j], probs[k]
    rest_j = (mj[0] - nj[0], mj[1] - nj[1])
    rest_k = (mk[0] - nk[0], mk[1] - nk[1])
    table = e[i]
    total = (0, 0)
    for wj, wk, key in ((nj, nk, (0, 0)), (nj, rest_k, (0, 1)), (rest_j, nk, (1, 0)), (rest_j, rest_k, (1, 1))):
        term = mul(wj, wk)
        total = (total[0] + term[0] * table[key], total[1] + term[1] * table[key])
    return total


def _surd_root(e: Sequence[dict[tuple[int, ...], int]], i: int, j: int, probs: Sequence[tuple[_Surd, _Surd]],
               disc: int) -> tuple[_Surd, _Surd]:
    at = list(probs)
    at[j] = ((1, 0), (1, 0))
    v1 = _surd_advantage(e, i, at, disc)
    at[j] = ((0, 0), (1, 0))
    v0 = _surd_advantage(e, i, at, disc)
    return (v0, (v0[0] - v1[0], v0[1] - v1[1]))


def _surd_totally_mixed(e: Sequence[dict[tuple[int, ...], int]], r: tuple[_Surd, _Surd],
                        disc: int) -> list[tuple[_Surd, _Surd]] | None:
    """The totally mixed candidate at the irrational ``x_3 = r`` if it is an equilibrium, else None."""
    probs: list[tuple[_Surd, _Surd]] = [((1, 0), (1, 0)), ((1, 0), (1, 0)), r]
    probs[1] = _surd_root(e, 0, 1, probs, disc)
    probs[0] = _surd_root(e, 1, 0, probs, disc)
    for N, M in probs:  # 0 < N / M < 1: -N and M - N of strictly opposite signs
        low, high = _surd_sign((-N[0], -N[1]), disc), _surd_sign((M[0] - N[0], M[1] - N[1]), disc)
        if low == 0 or high == 0 or low == high:
            return None
    for i in range(3):
        if _surd_advantage(e, i, probs, disc) != (0, 0):  # 1 and sqrt(disc) are linearly independent
            return None
    return probs


def _totally_mixed_at(e: Sequence[dict[tuple[int, ...], int]], r: _Prob) -> list[_Prob]:
    """The backend's ``totally_mixed_at``: ``q`` from player 1's indifference, then ``p`` from player 2's."""
    probs = [_FIRST, _FIRST, r]
    probs[1] = _root(e, 0, 1, probs)
    probs[0] = _root(e, 1, 0, probs)
    return probs


def _coefficient_root(e: Sequence[dict[tuple[int, ...], int]], player: int, which: str) -> _Prob:
    """Where ``B_player(r)`` (``which`` "B") or ``A_player(r)`` ("A") vanishes: ``v0 / (v0 - v1)``."""
    values = []
    other = 1 if player == 0 else 0
    for r in (_FIRST, _SECOND):  # r = 1, r = 0
        probs = [_FIRST, _FIRST, r]
        probs[other] = _FIRST
        v_first = _advantage(e, player, probs)
        probs[other] = _SECOND
        v_second = _advantage(e, player, probs)
        values.append(v_first - v_second if which == "B" else v_second)
    v1, v0 = values
    return (v0, v0 - v1)


def totally_mixed_2x2x2(
    e: Sequence[dict[tuple[int, ...], int]]
) -> tuple[list[list[list[Fraction]]], list[list[tuple[_Surd, _Surd]]], int, bool]:
    """The backend's totally mixed candidates, in integers (irrational ones as ``a + b sqrt(disc)``).

    Returns ``(profiles, irrational, disc, quadratic_vanishes)``: the equilibria among the
    candidates with rational probabilities; the equilibria at an irrational root of the
    quadratic, each probability as ``(N, M)`` with ``N`` and ``M`` integer pairs ``(a, b)``
    standing for ``a + b sqrt(disc)``; the discriminant; and whether ``Q(r)`` vanishes
    identically (part of ``continuum_necessary``).
    """
    mixed = (0, 0, 0)
    profiles: list[list[list[Fraction]]] = []
    irrational: list[list[tuple[_Surd, _Surd]]] = []

    def keep(probs: Sequence[_Prob]) -> None:
        if _is_equilibrium(e, probs, mixed):
            profiles.append(_profile(probs))

    q0, q_plus, q_minus = (_advantage(e, 2, _totally_mixed_at(e, (v, 1))) for v in (0, 1, -1))
    Q0, Q1, Q2 = q0, (q_plus - q_minus) // 2, (q_plus + q_minus) // 2 - q0  # both differences are even
    disc = Q1 * Q1 - 4 * Q2 * Q0
    if Q2 != 0 and disc >= 0:
        root = math.isqrt(disc)
        for sign in (1, -1):
            if root * root == disc:
                keep(_totally_mixed_at(e, (-Q1 + sign * root, 2 * Q2)))
                continue
            surd_probs = _surd_totally_mixed(e, ((-Q1, sign), (2 * Q2, 0)), disc)
            if surd_probs is not None:
                irrational.append(surd_probs)
    if Q2 == 0:
        keep(_totally_mixed_at(e, (-Q0, Q1)))
    for player in (0, 1):
        for which in ("B", "A"):
            r = _coefficient_root(e, player, which)
            probs = [_FIRST, _FIRST, r]
            if player == 0:  # q free for player 1: p from player 2, q from player 3
                probs[0] = _root(e, 1, 0, probs)
                probs[1] = _root(e, 2, 1, probs)
            else:  # p free for player 2: q from player 1, p from player 3
                probs[1] = _root(e, 0, 1, probs)
                probs[0] = _root(e, 2, 0, probs)
            keep(probs)
    return profiles, irrational, disc, q0 == 0 and q_plus == 0 and q_minus == 0


def continuum_necessary_2x2x2(e: Sequence[dict[tuple[int, ...], int]], quadratic_vanishes: bool) -> bool:
    """The backend's ``continuum_necessary`` on integer advantages (``quadratic_vanishes`` from
    :func:`totally_mixed_2x2x2`): a zero advantage entry, ``A_i`` and ``B_i`` proportional for
    player 1 or 2, or ``Q`` identically zero."""
    if quadratic_vanishes or any(v == 0 for table in e for v in table.values()):
        return True
    for player in (0, 1):
        other = 1 - player
        a, b = [], []
        for r in (_SECOND, _FIRST):  # r = 0, r = 1
            probs = [_FIRST, _FIRST, r]
            probs[other] = _FIRST
            v_first = _advantage(e, player, probs)
            probs[other] = _SECOND
            v_second = _advantage(e, player, probs)
            a.append(v_second)
            b.append(v_first - v_second)
        if a[0] * b[1] - a[1] * b[0] == 0:
            return True
    return False
