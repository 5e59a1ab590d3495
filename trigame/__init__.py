"""trigame: game-theoretic models of alliance politics.

Normal-form games with float, exact or symbolic payoffs; complete equilibrium
solvers whose every answer is independently verified; Gambit ``.nfg`` files.

>>> import trigame as tg
>>> g = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> tg.equilibria(g)[0].as_dict()
{'Player 1': {'s1': Fraction(0, 1), 's2': Fraction(1, 1)}, 'Player 2': {'s1': Fraction(0, 1), 's2': Fraction(1, 1)}}
"""

from __future__ import annotations

from typing import Any

from trigame import _aliases
from trigame._figures_slot import use_figures as _use_figures
from trigame._version import __version__ as __version__
from trigame.errors import (
    BudgetExceededError,
    EFGFormatError,
    GameShapeError,
    LabelError,
    MethodError,
    MissingDependencyError,
    NFGFormatError,
    ParameterError,
    PayoffTypeError,
    PayoffValueError,
    ProfileError,
    SolverError,
    TreeError,
    TrigameError,
    UnsupportedGameError,
)
from trigame.games.normal_form import NormalFormGame
from trigame.results import Equilibrium, EquilibriumSet
from trigame.solve import equilibria, pure_equilibria
from trigame.verify import best_responses, is_nash, regret

_aliases.install()  # old import paths (trigame.game, trigame.tree, trigame.batch, ...) keep working


def _figures() -> Any:
    from trigame.viz import figures

    return figures


# SweepResult.plot draws with trigame.viz.figures, a room above statics: installed here, imported at the first picture.
_use_figures(_figures)

__all__ = [
    "AlternatingOffers",
    "Automaton",
    "BayesianEquilibrium",
    "BayesianEquilibriumSet",
    "BayesianGame",
    "BeliefSet",
    "BudgetExceededError",
    "Chance",
    "ContinuousGame",
    "Decision",
    "EFGFormatError",
    "Equilibrium",
    "EquilibriumSet",
    "FearonBargaining",
    "FinitelyRepeatedGame",
    "GameShapeError",
    "GameTree",
    "InformationSet",
    "LabelError",
    "MethodError",
    "MissingDependencyError",
    "NFGFormatError",
    "NormalFormGame",
    "Parameter",
    "ParameterError",
    "PayoffTypeError",
    "PayoffValueError",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "ProfileError",
    "RepeatedGame",
    "SequentialContinuousGame",
    "SignalingGame",
    "SolverError",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSet",
    "Terminal",
    "TreeError",
    "TrigameError",
    "UltimatumGame",
    "UniformCost",
    "UnsupportedGameError",
    "agent_qre",
    "bargaining_equilibria",
    "bargaining_range",
    "bayesian_equilibria",
    "best_response_dynamics",
    "best_responses",
    "carrot_and_stick",
    "check_assessment",
    "continuous_best_response",
    "continuous_equilibria",
    "d1",
    "equilibria",
    "estimate",
    "feasible_set",
    "finitely_repeated_equilibria",
    "folk_region",
    "forgiving_trigger",
    "format_efg",
    "format_nfg",
    "grim_trigger",
    "intuitive_criterion",
    "is_bayesian_nash",
    "is_continuous_nash",
    "is_evolutionarily_stable",
    "is_logit_qre",
    "is_nash",
    "is_neutrally_stable",
    "is_perfect_bayesian",
    "minmax",
    "parse_efg",
    "parse_nfg",
    "perfect_bayesian",
    "pure_equilibria",
    "qre",
    "read_efg",
    "read_nfg",
    "regret",
    "repeated_equilibrium_payoffs",
    "replicator_dynamics",
    "sequential_equilibria",
    "stage",
    "subgame_perfect",
    "tit_for_tat",
    "trigger_threshold",
    "universal_divinity",
    "write_efg",
    "write_nfg",
]

# Names served lazily so that ``import trigame`` stays light.
_LAZY = {
    "read_nfg": ("trigame.io.nfg", "read_nfg"),
    "write_nfg": ("trigame.io.nfg", "write_nfg"),
    "parse_nfg": ("trigame.io.nfg", "parse_nfg"),
    "format_nfg": ("trigame.io.nfg", "format_nfg"),
    "GameTree": ("trigame.games.tree", "GameTree"),
    "Decision": ("trigame.games.tree", "Decision"),
    "Chance": ("trigame.games.tree", "Chance"),
    "Terminal": ("trigame.games.tree", "Terminal"),
    "InformationSet": ("trigame.games.tree", "InformationSet"),
    "SubgamePerfectEquilibrium": ("trigame.results", "SubgamePerfectEquilibrium"),
    "SubgamePerfectSet": ("trigame.results", "SubgamePerfectSet"),
    "stage": ("trigame.games.tree", "stage"),
    "subgame_perfect": ("trigame.solve.subgame_perfect", "subgame_perfect"),
    "read_efg": ("trigame.io.efg", "read_efg"),
    "write_efg": ("trigame.io.efg", "write_efg"),
    "parse_efg": ("trigame.io.efg", "parse_efg"),
    "format_efg": ("trigame.io.efg", "format_efg"),
    "BayesianGame": ("trigame.games.bayesian", "BayesianGame"),
    "bayesian_equilibria": ("trigame.solve.bayesian", "bayesian_equilibria"),
    "BayesianEquilibrium": ("trigame.results.bayesian", "BayesianEquilibrium"),
    "BayesianEquilibriumSet": ("trigame.results.bayesian", "BayesianEquilibriumSet"),
    "SignalingGame": ("trigame.games.signaling", "SignalingGame"),
    "perfect_bayesian": ("trigame.solve.perfect_bayesian", "perfect_bayesian"),
    "PerfectBayesianEquilibrium": ("trigame.results.perfect_bayesian", "PerfectBayesianEquilibrium"),
    "PerfectBayesianSet": ("trigame.results.perfect_bayesian", "PerfectBayesianSet"),
    "BeliefSet": ("trigame.results.perfect_bayesian", "BeliefSet"),
    "intuitive_criterion": ("trigame.solve.refinements", "intuitive_criterion"),
    "d1": ("trigame.solve.refinements", "d1"),
    "universal_divinity": ("trigame.solve.refinements", "universal_divinity"),
    "is_bayesian_nash": ("trigame.verify.bayesian", "is_bayesian_nash"),
    "is_perfect_bayesian": ("trigame.verify.assessments", "is_perfect_bayesian"),
    "check_assessment": ("trigame.verify.assessments", "check_assessment"),
    "Parameter": ("trigame.models.parameters", "Parameter"),
    "qre": ("trigame.solve.qre", "qre"),
    "is_logit_qre": ("trigame.verify.qre", "is_logit_qre"),
    "AlternatingOffers": ("trigame.games.bargaining", "AlternatingOffers"),
    "UltimatumGame": ("trigame.games.bargaining", "UltimatumGame"),
    "FearonBargaining": ("trigame.games.bargaining", "FearonBargaining"),
    "UniformCost": ("trigame.games.bargaining", "UniformCost"),
    "bargaining_equilibria": ("trigame.solve.bargaining", "bargaining_equilibria"),
    "bargaining_range": ("trigame.solve.bargaining", "bargaining_range"),
    "SequentialContinuousGame": ("trigame.games.continuous_sequential", "SequentialContinuousGame"),
    "sequential_equilibria": ("trigame.solve.continuous.sequential", "sequential_equilibria"),
    "FinitelyRepeatedGame": ("trigame.games.finite_repetition", "FinitelyRepeatedGame"),
    "finitely_repeated_equilibria": ("trigame.solve.finite_repetition", "finitely_repeated_equilibria"),
    "trigger_threshold": ("trigame.solve.public_monitoring", "trigger_threshold"),
    "replicator_dynamics": ("trigame.solve.dynamics", "replicator_dynamics"),
    "best_response_dynamics": ("trigame.solve.dynamics", "best_response_dynamics"),
    "is_evolutionarily_stable": ("trigame.solve.dynamics", "is_evolutionarily_stable"),
    "is_neutrally_stable": ("trigame.solve.dynamics", "is_neutrally_stable"),
    "estimate": ("trigame.estimation", "estimate"),
    "RepeatedGame": ("trigame.games.repeated", "RepeatedGame"),
    "Automaton": ("trigame.games.repeated", "Automaton"),
    "grim_trigger": ("trigame.games.repeated", "grim_trigger"),
    "tit_for_tat": ("trigame.games.repeated", "tit_for_tat"),
    "forgiving_trigger": ("trigame.games.repeated", "forgiving_trigger"),
    "carrot_and_stick": ("trigame.games.repeated", "carrot_and_stick"),
    "minmax": ("trigame.solve.repeated", "minmax"),
    "feasible_set": ("trigame.solve.repeated", "feasible_set"),
    "folk_region": ("trigame.solve.repeated", "folk_region"),
    "repeated_equilibrium_payoffs": ("trigame.solve.repeated", "equilibrium_payoffs"),
    "ContinuousGame": ("trigame.games.continuous", "ContinuousGame"),
    "continuous_equilibria": ("trigame.solve.continuous", "continuous_equilibria"),
    "is_continuous_nash": ("trigame.verify.continuous", "is_continuous_nash"),
    "continuous_best_response": ("trigame.verify.continuous", "best_response"),
    "agent_qre": ("trigame.solve.qre.agent", "agent_qre"),
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name: str) -> Any:
    if name in ("batch", "cli", "estimation", "games", "io", "models", "plot", "report", "results", "solve", "statics",
                "testing", "tree", "verify", "viz"):
        import importlib

        return importlib.import_module(f"trigame.{name}")
    if name == "repeated":  # tg.repeated.grim_trigger(...): the automata live with the repeated game
        import importlib

        return importlib.import_module("trigame.games.repeated")
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'trigame' has no attribute {name!r}")
