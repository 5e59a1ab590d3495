"""Float trees with chance moves: ties that rounding breaks still count as ties.

A stage solved in strategic form has, in each cell, chance probabilities times payoffs summed; with a prior
that binary floats do not hold (0.4), the sums are rounded (``0.4 * 1.5 == 0.6000000000000001``) and a tie
of the exact numbers is broken.  The solver solves such a stage at the simplest rationals within its slack
(``tol / 4`` times each player's payoff range in the stage), so a float tree whose numbers are decimals has
the equilibria of the exact tree with those decimals.  At a decision node the slack is in the same unit,
the player's payoff range in the tree, over twice the most decision nodes of the player on one play: every
listed equilibrium of a tree of perfect information passes the float check on its strategic form, except for
a player whose range is at rounding level.  That slack has a floor at the rounding level of the chance sums,
so that a tie rounding breaks by a unit in the last place stays a tie; for such a player the float check on the
strategic form (which sums in another order) is itself decided by rounding.
"""

from __future__ import annotations

import itertools
import math
import sys
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame import statics
from trigame._numbers import simplest_between, simplest_within
from trigame.games.scaling import player_scales
from trigame.games.tree import Chance, Decision, GameTree, Terminal, stage
from trigame.models import BayesianLateralPressure
from trigame.solve.subgame_perfect import subgame_perfect

PLAYERS = ("A", "B")
#: Two-way chance moves with these probabilities of the first outcome (decimals; 1/2 alone is exact in binary).
PRIORS = (F(1, 10), F(1, 5), F(3, 10), F(2, 5), F(3, 5), F(7, 10), F(9, 10))


def _behaviours(spes: Any) -> list[tuple[tuple[float, ...], ...]]:
    """Each equilibrium's behaviour as floats, sorted (the float and exact solvers may list in other orders)."""
    return sorted(tuple(tuple(float(p) for p in dist.values()) for dist in spe.behavior.values()) for spe in spes)


def _same(floats: Any, exact: Any) -> bool:
    a, b = _behaviours(floats), _behaviours(exact)
    return len(a) == len(b) and all(math.isclose(p, q, rel_tol=1e-9, abs_tol=1e-12)
                                    for x, y in zip(a, b) for u, v in zip(x, y) for p, q in zip(u, v))


def test_two_types_with_equal_costs_at_the_prior_two_fifths() -> None:
    # The reproducer.  With k_L = k_H the two South Korean types are one player weighted 2/5 and 3/5; wherever
    # one type is indifferent so is the other.  Exact numbers: five equilibria, a continuum (degenerate), and
    # mixtures pay the United States differently (incomplete).  Floats used to give three and no continuum.
    at = {"domestic_cost_rok_low": 0.5, "domestic_cost_rok_high": 0.5}
    floats = subgame_perfect(BayesianLateralPressure(**at).game())
    exact = subgame_perfect(BayesianLateralPressure(**{k: F(v) for k, v in at.items()}).game())  # type: ignore[arg-type]
    assert len(exact) == 5 and exact.degenerate and not exact.complete
    assert (len(floats), floats.degenerate, floats.complete) == (5, True, False)
    assert _same(floats, exact)
    # tol = 0: no slack, the stage is solved as the binary fractions its rounded sums are (the tie is lost)
    strict = subgame_perfect(BayesianLateralPressure(**at).game(), tol=0)
    assert len(strict) == 3 and not strict.degenerate


def _exempt(tree: GameTree, tol: float = 1e-9) -> set[int]:
    """The players whose range is at rounding level, the documented exception to the float check's promise.

    Counted here from the nodes, as the subgame_perfect docstring states the rule: player i is exempt where
    tol * range_i / (2 d_i) (range_i of the strategic form, d_i the most decision nodes of i on a play) is
    below eps * max|u_i| * s (s the most chance outcomes summed on a play), the slack's floor.  No player is
    exempt in a tree without chance moves.
    """
    deepest: dict[str, int] = {}
    largest = [0.0] * len(tree.players)
    most = 0

    def walk(node: Any, depths: dict[str, int], summed: int) -> None:
        nonlocal most
        if isinstance(node, Terminal):
            for p, d in depths.items():
                deepest[p] = max(deepest.get(p, 0), d)
            most = max(most, summed)
            largest[:] = [max(m, abs(float(v))) for m, v in zip(largest, node.payoffs)]
        elif isinstance(node, Decision):
            for child in node.actions.values():
                walk(child, {**depths, node.player: depths.get(node.player, 0) + 1}, summed)
        else:
            for _, child in node.outcomes.values():
                walk(child, depths, summed + len(node.outcomes))

    walk(tree.root, {}, 0)
    if not most:
        return set()
    scales = player_scales(tree.to_normal_form())
    return {i for i, p in enumerate(tree.players)
            if tol * scales[i] / (2 * max(1, deepest.get(p, 0))) < sys.float_info.epsilon * largest[i] * most}


def _passes_float_check(tree: GameTree, spes: Any, tol: float = 1e-9) -> bool:
    """Every listed equilibrium passes the float check on the strategic form, but for exempt players."""
    game = tree.to_normal_form()
    exempt = _exempt(tree, tol)
    if not exempt:
        return all(tg.is_nash(game, spe.profile(), tol) for spe in spes)
    scales = player_scales(game)
    return all(float(r) <= tol * scales[i] for spe in spes for i, r in enumerate(tg.regret(game, spe.profile()))
               if i not in exempt)


@st.composite
def decimal_trees(draw: Any, max_depth: int = 3) -> GameTree:
    """Small exact trees: chance moves with decimal probabilities, decision nodes, simultaneous stages, and
    Bayesian stages (chance draws B's type; each type of B moves, A moves not knowing the type or B's move).

    Payoffs are halves (exact in binary): the only numbers floats do not hold are the probabilities.
    """
    keys = itertools.count()

    def terminal() -> Terminal:
        return Terminal(tuple(F(draw(st.integers(0, 6)), 2) for _ in PLAYERS))

    def node(depth: int) -> Any:
        kinds = ["terminal"] if depth >= max_depth else ["terminal", "decision", "chance", "stage", "bayes"]
        kind = draw(st.sampled_from(kinds))
        if kind == "terminal":
            return terminal()
        if kind == "decision":
            return Decision(draw(st.sampled_from(PLAYERS)), {f"a{j}": node(depth + 1) for j in range(2)})
        if kind == "chance":
            p = draw(st.sampled_from(PRIORS))
            return Chance({"n0": (p, node(depth + 1)), "n1": (1 - p, node(depth + 1))})
        key = next(keys)
        if kind == "stage":
            cells = [[node(depth + 2) if draw(st.booleans()) else terminal() for _ in range(2)] for _ in range(2)]
            return stage(list(PLAYERS), [["r0", "r1"], ["c0", "c1"]], cells, key=f"s{key}")
        p = draw(st.sampled_from(PRIORS))

        def typed(t: int) -> Decision:
            return Decision("B", {f"b{j}": Decision("A", {"x": terminal(), "y": terminal()}, infoset=f"A{key}")
                                  for j in range(2)}, infoset=f"B{key}:{t}")

        return Chance({"t0": (p, typed(0)), "t1": (1 - p, typed(1))})

    return GameTree(node(0), players=PLAYERS)


def _as_floats(tree: GameTree) -> GameTree:
    def convert(node: Any) -> Any:
        if isinstance(node, Terminal):
            return Terminal(tuple(float(v) for v in node.payoffs))
        if isinstance(node, Decision):
            return Decision(node.player, {a: convert(c) for a, c in node.actions.items()}, infoset=node.infoset)
        return Chance({o: (float(p), convert(c)) for o, (p, c) in node.outcomes.items()})

    return GameTree(convert(tree.root), players=tree.players)


#: A's payoffs are all 3/2 behind chances 1/5 and 4/5: A is indifferent, but the float sum behind the chance
#: move is 1.5000000000000002, one unit in the last place above a0's 1.5.
CONSTANT_BEHIND_CHANCE = GameTree(Decision("A", {"a0": Terminal((F(3, 2), F(0))), "a1": Chance(
    {"n0": (F(1, 5), Terminal((F(3, 2), F(1)))), "n1": (F(4, 5), Terminal((F(3, 2), F(0))))})}), players=PLAYERS)


@settings(max_examples=60, deadline=None)
@example(CONSTANT_BEHIND_CHANCE)
@given(decimal_trees())
def test_float_tree_with_decimal_probabilities_has_the_exact_trees_equilibria(tree: GameTree) -> None:
    exact = subgame_perfect(tree)
    floats = subgame_perfect(_as_floats(tree))
    assert _same(floats, exact)
    assert (floats.degenerate, floats.complete) == (exact.degenerate, exact.complete)
    float_tree = floats.tree
    if math.prod(len(float_tree.pure_strategies(p)) for p in PLAYERS) <= 2000:
        # each listed equilibrium is one of the float tree (within tol), but for a player whose range is at
        # rounding level (A in CONSTANT_BEHIND_CHANCE: its strategic form's "range" is one unit in the last place)
        assert _passes_float_check(float_tree, floats)


def test_a_tie_broken_by_one_unit_in_the_last_place_behind_a_chance_move_is_a_tie() -> None:
    # Exact tree: A is indifferent between a0 and a1 (3/2 either way): two equilibria, a continuum.  The float
    # tree's a1 is worth 1.5000000000000002 to A: read strictly (A's range, that one unit, times tol is far
    # below it) it gave one equilibrium and no continuum.  The slack's floor at rounding level keeps the tie.
    exact = subgame_perfect(CONSTANT_BEHIND_CHANCE)
    floats = subgame_perfect(_as_floats(CONSTANT_BEHIND_CHANCE))
    assert (len(exact), exact.degenerate) == (2, True)
    assert (len(floats), floats.degenerate, floats.complete) == (2, True, True)
    assert _same(floats, exact)
    assert _exempt(floats.tree) == {0}  # A, whose strategic form's range is rounding: the float check's exception
    # no floor without slack: tol = 0 compares the binary fractions the sums are
    assert len(subgame_perfect(_as_floats(CONSTANT_BEHIND_CHANCE), tol=0)) == 1


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([0.0, 1e3, 1e6]), st.floats(0.01, 0.99),
       st.lists(st.floats(0, 1), min_size=16, max_size=16))
def test_generic_floats_read_within_the_tolerance_stay_equilibria_of_the_float_tree(base: float, p: float,
                                                                                  noise: list[float]) -> None:
    # Payoffs base + [0, 1): the payoff range (1) is far below the largest payoff (up to 10^6).  The computed
    # payoffs are read within a quarter of tol times each player's range, so every listed equilibrium passes
    # the float check (regret at most tol times the range); read within tol times the largest payoff, a
    # quarter of such games failed it.
    values = iter(noise)

    def typed(t: int) -> Decision:
        return Decision("B", {f"b{j}": Decision("A", {a: Terminal((base + next(values), base + next(values)))
                                                      for a in ("x", "y")}, infoset="A") for j in range(2)},
                        infoset=f"B:{t}")

    tree = GameTree(Chance({"t0": (p, typed(0)), "t1": (1 - p, typed(1))}), players=PLAYERS)
    game = tree.to_normal_form()
    assert all(tg.is_nash(game, spe.profile()) for spe in subgame_perfect(tree))


def test_a_decision_tie_is_within_the_movers_range_not_its_largest_payoff() -> None:
    # A's payoffs differ by 1e-4, their whole range: y is strictly better (a regret of x of 1e-4, the range,
    # fails the float check).  Read within tol times the largest payoff (1e6) x and y tied: two equilibria.
    tree = GameTree(Decision("A", {"x": Terminal((1e6, 0.0)), "y": Terminal((1e6 + 1e-4, 0.0))}), players=PLAYERS)
    found = subgame_perfect(tree)
    assert [dict(spe.outcomes) for spe in found] == [{("y",): 1.0}]
    assert not found.degenerate
    game = tree.to_normal_form()
    assert all(tg.is_nash(game, spe.profile()) for spe in found)


@st.composite
def near_tie_trees(draw: Any, max_depth: int = 3) -> GameTree:
    """Float trees of perfect information (decision and chance nodes) whose payoffs sit far from 0 (a base up
    to 1e6) with a range near 1, and whose differences can be a few times 1e-10 (near the default tol)."""
    base = draw(st.sampled_from([0.0, 1e3, 1e6]))
    steps = st.sampled_from([0.0, 1e-10, 3e-10, 1e-9, 0.5, 1.0])

    def node(depth: int) -> Any:
        kind = draw(st.sampled_from(["terminal"] if depth >= max_depth else ["terminal", "decision", "decision",
                                                                             "chance"]))
        if kind == "terminal":
            return Terminal(tuple(base + draw(steps) + draw(steps) for _ in PLAYERS))
        if kind == "decision":
            return Decision(draw(st.sampled_from(PLAYERS)), {f"a{j}": node(depth + 1) for j in range(2)})
        p = draw(st.sampled_from([0.5, 0.25, 1e-3]))
        return Chance({"n0": (p, node(depth + 1)), "n1": (1 - p, node(depth + 1))})

    return GameTree(node(0), players=PLAYERS)


#: A's payoffs are all c; A takes x or y, then chance 1/4 to another chance move (1/4, 3/4) and 3/4 to B's move.
#: The solver's sums give A the range 0; the strategic form sums in another order and gets 1.16e-10 (one unit
#: in the last place at 10^6), so the float check charges one of A's choices a "regret" of A's whole range.
_C = 1000001.0000000003
CONSTANT_NEAR_A_MILLION = GameTree(Decision("A", {
    "x": Terminal((_C, 0.0)),
    "y": Chance({"n0": (0.25, Chance({"m0": (0.25, Terminal((_C, 0.0))), "m1": (0.75, Terminal((_C, 1.0)))})),
                 "n1": (0.75, Decision("B", {"b0": Terminal((_C, 0.0)), "b1": Terminal((_C, 1.0))}))})}),
    players=PLAYERS)


@settings(max_examples=80, deadline=None)
@example(CONSTANT_NEAR_A_MILLION)
@given(near_tie_trees())
def test_every_equilibrium_of_a_perfect_information_float_tree_passes_the_float_check(tree: GameTree) -> None:
    # The slack at a decision node is tol * range_i / (2 d_i): a deviation at all of a player's d_i nodes on a
    # play gains at most tol * range_i / 2, and range_i is the range of the strategic form's payoffs.  The
    # exception: a player whose range is at rounding level (A in CONSTANT_NEAR_A_MILLION, where is_nash fails
    # one of the two equilibria), for whom the slack is the floor and the float check is decided by rounding.
    assert _passes_float_check(tree, subgame_perfect(tree))


def test_a_player_with_constant_payoffs_near_a_million_is_indifferent() -> None:
    found = subgame_perfect(CONSTANT_NEAR_A_MILLION)
    # A is indifferent between x and y (both c); B, moving below y, takes b1
    assert sorted(sorted(dict(spe.outcomes).items()) for spe in found) == [
        [(("x",), 1.0)], [(("y", "n0", "m0"), 0.0625), (("y", "n0", "m1"), 0.1875), (("y", "n1", "b1"), 0.75)]]
    assert found.degenerate and found.complete
    assert _exempt(CONSTANT_NEAR_A_MILLION) == {0}
    game = CONSTANT_NEAR_A_MILLION.to_normal_form()
    assert all(float(tg.regret(game, spe.profile())[1]) == 0 for spe in found)  # B's regret: none


@settings(max_examples=60, deadline=None)
@given(st.floats(-1e6, 1e6), st.sampled_from([0.0, 1e-12, 1e-9, 1e-3, 0.25, 1.0]))
def test_simplest_within_is_the_smallest_denominator_in_the_interval(value: float, slack: float) -> None:
    x = simplest_within(value, slack)
    lo, hi = F(value) - F(slack), F(value) + F(slack)
    assert lo <= x <= hi
    # no fraction with a smaller denominator lies in the interval (a denominator d holds one iff
    # ceil(lo * d) <= floor(hi * d)); checked for the denominators below x's, up to 2000 of them
    for d in range(1, min(x.denominator, 2000)):
        assert math.ceil(lo * d) > math.floor(hi * d)


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=-50, max_value=50, max_denominator=10**6),
       st.fractions(min_value=0, max_value=3, max_denominator=10**6))
def test_simplest_between_is_the_stern_brocot_simplest(low: F, width: F) -> None:
    # Textbook recursion (Stern--Brocot): 0 if the interval holds it; mirror negatives; else ceil(lo) if it
    # fits, else floor(lo) + 1 / (the simplest in the reciprocal interval of the fractional parts).
    def textbook(lo: F, hi: F) -> F:
        if lo <= 0 <= hi:
            return F(0)
        if hi < 0:
            return -textbook(-hi, -lo)
        q = math.floor(lo)
        if q == lo or q + 1 <= hi:
            return F(q if q == lo else q + 1)
        return q + 1 / textbook(1 / (hi - q), 1 / (lo - q))

    assert simplest_between(low, low + width) == textbook(low, low + width)


def test_simplest_within_reads_rounded_decimals_back() -> None:
    assert simplest_within(0.4 * 1.5, 1e-9) == F(3, 5)
    assert simplest_within(0.6 * 1.5, 1e-9) == F(9, 10)
    assert simplest_within(-(0.1 + 0.2), 1e-9) == F(-3, 10)
    assert simplest_within(1e-10, 1e-9) == 0
    assert simplest_within(0.1, 0.0) == F(0.1)  # no slack: the binary fraction itself


def test_sweep_on_the_line_g_two_and_a_half_is_the_exact_map() -> None:
    # At the defaults (prior 2/5) on g = 5/2 the types' indifference holds for every k_H; the float solver
    # lost it at all 61 points of the (g, k_H) slice's line.  The exact map of the line (k_H free, g = 5/2):
    line = np.linspace(0, 3, 61)
    model = BayesianLateralPressure(cooperation_gain=F(5, 2))  # type: ignore[arg-type]
    rmap = statics.regime_map(model, free=["domestic_cost_rok_high"])
    swept = statics.sweep(BayesianLateralPressure(), {"cooperation_gain": [2.5], "domestic_cost_rok_high": line},
                          progress=False).labels.ravel()
    # the exact map at each grid point's rational value j/20
    expected = rmap.labels(domestic_cost_rok_high=np.array([F(j, 20) for j in range(61)], dtype=object))
    differ = [j for j in range(61) if str(swept[j]) != str(expected[j])]
    # k_H = 1: a continuum that the point solver lists by other extreme points than the map's regimes (the
    # same set, see trigame.solve.subgame_perfect._agent_stage); everywhere else the labels are equal.  There
    # the float solve is the exact one.
    assert differ == [20]
    assert str(expected[20]).endswith("continuum") and str(swept[20]).endswith("continuum")
    floats = subgame_perfect(BayesianLateralPressure(cooperation_gain=2.5, domestic_cost_rok_high=1.0).game())
    exact = subgame_perfect(BayesianLateralPressure(cooperation_gain=F(5, 2),  # type: ignore[arg-type]
                                                    domestic_cost_rok_high=F(1)).game())  # type: ignore[arg-type]
    assert _same(floats, exact) and floats.degenerate == exact.degenerate


@pytest.mark.parametrize("tol", [-1.0, 1.0, float("nan")])
def test_a_bad_tol_is_refused(tol: float) -> None:
    from trigame.errors import ParameterError

    with pytest.raises(ParameterError, match="tol"):
        subgame_perfect(BayesianLateralPressure().game(), tol=tol)
