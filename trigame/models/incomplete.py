"""Models of incomplete information: a base class for models whose payoffs build a Bayesian or signalling game.

A model's ``payoffs(v)`` may return a :class:`~trigame.games.bayesian.BayesianGame`
or a :class:`~trigame.games.signaling.SignalingGame` instead of a payoff table or
a tree.  Priors are then ordinary parameters: declared with
:func:`~trigame.models.parameters.parameter` (domain
:data:`~trigame.models.parameters.UNIT` for a probability), validated like any
other, made SymPy symbols by :meth:`~trigame.models.base.Model.symbolic_game`,
and written into the game's prior with plain arithmetic (``1 - v.prior_resolved``).
A prior of 0 or 1 is solved too: a type of probability zero is never drawn (in a
signalling game it still best responds, and beliefs give it weight zero wherever
a type that is drawn could have sent the message).

Subclass :class:`IncompleteInformationModel` (not :class:`~trigame.models.base.Model`
directly) for such a model.  It keeps every method of the base class and changes
what the equilibria are:

* a Bayesian game: :meth:`IncompleteInformationModel.equilibria` returns every
  Bayesian Nash equilibrium (:func:`trigame.solve.bayesian.bayesian_equilibria`,
  through Selten's type-agent form);
* a signalling game: every perfect Bayesian equilibrium
  (:func:`trigame.solve.perfect_bayesian.perfect_bayesian`), optionally refined
  (``refine="intuitive"`` or ``"D1"``);
* ``nash=True``: the Nash equilibria of the ex-ante strategic form (type-contingent
  strategies) of a Bayesian game, or of the Harsanyi tree's strategic form of a
  signalling game.

:meth:`~trigame.models.base.Model.payoff_tensor` of a Bayesian model holds the
payoffs of the ex-ante strategic form (:meth:`BayesianGame.to_normal_form`,
whose strategies are ``"a|b"`` -- one action per type), built from the
symbolic game: every type keeps its strategies, also at a grid point where a
prior gives it probability zero (the game at that point drops the type).  The symbolic regimes of
:mod:`trigame.statics` solve a Bayesian model through its type-agent form, in
closed form when it is 2x2 or 2x2x2 (a tree with a chance move before simultaneous moves,
like :class:`~trigame.models.lateral_pressure_bayesian.BayesianLateralPressure`, through the agent form of
each such stage); a signalling model's regimes are its perfect
Bayesian equilibria, each as expressions in the parameters (priors included) with the
exact condition under which it exists
(:mod:`trigame.solve.perfect_bayesian.symbolic_signaling`).
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any

import numpy as np

from trigame.errors import TrigameError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.games.signaling import SignalingGame
from trigame.models.base import Model, _either

__all__ = ["IncompleteInformationModel"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class IncompleteInformationModel(Model):
    """Base class of models whose ``payoffs(v)`` returns a BayesianGame or a SignalingGame.

    Declared like any :class:`~trigame.models.base.Model` (a frozen dataclass of
    :func:`~trigame.models.parameters.parameter` fields, ``players``, ``title``,
    ``scenarios``, ``headline``), without ``strategies``: the game's types and
    actions are given to the game ``payoffs(v)`` builds.

    Examples
    --------
    An entrant unsure whether the incumbent is tough, with the prior a parameter:

    >>> from dataclasses import dataclass
    >>> from trigame.games.bayesian import BayesianGame
    >>> from trigame.models import UNIT, parameter
    >>> @dataclass(frozen=True, kw_only=True)
    ... class Entry(IncompleteInformationModel):
    ...     players = ("Incumbent", "Entrant")
    ...     prior_tough: float = parameter(default=0.5, domain=UNIT, description="prior of a tough incumbent")
    ...     @staticmethod
    ...     def payoffs(v):
    ...         def u(types, actions):
    ...             if actions[1] == "Out":
    ...                 return (2, 0)
    ...             return ((1 if types[0] == "tough" else -1), -1) if actions[0] == "Fight" else (0, 1)
    ...         return BayesianGame(["Incumbent", "Entrant"], {"Incumbent": ["tough", "weak"], "Entrant": ["-"]},
    ...                             {"Incumbent": {"tough": v.prior_tough, "weak": 1 - v.prior_tough}},
    ...                             {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}, u)
    >>> from fractions import Fraction
    >>> sorted(e.label() for e in Entry(prior_tough=Fraction(1, 3)).equilibria().pure())[1]
    'Incumbent: Fight if tough, Yield if weak; Entrant: In'
    """

    def game(self) -> Any:
        """The Bayesian or signalling game at the instance's values (ints and Fractions give an exact game)."""
        built = self.payoffs(types.SimpleNamespace(**self.values(), **self.option_values()))
        _check_built(type(self).__name__, built)
        return built

    def equilibria(self, *, nash: bool = False, method: str = "auto", refine: str | None = None,
                   **options: Any) -> Any:
        """The model's equilibria at the instance's values.

        A Bayesian game: every Bayesian Nash equilibrium
        (:func:`trigame.solve.bayesian.bayesian_equilibria`, options passed on).
        A signalling game: every perfect Bayesian equilibrium
        (:func:`trigame.solve.perfect_bayesian.perfect_bayesian`), with ``refine``
        ``None``, ``"intuitive"`` or ``"D1"``.  With ``nash=True``: the Nash
        equilibria of the strategic form (``method`` as in :func:`trigame.equilibria`).

        Raises
        ------
        UnsupportedGameError
            ``refine`` with a Bayesian game (the refinements are defined for signalling games).
        """
        game = self.game()
        if nash:
            from trigame.solve import equilibria as nash_equilibria

            form = game.to_normal_form() if isinstance(game, BayesianGame) else game.to_tree().to_normal_form()
            return nash_equilibria(form, method=method, **options)
        if isinstance(game, BayesianGame):
            if refine is not None:
                raise UnsupportedGameError(f"{type(self).__name__}: refine={refine!r} applies to signalling games; "
                                           "this model's game is a Bayesian game (use refine=None)")
            from trigame.solve.bayesian import bayesian_equilibria

            return bayesian_equilibria(game, **options)
        from trigame.solve.perfect_bayesian import perfect_bayesian

        return perfect_bayesian(game, refine=refine, **options)

    @_either
    def payoff_tensor(self, **values: Any) -> np.ndarray:
        """Payoffs of the ex-ante strategic form of a batch of Bayesian games (see :meth:`Model.payoff_tensor`).

        Raises
        ------
        UnsupportedGameError
            For a signalling model: build the games one by one with ``m.replace(...).game()``.
        """
        cls = self if isinstance(self, type) else type(self)
        options = {k: x for k, x in values.items() if k in cls.option_names()}
        if isinstance(self.symbolic_game(**options), SignalingGame):
            raise UnsupportedGameError(f"{cls.__name__}: payoff_tensor is not available for a signalling model; "
                                       "build the games one by one with m.replace(...).game()")
        base: Any = Model.__dict__["payoff_tensor"]  # the unbound method behind Model's class-or-instance binding
        return base.func(self, **values)  # type: ignore[no-any-return]


def _check_built(name: str, built: Any) -> None:
    if not isinstance(built, (BayesianGame, SignalingGame)):
        raise TrigameError(f"{name}.payoffs must return a BayesianGame or a SignalingGame (an "
                           f"IncompleteInformationModel), got {type(built).__name__}")
