"""A model's payoffs at every point of a chunk at once: ``payoffs(v)`` called once with *lanes*.

A :class:`_Lane` stands for one swept parameter inside ``payoffs(v)``.  It is a
float (so the game's constructors accept it and the tree's number kind is
``"float"``, as it is at each grid point) that carries the parameter's values
at every point of a chunk; the arithmetic the model writes (``+ - * /``,
negation, ``abs``) is carried out on those arrays, operation by operation in the
model's own order, so each point gets bit for bit the IEEE double the scalar
evaluation gives (NumPy's float64 arithmetic is Python's).  Whatever would
branch on a value -- comparisons, truth values, ``int()``, rounding, powers,
hashing -- raises :class:`_Untraceable`, and the caller solves point by point.

A function that reads the float without calling a method (``math.sqrt``) sees
the lane's own value, a *dummy* that is none of the grid's values; the caller
therefore checks the lanes' payoffs against the real game at sample points
(:func:`trigame.statics.sweep._tree_route._solve_tree`), which such a model fails.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

#: Dummy scalar values of the lanes (irrational-looking, so a lost trace shows at any real grid point).
_DUMMIES = (0.6180339887498949, 0.5772156649015329, 0.7071067811865476, 0.4142135623730951, 0.3183098861837907)


class _Untraceable(Exception):
    """``payoffs(v)`` did something with a swept parameter that lanes cannot follow."""


def _operand(value: Any) -> Any:
    """The array or float64-exact scalar a plain number stands for in float arithmetic, as Python converts it."""
    if isinstance(value, _Lane):
        return value.values
    kind = type(value)
    if kind is float:
        return value
    if kind in (int, bool) and abs(value) <= 2**53:  # converted to float exactly, as Python does
        return float(value)
    if kind is Fraction:
        return float(value)  # float op Fraction is float op float(Fraction)
    raise _Untraceable(f"arithmetic with {type(value).__name__}")


def _binary(op: Callable[[Any, Any], Any], reflected: bool) -> Callable[[Any, Any], Any]:
    def method(self: _Lane, other: Any) -> _Lane:
        left, right = (_operand(other), self.values) if reflected else (self.values, _operand(other))
        dummy_left, dummy_right = (_dummy(other), float(self)) if reflected else (float(self), _dummy(other))
        try:
            dummy = op(dummy_left, dummy_right)
        except ArithmeticError as exc:
            raise _Untraceable(str(exc)) from None
        with np.errstate(all="ignore"):
            return _Lane(op(left, right), dummy)

    return method


def _dummy(value: Any) -> float:
    return float(value) if isinstance(value, _Lane) else float(_operand(value))


def _refuse(what: str) -> Callable[..., Any]:
    def method(self: _Lane, *args: Any) -> Any:
        raise _Untraceable(what)

    return method


class _Lane(float):
    """A swept parameter: a float whose arithmetic is carried out on its values at every point of a chunk."""

    values: np.ndarray

    def __new__(cls, values: np.ndarray, dummy: float) -> _Lane:
        lane = super().__new__(cls, dummy)
        lane.values = values
        return lane

    __add__ = _binary(operator.add, False)
    __radd__ = _binary(operator.add, True)
    __sub__ = _binary(operator.sub, False)
    __rsub__ = _binary(operator.sub, True)
    __mul__ = _binary(operator.mul, False)
    __rmul__ = _binary(operator.mul, True)
    __truediv__ = _binary(operator.truediv, False)
    __rtruediv__ = _binary(operator.truediv, True)

    def __neg__(self) -> _Lane:
        return _Lane(-self.values, -float(self))

    def __pos__(self) -> _Lane:
        return self

    def __abs__(self) -> _Lane:
        return _Lane(np.abs(self.values), abs(float(self)))

    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _refuse("a comparison")  # type: ignore[assignment]
    __bool__ = _refuse("a truth value")
    __hash__ = _refuse("hashing")  # type: ignore[assignment]
    __int__ = __index__ = _refuse("int()")
    __round__ = __floor__ = __ceil__ = __trunc__ = _refuse("rounding")
    __pow__ = __rpow__ = _refuse("a power")
    __mod__ = __rmod__ = __floordiv__ = __rfloordiv__ = __divmod__ = __rdivmod__ = _refuse("integer division")


def _lane_payoffs(spec: Any, values: dict[str, np.ndarray]) -> Any:
    """The model's game built with lanes for the swept parameters (``{name: float64 values}``).

    Raises :class:`_Untraceable` when the non-swept values are not plain ints, floats or Fractions, or when
    ``payoffs(v)`` branches on a swept parameter.
    """
    import types

    base = spec.model(**spec.base)
    fixed = base.values()
    for name, value in fixed.items():
        if name not in values and type(value) not in (int, float, Fraction):
            raise _Untraceable(f"the value of {name} is a {type(value).__name__}")
    lanes = {name: _Lane(np.asarray(array, dtype=np.float64), _DUMMIES[k % len(_DUMMIES)] * (1 + k // 5))
             for k, (name, array) in enumerate(values.items())}
    namespace = types.SimpleNamespace(**{**fixed, **lanes}, **base.option_values())
    try:
        return spec.model.payoffs(namespace)
    except _Untraceable:
        raise
    except Exception as exc:  # anything else the dummies provoke: solve point by point, which reports it
        raise _Untraceable(f"payoffs(v) raised {type(exc).__name__}") from None
