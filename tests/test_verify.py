"""is_nash, regret and best_responses against the definition, by hand and by property."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.errors import ProfileError, UnsupportedGameError

MATCHING_PENNIES = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
HALF = [F(1, 2), F(1, 2)]


def test_matching_pennies_by_hand():
    g = MATCHING_PENNIES
    assert tg.is_nash(g, [HALF, HALF])
    # Row plays heads for sure: column's best reply is tails (payoff 1), it gets 0 by mixing.
    assert tg.regret(g, [[1, 0], HALF]) == (F(0), F(1))
    assert tg.best_responses(g, [[1, 0], HALF]) == ((0, 1), (1,))
    assert not tg.is_nash(g, [[1, 0], HALF])


def test_exact_check_does_not_accept_near_misses():
    g = MATCHING_PENNIES
    near = [F(1, 2) + F(1, 10**12), F(1, 2) - F(1, 10**12)]
    assert not tg.is_nash(g, [near, HALF])  # exact game + exact profile: exact check
    assert tg.is_nash(g, [[float(x) for x in near], HALF])  # float profile: toleranced
    assert not tg.is_nash(g, [[float(x) for x in near], HALF], tol=1e-14)


def test_tolerance_scales_with_the_payoffs():
    big = tg.NormalFormGame(np.array([[[1e6, -1e6], [-1e6, 1e6]], [[-1e6, 1e6], [1e6, -1e6]]]))
    off = [0.5 + 1e-13, 0.5 - 1e-13]
    # regret 4e-7 in absolute terms, tiny relative to payoffs of 1e6
    assert tg.is_nash(big, [off, [0.5, 0.5]])


def test_three_player_pure_check():
    # Each player gets 1 if it matches player 1, player 1 gets 1 if all match. (0,0,0) is an
    # equilibrium; (0,1,0) is not: player 2 gains 1 by switching to 0.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for s in np.ndindex(2, 2, 2):
        payoffs[0][s] = int(s[0] == s[1] == s[2])
        payoffs[1][s] = int(s[1] == s[0])
        payoffs[2][s] = int(s[2] == s[0])
    g = tg.NormalFormGame(payoffs)
    assert tg.is_nash(g, [0, 0, 0])
    assert tg.regret(g, [0, 1, 0]) == (F(0), F(1), F(0))


def test_symbolic_games_need_values():
    b = sp.Symbol("b")
    g = tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, b]])
    with pytest.raises(UnsupportedGameError, match="subs"):
        tg.is_nash(g, [0, 0])
    assert tg.is_nash(g.subs(b=2), [0, 0])


def test_bad_profiles():
    with pytest.raises(ProfileError):
        tg.is_nash(MATCHING_PENNIES, [[0.2, 0.2], HALF])
    with pytest.raises(ProfileError):
        tg.regret(MATCHING_PENNIES, [HALF])
    with pytest.raises(ProfileError):
        tg.best_responses(MATCHING_PENNIES, 3)


# ----------------------------------------------------------------------------- properties
@st.composite
def games_and_profiles(draw):
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    values = draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size))
    game = tg.NormalFormGame(np.array(values).reshape((n, *shape)))
    profile = []
    for m in shape:
        weights = draw(st.lists(st.integers(0, 4), min_size=m, max_size=m).filter(lambda w: sum(w) > 0))
        profile.append([F(w, sum(weights)) for w in weights])
    return game, profile


@given(games_and_profiles())
def test_regret_is_the_gain_of_the_best_pure_deviation(data):
    game, profile = data
    regrets = tg.regret(game, profile)
    current = game.expected_payoffs(profile)
    for i, m in enumerate(game.shape):
        gains = []
        for s in range(m):
            deviated = list(profile)
            deviated[i] = s
            gains.append(game.expected_payoffs(deviated)[i] - current[i])
        assert regrets[i] == max(gains)
        assert regrets[i] >= 0
    assert tg.is_nash(game, profile) == all(r == 0 for r in regrets)


@given(games_and_profiles(), st.integers(1, 5), st.integers(-5, 5))
def test_regret_scales_under_affine_transformations(data, scale, shift):
    game, profile = data
    transformed = tg.NormalFormGame(game.payoffs * scale + shift)
    assert tg.regret(transformed, profile) == tuple(scale * r for r in tg.regret(game, profile))
    assert tg.best_responses(transformed, profile) == tg.best_responses(game, profile)


@given(games_and_profiles())
def test_float_and_exact_checks_agree_away_from_ties(data):
    game, profile = data
    exact_regrets = tg.regret(game, profile)
    float_regrets = tg.regret(game.as_float(), [[float(p) for p in v] for v in profile])
    assert float_regrets == pytest.approx([float(r) for r in exact_regrets], abs=1e-9)


@pytest.mark.parametrize("tol", [-1, float("nan"), 10, "x", None])
def test_bad_tolerances_are_refused(tol):
    from trigame.errors import ParameterError

    for check in (tg.is_nash, tg.best_responses):
        with pytest.raises(ParameterError, match="tol"):
            check(MATCHING_PENNIES, [HALF, HALF], tol=tol)


def test_not_a_game():
    from trigame.errors import TrigameError

    for check in (tg.is_nash, tg.best_responses, tg.regret):
        with pytest.raises(TrigameError, match="NormalFormGame"):
            check(None, [0, 0])


def test_tolerance_is_relative_to_each_players_range():
    # Row payoffs of order 1e6, column payoffs of order 1e-6 (range 2e-6).  Against
    # x = (1/2 + e, 1/2 - e), e = 2.5e-7, column 2 earns 1e-6 (x1 - x2) = 5e-13 and the mix 0: a
    # regret of 5e-13 = 2.5e-7 of the column player's range, far above tol = 1e-9.  Before, it was
    # compared with 1e-9 times the largest payoff of any player (1e6) and accepted.
    g = tg.NormalFormGame(np.array([[[1e6, -1e6], [-1e6, 1e6]], [[-1e-6, 1e-6], [1e-6, -1e-6]]]))
    off = [0.5 + 2.5e-7, 0.5 - 2.5e-7]
    assert tg.regret(g, [off, [0.5, 0.5]])[1] == pytest.approx(5e-13, rel=1e-6, abs=0)
    assert not tg.is_nash(g, [off, [0.5, 0.5]])
    assert tg.is_nash(g, [off, [0.5, 0.5]], tol=1e-6)
    assert tg.verify.player_scales(g) == (2e6, 2e-6)


def test_exact_profiles_of_float_games_are_checked_exactly():
    # Payoffs 1 and 1 + 2**-40 differ: (s1, s1) is not an equilibrium of the binary-rational
    # game however small the difference, because the row player gains 2**-40 by switching.
    g = tg.NormalFormGame.from_arrays([[1.0, 0.0], [1.0 + 2.0**-40, 0.0]], [[1.0, 0.0], [0.0, 1.0]])
    assert not tg.is_nash(g, [0, 0])
    assert tg.best_responses(g, [0, 0]) == ((1,), (0,))
    assert tg.is_nash(g, [[1.0, 0.0], [1.0, 0.0]])  # a float profile is checked within tol


def test_reported_payoffs_are_in_the_games_units_for_irrational_equilibria() -> None:
    # An exact 2x2x2 game whose totally mixed equilibria have irrational probabilities (square roots of the
    # discriminant), so they are checked in floating point on rescaled payoffs.  The payoffs an equilibrium
    # reports must still be the expected payoffs in the game's own units: player 1 gets u, players 2 and 3 get -u.
    import numpy as np

    import trigame as tg

    u = np.array([[[2, -1], [1, 0]], [[-1, 1], [-2, 0]]])
    game = tg.NormalFormGame(np.array([u, -u, -u]))
    irrational = [e for e in tg.equilibria(game) if not e.exact]
    assert irrational
    for eq in irrational:
        expected = game.expected_payoffs(eq.strategies)
        assert np.allclose([float(x) for x in eq.payoffs], [float(x) for x in expected], atol=1e-12)
        assert abs(float(eq.payoffs[0]) + float(eq.payoffs[1])) < 1e-12
