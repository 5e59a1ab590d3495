"""Independent checks of equilibria of continuous games: global best responses, proved.

Written from the definition and apart from the solver: a profile of levels is a
Nash equilibrium when every player's level maximises its payoff over its whole
interval, the others' levels held fixed.  First-order conditions are not
enough (they hold at minima and at local maxima too), so each player's
one-variable problem is solved globally:

1. **Exact critical set.**  Where the payoff's derivative in the player's own
   level is a ratio of polynomials (polynomial and rational payoffs, and
   logarithms, whose derivatives are rational), its real zeros in the interval
   are found exactly (SymPy's ``solveset`` of a polynomial returns every root,
   as radicals or ``CRootOf``).  The global maximum is then the best of these
   points and the interval's ends (their one-sided limits where the payoff is
   undefined, and the limits at infinity of an unbounded interval).  The values
   are compared to 50 significant digits.
2. **Concavity.**  For a symbolic game, a payoff whose second derivative in the
   own level is proved nonpositive on the interval (SymPy's assumptions, with
   the levels and parameters given the signs their bounds and declarations
   imply) has every point satisfying the first-order and complementary-slackness
   conditions as a global maximum.
3. **Interval branch and bound** (bounded intervals, payoffs built from
   arithmetic, powers, ``exp``, ``log``, ``sqrt``, ``sin`` and ``cos``): boxes of the
   interval are discarded when a rigorous enclosure of the payoff on them (mpmath's
   interval arithmetic, natural and mean-value forms) lies below the candidate's
   payoff plus the tolerance; what is proved is that no level does better by more
   than the tolerance.  The work is bounded by :data:`MAX_BOXES`.
4. **Sampling** (only where none of these applies, e.g. an unbounded interval
   with a transcendental payoff that is not proved concave): a grid of levels
   refined by a bounded local search.  This is not a proof and the certificate says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trigame._numbers import short_repr
from trigame.errors import ProfileError, UnsupportedGameError
from trigame.games.continuous import degree_bound
from trigame.results.continuous import BestResponse
from trigame.verify._continuous_box import _sign_where_defined, certify_box_best_response

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = [
    "CERT_CONCAVE",
    "CERT_CRITICAL",
    "CERT_INTERVAL",
    "CERT_SAMPLED",
    "best_response",
    "certify_best_response",
    "is_concave_in_own_level",
    "is_continuous_nash",
]

CERT_CRITICAL = "global maximum over the interval's ends and every exact critical point"
CERT_CONCAVE = "payoff concave in own level (second derivative proved nonpositive): KKT conditions suffice"
CERT_SAMPLED = "numeric: best of a grid refined locally (not a proof)"
CERT_INTERVAL = "interval branch and bound: no level of the interval does better by more than the tolerance"

#: Significant digits of the comparisons of exact payoff values.
DIGITS = 50
#: Largest degree of a payoff in the own level whose critical points are found exactly (above it: sampled).
MAX_DEGREE = 100
#: Most boxes the interval branch and bound examines for one best response.
MAX_BOXES = 20_000
#: Levels sampled by the fallback when no exact critical set exists.
SAMPLES = 2001


def _exact(expr: Any) -> Any:
    """Floats replaced by the binary rationals they denote."""
    import sympy

    return expr.xreplace({f: sympy.Rational(f) for f in expr.atoms(sympy.Float)})


def _own_problem(game: ContinuousGame, player: str, others: Mapping[str, Any]) -> tuple[Any, Any, Any, Any]:
    """The payoff of ``player`` as a function of its own level, the others fixed; and its interval."""
    if player not in game.players:
        raise ProfileError(f"unknown player {short_repr(player)}; the players are {list(game.players)}")
    missing = [q for q in game.players if q != player and q not in others]
    if missing:
        raise ProfileError(f"the levels of {missing} are needed to compute {player}'s best response")
    import sympy

    variables = game.variables
    subs = {}
    for q in game.players:
        if q != player:
            value = others[q]
            subs[variables[q]] = value if isinstance(value, sympy.Basic) else game._level(q, value)
    low, high = game.strategies[player]
    return game.payoff(player).xreplace(subs), variables[player], low, high


def _value_at(f: Any, x: Any, point: Any, side: str) -> Any:
    """``f(point)``, or its one-sided limit where ``f`` is undefined there (``side`` "+" or "-")."""
    import sympy

    value = sympy.simplify(f.xreplace({x: point}))
    if value.has(sympy.nan, sympy.zoo) or not value.is_finite:
        value = sympy.limit(f, x, point, side)
    return value


def _numeric(value: Any) -> Any:
    import sympy

    if value in (sympy.oo, -sympy.oo):
        return value
    return sympy.N(value, DIGITS)


def _critical_points(f: Any, x: Any, low: Any, high: Any) -> list[Any] | None:
    """Every zero of ``f'`` in the interval, exactly; None when the derivative is not rational in ``x``."""
    import sympy

    if degree_bound(f, {x}) > MAX_DEGREE:
        return None
    derivative = sympy.together(sympy.diff(f, x))
    numerator, _ = sympy.fraction(derivative)
    numerator = sympy.expand(numerator)
    if not numerator.is_polynomial(x):
        return None
    if numerator.free_symbols - {x}:
        return None
    interval = sympy.Interval(-sympy.oo if low is None else low, sympy.oo if high is None else high)
    if sympy.Poly(numerator, x).is_zero:
        return []
    roots = sympy.solveset(numerator, x, domain=sympy.S.Reals)
    if not isinstance(roots, sympy.FiniteSet):
        return None
    return [r for r in roots if interval.contains(r) is sympy.true]


def _global_max(f: Any, x: Any, low: Any, high: Any) -> tuple[Any, list[Any], str]:
    """The supremum of ``f`` on the interval, the levels that attain it, and the certificate."""
    import sympy

    f = _exact(f)
    critical = _critical_points(f, x, low, high)
    if critical is None:
        return _sampled_max(f, x, low, high)
    points = [(p, _value_at(f, x, p, "+")) for p in critical]
    if low is not None:
        points.append((low, _value_at(f, x, low, "+")))
    if high is not None:
        points.append((high, _value_at(f, x, high, "-")))
    tails = []
    if low is None:
        tails.append(sympy.limit(f, x, -sympy.oo))
    if high is None:
        tails.append(sympy.limit(f, x, sympy.oo))
    values = [(p, _numeric(v)) for p, v in points if v.is_finite or v == sympy.oo]
    best = max([v for _, v in values] + [_numeric(t) for t in tails], key=lambda v: v)
    attained = [p for p, v in values if v == best or (v.is_finite and abs(v - best) <= 10 ** (5 - DIGITS))]
    return best, attained, CERT_CRITICAL


def _sampled_max(f: Any, x: Any, low: Any, high: Any) -> tuple[Any, list[Any], str]:
    import numpy as np
    import sympy
    from scipy.optimize import minimize_scalar

    lo = float(low) if low is not None else None
    hi = float(high) if high is not None else None
    a = lo if lo is not None else (hi - 1e6 if hi is not None else -1e6)
    b = hi if hi is not None else a + 1e6
    func = sympy.lambdify(x, f, modules="numpy")
    grid = np.linspace(a, b, SAMPLES)
    with np.errstate(all="ignore"):
        values = np.asarray(func(grid), dtype=float) * np.ones_like(grid)
    values[~np.isfinite(values)] = -np.inf
    k = int(np.argmax(values))
    left, right = grid[max(k - 1, 0)], grid[min(k + 1, SAMPLES - 1)]
    best_x, best_v = grid[k], values[k]
    if right > left:
        res = minimize_scalar(lambda t: -float(func(t)), bounds=(left, right), method="bounded",
                              options={"xatol": 1e-12, "maxiter": 200})
        if res.success and -res.fun > best_v:
            best_x, best_v = float(res.x), float(-res.fun)
    return sympy.Float(best_v), [sympy.Float(best_x)], CERT_SAMPLED


def certify_best_response(game: ContinuousGame, player: str, levels: Mapping[str, Any],
                          tol: float = 1e-9) -> str | None:
    """How ``levels[player]`` was proved a global best response to the others' levels, or None if it is not one.

    ``levels`` is a numeric profile of ``game`` (a game without parameters).
    Exact values are compared to 50 digits; ``tol`` is the slack, relative to
    the size of the maximum, allowed for float games and for the sampled fallback.
    """
    import sympy

    if game.has_boxes:
        return certify_box_best_response(game, player, levels, tol)
    point = game.levels(levels)
    f, x, low, high = _own_problem(game, player, point)
    if _critical_points(_exact(f), x, low, high) is None:
        if is_concave_in_own_level(game, player):
            return CERT_CONCAVE if _kkt_holds(f, x, low, high, point[player], tol) else None
        if low is not None and high is not None:
            mine = _value_at(_exact(f), x, point[player], "+")
            if mine.is_finite:
                proved = _interval_certified(_exact(f), x, low, high, float(mine), tol)
                if proved is not None:
                    return CERT_INTERVAL if proved else None
    best, _, certificate = _global_max(f, x, low, high)
    if best == sympy.oo:
        return None
    mine = _numeric(_value_at(_exact(f), x, point[player], "+"))
    if not mine.is_finite:
        return None
    approximate = any(v.atoms(sympy.Float) for v in point.values())
    tight = game.kind == "exact" and certificate == CERT_CRITICAL and not approximate
    slack = 10 ** (5 - DIGITS) if tight else tol
    if mine >= best - slack * max(1, abs(best)):
        return certificate
    return None


def _interval_functions(f: Any, x: Any) -> tuple[Any, Any] | None:
    """``f`` and ``f'`` as functions of mpmath intervals; None when ``f`` uses a function without an interval form."""
    import sympy
    from mpmath import iv
    from sympy.printing.pycode import MpmathPrinter

    allowed = {"mpf": iv.mpf, "exp": iv.exp, "log": iv.log, "sqrt": iv.sqrt, "cos": iv.cos, "sin": iv.sin,
               "pi": iv.pi, "E": iv.e}
    derivative = sympy.diff(f, x)
    known = {sympy.exp, sympy.log, sympy.cos, sympy.sin}
    for expr in (f, derivative):
        if any(type(g) not in known and not isinstance(g, sympy.Pow) for g in expr.atoms(sympy.Function)):
            return None
    printer = MpmathPrinter({"fully_qualified_modules": False})
    return (sympy.lambdify(x, f, modules=[allowed], printer=printer),
            sympy.lambdify(x, derivative, modules=[allowed], printer=printer))


def _interval_certified(f: Any, x: Any, low: Any, high: Any, value: float, tol: float,
                        max_boxes: int = MAX_BOXES) -> bool | None:
    """Whether no level of ``[low, high]`` beats ``value`` by more than ``tol`` (relative), by interval arithmetic.

    Branch and bound on boxes of the interval: a box is discarded when an enclosure
    of ``f`` on it (the better of the natural interval extension and the mean-value
    form ``f(m) + f'(B)(B - m)``, both rigorous with outward rounding) lies below the
    threshold.  Returns True (proved), False (a level doing better was found), or
    None (the budget of ``max_boxes`` boxes ran out, or ``f`` has no interval form).
    """
    from mpmath import iv

    functions = _interval_functions(f, x)
    if functions is None:
        return None
    func, slope = functions
    threshold = value + tol * max(1.0, abs(value))
    stack = [(iv.mpf(low.p) / low.q if low.is_Rational else iv.mpf(float(low)),
              iv.mpf(high.p) / high.q if high.is_Rational else iv.mpf(float(high)))]
    boxes = 0
    errors = (ValueError, ZeroDivisionError, TypeError, OverflowError, NotImplementedError)
    while stack:
        a, b = stack.pop()
        boxes += 1
        if boxes > max_boxes:
            return None
        box = iv.mpf([a.a, b.b])
        middle = iv.mpf((box.a + box.b) / 2)
        try:
            at_middle = func(middle)
            upper = min(func(box).b, (at_middle + slope(box) * (box - middle)).b)
        except errors:
            if float(box.delta) < 1e-12:
                return None
            stack += [(iv.mpf(box.a), middle), (middle, iv.mpf(box.b))]
            continue
        if upper <= threshold:
            continue
        if at_middle.a > threshold:
            return False
        stack += [(iv.mpf(box.a), middle), (middle, iv.mpf(box.b))]
    return True


def _kkt_holds(f: Any, x: Any, low: Any, high: Any, level: Any, tol: float) -> bool:
    """The first-order and complementary-slackness conditions at ``level`` (sufficient for a concave payoff)."""
    import sympy

    slope = sympy.N(sympy.diff(f, x).xreplace({x: level}), DIGITS)
    if not slope.is_finite:
        return False
    scale = tol * max(1.0, abs(float(sympy.N(f.xreplace({x: level})))))
    at_low = low is not None and sympy.N(level - low, DIGITS) <= tol
    at_high = high is not None and sympy.N(high - level, DIGITS) <= tol
    return bool(abs(slope) <= scale or (at_low and slope <= scale) or (at_high and slope >= -scale))


def is_continuous_nash(game: ContinuousGame, strategies: Mapping[str, Any], tol: float = 1e-9) -> bool:
    """Whether ``strategies`` (``{player: level}``) is a Nash equilibrium of a numeric continuous game.

    Each player's level is checked against its *global* best response over its
    whole interval (see the module docs for how the maximum is proved).

    Parameters
    ----------
    game : ContinuousGame
        A game without free parameters (substitute values with ``game.subs``).
    strategies : mapping
        One numeric level per player, inside its interval.
    tol : float, default 1e-9
        Slack relative to the size of each player's maximum payoff, for float games.

    Raises
    ------
    UnsupportedGameError
        For a symbolic game.
    ProfileError
        For a profile with missing, non-numeric or out-of-interval levels.
    """
    if game.is_symbolic:
        raise UnsupportedGameError("is_continuous_nash needs numeric payoffs; substitute values with game.subs(...)")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol <= 1e-3:
        raise ProfileError(f"tol must be a number in [0, 1e-3], got {short_repr(tol)}")
    game.levels(strategies)
    if game.has_boxes:
        return all(certify_box_best_response(game, p, strategies, tol) is not None for p in game.players)
    return all(certify_best_response(game, p, strategies, tol) is not None for p in game.players)


# ------------------------------------------------------------------ concavity and symbolic best responses
def _signed_dummies(game: ContinuousGame) -> dict[Any, Any]:
    """Each level replaced by a dummy carrying the sign its numeric bounds imply."""
    import sympy

    table = {}
    for player, x in game.variables.items():
        low, high = game.strategies[player]
        assumptions: dict[str, bool] = {"real": True}
        if low is not None and (low.is_nonnegative or low.is_positive):
            assumptions["positive" if low.is_positive else "nonnegative"] = True
        elif high is not None and (high.is_nonpositive or high.is_negative):
            assumptions["negative" if high.is_negative else "nonpositive"] = True
        table[x] = sympy.Dummy(player, **assumptions)
    return table


def is_concave_in_own_level(game: ContinuousGame, player: str) -> bool:
    """True when ``player``'s payoff is proved concave in its own level, at every profile and parameter value.

    The proof is SymPy's: the second derivative, with levels and parameters
    carrying the signs their bounds and declarations imply, is
    nonpositive.  False means "not proved", not "not concave".
    """
    import sympy

    x = game.variables[player]
    second = sympy.diff(game.payoff(player), x, 2)
    second = second.xreplace(_signed_dummies(game))
    for form in (second, sympy.together(second), sympy.factor(sympy.together(second))):
        if _sign_where_defined(form) == -1:
            return True
    return False


def best_response(game: ContinuousGame, player: str, others: Mapping[str, Any]) -> BestResponse:
    """The best-response correspondence of ``player`` to the others' levels.

    Parameters
    ----------
    game : ContinuousGame
    player : str
    others : mapping
        ``{other player: level}``; the levels may be numbers, or SymPy
        expressions (e.g. a leader's level left as its symbol).

    Returns
    -------
    BestResponse
        For a numeric problem: every global maximiser (ties kept), proved as in
        the module docs.  For a symbolic problem (parameters or symbolic
        levels): pieces ``(level, condition)`` -- the interior solution of the
        first-order condition where it lies inside the interval, and each
        bound where the derivative there points outwards -- valid when the
        payoff is proved concave in the own level.

    Raises
    ------
    UnsupportedGameError
        When a symbolic payoff is not proved concave in the own level, its
        first-order condition has no unique solution, or the numeric supremum is
        not attained (payoff unbounded above).
    """
    import sympy

    if game.has_boxes:
        raise UnsupportedGameError("best_response handles interval strategies; this game has box strategies")
    f, x, low, high = _own_problem(game, player, others)
    if not (f.free_symbols - {x}):
        best, attained, certificate = _global_max(f, x, low, high)
        if best == sympy.oo or not attained:
            raise UnsupportedGameError(f"{player}'s payoff has no maximum on its interval against these levels")
        return BestResponse(player, [(p, True) for p in attained], certificate)
    if not is_concave_in_own_level(game, player):
        raise UnsupportedGameError(
            f"{player}'s payoff is not proved concave in its own level; substitute numbers for a global best response"
        )
    derivative = sympy.diff(f, x)
    roots = sympy.solve(derivative, x, dict=False)
    if len(roots) != 1:
        raise UnsupportedGameError(f"{player}'s first-order condition has {len(roots)} solutions; one is needed")
    root = roots[0]
    pieces: list[tuple[Any, Any]] = []
    inside = []
    if low is not None:
        at_low = sympy.simplify(derivative.xreplace({x: low}))
        pieces.append((low, at_low <= 0))
        inside.append(at_low > 0)
    if high is not None:
        at_high = sympy.simplify(derivative.xreplace({x: high}))
        pieces.append((high, at_high >= 0))
        inside.append(at_high < 0)
    pieces.insert(0, (sympy.simplify(root), sympy.And(*inside) if inside else sympy.true))
    kept = [(level, cond) for level, cond in pieces if cond is not sympy.false]
    return BestResponse(player, [(lv, True if c is sympy.true else c) for lv, c in kept], CERT_CONCAVE)
