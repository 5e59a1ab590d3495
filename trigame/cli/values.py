"""Values from the command line: numbers, ranges, presets and parameter values, and the game files shipped.

Values are numbers, never code (:func:`trigame._numbers.parse_number`); a
malformed one is a :class:`CommandLineError`, a one-line message naming the
option.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trigame._numbers import parse_number
from trigame.errors import ParameterError

if TYPE_CHECKING:
    from trigame.models.base import Model

__all__ = ["CommandLineError", "bundled_games", "find_preset", "model_values", "parse_range"]

class CommandLineError(ParameterError):
    """A malformed command-line value (a number, a ``name=value`` pair, a range)."""


# ---------------------------------------------------------------------------- values from the command line
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)


def _split_assignment(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise CommandLineError(f"{option} expects name=value, got {text!r}")
    return name, value


def parse_range(text: str, option: str = "--x") -> tuple[str, int | Fraction, int | Fraction, int]:
    """``name=lo:hi:n`` -> ``(name, lo, hi, n)``: n >= 2 evenly spaced points from lo to hi.

    Examples
    --------
    >>> parse_range("fear_rok=0:1:11")
    ('fear_rok', 0, 1, 11)
    >>> parse_range("fear_rok=1:0:11")
    Traceback (most recent call last):
        ...
    trigame.cli.values.CommandLineError: --x fear_rok: the range must go upwards (lo < hi), got lo = 1, hi = 0
    """
    name, spec = _split_assignment(text, option)
    parts = spec.split(":")
    if len(parts) != 3:
        raise CommandLineError(f"{option} expects name=lo:hi:n (e.g. {name}=0:1:101), got {text!r}")
    lo = parse_number(parts[0], f"{option} {name} (lo)")
    hi = parse_number(parts[1], f"{option} {name} (hi)")
    count = parts[2].strip()
    if not _INTEGER.fullmatch(count) or len(count) > 30 or int(count) < 2:
        shown = count if len(count) <= 40 else f"{count[:20]}... ({len(count)} characters)"
        raise CommandLineError(f"{option} {name}: the number of points n must be an integer >= 2, got {shown!r}")
    if not lo < hi:
        raise CommandLineError(f"{option} {name}: the range must go upwards (lo < hi), got lo = {lo}, hi = {hi}")
    return name, lo, hi, int(count)


# ---------------------------------------------------------------------------- models from the command line
def _setting_fields(model: type[Model]) -> dict[str, dataclasses.Field[Any]]:
    """Dataclass fields that can be set on the command line: parameters, and boolean switches."""
    parameters = set(model.parameter_names())
    return {
        f.name: f for f in dataclasses.fields(model) if f.name in parameters or isinstance(f.default, bool)
    }


def _parse_switch(text: str, what: str) -> bool:
    word = text.strip().casefold()
    if word in ("true", "yes", "1", "on"):
        return True
    if word in ("false", "no", "0", "off"):
        return False
    raise CommandLineError(f"{what}: {text!r} is not a switch value (write true or false)")


def find_preset(model: type[Model], name: str) -> str:
    """The full name of the model's preset called ``name`` (case-insensitive; a unique prefix is enough).

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> find_preset(QuasiAlliance, "1972")
    '1972-74 detente'
    >>> find_preset(QuasiAlliance, "19")
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: QuasiAlliance: preset '19' is ambiguous, it matches: 1969-71 Nixon Doctrine; \
1972-74 detente; 1975-79 Carter withdrawal plan; write more of its name
    """
    scenarios = {s.name: s for s in model.scenarios}
    if not scenarios:
        raise ParameterError(f"{model.__name__} has no presets")
    wanted = name.strip().casefold()
    exact = [s for s in scenarios if s.casefold() == wanted]
    prefix = [s for s in scenarios if s.casefold().startswith(wanted)]
    if exact:
        return exact[0]
    if len(prefix) > 1:
        raise ParameterError(
            f"{model.__name__}: preset {name!r} is ambiguous, it matches: {'; '.join(prefix)}; write more of its name"
        )
    if not prefix:
        raise ParameterError(
            f"{model.__name__} has no preset {name!r}; its presets are: {'; '.join(scenarios)}"
        )
    return prefix[0]


def model_values(
    model: type[Model], settings: Sequence[str] = (), preset: str | None = None, *, as_float: bool = False
) -> dict[str, Any]:
    """Parameter values from ``--preset`` and ``--set name=value`` options (later ones win), validated.

    Returns the values to pass to the model's constructor: the preset's, then
    the settings; with ``as_float`` every parameter value, defaults included,
    becomes a float.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> model_values(QuasiAlliance, ["fear_rok=0.5"], preset="1969")
    {'fear_japan': 1, 'fear_rok': Fraction(1, 2)}
    """
    values: dict[str, Any] = {}
    if preset is not None:
        chosen = find_preset(model, preset)
        values.update(next(s.values for s in model.scenarios if s.name == chosen))
    fields = _setting_fields(model)
    parameters = {p.name: p for p in model.parameters()}
    for text in settings:
        name, raw = _split_assignment(text, "--set")
        if name not in fields:
            raise ParameterError(
                f"{model.__name__} has no parameter {name!r}; its parameters are: {', '.join(fields)}"
            )
        if name in parameters:
            value = parse_number(raw, name)
            domain = parameters[name].domain
            if not domain.contains(value):
                raise ParameterError(f"{model.__name__}: {name} = {raw} is outside its domain {domain}")
            values[name] = value
        else:
            values[name] = _parse_switch(raw, name)
    if as_float:
        for p in model.parameters():
            values[p.name] = float(values.get(p.name, p.default))
    return values


def command_model(name: str, command: str) -> type[Model]:
    """The model called ``name`` for ``trigame COMMAND``; a game file's name is pointed to ``trigame solve``."""
    from trigame.viz.report import find_model

    if name.strip().casefold().endswith((".nfg", ".efg")):
        raise CommandLineError(f"trigame {command} works on models (see 'trigame models') and {name!r} is a game "
                               f"file: 'trigame solve {name}' gives its equilibria")
    return find_model(name)


def _instance(model: type[Model], args: argparse.Namespace) -> Model:
    values = model_values(model, args.set or (), args.preset, as_float=getattr(args, "float", False))
    return model(**values)


# ---------------------------------------------------------------------------- files shipped with trigame
_DATA = Path(__file__).resolve().parent.parent / "data"


def bundled_games() -> dict[str, Path]:
    """The example ``.nfg`` and ``.efg`` files shipped with trigame, by file name."""
    return {p.name: p for p in sorted(_DATA.glob("*.[ne]fg"))}
