"""The batch exact Nash check of 2-player candidates (:mod:`trigame.verify._batch_nash`) and its use in ``build_set``.

Pinned against :func:`trigame.verify.nash.check_profile` one candidate at a time (equilibria,
non-equilibria that must be rejected, degenerate games, huge payoffs and denominators that take
the Python-integer route, float games, candidates given in integers, candidates it must leave to
the one-by-one check), against hand derivations, and ``build_set``'s batch path against its
one-by-one path (same equilibria, payoffs, order, notes).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
import trigame.solve.nash._common as common
from trigame.errors import UnsupportedGameError
from trigame.solve.nash._common import build_set
from trigame.verify._candidates import IntegerCandidate
from trigame.verify.nash import check_bimatrix_profiles, check_profile


def _game(draw: st.DrawFn) -> tg.NormalFormGame:
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    kind = draw(st.sampled_from(["small", "huge", "fraction", "float"]))
    if kind == "small":  # entries 0..2: ties and degenerate games are common
        cell = st.integers(0, 2)
    elif kind == "huge":  # beyond int64 and far beyond 2^62 / (d e)
        cell = st.integers(-(2**80), 2**80)
    elif kind == "fraction":
        cell = st.fractions(min_value=-5, max_value=5, max_denominator=7)
    else:
        cell = st.sampled_from([0.0, 0.5, -1.25, 3.0, 1e-300, 2.5e10])
    table = st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m)
    return tg.NormalFormGame.from_arrays(draw(table), draw(table))


def _vector(draw: st.DrawFn, size: int) -> list[F]:
    """A random exact mixed strategy: a pure one, uniform on a support, or random weights (big ones too)."""
    shape = draw(st.sampled_from(["pure", "uniform", "weights", "big"]))
    if shape == "pure":
        k = draw(st.integers(0, size - 1))
        return [F(int(j == k)) for j in range(size)]
    if shape == "uniform":
        support = draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=size, unique=True))
        return [F(1, len(support)) if j in support else F(0) for j in range(size)]
    high = 2**45 if shape == "big" else 5  # denominators near 2^45: d e max|Z| beyond 2^62
    weights = draw(st.lists(st.integers(0, high), min_size=size, max_size=size).filter(lambda w: sum(w) > 0))
    return [F(w, sum(weights)) for w in weights]


@st.composite
def _game_and_candidates(draw: st.DrawFn) -> tuple[tg.NormalFormGame, list]:
    game = _game(draw)
    m, n = game.shape
    candidates: list = []
    # the game's own equilibria (they must pass) and random profiles (most must fail)
    for eq in tg.equilibria(game, method="support"):
        if eq.exact:
            candidates.append([list(eq.strategies[0]), list(eq.strategies[1])])
    for _ in range(draw(st.integers(1, 6))):
        candidates.append([_vector(draw, m), _vector(draw, n)])
    return game, candidates


def _as_integers(candidate: list) -> IntegerCandidate:
    """A Fraction candidate in integers, scaled by an extra factor so that it is not in lowest terms."""
    out = []
    for v in candidate:
        d = 1
        for x in v:
            d = math.lcm(d, x.denominator)
        out.append(([int(x * d) * 3 for x in v], d * 3))
    return IntegerCandidate(out)


@settings(max_examples=60, deadline=None)
@given(_game_and_candidates())
def test_same_verdicts_vectors_and_payoffs_as_check_profile(drawn: tuple[tg.NormalFormGame, list]) -> None:
    game, candidates = drawn
    batch = check_bimatrix_profiles(game, candidates + [_as_integers(c) for c in candidates])
    assert len(batch.ok) == 2 * len(candidates)
    for position, candidate in enumerate(candidates * 2):
        ok, vectors, payoffs = check_profile(game, candidate)
        assert batch.ok[position] is ok
        got = batch.vectors[position]
        assert got is not None and all(a.tolist() == b.tolist() for a, b in zip(got, vectors))
        assert not any(v.flags.writeable for v in got)
        exact_payoffs = batch.payoffs[position]
        assert exact_payoffs is not None
        if game.kind == "exact":
            assert tuple(exact_payoffs) == tuple(payoffs)
        else:  # check_profile gives a float game's payoffs in floats
            assert np.allclose([float(u) for u in exact_payoffs], [float(u) for u in payoffs], rtol=1e-9,
                               atol=1e-12 * max(1.0, float(np.max(np.abs(game.payoffs)))))
        (X, d), (Y, e) = batch.integers[position]
        assert [F(x, d) for x in X] == candidate[0] and [F(y, e) for y in Y] == candidate[1]


def test_hand_derived_verdicts_on_matching_pennies_and_a_degenerate_game() -> None:
    # Matching pennies: the only equilibrium is (1/2, 1/2) for both, with payoffs (0, 0);
    # at x = (1/3, 2/3) the column player's payoffs are (1/3, -1/3) for L and (-1/3, 1/3) for R
    # ... so y = (1/2, 1/2) is not a best response to it.
    pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    half, third = [F(1, 2), F(1, 2)], [F(1, 3), F(2, 3)]
    check = check_bimatrix_profiles(pennies, [[half, half], [third, half], [[1, 0], [0, 1]]])
    assert check.ok == [True, False, False]
    assert check.payoffs[0] == (0, 0)
    # A degenerate game: the column player is indifferent everywhere (all zeros), so every y is a best
    # response; the row player gets 1 from T against L and 0 elsewhere: (T, any y with y_L > 0) and
    # (any x, R) are equilibria, (B, L) is not (T pays 1 > 0).
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 0]], [[0, 0], [0, 0]])
    check = check_bimatrix_profiles(game, [[[1, 0], [F(1, 5), F(4, 5)]], [[F(2, 7), F(5, 7)], [0, 1]],
                                           [[0, 1], [1, 0]]])
    assert check.ok == [True, True, False]
    assert check.payoffs[0] == (F(1, 5), 0)


def test_candidates_it_cannot_check_are_left_to_check_profile() -> None:
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    odd = [
        ["0", "0"],  # labels
        [[0.5, 0.5], [0.5, 0.5]],  # floats
        [[True, False], [1, 0]],  # bools are not probabilities here
        [[np.int64(1), 0], [1, 0]],  # NumPy scalars
        [[F(1, 2), F(1, 3)], [1, 0]],  # does not sum to 1
        [[F(3, 2), F(-1, 2)], [1, 0]],  # negative
        [[1, 0, 0], [1, 0]],  # wrong length
        [[1, 0]],  # one player
        IntegerCandidate((([1, 1], 3), ([1, 0], 1))),  # does not sum to d
        IntegerCandidate((([1, -1], 0), ([1, 0], 1))),  # d not positive
        IntegerCandidate((([1, 0], 1),)),  # one player
    ]
    check = check_bimatrix_profiles(game, odd)
    assert check.ok == [None] * len(odd) and check.vectors == [None] * len(odd)


def test_refuses_games_it_does_not_check() -> None:
    three = tg.NormalFormGame.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(UnsupportedGameError, match="2-player"):
        check_bimatrix_profiles(three, [])


def _same_sets(a: tg.EquilibriumSet, b: tg.EquilibriumSet) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert all(u.tolist() == v.tolist() and u.dtype == v.dtype for u, v in zip(x.strategies, y.strategies))
        assert x.payoffs == y.payoffs and x.exact == y.exact
    assert (a.complete, a.degenerate, a.notes, a.game_degenerate) == (b.complete, b.degenerate, b.notes,
                                                                      b.game_degenerate)


@settings(max_examples=40, deadline=None)
@given(_game_and_candidates(), st.data())
def test_build_set_batch_path_equals_the_one_by_one_path(drawn: tuple[tg.NormalFormGame, list],
                                                         data: st.DataObject) -> None:
    game, candidates = drawn
    # duplicates: as Fractions, in integers, and as float vectors (the one-by-one path then checks those)
    extra = [_as_integers(c) for c in candidates] + candidates[:2]
    extra += [[np.array([float(x) for x in c[0]]), np.array([float(x) for x in c[1]])] for c in candidates[:2]]
    profiles = data.draw(st.permutations(candidates + extra))
    inexact = data.draw(st.sets(st.integers(0, len(profiles) - 1), max_size=2))
    sets = []
    for minimum in (10**9, 0):
        original = common.BATCH_MIN
        common.BATCH_MIN = minimum
        try:
            sets.append(build_set(game, profiles, method="support", complete=True, inexact=inexact))
        finally:
            common.BATCH_MIN = original
    _same_sets(*sets)


def test_coordination_game_through_the_batch_equals_the_one_by_one_path(monkeypatch) -> None:
    # The 6 x 6 coordination game: one equilibrium per nonempty support, 2^6 - 1 = 63, each uniform on its
    # support for both players (a player mixing on S must make every strategy of S equally good: y uniform on S).
    game = tg.NormalFormGame.from_arrays(np.eye(6, dtype=int).tolist(), np.eye(6, dtype=int).tolist())
    monkeypatch.setattr("trigame.solve.nash.support.MAX_BASES", 0)
    monkeypatch.setattr("trigame.solve.nash.support.ONE_POLYTOPE_BASES", 0)
    batch = tg.equilibria(game, method="support")
    monkeypatch.setattr(common, "BATCH_MIN", 10**9)
    plain = tg.equilibria(game, method="support")
    _same_sets(batch, plain)
    assert len(batch) == 63 and batch.complete
    for eq in batch:
        x, y = eq.strategies
        support = [k for k, p in enumerate(x.tolist()) if p]
        assert x.tolist() == y.tolist() == [F(1, len(support)) if k in support else 0 for k in range(6)]
        assert eq.payoffs == (F(1, len(support)), F(1, len(support)))


@pytest.mark.parametrize("profiles", [None, 5, "profiles", b"xy"])
def test_profiles_that_are_not_a_collection_raise_a_trigame_error(profiles: object) -> None:
    from trigame.errors import ParameterError
    from trigame.verify._batch_nplayer import check_nplayer_profiles

    bimatrix = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="profiles must be"):
        check_bimatrix_profiles(bimatrix, profiles)  # type: ignore[arg-type]
    three = tg.NormalFormGame.from_arrays(*np.ones((3, 2, 2, 2), dtype=int))
    with pytest.raises(ParameterError, match="profiles must be"):
        check_nplayer_profiles(three, profiles)  # type: ignore[arg-type]


def test_a_generator_of_profiles_is_checked_like_a_list() -> None:
    # coordination: both pure diagonal profiles are equilibria, the off-diagonal one is not
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    candidates = [[[1, 0], [1, 0]], [[0, 1], [0, 1]], [[1, 0], [0, 1]]]
    assert check_bimatrix_profiles(game, (c for c in candidates)).ok == [True, True, False]
