"""What :func:`trigame.estimation.estimate` returns: coefficients, standard errors, tables and predictions.

:class:`EstimationResult` reads like a statsmodels result: ``.params`` and
``.bse`` are pandas Series indexed by coefficient name
(``"<parameter>:<covariate>"``), ``.summary()`` is a text table,
``.conf_int()`` a DataFrame of intervals; ``.table()`` is a tidy
coefficient table (one row per coefficient, as ``broom::tidy`` gives in R)
and ``.to_latex()`` a LaTeX tabular of it.  ``.predict()`` gives each
observation's outcome probabilities with intervals.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

    from trigame.estimation.likelihood import Likelihood

__all__ = ["EstimationResult"]


def _normal_quantile(alpha: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(1 - alpha / 2))


def _check_alpha(alpha: Any) -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
        raise ParameterError(f"alpha must be a number in (0, 1), got {alpha!r}")
    return float(alpha)


def _latex_escape(text: str) -> str:
    for a, b in (("\\", r"\textbackslash{}"), ("_", r"\_"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"),
                 ("$", r"\$"), ("{", r"\{"), ("}", r"\}")):
        text = text.replace(a, b) if a != "\\" else text.replace(a, "\0")
    return text.replace("\0", r"\textbackslash{}")


class EstimationResult:
    """A fitted structural model: estimates, uncertainty, identification and the equilibrium selection.

    Attributes
    ----------
    params, bse : pandas.Series
        Coefficients and standard errors (observed information), by name.
    cov_params : pandas.DataFrame
        The estimated covariance matrix (NaN when the likelihood is flat).
    llf : float
        The maximised log-likelihood.
    nobs : int
        Number of observations.
    converged : bool
        Whether the search (and, for NPL, the beliefs) converged.
    identified : bool
        False when some direction of the coefficients leaves the outcome
        probabilities unchanged or the likelihood is flat at the estimate;
        ``notes`` names the direction.
    selection : str
        The equilibrium selection of the likelihood, in one sentence.
    error : str
        ``"logit"`` or ``"probit"``.
    notes : tuple of str
        Everything worth knowing about the fit.
    bootstrap_params : pandas.DataFrame or None
        The coefficients of each bootstrap refit.
    """

    def __init__(self, lik: Likelihood, *, params: np.ndarray, cov: np.ndarray, hessian: np.ndarray, loglik: float,
                 converged: bool, identified: bool, notes: list[str], npl_iterations: int,
                 boot: np.ndarray | None = None) -> None:
        import pandas as pd

        self._lik = lik
        spec = lik.spec
        self.model = spec.model_name
        self.names = list(spec.names)
        self.params = pd.Series(params, index=self.names, name="coef")
        self.cov_params = pd.DataFrame(cov, index=self.names, columns=self.names)
        self.bse = pd.Series(np.sqrt(np.where(np.diag(cov) >= 0, np.diag(cov), np.nan)), index=self.names,
                             name="std err")
        self.hessian = hessian
        self.llf = loglik
        self.nobs = spec.n_obs
        self.converged = converged
        self.identified = identified
        self.error = spec.error
        self.lam = tuple(float(x) for x in spec.precision(params))
        self.selection = lik.statement()
        self.method = f"maximum likelihood, {spec.error} agent error"
        self.npl_iterations = npl_iterations
        self.notes = tuple(notes)
        self.bootstrap_params = None if boot is None else pd.DataFrame(boot, columns=self.names)
        if boot is not None:
            failed = int(np.isnan(boot).any(axis=1).sum())
            if failed:
                self.notes += (f"{failed} of {len(boot)} bootstrap refits failed and are left out",)

    # ------------------------------------------------------------------ statistics
    @property
    def tvalues(self) -> pd.Series:
        """z statistics: ``params / bse``."""
        return (self.params / self.bse).rename("z")

    @property
    def pvalues(self) -> pd.Series:
        """Two-sided p-values of the z statistics (normal reference)."""
        import pandas as pd
        from scipy.stats import norm

        return pd.Series(2 * norm.sf(self.tvalues.abs().to_numpy()), index=self.names, name="P>|z|")

    @property
    def aic(self) -> float:
        """Akaike's information criterion."""
        return -2 * self.llf + 2 * len(self.names)

    @property
    def bic(self) -> float:
        """Schwarz's Bayesian information criterion."""
        return -2 * self.llf + math.log(self.nobs) * len(self.names)

    def conf_int(self, alpha: float = 0.05, method: str = "wald") -> pd.DataFrame:
        """Confidence intervals: ``"wald"`` (estimate ± z·se) or ``"bootstrap"`` (percentiles of the refits)."""
        import pandas as pd

        alpha = _check_alpha(alpha)
        if method == "wald":
            z = _normal_quantile(alpha)
            low, high = self.params - z * self.bse, self.params + z * self.bse
        elif method == "bootstrap":
            if self.bootstrap_params is None:
                raise ParameterError("no bootstrap refits: estimate(..., bootstrap=200) first")
            draws = self.bootstrap_params.dropna()
            low = draws.quantile(alpha / 2)
            high = draws.quantile(1 - alpha / 2)
        else:
            raise ParameterError(f"method must be 'wald' or 'bootstrap', got {method!r}")
        return pd.DataFrame({"lower": low, "upper": high}, index=self.names)

    def table(self, alpha: float = 0.05) -> pd.DataFrame:
        """A tidy coefficient table: one row per coefficient, with its parameter and covariate."""
        import pandas as pd

        ci = self.conf_int(alpha)
        terms = self._lik.spec.describe_terms()
        if self._lik.spec.estimate_lam:
            terms.append(("lam", "log"))
        out = pd.DataFrame({
            "term": self.names,
            "parameter": [p for p, _ in terms],
            "covariate": [c for _, c in terms],
            "estimate": self.params.to_numpy(),
            "std_error": self.bse.to_numpy(),
            "statistic": self.tvalues.to_numpy(),
            "p_value": self.pvalues.to_numpy(),
            "conf_low": ci["lower"].to_numpy(),
            "conf_high": ci["upper"].to_numpy(),
        })
        if self.bootstrap_params is not None:
            boot = self.conf_int(alpha, "bootstrap")
            out["boot_low"] = boot["lower"].to_numpy()
            out["boot_high"] = boot["upper"].to_numpy()
        return out

    # ------------------------------------------------------------------ text
    def summary(self) -> str:
        """A statsmodels-style text summary: the fit, then one line per coefficient."""
        head = [
            f"Structural estimation: {self.model}",
            f"  Method:        {self.method} (lam = {self._lam_text()})",
            f"  Observations:  {self.nobs}",
            f"  Log-likelihood: {self.llf:.4f}    AIC: {self.aic:.2f}    BIC: {self.bic:.2f}",
            f"  Converged:     {'yes' if self.converged else 'NO'}    Identified: "
            f"{'yes' if self.identified else 'NO'}",
            f"  Equilibrium:   {self.selection}",
        ]
        ci = self.conf_int()
        width = max(len(n) for n in self.names) + 2
        rows = [f"{'':{width}}{'coef':>10} {'std err':>10} {'z':>8} {'P>|z|':>8} {'[0.025':>10} {'0.975]':>10}"]
        for name in self.names:
            rows.append(f"{name:{width}}{self.params[name]:>10.4f} {self.bse[name]:>10.4f} "
                        f"{self.tvalues[name]:>8.3f} {self.pvalues[name]:>8.3f} "
                        f"{ci.loc[name, 'lower']:>10.4f} {ci.loc[name, 'upper']:>10.4f}")
        rule = "=" * len(rows[0])
        lines = [rule, *head, rule, rows[0], "-" * len(rows[0]), *rows[1:], rule]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)

    def _lam_text(self) -> str:
        return f"{self.lam[0]:g}" if len(set(self.lam)) == 1 else ", ".join(f"{x:g}" for x in self.lam)

    def to_latex(self, alpha: float = 0.05, digits: int = 3) -> str:
        """The coefficient table as a LaTeX ``tabular`` (booktabs rules; standard errors in parentheses)."""
        if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 12:
            raise ParameterError(f"digits must be a whole number from 0 to 12, got {digits!r}")
        table = self.table(alpha)
        level = round(100 * (1 - alpha))
        lines = [r"\begin{tabular}{llrrr}", r"\toprule",
                 rf"Parameter & Covariate & Estimate & Std.\ error & {level}\% interval \\", r"\midrule"]
        for row in table.itertuples():
            lines.append(f"{_latex_escape(row.parameter)} & {_latex_escape(row.covariate)} & "
                         f"{row.estimate:.{digits}f} & ({row.std_error:.{digits}f}) & "
                         f"[{row.conf_low:.{digits}f}, {row.conf_high:.{digits}f}] \\\\")
        lines += [r"\midrule",
                  rf"\multicolumn{{5}}{{l}}{{$N = {self.nobs}$, log-likelihood ${self.llf:.{digits}f}$}} \\",
                  r"\bottomrule", r"\end{tabular}"]
        return "\n".join(lines)

    def label(self) -> str:
        """One line: the model, N and the log-likelihood."""
        return f"{self.model}: {len(self.names)} coefficients, N = {self.nobs}, log-likelihood {self.llf:.3f}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the estimates and the fit."""
        def number(x: float) -> float | None:
            return float(x) if np.isfinite(x) else None

        return {
            "model": self.model, "method": self.method, "error": self.error, "lam": list(self.lam),
            "nobs": self.nobs, "loglik": self.llf, "converged": self.converged, "identified": self.identified,
            "selection": self.selection, "notes": list(self.notes),
            "params": {n: number(v) for n, v in self.params.items()},
            "bse": {n: number(v) for n, v in self.bse.items()},
        }

    def __repr__(self) -> str:
        coefs = ", ".join(f"{n}={v:.3g}" for n, v in self.params.items())
        flag = "" if self.identified else ", NOT IDENTIFIED"
        return f"EstimationResult({self.model}, N={self.nobs}, llf={self.llf:.3f}{flag}: {coefs})"

    # ------------------------------------------------------------------ predictions
    def predict(self, data: Any = None, *, kind: str = "outcome", interval: str | None = "simulation",
                alpha: float = 0.05, draws: int = 500, seed: int | None = 0) -> pd.DataFrame:
        """Each observation's probability of each outcome (or action), with intervals.

        Parameters
        ----------
        data : pandas.DataFrame, optional
            New rows with the covariate columns (default: the estimation data).
        kind : {"outcome", "action"}
            ``"outcome"``: one column per terminal node (its path joined by
            ``"/"``); ``"action"``: one column per action of each information
            set, ``"<information set>: <action>"`` (the probability of the
            action if the set is reached), as ``predict(type="action")`` of the
            R package ``games``.
        interval : {"simulation", "bootstrap", None}
            ``"simulation"``: percentiles over coefficients drawn from the
            normal approximation N(params, cov_params) (King, Tomz and
            Wittenberg 2000); ``"bootstrap"``: over the bootstrap refits;
            ``None``: point predictions only.
        alpha : float
            One minus the interval's level.
        draws : int
            Number of simulated coefficient vectors.
        """
        import pandas as pd

        from trigame.estimation._spec import Specification

        alpha = _check_alpha(alpha)
        lik = self._lik
        if data is not None:
            spec = lik.spec
            new = Specification.__new__(Specification)
            new.__dict__.update(spec.__dict__)
            new.columns, new.design = spec._design(data, {p: spec.columns[p] for p in spec.parameter_names})
            new.n_obs = len(data)
            new.y = None
            lik = type(lik)(new, lik.selection, max_iter=lik.max_iter)
            lik.beliefs = None
            if lik.selection == "npl" and not lik.unique:
                lik.selection = "principal"  # new rows have no beliefs: their principal-branch QRE
        if kind == "outcome":
            probabilities = lik.outcome_probabilities
            labels = lik.spec.outcome_labels
        elif kind == "action":
            probabilities = lik.behavior
            arrays = lik.spec.arrays
            labels = [f"{key}: {a}" for key, actions in zip(arrays.infoset_keys, arrays.actions) for a in actions]
        else:
            raise ParameterError(f"kind must be 'outcome' or 'action', got {kind!r}")
        point = probabilities(self.params.to_numpy())
        out = pd.DataFrame(point, columns=labels)
        if interval is None:
            return out
        if interval == "simulation":
            if not np.isfinite(self.cov_params.to_numpy()).all():
                raise ParameterError("no covariance matrix (the likelihood is flat); use interval=None")
            if isinstance(draws, bool) or not isinstance(draws, int) or not 1 < draws <= 100_000:
                raise ParameterError(f"draws must be a whole number from 2 to 100000, got {draws!r}")
            rng = np.random.default_rng(seed)
            betas = rng.multivariate_normal(self.params.to_numpy(), self.cov_params.to_numpy(), size=draws)
        elif interval == "bootstrap":
            if self.bootstrap_params is None:
                raise ParameterError("no bootstrap refits: estimate(..., bootstrap=200) first")
            betas = self.bootstrap_params.dropna().to_numpy()
        else:
            raise ParameterError(f"interval must be 'simulation', 'bootstrap' or None, got {interval!r}")
        sims = np.stack([probabilities(b) for b in betas])
        low, high = np.quantile(sims, alpha / 2, axis=0), np.quantile(sims, 1 - alpha / 2, axis=0)
        for j, label in enumerate(labels):
            out[f"{label} lower"] = low[:, j]
            out[f"{label} upper"] = high[:, j]
        return out
