"""Equilibria of continuous games in which some players choose a point of a box.

The KKT conditions of a box game are those of every coordinate: each coordinate is
interior (the owner's payoff is stationary in it), at its lower bound (the
derivative there is nonpositive) or at its upper bound (nonnegative).  These are the
equilibrium conditions of the game *flattened* into one interval player per
coordinate (:meth:`trigame.games.continuous.ContinuousGame.flatten`), so the binding
patterns are enumerated per coordinate and each stationarity system is solved
exactly by :func:`trigame.solve.continuous.kkt.stationary_candidates`.  What differs
is the global check: a candidate is an equilibrium when each player's whole point
is a best response over its whole box (:mod:`trigame.verify._continuous_box`):
concavity through a proved negative semidefinite Hessian, else the exact maximum
over every face of a bounded box, else sampling (then ``complete=False``).

Completeness is as for intervals: every pattern's polynomial stationarity system is
solved completely (for symbolic games at generic parameter values); a pattern SymPy
cannot solve, or a continuum, is named in the notes and the result is incomplete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trigame.budget import WorkBudget, check_limit
from trigame.errors import UnsupportedGameError
from trigame.results.continuous import ContinuousEquilibrium, ContinuousEquilibriumSet
from trigame.solve.continuous.kkt import (
    DEFAULT_MAX_DEGREE,
    DEFAULT_MAX_PATTERNS,
    _condition_form,
    _one_parameter,
    binding_patterns,
    certified,
    stationary_points,
)
from trigame.solve.continuous.numeric import DEFAULT_MAX_STARTS, pattern_roots
from trigame.verify._continuous_box import (
    CERT_BOX_CONCAVE,
    CERT_BOX_SAMPLED,
    certify_box_best_response,
    is_concave_on_own_box,
)

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = ["solve", "solve_numeric"]


def solve(game: ContinuousGame, *, max_patterns: int | None = DEFAULT_MAX_PATTERNS,
          max_degree: int = DEFAULT_MAX_DEGREE, tol: float = 1e-9,
          numeric: dict[str, Any] | None = None) -> ContinuousEquilibriumSet:
    """All equilibria of a game with box strategies, by binding patterns per coordinate (see the module docs).

    Parameters
    ----------
    game : ContinuousGame
        A game in which at least one player chooses a point of a box.
    max_patterns : int or None, default 6561
        Budget: the most binding patterns enumerated (3 per coordinate with two bounds);
        more raises :class:`~trigame.errors.BudgetExceededError`.
    max_degree : int, default 24
        Budget: the largest total degree of a stationarity system solved exactly.
    tol : float, default 1e-9
        Slack of the global check for float games, relative to each maximum.
    numeric : dict, optional
        For a numeric game, the options of :func:`solve_numeric` (``{}`` for its defaults):
        the patterns SymPy cannot solve are then solved by root finding (``method="auto"``).

    Returns
    -------
    ContinuousEquilibriumSet
        Each equilibrium's ``strategies[player]`` is a tuple (or a dict over named
        coordinates) for a box player and a number for an interval player; ``binding``
        has the same shape.
    """
    import sympy

    check_limit(max_patterns, "max_patterns")
    check_limit(max_degree, "max_degree", allow_none=False)
    flat = game.flatten()
    stationary = stationary_points(flat, max_patterns, max_degree)
    notes, complete, degenerate, candidates = (stationary.notes, stationary.complete, stationary.degenerate,
                                               stationary.candidates)
    equilibria: list[ContinuousEquilibrium] = []
    if game.is_symbolic:
        concave = {p: is_concave_on_own_box(game, p) for p in game.players}
        unproved = [p for p in game.players if not concave[p]]
        if unproved:
            complete = False
            notes.append(f"the payoffs of {unproved} are not proved concave on the own box: the pieces satisfy the "
                         "KKT conditions but are not proved global best responses (substitute values and check "
                         "with is_continuous_nash)")
        certificate = {p: CERT_BOX_CONCAVE if concave[p] else "KKT conditions only (not proved global)"
                       for p in game.players}
        if len(game.parameters) == 1:
            reduced = [(lv, bd, _one_parameter(cond, game.parameters[0])) for lv, bd, cond in candidates]
            candidates = [c for c in reduced if c[2] is not sympy.false]
        if candidates:
            notes.append("complete at generic parameter values: solutions that exist only where a coefficient "
                         "of the stationarity system vanishes are not listed")
        for levels, binding, condition in candidates:
            table = {game.coordinate_variables[c]: v for c, v in levels.items()}
            payoffs = tuple(sympy.simplify(game.payoff(p).xreplace(table)) for p in game.players)
            equilibria.append(ContinuousEquilibrium(game, game.player_levels(levels), payoffs,
                                                    condition=_condition_form(condition),
                                                    binding=game.player_levels(binding), certificate=certificate))
        return ContinuousEquilibriumSet(equilibria, game=game, method="kkt", complete=complete,
                                        degenerate=degenerate, notes=notes)
    seen: set[tuple[str, ...]] = set()
    rejected = 0
    for levels, binding, _ in candidates:
        key = tuple(str(sympy.N(levels[c], 30)) for c in flat.players)
        if key in seen:
            continue
        seen.add(key)
        values: dict[str, Any] = {c: float(v) if game.kind == "float" else v for c, v in levels.items()}
        exact = game.player_levels(levels)
        certificates = certified(game, certify_box_best_response, exact, tol)
        if certificates is None:
            rejected += 1
            continue
        if CERT_BOX_SAMPLED in certificates.values():
            complete = False
        equilibria.append(ContinuousEquilibrium(game, game.player_levels(values), game.payoffs_at(exact),
                                                binding=game.player_levels(binding), certificate=certificates))
    if rejected:
        notes.append(f"{rejected} point(s) satisfying the KKT conditions are not global best responses (dropped)")
    method = "kkt"
    if stationary.unsolved and numeric is not None:
        extra = solve_numeric(game, patterns=stationary.unsolved, **numeric)
        solved = ContinuousEquilibriumSet(equilibria, game=game, method="kkt", complete=False)
        equilibria += [eq for eq in extra if not solved.contains(eq.strategies, tol=1e-7)]
        notes.append(f"{len(stationary.unsolved)} pattern(s) solved numerically instead: {extra.notes[0]}")
        method = "kkt+numeric"
    return ContinuousEquilibriumSet(equilibria, game=game, method=method, complete=complete,
                                    degenerate=degenerate, notes=notes)


def solve_numeric(game: ContinuousGame, *, starts: int = 5, max_starts: int | None = DEFAULT_MAX_STARTS,
                  max_patterns: int | None = DEFAULT_MAX_PATTERNS, patterns: list[dict[str, str]] | None = None,
                  tol: float = 1e-7) -> ContinuousEquilibriumSet:
    """Equilibria of a numeric game with box strategies by root finding on every per-coordinate pattern.

    The first-order conditions of each pattern are solved by :func:`scipy.optimize.root` from a
    grid of starts (:func:`trigame.solve.continuous.numeric.pattern_roots` on the flattened game),
    and every root goes to the global check over each player's box.  Never flagged complete.

    Parameters
    ----------
    game : ContinuousGame
        A game without free parameters.
    starts : int, default 5
        Starting points per interior coordinate and pattern.
    max_starts : int or None, default 20000
        Budget: the most root-finding runs in all.
    max_patterns : int or None, default 6561
        Budget: the most binding patterns.
    patterns : list of dict, optional
        Only these per-coordinate patterns.
    tol : float, default 1e-7
        Slack of the global check, relative to each maximum.
    """
    if game.is_symbolic:
        raise UnsupportedGameError("the numeric method needs numeric payoffs; substitute values with game.subs(...)")
    check_limit(starts, "starts", allow_none=False)
    check_limit(max_starts, "max_starts")
    flat = game.flatten()
    budget = WorkBudget(max_starts, what="the numeric search", unit="root-finding runs", option="max_starts")
    todo = patterns if patterns is not None else binding_patterns(flat, max_patterns)
    equilibria: list[ContinuousEquilibrium] = []
    for pattern in todo:
        for point in pattern_roots(flat, pattern, starts, budget):
            profile = game.player_levels(point)
            certificates = certified(game, certify_box_best_response, profile, tol)
            if certificates is not None:
                equilibria.append(ContinuousEquilibrium(game, profile, [float(u) for u in game.payoffs_at(profile)],
                                                        binding=game.player_levels(pattern),
                                                        certificate=certificates))
    notes = [f"root finding from {starts} starts per interior coordinate and pattern; equilibria may be missed"]
    return ContinuousEquilibriumSet(equilibria, game=game, method="numeric", complete=False, notes=notes)
