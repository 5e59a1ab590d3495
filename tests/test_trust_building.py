"""TrustBuilding: repeated Japan-ROK intelligence sharing, checked against hand derivations.

Hand derivation (one-shot deviation principle; stage payoffs T = b, R_i = b - h_i + e, P = 0, S_i = -h_i; a history
shock with probability s each period ends cooperation for good, after which both withhold for a payoff of 0, so the
incentives are those of the repeated game with the effective discount factor d = delta (1 - s)):

* grim trigger: sharing for ever is worth R_i per period (normalised), a lapse (1 - d) T; the punishment
  (Withhold, Withhold) is a stage equilibrium (0 >= -h_i). SPE iff R_i >= (1 - d) b for both, i.e. d b >= h_i - e;
* one-period freeze: a lapse gains T - R_i = h_i - e today and loses R_i - P = b - h_i + e tomorrow (cooperation
  resumes after); sharing during the freeze gives -h_i < 0 and restarts it. SPE iff d (b - h_i + e) >= h_i - e;
* never share: the stage equilibrium repeated, always SPE.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.cli import main
from trigame.errors import TrigameError, UnsupportedGameError
from trigame.games.repeated import RepeatedGame
from trigame.models.trust_building import TrustBuilding
from trigame.verify.repeated import verify_subgame_perfect


def hand(b: F, hj: F, hk: F, e: F, delta: F, s: F) -> list[str]:
    d = delta * (1 - s)
    found = []
    if all(d * b >= h - e for h in (hj, hk)):
        found.append("grim trigger")
    if all(d * (b - h + e) >= h - e for h in (hj, hk)):
        found.append("one-period freeze")
    return [*found, "never share"]


def names(m: TrustBuilding) -> list[str]:
    return [c.name for c in m.equilibria()]


def test_defaults_and_presets_by_hand() -> None:
    # defaults b = 3, h = 1, e = 0, delta = 3/5: grim needs d >= 1/3, the freeze d >= 1/2 -- both hold
    assert names(TrustBuilding()) == ["grim trigger", "one-period freeze", "never share"]
    expected = {
        # e = 1 = h: grim needs d b >= 0 (always), the freeze d (3) >= 0
        "TCOG: the high water mark, 1999 (illustrative)": ["grim trigger", "one-period freeze", "never share"],
        # delta = 1/4 < 1/3
        "TCOG ceases to function, 2001 (illustrative)": ["never share"],
        # the defaults: d = 3/5 >= 1/3 (grim) and >= 1/2 (the freeze)
        "North Korea's missile launch, 2009 (illustrative)": ["grim trigger", "one-period freeze", "never share"],
        # d = 3/5 * 1/2 = 3/10 < 1/3
        "Textbook and Tokdo/Takeshima disputes, 2011 (illustrative)": ["never share"],
        # h_K = 2: grim needs 3 d >= 2, d >= 2/3 > 3/5; the freeze d (3 - 2) >= 2 never
        "GSOMIA pulled, June 2012 (illustrative)": ["never share"],
        # b = 4: grim needs d >= 1/4, the freeze 3 d >= 1, d >= 1/3; both below 3/5
        "Abe-Park summit, November 2015 (illustrative)": ["grim trigger", "one-period freeze", "never share"],
    }
    presets = TrustBuilding.presets()
    assert list(presets) == list(expected)
    for name, m in presets.items():
        assert names(m) == expected[name], name


def test_result_summary_and_json() -> None:
    eqs = TrustBuilding(domestic_cost_rok=2).equilibria()
    assert eqs.summary().splitlines()[0] == "1 of 3 checked profiles subgame-perfect (effective discount factor 3/5):"
    data = eqs.to_json()
    assert data["complete"] is False and [e["name"] for e in data["equilibria"]] == ["never share"]
    assert [c["subgame_perfect"] for c in data["checked"]] == [False, False, True]


def test_payoffs_on_the_path() -> None:
    # grim trigger at the defaults: R = b - h = 2 in every period; at the June 2012 preset the ROK's R = 3 - 2 = 1
    checks = {c.name: c for c in TrustBuilding().equilibria().checked}
    assert checks["grim trigger"].payoffs == (2, 2) and checks["never share"].payoffs == (0, 0)
    june = TrustBuilding(domestic_cost_rok=2).equilibria().checked
    assert june[0].payoffs == (2, 1) and not june[0].subgame_perfect


values = st.fractions(min_value=F(1, 10), max_value=5, max_denominator=12)
unit = st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20)


@settings(max_examples=40, deadline=None)
@given(values, values, values, st.fractions(min_value=0, max_value=3, max_denominator=6), unit,
       st.fractions(min_value=0, max_value=F(9, 10), max_denominator=10))
def test_thresholds_match_the_hand_derivation(b: F, hj: F, hk: F, e: F, delta: F, s: F) -> None:
    m = TrustBuilding(sharing_benefit=b, domestic_cost_japan=hj, domestic_cost_rok=hk, us_engagement=e,
                      discount=delta, history_shock=s)
    assert names(m) == hand(b, hj, hk, e, delta, s)
    assert m.effective_discount() == delta * (1 - s)


@settings(max_examples=10, deadline=None)
@given(values, values, unit, st.fractions(min_value=0, max_value=F(9, 10), max_denominator=10))
def test_history_shock_is_random_termination(b: F, h: F, delta: F, s: F) -> None:
    # Independent check of the reduction: play every deviation forward (trigame.verify.repeated) in the game with
    # the effective discount factor and compare with the hand conditions.
    m = TrustBuilding(sharing_benefit=b, domestic_cost_japan=h, domestic_cost_rok=h, discount=delta,
                      history_shock=s)
    game = m.game()
    assert isinstance(game, RepeatedGame) and game.discount == delta * (1 - s)
    for check in m.equilibria().checked:
        assert verify_subgame_perfect(game, check.profile) == (check.name in hand(b, h, h, F(0), delta, s))


def test_symbolic_regimes_are_the_hand_conditions() -> None:
    import sympy

    from trigame.statics.repeated import repeated_regimes
    from trigame.statics.thresholds import threshold

    game = TrustBuilding.symbolic_game(history_shock=0)
    rs = repeated_regimes(game, TrustBuilding.profiles(game.stage))
    assert [r.label for r in rs] == ["grim trigger", "one-period freeze", "never share"]
    b, hj, hk, e, delta = (p.symbol() for p in TrustBuilding.parameters()[:5])
    grim = threshold(rs, "grim trigger", "discount").condition
    # discount >= (h_J - e)/b and discount >= (h_K - e)/b
    assert {sympy.simplify(c.rhs) for c in grim.args} == {(hj - e) / b, (hk - e) / b}
    assert all(c.lhs == delta for c in grim.args)
    points = [(3, 1, 1, 0, F(3, 5)), (3, 1, 2, 0, F(3, 5)), (4, 1, 1, 0, F(1, 3)), (2, 1, F(3, 2), F(1, 2), F(1, 2))]
    for point in points:
        sub = dict(zip((b, hj, hk, e, delta), point))
        got = [r.label for r in rs if bool(sympy.sympify(r.condition).subs(sub))]
        assert got == hand(*(F(x) for x in point), F(0)), point


def test_no_payoff_tensor_and_regimes_of_the_profiles() -> None:
    from trigame.statics import regimes

    with pytest.raises(UnsupportedGameError, match="no payoff tensor"):
        TrustBuilding.payoff_tensor(discount=[F(1, 2), F(3, 4)])
    # regimes of a repeated model are those of its profiles (tests/test_loose_ends_repeated.py checks them)
    assert [r.label for r in regimes(TrustBuilding)] == ["grim trigger", "one-period freeze", "never share"]


@pytest.mark.parametrize("text", ["1/2", "__import__('os').system('true')", "nan"])
def test_strings_are_never_evaluated(text: str) -> None:
    for call in (lambda: TrustBuilding(discount=text), lambda: TrustBuilding().replace(sharing_benefit=text),
                 lambda: TrustBuilding.payoff_tensor(discount=[text]),
                 lambda: TrustBuilding.symbolic_game(discount=text)):
        with pytest.raises(TrigameError):
            call()


@pytest.mark.parametrize("bad", [{"discount": 1}, {"discount": 0}, {"history_shock": 1}, {"sharing_benefit": -1}])
def test_out_of_domain(bad: dict[str, int]) -> None:
    with pytest.raises(TrigameError, match=next(iter(bad))):
        TrustBuilding(**bad)


def test_command_line_solve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", "TrustBuilding", "--json", "--exact", "--set", "domestic_cost_rok=2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "trigame.model-repeated-profiles/1" and data["discount"] == "3/5"
    flags = {p["name"]: p["subgame_perfect"] for p in data["profiles"]}
    assert flags == {"grim trigger": False, "one-period freeze": False, "never share": True}
    # grim trigger with h_K = 2, b = 3: 3 delta >= 2
    assert data["profiles"][0]["threshold"] == "(2/3 <= delta) & (delta < 1)"
    assert main(["solve", "TrustBuilding"]) == 0
    out = capsys.readouterr().out
    # the threshold on the repeated game's discount factor, named as the model writes it, δ(1 - s)
    assert "subgame-perfect iff 1/3 ≤ δ·(1 - s) < 1" in out and "Stage game:" in out
    assert main(["solve", "TrustBuilding", "--set", "discount=__import__('os')"]) == 2
    assert "not a number" in capsys.readouterr().err
    assert main(["solve", "TrustBuilding", "--nash"]) == 2


def test_report_section(tmp_path: Path) -> None:
    from trigame.viz._sections import _model_section

    section = _model_section("TrustBuilding", tmp_path, 21)
    assert not section.problems
    for heading in ("#### At the defaults", "### Regimes", "### Region map",
                    "#### Preset: GSOMIA pulled, June 2012 (illustrative)"):
        assert heading in section.text
    # grim trigger: each ally's domestic cost h is at most what sharing keeps, e now and the partner's
    # intelligence b from the next period on, discounted by the effective factor δ(1 - s) (a shock ends it)
    assert "(b·δ·(1 - s) + e ≥ h_J) and (b·δ·(1 - s) + e ≥ h_K)" in section.text
    assert (tmp_path / "trustbuilding-discount-domestic-cost-rok.png").stat().st_size > 1000
    assert "Proposition 3." in section.latex and "for all values of the parameters" in section.latex
    # the two presets where only never share holds at different discount factors share one table, printed once
    tables = re.findall(r"(?:^\|.*\|\n)+", section.text + "\n", flags=re.MULTILINE)
    assert len(tables) == len(set(tables))
    assert "The table is that at the preset TCOG ceases to function, 2001 (illustrative) above." in section.text


def test_describe_shows_the_stage_game() -> None:
    text = TrustBuilding.describe()
    assert "b + e - h_J, b + e - h_K" in text and "Parameters:" in text and "Scenarios (presets):" in text


def test_json_fields_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "reference" / "json-schema.md").read_text("utf-8")
    section = page.split("## `trigame.model-repeated-profiles/1`")[1].split("\n## ")[0]
    documented = set(re.findall(r"^\| `([\w.\[\]]+)`", section, re.M))
    assert main(["solve", "TrustBuilding", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {f for f in documented if "." not in f and "[" not in f}
    assert set(data["profiles"][0]) == {f.split(".", 1)[1] for f in documented if f.startswith("profiles[].")}
