"""Lexicographic reverse search for the 2-player ``support`` method.

Pinned against the breadth-first enumeration of every feasible basis
(:mod:`trigame.solve.nash._vertex`), against pygambit's ``enummixed`` (exact) on the
2-player games of the Gambit collection, against hand derivations, and against
the direct (all pairs) label matching.  The one-polytope route of large games
(:mod:`trigame.solve.nash._face_pairs`) is pinned against the matching of both
polytopes, Gambit and nashpy on degenerate games, and lrsnash's own output.
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import combinations
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.budget import WorkBudget
from trigame.errors import BudgetExceededError, ParameterError, TrigameError
from trigame.solve.nash import _reverse_search
from trigame.solve.nash._face_pairs import _certainly_outside, face_pairs
from trigame.solve.nash._reverse_search import _dense_pairs, complete_pairs, reverse_search_vertices
from trigame.solve.nash._vertex import polytope_vertices
from trigame.solve.nash.support import extreme_equilibria

from ._label_masks import label_masks
from .conftest import gambit_files

Profiles = set[tuple[tuple[F, ...], ...]]


def _vertex_set(vertices) -> set[tuple[tuple[F, ...], tuple[bool, ...]]]:
    return {(tuple(vertices.normalized(i)), tuple(vertices.labels[i].tolist())) for i in range(len(vertices))}


def _as_set(eqs: tg.EquilibriumSet) -> Profiles:
    return {tuple(tuple(F(p) for p in v.tolist()) for v in eq.strategies) for eq in eqs}


# ---------------------------------------------------------------------------- the vertex enumeration
@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda k: st.integers(1, 5).flatmap(
            lambda d: st.lists(st.lists(st.integers(1, 4), min_size=d, max_size=d), min_size=k, max_size=k)
        )
    )
)
def test_same_vertices_and_labels_as_the_search_over_every_feasible_basis(rows: list[list[int]]) -> None:
    # Entries in 1..4 make many degenerate vertices (several bases each); the breadth-first
    # search visits every feasible basis, so it cannot miss one.
    M = np.array(rows, dtype=object)
    assert _vertex_set(reverse_search_vertices(M)) == _vertex_set(polytope_vertices(M, exact=True))


def test_one_vertex_per_support() -> None:
    M = np.array([[2, 1, 1, 1], [1, 2, 1, 1], [1, 1, 2, 1], [1, 1, 1, 2], [1, 1, 1, 1]], dtype=object)
    # The last constraint sum(z) <= 1 is implied: at a vertex with support S (size s) of the first four,
    # z_i = 1/(s+1) on S and sum = s/(s+1) < 1.  So the vertices are the 15 nonempty supports, each with
    # exactly four labels (simple polytope).
    vertices = reverse_search_vertices(M)
    assert len(vertices) == 15 and vertices.complete
    for i in range(len(vertices)):
        z = vertices.point(i)
        support = [v for v in z if v != 0]
        assert support == [F(1, len(support) + 1)] * len(support)
        assert int(vertices.labels[i].sum()) == 4


def test_a_degenerate_vertex_is_reported_once() -> None:
    # z1, z2 >= 0, z1 + z2 <= 1 and 2 z1 + z2 <= 1: vertices (1/2, 0) and (0, 1); at (0, 1)
    # three constraints are tight (z1 = 0 and both rows) in dimension 2.
    vertices = reverse_search_vertices(np.array([[1, 1], [2, 1]]))
    points = sorted(tuple(vertices.point(i)) for i in range(len(vertices)))
    assert points == [(F(0), F(1)), (F(1, 2), F(0))]
    assert sorted(vertices.labels.sum(axis=1).tolist()) == [2, 3]


def test_work_and_memory_budgets_stop_the_search() -> None:
    M = np.array([[2, 1, 1], [1, 2, 1], [1, 1, 2]], dtype=object)  # 7 vertices besides the origin
    stopped = reverse_search_vertices(M, budget=WorkBudget(3, what="x", unit="bases", option="max_bases"))
    assert not stopped.complete and "max_bases" in stopped.stopped and len(stopped) == 3
    stopped = reverse_search_vertices(M, max_memory=1)
    assert not stopped.complete and "max_memory" in stopped.stopped
    assert len(reverse_search_vertices(M)) == 7


# ---------------------------------------------------------------------------- matching
@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_hashed_matching_equals_the_direct_one(m: int, n: int, data: st.DataObject) -> None:
    # Distinct label sets of "vertices": at least m (resp. n) labels of m + n; exactly m (n) is
    # the nondegenerate case the hash handles, more is compared directly.  All pairs by brute force.
    def labels(dim: int, count: int) -> np.ndarray:
        rows: list[list[bool]] = []
        for _ in range(count):
            extra = data.draw(st.integers(0, 1))
            chosen = data.draw(st.sampled_from(list(combinations(range(m + n), dim + extra))))
            row = [i in chosen for i in range(m + n)]
            if row not in rows:
                rows.append(row)
        return np.array(rows, dtype=bool).reshape(len(rows), m + n)

    lx = labels(m, data.draw(st.integers(0, 12)))
    ly = labels(n, data.draw(st.integers(0, 12)))
    expected = sorted((a, b) for a in range(len(lx)) for b in range(len(ly)) if (lx[a] | ly[b]).all())
    assert complete_pairs(label_masks(lx), label_masks(ly), m, n) == expected
    with mock.patch.object(_reverse_search, "_DIRECT_PAIRS", 0):  # the matrix product instead of int comparisons
        assert complete_pairs(label_masks(lx), label_masks(ly), m, n) == expected
    direct = _dense_pairs(lx, ly, np.arange(len(lx)), np.arange(len(ly)), 7)
    assert sorted(map(tuple, direct.tolist())) == expected


# ---------------------------------------------------------------------------- whole games
def test_coordination_game_has_one_equilibrium_per_support() -> None:
    # n x n coordination (1 on the diagonal): for each nonempty S both players mix uniformly on S
    # (each is then indifferent on S and strictly prefers S), so 2^n - 1 equilibria, all isolated.
    n = 6
    game = tg.NormalFormGame.from_arrays(np.eye(n, dtype=int).tolist(), np.eye(n, dtype=int).tolist())
    eqs = extreme_equilibria(game)
    expected = set()
    for size in range(1, n + 1):
        for support in combinations(range(n), size):
            v = tuple(F(1, size) if i in support else F(0) for i in range(n))
            expected.add((v, v))
    assert _as_set(eqs) == expected
    assert eqs.complete and not eqs.degenerate and eqs.game_degenerate is False


def test_matches_gambit_on_random_games_at_size_seven() -> None:
    gbt = pytest.importorskip("pygambit")
    from trigame.io.convert import to_pygambit

    rng = np.random.default_rng(7)
    for _ in range(2):
        game = tg.NormalFormGame.from_arrays(rng.integers(0, 9, (7, 7)).tolist(), rng.integers(0, 9, (7, 7)).tolist())
        gambit_game = to_pygambit(game)
        result = gbt.nash.enummixed_solve(gambit_game, rational=True)
        expected = {tuple(tuple(F(eq[s]) for s in p.strategies) for p in gambit_game.players)
                    for eq in result.equilibria}
        assert _as_set(extreme_equilibria(game)) == expected


@pytest.mark.parametrize("path", gambit_files(), ids=lambda p: p.stem[-40:])
def test_gambit_collection_matches_enummixed(path) -> None:
    gbt = pytest.importorskip("pygambit")
    from trigame.io.convert import to_pygambit

    game = tg.read_nfg(path)
    if game.n_players != 2 or game.is_symbolic or np.prod(game.shape) > 400:
        pytest.skip("not a 2-player game of at most 400 profiles")
    gambit_game = to_pygambit(game)
    result = gbt.nash.enummixed_solve(gambit_game, rational=True)
    expected = {tuple(tuple(F(eq[s]) for s in p.strategies) for p in gambit_game.players) for eq in result.equilibria}
    eqs = extreme_equilibria(game)
    assert eqs.complete
    found = _as_set(eqs)
    if game.kind == "float":  # float games: compare the rounded sets
        def rounded(s: Profiles) -> set:
            return {tuple(tuple(round(float(p), 9) for p in v) for v in prof) for prof in s}
        assert rounded(found) == rounded(expected)
    else:
        assert found == expected


def test_a_degenerate_game_completes_on_fewer_bases_than_every_feasible_one() -> None:
    # Every column of B sums to the same number, so against the uniform row mix all 12 columns
    # are best responses: a vertex of P where 12 constraints meet in dimension 6 (up to C(12, 6)
    # bases there).  Visiting every feasible basis took 2,243 bases; the lexicographic search
    # visits only the lexicographically feasible ones (1,271), so 1,500 suffice.
    rng = np.random.default_rng(0)
    B = rng.integers(1, 10, size=(6, 12))
    B[-1] = B[:-1].sum(axis=0).max() + 10 - B[:-1].sum(axis=0)
    A = rng.integers(0, 10, size=(6, 12))
    game = tg.NormalFormGame.from_arrays(A, B)
    eqs = extreme_equilibria(game, max_bases=1500)
    assert eqs.complete and eqs.game_degenerate
    assert _as_set(eqs) == _as_set(extreme_equilibria(game, max_bases=None))
    assert all(tg.is_nash(game, e, tol=0) for e in eqs)


# ---------------------------------------------------------------------------- hostile input
def test_string_budget_is_refused_not_evaluated() -> None:
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError):
        extreme_equilibria(game, max_bases="10**9")  # type: ignore[arg-type]
    with pytest.raises(TrigameError):
        extreme_equilibria(game, max_memory="__import__('os')")  # type: ignore[arg-type]


def test_string_payoff_never_reaches_the_search() -> None:
    with pytest.raises(TrigameError):
        game = tg.NormalFormGame.from_arrays([["1+1", 0], [0, 1]], [[1, 0], [0, 1]])
        extreme_equilibria(game)


def test_budget_error_when_nothing_certified() -> None:
    game = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(BudgetExceededError):
        extreme_equilibria(game, max_bases=1)


# ---------------------------------------------------------------------------- one polytope (lrsnash's method)
def _hashed_profiles(A: np.ndarray, B: np.ndarray) -> tuple[Profiles, bool, bool]:
    """Pairs from both polytopes matched by labels (the plain path), the continuum flag and game-degeneracy."""
    m, n = A.shape
    vx = reverse_search_vertices(B.T)
    vy = reverse_search_vertices(A)
    ly = np.concatenate([vy.labels[:, n:], vy.labels[:, :n]], axis=1)
    pairs = complete_pairs(vx.masks, label_masks(ly), m, n)
    found: Profiles = {(tuple(vx.normalized(a)), tuple(vy.normalized(b))) for a, b in pairs}
    continuum = len({a for a, _ in pairs}) < len(pairs) or len({b for _, b in pairs}) < len(pairs)
    degenerate = bool((vx.labels.sum(axis=1) > m).any() or (vy.labels.sum(axis=1) > n).any())
    return found, continuum, degenerate


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.sampled_from([2, 3, 6, 1000]),
    st.sampled_from([1, 2**45 + 1]),
    st.data(),
)
def test_partners_on_faces_equal_the_matching_of_both_polytopes(m: int, n: int, high: int, scale: int,
                                                                 data: st.DataObject) -> None:
    # Entries in 1..2 or 1..3 make degenerate vertices and singular systems (faces enumerated exactly);
    # payoffs scaled by 2^45 + 1 (above the float limit) take the exact path for every system.
    entries = st.lists(st.lists(st.integers(1, high - 1) if high > 2 else st.just(1) | st.integers(1, 2),
                                min_size=n, max_size=n), min_size=m, max_size=m)
    A = np.array(data.draw(entries), dtype=object) * scale
    B = np.array(data.draw(entries), dtype=object)
    found = face_pairs(A, B)
    expected, continuum, degenerate = _hashed_profiles(A, B)
    assert {(tuple(x), tuple(y)) for x, y in found.profiles} == expected
    assert len(found.profiles) == len(expected) and found.complete
    assert found.continuum == continuum
    # only decided when a degenerate vertex was seen; then it is right
    assert found.game_degenerate in (None, True) and (found.game_degenerate is None or degenerate)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(0, 3), st.lists(st.integers(-3, 3), min_size=16, max_size=16),
       st.lists(st.integers(1, 9), min_size=4, max_size=4), st.integers(0, 40))
def test_float_filter_drops_only_systems_whose_exact_point_is_outside(s: int, extra: int, entries: list[int],
                                                                      rest: list[int], shift: int) -> None:
    # Nearly singular systems too: rows (1, 1 + 2^-k-ish) in integers, i.e. M = c * J + small perturbation.
    big = 2**shift
    M = [[big + entries[i * 4 + j] for j in range(s)] for i in range(s)]
    others = [[big + rest[j % 4] + i for j in range(s)] for i in range(extra)]
    A = np.array(M + others, dtype=object)
    rows = np.arange(s)[None, :]
    cols = np.arange(s)[None, :]
    outside, _ = _certainly_outside(A.astype(np.float64), rows, cols)
    if outside[0]:
        matrix = [[F(v) for v in row] for row in M]
        solution = _exact_solution(matrix)
        assert solution is not None  # a certified system is nonsingular
        in_q = all(v >= 0 for v in solution) and all(sum(F(a) * v for a, v in zip(row, solution)) <= 1
                                                       for row in others)
        assert not in_q


def _exact_solution(matrix: list[list[F]]) -> list[F] | None:
    """Gauss-Jordan in Fractions for ``matrix y = 1`` (None if singular): an independent reference."""
    s = len(matrix)
    rows = [[*row, F(1)] for row in matrix]
    for c in range(s):
        p = next((r for r in range(c, s) if rows[r][c] != 0), None)
        if p is None:
            return None
        rows[c], rows[p] = rows[p], rows[c]
        rows[c] = [v / rows[c][c] for v in rows[c]]
        for r in range(s):
            if r != c and rows[r][c] != 0:
                f = rows[r][c]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
    return [rows[i][s] for i in range(s)]


def _face_route(monkeypatch) -> list[int]:
    """Send every game through the one-polytope route (past the small-game pass and the both-polytope one).

    Returns a list that grows by one per call of the route, to check that it was taken.
    """
    import trigame.solve.nash.support as support

    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return face_pairs(*args, **kwargs)

    monkeypatch.setattr(support, "MAX_BASES", 0)
    monkeypatch.setattr(support, "ONE_POLYTOPE_BASES", 0)
    monkeypatch.setattr(support, "face_pairs", counted)
    return calls


def test_large_games_take_one_polytope_and_leave_degeneracy_undecided(monkeypatch) -> None:
    # The 7 x 7 coordination game: 127 equilibria (one per support, see above), a nondegenerate game.
    # Through the face route nothing shows Q's degeneracy, so it is not decided, and says so.
    import trigame.solve.nash.support as support

    game = tg.NormalFormGame.from_arrays(np.eye(7, dtype=int).tolist(), np.eye(7, dtype=int).tolist())
    monkeypatch.setattr(support, "MAX_BASES", 0)  # past the every-basis pass of small games
    both = extreme_equilibria(game)
    calls = _face_route(monkeypatch)
    one = extreme_equilibria(game)
    assert calls and _as_set(one) == _as_set(both) and len(one) == 127
    assert both.game_degenerate is False and one.game_degenerate is None
    assert any("not decided" in note for note in one.notes)
    assert one.complete and not one.degenerate


@pytest.mark.parametrize("seed", range(3))
def test_face_route_matches_gambit_and_nashpy_on_degenerate_games(seed: int, monkeypatch) -> None:
    # Payoffs in {0, 1, 2}: ties everywhere, continua of equilibria; Gambit's exact enummixed lists the
    # extreme equilibria, nashpy's vertex enumeration (floats) must find the same points.
    gbt = pytest.importorskip("pygambit")
    nashpy = pytest.importorskip("nashpy")
    from trigame.io.convert import to_pygambit

    calls = _face_route(monkeypatch)
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 3, (5, 6)), rng.integers(0, 3, (5, 6))
    game = tg.NormalFormGame.from_arrays(A.tolist(), B.tolist())
    eqs = extreme_equilibria(game)
    gambit_game = to_pygambit(game)
    result = gbt.nash.enummixed_solve(gambit_game, rational=True)
    expected = {tuple(tuple(F(eq[s]) for s in p.strategies) for p in gambit_game.players) for eq in result.equilibria}
    assert calls and _as_set(eqs) == expected and eqs.complete
    assert all(tg.is_nash(game, e, tol=0) for e in eqs)
    with np.errstate(all="ignore"):
        points = {tuple(np.round(np.concatenate(p), 6).tolist())
                  for p in nashpy.Game(A.astype(float), B.astype(float)).vertex_enumeration()}
    assert points == {tuple(round(float(p), 6) for v in prof for p in v) for prof in expected}


# ---------------------------------------------------------------------------- against lrsnash
def _lrsnash(A: np.ndarray, B: np.ndarray, tmp_path) -> Profiles:
    """Run lrsnash (lrslib) and read its equilibria: blocks of ``2 ...`` lines (column strategies) followed by
    ``1 ...`` lines (row strategies), every row strategy of a block paired with every column strategy of it."""
    import subprocess

    m, n = A.shape
    path = tmp_path / "game.txt"
    text = [f"{m} {n}", ""] + [" ".join(map(str, r)) for r in A.tolist()] + [""]
    path.write_text("\n".join(text + [" ".join(map(str, r)) for r in B.tolist()]) + "\n")
    out = subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True, timeout=600).stdout
    found: Profiles = set()
    columns: list[tuple[F, ...]] = []
    previous = ""
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "2":
            columns = [*columns, tuple(F(p) for p in parts[1:n + 1])] if previous == "2" else [
                tuple(F(p) for p in parts[1:n + 1])]
        elif parts and parts[0] == "1":
            found.update((tuple(F(p) for p in parts[1:m + 1]), column) for column in columns)
        previous = parts[0] if parts else ""
    return found


def _benchmark_game(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The games of benchmarks/bench_two_player.py."""
    size = int(name[-2:])
    if name.startswith("coord"):
        return np.eye(size, dtype=np.int64), np.eye(size, dtype=np.int64)
    rng = np.random.default_rng(0)
    return rng.integers(0, 1000, (size, size)), rng.integers(0, 1000, (size, size))


@pytest.mark.parametrize("name", ["coord10", "rand10",
                                  pytest.param("coord12", marks=pytest.mark.slow),
                                  pytest.param("rand14", marks=pytest.mark.slow)])
def test_same_equilibria_as_lrsnash_on_the_benchmark_games(name: str, tmp_path) -> None:
    import shutil

    if shutil.which("lrsnash") is None:
        pytest.skip("lrsnash (Debian package lrslib) is not installed")
    A, B = _benchmark_game(name)
    eqs = tg.equilibria(tg.NormalFormGame.from_arrays(A.tolist(), B.tolist()), method="support", max_bases=None)
    assert eqs.complete and _as_set(eqs) == _lrsnash(A, B, tmp_path)


def test_degenerate_game_same_extreme_equilibria_as_lrsnash(tmp_path, monkeypatch) -> None:
    import shutil


    if shutil.which("lrsnash") is None:
        pytest.skip("lrsnash (Debian package lrslib) is not installed")
    calls = _face_route(monkeypatch)
    rng = np.random.default_rng(3)
    A, B = rng.integers(0, 3, (6, 6)), rng.integers(0, 3, (6, 6))
    eqs = extreme_equilibria(tg.NormalFormGame.from_arrays(A.tolist(), B.tolist()))
    assert calls and eqs.complete and _as_set(eqs) == _lrsnash(A, B, tmp_path)


def test_face_enumeration_stops_at_the_work_budget() -> None:
    # All-ones payoffs: every vertex of P is degenerate (every column is a best response to every x),
    # so every partner needs a face of Q enumerated; a budget of one basis stops the first of them.
    A = np.ones((3, 3), dtype=object)
    B = np.ones((3, 3), dtype=object)
    vx = reverse_search_vertices(B.T)
    stopped = face_pairs(A, B, vertices_x=vx, budget=WorkBudget(1, what="x", unit="bases", option="max_bases"))
    assert not stopped.complete and "max_bases" in stopped.stopped
    full = face_pairs(A, B, vertices_x=vx)
    # P and Q are both {z >= 0 : z1 + z2 + z3 <= 1} (three copies of one constraint): vertices the unit
    # vectors.  Every profile is an equilibrium (all payoffs equal), the extreme ones the 3 x 3 pure pairs.
    assert full.complete and len(full.profiles) == 9 and full.game_degenerate and full.continuum
