"""Fuzzing the public API's argument checks: hostile arguments give a TrigameError, nothing else.

Every public callable of ``trigame`` (and the entry points of ``trigame.io``
and ``trigame.testing``) is called with valid arguments but one, which is
replaced by a hostile value (None, strings, NaN, infinities, huge or negative
integers, booleans, complex numbers, wrong shapes, nested lists, ...).  The
call may succeed or raise a :class:`~trigame.errors.TrigameError`; any other
exception is a bug.  Inputs are small, so nothing can take long.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trigame as tg
import trigame.io as tio
from trigame import testing
from trigame.errors import TrigameError
from trigame.games.tree import Decision, GameTree, Terminal

X = sp.Symbol("x")
PD = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
FLOAT_PD = PD.as_float()
SYMBOLIC = tg.NormalFormGame.from_arrays([[X, 0], [0, 1]], [[1, 0], [0, X]])
ENTRY = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": Decision(
    "Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})}))
SYMBOLIC_TREE = GameTree(Decision("A", {"a": Terminal((X,)), "b": Terminal((1,))}))
BEHAVIOR = {"Entrant@root": {"In": 1}, "Incumbent@In": {"Accommodate": 1}}
PD_TEXT = tg.format_nfg(PD)
ENTRY_TEXT = tg.format_efg(ENTRY)

HOSTILE: list[Any] = [
    None, "", "abc", "ab", "\x00", b"x", bytearray(b"NFG"), float("nan"), float("inf"), -float("inf"),
    10**400, -(10**400), 2**63, -1, 0, 1, 2, 3.5, -0.0, 1e308, True, False, 1 + 2j, Fraction(1, 3),
    [], [[]], [1], [[1, 2], [3]], [[[1]]], [[[1, 2]], [[3, 4]]], [None], ["a", "b"], [0, 0], [1.5, -0.5],
    {}, {"a": 1}, {"A": {"x": 1}}, {"Entrant@root": {"In": 2}}, (0,), ("a",), range(3), object(),
    np.array([]), np.zeros((2, 3)), np.array([np.nan]), np.array(["a"]), np.float64("nan"), np.int64(-1),
    sp.I, X, sp.nan, sp.oo, sp.Integer(2), Terminal((1,)), PD, ENTRY, Path("missing.nfg"),
]

# name -> (function, valid positional arguments, valid keyword arguments)
CALLS: dict[str, tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = {
    "NormalFormGame": (tg.NormalFormGame, ([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],),
                       {"players": ["R", "C"], "strategies": [["a", "b"], ["c", "d"]], "title": "t",
                        "kind": "exact"}),
    "NormalFormGame.from_arrays": (tg.NormalFormGame.from_arrays, ([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
                                   {"players": ["R", "C"], "kind": None}),
    "NormalFormGame.subs": (SYMBOLIC.subs, ({"x": 2},), {}),
    "NormalFormGame.subs(kw)": (SYMBOLIC.subs, (), {"x": 2}),
    "NormalFormGame.permute": (PD.permute, ([1, 0], [[1, 0], [0, 1]]), {}),
    "NormalFormGame.profile": (PD.profile, (["C", [Fraction(1, 2), Fraction(1, 2)]],), {}),
    "NormalFormGame.expected_payoffs": (PD.expected_payoffs, ([0, "D"],), {}),
    "NormalFormGame.with_labels": (PD.with_labels, (["R", "C"], [["u", "d"], ["l", "r"]], "title"), {}),
    "NormalFormGame.as_kind": (PD.as_kind, ("float",), {}),
    "NormalFormGame.player_index": (PD.player_index, (1,), {}),
    "NormalFormGame.strategy_index": (PD.strategy_index, (0, "D"), {}),
    "NormalFormGame.payoff_array": (PD.payoff_array, ("Player 1",), {}),
    "GameTree": (GameTree, (Decision("A", {"x": Terminal((1, 2))}), ["A", "B"]), {"title": "t"}),
    "Decision": (Decision, ("A", {"x": Terminal((1,))}, "key", "label"), {}),
    "Chance": (tg.Chance, ({"h": (Fraction(1, 2), Terminal((1,))), "t": (Fraction(1, 2), Terminal((0,)))}, "c"),
               {}),
    "Terminal": (Terminal, ((1, 2), "end"), {}),
    "GameTree.node": (ENTRY.node, (("In",),), {}),
    "GameTree.subgame": (ENTRY.subgame, (("In",),), {}),
    "GameTree.information_set": (ENTRY.information_set, (("In",),), {}),
    "GameTree.subs": (SYMBOLIC_TREE.subs, ({"x": 2},), {}),
    "GameTree.to_normal_form": (ENTRY.to_normal_form, (), {"max_profiles": 100, "max_memory": 2**20}),
    "GameTree.outcomes": (ENTRY.outcomes, (BEHAVIOR,), {}),
    "GameTree.expected_payoffs": (ENTRY.expected_payoffs, (BEHAVIOR,), {}),
    "GameTree.strategy_profile": (ENTRY.strategy_profile, (BEHAVIOR,), {}),
    "GameTree.player_infosets": (ENTRY.player_infosets, ("Entrant",), {}),
    "GameTree.pure_strategies": (ENTRY.pure_strategies, ("Incumbent",), {}),
    "stage": (tg.stage, (["A", "B"], [["u", "d"], ["l"]], [[Terminal((1, 1))], [Terminal((0, 0))]]),
              {"key": "s"}),
    "subgame_perfect": (tg.subgame_perfect, (ENTRY,), {"max_equilibria": 10, "tol": 1e-9}),
    "equilibria": (tg.equilibria, (PD, "auto"), {}),
    "pure_equilibria": (tg.pure_equilibria, (FLOAT_PD, 1e-9), {}),
    "best_responses": (tg.best_responses, (PD, ["D", "D"], 1e-9), {}),
    "is_nash": (tg.is_nash, (FLOAT_PD, ["D", [0.5, 0.5]], 1e-9), {}),
    "regret": (tg.regret, (PD, ["C", 1]), {}),
    "format_nfg": (tg.format_nfg, (PD,), {"comment": "c"}),
    "format_efg": (tg.format_efg, (ENTRY,), {}),
    "parse_nfg": (tg.parse_nfg, (PD_TEXT, "exact"), {"duplicate_labels": "error", "max_memory": 2**20}),
    "parse_efg": (tg.parse_efg, (ENTRY_TEXT,), {}),
    "read_nfg": (tg.read_nfg, ("pd.nfg", None), {"duplicate_labels": "rename"}),
    "read_efg": (tg.read_efg, ("entry.efg",), {}),
    "write_nfg": (tg.write_nfg, (PD, "out.nfg"), {"comment": ""}),
    "write_efg": (tg.write_efg, (ENTRY, "out.efg"), {}),
    "io.to_nashpy": (tio.to_nashpy, (FLOAT_PD,), {}),
    "io.to_quantecon": (tio.to_quantecon, (PD,), {}),
    "testing.same_equilibria": (testing.same_equilibria, ([[[1, 0], [1, 0]]], [[[1.0, 0.0], [1.0, 0.0]]], 1e-6), {}),
    "testing.games": (testing.games, (2, (1, 2), "integers", False, 10, None), {}),
    "testing.profiles": (testing.profiles, (PD, None), {}),
    "testing.trees": (testing.trees, ((1, 2),), {"max_depth": 2, "max_actions": 2, "payoffs": "integers",
                                              "stages": True, "chance": True, "max_value": 5, "min_value": None}),
}
# Arguments kept valid (none at present).
KEEP_VALID: set[tuple[str, tuple[str, Any]]] = set()
# Left out, with the reason (findings reported to their owners):
# - the result records Equilibrium, EquilibriumSet, SubgamePerfectEquilibrium, SubgamePerfectSet, InformationSet,
#   Parameter and testing.SolverReport are built by trigame itself and do not validate their fields;
# - testing.assert_nash/assert_subgame_perfect/assert_same_equilibria raise AssertionError by design;
# - testing.check_solver/check_invariance run hypothesis themselves;
# - io.from_nashpy/from_quantecon/from_pygambit/to_pygambit take peer-library objects (see the report).


@pytest.fixture(scope="module", autouse=True)
def _in_a_scratch_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Run where files named by hostile strings can be written and read without harm."""
    where = tmp_path_factory.mktemp("api-fuzz")
    (where / "pd.nfg").write_text(PD_TEXT)
    (where / "entry.efg").write_text(ENTRY_TEXT)
    before = os.getcwd()
    os.chdir(where)
    try:
        yield
    finally:
        os.chdir(before)


def call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    function = CALLS[name][0]
    try:
        function(*args, **kwargs)
    except TrigameError as exc:
        assert str(exc), f"{name}: a TrigameError without a message"
    except Exception as exc:  # any other exception is a failure, with its reproducer
        raise AssertionError(f"{name}(*{args!r}, **{kwargs!r}) raised {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize("name", sorted(CALLS))
def test_valid_calls_succeed(name: str) -> None:
    function, args, kwargs = CALLS[name]
    function(*args, **kwargs)


hostile = st.sampled_from(HOSTILE) | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=4) | st.lists(
    st.integers(-2, 2) | st.none(), max_size=3)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CALLS)), st.data())
def test_one_hostile_argument(name: str, data: st.DataObject) -> None:
    _, args, kwargs = CALLS[name]
    args, kwargs = list(args), dict(kwargs)
    slots = [("arg", k) for k in range(len(args))] + [("kw", key) for key in kwargs]
    slots = [slot for slot in slots if (name, slot) not in KEEP_VALID]
    if not slots:
        return
    where, key = data.draw(st.sampled_from(slots), label="argument")
    value = data.draw(hostile, label="value")
    if where == "arg":
        args[key] = value
    else:
        kwargs[key] = value
    call(name, tuple(args), kwargs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CALLS)), st.data())
def test_all_arguments_hostile(name: str, data: st.DataObject) -> None:
    _, args, kwargs = CALLS[name]
    drawn = tuple(value if (name, ("arg", k)) in KEEP_VALID else data.draw(hostile) for k, value in enumerate(args))
    call(name, drawn, {key: data.draw(hostile) for key in kwargs if data.draw(st.booleans())})
