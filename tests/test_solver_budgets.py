"""Budgets of the solvers: hostile sizes end with a result flagged incomplete or a clear error, never a hang.

Work is counted, never timed: each test bounds the work a solver may do (support
profiles drawn, polynomial terms, pieces of backward induction) by counting it.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy as np
import pytest
import sympy

import trigame as tg
from trigame.errors import BudgetExceededError, ParameterError
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.solve import polynomial
from trigame.solve.subgame_perfect import subgame_perfect


class _CountedItertools:
    """``itertools`` whose ``product`` and ``combinations`` count what they yield and stop past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.drawn = 0

    def _counted(self, iterator: Any) -> Any:
        for item in iterator:
            self.drawn += 1
            if self.drawn > self.limit:
                raise AssertionError(f"drew more than {self.limit} items")
            yield item

    def product(self, *args: Any, **kwargs: Any) -> Any:
        return self._counted(itertools.product(*args, **kwargs))

    def combinations(self, *args: Any, **kwargs: Any) -> Any:
        return self._counted(itertools.combinations(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(itertools, name)


# ------------------------------------------------------------------ polynomial: lazy support profiles
def test_support_profiles_are_lazy_and_in_order_of_total_size(monkeypatch: pytest.MonkeyPatch) -> None:
    # A 10x10x10 game has (2^10 - 1)^3 ~ 1.07e9 support profiles.  The first 1000 are the pure
    # profiles (total size 3), then come the 3 * 10 * 45 * 10 * 10... profiles of total size 4.
    # Drawing 2000 of them must not scan the rest: at most a few thousand supports are formed.
    counter = _CountedItertools(limit=50_000)
    monkeypatch.setattr(polynomial, "itertools", counter)
    first = list(itertools.islice(polynomial.support_profiles([range(10)] * 3), 2000))
    sizes = [sum(map(len, p)) for p in first]
    assert sizes[:1000] == [3] * 1000 and set(sizes[1000:]) == {4}
    assert len(set(first)) == 2000
    assert first[0] == ((0,), (0,), (0,)) and first[999] == ((9,), (9,), (9,))


def test_support_profiles_match_the_brute_force_order() -> None:
    # Invariant: the lazy generator yields exactly the profiles of the product of each player's
    # nonempty subsets (listed by size), sorted stably by total size.
    rng = random.Random(3)
    for _ in range(40):
        alive = [sorted(rng.sample(range(5), rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        subsets = [[c for k in range(1, len(a) + 1) for c in itertools.combinations(a, k)] for a in alive]
        brute = sorted(itertools.product(*subsets), key=lambda p: sum(map(len, p)))
        assert list(polynomial.support_profiles(alive)) == brute


def test_polynomial_budget_on_a_10x10x10_game(monkeypatch: pytest.MonkeyPatch) -> None:
    # The budget of 1000 support profiles is honoured at once: the solver draws at most
    # 1001 profiles (the 1001st triggers the stop) and reports complete=False with a note.
    counter = _CountedItertools(limit=200_000)
    monkeypatch.setattr(polynomial, "itertools", counter)
    drawn = 0
    generator = polynomial.support_profiles

    def counted(alive: Any) -> Any:
        nonlocal drawn
        for profile in generator(alive):
            drawn += 1
            yield profile

    monkeypatch.setattr(polynomial, "support_profiles", counted)
    rng = np.random.default_rng(0)
    game = tg.NormalFormGame.from_arrays(*rng.integers(-5, 6, size=(3, 10, 10, 10)))
    result = tg.equilibria(game, method="polynomial", max_support_profiles=1000)
    assert not result.complete
    assert any("1000 support profiles" in note for note in result.notes)
    assert drawn <= 1001
    for eq in result:  # whatever was found is verified
        assert tg.is_nash(game, eq.strategies)


def test_polynomial_budget_default_and_validation() -> None:
    assert polynomial.DEFAULT_MAX_SUPPORT_PROFILES == 100_000
    game = tg.NormalFormGame.from_arrays([[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
                                         [[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
                                         [[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    for bad in (0, -1, 1.5, True, "10"):
        with pytest.raises(ParameterError, match="max_support_profiles"):
            tg.equilibria(game, method="polynomial", max_support_profiles=bad)
    assert tg.equilibria(game, method="polynomial", max_support_profiles=None).complete


# ------------------------------------------------------------------ closed form: symbolic 2x2x2 games
def _quadratic_game(seed: int) -> tuple[tg.NormalFormGame, Any, Any]:
    """A 2x2x2 game whose payoffs are random small-integer combinations of 1, a, b, a*b, a**2."""
    a, b = sympy.symbols("a b")
    rng = random.Random(seed)
    basis = [a, b, a * b, a**2, sympy.Integer(1)]

    def entry() -> Any:
        return sum(rng.randint(-3, 3) * m for m in basis)

    arrays = [[[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)] for _ in range(3)]
    return tg.NormalFormGame.from_arrays(*arrays), a, b


def test_symbolic_2x2x2_work_budget_ends_with_a_clear_error() -> None:
    # Before the budget this game spent more than 8 minutes in sympy.expand; with a small
    # budget it must stop at once with BudgetExceededError naming the option.
    game, _, _ = _quadratic_game(0)
    with pytest.raises(BudgetExceededError, match="max_work"):
        tg.equilibria(game, method="closed_form", max_work=20_000)
    with pytest.raises(ParameterError, match="max_work"):
        tg.equilibria(game, method="closed_form", max_work=0)


@pytest.mark.slow
def test_symbolic_2x2x2_with_quadratic_payoffs_agrees_with_the_polynomial_solver() -> None:
    # The whole symbolic solution within the default budget.  Peer check: at rational
    # parameter values, the pieces whose conditions hold give the equilibria that the
    # independent polynomial solver finds for the substituted game.
    game, a, b = _quadratic_game(0)
    solved = tg.equilibria(game)
    assert solved.complete
    for values in ({a: sympy.Rational(1, 3), b: sympy.Rational(-2, 7)}, {a: sympy.Rational(5, 2), b: 3}):
        numeric = tg.equilibria(game.subs(values), method="polynomial")
        expected = {tuple(round(float(e.strategies[i][0]), 9) for i in range(3)) for e in numeric}
        found = {tuple(round(float(sympy.N(e.strategies[i][0].subs(values), 30)), 9) for i in range(3))
                 for e in solved if bool(e.condition.subs(values))}
        assert found == expected


def test_symbolic_game_with_non_polynomial_payoffs() -> None:
    # sqrt(a) and 1/a become generators of the polynomial ring.  Hand derivation: player 1
    # gets sqrt(a) for (s1, s1), 1/a for (s2, s2), 0 otherwise; player 2 gets 1 when matching.
    # For a > 0 both pure coordination profiles are strict equilibria and the mixed one has
    # x = P(player 1 plays s1) = 1/2 (player 2 indifferent) and y with y sqrt(a) = (1 - y)/a,
    # i.e. y = 1 / (1 + a sqrt(a)).
    a = sympy.Symbol("a", positive=True)
    game = tg.NormalFormGame.from_arrays([[sympy.sqrt(a), 0], [0, 1 / a]], [[1, 0], [0, 1]])
    solved = tg.equilibria(game)
    at = {a: 4}
    mixed = [e for e in solved if not e.is_pure and bool(e.condition.subs(at))]
    assert len(mixed) == 1
    assert sympy.simplify(mixed[0].strategies[0][0].subs(at) - sympy.Rational(1, 2)) == 0
    assert sympy.simplify(mixed[0].strategies[1][0].subs(at) - sympy.Rational(1, 9)) == 0


# ------------------------------------------------------------------ subgame perfection: tol and size
@pytest.mark.parametrize("tol", [-1, float("nan"), 10, "x", True, float("inf")])
def test_subgame_perfect_rejects_bad_tol(tol: Any) -> None:
    tree = GameTree(Decision("A", {"a": Terminal((1,)), "b": Terminal((0,))}))
    with pytest.raises(ParameterError, match="tol"):
        subgame_perfect(tree, tol=tol)


def _generic_tree(branching: int, depth: int) -> tuple[GameTree, tuple[str, ...], tuple[int, int]]:
    """A perfect-information tree whose unique SPE is known by construction.

    Players P1 and P2 alternate.  The leaf reached by actions (k_1, ..., k_depth) pays
    P1 ``sum of k_j at P1's levels`` and P2 ``sum of k_j at P2's levels`` (scaled by
    place so all leaves differ): each mover's payoff grows strictly with its own action
    index whatever the others do, so every mover takes the last action, uniquely.
    """
    players = ("P1", "P2")

    def build(level: int, own: tuple[int, int]) -> Any:
        if level == depth:
            return Terminal(own)
        mover = level % 2
        children = {}
        for k in range(branching):
            pay = list(own)
            pay[mover] += k * branching ** (depth - level)
            children[f"a{k}"] = build(level + 1, (pay[0], pay[1]))
        return Decision(players[mover], children)

    tree = GameTree(build(0, (0, 0)), players=players)
    path = tuple(f"a{branching - 1}" for _ in range(depth))
    top = [0, 0]
    for level in range(depth):
        top[level % 2] += (branching - 1) * branching ** (depth - level)
    return tree, path, (top[0], top[1])


def test_generic_tree_has_its_unique_spe() -> None:
    tree, path, payoffs = _generic_tree(4, 4)
    spes = subgame_perfect(tree)
    assert len(spes) == 1 and spes.complete and not spes.degenerate
    assert dict(spes[0].outcomes) == {path: 1}
    assert spes[0].payoffs == payoffs


@pytest.mark.slow
def test_generic_tree_with_111111_nodes() -> None:
    # Branching 10, depth 5: 1 + 10 + ... + 10^5 = 111,111 nodes.
    tree, path, payoffs = _generic_tree(10, 5)
    assert len(tree) == 111_111
    spes = subgame_perfect(tree)
    assert len(spes) == 1 and spes.complete
    assert dict(spes[0].outcomes) == {path: 1} and spes[0].payoffs == payoffs


def _tied_tree(branching: int, depth: int) -> GameTree:
    """Every leaf pays (0, 0): every mover is indifferent everywhere (harmless ties)."""

    def build(level: int) -> Any:
        if level == depth:
            return Terminal((0, 0))
        return Decision("P1" if level % 2 == 0 else "P2", {f"a{k}": build(level + 1) for k in range(branching)})

    return GameTree(build(0), players=("P1", "P2"))


def _count_pieces(monkeypatch: pytest.MonkeyPatch, limit: int) -> list[int]:
    """Count the subgame solutions backward induction creates; fail past ``limit``."""
    from trigame.solve.subgame_perfect import _solver as _tree_spe

    created = [0]
    original = _tree_spe._Piece

    def counted(*args: Any, **kwargs: Any) -> Any:
        created[0] += 1
        if created[0] > limit:
            raise AssertionError(f"more than {limit} subgame solutions")
        return original(*args, **kwargs)

    monkeypatch.setattr(_tree_spe, "_Piece", counted)
    return created


def test_ties_below_a_wide_node_are_not_multiplied_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # P1 chooses among 20 subgames; in each, P2 is indifferent between two actions paying
    # (0, 0): 20 * 2^20 pure SPE.  The subgames' solutions all pay the same, so the root is
    # solved once, with work linear in the tree (2 solutions per action, 120 in all), instead
    # of multiplying out up to max_equilibria combinations per subgame.
    created = _count_pieces(monkeypatch, limit=1000)
    tree = GameTree(Decision("P1", {f"c{k}": Decision("P2", {"x": Terminal((0, 0)), "y": Terminal((0, 0))})
                                    for k in range(20)}), players=("P1", "P2"))
    spes = subgame_perfect(tree, max_equilibria=2000)
    assert created[0] <= 200
    assert len(spes) == 2000 and not spes.complete and spes.degenerate
    assert all(spe.payoffs == (0, 0) for spe in spes)
    assert any("max_equilibria=2000" in note for note in spes.notes)
    assert len({repr(sorted(spe.behavior.items())) for spe in spes}) == 2000  # distinct equilibria


@pytest.mark.slow
def test_ties_everywhere_in_a_111111_node_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every leaf pays (0, 0): 11,111 decision nodes with 10 tied actions each.  The backward
    # pass creates two solutions per action (222,220), never a product of the children's.
    created = _count_pieces(monkeypatch, limit=300_000)
    spes = subgame_perfect(_tied_tree(10, 5), max_equilibria=2)
    assert created[0] <= 222_220
    assert len(spes) == 2 and not spes.complete and all(spe.payoffs == (0, 0) for spe in spes)


def test_backward_induction_work_budget() -> None:
    # Two independent tied choices of A whose payoffs differ for B (moving at the root): each
    # subgame has 2 solutions with distinct values, so the root combines 2 * 2 = 4 value pairs.
    # With max_work=2 the combination stops early: some SPE is still found, complete=False.
    from trigame.solve.subgame_perfect import backward_induction

    def tied() -> Decision:
        return Decision("A", {"x": Terminal((0, 1)), "y": Terminal((0, 2))})

    tree = GameTree(Decision("B", {"l": tied(), "r": tied()}), players=("A", "B"))
    # Hand count of the pure SPE: B's values of (l, r) under A's choices (x -> 1, y -> 2):
    # (1, 1) and (2, 2) leave B indifferent (2 SPE each), (1, 2) and (2, 1) one each: 6.
    full = backward_induction(tree)
    assert len(full) == 6
    limited = backward_induction(tree, max_work=2)
    assert not limited.complete and len(limited) >= 1
    assert any("max_work" in note for note in limited.notes)


def test_subgame_perfect_on_a_3000_deep_chain_needs_no_recursion():
    # One player, 3,000 nodes deep: at the node built k-th (k = 0..2999) stopping pays k + 1 and going on leads to the
    # node built before it (whose value is k), or to 0 at the bottom.  Stopping is strictly better everywhere, so the
    # unique SPE stops at every node and pays 3000.  Counting the equilibria used to recurse once per level.
    node: Any = Terminal((0,))
    for k in range(3000):
        node = Decision("P", {"stop": Terminal((k + 1,)), "go": node})
    spes = tg.subgame_perfect(GameTree(node))
    assert len(spes) == 1 and spes.complete
    (spe,) = spes
    assert spe.payoffs == (3000,)
    assert all(choice["stop"] == 1 for choice in spe.behavior.values())
