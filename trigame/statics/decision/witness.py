"""Proving a conjunction nonempty: a rational point that satisfies every sign condition exactly.

The parameters the clause pins, or whose conditions are on themselves alone, are set once (to the rational
point of their exact univariate solution set); equalities are solved for a parameter that enters them
linearly, before sampling when the coefficient is a constant and after it otherwise; the remaining
parameters are sampled in the clause's box (ends, midpoints and random rationals with small denominators,
from a seeded generator).  Every candidate is checked exactly, so a returned point is a proof.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from trigame.statics.decision.boxes import _Box
from trigame.statics.decision.clauses import Clause
from trigame.statics.decision.polynomials import (
    Bounds,
    Poly,
    _degree,
    _linear_in,
    _padd,
    _sign,
    _substitute,
    _variables,
    poly_eval,
    poly_sign,
)

#: Random points tried per witness search.
SAMPLES = 300


def _holds(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause, point: Sequence[Fraction]) -> bool:
    """Whether ``point`` satisfies ``clause`` (over ``atoms``) and the domains, exactly."""
    for v, (lo, lo_open, hi, hi_open) in enumerate(domain):
        x = point[v]
        if lo is not None and (x < lo or (lo_open and x == lo)):
            return False
        if hi is not None and (x > hi or (hi_open and x == hi)):
            return False
    return all(poly_sign(atoms[k], point) in signs for k, signs in clause.items())


def _search(clause: Clause, box: _Box, atoms: Sequence[Poly], domain: Sequence[Bounds], rng: random.Random
            ) -> tuple[Fraction, ...] | None:
    """A rational point of the domain satisfying ``clause`` exactly, or None when none was found.

    ``box`` is the clause's :class:`~trigame.statics.decision.boxes._Box`; ``rng`` draws the samples.
    """
    if box.empty:
        return None
    n = len(domain)
    zero = tuple(0 for _ in range(n))
    constraints = list(box.constraints)
    # parameters pinned by the clause, and those whose only conditions are on themselves (decided exactly,
    # with a rational point) are set once; the others are sampled in the clause's box
    solved: dict[int, Poly] = {v: {zero: value} for v, value in box.pinned.items()}
    shared = {i for p, _ in constraints if len(_variables(p)) > 1 for i in _variables(p)}
    shared |= {i for q in box.eliminated.values() for i in _variables(q)}
    for v, value in box.values.items():
        if value is not None and v not in shared:
            solved[v] = {zero: value}
    remaining = []
    for p, s in constraints:
        for v, q in solved.items():
            if any(m[v] for m in p):
                p = _substitute(p, v, q)
        if all(sum(m) == 0 for m in p):
            if _sign(p.get(zero, Fraction(0))) not in s:
                return None
            continue
        remaining.append((p, s))
    constraints = remaining
    solved.update(box.eliminated)
    # solve each equality for a variable that enters it linearly with a constant coefficient
    for _ in range(len(constraints)):
        choice = next(((p, i) for p, s in constraints if s == {0} and p
                       for i in range(n) if i not in solved and _linear_in(p, i)), None)
        if choice is None:
            break
        p, var = choice
        unit = tuple(1 if k == var else 0 for k in range(n))
        c = p[unit]
        rest = {m: -x / c for m, x in p.items() if m != unit}
        solved = {u: _substitute(q, var, rest) for u, q in solved.items()}
        solved[var] = rest
        constraints = [(_substitute(q, var, rest), s) for q, s in constraints if q is not p]
        lo, lo_open, hi, hi_open = box.bounds[var]
        if lo is not None:
            constraints.append((_padd(rest, {zero: -lo}), frozenset({1} if lo_open else {0, 1})))
        if hi is not None:
            constraints.append((_padd({zero: hi}, rest, Fraction(-1)), frozenset({1} if hi_open else {0, 1})))
    # the other equalities: each solved, after sampling, for a variable of degree 1 in it (coefficient
    # a polynomial in variables already set)
    deferred: list[tuple[int, Poly, Poly]] = []
    for q, s in constraints:
        if s != {0} or not q or all(sum(m) == 0 for m in q):
            continue
        taken = {v for v, _, _ in deferred} | set(solved)
        used = {i for _, c, r in deferred for m in (*c, *r) for i, e in enumerate(m) if e}
        target = next((i for i in range(n) if i not in taken | used and _degree(q, i) == 1), None)
        if target is None:
            return None
        coefficient = {tuple(0 if k == target else a for k, a in enumerate(m)): c for m, c in q.items() if m[target]}
        rest = {m: c for m, c in q.items() if not m[target]}
        deferred.append((target, coefficient, rest))
    fixed = set(solved) | {v for v, _, _ in deferred}
    free = [i for i in range(n) if i not in fixed]
    for attempt in range(SAMPLES):
        point = [Fraction(0)] * n
        for i in free:
            point[i] = _sample(box.bounds[i], attempt, rng)
        for var, coefficient, rest in deferred:
            c = poly_eval(coefficient, point)
            point[var] = -poly_eval(rest, point) / c if c else _sample(box.bounds[var], attempt, rng)
        for var, q in sorted(solved.items(), key=lambda item: len(_variables(item[1])) > 0):
            point[var] = poly_eval(q, point)  # constants first, then the parameters solved in terms of others
        if all(_sign(poly_eval(q, point)) in s for q, s in constraints) and _holds(atoms, domain, clause, point):
            return tuple(point)
    return None


def _sample(bounds: Bounds, attempt: int, rng: random.Random) -> Fraction:
    """A rational point of an interval: an end, the midpoint or a random rational (by ``attempt``)."""
    lo, lo_open, hi, hi_open = bounds
    scale = (1, 2, 5, 10, 50)[attempt % 5]
    denominator = rng.choice((1, 2, 3, 4, 7, 10))
    if lo is not None and hi is not None:
        if attempt % 7 == 0 and not lo_open:
            return lo
        if attempt % 7 == 1 and not hi_open:
            return hi
        if attempt % 7 == 2:
            return (lo + hi) / 2
        return lo + (hi - lo) * Fraction(rng.randint(1, 4 * denominator - 1), 4 * denominator)
    step = Fraction(rng.randint(1, 10 * denominator), denominator) * scale / 10
    if lo is not None:
        return lo + step if (lo_open or attempt % 6) else lo
    if hi is not None:
        return hi - step if (hi_open or attempt % 6) else hi
    return step * rng.choice((-1, 1)) if attempt % 6 else Fraction(0)
