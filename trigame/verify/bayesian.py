"""Independent check of Bayesian Nash equilibria, from the definition (Harsanyi 1967-68).

A behaviour profile of a Bayesian game gives each player, for each of their
types, a probability for each action.  It is a **Bayesian Nash equilibrium**
when every type of positive probability plays only actions that maximise its
*interim* expected payoff: the expectation, under the prior conditional on that
type, over the others' types and over their actions drawn from the behaviour,

    U_i(a | t_i) = sum over t_-i of P(t_-i | t_i) sum over a_-i of
                   prod_j sigma_j(a_j | t_j) u_i((t_i, t_-i), (a, a_-i)).

Types of probability zero are unconstrained.  Nothing here uses a solver or
the game's strategic or agent forms: the sums are taken over the prior and the
payoffs directly.  Exact games with an exact behaviour are checked exactly;
otherwise in floating point, a type's gain being accepted up to ``tol`` times
its player's payoff range (over the type profiles of positive probability), as
in :func:`trigame.verify.is_nash`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from trigame._numbers import classify, format_number, short_repr, to_float, to_fraction
from trigame.budget import WorkBudget
from trigame.errors import ProfileError, TrigameError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.games.profiles import PROBABILITY_TOL
from trigame.verify.nash import validate_tol

__all__ = ["DEFAULT_MAX_WORK", "bayesian_regret", "is_bayesian_nash"]

#: Default work budget of the checks, in (type profile, action profile) terms summed.
DEFAULT_MAX_WORK = 10_000_000

Behavior = Mapping[str, Mapping[str, Mapping[str, Any]]]


def _behavior_of(behavior: Any) -> Any:
    """The behaviour of an equilibrium result, or ``behavior`` itself."""
    return behavior.behavior if hasattr(behavior, "behavior") and hasattr(behavior, "interim") else behavior


class _Check:
    """The interim payoffs of one behaviour profile in one arithmetic (Fractions or floats)."""

    def __init__(self, game: Any, behavior: Any, max_work: int | None) -> None:
        if not isinstance(game, BayesianGame):
            raise UnsupportedGameError(f"a Bayesian Nash check needs a BayesianGame, got {type(game).__name__}")
        if game.kind == "symbolic":
            raise UnsupportedGameError("Bayesian Nash checks need numeric payoffs and priors; "
                                       "substitute values with game.subs(...) first")
        behavior = _behavior_of(behavior)
        if not isinstance(behavior, Mapping):
            raise ProfileError("a behaviour is a mapping {player: {type: {action: probability}}}, "
                               f"got {short_repr(behavior)}")
        self.game = game
        self.budget = WorkBudget(max_work, what="the Bayesian Nash check", unit="terms", option="max_work")
        self.marginal = {p: {t: q for t, q in game.marginal(p).items() if q != 0} for p in game.players}
        kinds = set()
        for p in game.players:
            for t in self.marginal[p]:
                for value in self._raw(behavior, p, t).values():
                    try:
                        kinds.add(classify(value, what="probability"))
                    except TrigameError as exc:
                        raise ProfileError(f"the behaviour of {p!r} of type {t!r}: {exc}") from None
        if "symbolic" in kinds:
            raise UnsupportedGameError("Bayesian Nash checks need numeric probabilities; substitute values first")
        self.exact = game.kind == "exact" and kinds <= {"exact"}
        self.num: Any = to_fraction if self.exact else to_float
        self.sigma = {p: {t: self._distribution(behavior, p, t) for t in self.marginal[p]} for p in game.players}

    def _raw(self, behavior: Mapping[str, Any], player: str, type_: str) -> Mapping[str, Any]:
        by_type = behavior.get(player)
        if not isinstance(by_type, Mapping):
            raise ProfileError(f"the behaviour gives nothing for player {player!r} (a mapping {{type: {{action: "
                               f"probability}}}} is needed)")
        dist = by_type.get(type_)
        if not isinstance(dist, Mapping):
            raise ProfileError(f"the behaviour gives no {{action: probability}} for {player!r} of type {type_!r}")
        actions = self.game.actions(player, type_)
        unknown = sorted(set(dist) - set(actions), key=str)
        if unknown:
            raise ProfileError(f"{player!r} of type {type_!r} has no action(s) {unknown}; "
                               f"its actions are {list(actions)}")
        return dist

    def _distribution(self, behavior: Mapping[str, Any], player: str, type_: str) -> dict[str, Any]:
        raw = self._raw(behavior, player, type_)
        out: dict[str, Any] = {a: self.num(raw.get(a, 0)) for a in self.game.actions(player, type_)}
        what = f"the behaviour of {player!r} of type {type_!r}"
        if any(q < (0 if self.exact else -PROBABILITY_TOL) for q in out.values()):
            raise ProfileError(f"{what} has a negative probability: {out}")
        total = sum(out.values())
        if (self.exact and total != 1) or (not self.exact and abs(total - 1) > PROBABILITY_TOL):
            raise ProfileError(f"{what} must sum to 1, sums to {format_number(total)}")
        return out

    def interim(self, player: str) -> dict[str, dict[str, Any]]:
        """``{type: {action: interim expected payoff}}`` of ``player``'s types of positive probability."""
        game = self.game
        i = game.players.index(player)
        sums = {t: {a: self.num(0) for a in game.actions(player, t)} for t in self.marginal[player]}
        for types, prior in game.prior.items():
            if prior == 0:
                continue
            mine = types[i]
            prior = self.num(prior)
            # the others' action profiles with their probabilities, from the behaviour of their types
            others = [list(self.sigma[q][types[j]].items()) if j != i else [("", self.num(1))]
                      for j, q in enumerate(game.players)]
            for combo in itertools.product(*others):
                weight = prior
                for _, q in combo:
                    weight = weight * q
                if weight == 0:
                    continue
                for a in sums[mine]:
                    self.budget.spend()
                    actions = tuple(a if j == i else c[0] for j, c in enumerate(combo))
                    sums[mine][a] += weight * self.num(game.payoff(types, actions)[i])
        return {t: {a: v / self.num(self.marginal[player][t]) for a, v in row.items()} for t, row in sums.items()}

    def regrets(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for player in self.game.players:
            out[player] = {}
            for t, values in self.interim(player).items():
                current = sum((self.sigma[player][t][a] * v for a, v in values.items()), self.num(0))
                gain = max(values.values()) - current
                out[player][t] = gain if self.exact else max(0.0, gain)
        return out

    def scale(self, player: str) -> float:
        """``player``'s payoff range over the type profiles of positive probability."""
        i = self.game.players.index(player)
        values = [to_fraction(u[i]) for types, row in self.game.payoff_table().items()
                  if self.game.prior.get(types, 0) != 0 for u in row.values()]
        return float(max(values) - min(values)) if values else 0.0


def bayesian_regret(game: Any, behavior: Behavior, *, max_work: int | None = DEFAULT_MAX_WORK
                    ) -> dict[str, dict[str, Any]]:
    """Each type's largest gain from another action: ``{player: {type: max gain}}`` (0 at an equilibrium).

    The gain of type ``t_i`` is ``max_a U_i(a | t_i) - U_i(sigma_i(t_i) | t_i)``
    in interim expected payoffs (the module docstring defines them); types of
    probability zero are left out.  Exact (Fractions) for an exact game and an
    exact behaviour, floats otherwise.

    Parameters
    ----------
    game : BayesianGame
    behavior : mapping or BayesianEquilibrium
        ``{player: {type: {action: probability}}}`` (types of probability zero may be left out).
    max_work : int or None
        Most payoff terms summed (``None``: no limit); :class:`~trigame.errors.BudgetExceededError` beyond.

    Examples
    --------
    >>> from trigame.games.bayesian import BayesianGame
    >>> g = BayesianGame(["A", "B"], {"A": ("x",), "B": ("s", "w")}, {"A": {"x": 1}, "B": {"s": 0.5, "w": 0.5}},
    ...                  {"A": ("u", "d"), "B": ("l", "r")},
    ...                  lambda t, a: (1 if (a[0] == "u") == (t[1] == "s") else 0, 1 if a[1] == "l" else 0))
    >>> bayesian_regret(g, {"A": {"x": {"u": 1}}, "B": {"s": {"l": 1}, "w": {"r": 1}}})
    {'A': {'x': 0.0}, 'B': {'s': 0.0, 'w': 1.0}}
    """
    return _Check(game, behavior, max_work).regrets()


def is_bayesian_nash(game: Any, behavior: Behavior, tol: float = 1e-9, *,
                     max_work: int | None = DEFAULT_MAX_WORK) -> bool:
    """True when ``behavior`` is a Bayesian Nash equilibrium of ``game``.

    Every type of positive probability must play only actions of maximal interim
    expected payoff against the others' behaviour (conditional prior).  Exact for
    an exact game and behaviour; otherwise a type's gain may be at most ``tol``
    times its player's payoff range (``tol`` in ``[0, 1e-3]``).

    Examples
    --------
    >>> from trigame.games.bayesian import BayesianGame
    >>> g = BayesianGame(["A", "B"], {"A": ("x",), "B": ("s", "w")}, {"A": {"x": 1}, "B": {"s": 0.5, "w": 0.5}},
    ...                  {"A": ("u", "d"), "B": ("l", "r")},
    ...                  lambda t, a: (1 if (a[0] == "u") == (t[1] == "s") else 0, 1 if a[1] == "l" else 0))
    >>> is_bayesian_nash(g, {"A": {"x": {"u": 1}}, "B": {"s": {"l": 1}, "w": {"l": 1}}})
    True
    """
    tol = validate_tol(tol)
    check = _Check(game, behavior, max_work)
    regrets = check.regrets()
    if check.exact:
        return all(g == 0 for row in regrets.values() for g in row.values())
    return all(to_float(g) <= tol * check.scale(p) for p, row in regrets.items() for g in row.values())

