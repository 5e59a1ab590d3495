"""Shortcuts of the symbolic subgame-perfect regimes, pinned against the plain computations they replace.

* A symbolic tree's equilibria take their payoffs from the backward induction's value of the root (and
  compute outcomes on first use): the payoffs must be exactly what summing over the terminal paths gives.
* The regimes reuse the clauses the pruning read while solving instead of reading each merged condition
  again: the condition must be equivalent (on the domain) to the disjunction of the solver's conditions.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import cache
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.tree.behavior import outcomes_and_payoffs
from trigame.models import BayesianLateralPressure, ChinaReaction, LateralPressure, TargetSelection
from trigame.solve.subgame_perfect import backward_induction
from trigame.statics._problem import _problem

FREE = ("prior_low_cost", "domestic_cost_rok_low", "pressing_cost", "us_gain")


@cache
def _regimes() -> Any:
    return tg.statics.regimes(BayesianLateralPressure(), free=list(FREE))


@pytest.mark.parametrize("model", [ChinaReaction, TargetSelection, LateralPressure])
def test_symbolic_payoffs_are_the_sum_over_the_paths(model: Any) -> None:
    # Invariant: an equilibrium's expected payoffs are the sum over terminal nodes of reach probability times
    # payoff (computed apart by outcomes_and_payoffs), identical as expressions (both expanded and cancelled).
    tree = _problem(model, None, False, None).game
    found = backward_induction(tree)
    assert len(found) > 1
    for spe in found:
        outcomes, payoffs = outcomes_and_payoffs(tree, spe.behavior)
        assert spe.payoffs == payoffs
        assert dict(spe.outcomes) == outcomes


def test_bayesian_regime_payoffs_and_outcomes_at_a_point() -> None:
    # At a point, each regime's payoffs and outcome probabilities evaluated there are the numeric tree's
    # (the point solver's equilibria with the same behaviour: sum over paths in exact arithmetic).
    point = {"prior_low_cost": F(3, 5), "domestic_cost_rok_low": F(1, 3), "pressing_cost": F(1, 7), "us_gain": F(5, 2)}
    names = {s.name: s for s in _regimes().symbols}
    subs = {names[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
    numeric = {tuple((str(k), tuple(v.values())) for k, v in spe.behavior.items()): spe
               for spe in BayesianLateralPressure(**point).equilibria()}
    matched = 0
    for regime in _regimes().at(**point):
        key = tuple((str(k), tuple(F(str(sympy.sympify(p).xreplace(subs))) for p in v.values()))
                    for k, v in regime.probabilities.items())
        spe = numeric[key]
        assert tuple(F(str(sympy.sympify(u).xreplace(subs))) for u in regime.payoffs.values()) == spe.payoffs
        assert {path: F(str(sympy.sympify(p).xreplace(subs))) for path, p in regime.outcomes.items()} == {
            path: p for path, p in spe.outcomes.items()}
        matched += 1
    assert matched == len(numeric)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 96), st.integers(0, 40), st.integers(1, 200), st.integers(1, 300))
def test_regimes_at_a_point_are_the_point_solvers(q: int, k: int, e: int, r: int) -> None:
    # Denominators 97, 13, 89, 83: prime, so the point avoids the boundaries of these conditions (products of
    # small-coefficient polynomials); k/13 also takes k_L past pi = 2 and g = 2, where Seoul's low type turns.
    point = {"prior_low_cost": F(q, 97), "domestic_cost_rok_low": F(k, 13), "pressing_cost": F(e, 89),
             "us_gain": F(r, 83)}
    names = {s.name: s for s in _regimes().symbols}
    subs = {names[n]: sympy.Rational(v.numerator, v.denominator) for n, v in point.items()}
    listed = {tuple(sorted((str(key), tuple(F(str(sympy.sympify(p).xreplace(subs))) for p in probs.values()))
                           for key, probs in regime.probabilities.items()))
              for regime in _regimes().at(**point)}
    expected = {tuple(sorted((str(key), tuple(probs.values())) for key, probs in spe.behavior.items()))
                for spe in BayesianLateralPressure(**point).equilibria()}
    assert listed == expected


def _minus(space: Any, clause: dict[int, frozenset[int]], dnf: list[dict[int, frozenset[int]]]) -> bool:
    """Whether ``clause`` and not ``dnf`` holds somewhere on the domain (decided by the complete procedure)."""
    every = frozenset((-1, 0, 1))
    current = [dict(clause)]
    for other in dnf:
        current = [{**c, k: c.get(k, every) - signs} for c in current for k, signs in other.items()
                   if c.get(k, every) - signs]
        current = [c for c in current if space.feasible(c, prove=False) is not False]
    return any(space.feasible(c, prove=True) for c in current)


def test_regime_conditions_are_the_solvers() -> None:
    # Each regime's condition (from the clauses the pruning read) is equivalent on the domain to the solver's
    # condition for that behaviour read afresh (space.dnf): neither holds anywhere the other does not.
    rs = _regimes()
    space = rs._problem.space
    found: dict[Any, list[Any]] = {}
    for spe in backward_induction(rs._problem.game):  # no pruning: every piece, read whole
        found.setdefault(tuple((str(k), tuple(v.values())) for k, v in spe.behavior.items()), []).append(
            spe.condition)
    for regime in rs:
        key = tuple((str(k), tuple(v.values())) for k, v in regime.probabilities.items())
        fresh = [c for condition in found[key] for c in space.dnf(condition)]
        assert not any(_minus(space, c, fresh) for c in regime._clauses)
        assert not any(_minus(space, c, regime._clauses) for c in fresh)


@cache
def _map() -> Any:
    return tg.statics.regime_map(_regimes())


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 96), st.integers(0, 40), st.integers(1, 200), st.integers(1, 300))
def test_map_labels_are_the_point_solvers(q: int, k: int, e: int, r: int) -> None:
    # The map's set at a point off the boundaries (denominators as above) holds exactly the point solver's
    # equilibria: its members' probabilities evaluated there are the behaviours the exact solver finds.
    point = {"prior_low_cost": F(q, 97), "domestic_cost_rok_low": F(k, 13), "pressing_cost": F(e, 89),
             "us_gain": F(r, 83)}
    rmap = _map()
    assert all(entry.certain for entry in rmap)
    label = rmap.labels(**point).item()
    (entry,) = [entry for entry in rmap if entry.label == label]
    names = {s.name: s for s in _regimes().symbols}
    subs = {names[n]: sympy.Rational(v.numerator, v.denominator) for n, v in point.items()}
    listed = {tuple(sorted((str(key), tuple(F(str(sympy.sympify(p).xreplace(subs))) for p in probs.values()))
                           for key, probs in regime.probabilities.items()))
              for regime in entry.regimes}
    expected = {tuple(sorted((str(key), tuple(probs.values())) for key, probs in spe.behavior.items()))
                for spe in BayesianLateralPressure(**point).equilibria()}
    assert listed == expected
