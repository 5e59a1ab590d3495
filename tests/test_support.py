"""The 2-player ``support`` solver: hand-derived games, peers and invariants.

Expected values are derived by hand in the comments, taken from nashpy / pygambit,
or follow from invariances of Nash equilibrium (positive affine payoff changes,
relabelling strategies, swapping the players).
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.solve.nash._vertex import polytope_vertices
from trigame.solve.nash.support import extreme_equilibria
from trigame.testing import games

Profiles = set[tuple[tuple[F, ...], ...]]


def _solve(game: tg.NormalFormGame) -> tg.EquilibriumSet:
    return tg.equilibria(game, method="support")


def _as_set(eqs: tg.EquilibriumSet) -> Profiles:
    return {tuple(tuple(v.tolist()) for v in eq.strategies) for eq in eqs}


def _profile(x: list[F], y: list[F]) -> tuple[tuple[F, ...], ...]:
    return (tuple(F(v) for v in x), tuple(F(v) for v in y))


# ---------------------------------------------------------------------------- hand-derived games
def test_matching_pennies() -> None:
    # No pure equilibrium; each player mixes so that the other is indifferent: (1/2, 1/2) each.
    game = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    eqs = _solve(game)
    assert _as_set(eqs) == {_profile([F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)])}
    assert eqs.complete and not eqs.degenerate and eqs.game_degenerate is False
    assert eqs[0].payoffs == (0, 0)


def test_battle_of_the_sexes_three_equilibria() -> None:
    # A = [[2, 0], [0, 1]], B = [[1, 0], [0, 2]].  Pure: (s1, s1) and (s2, s2).  Mixed: the column
    # player is indifferent when 1 x1 = 2 x2, x = (2/3, 1/3); the row player when 2 y1 = 1 y2,
    # y = (1/3, 2/3).  Payoffs there: row 2/3, column 2/3.
    game = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = _solve(game)
    assert _as_set(eqs) == {
        _profile([1, 0], [1, 0]),
        _profile([0, 1], [0, 1]),
        _profile([F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]),
    }
    mixed = next(eq for eq in eqs if not eq.is_pure)
    assert mixed.payoffs == (F(2, 3), F(2, 3))
    assert not eqs.degenerate and eqs.game_degenerate is False


def test_degenerate_game_with_a_continuum() -> None:
    # A = [[1, 0], [0, 1]], B = 0: the column player is always indifferent, the row player
    # plays s1 when y1 > 1/2, s2 when y1 < 1/2, anything when y1 = 1/2.  The equilibria are
    #   {s1} x {y1 >= 1/2}  U  {s2} x {y1 <= 1/2}  U  (any x) x {(1/2, 1/2)},
    # three segments whose extreme points are
    #   (s1, s1), (s1, (1/2, 1/2)), (s2, s2), (s2, (1/2, 1/2)).
    # The pure row strategy s1 has both columns as best responses: the game is degenerate.
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    eqs = _solve(game)
    half = [F(1, 2), F(1, 2)]
    assert _as_set(eqs) == {
        _profile([1, 0], [1, 0]),
        _profile([1, 0], half),
        _profile([0, 1], [0, 1]),
        _profile([0, 1], half),
    }
    assert eqs.degenerate and eqs.game_degenerate
    assert eqs.notes
    # Every point of a segment between two extreme equilibria sharing x is an equilibrium.
    assert tg.is_nash(game, [[1, 0], [F(3, 4), F(1, 4)]])
    assert tg.is_nash(game, [[F(1, 3), F(2, 3)], half])


def test_one_row_game() -> None:
    # A 1x3 game: the row player has one strategy; the column player's payoffs (0, 5, 5) make
    # columns 2 and 3 best responses, so the extreme equilibria are the two pure ones and every
    # mix of columns 2 and 3 is an equilibrium (a continuum; one strategy, two best responses).
    game = tg.NormalFormGame.from_arrays([[3, 1, 2]], [[0, 5, 5]])
    eqs = _solve(game)
    assert _as_set(eqs) == {_profile([1], [0, 1, 0]), _profile([1], [0, 0, 1])}
    assert eqs.degenerate and eqs.game_degenerate


def test_one_column_game() -> None:
    # A 3x1 game: the row player's payoffs (1, 3, 2) against the single column make s2 the
    # unique best response: one pure equilibrium, nondegenerate.
    game = tg.NormalFormGame.from_arrays([[1], [3], [2]], [[4], [4], [4]])
    eqs = _solve(game)
    assert _as_set(eqs) == {_profile([0, 1, 0], [1])}
    assert not eqs.degenerate and eqs.game_degenerate is False


def test_one_by_one_game() -> None:
    eqs = _solve(tg.NormalFormGame.from_arrays([[F(7, 3)]], [[-2]]))
    assert _as_set(eqs) == {_profile([1], [1])}


def test_float_game_gives_float_probabilities() -> None:
    game = tg.NormalFormGame.from_arrays([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    eqs = _solve(game)
    assert len(eqs) == 3
    assert eqs.contains([[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    assert all(v.dtype == np.float64 for eq in eqs for v in eq.strategies)


def test_rock_paper_scissors_unique_uniform() -> None:
    # Zero-sum with value 0: against uniform play every strategy earns 0, and any other
    # strategy of one player is exploited by a pure reply, so uniform play is the unique equilibrium.
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    B = [[-a for a in row] for row in A]
    eqs = _solve(tg.NormalFormGame.from_arrays(A, B))
    third = [F(1, 3)] * 3
    assert _as_set(eqs) == {_profile(third, third)}
    assert eqs[0].payoffs == (0, 0)


# ---------------------------------------------------------------------------- vertex enumeration
def test_every_basis_of_a_degenerate_vertex_is_visited() -> None:
    # M = all ones (k x d): the polytope is the simplex {z >= 0, sum z <= 1} with every
    # constraint repeated k times.  Its vertices are the unit vectors; e_i has d - 1 + k labels
    # and k feasible bases (z_i with k - 1 of the k slacks); the origin has one.
    k, d = 3, 4
    for exact in (True, False):
        M = np.ones((k, d), dtype=object if exact else np.float64)
        vertices = polytope_vertices(M, exact=exact)
        assert len(vertices) == d
        assert vertices.bases == 1 + d * k
        assert (vertices.labels.sum(axis=1) == d - 1 + k).all()
        assert sorted(tuple(float(p) for p in vertices.normalized(i)) for i in range(d)) == sorted(
            tuple(float(i == j) for j in range(d)) for i in range(d)
        )


def test_quadrilateral_vertices() -> None:
    # 2 z1 + z2 <= 1, z1 + 2 z2 <= 1, z >= 0: vertices (1/2, 0), (0, 1/2), (1/3, 1/3) besides the
    # origin; scaled to sum 1 they are (1, 0), (0, 1), (1/2, 1/2).
    vertices = polytope_vertices(np.array([[2, 1], [1, 2]], dtype=object), exact=True)
    assert sorted(tuple(map(str, vertices.normalized(i))) for i in range(len(vertices))) == [
        ("0", "1"),
        ("1", "0"),
        ("1/2", "1/2"),
    ]


@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1), st.booleans())
def test_dense_pass_and_basis_search_find_the_same_vertices(k: int, d: int, seed: int, ties: bool) -> None:
    # Two independent routes to the float vertices: all bases solved at once, and the pivoting
    # search.  With ties (small integer entries) the dense pass meets singular bases and hands
    # over to the search; the exact integer search is the reference then.
    rng = np.random.default_rng(seed)
    M = rng.integers(1, 3, (k, d)).astype(float) if ties else rng.uniform(1, 2, (k, d))
    dense = polytope_vertices(M, exact=False, dense=True)
    search = polytope_vertices(M, exact=False, dense=False)

    def points(v: object) -> list[tuple[float, ...]]:
        return sorted(tuple(np.round(np.asarray(v.normalized(i), dtype=float), 9)) for i in range(len(v)))  # type: ignore[attr-defined]

    assert points(dense) == points(search)
    if ties:
        exact = polytope_vertices(M.astype(int).astype(object), exact=True)
        assert points(exact) == points(search)


# ---------------------------------------------------------------------------- bad input
def test_three_players_is_refused() -> None:
    game = tg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(tg.MethodError, match="2-player"):
        _solve(game)
    with pytest.raises(tg.MethodError, match="2-player"):
        extreme_equilibria(game)


def test_one_player_is_refused() -> None:
    with pytest.raises(tg.MethodError, match="2-player"):
        _solve(tg.NormalFormGame([[1, 2, 3]]))


def test_symbolic_game_is_refused() -> None:
    sp = pytest.importorskip("sympy")
    b = sp.Symbol("b")
    game = tg.NormalFormGame.from_arrays([[b, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, b, 0]])
    with pytest.raises(tg.UnsupportedGameError):
        _solve(game)
    with pytest.raises(tg.UnsupportedGameError):
        extreme_equilibria(game)


def test_not_a_game_is_refused() -> None:
    with pytest.raises(tg.UnsupportedGameError):
        extreme_equilibria([[1, 2], [3, 4]])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- properties
SIZES = (1, 2, 3, 4)


def _check_flags(eqs: tg.EquilibriumSet) -> None:
    assert eqs.complete
    xs = [tuple(eq.strategies[0].tolist()) for eq in eqs]
    ys = [tuple(eq.strategies[1].tolist()) for eq in eqs]
    assert eqs.degenerate == (len(set(xs)) < len(xs) or len(set(ys)) < len(ys))
    if eqs.degenerate:
        assert eqs.game_degenerate


@given(games(n_players=2, n_strategies=SIZES, payoffs="integers", degenerate=True))
def test_degenerate_integer_games_are_solved_exactly(game: tg.NormalFormGame) -> None:
    eqs = _solve(game)
    assert len(eqs) >= 1  # every finite game has an equilibrium
    for eq in eqs:
        assert eq.exact and tg.is_nash(game, eq)
    _check_flags(eqs)


def _gambit_set(game: tg.NormalFormGame) -> Profiles:
    gbt = pytest.importorskip("pygambit")
    from trigame.io.convert import to_pygambit

    gambit_game = to_pygambit(game)
    result = gbt.nash.enummixed_solve(gambit_game, rational=True)
    return {
        tuple(tuple(F(eq[s]) for s in player.strategies) for player in gambit_game.players)
        for eq in result.equilibria
    }


@given(games(n_players=2, n_strategies=SIZES, payoffs="integers", degenerate=True))
def test_agrees_with_gambit_on_degenerate_integer_games(game: tg.NormalFormGame) -> None:
    assert _as_set(_solve(game)) == _gambit_set(game)


@given(games(n_players=2, n_strategies=(2, 3, 4, 5), payoffs="integers", max_value=6))
def test_agrees_with_gambit_on_integer_games(game: tg.NormalFormGame) -> None:
    assert _as_set(_solve(game)) == _gambit_set(game)


@given(games(n_players=2, n_strategies=SIZES, payoffs="fractions"))
def test_agrees_with_gambit_on_fraction_games(game: tg.NormalFormGame) -> None:
    assert _as_set(_solve(game)) == _gambit_set(game)


@given(games(n_players=2, n_strategies=SIZES, payoffs="integers", degenerate=True))
def test_float_version_of_degenerate_games(game: tg.NormalFormGame) -> None:
    exact = _solve(game)
    floats = _solve(game.as_float())
    assert floats.complete and floats.degenerate == exact.degenerate
    assert len(floats) == len(exact)
    for eq in exact:
        assert floats.contains([np.array([float(p) for p in v]) for v in eq.strategies], tol=1e-8)


@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_agrees_with_nashpy_on_random_float_games(m: int, n: int, seed: int) -> None:
    # Uniform random payoffs give a nondegenerate game with probability 1, where nashpy's
    # support enumeration is complete.
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    A, B = rng.uniform(-10, 10, (m, n)), rng.uniform(-10, 10, (m, n))
    game = tg.NormalFormGame.from_arrays(A, B)
    eqs = _solve(game)
    assert eqs.game_degenerate is False and not eqs.degenerate
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        theirs = list(nash.Game(A, B).support_enumeration())
    # nashpy 0.0.43 sometimes misses an equilibrium of such games (e.g. seed 1124 with m, n = 3, 2,
    # where Gambit finds three and nashpy two), so: nothing nashpy finds is missing here, and
    # the count equals Gambit's exact enumeration.
    for x, y in theirs:
        assert eqs.contains([x, y], tol=1e-6)
    try:
        assert len(eqs) == len(_gambit_set(game.as_exact()))
    except pytest.skip.Exception:
        assert len(eqs) >= len(theirs)


def test_equilibrium_that_nashpy_support_enumeration_misses() -> None:
    # Rows s2 and s4 are copies (row payoff 0 everywhere, column payoffs (0, 0, 1)).
    # Besides the pure equilibria (s1, s2) and (s3, s3) there is a mixed one:
    #   x = (1/2, 0, 1/2, 0): column payoffs (0, 1/2, 1/2), so s2 and s3 are best responses;
    #   y = (0, 1/3, 2/3): row payoffs (2/3, 0, 2/3, 0), so s1 and s3 are best responses.
    # nashpy 0.0.43's support_enumeration returns only the two pure ones (its
    # vertex_enumeration and Gambit find all three).
    A = [[0.75, 2, 0], [0, 0, 0], [3, 0, 1], [0, 0, 0]]
    B = [[0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1]]
    for game in (tg.NormalFormGame.from_arrays(A, B), tg.NormalFormGame.from_arrays(A, B).as_exact()):
        eqs = _solve(game)
        assert len(eqs) == 3
        assert eqs.contains([[1, 0, 0, 0], [0, 1, 0]])
        assert eqs.contains([[0, 0, 1, 0], [0, 0, 1]])
        assert eqs.contains([[F(1, 2), 0, F(1, 2), 0], [0, F(1, 3), F(2, 3)]])


@st.composite
def _affine(draw: st.DrawFn) -> tuple[int, F, F]:
    player = draw(st.integers(0, 1))
    scale = F(draw(st.integers(1, 9)), draw(st.integers(1, 5)))
    shift = F(draw(st.integers(-20, 20)), draw(st.integers(1, 3)))
    return player, scale, shift


@given(games(n_players=2, n_strategies=SIZES, payoffs="integers", degenerate=True), _affine())
def test_invariant_under_positive_affine_payoff_change(game: tg.NormalFormGame, change: tuple[int, F, F]) -> None:
    player, scale, shift = change
    arrays = [game.payoffs[0], game.payoffs[1]]
    arrays[player] = arrays[player] * scale + shift
    changed = tg.NormalFormGame.from_arrays(*arrays)
    before, after = _solve(game), _solve(changed)
    assert _as_set(before) == _as_set(after)
    assert (before.degenerate, before.game_degenerate) == (after.degenerate, after.game_degenerate)


@given(games(n_players=2, n_strategies=SIZES, payoffs="integers", degenerate=True), st.randoms())
def test_invariant_under_relabelling_and_swapping(game: tg.NormalFormGame, rnd: object) -> None:
    m, n = game.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)  # type: ignore[attr-defined]
    rnd.shuffle(cols)  # type: ignore[attr-defined]
    original = _as_set(_solve(game))
    permuted = _as_set(_solve(game.permute(strategies=[rows, cols])))
    # New strategy k of a player is its old strategy order[k].
    assert permuted == {(tuple(x[r] for r in rows), tuple(y[c] for c in cols)) for x, y in original}
    swapped = _solve(game.permute(players=[1, 0]))
    assert _as_set(swapped) == {(y, x) for x, y in original}


def test_larger_random_exact_game_against_gambit() -> None:
    # A 7x6 game with payoffs in [-20, 20]: exercises big Bareiss determinants.
    rng = np.random.default_rng(7)
    game = tg.NormalFormGame.from_arrays(rng.integers(-20, 21, (7, 6)).tolist(), rng.integers(-20, 21, (7, 6)).tolist())
    assert _as_set(_solve(game)) == _gambit_set(game)


# ---------------------------------------------------------------------------- hostile options
PD = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])


@pytest.mark.parametrize("tol", [-1, float("nan"), float("inf"), 10, 0.01, "x", None, True])
@pytest.mark.parametrize("method", ["support", "pure", "auto"])
def test_bad_tolerances_are_refused(tol: object, method: str) -> None:
    # Before: support with tol=-1, NaN or 10 returned no equilibrium and complete=True.
    with pytest.raises(tg.errors.ParameterError, match="tol"):
        tg.equilibria(PD, method=method, tol=tol)
    with pytest.raises(tg.errors.ParameterError, match="tol"):
        extreme_equilibria(PD, tol=tol)  # type: ignore[arg-type]


@pytest.mark.parametrize("tol", [0, 0.0, 1e-12, 1e-3])
def test_tolerances_in_range_are_accepted(tol: float) -> None:
    # The Prisoner's Dilemma has the one equilibrium (Defect, Defect), whatever the tolerance.
    for method in ("support", "pure", "auto"):
        assert [e.support for e in tg.equilibria(PD.as_float(), method=method, tol=tol)] == [((1,), (1,))]


def test_unknown_options_and_games_are_refused() -> None:
    with pytest.raises(tg.errors.ParameterError, match=r"foo.*tol"):
        tg.equilibria(PD, foo=1)
    with pytest.raises(tg.errors.ParameterError, match=r"'support'.*max_bases"):
        tg.equilibria(PD, method="support", foo=1)
    with pytest.raises(tg.TrigameError):
        tg.pure_equilibria(None)  # type: ignore[arg-type]
    with pytest.raises(tg.TrigameError):
        tg.equilibria(None)  # type: ignore[arg-type]


def test_an_empty_complete_set_is_an_internal_error() -> None:
    # Every finite game has an equilibrium (Nash 1951): a solver claiming a complete empty set is wrong.
    from trigame.solve.nash._common import build_set

    with pytest.raises(tg.errors.SolverError, match="Nash 1951"):
        build_set(PD, [], method="support", complete=True)
    # a candidate that fails the check is dropped and the set marked incomplete, not an error
    eqs = build_set(PD, [[[1, 0], [1, 0]]], method="support", complete=True)
    assert len(eqs) == 0 and not eqs.complete and eqs.notes


# ------------------------------------------------------------------------------- memory of the face route
def _least_memory(complete_with: object) -> int:
    """The smallest ``max_memory`` (bytes) with which ``complete_with(max_memory)`` finishes, by bisection."""
    low, high = 1, 10**7
    while low < high:
        middle = (low + high) // 2
        if complete_with(middle):  # type: ignore[operator]
            high = middle
        else:
            low = middle + 1
    return low


def test_face_route_counts_the_vertices_of_p_against_max_memory() -> None:
    # All-ones 4 x 4 payoffs: P = Q = {z >= 0 : z1 + ... + z4 <= 1}, every vertex of P degenerate, so each
    # partner set is a face of Q enumerated by its own reverse search while P's vertices are kept.  The
    # budget covers both together: the least budget with which the face's search alone finishes is not
    # enough once P's vertices are held too; that budget plus the least one of P's own search is.
    from trigame.solve.nash._face_pairs import face_pairs
    from trigame.solve.nash._reverse_search import reverse_search_vertices

    A = np.ones((4, 4), dtype=object)
    B = np.ones((4, 4), dtype=object)
    vertices_x = reverse_search_vertices(B.T)
    assert len(vertices_x) == 4  # the unit vectors
    face_alone = _least_memory(lambda limit: reverse_search_vertices(A, max_memory=limit).complete)
    p_alone = _least_memory(lambda limit: reverse_search_vertices(B.T, max_memory=limit).complete)
    short = face_pairs(A, B, vertices_x=vertices_x, max_memory=face_alone)
    assert not short.complete and "max_memory" in short.stopped
    whole = face_pairs(A, B, vertices_x=vertices_x, max_memory=face_alone + p_alone)
    assert whole.complete and len(whole.profiles) == 16  # every pure profile is an equilibrium
