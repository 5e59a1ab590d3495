"""The ``trigame`` command: solving .nfg files, JSON output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from trigame.cli import JSON_SCHEMA, bundled_games, main

SHIPPED = "alliance_security_dilemma.nfg"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


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


def test_json_output_follows_the_schema(capsys):
    code, out, _ = run(capsys, "solve", SHIPPED, "--json", "--exact")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == JSON_SCHEMA
    assert data["game"]["players"] == ["United States", "South Korea"]
    assert data["complete"] is True and data["degenerate"] is False
    mixed = [e for e in data["equilibria"] if e["strategies"]["United States"]["Strong"] == "1/2"]
    assert len(mixed) == 1
    # expected payoff in the mixed equilibrium: 1/2 * (b - e) + 1/2 * (-e) = 1/2 * 2 - 1/2 = 1/2
    assert mixed[0]["payoffs"] == {"United States": "1/2", "South Korea": "1/2"}
    code, out, _ = run(capsys, "solve", SHIPPED, "--json")
    assert json.loads(out)["equilibria"][-1]["strategies"]["South Korea"]["Strong"] == 0.5


def test_method_option(capsys):
    code, out, _ = run(capsys, "solve", SHIPPED, "--method", "pure")
    assert code == 0 and "2 Nash equilibria" in out and "NOT guaranteed complete" in out


def test_errors_are_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "solve", str(tmp_path / "missing.nfg"))
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "broken" { "A" "B" } { { "1" } { "1" } } 1 2 3')
    code, _, err = run(capsys, "solve", str(bad))
    assert code == 2 and err.startswith("trigame: error:") and err.count("\n") == 1
    with pytest.raises(SystemExit) as info:
        main(["solve", SHIPPED, "--method", "magic"])
    assert info.value.code == 2


def test_module_entry_point_without_traceback(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "trigame.cli", "solve", str(tmp_path / "nope.nfg")], capture_output=True, text=True
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr


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
    code, out, _ = run(capsys, "solve", "china_veto.efg", "--json")
    data = json.loads(out)
    assert data["schema"] == "trigame.tree-equilibria/1"
    assert len(data["subgame_perfect"]["equilibria"]) == 1 and len(data["nash"]["equilibria"]) == 4
