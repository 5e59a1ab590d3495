"""The models a report covers: finding one by name, and what its pictures show.

:func:`model_registry` lists the models shipped with trigame
(:data:`trigame.models.MODELS`) and :func:`find_model` finds one by name
(case-insensitively, also in ``snake_case`` or ``kebab-case``), for the report
and the command line; :func:`headline` names the two parameters a region map
of a model shows and :func:`map_range` the interval drawn for each;
:func:`instances` the points the report solves (the defaults and every
preset); :func:`game_kind` says what kind of game a model builds
(strategic form, game tree, Bayesian or signalling game).

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> find_model("quasi_alliance") is QuasiAlliance
True
>>> list(instances(QuasiAlliance))[0]
'defaults'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from trigame.errors import ParameterError

if TYPE_CHECKING:
    from trigame.models.base import Model
    from trigame.models.parameters import Parameter

__all__ = [
    "MAP_RANGES",
    "find_model",
    "game_kind",
    "headline",
    "instances",
    "is_bayesian",
    "is_sequential",
    "map_range",
    "model_registry",
    "summary_line",
]


def model_registry() -> dict[str, type[Model]]:
    """Every model shipped with trigame, ``{class name: class}``.

    This is :data:`trigame.models.MODELS`; when a build of trigame has no such
    registry, the :class:`~trigame.models.Model` subclasses that
    :mod:`trigame.models` exports.

    Examples
    --------
    >>> "QuasiAlliance" in model_registry()
    True
    """
    import trigame.models as models
    from trigame.models.base import Model

    registry = getattr(models, "MODELS", None)
    if registry is not None:
        return dict(registry)
    found: dict[str, type[Model]] = {}
    for name in getattr(models, "__all__", ()):
        obj = getattr(models, name, None)
        if isinstance(obj, type) and issubclass(obj, Model) and obj is not Model:
            found[obj.__name__] = obj
    return found


def _key(name: str) -> str:
    """``"China_Reaction"``, ``"china-reaction"`` and ``"ChinaReaction"`` all give ``"chinareaction"``."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def find_model(name: str) -> type[Model]:
    """The model class called ``name`` (case-insensitive; ``snake_case`` and ``kebab-case`` accepted).

    Raises
    ------
    ParameterError
        When no model has that name; the message lists the models.

    Examples
    --------
    >>> find_model("QUASIALLIANCE").__name__
    'QuasiAlliance'
    >>> find_model("no_such_model")
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: unknown model 'no_such_model'; the models are: ...
    """
    registry = model_registry()
    wanted = _key(name)
    for cls_name, cls in registry.items():
        if _key(cls_name) == wanted:
            return cls
    raise ParameterError(f"unknown model {name!r}; the models are: {', '.join(registry)}")


def headline(model: type[Model]) -> tuple[str, ...]:
    """The model's two headline parameters (its ``headline`` attribute), drawn in region maps.

    A model without a ``headline`` attribute uses its first two parameters.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> len(headline(QuasiAlliance))
    2
    """
    names = getattr(model, "headline", None)
    if not names:
        names = model.parameter_names()[:2]
    return tuple(names)


def summary_line(model: type[Model]) -> str:
    """The first line of the model's docstring (its one-line description)."""
    doc = (model.__doc__ or "").strip().splitlines()
    return doc[0].strip() if doc else (model.title or model.__name__)


def game_kind(model: type[Model] | Model) -> str:
    """What the model builds: ``"strategic form"``, ``"game tree"``, ``"Bayesian game"``, ``"signalling game"``,
    ``"continuous game"`` or ``"repeated game"``.

    A class is judged by its default variant, an instance by its own.

    Examples
    --------
    >>> from trigame.models import ChinaReaction, ExtendedDeterrence, QuasiAlliance
    >>> game_kind(QuasiAlliance), game_kind(ChinaReaction), game_kind(ExtendedDeterrence)
    ('strategic form', 'game tree', 'Bayesian game')
    """
    from trigame.models.incomplete import IncompleteInformationModel

    declared = getattr(model, "game_kind", None)
    if isinstance(declared, str):  # a model that builds a continuous or repeated game says so
        return declared
    incomplete = isinstance(model, IncompleteInformationModel) or (
        isinstance(model, type) and issubclass(model, IncompleteInformationModel))
    if incomplete:
        from trigame.games.bayesian import BayesianGame

        game = (model() if isinstance(model, type) else model).game()
        return "Bayesian game" if isinstance(game, BayesianGame) else "signalling game"
    if model.strategies:
        return "strategic form"
    from trigame.games.tree import GameTree

    game = (model() if isinstance(model, type) else model).game()
    if isinstance(game, GameTree):
        return "game tree"
    kind = type(game).__name__
    return "continuous game" if "Continuous" in kind else "repeated game" if "Repeated" in kind else kind


def is_sequential(model: type[Model] | Model) -> bool:
    """True for a model (class: its default variant; instance: its own variant) whose game is a tree."""
    return game_kind(model) == "game tree"


def is_bayesian(model: type[Model] | Model) -> bool:
    """True for a model whose game is a :class:`~trigame.games.bayesian.BayesianGame`."""
    return game_kind(model) == "Bayesian game"


def instances(model: type[Model]) -> dict[str, Model]:
    """``{"defaults": model(), preset name: instance, ...}``: the points the report solves."""
    return {"defaults": model(), **model.presets()}


#: Intervals of a model's headline map chosen to show every regime: each boundary of the map crosses the
#: inside of the picture (US lateral pressure: pressing pays while its cost is below the US gain, 3; target
#: selection: Japan joins while its cost of joining is below its cost of staying out, 2).
MAP_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "LateralPressure": {"pressure": (0.0, 3.0), "pressing_cost": (0.0, 5.0)},
    "TargetSelection": {"join_cost_japan": (0.0, 4.0), "join_cost_rok": (0.0, 3.0)},
    # who contributes changes at theta = 2/21 and 1/3 (the default budgets); the ROK's grim-trigger threshold
    # h_K / b crosses the discount factors of (0, 1) for h_K up to b = 3
    "BurdenSharing": {"consumption_weight": (0.0, 0.6)},
    "TrustBuilding": {"domestic_cost_rok": (0.0, 3.0)},
}


def map_range(parameter: Parameter, points: int, model: type[Model] | None = None) -> tuple[float, float]:
    """The interval a region map shows for a parameter: its whole domain when bounded, else around its default.

    A model's own interval (:data:`MAP_RANGES`) comes first.  Otherwise a
    bounded domain is drawn whole; an unbounded side extends to twice the
    default's distance from the other end (at least 2 units).  An open end
    is moved in by one grid step.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> fear, _, value = QuasiAlliance.parameters()[:3]
    >>> map_range(fear, 101), map_range(value, 101)
    ((0.0, 1.0), (0.06, 6.0))
    """
    domain = parameter.domain
    default = float(parameter.default)
    lower = None if domain.lower is None else float(domain.lower)
    upper = None if domain.upper is None else float(domain.upper)
    chosen = MAP_RANGES.get(model.__name__, {}).get(parameter.name) if model is not None else None
    if chosen is not None:
        lo, hi = chosen
    elif lower is None and upper is None:
        reach = 2 * max(abs(default), 1.0)
        lo, hi = default - reach, default + reach
    elif upper is None:
        assert lower is not None
        lo, hi = lower, lower + 2 * max(default - lower, 1.0)
    elif lower is None:
        lo, hi = upper - 2 * max(upper - default, 1.0), upper
    else:
        lo, hi = lower, upper
    step = (hi - lo) / (points - 1)
    if domain.lower is not None and domain.lower_open:
        lo += step
    if domain.upper is not None and domain.upper_open:
        hi -= step
    return lo, hi

