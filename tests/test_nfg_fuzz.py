"""Fuzzing the .nfg reader: any input gives a game or a TrigameError; valid games survive format -> parse."""

from __future__ import annotations

from fractions import Fraction
from importlib.resources import files

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.errors import TrigameError
from trigame.io.nfg import format_nfg, parse_nfg

from .conftest import gambit_files

ALLIANCE_TEXT = (files("trigame") / "data" / "alliance_security_dilemma.nfg").read_text(encoding="utf-8")
SEEDS = [ALLIANCE_TEXT] + [path.read_text(encoding="utf-8") for path in gambit_files()]
#: Characters that matter to the grammar, so random text reaches deep into the parser.
NFG_ALPHABET = 'NFG1RD0123456789{}",\\/.-+eE _\n\t'
TOKENS = ["NFG", "1", "R", "D", "{", "}", ",", '""', '"x"', '"\\""', "0", "2", "3/2", "1e-3", "-.5", "1/0", "9" * 30,
          # numbers at and past the bounds of what is read, and digits that are not ASCII
          "9" * 4000, "9" * 4001, "1e3999", "1e4000", "1e-9999", "1/" + "7" * 4000, "\u0663", "1\u00b2", "NaN"]


def parse_or_error(text: str | bytes) -> tg.NormalFormGame | None:
    """Parse; a TrigameError is an acceptable answer, any other exception fails the test."""
    try:
        game = parse_nfg(text)
    except TrigameError as exc:
        assert str(exc), "errors must carry a message"
        return None
    assert isinstance(game, tg.NormalFormGame)
    assert game.kind == "exact"
    assert parse_nfg(format_nfg(game)) == game  # whatever is read can be written back
    return game


@settings(max_examples=200)
@given(st.text())
def test_random_text(text: str) -> None:
    parse_or_error(text)


@settings(max_examples=200)
@given(st.binary())
def test_random_bytes(data: bytes) -> None:
    parse_or_error(data)


@settings(max_examples=300)
@given(st.text(alphabet=NFG_ALPHABET, max_size=200))
def test_text_over_the_format_alphabet(text: str) -> None:
    parse_or_error("NFG 1 R " + text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(TOKENS) | st.integers(-3, 5).map(str), max_size=40))
def test_token_soup(tokens: list[str]) -> None:
    parse_or_error('NFG 1 R "t" ' + " ".join(tokens))


# ---------------------------------------------------------------------- mutations of valid files
def _mutate(text: str, data: st.DataObject) -> str:
    """Apply a few random edits: delete a span, insert text, swap two tokens, duplicate a token, truncate."""
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        operation = data.draw(st.sampled_from(["delete", "insert", "swap", "duplicate", "truncate"]))
        n = len(text)
        if operation == "delete" and n:
            start = data.draw(st.integers(0, n - 1))
            text = text[:start] + text[start + data.draw(st.integers(1, 12)) :]
        elif operation == "insert":
            at = data.draw(st.integers(0, n))
            piece = data.draw(st.sampled_from(TOKENS) | st.text(alphabet=NFG_ALPHABET, max_size=5))
            text = text[:at] + piece + text[at:]
        elif operation in ("swap", "duplicate"):
            words = text.split(" ")
            if len(words) > 1:
                a = data.draw(st.integers(0, len(words) - 1))
                b = data.draw(st.integers(0, len(words) - 1))
                if operation == "swap":
                    words[a], words[b] = words[b], words[a]
                else:
                    words.insert(b, words[a])
                text = " ".join(words)
        elif operation == "truncate":
            text = text[: data.draw(st.integers(0, n))]
    return text


@settings(max_examples=300)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_real_files(seed: str, data: st.DataObject) -> None:
    parse_or_error(_mutate(seed, data))


# ---------------------------------------------------------------------- generated valid games
labels = st.text(max_size=8)
exact_payoffs = st.fractions(max_denominator=1000) | st.integers(-(10**30), 10**30).map(Fraction)
float_payoffs = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def games(draw: st.DrawFn, kind: str = "exact") -> tg.NormalFormGame:
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    values = draw(st.lists(exact_payoffs if kind == "exact" else float_payoffs, min_size=size, max_size=size))
    payoffs = np.array(values, dtype=object if kind == "exact" else float).reshape((n, *shape))
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(labels, min_size=m, max_size=m, unique=True)) for m in shape]
    return tg.NormalFormGame(payoffs, players, strategies, title=draw(st.text(max_size=20)))


@given(games(), st.text(max_size=20))
def test_exact_round_trip(game: tg.NormalFormGame, comment: str) -> None:
    again = parse_nfg(format_nfg(game, comment=comment))
    assert again == game
    assert again.title == game.title


@given(games(kind="float"))
def test_float_round_trip(game: tg.NormalFormGame) -> None:
    again = parse_nfg(format_nfg(game))
    assert again.kind == "exact"
    # the decimals written are the shortest that read back to the same floats
    assert again.as_float() == game
    assert again.title == game.title


@settings(max_examples=100)
@given(games(), st.data())
def test_mutated_generated_files(game: tg.NormalFormGame, data: st.DataObject) -> None:
    parse_or_error(_mutate(format_nfg(game), data))
