"""Universal divinity (Banks and Sobel 1987): the D2 deletion of types iterated at each off-path message."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from trigame.errors import MethodError
from trigame.games.signaling import SignalingGame
from trigame.solve.perfect_bayesian import perfect_bayesian
from trigame.solve.refinements import apply_refinements, d1, d2, intuitive_criterion, universal_divinity
from trigame.testing.incomplete import signaling_games

# Three types pool on "stay" (payoff 0 to each, one reply "x"); the off-path message "m" is answered with A, B or C.
# The receiver wants A against t1, B against t2, C against t3 (1, else 0).  The sender's gain from m over the
# equilibrium payoff 0, by reply:
GAIN = {"t1": {"A": 1, "B": -1, "C": -1}, "t2": {"A": 4, "B": -2, "C": 1}, "t3": {"A": -5, "B": -1, "C": 1}}
TARGET = {"t1": "A", "t2": "B", "t3": "C"}


def _three_types() -> SignalingGame:
    def u(t: str, m: str, a: str) -> tuple[int, int]:
        return (0, 0) if m == "stay" else (GAIN[t][a], int(a == TARGET[t]))

    return SignalingGame(("t1", "t2", "t3"), {t: F(1, 3) for t in ("t1", "t2", "t3")}, ("stay", "m"),
                         {"stay": ("x",), "m": ("A", "B", "C")}, u)


def test_iterating_the_deletion_breaks_a_pooling_equilibrium_that_d2_keeps():
    # Hand derivation for the pooling equilibrium with reply B after m (B is a best reply to the belief t2 and
    # gives every type -1, -2, -1 <= 0).  Responses r = (a, b, c).
    # Intuitive criterion: every type gains from some reply (1, 4, 1 > 0), none is equilibrium-dominated, and
    #   every type loses from some reply: passes.
    # Round 1 (all responses): t1 weakly gains iff a >= b + c, and then t2's gain 4a - 2b + c >= 2b + 5c > 0
    #   (or a = 1: 4 > 0): t1 is deleted (by t2 alone, so under D1 too).  t2 is kept: r = (1/2, 1/2, 0) gives t2 1,
    #   t1 0, t3 -3.  t3 is kept: r = (0, 1/2, 1/2) gives t3 0, t1 -1, t2 -1/2.  D1 and D2 keep J = {t2, t3};
    #   their best replies include B, which keeps every type at or below 0: both pass.
    # Round 2 (replies to beliefs on {t2, t3}: r = (1 - s) B + s C): t2 weakly gains iff s >= 2/3, and then t3
    #   strictly gains (s > 1/2): t2 is deleted.  t3 weakly gains iff s >= 1/2, where t2 gains only for s > 2/3
    #   and t1 never: t3 is kept.  J = {t3}, whose only best reply is C, where t3 gains 1 > 0: the equilibrium is
    #   not universally divine, broken by t3 sending m.
    sg = _three_types()
    (pooling,) = [e for e in perfect_bayesian(sg) if e.kind == "pooling" and e.is_pure]
    assert pooling.behavior["Receiver@m"]["B"] == 1
    assert intuitive_criterion(sg, pooling) == (True, None)
    assert d1(sg, pooling) == (True, None)
    assert d2(sg, pooling) == (True, None)
    assert universal_divinity(sg, pooling) == (False, ("t3", "m"))


def test_refine_divinity_keeps_the_universally_divine_equilibria_and_records_the_verdict():
    sg = _three_types()
    every = perfect_bayesian(sg)
    kept = perfect_bayesian(sg, refine="divinity")
    # Every pooling equilibrium has the same outcome (all types get 0, m off the path), so all fail together; the
    # semi-separating ones leave no message off the path and pass.
    assert {e.kind for e in kept} == {"semi-separating"}
    assert len(kept) == sum(e.kind == "semi-separating" for e in every)
    assert all(e.survives == {"intuitive": True, "D1": True, "divinity": True} for e in kept)
    assert kept.refine == "divinity"
    assert any("fail universal divinity" in note and "'t3'" in note for note in kept.notes)


def test_beer_quiche_universal_divinity_removes_quiche_pooling():
    # Cho and Kreps (1987): with prior 9/10 on strong, beer-pooling survives and quiche-pooling fails (the strong
    # type would drink beer); with two types the iteration stops after D2's round, so the verdicts are D1's.
    u = lambda t, m, a: ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),  # noqa: E731
                         (1 if (a == "duel") == (t == "weak") else 0))
    sg = SignalingGame(("strong", "weak"), {"strong": F(9, 10), "weak": F(1, 10)}, ("beer", "quiche"),
                       ("duel", "not"), u)
    kept = perfect_bayesian(sg, refine="divinity")
    assert kept and all(e.behavior["Sender@strong"]["beer"] == 1 for e in kept)
    quiche = [e for e in perfect_bayesian(sg) if e.behavior["Sender@strong"]["quiche"] == 1]
    assert quiche and all(universal_divinity(sg, e) == (False, ("strong", "beer")) for e in quiche)


@settings(max_examples=12, deadline=None)
@given(signaling_games(n_types=(2, 3), n_messages=(2, 3), n_actions=(2, 3), max_value=3))
def test_property_each_refinement_implies_the_weaker_ones(sg):
    for e in perfect_bayesian(sg):
        divine, strong, d_one, intuitive = (universal_divinity(sg, e)[0], d2(sg, e)[0], d1(sg, e)[0],
                                            intuitive_criterion(sg, e)[0])
        assert (not divine or strong) and (not strong or d_one) and (not d_one or intuitive)
        if len(sg.types) == 2:  # two types: the second round has one type left, so nothing more can be deleted
            assert divine == strong


@pytest.mark.parametrize("bad", ["universal", "__import__('os')", "D2", 3])
def test_unknown_refine_values_are_refused(bad):
    sg = _three_types()
    with pytest.raises(MethodError):
        perfect_bayesian(sg, refine=bad)
    with pytest.raises(MethodError):
        apply_refinements(sg, perfect_bayesian(sg), bad)
