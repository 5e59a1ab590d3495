"""The ``.nfg`` reader: a tokenizer and a recursive-descent parser over its tokens.

The grammar is the one in :mod:`trigame.io.nfg`'s docstring (Gambit manual,
"The strategic game (.nfg) file format"); :func:`trigame.io.nfg.parse_nfg` is
the public entry point.  Tokens are produced one at a time, so a file of
millions of payoffs is never held as a list of tokens, and the size of the
game, known from the header, is checked against the memory budget before any
payoff is read.  Every error names what was expected and where (line, column).

Examples
--------
>>> game, comment = _Parser('NFG 1 R "" { "A" "B" } { 1 2 } "note" 1 2 3 4').game()
>>> game.shape, comment
((1, 2), 'note')
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import Kind
from trigame.budget import check_memory
from trigame.errors import NFGFormatError
from trigame.games.normal_form import NormalFormGame
from trigame.io._gambit import _DECIMAL, _INDEX, _RATIONAL, _normalize_labels, read_number

# A "word" is a maximal run of characters that are neither blanks nor one of the
# single-character tokens; it is then classified as a number or a bare symbol.
_WORD = re.compile(r'[^\s{},"]+')
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", ",", "string", "word" or "eof"
    text: str  # the word, or the unescaped string
    offset: int  # position of the token's first character in the input


def _describe(token: _Token) -> str:
    """How a token is named in an error message."""
    if token.kind == "eof":
        return "the end of the input"
    if token.kind == "string":
        text = token.text if len(token.text) <= 30 else token.text[:27] + "..."
        return f"the string {text!r}"
    if token.kind == "word":
        text = token.text if len(token.text) <= 30 else token.text[:27] + "..."
        return f"{text!r}"
    return f"'{token.kind}'"


class _Tokenizer:
    """Split ``.nfg`` text into tokens, remembering where each one starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, offset: int) -> str:
        """``"line L, column C"`` (both from 1) of an offset into the text."""
        line = bisect.bisect_right(self._line_starts, offset)
        column = offset - self._line_starts[line - 1] + 1
        return f"line {line}, column {column}"

    def tokens(self) -> Iterator[_Token]:
        """The tokens one by one (a file of millions of payoffs is never held as a list of tokens)."""
        text = self.text
        pos = 0
        end = len(text)
        while True:
            blank = _SPACE.match(text, pos)
            if blank:
                pos = blank.end()
            if pos >= end:
                yield _Token("eof", "", end)
                return
            char = text[pos]
            if char in "{},":
                yield _Token(char, char, pos)
                pos += 1
            elif char == '"':
                value, pos_after = self._string(pos)
                yield _Token("string", value, pos)
                pos = pos_after
            else:
                word = _WORD.match(text, pos)
                assert word is not None  # a non-blank character that is not a delimiter
                yield _Token("word", word.group(), pos)
                pos = word.end()

    def _string(self, start: int) -> tuple[str, int]:
        """Unescape the string whose opening quote is at ``start``; return it and the offset after it."""
        text = self.text
        pieces: list[str] = []
        pos = start + 1
        while True:
            stop = text.find('"', pos)
            slash = text.find("\\", pos)
            if stop < 0:
                raise NFGFormatError(
                    f"{self.where(start)}: unterminated string; expected a closing '\"' before the end of the input"
                )
            if 0 <= slash < stop:
                pieces.append(text[pos:slash])
                following = text[slash + 1 : slash + 2]
                if following in ('"', "\\"):
                    pieces.append(following)
                    pos = slash + 2
                else:  # any other backslash stands for itself
                    pieces.append("\\")
                    pos = slash + 1
                continue
            pieces.append(text[pos:stop])
            return "".join(pieces), stop + 1


class _Parser:
    """Recursive-descent parser over the token list (the grammar is in the module docstring)."""

    def __init__(
        self, text: str, rename_duplicates: bool = True, kind: Kind | None = None, max_memory: int | None = None
    ) -> None:
        self.rename_duplicates = rename_duplicates
        self.kind = kind
        self.max_memory = max_memory
        self.lexer = _Tokenizer(text)
        self.stream = self.lexer.tokens()
        self.current = next(self.stream)
        #: The string tokens of each player's strategy labels (for error positions).
        self.strategy_tokens: list[list[_Token]] = []

    # ------------------------------------------------------------------ token helpers
    def advance(self) -> _Token:
        token = self.current
        if token.kind != "eof":
            self.current = next(self.stream)
        return token

    def fail(self, expected: str, token: _Token | None = None) -> NFGFormatError:
        token = self.current if token is None else token
        return NFGFormatError(f"{self.lexer.where(token.offset)}: expected {expected}, found {_describe(token)}")

    def expect(self, kind: str, expected: str) -> _Token:
        if self.current.kind != kind:
            raise self.fail(expected)
        return self.advance()

    def number(self, expected: str) -> Any:
        """Read one payoff exactly (see :func:`read_number`); a float when the game is read as floats."""
        token = self.current
        if token.kind != "word":
            raise self.fail(expected)
        text = token.text
        try:
            value = read_number(text)
        except ValueError as exc:
            if not (_DECIMAL.fullmatch(text) or _RATIONAL.fullmatch(text)):
                raise self.fail(f"{expected} (an integer, a fraction p/q or a decimal)") from None
            where = self.lexer.where(token.offset)
            raise NFGFormatError(f"{where}: cannot read the number {_describe(token)}: {exc}") from None
        self.advance()
        return float(value) if self.kind == "float" else value

    def count(self, expected: str) -> int:
        """Read a non-negative integer (a number of strategies or an outcome index)."""
        token = self.current
        if token.kind != "word" or not _INDEX.fullmatch(token.text):
            raise self.fail(expected)
        if len(token.text) > 30:
            where = self.lexer.where(token.offset)
            raise NFGFormatError(f"{where}: the integer {_describe(token)} is too long (at most 30 digits)")
        value = int(token.text)
        self.advance()
        return value

    # ------------------------------------------------------------------ grammar
    def game(self) -> tuple[NormalFormGame, str]:
        """Parse the whole file; return the game and its comment."""
        self.header()
        title = self.expect("string", "the game title (a quoted string)").text
        players, player_tokens = self.players()
        strategies, counts = self.strategies(len(players))
        comment = ""
        if self.current.kind == "string":
            comment = self.advance().text
        shape = tuple(counts)
        if self.current.kind == "{":
            flat = self.outcome_body(len(players), shape)
        elif self.current.kind == "word":
            flat = self.payoff_body(len(players), shape)
        else:
            raise self.fail("'{' opening the outcome list, or the first payoff")
        if self.current.kind != "eof":
            raise self.fail("the end of the input after the last payoff")
        names = self.labels(players, player_tokens, "player names")
        if strategies is None:
            labels = [[str(k + 1) for k in range(m)] for m in counts]
        else:
            labels = []
            for i, (own, tokens) in enumerate(zip(strategies, self.strategy_tokens)):
                labels.append(self.labels(own, tokens, f"strategy labels of {names[i]!r}"))
        payoffs = _table(flat, len(players), shape, self.lexer.where(self.current.offset), self.kind == "float")
        kind: Kind = "float" if self.kind == "float" else "exact"
        return NormalFormGame(payoffs, names, labels, title=title, kind=kind), comment

    def header(self) -> None:
        token = self.current
        if token.kind != "word" or token.text != "NFG":
            raise self.fail("'NFG' at the start of a Gambit strategic-form file")
        self.advance()
        token = self.current
        if token.kind != "word" or token.text != "1":
            if token.kind == "word":
                where = self.lexer.where(token.offset)
                raise NFGFormatError(f"{where}: unsupported NFG version {token.text[:30]!r}; only version 1 is read")
            raise self.fail("the NFG version number 1")
        self.advance()
        token = self.current
        if token.kind != "word" or token.text not in ("R", "D"):
            raise self.fail("the data type 'R' (rational) or 'D' (decimal)")
        self.advance()

    def players(self) -> tuple[list[str], list[_Token]]:
        self.expect("{", "'{' opening the list of player names")
        names, tokens = [], []
        while self.current.kind == "string":
            tokens.append(self.current)
            names.append(self.advance().text)
        if self.current.kind == "}" and not names:
            raise NFGFormatError(f"{self.lexer.where(self.current.offset)}: the list of players is empty")
        self.expect("}", "a quoted player name or '}' closing the list of players")
        return names, tokens

    def strategies(self, n: int) -> tuple[list[list[str]] | None, list[int]]:
        """The strategy block: per-player label lists, or per-player counts (labels are then None)."""
        self.expect("{", "'{' opening the strategy block")
        if self.current.kind == "{":
            labels: list[list[str]] = []
            for i in range(n):
                self.expect("{", f"'{{' opening the strategy labels of player {i + 1}")
                own, tokens = [], []
                while self.current.kind == "string":
                    tokens.append(self.current)
                    own.append(self.advance().text)
                if not own:
                    raise NFGFormatError(
                        f"{self.lexer.where(self.current.offset)}: player {i + 1} has no strategy label; "
                        "every player needs at least one strategy"
                    )
                self.expect("}", f"a quoted strategy label or '}}' closing the strategies of player {i + 1}")
                labels.append(own)
                self.strategy_tokens.append(tokens)
            self.expect("}", f"'}}' closing the strategy block after {n} players' strategy lists")
            return labels, [len(own) for own in labels]
        counts = []
        for i in range(n):
            token = self.current
            m = self.count(f"the number of strategies of player {i + 1} (or '{{' for a list of labels)")
            if m == 0:
                raise NFGFormatError(f"{self.lexer.where(token.offset)}: player {i + 1} has no strategy")
            counts.append(m)
        self.expect("}", f"'}}' closing the strategy counts of the {n} players")
        return None, counts

    def check_size(self, n: int, shape: tuple[int, ...], tokens: int, what: str) -> None:
        """Refuse, before any payoff is read, a game NumPy cannot hold or whose payoffs would not fit in memory.

        ``tokens`` numbers (``what``) must follow; each takes at least two characters but the last.
        """
        where = self.lexer.where(self.current.offset)
        left = len(self.lexer.text) - self.current.offset
        if 2 * tokens - 1 > left:
            raise NFGFormatError(f"{where}: expected {tokens} {what}, but only {left} characters are left in the input")
        try:
            np.empty((1,) * (n + 1), dtype=np.int8)
        except ValueError as exc:  # more axes than NumPy supports
            raise NFGFormatError(
                f"{where}: a game with {n} players cannot be stored as an array: its payoffs need {n + 1} axes, "
                f"more than NumPy supports ({exc})"
            ) from None
        entries = n * math.prod(shape)
        # a list of the values read, an array of them and, for exact games, a Fraction (two ints) per payoff
        per_entry = 48 if self.kind == "float" else 140
        check_memory(entries * per_entry, f"the payoffs of this {'x'.join(map(str, shape))} game ({entries} numbers)",
                     limit=self.max_memory)

    def payoff_body(self, n: int, shape: tuple[int, ...]) -> list[Any]:
        needed = n * math.prod(shape)
        self.check_size(n, shape, needed, f"payoffs ({n} per profile for {math.prod(shape)} profiles)")
        values = []
        for k in range(needed):
            if self.current.kind == "eof":
                raise NFGFormatError(
                    f"{self.lexer.where(self.current.offset)}: expected {needed} payoffs "
                    f"({n} per profile for {math.prod(shape)} profiles), but the input ends after {k}"
                )
            values.append(self.number(f"payoff {k + 1} of {needed} (player {k % n + 1}, profile {k // n + 1})"))
        return values

    def outcome_body(self, n: int, shape: tuple[int, ...]) -> list[Any]:
        self.expect("{", "'{' opening the outcome list")
        zero: Any = 0.0 if self.kind == "float" else Fraction(0)
        outcomes: list[list[Any]] = [[zero] * n]  # index 0: the null outcome
        while self.current.kind == "{":
            self.advance()
            k = len(outcomes)
            self.expect("string", f"the name of outcome {k} (a quoted string)")
            payoffs = []
            for i in range(n):
                payoffs.append(self.number(f"the payoff of player {i + 1} in outcome {k}"))
                if self.current.kind == ",":
                    self.advance()
            self.expect("}", f"'}}' closing outcome {k} after its {n} payoffs")
            outcomes.append(payoffs)
        self.expect("}", "'{' opening another outcome or '}' closing the outcome list")
        profiles = math.prod(shape)
        self.check_size(n, shape, profiles, "outcome indices (one per profile)")
        values: list[Any] = []
        for p in range(profiles):
            token = self.current
            if token.kind == "eof":
                raise NFGFormatError(
                    f"{self.lexer.where(token.offset)}: expected {profiles} outcome indices (one per profile), "
                    f"but the input ends after {p}"
                )
            index = self.count(f"outcome index {p + 1} of {profiles} (a non-negative integer)")
            if index >= len(outcomes):
                raise NFGFormatError(
                    f"{self.lexer.where(token.offset)}: outcome index {index} is out of range; the file defines "
                    f"{len(outcomes) - 1} outcomes (numbered from 1; 0 is the null outcome with zero payoffs)"
                )
            values.extend(outcomes[index])
        return values

    def labels(self, labels: Sequence[str], tokens: Sequence[_Token], what: str) -> list[str]:
        """The labels with repeats renamed (Gambit's rule), or an error on a repeated label."""
        if not self.rename_duplicates:
            seen: set[str] = set()
            for label, token in zip(labels, tokens):
                if label in seen:
                    raise NFGFormatError(
                        f"{self.lexer.where(token.offset)}: the {what} must be distinct; {label!r} repeats"
                    )
                seen.add(label)
        return _normalize_labels(labels)



def _table(flat: list[Any], n: int, shape: tuple[int, ...], where: str, floats: bool = False) -> np.ndarray:
    """Arrange payoffs listed profile by profile (player 1 fastest) as an array ``[i, s_1, ..., s_n]``."""
    try:
        listed = np.empty((*reversed(shape), n), dtype=np.float64 if floats else object)
    except (ValueError, MemoryError) as exc:  # e.g. more axes than NumPy supports
        raise NFGFormatError(f"{where}: a game with {n} players cannot be stored as an array: {exc}") from None
    listed.reshape(-1)[:] = flat
    # listed[s_n, ..., s_1, i] -> payoffs[i, s_1, ..., s_n]
    return listed.transpose(n, *range(n - 1, -1, -1))
