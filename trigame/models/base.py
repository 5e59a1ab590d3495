"""Typed, documented families of games: :class:`Model`, :class:`Parameter`, :class:`Interval`.

A model is a frozen dataclass whose fields are the parameters of a game.  Each
parameter is declared once with :func:`parameter` (meaning, default, domain
and the essay statement or paper it stands for), and the model's payoffs are
written once, in its static method ``payoffs(v)``, with plain arithmetic on
``v.<parameter name>``.  The same definition then gives

* one numeric game -- :meth:`Model.game`, with the instance's numbers (ints and
  Fractions give an exact game, floats a float game);
* a batch of games -- :meth:`Model.payoff_tensor`, with NumPy arrays that
  broadcast together (for a sequential model, the payoffs of the tree's
  strategic form, evaluated from the tree built once over SymPy symbols);
* a symbolic game -- :meth:`Model.symbolic_game`, with SymPy symbols named after
  the parameters and carrying their domains as assumptions.

``payoffs(v)`` returns either a mapping from pure-strategy profiles (tuples of
strategy labels) to payoff vectors -- a strategic-form model, whose
``strategies`` class attribute lists each player's labels -- or a
:class:`trigame.games.tree.GameTree` -- a sequential model.  :meth:`Model.equilibria`
dispatches on that: Nash equilibria of a strategic-form game, subgame-perfect
equilibria of a tree (all Nash equilibria of its strategic form with
``nash=True``).

A model may also have *options*: dataclass fields that are not parameters
(e.g. ``simultaneous: bool = False``, a variant of the game's timing).  They
are passed to ``payoffs(v)`` as ``v.<option>`` too, are honoured by every
method, are never swept nor made symbols, and a model whose strategies depend
on them declares :meth:`Model.variant_strategies`.  A plain field with a
non-numeric default (a bool, a string, a tuple of names) is an option; a
numeric setting must be declared with :func:`option`, because a plain field
with a number (``threat: float = 0.5``) is almost always a parameter whose
:func:`parameter` declaration was forgotten: the class definition raises a
:class:`~trigame.errors.ParameterError` that says so.  A subclass that is not
decorated with ``@dataclass`` gets an error at first use that says so too.

Conditions on parameters
------------------------
``payoffs(v)`` receives numbers, NumPy arrays or SymPy symbols, so it cannot
use ``if``, ``and``/``or``, ``max()`` or ``min()`` on a parameter.  Write
:func:`where`, :func:`maximum` and :func:`minimum` instead: they branch on
numbers, work elementwise on arrays (``numpy.where``) and give a
``sympy.Piecewise`` / ``Max`` / ``Min`` for symbols, so one definition still
serves every method.

>>> where(2 > 1, "a", "b"), maximum(1, 3)
('a', 3)
>>> import numpy as np
>>> where(np.array([1, 3]) > 2, 10, 0).tolist(), minimum(np.array([1, 3]), 2).tolist()
([0, 10], [1, 2])
>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> where(x > 2, 10, 0)
Piecewise((10, x > 2), (0, True))

Examples
--------
A two-parameter coordination game, defined in six lines:

>>> from dataclasses import dataclass
>>> from trigame.models.base import Interval, Model, parameter
>>> @dataclass(frozen=True, kw_only=True)
... class Meeting(Model):
...     '''Two friends meet at the cafe or the park.'''
...     players = ("Ann", "Bob")
...     strategies = (("Cafe", "Park"), ("Cafe", "Park"))
...     cafe: float = parameter(default=2, domain=Interval(0, None), description="value of meeting at the cafe")
...     park: float = parameter(default=1, domain=Interval(0, None), description="value of meeting in the park")
...     @staticmethod
...     def payoffs(v):
...         return {("Cafe", "Cafe"): (v.cafe, v.cafe), ("Cafe", "Park"): (0, 0),
...                 ("Park", "Cafe"): (0, 0), ("Park", "Park"): (v.park, v.park)}
>>> len(Meeting().equilibria())
3
>>> Meeting.symbolic_game().payoffs[0, 0, 0]
cafe
>>> Meeting.payoff_tensor(cafe=[1, 2, 3]).shape
(3, 2, 2, 2)
>>> Meeting(cafe=-1)
Traceback (most recent call last):
    ...
trigame.errors.ParameterError: Meeting: cafe = -1 is outside its domain [0, inf)
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import itertools
import math
import types
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np

from trigame._numbers import format_number, is_sympy, to_sympy
from trigame.errors import LabelError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame

__all__ = [
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "UNIT",
    "Interval",
    "Model",
    "Parameter",
    "Scenario",
    "maximum",
    "minimum",
    "option",
    "parameter",
    "where",
]

#: Key under which :func:`parameter` stores its specification in a field's metadata.
_SPEC = "trigame.parameter"
#: Key under which :func:`option` marks a field as a deliberate option.
_OPTION = "trigame.option"

Bound = int | Fraction | float | None


# ---------------------------------------------------------------------------- domains
@dataclasses.dataclass(frozen=True)
class Interval:
    """An interval of the real line: the domain of a parameter.

    Parameters
    ----------
    lower, upper : int, Fraction, float or None
        The bounds; None means unbounded on that side (an open end).
    lower_open, upper_open : bool, default False
        Whether the bound itself is excluded.

    Examples
    --------
    >>> unit = Interval(0, 1)
    >>> str(unit), unit.contains(0.5), unit.contains(2)
    ('[0, 1]', True, False)
    >>> str(Interval(0, None, lower_open=True)), Interval(0, None, lower_open=True).assumptions()
    ('(0, inf)', {'real': True, 'nonnegative': True, 'positive': True})
    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> unit.relational(x)
    (x >= 0) & (x <= 1)
    """

    lower: Bound = None
    upper: Bound = None
    lower_open: bool = False
    upper_open: bool = False

    def __post_init__(self) -> None:
        for name in ("lower", "upper"):
            bound = getattr(self, name)
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, (int, Fraction, float)) or not math.isfinite(bound)
            ):
                raise ParameterError(f"an interval's {name} bound must be a finite number or None, got {bound!r}")
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ParameterError(f"empty interval: lower bound {self.lower} exceeds upper bound {self.upper}")
        # An infinite end is always open.
        if self.lower is None:
            object.__setattr__(self, "lower_open", True)
        if self.upper is None:
            object.__setattr__(self, "upper_open", True)

    def contains(self, value: Any) -> Any:
        """Whether ``value`` lies in the interval (a bool array for an array)."""
        inside: Any = True
        if self.lower is not None:
            inside = (value > self.lower) if self.lower_open else (value >= self.lower)
        if self.upper is not None:
            below = (value < self.upper) if self.upper_open else (value <= self.upper)
            inside = below if inside is True else inside & below
        if isinstance(inside, np.ndarray):
            return inside.astype(bool)
        return bool(inside)

    def assumptions(self) -> dict[str, bool]:
        """SymPy assumptions implied by the interval (bounds at 0 only; see :meth:`relational`)."""
        out = {"real": True}
        if self.lower is not None and (self.lower > 0 or (self.lower == 0 and not self.lower_open)):
            out["nonnegative"] = True
        if self.lower is not None and (self.lower > 0 or (self.lower == 0 and self.lower_open)):
            out["nonnegative"] = out["positive"] = True
        if self.upper is not None and (self.upper < 0 or (self.upper == 0 and not self.upper_open)):
            out["nonpositive"] = True
        if self.upper is not None and (self.upper < 0 or (self.upper == 0 and self.upper_open)):
            out["nonpositive"] = out["negative"] = True
        return out

    def relational(self, symbol: Any) -> Any:
        """The domain as a SymPy condition on ``symbol`` (``sympy.true`` for the whole line)."""
        import sympy

        parts = []
        if self.lower is not None:
            low = to_sympy(self.lower)
            parts.append(symbol > low if self.lower_open else symbol >= low)
        if self.upper is not None:
            high = to_sympy(self.upper)
            parts.append(symbol < high if self.upper_open else symbol <= high)
        return sympy.And(*parts)

    def __str__(self) -> str:
        low = "-inf" if self.lower is None else format_number(self.lower)
        high = "inf" if self.upper is None else format_number(self.upper)
        return f"{'(' if self.lower_open else '['}{low}, {high}{')' if self.upper_open else ']'}"


#: Every real number.
REAL = Interval()
#: Numbers >= 0 (costs and values).
NONNEGATIVE = Interval(0, None)
#: Numbers > 0.
POSITIVE = Interval(0, None, lower_open=True)
#: Probabilities and degrees: [0, 1].
UNIT = Interval(0, 1)


# ---------------------------------------------------------------------------- parameters
@dataclasses.dataclass(frozen=True)
class Parameter:
    """A named parameter of a model.

    Attributes
    ----------
    name : str
        The field name (also the name of its SymPy symbol).
    description : str
        What the parameter means in the game.
    default : int, Fraction or float
        The value used when none is given.
    domain : Interval
        The values it may take.
    source : str
        The statement it stands for: an essay file name with a short quote, or a
        literature reference.

    Examples
    --------
    >>> p = Parameter("fear", "fear of abandonment", 0, UNIT, "Cha 1999")
    >>> p.symbol(), p.symbol().is_nonnegative
    (fear, True)
    >>> p.validate(2)
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: fear = 2 is outside its domain [0, 1]
    """

    name: str
    description: str
    default: Any
    domain: Interval
    source: str = ""

    def symbol(self) -> Any:
        """The SymPy symbol named after the parameter, with the domain's assumptions."""
        import sympy

        return sympy.Symbol(self.name, **self.domain.assumptions())

    def validate(self, value: Any, where: str = "") -> int | Fraction | float:
        """Check one number against the domain; return it as an int, Fraction or float."""
        prefix = f"{where}: " if where else ""
        number = _scalar(value, f"{prefix}{self.name}")
        if not self.domain.contains(number):
            raise ParameterError(f"{prefix}{self.name} = {value!r} is outside its domain {self.domain}")
        return number

    def validate_array(self, value: Any, where: str = "") -> np.ndarray:
        """Check a number or an array of numbers against the domain; return an array."""
        prefix = f"{where}: " if where else ""
        label = f"{prefix}{self.name}"
        if isinstance(value, (str, bytes)):
            raise ParameterError(f"{label} must be a number or an array of numbers, got the string {value!r}")
        try:
            array = np.asarray(value)
        except (ValueError, TypeError) as exc:
            raise ParameterError(f"{label} must be a number or a rectangular array of numbers ({exc})") from None
        if array.dtype.kind == "O":
            converted = np.empty(array.shape, dtype=object)
            for index in np.ndindex(*array.shape):
                converted[index] = _scalar(array[index], label)
            array = converted
        elif array.dtype.kind == "f":
            if not np.all(np.isfinite(array)):
                bad = tuple(int(k) for k in np.argwhere(~np.isfinite(array))[0])
                raise ParameterError(f"{label} must be finite; entry {bad} is {array[bad]!r}")
        elif array.dtype.kind not in "iu":
            raise ParameterError(f"{label} must hold numbers, got an array of dtype {array.dtype}")
        inside = self.domain.contains(array)
        if not np.all(inside):
            bad = tuple(int(k) for k in np.argwhere(~np.asarray(inside))[0])
            raise ParameterError(f"{label}: entry {bad} = {array[bad]!r} is outside the domain {self.domain}")
        return array


def _scalar(value: Any, label: str) -> int | Fraction | float:
    """One finite real number as an int, Fraction or float; anything else is a ParameterError."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{label} must be a number, not the boolean {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParameterError(f"{label} must be finite, got {value!r}")
        return Fraction(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ParameterError(f"{label} must be finite, got {value!r}")
        return float(value)
    if is_sympy(value):
        if getattr(value, "is_Rational", False):
            return Fraction(int(value.p), int(value.q))
        if getattr(value, "is_Float", False) and math.isfinite(float(value)):
            return float(value)
        raise ParameterError(
            f"{label} must be a number, got the SymPy expression {value!r}; use symbolic_game() for symbols"
        )
    if isinstance(value, (str, bytes)):
        raise ParameterError(f"{label} must be a number, got the string {value!r} (strings are never parsed)")
    if isinstance(value, (np.ndarray, list, tuple)):
        raise ParameterError(
            f"{label} must be one number in a model instance, got {type(value).__name__}; "
            "use payoff_tensor(...) for arrays of values"
        )
    raise ParameterError(f"{label} must be an int, float or fractions.Fraction, got {value!r}")


@dataclasses.dataclass(frozen=True)
class _Spec:
    default: Any
    domain: Interval
    description: str
    source: str


def parameter(*, default: Any, domain: Interval, description: str, source: str = "") -> Any:
    """Declare a model parameter: a dataclass field carrying its :class:`Parameter` data.

    Examples
    --------
    >>> field = parameter(default=1, domain=UNIT, description="a probability")
    >>> field.default, field.metadata["trigame.parameter"].domain
    (1, Interval(lower=0, upper=1, lower_open=False, upper_open=False))
    """
    if not isinstance(domain, Interval):
        raise ParameterError(f"a parameter's domain must be an Interval, got {domain!r}")
    spec = _Spec(default=default, domain=domain, description=description, source=source)
    return dataclasses.field(default=default, metadata={_SPEC: spec})


def option(*, default: Any, description: str = "") -> Any:
    """Declare a model option: a setting that is not a parameter (never swept, never a symbol).

    Plain fields with a bool, string or tuple default are options already;
    :func:`option` is needed for a numeric setting (a plain numeric field is
    rejected as a forgotten :func:`parameter`).

    Examples
    --------
    >>> field = option(default=3, description="rounds of talks")
    >>> field.default, field.metadata["trigame.option"]
    (3, 'rounds of talks')
    """
    if isinstance(default, (list, dict, set)):
        raise ParameterError(f"an option's default must be immutable (a tuple, not a {type(default).__name__})")
    return dataclasses.field(default=default, metadata={_OPTION: description})


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


def _call_payoffs(cls: type[Model], namespace: Any, kind: str) -> Any:
    """``cls.payoffs(namespace)``; an ``if``/``max()`` on arrays or symbols becomes a clear UnsupportedGameError."""
    try:
        return cls.payoffs(namespace)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, TrigameError) or not _branching(exc):
            raise
        raise UnsupportedGameError(
            f"{cls.__name__}.payoffs(v) cannot be evaluated on {kind} ({type(exc).__name__}: {exc}): it uses "
            "`if`, `and`/`or`, max(), min() or a math function on a parameter; write "
            "trigame.models.where(condition, a, b), maximum(a, b) or minimum(a, b) (or NumPy/SymPy functions), "
            "which work on numbers, arrays and symbols alike"
            + ("; or solve it numerically with tg.statics.sweep" if kind == "SymPy symbols" else "")
        ) from exc


# ---------------------------------------------------------------------------- checking a model's definition
def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):
        head = annotation.strip().split("[", 1)[0].strip()
        return head in ("ClassVar", "typing.ClassVar", "t.ClassVar")
    return annotation is ClassVar or getattr(annotation, "__origin__", None) is ClassVar


_NUMERIC_TYPES = {"float", "int", "Fraction", "fractions.Fraction", "Decimal", "decimal.Decimal", "complex",
                  "Real", "numbers.Real", "Rational", "numbers.Rational", "Number", "numbers.Number", "None",
                  "Optional", "Union", "typing.Optional", "typing.Union"}


def _numeric_annotation(annotation: Any) -> bool:
    if isinstance(annotation, type):
        return annotation in (int, float, Fraction, Decimal, complex)
    if not isinstance(annotation, str):
        return False
    parts = [p for p in annotation.replace("[", " ").replace("]", " ").replace("|", " ").replace(",", " ").split()]
    return bool(parts) and all(p in _NUMERIC_TYPES for p in parts) and parts != ["None"]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Fraction, Decimal, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_))


def _own_annotations(cls: type) -> dict[str, Any]:
    return dict(inspect.get_annotations(cls))


def _check_plain_fields(cls: type) -> None:
    """A plain (non-parameter) field with a number is a forgotten ``parameter(...)``: say how to declare it."""
    for name, annotation in _own_annotations(cls).items():
        if _is_classvar(annotation):
            continue
        default = cls.__dict__.get(name, dataclasses.MISSING)
        if isinstance(default, dataclasses.Field):
            if _SPEC in default.metadata or _OPTION in default.metadata:
                continue
            default = default.default
        numeric = _is_number(default) or (default is dataclasses.MISSING and _numeric_annotation(annotation))
        if not numeric:
            continue
        shown = "" if default is dataclasses.MISSING else f" = {default!r}"
        example = "..." if default is dataclasses.MISSING else repr(default)
        kind = type(default).__name__ if isinstance(default, (int, float, Fraction)) else "float"
        raise ParameterError(
            f"{cls.__name__}.{name}{shown} is a plain dataclass field, which would be a constant option, not a "
            f"parameter; declare it as {name}: {kind} = parameter(default={example}, domain=..., "
            f"description=...), or as {name}: {kind} = option(default={example}) for a numeric setting that is "
            f"never swept, or as {name}: ClassVar[{kind}] = {example} for a constant"
        )


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """``dataclasses.fields(cls)``, after checking that every class declaring fields was made a dataclass."""
    for klass in cls.__mro__:
        if klass is Model or not (isinstance(klass, type) and issubclass(klass, Model)):
            continue
        if "__dataclass_fields__" in klass.__dict__:
            continue
        declared = [name for name, annotation in _own_annotations(klass).items() if not _is_classvar(annotation)]
        if declared:
            raise ParameterError(
                f"{klass.__name__} is not a dataclass, so its field(s) {', '.join(declared)} are not parameters: "
                f"decorate it with @dataclass(frozen=True, kw_only=True) (from dataclasses import dataclass)"
            )
    return dataclasses.fields(cls)


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A named set of parameter values (a historical period or an illustrative regime).

    Attributes
    ----------
    name : str
        The scenario's name, the key in :meth:`Model.presets`.
    values : Mapping
        Parameter values; the others keep their defaults.
    description : str
        What the scenario stands for, with its evidence and the outcome reported.
    """

    name: str
    values: Mapping[str, Any]
    description: str = ""


# ---------------------------------------------------------------------------- hybrid methods
T = TypeVar("T")


class _either(Generic[T]):
    """Bind a method to the instance when called on one, to the class otherwise.

    ``QuasiAlliance.symbolic_game()`` uses the defaults, ``m.symbolic_game()``
    the instance's labels; ``m.payoff_tensor(x=grid)`` keeps ``m``'s other values.
    """

    def __init__(self, func: Callable[..., T]) -> None:
        self.func = func
        functools.update_wrapper(self, func)  # type: ignore[arg-type]

    def __get__(self, obj: Any, owner: type) -> Callable[..., T]:
        return types.MethodType(self.func, owner if obj is None else obj)


# ---------------------------------------------------------------------------- the base class
@dataclasses.dataclass(frozen=True, kw_only=True)
class Model:
    """Base class of trigame's models: a frozen dataclass of validated parameters.

    A subclass is decorated with ``@dataclass(frozen=True, kw_only=True)`` and
    declares

    * ``players`` -- the player names (a class attribute or a field);
    * ``strategies`` -- one tuple of strategy labels per player (strategic-form
      models only);
    * its parameters, as fields created with :func:`parameter`;
    * ``payoffs(v)`` -- a static method returning ``{profile: payoff vector}``
      (or a :class:`trigame.games.tree.GameTree`), computed with plain arithmetic on
      ``v.<name>`` so that it works on numbers, NumPy arrays and SymPy symbols;
    * optionally ``title``, ``scenarios`` (a tuple of :class:`Scenario`) and
      ``headline`` (the two parameters a region map of the model shows);
    * optionally options -- dataclass fields that are not parameters, such
      as ``simultaneous: bool = False`` (a plain field with a bool, string or
      tuple default) or ``rounds: int = option(default=3)`` (a numeric
      setting, see :func:`option`) -- which ``payoffs(v)`` reads as
      ``v.<option>``; when the strategies depend on them, the model overrides
      :meth:`variant_strategies`.  A plain field with a numeric default is
      rejected when the class is defined (a forgotten :func:`parameter`).

    Constructing an instance validates every value against its parameter's
    domain; every error is a :class:`trigame.errors.ParameterError` that names
    the valid parameters or the domain.
    """

    players: ClassVar[tuple[str, ...]] = ()
    strategies: ClassVar[tuple[tuple[str, ...], ...]] = ()
    title: ClassVar[str] = ""
    scenarios: ClassVar[tuple[Scenario, ...]] = ()
    headline: ClassVar[tuple[str, str] | tuple[()]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _check_plain_fields(cls)

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        # The dataclass __init__ would raise a bare TypeError for these.
        if args:
            raise ParameterError(f"{cls.__name__} takes its parameters by name: {', '.join(cls.parameter_names())}")
        cls._check_names(kwargs)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        where = type(self).__name__
        for p in self.parameters():
            object.__setattr__(self, p.name, p.validate(getattr(self, p.name), where))
        type(self)._check_options(self.option_values())
        strategies = type(self).variant_strategies(**self.option_values())
        if strategies != type(self).strategies:  # this instance's variant has its own strategic form
            object.__setattr__(self, "strategies", strategies)
        names = self.players
        if isinstance(names, str) or not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
            raise LabelError(f"{where}: players must be a sequence of names, got {names!r}")
        if not isinstance(names, tuple):
            object.__setattr__(self, "players", tuple(names))
        if len(set(names)) != len(names):
            raise LabelError(f"{where}: player names must be distinct, got {names!r}")
        if self.strategies and len(names) != len(self.strategies):
            raise LabelError(f"{where}: {len(names)} player names for {len(self.strategies)} players")

    # ------------------------------------------------------------------ parameters
    @classmethod
    def parameters(cls) -> tuple[Parameter, ...]:
        """The model's parameters, in declaration order."""
        out = []
        for f in _fields(cls):
            spec = f.metadata.get(_SPEC)
            if spec is not None:
                out.append(Parameter(f.name, spec.description, spec.default, spec.domain, spec.source))
        return tuple(out)

    @classmethod
    def parameter_names(cls) -> tuple[str, ...]:
        """The names of the model's parameters."""
        return tuple(p.name for p in cls.parameters())

    @classmethod
    def _check_names(cls, values: Mapping[str, Any]) -> None:
        fields = {f.name for f in _fields(cls)}
        unknown = sorted(name for name in values if name not in fields)
        if unknown:
            raise ParameterError(
                f"{cls.__name__} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters are: {', '.join(cls.parameter_names())}"
            )

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        """The names of the model's options: dataclass fields that are not parameters."""
        return tuple(f.name for f in _fields(cls) if _SPEC not in f.metadata)

    @classmethod
    def _check_options(cls, options: Mapping[str, Any]) -> None:
        """An option whose default is a bool only takes bools."""
        defaults = cls.option_values()
        for name, value in options.items():
            if isinstance(defaults.get(name), bool) and not isinstance(value, (bool, np.bool_)):
                raise ParameterError(f"{cls.__name__}: the option {name} must be True or False, got {value!r}")

    @_either
    def option_values(self) -> dict[str, Any]:
        """``{option name: value}`` of an instance (the defaults when called on the class)."""
        if isinstance(self, type):
            return {f.name: f.default for f in _fields(self) if _SPEC not in f.metadata}
        return {name: getattr(self, name) for name in self.option_names()}

    @classmethod
    def variant_strategies(cls, **options: Any) -> tuple[tuple[str, ...], ...]:
        """The strategy labels of a strategic-form variant, ``()`` for a sequential one.

        The default is the class attribute ``strategies``; a model whose form
        depends on an option (e.g. ``simultaneous``) overrides this.
        """
        return cls.strategies

    @_either
    def _split(self, given: Mapping[str, Any]) -> tuple[type[Model], dict[str, Any], dict[str, Any]]:
        """The class, and ``given`` split into parameter values and (all) option values."""
        cls = self if isinstance(self, type) else type(self)
        cls._check_names(given)
        options = {**self.option_values(), **{k: x for k, x in given.items() if k in cls.option_names()}}
        cls._check_options(options)
        return cls, {k: x for k, x in given.items() if k not in options}, options

    @_either
    def values(self) -> dict[str, Any]:
        """``{parameter name: value}`` of an instance (the defaults when called on the class)."""
        if isinstance(self, type):
            return {p.name: p.default for p in self.parameters()}
        return {p.name: getattr(self, p.name) for p in self.parameters()}

    def replace(self, **changes: Any) -> Model:
        """A new instance with some values changed (validated like the constructor).

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> QuasiAlliance().replace(fear_rok=1).fear_rok
        1
        """
        type(self)._check_names(changes)
        return dataclasses.replace(self, **changes)

    @classmethod
    def presets(cls) -> dict[str, Model]:
        """``{scenario name: instance}`` for the scenarios the model documents (see ``scenarios``)."""
        return {s.name: cls(**dict(s.values)) for s in cls.scenarios}

    # ------------------------------------------------------------------ the one payoff definition
    @staticmethod
    def payoffs(v: Any) -> Any:
        """Payoffs from parameter values ``v.<name>``: ``{profile: payoffs}`` or a GameTree."""
        raise NotImplementedError("a model defines payoffs(v)")

    @classmethod
    def _check_table(cls, table: Any, strategies: tuple[tuple[str, ...], ...]) -> None:
        """A payoff table maps exactly the strategy profiles: name any missing or unknown profile."""
        if not isinstance(table, Mapping):
            raise TrigameError(f"{cls.__name__}.payoffs must return a mapping {{profile: payoffs}} for the "
                               f"profiles of {strategies}, got {type(table).__name__}")
        expected = list(itertools.product(*strategies))
        known = set(expected)
        missing = [profile for profile in expected if profile not in table]
        extra = [profile for profile in table if profile not in known]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"misses the profile(s) {', '.join(map(repr, missing))}")
            if extra:
                parts.append(f"has key(s) that are not strategy profiles: {', '.join(map(repr, extra))}")
            raise TrigameError(f"{cls.__name__}.payoffs {' and '.join(parts)}; it must map every profile of "
                               f"{strategies} to one payoff per player")

    @classmethod
    def _normal_form(
        cls, table: Any, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]
    ) -> NormalFormGame:
        """Turn ``{profile: payoff vector}`` into a NormalFormGame (object entries, kind detected)."""
        shape = tuple(len(s) for s in strategies)
        cls._check_table(table, strategies)
        array = np.empty((len(players), *shape), dtype=object)
        for index in np.ndindex(*shape):
            profile = tuple(s[k] for s, k in zip(strategies, index))
            vector = tuple(table[profile])
            if len(vector) != len(players):
                raise TrigameError(f"{cls.__name__}.payoffs gives {len(vector)} payoffs at {profile}")
            for i, u in enumerate(vector):
                array[(i, *index)] = u
        return NormalFormGame(array.tolist(), players=players, strategies=strategies, title=cls.title)

    def game(self) -> Any:
        """The concrete game at the instance's values (a NormalFormGame, or a GameTree).

        Ints and Fractions give an exact game, floats a float game.
        """
        built = self.payoffs(types.SimpleNamespace(**self.values(), **self.option_values()))
        if isinstance(built, Mapping):
            return self._normal_form(built, tuple(self.players), self.strategies)
        return built

    @_either
    def symbolic_game(self, **fixed: Any) -> Any:
        """The game over SymPy symbols named after the parameters (with their domains as assumptions).

        Parameters given in ``fixed`` keep that number instead of a symbol;
        options given there choose the variant.  Called on an instance, the
        instance's labels and options are used.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> g = QuasiAlliance.symbolic_game(security_value=3)
        >>> x = {p.name: p.symbol() for p in QuasiAlliance.parameters()}
        >>> g.payoffs[0, 0, 0] == 3 * x["fear_japan"] - x["domestic_cost_japan"]
        True
        >>> [str(s) for s in g.symbols]
        ['domestic_cost_japan', 'domestic_cost_rok', 'fear_japan', 'fear_rok', 'unreciprocated_cost']
        """
        cls, fixed, options = self._split(fixed)
        where = cls.__name__
        values: dict[str, Any] = {}
        for p in cls.parameters():
            values[p.name] = to_sympy(p.validate(fixed[p.name], where)) if p.name in fixed else p.symbol()
        built = _call_payoffs(cls, types.SimpleNamespace(**values, **options), "SymPy symbols")
        if isinstance(built, Mapping):
            return cls._normal_form(built, tuple(options.get("players", self.players)),
                                    cls.variant_strategies(**options))
        return built

    @_either
    def payoff_tensor(self, **values: Any) -> np.ndarray:
        """Payoffs of a batch of games: arrays of parameter values broadcast together.

        Returns an array of shape ``(*grid, n_players, m_1, ..., m_n)`` where
        ``grid`` is the broadcast shape of the given values; the other
        parameters keep the instance's values (the defaults on the class).
        Ints give an integer array, floats a float array, Fractions (and no
        floats) an object array of Fractions.  Options (e.g. ``simultaneous``)
        may be given too, as single values.

        For a sequential model the array holds the payoffs of the tree's
        strategic form (:meth:`trigame.games.tree.GameTree.to_normal_form`, whose
        strategy labels it shares): the tree is built once over SymPy symbols
        and each strategic-form payoff, a polynomial in the parameters, is
        evaluated on the arrays.

        Examples
        --------
        >>> import numpy as np
        >>> from trigame.models import QuasiAlliance
        >>> t = QuasiAlliance.payoff_tensor(fear_japan=np.linspace(0, 1, 5), fear_rok=[[0], [1]])
        >>> t.shape
        (2, 5, 2, 2, 2)
        """
        cls, given, options = self._split(values)
        where = cls.__name__
        current = self.values()
        arrays = {p.name: p.validate_array(given.get(p.name, current[p.name]), where) for p in cls.parameters()}
        if any(a.dtype.kind == "f" for a in arrays.values()):  # floats absorb Fractions, as in a game
            arrays = {name: a.astype(np.float64) for name, a in arrays.items()}
        try:
            grid = np.broadcast_shapes(*(arrays[name].shape for name in given))
        except ValueError:
            shapes = ", ".join(f"{name}: {arrays[name].shape}" for name in given)
            raise ParameterError(f"{where}: the arrays of values do not broadcast together ({shapes})") from None
        broadcast = {name: np.broadcast_to(a, grid) for name, a in arrays.items()}
        strategies = cls.variant_strategies(**options)
        if strategies:
            table = _call_payoffs(cls, types.SimpleNamespace(**broadcast, **options), "NumPy arrays")
            if not isinstance(table, Mapping):
                raise TrigameError(f"{cls.__name__}.payoffs must return a table for a strategic-form variant")
            cls._check_table(table, strategies)
            vectors = {profile: tuple(table[profile]) for profile in itertools.product(*strategies)}
        else:
            key = tuple(sorted(options.items()))
            try:
                hash(key)
            except TypeError:  # an option value that is not hashable (a list, say): build the form uncached
                form = _tree_strategic_form.__wrapped__(cls, key)
            else:
                form = _tree_strategic_form(cls, key)
            strategies = form.strategies
            floats = any(a.dtype.kind == "f" for a in arrays.values())
            vectors = {}
            for index in np.ndindex(*form.shape):
                profile = tuple(s[k] for s, k in zip(strategies, index))
                vectors[profile] = tuple(
                    _evaluate(form.payoffs[(i, *index)], broadcast, floats) for i in range(form.n_players)
                )
        entries = {profile: [np.broadcast_to(np.asarray(u), grid) for u in vector]
                   for profile, vector in vectors.items()}
        dtype = np.result_type(*(u for vector in entries.values() for u in vector))
        shape = tuple(len(s) for s in strategies)
        out = np.empty((*grid, len(strategies), *shape), dtype=dtype)
        for index in np.ndindex(*shape):
            profile = tuple(s[k] for s, k in zip(strategies, index))
            for i, u in enumerate(entries[profile]):
                out[(..., i, *index)] = u
        return out

    # ------------------------------------------------------------------ solving
    def equilibria(self, *, nash: bool = False, method: str = "auto", **options: Any) -> Any:
        """The model's equilibria at the instance's values.

        Strategic-form models: all Nash equilibria (:func:`trigame.equilibria`).
        Sequential models: all subgame-perfect equilibria
        (:func:`trigame.solve.subgame_perfect.subgame_perfect`), or with ``nash=True`` all Nash
        equilibria of the tree's strategic form.
        """
        from trigame.solve import equilibria as nash_equilibria

        game = self.game()
        if isinstance(game, NormalFormGame):
            return nash_equilibria(game, method=method, **options)
        if nash:
            return nash_equilibria(game.to_normal_form(), method=method, **options)
        from trigame.solve.subgame_perfect import subgame_perfect

        return subgame_perfect(game, **options)

    # ------------------------------------------------------------------ text
    @_either
    def describe(self) -> str:
        """The game table (symbolic, and at the values), the parameters and the scenarios, as text."""
        cls = self if isinstance(self, type) else type(self)
        doc = (cls.__doc__ or "").strip().splitlines()
        lines = [f"{cls.__name__}: {doc[0] if doc else cls.title}", ""]
        symbolic = self.symbolic_game()
        numeric = cls(**self.values()).game() if isinstance(self, type) else self.game()
        if isinstance(symbolic, NormalFormGame):
            lines += [*_table(symbolic, str), ""]
            lines += ["At the values below:", *_table(numeric, format_number), ""]
        else:
            lines += [repr(symbolic), "", "At the values below:", repr(numeric), ""]
        lines.append("Parameters:")
        values = self.values()
        for p in cls.parameters():
            lines.append(f"  {p.name} = {format_number(values[p.name])}   domain {p.domain}")
            lines.append(f"      {p.description}")
            if p.source:
                lines.append(f"      Source: {p.source}")
        if cls.scenarios:
            lines += ["", "Scenarios (presets):"]
            for s in cls.scenarios:
                settings = ", ".join(f"{k}={format_number(x)}" for k, x in s.values.items()) or "the defaults"
                lines.append(f"  {s.name}: {settings}")
                if s.description:
                    lines.append(f"      {s.description}")
        return "\n".join(lines)


@functools.lru_cache(maxsize=64)
def _tree_strategic_form(cls: type[Model], options: tuple[tuple[str, Any], ...]) -> NormalFormGame:
    """The strategic form of a sequential model's tree over SymPy symbols (built once per class and options)."""
    tree = cls.symbolic_game(**dict(options))
    if isinstance(tree, NormalFormGame):  # pragma: no cover - only trees reach here
        return tree
    return tree.to_normal_form()


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


def _table(game: NormalFormGame, fmt: Callable[[Any], str]) -> list[str]:
    """A strategic-form game as text: a bimatrix for 2 players, one line per profile otherwise."""
    cells: dict[tuple[int, ...], str] = {}
    for index in np.ndindex(*game.shape):
        cells[index] = "(" + ", ".join(fmt(game.payoffs[(i, *index)]) for i in range(game.n_players)) + ")"
    if game.n_players != 2:
        lines = [f"Players: {', '.join(game.players)}"]
        for index, cell in cells.items():
            profile = ", ".join(s[k] for s, k in zip(game.strategies, index))
            lines.append(f"  {profile}: {cell}")
        return lines
    rows, cols = game.strategies
    head = [f"{game.players[0]} \\ {game.players[1]}", *cols]
    body = [[r] + [cells[(a, b)] for b in range(len(cols))] for a, r in enumerate(rows)]
    widths = [max(len(row[k]) for row in [head, *body]) for k in range(len(head))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [head, *body]]
