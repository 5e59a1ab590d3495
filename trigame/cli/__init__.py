"""The ``trigame`` command.

Commands (``trigame COMMAND --help`` explains each)::

    trigame report [--out DIR]                       the whole analysis of every model, as Markdown + PNG
    trigame models                                   the models, one line each
    trigame describe MODEL                           a model's game, parameters, sources and presets
    trigame solve MODEL [--set name=value ...] [--preset NAME] [--exact|--float] [--json] [--nash]
    trigame solve FILE.nfg|FILE.efg [--method M] [--exact|--float] [--json]
    trigame regimes MODEL [--set name=value ...] [--preset NAME] [--latex] [--json]
    trigame sweep MODEL --x name=lo:hi:n [--y name=lo:hi:n] [--set ...] --out FILE.png|FILE.csv
                  [--max-points N] [--max-memory SIZE]
    trigame examples                                 the game files shipped with trigame

Values on the command line are numbers, never code: integers (``3``),
decimals (``0.25``, read exactly as 1/4) or fractions (``2/3``), of bounded size
(:func:`trigame._numbers.parse_number`: at most 400 digits, exponents within
400, sizes up to 1e300).  Every error the user can cause -- an unknown model,
parameter or preset, a value outside its domain or too large, a malformed
``--set`` or range, a missing, unreadable or unwritable file, a request beyond a
budget (grid points, memory, disk) -- ends in a one-line message on stderr and
exit status 2.  A CSV sweep streams: it is solved and written block by block in
bounded memory.

The ``--json`` schemas (``trigame.equilibria/1``, ``trigame.games.tree-equilibria/1``,
``trigame.model-equilibria/1``, ``trigame.regimes/1``) are documented in
``docs/reference/json-schema.md``.  In all of them probabilities and payoffs are
JSON numbers, except exact non-integers, which are strings ``"p/q"`` (with
``--exact``) so that no precision is lost.

Examples
--------
>>> main(["solve", "quasi_alliance", "--set", "fear_japan=1", "--set", "fear_rok=1", "--exact"])
QuasiAlliance: Japan and South Korea, two quasi-allies, choose cooperation or friction (Cha 1999).
...
3 Nash equilibria (method closed_form; complete)
  1. Japan: Cooperate, South Korea: Cooperate
...
0
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import math
import re
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from trigame._numbers import MAX_NUMBER_MAGNITUDE, is_sympy, parse_number
from trigame.errors import BudgetExceededError, EFGFormatError, NFGFormatError, ParameterError, TrigameError

if TYPE_CHECKING:
    from trigame.models.base import Model

__all__ = [
    "JSON_SCHEMA",
    "JSON_SCHEMA_MODEL",
    "JSON_SCHEMA_REGIMES",
    "JSON_SCHEMA_TREE",
    "build_parser",
    "bundled_games",
    "find_preset",
    "main",
    "model_values",
    "parse_number",
    "parse_range",
]

JSON_SCHEMA = "trigame.equilibria/1"
JSON_SCHEMA_TREE = "trigame.games.tree-equilibria/1"
JSON_SCHEMA_MODEL = "trigame.model-equilibria/1"
JSON_SCHEMA_REGIMES = "trigame.regimes/1"
_DATA = Path(__file__).resolve().parent.parent / "data"
_FILE_SUFFIXES = (".nfg", ".efg")


class CommandLineError(ParameterError):
    """A malformed command-line value (a number, a ``name=value`` pair, a range)."""


# ---------------------------------------------------------------------------- values from the command line
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)

#: Grid points a sweep may have unless ``--max-points`` allows more.
DEFAULT_MAX_POINTS = 100_000_000

#: Grid points a picture (``sweep --out FILE.png``) may have: more than its pixels show (2000 x 2000).
MAX_PICTURE_POINTS = 4_000_000

#: Players a game file may have: NumPy's arrays, one axis per player, have at most 32 axes in every function.
MAX_FILE_PLAYERS = 32


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
    trigame.cli.CommandLineError: --x fear_rok: the range must go upwards (lo < hi), got lo = 1, hi = 0
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


def _instance(model: type[Model], args: argparse.Namespace) -> Model:
    values = model_values(model, args.set or (), args.preset, as_float=getattr(args, "float", False))
    return model(**values)


# ---------------------------------------------------------------------------- text and JSON helpers
def bundled_games() -> dict[str, Path]:
    """The example ``.nfg`` and ``.efg`` files shipped with trigame, by file name."""
    return {p.name: p for p in sorted(_DATA.glob("*.[ne]fg"))}


def _resolve_file(path_text: str) -> Path | None:
    path = Path(path_text)
    if path.is_file():
        return path
    if path.is_dir():
        raise TrigameError(f"{path_text!r} is a folder, not a game file; give a .nfg or .efg file")
    if path.exists():
        raise TrigameError(f"{path_text!r} is not a regular file; give a .nfg or .efg file")
    games = bundled_games()
    for name in (path_text, f"{path_text}.nfg", f"{path_text}.efg"):
        if name in games:
            return games[name]
    return None


def _number(value: Any, exact: bool) -> str:
    from trigame._numbers import format_number, to_float

    if isinstance(value, Fraction) and exact:
        return str(value)
    if isinstance(value, int):
        return str(value)
    return format_number(to_float(value), 6)


def _json_value(value: Any, exact: bool) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        return str(value) if exact else float(value)
    return float(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'um' if n == 1 else 'a'}" if word.endswith("equilibri") else f"{n} {word}"


def _print_equilibria(eqs: Any, exact: bool, irrational_note: bool, marks: Sequence[str] = ()) -> None:
    flags = "complete" if eqs.complete else "NOT guaranteed complete"
    if eqs.degenerate:
        flags += "; degenerate: a continuum of equilibria, extreme points listed"
    print(f"{_plural(len(eqs), 'Nash equilibri')} (method {eqs.method}; {flags})")
    for k, eq in enumerate(eqs, start=1):
        mark = f"   [{marks[k - 1]}]" if marks and marks[k - 1] else ""
        print(f"  {k}. {eq.label()}{mark}")
        for player, labels, v in zip(eq.players, eq.labels, eq.strategies):
            probs = ", ".join(f"{lab}: {_number(p, exact)}" for lab, p in zip(labels, v.tolist()))
            print(f"       {player}: {probs}")
        payoffs = ", ".join(f"{player} {_number(u, exact)}" for player, u in zip(eq.players, eq.payoffs))
        rounded = "" if eq.exact or not irrational_note else "  (irrational; shown rounded)"
        print(f"       payoffs: {payoffs}{rounded}")
    for note in eqs.notes:
        print(f"  note: {note}")


def _print_subgame_perfect(spes: Any, players: Sequence[str], exact: bool) -> None:
    flags = "complete" if spes.complete else "NOT guaranteed complete"
    if spes.degenerate:
        flags += "; degenerate: mixtures of the listed choices are subgame-perfect too"
    print(f"{_plural(len(spes), 'subgame-perfect equilibri')} ({flags})")
    for k, spe in enumerate(spes, start=1):
        payoffs = ", ".join(f"{p} {_number(u, exact)}" for p, u in zip(players, spe.payoffs))
        print(f"  {k}. {spe.label()}")
        print(f"       payoffs: {payoffs}")
    for note in spes.notes:
        print(f"  note: {note}")


def _equilibria_json(eqs: Any, exact: bool) -> dict[str, Any]:
    data = eqs.to_json()
    for eq_json, eq in zip(data["equilibria"], eqs):
        eq_json["strategies"] = {
            player: {lab: _json_value(p, exact) for lab, p in zip(labels, v.tolist())}
            for player, labels, v in zip(eq.players, eq.labels, eq.strategies)
        }
        eq_json["payoffs"] = {player: _json_value(u, exact) for player, u in zip(eq.players, eq.payoffs)}
    return data


def _subgame_perfect_json(spes: Any, exact: bool) -> dict[str, Any]:
    data = spes.to_json()
    for spe_json, spe in zip(data["equilibria"], spes):
        spe_json["behavior"] = {
            str(key): {a: _json_value(p, exact) for a, p in dist.items()} for key, dist in spe.behavior.items()
        }
        spe_json["outcomes"] = {" > ".join(path): _json_value(p, exact) for path, p in spe.outcomes.items()}
        spe_json["payoffs"] = {p: _json_value(u, exact) for p, u in zip(spes.tree.players, spe.payoffs)}
    return data


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------------------- trigame solve FILE
def _about(value: Any) -> str:
    """The order of magnitude of a huge exact number, without writing out its digits: ``'1e400'``."""
    if isinstance(value, float):
        return f"{value:.3g}"
    fraction = Fraction(value)
    exponent = math.floor(math.log10(abs(fraction.numerator)) - math.log10(fraction.denominator))
    return f"{'-' if fraction < 0 else ''}1e{exponent}"


def _check_payoff_sizes(values: Any, path: Path) -> None:
    """Refuse payoffs beyond the float range: the answer is printed (and ``--float`` solves) in floating point."""
    for value in values:
        if is_sympy(value) or isinstance(value, bool):
            continue
        if value > MAX_NUMBER_MAGNITUDE or -value > MAX_NUMBER_MAGNITUDE:
            raise TrigameError(
                f"{path}: a payoff of about {_about(value)} is too large; payoffs must be at most 1e300 in size "
                "(trigame prints and solves in floating point too)"
            )


def _check_players(n_players: int, path: Path, what: str = "the game") -> None:
    if n_players > MAX_FILE_PLAYERS:
        raise TrigameError(
            f"{path}: {what} has {n_players} players; trigame solves games of at most {MAX_FILE_PLAYERS} players "
            "(one array axis per player)"
        )


def _read_game(path: Path) -> Any:
    """The game of a ``.nfg`` or ``.efg`` file; every problem with it is a TrigameError naming the file."""
    import trigame as tg

    tree = path.suffix.lower() == ".efg"
    try:
        game = tg.read_efg(path) if tree else tg.read_nfg(path)
    except (NFGFormatError, EFGFormatError) as exc:
        message = " ".join(str(exc).split())
        if str(path) in message or path.name in message:
            raise
        raise type(exc)(f"{path}: {message}") from None
    except UnicodeDecodeError as exc:
        raise (EFGFormatError if tree else NFGFormatError)(
            f"{path}: not a text file (byte {exc.start} is not {exc.encoding})"
        ) from None
    except RecursionError:
        raise (EFGFormatError if tree else NFGFormatError)(
            f"{path}: the game is nested too deeply to be read"
        ) from None
    if tree:
        _check_players(len(game.players), path)
        _check_payoff_sizes((u for payoffs in game.terminals().values() for u in payoffs), path)
    else:
        _check_players(game.n_players, path)
        _check_payoff_sizes(game.payoffs.ravel().tolist(), path)
    return game


def _solve_tree_file(args: argparse.Namespace, path: Path, tree: Any) -> int:
    import trigame as tg

    spes = tg.subgame_perfect(tree)
    try:
        strategic = tree.to_normal_form()
    except BudgetExceededError as exc:
        raise BudgetExceededError(
            f"{path.name}: {str(exc).split('; ')[0]}; the command lists the Nash equilibria of the strategic form "
            "beside the subgame-perfect ones, so it cannot solve this tree: use tg.subgame_perfect(tg.read_efg(...)) "
            "in Python"
        ) from None
    _check_players(strategic.n_players, path, "the strategic form")
    eqs = tg.equilibria(strategic.as_float() if args.float else strategic, method=args.method)
    if args.json:
        _print_json({"schema": JSON_SCHEMA_TREE, "subgame_perfect": _subgame_perfect_json(spes, args.exact),
                     "nash": _equilibria_json(eqs, args.exact)})
        return 0
    print(tree.title or path.name)
    print(f"{len(tree.players)} players ({', '.join(tree.players)}), game tree")
    print()
    print(tree.text())
    print()
    _print_subgame_perfect(spes, tree.players, args.exact)
    print()
    print("Nash equilibria of the strategic form:")
    _print_equilibria(eqs, args.exact, irrational_note=False)
    return 0


def _solve_file(args: argparse.Namespace, path: Path) -> int:
    import trigame as tg

    game = _read_game(path)
    try:
        if path.suffix.lower() == ".efg":
            return _solve_tree_file(args, path, game)
        if args.float:
            game = game.as_float()
        eqs = tg.equilibria(game, method=args.method)
    except RecursionError:
        raise TrigameError(f"{path}: the game is nested too deeply to be solved") from None
    if args.json:
        _print_json({"schema": JSON_SCHEMA, **_equilibria_json(eqs, args.exact)})
        return 0
    print(game.title or path.name)
    print(f"{game.n_players} players ({', '.join(game.players)}), strategies {'x'.join(map(str, game.shape))}, "
          f"{game.kind} payoffs")
    if game.n_players == 2:
        print()
        print(game.table())
    print()
    _print_equilibria(eqs, args.exact, irrational_note=game.is_exact)
    return 0


# ---------------------------------------------------------------------------- trigame solve MODEL
_MARKS = {
    True: "subgame-perfect",
    False: "NOT subgame-perfect",
    None: "correlated mixture: its behaviour off the path, and so subgame perfection, is not determined",
}


def _solve_model(args: argparse.Namespace, model_cls: type[Model]) -> int:
    from trigame.viz.report import is_sequential, solve_model

    if args.method != "auto":
        raise CommandLineError("--method applies to game files; a model is always solved by the complete method")
    instance = _instance(model_cls, args)
    solution = solve_model(instance, nash="all" if args.nash else "pure")
    values = {**instance.values(), **_switches(instance)}
    sequential = is_sequential(instance)
    if args.json:
        nash_json = _equilibria_json(solution.nash, args.exact)
        if sequential:
            for eq_json, flag in zip(nash_json["equilibria"], solution.nash_is_subgame_perfect):
                eq_json["subgame_perfect"] = flag
        _print_json({
            "schema": JSON_SCHEMA_MODEL,
            "model": model_cls.__name__,
            "preset": find_preset(model_cls, args.preset) if args.preset else None,
            "parameters": {name: _json_value(v, args.exact) for name, v in values.items()},
            "kind": "float" if args.float else _values_kind(values),
            "sequential": sequential,
            "nash_scope": solution.nash_scope,
            "nash": nash_json,
            "subgame_perfect": _subgame_perfect_json(solution.subgame_perfect, args.exact) if sequential else None,
        })
        return 0
    from trigame.viz.report import summary_line

    print(f"{model_cls.__name__}: {summary_line(model_cls)}")
    origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
    print("Parameters" + origin + ": " + ", ".join(f"{k} = {_number(v, True)}" for k, v in values.items()))
    game = instance.game()
    print()
    if sequential:
        print(game.text())
        print()
        _print_subgame_perfect(solution.subgame_perfect, game.players, args.exact)
        print()
        if args.nash:
            print("Nash equilibria of the strategic form:")
            marks = [_MARKS[f] for f in solution.nash_is_subgame_perfect]
            _print_equilibria(solution.nash, args.exact, irrational_note=False, marks=marks)
        elif solution.differ:
            others = [k for k, f in enumerate(solution.nash_is_subgame_perfect) if f is not True]
            print(f"The strategic form has {_plural(len(solution.nash), 'pure Nash equilibri')}; "
                  f"{len(others)} of them {'is' if len(others) == 1 else 'are'} not subgame-perfect "
                  "(they rest on threats that would not be carried out):")
            for k in others:
                print(f"  - {solution.nash[k].label()}")
            print("  (every Nash equilibrium, mixed ones included: add --nash)")
        else:
            print(f"Every pure Nash equilibrium of the strategic form ({len(solution.nash)}) is subgame-perfect "
                  "(mixed ones too: add --nash).")
    else:
        print(game.table())
        print()
        _print_equilibria(solution.nash, args.exact, irrational_note=game.is_exact)
    return 0


def _switches(instance: Model) -> dict[str, bool]:
    """The instance's boolean options (e.g. ``simultaneous``), which --set can switch."""
    getter = getattr(instance, "option_values", None)
    options = getter() if callable(getter) else {}
    return {k: v for k, v in options.items() if isinstance(v, bool)}


def _values_kind(values: dict[str, Any]) -> str:
    numbers = [v for v in values.values() if not isinstance(v, bool)]
    return "float" if any(isinstance(v, float) for v in numbers) else "exact"


def _solve_command(args: argparse.Namespace) -> int:
    from trigame.viz.report import find_model, model_registry

    target: str = args.target
    path = _resolve_file(target)
    if path is not None:
        if args.set or args.preset or args.nash:
            raise CommandLineError("--set, --preset and --nash apply to models, not to game files")
        return _solve_file(args, path)
    if target.lower().endswith(_FILE_SUFFIXES) or "/" in target or "\\" in target:
        shipped = ", ".join(bundled_games()) or "none"
        raise TrigameError(f"no such file: {target!r} (games shipped with trigame: {shipped})")
    try:
        model_cls = find_model(target)
    except ParameterError:
        shipped = ", ".join(bundled_games())
        raise ParameterError(
            f"{target!r} is neither a model nor a game file; the models are: {', '.join(model_registry())}; "
            f"shipped game files: {shipped}"
        ) from None
    return _solve_model(args, model_cls)


# ---------------------------------------------------------------------------- trigame regimes
def _sympy_json(value: Any) -> Any:
    """A SymPy number or expression for JSON: integers as numbers, everything else as a string."""
    if getattr(value, "is_Integer", False):
        return int(value)
    return str(value)


def _regimes_command(args: argparse.Namespace) -> int:
    from trigame.statics import regimes
    from trigame.viz.report import find_model

    model_cls = find_model(args.model)
    fixed = model_values(model_cls, args.set or (), args.preset)
    parameters = set(model_cls.parameter_names())
    options = {k: v for k, v in fixed.items() if k not in parameters}
    pinned = {k: v for k, v in fixed.items() if k in parameters}
    target: Any = model_cls(**options) if options else model_cls
    found = regimes(target, fixed=pinned or None)
    if args.latex:
        print(found.to_latex())
        return 0
    what = "Nash" if found.kind == "nash" else "subgame-perfect"
    if args.json:
        _print_json({
            "schema": JSON_SCHEMA_REGIMES,
            "model": model_cls.__name__,
            "kind": found.kind,
            "options": options,
            "free": list(found.parameters),
            "fixed": {k: _json_value(v, True) for k, v in pinned.items()},
            "domain": str(found.domain),
            "degenerate": bool(found.degenerate),
            "notes": list(found.notes),
            "regimes": [
                {
                    "label": r.label,
                    "support_label": r.support_label,
                    "condition": str(r.condition),
                    "probabilities": {str(unit): {a: _sympy_json(p) for a, p in dist.items()}
                                      for unit, dist in r.probabilities.items()},
                    "payoffs": {str(player): _sympy_json(u) for player, u in r.payoffs.items()},
                }
                for r in found
            ],
        })
        return 0
    print(f"{model_cls.__name__}: {len(found)} {what} equilibria as functions of the parameters")
    print(f"Free parameters: {', '.join(found.parameters) or 'none'}; domain: {found.domain}")
    if pinned or options:
        origin = f" (preset {find_preset(model_cls, args.preset)!r})" if args.preset else ""
        print(f"Fixed{origin}: " + ", ".join(f"{k} = {_number(v, True)}" for k, v in {**pinned, **options}.items()))
    print()
    for k, r in enumerate(found, start=1):
        print(f"  {k}. {r.label}")
        print(f"       exists iff {r.condition}")
        print("       payoffs: " + ", ".join(f"{p} = {u}" for p, u in r.payoffs.items()))
    for note in found.notes:
        print(f"  note: {note}")
    return 0


# ---------------------------------------------------------------------------- trigame report
def _report_command(args: argparse.Namespace) -> int:
    import time

    from trigame.viz.report import write_report

    out = Path(args.out)
    side = math.isqrt(MAX_PICTURE_POINTS)
    if not 2 <= args.resolution <= side:
        raise CommandLineError(
            f"--resolution must be between 2 and {side} grid points per axis (a map has at most "
            f"{MAX_PICTURE_POINTS:,} points), got {args.resolution}"
        )
    if out.exists() and not out.is_dir():
        raise TrigameError(f"--out {str(out)!r} is a file; give a folder for the report")
    if not out.exists() and not out.parent.is_dir():
        raise TrigameError(f"cannot create {str(out)!r}: the folder {str(out.parent)!r} does not exist")
    problems: list[str] = []
    start = time.perf_counter()
    path = write_report(out, models=args.models or None, resolution=args.resolution, progress=args.progress,
                        echo=print, problems=problems)
    figures = sorted(p.name for p in path.parent.glob("*.png"))
    print(f"wrote {path} ({len(figures)} figures) in {time.perf_counter() - start:.0f} s")
    for problem in problems:
        print(f"trigame: warning: {' '.join(problem.split())}", file=sys.stderr)
    return 1 if problems else 0


# ---------------------------------------------------------------------------- trigame sweep
#: Columns of the CSV written by ``trigame sweep ... --out FILE.csv`` after the swept parameters.
SWEEP_COLUMNS = ("equilibrium", "set_label", "kind", "unit", "choice", "probability", "payoff")


def _writable(path: Path, suffixes: Sequence[str]) -> Path:
    if path.suffix.lower() not in suffixes:
        raise CommandLineError(f"--out must end in {' or '.join(suffixes)}, got {str(path)!r}")
    folder = path.parent
    if not folder.is_dir():
        raise TrigameError(f"cannot write {str(path)!r}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise TrigameError(f"cannot write {str(path)!r}: it is a folder")
    return path


@dataclasses.dataclass(frozen=True)
class _Axis:
    """One swept parameter: ``n`` evenly spaced floats from ``lo`` to ``hi``, built slice by slice.

    :meth:`values` gives exactly the numbers of ``numpy.linspace(lo, hi, n)[start:stop]``
    without building the whole array, so a grid is never larger in memory than the slice solved.
    """

    name: str
    lo: float
    hi: float
    n: int

    def values(self, start: int = 0, stop: int | None = None) -> Any:
        import numpy as np

        stop = self.n if stop is None else stop
        delta = self.hi - self.lo
        step = delta / (self.n - 1)
        out = np.arange(start, stop, dtype=np.float64)
        if step == 0:  # as numpy.linspace does for denormal steps
            out /= self.n - 1
            out *= delta
        else:
            out *= step
        out += self.lo
        if stop == self.n and stop > start:
            out[-1] = self.hi
        return out

    def picks(self, count: int) -> Any:
        """About ``count`` values spread over the axis, both ends included (for a probe of the grid)."""
        import numpy as np

        index = np.unique(np.linspace(0, self.n - 1, min(count, self.n)).round().astype(np.int64))
        return np.concatenate([self.values(int(k), int(k) + 1) for k in index])


def _sweep_axes(model_cls: type[Model], specs: Sequence[str]) -> list[_Axis]:
    """The swept axes from ``name=lo:hi:n`` specifications, checked against the domains (no array is built)."""
    parameters = {p.name: p for p in model_cls.parameters()}
    axes: list[_Axis] = []
    for option, text in zip(("--x", "--y"), specs):
        name, lo, hi, n = parse_range(text, option)
        if name not in parameters:
            raise ParameterError(
                f"{model_cls.__name__} has no parameter {name!r}; its parameters are: {', '.join(parameters)}"
            )
        if any(axis.name == name for axis in axes):
            raise CommandLineError(f"--x and --y sweep the same parameter {name!r}; choose two different ones")
        domain = parameters[name].domain
        for end in (lo, hi):
            if not domain.contains(end):
                raise ParameterError(f"{model_cls.__name__}: {option} {name} = {end} is outside its domain {domain}")
        low, high = float(lo), float(hi)
        if not low < high:
            raise CommandLineError(f"{option} {name}: {lo} and {hi} are the same number in floating point")
        axes.append(_Axis(name, low, high, n))
    return axes


def _blocks(axes: Sequence[_Axis], size: int) -> Any:
    """Rectangular blocks of at most ``size`` grid points, in the grid's row-major order: index ranges per axis."""
    if len(axes) == 1:
        n = axes[0].n
        for start in range(0, n, size):
            yield [(start, min(start + size, n))]
        return
    nx, ny = axes[0].n, axes[1].n
    if ny <= size:
        rows = size // ny
        for start in range(0, nx, rows):
            yield [(start, min(start + rows, nx)), (0, ny)]
        return
    for row in range(nx):
        for start in range(0, ny, size):
            yield [(row, row + 1), (start, min(start + size, ny))]


#: Memory of a picture beyond its grid: matplotlib's figure, and per grid point (image, labels).
_PICTURE_BYTES, _PICTURE_PER_POINT = 64 * 2**20, 256


@dataclasses.dataclass(frozen=True)
class _SweepSize:
    """What one grid point costs, from the model's shape and a probe of a few points of the grid."""

    work: int  # working memory per point of the chunk being solved
    stored: int  # memory per point of a whole sweep result
    table: int  # working memory per point of the CSV table being written
    text: float  # bytes of CSV text per point


def _sweep_size(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], selection: str) -> _SweepSize:
    """Solve a probe of at most 5 x 5 points spread over the grid, and scale what it takes to the grid."""
    from trigame.statics import sweep
    from trigame.statics.sweep import _WORK_PER_POINT, _route  # how sweep solves the model, and its working memory

    probe = sweep(model_cls, grid={a.name: a.picks(5) for a in axes}, fixed=fixed, selection=selection,
                  progress=False)
    points = math.prod(probe.shape)
    text = len(probe.to_pandas().to_csv(index=False).encode()) / points
    k, units, actions = probe.probabilities.shape[-3:]
    paths = len(probe.paths)
    route = _route(model_cls(**{**probe.base, **{a.name: a.lo for a in axes}}))[0]
    # Codes, counts and flags; then float64 probabilities, payoffs and outcome probabilities of K equilibria,
    # twice: the result's arrays are copied when a chunk needs a wider K.
    stored = 2 * (11 + 8 * max(k, 1) * (units * actions + len(probe.players) + paths))
    return _SweepSize(work=_WORK_PER_POINT[route], stored=stored,
                      table=int(6 * text) + stored, text=text)


def _parse_bytes(text: str) -> int:
    """``--max-memory`` values: bytes, or a number with K, M, G or T (powers of 1024): ``512M``, ``4G``, ``1.5GiB``."""
    match = re.fullmatch(r"\s*([0-9]{1,15}(?:\.[0-9]{1,6})?)\s*([KMGT]?)(?:I?B)?\s*", text.upper(), re.ASCII)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M, 4G or 1500000000, got {text!r}")
    value = int(Fraction(match.group(1)) * 1024 ** " KMGT".index(match.group(2) or " "))
    if value < 1:
        raise argparse.ArgumentTypeError(f"the size must be at least one byte, got {text!r}")
    return value


def _parse_count(text: str) -> int:
    """``--max-points`` values: a positive integer (``1000000``, or ``1e9``)."""
    try:
        value = parse_number(text, "--max-points")
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not isinstance(value, int) or value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _refuse(exc: BudgetExceededError, way_out: str) -> NoReturn:
    raise BudgetExceededError(f"{exc}, or {way_out}") from None


def _stream_csv(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], args: argparse.Namespace,
                out: Path, size: _SweepSize, budget: int) -> dict[str, int]:
    """Write the tidy table block by block, in bounded memory; return the number of points of each label."""
    import os
    import shutil

    from trigame._progress import Progress
    from trigame.budget import check_memory, format_bytes
    from trigame.statics import sweep

    total = math.prod(a.n for a in axes)
    per_point = size.table + size.work
    try:
        check_memory(per_point, "one grid point of the table", option="--max-memory", limit=budget)
    except BudgetExceededError as exc:
        _refuse(exc, "sweep a model with fewer equilibria")
    block = max(1, min(1 << 17, budget // 2 // per_point))
    needed = 1.2 * total * size.text  # a probe's numbers are shorter than most (0.5 against 0.30000000000000004)
    free = shutil.disk_usage(out.parent).free
    if needed > free:
        raise BudgetExceededError(
            f"the table of {total:,} grid points needs about {format_bytes(needed)} of disk, more than the "
            f"{format_bytes(free)} free in {str(out.parent)!r}; sweep fewer points"
        )
    counts: dict[str, int] = {}
    partial = out.with_name(out.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle, \
                Progress(total, f"sweep {model_cls.__name__}", enabled=args.progress) as bar:
            first = True
            for ranges in _blocks(axes, block):
                grid = {a.name: a.values(start, stop) for a, (start, stop) in zip(axes, ranges)}
                result = sweep(model_cls, grid=grid, fixed=fixed, selection=args.selection, progress=False,
                               chunk_size=block, max_memory=max(budget, 1))
                result.to_pandas().to_csv(handle, header=first, index=False)
                first = False
                tally = _tally(result)
                for label, n in tally.items():
                    counts[label] = counts.get(label, 0) + n
                bar.update(math.prod(result.shape))
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


def _tally(result: Any) -> dict[str, int]:
    """Points of each equilibrium-set label of a sweep result, labels in order of first appearance."""
    import numpy as np

    found = np.bincount(result.label_codes.ravel(), minlength=len(result.label_set))
    return {label: int(n) for label, n in zip(result.label_set, found.tolist())}


def _draw(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], args: argparse.Namespace,
          out: Path, size: _SweepSize, budget: int) -> dict[str, int]:
    """Sweep the whole grid and draw the region map (two axes) or the outcome curves (one)."""
    from trigame.budget import check_memory
    from trigame.statics import sweep

    total = math.prod(a.n for a in axes)
    picture = f"a {'region map' if len(axes) == 2 else 'picture of outcome curves'} of {total:,} grid points"
    if total > MAX_PICTURE_POINTS:
        raise BudgetExceededError(
            f"{picture} is more than a picture can show; draw at most "
            f"{MAX_PICTURE_POINTS:,} points (e.g. 2000 x 2000), or write the table with --out FILE.csv, which streams"
        )
    chunk = max(1, min(1 << 17, budget // 4 // size.work))
    estimate = total * (size.stored + _PICTURE_PER_POINT) + min(total, chunk) * size.work + _PICTURE_BYTES
    try:
        check_memory(estimate, picture, option="--max-memory", limit=budget)
    except BudgetExceededError as exc:
        _refuse(exc, "sweep fewer points, or write the table with --out FILE.csv, which streams")
    result = sweep(model_cls, grid={a.name: a.values() for a in axes}, fixed=fixed, selection=args.selection,
                   progress=args.progress, chunk_size=chunk, max_memory=max(budget, 1))
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    import matplotlib.pyplot as plt

    from trigame.viz.report import draw_region_map

    names = [a.name for a in axes]
    if len(names) == 2:
        ax, note = draw_region_map(result, names[0], names[1])
        if note.startswith("symbolic boundaries not overlaid"):
            print(f"trigame: warning: {note}", file=sys.stderr)
    else:
        ax = result.plot(names[0])
    ax.figure.savefig(out, dpi=120, bbox_inches="tight")
    plt.close(ax.figure)
    return _tally(result)


def _sweep_command(args: argparse.Namespace) -> int:
    from trigame.budget import memory_budget
    from trigame.viz.report import find_model

    model_cls = find_model(args.model)
    out = _writable(Path(args.out), (".png", ".csv"))
    axes = _sweep_axes(model_cls, [args.x] + ([args.y] if args.y else []))
    swept = {a.name for a in axes}
    for text in args.set or ():
        name = _split_assignment(text, "--set")[0]
        if name in swept:
            raise CommandLineError(f"{name} is swept by --x/--y; do not --set it too")
    # A preset's value of a swept parameter gives way to the sweep.
    fixed = {k: v for k, v in model_values(model_cls, args.set or (), args.preset).items() if k not in swept}
    total = math.prod(a.n for a in axes)
    if total > args.max_points:
        raise BudgetExceededError(
            f"the sweep has {total:,} grid points, over the budget of {args.max_points:,}; sweep fewer points, "
            "or pass --max-points=... to allow more"
        )
    budget = memory_budget(args.max_memory)
    size = _sweep_size(model_cls, axes, fixed, args.selection)
    write = _stream_csv if out.suffix.lower() == ".csv" else _draw
    counts = write(model_cls, axes, fixed, args, out, size, budget)
    print(f"wrote {out}: {model_cls.__name__} over {' x '.join(f'{a.name} ({a.n} values)' for a in axes)}, "
          f"{total} points; share of the grid of each equilibrium set:")
    for label, n in counts.items():
        print(f"  {n / total:7.1%}  {label}")
    return 0


# ---------------------------------------------------------------------------- trigame models / describe / examples
def _models_command(args: argparse.Namespace) -> int:
    from trigame.viz.report import is_sequential, model_registry, summary_line

    registry = model_registry()
    width = max(len(name) for name in registry)
    for name, cls in registry.items():
        kind = "game tree" if is_sequential(cls) else "strategic form"
        print(f"{name.ljust(width)}  {summary_line(cls)}  [{kind}; {len(cls.parameters())} parameters, "
              f"{len(cls.scenarios)} presets]")
    return 0


def _describe_command(args: argparse.Namespace) -> int:
    from trigame.viz.report import find_model

    model_cls = find_model(args.model)
    print(model_cls.describe())
    return 0


def _examples_command(args: argparse.Namespace) -> int:
    for name, path in bundled_games().items():
        print(f"{name}\t{path}")
    return 0


# ---------------------------------------------------------------------------- the parser
class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``trigame COMMAND: error: ... (see --help)``."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


_SET_HELP = (
    "set a parameter, e.g. --set fear_rok=1 (repeatable). Values are integers, decimals (0.25, read exactly "
    "as 1/4) or fractions (2/3), of at most 400 digits and 1e300 in size; never code"
)


def _add_model_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--set", action="append", metavar="NAME=VALUE", help=_SET_HELP)
    command.add_argument(
        "--preset", metavar="NAME",
        help="start from one of the model's scenarios (see 'trigame describe MODEL'); --set values override it",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``trigame`` command."""
    from trigame import __version__
    from trigame.solve import METHODS

    parser = _Parser(
        prog="trigame",
        description="Game-theoretic models of alliance politics (the US-Japan-South Korea triangle and China): "
        "solve the models and game files, list their regimes, draw region maps, and write the whole analysis "
        "as a report.",
        epilog="Start with 'trigame report'. Exit status: 0 success, 2 bad input (one-line message on stderr).",
    )
    parser.add_argument("--version", action="version", version=f"trigame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    models = sub.add_parser("models", help="list the models, one line each",
                            description="List trigame's models with a one-line description of each.")
    models.set_defaults(handler=_models_command, buffered=True)

    describe = sub.add_parser(
        "describe", help="a model's game, parameters (meaning, domain, source) and presets",
        description="Print a model's game table (symbolic and at the default values), every parameter with its "
        "meaning, domain and the essay or paper it stands for, and the model's scenarios (presets).",
    )
    describe.add_argument("model", metavar="MODEL", help="a model name, e.g. QuasiAlliance or quasi_alliance")
    describe.set_defaults(handler=_describe_command, buffered=True)

    solve = sub.add_parser(
        "solve", help="equilibria of a model, or of a Gambit .nfg/.efg file",
        description="Equilibria of a model at given parameter values: all Nash equilibria of a strategic-form "
        "model; all subgame-perfect equilibria of a sequential model, with the Nash equilibria of its strategic "
        "form where they differ. For a Gambit .nfg file: all Nash equilibria; for an .efg file: subgame-perfect "
        "and Nash equilibria side by side.",
    )
    solve.add_argument(
        "target", metavar="MODEL|FILE",
        help="a model name (QuasiAlliance, quasi_alliance, ...), a .nfg/.efg file, or a shipped game file name",
    )
    _add_model_options(solve)
    solve.add_argument(
        "--nash", action="store_true",
        help="sequential models: list every Nash equilibrium of the strategic form, marking the subgame-perfect ones",
    )
    solve.add_argument(
        "--method", default="auto", choices=["auto", *METHODS],
        help="game files: solver to use (default: auto, the complete method that fits the game)",
    )
    arithmetic = solve.add_mutually_exclusive_group()
    arithmetic.add_argument(
        "--exact", action="store_true",
        help="print exact rational probabilities and payoffs (numbers are read and solved exactly by default)",
    )
    arithmetic.add_argument(
        "--float", action="store_true", help="solve in floating point instead of exact rational arithmetic",
    )
    solve.add_argument(
        "--json", action="store_true",
        help=f"print JSON (schema {JSON_SCHEMA_MODEL} for a model; {JSON_SCHEMA} / {JSON_SCHEMA_TREE} for files)",
    )
    solve.set_defaults(handler=_solve_command, buffered=True)

    sweep = sub.add_parser(
        "sweep", help="region map (two parameters) or outcome curves (one) as PNG, or the tidy table as CSV",
        description="Solve a model on a grid of parameter values. With --x and --y: a region map coloured by the "
        "set of equilibria at each point (sequential models: by the outcomes of the equilibria); with --x only: "
        "the probability of each outcome along the parameter. "
        "--out FILE.png draws the picture, --out FILE.csv writes the tidy table (one row per point, equilibrium, "
        "player and strategy, plus outcome rows), block by block in bounded memory. Prints the share of the grid "
        "held by each equilibrium set.",
    )
    sweep.add_argument("model", metavar="MODEL", help="a model name, e.g. QuasiAlliance or quasi_alliance")
    sweep.add_argument("--x", required=True, metavar="NAME=LO:HI:N",
                       help="the horizontal parameter: N >= 2 evenly spaced values from LO to HI (fear_rok=0:1:101)")
    sweep.add_argument("--y", metavar="NAME=LO:HI:N", help="the vertical parameter of a region map")
    _add_model_options(sweep)
    sweep.add_argument("--out", required=True, metavar="FILE.png|FILE.csv", help="the file to write")
    sweep.add_argument(
        "--selection", default="all", metavar="RULE",
        help="equilibrium selection for outcome curves and the table: all (default), first, payoff_dominant, "
        "risk_dominant",
    )
    sweep.add_argument(
        "--max-points", type=_parse_count, default=DEFAULT_MAX_POINTS, metavar="N",
        help=f"refuse a grid of more than N points (default {DEFAULT_MAX_POINTS:,})",
    )
    sweep.add_argument(
        "--max-memory", type=_parse_bytes, default=None, metavar="SIZE",
        help="memory budget, e.g. 512M or 8G (default 2G, and never more than the memory available); a picture "
        "whose estimate exceeds it is refused before anything is solved; a CSV table is written in blocks that fit it",
    )
    bar = sweep.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    sweep.set_defaults(handler=_sweep_command)

    regime = sub.add_parser(
        "regimes", help="every equilibrium of a model as a function of its parameters, with its conditions",
        description="Solve a model symbolically: every equilibrium (Nash for strategic-form models, subgame-perfect "
        "for sequential ones) as expressions in the parameters, with the simplified condition under which it "
        "exists. Parameters given with --set or by --preset are pinned; the others stay free over their domains.",
    )
    regime.add_argument("model", metavar="MODEL", help="a model name, e.g. QuasiAlliance or quasi_alliance")
    _add_model_options(regime)
    form = regime.add_mutually_exclusive_group()
    form.add_argument("--latex", action="store_true", help="print the regimes as LaTeX propositions")
    form.add_argument("--json", action="store_true", help=f"print JSON (schema {JSON_SCHEMA_REGIMES})")
    regime.set_defaults(handler=_regimes_command, buffered=True)

    report = sub.add_parser(
        "report", help="the whole analysis of every model, as a Markdown report with PNG region maps",
        description="For every model, at its defaults and at each preset: the equilibria (Nash, and for "
        "sequential models subgame-perfect, marking the Nash equilibria that are not), the regimes with their "
        "conditions, and a region map of the model's two headline parameters. Writes DIR/report.md (readable on "
        "GitHub) and the PNG figures into DIR, and prints a summary. Exit status 1 when a section could not be "
        "produced (the report says which).",
    )
    report.add_argument("--out", default="trigame-report", metavar="DIR",
                        help="the folder to write (default: trigame-report)")
    report.add_argument("--models", nargs="+", metavar="MODEL", help="only these models (default: all)")
    report.add_argument("--resolution", type=int, default=61, metavar="N",
                        help="grid points per axis of the region maps, 2 to 2000 (default: 61)")
    bar = report.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    report.set_defaults(handler=_report_command)

    examples = sub.add_parser("examples", help="list the example game files shipped with trigame",
                              description="List the Gambit .nfg and .efg files shipped with trigame.")
    examples.set_defaults(handler=_examples_command, buffered=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trigame`` command with the arguments ``argv``; return the exit status.

    Bad input (a :class:`~trigame.errors.TrigameError`, a budget exceeded, an
    unreadable or unwritable file, an unknown option) prints one line on stderr
    and returns 2; an unexpected failure (a bug) prints one line and returns 1.
    ``solve``, ``regimes``, ``describe``, ``models`` and ``examples`` compute
    their whole answer before printing any of it.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, and option errors (already printed in one line)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if not getattr(args, "buffered", False):
            return int(args.handler(args))
        # Everything is solved and formatted before the first line is printed: an error never follows half an answer.
        with contextlib.redirect_stdout(io.StringIO()) as text:
            status = int(args.handler(args))
        sys.stdout.write(text.getvalue())
        sys.stdout.flush()
        return status
    except TrigameError as exc:
        message = " ".join(str(exc).split())
        print(f"trigame: error: {message}", file=sys.stderr)
        return 2
    except MemoryError as exc:  # an allocation no budget foresaw: a request too large for this machine
        message = " ".join(str(exc).split()) or "an allocation failed"
        print(f"trigame: error: out of memory ({message}); ask for less (a smaller game, fewer grid points)",
              file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"trigame: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("trigame: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line, and a different exit status
        message = " ".join(str(exc).split())
        print(f"trigame: internal error (please report it): {type(exc).__name__}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
