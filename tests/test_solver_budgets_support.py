"""Work and memory budgets of the 2-player ``support`` method (vertex enumeration).

A degenerate game can have astronomically many feasible bases; the search must stop
at ``max_bases`` or ``max_memory`` with ``complete=False`` and what it can certify,
or raise BudgetExceededError when it can certify nothing -- never run out of memory.
"""

from __future__ import annotations

import tracemalloc
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import trigame as tg
from trigame.errors import BudgetExceededError, ParameterError


def _support(game: tg.NormalFormGame, **options: object) -> tg.EquilibriumSet:
    return tg.equilibria(game, method="support", **options)


def _pure_pairs(m: int, n: int) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {((i,), (j,)) for i in range(m) for j in range(n)}


def tied_game(m: int, n: int, seed: int = 0) -> tg.NormalFormGame:
    """Every column of the column player's payoffs sums to the same number S.

    Against the uniform row mix all ``n`` columns then earn S / m: a mixed strategy with
    ``m`` strategies in its support has ``n > m`` best responses, so the polytope
    ``{x >= 0 : B^T x <= 1}`` has a vertex where ``n`` constraints meet in dimension ``m``,
    with up to ``C(n, m)`` feasible bases (C(32, 16) = 601,080,390 for 16 x 32).
    """
    rng = np.random.default_rng(seed)
    B = rng.integers(1, 10, size=(m, n))
    B[-1] = B[:-1].sum(axis=0).max() + 10 - B[:-1].sum(axis=0)
    A = rng.integers(0, 10, size=(m, n))
    return tg.NormalFormGame.from_arrays(A, B)


def test_the_all_zero_game_complete_and_under_a_tiny_budget() -> None:
    # In the n x n game with all payoffs 0 every profile is an equilibrium: the set is the
    # product of the two simplices, whose extreme points are the n^2 pure pairs.
    n = 4
    game = tg.NormalFormGame.from_arrays(np.zeros((n, n), dtype=int), np.zeros((n, n), dtype=int))
    full = _support(game)
    assert full.complete and full.degenerate
    assert {e.support for e in full} == _pure_pairs(n, n)
    # Under a budget of 2 bases the enumeration stops; the pure equilibria (here all n^2 pure
    # pairs) are still certified, but the set is not claimed complete.
    limited = _support(game, max_bases=2)
    assert not limited.complete
    assert any("max_bases" in note for note in limited.notes)
    assert {e.support for e in limited} == _pure_pairs(n, n)


def test_nothing_certified_raises() -> None:
    # Matching pennies has no pure equilibrium.  From the origin of the first polytope the
    # search needs two pivots; a budget of one base stops it before any vertex is found, so
    # nothing can be certified: BudgetExceededError (a SolverError and a MemoryError).
    game = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(BudgetExceededError, match="max_bases"):
        _support(game, max_bases=1)
    assert _support(game, max_bases=100).complete


def test_a_degenerate_game_stops_at_its_work_budget() -> None:
    game = tied_game(6, 14)
    eqs = _support(game, max_bases=300)
    assert not eqs.complete
    assert any("max_bases" in note and "incomplete" in note for note in eqs.notes)
    assert len(eqs) >= 1
    assert all(tg.is_nash(game, e, tol=0) for e in eqs)  # only verified equilibria are listed


def test_a_huge_degenerate_game_never_allocates_past_its_memory_budget() -> None:
    # 16 x 32 with C(32, 16) bases at one vertex: without a budget this exhausts the machine.
    game = tied_game(16, 32)
    limit = 2**20
    _support(tied_game(2, 3))  # the solver's lazy imports happen before the tracing
    tracemalloc.start()
    try:
        try:
            eqs = _support(game, max_memory=limit)
        except BudgetExceededError as error:
            assert "max_memory" in str(error)
        else:
            assert not eqs.complete
            assert any("max_memory" in note for note in eqs.notes)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit, peak


def test_budgets_do_not_change_a_complete_answer() -> None:
    # Battle of the sexes: (s1, s1), (s2, s2) and ((2/3, 1/3), (1/3, 2/3)), well within budget.
    game = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = _support(game, max_bases=1000, max_memory=2**30)
    assert eqs.complete and len(eqs) == 3
    assert eqs.contains([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])


@pytest.mark.parametrize("option", ["max_bases", "max_memory"])
@pytest.mark.parametrize("value", [0, -1, 1.5, "10", True])
def test_bad_budget_options(option: str, value: object) -> None:
    game = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(ParameterError, match=option):
        _support(game, **{option: value})


def test_a_budget_option_the_method_does_not_take() -> None:
    # auto solves a 2x2 game in closed form, which has no vertex enumeration to budget.
    game = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(ParameterError, match=r"closed_form.*max_bases"):
        tg.equilibria(game, max_bases=10)


def _ten_by_ten() -> tg.NormalFormGame:
    # 10 x 10: the reverse search on both polytopes (940 and 309 bases), no small-game path
    rng = np.random.default_rng(0)
    return tg.NormalFormGame.from_arrays(rng.integers(0, 100, (10, 10)), rng.integers(0, 100, (10, 10)))


def _spied_searches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, int, Any]]:
    """Each reverse search the support method runs: (its max_memory, the bytes it was told are held, its vertices)."""
    from trigame.solve.nash import support

    calls: list[tuple[Any, int, Any]] = []
    original = support.reverse_search_vertices

    def spy(M: np.ndarray, **options: Any) -> Any:
        found = original(M, **options)
        calls.append((options.get("max_memory"), options.get("held", 0), found))
        return found

    monkeypatch.setattr(support, "reverse_search_vertices", spy)
    return calls


def test_both_polytopes_share_one_memory_budget_capped_by_the_memory_available(monkeypatch: pytest.MonkeyPatch) -> None:
    # The vertices of P count against Q's enumeration within the one budget of the request: the default
    # capped by the memory available (trigame.budget.memory_budget), Q told that P's vertices are held.
    from trigame import budget

    limit = 50 * 2**20  # the memory available, beyond the 256 MiB memory_budget leaves free
    monkeypatch.setattr(budget, "_recent_available_memory", lambda: 256 * 2**20 + limit)
    calls = _spied_searches(monkeypatch)
    assert _support(_ten_by_ten()).complete
    (max_p, held_p, vertices_x), (max_q, held_q, _) = calls
    assert max_p is None and held_p == 0
    assert held_q == vertices_x.held_bytes > 0
    assert budget.memory_budget(max_q) - held_q == limit - vertices_x.held_bytes


@pytest.mark.parametrize("given", ["max_memory", "memory available"])
def test_a_budget_p_fits_under_alone_but_not_with_q_stops_the_search(monkeypatch: pytest.MonkeyPatch,
                                                                      given: str) -> None:
    # A limit each polytope's search fits under alone, but not both together: Q's search must stop (the set
    # incomplete, or with nothing certified the budget error).  Given as max_memory, the limit is one byte
    # short of P's and Q's vertices together as the search counts them (it then also caps the cached
    # dictionaries).  Given as the memory available, the cached dictionaries are not capped: for this game
    # P's search alone needs 316,689 bytes, Q's 142,739 and both together 372,794; 340,000 lies between.
    from trigame import budget
    from trigame.solve.nash._reverse_search import reverse_search_vertices

    game = _ten_by_ten()
    plain = _spied_searches(monkeypatch)
    assert _support(game).complete
    (_, _, vertices_x), (_, _, vertices_y) = plain
    options: dict[str, Any] = {}
    if given == "max_memory":
        options["max_memory"] = vertices_x.held_bytes + vertices_y.held_bytes - 1
    else:
        monkeypatch.setattr(budget, "_recent_available_memory", lambda: 256 * 2**20 + 340_000)
    for vertices in (vertices_x, vertices_y):  # each alone fits
        assert reverse_search_vertices(vertices.M, max_memory=options.get("max_memory")).complete
    try:
        eqs = _support(game, **options)
    except BudgetExceededError as error:
        assert "max_memory" in str(error)
    else:
        assert not eqs.complete
        assert any("incomplete" in note and "max_memory" in note for note in eqs.notes)
