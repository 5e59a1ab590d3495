"""Trigger strategies with a noisy public signal (Green & Porter 1984): thresholds derived by hand.

Notation: cooperative payoff c = R, best deviation d = T, punishment n = P; bad signal with
probability p under cooperation and q after a deviation.  Permanent punishment:
V - W = (c - n)/(1 - δ + δp), and the deviation condition c - d + δ(q - p)(V - W) >= 0 becomes
δ[(q - p)(c - n) + (1 - p)(d - c)] >= d - c.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy

from trigame.errors import LabelError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.solve.public_monitoring import trigger_threshold

F = Fraction


def pd(t: object = 5, r: object = 3, p: object = 1, s: object = 0) -> NormalFormGame:
    return NormalFormGame.from_arrays([[r, s], [t, p]], [[r, t], [s, p]], players=["US", "ROK"],
                                      strategies=[["C", "D"]] * 2)


def test_perfect_monitoring_is_the_grim_trigger_threshold() -> None:
    # p = 0, q = 1: δ(R - P + T - R) >= T - R, δ >= (T - R)/(T - P) = 2/4 = 1/2.
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1))
    assert result.threshold == sympy.Rational(1, 2) and result.sustainable is True
    assert result.discounts == sympy.Interval.Ropen(sympy.Rational(1, 2), 1)
    assert result.holds(F(1, 2)) and not result.holds(F(49, 100))


@pytest.mark.parametrize(("accuracy", "threshold"), [(F(1), F(1, 2)), (F(9, 10), F(10, 17)), (F(4, 5), F(5, 7)),
                                                     (F(2, 3), None), (F(3, 5), None)])
def test_threshold_against_signal_accuracy(accuracy: Fraction, threshold: Fraction | None) -> None:
    # Accuracy a: p = 1 - a, q = a.  T, R, P = 5, 3, 1: d - c = 2, c - n = 2:
    # δ >= 2 / (2(2a - 1) + 2a) = 1/(3a - 1): 1/2 at a = 1, 10/17 at 9/10, 5/7 at 4/5, and no
    # δ < 1 once 3a - 1 <= 1, i.e. a <= 2/3.
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(1 - accuracy, accuracy))
    if threshold is None:
        assert result.sustainable is False and result.threshold is None
        assert result.label().startswith("cooperation is sustained for no")
    else:
        assert result.threshold == sympy.Rational(threshold.numerator, threshold.denominator)


def test_symbolic_accuracy_and_payoffs() -> None:
    a = sympy.Symbol("a", positive=True)
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(1 - a, a))
    assert sympy.simplify(result.threshold - 1 / (3 * a - 1)) == 0
    assert result.holds(F(3, 5), a=F(9, 10)) is True           # 3/5 = 0.6 >= 10/17 = 0.588...
    assert result.holds(F(58, 100), a=F(9, 10)) is False        # 0.58 < 10/17
    t, r, p_, s, p, q = sympy.symbols("T R P S p q", positive=True)
    general = trigger_threshold(pd(t, r, p_, s), ("C", "C"), ("D", "D"), bad_signal=(p, q))
    expected = (t - r) / ((q - p) * (r - p_) + (1 - p) * (t - r))
    assert sympy.simplify(general.threshold - expected) == 0
    # Perfect monitoring reduces it to (T - R)/(T - P).
    assert sympy.simplify(general.threshold.subs({p: 0, q: 1}) - (t - r) / (t - p_)) == 0
    # The condition also asks that (D, D) be a stage equilibrium: P >= S for each player.
    assert general.holds(F(3, 4), T=5, R=3, P=1, S=0, p=0, q=1)
    assert not general.holds(F(3, 4), T=5, R=3, P=1, S=2, p=0, q=1)


@pytest.mark.parametrize(("periods", "threshold"), [(1, None), (2, (sympy.sqrt(5) - 1) / 2), (3, "cubic")])
def test_finite_punishment(periods: int, threshold: object) -> None:
    # Perfect monitoring, k periods of (D, D): T - R <= (R - P)(δ + ... + δ^k), here 1 <= δ + ... + δ^k.
    # k = 1: δ >= 1, never; k = 2: δ² + δ - 1 >= 0, δ >= (√5 - 1)/2; k = 3: the root of δ³ + δ² + δ = 1.
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1), punishment_periods=periods)
    if threshold is None:
        assert result.sustainable is False
    elif threshold == "cubic":
        root = float(result.threshold)
        assert abs(root**3 + root**2 + root - 1) < 1e-12 and 0.5 < root < 0.6
    else:
        assert sympy.simplify(result.threshold - threshold) == 0


def test_noise_with_finite_punishment() -> None:
    # p = 1/10, q = 1, k = 2.  V = 3 + δ(9V/10 + W/10), W = 1 + δ + δ²V; a deviation condition
    # -2 + δ(9/10)(V - W) >= 0.  Check at two discount factors against the values solved directly.
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(F(1, 10), 1), punishment_periods=2)
    for delta in (F(7, 10), F(9, 10)):
        v = sympy.Symbol("v")
        w = 1 + delta + delta**2 * v
        value = sympy.solve(sympy.Eq(v, 3 + delta * (F(9, 10) * v + F(1, 10) * w)), v)[0]
        gap = value - w.subs(v, value)
        assert result.holds(delta) is bool(-2 + delta * F(9, 10) * gap >= 0)


def test_signal_given_per_profile() -> None:
    # A deviation by the US is caught more often (q = 1) than one by the ROK (q = 3/4), p = 0:
    # US: δ >= 2/(2 + 2) = 1/2; ROK: δ >= 2/((3/4)2 + 2) = 4/7.  Threshold: 4/7.
    signals = {("C", "C"): 0, ("D", "C"): 1, ("C", "D"): F(3, 4)}
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=signals)
    assert result.threshold == sympy.Rational(4, 7)
    with pytest.raises(ParameterError, match="no probability"):
        trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal={("C", "C"): 0, ("D", "C"): 1})


@pytest.mark.parametrize("signal", [("0", "1"), (0, 1.5), (-0.1, 1), (math.nan, 1), "0,1", (0,), None])
def test_bad_signals(signal: object) -> None:
    with pytest.raises(ParameterError):
        trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=signal)


def test_bad_profiles_and_options() -> None:
    with pytest.raises(LabelError):
        trigger_threshold(pd(), ("C", "X"), ("D", "D"), bad_signal=(0, 1))
    with pytest.raises(LabelError):
        trigger_threshold(pd(), "CC", ("D", "D"), bad_signal=(0, 1))
    with pytest.raises(ParameterError):
        trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1), punishment_periods=10**6)
    with pytest.raises(ParameterError):
        trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1), punishment_periods=0)
    with pytest.raises(ParameterError):
        trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1), discount="delta")
    with pytest.raises(UnsupportedGameError):
        trigger_threshold([[1]], ("C", "C"), ("D", "D"), bad_signal=(0, 1))  # type: ignore[arg-type]
    result = trigger_threshold(pd(), ("C", "C"), ("D", "D"), bad_signal=(0, 1))
    with pytest.raises(TrigameError):
        result.holds("0.7")
    with pytest.raises(ParameterError):
        result.holds(F(1, 2), unknown=1)
    assert result.to_json()["threshold"] == "1/2"
