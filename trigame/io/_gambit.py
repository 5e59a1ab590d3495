"""What Gambit's two file formats share: exact numbers, reading and writing a file, renaming repeated labels.

Both ``.nfg`` (:mod:`trigame.io.nfg`) and ``.efg`` (:mod:`trigame.io.efg`)
files write payoffs as integers, fractions ``p/q`` or decimals, which
:func:`read_number` reads exactly, with a bound on their digits
(:data:`MAX_DIGITS`) so that whatever is read can be written back; and both
readers rename repeated labels the way Gambit's reader does
(:func:`_normalize_labels`, also used by the pygambit converter).

Examples
--------
>>> read_number("3/2"), read_number("1.5e-1")
(Fraction(3, 2), Fraction(3, 20))
>>> _normalize_labels(["x", "x", "y"])
['x_1', 'x_2', 'y']
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import MAX_EXACT_DIGITS, _too_many_digits
from trigame.errors import ParameterError

__all__ = ["MAX_DIGITS", "quote", "read_number"]

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


def quote(text: str) -> str:
    """A label as a Gambit string token: in double quotes, with backslashes and quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
