"""Regimes of a repeated game over the discount factor and the stage payoffs.

:func:`repeated_regimes` turns the exact subgame-perfection (or Nash) conditions
of a few automaton profiles (:meth:`trigame.games.repeated.RepeatedGame.spe_conditions`)
into a :class:`~trigame.statics.regime_set.RegimeSet`: one regime per profile,
its condition simplified on the domain (``0 < delta < 1`` and the domains the
stage symbols' SymPy assumptions imply) by the same exact decision procedure as
every other regime.  So :func:`trigame.statics.thresholds.threshold` solves a
profile's condition for the discount factor (or for a stage payoff), with the
sign of each coefficient proved, and ``RegimeSet.at(delta=..., ...)`` says which
profiles are equilibria at a point.

Examples
--------
>>> import sympy
>>> from trigame.games.normal_form import NormalFormGame
>>> from trigame.games.repeated import RepeatedGame, grim_trigger
>>> from trigame.statics.thresholds import threshold
>>> r, t = sympy.symbols("r t", positive=True)     # R = P + r, T = R + t, S = P - 1 with P = 0
>>> pd = NormalFormGame.from_arrays([[r, -1], [r + t, 0]], [[r, r + t], [-1, 0]],
...                                 strategies=[["C", "D"], ["C", "D"]])
>>> rs = repeated_regimes(RepeatedGame(pd, sympy.Rational(1, 2)), {"grim trigger": grim_trigger(pd)})
>>> threshold(rs, "grim trigger", "delta").condition
delta >= t/(r + t)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame.errors import ParameterError
from trigame.games.repeated import Automaton, RepeatedGame
from trigame.statics._problem import _bounds_from_assumptions, _check_fixed, _Problem, _problem
from trigame.statics._repeated_conditions import (
    check_profiles,
    discount_symbols,
    profile_conditions,
    regime_entry,
)
from trigame.statics.decision import Space
from trigame.statics.regime_set import Regime, RegimeSet

__all__ = ["repeated_regimes"]


def repeated_regimes(game: Any, profiles: Mapping[str, Sequence[Automaton]] | Sequence[Automaton] | None = None, *,
                     fixed: Mapping[str, Any] | None = None, nash: bool = False,
                     free: Sequence[str] | str | None = None, max_states: int = 10_000, max_policies: int = 65_536,
                     max_degree: int = 12) -> RegimeSet:
    """One regime per automaton profile: the exact condition on δ and the stage payoffs for it to be an equilibrium.

    Parameters
    ----------
    game : RepeatedGame, or a repeated model class or instance
        A game: a discount factor that is a symbol is a free parameter, one that is an expression in
        symbols (``delta*(1 - s)``) makes those symbols free parameters (with the domains their SymPy
        assumptions imply, and the expression kept inside (0, 1)), and a numeric discount factor is
        ignored here -- the factor is then the free parameter ``delta`` (``delta_1``, ... per player),
        to be pinned with ``fixed={"delta": value}``.  A model (such as
        :class:`~trigame.models.trust_building.TrustBuilding`) whose ``payoffs`` builds a RepeatedGame:
        its parameters are free over their domains, its discount written as the model writes it.
    profiles : mapping or sequence, optional
        ``{name: one Automaton per player}``, or a single profile (named after its first automaton).
        Optional for a model: its ``profiles(stage)``.
    fixed : mapping, optional
        Values for some parameters (stage symbols, discount symbols or a model's parameters), by name.
    nash : bool, default False
        Conditions for a Nash equilibrium of the repeated game instead of subgame perfection.
    free : sequence of str, optional
        A model only: the parameters that vary, as in :func:`~trigame.statics.regime_set.regimes`.
    max_states, max_policies, max_degree : int
        Budgets of :meth:`RepeatedGame.spe_conditions` and :meth:`RepeatedGame.nash_conditions`.

    Returns
    -------
    RegimeSet
        ``kind="subgame_perfect"`` (or ``"nash"``); a profile that is never an equilibrium on the
        domain has the condition ``False``.  ``tg.statics.regimes(model)`` gives the same regimes for
        a repeated model, without those that are never equilibria (named in its notes).
    """
    import sympy

    budgets: dict[str, Any] = {"max_states": max_states, "max_policies": max_policies, "max_degree": max_degree}
    if not isinstance(game, RepeatedGame):
        problem = _model_problem(game, fixed, nash, free, profiles)
        chosen = problem.profiles
        found = profile_conditions(problem.game, chosen, nash=nash, keep_numbers=True, **budgets)
        return _regime_set(problem, problem.game, found, {}, nash)
    if free is not None:
        raise ParameterError("free= applies to a repeated model; with a RepeatedGame, pin parameters with fixed=")
    if profiles is None:
        raise ParameterError("repeated_regimes(game, profiles): give the automaton profiles to check, "
                             "{name: one Automaton per player}")
    fixed = _check_fixed(fixed)
    chosen = check_profiles(profiles)
    discounts, _ = discount_symbols(game)
    deltas = list(dict.fromkeys(d for d in discounts if d.is_Symbol))
    inner = sorted({s for d in discounts if not d.is_Symbol for s in d.free_symbols} - set(deltas),
                   key=lambda s: s.name)
    stage_symbols = [s for s in game.stage.symbols if s not in inner]
    every = {s.name: s for s in deltas + inner + stage_symbols}
    unknown = sorted(set(fixed) - set(every))
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(map(repr, unknown))}; the parameters are: "
                             f"{', '.join(sorted(every))}")
    pins = {}
    for name, value in fixed.items():
        if isinstance(value, str) or getattr(value, "free_symbols", None):
            raise ParameterError(f"fixed value of {name} must be a number, got {value!r}")
        pins[every[name]] = sympy.Rational(value) if isinstance(value, float) else sympy.sympify(value)
        if every[name] in deltas and not 0 < pins[every[name]] < 1:
            raise ParameterError(f"{name} is a discount factor and must lie in (0, 1), got {value!r}")
    free_symbols = [s for s in deltas + inner + stage_symbols if s not in pins]
    bounds = {s: ((0, True, 1, True) if s in deltas else _bounds_from_assumptions(s)) for s in free_symbols}
    space = Space(free_symbols, bounds)  # type: ignore[arg-type]
    from trigame.models.parameters import REAL, Parameter

    display = tuple((s.name, "discount factor", r"\delta" if s.name == "delta" else sympy.latex(s), str(s))
                    if s in deltas else (s.name, p.label, p.latex, p.unicode)
                    for s in deltas + inner + stage_symbols for p in [Parameter(s.name, "", 0, REAL)])
    problem = _Problem("the repeated game", game, "nash" if nash else "subgame_perfect", space,
                       tuple(s.name for s in free_symbols), {}, {k: v for k, v in fixed.items()},
                       tuple(sorted(every)), (), display)
    found = profile_conditions(game, chosen, nash=nash, **budgets)
    return _regime_set(problem, game, found, pins, nash)


def _model_problem(model: Any, fixed: Any, nash: bool, free: Any, profiles: Any) -> _Problem:
    """The problem of a repeated model (its parameters over their domains; ``profiles``, else its own)."""
    from trigame.models.base import Model

    if not ((isinstance(model, type) and issubclass(model, Model)) or isinstance(model, Model)):
        raise ParameterError(f"repeated_regimes needs a RepeatedGame or a repeated model, got {model!r}")
    problem = _problem(model, fixed, nash, free, profiles)
    if not isinstance(problem.game, RepeatedGame):
        name = model.__name__ if isinstance(model, type) else type(model).__name__
        raise ParameterError(f"repeated_regimes needs a RepeatedGame or a repeated model; {name} builds a "
                             f"{type(problem.game).__name__} (use tg.statics.regimes)")
    return problem


def _regime_set(problem: _Problem, game: RepeatedGame, found: list[dict[str, Any]], pins: Mapping[Any, Any],
                nash: bool) -> RegimeSet:
    """Every profile's regime, its condition simplified on the problem's space (False ones kept, with a note)."""
    import sympy

    space = problem.space
    regimes = []
    notes = []
    for k, item in enumerate(found):
        clauses = space.simplify(space.dnf(item["condition"].subs(pins)))
        condition = space.to_sympy(clauses)
        if condition == sympy.false:
            notes.append(f"{item['name']} is never {'a Nash' if nash else 'a subgame-perfect'} equilibrium on "
                         "the domain")
        entry = regime_entry(game.players, problem.kind, item,
                             [sympy.factor(sympy.sympify(v).subs(pins)) for v in item["values"]])
        regimes.append(Regime(
            index=k, kind=problem.kind, label=entry["label"], support_label=entry["support_label"],
            condition=condition, probabilities=entry["probabilities"], payoffs=entry["payoffs"],
            outcomes=entry["outcomes"], equilibrium=entry["equilibrium"], _clauses=clauses))
    rs = RegimeSet(problem, regimes, False, notes)
    for r in regimes:
        object.__setattr__(r, "_owner", rs)
    return rs
