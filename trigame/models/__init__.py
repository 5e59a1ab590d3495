"""Typed, documented families of games for the US-Japan-South Korea triangle.

Each model is a frozen dataclass of named parameters whose payoffs are written
once (see :mod:`trigame.models.base`):

=========================  ==================================================  ===========
model                      game                                                literature
=========================  ==================================================  ===========
AllianceSecurityDilemma    two allies choose Strong or Weak commitment         Snyder 1984
QuasiAlliance              Japan and South Korea choose Cooperate or Friction  Cha 1999
=========================  ==================================================  ===========

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> [p.name for p in QuasiAlliance.parameters()][:2]
['fear_japan', 'fear_rok']
"""

from __future__ import annotations

from trigame.models.base import NONNEGATIVE, POSITIVE, REAL, UNIT, Interval, Model, Parameter, Scenario, parameter
from trigame.models.quasi_alliance import QuasiAlliance
from trigame.models.security_dilemma import AllianceSecurityDilemma

__all__ = [
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "UNIT",
    "AllianceSecurityDilemma",
    "Interval",
    "Model",
    "Parameter",
    "QuasiAlliance",
    "Scenario",
    "parameter",
]
