"""BurdenSharing: the allies' contributions to the common defence, checked against hand derivations.

Hand derivation (Bergstrom, Blume & Varian 1986, with u_i = ln Q + theta ln(Y_i' - q_i)): a contributor's first-order
condition 1/Q = theta/(Y_i' - q_i) gives q_i = Y_i' - theta Q; with the set S of k contributors Q = Y_S'/(1 + k theta),
and an ally j outside S spends nothing iff Y_j' <= theta Q. Host-nation support moves s_i Y_i from ally i's budget to
the United States'. The contributors are found by adding allies in decreasing order of budget while the next one's
budget exceeds theta Q (the unique equilibrium).
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.cli import main
from trigame.errors import TrigameError, UnsupportedGameError
from trigame.models.burden_sharing import BurdenSharing
from trigame.verify.continuous import is_continuous_nash

ALLIES = ("United States", "Japan", "South Korea")


def hand(y_us: F, y_j: F, y_k: F, theta: F, s_j: F = F(0), s_k: F = F(0)) -> dict[str, F]:
    budgets = {"United States": y_us + s_j * y_j + s_k * y_k, "Japan": (1 - s_j) * y_j, "South Korea": (1 - s_k) * y_k}
    order = sorted(budgets, key=budgets.get, reverse=True)  # type: ignore[arg-type]
    contributors = [order[0]]
    for ally in order[1:]:
        total = sum(budgets[a] for a in contributors) / (1 + len(contributors) * theta)
        if budgets[ally] <= theta * total:
            break
        contributors.append(ally)
    total = sum(budgets[a] for a in contributors) / (1 + len(contributors) * theta)
    return {a: budgets[a] - theta * total if a in contributors else F(0) for a in ALLIES}


def levels(m: BurdenSharing) -> dict[str, F]:
    eqs = m.equilibria()
    assert len(eqs) == 1 and eqs.complete  # the equilibrium is unique (BBV 1986) and the enumeration complete
    return {a: F(str(x)) for a, x in eqs[0].strategies.items()}


def test_presets() -> None:
    expected = {
        "Free riding of the small (illustrative)": {"United States": F(115, 7), "Japan": F(10, 7), "South Korea": 0},
        # theta = 1/20: Q = 27/(23/20) = 540/23, theta Q = 27/23 < 2, all contribute: q_i = Y_i - 27/23
        "Everyone contributes (illustrative)": {"United States": F(433, 23), "Japan": F(88, 23),
                                                "South Korea": F(19, 23)},
        # s_K = 1/4: budgets (41/2, 5, 3/2); Q = (51/2)/(7/5) = 255/14, theta Q = 51/14 > 3/2
        "Tougher host-nation support talks, 2013 (illustrative)": {"United States": F(41, 2) - F(51, 14),
                                                                    "Japan": 5 - F(51, 14), "South Korea": 0},
        # s_J = 1/5: budgets (21, 4, 2); Q = 25/(7/5) = 125/7 unchanged, Japan's own spending 4 - 25/7 = 3/7
        "Japan's host-nation support among contributors (illustrative)": {"United States": 21 - F(25, 7),
                                                                           "Japan": F(3, 7), "South Korea": 0},
    }
    presets = BurdenSharing.presets()
    assert list(presets) == list(expected)
    for name, m in presets.items():
        assert levels(m) == expected[name], name
    # the first preset is the defaults: theta = 1/5, the US alone gives Q = 20/(6/5) = 50/3, theta Q = 10/3 < 5, so
    # Japan joins; with both Q = 25/(7/5) = 125/7, theta Q = 25/7 > 2, so the ROK spends nothing
    defaults = presets["Free riding of the small (illustrative)"]
    assert defaults == BurdenSharing() and defaults.budgets() == {"United States": 20, "Japan": 5, "South Korea": 2}
    assert defaults.equilibria()[0].binding == {"United States": "interior", "Japan": "interior",
                                                "South Korea": "lower"}
    # Warr neutrality: total provision unchanged when a contributor pays host-nation support
    assert sum(expected["Japan's host-nation support among contributors (illustrative)"].values()) == F(125, 7)
    assert sum(expected["Tougher host-nation support talks, 2013 (illustrative)"].values()) == F(255, 14)


budgets = st.fractions(min_value=F(1, 2), max_value=20, max_denominator=4)


@pytest.mark.slow
@settings(max_examples=3, deadline=None)
@given(budgets, budgets, budgets, st.fractions(min_value=F(1, 20), max_value=2, max_denominator=20),
       st.fractions(min_value=0, max_value=F(3, 4), max_denominator=4),
       st.fractions(min_value=0, max_value=F(3, 4), max_denominator=4))
def test_random_points_match_the_hand_solution(y_us: F, y_j: F, y_k: F, theta: F, s_j: F, s_k: F) -> None:
    m = BurdenSharing(income_us=y_us, income_japan=y_j, income_rok=y_k, consumption_weight=theta,
                      host_support_japan=s_j, host_support_rok=s_k)
    found = levels(m)
    assert found == hand(y_us, y_j, y_k, theta, s_j, s_k)
    assert is_continuous_nash(m.game(), found)


def test_the_global_check_refuses_a_non_equilibrium() -> None:
    # Japan spending nothing at the defaults is not a best reply: its marginal utility at 0 is 1/Q - theta/5 > 0
    game = BurdenSharing().game()
    assert not is_continuous_nash(game, {"United States": F(115, 7), "Japan": 0, "South Korea": 0})


@pytest.mark.slow
def test_who_contributes_over_theta() -> None:
    import sympy

    from trigame.statics.continuous import level_regimes

    fixed = {k: v for k, v in BurdenSharing.values().items() if k != "consumption_weight"}
    found = {r.description: r for r in level_regimes(BurdenSharing.symbolic_game(**fixed))}
    theta = BurdenSharing.parameters()[3].symbol()
    # the US alone iff theta >= 1/3, with Japan iff 2/21 <= theta <= 1/3, all three iff theta <= 2/21
    alone = found["interior: United States; at lower bound: Japan, South Korea"]
    assert alone.condition == (theta >= sympy.Rational(1, 3))
    assert sympy.simplify(alone.levels["United States"] - 20 / (1 + theta)) == 0
    two = found["interior: United States, Japan; at lower bound: South Korea"]
    assert all(bool(two.condition.subs(theta, t)) is (F(2, 21) <= t <= F(1, 3))
               for t in (F(1, 20), F(2, 21), F(1, 5), F(1, 3), F(1, 2)))
    three = found["interior: United States, Japan, South Korea"]
    assert sympy.simplify(sum(three.levels.values()) - 27 / (1 + 3 * theta)) == 0


def test_level_regimes_of_the_model_use_its_declared_domains() -> None:
    from trigame.errors import ParameterError
    from trigame.statics.continuous import level_regimes

    # Over theta and s_K (the other budgets at 20, 5, 2, s_J = 0): with Y_K' = 2(1 - s_K) and Y_US' = 20 + 2 s_K,
    # South Korea spends nothing iff Y_K' <= theta Q for the US-Japan Q = (25 + 2 s_K)/(1 + 2 theta) -- a condition
    # that never needs "s_K < 1": the model declares s_K in [0, 1), so the domain implies it and it is not repeated.
    fixed = {k: v for k, v in BurdenSharing.values().items() if k not in ("consumption_weight", "host_support_rok")}
    found = {r.description: r for r in level_regimes(BurdenSharing, fixed=fixed)}
    two = found["interior: United States, Japan; at lower bound: South Korea"]
    assert "host_support_rok < 1" not in str(two.condition)
    names = {str(x) for x in two.condition.free_symbols}
    assert names == {"consumption_weight", "host_support_rok"}
    for t, s in ((F(1, 5), F(0)), (F(1, 20), F(1, 2)), (F(1, 3), F(9, 10))):
        values = {x: v for x in two.condition.free_symbols for n, v in (("consumption_weight", t),
                                                                         ("host_support_rok", s)) if x.name == n}
        q = (25 + 2 * s) / (1 + 2 * t)  # US and Japan contribute: Q = (Y_US' + Y_J')/(1 + 2 theta)
        japan_in, korea_out = 5 > t * q, 2 * (1 - s) <= t * q
        assert bool(two.condition.subs(values)) is (japan_in and korea_out and 20 + 2 * s > t * q)
    with pytest.raises(ParameterError, match="mapping"):
        level_regimes(BurdenSharing, fixed="consumption_weight=1")
    with pytest.raises(ParameterError, match="outside its domain"):
        level_regimes(BurdenSharing, fixed={"host_support_rok": 1})
    with pytest.raises(UnsupportedGameError, match="not a model of continuous choices"):
        from trigame.models import QuasiAlliance

        level_regimes(QuasiAlliance)


def test_no_payoff_tensor_nor_finite_game_statics() -> None:
    from trigame.statics import regimes, sweep

    with pytest.raises(UnsupportedGameError, match="no payoff tensor"):
        BurdenSharing.payoff_tensor(consumption_weight=[F(1, 5), F(1, 2)])
    with pytest.raises(UnsupportedGameError, match="level_regimes"):  # was an AttributeError
        regimes(BurdenSharing)
    with pytest.raises(UnsupportedGameError, match="level_curves"):  # was a ValueError from NumPy
        sweep(BurdenSharing, grid={"consumption_weight": [0.1, 0.2]}, progress=False)


@pytest.mark.parametrize("text", ["1/5", "__import__('os').system('true')", "inf"])
def test_strings_are_never_evaluated(text: str) -> None:
    calls = (lambda: BurdenSharing(consumption_weight=text), lambda: BurdenSharing().replace(income_us=text),
             lambda: BurdenSharing.payoff_tensor(income_rok=[text]),
             lambda: BurdenSharing.symbolic_game(host_support_rok=text))
    for call in calls:
        with pytest.raises(TrigameError):
            call()


@pytest.mark.parametrize("bad", [{"host_support_rok": 1}, {"income_us": 0}, {"consumption_weight": -1}])
def test_out_of_domain(bad: dict[str, int]) -> None:
    with pytest.raises(TrigameError, match=next(iter(bad))):
        BurdenSharing(**bad)


def test_command_line_solve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", "BurdenSharing", "--json", "--exact"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "trigame.model-continuous-equilibria/1" and data["complete"] is True
    assert data["equilibria"][0]["strategies"] == {"United States": "115/7", "Japan": "10/7", "South Korea": 0}
    assert main(["solve", "BurdenSharing", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "United States 115/7, Japan 10/7, South Korea 0" in out and "at lower bound: South Korea" in out
    assert main(["solve", "BurdenSharing", "--set", "income_us=__import__('os')"]) == 2
    assert "not a number" in capsys.readouterr().err


def test_describe_shows_the_payoffs() -> None:
    text = BurdenSharing.describe()
    assert "Japan in [0, -Y_J*s_J + Y_J]" in text and "Scenarios (presets):" in text


def test_json_fields_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "reference" / "json-schema.md").read_text("utf-8")
    section = page.split("## `trigame.model-continuous-equilibria/1`")[1].split("\n## ")[0]
    documented = set(re.findall(r"^\| `([\w.\[\]]+)`", section, re.M))
    assert main(["solve", "BurdenSharing", "--json", "--set", "consumption_weight=1/2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {f for f in documented if "." not in f and "[" not in f}
    assert set(data["game"]) == {f.split(".", 1)[1] for f in documented if f.startswith("game.")}
    # theta = 1/2 >= 1/3: the United States alone, q = 20/(3/2) = 40/3
    assert set(data["equilibria"][0]) == {f.split(".", 1)[1] for f in documented if f.startswith("equilibria[].")}
    assert data["equilibria"][0]["binding"] == {"United States": "interior", "Japan": "lower", "South Korea": "lower"}
