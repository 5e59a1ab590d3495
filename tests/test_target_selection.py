"""TargetSelection (after Quackenbush 2006): North Korea attacks the more reliable ally; mutual reliability deters.

Hand derivation (backward induction).  The ally not attacked joins iff its join cost j is below its stay-out cost s
(both choices if j = s).  North Korea's value of attacking X is V_X = G_X - M if the other ally joins and
G_X - B if it stays out; "No attack" is worth 0.  North Korea picks every maximiser of {0, V_J, V_K}.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import trigame as tg
from trigame.models import TargetSelection

NK, AFTER_JAPAN, AFTER_ROK = "North Korea@root", "South Korea@Attack Japan", "Japan@Attack South Korea"
values = st.fractions(min_value=0, max_value=10, max_denominator=10)
small = st.fractions(min_value=Fraction(1, 100), max_value=3, max_denominator=100)


@st.composite
def models(draw: st.DrawFn) -> TargetSelection:
    names = TargetSelection.parameter_names()
    return TargetSelection(**{name: draw(values) for name in names})


def expected(m: TargetSelection) -> set[tuple[str, str, str]]:
    """Every SPE as (North Korea's choice, South Korea's reaction, Japan's reaction), ties included."""
    rok = [a for a, c in (("Join", m.join_cost_rok), ("Stay out", m.stay_out_cost_rok))
           if c == min(m.join_cost_rok, m.stay_out_cost_rok)]
    japan = [a for a, c in (("Join", m.join_cost_japan), ("Stay out", m.stay_out_cost_japan))
             if c == min(m.join_cost_japan, m.stay_out_cost_japan)]
    out = set()
    for r in rok:
        for j in japan:
            v = {"No attack": Fraction(0),
                 "Attack Japan": m.gain_attack_japan - (m.multilateral_war_cost if r == "Join" else
                                                        m.bilateral_war_cost),
                 "Attack South Korea": m.gain_attack_rok - (m.multilateral_war_cost if j == "Join" else
                                                            m.bilateral_war_cost)}
            best = max(v.values())
            out |= {(a, r, j) for a, x in v.items() if x == best}
    return out


def observed(m: TargetSelection) -> set[tuple[str, str, str]]:
    spes = m.equilibria()
    # at ties that can make North Korea indifferent, equilibria with mixing at two places are not listed
    assert spes.complete or spes.degenerate
    return {(s.choices()[NK], s.choices()[AFTER_JAPAN], s.choices()[AFTER_ROK]) for s in spes}  # type: ignore[misc]


@given(models())
def test_spe_set_matches_backward_induction_by_hand(m: TargetSelection) -> None:
    assert observed(m) == expected(m)


@st.composite
def asymmetric(draw: st.DrawFn) -> TargetSelection:
    """One ally reliable (j < s), the other not (j > s); equal gains G > B and M > B."""
    m = draw(models())
    b, gain = draw(values), draw(small)
    japan_reliable = draw(st.booleans())
    d1, d2 = draw(small), draw(small)
    reliable = {"join_cost_japan": max(Fraction(0), m.stay_out_cost_japan - d1),
                "join_cost_rok": m.stay_out_cost_rok + d2}          # Japan joins, South Korea stays out
    if not japan_reliable:
        reliable = {"join_cost_japan": m.stay_out_cost_japan + d1,
                    "join_cost_rok": max(Fraction(0), m.stay_out_cost_rok - d2)}
    return m.replace(bilateral_war_cost=b, gain_attack_japan=b + gain, gain_attack_rok=b + gain,
                     multilateral_war_cost=b + draw(small), **reliable)


@given(asymmetric())
def test_asymmetric_reliability_the_more_reliable_ally_is_attacked(m: TargetSelection) -> None:
    japan_reliable = m.join_cost_japan < m.stay_out_cost_japan
    rok_reliable = m.join_cost_rok < m.stay_out_cost_rok
    assume(japan_reliable != rok_reliable)  # join cost clipped at 0 may leave a tie
    target = "Attack Japan" if japan_reliable else "Attack South Korea"
    # V(reliable) = G - B > 0 > ... and V(unreliable) = G - M < G - B since M > B.
    assert {choice for choice, _, _ in observed(m)} == {target}


@given(models(), small, small)
def test_mutual_reliability_deters(m: TargetSelection, d: Fraction, e: Fraction) -> None:
    # Both join (j < s) and M > max(G_J, G_K): every attack brings a multilateral war that costs more than it gains.
    m = m.replace(join_cost_japan=m.stay_out_cost_japan, stay_out_cost_japan=m.stay_out_cost_japan + d,
                  join_cost_rok=m.stay_out_cost_rok, stay_out_cost_rok=m.stay_out_cost_rok + d,
                  multilateral_war_cost=max(m.gain_attack_japan, m.gain_attack_rok) + e)
    assert {choice for choice, _, _ in observed(m)} == {"No attack"}
    # Just outside: South Korea's join cost a little above its stay-out cost -> no longer reliable; if
    # attacking Japan bilaterally pays (G_J > B), North Korea attacks Japan.
    outside = m.replace(join_cost_rok=m.stay_out_cost_rok + e, bilateral_war_cost=m.gain_attack_japan - min(
        m.gain_attack_japan, Fraction(1, 2)))
    if outside.gain_attack_japan > outside.bilateral_war_cost:
        assert "Attack Japan" in {choice for choice, _, _ in observed(outside)}


def test_attacked_allys_loss_never_matters() -> None:
    m = TargetSelection()
    assert observed(m) == observed(m.replace(war_loss_japan=0, war_loss_rok=10))


def test_presets_and_defaults() -> None:
    # Defaults: Japan reliable (1 < 2), ROK not (2 > 1), G = 3 for both, B = 2, M = 5:
    # V_J = 3 - 2 = 1 (ROK stays out), V_K = 3 - 5 = -2 (Japan joins) -> attack Japan.
    presets = TargetSelection.presets()
    assert observed(presets["Asymmetric reliability (illustrative)"]) == {("Attack Japan", "Stay out", "Join")}
    assert observed(presets["Mutual reliability (illustrative)"]) == {("No attack", "Join", "Join")}
    assert TargetSelection.headline == ("join_cost_japan", "join_cost_rok")


def test_symbolic_pieces_agree_with_numeric_spes() -> None:
    spes = tg.tree.subgame_perfect(TargetSelection.symbolic_game())
    x = {p.name: p.symbol() for p in TargetSelection.parameters()}
    for m in TargetSelection.presets().values():
        point = {x[k]: v for k, v in m.values().items()}
        holding = {(s.choices()[NK], s.choices()[AFTER_JAPAN], s.choices()[AFTER_ROK])
                   for s in spes if bool(s.condition.subs(point))}
        assert holding == observed(m)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [({"join_cost_rok": -1}, "[0, inf)"), ({"gain_attack_china": 1}, "join_cost_japan"),
     ({"bilateral_war_cost": None}, "int, float")],
)
def test_bad_values(changes: dict, fragment: str) -> None:
    with pytest.raises(tg.ParameterError) as info:
        TargetSelection(**changes)
    assert fragment in str(info.value)


def test_sources_cite_essays_by_author_and_title_or_say_they_are_assumptions() -> None:
    # Issue 17 §2: Cossa's "serious constitutional issues" is about ratifying a formal treaty, so join_cost_japan
    # cites his Peace Constitution sentence; no essay states North Korea's gain from attacking Japan or its cost of
    # a bilateral war, so those two are modelling assumptions.  §3: no seed file names in user-facing text.
    from trigame.models.bibliography import ASSUMPTION, citation

    sources = {p.name: p.source for p in TargetSelection.parameters()}
    assert not [name for name, source in sources.items() if ".txt" in source]
    assert citation("cossa1999") in sources["join_cost_japan"] and "Peace Constitution" in sources["join_cost_japan"]
    assert "constitutional issues" not in sources["join_cost_japan"]
    assert sources["gain_attack_japan"].startswith(ASSUMPTION)
    assert sources["bilateral_war_cost"].startswith(ASSUMPTION)
    assert ".txt" not in (TargetSelection.__doc__ or "")
    assert "not treaty allies" in " ".join((TargetSelection.__doc__ or "").split())
