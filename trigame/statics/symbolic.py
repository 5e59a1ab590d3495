"""Symbolic comparative statics: regimes, thresholds, derivatives and regime maps.

Everything here starts from the model's one payoff definition evaluated on
SymPy symbols (:meth:`trigame.models.Model.symbolic_game`) and the exact
symbolic solvers: the closed forms of 2x2 and 2x2x2 games
(:mod:`trigame.solve.nash.closed_form`) for strategic-form models, and piecewise
backward induction (:func:`trigame.solve.subgame_perfect.subgame_perfect`) for sequential ones.

* :func:`regimes` -- every equilibrium as expressions in the parameters, each
  with the simplified condition under which it exists;
* :func:`threshold` -- the boundary where an equilibrium appears or vanishes,
  solved for one parameter;
* :func:`derivative` -- how an equilibrium's probabilities, payoffs or outcome
  probabilities move with a parameter, and the sign of that movement;
* :func:`regime_map` -- the distinct equilibrium *sets* and where each holds,
  with vectorised labels for grids and the boundary curves of a 2-D slice.

Which parameters are free
-------------------------
A model class: every parameter is a free symbol ranging over its domain,
except those pinned by ``fixed={name: value}``; with ``free=[names]`` only
those vary, and the others keep ``fixed`` or their defaults.  A model
instance: as in :func:`~trigame.statics.sweep`, its values are the base --
``free=[names]`` vary and every other parameter is fixed at the instance's
value (or at ``fixed``).  Without ``free``, an instance whose values are the
defaults (one built for its options, say ``ChinaReaction(simultaneous=True)``)
leaves every parameter free, as its class does, and one with values of its own
is refused rather than having them ignored.  An instance also contributes its
player names and, for :meth:`RegimeMap.labels` and
:meth:`RegimeMap.boundaries`, its values for the free parameters not given
there.  A symbolic :class:`~trigame.NormalFormGame` or
:class:`~trigame.games.tree.GameTree`: its symbols are the parameters, with the
domains their SymPy assumptions imply (``positive``, ``nonnegative`` ...).

How conditions are simplified (and what is proved)
---------------------------------------------------
Conditions are Boolean combinations of polynomial sign conditions.  They are
put in disjunctive normal form over irreducible polynomials; a conjunction is
dropped only when it is *proved* empty on the domain (exact Fourier--Motzkin
elimination over the rationals, on a linear relaxation for nonlinear terms),
and a literal is dropped only when the rest of its conjunction and the domain
*prove* it.  So a simplified condition is equivalent to the solver's on the
domain, never an approximation.  A sign claimed by :func:`derivative` is
proved the same way; when it cannot be proved the answer is ``"depends"``
(with witnesses of both signs) or ``"unknown"``.

Contract with sweeps and plots
------------------------------
* Labels: an equilibrium's value-free label is
  :func:`trigame.statics._labels.support_label` of (players, strategies,
  supports) for Nash equilibria, and of (information-set keys, actions,
  supports) for subgame-perfect equilibria, as in
  :func:`trigame.statics.sweep`; a set's label is
  :func:`~trigame.statics._labels.set_label` of its members, with
  ``" | continuum"`` where the game has a continuum of equilibria.
* :meth:`RegimeMap.labels` takes arrays of parameter values (broadcast
  together) and returns an object array of set labels of the broadcast shape.
* :meth:`RegimeMap.boundaries` returns SymPy expressions in the two named
  parameters whose zero sets are the curves where the equilibrium set can
  change (``sympy.lambdify`` them and draw the 0-contour).

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> rs = regimes(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1, "domestic_cost_rok": 2})
>>> for r in rs:
...     print(r.support_label, "iff", r.condition)  # doctest: +NORMALIZE_WHITESPACE
Japan: Cooperate, South Korea: Cooperate iff (fear_japan >= 1/3) & (fear_rok >= 2/3)
Japan: Cooperate, South Korea: mix Cooperate/Friction iff Eq(fear_rok, 2/3) & (fear_japan > 1/3)
Japan: Friction, South Korea: Friction iff True
Japan: mix Cooperate/Friction, South Korea: Cooperate iff Eq(fear_japan, 1/3) & (fear_rok > 2/3)
Japan: mix Cooperate/Friction, South Korea: mix Cooperate/Friction iff (fear_japan > 1/3) & (fear_rok > 2/3)
>>> threshold(rs, 0, "fear_rok").condition
(fear_japan >= 1/3) & (fear_rok >= 2/3)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.statics._labels import set_label, support_label
from trigame.statics._semialgebraic import Clause, Space, conjoin, poly_eval

__all__ = [
    "Derivative",
    "MapEntry",
    "Regime",
    "RegimeMap",
    "RegimeSet",
    "SignResult",
    "Threshold",
    "derivative",
    "regime_map",
    "regimes",
    "threshold",
]

#: What :func:`derivative` can differentiate.
QUANTITIES = ("probabilities", "payoffs", "outcome")
#: The signs :func:`derivative` can report.
SIGNS = ("positive", "negative", "zero", "nonnegative", "nonpositive", "depends", "unknown")


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


# ==================================================================================================== the problem
@dataclass
class _Problem:
    """What is being analysed: the symbolic game or tree, its free symbols, domains and default values."""

    source: str
    game: Any  # NormalFormGame or GameTree, symbolic in the free parameters
    kind: str  # "nash" or "subgame_perfect"
    space: Space
    names: tuple[str, ...]  # free parameter names, in the space's order
    defaults: dict[str, Any]  # values used for parameters not given to labels()/boundaries()
    fixed: dict[str, Any]
    all_names: tuple[str, ...]

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


def _problem(obj: Any, fixed: Any = None, nash: bool = False, free: Any = None) -> _Problem:
    import sympy

    from trigame.games.normal_form import NormalFormGame
    from trigame.games.tree import GameTree
    from trigame.models.base import Model

    fixed = _check_fixed(fixed)
    if isinstance(obj, RegimeSet):
        return obj._problem
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
    elif isinstance(obj, (NormalFormGame, GameTree)):
        if not obj.is_symbolic:
            raise UnsupportedGameError("regimes need a symbolic game (SymPy payoffs); this one is numeric -- "
                                       "solve it with tg.equilibria or tg.subgame_perfect")
        by_name = {s.name: s for s in obj.symbols}
        unknown = sorted(name for name in fixed if name not in by_name)
        if unknown:
            raise ParameterError(f"unknown parameter(s) {', '.join(map(repr, unknown))}; the game's symbols are: "
                                 f"{', '.join(sorted(by_name))}")
        chosen = _check_free(free, sorted(by_name), fixed, "the game" if isinstance(obj, NormalFormGame) else
                             "the tree")
        if chosen is not None:
            missing = sorted(name for name in by_name if name not in chosen and name not in fixed)
            if missing:
                raise ParameterError(f"give values for {', '.join(missing)} in fixed={{...}}: a symbolic game has "
                                     "no values of its own for the parameters that are not free")
        game = obj.subs(fixed) if fixed else obj
        symbols = [s for s in obj.symbols if s.name not in fixed]
        bounds = {s: _bounds_from_assumptions(s) for s in symbols}
        defaults, values = {}, dict(fixed)
        source, all_names = ("the game" if isinstance(obj, NormalFormGame) else "the tree"), tuple(sorted(by_name))
    else:
        raise UnsupportedGameError(
            "regimes need a model class or instance (e.g. QuasiAlliance), a symbolic NormalFormGame or a "
            f"symbolic GameTree; got {obj!r}")
    kind = "nash"
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
    return _Problem(source, game, kind, space, tuple(s.name for s in symbols), defaults, values, tuple(all_names))


# ==================================================================================================== regimes
@dataclass(frozen=True, eq=False)
class Regime:
    """One equilibrium as a function of the parameters, with the condition under which it exists.

    Attributes
    ----------
    index : int
        Position in its :class:`RegimeSet`.
    kind : str
        ``"nash"`` (a Nash equilibrium of a strategic-form game) or
        ``"subgame_perfect"`` (a subgame-perfect equilibrium of a tree).
    label : str
        Readable label with the values, e.g. ``"Japan: Cooperate, South Korea: Cooperate"`` or
        ``"mixed: Japan: s/(c + s) Cooperate + ..."``.
    support_label : str
        Value-free label (:func:`trigame.statics._labels.support_label`), the same string a sweep uses.
    condition : sympy boolean
        Simplified condition on the free parameters (their domains assumed) under which this is an equilibrium.
    probabilities : dict
        ``{player: {strategy: probability}}`` (Nash) or ``{information set: {action: probability}}`` (SPE),
        SymPy expressions.
    payoffs : dict
        ``{player: expected payoff}``.
    outcomes : dict
        ``{profile or path of actions: probability}``: the distribution over pure profiles (Nash) or over
        the terminal paths reached (SPE).
    equilibrium : Equilibrium or SubgamePerfectEquilibrium
        The solver's object.
    """

    index: int
    kind: str
    label: str
    support_label: str
    condition: Any
    probabilities: dict[Any, dict[str, Any]]
    payoffs: dict[str, Any]
    outcomes: dict[tuple[str, ...], Any]
    equilibrium: Any
    _clauses: list[Clause] = field(repr=False)
    _owner: RegimeSet | None = field(default=None, repr=False)

    def holds(self, **values: Any) -> bool:
        """Whether this equilibrium exists at the given values of the free parameters (exactly).

        Values must be numbers in the parameters' domains; all free parameters must be given.
        """
        owner = self._require_owner()
        point = owner._point(values)
        return owner._problem.space.evaluate(self._clauses, point)

    def _require_owner(self) -> RegimeSet:
        assert self._owner is not None
        return self._owner

    def to_latex(self) -> str:
        """The regime as a proposition: the profile, its payoffs and the condition, in LaTeX."""
        import sympy

        what = "Nash equilibrium" if self.kind == "nash" else "subgame-perfect equilibrium"
        parts = []
        for unit, dist in self.probabilities.items():
            used = {a: p for a, p in dist.items() if p != 0}
            if len(used) == 1:
                parts.append(rf"\text{{{_tex(unit)}}} chooses \text{{{_tex(next(iter(used)))}}}")
            else:
                mix = ", ".join(rf"\text{{{_tex(a)}}} with probability ${sympy.latex(p)}$" for a, p in used.items())
                parts.append(rf"\text{{{_tex(unit)}}} mixes: {mix}")
        profile = "; ".join(parts)
        condition = "all parameter values in their domains" if self.condition == sympy.true else (
            f"${sympy.latex(self.condition)}$")
        payoffs = ", ".join(rf"$u_{{\text{{{_tex(p)}}}}} = {sympy.latex(u)}$" for p, u in self.payoffs.items())
        return (rf"\textbf{{Proposition {self.index + 1}}} ({_tex(self.support_label)}). The profile in which "
                f"{profile} is a {what} if and only if {condition}. Expected payoffs: {payoffs}.")

    def __repr__(self) -> str:
        return f"Regime({self.index}: {self.label}; if {self.condition})"


def _tex(text: Any) -> str:
    out = str(text)
    for a, b in (("\\", r"\textbackslash{}"), ("_", r"\_"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"),
                 ("$", r"\$"), ("{", r"\{"), ("}", r"\}")):
        out = out.replace(a, b)
    return out


class RegimeSet(Sequence[Regime]):
    """The regimes of a model or symbolic game: every equilibrium with its condition.

    Attributes
    ----------
    kind : str
        ``"nash"`` or ``"subgame_perfect"``.
    parameters : tuple of str
        The free parameters (the others are in ``fixed``).
    fixed : dict
        The pinned parameter values.
    domain : sympy boolean
        The free parameters' domains (assumed by every condition).
    degenerate : bool
        True when some parameter values may give a continuum of equilibria.
    notes : tuple of str
        What the solver and the simplification want the reader to know.
    """

    def __init__(self, problem: _Problem, regimes: Sequence[Regime], degenerate: bool, notes: Sequence[str]) -> None:
        self._problem = problem
        self._regimes = tuple(regimes)
        self.kind = problem.kind
        self.parameters = problem.names
        self.fixed = dict(problem.fixed)
        self.degenerate = degenerate
        self.notes = tuple(notes)

    def __getitem__(self, index: Any) -> Any:
        return self._regimes[index]

    def __len__(self) -> int:
        return len(self._regimes)

    def __iter__(self) -> Iterator[Regime]:
        return iter(self._regimes)

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The SymPy symbols of the free parameters."""
        return self._problem.space.symbols

    @property
    def domain(self) -> Any:
        import sympy

        parts = []
        for s, (lo, lo_open, hi, hi_open) in zip(self.symbols, self._problem.space.bounds):
            if lo is not None:
                low = sympy.Rational(lo.numerator, lo.denominator)
                parts.append(s > low if lo_open else s >= low)
            if hi is not None:
                high = sympy.Rational(hi.numerator, hi.denominator)
                parts.append(s < high if hi_open else s <= high)
        return sympy.And(*parts)

    def _point(self, values: Mapping[str, Any]) -> tuple[Fraction, ...]:
        from trigame._numbers import to_fraction

        unknown = sorted(set(values) - set(self.parameters))
        missing = [name for name in self.parameters if name not in values]
        if unknown or missing:
            raise ParameterError(
                (f"unknown or fixed parameter(s) {', '.join(map(repr, unknown))}; " if unknown else "")
                + (f"missing value(s) for {', '.join(missing)}; " if missing else "")
                + f"give a value for each free parameter: {', '.join(self.parameters)}")
        point = []
        for name, bounds in zip(self.parameters, self._problem.space.bounds):
            value = values[name]
            x = to_fraction(_number(name, value))
            _check_domain(name, value, x, bounds)
            point.append(x)
        return tuple(point)

    def at(self, **values: Any) -> tuple[Regime, ...]:
        """The regimes whose conditions hold at the given values of the free parameters (exactly).

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> rs = regimes(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1,
        ...                                    "domestic_cost_rok": 2, "unreciprocated_cost": 1})
        >>> [r.support_label for r in rs.at(fear_japan=0, fear_rok=1)]
        ['Japan: Friction, South Korea: Friction']
        """
        point = self._point(values)
        return tuple(r for r in self._regimes if self._problem.space.evaluate(r._clauses, point))

    def find(self, equilibrium: Any) -> Regime:
        """A regime given as a :class:`Regime`, an index, or a label (value label or support label)."""
        if isinstance(equilibrium, Regime):
            if equilibrium._owner is self:
                return equilibrium
            matches = [r for r in self._regimes if r.support_label == equilibrium.support_label
                       and r.label == equilibrium.label]
            if matches:
                return matches[0]
            raise ParameterError(f"regime {equilibrium.label!r} does not belong to these regimes")
        if isinstance(equilibrium, (int, np.integer)) and not isinstance(equilibrium, bool):
            if not -len(self) <= int(equilibrium) < len(self):
                raise ParameterError(f"regime index {equilibrium} out of range; there are {len(self)} regimes")
            return self._regimes[int(equilibrium)]
        if isinstance(equilibrium, str):
            matches = [r for r in self._regimes if equilibrium in (r.label, r.support_label)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise ParameterError(f"label {equilibrium!r} names {len(matches)} regimes "
                                     f"({', '.join(str(r.index) for r in matches)}); give an index")
            valid = "; ".join(f"{r.index}: {r.support_label}" for r in self._regimes)
            raise ParameterError(f"no regime is labelled {equilibrium!r}; the regimes are {valid}")
        raise ParameterError(f"equilibrium must be a Regime, an index or a label, got {equilibrium!r}")

    def to_latex(self) -> str:
        """Every regime as a proposition, one paragraph each."""
        import sympy

        head = (r"\textbf{Parameters.} "
                + (f"${sympy.latex(self.domain)}$" if self.domain != sympy.true else "unrestricted")
                + (". Fixed: " + ", ".join(f"${_tex(k)} = {v}$" for k, v in self.fixed.items()) if self.fixed else "")
                + ".")
        return "\n\n".join([head, *(r.to_latex() for r in self._regimes)])

    def __repr__(self) -> str:
        what = "Nash equilibria" if self.kind == "nash" else "subgame-perfect equilibria"
        lines = [f"RegimeSet({len(self)} {what} of {self._problem.source}; free: {', '.join(self.parameters)})"]
        lines += [f"  [{r.index}] {r.support_label}\n        if {r.condition}" for r in self._regimes]
        return "\n".join(lines)


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


def _nash_regimes(problem: _Problem) -> tuple[list[dict[str, Any]], bool, list[str]]:
    import sympy

    from trigame._numbers import to_sympy
    from trigame.solve import equilibria

    game = problem.game
    if game.shape not in ((2, 2), (2, 2, 2)):
        raise UnsupportedGameError(
            f"symbolic Nash equilibria are available for 2x2 and 2x2x2 games; this strategic form is "
            f"{'x'.join(map(str, game.shape))} (sequential models: use the subgame-perfect regimes, nash=False)")
    found = equilibria(game, method="closed_form")
    out = []
    for eq in found:
        supports = tuple(tuple(k for k, p in enumerate(v.tolist()) if p != 0) for v in eq.strategies)
        probabilities = {player: {s: to_sympy(p) for s, p in zip(labels, v.tolist())}
                         for player, labels, v in zip(eq.players, eq.labels, eq.strategies)}
        outcomes = {}
        for index in itertools.product(*(range(len(s)) for s in eq.labels)):
            weight = sympy.Integer(1)
            for v, k in zip(eq.strategies, index):
                weight *= v[k]
            if weight != 0:
                outcomes[tuple(s[k] for s, k in zip(eq.labels, index))] = sympy.cancel(weight)
        value_label = eq.label() if eq.is_pure else "mixed: " + eq.label()
        out.append({"condition": eq.condition, "supports": supports, "units": eq.players, "actions": eq.labels,
                    "probabilities": probabilities, "payoffs": dict(zip(eq.players, eq.payoffs)),
                    "outcomes": outcomes, "equilibrium": eq, "label": value_label})
    return out, found.degenerate, list(found.notes)


def _spe_regimes(problem: _Problem) -> tuple[list[dict[str, Any]], bool, list[str]]:
    import sympy

    from trigame.solve.subgame_perfect import subgame_perfect

    tree = problem.game
    found = subgame_perfect(tree)
    keys = tuple(info.key for info in tree.information_sets)
    actions = tuple(tuple(info.actions) for info in tree.information_sets)
    merged: dict[Any, dict[str, Any]] = {}
    for spe in found:
        signature = tuple((k, tuple(spe.behavior[k].values())) for k in keys)
        if signature in merged:  # the same behaviour reached through different pieces
            entry = merged[signature]
            entry["condition"] = sympy.Or(entry["condition"], spe.condition)
            continue
        supports = tuple(tuple(j for j, p in enumerate(spe.behavior[k].values()) if p != 0) for k in keys)
        label = spe.label() if spe.is_pure else "mixed: " + spe.label()
        merged[signature] = {
            "condition": sympy.true if spe.condition is True else spe.condition, "supports": supports,
            "units": tuple(str(k) for k in keys), "actions": actions,
            "probabilities": {k: dict(spe.behavior[k]) for k in keys},
            "payoffs": dict(zip(tree.players, spe.payoffs)), "outcomes": dict(spe.outcomes),
            "equilibrium": spe, "label": label}
    return list(merged.values()), found.degenerate, list(found.notes)


@_exact_or_unsupported
def regimes(model: Any, fixed: Mapping[str, Any] | None = None, *, nash: bool = False,
            free: Sequence[str] | str | None = None) -> RegimeSet:
    """Every equilibrium as expressions in the parameters, with the condition under which it exists.

    Parameters
    ----------
    model : Model class or instance, symbolic NormalFormGame or GameTree
        What to analyse (see the module notes on which parameters are free).
    fixed : mapping, optional
        ``{parameter name: number}`` pinning some parameters.
    nash : bool, default False
        Sequential models and trees: the Nash equilibria of the strategic form (2x2 and 2x2x2 strategic forms
        only) instead of the subgame-perfect equilibria.
    free : sequence of str, optional
        The parameters that vary, as the grid's names in :func:`~trigame.statics.sweep`: every other parameter
        keeps its value from ``fixed``, else the instance's (the default on a class).  Not given: on a class,
        every parameter not in ``fixed`` is free; on an instance, the same, except that an instance whose
        values differ from the defaults outside ``fixed`` is refused (its values would be silently ignored):
        ``regimes(QuasiAlliance(fear_japan=0.5), free=["fear_rok"])`` analyses ``fear_rok`` at ``fear_japan =
        1/2`` and the other defaults.

    Returns
    -------
    RegimeSet
        Nash equilibria of strategic-form models (closed form), subgame-perfect pieces of sequential ones.
        Regimes whose condition is empty on the domain are dropped (and named in ``notes``).

    Raises
    ------
    ParameterError
        Unknown names or out-of-domain values in ``fixed``; unknown names in ``free`` or names in both; an
        instance with values of its own and neither ``free`` nor those values in ``fixed``.
    UnsupportedGameError
        A numeric game, or a strategic form without symbolic solver (not 2x2 or 2x2x2).

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> rs = regimes(AllianceSecurityDilemma)
    >>> print(rs.find("United States: Weak, South Korea: Weak").condition)
    (commitment_cost_rok >= hedging_cost_rok) & (commitment_cost_us >= hedging_cost_us)
    """
    problem = _problem(model, fixed, nash, free)
    raw, degenerate, notes = (_nash_regimes if problem.kind == "nash" else _spe_regimes)(problem)
    space = problem.space
    out: list[Regime] = []
    for entry in raw:
        clauses = space.simplify(space.dnf(entry["condition"]))
        if not clauses:
            notes.append(f"{entry['label']}: its condition is empty on the parameters' domains; dropped")
            continue
        out.append(Regime(len(out), problem.kind, entry["label"],
                          support_label(entry["units"], entry["actions"], entry["supports"]),
                          space.to_sympy(clauses), entry["probabilities"], entry["payoffs"], entry["outcomes"],
                          entry["equilibrium"], clauses))
    result = RegimeSet(problem, out, degenerate, notes)
    for r in out:
        object.__setattr__(r, "_owner", result)
    return result


def _resolve(model: Any, equilibrium: Any, fixed: Any, nash: bool, free: Any = None) -> tuple[RegimeSet, Regime]:
    if isinstance(equilibrium, Regime) and equilibrium._owner is not None and (
            model is equilibrium._owner or (fixed is None and free is None)):
        return equilibrium._owner, equilibrium
    rs = (model if isinstance(model, RegimeSet) and fixed is None and free is None
          else regimes(model, fixed, nash=nash, free=free))
    return rs, rs.find(equilibrium)


# ==================================================================================================== signs
@dataclass(frozen=True)
class SignResult:
    """The sign of an expression on a region, and what was proved.

    Attributes
    ----------
    sign : str
        ``"positive"`` / ``"negative"``: proved strictly positive (negative) at every point of the region where
        the expression is defined (a rational expression is undefined where its denominator vanishes; an even
        power in a denominator is positive wherever defined).  ``"zero"``: zero on the whole region.
        ``"nonnegative"`` / ``"nonpositive"``: proved never negative (never positive), and zero could not be
        excluded (it may or may not occur).  ``"depends"``: both signs occur (witnesses of each found).
        ``"unknown"``: nothing could be proved.
    positive_when, negative_when : sympy boolean or None
        For ``"depends"``: where (inside the region) the expression is positive / negative.
    """

    sign: str
    positive_when: Any = None
    negative_when: Any = None

    def __str__(self) -> str:
        if self.sign == "depends":
            return f"depends: positive if {self.positive_when}; negative if {self.negative_when}"
        return self.sign


def _sign_on(space: Space, expr: Any, region: list[Clause]) -> SignResult:
    import sympy

    expr = sympy.cancel(sympy.together(expr))
    if expr == 0:
        return SignResult("zero")
    try:  # sign(p/q) = sign(p) sign(q) where q != 0; an even power of q is positive there
        pieces = {s: space.sign_condition(expr, {s}) for s in (-1, 0, 1)}
    except (UnsupportedGameError, TypeError, sympy.PolynomialError, ValueError):
        return SignResult("unknown")  # not a ratio of polynomials with rational coefficients (square roots)
    verdict: dict[int, bool | None] = {}
    where: dict[int, list[Clause]] = {}
    for s, clauses in pieces.items():
        found: list[bool | None] = []
        where[s] = []
        for a, b in itertools.product(region, clauses):
            both = conjoin(a, b)
            if both is None:
                continue
            v = space.feasible(both)
            found.append(v)
            if v is not False:
                where[s].append(both)
        verdict[s] = True if True in found else (None if None in found else False)
    pos, zero, neg = verdict[1], verdict[0], verdict[-1]
    if pos is False and neg is False:
        return SignResult("zero" if zero is not None else "unknown")
    if neg is False and zero is False:
        return SignResult("positive")
    if pos is False and zero is False:
        return SignResult("negative")
    if neg is False:
        return SignResult("nonnegative")
    if pos is False:
        return SignResult("nonpositive")
    if pos is True and neg is True:
        positive, negative = (space.to_sympy(space.simplify(where[s])) for s in (1, -1))
        return SignResult("depends", positive, negative)
    return SignResult("unknown")


@dataclass(frozen=True)
class Derivative:
    """Derivatives of one regime's quantities with respect to one parameter, with their signs.

    Attributes
    ----------
    regime : Regime
    parameter : str
    of : str
        ``"probabilities"``, ``"payoffs"`` or ``"outcome"``.
    expressions : dict
        ``{key: derivative}``; keys are ``(player, strategy)`` (or ``(information set, action)``) for
        probabilities, the player for payoffs, the profile or path for outcomes.
    signs : dict
        ``{key: SignResult}`` on the regime's region.
    """

    regime: Regime
    parameter: str
    of: str
    expressions: dict[Any, Any]
    signs: dict[Any, SignResult]

    def to_latex(self) -> str:
        """The derivatives and their signs, one line each."""
        import sympy

        theta = sympy.Symbol(self.parameter)
        lines = []
        for key, expr in self.expressions.items():
            name = " / ".join(_tex(k) for k in (key if isinstance(key, tuple) else (key,)))
            lines.append(rf"$\frac{{\partial}}{{\partial {sympy.latex(theta)}}}$ \text{{{name}}} $= "
                         rf"{sympy.latex(expr)}$ ({_tex(self.signs[key])})")
        return r" \\" "\n".join(lines)

    def __repr__(self) -> str:
        body = "\n".join(f"  d/d{self.parameter} {k}: {v}  [{self.signs[k]}]" for k, v in self.expressions.items())
        return f"Derivative({self.of} of regime {self.regime.index} ({self.regime.support_label}))\n{body}"


@_exact_or_unsupported
def derivative(model: Any, equilibrium: Any, parameter: str, of: str = "probabilities",
               fixed: Mapping[str, Any] | None = None, *, nash: bool = False,
               free: Sequence[str] | str | None = None) -> Derivative:
    """How one equilibrium moves with a parameter: the SymPy derivatives and their signs on its region.

    Parameters
    ----------
    model : Model class or instance, symbolic game or tree, or a RegimeSet
    equilibrium : Regime, int or str
        The regime (an index or a label of ``regimes(model, fixed)``).
    parameter : str
        A free parameter.
    of : {"probabilities", "payoffs", "outcome"}
        Strategy (or behaviour) probabilities, expected payoffs, or the probabilities of the outcomes
        (pure profiles of a strategic-form game, terminal paths of a tree).
    fixed, nash, free
        As in :func:`regimes` (ignored for a RegimeSet).

    Returns
    -------
    Derivative
        Each sign is proved on the regime's region (its condition and the domains): ``"depends"`` comes with
        the sub-regions of each sign, ``"unknown"`` when nothing could be proved.

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> d = derivative(AllianceSecurityDilemma, "United States: mix Strong/Weak, South Korea: mix Strong/Weak",
    ...                "commitment_cost_rok")
    >>> d.expressions[("United States", "Strong")], d.signs[("United States", "Strong")].sign
    (-1/hedging_cost_rok, 'negative')
    """
    import sympy

    from trigame._numbers import to_sympy

    if of not in QUANTITIES:
        raise ParameterError(f"of must be one of {', '.join(QUANTITIES)}, got {of!r}")
    rs, regime = _resolve(model, equilibrium, fixed, nash, free)
    theta = rs._problem.symbol(parameter)
    if of == "probabilities":
        quantities = {(unit, a): p for unit, dist in regime.probabilities.items() for a, p in dist.items()}
    elif of == "payoffs":
        quantities = dict(regime.payoffs)
    else:
        quantities = dict(regime.outcomes)
    expressions = {}
    signs = {}
    for key, value in quantities.items():
        d = sympy.diff(to_sympy(value), theta)
        d = sympy.factor(sympy.cancel(d)) if not d.has(sympy.sqrt) else sympy.simplify(d)
        expressions[key] = d
        signs[key] = _sign_on(rs._problem.space, d, regime._clauses)
    return Derivative(regime, parameter, of, expressions, signs)


# ==================================================================================================== thresholds
@dataclass(frozen=True)
class Threshold:
    """Where an equilibrium appears or vanishes, solved for one parameter.

    Attributes
    ----------
    regime : Regime
    parameter : str
    boundaries : tuple of sympy expressions
        The values of the parameter at which a sign condition of the regime changes (``parameter = b``).
    condition : sympy boolean
        The regime's condition with each condition that involves the parameter solved for it where the
        coefficient's sign is proved on the rest of the condition (e.g. ``deterrence_gain > domestic_cost_rok``);
        the others are kept as they are.
    """

    regime: Regime
    parameter: str
    boundaries: tuple[Any, ...]
    condition: Any

    def to_latex(self) -> str:
        import sympy

        theta = sympy.Symbol(self.parameter)
        cuts = ", ".join(f"${sympy.latex(theta)} = {sympy.latex(b)}$" for b in self.boundaries) or "none"
        return (rf"\textbf{{Threshold}} ({_tex(self.regime.support_label)}). Boundaries in "
                rf"${sympy.latex(theta)}$: {cuts}. The equilibrium exists if and only if "
                rf"${sympy.latex(self.condition)}$.")

    def __repr__(self) -> str:
        return (f"Threshold({self.parameter} for regime {self.regime.index}: boundaries {list(self.boundaries)}; "
                f"exists iff {self.condition})")


@_exact_or_unsupported
def threshold(model: Any, equilibrium: Any, parameter: str, fixed: Mapping[str, Any] | None = None, *,
              nash: bool = False, free: Sequence[str] | str | None = None) -> Threshold:
    """The boundary where an equilibrium appears or vanishes, solved for ``parameter``.

    ``model``, ``equilibrium``, ``fixed``, ``nash`` and ``free`` are as in :func:`derivative`.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> t = threshold(QuasiAlliance, "Japan: Cooperate, South Korea: Cooperate", "domestic_cost_rok")
    >>> t.boundaries, t.condition
    ((fear_rok*security_value,), (fear_japan*security_value >= domestic_cost_japan) & \
(domestic_cost_rok <= fear_rok*security_value))
    """
    import sympy

    rs, regime = _resolve(model, equilibrium, fixed, nash, free)
    problem = rs._problem
    theta = problem.symbol(parameter)
    space = problem.space
    boundaries: list[Any] = []
    solved_clauses = []
    for clause, sets in space.display_items(regime._clauses):
        literals = []
        for v, region in sorted(sets.items()):  # a parameter compared with irrational thresholds: its intervals
            relation, ends = space.region_relational(v, region)
            literals.append(relation)
            if space.symbols[v] == theta:
                boundaries.extend(end for end in ends if end not in boundaries)
        for k, signs in sorted(clause.items()):
            p = space.atom_expr(k)
            if not p.has(theta):
                literals.append(space.literal(k, signs))
                continue
            poly = sympy.Poly(p, theta)
            if poly.degree() == 1:
                a, b = poly.all_coeffs()
                root = sympy.cancel(-b / a)
                if root not in boundaries:
                    boundaries.append(root)
                rest = [{j: s for j, s in clause.items() if j != k}]
                sign = _sign_on(space, a, rest).sign if not a.is_number else ("positive" if a > 0 else "negative")
                if sign in ("positive", "negative"):
                    flip = sign == "negative"
                    allowed = frozenset(-s for s in signs) if flip else signs
                    literals.append(_relation(theta, root, allowed))
                    continue
            else:
                for root in sympy.solve(p, theta):
                    if root not in boundaries:
                        boundaries.append(root)
            literals.append(space.literal(k, signs))
        solved_clauses.append(sympy.And(*literals))
    return Threshold(regime, parameter, tuple(boundaries), sympy.Or(*solved_clauses))


def _relation(x: Any, bound: Any, signs: frozenset[int]) -> Any:
    """``sign(x - bound) in signs`` as one relation."""
    import sympy

    relation = {frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
                frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
                frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne}[frozenset(signs)]
    return relation(x, bound, evaluate=False)


# ==================================================================================================== regime maps
@dataclass(frozen=True)
class MapEntry:
    """One equilibrium set of a regime map.

    Attributes
    ----------
    label : str
        :func:`trigame.statics._labels.set_label` of the members' support labels (``" | continuum"`` when the
        game has a continuum of equilibria there).
    condition : sympy boolean
        Where (on the domains) the equilibrium set is exactly this one.
    regimes : tuple of Regime
        The members.
    continuum : bool
    witness : dict or None
        A parameter point (exact Fractions) where this set occurs; None when the set's nonemptiness could not
        be proved (then ``certain`` is False).
    """

    label: str
    condition: Any
    regimes: tuple[Regime, ...]
    continuum: bool
    witness: dict[str, Fraction] | None
    certain: bool
    _clauses: list[Clause] = field(repr=False)


class RegimeMap(Sequence[MapEntry]):
    """The distinct equilibrium sets of a model and where each holds (see :func:`regime_map`)."""

    def __init__(self, regime_set: RegimeSet, entries: Sequence[MapEntry], atoms: Sequence[int],
                 table: dict[tuple[int, ...], str]) -> None:
        self.regimes = regime_set
        self._entries = tuple(entries)
        self._atoms = tuple(atoms)
        self._table = table
        self.parameters = regime_set.parameters

    def __getitem__(self, index: Any) -> Any:
        return self._entries[index]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[MapEntry]:
        return iter(self._entries)

    @property
    def label_set(self) -> tuple[str, ...]:
        """The labels of the sets, in the map's order."""
        return tuple(e.label for e in self._entries)

    def _arrays(self, values: Mapping[str, Any]) -> tuple[list[Any], tuple[int, ...]]:
        problem = self.regimes._problem
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise ParameterError(f"unknown or fixed parameter(s) {', '.join(map(repr, unknown))}; the free "
                                 f"parameters are: {', '.join(self.parameters)}")
        arrays = []
        for name, bounds in zip(self.parameters, problem.space.bounds):
            if name in values:
                value = values[name]
            elif name in problem.defaults:
                value = problem.defaults[name]
            else:
                raise ParameterError(f"give a value for {name} (the free parameters are: {', '.join(self.parameters)})")
            if isinstance(value, (str, bytes)):
                raise ParameterError(f"{name} must be numbers, got the string {value!r} (strings are never parsed)")
            try:
                array = np.asarray(value)
            except (ValueError, TypeError) as exc:
                raise ParameterError(f"{name} must be a number or a rectangular array of numbers ({exc})") from None
            if array.dtype.kind not in "iufO" or array.dtype.kind == "b":
                raise ParameterError(f"{name} must hold numbers, got an array of dtype {array.dtype}")
            if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
                raise ParameterError(f"{name} must be finite")
            if array.dtype.kind == "O":  # ints, Fractions, Decimals, SymPy rationals ...: each checked
                checked = np.empty(array.shape, dtype=object)
                for index in np.ndindex(*array.shape):
                    checked[index] = _number(name, array[index])
                array = checked
            _check_domain_array(name, array, bounds)
            arrays.append(array)
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            raise ParameterError("the arrays of parameter values do not broadcast together: "
                                 + ", ".join(f"{n}: {a.shape}" for n, a in zip(self.parameters, arrays))) from None
        return [np.broadcast_to(a, shape) for a in arrays], shape

    def labels(self, *, tol: float = 1e-12, **values: Any) -> np.ndarray:
        """The label of the equilibrium set at each point (vectorised; arrays broadcast together).

        Parameters
        ----------
        tol : float, default 1e-12
            Float inputs: a boundary polynomial counts as zero (the point lies on a boundary, typically a
            continuum) when its absolute value is at most ``tol`` times the sum of the absolute values of its
            terms.  Integer and Fraction inputs (object arrays) are evaluated exactly.
        **values
            Arrays (or numbers) for the free parameters; parameters not given take the model's values (the
            instance's, or the defaults).

        Returns
        -------
        numpy.ndarray of str objects, of the broadcast shape.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1,
        ...                                         "domestic_cost_rok": 2, "unreciprocated_cost": 1})
        >>> rmap.labels(fear_japan=[0, 1], fear_rok=1).tolist()[0]
        'Japan: Friction, South Korea: Friction'
        """
        arrays, shape = self._arrays(values)
        space = self.regimes._problem.space
        exact = all(a.dtype.kind in "iuO" for a in arrays)
        point = [a.astype(object) if exact else a.astype(np.float64) for a in arrays]
        # each point's sign vector over the atoms, encoded base 3 in int64 words of _DIGITS atoms each
        words = [np.zeros(shape, dtype=np.int64) for _ in range(max(1, -(-len(self._atoms) // _DIGITS)))]
        on_boundary = np.zeros(shape, dtype=bool)
        for j, k in enumerate(self._atoms):
            p = space.atoms[k]
            value = np.asarray(poly_eval(p if exact else {m: float(c) for m, c in p.items()}, point),
                               dtype=object if exact else np.float64)
            if exact:
                sign = np.asarray(_SIGN(value)).astype(np.int64)
            else:
                scale = np.zeros(shape)
                for m, c in p.items():
                    term: Any = abs(float(c))
                    for x, e in zip(point, m):
                        if e:
                            term = term * np.abs(x) ** e
                    scale = scale + term
                value = value.astype(np.float64)
                sign = np.where(np.abs(value) <= tol * scale, 0, np.sign(value)).astype(np.int64)
            word = words[j // _DIGITS]
            word *= 3
            word += np.broadcast_to(sign, shape) + 1
            on_boundary |= np.broadcast_to(sign == 0, shape)
        codes = np.stack([w.reshape(-1) for w in words], axis=1)  # (points, words)
        unique, inverse = np.unique(codes, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        found = np.array([self._codes.get(tuple(int(c) for c in row)) for row in unique] + [None], dtype=object)
        missing = [i for i, label in enumerate(found[:-1]) if label is None]
        out = found[inverse]
        solve = np.isin(inverse, missing)  # sign patterns proved impossible (float rounding): solve those points
        if not self._continuum_constant_on_cells:
            # The continuum flag is decided at a cell's witness; off the 2x2 case it can change inside a cell
            # that lies on a boundary (e.g. a cost at the edge of its domain), so such points are solved exactly.
            solve |= on_boundary.reshape(-1)
        if solve.any():
            flat = [a.reshape(-1) for a in point]
            solved: dict[tuple[Any, ...], str] = {}
            for index in np.flatnonzero(solve):
                key = tuple(a[index] for a in flat)
                if key not in solved:
                    solved[key] = self._fallback(list(key))
                out[index] = solved[key]
        return out.reshape(shape)

    @property
    def _continuum_constant_on_cells(self) -> bool:
        """Whether the continuum flag is proved constant on each cell (2x2 games: closed_form's exact rule)."""
        problem = self.regimes._problem
        return problem.kind == "nash" and problem.game.n_players == 2

    @functools.cached_property
    def _codes(self) -> dict[tuple[int, ...], str]:
        """The table's sign vectors encoded as :meth:`labels` encodes points."""
        out = {}
        for vector, label in self._table.items():
            words = []
            for start in range(0, max(1, len(vector)), _DIGITS):
                code = 0
                for s in vector[start:start + _DIGITS]:
                    code = code * 3 + s + 1
                words.append(code)
            out[tuple(words)] = label
        return out

    def _fallback(self, point: Sequence[Any]) -> str:
        """The label at a point whose sign pattern was proved impossible (float rounding): solve it."""
        values = {name: (x if isinstance(x, (int, Fraction)) else float(x)) for name, x in zip(self.parameters, point)}
        return _numeric_label(self.regimes._problem, values)[0]

    @_exact_or_unsupported
    def boundaries(self, x: str, y: str, **fixed: Any) -> list[Any]:
        """Curves in the (x, y) plane where the equilibrium set changes, as SymPy expressions (zero sets).

        Every free parameter other than ``x`` and ``y`` takes the value given here, or the model's value.
        Each returned expression involves ``x`` or ``y``; the boundary is where it vanishes.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1})
        >>> rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=1, domestic_cost_rok=2)
        [3*fear_japan - 1, 3*fear_rok - 2]
        """
        import sympy

        problem = self.regimes._problem
        sx, sy = problem.symbol(x), problem.symbol(y)
        if x == y:
            raise ParameterError("x and y must be two different parameters")
        unknown = sorted(set(fixed) - set(self.parameters))
        if unknown:
            raise ParameterError(f"unknown or fixed parameter(s) {', '.join(map(repr, unknown))}; the free "
                                 f"parameters are: {', '.join(self.parameters)}")
        subs = {}
        for name, symbol, bounds in zip(self.parameters, problem.space.symbols, problem.space.bounds):
            if name in (x, y):
                continue
            value = fixed.get(name, problem.defaults.get(name))
            if value is None:
                raise ParameterError(f"give a value for {name} to draw boundaries in ({x}, {y})")
            number = _number(name, value)  # never a string: nothing given here is parsed or evaluated
            _check_domain(name, value, number, bounds)
            exact = Fraction(number).limit_denominator(10**12) if isinstance(number, float) else Fraction(number)
            subs[symbol] = sympy.Rational(exact.numerator, exact.denominator)
        used = sorted({k for e in self._entries for c in e._clauses for k in c if not problem.space.is_separator(k)})
        out: list[Any] = []
        for k in used:
            expr = sympy.expand(problem.space.atom_expr(k).xreplace(subs))
            if not expr.has(sx) and not expr.has(sy):
                continue
            for factor, _ in sympy.factor_list(expr)[1]:
                if factor.has(sx) or factor.has(sy):
                    primitive = sympy.Poly(factor, sx, sy).primitive()[1].as_expr()
                    if sympy.Poly(primitive, sx, sy).LC() < 0:
                        primitive = -primitive
                    if primitive not in out:
                        out.append(primitive)
        return out

    def to_latex(self) -> str:
        import sympy

        rows = [rf"\item \textbf{{{_tex(e.label)}}} if and only if ${sympy.latex(e.condition)}$" for e in self]
        return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"

    def __repr__(self) -> str:
        lines = [f"RegimeMap({len(self)} equilibrium sets; free: {', '.join(self.parameters)})"]
        lines += [f"  {e.label}\n      if {e.condition}" for e in self]
        return "\n".join(lines)


_SIGN = np.frompyfunc(lambda v: (v > 0) - (v < 0), 1, 1)
#: Atoms encoded per int64 word by RegimeMap.labels (3**39 < 2**63).
_DIGITS = 39


def _numeric_label(problem: _Problem, values: Mapping[str, Any]) -> tuple[str, set[str], bool]:
    """Set label, support labels and continuum flag of the numeric game at a point (exact for rationals)."""
    from trigame.solve import equilibria
    from trigame.solve.subgame_perfect import subgame_perfect
    from trigame.statics._labels import equilibrium_support_label

    game = problem.game.subs({k: v for k, v in values.items()}) if values else problem.game
    if problem.kind == "nash":
        found = equilibria(game)
        labels = {equilibrium_support_label(eq) for eq in found}
    else:
        found = subgame_perfect(game)
        keys = [info.key for info in game.information_sets]
        actions = [tuple(info.actions) for info in game.information_sets]
        labels = {support_label([str(k) for k in keys], actions,
                                [tuple(j for j, p in enumerate(eq.behavior[k].values()) if p != 0) for k in keys])
                  for eq in found}
    return set_label(labels, continuum=found.degenerate), labels, found.degenerate


def _extra_atoms(rs: RegimeSet) -> None:
    """Register the polynomials on which the continuum flag depends, so it is constant on each cell."""
    import sympy

    problem = rs._problem
    space = problem.space
    if problem.kind == "nash" and problem.game.n_players == 2:
        # 2x2: a continuum iff two extreme equilibria share a strategy of one player (closed_form's rule)
        for a, b in itertools.combinations(rs, 2):
            for unit in a.probabilities:
                pa = next(iter(a.probabilities[unit].values()))
                pb = next(iter(b.probabilities[unit].values()))
                difference = sympy.cancel(pa - pb)
                if difference.free_symbols:
                    space.sign_condition(sympy.fraction(difference)[0], {0})
    elif problem.kind == "nash":
        from trigame.solve.nash._closed_backend import SympyBackend
        from trigame.solve.nash._closed_formulas import continuum_necessary
        from trigame.solve.nash.closed_form import advantage_tables

        necessary = continuum_necessary(SympyBackend(), advantage_tables(problem.game.payoffs))
        for relation in necessary.atoms(sympy.core.relational.Relational):
            space.sign_condition(relation.lhs - relation.rhs, {0})


@_exact_or_unsupported
def regime_map(model: Any, fixed: Mapping[str, Any] | None = None, *, nash: bool = False,
               free: Sequence[str] | str | None = None) -> RegimeMap:
    """The distinct equilibrium sets of a model and the conditions under which each holds.

    The parameter space (the free parameters' domains) is cut into cells on which every polynomial of the
    regimes' conditions has a constant sign; cells proved empty are dropped, each remaining cell gets the
    set of regimes whose conditions hold there, and cells with the same set are merged.  Whether the game
    has a continuum of equilibria on a cell is decided exactly at a witness point of the cell (the
    polynomials it depends on are among those that cut the cells), and checked there against the numeric
    solver.  For 2x2 games that flag is constant on each cell; otherwise it can change inside a cell on a
    boundary (a cost at the edge of its domain, say), so :meth:`RegimeMap.labels` solves points on a boundary
    exactly, and the ``continuum`` of an entry describes its witness.  Practical for models with up to about
    8 free parameters.  ``fixed``, ``nash`` and ``free`` are as in :func:`regimes`.

    Returns
    -------
    RegimeMap
        A sequence of :class:`MapEntry` (label, condition, regimes, continuum, witness), with
        :meth:`RegimeMap.labels` for grids and :meth:`RegimeMap.boundaries` for 2-D slices.

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> rmap = regime_map(AllianceSecurityDilemma, fixed={"hedging_cost_us": 2, "hedging_cost_rok": 2})
    >>> print(rmap.labels(commitment_cost_us=1, commitment_cost_rok=3))
    United States: Strong, South Korea: Weak
    """
    rs = (model if isinstance(model, RegimeSet) and fixed is None and free is None
          else regimes(model, fixed, nash=nash, free=free))
    problem = rs._problem
    space = problem.space
    _extra_atoms(rs)
    atoms = sorted({k for r in rs for c in r._clauses for k in c} | set(range(len(space.atoms))))
    groups: dict[tuple[frozenset[str], bool], list[tuple[Clause, bool | None, tuple[Fraction, ...] | None]]] = {}
    members: dict[frozenset[str], list[Regime]] = {}
    table: dict[tuple[int, ...], str] = {}
    labels_of: dict[tuple[frozenset[str], bool], str] = {}
    for cell, verdict in space.cells(atoms):
        present = [r for r in rs if any(all(cell[k] <= s for k, s in c.items()) for c in r._clauses)]
        names = frozenset(r.support_label for r in present)
        witness = space.witness(cell) if verdict is not False else None
        continuum = False
        if witness is not None:
            values = dict(zip(problem.names, witness))
            _, numeric, continuum = _numeric_label(problem, values)
            if numeric != set(names):
                raise TrigameError(f"internal inconsistency at {values}: the symbolic regimes give {sorted(names)}, "
                                   f"the numeric solver {sorted(numeric)}; please report this")
        key = (names, continuum)
        groups.setdefault(key, []).append((cell, verdict, witness))
        members.setdefault(names, present)
        labels_of[key] = set_label(names, continuum=continuum)
        table[tuple(next(iter(cell[k])) for k in atoms)] = labels_of[key]
    entries = []
    for key, cells in groups.items():
        clauses = space.simplify([c for c, _, _ in cells])
        witness = next((w for _, _, w in cells if w is not None), None)
        entries.append(MapEntry(labels_of[key], space.to_sympy(clauses), tuple(members[key[0]]), key[1],
                                None if witness is None else dict(zip(problem.names, witness)),
                                witness is not None, clauses))
    entries.sort(key=lambda e: (len(e.regimes), e.continuum, e.label))
    return RegimeMap(rs, entries, atoms, table)
