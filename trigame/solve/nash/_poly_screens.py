"""Interval screens and enclosures of the elimination of four binary mixers (:mod:`._poly_binary4`).

At a candidate ``t = x_3`` (an exact number of ``QQ(sqrt(D))`` enclosed in floats, or the interval
isolating an irrational root of the eliminant), interval arithmetic with outward rounding
(:mod:`._poly_univariate`) either proves that no solution lies in the unit cube -- the screens
:func:`_screen` and :func:`_branch_screen`, which spare most candidates the exact arithmetic -- or
encloses the one solution and decides every deviation strictly (:func:`_interval_point`,
:func:`_interval_equilibrium`).  A sign the intervals cannot decide never excludes a solution: a
screen then answers True (not excluded), an enclosure gives the profile up (:class:`_GiveUp`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from trigame.solve.nash._poly_univariate import (
    _INF,
    Bi,
    Interval,
    Z,
    _GiveUp,
    _iv,
    _iv_add,
    _iv_div,
    _iv_mul,
    _iv_poly,
    _nonzero,
    _propagate,
    _remainder,
)

__all__: list[str] = []


class _Eliminant(Protocol):
    """What the screens read of one ordering of the elimination (:class:`._poly_binary4._Ordering`)."""

    order: tuple[int, ...]
    e0: Bi
    n0: Bi
    e1: Bi
    n1: Bi
    q: Bi
    f: Bi
    conditions: list[dict[int, Z]]


def _outside(e: Interval, n: Interval) -> bool:
    """Whether ``E x = N`` has no solution ``x`` in ``[0, 1]`` for any ``E`` in ``e`` and ``N`` in ``n``.

    Where ``e`` excludes 0, ``x = N / E``.  Otherwise, where ``n`` excludes 0: ``x != 0`` and ``E = N / x``
    has the sign of ``N`` and at least its size, so ``N > 0`` needs ``E >= N`` (excluded when
    ``max e < min n``) and ``N < 0`` needs ``E <= N`` (excluded when ``min e > max n``).
    """
    if e[0] > 0 or e[1] < 0:
        value = _iv_div(n, e)
        return value[1] < 0 or value[0] > 1
    if n[0] > 0:
        return e[1] < n[0]
    if n[1] < 0:
        return e[0] > n[1]
    return False


def _branch_screen(ordering: _Eliminant, t: Interval, which: int) -> bool:
    """False when no solution can lie in the cube at a root ``t`` of ``G_which`` (interval arithmetic).

    There condition ``which``, ``a + b u + c v + d u v``, is ``(b + d v)(u + a / b)``: a solution has
    ``u = -a/b = -c/d`` or ``v = -b/d``; each branch fixes one unknown, and the other conditions,
    each linear in its last unknown, fix the rest or fail (:func:`_propagate`).
    """
    conditions = [{mask: _iv_poly(f, t) for mask, f in c.items()} for c in ordering.conditions]
    if not _propagate(conditions, {}, -1):
        return False  # some condition is a nonzero constant at t, or fixes an unknown outside the cube
    u, v = (2, 4) if which == 0 else (1, 4)
    a, b, c, d = (conditions[which].get(mask, (0.0, 0.0)) for mask in (0, u, v, u | v))
    if not (d[0] > 0 or d[1] < 0):
        return True  # a branch not fixed in interval arithmetic
    first = (a, b) if b[0] > 0 or b[1] < 0 else (c, d)
    for bit, (numerator, denominator) in ((u, first), (v, (b, d))):
        value = _iv_div((-numerator[1], -numerator[0]), denominator)
        if value[1] >= 0 and value[0] <= 1 and _propagate(conditions, {bit: value}, which):
            return True
    return False


def _screen(ordering: _Eliminant, t: Interval) -> bool:
    """False when interval arithmetic proves that no solution with ``x_3`` in ``t`` lies in the cube.

    Valid where ``q_2`` and ``r_1`` do not vanish on ``t`` (else True: not known): every common root
    of ``Q`` and ``F`` is then ``-r_0 / r_1``.
    """
    try:
        r0, r1 = _iv_remainder(ordering, t)
        z = _iv_div((-r0[1], -r0[0]), r1)
        if z[1] < 0 or z[0] > 1:
            return False
        q = _iv_bi(ordering.q, z, t)
        if q[0] > 0 or q[1] < 0:
            return False
        for e, n in ((ordering.e0, ordering.n0), (ordering.e1, ordering.n1)):
            if _outside(_iv_bi(e, z, t), _iv_bi(n, z, t)):
                return False
    except _GiveUp:
        return True
    return True


def _iv_bi(f: Bi, z: Interval, t: Interval) -> Interval:
    acc: Interval = (0.0, 0.0)
    for a in reversed(f):
        acc = _iv_add(_iv_mul(acc, z), _iv_poly(a, t))
    return acc


def _iv_remainder(ordering: _Eliminant, t: Interval) -> tuple[Interval, Interval]:
    """``(r_0, r_1)`` at ``t``, given up unless ``q_2`` and ``r_1`` are proved nonzero there."""
    q = [_iv_poly(a, t) for a in ordering.q]
    _nonzero(q[2])
    r0, r1 = _remainder(q, [_iv_poly(a, t) for a in ordering.f], _iv_mul,
                        lambda a, b: _iv_add(a, (-b[1], -b[0])))
    _nonzero(r1)
    return r0, r1


def _interval_point(ordering: _Eliminant, t: Interval) -> list[Interval] | None:
    """The one solution at the irrational root ``t`` of ``R'`` (its enclosure), None when none is in the cube."""
    r0, r1 = _iv_remainder(ordering, t)
    z = _iv_div((-r0[1], -r0[0]), r1)
    if z[1] < 0 or z[0] > 1:
        return None
    out: dict[int, Interval] = {ordering.order[2]: z, 3: t}
    for e, n, m in ((ordering.e0, ordering.n0, ordering.order[1]), (ordering.e1, ordering.n1, ordering.order[0])):
        ev = _iv_bi(e, z, t)
        _nonzero(ev)  # E = 0 there would need N = 0 as well: a root of G, which R' does not have (else give up)
        value = _iv_div(_iv_bi(n, z, t), ev)
        if value[1] < 0 or value[0] > 1:
            return None
        out[m] = value
    point = [out[k] for k in range(4)]
    for low, high in point:
        if not (0 < low and high < 1):
            raise _GiveUp  # on the boundary of the cube, or not known to be inside it
    return point


def _interval_equilibrium(payoffs: np.ndarray, support: Sequence[Sequence[int]], mixers: Sequence[int],
                          point: Sequence[Interval]) -> bool:
    """Whether no strategy beats the support at the enclosed point (every gap decided strictly, else give up).

    The mixers' indifference holds by construction; every other strategy of every player is compared
    with the player's first support strategy.
    """
    weights = {m: ((math.nextafter(1 - x[1], -_INF), math.nextafter(1 - x[0], _INF)), x)
               for m, x in zip(mixers, point)}
    index = [s[0] for s in support]
    for i in range(payoffs.shape[0]):
        others = [m for m in mixers if m != i]
        choices = list(itertools.product((0, 1), repeat=len(others)))
        products = []
        for choice in choices:
            w: Interval = (1.0, 1.0)
            for m, c in zip(others, choice):
                w = _iv_mul(w, weights[m][c])
            products.append(w)
        table = payoffs[i]
        base = support[i][0]
        for s in range(payoffs.shape[1 + i]):
            if s in support[i]:
                continue
            gap: Interval = (0.0, 0.0)
            for choice, w in zip(choices, products):
                for m, c in zip(others, choice):
                    index[m] = support[m][c]
                index[i] = s
                high = int(table[tuple(index)])
                index[i] = base
                gap = _iv_add(gap, _iv_mul(_iv(high - int(table[tuple(index)])), w))
            if gap[0] > 0:
                return False
            if gap[1] >= 0:
                raise _GiveUp
        index = [s[0] for s in support]
    return True
