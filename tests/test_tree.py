"""Game trees and subgame-perfect equilibria: textbook cases derived by hand, and bad input."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import Any

import pytest
import sympy as sp

import trigame as tg
from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.games.tree import Chance, Decision, GameTree, Terminal, TreeError, stage
from trigame.solve.subgame_perfect import subgame_perfect

F = Fraction


def entry_deterrence() -> GameTree:
    incumbent = Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})
    return GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}), players=("Entrant", "Incumbent"))


def pure_choices(spe: object) -> dict:
    return spe.choices()  # type: ignore[attr-defined]


# ------------------------------------------------------------------ entry deterrence
def test_entry_deterrence_spe_is_accommodation() -> None:
    # Backward induction: after In, the incumbent compares Fight (-1) with Accommodate (1)
    # and accommodates; the entrant then compares Out (0) with In (1) and enters.
    spes = subgame_perfect(entry_deterrence())
    assert spes.complete and not spes.degenerate
    assert len(spes) == 1
    spe = spes[0]
    assert pure_choices(spe) == {"Entrant@root": "In", "Incumbent@In": "Accommodate"}
    assert dict(spe.outcomes) == {("In", "Accommodate"): 1}
    assert spe.payoffs == (1, 1)


def test_entry_deterrence_non_credible_threat_is_the_only_difference() -> None:
    # Strategic form (rows Entrant: Out, In; columns Incumbent: Fight, Accommodate):
    #   Out: (0, 2) (0, 2);  In: (-1, -1) (1, 1).
    # Nash equilibria: (In, Accommodate), and Out against any q = P(Fight) with
    # 0 >= -q + (1 - q), i.e. q >= 1/2: extreme points (Out, Fight) and (Out, 1/2).
    # Every Nash equilibrium with Out rests on the threat to fight, which is not
    # credible (Fight is not optimal in the subgame after In); (In, Accommodate) is the SPE.
    tree = entry_deterrence()
    game = tree.to_normal_form()
    assert game.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    nash = tg.equilibria(game)
    found = {tuple(tuple(v.tolist()) for v in e.strategies) for e in nash}
    assert found == {
        ((0, 1), (0, 1)),
        ((1, 0), (1, 0)),
        ((1, 0), (F(1, 2), F(1, 2))),
    }
    spe_profiles = {tuple(tuple(v.tolist()) for v in spe.profile()) for spe in subgame_perfect(tree)}
    assert spe_profiles == {((0, 1), (0, 1))}
    not_perfect = found - spe_profiles
    # each non-subgame-perfect equilibrium fights with positive probability after In
    assert all(profile[1][0] > 0 for profile in not_perfect)


# ------------------------------------------------------------------ centipede
def centipede() -> GameTree:
    # A and B alternate; "take" ends the game.  Payoffs (A, B):
    # A1 take (1, 0); B1 take (0, 2); A2 take (3, 1); B2 take (2, 4); pass at B2 -> (5, 3).
    b2 = Decision("B", {"take": Terminal((2, 4)), "pass": Terminal((5, 3))})
    a2 = Decision("A", {"take": Terminal((3, 1)), "pass": b2})
    b1 = Decision("B", {"take": Terminal((0, 2)), "pass": a2})
    return GameTree(Decision("A", {"take": Terminal((1, 0)), "pass": b1}), players=("A", "B"))


def test_centipede_everyone_takes() -> None:
    # B2: take 4 > pass 3; A2: take 3 > 2 (B2 takes); B1: take 2 > 1; A1: take 1 > 0.
    spes = subgame_perfect(centipede())
    assert len(spes) == 1 and spes.complete and not spes.degenerate
    assert set(pure_choices(spes[0]).values()) == {"take"}
    assert len(spes[0].behavior) == 4  # also off the path
    assert dict(spes[0].outcomes) == {("take",): 1}
    assert spes[0].payoffs == (1, 0)


def test_centipede_every_nash_equilibrium_takes_at_once() -> None:
    # A classical fact: in every Nash equilibrium of the centipede game the first
    # player takes at once (if A passed with positive probability, the last
    # mover to be reached with positive probability would rather take).
    tree = centipede()
    game = tree.to_normal_form()
    assert game.strategies[0] == ("take|take", "take|pass", "pass|take", "pass|pass")
    nash = tg.equilibria(game)
    assert nash.complete and len(nash) > 1  # B's off-path choices are free: a continuum
    for eq in nash:
        assert eq.payoffs == (1, 0)


# ------------------------------------------------------------------ simultaneous stage
def entry_into_battle() -> GameTree:
    # A may stay out (3/2, 0) or enter a battle of the sexes with B:
    #        O       F
    #   O  (2, 1)  (0, 0)
    #   F  (0, 0)  (1, 2)
    battle = stage(["A", "B"], [["O", "F"], ["O", "F"]],
                   [[Terminal((2, 1)), Terminal((0, 0))], [Terminal((0, 0)), Terminal((1, 2))]], key="battle")
    return GameTree(Decision("A", {"Out": Terminal((F(3, 2), 0)), "In": battle}), players=("A", "B"))


def test_stage_with_three_equilibria() -> None:
    # Stage equilibria: (O, O) -> (2, 1); (F, F) -> (1, 2); mixed: B indifferent when
    # P_A(O) * 1 = P_A(F) * 2, so A plays O w.p. 2/3; A indifferent when 2 P_B(O) = P_B(F),
    # so B plays O w.p. 1/3; payoffs (2/3, 2/3).  A enters only after (O, O) (2 > 3/2);
    # after (F, F) and the mixed equilibrium, 3/2 beats 1 and 2/3, so A stays out.
    tree = entry_into_battle()
    assert set(tree.subgame_roots()) == {(), ("In",)}
    spes = subgame_perfect(tree)
    assert spes.complete and not spes.degenerate
    got = {(spe.behavior["A@root"]["In"], spe.behavior["battle:A"]["O"], spe.behavior["battle:B"]["O"],
            spe.payoffs) for spe in spes}
    assert got == {
        (1, 1, 1, (2, 1)),
        (0, 0, 0, (F(3, 2), 0)),
        (0, F(2, 3), F(1, 3), (F(3, 2), 0)),
    }
    game = tree.to_normal_form()
    for spe in spes:
        assert tg.is_nash(game, spe.profile())


def test_stage_with_a_continuum_is_reported() -> None:
    # A enters (In) or not (0, 0).  In the stage A gets 1 from U and 0 from D whatever B
    # does, and B always gets 0: the stage equilibria are U against any mixture of B, a
    # segment with extreme points (U, L) and (U, R).  A enters in both.
    cells = [[Terminal((1, 0)), Terminal((1, 0))], [Terminal((0, 0)), Terminal((0, 0))]]
    tree = GameTree(Decision("A", {"Out": Terminal((0, 0)),
                                   "In": stage(["A", "B"], [["U", "D"], ["L", "R"]], cells, key="s")}),
                    players=("A", "B"))
    spes = subgame_perfect(tree)
    assert spes.degenerate and any("continuum" in note for note in spes.notes)
    got = {(pure_choices(s)["A@root"], pure_choices(s)["s:A"], pure_choices(s)["s:B"]) for s in spes}
    assert got == {("In", "U", "L"), ("In", "U", "R")}


# ------------------------------------------------------------------ chance
def test_chance_move() -> None:
    # Nature: H w.p. 1/3, T w.p. 2/3.  After H, A picks x (1, 0) over y (0, 1); after T,
    # B picks l (0, 2) over r (5, 1).  Expected payoffs: A 1/3 * 1 = 1/3, B 2/3 * 2 = 4/3.
    tree = GameTree(Chance({
        "H": (F(1, 3), Decision("A", {"x": Terminal((1, 0)), "y": Terminal((0, 1))})),
        "T": (F(2, 3), Decision("B", {"l": Terminal((0, 2)), "r": Terminal((5, 1))})),
    }), players=("A", "B"))
    spes = subgame_perfect(tree)
    assert len(spes) == 1
    spe = spes[0]
    assert pure_choices(spe) == {"A@H": "x", "B@T": "l"}
    assert dict(spe.outcomes) == {("H", "x"): F(1, 3), ("T", "l"): F(2, 3)}
    assert spe.payoffs == (F(1, 3), F(4, 3))


def test_chance_inside_an_information_set() -> None:
    # Nature picks a type (1/2 each) that B does not see; A sees it and says s or t.
    # This is one subgame (the root), solved in strategic form.  A's payoff: 1 for s
    # after type a, 1 for t after type b, 0 otherwise; B gets nothing.  The stage
    # has A playing s|t (s at a, t at b); B is indifferent: a continuum; payoff 1 for A.
    def leaf(u: int) -> Terminal:
        return Terminal((u, 0))

    def after(u_s: int, u_t: int) -> Decision:
        return Decision("A", {"s": Decision("B", {"l": leaf(u_s), "r": leaf(u_s)}, infoset="B"),
                              "t": Decision("B", {"l": leaf(u_t), "r": leaf(u_t)}, infoset="B")})

    tree = GameTree(Chance({"a": (F(1, 2), after(1, 0)), "b": (F(1, 2), after(0, 1))}), players=("A", "B"))
    assert tree.subgame_roots() == ((),)
    spes = subgame_perfect(tree)
    assert spes.degenerate
    for spe in spes:
        assert pure_choices(spe)["A@a"] == "s" and pure_choices(spe)["A@b"] == "t"
        assert spe.payoffs == (1, 0)


# ------------------------------------------------------------------ ties, limits, kinds
def test_tie_gives_two_pure_spe_and_degenerate() -> None:
    # A is indifferent (1 = 1) between a and b; both are optimal, and so is every mixture.
    tree = GameTree(Decision("A", {"a": Terminal((1, 0)), "b": Terminal((1, 5))}), players=("A", "B"))
    spes = subgame_perfect(tree)
    assert {s.payoffs for s in spes} == {(1, 0), (1, 5)}
    assert spes.degenerate and spes.complete


def test_product_of_choices_and_limit() -> None:
    # Five independent indifferent choices below a chance node: 2**5 = 32 SPE.
    leaves = {f"c{k}": (F(1, 5), Decision("A", {"x": Terminal((0,)), "y": Terminal((0,))})) for k in range(5)}
    tree = GameTree(Chance(leaves))
    assert len(subgame_perfect(tree)) == 32
    limited = subgame_perfect(tree, max_equilibria=10)
    assert len(limited) == 10 and not limited.complete


def test_float_tree() -> None:
    tree = GameTree(Decision("A", {"a": Terminal((0.5,)), "b": Terminal((0.25,))}))
    spes = subgame_perfect(tree)
    assert tree.kind == "float" and spes[0].payoffs == (0.5,)
    assert isinstance(spes[0].behavior["A@root"]["a"], float)


def test_terminal_root() -> None:
    spes = subgame_perfect(GameTree(Terminal((3, 4)), players=("A", "B")))
    assert len(spes) == 1 and spes[0].payoffs == (3, 4) and dict(spes[0].outcomes) == {(): 1}


# ------------------------------------------------------------------ symbolic
def test_symbolic_entry_deterrence_pieces() -> None:
    # The incumbent fights iff x >= 1 (Fight x vs Accommodate 1); then the entrant stays
    # out (0 > -1).  For x <= 1 the incumbent accommodates and the entrant enters.
    x = sp.Symbol("x")
    incumbent = Decision("Incumbent", {"Fight": Terminal((-1, x)), "Accommodate": Terminal((1, 1))})
    tree = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}),
                    players=("Entrant", "Incumbent"))
    assert tree.is_symbolic and tree.symbols == (x,)
    pieces = {(s.choices()["Entrant@root"], s.choices()["Incumbent@In"]): s.condition for s in subgame_perfect(tree)}
    assert set(pieces) == {("Out", "Fight"), ("In", "Accommodate")}
    assert pieces[("Out", "Fight")].subs(x, 2) == sp.true and pieces[("Out", "Fight")].subs(x, 0) == sp.false
    assert pieces[("In", "Accommodate")].subs(x, 0) == sp.true
    assert pieces[("In", "Accommodate")].subs(x, 2) == sp.false


def test_symbolic_stage_in_closed_form() -> None:
    pytest.importorskip("trigame.solve.nash.closed_form")
    # A prisoner's dilemma stage with temptation t: (C, C) -> (2, 2), (D, C) -> (t, 0),
    # (C, D) -> (0, t), (D, D) -> (1, 1).  D dominates iff t >= 2 (and 0 <= 1 always).
    # At t = 3 the only stage equilibrium is (D, D); at t = 3/2 C is a best reply to C, so
    # (C, C) and (D, D) are equilibria, and so is the mixture making each indifferent:
    # 2q = 3q/2 + (1 - q) gives P(C) = 2/3.  The pieces holding at t must give these.
    t = sp.Symbol("t")
    cells = [[Terminal((2, 2)), Terminal((0, t))], [Terminal((t, 0)), Terminal((1, 1))]]
    tree = GameTree(stage(["A", "B"], [["C", "D"], ["C", "D"]], cells, key="pd"), players=("A", "B"))
    pieces = subgame_perfect(tree)
    for value in (3, F(3, 2)):
        numeric = {tuple(tuple(F(p) for p in d.values()) for d in s.behavior.values())
                   for s in subgame_perfect(tree.subs(t=value))}
        symbolic = {tuple(tuple(F(str(sp.nsimplify(p.subs(t, value)))) for p in d.values())
                          for d in s.behavior.values())
                    for s in pieces if bool(sp.sympify(s.condition).subs(t, value))}
        assert symbolic == numeric
        assert len(numeric) == (1 if value == 3 else 3)


# ------------------------------------------------------------------ strategic form and structure
def test_strategic_form_labels_and_payoffs() -> None:
    # A: a or b; after a, B: l or r; after b, A again: c or d.  A's strategies are
    # a|c, a|d, b|c, b|d (first information set slowest); B's are l, r.
    tree = GameTree(Decision("A", {
        "a": Decision("B", {"l": Terminal((1, 2)), "r": Terminal((3, 4))}),
        "b": Decision("A", {"c": Terminal((5, 6)), "d": Terminal((7, 8))}),
    }), players=("A", "B"))
    game = tree.to_normal_form()
    assert game.strategies == (("a|c", "a|d", "b|c", "b|d"), ("l", "r"))
    assert game.payoff_array("A").tolist() == [[1, 3], [1, 3], [5, 5], [7, 7]]
    assert game.payoff_array("B").tolist() == [[2, 4], [2, 4], [6, 6], [8, 8]]


def test_strategic_form_with_chance_averages() -> None:
    tree = GameTree(Chance({"H": (F(1, 4), Decision("A", {"x": Terminal((4,)), "y": Terminal((0,))})),
                            "T": (F(3, 4), Terminal((8,)))}))
    game = tree.to_normal_form()
    # x: 1/4 * 4 + 3/4 * 8 = 7; y: 3/4 * 8 = 6
    assert game.payoffs[0].tolist() == [7, 6]


def test_player_without_moves_has_one_strategy() -> None:
    tree = GameTree(Decision("A", {"a": Terminal((1, 0)), "b": Terminal((0, 1))}), players=("A", "B"))
    assert tree.to_normal_form().strategies == (("a", "b"), ("-",))


def test_subgame_restriction_keeps_keys() -> None:
    tree = entry_into_battle()
    sub = tree.subgame(("In",))
    assert [info.key for info in sub.information_sets] == ["battle:A", "battle:B"]
    with pytest.raises(TreeError, match="does not start a subgame"):
        tree.subgame(("In", "O"))


def test_to_json_and_repr() -> None:
    spes = subgame_perfect(entry_deterrence())
    data = spes.to_json()
    assert data["equilibria"][0]["outcomes"] == {"In > Accommodate": 1}
    assert "Accommodate" in repr(spes)
    assert "Incumbent" in entry_deterrence().text()


# ------------------------------------------------------------------ bad input
def test_wrong_payoff_length_names_node() -> None:
    with pytest.raises(TreeError, match=r"path y.*2 payoffs"):
        GameTree(Decision("A", {"x": Terminal((1,)), "y": Terminal((1, 2))}), players=("A",))


@pytest.mark.parametrize("probabilities, message", [
    ((F(-1, 2), F(3, 2)), "negative"),
    ((F(1, 2), F(1, 3)), "sum to 5/6"),
    ((0.5, 0.6), "sum to 1.1"),
])
def test_bad_chance_probabilities(probabilities: tuple, message: str) -> None:
    root = Decision("A", {"go": Chance({"H": (probabilities[0], Terminal((0,))), "T": (probabilities[1],
                                                                                       Terminal((1,)))})})
    with pytest.raises(TreeError, match=f"chance node at path go.*{message}"):
        GameTree(root)


def test_symbolic_probabilities_must_sum_to_one() -> None:
    p = sp.Symbol("p")
    GameTree(Chance({"H": (p, Terminal((0,))), "T": (1 - p, Terminal((1,)))}))
    with pytest.raises(TreeError, match="sum"):
        GameTree(Chance({"H": (p, Terminal((0,))), "T": (p, Terminal((1,)))}))


def test_duplicate_action_labels() -> None:
    with pytest.raises(TreeError, match=r"Decision node of 'A'.*repeats.*'x'"):
        Decision("A", [("x", Terminal((1,))), ("x", Terminal((2,)))])


def test_player_not_in_game() -> None:
    with pytest.raises(TreeError, match=r"path x: player 'C' is not in the game"):
        GameTree(Decision("A", {"x": Decision("C", {"u": Terminal((1, 2))})}), players=("A", "B"))


def test_infoset_with_different_actions() -> None:
    root = Decision("A", {"x": Decision("B", {"l": Terminal((0, 0)), "r": Terminal((0, 0))}, infoset="I"),
                          "y": Decision("B", {"l": Terminal((0, 0)), "m": Terminal((0, 0))}, infoset="I")})
    with pytest.raises(TreeError, match=r"information set 'I': the node at path y has actions"):
        GameTree(root, players=("A", "B"))


def test_infoset_with_different_players() -> None:
    root = Decision("A", {"x": Decision("B", {"l": Terminal((0, 0))}, infoset="I"),
                          "y": Decision("A", {"l": Terminal((0, 0))}, infoset="I")})
    with pytest.raises(TreeError, match=r"information set 'I': the node at path y belongs to 'A'"):
        GameTree(root, players=("A", "B"))


def test_imperfect_recall() -> None:
    # A moves, then cannot remember her own move: the absent-minded pair of nodes.
    root = Decision("A", {"x": Decision("A", {"u": Terminal((0,)), "v": Terminal((1,))}, infoset="I"),
                          "y": Decision("A", {"u": Terminal((2,)), "v": Terminal((3,))}, infoset="I")})
    with pytest.raises(TreeError, match=r"imperfect recall at information set 'I'.*path y"):
        GameTree(root)


def test_shared_child() -> None:
    leaf = Terminal((1,))
    with pytest.raises(TreeError, match=r"path y is the same node object as the node at path x"):
        GameTree(Decision("A", {"x": leaf, "y": leaf}))


def test_cycle() -> None:
    node = Decision("A", {"stop": Terminal((0,))})
    object.__setattr__(node, "actions", MappingProxyType({"stop": Terminal((0,)), "loop": node}))
    with pytest.raises(TreeError, match=r"path loop closes a cycle"):
        GameTree(node)


@pytest.mark.parametrize("build", [
    lambda: Terminal((1, "2")),
    lambda: Terminal((float("nan"),)),
    lambda: Decision("A", {}),
    lambda: Decision("A", {"x": 3}),
    lambda: Decision("A", {"": Terminal((1,))}),
    lambda: Chance({"H": (F(1), "leaf")}),
    lambda: Chance({"H": F(1)}),
    lambda: GameTree("root"),
    lambda: GameTree(Terminal((1,)), players=("A", "A")),
    lambda: GameTree(Decision("A", {"x": Terminal((1,))}, infoset="A@root"), players=("A",)).node(("nope",)),
])
def test_other_bad_input_raises_trigame_error(build: object) -> None:
    with pytest.raises(TrigameError):
        build()  # type: ignore[operator]


def test_default_key_collision() -> None:
    root = Decision("A", {"x": Decision("A", {"u": Terminal((0,))}, infoset="A@root")})
    with pytest.raises(TreeError, match="default key"):
        GameTree(root)


def test_subgame_perfect_rejects_non_trees() -> None:
    with pytest.raises(UnsupportedGameError):
        subgame_perfect("tree")  # type: ignore[arg-type]
    with pytest.raises(TrigameError):
        subgame_perfect(entry_deterrence(), max_equilibria=0)


def test_subs_errors() -> None:
    with pytest.raises(TrigameError):
        entry_deterrence().subs(x=1)


def test_colliding_default_keys_are_refused() -> None:
    # the paths ("a/b",) and ("a", "b") both spell "B@a/b"
    root = Decision("A", {"a/b": Decision("B", {"u": Terminal((0, 0))}),
                          "a": Decision("A", {"b": Decision("B", {"v": Terminal((1, 1))})})})
    with pytest.raises(TreeError, match="same default information-set key 'B@a/b'"):
        GameTree(root)


@pytest.mark.parametrize("build", [
    lambda: Terminal((sp.I,)),
    lambda: Terminal((1 + sp.sqrt(-3),)),
    lambda: Chance({"h": (sp.I, Terminal((1,))), "t": (1 - sp.I, Terminal((0,)))}),
])
def test_complex_numbers_are_refused(build: Any) -> None:
    with pytest.raises(TreeError, match="real"):
        build()


@pytest.mark.parametrize(("payoff", "value"), [(lambda x: 1 / x, 0), (lambda x: sp.sqrt(x), -4)])
def test_subs_that_leaves_the_reals_is_refused(payoff: Any, value: int) -> None:
    x = sp.Symbol("x")
    tree = GameTree(Decision("A", {"a": Terminal((payoff(x),)), "b": Terminal((1,))}))
    with pytest.raises(ParameterError, match="finite real"):
        tree.subs(x=value)


@pytest.mark.parametrize("path", [None, 5, "a", ("a", 3)])
def test_bad_paths_raise_tree_errors(path: Any) -> None:
    tree = entry_deterrence()
    with pytest.raises(TreeError):
        tree.node(path)
    with pytest.raises(TreeError):
        tree.information_set(path)
    with pytest.raises(TreeError):
        tree.subgame(path)


# ------------------------------------------------------------------ exactness flag
def test_subgame_perfect_equilibria_say_whether_their_numbers_are_exact() -> None:
    # As Equilibrium.exact and PerfectBayesianEquilibrium.exact: True exactly when every behaviour
    # probability is a rational. Integer payoffs give an exact tree (probabilities 1, 0 and, in the
    # matching-pennies stage below, 1/2); float payoffs a float tree; a symbol a symbolic tree.
    assert all(spe.exact for spe in subgame_perfect(entry_deterrence()))
    pennies = stage(["Japan", "South Korea"], [["H", "T"], ["H", "T"]],
                    [[Terminal((1, -1)), Terminal((-1, 1))], [Terminal((-1, 1)), Terminal((1, -1))]])
    mixed = subgame_perfect(GameTree(pennies, players=("Japan", "South Korea")))
    assert [dict(d) for d in mixed[0].behavior.values()] == [{"H": F(1, 2), "T": F(1, 2)}] * 2
    assert mixed[0].exact and mixed[0].to_json()["exact"] is True
    floats = GameTree(Decision("Entrant", {"Out": Terminal((0.0, 2.0)),
                                           "In": Decision("Incumbent", {"Fight": Terminal((-1.0, -1.0)),
                                                                        "Accommodate": Terminal((1.0, 1.0))})}),
                      players=("Entrant", "Incumbent"))
    assert not any(spe.exact for spe in subgame_perfect(floats))
    a = sp.Symbol("a", positive=True)
    symbolic = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)),
                                             "In": Decision("Incumbent", {"Fight": Terminal((-a, -1)),
                                                                          "Accommodate": Terminal((1, 1))})}),
                        players=("Entrant", "Incumbent"))
    assert not any(spe.exact for spe in subgame_perfect(symbolic))
