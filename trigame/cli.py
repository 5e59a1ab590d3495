"""The ``trigame`` command.

``trigame solve FILE.nfg [--method M] [--exact] [--json]`` reads a Gambit
strategic-form file, computes its Nash equilibria and prints them.  Every error
the user can cause (missing file, malformed file, unknown method, a method that
does not fit the game) ends in a one-line message and exit status 2.

The ``--json`` output follows the schema ``trigame.equilibria/1``::

    {"schema": "trigame.equilibria/1",
     "game": {"title": str, "players": [str], "strategies": [[str]], "kind": str},
     "method": str, "complete": bool, "degenerate": bool, "notes": [str],
     "equilibria": [{"strategies": {player: {strategy: probability}},
                     "payoffs": {player: payoff}, "exact": bool}]}

Probabilities and payoffs are JSON numbers, except exact non-integers, which are
strings ``"p/q"`` (with ``--exact``) so that no precision is lost.

For an ``.efg`` file the command prints the subgame-perfect equilibria and the
Nash equilibria of the tree's strategic form; ``--json`` then follows the schema
``trigame.tree-equilibria/1``: ``{"schema": ..., "subgame_perfect": {...},
"nash": {...}}``, where ``"nash"`` is the object above and ``"subgame_perfect"``
lists each equilibrium's ``behavior`` ({information set: {action: probability}}),
``outcomes`` ({"a > b > ...": probability}) and ``payoffs``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from trigame.errors import TrigameError

__all__ = ["JSON_SCHEMA", "bundled_games", "main"]

JSON_SCHEMA = "trigame.equilibria/1"
JSON_SCHEMA_TREE = "trigame.tree-equilibria/1"
_DATA = Path(__file__).resolve().parent / "data"


def bundled_games() -> dict[str, Path]:
    """The example ``.nfg`` files shipped with trigame, by file name."""
    return {p.name: p for p in sorted(_DATA.glob("*.[ne]fg"))}


def _resolve(path_text: str) -> Path:
    path = Path(path_text)
    if path.exists():
        return path
    games = bundled_games()
    for name in (path_text, f"{path_text}.nfg", f"{path_text}.efg"):
        if name in games:
            return games[name]
    shipped = ", ".join(games) or "none"
    raise TrigameError(f"no such file: {path_text!r} (games shipped with trigame: {shipped})")


def _number(value: Any, exact: bool) -> str:
    from trigame._numbers import format_number, to_float

    if isinstance(value, Fraction) and exact:
        return str(value)
    return format_number(to_float(value), 6)


def _json_value(value: Any, exact: bool) -> Any:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        return str(value) if exact else float(value)
    return float(value)


def _print_equilibria(eqs: Any, exact: bool, irrational_note: bool) -> None:
    flags = "complete" if eqs.complete else "NOT guaranteed complete"
    if eqs.degenerate:
        flags += "; degenerate: a continuum of equilibria, extreme points listed"
    print(f"{len(eqs)} Nash equilibri{'um' if len(eqs) == 1 else 'a'} (method {eqs.method}; {flags})")
    for k, eq in enumerate(eqs, start=1):
        print(f"  {k}. {eq.label()}")
        for player, labels, v in zip(eq.players, eq.labels, eq.strategies):
            probs = ", ".join(f"{lab}: {_number(p, exact)}" for lab, p in zip(labels, v.tolist()))
            print(f"       {player}: {probs}")
        payoffs = ", ".join(f"{player} {_number(u, exact)}" for player, u in zip(eq.players, eq.payoffs))
        rounded = "" if eq.exact or not irrational_note else "  (irrational; shown rounded)"
        print(f"       payoffs: {payoffs}{rounded}")
    for note in eqs.notes:
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


def _solve_tree(args: argparse.Namespace, path: Path) -> int:
    import trigame as tg

    tree = tg.read_efg(path)
    spes = tg.subgame_perfect(tree)
    strategic = tree.to_normal_form()
    eqs = tg.equilibria(strategic.as_float() if args.float else strategic, method=args.method)
    if args.json:
        spe_json = spes.to_json()
        for spe_data, spe in zip(spe_json["equilibria"], spes):
            spe_data["payoffs"] = {p: _json_value(u, args.exact) for p, u in zip(tree.players, spe.payoffs)}
        print(json.dumps({"schema": JSON_SCHEMA_TREE, "subgame_perfect": spe_json,
                          "nash": _equilibria_json(eqs, args.exact)}, indent=2, default=str))
        return 0
    print(tree.title or path.name)
    print(f"{len(tree.players)} players ({', '.join(tree.players)}), game tree")
    print()
    print(tree.text())
    print()
    flags = "complete" if spes.complete else "NOT guaranteed complete"
    if spes.degenerate:
        flags += "; degenerate: mixtures of the listed choices are subgame-perfect too"
    print(f"{len(spes)} subgame-perfect equilibri{'um' if len(spes) == 1 else 'a'} ({flags})")
    for k, spe in enumerate(spes, start=1):
        payoffs = ", ".join(f"{p} {_number(u, args.exact)}" for p, u in zip(tree.players, spe.payoffs))
        print(f"  {k}. {spe.label()}")
        print(f"       payoffs: {payoffs}")
    for note in spes.notes:
        print(f"  note: {note}")
    print()
    print("Nash equilibria of the strategic form:")
    _print_equilibria(eqs, args.exact, irrational_note=False)
    return 0


def _solve_command(args: argparse.Namespace) -> int:
    import trigame as tg

    path = _resolve(args.file)
    if path.suffix.lower() == ".efg":
        return _solve_tree(args, path)
    game = tg.read_nfg(path)
    if args.float:
        game = game.as_float()
    eqs = tg.equilibria(game, method=args.method)
    if args.json:
        print(json.dumps({"schema": JSON_SCHEMA, **_equilibria_json(eqs, args.exact)}, indent=2))
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


def _examples_command(args: argparse.Namespace) -> int:
    for name, path in bundled_games().items():
        print(f"{name}\t{path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``trigame`` command."""
    from trigame import __version__
    from trigame.solve import METHODS

    parser = argparse.ArgumentParser(
        prog="trigame",
        description="Game-theoretic models of alliance politics: solve games and verify equilibria.",
    )
    parser.add_argument("--version", action="version", version=f"trigame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    solve = sub.add_parser(
        "solve", help="Nash equilibria of a Gambit .nfg file; subgame-perfect and Nash equilibria of an .efg file"
    )
    solve.add_argument(
        "file", metavar="FILE.nfg|FILE.efg", help="a Gambit strategic-form or extensive-form file, or a shipped game"
    )
    solve.add_argument(
        "--method", default="auto", choices=["auto", *METHODS],
        help="solver to use (default: auto, the complete method that fits the game)",
    )
    arithmetic = solve.add_mutually_exclusive_group()
    arithmetic.add_argument(
        "--exact", action="store_true",
        help="print exact rational probabilities and payoffs (files are always read and solved exactly)",
    )
    arithmetic.add_argument(
        "--float", action="store_true",
        help="solve in floating point instead of exact rational arithmetic",
    )
    solve.add_argument("--json", action="store_true", help=f"print JSON (schema {JSON_SCHEMA})")
    solve.set_defaults(handler=_solve_command)

    examples = sub.add_parser("examples", help="list the example games shipped with trigame")
    examples.set_defaults(handler=_examples_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trigame`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except TrigameError as exc:
        print(f"trigame: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"trigame: error: {exc.strerror or exc}: {getattr(exc, 'filename', '')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("trigame: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
