"""Continuous games: the game value, the KKT solver, the numeric fallback and the independent global check.

Every expected value is derived by hand in the test from the first-order conditions, with its source.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import (
    BudgetExceededError,
    GameShapeError,
    LabelError,
    MethodError,
    ParameterError,
    ProfileError,
    TrigameError,
    UnsupportedGameError,
)
from trigame.games.continuous import ContinuousGame
from trigame.solve import equilibria
from trigame.solve.continuous import continuous_equilibria
from trigame.verify.continuous import (
    CERT_CONCAVE,
    CERT_CRITICAL,
    CERT_INTERVAL,
    best_response,
    certify_best_response,
    is_continuous_nash,
)

a, b, c = sp.symbols("a b c", positive=True)
V = sp.Symbol("V", positive=True)
TRIANGLE = ("United States", "Japan", "South Korea")


def cournot(n: int, demand=(a, b), cost=c) -> ContinuousGame:
    """n firms, inverse demand P = a - b Q, unit cost c (Cournot 1838)."""
    names = [f"Firm {k + 1}" for k in range(n)]
    slope_a, slope_b = demand
    return ContinuousGame(names, {p: (0, None) for p in names},
                          lambda q: [q[p] * (slope_a - slope_b * sum(q.values())) - cost * q[p] for p in names],
                          title=f"{n}-firm Cournot")


def tullock(value=V) -> ContinuousGame:
    """Two-player lottery contest, payoff x_i / (x_1 + x_2) V - x_i (Tullock 1980)."""
    return ContinuousGame(["A", "B"], {"A": (0, None), "B": (0, None)},
                          lambda x: [x["A"] / (x["A"] + x["B"]) * value - x["A"],
                                     x["B"] / (x["A"] + x["B"]) * value - x["B"]])


def public_good(incomes: dict[str, object]) -> ContinuousGame:
    """Voluntary contributions with u_i = log(w_i - g_i) + log(G), G = sum of g_j (Bergstrom, Blume & Varian 1986)."""
    names = list(incomes)
    return ContinuousGame(names, {p: (0, incomes[p]) for p in names},
                          lambda g: [sp.log(incomes[p] - g[p]) + sp.log(sum(g.values())) for p in names])


def bbv_prediction(incomes: dict[str, Fraction]) -> tuple[Fraction, frozenset[str]]:
    """Hand derivation for the Cobb-Douglas public good (Bergstrom, Blume & Varian 1986, J. Public Econ. 29).

    A contributor's first-order condition 1/(w_i - g_i) = 1/G gives g_i = w_i - G, so the contributors C satisfy
    G = sum_C (w_i - G), i.e. G = W_C / (1 + |C|); i contributes iff w_i > G.  Adding players in decreasing order
    of income until the next one's income is at most G gives the unique equilibrium.
    """
    order = sorted(incomes, key=lambda p: incomes[p], reverse=True)
    contributors: list[str] = []
    total = Fraction(0)
    for player in order:
        candidate = (sum((incomes[q] for q in contributors), Fraction(0)) + incomes[player]) / (len(contributors) + 2)
        if contributors and incomes[player] <= total:
            break
        contributors.append(player)
        total = candidate
    return total, frozenset(contributors)


# ------------------------------------------------------------------ the game value
def test_game_reads_bounds_payoffs_and_kind() -> None:
    game = cournot(2)
    assert game.players == ("Firm 1", "Firm 2")
    assert game.kind == "symbolic" and [s.name for s in game.parameters] == ["a", "b", "c"]
    assert game.strategies["Firm 1"] == (0, None)
    q1 = game.variables["Firm 1"]
    assert sp.expand(game.payoff("Firm 1") - q1 * (a - b * (q1 + game.variables["Firm 2"])) + c * q1) == 0
    numeric = game.subs({"a": 10, "b": 1, "c": 1})
    assert numeric.kind == "exact" and numeric.parameters == ()
    # 3 * (10 - 6) - 3 = 9
    assert numeric.payoffs_at({"Firm 1": 3, "Firm 2": 3}) == (Fraction(9), Fraction(9))
    assert game.subs({"a": 10.0, "b": 1, "c": 1}).kind == "float"


def test_mapping_payoffs_equal_callable_payoffs() -> None:
    game = tullock()
    x = game.variables
    payoffs = {"A": game.payoff("A"), "B": x["B"] / (x["A"] + x["B"]) * V - x["B"]}
    same = ContinuousGame(["A", "B"], game.strategies, payoffs)
    assert same == game


@pytest.mark.parametrize("n", [2, 3, 5])
def test_cournot_symbolic(n: int) -> None:
    # FOC of firm i: a - c - b (Q + q_i) = 0; symmetric q_i = q: a - c = (n + 1) b q, so q* = (a - c)/((n + 1) b),
    # valid when a >= c; otherwise every firm produces 0 (Cournot 1838; e.g. Tirole 1988, ch. 5).
    result = continuous_equilibria(cournot(n))
    assert result.complete and result.method == "kkt"
    interior = [e for e in result if set(e.binding.values()) == {"interior"}]
    assert len(interior) == 1
    expected = (a - c) / ((n + 1) * b)
    assert all(sp.simplify(level - expected) == 0 for level in interior[0].strategies.values())
    assert interior[0].certificate["Firm 1"] == CERT_CONCAVE
    assert sp.simplify(interior[0].condition.subs({a: 2, c: 1})) is sp.true
    assert sp.simplify(interior[0].condition.subs({a: 1, c: 2})) is sp.false
    corner = [e for e in result if set(e.binding.values()) == {"lower"}]
    assert len(corner) == 1 and all(v == 0 for v in corner[0].strategies.values())
    assert sp.simplify(corner[0].condition.subs({a: 1, c: 2})) is sp.true
    assert sp.simplify(corner[0].condition.subs({a: 2, c: 1})) is sp.false


def test_cournot_numeric_through_equilibria_dispatch() -> None:
    # a = 10, b = 1, c = 1, n = 2: q* = 9/3 = 3
    result = equilibria(cournot(2).subs({"a": 10, "b": 1, "c": 1}))
    assert [e.strategies for e in result] == [{"Firm 1": Fraction(3), "Firm 2": Fraction(3)}]
    assert result[0].certificate["Firm 1"] == CERT_CRITICAL


def test_tullock_value_over_four() -> None:
    # FOC: x_2 V/(x_1 + x_2)^2 = 1; symmetric x: V/(4x) = 1, x* = V/4 (Tullock 1980, "Efficient rent seeking").
    result = continuous_equilibria(tullock())
    assert result.complete and len(result) == 1
    assert result[0].strategies == {"A": V / 4, "B": V / 4}
    numeric = continuous_equilibria(tullock(8))
    assert [e.strategies for e in numeric] == [{"A": Fraction(2), "B": Fraction(2)}]
    assert is_continuous_nash(tullock(8), {"A": 2, "B": 2})
    assert not is_continuous_nash(tullock(8), {"A": 1, "B": 2})  # best reply to 2 is sqrt(16) - 2 = 2, not 1


def test_float_game_levels_are_floats() -> None:
    result = continuous_equilibria(tullock(8.0))
    assert isinstance(result[0].strategies["A"], float) and result[0].strategies["A"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    "incomes",
    [
        {"United States": 3, "Japan": 2, "South Korea": 1},  # C = {US, Japan}, G = 5/3
        {"United States": 2, "Japan": 2, "South Korea": 2},  # everyone, G = 6/4
        {"United States": 6, "Japan": 1, "South Korea": 1},  # the US alone, G = 3
    ],
)
def test_public_good_contributors_follow_the_theory(incomes: dict[str, int]) -> None:
    exact = {p: Fraction(w) for p, w in incomes.items()}
    total, contributors = bbv_prediction(exact)
    result = continuous_equilibria(public_good(incomes))
    assert result.complete and len(result) == 1
    eq = result[0]
    assert sum(eq.strategies.values()) == total
    assert {p for p, v in eq.binding.items() if v == "interior"} == contributors
    for player in incomes:
        expected = exact[player] - total if player in contributors else 0
        assert eq.strategies[player] == expected
    assert is_continuous_nash(public_good(incomes), eq.strategies)


@settings(max_examples=4, deadline=None)
@given(
    st.integers(min_value=20, max_value=40),
    st.integers(min_value=20, max_value=40),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=-5, max_value=5),
)
def test_warr_neutrality(w_us: int, w_japan: int, w_korea: int, transfer: int) -> None:
    # Warr (1983): with US and Japan contributing (incomes 20..40 against G <= 80/3 + ...) and a small
    # transfer between them that leaves both contributing, total provision G = W_C/(1 + |C|) is unchanged.
    before = {"United States": w_us, "Japan": w_japan, "South Korea": w_korea}
    after = {"United States": w_us - transfer, "Japan": w_japan + transfer, "South Korea": w_korea}
    first, second = continuous_equilibria(public_good(before)), continuous_equilibria(public_good(after))
    assert len(first) == len(second) == 1
    contributors = {p for p, v in first[0].binding.items() if v == "interior"}
    if contributors == {p for p, v in second[0].binding.items() if v == "interior"} >= {"United States", "Japan"}:
        assert sum(first[0].strategies.values()) == sum(second[0].strategies.values())


def test_global_check_drops_kkt_points_that_are_not_maxima() -> None:
    # u = x^2 on [-1, 2]: x = 0 (interior stationary, a minimum) and x = -1 (slope -2 <= 0 at the lower bound)
    # satisfy the KKT conditions, but the global maximum is x = 2 (u = 4 > 1 > 0).
    game = ContinuousGame(["A"], {"A": (-1, 2)}, lambda x: [x["A"] ** 2])
    result = continuous_equilibria(game)
    assert [e.strategies for e in result] == [{"A": Fraction(2)}]
    assert result[0].binding == {"A": "upper"}
    assert any("not global best responses" in note for note in result.notes)
    assert not is_continuous_nash(game, {"A": -1}) and not is_continuous_nash(game, {"A": 0})


def test_numeric_fallback_for_transcendental_conditions() -> None:
    # u_A = -exp(x_A) + (2 - x_B) x_A: FOC exp(x_A) = 2 - x_B; symmetric x: x + exp(x) = 2, solved here by bisection.
    game = ContinuousGame(["A", "B"], {"A": (0, 2), "B": (0, 2)},
                          lambda x: [-sp.exp(x["A"]) + (2 - x["B"]) * x["A"], -sp.exp(x["B"]) + (2 - x["A"]) * x["B"]])
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mid + math.exp(mid) < 2 else (lo, mid)
    result = continuous_equilibria(game)
    assert not result.complete and result.method == "kkt+numeric"
    assert len(result) == 1
    assert result[0].strategies["A"] == pytest.approx(lo, abs=1e-9)
    assert result[0].certificate["A"] == CERT_CONCAVE


def test_best_response_symbolic_follower() -> None:
    # Cournot follower against q_1 (Stackelberg 1934): maximise q_2 (a - b q_1 - b q_2 - c): q_2 = (a - c - b q_1)/(2b)
    # where a - c - b q_1 >= 0, else 0.
    game = cournot(2)
    q1 = sp.Symbol("q1", nonnegative=True)
    reply = best_response(game, "Firm 2", {"Firm 1": q1})
    levels = dict((sp.simplify(level), cond) for level, cond in reply.pieces)
    assert sp.simplify(next(iter(levels)) - (a - c - b * q1) / (2 * b)) == 0
    assert 0 in levels
    numeric = best_response(game.subs({"a": 10, "b": 1, "c": 1}), "Firm 2", {"Firm 1": 3})
    assert numeric.levels == (Fraction(3),)  # (10 - 1 - 3)/2


def test_discretisation_contains_grid_neighbours_of_every_equilibrium() -> None:
    # u_i = x_i (1 - x_1 - x_2) on [0, 1]: x* = 1/3 (FOC 1 - 2 x_i - x_j = 0). On a 20-point grid (step 1/19) the
    # finite game's equilibria include a pure profile within one step of (1/3, 1/3).
    game = ContinuousGame(["A", "B"], {"A": (0, 1), "B": (0, 1)},
                          lambda x: [x["A"] * (1 - x["A"] - x["B"]), x["B"] * (1 - x["A"] - x["B"])])
    continuous = continuous_equilibria(game)
    assert [e.strategies for e in continuous] == [{"A": Fraction(1, 3), "B": Fraction(1, 3)}]
    finite = game.discretize(20)
    assert finite.shape == (20, 20)
    found = equilibria(finite)
    step = Fraction(1, 19)
    for eq in continuous:
        assert any(
            e.is_pure and all(abs(Fraction(finite.strategies[k][e.support[k][0]]) - eq.strategies[p]) <= step
                              for k, p in enumerate(game.players))
            for e in found
        )


def test_budget_on_binding_patterns() -> None:
    names = [f"P{k}" for k in range(9)]
    game = ContinuousGame(names, {p: (0, 1) for p in names}, lambda x: [x[p] * (1 - x[p]) for p in names])
    with pytest.raises(BudgetExceededError, match="max_patterns"):
        continuous_equilibria(game)  # 3^9 = 19683 patterns > 6561


# ------------------------------------------------------------------ hostile input
@pytest.mark.parametrize(
    "build",
    [
        lambda: ContinuousGame(["A"], {"A": ("0", 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"A": (0, "__import__('os')")}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"A": (0, 1)}, {"A": "x**2"}),
        lambda: ContinuousGame(["A"], {"A": (0, 1)}, lambda x: ["1"]),
        lambda: ContinuousGame(["A"], {"A": (float("nan"), 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"A": (2, 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A", "A"], {"A": (0, 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"B": (0, 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"A": (0, 1)}, lambda x: [x["A"], x["A"]]),
        lambda: ContinuousGame("AB", {"A": (0, 1)}, lambda x: [x["A"]]),
        lambda: ContinuousGame(["A"], {"A": (0, 1)}, lambda x: [math.log(x["A"])]),
    ],
)
def test_bad_games_are_refused(build) -> None:
    with pytest.raises((GameShapeError, LabelError, ParameterError, TrigameError)):
        build()


def test_string_values_are_never_evaluated() -> None:
    game = cournot(2)
    with pytest.raises(ParameterError):
        game.subs({"a": "__import__('os').system('true')"})
    with pytest.raises(ParameterError):
        game.subs({"zz": 1})
    numeric = game.subs({"a": 10, "b": 1, "c": 1})
    with pytest.raises(ProfileError):
        numeric.payoffs_at({"Firm 1": "3", "Firm 2": 3})
    with pytest.raises(ProfileError):
        is_continuous_nash(numeric, {"Firm 1": "3", "Firm 2": 3})
    with pytest.raises(ProfileError):
        is_continuous_nash(numeric, {"Firm 1": -1, "Firm 2": 3})
    with pytest.raises(ParameterError):
        continuous_equilibria(numeric, tol="1e-9")
    with pytest.raises(ParameterError):
        continuous_equilibria(numeric, max_patterns="10")
    with pytest.raises(ParameterError):
        continuous_equilibria(numeric, colour=1)
    with pytest.raises(MethodError):
        continuous_equilibria(numeric, method="newton")
    with pytest.raises(UnsupportedGameError):
        continuous_equilibria("a game")
    with pytest.raises(UnsupportedGameError):
        is_continuous_nash(game, {"Firm 1": 1, "Firm 2": 1})


def test_discretize_refuses_bad_grids() -> None:
    game = ContinuousGame(["A", "B"], {"A": (0, 1), "B": (0, None)}, lambda x: [x["A"], x["B"]])
    with pytest.raises(ParameterError, match="unbounded"):
        game.discretize(5)
    with pytest.raises(ParameterError):
        game.discretize("5")
    with pytest.raises(ParameterError):
        game.discretize({"A": ["0.5"], "B": [0]})
    with pytest.raises(BudgetExceededError, match="max_profiles"):
        game.discretize({"A": list(range(2)), "B": list(range(10**6))}, max_profiles=1000)
    with pytest.raises(BudgetExceededError, match="max_profiles"):
        ContinuousGame(["A"], {"A": (0, 1)}, lambda x: [x["A"]]).discretize(10**12)
    with pytest.raises(GameShapeError):
        cournot(2).discretize(5)


def test_json_and_repr() -> None:
    result = continuous_equilibria(cournot(2).subs({"a": 10, "b": 1, "c": 1}))
    data = result.to_json()
    assert data["schema"] == "trigame.continuous-equilibria/1" and data["complete"] is True
    assert data["equilibria"][0]["strategies"] == {"Firm 1": 3, "Firm 2": 3}
    assert "Firm 1: 3" in repr(result) and result[0].label() == "Firm 1: 3, Firm 2: 3"
    symbolic = continuous_equilibria(cournot(2))
    assert "condition" in symbolic.to_json()["equilibria"][0]
    summary = [line.strip() for line in symbolic.summary().splitlines()]
    assert summary[0] == "2 equilibria of 2-firm Cournot"
    assert "interior: Firm 1, Firm 2" in summary and "at lower bound: Firm 1, Firm 2" in summary


def test_indifferent_players_flag_a_continuum() -> None:
    # u_A = -x_B, u_B = -x_A: each payoff ignores the own level, so every profile of [0, 1]^2 is an equilibrium.
    game = ContinuousGame(["A", "B"], {"A": (0, 1), "B": (0, 1)}, lambda x: [-x["B"], -x["A"]])
    result = continuous_equilibria(game)
    assert result.degenerate and not result.complete
    assert is_continuous_nash(game, {"A": Fraction(1, 3), "B": Fraction(2, 3)})


def test_huge_powers_are_refused_and_high_degrees_solved_numerically() -> None:
    with pytest.raises(TrigameError, match="power"):
        ContinuousGame(["A"], {"A": (0, 1)}, lambda x: [x["A"] ** 10**9])
    # u = x^1000 - x on [0, 1]: u(0) = u(1) = 0 and u < 0 inside (x^1000 < x), so both bounds are best responses.
    game = ContinuousGame(["A"], {"A": (0, 1)}, lambda x: [x["A"] ** 1000 - x["A"]])
    result = continuous_equilibria(game)
    assert sorted(e.strategies["A"] for e in result) == [0, 1]
    assert not result.complete and any("max_degree" in note for note in result.notes)


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(min_value=-6, max_value=6), min_size=6, max_size=6))
def test_quadratic_games_against_a_brute_force_grid(coefficients: list[int]) -> None:
    # u_i = -(1 + |k_i|) x_i^2 + m_i x_i x_j + n_i x_i on [0, 1]: strictly concave in the own level, so each best
    # response is unique.  Oracle written apart from trigame: the best reply on a 2001-point grid, which is within
    # one grid step of the true one; each reported level must be within that step of it.
    k1, m1, n1, k2, m2, n2 = coefficients
    game = ContinuousGame(["A", "B"], {"A": (0, 1), "B": (0, 1)}, lambda x: [
        -(1 + abs(k1)) * x["A"] ** 2 + m1 * x["A"] * x["B"] + n1 * x["A"],
        -(1 + abs(k2)) * x["B"] ** 2 + m2 * x["A"] * x["B"] + n2 * x["B"],
    ])
    result = continuous_equilibria(game)
    assert result.complete and len(result) >= 1
    grid = [k / 2000 for k in range(2001)]
    for eq in result:
        xa, xb = float(eq.strategies["A"]), float(eq.strategies["B"])
        best_a = max(grid, key=lambda t: -(1 + abs(k1)) * t * t + m1 * t * xb + n1 * t)
        best_b = max(grid, key=lambda t: -(1 + abs(k2)) * t * t + m2 * xa * t + n2 * t)
        assert abs(best_a - xa) <= 1 / 2000 + 1e-12 and abs(best_b - xb) <= 1 / 2000 + 1e-12


def test_interval_branch_and_bound_certifies_a_non_concave_maximum() -> None:
    # u = sin(3x) + x/2 on [0, 3]: stationary where cos(3x) = -1/6; maxima where sin(3x) > 0, i.e.
    # 3x = arccos(-1/6) (x ~ 0.579, u ~ 1.276) and 3x = 2 pi + arccos(-1/6) (x ~ 2.674, u ~ 2.323); the end x = 3
    # gives sin 9 + 3/2 ~ 1.912.  The global maximum is the second; the first is only a local maximum.
    game = ContinuousGame(["A"], {"A": (0, 3)}, lambda x: [sp.sin(3 * x["A"]) + x["A"] / 2])
    best = (2 * math.pi + math.acos(-1 / 6)) / 3
    result = continuous_equilibria(game)
    assert [round(float(e.strategies["A"]), 9) for e in result] == [round(best, 9)]
    assert result[0].certificate["A"] == CERT_INTERVAL
    assert certify_best_response(game, "A", {"A": math.acos(-1 / 6) / 3}) is None


def test_numeric_roots_rounded_just_outside_a_bound_are_kept_inside() -> None:
    # u_A = max(x_A, x_B) - x_A^2 is not polynomial (Max), so root finding runs (and once lands a rounding below 0).
    # B's best reply is always 1/2.  Against x_B = 1/2, A gets 1/2 - x_A^2 <= 1/2 on [0, 1/2] (best at 0) and
    # x_A - x_A^2 <= 1/4 on [1/2, 1]: the unique equilibrium is (0, 1/2).
    game = ContinuousGame(["A", "B"], {"A": (0, 1), "B": (0, 1)},
                          lambda x: [sp.Max(x["A"], x["B"]) - x["A"] ** 2, x["B"] * (1 - x["B"])])
    result = continuous_equilibria(game)
    assert not result.complete
    assert [e.strategies for e in result] == [{"A": 0, "B": Fraction(1, 2)}]


def test_one_parameter_conditions_are_solved_into_intervals() -> None:
    # Olson & Zeckhauser (1966) in the Cobb-Douglas form of the research notes (models.md 5.2):
    # U_i = alpha ln Q + (1 - alpha) ln(Y_i - q_i).  Two allies with Y_1 = 20 >= Y_2 = 5 both contribute iff
    # Y_2 > (1 - alpha) Y_1, i.e. alpha > 3/4; otherwise only ally 1 does, with q_1 = alpha Y_1.
    alpha = sp.Symbol("alpha", positive=True)
    incomes = {"United States": 20, "Japan": 5}
    game = ContinuousGame(list(incomes), {p: (0, w) for p, w in incomes.items()},
                          lambda q: [alpha * sp.log(sum(q.values())) + (1 - alpha) * sp.log(incomes[p] - q[p])
                                     for p in incomes])
    result = continuous_equilibria(game)
    pieces = {tuple(sorted(p for p, b in e.binding.items() if b == "interior")): e for e in result}
    assert set(pieces) == {("United States",), ("Japan", "United States")}  # no piece with an empty condition
    alone = pieces[("United States",)]
    assert alone.strategies == {"United States": 20 * alpha, "Japan": 0}
    assert alone.condition == (alpha <= sp.Rational(3, 4))
    both = pieces[("Japan", "United States")]
    assert bool(both.condition.subs(alpha, sp.Rational(4, 5)))
    assert not bool(both.condition.subs(alpha, sp.Rational(1, 2)))
    # the levels 5 (-alpha - 3)/(alpha - 2) and 5 (3 - 4 alpha)/(alpha - 2) are undefined at alpha = 2
    assert not bool(both.condition.subs(alpha, 2))
