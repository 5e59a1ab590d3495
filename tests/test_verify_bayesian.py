"""The independent Bayesian Nash check (trigame.verify.bayesian) and the pure Bayesian Nash oracle.

Expected answers are derived by hand in the comments; on random games the check must agree with
the definition applied to the type-contingent strategic form (``to_normal_form`` + ``is_nash``).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ProfileError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.testing.incomplete import bayesian_games
from trigame.testing.oracles import pure_bayesian_nash
from trigame.verify import bayesian_regret, is_bayesian_nash, is_nash


def entry(prior_tough=F(1, 3), scale=1) -> BayesianGame:
    """An incumbent, tough or weak, facing an entrant: Out pays (2, 0); after In, Fight pays (1, -1) against the
    tough and (-1, -1) against the weak incumbent, Yield (0, 1)."""
    def payoff(types, actions):
        incumbent, entrant = actions
        if entrant == "Out":
            return (2 * scale, 0)
        fight = {"tough": (1, -1), "weak": (-1, -1)}[types[0]]
        return tuple(scale * v for v in (fight if incumbent == "Fight" else (0, 1)))

    return BayesianGame(["Incumbent", "Entrant"], {"Incumbent": ["tough", "weak"], "Entrant": ["-"]},
                        {"Incumbent": {"tough": prior_tough, "weak": 1 - prior_tough}},
                        {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}, payoff)


def pure(fight_tough: str, fight_weak: str, entrant: str) -> dict:
    return {"Incumbent": {"tough": {fight_tough: 1}, "weak": {fight_weak: 1}}, "Entrant": {"-": {entrant: 1}}}


# By hand: after In, the tough type fights (1 > 0) and the weak one yields (0 > -1); In then earns
# 1/3 (-1) + 2/3 (1) = 1/3 > 0.  After Out the incumbent is indifferent, and Out is optimal when In earns at most
# 0: (Fight, Fight) gives -1 and (Yield, Fight) gives 1/3 - 2/3 = -1/3, while (Fight, Yield) and (Yield, Yield)
# give 1/3 and 1.  The pure Bayesian Nash equilibria are therefore (F, Y; In), (F, F; Out), (Y, F; Out).
EQUILIBRIA = {("Fight", "Yield", "In"), ("Fight", "Fight", "Out"), ("Yield", "Fight", "Out")}


def test_entry_game_by_hand():
    game = entry()
    for profile in itertools.product(("Fight", "Yield"), ("Fight", "Yield"), ("In", "Out")):
        assert is_bayesian_nash(game, pure(*profile)) == (profile in EQUILIBRIA), profile
    found = {(b["Incumbent"]["tough"], b["Incumbent"]["weak"], b["Entrant"]["-"]) for b in pure_bayesian_nash(game)}
    assert found == EQUILIBRIA


def test_regrets_of_planted_profiles():
    game = entry()
    # (Yield, Yield; Out): In would earn 1 > 0, so the entrant gains 1; the incumbent is indifferent after Out.
    assert bayesian_regret(game, pure("Yield", "Yield", "Out")) == {
        "Incumbent": {"tough": 0, "weak": 0}, "Entrant": {"-": 1}}
    # (Yield, Yield; In): the tough type gains 1 by fighting, the weak one nothing; the entrant is content.
    assert bayesian_regret(game, pure("Yield", "Yield", "In")) == {
        "Incumbent": {"tough": 1, "weak": 0}, "Entrant": {"-": 0}}
    # a mixed equilibrium: after Out (for sure) the incumbent may mix freely; with tough fighting and the weak
    # type fighting with probability q, In earns 1/3 (-1) + 2/3 (-q + (1 - q)) = 1/3 - 4q/3 <= 0 iff q >= 1/4.
    mixed = {"Incumbent": {"tough": {"Fight": 1}, "weak": {"Fight": F(1, 4), "Yield": F(3, 4)}},
             "Entrant": {"-": {"Out": 1}}}
    assert is_bayesian_nash(game, mixed)
    mixed["Incumbent"]["weak"] = {"Fight": F(1, 5), "Yield": F(4, 5)}  # planted: q < 1/4
    assert not is_bayesian_nash(game, mixed)
    assert bayesian_regret(game, mixed)["Entrant"]["-"] == F(1, 3) - F(4, 15)


def test_float_games_use_a_tolerance_relative_to_the_payoff_range():
    for scale in (1, 10**6):
        game = entry(prior_tough=0.25, scale=float(scale))
        # weak fights with q: In earns 0.25 (-1) + 0.75 (1 - 2q) <= 0 iff q >= 1/3
        q = 1 / 3
        behavior = {"Incumbent": {"tough": {"Fight": 1.0}, "weak": {"Fight": q, "Yield": 1 - q}},
                    "Entrant": {"-": {"Out": 1.0}}}
        assert is_bayesian_nash(game, behavior)
        behavior["Incumbent"]["weak"] = {"Fight": 0.3, "Yield": 0.7}
        assert not is_bayesian_nash(game, behavior)


def test_zero_probability_types_are_unconstrained():
    game = entry(prior_tough=F(0))  # the weak type for sure: (Yield, In) is the outcome
    assert is_bayesian_nash(game, {"Incumbent": {"weak": {"Yield": 1}}, "Entrant": {"-": {"In": 1}}})
    # planted: the weak type fighting loses 1 (-1 < 0), and then In (-1) is worse than Out (0) by 1
    assert bayesian_regret(game, {"Incumbent": {"weak": {"Fight": 1}}, "Entrant": {"-": {"In": 1}}}) == {
        "Incumbent": {"weak": 1}, "Entrant": {"-": 1}}


def test_bad_input_is_a_clear_error():
    game = entry()
    with pytest.raises(ProfileError, match="'Entrant'"):
        is_bayesian_nash(game, {"Incumbent": {"tough": {"Fight": 1}, "weak": {"Fight": 1}}})
    with pytest.raises(ProfileError, match="no action"):
        is_bayesian_nash(game, pure("Fight", "Duck", "In"))
    with pytest.raises(ProfileError, match="sum to 1"):
        is_bayesian_nash(game, {**pure("Fight", "Fight", "In"), "Entrant": {"-": {"In": F(1, 2)}}})
    with pytest.raises(UnsupportedGameError):
        is_bayesian_nash(object(), {})
    with pytest.raises(BudgetExceededError):
        bayesian_regret(game, pure("Fight", "Fight", "In"), max_work=2)
    with pytest.raises(BudgetExceededError):
        pure_bayesian_nash(game, max_profiles=3)


# ---------------------------------------------------------------------------- against the strategic form
def _strategic_profile(game: BayesianGame, behavior: dict) -> list[list]:
    """The mixed strategy of the type-contingent strategic form that plays ``behavior`` type by type."""
    normal = game.to_normal_form()
    out = []
    for i, player in enumerate(game.players):
        types = game.positive_types(player)
        vector = []
        for label in normal.strategies[i]:
            actions = label.split("|")
            weight = F(1)
            for t, a in zip(types, actions):
                weight *= behavior[player][t].get(a, 0)
            vector.append(weight)
        out.append(vector)
    return out


def _behaviors(game: BayesianGame, draw_weights) -> dict:
    out = {}
    for p in game.players:
        out[p] = {}
        for t in game.positive_types(p):
            actions = game.actions(p, t)
            weights = draw_weights(len(actions))
            out[p][t] = {a: F(w, sum(weights)) for a, w in zip(actions, weights)}
    return out


@settings(max_examples=25, deadline=None)
@given(bayesian_games(n_players=(2, 3), n_types=(1, 2), n_actions=2, zero_probability=True, max_value=3),
       st.data())
def test_the_check_agrees_with_nash_equilibrium_of_the_strategic_form(game, data):
    # A behaviour is a Bayesian Nash equilibrium exactly when the mixed strategy it induces in the ex-ante
    # strategic form is a Nash equilibrium (a player's ex-ante payoff is the prior-weighted sum of her types'
    # interim payoffs, maximised type by type).  Pure profiles (and the oracle), then random mixed ones.
    pure_found = pure_bayesian_nash(game)
    agents = [(p, t) for p in game.players for t in game.positive_types(p)]
    for choice in itertools.product(*(game.actions(p, t) for p, t in agents)):
        behavior: dict = {p: {} for p in game.players}
        for (p, t), a in zip(agents, choice):
            behavior[p][t] = {a: 1}
        verdict = is_bayesian_nash(game, behavior)
        assert verdict == is_nash(game.to_normal_form(), _strategic_profile(game, behavior))
        assert verdict == ({p: {t: next(iter(d)) for t, d in row.items()} for p, row in behavior.items()}
                           in pure_found)
    weights = st.lists(st.integers(0, 2), min_size=2, max_size=2).filter(any)
    behavior = _behaviors(game, lambda n: data.draw(weights))
    assert is_bayesian_nash(game, behavior) == is_nash(game.to_normal_form(), _strategic_profile(game, behavior))
