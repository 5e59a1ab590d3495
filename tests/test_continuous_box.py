"""Continuous games where a player chooses a point of a box: two kinds of defence spending at once.

Expected values are derived by hand in the comments; the property test checks every equilibrium the
solver returns against a brute-force grid of each player's box (no grid point does better).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import TrigameError, UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.solve.continuous import continuous_equilibria
from trigame.verify._continuous_box import (
    CERT_BOX_CONCAVE,
    CERT_BOX_FACES,
    CERT_BOX_INTERVAL,
    certify_box_best_response,
    is_concave_on_own_box,
)
from trigame.verify.continuous import best_response, is_continuous_nash

UNBOUNDED = {"army": (0, None), "navy": (0, None)}


def defence(alpha, beta, c):
    # Each ally spends on an army and a navy. Armies are partial substitutes (each ally's marginal value
    # of its army falls by half the other's army); A's navy is worth beta; B's navy is worth c but A's navy
    # crowds it out one for one.  Quadratic costs, no budget:
    #   u_A = a_A (alpha - a_A - a_B / 2) + n_A (beta - n_A)
    #   u_B = a_B (alpha - a_B - a_A / 2) + n_B (c - n_B - n_A)
    def payoffs(x):
        a, b = x["A"], x["B"]
        return [a["army"] * (alpha - a["army"] - b["army"] / 2) + a["navy"] * (beta - a["navy"]),
                b["army"] * (alpha - b["army"] - a["army"] / 2) + b["navy"] * (c - b["navy"] - a["navy"])]

    return ContinuousGame(["A", "B"], {"A": dict(UNBOUNDED), "B": dict(UNBOUNDED)}, payoffs)


def test_interior_and_corner_equilibrium_by_hand():
    # alpha = 6, beta = 4, c = 1. Armies: a = (6 - a_other/2)/2 for both, so 5a/2 = 6 and a = 12/5.
    # A's navy: 4 - 2 n_A = 0, n_A = 2. B's navy: the derivative at 0 is c - n_A = 1 - 2 < 0: a corner, n_B = 0.
    # Payoffs: u_A = (12/5)(6 - 12/5 - 6/5) + 2 (4 - 2) = 144/25 + 4 = 244/25; u_B = 144/25.
    # Each payoff's Hessian in the own levels is diag(-2, -2): concave, so the KKT point is the equilibrium.
    result = continuous_equilibria(defence(6, 4, 1))
    assert result.complete and len(result) == 1
    eq = result[0]
    assert eq.strategies == {"A": {"army": F(12, 5), "navy": 2}, "B": {"army": F(12, 5), "navy": 0}}
    assert eq.payoffs == (F(244, 25), F(144, 25))
    assert eq.binding == {"A": {"army": "interior", "navy": "interior"}, "B": {"army": "interior", "navy": "lower"}}
    assert set(eq.certificate.values()) == {CERT_BOX_CONCAVE}
    assert "at lower bound: B.navy" in eq.regime()
    assert eq.label() == "A: {army: 12/5, navy: 2}, B: {army: 12/5, navy: 0}"
    assert eq.to_json()["strategies"]["B"] == {"army": "12/5", "navy": 0}
    assert result.contains({"A": {"army": 2.4, "navy": 2}, "B": {"army": 2.4, "navy": 0}})


def test_interior_navy_when_it_is_worth_enough():
    # c = 5: B's navy 5 - 2 n_B - 2 = 0 gives n_B = 3/2 > 0, interior.
    eq = continuous_equilibria(defence(6, 4, 5))[0]
    assert eq.strategies["B"] == {"army": F(12, 5), "navy": F(3, 2)}


def test_float_game_gives_the_same_levels_in_floats():
    result = continuous_equilibria(defence(6.0, 4.0, 1.0))
    assert len(result) == 1 and result.game.kind == "float"
    levels = result[0].strategies
    assert levels["A"]["army"] == pytest.approx(2.4) and levels["A"]["navy"] == pytest.approx(2.0)
    assert levels["B"]["navy"] == pytest.approx(0.0, abs=1e-12)


def test_symbolic_pieces_split_on_who_builds_a_navy():
    # Symbolic alpha, beta, c > 0: armies 2 alpha / 5 (from 5a/2 = alpha), n_A = beta / 2, and
    # n_B = (c - beta/2)/2 = c/2 - beta/4 when c >= beta/2, else 0 (the derivative c - beta/2 at 0 is <= 0).
    alpha, beta, c = sp.symbols("alpha beta c", positive=True)
    result = continuous_equilibria(defence(alpha, beta, c))
    assert result.complete and len(result) == 2
    by_navy = {sp.simplify(e.strategies["B"]["navy"]): e for e in result}
    interior, corner = by_navy[c / 2 - beta / 4], by_navy[sp.Integer(0)]
    for eq in result:
        assert sp.simplify(eq.strategies["A"]["army"] - 2 * alpha / 5) == 0
        assert sp.simplify(eq.strategies["A"]["navy"] - beta / 2) == 0
    point = {alpha: 6, beta: 4, c: 5}
    assert bool(interior.condition.subs(point)) and not bool(corner.condition.subs(point))
    point = {alpha: 6, beta: 4, c: 1}
    assert bool(corner.condition.subs(point)) and not bool(interior.condition.subs(point))
    assert is_concave_on_own_box(defence(alpha, beta, c), "A")


def test_tuple_boxes_and_a_nonconcave_player():
    # A chooses (x, y) in [0, 1]^2 with the convex payoff (x - 1/3)^2 + (y - 1/4)^2 + b x; B picks b in [0, 2]
    # with -(b - 1)^2, so b = 1. A's maximum is at a corner: x = 1 gives 4/9 + 1 (vs 1/9 at 0), y = 1 gives 9/16
    # (vs 1/16): (1, 1), payoff 13/9 + 9/16 = 289/144. The KKT point (1, 0) (the y-derivative -1/2 at 0) is a
    # local maximum only and must be rejected by the global check.
    game = ContinuousGame(["A", "B"], {"A": ((0, 1), (0, 1)), "B": (0, 2)},
                          lambda x: [(x["A"][0] - F(1, 3)) ** 2 + (x["A"][1] - F(1, 4)) ** 2 + x["B"] * x["A"][0],
                                     -((x["B"] - 1) ** 2)])
    result = continuous_equilibria(game)
    assert result.complete and len(result) == 1
    eq = result[0]
    assert eq.strategies == {"A": (1, 1), "B": 1} and eq.payoffs == (F(289, 144), 0)
    assert eq.certificate["A"] == CERT_BOX_FACES
    assert any("not global best responses" in n for n in result.notes)
    assert is_continuous_nash(game, {"A": (1, 1), "B": 1})
    assert not is_continuous_nash(game, {"A": (1, 0), "B": 1})
    assert game.coordinates == {"A": ("A[0]", "A[1]"), "B": ("B",)}


def test_interval_branch_and_bound_for_a_transcendental_payoff():
    # A maximises sin(x) + sin(y) - b x / 10 over [0, 6]^2 (not concave there: sin'' = -sin > 0 past pi), with
    # b = 1/2 fixed by B. Separable: y = pi/2; x solves cos x = 1/20 on [0, pi/2] (sin x - x/20 at x ~ 1.52 is
    # about 0.92, above its values near 2 pi, where sin x - x/20 < 0). x = 0.5 is worse (0.45 + 1 vs 0.92 + 1).
    game = ContinuousGame(["A", "B"], {"A": ((0, 6), (0, 6)), "B": (0, 1)},
                          lambda x: [sp.sin(x["A"][0]) + sp.sin(x["A"][1]) - x["B"] * x["A"][0] / 10,
                                     -((x["B"] - F(1, 2)) ** 2)])
    best = (float(sp.acos(F(1, 20))), float(sp.pi / 2))
    assert certify_box_best_response(game, "A", {"A": best, "B": F(1, 2)}) == CERT_BOX_INTERVAL
    assert certify_box_best_response(game, "A", {"A": (0.5, best[1]), "B": F(1, 2)}) is None


def _grid_best(game, eq, player, points=9):
    """The best payoff of ``player`` over a grid of its box (floats), the others at ``eq``."""
    bounds = [game.coordinate_bounds[c] for c in game.coordinates[player]]
    grids = [np.linspace(float(lo), float(hi), points) for lo, hi in bounds]
    best = -np.inf
    for values in itertools.product(*grids):
        profile = dict(eq.strategies)
        profile[player] = tuple(F(v).limit_denominator(10**6) for v in values)
        best = max(best, float(game.payoffs_at(profile)[game.players.index(player)]))
    return best


@settings(max_examples=6, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=8, max_size=8))
def test_equilibria_beat_every_grid_point_of_the_own_box(coefficients):
    # Concave quadratic payoffs on [0, 2]^2 with random linear terms and interactions: an equilibrium exists
    # (continuous concave payoffs on compact boxes) and no grid point of a player's box does better.
    k = coefficients

    def payoffs(x):
        a, b = x["A"], x["B"]
        return [a[0] * (k[0] - a[0]) + a[1] * (k[1] - a[1]) + k[2] * a[0] * b[0] / 4 + k[3] * a[1] * b[1] / 4,
                b[0] * (k[4] - b[0]) + b[1] * (k[5] - b[1]) + k[6] * a[0] * b[1] / 4 + k[7] * a[1] * b[0] / 4]

    game = ContinuousGame(["A", "B"], {"A": ((0, 2), (0, 2)), "B": ((0, 2), (0, 2))}, payoffs)
    result = continuous_equilibria(game)
    assert result.complete and len(result) >= 1
    for eq in result:
        for i, player in enumerate(game.players):
            assert float(eq.payoffs[i]) >= _grid_best(game, eq, player) - 1e-9


@pytest.mark.parametrize("call", [
    lambda: ContinuousGame(["A"], {"A": {"army": ("0", 1)}}, lambda x: [x["A"]["army"]]),
    lambda: ContinuousGame(["A"], {"A": {1: (0, 1)}}, lambda x: [x["A"][1]]),
    lambda: ContinuousGame(["A"], {"A": {}}, lambda x: [0]),
    lambda: ContinuousGame(["A"], {"A": ((0, 1), (2, 1))}, lambda x: [x["A"][0]]),
    lambda: is_continuous_nash(defence(6, 4, 1), {"A": {"army": "12/5", "navy": 2}, "B": {"army": 1, "navy": 0}}),
    lambda: is_continuous_nash(defence(6, 4, 1), {"A": (1, 2), "B": {"army": 1, "navy": 0}}),
    lambda: defence(6, 4, 1).payoffs_at({"A": {"army": -1, "navy": 0}, "B": {"army": 1, "navy": 0}}),
    lambda: defence(6, 4, 1).discretize(3),
    lambda: continuous_equilibria(defence(6, 4, 1), method="numeric", starts="5"),
    lambda: continuous_equilibria(defence(6, 4, 1), max_patterns="9"),
    lambda: continuous_equilibria(defence(6, 4, 1), tol="1e-9"),
])
def test_hostile_inputs_raise_trigame_errors(call):
    with pytest.raises(TrigameError):
        call()


def test_exponential_costs_fall_back_to_root_finding():
    # A: -exp(x) + (2 - b) x - exp(y) + 2 y on [0, 2]^2; B: -exp(b) + (2 - x) b on [0, 2]. Concave (Hessians
    # -exp <= 0). y: exp(y) = 2, y = ln 2. x and b: exp(x) = 2 - b and exp(b) = 2 - x, so exp(x) - exp(b) = x - b;
    # by the mean value theorem the left side is exp(c)(x - b) with c strictly between x, b >= 0, so exp(c) > 1
    # unless x = b. Then exp(x) + x = 2: x = 2 - W(e^2) (W the Lambert function: exp(x) = e^2 / e^W = W), ~0.4429.
    # The first-order conditions are not polynomial: "auto" and "numeric" find it by root finding; "kkt" cannot.
    game = ContinuousGame(["A", "B"], {"A": ((0, 2), (0, 2)), "B": (0, 2)},
                          lambda v: [-sp.exp(v["A"][0]) + (2 - v["B"]) * v["A"][0] - sp.exp(v["A"][1]) + 2 * v["A"][1],
                                     -sp.exp(v["B"]) + (2 - v["A"][0]) * v["B"]])
    x = float(2 - sp.LambertW(sp.exp(2)))
    for method in ("auto", "numeric"):
        result = continuous_equilibria(game, method=method)
        assert not result.complete and len(result) == 1
        levels = result[0].strategies
        assert levels["A"][0] == pytest.approx(x, abs=1e-7) and levels["B"] == pytest.approx(x, abs=1e-7)
        assert levels["A"][1] == pytest.approx(np.log(2), abs=1e-7)
    assert continuous_equilibria(game, method="kkt").method == "kkt"
    assert len(continuous_equilibria(game, method="kkt")) == 0


def test_best_response_is_refused_for_boxes():
    with pytest.raises(UnsupportedGameError, match="box"):
        best_response(defence(6, 4, 1), "A", {"B": {"army": 1, "navy": 0}})


def test_flatten_has_one_player_per_coordinate():
    flat = defence(6, 4, 1).flatten()
    assert flat.players == ("A.army", "A.navy", "B.army", "B.navy")
    assert flat.payoff("A.navy") == defence(6, 4, 1).payoff("A")


def test_results_serialise_to_json():
    import json

    data = json.loads(json.dumps(continuous_equilibria(defence(6, 4, 1)).to_json()))
    assert data["game"]["strategies"]["A"] == {"army": ["0", None], "navy": ["0", None]}
    assert data["equilibria"][0]["binding"]["B"] == {"army": "interior", "navy": "lower"}


def test_level_curves_and_derivatives_refuse_box_players_plainly():
    from trigame.statics.continuous import level_curves, level_derivatives

    alpha, beta, c = sp.symbols("alpha beta c", positive=True)
    game = defence(alpha, beta, c)
    with pytest.raises(UnsupportedGameError, match="point of a box"):
        level_derivatives(game, "beta")
    with pytest.raises(UnsupportedGameError, match="point of a box"):
        level_curves(game, "beta", [1, 2], fixed={"alpha": 6, "c": 5})
