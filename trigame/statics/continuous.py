"""Comparative statics of continuous games: how equilibrium levels move, and who contributes where.

* :func:`level_regimes` -- the binding patterns (who is interior, who sits at a
  bound: who contributes and who free-rides) with the exact region of the
  parameter space where each holds, simplified on the parameters' domains;
* :func:`level_derivatives` -- the derivative of each player's equilibrium
  level with respect to a parameter by the implicit function theorem on the
  interior players' first-order conditions, with its sign proved on the
  regime's region (exact elimination, as for the strategic-form statics);
* :func:`level_curves` and :func:`binding_map` -- the closed-form levels and
  binding patterns evaluated on whole NumPy arrays of parameter values at once.

Each takes a symbolic :class:`~trigame.games.continuous.ContinuousGame` (solved
here) or its :class:`~trigame.results.continuous.ContinuousEquilibriumSet`.
Domains come from the symbols' declarations (``positive=True`` ...) and an
optional ``domain={name: (low, high)}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trigame._numbers import classify, short_repr, to_sympy
from trigame.errors import ParameterError, PayoffTypeError, PayoffValueError, UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.models.parameters import Interval
from trigame.results.continuous import ContinuousEquilibrium, ContinuousEquilibriumSet
from trigame.statics._problem import _bounds_from_assumptions
from trigame.statics.decision import Space
from trigame.statics.thresholds import SignResult, _sign_on

__all__ = ["BindingMap", "LevelCurves", "LevelDerivative", "LevelRegime", "binding_map", "level_curves",
           "level_derivatives", "level_regimes"]


def _is_model(obj: Any) -> bool:
    from trigame.models.base import Model

    return (isinstance(obj, type) and issubclass(obj, Model)) or isinstance(obj, Model)


def _result(obj: Any, fixed: Mapping[str, Any] | None = None) -> ContinuousEquilibriumSet:
    if fixed and not _is_model(obj):
        raise ParameterError("fixed= applies to a model; substitute values in a game with game.subs(...)")
    if isinstance(obj, ContinuousEquilibriumSet):
        return obj
    if _is_model(obj):
        if isinstance(fixed, str) or not isinstance(fixed, (Mapping, type(None))):
            raise ParameterError(f"fixed must be a mapping {{name: value}}, got {short_repr(fixed)}")
        # every parameter not fixed is a symbol; an instance keeps its options
        game = obj.symbolic_game(**dict(fixed or {}))
        if not isinstance(game, ContinuousGame):
            raise UnsupportedGameError(f"{getattr(obj, '__name__', type(obj).__name__)} is not a model of "
                                       "continuous choices; its regimes come from trigame.statics.regimes")
        obj = game
    if isinstance(obj, ContinuousGame):
        from trigame.solve.continuous import continuous_equilibria

        return continuous_equilibria(obj)
    raise UnsupportedGameError("expected a model of continuous choices (e.g. BurdenSharing), a ContinuousGame or "
                               f"its ContinuousEquilibriumSet, got {type(obj).__name__}")


def _space(game: ContinuousGame, domain: Mapping[str, Any] | None, model: Any = None) -> Space:
    """The parameters with their domains: declared signs (a model's intervals), narrowed by ``domain``."""
    symbols = game.parameters
    by_name = {s.name: s for s in symbols}
    bounds = {s: _bounds_from_assumptions(s) for s in symbols}
    if model is not None and _is_model(model):
        for p in model.parameters():
            if p.name in by_name:
                bounds[by_name[p.name]] = _interval_bounds(p.domain)
    for name, interval in (domain or {}).items():
        if name not in by_name:
            raise ParameterError(
                f"unknown parameter {short_repr(name)} in domain; the parameters are {sorted(by_name)}"
            )
        if isinstance(interval, Interval):
            bounds[by_name[name]] = _interval_bounds(interval)
            continue
        if isinstance(interval, str) or not isinstance(interval, Sequence) or len(interval) != 2:
            raise ParameterError(f"the domain of {name} must be a pair (low, high)")
        low, high = (_number(name, v) if v is not None else None for v in interval)
        old = bounds[by_name[name]]
        bounds[by_name[name]] = (low if low is not None else old[0], False if low is not None else old[1],
                                 high if high is not None else old[2], False if high is not None else old[3])
    return Space(symbols, bounds)


def _interval_bounds(interval: Interval) -> tuple[Any, bool, Any, bool]:
    """A model parameter's :class:`~trigame.models.parameters.Interval` as Space bounds (openness kept)."""
    return (None if interval.lower is None else to_sympy(interval.lower), interval.lower_open,
            None if interval.upper is None else to_sympy(interval.upper), interval.upper_open)


def _number(name: str, value: Any) -> Any:
    try:
        classify(value, f"value of {name}")
    except (PayoffTypeError, PayoffValueError) as exc:
        raise ParameterError(str(exc)) from None
    return to_sympy(value)


def _parameter(game: ContinuousGame, name: str) -> Any:
    for symbol in game.parameters:
        if symbol.name == name:
            return symbol
    names = [s.name for s in game.parameters]
    raise ParameterError(f"unknown parameter {short_repr(name)}; the parameters are {names}")


def _region(space: Space, eq: ContinuousEquilibrium) -> list[Any]:
    return space.simplify(space.dnf(eq.condition))


@dataclass(frozen=True)
class LevelRegime:
    """One binding pattern and where it holds.

    Attributes
    ----------
    binding : dict
        ``{player: "interior" | "lower" | "upper"}``.
    description : str
        The pattern in words (e.g. ``"interior: US, Japan; at lower bound: ROK"``).
    condition : sympy boolean or True
        The region of the parameter space, simplified on the domains.
    levels : dict
        The equilibrium levels in closed form there.
    """

    binding: dict[str, str]
    description: str
    condition: Any
    levels: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.description}: if {self.condition}"


def level_regimes(obj: Any, domain: Mapping[str, Any] | None = None, *,
                  fixed: Mapping[str, Any] | None = None) -> list[LevelRegime]:
    """The binding patterns of a symbolic continuous game and the region where each holds.

    Parameters
    ----------
    obj : model class or instance, ContinuousGame or ContinuousEquilibriumSet
        A model of continuous choices (every parameter free, each on its declared domain -- open or closed
        bounds included), or a symbolic game (domains from its symbols' assumptions), or its solution.
    domain : mapping, optional
        ``{name: (low, high)}`` narrowing the parameters' domains (closed bounds; None keeps a bound), or
        ``{name: Interval}`` (a model parameter's ``domain``, open bounds kept).
    fixed : mapping, optional
        For a model: ``{name: value}`` for the parameters that stay fixed (checked against their domains).

    Returns
    -------
    list of LevelRegime
        One per binding pattern whose region is not proved empty on the domains, its condition simplified there
        (a bound the domain already implies is not repeated).

    Examples
    --------
    Burden sharing with equal incomes and no host-nation support (one free weight w on private consumption):
    everyone contributes, whatever w.

    >>> from trigame.models import BurdenSharing
    >>> fixed = {"income_us": 1, "income_japan": 1, "income_rok": 1, "host_support_japan": 0,
    ...          "host_support_rok": 0}
    >>> [str(r) for r in level_regimes(BurdenSharing, fixed=fixed)]
    ['interior: United States, Japan, South Korea: if True']
    """
    result = _result(obj, fixed)
    if not result.game.is_symbolic:
        raise UnsupportedGameError("level_regimes needs a symbolic game (free parameters)")
    space = _space(result.game, domain, obj)
    out = []
    for eq in result:
        region = _region(space, eq)
        if not region:
            continue
        out.append(LevelRegime(dict(eq.binding), eq.regime(), space.to_sympy(region), dict(eq.strategies)))
    return out


@dataclass(frozen=True)
class LevelDerivative:
    """The derivative of one player's equilibrium level in one regime.

    Attributes
    ----------
    player, parameter : str
    regime : str
        The binding pattern in words.
    derivative : sympy expression
        By the implicit function theorem (equal to the derivative of the closed form).
    sign : SignResult
        Proved on the regime's region and the domains.
    condition : sympy boolean
        The regime's region.
    """

    player: str
    parameter: str
    regime: str
    derivative: Any
    sign: SignResult
    condition: Any = field(default=True)

    def __str__(self) -> str:
        return f"d{self.player}/d{self.parameter} = {self.derivative} ({self.sign}) where {self.regime}"


def _ift(game: ContinuousGame, eq: ContinuousEquilibrium, theta: Any) -> dict[str, Any]:
    """``d level / d theta`` for every player at one piece, by the implicit function theorem."""
    import sympy

    variables = game.variables
    at = {variables[p]: to_sympy(v) for p, v in eq.strategies.items()}
    interior = [p for p in game.players if eq.binding[p] == "interior"]
    bound_rates = {}
    for p in game.players:
        if eq.binding[p] != "interior":
            low, high = game.strategies[p]
            bound = low if eq.binding[p] == "lower" else high
            bound_rates[p] = sympy.diff(bound, theta)
    out = {p: sympy.simplify(rate) for p, rate in bound_rates.items()}
    if not interior:
        return {p: out[p] for p in game.players}
    conditions = [sympy.diff(game.payoff(p), variables[p]) for p in interior]
    jacobian = sympy.Matrix([[sympy.diff(f, variables[q]) for q in interior] for f in conditions]).xreplace(at)
    rhs = sympy.Matrix([
        sympy.diff(f, theta) + sum((sympy.diff(f, variables[q]) * r for q, r in bound_rates.items()), sympy.S.Zero)
        for f in conditions
    ]).xreplace(at)
    from sympy.matrices.utilities import dotprodsimp

    jacobian = jacobian.applyfunc(lambda e: sympy.cancel(sympy.together(e)))
    rhs = rhs.applyfunc(lambda e: sympy.cancel(sympy.together(e)))
    with dotprodsimp(False):
        if sympy.cancel(jacobian.det(method="berkowitz")) == 0:
            raise UnsupportedGameError(f"the Jacobian of the first-order conditions is singular where {eq.regime()}")
        rates = -jacobian.LUsolve(rhs)
    for p, rate in zip(interior, rates):
        out[p] = sympy.factor(sympy.cancel(sympy.together(rate)))
    return {p: out[p] for p in game.players}


def level_derivatives(obj: Any, parameter: str, domain: Mapping[str, Any] | None = None) -> list[LevelDerivative]:
    """Derivatives of the equilibrium levels with respect to ``parameter``, with proved signs, regime by regime.

    Parameters
    ----------
    obj : model class or instance, ContinuousGame or ContinuousEquilibriumSet
        A model of continuous choices (parameters on their declared domains), a symbolic game, or its solution.
    parameter : str
        The parameter's name.
    domain : mapping, optional
        ``{name: (low, high)}`` narrowing the parameters' domains.

    Returns
    -------
    list of LevelDerivative
        One per player and regime (regimes empty on the domain are skipped).
    """
    result = _result(obj)
    game = result.game
    _refuse_boxes(game, "level_derivatives")
    theta = _parameter(game, parameter)
    space = _space(game, domain, obj)
    out = []
    for eq in result:
        region = _region(space, eq)
        if not region:
            continue
        condition = space.to_sympy(region)
        for player, rate in _ift(game, eq, theta).items():
            sign = _sign_on(space, rate, region)
            if sign.sign == "unknown":  # not a rational function (square roots): SymPy's assumptions, domain-wide
                sign = _sign_by_assumptions(rate)
            out.append(LevelDerivative(player, parameter, eq.regime(), rate, sign, condition))
    return out


def _refuse_boxes(game: Any, what: str) -> None:
    """Levels that are points of boxes have no single derivative or curve per player: say so plainly."""
    if getattr(game, "has_boxes", False):
        raise UnsupportedGameError(
            f"{what} handles players who choose one level; this game has players who choose a point of a box: "
            "use level_regimes or binding_map, or game.flatten() (one player per coordinate)")


def _sign_by_assumptions(expr: Any) -> SignResult:
    """The sign SymPy proves from the parameters' declared signs alone (true on the whole domain)."""
    for sign, test in (("zero", "is_zero"), ("positive", "is_positive"), ("negative", "is_negative"),
                       ("nonnegative", "is_nonnegative"), ("nonpositive", "is_nonpositive")):
        if getattr(expr, test) is True:
            return SignResult(sign)
    return SignResult("unknown")


# ------------------------------------------------------------------ vectorised evaluation
def _fixed_table(game: ContinuousGame, fixed: Mapping[str, Any] | None, free: Sequence[str]) -> dict[Any, Any]:
    table = {}
    for name, value in (fixed or {}).items():
        table[_parameter(game, name)] = _number(name, value)
    missing = [s.name for s in game.parameters if s not in table and s.name not in free]
    if missing:
        raise ParameterError(f"give values for the parameters {missing} in fixed=")
    return table


def _evaluate(expr: Any, symbols: Sequence[Any], arrays: Sequence[np.ndarray]) -> np.ndarray:
    import sympy

    func = sympy.lambdify(list(symbols), expr, modules="numpy")
    with np.errstate(all="ignore"):
        value = func(*arrays)
    return np.broadcast_to(np.asarray(value), np.broadcast(*arrays).shape)


def _array(name: str, values: Any) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1 or array.size == 0 or array.dtype.kind not in "iuf" or not np.all(np.isfinite(array)):
        raise ParameterError(f"the values of {name} must be a nonempty 1-D array of finite numbers")
    return array.astype(float)


@dataclass(frozen=True)
class LevelCurves:
    """Equilibrium levels along one parameter.

    Attributes
    ----------
    parameter : str
    values : numpy.ndarray
    levels : dict
        ``{player: array}``: the level of the first piece that holds at each value (NaN where none does).
    regime : numpy.ndarray of str
        The binding pattern at each value (``""`` where no piece holds).
    count : numpy.ndarray of int
        How many pieces hold at each value (more than one: several equilibria, or a boundary).
    """

    parameter: str
    values: np.ndarray
    levels: dict[str, np.ndarray]
    regime: np.ndarray
    count: np.ndarray


def _pieces_on(result: ContinuousEquilibriumSet, symbols: Sequence[Any], arrays: Sequence[np.ndarray],
               table: dict[Any, Any]) -> list[tuple[ContinuousEquilibrium, np.ndarray]]:
    import sympy

    out = []
    for eq in result:
        condition = sympy.true if eq.condition is True else eq.condition.xreplace(table)
        holds = _evaluate(condition, symbols, arrays).astype(bool)
        out.append((eq, holds))
    return out


def level_curves(obj: Any, parameter: str, values: Any, fixed: Mapping[str, Any] | None = None) -> LevelCurves:
    """The equilibrium levels at every value of ``parameter`` (the others ``fixed``), vectorised."""
    result = _result(obj)
    game = result.game
    _refuse_boxes(game, "level_curves")
    theta = _parameter(game, parameter)
    table = _fixed_table(game, fixed, [parameter])
    grid = _array(parameter, values)
    pieces = _pieces_on(result, [theta], [grid], table)
    levels = {p: np.full(grid.shape, np.nan) for p in game.players}
    regime = np.full(grid.shape, "", dtype=object)
    count = np.zeros(grid.shape, dtype=int)
    for eq, holds in pieces:
        first = holds & (count == 0)
        for p in game.players:
            level = _evaluate(to_sympy(eq.strategies[p]).xreplace(table), [theta], [grid]).astype(float)
            levels[p][first] = level[first]
        regime[first] = eq.regime()
        count += holds
    return LevelCurves(parameter, grid, levels, regime, count)


@dataclass(frozen=True)
class BindingMap:
    """The binding pattern over a grid of two parameters.

    Attributes
    ----------
    x, y : str
    x_values, y_values : numpy.ndarray
    index : numpy.ndarray of int, shape (len(y_values), len(x_values))
        Index into ``labels`` of the first piece that holds (-1 where none does).
    labels : tuple of str
        The binding patterns in words, one per piece.
    """

    x: str
    y: str
    x_values: np.ndarray
    y_values: np.ndarray
    index: np.ndarray
    labels: tuple[str, ...]


def binding_map(obj: Any, x: tuple[str, Any], y: tuple[str, Any], fixed: Mapping[str, Any] | None = None) -> BindingMap:
    """Which binding pattern holds at each point of a grid over two parameters, vectorised."""
    result = _result(obj)
    game = result.game
    (xname, xvalues), (yname, yvalues) = x, y
    sx, sy = _parameter(game, xname), _parameter(game, yname)
    table = _fixed_table(game, fixed, [xname, yname])
    gx, gy = np.meshgrid(_array(xname, xvalues), _array(yname, yvalues))
    index = np.full(gx.shape, -1, dtype=int)
    for k, (_, holds) in enumerate(_pieces_on(result, [sx, sy], [gx, gy], table)):
        index[(index == -1) & holds] = k
    return BindingMap(xname, yname, gx[0].copy(), gy[:, 0].copy(), index, tuple(eq.regime() for eq in result))
