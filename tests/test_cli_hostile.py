"""The ``trigame`` command under hostile input: extreme numbers, odd files, and requests beyond the budgets.

Each reproducer once hung, ran out of memory or ended in "internal error" (exit
status 1).  Every one must now end, quickly, in exit status 2 with one line on
standard error and nothing on standard output.  The streaming test shows that a
CSV sweep holds a bounded part of its table in memory (tracemalloc's peak stays
below the ``--max-memory`` budget while the file written is larger than it) and
writes the same table as the library's whole-grid sweep.
"""

from __future__ import annotations

import io
import json
import tracemalloc
from collections import namedtuple
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import trigame as tg
from trigame._numbers import MAX_NUMBER_DIGITS, parse_number
from trigame.cli import main
from trigame.models import QuasiAlliance
from trigame.statics import sweep


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *args) -> str:
    """Run the command; assert exit status 2, nothing printed, one line on stderr; return that line."""
    code, out, err = run(capsys, *args)
    assert code == 2, (code, err)
    assert out == "", out
    assert err.count("\n") == 1 and err.startswith("trigame: error: "), err
    return err


def chain_efg(depth: int) -> str:
    """A tree in which player 1 moves ``depth`` times in a row: "go" on, or "stop" with payoffs (0, 0)."""
    lines = ['EFG 2 R "chain" { "P1" "P2" }', '""']
    lines += [f'p "" 1 {k + 1} "" {{ "go" "stop" }} 0' for k in range(depth)]
    lines.append('t "" 1 "" { 1, 1 }')
    lines += [f't "" {k + 2} "" {{ 0, 0 }}' for k in range(depth)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- extreme numbers
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("fear_japan=1e999999999", "exponent"),  # once a hang: Fraction('1e999999999') builds 10**999999999
        ("security_value=1e9999999", "exponent"),  # once int-conversion ValueError, exit 1
        ("fear_japan=" + "1" * 5000, "5000 digits"),  # once Python's 4300-digit limit, exit 1
        ("security_value=" + "9" * 4301, "4301 digits"),
        ("security_value=1/" + "7" * 4400, "4400 digits"),
        ("security_value=1e301", "at most 1e300"),  # finite as a float, but beyond the documented bound
    ],
)
def test_extreme_values_are_refused(capsys, setting, message):
    assert message in refused(capsys, "solve", "QuasiAlliance", "--set", setting)


@pytest.mark.parametrize(
    "spec",
    ["fear_japan=0:1e99999:11", "fear_japan=0:" + "1" * 5000 + ":11", "fear_japan=0:1:" + "1" * 5000],
)
def test_extreme_ranges_are_refused(capsys, tmp_path, spec):
    refused(capsys, "sweep", "QuasiAlliance", "--x", spec, "--out", tmp_path / "a.csv")
    assert not list(tmp_path.iterdir())


def test_numbers_stay_exact_up_to_the_bounds():
    # The largest texts allowed are read exactly: 400 digits, and exponents of 300 up and 400 down.
    assert parse_number("9" * MAX_NUMBER_DIGITS + "e-400") == Fraction(10**400 - 1, 10**400)
    assert parse_number("1e300") == 10**300
    assert parse_number("-1e-400").denominator == 10**400
    for text in ["1" * 4301, "1e" + "9" * 20, "1e-401", "0." + "0" * 400 + "1", "-1e301"]:
        with pytest.raises(tg.ParameterError):
            parse_number(text)


# ---------------------------------------------------------------------------- game files
def test_a_folder_is_not_a_missing_file(capsys, tmp_path):
    err = refused(capsys, "solve", tmp_path)
    assert "is a folder" in err and "no such file" not in err


def test_efg_errors_name_the_file(capsys, tmp_path):
    bad = tmp_path / "bad.efg"
    bad.write_text('EFG 2 R "bad" { "P1" "P2" }\n""\np "" 1 1 "" { "a" "b" 0\n')
    assert "bad.efg" in refused(capsys, "solve", bad)


def test_a_binary_file_is_refused(capsys, tmp_path):
    junk = tmp_path / "junk.nfg"
    junk.write_bytes(bytes(range(256)))
    assert "junk.nfg" in refused(capsys, "solve", junk)


def test_forty_players_are_refused(capsys, tmp_path):
    # Once NumPy's "only supports up to 32 dimensions" RuntimeError: exit 1.
    n = 40
    players = " ".join(f'"P{i}"' for i in range(n))
    path = tmp_path / "forty.nfg"
    path.write_text(f'NFG 1 R "forty" {{ {players} }} {{ {" ".join(["1"] * n)} }}\n{" ".join(["0"] * n)}\n')
    assert "forty.nfg" in refused(capsys, "solve", path)


def test_a_very_deep_tree_is_refused(capsys, tmp_path):
    # Once a RecursionError: exit 1.
    path = tmp_path / "deep.efg"
    path.write_text(chain_efg(3000))
    assert "deep.efg" in refused(capsys, "solve", path)


def test_a_payoff_beyond_the_float_range_is_refused_before_anything_is_printed(capsys, tmp_path):
    # Once the title and part of the table were printed, then an OverflowError (exit 1).
    path = tmp_path / "big.nfg"
    path.write_text('NFG 1 R "big" { "A" "B" } { 2 2 }\n1e400 0 0 1 1 0 0 1\n')
    err = refused(capsys, "solve", path)
    assert "big.nfg" in err and "1e400" in err


def test_a_budget_exceeded_in_the_library_is_one_line(capsys, tmp_path):
    # 25 moves of player 1: 2**25 pure strategies, beyond the strategic form's max_profiles (BudgetExceededError).
    # The subgame-perfect equilibrium is found first, but nothing is printed before the error.
    path = tmp_path / "chain.efg"
    path.write_text(chain_efg(25))
    assert "33554432" in refused(capsys, "solve", path)


def test_memory_errors_are_bad_input_not_bugs(capsys, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("trigame.viz.report.solve_model", exhausted)
    assert "out of memory" in refused(capsys, "solve", "QuasiAlliance")


# ---------------------------------------------------------------------------- presets
def test_an_ambiguous_preset_lists_its_matches(capsys):
    err = refused(capsys, "solve", "QuasiAlliance", "--preset", "19")
    assert "ambiguous" in err and "1969-71 Nixon Doctrine; 1972-74 detente; 1975-79 Carter withdrawal plan" in err


def test_regimes_take_a_preset(capsys):
    scenario = next(s for s in QuasiAlliance.scenarios if s.name == "1972-74 detente")
    code, out, err = run(capsys, "regimes", "QuasiAlliance", "--preset", "1972", "--json")
    assert code == 0, err
    data = json.loads(out)
    # The preset's values are pinned; --set overrides one of them.
    assert data["fixed"] == {k: int(v) if Fraction(v).denominator == 1 else str(Fraction(v))
                             for k, v in scenario.values.items()}
    assert not set(scenario.values) & set(data["free"])
    code, out, err = run(capsys, "regimes", "QuasiAlliance", "--preset", "1972", "--set", "fear_rok=1/2", "--json")
    assert code == 0, err
    assert json.loads(out)["fixed"]["fear_rok"] == "1/2"


# ---------------------------------------------------------------------------- sweeps beyond the budgets
def test_a_billion_points_are_refused_up_front(capsys, tmp_path):
    err = refused(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:1000000000", "--out", tmp_path / "a.csv")
    assert "1,000,000,000 grid points" in err and "--max-points" in err
    assert not list(tmp_path.iterdir())


def test_a_picture_over_the_memory_budget_is_refused_with_the_estimate(capsys, tmp_path):
    err = refused(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:1000000", "--out", tmp_path / "a.png",
                  "--max-memory", "100M")
    assert "needs about" in err and "over the budget of 100.0 MiB" in err and "--out FILE.csv" in err
    err = refused(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:3000", "--y", "fear_rok=0:1:3000",
                  "--out", tmp_path / "a.png")
    assert "9,000,000 grid points" in err and "--out FILE.csv" in err
    assert not list(tmp_path.iterdir())


def test_a_table_larger_than_the_free_disk_is_refused(capsys, tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("shutil.disk_usage", lambda path: usage(2**30, 2**30 - 2**20, 2**20))
    err = refused(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:100000000", "--out", tmp_path / "a.csv")
    assert "of disk" in err and "1.0 MiB free" in err
    assert not list(tmp_path.iterdir())


def test_a_budget_too_small_for_one_point_is_refused(capsys, tmp_path):
    err = refused(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:11", "--out", tmp_path / "a.csv",
                  "--max-memory", "1K")
    assert "one grid point" in err


@pytest.mark.parametrize("size", ["lots", "0", "-5M", "1e999999999"])
def test_bad_memory_budgets_are_refused(capsys, tmp_path, size):
    code, out, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:11", "--out", tmp_path / "a.csv",
                         "--max-memory", size)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_csv_sweeps_stream_in_bounded_memory(capsys, tmp_path):
    # Warm up (imports), so that only the sweep itself is measured.
    assert run(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:3", "--out", tmp_path / "w.csv")[0] == 0
    out = tmp_path / "s.csv"
    budget = 4 * 2**20
    tracemalloc.start()
    try:
        code, _, err = run(capsys, "sweep", "QuasiAlliance", "--x", "fear_japan=0:1:2000", "--set", "fear_rok=1",
                           "--out", out, "--max-memory", "4M", "--no-progress")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 0, err
    # With fear_rok = 1 most points have three equilibria: some 30 rows and 3.5 KB of text per point, so the
    # whole table (as text alone) is larger than the budget; the sweep never held it.
    assert out.stat().st_size > budget
    assert peak < budget, f"peak {peak / 2**20:.1f} MiB"
    assert not (tmp_path / "s.csv.partial").exists()


@pytest.mark.parametrize(
    ("axes", "fixed"),
    [
        (["--x", "fear_japan=0:1:257"], ["--set", "fear_rok=1"]),
        # A row of 300 points is longer than a block: rows are cut too.
        (["--x", "fear_japan=0.25:1:7", "--y", "fear_rok=0:1:300"], []),
    ],
)
def test_a_streamed_table_is_the_whole_grid_table(capsys, tmp_path, axes, fixed):
    out = tmp_path / "s.csv"
    code, text, err = run(capsys, "sweep", "QuasiAlliance", *axes, *fixed, "--out", out, "--max-memory", "1M")
    assert code == 0, err
    # The library's sweep of the whole grid, with numpy.linspace axes, is the reference.
    grid = {}
    for spec in axes[1::2]:
        name, rng = spec.split("=")
        lo, hi, n = rng.split(":")
        grid[name] = np.linspace(float(lo), float(hi), int(n))
    values = {k: float(v) for k, v in (s.split("=") for s in fixed[1::2])}
    whole = sweep(QuasiAlliance, grid=grid, fixed=values)
    streamed = pd.read_csv(out)
    pd.testing.assert_frame_equal(streamed, pd.read_csv(io.StringIO(whole.to_pandas().to_csv(index=False))))
    # The shares printed are those of the whole grid.
    codes = whole.label_codes.ravel()
    for k, label in enumerate(whole.label_set):
        assert f"{(codes == k).mean():7.1%}  {label}\n" in text


@pytest.mark.parametrize("resolution", ["100000", "1", "-3"])
def test_report_resolution_is_bounded(capsys, tmp_path, resolution):
    err = refused(capsys, "report", "--out", tmp_path / "r", "--resolution", resolution)
    assert "between 2 and 2000" in err
    assert not (tmp_path / "r").exists()
