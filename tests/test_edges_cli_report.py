"""What a scholar sees at the edges: the command line says what the report says, the same way, and results and
entry points refuse or derive what they should.

TrustBuilding by hand (as in tests/test_report.py), with D = δ(1 - s) the repeated game's discount factor and
Japan's stage payoffs b - h_J + e (both share), b (it withholds alone), 0 (both withhold):

* grim trigger: sharing for ever is worth b - h_J + e per period, a lapse (1 - D)·b and then 0, so it is
  subgame-perfect iff b·D + e ≥ h_J (and the same for h_K);
* one-period freeze: a lapse is worth (1 - D)·b + D²·(b - h_J + e), so iff (b - h_J + e)·(1 + D) ≥ b, i.e.
  b·D + e·D + e ≥ h_J·D + h_J;
* never share: always (withholding is a stage equilibrium).

At b = 3, h = 1, e = 0: grim trigger iff D ≥ 1/3, the freeze iff 2·(1 + D) ≥ 3, i.e. D ≥ 1/2.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
import sympy

import trigame as tg
from trigame.cli import main
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.tree import Decision, GameTree, Terminal

from ._signalling_games import beer_quiche

D = "δ·(1 - s)"
GRIM = f"(b·{D} + e ≥ h_J) and (b·{D} + e ≥ h_K)"
FREEZE = f"(b·{D} + e·{D} + e ≥ h_J·{D} + h_J) and (b·{D} + e·{D} + e ≥ h_K·{D} + h_K)"


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


# ---------------------------------------------------------------------------- regimes of a repeated model
def test_regimes_of_trust_building_read_as_in_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "regimes", "TrustBuilding")
    lines = out.splitlines()
    # the report's names of the profiles, in its order, each with the report's condition through δ(1 - s)
    assert [line.strip() for line in lines if line[:5] in ("  1. ", "  2. ", "  3. ")] == [
        "1. grim trigger", "2. one-period freeze", "3. never share"]
    assert f"       subgame-perfect when {GRIM}" in lines
    assert f"       subgame-perfect when {FREEZE}" in lines
    assert "       subgame-perfect everywhere in the domain" in lines
    assert (f"the repeated game's discount factor is {D}, and δ and s enter the conditions only through it"
            in out)
    assert "forgiving trigger" not in out and "δ·b·s" not in out
    assert "not every subgame-perfect equilibrium" in lines[0]


def test_regimes_latex_of_trust_building_names_the_profiles_as_the_report(
        capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "regimes", "TrustBuilding", "--latex")
    assert r"\textbf{Proposition 2.} The profile ``one-period freeze'' is a subgame-perfect equilibrium if and " \
           r"only if $\delta \left(1 - s\right) b" in out
    assert "forgiving" not in out
    assert r"The profile ``never share'' is a subgame-perfect equilibrium for all values of the parameters." in out


def test_regimes_of_trust_building_with_fixed_values_list_every_profile(
        capsys: pytest.CaptureFixture[str]) -> None:
    # δ = 1/4, b = 3, h = 1, e = 0: D = (1 - s)/4 ≤ 1/4 < 1/3, so neither trigger is ever subgame-perfect
    out = _out(capsys, "regimes", "TrustBuilding", "--set", "discount=1/4", "--set", "sharing_benefit=3",
               "--set", "domestic_cost_japan=1", "--set", "domestic_cost_rok=1", "--set", "us_engagement=0")
    lines = out.splitlines()
    first = lines.index("  1. grim trigger")
    assert lines[first + 1] == "       subgame-perfect nowhere in the domain"
    assert lines[lines.index("  2. one-period freeze") + 1] == "       subgame-perfect nowhere in the domain"
    assert lines[lines.index("  3. never share") + 1] == "       subgame-perfect everywhere in the domain"
    assert "and s enters the conditions only through it" in out


def test_solve_trust_building_names_the_effective_discount_as_the_report(
        capsys: pytest.CaptureFixture[str]) -> None:
    # δ = 9/10, s = 1/2: D = 9/20, above 1/3 (grim trigger holds), below 1/2 (the freeze does not)
    out = _out(capsys, "solve", "TrustBuilding", "--set", "discount=0.9", "--set", "history_shock=1/2")
    assert f"effective discount factor {D} = 9/20" in out
    assert f"subgame-perfect iff 1/3 ≤ {D} < 1" in out and f"subgame-perfect iff 1/2 ≤ {D} < 1" in out
    assert f"subgame-perfect for every {D} in (0, 1)" in out
    assert "delta" not in out


# ---------------------------------------------------------------------------- the report's sections
def test_a_perfect_bayesian_set_is_recognised_by_its_type() -> None:
    from trigame.models import ChinaInference
    from trigame.results.perfect_bayesian import PerfectBayesianSet
    from trigame.solve.perfect_bayesian import perfect_bayesian
    from trigame.viz._sections import _short, _solution_lines
    from trigame.viz.solutions import ModelSolution

    class Refined(PerfectBayesianSet):  # a subclass is still a set of perfect Bayesian equilibria
        pass

    found = perfect_bayesian(beer_quiche(F(9, 10)))
    refined = Refined(list(found), game=found.game, complete=found.complete, method=found.method,
                      degenerate=found.degenerate, notes=found.notes)
    solution = ModelSolution(ChinaInference(), refined, "all", None)  # type: ignore[arg-type]
    assert _short(solution).startswith(f"{len(found)} PBE:")
    assert any(line.startswith(f"{len(found)} perfect Bayesian equilibri") for line in _solution_lines(solution))


# ---------------------------------------------------------------------------- backward induction's entry
def _conditional_tree() -> GameTree:
    a = sympy.Symbol("a", real=True)  # A takes x when a >= 1, y when a <= 1: two pieces with conditions
    return GameTree(Decision("A", {"x": Terminal((a, 0)), "y": Terminal((1, 1))}), players=["A", "B"])


@pytest.mark.parametrize("bad", [3, "a >= 1", [lambda c: False]])
def test_backward_induction_refuses_an_empty_test_that_is_not_callable(bad: object) -> None:
    from trigame.solve.subgame_perfect import backward_induction

    with pytest.raises(ParameterError, match="empty must be a callable"):
        backward_induction(_conditional_tree(), empty=bad)  # type: ignore[arg-type]


def test_backward_induction_refuses_a_conjunction_that_is_not_a_method() -> None:
    from trigame.solve.subgame_perfect import backward_induction

    class Test:
        conjunction = 5

        def __call__(self, condition: object) -> bool:
            return False

    with pytest.raises(ParameterError, match=r"empty\.conjunction"):
        backward_induction(_conditional_tree(), empty=Test())


def test_backward_induction_takes_a_callable_test_and_needs_a_tree() -> None:
    from trigame.solve.subgame_perfect import backward_induction

    assert len(backward_induction(_conditional_tree(), empty=lambda c: False)) == 2
    with pytest.raises(UnsupportedGameError, match="needs a GameTree"):
        backward_induction("tree")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- results
def test_subgame_perfect_exact_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import fractions

    import trigame.results.subgame_perfect as module
    from trigame.solve.subgame_perfect import subgame_perfect

    late = Decision("B", {"take": Terminal((F(1), F(4))), "pass": Terminal((F(3), F(3)))})
    spe = subgame_perfect(GameTree(Decision("A", {"take": Terminal((F(2), F(1))), "pass": late})))[0]
    checks = []

    class Counting(type):
        def __instancecheck__(cls, value: object) -> bool:
            checks.append(value)
            return isinstance(value, fractions.Fraction)

    class CountingFraction(metaclass=Counting):
        pass

    monkeypatch.setattr(module, "Fraction", CountingFraction)
    assert spe.exact is True  # two information sets, two actions each: four probabilities read
    assert len(checks) == 4
    assert spe.exact is True and spe.exact is True
    assert len(checks) == 4


def test_regime_outcomes_are_the_equilibrium_outcomes_read_on_demand() -> None:
    from trigame.models import LateralPressure
    from trigame.statics import regimes

    rs = regimes(LateralPressure)
    for r in list(rs)[:3]:
        spe = r.equilibrium
        assert spe._outcomes is None  # building the regime did not compute them
        assert dict(r.outcomes) == dict(spe.outcomes) and len(r.outcomes) == len(spe.outcomes)
        for path, p in r.outcomes.items():
            assert r.outcomes[path] == p


# ---------------------------------------------------------------------------- the command line's edges
def test_regimes_of_a_continuous_model_are_its_binding_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    # Burden sharing with incomes Y = (20, 5, 2), no host support: each payoff θ·log(Y_i - x_i) + log X (X the
    # total). Interior x_i: Y_i - x_i = θ·X. All three interior: X = 27/(1 + 3θ), x_K = 2 - θ·X >= 0 iff
    # θ <= 2/21. South Korea at 0 (θ·X >= 2): X = 25/(1 + 2θ), so θ >= 2/21, and x_J >= 0 iff θ <= 1/3.
    # The United States alone: X = 20/(1 + θ), Japan at 0 iff θ·X >= 5, i.e. θ >= 1/3.
    out = _out(capsys, "regimes", "BurdenSharing", "--set", "income_us=20", "--set", "income_japan=5",
               "--set", "income_rok=2", "--set", "host_support_japan=0", "--set", "host_support_rok=0")
    lines = [line.strip() for line in out.splitlines()]
    assert lines[lines.index("1. interior: United States, Japan, South Korea") + 1] == "holds when θ ≤ 2/21"
    assert lines[lines.index("2. interior: United States, Japan; at lower bound: South Korea") + 1] == \
        "holds when (θ ≥ 2/21) and (θ ≤ 1/3)"
    assert lines[lines.index("3. interior: United States; at lower bound: Japan, South Korea") + 2] == \
        "levels: United States 20/(θ + 1), Japan 0, South Korea 0"
    assert main(["regimes", "BurdenSharing", "--json"]) == 2
    assert "continuous game" in capsys.readouterr().err


@pytest.mark.parametrize("model, points", [("TrustBuilding", "discount=0.1:0.9:3"),
                                           ("BurdenSharing", "consumption_weight=0:1:3")])
def test_sweep_of_a_repeated_or_continuous_model_says_where_its_map_is(
        capsys: pytest.CaptureFixture[str], tmp_path, model: str, points: str) -> None:
    assert main(["sweep", model, "--x", points, "--out", str(tmp_path / "a.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"'trigame report --models {model}'" in err and "Traceback" not in err
    assert f"'trigame regimes {model}'" in err and "statics" not in err


def test_help_names_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "0 success" in text and "2 bad input" in text and "1 a report section that could not be produced" in text
    assert main(["regimes", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "perfect Bayesian for signalling ones" in text and "A repeated model" in text


@pytest.mark.parametrize("command", [["regimes"], ["describe"], ["sweep", "--x", "a=0:1:3", "--out", "a.csv"]])
def test_a_game_file_given_for_a_model_is_pointed_to_solve(capsys: pytest.CaptureFixture[str],
                                                          command: list[str]) -> None:
    assert main([command[0], "china_veto.efg", *command[1:]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'trigame solve china_veto.efg' gives its equilibria" in err


def test_describe_trust_building_names_the_effective_discount_as_the_report(
        capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "describe", "TrustBuilding")
    assert f"effective discount factor {D} (s: the chance of a history shock)" in out
    assert "At the values below (effective discount factor 3/5)" in out and "δ*" not in out


def test_regimes_json_of_trust_building_keeps_its_schema_and_says_what_it_lists(
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from .test_cli import check_schema

    data = json.loads(_out(capsys, "regimes", "TrustBuilding", "--json"))
    check_schema(data, "trigame.regimes/1")
    assert [r["label"] for r in data["regimes"]] == ["grim trigger", "one-period freeze", "never share"]
    assert data["notes"][0].startswith("a repeated game: one regime per automaton profile")
    # neither trigger holds anywhere at δ = 1/4, b = 3, h = 1, e = 0 (see above): each is named in a note instead
    data = json.loads(_out(capsys, "regimes", "TrustBuilding", "--json", "--set", "discount=1/4", "--set",
                           "sharing_benefit=3", "--set", "domestic_cost_japan=1", "--set", "domestic_cost_rok=1",
                           "--set", "us_engagement=0"))
    check_schema(data, "trigame.regimes/1")
    assert [r["label"] for r in data["regimes"]] == ["never share"]
    assert "grim trigger is never a subgame-perfect equilibrium on the domain" in data["notes"]


def test_the_report_and_the_command_line_label_regimes_alike_in_the_parameters_symbols(
        capsys: pytest.CaptureFixture[str]) -> None:
    from trigame.models import QuasiAlliance
    from trigame.viz._sections import _regime_lines

    lines, _ = _regime_lines(QuasiAlliance)
    rows = [line.split(" | ")[1] for line in lines if line.startswith("| ") and line[2:3].isdigit()]
    out = _out(capsys, "regimes", "QuasiAlliance")
    listed = [line.split(". ", 1)[1] for line in out.splitlines() if line[:2] == "  " and line[2:3].isdigit()]
    assert rows == listed and len(rows) == 5
    fields = [p.name for p in QuasiAlliance.parameters()]  # e.g. unreciprocated_cost, written s
    assert not any(field in row for row in rows for field in fields)
    mixed = [row for row in rows if row.startswith("mixed: ")]
    # Japan cooperates, South Korea mixes: its probability of cooperating is written in s, β, f_J, ...
    assert mixed and all("·" in row and "s" in row and "*" not in row for row in mixed)


def test_repeated_regimes_with_the_whole_discount_fixed(capsys: pytest.CaptureFixture[str]) -> None:
    # δ = s = 1/2 fix D = δ(1 - s) = 1/4: grim trigger iff b/4 + e ≥ h, i.e. b + 4e ≥ 4h; the freeze iff
    # (b + e)/4 + e ≥ 5h/4, i.e. b + 5e ≥ 5h (for both allies).  Before, the discount became a free "delta"
    # that the problem did not know, and the regimes failed.
    from trigame.models import TrustBuilding
    from trigame.statics import regimes
    from trigame.statics.repeated import repeated_regimes

    b, h_j, h_k, e = (p.symbol() for p in TrustBuilding.parameters()[:4])
    expected = {"grim trigger": sympy.And(b + 4 * e >= 4 * h_j, b + 4 * e >= 4 * h_k),
                "one-period freeze": sympy.And(b + 5 * e >= 5 * h_j, b + 5 * e >= 5 * h_k),
                "never share": sympy.true}
    for fixed in ({"discount": F(1, 2), "history_shock": F(1, 2)}, {"discount": 0.5, "history_shock": 0.5}):
        for found in (regimes(TrustBuilding, fixed=fixed), repeated_regimes(TrustBuilding, fixed=fixed)):
            assert {r.label: r.condition for r in found} == expected
    out = _out(capsys, "regimes", "TrustBuilding", "--set", "discount=1/2", "--set", "history_shock=1/2")
    assert "the repeated game's discount factor is 1/4):" in out
    assert "       subgame-perfect when (b + 4·e ≥ 4·h_J) and (b + 4·e ≥ 4·h_K)" in out


def test_a_discount_with_fixed_parts_reads_as_one_factor(capsys: pytest.CaptureFixture[str]) -> None:
    # s = 1/2 (a preset): D = δ/2, and grim trigger holds iff b·D + e ≥ h (see the top), written in D itself;
    # δ = 1/4: D = (1 - s)/4.  Each stands in parentheses, and no common factor is left in the relation.
    out = _out(capsys, "regimes", "TrustBuilding", "--preset", "Textbook")
    assert "the repeated game's discount factor is δ/2, and δ enters the conditions only through it" in out
    assert "       subgame-perfect when ((δ/2)·b + e ≥ h_J) and ((δ/2)·b + e ≥ h_K)" in out
    out = _out(capsys, "regimes", "TrustBuilding", "--set", "discount=1/4")
    assert "the repeated game's discount factor is (1 - s)/4, and s enters the conditions only through it" in out
    assert "       subgame-perfect when (((1 - s)/4)·b + e ≥ h_J) and (((1 - s)/4)·b + e ≥ h_K)" in out


def test_the_report_writes_a_partly_fixed_discount_in_one_form(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    # A map over s and h_K fixes δ at its default 3/5: D = 3/5·(1 - s), which the map's text and the conditions'
    # lead (trigame regimes --set discount=3/5) both write over one denominator, 3·(1 - s)/5 (not 3/5 - 3·s/5).
    from trigame.models import TrustBuilding
    from trigame.viz._sections_kinds import _repeated_analysis

    monkeypatch.setattr(TrustBuilding, "headline", ("history_shock", "domestic_cost_rok"))
    text = "\n".join(_repeated_analysis(TrustBuilding, tmp_path, 3)[0])
    assert f"there the discount factor {D} is 3·(1 - s)/5." in text
    out = _out(capsys, "regimes", "TrustBuilding", "--set", "discount=3/5")
    assert "the repeated game's discount factor is 3·(1 - s)/5, and s enters the conditions only through it" in out


def test_labels_write_probabilities_with_the_given_number_format() -> None:
    # By hand: J mixes 1/3 C + 2/3 D, K plays C; a formatter sees each probability of a mixed choice, in order.
    from trigame.results.equilibrium import choices_label

    choices = {"J": {"C": F(1, 3), "D": F(2, 3)}, "K": "C"}
    assert choices_label(choices) == "J: 1/3 C + 2/3 D; K: C"
    assert choices_label(choices, lambda p: f"<{p}>") == "J: <1/3> C + <2/3> D; K: C"
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 1], [1, 0]], players=("J", "K"),
                                         strategies=(("H", "T"), ("H", "T")))
    (eq,) = tg.equilibria(game)  # matching pennies: 1/2 H + 1/2 T for both
    assert eq.label(lambda p: f"<{p}>") == "J: <1/2> H + <1/2> T, K: <1/2> H + <1/2> T"


def test_a_number_format_that_is_not_a_function_is_refused() -> None:
    # A label's formatter must be callable: anything else is a ParameterError, even where no probability is mixed.
    from trigame.results.equilibrium import choices_label

    with pytest.raises(ParameterError, match="number must be a function"):
        choices_label({"K": "C"}, 5)  # type: ignore[arg-type]
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    (eq,) = tg.equilibria(game)
    with pytest.raises(ParameterError, match="number must be a function"):
        eq.label("{:.2f}")  # type: ignore[arg-type]
