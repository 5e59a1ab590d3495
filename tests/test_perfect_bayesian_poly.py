"""Perfect Bayesian equilibria of trees whose conditions stay polynomial, and the fast paths of the tree solver.

Expected answers are derived by hand in the comments; the properties compare
with Gambit's ``enumpoly`` on the strategic form of a three-player
simultaneous stage (every information set of such a stage is on the path, so
its perfect Bayesian equilibria are exactly the Nash equilibria of the stage
game), with the brute-force oracle of pure assessments
(:func:`trigame.testing.oracles.pure_perfect_bayesian`), and with the
independent check :func:`trigame.verify.check_assessment`.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests._gauss_jordan import gauss_jordan
from trigame.games.tree import Chance, Decision, GameTree, Terminal, stage
from trigame.solve.perfect_bayesian._tree_linear import _rref, pmul
from trigame.solve.perfect_bayesian._tree_poly import holds_on_box
from trigame.solve.perfect_bayesian.tree import perfect_bayesian_tree
from trigame.testing.oracles import pure_perfect_bayesian
from trigame.verify import check_assessment, is_nash

Payoffs = dict[tuple[str, str, str], tuple[int, int, int]]


def three_player_tree(pay: Payoffs) -> GameTree:
    """Player 1 plays U or D; player 2, not seeing it, plays L or R; player 3 moves only after (U, L)
    or (D, R) and cannot tell which, playing x or y.  (U, R) and (D, L) end the game.  ``pay`` maps
    (a1, a2, a3) -- a3 is "-" where player 3 does not move -- to the three payoffs."""
    def three(a: str, b: str) -> Decision:
        return Decision("3", {c: Terminal(pay[(a, b, c)]) for c in ("x", "y")}, infoset="3")

    def two(a: str) -> Decision:
        inner = {"L": three("U", "L"), "R": Terminal(pay[("U", "R", "-")])} if a == "U" else {
            "L": Terminal(pay[("D", "L", "-")]), "R": three("D", "R")}
        return Decision("2", inner, infoset="2")

    return GameTree(Decision("1", {"U": two("U"), "D": two("D")}), players=("1", "2", "3"))


#: Payoffs (player 1, player 2, player 3) of the example with an irrational equilibrium.
GOLDEN: Payoffs = {("U", "L", "x"): (0, 1, 1), ("U", "L", "y"): (1, 0, 0), ("U", "R", "-"): (1, 0, 0),
                   ("D", "L", "-"): (2, 0, 0), ("D", "R", "x"): (1, 0, 0), ("D", "R", "y"): (0, 1, 2)}


def checked(tree: GameTree, result: Any, tol: float = 1e-9) -> None:
    game = tree.to_normal_form()
    for e in result:
        assert check_assessment(tree, e.behavior, e.beliefs, tol) == [], e
        profile = tree.strategy_profile(e.behavior)
        if any(isinstance(p, float) for dist in e.behavior.values() for p in dist.values()):
            profile = tuple(np.asarray(v, dtype=float) for v in profile)  # an irrational equilibrium, rounded
        assert is_nash(game, profile, tol), e


def test_three_players_mixing_with_beliefs_irrational() -> None:
    # Hand derivation.  Let p = P(U), q = P(L), r = P(x).  Player 3's nodes are reached with probabilities
    # pq (after U, L) and (1 - p)(1 - q) (after D, R).
    # Player 3: x pays 1 after (U, L), y pays 2 after (D, R): indifferent iff pq = 2 (1 - p)(1 - q), and
    # then Bayes' rule gives μ(U, L) = 2/3.
    # Player 2: L pays p r (after U, x), R pays (1 - p)(1 - r) (after D, y): indifferent iff p + r = 1.
    # Player 1: U pays q (1 - r) + (1 - q), D pays 2 q + (1 - q) r: indifferent iff 1 = 2 q + r.
    # So r = 1 - 2q, p = 2q, and 2 q^2 = 2 (1 - 2q)(1 - q), i.e. q^2 - 3q + 1 = 0: q = (3 - sqrt 5) / 2,
    # p = 3 - sqrt 5, r = sqrt 5 - 2, all in (0, 1): the only equilibrium where all three mix.
    # Pure: (U, R) gives player 1 1 and player 2 0, both best replies when player 3 plays y (D: 2q + 0 = 0
    # against R... D with L gives 2 > 1, so player 2 must play R: L pays 0 against y); player 3's set is
    # off the path: y iff 2 μ(D, R) >= 1 - μ(D, R), μ(D, R) >= 1/3.  (D, L, x): player 1 gets 2 (U would
    # give 0 after L, x); player 2 gets 0 from L and 0 from R (after D, x); player 3 off the path: x iff
    # μ(U, L) >= 2/3.  The other pure profiles fail (e.g. (U, L): player 3 on the path at (U, L) plays x,
    # player 1 then prefers D).  Partially mixed profiles: if player 3's set is on the path with one
    # node only, player 3 is pure and the indifferences above cannot hold -- no further equilibria.
    tree = three_player_tree(GOLDEN)
    result = perfect_bayesian_tree(tree)
    assert result.complete and not result.degenerate and len(result) == 3
    pure = {tuple(e.choices().values()) for e in result if e.is_pure}
    assert pure == {("U", "R", "y"), ("D", "L", "x")}
    (mixed,) = [e for e in result if not e.is_pure]
    root5 = math.sqrt(5)
    assert mixed.behavior["1@root"]["U"] == pytest.approx(3 - root5, abs=1e-12)
    assert mixed.behavior["2"]["L"] == pytest.approx((3 - root5) / 2, abs=1e-12)
    assert mixed.behavior["3"]["x"] == pytest.approx(root5 - 2, abs=1e-12)
    assert mixed.beliefs["3"][("U", "L")] == pytest.approx(2 / 3, abs=1e-12)
    assert any("irrational" in note for note in result.notes)
    by_pure = {e.choices()["3"]: e for e in result if e.is_pure}
    assert {v[("D", "R")] for v in by_pure["y"].beliefs["3"].vertices} == {F(1, 3), 1}
    assert {v[("U", "L")] for v in by_pure["x"].beliefs["3"].vertices} == {F(2, 3), 1}
    checked(tree, result)


def test_polynomial_system_linear_after_the_sums_are_eliminated() -> None:
    # As above with player 3 getting 1 after (D, R, y) instead of 2: indifference pq = (1 - p)(1 - q),
    # which is p + q = 1 once P(D) = 1 - p and P(R) = 1 - q are substituted.  With r = 1 - 2q, p = 2q
    # (the other two indifferences, unchanged): 2q + q = 1, q = 1/3, p = 2/3, r = 1/3, exactly.
    pay = dict(GOLDEN)
    pay[("D", "R", "y")] = (0, 1, 1)
    tree = three_player_tree(pay)
    result = perfect_bayesian_tree(tree)
    assert result.complete
    (mixed,) = [e for e in result if not e.is_pure]
    assert (mixed.behavior["1@root"]["U"], mixed.behavior["2"]["L"], mixed.behavior["3"]["x"]) == (
        F(2, 3), F(1, 3), F(1, 3))
    assert mixed.beliefs["3"] == {("U", "L"): F(1, 2), ("D", "R"): F(1, 2)}
    checked(tree, result)


def test_curved_continuum_is_flagged() -> None:
    # Players 1 and 2 get 0 everywhere, so every behaviour of theirs is optimal; player 3 as in GOLDEN.
    # Player 3 mixes iff pq = 2 (1 - p)(1 - q): a curve, so the equilibria with every player mixing form
    # a two-dimensional continuum (the curve times r in [0, 1]) that no finite list of points
    # describes.  The result must say so: degenerate, not complete, a note; whatever is listed passes
    # the check.
    pay = {key: (0, 0, value[2]) for key, value in GOLDEN.items()}
    tree = three_player_tree(pay)
    result = perfect_bayesian_tree(tree)
    assert result.degenerate and not result.complete
    assert any("cut out by polynomials" in note for note in result.notes)
    checked(tree, result)


def golden_trees(draw: Any) -> GameTree:
    pay = st.integers(-2, 2)
    return three_player_tree({key: (draw(pay), draw(pay), draw(pay)) for key in GOLDEN})


@settings(max_examples=15, deadline=None)
@given(st.composite(golden_trees)())
def test_pure_pbe_equal_oracle_and_every_pbe_checked(tree: GameTree) -> None:
    result = perfect_bayesian_tree(tree)
    oracle = {frozenset(a.behavior.items()) for a in pure_perfect_bayesian(tree)}
    found = {frozenset(e.choices().items()) for e in result if e.is_pure}
    assert found == oracle
    checked(tree, result)


@st.composite
def stage_games(draw: Any) -> tuple[GameTree, list[Any]]:
    """A 2x2x2 simultaneous stage of three players; each player's eight payoffs are distinct (a
    permutation of 0..7), so no comparison of two pure profiles ties."""
    orders = [draw(st.permutations(range(8))) for _ in range(3)]
    cells = {}
    arrays: list[Any] = [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]] for _ in range(3)]
    for cell, (a, b, c) in enumerate(itertools.product(range(2), repeat=3)):
        pay = tuple(order[cell] for order in orders)
        for i in range(3):
            arrays[i][a][b][c] = pay[i]
        cells[(f"a{a}", f"b{b}", f"c{c}")] = Terminal(pay)
    tree = GameTree(stage(["1", "2", "3"], [["a0", "a1"], ["b0", "b1"], ["c0", "c1"]], cells, key="s"),
                    players=("1", "2", "3"))
    return tree, arrays


@settings(max_examples=12, deadline=None)
@given(stage_games())
def test_stage_equilibria_contain_gambit_enumpoly(drawn: tuple[GameTree, list[Any]]) -> None:
    # Every information set of a simultaneous stage at the root is on the path, so the perfect Bayesian
    # equilibria are the Nash equilibria of the 2x2x2 stage game.  Where ours are finitely many, every
    # equilibrium Gambit's enumpoly finds on the strategic form must be among them, and they must equal
    # those of the N-player solver on the strategic form.  (Each of ours also passes the independent
    # check.  enumpoly can miss some: with A = [[[0, 1], [4, 3]], [[5, 6], [2, 7]]], B = [[[0, 1], [2, 3]],
    # [[5, 6], [4, 7]]], C = [[[0, 1], [2, 3]], [[4, 5], [7, 6]]] it misses the irrational fully mixed
    # equilibrium near (0.3190, 0.2658, 0.9684), which the N-player solver and the check confirm; and on
    # a game with a continuum it may not return, so it is only called when ours is finite.)
    gbt = pytest.importorskip("pygambit")
    from trigame.games.normal_form import NormalFormGame
    from trigame.solve.nash.polynomial import solve

    tree, arrays = drawn
    result = perfect_bayesian_tree(tree)
    checked(tree, result)
    if result.degenerate or not result.complete:
        assert result.notes  # a continuum is said, never silent
        return
    keys = ["s:1", "s:2", "s:3"]
    first = ["a0", "b0", "c0"]
    ours = {tuple(round(float(e.behavior[k][a]), 6) for k, a in zip(keys, first)) for e in result}
    game = gbt.Game.from_arrays(*(np.array(a) for a in arrays))
    theirs = {tuple(round(float(eq[p][s]), 6) for p in game.players for s in list(p.strategies)[:1])
              for eq in gbt.nash.enumpoly_solve(game).equilibria}
    assert theirs <= ours
    nash = solve(NormalFormGame(np.array(arrays)))
    if nash.complete and not nash.degenerate:
        assert ours == {tuple(round(float(e.strategies[i][0]), 6) for i in range(3)) for e in nash}


def _textbook_rref(rows: list[list[F]], ncols: int) -> tuple[list[list[F]], list[int]] | None:
    """Gauss-Jordan elimination in Fractions (the reference): pivot rows and columns; None for 0 = nonzero."""
    reduced, pivots = gauss_jordan(rows, ncols)
    if any(row[ncols] != 0 for row in reduced[len(pivots):]):
        return None
    return reduced[:len(pivots)], pivots


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5),
       st.lists(st.lists(st.fractions(-3, 3, max_denominator=4), min_size=6, max_size=6), min_size=1, max_size=5),
       st.sampled_from([0, 1]))
def test_integer_elimination_equals_textbook_fraction_elimination(m: int, n: int, rows: list[list[F]],
                                                                  shift: int) -> None:
    # the tree solver's elimination gives exactly the textbook Fraction Gauss-Jordan's pivot rows, and None
    # exactly when some row reduces to 0 = nonzero
    matrix = [row[:n + 1] for row in rows[:m]]
    if len(matrix) > 1 and m % 2:
        # a dependent row: consistent as it stands, 0 = 1 once its constant is shifted
        matrix.append([2 * v for v in matrix[0][:n]] + [2 * matrix[0][n] + shift])
    assert _rref(matrix, n) == _textbook_rref(matrix, n)


def test_constant_factor_shortcut_and_box_test() -> None:
    a = {frozenset((0,)): F(2), frozenset(): F(-1)}
    assert pmul({frozenset(): F(3)}, a) == {frozenset((0,)): F(6), frozenset(): F(-3)}
    assert pmul(a, {frozenset(): F(1)}) == a
    # 1 - x + x y >= 0 on the unit square (least value 0 at x = 1, y = 0); x y - 1/2 x is not
    assert holds_on_box({frozenset(): F(1), frozenset((0,)): F(-1), frozenset((0, 1)): F(1)})
    assert not holds_on_box({frozenset((0, 1)): F(1), frozenset((0,)): F(-1, 2)})


def test_a_corner_of_a_polynomial_support_where_a_reached_set_becomes_unreached_is_not_listed() -> None:
    # Chance picks t1 or t2 (1/2 each); P1 (knowing it) plays x1 or x2; P2 (seeing only x) plays y1 or y2; P3
    # (seeing only y) plays z1 or z2.  With every set mixing the conditions are polynomial; their solutions
    # with the supports' bounds relaxed include the corner P1 x2 at both types, P2@x1 y1, P3 z2 at both sets,
    # P2@x2 y2, where P2@x1 (reached under that support, its conditions multiplied by its reach) is off the
    # path.  It is no equilibrium: against z2, P2 gets 2 (t1) or -2 (t2) from y1 and 3 or 2 from y2, so no
    # belief makes y1 optimal.  The solver listed it and its own check refused it (SolverError).
    pay = {"t1": {"x1": {"y1": ((-2, 3, 1), (-3, 2, 2)), "y2": ((-2, 1, 0), (-3, 3, 2))},
                  "x2": {"y1": ((-1, -3, -3), (2, -2, 0)), "y2": ((3, 3, -2), (-3, 0, 2))}},
           "t2": {"x1": {"y1": ((1, -3, 1), (-1, -2, 0)), "y2": ((3, 3, -3), (0, 2, -2))},
                  "x2": {"y1": ((-2, -2, -2), (3, -2, -2)), "y2": ((-3, -3, 2), (-1, 2, 1))}}}

    def third(t: str, x: str, y: str) -> Decision:
        return Decision("P3", {z: Terminal(pay[t][x][y][j]) for j, z in enumerate(("z1", "z2"))}, infoset=f"P3@{y}")

    def first(t: str) -> Decision:
        return Decision("P1", {x: Decision("P2", {y: third(t, x, y) for y in ("y1", "y2")}, infoset=f"P2@{x}")
                               for x in ("x1", "x2")}, infoset=f"P1@{t}")

    tree = GameTree(Chance({t: (F(1, 2), first(t)) for t in ("t1", "t2")}), players=("P1", "P2", "P3"))
    result = perfect_bayesian_tree(tree)
    corner = {"P1@t1": "x2", "P1@t2": "x2", "P2@x1": "y1", "P2@x2": "y2", "P3@y1": "z2", "P3@y2": "z2"}
    assert all(e.choices() != corner for e in result if e.is_pure)
    oracle = {frozenset(a.behavior.items()) for a in pure_perfect_bayesian(tree)}
    assert frozenset(corner.items()) not in oracle
    if result.complete:
        assert {frozenset(e.choices().items()) for e in result if e.is_pure} == oracle
    checked(tree, result)
