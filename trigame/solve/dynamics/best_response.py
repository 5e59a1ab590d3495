"""Best-response dynamics (Gilboa & Matsui 1991), followed exactly between switches.

Each population moves straight toward a best response to the current state:

    dx/dt = b(x) − x                      (one population, symmetric game with matrix A)
    dx/dt = b₁(y) − x,  dy/dt = b₂(x) − y (one population per player of a game (A, B))

While the best responses ``b`` stay the same, the solution is explicit:
``x(t) = b + (x(t₀) − b) e^{−(t − t₀)}``, and every payoff is an affine function of
``r = e^{−(t − t₀)}``.  So the time at which another strategy overtakes the current best
response is found exactly (the root of an affine function of ``r``), and the trajectory
is a sequence of straight segments with known switch times: no step size, no chattering
at the switching surfaces.  (Integrating the discontinuous right-hand side with
``scipy.integrate`` reproduces each segment, which the tests check.)

The dynamics are a differential inclusion: where several strategies are best, any
mixture of them is a best response.  The solver follows the selection

* among tied best responses, the one whose payoff grows fastest along the motion
  (then the lowest index), when this choice is consistent;
* at a Nash equilibrium (every strategy in use is a best response) the population
  stays put -- a rest point, one valid solution of the inclusion;
* where the populations would slide along a switching surface that is no
  equilibrium, or switch more than ``max_switches`` times, the trajectory stops
  with ``complete=False`` and a note; the remaining time points repeat the last state.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from trigame.budget import check_limit
from trigame.errors import UnsupportedGameError
from trigame.results.dynamics import Trajectory
from trigame.solve.dynamics._input import as_game, float_matrices, population, symmetric_game
from trigame.solve.dynamics._input import timepoints as read_timepoints

__all__ = ["best_response_dynamics"]


class _System:
    """Populations, the payoff matrix each faces, and whose state that matrix is applied to."""

    def __init__(self, matrices: list[np.ndarray], opponents: list[int]) -> None:
        self.matrices = matrices
        self.opponents = opponents
        scale = max(1.0, *(float(np.abs(m).max()) for m in matrices))
        self.tie = 1e-12 * scale

    def fitness(self, states: list[np.ndarray]) -> list[np.ndarray]:
        return [m @ states[o] for m, o in zip(self.matrices, self.opponents)]

    def targets(self, states: list[np.ndarray]) -> list[int] | None:
        """The pure best responses to follow, chosen consistently among ties; None when none is consistent."""
        values = self.fitness(states)
        tied = [np.flatnonzero(v >= v.max() - self.tie) for v in values]
        choice = [int(t[0]) for t in tied]
        for _ in range(4 * sum(len(t) for t in tied)):
            growth = [m @ (np.eye(len(states[o]))[choice[o]] - states[o])
                      for m, o in zip(self.matrices, self.opponents)]
            new = []
            for k, candidates in enumerate(tied):
                rates = growth[k][candidates]
                new.append(int(candidates[np.flatnonzero(rates >= rates.max() - self.tie)[0]]))
            if new == choice:
                return choice
            choice = new
        return None

    def at_rest(self, states: list[np.ndarray]) -> bool:
        """Whether every strategy in use is a best response (a Nash equilibrium of the population game)."""
        for state, value in zip(states, self.fitness(states)):
            used = state > 1e-12
            if (value[used] < value.max() - self.tie).any():
                return False
        return True

    def next_switch(self, states: list[np.ndarray], choice: list[int]) -> float | None:
        """The largest ``r = e^{-s}`` in (0, 1) at which some strategy overtakes the followed best response."""
        best: float | None = None
        for k, (m, o) in enumerate(zip(self.matrices, self.opponents)):
            target = np.eye(len(states[o]))[choice[o]]
            alpha = m @ target                      # payoffs at r = 0
            beta = m @ (states[o] - target)         # their change per unit of r
            d_alpha = alpha - alpha[choice[k]]
            d_beta = beta - beta[choice[k]]
            for j in range(len(alpha)):
                if j == choice[k] or d_beta[j] >= 0:
                    continue
                root = -d_alpha[j] / d_beta[j]     # d_alpha + d_beta r = 0; positive below the root
                if 0 < root < 1 and (best is None or root > best):
                    best = float(root)
        return best


def best_response_dynamics(game: Any, y0: Any = None, timepoints: Any = None, *, x0: Any = None,
                           populations: int = 1, max_switches: int | None = 10_000,
                           max_points: int | None = 1_000_000) -> Trajectory:
    """The best-response dynamics of a game, with exact switch times.

    Parameters
    ----------
    game : NormalFormGame or square matrix
        With ``populations=1``: a symmetric two-player game or its matrix ``A``.
        With ``populations=2``: any numeric two-player game.
    y0 : probability vector or strategy label, optional
        The initial state of the (single, or column) population; default uniform.
    timepoints : sequence of numbers, optional
        Increasing time points (default ``numpy.linspace(0, 10, 1000)``).
    x0 : probability vector or strategy label, optional
        With ``populations=2``: the initial state of the row population.
    populations : {1, 2}, default 1
        One population playing a symmetric game, or one per player.
    max_switches : int or None, default 10000
        The work budget: changes of best response followed; past it the trajectory
        stops (``complete=False``).
    max_points : int or None, default 1000000
        The most time points accepted.

    Returns
    -------
    Trajectory
        States at the time points, with ``switch_times``.

    Examples
    --------
    Hawk–Dove (V = 2, C = 3): from 10% hawks, everyone moves toward Hawk until the
    hawk share reaches 2/3 at time ln(27/10) ≈ 0.993, then stays.

    >>> trajectory = best_response_dynamics([[-0.5, 2], [0, 1]], [0.1, 0.9], [0, 0.5, 2])
    >>> [round(float(x), 4) for x in trajectory.states[:, 0]]
    [0.1, 0.4541, 0.6667]
    """
    if populations not in (1, 2) or isinstance(populations, bool):
        raise UnsupportedGameError(f"populations must be 1 or 2, got {populations!r}")
    check_limit(max_switches, "max_switches")
    if populations == 1:
        game = symmetric_game(game)
        a = float_matrices(game)[0]
        system = _System([a], [0])
        labels = [game.strategies[0]]
        states = [population(y0, labels[0], "y0")]
    else:
        game = as_game(game)
        if game.n_players != 2:
            raise UnsupportedGameError(f"best-response dynamics with two populations need a two-player game, "
                                       f"got {game.n_players} players")
        a, b = float_matrices(game)
        system = _System([a, b.T], [1, 0])
        labels = list(game.strategies)
        states = [population(x0, labels[0], "x0"), population(y0, labels[1], "y0")]
    times = read_timepoints(timepoints, max_points)
    out = [np.empty((len(times), len(s))) for s in states]
    notes: list[str] = ["segments solved in closed form: x(t) = b + (x(t0) - b) exp(-(t - t0)) between switches"]
    switches: list[float] = []
    complete = True
    start, k = float(times[0]), 0
    while k < len(times):
        if system.at_rest(states):
            notes.append(f"at rest from t = {start:.6g}: every strategy in use is a best response")
            break
        choice = system.targets(states)
        if choice is None:
            complete = False
            notes.append(f"stopped at t = {start:.6g}: the best responses would slide along a switching "
                         f"surface that is no equilibrium")
            break
        root = system.next_switch(states, choice)
        end = math.inf if root is None else start + math.log(1 / root)
        targets = [np.eye(len(s))[c] for s, c in zip(states, choice)]
        while k < len(times) and times[k] < end:
            r = math.exp(-(times[k] - start))
            for p, (state, target) in enumerate(zip(states, targets)):
                out[p][k] = target + (state - target) * r
            k += 1
        if root is None:
            break
        if max_switches is not None and len(switches) >= max_switches:
            complete = False
            notes.append(f"stopped at t = {end:.6g} after {max_switches} switches of best response "
                         f"(max_switches); pass max_switches=... to follow more")
            states = [target + (state - target) * root for state, target in zip(states, targets)]
            break
        states = [target + (state - target) * root for state, target in zip(states, targets)]
        switches.append(end)
        start = end
    for p, state in enumerate(states):
        out[p][k:] = state
    return Trajectory(times, out, labels, method="best_response" if populations == 1 else
                      "asymmetric_best_response", complete=complete, notes=notes, switch_times=switches)
