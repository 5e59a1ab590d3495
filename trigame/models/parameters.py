"""The parameters of a model: their domains, their declaration and the validation of their values.

A model's parameters are dataclass fields declared with :func:`parameter`
(default, :class:`Interval` domain, meaning, source, and for display a name
and a math symbol); :meth:`Model.parameters
<trigame.models.base.Model.parameters>` reads them back as :class:`Parameter`
records, which validate numbers and arrays against the domain and make the
SymPy symbol carrying the domain as assumptions.  Settings that are not
parameters are declared with :func:`option`; a plain field with a numeric
default is refused when the class is defined, because it is almost always a
forgotten :func:`parameter`.  A :class:`Scenario` names a set of parameter
values.

Examples
--------
>>> fear = Parameter("fear", "fear of abandonment", 0, UNIT, "Cha 1999")
>>> fear.validate(0.25), str(fear.domain)
(0.25, '[0, 1]')
>>> cost = Parameter("domestic_cost_rok", "cost", 2, NONNEGATIVE, latex=r"h_{K}")
>>> cost.label, cost.latex, cost.unicode
('ROK domestic cost', 'h_{K}', 'h_K')
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from trigame._numbers import format_number, is_sympy, to_sympy
from trigame.errors import ParameterError
from trigame.models.bibliography import Quote, format_source

__all__ = [
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "UNIT",
    "Interval",
    "Parameter",
    "Scenario",
    "default_label",
    "default_latex",
    "latex_to_unicode",
    "option",
    "parameter",
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
        The statement it stands for, as text: an essay's citation with a short
        quote, or a literature reference.  It may be given as a
        :func:`~trigame.models.bibliography.cite` quote (or a sequence of quotes
        and strings); it is then stored as text and the quotes in ``citations``.
    citations : tuple of Quote
        The essay quotes ``source`` holds (empty for a plain string).
    label : str
        The display name for figures and tables ("ROK domestic cost"); when
        empty, derived from the name (:func:`default_label`).
    latex : str
        The math symbol in LaTeX (``h_{K}``), used in propositions; when empty,
        derived from the name (:func:`default_latex`).
    unicode : str
        The same symbol in plain Unicode (``h_K``, ``δ``), used in text output;
        when empty, derived from ``latex`` (:func:`latex_to_unicode`).

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
    citations: tuple[Quote, ...] = ()
    label: str = ""
    latex: str = ""
    unicode: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.source, str):
            text, quotes = format_source(self.source)
            object.__setattr__(self, "source", text)
            object.__setattr__(self, "citations", quotes + tuple(self.citations))
        _check_display(self.name, self.label, self.latex, self.unicode)
        if not self.label:
            object.__setattr__(self, "label", default_label(self.name))
        if not self.latex:
            object.__setattr__(self, "latex", default_latex(self.name))
        if not self.unicode:
            object.__setattr__(self, "unicode", latex_to_unicode(self.latex))

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


# ---------------------------------------------------------------------------- display names and symbols
#: Name parts written in capitals or as proper names in a derived display name.
_PROPER = {"us": "US", "usa": "USA", "rok": "ROK", "dprk": "DPRK", "prc": "PRC", "japan": "Japan",
           "china": "China", "korea": "Korea", "nk": "North Korea"}
#: Name parts that say whose parameter it is: a derived label puts them first ("ROK domestic cost").
_OWNERS = {"us", "usa", "rok", "dprk", "prc", "japan", "china", "nk"}
_GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
          "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
_GREEK_UNICODE = dict(zip(_GREEK, "αβγδεζηθικλμνξπρστυφχψω")) | {
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ", "varrho": "ϱ",
    "varsigma": "ς"}
_LATEX_WORDS = {"cdot": "·", "times": "×", "prime": "′", "infty": "∞", "ell": "ℓ", "leq": "≤", "geq": "≥"}
_LATEX_ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "dot": "\u0307", "vec": "\u20d7"}
_LATEX_FORBIDDEN = ("$", "%", "#", "&", "\n", "\r")


def default_label(name: str) -> str:
    """A display name derived from a parameter's name: words, proper names capitalised, the owner first.

    Examples
    --------
    >>> default_label("domestic_cost_rok"), default_label("us_gain"), default_label("prior_tough")
    ('ROK domestic cost', 'US gain', 'Prior tough')
    """
    words = [w for w in name.split("_") if w]
    if len(words) > 1 and words[-1].lower() in _OWNERS and words[0].lower() not in _OWNERS:
        words = [words[-1], *words[:-1]]
    shown = [_PROPER.get(w.lower(), w) for w in words]
    text = " ".join(shown) or name
    return text[0].upper() + text[1:] if len(words) > 1 or len(text) > 1 else text


def default_latex(name: str) -> str:
    r"""A math symbol derived from a parameter's name.

    A single letter or a Greek letter's name is itself (``x``, ``\delta``); a letter followed by parts is
    subscripted (``c_us`` -> ``c_{\mathrm{us}}``, ``x_1`` -> ``x_{1}``); any other name is set in italics.

    Examples
    --------
    >>> default_latex("delta"), default_latex("c_us"), default_latex("prior_tough")
    ('\\delta', 'c_{\\mathrm{us}}', '\\mathit{prior\\_tough}')
    """
    words = [w for w in name.split("_") if w]

    def head(word: str) -> str | None:
        if len(word) == 1 and word.isalpha() and word.isascii():
            return word
        return "\\" + word if word in _GREEK or word in _GREEK_UNICODE else None

    first = head(words[0]) if words else None
    if first is not None and len(words) == 1:
        return first
    if first is not None and all(w.isascii() and w.isalnum() for w in words[1:]):
        parts = [w if w.isdigit() or len(w) == 1 else head(w) or rf"\mathrm{{{w}}}" for w in words[1:]]
        return f"{first}_{{{','.join(parts)}}}"
    return r"\mathit{" + "".join(c if c.isalnum() else "\\" + c if c == "_" else "" for c in name) + "}"


def latex_to_unicode(latex: str) -> str:
    r"""Plain Unicode for a math symbol written in simple LaTeX (``h_{K}`` -> ``h_K``, ``\delta_{J}`` -> ``δ_J``).

    Greek letters, ``\mathrm``/``\mathit``/``\text`` (their content), ``\hat``/``\bar``/``\tilde`` (combining
    accents), ``\cdot`` and escaped underscores are understood; other commands are written by name and braces
    are dropped.

    Examples
    --------
    >>> latex_to_unicode(r"h_{K}"), latex_to_unicode(r"\delta_{\mathrm{US}}"), latex_to_unicode(r"\hat{p}")
    ('h_K', 'δ_US', 'p̂')
    """
    import re

    text = latex
    for accent, mark in _LATEX_ACCENTS.items():
        text = re.sub(rf"\\{accent}\s*\{{([^{{}}]*)\}}", rf"\1{mark}", text)
        text = re.sub(rf"\\{accent}\s+(\w)", rf"\1{mark}", text)
    text = re.sub(r"\\(?:mathrm|mathit|mathsf|mathbf|text|textit|operatorname)\s*\{([^{}]*)\}", r"\1", text)
    text = text.replace("\\_", "_").replace("\\,", " ").replace("\\ ", " ").replace("~", " ")

    def command(match: Any) -> str:
        word = match.group(1)
        return _GREEK_UNICODE.get(word, _LATEX_WORDS.get(word, word))

    text = re.sub(r"\\([A-Za-z]+)\s*", command, text)
    return text.replace("{", "").replace("}", "").strip()


def _check_display(name: str, label: Any, latex: Any, unicode: Any) -> None:
    """Display fields must be one-line strings; a LaTeX symbol must have balanced braces and no specials."""
    for field, value in (("label", label), ("latex", latex), ("unicode", unicode)):
        if not isinstance(value, str):
            raise ParameterError(f"parameter {name}: {field} must be a string, got {value!r}")
        if "\n" in value or "\r" in value or len(value) > 120:
            raise ParameterError(f"parameter {name}: {field} must be one line of at most 120 characters, "
                                 f"got {value!r}")
    bad = [c for c in _LATEX_FORBIDDEN if c in latex]
    depth = 0
    for c in latex:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            break
    if bad or depth != 0:
        raise ParameterError(f"parameter {name}: latex must be a math symbol with balanced braces and no "
                             f"{', '.join(repr(c) for c in _LATEX_FORBIDDEN[:4])}, got {latex!r}")


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
    source: Any
    label: str = ""
    latex: str = ""
    unicode: str = ""


def parameter(*, default: Any, domain: Interval, description: str, source: Any = "", label: str = "",
              latex: str = "", unicode: str = "") -> Any:
    """Declare a model parameter: a dataclass field carrying its :class:`Parameter` data.

    ``source`` is a string, a :func:`~trigame.models.bibliography.cite` quote,
    or a sequence of both.  ``label`` (a display name, "ROK domestic cost"),
    ``latex`` (a math symbol, ``h_{K}``) and ``unicode`` (``h_K``) are
    optional: when absent they are derived from the field's name and from
    ``latex`` (see :class:`Parameter`).

    Examples
    --------
    >>> field = parameter(default=1, domain=UNIT, description="a probability")
    >>> field.default, field.metadata["trigame.parameter"].domain
    (1, Interval(lower=0, upper=1, lower_open=False, upper_open=False))
    """
    if not isinstance(domain, Interval):
        raise ParameterError(f"a parameter's domain must be an Interval, got {domain!r}")
    format_source(source)  # a bad source fails where the parameter is declared
    _check_display("being declared", label, latex, unicode)
    spec = _Spec(default=default, domain=domain, description=description, source=source, label=label,
                 latex=latex, unicode=unicode)
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


@dataclasses.dataclass(frozen=True)
class Scenario:
    """A named set of parameter values (a historical period or an illustrative regime).

    Attributes
    ----------
    name : str
        The scenario's name, the key in :meth:`Model.presets <trigame.models.base.Model.presets>`.
    values : Mapping
        Parameter values; the others keep their defaults.
    description : str
        What the scenario stands for, with its evidence and the outcome reported.
    """

    name: str
    values: Mapping[str, Any]
    description: str = ""
