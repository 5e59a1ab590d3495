"""Perfect Bayesian equilibria of signalling games (trigame.solve.perfect_bayesian.signaling).

Expected answers are derived by hand below (Cho and Kreps 1987; Fudenberg and Tirole 1991, section 11.2;
Spence 1973; Crawford and Sobel 1982; Gibbons 1992, section 4.2), and random games are checked against
the strategic form (every PBE is a Nash equilibrium of it), Bayes' rule, the belief sets, and a brute-force
enumeration of pure assessments written here.
"""

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, MethodError, UnsupportedGameError
from trigame.games.signaling import SignalingGame
from trigame.results.perfect_bayesian import BeliefSet, PerfectBayesianSet
from trigame.solve.perfect_bayesian import perfect_bayesian
from trigame.solve.perfect_bayesian.signaling import signaling_pbe
from trigame.verify import is_nash

from ._signalling_games import beer_quiche


# ---------------------------------------------------------------------------------------------- Beer-Quiche
def test_beer_quiche_two_pooling_components():
    # Hand derivation (q_m = probability of a duel after m):
    # * separating fails: (strong beer, weak quiche) -> weak is duelled and gets 1 < 2 from beer;
    #   (strong quiche, weak beer) -> weak gets 0 < 3 from quiche;
    # * a mixing strong type needs 1 + 2(1 - q_beer) = 2(1 - q_quiche), i.e. q_beer = q_quiche + 1/2; then
    #   the weak type strictly prefers quiche, so beer comes from strong alone and q_beer = 0: impossible;
    #   a mixing weak type with strong on beer needs q_beer = 1/2, i.e. mu(weak|beer) = 1/2, impossible as
    #   mu(weak|beer) <= 1/10; both mixing contradicts q_beer - q_quiche = +-1/2.  So only pooling remains.
    # * pooling on beer: the prior (9/10 strong) gives "not" after beer; the weak type stays iff
    #   3 - 2 q_quiche <= 2, i.e. q_quiche >= 1/2, a best response iff mu(weak|quiche) >= 1/2 (= 1/2 if mixed).
    #   Extreme points q_quiche = 1 (beliefs mu(weak) >= 1/2) and q_quiche = 1/2 (mu(weak) = 1/2).
    # * pooling on quiche: symmetrically q_beer in [1/2, 1], mu(weak|beer) >= 1/2.
    pbes = perfect_bayesian(beer_quiche())
    assert isinstance(pbes, PerfectBayesianSet) and pbes.complete and pbes.degenerate
    assert all(e.kind == "pooling" and e.sequential is True for e in pbes)
    assert len(pbes.components) == 2 and len(pbes) == 4
    by_message = {}
    for component in pbes.components.values():
        messages = {next(m for m, p in e.behavior["Sender@strong"].items() if p == 1) for e in component}
        assert len(messages) == 1
        by_message[messages.pop()] = component
    assert set(by_message) == {"beer", "quiche"}
    for pool, off in (("beer", "quiche"), ("quiche", "beer")):
        component = by_message[pool]
        assert {e.behavior[f"Receiver@{off}"]["duel"] for e in component} == {1, F(1, 2)}
        for e in component:
            assert e.on_path == {"Sender@strong", "Sender@weak", f"Receiver@{pool}"}
            assert e.beliefs[f"Receiver@{pool}"] == {"strong": F(9, 10), "weak": F(1, 10)}
            assert e.behavior[f"Receiver@{pool}"]["not"] == 1
            belief = e.beliefs[f"Receiver@{off}"]
            assert isinstance(belief, BeliefSet)
            if e.behavior[f"Receiver@{off}"]["duel"] == 1:
                assert repr(belief) == "BeliefSet(μ(weak) ≥ 1/2)"
                assert belief.contains({"strong": F(1, 2), "weak": F(1, 2)})
                assert belief.contains({"strong": 0, "weak": 1})
                assert not belief.contains({"strong": F(51, 100), "weak": F(49, 100)})
                assert {tuple(v.values()) for v in belief.vertices} == {(F(1, 2), F(1, 2)), (0, 1)}
            else:
                assert belief.is_point and dict(belief.vertices[0]) == {"strong": F(1, 2), "weak": F(1, 2)}
        # payoffs: beer-pooling 9/10 * 3 + 1/10 * 2 = 29/10; quiche-pooling 9/10 * 2 + 1/10 * 3 = 21/10
        assert {e.payoffs for e in component} == {(F(29, 10), F(9, 10)) if pool == "beer" else (F(21, 10), F(9, 10))}
    assert pbes.to_json()["equilibria"][0]["kind"] == "pooling"


def test_beer_quiche_float_prior():
    pbes = perfect_bayesian(beer_quiche(0.9))
    assert len(pbes.components) == 2 and all(e.kind == "pooling" for e in pbes)
    assert all(isinstance(p, float) for e in pbes for dist in e.behavior.values() for p in dist.values())
    assert any("binary" in note for note in pbes.notes)


# ---------------------------------------------------------------------------------------------- Spence
def spence(prior_high=F(2, 3)):
    # Spence (1973), finite: education e in {0, 1, 2} costs e for a low type and e/4 for a high type; the
    # firm pays a high wage 2 or a low wage 1 and gets 1 when the wage matches the type (so it pays high iff
    # mu(H) >= 1/2); the worker gets wage - cost.
    cost = {"H": F(1, 4), "L": F(1)}

    def u(t, m, a):
        wage = 2 if a == "high" else 1
        return wage - cost[t] * int(m[1]), 1 if (a == "high") == (t == "H") else 0

    return SignalingGame(("H", "L"), {"H": prior_high, "L": 1 - prior_high}, ("e0", "e1", "e2"),
                         ("low", "high"), u)


def sent(e, t):
    """The message type t sends surely, or None."""
    pure = [m for m, p in e.behavior[f"Sender@{t}"].items() if p == 1]
    return pure[0] if pure else None


def test_spence_separating_and_pooling():
    # Hand derivation (prior mu(H) = 2/3, so the prior alone earns the high wage):
    # * separating: L is paid 1 wherever it is recognised, so it sends e0; L must not mimic: 1 >= 2 - e_H,
    #   so e_H in {1, 2}.  With e_H = 1 the response to e2 is free (H: 2 - 1/2 < 2 - 1/4; L: 0 < 1).
    #   With e_H = 2 the response r = P(high | e1) needs 1 + r - 1/4 <= 3/2 for H: r <= 3/4 (extreme points
    #   r = 0 and r = 3/4); a mixed response needs mu(H|e1) = 1/2.
    # * pooling: on e0 both earn 2 and nobody pays for education (responses to e1, e2 free); on e1 the
    #   low type earns 1 and would earn >= 1 at e0, so e0 must be answered "low" (mu(H|e0) <= 1/2);
    #   on e2 the low type earns 0 < 1, so no pooling on e2.
    pbes = signaling_pbe(spence())
    separating = [e for e in pbes if e.kind == "separating"]
    pooling = [e for e in pbes if e.kind == "pooling"]
    assert {(sent(e, "H"), sent(e, "L")) for e in separating} == {("e1", "e0"), ("e2", "e0")}
    assert {sent(e, "H") for e in pooling} == {"e0", "e1"}
    for e in separating:
        assert e.beliefs["Receiver@e0"] == {"H": 0, "L": 1}
        if sent(e, "H") == "e2":
            assert e.behavior["Receiver@e2"]["high"] == 1
            assert e.behavior["Receiver@e1"]["high"] <= F(3, 4)
    assert {e.behavior["Receiver@e1"]["high"] for e in separating if sent(e, "H") == "e2"} == {0, F(3, 4)}
    for e in pooling:
        if sent(e, "H") == "e1":
            assert e.behavior["Receiver@e0"]["low"] == 1
            assert e.beliefs["Receiver@e0"].contains({"H": F(1, 2), "L": F(1, 2)})
            assert not e.beliefs["Receiver@e0"].contains({"H": F(3, 5), "L": F(2, 5)})
            # low type: 2 - 1 = 1, high type: 2 - 1/4
            assert e.payoffs[0] == F(2, 3) * F(7, 4) + F(1, 3) * 1
    # the low type mixing between e0 and e1 while H sends e1 (mu(H|e1) >= 1/2 for any mixture) joins the
    # separating equilibrium (H e1, L e0) to pooling on e1: one component, with semi-separating points absent
    # as extreme points but the two ends present.
    sep_e1 = {e.component for e in separating if sent(e, "H") == "e1"}
    pool_e1 = {e.component for e in pooling if sent(e, "H") == "e1"}
    assert sep_e1 == pool_e1 and len(sep_e1) == 1
    # * semi-separating extreme points: L earns >= 1 at e0, <= 1 at e1 and <= 0 at e2, so L mixes only e0/e1,
    #   which needs P(high|e1) = 1 and P(high|e0) = 0 -- then H strictly prefers e1, the segment above.  H mixing
    #   e1/e2 needs P(high|e2) = P(high|e1) + 1/4, so mu(H|e1) <= 1/2 and L would send e1 at a payoff <= 3/4 < 1:
    #   impossible.  H mixing e0/e1 with L on e0: the firm must mix at e0, so mu(H|e0) = 1/2, i.e. H sends e0
    #   with probability 1/2, and H's indifference 1 + r = 2 - 1/4 gives r = P(high|e0) = 3/4 (e2 free: two
    #   extreme points).  H mixing e0/e2: 1 + r = 2 - 1/2, r = 1/2, and P(high|e1) <= 3/4 (extreme 0 and 3/4).
    semi = {(e.behavior["Sender@H"]["e0"], sent(e, "L"), e.behavior["Receiver@e0"]["high"],
             e.behavior["Receiver@e1"]["high"], e.behavior["Receiver@e2"]["high"])
            for e in pbes if e.kind == "semi-separating"}
    assert semi == {(F(1, 2), "e0", F(3, 4), 1, 0), (F(1, 2), "e0", F(3, 4), 1, 1),
                    (F(1, 2), "e0", F(1, 2), 0, 1), (F(1, 2), "e0", F(1, 2), F(3, 4), 1)}
    assert len(pbes.components) == 5 and pbes.degenerate


# ---------------------------------------------------------------------------------------------- cheap talk
def cheap_talk(bias):
    # Crawford and Sobel (1982), two types t in {0, 1} (prior 3/5, 2/5), two messages, actions a in {0, 1};
    # the receiver gets -(a - t)^2, the sender -(a - t - bias)^2; messages cost nothing.
    def u(t, m, a):
        return -(F(int(a)) - int(t) - bias) ** 2, -(F(int(a)) - int(t)) ** 2

    return SignalingGame(("0", "1"), {"0": F(3, 5), "1": F(2, 5)}, ("l", "h"), ("0", "1"), u)


def informative(e):
    """Whether the action's distribution differs between the types."""
    def dist(t):
        return tuple(sum(e.behavior[f"Sender@{t}"][m] * e.behavior[f"Receiver@{m}"][a] for m in ("l", "h"))
                     for a in ("0", "1"))
    return dist("0") != dist("1")


@pytest.mark.parametrize(("bias", "expected"), [(F(1, 4), True), (F(3, 4), False)])
def test_cheap_talk_informative_iff_small_bias(bias, expected):
    # Hand derivation: separating play (type t induces a = t) needs type 0 to prefer a = 0:
    # -bias^2 >= -(1 - bias)^2, i.e. bias <= 1/2; type 1 always prefers a = 1 (bias >= 0).  For bias > 1/2
    # both types strictly prefer a = 1, so both send only messages maximising P(a = 1 | m): every message on
    # the path induces the same action distribution and no equilibrium is informative.  Babbling (pooling,
    # a = 0 since mu(1) = 2/5 < 1/2, off-path answered by a = 0) always exists.
    pbes = signaling_pbe(cheap_talk(bias))
    assert any(informative(e) for e in pbes) is expected
    if expected:
        assert any(e.kind == "separating" and e.behavior["Receiver@l"]["0"] == 1
                   and e.behavior["Sender@0"]["l"] == 1 for e in pbes)
    babbling = [e for e in pbes if e.kind == "pooling"]
    assert babbling and all(not informative(e) for e in babbling)
    assert all(e.outcomes.get(("0", sent(e, "0"), "0")) == F(3, 5) for e in babbling)


# ---------------------------------------------------------------------------------------------- errors and budget
def test_symbolic_refused_and_budget():
    import sympy as sp

    c = sp.Symbol("c")
    sg = SignalingGame(("a", "b"), {"a": F(1, 2), "b": F(1, 2)}, ("x", "y"), ("p", "q"), lambda t, m, a: (c, 1))
    with pytest.raises(UnsupportedGameError, match="subs"):
        perfect_bayesian(sg)
    with pytest.raises(BudgetExceededError, match="max_support_profiles"):
        signaling_pbe(spence(), max_support_profiles=1)
    partial = signaling_pbe(spence(), max_support_profiles=60)
    assert not partial.complete and any("max_support_profiles" in n for n in partial.notes)
    with pytest.raises(MethodError):
        perfect_bayesian(spence(), refine="bogus")
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian(spence().to_tree().to_normal_form())


# ---------------------------------------------------------------------------------------------- properties
def _solve(matrix, rhs):
    """Exact Gaussian elimination for a square system; None when singular."""
    n = len(matrix)
    rows = [[*list(r), b] for r, b in zip(matrix, rhs)]
    for c in range(n):
        pivot = next((k for k in range(c, n) if rows[k][c] != 0), None)
        if pivot is None:
            return None
        rows[c], rows[pivot] = rows[pivot], rows[c]
        for k in range(n):
            if k != c and rows[k][c] != 0:
                f = rows[k][c] / rows[c][c]
                rows[k] = [x - f * y for x, y in zip(rows[k], rows[c])]
    return [rows[k][n] / rows[k][k] for k in range(n)]


def supportable(game, m, action):
    """Whether some belief over the senders of m makes `action` a best response (checked at the candidate
    vertices of that polytope: points of the simplex where |senders| - 1 of the constraints mu_t = 0 and
    'action ties with b' are tight)."""
    senders = game.senders(m)
    n = len(senders)
    ur = {(t, a): F(game.payoff(t, m, a)[1]) for t in senders for a in game.actions_after(m)}
    rows = [[F(int(j == k)) for j in range(n)] for k in range(n)]
    rows += [[ur[(t, action)] - ur[(t, b)] for t in senders] for b in game.actions_after(m) if b != action]
    for chosen in itertools.combinations(rows, n - 1):
        mu = _solve([*chosen, [F(1)] * n], [F(0)] * (n - 1) + [F(1)])
        if mu is None or min(mu) < 0:
            continue
        if all(sum(r[j] * mu[j] for j in range(n)) >= 0 for r in rows[n:]):
            return True
    return False


def pure_pbes(game):
    """Every pure assessment's behaviour that is a PBE, by brute force."""
    out = []
    for sends in itertools.product(*(game.messages_of(t) for t in game.types)):
        sigma = dict(zip(game.types, sends))
        for acts in itertools.product(*(game.actions_after(m) for m in game.messages)):
            rho = dict(zip(game.messages, acts))
            ok = all(game.payoff(t, sigma[t], rho[sigma[t]])[0] >= game.payoff(t, m, rho[m])[0]
                     for t in game.types for m in game.messages_of(t))
            for m in game.messages:
                if not ok:
                    break
                senders = [t for t in game.types if sigma[t] == m]
                if senders:
                    value = {a: sum(game.prior[t] * game.payoff(t, m, a)[1] for t in senders)
                             for a in game.actions_after(m)}
                    ok = value[rho[m]] == max(value.values())
                else:
                    ok = supportable(game, m, rho[m])
            if ok:
                out.append((sigma, rho))
    return out


def test_brute_force_oracle_on_beer_quiche():
    # the oracle itself, against the hand derivation above: the pure PBE are pooling on beer with a duel after
    # quiche and pooling on quiche with a duel after beer
    found = {(tuple(sigma.values()), tuple(rho.values())) for sigma, rho in pure_pbes(beer_quiche())}
    assert found == {(("beer", "beer"), ("not", "duel")), (("quiche", "quiche"), ("duel", "not"))}


@st.composite
def signaling_games(draw):
    n_types = draw(st.integers(2, 3))
    types = tuple(f"t{k}" for k in range(n_types))
    weights = draw(st.lists(st.integers(1, 4), min_size=n_types, max_size=n_types))
    prior = {t: F(w, sum(weights)) for t, w in zip(types, weights)}
    messages = ("x", "y") if n_types == 3 else tuple("xyz"[: draw(st.integers(2, 3))])
    actions = tuple("abc"[: draw(st.integers(2, 3 if n_types == 2 else 2))])
    value = st.integers(-2, 2)
    payoffs = {(t, m, a): (draw(value), draw(value)) for t in types for m in messages for a in actions}
    return SignalingGame(types, prior, messages, actions, payoffs)


@settings(max_examples=25, deadline=None)
@given(signaling_games())
def test_random_games_against_definitions(game):
    pbes = signaling_pbe(game)
    assert pbes.complete and len(pbes) >= 1
    tree = game.to_tree()
    nf = tree.to_normal_form()
    for e in pbes:
        # a PBE's behaviour is a Nash equilibrium of the strategic form (Kuhn)
        assert is_nash(nf, tree.strategy_profile(e.behavior))
        for m in game.messages:
            key = game.receiver_key(m)
            weights = {t: game.prior[t] * e.behavior[game.sender_key(t)][m] for t in game.senders(m)}
            total = sum(weights.values())
            used = [a for a, p in e.behavior[key].items() if p > 0]
            if total > 0:  # Bayes' rule on the path
                assert key in e.on_path and e.beliefs[key] == {t: w / total for t, w in weights.items()}
                beliefs = [e.beliefs[key]]
            else:
                assert key not in e.on_path and isinstance(e.beliefs[key], BeliefSet)
                beliefs = list(e.beliefs[key].vertices)
                assert beliefs
            for mu in beliefs:  # the response is optimal at every vertex of the belief set
                value = {a: sum(mu[t] * game.payoff(t, m, a)[1] for t in mu) for a in game.actions_after(m)}
                assert all(value[a] == max(value.values()) for a in used)
    # no pure PBE is missed
    found = {tuple(sorted((k, tuple(sorted(v.items()))) for k, v in e.behavior.items())) for e in pbes if e.is_pure}
    for sigma, rho in pure_pbes(game):
        behavior = {game.sender_key(t): {m: int(m == sigma[t]) for m in game.messages_of(t)} for t in game.types}
        behavior.update({game.receiver_key(m): {a: int(a == rho[m]) for a in game.actions_after(m)}
                         for m in game.messages})
        assert tuple(sorted((k, tuple(sorted(v.items()))) for k, v in behavior.items())) in found
