"""Tests of the Lemke-Howson solver: hand-checked paths, nashpy on nondegenerate games, invariants."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import trigame as tg
from trigame.solve.lemke_howson import lemke_howson


def test_battle_of_the_sexes_labels():
    # von Stengel (2002), fig. 3 logic for a 2x2 coordination game: dropping a label of the row
    # player's first strategy (label 0) or the column player's first (label 2) leads to the pure
    # equilibrium on those strategies; labels 1 and 3 to the other pure one.  The mixed equilibrium
    # (2/3, 1/3; 1/3, 2/3) is never reached from the artificial equilibrium in a 2x2 game.
    bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    for label, expected in [(0, [0, 0]), (2, [0, 0]), (1, [1, 1]), (3, [1, 1])]:
        eqs = lemke_howson(bos, initial_dropped_label=label)
        assert len(eqs) == 1 and eqs.contains(expected)
    eqs = lemke_howson(bos)
    assert len(eqs) == 2 and not eqs.complete


def test_matching_pennies_exact():
    mp = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    eqs = lemke_howson(mp)
    assert len(eqs) == 1 and [list(v) for v in eqs[0].strategies] == [[F(1, 2), F(1, 2)]] * 2


def test_errors():
    g3 = tg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(tg.MethodError):
        lemke_howson(g3)
    bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(tg.ParameterError):
        lemke_howson(bos, initial_dropped_label=4)
    with pytest.raises(tg.ParameterError):
        lemke_howson(bos, initial_dropped_label="0")


@settings(max_examples=30)
@given(arrays(np.float64, (2, 3, 4), elements=st.floats(-10, 10, allow_nan=False, width=32)), st.integers(0, 6))
def test_matches_nashpy_on_nondegenerate_games(payoffs, label):
    nashpy = pytest.importorskip("nashpy")
    # random real payoffs with distinct values are nondegenerate (almost surely); skip rare ties
    if len(np.unique(payoffs[0])) < 12 or len(np.unique(payoffs[1])) < 12:
        return
    game = tg.NormalFormGame(payoffs)
    if game.kind != "float":
        game = game.as_float()
    mine = lemke_howson(game, initial_dropped_label=label)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(payoffs[0], payoffs[1]).lemke_howson(initial_dropped_label=label)
    if not tg.is_nash(game, [x / x.sum(), y / y.sum()], tol=1e-6):
        return  # nashpy's float pivoting failed on this game; nothing to compare
    assert len(mine) == 1
    assert mine[0].isclose([x / x.sum(), y / y.sum()], tol=1e-6)


@given(arrays(np.int64, (2, 3, 3), elements=st.integers(0, 2)))
def test_degenerate_integer_games_give_equilibria_of_the_enummixed_set(payoffs):
    # small payoff ranges make ties (degeneracy) frequent; the lexicographic rule keeps the path finite
    game = tg.NormalFormGame(payoffs)
    eqs = lemke_howson(game)
    assert len(eqs) >= 1 and not eqs.complete
    assert all(e.exact and tg.is_nash(game, e) for e in eqs)
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.from_arrays(payoffs[0].astype(object), payoffs[1].astype(object))
    vertices = gbt.nash.enummixed_solve(g, rational=True).equilibria
    reference = [[[F(str(e[s])) for s in p.strategies] for p in g.players] for e in vertices]
    # every Lemke-Howson end point is a vertex pair, i.e. an extreme equilibrium
    for e in eqs:
        assert any(all(list(v) == r for v, r in zip(e.strategies, ref)) for ref in reference)


@given(arrays(np.int64, (2, 3, 2), elements=st.integers(-5, 5)))
def test_exact_and_float_agree(payoffs):
    exact = lemke_howson(tg.NormalFormGame(payoffs))
    floating = lemke_howson(tg.NormalFormGame(payoffs.astype(float)))
    assert all(tg.is_nash(floating.game, e) for e in floating)
    if len(np.unique(payoffs[0])) == 6 and len(np.unique(payoffs[1])) == 6:
        assert all(floating.contains(e.strategies, tol=1e-7) for e in exact)


def test_dispatcher():
    bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert tg.equilibria(bos, method="lemke_howson", initial_dropped_label=1).contains([1, 1])
