"""Gambit .nfg files: the reader against pygambit's on Gambit's own games, hand-checked files, errors, writing."""

from __future__ import annotations

from fractions import Fraction
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

import trigame as tg
from trigame.errors import NFGFormatError, ParameterError, TrigameError, UnsupportedGameError
from trigame.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

from .conftest import gambit_files

F = Fraction
GAMBIT = gambit_files()
ALLIANCE = Path(str(files("trigame") / "data" / "alliance_security_dilemma.nfg"))


def _pygambit_view(path: Path) -> tuple[str, list[str], list[list[str]], dict[tuple[int, ...], list[Fraction]]]:
    """Title, labels and every payoff as pygambit reads them (independently of trigame's converters)."""
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_nfg(str(path))
    players = list(g.players)
    strategies = [list(p.strategies) for p in players]
    payoffs = {}
    for index in np.ndindex(*[len(s) for s in strategies]):
        cell = g[tuple(own[k] for own, k in zip(strategies, index))]
        # Rational is a Fraction subclass; "D" files give decimal.Decimal -- both convert exactly
        payoffs[index] = [Fraction(cell[p]) for p in players]
    return g.title, [p.label for p in players], [[s.label for s in own] for own in strategies], payoffs


# ---------------------------------------------------------------------- Gambit's own games
@pytest.mark.skipif(not GAMBIT, reason="the Gambit game collection is not present")
@pytest.mark.parametrize("path", GAMBIT, ids=lambda p: p.stem)
def test_gambit_file_matches_pygambit(path: Path) -> None:
    game = read_nfg(path)
    assert game.kind == "exact"
    title, players, strategies, payoffs = _pygambit_view(path)
    assert game.title == title
    assert list(game.players) == players
    assert [list(s) for s in game.strategies] == strategies
    for index, values in payoffs.items():
        mine = [game.payoffs[(i, *index)] for i in range(game.n_players)]
        assert all(type(v) is Fraction for v in mine)
        assert mine == values, f"profile {index}"


@pytest.mark.skipif(not GAMBIT, reason="the Gambit game collection is not present")
@pytest.mark.parametrize("path", GAMBIT, ids=lambda p: p.stem)
def test_gambit_file_round_trip(path: Path) -> None:
    game = read_nfg(path)
    again = parse_nfg(format_nfg(game))
    assert again == game
    assert again.title == game.title


@pytest.mark.skipif(not GAMBIT, reason="the Gambit game collection is not present")
def test_written_files_are_read_by_pygambit(tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    for path in [*GAMBIT[::6], ALLIANCE]:
        game = read_nfg(path)
        out = tmp_path / path.name
        write_nfg(game, out)
        title, players, strategies, payoffs = _pygambit_view(out)
        assert (title, players, strategies) == (game.title, list(game.players), [list(s) for s in game.strategies])
        for index, values in payoffs.items():
            assert values == [game.payoffs[(i, *index)] for i in range(game.n_players)]
    assert gbt is not None


def test_written_float_games_are_read_by_pygambit(tmp_path: Path) -> None:
    pytest.importorskip("pygambit")
    # Gambit cannot read "1e+20"; the writer must give "1e20"
    game = tg.NormalFormGame.from_arrays([[0.1, 1e20], [5e-324, -2.5]], [[1 / 3, 1e-7], [7.0, -1e300]])
    out = tmp_path / "floats.nfg"
    write_nfg(game, out)
    assert "e+" not in out.read_text()
    _, _, _, payoffs = _pygambit_view(out)
    for index, values in payoffs.items():
        assert [float(v) for v in values] == [game.payoffs[(i, *index)] for i in range(2)]


def test_gambit_ordering_on_a_catalogue_file(gambit_dir: Path) -> None:
    # McKelvey-McLennan 2x2x2 (contrib/games/2x2x2.nfg): outcomes 1..8 are listed for the
    # profiles (1,1,1), (2,1,1), (1,2,1), (2,2,1), (1,1,2), ... -- player 1 changes fastest.
    # Outcome 4 = (9, 8, 2) therefore belongs to profile (2, 2, 1), outcome 6 = (3, 4, 6) to (2, 1, 2).
    game = read_nfg(gambit_dir / "contrib__games__2x2x2.nfg")
    assert [game.payoffs[(i, 1, 1, 0)] for i in range(3)] == [9, 8, 2]
    assert [game.payoffs[(i, 1, 0, 1)] for i in range(3)] == [3, 4, 6]
    assert [game.payoffs[(i, 0, 0, 0)] for i in range(3)] == [9, 8, 12]
    assert [game.payoffs[(i, 0, 1, 0)] for i in range(3)] == [0, 0, 0]


def test_gambit_repeated_labels_renamed_like_gambit(gambit_dir: Path) -> None:
    # { "defect" "defect" } becomes defect_1, defect_2 in Gambit; "" "" players become _1, _2
    game = read_nfg(gambit_dir / "tests__test_games__2x2_bimatrix_all_zero_payoffs.nfg")
    assert game.strategies[1] == ("defect_1", "defect_2")
    assert read_nfg(gambit_dir / "contrib__games__sww1.nfg").players == ("_1", "_2")
    with pytest.raises(NFGFormatError, match=r"line 4.*'defect' repeats"):
        read_nfg(gambit_dir / "tests__test_games__2x2_bimatrix_all_zero_payoffs.nfg", duplicate_labels="error")


# ---------------------------------------------------------------------- hand-written files
def test_payoff_version_with_counts() -> None:
    # A 2x3 game; the 6 profiles come with player 1 fastest:
    #   (1,1) (2,1) (1,2) (2,2) (1,3) (2,3), each followed by (u1, u2).
    text = """NFG 1 R "two by three" { "Row" "Column" } { 2 3 }

    11 -11   21 -21   12 -12   22 -22   13 -13   23 -23
    """
    game = parse_nfg(text)
    assert game.title == "two by three"
    assert game.players == ("Row", "Column")
    assert game.strategies == (("1", "2"), ("1", "2", "3"))
    # with this encoding u1(r, c) = 10 r + c and u2 = -u1
    for r in range(2):
        for c in range(3):
            assert game.payoffs[0, r, c] == 10 * (r + 1) + (c + 1)
            assert game.payoffs[1, r, c] == -(10 * (r + 1) + (c + 1))


def test_outcome_version_with_null_outcome_and_commas() -> None:
    # Outcome indices per profile (player 1 fastest): (T,L)->1, (B,L)->0, (T,R)->2, (B,R)->1.
    # Index 0 is the null outcome: payoffs (0, 0).  Commas between payoffs are optional.
    text = """NFG 1 R "outcomes" { "P1" "P2" }
    { { "T" "B" } { "L" "R" } }
    "a comment with { braces } and 1 2 3 numbers"
    {
    { "win" 5, -5 }
    { "draw" 1 1, }
    }
    1 0 2 1
    """
    game = parse_nfg(text)
    assert game.payoff_array("P1").tolist() == [[5, 1], [0, 5]]
    assert game.payoff_array("P2").tolist() == [[-5, 1], [0, -5]]


def test_three_players_each_payoff_in_place() -> None:
    # Profile k (0-based, player 1 fastest) of a 2x2x2 game is (k % 2, (k // 2) % 2, k // 4);
    # give player i in profile k the payoff 100 * i + k so every entry is distinct.
    numbers = " ".join(f"{100 * i + k}" for k in range(8) for i in range(3))
    game = parse_nfg(f'NFG 1 R "" {{ "a" "b" "c" }} {{ 2 2 2 }} {numbers}')
    for k in range(8):
        s = (k % 2, (k // 2) % 2, k // 4)
        for i in range(3):
            assert game.payoffs[(i, *s)] == 100 * i + k


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3/2", F(3, 2)),
        ("-6/4", F(-3, 2)),
        ("1.5", F(3, 2)),
        ("1e-3", F(1, 1000)),
        ("2.5E2", F(250)),
        ("-.25", F(-1, 4)),
        ("+7", F(7)),
        ("0.1", F(1, 10)),
        ("1.", F(1)),
        ("-0.000000", F(0)),
    ],
)
def test_numbers_are_exact(token: str, value: Fraction) -> None:
    game = parse_nfg(f'NFG 1 D "" {{ "only" }} {{ 1 }} {token}')
    assert game.payoffs[0, 0] == value
    assert type(game.payoffs[0, 0]) is Fraction


def test_labels_with_escaped_quotes_and_backslashes() -> None:
    text = r'''NFG 1 R "The \"big\" game" { "Mr. \"X\"" "C:\\dir" }
    { { "a\"b" "plain" } { "back\\" "odd\q" } }
    1 2 3 4 5 6 7 8'''
    game = parse_nfg(text)
    assert game.title == 'The "big" game'
    assert game.players == ('Mr. "X"', "C:\\dir")
    # \" is a quote, \\ a backslash, any other backslash stays as it is
    assert game.strategies == (('a"b', "plain"), ("back\\", "odd\\q"))
    assert parse_nfg(format_nfg(game)) == game


def test_kind_option() -> None:
    text = 'NFG 1 R "" { "A" "B" } { 1 2 } 1/4 1 3 2'
    assert parse_nfg(text, kind="float").payoffs.tolist() == [[[0.25, 3.0]], [[1.0, 2.0]]]
    assert parse_nfg(text, kind="float").kind == "float"
    with pytest.raises(ParameterError):
        parse_nfg(text, kind="decimal")  # type: ignore[arg-type]


def test_bytes_and_files(tmp_path: Path) -> None:
    text = 'NFG 1 R "caf\u00e9" { "\u00c9" } { 2 } 1 2'
    assert parse_nfg(text.encode("utf-8")).title == "caf\u00e9"
    assert parse_nfg(text.encode("latin-1")).players == ("\u00c9",)
    path = tmp_path / "g.nfg"
    path.write_text("NFG 1 R")
    with pytest.raises(NFGFormatError, match=r"g\.nfg"):
        read_nfg(path)


# ---------------------------------------------------------------------- the shipped example
def test_alliance_example() -> None:
    # Snyder's alliance game, models.md 1.3(b): (S,S) = (b-e, b-e), (S,W) = (-e, b),
    # (W,S) = (b, -e), (W,W) = (-A, -A) with b = 3, e = 1, A = 2.
    b, e, a = 3, 1, 2
    game = read_nfg(ALLIANCE)
    assert game.players == ("United States", "South Korea")
    assert game.strategies == (("Strong", "Weak"), ("Strong", "Weak"))
    assert game.payoff_array(0).tolist() == [[b - e, -e], [b, -a]]
    assert game.payoff_array(1).tolist() == [[b - e, b], [-e, -a]]
    # Chicken regime A > e > 0: (S, W), (W, S) and each plays Strong with 1 - e/A = 1/2
    assert tg.is_nash(game, ["Strong", "Weak"]) and tg.is_nash(game, ["Weak", "Strong"])
    half = [F(1, 2), F(1, 2)]
    assert tg.is_nash(game, [half, half])
    assert not tg.is_nash(game, ["Strong", "Strong"]) and not tg.is_nash(game, ["Weak", "Weak"])


# ---------------------------------------------------------------------- writing
def test_format_exact_and_float() -> None:
    exact = tg.NormalFormGame.from_arrays([[F(1, 3), -2], [0, 5]], [[1, F(-7, 2)], [0, 0]], title="t")
    text = format_nfg(exact)
    assert text.startswith('NFG 1 R "t" { "Player 1" "Player 2" }')
    # rows are profiles (1,1), (2,1), (1,2), (2,2) with (u1, u2)
    assert text.strip().splitlines()[-4:] == ["1/3 1", "0 0", "-2 -7/2", "5 0"]

    values = [[0.1, 1e-05], [1e20, -2.5]]
    floats = tg.NormalFormGame.from_arrays(values, [[1 / 3, 2.0], [0.0, 7.25]])
    again = parse_nfg(format_nfg(floats))
    assert again.kind == "exact"
    assert again.payoffs[0, 0, 0] == F(1, 10)  # the decimal 0.1, as written
    assert again.as_float() == floats  # and exactly the same floats
    assert parse_nfg(format_nfg(floats), kind="float") == floats
    assert "NFG 1 D" in format_nfg(floats)


def test_format_comment_and_escaping() -> None:
    game = tg.NormalFormGame([[1]], players=['say "hi"'], strategies=[["a\\b"]], title='"q"')
    text = format_nfg(game, comment='note "x"')
    assert '"\\"q\\""' in text and '"say \\"hi\\""' in text and '"a\\\\b"' in text and '"note \\"x\\""' in text
    assert parse_nfg(text) == game


def test_symbolic_games_are_refused() -> None:
    sp = pytest.importorskip("sympy")
    x = sp.Symbol("x")
    game = tg.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    with pytest.raises(UnsupportedGameError, match="subs"):
        format_nfg(game)


# ---------------------------------------------------------------------- errors
HEAD = 'NFG 1 R "g" { "A" "B" } { 2 2 }\n'
# 70 players with one strategy each: more axes than a NumPy array can have
TOO_MANY_PLAYERS = 'NFG 1 R "g" { ' + " ".join(f'"p{k}"' for k in range(70)) + " } { " + "1 " * 70 + "} " + "0 " * 70


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected 'NFG'"),
        ("EFG 2 R", "expected 'NFG'"),
        ('NFG 2 R "g" { "A" } { 1 } 0', "unsupported NFG version '2'"),
        ('NFG 1 X "g" { "A" } { 1 } 0', "data type"),
        ("NFG 1 R { }", "title"),
        ('NFG 1 R "g" { } { }', "list of players is empty"),
        ('NFG 1 R "g" { "A" "B" } { 2 0 } 1', "player 2 has no strategy"),
        ('NFG 1 R "g" { "A" "B" } { { "x" } }', "strategy labels of player 2"),
        ('NFG 1 R "g" { "A" } { { } } 1', "player 1 has no strategy"),
        ('NFG 1 R "g" { "A" "B" } { 2 2', "closing the strategy counts"),
        (HEAD + "1 2 3 4 5 6 7", "expected 8 payoffs"),  # truncated: one payoff short
        (HEAD + "1 2 3 4 5 6 7 8 9", "end of the input after the last payoff"),
        (HEAD + "1 2 3 4 5 6 7 x", "payoff 8 of 8"),
        (HEAD + "1 2 3 4 5 6 7 1.2.3", "payoff 8 of 8"),
        (HEAD + "1 2 3 4 5 6 7 1/0", "zero denominator"),
        (HEAD + "1 2 3 4 5 6 7 1e999999", "exponent"),
        (HEAD + "1 2 3 4 5 6 7 " + "9" * 5000, "cannot read the number"),
        (HEAD + "1 2 3 4 5 6 7 3/-2", "payoff 8 of 8"),
        (HEAD + '{ { "o" 1 2 } } 1 1 1 3', "outcome index 3 is out of range"),
        (HEAD + '{ { "o" 1 2 } } 1 1 1', "expected 4 outcome indices"),
        (HEAD + '{ { "o" 1 2 } } 1 1 1 -1', "outcome index 4 of 4"),
        (HEAD + '{ { "o" 1 } } 1 1 1 1', "payoff of player 2 in outcome 1"),
        (HEAD + '{ { "o" 1 2 3 } } 1 1 1 1', "closing outcome 1"),
        (HEAD + '{ { 1 2 } } 1 1 1 1', "name of outcome 1"),
        (HEAD + '{ { "o" 1 2 } 1 1 1 1', "closing the outcome list"),
        ('NFG 1 R "g', "unterminated string"),
        ('NFG 1 R "g" { "A \\" } { 1 } 1', "unterminated string"),
        ('NFG 1 R "g" { "A" "A" } { 1 1 } 1 2', "player names must be distinct"),
        ('NFG 1 R "g" { "A" "B" } { { "x" "x" } { "y" } } 1 2 3 4', "strategy labels of 'A' must be distinct"),
        ('NFG 1 R "g" { "A" } { 99999999999999999999 } 1', "expected 99999999999999999999 payoffs"),
        ('NFG 1 R "g" { "A" } { 1 } } 1', "first payoff"),
        (TOO_MANY_PLAYERS, "cannot be stored"),
    ],
)
def test_malformed_input(text: str, message: str) -> None:
    with pytest.raises(NFGFormatError, match=message) as info:
        parse_nfg(text, duplicate_labels="error")
    assert isinstance(info.value, TrigameError)
    assert "line" in str(info.value) or "cannot be stored" in str(info.value)


def test_error_positions() -> None:
    text = HEAD + "1 2 3\n4 5 oops 7 8"
    with pytest.raises(NFGFormatError, match=r"line 3, column 5: expected payoff 6 of 8 .*found 'oops'"):
        parse_nfg(text)


# ---------------------------------------------------------------------- hostile input
@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("1e9999", "exponent"),  # 10**9999 has more digits than Python prints
        ("1e-4001", "exponent"),
        ("1e4000", "more than 4000 digits"),  # 10**4000 has 4,001 digits
        ("1" + "0" * 4000, "more than 4000 digits"),
        ("1/" + "3" * 4001, "more than 4000 digits"),
        ("1" + "0" * 3999 + "e1", "more than 4000 digits"),  # short text, value of 4,001 digits
        ("\u0663", "payoff 8 of 8"),  # ARABIC-INDIC DIGIT THREE: not an ASCII digit
        ("1\u00b2", "payoff 8 of 8"),  # SUPERSCRIPT TWO
    ],
)
def test_numbers_are_bounded_and_ascii(token: str, message: str) -> None:
    with pytest.raises(NFGFormatError, match=message) as info:
        parse_nfg(HEAD + "1 2 3 4 5 6 7 " + token)
    assert "line 2, column 15" in str(info.value)


@pytest.mark.parametrize("token", ["9" * 4000, "-1e3999", "1e-3999", "1/" + "7" * 4000, "." + "3" * 3999])
def test_the_largest_numbers_read_can_be_written_back(token: str) -> None:
    game = parse_nfg(HEAD + "1 2 3 4 5 6 7 " + token)
    value = game.payoffs[1, 1, 1]
    assert value == Fraction(token)
    assert parse_nfg(format_nfg(game)) == game
    assert str(value)  # printable


def test_numbers_the_writer_could_not_print_never_make_a_game() -> None:
    # the writer's own refusal of numbers over 4000 digits stays as a guard; such payoffs are refused on construction
    with pytest.raises(tg.PayoffValueError, match="at most 4000 digits"):
        tg.NormalFormGame([[F(10**5000)]])


def test_unreadable_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(NFGFormatError, match=r"missing\.nfg.*No such file"):
        read_nfg(tmp_path / "missing.nfg")
    with pytest.raises(NFGFormatError, match="directory"):
        read_nfg(tmp_path)
    with pytest.raises(NFGFormatError, match="path"):
        read_nfg(None)  # type: ignore[arg-type]
    bad = tmp_path / "bad.nfg"
    bad.write_text(HEAD + "1 2 3\n4 5 6 7 1e9999\n")
    with pytest.raises(NFGFormatError, match=r"bad\.nfg: line 3, column 9: .*exponent"):
        read_nfg(bad)
    with pytest.raises(ParameterError, match="cannot write"):
        write_nfg(tg.NormalFormGame([[1]]), tmp_path)


def test_reading_as_floats_keeps_the_floats() -> None:
    game = parse_nfg(HEAD + "0.1 2 3 4 5 6 7 1/3", kind="float")
    assert game.kind == "float" and game.payoffs[0, 0, 0] == 0.1 and game.payoffs[1, 1, 1] == 1 / 3
