"""Perfect Bayesian equilibria say whether their numbers are exact, like the other equilibrium results.

``Equilibrium.exact`` and ``BayesianEquilibrium.exact`` are True when the probabilities are exact
rationals; ``PerfectBayesianEquilibrium.exact`` means the same for its behaviour and its beliefs (points
on the path, every vertex of a belief set off it).
"""

from fractions import Fraction as F

from trigame.games.signaling import SignalingGame
from trigame.solve.perfect_bayesian import perfect_bayesian


def beer_quiche(prior_strong):
    # Cho and Kreps (1987): 1 for the breakfast the type prefers, 2 more if not duelled; the receiver
    # gets 1 for duelling a weak or sparing a strong sender.
    def u(t, m, a):
        return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
                1 if (a == "duel") == (t == "weak") else 0)

    return SignalingGame(("strong", "weak"), {"strong": prior_strong, "weak": 1 - prior_strong},
                         ("beer", "quiche"), ("duel", "not"), u)


def test_exact_game_gives_exact_equilibria() -> None:
    pbes = perfect_bayesian(beer_quiche(F(9, 10)))
    assert len(pbes) > 0
    for e in pbes:
        assert e.exact is True
        assert e.to_json()["exact"] is True
        assert e.with_refinements({"intuitive": True}, {}).exact is True


def test_float_game_gives_float_equilibria() -> None:
    pbes = perfect_bayesian(beer_quiche(0.9))
    assert len(pbes) > 0
    assert all(e.exact is False and e.to_json()["exact"] is False for e in pbes)


def test_tree_route_and_refinements_keep_exact() -> None:
    tree = beer_quiche(F(9, 10)).to_tree()
    pbes = perfect_bayesian(tree)
    assert len(pbes) > 0 and all(e.exact is True for e in pbes)
    refined = perfect_bayesian(beer_quiche(F(9, 10)), refine="intuitive")
    assert len(refined) > 0 and all(e.exact is True for e in refined)


def test_exact_can_be_stated() -> None:
    (e, *_) = perfect_bayesian(beer_quiche(F(9, 10)))
    assert type(e)(e.game, e.behavior, e.beliefs, kind=e.kind, exact=False).exact is False
