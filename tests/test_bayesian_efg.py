"""Bayesian games read from chance-rooted trees (Gambit .efg files): BayesianGame.from_tree and `trigame solve`."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings

from trigame.cli import main
from trigame.errors import BudgetExceededError, TrigameError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.games.signaling import SignalingGame
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.io.efg import parse_efg
from trigame.solve.bayesian import bayesian_equilibria
from trigame.testing.incomplete import bayesian_games

# Battle of the Sexes where Pat's taste for the opera is private: low (prob. 1/2) or high (1/2).
# Chris: (Opera, Opera) 2, (Fight, Fight) 1; Pat: (Opera, Opera) 1 if low, 3 if high; (Fight, Fight) 2; else 0.
BOS_EFG = """EFG 2 R "Battle of the Sexes with private information" { "Chris" "Pat" }
""

c "types" 1 "" { "x,low" 1/2 "x,high" 1/2 } 0
p "" 1 1 "Chris@x" { "Opera" "Fight" } 0
p "" 2 1 "Pat@low" { "Opera" "Fight" } 0
t "" 1 "" { 2, 1 }
t "" 2 "" { 0, 0 }
p "" 2 1 "Pat@low" { "Opera" "Fight" } 0
t "" 3 "" { 0, 0 }
t "" 4 "" { 1, 2 }
p "" 1 1 "Chris@x" { "Opera" "Fight" } 0
p "" 2 2 "Pat@high" { "Opera" "Fight" } 0
t "" 5 "" { 2, 3 }
t "" 6 "" { 0, 0 }
p "" 2 2 "Pat@high" { "Opera" "Fight" } 0
t "" 7 "" { 0, 0 }
t "" 8 "" { 1, 2 }
"""

# Gibbons (1992), Figure 4.1.1: player 1 moves first, no chance: not a Bayesian game.
GIBBONS_411 = """EFG 2 R "Gibbons 4.1.1" { "1" "2" }
p "" 1 1 "" { "L" "M" "R" } 0
p "" 2 1 "" { "L'" "R'" } 0
t "" 1 "" { 2, 1 }
t "" 2 "" { 0, 0 }
p "" 2 1 "" { "L'" "R'" } 0
t "" 3 "" { 0, 2 }
t "" 4 "" { 0, 1 }
t "" 5 "" { 1, 3 }
"""


def _bne_set(result) -> set[tuple]:
    return {tuple(tuple(sorted((t, tuple(sorted(d.items()))) for t, d in eq.behavior[p].items()))
                  for p in result.game.players) for eq in result}


def _profile(chris: F, low: F, high: F) -> tuple:
    o = lambda q: (("Fight", 1 - q), ("Opera", q))  # noqa: E731
    return (((("x", o(chris)),)), (("high", o(high)), ("low", o(low))))


def test_bos_with_private_information_read_from_efg():
    # Hand derivation.  Pure: Chris Opera -> each Pat type's best reply is Opera (1 > 0, 3 > 0) -> Chris Opera (2 > 0);
    # likewise all Fight.  Pat (Fight if low, Opera if high) makes Chris play Opera (1 > 1/2), then low Pat deviates;
    # (Opera if low, Fight if high) as well.  Mixed: Chris plays Opera with x; low Pat is indifferent at
    # x = 2(1 - x), x = 2/3; high Pat at 3x = 2(1 - x), x = 2/5; Chris is indifferent when Pat's total probability
    # q of Opera has 2q = 1 - q, q = 1/3.  At x = 2/5 low Pat plays Fight (2/5 < 6/5), so high Pat's Opera is 2/3;
    # at x = 2/3 high Pat plays Opera and q >= 1/2: impossible.  So three BNE.
    bg = BayesianGame.from_tree(parse_efg(BOS_EFG))
    assert dict(bg.types) == {"Chris": ("x",), "Pat": ("low", "high")}
    assert dict(bg.prior) == {("x", "low"): F(1, 2), ("x", "high"): F(1, 2)}
    assert bg.payoff(("x", "high"), ("Opera", "Opera")) == (2, 3)
    result = bayesian_equilibria(bg)
    assert result.complete
    assert _bne_set(result) == {_profile(F(1), F(1), F(1)), _profile(F(0), F(0), F(0)),
                                _profile(F(2, 5), F(0), F(2, 3))}


def test_nested_chance_nodes_give_the_product_prior():
    # Chance draws Chris's type (a: 1/3, b: 2/3), then Pat's (l: 1/4, h: 3/4): the prior is the product.
    def stage(c: str, p: str) -> Decision:
        def end(a: str, b: str) -> Terminal:
            return Terminal((int(a == b) + (c == "b"), int(a == b) * (1 + (p == "h"))))

        return Decision("Chris", {a: Decision("Pat", {b: end(a, b) for b in ("O", "F")}, infoset=f"Pat@{p}")
                                  for a in ("O", "F")}, infoset=f"Chris@{c}")

    root = Chance({c: (pc, Chance({p: (pp, stage(c, p)) for p, pp in (("l", F(1, 4)), ("h", F(3, 4)))}))
                   for c, pc in (("a", F(1, 3)), ("b", F(2, 3)))})
    bg = BayesianGame.from_tree(GameTree(root, players=("Chris", "Pat")))
    assert dict(bg.prior) == {("a", "l"): F(1, 12), ("a", "h"): F(3, 12), ("b", "l"): F(2, 12), ("b", "h"): F(6, 12)}
    assert bg.payoff(("b", "h"), ("O", "O")) == (2, 2)


def test_states_no_player_can_tell_apart_are_merged_by_their_probabilities():
    # Two states s1, s2 (1/4 each) where Chris and Pat hold the same information sets, with Chris's payoff of
    # (Opera, Opera) 4 in s1 and 0 in s2: the type profile (x, low) has probability 1/2 and payoff (4 + 0) / 2 = 2.
    def stage(p: str, bonus: int) -> Decision:
        return Decision("Chris", {a: Decision("Pat", {b: Terminal(((bonus if a == b == "O" else int(a == b)), 1))
                                                      for b in ("O", "F")}, infoset=f"Pat@{p}")
                                  for a in ("O", "F")}, infoset="Chris@x")

    root = Chance({"s1": (F(1, 4), stage("low", 4)), "s2": (F(1, 4), stage("low", 0)),
                   "s3": (F(1, 2), stage("high", 2))})
    bg = BayesianGame.from_tree(GameTree(root, players=("Chris", "Pat")))
    assert dict(bg.prior) == {("x", "low"): F(1, 2), ("x", "high"): F(1, 2)}
    assert bg.payoff(("x", "low"), ("O", "O")) == (2, 1)
    assert bg.payoff(("x", "low"), ("F", "F")) == (1, 1)


@settings(max_examples=15, deadline=None)
@given(bayesian_games(n_players=(1, 3), n_types=(1, 2), n_actions=(1, 2)))
def test_property_from_tree_inverts_to_tree(bg):
    assert BayesianGame.from_tree(bg.to_tree()) == bg


def test_trees_that_are_not_bayesian_games_are_refused_with_the_reason():
    with pytest.raises(UnsupportedGameError, match="root is not a chance node"):
        BayesianGame.from_tree(parse_efg(GIBBONS_411))
    beer = SignalingGame(("strong", "weak"), {"strong": F(9, 10), "weak": F(1, 10)}, ("beer", "quiche"),
                         ("duel", "not"), lambda t, m, a: (int(a == "not"), int((a == "duel") == (t == "weak"))))
    with pytest.raises(UnsupportedGameError, match="can tell other players' moves apart"):
        BayesianGame.from_tree(beer.to_tree())  # the receiver sees the message
    twice = Chance({"s": (1, Decision("A", {"u": Decision("A", {"x": Terminal((1, 0)), "y": Terminal((0, 0))},
                                                          infoset="A2"),
                                            "d": Decision("B", {"l": Terminal((0, 1)), "r": Terminal((0, 0))})},
                                      infoset="A1"))})
    with pytest.raises(UnsupportedGameError, match="A moves twice"):
        BayesianGame.from_tree(GameTree(twice, players=("A", "B")))
    coin = Chance({"h": (F(1, 2), Terminal((1,))), "t": (F(1, 2), Terminal((0,)))})
    late = Chance({"s": (1, Decision("A", {"u": coin, "d": Terminal((0,))}))})
    with pytest.raises(UnsupportedGameError, match=r"a chance node at \['s', 'u'\] comes after a player's move"):
        BayesianGame.from_tree(GameTree(late, players=("A",)))


def test_hostile_inputs_raise_trigame_errors():
    for bad in ("EFG 2 R", "__import__('os').system('true')", 3, None):
        with pytest.raises(TrigameError):
            BayesianGame.from_tree(bad)  # type: ignore[arg-type]
    with pytest.raises(BudgetExceededError):
        BayesianGame.from_tree(parse_efg(BOS_EFG), max_nodes=5)
    with pytest.raises(TrigameError):
        BayesianGame.from_tree(parse_efg(BOS_EFG), max_nodes="many")  # type: ignore[arg-type]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_cli_solve_prints_the_bayesian_nash_equilibria_of_a_bayesian_efg(capsys, tmp_path: Path):
    path = tmp_path / "bos.efg"
    path.write_text(BOS_EFG)
    text = _run(capsys, "solve", str(path), "--exact")
    assert "The tree is a Bayesian game" in text
    assert "3 Bayesian Nash equilibria" in text
    assert "Chris: 2/5 Opera + 3/5 Fight; Pat: Fight if low, 2/3 Opera + 1/3 Fight if high" in text
    assert "subgame-perfect equilibria" in text  # the tree's own sections are kept
    data = json.loads(_run(capsys, "solve", str(path), "--json"))
    assert len(data["bayesian"]["equilibria"]) == 3
    assert data["subgame_perfect"] and data["nash"]


def test_cli_solve_of_a_tree_that_is_not_bayesian_is_unchanged(capsys, tmp_path: Path):
    path = tmp_path / "gibbons.efg"
    path.write_text(GIBBONS_411)
    text = _run(capsys, "solve", str(path))
    assert "Bayesian game" not in text and "1 perfect Bayesian equilibrium" in text
    data = json.loads(_run(capsys, "solve", str(path), "--json"))
    assert data["bayesian"] is None


def test_cli_says_when_a_bayesian_efg_is_too_large_to_solve(capsys, tmp_path: Path, monkeypatch):
    import trigame.solve.bayesian as solver

    def refuse(game, **options):
        raise BudgetExceededError("the type-agent form has too many profiles; pass max_profiles=... to allow more")

    monkeypatch.setattr(solver, "bayesian_equilibria", refuse)
    path = tmp_path / "bos.efg"
    path.write_text(BOS_EFG)
    text = _run(capsys, "solve", str(path))
    assert "Bayesian Nash equilibria were not computed (the type-agent form has too many profiles" in text
    data = json.loads(_run(capsys, "solve", str(path), "--json"))
    assert data["bayesian"] == {"error": "the type-agent form has too many profiles; pass max_profiles=... to allow "
                                         "more"}
