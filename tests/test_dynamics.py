"""Replicator and best-response dynamics, and exact evolutionary stability.

Anchors: nashpy's replicator dynamics (to 1e-6), hand derivations (Hawk–Dove, coordination,
rock–paper–scissors, a 3x3 game whose stability needs copositivity, not definiteness),
the classical classification of symmetric 2x2 games, and conserved quantities.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import BudgetExceededError, ParameterError, ProfileError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.solve.dynamics import (
    asymmetric_replicator_dynamics,
    best_response_dynamics,
    evolutionary_stability,
    is_evolutionarily_stable,
    is_neutrally_stable,
    replicator_dynamics,
)

F = Fraction
nashpy_replicator = pytest.importorskip("nashpy.learning.replicator_dynamics")


def hawk_dove(v: Fraction = Fraction(2), c: Fraction = Fraction(3)) -> NormalFormGame:
    """Hawk–Dove: Hawk v Hawk (V - C)/2, Hawk v Dove V, Dove v Hawk 0, Dove v Dove V/2."""
    a = [[(v - c) / 2, v], [0, v / 2]]
    return NormalFormGame.from_arrays(a, [list(col) for col in zip(*a)], strategies=[["Hawk", "Dove"]] * 2)


RPS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]


# ---------------------------------------------------------------------------------------------- ESS
def test_hawk_dove_mixed_ess_has_hawk_share_two_thirds() -> None:
    # V = 2, C = 3: a hawk share p earns -p/2 + 2(1 - p) playing Hawk and (1 - p) playing Dove;
    # equal at p = 2/3 = V/C.  Neither pure strategy is a best reply to itself (Dove does better
    # against Hawk: 0 > -1/2; Hawk against Dove: 2 > 1), so (2/3, 1/3) is the only symmetric
    # equilibrium.  Mutant test: z = (t, -t), zᵀAz = t²(-1/2 - 2 - 0 + 1) = -3t²/2 < 0: an ESS.
    # Payoff x·Ax = 1/3 (each strategy earns 1/3 against x).
    result = evolutionary_stability(hawk_dove())
    assert result.complete and len(result) == 1
    (ess,) = result.ess()
    assert ess.strategy == {"Hawk": F(2, 3), "Dove": F(1, 3)}
    assert ess.payoff == F(1, 3)
    assert ess.label() == "2/3 Hawk + 1/3 Dove (ESS)"
    assert is_evolutionarily_stable(hawk_dove(), [F(2, 3), F(1, 3)])
    assert not is_evolutionarily_stable(hawk_dove(), "Hawk") and not is_neutrally_stable(hawk_dove(), "Dove")
    assert not is_evolutionarily_stable(hawk_dove(), [F(3, 5), F(2, 5)])  # not even an equilibrium
    # V >= C: Hawk is a strict best reply to itself when V > C ((V - C)/2 > 0): pure ESS.
    assert [e.label() for e in evolutionary_stability(hawk_dove(F(4), F(2))).ess()] == ["Hawk (ESS)"]


def test_coordination_game_pure_ess_and_unstable_mixture() -> None:
    # A = [[2, 0], [0, 1]]: both pure strategies are strict equilibria (ESS).  Mixed: 2p = 1 - p,
    # p = 1/3; z = (t, -t), zᵀAz = t²(2 + 1) = 3t² > 0: not even neutrally stable.
    result = evolutionary_stability([[2, 0], [0, 1]])
    verdicts = {tuple(e.vector.tolist()): e.verdict for e in result}
    assert verdicts == {(1, 0): "ESS", (0, 1): "ESS", (F(1, 3), F(2, 3)): "not stable"}


def test_rock_paper_scissors_uniform_is_neutrally_stable_only() -> None:
    # A antisymmetric: zᵀAz = 0 for every z, so every mutant ties: neutrally stable, not ESS.
    x = [F(1, 3)] * 3
    assert is_neutrally_stable(RPS, x) and not is_evolutionarily_stable(RPS, x)
    # With a small reward for ties (A + εI) the uniform strategy is not stable at all; with a
    # small cost (A - εI) it is an ESS: zᵀ(A - εI)z = -ε|z|² < 0.
    eps = F(1, 10)
    plus = [[RPS[i][j] + (eps if i == j else 0) for j in range(3)] for i in range(3)]
    minus = [[RPS[i][j] - (eps if i == j else 0) for j in range(3)] for i in range(3)]
    assert not is_neutrally_stable(plus, x)
    assert is_evolutionarily_stable(minus, x)


def test_alternative_best_replies_outside_the_support() -> None:
    # A = [[1, 1], [1, 0]], x = first strategy: both strategies earn 1 against x (E ≠ S), and
    # x·A e2 = 1 > e2·A e2 = 0: an ESS.  A = [[1, 1], [1, 1]]: every mutant ties: neutral only.
    assert is_evolutionarily_stable([[1, 1], [1, 0]], [1, 0])
    assert is_neutrally_stable([[1, 1], [1, 1]], [1, 0]) and not is_evolutionarily_stable([[1, 1], [1, 1]], [1, 0])


@pytest.mark.parametrize(("cross", "ess", "neutral"), [(-10, True, True), (1, True, True), (2, False, True),
                                                        (3, False, False)])
def test_stability_is_copositivity_not_definiteness(cross: int, ess: bool, neutral: bool) -> None:
    # A = [[0, 0, 0], [0, -1, a], [0, b, -1]], x = first strategy: every strategy earns 0 against x,
    # so E = {1, 2, 3}, S = {1}, and the mutant directions are z = (-(w2 + w3), w2, w3), w >= 0:
    # zᵀAz = -w2² - w3² + (a + b) w2 w3.  For w >= 0 this is < 0 (w ≠ 0) iff a + b < 2, and <= 0
    # iff a + b <= 2.  At a + b = -10 the form is indefinite on the plane but negative on the
    # orthant: an ESS that a definiteness test would miss.
    a = [[0, 0, 0], [0, -1, cross], [0, 0, -1]]
    assert is_evolutionarily_stable(a, [1, 0, 0]) is ess
    assert is_neutrally_stable(a, [1, 0, 0]) is neutral


def _classical_2x2(a: int, b: int) -> set[tuple[Fraction, Fraction]]:
    """ESS of a symmetric 2x2 game by the textbook case split on a = A11 - A21, b = A22 - A12 (both ≠ 0)."""
    if a > 0 and b > 0:
        return {(F(1), F(0)), (F(0), F(1))}
    if a < 0 and b < 0:
        p = F(b, a + b)
        return {(p, 1 - p)}
    return {(F(1), F(0))} if a > 0 else {(F(0), F(1))}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=4, max_size=4))
def test_two_by_two_matches_the_classical_classification(entries: list[int]) -> None:
    a11, a12, a21, a22 = entries
    a, b = a11 - a21, a22 - a12
    if a == 0 or b == 0:
        return
    found = {tuple(e.vector.tolist()) for e in evolutionary_stability([[a11, a12], [a21, a22]]).ess()}
    assert found == _classical_2x2(a, b)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=9, max_size=9))
def test_ess_resists_every_mutant_on_a_grid(entries: list[int]) -> None:
    # The definition, checked on every mutant y with shares in multiples of 1/8.
    a = [entries[0:3], entries[3:6], entries[6:9]]
    result = evolutionary_stability(a)
    grid = [(F(i, 8), F(j, 8), F(8 - i - j, 8)) for i in range(9) for j in range(9 - i)]

    def u(p: tuple[Fraction, ...], q: tuple[Fraction, ...]) -> Fraction:
        return sum((p[i] * a[i][j] * q[j] for i in range(3) for j in range(3)), F(0))

    for e in result:
        x = tuple(e.vector.tolist())
        assert e.neutrally_stable or not e.ess
        for y in grid:
            if y == x:
                continue
            assert u(y, x) <= u(x, x)
            if u(y, x) == u(x, x) and e.neutrally_stable:
                assert u(x, y) > u(y, y) if e.ess else u(x, y) >= u(y, y)


# ---------------------------------------------------------------------------------------------- replicator
@pytest.mark.parametrize(("matrix", "start"), [
    ([[-0.5, 2], [0, 1]], [0.1, 0.9]),                       # Hawk–Dove V = 2, C = 3
    (RPS, [0.2, 0.3, 0.5]),                                  # rock–paper–scissors: closed orbits
    ([[2, 0, 0], [0, 1, 0], [1, 1, 0.5]], [0.3, 0.3, 0.4]),  # a coordination game with an outside option
])
def test_replicator_matches_nashpy(matrix: list[list[float]], start: list[float]) -> None:
    times = np.linspace(0, 10, 201)
    ours = replicator_dynamics(matrix, start, times)
    theirs = nashpy_replicator.replicator_dynamics(np.array(matrix, dtype=float), np.array(start), times)
    assert ours.states.shape == theirs.shape
    assert np.abs(ours.states - theirs).max() < 1e-6
    assert np.allclose(ours.states.sum(axis=1), 1, atol=1e-9)


def test_asymmetric_replicator_matches_nashpy() -> None:
    a = np.array([[3, 0, 1], [2, 2, 0]])
    b = np.array([[1, 2, 0], [0, 1, 3]])
    times = np.linspace(0, 8, 161)
    ours = asymmetric_replicator_dynamics(NormalFormGame.from_arrays(a, b), [0.3, 0.7], [0.2, 0.5, 0.3], times)
    xs, ys = nashpy_replicator.asymmetric_replicator_dynamics(a, b, np.array([0.3, 0.7]),
                                                              np.array([0.2, 0.5, 0.3]), times)
    assert np.abs(ours.populations[0] - xs).max() < 1e-6
    assert np.abs(ours.populations[1] - ys).max() < 1e-6


def test_replicator_hawk_dove_converges_to_the_ess_and_rps_conserves_its_invariant() -> None:
    # Near x* = 2/3, d/dt x = x(1 - x)(1 - 3x/2) has slope (2/9)(-3/2) = -1/3: the gap shrinks as e^{-t/3}.
    trajectory = replicator_dynamics(hawk_dove(), [0.05, 0.95], [0, 100])
    assert abs(trajectory.final[0]["Hawk"] - 2 / 3) < 1e-8
    # Zero-sum RPS: d/dt Σ ln x_i = Σ (Ax)_i - 3 x·Ax = 0 (columns of A sum to 0, x·Ax = 0).
    states = replicator_dynamics(RPS, [0.2, 0.3, 0.5], np.linspace(0, 30, 61)).states
    assert np.ptp(np.log(states).sum(axis=1)) < 1e-7


# ---------------------------------------------------------------------------------------------- best response
def test_best_response_hawk_dove_switch_time_by_hand() -> None:
    # From 10% hawks Hawk is the best reply (1.75 > 0.9): x(t) = 1 - 0.9 e^{-t} until x = 2/3,
    # i.e. e^{-t} = 10/27, t = ln(27/10); there both strategies earn the same: a rest point.
    times = [0, 0.5, math.log(2.7) - 1e-9, 3]
    trajectory = best_response_dynamics(hawk_dove(), [0.1, 0.9], times)
    hawks = trajectory.states[:, 0]
    assert abs(hawks[1] - (1 - 0.9 * math.exp(-0.5))) < 1e-12
    assert abs(hawks[2] - 2 / 3) < 1e-8 and abs(hawks[3] - 2 / 3) < 1e-12
    assert trajectory.switch_times == pytest.approx([math.log(2.7)], abs=1e-12)
    assert trajectory.complete


def test_best_response_segments_agree_with_scipy() -> None:
    # Integrate dx/dt = b(x) - x with the discontinuous best reply by scipy (small steps) and compare.
    from scipy.integrate import solve_ivp

    a = np.array([[0.0, 2, -1], [-1, 0, 2], [2, -1, 0]])  # a rock–paper–scissors with a positive sum

    def rhs(_t: float, x: np.ndarray) -> np.ndarray:
        return np.eye(3)[int(np.argmax(a @ x))] - x

    times = np.linspace(0, 3, 31)
    ours = best_response_dynamics(a, [0.6, 0.3, 0.1], times)
    theirs = solve_ivp(rhs, (0, 3), [0.6, 0.3, 0.1], t_eval=times, max_step=1e-3, rtol=1e-4, atol=1e-7).y.T
    assert len(ours.switch_times) >= 2
    assert np.abs(ours.states - theirs).max() < 5e-3


def test_two_population_best_response_agrees_with_scipy() -> None:
    # Matching pennies, one population per player: dx/dt = b1(y) - x, dy/dt = b2(x) - y.
    from scipy.integrate import solve_ivp

    a = np.array([[1.0, -1], [-1, 1]])

    def rhs(_t: float, z: np.ndarray) -> np.ndarray:
        x, y = z[:2], z[2:]
        return np.concatenate((np.eye(2)[int(np.argmax(a @ y))] - x, np.eye(2)[int(np.argmax(-(x @ a)))] - y))

    times = np.linspace(0, 2, 21)
    game = NormalFormGame.from_arrays(a, -a)
    ours = best_response_dynamics(game, [0.2, 0.8], times, x0=[0.9, 0.1], populations=2)
    theirs = solve_ivp(rhs, (0, 2), [0.9, 0.1, 0.2, 0.8], t_eval=times, max_step=1e-3, rtol=1e-4, atol=1e-7).y.T
    assert len(ours.switch_times) >= 1
    assert np.abs(np.hstack(ours.populations) - theirs).max() < 5e-3


def test_two_population_best_response_in_a_coordination_game() -> None:
    # Both start uniform: row earns (2·1/2, 1·1/2) = (1, 1/2), so both move to the first strategy,
    # x1(t) = 1 - e^{-t}/2, and no switch ever comes.
    game = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    trajectory = best_response_dynamics(game, [0.5, 0.5], [0, 1, 2], x0=[0.5, 0.5], populations=2)
    for states in trajectory.populations:
        assert np.allclose(states[:, 0], [1 - 0.5 * math.exp(-t) for t in (0, 1, 2)], atol=1e-12)
    assert trajectory.switch_times == ()


def test_best_response_switch_budget() -> None:
    trajectory = best_response_dynamics(RPS, [0.2, 0.3, 0.5], [0, 50], max_switches=5)
    assert not trajectory.complete and len(trajectory.switch_times) == 5
    assert any("max_switches" in note for note in trajectory.notes)


def test_trajectory_json_and_repr() -> None:
    trajectory = replicator_dynamics(hawk_dove(), "Hawk", [0, 1])
    data = trajectory.to_json()
    assert data["method"] == "replicator" and data["labels"] == [["Hawk", "Dove"]]
    assert data["populations"][0][0] == [1.0, 0.0]
    assert "Trajectory(2 points" in repr(trajectory)


# ---------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("start", [["0.1", "0.9"], "__import__('os')", [0.5], [0.7, 0.7], [-0.1, 1.1],
                                   [math.nan, 1], 0.5])
def test_bad_initial_states(start: object) -> None:
    with pytest.raises(ProfileError):
        replicator_dynamics(hawk_dove(), start, [0, 1])
    with pytest.raises(ProfileError):
        best_response_dynamics(hawk_dove(), start, [0, 1])


@pytest.mark.parametrize("times", ["0,1", [0], [1, 0], [0, math.inf], [0, "1"], 5, [0, sympy.Symbol("t")]])
def test_bad_timepoints(times: object) -> None:
    with pytest.raises(ParameterError):
        replicator_dynamics(hawk_dove(), None, times)


@pytest.mark.parametrize("game", [
    "[[1, 2], [3, 4]]", [["1", 2], [3, 4]], [[1, 2, 3], [4, 5, 6]], None,
    NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]]),          # B ≠ Aᵀ
    NormalFormGame.from_arrays([[sympy.Symbol("v"), 2], [0, 1]], [[sympy.Symbol("v"), 0], [2, 1]]),
])
def test_bad_games(game: object) -> None:
    with pytest.raises(TrigameError):
        replicator_dynamics(game, None, [0, 1])
    with pytest.raises(TrigameError):
        is_evolutionarily_stable(game, [F(1, 2), F(1, 2)])
    with pytest.raises(TrigameError):
        best_response_dynamics(game, None, [0, 1])


def test_bad_strategies_and_budgets() -> None:
    with pytest.raises(ProfileError):
        is_evolutionarily_stable(hawk_dove(), "0.5")
    with pytest.raises(ProfileError):
        is_evolutionarily_stable(hawk_dove(), [F(1, 2), F(1, 3)])
    with pytest.raises(ProfileError):
        is_neutrally_stable(hawk_dove(), ["1", "0"])
    with pytest.raises(BudgetExceededError):
        is_neutrally_stable([[0] * 12] * 12, [1] + [0] * 11, max_faces=100)
    with pytest.raises(BudgetExceededError):
        replicator_dynamics(RPS, [0.2, 0.3, 0.5], [0, 100], max_evaluations=10)
    with pytest.raises(TrigameError):
        replicator_dynamics([[1e300, 0], [0, -1e300]], [0.5, 0.5], [0, 10], max_evaluations=10_000)
    with pytest.raises(ParameterError):
        replicator_dynamics(RPS, None, np.linspace(0, 1, 50), max_points=10)
    with pytest.raises(UnsupportedGameError):
        best_response_dynamics(RPS, populations=3)
    with pytest.raises(ParameterError):
        replicator_dynamics(RPS, rtol="1e-3")
