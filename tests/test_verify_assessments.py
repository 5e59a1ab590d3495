"""The independent perfect-Bayesian check (trigame.verify.assessments) and the pure-assessment oracle.

Expected answers are derived by hand in the comments, from Gibbons (1992, section 4.1)
and Cho and Kreps (1987); every check is also shown to fail on a planted wrong assessment.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ProfileError, UnsupportedGameError
from trigame.games.signaling import SignalingGame
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.results.perfect_bayesian import BeliefSet
from trigame.testing.incomplete import signaling_games
from trigame.testing.oracles import pure_perfect_bayesian
from trigame.verify import check_assessment, is_perfect_bayesian

from ._signalling_games import beer_quiche


# ---------------------------------------------------------------------------- Gibbons (1992), Figure 4.1.1
def gibbons() -> GameTree:
    """Player 1: L, M, R; R ends (1, 3); after L or M player 2, at one information set, chooses L' or R'."""
    def two(left, right):
        return Decision("2", {"L'": Terminal(left), "R'": Terminal(right)}, infoset="2")

    return GameTree(Decision("1", {"L": two((2, 1), (0, 0)), "M": two((0, 2), (0, 1)), "R": Terminal((1, 3))}))


def test_gibbons_l_l_prime_with_belief_on_l_is_a_pbe():
    # 2's L' earns mu*1 + (1-mu)*2 > R''s mu*0 + (1-mu)*1 for every mu; with L' player 1 gets 2 (L) > 1 (R) > 0 (M);
    # Bayes' rule after L gives mu(L) = 1.
    tree = gibbons()
    behavior = {"1@root": {"L": 1}, "2": {"L'": 1}}
    assert check_assessment(tree, behavior, {"2": {("L",): 1}}) == []
    assert is_perfect_bayesian(tree, (behavior, {"2": {("L",): 1, ("M",): 0}}))
    # planted: the same behaviour with the belief on M breaks Bayes' rule
    problems = check_assessment(tree, behavior, {"2": {("M",): 1}})
    assert len(problems) == 1 and "Bayes" in problems[0] and "'2'" in problems[0]


@pytest.mark.parametrize("mu", [F(0), F(1, 4), F(1, 2), F(1)])
def test_gibbons_r_r_prime_fails_for_every_belief(mu):
    # R' is strictly dominated at 2's information set: L' - R' = mu*(1-0) + (1-mu)*(2-1) = 1 > 0.
    tree = gibbons()
    problems = check_assessment(tree, {"1@root": {"R": 1}, "2": {"R'": 1}}, {"2": {("L",): mu, ("M",): 1 - mu}})
    assert any(p.startswith("at '2': \"R'\" earns") for p in problems)


def test_gibbons_belief_set_covering_the_simplex_fails_and_the_oracle_finds_one_pbe():
    tree = gibbons()
    everything = BeliefSet((("L",), ("M",)), [{("L",): 1, ("M",): 0}, {("L",): 0, ("M",): 1}])
    assert check_assessment(tree, {"1@root": {"R": 1}, "2": {"R'": 1}}, {"2": everything})
    # Gibbons: the unique pure perfect Bayesian equilibrium is (L, L') with mu(L) = 1.
    found = pure_perfect_bayesian(tree)
    assert [a.behavior for a in found] == [{"1@root": "L", "2": "L'"}]
    assert found[0].beliefs == {"2": {("L",): 1, ("M",): 0}}


# ---------------------------------------------------------------------------- Beer-Quiche (Cho and Kreps 1987)
BEER_POOL = {"Sender@strong": {"beer": 1}, "Sender@weak": {"beer": 1},
             "Receiver@beer": {"not": 1}, "Receiver@quiche": {"duel": 1}}


@pytest.mark.parametrize("weak", [F(1, 2), F(3, 4), F(1)])
def test_beer_pooling_with_weak_belief_at_least_half_after_quiche_passes(weak):
    # After beer, Bayes gives mu(strong) = 9/10: "not" earns 9/10 > 1/10.  After quiche, "duel" earns mu(weak) and
    # "not" 1 - mu(weak): duel is optimal iff mu(weak) >= 1/2.  The weak type gets 2 from beer and 1 from quiche
    # (dueled); the strong type 3 from beer.
    game = beer_quiche()
    beliefs = {"Receiver@beer": {"strong": F(9, 10), "weak": F(1, 10)},
               "Receiver@quiche": {"strong": 1 - weak, "weak": weak}}
    assert check_assessment(game, BEER_POOL, beliefs) == []


def test_beer_pooling_with_belief_one_quarter_fails():
    game = beer_quiche()
    beliefs = {"Receiver@beer": {"strong": F(9, 10), "weak": F(1, 10)},
               "Receiver@quiche": {"strong": F(3, 4), "weak": F(1, 4)}}
    problems = check_assessment(game, BEER_POOL, beliefs)
    assert problems == ["at 'Receiver@quiche': 'duel' earns 1/4 < 3/4 for 'not' under the belief "
                        "{'strong': 3/4, 'weak': 1/4}"]


def test_beer_quiche_belief_sets_and_bayes_on_the_path():
    game = beer_quiche()
    supporting = BeliefSet(("strong", "weak"), [{"strong": F(1, 2), "weak": F(1, 2)}, {"strong": 0, "weak": 1}])
    too_wide = BeliefSet(("strong", "weak"), [{"strong": F(3, 4), "weak": F(1, 4)}, {"strong": 0, "weak": 1}])
    on_path = {"strong": F(9, 10), "weak": F(1, 10)}
    assert is_perfect_bayesian(game, (BEER_POOL, {"Receiver@beer": on_path, "Receiver@quiche": supporting}))
    assert not is_perfect_bayesian(game, (BEER_POOL, {"Receiver@beer": on_path, "Receiver@quiche": too_wide}))
    # planted: a belief after beer other than the prior breaks Bayes' rule (the action stays optimal under it)
    problems = check_assessment(game, BEER_POOL, {"Receiver@beer": {"strong": F(3, 4), "weak": F(1, 4)},
                                                  "Receiver@quiche": supporting})
    assert len(problems) == 1 and "Bayes" in problems[0]
    # a belief set on the path is wrong unless it is Bayes' point
    assert not is_perfect_bayesian(game, (BEER_POOL, {"Receiver@beer": supporting, "Receiver@quiche": supporting}))


def test_beer_quiche_separating_is_not_a_pbe_and_the_oracle_finds_the_two_poolings():
    game = beer_quiche()
    # Strong beer, weak quiche: the receiver duels after quiche (weak for sure), not after beer; the weak type then
    # gets 1 and would get 0 + 2 = 2 from beer.
    separating = {"Sender@strong": {"beer": 1}, "Sender@weak": {"quiche": 1},
                  "Receiver@beer": {"not": 1}, "Receiver@quiche": {"duel": 1}}
    problems = check_assessment(game, separating, {})
    assert problems == ["at 'Sender@weak': 'quiche' earns 1 < 2 for 'beer'"]
    # Pure PBE by hand: beer-pooling (not | beer, duel | quiche) and quiche-pooling (duel | beer, not | quiche);
    # every separating profile fails as above, and pooling with "not" after the off-path message fails (the type
    # preferring that breakfast deviates).
    found = {tuple(sorted(a.behavior.items())) for a in pure_perfect_bayesian(game)}
    assert found == {
        tuple(sorted({k: next(iter(v)) for k, v in BEER_POOL.items()}.items())),
        tuple(sorted({"Sender@strong": "quiche", "Sender@weak": "quiche",
                      "Receiver@beer": "duel", "Receiver@quiche": "not"}.items())),
    }


# ---------------------------------------------------------------------------- requirement 3: Bayes in subgames
def entry_subgame() -> GameTree:
    """1 takes Out (3, 0, 0) or In; in the subgame after In, 2 picks a or b and 3, not seeing it, x or y.

    Payoffs (1, 2, 3): a-x (0, 2, 1), a-y (0, 0, 0), b-x (0, 0, 0), b-y (0, 1, 1).
    """
    def three(x, y):
        return Decision("3", {"x": Terminal(x), "y": Terminal(y)}, infoset="3")

    inner = Decision("2", {"a": three((0, 2, 1), (0, 0, 0)), "b": three((0, 0, 0), (0, 1, 1))})
    return GameTree(Decision("1", {"Out": Terminal((3, 0, 0)), "In": inner}))


def test_bayes_rule_holds_in_subgames_off_the_path():
    tree = entry_subgame()
    # 3's set is off the path (1 takes Out) but reached from the subgame at In, so Bayes' rule gives mu(a) = 1.
    good = {"1@root": {"Out": 1}, "2@In": {"a": 1}, "3": {"x": 1}}
    assert check_assessment(tree, good, {"3": {("In", "a"): 1}}) == []
    # planted: under (1/2, 1/2) player 3 is indifferent, so only requirement 3 fails
    problems = check_assessment(tree, good, {"3": {("In", "a"): F(1, 2), ("In", "b"): F(1, 2)}})
    assert len(problems) == 1 and "Bayes" in problems[0] and "subgame at In" in problems[0]
    # the oracle: 1 always takes Out; the subgame's pure equilibria are (a, x) and (b, y)
    found = [a.behavior for a in pure_perfect_bayesian(tree)]
    assert sorted(tuple(b.values()) for b in found) == [("Out", "a", "x"), ("Out", "b", "y")]


# ---------------------------------------------------------------------------- the mover's whole continuation
def later_decision() -> GameTree:
    """Chance: L or R (1/2 each); P at {L, R} stops (3/2) or goes on to {L/go, R/go}: u pays 2 after L, d 4 after R."""
    def late(u, d):
        return Decision("P", {"u": Terminal((u,)), "d": Terminal((d,))}, infoset="late")

    def first(u, d):
        return Decision("P", {"stop": Terminal((F(3, 2),)), "go": late(u, d)}, infoset="first")

    return GameTree(Chance({"L": (F(1, 2), first(2, 0)), "R": (F(1, 2), first(0, 4))}))


def test_sequential_rationality_covers_the_movers_later_moves():
    tree = later_decision()
    # (stop, u) with mu(L/go) = 1 at the off-path set: u is optimal there (2 > 0), and at the first set stop (3/2)
    # beats go-then-u (1), but not go-then-d (2): Gibbons' requirement covers the subsequent strategy too.
    behavior = {"first": {"stop": 1}, "late": {"u": 1}}
    beliefs = {"first": {("L",): F(1, 2), ("R",): F(1, 2)}, "late": {("L", "go"): 1}}
    problems = check_assessment(tree, behavior, beliefs)
    assert problems == ["at 'first': 'P''s strategy from here earns 3/2 < 2 with other moves at her later "
                        "information sets under the belief {'L': 1/2, 'R': 1/2}"]
    # by hand the unique pure PBE is (go, d): 2 > 3/2 at the first set, and d (2) > u (1) under Bayes' (1/2, 1/2)
    assert [a.behavior for a in pure_perfect_bayesian(tree)] == [{"first": "go", "late": "d"}]
    assert check_assessment(tree, {"first": {"go": 1}, "late": {"d": 1}}, {}) == []


# ---------------------------------------------------------------------------- floats, mixing, errors
def test_float_games_use_a_relative_tolerance_and_mixed_behaviour():
    # Matching-pennies-like receiver: after beer in the float Beer-Quiche with prior 1/2, 1/2 the receiver is
    # indifferent, so any mixture is optimal; scaling payoffs by 1e6 keeps the verdict.
    def u(t, m, a, scale=1.0):
        return (scale * ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0)),
                scale * (1 if (a == "duel") == (t == "weak") else 0))

    for scale in (1.0, 1e6):
        game = SignalingGame(("strong", "weak"), {"strong": 0.5, "weak": 0.5}, ("beer", "quiche"),
                             ("duel", "not"), lambda t, m, a, s=scale: u(t, m, a, s))
        behavior = {"Sender@strong": {"beer": 1.0}, "Sender@weak": {"beer": 1.0},
                    "Receiver@beer": {"duel": 0.3, "not": 0.7}, "Receiver@quiche": {"duel": 1.0}}
        beliefs = {"Receiver@beer": {"strong": 0.5, "weak": 0.5}, "Receiver@quiche": {"weak": 1.0}}
        # weak: beer 0.3*0 + 0.7*2 = 1.4 >= quiche 1 (dueled); strong: beer 1 + 1.4 = 2.4 >= 0
        assert check_assessment(game, behavior, beliefs) == []
        beliefs["Receiver@beer"] = {"strong": 0.5 + 1e-3, "weak": 0.5 - 1e-3}  # planted: off Bayes' rule
        assert check_assessment(game, behavior, beliefs)


def test_bad_input_is_a_clear_error():
    tree = gibbons()
    with pytest.raises(ProfileError, match="nothing at information set '2'"):
        check_assessment(tree, {"1@root": {"L": 1}}, {})
    with pytest.raises(ProfileError, match="must sum to 1"):
        check_assessment(tree, {"1@root": {"L": 1}, "2": {"L'": 1}}, {"2": {("L",): F(1, 2)}})
    with pytest.raises(ProfileError, match="no node"):
        check_assessment(tree, {"1@root": {"L": 1}, "2": {"L'": 1}}, {"2": {("R",): 1}})
    with pytest.raises(ProfileError, match="not an information set"):
        check_assessment(tree, {"1@root": {"L": 1}, "2": {"L'": 1}, "3": {"x": 1}}, {})
    with pytest.raises(UnsupportedGameError):
        check_assessment(object(), {}, {})
    with pytest.raises(BudgetExceededError):
        check_assessment(tree, {"1@root": {"L": 1}, "2": {"L'": 1}}, {}, max_work=3)
    with pytest.raises(BudgetExceededError):
        pure_perfect_bayesian(tree, max_profiles=5)
    # a missing belief at an off-path set of two nodes is a violation, not an error
    assert check_assessment(tree, {"1@root": {"R": 1}, "2": {"R'": 1}}, {}) == [
        "at '2': no belief given (the set is reached with probability 0, so the beliefs there are part of the "
        "assessment)"]


# ---------------------------------------------------------------------------- the oracle against the check
@settings(max_examples=10, deadline=None)
@given(signaling_games(n_types=(2, 3), n_messages=2, n_actions=2, max_value=3))
def test_every_oracle_assessment_passes_the_check_and_no_other_pure_profile_does(game):
    found = pure_perfect_bayesian(game)
    for assessment in found:
        assert check_assessment(game, assessment.behavior_strategy(), assessment.beliefs) == []
    # a pure profile the oracle rejects fails the check at every vertex of the simplex at off-path sets
    # (pure beliefs): sequential rationality under a belief at a vertex is one of the oracle's candidates
    accepted = [a.behavior for a in found]
    tree = game.to_tree()
    keys = [info.key for info in tree.information_sets]
    for choice in itertools.product(*(info.actions for info in tree.information_sets)):
        behavior = dict(zip(keys, choice))
        if behavior in accepted:
            continue
        strategy = {k: {a: 1} for k, a in behavior.items()}
        for types in itertools.product(game.types, repeat=len(game.messages)):
            beliefs = {game.receiver_key(m): {t: 1} for m, t in zip(game.messages, types)}
            assert check_assessment(game, strategy, beliefs), (behavior, beliefs)


# ---------------------------------------------------------------------------- chance outcomes of probability zero
def beer_quiche_with_prior(strong, *, types=("strong", "weak")):
    """Beer-Quiche with the given prior of "strong" (the rest on "weak"; a third type "timid" gets prior 0).

    The receiver earns 1 for duelling weak, for sparing strong and for sparing timid.
    """
    def u(t, m, a):
        return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
                1 if (a == "duel") == (t == "weak") else 0)

    prior = {"strong": strong, "weak": 1 - strong, "timid": 0}
    return SignalingGame(types, {t: prior[t] for t in types}, ("beer", "quiche"), ("duel", "not"), u)


def test_off_path_belief_on_a_never_drawn_type_fails_where_a_drawn_type_could_deviate():
    # Prior 1 on strong: weak is never drawn.  Both types take beer, the receiver spares after beer (Bayes: strong,
    # 1 > 0) and duels after quiche.  Under the belief weak = 1 after quiche, duel earns 1 > 0; strong gets 3 from
    # beer and 0 from quiche, weak 2 from beer and 1 from quiche: every move is optimal, and the weaker definition
    # (any belief off the path) accepts it.  But quiche can be sent by strong, who is drawn: every consistent
    # belief there is strong = 1 (weak's node has probability 0 under any behaviour), and under it duel earns 0 < 1.
    game = beer_quiche_with_prior(F(1))
    pool = {"Sender@strong": {"beer": 1}, "Sender@weak": {"beer": 1},
            "Receiver@beer": {"not": 1}, "Receiver@quiche": {"duel": 1}}
    problems = check_assessment(game, pool, {"Receiver@quiche": {"weak": 1}})
    assert problems == ["at 'Receiver@quiche': the belief {'strong/quiche': 0, 'weak': 1} puts weight on 'weak', "
                        "behind a chance outcome of probability zero, while the information set holds a node that "
                        "is not; every consistent belief gives such a node 0"]
    assert not is_perfect_bayesian(game, (pool, {"Receiver@quiche": {"strong": 1}}))
    # The equilibrium both solvers list: spare after either breakfast (belief strong = 1 after quiche, 1 > 0);
    # strong takes beer (3 > 2), weak quiche (1 + 2 > 0 + 2).
    spare = {"Sender@strong": {"beer": 1}, "Sender@weak": {"quiche": 1},
             "Receiver@beer": {"not": 1}, "Receiver@quiche": {"not": 1}}
    assert check_assessment(game, spare, {"Receiver@quiche": {"strong": 1}}) == []
    # A belief set is held to the rule at every vertex: sparing is optimal for mu(weak) <= 1/2, but the set
    # reaching (1/2, 1/2) puts weight on the never-drawn type.
    wide = BeliefSet(("strong", "weak"), [{"strong": 1, "weak": 0}, {"strong": F(1, 2), "weak": F(1, 2)}])
    problems = check_assessment(game, spare, {"Receiver@quiche": wide})
    assert len(problems) == 1 and "(a vertex of the belief set)" in problems[0] and "on 'weak'," in problems[0]
    point = BeliefSet(("strong", "weak"), [{"strong": 1, "weak": 0}])
    assert check_assessment(game, spare, {"Receiver@quiche": point}) == []


def test_belief_is_free_where_every_node_lies_behind_a_zero_probability_draw():
    # Strong (prior 1) can only take beer; weak and timid (prior 0) either.  No drawn type can send quiche, so no
    # behaviour reaches that set and any belief over {weak, timid} may support the receiver's move there: duel needs
    # mu(weak) >= 1/2 (1 for duelling weak against 1 for sparing timid).  Weak and timid, duelled after quiche,
    # get 2 from beer and 1 from quiche.
    def u(t, m, a):
        return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
                1 if (a == "duel") == (t == "weak") else 0)

    game = SignalingGame(("strong", "weak", "timid"), {"strong": 1, "weak": 0, "timid": 0},
                         {"strong": ("beer",), "weak": ("beer", "quiche"), "timid": ("beer", "quiche")},
                         ("duel", "not"), u)
    behavior = {"Sender@strong": {"beer": 1}, "Sender@weak": {"beer": 1}, "Sender@timid": {"beer": 1},
                "Receiver@beer": {"not": 1}, "Receiver@quiche": {"duel": 1}}
    assert check_assessment(game, behavior, {"Receiver@quiche": {"weak": 1}}) == []
    assert check_assessment(game, behavior, {"Receiver@quiche": {"weak": F(1, 2), "timid": F(1, 2)}}) == []
    assert len(check_assessment(game, behavior, {"Receiver@quiche": {"timid": 1}})) == 1  # duel: 0 < 1


def test_possible_nodes_are_counted_from_the_smallest_subgame_holding_the_set():
    # The root draws "a" (probability 1: payoffs (0, 0)) or "b" (probability 0), behind which lies a signalling
    # game: chance draws x (1) or y (0); 1, seeing it, takes out (1, 0) or in; 2, not seeing x or y, takes l or r
    # after in: l pays (0, 1) after x and (0, 0) after y, r the reverse.  Every node of 2's set lies behind the
    # root's zero-probability "b", but the smallest subgame holding the set is rooted at b, and from there the
    # node after x is reached without a zero-probability draw: with 1 taking out at x, the belief must be x = 1,
    # where l is 2's best move (1 > 0).
    def sender(state):
        late = Decision("2", {"l": Terminal((0, 1 if state == "x" else 0)),
                              "r": Terminal((0, 0 if state == "x" else 1))}, infoset="2")
        return Decision("1", {"out": Terminal((1, 0)), "in": late})

    tree = GameTree(Chance({"a": (1, Terminal((0, 0))),
                            "b": (0, Chance({"x": (1, sender("x")), "y": (0, sender("y"))}))}))
    keys = [info.key for info in tree.information_sets]
    first = [k for k in keys if k != "2"]
    behavior = {**{k: {"out": 1} for k in first}, "2": {"r": 1}}
    problems = check_assessment(tree, behavior, {"2": {("b", "y", "in"): 1}})
    assert len(problems) == 1 and "on 'b/y/in'," in problems[0]
    assert check_assessment(tree, {**behavior, "2": {"l": 1}}, {"2": {("b", "x", "in"): 1}}) == []


def test_float_games_allow_a_tolerance_on_the_never_drawn_node():
    game = beer_quiche_with_prior(1.0)
    spare = {"Sender@strong": {"beer": 1.0}, "Sender@weak": {"quiche": 1.0},
             "Receiver@beer": {"not": 1.0}, "Receiver@quiche": {"not": 1.0}}
    assert check_assessment(game, spare, {"Receiver@quiche": {"strong": 1.0, "weak": 0.0}}) == []
    assert len(check_assessment(game, spare, {"Receiver@quiche": {"strong": 0.75, "weak": 0.25}})) == 1


@settings(max_examples=8, deadline=None)
@given(signaling_games(n_types=(1, 2), n_messages=2, n_actions=2, max_value=3),
       st.lists(st.integers(-3, 3), min_size=8, max_size=8))
def test_a_never_drawn_type_changes_nothing_but_its_own_move_and_the_beliefs_it_may_get(game, ghost_payoffs):
    # Add a type "g" of prior 0 to a game whose types all have positive prior.  A pure assessment of the larger
    # game passes the check exactly when (1) its part on the drawn types passes on the smaller game, (2) g's
    # message is a best reply to the receiver's moves, and (3) no belief off the path weighs g: every message can
    # be sent by a drawn type, so every consistent belief gives g 0 (Bayes' rule already does on the path).
    table = {tr: game.payoff(*tr) for tr in game.triples()}
    cells = [(m, a) for m in game.messages for a in ("a1", "a2")]
    table.update({("g", m, a): (ghost_payoffs[2 * k], ghost_payoffs[2 * k + 1]) for k, (m, a) in enumerate(cells)})
    types = (*game.types, "g")
    bigger = SignalingGame(types, {**game.prior, "g": 0}, game.messages, ("a1", "a2"), table)
    for sends in itertools.product(game.messages, repeat=len(types)):
        for replies in itertools.product(("a1", "a2"), repeat=len(game.messages)):
            plan = {**{bigger.sender_key(t): {m: 1} for t, m in zip(types, sends)},
                    **{bigger.receiver_key(m): {a: 1} for m, a in zip(game.messages, replies)}}
            off = [m for m in game.messages if m not in sends[:-1]]
            reply = dict(zip(game.messages, replies))
            ghost_best = max(bigger.payoff("g", m, reply[m])[0] for m in game.messages)
            ghost_ok = bigger.payoff("g", sends[-1], reply[sends[-1]])[0] == ghost_best
            for believed in itertools.product(types, repeat=len(off)):
                beliefs = {bigger.receiver_key(m): {t: 1} for m, t in zip(off, believed)}
                accepted = check_assessment(bigger, plan, beliefs) == []
                small = {k: v for k, v in plan.items() if k != bigger.sender_key("g")}
                expected = ("g" not in believed and ghost_ok and check_assessment(game, small, beliefs) == [])
                assert accepted == expected, (plan, beliefs)
