"""Float trees with chance moves: ties that rounding breaks still count as ties.

A stage solved in strategic form has, in each cell, chance probabilities times payoffs summed; with a prior
that binary floats do not hold (0.4), the sums are rounded (``0.4 * 1.5 == 0.6000000000000001``) and a tie
of the exact numbers is broken.  The solver solves such a stage at the simplest rationals within its slack
(``tol / 4`` times each player's payoff range in the stage), so a float tree whose numbers are decimals has
the equilibria of the exact tree with those decimals.  At a decision node the slack is in the same unit,
the player's payoff range in the tree, over twice the most decision nodes of the player on one play: every
listed equilibrium of a tree of perfect information passes the float check on its strategic form, except for
a player whose range is at rounding level.  That slack has a floor at the rounding level of the payoffs the
solver computes (behind chance moves and mixed stages), so that a tie rounding breaks by a few units in the last
place stays a tie; such a player's regret on the strategic form (which sums in another order) is bounded by
that level rather than by tol times its range, and is checked so.
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


def _play_counts(tree: GameTree) -> tuple[list[int], list[float], int, int, int]:
    """Counted from the nodes: each player's most decision nodes on a play and largest |payoff|, the
    terminal nodes, the most nodes on a play, and the float floor's count ``s`` as the subgame_perfect
    docstring states it (the terminal nodes + 1 + on the worst play 2 per chance move and 2 N + 2 per move
    in a stage solved in strategic form; 0 with neither).  The trees here are of perfect information (every
    decision node alone in its stage) or have stages whose movers have at most N = 4 strategies: 10 per
    decision node of a tree with a non-singleton information set is an upper bound of the latter."""
    deepest = [0] * len(tree.players)
    largest = [0.0] * len(tree.players)
    perfect = all(len(members) == 1 for members in tree._members)
    terminals = longest = most = 0
    stages = False

    def walk(node: Any, depths: tuple[int, ...], length: int, cost: int) -> None:
        nonlocal terminals, longest, most, stages
        if isinstance(node, Terminal):
            terminals += 1
            deepest[:] = [max(a, b) for a, b in zip(deepest, depths)]
            longest, most = max(longest, length), max(most, cost)
            largest[:] = [max(m, abs(float(v))) for m, v in zip(largest, node.payoffs)]
        elif isinstance(node, Decision):
            i = tree.players.index(node.player)
            stages = stages or not perfect
            for child in node.actions.values():
                walk(child, (*depths[:i], depths[i] + 1, *depths[i + 1:]), length + 1, cost + (0 if perfect else 10))
        else:
            stages = True
            for _, child in node.outcomes.values():
                walk(child, depths, length + 1, cost + 2)

    walk(tree.root, (0,) * len(tree.players), 0, 0)
    return [max(1, d) for d in deepest], largest, terminals, longest, terminals + 1 + most if stages else 0


def _floors(tree: GameTree, tol: float = 1e-9) -> tuple[set[int], list[float]]:
    """The players whose range is at rounding level (the documented exception to the float check's promise)
    and the regret each player may have on the strategic form.

    Player i is exempt where tol * range_i / (2 d_i) (range_i of the strategic form, d_i the most decision
    nodes of i on a play) is below the slack's floor f_i = eps * max|u_i| * s.  A non-exempt player's regret
    is at most tol * range_i (the float check).  An exempt player's is at most 2 d_i f_i (at each of its d_i
    decision nodes on a play: ties read within f_i, between values each computed within f_i / 2 of the
    truth) plus the strategic form's own rounding (each cell sums at most one product per terminal node, of
    at most one probability per node on a play: eps * max|u_i| * (terminals + longest play)).
    """
    depths, largest, terminals, longest, s = _play_counts(tree)
    eps = sys.float_info.epsilon
    scales = player_scales(tree.to_normal_form())
    exempt, allowed = set(), []
    for i, (d, m, scale) in enumerate(zip(depths, largest, scales)):
        floor = eps * m * s
        if tol * scale / (2 * d) < floor:
            exempt.add(i)
            allowed.append(2 * d * floor + eps * m * (terminals + longest))
        else:
            allowed.append(tol * scale)
    return exempt, allowed


def _passes_float_check(tree: GameTree, spes: Any, tol: float = 1e-9) -> bool:
    """Every listed equilibrium passes the float check on the strategic form, an exempt player within the
    allowance of :func:`_floors` (checked, not skipped)."""
    game = tree.to_normal_form()
    exempt, allowed = _floors(tree, tol)
    if not exempt:
        return all(tg.is_nash(game, spe.profile(), tol) for spe in spes)
    return all(float(r) <= allowed[i] for spe in spes for i, r in enumerate(tg.regret(game, spe.profile())))


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
    assert _floors(floats.tree)[0] == {0}  # A, whose strategic form's range is rounding: the float check's exception
    # no floor without slack: tol = 0 compares the binary fractions the sums are
    assert len(subgame_perfect(_as_floats(CONSTANT_BEHIND_CHANCE), tol=0)) == 1


def _pennies_after_a_choice(c: Any, q: F) -> GameTree:
    """A takes a0 (pays A ``c``) or a 2x2 stage between B and C that pays A ``c`` in every cell; B and C
    have no pure equilibrium and mix, each playing its first action with probability ``q = n / d``.

    B gets d - n at (r0, c0) and n at (r1, c1), C n at (r1, c0) and d - n at (r0, c1), 0 elsewhere: C is
    indifferent when B plays r0 with probability p, (1 - p) n = p (d - n), so p = n / d; B likewise.
    """
    n, d = q.numerator, q.denominator
    zero = 0 * c

    def cell(b: int, k: int) -> Terminal:
        return Terminal((c, zero + b, zero + k))

    game = stage(["B", "C"], [["r0", "r1"], ["c0", "c1"]], [[cell(d - n, 0), cell(0, d - n)],
                                                              [cell(0, n), cell(n, 0)]], key="s")
    return GameTree(Decision("A", {"a0": Terminal((c, zero, zero)), "a1": game}), players=("A", "B", "C"))


@pytest.mark.parametrize(("c", "q"), [(1.5, F(3, 10)), (0.1, F(1, 10)), (1e6 + 1, F(3, 10)), (3.7, F(1, 3)),
                                      (7.0, F(1, 3)), (123456.789, F(1, 10))])
def test_a_tie_behind_a_mixed_stage_is_a_tie(c: float, q: F) -> None:
    # Exact tree: A gets c whatever it does (the stage's value to A is c times probabilities summing to 1), so
    # A is indifferent: two equilibria, a continuum.  In floats the value behind the mixed stage is a rounded
    # sum of products of the mixing probabilities (1/3 and 1/10 are not binary fractions), a few units in the
    # last place off c; with A's range 0 and no chance move the tie was lost (one equilibrium).
    exact = subgame_perfect(_pennies_after_a_choice(F(c), q))
    floats = subgame_perfect(_pennies_after_a_choice(c, q))
    assert (len(exact), exact.degenerate, exact.complete) == (2, True, True)
    assert (len(floats), floats.degenerate, floats.complete) == (2, True, True)
    assert _same(floats, exact)


def _nested_tens(c: Any, p: Any) -> GameTree:
    """A takes a0 (``c``) or three nested ten-way chance moves of probability ``p`` each, ending at B's 1,000
    nodes, all in one information set (so the chance nodes are in one stage with B's move): A gets ``c``."""
    zero = 0 * c

    def nest(level: int) -> Any:
        if level == 3:
            return Decision("B", {"b0": Terminal((c, zero)), "b1": Terminal((c, zero + 1))}, infoset="B")
        return Chance({f"o{j}": (p, nest(level + 1)) for j in range(10)})

    return GameTree(Decision("A", {"a0": Terminal((c, zero)), "a1": nest(0)}), players=PLAYERS)


def test_a_tie_behind_nested_chance_moves_in_one_stage_is_a_tie() -> None:
    # The stage behind a1 sums 1,000 products of three probabilities 0.1 (one term per play): the float value
    # is 1.87e-8 off 10^6 + 1, more than a floor counting the outcomes summed on a play (30) allowed (6.7e-9).
    exact = subgame_perfect(_nested_tens(F(1000001), F(1, 10)))
    floats = subgame_perfect(_nested_tens(1e6 + 1, 0.1))
    assert (len(exact), exact.degenerate, exact.complete) == (2, True, True)
    assert (len(floats), floats.degenerate, floats.complete) == (2, True, True)
    assert _same(floats, exact)


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
    assert _floors(CONSTANT_NEAR_A_MILLION)[0] == {0}
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
