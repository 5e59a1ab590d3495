"""Sign conditions on polynomials in one parameter, decided exactly by real-root isolation.

The real roots of all the polynomials are isolated in disjoint rational intervals (SymPy's ``intervals``,
exact real-root isolation); the signs are constant between consecutive roots, so one rational point in each
gap and each root decide the system, and give a rational solution and the hull of the solution set.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from trigame.statics.decision.polynomials import Bounds, _sign


def _univariate(items: list[tuple[dict[int, Fraction], frozenset[int]]], bounds: Bounds
                ) -> tuple[bool, Fraction | None, Bounds] | None:
    """Decide sign conditions on polynomials in one variable exactly, on an interval.

    ``items`` are ``({degree: coefficient}, allowed signs)``.  The real roots of all the polynomials are
    isolated in disjoint rational intervals (SymPy's exact real-root isolation); the signs are constant
    between consecutive roots, so testing every root (the polynomials that vanish there are known; the
    others keep the sign they have inside its isolating interval) and one rational point of every gap
    decides the system.  Returns (nonempty, a rational solution or None, closed outer bounds of the solution
    set), or None when the isolation could not separate the roots.
    """
    import sympy

    polys = [dict(q) for q, _ in items]
    allowed = [s for _, s in items]
    lo, lo_open, hi, hi_open = bounds
    if lo is not None:
        polys.append({1: Fraction(1), 0: -lo})
        allowed.append(frozenset({1} if lo_open else {0, 1}))
    if hi is not None:
        polys.append({1: Fraction(-1), 0: hi})
        allowed.append(frozenset({1} if hi_open else {0, 1}))
    x = sympy.Dummy("x")
    sympy_polys = [sympy.Poly.from_dict({(e,): sympy.Rational(c.numerator, c.denominator) for e, c in q.items()},
                                        x, domain="QQ") for q in polys]

    def value(q: dict[int, Fraction], t: Fraction) -> Fraction:
        return sum((c * t**e for e, c in q.items()), Fraction(0))

    def rational(a: Any) -> Fraction:
        return Fraction(int(a.p), int(a.q))

    roots: list[tuple[Fraction, Fraction, set[int]]] | None = None
    for eps in (None, sympy.Rational(1, 10**4), sympy.Rational(1, 10**12)):
        found = sorted(((rational(a), rational(b), set(d)) for (a, b), d in sympy.intervals(sympy_polys, eps=eps)),
                       key=lambda r: r[0])
        separated = all(left[1] < right[0] or (left[1] == right[0] and left[0] < left[1] and right[0] < right[1])
                        for left, right in itertools.pairwise(found))
        if separated:
            roots = found
            break
    if roots is None:
        return None
    tests: list[tuple[list[int], Fraction | None, Fraction | None, Fraction | None]] = []  # signs, point, hull
    for i in range(len(roots) + 1):  # the gaps
        left = roots[i - 1] if i > 0 else None
        right = roots[i] if i < len(roots) else None
        if left is not None and right is not None:
            t = (left[1] + right[0]) / 2
        elif right is not None:
            t = right[0] - 1
        elif left is not None:
            t = left[1] + 1
        else:
            t = Fraction(0)
        signs = [_sign(value(q, t)) for q in polys]
        if 0 in signs:
            return None  # the isolation left a root outside its interval: do not guess
        tests.append((signs, t, None if left is None else left[0], None if right is None else right[1]))
    for a, b, vanish in roots:
        point: Fraction | None = a if a == b else None
        if point is None:
            for j in vanish:
                for factor, _ in sympy.factor_list(sympy_polys[j])[1]:
                    if factor.degree() == 1:
                        c1, c0 = factor.all_coeffs()
                        r = rational(-c0 / c1)
                        if a <= r <= b:
                            point = r
        inside = (a + b) / 2
        signs = [0 if j in vanish else _sign(value(q, inside)) for j, q in enumerate(polys)]
        if a < b and any(s == 0 and j not in vanish for j, s in enumerate(signs)):
            return None
        tests.append((signs, point, a, b))
    good = [t for t in tests if all(s in ok for s, ok in zip(t[0], allowed))]
    if not good:
        return False, None, bounds
    witness = next((t[1] for t in good if t[1] is not None), None)
    low = None if any(t[2] is None for t in good) else min(t[2] for t in good)  # type: ignore[type-var]
    high = None if any(t[3] is None for t in good) else max(t[3] for t in good)  # type: ignore[type-var]
    return True, witness, (low, False, high, False)
