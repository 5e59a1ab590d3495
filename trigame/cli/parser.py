"""The argument parser of the ``trigame`` command: its commands, their options and help."""

from __future__ import annotations

import argparse
from typing import NoReturn

from trigame._version import __version__
from trigame.cli.models import _describe_command, _examples_command, _models_command
from trigame.cli.output import JSON_SCHEMA, JSON_SCHEMA_MODEL, JSON_SCHEMA_REGIMES, JSON_SCHEMA_TREE
from trigame.cli.regimes import _regimes_command
from trigame.cli.report import _report_command
from trigame.cli.solve import _solve_command
from trigame.cli.sweep import DEFAULT_MAX_POINTS, _parse_bytes, _parse_count, _sweep_command

__all__ = ["build_parser"]


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
    from trigame.solve import METHODS

    parser = _Parser(
        prog="trigame",
        description="Game-theoretic models of alliance politics (the US-Japan-South Korea triangle and China): "
        "solve the models and game files, list their regimes, draw region maps, and write the whole analysis "
        "as a report.",
        epilog="Start with 'trigame report'. Exit status: 0 success, 2 bad input (a one-line message on stderr), "
        "1 a report section that could not be produced or an internal error.",
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
        "form where they differ; all Bayesian Nash equilibria of a Bayesian model; all perfect Bayesian "
        "equilibria of a signalling model, with their beliefs; the Nash equilibria of a continuous model; for a "
        "repeated model, whether each automaton profile it checks is subgame-perfect. For a Gambit .nfg file: "
        "all Nash equilibria; for an .efg file: subgame-perfect and Nash equilibria side by side.",
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
        "--verbose", "-v", action="store_true",
        help="list every equilibrium with every strategy (zero probabilities included) and every solver note",
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
        description="Solve a model symbolically: every equilibrium (Nash for strategic-form models, Bayesian Nash "
        "for Bayesian ones, subgame-perfect for sequential ones, perfect Bayesian for signalling ones) as "
        "expressions in the parameters, with the simplified condition under which it exists. A repeated model: "
        "each automaton profile it checks, with the exact condition under which it is subgame-perfect (written "
        "through its discount factor, as in the report). A continuous model: each binding pattern (who "
        "contributes) with its levels and the region where it holds (text or --latex). Parameters given with "
        "--set or by --preset are pinned; the others stay free over their domains.",
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
                        help="grid points per axis of the region maps, 2 to 2000 (default: 61; a signalling "
                             "model's grid at most 31: its regions come from the exact map)")
    bar = report.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    report.set_defaults(handler=_report_command)

    examples = sub.add_parser("examples", help="list the example game files shipped with trigame",
                              description="List the Gambit .nfg and .efg files shipped with trigame.")
    examples.set_defaults(handler=_examples_command, buffered=True)
    return parser
