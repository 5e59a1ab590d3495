"""The ``trigame`` command: game files and models, exact values, JSON schemas, one-line errors.

Expected equilibria come from hand derivations written next to each test; the
``--json`` outputs are checked against the field lists documented in
docs/reference/json-schema.md (parsed from that page, so the page and the
program cannot drift apart).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
import trigame.models
from trigame.cli import JSON_SCHEMA, bundled_games, main, parse_number, parse_range
from trigame.models import QuasiAlliance
from trigame.models.base import NONNEGATIVE, Model, parameter
from trigame.viz.report import is_subgame_perfect, model_registry

SHIPPED = "alliance_security_dilemma.nfg"
ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PAGE = ROOT / "docs" / "reference" / "json-schema.md"
CLI_PAGE = ROOT / "docs" / "reference" / "cli.md"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args) -> dict[str, Any]:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


# ---------------------------------------------------------------------------- the documented schemas
def documented_fields(schema: str) -> dict[str, str]:
    """``{field path: type}`` from the table under the schema's heading in json-schema.md.

    A row whose meaning says "same fields as `X`" includes X's rows under its own path.
    """
    text = SCHEMA_PAGE.read_text(encoding="utf-8")
    start = text.index(f"## `{schema}`")
    end = text.find("\n## ", start + 1)
    fields = {}
    for line in text[start : end if end > 0 else None].splitlines():
        row = re.match(r"\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|(.*)", line)
        if not row:
            continue
        path, kind, meaning = row.groups()
        fields[path] = kind
        included = re.search(r"same fields as `([^`]+)`", meaning)
        if included:
            for sub, sub_kind in documented_fields(included.group(1)).items():
                if sub != "schema":
                    fields.setdefault(f"{path}.{sub}", sub_kind)
    # "every field of a [X](#anchor)": X's rows at this level
    for included in re.findall(r"every field of an? \[([^\]]+)\]", text[start : end if end > 0 else None]):
        for sub, sub_kind in documented_fields(included).items():
            fields.setdefault(sub, sub_kind)
    assert fields, f"no field table for {schema}"
    return fields


def _type_ok(value: Any, kind: str) -> bool:
    options = [k.strip() for k in kind.split(" or ")]
    for option in options:
        if option == "null" and value is None:
            return True
        if option == "string" and isinstance(value, str):
            return True
        if option == "boolean" and isinstance(value, bool):
            return True
        if option == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return True
        if option == "number" and (isinstance(value, (int, float)) and not isinstance(value, bool)):
            return True
        if option == "number" and isinstance(value, str) and re.fullmatch(r"-?\d+/\d+", value):
            return True
        if option in ("object", "map") and isinstance(value, dict):
            return True
        if option == "array" and isinstance(value, list):
            return True
    return False


def check_schema(data: Any, schema: str) -> None:
    """Every field is documented with its type; every documented non-optional field is present."""
    fields = documented_fields(schema)

    def walk(value: Any, path: str) -> None:
        if path:
            assert path in fields, f"{schema}: field {path!r} is not documented"
            kind = fields[path]
            assert _type_ok(value, kind.replace(", optional", "")), f"{schema}: {path} = {value!r} is not {kind}"
            if "map" in kind or value is None:
                return
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
            for key, kind in fields.items():
                prefix = f"{path}." if path else ""
                if key.startswith(prefix) and "." not in key[len(prefix):] and "[]" not in key[len(prefix):]:
                    if "optional" not in kind:
                        assert key[len(prefix):] in value, f"{schema}: documented field {key!r} missing"
        elif isinstance(value, list):
            for item in value:
                walk(item, f"{path}[]")

    walk(data, "")


# ---------------------------------------------------------------------------- numbers from the command line
@given(st.integers(-10**6, 10**6), st.integers(1, 10**6))
def test_fractions_are_read_exactly(p, q):
    assert parse_number(f"{p}/{q}") == Fraction(p, q)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-1000, max_value=1000))
def test_decimals_are_read_exactly(d):
    # The decimal written out ("0.250000") denotes a rational number; reading it as a float would not be exact.
    text = f"{d:f}"
    assert parse_number(text) == Fraction(text)


@pytest.mark.parametrize("text", ["", "1/0", "nan", "inf", "-inf", "1e", "0x10", "1_000", "2**10", "1/2/3",
                                  "__import__('os').system('true')", "sqrt(2)", "1 + 1", "True"])
def test_anything_but_a_number_is_refused(text):
    with pytest.raises(tg.ParameterError):
        parse_number(text)


def test_ranges():
    assert parse_range("fear_rok=0:1:11") == ("fear_rok", 0, 1, 11)
    assert parse_range("x=-1/2:0.5:2") == ("x", Fraction(-1, 2), Fraction(1, 2), 2)
    for bad in ["fear_rok=0:1:1", "fear_rok=0:1:2.5", "fear_rok=1:0:5", "fear_rok=1:1:5", "fear_rok=0:1",
                "fear_rok=0:inf:5", "fear_rok", "=0:1:5", "fear_rok=a:1:3"]:
        with pytest.raises(tg.ParameterError):
            parse_range(bad)


# ---------------------------------------------------------------------------- game files
def test_the_shipped_game_is_listed(capsys):
    assert SHIPPED in bundled_games()
    code, out, _ = run(capsys, "examples")
    assert code == 0 and SHIPPED in out


def test_solve_the_shipped_game(capsys):
    # Snyder's alliance game with b = 3, e = 1, A = 2 is in the Chicken regime (A > e > 0):
    # pure equilibria (Strong, Weak) and (Weak, Strong), and the mixed one with
    # Pr(Strong) = 1 - e/A = 1/2 for each ally (models.md section 1.3(b)).
    code, out, err = run(capsys, "solve", SHIPPED, "--exact")
    assert code == 0, err
    assert "3 Nash equilibria" in out and "complete" in out
    assert "United States: Strong, South Korea: Weak" in out
    assert "United States: Weak, South Korea: Strong" in out
    assert "Strong: 1/2, Weak: 1/2" in out


def test_json_output_of_a_file_follows_the_schema(capsys):
    data = run_json(capsys, "solve", SHIPPED, "--exact")
    check_schema(data, JSON_SCHEMA)
    assert data["schema"] == JSON_SCHEMA
    assert data["game"]["players"] == ["United States", "South Korea"]
    assert data["complete"] is True and data["degenerate"] is False
    mixed = [e for e in data["equilibria"] if e["strategies"]["United States"]["Strong"] == "1/2"]
    assert len(mixed) == 1
    # expected payoff in the mixed equilibrium: 1/2 * (b - e) + 1/2 * (-e) = 1/2 * 2 - 1/2 = 1/2
    assert mixed[0]["payoffs"] == {"United States": "1/2", "South Korea": "1/2"}
    data = run_json(capsys, "solve", SHIPPED)
    assert data["equilibria"][-1]["strategies"]["South Korea"]["Strong"] == 0.5


def test_method_option(capsys):
    code, out, _ = run(capsys, "solve", SHIPPED, "--method", "pure")
    assert code == 0 and "2 Nash equilibria" in out and "NOT guaranteed complete" in out


def test_solve_a_tree_shows_the_veto_that_subgame_perfection_removes(capsys):
    # china_veto.efg: allies cooperate (2, -1) or abstain (0, 0) when China accommodates; backing
    # Pyongyang costs China 1 after cooperation (-1 -> -2) and 2 after abstention (0 -> -2), so it
    # always accommodates: the unique SPE is (Cooperate; Accommodate, Accommodate).  Nash equilibria
    # of the strategic form: the allies cooperate against either China strategy that accommodates
    # after cooperation, or they abstain when China backs Pyongyang after cooperation with
    # probability b >= 2/3 (2 - 3b <= 0) and accommodates after abstention (otherwise China's
    # deviation to accommodating would gain) -- extreme points b = 1 and b = 2/3.
    code, out, err = run(capsys, "solve", "china_veto.efg", "--exact")
    assert code == 0, err
    assert "1 subgame-perfect equilibrium (complete)" in out
    assert "Japan-ROK@root: Cooperate; China@Cooperate: Accommodate; China@Abstain: Accommodate" in out
    assert "4 Nash equilibria" in out
    assert "Japan-ROK: Abstain, China: Back Pyongyang|Accommodate" in out
    assert "Back Pyongyang|Accommodate: 2/3" in out
    data = run_json(capsys, "solve", "china_veto.efg")
    check_schema(data, "trigame.tree-equilibria/1")
    assert len(data["subgame_perfect"]["equilibria"]) == 1 and len(data["nash"]["equilibria"]) == 4


# ---------------------------------------------------------------------------- models
def test_models_lists_every_model_with_its_description(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0
    lines = out.splitlines()
    registry = model_registry()
    assert len(lines) == len(registry)
    for (name, cls), line in zip(registry.items(), lines):
        first_doc_line = cls.__doc__.strip().splitlines()[0]
        assert line.startswith(name) and first_doc_line in line


def test_describe_shows_parameters_domains_sources_and_presets(capsys):
    code, out, _ = run(capsys, "describe", "quasi_alliance")
    assert code == 0
    for p in QuasiAlliance.parameters():
        assert f"{p.name} = " in out and str(p.domain) in out and p.description in out
    for scenario in QuasiAlliance.scenarios:
        assert scenario.name in out


@pytest.mark.parametrize("name", ["QuasiAlliance", "quasialliance", "quasi_alliance", "QUASI-ALLIANCE"])
def test_quasi_alliance_when_both_fear_abandonment(capsys, name):
    # Cha's H-B with the defaults beta = 3, h_J = 1, h_K = 2, s = 1 and both fears 1:
    # c_J = 3 - 1 = 2 > 0 and c_K = 3 - 2 = 1 > 0, a stag hunt with exactly three equilibria:
    # (Cooperate, Cooperate) with payoffs (c_J, c_K) = (2, 1); (Friction, Friction) with (0, 0); and the
    # mixed one, Pr_Japan(Cooperate) = s/(c_K + s) = 1/2, Pr_ROK(Cooperate) = s/(c_J + s) = 1/3,
    # where each is indifferent and gets its Friction payoff 0.
    data = run_json(capsys, "solve", name, "--set", "fear_japan=1", "--set", "fear_rok=1", "--exact")
    check_schema(data, "trigame.model-equilibria/1")
    assert data["model"] == "QuasiAlliance" and data["kind"] == "exact" and data["sequential"] is False
    assert data["parameters"]["fear_japan"] == 1 and data["parameters"]["domestic_cost_rok"] == 2
    assert data["nash"]["complete"] is True and data["subgame_perfect"] is None
    found = {
        (e["strategies"]["Japan"]["Cooperate"], e["strategies"]["South Korea"]["Cooperate"]):
        (e["payoffs"]["Japan"], e["payoffs"]["South Korea"])
        for e in data["nash"]["equilibria"]
    }
    assert found == {(1, 1): (2, 1), (0, 0): (0, 0), ("1/2", "1/3"): (0, 0)}


def test_text_output_of_a_model(capsys):
    code, out, err = run(capsys, "solve", "QuasiAlliance", "--set", "fear_japan=1", "--set", "fear_rok=1",
                         "--exact")
    assert code == 0, err
    assert "3 Nash equilibria" in out and "complete" in out
    assert "Japan: Cooperate, South Korea: Cooperate" in out
    assert "Japan: Cooperate: 1/2, Friction: 1/2" in out and "South Korea: Cooperate: 1/3, Friction: 2/3" in out


def test_decimals_stay_exact_and_float_is_float(capsys):
    # fear_japan = 0.5, fear_rok = 1: c_J = 3/2 - 1 = 1/2, c_K = 1, s = 1, so in the mixed equilibrium
    # Pr_Japan(Cooperate) = s/(c_K + s) = 1/2 and Pr_ROK(Cooperate) = s/(c_J + s) = 2/3.
    data = run_json(capsys, "solve", "QuasiAlliance", "--set", "fear_japan=0.5", "--set", "fear_rok=1", "--exact")
    assert data["parameters"]["fear_japan"] == "1/2"
    rok = {e["strategies"]["South Korea"]["Cooperate"] for e in data["nash"]["equilibria"]}
    assert rok == {1, 0, "2/3"}
    data = run_json(capsys, "solve", "QuasiAlliance", "--set", "fear_japan=1/2", "--set", "fear_rok=1", "--float")
    check_schema(data, "trigame.model-equilibria/1")
    assert data["kind"] == "float" and data["parameters"]["fear_japan"] == 0.5
    rok = sorted(e["strategies"]["South Korea"]["Cooperate"] for e in data["nash"]["equilibria"])
    assert rok[1] == pytest.approx(2 / 3) and isinstance(rok[1], float)


def test_presets_and_overrides(capsys):
    # "1972-74 detente": fear_japan = 0, fear_rok = 1, so c_J = -1 < 0: friction is the unique equilibrium.
    data = run_json(capsys, "solve", "QuasiAlliance", "--preset", "1972-74 DETENTE")
    assert data["preset"] == "1972-74 detente"
    assert len(data["nash"]["equilibria"]) == 1
    assert data["nash"]["equilibria"][0]["strategies"]["Japan"]["Friction"] == 1
    # A unique prefix names the preset too; --set overrides it: fear_japan = 1 gives back H-B's three equilibria.
    data = run_json(capsys, "solve", "QuasiAlliance", "--preset", "1972", "--set", "fear_japan=1")
    assert data["parameters"]["fear_japan"] == 1 and len(data["nash"]["equilibria"]) == 3


# ---------------------------------------------------------------------------- a sequential model
@dataclass(frozen=True, kw_only=True)
class Veto(Model):
    """The allies cooperate or abstain; China, having seen it, accommodates or backs Pyongyang."""

    players = ("Japan-ROK", "China")
    backing_cost: Any = parameter(  # noqa: RUF009 - parameter() is the model layer's field declaration
        default=2, domain=NONNEGATIVE, description="China's cost of backing Pyongyang"
    )

    @staticmethod
    def payoffs(v: Any) -> tg.GameTree:
        # The tree of china_veto.efg with backing_value 1 and backing_cost c: after cooperation China gets -1
        # (accommodate) or -1 + 1 - c (back); after abstention 0 or -c.
        after_cooperation = tg.Decision("China", {"Accommodate": tg.Terminal((2, -1)),
                                                  "Back Pyongyang": tg.Terminal((-1, -v.backing_cost))})
        after_abstention = tg.Decision("China", {"Accommodate": tg.Terminal((0, 0)),
                                                 "Back Pyongyang": tg.Terminal((-3, -v.backing_cost))})
        return tg.GameTree(tg.Decision("Japan-ROK", {"Cooperate": after_cooperation, "Abstain": after_abstention}),
                           players=("Japan-ROK", "China"))


@pytest.fixture
def with_veto(monkeypatch):
    monkeypatch.setattr(trigame.models, "MODELS", {**model_registry(), "Veto": Veto}, raising=False)


def test_sequential_model_shows_the_nash_equilibria_that_are_not_subgame_perfect(capsys, with_veto):
    # backing_cost 2 > 1: China accommodates at both nodes, the allies cooperate -- the unique SPE.  The
    # strategic form (see test_solve_a_tree_...) has 4 extreme Nash equilibria; three are not subgame-perfect:
    # (Cooperate, Accommodate|Back) backs after abstention at a cost; (Abstain, Back|Accommodate) and the mix
    # 1/3 Acc|Acc + 2/3 Back|Acc back after cooperation, which costs China 1 in that subgame.
    code, out, err = run(capsys, "solve", "veto", "--exact")
    assert code == 0, err
    assert "1 subgame-perfect equilibrium (complete)" in out
    # Without --nash only the pure Nash equilibria are compared: (Cooperate, Acc|Acc), (Cooperate, Acc|Back) and
    # (Abstain, Back|Acc), the last two not subgame-perfect.
    assert "3 pure Nash equilibria; 2 of them are not subgame-perfect" in out
    assert "  - Japan-ROK: Cooperate, China: Accommodate|Back Pyongyang" in out
    assert "  - Japan-ROK: Abstain, China: Back Pyongyang|Accommodate" in out
    code, out, err = run(capsys, "solve", "veto", "--exact", "--nash")
    assert "4 Nash equilibria" in out
    assert out.count("[subgame-perfect]") == 1 and out.count("[NOT subgame-perfect]") == 3
    data = run_json(capsys, "solve", "veto", "--exact", "--nash")
    check_schema(data, "trigame.model-equilibria/1")
    assert data["sequential"] is True and data["nash_scope"] == "all"
    assert len(data["subgame_perfect"]["equilibria"]) == 1
    flags = {e["strategies"]["China"]["Accommodate|Accommodate"]: e["subgame_perfect"]
             for e in data["nash"]["equilibria"] if e["strategies"]["Japan-ROK"]["Cooperate"] == 0}
    assert flags == {0: False, "1/3": False}
    data = run_json(capsys, "solve", "veto")
    check_schema(data, "trigame.model-equilibria/1")
    assert data["nash_scope"] == "pure" and len(data["nash"]["equilibria"]) == 3


def test_sequential_model_where_backing_is_free(capsys, with_veto):
    # backing_cost 0: after cooperation China backs Pyongyang strictly (0 > -1); after abstention it is
    # indifferent (0 either way).  If it accommodates after abstention the allies abstain (0 > -1), if it backs
    # they cooperate (-1 > -3): two pure SPE, (Abstain; Back, Accommodate) and (Cooperate; Back, Back).  The pure
    # Nash equilibria are the same two: against Acc|* China would deviate to backing after cooperation, and
    # (Abstain, Back|Back) gives the allies -3 < -1.
    data = run_json(capsys, "solve", "veto", "--set", "backing_cost=0")
    pure_spe = [e for e in data["subgame_perfect"]["equilibria"]
                if all(p in (0, 1) for dist in e["behavior"].values() for p in dist.values())]
    assert len(pure_spe) == 2
    pure_nash = [e for e in data["nash"]["equilibria"]
                 if all(p in (0, 1) for dist in e["strategies"].values() for p in dist.values())]
    assert len(pure_nash) == 2 and all(e["subgame_perfect"] is True for e in pure_nash)


def test_is_subgame_perfect_of_a_correlated_mixture_is_undetermined():
    # A China strategy 1/2 Acc|Back + 1/2 Back|Acc correlates its two choices; its marginals (1/2, 1/2) at both
    # nodes give the product 1/4 on each pure strategy, not this mixture.
    tree = Veto().game()
    half = Fraction(1, 2)
    eq = tg.Equilibrium.from_profile(tree.to_normal_form(), [[0, 1], [0, half, half, 0]])
    assert is_subgame_perfect(tree, eq) is None


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["solve", "NoSuchModel"], "neither a model nor a game file; the models are: "),
        (["describe", "NoSuchModel"], "unknown model 'NoSuchModel'; the models are: "),
        (["solve", "QuasiAlliance", "--set", "fear=1"], "its parameters are: fear_japan, fear_rok"),
        (["solve", "QuasiAlliance", "--set", "fear_rok=1.5"], "fear_rok = 1.5 is outside its domain [0, 1]"),
        (["solve", "QuasiAlliance", "--set", "security_value=0"], "outside its domain (0, inf)"),
        (["solve", "QuasiAlliance", "--set", "fear_rok"], "--set expects name=value"),
        (["solve", "QuasiAlliance", "--set", "=1"], "--set expects name=value"),
        (["solve", "QuasiAlliance", "--set", "fear_rok=__import__('os')"], "is not a number"),
        (["solve", "QuasiAlliance", "--set", "fear_rok=1/0"], "divides by zero"),
        (["solve", "QuasiAlliance", "--preset", "1990s"], "its presets are: 1969-71 Nixon Doctrine"),
        (["solve", "QuasiAlliance", "--preset", "19"], "ambiguous, it matches: 1969-71 Nixon Doctrine; 1972-74"),
        (["solve", "QuasiAlliance", "--method", "pure"], "--method applies to game files"),
        (["solve", SHIPPED, "--set", "x=1"], "apply to models, not to game files"),
        (["solve", "QuasiAlliance", "--exact", "--float"], "not allowed with argument"),
        (["solve", "QuasiAlliance", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("trigame") and message in err, err


def test_file_errors_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "solve", str(tmp_path / "missing.nfg"))
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "broken" { "A" "B" } { { "1" } { "1" } } 1 2 3')
    code, _, err = run(capsys, "solve", str(bad))
    assert code == 2 and err.startswith("trigame: error:") and err.count("\n") == 1
    code, _, err = run(capsys, "solve", SHIPPED, "--method", "magic")
    assert code == 2 and err.count("\n") == 1 and "invalid choice: 'magic'" in err


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "solve", "--help")
    assert code == 0 and "--set NAME=VALUE" in out and "never code" in out


def test_subprocess_errors_without_traceback(tmp_path):
    # one real process per error, from the repository root so that `-m trigame` finds the package
    for args, message in [
        (["solve", str(tmp_path / "nope.nfg")], "no such file"),
        (["solve", "quasi_alliance", "--set", "fear_rok=2"], "outside its domain"),
        (["solve", "china_reaction_typo"], "the models are:"),
        (["solve", "quasi_alliance", "--set", "fear_rok=exec('1')"], "is not a number"),
    ]:
        out = subprocess.run([sys.executable, "-m", "trigame", *args], capture_output=True, text=True, check=False,
                             cwd=ROOT)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert out.stderr.count("\n") == 1 and message in out.stderr


def test_subprocess_solves_a_model():
    out = subprocess.run([sys.executable, "-m", "trigame", "solve", "quasi_alliance", "--preset", "1969", "--json"],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    # 1969-71: both fear abandonment -> Cha's cooperation: three equilibria, (Cooperate, Cooperate) among them.
    data = json.loads(out.stdout)
    assert len(data["nash"]["equilibria"]) == 3
    assert {"Japan": {"Cooperate": 1, "Friction": 0}, "South Korea": {"Cooperate": 1, "Friction": 0}} in [
        e["strategies"] for e in data["nash"]["equilibria"]]


def test_solve_a_switch_of_the_china_reaction(capsys):
    # simultaneous=true turns ChinaReaction into a 2x2x2 strategic-form game: Nash equilibria, no SPE.
    data = run_json(capsys, "solve", "china_reaction", "--set", "simultaneous=true")
    check_schema(data, "trigame.model-equilibria/1")
    assert data["sequential"] is False and data["subgame_perfect"] is None
    assert data["parameters"]["simultaneous"] is True and data["nash_scope"] == "all"
    code, _, err = run(capsys, "solve", "china_reaction", "--set", "simultaneous=maybe")
    assert code == 2 and "write true or false" in err


# ---------------------------------------------------------------------------- trigame regimes
QA_FIXED = ["--set", "security_value=3", "--set", "domestic_cost_japan=1", "--set", "domestic_cost_rok=2",
            # Cha's setting: no direct threat value, no value through firm alliances, no expectation gap
            "--set", "threat_value=0", "--set", "virtual_alliance_value=0", "--set", "expectation_gap=0"]
QA_CHA_FIXED = {"threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}


def test_regimes_of_the_quasi_alliance(capsys):
    # With beta = 3, h_J = 1, h_K = 2 (the QuasiAlliance docstring's regimes): (Cooperate, Cooperate) exists iff
    # 3 fear_japan - 1 >= 0 and 3 fear_rok - 2 >= 0, i.e. fear_japan >= 1/3 and fear_rok >= 2/3; (Friction,
    # Friction) always (s > 0 makes it strict); its payoffs are (3 fear_japan - 1, 3 fear_rok - 2).
    data = run_json(capsys, "regimes", "quasi_alliance", *QA_FIXED)
    check_schema(data, "trigame.regimes/1")
    assert data["kind"] == "nash" and data["fixed"] == {"security_value": 3, "domestic_cost_japan": 1,
                                                         "domestic_cost_rok": 2, **QA_CHA_FIXED}
    assert set(data["free"]) == {"fear_japan", "fear_rok", "unreciprocated_cost"}
    by_label = {r["support_label"]: r for r in data["regimes"]}
    cooperation = by_label["Japan: Cooperate, South Korea: Cooperate"]
    assert "fear_japan >= 1/3" in cooperation["condition"] and "fear_rok >= 2/3" in cooperation["condition"]
    assert cooperation["payoffs"] == {"Japan": "3*fear_japan - 1", "South Korea": "3*fear_rok - 2"}
    assert by_label["Japan: Friction, South Korea: Friction"]["condition"] == "True"
    code, out, _ = run(capsys, "regimes", "QuasiAlliance", *QA_FIXED)
    # conditions in the parameters' symbols (f_J = fear_japan, f_K = fear_rok), listed with their names
    assert code == 0 and "exists iff f_J ≥ 1/3 and f_K ≥ 2/3" in out and "(fear_japan)" in out
    code, out, _ = run(capsys, "regimes", "QuasiAlliance", *QA_FIXED, "--latex")
    assert code == 0 and out.count(r"\textbf{Proposition") == len(data["regimes"])


def test_regimes_errors(capsys):
    code, _, err = run(capsys, "regimes", "QuasiAlliance", "--set", "fear=1")
    assert code == 2 and "its parameters are" in err and err.count("\n") == 1
    code, _, err = run(capsys, "regimes", "QuasiAlliance", "--latex", "--json")
    assert code == 2 and err.count("\n") == 1


# ---------------------------------------------------------------------------- a Bayesian model
# ExtendedDeterrence by hand (its docstring): the resolved type Defends (r = 1 > 0), the unresolved type Abandons
# (d = 1 > 0); Rely gives the ally p*b - (1 - p)*c = 8p - 4 (b = c = 4), Hedge gives h = 1: it relies iff
# p >= 5/8.
def test_bayesian_model_in_models_describe_and_solve(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("ExtendedDeterrence"))
    assert "[Bayesian game; 6 parameters, 2 presets]" in line
    code, out, _ = run(capsys, "describe", "extended_deterrence")
    assert code == 0 and "prior_resolved = 3/4" in out and "Doubting ally (illustrative)" in out
    # Defaults p = 3/4: Rely; ex ante ally 8*3/4 - 4 = 2, US 3/4*1 + 1/4*0 = 3/4; interim US 1 if resolved, 0 if not.
    code, out, err = run(capsys, "solve", "ExtendedDeterrence", "--exact")
    assert code == 0, err
    assert "1 Bayesian Nash equilibrium (method agent_form/" in out and "complete" in out
    assert "1. South Korea: Rely; United States: Defend if resolved, Abandon if unresolved" in out
    assert "United States if unresolved: Defend: 0, Abandon: 1" in out
    assert "payoffs (ex ante): South Korea 2, United States 3/4" in out
    assert "payoffs by type (interim): South Korea 2, United States if resolved 1, United States if unresolved 0" in out
    assert "United States resolved: 3/4" in out and "United States unresolved: 1/4" in out
    code, _, err = run(capsys, "solve", "ExtendedDeterrence", "--nash")
    assert code == 2 and "Bayesian game" in err and err.count("\n") == 1


def test_bayesian_model_json_follows_the_schema(capsys):
    # p = 1/2 < 5/8: Hedge; ex ante ally h = 1, US 1/2*1 = 1/2.
    data = run_json(capsys, "solve", "ExtendedDeterrence", "--set", "prior_resolved=1/2", "--exact")
    check_schema(data, "trigame.bayesian-equilibria/1")
    assert data["model"] == "ExtendedDeterrence" and data["kind"] == "exact" and data["complete"] is True
    assert data["parameters"]["prior_resolved"] == "1/2"
    assert data["game"]["types"] == {"South Korea": ["-"], "United States": ["resolved", "unresolved"]}
    assert {e["types"]["United States"]: e["probability"] for e in data["game"]["prior"]} == {
        "resolved": "1/2", "unresolved": "1/2"}
    [eq] = data["equilibria"]
    assert eq["behavior"] == {"South Korea": {"-": {"Rely": 0, "Hedge": 1}},
                              "United States": {"resolved": {"Defend": 1, "Abandon": 0},
                                                "unresolved": {"Defend": 0, "Abandon": 1}}}
    assert eq["payoffs"] == {"South Korea": 1, "United States": "1/2"}
    assert eq["interim"] == {"South Korea": {"-": 1}, "United States": {"resolved": 1, "unresolved": 0}}
    # At the threshold p = 5/8 both pure equilibria and every mixture: degenerate, two extreme points.
    data = run_json(capsys, "solve", "ExtendedDeterrence", "--set", "prior_resolved=5/8")
    check_schema(data, "trigame.bayesian-equilibria/1")
    assert data["degenerate"] is True and len(data["equilibria"]) == 2


def test_regimes_of_a_bayesian_model(capsys):
    # With b = c = 4, r = d = 1: Rely iff 8p >= 4 + h, i.e. p >= h/8 + 1/2; Hedge iff p <= h/8 + 1/2.
    fixed = ["--set", "security_gain=4", "--set", "abandonment_loss=4", "--set", "resolve_margin=1",
             "--set", "defense_cost=1"]
    data = run_json(capsys, "regimes", "ExtendedDeterrence", *fixed)
    check_schema(data, "trigame.regimes/1")
    by_label = {r["support_label"]: r["condition"] for r in data["regimes"]}
    assert by_label == {
        "South Korea@-: Rely, United States@resolved: Defend, United States@unresolved: Abandon":
            "prior_resolved >= hedging_value/8 + 1/2",
        "South Korea@-: Hedge, United States@resolved: Defend, United States@unresolved: Abandon":
            "prior_resolved <= hedging_value/8 + 1/2"}
    code, out, _ = run(capsys, "regimes", "ExtendedDeterrence", *fixed)
    assert code == 0 and "2 Bayesian Nash equilibria as functions of the parameters" in out


# ---------------------------------------------------------------------------- trigame sweep
def documented_csv_columns() -> list[str]:
    text = CLI_PAGE.read_text(encoding="utf-8")
    block = text[text.index("The CSV columns are the swept parameters followed by:"):]
    block = block[: block.index("\n## ")]
    return re.findall(r"^\| `([a-z_]+)` \|", block, flags=re.MULTILINE)


def test_sweep_to_csv_has_the_documented_columns_and_the_hand_derived_regimes(capsys, tmp_path):
    import pandas as pd

    # fear_japan = 1 (c_J = 2 > 0): cooperation is sustainable iff c_K = 3 fear_rok - 2 > 0, fear_rok > 2/3;
    # on 0, 0.1, ..., 1 that is 0.7, 0.8, 0.9, 1 -- three equilibria there, friction alone elsewhere.
    out = tmp_path / "curve.csv"
    code, text, err = run(capsys, "sweep", "quasi_alliance", "--x", "fear_rok=0:1:11", "--set", "fear_japan=1",
                          "--out", str(out))
    assert code == 0, err
    assert f"wrote {out}" in text and "36.4%" in text and "63.6%" in text  # 4/11 and 7/11 of the grid
    table = pd.read_csv(out)
    assert list(table.columns) == ["fear_rok", *documented_csv_columns()]
    count = table[table["kind"] == "strategy"].groupby("fear_rok")["equilibrium"].nunique()
    assert {round(x, 6): n for x, n in count.items()} == {
        round(k / 10, 6): (3 if k >= 7 else 1) for k in range(11)}


def test_sweep_to_png(capsys, tmp_path):
    for extra, name in [(["--y", "fear_rok=0:1:21"], "map.png"), ([], "curve.png")]:
        out = tmp_path / name
        code, text, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:21", *extra,
                              "--out", str(out), "--no-progress")
        assert code == 0, err
        assert out.read_bytes()[:8] == PNG_SIGNATURE
    # On the 21 x 21 grid (steps of 1/20, which miss 1/3 and 2/3) cooperation needs fear_japan >= 7/20 and
    # fear_rok >= 14/20: 14 x 7 = 98 of 441 points (22.2%); friction alone on the other 343 (77.8%).
    code, text, _ = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:21", "--y", "fear_rok=0:1:21",
                        "--out", str(tmp_path / "map.png"))
    assert "77.8%  Japan: Friction, South Korea: Friction\n" in text and "22.2%  Japan: Cooperate" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--x", "fear_rok=0:1:1"], "n must be an integer >= 2"),
        (["--x", "fear_rok=0:1:ten"], "n must be an integer >= 2"),
        (["--x", "fear_rok=1:0:5"], "lo < hi"),
        (["--x", "fear_rok=0:2:5"], "outside its domain [0, 1]"),
        (["--x", "fear=0:1:5"], "its parameters are"),
        (["--x", "fear_rok=0:1:5", "--y", "fear_rok=0:1:5"], "the same parameter"),
        (["--x", "fear_rok=0:1:5", "--set", "fear_rok=1"], "is swept"),
        (["--x", "fear_rok=0:1"], "expects name=lo:hi:n"),
    ],
)
def test_sweep_bad_input(capsys, tmp_path, args, message):
    code, out, err = run(capsys, "sweep", "QuasiAlliance", *args, "--out", str(tmp_path / "x.png"))
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err


def test_sweep_bad_output_files(capsys, tmp_path):
    code, _, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_rok=0:1:3", "--out", str(tmp_path / "x.txt"))
    assert code == 2 and "must end in .png or .csv" in err
    code, _, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_rok=0:1:3",
                       "--out", str(tmp_path / "missing" / "x.png"))
    assert code == 2 and "does not exist" in err and err.count("\n") == 1
    code, _, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_rok=0:1:3")
    assert code == 2 and "--out" in err


def test_an_internal_error_is_one_line_with_status_1(capsys, monkeypatch):
    import trigame.viz.report

    def broken(name: str) -> None:
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(trigame.viz.report, "find_model", broken)
    code, out, err = run(capsys, "describe", "QuasiAlliance")
    assert code == 1 and out == ""
    assert err == "trigame: internal error (please report it): RuntimeError: something went wrong\n"
