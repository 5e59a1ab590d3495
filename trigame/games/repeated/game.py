"""The infinitely repeated game: a stage game, discount factors, perfect monitoring.

:class:`RepeatedGame` plays a :class:`~trigame.games.normal_form.NormalFormGame`
in every period; each player ``i`` maximises the normalised discounted sum
``(1 - δ_i) Σ_t δ_i^t u_i(a^t)``.  Strategies are profiles of
:class:`~trigame.games.repeated.automaton.Automaton` (one per player).

Exact subgame perfection
------------------------
A profile of automata induces a *joint* automaton whose states are tuples of the
players' states.  Every joint state that some history reaches (on or off the
path, after deviations by any set of players) starts a subgame, and the
continuation is the same in all subgames that start in the same joint state.  By
the one-shot deviation principle (which holds with discounting and bounded
payoffs), the profile is subgame perfect iff in every reachable joint state no
player gains by changing only today's action.  Continuation values follow the
deterministic path from each state into its cycle: a state on a cycle of length
``L`` with stage payoffs ``u_0 ... u_{L-1}`` is worth
``Σ δ^t u_t / (1 + δ + ... + δ^{L-1})``, and a state before the cycle
``(1 - δ) u + δ V(next)``.  With exact or symbolic payoffs everything is exact.

Discount thresholds
-------------------
With the discount factor a symbol, each "no gain" inequality is a rational
function of δ.  Its denominator is a product of cycle sums ``1 + δ + ... +
δ^{L-1}`` (cyclotomic factors, without roots in (0, 1)), so multiplying by it keeps
the direction; factors of the numerator in δ alone without roots in (0, 1) (such as
``1 - δ``) are dropped the same way.  What is left is the exact polynomial
condition, solved for δ when the stage payoffs are numbers.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from trigame._numbers import classify, is_sympy
from trigame.budget import WorkBudget
from trigame.errors import ParameterError, ProfileError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated._conditions import _no_gain, _solve
from trigame.games.repeated._machine import JointState, _check_degree, _longest_path, _Machine, _unilateral, _values
from trigame.games.repeated.automaton import Automaton

__all__ = ["OneShotDeviation", "RepeatedGame"]



@dataclass(frozen=True)
class OneShotDeviation:
    """A one-shot deviation: in joint ``state``, ``player`` plays ``action`` today instead of the automaton's.

    ``gain`` is the change in the player's normalised discounted payoff (positive: profitable).
    """

    state: JointState
    player: str
    action: str
    gain: Any


def _check_discount(value: Any, who: str) -> Any:
    kind = classify(value, f"discount factor of {who}")
    if kind == "symbolic":
        if value.is_number and not (bool(value > 0) and bool(value < 1)):
            raise ParameterError(f"the discount factor of {who} must lie strictly between 0 and 1, got {value}")
        return value
    number = Fraction(value) if kind == "exact" else float(value)
    if not 0 < number < 1:
        raise ParameterError(f"the discount factor of {who} must lie strictly between 0 and 1, got {value!r}")
    if is_sympy(value):
        return number
    return value if kind == "float" else Fraction(value)


class RepeatedGame:
    """An infinitely repeated game with perfect monitoring and discounting.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game (any number of players; pure actions are the stage strategies).
    discount : number, SymPy expression, sequence or mapping
        A common discount factor ``δ`` in ``(0, 1)`` (int/Fraction/float or a SymPy
        symbol or expression), or one per player (a sequence in player order or a
        mapping ``{player: δ_i}``).

    Raises
    ------
    ParameterError
        On a stage that is not a NormalFormGame, or a discount factor outside ``(0, 1)``,
        not a number (a string is refused, never evaluated), or given for unknown players.

    Examples
    --------
    >>> from trigame.games.normal_form import NormalFormGame
    >>> from trigame.games.repeated import grim_trigger
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                 strategies=[["C", "D"], ["C", "D"]])
    >>> rg = RepeatedGame(pd, 0.6)
    >>> rg.is_subgame_perfect(grim_trigger(pd))
    True
    >>> rg.discount_threshold(grim_trigger(pd))
    (1/2 <= delta) & (delta < 1)
    """

    __slots__ = ("_discounts", "_stage")

    def __init__(self, stage: NormalFormGame, discount: Any) -> None:
        if not isinstance(stage, NormalFormGame):
            raise ParameterError(f"the stage game must be a NormalFormGame, got {type(stage).__name__}")
        n = stage.n_players
        if isinstance(discount, Mapping):
            unknown = [p for p in discount if p not in stage.players]
            missing = [p for p in stage.players if p not in discount]
            if unknown or missing:
                raise ParameterError(f"discount factors must be given for exactly the players {list(stage.players)}; "
                                     f"unknown {unknown}, missing {missing}")
            values = [discount[p] for p in stage.players]
        elif isinstance(discount, Sequence) and not isinstance(discount, (str, bytes)):
            if len(discount) != n:
                raise ParameterError(f"give one discount factor per player ({n}), got {len(discount)}")
            values = list(discount)
        else:
            values = [discount] * n
        self._stage = stage
        self._discounts = tuple(_check_discount(v, p) for v, p in zip(values, stage.players))

    # ------------------------------------------------------------------ properties
    @property
    def stage(self) -> NormalFormGame:
        """The stage game."""
        return self._stage

    @property
    def players(self) -> tuple[str, ...]:
        """Player names (those of the stage game)."""
        return self._stage.players

    @property
    def discounts(self) -> tuple[Any, ...]:
        """One discount factor per player."""
        return self._discounts

    @property
    def discount(self) -> Any:
        """The common discount factor, or the tuple of per-player factors when they differ."""
        first = self._discounts[0]
        return first if all(d == first for d in self._discounts) else self._discounts

    @property
    def is_symbolic(self) -> bool:
        """True when the stage payoffs or a discount factor are symbolic."""
        return self._stage.is_symbolic or any(is_sympy(d) and not d.is_number for d in self._discounts)

    def subs(self, mapping: Mapping[Any, Any] | None = None, /, **values: Any) -> RepeatedGame:
        """Substitute values for symbols (SymPy symbols or their names) in the stage payoffs and discount factors."""
        import sympy

        stage_symbols = {x.name: x for x in self._stage.symbols}
        discount_symbols = {x.name: x for d in self._discounts if is_sympy(d) for x in d.free_symbols}
        every = {**stage_symbols, **discount_symbols}
        pairs: dict[Any, Any] = {}
        for key, value in [*(mapping or {}).items(), *values.items()]:
            name = key.name if isinstance(key, sympy.Symbol) else key
            if not isinstance(name, str) or name not in every:
                raise ParameterError(f"unknown symbol {key!r}; the repeated game's symbols are {sorted(every)}")
            if isinstance(value, str):
                raise ParameterError(f"the value of {name} must be a number, not the string {value!r}")
            pairs[every[name]] = value
        on_stage = {k: v for k, v in pairs.items() if k.name in stage_symbols}
        stage = self._stage.subs(on_stage) if on_stage else self._stage
        discounts = [sympy.sympify(d).subs(pairs) if is_sympy(d) else d for d in self._discounts]
        return RepeatedGame(stage, [_plain(d) for d in discounts])

    # ------------------------------------------------------------------ the profile
    def _machine(self, profile: Any, max_states: int) -> _Machine:
        self._check_profile(profile)
        return _Machine(self._stage, profile, max_states)

    def _check_profile(self, profile: Any) -> None:
        n = self._stage.n_players
        if isinstance(profile, Automaton) or not isinstance(profile, Sequence) or len(profile) != n:
            raise ProfileError(f"a strategy profile is one Automaton per player ({n}), got {profile!r}")
        for i, automaton in enumerate(profile):
            if not isinstance(automaton, Automaton):
                raise ProfileError(f"the strategy of {self.players[i]} must be an Automaton, "
                                   f"got {type(automaton).__name__}")
            automaton.check(self._stage, i)

    def _payoff(self, player: int, profile: Sequence[str], symbolic: bool) -> Any:
        idx = tuple(self._stage.strategy_index(j, a) for j, a in enumerate(profile))
        key = (player, *idx)
        value = self._stage.payoffs[key]
        if symbolic and not is_sympy(value):
            import sympy

            return sympy.Rational(float(value)) if isinstance(value, float) else sympy.Rational(value)
        return value

    def _gains(self, machine: _Machine, deltas: Sequence[Any], symbolic: bool) -> list[OneShotDeviation]:
        path = machine.on_path()
        out = []
        for i, player in enumerate(self.players):
            delta = deltas[i]
            u = [self._payoff(i, machine.action(k), symbolic) for k in range(len(machine.states))]
            value = _values(path, u, delta)
            for k, state in enumerate(machine.states):
                played = machine.action(k)
                for b in self._stage.strategies[i]:
                    if b == played[i]:
                        continue
                    deviation = (*played[:i], b, *played[i + 1:])
                    after = value[machine.successor[k][deviation]]
                    gain = (1 - delta) * self._payoff(i, deviation, symbolic) + delta * after - value[k]
                    out.append(OneShotDeviation(state, player, b, gain))
        return out

    def _numeric(self, what: str) -> None:
        if self.is_symbolic:
            raise UnsupportedGameError(
                f"{what} needs numeric payoffs and discount factors; substitute values with .subs(...) "
                "or use discount_threshold(profile) for the exact condition on the discount factor"
            )

    def values(self, profile: Sequence[Automaton], *, max_states: int = 10_000) -> tuple[Any, ...]:
        """Each player's normalised discounted payoff from the start, ``(1 - δ_i) Σ δ_i^t u_i(a^t)``."""
        machine = self._machine(profile, max_states)
        symbolic = self.is_symbolic
        path = machine.on_path()
        out = []
        for i in range(len(self.players)):
            u = [self._payoff(i, machine.action(k), symbolic) for k in range(len(machine.states))]
            out.append(_values(path, u, self._discounts[i])[0])
        return tuple(out)

    def path(self, profile: Sequence[Automaton], periods: int = 10) -> list[tuple[str, ...]]:
        """The action profiles played in the first ``periods`` periods when everyone follows ``profile``."""
        if isinstance(periods, bool) or not isinstance(periods, int) or not 0 <= periods <= 100_000:
            raise ParameterError(f"periods must be an integer from 0 to 100000, got {periods!r}")
        self._check_profile(profile)
        state = [a.initial for a in profile]
        out = []
        for _ in range(periods):
            played = tuple(a.action(s) for a, s in zip(profile, state))
            out.append(played)
            state = [a.next(s, played) for a, s in zip(profile, state)]
        return out

    def one_shot_deviations(self, profile: Sequence[Automaton], *, tol: float = 1e-9,
                            max_states: int = 10_000) -> list[OneShotDeviation]:
        """Every profitable one-shot deviation, over every reachable joint state (empty iff subgame perfect).

        Parameters
        ----------
        profile : sequence of Automaton
            One automaton per player.
        tol : float
            For float games: a gain counts when it exceeds ``tol`` (exact games compare exactly).
        max_states : int
            Budget on the number of reachable joint states (``BudgetExceededError`` beyond it).
        """
        self._numeric("one_shot_deviations")
        machine = self._machine(profile, max_states)
        gains = self._gains(machine, self._discounts, False)
        exact = self._stage.kind == "exact" and all(isinstance(d, Fraction) for d in self._discounts)
        return [g for g in gains if (g.gain > 0 if exact else float(g.gain) > tol)]

    def is_subgame_perfect(self, profile: Sequence[Automaton], *, tol: float = 1e-9,
                           max_states: int = 10_000) -> bool:
        """Whether ``profile`` is a subgame-perfect equilibrium (exact one-shot deviation check).

        Parameters are those of :meth:`one_shot_deviations`.
        """
        return not self.one_shot_deviations(profile, tol=tol, max_states=max_states)

    def _symbols(self) -> tuple[Any, ...]:
        import sympy

        out = []
        common = all(d == self._discounts[0] for d in self._discounts)
        for i, d in enumerate(self._discounts):
            if is_sympy(d) and not d.is_number:
                out.append(d)
            elif common:
                out.append(sympy.Symbol("delta", positive=True))
            else:
                out.append(sympy.Symbol(f"delta_{i + 1}", positive=True))
        return tuple(out)

    def spe_conditions(self, profile: Sequence[Automaton], *, max_states: int = 10_000,
                       max_degree: int = 12) -> list[tuple[OneShotDeviation, Any]]:
        """Each one-shot deviation with its exact "no gain" condition on the discount factor(s).

        The discount factors are symbols: those of the game when symbolic, else ``delta``
        (one common factor) or ``delta_1``, ``delta_2``, ... (one per player).

        Parameters
        ----------
        profile : sequence of Automaton
        max_states : int
            Budget on the reachable joint states.
        max_degree : int
            Budget on the degree in δ of the conditions (the longest path from a joint state
            until it repeats); past it ``BudgetExceededError`` -- substitute a numeric discount
            factor and use :meth:`is_subgame_perfect` instead.
        """
        symbols = self._symbols()
        machine = self._machine(profile, max_states)
        _check_degree(_longest_path(machine.on_path()), max_degree)
        gains = self._gains(machine, symbols, True)
        pure = {s for s in symbols if s.is_Symbol}
        return [(g, _no_gain(-g.gain, pure)) for g in gains]

    def discount_threshold(self, profile: Sequence[Automaton], *, max_states: int = 10_000,
                           max_degree: int = 12) -> Any:
        """The exact condition on the discount factor under which ``profile`` is subgame perfect.

        Returns a SymPy boolean: with numeric stage payoffs and one common discount factor,
        the set of δ in (0, 1) as a relational (``(1/2 <= delta) & (delta < 1)``); with
        symbolic payoffs, the conjunction of the polynomial "no gain" conditions, each
        cleared of factors positive on (0, 1) (for grim trigger in the Prisoner's Dilemma:
        ``R - T + delta*(T - P) >= 0``).  A numeric discount factor of the game is
        replaced by the symbol ``delta``.  The budgets are those of :meth:`spe_conditions`.
        """
        return _solve(self.spe_conditions(profile, max_states=max_states, max_degree=max_degree), self._symbols())

    def _plans(self, machine: _Machine, i: int, delta: Any, symbolic: bool,
               budget: WorkBudget) -> tuple[Any, list[Any]]:
        """Player ``i``'s value under the profile, and under every stationary plan over her reachable states."""
        reach = _unilateral(machine, i)
        base = _values(machine.on_path(), [self._payoff(i, machine.action(k), symbolic)
                                           for k in range(len(machine.states))], delta)[0]
        values = []
        for plan in itertools.product(self._stage.strategies[i], repeat=len(reach)):
            budget.spend()
            choice = dict(zip(reach, plan))
            nxt, u = [], []
            for k in range(len(machine.states)):
                played = machine.action(k)
                if k in choice:
                    played = (*played[:i], choice[k], *played[i + 1:])
                nxt.append(machine.successor[k][played])
                u.append(self._payoff(i, played, symbolic))
            values.append(_values(nxt, u, delta)[0])
        return base, values

    def nash_conditions(self, profile: Sequence[Automaton], *, max_states: int = 10_000,
                        max_policies: int = 65_536, max_degree: int = 12) -> list[Any]:
        """The exact conditions under which ``profile`` is a Nash equilibrium of the repeated game.

        For each player, every deterministic stationary plan over the joint states she can reach
        by deviating alone (a best reply to the others' automata is one of these, as in any finite
        discounted Markov decision problem) must do no better than the profile from the start.
        ``max_policies`` bounds the number of plans enumerated and ``max_degree`` the number of joint
        states (the degree in δ of a plan's value) (``BudgetExceededError`` beyond either).
        """
        symbols = self._symbols()
        machine = self._machine(profile, max_states)
        _check_degree(len(machine.states), max_degree)
        pure = {s for s in symbols if s.is_Symbol}
        budget = WorkBudget(max_policies, what="the Nash check", unit="plans", option="max_policies")
        out: list[Any] = []
        for i in range(len(self.players)):
            base, values = self._plans(machine, i, symbols[i], True, budget)
            out.extend(_no_gain(base - value, pure) for value in values)
        return out

    def nash_threshold(self, profile: Sequence[Automaton], *, max_states: int = 10_000,
                       max_policies: int = 65_536, max_degree: int = 12) -> Any:
        """The exact condition on the discount factor under which ``profile`` is a Nash equilibrium."""
        conditions = self.nash_conditions(profile, max_states=max_states, max_policies=max_policies,
                                          max_degree=max_degree)
        return _solve([(None, c) for c in conditions], self._symbols())

    def is_nash(self, profile: Sequence[Automaton], *, tol: float = 1e-9, max_states: int = 10_000,
                max_policies: int = 65_536) -> bool:
        """Whether ``profile`` is a Nash equilibrium at the game's (numeric) discount factors.

        Parameters are those of :meth:`nash_conditions`; ``tol`` is the slack of float games.
        """
        self._numeric("is_nash")
        machine = self._machine(profile, max_states)
        budget = WorkBudget(max_policies, what="the Nash check", unit="plans", option="max_policies")
        exact = self._stage.kind == "exact" and all(isinstance(d, Fraction) for d in self._discounts)
        for i in range(len(self.players)):
            base, values = self._plans(machine, i, self._discounts[i], False, budget)
            if any((v > base) if exact else (float(v - base) > tol) for v in values):
                return False
        return True

    def __repr__(self) -> str:
        d = self.discount
        shown = d if not isinstance(d, tuple) else "(" + ", ".join(str(x) for x in d) + ")"
        return f"RepeatedGame({self._stage.title or 'stage'} {self._stage.shape}, discount={shown})"


def _plain(value: Any) -> Any:
    if is_sympy(value) and value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    if is_sympy(value) and value.is_Float:
        return float(value)
    return value
