"""The vectorised route of sweeps of perfect-information trees, pinned against the point-by-point route.

Every sweep here is run twice: as the sweep runs it (backward induction
vectorised over the grid) and with the route replaced by the scalar
subgame-perfect solver at every point (the route used before).  The two must
agree exactly -- labels and their order of appearance, outcome labels,
counts, continuum flags, probabilities, payoffs, outcome probabilities and the
incompleteness note -- on grids chosen to put points on the boundaries where
movers are indifferent (ties, continua, and ties that make the listed set
incomplete).
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import math
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import ParameterError
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import ChinaReaction, LateralPressure, TargetSelection
from trigame.models.base import REAL, Model, parameter
from trigame.statics import sweep
from trigame.statics.sweep._points import _solve_points

_run = importlib.import_module("trigame.statics.sweep._run")


@contextlib.contextmanager
def point_by_point() -> Iterator[None]:
    """Solve trees with the scalar solver at every grid point (the route before the vectorised one)."""
    original = _run._solve_tree
    _run._solve_tree = _solve_points
    try:
        yield
    finally:
        _run._solve_tree = original


def assert_same(model: Any, grid: dict[str, Any], fixed: dict[str, Any] | None = None, **options: Any) -> Any:
    fast = sweep(model, grid, fixed, **options)
    with point_by_point():
        plain = sweep(model, grid, fixed, **options)
    assert fast.label_set == plain.label_set
    assert np.array_equal(fast.label_codes, plain.label_codes)
    assert fast.outcome_label_set == plain.outcome_label_set
    assert np.array_equal(fast.outcome_label_codes, plain.outcome_label_codes)
    assert np.array_equal(fast.count, plain.count)
    assert np.array_equal(fast.degenerate, plain.degenerate)
    assert np.array_equal(fast.probabilities, plain.probabilities, equal_nan=True)
    assert np.array_equal(fast.payoffs, plain.payoffs, equal_nan=True)
    assert np.array_equal(np.signbit(fast.payoffs), np.signbit(plain.payoffs))  # 0.0, not -0.0, as the scalar
    for outcome, probability in plain.outcomes().items():
        assert np.array_equal(fast.outcomes()[outcome], probability, equal_nan=True)
    assert fast.notes[1:] == plain.notes[1:]
    return fast


def vectorised(result: Any) -> bool:
    return result.notes[0].startswith("solved by backward induction vectorised")


# ---------------------------------------------------------------------------- the shipped models
# Values on the boundaries: TargetSelection's allies are indifferent where a join cost equals the stay-out
# cost (s_J = 2, s_K = 1), North Korea where its two targets are worth the same (equal gains) or an attack is
# worth 0 (G = B = 2 or G = M = 5); ChinaReaction's China is indifferent after joint cooperation where
# backing_value = backing_cost, and Japan and South Korea where a gain equals a cost.
# Values within the scalar solver's float tolerance of a boundary (1e-9 times the largest payoff, at least 1)
# count as tied; values just outside it do not.
NEAR = st.sampled_from([1 + 1e-12, 2 - 3e-10, 2 + 4e-9, 3 + 2e-10, 5 - 1e-8])
BOUNDARY = st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0]) | NEAR | st.floats(0, 6, allow_subnormal=False)
AXIS = st.lists(BOUNDARY, min_size=1, max_size=4, unique=True)
COST = st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]) | st.floats(0.01, 6, allow_subnormal=False), min_size=1,
                max_size=4, unique=True)  # backing_cost > 0


@settings(max_examples=25, deadline=None)
@given(japan=AXIS, rok=AXIS, gain=st.sampled_from([2, 3, 4.5, 5]))
def test_target_selection_equals_point_by_point(japan: list[float], rok: list[float], gain: float) -> None:
    result = assert_same(TargetSelection, {"join_cost_japan": japan, "join_cost_rok": rok},
                         {"gain_attack_japan": gain})
    assert vectorised(result)


@settings(max_examples=25, deadline=None)
@given(value=AXIS, cost=COST, gain=st.sampled_from([0, 1, 2.5]))
def test_china_reaction_equals_point_by_point(value: list[float], cost: list[float], gain: float) -> None:
    result = assert_same(ChinaReaction, {"backing_value": value, "backing_cost": cost}, {"deterrence_gain": gain})
    assert vectorised(result)


def test_hand_derived_target_selection_regimes() -> None:
    # Defaults: s_J = 2, s_K = 1, G_J = G_K = 3, B = 2, M = 5.  Japan joins iff j_J < 2, South Korea iff j_K < 1.
    # j_J = 0.5, j_K = 3: Japan reliable, South Korea not; attacking Japan is a bilateral war (3 - 2 = 1 > 0),
    # attacking South Korea brings Japan in (3 - 5 < 0): North Korea attacks Japan (Quackenbush's result).
    # j_J = 0.5, j_K = 0.5: both reliable, every attack is worth 3 - 5 < 0: no attack.
    # j_J = 3, j_K = 3: neither reliable, both attacks worth 1: North Korea is indifferent between them.
    r = sweep(TargetSelection, {"join_cost_japan": [0.5, 3.0], "join_cost_rok": [0.5, 3.0]})
    assert vectorised(r)
    assert r.outcome_labels[0, 1] == "Attack Japan > Stay out"
    assert r.outcome_labels[0, 0] == "No attack"
    assert r.outcome_labels[1, 1] == "Attack Japan > Stay out | Attack South Korea > Stay out"
    assert r.degenerate.tolist() == [[False, False], [False, True]]
    assert r.payoffs[0, 1, 0].tolist() == [1.0, -4.0, -1.0]  # (G_J - B, -L_J, -s_K)


def test_zero_losses_give_the_scalar_route_zero_payoffs() -> None:
    # war losses of 0.0: the attacked ally's payoff -L is -0.0 in the tree; the scalar route adds up expected
    # payoffs from 0, so it reports 0.0, and so must the vectorised one.
    result = assert_same(TargetSelection, {"join_cost_japan": [0.5, 3.0], "join_cost_rok": [0.5, 3.0]},
                         {"war_loss_japan": 0.0, "war_loss_rok": 0.0})
    japan = result.payoffs[0, 1, 0, 1]  # North Korea attacks Japan (j_J = 0.5 < 2, j_K = 3 > 1): -L_J
    assert japan == 0 and not np.signbit(japan)


def test_chunks_and_executor_agree() -> None:
    grid = {"backing_value": np.linspace(0, 4, 17), "backing_cost": np.linspace(0.5, 4, 8)}
    whole = sweep(ChinaReaction, grid)
    with ThreadPoolExecutor(2) as pool:
        for parts in (sweep(ChinaReaction, grid, chunk_size=7), sweep(ChinaReaction, grid, None, pool, chunk_size=5)):
            assert whole.label_set == parts.label_set and np.array_equal(whole.label_codes, parts.label_codes)
            assert np.array_equal(whole.payoffs, parts.payoffs, equal_nan=True)


@pytest.mark.parametrize("options", [{"selection": "first"}, {"selection": "payoff_dominant"},
                                     {"keep_payoffs": False}])
def test_selection_rules_and_payoffs_not_kept(options: dict[str, Any]) -> None:
    grid = {"join_cost_japan": [0.5, 2.0, 3.0], "join_cost_rok": [0.5, 1.0, 3.0]}  # ties at 2.0 and 1.0
    assert_same(TargetSelection, grid, {"gain_attack_rok": 2.5}, **options)


# ---------------------------------------------------------------------------- random trees
@dataclass(frozen=True, kw_only=True)
class RandomTree(Model):
    """A perfect-information tree given as an option: payoffs a + b x + c y with small integer coefficients."""

    players = ("P1", "P2", "P3")
    x: float = parameter(default=0, domain=REAL, description="first swept value")
    y: float = parameter(default=0, domain=REAL, description="second swept value")
    shape: tuple = ()  # ("T", ((a, b, c), ...)) or ("D", mover, (child, ...))

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        def build(node: Any) -> Any:
            if node[0] == "T":
                return Terminal(tuple(a + b * v.x + c * v.y for a, b, c in node[1]))
            return Decision(RandomTree.players[node[1]], {f"a{k}": build(child) for k, child in enumerate(node[2])})

        return GameTree(build(v.shape), players=RandomTree.players)


COEFFICIENT = st.integers(-2, 2)
TERMINAL = st.tuples(st.just("T"), st.tuples(*[st.tuples(COEFFICIENT, COEFFICIENT, COEFFICIENT)] * 3))
TREES = st.recursive(TERMINAL, lambda children: st.tuples(st.just("D"), st.integers(0, 2),
                                                          st.lists(children, min_size=2, max_size=3).map(tuple)),
                     max_leaves=9).filter(lambda t: t[0] == "D")
SMALL_AXIS = st.lists(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.0]) | NEAR | st.floats(-2, 2, allow_subnormal=False),
                      min_size=1, max_size=4, unique=True)


@settings(max_examples=40, deadline=None)
@given(shape=TREES, x=SMALL_AXIS, y=SMALL_AXIS)
def test_random_trees_equal_point_by_point(shape: Any, x: list[float], y: list[float]) -> None:
    result = assert_same(RandomTree(shape=shape), {"x": x, "y": y})
    assert vectorised(result)


def test_near_ties_within_the_tolerance() -> None:
    # A chooses between x, 1 and 0 (B's payoffs 0, 1, 0): within tol * range / 2 = 5e-10 of 1 (A's payoff range
    # is about 1, A moves once) A is indifferent -- two equilibria and a continuum -- and outside it A's choice
    # is strict.  (Without the third action A's range would be |x - 1| itself, and only x = 1 a tie.)  At
    # 1 -+ 7e-10 the choice is strict: read within tol times the largest payoff (1e-9) it was a tie.
    shape = ("D", 0, (("T", ((0, 1, 0), (0, 0, 0), (0, 0, 0))), ("T", ((1, 0, 0), (1, 0, 0), (0, 0, 0))),
                      ("T", ((0, 0, 0), (0, 0, 0), (0, 0, 0)))))
    x = [1 - 2e-9, 1 - 7e-10, 1 - 2e-10, 1.0, 1 + 2e-10, 1 + 7e-10, 1 + 2e-9]
    result = assert_same(RandomTree(shape=shape), {"x": x})
    assert result.count.tolist() == [1, 1, 2, 2, 2, 1, 1]
    assert result.degenerate.tolist() == [False, False, True, True, True, False, False]


def test_tie_that_makes_the_set_incomplete() -> None:
    # P1 takes Out (worth 1 to P1) or In, where P2 is indifferent (x = 0) between paying P1 0 and 2: at P2's
    # mixture 1/2, P1 may mix too, an equilibrium the pure listing misses (the solver's own example).
    shape = ("D", 0, (("T", ((1, 0, 0), (0, 0, 0), (0, 0, 0))),
                      ("D", 1, (("T", ((0, 0, 0), (0, 0, 0), (0, 0, 0))),
                                ("T", ((2, 0, 0), (0, 1, 0), (0, 0, 0)))))))
    result = assert_same(RandomTree(shape=shape), {"x": [-1.0, 0.0, 1.0]})
    assert result.degenerate.tolist() == [False, True, False]
    assert any("could not guarantee" in note for note in result.notes)


# ---------------------------------------------------------------------------- where the route does not apply
@dataclass(frozen=True, kw_only=True)
class Branching(Model):
    """Payoffs that branch on a parameter (an ``if``): solved point by point."""

    players = ("A", "B")
    x: float = parameter(default=0, domain=REAL, description="a value")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        bonus = 1 if v.x > 1 else 0
        return GameTree(Decision("A", {"l": Terminal((v.x + bonus, 0)), "r": Terminal((1.5, 1))}), players=("A", "B"))


@dataclass(frozen=True, kw_only=True)
class Rooted(Model):
    """Payoffs through math.sqrt, which reads the float without arithmetic: the check at solved points sees it."""

    players = ("A", "B")
    x: float = parameter(default=1, domain=REAL, description="a value")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        return GameTree(Decision("A", {"l": Terminal((math.sqrt(abs(v.x)), 0)), "r": Terminal((1.0, 1))}),
                        players=("A", "B"))


@pytest.mark.parametrize("model", [Branching, Rooted])
def test_models_the_lanes_cannot_follow_are_solved_point_by_point(model: Any) -> None:
    result = assert_same(model, {"x": [0.25, 1.0, 2.0, 4.0]})
    assert not vectorised(result)
    assert result.notes[0].startswith("solved point by point")


def test_integer_grids_are_solved_point_by_point() -> None:
    exact = assert_same(ChinaReaction, {"backing_value": [1, 2, 3]})  # ints: an exact tree
    assert not vectorised(exact)


def test_string_in_the_grid_is_refused() -> None:
    with pytest.raises(ParameterError):
        sweep(TargetSelection, {"join_cost_japan": ["__import__('os')"]})


# ---------------------------------------------------------------------------- trees with simultaneous stages
# LateralPressure's boundaries (defaults g = 2, k_J = 1, k_K = 3, pi = 4, r = 3, e = 1): an ally is indifferent
# in the pressed stage where k_i = pi or k_i = g + pi, in the unpressed one where k_i = g; the United States
# where r * (P_press - P_not) = e.  Axes drawn from these values (and near them) put points on every boundary:
# degenerate stages, continua and ties at the root.
STAGE_VALUE = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0]) | NEAR | st.floats(
    0, 7, allow_subnormal=False)
STAGE_AXIS = st.lists(STAGE_VALUE, min_size=1, max_size=4, unique=True)
LATERAL = ("cooperation_gain", "domestic_cost_japan", "domestic_cost_rok", "pressure", "us_gain")


@settings(max_examples=30, deadline=None)
@given(names=st.lists(st.sampled_from(LATERAL), min_size=2, max_size=2, unique=True), first=STAGE_AXIS,
       second=STAGE_AXIS, cost=st.sampled_from([0.25, 1.0, 2.0, 2.9]))
def test_lateral_pressure_equals_point_by_point(names: list[str], first: list[float], second: list[float],
                                                cost: float) -> None:
    result = assert_same(LateralPressure, {names[0]: first, names[1]: second}, {"pressing_cost": cost})
    assert vectorised(result)


def test_hand_derived_lateral_pressure_with_a_mixed_stage() -> None:
    # g = 4, k_J = 1, k_K = 3, pi = 4, r = 3 (the Yeonpyeong scenario).  Pressed: pi > k_J, k_K, so Cooperate
    # is dominant for both, (C, C) is the unique stage equilibrium, worth r - e to the United States.
    # Unpressed: a stag hunt (g > k_J, k_K) with (C, C), (A, A) and the mixed equilibrium in which each ally
    # makes the other indifferent: Pr_Japan(C) = k_K / g = 3/4, Pr_ROK(C) = k_J / g = 1/4, joint cooperation
    # 3/16, worth 3 * 3/16 = 9/16 to the United States, 0 to each ally (Abstain pays 0 against anything).
    # The United States presses iff r - e beats the unpressed value: after (C, C) never (r - e < r); after
    # (A, A) iff 3 - e > 0; after the mixed play iff 3 - e > 9/16.  e = 1: presses after (A, A) and after the
    # mixed play; e = 2.5: presses after (A, A) only (0.5 < 9/16).
    r = sweep(LateralPressure, {"pressing_cost": [1.0, 2.5]},
              {"cooperation_gain": 4, "domestic_cost_japan": 1, "domestic_cost_rok": 3, "pressure": 4, "us_gain": 3})
    assert vectorised(r) and "one by one" not in r.notes[0]  # every point vectorised, no tie solved one by one
    assert r.count.tolist() == [3, 3] and not r.degenerate.any()
    units = list(r.units)
    press, japan, rok = (units.index(k) for k in ("United States@root", "unpressed:Japan", "unpressed:South Korea"))
    for point, presses_after_mixing in ((0, True), (1, False)):
        mixed = [j for j in range(3) if 0 < r.probabilities[point, j, japan, 0] < 1]
        assert len(mixed) == 1
        j = mixed[0]
        assert r.probabilities[point, j, japan, 0] == 0.75 and r.probabilities[point, j, rok, 0] == 0.25
        assert r.probabilities[point, j, press, 0] == (1.0 if presses_after_mixing else 0.0)
    j = next(j for j in range(3) if 0 < r.probabilities[1, j, japan, 0] < 1)
    assert r.payoffs[1, j].tolist() == pytest.approx([9 / 16, 0, 0])


@dataclass(frozen=True, kw_only=True)
class RandomStages(Model):
    """A decision of P1 between simultaneous stages: 2x2 (P2, P3) or 2x2x2 (P1, P2, P3), payoffs a + b x + c y."""

    players = ("P1", "P2", "P3")
    x: float = parameter(default=0, domain=REAL, description="first swept value")
    y: float = parameter(default=0, domain=REAL, description="second swept value")
    shape: tuple = ()  # ("T", coefficients) | ("D", mover, (child, ...)) | ("S", movers, (cells...))

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        from trigame.games.tree import stage

        count = iter(range(100))

        def build(node: Any) -> Any:
            if node[0] == "T":
                return Terminal(tuple(a + b * v.x + c * v.y for a, b, c in node[1]))
            if node[0] == "D":
                return Decision(RandomStages.players[node[1]], {f"a{k}": build(c) for k, c in enumerate(node[2])})
            movers = [RandomStages.players[i] for i in node[1]]
            cells = dict(zip(itertools.product(*[("c", "d")] * len(movers)), (build(c) for c in node[2])))
            return stage(movers, [("c", "d")] * len(movers), cells, key=f"s{next(count)}")

        return GameTree(build(v.shape), players=RandomStages.players)


SMALL = st.integers(-1, 1)
CELL = st.tuples(st.just("T"), st.tuples(*[st.tuples(st.integers(-2, 2), SMALL, SMALL)] * 3))
STAGE_2 = st.tuples(st.just("S"), st.sampled_from([(1, 2), (0, 2)]), st.tuples(*[CELL] * 4))
STAGE_3 = st.tuples(st.just("S"), st.just((0, 1, 2)), st.tuples(*[CELL] * 8))
STAGE_TREES = st.tuples(st.just("D"), st.integers(0, 2),
                        st.lists(STAGE_2 | STAGE_3 | CELL, min_size=2, max_size=3).map(tuple)) | STAGE_2


@settings(max_examples=40, deadline=None)
@given(shape=STAGE_TREES, x=SMALL_AXIS, y=SMALL_AXIS)
def test_random_stage_trees_equal_point_by_point(shape: Any, x: list[float], y: list[float]) -> None:
    result = assert_same(RandomStages(shape=shape), {"x": x, "y": y})
    if shape[0] == "S" or any(child[0] == "S" for child in shape[2]):
        assert vectorised(result)


def test_a_tie_behind_a_mixed_stage_is_read_as_the_scalar_solver_reads_it() -> None:
    # P1 takes 10^6 + 1 or a 2x2 stage in which P2 and P3 mix at 3/10 (P3 gets 3 at (d, c) and 7 at (c, d), P2
    # 7 at (c, c) and 3 at (d, d): each is indifferent when the other plays c with probability 3/10) and which
    # pays P1 10^6 + 1 in every cell.  P1 is indifferent (2 equilibria, a continuum) everywhere; the float
    # value behind the stage is a few units in the last place off, a tie only within the slack's rounding
    # floor, which the vectorised route must draw as the scalar solver does.
    c = (1e6 + 1, 0, 0)

    def cell(p2: float, p3: float) -> Any:
        return ("T", (c, (p2, 0, 0), (p3, 0, 0)))

    shape = ("D", 0, (("T", (c, (0, 0, 0), (0, 0, 0))),
                      ("S", (1, 2), (cell(7, 0), cell(0, 7), cell(0, 3), cell(3, 0)))))
    result = assert_same(RandomStages(shape=shape), {"x": [0.0, 1.0], "y": [0.0, 0.5]})
    assert vectorised(result)
    assert result.degenerate.all() and (result.count == 2).all()


FINITE = st.floats(-1e6, 1e6, allow_subnormal=False) | st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 2.9, 1.7, 1e-300,
                                                                        -1e-300, 1e300, 3e-17])


@settings(max_examples=200, deadline=None)
@given(u=st.lists(FINITE, min_size=4, max_size=4))
def test_mixing_probabilities_are_the_exact_quotients_rounded_once(u: list[float]) -> None:
    # a = u0 - u1, b = u3 - u2, m = a + b in exact rationals; the scalar solver reports float(a / m), float(b / m)
    # (Fraction -> float rounds once).  The float path (where TwoSum shows the sums exact) and the integer path
    # must both give exactly these doubles.
    from fractions import Fraction

    from trigame.statics.sweep._stage_route import _exact_ratios, _integer_ratios

    a = Fraction(u[0]) - Fraction(u[1])
    b = Fraction(u[3]) - Fraction(u[2])
    if a + b == 0:
        return
    expected = [float(a / (a + b)), float(b / (a + b))]
    column = np.array(u, dtype=np.float64).reshape(4, 1)
    assert [float(v[0]) for v in _exact_ratios(column)] == expected
    assert [float(v[0]) for v in _integer_ratios(column)] == expected


def test_2x2x2_stage_with_two_players_mixing_is_vectorised() -> None:
    # A 2x2x2 stage below P2's decision; at x = 1.3 its one equilibrium has P1 and P3 mixing (P2 pure), whose
    # probabilities are rational in the payoffs, so the point is vectorised -- with the scalar solver's numbers.
    base = [[2, 0, -1], [1, 2, -1], [2, 1, 1], [0, 2, -2], [-2, 2, 0], [0, 1, -1], [1, 2, 2], [-2, 2, 1]]
    slope = [[1, -1, 1], [0, 1, -1], [-1, 1, 0], [0, 1, 1], [-1, 0, 1], [1, 0, 0], [0, -1, -1], [0, 1, 1]]
    cells = tuple(("T", tuple((base[k][i], slope[k][i], 0) for i in range(3))) for k in range(8))
    shape = ("D", 1, (("S", (0, 1, 2), cells), ("T", ((0, 0, 0), (0, 1, 0), (1, 0, 0)))))
    result = assert_same(RandomStages(shape=shape), {"x": [0.3, 0.7, 1.3, 0.31], "y": [0.0, 0.5]})
    assert vectorised(result) and "one by one" not in result.notes[0]
    assert np.any((result.probabilities > 0) & (result.probabilities < 1))


def test_degenerate_stage_is_solved_one_by_one_and_said_so() -> None:
    # pi = k_J = 1: Japan is indifferent against an abstaining South Korea in the pressed stage (-k_J = -pi), a
    # degenerate stage game; that point is solved by the scalar solver, and the note counts it.
    result = assert_same(LateralPressure, {"pressure": [0.5, 1.0, 1.5]}, {"domestic_cost_japan": 1})
    assert vectorised(result)
    assert "the 1 points with a tie or a degenerate stage game solved one by one" in result.notes[0]


@pytest.mark.parametrize("options", [{"selection": "first"}, {"selection": "payoff_dominant"},
                                     {"keep_payoffs": False}, {"chunk_size": 5}])
def test_stage_trees_with_selection_rules_chunks_and_payoffs_not_kept(options: dict[str, Any]) -> None:
    grid = {"pressure": [0.5, 1.0, 2.5, 4.0], "domestic_cost_rok": [0.5, 2.9, 3.0]}  # 1.0 = k_J: degenerate
    result = assert_same(LateralPressure, grid, {"cooperation_gain": 3.5}, **options)
    assert vectorised(result)
