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
from fractions import Fraction
from typing import Any

from trigame._numbers import _too_many_digits
from trigame.errors import EFGFormatError, TreeError, UnsupportedGameError
from trigame.games.tree import Chance, Decision, GameTree, Node, Terminal
from trigame.io._gambit import MAX_DIGITS, _read_bytes, _write_text, read_number
from trigame.io._gambit import quote as _quote

__all__ = ["EFGFormatError", "format_efg", "parse_efg", "read_efg", "write_efg"]


_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:\\.|[^"\\])*")|(?P<brace>[{}])|(?P<comma>,)|(?P<word>[^\s{},"]+))', re.S)
_INTEGER = re.compile(r"[0-9]{1,30}")  # ASCII digits only: str.isdigit() also accepts "²"
_ESCAPE = re.compile(r"\\(.)", re.S)

Token = tuple[str, str, int]


def _tokens(text: str) -> list[Token]:
    """(kind, text, line) triples; strings are unescaped (``\\"`` and ``\\\\``).  Linear in the text."""
    out: list[Token] = []
    position = 0
    line = 1
    counted = 0  # the newlines before ``counted`` are in ``line``
    while True:
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            if text[position:].strip():
                line += text.count("\n", counted, position)
                raise EFGFormatError(f"line {line}: cannot read {text[position:position + 20]!r}")
            return out
        kind = match.lastgroup or ""
        start = match.start(kind)
        line += text.count("\n", counted, start)
        counted = start
        value = match.group(kind)
        if kind == "string":
            value = _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), value[1:-1])
        if kind != "comma":
            out.append((kind, value, line))
        position = match.end()


def _number(token: Token) -> Fraction:
    """A payoff or probability, exactly (see :func:`trigame.io.nfg.read_number` for what is accepted)."""
    kind, text, line = token
    if kind != "word":
        raise EFGFormatError(f"line {line}: expected a number, got {_show(text)}")
    try:
        return read_number(text)
    except ValueError as exc:
        raise EFGFormatError(f"line {line}: expected a number, got {_show(text)}: {exc}") from None


def _show(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.last_line = self.tokens[-1][2] if self.tokens else 1

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def next(self, what: str) -> Token:
        token = self.peek()
        if token is None:
            raise EFGFormatError(f"line {self.last_line}: unexpected end of file: expected {what}")
        self.at += 1
        return token

    def expect(self, kind: str, what: str, value: str | None = None) -> str:
        token = self.next(what)
        if token[0] != kind or (value is not None and token[1] != value):
            raise EFGFormatError(f"line {token[2]}: expected {what}, got {_show(token[1])}")
        return token[1]

    def integer(self, what: str) -> int:
        token = self.next(what)
        if token[0] != "word" or not _INTEGER.fullmatch(token[1]):
            raise EFGFormatError(f"line {token[2]}: expected {what} (a non-negative integer of at most 30 digits), "
                                 f"got {_show(token[1])}")
        return int(token[1])

    def optional_string(self) -> str | None:
        token = self.peek()
        if token is not None and token[0] == "string":
            self.at += 1
            return token[1]
        return None

    def is_brace(self, brace: str = "{") -> bool:
        token = self.peek()
        return token is not None and token[:2] == ("brace", brace)


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


def parse_efg(text: str | bytes) -> GameTree:
    """Read a game tree from the text of a Gambit ``.efg`` file.

    Payoffs and chance probabilities are integers, fractions ``p/q`` or
    decimals (with an optional exponent) in ASCII digits, read exactly; a
    number may have at most :data:`~trigame.io.nfg.MAX_DIGITS` (4,000) digits
    and an exponent of at most that size, and its exact value a numerator and
    denominator of at most that many digits (so that it can be written back).
    The file is read without recursion, so trees of any depth load.

    Raises
    ------
    EFGFormatError
        When the text is not a well-formed ``.efg`` file; the message names the line.
    TreeError
        When the tree it describes is invalid (e.g. imperfect recall).

    Examples
    --------
    >>> from trigame.io.efg import parse_efg
    >>> tree = parse_efg(\'\'\'EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "" { 0, 2 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1, -1 }
    ... t "" 3 "" { 1, 1 }
    ... \'\'\')
    >>> tree.players, tree.terminals()[("In", "Accommodate")]
    (('Entrant', 'Incumbent'), (Fraction(1, 1), Fraction(1, 1)))
    """
    if isinstance(text, (bytes, bytearray)):
        data = bytes(text)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if not isinstance(text, str):
        raise EFGFormatError(f"parse_efg needs the file's text as a string, got {type(text).__name__}")
    reader = _Reader(text)
    if reader.expect("word", '"EFG"', None) != "EFG":
        raise EFGFormatError('line 1: an .efg file starts with "EFG"')
    version = reader.next("the version")
    if version[1] != "2":
        raise EFGFormatError(f"line {version[2]}: only version 2 of the .efg format is known, "
                             f"got {_show(version[1])}")
    flag = reader.next("the data type R or D")
    if flag[1] not in ("R", "D"):
        raise EFGFormatError(f"line {flag[2]}: the data type must be R or D, got {_show(flag[1])}")
    title = reader.expect("string", "the title")
    reader.expect("brace", "{ before the player names", "{")
    names = []
    while not reader.is_brace("}"):
        names.append(reader.expect("string", "a player name or } closing the list"))
    closing = reader.next("}")
    players = [name or f"Player {k + 1}" for k, name in enumerate(names)]
    players = _rename(players) if len(set(players)) != len(players) else players
    if not players:
        raise EFGFormatError(f"line {closing[2]}: the game has no players")
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
            while not reader.is_brace("}"):
                values.append(_number(reader.next("a payoff or }")))
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
            while not reader.is_brace("}"):
                labels.append(reader.expect("string", "an action label or }"))
                if chance:
                    probabilities.append(_number(reader.next("a probability")))
            reader.next("}")
            if not labels:
                raise EFGFormatError(f"line {line}: information set {number} has no actions")
            labels = _rename(labels)
            if entry is None:
                entry = {"number": number, "name": name or "", "actions": labels, "probabilities": probabilities}
                infosets[(player, number)] = entry
            elif entry["actions"] != labels or (chance and entry["probabilities"] != probabilities):
                raise EFGFormatError(f"line {line}: information set {number} is given different actions")
        if entry is None:
            raise EFGFormatError(f"line {line}: information set {number} is used before its actions are given")
        return entry

    # The nodes in preorder, read without recursion: a stack of [payoffs accumulated above, children left].
    records: list[tuple[str, str, int, dict[str, Any] | None, tuple[Fraction, ...] | None]] = []
    stack: list[list[Any]] = [[tuple(Fraction(0) for _ in range(n)), 1]]
    while stack:
        frame = stack[-1]
        if frame[1] == 0:
            stack.pop()
            continue
        frame[1] -= 1
        accumulated = frame[0]
        token = reader.next("a node (c, p or t)")
        kind, _, line = token
        if kind != "word" or token[1] not in ("c", "p", "t"):
            raise EFGFormatError(f"line {line}: expected a node type c, p or t, got {_show(token[1])}")
        label = reader.expect("string", "the node name")
        if token[1] == "t":  # a terminal node is labelled by its name, else by its outcome's name
            number = reader.peek()
            own = outcome(line)
            if not label and number is not None and _INTEGER.fullmatch(number[1]):
                label = outcome_names.get(int(number[1]), "")
            total = tuple(a + b for a, b in zip(accumulated, own))
            if any(_too_many_digits(v) for v in total):
                raise EFGFormatError(f"line {line}: with the outcomes above it, a payoff of this terminal node has "
                                     f"more than {MAX_DIGITS} digits")
            records.append(("t", label, 0, None, total))
            continue
        if token[1] == "p":
            player = reader.integer("a player number")
            if not 1 <= player <= n:
                raise EFGFormatError(f"line {line}: player {player} does not exist (the game has {n} players)")
        else:
            player = 0
        entry = infoset(player, line, chance=player == 0)
        below = tuple(a + b for a, b in zip(accumulated, outcome(line)))
        records.append((token[1], label, player, entry, None))
        stack.append([below, len(entry["actions"])])
    extra = reader.peek()
    if extra is not None:
        raise EFGFormatError(f"line {extra[2]}: unexpected {_show(extra[1])} after the last node")

    names_used = Counter(entry["name"] for (player, _), entry in infosets.items() if player and entry["name"])

    def key_of(player: int, entry: dict[str, Any]) -> Hashable:
        name = entry["name"]
        return name if name and names_used[name] == 1 else f"{players[player - 1]}:{entry['number']}"

    # Build the nodes from the last to the first: a node's children are then the last ones built.
    built: list[Node] = []
    for node_kind, label, player, entry, payoffs in reversed(records):
        if node_kind == "t":
            assert payoffs is not None
            built.append(Terminal(payoffs, label=label))
            continue
        assert entry is not None
        children = [built.pop() for _ in entry["actions"]]
        if node_kind == "c":
            built.append(Chance({a: (p, c) for a, p, c in zip(entry["actions"], entry["probabilities"], children)},
                                label=label))
        else:
            built.append(Decision(players[player - 1], dict(zip(entry["actions"], children)),
                                  infoset=key_of(player, entry), label=label))
    return GameTree(built[0], players=players, title=title)


def read_efg(path: str | os.PathLike[str]) -> GameTree:
    """Read a Gambit ``.efg`` file (see :func:`parse_efg`); error messages start with the file's name."""
    data = _read_bytes(path, EFGFormatError)
    try:
        return parse_efg(data)
    except (EFGFormatError, TreeError) as exc:
        raise type(exc)(f"{os.fspath(path)}: {exc}") from None


def _format_number(value: Any) -> str:
    if isinstance(value, Fraction):
        if _too_many_digits(value):
            raise UnsupportedGameError(f"a number has a numerator or denominator of more than {MAX_DIGITS} digits; "
                                       "an .efg file holds numbers of at most that many digits")
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
    >>> from trigame.games.tree import Decision, GameTree, Terminal
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
    player_number = {p: i + 1 for i, p in enumerate(tree.players)}
    chance_sets = 0
    outcomes = 0
    stack: list[int] = [0]
    while stack:  # preorder, children in the order of their information set's actions
        k = stack.pop()
        node = tree._nodes[k]
        if isinstance(node, Terminal):
            outcomes += 1
            payoffs = ", ".join(_format_number(v) for v in tree._values[k])
            lines.append(f"t {_quote(node.label)} {outcomes} {_quote(node.label)} {{ {payoffs} }}")
            continue
        child = {tree._label[c]: c for c in tree._children[k]}
        if isinstance(node, Chance):
            chance_sets += 1
            order = tuple(node.outcomes)
            probabilities = tree._probabilities[k]
            actions = " ".join(f"{_quote(a)} {_format_number(p)}" for a, p in zip(order, probabilities))
            lines.append(f"c {_quote(node.label)} {chance_sets} \"\" {{ {actions} }} 0")
        else:
            key = tree._infosets[tree._node_infoset[k]].key
            order = actions_of[key]
            actions = " ".join(_quote(a) for a in order)
            lines.append(f"p {_quote(node.label)} {player_number[node.player]} {numbers[key]} {_quote(str(key))} "
                         f"{{ {actions} }} 0")
        stack.extend(child[a] for a in reversed(order))
    return "\n".join(lines) + "\n"


def write_efg(tree: GameTree, path: str | os.PathLike[str]) -> None:
    """Write ``tree`` to a Gambit ``.efg`` file (see :func:`format_efg`)."""
    text = format_efg(tree)
    _write_text(path, text)
