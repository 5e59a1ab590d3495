"""Typed, documented families of games: the :class:`Model` base class, one payoff definition for every use.

A model is a frozen dataclass whose fields are the parameters of a game.  Each
parameter is declared once with :func:`parameter` (meaning, default, domain
and the essay statement or paper it stands for), and the model's payoffs are
written once, in its static method ``payoffs(v)``, with plain arithmetic on
``v.<parameter name>``.  The same definition then gives

* one numeric game -- :meth:`Model.game`, with the instance's numbers (ints and
  Fractions give an exact game, floats a float game);
* a batch of games -- :meth:`Model.payoff_tensor`, with NumPy arrays that
  broadcast together (for a sequential model, the payoffs of the tree's
  strategic form, evaluated from the tree built once over SymPy symbols);
* a symbolic game -- :meth:`Model.symbolic_game`, with SymPy symbols named after
  the parameters and carrying their domains as assumptions.

``payoffs(v)`` returns either a mapping from pure-strategy profiles (tuples of
strategy labels) to payoff vectors -- a strategic-form model, whose
``strategies`` class attribute lists each player's labels -- or a
:class:`trigame.games.tree.GameTree` -- a sequential model.  :meth:`Model.equilibria`
dispatches on that: Nash equilibria of a strategic-form game, subgame-perfect
equilibria of a tree (all Nash equilibria of its strategic form with
``nash=True``).

A model may also have *options*: dataclass fields that are not parameters
(e.g. ``simultaneous: bool = False``, a variant of the game's timing).  They
are passed to ``payoffs(v)`` as ``v.<option>`` too, are honoured by every
method, are never swept nor made symbols, and a model whose strategies depend
on them declares :meth:`Model.variant_strategies`.  A plain field with a
non-numeric default (a bool, a string, a tuple of names) is an option; a
numeric setting must be declared with :func:`option`, because a plain field
with a number (``threat: float = 0.5``) is almost always a parameter whose
:func:`parameter` declaration was forgotten: the class definition raises a
:class:`~trigame.errors.ParameterError` that says so.  A subclass that is not
decorated with ``@dataclass`` gets an error at first use that says so too.

Conditions on parameters
------------------------
``payoffs(v)`` receives numbers, NumPy arrays or SymPy symbols, so it cannot
use ``if``, ``and``/``or``, ``max()`` or ``min()`` on a parameter: it writes
:func:`~trigame.models.expressions.where`,
:func:`~trigame.models.expressions.maximum` and
:func:`~trigame.models.expressions.minimum` instead
(:mod:`trigame.models.expressions`).  Parameters, their domains and options
are declared with the helpers of :mod:`trigame.models.parameters`.

Examples
--------
A two-parameter coordination game, defined in six lines:

>>> from dataclasses import dataclass
>>> from trigame.models import Interval, Model, parameter
>>> @dataclass(frozen=True, kw_only=True)
... class Meeting(Model):
...     '''Two friends meet at the cafe or the park.'''
...     players = ("Ann", "Bob")
...     strategies = (("Cafe", "Park"), ("Cafe", "Park"))
...     cafe: float = parameter(default=2, domain=Interval(0, None), description="value of meeting at the cafe")
...     park: float = parameter(default=1, domain=Interval(0, None), description="value of meeting in the park")
...     @staticmethod
...     def payoffs(v):
...         return {("Cafe", "Cafe"): (v.cafe, v.cafe), ("Cafe", "Park"): (0, 0),
...                 ("Park", "Cafe"): (0, 0), ("Park", "Park"): (v.park, v.park)}
>>> len(Meeting().equilibria())
3
>>> Meeting.symbolic_game().payoffs[0, 0, 0]
cafe
>>> Meeting.payoff_tensor(cafe=[1, 2, 3]).shape
(3, 2, 2, 2)
>>> Meeting(cafe=-1)
Traceback (most recent call last):
    ...
trigame.errors.ParameterError: Meeting: cafe = -1 is outside its domain [0, inf)
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import types
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

import numpy as np

from trigame._numbers import format_number, to_sympy
from trigame.errors import LabelError, ParameterError, TrigameError
from trigame.games.normal_form import NormalFormGame
from trigame.models.expressions import _call_payoffs, _evaluate, maximum, minimum, where
from trigame.models.parameters import (
    _OPTION,
    _SPEC,
    NONNEGATIVE,
    POSITIVE,
    REAL,
    UNIT,
    Interval,
    Parameter,
    Scenario,
    _check_plain_fields,
    _is_classvar,
    _own_annotations,
    option,
    parameter,
)
from trigame.models.parameters import (
    _scalar as _scalar,  # re-exported: trigame.statics.symbolic validates values with it
)

__all__ = [
    "NONNEGATIVE",
    "POSITIVE",
    "REAL",
    "UNIT",
    "Interval",
    "Model",
    "Parameter",
    "Scenario",
    "maximum",
    "minimum",
    "option",
    "parameter",
    "where",
]


# ---------------------------------------------------------------------------- checking a model's definition
def _build_parameters(cls: type) -> tuple[Parameter, ...]:
    """The :class:`Parameter` of every field declared with :func:`~trigame.models.parameters.parameter`."""
    out = []
    for f in _fields(cls):
        spec = f.metadata.get(_SPEC)
        if spec is not None:
            out.append(Parameter(f.name, spec.description, spec.default, spec.domain, spec.source,
                                 label=spec.label, latex=spec.latex, unicode=spec.unicode))
    return tuple(out)


#: ``{model class: its parameters}``, filled by :meth:`Model.parameters` (weak keys: classes made on the fly go).
_PARAMETERS: weakref.WeakKeyDictionary[type, tuple[Parameter, ...]] = weakref.WeakKeyDictionary()


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """``dataclasses.fields(cls)``, after checking that every class declaring fields was made a dataclass."""
    for klass in cls.__mro__:
        if klass is Model or not (isinstance(klass, type) and issubclass(klass, Model)):
            continue
        if "__dataclass_fields__" in klass.__dict__:
            continue
        declared = [name for name, annotation in _own_annotations(klass).items() if not _is_classvar(annotation)]
        if declared:
            raise ParameterError(
                f"{klass.__name__} is not a dataclass, so its field(s) {', '.join(declared)} are not parameters: "
                f"decorate it with @dataclass(frozen=True, kw_only=True) (from dataclasses import dataclass)"
            )
    return dataclasses.fields(cls)



# ---------------------------------------------------------------------------- hybrid methods
T = TypeVar("T")


class _either(Generic[T]):
    """Bind a method to the instance when called on one, to the class otherwise.

    ``QuasiAlliance.symbolic_game()`` uses the defaults, ``m.symbolic_game()``
    the instance's labels; ``m.payoff_tensor(x=grid)`` keeps ``m``'s other values.
    """

    def __init__(self, func: Callable[..., T]) -> None:
        self.func = func
        functools.update_wrapper(self, func)  # type: ignore[arg-type]

    def __get__(self, obj: Any, owner: type) -> Callable[..., T]:
        return types.MethodType(self.func, owner if obj is None else obj)


# ---------------------------------------------------------------------------- the base class
@dataclasses.dataclass(frozen=True, kw_only=True)
class Model:
    """Base class of trigame's models: a frozen dataclass of validated parameters.

    A subclass is decorated with ``@dataclass(frozen=True, kw_only=True)`` and
    declares

    * ``players`` -- the player names (a class attribute or a field);
    * ``strategies`` -- one tuple of strategy labels per player (strategic-form
      models only);
    * its parameters, as fields created with :func:`parameter`;
    * ``payoffs(v)`` -- a static method returning ``{profile: payoff vector}``
      (or a :class:`trigame.games.tree.GameTree`), computed with plain arithmetic on
      ``v.<name>`` so that it works on numbers, NumPy arrays and SymPy symbols;
    * optionally ``title``, ``scenarios`` (a tuple of :class:`Scenario`) and
      ``headline`` (the two parameters a region map of the model shows);
    * optionally options -- dataclass fields that are not parameters, such
      as ``simultaneous: bool = False`` (a plain field with a bool, string or
      tuple default) or ``rounds: int = option(default=3)`` (a numeric
      setting, see :func:`option`) -- which ``payoffs(v)`` reads as
      ``v.<option>``; when the strategies depend on them, the model overrides
      :meth:`variant_strategies`.  A plain field with a numeric default is
      rejected when the class is defined (a forgotten :func:`parameter`).

    Constructing an instance validates every value against its parameter's
    domain; every error is a :class:`trigame.errors.ParameterError` that names
    the valid parameters or the domain.
    """

    players: ClassVar[tuple[str, ...]] = ()
    strategies: ClassVar[tuple[tuple[str, ...], ...]] = ()
    title: ClassVar[str] = ""
    scenarios: ClassVar[tuple[Scenario, ...]] = ()
    headline: ClassVar[tuple[str, str] | tuple[()]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _check_plain_fields(cls)

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        # The dataclass __init__ would raise a bare TypeError for these.
        if args:
            raise ParameterError(f"{cls.__name__} takes its parameters by name: {', '.join(cls.parameter_names())}")
        cls._check_names(kwargs)
        return super().__new__(cls)

    def __post_init__(self) -> None:
        where = type(self).__name__
        for p in self.parameters():
            object.__setattr__(self, p.name, p.validate(getattr(self, p.name), where))
        type(self)._check_options(self.option_values())
        strategies = type(self).variant_strategies(**self.option_values())
        if strategies != type(self).strategies:  # this instance's variant has its own strategic form
            object.__setattr__(self, "strategies", strategies)
        names = self.players
        if isinstance(names, str) or not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
            raise LabelError(f"{where}: players must be a sequence of names, got {names!r}")
        if not isinstance(names, tuple):
            object.__setattr__(self, "players", tuple(names))
        if len(set(names)) != len(names):
            raise LabelError(f"{where}: player names must be distinct, got {names!r}")
        if self.strategies and len(names) != len(self.strategies):
            raise LabelError(f"{where}: {len(names)} player names for {len(self.strategies)} players")

    # ------------------------------------------------------------------ parameters
    @classmethod
    def parameters(cls) -> tuple[Parameter, ...]:
        """The model's parameters, in declaration order.

        A class's fields are fixed when it is made a dataclass, and a :class:`Parameter` is frozen, so the
        tuple is built once per class and kept (sweeps and regimes ask for it at every step).
        """
        cached = _PARAMETERS.get(cls)
        if cached is None:
            cached = _PARAMETERS[cls] = _build_parameters(cls)
        return cached

    @classmethod
    def parameter_names(cls) -> tuple[str, ...]:
        """The names of the model's parameters."""
        return tuple(p.name for p in cls.parameters())

    @classmethod
    def _check_names(cls, values: Mapping[str, Any]) -> None:
        fields = {f.name for f in _fields(cls)}
        unknown = sorted(name for name in values if name not in fields)
        if unknown:
            raise ParameterError(
                f"{cls.__name__} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters are: {', '.join(cls.parameter_names())}"
            )

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        """The names of the model's options: dataclass fields that are not parameters."""
        return tuple(f.name for f in _fields(cls) if _SPEC not in f.metadata)

    @classmethod
    def _check_options(cls, options: Mapping[str, Any]) -> None:
        """An option whose default is a bool only takes bools."""
        defaults = cls.option_values()
        for name, value in options.items():
            if isinstance(defaults.get(name), bool) and not isinstance(value, (bool, np.bool_)):
                raise ParameterError(f"{cls.__name__}: the option {name} must be True or False, got {value!r}")

    @_either
    def option_values(self) -> dict[str, Any]:
        """``{option name: value}`` of an instance (the defaults when called on the class)."""
        if isinstance(self, type):
            return {f.name: f.default for f in _fields(self) if _SPEC not in f.metadata}
        return {name: getattr(self, name) for name in self.option_names()}

    @classmethod
    def variant_strategies(cls, **options: Any) -> tuple[tuple[str, ...], ...]:
        """The strategy labels of a strategic-form variant, ``()`` for a sequential one.

        The default is the class attribute ``strategies``; a model whose form
        depends on an option (e.g. ``simultaneous``) overrides this.
        """
        return cls.strategies

    @_either
    def _split(self, given: Mapping[str, Any]) -> tuple[type[Model], dict[str, Any], dict[str, Any]]:
        """The class, and ``given`` split into parameter values and (all) option values."""
        cls = cast("type[Model]", self if isinstance(self, type) else type(self))
        cls._check_names(given)
        options = {**self.option_values(), **{k: x for k, x in given.items() if k in cls.option_names()}}
        cls._check_options(options)
        return cls, {k: x for k, x in given.items() if k not in options}, options

    @_either
    def values(self) -> dict[str, Any]:
        """``{parameter name: value}`` of an instance (the defaults when called on the class)."""
        if isinstance(self, type):
            return {p.name: p.default for p in self.parameters()}
        return {p.name: getattr(self, p.name) for p in self.parameters()}

    def replace(self, **changes: Any) -> Model:
        """A new instance with some values changed (validated like the constructor).

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> QuasiAlliance().replace(fear_rok=1).fear_rok
        1
        """
        type(self)._check_names(changes)
        return dataclasses.replace(self, **changes)

    @classmethod
    def presets(cls) -> dict[str, Model]:
        """``{scenario name: instance}`` for the scenarios the model documents (see ``scenarios``)."""
        return {s.name: cls(**dict(s.values)) for s in cls.scenarios}

    # ------------------------------------------------------------------ the one payoff definition
    @staticmethod
    def payoffs(v: Any) -> Any:
        """Payoffs from parameter values ``v.<name>``: ``{profile: payoffs}`` or a GameTree."""
        raise NotImplementedError("a model defines payoffs(v)")

    @classmethod
    def _check_table(cls, table: Any, strategies: tuple[tuple[str, ...], ...]) -> None:
        """A payoff table maps exactly the strategy profiles: name any missing or unknown profile."""
        if not isinstance(table, Mapping):
            raise TrigameError(f"{cls.__name__}.payoffs must return a mapping {{profile: payoffs}} for the "
                               f"profiles of {strategies}, got {type(table).__name__}")
        expected = list(itertools.product(*strategies))
        known = set(expected)
        missing = [profile for profile in expected if profile not in table]
        extra = [profile for profile in table if profile not in known]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"misses the profile(s) {', '.join(map(repr, missing))}")
            if extra:
                parts.append(f"has key(s) that are not strategy profiles: {', '.join(map(repr, extra))}")
            raise TrigameError(f"{cls.__name__}.payoffs {' and '.join(parts)}; it must map every profile of "
                               f"{strategies} to one payoff per player")

    @classmethod
    def _normal_form(
        cls, table: Any, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]
    ) -> NormalFormGame:
        """Turn ``{profile: payoff vector}`` into a NormalFormGame (object entries, kind detected)."""
        shape = tuple(len(s) for s in strategies)
        cls._check_table(table, strategies)
        array = np.empty((len(players), *shape), dtype=object)
        for index in np.ndindex(*shape):
            profile = tuple(s[k] for s, k in zip(strategies, index))
            vector = tuple(table[profile])
            if len(vector) != len(players):
                raise TrigameError(f"{cls.__name__}.payoffs gives {len(vector)} payoffs at {profile}")
            for i, u in enumerate(vector):
                array[i][index] = u
        return NormalFormGame(array.tolist(), players=players, strategies=strategies, title=cls.title)

    def game(self) -> Any:
        """The concrete game at the instance's values (a NormalFormGame, or a GameTree).

        Ints and Fractions give an exact game, floats a float game.
        """
        built = self.payoffs(types.SimpleNamespace(**self.values(), **self.option_values()))
        if isinstance(built, Mapping):
            return self._normal_form(built, tuple(self.players), self.strategies)
        return built

    @_either
    def symbolic_game(self, **fixed: Any) -> Any:
        """The game over SymPy symbols named after the parameters (with their domains as assumptions).

        Parameters given in ``fixed`` keep that number instead of a symbol;
        options given there choose the variant.  Called on an instance, the
        instance's labels and options are used.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> g = QuasiAlliance.symbolic_game(security_value=3, threat_value=0, virtual_alliance_value=0,
        ...                                 expectation_gap=0)  # Cha's setting
        >>> x = {p.name: p.symbol() for p in QuasiAlliance.parameters()}
        >>> g.payoffs[0, 0, 0] == 3 * x["fear_japan"] - x["domestic_cost_japan"]
        True
        >>> [str(s) for s in g.symbols]
        ['domestic_cost_japan', 'domestic_cost_rok', 'fear_japan', 'fear_rok', 'unreciprocated_cost']
        """
        cls, fixed, options = self._split(fixed)
        where = cls.__name__
        values: dict[str, Any] = {}
        for p in cls.parameters():
            values[p.name] = to_sympy(p.validate(fixed[p.name], where)) if p.name in fixed else p.symbol()
        namespace = types.SimpleNamespace(**values, **options)
        built = _call_payoffs(cls.payoffs, cls.__name__, namespace, "SymPy symbols")
        if isinstance(built, Mapping):
            return cls._normal_form(built, tuple(options.get("players", self.players)),
                                    cls.variant_strategies(**options))
        return built

    @_either
    def payoff_tensor(self, **values: Any) -> np.ndarray:
        """Payoffs of a batch of games: arrays of parameter values broadcast together.

        Returns an array of shape ``(*grid, n_players, m_1, ..., m_n)`` where
        ``grid`` is the broadcast shape of the given values; the other
        parameters keep the instance's values (the defaults on the class).
        Ints give an integer array, floats a float array, Fractions (and no
        floats) an object array of Fractions.  Options (e.g. ``simultaneous``)
        may be given too, as single values.

        For a sequential model the array holds the payoffs of the tree's
        strategic form (:meth:`trigame.games.tree.GameTree.to_normal_form`, whose
        strategy labels it shares): the tree is built once over SymPy symbols
        and each strategic-form payoff, a polynomial in the parameters, is
        evaluated on the arrays.

        Examples
        --------
        >>> import numpy as np
        >>> from trigame.models import QuasiAlliance
        >>> t = QuasiAlliance.payoff_tensor(fear_japan=np.linspace(0, 1, 5), fear_rok=[[0], [1]])
        >>> t.shape
        (2, 5, 2, 2, 2)
        """
        cls, given, options = self._split(values)
        where = cls.__name__
        current = self.values()
        arrays = {p.name: p.validate_array(given.get(p.name, current[p.name]), where) for p in cls.parameters()}
        if any(a.dtype.kind == "f" for a in arrays.values()):  # floats absorb Fractions, as in a game
            arrays = {name: a.astype(np.float64) for name, a in arrays.items()}
        try:
            grid = np.broadcast_shapes(*(arrays[name].shape for name in given))
        except ValueError:
            shapes = ", ".join(f"{name}: {arrays[name].shape}" for name in given)
            raise ParameterError(f"{where}: the arrays of values do not broadcast together ({shapes})") from None
        broadcast = {name: np.broadcast_to(a, grid) for name, a in arrays.items()}
        strategies = cls.variant_strategies(**options)
        if strategies:
            namespace = types.SimpleNamespace(**broadcast, **options)
            table = _call_payoffs(cls.payoffs, cls.__name__, namespace, "NumPy arrays")
            if not isinstance(table, Mapping):
                raise TrigameError(f"{cls.__name__}.payoffs must return a table for a strategic-form variant")
            cls._check_table(table, strategies)
            vectors = {profile: tuple(table[profile]) for profile in itertools.product(*strategies)}
        else:
            key = tuple(sorted(options.items()))
            try:
                hash(key)
            except TypeError:  # an option value that is not hashable (a list, say): build the form uncached
                form = _tree_strategic_form.__wrapped__(cls, key)
            else:
                form = _tree_strategic_form(cls, key)  # type: ignore[arg-type]  # a class is hashable (mypy checks its instances' __hash__)
            strategies = form.strategies
            floats = any(a.dtype.kind == "f" for a in arrays.values())
            vectors = {}
            for index in np.ndindex(*form.shape):
                profile = tuple(s[k] for s, k in zip(strategies, index))
                vectors[profile] = tuple(
                    _evaluate(form.payoffs[i][index], broadcast, floats) for i in range(form.n_players)
                )
        entries = {profile: [np.broadcast_to(np.asarray(u), grid) for u in vector]
                   for profile, vector in vectors.items()}
        dtype = np.result_type(*(u for vector in entries.values() for u in vector))
        shape = tuple(len(s) for s in strategies)
        out = np.empty((*grid, len(strategies), *shape), dtype=dtype)
        for index in np.ndindex(*shape):
            profile = tuple(s[k] for s, k in zip(strategies, index))
            for i, u in enumerate(entries[profile]):
                entry = (..., i, *index)
                out[entry] = u
        return out

    # ------------------------------------------------------------------ solving
    def equilibria(self, *, nash: bool = False, method: str = "auto", **options: Any) -> Any:
        """The model's equilibria at the instance's values.

        Strategic-form models: all Nash equilibria (:func:`trigame.equilibria`).
        Sequential models: all subgame-perfect equilibria
        (:func:`trigame.solve.subgame_perfect.subgame_perfect`), or with ``nash=True`` all Nash
        equilibria of the tree's strategic form.
        """
        from trigame.solve import equilibria as nash_equilibria

        game = self.game()
        if isinstance(game, NormalFormGame):
            return nash_equilibria(game, method=method, **options)
        if nash:
            return nash_equilibria(game.to_normal_form(), method=method, **options)
        from trigame.solve.subgame_perfect import subgame_perfect

        return subgame_perfect(game, **options)

    # ------------------------------------------------------------------ text
    @_either
    def describe(self) -> str:
        """The game table (symbolic, and at the values), the parameters and the scenarios, as text."""
        cls = self if isinstance(self, type) else type(self)
        doc = (cls.__doc__ or "").strip().splitlines()
        lines = [f"{cls.__name__}: {doc[0] if doc else cls.title}", ""]
        symbolic = self.symbolic_game()
        numeric = cls(**self.values()).game() if isinstance(self, type) else self.game()
        if isinstance(symbolic, NormalFormGame):
            lines += [*_table(symbolic, str), ""]
            lines += ["At the values below:", *_table(numeric, format_number), ""]
        elif hasattr(symbolic, "text"):
            order = f"payoffs in the order ({', '.join(symbolic.players)})"
            lines += [f"The game tree, {order}:", *_indented(symbolic.text()), ""]
            lines += ["At the values below:", *_indented(numeric.text()), ""]
        else:
            lines += [repr(symbolic), "", "At the values below:", repr(numeric), ""]
        lines.append("Parameters:")
        values = self.values()
        for p in cls.parameters():
            lines.append(f"  {p.name} = {format_number(values[p.name])}   ({p.unicode}: {p.label}; domain {p.domain})")
            lines.append(f"      {p.description}")
            if p.source:
                lines.append(f"      Source: {p.source}")
        options = self.option_values()
        if options:
            lines += ["", "Options (set with --set NAME=VALUE, never swept):"]
            described = {f.name: f.metadata.get(_OPTION, "") for f in _fields(cls)}
            for name, value in options.items():
                lines.append(f"  {name} = {value}")
                if described.get(name):
                    lines.append(f"      {described[name]}")
        if cls.scenarios:
            lines += ["", "Scenarios (presets):"]
            for s in cls.scenarios:
                settings = ", ".join(f"{k}={format_number(x)}" for k, x in s.values.items()) or "the defaults"
                lines.append(f"  {s.name}: {settings}")
                if s.description:
                    lines.append(f"      {s.description}")
        return "\n".join(lines)


@functools.lru_cache(maxsize=64)
def _tree_strategic_form(cls: type[Model], options: tuple[tuple[str, Any], ...]) -> NormalFormGame:
    """The strategic form of a sequential model's tree over SymPy symbols (built once per class and options)."""
    tree = cls.symbolic_game(**dict(options))
    if isinstance(tree, NormalFormGame):  # pragma: no cover - only trees reach here
        return tree
    return tree.to_normal_form()


def _indented(text: str) -> list[str]:
    return ["  " + line for line in text.splitlines()]


def _table(game: NormalFormGame, fmt: Callable[[Any], str]) -> list[str]:
    """A strategic-form game as text: a bimatrix for 2 players, one line per profile otherwise."""
    cells: dict[tuple[int, ...], str] = {}
    for index in np.ndindex(*game.shape):
        cells[index] = "(" + ", ".join(fmt(game.payoffs[i][index]) for i in range(game.n_players)) + ")"
    if game.n_players != 2:
        lines = [f"Players: {', '.join(game.players)}"]
        for index, cell in cells.items():
            profile = ", ".join(s[k] for s, k in zip(game.strategies, index))
            lines.append(f"  {profile}: {cell}")
        return lines
    rows, cols = game.strategies
    head = [f"{game.players[0]} \\ {game.players[1]}", *cols]
    body = [[r] + [cells[(a, b)] for b in range(len(cols))] for a, r in enumerate(rows)]
    widths = [max(len(row[k]) for row in [head, *body]) for k in range(len(head))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [head, *body]]
