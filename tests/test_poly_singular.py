"""Degenerate N-player games: the box search given up at once where an exact singular point proves it must.

* a grid point that is a root with a singular Jacobian and satisfies the no-deviation conditions
  makes the box search give up (the theory in ``_poly_singular``'s docstring), on random systems
  of games with payoffs in {0, 1};
* the solver gives the same answer (equilibria, flags and notes) with and without the certificate
  on random degenerate games, all-zero and all-equal games included;
* on such games trigame's set contains every equilibrium pygambit's ``enumpoly`` returns.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import _poly_box, _poly_box_compiled, _poly_singular, polynomial
from trigame.solve.nash._poly_box import box_roots_many
from trigame.solve.nash._poly_singular import singular_witness
from trigame.solve.nash._poly_system import deviation_system, indifference_system, relabel_by_size

from ._peers import gambit_enumpoly


def _game(payoffs: np.ndarray) -> NormalFormGame:
    return NormalFormGame.from_arrays(*[payoffs[i].tolist() for i in range(payoffs.shape[0])])


def _mixed_systems(payoffs: np.ndarray):  # type: ignore[no-untyped-def]
    """(polys, inequalities, groups, n_vars) of every support profile where three or more players mix."""
    shape = payoffs.shape[1:]
    alive = [list(range(m)) for m in shape]
    pools = [[s for r in range(1, m + 1) for s in itertools.combinations(range(m), r)] for m in shape]
    for support in itertools.product(*pools):
        if sum(len(s) > 1 for s in support) < 3:
            continue
        polys, layout = indifference_system(payoffs, support)
        if not all(polys):
            continue
        deviations = deviation_system(payoffs, support, alive)
        groups, rows, inequalities, _ = relabel_by_size(layout, polys, deviations)
        yield rows, inequalities, groups, layout.n_vars


def test_witness_examples_by_hand() -> None:
    # x (y - 1/2) = 0, y - 1/2 = 0 (unknowns of two players): every (x, 1/2) is a root; the Jacobian
    # [[y - 1/2, x], [0, 1]] is singular where y = 1/2, so (0, 1/2), the first grid point, proves it
    line = [{(1, 1): 2, (1, 0): -1}, {(0, 1): 2, (0, 0): -1}]
    assert singular_witness(line, [], [[0], [1]], 2) == (Fraction(0), Fraction(1, 2))
    # a no-deviation condition x - 1/4 <= 0 rules out x = 1/2 ... but not x = 0
    assert singular_witness(line, [{(1, 0): 4, (0, 0): -1}], [[0], [1]], 2) == (Fraction(0), Fraction(1, 2))
    # ... and 1/4 - x <= 0 leaves x in [1/4, 1]: the first grid point allowed is x = 1
    assert singular_witness(line, [{(1, 0): -4, (0, 0): 1}], [[0], [1]], 2) == (Fraction(1), Fraction(1, 2))
    # 3x = 1, 2y = 1: one regular root, no witness
    assert singular_witness([{(1, 0): 3, (0, 0): -1}, {(0, 1): 2, (0, 0): -1}], [], [[0], [1]], 2) is None
    # x = 0 twice over (x^2 is not multilinear, but x y = 0, x = 0 is): the root (0, y) for every y
    assert singular_witness([{(1, 1): 1}, {(1, 0): 1}], [], [[0], [1]], 2) == (Fraction(0), Fraction(0))
    # a point outside the simplex does not count: x + y = 3/2 on one player's two unknowns
    assert singular_witness([{(1, 0): 2, (0, 1): 2, (0, 0): -3}, {(1, 0): 4, (0, 1): 4, (0, 0): -6}],
                            [], [[0, 1]], 2) is None


def _check_witnesses(payoffs: np.ndarray) -> int:
    """Assert that every system of ``payoffs`` with a witness is given up by the full box search; count them."""
    count = 0
    for polys, inequalities, groups, n_vars in _mixed_systems(payoffs):
        witness = singular_witness(polys, inequalities, groups, n_vars)
        found = box_roots_many([polys], n_vars, groups, [inequalities])[0]
        if witness is not None:
            assert found is None, (polys, witness)
            count += 1
    return count


def _compiled() -> None:
    pytest.importorskip("numba")
    if _poly_box_compiled.load() is None:
        pytest.skip("the compiled box search does not load here")


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (2, 2, 3), (2, 3, 3)]))
def test_a_witness_means_the_box_search_gives_up(seed: int, shape: tuple[int, ...]) -> None:
    # The full search (every box it may take; compiled, which gives up as the array search does) of
    # a system with a witness must return None.
    _compiled()
    _check_witnesses(np.random.default_rng(seed).integers(0, 2, size=(len(shape), *shape)))


def test_witnesses_on_fixed_games() -> None:
    # The same on games known to have systems with witnesses (so that the property is not vacuous).
    _compiled()
    count = sum(_check_witnesses(np.random.default_rng([seed, 2, 2, 3]).integers(0, 2, size=(3, 2, 2, 3)))
                for seed in range(8))
    assert count >= 10


def test_a_witness_means_the_array_search_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_poly_box, "COMPILED", False)
    assert _check_witnesses(np.random.default_rng([0, 2, 2, 2]).integers(0, 2, size=(3, 2, 2, 2))) == 1


def _answer(result):  # type: ignore[no-untyped-def]
    points = sorted(tuple(np.round(np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]), 9))
                    for eq in result)
    return points, result.complete, result.degenerate, tuple(result.notes)


def _degenerate_games() -> list[np.ndarray]:
    games = []
    for shape in [(2, 2, 2), (2, 2, 3), (2, 2, 2, 2), (3, 3, 2)]:
        rng = np.random.default_rng([2026, *shape])
        games += [rng.integers(0, 2, size=(len(shape), *shape)) for _ in range(5)]
        games += [np.zeros((len(shape), *shape), dtype=int), np.full((len(shape), *shape), 3)]
    return games


_DEGENERATE = _degenerate_games()


@pytest.mark.parametrize("index", range(len(_DEGENERATE)))
def test_same_answer_with_and_without_the_certificate(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    game = _game(_DEGENERATE[index])
    monkeypatch.setattr(_poly_singular, "CERTIFY", False)
    plain = polynomial.solve(game, max_support_profiles=None)
    monkeypatch.setattr(_poly_singular, "CERTIFY", True)
    certified = polynomial.solve(game, max_support_profiles=None)
    assert _answer(certified) == _answer(plain)


def test_all_zero_game_is_one_continuum() -> None:
    # Every profile of a game where every payoff is 0 is an equilibrium: the solver reports the
    # vertices (the 2^4 pure profiles among them) and says the set is degenerate.
    result = polynomial.solve(_game(np.zeros((4, 2, 2, 2, 2), dtype=int)), max_support_profiles=None)
    assert result.degenerate
    pure = {tuple(int(np.argmax(v)) for v in eq.strategies) for eq in result
            if all(max(v) == 1 for v in eq.strategies)}
    assert pure == set(itertools.product(range(2), repeat=4))


def test_contains_gambit_enumpoly_on_degenerate_games() -> None:
    pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    games = [rng.integers(0, 2, size=(3, 2, 2, 2)) for _ in range(6)]
    games += [rng.integers(0, 2, size=(3, 2, 2, 3)) for _ in range(3)]
    theirs = gambit_enumpoly(games, timeout=20)
    checked = 0
    for payoffs, found in zip(games, theirs):
        if found is None:
            continue
        ours = polynomial.solve(_game(payoffs), max_support_profiles=None)
        mine = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]) for eq in ours]
        for profile in found:
            vector = np.concatenate([np.asarray(v, dtype=float) for v in profile])
            assert any(np.max(np.abs(vector - m)) < 1e-6 for m in mine)
        checked += 1
    assert checked >= 5


def test_counted_groebner_gives_the_same_solutions() -> None:
    # The counted order has SymPy's grevlex keys: the same bases, so the same points and flags, on
    # the systems of a degenerate game (continua and singular roots among them).
    from trigame.budget import WorkBudget
    from trigame.solve.nash._poly_system import solve_system

    payoffs = np.random.default_rng([2, 2, 2, 3]).integers(0, 2, size=(3, 2, 2, 3))
    spent = 0
    for polys, _, _, n_vars in _mixed_systems(payoffs):
        budget = WorkBudget(None, what="test", unit="steps", option="max_groebner_steps")
        plain, counted = solve_system(polys, n_vars), solve_system(polys, n_vars, budget=budget)
        assert (counted.points, counted.positive_dimensional, counted.undecided) == (
            plain.points, plain.positive_dimensional, plain.undecided)
        spent += budget.spent
    assert spent > 0


def test_groebner_budget_stops_with_a_note() -> None:
    # A 2x2x2x2 game with payoffs in {0, 1} whose profiles where three and four players mix go to
    # the Gröbner route (singular roots, continua); a budget of 100 comparisons is spent on the first.
    game = _game(np.random.default_rng([0, 2, 2, 2, 2]).integers(0, 2, size=(4, 2, 2, 2, 2)))
    full = polynomial.solve(game, max_support_profiles=None)
    result = polynomial.solve(game, max_support_profiles=None, max_groebner_steps=100)
    assert not result.complete
    assert any("max_groebner_steps" in note and "not solved" in note for note in result.notes)
    # what the other routes found is still there
    mine = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]) for eq in full]
    for eq in result:
        vector = np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies])
        assert any(np.max(np.abs(vector - m)) < 1e-9 for m in mine)
    assert len(result) > 0
    with pytest.raises(TrigameError):
        polynomial.solve(game, max_groebner_steps=-1)


def test_the_grid_of_nine_unknowns_is_built_point_by_point() -> None:
    # One player's 9 unknowns on the grid 0, 1, 1/2, 1/3, 2/3, 1/4, 3/4 (twelfths 0, 12, 6, 4, 8, 3, 9)
    # summing to at most 1: the count is the sum of the coefficients of z^0..z^12 in
    # (1 + z^3 + z^4 + z^6 + z^8 + z^9 + z^12)^9, computed here by multiplying the polynomial out.
    coefficients = [1] + [0] * 12
    for _ in range(9):
        coefficients = [sum(coefficients[t - v] for v in (0, 3, 4, 6, 8, 9, 12) if t >= v) for t in range(13)]
    expected = sum(coefficients)
    assert _poly_singular._count(9, 12, _poly_singular._TWELFTHS) == expected <= _poly_singular.MAX_POINTS
    points = _poly_singular._grid([list(range(9))], 9)
    assert len(points) == len(set(points)) == expected
    assert all(sum(p) <= 1 and all(v in _poly_singular.GRID for v in p) for p in points)
    # small groups: the same points, in the same order, as filtering the whole product
    for size in range(1, 5):
        plain = [p for p in itertools.product(_poly_singular.GRID, repeat=size) if sum(p) <= 1]
        assert _poly_singular._grid([list(range(size))], size) == plain


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(_poly_singular, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(_poly_singular, name, counted)
    return calls


@pytest.mark.parametrize("compiled", [True, False])
def test_the_grid_is_built_once_per_search(monkeypatch: pytest.MonkeyPatch, compiled: bool) -> None:
    # three systems that run out of a first budget of 10 boxes (each a line of roots x + y = 1 or a
    # regular one): the grid of their shared unknowns is built once, not once per system
    monkeypatch.setattr(_poly_singular, "FIRST_BOXES", 10)
    monkeypatch.setattr(_poly_box, "COMPILED", compiled)
    if compiled:
        _compiled()
    calls = _counting(monkeypatch, "_grid")
    line = [{(1, 0): 1, (0, 1): 1, (0, 0): -1}, {(1, 0): 2, (0, 1): 2, (0, 0): -2}]
    regular = [{(0, 1): 7, (1, 0): 1, (0, 0): -3}, {(1, 0): 5, (0, 1): -1, (0, 0): -1}]
    found = _poly_singular.box_roots_settled([line, regular, line], 2, [[0], [1]], [[], [], []])
    assert found[0] is None and found[2] is None and found[1] is not None and len(found[1]) == 1
    assert len(calls) == 1


@pytest.mark.parametrize("compiled", [True, False])
def test_systems_out_of_boxes_are_reported(monkeypatch: pytest.MonkeyPatch, compiled: bool) -> None:
    # 7y + x = 3 and 5x - y = 1: the regular root (5/18, 7/18) is certified; the line x + y = 1 is never
    # settled: with 3 boxes both searches run out of boxes; with the full budget the array
    # search, a generation at a time, runs out of boxes first; the compiled loop, depth first, meets a
    # box narrower than 1e-10 first (about 70 bisections down), which is not running out of boxes.
    monkeypatch.setattr(_poly_box, "COMPILED", compiled)
    if compiled:
        _compiled()
    regular = [{(0, 1): 7, (1, 0): 1, (0, 0): -3}, {(1, 0): 5, (0, 1): -1, (0, 0): -1}]
    line = [{(1, 0): 1, (0, 1): 1, (0, 0): -1}, {(1, 0): 2, (0, 1): 2, (0, 0): -2}]
    exhausted: list[int] = []
    found = box_roots_many([regular, line], 2, [[0], [1]], exhausted=exhausted)
    assert found[0] is not None and found[1] is None and exhausted == ([] if compiled else [1])
    exhausted = []
    assert box_roots_many([line, line], 2, [[0], [1]], max_boxes=3, exhausted=exhausted) == [None, None]
    assert exhausted == [0, 1]


def test_only_systems_out_of_boxes_are_searched_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # the first search gives up on both systems, the first for want of boxes, the second on a narrow
    # box (stated by the stand-in search); neither has a grid witness: only the first is searched again
    systems = [[{(1, 0): 7, (0, 1): 5, (0, 0): -1}, {(1, 0): 14, (0, 1): 10, (0, 0): -2}]] * 2
    searched: list[int] = []

    def search(batch: list, n_vars: int, groups: object, inequalities: object, max_boxes: int,
               exhausted: list[int] | None = None) -> list[None]:
        searched.append(len(batch))
        if exhausted is not None:
            exhausted.append(0)
        return [None] * len(batch)

    monkeypatch.setattr(_poly_singular, "box_roots_many", search)
    assert _poly_singular.box_roots_settled(systems, 2, [[0], [1]], [[], []]) == [None, None]
    assert searched == [2, 1]


def test_spent_groebner_budget_skips_the_remaining_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    # a 3x2x2 game with payoffs in {0, 1} with two profiles for the Gröbner route: once a budget of 100
    # comparisons is spent on the first, the second is not handed to it, and is named in one note
    game = _game(np.random.default_rng([7, 3, 2, 2, 3]).integers(0, 2, size=(3, 2, 2, 3)))
    calls: list[int] = []
    original = polynomial.solve_system

    def counted(*args: object, **kwargs: object) -> object:
        budget = kwargs.get("budget")
        assert budget is None or not budget.exhausted  # type: ignore[attr-defined]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(polynomial, "solve_system", counted)
    result = polynomial.solve(game, max_support_profiles=None, max_groebner_steps=100)
    assert not result.complete
    assert len(calls) == 1
    assert sum("not solved" in note for note in result.notes) == 2
    assert any("1 further support profile(s) not solved" in note for note in result.notes)


def test_max_groebner_steps_reaches_the_polynomial_method() -> None:
    import trigame as tg

    game = _game(np.random.default_rng([0, 2, 2, 2, 2]).integers(0, 2, size=(4, 2, 2, 2, 2)))
    result = tg.equilibria(game, method="polynomial", max_groebner_steps=100)
    assert not result.complete
    assert any("max_groebner_steps" in note for note in result.notes)
    for bad in (-1, 2.5, "many"):
        with pytest.raises(TrigameError):
            tg.equilibria(game, method="polynomial", max_groebner_steps=bad)
