"""Perfect Bayesian equilibria say whether their numbers are exact, like the other equilibrium results.

``Equilibrium.exact`` and ``BayesianEquilibrium.exact`` are True when the probabilities are exact
rationals; ``PerfectBayesianEquilibrium.exact`` means the same for its behaviour and its beliefs (points
on the path, every vertex of a belief set off it).
"""

from fractions import Fraction as F

import pytest

from trigame.errors import ParameterError
from trigame.solve.perfect_bayesian import perfect_bayesian

from ._signalling_games import beer_quiche


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


def test_exact_is_derived_and_a_stated_one_must_agree() -> None:
    # exact follows from the probabilities: a caller may still state it (compatibility), but not contradict it
    (e, *_) = perfect_bayesian(beer_quiche(F(9, 10)))
    assert type(e)(e.game, e.behavior, e.beliefs, kind=e.kind, exact=True).exact is True
    with pytest.raises(ParameterError, match="exact=False disagrees"):
        type(e)(e.game, e.behavior, e.beliefs, kind=e.kind, exact=False)
    (f, *_) = perfect_bayesian(beer_quiche(0.9))
    with pytest.raises(ParameterError, match="exact=True disagrees"):
        type(f)(f.game, f.behavior, f.beliefs, kind=f.kind, exact=True)
