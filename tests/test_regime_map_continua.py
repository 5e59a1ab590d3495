"""Regime maps at points with a continuum of equilibria: two listings of one continuum compare equal.

At g = 1, k_J = 1/4, q = 1/2, k_L = k_H = pi = r = 0, e = 1 (BayesianLateralPressure; notation of its docstring)
each stage has a continuum.  A type of South Korea pays g = 1 if both cooperate and nothing else (its cost and
the pressure are 0): it cooperates when Japan cooperates with positive probability, and is indifferent when Japan
abstains.  Japan's cooperation pays q*L*g + (1 - q)*H*g - k_J = (L + H)/2 - 1/4 against the types' probabilities
(L, H) of cooperating, abstaining 0.  So a stage's equilibria are Japan and both types cooperating, and Japan
abstaining with (L, H) anywhere in the triangle L + H <= 1/2, corners (0, 0), (1/2, 0), (0, 1/2).  The United
States gains nothing from cooperation (r = 0) and pays e = 1 to press: it does not press.  The symbolic regimes
(agent form) list the triangle's corners; the point solver (strategic form, South Korea choosing one of four
plans) lists the corners of the set of plans, which include "cooperate in both types" with weight 1/4: the
behaviour (1/4, 1/4), on the triangle's edge.  The map once called that an internal inconsistency.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trigame as tg
import trigame.statics._point_checks as _point_checks
from tests._witness import FREE, WITNESS, witness_map
from trigame._labels import set_label
from trigame.errors import TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.statics._continua import normal_form_continua, profile_of, tree_continua

AT = {"prior_low_cost": F(1, 2), "domestic_cost_japan": F(1, 4)}
CORNERS = {(F(0), F(0)), (F(1, 2), F(0)), (F(0), F(1, 2))}


def _profile(pressed: tuple[Any, Any, Any], unpressed: tuple[Any, Any, Any]) -> tuple[tuple[F, ...], ...]:
    """A behaviour profile of the witness tree (the US does not press): (Japan, low type, high type) cooperating."""
    out: list[tuple[F, ...]] = [(F(0), F(1))]
    for stage in (pressed, unpressed):
        out += [(F(p), 1 - F(p)) for p in stage]
    return tuple(out)


def _value(expr: Any) -> F:
    return F(str(expr))


def _behaviour(regime: Any) -> dict[str, tuple[F, ...]]:
    """A regime's behaviour at AT (its probabilities' symbols matched by name)."""
    import sympy

    out = {}
    for key, probs in regime.probabilities.items():
        values = []
        for p in probs.values():
            p = sympy.sympify(p)
            values.append(_value(p.subs({s: AT[s.name] for s in p.free_symbols})))
        out[str(key)] = tuple(values)
    return out


def _is_subgame_perfect(tree: Any, behavior: dict[str, tuple[F, ...]]) -> bool:
    """Nash in every subgame's strategic form (Selten 1965), checked by trigame.verify.is_nash."""
    for path in tree.subgame_roots():
        sub = tree.subgame(path) if path else tree
        local = {info.key: dict(zip(info.actions, behavior[str(info.key)])) for info in sub.information_sets}
        if not tg.verify.is_nash(sub.to_normal_form(), sub.strategy_profile(local)):
            return False
    return True


def test_the_full_maps_degenerate_witness_builds_and_lists_the_triangles_corners() -> None:
    rmap = witness_map()  # raised before
    holding = [r for r in rmap.regimes if r.holds(**AT)]
    pressed = {(b["pressed:South Korea@low cost"][0], b["pressed:South Korea@high cost"][0])
               for b in map(_behaviour, holding) if b["pressed:Japan"][0] == 0}
    assert pressed == CORNERS
    # the point solver lists a point of the triangle's edge too: the labels differ, the sets do not
    spe = tg.subgame_perfect(BayesianLateralPressure(**WITNESS).game())
    assert spe.degenerate
    numeric = {(eq.behavior["pressed:South Korea@low cost"]["Cooperate"],
                eq.behavior["pressed:South Korea@high cost"]["Cooperate"])
               for eq in spe if eq.behavior["pressed:Japan"]["Cooperate"] == 0}
    assert numeric == CORNERS | {(F(1, 4), F(1, 4))}
    entry = next(e for e in rmap if e.witness is not None and e.witness == AT)
    assert entry.continuum and entry.label.endswith("continuum")


@pytest.mark.parametrize("q, k_j", [(F(1, 2), F(1, 2)), (F(1, 3), F(1, 3)), (F(1, 3), F(2, 3))])
def test_labels_on_a_boundary_describe_the_set_as_the_map_does(q: F, k_j: F) -> None:
    # On the boundaries k_J = q and k_J = 1 - q of this slice the map solves each point exactly; the point
    # solver's listing (with the strategic form's extra points) once gave labels that no entry of the map has.
    rmap = witness_map()
    assert any(sympy_zero(b, q, k_j) for b in rmap.boundaries("prior_low_cost", "domestic_cost_japan"))
    label = rmap.labels(prior_low_cost=np.array([q], dtype=object), domestic_cost_japan=np.array([k_j], dtype=object))
    holding = {r.support_label for r in rmap.regimes if r.holds(prior_low_cost=q, domestic_cost_japan=k_j)}
    assert label[0] == set_label(holding, continuum=True)
    assert label[0] in rmap.label_set


def sympy_zero(expr: Any, q: F, k_j: F) -> bool:
    import sympy

    values = {s: sympy.Rational(q.numerator, q.denominator) if s.name == "prior_low_cost"
              else sympy.Rational(k_j.numerator, k_j.denominator) for s in expr.free_symbols}
    return bool(expr.xreplace(values) == 0)



def test_a_continuum_through_an_indifferent_earlier_mover_builds() -> None:
    # g = 3/2, k_J = 1, q = 1/2, k_L = k_H = 3/2, pi = 0, r = 3/2, e = 1 (a witness of the full map).  A type
    # cooperating pays g*J - 3/2 <= 0, zero only if Japan cooperates for sure; Japan cooperating pays
    # (3/2)(L + H)/2 - 1.  So a stage's equilibria are everyone abstaining, and Japan cooperating with (L, H)
    # in the triangle L + H >= 4/3, corners (1, 1), (1, 1/3), (1/3, 1).  The United States presses iff
    # r*P(pressed) - e >= r*P(unpressed), i.e. P(pressed) - P(unpressed) >= 2/3: only with the unpressed
    # stage abstaining and any pressed point of the triangle (indifferent on its edge L + H = 4/3).  The point
    # solver lists Press with the pressed behaviour (2/3, 2/3), the edge's midpoint: a convex combination of
    # the pressed corners with Press, though not of all the listed points around it (Not press with the
    # corner (1, 1) is no equilibrium).  Once an internal inconsistency.
    point = {"cooperation_gain": F(3, 2), "domestic_cost_japan": F(1), "us_gain": F(3, 2),
             "domestic_cost_rok_low": F(3, 2), "domestic_cost_rok_high": F(3, 2), "pressure": F(0),
             "pressing_cost": F(1)}
    rmap = tg.statics.regime_map(BayesianLateralPressure(**point), free=["prior_low_cost"])
    at = {"prior_low_cost": F(1, 2)}
    # the point solver's listing there is compared with the regimes present, exactly, as the map compares at its
    # witnesses (a witness of the map once lay there; which rational point of a set a map takes is its own choice)
    present = [r for r in rmap.regimes if r.holds(**at)]
    _, continuum, same = _point_checks._compare_at(rmap.regimes._problem, at, present)
    assert same and continuum
    press = [r for r in rmap.regimes if r.holds(**at) and _at(r.probabilities["United States@root"]["Press"], at) == 1]
    corners = {(_at(r.probabilities["pressed:South Korea@low cost"]["Cooperate"], at),
                _at(r.probabilities["pressed:South Korea@high cost"]["Cooperate"], at)) for r in press}
    assert corners == {(F(1), F(1)), (F(1), F(1, 3)), (F(1, 3), F(1))}


def test_the_triangle_listed_by_other_points_is_the_same_set() -> None:
    continua = tree_continua(BayesianLateralPressure(**WITNESS).game())
    stages = [(F(0), *c) for c in sorted(CORNERS)] + [(F(1), F(1), F(1))]
    agent = [_profile(a, b) for a in stages for b in stages]
    plans = [*stages, (F(0), F(1, 4), F(1, 4))]
    strategic = [_profile(a, b) for a in plans for b in plans]
    assert continua.same_set(agent, strategic)
    # a corner missing from one list is a genuine difference
    assert not continua.same_set([p for p in agent if p[2][0] != F(1, 2)], strategic)
    # so is a profile that is no equilibrium: at L = H = 1/2 Japan gains 1/4 by cooperating
    outside = _profile((F(0), F(1, 2), F(1, 2)), (F(1), F(1), F(1)))
    assert not continua.same_set([*agent, outside], strategic)


def test_an_isolated_mixed_equilibrium_between_two_pure_ones_still_counts() -> None:
    # Pure coordination: (T, L), (B, R) and the mixed (1/2, 1/2), the midpoint of the two pure ones; the
    # segment between them holds no other equilibrium, so a list without the mixed one is a different set.
    game = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    continua = normal_form_continua(game)
    pure = [((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1)))]
    mixed = ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert not continua.same_set(pure, [*pure, mixed])
    # A column player indifferent everywhere: Top with any column mixture; (T, 1/2) lies on the segment
    game = NormalFormGame.from_arrays([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    continua = normal_form_continua(game)
    ends = [((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(0), F(1)))]
    assert continua.same_set(ends, [*ends, ((F(1), F(0)), (F(1, 2), F(1, 2)))])
    assert not continua.same_set(ends[:1], ends)


def test_a_genuine_disagreement_at_a_continuum_still_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    solve = _point_checks._numeric_equilibria

    def drop_a_pure_one(problem: Any, values: Any, stages: Any = None) -> Any:
        game, found, continuum = solve(problem, values, stages)
        pure = sorted(label for label in found if "mix" not in label)
        return game, {k: v for k, v in found.items() if k != pure[-1]}, continuum

    monkeypatch.setattr(_point_checks, "_numeric_equilibria", drop_a_pure_one)  # where the map's check calls it
    with pytest.raises(TrigameError, match="internal inconsistency"):
        tg.statics.regime_map(BayesianLateralPressure(**WITNESS), free=FREE)


COSTS = st.sampled_from([F(0), F(1, 2), F(1), F(2)])


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=st.sampled_from([F(1), F(2)]), k_low=COSTS, k_high=COSTS, pressure=COSTS,
       r=st.sampled_from([F(0), F(1), F(3)]), e=st.sampled_from([F(1), F(1, 2)]))
def test_maps_of_slices_with_degenerate_points_agree_with_the_point_solver(g: F, k_low: F, k_high: F, pressure: F,
                                                                          r: F, e: F) -> None:
    # Slices in (q, k_J) with the other parameters on small values, zeros included: the cells' witnesses
    # include points with continua (the simplest example drawn is the slice through the witness above).  At
    # each witness, every regime of the map's set is subgame-perfect (checked apart from the map), and every
    # equilibrium the point solver lists lies in their convex hull.
    fixed = {"cooperation_gain": g, "domestic_cost_rok_low": k_low, "domestic_cost_rok_high": k_high,
             "pressure": pressure, "us_gain": r, "pressing_cost": e}
    model = BayesianLateralPressure(**fixed)
    rmap = tg.statics.regime_map(model, free=FREE)
    for entry in rmap:
        if entry.witness is None:
            continue
        tree = BayesianLateralPressure(**fixed, **entry.witness).game()
        continua = tree_continua(tree)
        point = {"prior_low_cost": entry.witness["prior_low_cost"],
                 "domestic_cost_japan": entry.witness["domestic_cost_japan"]}
        listed = []
        for regime in entry.regimes:
            behavior = {str(k): tuple(_at(p, point) for p in probs.values())
                        for k, probs in regime.probabilities.items()}
            assert _is_subgame_perfect(tree, behavior)
            listed.append(profile_of(continua, {k: dict(zip(a, behavior[str(k)]))
                                                for k, a in zip(continua.units, continua.actions)}))
        for eq in tg.subgame_perfect(tree):
            x = profile_of(continua, eq.behavior)
            assert x in listed or _hull_holds(x, listed), (entry.label, x)


def _at(expr: Any, point: dict[str, F]) -> F:
    import sympy

    expr = sympy.sympify(expr)
    return _value(expr.subs({s: point[s.name] for s in expr.free_symbols}))


def _hull_holds(x: Any, points: list[Any]) -> bool:
    """Whether x is a convex combination of points: a linear program in floats (HiGHS), apart from trigame's."""
    from scipy.optimize import linprog

    columns = np.array([[float(p) for probs in y for p in probs] for y in points]).T
    target = np.array([float(p) for probs in x for p in probs])
    equalities = np.vstack([np.ones(len(points)), columns])
    result = linprog(np.zeros(len(points)), A_eq=equalities, b_eq=np.concatenate([[1.0], target]), bounds=(0, None))
    return bool(result.status == 0)
