"""The likelihood of observed outcomes under the agent error model, and its equilibrium selection.

Each observation ``r`` has its own game (the payoffs at its covariates); its
outcome probabilities are those of the agent QRE of that game
(:mod:`trigame.solve.qre.agent`) and the log-likelihood is
``sum_r log P_r(y_r)``.

Which equilibrium?  A tree of perfect information has exactly one agent QRE
(backward induction), so there is nothing to select.  Otherwise the QRE
correspondence may have several branches, and the likelihood states its
selection:

* ``"principal"`` -- the point reached on the principal branch, followed from
  precision 0 (uniform play) to ``lam`` for each observation.  During the
  search each evaluation starts from the previous one's solution (the branch
  continued in the coefficients); at the estimate, the principal branch is
  traced again from 0 and the two are compared (a note says so if they differ).
* ``"npl"`` -- the nested pseudo-likelihood of Aguirregabiria and Mira (2007):
  given beliefs ``sigma``, each agent's choice probabilities are its quantal
  response ``Psi(beta, sigma)`` (no fixed point to solve); the estimate
  alternates maximising ``sum_r log Psi_r(beta, sigma)(y_r)`` over ``beta``
  and updating ``sigma <- Psi(beta, sigma)`` until the beliefs stop
  changing, which is a QRE at the estimate -- whichever branch the data point to.
"""

from __future__ import annotations

import numpy as np

from trigame.errors import SolverError
from trigame.estimation._spec import Specification
from trigame.solve.qre.agent import _respond, solve_behavior

__all__ = ["SELECTIONS", "Likelihood"]

#: The equilibrium selections of the likelihood.
SELECTIONS = ("principal", "npl")

#: Smallest probability in a logarithm (a probability that underflows is clipped here).
_FLOOR = 1e-300


class Likelihood:
    """The log-likelihood of a specification's outcomes as a function of the coefficients.

    Parameters
    ----------
    spec : Specification
        The game, the design and the outcomes.
    selection : {"principal", "npl"}
        The equilibrium selection (see the module notes).
    max_iter : int
        Budget of fixed-point iterations of one evaluation (imperfect information).
    """

    def __init__(self, spec: Specification, selection: str = "principal", *, max_iter: int = 20_000) -> None:
        self.spec = spec
        self.selection = selection
        self.max_iter = max_iter
        self.beliefs: np.ndarray | None = None  # NPL: the beliefs held fixed
        self._warm: np.ndarray | None = None  # principal: the last solution
        self.evaluations = 0

    @property
    def unique(self) -> bool:
        """True when each observation's game has exactly one agent QRE (perfect information)."""
        return self.spec.arrays.perfect

    def statement(self) -> str:
        """The equilibrium selection, in one sentence."""
        if self.unique:
            return ("each observation's tree has perfect information, so its agent QRE is unique "
                    "(backward induction): no selection")
        if self.selection == "npl":
            return ("nested pseudo-likelihood (Aguirregabiria and Mira 2007): beliefs updated to the quantal "
                    "response at each estimate until they are a QRE")
        return ("the principal branch: the QRE reached by following each observation's game from precision 0 "
                "(uniform play) to lam")

    def behavior(self, beta: np.ndarray, rows: np.ndarray | None = None, *, warm: bool = False) -> np.ndarray:
        """The behaviour ``(n, actions)`` at ``beta`` under the selection."""
        spec = self.spec
        payoffs = spec.payoffs(beta, rows)
        if not np.isfinite(payoffs).all():
            raise SolverError("the payoffs overflowed at these coefficients")
        lam = spec.lam_rows(payoffs.shape[0], beta)
        if self.selection == "npl" and not self.unique:
            beliefs = self.beliefs if rows is None or self.beliefs is None else self.beliefs[rows]
            if beliefs is None:
                raise SolverError("the nested pseudo-likelihood has no beliefs yet")
            return _respond(spec.arrays, spec.arrays.action_values(payoffs, beliefs), lam, spec.error)
        n = payoffs.shape[0]
        start = self._warm if (warm and self._warm is not None and self._warm.shape[0] == n) else None
        behavior, converged, _ = solve_behavior(spec.arrays, payoffs, lam, spec.error, start=start,
                                                max_iter=self.max_iter)
        if not converged.all() and start is not None:  # the continued branch was lost: trace it again
            behavior, converged, _ = solve_behavior(spec.arrays, payoffs, lam, spec.error, max_iter=self.max_iter)
        if not converged.all():
            bad = np.flatnonzero(~converged)
            raise SolverError(f"the agent QRE did not converge for {len(bad)} observation(s) (first: row "
                              f"{int(bad[0])}) within max_iter={self.max_iter}; pass max_iter=... or "
                              "selection='npl'")
        if warm:
            self._warm = behavior
        return behavior

    def outcome_probabilities(self, beta: np.ndarray, rows: np.ndarray | None = None, *,
                              warm: bool = False) -> np.ndarray:
        """``(n, terminals)``: each observation's probability of each terminal node."""
        return self.spec.arrays.outcome_probabilities(self.behavior(beta, rows, warm=warm))

    def contributions(self, beta: np.ndarray, rows: np.ndarray | None = None, *, warm: bool = False) -> np.ndarray:
        """Each observation's log-likelihood ``(n,)``."""
        self.evaluations += 1
        probs = self.outcome_probabilities(beta, rows, warm=warm)
        assert self.spec.y is not None
        y = self.spec.y if rows is None else self.spec.y[rows]
        picked = probs[np.arange(len(y)), y]
        return np.log(np.maximum(picked, _FLOOR))

    def __call__(self, beta: np.ndarray) -> float:
        """The total log-likelihood (warm-started along the search)."""
        try:
            value = float(self.contributions(beta, warm=True).sum())
        except (SolverError, FloatingPointError, OverflowError):
            return -np.inf
        return value if np.isfinite(value) else -np.inf

    def cross_check(self, beta: np.ndarray, rows: int = 25) -> tuple[int, int, float]:
        """Compare the behaviour at ``beta`` with :func:`trigame.solve.qre.qre` on up to ``rows`` observations.

        For strategic games with logit errors only (the agent form of a
        strategic game is the game itself).  Returns ``(checked, differing,
        largest difference)``; an observation differs when a probability is
        more than 1e-6 apart (a different branch point).
        """
        from trigame.games.normal_form import NormalFormGame
        from trigame.solve.qre import qre

        spec = self.spec
        if not spec.strategic or spec.error != "logit":
            return 0, 0, 0.0
        picked = np.unique(np.linspace(0, spec.n_obs - 1, min(rows, spec.n_obs)).astype(int))
        behavior = self.behavior(beta, picked)
        payoffs = spec.payoffs(beta, picked)
        source = spec._source
        shape = tuple(len(s) for s in source.strategies)
        worst, differing = 0.0, 0
        for k in range(len(picked)):
            table = [payoffs[k, :, i].reshape(shape).tolist() for i in range(len(source.players))]
            game = NormalFormGame(table, players=source.players, strategies=source.strategies)
            point = qre(game, spec.precision(beta).tolist())
            theirs = np.concatenate([np.asarray(v, dtype=float) for v in point.strategies])
            gap = float(np.abs(theirs - behavior[k]).max())
            worst = max(worst, gap)
            differing += gap > 1e-6
        return len(picked), differing, worst

    def update_beliefs(self, beta: np.ndarray) -> float:
        """NPL: ``sigma <- Psi(beta, sigma)`` for every row; returns the largest change of a belief."""
        assert self.beliefs is not None
        new = Likelihood.behavior(self, beta)
        change = float(np.abs(new - self.beliefs).max()) if new.size else 0.0
        self.beliefs = new
        return change
