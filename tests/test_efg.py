"""Gambit .efg files: hand-written files, round trips, malformed input, and pygambit's catalog."""

from __future__ import annotations

import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import trigame as tg
from tests.test_tree_properties import trees
from trigame.games.tree import Chance, Decision, GameTree, Terminal, TreeError
from trigame.io.efg import EFGFormatError, format_efg, parse_efg, read_efg, write_efg
from trigame.solve.subgame_perfect import subgame_perfect

F = Fraction

ENTRY = """EFG 2 R "Entry \\"deterrence\\"" { "Entrant" "Incumbent" }
"A comment
over two lines"

p "root" 1 1 "E" { "Out" "In" } 0
t "" 1 "stay out" { 0, 2 }
p "" 2 1 "I" { "Fight" "Accommodate" } 0
t "" 2 "war" { -1 -1 }
t "" 3 "peace" { 1.5, 1 }
"""


def test_hand_written_file() -> None:
    tree = parse_efg(ENTRY)
    assert tree.title == 'Entry "deterrence"'
    assert tree.players == ("Entrant", "Incumbent")
    assert tree.kind == "exact"
    assert tree.terminals() == {("Out",): (0, 2), ("In", "Fight"): (-1, -1), ("In", "Accommodate"): (F(3, 2), 1)}
    assert [info.key for info in tree.information_sets] == ["E", "I"]
    assert tree.node(()).label == "root" and tree.node(("Out",)).label == "stay out"
    (spe,) = subgame_perfect(tree)
    assert spe.choices() == {"E": "In", "I": "Accommodate"}


def test_shared_infoset_chance_and_nonterminal_outcome() -> None:
    # B does not see the chance move; A's outcome 1 at the root adds (1, 1) to every
    # terminal node; outcome 2 is reused without repeating its payoffs.
    text = """EFG 2 R "" { "A" "B" }
c "" 1 "" { "H" 1/3 "T" 2/3 } 1 "bonus" { 1 1 }
p "" 2 1 "guess" { "h" "t" } 0
t "" 2 "right" { 0 5 }
t "" 3 "" { 0 0 }
p "" 2 1 { "h" "t" } 0
t "" 3 "" { 0 0 }
t "" 2 { 0 5 }
"""
    tree = parse_efg(text)
    assert tree.terminals()[("H", "h")] == (1, 6) and tree.terminals()[("T", "h")] == (1, 1)
    assert tree.information_sets[0].paths == (("H",), ("T",))
    # B guesses t: 2/3 * 5 beats 1/3 * 5
    (spe,) = subgame_perfect(tree)
    assert spe.choices() == {"guess": "t"} and spe.payoffs == (1, 1 + F(10, 3))


def test_infoset_without_actions_repeated() -> None:
    text = """EFG 2 R "" { "A" "B" }
p "" 1 1 "" { "x" "y" } 0
p "" 2 1 "" { "l" "r" } 0
t "" 1 "" { 1 0 }
t "" 2 "" { 0 1 }
p "" 2 1 0
t "" 3 "" { 0 1 }
t "" 4 "" { 1 0 }
"""
    tree = parse_efg(text)
    assert len(tree.information_sets) == 2
    assert tree.subgame_roots() == ((),)


def test_duplicate_and_empty_labels_are_renamed() -> None:
    text = ('EFG 2 R "" { "A" }\nc "" 1 "" { "1/3" 1/3 "1/3" 1/3 "" 1/3 } 0\n'
            't "" 1 "" { 1 }\nt "" 2 "" { 2 }\nt "" 3 "" { 3 }\n')
    tree = parse_efg(text)
    assert set(tree.terminals()) == {("1/3_1",), ("1/3_2",), ("_1",)}


@pytest.mark.parametrize("text, message", [
    ("NFG 1 R", "starts with"),
    ('EFG 3 R "" { "A" }', "version 2"),
    ('EFG 2 Q "" { "A" }', "R or D"),
    ('EFG 2 R "" { }\nt "" 1 "" { 1 }', "no players"),
    ('EFG 2 R "" { "A" }\nt "" 1 "" { 1 2 }', "2 payoffs"),
    ('EFG 2 R "" { "A" }\nt "" 1 "" { x }', "expected a number"),
    ('EFG 2 R "" { "A" }\nt "" 1 "" { 1/0 }', "division by zero"),
    ('EFG 2 R "" { "A" }\nt "" 1', "used before its payoffs"),
    ('EFG 2 R "" { "A" }\np "" 2 1 "" { "a" } 0\nt "" 1 "" { 1 }', "player 2 does not exist"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 }', "unexpected end"),
    ('EFG 2 R "" { "A" }\nt "" 1 "" { 1 }\nt "" 2 "" { 1 }', "after the last node"),
    ('EFG 2 R "" { "A" }\nx "" 1 "" { 1 }', "node type"),
    ('EFG 2 R "" { "A" }\np "" 1 1 0\nt "" 1 "" { 1 }', "before its actions"),
    ('EFG 2 R "" { "A" }\nt "" 1 "" { 1 }\n"unterminated', "cannot read"),
])
def test_malformed_files(text: str, message: str) -> None:
    with pytest.raises(EFGFormatError, match=message):
        parse_efg(text)


def test_invalid_tree_in_a_file() -> None:
    # Chance probabilities that do not sum to 1 are the tree's error, named by node.
    text = 'EFG 2 R "" { "A" }\nc "" 1 "" { "H" 1/2 "T" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 2 }\n'
    with pytest.raises(TreeError, match="chance node at the root"):
        parse_efg(text)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EFGFormatError, match="cannot read"):
        read_efg(tmp_path / "missing.efg")


def test_write_and_read_back(tmp_path: Path) -> None:
    tree = parse_efg(ENTRY)
    path = tmp_path / "entry.efg"
    write_efg(tree, path)
    again = read_efg(path)
    assert again.title == tree.title and again.players == tree.players
    assert again.terminals() == tree.terminals()
    assert again.information_sets == tree.information_sets


def test_writer_refuses_symbolic_trees() -> None:
    import sympy as sp

    tree = GameTree(Decision("A", {"x": Terminal((sp.Symbol("c"),))}))
    with pytest.raises(tg.UnsupportedGameError):
        format_efg(tree)


def test_writer_follows_infoset_action_order() -> None:
    # The second node of the information set lists its actions in another order; the
    # file must list its children in the information set's order.
    root = Decision("A", {"x": Decision("B", {"l": Terminal((1, 0)), "r": Terminal((2, 0))}, infoset="I"),
                          "y": Decision("B", {"r": Terminal((3, 0)), "l": Terminal((4, 0))}, infoset="I")})
    tree = GameTree(root, players=("A", "B"))
    assert parse_efg(format_efg(tree)).terminals() == tree.terminals()


def test_float_tree_round_trip() -> None:
    tree = GameTree(Chance({"H": (0.25, Terminal((0.5,))), "T": (0.75, Terminal((1.0,)))}))
    again = parse_efg(format_efg(tree))
    assert {k: tuple(float(x) for x in v) for k, v in again.terminals().items()} == tree.terminals()


@given(trees())
def test_round_trip_of_generated_trees(tree: GameTree) -> None:
    again = parse_efg(format_efg(tree))
    assert again.terminals() == tree.terminals()
    assert again.information_sets == tree.information_sets


# ------------------------------------------------------------------ pygambit
def _catalog() -> list[Path]:
    try:
        import pygambit
    except ImportError:
        return []
    root = Path(os.path.dirname(pygambit.__file__)) / "catalog_data"
    return sorted(root.rglob("*.efg"))


def _rename(labels: list[str]) -> list[str]:
    # Gambit's renaming of empty and repeated labels, restated for the comparison.
    out: list[str] = []
    seen: dict[str, int] = {}
    for label in labels:
        if label and labels.count(label) == 1:
            out.append(label)
        else:
            seen[label] = seen.get(label, 0) + 1
            out.append(f"{label}_{seen[label]}")
    return out


def _compare(gbt: Any, game: Any, tree: GameTree) -> dict[Any, Any]:
    """Walk both trees together; return pygambit infoset -> trigame infoset key.

    A pygambit 16 infoset is an object; a pygambit 17 one is the action path of its first member.
    """
    if hasattr(game, "get_actions"):  # 17: nodes are addressed by action paths, players by label
        return _compare_by_label(gbt, game, tree)
    players = list(game.players)
    assert tree.players == tuple(p.label for p in players)
    infosets: dict[Any, Any] = {}
    stack: list[tuple[Any, tuple[str, ...], list[Fraction]]] = [(game.root, (), [F(0)] * len(players))]
    while stack:
        node, path, above = stack.pop()
        outcome = node.outcome
        if outcome is not None:
            try:
                above = [a + F(str(outcome[p])) for a, p in zip(above, players)]
            except KeyError:  # pygambit: "node has no outcome attached"
                pass
        mine = tree.node(path)
        if node.is_terminal:
            assert isinstance(mine, Terminal)
            assert tree.terminals()[path] == tuple(above)
            continue
        actions = list(node.infoset.actions)
        labels = _rename([a.label for a in actions])
        if node.player.is_chance:
            assert isinstance(mine, Chance)
            assert [p for p, _ in mine.outcomes.values()] == [F(str(a.prob)) for a in actions]
        else:
            assert isinstance(mine, Decision) and mine.player == node.player.label
            key = tree.information_set(path)
            assert infosets.setdefault(node.infoset, key) == key
            assert tuple(labels) == next(i.actions for i in tree.information_sets if i.key == key)
        for action, label in zip(actions, labels):
            stack.append((node.children[action], (*path, label), above))
    assert len(set(infosets.values())) == len(infosets) == len(tree.information_sets)
    return infosets


def _compare_by_label(gbt: Any, game: Any, tree: GameTree) -> dict[Any, Any]:
    """``_compare`` for pygambit 17, which renames empty and repeated action labels when it reads."""
    players = list(game.players)
    assert tree.players == tuple(players)
    infosets: dict[Any, Any] = {}
    stack: list[tuple[tuple[str, ...], tuple[str, ...], list[Fraction]]] = [((), (), [F(0)] * len(players))]
    while stack:
        node, path, above = stack.pop()
        at = gbt.H.path(*node)
        outcome = game.get_outcome(at)
        if outcome is not None:
            payoffs = game.get_outcome_payoffs(outcome)
            above = [a + F(str(payoffs[p])) for a, p in zip(above, players)]
        mine = tree.node(path)
        actions = list(game.get_actions(at))
        if not actions:  # a terminal node
            assert isinstance(mine, Terminal)
            assert tree.terminals()[path] == tuple(above)
            continue
        labels = _rename(actions)
        player = game.get_player(at)
        if player not in players:  # the chance player
            assert isinstance(mine, Chance)
            probs = game.get_action_probs(at)
            assert [p for p, _ in mine.outcomes.values()] == [F(str(probs[a])) for a in actions]
        else:
            assert isinstance(mine, Decision) and mine.player == player
            key = tree.information_set(path)
            first = tuple(game.get_members(at)[0].actions)
            assert infosets.setdefault(first, key) == key
            assert tuple(labels) == next(i.actions for i in tree.information_sets if i.key == key)
        for action, label in zip(actions, labels):
            stack.append(((*node, action), (*path, label), above))
    assert len(set(infosets.values())) == len(infosets) == len(tree.information_sets)
    return infosets


def _behaviors(gbt: Any, game: Any, result: Any, infosets: dict[Any, Any]) -> list[dict[Any, dict[str, Fraction]]]:
    """pygambit's equilibria (an ``lcp_solve`` result) as trigame behaviour strategies, one dict each."""
    out = []
    if hasattr(game, "get_actions"):  # 17: one equilibrium; an infoset is the action path of a member
        for eq in [result.equilibrium] if result.success else []:
            behavior = {}
            for first, key in infosets.items():
                actions = list(game.get_actions(gbt.H.path(*first)))
                mixed = eq[gbt.H.path(*first)]
                behavior[key] = {label: F(str(mixed[a])) for a, label in zip(actions, _rename(actions))}
            out.append(behavior)
        return out
    for eq in result.equilibria:
        behavior = {}
        for info, key in infosets.items():
            labels = _rename([a.label for a in info.actions])
            behavior[key] = {label: F(str(eq[a])) for a, label in zip(info.actions, labels)}
        out.append(behavior)
    return out


@pytest.mark.parametrize("path", _catalog(), ids=lambda p: p.name)
def test_pygambit_catalog_reads_identically(path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    game = gbt.read_efg(str(path))
    if not game.is_perfect_recall:
        with pytest.raises(TreeError, match="imperfect recall"):
            read_efg(path)
        return
    tree = read_efg(path)
    infosets = _compare(gbt, game, tree)
    # pygambit's equilibria (sequence-form LCP, 2 players) are Nash equilibria of trigame's strategic form
    if len(tree.players) == 2:
        behaviors = _behaviors(gbt, game, gbt.nash.lcp_solve(game, rational=True, use_strategic=False), infosets)
        assert behaviors
        normal = tree.to_normal_form()
        for behavior in behaviors:
            assert tg.is_nash(normal, tree.strategy_profile(behavior))
    # and every subgame-perfect equilibrium trigame finds is one too
    try:
        spes = subgame_perfect(tree)
    except tg.UnsupportedGameError:  # an N-player stage without the polynomial solver
        assert len(tree.players) > 2
        return
    for spe in spes:
        assert tg.is_nash(tree.to_normal_form(), spe.profile())


def test_pygambit_reads_what_trigame_writes(tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    tree = parse_efg(ENTRY)
    path = tmp_path / "entry.efg"
    write_efg(tree, path)
    game = gbt.read_efg(str(path))
    assert _compare(gbt, game, tree)


# ---------------------------------------------------------------------- hostile input
ONE = 'EFG 2 R "" { "A" }\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ONE + 't "" 1 "" { ' + "9" * 5000 + " }", "line 2: .*more than 4000 digits"),  # int() refuses > 4300
        (ONE + 't "" 1 "" { 1e9999 }', "line 2: .*exponent"),
        (ONE + 't "" 1 "" { 1/' + "3" * 4001 + " }", "line 2: .*more than 4000 digits"),
        (ONE + 't "" \u00b2 "" { 1 }', "line 2: expected an outcome number"),  # '²'.isdigit() is True
        (ONE + 't "" 1 "" { \u0663 }', "line 2: expected a number"),  # an Arabic-Indic three
        (ONE + 't "" 1 "" { NaN }', "line 2: expected a number"),
        (ONE + 't "" 1 "" { Infinity }', "line 2: expected a number"),
        (ONE + 't "" 1 "" { 1_000 }', "line 2: expected a number"),
        (ONE + 'p "" 1 1 "" { } 0', "line 2: information set 1 has no actions"),
        (ONE + 'p "" 1 1 "" { "a" } 0\n', "line 2: unexpected end of file"),
        (ONE + 'p "" ' + "9" * 40 + ' 1 "" { "a" } 0\n', "line 2: expected a player number"),
    ],
)
def test_hostile_files(text: str, message: str) -> None:
    with pytest.raises(EFGFormatError, match=message):
        parse_efg(text)


def test_the_largest_numbers_read_can_be_written_back() -> None:
    text = ONE + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { ' + "9" * 4000 + ' }\nt "" 2 "" { -1e-3999 }\n'
    tree = parse_efg(text)
    assert tree.terminals()[("a",)] == (10**4000 - 1,)
    again = parse_efg(format_efg(tree))
    assert again.terminals() == tree.terminals()
    with pytest.raises(tg.TrigameError, match="4000 digits"):  # refused on construction; the writer guards too
        format_efg(GameTree(Decision("A", {"x": Terminal((Decimal("1e-5000"),))})))


def test_files_are_read_as_bytes_and_errors_name_them(tmp_path: Path) -> None:
    path = tmp_path / "caf\u00e9.efg"
    path.write_bytes(('EFG 2 R "caf\u00e9" { "\u00c9" }\nt "" 1 "" { 1 }\n').encode("latin-1"))
    assert read_efg(path).title == "caf\u00e9"
    assert parse_efg(ENTRY.encode("utf-8")).title == 'Entry "deterrence"'
    bad = tmp_path / "bad.efg"
    bad.write_text(ONE + 't "" 1 "" { x }\n')
    with pytest.raises(EFGFormatError, match=r"bad\.efg: line 2: expected a number"):
        read_efg(bad)
    with pytest.raises(EFGFormatError, match="directory"):
        read_efg(tmp_path)
    tree_error = tmp_path / "chance.efg"
    tree_error.write_text(ONE + 'c "" 1 "" { "H" 1/2 "T" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 2 }\n')
    with pytest.raises(TreeError, match=r"chance\.efg: the chance node at the root"):
        read_efg(tree_error)
    with pytest.raises(tg.ParameterError, match="cannot write"):
        write_efg(parse_efg(ENTRY), tmp_path)
