"""Global best responses of players who choose a point of a box (several levels at once).

Written apart from the solver, from the definition: a player's levels are a best
response when no point of its whole box gives it more, the others' levels fixed.
A player with an interval is a box of one coordinate.  Three routes, in order:

1. **Concavity.**  When the Hessian of the payoff in the player's own coordinates is
   proved negative semidefinite -- every principal minor of ``-H`` proved
   nonnegative (SymPy's assumptions, the coordinates carrying the signs their
   bounds imply) -- the first-order and complementary-slackness conditions at the
   point are sufficient, and they are checked there.
2. **Every face, exactly** (bounded boxes, polynomial and rational payoffs): for
   each face of the box (each coordinate at its lower bound, its upper bound, or
   free) the stationary points of the payoff in the free coordinates are found
   exactly (SymPy's Groebner-basis solver); the maximum over the box is the best
   of them, the corners included.  A face with a continuum of stationary points,
   or a system SymPy cannot solve, sends the player to the next route.
3. **Interval branch and bound** (bounded boxes, payoffs built from arithmetic,
   powers, ``exp``, ``log``, ``sqrt``, ``sin`` and ``cos``): sub-boxes are discarded
   when a rigorous enclosure of the payoff on them (mpmath's interval arithmetic,
   the better of the natural extension and the mean-value form with the interval
   gradient) lies below the candidate's payoff plus the tolerance; a box is split
   along its widest side.  What is proved is that no point does better by more than
   the tolerance.
4. **Sampling** (not a proof, and the certificate says so): the best of a grid of
   the box refined by bounded local optimisation (SciPy's L-BFGS-B).

The work is bounded: :data:`MAX_FACES` faces per player (``3^k`` for ``k``
coordinates), :data:`MAX_BOXES` boxes of the branch and bound and :data:`MAX_SAMPLES`
sampled points.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = ["CERT_BOX_CONCAVE", "CERT_BOX_FACES", "CERT_BOX_INTERVAL", "CERT_BOX_SAMPLED", "certify_box_best_response",
           "is_concave_on_own_box"]

CERT_BOX_CONCAVE = ("payoff concave on the own box (Hessian proved negative semidefinite): "
                    "KKT conditions suffice")
CERT_BOX_FACES = "global maximum over every face of the box: its exact stationary points and corners"
CERT_BOX_INTERVAL = ("interval branch and bound over the box: no point does better by more than the "
                     "tolerance")
CERT_BOX_SAMPLED = "numeric: best of a sample of the box refined locally (not a proof)"

#: Most faces of one player's box examined exactly (3 coordinates: 27 faces).
MAX_FACES = 243
#: Most boxes examined by the interval branch and bound of one player's problem.
MAX_BOXES = 20_000
#: Most points of a box sampled by the fallback.
MAX_SAMPLES = 4096
DIGITS = 50


def _exact(expr: Any) -> Any:
    import sympy

    return expr.xreplace({f: sympy.Rational(f) for f in expr.atoms(sympy.Float)})


def _signed(game: ContinuousGame) -> dict[Any, Any]:
    """Each coordinate's symbol replaced by a dummy with the sign its numeric bounds imply."""
    import sympy

    table = {}
    for coord, x in game.coordinate_variables.items():
        low, high = game.coordinate_bounds[coord]
        assumptions: dict[str, bool] = {"real": True}
        if low is not None and low.is_nonnegative:
            assumptions["nonnegative"] = True
        elif high is not None and high.is_nonpositive:
            assumptions["nonpositive"] = True
        table[x] = sympy.Dummy(coord, **assumptions)
    return table


def _sign_where_defined(expr: Any) -> int | None:
    """-1 when ``expr`` is proved nonpositive wherever it is defined, +1 nonnegative, None when not proved.

    SymPy's assumptions, helped through sums of like-signed terms, products and
    quotients (where a denominator vanishes the expression is undefined, not of
    the other sign) and even powers.
    """
    import sympy

    if expr.is_nonpositive:
        return -1
    if expr.is_nonnegative:
        return 1
    if isinstance(expr, sympy.Add):
        signs = {_sign_where_defined(term) for term in expr.args}
        return signs.pop() if len(signs) == 1 and None not in signs else None
    if isinstance(expr, sympy.Mul):
        sign = 1
        for factor in expr.args:
            s = _sign_where_defined(factor)
            if s is None:
                return None
            sign *= s
        return sign
    if isinstance(expr, sympy.Pow) and expr.exp.is_integer:
        if expr.exp.is_even and expr.base.is_real:
            return 1
        base = _sign_where_defined(expr.base)
        return base if expr.exp.is_odd else None
    return None


def is_concave_on_own_box(game: ContinuousGame, player: str) -> bool:
    """True when ``player``'s payoff is proved concave in its own coordinates (at every profile and parameter).

    Every principal minor of ``-H`` (``H`` the Hessian in the own coordinates) is proved
    nonnegative: then ``H`` is negative semidefinite.  False means "not proved".
    """
    import sympy

    coords = [game.coordinate_variables[c] for c in game.coordinates[player]]
    payoff = game.payoff(player)
    hessian = sympy.Matrix([[sympy.diff(payoff, a, b) for b in coords] for a in coords])
    table = _signed(game)
    for size in range(1, len(coords) + 1):
        for rows in itertools.combinations(range(len(coords)), size):
            minor = (-hessian).extract(list(rows), list(rows)).det().xreplace(table)
            minor = sympy.factor(sympy.together(sympy.expand(minor)))
            if not (minor.is_zero or _sign_where_defined(minor) == 1):
                return False
    return True


def _kkt_holds(f: Any, xs: list[Any], bounds: list[tuple[Any, Any]], point: list[Any], tol: float) -> bool:
    import sympy

    table = dict(zip(xs, point))
    scale = tol * max(1.0, abs(float(sympy.N(f.xreplace(table), DIGITS))))
    for x, (low, high), value in zip(xs, bounds, point):
        slope = sympy.N(sympy.diff(f, x).xreplace(table), DIGITS)
        if not slope.is_finite:
            return False
        at_low = low is not None and sympy.N(value - low, DIGITS) <= tol
        at_high = high is not None and sympy.N(high - value, DIGITS) <= tol
        if not (abs(slope) <= scale or (at_low and slope <= scale) or (at_high and slope >= -scale)):
            return False
    return True


def _face_maximum(f: Any, xs: list[Any], bounds: list[tuple[Any, Any]]) -> Any:
    """The exact maximum of ``f`` over a bounded box by its faces' stationary points, or None if not found."""
    import sympy

    if any(low is None or high is None for low, high in bounds) or 3 ** len(xs) > MAX_FACES:
        return None
    f = _exact(f)
    best = None
    for pattern in itertools.product(("lower", "upper", "free"), repeat=len(xs)):
        fixed = {x: (low if side == "lower" else high)
                 for x, (low, high), side in zip(xs, bounds, pattern) if side != "free"}
        free = [x for x, side in zip(xs, pattern) if side == "free"]
        g = f.xreplace(fixed)
        if free:
            equations = [sympy.fraction(sympy.together(sympy.diff(g, x)))[0] for x in free]
            equations = [sympy.expand(e) for e in equations if sympy.expand(e) != 0]
            if not equations or any(not e.is_polynomial(*free) for e in equations):
                return None
            try:
                solutions = sympy.solve(equations, free, dict=True)
            except (NotImplementedError, ValueError, TypeError):
                return None
        else:
            solutions = [{}]
        for solution in solutions:
            if set(solution) != set(free) or any(v.free_symbols for v in solution.values()):
                return None  # a continuum of stationary points on this face
            values = [sympy.N(v, DIGITS) for v in solution.values()]
            if any(not v.is_real for v in values):
                continue
            inside = all(sympy.N(low, DIGITS) <= sympy.N(solution[x], DIGITS) <= sympy.N(high, DIGITS)
                         for x, (low, high) in zip(xs, bounds) if x in solution)
            if not inside:
                continue
            value = sympy.N(g.xreplace(solution), DIGITS)
            if not value.is_finite:
                return None
            best = value if best is None or value > best else best
    return best


def _interval_certified(f: Any, xs: list[Any], bounds: list[tuple[Any, Any]], value: float, tol: float,
                        max_boxes: int = MAX_BOXES) -> bool | None:
    """Whether no point of the box beats ``value`` by more than ``tol`` (relative), by interval arithmetic.

    True (proved), False (a point doing better was found) or None (unbounded box, no interval
    form of the payoff, or the budget of ``max_boxes`` boxes spent).
    """
    import sympy
    from mpmath import iv
    from sympy.printing.pycode import MpmathPrinter

    if any(low is None or high is None for low, high in bounds):
        return None
    known = {sympy.exp, sympy.log, sympy.cos, sympy.sin}
    gradient = [sympy.diff(f, x) for x in xs]
    for expr in (f, *gradient):
        if any(type(g) not in known for g in expr.atoms(sympy.Function)):
            return None
    allowed = {"mpf": iv.mpf, "exp": iv.exp, "log": iv.log, "sqrt": iv.sqrt, "cos": iv.cos, "sin": iv.sin,
               "pi": iv.pi, "E": iv.e}
    printer = MpmathPrinter({"fully_qualified_modules": False})
    func = sympy.lambdify(xs, f, modules=[allowed], printer=printer)
    slopes = [sympy.lambdify(xs, g, modules=[allowed], printer=printer) for g in gradient]

    def number(b: Any) -> Any:
        return iv.mpf(b.p) / b.q if b.is_Rational else iv.mpf(float(b))

    threshold = value + tol * max(1.0, abs(value))
    stack = [[iv.mpf([number(lo).a, number(hi).b]) for lo, hi in bounds]]
    errors = (ValueError, ZeroDivisionError, TypeError, OverflowError, NotImplementedError)
    boxes = 0
    while stack:
        box = stack.pop()
        boxes += 1
        if boxes > max_boxes:
            return None
        middle = [iv.mpf((side.a + side.b) / 2) for side in box]
        widest = max(range(len(box)), key=lambda k: float(box[k].delta))
        try:
            at_middle = func(*middle)
            spread = sum((slope(*box) * (side - m) for slope, side, m in zip(slopes, box, middle)), iv.mpf(0))
            upper = min(func(*box).b, (at_middle + spread).b)
        except errors:
            if float(box[widest].delta) < 1e-12:
                return None
            upper, at_middle = None, None
        if upper is not None and upper <= threshold:
            continue
        if at_middle is not None and at_middle.a > threshold:
            return False
        side = box[widest]
        half = iv.mpf((side.a + side.b) / 2)
        stack.append([*box[:widest], iv.mpf([side.a, half.b]), *box[widest + 1:]])
        stack.append([*box[:widest], iv.mpf([half.a, side.b]), *box[widest + 1:]])
    return True


def _sampled_maximum(f: Any, xs: list[Any], bounds: list[tuple[Any, Any]]) -> float:
    import numpy as np
    import sympy
    from scipy.optimize import minimize

    func = sympy.lambdify(xs, f, modules="numpy")
    box = []
    for low, high in bounds:
        lo = float(low) if low is not None else (float(high) - 1e3 if high is not None else -1e3)
        hi = float(high) if high is not None else lo + 1e3
        box.append((lo, hi))
    per = int(MAX_SAMPLES ** (1 / len(xs)))
    if per >= 2:
        points: Any = itertools.product(*[np.linspace(lo, hi, per) for lo, hi in box])
    else:  # too many coordinates for a grid: a seeded uniform sample of the box
        rng = np.random.default_rng(0)
        points = rng.uniform([lo for lo, _ in box], [hi for _, hi in box], size=(MAX_SAMPLES, len(box)))
    best, where = -np.inf, None
    with np.errstate(all="ignore"):
        for point in points:
            value = float(func(*point))
            if np.isfinite(value) and value > best:
                best, where = value, point
        if where is not None:
            res = minimize(lambda v: -float(func(*v)), np.array(where), method="L-BFGS-B",
                           bounds=[(None if low is None else float(low), None if high is None else float(high))
                                   for low, high in bounds], options={"maxiter": 200})
            if res.success and np.isfinite(res.fun):
                best = max(best, -float(res.fun))
    return float(best)


def certify_box_best_response(game: ContinuousGame, player: str, levels: Mapping[str, Any],
                              tol: float = 1e-9) -> str | None:
    """How ``levels[player]`` (a point of its box) was proved a global best response, or None if it is not one.

    ``levels`` is a numeric profile ``{player: level}`` (tuples or dicts for boxes).  Exact values are
    compared to 50 digits; ``tol`` is the slack, relative to the maximum, for float games and sampling.
    """
    import sympy

    point = game.coordinate_levels(levels)
    mine_coords = game.coordinates[player]
    variables = game.coordinate_variables
    others = {variables[c]: v for c, v in point.items() if c not in mine_coords}
    f = game.payoff(player).xreplace(others)
    xs = [variables[c] for c in mine_coords]
    bounds = [game.coordinate_bounds[c] for c in mine_coords]
    mine = [point[c] for c in mine_coords]
    if is_concave_on_own_box(game, player):
        return CERT_BOX_CONCAVE if _kkt_holds(_exact(f), xs, bounds, [_exact(v) for v in mine], tol) else None
    value = sympy.N(_exact(f).xreplace(dict(zip(xs, [_exact(v) for v in mine]))), DIGITS)
    if not value.is_finite:
        return None
    best = _face_maximum(f, xs, bounds)
    if best is not None:
        exact = game.kind == "exact" and not any(getattr(v, "atoms", lambda *_: ())(sympy.Float) for v in mine)
        slack = 10 ** (5 - DIGITS) if exact else tol
        return CERT_BOX_FACES if value >= best - slack * max(1, abs(best)) else None
    proved = _interval_certified(_exact(f), xs, bounds, float(value), tol)
    if proved is not None:
        return CERT_BOX_INTERVAL if proved else None
    sampled = _sampled_maximum(f, xs, bounds)
    return CERT_BOX_SAMPLED if float(value) >= sampled - tol * max(1.0, abs(sampled)) else None
