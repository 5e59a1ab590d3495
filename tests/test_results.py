"""Equilibrium / EquilibriumSet, the dispatcher and the pure solver."""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import trigame as tg
from trigame.errors import MethodError, UnsupportedGameError
from trigame.solve.nash._common import build_set

BATTLE = tg.NormalFormGame.from_arrays(
    [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Japan", "South Korea"],
    strategies=[["Cooperate", "Friction"], ["Cooperate", "Friction"]],
)


def test_equilibrium_fields():
    eq = tg.Equilibrium.from_profile(BATTLE, [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    # Japan mixes 2/3 on Cooperate, Korea 1/3: Japan's payoff = 2 * 1/3 = 2/3 (from either row).
    assert eq.payoffs == (F(2, 3), F(2, 3))
    assert eq.support == ((0, 1), (0, 1))
    assert not eq.is_pure and eq.exact
    assert eq.as_dict() == {
        "Japan": {"Cooperate": F(2, 3), "Friction": F(1, 3)},
        "South Korea": {"Cooperate": F(1, 3), "Friction": F(2, 3)},
    }
    assert json.loads(json.dumps(eq.to_json()))["strategies"]["Japan"]["Cooperate"] == "2/3"
    assert eq.label().startswith("Japan: 2/3 Cooperate + 1/3 Friction, South Korea: 1/3 Cooperate")
    pure = tg.Equilibrium.from_profile(BATTLE, ["Cooperate", "Cooperate"])
    assert pure.is_pure and pure.label() == "Japan: Cooperate, South Korea: Cooperate"
    with pytest.raises(AttributeError):
        pure.payoffs = (0, 0)


def test_build_set_drops_profiles_that_fail_the_check():
    result = build_set(BATTLE, [[[1, 0], [1, 0]], [[1, 0], [0, 1]]], method="test", complete=True)
    assert len(result) == 1 and result[0].support == ((0,), (0,))
    assert not result.complete and "failed the independent Nash check" in result.notes[0]


def test_equilibrium_set_api():
    result = build_set(
        BATTLE,
        [[[0, 1], [0, 1]], [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]], [[1, 0], [1, 0]], [[1, 0], [1, 0]]],
        method="test",
        complete=True,
    )
    assert len(result) == 3  # the duplicate is merged
    assert [e.is_pure for e in result] == [True, True, False]  # pure first
    assert result.contains(["Friction", "Friction"])
    assert result.contains([[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    assert not result.contains(["Cooperate", "Friction"])
    assert len(result.pure()) == 2
    data = json.loads(json.dumps(result.to_json()))
    assert data["complete"] is True and len(data["equilibria"]) == 3
    assert "3 equilibria" in repr(result)


def test_dispatcher_errors():
    with pytest.raises(MethodError, match="unknown method"):
        tg.equilibria(BATTLE, method="magic")
    with pytest.raises(MethodError):
        tg.equilibria(BATTLE, method=3)
    with pytest.raises(UnsupportedGameError):
        tg.equilibria("not a game")
    b = sp.Symbol("b")
    symbolic = tg.NormalFormGame(np.array([[[b, 0, 0]] * 3] * 2, dtype=object))
    with pytest.raises(UnsupportedGameError, match="subs"):
        tg.equilibria(symbolic)
    with pytest.raises(UnsupportedGameError, match="numeric payoffs"):
        tg.equilibria(symbolic, method="pure")


def test_one_player_game():
    g = tg.NormalFormGame([[1, 3, 3]])
    eqs = tg.equilibria(g)
    assert eqs.complete and eqs.degenerate  # any mixture of the two optima is an equilibrium
    assert [e.support for e in eqs] == [((1,),), ((2,),)]


# ----------------------------------------------------------------------------- pure solver
def brute_force_pure(game):
    """Pure equilibria by the definition, one profile at a time (the oracle)."""
    found = []
    for profile in np.ndindex(*game.shape):
        if tg.is_nash(game, list(profile)):
            found.append(profile)
    return found


@given(
    st.integers(1, 4).flatmap(
        lambda n: arrays(np.int64, st.tuples(st.just(n), *[st.integers(1, 3)] * n), elements=st.integers(0, 2))
    )
)
def test_pure_equilibria_match_brute_force(payoffs):
    game = tg.NormalFormGame(payoffs)
    eqs = tg.pure_equilibria(game)
    found = sorted(tuple(int(np.argmax(v)) for v in e.strategies) for e in eqs)
    assert found == sorted(brute_force_pure(game))
    assert all(tg.is_nash(game, e) for e in eqs)


@given(arrays(np.float64, (3, 2, 3, 2), elements=st.floats(-10, 10, allow_nan=False)))
def test_pure_equilibria_float_games(payoffs):
    game = tg.NormalFormGame(payoffs)
    eqs = tg.pure_equilibria(game)
    assert sorted(tuple(int(np.argmax(v)) for v in e.strategies) for e in eqs) == sorted(brute_force_pure(game))
