"""What a symbolic analysis is about: a game symbolic in its free parameters, with their domains.

The shared core of :mod:`trigame.statics.regime_set`, :mod:`trigame.statics.thresholds` and
:mod:`trigame.statics.regime_maps`:

* :func:`_problem` turns a model class or instance, or a symbolic
  :class:`~trigame.games.normal_form.NormalFormGame` or
  :class:`~trigame.games.tree.GameTree`, into a :class:`_Problem`: the
  symbolic game (the strategic form for ``nash=True``), the free parameters as
  a :class:`~trigame.statics.decision.Space` over their domains, and the
  values of the other parameters -- the ``fixed=`` / ``free=`` rules stated in
  :mod:`trigame.statics.regime_set`;
* the checks of numbers given for parameters (never parsed) against their domains;
* :func:`_exact_or_unsupported`, which turns what SymPy cannot do into an
  :class:`~trigame.errors.UnsupportedGameError`, and :func:`_tex`, the LaTeX
  escaping of the ``to_latex`` methods.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.statics.decision import Space

_F = TypeVar("_F", bound=Callable[..., Any])


def _exact_or_unsupported(func: _F) -> _F:
    """Turn what the symbolic layer cannot do (SymPy errors) into an :class:`UnsupportedGameError`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TrigameError:
            raise
        except (ArithmeticError, TypeError, ValueError, NotImplementedError, RecursionError) as exc:
            raise UnsupportedGameError(_unsupported(func.__name__, exc)) from exc
        except Exception as exc:
            if not type(exc).__module__.startswith("sympy"):
                raise
            raise UnsupportedGameError(_unsupported(func.__name__, exc)) from exc

    return wrapper  # type: ignore[return-value]


def _unsupported(name: str, exc: BaseException) -> str:
    return (f"{name}: the exact symbolic analysis cannot handle this model's conditions ({type(exc).__name__}: "
            f"{exc}); fix more parameters to numbers (fixed={{...}}) or use tg.statics.sweep")


@dataclass
class _Problem:
    """What is being analysed: the symbolic game or tree, its free symbols, domains and default values."""

    source: str
    game: Any  # NormalFormGame, GameTree or SignalingGame, symbolic in the free parameters
    kind: str  # "nash", "subgame_perfect" or "perfect_bayesian"
    space: Space
    names: tuple[str, ...]  # free parameter names, in the space's order
    defaults: dict[str, Any]  # values used for parameters not given to labels()/boundaries()
    fixed: dict[str, Any]
    all_names: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the analysis of this kind of game wants the reader to know
    display: tuple[tuple[str, str, str, str], ...] = ()  # (name, label, latex, unicode) of every parameter
    profiles: Any = None  # a repeated model's {name: automaton profile}, whose conditions are its regimes

    def symbol(self, name: str) -> Any:
        if name not in self.names:
            if name in self.fixed:
                raise ParameterError(f"{name} is fixed at {self.fixed[name]} here; free parameters are: "
                                     f"{', '.join(self.names) or '(none)'}")
            raise ParameterError(f"{self.source} has no parameter {name!r}; its parameters are: "
                                 f"{', '.join(self.all_names)}")
        return self.space.symbols[self.names.index(name)]


def _bounds_from_assumptions(symbol: Any) -> tuple[Any, bool, Any, bool]:
    if symbol.is_positive:
        return (0, True, None, True)
    if symbol.is_nonnegative:
        return (0, False, None, True)
    if symbol.is_negative:
        return (None, True, 0, True)
    if symbol.is_nonpositive:
        return (None, True, 0, False)
    return (None, True, None, True)


def _check_fixed(fixed: Any) -> dict[str, Any]:
    if fixed is None:
        return {}
    if not isinstance(fixed, Mapping):
        raise ParameterError(f"fixed must be a mapping {{parameter name: value}}, got {type(fixed).__name__}")
    return dict(fixed)


def _check_free(free: Any, names: Sequence[str], fixed: Mapping[str, Any], source: str) -> tuple[str, ...] | None:
    """The names in ``free`` (None: not given), each a parameter and none also in ``fixed``."""
    if free is None:
        return None
    chosen = (free,) if isinstance(free, str) else free
    try:
        chosen = tuple(chosen)
    except TypeError:
        raise ParameterError(f"free must be parameter names, got {free!r}") from None
    for name in chosen:
        if not isinstance(name, str) or name not in names:
            raise ParameterError(f"free: {source} has no parameter {name!r}; its parameters are: {', '.join(names)}")
        if name in fixed:
            raise ParameterError(f"{name} is both free and fixed; name it in one of free= and fixed=")
    return chosen


def _model_pins(obj: Any, fixed: dict[str, Any], free: tuple[str, ...] | None) -> dict[str, Any]:
    """The values a model class or instance is analysed at: ``fixed``, and what ``free`` leaves to the model."""
    cls: Any = obj if isinstance(obj, type) else type(obj)
    base = obj.values()
    if free is not None:  # as in a sweep: the named parameters vary, the others keep fixed= or the model's values
        return {**{name: value for name, value in base.items() if name not in free}, **fixed}
    if not isinstance(obj, type):
        changed = [p.name for p in cls.parameters() if p.name not in fixed and base[p.name] != p.default]
        if changed:
            shown = ", ".join(f"{name}={base[name]!r}" for name in changed)
            raise ParameterError(
                f"{cls.__name__}({shown}) sets parameter values, which regimes would treat as free: name the "
                f"parameters that vary with free=[...] (the others are fixed at the instance's values, as in a "
                f"sweep), or fix them with fixed={{...}}; the class {cls.__name__} leaves every parameter free")
    return fixed


def _problem(obj: Any, fixed: Any = None, nash: bool = False, free: Any = None, profiles: Any = None) -> _Problem:
    import sympy

    from trigame.games.normal_form import NormalFormGame
    from trigame.games.signaling import SignalingGame
    from trigame.games.tree import GameTree
    from trigame.models.base import Model
    from trigame.models.parameters import REAL, Parameter

    fixed = _check_fixed(fixed)
    if (isinstance(obj, type) and issubclass(obj, Model)) or isinstance(obj, Model):
        cls = obj if isinstance(obj, type) else type(obj)
        cls._check_names(fixed)
        fixed = _model_pins(obj, fixed, _check_free(free, cls.parameter_names(), fixed, cls.__name__))
        game = obj.symbolic_game(**fixed)  # validates the names and the values
        defaults = obj.values()
        free = [p for p in cls.parameters() if p.name not in fixed]
        symbols = [p.symbol() for p in free]
        bounds = {p.symbol(): (p.domain.lower, p.domain.lower_open, p.domain.upper, p.domain.upper_open)
                  for p in free}
        source, all_names = cls.__name__, cls.parameter_names()
        values = {p.name: p.validate(fixed[p.name], cls.__name__) for p in cls.parameters() if p.name in fixed}
        display = tuple((p.name, p.label, p.latex, p.unicode) for p in cls.parameters())
    elif isinstance(obj, (NormalFormGame, GameTree, SignalingGame)):
        if not obj.is_symbolic:
            raise UnsupportedGameError("regimes need a symbolic game (SymPy payoffs); this one is numeric -- "
                                       "solve it with tg.equilibria, tg.subgame_perfect or tg.perfect_bayesian")
        by_name = {s.name: s for s in obj.symbols}
        unknown = sorted(name for name in fixed if name not in by_name)
        if unknown:
            raise ParameterError(f"unknown parameter(s) {', '.join(map(repr, unknown))}; the game's symbols are: "
                                 f"{', '.join(sorted(by_name))}")
        chosen = _check_free(free, sorted(by_name), fixed, "the tree" if isinstance(obj, GameTree) else
                             "the game")
        if chosen is not None:
            missing = sorted(name for name in by_name if name not in chosen and name not in fixed)
            if missing:
                raise ParameterError(f"give values for {', '.join(missing)} in fixed={{...}}: a symbolic game has "
                                     "no values of its own for the parameters that are not free")
        game = obj.subs(fixed) if fixed else obj
        symbols = [s for s in obj.symbols if s.name not in fixed]
        bounds = {s: _bounds_from_assumptions(s) for s in symbols}
        defaults, values = {}, dict(fixed)
        source, all_names = ("the tree" if isinstance(obj, GameTree) else "the game"), tuple(sorted(by_name))
        display = tuple((n, p.label, p.latex, p.unicode) for n in all_names
                        for p in [Parameter(n, "", 0, REAL)])
    else:
        if type(obj).__name__ == "RepeatedGame":
            raise UnsupportedGameError("the regimes of a RepeatedGame are those of automaton profiles: "
                                       "trigame.statics.repeated.repeated_regimes(game, {name: profile})")
        raise UnsupportedGameError(
            "regimes need a model class or instance (e.g. QuasiAlliance), a symbolic NormalFormGame, GameTree or "
            f"SignalingGame; got {obj!r}")
    if type(game).__name__ == "RepeatedGame":
        if profiles is None:
            profiles = _repeated_profiles(obj, game)
        else:
            from trigame.statics._repeated_conditions import check_profiles

            profiles = check_profiles(profiles)
        return _Problem(source, game, "nash" if nash else "subgame_perfect", Space(symbols, bounds),
                        tuple(s.name for s in symbols), defaults, values, tuple(all_names), (), display, profiles)
    kind = "nash"
    game, notes = _incomplete(game)
    if isinstance(game, SignalingGame):
        if nash:  # the Harsanyi tree's strategic form
            game = game.to_tree().to_normal_form()
        else:
            kind = "perfect_bayesian"
    if isinstance(game, GameTree):
        if nash:
            game = game.to_normal_form()
        else:
            kind = "subgame_perfect"
    elif nash:
        pass  # a strategic-form model: Nash equilibria anyway
    if isinstance(game, NormalFormGame) and not game.is_symbolic:
        game = NormalFormGame(np.array(game.payoffs, dtype=object).tolist(), players=game.players,
                              strategies=game.strategies, kind="symbolic")
    del sympy
    space = Space(symbols, bounds)
    return _Problem(source, game, kind, space, tuple(s.name for s in symbols), defaults, values, tuple(all_names),
                    notes, display)


def _repeated_profiles(model: Any, game: Any) -> dict[str, Any]:
    """A repeated model's automaton profiles, ``{name: one automaton per player}`` from its ``profiles(stage)``."""
    from trigame.statics._repeated_conditions import check_profiles

    cls = model if isinstance(model, type) else type(model)
    profiles = getattr(cls, "profiles", None)
    if not callable(profiles):
        raise UnsupportedGameError(
            f"{cls.__name__} builds a RepeatedGame: its regimes are those of automaton profiles, which the model "
            "names with a static method profiles(stage) -> {name: one Automaton per player}; or call "
            "trigame.statics.repeated.repeated_regimes(model, {name: profile})")
    return check_profiles(profiles(game.stage))


def _incomplete(game: Any) -> tuple[Any, tuple[str, ...]]:
    """A model's Bayesian game as its type-agent form (whose Nash equilibria are its Bayesian Nash equilibria).

    Selten's type-agent form keeps one agent per type that is not provably of probability zero; a prior
    that is a free parameter keeps every type's agent, so at a value of the prior that gives a type
    probability zero the regimes still show that type's (then irrelevant) behaviour -- said in a note.
    A signalling game is returned as it is: its regimes are its perfect Bayesian equilibria
    (:mod:`trigame.statics._pbe_regimes`).
    """
    from trigame.games.bayesian import BayesianGame

    route = {"ContinuousGame": "continuous.level_regimes"}
    if type(game).__name__ in route:
        raise UnsupportedGameError(f"regimes of a {type(game).__name__} come from "
                                   f"trigame.statics.{route[type(game).__name__]}, not from the finite-game regimes")
    if not isinstance(game, BayesianGame):
        return game, ()
    return game.agent_form(), (
        "a Bayesian game: the regimes are the Nash equilibria of its type-agent form (one agent per player "
        "and type, named player@type), which are its Bayesian Nash equilibria when every type has positive "
        "probability; where a free prior gives a type probability zero, that type's behaviour is arbitrary",)


def _tex(text: Any) -> str:
    out = str(text)
    for a, b in (("\\", r"\textbackslash{}"), ("_", r"\_"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"),
                 ("$", r"\$"), ("{", r"\{"), ("}", r"\}")):
        out = out.replace(a, b)
    return out


def _interval(bounds: tuple[Any, bool, Any, bool]) -> str:
    lo, lo_open, hi, hi_open = bounds
    return (f"{'(' if lo_open else '['}{'-inf' if lo is None else lo}, "
            f"{'inf' if hi is None else hi}{')' if hi_open else ']'}")


def _number(name: str, value: Any) -> int | Fraction | float:
    """One finite real number given for parameter ``name``, as an int, Fraction or float.

    Python and NumPy numbers, :class:`~decimal.Decimal` and SymPy rationals or floats are accepted.  Strings
    are never parsed, and never evaluated (as for a model's parameters): ``Fraction("1/3")`` reads one.
    """
    from trigame.models.base import _scalar

    if isinstance(value, (str, bytes)):
        raise ParameterError(f"{name} must be a number, got the string {value!r} (strings are never parsed; "
                             "write a number, or Fraction('1/3'))")
    return _scalar(value, name)


def _check_domain_array(name: str, array: np.ndarray, bounds: tuple[Any, bool, Any, bool]) -> None:
    """:func:`_check_domain` for every entry of an array of numbers (exact comparisons)."""
    lo, lo_open, hi, hi_open = bounds
    if lo is None and hi is None:
        return
    if array.dtype.kind == "f" and all(b is None or Fraction(float(b)) == b for b in (lo, hi)):
        work: np.ndarray = array  # the bounds are floats exactly: NumPy's comparisons are exact
        low = None if lo is None else float(lo)
        high = None if hi is None else float(hi)
    else:
        work, low, high = array.astype(object), lo, hi  # Python compares floats and Fractions exactly
    outside = np.zeros(array.shape, dtype=bool)
    if low is not None:
        outside |= np.asarray((work <= low) if lo_open else (work < low), dtype=bool)
    if high is not None:
        outside |= np.asarray((work >= high) if hi_open else (work > high), dtype=bool)
    if outside.any():
        index = tuple(int(k) for k in np.argwhere(outside)[0])
        value = array[index]
        value = value.item() if isinstance(value, np.generic) else value
        where = f"{name} = {value!r}" if array.ndim == 0 else f"{name}: entry {index} = {value!r}"
        raise ParameterError(f"{where} is outside its domain {_interval(bounds)}")


def _check_domain(name: str, value: Any, x: Any, bounds: tuple[Any, bool, Any, bool]) -> None:
    """Raise a ParameterError naming ``name`` and its domain when the number ``x`` lies outside ``bounds``."""
    lo, lo_open, hi, hi_open = bounds
    if (lo is not None and (x < lo or (lo_open and x == lo))) or (
            hi is not None and (x > hi or (hi_open and x == hi))):
        raise ParameterError(f"{name} = {value!r} is outside its domain {_interval(bounds)}")
