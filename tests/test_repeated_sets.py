"""Payoff sets of repeated games: minmax values, the feasible hull, the folk region, APS, regimes over δ.

Expected values are derived by hand in the comments; QuantEcon (a test-only extra) is the peer for APS.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated import RepeatedGame, forgiving_trigger, grim_trigger, tit_for_tat
from trigame.solve.repeated import equilibrium_payoffs, feasible_set, folk_region, minmax, minmax_point
from trigame.statics.repeated import repeated_regimes
from trigame.statics.thresholds import threshold
from trigame.verify.repeated import verify_minmax

PENNIES = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
PD9 = NormalFormGame.from_arrays([[9, 1], [10, 3]], [[9, 10], [1, 3]], strategies=[["C", "D"], ["C", "D"]])


def three_player_punishment_game():
    # Player 1 chooses X, Y or Z; players 2 (L/R) and 3 (l/r) only punish (their payoffs are 0).
    # u1(X) = 1 if player 2 plays L; u1(Y) = 1 if player 3 plays l; u1(Z) = 2 if (R, r).
    u1 = np.zeros((3, 2, 2), dtype=int)
    u1[0, 0, :] = 1
    u1[1, :, 0] = 1
    u1[2, 1, 1] = 2
    zero = np.zeros((3, 2, 2), dtype=int)
    return NormalFormGame.from_arrays(u1, zero, zero, strategies=[["X", "Y", "Z"], ["L", "R"], ["l", "r"]])


# ---------------------------------------------------------------------- minmax
def test_matching_pennies_minmax():
    # Pure: whatever pure action the other takes, the player matches (or mismatches) it and gets 1.
    # Mixed: the other mixes 1/2-1/2 and both actions give 0.
    mixed, pure = minmax(PENNIES, 0), minmax(PENNIES, 0, mixed=False)
    assert (mixed.value, pure.value) == (0, 1)
    assert mixed.punishment == {"Player 2": {"s1": F(1, 2), "s2": F(1, 2)}}
    assert set(mixed.best_responses) == {"s1", "s2"}
    assert minmax_point(PENNIES) == (0, 0) and minmax_point(PENNIES, mixed=False) == (1, 1)


def test_three_player_mixed_minmax_below_pure():
    # With p = P(L), q = P(l): player 1 gets max(p, q, 2 (1-p)(1-q)).
    # Pure (p, q in {0, 1}): (0,0) -> 2, otherwise 1: pure minmax 1.
    # Mixed: if p < 1/2 and q < 1/2 then 2(1-p)(1-q) > 1/2, so the max is >= 1/2 everywhere, and
    # p = q = 1/2 gives max(1/2, 1/2, 1/2) = 1/2: the mixed minmax is 1/2, attained only there.
    game = three_player_punishment_game()
    mixed, pure = minmax(game, "Player 1"), minmax(game, "Player 1", mixed=False)
    assert pure.value == 1 and mixed.value == F(1, 2) and mixed.exact
    assert mixed.punishment == {"Player 2": {"L": F(1, 2), "R": F(1, 2)}, "Player 3": {"l": F(1, 2), "r": F(1, 2)}}
    assert set(mixed.best_responses) == {"X", "Y", "Z"}
    # A grid over the punishers' mixtures never goes below 1/2 (the global minimum is not missed).
    grid = [F(k, 20) for k in range(21)]
    assert min(max(p, q, 2 * (1 - p) * (1 - q)) for p in grid for q in grid) == F(1, 2)


def test_three_player_minmax_with_an_irrational_value():
    # u1 = [[[2, -1], [1, 0]], [[-1, 1], [-2, 0]]] (axes: player 1, 2, 3); p = P(player 2 plays s1), q likewise.
    # f1(s1) = 2pq - p + q, f1(s2) = p - 2q.  Pure minmax: the columns' maxima are 2, 1, 1, 0: it is 0.
    # Mixed: the minimum lies where f1(s1) = f1(s2) and sum_k lambda_k grad f_k = 0:
    # lambda_2 = lambda_1 (1 - 2q), 2p + 1 = 2 (1 - 2q), and -4q^2 + 8q - 1 = 0: q = 1 - sqrt(3)/2,
    # p = (2 sqrt(3) - 3)/2, value p - 2q = 2 sqrt(3) - 7/2 (about -0.0359), below the pure minmax.
    u1 = np.array([[[2, -1], [1, 0]], [[-1, 1], [-2, 0]]])
    zero = np.zeros((2, 2, 2), dtype=int)
    game = NormalFormGame.from_arrays(u1, zero, zero)
    result = minmax(game, 0)
    assert abs(float(result.value) - (2 * 3**0.5 - 3.5)) < 1e-9 and not result.exact
    assert minmax(game, 0, mixed=False).value == 0
    q = 1 - 3**0.5 / 2
    assert abs(float(result.punishment["Player 3"]["s1"]) - q) < 1e-9
    assert verify_minmax(game, result, tol=1e-9)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=6, max_size=6))
def test_two_player_mixed_minmax_is_the_zero_sum_value(entries):
    # Peer: the value of the zero-sum game (u_1, -u_1) by linear programming (scipy), and mixed <= pure.
    from scipy.optimize import linprog

    u = np.array(entries).reshape(2, 3)
    game = NormalFormGame.from_arrays(u, -u)
    # Player 2 mixes y over 3 columns to minimise v subject to (u y)_a <= v for both rows.
    res = linprog(np.r_[np.zeros(3), 1.0], A_ub=np.c_[u, -np.ones(2)], b_ub=np.zeros(2),
                  A_eq=np.r_[np.ones(3), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * 3 + [(None, None)])
    result = minmax(game, 0)
    assert abs(float(result.value) - res.fun) < 1e-9
    assert result.value <= minmax(game, 0, mixed=False).value
    assert verify_minmax(game, result) and verify_minmax(game, minmax(game, 0, mixed=False))


def test_independent_minmax_check_accepts_the_values_and_rejects_wrong_ones():
    from trigame.results.repeated import MinmaxValue

    game = three_player_punishment_game()
    assert verify_minmax(game, minmax(game, 0)) and verify_minmax(game, minmax(game, 0, mixed=False))
    for g in (PENNIES, PD9):
        for mixed in (True, False):
            assert all(verify_minmax(g, v) for v in minmax(g, mixed=mixed))
    # Punishing with p = q = 3/5 holds player 1 to max(3/5, 3/5, 2 (2/5)(2/5)) = 3/5: attained, but not the minimum.
    worse = MinmaxValue("Player 1", F(3, 5), {"Player 2": {"L": F(3, 5), "R": F(2, 5)},
                                              "Player 3": {"l": F(3, 5), "r": F(2, 5)}}, ("X", "Y"), True)
    assert not verify_minmax(game, worse)
    wrong = MinmaxValue("Player 1", F(1, 3), {"Player 2": {"s1": F(1, 2), "s2": F(1, 2)}}, ("s1",), True)
    assert not verify_minmax(PENNIES, wrong)


# ---------------------------------------------------------------------- feasible set and folk region
def test_feasible_hull_and_folk_region_of_the_pd():
    # Payoffs (9,9), (1,10), (10,1), (3,3) are all extreme.  Minmax 3 each (D guarantees >= 3, (D, D) holds to 3).
    # The edge (1,10)-(9,9) is v2 = 10 - (v1 - 1)/8, crossing v1 = 3 at v2 = 39/4; symmetrically (39/4, 3).
    feasible = feasible_set(PD9)
    assert set(feasible.vertices) == {(1, 10), (10, 1), (9, 9), (3, 3)}
    region = folk_region(PD9)
    assert region.minmax == (3, 3) and region.strict
    assert set(region.vertices) == {(3, 3), (F(39, 4), 3), (9, 9), (3, F(39, 4))}
    assert region.contains((5, 5)) and not region.contains((2, 9)) and feasible.contains((2, 9))


def test_folk_region_of_matching_pennies_is_empty_with_pure_minmax():
    # Pure minmax (1, 1) but every feasible payoff sums to 0; mixed minmax (0, 0): only (0, 0) is feasible and
    # individually rational, and it is not strictly above the minmax point.
    assert folk_region(PENNIES, mixed=False).is_empty
    assert folk_region(PENNIES).is_empty


def test_feasible_set_three_players():
    game = three_player_punishment_game()
    vertices = set(feasible_set(game).vertices)
    assert vertices == {(0, 0, 0), (1, 0, 0), (2, 0, 0)} - {(1, 0, 0)}  # (1,0,0) lies between 0 and 2


# ---------------------------------------------------------------------- APS / Abreu-Sannikov
def _same(vertices, expected, tol=1e-6):
    return len(vertices) == len(expected) and all(
        any(abs(v[0] - e[0]) < tol and abs(v[1] - e[1]) < tol for v in vertices) for e in expected)


def test_spe_payoffs_at_one_half_are_the_folk_region():
    # At d = 1/2 every vertex of {v >= (3, 3)} in the hull is generated from the set itself:
    # (C,C) needs w_i >= 3 + (1-d)/d (10 - 9) = 4: (9, 9) = (9, 9)/2 + (9, 9)/2.
    # (D,C) needs w2 >= 3 + (3 - 1) = 5: (39/4, 3) = (10, 1)/2 + (19/2, 5)/2, and (19/2, 5) lies on the
    # edge (9, 9)-(10, 1).  (D,D) with w = (3, 3) gives (3, 3).  The result differs from the feasible hull.
    result = equilibrium_payoffs(RepeatedGame(PD9, F(1, 2)))
    assert result.complete
    assert _same(result.vertices, [(3, 3), (9.75, 3), (9, 9), (3, 9.75)])
    assert not _same(result.vertices, [(1, 10), (10, 1), (9, 9), (3, 3)])


def test_spe_payoffs_at_low_discount():
    # d = 1/5: (C, D) needs w1 >= 3 + 4 (3 - 1) = 11 > 10, impossible; (C, C) needs w >= 3 + 4 = 7, possible on
    # the diagonal.  The set is the segment (3,3)-(9,9).  d = 1/10: (C,C) needs w >= 3 + 9 = 12: only (3, 3).
    assert _same(equilibrium_payoffs(RepeatedGame(PD9, F(1, 5))).vertices, [(3, 3), (9, 9)])
    assert _same(equilibrium_payoffs(RepeatedGame(PD9, F(1, 10))).vertices, [(3, 3)])


def test_no_pure_spe_in_matching_pennies():
    result = equilibrium_payoffs(RepeatedGame(PENNIES, F(9, 10)))
    assert result.is_empty and result.complete


@pytest.mark.slow  # QuantEcon compiles its kernels with numba on first use (about 15 s)
@pytest.mark.parametrize("d", [0.3, 0.5, 0.9])
def test_spe_payoffs_match_quantecon(d):
    gt = pytest.importorskip("quantecon.game_theory")
    from scipy.spatial import ConvexHull

    ours = equilibrium_payoffs(RepeatedGame(PD9, d))
    hull = gt.RepeatedGame(gt.NormalFormGame([[(9, 9), (1, 10)], [(10, 1), (3, 3)]]), d).equilibrium_payoffs(
        options={"tol": 1e-12})
    theirs = ConvexHull(hull.points[hull.vertices])
    assert _same(ours.vertices, [tuple(p) for p in theirs.points[theirs.vertices]], tol=1e-6)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-4, 9), min_size=8, max_size=8), st.sampled_from([F(1, 4), F(1, 2), F(4, 5)]))
def test_spe_payoffs_properties(entries, d):
    # Invariants: every pure stage equilibrium repeated forever is an SPE (its payoff is in the set); every SPE
    # payoff is feasible and at least the pure minmax (a player can always best respond each period).
    a = np.array(entries[:4]).reshape(2, 2)
    b = np.array(entries[4:]).reshape(2, 2)
    stage = NormalFormGame.from_arrays(a, b)
    result = equilibrium_payoffs(RepeatedGame(stage, d))
    assert result.complete
    pure_nash = [(a[i, j], b[i, j]) for i in range(2) for j in range(2)
                 if a[i, j] >= a[1 - i, j] and b[i, j] >= b[i, 1 - j]]
    for point in pure_nash:
        assert result.contains(point, tol=1e-6)
    low = minmax_point(stage, mixed=False)
    feasible = feasible_set(stage)
    for v in result.vertices:
        assert v[0] >= low[0] - 1e-6 and v[1] >= low[1] - 1e-6
        assert feasible.contains(v, tol=1e-6)


def test_spe_payoffs_do_not_depend_on_the_unit():
    for unit in (1e-200, 1e-3, 1e200):
        pd = NormalFormGame.from_arrays(np.array([[9, 1], [10, 3]]) * unit, np.array([[9, 10], [1, 3]]) * unit)
        got = equilibrium_payoffs(RepeatedGame(pd, 0.5)).vertices
        assert _same([(x / unit, y / unit) for x, y in got], [(3, 3), (9.75, 3), (9, 9), (3, 9.75)])


@pytest.mark.slow  # QuantEcon's kernels are compiled by numba on first use
def test_spe_payoffs_match_quantecon_on_random_games():
    gt = pytest.importorskip("quantecon.game_theory")
    from scipy.spatial import ConvexHull, QhullError

    rng = np.random.default_rng(15)
    compared = 0
    for _ in range(12):
        a, b = rng.integers(-3, 10, size=(2, 2, 2))
        d = float(rng.choice([0.6, 0.8, 0.9]))
        ours = equilibrium_payoffs(RepeatedGame(NormalFormGame.from_arrays(a, b), d))
        try:
            hull = gt.RepeatedGame(gt.NormalFormGame(np.stack([a, b], axis=-1)), d).equilibrium_payoffs(
                options={"tol": 1e-12})
            theirs = ConvexHull(hull.points[hull.vertices])
        except (QhullError, ValueError, IndexError):
            continue  # QuantEcon cannot represent a flat set (a point or a segment)
        assert _same(ours.vertices, [tuple(p) for p in theirs.points[theirs.vertices]], tol=1e-5), (a, b, d)
        compared += 1
    assert compared >= 4


def test_aps_budget_gives_an_incomplete_outer_set():
    result = equilibrium_payoffs(RepeatedGame(PD9, 0.99), max_iterations=3)
    assert not result.complete and "not converged" in result.notes[0]
    assert result.contains((5, 5))


# ---------------------------------------------------------------------- regimes and thresholds over δ
def test_regimes_and_threshold_over_delta():
    # R = r, T = r + t, P = 0, S = -1 (r, t > 0): grim trigger iff d (r + t) >= t  iff  d >= t / (r + t).
    r, t = sympy.symbols("r t", positive=True)
    d = sympy.Symbol("delta", positive=True)
    pd = NormalFormGame.from_arrays([[r, -1], [r + t, 0]], [[r, r + t], [-1, 0]], strategies=[["C", "D"]] * 2)
    rs = repeated_regimes(RepeatedGame(pd, F(1, 2)), {"grim": grim_trigger(pd), "tft": tit_for_tat(pd),
                                                      "forgive": forgiving_trigger(pd, k=2)})
    assert rs.parameters == ("delta", "r", "t")
    grim = threshold(rs, "grim", "delta")
    assert grim.boundaries == (t / (r + t),)
    assert sympy.simplify(grim.condition.lhs - d) == 0 and sympy.simplify(grim.condition.rhs - t / (r + t)) == 0
    # Tit-for-tat: SPE only on the knife edge d (R - S) = T - R and d (T - P) = P - S.
    assert {x.label for x in rs.at(delta=F(3, 5), r=3, t=2)} == {"grim", "forgive"}
    assert {x.label for x in rs.at(delta=F(1, 4), r=3, t=2)} == set()
    # Nash: tit-for-tat needs d >= (T-R)/(R-S) = t/(r+1) and d >= (T-R)/(T-P) = t/(r+t) (and one more plan).
    nash = repeated_regimes(RepeatedGame(pd, F(1, 2)), {"tft": tit_for_tat(pd)}, nash=True)
    assert nash[0].holds(delta=F(2, 3), r=2, t=1) and not nash[0].holds(delta=F(3, 10), r=2, t=1)
    fixed = repeated_regimes(RepeatedGame(pd, F(1, 2)), {"grim": grim_trigger(pd)}, fixed={"r": 3, "t": 2})
    within = fixed[0].condition.as_set().intersect(sympy.Interval.open(0, 1))   # the domain 0 < delta < 1
    assert within == sympy.Interval.Ropen(sympy.Rational(2, 5), 1)


def test_regimes_with_one_discount_factor_per_player():
    # Grim trigger in the PD 5, 3, 1, 0: each player's own no-gain condition is delta_i >= 1/2.
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Japan", "South Korea"],
                                    strategies=[["C", "D"]] * 2)
    d_j, d_k = sympy.symbols("delta_J delta_K", positive=True)
    rs = repeated_regimes(RepeatedGame(pd, [d_j, d_k]), {"grim": grim_trigger(pd)})
    assert rs.parameters == ("delta_J", "delta_K")
    assert rs[0].holds(delta_J=F(1, 2), delta_K=F(9, 10)) and not rs[0].holds(delta_J=F(2, 5), delta_K=F(9, 10))
    assert threshold(rs, "grim", "delta_K").boundaries == (sympy.Rational(1, 2),)


# ---------------------------------------------------------------------- hostile input
@pytest.mark.parametrize("call", [
    lambda: minmax("[[1]]"),
    lambda: minmax(PENNIES, "Nobody"),
    lambda: minmax(PENNIES, 0, mixed="yes"),
    lambda: feasible_set("1, 2"),
    lambda: folk_region(three_player_punishment_game(), max_work="9"),
    lambda: equilibrium_payoffs(PD9),
    lambda: equilibrium_payoffs(RepeatedGame(PD9, 0.5), tol="1e-9"),
    lambda: equilibrium_payoffs(RepeatedGame(PD9, 0.5), max_iterations="9"),
    lambda: repeated_regimes(RepeatedGame(PD9, 0.5), "grim"),
    lambda: repeated_regimes(RepeatedGame(PD9, 0.5), {"g": grim_trigger(PD9)}, fixed={"delta": "1/2"}),
    lambda: repeated_regimes(RepeatedGame(PD9, 0.5), {"g": grim_trigger(PD9)}, fixed={"delta": 2}),
    lambda: repeated_regimes(RepeatedGame(PD9, 0.5), {"g": grim_trigger(PD9)}, fixed={"zeta": 1}),
    lambda: feasible_set(PD9, max_profiles=2),
    lambda: verify_minmax(PD9, minmax(PD9, 0), grid="20"),
    lambda: verify_minmax("PD9", minmax(PD9, 0)),
])
def test_hostile_inputs_raise_trigame_errors(call):
    with pytest.raises(TrigameError):
        call()


def test_symbolic_stage_is_refused_by_the_numeric_sets():
    x = sympy.Symbol("x")
    game = NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    for call in (lambda: minmax(game), lambda: feasible_set(game)):
        with pytest.raises(UnsupportedGameError):
            call()
    with pytest.raises((BudgetExceededError, ParameterError)):
        feasible_set(PD9, max_profiles=0)


def test_results_serialise_to_json():
    import json

    data = json.loads(json.dumps(folk_region(PD9).to_json()))
    assert data["vertices"][1] == ["39/4", 3] and data["strict"] is True and data["minmax"] == [3, 3]
    spe = json.loads(json.dumps(equilibrium_payoffs(RepeatedGame(PD9, F(1, 2))).to_json()))
    assert spe["what"] == "subgame-perfect" and spe["complete"] and spe["discount"] == "1/2"
    value = json.loads(json.dumps(minmax(PENNIES, 0).to_json()))
    assert value["value"] == 0 and value["punishment"] == {"Player 2": {"s1": "1/2", "s2": "1/2"}}
    assert "minmax 0" in minmax(PENNIES, 0).label() and "vertices" in folk_region(PD9).label()
