"""Gambit strategic-form files (``.nfg``): a tokenizer, a recursive-descent parser and a writer.

The format (Gambit manual, "The strategic game (.nfg) file format") is::

    NFG 1 R "title" { "Player 1" "Player 2" }        header: version 1, data type R or D
    { { "T" "B" } { "L" "R" } }                      strategy labels -- or counts: { 2 2 }
    "an optional comment"
    body

and the body is either

* the **payoff version**: one payoff per player for every pure profile, or
* the **outcome version**: a list of outcomes ``{ { "name" u_1, ..., u_n } ... }``
  followed by one outcome index per pure profile (index 0 is the null outcome,
  whose payoffs are all zero; outcomes are numbered from 1).

In both versions the profiles are listed with **player 1's strategy changing
fastest**, then player 2's, and so on (for a bimatrix game: down the first
column, then down the second, ...).  Numbers are exact: ``3/2`` is
``Fraction(3, 2)`` and decimals such as ``1.5`` or ``1e-3`` are read as the
decimal fractions they denote (whatever the ``R``/``D`` flag), so a game read
from a file is an exact game.

Strings are delimited by ``"``; inside them ``\\"`` stands for ``"`` and
``\\\\`` for a backslash (Gambit's writer escapes both), any other backslash is
kept.  Repeated player names or strategy labels are renamed as Gambit's
reader renames them (``"x", "x"`` -> ``"x_1", "x_2"``), or refused with
``duplicate_labels="error"``.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from trigame._numbers import KINDS, MAX_EXACT_DIGITS, Kind, _too_many_digits
from trigame.budget import check_limit, check_memory
from trigame.errors import NFGFormatError, ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame

__all__ = ["format_nfg", "parse_nfg", "read_nfg", "write_nfg"]

# A "word" is a maximal run of characters that are neither blanks nor one of the
# single-character tokens; it is then classified as a number or a bare symbol.
_WORD = re.compile(r'[^\s{},"]+')
_SPACE = re.compile(r"\s+")
# ASCII digits only ("\d" would also accept other scripts' digits).
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE](?P<exp>[+-]?[0-9]+))?")
_RATIONAL = re.compile(r"[+-]?[0-9]+/[0-9]+")
_INDEX = re.compile(r"[0-9]+")
_DIGITS = _INDEX
#: Most digits of a number in a file: of the text of an integer, decimal or ``p/q``, of a decimal
#: exponent, and of the numerator and denominator of its exact value.  Python prints integers of
#: up to 4,300 digits, so whatever is read can be written back (the bound on every exact payoff,
#: :data:`trigame._numbers.MAX_EXACT_DIGITS`).
MAX_DIGITS = MAX_EXACT_DIGITS


def read_number(text: str) -> Fraction:
    """The exact value of a number in a Gambit file: an integer, ``p/q`` or a decimal with an exponent.

    Only ASCII digits are accepted; each run of digits in the text (the
    integer and fractional parts, ``p`` and ``q``, the exponent), the size
    of a decimal exponent, and the numerator and denominator of the value
    have at most :data:`MAX_DIGITS` digits.  Raises :class:`ValueError` with the reason otherwise (the
    parsers turn it into a format error naming the line).
    """
    decimal = _DECIMAL.fullmatch(text)
    rational = None if decimal else _RATIONAL.fullmatch(text)
    if not decimal and not rational:
        raise ValueError("not an integer, a fraction p/q or a decimal")
    if any(len(run) > MAX_DIGITS for run in _DIGITS.findall(text)):
        raise ValueError(f"more than {MAX_DIGITS} digits")
    if decimal:
        exponent = decimal.group("exp")
        if exponent is not None and abs(int(exponent)) > MAX_DIGITS:
            raise ValueError(f"the exponent is out of range (at most {MAX_DIGITS} in size)")
        value = Fraction(text)
    else:
        numerator, denominator = text.split("/")
        if int(denominator) == 0:
            raise ValueError("zero denominator (division by zero)")
        value = Fraction(int(numerator), int(denominator))
    if _too_many_digits(value):
        raise ValueError(f"its value has more than {MAX_DIGITS} digits")
    return value


def _read_bytes(path: Any, error: type[Exception]) -> bytes:
    """The bytes of the file at ``path``; ``error`` (a format error) when it cannot be read."""
    if not isinstance(path, (str, os.PathLike)):
        raise error(f"expected the path of a file (str or os.PathLike), got {type(path).__name__}")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (OSError, ValueError, TypeError) as exc:  # ValueError: a NUL in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error(f"cannot read {_path_name(path)!r}: {reason}") from None


def _write_text(path: Any, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8); :class:`ParameterError` when the path cannot be written."""
    if not isinstance(path, (str, os.PathLike)):
        raise ParameterError(f"expected the path of a file (str or os.PathLike), got {type(path).__name__}")
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except (OSError, ValueError, TypeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ParameterError(f"cannot write {_path_name(path)!r}: {reason}") from None


def _path_name(path: Any) -> str:
    try:
        return str(os.fspath(path))
    except TypeError:
        return repr(path)


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


def _normalize_labels(labels: Sequence[str]) -> list[str]:
    """Make repeated labels distinct the way Gambit's reader does.

    Every copy of a label that occurs more than once becomes ``label_1``,
    ``label_2``, ... (skipping suffixes already in use), so
    ``["x", "x", "", ""]`` becomes ``["x_1", "x_2", "_1", "_2"]``.  (Gambit
    also renames a lone empty label to ``_1``; here it stays empty, so that a
    game with an empty label survives a write and a read unchanged.)
    """
    counts = Counter(labels)
    used = set(labels)
    visited: Counter[str] = Counter()
    out = []
    for label in labels:
        if counts[label] > 1:
            base = label
            while True:
                visited[base] += 1
                label = f"{base}_{visited[base]}"
                if label not in used:
                    break
            used.add(label)
        out.append(label)
    return out


def _table(flat: list[Any], n: int, shape: tuple[int, ...], where: str, floats: bool = False) -> np.ndarray:
    """Arrange payoffs listed profile by profile (player 1 fastest) as an array ``[i, s_1, ..., s_n]``."""
    try:
        listed = np.empty((*reversed(shape), n), dtype=np.float64 if floats else object)
    except (ValueError, MemoryError) as exc:  # e.g. more axes than NumPy supports
        raise NFGFormatError(f"{where}: a game with {n} players cannot be stored as an array: {exc}") from None
    listed.reshape(-1)[:] = flat
    # listed[s_n, ..., s_1, i] -> payoffs[i, s_1, ..., s_n]
    return listed.transpose(n, *range(n - 1, -1, -1))


def _check_kind(kind: Kind | None) -> None:
    if kind is not None and (not isinstance(kind, str) or kind not in KINDS):
        raise ParameterError(f"kind must be one of {KINDS} or None, got {kind!r}")


def parse_nfg(
    text: str | bytes,
    kind: Kind | None = None,
    *,
    duplicate_labels: Literal["rename", "error"] = "rename",
    max_memory: int | None = None,
) -> NormalFormGame:
    """Read a game from the text of a Gambit ``.nfg`` file.

    Parameters
    ----------
    text : str or bytes
        The file's contents (bytes are decoded as UTF-8, or Latin-1 if that fails).
    kind : {"exact", "float", "symbolic"}, optional
        Convert the game to this kind; by default the game is exact (Fractions).
    duplicate_labels : {"rename", "error"}, optional
        What to do with a player name or strategy label that repeats: rename
        the copies like Gambit (``x``, ``x`` -> ``x_1``, ``x_2``), the default,
        or raise :class:`NFGFormatError`.
    max_memory : int, optional
        Memory budget in bytes for the payoffs (default
        :data:`trigame.budget.DEFAULT_MAX_BYTES`, capped by the memory
        available).  The size of the game is known from the header, so a file
        too large for it is refused before its payoffs are read.

    Numbers are integers, fractions ``p/q`` or decimals with an optional
    exponent, in ASCII digits; a number has at most :data:`MAX_DIGITS`
    (4,000) digits, its exponent at most that size, and its exact value a
    numerator and denominator of at most 4,000 digits, so that every game
    read can be printed and written back.

    Returns
    -------
    NormalFormGame
        With the file's title, player names and strategy labels (``"1"``,
        ``"2"``, ... when the file gives only the numbers of strategies).

    Raises
    ------
    NFGFormatError
        When the text is not a well-formed ``.nfg`` file; the message says what
        was expected and where (line and column).
    BudgetExceededError
        When the payoffs would need more than ``max_memory`` bytes.

    Examples
    --------
    Payoffs are listed profile by profile with player 1's strategy changing
    fastest: (T, L), (B, L), (T, R), (B, R).

    >>> g = parse_nfg('NFG 1 R "Example" { "Row" "Col" } { { "T" "B" } { "L" "R" } } '
    ...               '1 2   3/2 4   5 6   0.25 8')
    >>> g.payoff_array("Row")[1, 0], g.payoff_array("Col")[1, 1]
    (Fraction(3, 2), Fraction(8, 1))
    >>> g.payoff_array("Row")[1, 1]
    Fraction(1, 4)
    """
    _check_kind(kind)
    if max_memory is not None:
        check_limit(max_memory, "max_memory", allow_none=False)
    if not isinstance(duplicate_labels, str) or duplicate_labels not in ("rename", "error"):
        raise ParameterError(f"duplicate_labels must be 'rename' or 'error', got {duplicate_labels!r}")
    if isinstance(text, (bytes, bytearray)):
        try:
            decoded = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            decoded = bytes(text).decode("latin-1")
    elif isinstance(text, str):
        decoded = text
    else:
        raise NFGFormatError(f"expected the text of an .nfg file (str or bytes), got {type(text).__name__}")
    parser = _Parser(decoded, rename_duplicates=duplicate_labels == "rename", kind=kind, max_memory=max_memory)
    game, _comment = parser.game()
    return game if kind is None else game.as_kind(kind)


def read_nfg(
    path: str | os.PathLike[str],
    kind: Kind | None = None,
    *,
    duplicate_labels: Literal["rename", "error"] = "rename",
    max_memory: int | None = None,
) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (see :func:`parse_nfg` for the options).

    Error messages start with the file's name; a file that cannot be read
    (missing, a directory, unreadable) raises :class:`NFGFormatError` too.

    Examples
    --------
    >>> import trigame as tg
    >>> from importlib.resources import files
    >>> g = tg.read_nfg(files("trigame") / "data" / "alliance_security_dilemma.nfg")
    >>> g.players, g.strategies[0]
    (('United States', 'South Korea'), ('Strong', 'Weak'))
    """
    _check_kind(kind)
    data = _read_bytes(path, NFGFormatError)
    try:
        return parse_nfg(data, kind=kind, duplicate_labels=duplicate_labels, max_memory=max_memory)
    except NFGFormatError as exc:
        raise NFGFormatError(f"{_path_name(path)}: {exc}") from None


# ---------------------------------------------------------------------- writing
def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Any) -> str:
    """A payoff as an exact token: ``p/q`` for Fractions, the shortest round-trip decimal for floats."""
    if isinstance(value, Fraction):
        if _too_many_digits(value):
            raise UnsupportedGameError(f"a payoff has a numerator or denominator of more than {MAX_DIGITS} digits; "
                                       "an .nfg file holds numbers of at most that many digits")
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    text = repr(float(value))
    # Gambit reads 1e20 but not 1e+20
    return "0" if text == "-0.0" else text.replace("e+", "e")


def format_nfg(game: NormalFormGame, *, comment: str = "") -> str:
    """The text of a Gambit ``.nfg`` file (payoff version, with labels) for ``game``.

    Exact payoffs are written as ``p/q``, float payoffs with the shortest
    decimal that reads back to the same float (``repr``), so
    ``parse_nfg(format_nfg(g))`` equals ``g`` for an exact game and
    ``g.as_exact()``'s float values for a float game.  One line per pure
    profile, player 1's strategy changing fastest.

    Parameters
    ----------
    game : NormalFormGame
        An exact or float game (symbolic games must be given values first).
    comment : str, optional
        The file's comment string.

    Raises
    ------
    UnsupportedGameError
        For a symbolic game.

    Examples
    --------
    >>> import trigame as tg
    >>> g = tg.NormalFormGame.from_arrays([[1, 0], [0, 2]], [[2, 0], [0, 1]], title="Battle of the sexes")
    >>> print(format_nfg(g))
    NFG 1 R "Battle of the sexes" { "Player 1" "Player 2" }
    <BLANKLINE>
    { { "s1" "s2" }
      { "s1" "s2" }
    }
    ""
    <BLANKLINE>
    1 2
    0 0
    0 0
    2 1
    <BLANKLINE>
    >>> parse_nfg(format_nfg(g)) == g
    True
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"format_nfg needs a NormalFormGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError(
            "a symbolic game cannot be written to an .nfg file; give its symbols values with .subs(...) first"
        )
    if not isinstance(comment, str):
        raise UnsupportedGameError("the comment must be a string")
    n = game.n_players
    data_type = "R" if game.kind == "exact" else "D"
    lines = [f"NFG 1 {data_type} {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}", ""]
    blocks = ["{ " + " ".join(_quote(s) for s in own) + " }" for own in game.strategies]
    lines.append("{ " + "\n  ".join(blocks))
    lines += ["}", _quote(comment), ""]
    # payoffs[i, s_1, ..., s_n] -> rows[s_n, ..., s_1] so that C order has player 1 fastest
    rows = np.transpose(game.payoffs, (*range(n, 0, -1), 0)).reshape(-1, n)
    lines += [" ".join(_number(v) for v in row) for row in rows.tolist()]
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: str | os.PathLike[str], *, comment: str = "") -> None:
    """Write ``game`` to a Gambit ``.nfg`` file (see :func:`format_nfg`), UTF-8 encoded.

    Examples
    --------
    >>> import tempfile, pathlib, trigame as tg
    >>> g = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.nfg"
    >>> tg.write_nfg(g, path)
    >>> tg.read_nfg(path) == g
    True
    """
    text = format_nfg(game, comment=comment)
    _write_text(path, text)
