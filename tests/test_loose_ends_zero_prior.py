"""Signalling games with a type of prior zero: the numeric game builds, and PBE beliefs follow.

A type of prior zero is never drawn.  It keeps its information set and best responds there; it puts no message
on the path; and a belief gives it weight zero wherever a type that is drawn can send the message (the limit of
Bayes' rule), so a model whose prior's domain is the closed interval [0, 1] is solved at 0 and 1, numerically
and symbolically, with the same answers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.signaling import SignalingGame
from trigame.models.china_inference import ChinaInference
from trigame.models.parameters import UNIT, parameter
from trigame.results.perfect_bayesian import BeliefSet
from trigame.solve.perfect_bayesian import perfect_bayesian
from trigame.statics import regime_map, regimes
from trigame.statics._pbe_regimes import _numeric_labels

from ._signalling_games import beer_quiche


def choices(e: Any) -> dict[str, str]:
    return {k: v for k, v in e.choices().items()}


@pytest.mark.parametrize("prior", [F(1), 1.0])
def test_beer_quiche_with_only_strong_senders(prior: Any) -> None:
    # Only the strong type is drawn, and it can send both messages: the receiver believes "strong" after each
    # (on the path by Bayes' rule, off it as the limit of Bayes' rule) and does not duel (1 > 0).  The strong
    # type then prefers beer (1 + 2 > 0 + 2); the weak type, never drawn, still best responds: quiche
    # (1 + 2 > 0 + 2).  One PBE.
    (e,) = perfect_bayesian(beer_quiche(prior))
    assert choices(e) == {"Sender@strong": "beer", "Sender@weak": "quiche", "Receiver@beer": "not",
                          "Receiver@quiche": "not"}
    assert e.beliefs["Receiver@beer"] == {"strong": 1, "weak": 0}
    off = e.beliefs["Receiver@quiche"]
    assert isinstance(off, BeliefSet) and off.is_point and dict(off.vertices[0]) == {"strong": 1, "weak": 0}
    assert e.payoffs == (3, 1) and e.kind == "separating"


def test_beer_quiche_with_only_weak_senders() -> None:
    # Only the weak type is drawn: the receiver believes "weak" after both breakfasts and duels (1 > 0); the
    # weak type prefers quiche (1 > 0), the strong one beer (1 > 0).
    (e,) = perfect_bayesian(beer_quiche(F(0)))
    assert choices(e) == {"Sender@strong": "beer", "Sender@weak": "quiche", "Receiver@beer": "duel",
                          "Receiver@quiche": "duel"}
    assert e.beliefs["Receiver@quiche"] == {"strong": 0, "weak": 1}
    assert e.payoffs == (1, 1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=16, max_size=16), st.sampled_from(["a", "b"]))
def test_pure_equilibria_with_one_type_drawn(values: list[int], drawn: str) -> None:
    # Two types a, b, two messages, two actions; only `drawn` has positive prior.  Both types can send both
    # messages, so after each message the receiver is sure of `drawn` and best responds to it; both types best
    # respond to the receiver.  The pure PBE are exactly the pure profiles with those properties.
    types, messages, actions = ("a", "b"), ("m", "n"), ("x", "y")
    triples = list(itertools.product(types, messages, actions))
    table = {key: (values[2 * k], values[2 * k + 1]) for k, key in enumerate(triples)}
    other = "b" if drawn == "a" else "a"
    game = SignalingGame(types, {drawn: 1, other: 0}, messages, actions, table)
    expected = set()
    for ra, rb in itertools.product(actions, repeat=2):
        reply = {"m": ra, "n": rb}
        if any(table[(drawn, m, reply[m])][1] < max(table[(drawn, m, a)][1] for a in actions) for m in messages):
            continue
        best = {t: [m for m in messages if table[(t, m, reply[m])][0] == max(table[(t, n, reply[n])][0]
                                                                          for n in messages)] for t in types}
        for sa, sb in itertools.product(best["a"], best["b"]):
            expected.add((sa, sb, ra, rb))
    found = perfect_bayesian(game)
    pure = {(c["Sender@a"], c["Sender@b"], c["Receiver@m"], c["Receiver@n"])
            for e in found if e.is_pure for c in [choices(e)]}
    assert pure == expected
    for e in found:  # the never-drawn type has no weight wherever the drawn one could send the message
        for m in messages:
            belief = e.beliefs[f"Receiver@{m}"]
            points = belief.vertices if isinstance(belief, BeliefSet) else [belief]
            assert all(p[other] == 0 for p in points)


@dataclass(frozen=True, kw_only=True)
class ClosedPrior(ChinaInference):
    """ChinaInference with the prior's domain the closed interval [0, 1]."""

    prior_china_target: float = parameter(default=F(1, 2), domain=UNIT,
                                          description="China's prior that the coalition aims at China, 0 and 1 "
                                                      "included")


def test_closed_prior_domain_at_its_ends() -> None:
    # q = 0: only the North-Korea coalition is drawn; China believes it after both designs and accommodates
    # (-c < 0); it picks Broad (0 > -m_N = -1); the China coalition, never drawn, too (0 > -m_C = -4).
    # q = 1: only the China coalition is drawn; China backs after both designs (v - c = 2 > 0); the China
    # coalition picks Broad (-z = -2 > -m_C - z = -6), and so would the North-Korea one (-2 > -1 - 2).
    (low,) = ClosedPrior(prior_china_target=0).equilibria()
    assert low.label() == ("pooling: Coalition@North Korea: Broad; Coalition@China: Broad; China@Narrow: "
                           "Accommodate; China@Broad: Accommodate")
    (high,) = ClosedPrior(prior_china_target=1).equilibria()
    assert high.label() == ("pooling: Coalition@North Korea: Broad; Coalition@China: Broad; China@Narrow: "
                            "Back Pyongyang; China@Broad: Back Pyongyang")


FIXED = {"balancing_value": 3, "backing_cost": 1, "backing_loss": 2, "design_cost_nk": 1}


def test_closed_prior_regimes_equal_the_numeric_pbe_at_the_ends() -> None:
    rs = regimes(ClosedPrior, fixed=FIXED)
    for q, m_c in itertools.product([F(0), F(1, 3), F(1, 2), F(1)], [F(0), F(1), F(2), F(4)]):
        point = {"prior_china_target": q, "design_cost_china": m_c}
        _, numeric, _ = _numeric_labels(rs._problem, point)
        assert {r.support_label for r in rs.at(**point)} == numeric, point
    rmap = regime_map(ClosedPrior, fixed=FIXED)  # every set's label checked against the numeric solver
    assert all(entry.certain for entry in rmap)
