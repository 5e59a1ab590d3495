"""Trigger strategies under imperfect public monitoring (Green & Porter 1984): the cooperation threshold.

Players cannot see each other's actions, only a public signal that is *bad* with
probability ``p`` when everyone cooperates and with probability ``q > p`` when some player
deviates (a price war after low prices, an incident after a broken pledge).  A trigger
strategy cooperates while the signal is good; after a bad signal everyone plays the
punishment profile ``n`` (a stage Nash equilibrium) for ``k`` periods -- or forever --
and then returns to cooperation.  Punishment happens on the equilibrium path, whenever
the signal misfires.

With cooperative stage payoff ``c_i``, best deviation payoff ``d_i`` and punishment payoff
``n_i``, the value of the cooperative phase ``V_i`` and of the punishment phase ``W_i`` solve

    V = c + δ((1 − p)V + pW),     W = n(1 − δ^k)/(1 − δ) + δ^k V     (W = n/(1 − δ) for k = ∞),

and the one-shot deviation condition is ``c_i − d_i + δ(q − p)(V_i − W_i) ≥ 0``.  With
permanent punishment it is linear in δ:

    δ ≥ (d − c) / ((q − p)(c − n) + (1 − p)(d − c)),

which is ``(T − R)/(T − P)`` for perfect monitoring (``p = 0, q = 1``) in the Prisoner's
Dilemma.  With a signal of accuracy ``a`` (bad with probability ``1 − a`` under cooperation,
``a`` under a deviation) the threshold rises as the accuracy falls, and cooperation
cannot be sustained at all once ``p(d − c) ≥ (q − p)(c − n)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trigame._numbers import classify, short_repr, to_sympy
from trigame.budget import check_limit
from trigame.errors import LabelError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame

__all__ = ["MAX_PUNISHMENT_PERIODS", "TriggerThreshold", "trigger_threshold"]

#: Longest finite punishment accepted (the deviation condition is a polynomial of degree k + 1 in δ).
MAX_PUNISHMENT_PERIODS = 50


@dataclass(frozen=True)
class TriggerThreshold:
    """When a trigger strategy with noisy public signals is a (perfect public) equilibrium.

    Attributes
    ----------
    discount : sympy.Symbol
        The discount factor δ the conditions are written in.
    condition : sympy boolean
        Every player's deviation condition and that the punishment profile is a stage
        equilibrium, for δ in (0, 1).
    threshold : sympy expression or None
        The least δ for which the condition holds: exact for numeric payoffs and
        signals; in closed form for symbolic ones with permanent punishment (valid
        where ``sustainable`` holds, with a gain from every deviation); None when
        cooperation cannot be sustained or no closed form is given.
    sustainable : bool, sympy boolean or None
        Whether some δ < 1 sustains cooperation (None: not decided, symbolic finite punishment).
    discounts : sympy set or None
        Numeric games: every δ in (0, 1) that sustains cooperation.
    per_player : dict
        ``{player: deviation condition}``.
    values : dict
        ``{player: (V, W)}``: the values of the cooperative and punishment phases.
    notes : tuple of str
    """

    discount: Any
    condition: Any
    threshold: Any
    sustainable: Any
    per_player: Mapping[str, Any]
    values: Mapping[str, tuple[Any, Any]]
    discounts: Any = None
    notes: tuple[str, ...] = field(default=())

    def holds(self, discount: Any, **values: Any) -> bool:
        """Whether the condition holds at a numeric δ (and numeric values of any other symbols, by name)."""
        import sympy

        kind = classify(discount, "discount factor")
        if kind == "symbolic":
            raise ParameterError("holds() needs a numeric discount factor")
        subs = {self.discount: to_sympy(discount)}
        names = {s.name: s for s in self.condition.free_symbols}
        for name, value in values.items():
            if name not in names:
                raise ParameterError(f"unknown parameter {name!r}; the condition's symbols are {sorted(names)}")
            if classify(value, name) == "symbolic":
                raise ParameterError(f"{name} must be a number")
            subs[names[name]] = to_sympy(value)
        result = self.condition.subs(subs)
        if result not in (sympy.true, sympy.false):
            raise ParameterError(f"the condition still depends on {sorted(str(s) for s in result.free_symbols)}")
        return bool(result)

    def label(self) -> str:
        """E.g. ``"cooperation iff delta >= 10/17"``."""
        if self.sustainable is False:
            return f"cooperation is sustained for no {self.discount} < 1"
        if self.threshold is not None:
            return f"cooperation iff {self.discount} >= {self.threshold}"
        return f"cooperation iff {self.condition}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (expressions as strings)."""
        return {"discount": str(self.discount), "condition": str(self.condition),
                "threshold": None if self.threshold is None else str(self.threshold),
                "sustainable": str(self.sustainable),
                "per_player": {p: str(c) for p, c in self.per_player.items()}, "notes": list(self.notes)}

    def __repr__(self) -> str:
        return f"TriggerThreshold({self.label()})"


def _number(value: Any, what: str) -> Any:
    try:
        classify(value, what)
    except TrigameError as exc:
        raise ParameterError(f"{what}: {exc}") from None
    out = to_sympy(value)
    if out.is_number and not 0 <= out <= 1:
        raise ParameterError(f"{what} must be a probability in [0, 1], got {short_repr(value)}")
    return out


def _profile(stage: NormalFormGame, profile: Any, what: str) -> tuple[int, ...]:
    if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != stage.n_players:
        raise LabelError(f"{what} must name one action per player {list(stage.players)}, got {short_repr(profile)}")
    try:
        return tuple(stage.strategy_index(i, a) for i, a in enumerate(profile))
    except TrigameError as exc:
        raise LabelError(f"{what}: {exc}") from None


def trigger_threshold(stage: NormalFormGame, cooperate: Sequence[str], punish: Sequence[str], *,
                      bad_signal: Any, punishment_periods: int | None = None,
                      discount: Any = None) -> TriggerThreshold:
    """The discount factors for which a trigger strategy with a noisy public signal is an equilibrium.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game (any number of players; numeric or symbolic payoffs).
    cooperate : sequence of str
        The cooperative action profile, one label per player.
    punish : sequence of str
        The punishment profile played after a bad signal; it must be a stage Nash
        equilibrium (part of the condition for symbolic payoffs).
    bad_signal : pair or mapping
        ``(p, q)``: the probability of the bad signal when all cooperate, and when one
        player deviates (whatever the deviation); or ``{profile: probability}`` for the
        cooperative profile and every unilateral deviation from it.  Numbers or SymPy.
    punishment_periods : int or None, default None
        Periods of punishment after a bad signal (1 to :data:`MAX_PUNISHMENT_PERIODS`);
        None punishes forever.
    discount : sympy.Symbol, optional
        The symbol for δ (default ``Symbol("delta", positive=True)``).

    Returns
    -------
    TriggerThreshold

    Examples
    --------
    The Prisoner's Dilemma (T, R, P = 5, 3, 1) with a signal of accuracy 9/10:

    >>> from fractions import Fraction as F
    >>> from trigame.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> trigger_threshold(pd, ("C", "C"), ("D", "D"), bad_signal=(F(1, 10), F(9, 10))).threshold
    10/17
    """
    import sympy

    if not isinstance(stage, NormalFormGame):
        raise UnsupportedGameError(f"trigger_threshold needs a NormalFormGame stage game, got {type(stage).__name__}")
    if punishment_periods is not None:
        check_limit(punishment_periods, "punishment_periods")
        if punishment_periods > MAX_PUNISHMENT_PERIODS:
            raise ParameterError(f"punishment_periods must be at most {MAX_PUNISHMENT_PERIODS} (or None for "
                                 f"permanent punishment), got {punishment_periods}")
    if discount is None:
        discount = sympy.Symbol("delta", positive=True)
    elif not isinstance(discount, sympy.Symbol):
        raise ParameterError(f"discount must be a SymPy symbol, got {short_repr(discount)}")
    delta = discount
    coop = _profile(stage, cooperate, "cooperate")
    pun = _profile(stage, punish, "punish")

    def u(i: int, profile: tuple[int, ...]) -> Any:
        return to_sympy(_payoff(stage, i, profile))

    deviations = {i: [(*coop[:i], a, *coop[i + 1:]) for a in range(stage.shape[i]) if a != coop[i]]
                  for i in range(stage.n_players)}
    if isinstance(bad_signal, Mapping):
        probabilities = {}
        for key, value in bad_signal.items():
            probabilities[_profile(stage, key, "a bad_signal profile")] = _number(value, "a bad_signal probability")
        needed = [coop] + [d for ds in deviations.values() for d in ds]
        missing = [tuple(stage.strategies[j][a] for j, a in enumerate(d)) for d in needed if d not in probabilities]
        if missing:
            raise ParameterError(f"bad_signal gives no probability for the profile(s) {missing}")
        p = probabilities[coop]
        q_of = probabilities
    elif isinstance(bad_signal, (tuple, list)) and len(bad_signal) == 2:
        p = _number(bad_signal[0], "the bad_signal probability under cooperation")
        q = _number(bad_signal[1], "the bad_signal probability under a deviation")
        q_of = {d: q for ds in deviations.values() for d in ds}
    else:
        raise ParameterError(f"bad_signal must be a pair (p, q) or a mapping {{profile: probability}}, "
                             f"got {short_repr(bad_signal)}")

    notes = []
    clauses = []
    per_player: dict[str, Any] = {}
    values: dict[str, tuple[Any, Any]] = {}
    for i, player in enumerate(stage.players):
        c, n = u(i, coop), u(i, pun)
        clauses += [sympy.Ge(n, u(i, (*pun[:i], a, *pun[i + 1:]))) for a in range(stage.shape[i]) if a != pun[i]]
        v = sympy.Symbol("V")
        k = punishment_periods
        w_expr = n / (1 - delta) if k is None else n * (1 - delta**k) / (1 - delta) + delta**k * v
        solved = sympy.solve(sympy.Eq(v, c + delta * ((1 - p) * v + p * w_expr)), v)
        if len(solved) != 1:  # pragma: no cover - the equation is linear with a non-zero coefficient
            raise TrigameError("could not solve for the value of the cooperative phase")
        value_c = sympy.simplify(solved[0])
        value_p = sympy.simplify(w_expr.subs(v, value_c))
        values[player] = (value_c, value_p)
        gap = sympy.factor(sympy.simplify(value_c - value_p))
        conditions = [sympy.Ge(sympy.factor(c - u(i, d) + delta * (q_of[d] - p) * gap), 0) for d in deviations[i]]
        per_player[player] = sympy.And(*conditions)
        clauses += conditions
    condition = sympy.And(*clauses, delta > 0, delta < 1)
    threshold, sustainable, discounts = _threshold(stage, coop, pun, p, q_of, deviations, punishment_periods,
                                                   delta, condition)
    if stage.is_symbolic:
        notes.append("the condition includes that the punishment profile is a stage equilibrium")
    if discounts is None and punishment_periods is None:
        notes.append("the closed-form threshold holds where every deviation gains and the signal detects it "
                     "(sustainable); the condition is exact everywhere")
    elif discounts is None:
        notes.append("no closed-form threshold for finite punishment with symbolic payoffs or signals: "
                     "see the condition")
    elif threshold is not None and discounts != sympy.Interval.Ropen(threshold, 1):
        notes.append(f"the discount factors that sustain cooperation are {discounts}, not one interval up to 1")
    return TriggerThreshold(delta, condition, threshold, sustainable, per_player, values, discounts, tuple(notes))


def _threshold(stage: NormalFormGame, coop: tuple[int, ...], pun: tuple[int, ...], p: Any, q_of: Any,
               deviations: Any, periods: int | None, delta: Any, condition: Any) -> tuple[Any, Any, Any]:
    """``(threshold, sustainable, discounts)``: exact when numeric, closed form for symbolic permanent punishment."""
    import sympy

    if not condition.free_symbols - {delta}:
        discounts = sympy.Interval.open(0, 1)
        clauses = condition.args if isinstance(condition, sympy.And) else (condition,)
        for clause in clauses:
            if clause is sympy.false:
                discounts = sympy.EmptySet
            elif clause is not sympy.true:
                discounts = discounts.intersect(sympy.solve_univariate_inequality(
                    clause, delta, relational=False, domain=sympy.Interval.open(0, 1)))
        if discounts.is_empty:
            return None, False, discounts
        return discounts.inf, True, discounts
    if periods is not None:
        return None, None, None
    bounds, feasible = [], []
    for i, ds in deviations.items():
        c, n = to_sympy(_payoff(stage, i, coop)), to_sympy(_payoff(stage, i, pun))
        for d in ds:
            gain = to_sympy(_payoff(stage, i, d)) - c
            bounds.append(sympy.factor(gain / ((q_of[d] - p) * (c - n) + (1 - p) * gain)))
            feasible.append(p * gain < (q_of[d] - p) * (c - n))
    threshold = sympy.Max(*bounds) if len(bounds) > 1 else bounds[0]
    return threshold, sympy.And(*feasible), None


def _payoff(stage: NormalFormGame, player: int, profile: tuple[int, ...]) -> Any:
    """Player ``player``'s stage payoff at the action profile ``profile`` (indices)."""
    index = (player, *profile)
    return stage.payoffs[index]
