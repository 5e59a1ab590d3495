"""Gambit extensive-form files (``.efg``): a tokenizer, a preorder parser and a writer.

The format (Gambit manual, "The extensive game (.efg) file format") is::

    EFG 2 R "title" { "Player 1" "Player 2" }     header: version 2, data type R or D
    "an optional comment"

followed by one line per node, in preorder (a node, then the subtrees of its
actions in order)::

    c "name" infoset "infoset name" { "H" 1/2 "T" 1/2 } outcome     chance node
    p "name" player infoset "infoset name" { "L" "R" } outcome       decision node
    t "name" outcome "outcome name" { u_1, u_2 }                    terminal node

Players are numbered from 1 and information sets from 1 per player (chance
has its own numbering).  The infoset name and action list may be left out
after the first node of an information set; the outcome name and payoffs may
be left out after the first use of an outcome; outcome 0 means none.  An
outcome at a non-terminal node adds its payoffs to every terminal node below.
Numbers are read exactly: ``3/2`` is ``Fraction(3, 2)`` and ``0.1`` is
``Fraction(1, 10)``, so a tree read from a file is an exact tree.

Empty or repeated action labels at a node are renamed as Gambit's ``.nfg``
reader renames strategy labels (``"x", "x", ""`` -> ``"x_1", "x_2", "_1"``);
the information-set keys of the tree are the infoset names when they are
non-empty and distinct, and ``"<player>:<number>"`` otherwise.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Hashable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from trigame.errors import EFGFormatError, UnsupportedGameError
from trigame.tree import Chance, Decision, GameTree, Node, Terminal

__all__ = ["EFGFormatError", "format_efg", "parse_efg", "read_efg", "write_efg"]


_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:\\.|[^"\\])*")|(?P<brace>[{}])|(?P<comma>,)|(?P<word>[^\s{},"]+))', re.S)
_RATIONAL = re.compile(r"[+-]?\d+/\d+")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) triples; strings are unescaped (``\\"`` and ``\\\\``)."""
    out = []
    position = 0
    while True:
        match = _TOKEN.match(text, position)
        if match is None:
            if text[position:].strip():
                line = text.count("\n", 0, position) + 1
                raise EFGFormatError(f"line {line}: cannot read {text[position:position + 20]!r}")
            return out
        if match.end() == position:
            return out
        line = text.count("\n", 0, match.start(match.lastgroup or 0)) + 1
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), value[1:-1])
        if kind != "comma":
            out.append((kind, value, line))
        position = match.end()


def _number(token: tuple[str, str, int]) -> Fraction:
    kind, text, line = token
    if kind == "word":
        if _RATIONAL.fullmatch(text):
            numerator, denominator = text.split("/")
            if int(denominator) == 0:
                raise EFGFormatError(f"line {line}: division by zero in {text!r}")
            return Fraction(int(numerator), int(denominator))
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is not None and value.is_finite() and abs(value.as_tuple().exponent) <= 10_000:  # type: ignore[arg-type]
            return Fraction(value)
    raise EFGFormatError(f"line {line}: expected a number, got {text!r}")


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def next(self, what: str) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise EFGFormatError(f"unexpected end of file: expected {what}")
        self.at += 1
        return token

    def expect(self, kind: str, what: str, value: str | None = None) -> str:
        token = self.next(what)
        if token[0] != kind or (value is not None and token[1] != value):
            raise EFGFormatError(f"line {token[2]}: expected {what}, got {token[1]!r}")
        return token[1]

    def integer(self, what: str) -> int:
        token = self.next(what)
        if token[0] != "word" or not token[1].isdigit():
            raise EFGFormatError(f"line {token[2]}: expected {what} (a non-negative integer), got {token[1]!r}")
        return int(token[1])

    def optional_string(self) -> str | None:
        token = self.peek()
        if token is not None and token[0] == "string":
            self.at += 1
            return token[1]
        return None

    def is_brace(self) -> bool:
        token = self.peek()
        return token is not None and token[:2] == ("brace", "{")


def _rename(labels: list[str]) -> list[str]:
    """Gambit's renaming of empty and repeated labels: ``x, x, ""`` -> ``x_1, x_2, _1``."""
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        if label and counts[label] == 1:
            out.append(label)
            continue
        seen[label] += 1
        out.append(f"{label}_{seen[label]}")
    return out


def parse_efg(text: str) -> GameTree:
    """Read a game tree from the text of a Gambit ``.efg`` file.

    Raises
    ------
    EFGFormatError
        When the text is not a well-formed ``.efg`` file.
    TreeError
        When the tree it describes is invalid (e.g. imperfect recall).

    Examples
    --------
    >>> from trigame.io.efg import parse_efg
    >>> tree = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "" { 0, 2 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1, -1 }
    ... t "" 3 "" { 1, 1 }
    ... ''')
    >>> tree.players, tree.terminals()[("In", "Accommodate")]
    (('Entrant', 'Incumbent'), (Fraction(1, 1), Fraction(1, 1)))
    """
    if not isinstance(text, str):
        raise EFGFormatError(f"parse_efg needs the file's text as a string, got {type(text).__name__}")
    reader = _Reader(text)
    if reader.expect("word", '"EFG"', None) != "EFG":
        raise EFGFormatError('an .efg file starts with "EFG"')
    version = reader.next("the version")
    if version[1] != "2":
        raise EFGFormatError(f"line {version[2]}: only version 2 of the .efg format is known, got {version[1]!r}")
    flag = reader.next("the data type R or D")
    if flag[1] not in ("R", "D"):
        raise EFGFormatError(f"line {flag[2]}: the data type must be R or D, got {flag[1]!r}")
    title = reader.expect("string", "the title")
    reader.expect("brace", "{ before the player names", "{")
    names = []
    while not (reader.peek() or ("", "", 0))[:2] == ("brace", "}"):
        names.append(reader.expect("string", "a player name"))
    reader.next("}")
    players = [name or f"Player {k + 1}" for k, name in enumerate(names)]
    players = _rename(players) if len(set(players)) != len(players) else players
    if not players:
        raise EFGFormatError("the game has no players")
    reader.optional_string()  # the comment
    n = len(players)

    outcomes: dict[int, tuple[Fraction, ...]] = {}
    outcome_names: dict[int, str] = {}
    infosets: dict[tuple[int, int], dict[str, Any]] = {}

    def outcome(line: int) -> tuple[Fraction, ...]:
        number = reader.integer("an outcome number")
        if number == 0:
            return tuple(Fraction(0) for _ in range(n))
        name = reader.optional_string()
        if name:
            outcome_names.setdefault(number, name)
        if reader.is_brace():
            reader.next("{")
            values = []
            while not (reader.peek() or ("", "", 0))[:2] == ("brace", "}"):
                values.append(_number(reader.next("a payoff")))
            reader.next("}")
            if len(values) != n:
                raise EFGFormatError(f"line {line}: outcome {number} has {len(values)} payoffs for {n} players")
            if number in outcomes and outcomes[number] != tuple(values):
                raise EFGFormatError(f"line {line}: outcome {number} is given two different payoff vectors")
            outcomes[number] = tuple(values)
        if number not in outcomes:
            raise EFGFormatError(f"line {line}: outcome {number} is used before its payoffs are given")
        return outcomes[number]

    def infoset(player: int, line: int, chance: bool) -> dict[str, Any]:
        number = reader.integer("an information set number")
        name = reader.optional_string()
        entry = infosets.get((player, number))
        if reader.is_brace():
            reader.next("{")
            labels: list[str] = []
            probabilities: list[Fraction] = []
            while not (reader.peek() or ("", "", 0))[:2] == ("brace", "}"):
                labels.append(reader.expect("string", "an action label"))
                if chance:
                    probabilities.append(_number(reader.next("a probability")))
            reader.next("}")
            labels = _rename(labels)
            if entry is None:
                entry = {"number": number, "name": name or "", "actions": labels, "probabilities": probabilities}
                infosets[(player, number)] = entry
            elif entry["actions"] != labels or (chance and entry["probabilities"] != probabilities):
                raise EFGFormatError(f"line {line}: information set {number} is given different actions")
        if entry is None:
            raise EFGFormatError(f"line {line}: information set {number} is used before its actions are given")
        return entry

    def node(accumulated: tuple[Fraction, ...], depth: int) -> tuple[Node, list[tuple[int, dict[str, Any], Any]]]:
        token = reader.next("a node (c, p or t)")
        kind, _, line = token
        if kind != "word" or token[1] not in ("c", "p", "t"):
            raise EFGFormatError(f"line {line}: expected a node type c, p or t, got {token[1]!r}")
        label = reader.expect("string", "the node name")
        if token[1] == "t":  # a terminal node is labelled by its name, else by its outcome's name
            number = reader.peek()
            own = outcome(line)
            if not label and number is not None and number[1].isdigit():
                label = outcome_names.get(int(number[1]), "")
            return Terminal(tuple(a + b for a, b in zip(accumulated, own)), label=label), []
        if token[1] == "p":
            player = reader.integer("a player number")
            if not 1 <= player <= n:
                raise EFGFormatError(f"line {line}: player {player} does not exist (the game has {n} players)")
        else:
            player = 0
        entry = infoset(player, line, chance=player == 0)
        below = tuple(a + b for a, b in zip(accumulated, outcome(line)))
        children = []
        pending: list[tuple[int, dict[str, Any], Any]] = []
        for _ in entry["actions"]:
            child, more = node(below, depth + 1)
            children.append(child)
            pending.extend(more)
        if player == 0:
            return Chance({a: (p, c) for a, p, c in zip(entry["actions"], entry["probabilities"], children)},
                          label=label), pending
        placeholder = Decision(players[player - 1], dict(zip(entry["actions"], children)), label=label)
        return placeholder, [*pending, (player, entry, placeholder)]

    root, decisions = node(tuple(Fraction(0) for _ in range(n)), 0)
    if reader.peek() is not None:
        extra = reader.peek()
        assert extra is not None
        raise EFGFormatError(f"line {extra[2]}: unexpected {extra[1]!r} after the last node")
    names_used = Counter(entry["name"] for (player, _), entry in infosets.items() if player and entry["name"])
    keys: dict[int, Hashable] = {}
    for player, entry, placeholder in decisions:
        name = entry["name"]
        key = name if name and names_used[name] == 1 else f"{players[player - 1]}:{entry['number']}"
        keys[id(placeholder)] = key

    def with_keys(item: Node) -> Node:
        if isinstance(item, Terminal):
            return item
        if isinstance(item, Chance):
            return Chance({a: (p, with_keys(c)) for a, (p, c) in item.outcomes.items()}, label=item.label)
        return Decision(item.player, {a: with_keys(c) for a, c in item.actions.items()},
                        infoset=keys[id(item)], label=item.label)

    return GameTree(with_keys(root), players=players, title=title)


def read_efg(path: str | os.PathLike[str]) -> GameTree:
    """Read a Gambit ``.efg`` file (see :func:`parse_efg`)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise EFGFormatError(f"cannot read {os.fspath(path)!r}: {exc.strerror}") from None
    return parse_efg(text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_number(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return repr(float(value))


def format_efg(tree: GameTree) -> str:
    """The text of a Gambit ``.efg`` file for ``tree``.

    Every terminal node gets its own outcome (named by the node's label);
    information sets are named by their keys.  Exact trees are written
    exactly; floats are written with ``repr`` (read back as the decimal
    fractions they show).

    Examples
    --------
    >>> from trigame.tree import Decision, GameTree, Terminal
    >>> print(format_efg(GameTree(Decision("A", {"x": Terminal((1,)), "y": Terminal((0,))}))))
    EFG 2 R "" { "A" }
    ""
    <BLANKLINE>
    p "" 1 1 "A@root" { "x" "y" } 0
    t "" 1 "" { 1 }
    t "" 2 "" { 0 }
    <BLANKLINE>
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"format_efg needs a GameTree, got {type(tree).__name__}")
    if tree.is_symbolic:
        raise UnsupportedGameError("an .efg file holds numbers; substitute values with tree.subs(...) first")
    numbers: dict[Hashable, int] = {}
    per_player: Counter[str] = Counter()
    for info in tree.information_sets:
        per_player[info.player] += 1
        numbers[info.key] = per_player[info.player]
    lines = [f"EFG 2 R {_quote(tree.title)} {{ {' '.join(_quote(p) for p in tree.players)} }}", '""', ""]
    actions_of = {info.key: info.actions for info in tree.information_sets}
    chance_sets = 0
    outcomes = 0
    terminals = tree.terminals()
    stack: list[tuple[str, ...]] = [()]
    while stack:  # preorder, children in the order of their information set's actions
        path = stack.pop()
        node = tree.node(path)
        if isinstance(node, Terminal):
            outcomes += 1
            payoffs = ", ".join(_format_number(v) for v in terminals[path])
            lines.append(f"t {_quote(node.label)} {outcomes} {_quote(node.label)} {{ {payoffs} }}")
            continue
        if isinstance(node, Chance):
            chance_sets += 1
            order = tuple(node.outcomes)
            probabilities = tree._probabilities[tree._index[path]]
            actions = " ".join(f"{_quote(a)} {_format_number(p)}" for a, p in zip(order, probabilities))
            lines.append(f"c {_quote(node.label)} {chance_sets} \"\" {{ {actions} }} 0")
        else:
            key = tree.information_set(path)
            order = actions_of[key]
            player = tree.players.index(node.player) + 1
            actions = " ".join(_quote(a) for a in order)
            lines.append(f"p {_quote(node.label)} {player} {numbers[key]} {_quote(str(key))} {{ {actions} }} 0")
        stack.extend((*path, a) for a in reversed(order))
    return "\n".join(lines) + "\n"


def write_efg(tree: GameTree, path: str | os.PathLike[str]) -> None:
    """Write ``tree`` to a Gambit ``.efg`` file (see :func:`format_efg`)."""
    text = format_efg(tree)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
