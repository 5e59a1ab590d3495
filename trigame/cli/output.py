"""What the commands print: numbers, equilibria and subgame-perfect equilibria as text and as JSON.

The ``--json`` schemas are documented in ``docs/reference/json-schema.md``;
exact non-integers are strings ``"p/q"`` with ``--exact``, so that no precision
is lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["JSON_SCHEMA", "JSON_SCHEMA_MODEL", "JSON_SCHEMA_REGIMES", "JSON_SCHEMA_TREE"]

JSON_SCHEMA = "trigame.equilibria/1"
JSON_SCHEMA_TREE = "trigame.tree-equilibria/1"
JSON_SCHEMA_MODEL = "trigame.model-equilibria/1"
JSON_SCHEMA_REGIMES = "trigame.regimes/1"


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
