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
from trigame.statics._problem import _bounds_from_assumptions, _check_fixed, _Problem
from trigame.statics.decision import Space
from trigame.statics.regime_set import Regime, RegimeSet

__all__ = ["repeated_regimes"]


def _profiles(profiles: Any, n: int) -> dict[str, tuple[Automaton, ...]]:
    if isinstance(profiles, Mapping):
        items = list(profiles.items())
    elif isinstance(profiles, Sequence) and not isinstance(profiles, str) and profiles and \
            isinstance(profiles[0], Automaton):
        items = [(profiles[0].name or "profile", profiles)]
    else:
        raise ParameterError("profiles must be a mapping {name: one Automaton per player} or one profile")
    out = {}
    for name, profile in items:
        if not isinstance(name, str):
            raise ParameterError(f"a profile's name must be a string, got {name!r}")
        out[name] = tuple(profile)
    return out


def repeated_regimes(game: RepeatedGame, profiles: Mapping[str, Sequence[Automaton]] | Sequence[Automaton], *,
                     fixed: Mapping[str, Any] | None = None, nash: bool = False,
                     max_states: int = 10_000, max_policies: int = 65_536, max_degree: int = 12) -> RegimeSet:
    """One regime per automaton profile: the exact condition on δ and the stage payoffs for it to be an equilibrium.

    Parameters
    ----------
    game : RepeatedGame
        The discount factor is always a free parameter (``delta``, or ``delta_1``, ... per player,
        or the game's own discount symbols); a numeric discount of the game is ignored here --
        pin it with ``fixed={"delta": value}``.
    profiles : mapping or sequence
        ``{name: one Automaton per player}``, or a single profile (named after its first automaton).
    fixed : mapping, optional
        Values for some parameters (stage symbols or ``delta``), by name.
    nash : bool, default False
        Conditions for a Nash equilibrium of the repeated game instead of subgame perfection.
    max_states, max_policies, max_degree : int
        Budgets of :meth:`RepeatedGame.spe_conditions` and :meth:`RepeatedGame.nash_conditions`.

    Returns
    -------
    RegimeSet
        ``kind="subgame_perfect"`` (or ``"nash"``); a profile that is never an equilibrium on the
        domain has the condition ``False``.
    """
    import sympy

    from trigame.models.parameters import REAL, Parameter

    if not isinstance(game, RepeatedGame):
        raise ParameterError(f"repeated_regimes needs a RepeatedGame, got {type(game).__name__}")
    fixed = _check_fixed(fixed)
    chosen = _profiles(profiles, len(game.players))
    symbolic = RepeatedGame(game.stage, list(game._symbols()))
    deltas = list(dict.fromkeys(s for s in symbolic.discounts if getattr(s, "is_Symbol", False)))
    stage_symbols = list(game.stage.symbols)
    every = {s.name: s for s in deltas + stage_symbols}
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
    free = [s for s in deltas + stage_symbols if s not in pins]
    bounds = {s: ((0, True, 1, True) if s in deltas else _bounds_from_assumptions(s)) for s in free}
    space = Space(free, bounds)  # type: ignore[arg-type]
    display = tuple((s.name, "discount factor", r"\delta" if s.name == "delta" else sympy.latex(s), str(s))
                    if s in deltas else (s.name, p.label, p.latex, p.unicode)
                    for s in deltas + stage_symbols for p in [Parameter(s.name, "", 0, REAL)])
    problem = _Problem("the repeated game", game, "nash" if nash else "subgame_perfect", space,
                       tuple(s.name for s in free), {}, {k: v for k, v in fixed.items()},
                       tuple(sorted(every)), (), display)
    regimes = []
    notes = []
    for k, (name, profile) in enumerate(chosen.items()):
        if nash:
            conditions = symbolic.nash_conditions(profile, max_states=max_states, max_policies=max_policies,
                                                  max_degree=max_degree)
        else:
            conditions = [c for _, c in symbolic.spe_conditions(profile, max_states=max_states,
                                                                 max_degree=max_degree)]
        condition = sympy.And(*conditions).subs(pins)
        clauses = space.simplify(space.dnf(condition))
        shown = space.to_sympy(clauses)
        if shown == sympy.false:
            notes.append(f"{name} is never {'a Nash' if nash else 'a subgame-perfect'} equilibrium on the domain")
        values = tuple(sympy.factor(sympy.sympify(v).subs(pins)) for v in symbolic.values(profile))
        path = symbolic.path(profile, 4)
        regimes.append(Regime(
            index=k, kind=problem.kind, label=name, support_label=name, condition=shown,
            probabilities={p: {a.name or name: sympy.Integer(1)} for p, a in zip(game.players, profile)},
            payoffs=dict(zip(game.players, values)),
            outcomes={tuple("/".join(profile_) for profile_ in path): sympy.Integer(1)},
            equilibrium=profile, _clauses=clauses))
    rs = RegimeSet(problem, regimes, False, notes)
    for r in regimes:
        object.__setattr__(r, "_owner", rs)
    return rs
