"""Comparative statics of continuous games: regimes (who contributes), derivatives with proved signs, curves.

Expected values are derived by hand in each test from the first-order conditions, with their sources.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
import sympy as sp

from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.solve.continuous import continuous_equilibria
from trigame.statics.continuous import binding_map, level_curves, level_derivatives, level_regimes

a, b, c = sp.symbols("a b c", positive=True)
w1, w2 = sp.symbols("w1 w2", positive=True)


def cournot() -> ContinuousGame:
    names = ["Firm 1", "Firm 2"]
    return ContinuousGame(names, {p: (0, None) for p in names},
                          lambda q: [q[p] * (a - b * sum(q.values())) - c * q[p] for p in names])


def public_good() -> ContinuousGame:
    """u_i = log(w_i - g_i) + log(g_1 + g_2) (Bergstrom, Blume & Varian 1986)."""
    return ContinuousGame(["A", "B"], {"A": (0, w1), "B": (0, w2)},
                          lambda g: [sp.log(w1 - g["A"]) + sp.log(g["A"] + g["B"]),
                                     sp.log(w2 - g["B"]) + sp.log(g["A"] + g["B"])])


@functools.lru_cache(maxsize=1)
def solved_public_good():
    return continuous_equilibria(public_good())


def _region(regimes, pattern):
    found = [r for r in regimes if r.binding == pattern]
    assert len(found) == 1
    return found[0]


def test_public_good_regimes_by_hand() -> None:
    # Both contribute: g_A = w1 - G, g_B = w2 - G, G = (w1 + w2)/3, needing g_A, g_B >= 0: w2 <= 2 w1 and w1 <= 2 w2.
    # A alone: G = g_A = w1/2, and B free-rides iff w2 <= G = w1/2 (B's slope 1/G - 1/w2 <= 0).
    regimes = level_regimes(solved_public_good())
    both = _region(regimes, {"A": "interior", "B": "interior"})
    for point, inside in (({w1: 3, w2: 2}, True), ({w1: 5, w2: 2}, False), ({w1: 1, w2: 3}, False)):
        assert bool(both.condition.subs(point)) is inside
    alone = _region(regimes, {"A": "interior", "B": "lower"})
    assert alone.levels == {"A": w1 / 2, "B": 0}
    assert bool(alone.condition.subs({w1: 5, w2: 2})) and not bool(alone.condition.subs({w1: 3, w2: 2}))


def test_derivatives_by_implicit_function_theorem() -> None:
    # Both contributing: g_A = (2 w1 - w2)/3, so d g_A/d w1 = 2/3 > 0 and d g_B/d w1 = -1/3 < 0 (crowding out);
    # A alone: g_A = w1/2, d g_A/d w1 = 1/2, and B stays at 0.
    rows = {(d.regime, d.player): d for d in level_derivatives(solved_public_good(), "w1")}
    both = "interior: A, B"
    assert rows[(both, "A")].derivative == sp.Rational(2, 3) and rows[(both, "A")].sign.sign == "positive"
    assert rows[(both, "B")].derivative == sp.Rational(-1, 3) and rows[(both, "B")].sign.sign == "negative"
    alone = "interior: A; at lower bound: B"
    assert rows[(alone, "A")].derivative == sp.Rational(1, 2)
    assert rows[(alone, "B")].sign.sign == "zero"


def test_ift_equals_derivative_of_the_closed_form() -> None:
    # Invariant: where the closed form is differentiable, the implicit-function derivative equals its derivative.
    result = continuous_equilibria(cournot())
    for name in ("a", "b", "c"):
        theta = {"a": a, "b": b, "c": c}[name]
        for row in level_derivatives(result, name):
            eq = next(e for e in result if e.regime() == row.regime)
            assert sp.simplify(row.derivative - sp.diff(eq.strategies[row.player], theta)) == 0
    # Cournot q* = (a - c)/(3b): d/db = -(a - c)/(3 b^2), negative where a > c, zero at a = c: proved nonpositive.
    by_b = [r for r in level_derivatives(result, "b") if r.regime == "interior: Firm 1, Firm 2"]
    assert {r.sign.sign for r in by_b} == {"nonpositive"}


def test_level_curves_match_pointwise_solutions() -> None:
    # Invariant: the vectorised closed form equals the equilibrium of each numeric game.
    values = np.array([0.5, 1.0, 2.0, 3.0, 6.0])
    curves = level_curves(solved_public_good(), "w1", values, fixed={"w2": 2})
    for k, value in enumerate(values):
        numeric = public_good().subs({"w1": sp.nsimplify(value), "w2": 2})
        eq = continuous_equilibria(numeric)
        assert len(eq) == 1
        assert curves.levels["A"][k] == pytest.approx(float(eq[0].strategies["A"]))
        assert curves.regime[k] == eq[0].regime() or curves.count[k] > 1
    # w1 = 0.5 <= w2/2: A free-rides; w1 = 6 >= 2 w2: B free-rides.
    assert curves.levels["A"][0] == 0 and curves.levels["B"][-1] == 0


def test_binding_map_by_hand() -> None:
    # B free-rides iff w1 >= 2 w2; A free-rides iff w2 >= 2 w1; both contribute in between.
    grid = binding_map(solved_public_good(), ("w1", [1, 2, 5]), ("w2", [1, 2, 5]))
    labels = [grid.labels[k] for k in grid.index.ravel()]
    assert len(labels) == 9
    assert grid.labels[grid.index[0, 2]] == "interior: A; at lower bound: B"  # w1 = 5, w2 = 1
    assert grid.labels[grid.index[2, 0]] == "interior: B; at lower bound: A"  # w1 = 1, w2 = 5
    assert grid.labels[grid.index[1, 1]] == "interior: A, B"


def test_statics_refuse_bad_input() -> None:
    with pytest.raises(ParameterError):
        level_derivatives(solved_public_good(), "w3")
    with pytest.raises(ParameterError):
        level_curves(solved_public_good(), "w1", ["1", "2"], fixed={"w2": 2})
    with pytest.raises(ParameterError):
        level_curves(solved_public_good(), "w1", [1, 2], fixed={"w2": "2"})
    with pytest.raises(ParameterError):
        level_curves(solved_public_good(), "w1", [1, 2])  # w2 not fixed
    with pytest.raises(ParameterError):
        level_regimes(solved_public_good(), domain={"w1": ("0", 1)})
    with pytest.raises(UnsupportedGameError):
        level_regimes(public_good().subs({"w1": 1, "w2": 1}))
    with pytest.raises(UnsupportedGameError):
        level_regimes("a game")


def test_three_ally_contributor_regimes_in_symbolic_incomes() -> None:
    # Bergstrom, Blume & Varian (1986) with u_i = ln(Y_i - q_i) + ln Q: contributors C have q_i = Y_i - Q with
    # Q = Y_C/(1 + |C|), and i contributes iff Y_i > Q.  E.g. all three contribute iff each Y_i > (Y1+Y2+Y3)/4, i.e.
    # Y_j + Y_k < 3 Y_i for every i.  The regime holding at each income point must be the one this rule gives.
    incomes = sp.symbols("Y1 Y2 Y3", positive=True)
    names = ["United States", "Japan", "South Korea"]
    w = dict(zip(names, incomes))
    game = ContinuousGame(names, {p: (0, w[p]) for p in names},
                          lambda q: [sp.log(sum(q.values())) + sp.log(w[p] - q[p]) for p in names])
    regimes = level_regimes(game)
    assert len(regimes) == 7  # every nonempty set of contributors occurs for some incomes
    for point in ((20, 5, 2), (6, 5, 4), (3, 2, 1), (1, 1, 9), (2, 7, 3)):
        values = dict(zip(incomes, point))
        order = sorted(range(3), key=lambda k: -point[k])
        contributors = {order[0]}
        total = sp.Rational(point[order[0]], 2)
        for k in order[1:]:
            if point[k] > total:
                contributors.add(k)
                total = sp.Rational(sum(point[j] for j in contributors), 1 + len(contributors))
        expected = {names[k] for k in contributors}
        holding = [r for r in regimes if bool(r.condition.subs(values))]
        assert len(holding) == 1
        assert {p for p, b in holding[0].binding.items() if b == "interior"} == expected


def test_irrational_levels_get_signs_from_the_declarations() -> None:
    # u = a x - x^3 on [0, oo), a > 0: FOC a = 3 x^2, x* = sqrt(a/3), and dx*/da = 1/(2 sqrt(3 a)) > 0.
    a_ = sp.Symbol("a", positive=True)
    game = ContinuousGame(["A"], {"A": (0, None)}, lambda x: [a_ * x["A"] - x["A"] ** 3])
    (row,) = level_derivatives(game, "a")
    assert sp.simplify(row.derivative - 1 / (2 * sp.sqrt(3 * a_))) == 0
    assert row.sign.sign == "positive"
