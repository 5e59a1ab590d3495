"""Arithmetic on the probabilities and weights of a tree, whatever their number kind.

Reach probabilities, chance weights and behaviour probabilities are products
of ints/Fractions, floats or SymPy expressions; these helpers keep symbolic
products tidy (zero tests use :func:`trigame._numbers.is_zero`).  Shared by the tree and its solver.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import Kind, convert


def _clean(value: Any) -> Any:
    """Keep SymPy products tidy (expand and cancel); leave numbers alone."""
    if isinstance(value, (float, int, Fraction, np.floating)):
        return value
    import sympy

    return sympy.cancel(sympy.expand(value)) if isinstance(value, sympy.Expr) else value


def _as_kind(value: Any, kind: Kind) -> Any:
    """``value`` in the number kind ``kind``."""
    if kind == "symbolic":
        return convert(value, "symbolic")
    return convert(value, kind)
