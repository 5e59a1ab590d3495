"""A repeated model's regimes through tg.statics.regimes, and discounts written as expressions.

``regimes(TrustBuilding)`` gives one regime per automaton profile of ``TrustBuilding.profiles`` (as
``repeated_regimes`` does), over every parameter, the history shock s included: the game's discount factor is
the expression δ(1 − s), and the conditions are written in δ and s.

Hand derivation (the one-shot deviation principle; stage payoffs T = b, R_i = b - h_i + e, P = 0, S_i = -h_i;
effective discount factor d = δ(1 - s)):
* grim trigger iff d b >= h_i - e for both allies (a lapse gains T - R_i = h_i - e once and loses R_i - P
  = b - h_i + e for ever, i.e. (1 - d) T <= R_i);
* the one-period freeze iff d (b - h_i + e) >= h_i - e for both (it loses one period of cooperation);
* never share always (the stage equilibrium repeated).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated import RepeatedGame, grim_trigger
from trigame.models.trust_building import TrustBuilding
from trigame.statics import regimes, threshold
from trigame.statics.repeated import repeated_regimes

from .test_trust_building import hand  # the profiles' conditions derived by hand

PROFILES = ["grim trigger", "one-period freeze", "never share"]


@pytest.fixture(scope="module")
def model_regimes():
    return regimes(TrustBuilding)


def test_regimes_of_a_repeated_model_are_its_profiles(model_regimes) -> None:
    rs = model_regimes
    assert [r.label for r in rs] == PROFILES
    assert rs.parameters == ("sharing_benefit", "domestic_cost_japan", "domestic_cost_rok", "us_engagement",
                             "discount", "history_shock")
    assert {r.kind for r in rs} == {"subgame_perfect"}
    assert rs[2].condition == sympy.true
    assert any("automaton profile" in note for note in rs.notes)
    # grim trigger solved for the discount factor: delta >= (h_i - e) / (b (1 - s))
    b, hj, hk, e, delta, s = (p.symbol() for p in TrustBuilding.parameters())
    grim = threshold(rs, "grim trigger", "discount").condition
    expected = [(h - e) / (b * (1 - s)) for h in (hj, hk)]
    assert len(grim.args) == 2 and all(c.lhs == delta for c in grim.args)
    assert all(any(sympy.simplify(c.rhs - x) == 0 for c in grim.args) for x in expected)


values = st.fractions(min_value=F(1, 10), max_value=5, max_denominator=12)
unit = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)
shock = st.fractions(min_value=0, max_value=F(9, 10), max_denominator=10)


@settings(max_examples=40, deadline=None)
@given(values, values, values, st.fractions(min_value=0, max_value=3, max_denominator=6), unit, shock)
def test_model_regimes_match_the_hand_conditions_and_the_solver(model_regimes, b, hj, hk, e, delta, s) -> None:
    point = {"sharing_benefit": b, "domestic_cost_japan": hj, "domestic_cost_rok": hk, "us_engagement": e,
             "discount": delta, "history_shock": s}
    expected = hand(b, hj, hk, e, delta, s)
    assert [r.label for r in model_regimes.at(**point)] == expected
    assert [c.name for c in TrustBuilding(**point).equilibria()] == expected  # the numeric one-shot check


@pytest.fixture(scope="module")
def expression_regimes():
    # the symbolic game's discount factor is discount*(1 - history_shock): its symbols become parameters
    game = TrustBuilding.symbolic_game(us_engagement=0)
    assert not game.discounts[0].is_Symbol
    by_game = repeated_regimes(game, TrustBuilding.profiles(game.stage))
    by_model = repeated_regimes(TrustBuilding, fixed={"us_engagement": 0})
    return by_game, by_model


@settings(max_examples=30, deadline=None)
@given(values, values, values, unit, shock)
def test_repeated_regimes_accepts_the_discount_as_an_expression(expression_regimes, b, hj, hk, delta, s) -> None:
    by_game, by_model = expression_regimes
    assert set(by_game.parameters) == set(by_model.parameters) == {
        "discount", "history_shock", "domestic_cost_japan", "domestic_cost_rok", "sharing_benefit"}
    point = {"discount": delta, "history_shock": s, "domestic_cost_japan": hj, "domestic_cost_rok": hk,
             "sharing_benefit": b}
    assert [r.label for r in by_game.at(**point)] == hand(b, hj, hk, F(0), delta, s)
    assert [r.label for r in by_model.at(**point)] == hand(b, hj, hk, F(0), delta, s)


def test_expression_discount_is_kept_inside_the_unit_interval() -> None:
    # grim trigger in the PD 5, 3, 1, 0 with discount factor x/2 (x > 0 free): d = x/2 >= 1/2 and d < 1, so
    # 1 <= x < 2; without the bound d < 1 every x >= 1 would pass
    x = sympy.Symbol("x", positive=True)
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    rs = repeated_regimes(RepeatedGame(pd, x / 2), {"grim": grim_trigger(pd)})
    assert rs.parameters == ("x",)
    assert [rs[0].holds(x=v) for v in (F(1, 2), F(1), F(3, 2), F(2), F(3))] == [False, True, True, False, False]


def test_nash_conditions_and_free_parameters() -> None:
    rs = regimes(TrustBuilding, nash=True, fixed={"history_shock": 0, "us_engagement": 0})
    assert [r.label for r in rs] == PROFILES and {r.kind for r in rs} == {"nash"}
    # grim trigger is a Nash equilibrium iff it is subgame perfect here (its punishment is a stage equilibrium)
    assert rs[0].holds(sharing_benefit=3, domestic_cost_japan=1, domestic_cost_rok=1, discount=F(1, 3))
    assert not rs[0].holds(sharing_benefit=3, domestic_cost_japan=1, domestic_cost_rok=1, discount=F(3, 10))
    one = regimes(TrustBuilding(domestic_cost_rok=2), free=["discount"])
    assert one.parameters == ("discount",)
    assert [r.label for r in one.at(discount=F(2, 3))] == ["grim trigger", "never share"]  # 3 d >= 2


def test_a_bare_repeated_game_needs_its_profiles() -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    with pytest.raises(UnsupportedGameError, match="repeated_regimes"):
        regimes(RepeatedGame(pd, F(1, 2)))


def test_regime_map_of_a_repeated_model_is_proved() -> None:
    # every set of the map is proved nonempty, and its label checked at a witness against the numeric one-shot
    # deviation check of each profile; with s = 0 and e = 0 the hand conditions give three sets: never share
    # alone, grim trigger with it (d b >= h_i but not the freeze's d (b - h_i) >= h_i), and all three
    from trigame.statics import regime_map

    rmap = regime_map(TrustBuilding, fixed={"history_shock": 0, "us_engagement": 0})
    assert all(entry.certain for entry in rmap)
    assert sorted(entry.label for entry in rmap) == ["grim trigger | never share",
                                                      "grim trigger | never share | one-period freeze",
                                                      "never share"]


def test_labels_of_a_repeated_models_map_on_its_boundaries() -> None:
    # With b = 3, h_J = h_K = 1, e = s = 0 the hand conditions: grim trigger iff 3 d >= 1, the freeze iff
    # d (3 - 1) >= 1. On the boundaries d = 1/3 and d = 1/2 the relations hold with equality, so the labels
    # there are the sets of the cells above them; the point is solved by each profile's own exact check.
    from trigame.statics import regime_map

    rmap = regime_map(TrustBuilding)
    at = {"sharing_benefit": 3, "domestic_cost_japan": 1, "domestic_cost_rok": 1, "us_engagement": 0,
          "history_shock": 0}
    for delta in (F(1, 4), F(1, 3), F(2, 5), F(1, 2), F(3, 5)):
        expected = " | ".join(sorted(hand(F(3), F(1), F(1), F(0), delta, F(0))))
        assert rmap.labels(**at, discount=delta) == expected


def test_profiles_given_to_a_model_without_its_own() -> None:
    # A repeated model need not name profiles: repeated_regimes(model, {name: profile}) takes the caller's.
    # Given TrustBuilding's own grim trigger, the condition is the hand one (d b >= h_i - e for both allies).
    from dataclasses import dataclass

    @dataclass(frozen=True, kw_only=True)
    class Unnamed(TrustBuilding):
        profiles = None  # type: ignore[assignment]

    stage = TrustBuilding.symbolic_game().stage
    grim = {"grim trigger": TrustBuilding.profiles(stage)["grim trigger"]}
    rs = repeated_regimes(Unnamed, grim, fixed={"history_shock": 0, "us_engagement": 0})
    assert [r.label for r in rs] == ["grim trigger"]
    for b, hj, hk, delta in [(F(3), F(1), F(1), F(1, 2)), (F(3), F(1), F(2), F(1, 2)), (F(2), F(1), F(1), F(1, 3))]:
        point = {"sharing_benefit": b, "domestic_cost_japan": hj, "domestic_cost_rok": hk, "discount": delta}
        holds = [r.label for r in rs.at(**point)] == ["grim trigger"]
        assert holds == ("grim trigger" in hand(b, hj, hk, F(0), delta, F(0)))
