"""Equilibria of continuous games from the first-order and complementary-slackness (KKT) conditions.

Each player's level is either *interior* (its payoff's derivative in the own
level is zero), at its *lower* bound (the derivative there is nonpositive) or
at its *upper* bound (nonnegative).  Every combination of these binding
patterns is enumerated; for each, the interior players' stationarity
conditions (derivatives brought over a common denominator) are solved exactly
with SymPy, the bound players' levels are fixed, and the remaining
inequalities become the condition under which the candidate holds:

* interior players: ``low <= level <= high``;
* lower-bound players: derivative ``<= 0``; upper-bound players: ``>= 0``.

For numeric games these conditions are decided exactly (floats are read as the
binary rationals they denote) and every surviving candidate goes to the
independent global check of :mod:`trigame.verify.continuous`.  For symbolic
games each candidate is a piece ``(levels, condition)``, certified when each
payoff is proved concave in its own level (then the KKT conditions are
sufficient as well as necessary).

Completeness: a polynomial stationarity system (polynomial, rational or
logarithmic payoffs) is solved completely by SymPy's Groebner-basis solver; for
symbolic games, at generic parameter values (solutions that exist only where a
leading coefficient vanishes are not listed).  Any pattern SymPy cannot solve is
named in the notes and the result is flagged incomplete.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trigame.budget import WorkBudget, check_limit
from trigame.games.continuous import degree_bound
from trigame.results.continuous import ContinuousEquilibrium, ContinuousEquilibriumSet
from trigame.verify.continuous import CERT_CONCAVE, CERT_SAMPLED, certify_best_response, is_concave_in_own_level

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame

__all__ = ["DEFAULT_MAX_PATTERNS", "Candidate", "Stationary", "binding_patterns", "certified", "solve",
           "stationary_points"]

#: Default budget of binding patterns (3 per player with two bounds: 3^8 = 6561).
DEFAULT_MAX_PATTERNS = 6561
#: Default bound on the summed degrees of one stationarity system solved exactly.
DEFAULT_MAX_DEGREE = 24

Candidate = tuple[dict[str, Any], dict[str, str], Any]


def _exact(expr: Any) -> Any:
    import sympy

    return expr.xreplace({f: sympy.Rational(f) for f in expr.atoms(sympy.Float)})


def binding_patterns(game: ContinuousGame, max_patterns: int | None = DEFAULT_MAX_PATTERNS) -> list[dict[str, str]]:
    """Every binding pattern ``{player: "interior" | "lower" | "upper"}`` the bounds allow."""
    options = []
    count = 1
    for player in game.players:
        low, high = game.strategies[player]
        mine = ["interior"] + (["lower"] if low is not None else []) + (["upper"] if high is not None else [])
        options.append(mine)
        count *= len(mine)
    budget = WorkBudget(max_patterns, what="the enumeration of binding patterns", unit="patterns",
                        option="max_patterns")
    budget.spend(count)
    return [dict(zip(game.players, combo)) for combo in itertools.product(*options)]


def _relation(expr: Any, op: str) -> Any:
    """``expr op 0`` with positive factors dropped and negative ones flipping the sense; decided where possible."""
    import sympy

    expr = sympy.factor(sympy.together(expr))
    numerator, denominator = sympy.fraction(expr)
    flips = 0
    defined: Any = sympy.true
    if denominator.is_negative:
        flips += 1
    elif not denominator.is_positive:
        numerator = sympy.factor(numerator * denominator)  # same sign as the ratio where it is defined
        defined = sympy.Ne(denominator, 0)
    kept = []
    for factor in sympy.Mul.make_args(numerator):
        if factor.is_positive:
            continue
        if factor.is_negative:
            flips += 1
            continue
        kept.append(factor)
    rest = sympy.Mul(*kept)
    if flips % 2:
        op = {"<=": ">=", ">=": "<=", "<": ">", ">": "<"}[op]
    return sympy.And(sympy.Rel(rest, 0, op), defined)


def stationary_candidates(
    game: ContinuousGame, pattern: dict[str, str], max_degree: int = DEFAULT_MAX_DEGREE
) -> tuple[list[Candidate], str | None, bool]:
    """Candidates of one binding pattern: ``(levels, binding, condition)``; a note if unsolved; a continuum flag."""
    import sympy

    variables = game.variables
    payoffs = {p: _exact(game.payoff(p)) for p in game.players}
    fixed: dict[Any, Any] = {}
    for player, binding in pattern.items():
        if binding != "interior":
            low, high = game.strategies[player]
            fixed[variables[player]] = _exact(low if binding == "lower" else high)
    gradients = {p: sympy.diff(payoffs[p], variables[p]) for p in game.players}
    interior = [p for p in game.players if pattern[p] == "interior"]
    unknowns = [variables[p] for p in interior]
    degree = sum(degree_bound(payoffs[p], unknowns) for p in interior)
    if math.isinf(degree):
        return [], f"the stationarity system of the pattern {_name(pattern)} is not polynomial", False
    if degree > max_degree:
        return [], (f"the stationarity system of the pattern {_name(pattern)} has degree up to {degree}, over "
                    f"max_degree={max_degree}"), False
    equations = []
    for p in interior:
        numerator, _ = sympy.fraction(sympy.together(gradients[p].xreplace(fixed)))
        equations.append(sympy.expand(numerator))
    if unknowns and all(e == 0 for e in equations):
        return [], None, True  # every interior level is stationary: a continuum
    equations = [e for e in equations if e != 0]
    if not unknowns:
        solutions: list[dict[Any, Any]] = [{}]
    else:
        if any(not e.is_polynomial(*unknowns) for e in equations):
            return [], f"the stationarity system of the pattern {_name(pattern)} is not polynomial", False
        try:
            solutions = sympy.solve(equations, unknowns, dict=True)
        except (NotImplementedError, ValueError, TypeError):
            return [], f"SymPy could not solve the stationarity system of the pattern {_name(pattern)}", False
    out: list[Candidate] = []
    continuum = False
    for solution in solutions:
        if set(solution) != set(unknowns) or any(set(v.free_symbols) & set(unknowns) for v in solution.values()):
            continuum = True
            continue
        point = {**fixed, **solution}
        levels = {p: sympy.simplify(point[variables[p]]) for p in game.players}
        if any(v.has(sympy.I) or v.is_real is False for v in levels.values()):
            continue
        conditions = []
        undefined = False
        for p in game.players:
            low, high = game.strategies[p]
            value = sympy.simplify(gradients[p].xreplace(point))
            if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                undefined = True
                break
            if pattern[p] == "interior":
                if not value.free_symbols and abs(sympy.N(value, 50)) > 1e-40:
                    undefined = True  # a zero of the numerator where the denominator vanishes too
                    break
                if low is not None:
                    conditions.append(_relation(levels[p] - _exact(low), ">="))
                if high is not None:
                    conditions.append(_relation(_exact(high) - levels[p], ">="))
            elif pattern[p] == "lower":
                conditions.append(_relation(value, "<="))
            else:
                conditions.append(_relation(value, ">="))
        if undefined:
            continue
        condition = sympy.And(*conditions)
        if condition is sympy.false:
            continue
        out.append((levels, dict(pattern), condition))
    return out, None, continuum


def _one_parameter(condition: Any, symbol: Any) -> Any:
    """A condition in one parameter solved exactly into intervals (``false`` when empty); else as it was.

    Relations that are rational functions of the parameter, of degree at most 8, are
    reduced by SymPy's univariate inequality solver, with the parameter's declared sign.
    """
    import sympy

    relations = list(sympy.And.make_args(condition))
    if condition is sympy.true or condition is True:
        return condition
    for relation in relations:
        if not isinstance(relation, sympy.core.relational.Relational):
            return condition
        expr = relation.lhs - relation.rhs
        if not expr.is_rational_function(symbol) or degree_bound(expr, {symbol}) > 8:
            return condition
    try:
        reduced = sympy.reduce_inequalities(relations, [symbol])
    except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
        return condition
    return reduced


def _name(pattern: dict[str, str]) -> str:
    return "(" + ", ".join(f"{p}: {b}" for p, b in pattern.items()) + ")"


@dataclass
class Stationary:
    """The stationary candidates of every binding pattern, and what the enumeration says about them."""

    candidates: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    complete: bool = True
    #: a pattern with a continuum of stationary points
    degenerate: bool = False
    #: the patterns SymPy could not solve (or whose degree passed the budget)
    unsolved: list[dict[str, str]] = field(default_factory=list)


def stationary_points(game: ContinuousGame, max_patterns: int | None, max_degree: int) -> Stationary:
    """:func:`stationary_candidates` of every binding pattern; a pattern unsolved or a continuum is noted."""
    out = Stationary()
    for pattern in binding_patterns(game, max_patterns):
        found, note, continuum = stationary_candidates(game, pattern, max_degree)
        if note:
            out.notes.append(note)
            out.complete = False
            out.unsolved.append(pattern)
        if continuum:
            out.degenerate, out.complete = True, False
            out.notes.append(f"the pattern {_name(pattern)} has a continuum of stationary points (not listed)")
        out.candidates.extend(found)
    return out


def certified(game: ContinuousGame, certify: Callable[[ContinuousGame, str, Any, float], str | None], profile: Any,
              tol: float) -> dict[str, str] | None:
    """Each player's certificate ``certify(game, player, profile, tol)`` that its strategy is a global best
    response in ``profile``, or None at the first player whose is not."""
    certificates = {}
    for p in game.players:
        cert = certify(game, p, profile, tol)
        if cert is None:
            return None
        certificates[p] = cert
    return certificates


def _condition_form(condition: Any) -> Any:
    import sympy

    return True if condition is sympy.true else condition


def _boundary_duplicate(candidate: Candidate, others: Sequence[Candidate]) -> bool:
    """Whether a candidate whose condition forces ``p = 0`` repeats another piece's levels on that boundary."""
    import sympy

    levels, _, condition = candidate
    relations = [r for r in sympy.And.make_args(condition) if isinstance(r, sympy.core.relational.Relational)]
    for r1, r2 in itertools.combinations(relations, 2):
        p1, p2 = r1.lhs - r1.rhs, r2.lhs - r2.rhs
        same = sympy.expand(p1 - p2) == 0 and r1.rel_op != r2.rel_op
        opposite = sympy.expand(p1 + p2) == 0 and r1.rel_op == r2.rel_op
        if not (same or opposite) or r1.rel_op not in ("<=", ">="):
            continue
        symbols = sorted(p1.free_symbols, key=lambda s: s.name)
        for symbol in symbols:
            roots = sympy.solve(p1, symbol)
            if len(roots) != 1:
                continue
            table = {symbol: roots[0]}
            for other_levels, _, other_condition in others:
                if other_levels is levels:
                    continue
                if all(sympy.simplify((levels[p] - other_levels[p]).xreplace(table)) == 0 for p in levels):
                    holds = sympy.simplify(other_condition.xreplace(table)) if other_condition is not True else True
                    if holds is not sympy.false and not _forces_equality(other_condition):
                        return True
            break
    return False


def _forces_equality(condition: Any) -> bool:
    import sympy

    if condition is True or condition is sympy.true:
        return False
    relations = [r for r in sympy.And.make_args(condition) if isinstance(r, sympy.core.relational.Relational)]
    for r1, r2 in itertools.combinations(relations, 2):
        p1, p2 = r1.lhs - r1.rhs, r2.lhs - r2.rhs
        if (sympy.expand(p1 - p2) == 0 and r1.rel_op != r2.rel_op) or (
            sympy.expand(p1 + p2) == 0 and r1.rel_op == r2.rel_op
        ):
            return True
    return False


def solve(game: ContinuousGame, *, max_patterns: int | None = DEFAULT_MAX_PATTERNS,
          max_degree: int = DEFAULT_MAX_DEGREE, tol: float = 1e-9) -> ContinuousEquilibriumSet:
    """All equilibria of a continuous game by enumeration of binding patterns (see the module docs).

    Parameters
    ----------
    game : ContinuousGame
    max_patterns : int or None, default 6561
        Budget: the most binding patterns enumerated (3 per player with two
        bounds, 2 with one); more raises :class:`~trigame.errors.BudgetExceededError`.
    max_degree : int, default 24
        Budget: the largest total degree (a bound computed without expanding) of a
        stationarity system solved exactly; a pattern above it is named in the notes
        (and solved numerically by ``method="auto"`` for numeric games).
    tol : float, default 1e-9
        Slack of the global check for float games, relative to each maximum.
    """
    import sympy

    check_limit(max_patterns, "max_patterns")
    check_limit(max_degree, "max_degree", allow_none=False)
    stationary = stationary_points(game, max_patterns, max_degree)
    notes, complete, degenerate, candidates = (stationary.notes, stationary.complete, stationary.degenerate,
                                               stationary.candidates)
    equilibria: list[ContinuousEquilibrium] = []
    if game.is_symbolic:
        concave = {p: is_concave_in_own_level(game, p) for p in game.players}
        unproved = [p for p in game.players if not concave[p]]
        if unproved:
            complete = False
            notes.append(f"the payoffs of {unproved} are not proved concave in the own level: the pieces satisfy the "
                         "KKT conditions but are not proved global best responses (substitute values and check "
                         "with is_continuous_nash)")
        certificate = {p: CERT_CONCAVE if concave[p] else "KKT conditions only (not proved global)"
                       for p in game.players}
        if len(game.parameters) == 1:
            reduced = [(lv, bd, _one_parameter(cond, game.parameters[0])) for lv, bd, cond in candidates]
            candidates = [c for c in reduced if c[2] is not sympy.false]
        kept = [c for c in candidates if not _boundary_duplicate(c, candidates)]
        if len(kept) < len(candidates):
            notes.append(f"{len(candidates) - len(kept)} piece(s) holding only on a boundary where another piece "
                         "gives the same levels were merged into it")
        if candidates:
            notes.append("complete at generic parameter values: solutions that exist only where a coefficient "
                         "of the stationarity system vanishes are not listed")
        for levels, binding, condition in kept:
            payoffs = tuple(sympy.simplify(game.payoff(p).xreplace({game.variables[q]: v for q, v in levels.items()}))
                            for p in game.players)
            equilibria.append(ContinuousEquilibrium(game, levels, payoffs, condition=_condition_form(condition),
                                                    binding=binding, certificate=certificate))
        return ContinuousEquilibriumSet(equilibria, game=game, method="kkt", complete=complete,
                                        degenerate=degenerate, notes=notes)
    seen: set[tuple[str, ...]] = set()
    rejected = 0
    for levels, binding, _ in candidates:
        key = tuple(str(sympy.N(levels[p], 30)) for p in game.players)
        if key in seen:
            continue
        seen.add(key)
        certificates = certified(game, certify_best_response, levels, tol)
        if certificates is None:
            rejected += 1
            continue
        if CERT_SAMPLED in certificates.values():
            complete = False
        equilibria.append(ContinuousEquilibrium(game, _report(game, levels), game.payoffs_at(levels),
                                                binding=binding, certificate=certificates))
    if rejected:
        notes.append(f"{rejected} point(s) satisfying the KKT conditions are not global best responses (dropped)")
    return ContinuousEquilibriumSet(equilibria, game=game, method="kkt", complete=complete,
                                    degenerate=degenerate, notes=notes)


def _report(game: ContinuousGame, levels: dict[str, Any]) -> dict[str, Any]:
    """Levels in the game's number kind: floats for float games; exact (rational or algebraic) otherwise."""
    if game.kind == "float":
        return {p: float(v) for p, v in levels.items()}
    return levels
