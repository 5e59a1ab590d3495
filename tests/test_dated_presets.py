"""The presets for dated episodes of the essays, each solved by hand.

TrustBuilding's 2009 preset is derived in tests/test_trust_building.py with the model's other presets;
the Ratification and BayesianLateralPressure June 2012 presets in their own test files.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from trigame.models import LateralPressure, QuasiAlliance, TargetSelection, TrustBuilding
from trigame.models.bibliography import ESSAYS

US = "United States@root"


def lateral_profiles(m: Any) -> set[tuple[str, Any, Any]]:
    """(US choice, unpressed (Japan, ROK), pressed (Japan, ROK)) of every SPE, a mixed choice as Pr(Cooperate)."""

    def prob(choice: Any) -> Any:
        if isinstance(choice, dict):
            return choice.get("Cooperate", 0)
        return 1 if choice == "Cooperate" else 0

    found = set()
    for e in m.equilibria():
        c = e.choices()
        found.add((c[US], (prob(c["unpressed:Japan"]), prob(c["unpressed:South Korea"])),
                   (prob(c["pressed:Japan"]), prob(c["pressed:South Korea"]))))
    return found


def test_lateral_pressure_yeonpyeong_2010() -> None:
    # g = 4, k_J = 1, k_K = 3, pi = 4, r = 3, e = 1.
    # Unpressed: Japan's C pays 4 - 1 = 3 > 0 against C and -1 < 0 against A; the ROK's C pays 4 - 3 = 1 > 0 against C
    # and -3 < 0 against A: a stag hunt with (C, C), (A, A) and the mix that leaves each indifferent:
    # Pr_J(C) = k_K / g = 3/4, Pr_K(C) = k_J / g = 1/4.
    # Pressed: abstaining costs pi = 4, cooperating at most k_K = 3: (C, C) dominant; the US gets r - e = 2 by pressing.
    # The US does not press after unpressed (C, C) (3 > 2), presses after (A, A) (2 > 0) and after the mix
    # (r * 3/4 * 1/4 = 9/16 < 2).
    m: Any = LateralPressure.presets()["Yeonpyeong aftermath, November 2010 (illustrative)"]
    assert (m.cooperation_gain, m.domestic_cost_japan, m.domestic_cost_rok, m.pressure) == (4, 1, 3, 4)
    assert lateral_profiles(m) == {
        ("Not press", (1, 1), (1, 1)),
        ("Press", (0, 0), (1, 1)),
        ("Press", (F(3, 4), F(1, 4)), (1, 1)),
    }


def test_lateral_pressure_abe_park_2015() -> None:
    # g = 2, k_J = k_K = 1, pi = 4, r = 3, e = 1.
    # Unpressed: each ally's C pays 2 - 1 = 1 > 0 against C and -1 < 0 against A: a stag hunt; in the mix each
    # cooperates with probability k / g = 1/2.  Pressed: (C, C) dominant (-1 or 1 against -4).
    # The US: not press after (C, C) (3 > 2); press after (A, A) and after the mix (3/4 < 2).
    m: Any = LateralPressure.presets()["Abe-Park agreement, 2015 (illustrative)"]
    assert (m.cooperation_gain, m.domestic_cost_japan, m.domestic_cost_rok) == (2, 1, 1)
    assert lateral_profiles(m) == {
        ("Not press", (1, 1), (1, 1)),
        ("Press", (0, 0), (1, 1)),
        ("Press", (F(1, 2), F(1, 2)), (1, 1)),
    }


def test_target_selection_yeonpyeong_2010() -> None:
    # j_J = 3 > s_J = 2: Japan stays out of a war on South Korea; j_K = 2 > s_K = 1: South Korea stays out of one on
    # Japan.  North Korea: V_J = G_J - B = 3 - 2 = 1, V_K = G_K - B = 3 - 2 = 1, both > 0 = no attack: it attacks
    # Japan or South Korea (a tie), and deterrence fails.
    m = TargetSelection.presets()["Yeonpyeong shelling, November 2010 (illustrative)"]
    found = {tuple(e.choices().values()) for e in m.equilibria()}
    assert found == {("Attack Japan", "Stay out", "Stay out"), ("Attack South Korea", "Stay out", "Stay out")}


def test_quasi_alliance_rebalancing_2012() -> None:
    # fear_J = 0, fear_K = 1/2, S = 3, c_J = 1, c_K = 2, s = 1, no threat, virtual or gap terms.
    # Mutual cooperation is worth S fear - c: Japan 0 - 1 = -1, the ROK 3/2 - 2 = -1/2; cooperating alone -s = -1;
    # friction 0.  Friction strictly dominates for both: (Friction, Friction) is the only equilibrium.
    m: Any = QuasiAlliance.presets()["US rebalancing, 2012 (illustrative)"]
    assert m.payoffs(m) == {
        ("Cooperate", "Cooperate"): (-1, F(-1, 2)),
        ("Cooperate", "Friction"): (-1, 0),
        ("Friction", "Cooperate"): (0, -1),
        ("Friction", "Friction"): (0, 0),
    }
    found = [tuple(tuple(x) for x in e.strategies) for e in m.equilibria()]
    assert found == [((0, 1), (0, 1))]


def test_dated_presets_say_what_is_constructed() -> None:
    dated: list[tuple[Any, str]] = [
        (LateralPressure, "Yeonpyeong aftermath, November 2010 (illustrative)"),
        (LateralPressure, "Abe-Park agreement, 2015 (illustrative)"),
        (TargetSelection, "Yeonpyeong shelling, November 2010 (illustrative)"),
        (TrustBuilding, "North Korea's missile launch, 2009 (illustrative)"),
        (QuasiAlliance, "US rebalancing, 2012 (illustrative)"),
    ]
    for model, name in dated:
        description = next(s.description for s in model.scenarios if s.name == name)
        assert "claim" in description and "Constructed values" in description, name
        # the essay is cited as a reader can find it: by author or by title, never by its seed file's number
        assert any((e.author or e.title) in description for e in ESSAYS.values()), name
        assert "essay 0" not in description.lower(), name
