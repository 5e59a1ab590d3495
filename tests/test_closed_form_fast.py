"""The direct 2x2 evaluation of the closed-form candidates equals the backend path, candidate for candidate.

:func:`trigame.solve.nash._closed_2x2.profiles_2x2` is a fast path for numeric 2x2 games; the plain path
evaluates the same nine candidates through :func:`trigame.solve.nash._closed_formulas.pieces` over the exact
backend.  Small integer payoffs make ties (degenerate games, continua) frequent.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.solve.nash._closed_2x2 import profiles_2x2
from trigame.solve.nash._closed_backend import ExactBackend
from trigame.solve.nash._closed_formulas import pieces
from trigame.solve.nash.closed_form import _probability, advantage_tables

payoff = st.one_of(st.integers(-2, 2), st.fractions(min_value=-3, max_value=3, max_denominator=4))


def _plain(e: list[dict[tuple[int, ...], Fraction]]) -> list[list[list[Fraction]]]:
    out = []
    for piece in pieces(ExactBackend(), e):
        if piece.condition is True:
            vector = []
            for prob in piece.probs:
                x, exact = _probability(prob, piece.disc)
                assert exact  # 2x2 candidates are rational
                vector.append([x, 1 - x])
            out.append(vector)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(payoff, min_size=8, max_size=8))
def test_fast_2x2_equals_the_backend_path(values: list[Fraction]) -> None:
    payoffs = np.array([Fraction(v) for v in values], dtype=object).reshape(2, 2, 2)
    e = advantage_tables(payoffs)
    assert profiles_2x2(e) == _plain(e)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8))
def test_every_2x2_result_is_a_verified_equilibrium_set(values: list[int]) -> None:
    game = tg.NormalFormGame(np.array(values).reshape(2, 2, 2))
    eqs = tg.equilibria(game)
    assert all(tg.is_nash(game, eq) for eq in eqs)
    # Every pure equilibrium (found by brute force) is among the extreme equilibria.
    for a in range(2):
        for b in range(2):
            u, v = game.payoffs[0], game.payoffs[1]
            if u[a, b] >= u[1 - a, b] and v[a, b] >= v[a, 1 - b]:
                assert eqs.contains(([1 - a, a], [1 - b, b]))
