"""Gambit strategic-form files (``.nfg``): reading and writing them exactly.

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

The tokenizer and parser are in :mod:`trigame.io._nfg_parser`; the exact
numbers and file handling shared with ``.efg`` files in :mod:`trigame.io._gambit`.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from trigame._numbers import KINDS, Kind, _too_many_digits
from trigame.budget import check_limit
from trigame.errors import NFGFormatError, ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.io._gambit import MAX_DIGITS, _path_name, _read_bytes, _write_text
from trigame.io._gambit import quote as _quote
from trigame.io._gambit import read_number as read_number  # re-exported: the .efg docs cite it here
from trigame.io._nfg_parser import _Parser

__all__ = ["format_nfg", "parse_nfg", "read_nfg", "write_nfg"]


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

    Notes
    -----
    Numbers are integers, fractions ``p/q`` or decimals with an optional
    exponent, in ASCII digits; a number has at most :data:`MAX_DIGITS`
    (4,000) digits, its exponent at most that size, and its exact value a
    numerator and denominator of at most 4,000 digits, so that every game
    read can be printed and written back.

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
