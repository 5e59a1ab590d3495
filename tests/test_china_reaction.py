"""ChinaReaction: "two camps" versus "lacks profit", the allies' choice, the "veto", the simultaneous variant.

Hand derivation used throughout (g = deterrence_gain, k_J, k_K = domestic costs, z = backing_loss,
t = china_discomfort, a = backing_value, c = backing_cost > 0; payoffs (Japan, ROK, China))::

    profile      China accommodates        China backs Pyongyang
    (C, C)       (g - k_J, g - k_K, -t)     (g - k_J - z, g - k_K - z, -t + a - c)
    (C, A)       (-k_J, 0, 0)               (-k_J - z, -z, -c)
    (A, C)       (0, -k_K, 0)               (-z, -k_K - z, -c)
    (A, A)       (0, 0, 0)                  (-z, -z, -c)

* China after any profile but (C, C): backing gives -c < 0 = accommodating, so it accommodates.
* China after (C, C): backing gives -t + a - c against -t: it backs iff a > c ("two camps"),
  accommodates iff a < c ("lacks profit").  t cancels: it never matters.
* The allies' stage, with W = g if China accommodates after (C, C) and W = g - z if it backs:
  Cooperate against Cooperate pays W - k_i, Abstain pays 0; Cooperate against Abstain pays -k_i < 0.
  So (A, A) is always a strict equilibrium; (C, C) is one iff W >= k_J and W >= k_K (strict if >);
  if W > k_J, k_K there is one mixed equilibrium: Japan indifferent when Pr_ROK(C) * W - k_J = 0,
  so Pr_ROK(C) = k_J / W and likewise Pr_Japan(C) = k_K / W; if W < k_i for some ally,
  Cooperate is strictly dominated for it and (A, A) is unique.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.models import ChinaReaction

JAPAN, ROK, CC = "allies:Japan", "allies:South Korea", "China@Cooperate/Cooperate"
VETO_CHINA = "Back Pyongyang|Accommodate|Accommodate|Accommodate"  # back after (C, C) only

costs = st.fractions(min_value=Fraction(1, 20), max_value=10, max_denominator=20)
nonneg = st.fractions(min_value=0, max_value=10, max_denominator=20)
eps = st.fractions(min_value=Fraction(1, 100), max_value=3, max_denominator=100)


@st.composite
def models(draw: st.DrawFn, china: str = "any") -> ChinaReaction:
    """Positive domestic and backing costs; ``china`` = "camps" (a > c), "profit" (a < c) or "any" (a != c)."""
    c = draw(costs)
    kind = draw(st.sampled_from(["camps", "profit"])) if china == "any" else china
    a = c + draw(eps) if kind == "camps" else c * draw(st.fractions(min_value=0, max_value=Fraction(99, 100)))
    return ChinaReaction(
        deterrence_gain=draw(nonneg),
        domestic_cost_japan=draw(costs),
        domestic_cost_rok=draw(costs),
        backing_loss=draw(nonneg),
        china_discomfort=draw(nonneg),
        backing_value=a,
        backing_cost=c,
    )


def ally_profiles(spes: Any) -> set[tuple[Fraction, Fraction]]:
    """Each SPE as (Pr_Japan(Cooperate), Pr_ROK(Cooperate))."""
    return {(Fraction(s.behavior[JAPAN]["Cooperate"]), Fraction(s.behavior[ROK]["Cooperate"])) for s in spes}


def expected_allies(m: ChinaReaction, worth: Fraction) -> set[tuple[Fraction, Fraction]]:
    """The allies' equilibria of their stage when mutual cooperation is worth ``worth`` (docstring above)."""
    k_j, k_k = m.domestic_cost_japan, m.domestic_cost_rok
    if worth > k_j and worth > k_k:
        return {(1, 1), (0, 0), (k_k / worth, k_j / worth)}
    return {(0, 0)}


def off_tie(m: ChinaReaction, worth: Fraction) -> bool:
    return worth not in (m.domestic_cost_japan, m.domestic_cost_rok)


# ---------------------------------------------------------------------------- China's reaction
@given(models("camps"))
def test_two_camps_china_backs_after_joint_cooperation_in_every_spe(m: ChinaReaction) -> None:
    worth = m.deterrence_gain - m.backing_loss
    spes = m.equilibria()
    assert spes.complete
    for spe in spes:
        assert spe.choices()[CC] == "Back Pyongyang"
        others = [key for key in spe.behavior if key.startswith("China@") and key != CC]
        assert all(spe.choices()[key] == "Accommodate" for key in others)
    if off_tie(m, worth):
        assert not spes.degenerate
        assert ally_profiles(spes) == expected_allies(m, worth)


@given(models("profit"))
def test_lacks_profit_china_never_backs(m: ChinaReaction) -> None:
    worth = m.deterrence_gain
    spes = m.equilibria()
    assert spes.complete
    for spe in spes:
        assert all(dist["Back Pyongyang"] == 0 for key, dist in spe.behavior.items() if key.startswith("China@"))
    if off_tie(m, worth):
        assert ally_profiles(spes) == expected_allies(m, worth)


@given(models(), costs, eps)
def test_reaction_flips_exactly_at_backing_value_equal_cost(m: ChinaReaction, c: Fraction, d: Fraction) -> None:
    # Boundary a = c: just above China backs after (C, C) in every SPE, just below it never backs.
    above = m.replace(backing_cost=c, backing_value=c + d / 100)
    below = m.replace(backing_cost=c, backing_value=max(Fraction(0), c - d / 100))
    assert {s.choices()[CC] for s in above.equilibria()} == {"Back Pyongyang"}
    assert {s.choices()[CC] for s in below.equilibria()} == {"Accommodate"}
    tie = m.replace(backing_cost=c, backing_value=c).equilibria()
    assert tie.degenerate and {s.choices()[CC] for s in tie} == {"Back Pyongyang", "Accommodate"}


@given(models(), nonneg)
def test_china_discomfort_never_changes_an_equilibrium(m: ChinaReaction, t: Fraction) -> None:
    # t is paid at (C, C) whatever China does (docstring): the SPE behaviour does not depend on it.
    behave = [{k: dict(v) for k, v in s.behavior.items()} for s in m.equilibria()]
    other = [{k: dict(v) for k, v in s.behavior.items()} for s in m.replace(china_discomfort=t).equilibria()]
    assert behave == other


@given(models("camps"), eps)
def test_two_camps_cooperation_threshold(m: ChinaReaction, d: Fraction) -> None:
    # With backing after (C, C), cooperation is an SPE outcome iff g - z exceeds both domestic costs.
    k = max(m.domestic_cost_japan, m.domestic_cost_rok)
    inside = m.replace(deterrence_gain=m.backing_loss + k + d / 10)
    outside = m.replace(deterrence_gain=m.backing_loss + k - min(d / 10, k / 2))
    assert (1, 1) in ally_profiles(inside.equilibria())
    assert ally_profiles(outside.equilibria()) == {(0, 0)}


# ---------------------------------------------------------------------------- the veto
@st.composite
def veto_models(draw: st.DrawFn) -> ChinaReaction:
    """Backing lacks profit (a < c) and cooperation pays: g > k_J and g > k_K."""
    m = draw(models("profit"))
    return m.replace(deterrence_gain=max(m.domestic_cost_japan, m.domestic_cost_rok) + draw(eps))


def veto_profile(form: tg.NormalFormGame) -> list[np.ndarray]:
    japan, rok, china = form.strategies
    return [
        np.eye(len(japan), dtype=object)[japan.index("Abstain")] * Fraction(1),
        np.eye(len(rok), dtype=object)[rok.index("Abstain")] * Fraction(1),
        np.eye(len(china), dtype=object)[china.index(VETO_CHINA)] * Fraction(1),
    ]


@settings(max_examples=30)
@given(veto_models())
def test_veto_is_nash_but_not_subgame_perfect(m: ChinaReaction) -> None:
    form = m.game().to_normal_form()
    assert form.strategies[2][0].count("|") == 3  # China's plan at (C,C), (C,A), (A,C), (A,A)
    assert tg.is_nash(form, veto_profile(form))
    pure = m.equilibria(nash=True, method="pure")
    labels = {e.label() for e in pure}
    assert f"Japan: Abstain, South Korea: Abstain, China: {VETO_CHINA}" in labels
    # Not subgame-perfect: in no SPE does China back Pyongyang after (C, C) ...
    spes = m.equilibria()
    assert all(s.choices()[CC] == "Accommodate" for s in spes)
    # ... and the SPE set contains the cooperative outcome the veto gives up, worth g - k_i > 0 to each ally.
    coop = [s for s in spes if ally_profiles([s]) == {(1, 1)}]
    assert len(coop) == 1 and all(u > 0 for u in coop[0].payoffs[:2])
    # The same threat is credible (an SPE plan) when backing pays.
    camps = m.replace(backing_value=m.backing_cost + 1)
    assert all(s.choices()[CC] == "Back Pyongyang" for s in camps.equilibria())


def test_veto_at_defaults_against_all_nash_equilibria() -> None:
    # Defaults: a = 1 < c = 2, g = 3 > k_J = 1, k_K = 2.  The complete NE set of the strategic form contains
    # the veto profile; the SPE set (3 equilibria, docstring) does not.
    m = ChinaReaction()
    form = m.game().to_normal_form()
    nash = tg.equilibria(form, method="pure")
    assert f"Japan: Abstain, South Korea: Abstain, China: {VETO_CHINA}" in {e.label() for e in nash}
    # Brute force over the 64 pure profiles (an independent check of the pure solver): the Nash condition.
    count = 0
    for index in np.ndindex(*form.shape):
        profile = [np.eye(m_i, dtype=object)[k] * Fraction(1) for m_i, k in zip(form.shape, index)]
        count += bool(tg.is_nash(form, profile))
    assert count == len(nash)
    assert ally_profiles(m.equilibria()) == {(1, 1), (0, 0), (Fraction(2, 3), Fraction(1, 3))}


# ---------------------------------------------------------------------------- the simultaneous variant
def pure_labels(eqs: Any) -> set[str]:
    return {e.label() for e in eqs if e.is_pure}


@given(models())
def test_simultaneous_variant(m: ChinaReaction) -> None:
    s = m.replace(simultaneous=True)
    g = s.game()
    assert isinstance(g, tg.NormalFormGame) and g.shape == (2, 2, 2)
    assert g.strategies == (("Cooperate", "Abstain"), ("Cooperate", "Abstain"), ("Accommodate", "Back Pyongyang"))
    eqs = s.equilibria()
    for e in eqs:
        assert tg.is_nash(g, e.strategies)
    g_, k_j, k_k = m.deterrence_gain, m.domestic_cost_japan, m.domestic_cost_rok
    if m.backing_value < m.backing_cost:
        # Accommodate strictly dominant: the allies' stag hunt in g - k_i with China accommodating.
        assert all(e.strategies[2][0] == 1 for e in eqs)
        if off_tie(m, g_):
            expected = {(Fraction(p), Fraction(q)) for p, q in expected_allies(m, g_)}
            assert {(Fraction(e.strategies[0][0]), Fraction(e.strategies[1][0])) for e in eqs} == expected
    else:
        # China backs at (C, C) (a > c), so an ally leaving (C, C) still suffers z: it compares g - k_i - z
        # with -z, i.e. g with k_i.  (C, A) etc. are not equilibria: the lone cooperator saves k_i by abstaining.
        expected = {"Japan: Abstain, South Korea: Abstain, China: Accommodate"}
        if g_ > k_j and g_ > k_k:
            expected.add("Japan: Cooperate, South Korea: Cooperate, China: Back Pyongyang")
        if off_tie(m, g_):
            assert pure_labels(eqs) == expected
        assert "Japan: Cooperate, South Korea: Cooperate, China: Accommodate" not in pure_labels(eqs)


def test_simultaneous_option_through_the_model_layer() -> None:
    m = ChinaReaction(simultaneous=True)
    assert m.strategies[2] == ("Accommodate", "Back Pyongyang") and ChinaReaction.strategies == ()
    assert m.replace(backing_cost=3).simultaneous is True
    assert ChinaReaction.symbolic_game(simultaneous=True).shape == (2, 2, 2)
    assert m.symbolic_game().shape == (2, 2, 2)
    assert m.payoff_tensor(backing_value=[0, 1]).shape == (2, 3, 2, 2, 2)
    assert ChinaReaction.payoff_tensor(backing_value=[0, 1]).shape == (2, 3, 2, 2, 16)
    with pytest.raises(tg.ParameterError, match="True or False"):
        ChinaReaction(simultaneous="yes")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- symbolic, presets, errors
def test_symbolic_spe_pieces_match_hand_conditions() -> None:
    spes = tg.tree.subgame_perfect(ChinaReaction.symbolic_game())
    x = {p.name: p.symbol() for p in ChinaReaction.parameters()}
    coop_accommodate = [s for s in spes if s.choices()[JAPAN] == s.choices()[ROK] == "Cooperate"
                        and s.choices()[CC] == "Accommodate"]
    assert len(coop_accommodate) == 1
    cond = coop_accommodate[0].condition
    # Hand: a <= c and g >= k_J and g >= k_K.
    hand = sympy.And(x["backing_value"] <= x["backing_cost"], x["deterrence_gain"] >= x["domestic_cost_japan"],
                     x["deterrence_gain"] >= x["domestic_cost_rok"])
    for point in [(3, 1, 2, 1, 2), (3, 1, 2, 3, 2), (1, 1, 2, 1, 2), (2, 1, 2, 2, 2)]:
        values = dict(zip(["deterrence_gain", "domestic_cost_japan", "domestic_cost_rok", "backing_value",
                           "backing_cost"], point))
        subs = {x[k]: v for k, v in values.items()}
        assert bool(cond.subs(subs)) == bool(hand.subs(subs)), point


def test_presets() -> None:
    presets = ChinaReaction.presets()
    assert set(presets) == {"Lacks profit (illustrative)", "Two camps (illustrative)"}
    profit, camps = presets["Lacks profit (illustrative)"], presets["Two camps (illustrative)"]
    assert profit.backing_value < profit.backing_cost and camps.backing_value > camps.backing_cost
    assert {s.choices()[CC] for s in profit.equilibria()} == {"Accommodate"}
    # Two camps with the defaults: g - z = 1 < k_K = 2, so the allies abstain (unique SPE).
    assert ally_profiles(camps.equilibria()) == {(0, 0)}
    assert ChinaReaction.headline == ("backing_value", "backing_cost")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"backing_cost": 0}, "(0, inf)"),
        ({"domestic_cost_rok": -1}, "[0, inf)"),
        ({"backing_value": "high"}, "string"),
        ({"backing_veto": 1}, "deterrence_gain, domestic_cost_japan"),
        ({"deterrence_gain": float("inf")}, "finite"),
    ],
)
def test_bad_values(changes: dict, fragment: str) -> None:
    with pytest.raises(tg.ParameterError) as info:
        ChinaReaction(**changes)
    assert fragment in str(info.value)
