"""What the commands print: numbers, equilibria and subgame-perfect equilibria as text and as JSON.

The ``--json`` schemas are documented in ``docs/reference/json-schema.md``;
exact non-integers are strings ``"p/q"`` with ``--exact``, so that no precision
is lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import is_zero

__all__ = ["JSON_SCHEMA", "JSON_SCHEMA_BAYESIAN", "JSON_SCHEMA_MODEL", "JSON_SCHEMA_REGIMES", "JSON_SCHEMA_SIGNALING",
           "JSON_SCHEMA_TREE"]

JSON_SCHEMA = "trigame.equilibria/1"
JSON_SCHEMA_TREE = "trigame.tree-equilibria/1"
JSON_SCHEMA_MODEL = "trigame.model-equilibria/1"
JSON_SCHEMA_REGIMES = "trigame.regimes/1"
JSON_SCHEMA_BAYESIAN = "trigame.bayesian-equilibria/1"
JSON_SCHEMA_SIGNALING = "trigame.signaling-equilibria/1"


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


#: Up to this many equilibria are listed one by one; more are grouped by their payoffs (``--verbose``: all).
LIST_ALL = 20
#: Equilibria shown per payoff group when a long list is grouped.
PER_GROUP = 2
#: Solver notes shown before the rest are folded into a count (``--verbose``: all).
NOTES_SHOWN = 5

_SUPPORT_NOTE = re.compile(r"^support profile \(.*\): ")


def _print_equilibrium(k: int, eq: Any, exact: bool, irrational_note: bool, mark: str, verbose: bool) -> None:
    """One equilibrium: its label; with ``exact``, each mixing player's exact probabilities; the payoffs.

    ``verbose`` prints every player's probabilities of every strategy, zeros included.
    """
    print(f"  {k}. {eq.label()}" + (f"   [{mark}]" if mark else ""))
    for player, labels, v in zip(eq.players, eq.labels, eq.strategies):
        pairs = list(zip(labels, v.tolist()))
        if not verbose:
            pairs = [(lab, p) for lab, p in pairs if not is_zero(p)]
            if len(pairs) == 1 or not exact:
                continue  # the label says it (rounded to 4 digits; --exact prints the mixture exactly)
        print(f"       {player}: " + ", ".join(f"{lab}: {_number(p, exact)}" for lab, p in pairs))
    payoffs = ", ".join(f"{player} {_number(u, exact)}" for player, u in zip(eq.players, eq.payoffs))
    rounded = "" if eq.exact or not irrational_note else "  (irrational; shown rounded)"
    print(f"       payoffs: {payoffs}{rounded}")


def _print_notes(notes: Sequence[str], verbose: bool) -> None:
    """The solver's notes; by default the per-support-profile ones are counted and the rest cut at a few."""
    if verbose:
        for note in notes:
            print(f"  note: {note}")
        return
    folded: dict[str, int] = {}
    plain = []
    for note in notes:
        match = _SUPPORT_NOTE.match(note)
        if match:
            kind = re.sub(r" \(.*?\)|, reported by .*$| is represented by .*$", "", note[match.end():])
            folded[kind] = folded.get(kind, 0) + 1
        else:
            plain.append(note)
    for kind, count in folded.items():
        profiles = "1 support profile holds" if count == 1 else f"{count:,} support profiles hold"
        print(f"  note: {profiles} {kind}, represented by its extreme points")
    for note in plain[:NOTES_SHOWN]:
        print(f"  note: {note}")
    hidden = len(plain) - NOTES_SHOWN
    if hidden > 0 or folded:
        more = f"{hidden} more note{'s' if hidden > 1 else ''}; " if hidden > 0 else ""
        print(f"  ({more}--verbose prints every note in full)")


def _print_equilibria(eqs: Any, exact: bool, irrational_note: bool, marks: Sequence[str] = (),
                      verbose: bool = False) -> None:
    """Every equilibrium, or, when there are more than :data:`LIST_ALL`, the equilibria grouped by payoffs."""
    flags = "complete" if eqs.complete else "NOT guaranteed complete"
    if eqs.degenerate:
        flags += "; degenerate: a continuum of equilibria, extreme points listed"
    print(f"{_plural(len(eqs), 'Nash equilibri')} (method {eqs.method}; {flags})")
    marks = list(marks) or [""] * len(eqs)
    if verbose or len(eqs) <= LIST_ALL:
        for k, eq in enumerate(eqs, start=1):
            _print_equilibrium(k, eq, exact, irrational_note, marks[k - 1], verbose)
    else:
        groups: dict[tuple[str, ...], list[int]] = {}
        for k, eq in enumerate(eqs):
            groups.setdefault(tuple(_number(u, exact) for u in eq.payoffs), []).append(k)
        print(f"  grouped by payoffs ({len(groups)} groups; --verbose lists all {len(eqs)}):")
        for payoffs, members in groups.items():
            shown = ", ".join(f"{p} {u}" for p, u in zip(eqs[members[0]].players, payoffs))
            kinds: dict[str, int] = {}
            for k in members:
                if marks[k]:
                    short = marks[k].split(":")[0]
                    kinds[short] = kinds.get(short, 0) + 1
            tally = "; ".join(f"{n} {mark}" for mark, n in kinds.items())
            print(f"  payoffs {shown}: {_plural(len(members), 'equilibri')}" + (f" ({tally})" if tally else ""))
            for k in members[:PER_GROUP]:
                _print_equilibrium(k + 1, eqs[k], exact, irrational_note, marks[k], verbose)
            if len(members) > PER_GROUP:
                print(f"     ... and {len(members) - PER_GROUP} more with these payoffs")
    _print_notes(eqs.notes, verbose)


def _print_subgame_perfect(spes: Any, players: Sequence[str], exact: bool, verbose: bool = False) -> None:
    flags = "complete" if spes.complete else "NOT guaranteed complete"
    if spes.degenerate:
        flags += "; degenerate: mixtures of the listed choices are subgame-perfect too"
    print(f"{_plural(len(spes), 'subgame-perfect equilibri')} ({flags})")
    for k, spe in enumerate(spes, start=1):
        payoffs = ", ".join(f"{p} {_number(u, exact)}" for p, u in zip(players, spe.payoffs))
        print(f"  {k}. {spe.label()}")
        print(f"       payoffs: {payoffs}")
    _print_notes(spes.notes, verbose)


def _print_perfect_bayesian(pbes: Any, exact: bool, verbose: bool = False) -> None:
    """Every perfect Bayesian equilibrium: behaviour, beliefs (Bayes' rule on the path; off it, the supporting set)."""
    flags = "complete" if pbes.complete else "NOT guaranteed complete"
    if pbes.degenerate:
        flags += "; degenerate: a continuum of assessments, extreme points listed"
    print(f"{_plural(len(pbes), 'perfect Bayesian equilibri')} ({flags})")
    players = pbes.game.players
    for k, pbe in enumerate(pbes, start=1):
        print(f"  {k}. {pbe.label()}")
        print(f"       beliefs: {pbe.belief_text()}")
        if pbe.sequential is not None:
            print(f"       sequential: {'yes' if pbe.sequential else 'no'}")
        payoffs = ", ".join(f"{p} {_number(u, exact)}" for p, u in zip(players, pbe.payoffs))
        print(f"       payoffs: {payoffs}")
    _print_notes(pbes.notes, verbose)


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
