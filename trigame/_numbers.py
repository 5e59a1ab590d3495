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
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from trigame.errors import PayoffTypeError, PayoffValueError

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


def classify(value: object, what: str = "payoff") -> Kind:
    """Return the kind of one scalar, or raise a trigame error if it is not a number."""
    if isinstance(value, (bool, np.bool_)):
        raise PayoffTypeError(f"a {what} must be a number, not the boolean {value!r}")
    if isinstance(value, (int, np.integer, Fraction)):
        return "exact"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PayoffValueError(f"a {what} must be finite, got {value!r}")
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
