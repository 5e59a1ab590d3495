"""What :func:`trigame.solve.bayesian.bayesian_equilibria` returns: Bayesian Nash equilibria and their set."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from trigame._numbers import convert, format_number
from trigame._numbers import is_zero as _is_zero
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number

if TYPE_CHECKING:
    from trigame.games.bayesian import BayesianGame
    from trigame.results.equilibrium import EquilibriumSet

__all__ = ["BayesianEquilibrium", "BayesianEquilibriumSet"]

Behavior = Mapping[str, Mapping[str, Mapping[str, Any]]]


class _ReadOnly(Mapping[str, Any]):
    """A read-only mapping that prints like the dict it holds (nested ones too)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in self._data.items()) + "}"


class BayesianEquilibrium:
    """One Bayesian Nash equilibrium in behaviour strategies (for a symbolic game: one with its condition).

    Attributes
    ----------
    game : BayesianGame
        The game it belongs to.
    behavior : dict
        ``{player: {type: {action: probability}}}`` for every type; a type of
        probability zero carries a representative choice (any is optimal).
    interim : dict
        ``{player: {type: expected payoff}}``, conditional on the type, for
        every type of positive probability.
    payoffs : tuple
        Each player's ex-ante expected payoff, ``sum_t p(t_i) interim[i][t_i]``.
    condition : sympy boolean or True
        For a symbolic game, the condition on the parameters under which this
        is an equilibrium; ``True`` for numeric games.
    exact : bool
        True when the probabilities are exact rationals (an exact game can
        have irrational equilibria, reported as verified floats).
    """

    __slots__ = ("behavior", "condition", "exact", "game", "interim", "payoffs")
    game: BayesianGame
    behavior: Mapping[str, Mapping[str, Mapping[str, Any]]]
    interim: Mapping[str, Mapping[str, Any]]
    payoffs: tuple[Any, ...]
    condition: Any
    exact: bool

    def __init__(self, game: BayesianGame, behavior: Behavior, condition: Any = True,
                 exact: bool | None = None) -> None:
        ordered = _ReadOnly({
            p: _ReadOnly({t: _ReadOnly({a: behavior[p][t].get(a, Fraction(0)) for a in game.actions(p, t)})
                          for t in game.types[p]})
            for p in game.players})
        values = game.interim_payoffs({p: {t: dict(d) for t, d in own.items()} for p, own in ordered.items()})
        interim = {}
        payoffs = []
        for p in game.players:
            marginal = game.marginal(p)
            own = {}
            total: Any = convert(0, game.kind)
            for t, by_action in values[p].items():
                own[t] = sum((ordered[p][t][a] * v for a, v in by_action.items()), convert(0, game.kind))
                total = total + marginal[t] * own[t]
            interim[p] = _ReadOnly(own)
            payoffs.append(total)
        if exact is None:
            exact = all(isinstance(q, (Fraction, int)) for own in ordered.values() for d in own.values()
                        for q in d.values())
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "behavior", ordered)
        object.__setattr__(self, "interim", _ReadOnly(interim))
        object.__setattr__(self, "payoffs", tuple(payoffs))
        object.__setattr__(self, "condition", condition)
        object.__setattr__(self, "exact", bool(exact))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BayesianEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def is_pure(self) -> bool:
        """True when every type of every player plays one action with probability 1."""
        return all(sum(1 for q in d.values() if not _is_zero(q)) == 1
                   for own in self.behavior.values() for d in own.values())

    def strategy(self, player: str) -> dict[str, str | dict[str, Any]]:
        """``{type: action}`` for ``player``, or the distribution where the type mixes."""
        out: dict[str, str | dict[str, Any]] = {}
        for t, dist in self.behavior[player].items():
            used = {a: q for a, q in dist.items() if not _is_zero(q)}
            out[t] = next(iter(used)) if len(used) == 1 else used
        return out

    def label(self) -> str:
        """A one-line label, e.g. ``"Incumbent: Fight if tough, Yield if weak; Entrant: In"``."""
        parts = []
        for p in self.game.players:
            choices = []
            for t, choice in self.strategy(p).items():
                text = choice if isinstance(choice, str) else " + ".join(
                    f"{format_number(q, 4)} {a}" for a, q in choice.items())
                choices.append(text if len(self.game.types[p]) == 1 else f"{text} if {t}")
            parts.append(f"{p}: " + ", ".join(choices))
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: behaviour, interim and ex-ante payoffs, exactness, condition."""
        out: dict[str, Any] = {
            "behavior": {p: {t: {a: _json_number(q) for a, q in d.items()} for t, d in own.items()}
                         for p, own in self.behavior.items()},
            "interim": {p: {t: _json_number(v) for t, v in own.items()} for p, own in self.interim.items()},
            "payoffs": {p: _json_number(u) for p, u in zip(self.game.players, self.payoffs)},
            "exact": self.exact,
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def _key(self) -> tuple[Any, ...]:
        return tuple((p, t, tuple(d.values())) for p, own in self.behavior.items() for t, d in own.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianEquilibrium):
            return NotImplemented
        return self.game == other.game and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"BayesianEquilibrium({self.label()}; payoffs ({payoffs}){cond})"


class BayesianEquilibriumSet(ResultSet[BayesianEquilibrium]):
    """The Bayesian Nash equilibria :func:`bayesian_equilibria` found, with what it guarantees.

    Attributes
    ----------
    game : BayesianGame
        The game that was solved.
    method : str
        ``"agent_form/<solver>"``: the type-agent form was solved by ``<solver>``.
    complete : bool
        True when every equilibrium is listed, in the sense of the agent-form
        solver (for a continuum: its extreme points with two agents,
        representatives with more; see ``notes``).
    degenerate : bool
        True when there is a continuum of Bayesian Nash equilibria: a
        continuum in the agent form, or a type of probability zero with more
        than one action (its behaviour is arbitrary; one representative is listed).
    notes : tuple of str
        What the reader should know (continua, types of probability zero, budgets).
    agent_equilibria : EquilibriumSet or None
        The equilibria of the type-agent form they were translated from.
    """

    def __init__(self, equilibria: Sequence[BayesianEquilibrium], *, game: BayesianGame, method: str,
                 complete: bool, degenerate: bool = False, notes: Sequence[str] = (),
                 agent_equilibria: EquilibriumSet | None = None) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = method
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)
        self.agent_equilibria = agent_equilibria

    def pure(self) -> BayesianEquilibriumSet:
        """The pure-strategy equilibria among these."""
        return BayesianEquilibriumSet([e for e in self._equilibria if e.is_pure], game=self.game,
                                      method=self.method, complete=self.complete, degenerate=self.degenerate,
                                      notes=self.notes, agent_equilibria=self.agent_equilibria)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict describing the game and every equilibrium."""
        return {
            "game": {"title": self.game.title, "players": list(self.game.players),
                     "types": {p: list(t) for p, t in self.game.types.items()}, "kind": self.game.kind},
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"method={self.method!r}", f"complete={self.complete}"]
        if self.degenerate:
            flags.append("degenerate=True")
        return self._repr_with(flags)
