"""Equilibrium-selection rules of a sweep: one equilibrium per grid point, picked the same way everywhere.

``selection`` names a rule (:data:`SELECTIONS`); :func:`_select` applies it to
a chunk's equilibria, vectorised over the chunk's points, and :func:`_take`
keeps the picked one.  A point where the rule picks none gets NaN
probabilities.  Payoff dominance and risk dominance follow Harsanyi and Selten
(1988); risk dominance compares the products of the players' deviation losses
(sect. 3.9) and is defined here for 2x2 games only.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trigame.errors import ParameterError, UnsupportedGameError
from trigame.statics.sweep._chunk import _Chunk
from trigame.statics.sweep._grid import _Spec

__all__ = ["SELECTIONS"]

#: The equilibrium-selection rules and what they pick at each grid point.
SELECTIONS: dict[str, str] = {
    "all": "every equilibrium, in the canonical order of their labels (pure first)",
    "first": "the first equilibrium in the canonical order of the labels: pure before mixed, then alphabetical "
    "(a convention, not a theory of selection; it is the same whatever the solver's order)",
    "payoff_dominant": "the equilibrium that payoff-dominates every other one: each player gets strictly more "
    "(Harsanyi and Selten 1988); none where no equilibrium dominates all others or the equilibria form a continuum",
    "risk_dominant": "2x2 games (2 players, 2 strategies each) only: the unique equilibrium if there is one; with "
    "two strict pure equilibria, the one with the larger product of the players' deviation losses (Harsanyi and "
    "Selten 1988, the Nash product); none on ties, continua and other cases",
}


def _check_selection(selection: Any, route: str, n_players: int) -> str:
    if not isinstance(selection, str) or selection not in SELECTIONS:
        raise ParameterError(f"unknown selection rule {selection!r}; choose one of {list(SELECTIONS)}")
    if selection == "risk_dominant" and (route in ("tree", "normal", "bayesian", "signaling") or n_players != 2):
        raise UnsupportedGameError(
            "risk dominance (Harsanyi-Selten) is defined here for 2x2 games only: 2 players with 2 strategies "
            "each; use 'payoff_dominant', 'first' or 'all' for this model"
        )
    return selection


def _take(array: np.ndarray, pick: np.ndarray) -> np.ndarray:
    """``array[i, pick[i]]`` kept as a K = 1 axis; NaN where ``pick`` is -1 (nothing selected)."""
    index = np.maximum(pick, 0).reshape((-1, 1) + (1,) * (array.ndim - 2))
    out = np.take_along_axis(array, index, axis=1).astype(np.float64)
    out[pick < 0] = np.nan
    return out


def _select(spec: _Spec, chunk: _Chunk, rule: str, tensor: np.ndarray | None) -> np.ndarray:
    """Index of the selected equilibrium at each point of a chunk (-1: the rule selects none)."""
    count = chunk.count.astype(np.int64)
    n = count.shape[0]
    if rule == "first":
        return np.where(count > 0, 0, -1)
    payoff = chunk.payoff
    k = payoff.shape[1]
    valid = np.arange(k)[None, :] < count[:, None]
    if rule == "payoff_dominant":
        # beats[i, a, b]: equilibrium a gives every player strictly more than b.
        beats = (payoff[:, :, None, :] > payoff[:, None, :, :]).all(axis=3)
        others = valid[:, None, :] & ~np.eye(k, dtype=bool)[None]
        dominant = valid & (beats | ~others).all(axis=2)
        pick = np.where(dominant.any(axis=1), dominant.argmax(axis=1), -1)
        return np.where(chunk.degenerate, -1, pick)
    # risk_dominant, 2x2 games: the unique equilibrium, or the risk-dominant one of two strict pure equilibria.
    assert tensor is not None
    first = chunk.prob[..., 0]  # (n, K, 2): probability of each player's first strategy
    pure = valid & ((first == 0) | (first == 1)).all(axis=2)
    pick = np.where((count == 1) & ~chunk.degenerate, 0, -1)
    two = (pure.sum(axis=1) == 2) & ~chunk.degenerate
    rows = np.nonzero(two)[0]
    if rows.size:
        order = np.argsort(~pure[rows], axis=1, kind="stable")[:, :2]  # the two pure equilibria
        strat = np.where(first[rows[:, None], order] == 1, 0, 1)  # (m, 2 equilibria, 2 players)
        a, b = strat[:, 0, 0], strat[:, 0, 1]
        c, d = strat[:, 1, 0], strat[:, 1, 1]
        g = tensor[rows]
        m = np.arange(rows.size)
        # Deviation losses at (a, b) and at (c, d) (Harsanyi and Selten 1988, sect. 3.9): with two pure
        # equilibria of a 2x2 game, a != c and b != d, so each player's deviation is to the other one's strategy.
        loss_ab = (g[m, 0, a, b] - g[m, 0, c, b]) * (g[m, 1, a, b] - g[m, 1, a, d])
        loss_cd = (g[m, 0, c, d] - g[m, 0, a, d]) * (g[m, 1, c, d] - g[m, 1, c, b])
        strict = (a != c) & (b != d) & (g[m, 0, a, b] > g[m, 0, c, b]) & (g[m, 1, a, b] > g[m, 1, a, d]) & (
            g[m, 0, c, d] > g[m, 0, a, d]) & (g[m, 1, c, d] > g[m, 1, c, b])
        choice = np.where(loss_ab > loss_cd, order[:, 0], np.where(loss_cd > loss_ab, order[:, 1], -1))
        pick[rows] = np.where(strict, choice, -1)
    return pick if n else np.zeros(0, dtype=np.int64)
