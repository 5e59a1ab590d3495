"""LateralPressure: the pressed and unpressed subgames and the SPE set, derived by hand.

Hand derivation (g = cooperation_gain, k_J, k_K > 0, pi = pressure, r = us_gain, e = pressing_cost > 0).

Allies' stage with abstention costing A (A = pi if the US pressed, 0 otherwise):
ally i compares g - k_i with -A against a cooperating partner, -k_i with -A against an abstaining one.

* Cooperate strictly dominant for i iff k_i < A (then also g - k_i > -A, as g >= 0);
* Abstain strictly dominant iff k_i > g + A;
* otherwise (A < k_i < g + A) i matches its partner.

Away from ties the stage's equilibria, as (Pr_Japan(C), Pr_ROK(C)), are:
* both dominant-C: {(1, 1)};  one dominant-C, the other matching: {(1, 1)};
* dominant-C and dominant-A: the dominant-C ally alone cooperates;
* both matching: {(1, 1), (0, 0), ((k_K - A)/g, (k_J - A)/g)} -- Japan indifferent when
  q (g - k_J) + (1 - q)(-k_J) = -A, i.e. Pr_ROK(C) = q = (k_J - A)/g, and symmetrically;
* otherwise (some dominant-A ally, the other not dominant-C): {(0, 0)}.

The US, for each pair (pressed equilibrium, unpressed equilibrium), compares r P_press - e with r P_not
(P = Pr(both cooperate) = product of the two probabilities) and presses iff the first is larger.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import trigame as tg
from trigame.models import LateralPressure

US = "United States@root"
costs = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=10)
nonneg = st.fractions(min_value=0, max_value=10, max_denominator=10)


@st.composite
def models(draw: st.DrawFn) -> LateralPressure:
    return LateralPressure(
        cooperation_gain=draw(costs),
        domestic_cost_japan=draw(costs),
        domestic_cost_rok=draw(costs),
        pressure=draw(nonneg),
        us_gain=draw(nonneg),
        pressing_cost=draw(costs),
    )


def stage_equilibria(g: Fraction, k_j: Fraction, k_k: Fraction, a: Fraction) -> set[tuple[Fraction, Fraction]]:
    """The allies' stage by the case analysis in the module docstring (no ties assumed)."""

    def kind(k: Fraction) -> str:
        return "C" if k < a else "A" if k > g + a else "match"

    kinds = (kind(k_j), kind(k_k))
    if kinds == ("match", "match"):
        return {(1, 1), (0, 0), ((k_k - a) / g, (k_j - a) / g)}
    if "C" in kinds and "A" not in kinds:
        return {(1, 1)}
    if "C" in kinds:  # one dominant-C, one dominant-A
        return {(1, 0)} if kinds[0] == "C" else {(0, 1)}
    return {(0, 0)}


def ties(m: LateralPressure) -> bool:
    g, pi = m.cooperation_gain, m.pressure
    return any(k in (pi, g + pi, g) for k in (m.domestic_cost_japan, m.domestic_cost_rok))


def expected_spes(m: LateralPressure) -> set[tuple[str, tuple[Fraction, Fraction], tuple[Fraction, Fraction]]]:
    g, k_j, k_k = m.cooperation_gain, m.domestic_cost_japan, m.domestic_cost_rok
    out = set()
    for pressed in stage_equilibria(g, k_j, k_k, m.pressure):
        for unpressed in stage_equilibria(g, k_j, k_k, Fraction(0)):
            press = m.us_gain * pressed[0] * pressed[1] - m.pressing_cost
            stay = m.us_gain * unpressed[0] * unpressed[1]
            if press >= stay:
                out.add(("Press", pressed, unpressed))
            if press <= stay:
                out.add(("Not press", pressed, unpressed))
    return out


def observed(spes: tg.tree.SubgamePerfectSet) -> set[tuple[str, tuple[Fraction, Fraction], tuple[Fraction, Fraction]]]:
    def pair(prefix: str, s: tg.tree.SubgamePerfectEquilibrium) -> tuple[Fraction, Fraction]:
        return (Fraction(s.behavior[f"{prefix}:Japan"]["Cooperate"]),
                Fraction(s.behavior[f"{prefix}:South Korea"]["Cooperate"]))

    return {(s.choices()[US], pair("pressed", s), pair("unpressed", s)) for s in spes}  # type: ignore[misc]


@given(models())
def test_spe_set_matches_hand_derivation(m: LateralPressure) -> None:
    assume(not ties(m))
    spes = m.equilibria()
    assert spes.complete
    assert observed(spes) == expected_spes(m)


@given(models(), st.fractions(min_value=Fraction(1, 100), max_value=5, max_denominator=100))
def test_pressure_works_and_pays_unique_spe(m: LateralPressure, d: Fraction) -> None:
    # pi > k_J, k_K and r > e, with g < k_K (cooperation stalled unpressed): the US presses and both cooperate.
    k = max(m.domestic_cost_japan, m.domestic_cost_rok)
    m = m.replace(pressure=k + d, us_gain=m.pressing_cost + d, domestic_cost_rok=m.cooperation_gain + d)
    m = m.replace(pressure=max(m.domestic_cost_japan, m.domestic_cost_rok) + d)
    spes = m.equilibria()
    assert len(spes) == 1 and not spes.degenerate
    assert spes[0].choices()[US] == "Press" and dict(spes[0].outcomes) == {("Press", "Cooperate", "Cooperate"): 1}


@given(models(), st.fractions(min_value=Fraction(1, 100), max_value=5, max_denominator=100))
def test_pressure_fails_never_pressed(m: LateralPressure, d: Fraction) -> None:
    # k_K > g + pi: Abstain dominant for the ROK even under pressure; pressing only costs e.
    m = m.replace(domestic_cost_rok=m.cooperation_gain + m.pressure + d)
    assert {s.choices()[US] for s in m.equilibria()} == {"Not press"}
    # Just inside the other side of k_K = g + pi, with pi > k_J and r > e: pressing brings cooperation.
    inside = m.replace(domestic_cost_rok=m.cooperation_gain + m.pressure - min(d, m.pressure / 2),
                       pressure=m.pressure + m.domestic_cost_japan, us_gain=m.pressing_cost * 2)
    assert "Press" in {s.choices()[US] for s in inside.equilibria()}


def test_defaults_and_presets() -> None:
    # Defaults g = 2, k_J = 1, k_K = 3, pi = 4, r = 3, e = 1: unpressed (A, A) only (g < k_K); pressed (C, C) only
    # (pi > k_i); r - e = 2 > 0: the US presses.
    presets = LateralPressure.presets()
    works, fails = presets["Pressure works (illustrative)"], presets["Pressure fails (illustrative)"]
    assert works == LateralPressure()
    assert observed(works.equilibria()) == {("Press", (1, 1), (0, 0))}
    # pi = 1/2: Japan matches (1/2 < 1 < 5/2), the ROK has Abstain dominant (3 > 5/2): no cooperation anywhere.
    assert observed(fails.equilibria()) == {("Not press", (0, 0), (0, 0))}
    assert LateralPressure.headline == ("pressure", "pressing_cost")


def test_stag_hunt_unpressed_three_spes() -> None:
    # g = 4, k_J = 1, k_K = 3, pi = 7/2 > k_i, r = 3, e = 1.  Unpressed: (C, C), (A, A), mixed with
    # Pr_J(C) = k_K/g = 3/4, Pr_K(C) = k_J/g = 1/4.  The US: not press after (C, C) (3 - 1 < 3); press after
    # (A, A) (2 > 0); press after the mix (3 - 1 = 2 > 3 * 3/16).
    m = LateralPressure(cooperation_gain=4, pressure=Fraction(7, 2))
    assert observed(m.equilibria()) == {
        ("Not press", (1, 1), (1, 1)),
        ("Press", (1, 1), (0, 0)),
        ("Press", (1, 1), (Fraction(3, 4), Fraction(1, 4))),
    }


def test_symbolic_tree_spe_pieces() -> None:
    spes = tg.tree.subgame_perfect(LateralPressure.symbolic_game())
    assert spes.complete and len(spes) > 0
    x = {p.name: p.symbol() for p in LateralPressure.parameters()}
    point = {x[k]: v for k, v in LateralPressure().values().items()}
    holding = [s for s in spes if bool(s.condition.subs(point))]
    labels = {s.label() for s in holding}
    assert labels == {s.label() for s in LateralPressure().equilibria()}


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [({"pressure": -1}, "[0, inf)"), ({"pressing_cost": 0}, "(0, inf)"), ({"press": 1}, "cooperation_gain")],
)
def test_bad_values(changes: dict, fragment: str) -> None:
    with pytest.raises(tg.ParameterError) as info:
        LateralPressure(**changes)
    assert fragment in str(info.value)


# ---------------------------------------------------------------------------- June 2012 is not "pressure fails"
@given(models())
def test_the_united_states_never_presses_into_a_sure_failure(m: LateralPressure) -> None:
    # Essay 003: the US did press in 2012 and the signing was pulled an hour before.  By the derivation above the
    # US presses only if r P_press - e > r P_not >= 0, so P_press > 0: whenever it presses, joint cooperation has
    # positive probability, and it is certain when the pressed allies play pure strategies (P_press = 1).  So no
    # SPE of this complete-information game has the US pressing and cooperation failing for sure: June 2012 is
    # not the model's "pressure fails" regime, in which the US does not press.
    for spe in m.equilibria():
        pressed = sum(p for (us, _, _), p in spe.outcomes.items() if us == "Press")
        if pressed == 1:
            cooperation = sum(p for (_, j, k), p in spe.outcomes.items() if j == k == "Cooperate")
            assert cooperation > 0
            if len(spe.outcomes) == 1:
                assert set(spe.outcomes) == {("Press", "Cooperate", "Cooperate")}


def test_texts_do_not_call_the_no_pressure_regime_june_2012() -> None:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    page = (root / "docs/explanation/lateral-pressure.md").read_text(encoding="utf-8")
    notebook = json.loads((root / "examples/05_lateral_pressure.ipynb").read_text(encoding="utf-8"))
    for text in [page] + ["".join(cell["source"]) for cell in notebook["cells"]]:
        assert "situation of June 2012" not in " ".join(text.split())


def test_parameters_cite_essays_by_author_and_title_or_say_they_are_assumptions() -> None:
    from trigame.models.bibliography import ASSUMPTION

    params = {p.name: p for p in LateralPressure.parameters()}
    assert all(".txt" not in p.source for p in params.values())
    assert params["pressure"].source.startswith(ASSUMPTION)
    assert params["pressing_cost"].source.startswith(ASSUMPTION)
