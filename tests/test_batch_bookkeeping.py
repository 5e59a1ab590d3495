"""The bookkeeping of trigame.solve.batch: results filled chunk by chunk, in place, equal to one-chunk solves.

The batch writes each chunk's equilibria straight into the result's arrays,
padding a chunk with fewer equilibria per game than the widest so far and
widening the arrays when a later chunk has more.  The invariant pinned here:
the answer does not depend on the chunking -- every array equals the one a
single chunk gives (the chunk sizes are shrunk so that a small batch spans many
chunks of different widths) -- and each game's equilibria equal those of the
scalar closed-form solver.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import trigame as tg
from trigame.errors import PayoffTypeError, TrigameError
from trigame.solve.batch import equilibria
from trigame.solve.batch._memory import _switch, fresh

batch = importlib.import_module("trigame.solve.batch")
FIELDS = ("count", "probabilities", "supports", "degenerate", "continuum", "exact_path")


@contextlib.contextmanager
def chunks(size: int) -> Iterator[None]:
    saved = batch.CHUNK, batch.CHUNK_2X2
    batch.CHUNK = batch.CHUNK_2X2 = size
    try:
        yield
    finally:
        batch.CHUNK, batch.CHUNK_2X2 = saved


def assert_same(a: tg.batch.BatchEquilibria, b: tg.batch.BatchEquilibria) -> None:
    for field in FIELDS:
        x, y = getattr(a, field), getattr(b, field)
        assert x.shape == y.shape, field
        assert np.array_equal(x, y, equal_nan=True), field


# A Prisoner's Dilemma (1 equilibrium), Battle of the Sexes (3) and a 2x2 game with every payoff tied (a
# continuum: the four pure profiles are its extreme equilibria), so chunks of one game differ in width.
PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
BOS = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
FLAT = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]


def test_chunks_of_different_widths_2x2() -> None:
    games = np.array([PD, PD, BOS, PD, FLAT, PD, BOS], dtype=np.float64)
    whole = equilibria(games)
    with chunks(2):
        parts = equilibria(games)
    assert_same(whole, parts)
    # by hand: 1, 1, 3, 1, 4 (the pure profiles of the flat game), 1, 3 equilibria
    assert parts.count.tolist() == [1, 1, 3, 1, 4, 1, 3]
    assert np.isnan(parts.probabilities[0, 1:]).all() and (parts.supports[0, 1:] == -1).all()
    assert parts.probabilities[2, 2].tolist() == pytest.approx([2 / 3, 1 / 3])


@settings(max_examples=15, deadline=None)
@given(games=hnp.arrays(np.float64, st.tuples(st.integers(1, 40), st.just(3), st.just(2), st.just(2), st.just(2)),
                        elements=st.sampled_from([0.0, 1.0, 2.0]) | st.floats(-3, 3, allow_subnormal=False)),
       size=st.integers(1, 7))
def test_chunking_never_changes_2x2x2_answers(games: np.ndarray, size: int) -> None:
    # small integer payoffs: ties, continua and the exact path, in some chunks and not others
    whole = equilibria(games)
    with chunks(size):
        parts = equilibria(games)
    assert_same(whole, parts)


@settings(max_examples=15, deadline=None)
@given(games=hnp.arrays(np.int64, st.tuples(st.integers(1, 40), st.just(2), st.just(2), st.just(2)),
                        elements=st.integers(-2, 2)),
       size=st.integers(1, 7))
def test_chunking_never_changes_2x2_answers(games: np.ndarray, size: int) -> None:
    whole = equilibria(games)
    with chunks(size):
        parts = equilibria(games)
    assert_same(whole, parts)


def test_each_game_as_the_scalar_solver_across_chunks() -> None:
    rng = np.random.default_rng(7)
    games = rng.integers(-2, 3, size=(30, 3, 2, 2, 2))
    with chunks(4):
        res = equilibria(games)
    for g in range(len(games)):
        scalar = tg.equilibria(tg.NormalFormGame(games[g].tolist()), method="closed_form")
        assert res.count[g] == len(scalar)
        assert bool(res.continuum[g]) == scalar.degenerate
        expected = sorted(tuple(float(v[0]) for v in eq.strategies) for eq in scalar)
        found = sorted(tuple(x) for x in res.probabilities[g, : res.count[g]].tolist())
        assert np.allclose(np.array(found), np.array(expected), rtol=0, atol=1e-12)


def test_batch_shape_and_empty_batch() -> None:
    games = np.array([[PD, BOS], [FLAT, PD]], dtype=np.float64)  # batch shape (2, 2)
    with chunks(1):
        res = equilibria(games)
    assert res.count.shape == (2, 2) and res.probabilities.shape == (2, 2, 4, 2)
    assert res.count.tolist() == [[1, 3], [4, 1]]
    empty = equilibria(np.zeros((0, 2, 2, 2)))
    assert len(empty) == 0 and empty.probabilities.shape[0] == 0


def test_fresh_arrays_restore_numpy_setting() -> None:
    switch = _switch()
    before = switch(True) if switch is not None else None
    try:
        a = fresh((3, 2), np.int8, fill=-1)
        assert a.dtype == np.int8 and a.shape == (3, 2) and (a == -1).all()
        if switch is not None:
            assert switch(True) is True  # the advice is back on after the allocation
    finally:
        if switch is not None:
            switch(before)


def test_string_payloads_are_refused() -> None:
    with pytest.raises(TrigameError):
        equilibria(np.array([[[["__import__('os')", "1"], ["1", "1"]], [["1", "1"], ["1", "1"]]]], dtype=object))
    with pytest.raises(PayoffTypeError):
        equilibria([[[["1", 0], [0, 1]], [[1, 0], [0, 1]]]])
