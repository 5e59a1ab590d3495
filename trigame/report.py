"""The analysis of every model in one report: equilibria, regimes and region maps.

:func:`write_report` solves each model of :data:`trigame.models.MODELS` at its
defaults and at every preset (Nash equilibria; for sequential models also the
subgame-perfect ones, and the Nash equilibria that are not subgame-perfect),
lists its regimes with their conditions (:func:`trigame.statics.regimes`) and
draws a region map of its two headline parameters (:func:`trigame.statics.sweep`).
It writes ``report.md`` -- Markdown that reads well on GitHub, with the figures
embedded -- and the PNG figures into one folder.  ``trigame report`` is a thin
wrapper around it.

The building blocks are public too: :func:`model_registry` and
:func:`find_model` (model names matched case-insensitively, also in
snake_case), and :func:`solve_model`, which pairs the Nash and subgame-perfect
equilibria of a model instance and says which Nash equilibria are
subgame-perfect.

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> find_model("quasi_alliance") is QuasiAlliance
True
>>> solution = solve_model(QuasiAlliance(fear_japan=1, fear_rok=1))
>>> len(solution.nash), solution.subgame_perfect is None
(3, True)
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from trigame.errors import ParameterError

if TYPE_CHECKING:
    from trigame.equilibrium import Equilibrium, EquilibriumSet
    from trigame.models.base import Model
    from trigame.tree import GameTree, SubgamePerfectSet

__all__ = [
    "ModelSolution",
    "find_model",
    "headline",
    "is_subgame_perfect",
    "model_registry",
    "solve_model",
]


# ---------------------------------------------------------------------------- the models
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


def is_sequential(model: type[Model] | Model) -> bool:
    """True for a model whose game is a tree (its equilibria are subgame-perfect)."""
    cls = model if isinstance(model, type) else type(model)
    return not cls.strategies


# ---------------------------------------------------------------------------- solving one instance
@dataclasses.dataclass(frozen=True)
class ModelSolution:
    """The equilibria of one model instance.

    Attributes
    ----------
    model : Model
        The instance that was solved.
    nash : EquilibriumSet
        Every Nash equilibrium of the model's strategic form.
    subgame_perfect : SubgamePerfectSet or None
        Every subgame-perfect equilibrium (sequential models), None for a
        strategic-form model.
    nash_is_subgame_perfect : tuple of (bool or None)
        For a sequential model, one entry per Nash equilibrium (see
        :func:`is_subgame_perfect`): True when it is subgame-perfect, False
        when it is not, None for a mixed equilibrium that correlates a
        player's choices at different information sets (its behaviour off the
        path is then not determined).  Empty for strategic-form models.
    """

    model: Model
    nash: EquilibriumSet
    subgame_perfect: SubgamePerfectSet | None
    nash_is_subgame_perfect: tuple[bool | None, ...] = ()

    @property
    def differ(self) -> bool:
        """True when some Nash equilibrium is not (known to be) subgame-perfect."""
        return self.subgame_perfect is not None and not all(self.nash_is_subgame_perfect)


def solve_model(model: Model) -> ModelSolution:
    """Nash equilibria of a model instance, and its subgame-perfect equilibria when it is sequential.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> [e.label() for e in solve_model(QuasiAlliance()).nash]
    ['Japan: Friction, South Korea: Friction']
    """
    if not is_sequential(model):
        return ModelSolution(model, model.equilibria(), None)
    spes = model.equilibria()
    nash = model.equilibria(nash=True)
    tree = model.game()
    flags = tuple(is_subgame_perfect(tree, eq) for eq in nash)
    return ModelSolution(model, nash, spes, flags)


def _behavior(tree: GameTree, equilibrium: Equilibrium) -> dict[Any, dict[str, Any]]:
    """Each information set's marginal distribution of actions under a mixed profile of the strategic form."""
    behavior: dict[Any, dict[str, Any]] = {}
    for player, vector in zip(tree.players, equilibrium.strategies):
        pure = tree.pure_strategies(player)
        probabilities = vector.tolist()
        for slot, info in enumerate(tree.player_infosets(player)):
            dist: dict[str, Any] = {}
            for strategy, p in zip(pure, probabilities):
                dist[strategy[slot]] = dist.get(strategy[slot], 0) + p
            behavior[info.key] = {a: dist.get(a, 0 * probabilities[0]) for a in info.actions}
    return behavior


def is_subgame_perfect(tree: GameTree, equilibrium: Equilibrium) -> bool | None:
    """Whether a Nash equilibrium of ``tree.to_normal_form()`` is subgame-perfect.

    A mixed strategy of the strategic form that randomises independently at
    each information set is the strategic form of one behaviour strategy (its
    marginals); the profile is subgame-perfect iff that behaviour profile is a
    Nash equilibrium of every subgame (Selten 1965), which is checked subgame
    by subgame with :func:`trigame.is_nash`.  A mixed strategy that correlates
    choices at different information sets fixes no behaviour off its path;
    then the answer is None (undetermined).

    Examples
    --------
    The China-veto tree shipped with trigame: the allies abstain because China
    would back Pyongyang after cooperation -- a Nash equilibrium that is not
    subgame-perfect, since backing after cooperation costs China 1.

    >>> import trigame as tg
    >>> from trigame.cli import bundled_games
    >>> tree = tg.read_efg(bundled_games()["china_veto.efg"])
    >>> [(e.label(), is_subgame_perfect(tree, e)) for e in tg.equilibria(tree.to_normal_form()) if e.is_pure]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Japan-ROK: Cooperate, China: Accommodate|Accommodate', True),
     ('Japan-ROK: Cooperate, China: Accommodate|Back Pyongyang', False),
     ('Japan-ROK: Abstain, China: Back Pyongyang|Accommodate', False)]
    """
    from trigame.verify import is_nash

    behavior = _behavior(tree, equilibrium)
    if not equilibrium.isclose(tree.strategy_profile(behavior)):
        return None
    for path in tree.subgame_roots():
        subgame = tree.subgame(path) if path else tree
        local = {info.key: behavior[info.key] for info in subgame.information_sets}
        if not is_nash(subgame.to_normal_form(), subgame.strategy_profile(local)):
            return False
    return True


def instances(model: type[Model]) -> dict[str, Model]:
    """``{"defaults": model(), preset name: instance, ...}``: the points the report solves."""
    return {"defaults": model(), **model.presets()}
