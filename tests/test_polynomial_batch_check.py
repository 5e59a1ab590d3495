"""The N-player batch check of candidate profiles, pinned against the one-by-one check.

:func:`trigame.verify._batch_nplayer.check_nplayer_profiles` checks every candidate of a game
of three or more players together; :func:`trigame.verify.check_profile` checks one.  They must
give the same verdicts, vectors and payoffs (exactly for exact candidates; for float candidates
the verdict wherever the regret is not within round-off of the tolerance, and payoffs equal up
to the order of the float sums), and :func:`build_set` must return the same set either way.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.normal_form import NormalFormGame
from trigame.games.scaling import normalized_payoffs
from trigame.solve.nash import _common, polynomial
from trigame.verify import check_profile, regret
from trigame.verify._batch_nplayer import ProfilesCheck, _exact_normalized, check_nplayer_profiles

SHAPES = [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (2, 3, 2, 2), (2, 2, 2, 2, 2)]
#: payoffs in {0, 1} (ties and continua) on the shapes where the solver settles them in milliseconds
DEGENERATE = [(2, 2, 2), (2, 3, 2, 2)]


def _cases(bounds: list[tuple[int, int]]) -> st.SearchStrategy[tuple[tuple[int, ...], tuple[int, int]]]:
    return st.sampled_from([(shape, b) for shape in SHAPES for b in bounds if b != (0, 2) or shape in DEGENERATE])


def _game(seed: int, shape: tuple[int, ...], low: int, high: int, fractions: bool = False) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(low, high, size=(len(shape), *shape)).tolist()
    if fractions:  # a common denominator per player, so that integer_form's scale is not 1
        payoffs = [np.vectorize(lambda v, q=q: Fraction(v, q), otypes=[object])(np.array(p)).tolist()
                   for q, p in zip(rng.integers(2, 9, size=len(shape)), payoffs)]
    return NormalFormGame.from_arrays(*payoffs)


def _exact_candidates(game: NormalFormGame, rng: np.random.Generator) -> tuple[list[list[list[Fraction]]], int]:
    """The solver's exact equilibria (how many: the second item), every pure profile, random rational mixtures."""
    out: list[list[list[Fraction]]] = [[list(v) for v in eq.strategies] for eq in polynomial.solve(game) if eq.exact]
    found = len(out)
    for cell in itertools.product(*(range(m) for m in game.shape)):
        out.append([[Fraction(int(k == s)) for k in range(m)] for s, m in zip(cell, game.shape)])
    for _ in range(6):
        profile = []
        for m in game.shape:
            weights = rng.integers(0, 5, size=m)
            weights[rng.integers(m)] += 1
            profile.append([Fraction(int(w), int(weights.sum())) for w in weights])
        out.append(profile)
    return out, found


def _same_as_plain(game: NormalFormGame, candidates: list[Any], check: Any, tol: float = 1e-9) -> None:
    for position, candidate in enumerate(candidates):
        assert check.ok[position] is not None, position
        ok, vectors, payoffs = check_profile(game, candidate, tol=tol)
        assert check.ok[position] == ok
        assert all(type(a) is type(b) and a.dtype == b.dtype and np.array_equal(a, b)
                   for a, b in zip(check.vectors[position], vectors))
        assert not any(v.flags.writeable for v in check.vectors[position])
        assert all(type(a) is type(b) and a == b for a, b in zip(check.payoffs[position], payoffs))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), _cases([(0, 2), (-3, 4), (0, 1000)]), st.booleans())
def test_exact_candidates_match_the_plain_check(seed: int, case: tuple[tuple[int, ...], tuple[int, int]],
                                                fractions: bool) -> None:
    shape, bounds = case
    # payoffs in {0, 1} are degenerate (ties, continua); the solver's equilibria give True verdicts,
    # the pure profiles and random mixtures mostly False
    game = _game(seed, shape, *bounds, fractions=fractions)
    candidates, found = _exact_candidates(game, np.random.default_rng(seed + 1))
    check = check_nplayer_profiles(game, candidates)
    _same_as_plain(game, candidates, check)
    assert check.ok[:found] == [True] * found
    if bounds == (0, 1000):  # generic: most pure profiles and random mixtures are not equilibria
        assert not all(check.ok)
    for position, candidate in enumerate(candidates):
        integers = check.integers[position]
        assert integers is not None
        assert all(d > 0 and sum(X) == d and [Fraction(x, d) for x in X] == list(v)
                   for (X, d), v in zip(integers, candidate))


def _float_candidates(game: NormalFormGame, rng: np.random.Generator) -> list[list[np.ndarray]]:
    """The solver's equilibria as floats, each also nudged by a little and by a lot."""
    out = []
    for eq in polynomial.solve(game):
        vectors = [np.array([float(p) for p in v]) for v in eq.strategies]
        out.append(vectors)
        for size in (1e-13, 1e-3):
            nudged = []
            for v in vectors:
                w = np.clip(v + size * rng.random(len(v)), 0.0, None)
                nudged.append(w / w.sum())
            out.append(nudged)
    return out


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), _cases([(0, 2), (-50, 51), (0, 1000)]), st.booleans())
def test_float_candidates_match_the_plain_check(seed: int, case: tuple[tuple[int, ...], tuple[int, int]],
                                                fractions: bool) -> None:
    shape, bounds = case
    game = _game(seed, shape, *bounds, fractions=fractions)
    candidates = _float_candidates(game, np.random.default_rng(seed))
    tol = 1e-9
    check: Any = check_nplayer_profiles(game, candidates, tol)
    for position, candidate in enumerate(candidates):
        ok, vectors, payoffs = check_profile(game, candidate, tol=tol)
        assert all(a.dtype == np.float64 and np.array_equal(a, b) for a, b in zip(check.vectors[position], vectors))
        # the verdict may differ only within round-off of the tolerance (regrets relative to each range)
        ranges = [float(np.max(game.payoffs[i]) - np.min(game.payoffs[i])) or 1.0 for i in range(game.n_players)]
        margin = max(float(r) / s for r, s in zip(regret(game, candidate), ranges))
        if abs(margin - tol) > 1e-12:
            assert check.ok[position] == ok
        assert np.allclose(check.payoffs[position], payoffs, rtol=1e-12, atol=1e-12 * max(ranges))
    assert any(check.ok)
    if bounds != (0, 2):  # generic: a nudge of 1e-3 leaves no equilibrium
        assert not all(check.ok)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 3)]),
       st.sampled_from([(0, 2), (-7, 8), (-(2**31) + 1, 2**31)]), st.booleans())
def test_normalized_payoffs_from_integers_are_bit_identical(seed: int, shape: tuple[int, ...],
                                                            bounds: tuple[int, int], fractions: bool) -> None:
    # the quotient (z - min z) / (max z - min z) of exact float64 integers is rounded once, as the
    # float of the Fraction (u - min u) / (max u - min u) is
    game = _game(seed, shape, *bounds, fractions=fractions)
    fresh = _game(seed, shape, *bounds, fractions=fractions)
    assert np.array_equal(_exact_normalized(game), normalized_payoffs(fresh))
    assert _exact_normalized(game).dtype == np.float64


def test_large_denominators_are_left_to_the_python_integer_check() -> None:
    # max|Z| * D must stay below 2^62 for int64: with payoffs up to 999 and three denominators
    # of about 2^21 it does not, and the candidate is left unchecked (None) for check_profile
    game = _game(7, (2, 2, 2), 0, 1000)
    big = 2**21 + 1
    candidate = [[Fraction(1, big), Fraction(big - 1, big)]] * 3
    small = [[Fraction(1, 3), Fraction(2, 3)]] * 3
    check = check_nplayer_profiles(game, [candidate, small])
    assert check.ok[0] is None and check.vectors[0] is None and check.integers[0] is None
    assert check.ok[1] is not None
    _same_as_plain(game, [small], ProfilesCheck(*(field[1:] for field in check)))  # type: ignore[arg-type]


def test_just_below_the_int64_bound_is_exact() -> None:
    # max|Z| = 2^31 - 1 (the largest int64 integer form) and three denominators 1023: D < 2^30,
    # so max|Z| * D < 2^61 and the int64 sums run, with verdict and payoffs those of Python ints
    bound = 2**31 - 1
    table = [[[bound, 0], [0, 0]], [[0, 0], [0, 1]]]
    game = NormalFormGame.from_arrays(table, table, table)
    d = 2**10 - 1
    candidates = [[[Fraction(1, d), Fraction(d - 1, d)]] * 3, [[Fraction(d - 1, d), Fraction(1, d)]] * 3,
                  [[1, 0]] * 3]
    check = check_nplayer_profiles(game, candidates)
    _same_as_plain(game, candidates, check)
    # (1, 0) for all is an equilibrium (each gets 2^31 - 1); a mixture of probability 1/1023 on
    # the first strategy is not (switching to it pays (1/1023)^2 * bound > ((1022/1023)^2) * 1 * 1022/1023... )
    assert check.ok[2] is True


def test_unchecked_entries_are_left_to_the_plain_check() -> None:
    game = _game(3, (2, 2, 2), 0, 10)
    candidates = [
        ["A", [1, 0], [1, 0]],  # labels, indices: check_profile validates them
        [[Fraction(1, 2), Fraction(1, 2)], [1, 0]],  # a missing player
        [[Fraction(1, 2), Fraction(1, 3)], [1, 0], [1, 0]],  # does not sum to 1
        [[-1, 2], [1, 0], [1, 0]],  # negative
        [np.array([0.5, 0.6]), np.array([1.0, 0.0]), np.array([1.0, 0.0])],  # float, not a probability vector
        [np.array([0.5, 0.5]), [1, 0], [1, 0]],  # mixed kinds
    ]
    assert check_nplayer_profiles(game, candidates).ok == [None] * len(candidates)


def _unchecked(game: NormalFormGame, profiles: list[Any], tol: float) -> ProfilesCheck:
    """Every candidate left to the one-by-one check."""
    return ProfilesCheck([None] * len(profiles), [None] * len(profiles), [None] * len(profiles), [None] * len(profiles))


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), _cases([(0, 2), (0, 1000)]))
def test_build_set_is_the_same_with_and_without_the_batch(seed: int,
                                                          case: tuple[tuple[int, ...], tuple[int, int]]) -> None:
    shape, bounds = case
    game = _game(seed, shape, *bounds)
    search = polynomial._Search(game, use_lp=True)
    search.run(None)
    # the solver's candidates, plus a non-equilibrium that both routes must drop
    candidates = [*search.candidates, [[1] + [0] * (m - 1) for m in shape]]
    if check_profile(game, candidates[-1])[0]:
        candidates.pop()

    def build() -> Any:
        return _common.build_set(game, candidates, method="polynomial", complete=search.complete,
                                 notes=search.notes, inexact=search.inexact)

    batched = build()
    original = _common.check_nplayer_profiles
    try:
        _common.check_nplayer_profiles = _unchecked  # type: ignore[assignment]
        plain = build()
    finally:
        _common.check_nplayer_profiles = original
    assert len(batched) == len(plain) and batched.complete == plain.complete and batched.notes == plain.notes
    for a, b in zip(batched, plain):
        assert a.exact == b.exact
        if a.exact:
            assert all(np.array_equal(x, y) for x, y in zip(a.strategies, b.strategies))
            assert a.payoffs == b.payoffs
        else:
            assert a.isclose(b, 1e-12)
            assert np.allclose(a.payoffs, b.payoffs, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2)])
def test_float_game_candidates_match_the_plain_check(shape: tuple[int, ...]) -> None:
    # a float game: the solver reports floats, checked with the tolerance on the float game's range
    rng = np.random.default_rng(11)
    payoffs = (rng.integers(0, 1000, size=(len(shape), *shape)) / 8.0).tolist()
    game = NormalFormGame.from_arrays(*payoffs)
    candidates = _float_candidates(game, rng)
    check: Any = check_nplayer_profiles(game, candidates)
    assert any(check.ok)
    for position, candidate in enumerate(candidates):
        ok, _, payoffs_plain = check_profile(game, candidate)
        assert check.ok[position] == ok
        assert np.allclose(check.payoffs[position], payoffs_plain, rtol=1e-12, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (3, 3, 2), (4, 3, 2), (3, 2, 2, 2)]),
       st.sampled_from([1, 3, 1000]))
def test_pure_dominance_flags_at_once_equal_one_at_a_time(seed: int, shape: tuple[int, ...], top: int) -> None:
    # every profile of the others' supports, with some strategies already eliminated: the flags
    # computed together (array pass) equal those from the bit sets one profile at a time
    from trigame.solve.nash._poly_dominance import all_pure_flags, pure_bits, pure_flags

    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, top + 1, size=(len(shape), *shape))
    alive = [sorted(int(s) for s in rng.choice(m, size=int(rng.integers(1, m + 1)), replace=False)) for m in shape]
    for i in range(len(shape)):
        every = all_pure_flags(payoffs[i], i, alive)
        assert every is not None
        bits = pure_bits(payoffs[i], i, alive)
        assert len(every) == np.prod([2 ** len(a) - 1 for j, a in enumerate(alive) if j != i])
        for others, flags in every.items():
            assert others[i] == () and flags == pure_flags(bits, alive[i], others)
