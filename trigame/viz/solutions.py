"""The equilibria of one model instance: Nash and, for a game tree, subgame-perfect, paired.

:func:`solve_model` solves an instance the way the report shows it: all Nash
equilibria of a strategic-form model; for a sequential model its
subgame-perfect equilibria and the Nash equilibria of its strategic form,
each marked by :func:`is_subgame_perfect` (a Nash equilibrium that is not
subgame-perfect rests on a choice off the equilibrium path that its player would
not make if the moment came, such as a threat that would not be carried out;
Selten 1965).  :data:`OFF_PATH_CHOICE` is that phrase, shared by the report and
``trigame solve``.

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> solution = solve_model(QuasiAlliance(fear_japan=1, fear_rok=1))
>>> len(solution.nash), solution.subgame_perfect is None
(3, True)
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from trigame.errors import ParameterError
from trigame.viz.catalogue import is_sequential

if TYPE_CHECKING:
    from trigame.games.tree import GameTree
    from trigame.models.base import Model
    from trigame.results import Equilibrium, EquilibriumSet, SubgamePerfectSet
    from trigame.results.bayesian import BayesianEquilibriumSet

__all__ = ["OFF_PATH_CHOICE", "ModelSolution", "is_subgame_perfect", "solve_model"]

#: What a Nash equilibrium that is not subgame-perfect rests on, in the report's and the command line's words.
OFF_PATH_CHOICE = (
    "a choice off the equilibrium path that its player would not make if the moment came, "
    "such as a threat that would not be carried out"
)


@dataclasses.dataclass(frozen=True)
class ModelSolution:
    """The equilibria of one model instance.

    Attributes
    ----------
    model : Model
        The instance that was solved.
    nash : EquilibriumSet or BayesianEquilibriumSet
        The Nash equilibria of the model's strategic form: all of them, or for
        a sequential model solved with ``nash="pure"`` all pure ones.  For a
        Bayesian model (:func:`~trigame.viz.catalogue.is_bayesian`): all its
        Bayesian Nash equilibria, a
        :class:`~trigame.results.bayesian.BayesianEquilibriumSet`.
    nash_scope : str
        ``"all"`` or ``"pure"``: which Nash equilibria ``nash`` holds.
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
    nash: EquilibriumSet | BayesianEquilibriumSet
    nash_scope: str
    subgame_perfect: SubgamePerfectSet | None
    nash_is_subgame_perfect: tuple[bool | None, ...] = ()

    @property
    def differ(self) -> bool:
        """True when some Nash equilibrium is not (known to be) subgame-perfect."""
        return self.subgame_perfect is not None and not all(self.nash_is_subgame_perfect)


def solve_model(model: Model, *, nash: str = "all") -> ModelSolution:
    """Nash equilibria of a model instance, and its subgame-perfect equilibria when it is sequential.

    Parameters
    ----------
    model : Model
        The instance to solve.
    nash : {"all", "pure"}, default "all"
        Sequential models: compute every Nash equilibrium of the strategic
        form (every extreme one where there is a continuum), or only the pure
        ones -- much faster on large strategic forms, and enough to show the
        Nash equilibria that rest on threats subgame perfection removes.
        Strategic-form models always get all of them.  A Bayesian model gets
        all its Bayesian Nash equilibria (:meth:`Model.equilibria`).

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> [e.label() for e in solve_model(QuasiAlliance()).nash]
    ['Japan: Friction, South Korea: Friction']
    """
    from trigame.solve import pure_equilibria

    if nash not in ("all", "pure"):
        raise ParameterError(f"nash must be 'all' or 'pure', got {nash!r}")
    if not is_sequential(model):  # strategic-form models; Bayesian models get their BNE
        return ModelSolution(model, model.equilibria(), "all", None)
    spes = model.equilibria()
    tree = model.game()
    found = model.equilibria(nash=True) if nash == "all" else pure_equilibria(tree.to_normal_form())
    flags = tuple(is_subgame_perfect(tree, eq) for eq in found)
    return ModelSolution(model, found, nash, spes, flags)


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

