"""What a clause implies before any elimination: its box, its pinned parameters, its solved equalities.

A clause's literals on single parameters narrow their domains; parameters it pins and equalities linear in
some parameter are substituted exactly into its other conditions; linear conditions narrow the domains
further by bound propagation (interval constraint propagation); the conditions on one parameter are
decided exactly (:mod:`~trigame.statics.decision.univariate`).  The result, a :class:`_Box`, may already
prove the clause empty, or nonempty when every condition was on one parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from trigame.statics.decision.clauses import ALL, Clause
from trigame.statics.decision.polynomials import Bounds, Poly, _linear_in, _padd, _sign, _substitute, _variables
from trigame.statics.decision.univariate import _univariate


@dataclass
class _Box:
    """What a clause implies before any elimination.

    ``bounds``: the domains narrowed by the clause's conditions on single parameters (and by the exact
    solution sets of its univariate conditions); ``pinned``: parameters the clause fixes; ``constraints``:
    its other conditions with the pinned parameters substituted; ``empty``: proved empty already;
    ``separable``: every condition involves one parameter and was decided exactly (so nonempty);
    ``values``: a rational point of each parameter's univariate solution set, when one was found;
    ``eliminated``: parameters solved from linear equalities, as polynomials in the others.
    """

    bounds: list[Bounds]
    pinned: dict[int, Fraction]
    constraints: list[tuple[Poly, frozenset[int]]]
    empty: bool
    separable: bool
    values: dict[int, Fraction | None]
    eliminated: dict[int, Poly]


def _empty_interval(bounds: Bounds) -> bool:
    """Whether the interval holds no point."""
    lo, lo_open, hi, hi_open = bounds
    return lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open)))


def _intersect(a: Bounds, b: Bounds) -> Bounds:
    """The intersection of two intervals."""
    lo, lo_open, hi, hi_open = a
    if b[0] is not None and (lo is None or b[0] > lo or (b[0] == lo and b[1])):
        lo, lo_open = b[0], b[1]
    if b[2] is not None and (hi is None or b[2] < hi or (b[2] == hi and b[3])):
        hi, hi_open = b[2], b[3]
    return lo, lo_open, hi, hi_open


def _clause_bounds(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause) -> list[Bounds]:
    """The domains narrowed by the clause's literals on single parameters (``x > b``, ``x = b`` ...)."""
    bounds = list(domain)
    for k, signs in clause.items():
        p = atoms[k]
        units = [m for m in p if sum(m) == 1]
        if len(units) != 1 or any(sum(m) > 1 for m in p) or signs in (ALL, frozenset({-1, 1})):
            continue
        v = units[0].index(1)
        a = p[units[0]]
        b = -p.get(tuple(0 for _ in units[0]), Fraction(0)) / a  # the literal is about sign(a) (x - b)
        allowed = signs if a > 0 else frozenset(-s for s in signs)
        lo, lo_open, hi, hi_open = bounds[v]
        if allowed <= {0, 1} and (lo is None or b > lo or (b == lo and 0 not in allowed)):
            lo, lo_open = b, 0 not in allowed
        if allowed <= {-1, 0} and (hi is None or b < hi or (b == hi and 0 not in allowed)):
            hi, hi_open = b, 0 not in allowed
        bounds[v] = (lo, lo_open, hi, hi_open)
    return bounds


def _narrow(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause) -> _Box:
    """The clause's box, pinned parameters and constraints; conditions on one parameter decided exactly.

    ``atoms`` are the space's atoms (the clause's keys index them) and ``domain`` the parameters' domains.
    """
    n = len(domain)
    zero = tuple(0 for _ in range(n))
    bounds = _clause_bounds(atoms, domain, clause)
    empty = any(_empty_interval(b) for b in bounds)
    pinned = {v: lo for v, (lo, _, hi, _) in enumerate(bounds) if lo is not None and lo == hi}
    constraints: list[tuple[Poly, frozenset[int]]] = []
    for k, signs in clause.items():
        if signs == ALL:
            continue
        p = atoms[k]
        for v, value in pinned.items():  # a parameter the clause pins: substitute it exactly
            if any(m[v] for m in p):
                p = _substitute(p, v, {zero: value})
        if all(sum(m) == 0 for m in p):
            empty = empty or _sign(p.get(zero, Fraction(0))) not in signs
            continue
        constraints.append((p, signs))
    # an equality linear in some parameter (constant coefficient) is solved for it and substituted exactly
    # into the other conditions, which then carry that parameter's domain (x = y and c g^2 < a x y ...)
    eliminated: dict[int, Poly] = {}
    while not empty:
        choice = next(((p, i) for p, s in constraints if s == {0} for i in sorted(_variables(p))
                       if _linear_in(p, i)), None)
        if choice is None:
            break
        p, var = choice
        unit = tuple(1 if k == var else 0 for k in range(n))
        rest = {m: -x / p[unit] for m, x in p.items() if m != unit}
        eliminated = {u: _substitute(q, var, rest) for u, q in eliminated.items()}
        eliminated[var] = rest
        lo, lo_open, hi, hi_open = bounds[var]
        moved = [(q, s) for q, s in constraints if q is not p]
        if lo is not None:
            moved.append((_padd(rest, {zero: -lo}), frozenset({1} if lo_open else {0, 1})))
        if hi is not None:
            moved.append((_padd({zero: hi}, rest, Fraction(-1)), frozenset({1} if hi_open else {0, 1})))
        constraints = []
        for q, s in moved:
            q = _substitute(q, var, rest) if any(m[var] for m in q) else q
            if all(sum(m) == 0 for m in q):
                empty = empty or _sign(q.get(zero, Fraction(0))) not in s
                continue
            constraints.append((q, s))
    values: dict[int, Fraction | None] = {}
    decided = True
    if not empty:
        empty = not _propagate(bounds, [(p, s) for p, s in constraints if all(sum(m) <= 1 for m in p)])
    if not empty:
        by_variable: dict[int, list[tuple[Poly, frozenset[int]]]] = {}
        for p, signs in constraints:
            used = _variables(p)
            if len(used) == 1:
                by_variable.setdefault(next(iter(used)), []).append((p, signs))
            else:
                decided = False
        for v, items in by_variable.items():
            result = _univariate([({m[v]: c for m, c in p.items()}, s) for p, s in items], bounds[v])
            if result is None:
                decided = False
                continue
            nonempty, point, hull = result
            if not nonempty:
                empty = True
                break
            values[v] = point
            bounds[v] = _intersect(bounds[v], hull)
    return _Box(bounds, pinned, constraints, empty, decided and not empty, values, eliminated)


def _propagate(bounds: list[Bounds], linear: list[tuple[Poly, frozenset[int]]], rounds: int = 3) -> bool:
    """Narrow ``bounds`` in place by the linear conditions (bound propagation); False when a box is empty.

    From ``sum_i a_i x_i + c >= 0`` (or ``> 0``): ``a_j x_j >= -c - sum_{i != j} max(a_i x_i)``, strict when the
    condition is strict or a bound used is open -- e.g. ``g > k_J`` and ``k_J > 0`` give ``g > 0``.
    """
    rows: list[tuple[dict[int, Fraction], Fraction, bool]] = []
    for p, signs in linear:
        coeffs = {m.index(1): c for m, c in p.items() if sum(m) == 1}
        const = next((c for m, c in p.items() if sum(m) == 0), Fraction(0))
        if signs <= {0, 1}:
            rows.append((coeffs, const, 0 not in signs))
        if signs <= {-1, 0}:
            rows.append(({v: -c for v, c in coeffs.items()}, -const, 0 not in signs))
    for _ in range(rounds):
        changed = False
        for coeffs, const, strict in rows:
            for j, a in coeffs.items():
                total, open_ = -const, strict  # a_j x_j >= total (strictly when open_)
                for i, b in coeffs.items():
                    if i == j:
                        continue
                    lo, lo_open, hi, hi_open = bounds[i]
                    end, end_open = (hi, hi_open) if b > 0 else (lo, lo_open)
                    if end is None:
                        break
                    total -= b * end
                    open_ = open_ or end_open
                else:
                    bound = total / a
                    new = (bound, open_, None, True) if a > 0 else (None, True, bound, open_)
                    narrowed = _intersect(bounds[j], new)
                    if narrowed != bounds[j]:
                        bounds[j] = narrowed
                        changed = True
                        if _empty_interval(narrowed):
                            return False
        if not changed:
            break
    return True
