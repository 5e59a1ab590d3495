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

__all__ = ["JSON_SCHEMA", "JSON_SCHEMA_BAYESIAN", "JSON_SCHEMA_MODEL", "JSON_SCHEMA_REGIMES", "JSON_SCHEMA_TREE"]

JSON_SCHEMA = "trigame.equilibria/1"
JSON_SCHEMA_TREE = "trigame.tree-equilibria/1"
JSON_SCHEMA_MODEL = "trigame.model-equilibria/1"
JSON_SCHEMA_REGIMES = "trigame.regimes/1"
JSON_SCHEMA_BAYESIAN = "trigame.bayesian-equilibria/1"


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


def _type_text(game: Any, player: str, type_: str) -> str:
    """``"United States if resolved"``, or the player alone when it has one type."""
    return player if len(game.types[player]) == 1 else f"{player} if {type_}"


def _print_bayesian(bnes: Any, exact: bool) -> None:
    """Every Bayesian Nash equilibrium: each type's choice, the ex-ante payoffs and each type's interim payoff."""
    game = bnes.game
    flags = "complete" if bnes.complete else "NOT guaranteed complete"
    if bnes.degenerate:
        flags += "; degenerate: a continuum of equilibria (or a type of probability zero), extreme points listed"
    print(f"{_plural(len(bnes), 'Bayesian Nash equilibri')} (method {bnes.method}; {flags})")
    for k, eq in enumerate(bnes, start=1):
        print(f"  {k}. {eq.label()}")
        for player, own in eq.behavior.items():
            for type_, dist in own.items():
                probs = ", ".join(f"{a}: {_number(q, exact)}" for a, q in dist.items())
                print(f"       {_type_text(game, player, type_)}: {probs}")
        payoffs = ", ".join(f"{p} {_number(u, exact)}" for p, u in zip(game.players, eq.payoffs))
        print(f"       payoffs (ex ante): {payoffs}")
        interim = ", ".join(f"{_type_text(game, p, t)} {_number(u, exact)}"
                            for p, own in eq.interim.items() for t, u in own.items())
        print(f"       payoffs by type (interim): {interim}")
    for note in bnes.notes:
        print(f"  note: {note}")


def _bayesian_json(bnes: Any, exact: bool) -> dict[str, Any]:
    """The fields of ``trigame.bayesian-equilibria/1`` that describe the game and its equilibria."""
    data = bnes.to_json()
    for eq_json, eq in zip(data["equilibria"], bnes):
        eq_json["label"] = eq.label()
        eq_json["behavior"] = {p: {t: {a: _json_value(q, exact) for a, q in dist.items()} for t, dist in own.items()}
                               for p, own in eq.behavior.items()}
        eq_json["interim"] = {p: {t: _json_value(u, exact) for t, u in own.items()} for p, own in eq.interim.items()}
        eq_json["payoffs"] = {p: _json_value(u, exact) for p, u in zip(bnes.game.players, eq.payoffs)}
    data["game"]["prior"] = [
        {"types": dict(zip(bnes.game.players, types)), "probability": _json_value(q, exact)}
        for types, q in bnes.game.prior.items()]
    return data


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
