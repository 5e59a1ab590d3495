"""The fast paths for small games, each pinned against the plain path it replaces.

* :func:`trigame.solve.nash._closed_2x2x2.rational_profiles_2x2x2` and
  :func:`~trigame.solve.nash._closed_2x2x2.totally_mixed_2x2x2` evaluate the 2x2x2
  closed-form candidates in integers; the plain path evaluates the same candidates
  through :func:`trigame.solve.nash._closed_formulas.pieces` over the exact backend.
* The exact check of a plain Fraction profile (:func:`trigame.verify.nash.check_profile`,
  :func:`trigame.is_nash`) runs in integers; the plain check validates the profile with
  :func:`~trigame.games.profiles.as_profile` and computes Fraction regrets.
* Float Lemke-Howson paths run in a compiled kernel when Numba is installed; the
  plain path pivots the same tableaux with NumPy.

Small integer payoffs make ties (degenerate games, continua) frequent.
"""

from __future__ import annotations

import importlib.util
from fractions import Fraction
from typing import Literal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.budget import WorkBudget
from trigame.errors import TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import expected_values, integer_form
from trigame.solve.nash import _lh_kernel, _small_vertices
from trigame.solve.nash._closed_2x2x2 import (
    continuum_necessary_2x2x2,
    rational_profiles_2x2x2,
    totally_mixed_2x2x2,
)
from trigame.solve.nash._closed_backend import ExactBackend
from trigame.solve.nash._closed_formulas import continuum_necessary, pieces
from trigame.solve.nash._common import clean_float_vector
from trigame.solve.nash.closed_form import (
    _probability,
    _probability_parts,
    advantage_tables,
    closed_form_equilibria,
)
from trigame.solve.nash.lemke_howson import PIVOT_TOL, TIE_TOL, _path
from trigame.verify.nash import _regrets, _within, check_profile, is_nash

from ._label_masks import label_masks

TOTALLY_MIXED = "totally mixed"


def _plain_2x2x2(e: list[dict[tuple[int, ...], Fraction]]) -> tuple[list, list, list]:
    """The backend path's equilibria: (not totally mixed, totally mixed rational, irrational floats)."""
    first, mixed, irrational = [], [], []
    for piece in pieces(ExactBackend(), e):
        if piece.condition is not True:
            continue
        vector, exact = [], True
        for prob in piece.probs:
            x, ok = _probability(prob, piece.disc)
            exact &= ok
            vector.append([x, 1 - x])
        if not exact:
            irrational.append(vector)
        elif piece.label.startswith(TOTALLY_MIXED):
            mixed.append(vector)
        else:
            first.append(vector)
    return first, mixed, irrational


@settings(max_examples=250, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=24, max_size=24))
def test_fast_2x2x2_equals_the_backend_path(values: list[int]) -> None:
    payoffs = np.array(values, dtype=object).reshape(3, 2, 2, 2)
    e = advantage_tables(payoffs)
    first, mixed, irrational = _plain_2x2x2([{a: Fraction(v) for a, v in t.items()} for t in e])
    assert rational_profiles_2x2x2(e) == first  # the same candidates, in the same order
    fast_mixed, surds, disc, vanishes = totally_mixed_2x2x2(e)
    assert fast_mixed == mixed
    fast_irrational = [[[x, 1 - x] for x in (_probability_parts(*N, *M, disc)[0] for N, M in probs)]
                       for probs in surds]
    assert fast_irrational == irrational
    assert continuum_necessary_2x2x2(e, vanishes) == bool(continuum_necessary(ExactBackend(), e))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=24, max_size=24))
def test_closed_form_2x2x2_does_not_depend_on_each_players_units(values: list[int]) -> None:
    # the solver works on each player's payoffs as integers times a positive number: multiplying a player's
    # payoffs by a positive rational (and the scale that integer_form removes) must not change the equilibria
    payoffs = np.array([Fraction(v) for v in values], dtype=object).reshape(3, 2, 2, 2)
    scaled = payoffs.copy()
    scaled[0] = scaled[0] * Fraction(7, 3)
    scaled[2] = scaled[2] * 10**25
    a, b = closed_form_equilibria(NormalFormGame(payoffs)), closed_form_equilibria(NormalFormGame(scaled))
    assert len(a) == len(b) and a.degenerate == b.degenerate
    for x, y in zip(a, b):
        assert x.exact == y.exact
        if x.exact:
            assert [list(v) for v in x.strategies] == [list(v) for v in y.strategies]
        else:  # irrational probabilities: floats accurate to a few ulps
            assert np.allclose(np.array(x.strategies, dtype=float), np.array(y.strategies, dtype=float), atol=1e-12)


# --------------------------------------------------------------------------------------------- the exact check
probability = st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1), Fraction(2)])


def _normalised(weights: list[Fraction]) -> list[Fraction]:
    total = sum(weights)
    return [w / total for w in weights] if total else [Fraction(1)] + [Fraction(0)] * (len(weights) - 1)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_exact_check_equals_the_plain_check(data: st.DataObject) -> None:
    shape = data.draw(st.sampled_from([(2, 2), (3, 2), (3, 3), (2, 2, 2), (3, 2, 2)]))
    n = len(shape)
    cells = int(np.prod(shape))
    kind = data.draw(st.sampled_from(["int", "fraction", "float"]))
    values = data.draw(st.lists(st.integers(-3, 3), min_size=n * cells, max_size=n * cells))
    if kind == "fraction":
        raw = np.array([Fraction(v, 3) for v in values], dtype=object).reshape(n, *shape)
    elif kind == "float":
        raw = np.array([v / 4 + 0.1 for v in values], dtype=float).reshape(n, *shape)
    else:
        raw = np.array(values, dtype=object).reshape(n, *shape)
    game = NormalFormGame(raw)
    profile = [_normalised(data.draw(st.lists(probability, min_size=m, max_size=m))) for m in shape]
    ok, vectors, payoffs = check_profile(game, profile)
    # the plain check: validated by as_profile, Fraction regrets on the exact numbers of the payoffs
    exact_game = game if kind != "float" else NormalFormGame(
        np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(raw))
    regrets, exact, _, plain_vectors = _regrets(exact_game, profile)
    assert exact and ok == _within(regrets, True, 0.0) == is_nash(game, profile)
    assert all(list(a) == list(b) for a, b in zip(vectors, plain_vectors))
    if kind != "float":
        assert payoffs == expected_values(game, plain_vectors)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8))
def test_every_pure_equilibrium_of_a_2x2_game_passes_the_fast_check(values: list[int]) -> None:
    # brute force from the definition: (a, b) is an equilibrium iff neither player gains by switching
    u = np.array(values).reshape(2, 2, 2)
    game = NormalFormGame(u.astype(object))
    for a in range(2):
        for b in range(2):
            expected = u[0, a, b] >= u[0, 1 - a, b] and u[1, a, b] >= u[1, a, 1 - b]
            profile = [[Fraction(int(a == 0)), Fraction(int(a == 1))], [Fraction(int(b == 0)), Fraction(int(b == 1))]]
            assert is_nash(game, profile) == expected


def test_exact_check_with_huge_payoffs_uses_python_integers() -> None:
    # matching pennies with payoffs +-(10**40 + 1) and -+10**40: by symmetry the equilibrium is (1/2, 1/2),
    # with payoffs ((10**40 + 1) - 10**40) / 2 = 1/2 and -1/2, exactly
    big = 10**40
    u = np.array([[big + 1, -big], [-big, big + 1]], dtype=object)
    game = NormalFormGame(np.stack([u, -u]))
    assert integer_form(game)[0].dtype == object
    half = [Fraction(1, 2), Fraction(1, 2)]
    ok, _, payoffs = check_profile(game, [half, half])
    assert ok and payoffs == (Fraction(1, 2), Fraction(-1, 2))
    assert not is_nash(game, [[Fraction(1), Fraction(0)], half])


@pytest.mark.parametrize("profile", [
    [["1/2", "1/2"], [1, 0]],  # strings where numbers are expected: never evaluated
    [["__import__('os')", "0"], [1, 0]],
    [[Fraction(3, 2), Fraction(-1, 2)], [1, 0]],  # a negative probability
    [[Fraction(1, 3), Fraction(1, 3)], [1, 0]],  # not summing to 1
    [[True, False], [1, 0]],
    [[Fraction(1)], [1, 0]],  # wrong length
])
def test_bad_exact_profiles_raise_a_trigame_error(profile: list) -> None:
    game = NormalFormGame(np.array([[[1, 0], [0, 1]], [[1, 0], [0, 1]]], dtype=object))
    with pytest.raises(TrigameError):
        is_nash(game, profile)
    with pytest.raises(TrigameError):
        check_profile(game, profile)


# --------------------------------------------------------------------------------------------- Lemke-Howson
needs_kernel = pytest.mark.skipif(importlib.util.find_spec("numba") is None,
                                  reason="Numba is not installed: no compiled path")


@needs_kernel
@settings(max_examples=60, deadline=None)
@given(st.integers(2, 7), st.integers(2, 7), st.integers(0, 10**6), st.booleans())
def test_compiled_lemke_howson_path_equals_the_numpy_path(m: int, n: int, seed: int, ties: bool) -> None:
    """The kernel's path (_lh_kernel._run, as its whole-game solver calls it) makes the NumPy path's pivots."""
    from trigame.games.scaling import normalized_payoffs

    assert _lh_kernel.load_solver() is not None  # Numba is installed: the kernel must compile
    rng = np.random.default_rng(seed)
    if ties:  # payoffs in {0, 1, 2}: degenerate games, ties in the ratio test
        A, B = (rng.integers(0, 3, (m, n)).astype(float) for _ in range(2))
    else:
        A, B = (rng.uniform(0, 1e6, (m, n)) for _ in range(2))
    # the solver pivots the [0, 1] payoffs plus 1 (the kernel adds the shift itself)
    N = normalized_payoffs(NormalFormGame.from_arrays(A, B))
    for label in range(m + n):
        budget = WorkBudget(None, what="Lemke-Howson", unit="pivots", option="max_pivots")
        plain = _path(N[0], N[1], label, False, budget, shift=1.0)
        pivots, status, *compiled = _lh_kernel._run(N[0], N[1], 1.0, label, -1, PIVOT_TOL, TIE_TOL)
        assert status == 0 and pivots == budget.spent  # the same pivots
        for mine, theirs in zip(compiled, plain):
            # the same final basis; the end point's small linear solve is the kernel's own elimination in one
            # and LAPACK's in the other, so the floats agree up to round-off, and on the same support
            assert mine.dtype == theirs.dtype == np.float64
            assert np.allclose(mine, theirs, rtol=0, atol=1e-12)
            assert np.array_equal(clean_float_vector(mine) > 0, clean_float_vector(theirs) > 0)


@needs_kernel
def test_compiled_lemke_howson_respects_the_pivot_budget() -> None:
    from trigame.errors import BudgetExceededError
    from trigame.solve.nash.lemke_howson import lemke_howson

    rng = np.random.default_rng(1)
    game = NormalFormGame.from_arrays(rng.uniform(0, 1, (30, 30)), rng.uniform(0, 1, (30, 30)))
    pivots = int(lemke_howson(game, initial_dropped_label=0).notes[1].split()[1])
    assert pivots > 2
    assert len(lemke_howson(game, initial_dropped_label=0, max_pivots=pivots)) == 1
    with pytest.raises(BudgetExceededError):
        lemke_howson(game, initial_dropped_label=0, max_pivots=pivots - 1)


# ------------------------------------------------------------------------- support: every basis, compiled
def _assert_support_equals_the_reverse_search(game: NormalFormGame) -> None:
    """The support method with its compiled pass gives what it gives without it: set, payoffs and flags."""
    from unittest import mock

    from trigame.solve.nash import support

    fast = support.extreme_equilibria(game)
    with mock.patch.object(support, "_small", lambda *args: None):
        plain = support.extreme_equilibria(game)
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert [(e.payoffs, e.exact) for e in fast] == [(e.payoffs, e.exact) for e in plain]
    assert (fast.complete, fast.degenerate, fast.game_degenerate, fast.notes) == (
        plain.complete, plain.degenerate, plain.game_degenerate, plain.notes)


@needs_kernel
@settings(max_examples=120, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 10**6), st.sampled_from([2, 3, 10]),
       st.booleans())
def test_small_vertex_pass_equals_the_reverse_search(m: int, n: int, seed: int, values: int, exact: bool) -> None:
    """Same equilibria, flags and notes with and without the compiled pass (few payoff values: ties, continua)."""

    from trigame.solve.nash import support

    rng = np.random.default_rng(seed)
    arrays = [rng.integers(0, values, (m, n)) for _ in range(2)]
    game = NormalFormGame.from_arrays(*(a if exact else a.astype(float) / 4 for a in arrays))
    assert _small_vertices.load() is not None  # Numba is installed: the pass must compile
    assert support._small(game, support.reduced_integer_payoffs(game), None, None) is not None
    _assert_support_equals_the_reverse_search(game)


@needs_kernel
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 10**6), st.sampled_from([3, 50, 2**19]))
def test_small_vertex_pass_finds_the_vertices_of_the_reverse_search(d: int, c: int, seed: int, top: int) -> None:
    """The nonzero vertices of {z >= 0 : C^T z <= 1}: the same label sets and points, or None (overflow)."""
    from trigame.solve.nash._reverse_search import reverse_search_vertices

    C = np.random.default_rng(seed).integers(1, top, (d, c)).astype(np.int64)
    found = _small_vertices.polytope_vertices(C)
    if found is None:  # only where a value could pass 2**53
        assert not _small_vertices._bounded(C)
        return
    masks, numerators, denominators = found
    plain = reverse_search_vertices(C.T.astype(object))
    plain_masks = label_masks(plain.labels)
    points = {int(mask): [Fraction(int(v), int(den)) for v in row]
              for mask, row, den in zip(masks, numerators, denominators)}
    assert sorted(points) == sorted(plain_masks)
    for index, mask in enumerate(plain_masks):
        assert points[mask] == plain.point(index)


def test_small_vertex_pass_in_python_equals_the_compiled_one() -> None:
    """The pass's source run by the Python interpreter gives the compiled pass's answer (a 3 x 4 polytope)."""
    C = np.array([[3, 1, 2, 2], [1, 3, 2, 1], [2, 2, 1, 3]], dtype=np.int64)
    # hand check of one vertex: z = (1/4, 1/4, 0) makes constraints 0, 1 and 2 tight (3/4 + 1/4,
    # 1/4 + 3/4, 2/4 + 2/4) and leaves 3 slack (3/4): labels z_2 = 0 and constraints 0, 1, 2 (degenerate)
    interpreted = _small_vertices._vertices_py(C.astype(float), _small_vertices.bases(3, 4), True)
    count = interpreted[3]
    points = {int(mask): [Fraction(int(v), int(den)) for v in row]
              for mask, row, den in zip(interpreted[0][:count], interpreted[1][:count], interpreted[2][:count])}
    assert points[(1 << 2) | (1 << 3) | (1 << 4) | (1 << 5)] == [Fraction(1, 4), Fraction(1, 4), 0]
    compiled = _small_vertices.polytope_vertices(C)
    if compiled is not None:
        assert sorted(points) == sorted(int(v) for v in compiled[0])


def test_small_vertex_pass_stops_at_its_first_system_past_the_bound() -> None:
    """Payoffs around 1000 in a 5 x 5 polytope: the pass stops before it has listed a single vertex.

    C = 1000 I + 1 (entries 1001 on the diagonal, 1 elsewhere).  The pass starts with the 5 x 5 system
    C^T z = 1, whose leading minors are about 1001^j: before its fourth elimination step the largest
    entry is a 3 x 3 minor, about 1.0e9, and 2 * (1.0e9)^2 > 2^53, so the checked pass reports the overflow.
    Listing the small systems first would have found every vertex with one nonzero coordinate
    (z_i = 1/1001) before reaching that bound.
    """
    C = (1000 * np.eye(5, dtype=np.int64) + 1).astype(float)
    assert not _small_vertices._bounded(C.astype(np.int64))
    count, overflow = _small_vertices._vertices_py(C, _small_vertices.bases(5, 5), True)[3:]
    assert overflow and count == 0


@needs_kernel
def test_small_vertex_pass_is_not_run_where_its_integers_would_pass_the_bound() -> None:
    """Payoffs about 1000 (5 x 5): decided from the payoffs, the pass is not even started; payoffs below 10 it runs.

    Both players' payoffs are 1000 on the diagonal and j in column j elsewhere (values 0 ... 4 and
    1000: minimum 0, gcd 1, so the solver's positive matrices are these plus 1).  Their mean square is
    (5 * 1001^2 + 5 * (1 + 4 + 9 + 16 + 25) - (1 + 4 + 9 + 16 + 25)) / 25 = 200,409; a 4 x 4 minor of
    such entries is typically sqrt(4! * 200,409^4), about 2e11, and twice its square, about 8e22, is
    far beyond 4 * 2^53 (about 3.6e16), where the pass is given up beforehand.
    """
    from unittest import mock

    from trigame.solve.nash import support

    assert _small_vertices.load() is not None
    calls = []
    real = _small_vertices.polytope_vertices

    def counted(C: np.ndarray) -> object:
        calls.append(C.shape)
        return real(C)

    payoffs = np.where(np.eye(5, dtype=bool), 1000, np.arange(5)[None, :])
    big = NormalFormGame.from_arrays(payoffs, payoffs)
    small = NormalFormGame.from_arrays(*np.random.default_rng(0).integers(0, 10, (2, 4, 4)))
    with mock.patch.object(_small_vertices, "polytope_vertices", counted):
        fast_big = support.extreme_equilibria(big)
        assert calls == []
        support.extreme_equilibria(small)
        assert calls == [(4, 4), (4, 4)]
    with mock.patch.object(support, "_small", lambda *args: None):
        plain_big = support.extreme_equilibria(big)
    assert [[list(v) for v in e.strategies] for e in fast_big] == [[list(v) for v in e.strategies] for e in plain_big]
    assert len(fast_big) >= 5  # at least the five pure profiles on the diagonal (1000 against at most 4)


@needs_kernel
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 10**6), st.sampled_from([10**3, 10**6]),
       st.booleans())
def test_support_with_large_payoffs_equals_the_reverse_search(m: int, n: int, seed: int, top: int,
                                                              exact: bool) -> None:
    """Payoffs up to 10^3 and 10^6: the compiled pass runs where it stays exact and stops otherwise, and the
    set, flags and notes are those of the reverse search alone."""


    rng = np.random.default_rng(seed)
    arrays = [rng.integers(0, top, (m, n)) for _ in range(2)]
    game = NormalFormGame.from_arrays(*(a if exact else a.astype(float) / 4 for a in arrays))
    assert _small_vertices.load() is not None
    _assert_support_equals_the_reverse_search(game)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8), st.booleans())
def test_closed_form_2x2_result_equals_build_set(values: list[int], exact: bool) -> None:
    """The 2x2 candidates checked on their integers give build_set's equilibria, payoffs and order."""
    from trigame.solve.nash import closed_form
    from trigame.solve.nash._closed_2x2 import profiles_2x2
    from trigame.solve.nash._common import build_set

    payoffs = np.array(values).reshape(2, 2, 2)
    game = NormalFormGame.from_arrays(*(p if exact else p / 8 for p in payoffs))
    fast = closed_form_equilibria(game)
    plain = build_set(game, profiles_2x2(closed_form._integer_advantages(game)), method="closed_form",
                      complete=True)
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert [(e.payoffs, e.exact) for e in fast] == [(e.payoffs, e.exact) for e in plain]
    assert fast.complete and len(fast) >= 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=24, max_size=24), st.booleans())
def test_closed_form_2x2x2_result_equals_build_set(values: list[int], exact: bool) -> None:
    """Rational 2x2x2 candidates checked on their integers give build_set's equilibria, payoffs and order."""
    from trigame.solve.nash import closed_form
    from trigame.solve.nash._common import build_set

    payoffs = np.array(values).reshape(3, 2, 2, 2)
    game = NormalFormGame.from_arrays(*(p if exact else p / 8 for p in payoffs))
    e = closed_form._integer_advantages(game)
    mixed, irrational = totally_mixed_2x2x2(e)[:2]
    fast = closed_form_equilibria(game)
    if irrational:  # these go through build_set itself
        return
    plain = build_set(game, rational_profiles_2x2x2(e) + mixed, method="closed_form", complete=True)
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert [(e.payoffs, e.exact) for e in fast] == [(e.payoffs, e.exact) for e in plain]
    assert fast.complete and len(fast) >= 1


def test_one_small_game_does_not_load_numba() -> None:
    """A process that solves one small game uses the reverse search: no seconds spent importing Numba."""
    import subprocess
    import sys

    code = ("import sys, trigame as tg\n"
            "g = tg.NormalFormGame.from_arrays([[3, 0, 1, 2], [1, 2, 0, 3], [0, 1, 3, 2], [2, 3, 1, 0]],\n"
            "                                  [[1, 2, 0, 3], [3, 0, 2, 1], [2, 3, 1, 0], [0, 1, 3, 2]])\n"
            "assert tg.equilibria(g).complete\n"
            "print('numba' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "False"


@needs_kernel
@pytest.mark.parametrize("shape", [(2, 60), (1, 70)])
def test_small_vertex_pass_on_games_with_many_labels(shape: tuple[int, int]) -> None:
    """62 labels still fit the pass's int64 label masks (2 x 60); 71 do not, and the reverse search runs."""
    from unittest import mock

    from trigame.solve.nash import support

    rng = np.random.default_rng(1)
    game = NormalFormGame.from_arrays(rng.integers(0, 3, shape), rng.integers(0, 3, shape))
    assert _small_vertices.load() is not None
    used = support._small(game, support.reduced_integer_payoffs(game), None, None) is not None
    assert used == (sum(shape) <= 62)
    fast = support.extreme_equilibria(game)
    with mock.patch.object(support, "_small", lambda *args: None):
        plain = support.extreme_equilibria(game)
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert (fast.degenerate, fast.game_degenerate) == (plain.degenerate, plain.game_degenerate)


# --------------------------------------------------------------------------- construction from float arrays
@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.integers(0, 2**32 - 1), st.booleans(),
       st.sampled_from(["none", "given", "float"]))
def test_from_arrays_fast_path_equals_the_constructor(shape: list[int], seed: int, labelled: bool,
                                                     kind: str) -> None:
    """from_arrays on finite float64 arrays builds the game NormalFormGame(np.stack(...)) builds."""
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(-5, 5, shape) for _ in shape]
    players = [f"P{i}" for i in range(len(shape))] if labelled else None
    strategies = [[f"a{k}" for k in range(m)] for m in shape] if labelled else None
    number_kind: Literal["float"] | None = None if kind == "none" else "float"
    fast = NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies, title="t", kind=number_kind)
    plain = NormalFormGame(np.stack(arrays), players=players, strategies=strategies, title="t", kind=number_kind)
    assert fast == plain and hash(fast) == hash(plain)
    assert fast.payoffs.dtype == np.float64 and not fast.payoffs.flags.writeable
    assert (fast.kind, fast.players, fast.strategies, fast.title) == (plain.kind, plain.players, plain.strategies, "t")
    arrays[0][(0,) * len(shape)] = 99.0  # the game keeps its own copy
    assert fast.payoffs[(0,) * (len(shape) + 1)] != 99.0


def test_from_arrays_fast_path_refuses_what_the_constructor_refuses() -> None:
    from trigame.errors import GameShapeError, LabelError, PayoffValueError

    with pytest.raises(PayoffValueError):
        NormalFormGame.from_arrays(np.array([[np.inf, 0.0]]), np.array([[0.0, 0.0]]))
    with pytest.raises(GameShapeError):
        NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(LabelError):
        NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)), players=["a", "a"])
    with pytest.raises(LabelError):
        NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)), title=3)  # type: ignore[arg-type]


# ------------------------------------------------------------------ support: integer candidates to the result
@settings(max_examples=120, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 10**6), st.sampled_from([2, 3, 10, 1000]),
       st.booleans())
def test_reverse_search_result_from_integers_equals_build_set(m: int, n: int, seed: int, values: int,
                                                              exact: bool) -> None:
    """The reverse-search route hands its vertex pairs to the exact check as integers; the plain path pairs the
    label sets by hashing (complete_pairs), makes Fractions and runs build_set.  Same equilibria, order, flags."""
    from unittest import mock

    from trigame.solve.nash import support
    from trigame.solve.nash._common import build_set
    from trigame.solve.nash._reverse_search import complete_pairs, reverse_search_vertices

    rng = np.random.default_rng(seed)
    arrays = [rng.integers(0, values, (m, n)) for _ in range(2)]
    game = NormalFormGame.from_arrays(*(a if exact else a.astype(float) / 4 for a in arrays))
    with mock.patch.object(support, "_small", lambda *args: None):
        fast = support.extreme_equilibria(game)
    payoffs = support.reduced_integer_payoffs(game)
    A, B = (np.array([[int(v) + 1 for v in row] for row in p], dtype=object) for p in payoffs)
    vx, vy = reverse_search_vertices(B.T), reverse_search_vertices(A)
    labels_y = np.concatenate([vy.labels[:, n:], vy.labels[:, :n]], axis=1)
    pairs = complete_pairs(vx.masks, label_masks(labels_y), m, n)
    continuum = len({a for a, _ in pairs}) < len(pairs) or len({b for _, b in pairs}) < len(pairs)
    degenerate = bool((vx.labels.sum(axis=1) > m).any() or (labels_y.sum(axis=1) > n).any())
    plain = build_set(game, [[vx.normalized(a), vy.normalized(b)] for a, b in pairs], method="support",
                      complete=True, degenerate=continuum, game_degenerate=degenerate, notes=[])
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert [(e.payoffs, e.exact) for e in fast] == [(e.payoffs, e.exact) for e in plain]
    assert (fast.complete, fast.degenerate, fast.game_degenerate) == (True, continuum, degenerate)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=2, max_size=3), st.integers(0, 2**32 - 1),
       st.sampled_from([1.0, 0.5, 2.0**29, 2.0**30, 0.0]))
def test_reduced_payoffs_of_integral_float_games_equal_the_plain_path(shape: list[int], seed: int,
                                                                      unit: float) -> None:
    """Float games with integral payoffs below 2**30 are reduced in NumPy; the plain path reads each float's
    integer ratio.  Same integers, dtype and shape (halves and payoffs up to 2**31 take the plain path)."""
    from unittest import mock

    from trigame.games import scaling

    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-3, 4, shape) * unit for _ in shape]
    fast = scaling.reduced_integer_payoffs(NormalFormGame.from_arrays(*arrays))
    with mock.patch.object(scaling, "integral_below", lambda *args: False):
        plain = scaling.reduced_integer_payoffs(NormalFormGame.from_arrays(*arrays))
    assert fast.dtype == plain.dtype and fast.shape == plain.shape and np.array_equal(fast, plain)
    assert not fast.flags.writeable
