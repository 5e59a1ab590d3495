"""BayesianGame: construction, the Harsanyi tree, the strategic form, the type-agent form, subs, symmetry, bad input."""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
import sympy as sp

from trigame.errors import (
    BudgetExceededError,
    GameShapeError,
    LabelError,
    ParameterError,
    PayoffTypeError,
    PayoffValueError,
    TrigameError,
)
from trigame.games.bayesian import BayesianGame

PLAYERS = ["Incumbent", "Entrant"]
TYPES = {"Incumbent": ["tough", "weak"], "Entrant": ["-"]}
ACTIONS = {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}


def entry_payoffs(types, actions):
    """Out: (2, 0); In and Yield: (0, 1); In and Fight: (1, -1) if tough, (-1, -1) if weak."""
    if actions[1] == "Out":
        return (2, 0)
    if actions[0] == "Yield":
        return (0, 1)
    return (1, -1) if types[0] == "tough" else (-1, -1)


def entry(prior=None, **kw):
    prior = {"Incumbent": {"tough": F(1, 3), "weak": F(2, 3)}} if prior is None else prior
    return BayesianGame(PLAYERS, TYPES, prior, ACTIONS, entry_payoffs, **kw)


def test_basic_properties_and_correlated_prior_equals_independent():
    bg = entry()
    assert bg.kind == "exact"
    assert bg.prior == {("tough", "-"): F(1, 3), ("weak", "-"): F(2, 3)}
    assert bg.actions("Entrant", "-") == ("In", "Out")
    assert bg.marginal("Incumbent") == {"tough": F(1, 3), "weak": F(2, 3)}
    same = entry(prior={("tough", "-"): F(1, 3), ("weak", "-"): F(2, 3)})
    assert same == bg and hash(same) == hash(bg)
    with pytest.raises(AttributeError):
        bg._players = ("x",)
    assert "2 players" in repr(bg)


def test_strategic_form_by_hand():
    # Ex-ante payoffs (Gibbons 1992, sec. 3.1: a strategy is a type-contingent plan). With In:
    # Fight|Fight: incumbent 1/3*1 + 2/3*(-1) = -1/3, entrant -1;
    # Fight|Yield: 1/3*1 + 0 = 1/3, entrant -1/3 + 2/3 = 1/3;
    # Yield|Fight: 0 + 2/3*(-1) = -2/3, entrant 1/3 - 2/3 = -1/3; Yield|Yield: 0, 1. With Out: (2, 0) everywhere.
    nf = entry().to_normal_form()
    assert nf.strategies == (("Fight|Fight", "Fight|Yield", "Yield|Fight", "Yield|Yield"), ("In", "Out"))
    expected_in = {"Fight|Fight": (F(-1, 3), -1), "Fight|Yield": (F(1, 3), F(1, 3)),
                   "Yield|Fight": (F(-2, 3), F(-1, 3)), "Yield|Yield": (0, 1)}
    for s, values in expected_in.items():
        assert nf.expected_payoffs([s, "In"]) == values
        assert nf.expected_payoffs([s, "Out"]) == (2, 0)


def test_agent_form_conditional_payoffs_by_hand():
    # Agent Incumbent@tough sees In -> Fight 1, Yield 0; Entrant@- gets 1/3 u(tough) + 2/3 u(weak).
    ag = entry().agent_form()
    assert ag.players == ("Incumbent@tough", "Incumbent@weak", "Entrant@-")
    assert ag.expected_payoffs(["Fight", "Yield", "In"]) == (1, 0, F(1, 3))
    assert ag.expected_payoffs(["Yield", "Fight", "In"]) == (0, -1, F(-1, 3))
    assert ag.expected_payoffs(["Yield", "Yield", "Out"]) == (2, 2, 0)


def test_harsanyi_tree_matches_strategic_form():
    bg = entry()
    tree = bg.to_tree()
    keys = {info.key for info in tree.information_sets}
    assert keys == {"Incumbent@tough", "Incumbent@weak", "Entrant@-"}
    entrant = next(info for info in tree.information_sets if info.key == "Entrant@-")
    assert len(entrant.paths) == 4  # 2 types x 2 incumbent actions: the entrant sees neither
    nf_tree, nf = tree.to_normal_form(), bg.to_normal_form()
    assert nf_tree.shape == nf.shape
    for r in nf.strategies[0]:
        for c in nf.strategies[1]:
            assert nf_tree.expected_payoffs([r, c]) == nf.expected_payoffs([r, c])


def test_zero_probability_type_has_no_move():
    bg = entry(prior={"Incumbent": {"tough": 1}})
    assert bg.positive_types("Incumbent") == ("tough",)
    assert bg.to_normal_form().strategies[0] == ("Fight", "Yield")
    assert bg.agent_form().players == ("Incumbent@tough", "Entrant@-")
    assert {info.key for info in bg.to_tree().information_sets} == {"Incumbent@tough", "Entrant@-"}


def test_per_type_actions_and_payoff_mapping():
    payoffs = {(("a", "u"), ("x", "L")): (1, 0), (("a", "u"), ("x", "R")): (0, 1),
               (("b", "u"), ("y", "L")): (2, 2), (("b", "u"), ("y", "R")): (0, 0),
               (("b", "u"), ("z", "L")): (1, 1), (("b", "u"), ("z", "R")): (3, 3)}
    bg = BayesianGame(["P", "Q"], {"P": ["a", "b"], "Q": ["u"]}, {("a", "u"): 0.25, ("b", "u"): 0.75},
                      {"P": {"a": ["x"], "b": ["y", "z"]}, "Q": ["L", "R"]}, payoffs)
    assert bg.kind == "float"
    assert bg.to_normal_form().strategies[0] == ("x|y", "x|z")
    assert bg.to_normal_form().expected_payoffs(["x|z", "R"]) == pytest.approx((0.25 * 0 + 0.75 * 3, 0.25 + 2.25))


def test_symbolic_game_and_subs():
    p, c = sp.symbols("p c", positive=True)
    bg = entry(prior={"Incumbent": {"tough": p, "weak": 1 - p}})
    assert bg.kind == "symbolic" and bg.symbols == (p,)
    nf = bg.to_normal_form()
    assert sp.simplify(nf.payoffs[0][1, 0] - (p * 1 + (1 - p) * 0)) == 0
    numeric = bg.subs(p=F(1, 3))
    assert numeric == entry()
    with pytest.raises(ParameterError, match="unknown symbol"):
        bg.subs(q=1)
    with pytest.raises(ParameterError, match="not valid"):
        bg.subs(p=2)  # the weak type's probability becomes -1
    with pytest.raises(ParameterError, match="no symbols"):
        entry().subs(p=1)
    del c


def test_symmetry():
    def u(types, actions):  # each is paid 1 + its type bonus for matching, 0 otherwise: symmetric
        if actions[0] != actions[1]:
            return (0, 0)
        return (1 + (types[0] == "h"), 1 + (types[1] == "h"))
    kw = dict(types={"A": ["l", "h"], "B": ["l", "h"]}, actions={"A": ["x", "y"], "B": ["x", "y"]}, payoffs=u)
    sym = BayesianGame(["A", "B"], prior={"A": {"l": F(1, 2), "h": F(1, 2)}, "B": {"l": F(1, 2), "h": F(1, 2)}},
                       **kw)
    assert sym.is_symmetric
    skewed = BayesianGame(["A", "B"], prior={"A": {"l": F(1, 3), "h": F(2, 3)}, "B": {"l": F(1, 2), "h": F(1, 2)}},
                          **kw)
    assert not skewed.is_symmetric
    assert not entry().is_symmetric


# ------------------------------------------------------------------------------------------- hostile input
def good(**change):
    args = dict(players=PLAYERS, types=TYPES, prior={"Incumbent": {"tough": F(1, 3), "weak": F(2, 3)}},
                actions=ACTIONS, payoffs=entry_payoffs)
    args.update(change)
    return args


@pytest.mark.parametrize("change, error, match", [
    (dict(players="Incumbent"), LabelError, "sequence of names"),
    (dict(players=["A", "A"]), LabelError, "distinct"),
    (dict(types={"Incumbent": ["tough"]}), LabelError, "no entry for player"),
    (dict(types={**TYPES, "Ghost": ["x"]}), LabelError, "unknown player"),
    (dict(types={"Incumbent": [], "Entrant": ["-"]}), LabelError, "empty"),
    (dict(actions={"Incumbent": {"tough": ["F"]}, "Entrant": ["In"]}), LabelError, "no entry for its type"),
    (dict(actions={"Incumbent": {"tough": ["F"], "weak": ["F"], "mid": ["F"]}, "Entrant": ["In"]}),
     LabelError, "unknown type"),
    (dict(prior={"Incumbent": {"tough": F(1, 2), "weak": F(1, 3)}}), PayoffValueError, "sum to 5/6"),
    (dict(prior={"Incumbent": {"tough": F(-1, 3), "weak": F(4, 3)}}), PayoffValueError, "negative"),
    (dict(prior={"Incumbent": {"tough": 0.5, "weak": 0.4}}), PayoffValueError, "sum to 0.9"),
    (dict(prior={"Incumbent": {"tough": float("nan"), "weak": 0.5}}), PayoffValueError, "finite"),
    (dict(prior={"Incumbent": {"tough": "1/2", "weak": "1/2"}}), PayoffTypeError, "must be an int"),
    (dict(prior={"Incumbent": {"strong": 1}}), LabelError, "unknown type"),
    (dict(prior={("tough",): 1}), LabelError, "tuple of 2 labels"),
    (dict(prior={("tough", "x"): 1}), LabelError, "not one of"),
    (dict(prior={}), PayoffValueError, "non-empty"),
    (dict(prior={("tough", "-"): sp.Symbol("p"), ("weak", "-"): F(1, 2) - sp.Symbol("p")}), PayoffValueError,
     "sum to 1/2"),
    (dict(payoffs={}), GameShapeError, "missing at types"),
    (dict(payoffs=lambda t, a: (1,)), GameShapeError, "1 payoffs given for 2 players"),
    (dict(payoffs=lambda t, a: (1, math.inf)), PayoffValueError, "finite"),
    (dict(payoffs=lambda t, a: 1 / 0), PayoffValueError, "payoff function raised"),
    (dict(payoffs={(("tough", "-"), ("Run", "In")): (1, 1)}), LabelError, "not one of"),
    (dict(payoffs=[1, 2]), GameShapeError, "mapping"),
    (dict(players=["a@b", "a"], types={"a@b": ["c"], "a": ["b@c"]}, prior={("c", "b@c"): 1},
          actions={"a@b": ["x"], "a": ["y"]}, payoffs=lambda t, a: (0, 0)), LabelError, "arise twice"),
])
def test_bad_input_names_the_problem(change, error, match):
    with pytest.raises(error, match=match):
        BayesianGame(**good(**change))


def test_budgets():
    with pytest.raises(BudgetExceededError, match="max_entries"):
        BayesianGame(**good(), max_entries=3)
    with pytest.raises(BudgetExceededError, match="max_profiles"):
        entry().to_normal_form(max_profiles=7)  # 4 x 2 = 8 profiles
    with pytest.raises(TrigameError, match="max_profiles"):
        entry().agent_form(max_profiles=0)
