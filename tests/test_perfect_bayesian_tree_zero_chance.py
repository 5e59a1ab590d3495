"""The tree solver with a chance outcome of probability zero follows the signalling solver's rule.

A type of prior zero is never drawn.  Under any completely mixed behaviour of the players (chance's probabilities
held fixed) the nodes behind that draw have probability zero, so the limit of Bayes' rule gives them belief zero
wherever a node not behind a zero-probability chance move lies in the same information set; only a set every node of
which lies behind one leaves the belief free.  The tree route (``perfect_bayesian(game.to_tree())``) and the
signalling route (``perfect_bayesian(game)``) must then list the same perfect Bayesian equilibria, and say that they
are sequential.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.signaling import SignalingGame
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.results.perfect_bayesian import BeliefSet
from trigame.solve.perfect_bayesian import perfect_bayesian
from trigame.verify.assessments import is_perfect_bayesian

from ._signalling_games import beer_quiche


def by_type(belief: Any) -> Any:
    """A tree belief (over node paths ``(type, message)``) as a signalling belief (over types)."""
    if isinstance(belief, BeliefSet):
        return frozenset(frozenset((path[0], p) for path, p in v.items()) for v in belief.vertices)
    return {path[0]: p for path, p in belief.items()}


def signalling_belief(belief: Any) -> Any:
    if isinstance(belief, BeliefSet):
        return frozenset(frozenset(v.items()) for v in belief.vertices)
    return dict(belief)


@pytest.mark.parametrize("prior", [F(1), F(0)])
def test_beer_quiche_with_one_type_drawn(prior: F) -> None:
    # Prior 1 (only "strong" drawn): after either breakfast the only node not behind a zero-probability draw is
    # the strong one, so the receiver believes "strong" and does not duel (1 > 0).  The strong type then takes
    # beer (1 + 2 > 0 + 2); the weak type, never drawn, still best responds with quiche (1 + 2 > 0 + 2).
    # Prior 0 (only "weak" drawn): the receiver believes "weak" after both and duels (1 > 0); the weak type takes
    # quiche (1 + 0 > 0 + 0), the strong one beer (1 > 0).  One PBE each, on the path by Bayes' rule, off it the
    # single consistent belief.  (Before, the tree route let the off-path belief rest on the never-drawn type:
    # six equilibria at prior 1, two at prior 0, sequential undecided.)
    drawn, ghost = ("strong", "weak") if prior == 1 else ("weak", "strong")
    response = "not" if drawn == "strong" else "duel"
    expected = {"Sender@strong": "beer", "Sender@weak": "quiche", "Receiver@beer": response,
                "Receiver@quiche": response}
    game = beer_quiche(prior)
    (tree_pbe,) = perfect_bayesian(game.to_tree())
    (signal_pbe,) = perfect_bayesian(game)
    assert dict(tree_pbe.choices()) == dict(signal_pbe.choices()) == expected
    assert tree_pbe.sequential is True and signal_pbe.sequential is True
    on = "beer" if drawn == "strong" else "quiche"
    off = "quiche" if on == "beer" else "beer"
    assert by_type(tree_pbe.beliefs[f"Receiver@{on}"]) == {drawn: 1, ghost: 0}
    point = tree_pbe.beliefs[f"Receiver@{off}"]
    assert isinstance(point, BeliefSet) and point.is_point
    assert by_type(point) == frozenset({frozenset({(drawn, 1), (ghost, 0)})})
    assert by_type(point) == signalling_belief(signal_pbe.beliefs[f"Receiver@{off}"])


def test_belief_stays_free_where_only_never_drawn_nodes_lie() -> None:
    # The strong type (prior 1) can only order beer; weak and timid (prior 0) can order either.  Beer is on the path
    # (belief "strong" = 1): not (1 > 0).  Quiche is sent by no drawn type under any behaviour, so every belief over
    # {weak, timid} is allowed.  The receiver gets 1 for duelling weak and 1 for sparing timid: duel needs
    # mu(weak) >= 1/2, not needs mu(weak) <= 1/2, a mixture mu(weak) = 1/2.  With q = P(not | quiche), weak and
    # timid get 2 for beer and 1 + 2q for quiche: beer when q < 1/2, quiche when q > 1/2, either at q = 1/2.  So the
    # equilibria are: duel with both on beer; not with both on quiche; q = 1/2 with any choices of weak and timid
    # (a continuum whose extreme points are the four pure choices).  Six extreme points, the same on both routes.
    def u(t: str, m: str, a: str) -> tuple[int, int]:
        sender = (1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0)
        receiver = 1 if (a == "duel") == (t == "weak") else 0
        return sender, receiver

    game = SignalingGame(("strong", "weak", "timid"), {"strong": 1, "weak": 0, "timid": 0},
                         {"strong": ("beer",), "weak": ("beer", "quiche"), "timid": ("beer", "quiche")},
                         ("duel", "not"), u)
    tree_pbes = perfect_bayesian(game.to_tree())
    signal_pbes = perfect_bayesian(game)
    assert summary(tree_pbes, tree=True) == summary(signal_pbes, tree=False)
    half = {"duel": F(1, 2), "not": F(1, 2)}
    expected = [("duel", "beer", "beer"), ("not", "quiche", "quiche")] + [
        (half, w, t) for w in ("beer", "quiche") for t in ("beer", "quiche")]
    found = [(e.choices()["Receiver@quiche"], e.choices()["Sender@weak"], e.choices()["Sender@timid"])
             for e in tree_pbes]
    assert len(found) == len(expected) and all(x in found for x in expected)
    assert all(e.choices()["Sender@strong"] == "beer" and e.choices()["Receiver@beer"] == "not" for e in tree_pbes)
    quiche = {by_type(e.beliefs["Receiver@quiche"]) for e in tree_pbes if e.is_pure}
    # duel: mu(weak) in [1/2, 1]; not: mu(weak) in [0, 1/2] -- over both never-drawn types
    assert quiche == {frozenset({frozenset({("weak", F(1)), ("timid", F(0))}),
                                 frozenset({("weak", F(1, 2)), ("timid", F(1, 2))})}),
                      frozenset({frozenset({("weak", F(0)), ("timid", F(1))}),
                                 frozenset({("weak", F(1, 2)), ("timid", F(1, 2))})})}
    assert all(e.sequential is True for e in tree_pbes)


def summary(pbes: Any, *, tree: bool) -> set[Any]:
    """Each equilibrium's behaviour and beliefs, in the signalling game's terms (a belief set holding one belief
    as that belief: the tree route gives a one-node information set its point belief)."""
    out = set()
    for e in pbes:
        behaviour = tuple(sorted((str(k), tuple(sorted(d.items()))) for k, d in e.behavior.items()))
        beliefs = []
        for key, b in sorted(e.beliefs.items(), key=lambda kv: str(kv[0])):
            if not str(key).startswith("Receiver@"):
                continue
            if isinstance(b, BeliefSet) and b.is_point:
                b = dict(b.vertices[0])
            value = by_type(b) if tree else signalling_belief(b)
            beliefs.append((str(key), value if isinstance(value, frozenset) else tuple(sorted(value.items()))))
        out.add((behaviour, tuple(beliefs)))
    return out


def test_a_general_tree_with_a_zero_chance_branch() -> None:
    # Not a signalling game: chance picks L (probability 0) or R (1); player 1 then chooses in or out, knowing the
    # draw; after "in" player 2 moves at one information set {L-in, R-in} without knowing the draw.  At R player 1
    # gets 1 for out, and for in: 2 if player 2 plays a, 0 if b.  Player 2 gets 1 for b at R-in, 1 for a at L-in.
    # If player 1 stays out at R, the set is off the path; the only node not behind the zero draw is R-in, so the
    # belief there is R-in = 1 and player 2 plays b; then out (1 > 0) is right at R: a PBE.  With in at R the set is
    # reached (R-in by Bayes' rule), player 2 plays b, and in pays 0 < 1: no PBE.  At L (never drawn) player 1
    # best responds to b: out (1 > 0).  So the one PBE is (out, out, b) with belief R-in = 1, which is sequential.
    # (Before, the off-path belief could rest on L-in up to 1/2, which also let player 2 mix a and b half and half,
    # "in" at R then tying with "out" at 1: three equilibria listed, sequential undecided.)
    def second(draw: str) -> Decision:
        return Decision("2", {"a": Terminal((2, 1 if draw == "L" else 0)),
                              "b": Terminal((0, 0 if draw == "L" else 1))}, infoset="after in")

    def first(draw: str) -> Decision:
        return Decision("1", {"in": second(draw), "out": Terminal((1, 0))}, infoset=f"1 at {draw}")

    tree = GameTree(Chance({"L": (F(0), first("L")), "R": (F(1), first("R"))}))
    (e,) = perfect_bayesian(tree)
    assert dict(e.choices()) == {"1 at L": "out", "1 at R": "out", "after in": "b"}
    belief = e.beliefs["after in"]
    assert isinstance(belief, BeliefSet) and belief.is_point
    assert dict(belief.vertices[0]) == {("L", "in"): 0, ("R", "in"): 1}
    assert e.sequential is True


# ------------------------------------------------------------------------------------------------ property
def believable(game: SignalingGame, m: str) -> tuple[str, ...]:
    drawn = tuple(t for t in game.senders(m) if game.prior[t] > 0)
    return drawn or game.senders(m)


def pure_pbes(game: SignalingGame) -> set[Any]:
    """The pure perfect Bayesian behaviour profiles, from the definition (two actions after every message).

    Every type best responds; after a message some drawn type sends, the receiver best responds to Bayes' rule;
    after any other message some belief over the drawn types that can send it (over every type that can, if none
    is drawn) makes the response optimal -- with two actions, one of those types for which it is weakly better.
    """
    out = set()
    messages = game.messages
    for sigma in itertools.product(*(game.messages_of(t) for t in game.types)):
        sent = dict(zip(game.types, sigma))
        for rho in itertools.product(*(game.actions_after(m) for m in messages)):
            answer = dict(zip(messages, rho))
            if any(game.payoff(t, sent[t], answer[sent[t]])[0] < max(game.payoff(t, m, answer[m])[0]
                                                                         for m in game.messages_of(t))
                   for t in game.types):
                continue
            ok = True
            for m in messages:
                a = answer[m]
                (b,) = (x for x in game.actions_after(m) if x != a)
                weights = {t: F(game.prior[t]) for t in game.types if sent[t] == m and game.prior[t] > 0}
                if weights:
                    gain = sum(w * (game.payoff(t, m, a)[1] - game.payoff(t, m, b)[1]) for t, w in weights.items())
                    ok = gain >= 0
                else:
                    ok = any(game.payoff(t, m, a)[1] >= game.payoff(t, m, b)[1] for t in believable(game, m))
                if not ok:
                    break
            if ok:
                out.add((tuple(sorted((game.sender_key(t), sent[t]) for t in game.types)),
                         tuple(sorted((game.receiver_key(m), answer[m]) for m in messages))))
    return out


def pure_of(pbes: Any, game: SignalingGame) -> set[Any]:
    out = set()
    for e in pbes:
        if not e.is_pure:
            continue
        c = e.choices()
        out.add((tuple(sorted((game.sender_key(t), c[game.sender_key(t)]) for t in game.types)),
                 tuple(sorted((game.receiver_key(m), c[game.receiver_key(m)]) for m in game.messages))))
    return out


def respects_the_rule(e: Any, game: SignalingGame, *, tree: bool) -> bool:
    """Beliefs never weigh a never-drawn type where a drawn type can send the message; Bayes' rule on the path."""
    for m in game.messages:
        key = game.receiver_key(m)
        b = e.beliefs[key]
        vertices = [dict(v) for v in b.vertices] if isinstance(b, BeliefSet) else [dict(b)]
        if tree:
            vertices = [{path[0]: p for path, p in v.items()} for v in vertices]
        allowed = set(believable(game, m))
        if any(p != 0 and t not in allowed for v in vertices for t, p in v.items()):
            return False
        weights = {t: F(game.prior[t]) * F(e.behavior[game.sender_key(t)].get(m, 0)) for t in game.senders(m)}
        total = sum(weights.values())
        if total and vertices != [{t: w / total for t, w in weights.items()}]:
            return False
    return True


@st.composite
def zero_prior_games(draw: Any) -> SignalingGame:
    n = draw(st.integers(2, 3))
    types = ("a", "b", "c")[:n]
    zero = draw(st.sets(st.sampled_from(types), min_size=1, max_size=n - 1))
    weights = {t: (0 if t in zero else draw(st.integers(1, 3))) for t in types}
    total = sum(weights.values())
    prior = {t: F(w, total) for t, w in weights.items()}
    messages = ("m", "n")
    offer = {t: draw(st.sampled_from([("m", "n"), ("m", "n"), ("m",), ("n",)])) for t in types}
    values = draw(st.lists(st.integers(-2, 2), min_size=2 * n * 4, max_size=2 * n * 4))
    table = {key: (values[2 * k], values[2 * k + 1])
             for k, key in enumerate(itertools.product(types, messages, ("x", "y")))}
    return SignalingGame(types, prior, {t: offer[t] for t in types}, ("x", "y"),
                         {k: v for k, v in table.items() if k[1] in offer[k[0]]})


@settings(max_examples=30, deadline=None)
@given(zero_prior_games())
def test_tree_and_signalling_routes_agree_with_a_zero_prior(game: SignalingGame) -> None:
    tree_pbes = perfect_bayesian(game.to_tree())
    signal_pbes = perfect_bayesian(game)
    expected = pure_pbes(game)
    assert pure_of(tree_pbes, game) == pure_of(signal_pbes, game) == expected
    assert all(respects_the_rule(e, game, tree=True) for e in tree_pbes)
    assert all(respects_the_rule(e, game, tree=False) for e in signal_pbes)
    # the pure equilibria carry the same beliefs on both routes
    pure_tree = {x for x in summary([e for e in tree_pbes if e.is_pure], tree=True)}
    pure_signal = {x for x in summary([e for e in signal_pbes if e.is_pure], tree=False)}
    assert pure_tree == pure_signal
    assert all(e.sequential is True for e in tree_pbes)
    assert all(is_perfect_bayesian(game.to_tree(), e) for e in tree_pbes)  # the independent check
    # a message only one type can send is a subgame of its own (behind a zero-probability draw when that type's
    # prior is zero); a continuum there is passed up whole, so the tree route is complete and lists the same
    assert tree_pbes.complete
    assert summary(tree_pbes, tree=True) == summary(signal_pbes, tree=False)
