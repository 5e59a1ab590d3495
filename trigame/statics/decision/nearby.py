"""Witnesses next to a known point: one parameter moved exactly, checked exactly, before any decision procedure.

The partition (:mod:`~trigame.statics.decision.partition`) splits a node that holds a witness point ``x`` on
the sign of an atom ``p``; the child holding ``x`` needs no query, and a child asking for another sign of
``p`` often holds points next to ``x``.  Where ``p`` has degree one in a parameter ``v``, ``p(x + t e_v) =
p(x) + t c`` with ``c`` the coefficient of ``v`` at ``x``: ``t = -p(x) / c`` puts the point on ``p``'s zero set,
and ``t = -s p(x) / c`` with ``s`` in :data:`STEPS` (all above 1) past it, where ``p`` has the opposite sign.
Only parameters that no equation of the clause involves are moved (moving one would leave the equation's
zero set), and each candidate is checked against the whole clause and the domains exactly
(:meth:`~trigame.statics.decision.domain.Domain.accept`), so a point returned is a proof of nonemptiness; where
no candidate holds, the caller asks the decision procedure as before.  Small moves of one parameter also take
a leaf's witness off the zero sets of atoms the leaf does not pin to zero (:func:`off_zeros`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from trigame.statics.decision.clauses import Clause
from trigame.statics.decision.polynomials import Bounds, Poly, _compiled, _keep, _kept, _scaled_point, poly_sign

__all__ = ["near_point", "off_zeros"]

#: Multiples of ``-p(x) / c`` tried for a strict sign: past the zero set by a whole, a half and a tenth of the way.
STEPS = (Fraction(2), Fraction(3, 2), Fraction(11, 10))
#: Steps tried, each way, to move a parameter off a zero set (:func:`off_zeros`).
NUDGES = (Fraction(1, 2), Fraction(1, 8), Fraction(1, 64))


def _linear_parts(p: Poly, point: Sequence[Fraction]) -> dict[int, tuple[int, int, int, int]]:
    """``{v: (C, R, n_v, D)}`` for each parameter ``v`` of degree one in ``p``, in integers: at ``point``
    (coordinates ``n / D``), ``p = (C x_v + R) / (L D**d)`` with ``C``, ``R`` free of ``x_v`` and ``L D**d > 0``
    (see :func:`~trigame.statics.decision.polynomials.poly_sign`); only those with ``C != 0``."""
    scaled = _scaled_point(point)
    if scaled is None:
        return {}
    common, numerators = scaled
    _, terms = _compiled(p)
    out = {}
    for v in _parameters(p)[1]:
        c = r = 0
        for m, term, rest in terms:
            for i, (n, e) in enumerate(zip(numerators, m)):
                if e and i != v:
                    term *= n**e
            if m[v]:
                c += term * common ** (rest + 1)
            else:
                r += term * common**rest
        if c:
            out[v] = (c, r, numerators[v], common)
    return out


def _parameters(p: Poly) -> tuple[frozenset[int], tuple[int, ...]]:
    """The parameters ``p`` involves, and those of degree one in it, in order (kept by the polynomial's
    identity, as its integer form is)."""
    kept = _kept(_USED, id(p), p)
    if kept is None:
        degrees: dict[int, int] = {}
        for m in p:
            for v, e in enumerate(m):
                if e:
                    degrees[v] = max(degrees.get(v, 0), e)
        kept = _keep(_USED, id(p), p, (frozenset(degrees), tuple(sorted(v for v, d in degrees.items() if d == 1))),
                     _USED_LIMIT)
    return kept


def _used(p: Poly) -> frozenset[int]:
    """The parameters ``p`` involves."""
    return _parameters(p)[0]


_USED: dict[int, tuple[Poly, tuple[frozenset[int], tuple[int, ...]]]] = {}
_USED_LIMIT = 20_000


def _pinned(atoms: Sequence[Poly], clause: Clause) -> set[int]:
    """The parameters some equation of the clause involves."""
    return {v for k, signs in clause.items() if signs == {0} for v in _used(atoms[k])}


def _still_holds(literals: Sequence[tuple[Poly, frozenset[int]]], bounds: Bounds, value: Fraction,
                 candidate: tuple[Fraction, ...]) -> bool:
    """Whether the literals on atoms involving the moved parameter, and its domain, hold at ``candidate`` (the
    others keep their values from the point, which satisfies them)."""
    lo, lo_open, hi, hi_open = bounds
    if lo is not None and (value < lo or (lo_open and value == lo)):
        return False
    if hi is not None and (value > hi or (hi_open and value == hi)):
        return False
    return all(poly_sign(p, candidate) in signs for p, signs in literals)


def near_point(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause, point: Sequence[Fraction],
               k: int, accept: Callable[[Clause, tuple[Fraction, ...]], bool]) -> tuple[Fraction, ...] | None:
    """A point of ``clause`` found by moving one parameter of ``point`` (a point of the clause but for atom
    ``k``) so that atom ``k`` takes a sign the clause allows, or None.

    ``accept(clause, candidate)`` checks a candidate against the whole clause exactly (and remembers it when it
    holds); it is asked only about candidates that pass the literals the move can change.
    """
    signs = clause[k]
    pinned = _pinned(atoms, {j: s for j, s in clause.items() if j != k})
    for v, (c, r, n, common) in sorted(_linear_parts(atoms[k], point).items()):
        if v in pinned:
            continue
        value = c * n + r * common  # p at the point, times a positive number
        if not value:
            continue  # the point is on the zero set: moving along v keeps p's sign only where c does
        steps = list(STEPS) if any(s * value < 0 for s in signs) else []
        if 0 in signs:
            steps.append(Fraction(1))
        literals = [(atoms[j], s) for j, s in clause.items() if v in _used(atoms[j])]
        for step in steps:
            candidate = list(point)
            candidate[v] = point[v] - step * Fraction(value, c * common)
            moved = tuple(candidate)
            if _still_holds(literals, domain[v], candidate[v], moved) and accept(clause, moved):
                return moved
    return None


def off_zeros(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause, point: Sequence[Fraction],
              zeros: Sequence[int], accept: Callable[[Clause, tuple[Fraction, ...]], bool]
              ) -> tuple[Fraction, ...] | None:
    """A point of ``clause`` found by moving one parameter of ``point`` a little, or None: ``point`` satisfies
    the clause but for the atoms ``zeros``, on whose zero sets it lies and which the clause asks to be nonzero."""
    pinned = _pinned(atoms, clause)
    movable = sorted({v for j in zeros for v in _used(atoms[j])} - pinned)
    for v in movable:
        literals = [(atoms[j], s) for j, s in clause.items() if v in _used(atoms[j])]
        for nudge in NUDGES:
            for step in (nudge, -nudge):
                candidate = list(point)
                candidate[v] = point[v] + step
                moved = tuple(candidate)
                if _still_holds(literals, domain[v], candidate[v], moved) and accept(clause, moved):
                    return moved
    return None
