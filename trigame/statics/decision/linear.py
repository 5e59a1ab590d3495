"""Proving a conjunction of polynomial sign conditions empty: a linear relaxation, decided by Fourier--Motzkin.

Every monomial of degree >= 2 becomes a fresh variable, constrained by what the domains imply: its sign, its
range by interval arithmetic, McCormick's envelope for a bilinear term (McCormick 1976), tangents and the
secant of a convex power, and products of the clause's linear conditions with bound factors (the first
level of the reformulation--linearisation technique, Sherali and Adams 1990).  The relaxation holds at
least every point of the clause, so when it is empty the clause is empty; when the clause is linear, the
relaxation is exact.  It is decided exactly over ``Fraction`` by Fourier--Motzkin elimination (Motzkin
1936), which gives up (answer: unknown) rather than pass :data:`FM_LIMIT` inequalities.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.boxes import _Box
from trigame.statics.decision.polynomials import Bounds, Poly, _pmul

#: Largest number of inequalities Fourier--Motzkin may hold before it gives up (answer: unknown).
FM_LIMIT = 3000


def _relaxation(box: _Box) -> tuple[tuple[list[Any], list[Any]], bool]:
    """Linear constraints implied by the clause and the domains; and whether they are exactly the clause.

    Returns ``((equalities, inequalities), exact)`` in the form :func:`_fourier_motzkin` takes; the monomials
    of degree >= 2 are numbered after the parameters.
    """
    n = len(box.bounds)
    monomials: dict[tuple[int, ...], int] = {}
    equalities: list[tuple[dict[int, Fraction], Fraction]] = []
    inequalities: list[tuple[dict[int, Fraction], Fraction, bool]] = []
    exact = True

    def linearise(p: Poly) -> tuple[dict[int, Fraction], Fraction]:
        coeffs: dict[int, Fraction] = {}
        const = Fraction(0)
        for m, c in p.items():
            degree = sum(m)
            if degree == 0:
                const += c
            elif degree == 1:
                coeffs[m.index(1)] = coeffs.get(m.index(1), Fraction(0)) + c
            else:
                if m not in monomials:
                    monomials[m] = n + len(monomials)
                v = monomials[m]
                coeffs[v] = coeffs.get(v, Fraction(0)) + c
        return coeffs, const

    bounds = box.bounds
    for v, value in box.pinned.items():  # the pinning equation itself is kept
        equalities.append(({v: Fraction(1)}, -value))
    for p, signs in [*box.constraints, *_products(box)]:
        if any(sum(m) > 1 for m in p):
            exact = False
        coeffs, const = linearise(p)
        if signs == {0}:
            equalities.append((coeffs, const))
        elif signs == {-1, 1}:
            exact = False  # p != 0 is not convex; it is checked by the witness
        else:
            positive = 1 in signs
            strict = 0 not in signs
            scale = Fraction(1 if positive else -1)
            inequalities.append(({v: scale * c for v, c in coeffs.items()}, scale * const, strict))
    for v, (lo, lo_open, hi, hi_open) in enumerate(bounds):
        if lo is not None:
            inequalities.append(({v: Fraction(1)}, -lo, lo_open))
        if hi is not None:
            inequalities.append(({v: Fraction(-1)}, hi, hi_open))
    for m, v in monomials.items():
        inequalities.extend(_monomial_bounds(m, v, bounds))
    return (equalities, inequalities), exact


def _monomial_bounds(m: tuple[int, ...], v: int, bounds: Sequence[Bounds]
                     ) -> list[tuple[dict[int, Fraction], Fraction, bool]]:
    """Valid linear bounds on a monomial variable ``y = x^m`` on the box ``bounds``.

    Its sign; its range by interval arithmetic; McCormick's envelope for a bilinear term; for a power
    ``x_i^e`` convex on the box (``e`` even, or ``x_i >= 0``), tangents ``y >= a^e + e a^(e-1) (x_i - a)``
    and, on a bounded interval, the secant from above.
    """
    out: list[tuple[dict[int, Fraction], Fraction, bool]] = []
    lows = [bounds[i][0] for i, e in enumerate(m) if e]
    nonnegative = all(lo is not None and lo >= 0 for lo in lows) or all(e % 2 == 0 for e in m)
    positive = all(
        lo is not None and (lo > 0 or (lo == 0 and bounds[i][1])) for i, lo in
        ((i, bounds[i][0]) for i, e in enumerate(m) if e)
    )
    if positive:
        out.append(({v: Fraction(1)}, Fraction(0), True))
    elif nonnegative:
        out.append(({v: Fraction(1)}, Fraction(0), False))
    low, high = _monomial_range(m, bounds)
    if low is not None:
        out.append(({v: Fraction(1)}, -low, False))
    if high is not None:
        out.append(({v: Fraction(-1)}, high, False))
    used = [i for i, e in enumerate(m) if e]
    if len(used) == 1 and m[used[0]] >= 2:
        (i,) = used
        e = m[i]
        li, _, ui, _ = bounds[i]
        if e % 2 == 0 or (li is not None and li >= 0):
            points = {a for a in (li, ui) if a is not None}
            if li is not None and ui is not None:
                points.add((li + ui) / 2)
            elif li is not None:
                points.update((li + 1, 2 * li + 1))
            elif ui is not None:
                points.add(ui - 1)
            else:
                points.update((Fraction(0), Fraction(1), Fraction(-1)))
            for a in points:  # y - e a^(e-1) x + (e-1) a^e >= 0
                out.append(({v: Fraction(1), i: -e * a ** (e - 1)}, (e - 1) * a**e, False))
            if li is not None and ui is not None and ui > li:
                slope = (ui**e - li**e) / (ui - li)
                out.append(({v: Fraction(-1), i: slope}, li**e - slope * li, False))
    if len(used) == 2 and all(m[i] == 1 for i in used):
        (i, j) = used
        (li, _, ui, _), (lj, _, uj, _) = bounds[i], bounds[j]
        # y = x_i x_j: (x_i - l_i)(x_j - l_j) >= 0, (u_i - x_i)(u_j - x_j) >= 0, (x_i - l_i)(u_j - x_j) >= 0, ...
        if li is not None and lj is not None:
            out.append(({v: Fraction(1), i: -lj, j: -li}, li * lj, False))
        if ui is not None and uj is not None:
            out.append(({v: Fraction(1), i: -uj, j: -ui}, ui * uj, False))
        if li is not None and uj is not None:
            out.append(({v: Fraction(-1), i: uj, j: li}, -li * uj, False))
        if ui is not None and lj is not None:
            out.append(({v: Fraction(-1), i: lj, j: ui}, -ui * lj, False))
    return out


def _times(a: Fraction | float, b: Fraction | float) -> Fraction | float:
    """Product in the extended reals, with 0 * inf = 0 (the bound an endpoint 0 gives)."""
    return Fraction(0) if a == 0 or b == 0 else a * b


def _monomial_range(m: tuple[int, ...], bounds: Sequence[Bounds]) -> tuple[Fraction | None, Fraction | None]:
    """Closed bounds of ``x^m`` on the box by interval arithmetic (None: unbounded)."""
    inf = float("inf")
    low: Fraction | float = Fraction(1)
    high: Fraction | float = Fraction(1)
    for i, e in enumerate(m):
        if not e:
            continue
        lower, upper = bounds[i][0], bounds[i][2]
        lo: Fraction | float = -inf if lower is None else lower
        hi: Fraction | float = inf if upper is None else upper
        ends = [lo**e if abs(lo) != inf else (inf if e % 2 == 0 else -inf),
                hi**e if abs(hi) != inf else inf]
        p_lo: Fraction | float
        p_hi: Fraction | float
        if e % 2 == 0 and lo < 0 < hi:
            p_lo, p_hi = Fraction(0), max(ends)
        else:
            p_lo, p_hi = min(ends), max(ends)
        products = [_times(x, y) for x in (low, high) for y in (p_lo, p_hi)]
        low, high = min(products), max(products)
    return (None if low == -inf else Fraction(low)), (None if high == inf else Fraction(high))


def _products(box: _Box) -> list[tuple[Poly, frozenset[int]]]:
    """Products of the clause's linear conditions with bound factors, for the quadratic terms it contains.

    For each monomial ``x_i x_j`` (or ``x_i^2``) of a nonlinear condition and each linear condition ``L`` in
    ``x_i``, ``L (x_j - l_j)`` and ``L (u_j - x_j)`` have the sign of ``L`` (the reformulation--linearisation
    technique of Sherali and Adams, first level): e.g. ``a >= c`` and ``k >= 0`` give ``a k >= c k``, which
    the linear relaxation needs to see that ``c g >= a k``, ``g < k``, ``c > 0`` is empty.
    """
    n = len(box.bounds)
    zero = tuple(0 for _ in range(n))
    linear = [(p, s) for p, s in box.constraints if all(sum(m) <= 1 for m in p) and s != {-1, 1}]
    pairs: set[tuple[int, int]] = set()
    for p, _ in box.constraints:
        for m in p:
            if sum(m) == 2:
                used = [i for i, e in enumerate(m) if e]
                i, j = (used[0], used[0]) if len(used) == 1 else used
                pairs.update(((i, j), (j, i)))
    out: list[tuple[Poly, frozenset[int]]] = []
    seen: set[tuple[Any, ...]] = set()
    for i, j in sorted(pairs):
        lo, lo_open, hi, hi_open = box.bounds[j]
        unit = tuple(1 if k == j else 0 for k in range(n))
        factors = []
        if lo is not None:
            factors.append(({unit: Fraction(1), zero: -lo} if lo else {unit: Fraction(1)}, lo_open))
        if hi is not None:
            factors.append(({unit: Fraction(-1), zero: hi} if hi else {unit: Fraction(-1)}, hi_open))
        for p, signs in linear:
            if not any(m[i] for m in p):
                continue
            if signs == {0}:
                product = _pmul(p, {unit: Fraction(1)})
                key: tuple[Any, ...] = tuple(sorted(product.items()))
                if key not in seen:
                    seen.add(key)
                    out.append((product, frozenset({0})))
                continue
            for factor, strict in factors:
                product = _pmul(p, factor)
                # sign(L) in signs and factor >= 0 (> 0 when strict): the product keeps L's side of zero
                allowed = frozenset(signs) if strict else frozenset(signs) | {0}
                key = (tuple(sorted(product.items())), allowed)
                if product and key not in seen:
                    seen.add(key)
                    out.append((product, allowed))
    return out


def _normalise(coeffs: dict[int, Fraction], const: Fraction) -> tuple[tuple[tuple[int, Fraction], ...], Fraction]:
    first = abs(coeffs[min(coeffs)])
    return tuple(sorted((v, c / first) for v, c in coeffs.items())), const / first


def _fourier_motzkin(equalities: list[tuple[dict[int, Fraction], Fraction]],
                     inequalities: list[tuple[dict[int, Fraction], Fraction, bool]]) -> bool | None:
    """Whether ``{x : a.x + c = 0, b.x + d >= 0 (or > 0)}`` is nonempty, exactly (None: too large to decide)."""
    equalities = [(dict(c), k) for c, k in equalities]
    system = [(dict(c), k, s) for c, k, s in inequalities]
    while equalities:
        coeffs, const = equalities.pop()
        coeffs = {v: c for v, c in coeffs.items() if c}
        if not coeffs:
            if const != 0:
                return False
            continue
        var, a = min(coeffs.items())

        def substitute(c2: dict[int, Fraction], k2: Fraction, var: int = var, a: Fraction = a,
                       coeffs: dict[int, Fraction] = coeffs, const: Fraction = const
                       ) -> tuple[dict[int, Fraction], Fraction]:
            b = c2.get(var)
            if not b:
                return c2, k2
            f = b / a
            new = {v: c for v, c in c2.items() if v != var}
            for v, c in coeffs.items():
                if v != var:
                    value = new.get(v, Fraction(0)) - f * c
                    if value:
                        new[v] = value
                    else:
                        new.pop(v, None)
            return new, k2 - f * const

        equalities = [substitute(c, k) for c, k in equalities]
        system = [(*substitute(c, k), s) for c, k, s in system]
    while True:
        tight: dict[tuple[tuple[int, Fraction], ...], tuple[Fraction, bool]] = {}
        for coeffs, const, strict in system:
            coeffs = {v: c for v, c in coeffs.items() if c}
            if not coeffs:
                if const < 0 or (strict and const == 0):
                    return False
                continue
            key, k = _normalise(coeffs, const)
            old = tight.get(key)
            if old is None or k < old[0] or (k == old[0] and strict and not old[1]):
                tight[key] = (k, strict)
        if not tight:
            return True
        if len(tight) > FM_LIMIT:
            return None
        rows = [(dict(key), k, s) for key, (k, s) in tight.items()]
        variables = {v for c, _, _ in rows for v in c}
        var = min(variables, key=lambda v: sum(1 for c, _, _ in rows if c.get(v, 0) > 0)
                  * sum(1 for c, _, _ in rows if c.get(v, 0) < 0))
        upper = [r for r in rows if r[0].get(var, 0) < 0]
        lower = [r for r in rows if r[0].get(var, 0) > 0]
        if len(lower) * len(upper) > FM_LIMIT:  # the step alone would pass the budget: undecided, not slow
            return None
        system = [r for r in rows if var not in r[0]]
        for (cl, kl, sl), (cu, ku, su) in itertools.product(lower, upper):
            a, b = cl[var], -cu[var]
            coeffs = {v: b * cl.get(v, 0) + a * cu.get(v, 0) for v in set(cl) | set(cu) if v != var}
            system.append((coeffs, b * kl + a * ku, sl or su))
