"""Signalling models' regime conditions are minimised: no disjunct or literal the others make redundant.

The conditions of ``regimes(ChinaInference)`` and ``regimes(Ratification)`` come from the symbolic support
enumeration as disjunctions of clauses.  They are now minimised on the domain (a clause covered by the others
dropped, a literal dropped when the union does not change, each step proved by an empty conjunction); here
the minimised condition is checked to be the same set as the plain one (evaluated exactly on a dense grid of
rational points with the degenerate values, zeros and ties, and at random rational points) and never longer.

By hand (ChinaInference, both types pool on Narrow, China accommodates after both designs): pooling on Narrow
needs Narrow to be no worse than Broad for both types, -m_t >= -z*beta_B, where beta_B is China's backing after
the unsent Broad; accommodating after Broad (beta_B = 0) makes that m_N = m_C = 0.  China accommodates after
Narrow at the prior: q*v <= c.  Accommodating after Broad needs some belief mu with mu*v <= c: mu = 0 always
works.  So the condition is m_C = m_N = 0 and q*v <= c; the plain enumeration wrote it as four disjuncts.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.models.china_inference import ChinaInference
from trigame.models.ratification import Ratification
from trigame.solve.perfect_bayesian.symbolic_signaling import symbolic_signaling_pbe
from trigame.statics import regimes
from trigame.statics._pbe_regimes import _ClauseConditions, _Minimiser
from trigame.statics._problem import _problem


def test_china_inference_pooling_on_narrow_is_one_clause() -> None:
    rs = regimes(ChinaInference)
    regime = rs.find("pooling: Coalition@North Korea: Narrow, Coalition@China: Narrow, China@Narrow: Accommodate, "
                     "China@Broad: Accommodate")
    q, v, c, m_n, m_c = (sympy.Symbol(n) for n in ("prior_china_target", "balancing_value", "backing_cost",
                                                     "design_cost_nk", "design_cost_china"))
    plain = regime.condition.subs({s: sympy.Symbol(s.name) for s in rs.symbols})
    assert plain == sympy.And(sympy.Eq(m_c, 0), sympy.Eq(m_n, 0), v * q <= c)


def _both(model: type) -> tuple[object, list[tuple[list, list]]]:
    problem = _problem(model)
    found = symbolic_signaling_pbe(problem.game, conditions=_ClauseConditions(problem.space))
    minimiser = _Minimiser(problem.space)
    pairs = [(problem.space.simplify(eq.condition), minimiser.minimise(eq.condition)) for eq in found]
    return problem, pairs


@pytest.fixture(scope="module")
def china():
    return _both(ChinaInference)


@pytest.fixture(scope="module")
def ratification():
    return _both(Ratification)


def _check_same_set(problem, pairs, points) -> None:
    space = problem.space
    checked = 0
    for values in points:
        point = tuple(values[s.name] for s in space.symbols)
        if not space.holds({}, point):
            continue  # outside the domain
        checked += 1
        for plain, short in pairs:
            assert space.evaluate(plain, point) == space.evaluate(short, point), (values, plain, short)
    assert checked > 100


def _shorter(pairs) -> None:
    for plain, short in pairs:
        assert len(short) <= len(plain)
        assert sum(map(len, short)) <= sum(map(len, plain))
    assert sum(len(s) for _, s in pairs) < sum(len(p) for p, _ in pairs)  # the minimisation did something


def test_china_inference_minimised_conditions_are_the_same_sets(china) -> None:
    problem, pairs = china
    _shorter(pairs)
    # ties and zeros: v = c, q v = c (q = 1/2, v = 2, c = 1; q = 1/3, v = 3), m = 0, m = z, m_N = m_C
    grid = itertools.product([F(1, 3), F(1, 2), F(2, 3)], [F(1), F(2), F(3)], [F(1), F(2)], [F(1), F(2)],
                             [F(0), F(1), F(2)], [F(0), F(1), F(2)])
    names = ("prior_china_target", "balancing_value", "backing_cost", "backing_loss", "design_cost_nk",
             "design_cost_china")
    _check_same_set(problem, pairs, [dict(zip(names, p)) for p in grid])


def test_ratification_minimised_conditions_are_the_same_sets(ratification) -> None:
    problem, pairs = ratification
    _shorter(pairs)
    names = [s.name for s in problem.space.symbols]
    values = {"prior_low_cost": [F(1, 3), F(1, 2)]}
    grid = itertools.product(*(values.get(n, [F(0), F(1), F(2)]) for n in names))
    _check_same_set(problem, pairs, [dict(zip(names, p)) for p in grid])


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_minimised_conditions_agree_at_random_points(china, ratification, data) -> None:
    small = st.fractions(min_value=0, max_value=4, max_denominator=3)
    for problem, pairs in (china, ratification):
        point = []
        for lo, lo_open, hi, _ in problem.space.bounds:
            x = data.draw(small if hi is None else st.fractions(min_value=F(1, 10), max_value=F(9, 10),
                                                                 max_denominator=10))
            if lo_open and x == lo:
                x += F(1, 7)
            point.append(x)
        point = tuple(point)
        for plain, short in pairs:
            assert problem.space.evaluate(plain, point) == problem.space.evaluate(short, point)
