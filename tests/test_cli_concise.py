"""``trigame solve`` answers briefly by default: long lists grouped, zero probabilities folded, notes counted.

``--verbose`` restores everything.  The expectations are counts a reader can derive: an n x n
coordination game (identity payoffs for both players) has one equilibrium per nonempty support
set S (both players uniform on S), 2**n - 1 in all, with payoffs (1/|S|, 1/|S|).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import trigame as tg
from trigame.cli import main
from trigame.cli.output import LIST_ALL, PER_GROUP

from .test_cli import check_schema


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def coordination_file(tmp_path: Path) -> Path:
    n = 6  # 2**6 - 1 = 63 equilibria, more than LIST_ALL
    game = tg.NormalFormGame.from_arrays(np.eye(n, dtype=int), np.eye(n, dtype=int))
    path = tmp_path / "coordination.nfg"
    tg.write_nfg(game, path)
    return path


def test_long_lists_are_grouped_by_payoffs(capsys: pytest.CaptureFixture[str], coordination_file: Path) -> None:
    lines = _run(capsys, "solve", str(coordination_file))
    assert any(line.startswith("63 Nash equilibria") for line in lines)
    # Six payoff groups, one per support size |S| = 1..6, with C(6, |S|) members each.
    groups = [line for line in lines if line.startswith("  payoffs ")]
    assert len(groups) == 6
    sizes = sorted(int(line.split(": ")[-1].split()[0]) for line in groups)
    assert sizes == [1, 6, 6, 15, 15, 20]
    numbered = [line for line in lines if line.lstrip().split(".")[0].isdigit()]
    assert len(numbered) == sum(min(size, PER_GROUP) for size in sizes)
    assert len(lines) < 60


def test_verbose_lists_every_equilibrium_and_every_zero(capsys: pytest.CaptureFixture[str],
                                                       coordination_file: Path) -> None:
    lines = _run(capsys, "solve", str(coordination_file), "--verbose")
    numbered = [line for line in lines if line.lstrip().split(".")[0].isdigit()]
    assert len(numbered) == 63
    # Every player's line lists all six strategies, zeros included: two lines per equilibrium.
    strategy_lines = [line for line in lines if line.strip().startswith("Player ")]
    assert len(strategy_lines) == 2 * 63
    assert all(line.count(": ") == 7 for line in strategy_lines)


def test_pure_choices_are_not_spelled_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Prisoner's Dilemma: the only equilibrium is (Defect, Defect); no "Cooperate: 0" line by default.
    pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                       strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    path = tmp_path / "pd.nfg"
    tg.write_nfg(pd, path)
    out = "\n".join(_run(capsys, "solve", str(path)))
    assert "1. Player 1: Defect, Player 2: Defect" in out
    assert "Cooperate: 0" not in out
    assert "Cooperate: 0" in "\n".join(_run(capsys, "solve", str(path), "-v"))


def test_mixed_equilibria_show_only_their_support(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Rock-paper-scissors with a dummy fourth strategy that loses to everything: the unique
    # equilibrium mixes R, P, S with 1/3 each (zero-sum, value 0) and never plays the dummy, which R weakly
    # dominates and which earns -1 < 0 against the mixture.
    a = np.array([[0, -1, 1, 1], [1, 0, -1, 1], [-1, 1, 0, 1], [-1, -1, -1, 0]])
    game = tg.NormalFormGame.from_arrays(a, -a, strategies=(("R", "P", "S", "D"),) * 2)
    path = tmp_path / "rps.nfg"
    tg.write_nfg(game, path)
    lines = _run(capsys, "solve", str(path), "--exact")
    mixing = [line.strip() for line in lines if line.strip().startswith("Player 1:")]
    assert mixing == ["Player 1: R: 1/3, P: 1/3, S: 1/3"]


def test_support_notes_are_counted_not_listed() -> None:
    import contextlib
    import io

    from trigame.cli.output import _print_notes

    notes = [f"support profile (s{k}; t{k}): a continuum of equilibria (a polytope of X's mixtures), reported by "
             f"its {k + 2} vertices" for k in range(40)] + ["stopped after 10 support profiles"]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        _print_notes(notes, verbose=False)
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "  note: 40 support profiles hold a continuum of equilibria, represented by its extreme points"
    assert lines[1] == "  note: stopped after 10 support profiles"
    assert len(lines) == 3
    assert LIST_ALL >= 1


def test_describe_draws_a_tree_model(capsys: pytest.CaptureFixture[str]) -> None:
    # ChinaReaction (sequential): Japan moves first, South Korea second, China last; the default values
    # (deterrence_gain 3, domestic costs 1 and 2, china_discomfort 1) give (3 - 1, 3 - 2, -1) = (2, 1, -1)
    # when everyone cooperates and China accommodates.
    lines = _run(capsys, "describe", "ChinaReaction")
    text = "\n".join(lines)
    assert "GameTree(" not in text
    assert "The game tree, payoffs in the order (Japan, South Korea, China):" in text
    assert "  Japan [Japan@root]" in lines
    assert "        Accommodate -> (deterrence_gain - domestic_cost_japan, deterrence_gain - domestic_cost_rok, " \
           "-china_discomfort)" in lines
    assert "        Accommodate -> (2, 1, -1)" in lines
    assert "  simultaneous = False" in lines


GIBBONS_411 = """EFG 2 R "Gibbons 4.1.1" { "1" "2" }
""

p "" 1 1 "" { "L" "M" "R" } 0
p "" 2 1 "" { "L'" "R'" } 0
t "" 1 "" { 2, 1 }
t "" 2 "" { 0, 0 }
p "" 2 1 "" { "L'" "R'" } 0
t "" 3 "" { 0, 2 }
t "" 4 "" { 0, 1 }
t "" 5 "" { 1, 3 }
"""


def test_solve_prints_the_perfect_bayesian_equilibria_of_an_imperfect_information_tree(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Gibbons (1992), Figure 4.1.1: three subgame-perfect equilibria (the tree has no proper subgame), but
    # R' is strictly dominated at player 2's information set whatever the belief (1 > 0 after L, 2 > 1 after
    # M), so the only perfect Bayesian equilibrium is (L, L') with belief 1 on the node after L.
    path = tmp_path / "gibbons.efg"
    path.write_text(GIBBONS_411)
    text = "\n".join(_run(capsys, "solve", str(path)))
    assert "3 subgame-perfect equilibria" in text
    # Gambit's information sets are keyed "player:number".
    assert "1 perfect Bayesian equilibrium (complete)\n  1. 1:1: L; 2:1: L'" in text
    assert "μ(L) = 1, μ(M) = 0" in text
    import json

    data = json.loads("\n".join(_run(capsys, "solve", str(path), "--json")))
    (pbe,) = data["perfect_bayesian"]["equilibria"]
    assert pbe["behavior"]["2:1"] == {"L'": 1, "R'": 0}
    check_schema(data, "trigame.tree-equilibria/1")  # every field documented in json-schema.md, with its type


def test_perfect_information_trees_have_no_separate_perfect_bayesian_section(
        capsys: pytest.CaptureFixture[str]) -> None:
    text = "\n".join(_run(capsys, "solve", "china_veto.efg"))
    assert "perfect Bayesian" not in text


def test_an_ascii_terminal_gets_ascii_stand_ins(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "gibbons.efg"
    path.write_text(GIBBONS_411)
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for argv in (["describe", "QuasiAlliance"], ["solve", str(path)]):
        run = subprocess.run([sys.executable, "-m", "trigame", *argv], capture_output=True, env=env, check=False)
        assert run.returncode == 0, run.stderr.decode("ascii", "replace")
        run.stdout.decode("ascii")  # every byte is ASCII
    assert b"mu(L) = 1, mu(M) = 0" in run.stdout  # the belief μ(L) written out


def test_solve_prints_a_signalling_models_perfect_bayesian_equilibria(capsys: pytest.CaptureFixture[str]) -> None:
    # ChinaInference at its defaults: the narrow design costs a China-aimed coalition 4, more than China's backing
    # would cost it (2), and a North-Korea-aimed one 1, less: the separating equilibrium (narrow if aimed at North
    # Korea, broad if aimed at China; China accommodates the narrow design and backs Pyongyang after the broad one)
    # exists (tests/test_china_inference.py derives the whole set).
    text = "\n".join(_run(capsys, "solve", "ChinaInference"))
    assert "perfect Bayesian equilibri" in text
    assert ("separating: Coalition@North Korea: Narrow; Coalition@China: Broad; China@Narrow: Accommodate; "
            "China@Broad: Back Pyongyang") in text
    import json

    data = json.loads("\n".join(_run(capsys, "solve", "ChinaInference", "--json")))
    assert data["schema"] == "trigame.signaling-equilibria/1" and data["model"] == "ChinaInference"
    assert data["complete"] is True
    check_schema(data, "trigame.signaling-equilibria/1")
