"""Structural estimation (trigame.estimation): maximum likelihood under the agent error model.

Expected values: closed-form maximum-likelihood estimates of saturated models (derived in the comments),
the delta-method standard errors of those, and the egame12 likelihood of the R package games written out
from its formulas (Kenkel and Signorino 2014: makeProbs12 with the agent error) and maximised by SciPy
independently of trigame.
"""

from __future__ import annotations

import builtins
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sympy as sp

from trigame.errors import ParameterError, TrigameError
from trigame.estimation import EstimationResult, estimate, identification, simulate
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.models import QuasiAlliance, TargetSelection

u11, u13, u14, u24 = sp.symbols("u11 u13 u14 u24")
#: The two-step deterrence game of games::egame12 (Signorino 2003): payoffs (player 1, player 2).
EGAME12 = GameTree(Decision("1", {
    "sq": Terminal((u11, 0), label="status quo"),
    "esc": Decision("2", {"cap": Terminal((u13, 0), label="capitulation"), "war": Terminal((u14, u24), label="war")}),
}))
PAYLOAD = "__import__('builtins').setattr(__import__('builtins'), 'TRIGAME_PWNED', 1) or 1"


def counts_frame(n_sq: int, n_cap: int, n_war: int) -> pd.DataFrame:
    return pd.DataFrame({"y": ["sq"] * n_sq + ["esc/cap"] * n_cap + ["esc/war"] * n_war})


def logit(p: float) -> float:
    return math.log(p / (1 - p))


# ---------------------------------------------------------------------------- closed forms
def test_saturated_logit_model_has_the_closed_form_estimate_and_standard_errors() -> None:
    # With u13 = 0 and u14 = -1 fixed, 2 fights with p = e^{u24}/(1+e^{u24}) and 1 escalates with
    # q = logistic(-p - u11).  The model is saturated in (p, q), so the MLE matches the shares:
    # p = 30/50, q = 50/120, u24 = logit(p), u11 = -p - logit(q).  By the delta method
    # se(u24)^2 = 1/(n2 p (1-p)) and se(u11)^2 = p(1-p)/n2 + 1/(n q(1-q)) (p and q independent).
    data = counts_frame(70, 20, 30)
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": "1", "u24": "1"}, fixed={"u13": 0, "u14": -1})
    p, q, n, n2 = 30 / 50, 50 / 120, 120, 50
    assert fit.params["u24:const"] == pytest.approx(logit(p), abs=1e-5)
    assert fit.params["u11:const"] == pytest.approx(-p - logit(q), abs=1e-5)
    assert fit.bse["u24:const"] == pytest.approx(math.sqrt(1 / (n2 * p * (1 - p))), rel=1e-3)
    assert fit.bse["u11:const"] == pytest.approx(math.sqrt(p * (1 - p) / n2 + 1 / (n * q * (1 - q))), rel=1e-3)
    # log-likelihood at the shares
    assert fit.llf == pytest.approx(70 * math.log(1 - q) + 20 * math.log(q * (1 - p)) + 30 * math.log(q * p), abs=1e-8)
    assert fit.converged and fit.identified and fit.nobs == 120


def test_saturated_probit_model_has_the_closed_form_estimate() -> None:
    # Probit agent error (egame12): p = Phi(u24 / sqrt 2), q = Phi((-p - u11) / sqrt 2).
    from scipy.stats import norm

    data = counts_frame(70, 20, 30)
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": "1", "u24": "1"}, fixed={"u13": 0, "u14": -1},
                   error="probit")
    p, q = 30 / 50, 50 / 120
    assert fit.params["u24:const"] == pytest.approx(math.sqrt(2) * norm.ppf(p), abs=1e-5)
    assert fit.params["u11:const"] == pytest.approx(-p - math.sqrt(2) * norm.ppf(q), abs=1e-5)


def egame12_loglik(b: np.ndarray, X: np.ndarray, Z: np.ndarray, y: np.ndarray) -> float:
    """games:::logLik12 with the probit agent error: u11 = X b1, u13 = 0, u14 = b2, u24 = Z b3."""
    from scipy.stats import norm

    util11 = X @ b[:2]
    util14 = b[2]
    util24 = Z @ b[3:]
    p4 = norm.cdf(util24 / math.sqrt(2))
    p3 = 1 - p4
    p2 = norm.cdf((p3 * 0 + p4 * util14 - util11) / math.sqrt(2))
    probs = np.stack([1 - p2, p2 * p3, p2 * p4], axis=1)
    return float(np.log(probs[np.arange(len(y)), y]).sum())


def test_probit_fit_maximises_the_egame12_likelihood() -> None:
    from scipy.optimize import minimize

    rng = np.random.default_rng(5)
    n = 400
    data = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    covariates = {"u11": ["1", "x"], "u14": "1", "u24": ["1", "z"]}
    truth = [0.3, 0.8, -0.5, 0.2, 1.0]
    data["y"] = simulate(EGAME12, data, truth, covariates=covariates, fixed={"u13": 0}, error="probit", seed=6)
    fit = estimate(EGAME12, data, outcome="y", covariates=covariates, fixed={"u13": 0}, error="probit")
    X = np.column_stack([np.ones(n), data["x"]])
    Z = np.column_stack([np.ones(n), data["z"]])
    y = data["y"].map({"sq": 0, "esc/cap": 1, "esc/war": 2}).to_numpy()
    peer = minimize(lambda b: -egame12_loglik(b, X, Z, y), np.zeros(5), method="BFGS", options={"gtol": 1e-8})
    assert fit.params.to_numpy() == pytest.approx(peer.x, abs=2e-4)
    assert fit.llf == pytest.approx(-peer.fun, abs=1e-6)


def test_saturated_strategic_model_matches_the_marginal_shares() -> None:
    # QuasiAlliance with fear 1/2, security value 3 and unreciprocated cost 1: Japan cooperates with
    # s_J = logistic(EU(C) - EU(F)), EU(C) = s_K (3/2 - d_J) - (1 - s_K), EU(F) = 0 (and symmetrically).
    # The likelihood factorises into the two marginals, so the MLE reproduces the empirical shares:
    # d_J = 3/2 - (logit(s_J) + 1 - s_K) / s_K.
    shares = {("Cooperate", "Cooperate"): 30, ("Cooperate", "Friction"): 20,
              ("Friction", "Cooperate"): 30, ("Friction", "Friction"): 20}
    rows = [profile for profile, k in shares.items() for _ in range(k)]
    data = pd.DataFrame({"japan": [r[0] for r in rows], "rok": [r[1] for r in rows]})
    s_j, s_k = 50 / 100, 60 / 100
    fixed = {"fear_japan": 0.5, "fear_rok": 0.5, "security_value": 3, "unreciprocated_cost": 1}
    covariates = {"domestic_cost_japan": "1", "domestic_cost_rok": "1"}
    for selection in ("principal", "npl"):
        fit = estimate(QuasiAlliance, data, outcome=["japan", "rok"], covariates=covariates, fixed=fixed,
                       selection=selection)
        assert fit.params["domestic_cost_japan:const"] == pytest.approx(1.5 - (logit(s_j) + 1 - s_k) / s_k, abs=1e-5)
        assert fit.params["domestic_cost_rok:const"] == pytest.approx(1.5 - (logit(s_k) + 1 - s_j) / s_j, abs=1e-5)
        assert selection.replace("npl", "pseudo") in fit.selection
        assert not any("differs" in note for note in fit.notes)  # the check against trigame.solve.qre.qre


# ---------------------------------------------------------------------------- identification
def test_a_constant_in_all_of_one_players_payoffs_is_reported_unidentified() -> None:
    # Lewis and Schultz (2003): adding one number to u11, u13 and u14 changes no choice of player 1.
    data = counts_frame(40, 30, 30)
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": "1", "u13": "1", "u14": "1", "u24": "1"})
    assert not fit.identified
    assert any("not identified" in note for note in fit.notes)
    assert fit.bse[["u11:const", "u13:const", "u14:const"]].isna().all()
    assert np.isfinite(fit.bse["u24:const"])
    assert "Identified: NO" in fit.summary()


def test_unidentified_directions_are_named_at_the_estimate() -> None:
    # Constants only: 2 fights with p4 = 2/3 (20 of 30 escalations), so u24 = log 2 is identified, and
    # 1's choice moves only with -u11 + p3 u13 + p4 u14 (p3 = 1/3): the directions in reduced echelon
    # form are (2/3, 0, 1) and (0, 1, -1/2) in (u11, u13, u14).
    data = pd.DataFrame({"y": ["sq", "esc/cap", "esc/war", "esc/war"] * 10})
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": "1", "u13": "1", "u14": "1", "u24": "1"})
    assert fit.params["u24:const"] == pytest.approx(math.log(2), abs=1e-5)
    note = next(n for n in fit.notes if "not identified" in n)
    assert "+0.667*u11:const +1*u14:const; +1*u13:const -0.5*u14:const" in note


def test_only_a_difference_of_two_costs_is_identified() -> None:
    # South Korea compares -join_cost_rok with -stay_out_cost_rok: only their difference moves a probability.
    data = pd.DataFrame({"y": ["No attack", "Attack Japan/Join", "Attack Japan/Stay out"] * 10})
    fit = estimate(TargetSelection, data, outcome="y",
                   covariates={"join_cost_rok": "1", "stay_out_cost_rok": "1", "gain_attack_japan": "1"})
    assert not fit.identified
    note = next(n for n in fit.notes if "not identified" in n)
    assert "join_cost_rok:const" in note and "stay_out_cost_rok:const" in note
    assert "gain_attack_japan:const" not in note


def test_identification_helper_names_no_direction_for_an_identified_model() -> None:
    from trigame.estimation._spec import Specification
    from trigame.estimation.likelihood import Likelihood

    spec = Specification(EGAME12, counts_frame(5, 5, 5), outcome="y", covariates={"u11": "1", "u24": "1"},
                         fixed={"u13": 0, "u14": -1})
    assert identification(Likelihood(spec), np.array([0.2, -0.3])) == []


def test_perfect_separation_is_reported() -> None:
    # Every crisis stays at the status quo: u11 runs off to +infinity; never a silent optimum.
    fit = estimate(EGAME12, counts_frame(50, 0, 0), outcome="y", covariates={"u11": "1"},
                   fixed={"u13": 0, "u14": -1, "u24": 0})
    assert fit.notes and not (fit.identified and fit.converged and not fit.notes)


def test_a_parameter_missing_from_the_payoffs_is_refused() -> None:
    with pytest.raises(ParameterError, match="do not appear"):
        estimate(EGAME12.subs(u13=0), counts_frame(3, 3, 3), outcome="y", covariates={"u13": "1"})
    with pytest.raises(ParameterError, match="still hold"):
        estimate(EGAME12, counts_frame(3, 3, 3), outcome="y", covariates={"u11": "1"})


# ---------------------------------------------------------------------------- outcomes, reports
def test_outcomes_may_be_paths_labels_or_tuples() -> None:
    base = counts_frame(7, 2, 3)
    labels = base.assign(y=base["y"].map({"sq": "status quo", "esc/cap": "capitulation", "esc/war": "war"}))
    tuples = base.assign(y=base["y"].map(lambda s: tuple(s.split("/"))))
    options = {"outcome": "y", "covariates": {"u11": "1", "u24": "1"}, "fixed": {"u13": 0, "u14": -1}}
    reference = estimate(EGAME12, base, **options).params
    for frame in (labels, tuples):
        assert estimate(EGAME12, frame, **options).params.to_numpy() == pytest.approx(reference.to_numpy())


def fitted() -> EstimationResult:
    rng = np.random.default_rng(2)
    data = pd.DataFrame({"x": rng.normal(size=300)})
    covariates = {"u11": ["1", "x"], "u24": "1"}
    data["y"] = simulate(EGAME12, data, [0.2, 1.0, 0.5], covariates=covariates, fixed={"u13": 0, "u14": -1}, seed=3)
    return estimate(EGAME12, data, outcome="y", covariates=covariates, fixed={"u13": 0, "u14": -1},
                    bootstrap=20, seed=4)


def test_reports_tables_and_predictions() -> None:
    fit = fitted()
    table = fit.table()
    assert list(table["term"]) == ["u11:const", "u11:x", "u24:const"]
    assert list(table["parameter"]) == ["u11", "u11", "u24"]
    assert {"estimate", "std_error", "p_value", "conf_low", "conf_high", "boot_low", "boot_high"} <= set(table)
    ci = fit.conf_int()
    assert (ci["lower"] < fit.params).all() and (fit.params < ci["upper"]).all()
    boot = fit.conf_int(method="bootstrap")
    assert boot.shape == (3, 2) and (boot["lower"] < boot["upper"]).all()
    latex = fit.to_latex()
    assert latex.startswith(r"\begin{tabular}") and r"\bottomrule" in latex and "u11 & x" in latex
    text = fit.summary()
    assert "u11:x" in text and "Equilibrium:" in text and "backward induction" in text
    assert fit.to_json()["params"]["u11:x"] == pytest.approx(fit.params["u11:x"])
    assert "u11:x" in repr(fit) and "N = 300" in fit.label()
    pred = fit.predict()
    assert pred[["sq", "esc/cap", "esc/war"]].sum(axis=1).to_numpy() == pytest.approx(np.ones(300))
    for outcome in ("sq", "esc/cap", "esc/war"):
        assert (pred[f"{outcome} lower"] <= pred[outcome] + 1e-12).all()
        assert (pred[outcome] <= pred[f"{outcome} upper"] + 1e-12).all()
    actions = fit.predict(kind="action", interval=None)
    assert list(actions.columns) == ["1@root: sq", "1@root: esc", "2@esc: cap", "2@esc: war"]
    # outcome = product of the actions on its path
    assert (actions["1@root: esc"] * actions["2@esc: war"]).to_numpy() == pytest.approx(pred["esc/war"].to_numpy())
    with pytest.raises(ParameterError):
        fit.predict(kind=PAYLOAD)
    new = fit.predict(pd.DataFrame({"x": [-2.0, 0.0, 2.0]}), interval="bootstrap")
    assert len(new) == 3 and new["sq"].is_monotonic_increasing  # u11 rises with x: more status quo
    again = fitted()
    assert again.bootstrap_params.equals(fit.bootstrap_params)


def test_latex_escapes_parameter_names() -> None:
    shares = pd.DataFrame({"japan": ["Cooperate", "Friction"] * 10, "rok": ["Cooperate"] * 12 + ["Friction"] * 8})
    fit = estimate(QuasiAlliance, shares, outcome=["japan", "rok"],
                   covariates={"domestic_cost_japan": "1", "domestic_cost_rok": "1"},
                   fixed={"fear_japan": 0.5, "fear_rok": 0.5})
    assert r"domestic\_cost\_japan" in fit.to_latex()


# ---------------------------------------------------------------------------- hostile input
BAD_CALLS = {
    "covariate column": {"covariates": {"u11": PAYLOAD}},
    "parameter name": {"covariates": {PAYLOAD: "1"}},
    "outcome column": {"outcome": PAYLOAD},
    "start": {"start": [PAYLOAD, 0.0]},
    "lam": {"lam": PAYLOAD},
    "error": {"error": PAYLOAD},
    "selection": {"selection": PAYLOAD},
    "bootstrap": {"bootstrap": "3"},
    "fixed value": {"fixed": {"u13": PAYLOAD, "u14": -1}},
    "max_steps": {"max_steps": PAYLOAD},
    "covariates type": {"covariates": PAYLOAD},
}


@pytest.mark.parametrize("case", sorted(BAD_CALLS))
def test_hostile_arguments_raise_trigame_errors(case: str) -> None:
    options = {"outcome": "y", "covariates": {"u11": "1", "u24": "1"}, "fixed": {"u13": 0, "u14": -1}}
    options.update(BAD_CALLS[case])
    with pytest.raises(TrigameError):
        estimate(EGAME12, counts_frame(3, 3, 3), **options)
    assert not hasattr(builtins, "TRIGAME_PWNED")


def test_hostile_data_raise_trigame_errors() -> None:
    options = {"outcome": "y", "covariates": {"u11": ["1", "x"], "u24": "1"}, "fixed": {"u13": 0, "u14": -1}}
    frame = counts_frame(2, 2, 2)
    with pytest.raises(ParameterError, match="must hold numbers"):
        estimate(EGAME12, frame.assign(x=[PAYLOAD] * 6), **options)
    with pytest.raises(ParameterError, match="missing or infinite"):
        estimate(EGAME12, frame.assign(x=[1.0, np.nan, 0, 0, 0, 0]), **options)
    with pytest.raises(ParameterError, match="not a terminal node"):
        estimate(EGAME12, frame.assign(x=0.0, y=[PAYLOAD] * 6), **options)
    with pytest.raises(ParameterError, match="DataFrame"):
        estimate(EGAME12, PAYLOAD, **options)
    with pytest.raises(ParameterError, match="no rows"):
        estimate(EGAME12, frame.iloc[:0].assign(x=0.0), **options)
    with pytest.raises(TrigameError):
        estimate(PAYLOAD, frame, **options)
    with pytest.raises(TrigameError):
        simulate(EGAME12, frame.assign(x=0.0), {"u11:const": PAYLOAD}, covariates=options["covariates"],
                 fixed=options["fixed"])
    assert not hasattr(builtins, "TRIGAME_PWNED")


# ---------------------------------------------------------------------------- recovery (slow)
@pytest.mark.slow
def test_parameter_recovery_on_the_deterrence_game() -> None:
    # Twenty simulated data sets of 400 crises: the true coefficients lie inside the 95% Wald
    # intervals at least 16 times in 20 for each coefficient (the benchmark runs 100 data sets).
    truth = np.array([0.5, 1.0, -1.0, 0.3, 1.0])
    covariates = {"u11": ["1", "x"], "u14": "1", "u24": ["1", "z"]}
    inside = np.zeros(5)
    for r in range(20):
        rng = np.random.default_rng(100 + r)
        data = pd.DataFrame({"x": rng.normal(size=400), "z": rng.normal(size=400)})
        data["y"] = simulate(EGAME12, data, truth, covariates=covariates, fixed={"u13": 0}, seed=r)
        ci = estimate(EGAME12, data, outcome="y", covariates=covariates, fixed={"u13": 0}).conf_int()
        inside += (ci["lower"].to_numpy() <= truth) & (truth <= ci["upper"].to_numpy())
    assert (inside >= 16).all(), inside


# ---------------------------------------------------------------------------- imperfect information
def signalling() -> GameTree:
    """Nature draws the sender's type; the receiver sees only the signal (two nodes per information set)."""
    a, c = sp.symbols("a c")

    def receiver(signal: str, act: tuple[Any, Any], wait: tuple[Any, Any]) -> Decision:
        return Decision("R", {"act": Terminal(act), "wait": Terminal(wait)}, infoset=f"R|{signal}")

    strong = Decision("S", {"x": receiver("x", (2, -a), (3, 0)), "y": receiver("y", (-c, -a), (1 - c, 0))},
                      infoset="S|strong")
    weak = Decision("S", {"x": receiver("x", (-1, 2), (1, 0)), "y": receiver("y", (-c, 2), (2 - c, 0))},
                    infoset="S|weak")
    return GameTree(Chance({"strong": (sp.Rational(2, 5), strong), "weak": (sp.Rational(3, 5), weak)}))


def test_imperfect_information_tree_by_principal_branch_and_npl() -> None:
    # A fixed point per observation.  Both selections recover the truth within sampling error, and
    # the NPL bootstrap runs each resample's own belief updates.
    rng = np.random.default_rng(8)
    data = pd.DataFrame({"w": rng.normal(size=300)})
    covariates = {"a": "1", "c": ["1", "w"]}
    truth = np.array([1.0, 0.5, 1.0])
    data["y"] = simulate(signalling(), data, truth, covariates=covariates, seed=9)
    principal = estimate(signalling(), data, outcome="y", covariates=covariates)
    assert "principal branch" in principal.selection and principal.identified
    assert np.all(np.abs(principal.params.to_numpy() - truth) < 4 * principal.bse.to_numpy())
    npl = estimate(signalling(), data, outcome="y", covariates=covariates, selection="npl", bootstrap=3, seed=1)
    assert npl.npl_iterations >= 1 and npl.converged
    assert npl.params.to_numpy() == pytest.approx(principal.params.to_numpy(), abs=0.5 * principal.bse.max())
    assert npl.bootstrap_params.notna().all().all()


# ---------------------------------------------------------------------------- the precision
def test_estimated_precision_matches_pygambit_logit_estimate() -> None:
    # A numeric 3x3 game and counts of each player's strategies: the one free coefficient is log(lam).
    # pygambit's logit_estimate maximises the same likelihood (sum of counts times log QRE probabilities)
    # along the principal branch.
    gbt = pytest.importorskip("pygambit")
    from trigame.games.normal_form import NormalFormGame

    a = [[3, 0, 1], [0, 2, 0], [1, 1, 1]]
    b = [[2, 0, 1], [0, 3, 1], [0, 1, 2]]
    game = NormalFormGame([a, b], players=("R", "C"), strategies=(("a", "b", "c"), ("x", "y", "z")))
    counts = ([40, 10, 10], [35, 15, 10])
    gambit = gbt.Game.from_arrays(np.array(a, dtype=float), np.array(b, dtype=float))
    profile = gambit.mixed_strategy_profile(rational=False)
    for player, numbers in zip(gambit.players, counts):
        for strategy, k in zip(player.strategies, numbers):
            profile[strategy] = k
    theirs = gbt.qre.logit_estimate(profile)
    data = pd.DataFrame({"R": [s for s, k in zip("abc", counts[0]) for _ in range(k)],
                         "C": [s for s, k in zip("xyz", counts[1]) for _ in range(k)]})
    fit = estimate(game, data, outcome=["R", "C"], covariates={}, lam="estimate")
    assert fit.lam[0] == pytest.approx(theirs.lam, rel=1e-4)
    assert fit.llf == pytest.approx(theirs.log_like, abs=1e-6)
    assert list(fit.table()["parameter"]) == ["lam"]


def test_precision_and_free_payoffs_are_not_both_identified() -> None:
    # Scaling u24 and lam together leaves every probability unchanged: only lam * u24 is identified.
    data = counts_frame(40, 30, 30)
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": "1", "u24": "1"}, fixed={"u13": 0, "u14": 0},
                   lam="estimate")
    assert not fit.identified
    assert "log_lam" in next(n for n in fit.notes if "not identified" in n)


@pytest.mark.parametrize("options", [{}, {"lam": 1e300}, {"lam": 1e-300}, {"start": [1e300, 0.0, 0.0]}])
def test_extreme_numbers_end_in_a_report_not_a_traceback(options: dict[str, Any]) -> None:
    # Covariates near the float limit, precisions at its ends: the fit ends with notes saying what failed.
    data = counts_frame(4, 4, 4).assign(x=[1e300, -1e300, 1e-300, 5, 1, 2] * 2)
    fit = estimate(EGAME12, data, outcome="y", covariates={"u11": ["1", "x"], "u24": "1"},
                   fixed={"u13": 0, "u14": -1}, **options)
    assert not fit.identified and fit.notes
