"""Support profiles where exactly four players mix, each over two strategies, solved by elimination.

With one unknown per mixer -- ``x_0, ..., x_3``, the probabilities of each mixer's second support
strategy -- mixer ``r``'s indifference ``P_r`` is multilinear in the other three unknowns, with
integer coefficients.  Fix ``t = x_3``: the first three conditions are then bilinear in two of
``x_0, x_1, x_2`` with coefficients affine in ``t``, which is the three-mixer closed form of
:mod:`~trigame.solve.nash._poly_binary` over ``Z[t]``.  In an *ordering* ``(m_0, m_1, m_2)`` of
those three mixers, with ``z = x_{m_2}``:

    P_{m_0} = E_0(z, t) x_{m_1} - N_0(z, t),   P_{m_1} = E_1(z, t) x_{m_0} - N_1(z, t)

(``E`` and ``N`` bilinear in ``z`` and ``t``), and ``P_{m_2}`` and ``P_3`` times ``E_0 E_1``, with
``x_{m_1} E_0 = N_0`` and ``x_{m_0} E_1 = N_1`` substituted, are polynomials ``Q(z, t)`` (degree 2
in ``z``) and ``F(z, t)`` (degree 3).  At every solution ``Q = F = 0`` -- the substitution holds
there whether or not ``E_0 E_1`` vanishes -- so ``t`` is a root of ``R = Res_z(Q, F)``, of degree
at most 13 in ``t``.  ``R`` is computed from the pseudo-remainder ``q_2^2 F = A Q + r_1 z + r_0``:
``q_2^2 R = q_0 r_1^2 - q_1 r_0 r_1 + q_2 r_0^2``.

``R`` carries the factors ``G_0 = a_0 d_0 - b_0 c_0`` and ``G_1`` (quadratics in ``t``) where a
mixer's condition, bilinear in its two unknowns, degenerates to a product -- ``E`` and ``N`` have
a common root in ``z`` -- whether or not a solution lies there; they are divided out.  The
candidates for ``t`` are therefore the real roots in ``[0, 1]`` of ``G_0``, of ``G_1`` and of the
quotient ``R'``, and at each one the solutions are found as follows (:func:`_at_root`): where
``q_2 != 0`` and ``r_1 != 0`` every common root of ``Q`` and ``F`` is ``z = -r_0 / r_1``; where
then ``E_0 != 0`` and ``E_1 != 0`` the other two unknowns are ``N_0 / E_0`` and ``N_1 / E_1``, and
where ``E_0 = 0`` there is no solution unless ``N_0 = 0`` as well.  Any other case -- a vanishing
``q_2`` or ``r_1``, a common root of ``E`` and ``N`` -- is tried in the other two orderings, which
have other degenerate factors, and if all three fail the profile is given up (None: the general
route takes it, as for a continuum).

The roots of ``G_0``, ``G_1`` and the rational roots of ``R'`` are exact numbers of ``QQ(sqrt(D))``,
and there the arithmetic is exact (every zero test exact, the equilibrium check
:func:`~trigame.solve.nash._poly_binary.is_equilibrium`).  An irrational root of ``R'`` is isolated
exactly (a sign change of ``R'`` between two floats, and Descartes' rule of signs on ``(0, 1)``
proves that no root is missed); it is then carried as that interval, in interval arithmetic with
outward rounding, and a test that the interval cannot decide (a sign that might be zero) gives
the profile up.  So every equilibrium with the support is found, or the profile is given up.
The arithmetic (polynomials in ``t``, ``QQ(sqrt(D))``, intervals) is in
:mod:`~trigame.solve.nash._poly_univariate`, the interval screens and enclosures in
:mod:`~trigame.solve.nash._poly_screens`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.solve.nash import _poly_box, _poly_box_compiled
from trigame.solve.nash._poly_binary import (
    QuadraticPoint,
    _plus,
    _record_floats,
    _times,
    _vectors,
    in_unit_cube,
    is_equilibrium,
    solve_bilinear,
    to_floats,
)
from trigame.solve.nash._poly_screens import _branch_screen, _interval_equilibrium, _interval_point, _screen
from trigame.solve.nash._poly_univariate import (
    Bi,
    Interval,
    Quad,
    Z,
    _divide,
    _enclose,
    _GiveUp,
    _isolate,
    _neg,
    _primitive,
    _q_div,
    _q_mul,
    _q_value,
    _remainder,
    _roots_of_quadratic,
    _sub,
    _trim,
    _value,
)

__all__ = ["four_coefficients", "settle_four", "solve_four"]

#: The three orderings ``(m_0, m_1, m_2)`` tried: each mixer's condition once in the quadratic's place.
ORDERINGS = ((0, 1, 2), (1, 2, 0), (2, 0, 1))
#: The most support profiles of four binary mixers in a game for which the elimination runs (:func:`_pays`).
MAX_PROFILES = 4


# ---------------------------------------------------------------------- bivariate polynomials in (z, t)
def _bi_times(f: Bi, g: Bi) -> Bi:
    out: Bi = [[] for _ in range(len(f) + len(g) - 1)]
    for i, a in enumerate(f):
        for j, b in enumerate(g):
            if a and b:
                out[i + j] = _plus(out[i + j], _times(a, b)) if out[i + j] else _times(a, b)
    return out


def _bi_plus(*terms: Bi) -> Bi:
    out: Bi = [[] for _ in range(max(len(t) for t in terms))]
    for term in terms:
        for i, a in enumerate(term):
            if a:
                out[i] = _plus(out[i], a) if out[i] else list(a)
    return out


def _scaled(c: Z, f: Bi) -> Bi:
    return [_times(c, a) if a and c else [] for a in f]


def four_coefficients(payoffs: np.ndarray, support: Sequence[Sequence[int]],
                      mixers: Sequence[int]) -> list[dict[int, int]]:
    """Each mixer's indifference ``u_r(S_r[1]) - u_r(S_r[0])`` as ``{mask: coefficient}``.

    ``mask`` has bit ``k`` for the unknown of ``mixers[k]`` (``mixers`` in increasing order); the
    coefficients are the Möbius transform of the condition's values at the corners of the other
    three unknowns' cube.
    """
    index = np.ix_(*[list(s) if j in mixers else [s[0]] for j, s in enumerate(support)])
    out = []
    for r, i in enumerate(mixers):
        table = np.asarray(payoffs[i][index], dtype=object).reshape(2, 2, 2, 2)
        delta = table.take(1, axis=r) - table.take(0, axis=r)  # over the other three, in order
        for axis in range(3):
            low = delta.take(0, axis=axis)
            delta = np.stack([low, delta.take(1, axis=axis) - low], axis=axis)
        others = [k for k in range(4) if k != r]
        coefficients = {}
        for bits, c in np.ndenumerate(delta):
            if c:
                coefficients[sum(b << k for b, k in zip(bits, others))] = int(c)
        out.append(coefficients)
    return out


class _Ordering:
    """The elimination in one ordering ``(m_0, m_1, m_2)``: ``E``, ``N``, ``Q``, ``F``, ``r_0``, ``r_1``, ``G``."""

    def __init__(self, coefficients: Sequence[dict[int, int]], order: Sequence[int]) -> None:
        m0, m1, m2 = order
        self.order = tuple(order)

        def affine(r: int, u: int, v: int) -> tuple[Z, Z, Z, Z]:
            """``a + b x_u + c x_v + d x_u x_v`` of mixer ``r``'s condition, each coefficient affine in t."""
            c = coefficients[r]
            bu, bv, bt = 1 << u, 1 << v, 8
            return tuple(_trim([c.get(m, 0), c.get(m | bt, 0)]) for m in (0, bu, bv, bu | bv))  # type: ignore[return-value]

        a0, b0, c0, d0 = affine(m0, m1, m2)  # determines x_{m1} given z = x_{m2}
        a1, b1, c1, d1 = affine(m1, m0, m2)  # determines x_{m0}
        a2, b2, c2, d2 = affine(m2, m0, m1)
        self.e0: Bi = [b0, d0]
        self.n0: Bi = [_neg(a0), _neg(c0)]
        self.e1: Bi = [b1, d1]
        self.n1: Bi = [_neg(a1), _neg(c1)]
        e0e1 = _bi_times(self.e0, self.e1)
        n1e0 = _bi_times(self.n1, self.e0)
        n0e1 = _bi_times(self.n0, self.e1)
        n0n1 = _bi_times(self.n0, self.n1)
        self.q = _bi_plus(_scaled(a2, e0e1), _scaled(b2, n1e0), _scaled(c2, n0e1), _scaled(d2, n0n1))
        p = coefficients[3]
        #: the four conditions over the bits x_{m0} = 1, x_{m1} = 2, x_{m2} = 4, coefficients in Z[t]
        self.conditions: list[dict[int, Z]] = [
            {0: a0, 2: b0, 4: c0, 6: d0}, {0: a1, 1: b1, 4: c1, 5: d1}, {0: a2, 1: b2, 2: c2, 3: d2},
            {mask: [p.get(sum(1 << m for bit, m in ((1, m0), (2, m1), (4, m2)) if mask & bit), 0)]
             for mask in range(8)}]

        def lin(mask: int) -> Bi:  # p[mask] + p[mask | z] z, masks over (x_{m0}, x_{m1})
            full = (1 << m0 if mask & 1 else 0) | (1 << m1 if mask & 2 else 0)
            return [_trim([p.get(full, 0)]), _trim([p.get(full | 1 << m2, 0)])]

        self.f = _bi_plus(_bi_times(lin(0), e0e1), _bi_times(lin(1), n1e0), _bi_times(lin(2), n0e1),
                          _bi_times(lin(3), n0n1))
        self.q += [[]] * (3 - len(self.q))
        self.f += [[]] * (4 - len(self.f))
        self.g = [_trim(_sub(_times(a0, d0), _times(b0, c0))), _trim(_sub(_times(a1, d1), _times(b1, c1)))]

    def resultant(self) -> Z | None:
        """``Res_z(Q, F)`` (None when ``q_2`` is the zero polynomial)."""
        q0, q1, q2 = (_trim(a) for a in self.q)
        if not q2:
            return None
        r0, r1 = (_trim(r) for r in _remainder(self.q, self.f, _times, _sub))
        scaled = _plus(_times(q0, _times(r1, r1)), _neg(_times(q1, _times(r0, r1))), _times(q2, _times(r0, r0)))
        return _divide(scaled, _times(q2, q2)) if any(scaled) else []


# ---------------------------------------------------------------------- exact arithmetic in QQ(sqrt(D))
def _q_bi(f: Bi, z: Quad, t: Quad, d: int) -> Quad:
    acc: Quad = (Fraction(0), Fraction(0))
    for a in reversed(f):
        acc = _q_mul(acc, z, d)
        v = _q_value(a, t, d)
        acc = (acc[0] + v[0], acc[1] + v[1])
    return acc


def _exact_point(ordering: _Ordering, t: Quad, d: int) -> list[tuple[Quad, ...]]:
    """Every solution with ``x_3 = t`` (exact, in ``QQ(sqrt(D))``), in mixer order; raises :class:`_GiveUp`."""
    zero = (Fraction(0), Fraction(0))
    q2 = _q_value(ordering.q[2], t, d)
    if q2 == zero:
        raise _GiveUp
    r0, r1 = _remainder([_q_value(a, t, d) for a in ordering.q], [_q_value(a, t, d) for a in ordering.f],
                        lambda a, b: _q_mul(a, b, d), lambda a, b: (a[0] - b[0], a[1] - b[1]))
    if r1 == zero:
        if r0 == zero:
            raise _GiveUp  # Q divides F at t: two common roots may remain
        return []
    z = _q_div((-r0[0], -r0[1]), r1, d)
    if _q_bi(ordering.q, z, t, d) != zero:
        return []
    unknowns = {}
    for e, n, m in ((ordering.e0, ordering.n0, ordering.order[1]), (ordering.e1, ordering.n1, ordering.order[0])):
        ev, nv = _q_bi(e, z, t, d), _q_bi(n, z, t, d)
        if ev == zero:
            if nv == zero:
                raise _GiveUp  # the condition vanishes whatever its unknown
            return []
        unknowns[m] = _q_div(nv, ev, d)
    unknowns[ordering.order[2]] = z
    unknowns[3] = t
    return [tuple(unknowns[k] for k in range(4))]


def _quadratic_point(values: Sequence[Quad], d: int) -> QuadraticPoint:
    coordinates = []
    for u, v in values:
        w = u.denominator * v.denominator // math.gcd(u.denominator, v.denominator)
        coordinates.append((int(u * w), int(v * w), w))
    return QuadraticPoint(d if any(q for _, q, _ in coordinates) else 0, tuple(coordinates))


def _solve_exact(coefficients: Sequence[dict[int, int]], orderings: dict[int, _Ordering], t: Quad, d: int,
                 first: int = 0) -> list[QuadraticPoint]:
    """:func:`_exact_point` in the first ordering that settles ``t`` (``ORDERINGS[first]`` tried first).

    Each ordering is first asked in interval arithmetic (:func:`_screen`) whether a solution can lie
    in the cube at ``t``: most candidates (the roots of ``G``) have none, and need no exact work.
    """
    enclosure = _enclose(t, d)
    for k in (first, *(k for k in range(3) if k != first)):
        ordering = _ordering(coefficients, orderings, k)
        try:
            if not _screen(ordering, enclosure):
                return []
            return [_quadratic_point(p, d) for p in _exact_point(ordering, t, d)]
        except _GiveUp:
            continue
    if d == 0:
        return _three_at(_ordering(coefficients, orderings, 0), t[0])
    raise _GiveUp


def _three_at(ordering: _Ordering, t: Fraction) -> list[QuadraticPoint]:
    """Every solution of the three mixers' conditions with ``x_3 = t`` rational, by their closed form.

    Used where every ordering of the elimination degenerates at ``t``; gives up where the three
    conditions have a continuum of solutions at ``t`` (:func:`solve_bilinear` returns None in every
    order).  ``P_3`` is not checked here: :func:`solve_four` keeps the points in the cube that pass
    :func:`is_equilibrium`, which includes the fourth mixer's indifference.
    """
    den = t.denominator  # each coefficient is affine in t: times den, an integer
    conditions = [{mask: _value(f, t) * den // den ** max(len(f) - 1, 0) for mask, f in c.items()}
                  for c in ordering.conditions[:3]]
    for perm in ORDERINGS:
        rows = []
        for k in range(3):
            u, v = (perm[j] for j in range(3) if j != k)
            c = conditions[perm[k]]
            rows.append(tuple(c.get(m, 0) for m in (0, 1 << u, 1 << v, 1 << u | 1 << v)))
        points = solve_bilinear(rows)  # type: ignore[arg-type]
        if points is None:
            continue
        out = []
        for point in points:
            coordinates = [(0, 0, 1)] * 3
            for k, coordinate in enumerate(point.coordinates):
                coordinates[perm[k]] = coordinate
            out.append(QuadraticPoint(point.radicand, (*coordinates, (t.numerator, 0, t.denominator))))
        return out
    raise _GiveUp


def _ordering(coefficients: Sequence[dict[int, int]], orderings: dict[int, _Ordering], k: int) -> _Ordering:
    if k not in orderings:
        orderings[k] = _Ordering(coefficients, ORDERINGS[k])
    return orderings[k]


# ---------------------------------------------------------------------- the profile
def solve_four(payoffs: np.ndarray, support: Sequence[Sequence[int]], mixers: Sequence[int],
               coefficients: Sequence[dict[int, int]] | None = None
               ) -> tuple[list[QuadraticPoint], list[list[Interval]]] | None:
    """Every equilibrium with ``support`` where ``mixers`` (four players) mix over two strategies each.

    Returns the exact solutions (each checked by :func:`is_equilibrium` and in the unit cube) and
    the enclosures of the irrational ones (each proved inside the cube and an equilibrium), or None
    when the elimination cannot settle the profile.  ``coefficients`` are :func:`four_coefficients`
    of the profile when the caller has them.
    """
    if coefficients is None:
        coefficients = four_coefficients(payoffs, support, mixers)
    try:
        orderings: dict[int, _Ordering] = {}
        main = _ordering(coefficients, orderings, 0)
        resultant = main.resultant()
        if resultant is None or not any(resultant):
            raise _GiveUp
        rest = resultant
        exact_t: list[tuple[Quad, int, int]] = []  # (t, radicand, the ordering to try first)
        for first, g in ((1, main.g[0]), (2, main.g[1])):  # a root of G_r: mixer r's condition third
            g = _primitive(g)
            exact_t.extend((t, d, first) for t, d in _roots_of_quadratic(g))
            if len(g) > 1:
                while True:
                    quotient = _divide(rest, g)
                    if quotient is None:
                        break
                    rest = quotient
        rational, intervals = _isolate(rest)
        exact_t.extend(((q, Fraction(0)), 0, 0) for q in rational)
        exact: list[QuadraticPoint] = []
        seen: set[tuple[Quad, int]] = set()
        for t, d, first in exact_t:
            if (t, d) in seen:
                continue
            seen.add((t, d))
            if first and not _branch_screen(main, _enclose(t, d), first - 1):
                continue
            for point in _solve_exact(coefficients, orderings, t, d, first):
                if in_unit_cube(point) and is_equilibrium(payoffs, support, mixers, point):
                    exact.append(point)
        enclosed = []
        for interval in intervals:
            box = _interval_point(main, interval)
            if box is not None and _interval_equilibrium(payoffs, support, mixers, box):
                enclosed.append(box)
    except (_GiveUp, ArithmeticError):  # ArithmeticError: numbers beyond the floats' range
        return None
    return exact, enclosed


def _polished(coefficients: Sequence[dict[int, int]], box: Sequence[Interval]) -> list[float]:
    """The root in ``box`` to about float precision: Newton's method from its centre (the centre if it leaves)."""
    centre = [(low + high) / 2 for low, high in box]
    x = np.array(centre)
    for _ in range(8):
        values = np.zeros(4)
        jacobian = np.zeros((4, 4))
        for r, poly in enumerate(coefficients):
            for mask, c in poly.items():
                used = [k for k in range(4) if mask >> k & 1]
                values[r] += c * math.prod(x[k] for k in used)
                for k in used:
                    jacobian[r, k] += c * math.prod(x[j] for j in used if j != k)
        try:
            step = np.linalg.solve(jacobian, values)
        except np.linalg.LinAlgError:  # pragma: no cover - the root is simple
            return centre
        x = x - step
        if not np.all(np.isfinite(x)):
            return centre
        if np.max(np.abs(step)) < 1e-15:
            break
    if any(not (low <= v <= high) for v, (low, high) in zip(x, box)):
        return centre
    return [float(v) for v in x]


def _pays(search: Any) -> bool:
    """Whether the elimination is cheaper than the box search for this game's profiles of four binary mixers.

    The box search runs the systems of one total support size together, at a cost per system far
    below its fixed cost, and its compiled loop (Numba) is faster still: the elimination (about
    half a millisecond a profile) pays only where the array search would run and the game has at
    most :data:`MAX_PROFILES` such profiles (2x2x2x2: one).
    """
    if _poly_box.COMPILED and _poly_box_compiled.KERNEL.kernel is not None:
        return False
    count = search._four_binary_profiles
    if count is None:
        sizes = [len(a) for a in search.alive]
        count = sum(math.prod(math.comb(sizes[i], 2) for i in four)
                    * math.prod(size for j, size in enumerate(sizes) if j not in four)
                    for four in itertools.combinations(range(len(sizes)), 4))
        search._four_binary_profiles = count
    return count <= MAX_PROFILES


def settle_four(search: Any, support: Sequence[Sequence[int]]) -> bool:
    """Settle a support profile where exactly four players mix over two strategies each; False when not done.

    Not done for other profiles and where the elimination cannot settle it (:func:`solve_four`
    returns None).  A rational equilibrium is recorded as Fractions, an irrational one as floats
    marked inexact (each was proved an equilibrium exactly or by interval arithmetic).
    """
    mixers = [i for i, s in enumerate(support) if len(s) > 1]
    if len(mixers) != 4 or any(len(support[i]) != 2 for i in mixers) or not _pays(search):
        return False
    coefficients = four_coefficients(search.payoffs, support, mixers)
    solved = solve_four(search.payoffs, support, mixers, coefficients)
    if solved is None:
        return False
    exact, enclosed = solved
    for point in exact:
        if point.radicand:
            _record_floats(search, support, mixers, to_floats(point))
        else:
            search.add_checked(support, _vectors(search.n, mixers, point.fractions()))
    for box in enclosed:
        _record_floats(search, support, mixers, _polished(coefficients, box))
    return True
