"""Conditions on parameters: ``if``, ``max`` and ``min`` that work on numbers, arrays and symbols alike.

``payoffs(v)`` receives numbers, NumPy arrays or SymPy symbols, so it cannot
use ``if``, ``and``/``or``, ``max()`` or ``min()`` on a parameter.  Write
:func:`where`, :func:`maximum` and :func:`minimum` instead: they branch on
numbers, work elementwise on arrays (``numpy.where``) and give a
``sympy.Piecewise`` / ``Max`` / ``Min`` for symbols, so one definition still
serves every method of :class:`~trigame.models.base.Model`.

The other direction lives here too: a payoff of a sequential model's strategic
form, a SymPy polynomial in the parameters (with the ``Piecewise``, ``Max`` and
``Min`` these helpers make), is evaluated on NumPy arrays by :func:`_evaluate`
for :meth:`Model.payoff_tensor <trigame.models.base.Model.payoff_tensor>`; and
:func:`_call_payoffs` turns the error of an ``if`` on an array or a symbol into
a message that names these helpers.

>>> where(2 > 1, "a", "b"), maximum(1, 3)
('a', 3)
>>> import numpy as np
>>> where(np.array([1, 3]) > 2, 10, 0).tolist(), minimum(np.array([1, 3]), 2).tolist()
([0, 10], [1, 2])
>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> where(x > 2, 10, 0)
Piecewise((10, x > 2), (0, True))
>>> _evaluate(where(x > 2, 10, 0) + x, {"x": np.array([1, 3])}, floats=False).tolist()
[1, 13]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import is_sympy, to_sympy
from trigame.errors import ParameterError, TrigameError, UnsupportedGameError

__all__ = ["maximum", "minimum", "where"]


# ---------------------------------------------------------------------------- conditions on parameters
def _any_array(*values: Any) -> bool:
    return any(isinstance(x, np.ndarray) for x in values)


def _any_sympy(*values: Any) -> bool:
    return any(is_sympy(x) for x in values)


def _sympy_operand(value: Any, name: str) -> Any:
    if isinstance(value, (str, bytes)):
        raise ParameterError(f"{name} must be a number, an array or a SymPy expression, not the string {value!r}")
    if isinstance(value, (bool, np.bool_)):
        import sympy

        return sympy.true if value else sympy.false
    return to_sympy(value)


def where(condition: Any, if_true: Any, if_false: Any) -> Any:
    """``if_true`` where ``condition`` holds, ``if_false`` elsewhere: an ``if`` that ``payoffs(v)`` may use.

    Numbers branch as ``if`` does (exact values stay exact); NumPy arrays
    choose elementwise (``numpy.where``); a SymPy condition gives
    ``sympy.Piecewise((if_true, condition), (if_false, True))``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> where(Fraction(1, 3) > 0, Fraction(1, 2), 0)
    Fraction(1, 2)
    """
    if _any_sympy(condition, if_true, if_false) and not _any_array(condition, if_true, if_false):
        import sympy

        cond = _sympy_operand(condition, "where's condition")
        return sympy.Piecewise((_sympy_operand(if_true, "where's if_true"), cond),
                               (_sympy_operand(if_false, "where's if_false"), True))
    if _any_array(condition, if_true, if_false):
        return np.where(condition, if_true, if_false)
    return if_true if condition else if_false


def maximum(a: Any, b: Any) -> Any:
    """The larger of ``a`` and ``b``: ``max`` for numbers, ``numpy.maximum`` for arrays, ``sympy.Max`` for symbols.

    Examples
    --------
    >>> maximum(2, 5), maximum(-1.5, -2)
    (5, -1.5)
    """
    if _any_sympy(a, b) and not _any_array(a, b):
        import sympy

        return sympy.Max(_sympy_operand(a, "maximum's a"), _sympy_operand(b, "maximum's b"))
    if _any_array(a, b):
        return np.maximum(a, b)
    return a if a >= b else b


def minimum(a: Any, b: Any) -> Any:
    """The smaller of ``a`` and ``b``: ``min`` for numbers, ``numpy.minimum`` for arrays, ``sympy.Min`` for symbols.

    Examples
    --------
    >>> minimum(2, 5), minimum(-1.5, -2)
    (2, -2)
    """
    if _any_sympy(a, b) and not _any_array(a, b):
        import sympy

        return sympy.Min(_sympy_operand(a, "minimum's a"), _sympy_operand(b, "minimum's b"))
    if _any_array(a, b):
        return np.minimum(a, b)
    return a if a <= b else b


#: Messages of the errors Python, NumPy and SymPy raise when ``payoffs(v)`` branches on an array or a symbol.
_BRANCHING = (
    "truth value of an array",
    "truth value of relational",
    "cannot determine truth value",
    "arrays can be converted to python scalars",
    "cannot convert expression to float",
)


def _branching(exc: BaseException) -> bool:
    """Whether an error is the one raised by an ``if``, ``max()`` or ``math`` function on an array or a symbol."""
    text = str(exc).lower()
    return isinstance(exc, (TypeError, ValueError)) and any(m in text for m in _BRANCHING)


def _call_payoffs(payoffs: Callable[[Any], Any], model_name: str, namespace: Any, kind: str) -> Any:
    """``payoffs(namespace)``; an ``if``/``max()`` on arrays or symbols becomes a clear UnsupportedGameError.

    ``payoffs`` is a model's ``payoffs`` static method and ``model_name`` the
    model's class name (for the message).
    """
    try:
        return payoffs(namespace)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, TrigameError) or not _branching(exc):
            raise
        raise UnsupportedGameError(
            f"{model_name}.payoffs(v) cannot be evaluated on {kind} ({type(exc).__name__}: {exc}): it uses "
            "`if`, `and`/`or`, max(), min() or a math function on a parameter; write "
            "trigame.models.where(condition, a, b), maximum(a, b) or minimum(a, b) (or NumPy/SymPy functions), "
            "which work on numbers, arrays and symbols alike"
            + ("; or solve it numerically with tg.statics.sweep" if kind == "SymPy symbols" else "")
        ) from exc


# ---------------------------------------------------------------------------- evaluating on arrays
def _evaluate(expr: Any, arrays: Mapping[str, np.ndarray], floats: bool) -> Any:
    """A polynomial SymPy expression in the parameters, evaluated on NumPy arrays (exact unless ``floats``)."""
    if not is_sympy(expr):
        return float(expr) if floats and isinstance(expr, Fraction) else expr
    if expr.is_Symbol:
        return arrays[expr.name]
    if expr.is_Integer:
        return int(expr)
    if expr.is_Rational:
        value = Fraction(int(expr.p), int(expr.q))
        return float(value) if floats else value
    if expr.is_Float:
        return float(expr)
    if expr.is_Add:
        return functools.reduce(lambda a, b: a + b, (_evaluate(t, arrays, floats) for t in expr.args))
    if expr.is_Mul:
        return functools.reduce(lambda a, b: a * b, (_evaluate(t, arrays, floats) for t in expr.args))
    if expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        return _evaluate(expr.base, arrays, floats) ** int(expr.exp)
    import sympy

    if isinstance(expr, (sympy.Max, sympy.Min)):  # from maximum() / minimum()
        combine = np.maximum if isinstance(expr, sympy.Max) else np.minimum
        return functools.reduce(combine, (_evaluate(t, arrays, floats) for t in expr.args))
    if isinstance(expr, sympy.Piecewise) and expr.args[-1].cond == sympy.true:  # from where()
        out = _evaluate(expr.args[-1].expr, arrays, floats)
        for pair in reversed(expr.args[:-1]):
            out = np.where(_condition(pair.cond, arrays, floats), _evaluate(pair.expr, arrays, floats), out)
        return out
    raise UnsupportedGameError(
        f"payoff_tensor evaluates polynomial payoffs (and where/maximum/minimum of them) only; this tree has "
        f"the payoff {expr}: solve it point by point with Model(...).game()"
    )


_RELATIONS: dict[str, Callable[[Any, Any], Any]] = {
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _condition(cond: Any, arrays: Mapping[str, np.ndarray], floats: bool) -> Any:
    """A SymPy condition (relations joined by And, Or, Not) evaluated on NumPy arrays, as a bool array."""
    import sympy

    if cond == sympy.true or cond == sympy.false:
        return bool(cond == sympy.true)
    if isinstance(cond, sympy.core.relational.Relational) and cond.rel_op in _RELATIONS:
        value = _RELATIONS[cond.rel_op](_evaluate(cond.lhs, arrays, floats), _evaluate(cond.rhs, arrays, floats))
        return np.asarray(value).astype(bool)
    if isinstance(cond, sympy.And):
        return functools.reduce(np.logical_and, (_condition(c, arrays, floats) for c in cond.args))
    if isinstance(cond, sympy.Or):
        return functools.reduce(np.logical_or, (_condition(c, arrays, floats) for c in cond.args))
    if isinstance(cond, sympy.Not):
        return np.logical_not(_condition(cond.args[0], arrays, floats))
    raise UnsupportedGameError(f"payoff_tensor cannot evaluate the condition {cond} on arrays: solve it point by "
                               "point with Model(...).game()")

