"""Infinitely repeated games: automata, the exact one-shot deviation check, discount thresholds.

Every expected value is derived by hand in the comments (T, R, P, S = 5, 3, 1, 0 unless said).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import LabelError, ParameterError, ProfileError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated import (
    Automaton,
    RepeatedGame,
    carrot_and_stick,
    forgiving_trigger,
    grim_trigger,
    tit_for_tat,
)
from trigame.verify.repeated import play_value, verify_subgame_perfect

CD = [["C", "D"], ["C", "D"]]


def prisoners_dilemma(t=5, r=3, p=1, s=0):
    return NormalFormGame.from_arrays([[r, s], [t, p]], [[r, t], [s, p]], strategies=CD)


PD = prisoners_dilemma()
delta = sympy.Symbol("delta", positive=True)


# ---------------------------------------------------------------------- grim trigger
@pytest.mark.parametrize("d, expected", [(F(1, 2), True), (F(49, 100), False), (F(3, 4), True), (F(1, 10), False),
                                         (0.51, True), (0.49, False)])
def test_grim_trigger_is_spe_iff_delta_at_least_one_half(d, expected):
    # On the path: R = 3.  Deviating once gives (1-d) T + d P = 5 - 4d, so no gain iff 5 - 4d <= 3 iff d >= 1/2.
    # In the punishment state (D, D) is a stage equilibrium: deviating to C gives (1-d) S + d P < P.
    rg = RepeatedGame(PD, d)
    assert rg.is_subgame_perfect(grim_trigger(PD)) is expected
    assert verify_subgame_perfect(rg, grim_trigger(PD)) is expected


def test_grim_trigger_threshold_exact():
    condition = RepeatedGame(PD, F(1, 2)).discount_threshold(grim_trigger(PD))
    assert sympy.simplify(condition.subs(delta, F(1, 2))) == sympy.true
    assert sympy.simplify(condition.subs(delta, sympy.Rational(1, 2) - sympy.Rational(1, 10**9))) == sympy.false
    assert condition.as_set() == sympy.Interval.Ropen(sympy.Rational(1, 2), 1)


def test_values_on_the_path_and_after_a_deviation():
    rg = RepeatedGame(PD, F(1, 2))
    assert rg.values(grim_trigger(PD)) == (3, 3)
    # Player 1 deviates in period 0: 5 today, then P = 1 forever: (1/2) 5 + (1/2) 1 = 3.
    assert play_value(rg, grim_trigger(PD), ("cooperate", "cooperate"), 0, ("D", "C")) == 3
    assert rg.path(grim_trigger(PD), 3) == [("C", "C")] * 3


# ---------------------------------------------------------------------- tit-for-tat
@pytest.mark.parametrize("d", [F(1, 10), F(1, 4), F(1, 2), F(2, 3), F(9, 10), F(999, 1000)])
def test_tit_for_tat_is_never_subgame_perfect(d):
    # Joint states (own state = what I play): after (C, D) play alternates (C,D),(D,C),...
    # V1(C,D) = (S + d T)/(1 + d), V1(D,C) = (T + d S)/(1 + d).
    # At (C,C): deviating gives T + d S <= R (1 + d)  iff d >= (T-R)/(R-S) = 2/3.
    # At (D,C): returning to C gives R: need (T + d S)/(1+d) >= R  iff d <= 2/3.
    # At (C,D): defecting gives P forever: need (S + d T)/(1+d) >= P iff d >= (P-S)/(T-P) = 1/4.
    # At (D,D): cooperating gives (1-d) S + d V1(D,C): need d <= 1/4.  Together: empty.
    rg = RepeatedGame(PD, d)
    assert not rg.is_subgame_perfect(tit_for_tat(PD))
    assert not verify_subgame_perfect(rg, tit_for_tat(PD))
    deviations = rg.one_shot_deviations(tit_for_tat(PD))
    assert deviations and all(dev.gain > 0 for dev in deviations)


def test_tit_for_tat_threshold_is_empty_and_its_four_conditions():
    rg = RepeatedGame(PD, F(1, 2))
    assert rg.discount_threshold(tit_for_tat(PD)) == sympy.false
    conditions = {(dev.state, dev.player): c for dev, c in rg.spe_conditions(tit_for_tat(PD))}
    p1 = "Player 1"
    assert sympy.solve_univariate_inequality(conditions[(("cooperate", "cooperate"), p1)], delta) == \
        sympy.solve_univariate_inequality(delta >= sympy.Rational(2, 3), delta)
    assert sympy.solve_univariate_inequality(conditions[(("punish", "cooperate"), p1)], delta) == \
        sympy.solve_univariate_inequality(delta <= sympy.Rational(2, 3), delta)
    assert sympy.solve_univariate_inequality(conditions[(("cooperate", "punish"), p1)], delta) == \
        sympy.solve_univariate_inequality(delta >= sympy.Rational(1, 4), delta)
    assert sympy.solve_univariate_inequality(conditions[(("punish", "punish"), p1)], delta) == \
        sympy.solve_univariate_inequality(delta <= sympy.Rational(1, 4), delta)


def test_tit_for_tat_nash_conditions():
    # Against tit-for-tat the best deviations are "always D" ((1-d) T + d P <= R iff d >= (T-R)/(T-P) = 1/2)
    # and "alternate D, C" ((T + d S)/(1 + d) <= R iff d >= (T-R)/(R-S) = 2/3): Nash iff d >= 2/3.
    rg = RepeatedGame(PD, F(1, 2))
    assert rg.nash_threshold(tit_for_tat(PD)).as_set() == sympy.Interval.Ropen(sympy.Rational(2, 3), 1)
    assert RepeatedGame(PD, F(2, 3)).is_nash(tit_for_tat(PD))
    assert not RepeatedGame(PD, F(13, 20)).is_nash(tit_for_tat(PD))
    assert RepeatedGame(PD, 0.7).is_nash(tit_for_tat(PD)) and not RepeatedGame(PD, 0.6).is_nash(tit_for_tat(PD))
    assert RepeatedGame(PD, F(1, 2)).is_nash(grim_trigger(PD))  # SPE implies Nash


# ---------------------------------------------------------------------- symbolic thresholds
T, R, P, S = sympy.symbols("T R P S")
SPD = NormalFormGame.from_arrays([[R, S], [T, P]], [[R, T], [S, P]], strategies=CD)


def test_symbolic_grim_threshold_in_t_r_p():
    # Path: (1-d) T + d P <= R  iff  d (T - P) >= T - R; punishment: (1-d) S + d P <= P iff P >= S.
    condition = RepeatedGame(SPD, delta).discount_threshold(grim_trigger(SPD))
    assert condition.free_symbols == {T, R, P, S, delta}
    assert _equivalent_on_samples(condition, lambda t, r, p, s, d: d * (t - p) >= t - r and p >= s)


def test_symbolic_tit_for_tat_conditions_in_t_r_p_s():
    # The four hand conditions above: d(R-S) >= T-R, d(R-S) <= T-R, d(T-P) >= P-S, d(T-P) <= P-S.
    condition = RepeatedGame(SPD, delta).discount_threshold(tit_for_tat(SPD))
    assert _equivalent_on_samples(
        condition, lambda t, r, p, s, d: d * (r - s) == t - r and d * (t - p) == p - s)


def test_symbolic_forgiving_trigger_two_periods():
    # Deviation gains T - R today and loses (R - P)(d + d^2) in the two punished periods:
    # no gain iff (1-d)(T - R) <= (1-d)(R - P)(d + d^2)  iff  T - R <= (R - P)(d + d^2).
    condition = RepeatedGame(SPD, delta).discount_threshold(forgiving_trigger(SPD, k=2))
    assert _equivalent_on_samples(
        condition, lambda t, r, p, s, d: t - r <= (r - p) * (d + d * d) and _punishment_ok(t, r, p, s, d))


def _punishment_ok(t, r, p, s, d):
    # V(p2) = (1-d) P + d R and V(p1) = (1-d) P + d V(p2).  A deviation to C restarts the punishment:
    # in p1 the gain is (1-d)(S - P) + d (V(p1) - V(p2)) = (1-d) [(S - P) + d^2 (P - R)];
    # in p2 it is (1-d)(S - P) + d (V(p1) - R) = (1-d) [(S - P) + d (1 + d)(P - R)].
    return (s - p) + d * d * (p - r) <= 0 and (s - p) + d * (1 + d) * (p - r) <= 0


def _equivalent_on_samples(condition, truth):
    samples = [(5, 3, 1, 0), (4, 3, 1, 0), (10, 9, 3, 1), (7, 2, 1, -3), (3, 2, 0, -1), (6, 5, 1, 0),
               (5, 3, 1, 2), (5, 3, 0, 1)]  # the last two have S > P: the punishment conditions bind
    grid = [F(k, 24) for k in range(1, 24)]
    for t, r, p, s in samples:
        for d in grid:
            got = bool(condition.subs({T: t, R: r, P: p, S: s, delta: d}))
            if got != bool(truth(t, r, p, s, d)):
                return False
    return True


def test_carrot_and_stick_with_the_stage_equilibrium_is_never_spe_in_the_pd():
    # In the carrot: (1-d) T + d ((1-d) P + d R) <= R  iff  5 - 4d - d^2 + 3 d^2 - 3 <= 0 ... = 2 (1 - d)^2 <= 0.
    rg = RepeatedGame(PD, F(9, 10))
    assert not rg.is_subgame_perfect(carrot_and_stick(PD))
    assert rg.discount_threshold(carrot_and_stick(PD)) == sympy.false


def test_carrot_and_stick_with_a_harsh_stick():
    # A harsher punishment action X: u(X, X) = (-1, -1); against X, D and C give 0.  Stick (X, X), carrot (C, C).
    # V(stick) = (1-d)(-1) + d 3 = 4d - 1.  Carrot: (1-d) 5 + d (4d - 1) <= 3  iff  4d^2 - 6d + 2 <= 0
    # iff (2d - 1)(d - 1) <= 0  iff  d >= 1/2.  Stick: deviating to C or D gives (1-d) 0 + d V(stick) <= V(stick)
    # iff (1-d) V(stick) >= 0 iff d >= 1/4.  So the profile is SPE iff d >= 1/2.
    stage = NormalFormGame.from_arrays([[3, 0, 0], [5, 1, 0], [0, 0, -1]], [[3, 5, 0], [0, 1, 0], [0, 0, -1]],
                                       strategies=[["C", "D", "X"], ["C", "D", "X"]])
    profile = carrot_and_stick(stage, ("C", "C"), ("X", "X"))
    condition = RepeatedGame(stage, F(1, 2)).discount_threshold(profile)
    assert condition.as_set() == sympy.Interval.Ropen(sympy.Rational(1, 2), 1)
    for k in range(1, 20):
        d = F(k, 20)
        assert bool(condition.subs(delta, d)) == verify_subgame_perfect(RepeatedGame(stage, d), profile)


# ---------------------------------------------------------------------- three players, per-player discounts
def test_three_player_grim_trigger_and_per_player_discounts():
    # A 3-player public-goods stage: each contributes (C) at cost 2, every contribution gives 1 to all.
    # u_i = (number of C) - 2 [i plays C].  Path payoff 3 - 2 = 1; deviating gives 2 today and 0 after:
    # no gain iff (1-d_i) 2 <= 1  iff  d_i >= 1/2, player by player.
    import numpy as np

    arrays = []
    for i in range(3):
        u = np.zeros((2, 2, 2), dtype=object)
        for idx in np.ndindex(2, 2, 2):
            u[idx] = sum(1 for a in idx if a == 0) - (2 if idx[i] == 0 else 0)
        arrays.append(u)
    stage = NormalFormGame.from_arrays(*arrays, strategies=[["C", "D"]] * 3)
    profile = grim_trigger(stage)
    assert RepeatedGame(stage, [F(1, 2), F(3, 4), F(2, 3)]).is_subgame_perfect(profile)
    assert not RepeatedGame(stage, {"Player 1": F(3, 4), "Player 2": F(2, 5), "Player 3": F(3, 4)}) \
        .is_subgame_perfect(profile)
    condition = RepeatedGame(stage, [F(1, 2)] * 3).discount_threshold(profile)
    assert condition.as_set() == sympy.Interval.Ropen(sympy.Rational(1, 2), 1)


# ---------------------------------------------------------------------- a user-defined automaton
def test_user_automaton_with_mapping_transitions_matches_grim():
    grim = Automaton(["coop", "war"], "coop", {"coop": "C", "war": "D"},
                     {("coop", ("C", "D")): "war", ("coop", ("D", "C")): "war", ("coop", ("D", "D")): "war"})
    for d in (F(1, 3), F(1, 2), F(4, 5)):
        rg = RepeatedGame(PD, d)
        assert rg.is_subgame_perfect((grim, grim)) == (d >= F(1, 2))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-3, 6), min_size=8, max_size=8), st.integers(1, 19),
       st.sampled_from(["grim", "tft", "forgive", "carrot"]))
def test_game_check_agrees_with_the_simulation(payoffs, k, which):
    a, b, c, d, e, f, g, h = payoffs
    stage = NormalFormGame.from_arrays([[a, b], [c, d]], [[e, f], [g, h]], strategies=CD)
    build = {"grim": grim_trigger, "tft": tit_for_tat, "carrot": carrot_and_stick,
             "forgive": lambda s: forgiving_trigger(s, k=2)}[which]
    rg = RepeatedGame(stage, F(k, 20))
    assert rg.is_subgame_perfect(build(stage)) == verify_subgame_perfect(rg, build(stage))
    condition = rg.discount_threshold(build(stage))
    assert bool(condition.subs(delta, F(k, 20))) == rg.is_subgame_perfect(build(stage))


# ---------------------------------------------------------------------- hostile input
@pytest.mark.parametrize("bad", ["0.9", "__import__('os').system('true')", 1, 0, -0.5, 1.5, float("nan"),
                                 float("inf"), [F(1, 2)], {"Nobody": F(1, 2), "Player 1": F(1, 2)}, None])
def test_bad_discount_factors_raise_a_trigame_error(bad):
    with pytest.raises(TrigameError):
        RepeatedGame(PD, bad)


def test_bad_stage_and_profiles():
    with pytest.raises(ParameterError):
        RepeatedGame("[[1, 2], [3, 4]]", F(1, 2))
    rg = RepeatedGame(PD, F(1, 2))
    with pytest.raises(ProfileError):
        rg.is_subgame_perfect(grim_trigger(PD)[:1])
    with pytest.raises(ProfileError):
        rg.is_subgame_perfect("grim trigger")
    with pytest.raises(ProfileError):
        rg.is_subgame_perfect(grim_trigger(PD, ("C", "C"), ("Nuke", "D")))
    bad = Automaton(["a"], "a", {"a": "Attack"}, {})
    with pytest.raises(ProfileError):
        rg.is_subgame_perfect((bad, bad))
    with pytest.raises(ParameterError):
        forgiving_trigger(PD, k="3")
    with pytest.raises(ParameterError):
        forgiving_trigger(PD, k=10**9)
    with pytest.raises(UnsupportedGameError):
        RepeatedGame(SPD, F(1, 2)).is_subgame_perfect(grim_trigger(SPD))


@pytest.mark.parametrize("args", [
    ([], "a", {}, {}),
    (["a", "a"], "a", {"a": "C"}, {}),
    (["a"], "b", {"a": "C"}, {}),
    (["a"], "a", {}, {}),
    (["a"], "a", {"a": 3}, {}),
    (["a"], "a", {"a": "C"}, {("a", ("C", "C")): "zzz"}),
    (["a"], "a", {"a": "C"}, {"a": "a"}),
    ("ab", "a", {"a": "C"}, {}),
    (["a"], "a", {"a": "C"}, "lambda s, p: s"),
])
def test_malformed_automata(args):
    with pytest.raises(LabelError):
        Automaton(*args)


def test_joint_state_budget():
    from trigame.errors import BudgetExceededError

    with pytest.raises(BudgetExceededError):
        RepeatedGame(PD, F(1, 2)).is_subgame_perfect(forgiving_trigger(PD, k=50), max_states=10)


def test_degree_budget_refuses_long_symbolic_conditions_before_the_work():
    from trigame.errors import BudgetExceededError

    rg = RepeatedGame(PD, F(1, 2))
    with pytest.raises(BudgetExceededError, match="max_degree"):
        rg.discount_threshold(forgiving_trigger(PD, k=40))
    with pytest.raises(BudgetExceededError, match="max_degree"):
        rg.nash_threshold(forgiving_trigger(PD, k=40))
    # The numeric check has no such limit: k = 2000 periods of punishment is almost grim trigger, which at
    # delta = 1/2 is exactly indifferent on the path; the finite punishment is a little weaker, so it fails.
    assert not rg.is_subgame_perfect(forgiving_trigger(PD, k=2000), max_states=100_000)
    assert RepeatedGame(PD, F(3, 5)).is_subgame_perfect(forgiving_trigger(PD, k=2000), max_states=100_000)


def test_float_payoffs_are_the_binary_rationals_they_denote():
    # R = 3.1 (a float): grim trigger iff (1-d) 5 + d 1 <= 3.1  iff  d >= 1.9/4 = 0.475 (as binary rationals).
    pdf = NormalFormGame.from_arrays([[3.1, 0.0], [5.0, 1.0]], [[3.1, 5.0], [0.0, 1.0]], strategies=CD)
    condition = RepeatedGame(pdf, 0.5).discount_threshold(grim_trigger(pdf))
    bound = (sympy.Integer(5) - sympy.Rational(3.1)) / 4
    assert condition.as_set() == sympy.Interval.Ropen(bound, 1)
    assert RepeatedGame(pdf, 0.48).is_subgame_perfect(grim_trigger(pdf))
    assert not RepeatedGame(pdf, 0.47).is_subgame_perfect(grim_trigger(pdf))


def test_irrational_discount_factors_are_checked_and_used_exactly():
    # sqrt(2)/2 ~ 0.707 >= 1/2: grim trigger holds; sqrt(2) is refused (not in (0, 1)).
    assert RepeatedGame(PD, sympy.sqrt(2) / 2).is_subgame_perfect(grim_trigger(PD))
    with pytest.raises(ParameterError):
        RepeatedGame(PD, sympy.sqrt(2))


def test_subs_gives_a_numeric_game():
    d = sympy.Symbol("d", positive=True)
    rg = RepeatedGame(SPD, d).subs({T: 5, R: 3, P: 1, S: 0, d: sympy.Rational(1, 2)})
    assert not rg.is_symbolic and rg.discount == F(1, 2)
    assert rg.is_subgame_perfect(grim_trigger(rg.stage))


def test_hostile_strings_for_builders_and_checks():
    with pytest.raises(ParameterError):
        grim_trigger("[[3, 0], [5, 1]]")
    with pytest.raises(ProfileError):
        tit_for_tat(PD, cooperate="CC")
    with pytest.raises(ParameterError):
        verify_subgame_perfect(RepeatedGame(PD, F(1, 2)), grim_trigger(PD), max_histories="10")
    with pytest.raises(ParameterError):
        RepeatedGame(PD, F(1, 2)).path(grim_trigger(PD), periods="5")
    with pytest.raises(ParameterError):
        RepeatedGame(PD, F(1, 2)).discount_threshold(grim_trigger(PD), max_degree="12")
    unhashable = Automaton(["a"], "a", {"a": "C"}, lambda state, profile: ["a"])
    with pytest.raises(LabelError):
        RepeatedGame(PD, F(1, 2)).is_subgame_perfect((unhashable, unhashable))


def test_subs_refuses_unknown_names_and_strings():
    rg = RepeatedGame(SPD, delta)
    with pytest.raises(ParameterError):
        rg.subs(Z=1)
    with pytest.raises(ParameterError):
        rg.subs(T="5")
