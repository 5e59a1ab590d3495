"""The closed forms for two or three mixers with two strategies each, pinned against the general routes.

* :func:`solve_three` against the exact Gröbner-basis route of the same system (every real root);
* the exact sign test in ``QQ(sqrt(D))`` against high-precision arithmetic;
* the whole solver with the closed forms against the solver without them (the linear route and
  the box search / Gröbner route), on random games with small integer payoffs (ties, continua):
  the same equilibria, flags and exactness.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import polynomial
from trigame.solve.nash._poly_binary import (
    QuadraticPoint,
    _coefficients,
    _sign,
    bilinear_coefficients,
    in_unit_cube,
    is_equilibrium,
    solve_pair,
    solve_three,
    to_floats,
)
from trigame.solve.nash._poly_system import indifference_system, solve_system
from trigame.verify import is_nash


def _bilinear(rng: np.random.Generator, top: int) -> list[dict[tuple[int, ...], int]]:
    polys = []
    for r in range(3):
        u, v = (k for k in range(3) if k != r)
        poly = {}
        for bits in itertools.product((0, 1), repeat=2):
            exponent = [0, 0, 0]
            exponent[u], exponent[v] = bits
            c = int(rng.integers(-top, top + 1))
            if c:
                poly[tuple(exponent)] = c
        polys.append(poly)
    return polys


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([2, 5, 50]))
def test_three_mixers_closed_form_gives_every_real_root(seed: int, top: int) -> None:
    # The exact route (Gröbner basis over QQ, lex back-substitution) lists every real root in the
    # unit cube; the closed form must list the same ones there (or give up: None).
    rng = np.random.default_rng(seed)
    polys = _bilinear(rng, top)
    points = solve_three(polys)
    if points is None or not all(polys):
        return
    exact = solve_system(polys, 3)
    assert not exact.positive_dimensional  # the closed form only answers when the set is finite
    reference = [tuple(float(x) for x in p) for p in exact.points]
    ours = [to_floats(p) for p in points if in_unit_cube(p)]
    assert len(ours) == len(reference), (polys, ours, reference)
    for point in reference:
        assert any(np.allclose(point, r, atol=1e-9) for r in ours), (polys, point, ours)
    for solution in points:  # every listed point solves the system (in high precision)
        with mpmath.workdps(50):
            root = mpmath.sqrt(solution.radicand)
            x = [(p + q * root) / w for p, q, w in solution.coordinates]
            for poly in polys:
                value = sum(c * math.prod(x[k] ** e for k, e in enumerate(m)) for m, c in poly.items())
                assert abs(value) < mpmath.mpf(10) ** -30


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 3, 2), (2, 3, 2, 2)]))
def test_coefficients_read_off_the_payoffs_are_the_indifference_polynomials(seed: int,
                                                                             shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-1000, 1000, size=(len(shape), *shape))
    supports = [[(0,)] if m == 2 and len(shape) == 4 and i == 3 else list(itertools.combinations(range(m), 2))
                for i, m in enumerate(shape)]
    for support in itertools.product(*supports):
        mixers = [i for i, s in enumerate(support) if len(s) == 2]
        polys, _ = indifference_system(payoffs, support)
        assert bilinear_coefficients(payoffs, support, mixers) == [_coefficients(p, r) for r, p in enumerate(polys)]


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6), st.integers(2, 10**4))
def test_sign_in_the_quadratic_field(u: int, v: int, radicand: int) -> None:
    if math.isqrt(radicand) ** 2 == radicand:
        radicand += 1  # not a square (n^2 + 1 never is, for n >= 1)
    with mpmath.workdps(60):
        value = u + v * mpmath.sqrt(radicand)
    assert _sign(u, v, radicand) == (value > 0) - (value < 0)


def test_an_irrational_equilibrium_is_checked_exactly() -> None:
    # 2yz = 1, 2xz = 1, 3xy = 1 (tests/test_polynomial_fast.py builds the game): the root in the
    # cube is x = y = 1/sqrt(3), z = sqrt(3)/2.  Eliminating x = y = 1/(2z) leaves 4 z^2 - 3 = 0, of
    # discriminant 48.  Nudging z by 1/10^12 breaks player 1's indifference.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    u[0, 0, :, :] = 1
    u[0, 1, 1, 1] = 2
    u[1, :, 0, :] = 1
    u[1, 1, 1, 1] = 2
    u[2, :, :, 0] = 1
    u[2, 1, 1, 1] = 3
    support = [[0, 1]] * 3
    polys, _ = indifference_system(u, support)
    points = [p for p in solve_three(polys) or [] if in_unit_cube(p)]
    assert len(points) == 1 and points[0].radicand == 48
    assert np.allclose(to_floats(points[0]), [1 / np.sqrt(3), 1 / np.sqrt(3), np.sqrt(3) / 2], atol=1e-15)
    assert is_equilibrium(u, support, [0, 1, 2], points[0])
    p, q, w = points[0].coordinates[2]
    nudged = QuadraticPoint(48, (*points[0].coordinates[:2], (p * 10**12 + w, q * 10**12, w * 10**12)))
    assert not is_equilibrium(u, support, [0, 1, 2], nudged)


def test_two_mixers_closed_form() -> None:
    # Matching pennies for players 1 and 2 while player 3 (pure) is indifferent: 1/2, 1/2.  With
    # player 2 indifferent whatever player 1 does (a continuum), the closed form gives up.
    mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    payoffs = np.stack([np.stack([mp[i], mp[i]], axis=-1) for i in range(2)] + [np.zeros((2, 2, 2), dtype=int)])
    points = solve_pair(payoffs, [[0, 1], [0, 1], [0]], [0, 1])
    assert points is not None and points[0].fractions() == (Fraction(1, 2), Fraction(1, 2))
    assert is_equilibrium(payoffs, [[0, 1], [0, 1], [0]], [0, 1], points[0])
    flat = payoffs.copy()
    flat[0] = 0
    assert solve_pair(flat, [[0, 1], [0, 1], [0]], [0, 1]) is None


def _profiles(eqs: object) -> list[tuple[tuple[float, ...], bool]]:
    return sorted((tuple(round(float(p), 9) for v in eq.strategies for p in v), eq.exact)  # type: ignore[attr-defined]
                  for eq in eqs)  # type: ignore[attr-defined]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (3, 3, 2)]),
       st.sampled_from([1, 2, 4, 1000]))
def test_closed_forms_give_the_same_equilibria_as_the_general_routes(seed: int, shape: tuple[int, ...],
                                                                      top: int) -> None:
    # Payoffs in 0..top: with small tops, ties, continua and degenerate systems occur (the closed
    # forms then give up and the general routes run); the result must not depend on the switch.
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    fast = polynomial.solve(game)
    try:
        polynomial._Search.closed_form = False
        plain = polynomial.solve(game)
    finally:
        polynomial._Search.closed_form = True
    assert (fast.complete, fast.degenerate) == (plain.complete, plain.degenerate)
    assert _profiles(fast) == _profiles(plain)
    for eq in fast:
        assert is_nash(game, eq.strategies, tol=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
def test_float_game_irrational_equilibria_through_the_closed_form(seed: int) -> None:
    # A float 2x2x2 game: its rational reading is solved; the equilibria are verified on the floats.
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, 1000, size=(3, 2, 2, 2)) / 8
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    fast = polynomial.solve(game)
    try:
        polynomial._Search.closed_form = False
        plain = polynomial.solve(game)
    finally:
        polynomial._Search.closed_form = True
    assert fast.complete and _profiles(fast) == _profiles(plain)


def test_a_condition_vanishing_at_one_z_sends_the_system_to_the_general_route() -> None:
    # P_x = (2z - 1)(y + 1) vanishes for every y at z = 1/2; with P_y = x - z and P_z = y - x the
    # system has the isolated root (1/2, 1/2, 1/2) (and (-1, -1, -1)), which eliminating y = N/E
    # with E = 2z - 1 would lose.  The closed form must give up or list it.
    polys: list[dict[tuple[int, ...], int]] = [{(0, 1, 1): 2, (0, 0, 1): 2, (0, 1, 0): -1, (0, 0, 0): -1},
                                               {(1, 0, 0): 1, (0, 0, 1): -1},
                                               {(0, 1, 0): 1, (1, 0, 0): -1}]
    points = solve_three(polys)
    assert points is None or any(p.fractions() == (Fraction(1, 2),) * 3 for p in points if not p.radicand)
    assert (Fraction(1, 2),) * 3 in solve_system(polys, 3).points
