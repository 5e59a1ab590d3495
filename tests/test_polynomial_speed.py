"""The speed-ups of the N-player polynomial solver, each pinned against a plain computation.

* corner values of the box search (the player-by-player contraction and the per-unknown pass,
  over each polynomial's own unknowns only) against evaluating the polynomial at the corner;
* the indifference and no-deviation polynomials against expected payoffs computed directly;
* dropping boxes where a no-deviation condition fails: the same roots, less those that violate it;
* conditional dominance by pure strategies (all of a player's strategies at once) against the
  pairwise test, and the column test that skips the dominance LP against an LP run in the test;
* the solver on the benchmark games against Gambit's ``enumpoly`` (trigame's set contains Gambit's).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import _poly_box, polynomial
from trigame.solve.nash._poly_box import _Multilinear, box_roots_many
from trigame.solve.nash._poly_prune import dominated, restricted_table
from trigame.solve.nash._poly_system import deviation_system, indifference_system, relabel_by_size
from trigame.verify import is_nash

from ._peers import gambit_enumpoly

SHAPES = [(2, 2, 2), (3, 3, 2), (3, 2, 2, 2), (4, 3, 3), (3, 3, 3, 2)]


def _support(rng: np.random.Generator, shape: tuple[int, ...], least: int) -> tuple[tuple[int, ...], ...]:
    out = []
    for m in shape:
        size = int(rng.integers(min(least, m), m + 1))
        out.append(tuple(sorted(int(s) for s in rng.choice(m, size=size, replace=False))))
    return tuple(out)


def _payoff(payoffs: np.ndarray, i: int, own: int, vectors: list[list[Fraction]]) -> Fraction:
    """u_i(own, sigma_-i) by summing over every profile of the others' strategies."""
    total = Fraction(0)
    ranges = [range(payoffs.shape[1 + j]) if j != i else [own] for j in range(payoffs.shape[0])]
    for profile in itertools.product(*ranges):
        weight = Fraction(1)
        for j, s in enumerate(profile):
            if j != i:
                weight *= vectors[j][s]
        total += weight * int(payoffs[i][profile])
    return total


def _evaluate(poly: dict[tuple[int, ...], int], point: list[Fraction]) -> Fraction:
    total = Fraction(0)
    for monomial, c in poly.items():
        term = Fraction(c)
        for k, e in enumerate(monomial):
            if e:
                term *= point[k]
        total += term
    return total


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(SHAPES), st.sampled_from([5, 1000, 2**40]))
def test_indifference_and_deviation_polynomials_are_payoff_differences(seed: int, shape: tuple[int, ...],
                                                                       top: int) -> None:
    # At a random rational point x, player i's probabilities are sigma_i(S_i[0]) = 1 - sum x_i and
    # sigma_i(S_i[k]) = x_{i,k}; each polynomial must equal u_i(t, sigma_-i) - u_i(S_i[0], sigma_-i)
    # summed profile by profile (payoffs up to 2^40 take the Python-integer route).
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-top, top + 1, size=(len(shape), *shape), dtype=np.int64)
    if top > 2**31:
        payoffs = payoffs.astype(object)
    support = _support(rng, shape, 1)
    alive = [list(range(m)) for m in shape]
    polys, layout = indifference_system(payoffs, support)
    deviations = deviation_system(payoffs, support, alive)
    point = [Fraction(int(rng.integers(0, 7)), 7) for _ in range(layout.n_vars)]
    vectors = []
    for i, s in enumerate(support):
        tail = [point[k] for k in layout.variables[i]]
        vector = [Fraction(0)] * shape[i]
        for strategy, p in zip(s, [1 - sum(tail, Fraction(0)), *tail]):
            vector[strategy] = p
        vectors.append(vector)
    expected, expected_deviations = [], []
    for i, s in enumerate(support):
        base = _payoff(payoffs, i, s[0], vectors)
        expected += [_payoff(payoffs, i, t, vectors) - base for t in s[1:]]
        expected_deviations += [_payoff(payoffs, i, t, vectors) - base for t in alive[i] if t not in s]
    assert [_evaluate(p, point) for p in polys] == expected
    assert [_evaluate(p, point) for p in deviations] == expected_deviations


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(SHAPES))
def test_corner_values_equal_the_polynomials_at_the_corners(seed: int, shape: tuple[int, ...]) -> None:
    # Each class holds polynomials over some of the unknowns; corner c of a class sets its t-th
    # unknown to hi when bit t of c is set, else lo.  The value there must be the polynomial's value
    # (computed monomial by monomial) at that point, whatever the other unknowns are.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 1000, size=(len(shape), *shape))
    support = _support(rng, shape, 2)
    polys, layout = indifference_system(payoffs, support)
    deviations = deviation_system(payoffs, support, [list(range(m)) for m in shape])
    d = layout.n_vars
    count = 3
    for rows_of in ([polys, polys], [deviations or [{}], deviations or [{}]]):
        system = _Multilinear(rows_of, d, layout.variables)
        lo = rng.uniform(-0.01, 0.9, size=(count, d))
        hi = lo + rng.uniform(1e-3, 0.1, size=(count, d))
        owner = rng.integers(0, 2, size=count)
        values = system.corner_values(lo, hi, owner)
        for (rows, unknowns), part in zip(system.classes, values):
            # a class's (or a stack of classes') row r substitutes its own unknowns, unknowns[r]
            assert part.shape == (count, rows.size, 2 ** unknowns.shape[1])
            for b in range(count):
                for r, row in enumerate(rows):
                    for c in range(2 ** unknowns.shape[1]):
                        point = (lo[b] + hi[b]) / 2
                        for t, k in enumerate(unknowns[r]):
                            point[k] = hi[b, k] if (c >> t) & 1 else lo[b, k]
                        direct = system.values(point[None, None, :], owner[b:b + 1])[0, 0, row]
                        scale = np.abs(system.coeffs[owner[b]]).sum() + 1
                        assert np.isclose(part[b, r, c], direct, rtol=0, atol=1e-12 * scale)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 3, 3), (3, 2, 2), (2, 2, 2, 2)]))
def test_dropping_boxes_by_deviation_keeps_every_equilibrium_root(seed: int, shape: tuple[int, ...]) -> None:
    # Without the no-deviation conditions the box search returns every root of each system in the
    # region; with them, every root at which no deviation gains (clear margins only: roots within
    # 1e-7 of a deviation's indifference are not compared) and no root that is not one of those.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 1000, size=(len(shape), *shape))
    alive = [list(range(m)) for m in shape]
    pools = [[s for r in range(1, m + 1) for s in itertools.combinations(range(m), r)] for m in shape]
    groups: dict[tuple[tuple[int, ...], ...], list[tuple[list[dict[tuple[int, ...], int]], list[dict]]]] = {}
    for support in itertools.product(*pools):
        if sum(len(s) > 1 for s in support) < 3:
            continue
        polys, layout = indifference_system(payoffs, support)
        if all(polys):
            groups.setdefault(layout.variables, []).append((polys, deviation_system(payoffs, support, alive)))
    for variables, members in groups.items():
        d = sum(len(v) for v in variables)
        plain = box_roots_many([p for p, _ in members], d, variables)
        pruned = box_roots_many([p for p, _ in members], d, variables, [q for _, q in members])
        for (_, deviations), everything, kept in zip(members, plain, pruned):
            if everything is None or kept is None:
                continue
            for root in everything:
                gains = [_evaluate_float(q, root) for q in deviations]
                scale = max((abs(c) for q in deviations for c in q.values()), default=1)
                if all(g < -1e-7 * scale for g in gains):
                    assert any(np.allclose(root, r, atol=1e-8) for r in kept)
            for root in kept:
                assert any(np.allclose(root, r, atol=1e-8) for r in everything)


def _evaluate_float(poly: dict[tuple[int, ...], int], point: np.ndarray) -> float:
    return float(sum(c * np.prod([point[k] for k, e in enumerate(m) if e]) for m, c in poly.items()))


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3, 3), (3, 2, 2, 2), (4, 3, 2)]), st.sampled_from([2, 5]))
def test_pure_conditional_dominance_matches_the_pairwise_test(seed: int, shape: tuple[int, ...], top: int) -> None:
    # Small payoffs (ties): strategy s of S_i is conditionally dominated when some t is weakly better
    # against every profile of S_-i and strictly better against one (Porter et al.).
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    search = polynomial._Search(game, use_lp=False)
    search.alive = [list(range(m)) for m in shape]
    for _ in range(30):
        support = _support(rng, shape, 1)
        expected = False
        for i in range(len(shape)):
            table = restricted_table(search.payoffs[i], i, search.alive[i], support)
            for s in support[i]:
                row = table[s]
                expected |= any(np.all(table[t] >= row) and np.any(table[t] > row)
                                for t in range(shape[i]) if t != s)
        assert search.conditionally_dominated(support, use_lp=False) == expected


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 5), st.integers(2, 6))
def test_dominance_by_a_mixture_agrees_with_a_linear_program(seed: int, rows: int, columns: int) -> None:
    # Row 0 is strictly dominated by a mixture of the other rows iff the LP "maximise e subject to
    # sum_r tau_r T[r, a] >= T[0, a] + e for every column a, tau in the simplex" has optimum e > 0.
    # The solver skips its LP when a column has row 0 at least as high as every other row; this
    # checks it agrees with the LP run here, with margins clear of round-off.
    from scipy.optimize import linprog

    rng = np.random.default_rng(seed)
    table = rng.integers(0, 10, size=(rows, columns))
    if rng.random() < 0.5:  # make row 0 dominated by the mean of two others, less a margin
        table[0] = (table[1] + table[2]) // 2 - 1
    others = table[1:].astype(float)
    r = others.shape[0]
    result = linprog(np.r_[np.zeros(r), -1.0], A_ub=np.hstack([-others.T, np.ones((columns, 1))]),
                     b_ub=-table[0].astype(float), A_eq=np.r_[np.ones(r), 0.0][None, :], b_eq=[1.0],
                     bounds=[(0, None)] * r + [(None, None)], method="highs")
    optimum = -result.fun
    if abs(optimum) < 1e-6:
        return
    assert dominated(table, 0, strict=True, use_lp=True) == (optimum > 0)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3, 3), (2, 2, 2, 2), (3, 3, 2)]), st.sampled_from([3, 1000]))
def test_solver_same_set_without_deviation_pruning(seed: int, shape: tuple[int, ...], top: int) -> None:
    # With no room for the no-deviation conditions (CONSTRAINT_VALUES = 0) the box search runs on
    # the indifference systems alone; the equilibria must be the same (ties included: top = 3).
    # With ties a continuum of indifference solutions on which a deviation gains can leave the
    # plain search undecided while the conditions settle it: never the other way round.
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    pruned = polynomial.solve(game)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_poly_box, "CONSTRAINT_VALUES", 0)
        plain = polynomial.solve(game)
    assert pruned.complete or not plain.complete
    for eq in [*pruned, *plain]:
        assert is_nash(game, eq.strategies)
    if plain.complete and not pruned.degenerate and not plain.degenerate:
        assert _rounded(pruned) == _rounded(plain)
    elif not plain.degenerate:
        assert set(_rounded(plain)) <= set(_rounded(pruned))


def _rounded(eqs: object) -> list[tuple[float, ...]]:
    return sorted(tuple(round(float(p), 9) for v in eq.strategies for p in v) for eq in eqs)  # type: ignore[attr-defined]


def _bench_games(shape: tuple[int, ...], count: int) -> list[np.ndarray]:
    # the games of benchmarks/bench_nplayer.py (seed 0)
    rng = np.random.default_rng([0, *shape])
    return [rng.integers(0, 1000, size=(len(shape), *shape)) for _ in range(count)]


def _check_contains_gambit(games: list[np.ndarray]) -> None:
    pytest.importorskip("pygambit")
    theirs = gambit_enumpoly(games, timeout=60)
    for payoffs, found in zip(games, theirs):
        game = NormalFormGame.from_arrays(*[payoffs[i].tolist() for i in range(payoffs.shape[0])])
        ours = polynomial.solve(game, max_support_profiles=None)
        assert ours.complete
        for eq in ours:
            assert is_nash(game, eq.strategies, tol=1e-9)
        if found is None:
            continue
        mine = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]) for eq in ours]
        for profile in found:
            vector = np.concatenate([np.asarray(v, dtype=float) for v in profile])
            assert any(np.max(np.abs(vector - m)) < 1e-6 for m in mine)


def test_benchmark_games_small_shapes_contain_gambit() -> None:
    _check_contains_gambit(_bench_games((3, 3, 3), 5) + _bench_games((2, 2, 2, 2), 5))


@pytest.mark.slow
def test_benchmark_games_large_shapes_contain_gambit() -> None:
    # (3x3x3x3 games are in test_polynomial_fast.py's slow test)
    _check_contains_gambit(_bench_games((2, 2, 2, 2, 2, 2), 1) + _bench_games((4, 4, 4), 1))


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3, 3), (4, 3, 2), (3, 3, 2, 2)]), st.sampled_from([2, 5]))
def test_pure_conditional_dominance_with_eliminated_strategies(seed: int, shape: tuple[int, ...], top: int) -> None:
    # As above, with some strategies already eliminated: only alive strategies dominate, and only
    # alive profiles of the others are supports (the bit sets number the alive profiles).
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    search = polynomial._Search(game, use_lp=False)
    search.alive = [sorted(int(s) for s in rng.choice(m, size=int(rng.integers(1, m + 1)), replace=False))
                    for m in shape]
    search._pure_cache.clear()
    search._pure_bits.clear()
    for _ in range(30):
        support = tuple(tuple(sorted(int(s) for s in rng.choice(a, size=int(rng.integers(1, len(a) + 1)),
                                                                   replace=False))) for a in search.alive)
        expected = False
        for i in range(len(shape)):
            for s in support[i]:
                for t in search.alive[i]:
                    if t == s:
                        continue
                    # payoffs of t and s against every profile of the others' supports, one by one
                    diffs = [int(arrays[i][(*p[:i], t, *p[i:])]) - int(arrays[i][(*p[:i], s, *p[i:])])
                             for p in itertools.product(*(support[j] for j in range(len(shape)) if j != i))]
                    expected |= min(diffs) >= 0 and max(diffs) > 0
        assert search.conditionally_dominated(support, use_lp=False) == expected


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(SHAPES), st.sampled_from([5, 1000]))
def test_shared_polynomials_equal_fresh_ones(seed: int, shape: tuple[int, ...], top: int) -> None:
    # The solver shares each player's polynomials between support profiles through one cache: the
    # polynomials of every profile must equal those built afresh for it.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-top, top + 1, size=(len(shape), *shape))
    alive = [list(range(m)) for m in shape]
    cache: dict[object, object] = {}
    for _ in range(25):
        support = _support(rng, shape, 1)
        shared, layout = indifference_system(payoffs, support, cache)
        fresh, fresh_layout = indifference_system(payoffs, support)
        assert shared == fresh and layout == fresh_layout
        assert deviation_system(payoffs, support, alive, cache) == deviation_system(payoffs, support, alive)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (2, 2, 2, 2, 2), (3, 2, 2, 2)]))
def test_box_search_of_profiles_with_different_pure_players_together(seed: int, shape: tuple[int, ...]) -> None:
    # Profiles whose mixers have the same sizes but whose pure players differ are searched together,
    # grouped by the mixers' unknowns only; each system's roots must be those of its own search.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 1000, size=(len(shape), *shape))
    alive = [list(range(m)) for m in shape]
    members = []
    for pure in range(len(shape)):  # three players mix with two strategies each, the others are pure
        mixers = [j for j in range(len(shape)) if j != pure][:3]
        support = tuple(tuple(range(2)) if j in mixers else (int(rng.integers(shape[j])),)
                        for j in range(len(shape)))
        polys, layout = indifference_system(payoffs, support)
        members.append((polys, layout, deviation_system(payoffs, support, alive)))
    together = box_roots_many([m[0] for m in members], 3, [[0], [1], [2]], [m[2] for m in members])
    for (polys, layout, deviations), roots in zip(members, together):
        alone = box_roots_many([polys], 3, layout.variables, [deviations])[0]
        assert (roots is None) == (alone is None)
        if roots is None or alone is None:
            continue
        # roots where a deviation gains may or may not be reported (a box is dropped where one gains
        # throughout, and the boxes depend on how many systems share the grid): compare the others
        kept = [[r for r in found if np.all(r > -1e-9) and np.all(r < 1 + 1e-9)
                 and all(_evaluate_float(p, r) <= 1e-6 for p in deviations)] for found in (roots, alone)]
        assert len(kept[0]) == len(kept[1])
        for root in kept[0]:
            assert any(np.max(np.abs(root - other)) < 1e-8 for other in kept[1])


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3, 3), (4, 3, 2), (3, 2, 3, 2), (2, 3, 4)]))
def test_systems_relabelled_by_support_size(seed: int, shape: tuple[int, ...]) -> None:
    # The solver lists the mixers' unknowns by support size so that profiles like (2, 3, 3) and
    # (3, 3, 2) share one box search. At a random rational point x of the original unknowns, the
    # relabelled polynomials at the relabelled point (y[back] = x) take the same values, row for
    # row in the mixers' new order; the groups are consecutive and sorted by size.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-50, 51, size=(len(shape), *shape))
    alive = [list(range(m)) for m in shape]
    support = _support(rng, shape, 2)
    polys, layout = indifference_system(payoffs, support)
    deviations = deviation_system(payoffs, support, alive)
    variables, rows, inequalities, back = relabel_by_size(layout, polys, deviations)
    sizes = [len(v) for v in variables]
    assert sizes == sorted(sizes) and [k for v in variables for k in v] == list(range(layout.n_vars))
    x = [Fraction(int(rng.integers(1, 20)), int(rng.integers(20, 40))) for _ in range(layout.n_vars)]
    if back is None:
        assert rows is polys and inequalities is deviations
        return
    y = [Fraction(0)] * layout.n_vars
    for k, new in enumerate(back.tolist()):
        y[new] = x[k]
    mixers = [v for v in layout.variables if v]
    order = sorted(range(len(mixers)), key=lambda q: len(mixers[q]))
    starts = np.cumsum([0, *(len(v) for v in mixers)]).tolist()
    expected = [_evaluate(polys[r], x) for q in order for r in range(starts[q], starts[q + 1])]
    assert [_evaluate(p, y) for p in rows] == expected
    assert [_evaluate(p, y) for p in inequalities] == [_evaluate(p, x) for p in deviations]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (3, 3, 3), (4, 3, 2)]), st.sampled_from([3, 1000]))
def test_indifference_sign_screen_loses_no_mixture(seed: int, shape: tuple[int, ...], top: int) -> None:
    # With two mixers j, k (the others pure), sigma_j must make k indifferent over S_k. The solver
    # answers None at once when a difference row has one strict sign over S_j; then no probability
    # vector solves the system (the polytope {E x = 0, sum x = 1, x >= 0} has no vertex). Otherwise
    # its answer is the plain affine solution set.
    from trigame.solve.nash._poly_linear import affine_solutions, polytope_vertices

    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    search = polynomial._Search(game, use_lp=False)
    for _ in range(10):
        j, k = (int(x) for x in rng.choice(len(shape), size=2, replace=False))
        support = tuple(
            tuple(sorted(int(s) for s in rng.choice(m, size=int(rng.integers(2, m + 1)), replace=False)))
            if p in (j, k) else (int(rng.integers(m)),) for p, m in enumerate(shape))
        rows = []
        for s in support[k][1:]:
            row = []
            for t in support[j]:
                profile = [support[p][0] for p in range(len(shape))]
                profile[j] = t
                high, low = list(profile), list(profile)
                high[k], low[k] = s, support[k][0]
                row.append(Fraction(int(arrays[k][tuple(high)]) - int(arrays[k][tuple(low)])))
            rows.append(row)
        size = len(support[j])
        plain = affine_solutions([*rows, [Fraction(1)] * size], [Fraction(0)] * len(rows) + [Fraction(1)], size)
        got = search._indifference_solution(k, j, support)
        if got is None:
            negative = [[Fraction(-int(a == b)) for a in range(size)] for b in range(size)]
            assert plain is None or not polytope_vertices([*rows, [Fraction(1)] * size],
                                                          [Fraction(0)] * len(rows) + [Fraction(1)],
                                                          negative, [Fraction(0)] * size, size)
        else:
            assert got == plain
