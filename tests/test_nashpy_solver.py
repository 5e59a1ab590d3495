"""Tests of the nashpy baseline solver: it delegates, and trigame checks what comes back."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import trigame as tg

pytest.importorskip("nashpy")

from trigame.solve.nash.nashpy_solver import ALGORITHMS, nashpy_equilibria

BOS = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])


@pytest.mark.parametrize("algorithm", ["support_enumeration", "vertex_enumeration"])
def test_battle_of_the_sexes(algorithm):
    # two pure equilibria and the mixed one (2/3, 1/3; 1/3, 2/3), derived in test_closed_form
    eqs = nashpy_equilibria(BOS, algorithm=algorithm)
    assert len(eqs) == 3 and not eqs.complete
    assert eqs.contains([[2 / 3, 1 / 3], [1 / 3, 2 / 3]])


def test_lemke_howson_enumeration():
    eqs = nashpy_equilibria(BOS, algorithm="lemke_howson")
    assert eqs.contains([0, 0]) and eqs.contains([1, 1]) and not eqs.complete


def test_errors():
    with pytest.raises(tg.SolverError, match="vertex_enumeration"):
        nashpy_equilibria(tg.NormalFormGame(np.zeros((2, 2, 2), dtype=int)), algorithm="vertex_enumeration")
    with pytest.raises(tg.MethodError):
        nashpy_equilibria(tg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int)))
    with pytest.raises(tg.ParameterError):
        nashpy_equilibria(BOS, algorithm="magic")
    with pytest.raises(tg.MethodError):
        tg.equilibria(tg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int)), method="nashpy")


@given(arrays(np.int64, (2, 2, 2), elements=st.integers(0, 2)), st.sampled_from(ALGORITHMS))
def test_every_result_is_an_equilibrium_even_on_degenerate_games(payoffs, algorithm):
    game = tg.NormalFormGame(payoffs)
    try:
        eqs = nashpy_equilibria(game, algorithm=algorithm)
    except tg.SolverError:  # nashpy crashes on some degenerate games; the error is a trigame one
        return
    assert not eqs.complete
    assert all(tg.is_nash(game, e) for e in eqs)


# Payoffs on a grid of 0.1: exact ties are detected as degenerate, and no difference is so small
# (e.g. 1e-20) that a float solver cannot resolve it -- such near-ties are not a fair test of a peer.
@given(arrays(np.float64, (2, 2, 2), elements=st.integers(-50, 50).map(lambda k: k / 10)))
def test_support_enumeration_matches_closed_form_on_nondegenerate_games(payoffs):
    game = tg.NormalFormGame(payoffs)
    reference = tg.equilibria(game, method="closed_form")
    if reference.game_degenerate:
        return
    eqs = nashpy_equilibria(game)
    assert len(eqs) == len(reference)
    assert all(reference.contains(e.strategies, tol=1e-7) for e in eqs)


# --- budgets -------------------------------------------------------------------------------------------------


def test_support_enumeration_over_budget_is_refused_before_any_work():
    # (2^25 - 1)^2 ≈ 1.1e15 support pairs: refused up front, not run
    rng = np.random.default_rng(0)
    game = tg.NormalFormGame.from_arrays(rng.random((25, 25)), rng.random((25, 25)))
    with pytest.raises(tg.BudgetExceededError, match="max_pairs"):
        nashpy_equilibria(game)
    with pytest.raises(tg.BudgetExceededError, match="max_pairs"):
        nashpy_equilibria(game, algorithm="vertex_enumeration")


def test_max_pairs_counts_every_pair_of_nonempty_supports():
    # a 3x3 game has (2^3 - 1)^2 = 49 pairs of nonempty supports
    game = tg.NormalFormGame.from_arrays(np.eye(3), np.eye(3))
    with pytest.raises(tg.BudgetExceededError):
        nashpy_equilibria(game, max_pairs=48)
    assert len(nashpy_equilibria(game, max_pairs=49)) > 0


def test_lemke_howson_counts_pivots_and_agrees_with_nashpy():
    import nashpy

    rng = np.random.default_rng(3)
    A, B = rng.random((4, 5)), rng.random((4, 5))
    ours = nashpy_equilibria(tg.NormalFormGame.from_arrays(A, B), algorithm="lemke_howson")
    theirs = {
        (tuple(np.round(x, 9)), tuple(np.round(y, 9))) for x, y in nashpy.Game(A, B).lemke_howson_enumeration()
    }
    assert {(tuple(np.round(eq.strategies[0].astype(float), 9)), tuple(np.round(eq.strategies[1].astype(float), 9)))
            for eq in ours} == theirs
    with pytest.raises(tg.BudgetExceededError, match="max_pivots"):
        nashpy_equilibria(tg.NormalFormGame.from_arrays(A, B), algorithm="lemke_howson", max_pivots=1)


@pytest.mark.parametrize(
    "options",
    [{"max_pairs": 0}, {"max_pairs": "many"}, {"max_pivots": -1}, {"tol": -1.0}, {"tol": float("nan")}, {"tol": "x"}],
)
def test_bad_budget_options(options):
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(tg.ParameterError):
        nashpy_equilibria(game, **options)
