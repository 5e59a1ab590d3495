"""Perfect Bayesian equilibria of game trees: hand-derived examples, cross-checks and a brute-force oracle.

Expected answers are derived by hand in the comments (sources cited); the
properties compare with the strategic form (every PBE is a Nash equilibrium of
it, and of every subgame's), with subgame perfection, with the independent
check :func:`trigame.verify.check_assessment`, and, on small random trees,
with a brute-force enumeration of pure assessments written here.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.results.perfect_bayesian import BeliefSet
from trigame.solve.perfect_bayesian.tree import perfect_bayesian_tree
from trigame.solve.subgame_perfect import subgame_perfect
from trigame.verify import check_assessment, is_nash


def choice(pbe: Any) -> dict[Any, Any]:
    return pbe.choices()


def beliefs(pbe: Any) -> dict[Any, Any]:
    return dict(pbe.beliefs)


def gibbons_411() -> GameTree:
    """Gibbons (1992), Figure 4.1.1: player 1 chooses L, M or R; R ends the game at (1, 3); after L or
    M player 2, at one information set, chooses L' or R'.  Payoffs (L,L')=(2,1), (L,R')=(0,0),
    (M,L')=(0,2), (M,R')=(0,1)."""
    def two(on_l: tuple[int, int], on_r: tuple[int, int]) -> Decision:
        return Decision("2", {"L'": Terminal(on_l), "R'": Terminal(on_r)}, infoset="2")

    return GameTree(Decision("1", {"L": two((2, 1), (0, 0)), "M": two((0, 2), (0, 1)), "R": Terminal((1, 3))}))


def assert_checked(tree: GameTree, result: Any) -> None:
    """Each reported PBE passes the independent check, is Nash in the strategic form, and pure ones are SPE."""
    game = tree.to_normal_form()
    spe = {tuple((k, tuple(v.items())) for k, v in e.behavior.items()) for e in subgame_perfect(tree) if e.is_pure}
    for e in result:
        assert check_assessment(tree, e.behavior, e.beliefs) == [], e
        assert is_nash(game, tree.strategy_profile(e.behavior)), e
        for root in tree.subgame_roots():
            sub = tree.subgame(root)
            local = {info.key: e.behavior[info.key] for info in sub.information_sets}
            assert is_nash(sub.to_normal_form(), sub.strategy_profile(local)), (root, e)
        if e.is_pure:
            assert tuple((k, tuple(v.items())) for k, v in e.behavior.items()) in spe


def test_gibbons_411_single_pbe() -> None:
    # Gibbons (1992, pp. 175-178): the Nash equilibria (L, L') and (R, R') are both subgame perfect
    # (the only subgame is the whole game), but R' is optimal for player 2 at no belief p on the node
    # after L: L' yields p + 2(1 - p) = 2 - p, R' yields 0 p + 1 (1 - p) = 1 - p < 2 - p.  So player 2
    # plays L', player 1 then plays L (2 > 1 > 0), and Bayes' rule puts belief 1 on L: one PBE.
    tree = gibbons_411()
    result = perfect_bayesian_tree(tree)
    assert result.complete and not result.degenerate and len(result) == 1
    (e,) = result
    assert choice(e) == {"1@root": "L", "2": "L'"}
    assert beliefs(e)["2"] == {("L",): 1, ("M",): 0}
    assert e.payoffs == (2, 1) and e.sequential is True
    assert len(subgame_perfect(tree)) > 1  # (R, R') and mixtures survive subgame perfection
    assert_checked(tree, result)


def test_off_path_belief_set() -> None:
    # A Gibbons (1992, Figure 4.1.3)-style variant of Figure 4.1.1: R now pays player 1 three, more
    # than any payoff after L or M (2, 0, 0, 1), so player 1 plays R and player 2's information set
    # is off the path.  Player 2's payoffs: (L,L')=1, (L,R')=0, (M,L')=0, (M,R')=2.  With belief p on
    # the node after L, L' yields p and R' yields 2(1 - p): L' iff p >= 2/3, R' iff p <= 2/3, and a
    # mixture only at p = 2/3.  The PBE behaviours form one continuum (player 2's probability of L'
    # anywhere in [0, 1]); its extreme points are (R, L') with μ(L) >= 2/3 and (R, R') with
    # μ(L) <= 2/3.  Any belief is consistent here (each node follows its own deviation of player 1),
    # so both are sequential.
    tree = GameTree(Decision("1", {
        "L": Decision("2", {"L'": Terminal((2, 1)), "R'": Terminal((0, 0))}, infoset="2"),
        "M": Decision("2", {"L'": Terminal((0, 0)), "R'": Terminal((1, 2))}, infoset="2"),
        "R": Terminal((3, 3))}))
    result = perfect_bayesian_tree(tree)
    assert result.complete and result.degenerate and len(result) == 2
    assert len({e.component for e in result}) == 1
    by_choice = {choice(e)["2"]: e for e in result}
    assert set(by_choice) == {"L'", "R'"}
    high, low = beliefs(by_choice["L'"])["2"], beliefs(by_choice["R'"])["2"]
    assert isinstance(high, BeliefSet) and isinstance(low, BeliefSet)
    assert {v[("L",)] for v in high.vertices} == {F(2, 3), 1}
    assert {v[("L",)] for v in low.vertices} == {0, F(2, 3)}
    assert high.contains({("L",): F(3, 4), ("M",): F(1, 4)}) and not high.contains({("L",): F(1, 2), ("M",): F(1, 2)})
    assert all(e.sequential is True and e.on_path == frozenset({"1@root"}) for e in result)
    assert_checked(tree, result)


def selten_horse() -> GameTree:
    # A version of Selten's horse (Selten 1975; Fudenberg and Tirole 1991, section 8.3): player 1 plays
    # D, ending at player 3's information set, or A; then player 2 plays a, ending the game at (1, 1, 1),
    # or d, reaching player 3's other node.  Player 3 (L or R) cannot tell the two nodes apart.
    # Payoffs: (D, L) = (0, 0, 0), (D, R) = (3, 2, 2), (A, d, L) = (0, 0, 1), (A, d, R) = (4, 4, 0).
    x1 = Decision("3", {"L": Terminal((0, 0, 0)), "R": Terminal((3, 2, 2))}, infoset="3")
    x2 = Decision("3", {"L": Terminal((0, 0, 1)), "R": Terminal((4, 4, 0))}, infoset="3")
    return GameTree(Decision("1", {"A": Decision("2", {"a": Terminal((1, 1, 1)), "d": x2}), "D": x1}),
                    players=("1", "2", "3"))


def test_selten_horse() -> None:
    # Hand derivation.  With belief m on the node after D, player 3 gets 1 - m from L and 2m from R:
    # L iff m <= 1/3.  Let r be player 3's probability of R.  Player 2 (reached when 1 plays A) gets
    # 1 from a and 4r from d.  (i) If player 1 plays D with positive probability, the node after D is
    # reached; if 2 never plays d (or 1 never plays A) Bayes gives m = 1, so r = 1, so 2 plays d and 1
    # gets 4 from A > 3 from D: a contradiction.  If 1 plays A and 2 plays d with positive probability,
    # 3's information set is on the path: 3 mixes only if m = 1/3, which needs 2 to be indifferent,
    # r = 1/4, and then A yields 1 > 3/4 from D; if 3 plays R, 2 plays d and A yields 4 > 3; if 3
    # plays L, 2 plays a.  All contradict D > 0.  (ii) So 1 plays A.  Then 2 mixing would put 3's
    # set on the path with m = 0, so L, so 2 plays a strictly: 2 plays a, which needs 4r <= 1, and 1's
    # A needs 3r <= 1.  3's set is off the path: r = 0 needs m <= 1/3, 0 < r needs m = 1/3.  So the PBE
    # are (A, a, r) for r in [0, 1/4], one continuum with extreme points r = 0 (m in [0, 1/3]) and
    # r = 1/4 (m = 1/3).  Player 3's nodes follow different deviations (D by 1, d by 2), so every
    # belief is consistent: both are sequential (Fudenberg and Tirole 1991, section 8.3).
    tree = selten_horse()
    result = perfect_bayesian_tree(tree)
    assert result.complete and result.degenerate and len(result) == 2
    assert len({e.component for e in result}) == 1
    by_r = {e.behavior["3"]["R"]: e for e in result}
    assert set(by_r) == {0, F(1, 4)}
    for e in result:
        assert e.behavior["1@root"]["A"] == 1 and e.behavior["2@A"]["a"] == 1 and e.sequential is True
    pure, mixed = beliefs(by_r[0])["3"], beliefs(by_r[F(1, 4)])["3"]
    assert {v[("D",)] for v in pure.vertices} == {0, F(1, 3)}
    assert mixed.is_point and mixed.vertices[0][("D",)] == F(1, 3)
    assert_checked(tree, result)


def test_bayes_rule_inside_an_off_path_subgame() -> None:
    # Requirement (3).  Player 1 chooses Out, ending at (1, 0, 0), or In, which starts a proper
    # subgame: player 2 chooses U or D, then player 3, not seeing it, chooses x or y.  Payoffs
    # (In,U,x) = (2, 2, 1), (In,U,y) = (0, 2, 0), (In,D,x) = (0, 0, 0), (In,D,y) = (0, 0, 1).
    # U strictly dominates D for player 2, so in the subgame 2 plays U, and requirement (3) puts 3's
    # belief on the node after U (whether or not player 1 plays In): x.  Then In (2) beats Out (1).
    # The unique PBE is (In, U, x).  The assessment (Out, U, y) with 3 believing D is a weak PBE --
    # Out is optimal against y (1 > 0), y is optimal given the belief, and 3's set is off the path --
    # but not a PBE: inside the subgame Bayes' rule requires belief 1 on U.
    def three(on_x: tuple[int, int, int], on_y: tuple[int, int, int]) -> Decision:
        return Decision("3", {"x": Terminal(on_x), "y": Terminal(on_y)}, infoset="3")

    subgame = Decision("2", {"U": three((2, 2, 1), (0, 2, 0)), "D": three((0, 0, 0), (0, 0, 1))})
    tree = GameTree(Decision("1", {"Out": Terminal((1, 0, 0)), "In": subgame}), players=("1", "2", "3"))
    result = perfect_bayesian_tree(tree)
    assert result.complete and len(result) == 1
    (e,) = result
    assert choice(e) == {"1@root": "In", "2@In": "U", "3": "x"}
    assert beliefs(e)["3"] == {("In", "U"): 1, ("In", "D"): 0}
    weak: dict[Any, Any] = {"1@root": {"Out": 1, "In": 0}, "2@In": {"U": 1, "D": 0}, "3": {"x": 0, "y": 1}}
    assert check_assessment(tree, weak, {"3": {("In", "U"): 0, ("In", "D"): 1}}) != []
    assert all(p.behavior["1@root"]["In"] == 1 for p in result)
    assert_checked(tree, result)


def test_two_dimensional_continuum() -> None:
    # Selten's-horse shape with other payoffs: (A, a) = (0, 0, 4), (A, d, L) = (0, 0, 3),
    # (A, d, R) = (2, 4, 2), (D, L) = (0, 3, 1), (D, R) = (0, 2, 0).  L is better than R for player 3
    # at both nodes (3 > 2, 1 > 0), so L at every belief.  Against L player 1 gets 0 from everything
    # and player 2 gets 0 from a and from d: both are indifferent, so every (P(A), P(a)) in the unit
    # square with L is a PBE -- one component whose extreme points are the four pure profiles.
    x1 = Decision("3", {"L": Terminal((0, 3, 1)), "R": Terminal((0, 2, 0))}, infoset="3")
    x2 = Decision("3", {"L": Terminal((0, 0, 3)), "R": Terminal((2, 4, 2))}, infoset="3")
    tree = GameTree(Decision("1", {"A": Decision("2", {"a": Terminal((0, 0, 4)), "d": x2}), "D": x1}),
                    players=("1", "2", "3"))
    result = perfect_bayesian_tree(tree)
    assert result.complete and result.degenerate and len(result) == 4
    assert all(e.is_pure and e.behavior["3"]["L"] == 1 for e in result)
    assert len({e.component for e in result}) == 1
    assert_checked(tree, result)


def test_chance_signalling_tree_is_linear_and_sequential() -> None:
    # A beer-quiche-like tree (Cho and Kreps 1987, with payoffs of our own): chance draws strong (2/3)
    # or weak (1/3); the sender chooses beer or quiche; the receiver sees only the meal and duels or
    # not.  Sender: 1 for the preferred meal (strong: beer, weak: quiche) plus 2 if there is no duel.
    # Receiver: 1 for dueling the weak, 1 for not dueling the strong, else 0.
    # Hand derivation of the pure PBE (the standard beer-quiche analysis): pooling on beer, the
    # receiver at beer believes strong with 2/3 > 1/2 and does not duel; at quiche (off the path) the
    # weak would switch unless the receiver duels, which is optimal iff μ(weak | quiche) >= 1/2.  Pooling
    # on quiche likewise needs dueling at beer, μ(weak | beer) >= 1/2.  Separating profiles fail (the
    # type revealed weak is dueled and would mimic).  Every belief is consistent in a signalling tree,
    # so each PBE is sequential.
    def receiver(meal: str, t: str) -> Decision:
        bonus = 1 if (t == "strong") == (meal == "beer") else 0
        return Decision("R", {"duel": Terminal((bonus, 1 if t == "weak" else 0)),
                              "no": Terminal((bonus + 2, 1 if t == "strong" else 0))}, infoset=f"R@{meal}")

    def sender(t: str) -> Decision:
        return Decision("S", {"beer": receiver("beer", t), "quiche": receiver("quiche", t)}, infoset=f"S@{t}")

    tree = GameTree(Chance({"strong": (F(2, 3), sender("strong")), "weak": (F(1, 3), sender("weak"))}),
                    players=("S", "R"))
    result = perfect_bayesian_tree(tree)
    assert result.complete
    pure = {(c["S@strong"], c["S@weak"], c["R@beer"], c["R@quiche"])
            for c in (choice(e) for e in result if e.is_pure)}
    assert pure == {("beer", "beer", "no", "duel"), ("quiche", "quiche", "duel", "no")}
    for e in result:
        assert e.sequential is True
        if e.is_pure and choice(e)["S@strong"] == "beer":
            off = beliefs(e)["R@quiche"]
            assert {v[("weak", "quiche")] for v in off.vertices} == {F(1, 2), 1}
    assert_checked(tree, result)


# ---------------------------------------------------------------- brute force on small random trees

def brute_force_pure(tree: GameTree) -> dict[tuple[tuple[Any, str], ...], dict[Any, Any]]:
    """Every pure PBE: {behaviour: {two-node off-path information set: (min, max) of μ(first node)}}.

    Written from the definition, apart from the solver: node values by recursion on paths, reach
    from the deepest subgame root above each node, and at off-path two-node sets the interval of
    beliefs t = μ(first node) in [0, 1] with t d1 + (1 - t) d2 >= 0 for every other action.
    """
    infos = tree.information_sets
    roots = [r for r in tree.subgame_roots()]
    out = {}
    for profile in itertools.product(*(info.actions for info in infos)):
        play = {info.key: a for info, a in zip(infos, profile)}

        def value(path: tuple[str, ...], play: dict[Any, str] = play) -> tuple[F, ...]:
            node = tree.node(path)
            if isinstance(node, Terminal):
                return tuple(F(v) for v in node.payoffs)
            if isinstance(node, Chance):
                parts = [tuple(F(p) * v for v in value((*path, o))) for o, (p, _) in node.outcomes.items()]
                return tuple(sum(col, F(0)) for col in zip(*parts))
            return value((*path, play[tree.information_set(path)]))

        def reach(path: tuple[str, ...], play: dict[Any, str] = play) -> F:
            root = max((r for r in roots if path[:len(r)] == r), key=len)
            p = F(1)
            for depth in range(len(root), len(path)):
                node = tree.node(path[:depth])
                if isinstance(node, Chance):
                    p *= F(node.outcomes[path[depth]][0])
                elif play[tree.information_set(path[:depth])] != path[depth]:
                    return F(0)
            return p

        ok = True
        sets: dict[Any, Any] = {}
        for info in infos:
            i = tree.players.index(info.player)
            a = play[info.key]
            nodes = list(info.paths)
            weights = [reach(n) for n in nodes]
            if sum(weights) or len(nodes) == 1:
                mu = [w / sum(weights) for w in weights] if sum(weights) else [F(1)]
                worth = {b: sum((m * value((*n, b))[i] for m, n in zip(mu, nodes)), F(0)) for b in info.actions}
                ok = worth[a] == max(worth.values())
            elif len(nodes) == 2:
                low, high = F(0), F(1)
                for b in info.actions:
                    d1 = value((*nodes[0], a))[i] - value((*nodes[0], b))[i]
                    d2 = value((*nodes[1], a))[i] - value((*nodes[1], b))[i]
                    # t d1 + (1 - t) d2 >= 0  <=>  t (d1 - d2) >= -d2
                    if d1 == d2:
                        ok = ok and d2 >= 0
                    elif d1 > d2:
                        low = max(low, F(-d2, 1) / (d1 - d2))
                    else:
                        high = min(high, F(-d2, 1) / (d1 - d2))
                ok = ok and low <= high
                sets[info.key] = (low, high)
            else:  # pragma: no cover - the strategy below builds sets of at most two nodes
                raise AssertionError
            if not ok:
                break
        if ok:
            out[tuple(play.items())] = sets
    return out


@st.composite
def small_trees(draw: Any) -> GameTree:
    """Signalling-like trees with an optional second move of the sender and a subgame branch.

    Chance draws one of two types (probabilities 1/4..3/4, or no chance at all); the sender, knowing
    the type, picks one of two messages or a third action that starts a proper subgame (a 2x2 stage of
    sender and receiver with the type known); the receiver sees the message only and picks one of two
    responses, after which the sender may move again (a singleton set).  Payoffs are small integers,
    so ties are common.
    """
    pay = st.integers(-2, 2)
    types = ["t1", "t2"] if draw(st.booleans()) else ["t1"]
    deep = draw(st.booleans())
    sub = draw(st.booleans())

    def leaf() -> Terminal:
        return Terminal((draw(pay), draw(pay)))

    def after_receiver() -> Any:
        if deep and draw(st.booleans()):
            return Decision("S", {"c": leaf(), "e": leaf()})
        return leaf()

    def sender(t: str) -> Decision:
        moves: dict[str, Any] = {m: Decision("R", {"r1": after_receiver(), "r2": after_receiver()},
                                             infoset=f"R@{m}") for m in ("m1", "m2")}
        if sub:
            moves["s"] = Decision("R", {"u": Decision("S", {"p": leaf(), "q": leaf()}, infoset=f"S2@{t}"),
                                        "v": Decision("S", {"p": leaf(), "q": leaf()}, infoset=f"S2@{t}")})
        return Decision("S", moves, infoset=f"S@{t}")

    if len(types) == 1:
        return GameTree(sender("t1"), players=("S", "R"))
    p = F(draw(st.integers(1, 3)), 4)
    return GameTree(Chance({"t1": (p, sender("t1")), "t2": (1 - p, sender("t2"))}), players=("S", "R"))


@settings(max_examples=40, deadline=None)
@given(small_trees())
def test_pure_pbe_equal_brute_force(tree: GameTree) -> None:
    expected = brute_force_pure(tree)
    result = perfect_bayesian_tree(tree)
    found = {}
    for e in result:
        if e.is_pure:
            found[tuple((k, c) for k, c in e.choices().items())] = e
    assert set(found) == set(expected)
    for key, sets in expected.items():
        e = found[key]
        for info_key, (low, high) in sets.items():
            belief = beliefs(e)[info_key]
            assert isinstance(belief, BeliefSet)
            first = tree.information_sets[[i.key for i in tree.information_sets].index(info_key)].paths[0]
            assert {v[first] for v in belief.vertices} == {low, high}
    for e in result:
        assert check_assessment(tree, e.behavior, e.beliefs) == [], e


# ---------------------------------------------------------------- inputs, budgets, floats

def test_float_tree_solved_on_binary_rationals() -> None:
    exact = gibbons_411()
    floats = GameTree(Decision("1", {
        "L": Decision("2", {"L'": Terminal((2.0, 1.0)), "R'": Terminal((0.0, 0.0))}, infoset="2"),
        "M": Decision("2", {"L'": Terminal((0.0, 2.0)), "R'": Terminal((0.0, 1.0))}, infoset="2"),
        "R": Terminal((1.0, 3.0))}))
    (e,) = perfect_bayesian_tree(floats)
    assert choice(e) == choice(perfect_bayesian_tree(exact)[0])
    assert isinstance(e.behavior["2"]["L'"], float)


def test_bad_input_and_budget() -> None:
    import sympy

    c = sympy.Symbol("c")
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian_tree(GameTree(Decision("P", {"a": Terminal((c,)), "b": Terminal((1,))})))
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian_tree("not a tree")  # type: ignore[arg-type]
    with pytest.raises(BudgetExceededError):
        perfect_bayesian_tree(selten_horse(), max_support_profiles=3)


def test_terminal_root() -> None:
    (e,) = perfect_bayesian_tree(GameTree(Terminal((1, 2))))
    assert e.payoffs == (1, 2) and dict(e.behavior) == {}


def test_dominated_actions_pruned_so_the_three_player_tree_is_complete() -> None:
    # The three-player tree of the incomplete-information explanation page.  Player 1 chooses A, ending
    # at (1, 0, 0), or B or C; then player 2, not seeing which, chooses l or r, r ending at (0, 0, 0);
    # after l player 3, not seeing B or C either, chooses x or y: player 3 gets 2 for x after B and
    # for y after C, else 0; players 1 and 2 get 0 and 1 after l.  Hand derivation: r pays player 2
    # 0 and l pays 1 at both of its nodes whatever player 3 does, so 2 plays l at every belief; A pays
    # player 1 1 and B, C at most 0, so 1 plays A.  Player 3's set is then off the path: x is optimal
    # iff μ(B) >= 1/2, y iff μ(B) <= 1/2, a mixture iff μ(B) = 1/2 -- one continuum whose extreme
    # points are (A, l, x) and (A, l, y).  Nothing is missing, so the result is complete.
    def third(first: str) -> Decision:
        good = {"B": "x", "C": "y"}[first]
        return Decision("3", {a: Terminal((0, 1, 2 if a == good else 0)) for a in ("x", "y")}, infoset="3")

    def second(first: str) -> Decision:
        return Decision("2", {"l": third(first), "r": Terminal((0, 0, 0))}, infoset="2")

    tree = GameTree(Decision("1", {"A": Terminal((1, 0, 0)), "B": second("B"), "C": second("C")}),
                    players=("1", "2", "3"))
    result = perfect_bayesian_tree(tree)
    assert result.complete and result.degenerate
    assert sorted(e.label() for e in result) == ["1@root: A; 2: l; 3: x", "1@root: A; 2: l; 3: y"]
    assert len({e.component for e in result}) == 1
    x_eq = next(e for e in result if e.behavior["3"]["x"] == 1)
    assert {v[("B", "l")] for v in beliefs(x_eq)["3"].vertices} == {F(1, 2), 1}
    assert_checked(tree, result)


def gibbons_variant(at_l: tuple[int, int], at_m: tuple[int, int]) -> GameTree:
    """Gibbons's Figure 4.1.1 shape: player 1 chooses L, M or R (ending at (1, 0)); player 2, at one
    information set after L or M, chooses L' or R'.  Player 1 gets 2 from (L, L') and 0 after every
    other pair; ``at_l`` and ``at_m`` are player 2's payoffs from (L', R') at the nodes after L and M."""
    def two(first: str, payoff: tuple[int, int]) -> Decision:
        return Decision("2", {"L'": Terminal((2 if first == "L" else 0, payoff[0])),
                              "R'": Terminal((0, payoff[1]))}, infoset="2")

    return GameTree(Decision("1", {"L": two("L", at_l), "M": two("M", at_m), "R": Terminal((1, 0))}))


@pytest.mark.parametrize(("at_m", "threshold"), [((0, 1), F(1, 2)), ((1, 1), F(1))])
def test_actions_dominated_only_for_some_beliefs_are_kept(at_m: tuple[int, int], threshold: F) -> None:
    # Player 2 gets (L', R') = (1, 0) after L.  Case 1: (0, 1) after M, so R' is better at M and worse at
    # L -- dominated only for beliefs μ(M) < 1/2.  Case 2: (1, 1) after M, so R' is weakly dominated (a
    # tie at M) and optimal only at μ(M) = 1.  Hand derivation: if 2 plays L' with probability q, player
    # 1 gets 2q from L, 0 from M, 1 from R.  q > 1/2: L, 2's set is on the path with μ(L) = 1, L' strictly:
    # (L, L').  q <= 1/2: R, 2's set is off the path and R' in the support needs μ(M) >= threshold (= for
    # a mixture).  So the PBE are (L, L') and the continuum (R, q L' + (1 - q) R') for q in [0, 1/2],
    # listed as its extreme points q = 0 and q = 1/2.  A solver that dropped R' would miss (R, R').
    tree = gibbons_variant((1, 0), at_m)
    result = perfect_bayesian_tree(tree)
    assert result.complete and result.degenerate and len(result) == 3
    assert {(e.behavior["1@root"]["R"], e.behavior["2"]["L'"]) for e in result} == {(0, 1), (1, 0), (1, F(1, 2))}
    pure_r = next(e for e in result if e.behavior["2"]["R'"] == 1)
    off = beliefs(pure_r)["2"]
    assert min(v[("M",)] for v in off.vertices) == threshold and max(v[("M",)] for v in off.vertices) == 1
    assert_checked(tree, result)
