"""Logit QRE of strategic-form games: hand-derived points, events on the branch, invariants, hostile input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results.qre import QREBranch, QREPoint
from trigame.solve.qre import qre
from trigame.verify.qre import is_logit_qre, logit_residual, logit_response

# McKelvey and McLennan's 2x2x2 game (Gambit's doc/2x2x2.nfg), payoffs[player][s1, s2, s3]
MM = np.zeros((3, 2, 2, 2), dtype=object)
MM[:, 0, 0, 0] = (9, 8, 12)
MM[:, 1, 1, 0] = (9, 8, 2)
MM[:, 1, 0, 1] = (3, 4, 6)
MM[:, 0, 1, 1] = (3, 4, 6)
MCKELVEY_MCLENNAN = NormalFormGame(MM.tolist())

# Gambit's contrib/games/loopback.nfg: the principal branch bends backwards
LOOPBACK = NormalFormGame.from_arrays([[6, 6], [7.32, 1]], [[7, 7], [6, 4]])


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_qre_is_callable_with_a_trace():
    assert callable(qre) and callable(qre.trace)


def test_dominance_by_a_constant_margin():
    # D beats C by exactly 1 whatever the other does, so P(D) = e^lam / (1 + e^lam) for both players
    game = NormalFormGame.from_arrays([[3, 0], [4, 1]], [[3, 4], [0, 1]])
    for lam in (0.25, 1.0, 3.0, 10.0):
        point = qre(game, lam)
        assert isinstance(point, QREPoint)
        for v in point.strategies:
            assert v[1] == pytest.approx(logistic(lam), abs=1e-12)
        assert point.lam == lam and point.lambdas == (lam, lam)


def test_matching_pennies_stays_at_the_centroid():
    # at (1/2, 1/2) each player's two strategies earn the same, so the centroid is the QRE at every lambda
    game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for lam in (0.5, 4.0, 40.0):
        assert qre(game, lam).isclose([[0.5, 0.5], [0.5, 0.5]], 1e-12)


def test_per_player_precision():
    # the prisoner's dilemma with lambda = (1, 0): the column player is uniform, so the row player
    # compares u(C) = (3 + 0)/2 = 1.5 with u(D) = (5 + 1)/2 = 3 and plays C with probability 1/(1 + e^1.5)
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Japan", "South Korea"])
    point = qre(pd, [1.0, 0.0])
    assert point.strategies[0][0] == pytest.approx(logistic(-1.5), abs=1e-12)
    assert point.isclose(qre(pd, {"Japan": 1.0, "South Korea": 0}), 1e-14)
    assert point.strategies[1].tolist() == pytest.approx([0.5, 0.5], abs=1e-14)
    assert point.lambdas == (1.0, 0.0) and point.lam == 1.0
    assert is_logit_qre(pd, point) and not is_logit_qre(pd, point, 1.0)
    # per-player precisions on the ray lambda = t * (2, 1): each point passes the independent check
    point = qre(pd, (2.0, 1.0))
    assert logit_residual(pd, point, [2.0, 1.0]) < 1e-12


def test_mckelvey_mclennan_branch_past_the_bifurcation():
    # With players 1 and 2 at (1/2, 1/2), each is indifferent (u1(1) - u1(2) = (2 p2 - 1)(12 q - 3) = 0), and
    # player 3 compares 12/4 + 2/4 = 3.5 with 6/4 + 6/4 = 3: q = 1 / (1 + e^(-lam/2)).  That is the principal
    # branch for every lambda; Gambit stops at the bifurcation near lambda = 0.597 (issue #492).
    branch = qre.trace(MCKELVEY_MCLENNAN, max_lambda=10, lambdas=[1.0, 2.0, 5.0])
    assert branch.complete
    for lam in (1.0, 2.0, 5.0, 10.0):
        (point,) = branch.at(lam)
        assert point.isclose([[0.5, 0.5], [0.5, 0.5], [logistic(lam / 2), 1 - logistic(lam / 2)]], 1e-10)
        assert point.isclose(qre(MCKELVEY_MCLENNAN, lam), 1e-10)
    assert branch.last.lam == 10.0
    # The bifurcation: in log-odds r_i = lam D_i the Jacobian of (r1, r2) in (p1, p2) at p = 1/2 is
    # [[4, -2 lam (12q - 3)], [-2 lam (12q - 4), 4]] (player 3's row does not enter: dD_i/dq = 0 there),
    # singular where lam^2 (12q - 3)(12q - 4) = 4.  Its root, by bisection:
    def gap(lam: float) -> float:
        q = logistic(lam / 2)
        return lam * lam * (12 * q - 3) * (12 * q - 4) - 4

    lo, hi = 0.1, 2.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if gap(mid) < 0 else (lo, mid)
    (bifurcation,) = branch.bifurcations
    assert bifurcation.lam == pytest.approx(lo, abs=1e-8)
    assert not branch.turning_points


def test_mckelvey_mclennan_trace_reaches_a_nash_equilibrium():
    branch = qre.trace(MCKELVEY_MCLENNAN)
    assert branch.complete and len(branch.bifurcations) == 1
    # the limit (1/2, 1/2, pure 1) is a Nash equilibrium; the regret is below 1e-8 of the payoff range 12
    assert branch.last.max_regret <= 12e-8
    assert branch.last.isclose([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]], 1e-7)


def test_loopback_turning_points_and_every_crossing():
    # p = P(row 1), r = P(column 1): u1(1) - u1(2) = 6 - (7.32 r + 1 - r) = 5 - 6.32 r and
    # u2(1) - u2(2) = 2 (1 - p).  The branch solves logit(p) = lam (5 - 6.32 r), logit(r) = 2 lam (1 - p);
    # lambda turns where the Jacobian in (p, r), [[1/(p(1-p)), 6.32 lam], [2 lam, 1/(r(1-r))]], is singular:
    # 1 / (p(1-p) r(1-r)) = 12.64 lam^2.
    lam_mid = 1.335
    branch = qre.trace(LOOPBACK, lambdas=[lam_mid, 3.0])
    assert branch.complete
    assert len(branch.turning_points) == 2
    for point in branch.turning_points:
        p, r = point.strategies[0][0], point.strategies[1][0]
        lhs = 1 / (p * (1 - p) * r * (1 - r))
        assert lhs == pytest.approx(12.64 * point.lam**2, rel=1e-6)
    upper, lower = branch.turning_points
    assert upper.lam > lam_mid > lower.lam
    crossings = branch.at(lam_mid)
    assert len(crossings) == 3
    for point in crossings:
        assert is_logit_qre(LOOPBACK, point, lam_mid, tol=1e-12)
    probabilities = sorted(point.strategies[0][0] for point in crossings)
    assert min(np.diff(probabilities)) > 1e-3
    # qre(game, lam) is the first crossing, as Gambit's logit_solve_lambda
    assert qre(LOOPBACK, lam_mid).isclose(crossings[0], 1e-10)
    assert "turning point" in branch.summary()


def test_exact_and_float_games_agree():
    exact = NormalFormGame.from_arrays([[Fraction(1, 3), 2], [1, 0]], [[1, 0], [0, 2]])
    assert qre(exact, 2.5).isclose(qre(exact.as_float(), 2.5), 1e-13)


small_payoffs = st.integers(-5, 5)


@settings(max_examples=12, deadline=None)
@given(st.lists(small_payoffs, min_size=9, max_size=9), st.sampled_from([0.3, 1.0, 2.5]))
def test_symmetric_games_have_symmetric_qre(entries, lam):
    # the principal branch of a symmetric game starts symmetric and is continued smoothly through any
    # symmetry-breaking bifurcation, so each player plays the same mixed strategy
    a = np.array(entries, dtype=object).reshape(3, 3)
    game = NormalFormGame.from_arrays(a.tolist(), a.T.tolist())
    point = qre(game, lam)
    assert np.max(np.abs(point.strategies[0] - point.strategies[1])) < 1e-10
    assert is_logit_qre(game, point, tol=1e-10)


@settings(max_examples=10, deadline=None)
@given(st.lists(small_payoffs, min_size=24, max_size=24), st.sampled_from([2, 10]))
def test_every_traced_point_is_a_qre_and_units_only_rescale_lambda(entries, factor):
    payoffs = np.array(entries, dtype=object).reshape(3, 2, 2, 2)
    game = NormalFormGame(payoffs.tolist())
    branch = qre.trace(game, max_lambda=3.0)
    for point in branch:
        assert logit_residual(game, point) < 1e-9
    scaled = NormalFormGame((payoffs * factor).tolist())
    # payoffs times c: the same profile at lambda / c
    assert qre(scaled, 3.0 / factor).isclose(branch.last, 1e-9)


def test_prisoners_dilemma_trace_ends_near_the_nash_equilibrium():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    branch = qre.trace(pd)
    assert isinstance(branch, QREBranch) and branch.complete
    assert branch.last.max_regret <= 5e-8
    assert branch.last.isclose([[0, 1], [0, 1]], 1e-7)
    assert np.all(np.diff(branch.lambdas) > 0)


def test_results_print_and_serialise():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["Japan", "South Korea"],
                                    strategies=[["C", "D"], ["C", "D"]])
    point = qre(pd, 1.0)
    assert point.label().startswith("lambda = 1: Japan: ")
    assert "QREPoint(" in repr(point)
    data = point.to_json()
    assert data["lambda"] == 1.0 and set(data["strategies"]["Japan"]) == {"C", "D"}
    assert sum(point.as_dict()["South Korea"].values()) == pytest.approx(1.0)
    branch = qre.trace(pd, max_lambda=2.0, lambdas=[1.0])
    data = branch.to_json()
    assert data["method"] == "logit path following" and data["complete"] is True
    assert len(data["landings"]) == 2 and data["equilibria"][-1]["lambda"] == 2.0
    assert repr(branch).startswith("QREBranch(")
    with pytest.raises(AttributeError):
        point.lam = 2.0  # type: ignore[misc]


def test_budget():
    with pytest.raises(BudgetExceededError, match="max_steps"):
        qre(LOOPBACK, 5.0, max_steps=3)
    branch = qre.trace(LOOPBACK, max_steps=3)
    assert not branch.complete and "max_steps" in " ".join(branch.notes)


@pytest.mark.parametrize(
    "lam",
    ["1", b"1", "1e300", float("nan"), float("inf"), -1.0, True, None, [1.0], [1.0, "2"], {"Player 1": 1.0},
     {"Player 1": 1.0, "Nobody": 2.0}, 1e300, [1.0, float("nan")]],
)
def test_bad_precisions_are_refused(lam):
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(ParameterError):
        qre(pd, lam)


def test_other_hostile_input():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for options in ({"max_steps": "10"}, {"max_steps": 0}, {"first_step": "0.1"}, {"first_step": 0.0},
                    {"max_accel": 0.5}):
        with pytest.raises(ParameterError):
            qre(pd, 1.0, **options)
    for options in ({"max_lambda": "5"}, {"lambdas": "12"}, {"lambdas": [1.0, "x"]}, {"weights": ["1", "2"]},
                    {"weights": [0, 0]}, {"max_regret": "1e-8"}, {"max_regret": 0.0}):
        with pytest.raises(ParameterError):
            qre.trace(pd, **options)
    with pytest.raises(UnsupportedGameError):
        qre("[[3, 0], [5, 1]]", 1.0)  # type: ignore[arg-type]
    import sympy

    symbolic = NormalFormGame.from_arrays([[sympy.Symbol("a"), 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(UnsupportedGameError):
        qre(symbolic, 1.0)
    with pytest.raises(TrigameError):
        logit_response(pd, ["0.5", [0.5, 0.5]], 1.0)
    with pytest.raises(TrigameError):
        logit_response(pd, [[0.5, 0.5]], 1.0)
    with pytest.raises(ParameterError):
        logit_residual(pd, [[0.5, 0.5], [0.5, 0.5]])


def test_huge_payoffs_do_not_overflow():
    game = NormalFormGame.from_arrays([[1e300, -1e300], [-1e300, 1e300]], [[-1e300, 1e300], [1e300, -1e300]])
    assert qre(game, 1e-300).isclose([[0.5, 0.5], [0.5, 0.5]], 1e-12)


def test_one_player_is_a_logit_choice():
    game = NormalFormGame([[0, 1, 3]])
    weights = np.exp(2.0 * np.array([0, 1, 3]))
    assert qre(game, 2.0).isclose([weights / weights.sum()], 1e-12)


def test_chicken_bifurcates_from_the_centroid_at_lambda_two():
    # Snyder's alliance game in its Chicken regime: the mixed equilibrium is the centroid, so the principal
    # branch stays there.  u(Strong) - u(Weak) = (2r - (1 - r)) - (3r - 2(1 - r)) = 1 - 2r for the United
    # States (r = P(South Korea Strong)), and alike for South Korea; in log-odds the Jacobian at (1/2, 1/2) is
    # [[4, 2 lam], [2 lam, 4]], singular at lam = 2, where the asymmetric branches split off.
    game = NormalFormGame.from_arrays([[2, -1], [3, -2]], [[2, 3], [-1, -2]])
    assert len(qre.trace(game)) == 1  # the centroid has no regret: Gambit's convention stops there
    branch = qre.trace(game, max_lambda=5.0)
    assert branch.complete and branch.last.lam == 5.0
    (bifurcation,) = branch.bifurcations
    assert bifurcation.lam == pytest.approx(2.0, abs=1e-9)
    assert all(point.isclose([[0.5, 0.5], [0.5, 0.5]], 1e-12) for point in branch)


def test_switching_branches_in_chicken_reaches_both_pure_equilibria():
    # the asymmetric branches leaving the centroid at lambda = 2 (derived above) lead to the two pure
    # equilibria (Strong, Weak) and (Weak, Strong); each point is checked from the definition
    game = NormalFormGame.from_arrays([[2, -1], [3, -2]], [[2, 3], [-1, -2]])
    halves = qre.switch(qre.trace(game, max_lambda=5.0))
    assert len(halves) == 2
    ends = sorted(tuple(np.round(h.last.strategies[0], 6)) for h in halves)
    assert ends == [(0.0, 1.0), (1.0, 0.0)]
    for half in halves:
        assert half.complete and half[0].lam == pytest.approx(2.0, abs=1e-3)
        assert all(logit_residual(game, point) < 1e-12 for point in half)
        first, second = half.last.strategies
        assert first[0] == pytest.approx(1 - second[0], abs=1e-6)


def test_switching_branches_in_mckelvey_mclennan():
    # the branch crossing at lambda ~ 0.597 leads one way to the pure equilibrium (1, 1, 1) and the other to
    # the totally mixed equilibrium ((2/5, 3/5), (1/2, 1/2), (1/3, 2/3)): with p1 = 2/5, q = 1/3 player 2 is
    # indifferent, (2 p1 - 1)(12 q - 4) = 0; with p2 = 1/2 player 1 is; and player 3 compares
    # 12 p1 p2 + 2 (1 - p1)(1 - p2) = 2.4 + 0.6 = 3 with 6 p1 (1 - p2) + 6 (1 - p1) p2 = 1.2 + 1.8 = 3.
    branch = qre.trace(MCKELVEY_MCLENNAN, max_lambda=2.0)
    halves = qre.switch(branch)
    assert len(halves) == 2 and all(h.complete for h in halves)
    ends = [h.last for h in halves]
    assert any(e.isclose([[1, 0], [1, 0], [1, 0]], 1e-6) for e in ends)
    assert any(e.isclose([[0.4, 0.6], [0.5, 0.5], [1 / 3, 2 / 3]], 1e-5) for e in ends)


def test_switching_branches_finds_closed_loops():
    # Wilson's game (Shapley 1974): the branches leaving the symmetric one at lambda ~ 1.72 fold at
    # lambda ~ 3.09 and come back to where they started; the trace stops there instead of circling
    # (Gambit's contrib/games/sh3.nfg)
    a = [[0, 3, 0], [2, 2, 0], [3, 0, 1]]
    game = NormalFormGame.from_arrays(a, np.array(a).T.tolist())
    branch = qre.trace(game, max_lambda=10.0)
    (bifurcation,) = branch.bifurcations
    assert bifurcation.lam == pytest.approx(1.7202049, abs=1e-5)
    halves = qre.switch(branch, max_steps=3000)
    assert len(halves) == 2
    for half in halves:
        assert max(point.lam for point in half.turning_points) == pytest.approx(3.092603, abs=1e-5)
        assert half.complete and "closed loop" in half.notes[0]
        assert all(logit_residual(game, point) < 1e-12 for point in half)


def test_switch_refuses_bad_input():
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    branch = qre.trace(pd)
    with pytest.raises(ParameterError):
        qre.switch(branch)  # no bifurcation
    with pytest.raises(ParameterError):
        qre.switch("branch")  # type: ignore[arg-type]
    game = NormalFormGame.from_arrays([[2, -1], [3, -2]], [[2, 3], [-1, -2]])
    branch = qre.trace(game, max_lambda=5.0)
    for which in ("0", 1.0, True, 3):
        with pytest.raises(ParameterError):
            qre.switch(branch, which)  # type: ignore[arg-type]


def test_memory_budget():
    game = NormalFormGame.from_arrays(np.zeros((40, 40)).tolist(), np.zeros((40, 40)).tolist())
    with pytest.raises(BudgetExceededError, match="max_memory"):
        qre(game, 1.0, max_memory=10_000)
    with pytest.raises(BudgetExceededError, match="max_memory"):
        qre.trace(game, max_memory=10_000)
    with pytest.raises(ParameterError):
        qre(game, 1.0, max_memory="1e9")  # type: ignore[arg-type]
