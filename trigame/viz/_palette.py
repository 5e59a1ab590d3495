"""What a figure says in words and colours: display names, titles, captions, compact keys, fixed colours.

* :func:`colours_for` gives each equilibrium-set label a colour from a
  colour-blind-safe palette (Paul Tol's "light" scheme for areas, his "muted"
  scheme for sets drawn as lines or points).  A label keeps its colour in
  every figure drawn in the same session, and its first colour depends on the
  label alone, so the same set is the same colour across figures.
* :func:`axis_label`, :func:`figure_title` and :func:`fixed_caption` name
  parameters by their display names (``Parameter.label``) and math symbols.
* :func:`compact_label` shortens a set label for a key ("(Strong, Weak);
  (Weak, Strong)" under the heading "equilibria as (United States, South
  Korea)"), and :func:`outcome_names` names the mover of each move of a path
  of play ("North Korea: Attack Japan > South Korea: Stay out").

Examples
--------
>>> compact_label("Japan: Cooperate, South Korea: Friction | continuum", ("Japan", "South Korea"))
'(Cooperate, Friction); a continuum'
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

__all__ = [
    "AREA_COLOURS",
    "LINE_COLOURS",
    "axis_label",
    "colours_for",
    "compact_label",
    "display_name",
    "figure_title",
    "fixed_caption",
    "format_value",
    "outcome_names",
]

#: Paul Tol's "light" qualitative scheme (colour-blind safe; pale enough for black text on it).
AREA_COLOURS = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD")
#: Paul Tol's "muted" scheme, for sets drawn as lines or points on top of the areas.
LINE_COLOURS = ("#332288", "#CC6677", "#117733", "#882255", "#AA4499", "#999933", "#44AA99", "#0077BB")
#: Hatches (areas) and dash patterns (lines) that tell sets apart once a figure has more sets than colours.
HATCHES = ("", "//", "\\\\", "..", "xx")
DASHES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)))

# Colours given in this session: {(kind, label): index}.  A label's first colour depends on the label alone.
_GIVEN: dict[tuple[str, str], int] = {}


def colours_for(labels: Iterable[str], kind: str = "area") -> dict[str, tuple[str, Any]]:
    """``{label: (colour, hatch or dash)}`` for the sets of one figure: distinct within it, fixed across figures.

    The first time a session sees a set, it gets the first colour at or after one chosen from its label's
    text (a checksum) that no other set of the session holds (or, once every colour is held, that no other
    set of this figure has), and keeps it in every later figure.  Hatches (areas) and dash patterns (lines)
    come in only when one figure shows more sets than there are colours.  ``kind`` is ``"area"`` (pale
    fills) or ``"line"`` (darker colours for lines and points).
    """
    palette = AREA_COLOURS if kind == "area" else LINE_COLOURS
    extra = HATCHES if kind == "area" else DASHES
    size = len(palette) * len(extra)
    held = {slot for (k, _), slot in _GIVEN.items() if k == kind}
    taken: set[int] = set()
    out: dict[str, tuple[str, Any]] = {}
    # Sets with a slot from an earlier figure are placed first, so they keep it.
    for label in sorted(set(labels), key=lambda t: ((kind, t) not in _GIVEN, t)):
        given = _GIVEN.get((kind, label))
        if given is not None and given not in taken:
            slot = given
        else:
            start = zlib.crc32(label.encode()) % len(palette)
            plain = [s % len(palette) for s in range(start, start + len(palette))]
            free = [s for s in plain if s not in taken | held] or [s for s in plain if s not in taken]
            slot = free[0] if free else next(s for s in range(size) if s not in taken)
        taken.add(slot)
        if given is None:
            _GIVEN[(kind, label)] = slot
            held.add(slot)
        out[label] = (palette[slot % len(palette)], extra[slot // len(palette) % len(extra)])
    return out


def display_name(parameter: Any) -> str:
    """A parameter's display name (``Parameter.label``), or one made from its name."""
    label = getattr(parameter, "label", None)
    if label:
        return str(label)
    name = str(getattr(parameter, "name", parameter))
    return name.replace("_", " ").capitalize()


def _mathtext_ok(text: str) -> bool:
    try:
        from matplotlib.mathtext import MathTextParser

        MathTextParser("path").parse(text)
    except Exception:  # matplotlib's mathtext covers a subset of LaTeX: anything else is left out
        return False
    return True


def axis_label(parameter: Any) -> str:
    """``"ROK domestic cost $h_{K}$"``: the display name and, where matplotlib can typeset it, the symbol."""
    name = display_name(parameter)
    latex = getattr(parameter, "latex", "")
    if latex and _mathtext_ok(f"${latex}$"):
        return f"{name} ${latex}$"
    return name


def figure_title(model: Any, what: str) -> str:
    """The model's title (or its class name split into words) and what the figure shows."""
    cls = model if isinstance(model, type) else type(model)
    title = getattr(cls, "title", "") or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__)
    return f"{title}: {what}"


def format_value(value: Any) -> str:
    """A number as a reader writes it: 3, 0.5, 2/3."""
    if hasattr(value, "item") and not isinstance(value, (int, float, Fraction)):
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fixed_caption(parameters: Sequence[Any], values: Mapping[str, Any], shown: Sequence[str]) -> str:
    """``"Other parameters: US partner value = 3, ..."``: every parameter not on an axis, with its value."""
    parts = [f"{display_name(p)} = {format_value(values[p.name])}" for p in parameters
             if p.name not in shown and p.name in values]
    return "Other parameters: " + ", ".join(parts) + "." if parts else ""


def compact_label(label: str, players: Sequence[str], types: bool = False) -> str:
    """A set label for a key: each equilibrium as a profile in the players' order, joined by ``"; "``.

    With ``types`` (a Bayesian game, whose agents are a player's types), a player's type-contingent choice
    reads "Defend if resolved, Abandon if unresolved" and the players are separated by ``"; "`` inside the
    parentheses.  Members that name other agents (the information sets of a tree) are kept, with the
    agents written out ("South Korea after Cooperate: Abstain").
    """
    out = []
    prefixes = [f"{p}: " for p in players]
    for member in label.split(" | "):
        if member == "continuum":
            out.append("a continuum")
            continue
        parts = member.split(", ")
        if len(parts) == len(players) and all(part.startswith(pre) for part, pre in zip(parts, prefixes)):
            out.append("(" + ", ".join(part[len(pre):] for part, pre in zip(parts, prefixes)) + ")")
        elif types and (profile := _by_type(parts, players)) is not None:
            out.append(profile)
        else:
            out.append(_agents(member))
    return "; ".join(out)


def _by_type(parts: Sequence[str], players: Sequence[str]) -> str | None:
    """``("P@-: a", "Q@t: b", "Q@u: c")`` -> ``"(a; b if t, c if u)"``; None when a part names no player."""
    choices: dict[str, list[str]] = {p: [] for p in players}
    for part in parts:
        match = re.fullmatch(r"(.+?)(?:@(.+?))?: (.+)", part)
        if match is None or match.group(1) not in choices:
            return None
        who, kind, action = match.groups()
        choices[who].append(action if kind in (None, "-") else f"{action} if {kind}")
    if any(not c for c in choices.values()):
        return None
    return "(" + "; ".join(", ".join(c) for c in choices.values()) + ")"


def _agents(member: str) -> str:
    """Agents named by where they move: ``"P@-: a"`` -> ``"P: a"``, ``"P@h: a"`` -> ``"P after h: a"``."""
    member = re.sub(r"@-:", ":", member)
    member = re.sub(r"@root:", ":", member)
    return re.sub(r"@([^:,]+):", r" after \1:", member)


def outcome_names(tree: Any, plain: Sequence[str]) -> dict[str, str]:
    """``{path as the sweep writes it: the same path with each move's mover}`` for a game tree.

    ``plain`` lists the sweep's outcome names in the order of ``tree.terminals()``; the moves of one
    simultaneous stage (joined by ``"/"``) are named after all their movers ("Japan/South Korea:
    Cooperate/Abstain").
    """
    out = {}
    for path, name in zip(tree.terminals(), plain):
        steps = name.split(" > ")
        movers: list[str] = []
        j = 0
        for step in steps:
            count = step.count("/") + 1 if len(steps) < len(path) else 1
            who = [_mover(tree.node(tuple(path[:k]))) for k in range(j, j + count)]
            j += count
            movers.append("/".join(w for w in who if w))
        out[name] = " > ".join(f"{m}: {s}" if m else s for m, s in zip(movers, steps))
    return out


def _mover(node: Any) -> str:
    """Who moves at a node: its player, or Nature at a chance node."""
    from trigame.games.tree import Chance, Decision

    if isinstance(node, Decision):
        return str(node.player)
    return "Nature" if isinstance(node, Chance) else ""


def rename_outcomes(label: str, names: Mapping[str, str]) -> str:
    """An outcome-set label with each path renamed by ``names`` (``"random: a or b"`` members too)."""
    members = []
    for member in label.split(" | "):
        if member.startswith("random: "):
            members.append("random: " + _merge([names.get(p, p) for p in member[8:].split(" or ")]))
        else:
            members.append(names.get(member, member))
    return "; ".join(members)


def _merge(paths: Sequence[str]) -> str:
    """Paths a randomising equilibrium reaches, joined by ``" or "``; when they differ in one move only, that
    move alone is listed: ``"US: Press > Nature/Japan: (low cost or high cost)/Abstain"``."""

    def parse(path: str) -> list[tuple[str, list[str]]]:
        steps = []
        for step in path.split(" > "):
            who, _, moves = step.rpartition(": ")
            steps.append((who, moves.split("/")))
        return steps

    parsed = [parse(p) for p in paths]
    shape = [(who, len(moves)) for who, moves in parsed[0]]
    if len(paths) < 2 or any([(who, len(moves)) for who, moves in q] != shape for q in parsed[1:]):
        return " or ".join(paths)
    flat = [[m for _, moves in q for m in moves] for q in parsed]
    differ = [k for k in range(len(flat[0])) if len({f[k] for f in flat}) > 1]
    if len(differ) != 1:
        return " or ".join(paths)
    merged = list(flat[0])
    merged[differ[0]] = "(" + " or ".join(dict.fromkeys(f[differ[0]] for f in flat)) + ")"
    out, k = [], 0
    for who, count in shape:
        text = "/".join(merged[k:k + count])
        k += count
        out.append(f"{who}: {text}" if who else text)
    return " > ".join(out)
