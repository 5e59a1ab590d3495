"""Subgame-perfect equilibria of bargaining games, in closed form: Rubinstein, the ultimatum game, Fearon.

* Alternating offers, infinite horizon (Rubinstein 1982): the unique
  subgame-perfect equilibrium gives the first proposer
  ``(1 - d2) / (1 - d1 d2)`` of the pie, accepted at once.  Derivation
  (Osborne and Rubinstein 1994, prop. 122.1): in a stationary equilibrium
  player 1 demands ``x`` and player 2 demands ``y``; each responder is
  indifferent between the offer and its own demand a period later, so
  ``1 - x = d2 y`` and ``1 - y = d1 x``, whence ``x = (1 - d2)/(1 - d1 d2)``.
* Alternating offers, finite horizon ``T``: backward induction.  The proposer
  of the last period takes the whole pie; the proposer of period ``t`` keeps
  ``pie - d_r v_{t+1}``, where ``d_r`` is the responder's discount factor and
  ``v_{t+1}`` the share the responder would take as the next proposer.
* The ultimatum game: the proposer offers the responder exactly what rejection
  gives it (at least 0), and the responder accepts every offer at least that
  large -- when the proposer prefers this to disagreement.
* Fearon (1995), complete information: the bargaining range is
  ``[p - cost_a, p + cost_b]`` (within [0, 1]); a proposer with a
  take-it-or-leave-it offer demands ``min(1, p + cost_b)``.
* Fearon (1995), the responder's cost private and uniform on ``[lo, hi]``: the
  risk--return trade-off.  The responder of cost ``c`` accepts a demand ``x``
  iff ``1 - x >= 1 - p - c``, i.e. ``c >= x - p``, so war follows with
  probability ``F(x - p) = (x - p - lo)/(hi - lo)`` on ``[p + lo, p + hi]``.
  The proposer maximises ``U(x) = x (1 - F) + (p - cost_a) F``;
  ``U''(x) = -2/(hi - lo) < 0`` and ``U'(x) = 0`` at
  ``x* = p + (hi - cost_a)/2``.  Below ``p + lo`` every type accepts and
  ``U(x) = x`` rises; so the demand is ``p + lo`` (no risk of war) when
  ``cost_a >= hi - 2 lo``, else ``x*`` with war probability
  ``(hi - cost_a - 2 lo) / (2 (hi - lo))``, capped at the whole issue 1.

Every result states its pieces' conditions for symbolic games; the pieces
partition the parameter space (given ``0 <= p <= 1``, costs ``>= 0``, discount
factors in (0, 1)).
"""

from __future__ import annotations

from typing import Any

from trigame._numbers import Kind, to_float, to_fraction
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.bargaining import AlternatingOffers, FearonBargaining, UltimatumGame
from trigame.results.bargaining import BargainingEquilibrium, BargainingEquilibriumSet, BargainingRange

__all__ = ["bargaining_equilibria", "bargaining_range"]

#: Default longest finite horizon solved symbolically (each period multiplies the expression's degree).
DEFAULT_MAX_SYMBOLIC_HORIZON = 200

#: Default most decimal digits of an exact share in finite-horizon backward induction (each period adds digits).
DEFAULT_MAX_DIGITS = 20_000

_DOMAIN_NOTE = "symbolic parameters are assumed to lie in their domains ({}); conditions are stated in them"


def _out(value: Any, kind: Kind) -> Any:
    """A SymPy result in the game's kind of numbers."""
    import sympy

    value = _sym(value)
    if kind == "exact":
        return to_fraction(sympy.nsimplify(value)) if not value.is_Rational else to_fraction(value)
    if kind == "float":
        return to_float(value)
    return sympy.simplify(value) if value.free_symbols else value


def _truth(condition: Any) -> Any:
    """``True``/``False`` for decided SymPy conditions, the condition itself otherwise."""
    import sympy

    if condition is True or condition == sympy.true:
        return True
    if condition is False or condition == sympy.false:
        return False
    return condition


def _sym(value: Any) -> Any:
    from trigame._numbers import to_sympy

    return to_sympy(value)


def bargaining_equilibria(game: Any, *, max_symbolic_horizon: int = DEFAULT_MAX_SYMBOLIC_HORIZON,
                          max_digits: int = DEFAULT_MAX_DIGITS) -> BargainingEquilibriumSet:
    """The subgame-perfect equilibrium of a bargaining game, in closed form (piece by piece when symbolic).

    Parameters
    ----------
    game : AlternatingOffers, UltimatumGame or FearonBargaining
    max_symbolic_horizon : int, default 200
        Budget: the longest finite horizon solved symbolically (a symbolic
        horizon-``T`` share is a polynomial of degree ``T`` in the discount
        factors).
    max_digits : int, default 20000
        Budget: the most decimal digits of an exact share in finite-horizon
        backward induction (the digits grow with every period; float games have
        no such limit).

    Returns
    -------
    BargainingEquilibriumSet
        ``complete=True``: each game has a unique subgame-perfect outcome (for a
        symbolic game, one per piece of the parameter space).

    Raises
    ------
    UnsupportedGameError
        When ``game`` is not a bargaining game.
    BudgetExceededError
        When a symbolic finite horizon exceeds ``max_symbolic_horizon``, or an
        exact share would need more than ``max_digits`` digits.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from trigame.games.bargaining import AlternatingOffers
    >>> bargaining_equilibria(AlternatingOffers((F(9, 10), F(9, 10))))[0].shares["A"]
    Fraction(10, 19)
    """
    horizon_limit = check_limit(max_symbolic_horizon, "max_symbolic_horizon", allow_none=False)
    digits_limit = check_limit(max_digits, "max_digits", allow_none=False)  # checked even where unused
    if isinstance(game, AlternatingOffers):
        if game.horizon is None:
            return _rubinstein(game)
        return _finite_horizon(game, horizon_limit, digits_limit)
    if isinstance(game, UltimatumGame):
        return _ultimatum(game)
    if isinstance(game, FearonBargaining):
        return _fearon_private(game) if game.private else _fearon_complete(game)
    raise UnsupportedGameError(
        f"bargaining_equilibria solves AlternatingOffers, UltimatumGame and FearonBargaining, "
        f"got {type(game).__name__}"
    )


def bargaining_range(game: FearonBargaining) -> BargainingRange:
    """Fearon's bargaining range: the divisions both sides prefer to war, ``[p - cost_a, p + cost_b]`` within [0, 1].

    The first player prefers a share ``x`` to war iff ``x >= p - cost_a``; the
    second prefers ``1 - x`` to war iff ``1 - x >= 1 - p - cost_b``, i.e.
    ``x <= p + cost_b`` (Fearon 1995, figure 1).  The range is never empty when
    the costs are non-negative.

    Raises
    ------
    UnsupportedGameError
        For a game that is not a :class:`FearonBargaining` with complete information.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from trigame.games.bargaining import FearonBargaining
    >>> bargaining_range(FearonBargaining(F(1, 2), F(1, 10), F(1, 5)))
    BargainingRange([2/5, 7/10] of A's share)
    """
    if not isinstance(game, FearonBargaining):
        raise UnsupportedGameError(f"bargaining_range needs a FearonBargaining game, got {type(game).__name__}")
    if game.private:
        raise UnsupportedGameError(
            "the bargaining range needs complete information; with a private cost use bargaining_equilibria "
            "(the risk-return trade-off), or subs a cost for the responder"
        )
    import sympy

    p, ca, cb = _sym(game.p), _sym(game.cost_a), _sym(game.cost_b)
    low = sympy.Max(0, p - ca)
    high = sympy.Min(1, p + cb)
    return BargainingRange(game, _out(low, game.kind), _out(high, game.kind))


# ---------------------------------------------------------------------------------------------- alternating offers
def _rubinstein(game: AlternatingOffers) -> BargainingEquilibriumSet:
    a, b = game.players
    d1, d2 = (_sym(d) for d in game.discounts)
    pie = _sym(game.pie)
    x = pie * (1 - d2) / (1 - d1 * d2)  # the first proposer's demand
    y = pie * (1 - d1) / (1 - d1 * d2)  # the second player's demand when it proposes
    shares = {a: _out(x, game.kind), b: _out(pie - x, game.kind)}
    acceptance = {a: _out(d1 * x, game.kind), b: _out(d2 * y, game.kind)}
    eq = BargainingEquilibrium(game, shares, (shares[a], shares[b]), acceptance=acceptance)
    notes = [f"the unique subgame-perfect equilibrium (Rubinstein 1982): {a} demands {shares[a]} of the pie at once "
             f"and {b} accepts; each accepts any offer of at least its acceptance share"]
    if game.kind == "symbolic":
        notes.append(_DOMAIN_NOTE.format("discount factors in (0, 1), a positive pie"))
    return BargainingEquilibriumSet([eq], game=game, method="rubinstein", notes=notes)


def _finite_horizon(game: AlternatingOffers, max_symbolic_horizon: Any, max_digits: Any) -> BargainingEquilibriumSet:
    a, b = game.players
    horizon = game.horizon
    assert horizon is not None
    symbolic = game.kind == "symbolic"
    if symbolic:
        budget = WorkBudget(max_symbolic_horizon, what="the symbolic backward induction", unit="periods",
                            option="max_symbolic_horizon")
        import sympy
    deltas = tuple(_sym(d) for d in game.discounts) if symbolic else game.discounts
    pie = _sym(game.pie) if symbolic else game.pie
    # value[t] = the share the proposer of period t (0-based; proposer players[t % 2]) keeps, valued at period t
    value = pie
    values = [value]
    for t in range(horizon - 2, -1, -1):
        if symbolic:
            budget.spend()
        responder = (t + 1) % 2
        value = pie - deltas[responder] * value
        if symbolic:
            value = sympy.expand(value)
        elif game.kind == "exact" and value.denominator.bit_length() > max_digits * 3.33:
            raise BudgetExceededError(
                f"the exact backward induction needs shares of more than {max_digits} digits after "
                f"{horizon - 1 - t} periods; pass max_digits=... to allow more, or give float discount factors"
            )
        values.append(value)
    values.reverse()  # values[t] for t = 0 .. horizon - 1
    first = values[0]
    shares = {a: _out(first, game.kind), b: _out(pie - first, game.kind)}
    acceptance = {b: _out(deltas[1] * values[1], game.kind) if horizon > 1 else _out(0, game.kind)}
    if horizon > 1:
        acceptance = {a: _out(deltas[0] * values[2], game.kind) if horizon > 2 else _out(0, game.kind), **acceptance}
    eq = BargainingEquilibrium(game, shares, (shares[a], shares[b]), acceptance=acceptance)
    notes = [f"backward induction over {horizon} period(s); a responder accepts when indifferent, "
             "and after the last rejection both get 0"]
    return BargainingEquilibriumSet([eq], game=game, method="backward induction", notes=notes)


# ---------------------------------------------------------------------------------------------- ultimatum
def _ultimatum(game: UltimatumGame) -> BargainingEquilibriumSet:
    import sympy

    proposer, responder = game.players
    pie = _sym(game.pie)
    d_p, d_r = (_sym(d) for d in game.disagreement)
    offer = sympy.Max(0, d_r)  # the least share the responder accepts
    agree = _truth(sympy.Le(d_p + offer, pie))
    disagree = _truth(sympy.Gt(d_p + offer, pie))
    pieces = []
    kind = game.kind
    shares = {proposer: _out(pie - offer, kind), responder: _out(offer, kind)}
    if agree is not False:
        pieces.append(BargainingEquilibrium(game, shares, (shares[proposer], shares[responder]),
                                            acceptance={responder: _out(offer, kind)}, condition=agree))
    if disagree is not False:
        pieces.append(BargainingEquilibrium(game, shares, (_out(d_p, kind), _out(d_r, kind)),
                                            acceptance={responder: _out(offer, kind)}, war_probability=_out(1, kind),
                                            condition=disagree))
    notes = ["the responder accepts every offer of at least max(0, its disagreement payoff), ties included "
             "(with a continuum of offers, rejecting at indifference leaves the proposer no best offer)"]
    if disagree is not False:
        notes.append("where no division beats disagreement for both, the proposer's offer is rejected (any offer "
                     "below the responder's threshold is optimal) and both get their disagreement payoffs")
    if kind == "symbolic":
        notes.append(_DOMAIN_NOTE.format("a positive pie"))
    return BargainingEquilibriumSet(pieces, game=game, method="ultimatum", notes=notes)


# ---------------------------------------------------------------------------------------------- Fearon 1995
def _fearon_complete(game: FearonBargaining) -> BargainingEquilibriumSet:
    import sympy

    a, b = game.players
    p, cb = _sym(game.p), _sym(game.cost_b)
    kind = game.kind
    pieces = []
    for demand, condition in ((p + cb, sympy.Le(p + cb, 1)), (sympy.Integer(1), sympy.Gt(p + cb, 1))):
        cond = _truth(condition)
        if cond is False:
            continue
        shares = {a: _out(demand, kind), b: _out(1 - demand, kind)}
        acceptance = {b: _out(sympy.Max(0, 1 - p - cb), kind)}
        pieces.append(BargainingEquilibrium(game, shares, (shares[a], shares[b]), acceptance=acceptance,
                                            condition=cond))
    notes = [f"{a} makes a take-it-or-leave-it demand; {b} accepts iff its share is at least what war gives it "
             f"(ties accepted), so {a} demands the top of the bargaining range, min(1, p + cost_{b})",
             f"{a} prefers the demand to war since p + cost_{b} >= p - cost_{a}: no war under complete information"]
    if kind == "symbolic":
        notes.append(_DOMAIN_NOTE.format("0 <= p <= 1, costs >= 0"))
    return BargainingEquilibriumSet(pieces, game=game, method="fearon", notes=notes)


def _fearon_private(game: FearonBargaining) -> BargainingEquilibriumSet:
    import sympy

    a, b = game.players
    kind = game.kind
    p, ca = _sym(game.p), _sym(game.cost_a)
    lo, hi = _sym(game.cost_b.low), _sym(game.cost_b.high)
    interior = p + (hi - ca) / 2  # the stationary point of U(x) = x (1 - F(x - p)) + (p - cost_a) F(x - p)
    safe = sympy.Lt(p + lo, 1)
    risky = sympy.Lt(ca, hi - 2 * lo)
    candidates = [  # (demand, war probability, condition)
        (sympy.Integer(1), sympy.Integer(0), sympy.Ge(p + lo, 1)),
        (p + lo, sympy.Integer(0), sympy.And(safe, sympy.Not(risky))),
        (interior, (hi - ca - 2 * lo) / (2 * (hi - lo)), sympy.And(safe, risky, sympy.Le(interior, 1))),
        (sympy.Integer(1), (1 - p - lo) / (hi - lo), sympy.And(safe, risky, sympy.Gt(interior, 1))),
    ]
    pieces = []
    for demand, war, condition in candidates:
        cond = _truth(sympy.simplify_logic(condition) if kind == "symbolic" else condition)
        if cond is False:
            continue
        fight_mean = (lo + demand - p) / 2  # mean cost of the types that fight (uniform on [lo, demand - p])
        u_a = demand * (1 - war) + (p - ca) * war
        u_b = (1 - demand) * (1 - war) + (1 - p - fight_mean) * war
        shares = {a: _out(demand, kind), b: _out(1 - demand, kind)}
        pieces.append(BargainingEquilibrium(game, shares, (_out(u_a, kind), _out(u_b, kind)),
                                            cutoff=_out(demand - p, kind), war_probability=_out(war, kind),
                                            condition=cond))
    notes = [f"{a} demands x; {b} with cost c accepts iff c >= x - p (ties accepted, a zero-probability event); "
             f"{b}'s cost is uniform on [low, high], so war follows with probability (x - p - low)/(high - low)",
             f"the risk-return trade-off: {a}'s expected payoff x (1 - F) + (p - cost_{a}) F is strictly concave "
             "on the risky demands, so each piece's demand is the unique optimum",
             f"{b}'s payoff is ex ante, averaged over its cost"]
    if kind == "symbolic":
        notes.append(_DOMAIN_NOTE.format("0 <= p <= 1, cost >= 0, 0 <= low < high"))
    return BargainingEquilibriumSet(pieces, game=game, method="fearon risk-return", notes=notes)
