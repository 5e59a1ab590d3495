"""The ``trigame`` command.

Commands (``trigame COMMAND --help`` explains each)::

    trigame report [--out DIR]                       the whole analysis of every model, as Markdown + PNG
    trigame models                                   the models, one line each
    trigame describe MODEL                           a model's game, parameters, sources and presets
    trigame solve MODEL [--set name=value ...] [--preset NAME] [--exact|--float] [--json] [--nash]
    trigame solve FILE.nfg|FILE.efg [--method M] [--exact|--float] [--json]
    trigame regimes MODEL [--set name=value ...] [--latex] [--json]
    trigame sweep MODEL --x name=lo:hi:n [--y name=lo:hi:n] [--set ...] --out FILE.png|FILE.csv
    trigame examples                                 the game files shipped with trigame

Values on the command line are numbers, never code: integers (``3``),
decimals (``0.25``, read exactly as 1/4) or fractions (``2/3``).  Every error the
user can cause -- an unknown model, parameter or preset, a value outside its
domain, a malformed ``--set`` or range, a missing or unwritable file -- ends in a
one-line message on stderr and exit status 2.

The ``--json`` schemas (``trigame.equilibria/1``, ``trigame.tree-equilibria/1``,
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
import dataclasses
import json
import re
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from trigame.errors import ParameterError, TrigameError

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
JSON_SCHEMA_TREE = "trigame.tree-equilibria/1"
JSON_SCHEMA_MODEL = "trigame.model-equilibria/1"
JSON_SCHEMA_REGIMES = "trigame.regimes/1"
_DATA = Path(__file__).resolve().parent / "data"
_FILE_SUFFIXES = (".nfg", ".efg")


class CommandLineError(TrigameError, ValueError):
    """A malformed command-line value (a number, a ``name=value`` pair, a range)."""


# ---------------------------------------------------------------------------- values from the command line
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)")


def parse_number(text: str, what: str = "value") -> int | Fraction:
    """A number typed on the command line, read exactly: an int, or a Fraction.

    Integers (``3``), decimals (``0.25`` -> 1/4, ``1e-3`` -> 1/1000) and fractions
    ``p/q`` are accepted; nothing is ever evaluated.

    Examples
    --------
    >>> parse_number("3"), parse_number("0.25"), parse_number("-2/6")
    (3, Fraction(1, 4), Fraction(-1, 3))
    >>> parse_number("2**10", "x")
    Traceback (most recent call last):
        ...
    trigame.cli.CommandLineError: x: '2**10' is not a number (write an integer 3, a decimal 0.25 or a fraction 1/4)
    """
    text = text.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    match = _FRACTION.fullmatch(text)
    if match:
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if denominator == 0:
            raise CommandLineError(f"{what}: {text!r} divides by zero")
        value = Fraction(numerator, denominator)
        return value.numerator if value.denominator == 1 else value
    if _DECIMAL.fullmatch(text) and len(text) <= 100:
        value = Fraction(text)  # exact: Fraction("0.1") == 1/10
        return value.numerator if value.denominator == 1 else value
    raise CommandLineError(
        f"{what}: {text!r} is not a number (write an integer 3, a decimal 0.25 or a fraction 1/4)"
    )


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
    if not _INTEGER.fullmatch(parts[2].strip()) or int(parts[2]) < 2:
        raise CommandLineError(f"{option} {name}: the number of points n must be an integer >= 2, got {parts[2]!r}")
    if not lo < hi:
        raise CommandLineError(f"{option} {name}: the range must go upwards (lo < hi), got lo = {lo}, hi = {hi}")
    return name, lo, hi, int(parts[2])


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
    """
    scenarios = {s.name: s for s in model.scenarios}
    if not scenarios:
        raise ParameterError(f"{model.__name__} has no presets")
    wanted = name.strip().casefold()
    exact = [s for s in scenarios if s.casefold() == wanted]
    prefix = [s for s in scenarios if s.casefold().startswith(wanted)]
    chosen = exact or (prefix if len(prefix) == 1 else [])
    if not chosen:
        raise ParameterError(
            f"{model.__name__} has no preset {name!r}; its presets are: {'; '.join(scenarios)}"
        )
    return chosen[0]


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
def _solve_tree_file(args: argparse.Namespace, path: Path) -> int:
    import trigame as tg

    tree = tg.read_efg(path)
    spes = tg.subgame_perfect(tree)
    strategic = tree.to_normal_form()
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

    if path.suffix.lower() == ".efg":
        return _solve_tree_file(args, path)
    game = tg.read_nfg(path)
    if args.float:
        game = game.as_float()
    eqs = tg.equilibria(game, method=args.method)
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
    from trigame.report import is_sequential, solve_model

    if args.method != "auto":
        raise CommandLineError("--method applies to game files; a model is always solved by the complete method")
    instance = _instance(model_cls, args)
    solution = solve_model(instance)
    values = instance.values()
    sequential = is_sequential(model_cls)
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
            "nash": nash_json,
            "subgame_perfect": _subgame_perfect_json(solution.subgame_perfect, args.exact) if sequential else None,
        })
        return 0
    from trigame.report import summary_line

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
            print(f"The strategic form has {_plural(len(solution.nash), 'Nash equilibri')}; "
                  f"{len(others)} of them {'is' if len(others) == 1 else 'are'} not among the subgame-perfect ones:")
            for k in others:
                eq = solution.nash[k]
                print(f"  - {eq.label()}   [{_MARKS[solution.nash_is_subgame_perfect[k]]}]")
            print("  (all Nash equilibria: add --nash)")
        else:
            print(f"The {_plural(len(solution.nash), 'Nash equilibri')} of the strategic form "
                  "are the subgame-perfect ones.")
    else:
        print(game.table())
        print()
        _print_equilibria(solution.nash, args.exact, irrational_note=game.is_exact)
    return 0


def _values_kind(values: dict[str, Any]) -> str:
    return "float" if any(isinstance(v, float) for v in values.values()) else "exact"


def _solve_command(args: argparse.Namespace) -> int:
    from trigame.report import find_model, model_registry

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


# ---------------------------------------------------------------------------- trigame models / describe / examples
def _models_command(args: argparse.Namespace) -> int:
    from trigame.report import is_sequential, model_registry, summary_line

    registry = model_registry()
    width = max(len(name) for name in registry)
    for name, cls in registry.items():
        kind = "game tree" if is_sequential(cls) else "strategic form"
        print(f"{name.ljust(width)}  {summary_line(cls)}  [{kind}; {len(cls.parameters())} parameters, "
              f"{len(cls.scenarios)} presets]")
    return 0


def _describe_command(args: argparse.Namespace) -> int:
    from trigame.report import find_model

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
    "as 1/4) or fractions (2/3); never code"
)


def _add_model_options(command: argparse.ArgumentParser, preset: bool = True) -> None:
    command.add_argument("--set", action="append", metavar="NAME=VALUE", help=_SET_HELP)
    if preset:
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
    models.set_defaults(handler=_models_command)

    describe = sub.add_parser(
        "describe", help="a model's game, parameters (meaning, domain, source) and presets",
        description="Print a model's game table (symbolic and at the default values), every parameter with its "
        "meaning, domain and the essay or paper it stands for, and the model's scenarios (presets).",
    )
    describe.add_argument("model", metavar="MODEL", help="a model name, e.g. QuasiAlliance or quasi_alliance")
    describe.set_defaults(handler=_describe_command)

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
    solve.set_defaults(handler=_solve_command)

    examples = sub.add_parser("examples", help="list the example game files shipped with trigame",
                              description="List the Gambit .nfg and .efg files shipped with trigame.")
    examples.set_defaults(handler=_examples_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trigame`` command with the arguments ``argv``; return the exit status.

    Bad input (a :class:`~trigame.errors.TrigameError`, an unreadable or
    unwritable file, an unknown option) prints one line on stderr and returns 2.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, and option errors (already printed in one line)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.handler(args))
    except TrigameError as exc:
        message = " ".join(str(exc).split())
        print(f"trigame: error: {message}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"trigame: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("trigame: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
