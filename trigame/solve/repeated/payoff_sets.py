"""Payoff sets of a repeated game: the feasible set, the folk-theorem region, the pure-action SPE payoffs.

* :func:`feasible_set` -- the convex hull of the stage payoff vectors (exact for
  exact games);
* :func:`folk_region` -- the feasible payoffs strictly above every player's minmax
  value (Fudenberg & Maskin 1986: for two players each such payoff is a
  subgame-perfect payoff of the repeated game once δ is close enough to 1);
* :func:`equilibrium_payoffs` -- for two players and a given δ, the set of payoffs
  of pure-action subgame-perfect equilibria with public randomisation, the largest
  fixed point of the Abreu--Pearce--Stacchetti (1990) operator, computed as Abreu
  & Sannikov (2014) do: each action profile ``a`` generates
  ``(1 - δ) u(a) + δ w`` for continuation values ``w`` in the current set ``W`` that
  meet the incentive constraints ``w_i >= min_W w_i + (1 - δ)/δ (max_b u_i(b, a_-i) - u_i(a))``
  (the worst equilibrium payoff as punishment), and the new set is the convex hull
  of what all profiles generate.  Starting from the feasible set, the iterates
  decrease to the equilibrium set; the iteration stops when two iterates are
  within ``tol`` (Hausdorff distance).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

from trigame._numbers import to_float
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.repeated import RepeatedGame
from trigame.results.repeated import PayoffSet
from trigame.solve.repeated._polygon import clip, distance, hull
from trigame.solve.repeated._polytope import clip_hull
from trigame.solve.repeated.minmax import minmax_point

__all__ = ["equilibrium_payoffs", "feasible_set", "folk_region"]


def _stage(game: Any) -> NormalFormGame:
    stage = game.stage if isinstance(game, RepeatedGame) else game
    if not isinstance(stage, NormalFormGame):
        raise ParameterError(f"expected a NormalFormGame or a RepeatedGame, got {type(game).__name__}")
    if stage.is_symbolic:
        raise UnsupportedGameError("payoff sets need numeric stage payoffs; substitute values with .subs(...) first")
    return stage


def _count(stage: NormalFormGame, max_profiles: int) -> int:
    limit = check_limit(max_profiles, "max_profiles", allow_none=False)
    count = 1
    for m in stage.shape:
        count *= m
    if limit is not None and count > limit:
        raise BudgetExceededError(f"the stage game has {count} action profiles, over the budget of {limit}; "
                                  "pass max_profiles=... to allow more")
    return count


def _points(stage: NormalFormGame, max_profiles: int) -> list[tuple[Any, ...]]:
    _count(stage, max_profiles)
    return [tuple(stage.payoffs[i][idx] for i in range(stage.n_players))
            for idx in itertools.product(*[range(m) for m in stage.shape])]


def feasible_set(game: NormalFormGame | RepeatedGame, *, max_profiles: int = 100_000,
                 max_work: int = 2_000_000) -> PayoffSet:
    """The feasible payoffs: the convex hull of the stage game's payoff vectors.

    Parameters
    ----------
    game : NormalFormGame or RepeatedGame
    max_profiles : int
        Budget on the number of pure action profiles read (``BudgetExceededError`` beyond it).
    max_work : int, default 2_000_000
        Budget (three or more players) on the candidate facets and vertex pairs examined.

    Returns
    -------
    PayoffSet
        Vertices counter-clockwise for two players; for more players the payoff vectors that
        are extreme points, sorted (found exactly, through the hull's facets, for exact games:
        :mod:`trigame.solve.repeated._polytope`).
    """
    stage = _stage(game)
    points = _points(stage, max_profiles)
    exact = stage.kind == "exact"
    if stage.n_players == 2:
        vertices = hull([(p[0], p[1]) for p in points], 0 if exact else 1e-12)
    else:
        budget = WorkBudget(max_work, what="the feasible-set vertex enumeration", unit="candidates",
                            option="max_work")
        pts = [tuple(Fraction(x) if exact else to_float(x) for x in p) for p in points]
        floor = [min(p[i] for p in pts) for i in range(stage.n_players)]  # bounds that cut nothing
        vertices, _ = clip_hull(pts, floor, exact=exact, budget=budget)
    return PayoffSet(stage.players, tuple(tuple(v) for v in vertices), "feasible", "convex hull", exact=exact)


def folk_region(game: NormalFormGame | RepeatedGame, *, mixed: bool = True, max_profiles: int = 100_000,
                max_work: int = 2_000_000, **options: Any) -> PayoffSet:
    """The folk-theorem region: feasible payoffs strictly above each player's minmax value.

    The feasible set (the convex hull of the stage payoff vectors in ``R^n``) intersected
    with the individually rational orthant ``v_i > minmax_i``.  For two players it is a
    polygon (vertices counter-clockwise); for three or more players its vertices are found
    exactly (Fractions) when the payoffs and the minmax values are rational: the facets of
    the hull by exact hyperplanes through the payoff vectors, then every point where as many
    constraints as the hull's dimension are tight (:mod:`trigame.solve.repeated._polytope`).
    Mixed minmax values of three or more players can be irrational; then the region is
    computed in floats (``exact=False``).

    For two players every payoff in the region is a subgame-perfect payoff once δ is close
    enough to 1 (Fudenberg & Maskin 1986); for three or more players the theorem needs the
    feasible set to have dimension ``n`` (full dimension), which the notes report.

    Parameters
    ----------
    game : NormalFormGame or RepeatedGame
    mixed : bool, default True
        Use the mixed minmax values (``False``: the pure ones, the bound for pure punishments).
    max_profiles : int
        Budget on the action profiles read.
    max_work : int, default 2_000_000
        Budget (three or more players) on the candidate facets and candidate vertices
        examined (``BudgetExceededError`` beyond it).
    **options
        Passed to the minmax computation (:func:`trigame.solve.repeated.minmax.minmax`).

    Returns
    -------
    PayoffSet
        ``strict=True``: its vertices are those of the closure ``v_i >= minmax_i``; the region is
        empty when no feasible payoff lies strictly above the minmax point.

    Examples
    --------
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> folk_region(pd).vertices
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(13, 3), Fraction(1, 1)), (Fraction(3, 1), Fraction(3, 1)), \
(Fraction(1, 1), Fraction(13, 3)))
    """
    stage = _stage(game)
    if not isinstance(mixed, bool):
        raise ParameterError(f"mixed must be True or False, got {mixed!r}")
    if stage.n_players < 2:
        raise UnsupportedGameError("the folk-theorem region needs at least two players")
    if stage.n_players != 2:
        return _folk_region_n(stage, mixed, max_profiles, max_work, options)
    feasible = feasible_set(stage, max_profiles=max_profiles)
    low = minmax_point(stage, mixed=mixed, **options)
    exact = feasible.exact and all(isinstance(v, Fraction) for v in low)
    region: list[Any] = list(feasible.vertices)
    for i in range(2):
        region = clip(region, i, low[i] if exact else to_float(low[i]))
    notes = []
    interior = [p for p in region if p[0] > low[0] and p[1] > low[1]]
    if region and not interior and len(region) <= 2 and all(p[0] == low[0] or p[1] == low[1] for p in region):
        region, notes = [], ["no feasible payoff lies strictly above the minmax point"]
    return PayoffSet(stage.players, tuple(tuple(p) for p in hull(region, 0 if exact else 1e-12)),
                     "individually rational", f"feasible hull above the {'mixed' if mixed else 'pure'} minmax",
                     exact=exact, minmax=tuple(low), strict=True, notes=tuple(notes))


def _folk_region_n(stage: NormalFormGame, mixed: bool, max_profiles: int, max_work: int,
                   options: dict[str, Any]) -> PayoffSet:
    """The folk-theorem region of a stage game with three or more players (see :func:`folk_region`)."""
    budget = WorkBudget(max_work, what="the folk-region vertex enumeration", unit="candidates",
                        option="max_work")
    points = _points(stage, max_profiles)
    values = minmax_point(stage, mixed=mixed, **options)
    exact = stage.kind == "exact" and all(isinstance(v, (int, Fraction)) for v in values)
    low: tuple[Any, ...] = tuple(Fraction(v) if exact else to_float(v) for v in values)
    pts = [tuple(Fraction(x) for x in p) if exact else tuple(to_float(x) for x in p) for p in points]
    vertices, dimension = clip_hull(pts, low, exact=exact, budget=budget)
    n = stage.n_players
    notes = []
    if vertices:
        # the closure's barycentre lies in its relative interior: the strict region is nonempty
        # exactly when the barycentre is strictly above every minmax value
        centre = [sum(v[i] for v in vertices) / len(vertices) for i in range(n)]
        slack = 0 if exact else 1e-9 * max([abs(x) for x in low] + [1.0])
        if not all(centre[i] > low[i] + slack for i in range(n)):
            vertices = []
    if not vertices:
        notes.append("no feasible payoff lies strictly above the minmax point")
    elif dimension < n:
        notes.append(f"the feasible set has dimension {dimension} < {n}: the n-player folk theorem of "
                     "Fudenberg & Maskin (1986) needs full dimension (or Abreu, Dutta & Smith's NEU condition)")
    if not exact:
        notes.append("mixed minmax values not all rational: vertices in floats")
    return PayoffSet(stage.players, tuple(vertices), "individually rational",
                     f"feasible hull above the {'mixed' if mixed else 'pure'} minmax",
                     exact=exact, minmax=tuple(values), strict=True, notes=tuple(notes))


def _simplify(polygon: list[Any], slack: float) -> list[Any]:
    """Drop vertices within ``slack`` of their neighbours' chord (the iteration's near-collinear residue)."""
    pts = list(polygon)
    changed = True
    while changed and len(pts) > 2:
        changed = False
        for k in range(len(pts)):
            a, b, c = pts[k - 1], pts[k], pts[(k + 1) % len(pts)]
            dx, dy = c[0] - a[0], c[1] - a[1]
            length = (dx * dx + dy * dy) ** 0.5
            off = abs(dx * (b[1] - a[1]) - dy * (b[0] - a[0])) / length if length else 0.0
            between = length > 0 and 0 <= (b[0] - a[0]) * dx + (b[1] - a[1]) * dy <= length * length
            near = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 <= slack
            if (off <= slack and between) or near:
                del pts[k]
                changed = True
                break
    if len(pts) == 2 and ((pts[0][0] - pts[1][0]) ** 2 + (pts[0][1] - pts[1][1]) ** 2) ** 0.5 <= slack:
        pts = pts[:1]
    return pts


def _snap(point: tuple[float, ...], grid: float) -> tuple[float, float]:
    """A float point rounded to a fine grid, so that near-duplicate vertices merge."""
    return (round(point[0] / grid) * grid, round(point[1] / grid) * grid)


def equilibrium_payoffs(game: RepeatedGame, *, tol: float = 1e-9, max_iterations: int = 2_000,
                        max_profiles: int = 10_000) -> PayoffSet:
    """The pure-action subgame-perfect equilibrium payoffs of a two-player repeated game (with public randomisation).

    Parameters
    ----------
    game : RepeatedGame
        Two players, numeric stage payoffs and numeric discount factors (one or one per player).
    tol : float, default 1e-9
        Stop when two successive sets are within ``tol`` (Hausdorff distance, in units of the
        largest absolute stage payoff, so that the answer does not depend on the payoffs' unit).
    max_iterations : int
        Budget on the iterations of the operator; past it the last set (an outer
        approximation) is returned with ``complete=False``.
    max_profiles : int
        Budget on the stage game's action profiles.

    Returns
    -------
    PayoffSet
        Float vertices, counter-clockwise; empty when no pure-action SPE exists.
    """
    if not isinstance(game, RepeatedGame):
        raise ParameterError(f"equilibrium_payoffs needs a RepeatedGame, got {type(game).__name__}")
    stage = _stage(game)
    if stage.n_players != 2:
        raise UnsupportedGameError(f"equilibrium_payoffs handles two-player games; this one has {stage.n_players}")
    if game.is_symbolic:
        raise UnsupportedGameError("equilibrium_payoffs needs a numeric discount factor; substitute it first")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise ParameterError(f"tol must be a number in (0, 1), got {tol!r}")
    deltas = [to_float(d) for d in game.discounts]
    _count(stage, max_profiles)
    profiles = list(itertools.product(*[range(m) for m in stage.shape]))
    raw = {a: (to_float(stage.payoffs[0][a]), to_float(stage.payoffs[1][a])) for a in profiles}
    scale = max(abs(x) for v in raw.values() for x in v) or 1.0  # work in units of the largest payoff
    u = {a: (x / scale, y / scale) for a, (x, y) in raw.items()}
    best = {}
    for a in profiles:
        best[a] = (max(u[(b, a[1])][0] for b in range(stage.shape[0])),
                   max(u[(a[0], b)][1] for b in range(stage.shape[1])))
    eps = grid = 1e-12
    current: list[Any] = hull(list(u.values()), eps)
    budget = WorkBudget(max_iterations, what="the Abreu-Sannikov iteration", unit="iterations",
                        option="max_iterations")
    iterations, converged = 0, False
    while current:
        try:
            budget.spend()
        except BudgetExceededError:
            break
        iterations += 1
        worst = [min(p[i] for p in current) for i in range(2)]
        generated = []
        for a in profiles:
            region: list[Any] = current
            for i in range(2):
                gap = (1 - deltas[i]) / deltas[i] * (best[a][i] - u[a][i])
                region = clip(region, i, worst[i] + gap - 1e-15)
            for w in region:
                generated.append(tuple((1 - deltas[i]) * u[a][i] + deltas[i] * w[i] for i in range(2)))
        new = hull([_snap(p, grid) for p in generated], eps)
        step = distance(current, new)
        current = new
        if step <= tol:
            converged = True
            break
    if not current:  # the empty set is a fixed point: no pure-action SPE at all
        converged = True
    precision = 10 * tol / (1 - max(deltas))  # how far the last iterate may lie from the fixed point
    current = _simplify(current, precision)
    digits = max(0, int(-math.log10(precision))) - math.ceil(math.log10(scale))
    current = [(round(x * scale, digits) + 0.0, round(y * scale, digits) + 0.0) for x, y in current]
    if converged:
        notes = [f"outer approximation from the feasible set; successive sets within {tol} after {iterations} "
                 f"iterations (relative to the largest payoff); vertices rounded to {digits} decimals"]
    else:
        notes = [f"not converged within {max_iterations} iterations: the set is an outer approximation"]
    if not current:
        notes.append("no pure-action subgame-perfect equilibrium exists at this discount factor")
    discount = game.discount
    return PayoffSet(stage.players, tuple((float(x), float(y)) for x, y in current), "subgame-perfect",
                     "abreu-sannikov", complete=converged, exact=False, notes=tuple(notes),
                     discount=discount if not isinstance(discount, tuple) else None, iterations=iterations)
