"""Tests of the Lemke-Howson solver: hand-checked paths, nashpy on nondegenerate games, invariants."""

from __future__ import annotations

import importlib.util
import re
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import trigame as tg
from trigame.solve.nash.lemke_howson import lemke_howson


def pivots(eqs: tg.EquilibriumSet) -> int:
    """The pivot count the solver reports in its notes."""
    (count,) = [int(m.group(1)) for note in eqs.notes if (m := re.match(r"pivots: (\d+) in all", note))]
    return count


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


BOS = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tol": float("nan")}, "tol must be a real number in [0, 0.001]"),
        ({"tol": -1e-9}, "tol must be a real number in [0, 0.001]"),
        ({"tol": float("inf")}, "tol must be a real number in [0, 0.001]"),
        ({"tol": "1e-9"}, "tol must be a real number in [0, 0.001]"),
        ({"tol": True}, "tol must be a real number in [0, 0.001]"),
        ({"max_pivots": 0}, "max_pivots must be a positive integer or None"),
        ({"max_pivots": -5}, "max_pivots must be a positive integer or None"),
        ({"max_pivots": 1.5}, "max_pivots must be a positive integer or None"),
        ({"max_pivots": "10"}, "max_pivots must be a positive integer or None"),
        ({"max_memory": 0}, "max_memory must be a positive integer"),
        ({"max_memory": "1GB"}, "max_memory must be a positive integer"),
        ({"initial_dropped_label": -1}, "initial_dropped_label must be an integer in 0..3"),
        ({"initial_dropped_label": 4}, "initial_dropped_label must be an integer in 0..3"),
        ({"initial_dropped_label": 1.0}, "initial_dropped_label must be an integer in 0..3"),
        ({"initial_dropped_label": True}, "initial_dropped_label must be an integer in 0..3"),
        ({"initial_dropped_label": "0"}, "initial_dropped_label must be an integer in 0..3"),
    ],
)
def test_bad_options_name_what_is_allowed(options, message):
    for game in (BOS, BOS.as_float()):
        with pytest.raises(tg.ParameterError) as error:
            lemke_howson(game, **options)
        assert message in str(error.value)
        with pytest.raises(tg.ParameterError):
            tg.equilibria(game, method="lemke_howson", **options)
    with pytest.raises(tg.ParameterError, match="max_pivots"):  # a misspelt option names the real ones
        tg.equilibria(BOS, method="lemke_howson", max_pivot=10)


def test_pivot_budget():
    # a 50x50 path from label 0 takes 229 pivots (seed 0 of the cycling reproducer below)
    rng = np.random.default_rng(0)
    game = tg.NormalFormGame.from_arrays(rng.uniform(0, 1e6, (50, 50)), rng.uniform(0, 1e6, (50, 50)))
    with pytest.raises(tg.BudgetExceededError, match="passed its budget of 100 pivots; pass max_pivots="):
        lemke_howson(game, initial_dropped_label=0, max_pivots=100)
    # every label: the equilibria found before the budget ran out are returned, with a note
    partial = lemke_howson(game, max_pivots=400)
    assert len(partial) >= 1 and not partial.complete and pivots(partial) <= 400
    assert any("budget of 400 pivots" in note and "were not completed" in note for note in partial.notes)
    assert all(tg.is_nash(game, e.strategies) for e in partial)
    assert pivots(lemke_howson(game, initial_dropped_label=0, max_pivots=None)) == 229
    # the tableaux of a 50x50 game take tens of KB (estimated at 100 x 101 entries of 16 bytes): refused
    # before they are built
    with pytest.raises(tg.BudgetExceededError, match=r"Lemke-Howson tableaux of this 50x50 game.*max_memory="):
        lemke_howson(game, max_memory=10_000)


@pytest.mark.parametrize("seed", range(10))
def test_random_games_with_large_payoffs_do_not_cycle(seed):
    # Regression: with the ratio test's tolerance applied to unscaled payoffs in [0, 1e6), the float path
    # cycled on seeds 0, 1 and 6 (the same basis recurring, stopped only after 4,000,100 pivots) and ended
    # at a non-equilibrium on seed 3 (an empty result).  A nondegenerate game has one Lemke-Howson path per
    # label, so its length is a property of the game: QuantEcon 0.11.4's lemke_howson(g, init_pivot=0)
    # reports num_iter = 229, 546, 94, 40, 16, 362, 197, 131, 208, 67 pivots on these ten games.
    expected = [229, 546, 94, 40, 16, 362, 197, 131, 208, 67]
    rng = np.random.default_rng(seed)
    game = tg.NormalFormGame.from_arrays(rng.uniform(0, 1e6, (50, 50)), rng.uniform(0, 1e6, (50, 50)))
    eqs = lemke_howson(game, initial_dropped_label=0, max_pivots=10_000)
    assert len(eqs) == 1 and tg.is_nash(game, eqs[0].strategies)
    assert pivots(eqs) == expected[seed]


@pytest.mark.slow
def test_random_200x200_game_does_not_cycle():
    # Regression: the old float path from label 0 had not ended after 30,000 pivots on this game;
    # QuantEcon 0.11.4 reports a path of 12,372 pivots.
    rng = np.random.default_rng(1)
    game = tg.NormalFormGame.from_arrays(rng.uniform(0, 1e6, (200, 200)), rng.uniform(0, 1e6, (200, 200)))
    eqs = lemke_howson(game, initial_dropped_label=0)
    assert len(eqs) == 1 and tg.is_nash(game, eqs[0].strategies)
    assert pivots(eqs) == 12_372


def test_mixed_scale_prisoners_dilemma():
    # Regression (raised "unbounded ray"): the Prisoner's Dilemma with the row player's payoffs
    # B = [[3, 0], [5, 1]] times 1e12 and the column player's B.T times 1e-3.  Defecting (strategy 1)
    # strictly dominates for both (5 > 3 and 1 > 0, scaled by positive constants), so (D, D) is the
    # unique equilibrium and every label's path must end there.
    B = np.array([[3.0, 0.0], [5.0, 1.0]])
    game = tg.NormalFormGame.from_arrays(B * 1e12, B.T * 1e-3)
    for label in range(4):
        eqs = lemke_howson(game, initial_dropped_label=label)
        assert len(eqs) == 1 and [list(v) for v in eqs[0].strategies] == [[0.0, 1.0], [0.0, 1.0]]
        assert tg.is_nash(game, [[0, 1], [0, 1]])
    exact = tg.NormalFormGame.from_arrays(B.astype(int) * 10**12, B.T.astype(int) * F(1, 1000))
    assert [list(v) for v in lemke_howson(exact)[0].strategies] == [[0, 1], [0, 1]]


@pytest.mark.parametrize("scale", [1, 1.0, 1e9, 1e-12])
def test_degenerate_3x2_game_by_hand(scale):
    # A = [[2, 2], [2, 0], [0, 2]], B = [[0, 1], [0, 0], [1, 1]] (times `scale`).  The column player's
    # strategy 1 weakly dominates strategy 0, and the row player's first strategy is a best response to
    # every y: the extreme equilibria are (r0, c1) and (r2, c1), and the game is degenerate (r0 and r2
    # both best-respond to c1; c0 and c1 both to r2).  Hand-pivoted paths (payoffs mapped to [1, 2]):
    # dropping label 2 (x2 enters P): ratios 1/2, 1/2 tie, broken by s0's column: s1 leaves; y1 enters Q:
    # rows r0 and r2 tie at 1/2, r0's column breaks it: r2 leaves -- (r2, c1) after 2 pivots.  Dropping
    # label 3 (y0): r1, s1, r0, x1, r2, x0 and finally y0 leave -- (r2, c1) after 7 pivots, four of
    # them on ties.  The old float test (tolerance on unscaled payoffs) raised "unbounded ray" at 1e9 and
    # returned a non-probability at 1e-12.
    A = np.array([[2, 2], [2, 0], [0, 2]])
    B = np.array([[0, 1], [0, 0], [1, 1]])
    game = tg.NormalFormGame.from_arrays(A * scale, B * scale)
    for label, expected_pivots in [(2, 2), (3, 7)]:
        eqs = lemke_howson(game, initial_dropped_label=label)
        assert len(eqs) == 1 and [list(v) for v in eqs[0].strategies] == [[0, 0, 1], [0, 1]]
        assert pivots(eqs) == expected_pivots
    eqs = lemke_howson(game)
    assert all(tg.is_nash(game, e.strategies) for e in eqs) and len(eqs) >= 1


@settings(max_examples=30, deadline=None)
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


@settings(max_examples=50, deadline=None)
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


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, (2, 3, 2), elements=st.integers(-5, 5)))
def test_exact_and_float_agree(payoffs):
    exact = lemke_howson(tg.NormalFormGame(payoffs))
    floating = lemke_howson(tg.NormalFormGame(payoffs.astype(float)))
    assert all(tg.is_nash(floating.game, e) for e in floating)
    if len(np.unique(payoffs[0])) == 6 and len(np.unique(payoffs[1])) == 6:
        assert all(floating.contains(e.strategies, tol=1e-7) for e in exact)


@settings(max_examples=25, deadline=None)
@given(arrays(np.int64, (2, 3, 3), elements=st.integers(0, 2)), st.sampled_from([1e-12, 1.0, 1e6, 1e12]))
def test_degenerate_float_games_of_any_scale(payoffs, scale):
    # ties everywhere; every label's path must end (lexicographic rule) at an extreme equilibrium of the
    # game, which the scale does not change (the exact set comes from the exact game, by Gambit; the
    # comparison with it is the real check at scale 1e-12, where any profile has regret below 1e-9)
    game = tg.NormalFormGame(payoffs.astype(float) * scale)
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.from_arrays(payoffs[0].astype(object), payoffs[1].astype(object))
    reference = [[[float(F(str(e[s]))) for s in p.strategies] for p in g.players]
                 for e in gbt.nash.enummixed_solve(g, rational=True).equilibria]
    for label in range(6):
        eqs = lemke_howson(game, initial_dropped_label=label)
        assert len(eqs) == 1 and tg.is_nash(game, eqs[0].strategies)
        assert any(np.allclose(np.concatenate(eqs[0].strategies), np.concatenate(r), atol=1e-9) for r in reference)


@settings(max_examples=25, deadline=None)
@given(arrays(np.float64, (2, 4, 3), elements=st.floats(0, 1e6, allow_nan=False)))
def test_every_label_gives_an_equilibrium_matching_nashpy(payoffs):
    nashpy = pytest.importorskip("nashpy")
    game = tg.NormalFormGame(payoffs)
    if game.kind != "float":
        game = game.as_float()
    nondegenerate = len(np.unique(payoffs[0])) == 12 and len(np.unique(payoffs[1])) == 12
    import warnings

    for label in range(7):
        eqs = lemke_howson(game, initial_dropped_label=label)
        assert len(eqs) == 1 and tg.is_nash(game, eqs[0].strategies)
        if not nondegenerate:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x, y = nashpy.Game(payoffs[0], payoffs[1]).lemke_howson(initial_dropped_label=label)
        if x.sum() > 0 and y.sum() > 0 and tg.is_nash(game, [x / x.sum(), y / y.sum()], tol=1e-6):
            assert eqs[0].isclose([x / x.sum(), y / y.sum()], tol=1e-6)


def test_dispatcher():
    bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert tg.equilibria(bos, method="lemke_howson", initial_dropped_label=1).contains([1, 1])


# ----------------------------------------------------------------- the float fast path, pinned against the plain one
def _same_sets(fast: tg.EquilibriumSet, plain: tg.EquilibriumSet) -> None:
    """Equal results, field by field and bit for bit."""
    assert len(fast) == len(plain)
    for a, b in zip(fast, plain):
        assert [v.tolist() for v in a.strategies] == [v.tolist() for v in b.strategies]
        assert all(v.dtype == np.float64 and not v.flags.writeable for v in a.strategies)
        assert a.payoffs == b.payoffs and a.exact is b.exact is False
        assert a.players == b.players and a.labels == b.labels and a.condition is True
    assert (fast.method, fast.complete, fast.degenerate, fast.notes, fast.game_degenerate, fast.game) == (
        plain.method, plain.complete, plain.degenerate, plain.notes, plain.game_degenerate, plain.game)


_scales = st.sampled_from([1e-300, 1e-9, 1.0, 1e6, 1e300])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1), st.booleans(), _scales, _scales,
       st.integers(1, 6))
def test_fast_float_set_equals_build_set(m, n, seed, ties, scale_a, scale_b, count):
    """verified_float_set gives build_set's result: equilibria, non-equilibria dropped, duplicates, order, notes.

    Candidates: the end points of Lemke-Howson paths (equilibria), the same with round-off below and
    above the cleaning threshold (duplicates), and random probability vectors (mostly not equilibria);
    payoffs in {0, 1, 2} make degenerate games with continua and ties.
    """
    from trigame.solve.nash._common import build_set
    from trigame.solve.nash._lh_float import verified_float_set

    rng = np.random.default_rng(seed)
    A, B = ((rng.integers(0, 3, (m, n)) if ties else rng.uniform(-1, 1, (m, n))) * s
            for s in (scale_a, scale_b))
    game = tg.NormalFormGame.from_arrays(A.astype(float), B.astype(float))
    candidates = [[np.asarray(v, dtype=float) for v in e.strategies]
                  for e in lemke_howson(game)]
    for _ in range(count):
        kind = rng.integers(0, 3)
        if kind == 0 and candidates:
            x, y = candidates[rng.integers(0, len(candidates))]
            candidates.append([x + rng.uniform(-1e-13, 1e-13, m), y])  # round-off: the same equilibrium
        elif kind == 1:
            candidates.append([rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))])
        else:  # a pure profile (an equilibrium or not)
            candidates.append([np.eye(m)[rng.integers(0, m)], np.eye(n)[rng.integers(0, n)]])
    notes = ["a note"]
    for tol in (0.0, 1e-9):
        fast = verified_float_set(game, candidates, method="lemke_howson", notes=notes, tol=tol)
        assert fast is not None
        _same_sets(fast, build_set(game, candidates, method="lemke_howson", complete=False, notes=notes, tol=tol))


def test_fast_float_set_leaves_unusual_vectors_to_build_set():
    from trigame.solve.nash._lh_float import verified_float_set

    game = tg.NormalFormGame.from_arrays([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    for bad in ([np.array([np.nan, 1.0]), np.array([1.0, 0.0])], [np.array([1.0, 0.0]), np.array([np.inf, 1.0])],
                [np.array([0.0, 0.0]), np.array([1.0, 0.0])], [np.array([1.0, 0.0, 0.0]), np.array([1.0, 0.0])],
                [[1.0, 0.0], np.array([1.0, 0.0])]):
        assert verified_float_set(game, [bad], method="lemke_howson", notes=[], tol=1e-9) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1), _scales, st.sampled_from([0.0, 1e-9, 1e-3]))
def test_float_bimatrix_check_equals_check_profile(m, n, seed, scale, tol):
    """The unvalidated float check gives check_profile's verdict and payoffs, bit for bit."""
    from trigame.verify._float_bimatrix import check_float_bimatrix
    from trigame.verify.nash import check_profile

    rng = np.random.default_rng(seed)
    game = tg.NormalFormGame.from_arrays(rng.integers(-3, 3, (m, n)) * scale, rng.uniform(0, 1, (m, n)))
    for x, y in [(rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))),
                 (np.eye(m)[rng.integers(0, m)], np.eye(n)[rng.integers(0, n)])]:
        ok, payoffs = check_float_bimatrix(game, x, y, tol)
        reference = check_profile(game, [x, y], tol=tol)
        assert ok == reference[0] and payoffs == reference[2]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1), _scales, st.booleans())
def test_float_normalized_payoffs_are_the_lemke_howson_scaling(m, n, seed, scale, constant):
    """normalized_payoffs, which the float pivoting uses plus 1, maps each player's payoffs onto [0, 1]."""
    from trigame.games.scaling import normalized_payoffs

    rng = np.random.default_rng(seed)
    A = np.full((m, n), 3.0 * scale) if constant else rng.uniform(-1, 1, (m, n)) * scale
    B = rng.uniform(0, 1, (m, n))
    normalized = normalized_payoffs(tg.NormalFormGame.from_arrays(A, B))
    for values, scaled in zip((A, B), normalized):
        if values.max() > values.min():  # (u - min) / (max - min), up to round-off
            low, high = F(float(values.min())), F(float(values.max()))
            reference = [float((F(float(v)) - low) / (high - low)) for v in values.flat]  # exactly, then rounded
            assert np.allclose(scaled.ravel(), reference, rtol=0, atol=1e-15)
            assert scaled.min() == 0.0 and scaled.max() == 1.0
        else:
            assert not scaled.any()


# ------------------------------------------------- the compiled solver (normalise, pivot, clean in one call), pinned
def _kernel() -> object:
    from trigame.solve.nash import _lh_kernel

    if importlib.util.find_spec("numba") is None:
        pytest.skip("Numba is not installed: no compiled path")
    assert _lh_kernel.load_solver() is not None  # Numba is installed: the kernel must compile
    return _lh_kernel


_wide_scales = st.sampled_from([1e-300, 1e-9, 1.0, 1e6, 1e300, 1.7e308])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1),
       st.sampled_from(["uniform", "ties", "constant"]), _wide_scales, _wide_scales, st.booleans())
def test_compiled_solver_equals_the_plain_path(m, n, seed, payoffs, scale_a, scale_b, every_label):
    """lemke_howson with the one-call compiled solver gives what it gives without it (the NumPy pivots).

    Without it: the payoffs normalised by normalized_payoffs, the NumPy path, and the end points cleaned
    and checked by verified_float_set (itself pinned against build_set above).  Degenerate games
    (payoffs in {0, 1/2, 1}, a constant player), negative payoffs and magnitudes up to the float limit.
    """
    _lh_kernel = _kernel()
    rng = np.random.default_rng(seed)
    if payoffs == "uniform":
        A, B = rng.uniform(-1, 1, (m, n)), rng.uniform(-1, 1, (m, n))
    elif payoffs == "ties":
        A, B = (rng.integers(0, 3, (m, n)) / 2 for _ in range(2))
    else:
        A, B = np.full((m, n), -1.0), rng.uniform(-1, 1, (m, n))
    A, B = A * scale_a, B * scale_b
    labels = [None] if every_label else list(range(m + n))
    for label in labels:
        fast_game = tg.NormalFormGame.from_arrays(A, B)
        fast = lemke_howson(fast_game, initial_dropped_label=label)
        plain_game = tg.NormalFormGame.from_arrays(A, B)
        solver = _lh_kernel.KERNEL.kernel
        try:
            _lh_kernel.KERNEL.kernel = None  # loaded, and None: the path of an installation without Numba
            plain = lemke_howson(plain_game, initial_dropped_label=label)
        finally:
            _lh_kernel.KERNEL.kernel = solver
        assert fast.game is fast_game and plain.game is plain_game
        assert len(fast) == len(plain) >= 1
        for a, b in zip(fast, plain):
            # the same pivots (the notes count them); the end point's small linear solve is the kernel's own
            # elimination and LAPACK's without it: equal up to round-off, on the same supports
            assert a.support == b.support
            assert all(np.allclose(u, v, rtol=0, atol=1e-12) for u, v in zip(a.strategies, b.strategies))
            scale = max(float(np.abs(A).max()), float(np.abs(B).max()))
            assert np.allclose(a.payoffs, b.payoffs, rtol=1e-9, atol=1e-9 * scale) and a.exact is b.exact is False
            assert all(v.dtype == np.float64 and not v.flags.writeable for v in a.strategies)
        assert (fast.method, fast.complete, fast.notes) == (plain.method, plain.complete, plain.notes)
        # the [0, 1] payoffs the kernel computed and left on the game are normalized_payoffs', bit for bit
        from trigame.games.scaling import normalized_payoffs

        assert np.array_equal(fast_game._cache["normalized"], normalized_payoffs(plain_game))
        assert not fast_game._cache["normalized"].flags.writeable


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1),
       st.sampled_from([5e-324, 1e-320, 2.0**-1023, 1e-308, 1e-300, 1.0, 1e300, 1.7e308]))
def test_compiled_normalisation_is_normalized_payoffs(m, n, seed, scale):
    """The kernel's [0, 1] map equals scaling._normalized_floats bit for bit, extremes and constant players included."""
    from trigame.games.scaling import _normalized_floats

    _lh_kernel = _kernel()
    rng = np.random.default_rng(seed)
    payoffs = rng.uniform(-1, 1, (2, m, n)) * scale
    payoffs[1, 0, 0] = 1.7976931348623157e308  # the largest float against payoffs near 0: no overflow
    payoffs[1, -1, -1] = 5e-324 * (seed % 7)  # subnormal payoffs beside it
    if seed % 3 == 0:
        payoffs[0] = -scale  # a constant player: zeros
    assert np.array_equal(_lh_kernel._normalized(payoffs), _normalized_floats(payoffs))
    # by hand: [3, 1, 2] -> (u - 1) / (3 - 1) = [1, 0, 1/2]; a constant player gets zeros
    hand = np.array([[[3.0, 1.0, 2.0]], [[5.0, 5.0, 5.0]]])
    assert _lh_kernel._normalized(hand).tolist() == [[[1.0, 0.0, 0.5]], [[0.0, 0.0, 0.0]]]


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(0, 700), elements=st.floats(0, 1e6, allow_subnormal=True)),
       st.sampled_from([1e-30, 1e-13, 1.0, 1e12]))
def test_compiled_sum_and_cleaning_are_numpys(vector, scale):
    """NumPy's pairwise sum (blocks of 128, halves beyond) and _lh_float._clean, bit for bit, in the kernel."""
    from trigame.solve.nash._lh_float import _clean

    _lh_kernel = _kernel()
    vector = np.ascontiguousarray(vector * scale)
    assert _lh_kernel._pairwise_sum(vector) == np.add.reduce(vector)
    if vector.size:
        vector[0] = -1e-13  # negative round-off is cleaned to 0
        cleaned = vector.copy()
        ok = _lh_kernel._clean(cleaned, 1e-12, 1e-8)
        reference = _clean(vector, vector.size)
        assert ok == (reference is not None)
        if ok:
            assert cleaned.tolist() == reference.tolist()


def test_compiled_solver_on_payoffs_stored_out_of_order():
    """Payoffs stored as a non-contiguous view (a transposed array) give the result of the contiguous game."""
    _kernel()
    rng = np.random.default_rng(7)
    stored = rng.uniform(-1, 1, (4, 3, 2)).transpose(2, 0, 1)  # shape (2, 4, 3), not C-ordered
    game = tg.NormalFormGame(stored)
    assert not game.payoffs.flags.c_contiguous
    plain = tg.NormalFormGame(np.ascontiguousarray(stored))
    for label in range(7):
        a, b = (lemke_howson(g, initial_dropped_label=label) for g in (game, plain))
        assert [[v.tolist() for v in e.strategies] for e in a] == [[v.tolist() for v in e.strategies] for e in b]
        assert [e.payoffs for e in a] == [e.payoffs for e in b]
