"""Replicator dynamics, one population (symmetric games) or one population per player (bimatrix games).

In a single population playing the symmetric game with payoff matrix ``A``, the
share ``x_i`` of strategy ``i`` grows in proportion to how much better it does than
the average (Taylor & Jonker 1978):

    dx_i/dt = x_i ((A x)_i − x·A x).

With one population per player of a two-player game ``(A, B)`` (the "asymmetric"
replicator dynamics), the row population ``x`` and the column population ``y`` follow

    dx_i/dt = x_i ((A y)_i − x·A y),      dy_j/dt = y_j ((xᵀB)_j − xᵀB y).

The trajectories are integrated with :func:`scipy.integrate.solve_ivp` (LSODA, relative
tolerance ``rtol``, absolute ``atol``) at the requested time points; they agree with
nashpy's ``replicator_dynamics`` and ``asymmetric_replicator_dynamics``, which
integrate the same equations with :func:`scipy.integrate.odeint`.  Work is counted
in evaluations of the right-hand side (``max_evaluations``), never timed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from trigame.budget import WorkBudget
from trigame.errors import BudgetExceededError, ParameterError, SolverError, UnsupportedGameError
from trigame.results.dynamics import Trajectory
from trigame.solve.dynamics._input import as_game, float_matrices, population, symmetric_game
from trigame.solve.dynamics._input import timepoints as read_timepoints

__all__ = ["asymmetric_replicator_dynamics", "replicator_dynamics"]


def _check_tolerances(rtol: Any, atol: Any) -> None:
    for name, value in (("rtol", rtol), ("atol", atol)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                math.isfinite(value) and 1e-14 <= value <= 1e-2):
            raise ParameterError(f"{name} must be a number in [1e-14, 1e-2], got {value!r}")


def _integrate(derivative: Any, start: np.ndarray, times: np.ndarray, rtol: float, atol: float,
               max_evaluations: int | None) -> np.ndarray:
    """States at ``times`` of ``dz/dt = derivative(z)`` from ``start``, by LSODA; counted evaluations."""
    from scipy.integrate import solve_ivp

    budget = WorkBudget(max_evaluations, what="the integration of the dynamics",
                        unit="evaluations of the right-hand side", option="max_evaluations")

    def rhs(_t: float, z: np.ndarray) -> np.ndarray:
        budget.spend()
        return derivative(z)

    with np.errstate(over="raise", invalid="raise"):
        try:
            solution = solve_ivp(rhs, (float(times[0]), float(times[-1])), start, method="LSODA", t_eval=times,
                                 rtol=rtol, atol=atol)
        except FloatingPointError:
            raise SolverError("the dynamics overflowed: the payoffs are too large for floating point; "
                              "rescale them") from None
        except BudgetExceededError:
            raise
    if not solution.success or solution.y.shape[1] != len(times):
        raise SolverError(f"the integration of the dynamics failed: {solution.message}")
    return np.asarray(solution.y.T)


def replicator_dynamics(game: Any, y0: Any = None, timepoints: Any = None, *, rtol: float = 1e-10,
                        atol: float = 1e-12, max_points: int | None = 1_000_000,
                        max_evaluations: int | None = 1_000_000) -> Trajectory:
    """The replicator dynamics of one population playing a symmetric two-player game.

    Parameters
    ----------
    game : NormalFormGame or square matrix
        A symmetric two-player game (the column player's payoffs are the transpose
        of the row player's), or the row player's payoff matrix ``A``.
    y0 : probability vector or strategy label, optional
        The initial population state (default: uniform, as nashpy).
    timepoints : sequence of numbers, optional
        Increasing time points at which the state is reported (default
        ``numpy.linspace(0, 10, 1000)``, as nashpy); the first is the initial time.
    rtol, atol : float, default 1e-10 and 1e-12
        The integrator's relative and absolute tolerances, in [1e-14, 1e-2].
    max_points : int or None, default 1000000
        The most time points accepted.
    max_evaluations : int or None, default 1000000
        The work budget: evaluations of the right-hand side.

    Returns
    -------
    Trajectory
        ``times`` and ``states`` (one row per time point).

    Raises
    ------
    UnsupportedGameError
        When the game is not a numeric symmetric two-player game.
    ProfileError, ParameterError
        For a bad initial state or bad time points.
    BudgetExceededError, SolverError
        When the integration needs more than ``max_evaluations`` steps or overflows.

    Examples
    --------
    Hawk–Dove with V = 2, C = 3: the hawk share tends to V/C = 2/3.

    >>> trajectory = replicator_dynamics([[-0.5, 2], [0, 1]], [0.1, 0.9], [0, 50])
    >>> round(float(trajectory.states[-1][0]), 6)
    0.666667
    """
    game = symmetric_game(game)
    _check_tolerances(rtol, atol)
    labels = game.strategies[0]
    start = population(y0, labels, "y0")
    times = read_timepoints(timepoints, max_points)
    a = float_matrices(game)[0]

    def derivative(x: np.ndarray) -> np.ndarray:
        fitness = a @ x
        return x * (fitness - x @ fitness)

    states = _integrate(derivative, start, times, rtol, atol, max_evaluations)
    return Trajectory(times, [states], [labels], method="replicator",
                      notes=(f"integrated by scipy.integrate.solve_ivp (LSODA, rtol={rtol}, atol={atol})",))


def asymmetric_replicator_dynamics(game: Any, x0: Any = None, y0: Any = None, timepoints: Any = None, *,
                                   rtol: float = 1e-10, atol: float = 1e-12, max_points: int | None = 1_000_000,
                                   max_evaluations: int | None = 1_000_000) -> Trajectory:
    """The replicator dynamics of two populations, one per player of a two-player game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game (any shape); a square matrix ``A`` is read as ``(A, Aᵀ)``.
    x0, y0 : probability vectors or strategy labels, optional
        The initial states of the row and column populations (default: uniform).
    timepoints : sequence of numbers, optional
        As in :func:`replicator_dynamics`.
    rtol, atol, max_points, max_evaluations
        As in :func:`replicator_dynamics`.

    Returns
    -------
    Trajectory
        ``populations`` holds the row population's states and the column population's.

    Examples
    --------
    Matching pennies cycles around (1/2, 1/2): the shares stay in (0, 1).

    >>> from trigame.games.normal_form import NormalFormGame
    >>> pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> trajectory = asymmetric_replicator_dynamics(pennies, [0.7, 0.3], [0.5, 0.5], [0, 1, 2])
    >>> [len(states[0]) for states in trajectory.populations]
    [2, 2]
    """
    game = as_game(game)
    if game.n_players != 2:
        raise UnsupportedGameError(f"the asymmetric replicator dynamics need a two-player game, "
                                   f"got {game.n_players} players")
    _check_tolerances(rtol, atol)
    rows, columns = game.strategies
    x_start = population(x0, rows, "x0")
    y_start = population(y0, columns, "y0")
    times = read_timepoints(timepoints, max_points)
    a, b = float_matrices(game)
    m = len(rows)

    def derivative(z: np.ndarray) -> np.ndarray:
        x, y = z[:m], z[m:]
        row_fitness = a @ y
        column_fitness = x @ b
        return np.concatenate((x * (row_fitness - x @ row_fitness), y * (column_fitness - column_fitness @ y)))

    states = _integrate(derivative, np.concatenate((x_start, y_start)), times, rtol, atol, max_evaluations)
    return Trajectory(times, [states[:, :m], states[:, m:]], [rows, columns], method="asymmetric_replicator",
                      notes=(f"integrated by scipy.integrate.solve_ivp (LSODA, rtol={rtol}, atol={atol})",))
