"""Simulated outcomes from a specified game: :func:`simulate`, for Monte Carlo studies and parameter recovery."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from trigame.errors import ParameterError
from trigame.estimation._spec import Specification
from trigame.estimation.likelihood import SELECTIONS, Likelihood

__all__ = ["simulate"]


def simulate(
    model: Any,
    data: Any,
    params: Any,
    *,
    covariates: Mapping[str, Any],
    fixed: Mapping[str, Any] | None = None,
    error: str = "logit",
    lam: Any = 1.0,
    seed: int | None = None,
    max_iter: int = 20_000,
) -> Any:
    """Draw one outcome per row of ``data`` from the agent QRE of its game.

    The arguments are those of :func:`trigame.estimation.estimate`, with the
    true coefficients ``params`` (a sequence in coefficient order or
    ``{"<parameter>:<covariate>": value}``; ``":const"`` for a constant).
    Games with several QRE use the principal branch.

    Returns
    -------
    pandas.Series
        The terminal node of each row, as its path joined by ``"/"`` (a
        profile ``"Cooperate/Defect"`` for a strategic game), indexed like ``data``.

    Examples
    --------
    >>> import pandas as pd, sympy as sp
    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> a = sp.Symbol("a")
    >>> tree = GameTree(Decision("A", {"stop": Terminal((0,)), "go": Terminal((a,))}))
    >>> y = simulate(tree, pd.DataFrame({"x": [0.0] * 4}), {"a:const": 50}, covariates={"a": "1"}, seed=1)
    >>> list(y)
    ['go', 'go', 'go', 'go']
    """
    import pandas as pd

    spec = Specification(model, data, outcome=None, covariates=covariates, fixed=fixed, error=error, lam=lam,
                         require_outcome=False)
    beta = spec.check_coefficients(params, "params")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ParameterError(f"seed must be a whole number or None, got {seed!r}")
    probs = Likelihood(spec, SELECTIONS[0], max_iter=max_iter).outcome_probabilities(beta)
    rng = np.random.default_rng(seed)
    u = rng.random(len(probs))
    picks = np.minimum((np.cumsum(probs, axis=1) < u[:, None]).sum(axis=1), probs.shape[1] - 1)
    labels = np.array(spec.outcome_labels, dtype=object)
    return pd.Series(labels[picks], index=data.index, name="outcome")
