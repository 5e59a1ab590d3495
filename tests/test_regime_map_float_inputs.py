"""Float inputs of RegimeMap.labels on a boundary get the label the same exact numbers get.

A point the tolerance puts on a boundary is solved apart from the map (the continuum flag can change inside
a cell on a boundary).  Floats were solved as floats, and the point solver lists a continuum by other points
than the map's regimes (the strategic form's plans, not the agent form's corners: see
tests/test_regime_map_continua.py), so a float exactly on a boundary got a label no entry of the map has.
A float exactly on a boundary is read exactly (``Fraction(x)``) and labelled as that exact input is.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests._witness import WITNESS, witness_map
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure

#: WITNESS's slice (tests/_witness.py): the lines k_J = q and k_J = 1 - q are boundaries, with a continuum of
#: the types' behaviour on them.
#: Dyadic points on k_J = q and on k_J = 1 - q: exact in binary floating point.
ON_BOUNDARIES = [(0.5, 0.5), (0.25, 0.25), (0.75, 0.75), (0.25, 0.75), (0.75, 0.25), (0.125, 0.875)]



def _exact(q: Any, k: Any) -> str:
    rmap = witness_map()
    return str(rmap.labels(prior_low_cost=np.array(F(q), dtype=object),
                           domestic_cost_japan=np.array(F(k), dtype=object))[()])


@pytest.mark.parametrize("q, k", ON_BOUNDARIES)
def test_a_float_on_a_boundary_gets_the_exact_inputs_label(q: float, k: float) -> None:
    rmap = witness_map()
    boundaries = rmap.boundaries("prior_low_cost", "domestic_cost_japan")
    assert any(b.subs({s: F(q) if s.name == "prior_low_cost" else F(k) for s in b.free_symbols}) == 0
               for b in boundaries)  # the point lies on a boundary of the map
    label = str(rmap.labels(prior_low_cost=q, domestic_cost_japan=k)[()])
    assert label in rmap.label_set  # was the float solver's listing: a label of no entry
    assert label == _exact(q, k)


def test_floats_in_an_array_on_and_off_the_boundaries() -> None:
    rmap = witness_map()
    q = np.array([p for p, _ in ON_BOUNDARIES] + [0.3, 0.6])
    k = np.array([c for _, c in ON_BOUNDARIES] + [0.1, 0.9])
    labels = rmap.labels(prior_low_cost=q, domestic_cost_japan=k)
    assert labels.tolist() == [_exact(a, b) for a, b in zip(q, k)]
    assert set(labels.tolist()) <= set(rmap.label_set)


def test_a_float_near_a_boundary_is_labelled_by_the_boundarys_cell() -> None:
    # 1/2 + 2**-50 is within tol = 1e-12 of the boundary k_J = q at q = 1/2 but not on it: labelled as the
    # rational point of the boundary next to it, (1/2, 1/2), is (a sweep lists the continuum there by the
    # point solver's own points; figures compare the two as sets: tests/test_label_match.py).
    import sympy

    from trigame.solve.subgame_perfect import subgame_perfect
    from trigame.statics._continua import profile_of, tree_continua

    rmap = witness_map()
    label = str(rmap.labels(prior_low_cost=0.5, domestic_cost_japan=0.5 + 2.0**-50)[()])
    assert label in rmap.label_set
    # Checked apart from the labels' path (sign vectors, the partition's leaves, the exact solve at the
    # rational point): the entry with this label holds at (1/2, 1/2) by its own symbolic condition and not at
    # the float's exact value, and its regimes there describe the exact point solver's equilibria (the same
    # set, up to points of the continuum the two list differently).
    entry = next(e for e in rmap if e.label == label)

    def at(point: dict[str, F]) -> dict[Any, Any]:
        return {s: sympy.Rational(point[s.name].numerator, point[s.name].denominator)
                for s in entry.condition.free_symbols}

    half = {"prior_low_cost": F(1, 2), "domestic_cost_japan": F(1, 2)}
    assert bool(entry.condition.xreplace(at(half)))
    assert not bool(entry.condition.xreplace(at({"prior_low_cost": F(1, 2),
                                                 "domestic_cost_japan": F(0.5 + 2.0**-50)})))
    game = BayesianLateralPressure(**{**WITNESS, **half}).game()
    continua = tree_continua(game)
    listed = [profile_of(continua, eq.behavior) for eq in subgame_perfect(game)]
    symbolic = [profile_of(continua, {unit: {a: p.xreplace(at(half)) if isinstance(p, sympy.Basic) else p
                                             for a, p in probs.items()}
                                      for unit, probs in r.probabilities.items()}) for r in entry.regimes]
    assert continua.same_set(symbolic, listed)


@settings(max_examples=12, deadline=None)
@given(q=st.integers(1, 15), k=st.integers(0, 16))
def test_dyadic_floats_are_labelled_as_the_same_fractions(q: int, k: int) -> None:
    # Sixteenths: many lie on k_J = q or k_J = 1 - q (the boundaries above), the others inside cells.
    rmap = witness_map()
    label = str(rmap.labels(prior_low_cost=q / 16, domestic_cost_japan=k / 16)[()])
    assert label == _exact(F(q, 16), F(k, 16))
    assert label in rmap.label_set
