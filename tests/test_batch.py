"""tg.batch: vectorised equilibria of 2x2 and 2x2x2 games against the scalar solvers, peers and hand derivations.

Expected values come from hand derivations (in the comments), from the scalar solvers
(``closed_form``, ``support``, ``polynomial``), from pygambit, or from invariances
(positive affine payoff changes, relabelled strategies and players, Wilson's oddness
theorem for nondegenerate games).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import trigame as tg
from trigame.errors import GameShapeError, PayoffTypeError, PayoffValueError, TrigameError
from trigame.solve.batch._exact import _solve_exact_group

TOL = 1e-7


def batch_set(res: tg.batch.BatchEquilibria, g: int) -> list[np.ndarray]:
    return [res.probabilities[g, k] for k in range(int(res.count[g]))]


def scalar_set(payoffs: np.ndarray, method: str = "closed_form") -> tuple[list[np.ndarray], bool]:
    array = np.asarray(payoffs)
    game = tg.NormalFormGame(array.tolist() if array.dtype.kind in "iuO" else array)
    eqs = tg.equilibria(game, method=method)
    return [np.array([float(v[0]) for v in e.strategies]) for e in eqs], eqs.degenerate


def same_set(a: list[np.ndarray], b: list[np.ndarray], tol: float = TOL) -> bool:
    return len(a) == len(b) and all(any(np.allclose(x, y, atol=tol) for y in b) for x in a) and all(
        any(np.allclose(x, y, atol=tol) for y in a) for x in b)


def assert_matches_closed_form(P: np.ndarray, res: tg.batch.BatchEquilibria) -> None:
    for g in range(len(P)):
        expected, continuum = scalar_set(P[g])
        found = batch_set(res, g)
        assert same_set(found, expected), (P[g].tolist(), found, expected)
        # the canonical order is the scalar solver's order
        assert all(np.allclose(x, y, atol=TOL) for x, y in zip(found, expected)), (found, expected)
        assert res.continuum[g] == continuum, P[g].tolist()
        assert res.degenerate[g] or not continuum
        if not res.degenerate[g]:  # Wilson (1971): a nondegenerate game has an odd number of equilibria
            assert res.count[g] % 2 == 1, P[g].tolist()


small_ints_2x2 = arrays(np.int64, (6, 2, 2, 2), elements=st.integers(-2, 2))
small_ints_2x2x2 = arrays(np.int64, (4, 3, 2, 2, 2), elements=st.integers(-2, 2))


# ------------------------------------------------------------------------------------------------ hand derivations
def test_classic_2x2_games_by_hand() -> None:
    pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]  # defect (second) strictly dominant: (0, 0) only
    bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]  # x = 2/3 makes player 2 indifferent: x*1 = (1-x)*2
    pennies = [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]  # unique equilibrium (1/2, 1/2)
    res = tg.batch.equilibria(np.array([pd, bos, pennies]))
    assert res.count.tolist() == [1, 3, 1]
    assert batch_set(res, 0)[0].tolist() == [0.0, 0.0]
    assert np.allclose(res.probabilities[1, :3], [[1, 1], [0, 0], [2 / 3, 1 / 3]])
    assert np.allclose(res.probabilities[2, 0], [0.5, 0.5])
    assert np.isnan(res.probabilities[0, 1:]).all() and np.isnan(res.probabilities[2, 1:]).all()
    # expected payoffs: PD (1, 1); BoS mixed: player 1 gets 2 y = 2/3, player 2 gets 1 x = 2/3; pennies (0, 0)
    assert np.allclose(res.payoffs[0, 0], [1, 1])
    assert np.allclose(res.payoffs[1, 2], [2 / 3, 2 / 3])
    assert np.allclose(res.payoffs[2, 0], [0, 0])
    assert not res.degenerate.any() and not res.continuum.any()


def test_2x2x2_cyclic_game_by_hand() -> None:
    # Advantages (first minus second strategy): D1 = q - 1/2, D2 = r - 1/3, D3 = p - 1/4, second strategies pay 0.
    # Pure: (1,1,1) and (0,0,0) (each player copies the next one); two players mixing needs a pure third
    # player to make a mixer indifferent, impossible; all three mixing: q = 1/2, r = 1/3, p = 1/4.
    P = np.zeros((3, 2, 2, 2), dtype=object)
    for p_, q_, r_ in np.ndindex(2, 2, 2):
        p, q, r = 1 - p_, 1 - q_, 1 - r_
        P[0, 0, q_, r_] = Fraction(q) - Fraction(1, 2)
        P[1, p_, 0, r_] = Fraction(r) - Fraction(1, 3)
        P[2, p_, q_, 0] = Fraction(p) - Fraction(1, 4)
    P[0, 1] = P[1, :, 1] = P[2, :, :, 1] = Fraction(0)
    res = tg.batch.equilibria(P[None])
    assert res.count.tolist() == [3]
    assert np.allclose(res.probabilities[0], [[1, 1, 1], [0, 0, 0], [0.25, 0.5, 1 / 3]])
    assert not res.continuum[0] and not res.degenerate[0]
    assert res.supports[0].tolist() == [[0, 0, 0], [1, 1, 1], [2, 2, 2]]


def test_continuum_and_irrelevant_ties_2x2() -> None:
    # Player 2's second column is strictly dominant; player 1 is indifferent against it: every (x, 0) is an
    # equilibrium, extreme points (1, 0) and (0, 0): a continuum.
    continuum = [[[3, 0], [5, 0]], [[3, 5], [0, 1]]]
    # Player 1 is indifferent only against column 1, which player 2 never plays: unique equilibrium (0, 0), regular.
    irrelevant = [[[3, 0], [3, 1]], [[0, 1], [0, 1]]]
    res = tg.batch.equilibria(np.array([continuum, irrelevant]))
    assert res.count.tolist() == [2, 1]
    assert res.probabilities[0, :2].tolist() == [[1.0, 0.0], [0.0, 0.0]]
    assert res.continuum.tolist() == [True, False]
    assert res.degenerate.tolist() == [True, False]
    assert res.game_equilibria(0).degenerate and not res[1].degenerate


def test_irrelevant_tie_2x2x2_stays_on_the_fast_path() -> None:
    # Player 3 strictly prefers its first strategy everywhere; players 1 and 2 play Prisoner's Dilemma against it.
    # Player 1 is indifferent when players 2 and 3 play their second strategies; player 3 never does, so the
    # tie does not matter: one regular equilibrium.
    P = np.zeros((3, 2, 2, 2))
    P[0, :, :, 0] = [[3, 0], [5, 1]]
    P[0, :, :, 1] = [[3, 0], [5, 0]]
    P[1, :, :, 1] = [[1, 2], [0, 3]]
    P[1, :, :, 0] = [[3, 5], [0, 1]]
    P[2, :, :, 0] = 1.0
    res = tg.batch.equilibria(P[None])
    assert res.count.tolist() == [1] and res.probabilities[0, 0].tolist() == [0.0, 0.0, 1.0]
    assert not res.degenerate[0] and not res.exact_path[0]


# ------------------------------------------------------------------------------------------------ scalar solvers
@given(small_ints_2x2)
def test_2x2_equals_closed_form_and_support(P: np.ndarray) -> None:
    res = tg.batch.equilibria(P)
    assert_matches_closed_form(P, res)
    for g in range(len(P)):
        expected, continuum = scalar_set(P[g], "support")  # vertex enumeration: all extreme equilibria
        assert same_set(batch_set(res, g), expected)
        assert res.continuum[g] == continuum


@settings(max_examples=15)
@given(small_ints_2x2x2)
def test_2x2x2_equals_closed_form_on_small_integer_games(P: np.ndarray) -> None:
    assert_matches_closed_form(P, tg.batch.equilibria(P))


@pytest.mark.parametrize("scale", ["normal", "quarters", "tenths"])
def test_2x2x2_equals_closed_form_on_random_float_games(scale: str) -> None:
    rng = np.random.default_rng(7)
    shape = (150, 3, 2, 2, 2)
    P = {"normal": rng.normal(size=shape), "quarters": rng.integers(-8, 9, shape) / 4,
         "tenths": rng.integers(-20, 21, shape) * 0.1}[scale]
    res = tg.batch.equilibria(P)
    assert_matches_closed_form(P, res)
    if scale == "normal":
        assert not res.degenerate.any() and not res.exact_path.any()


def test_2x2x2_equals_polynomial_solver_on_nondegenerate_games() -> None:
    P = np.random.default_rng(11).integers(-50, 51, (12, 3, 2, 2, 2))
    res = tg.batch.equilibria(P)
    assert (~res.degenerate).sum() >= 8
    for g in np.flatnonzero(~res.degenerate):
        expected, _ = scalar_set(P[g], "polynomial")
        assert same_set(batch_set(res, g), expected)


@settings(max_examples=20)
@given(small_ints_2x2x2)
def test_every_profile_is_a_nash_equilibrium(P: np.ndarray) -> None:
    res = tg.batch.equilibria(P)
    for g in range(len(P)):
        game = tg.NormalFormGame(P[g].tolist())
        for x in batch_set(res, g):
            assert tg.is_nash(game, [[p, 1 - p] for p in x.tolist()], tol=1e-9)


def test_payoffs_and_outcomes_match_the_profiles() -> None:
    P = np.random.default_rng(3).normal(size=(50, 3, 2, 2, 2))
    res = tg.batch.equilibria(P)
    outcomes = res.outcome_probabilities()
    for g in range(len(P)):
        game = tg.NormalFormGame(P[g])
        for k, x in enumerate(batch_set(res, g)):
            assert np.allclose(res.payoffs[g, k], game.expected_payoffs([[p, 1 - p] for p in x]))
            assert np.isclose(outcomes[g, k].sum(), 1.0)
            assert np.allclose((outcomes[g, k] * P[g]).sum(axis=(1, 2, 3)), res.payoffs[g, k])


# ------------------------------------------------------------------------------------------------ peers
def test_2x2_equals_pygambit_enummixed() -> None:
    gbt = pytest.importorskip("pygambit")
    from ._peers import gambit_from_arrays, gambit_profile

    P = np.random.default_rng(5).integers(-3, 4, (60, 2, 2, 2))
    res = tg.batch.equilibria(P)
    for g in range(len(P)):
        game = gambit_from_arrays(gbt, P[g, 0], P[g, 1])
        found = [np.array([float(v[0]) for v in gambit_profile(eq, game)])
                 for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria]
        assert same_set(batch_set(res, g), found), P[g].tolist()


def test_2x2_equals_nashpy_on_nondegenerate_games() -> None:
    nash = pytest.importorskip("nashpy")
    P = np.random.default_rng(8).normal(size=(40, 2, 2, 2))
    res = tg.batch.equilibria(P)
    for g in range(len(P)):
        found = [np.array([s[0][0], s[1][0]]) for s in nash.Game(P[g, 0], P[g, 1]).vertex_enumeration()]
        assert same_set(batch_set(res, g), found)


def test_2x2x2_contains_pygambit_enumpoly() -> None:
    pytest.importorskip("pygambit")
    from ._peers import gambit_enumpoly

    P = np.random.default_rng(9).integers(0, 10, (10, 3, 2, 2, 2))
    res = tg.batch.equilibria(P)
    for g, found in enumerate(gambit_enumpoly(P, timeout=3.0)):
        if found is None:  # enumpoly hung on this game
            continue
        for eq in found:
            x = np.array([v[0] for v in eq])
            assert any(np.allclose(x, y, atol=1e-6) for y in batch_set(res, g)), (P[g].tolist(), eq)


# ------------------------------------------------------------------------------------------------ invariances
def _sorted(rows: list[np.ndarray]) -> list[tuple[float, ...]]:
    return sorted(tuple(np.round(r, 9)) for r in rows)


@settings(max_examples=15)
@given(small_ints_2x2x2, st.lists(st.integers(1, 5), min_size=3, max_size=3),
       st.lists(st.integers(-5, 5), min_size=3, max_size=3))
def test_invariant_under_positive_affine_transformations(P: np.ndarray, a: list[int], b: list[int]) -> None:
    Q = P * np.array(a)[None, :, None, None, None] + np.array(b)[None, :, None, None, None]
    r1, r2 = tg.batch.equilibria(P), tg.batch.equilibria(Q)
    assert r1.count.tolist() == r2.count.tolist()
    assert np.allclose(r1.probabilities, r2.probabilities, equal_nan=True)
    assert r1.degenerate.tolist() == r2.degenerate.tolist() and r1.continuum.tolist() == r2.continuum.tolist()


@settings(max_examples=15)
@given(small_ints_2x2x2, st.permutations([0, 1, 2]), st.integers(0, 2))
def test_invariant_under_relabelling_players_and_strategies(P: np.ndarray, order: list[int], flip: int) -> None:
    # players permuted: payoffs[new i][s in new order] = payoffs[order[i]][...]
    Q = np.transpose(P[:, order], (0, 1, *(2 + k for k in order)))
    Q = np.flip(Q, axis=2 + flip)  # player `flip` (new numbering) swaps its two strategies
    r1, r2 = tg.batch.equilibria(P), tg.batch.equilibria(Q)
    assert r1.degenerate.tolist() == r2.degenerate.tolist() and r1.continuum.tolist() == r2.continuum.tolist()
    for g in range(len(P)):
        mapped = []
        for x in batch_set(r1, g):
            y = x[order].copy()
            y[flip] = 1 - y[flip]
            mapped.append(y)
        # continua: both list a point of every component, not necessarily the same points
        if not r1.continuum[g]:
            assert _sorted(mapped) == _sorted(batch_set(r2, g))


# ------------------------------------------------------------------------------------------------ shapes, views
def test_batch_shape_views_and_labels() -> None:
    from trigame.models import QuasiAlliance

    fear = np.linspace(0, 1, 5)
    tensor = QuasiAlliance.payoff_tensor(fear_japan=fear[:, None], fear_rok=fear[None, :])
    res = tg.batch.equilibria(tensor)
    assert res.count.shape == (5, 5) and res.probabilities.shape[:2] == (5, 5) and len(res) == 25
    for i in range(5):
        for j in range(5):
            model = QuasiAlliance(fear_japan=float(fear[i]), fear_rok=float(fear[j]))
            eqs = model.equilibria()
            assert same_set(batch_set_at(res, (i, j)), [np.array([float(v[0]) for v in e.strategies]) for e in eqs])
            assert res[(i, j)].contains(eqs[0]) and res[i * 5 + j].game.payoffs.shape == (2, 2, 2)
    labels = res.set_labels(["Japan", "South Korea"], [["Cooperate", "Friction"]] * 2)
    assert labels.shape == (5, 5)
    # Cha: both fear abandonment (fear = 1 each) -> cooperation is an equilibrium
    assert "Japan: Cooperate, South Korea: Cooperate" in labels[4, 4]


def batch_set_at(res: tg.batch.BatchEquilibria, index: tuple[int, ...]) -> list[np.ndarray]:
    return [res.probabilities[index][k] for k in range(int(res.count[index]))]


def test_n_players_override_for_ambiguous_shapes() -> None:
    P = np.random.default_rng(1).normal(size=(4, 3, 2, 2, 2))
    assert tg.batch.equilibria(P).n_players == 3
    as_2x2 = tg.batch.equilibria(P, n_players=2)
    assert as_2x2.n_players == 2 and as_2x2.count.shape == (4, 3)


def test_fraction_input_is_exact_and_float_near_ties_are_flagged() -> None:
    bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
    exact = np.array([bos], dtype=object) * Fraction(1, 3)
    res = tg.batch.equilibria(exact)
    assert np.allclose(res.probabilities[0, 2], [2 / 3, 1 / 3])
    # a tie broken by 1e-13: the game as given has three regular equilibria (as the scalar solver says), but it is
    # within tol of a game in which (1, 1) is not strict
    near = np.array([[[[1.0, 0.0], [1.0 - 1e-13, 1.0]], [[1.0, 0.0], [0.0, 1.0]]]])
    res = tg.batch.equilibria(near)
    expected, continuum = scalar_set(near[0])
    assert same_set(batch_set(res, 0), expected) and res.continuum[0] == continuum
    assert res.degenerate[0]
    assert not tg.batch.equilibria(near, tol=1e-15).degenerate[0]


def test_empty_batch() -> None:
    res = tg.batch.equilibria(np.zeros((0, 3, 2, 2, 2)))
    assert len(res) == 0 and res.probabilities.shape[0] == 0


# ------------------------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize(("payoffs", "error", "words"), [
    (np.zeros((5, 2, 3, 2)), GameShapeError, "exactly 2 strategies"),
    (np.zeros((5, 4, 2, 2, 2, 2)), GameShapeError, "2 or 3 players"),
    (np.zeros((2, 2)), GameShapeError, "not a batch"),
    (np.zeros((5, 2, 2, 2), dtype=bool), PayoffTypeError, "booleans"),
    (np.array([[[["a", "b"], ["c", "d"]], [["a", "b"], ["c", "d"]]]]), PayoffTypeError, "numeric"),
    (np.full((1, 2, 2, 2), np.nan), PayoffValueError, "finite"),
    (np.full((1, 2, 2, 2), np.inf), PayoffValueError, "finite"),
    (np.zeros((1, 2, 2, 2), dtype=complex), PayoffTypeError, "numeric"),
])
def test_bad_input(payoffs: np.ndarray, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        tg.batch.equilibria(payoffs)


def test_bad_options_and_indices() -> None:
    sympy = pytest.importorskip("sympy")
    symbolic = np.full((1, 2, 2, 2), sympy.Symbol("b"), dtype=object)
    with pytest.raises(PayoffTypeError, match="subs"):
        tg.batch.equilibria(symbolic)
    with pytest.raises(TrigameError, match="tol"):
        tg.batch.equilibria(np.zeros((1, 2, 2, 2)), tol=-1)
    with pytest.raises(GameShapeError, match="n_players"):
        tg.batch.equilibria(np.zeros((1, 2, 2, 2)), n_players=4)
    res = tg.batch.equilibria(np.zeros((2, 2, 2, 2)))
    with pytest.raises(IndexError):
        res[5]
    assert res.continuum.all() and res.degenerate.all()  # every profile of the zero game is an equilibrium


def test_equilibrium_a_hair_from_another_is_kept() -> None:
    # A random normal game (benchmark seed 2024) with a totally mixed equilibrium whose q is about 2.9e-8, next to
    # the equilibrium (0.9104, 0, 0.1256) where player 2 plays pure: both are equilibria (checked by tg.is_nash), and
    # the game is nondegenerate, so by Wilson's oddness theorem the count is odd (7, not 6).
    P = np.array([
        [[[-0.1980999887555393, 0.8387424076792825], [-0.005254816512162074, 0.5708293127154677]],
         [[0.0845562083788191, -0.9312408667789122], [-0.636648893069322, 0.6615528377102405]]],
        [[[-1.3067636716682156, 0.0826822987100937], [1.4436870208384502, -0.397279253106402]],
         [[1.7971645426432343, -0.9028987227044298], [-0.4950258953809041, 0.2873702647843631]]],
        [[[0.9204966759260081, 0.9710043745660321], [0.8322441206179956, 0.6293493649738315]],
         [[-0.4009628899709833, 1.3764495864556163], [-1.1502644690209909, 0.9106405976200671]]]])
    res = tg.batch.equilibria(P[None])
    assert res.count[0] == 7 and not res.degenerate[0]
    found = batch_set(res, 0)
    assert any(0 < x[1] < 1e-6 for x in found) and any(x[1] == 0 and 0 < x[0] < 1 and 0 < x[2] < 1 for x in found)
    game = tg.NormalFormGame(P)
    assert all(tg.is_nash(game, [[p, 1 - p] for p in x]) for x in found)


# ------------------------------------------------------------------------------------------------ degenerate 2x2x2
def _regular(e: list[np.ndarray], x: list, is_zero) -> bool:  # type: ignore[no-untyped-def]
    """Scalar reference: is the equilibrium ``x`` regular (Harsanyi 1973)?  One game, exact or float arithmetic.

    A pure player must strictly prefer its strategy; the Jacobian ``J[i][j] = dD_i/dx_j`` of the mixers'
    indifference conditions must be nonsingular (zero diagonal; for three mixers det J = J01 J12 J20 + J02 J21 J10).
    """
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def D(i: int, at: list) -> object:
        j, k = others[i]
        t, p, q = e[i], at[j], at[k]
        return p * (q * t[0, 0] + (1 - q) * t[0, 1]) + (1 - p) * (q * t[1, 0] + (1 - q) * t[1, 1])

    def slope(i: int, j: int) -> object:
        hi, lo = list(x), list(x)
        hi[j], lo[j] = 1, 0
        return D(i, hi) - D(i, lo)

    mixing = [i for i in range(3) if x[i] != 0 and x[i] != 1]
    if any(i not in mixing and is_zero(D(i, x)) for i in range(3)) or len(mixing) == 1:
        return False
    if len(mixing) == 2:
        i, j = mixing
        return not is_zero(slope(i, j) * slope(j, i))
    if len(mixing) == 3:
        return not is_zero(slope(0, 1) * slope(1, 2) * slope(2, 0) + slope(0, 2) * slope(2, 1) * slope(1, 0))
    return True


def scalar_reference(P: np.ndarray, tol: float = 1e-9) -> tuple[list[list[float]], bool, bool]:
    """One 2x2x2 game by the scalar exact closed form: probabilities in its order, continuum, degenerate."""
    P = np.asarray(P)
    exact = P.dtype.kind in "iuO"
    game = tg.NormalFormGame(P.tolist() if exact else P)
    eqs = tg.equilibria(game, method="closed_form")
    exact_payoffs = np.asarray(game.payoffs) if exact else P.astype(np.float64)
    e = [exact_payoffs[0, 0] - exact_payoffs[0, 1], exact_payoffs[1, :, 0] - exact_payoffs[1, :, 1],
         exact_payoffs[2, :, :, 0] - exact_payoffs[2, :, :, 1]]
    if not exact:  # float games: a tie is relative to the player's largest advantage
        e = [t / (np.abs(t).max() or 1.0) for t in e]
    found = [[v[0] for v in eq.strategies] for eq in eqs]
    degenerate = eqs.degenerate
    for x, eq in zip(found, eqs):
        if exact and eq.exact:
            degenerate |= not _regular(e, x, lambda v: v == 0)
        else:
            degenerate |= not _regular(e, [float(v) for v in x], lambda v: abs(v) <= tol)
    return [[float(v) for v in x] for x in found], bool(eqs.degenerate), bool(degenerate)


def assert_same_as_scalar(P: np.ndarray, res: tg.batch.BatchEquilibria) -> None:
    """Every game of the batch: the scalar solver's equilibria in its order, its continuum flag, the degenerate flag."""
    flat = np.asarray(P).reshape((-1, 3, 2, 2, 2))
    for g in range(len(flat)):
        expected, continuum, degenerate = scalar_reference(flat[g])
        found = batch_set(res, g)
        assert len(found) == len(expected), (flat[g].tolist(), found, expected)
        # rational probabilities are the same floats; irrational ones may differ in the last bit
        assert all(np.allclose(x, y, rtol=0, atol=1e-14) for x, y in zip(found, expected)), (found, expected)
        assert res.continuum.flat[g] == continuum and res.degenerate.flat[g] == degenerate, flat[g].tolist()


tied_2x2x2 = arrays(np.int64, (12, 3, 2, 2, 2), elements=st.integers(-1, 1))  # ties everywhere: continua, dummies


@settings(max_examples=12, deadline=None)
@given(tied_2x2x2)
def test_degenerate_2x2x2_games_equal_the_scalar_exact_solver(P: np.ndarray) -> None:
    res = tg.batch.equilibria(P)
    assert_same_as_scalar(P, res)


@settings(max_examples=6, deadline=None)
@given(tied_2x2x2, st.sampled_from(["fractions", "floats"]))
def test_exact_path_on_fraction_and_float_payoffs(P: np.ndarray, kind: str) -> None:
    # thirds are not binary fractions (exact object input); tenths as floats are the binary fractions they denote
    Q = (P.astype(object) * Fraction(1, 3)) if kind == "fractions" else P * 0.1 + 0.3
    assert_same_as_scalar(Q, tg.batch.equilibria(Q))


def test_every_game_on_the_exact_path_equals_the_scalar_solver() -> None:
    # The exact group solver on games that need not be degenerate (the fast path is not consulted), including
    # generic ones with irrational totally mixed equilibria and payoffs of very different binary exponents.
    rng = np.random.default_rng(12)
    games = [rng.integers(-3, 4, (40, 3, 2, 2, 2)), rng.normal(size=(20, 3, 2, 2, 2)),
             rng.normal(size=(10, 3, 2, 2, 2)) * np.array([1e-200, 1.0, 1e150])[None, :, None, None, None]]
    for P in games:
        for g, (found, continuum, degenerate) in enumerate(_solve_exact_group(P, P.dtype.kind == "i", 1e-9)):
            expected, continuum_s, degenerate_s = scalar_reference(P[g])
            assert len(found) == len(expected) and continuum == continuum_s and degenerate == degenerate_s
            assert all(np.allclose(x, y, rtol=0, atol=1e-14) for x, y in zip(found, expected))


def test_the_exact_path_on_an_empty_group_is_empty() -> None:
    # No games, no answers (it used to fail to concatenate zero candidate lists).
    assert _solve_exact_group(np.zeros((0, 3, 2, 2, 2)), False, 1e-9) == []
    assert _solve_exact_group(np.zeros((0, 3, 2, 2, 2), dtype=np.int64), True, 1e-9) == []


def test_zero_2x2x2_game_by_hand() -> None:
    # Every profile of the zero game is an equilibrium (a continuum).  A mixing candidate needs a root of a nonzero
    # line and there is none, so the points listed are the 8 pure profiles, in the canonical order; all irregular.
    res = tg.batch.equilibria(np.zeros((1, 3, 2, 2, 2), dtype=np.int64))
    assert res.count[0] == 8 and res.continuum[0] and res.degenerate[0] and res.exact_path[0]
    expected = [[1 - a, 1 - b, 1 - c] for a, b, c in np.ndindex(2, 2, 2)]
    assert res.probabilities[0].tolist() == expected


def test_china_reaction_grid_with_its_diagonal_equals_the_scalar_solver() -> None:
    # On the diagonal backing_value == backing_cost China is indifferent when both allies cooperate: every such
    # point has a tie that matters and takes the exact path; off the diagonal the game is generic here.
    from trigame.models import ChinaReaction

    values = np.linspace(0.5, 3.5, 7)
    tensor = ChinaReaction.payoff_tensor(backing_value=values[:, None], backing_cost=values[None, :],
                                         simultaneous=True)
    res = tg.batch.equilibria(tensor)
    assert res.exact_path[np.arange(7), np.arange(7)].all()
    for a in range(7):
        for b in range(7):
            model = ChinaReaction(simultaneous=True, backing_value=float(values[a]), backing_cost=float(values[b]))
            game = model.game()
            expected, continuum, degenerate = scalar_reference(np.asarray(game.payoffs, dtype=np.float64))
            found = batch_set_at(res, (a, b))
            assert len(found) == len(expected) and all(np.allclose(x, y, rtol=0, atol=1e-14)
                                                       for x, y in zip(found, expected)), (a, b)
            assert res.continuum[a, b] == continuum and res.degenerate[a, b] == degenerate, (a, b)


# ------------------------------------------------------------------ extreme magnitudes
def _pennies_2x2() -> np.ndarray:
    return np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])


def _pennies_with_bystander() -> np.ndarray:
    # Players 1 and 2 play matching pennies whatever player 3 does; player 3 gets 1 for its
    # first strategy and 0 for its second, whatever the others do (strictly dominant).
    u = np.zeros((3, 2, 2, 2))
    for a, b, c in np.ndindex(2, 2, 2):
        u[0, a, b, c] = 1.0 if a == b else -1.0
        u[1, a, b, c] = -1.0 if a == b else 1.0
        u[2, a, b, c] = 1.0 if c == 0 else 0.0
    return u


@pytest.mark.parametrize("scale", [8.9e307, 1.5e308, 1e-300, 5e-324])
def test_extreme_magnitudes_2x2(scale: float) -> None:
    # Matching pennies times a positive number: the unique equilibrium is (1/2, 1/2) for both
    # (each player indifferent only when the other mixes evenly), paying 0 to both.  Before
    # rescaling, the differences of advantages overflowed at 8.9e307 and the batch returned
    # the pure profile (s2, s2), not an equilibrium.
    res = tg.batch.equilibria((_pennies_2x2() * scale)[None])
    assert res.count.tolist() == [1]
    assert res.probabilities[0, 0].tolist() == [0.5, 0.5]
    assert res.payoffs[0, 0].tolist() == [0.0, 0.0]
    assert not res.degenerate[0] and not res.continuum[0]


@pytest.mark.parametrize("scale", [8.9e307, 1.5e308, 1e-300, 5e-324])
def test_extreme_magnitudes_2x2x2(scale: float) -> None:
    # Player 3's first strategy is strictly dominant; players 1 and 2 then play matching
    # pennies: the unique equilibrium is (1/2, 1/2, 1), paying (0, 0, scale).  Before
    # rescaling, payoffs of 1.5e308 overflowed the advantages and the batch found no equilibrium.
    res = tg.batch.equilibria((_pennies_with_bystander() * scale)[None])
    assert res.count.tolist() == [1]
    assert res.probabilities[0, 0].tolist() == [0.5, 0.5, 1.0]
    assert res.payoffs[0, 0].tolist() == [0.0, 0.0, scale]


def test_payoffs_spanning_more_than_the_float_range_are_solved_exactly() -> None:
    # Player 1's payoffs are 2^1000 and 2^-1000 (no power-of-two rescaling keeps both), in a
    # coordination game: player 1 has advantage 2^1000 against column 1 and -2^-1000 against
    # column 2.  Equilibria: (s1, s1), (s2, s2), and the mixed one with x = 1/2 (player 2's
    # payoffs are symmetric) and y = 2^-1000 / (2^1000 + 2^-1000), which rounds to 0.0 in a
    # float but is positive: the support code says player 2 mixes.
    big, small = 2.0**1000, 2.0**-1000
    game = np.array([[[big, 0.0], [0.0, small]], [[1.0, 0.0], [0.0, 1.0]]])
    res = tg.batch.equilibria(game[None], tol=0)
    assert res.count.tolist() == [3]
    assert res.probabilities[0, :3].tolist() == [[1.0, 1.0], [0.0, 0.0], [0.5, 0.0]]
    assert res.supports[0, 2].tolist() == [tg.batch.MIXED, tg.batch.MIXED]


def test_exact_payoffs_beyond_the_float_range() -> None:
    # Exact (object) payoffs of matching pennies times 10^400: (1/2, 1/2), as by hand above.
    scale = 10**400
    game = np.array([[[scale, -scale], [-scale, scale]], [[-scale, scale], [scale, -scale]]], dtype=object)
    res = tg.batch.equilibria(game[None])
    assert res.count.tolist() == [1] and res.probabilities[0, 0].tolist() == [0.5, 0.5]


def test_an_empty_answer_is_an_internal_error_never_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every finite game has a Nash equilibrium (Nash 1951), so a kernel that reports none is broken: the engine
    # must raise rather than hand back an empty set marked complete.
    real = tg.batch._solve_2x2

    def broken(*args: object, **kwargs: object) -> dict:
        piece = real(*args, **kwargs)
        piece["count"] = np.zeros_like(piece["count"])
        return piece

    monkeypatch.setattr(tg.batch, "_solve_2x2", broken)
    pennies = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    with pytest.raises(tg.SolverError, match="no equilibrium"):
        tg.batch.equilibria(pennies[None])
