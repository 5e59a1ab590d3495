"""Backward induction in sequential continuous games: followers respond, the leader optimises over their pieces.

:func:`sequential_equilibria` solves a
:class:`~trigame.games.continuous_sequential.SequentialContinuousGame` with one
leader followed by one stage of followers (Stackelberg; a patron's commitment
followed by its allies' contributions):

1. **The followers' response, in closed form.**  One follower: its
   best-response correspondence to the leader's level ``x``
   (:func:`trigame.verify.continuous.best_response`: the interior solution of
   the first-order condition and each bound, piecewise, valid when the payoff
   is proved concave in the own level), or, when the payoff is linear in the
   own level, the bang-bang response with the tie kept (both bounds where the
   slope is zero).  Several followers: the Nash equilibria of their subgame,
   with ``x`` as a parameter (:func:`trigame.solve.continuous.continuous_equilibria`).
2. **The leader's optimisation over the pieces.**  On each piece ``k`` the
   leader's payoff is ``V_k(x) = u_L(x, r_k(x))``.  A maximum of a function
   continuous on each piece lies at a stationary point inside a piece, at a
   boundary between pieces, or at an end of the leader's interval; every such
   candidate is evaluated on every piece that holds there (so a tie among
   the followers' responses is broken in the leader's favour, the selection
   under which an optimum exists).  Where ``V_k`` is constant on a piece of
   optimal value, the leader's optimal set contains an interval, reported
   exactly as a SymPy ``Interval``.  On an unbounded interval the limits of
   ``V_k`` are compared with the best candidate: a supremum that is not
   attained means no subgame-perfect equilibrium.

Numeric games get every optimal level of the leader exactly; symbolic games
get one piece per candidate, with the condition on the parameters under which
it is the leader's optimum.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from trigame.budget import WorkBudget
from trigame.errors import UnsupportedGameError
from trigame.solve.continuous._sequential_conditions import ge, prune, truth

if TYPE_CHECKING:
    from trigame.games.continuous_sequential import SequentialContinuousGame
    from trigame.results.continuous_sequential import SequentialEquilibriumSet

__all__ = ["DEFAULT_MAX_CANDIDATES", "sequential_equilibria"]

#: Default budget: the most (candidate level, response piece) pairs the leader's problem examines.
DEFAULT_MAX_CANDIDATES = 2000

Piece = tuple[dict[str, Any], Any]  # ({follower: level as an expression in x}, condition)


def sequential_equilibria(game: SequentialContinuousGame, *, max_candidates: int | None = DEFAULT_MAX_CANDIDATES,
                          tol: float = 1e-9) -> SequentialEquilibriumSet:
    """Subgame-perfect equilibria of a sequential continuous game, by backward induction.

    Parameters
    ----------
    game : SequentialContinuousGame
        One leader, then one stage of followers (or a single stage: the
        simultaneous game, solved by :func:`~trigame.solve.continuous.continuous_equilibria`).
    max_candidates : int or None, default 2000
        Budget: the most (candidate level, response piece) pairs examined in
        the leader's problem; ``None`` for no limit.
    tol : float, default 1e-9
        Float games: payoffs within ``tol`` (relative to their size) of the best count as optimal.

    Returns
    -------
    SequentialEquilibriumSet
        The equilibria with the followers' strategies as piecewise functions of
        the leader's level, and ``optimal_set``: every optimal level of the
        leader, exactly (numeric games).

    Raises
    ------
    UnsupportedGameError
        When the order has more than two stages or several leaders, or a
        follower's response has no closed form (see the message).
    BudgetExceededError
        When the leader's problem has more than ``max_candidates`` candidates.

    Examples
    --------
    >>> from trigame.games.continuous import ContinuousGame
    >>> from trigame.games.continuous_sequential import SequentialContinuousGame
    >>> duopoly = ContinuousGame(["Leader", "Follower"], {"Leader": (0, None), "Follower": (0, None)},
    ...     lambda q: [q["Leader"] * (12 - q["Leader"] - q["Follower"]),
    ...                q["Follower"] * (12 - q["Leader"] - q["Follower"])])
    >>> result = sequential_equilibria(SequentialContinuousGame(duopoly, [["Leader"], ["Follower"]]))
    >>> result[0].label(), result.optimal_set
    ('Leader: 6, Follower: 3', {'Leader': {6}})
    """
    import sympy

    from trigame.budget import check_limit
    from trigame.games.continuous_sequential import SequentialContinuousGame

    if not isinstance(game, SequentialContinuousGame):
        raise UnsupportedGameError(f"sequential_equilibria needs a SequentialContinuousGame, got {type(game).__name__}")
    check_limit(max_candidates, "max_candidates")
    if len(game.order) == 1:
        return _simultaneous(game)
    if len(game.order) > 2 or len(game.leaders) != 1:
        raise UnsupportedGameError(
            "sequential_equilibria solves one leader followed by one stage of followers; "
            f"this order is {' -> '.join(', '.join(s) for s in game.order)}"
        )
    leader = game.leaders[0]
    x = game.variables[leader]
    pieces, complete, notes = _responses(game, leader)
    budget = WorkBudget(max_candidates, what="the leader's problem", unit="candidates", option="max_candidates")
    payoff = game.game.payoff(leader)
    values = [sympy.simplify(payoff.xreplace({game.variables[f]: r for f, r in levels.items()}))
              for levels, _ in pieces]
    low, high = game.game.strategies[leader]
    points = _candidate_points(x, values, pieces, low, high)
    pairs = []  # (point, piece index, validity, leader's value)
    for point in points:
        for k, (_, condition) in enumerate(pieces):
            budget.spend()
            valid = _holds(condition, x, point, low, high)
            if valid is False:
                continue
            pairs.append((point, k, valid, _simplify(values[k].xreplace({x: point}))))
    if game.kind == "symbolic":
        return _symbolic_optimum(game, leader, pieces, values, pairs, complete, notes)
    return _numeric_optimum(game, leader, pieces, values, pairs, complete, notes, tol)


def _simultaneous(game: SequentialContinuousGame) -> SequentialEquilibriumSet:
    from trigame.results.continuous_sequential import SequentialEquilibrium, SequentialEquilibriumSet
    from trigame.solve.continuous import continuous_equilibria

    nash = continuous_equilibria(game.game)
    eqs = [SequentialEquilibrium(game, e.strategies, e.payoffs, responses={}, condition=e.condition) for e in nash]
    return SequentialEquilibriumSet(eqs, game=game, method=nash.method, complete=nash.complete,
                                    degenerate=nash.degenerate,
                                    notes=("one stage: the Nash equilibria of the simultaneous game", *nash.notes))


# ---------------------------------------------------------------------------------------------- the followers
def _responses(game: SequentialContinuousGame, leader: str) -> tuple[list[Piece], bool, list[str]]:
    """The followers' response to the leader's level, piece by piece, and whether it is complete."""
    import sympy

    followers = game.order[1]
    x = game.variables[leader]
    if len(followers) == 1:
        follower = followers[0]
        linear = _linear_response(game, follower, x)
        if linear is not None:
            return linear, True, [f"{follower}'s payoff is linear in its level: it takes a bound, and is indifferent "
                                  "(both bounds kept) where the slope is zero; the leader is then served by the bound "
                                  "it prefers"]
        from trigame.verify.continuous import best_response

        response = best_response(game.game, follower, {leader: x})
        pieces = [({follower: sympy.sympify(level)}, cond) for level, cond in response.pieces]
        return pieces, True, [f"{follower}'s best response: {response.certificate}"]
    from trigame.solve.continuous import continuous_equilibria

    nash = continuous_equilibria(game.subgame(1))
    pieces = [({f: sympy.sympify(e.strategies[f]) for f in followers}, e.condition) for e in nash]
    notes = [f"the followers' response: the Nash equilibria of their subgame ({nash.method}), {leader}'s level a "
             "parameter; where several hold the leader is served by the one it prefers"]
    notes += [f"subgame: {note}" for note in nash.notes]
    if not pieces:
        raise UnsupportedGameError(f"the followers' subgame has no equilibrium found in closed form against "
                                   f"{leader}'s level; substitute numbers or simplify the payoffs")
    return pieces, nash.complete, notes


def _linear_response(game: SequentialContinuousGame, follower: str, x: Any) -> list[Piece] | None:
    """The bang-bang response of a follower whose payoff is linear in its own level (None if it is not linear)."""
    import sympy

    y = game.variables[follower]
    slope = sympy.simplify(sympy.diff(game.game.payoff(follower), y))
    if slope.has(y):
        return None
    low, high = game.game.strategies[follower]
    if (high is None and truth(slope > 0) is not False) or (low is None and truth(slope < 0) is not False):
        raise UnsupportedGameError(f"{follower}'s payoff rises without bound in its level for some levels of "
                                   f"{game.leaders[0]}; give {follower}'s interval a finite bound")
    pieces: list[Piece] = []
    if low is not None:
        pieces.append(({follower: low}, truth(sympy.Le(slope, 0))))
    if high is not None:
        pieces.append(({follower: high}, truth(sympy.Ge(slope, 0))))
    return [p for p in pieces if p[1] is not False]


# ---------------------------------------------------------------------------------------------- the leader's candidates
def _simplify(value: Any) -> Any:
    """Symbolic values simplified; numbers kept as SymPy computed them (rationals are already exact)."""
    import sympy

    return sympy.simplify(value) if value.free_symbols else value


def _candidate_points(x: Any, values: list[Any], pieces: list[Piece], low: Any, high: Any) -> list[Any]:
    """Stationary points of each piece's value, the pieces' boundaries, and the interval's ends."""
    import sympy

    points: list[Any] = [b for b in (low, high) if b is not None]
    for value, (_, condition) in zip(values, pieces):
        derivative = sympy.diff(value, x)
        if not sympy.simplify(derivative).is_zero:
            points += _roots(derivative, x)
        if condition is not True:
            for relation in sympy.sympify(condition).atoms(sympy.core.relational.Relational):
                difference = relation.lhs - relation.rhs
                if difference.has(x):
                    points += _roots(difference, x)
    unique: list[Any] = []
    for point in points:
        if not any(_equal(point, seen) for seen in unique):
            unique.append(point)
    return unique


def _equal(u: Any, v: Any) -> bool:
    """Exact equality of two numbers or expressions; numbers far apart in floating point are told apart cheaply."""
    import sympy

    difference = u - v
    if not difference.free_symbols:
        estimate = complex(sympy.N(difference, 30))
        if abs(estimate) > 1e-20:
            return False
    return bool(sympy.simplify(difference) == 0)


def _roots(expr: Any, x: Any) -> list[Any]:
    import sympy

    numerator = sympy.numer(sympy.together(expr))
    if numerator.free_symbols == {x} and numerator.is_polynomial(x):
        # exact real roots (radicals where they are real radicals, else CRootOf): never complex radicals
        roots = sympy.Poly(numerator, x).real_roots()
        return list(dict.fromkeys(roots))
    try:
        roots = sympy.solve(numerator, x)
    except NotImplementedError:
        raise UnsupportedGameError(f"no closed form for the roots of {expr} in {x}; substitute numbers "
                                   "or simplify the payoffs") from None
    return [r for r in roots if r.is_real is not False]


def _holds(condition: Any, x: Any, point: Any, low: Any, high: Any) -> Any:
    """Whether ``point`` lies in the leader's interval and in a piece: True, False or a condition."""
    import sympy

    parts = [sympy.sympify(condition).xreplace({x: point}) if condition is not True else sympy.true]
    if low is not None:
        parts.append(sympy.Ge(point, low))
    if high is not None:
        parts.append(sympy.Le(point, high))
    return truth(sympy.And(*parts))


# ---------------------------------------------------------------------------------------------- the leader's optimum
def _equilibrium(game: SequentialContinuousGame, leader: str, pieces: list[Piece], k: int, point: Any,
                 condition: Any = True) -> Any:
    import sympy

    from trigame.results.continuous_sequential import SequentialEquilibrium

    x = game.variables[leader]
    levels = {leader: point}
    for follower, response in pieces[k][0].items():
        level = sympy.sympify(response).xreplace({x: point})
        levels[follower] = sympy.simplify(level) if game.kind == "symbolic" else level
    subs = {game.variables[p]: v for p, v in levels.items()}
    payoffs = []
    for player in game.players:
        value = game.game.payoff(player).xreplace(subs)
        payoffs.append(sympy.simplify(value) if game.kind == "symbolic" else _numeric(value, game.kind))
    if game.kind != "symbolic":
        levels = {p: _numeric(v, game.kind) for p, v in levels.items()}
    responses = {f: tuple((levels_k[f], cond) for levels_k, cond in pieces) for f in game.order[1]}
    return SequentialEquilibrium(game, levels, payoffs, responses=responses, condition=condition)


def _numeric(value: Any, kind: str) -> Any:
    import sympy

    value = sympy.nsimplify(value) if kind == "exact" and value.is_Float else value
    if kind == "float":
        return float(value)
    return value


def _piece_set(condition: Any, x: Any, low: Any, high: Any) -> Any:
    """The leader's levels where a piece holds, within its interval, as a SymPy set."""
    import sympy

    interval = sympy.Interval(-sympy.oo if low is None else low, sympy.oo if high is None else high)
    if condition is True:
        return interval
    return sympy.sympify(condition).as_set().intersect(interval)


def _numeric_optimum(game: SequentialContinuousGame, leader: str, pieces: list[Piece], values: list[Any],
                     pairs: list[tuple[Any, int, Any, Any]], complete: bool, notes: list[str],
                     tol: float) -> SequentialEquilibriumSet:
    import sympy

    from trigame.results.continuous_sequential import SequentialEquilibriumSet

    x = game.variables[leader]
    low, high = game.game.strategies[leader]
    for point, _, valid, _ in pairs:
        if valid is not True:
            raise UnsupportedGameError(f"cannot decide whether {leader}'s level {point} lies in a response piece "
                                       f"({valid}); substitute simpler numbers")
    floats = game.kind == "float"

    def same(u: Any, v: Any) -> bool:
        if floats:
            fu, fv = float(u), float(v)
            if not (math.isfinite(fu) and math.isfinite(fv)):
                return fu == fv
            return abs(fu - fv) <= tol * max(1.0, abs(fu), abs(fv))
        return _equal(u, v)

    if not pairs:
        return SequentialEquilibriumSet([], game=game, method="backward induction", complete=complete,
                                        notes=[*notes, f"no level of {leader} has a best response of the followers"])
    best = max((value for *_, value in pairs), key=lambda v: float(v))
    for _point, _, _, value in pairs:  # exact games: the float order above may tie irrational values; settle exactly
        if not floats and not _equal(value, best) and (value - best).is_positive:
            best = value
    # the supremum at an open end of the leader's interval
    for end, side in ((high, sympy.oo), (low, -sympy.oo)):
        if end is not None:
            continue
        for value, (_, condition) in zip(values, pieces):
            region = _piece_set(condition, x, low, high)
            if not (region.sup == sympy.oo if side == sympy.oo else region.inf == -sympy.oo):
                continue
            limit = sympy.limit(value, x, side)
            if limit == sympy.oo or (limit.is_real and limit.is_finite and float(limit) > float(best) and
                                     not same(limit, best)):
                return SequentialEquilibriumSet(
                    [], game=game, method="backward induction", complete=complete,
                    notes=[*notes, f"{leader}'s payoff approaches {limit} as its level goes to {side} and never "
                                   "attains its supremum: no subgame-perfect equilibrium"])
    optimal = [(point, k) for point, k, _, value in pairs if same(value, best)]
    intervals = []
    for k, (value, (_, condition)) in enumerate(zip(values, pieces)):
        if sympy.simplify(sympy.diff(value, x)).is_zero and any(kk == k for _, kk in optimal):
            region = _piece_set(condition, x, low, high)
            if region.measure != 0:
                intervals.append(region)
    points = sorted({p for p, _ in optimal}, key=lambda v: float(v))
    optimal_set = sympy.Union(sympy.FiniteSet(*points), *intervals)
    equilibria = []
    for point in points:
        seen: list[dict[str, Any]] = []
        for p, k in optimal:
            if p != point:
                continue
            eq = _equilibrium(game, leader, pieces, k, point)
            if eq.strategies not in seen:
                seen.append(eq.strategies)
                equilibria.append(eq)
    notes = [*notes, f"{leader}'s optimal levels: {optimal_set}"]
    if intervals:
        notes.append(f"{leader} is indifferent over an interval of levels; the equilibria listed are the levels "
                     "at its ends and at isolated optima, optimal_set gives every optimal level")
    return SequentialEquilibriumSet(equilibria, game=game, method="backward induction", complete=complete,
                                    degenerate=bool(intervals), optimal_set={leader: optimal_set}, notes=notes)


def _symbolic_optimum(game: SequentialContinuousGame, leader: str, pieces: list[Piece], values: list[Any],
                      pairs: list[tuple[Any, int, Any, Any]], complete: bool,
                      notes: list[str]) -> SequentialEquilibriumSet:
    import sympy

    from trigame.results.continuous_sequential import SequentialEquilibriumSet

    x = game.variables[leader]
    low, high = game.game.strategies[leader]
    for end, side in ((high, sympy.oo), (low, -sympy.oo)):
        if end is None:
            limits = [sympy.limit(value, x, side) for value in values]
            if not all(limit == -sympy.oo for limit in limits):
                complete = False
                notes = [*notes, f"not proved that {leader}'s payoff falls without bound as its level goes to {side}"
                                 f" on every piece (limits {limits}); an unattained supremum is not excluded"]
    equilibria: list[Any] = []
    for i, (point, k, valid, value) in enumerate(pairs):
        parts = [valid]
        for j, (_, _, other_valid, other) in enumerate(pairs):
            if j != i:
                parts.append(sympy.Or(sympy.Not(other_valid) if other_valid is not True else sympy.false,
                                      ge(value - other)))
        condition = prune(sympy.And(*[True if p is True else p for p in parts]))
        if condition is False:
            continue
        eq = _equilibrium(game, leader, pieces, k, point, condition)
        if any(e.strategies == eq.strategies and e.condition == eq.condition for e in equilibria):
            continue
        equilibria.append(eq)
    equilibria = [e for e in equilibria if not _repeats_on_a_boundary(e, equilibria)]
    notes = [*notes, "one piece per candidate optimum of the leader (stationary points, piece boundaries, interval "
                     "ends), each with the condition under which it is optimal; pieces whose conditions meet only "
                     "on a boundary are ties"]
    return SequentialEquilibriumSet(equilibria, game=game, method="backward induction", complete=complete,
                                    notes=notes)


def _equation_of(condition: Any) -> Any:
    """The equation a condition requires (a bare ``Eq`` or one conjunct of an ``And``), or None."""
    import sympy

    if isinstance(condition, sympy.Eq):
        return condition
    if isinstance(condition, sympy.And):
        return next((arg for arg in condition.args if isinstance(arg, sympy.Eq)), None)
    return None


def _repeats_on_a_boundary(eq: Any, equilibria: list[Any]) -> bool:
    """True for a piece that holds only on an equation where another piece holds with the same levels."""
    import sympy

    equation = _equation_of(eq.condition)
    if equation is None:
        return False
    symbols = sorted(equation.free_symbols, key=str)
    solution = sympy.solve(equation, symbols[0], dict=True) if symbols else []
    if len(solution) != 1:
        return False
    table = solution[0]

    def at(e: Any) -> dict[str, Any]:
        return {p: sympy.simplify(sympy.sympify(v).xreplace(table)) for p, v in e.strategies.items()}

    def restricted(condition: Any) -> Any:
        return True if condition is True else truth(sympy.simplify(sympy.sympify(condition).xreplace(table)))

    mine, rest = at(eq), restricted(eq.condition)
    for other in equilibria:
        if other is eq or _equation_of(other.condition) is not None:
            continue
        holds = restricted(other.condition)
        if (holds is True or holds == rest) and at(other) == mine:
            return True
    return False
