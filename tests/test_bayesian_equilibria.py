"""bayesian_equilibria: hand-derived Bayesian Nash equilibria, cross-checks with the strategic form, brute force
and pygambit, symmetric equilibria, symbolic games and refusals."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from tests._peers import gambit_from_arrays, gambit_profile
from trigame.errors import UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.solve.bayesian import bayesian_equilibria


def entry_payoffs(types, actions):
    """Out: (2, 0); In and Yield: (0, 1); In and Fight: (1, -1) if tough, (-1, -1) if weak."""
    if actions[1] == "Out":
        return (2, 0)
    if actions[0] == "Yield":
        return (0, 1)
    return (1, -1) if types[0] == "tough" else (-1, -1)


def entry(p_tough=F(1, 3)):
    return BayesianGame(["Incumbent", "Entrant"], {"Incumbent": ["tough", "weak"], "Entrant": ["-"]},
                        {"Incumbent": {"tough": p_tough, "weak": 1 - p_tough}},
                        {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}, entry_payoffs)


def pure_behavior(eq):
    return {p: {t: next(a for a, q in d.items() if q != 0) for t, d in own.items()} for p, own in eq.behavior.items()}


def test_entry_game_by_hand():
    # Hand derivation (one-sided private information; cf. Gibbons 1992, sec. 3.1). x = P(tough fights),
    # y = P(weak fights). Entering pays the entrant (1 - 2x)/3 + 2(1 - 2y)/3. If the entrant enters with positive
    # probability, Fight is strictly best for the tough type (1 > 0) and Yield for the weak (0 > -1), so x = 1,
    # y = 0 and entering pays -1/3 + 2/3 = 1/3 > 0: the BNE (Fight if tough, Yield if weak; In), ex-ante payoffs
    # (1/3 * 1 + 2/3 * 0, 1/3) = (1/3, 1/3). If the entrant stays out, the incumbent is indifferent, and Out is
    # optimal when 2x + 4y >= 3: a continuum (degenerate), whose pure points are (x, y) = (1, 1) and (0, 1).
    eqs = bayesian_equilibria(entry())
    assert eqs.complete and eqs.degenerate
    pures = [pure_behavior(e) for e in eqs if e.is_pure]
    expected = [{"Incumbent": {"tough": "Fight", "weak": "Yield"}, "Entrant": {"-": "In"}},
                {"Incumbent": {"tough": "Fight", "weak": "Fight"}, "Entrant": {"-": "Out"}},
                {"Incumbent": {"tough": "Yield", "weak": "Fight"}, "Entrant": {"-": "Out"}}]
    assert sorted(map(repr, pures)) == sorted(map(repr, expected))
    separating = next(e for e in eqs if e.is_pure and pure_behavior(e)["Entrant"]["-"] == "In")
    assert separating.payoffs == (F(1, 3), F(1, 3))
    assert dict(separating.interim["Incumbent"]) == {"tough": 1, "weak": 0}
    for e in eqs:  # every listed point of the continuum satisfies 2x + 4y >= 3 when the entrant stays out
        if e.behavior["Entrant"]["-"]["Out"] == 1:
            assert 2 * e.behavior["Incumbent"]["tough"]["Fight"] + 4 * e.behavior["Incumbent"]["weak"]["Fight"] >= 3
    assert "tough" in separating.label() and separating.to_json()["payoffs"] == {"Incumbent": "1/3", "Entrant": "1/3"}


def bos(x):
    """Battle of the Sexes with private information (Gibbons 1992, sec. 3.2.A), with two types t in {0, x}."""
    def u(types, actions):
        tc, tp = (F(x) if t == "x" else 0 for t in types)
        if actions == ("Opera", "Opera"):
            return (2 + tc, 1)
        if actions == ("Fight", "Fight"):
            return (1, 2 + tp)
        return (0, 0)
    half = {"0": F(1, 2), "x": F(1, 2)}
    return BayesianGame(["Chris", "Pat"], {"Chris": ["0", "x"], "Pat": ["0", "x"]}, {"Chris": half, "Pat": half},
                        {"Chris": ["Opera", "Fight"], "Pat": ["Opera", "Fight"]}, u)


def test_battle_of_the_sexes_with_private_bonus_by_hand():
    """Gibbons (1992, sec. 3.2.A) with a two-point type space; his continuous types belong to the continuous-games
    issue.

    Hand derivation for x = 1. Let a = P(Pat plays Fight), b = P(Chris plays Opera). Chris of type t prefers Opera
    iff (2 + t)(1 - a) > a, i.e. a < (2 + t)/(3 + t): 2/3 for t = 0, 3/4 for t = 1; Pat of type t prefers Fight iff
    b < (2 + t)/(3 + t). Going through the cases of a (below 2/3, 2/3, between, 3/4, above) and b likewise:
    * a < 2/3: Chris plays Opera, b = 1, Pat plays Opera, a = 0: (Opera, Opera) for every type;
    * a > 3/4: symmetric, (Fight, Fight) for every type;
    * a = 3/4 needs Pat mixing at b = 3/4 or b = 2/3, but then b = P(Chris Opera) <= 1/2 (only type x may play
      Opera): impossible; a strictly between 2/3 and 3/4 needs b in {2/3, 3/4} too: same contradiction;
    * a = 2/3: Chris 0 mixes (Opera with r), Chris x plays Opera, so b = 1/2 + r/2; a = 2/3 needs Pat 0 to mix
      at b = 2/3 with Pat x playing Fight: a = 1/2 + s/2 = 2/3, s = 1/3; b = 2/3 gives r = 1/3.
    So three BNE, the cutoff one: each high type plays its favourite, each low type plays its favourite with 2/3.
    Interim payoffs there: Chris 0 is indifferent, Opera pays 2 (1 - a) = 2/3 and Fight pays a = 2/3; Chris x
    plays Opera, which pays 3 (1 - a) = 1.
    """
    eqs = bayesian_equilibria(bos(1))
    assert eqs.complete and not eqs.degenerate and len(eqs) == 3
    pures = sorted(repr(pure_behavior(e)) for e in eqs if e.is_pure)
    opera = {"Chris": {"0": "Opera", "x": "Opera"}, "Pat": {"0": "Opera", "x": "Opera"}}
    fight = {"Chris": {"0": "Fight", "x": "Fight"}, "Pat": {"0": "Fight", "x": "Fight"}}
    assert pures == sorted([repr(opera), repr(fight)])
    cutoff = next(e for e in eqs if not e.is_pure)
    assert dict(cutoff.behavior["Chris"]["0"]) == {"Opera": F(1, 3), "Fight": F(2, 3)}
    assert dict(cutoff.behavior["Chris"]["x"]) == {"Opera": 1, "Fight": 0}
    assert dict(cutoff.behavior["Pat"]["0"]) == {"Opera": F(2, 3), "Fight": F(1, 3)}
    assert dict(cutoff.behavior["Pat"]["x"]) == {"Opera": 0, "Fight": 1}
    assert dict(cutoff.interim["Chris"]) == {"0": F(2, 3), "x": 1}
    # The game is symmetric only up to relabelling actions (Chris likes Opera, Pat Fight), so symmetric=True refuses.
    with pytest.raises(UnsupportedGameError, match="symmetric"):
        bayesian_equilibria(bos(1), symmetric=True)


# ------------------------------------------------------------------------------------------- cross-checks
def mixed_profile(bg, nf, eq):
    """The mixed profile of the strategic form that plays ``eq``'s behaviour (Kuhn 1953): the product over types,
    read off the strategy labels ("a|b" plays a at the first type of positive probability, b at the second)."""
    profile = []
    for p, labels in zip(bg.players, nf.strategies):
        types = bg.positive_types(p)
        vector = []
        for label in labels:
            actions = label.split("|") if len(types) > 1 else [label]
            vector.append(math.prod((eq.behavior[p][t][a] for t, a in zip(types, actions)), start=F(1)))
        profile.append(vector)
    return profile


def brute_force_pure(bg):
    """Every type-contingent pure profile with no profitable ex-ante deviation (the definition of a pure BNE)."""
    players = bg.players
    plans = [list(itertools.product(*(bg.actions(p, t) for t in bg.types[p]))) for p in players]

    def value(i, profile):
        return sum(prob * bg.payoff(t, tuple(profile[j][bg.types[pl].index(t[j])] for j, pl in enumerate(players)))[i]
                   for t, prob in bg.prior.items() if prob != 0)
    found = []
    for profile in itertools.product(*plans):
        if all(value(i, profile) >= value(i, (*profile[:i], dev, *profile[i + 1:]))
               for i in range(len(players)) for dev in plans[i]):
            found.append({p: dict(zip(bg.types[p], s)) for p, s in zip(players, profile)})
    return found


@pytest.mark.parametrize("bg", [entry(), bos(1), bos(F(1, 2))], ids=["entry", "bos1", "bos-half"])
def test_every_bne_is_nash_in_the_strategic_form_and_every_pure_ne_is_a_bne(bg):
    eqs = bayesian_equilibria(bg)
    nf = bg.to_normal_form()
    for e in eqs:
        assert tg.is_nash(nf, mixed_profile(bg, nf, e))
    pure_bne = [repr(pure_behavior(e)) for e in eqs if e.is_pure]
    for ne in tg.equilibria(nf, method="pure"):
        behavior = {}
        for p, labels, vector in zip(bg.players, nf.strategies, ne.strategies):
            label = labels[int(np.flatnonzero([q != 0 for q in vector])[0])]
            types = bg.positive_types(p)
            behavior[p] = dict(zip(types, label.split("|") if len(types) > 1 else [label]))
        assert repr(behavior) in pure_bne


def random_game(draw_payoffs, n_types_2, prior_weights):
    types = {"A": ["a1", "a2"], "B": ["b1", "b2"][:n_types_2]}
    profiles = list(itertools.product(types["A"], types["B"]))
    total = sum(prior_weights[: len(profiles)])
    prior = {t: F(w, total) for t, w in zip(profiles, prior_weights)}
    actions = {"A": ["U", "D"], "B": ["L", "R"]}
    payoffs = {}
    k = 0
    for t in profiles:
        for a in itertools.product(actions["A"], actions["B"]):
            payoffs[(t, a)] = (draw_payoffs[k], draw_payoffs[k + 1])
            k += 2
    return BayesianGame(["A", "B"], types, prior, actions, payoffs)


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=32, max_size=32), st.sampled_from([1, 2]),
       st.lists(st.integers(1, 4), min_size=4, max_size=4))
def test_pure_bne_equal_brute_force_on_random_games(payoffs, n_types_2, weights):
    bg = random_game(payoffs, n_types_2, weights)
    eqs = bayesian_equilibria(bg)
    mine = sorted(repr(pure_behavior(e)) for e in eqs if e.is_pure)
    brute = sorted(repr(b) for b in brute_force_pure(bg))
    assert set(mine) <= set(brute)
    if not eqs.degenerate or bg.agent_form().n_players == 2:  # continua of 3+ agents list representatives only
        assert mine == brute
    nf = bg.to_normal_form()
    for e in eqs:
        assert tg.is_nash(nf, mixed_profile(bg, nf, e))


def test_pygambit_agrees_on_the_agent_form():
    gbt = pytest.importorskip("pygambit")
    for bg in (entry(), bos(1), bos(2)):
        agents = bg.agent_form()
        scale = math.lcm(*(F(v).denominator for v in agents.payoffs.flat))
        arrays = [np.array([[int(v * scale) for v in row.flat]]).reshape(agents.shape) for row in agents.payoffs]
        game = gambit_from_arrays(gbt, *arrays)
        theirs = sorted(tuple(tuple(F(q) for q in v) for v in gambit_profile(eq, game))
                        for eq in gbt.nash.enumpure_solve(game).equilibria)
        mine = sorted(tuple(tuple(e.behavior[a.split("@")[0]][a.split("@")[1]].values()) for a in agents.players)
                      for e in bayesian_equilibria(bg) if e.is_pure)
        if bayesian_equilibria(bg).degenerate and agents.n_players > 2:
            assert set(mine) <= set(theirs)
        else:
            assert mine == theirs


def test_symmetric_equilibria_of_a_symmetric_game():
    # Coordination with private bonuses (both players alike): each is paid 1 + [own type is h] for matching, 0
    # otherwise, types l, h with probability 1/2 each, independently. Hand derivation: in a symmetric profile let
    # m = P(other plays x) = (s_l + s_h)/2 with s_t = P(x | t). x pays (1 + b) m, y pays (1 + b)(1 - m), so every
    # type strictly prefers x when m > 1/2 (then s_l = s_h = 1: "all x"), y when m < 1/2 ("all y"), and every type
    # is indifferent when m = 1/2: the whole segment s_l + s_h = 1 is a continuum of symmetric BNE.
    def u(types, actions):
        if actions[0] != actions[1]:
            return (0, 0)
        return (1 + (types[0] == "h"), 1 + (types[1] == "h"))
    half = {"l": F(1, 2), "h": F(1, 2)}
    bg = BayesianGame(["A", "B"], {"A": ["l", "h"], "B": ["l", "h"]}, {"A": half, "B": half},
                      {"A": ["x", "y"], "B": ["x", "y"]}, u)
    eqs = bayesian_equilibria(bg, symmetric=True)
    found = {tuple(e.behavior["A"][t]["x"] for t in ("l", "h")) for e in eqs}
    assert eqs.degenerate and not eqs.complete  # symmetric points inside a continuum may be unlisted
    assert {(0, 0), (1, 1), (1, 0), (0, 1)} <= found  # all x, all y, and the segment's ends
    assert all(point in {(0, 0), (1, 1)} or sum(point) == 1 for point in found)
    assert all(e.behavior["A"] == e.behavior["B"] for e in eqs)


def test_symbolic_agent_form_in_closed_form():
    # The entry game with a symbolic prior p of the tough type: its agent form is 2x2x2 (closed form).
    p = sp.Symbol("p", positive=True)
    bg = entry(p_tough=p)
    eqs = bayesian_equilibria(bg)
    # The separating BNE (Fight if tough, Yield if weak; In) needs entering to pay: p*(-1) + (1 - p)*1 > 0, p < 1/2.
    sep = [e for e in eqs if e.is_pure and pure_behavior(e) ==
           {"Incumbent": {"tough": "Fight", "weak": "Yield"}, "Entrant": {"-": "In"}}]
    assert sep
    cond = sep[0].condition
    assert bool(cond.subs(p, sp.Rational(1, 3))) and not bool(cond.subs(p, sp.Rational(2, 3)))


def test_symbolic_game_too_large_is_refused_with_advice():
    p = sp.Symbol("p", positive=True)
    with pytest.raises(UnsupportedGameError, match=r"subs"):
        bayesian_equilibria(_symbolic_bos(p))  # four agents: not 2x2 or 2x2x2


def _symbolic_bos(p):
    def u(types, actions):
        if actions == ("Opera", "Opera"):
            return (2 + (p if types[0] == "x" else 0), 1)
        if actions == ("Fight", "Fight"):
            return (1, 2)
        return (0, 0)
    half = {"0": F(1, 2), "x": F(1, 2)}
    return BayesianGame(["Chris", "Pat"], {"Chris": ["0", "x"], "Pat": ["0", "x"]}, {"Chris": half, "Pat": half},
                        {"Chris": ["Opera", "Fight"], "Pat": ["Opera", "Fight"]}, u)


def test_zero_probability_type_is_flagged():
    bg = entry(p_tough=F(0))
    eqs = bayesian_equilibria(bg)
    assert eqs.degenerate and any("probability zero" in n for n in eqs.notes)
    # Only the weak type moves (the tough type has probability 0 and shows its first action, Fight).
    assert all(dict(e.behavior["Incumbent"]["tough"]) == {"Fight": 1, "Yield": 0} for e in eqs)


def test_refusals():
    with pytest.raises(UnsupportedGameError, match="BayesianGame"):
        bayesian_equilibria(tg.NormalFormGame.from_arrays([[1]], [[1]]))
    with pytest.raises(tg.errors.ParameterError, match="tol"):
        bayesian_equilibria(entry(), tol=1)
    with pytest.raises(tg.errors.BudgetExceededError, match="max_profiles"):
        bayesian_equilibria(entry(), max_profiles=3)


def _ally_game() -> Any:
    """The tutorial's ally game (section 7): the United States is resolved with probability p and stands
    firm or backs down while South Korea relies or hedges."""
    import sympy

    p = sympy.Symbol("p", positive=True)

    def crisis(types: Any, actions: Any) -> tuple[int, int]:
        us, rok = actions
        firm = us == "Stand firm"
        rok_payoff = (1 if firm else -2) if rok == "Rely" else 0
        keeps_interest = firm if types[0] == "resolved" else not firm
        return ((1 if rok == "Rely" else 0) + (1 if keeps_interest else 0), rok_payoff)

    game = BayesianGame(["United States", "South Korea"],
                        {"United States": ["resolved", "unresolved"], "South Korea": ["-"]},
                        {"United States": {"resolved": p, "unresolved": 1 - p}},
                        {"United States": ["Stand firm", "Back down"], "South Korea": ["Rely", "Hedge"]}, crisis)
    return game, p


def test_symbolic_continuum_condition_is_exact() -> None:
    # Hand derivation: each US type gains 1 from keeping its interest whatever South Korea does, so the
    # resolved type stands firm and the unresolved backs down at every p.  South Korea then gets
    # p * 1 + (1 - p) * (-2) = 3p - 2 from relying and 0 from hedging: it mixes -- a continuum -- exactly
    # when p = 2/3.  As for tg.equilibria on a symbolic game, degenerate says that some parameter value
    # gives a continuum and the note states exactly which.
    import sympy

    game, p = _ally_game()
    result = bayesian_equilibria(game)
    assert result.degenerate
    assert not any("possible only when" in note for note in result.notes)
    (note,) = [n for n in result.notes if n.startswith("continuum of equilibria exactly when")]
    assert note.endswith(str(sympy.Eq(p, sympy.Rational(2, 3))))
    # invariant: the numeric games agree with the stated condition
    assert bayesian_equilibria(game.subs({p: sympy.Rational(2, 3)})).degenerate
    assert not bayesian_equilibria(game.subs({p: sympy.Rational(1, 2)})).degenerate


def test_interim_prints_as_plain_dicts() -> None:
    game, p = _ally_game()
    (e,) = bayesian_equilibria(game.subs({p: F(3, 4)}))
    assert "mappingproxy" not in repr(e.interim) and "mappingproxy" not in repr(e.behavior)
    # p = 3/4 > 2/3: each type keeps its interest and South Korea relies; each US type gets 1 + 1 = 2,
    # South Korea 3/4 - 2/4 = 1/4
    assert repr(e.interim) == repr({"United States": {"resolved": F(2), "unresolved": F(2)},
                                    "South Korea": {"-": F(1, 4)}})
    assert dict(e.behavior["South Korea"]["-"]) == {"Rely": 1, "Hedge": 0}
