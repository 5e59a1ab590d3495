"""What a reader sees: relations on beliefs printed as everywhere else (≥, ≤), movers named by node type."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pytest

import trigame as tg
from trigame.cli import main
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.results.perfect_bayesian import BeliefConstraint, BeliefSet
from trigame.viz._palette import outcome_names

F = Fraction


def test_belief_sets_print_unicode_relations() -> None:
    # μ(weak) ≥ 1/2: the vertices (1/2, 1/2) and (0, 1) over (strong, weak)
    at_least = BeliefSet(("strong", "weak"), [{"strong": F(1, 2), "weak": F(1, 2)}, {"strong": 0, "weak": 1}],
                         [({"strong": -1, "weak": 1}, ">=", 0)])
    assert repr(at_least) == "BeliefSet(μ(weak) ≥ 1/2)"
    # μ(weak) ≤ 1/4, written by the label that reaches 1
    at_most = BeliefSet(("strong", "weak"), [{"strong": 1, "weak": 0}, {"strong": F(3, 4), "weak": F(1, 4)}])
    assert at_most.description() == "μ(strong) ≥ 3/4"
    between = BeliefSet(("strong", "weak"),
                        [{"strong": F(3, 4), "weak": F(1, 4)}, {"strong": F(1, 4), "weak": F(3, 4)}])
    assert between.description() == "1/4 ≤ μ(weak) ≤ 3/4"
    assert str(at_least.constraints[0]) == "-μ(strong) + μ(weak) ≥ 0"
    assert str(BeliefConstraint({"a": 1}, "<=", F(1, 3))) == "μ(a) ≤ 1/3"
    assert str(BeliefConstraint({"a": 1, "b": -1}, "==", 0)) == "μ(a) - μ(b) = 0"


def test_three_labels_join_constraints_in_unicode() -> None:
    # over three types no interval applies: the constraints are printed, joined by "and"
    s = BeliefSet("abc", [{"a": 1}, {"b": 1}, {"a": F(1, 2), "c": F(1, 2)}],
                  [({"a": 1, "b": 1}, ">=", F(1, 2)), ({"c": 1}, "<=", F(1, 2))])
    assert s.description() == "μ(a) + μ(b) ≥ 1/2 and μ(c) ≤ 1/2"


def test_json_keeps_ascii_relations() -> None:
    # JSON is read by programs: the relations stay ">=", "<=" as the schema documents them
    s = BeliefSet(("strong", "weak"), [{"strong": F(1, 2), "weak": F(1, 2)}, {"strong": 0, "weak": 1}],
                  [({"strong": -1, "weak": 1}, ">=", 0)])
    assert s.to_json()["description"] == "μ(weak) >= 1/2"
    assert s.to_json()["constraints"] == ["-μ(strong) + μ(weak) >= 0"]


def test_equilibrium_repr_and_cli_print_unicode_relations(capsys: pytest.CaptureFixture[str]) -> None:
    main(["solve", "Ratification"])
    out = capsys.readouterr().out
    assert "μ(low cost) ≥ 2/5 (off path)" in out
    assert ">=" not in out and "<=" not in out
    signaling = tg.SignalingGame(("strong", "weak"), {"strong": F(9, 10), "weak": F(1, 10)}, ("beer", "quiche"),
                                 ("duel", "not"), _beer_quiche)
    text = repr(tg.perfect_bayesian(signaling))
    assert "≥ 1/2 (off path)" in text and ">=" not in text


def _beer_quiche(t: str, m: str, a: str) -> tuple[int, int]:
    # Cho and Kreps (1987): the sender gets 1 for its preferred breakfast and 2 for avoiding a duel
    preferred = "beer" if t == "strong" else "quiche"
    sender = (1 if m == preferred else 0) + (2 if a == "not" else 0)
    receiver = 1 if (a == "duel") == (t == "weak") else 0
    return sender, receiver


@dataclass(frozen=True, eq=False, repr=False)
class _Lottery(Chance):
    """A chance node of another name: still Nature's move."""


def test_a_chance_node_of_any_class_name_is_natures_move() -> None:
    tree = GameTree(_Lottery({"h": (F(1, 2), Decision("A", {"x": Terminal((1,)), "y": Terminal((0,))})),
                              "t": (F(1, 2), Terminal((2,)))}))
    names = outcome_names(tree, [" > ".join(path) for path in tree.terminals()])
    assert names == {"h > x": "Nature: h > A: x", "h > y": "Nature: h > A: y", "t": "Nature: t"}
