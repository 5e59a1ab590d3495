"""Maximum-likelihood estimation of a game's parameters from observed outcomes: :func:`estimate`.

The parameters of a model (or the symbols of a tree or strategic game) are
written as linear indices of covariates, ``theta_p = X_p @ beta_p``, and the
coefficients ``beta`` are fitted by maximum likelihood under the agent error
model (Signorino 1999; McKelvey and Palfrey 1998), as the R package ``games``
(Kenkel and Signorino 2014) does for its fixed trees -- here for any tree or
strategic game a user writes.  Standard errors come from the observed
information (the numerical Hessian of the log-likelihood at the estimate).

Identification is checked twice.  Before the search, the Jacobian of every
observation's outcome probabilities with respect to ``beta`` is computed at a
generic point: a direction in which no outcome probability moves (rank
deficiency -- e.g. a constant in all of one player's payoffs, Lewis and
Schultz 2003) is reported by the coefficients it combines.  At the estimate,
a Hessian that is not negative definite (a flat likelihood, a coefficient
running off to infinity under separation) is reported, and the affected
standard errors are NaN -- never a silent optimum.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from trigame.budget import check_limit
from trigame.errors import ParameterError, SolverError, TrigameError
from trigame.estimation._spec import Specification
from trigame.estimation.likelihood import SELECTIONS, Likelihood
from trigame.estimation.result import EstimationResult

__all__ = ["estimate", "identification"]

#: Relative size of the smallest singular value below which a direction counts as unidentified.
RANK_TOL = 1e-7

#: Payoff change, in units of the error's scale, past which a coefficient's term signals separation.
SEPARATION = 15.0


def _rms(X: np.ndarray) -> np.ndarray:
    """Root mean square of each column, without overflow for huge values."""
    top = np.maximum(np.abs(X).max(axis=0), 1e-300)
    return top * np.sqrt(((X / top) ** 2).mean(axis=0))


def _hessian(f: Any, x: np.ndarray) -> np.ndarray:
    """Central-difference Hessian of a scalar function (steps scaled to each coordinate)."""
    k = len(x)
    h = 1e-4 * np.maximum(1.0, np.abs(x))
    H = np.empty((k, k))
    f0 = f(x)
    for i in range(k):
        ei = np.zeros(k)
        ei[i] = h[i]
        H[i, i] = (f(x + ei) - 2 * f0 + f(x - ei)) / h[i] ** 2
        for j in range(i):
            ej = np.zeros(k)
            ej[j] = h[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h[i] * h[j])
    return H


def _jacobian(g: Any, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference Jacobian of an array-valued function: shape ``(*g(x).shape, k)``."""
    cols = []
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = h * max(1.0, abs(x[i]))
        cols.append((g(x + e) - g(x - e)) / (2 * e[i]))
    return np.stack(cols, axis=-1)


def _reduced(null: np.ndarray) -> np.ndarray:
    """The null directions ``(k, d)`` in reduced row echelon form (columns), so each names few coefficients."""
    rows = null.T.copy()
    lead = 0
    for r in range(rows.shape[0]):
        while lead < rows.shape[1] and np.abs(rows[r:, lead]).max() < 1e-9:
            lead += 1
        if lead == rows.shape[1]:
            break
        pivot = r + int(np.argmax(np.abs(rows[r:, lead])))
        rows[[r, pivot]] = rows[[pivot, r]]
        rows[r] /= rows[r, lead]
        for other in range(rows.shape[0]):
            if other != r:
                rows[other] -= rows[other, lead] * rows[r]
        lead += 1
    rows[np.abs(rows) < 1e-9] = 0.0
    return rows.T


def _combination(vector: np.ndarray, names: list[str]) -> str:
    """A null direction as a readable combination of coefficients."""
    scale = np.abs(vector).max()
    parts = [f"{v / scale:+.3g}*{name}" for v, name in zip(vector, names) if abs(v) > 1e-3 * scale]
    return " ".join(parts)


def _null_space(lik: Likelihood, at: np.ndarray) -> np.ndarray:
    """Unit directions ``(k, d)`` of the coefficients along which no outcome probability moves at ``at``."""
    k = len(lik.spec.names)

    lik.outcome_probabilities(at, warm=True)  # the branch at ``at``, continued to the nearby points

    def probs(beta: np.ndarray) -> np.ndarray:
        return lik.outcome_probabilities(beta, warm=True).ravel()

    J = _jacobian(probs, at)
    if not np.isfinite(J).all():
        return np.zeros((k, 0))
    norms = np.maximum(np.linalg.norm(J, axis=0), 1e-300)  # columns scaled: the rank does not depend on units
    _, s, vt = np.linalg.svd(J / norms, full_matrices=J.shape[0] < k)  # vt is k x k either way
    s = np.concatenate([s, np.zeros(max(0, k - len(s)))])
    null = vt[s <= RANK_TOL * max(s[0], 1e-300)].T / norms[:, None]  # back to the coefficients' own units
    return null / np.maximum(np.linalg.norm(null, axis=0), 1e-300)


def identification(lik: Likelihood, at: np.ndarray) -> list[str]:
    """Directions of the coefficients that leave every outcome probability unchanged (empty: identified).

    Each direction is a combination of coefficient names, e.g.
    ``"+1*u11:const +1*u13:const +1*u14:const"`` (adding the same constant to
    all of a player's payoffs changes nothing).
    """
    null = _reduced(_null_space(lik, at))
    return [_combination(null[:, i], lik.spec.names) for i in range(null.shape[1])]


def _maximize(lik: Likelihood, start: np.ndarray, gtol: float, max_steps: int) -> tuple[np.ndarray, bool, str]:
    from scipy.optimize import minimize

    def objective(beta: np.ndarray) -> float:
        value = lik(beta)
        return -value / lik.spec.n_obs if np.isfinite(value) else 1e300

    result = minimize(objective, start, method="BFGS", options={"gtol": gtol, "maxiter": max_steps})
    ok = bool(result.success) or bool(np.isfinite(result.fun) and np.linalg.norm(result.jac, np.inf) < 10 * gtol)
    return np.asarray(result.x, dtype=float), ok, str(result.message)


def estimate(
    model: Any,
    data: Any,
    *,
    outcome: Any,
    covariates: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    error: str = "logit",
    lam: Any = 1.0,
    selection: str = "principal",
    start: Any = None,
    bootstrap: int = 0,
    seed: int | None = None,
    max_steps: int = 500,
    max_iter: int = 20_000,
    npl_rounds: int = 50,
    gtol: float = 1e-7,
) -> EstimationResult:
    """Fit a game's parameters, as linear functions of covariates, to observed outcomes by maximum likelihood.

    Parameters
    ----------
    model : Model class or instance, GameTree or NormalFormGame
        The game.  A model's parameters not in ``covariates`` keep the
        instance's values (the defaults, for a class) unless ``fixed`` gives
        others; a tree or strategic game with symbolic payoffs has its symbols
        as parameters.
    data : pandas.DataFrame
        One row per observation (a crisis, a dyad-year ...).
    outcome : str, or a list of str for a strategic game
        The column of observed terminal nodes: a path as a tuple of labels or
        joined by ``"/"`` (``"Attack Japan/Join"``), or a terminal's label.
        For a strategic game, the profile (``("Cooperate", "Defect")``,
        ``"Cooperate/Defect"``) or one column per player with its action.
    covariates : mapping
        ``{parameter: column or list of columns}``: the parameter is the linear
        index of these columns, ``"1"`` standing for a constant.  Coefficients
        are named ``"<parameter>:<column>"`` (``":const"`` for the constant).
    fixed : mapping, optional
        Values of parameters that are not estimated.
    error : {"logit", "probit"}, default "logit"
        The distribution of each action's payoff error (agent error model).
        The logit form is the logit agent QRE; the probit form is the agent
        error of Signorino (1999) and of ``games::egame12(link="probit")``.
    lam : number, one per player, or "estimate"; default 1
        The precision.  A number (or one per player) fixes it: the scale of
        payoffs and errors cannot both be estimated, so the payoffs are
        measured in units of the error.  (``egame12``'s logit link uses a
        logistic of scale sqrt(2) on payoff differences; its logit
        coefficients are sqrt(2) times these.)  ``"estimate"`` fits one
        common precision as the coefficient ``log_lam`` (``lam = exp(log_lam)``),
        which needs payoffs whose scale is fixed -- e.g. a numeric game with
        ``covariates={}``, as Gambit's ``logit_estimate`` does.
    selection : {"principal", "npl"}, default "principal"
        The equilibrium the likelihood uses where a game may have several
        (trees of imperfect information, strategic games): see
        :mod:`trigame.estimation.likelihood`.  Trees of perfect information
        have one agent QRE and need none.
    start : sequence or mapping, optional
        Starting coefficients (default zeros).
    bootstrap : int, default 0
        Number of nonparametric bootstrap refits (rows resampled), for
        percentile intervals (``conf_int(method="bootstrap")``).
    seed : int, optional
        Seed of the bootstrap resampling.
    max_steps : int, default 500
        Work budget: the most quasi-Newton (BFGS) steps of one fit.
    max_iter : int, default 20,000
        Work budget: the most fixed-point iterations of one likelihood evaluation.
    npl_rounds : int, default 50
        Work budget: the most belief updates of the nested pseudo-likelihood.
    gtol : float, default 1e-7
        Gradient tolerance of the search (on the mean log-likelihood).

    Returns
    -------
    EstimationResult
        ``.params``, ``.bse``, ``.summary()``, ``.conf_int()``, ``.table()``,
        ``.to_latex()``, ``.predict()``; ``.identified`` and ``.notes`` report
        identification problems, ``.selection`` the equilibrium selection.

    Raises
    ------
    ParameterError
        Unknown parameters or columns, non-numeric or missing covariates,
        outcomes that are not terminal nodes, bad options.
    SolverError
        When the likelihood cannot be evaluated at the starting values.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> import sympy as sp
    >>> a, b = sp.symbols("a b")
    >>> tree = GameTree(Decision("A", {"stop": Terminal((a, 0)),
    ...                                "go": Decision("B", {"yield": Terminal((1, 0)), "fight": Terminal((-1, b))})}))
    >>> data = pd.DataFrame({"y": ["stop", "go/yield", "go/fight"] * 20})
    >>> fit = estimate(tree, data, outcome="y", covariates={"a": "1", "b": "1"})
    >>> # B fights half the time: b = 0, so going is worth 0 to A, who goes 2/3 of the time: a = -log 2
    >>> [round(float(x), 4) + 0.0 for x in fit.params]  # + 0.0: no "-0.0"
    [-0.6931, 0.0]
    """
    if not isinstance(selection, str) or selection not in SELECTIONS:
        raise ParameterError(f"selection must be one of {list(SELECTIONS)}, got {selection!r}")
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 0:
        raise ParameterError(f"bootstrap must be a whole number >= 0, got {bootstrap!r}")
    for option, value in (("max_steps", max_steps), ("max_iter", max_iter), ("npl_rounds", npl_rounds)):
        check_limit(value, option, allow_none=False)
    if isinstance(gtol, bool) or not isinstance(gtol, (int, float)) or not 0 < gtol < 1:
        raise ParameterError(f"gtol must be a number in (0, 1), got {gtol!r}")
    spec = Specification(model, data, outcome=outcome, covariates=covariates, fixed=fixed, error=error, lam=lam)
    beta0 = np.zeros(len(spec.names)) if start is None else spec.check_coefficients(start)
    lik = Likelihood(spec, selection, max_iter=max_iter)
    with np.errstate(all="ignore"):  # overflow at extreme coefficients is met by -inf likelihoods and notes
        fit = _fit(lik, beta0, gtol=gtol, max_steps=max_steps, npl_rounds=npl_rounds)
        boot = None
        if bootstrap:
            boot = _bootstrap(lik, fit["params"], bootstrap, seed, gtol=gtol, max_steps=max_steps,
                              npl_rounds=npl_rounds)
    return EstimationResult(lik, boot=boot, **fit)


def _fit(lik: Likelihood, beta0: np.ndarray, *, gtol: float, max_steps: int, npl_rounds: int) -> dict[str, Any]:
    """One maximum-likelihood fit: the estimate, its Hessian, identification and notes."""
    spec = lik.spec
    notes: list[str] = []
    npl_iterations = 0
    if lik.selection == "npl" and not lik.unique:
        lik.selection = "principal"
        lik.beliefs = lik.behavior(beta0)  # first beliefs: the principal branch at the start
        lik.selection = "npl"
    if not np.isfinite(lik(beta0)):
        raise SolverError("the log-likelihood is not finite at the starting coefficients; pass start=...")
    generic = np.random.default_rng(0).normal(0.0, 0.5, len(beta0))
    null = _null_space(lik, generic if np.isfinite(lik(generic)) else beta0)
    unidentified = [_combination(v, spec.names) for v in _reduced(null).T]
    beta, converged, message = _maximize(lik, beta0, gtol, max_steps)
    if lik.selection == "npl" and not lik.unique:
        change = np.inf
        while change > 1e-9 and npl_iterations < npl_rounds:
            npl_iterations += 1
            change = lik.update_beliefs(beta)
            beta, converged, message = _maximize(lik, beta, gtol, max_steps)
        if change > 1e-9:
            converged = False
            notes.append(f"the nested pseudo-likelihood beliefs still moved by {change:.2g} after {npl_rounds} "
                         "rounds (npl_rounds)")
    if not converged:
        notes.append(f"the search did not converge: {message}")
    lik._warm = None
    loglik = float(lik.contributions(beta, warm=lik.selection == "principal" and not lik.unique).sum())
    if lik.selection == "principal" and not lik.unique:
        traced = lik.behavior(beta)
        continued = lik.behavior(beta, warm=True)
        if np.abs(traced - continued).max() > 1e-6:
            notes.append("for some observations the branch continued during the search differs from the principal "
                         "branch traced at the estimate; the likelihood reported is the principal branch's")
        loglik = float(lik.contributions(beta).sum())
    if null.shape[1]:  # name the directions at the estimate, where the reader looks (same rank generically)
        here = _null_space(lik, beta)
        if here.shape[1] == null.shape[1]:
            null = here
            unidentified = [_combination(v, spec.names) for v in _reduced(null).T]
    if lik.selection == "principal" and spec.strategic and spec.error == "logit":
        try:
            checked, differing, worst = lik.cross_check(beta)
        except TrigameError as exc:
            notes.append(f"the check against trigame.solve.qre.qre could not run: {exc}")
        else:
            if differing:
                notes.append(f"at {differing} of {checked} observations checked, trigame.solve.qre.qre's principal "
                             f"branch point differs from the likelihood's by up to {worst:.2g} (a bifurcation?)")
    lik.behavior(beta, warm=True)  # the Hessian's points continue the branch from the estimate
    with np.errstate(over="ignore", invalid="ignore"):
        H = _hessian(lambda b: float(lik.contributions(b, warm=True).sum()), beta)
    cov = np.full((len(beta), len(beta)), np.nan)
    # The identified subspace: the complement of the null directions; its information must be positive definite.
    basis = np.linalg.svd(null, full_matrices=True)[0][:, null.shape[1]:] if null.shape[1] else np.eye(len(beta))
    with np.errstate(over="ignore", invalid="ignore"):
        info = basis.T @ (-H) @ basis
    eig = np.linalg.eigvalsh(info) if np.isfinite(info).all() and info.size else np.array([np.nan])
    flat = not np.isfinite(eig).all() or eig.min() <= 1e-8 * max(abs(eig).max(), 1.0)
    if not flat:
        cov = basis @ np.linalg.inv(info) @ basis.T
        involved = np.abs(null).max(axis=1) > 1e-6 if null.shape[1] else np.zeros(len(beta), dtype=bool)
        cov[involved, :] = np.nan
        cov[:, involved] = np.nan
    if unidentified:
        notes.append("not identified: the outcome probabilities do not change along "
                     + "; ".join(unidentified) + " (fix a parameter or drop a covariate)")
    if flat:
        w, v = np.linalg.eigh(-H) if np.isfinite(H).all() else (np.array([0.0]), np.eye(len(beta))[:, :1])
        directions = [_combination(v[:, i], spec.names) for i in range(len(w))
                      if w[i] <= 1e-8 * max(abs(w).max(), 1.0)]
        notes.append("the likelihood is flat at the estimate (the Hessian is not negative definite) along "
                     + "; ".join(directions) + ": standard errors are not available")
    # A coefficient whose term moves a payoff by more than SEPARATION error units (in root mean square over the
    # data) makes some choices certain: the likelihood still rises as it grows (separation; no finite MLE).
    scale = np.concatenate([*(_rms(spec.design[p]) for p in spec.parameter_names),
                            np.zeros(1 if spec.estimate_lam else 0)])
    lam = float(spec.precision(beta).max())
    with np.errstate(over="ignore", invalid="ignore"):
        big = [name for name, b, x in zip(spec.names, beta, scale) if not abs(b) * x * lam <= SEPARATION and x > 0]
    if spec.estimate_lam and beta[-1] > math.log(1e6):
        big.append(spec.names[-1])
    if big:
        notes.append(f"coefficient(s) {big} are very large: the data may separate the outcomes perfectly, and the "
                     "likelihood has no finite maximum along them")
    return {"params": beta, "cov": cov, "hessian": H, "loglik": loglik, "converged": converged,
            "identified": not unidentified and not flat and not big, "notes": notes,
            "npl_iterations": npl_iterations}


def _bootstrap(lik: Likelihood, beta: np.ndarray, draws: int, seed: int | None, **options: Any) -> np.ndarray:
    """Coefficients refitted on ``draws`` resamples of the rows (NaN rows for failed refits)."""
    spec = lik.spec
    rng = np.random.default_rng(seed)
    out = np.full((draws, len(beta)), np.nan)
    for b in range(draws):
        rows = rng.integers(0, spec.n_obs, spec.n_obs)
        sub = _Subsample(lik, rows)
        try:
            refit = _maximize(sub, beta, options["gtol"], options["max_steps"])[0]
            if sub.selection == "npl" and not sub.unique:  # the resample's own NPL fixed point
                for _ in range(options["npl_rounds"]):
                    if sub.update_beliefs(refit) < 1e-9:
                        break
                    refit = _maximize(sub, refit, options["gtol"], options["max_steps"])[0]
            out[b] = refit
        except SolverError:
            continue
    return out


class _Subsample(Likelihood):
    """The likelihood of a resample of the rows (for the bootstrap)."""

    def __init__(self, parent: Likelihood, rows: np.ndarray) -> None:
        super().__init__(parent.spec, parent.selection, max_iter=parent.max_iter)
        self.rows = rows
        self.beliefs = None if parent.beliefs is None else parent.beliefs.copy()

    def __call__(self, beta: np.ndarray) -> float:
        try:
            value = float(self.contributions(beta, self.rows, warm=True).sum())
        except (SolverError, FloatingPointError, OverflowError):
            return -np.inf
        return value if np.isfinite(value) else -np.inf
