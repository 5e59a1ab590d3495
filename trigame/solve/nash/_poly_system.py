"""The indifference polynomial system of one support profile, and its exact solution.

For a support profile ``(S_1, ..., S_n)`` player ``i`` mixes over ``S_i`` with
probabilities ``sigma_i``; writing ``sigma_i(S_i[0]) = 1 - sum_k x_{i,k}`` and
``sigma_i(S_i[k]) = x_{i,k}``, the conditions

    u_i(s, sigma_-i) - u_i(S_i[0], sigma_-i) = 0,   s in S_i[1:],

are polynomials in the ``x`` that are multilinear in the players (McKelvey &
McLennan 1996, "Computation of equilibria in finite games", sec. 6).  The
system is square: ``sum_i (|S_i| - 1)`` equations in as many unknowns.

It is solved with a Gröbner basis over QQ (graded reverse lex, converted to lex
by FGLM), followed by back-substitution through the triangular lex basis:
univariate polynomials with rational coefficients are factored exactly, their
rational roots kept as Fractions and their irrational real roots isolated in
rational intervals refined to ``10**-40``; once a coordinate is irrational the
rest of the back-substitution runs in 60-digit arithmetic (mpmath).  A basis
that is not zero-dimensional means a positive-dimensional solution set; it is
sliced by fixing free coordinates at rational sample points.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["Layout", "SystemSolution", "deviation_system", "indifference_system", "relabel_by_size", "solve_system"]

#: Working precision (decimal digits) of the numeric back-substitution.
DIGITS = 60
#: Values of a free coordinate at which a positive-dimensional set is sliced.
SAMPLES = (Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(1, 7), Fraction(5, 7))
#: Deepest slicing (dimension of the solution set) attempted.
MAX_SLICES = 3

Value = Any  # Fraction, or mpmath.mpf for coordinates that are irrational
Poly = dict[tuple[int, ...], int]


@dataclass(frozen=True)
class Layout:
    """Where each player's probabilities live among the unknowns.

    ``variables[i]`` lists the unknown indices of ``x_{i,1}, ..., x_{i,|S_i|-1}``.
    """

    support: tuple[tuple[int, ...], ...]
    variables: tuple[tuple[int, ...], ...]

    @property
    def n_vars(self) -> int:
        return sum(len(v) for v in self.variables)

    def mixed_strategies(self, point: Sequence[Value]) -> list[list[Value]]:
        """The probability vectors on each player's support at a solution ``point``."""
        import mpmath

        exact = all(isinstance(v, Fraction) for v in point)
        out = []
        with mpmath.workdps(DIGITS):
            for variables in self.variables:
                tail = [point[k] if exact or not isinstance(point[k], Fraction)
                        else mpmath.mpf(point[k].numerator) / point[k].denominator for k in variables]
                out.append([1 - sum(tail, Fraction(0) if exact else mpmath.mpf(0)), *tail])
        return out


def _layout(support: Sequence[Sequence[int]]) -> Layout:
    supports: tuple[tuple[int, ...], ...] = tuple(tuple(s) for s in support)
    variables: list[tuple[int, ...]] = []
    count = 0
    for s in supports:
        variables.append(tuple(range(count, count + len(s) - 1)))
        count += len(s) - 1
    return Layout(supports, tuple(variables))


def indifference_system(payoffs: np.ndarray, support: Sequence[Sequence[int]],
                        cache: dict[Any, Any] | None = None) -> tuple[list[Poly], Layout]:
    """The indifference polynomials of a support profile, as ``{exponent tuple: integer coefficient}``.

    ``payoffs`` is the integer payoff array ``(n, m_1, ..., m_n)``.  ``cache`` (a dict kept
    by the caller for one payoff array) shares the polynomials between support profiles: player
    ``i``'s depend only on the others' supports, ``S_i[0]``, the strategy and ``|S_i|``.

    Examples
    --------
    >>> import numpy as np
    >>> mp = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])  # matching pennies
    >>> polys, layout = indifference_system(mp, [[0, 1], [0, 1]])
    >>> polys  # player 1: u(s2) - u(s1) = 2 - 4 y;  player 2: 4 x - 2
    [{(0, 0): -2, (0, 1): 4}, {(0, 0): 2, (1, 0): -4}]
    """
    layout = _layout(support)
    supports = layout.support
    polys: list[Poly] = []
    for i in range(payoffs.shape[0]):
        if len(supports[i]) >= 2:
            polys.extend(_cached_differences(payoffs, supports, layout, i, supports[i][1:], cache))
    return polys, layout


def deviation_system(payoffs: np.ndarray, support: Sequence[Sequence[int]],
                     alive: Sequence[Sequence[int]], cache: dict[Any, Any] | None = None) -> list[Poly]:
    """The no-deviation conditions of a support profile: polynomials that are ``<= 0`` at its equilibria.

    One per player ``i`` and strategy ``t`` in ``alive[i]`` outside ``S_i``:
    ``u_i(t, sigma_-i) - u_i(S_i[0], sigma_-i)``, over the unknowns of
    :func:`indifference_system` (``cache`` as there).

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])  # prisoner's dilemma, both cooperate
    >>> deviation_system(pd, [[0], [0]], [[0, 1], [0, 1]])  # defecting gains 2 for each
    [{(): 2}, {(): 2}]
    """
    layout = _layout(support)
    supports = layout.support
    out: list[Poly] = []
    for i in range(payoffs.shape[0]):
        others = tuple(t for t in alive[i] if t not in supports[i])
        if others:
            out.extend(_cached_differences(payoffs, supports, layout, i, others, cache))
    return out


def _cached_differences(payoffs: np.ndarray, supports: tuple[tuple[int, ...], ...], layout: Layout, i: int,
                        strategies: Sequence[int], cache: dict[Any, Any] | None) -> list[Poly]:
    """:func:`_differences`, one polynomial per strategy looked up in ``cache`` first.

    The polynomial of ``t`` depends on the others' supports, ``S_i[0]``, ``t`` and, through the
    numbering of the unknowns, ``|S_i|``: that is the key.
    """
    if cache is None:
        return _differences(payoffs, supports, layout, i, strategies)
    others = tuple(s if j != i else (supports[i][0], len(s)) for j, s in enumerate(supports))
    if any((i, others, t) not in cache for t in strategies):
        # every strategy but S_i[0] at once: the indifference and no-deviation conditions of a profile
        # share one computation (its fixed cost is most of it on small supports)
        every = [t for t in range(payoffs.shape[i + 1]) if t != supports[i][0]]
        for t, poly in zip(every, _differences(payoffs, supports, layout, i, every)):
            cache[(i, others, t)] = poly
    return [cache[(i, others, t)] for t in strategies]


def _differences(payoffs: np.ndarray, supports: tuple[tuple[int, ...], ...], layout: Layout, i: int,
                 strategies: Sequence[int]) -> list[Poly]:
    """``u_i(t, sigma_-i) - u_i(S_i[0], sigma_-i)`` for each ``t`` in ``strategies``, as polynomials.

    Along player ``j``'s axis, ``sum_s c_s sigma_j(s) = c_0 + sum_l (c_l - c_0) x_{j,l}``: the
    coefficient of the constant is the entry at ``S_j[0]`` and that of ``x_{j,l}`` the entry at
    ``S_j[l]`` less it.  Integer payoffs below ``2**31`` stay within int64 (each of the ``n`` steps
    at most doubles them); larger ones are computed in Python integers.
    """
    n = payoffs.shape[0]
    table = np.ascontiguousarray(payoffs[i])
    # flat positions of the entries, player i's axis first (S_i[0], then the strategies), then the others'
    strides = [stride // table.itemsize for stride in table.strides]
    flat = np.array([supports[i][0], *strategies]) * strides[i]
    for j in range(n):
        if j != i:
            flat = np.add.outer(flat, np.array(supports[j]) * strides[j])
    gathered = table.ravel().take(flat)
    if gathered.dtype != np.int64 or n > 30:
        gathered = gathered.astype(object)
    coeffs = gathered[1:] - gathered[0]
    for axis in range(1, n):
        if coeffs.shape[axis] > 1:
            head = [slice(None)] * axis
            coeffs[tuple([*head, slice(1, None)])] -= coeffs[tuple([*head, slice(0, 1)])]
    exponents = _exponents(tuple(len(s) for s in supports), i)
    return [{e: int(c) for e, c in zip(exponents, row) if c} for row in coeffs.reshape(len(strategies), -1).tolist()]


@functools.lru_cache(maxsize=256)
def _exponents(sizes: tuple[int, ...], i: int) -> tuple[tuple[int, ...], ...]:
    """The exponent tuple of each entry of player ``i``'s coefficient tensor (axes: the other players)."""
    layout = _layout([range(m) for m in sizes])
    out = []
    for position in itertools.product(*(range(m) for j, m in enumerate(sizes) if j != i)):
        exponent = [0] * layout.n_vars
        for e, j in zip(position, (j for j in range(len(sizes)) if j != i)):
            if e > 0:
                exponent[layout.variables[j][e - 1]] = 1
        out.append(tuple(exponent))
    return tuple(out)


def relabel_by_size(layout: Layout, polys: list[Poly], deviations: list[Poly],
                    ) -> tuple[tuple[tuple[int, ...], ...], list[Poly], list[Poly], np.ndarray | None]:
    """A support profile's system with the mixers' unknowns relabelled in order of support size.

    Returns the unknown groups (smallest first; pure players have none), the indifference and
    no-deviation polynomials over the relabelled unknowns (the indifference rows in the mixers'
    new order), and ``back`` with ``root[back]`` the root in the original unknowns (None when
    nothing moved).
    """
    blocks = [v for v in layout.variables if v]
    order = sorted(range(len(blocks)), key=lambda q: len(blocks[q]))
    if order == sorted(order):
        return tuple(blocks), polys, deviations, None
    new_of = [0] * layout.n_vars
    variables = []
    count = 0
    for q in order:
        variables.append(tuple(range(count, count + len(blocks[q]))))
        for k in blocks[q]:
            new_of[k] = count
            count += 1

    def relabel(poly: Poly) -> Poly:
        out = {}
        for monomial, c in poly.items():
            exponent = [0] * count
            for k, e in enumerate(monomial):
                if e:
                    exponent[new_of[k]] = e
            out[tuple(exponent)] = c
        return out

    starts = np.cumsum([0, *(len(b) for b in blocks)]).tolist()
    rows = [relabel(polys[r]) for q in order for r in range(starts[q], starts[q + 1])]
    return tuple(variables), rows, [relabel(p) for p in deviations], np.array(new_of)


@dataclass
class SystemSolution:
    """Real solutions of a polynomial system inside the unit box.

    ``points`` are coordinate tuples (Fractions, or mpmath numbers where the
    solution is irrational); ``positive_dimensional`` is True when the complex
    solution set is not finite (the points are then samples of slices);
    ``undecided`` is True when slicing gave up.
    """

    points: list[tuple[Value, ...]] = field(default_factory=list)
    positive_dimensional: bool = False
    undecided: bool = False


def _to_sympy(polys: Sequence[Poly], n_vars: int) -> tuple[list[Any], tuple[Any, ...]]:
    import sympy

    gens = sympy.symbols(f"x0:{n_vars}")
    converted = [{m: sympy.Rational(Fraction(c).numerator, Fraction(c).denominator) for m, c in p.items()}
                 for p in polys if p]
    return [sympy.Poly.from_dict(p, *gens, domain="QQ") for p in converted], gens


def _in_box(value: Value, slack: float) -> bool:
    return -slack <= value <= 1 + slack


def _univariate_exact(coeffs: dict[int, Fraction]) -> list[Value]:
    """Real roots in [0, 1] of a nonzero rational polynomial ``sum c_d t^d`` (roots: Fractions or mpf)."""
    import mpmath
    import sympy

    t = sympy.Symbol("t")
    poly = sympy.Poly.from_dict({(d,): sympy.Rational(c.numerator, c.denominator) for d, c in coeffs.items()},
                                t, domain="QQ")
    roots: list[Value] = []
    if poly.degree() <= 0:
        return roots
    _, factors = poly.factor_list()
    for factor, _ in factors:
        if factor.degree() == 1:
            a, b = factor.all_coeffs()
            root = Fraction(-sympy.Rational(b) / sympy.Rational(a))
            root = Fraction(int(sympy.Rational(root).p), int(sympy.Rational(root).q))
            if 0 <= root <= 1:
                roots.append(root)
            continue
        for (low, high), _ in factor.intervals(eps=sympy.Rational(1, 10**40), inf=0, sup=1):
            with mpmath.workdps(DIGITS):
                roots.append((mpmath.mpf(low.p) / low.q + mpmath.mpf(high.p) / high.q) / 2)
    return roots


def _univariate_numeric(coeffs: dict[int, Any], tiny: float) -> list[Value] | None:
    """Real roots in [0, 1] of a polynomial with mpmath coefficients; None if it is numerically zero."""
    import mpmath

    kept = {d: c for d, c in coeffs.items() if abs(c) > tiny}
    if not kept:
        return None
    degree = max(kept)
    if degree == 0:
        return []
    dense = [kept.get(d, mpmath.mpf(0)) for d in range(degree, -1, -1)]
    with mpmath.workdps(DIGITS):
        try:
            found = mpmath.polyroots(dense, maxsteps=400, extraprec=4 * DIGITS)
        except mpmath.libmp.NoConvergence:  # pragma: no cover - pathological clusters
            found = mpmath.polyroots(dense, maxsteps=2000, extraprec=10 * DIGITS)
    roots = []
    for root in found:
        if abs(mpmath.im(root)) < 1e-25 and _in_box(mpmath.re(root), 1e-25):
            roots.append(mpmath.re(root))
    return roots


def _level(monoms: Sequence[tuple[int, ...]]) -> int:
    """Index of the first unknown a lex-basis element involves."""
    return min(min((k for k, e in enumerate(m) if e), default=len(m)) for m in monoms)


def _triangular_solve(basis: Sequence[Any], n_vars: int) -> list[tuple[Value, ...]]:
    """Back-substitute through a zero-dimensional lex Gröbner basis; keep real points in the unit box."""
    import mpmath

    terms_by_level: dict[int, list[list[tuple[tuple[int, ...], Fraction]]]] = {}
    for poly in basis:
        terms = [(m, Fraction(int(c.numerator), int(c.denominator))) for m, c in poly.terms()]
        terms_by_level.setdefault(_level([m for m, _ in terms]), []).append(terms)
    partial: list[dict[int, Value]] = [{}]
    for k in range(n_vars - 1, -1, -1):
        extended: list[dict[int, Value]] = []
        for values in partial:
            exact = all(isinstance(v, Fraction) for v in values.values())
            univariates = []
            magnitudes = []
            for terms in terms_by_level.get(k, []):
                coeffs: dict[int, Any] = {}
                size: Any = 0
                with mpmath.workdps(DIGITS):
                    for monom, c in terms:
                        term: Any = c if exact else mpmath.mpf(c.numerator) / c.denominator
                        for j in range(k + 1, n_vars):
                            if monom[j]:
                                term = term * values[j] ** monom[j]
                        coeffs[monom[k]] = coeffs.get(monom[k], 0) + term
                        if not exact:
                            size += abs(term)
                univariates.append(coeffs)
                magnitudes.append(size)
            roots: list[Value] = []
            if exact:
                nonzero = [{d: c for d, c in u.items() if c} for u in univariates]
                nonzero = [u for u in nonzero if u]
                if any(set(u) == {0} for u in nonzero):
                    continue  # a nonzero constant: this partial solution does not extend
                if nonzero:
                    roots = _common_exact_roots(nonzero)
            else:
                with mpmath.workdps(DIGITS):
                    candidates: list[tuple[int, list[Value]]] = []
                    for u, size in zip(univariates, magnitudes):
                        found = _univariate_numeric(u, 1e-40 * max(size, 1))
                        if found is not None:
                            candidates.append((max(d for d, c in u.items() if abs(c) > 1e-40 * max(size, 1)),
                                               found))
                    if not candidates:
                        continue
                    candidates.sort(key=lambda item: item[0])
                    for root in candidates[0][1]:
                        if all(abs(sum(c * root**d for d, c in u.items())) <= 1e-25 * max(size, 1)
                               for u, size in zip(univariates, magnitudes)):
                            roots.append(root)
            for root in roots:
                extended.append({**values, k: root})
        partial = extended
        if not partial:
            return []
    return [tuple(values[k] for k in range(n_vars)) for values in partial]


def _common_exact_roots(univariates: Sequence[dict[int, Fraction]]) -> list[Value]:
    """Real roots in [0, 1] shared by rational univariate polynomials (roots of their gcd)."""
    import sympy

    t = sympy.Symbol("t")
    polys = [sympy.Poly.from_dict({(d,): sympy.Rational(c.numerator, c.denominator) for d, c in u.items()},
                                  t, domain="QQ") for u in univariates]
    common = polys[0]
    for other in polys[1:]:
        common = common.gcd(other)
    if common.degree() <= 0:
        return []
    coeffs = {d: Fraction(int(c.p), int(c.q)) for (d,), c in common.terms()}
    return _univariate_exact(coeffs)


def _free_variable(basis: Sequence[Any], n_vars: int) -> int | None:
    """An unknown with no pure power among the leading monomials (free in the solution set)."""
    bounded = set()
    for poly in basis:
        lead = poly.monoms(order="grevlex")[0]
        used = [k for k, e in enumerate(lead) if e]
        if len(used) == 1:
            bounded.add(used[0])
    free = [k for k in range(n_vars) if k not in bounded]
    return free[-1] if free else None


def _counted_grevlex(budget: Any) -> Any:
    """Graded reverse lex whose every comparison key is counted against ``budget`` (a WorkBudget).

    SymPy's Buchberger algorithm and FGLM take a leading term by these keys at each step of a
    reduction, so their count measures the Gröbner route's work; the keys are those of SymPy's
    ``grevlex``, so the bases computed are the same.  The class is made per call: SymPy tells
    orders apart by their class.
    """
    from sympy.polys.orderings import ReversedGradedLexOrder

    class CountedGrevlex(ReversedGradedLexOrder):
        def __call__(self, monomial: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
            budget.spend()
            return super().__call__(monomial)  # type: ignore[no-any-return]

    return CountedGrevlex()


def solve_system(polys: Sequence[Poly], n_vars: int, depth: int = 0, budget: Any = None) -> SystemSolution:
    """All real solutions in the unit box of a square polynomial system with rational coefficients.

    ``budget`` (a :class:`~trigame.budget.WorkBudget` of monomial comparisons, optional) counts
    the Gröbner bases' work and raises :class:`~trigame.errors.BudgetExceededError` past its limit.

    Examples
    --------
    >>> sol = solve_system([{(1, 0): 1, (0, 1): 1, (0, 0): -1}, {(1, 1): 9, (0, 0): -2}], 2)
    >>> sorted(sol.points)  # x + y = 1, 9xy = 2
    [(Fraction(1, 3), Fraction(2, 3)), (Fraction(2, 3), Fraction(1, 3))]
    """
    import sympy

    result = SystemSolution()
    if n_vars == 0:
        if all(not p or set(p.values()) == {0} for p in polys):
            result.points.append(())
        return result
    polys = [p for p in polys if any(p.values())]
    if any(set(p) == {(0,) * n_vars} for p in polys):
        return result  # a nonzero constant equation
    if not polys:
        basis: list[Any] = []
        zero_dim = False
    else:
        sym, gens = _to_sympy(polys, n_vars)
        order = "grevlex" if budget is None else _counted_grevlex(budget)
        grevlex = sympy.groebner(sym, *gens, order=order, domain="QQ")
        if grevlex.exprs == [1]:
            return result
        zero_dim = grevlex.is_zero_dimensional
        basis = list(grevlex.polys)
        if zero_dim:
            lex = grevlex.fglm("lex") if n_vars > 1 else grevlex
            result.points = _triangular_solve(lex.polys, n_vars)
            return result
    result.positive_dimensional = True
    free = _free_variable(basis, n_vars)
    if free is None or depth >= MAX_SLICES:
        result.undecided = True
        return result
    for value in SAMPLES:
        sliced = [_substitute(p, free, value) for p in polys]
        inner = solve_system(sliced, n_vars - 1, depth + 1, budget)
        result.undecided |= inner.undecided
        for point in inner.points:
            result.points.append((*point[:free], value, *point[free:]))
    return result


def _substitute(poly: Poly, k: int, value: Fraction) -> dict[tuple[int, ...], Any]:
    """Set unknown ``k`` to ``value`` and drop it from the exponent tuples (coefficients stay rational)."""
    out: dict[tuple[int, ...], Any] = {}
    for monom, c in poly.items():
        key = monom[:k] + monom[k + 1:]
        out[key] = out.get(key, 0) + Fraction(c) * value ** monom[k]
    return {m: c for m, c in out.items() if c}
