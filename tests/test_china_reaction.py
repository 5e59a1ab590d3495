"""ChinaReaction: "two camps" versus "lacks profit", Tokyo's offer and Seoul's answer, the "veto", the variant.

Hand derivation used throughout (g = deterrence_gain, k_J, k_K = domestic costs, z = backing_loss,
t = china_discomfort, a = backing_value, c = backing_cost > 0; payoffs (Japan, ROK, China)).  Japan moves,
South Korea sees it and moves, China sees both and reacts::

    history      China accommodates        China backs Pyongyang
    (C, C)       (g - k_J, g - k_K, -t)     (g - k_J - z, g - k_K - z, -t + a - c)
    (C, A)       (-k_J, 0, 0)               (-k_J - z, -z, -c)
    (A, C)       (0, -k_K, 0)               (-z, -k_K - z, -c)
    (A, A)       (0, 0, 0)                  (-z, -z, -c)

* China after any history but (C, C): backing gives -c < 0 = accommodating, so it accommodates.
* China after (C, C): backing gives -t + a - c against -t: it backs iff a > c ("two camps"),
  accommodates iff a < c ("lacks profit").  t cancels: it never matters.
* W = g if China accommodates after (C, C), W = g - z if it backs.  Seoul after Tokyo's Cooperate:
  Cooperate pays W - k_K, Abstain pays 0 -> Cooperate iff W > k_K.  Seoul after Tokyo's Abstain:
  Cooperate pays -k_K < 0 -> Abstain.  Tokyo: Cooperate pays W - k_J if Seoul follows, -k_J if not;
  Abstain pays 0 -> Cooperate iff W > k_K and W > k_J.  Away from ties the SPE is unique:
  joint cooperation iff W > max(k_J, k_K), both abstain otherwise.  No mixed SPE.
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

JAPAN, ROK, ROK_IDLE, CC = "Japan@root", "South Korea@Cooperate", "South Korea@Abstain", "China@Cooperate/Cooperate"
# China's plan lists its reaction after (C, C), (C, A), (A, C), (A, A); the veto backs after (C, C) only.
VETO_CHINA = "Back Pyongyang|Accommodate|Accommodate|Accommodate"
ALWAYS_ACCOMMODATE = "Accommodate|Accommodate|Accommodate|Accommodate"

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
    """Each SPE as (Pr_Japan(Cooperate), Pr_ROK(Cooperate after Japan cooperated))."""
    return {(Fraction(s.behavior[JAPAN]["Cooperate"]), Fraction(s.behavior[ROK]["Cooperate"])) for s in spes}


def expected_allies(m: ChinaReaction, worth: Fraction) -> set[tuple[Fraction, Fraction]]:
    """The allies' SPE play when joint cooperation is worth ``worth`` (module docstring)."""
    seoul = Fraction(int(worth > m.domestic_cost_rok))
    return {(Fraction(int(seoul == 1 and worth > m.domestic_cost_japan)), seoul)}


def two_camps(m: ChinaReaction) -> bool:
    return m.backing_value > m.backing_cost


def off_tie(m: ChinaReaction, worth: Fraction) -> bool:
    return worth not in (m.domestic_cost_japan, m.domestic_cost_rok)


# ---------------------------------------------------------------------------- China's reaction
@given(models("camps"))
def test_two_camps_china_backs_after_joint_cooperation_in_every_spe(m: ChinaReaction) -> None:
    worth = m.deterrence_gain - m.backing_loss
    spes = m.equilibria()
    # At W = k_K Seoul is indifferent and may mix, making Tokyo indifferent in turn: a continuum, complete=False.
    assert spes.complete or not off_tie(m, m.deterrence_gain - (m.backing_loss if two_camps(m) else 0))
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
    # At W = k_K Seoul is indifferent and may mix, making Tokyo indifferent in turn: a continuum, complete=False.
    assert spes.complete or not off_tie(m, m.deterrence_gain - (m.backing_loss if two_camps(m) else 0))
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
    # With backing after (C, C), cooperation is the SPE outcome iff g - z exceeds both domestic costs.
    k = max(m.domestic_cost_japan, m.domestic_cost_rok)
    inside = m.replace(deterrence_gain=m.backing_loss + k + d / 10)
    outside = m.replace(deterrence_gain=m.backing_loss + k - min(d / 10, k / 2))
    assert ally_profiles(inside.equilibria()) == {(1, 1)}
    # Outside, Tokyo abstains (Seoul may still accept an offer that is never made: W > k_K alone).
    assert {japan for japan, _ in ally_profiles(outside.equilibria())} == {0}


# ---------------------------------------------------------------------------- the veto
def test_old_simultaneous_allies_made_the_veto_idle() -> None:
    """The structure this model replaced: allies choosing at once, then China.  The veto did no work there.

    Defaults g=3, k_J=1, k_K=2, z=2, t=1, a=1, c=2.  From (A, A) a lone deviator reaches (C, A) or (A, C),
    never (C, C), so its payoff is -k_J = -1 (Japan) whatever China plans after (C, C): 2^3 = 8 China plans
    (free after (C, C), (C, A), (A, C); accommodate after (A, A), since -c < 0) support (A, A) as Nash, and
    (A, A) with China always accommodating is subgame-perfect (a stag hunt's bad equilibrium).
    """
    m = ChinaReaction()
    allies = ("Cooperate", "Abstain")

    def leaf(j: str, k: str, china: str) -> tg.Terminal:
        table = m.replace(simultaneous=True).game().payoffs   # (player, Japan, South Korea, China)
        column = ("Accommodate", "Back Pyongyang").index(china)
        return tg.Terminal(tuple(table[:, allies.index(j), allies.index(k), column]))

    reactions = {(j, k): tg.Decision("China", {c: leaf(j, k, c) for c in ("Accommodate", "Back Pyongyang")})
                 for j in allies for k in allies}
    old = tg.GameTree(tg.stage(("Japan", "South Korea"), (allies, allies), reactions, key="allies"),
                      players=ChinaReaction.players)
    form = old.to_normal_form()
    abstain = [e for e in tg.pure_equilibria(form) if e.label().startswith("Japan: Abstain, South Korea: Abstain")]
    assert len(abstain) == 8
    assert any(s.choices()["allies:Japan"] == s.choices()["allies:South Korea"] == "Abstain"
               and s.choices()[CC] == "Accommodate" for s in tg.subgame_perfect(old))
    for plan in (VETO_CHINA, ALWAYS_ACCOMMODATE):   # Japan's lone deviation pays -1 against either plan
        index = (0, 1, form.strategies[2].index(plan))
        assert form.payoffs[(0, *index)] == -1


def test_defaults_unique_spe_and_all_38_pure_nash() -> None:
    """Defaults g=3, k_J=1, k_K=2, z=2, t=1, a=1, c=2 (payoffs in the module docstring).

    SPE: China accommodates everywhere (a < c); Seoul cooperates after Tokyo's offer (g - k_K = 1 > 0) and
    abstains otherwise; Tokyo cooperates (g - k_J = 2 > 0).  Unique, payoffs (2, 1, -1).

    Pure Nash equilibria (Japan 2 x Seoul 4 plans (after C | after A) x China 16 plans), by outcome;
    w = Seoul after C, y = Seoul after A, x_h = China after history h:
    * (C, C): x_CC = Acc (-1 > -2); Seoul leaving gets (C, A) <= 0 < 1; Japan leaving gets <= 0 < 2; y and
      x_CA, x_AC, x_AA free: 2 * 8 = 16.
    * (C, A): x_CA = Acc; Seoul stays out only if x_CC = Back (-1 < 0); Japan's -1 beats abstaining only if
      China backs at the node (A, y) (-2), the other A-node free, y free: 2 * 2 = 4.
    * (A, A): x_AA = Acc; Seoul's -k_K <= 0 whatever x_AC; Japan's deviation reaches (C, w): w = A pays -1 or
      -3 (x_CC, x_CA, x_AC free: 8); w = C needs x_CC = Back (0 <= 0; x_CA, x_AC free: 4): 12.
    * (A, C): x_AC = Acc, Seoul's -2 needs x_AA = Back (-2, a tie); Japan: w = A (x_CC, x_CA free: 4) or
      w = C with x_CC = Back (x_CA free: 2): 6.
    Total 16 + 4 + 12 + 6 = 38.
    """
    m = ChinaReaction()
    [spe] = m.equilibria()
    assert spe.payoffs == (2, 1, -1)
    assert (spe.choices()[JAPAN], spe.choices()[ROK], spe.choices()[ROK_IDLE]) == ("Cooperate", "Cooperate",
                                                                                   "Abstain")
    assert all(spe.choices()[k] == "Accommodate" for k in spe.behavior if k.startswith("China@"))
    form = m.game().to_normal_form()
    assert form.shape == (2, 4, 16)
    pure = list(tg.pure_equilibria(form))
    outcomes: dict[tuple[str, str], int] = {}
    for e in pure:
        japan, seoul, _ = e.label().split(", ", 2)
        j = japan.split(": ")[1]
        plan = seoul.split(": ")[1].split("|")  # (after C, after A)
        k = plan[0] if j == "Cooperate" else plan[1]
        outcomes[(j, k)] = outcomes.get((j, k), 0) + 1
    assert outcomes == {("Cooperate", "Cooperate"): 16, ("Cooperate", "Abstain"): 4, ("Abstain", "Abstain"): 12,
                        ("Abstain", "Cooperate"): 6}
    # Brute force over the 128 pure profiles (an independent check of the pure solver).
    count = sum(bool(tg.is_nash(form, [np.eye(n, dtype=object)[i] * Fraction(1) for n, i in zip(form.shape, idx)]))
                for idx in np.ndindex(*form.shape))
    assert count == 38


def test_the_threat_is_pivotal_at_the_defaults() -> None:
    """Japan's offer pays -k_J = -1 against the veto (Seoul refuses: g - k_K - z = -1 < 0) and g - k_J = 2
    against a China that always accommodates (Seoul accepts: g - k_K = 1 > 0) -- Seoul best replying at its node.

    Among the (A, A) Nash equilibria of the docstring in which Seoul best-replies at both its nodes (after C:
    Cooperate if x_CC = Acc (1 > 0 or -2); if x_CC = Back, Abstain when x_CA = Acc (0 > -1), Cooperate when
    x_CA = Back (-1 > -2); after A: Abstain, -k_K < 0), there are 4 (x_AC free, x_AA = Acc), all with x_CC = Back.
    """
    m = ChinaReaction()
    form = m.game().to_normal_form()
    seoul, china = form.strategies[1], form.strategies[2]

    def japan_offer(plan: str) -> Any:
        after_offer = {c: form.payoffs[:, 0, seoul.index(f"{c}|Abstain"), china.index(plan)] for c in
                       ("Cooperate", "Abstain")}
        best = max(after_offer, key=lambda c: after_offer[c][1])   # Seoul's best reply at its node
        return after_offer[best][0]

    assert japan_offer(VETO_CHINA) == -1 and japan_offer(ALWAYS_ACCOMMODATE) == 2
    sequential = []
    for e in tg.pure_equilibria(form):
        j, s, c = (part.split(": ")[1] for part in e.label().split(", ", 2))
        if j != "Abstain" or s.split("|")[1] != "Abstain":
            continue
        replies = {w: form.payoffs[1, 0, seoul.index(f"{w}|Abstain"), china.index(c)] for w in ("Cooperate",
                                                                                                 "Abstain")}
        if replies[s.split("|")[0]] == max(replies.values()):
            sequential.append(c)
    assert len(sequential) == 4 and all(c.startswith("Back Pyongyang|") for c in sequential)
    assert f"Japan: Abstain, South Korea: Abstain|Abstain, China: {VETO_CHINA}" in {e.label() for e in
                                                                                     tg.pure_equilibria(form)}


@st.composite
def veto_models(draw: st.DrawFn) -> ChinaReaction:
    """Backing lacks profit (a < c), cooperation pays (g > k_J, k_K) but not under backing (g - z < k_K)."""
    m = draw(models("profit"))
    g = max(m.domestic_cost_japan, m.domestic_cost_rok) + draw(eps)
    return m.replace(deterrence_gain=g, backing_loss=g - m.domestic_cost_rok + draw(eps))


@settings(max_examples=30)
@given(veto_models())
def test_veto_is_nash_but_not_subgame_perfect(m: ChinaReaction) -> None:
    form = m.game().to_normal_form()
    profile = [np.eye(n, dtype=object)[form.strategies[i].index(label)] * Fraction(1) for i, (n, label) in
               enumerate(zip(form.shape, ("Abstain", "Abstain|Abstain", VETO_CHINA)))]
    assert tg.is_nash(form, profile)
    # Not subgame-perfect: the unique SPE has China accommodate and both allies cooperate, worth g - k_i > 0.
    [spe] = m.equilibria()
    assert spe.choices()[CC] == "Accommodate" and ally_profiles([spe]) == {(1, 1)}
    assert all(u > 0 for u in spe.payoffs[:2])
    # The same threat is credible (the SPE plan) when backing pays, and then the allies abstain.
    camps = m.replace(backing_value=m.backing_cost + 1)
    assert all(s.choices()[CC] == "Back Pyongyang" for s in camps.equilibria())
    assert ally_profiles(camps.equilibria()) == {(0, 0)}


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
            # Stag hunt: (A, A) always; if g > k_J, k_K also (C, C) and the mixed equilibrium in which each ally
            # makes the other indifferent: Pr_ROK(C) g - k_J = 0, so Pr_ROK(C) = k_J / g, Pr_Japan(C) = k_K / g.
            expected = {(Fraction(0), Fraction(0))}
            if g_ > k_j and g_ > k_k:
                expected |= {(Fraction(1), Fraction(1)), (k_k / g_, k_j / g_)}
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
    # Sequential: Japan 2 plans x Seoul 4 (after Cooperate | after Abstain) x China 16.
    assert ChinaReaction.payoff_tensor(backing_value=[0, 1]).shape == (2, 3, 2, 4, 16)
    with pytest.raises(tg.ParameterError, match="True or False"):
        ChinaReaction(simultaneous="yes")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- symbolic, presets, errors
def test_symbolic_spe_pieces_match_hand_conditions() -> None:
    spes = tg.tree.subgame_perfect(ChinaReaction.symbolic_game())
    x = {p.name: p.symbol() for p in ChinaReaction.parameters()}
    coop_accommodate = [s for s in spes if s.choices()[JAPAN] == s.choices()[ROK] == "Cooperate"
                        and s.choices()[CC] == "Accommodate" and s.choices()[ROK_IDLE] == "Abstain"
                        and all(s.choices()[k] == "Accommodate" for k in s.behavior if k.startswith("China@"))]
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
