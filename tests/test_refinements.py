"""The intuitive criterion and D1 on signalling games (trigame.solve.refinements).

Expected verdicts are derived by hand in the comments, from the definitions in
Cho and Kreps (1987, "Signaling games and stable equilibria", QJE 102) and Banks
and Sobel (1987, Econometrica 55); the equilibria are built by hand and checked
with the independent ``verify.is_perfect_bayesian``, so the tests do not rely on
the solver (except the integration tests at the end).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import MethodError, UnsupportedGameError
from trigame.games.signaling import SignalingGame
from trigame.results.perfect_bayesian import BeliefSet, PerfectBayesianEquilibrium, PerfectBayesianSet
from trigame.solve.refinements import (
    Signalling,
    _feasible,
    _Message,
    apply_refinements,
    d1,
    d2,
    intuitive_criterion,
)
from trigame.verify import is_perfect_bayesian

from ._signalling_games import beer_quiche


def _pbe(game: SignalingGame, send: dict[str, str], reply: dict[str, Any],
         off: dict[str, tuple[str, Any, Any]], component: int = 0) -> PerfectBayesianEquilibrium:
    """A pure-sender equilibrium: ``send`` {type: message}, ``reply`` {message: action or {action: p}},
    ``off`` {off-path message: (type, low, high)}, the interval of μ(type) there (two types)."""
    behavior: dict[Hashable, Mapping[str, Any]] = {}
    for t in game.types:
        behavior[game.sender_key(t)] = {m: int(m == send[t]) for m in game.messages_of(t)}
    beliefs: dict[Hashable, Any] = {}
    for m in game.messages:
        r = reply[m]
        behavior[game.receiver_key(m)] = r if isinstance(r, dict) else {a: int(a == r) for a in game.actions_after(m)}
        senders = [t for t in game.types if send[t] == m]
        if senders:
            total = sum(game.prior[t] for t in senders)
            beliefs[game.receiver_key(m)] = {t: (game.prior[t] / total if t in senders else F(0))
                                             for t in game.senders(m)}
        else:
            label, low, high = off[m]
            other = next(t for t in game.senders(m) if t != label)
            vertices: list[Mapping[Hashable, Any]] = [{label: p, other: 1 - p} for p in dict.fromkeys((low, high))]
            beliefs[game.receiver_key(m)] = BeliefSet(game.senders(m), vertices)
    e = PerfectBayesianEquilibrium(game, behavior, beliefs, component=component)
    assert is_perfect_bayesian(game, e), "the hand-built assessment must be a perfect Bayesian equilibrium"
    return e


# ------------------------------------------------------------------------------------------------------ Beer-Quiche

def test_beer_pooling_survives_both():
    # Pooling on beer: posterior 9/10 strong, no duel; u*(strong) = 3, u*(weak) = 2.  Quiche is off the path
    # and deters the weak type iff duel has probability >= 1/2 (3 - 2q <= 2), i.e. μ(weak) >= 1/2.
    # Intuitive: at quiche the strong type gets at most 2 < 3 (equilibrium-dominated), the weak type up to
    # 3 > 2; J = {weak}, BR(J) = {duel}; nobody gains from quiche against a duel (strong 0, weak 1).
    # D1: D(strong) ∪ D0(strong) = ∅ ⊆ D(weak), so strong is deleted; beliefs on {weak} give duel, which keeps
    # everybody at or below u*.  Both pass (Cho and Kreps 1987, section II).
    sg = beer_quiche()
    # A pure and a mixed off-path reply (the mixed one needs μ(weak) = 1/2 exactly): same outcome, same verdict.
    for duel, high in ((F(1), F(1)), (F(1, 2), F(1, 2))):
        e = _pbe(sg, {"strong": "beer", "weak": "beer"},
                 {"beer": "not", "quiche": {"duel": duel, "not": 1 - duel}},
                 {"quiche": ("weak", F(1, 2), high)})
        assert intuitive_criterion(sg, e) == (True, None)
        assert d1(sg, e) == (True, None)
        assert d2(sg, e) == (True, None)


def test_quiche_pooling_fails_both_broken_by_the_strong_type_drinking_beer():
    # Pooling on quiche: no duel; u*(strong) = 2, u*(weak) = 3.  Beer (off path) needs duel w.p. >= 1/2
    # (strong: 3 - 2q <= 2), i.e. μ(weak) >= 1/2.  At beer the weak type gets at most 2 < 3 (dominated), the
    # strong type up to 3 > 2; J = {strong}, BR(J) = {not}, and the strong type gets 3 > 2 = u*(strong):
    # the equilibrium fails the intuitive criterion, broken by (strong, beer) (Cho and Kreps 1987, p. 186).
    # D1 deletes weak (D ∪ D0 = ∅) and fails the same way.
    sg = beer_quiche()
    e = _pbe(sg, {"strong": "quiche", "weak": "quiche"}, {"quiche": "not", "beer": "duel"},
             {"beer": ("weak", F(1, 2), F(1))})
    assert intuitive_criterion(sg, e) == (False, ("strong", "beer"))
    assert d1(sg, e) == (False, ("strong", "beer"))
    assert d2(sg, e) == (False, ("strong", "beer"))


def test_apply_refinements_records_survives_failures_and_notes():
    sg = beer_quiche()
    beer = _pbe(sg, {"strong": "beer", "weak": "beer"}, {"beer": "not", "quiche": "duel"},
                {"quiche": ("weak", F(1, 2), F(1))})
    quiche = _pbe(sg, {"strong": "quiche", "weak": "quiche"}, {"quiche": "not", "beer": "duel"},
                  {"beer": ("weak", F(1, 2), F(1))}, component=1)
    pbes = PerfectBayesianSet([beer, quiche], game=sg, complete=True, method="hand", notes=("given",))
    for refine in ("intuitive", "D1"):
        out = apply_refinements(sg, pbes, refine)
        assert out.refine == refine and out.complete and not out.degenerate
        assert len(out) == 1 and out[0] == beer
        assert dict(out[0].survives) == {"intuitive": True, "D1": True} and not out[0].failures
        assert out.notes[0] == "given" and "('strong', 'beer')" not in out.notes[1]
        assert "1 of 2" in out.notes[1] and "'strong' sending 'beer'" in out.notes[1]
    assert pbes[0].survives == {}  # the input is untouched
    with pytest.raises(MethodError, match="refine"):
        apply_refinements(sg, pbes, "D7")


def test_a_component_whose_points_differ_in_outcome_is_not_claimed_complete():
    # The two pooling equilibria put in one component on purpose: their payoffs and verdicts differ, so the
    # equilibria "between" them were not tested and the refined set cannot claim completeness.
    sg = beer_quiche()
    beer = _pbe(sg, {"strong": "beer", "weak": "beer"}, {"beer": "not", "quiche": "duel"},
                {"quiche": ("weak", F(1, 2), F(1))})
    quiche = _pbe(sg, {"strong": "quiche", "weak": "quiche"}, {"quiche": "not", "beer": "duel"},
                  {"beer": ("weak", F(1, 2), F(1))})
    pbes = PerfectBayesianSet([beer, quiche], game=sg, complete=True, method="hand", degenerate=True)
    out = apply_refinements(sg, pbes, "intuitive")
    assert not out.complete and not out.degenerate
    assert any("component(s) [0]" in note for note in out.notes)


def test_a_continuum_with_one_outcome_is_kept_whole():
    # Beer pooling with the off-path duel probability anywhere in [1/2, 1]: one component, listed by its two
    # extreme points, one outcome (u* = (3, 2)).  It passes whole; the set stays complete and degenerate.
    sg = beer_quiche()
    ends = [_pbe(sg, {"strong": "beer", "weak": "beer"}, {"beer": "not", "quiche": {"duel": q, "not": 1 - q}},
                 {"quiche": ("weak", F(1, 2), F(1) if q == 1 else F(1, 2))}, component=3) for q in (F(1), F(1, 2))]
    out = apply_refinements(sg, PerfectBayesianSet(ends, game=sg, complete=True, method="hand", degenerate=True),
                            "D1")
    assert len(out) == 2 and out.complete and out.degenerate


# ---------------------------------------------------------------------------------------------------------- Spence

WAGE = {"low": F(1), "mid": F(3, 2), "high": F(2)}
ABILITY = {"L": F(1), "H": F(2)}


def spence(levels: int) -> SignalingGame:
    # Spence (1973) with two types (ability 1 and 2, prior 1/2 each), education e in {0, ..., levels - 1}
    # costing 3e/4 to L and e/8 to H, and three wages 1, 3/2, 2.  The employer's payoff -(w - ability)^2
    # makes "low" the best response iff μ(H) <= 1/4, "mid" iff 1/4 <= μ(H) <= 3/4, "high" iff μ(H) >= 3/4.
    cost = {"L": F(3, 4), "H": F(1, 8)}

    def u(t: str, m: str, a: str) -> tuple[F, F]:
        return WAGE[a] - cost[t] * int(m[1:]), -(WAGE[a] - ABILITY[t]) ** 2
    return SignalingGame(("L", "H"), {"L": F(1, 2), "H": F(1, 2)}, tuple(f"e{k}" for k in range(levels)),
                         tuple(WAGE), u)


LOW = ("H", F(0), F(1, 4))  # off-path beliefs μ(H) <= 1/4, which support the wage "low"


def test_spence_riley_outcome_survives_both():
    # Riley: L at e0 (wage 1, u* = 1), H at e2 (wage 2, u* = 2 - 1/4 = 7/4); off path wage 1.  L does not
    # mimic (2 - 3/2 = 1/2 < 1), e1 gives L 1/4 and H 7/8.  Least-cost separation: at e1 L would mimic
    # (2 - 3/4 = 5/4 > 1).
    # Intuitive, e1: L's best is 2 - 3/4 = 5/4 > 1 and H's 15/8 > 7/4, nobody dominated, J = {L, H},
    # BR(J) = all wages; the lowest wage gives L 1/4 < 1 and H 7/8 < 7/4: no break.  e3: L's best 2 - 9/4 < 1,
    # H's 2 - 3/8 = 13/8 < 7/4, both dominated: no restriction.
    # D1, e1: responses = expected wage W in [1, 2] (mixtures of low-mid and mid-high); D ∪ D0 of H is
    # W >= 15/8, inside D(L) = W > 7/4, so H is deleted; beliefs on {L} give wage 1, which keeps both at or
    # below u*.  e3: no type can gain, both deleted, no restriction.  Both pass.
    sg = spence(4)
    e = _pbe(sg, {"L": "e0", "H": "e2"}, {"e0": "low", "e1": "low", "e2": "high", "e3": "low"},
             {"e1": LOW, "e3": LOW})
    assert intuitive_criterion(sg, e) == (True, None)
    assert d1(sg, e) == (True, None)


def test_spence_wasteful_separation_fails_the_intuitive_criterion():
    # L at e0, H at e3 (u*(H) = 2 - 3/8 = 13/8).  At e2 L is dominated (best 2 - 3/2 = 1/2 < 1) and H is not
    # (best 2 - 1/4 = 7/4 > 13/8); J = {H}, BR(J) = {high}: H gets 7/4 > 13/8.  At e1 nobody is dominated
    # (L: 5/4 > 1, H: 15/8 > 13/8) and the lowest wage deters both, so the first break is (H, e2).
    sg = spence(4)
    e = _pbe(sg, {"L": "e0", "H": "e3"}, {"e0": "low", "e1": "low", "e2": "low", "e3": "high"},
             {"e1": LOW, "e2": LOW})
    assert intuitive_criterion(sg, e) == (False, ("H", "e2"))
    # D1 fails too.  With W the expected wage in [1, 2], at e1 D ∪ D0(H) = {W >= 13/8 + 1/8 = 7/4} is not
    # inside D(L) = {W > 7/4} (W = 7/4 leaves both indifferent), nor the reverse: nobody is deleted and wage 1
    # deters; at e2 L is deleted (it cannot gain) and H gains under the wage 2: (H, e2).
    assert d1(sg, e) == (False, ("H", "e2"))


def test_spence_pooling_fails_the_intuitive_criterion():
    # Pooling at e0: posterior 1/2, wage 3/2, u*(L) = u*(H) = 3/2 (pooling at e >= 1 is no equilibrium: L would
    # get at most 3/2 - 3/4 < 1, the least it gets at e0).  At e1 L's best is 2 - 3/4 = 5/4 < 3/2 (dominated)
    # and H's 15/8 > 3/2; J = {H}, BR(J) = {high}: H gets 15/8 > 3/2.  First break: (H, e1).
    sg = spence(4)
    e = _pbe(sg, {"L": "e0", "H": "e0"}, {"e0": "mid", "e1": "low", "e2": "low", "e3": "low"},
             {"e1": LOW, "e2": LOW, "e3": LOW})
    assert intuitive_criterion(sg, e) == (False, ("H", "e1"))
    # D1: at e1 L cannot reach 3/2 (W - 3/4 <= 5/4), so L is deleted; wage 2 gives H 15/8 > 3/2.
    assert d1(sg, e) == (False, ("H", "e1"))


def test_d1_is_strictly_stronger_than_the_intuitive_criterion():
    # A Spence game with two education levels (e0, e1), e1 costing 1/4 to L and 1/8 to H.
    # Pooling at e0: u*(L) = u*(H) = 3/2; after e1 wage 1 (μ(H) <= 1/4):
    # L gets 3/4, H gets 7/8, so it is an equilibrium.
    # Intuitive at e1: L's best is 2 - 1/4 = 7/4 > 3/2, H's 15/8 > 3/2: nobody dominated, J = {L, H},
    # BR(J) = all wages, and the lowest wage deters both: it passes.
    # D1 at e1: with W the expected wage in [1, 2], D ∪ D0(L) = {W >= 7/4} ⊆ D(H) = {W > 13/8}: L is deleted
    # (H is not: W = 13/8 is in D0(H) but not in D(L)).  Beliefs on {H} give wage 2, and H gets 15/8 > 3/2:
    # it fails, broken by (H, e1).  (Cho and Kreps 1987, section V, make the same point: the intuitive
    # criterion has no bite at a message every type could gain from; D1 compares how much each would need.)
    sg = spence_cheap()
    e = _pbe(sg, {"L": "e0", "H": "e0"}, {"e0": "mid", "e1": "low"}, {"e1": LOW})
    assert intuitive_criterion(sg, e) == (True, None)
    assert d1(sg, e) == (False, ("H", "e1"))
    assert d2(sg, e) == (False, ("H", "e1"))


def spence_cheap() -> SignalingGame:
    cost = {"L": F(1, 4), "H": F(1, 8)}

    def u(t: str, m: str, a: str) -> tuple[F, F]:
        return WAGE[a] - cost[t] * int(m[1:]), -(WAGE[a] - ABILITY[t]) ** 2
    return SignalingGame(("L", "H"), {"L": F(1, 2), "H": F(1, 2)}, ("e0", "e1"), tuple(WAGE), u)


# --------------------------------------------------------------------------------------- an independent oracle
# For two types and two receiver actions everything is an interval: a belief is μ = μ(t1) in [0, 1], a mixed
# response is q = P(a1) in [0, 1].  The oracle below follows the definitions with interval arithmetic, apart
# from the module's simplex-and-faces machinery, and is compared with it on random payoffs.

def _responses(d: list[F], J: tuple[int, ...]) -> list[tuple[F, F]]:
    """MBR(J) as intervals of q, where d[t] = u_R(t, a1) - u_R(t, a0); the belief ranges over Δ(J)."""
    low, high = min(d[t] for t in J), max(d[t] for t in J)  # the range of E_μ[d] over beliefs on J
    pieces = []
    if low <= 0 <= high:
        pieces.append((F(0), F(1)))  # some belief makes the receiver indifferent: every mixture
    if low < 0 or (low <= 0 and not pieces):
        pieces.append((F(0), F(0)))
    if high > 0:
        pieces.append((F(1), F(1)))
    return pieces


def _exists(pieces: list[tuple[F, F]], constraints: list[tuple[F, F]]) -> bool:
    """Whether some q in the pieces has slope * q + intercept >= 0 for every constraint."""
    for lo, hi in pieces:
        for slope, intercept in constraints:
            if slope > 0:
                lo = max(lo, -intercept / slope)
            elif slope < 0:
                hi = min(hi, -intercept / slope)
            elif intercept < 0:
                lo, hi = F(1), F(0)
        if lo <= hi:
            return True
    return False


def _oracle(us: list[list[F]], ur: list[list[F]], ustar: list[F]) -> tuple[str | None, str | None]:
    """(intuitive breaker, D1 breaker) at one off-path message, as type names 't0'/'t1' or None."""
    d = [ur[t][1] - ur[t][0] for t in (0, 1)]

    def value(t: int, q: F) -> F:
        return (1 - q) * us[t][0] + q * us[t][1]

    def gain(t: int) -> tuple[F, F]:  # u_S(t, q) - u*(t) as slope * q + intercept
        return us[t][1] - us[t][0], us[t][0] - ustar[t]

    def lose(t: int) -> tuple[F, F]:
        slope, intercept = gain(t)
        return -slope, -intercept

    every = (0, 1)
    pure = {q for lo, hi in _responses(d, every) for q in (lo, hi)}
    dominated = [t for t in every if ustar[t] > max(value(t, q) for q in pure)]
    J = tuple(t for t in every if t not in dominated)
    intuitive = None
    if J:
        replies = {q for lo, hi in _responses(d, J) for q in (lo, hi)}
        intuitive = next((f"t{t}" for t in every if ustar[t] < min(value(t, q) for q in replies)), None)
    R = _responses(d, every)
    deleted = [t for t in every if not _exists(R, [gain(t), lose(1 - t)])]
    J = tuple(t for t in every if t not in deleted) or every
    divine = None
    if not _exists(_responses(d, J), [lose(0), lose(1)]):
        alone = [t for t in J if not _exists(_responses(d, J), [lose(t)])]
        some = [t for t in sorted(every, key=lambda s: s not in J)
                if any(value(t, q) > ustar[t] for lo, hi in _responses(d, J) for q in (lo, hi))]
        divine = f"t{(alone or some)[0]}"
    return intuitive, divine


small = st.integers(-3, 3).map(F)


@settings(max_examples=300, deadline=None)
@given(us=st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=2),
       ur=st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=2),
       ustar=st.lists(st.integers(-6, 6).map(lambda k: F(k, 2)), min_size=2, max_size=2))
def test_one_message_against_the_interval_oracle(us, ur, ustar):
    game = Signalling.build(("t0", "t1"), {"t0": ("m",), "t1": ("m",)}, {"m": ("a0", "a1")},
                            lambda t, m, a: (us[int(t[1])][int(a[1])], ur[int(t[1])][int(a[1])]))
    message = _Message(game, "m", {"t0": ustar[0], "t1": ustar[1]}, max_actions=10)
    assert (message.intuitive(), message.divine(union=False)) == _oracle(us, ur, ustar)


# ------------------------------------------------------------------------------------------ pieces and errors

def test_exact_feasibility():
    # x >= 0, x0 + x1 = 1: x0 <= -1 is impossible; x0 >= 1/2 is possible; x0 = x1 with x0 >= 2/3 is not.
    one = ([F(1), F(1)], F(1))
    assert not _feasible(2, [one], [([F(1), F(0)], F(-1))])
    assert _feasible(2, [one], [([F(-1), F(0)], F(-1, 2))])
    assert not _feasible(2, [one, ([F(1), F(-1)], F(0))], [([F(-1), F(0)], F(-2, 3))])
    assert _feasible(3, [([F(1), F(1), F(1)], F(1))], [([F(-1), F(-1), F(0)], F(-1))])


def test_three_receiver_actions_faces():
    # Spence after e1: the faces of MBR are {low, mid} (μ(H) = 1/4) and {mid, high} (μ(H) = 3/4); no belief
    # makes low and high both best responses.  On {L} alone only "low" is a best response.
    game = Signalling.of(spence(2))
    message = _Message(game, "e1", {"L": F(1), "H": F(1)}, max_actions=10)
    assert sorted(message.faces(("L", "H"))) == [(0, 1), (1, 2)]
    assert message.faces(("L",)) == [(0,)] and message.faces(("H",)) == [(2,)]


def test_symbolic_games_and_too_many_actions_are_refused():
    sympy = pytest.importorskip("sympy")
    x = sympy.Symbol("x")
    sg = SignalingGame(("a", "b"), {"a": F(1, 2), "b": F(1, 2)}, ("m", "n"), ("r", "s"),
                       lambda t, m, a: (x, 1))
    with pytest.raises(UnsupportedGameError, match="symbolic"):
        Signalling.of(sg)
    game = spence(2)
    e = _pbe(game, {"L": "e0", "H": "e0"}, {"e0": "mid", "e1": "low"}, {"e1": LOW})
    with pytest.raises(UnsupportedGameError, match="at most 2 receiver actions"):
        intuitive_criterion(game, e, max_actions=2)
    with pytest.raises(UnsupportedGameError, match="signalling games"):
        d1(game.to_tree(), e)  # type: ignore[arg-type]


def test_float_games_are_tested_on_their_binary_rationals_with_a_note():
    # Beer-Quiche with the prior written as floats: the same verdicts, and the refined set says how it compared.
    def u(t: str, m: str, a: str) -> tuple[int, int]:
        return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
                1 if (a == "duel") == (t == "weak") else 0)
    sg = SignalingGame(("strong", "weak"), {"strong": 0.9, "weak": 0.1}, ("beer", "quiche"), ("duel", "not"), u)
    behavior = {"Sender@strong": {"beer": 0.0, "quiche": 1.0}, "Sender@weak": {"beer": 0.0, "quiche": 1.0},
                "Receiver@quiche": {"duel": 0.0, "not": 1.0}, "Receiver@beer": {"duel": 1.0, "not": 0.0}}
    beliefs = {"Receiver@quiche": {"strong": 0.9, "weak": 0.1},
               "Receiver@beer": BeliefSet(("strong", "weak"), [{"strong": 0.5, "weak": 0.5},
                                                                {"strong": 0.0, "weak": 1.0}])}
    e = PerfectBayesianEquilibrium(sg, behavior, beliefs)
    assert intuitive_criterion(sg, e) == (False, ("strong", "beer"))
    out = apply_refinements(sg, PerfectBayesianSet([e], game=sg, complete=True, method="hand"), "D1")
    assert len(out) == 0 and any("float game" in note for note in out.notes)


# ------------------------------------------------------------------------------------- through the solver

def _solve(game: SignalingGame, refine: str | None = None) -> PerfectBayesianSet:
    try:
        import trigame.solve.perfect_bayesian.signaling  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "trigame.solve.perfect_bayesian.signaling":
            raise
        pytest.skip("the signalling-game solver (trigame.solve.perfect_bayesian.signaling) is not available yet")
    from trigame.solve.perfect_bayesian import perfect_bayesian

    return perfect_bayesian(game, refine=refine)


def _sends(game: SignalingGame, e: PerfectBayesianEquilibrium) -> dict[str, str | None]:
    """{type: the message it sends for sure, or None when it mixes}."""
    out: dict[str, str | None] = {}
    for t in game.types:
        used = [m for m, p in e.behavior[game.sender_key(t)].items() if p != 0]
        out[t] = used[0] if len(used) == 1 else None
    return out


def test_beer_quiche_through_the_solver():
    # Cho and Kreps (1987): with prior 9/10 on strong every equilibrium pools; the intuitive criterion keeps
    # exactly the beer-pooling ones, and so does D1.
    sg = beer_quiche()
    every = _solve(sg)
    assert any(_sends(sg, e) == {"strong": "quiche", "weak": "quiche"} for e in every)
    for refine in ("intuitive", "D1"):
        kept = _solve(sg, refine)
        assert kept.refine == refine and len(kept) >= 1
        assert all(_sends(sg, e) == {"strong": "beer", "weak": "beer"} for e in kept)
        assert all(e.survives == {"intuitive": True, "D1": True} for e in kept)


def test_spence_through_the_solver_keeps_only_the_riley_outcome():
    # The Spence game above with three levels: the intuitive criterion leaves only the least-cost separating
    # outcome, L at e0 and H at e2 (Cho and Kreps 1987, section IV; Riley 1979), and D1 the same.
    sg = spence(3)
    for refine in ("intuitive", "D1"):
        kept = _solve(sg, refine)
        assert len(kept) >= 1
        assert all(_sends(sg, e) == {"L": "e0", "H": "e2"} for e in kept)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_d1_keeps_a_subset_of_the_intuitive_criterion(data):
    # Every equilibrium that passes D1 passes the intuitive criterion (types equilibrium-dominated at a message
    # are D1-deleted there), and D2 is stronger than D1.
    from trigame.testing.incomplete import signaling_games

    sg = data.draw(signaling_games(n_types=st.integers(2, 3), n_messages=2, n_actions=st.integers(2, 3),
                                   max_value=3))
    every = _solve(sg)
    for e in every:
        passes_d1 = d1(sg, e)[0]
        assert not passes_d1 or intuitive_criterion(sg, e)[0]
        assert not d2(sg, e)[0] or passes_d1
