"""Fuzzing the .efg reader: any input gives a tree or a TrigameError; whatever is read can be written back."""

from __future__ import annotations

import re
from importlib.resources import files

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_tree_properties import trees
from trigame.errors import TrigameError
from trigame.games.tree import GameTree
from trigame.io.efg import format_efg, parse_efg

ENTRY = """EFG 2 R "Entry \\"deterrence\\"" { "Entrant" "Incumbent" }
"A comment"

p "root" 1 1 "E" { "Out" "In" } 0
t "" 1 "stay out" { 0, 2 }
p "" 2 1 "I" { "Fight" "Accommodate" } 0
t "" 2 "war" { -1 -1 }
t "" 3 "peace" { 1.5, 1 }
"""
#: Chance, an information set of two nodes (given once with its actions), a reused outcome, an outcome above a leaf.
GUESS = """EFG 2 R "" { "A" "B" }
c "" 1 "" { "H" 1/3 "T" 2/3 } 1 "bonus" { 1 1 }
p "" 2 1 "guess" { "h" "t" } 0
t "" 2 "right" { 0 5 }
t "" 3 "" { 0 0 }
p "" 2 1 { "h" "t" } 0
t "" 3 "" { 0 0 }
t "" 2 { 0 5 }
"""
#: Simultaneous moves: B does not see A's move; decimals and exponents.
MATCHING = """EFG 2 D "matching pennies" { "A" "B" } ""
p "" 1 1 "a" { "H" "T" } 0
p "" 2 1 "b" { "H" "T" } 0
t "" 1 "" { 1.0, -1e0 }
t "" 2 "" { -1, 1 }
p "" 2 1 "b" { "H" "T" } 0
t "" 3 "" { -.5 0.5 }
t "" 4 "" { 1 -1 }
"""
SEEDS = [ENTRY, GUESS, MATCHING, (files("trigame") / "data" / "china_veto.efg").read_text(encoding="utf-8")]
#: Tokens that matter to the grammar, and numbers at and past the bounds of what is read.
TOKENS = ["EFG", "2", "R", "D", "c", "p", "t", "{", "}", ",", '""', '"x"', '"\\""', "0", "1", "2", "3/2", "-.5",
          "1e-3", "1/0", "NaN", "inf", "-Infinity", "\u00b2", "\u0663", "1\u00b2", "9" * 5000, "1e9999", "1e-9999",
          "9" * 4000, "1e3999", "1/" + "7" * 4001, "0x10", "1_000", "99999999999999999999999999999999999999"]
EFG_ALPHABET = 'EFG2RDcpt0123456789{}",\\/.-+eE _\n\t'


def parse_or_error(text: str | bytes) -> GameTree | None:
    """Parse; a TrigameError is an acceptable answer, any other exception fails the test.

    A tree that is read must print and be written back to a file that reads
    back to the same payoffs.
    """
    try:
        tree = parse_efg(text)
    except TrigameError as exc:
        assert str(exc), "errors must carry a message"
        return None
    assert isinstance(tree, GameTree) and tree.kind == "exact"
    assert repr(tree) and tree.text()
    again = parse_efg(format_efg(tree))
    assert again.terminals() == tree.terminals()
    assert [i.actions for i in again.information_sets] == [i.actions for i in tree.information_sets]
    return tree


_PIECE = re.compile(r'"(?:\\.|[^"\\])*"|\S+')


def mutate(text: str, data: st.DataObject) -> str:
    """A few random edits: delete, duplicate, replace or swap tokens, change a number, insert text, truncate."""
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        pieces = _PIECE.findall(text)
        operation = data.draw(st.sampled_from(["delete", "duplicate", "replace", "swap", "number", "insert",
                                               "truncate"]))
        if operation == "insert" or not pieces:
            at = data.draw(st.integers(0, len(text)))
            piece = data.draw(st.sampled_from(TOKENS) | st.text(alphabet=EFG_ALPHABET, max_size=5))
            text = text[:at] + piece + text[at:]
            continue
        if operation == "truncate":
            text = text[: data.draw(st.integers(0, len(text)))]
            continue
        a = data.draw(st.integers(0, len(pieces) - 1))
        if operation == "delete":
            del pieces[a]
        elif operation == "duplicate":
            pieces.insert(data.draw(st.integers(0, len(pieces))), pieces[a])
        elif operation == "replace":
            pieces[a] = data.draw(st.sampled_from(TOKENS))
        elif operation == "swap":
            b = data.draw(st.integers(0, len(pieces) - 1))
            pieces[a], pieces[b] = pieces[b], pieces[a]
        else:  # change one of the numbers
            numbers = [k for k, p in enumerate(pieces) if re.fullmatch(r"[-+.0-9/eE]+", p)]
            if numbers:
                k = data.draw(st.sampled_from(numbers))
                pieces[k] = data.draw(st.sampled_from(TOKENS[14:]) | st.integers(-(10**30), 10**30).map(str))
        text = " ".join(pieces)  # line breaks go; the grammar does not need them
    return text


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_files(seed: str, data: st.DataObject) -> None:
    parse_or_error(mutate(seed, data))


@settings(max_examples=60, deadline=None)
@given(trees(max_depth=2), st.data())
def test_mutated_generated_files(tree: GameTree, data: st.DataObject) -> None:
    parse_or_error(mutate(format_efg(tree), data))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TOKENS) | st.integers(-3, 5).map(str), max_size=40))
def test_token_soup(tokens: list[str]) -> None:
    parse_or_error('EFG 2 R "t" { "A" "B" } ' + " ".join(tokens))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=EFG_ALPHABET, max_size=200) | st.text(max_size=50) | st.binary(max_size=50))
def test_random_text(text: str | bytes) -> None:
    parse_or_error(text if isinstance(text, bytes) else "EFG 2 R " + text)


def test_the_seeds_are_valid() -> None:
    for seed in SEEDS:
        assert parse_or_error(seed) is not None
