"""The fast paths of the N-player polynomial solver, each pinned against a plain route.

* the batched box search (many support profiles' systems in one subdivision) against the
  exact Gröbner-basis route of the same systems;
* one system that gives up (a continuum) does not disturb the others searched with it;
* the pruning (conditional dominance, pure and by mixed strategies, with the LP only where the
  box search gives up) against the enumeration with no pruning at all, on random games with
  small integer payoffs (ties, continua) -- the same equilibrium set;
* the whole solver against pygambit's ``enumpoly`` (trigame's set contains Gambit's).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import polynomial
from trigame.solve.nash._poly_box import box_roots, box_roots_many
from trigame.solve.nash._poly_system import indifference_system, solve_system
from trigame.verify import is_nash

from ._peers import gambit_enumpoly


def _systems(payoffs: np.ndarray) -> list[tuple[list[dict[tuple[int, ...], int]], tuple[tuple[int, ...], ...]]]:
    """The indifference systems of every support profile in which every player mixes."""
    out = []
    shape = payoffs.shape[1:]
    pools = [[s for r in range(2, m + 1) for s in itertools.combinations(range(m), r)] for m in shape]
    for support in itertools.product(*pools):
        polys, layout = indifference_system(payoffs, support)
        out.append((polys, layout.variables))
    return out


def _in_region(point: tuple[float, ...], groups: tuple[tuple[int, ...], ...], margin: float) -> bool:
    return all(x >= margin for x in point) and all(sum(point[k] for k in g) <= 1 - margin for g in groups)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]))
def test_batched_box_search_matches_groebner(seed: int, shape: tuple[int, ...]) -> None:
    # Random generic payoffs: every system is square and zero-dimensional; the exact route
    # (Gröbner basis over QQ, lex back-substitution) gives every real root, the box search must
    # give the same roots inside the probability region.
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-50, 51, size=(len(shape), *shape))
    systems = _systems(payoffs)
    by_layout: dict[tuple[tuple[int, ...], ...], list[list[dict[tuple[int, ...], int]]]] = {}
    for polys, variables in systems:
        if all(polys):
            by_layout.setdefault(variables, []).append(polys)
    for variables, group in by_layout.items():
        n_vars = sum(len(v) for v in variables)
        found = box_roots_many(group, n_vars, variables)
        assert len(found) == len(group)
        for polys, roots in zip(group, found):
            exact = solve_system(polys, n_vars)
            if roots is None or exact.positive_dimensional:
                continue  # the caller takes the exact route for these
            reference = [tuple(float(x) for x in p) for p in exact.points]
            for point in reference:
                if _in_region(point, variables, 0.0):
                    assert any(np.allclose(point, r, atol=1e-8) for r in roots), (polys, point, roots)
            for root in roots:
                if _in_region(tuple(root), variables, 1e-7):
                    assert any(np.allclose(p, root, atol=1e-8) for p in reference), (polys, root, reference)


def test_a_system_that_gives_up_leaves_the_others_alone() -> None:
    # 2y = 1, 3x = 1: one root (1/3, 1/2).  x + y = 1 twice: a segment of roots, which the
    # Krawczyk test never certifies (the search gives up: None).  y + 2 = 0: no root in the box.
    regular = [{(0, 1): 2, (0, 0): -1}, {(1, 0): 3, (0, 0): -1}]
    continuum = [{(1, 0): 1, (0, 1): 1, (0, 0): -1}, {(1, 0): 2, (0, 1): 2, (0, 0): -2}]
    empty = [{(0, 1): 1, (0, 0): 2}, {(1, 0): 1, (0, 0): -1}]
    groups = [[0], [1]]
    together = box_roots_many([regular, continuum, empty, regular], 2, groups)
    alone = [box_roots(s, 2, groups) for s in (regular, continuum, empty, regular)]
    assert together[1] is None and alone[1] is None
    assert together[2] == [] and alone[2] == []
    for got in (together[0], together[3], alone[0]):
        assert got is not None and len(got) == 1
        assert np.allclose(got[0], [1 / 3, 1 / 2])


def test_roots_outside_the_simplices_are_left_out() -> None:
    # x = 1/2 and y = 1/4 for the first player's two unknowns (one group): sum 3/4, kept.
    # x = 3/4, y = 1/2: the first strategy's probability 1 - x - y = -1/4 < 0, left out.
    inside = [{(1, 0): 2, (0, 0): -1}, {(0, 1): 4, (0, 0): -1}]
    outside = [{(1, 0): 4, (0, 0): -3}, {(0, 1): 2, (0, 0): -1}]
    found = box_roots_many([inside, outside], 2, [[0, 1]])
    assert found[1] == []
    assert found[0] is not None and np.allclose(found[0][0], [0.5, 0.25])


def _profiles(eqs: object) -> list[tuple[float, ...]]:
    return sorted(tuple(round(float(p), 9) for v in eq.strategies for p in v) for eq in eqs)  # type: ignore[attr-defined]


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]), st.sampled_from([2, 4]))
def test_pruning_keeps_the_same_equilibria(seed: int, shape: tuple[int, ...], top: int) -> None:
    # Payoffs in 0..top: many ties, so weak and conditional dominance and continua occur.  With
    # every pruning rule switched off, each support profile is solved in full; the equilibrium set
    # (extreme points and continuum representatives) must be the same.
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    pruned = polynomial.solve(game)
    original = polynomial._Search.conditionally_dominated
    try:
        polynomial._Search.conditionally_dominated = lambda self, support, use_lp: False  # type: ignore[method-assign]
        plain = polynomial.solve(game, use_lp=False)
    finally:
        polynomial._Search.conditionally_dominated = original  # type: ignore[method-assign]
    # pruning never costs completeness (it can only skip profiles the full solve leaves undecided)
    assert pruned.complete or not plain.complete
    for eq in [*pruned, *plain]:
        assert is_nash(game, eq.strategies)
    if plain.complete and not pruned.degenerate and not plain.degenerate:
        assert _profiles(pruned) == _profiles(plain)
    elif not plain.degenerate:  # isolated equilibria only in the full solve: the pruned set has them all
        assert set(_profiles(plain)) <= set(_profiles(pruned))


@pytest.mark.slow
def test_contains_gambit_enumpoly_on_random_games() -> None:
    # Gambit's enumpoly misses equilibria on some games (issue 19); every one it finds must be in
    # trigame's set, which is complete.
    pytest.importorskip("pygambit")
    rng = np.random.default_rng(19)
    games = [rng.integers(0, 1000, size=(3, 3, 3, 3)) for _ in range(3)]
    games += [rng.integers(0, 1000, size=(4, 2, 2, 2, 2)) for _ in range(3)]
    theirs = gambit_enumpoly(games, timeout=20)
    for payoffs, found in zip(games, theirs):
        game = NormalFormGame.from_arrays(*[payoffs[i].tolist() for i in range(payoffs.shape[0])])
        ours = polynomial.solve(game)
        assert ours.complete
        if found is None:
            continue
        mine = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]) for eq in ours]
        for profile in found:
            vector = np.concatenate([np.asarray(v, dtype=float) for v in profile])
            assert any(np.max(np.abs(vector - m)) < 1e-6 for m in mine)


def test_irrational_equilibrium_refined_to_high_precision() -> None:
    # Three players, two strategies; x, y, z are the probabilities of each one's second strategy.
    # Player 1 gets 1 for its first strategy and 2 for its second when both others play their
    # second: indifferent iff 2yz = 1.  Player 2 likewise: 2xz = 1.  Player 3 gets 1 for its first
    # strategy and 3 for its second when both others play their second: 3xy = 1.  So x = y,
    # 3x^2 = 1: x = y = 1/sqrt(3), z = 1/(2x) = sqrt(3)/2 -- the unique fully mixed equilibrium,
    # irrational (found by the box search and refined by iterative refinement to 60 digits).
    u = np.zeros((3, 2, 2, 2), dtype=int)
    u[0, 0, :, :] = 1
    u[0, 1, 1, 1] = 2
    u[1, :, 0, :] = 1
    u[1, 1, 1, 1] = 2
    u[2, :, :, 0] = 1
    u[2, 1, 1, 1] = 3
    game = NormalFormGame.from_arrays(*[u[i].tolist() for i in range(3)])
    eqs = polynomial.solve(game)
    assert eqs.complete
    x, z = 1 / np.sqrt(3), np.sqrt(3) / 2
    mixed = [eq for eq in eqs if all(0 < float(v[1]) < 1 for v in eq.strategies)]
    assert len(mixed) == 1
    assert not mixed[0].exact
    assert np.allclose([float(v[1]) for v in mixed[0].strategies], [x, x, z], atol=1e-12)


def test_hostile_payload_is_refused() -> None:
    # a string where a number is expected is refused, never evaluated
    game = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]])
    with pytest.raises(TrigameError):
        polynomial.solve(game, max_support_profiles="__import__('os')")  # type: ignore[arg-type]
    with pytest.raises(TrigameError):
        polynomial.solve(game, tol="1e-9")  # type: ignore[arg-type]


def test_small_chunks_give_the_same_roots(monkeypatch: pytest.MonkeyPatch) -> None:
    # Boxes are processed in chunks bounded by CHUNK_VALUES; a tiny bound (a few boxes per
    # chunk) must find the same roots as one chunk per generation.
    from trigame.solve.nash import _poly_box

    rng = np.random.default_rng(7)
    payoffs = rng.integers(-50, 51, size=(3, 3, 2, 2))
    systems = [(polys, variables) for polys, variables in _systems(payoffs) if all(polys)]
    layout = systems[0][1]
    group = [polys for polys, variables in systems if variables == layout]
    n_vars = sum(len(v) for v in layout)
    whole = box_roots_many(group, n_vars, layout)
    monkeypatch.setattr(_poly_box, "CHUNK_VALUES", 2 ** n_vars * n_vars * 3)
    chunked = box_roots_many(group, n_vars, layout)
    for a, b in zip(whole, chunked):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert sorted(map(tuple, np.round(a, 9))) == sorted(map(tuple, np.round(b, 9)))
