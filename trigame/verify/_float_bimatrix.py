"""The float Nash check of :func:`~trigame.verify.nash.check_profile`, for one bimatrix profile, without validation.

:func:`check_profile` first validates its profile (:func:`~trigame.games.profiles.as_profile`:
labels, indices, lists, kinds), which costs more than the check itself on small games.
A solver that already holds two finite float64 probability vectors of a float two-player
game calls :func:`check_float_bimatrix` instead: the same arithmetic, operation for
operation, so the same verdict and the same payoffs, bit for bit
(``tests/test_lemke_howson.py`` pins the two against each other).

Player ``i``'s regret is ``max_s v_i(s) - x_i . v_i`` with ``v_1 = N_1 y`` and
``v_2 = x N_2`` on the payoffs :func:`~trigame.games.scaling.normalized_payoffs`
(each player's mapped onto ``[0, 1]``); the profile passes when both regrets are at
most ``tol``.  The payoffs are computed on the game's own payoffs.
"""

from __future__ import annotations

import numpy as np

from trigame.games.normal_form import NormalFormGame
from trigame.games.scaling import normalized_payoffs

__all__ = ["check_float_bimatrix"]


def check_float_bimatrix(
    game: NormalFormGame, x: np.ndarray, y: np.ndarray, tol: float
) -> tuple[bool, tuple[float, float]]:
    """(Is ``(x, y)`` a Nash equilibrium of the float game up to ``tol``, the two expected payoffs).

    ``x`` and ``y`` must be finite float64 probability vectors of the game's sizes, as
    :func:`~trigame.games.profiles.as_profile` accepts them (nonnegative up to
    ``PROBABILITY_TOL``, summing to 1 within it); ``game`` a float two-player game; ``tol``
    a validated tolerance (relative to each player's range).
    """
    # ``a.dot(b)`` is ``np.dot(a, b)`` (one C function) without the dispatch of the module-level function
    normalized = normalized_payoffs(game)
    v = normalized[0].dot(y)
    ok = max(0.0, float(np.maximum.reduce(v)) - float(v.dot(x))) <= tol
    if ok:  # the second player's regret decides nothing once the first's is too large
        v = x.dot(normalized[1])
        ok = max(0.0, float(np.maximum.reduce(v)) - float(v.dot(y))) <= tol
    payoffs = game.payoffs
    return ok, (float(payoffs[0].dot(y).dot(x)), float(x.dot(payoffs[1]).dot(y)))
