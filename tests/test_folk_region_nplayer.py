"""The folk-theorem region of stage games with three or more players: exact vertices in R^n.

Expected vertices are derived by hand in the comments; the property tests compare the region's
support function with a linear program over the convex hull (SciPy's HiGHS, an independent route).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ParameterError, TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.solve.repeated import feasible_set, folk_region, minmax_point
from trigame.solve.repeated.payoff_sets import _folk_region_n


def linear_public_good():
    # Each of three players cooperates (c_i = 1) or not (c_i = 0); u_i = 2 * (others' cooperation) + (1 - c_i),
    # i.e. u = M c + 1 with M = 2J - 3I (J all ones), S = c_1 + c_2 + c_3: u_i = 2S + 1 - 3c_i.
    arrays = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    for c in itertools.product([0, 1], repeat=3):
        for i in range(3):
            arrays[i][c] = 2 * sum(c) + 1 - 3 * c[i]
    return NormalFormGame.from_arrays(*arrays, strategies=[["D", "C"]] * 3)


# Hand derivation. Minmax: u_i rises in the others' cooperation, so they defect and i gets 1 (pure = mixed).
# M is invertible (eigenvalues 3, -3, -3), so the feasible set is the image of the cube [0, 1]^3 and the
# region v >= 1 is the image of {c in [0,1]^3 : 3c_i <= 2S}, i.e. c_i <= 2 (c_j + c_k) for each i: a cone with
# apex 0 and rays (2,1,0) and permutations, cut by the cube. Its vertices: c = 0; the rays meeting the
# cube, (1, 1/2, 0) and permutations; the cube vertices inside the cone, (1,1,0), (1,0,1), (0,1,1), (1,1,1).
# Images under u = 2S + 1 - 3c: (1,1,1); (1, 5/2, 4) and permutations (S = 3/2); (2,2,5) and permutations;
# (4,4,4).
HAND_VERTICES = sorted(
    {(F(1), F(1), F(1)), (F(4), F(4), F(4))}
    | set(itertools.permutations((F(1), F(5, 2), F(4))))
    | set(itertools.permutations((F(2), F(2), F(5))))
)


def test_three_player_region_matches_the_hand_derivation():
    game = linear_public_good()
    region = folk_region(game)
    assert region.exact and region.strict and region.complete
    assert region.minmax == (1, 1, 1)
    assert list(region.vertices) == HAND_VERTICES
    assert all(isinstance(x, F) for v in region.vertices for x in v)
    assert region.notes == ()  # full dimension: the n-player folk theorem applies
    assert folk_region(game, mixed=False).vertices == region.vertices
    # the mutual-cooperation payoff (4, 4, 4) and an interior point are in; all-defect-but-one (4, 1, ...) no
    assert region.contains((3, 3, 3)) and region.contains((4, 4, 4)) and not region.contains((5, 5, 5))


def test_feasible_set_is_the_image_of_the_cube_exactly():
    # M = 2J - 3I is invertible, so each of the 8 action profiles maps to a vertex: c = 0 -> (1, 1, 1);
    # one contributor (S = 1) -> (0, 3, 3) and permutations; two -> (2, 2, 5) and permutations; all -> (4, 4, 4).
    expected = sorted({(F(1), F(1), F(1)), (F(4), F(4), F(4))} | set(itertools.permutations((F(0), F(3), F(3))))
                      | set(itertools.permutations((F(2), F(2), F(5)))))
    feasible = feasible_set(linear_public_good())
    assert feasible.exact and list(feasible.vertices) == expected


def test_float_payoffs_give_the_same_vertices_in_floats():
    exact = linear_public_good()
    game = NormalFormGame.from_arrays(*[np.array(a, dtype=float) for a in exact.payoffs])
    region = folk_region(game)
    assert not region.exact
    assert np.allclose(np.array(region.vertices, dtype=float), np.array(HAND_VERTICES, dtype=float))


def test_a_mixed_minmax_below_the_pure_one_enlarges_the_region():
    # Player 1 guesses whether players 2 and 3 agree (u1 = 1 for a right guess); players 2 and 3 want to
    # agree (u2 = u3 = 1 if they do). Player 1's minmax: pure 1 (the guess is always right), mixed 1/2
    # (P(agree) = 1/2 when the others mix 1/2-1/2). Player 2's: pure 1 (she matches player 3's pure action),
    # mixed 1/2 (player 3 mixes 1/2-1/2: max(q, 1 - q) >= 1/2); player 3 alike.
    # Payoff vectors: (1, 1, 1) and (0, 1, 1) when 2 and 3 agree; (1, 0, 0) and (0, 0, 0) otherwise.
    u1 = np.zeros((2, 2, 2), dtype=int)
    u23 = np.zeros((2, 2, 2), dtype=int)
    for x, y, z in itertools.product([0, 1], repeat=3):
        agree = int(y == z)
        u1[x, y, z] = int(x == agree)
        u23[x, y, z] = agree
    game = NormalFormGame.from_arrays(u1, u23, u23)
    half = F(1, 2)
    assert minmax_point(game) == (half, half, half) and minmax_point(game, mixed=False) == (1, 1, 1)
    # The vectors span the plane v2 = v3: the unit square in (v1, v2). Mixed: v1, v2 >= 1/2 leaves the
    # square with vertices (1/2,1/2,1/2), (1/2,1,1), (1,1/2,1/2), (1,1,1). Pure: v >= 1 leaves the point
    # (1, 1, 1), on the bounds: no payoff strictly above the minmax, so the region is empty.
    mixed = folk_region(game)
    assert list(mixed.vertices) == [(half, half, half), (half, 1, 1), (1, half, half), (1, 1, 1)]
    assert any("dimension 2 < 3" in note for note in mixed.notes)
    pure = folk_region(game, mixed=False)
    assert pure.is_empty and "strictly above" in pure.notes[0]


def _support_check(region, game, directions):
    """max c.v over the region's vertices equals the LP max over {sum λ_a u(a), λ in the simplex, v >= minmax}."""
    from scipy.optimize import linprog

    points = np.array([[float(game.payoffs[i][idx]) for i in range(game.n_players)]
                       for idx in itertools.product(*[range(m) for m in game.shape])])
    low = np.array([float(x) for x in region.minmax])
    verts = np.array(region.vertices, dtype=float)
    for c in directions:
        res = linprog(-(points @ c), A_ub=-points.T, b_ub=-low, A_eq=np.ones((1, len(points))), b_eq=[1.0],
                      bounds=(0, None), method="highs")
        if res.status == 2:  # infeasible: the closure is empty
            assert region.is_empty
            return
        assert res.status == 0
        if region.is_empty:
            continue  # closure nonempty but nothing strictly above the minmax point
        assert np.isclose(verts @ c, -res.fun, atol=1e-7).any() and (verts @ c <= -res.fun + 1e-7).all()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=24, max_size=24), st.integers(0, 2**31))
def test_region_support_function_matches_a_linear_program(entries, seed):
    game = NormalFormGame.from_arrays(*[np.array(entries[8 * i: 8 * i + 8]).reshape(2, 2, 2) for i in range(3)])
    region = folk_region(game, mixed=False)
    directions = np.random.default_rng(seed).normal(size=(8, 3))
    _support_check(region, game, directions)
    for v in region.vertices:
        assert all(v[i] >= region.minmax[i] for i in range(3))


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=18, max_size=18))
def test_the_n_player_route_agrees_with_the_polygon_on_two_players(entries):
    game = NormalFormGame.from_arrays(np.array(entries[:9]).reshape(3, 3), np.array(entries[9:]).reshape(3, 3))
    polygon = folk_region(game, mixed=False)
    general = _folk_region_n(game, False, 100_000, 2_000_000, {})
    assert sorted(polygon.vertices) == list(general.vertices)


def test_four_players_exact_and_budgeted():
    rng = np.random.default_rng(7)
    game = NormalFormGame.from_arrays(*[rng.integers(0, 9, (2, 2, 2, 2)) for _ in range(4)])
    region = folk_region(game, mixed=False)
    assert region.exact and not region.is_empty
    _support_check(region, game, np.random.default_rng(1).normal(size=(10, 4)))
    with pytest.raises(BudgetExceededError):
        folk_region(game, mixed=False, max_work=50)


@pytest.mark.parametrize("call", [
    lambda: folk_region(linear_public_good(), max_work="1000"),
    lambda: folk_region(linear_public_good(), mixed="no"),
    lambda: folk_region("[[1, 2], [3, 4]]"),
    lambda: folk_region(linear_public_good(), max_profiles="8"),
])
def test_hostile_inputs_raise_trigame_errors(call):
    with pytest.raises(TrigameError):
        call()


def test_mixed_must_be_a_bool():
    with pytest.raises(ParameterError, match="mixed"):
        folk_region(linear_public_good(), mixed=1)
