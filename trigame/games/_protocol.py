"""What the payoff kernels read from a strategic-form game.

The profile and scaling kernels (:mod:`trigame.games.profiles`,
:mod:`trigame.games.scaling`) sit below :class:`~trigame.games.normal_form.NormalFormGame`,
whose methods call them; they see the game through this structural type, so
that no module of the room imports its own importer.  A ``NormalFormGame``
satisfies it.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from trigame._numbers import Kind

__all__ = ["StrategicForm"]


class StrategicForm(Protocol):
    """A finite game in strategic form, as the kernels read it (a :class:`~trigame.NormalFormGame`)."""

    #: Derived payoff arrays, computed on demand and kept with the game.
    _cache: dict[str, Any]

    @property
    def n_players(self) -> int: ...

    @property
    def shape(self) -> tuple[int, ...]: ...

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def kind(self) -> Kind: ...

    @property
    def payoffs(self) -> np.ndarray: ...

    def strategy_index(self, player: int | str, strategy: int | str) -> int: ...
