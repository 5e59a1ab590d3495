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

    found = _symbols_of_rational(value)
    if found is None or (symbols is not None and not found <= set(symbols)):
        return None
    K = _field(_gens(found if symbols is None else symbols))
    try:
        element = K.from_expr(value)
    except (ValueError, sympy.polys.polyerrors.CoercionFailed):  # screened above; a SymPy change
        return None
    # the field's arithmetic keeps the denominator's leading coefficient positive, but not its negative
    # powers (1/(1 - x) is read as 1/(1 - x), not -1/(x - 1)): the sign is made canonical here
    return K.raw_new(-element.numer, -element.denom) if element.denom.LC < 0 else element


def cancelled_difference(a: Any, b: Any) -> Any:
    """``sympy.cancel(a - b)``, in the field when both are rational functions; ``a`` and ``b`` are SymPy
    expressions or numbers (ints, Fractions: sympified first, strictly, never from a string)."""
    import sympy

    a, b = sympy.sympify(a, strict=True), sympy.sympify(b, strict=True)
    symbols = tuple(a.free_symbols | b.free_symbols)
    first, second = field_element(a, symbols), field_element(b, symbols)
    if first is None or second is None:
        return sympy.cancel(a - b)
    return as_cancelled(first - second)


def as_cancelled(element: Any) -> Any:
    """A field element as the expression ``sympy.cancel`` writes for it (``numerator / denominator``).

    The expression is remembered with its element, so that reading it back (:func:`rational_element`, a
    condition on it read by the decision procedures) costs nothing.
    """
    K = element.field
    numerator = element.numer.as_expr(*K.symbols)
    value = numerator if element.denom == 1 else numerator / element.denom.as_expr(*K.symbols)
    _written[value] = element
    if len(_written) > _WRITTEN:
        try:
            del _written[next(iter(_written))]
        except (KeyError, RuntimeError, StopIteration):  # another thread trimmed it first
            pass
    return value


#: Expressions written by :func:`as_cancelled` and their elements, newest last (at most ``_WRITTEN``).
_written: dict[Any, Any] = {}
_WRITTEN = 4096


def field_element(value: Any, symbols: tuple[Any, ...]) -> Any:
    """:func:`rational_element` over ``symbols``, from what :func:`as_cancelled` wrote when it can be.

    Every field orders its generators as SymPy does (:func:`_gens`), so an element moves to a field with
    more symbols keeping its canonical sign.
    """
    found = _written.get(value)
    if found is not None:
        K = _field(_gens(symbols))
        if found.field is K:
            return found
        if set(found.field.symbols) <= set(K.symbols):
            return found.set_field(K)
    return rational_element(value, symbols)


@lru_cache(maxsize=256)
def _gens_of(symbols: frozenset[Any]) -> tuple[Any, ...]:
    from sympy.polys.polyutils import _sort_gens

    return tuple(_sort_gens(symbols))


def _gens(symbols: Any) -> tuple[Any, ...]:
    """``symbols`` in SymPy's order of generators (the order ``sympy.cancel`` normalises signs in)."""
    return _gens_of(frozenset(symbols))


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
