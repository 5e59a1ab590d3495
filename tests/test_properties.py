"""Cross-cutting properties of the public solver: equilibrium condition, invariances, agreement of methods."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.testing import assert_nash, assert_same_equilibria, check_invariance, games


def auto(game):
    return tg.equilibria(game)


@pytest.mark.parametrize("payoffs", ["integers", "fractions", "floats"])
@given(data=st.data())
def test_every_returned_profile_is_an_equilibrium(payoffs, data):
    degenerate = data.draw(st.booleans())
    game = data.draw(games(n_players=(2, 3), n_strategies=(1, 2, 3), payoffs=payoffs, degenerate=degenerate))
    if game.n_players == 3 and max(game.shape) > 2:
        game = tg.NormalFormGame(game.payoffs[:, :2, :2, :2])
    eqs = tg.equilibria(game)
    assert len(eqs) >= 1 or not eqs.complete  # Nash: every finite game has an equilibrium
    for eq in eqs:
        assert_nash(game, eq)
        if game.is_exact and eq.exact:
            assert tg.is_nash(game, eq, tol=0)


@given(games(n_players=2, n_strategies=(2, 3), payoffs="integers", degenerate=True), st.integers(0, 2**32 - 1))
def test_two_player_results_are_invariant_under_relabelling_and_affine_maps(game, seed):
    check_invariance(auto, game, np.random.default_rng(seed))


@settings(max_examples=25)
@given(games(n_players=3, n_strategies=2, payoffs="integers"), st.integers(0, 2**32 - 1))
def test_three_player_results_are_invariant_under_relabelling_and_affine_maps(game, seed):
    check_invariance(auto, game, np.random.default_rng(seed))


@given(games(n_players=2, n_strategies=2, payoffs="integers", degenerate=True))
def test_methods_agree_on_2x2_games(game):
    closed = tg.equilibria(game, method="closed_form")
    support = tg.equilibria(game, method="support")
    assert closed.complete and support.complete
    assert_same_equilibria(closed, support)
    assert closed.degenerate == support.degenerate
    pure = tg.equilibria(game, method="pure")
    assert_same_equilibria(pure, [e for e in support if e.is_pure])


@settings(max_examples=20)
@given(games(n_players=2, n_strategies=3, payoffs="integers"))
def test_support_and_polynomial_agree_on_nondegenerate_3x3_games(game):
    support = tg.equilibria(game, method="support")
    if support.game_degenerate:
        return  # extreme points (support) and isolated points (polynomial) differ only on degenerate games
    assert_same_equilibria(support, tg.equilibria(game, method="polynomial"))


@settings(max_examples=20)
@given(games(n_players=3, n_strategies=2, payoffs="integers"))
def test_closed_form_and_polynomial_agree_on_2x2x2_games(game):
    closed = tg.equilibria(game, method="closed_form")
    poly = tg.equilibria(game, method="polynomial")
    if closed.degenerate or poly.degenerate:
        assert closed.degenerate and poly.degenerate
        return
    assert_same_equilibria(closed, poly)
