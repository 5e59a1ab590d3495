"""Arithmetic on the probabilities and weights of a tree, whatever their number kind.

Reach probabilities, chance weights and behaviour probabilities are products
of ints/Fractions, floats or SymPy expressions; these helpers keep symbolic
products tidy (zero tests use :func:`trigame._numbers.is_zero`).  Shared by the tree and its solver.

A SymPy rational function with rational coefficients is brought to lowest terms in SymPy's sparse
rational-function field over the integers (:func:`rational_element`), several times faster than
``sympy.cancel`` on the expression tree, and written back in the form ``sympy.cancel`` gives
(:func:`as_cancelled`): numerator and denominator coprime over the integers (contents included), the
denominator's leading coefficient positive in SymPy's order of the generators -- the one representation
of the function with these properties, so the two agree expression for expression.  Anything else (floats,
radicals, other functions) goes to ``sympy.cancel``.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from trigame._numbers import Kind, convert


def _clean(value: Any) -> Any:
    """Keep SymPy products tidy (expand and cancel); leave numbers alone."""
    if isinstance(value, (float, int, Fraction, np.floating)):
        return value
    import sympy

    if not isinstance(value, sympy.Expr) or value.is_Number:
        return value
    element = rational_element(value)
    if element is not None:
        return as_cancelled(element)
    return sympy.cancel(sympy.expand(value))


def rational_element(value: Any, symbols: tuple[Any, ...] | None = None) -> Any:
    """``value`` as an element of the field of rational functions over the integers in ``symbols``.

    ``symbols`` (default: those of ``value``) are put in SymPy's order of generators, so that elements over
    the same symbols add and compare.  None when ``value`` is not a rational function of ``symbols`` with
    rational coefficients built from sums, products and integer powers (a float, a radical, ``pi``, another
    function or another symbol inside).
    """
    import sympy
    from sympy.polys.polyutils import _sort_gens

    found = _symbols_of_rational(value)
    if found is None or (symbols is not None and not found <= set(symbols)):
        return None
    K = _field(tuple(_sort_gens(found if symbols is None else symbols)))
    try:
        element = K.from_expr(value)
    except (ValueError, sympy.polys.polyerrors.CoercionFailed):  # screened above; a SymPy change
        return None
    # the field's arithmetic keeps the denominator's leading coefficient positive, but not its negative
    # powers (1/(1 - x) is read as 1/(1 - x), not -1/(x - 1)): the sign is made canonical here
    return K.raw_new(-element.numer, -element.denom) if element.denom.LC < 0 else element


def as_cancelled(element: Any) -> Any:
    """A field element as the expression ``sympy.cancel`` writes for it (``numerator / denominator``)."""
    K = element.field
    numerator = element.numer.as_expr(*K.symbols)
    if element.denom == 1:
        return numerator
    return numerator / element.denom.as_expr(*K.symbols)


def _symbols_of_rational(value: Any) -> set[Any] | None:
    """The symbols of a sum of products of symbols and rationals with integer powers; None for anything else."""
    symbols = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if node.is_Symbol:
            symbols.add(node)
        elif node.is_Add or node.is_Mul:
            stack.extend(node.args)
        elif node.is_Pow:
            if not node.exp.is_Integer:
                return None
            stack.append(node.base)
        elif not node.is_Rational:
            return None
    return symbols


@lru_cache(maxsize=64)
def _field(symbols: tuple[Any, ...]) -> Any:
    """SymPy's field of rational functions over the integers in ``symbols`` (lex order; a dummy when none)."""
    import sympy
    from sympy.polys.domains import ZZ
    from sympy.polys.fields import FracField

    return FracField(symbols or (sympy.Dummy("constant"),), ZZ)


def _as_kind(value: Any, kind: Kind) -> Any:
    """``value`` in the number kind ``kind``."""
    if kind == "symbolic":
        return convert(value, "symbolic")
    return convert(value, kind)
