"""Classification and conversion of scalar payoffs and probabilities.

trigame works with three kinds of numbers:

``"float"``
    Python/NumPy floats, stored as ``float64``.
``"exact"``
    ``int`` and :class:`fractions.Fraction` (and :class:`decimal.Decimal`, NumPy
    integers, SymPy rationals), stored as :class:`~fractions.Fraction`.
``"symbolic"``
    SymPy expressions that are not plain rational or float numbers.

SymPy is imported only when a SymPy object is actually met, so that
``import trigame`` stays light.
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from trigame.errors import ParameterError, PayoffTypeError, PayoffValueError

Kind = Literal["float", "exact", "symbolic"]
KINDS: tuple[Kind, ...] = ("float", "exact", "symbolic")

#: Order in which kinds absorb each other when mixed: float + exact -> float,
#: anything + symbolic -> symbolic.
_RANK = {"exact": 0, "float": 1, "symbolic": 2}


def is_sympy(value: object) -> bool:
    """True when ``value`` is a SymPy object (without importing SymPy)."""
    if "sympy" not in sys.modules:
        return False
    import sympy

    return isinstance(value, sympy.Basic)


#: Most decimal digits of an exact payoff's numerator or denominator (Python prints integers up to 4,300 digits).
MAX_EXACT_DIGITS = 4000
_EXACT_LIMIT = 10**MAX_EXACT_DIGITS


def is_zero(value: Any) -> bool:
    """Whether a number is zero: numbers by value, SymPy expressions when SymPy proves them zero.

    >>> import sympy
    >>> x = sympy.Symbol("x", positive=True)
    >>> is_zero(np.int64(0)), is_zero(Fraction(1, 3)), is_zero(x - x), is_zero(x)
    (True, False, True, False)
    """
    if isinstance(value, (float, int, Fraction, np.floating, np.integer)):
        return bool(value == 0)
    proved = getattr(value, "is_zero", None)  # SymPy: True, False or None (undecided)
    if proved is not None:
        return bool(proved)
    try:
        return bool(value == 0)
    except TypeError:  # pragma: no cover - exotic SymPy relational
        return False


def _too_many_digits(value: int | Fraction) -> bool:
    if isinstance(value, Fraction):
        return abs(value.numerator) >= _EXACT_LIMIT or value.denominator >= _EXACT_LIMIT
    return abs(int(value)) >= _EXACT_LIMIT


def _digits(value: int | Fraction) -> int:
    bits = max(value.numerator.bit_length(), value.denominator.bit_length())
    return int(bits * 0.30103) + 1


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` for an error message, cut to ``limit`` characters; never fails.

    Python refuses to print integers of over 4,300 digits, and a huge value's
    repr would fill a screen.
    """
    if isinstance(value, int) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    try:
        text = repr(value)
    except Exception:  # a repr that fails must not hide the error being reported
        return f"<{type(value).__name__} too long to print>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def classify(value: object, what: str = "payoff", *, bounded: bool = True) -> Kind:
    """Return the kind of one scalar, or raise a trigame error if it is not a number.

    ``bounded`` (the default, for values a user gives) refuses exact numbers of more
    than :data:`MAX_EXACT_DIGITS` digits, which Python could not even print; the
    checks of probabilities that solvers compute pass ``bounded=False``.
    """
    if isinstance(value, (bool, np.bool_)):
        raise PayoffTypeError(f"a {what} must be a number, not the boolean {value!r}")
    if isinstance(value, (int, np.integer, Fraction)):
        if bounded and isinstance(value, (int, Fraction)) and _too_many_digits(value):
            raise PayoffValueError(
                f"a {what} may have at most {MAX_EXACT_DIGITS} digits in its numerator and denominator; "
                f"got one of about {_digits(value)} digits"
            )
        return "exact"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PayoffValueError(f"a {what} must be finite, got {value!r}")
        if bounded and (abs(value.adjusted()) > MAX_EXACT_DIGITS or len(value.as_tuple().digits) > MAX_EXACT_DIGITS):
            raise PayoffValueError(
                f"a {what} may have at most {MAX_EXACT_DIGITS} digits and a decimal exponent within "
                f"±{MAX_EXACT_DIGITS}; got a Decimal with exponent {value.adjusted()}"
            )
        return "exact"
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise PayoffValueError(f"a {what} must be finite, got {value!r}")
        return "float"
    if is_sympy(value):
        import sympy

        if not isinstance(value, sympy.Expr):
            raise PayoffTypeError(f"a {what} must be a SymPy expression, got {value!r}")
        if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise PayoffValueError(f"a {what} must be finite, got {value!r}")
        if value.has(sympy.I) or (value.is_number and value.is_extended_real is False):
            raise PayoffValueError(f"a {what} must be real, got {value!r}")
        if value.is_Rational:
            return "exact"
        if value.is_Float:
            return "float"
        return "symbolic"
    raise PayoffTypeError(
        f"a {what} must be an int, float, fractions.Fraction or SymPy expression, "
        f"got {value!r} of type {type(value).__name__}"
    )


def combine(kinds: Any) -> Kind:
    """The kind of a collection holding numbers of the given kinds."""
    best: Kind = "exact"
    for kind in kinds:
        if _RANK[kind] > _RANK[best]:
            best = kind
    return best


def to_fraction(value: Any) -> Fraction:
    """Convert an exact (or float, exactly in binary) scalar to a Fraction."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating, Decimal)):
        return Fraction(float(value)) if isinstance(value, np.floating) else Fraction(value)
    if is_sympy(value) and value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    raise PayoffTypeError(f"cannot convert {value!r} to an exact rational")


def to_float(value: Any) -> float:
    """Convert a numeric scalar (exact, float or numeric SymPy) to a float."""
    if is_sympy(value):
        if not value.is_number:
            raise PayoffTypeError(f"{value!r} has free symbols; substitute values first")
        return float(value.evalf())
    return float(value)


def to_sympy(value: Any) -> Any:
    """Convert a scalar of any kind to a SymPy number or expression (never parses strings)."""
    import sympy

    if is_sympy(value):
        return value
    if isinstance(value, (int, np.integer)):
        return sympy.Integer(int(value))
    if isinstance(value, (Fraction, Decimal)):
        f = Fraction(value)
        return sympy.Rational(f.numerator, f.denominator)
    if isinstance(value, (float, np.floating)):
        return sympy.Float(float(value))
    raise PayoffTypeError(f"cannot convert {value!r} to a SymPy number")


def convert(value: Any, kind: Kind) -> Any:
    """Convert a scalar to the storage type of ``kind``."""
    if kind == "float":
        return to_float(value)
    if kind == "exact":
        return to_fraction(value)
    return to_sympy(value)


def convert_array(array: np.ndarray, kind: Kind) -> np.ndarray:
    """Convert every entry of an array to the storage type of ``kind``."""
    if kind == "float":
        if array.dtype.kind in "iuf":
            return np.array(array, dtype=np.float64)  # always a copy: the caller keeps its array
        return np.vectorize(to_float, otypes=[np.float64])(array) if array.size else array.astype(float)
    out = np.empty(array.shape, dtype=object)
    func = to_fraction if kind == "exact" else to_sympy
    flat_in = array.reshape(-1)
    flat_out = out.reshape(-1)
    for index, value in enumerate(flat_in.tolist() if array.dtype != object else flat_in):
        flat_out[index] = func(value)
    return out


def format_number(value: Any, digits: int = 6) -> str:
    """A short human-readable rendering of a scalar."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.{digits}g}"
        return "0" if text == "-0" else text
    return str(value)


# ---------------------------------------------------------------------------- numbers written as text
#: Most digits a number written as text may have (mantissa, numerator or denominator; leading zeros count).
MAX_NUMBER_DIGITS = 400

#: Largest power of ten a decimal's exponent may give (``1e400`` and ``1e-400`` are the extremes).
MAX_NUMBER_EXPONENT = 400

#: Largest magnitude of a number written as text, so that it is also a finite float (floats end near 1.8e308).
MAX_NUMBER_MAGNITUDE = 10**300

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL_TEXT = re.compile(r"[+-]?(?P<mantissa>[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?",
                           re.ASCII)
_FRACTION_TEXT = re.compile(r"(?P<numerator>[+-]?[0-9]+)/(?P<denominator>[0-9]+)", re.ASCII)
_NUMBER_FORMS = "write an integer 3, a decimal 0.25 or 1e-3, or a fraction 1/4"


def parse_number(text: str, what: str = "value") -> int | Fraction:
    """A number written as text, read exactly: an ``int``, or a :class:`~fractions.Fraction`.

    The one parser of numbers typed by a user (the command line's ``--set``
    values and ranges, and any library function that accepts numbers as
    strings).  Integers (``3``), decimals (``0.25`` -> 1/4, ``1e-3`` -> 1/1000)
    and fractions ``p/q`` are accepted; nothing is ever evaluated.  Before any
    conversion the size is bounded, so that a short text cannot ask for an
    enormous number (``1e999999999`` would take minutes and gigabytes):

    * at most :data:`MAX_NUMBER_DIGITS` (400) digits in the mantissa, the
      numerator or the denominator;
    * a decimal exponent between -:data:`MAX_NUMBER_EXPONENT` and
      +:data:`MAX_NUMBER_EXPONENT` (400);
    * a magnitude of at most :data:`MAX_NUMBER_MAGNITUDE` (10^300), so that the
      number is also a finite float.

    Parameters
    ----------
    text : str
        The text; surrounding whitespace is ignored.
    what : str, default "value"
        What the number is, for the error message (e.g. the parameter's name).

    Returns
    -------
    int or fractions.Fraction
        An ``int`` when the number is a whole number, else a ``Fraction`` in lowest terms.

    Raises
    ------
    ParameterError
        When the text is not a number of these forms, divides by zero or is too long or too large.

    Examples
    --------
    >>> parse_number("3"), parse_number("0.25"), parse_number("-2/6"), parse_number("1e3")
    (3, Fraction(1, 4), Fraction(-1, 3), 1000)
    >>> parse_number("2**10", "x")
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: x: '2**10' is not a number (write an integer 3, a decimal 0.25 or 1e-3, or a \
fraction 1/4)
    >>> parse_number("1e999999999", "x")
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: x: '1e999999999' has an exponent outside -400..400 (numbers are at most 1e300 \
in size)
    """
    if not isinstance(text, str):
        raise ParameterError(f"{what}: expected a number written as text, got {text!r}")
    text = text.strip()
    shown = text if len(text) <= 60 else f"{text[:40]}...{text[-10:]} ({len(text)} characters)"
    value: int | Fraction
    if _INTEGER_TEXT.fullmatch(text):
        _check_digits(text.lstrip("+-"), shown, what)
        value = int(text)
    elif match := _FRACTION_TEXT.fullmatch(text):
        numerator, denominator = match.group("numerator"), match.group("denominator")
        _check_digits(numerator.lstrip("+-"), shown, what)
        _check_digits(denominator, shown, what)
        if int(denominator) == 0:
            raise ParameterError(f"{what}: {shown!r} divides by zero")
        value = Fraction(int(numerator), int(denominator))
    elif match := _DECIMAL_TEXT.fullmatch(text):
        _check_digits(match.group("mantissa").replace(".", ""), shown, what)
        exponent = (match.group("exponent") or "0").lstrip("+-").lstrip("0")
        if len(exponent) > 3 or int(exponent or "0") > MAX_NUMBER_EXPONENT:
            raise ParameterError(
                f"{what}: {shown!r} has an exponent outside -{MAX_NUMBER_EXPONENT}..{MAX_NUMBER_EXPONENT} "
                "(numbers are at most 1e300 in size)"
            )
        value = Fraction(text)  # exact, and cheap now that digits and exponent are bounded
    else:
        raise ParameterError(f"{what}: {shown!r} is not a number ({_NUMBER_FORMS})")
    if -value > MAX_NUMBER_MAGNITUDE or value > MAX_NUMBER_MAGNITUDE:
        raise ParameterError(f"{what}: {shown!r} is too large; numbers are at most 1e300 in size")
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def _check_digits(digits: str, shown: str, what: str) -> None:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise ParameterError(
            f"{what}: {shown!r} has {len(digits)} digits; numbers are written with at most {MAX_NUMBER_DIGITS}"
        )


def simplest_between(low: Fraction | int, high: Fraction | int) -> Fraction:
    """The rational with the smallest denominator (then the smallest absolute numerator) in ``[low, high]``.

    ``low <= high``, exact rationals.  By continued fractions (the Stern--Brocot tree): the simplest
    rational in ``[lo, hi]`` with ``0 < lo`` is ``ceil(lo)`` when that is at most ``hi``, and otherwise
    ``q + 1 / r`` with ``q = floor(lo)`` and ``r`` the simplest rational in ``[1 / (hi - q), 1 / (lo - q)]``;
    computed term by term, without recursion.
    """
    lo, hi = Fraction(low), Fraction(high)
    return _simplest_signed(lo.numerator, lo.denominator, hi.numerator, hi.denominator)


def simplest_within(value: float, slack: float) -> Fraction:
    """The simplest rational (:func:`simplest_between`) in ``[value - slack, value + slack]``.

    ``value`` and ``slack`` are finite floats, ``slack >= 0``; both ends are taken exactly (as the binary
    fractions the floats are).
    """
    v_num, v_den = value.as_integer_ratio()
    s_num, s_den = slack.as_integer_ratio()
    # lo = low / den and hi = high / den, exactly (not in lowest terms: the terms do not need it)
    den = v_den * s_den
    return _simplest_signed(v_num * s_den - s_num * v_den, den, v_num * s_den + s_num * v_den, den)


def _simplest_signed(a: int, b: int, c: int, d: int) -> Fraction:
    """The simplest rational in ``[a / b, c / d]`` (``b, d > 0``, ``a / b <= c / d``): 0 if it lies in the
    interval, else the simplest of the positive interval, mirrored for a negative one."""
    if a <= 0 <= c:
        return Fraction(0)
    if c < 0:
        return -_simplest_positive(-c, d, -a, b)
    return _simplest_positive(a, b, c, d)


def _simplest_positive(a: int, b: int, c: int, d: int) -> Fraction:
    """The simplest rational in ``[a / b, c / d]``, ``0 < a / b <= c / d`` (``b, d > 0``): by continued-fraction
    terms."""
    terms: list[int] = []
    while True:
        q = a // b
        if q * b == a:  # lo is an integer
            terms.append(q)
            break
        if (q + 1) * d <= c:  # ceil(lo) <= hi
            terms.append(q + 1)
            break
        terms.append(q)
        # lo - q = (a - q b) / b and hi - q = (c - q d) / d; the next interval is their reciprocals, swapped
        a, b, c, d = d, c - q * d, b, a - q * b
    num, den = 1, 0
    for t in reversed(terms):
        num, den = t * num + den, num
    return Fraction(num, den)
