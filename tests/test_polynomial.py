"""The N-player polynomial solver: hand-derived games, continua, peers and invariances."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.errors import ParameterError, UnsupportedGameError

from ._peers import gambit_from_arrays, gambit_profile


def poly(game: tg.NormalFormGame, **options: object) -> tg.EquilibriumSet:
    return tg.equilibria(game, method="polynomial", **options)


def cyclic_pennies() -> tg.NormalFormGame:
    # Player 1 is paid 1 for matching player 2, player 2 for matching player 3,
    # player 3 for mismatching player 1 (a three-player cycle of matching pennies).
    # Derivation of the unique equilibrium: if player 1 played H for sure, player 3 would
    # play T, then player 2 T, then player 1 T -- a contradiction (likewise for any pure
    # player, the best replies cycle), so everyone mixes.  Player 1 is indifferent only if
    # P(player 2 plays H) = 1/2, player 2 only if P(player 3 plays H) = 1/2, player 3 only
    # if P(player 1 plays H) = 1/2: the unique equilibrium is (1/2, 1/2) for everyone.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        u[0, a, b, c] = int(a == b)
        u[1, a, b, c] = int(b == c)
        u[2, a, b, c] = int(c != a)
    return tg.NormalFormGame(u)


def test_cyclic_pennies_unique_totally_mixed() -> None:
    eqs = poly(cyclic_pennies())
    assert eqs.complete and not eqs.degenerate and len(eqs) == 1
    assert eqs[0].exact
    assert [v.tolist() for v in eqs[0].strategies] == [[F(1, 2), F(1, 2)]] * 3


def test_indifferent_player_gives_a_continuum() -> None:
    # Players 1 and 2 coordinate (1 each if they match); player 3's payoffs are constant,
    # so any mixture of player 3 completes an equilibrium of the coordination game:
    # (A, A, anything) is a segment of equilibria.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        u[0, a, b, c] = u[1, a, b, c] = int(a == b)
    game = tg.NormalFormGame(u)
    eqs = poly(game)
    assert eqs.degenerate and eqs.complete
    assert any("continuum" in note for note in eqs.notes)
    for c in (0, 1):
        assert eqs.contains([[1, 0], [1, 0], [int(c == 0), int(c == 1)]])
    assert all(tg.is_nash(game, eq) for eq in eqs)


def test_float_game_matches_exact_game() -> None:
    game = cyclic_pennies()
    eqs = poly(game.as_float())
    assert len(eqs) == 1 and np.allclose(eqs[0].strategies[0], [0.5, 0.5])


def test_inexact_equilibria_are_verified_and_mixed() -> None:
    # Totally mixed equilibria of random 2x2x2 games solve quadratics and are often irrational;
    # they come back as floats (exact=False) that pass the Nash check; pure ones are always exact.
    rng = np.random.default_rng(7)
    for _ in range(5):
        game = tg.NormalFormGame(rng.integers(-5, 6, size=(3, 2, 2, 2)))
        eqs = poly(game)
        for eq in eqs:
            assert tg.is_nash(game, eq, tol=1e-8)
            assert eq.exact or any(len(s) > 1 for s in eq.support)


def random_nplayer(seed: int, shape: tuple[int, ...], low: int = -9, high: int = 10) -> tg.NormalFormGame:
    rng = np.random.default_rng(seed)
    return tg.NormalFormGame(rng.integers(low, high, size=(len(shape), *shape)))


@pytest.mark.parametrize("seed", range(12))
def test_contains_pygambit_enumpoly_on_random_2x2x2(seed: int) -> None:
    gbt = pytest.importorskip("pygambit")
    game = random_nplayer(seed, (2, 2, 2))
    arrays = [np.array(game.payoffs[i], dtype=int) for i in range(3)]
    peer = gbt.nash.enumpoly_solve(gambit_from_arrays(gbt, *arrays))
    eqs = poly(game)
    assert eqs.complete
    for eq in peer.equilibria:
        profile = [[float(x) for x in v] for v in gambit_profile(eq, peer.game)]
        assert eqs.contains(profile, tol=1e-6), (profile, eqs)


@pytest.mark.parametrize("seed", range(8))
def test_two_player_games_agree_with_support_enumeration(seed: int) -> None:
    # random integer payoffs from a wide range: nondegenerate, so the sets must be equal
    rng = np.random.default_rng(100 + seed)
    shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    game = tg.NormalFormGame(rng.integers(-1000, 1001, size=(2, *shape)))
    mine = poly(game)
    reference = tg.equilibria(game, method="support")
    assert mine.complete and len(mine) == len(reference)
    assert all(mine.contains(eq) for eq in reference)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("seed", range(3))
def test_two_player_games_agree_with_nashpy(seed: int) -> None:
    nash = pytest.importorskip("nashpy")
    game = random_nplayer(200 + seed, (3, 3), -1000, 1001)
    mine = poly(game)
    peer = list(nash.Game(np.array(game.payoffs[0], dtype=float),
                          np.array(game.payoffs[1], dtype=float)).support_enumeration())
    # nashpy only tries supports of equal size, so it can miss equilibria: trigame's set contains its
    assert len(mine) >= len(peer)
    assert all(mine.contains(list(p), tol=1e-8) for p in peer)


payoff_arrays = st.lists(st.integers(-3, 3), min_size=24, max_size=24).map(
    lambda xs: np.array(xs, dtype=int).reshape(3, 2, 2, 2))


@given(payoff_arrays)
def test_every_profile_is_nash_and_pure_equilibria_are_found(payoffs: np.ndarray) -> None:
    # small payoff ranges make many degenerate games
    game = tg.NormalFormGame(payoffs)
    eqs = poly(game)
    assert all(tg.is_nash(game, eq, tol=1e-8) for eq in eqs)
    for pure in tg.pure_equilibria(game):
        assert eqs.contains(pure)


@pytest.mark.parametrize("seed", range(3))
def test_invariant_under_player_permutation_and_affine_maps(seed: int) -> None:
    game = random_nplayer(300 + seed, (2, 3, 2))
    eqs = poly(game)
    permuted = poly(game.permute(players=[2, 0, 1]))
    assert len(permuted) == len(eqs)
    for eq in eqs:
        moved = [eq.strategies[2], eq.strategies[0], eq.strategies[1]]
        assert permuted.contains(moved, tol=1e-9)
    scaled = tg.NormalFormGame(np.stack([3 * game.payoffs[0] + 7, 2 * game.payoffs[1] - 5, game.payoffs[2] + 1]))
    rescaled = poly(scaled)
    assert len(rescaled) == len(eqs) and all(rescaled.contains(eq, tol=1e-9) for eq in eqs)


def test_3x3x3_and_5x4x3_random_games() -> None:
    for seed, shape in ((1, (3, 3, 3)), (2, (5, 4, 3))):
        game = random_nplayer(seed, shape, -1000, 1001)  # a wide range: nondegenerate
        eqs = poly(game)
        assert eqs.complete and len(eqs) % 2 == 1  # nondegenerate games have an odd number (Wilson 1971)
        assert all(tg.is_nash(game, eq, tol=1e-8) for eq in eqs)
        assert eqs.contains(tg.pure_equilibria(game)[0]) if len(tg.pure_equilibria(game)) else True


def test_support_limit_and_bad_options() -> None:
    game = cyclic_pennies()
    limited = poly(game, max_support_profiles=2)
    assert not limited.complete and any("max_support_profiles" in n for n in limited.notes)
    with pytest.raises(ParameterError):
        poly(game, tol=-1)
    with pytest.raises(ParameterError):
        poly(game, max_support_profiles=0)
    import sympy

    b = sympy.Symbol("b")
    with pytest.raises(UnsupportedGameError):
        from trigame.solve import polynomial

        polynomial.solve(tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, b]]))
