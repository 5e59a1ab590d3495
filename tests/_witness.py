"""A slice of BayesianLateralPressure with continua, shared by the tests of maps, labels and pickling.

g = 1, k_L = k_H = pi = r = 0, e = 1: a South Korean type gains 1 from mutual cooperation and pays nothing,
Japan's cooperation pays q*L + (1 - q)*H - k_J against the types' cooperation probabilities (L, H).  With
both types cooperating Japan cooperates iff k_J <= 1; with one type only, iff k_J <= q (low) or
k_J <= 1 - q (high): the lines k_J = q and k_J = 1 - q are boundaries of the (q, k_J) slice, with a
continuum of the types' behaviour on them.  The point (q, k_J) = (1/2, 1/4) has a continuum in each stage.
"""

from __future__ import annotations

import functools
from fractions import Fraction as F
from typing import Any

WITNESS: dict[str, Any] = {"cooperation_gain": F(1), "domestic_cost_japan": F(1, 4), "prior_low_cost": F(1, 2),
                           "domestic_cost_rok_low": F(0), "domestic_cost_rok_high": F(0), "pressure": F(0),
                           "us_gain": F(0), "pressing_cost": F(1)}
#: The slice's free parameters, (q, k_J).
FREE = ("prior_low_cost", "domestic_cost_japan")


@functools.cache
def witness_map() -> Any:
    """The regime map of the slice (built once per test process; the tests only read it)."""
    from trigame import statics
    from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure

    return statics.regime_map(BayesianLateralPressure(**WITNESS), free=list(FREE))
