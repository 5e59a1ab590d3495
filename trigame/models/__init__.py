"""Typed, documented families of games for the US-Japan-South Korea triangle.

Each model is a frozen dataclass of named parameters whose payoffs are written
once (see ``trigame.models.base``; parameters are declared with the helpers of
``trigame.models.parameters``, conditions on them written with those of
``trigame.models.expressions``).  The models, their games and the literature
they follow:

* ``AllianceSecurityDilemma`` -- two allies choose a Strong or a Weak
  commitment (Snyder 1984).
* ``QuasiAlliance`` -- Japan and South Korea choose Cooperate or Friction
  (Cha 1999).
* ``ChinaReaction`` -- the allies cooperate or abstain; China then
  accommodates or backs Pyongyang (Sahashi 2011; models.md §8.1(a)).
* ``LateralPressure`` -- the United States presses (or not); then the allies
  cooperate or abstain (models.md §8.1(b)).
* ``TargetSelection`` -- North Korea attacks Japan, South Korea or no one; the
  ally not attacked joins or stays out (Quackenbush 2006).

Models of incomplete information derive from ``IncompleteInformationModel``
(``trigame.models.incomplete``): their payoffs build a Bayesian or a
signalling game, and their priors are ordinary parameters.

* ``ExtendedDeterrence`` -- South Korea, unsure whether the United States is
  resolved, relies on it or hedges (a Bayesian game).
* ``ChinaInference`` -- China reads the coalition's target from the design of
  trilateral cooperation (a signalling game; Sahashi 2011 and a reader's reply).
* ``Ratification`` -- GSOMIA 2012: the government signs or pulls the signing,
  unsure of the National Assembly's cost (a signalling game; Putnam 1988).

``BayesianLateralPressure`` (a tree with a chance move, solved by subgame
perfection) is LateralPressure with the United States unsure of Seoul's
domestic cost.

Models whose players choose levels or play again and again:

* ``BurdenSharing`` -- the three allies' contributions to the common defence
  as a public good, with host-nation support (a continuous game; Olson and
  Zeckhauser 1966).
* ``TrustBuilding`` -- Japan and South Korea share intelligence or withhold
  it in every period (an infinitely repeated game).

``MODELS`` maps each model's class name to the class, in the order above (the
order the command line and the report use).

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> [p.name for p in QuasiAlliance.parameters()][:2]
['fear_japan', 'fear_rok']
"""

from __future__ import annotations

from trigame.models.base import Model
from trigame.models.burden_sharing import BurdenSharing
from trigame.models.china_inference import ChinaInference
from trigame.models.china_reaction import ChinaReaction
from trigame.models.expressions import maximum, minimum, where
from trigame.models.extended_deterrence import ExtendedDeterrence
from trigame.models.incomplete import IncompleteInformationModel
from trigame.models.lateral_pressure import LateralPressure
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.models.parameters import (
    NONNEGATIVE,
    POSITIVE,
    REAL,
    UNIT,
    Interval,
    Parameter,
    Scenario,
    option,
    parameter,
)
from trigame.models.quasi_alliance import QuasiAlliance
from trigame.models.ratification import Ratification
from trigame.models.security_dilemma import AllianceSecurityDilemma
from trigame.models.target_selection import TargetSelection
from trigame.models.trust_building import TrustBuilding

#: Every model, by class name, in the order of the list above.
MODELS: dict[str, type[Model]] = {
    model.__name__: model
    for model in (AllianceSecurityDilemma, QuasiAlliance, ChinaReaction, LateralPressure, TargetSelection,
                  ExtendedDeterrence, ChinaInference, Ratification, BayesianLateralPressure, BurdenSharing,
                  TrustBuilding)
}

__all__ = [
    "MODELS",
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "UNIT",
    "AllianceSecurityDilemma",
    "BayesianLateralPressure",
    "BurdenSharing",
    "ChinaInference",
    "ChinaReaction",
    "ExtendedDeterrence",
    "IncompleteInformationModel",
    "Interval",
    "LateralPressure",
    "Model",
    "Parameter",
    "QuasiAlliance",
    "Ratification",
    "Scenario",
    "TargetSelection",
    "TrustBuilding",
    "maximum",
    "minimum",
    "option",
    "parameter",
    "where",
]
