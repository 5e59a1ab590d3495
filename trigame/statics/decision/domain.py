"""The space's parameters, their domains, the registry of atoms over them, and the verdicts on clauses.

An atom is a canonical non-constant polynomial (scaled so that its leading coefficient is +-1), registered
once and referred to by its index.  A clause's verdict is False when it is proved empty (its box, or its
linear relaxation decided by Fourier--Motzkin elimination), True when it is proved nonempty (the
elimination alone for linear clauses, otherwise a witness point), None when unknown; verdicts, boxes and
witnesses are cached per clause.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.boxes import _Box, _narrow
from trigame.statics.decision.clauses import Clause
from trigame.statics.decision.linear import _fourier_motzkin, _relaxation
from trigame.statics.decision.polynomials import Bounds, Poly, _sign, poly_eval
from trigame.statics.decision.witness import _holds, _search


class Domain:
    """Parameters, their domains, the registry of atoms (canonical polynomials) and the verdicts on clauses.

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The free parameters, in a fixed order.
    bounds : mapping
        ``{symbol: (lower, lower_open, upper, upper_open)}``; None = unbounded.
    """

    def __init__(self, symbols: Sequence[Any], bounds: Mapping[Any, Bounds]) -> None:
        self.symbols = tuple(symbols)
        self.index = {s: k for k, s in enumerate(self.symbols)}
        self.bounds: list[Bounds] = []
        for s in self.symbols:
            lo, lo_open, hi, hi_open = bounds.get(s, (None, True, None, True))
            self.bounds.append((None if lo is None else Fraction(lo), lo_open, None if hi is None else Fraction(hi),
                                hi_open))
        self.atoms: list[Poly] = []
        self._keys: dict[tuple[Any, ...], int] = {}
        self._cache: dict[tuple[Any, ...], bool | None] = {}
        self._witness: dict[tuple[Any, ...], tuple[Fraction, ...] | None] = {}
        self._boxes: dict[tuple[Any, ...], _Box] = {}
        self._rng = random.Random(20240517)
        #: Parameters compared with irrational real algebraic numbers (``x >= sqrt(2)``): see ``Space._algebraic``.
        self.special: set[int] = set()
        #: Atoms ``x - a`` that only separate the roots of such a comparison's minimal polynomial.
        self._separators: set[int] = set()
        self._genuine: set[int] = set()
        self._converting = False

    # ------------------------------------------------------------------ atoms
    def _atom(self, p: Poly) -> tuple[int, int]:
        """Register the canonical form of a non-constant ``p``: (atom index, sign of the scale)."""
        leading = max(p)  # a fixed monomial order
        scale = p[leading]
        canonical = {m: c / abs(scale) for m, c in p.items()}
        key = tuple(sorted(canonical.items()))
        if key not in self._keys:
            self._keys[key] = len(self.atoms)
            self.atoms.append(canonical)
        if not self._converting:
            self._genuine.add(self._keys[key])
        return self._keys[key], _sign(scale)

    def is_separator(self, k: int) -> bool:
        """Whether atom ``k`` was introduced only to locate an algebraic threshold (never a boundary itself)."""
        return k in self._separators and k not in self._genuine

    def atom_expr(self, k: int) -> Any:
        """Atom ``k`` as a SymPy expression."""
        import sympy

        total = sympy.Integer(0)
        for m, c in self.atoms[k].items():
            term = sympy.Rational(c.numerator, c.denominator)
            for s, e in zip(self.symbols, m):
                term *= s**e
            total += term
        return total

    def evaluate(self, clauses: list[Clause], point: Sequence[Fraction]) -> bool:
        """Whether the DNF holds at an exact point (the domains are not checked)."""
        signs = {}
        for clause in clauses:
            ok = True
            for k, allowed in clause.items():
                if k not in signs:
                    signs[k] = _sign(poly_eval(self.atoms[k], point))
                if signs[k] not in allowed:
                    ok = False
                    break
            if ok:
                return True
        return False

    # ------------------------------------------------------------------ verdicts
    def holds(self, clause: Clause, point: Sequence[Fraction]) -> bool:
        """Whether ``point`` satisfies ``clause`` and the domains, exactly."""
        return _holds(self.atoms, self.bounds, clause, point)

    def feasible(self, clause: Clause, prove: bool = True) -> bool | None:
        """True (a witness exists), False (proved empty on the domain) or None (unknown).

        With ``prove=False`` no witness is searched for: the answer is False when the clause is proved empty,
        True when the elimination alone proves it nonempty (linear clauses), None otherwise -- all that
        pruning and simplification need.
        """
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key not in self._cache:
            self._cache[key] = self._eliminate(clause)
        verdict = self._cache[key]
        if verdict is not None or not prove:
            return verdict
        return True if self.witness(clause) is not None else None

    def witness(self, clause: Clause) -> tuple[Fraction, ...] | None:
        """A rational point of the domain satisfying ``clause`` exactly, when one is found."""
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key not in self._witness:
            self._witness[key] = _search(clause, self._narrowed(clause), self.atoms, self.bounds, self._rng)
        return self._witness[key]

    def proved_sign(self, p: Poly) -> int | None:
        """+1 or -1 when the polynomial ``p`` is proved strictly positive (negative) on the whole domain."""
        for sign, signs in ((1, frozenset({-1, 0})), (-1, frozenset({0, 1}))):
            box = _Box(list(self.bounds), {}, [(p, signs)], False, False, {}, {})
            if _fourier_motzkin(*_relaxation(box)[0]) is False:
                return sign
        return None

    def _eliminate(self, clause: Clause) -> bool | None:
        """The verdict without a witness search: proved empty, proved nonempty, or None."""
        if any(not signs for signs in clause.values()):
            return False
        box = self._narrowed(clause)
        if box.empty:
            return False
        if box.separable:
            return True  # every condition is on one parameter, and each was decided exactly
        linear, exact = _relaxation(box)
        verdict = _fourier_motzkin(*linear)
        if verdict is False:
            return False
        return True if verdict is True and exact else None

    def _narrowed(self, clause: Clause) -> _Box:
        """The clause's box (cached): see :func:`~trigame.statics.decision.boxes._narrow`."""
        key = tuple(sorted(clause.items(), key=lambda item: item[0]))
        if key not in self._boxes:
            self._boxes[key] = _narrow(self.atoms, self.bounds, clause)
        return self._boxes[key]
