"""Regimes: every equilibrium of a model as expressions in its parameters, with its condition.

Everything here starts from the model's one payoff definition evaluated on
SymPy symbols (:meth:`trigame.models.Model.symbolic_game`) and the exact
symbolic solvers: the closed forms of 2x2 and 2x2x2 games
(:mod:`trigame.solve.nash.closed_form`) for strategic-form models, and piecewise
backward induction (:func:`trigame.solve.subgame_perfect.subgame_perfect`) for sequential ones.
:func:`regimes` returns a :class:`RegimeSet` of :class:`Regime` objects: each
equilibrium's probabilities, payoffs and outcome probabilities, with the
simplified condition under which it exists.  The thresholds and derivatives of
one regime (:mod:`trigame.statics.thresholds`) and the regime map of the
equilibrium sets (:mod:`trigame.statics.regime_maps`) start from a RegimeSet.

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
player names and, for :meth:`~trigame.statics.regime_maps.RegimeMap.labels`
and :meth:`~trigame.statics.regime_maps.RegimeMap.boundaries`, its values for the free parameters not given
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
domain, never an approximation.  A sign claimed by
:func:`~trigame.statics.thresholds.derivative` is proved the same way; when it
cannot be proved the answer is ``"depends"`` (with witnesses of both signs) or
``"unknown"``.

Labels
------
An equilibrium's value-free label (:attr:`Regime.support_label`) is
:func:`trigame._labels.support_label` of (players, strategies, supports) for
Nash equilibria, and of (information-set keys, actions, supports) for
subgame-perfect equilibria, as in :func:`trigame.statics.sweep`.

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> cha = {"threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}  # Cha's setting
>>> rs = regimes(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1, "domestic_cost_rok": 2, **cha})
>>> for r in rs:
...     print(r.support_label, "iff", r.condition)  # doctest: +NORMALIZE_WHITESPACE
Japan: Cooperate, South Korea: Cooperate iff (fear_japan >= 1/3) & (fear_rok >= 2/3)
Japan: Cooperate, South Korea: mix Cooperate/Friction iff Eq(fear_rok, 2/3) & (fear_japan > 1/3)
Japan: Friction, South Korea: Friction iff True
Japan: mix Cooperate/Friction, South Korea: Cooperate iff Eq(fear_japan, 1/3) & (fear_rok > 2/3)
Japan: mix Cooperate/Friction, South Korea: mix Cooperate/Friction iff (fear_japan > 1/3) & (fear_rok > 2/3)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._labels import support_label
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.statics._problem import (
    _check_domain,
    _check_fixed,
    _exact_or_unsupported,
    _number,
    _Problem,
    _problem,
)
from trigame.statics._regime_kinds import _nash_regimes, _spe_regimes
from trigame.statics.decision import Clause
from trigame.statics.decision.clauses import ALL as _ALL

__all__ = ["Regime", "RegimeSet", "regimes"]


class _Unwritten:
    """A regime's condition not yet written as a SymPy condition (its clauses are the regime's own): their
    space, and the space's special parameters when the regime was made (the space meets more irrational
    thresholds later, and the condition is written as it would have been at once)."""

    __slots__ = ("space", "special")

    def __init__(self, space: Any, special: frozenset[int]) -> None:
        self.space, self.special = space, special

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Unwritten, (self.space, self.special))


class _Condition:
    """:attr:`Regime.condition`, written from the clauses on first read (a regime map reads the clauses only).

    A data descriptor: the dataclass's ``__init__`` stores the value given (a condition, or an
    :class:`_Unwritten` one) in the instance's ``__dict__``, and the first read writes and keeps it.
    """

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            raise AttributeError("condition")  # no default value for the dataclass field
        value = obj.__dict__["condition"]
        if type(value) is _Unwritten:
            value = obj.__dict__["condition"] = value.space.to_sympy(obj._clauses, value.special)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__["condition"] = value


@dataclass(frozen=True, eq=False)
class Regime:
    """One equilibrium as a function of the parameters, with the condition under which it exists.

    Attributes
    ----------
    index : int
        Position in its :class:`RegimeSet`.
    kind : str
        ``"nash"`` (a Nash equilibrium of a strategic-form game),
        ``"subgame_perfect"`` (a subgame-perfect equilibrium of a tree) or ``"perfect_bayesian"`` (a
        perfect Bayesian equilibrium of a signalling game).
    label : str
        Readable label with the values, e.g. ``"Japan: Cooperate, South Korea: Cooperate"`` or
        ``"mixed: Japan: s/(c + s) Cooperate + ..."``.
    support_label : str
        Value-free label (:func:`trigame._labels.support_label`), the same string a sweep uses.
    condition : sympy boolean
        Simplified condition on the free parameters (their domains assumed) under which this is an equilibrium
        (written from the simplified clauses when first read: a regime map never reads it).
    probabilities : dict
        ``{player: {strategy: probability}}`` (Nash) or ``{information set: {action: probability}}`` (SPE),
        SymPy expressions.
    payoffs : dict
        ``{player: expected payoff}``.
    outcomes : mapping
        ``{profile or path of actions: probability}``: the distribution over pure profiles (Nash) or over
        the terminal paths reached (SPE; computed on first use).
    equilibrium : Equilibrium or SubgamePerfectEquilibrium
        The solver's object.
    """

    index: int
    kind: str
    label: str
    support_label: str
    condition: Any  # written on first read: the descriptor _Condition, set below
    probabilities: dict[Any, dict[str, Any]]
    payoffs: dict[str, Any]
    outcomes: Mapping[tuple[str, ...], Any]
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

    @property
    def condition_text(self) -> str:
        """The condition in plain Unicode, in the parameters' symbols (``h_K ≤ 3·f_K and ...``)."""
        from trigame.statics.conditions import to_unicode

        return to_unicode(self.condition, self._require_owner().display_names)

    @property
    def condition_latex(self) -> str:
        """The condition in LaTeX, each relation an inline formula joined by "and" and "or"."""
        from trigame.statics.conditions import to_latex

        return to_latex(self.condition, self._require_owner().display_names)

    def to_latex(self) -> str:
        """The regime as a proposition: the profile, the condition and the payoffs, in LaTeX."""
        import sympy

        from trigame.statics.conditions import _latex_expr, tex_text

        names = self._require_owner().display_names
        what = _WHAT[self.kind][:-1] + "um"  # the singular
        used = {unit: {a: p for a, p in dist.items() if p != 0} for unit, dist in self.probabilities.items()}
        if self.kind == "nash" and all(len(u) == 1 for u in used.values()):
            profile = "(" + ", ".join(tex_text(next(iter(u))) for u in used.values()) + ")"
        else:
            parts = []
            for unit, u in used.items():
                if len(u) == 1:
                    parts.append(f"{tex_text(unit)} plays {tex_text(next(iter(u)))}")
                else:
                    mix = " and ".join(f"{tex_text(a)} with probability ${_latex_expr(p, names)}$"
                                       for a, p in u.items())
                    parts.append(f"{tex_text(unit)} plays {mix}")
            profile = "The profile in which " + "; ".join(parts) + ","
        if self.condition == sympy.true:
            condition = "at every value of the parameters"
        else:
            condition = "if and only if " + self.condition_latex
        payoffs = ", ".join(f"{tex_text(p)} ${_latex_expr(u, names)}$" for p, u in self.payoffs.items())
        return (rf"\medskip\noindent\textbf{{Proposition {self.index + 1}.}} {profile} is a {what} "
                f"{condition}. Expected payoffs: {payoffs}.")

    def __repr__(self) -> str:
        return f"Regime({self.index}: {self.label}; if {self.condition})"


# after the dataclass is made, so that the field keeps no default; its __init__ stores through the descriptor
setattr(Regime, "condition", _Condition())  # noqa: B010


class RegimeSet(Sequence[Regime]):
    """The regimes of a model or symbolic game: every equilibrium with its condition.

    Attributes
    ----------
    kind : str
        ``"nash"``, ``"subgame_perfect"`` or ``"perfect_bayesian"``.
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
        self.continuum: Any = None  # the simplified continuum condition of a 2-player game, when there is one

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
        ...                                    "domestic_cost_rok": 2, "unreciprocated_cost": 1, "threat_value": 0,
        ...                                    "virtual_alliance_value": 0, "expectation_gap": 0})
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

    @property
    def display_names(self) -> dict[str, tuple[str, str]]:
        """``{parameter name: (LaTeX symbol, Unicode symbol)}`` for every parameter of the model or game."""
        return {name: (latex, text) for name, _, latex, text in self._problem.display}

    @property
    def display_labels(self) -> dict[str, str]:
        """``{parameter name: display name}`` (``"ROK domestic cost"``) for every parameter."""
        return {name: label for name, label, _, _ in self._problem.display}

    def legend(self) -> list[str]:
        """One line per free parameter: its Unicode symbol, display name and field name (``h_K  ROK ...``)."""
        width = max((len(self.display_names[n][1]) for n in self.parameters), default=0)
        return [f"{self.display_names[n][1]:<{width}}  {self.display_labels[n]} ({n})" for n in self.parameters]

    def human_notes(self) -> list[str]:
        """The notes with the continuum condition in the parameters' Unicode symbols."""
        from trigame.statics.conditions import to_unicode

        return [f"{_CONTINUUM} {to_unicode(self.continuum, self.display_names)}"
                if self.continuum is not None and note.startswith(_CONTINUUM) else note for note in self.notes]

    def latex_notes(self) -> list[str]:
        """The notes in LaTeX text, conditions in the parameters' symbols."""
        from trigame.statics.conditions import tex_text, to_latex

        out = []
        for note in self.notes:
            if note.startswith("symbolic solution:"):  # how to use the result in code, not a statement
                continue
            if self.continuum is not None and note.startswith(_CONTINUUM):
                out.append(f"{tex_text(_CONTINUUM)} {to_latex(self.continuum, self.display_names)}.")
            else:
                out.append(tex_text(note))
        return out

    def to_latex(self) -> str:
        """A LaTeX document fragment: the parameters' domains, one proposition per equilibrium, the notes.

        It compiles in a plain ``article`` (no package needed); the parameters are written in their math
        symbols (:attr:`Parameter.latex <trigame.models.parameters.Parameter.latex>`).
        """
        from trigame.statics.conditions import propositions_latex

        return propositions_latex(self)

    def _repr_html_(self) -> str:
        """The regimes as a table, conditions and payoffs in the parameters' symbols (MathJax), for Jupyter."""
        from trigame.games._display import Math, TexText, html_table
        from trigame.statics.conditions import _latex_expr

        names = self.display_names
        what = _WHAT[self.kind]
        rows = [[r.index, r.support_label, TexText(r.condition_latex),
                 Math(", ".join(_latex_expr(u, names) for u in r.payoffs.values()))] for r in self._regimes]
        symbols = "; ".join(f"{names[n][1]} = {self.display_labels[n]}" for n in self.parameters)
        return html_table(["#", "equilibrium", "exists when", "payoffs"], rows,
                          caption=f"{len(self)} {what} of {self._problem.source}", notes=[symbols, *self.human_notes()])

    def __repr__(self) -> str:
        what = _WHAT[self.kind]
        lines = [f"RegimeSet({len(self)} {what} of {self._problem.source}; free: {', '.join(self.parameters)})"]
        lines += [f"  [{r.index}] {r.support_label}\n        if {r.condition}" for r in self._regimes]
        return "\n".join(lines)


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
        Nash equilibria of strategic-form models (closed form), subgame-perfect pieces of sequential ones;
        for a repeated model (``profiles(stage)``), one regime per automaton profile, as
        :func:`~trigame.statics.repeated.repeated_regimes` gives them.
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
    if isinstance(model, RegimeSet):  # analysed as it was (fixed= must still be a mapping)
        _check_fixed(fixed)
        problem = model._problem
    else:
        problem = _problem(model, fixed, nash, free)
    if problem.kind == "perfect_bayesian":
        from trigame.statics._pbe_regimes import _pbe_regimes

        raw, degenerate, notes = _pbe_regimes(problem)
    elif problem.profiles is not None:  # a repeated model: the conditions of its automaton profiles
        from trigame.statics._repeated_conditions import repeated_regimes_raw

        raw, degenerate, notes = repeated_regimes_raw(problem)
    else:
        raw, degenerate, notes = (_nash_regimes if problem.kind == "nash" else _spe_regimes)(problem)
    notes = [*problem.notes, *notes]
    space = problem.space
    out: list[Regime] = []
    for entry in raw:
        clauses = space.simplify(entry["clauses"] if "clauses" in entry else space.dnf(entry["condition"]))
        if not clauses:
            notes.append(f"{entry['label']}: its condition is empty on the parameters' domains; dropped")
            continue
        out.append(Regime(len(out), problem.kind, entry["label"],
                          entry.get("support_label") or support_label(entry["units"], entry["actions"],
                                                                      entry["supports"]),
                          _Unwritten(space, frozenset(space.special)), entry["probabilities"],
                          entry["payoffs"], entry["outcomes"], entry["equilibrium"], clauses))
    continuum = None
    if problem.kind == "nash" and problem.profiles is None and problem.game.n_players == 2:
        continuum = _continuum(problem, out)
    elif problem.kind == "nash" and any(note.startswith(_CONTINUUM) for note in notes):
        continuum = _reduced_continuum(problem)
    if continuum is not None:
        notes = [f"{_CONTINUUM} {continuum}" if note.startswith(_CONTINUUM) else note for note in notes]
    result = RegimeSet(problem, out, degenerate, notes)
    result.continuum = continuum
    for r in out:
        object.__setattr__(r, "_owner", result)
    return result


#: What the regimes of each kind are.
_WHAT = {"nash": "Nash equilibria", "subgame_perfect": "subgame-perfect equilibria",
         "perfect_bayesian": "perfect Bayesian equilibria"}
#: How the closed form's note on a continuum of equilibria begins.
_CONTINUUM = "continuum of equilibria exactly when:"


def _reduced_continuum(problem: _Problem) -> Any:
    """The continuum condition of a 2x2x2 game that dominance reduces (the closed form's exact case), simplified
    on the domain; None where it cannot be stated exactly here (the closed form's note is then kept)."""
    from trigame.solve.nash._closed_continuum import continuum_condition

    def two_players(game: Any) -> Any:
        import sympy

        if not game.is_symbolic:
            return None
        found = regimes(game)
        return sympy.false if found.continuum is None else found.continuum

    condition = continuum_condition(problem.game, two_players)
    if condition is None:
        return None
    space = problem.space
    try:
        clauses = space.simplify(space.dnf(condition))
    except (UnsupportedGameError, ValueError, TypeError):
        return None
    return space.to_sympy(clauses) if clauses else None


def _continuum(problem: _Problem, found: Sequence[Regime]) -> Any:
    """Where a 2-player game has a continuum of equilibria, simplified on the domain (None: nowhere).

    In a 2-player game the equilibria form finitely many products of polytopes, so there is a continuum exactly
    where two distinct extreme equilibria share one player's strategy: every mixture of the other player's two
    strategies is then a best response to it, and it to each of them.
    """
    import sympy

    space = problem.space
    clauses: list[Clause] = []
    for a, b in itertools.combinations(found, 2):
        shared = any(all(sympy.cancel(a.probabilities[unit][s] - b.probabilities[unit][s]) == 0
                         for s in a.probabilities[unit]) for unit in a.probabilities)
        if not shared:
            continue
        for c, d in itertools.product(a._clauses, b._clauses):
            both = {k: c.get(k, _ALL) & d.get(k, _ALL) for k in {*c, *d}}
            if all(both.values()):
                clauses.append(both)
    clauses = space.simplify(clauses)
    return space.to_sympy(clauses) if clauses else None


def _resolve(model: Any, equilibrium: Any, fixed: Any, nash: bool, free: Any = None) -> tuple[RegimeSet, Regime]:
    if isinstance(equilibrium, Regime) and equilibrium._owner is not None and (
            model is equilibrium._owner or (fixed is None and free is None)):
        return equilibrium._owner, equilibrium
    rs = (model if isinstance(model, RegimeSet) and fixed is None and free is None
          else regimes(model, fixed, nash=nash, free=free))
    return rs, rs.find(equilibrium)

