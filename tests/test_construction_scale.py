"""Building and reading large games takes work linear in their size, and never recursion as deep as the tree.

Linearity is asserted by counting work, never by timing it: the lines of
``trigame/games/tree/`` executed while a tree is built, the characters the
``.efg`` tokenizer scans, the calls to the scalar classifier.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import trigame as tg
import trigame.games._construction as game_module
import trigame.games.tree as tree_module
from trigame.errors import BudgetExceededError, GameShapeError, NFGFormatError
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.io.efg import _tokens, format_efg, parse_efg
from trigame.io.nfg import parse_nfg


def chain(depth: int, player: str = "A") -> Decision:
    """A decision chain: at each of ``depth`` nodes the player stops (payoff = depth left) or goes on."""
    node: Any = Terminal((0,))
    for k in range(depth):
        node = Decision(player, {"go": node, "stop": Terminal((k + 1,))})
    return node


def chain_efg(depth: int) -> str:
    """The .efg text of :func:`chain` written by hand: ``2 * depth + 1`` nodes."""
    lines = ['EFG 2 R "chain" { "A" }', '""']
    for k in range(depth):
        lines.append(f'p "" 1 {k + 1} "" {{ "go" "stop" }} 0')
    lines.append('t "" 1 "" { 0 }')
    for k in range(depth):
        lines.append(f't "" {k + 2} "" {{ {k + 1} }}')
    # preorder: go-subtree first, so the stop leaves come back up from the deepest node
    return "\n".join(lines[:2] + lines[2 : 2 + depth] + [lines[2 + depth]] + lines[3 + depth :]) + "\n"


def lines_executed(module_file: str, build: Callable[[], Any]) -> int:
    """How many lines of ``module_file`` (of the files under it, for a directory ending in ``/``) run while
    ``build()`` runs (a deterministic count of work)."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(module_file) else None

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        build()
    finally:
        sys.settrace(old)
    return count


# ---------------------------------------------------------------------- trees
def test_a_20000_deep_chain_builds() -> None:
    depth = 20_000
    tree = GameTree(chain(depth))
    assert len(tree) == 2 * depth + 1
    assert tree.players == ("A",) and tree.kind == "exact"
    # the deepest decision node: its path is depth - 1 "go"s; deep nodes get short default keys
    deepest = ("go",) * (depth - 1)
    assert tree.node(deepest).actions.keys() == {"go", "stop"}
    assert tree.information_set(deepest) == f"A@#{depth - 1}"  # preorder: the go-branches come first
    assert tree.information_set(("go",) * 3) == "A@go/go/go"
    assert tree.node((*deepest, "stop")).payoffs == (1,)
    info = tree.information_sets[-1]
    assert len(info.paths) == 1 and info.paths[0] == deepest
    # printing stays proportional to the number of nodes (indentation is capped)
    assert len(tree.text()) < 200 * len(tree)


def test_tree_construction_work_is_linear() -> None:
    # Before, every information set walked up to the root to check perfect recall
    # (quadratic in the depth); doubling the depth must about double the work.
    package = tree_module.__file__.removesuffix("__init__.py")  # every module of trigame/games/tree/
    small = lines_executed(package, lambda: GameTree(chain(500)))
    large = lines_executed(package, lambda: GameTree(chain(1000)))
    assert large < 2.3 * small, (small, large)


def test_deep_subgame_subs_and_normal_form_do_not_recurse() -> None:
    import sympy as sp

    c = sp.Symbol("c")
    node: Any = Terminal((c,))
    for _ in range(3000):
        node = Decision("A", {"on": node})  # one action each: a single pure strategy
    tree = GameTree(Chance({"h": (sp.Rational(1, 2), node), "t": (sp.Rational(1, 2), Terminal((1,)))}))
    numbers = tree.subs(c=4)
    assert numbers.kind == "exact" and numbers.terminals()[("h", *("on",) * 3000)] == (4,)
    sub = numbers.subgame(("h",) + ("on",) * 2000)
    assert len(sub) == 1001
    # 3000 information sets of one action: shape (1,), expected payoff 1/2 * 4 + 1/2 * 1
    form = numbers.to_normal_form()
    assert form.shape == (1,) and form.payoffs[0, 0] == sp.Rational(5, 2)


def test_normal_form_size_is_checked_before_strategies_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = GameTree(chain(40))  # 2**40 pure strategies

    def refuse(self: GameTree, player: str) -> Any:
        raise AssertionError("pure strategies listed before the size check")

    monkeypatch.setattr(GameTree, "pure_strategies", refuse)
    with pytest.raises(BudgetExceededError, match="max_profiles"):
        tree.to_normal_form()
    with pytest.raises(BudgetExceededError, match="max_profiles"):
        GameTree(chain(3)).to_normal_form(max_profiles=7)  # 8 pure strategies
    monkeypatch.undo()
    assert GameTree(chain(3)).to_normal_form(max_profiles=8).shape == (8,)
    with pytest.raises(BudgetExceededError, match="max_memory"):
        GameTree(chain(3)).to_normal_form(max_memory=16)


# ---------------------------------------------------------------------- .efg files
def test_efg_tokenizer_scans_each_character_a_bounded_number_of_times() -> None:
    class Counted(str):
        scanned = 0

        def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
            lo = 0 if start is None else start
            hi = len(self) if end is None else end
            Counted.scanned += max(hi - lo, 0)
            return super().count(sub, start, end)

    text = Counted(chain_efg(5000))  # 10,001 nodes
    tokens = _tokens(text)
    # header and comment: 8 tokens; p "" 1 k "" { "go" "stop" } 0: 10; t "" k "" { v }: 7
    assert len(tokens) == 8 + 10 * 5000 + 7 * 5001
    assert Counted.scanned <= 2 * len(text)  # before, every token counted the lines from the start
    assert len(parse_efg(text)) == 10_001


def test_deep_efg_files_load_and_round_trip() -> None:
    tree = parse_efg(chain_efg(3000))  # deeper than Python's recursion limit
    assert len(tree) == 6001
    assert tree.node(("go",) * 2999 + ("stop",)).payoffs == (1,)
    assert tree.node(("stop",)).payoffs == (3000,)
    text = format_efg(tree)
    again = parse_efg(text)
    assert format_efg(again) == text
    assert [info.actions for info in again.information_sets] == [info.actions for info in tree.information_sets]


@pytest.mark.slow
def test_a_20000_deep_chain_round_trips_through_efg(tmp_path: Path) -> None:
    tree = GameTree(chain(20_000))
    path = tmp_path / "chain.efg"
    tg.write_efg(tree, path)
    again = tg.read_efg(path)
    assert len(again) == len(tree) and format_efg(again) == format_efg(tree)
    assert again.node(("go",) * 19_999 + ("stop",)).payoffs == (1,)


# ---------------------------------------------------------------------- normal-form games
def test_float_payoffs_are_classified_without_a_call_per_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = game_module.classify

    def counting(value: Any, what: str = "payoff") -> Any:
        nonlocal calls
        calls += 1
        return original(value, what)

    monkeypatch.setattr(game_module, "classify", counting)
    n = 10
    values = np.random.default_rng(1).random((n,) + (2,) * n)
    game = tg.NormalFormGame(values.tolist())
    assert game.kind == "float" and game.shape == (2,) * n
    assert np.array_equal(game.payoffs, values)
    again = tg.NormalFormGame.from_arrays(*values.tolist())
    assert np.array_equal(again.payoffs, values)
    exact = tg.NormalFormGame((values * 8).astype(int).tolist())
    assert exact.kind == "exact"
    assert calls < 10, calls


def test_more_players_than_numpy_axes() -> None:
    payoffs: Any = [0]
    for _ in range(70):
        payoffs = [payoffs]
    with pytest.raises(GameShapeError):
        tg.NormalFormGame([payoffs] * 70)
    deep: Any = 0
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(GameShapeError):
        tg.NormalFormGame(deep)


def test_nfg_memory_is_checked_from_the_header() -> None:
    # 40 players with 2 strategies: 40 * 2**40 payoffs are announced; refused before reading them
    header = 'NFG 1 R "big" { ' + " ".join(f'"p{i}"' for i in range(40)) + " } { " + "2 " * 40 + "} "
    with pytest.raises((BudgetExceededError, NFGFormatError)):
        parse_nfg(header + "0 " * 100)
    with pytest.raises(BudgetExceededError, match="max_memory"):
        parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3 4 5 6 7 8', max_memory=64)
