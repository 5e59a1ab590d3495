"""The signs of many atoms at one rational point at once: a float filter with exact arithmetic behind it.

A regime map asks, at each cell's witness, which of several hundred atoms vanish there; exact evaluation
(:func:`~trigame.statics.decision.polynomials.poly_sign`, in integers) costs a few microseconds per atom.
:class:`AtomSigns` evaluates every atom at once in floating point (one matrix product over the atoms'
monomials) together with the sum ``S`` of the absolute values of their terms.  Where every coefficient,
coordinate, power and product of powers an atom uses is a normal float, rounding moves the computed value
by at most about ``(n + d + T + 4) u S`` (``u = 2**-53``; ``n`` parameters, total degree ``d``, ``T``
monomials: each coefficient and coordinate rounded once, each monomial's product of powers, the sum of the
terms; Higham 2002, ch. 3: a coordinate rounded once costs ``e u`` in its power ``e``, counted in ``d``), and
a term below the normal range adds at most ``2**-1074``.  With ``n + d + T + 4 <= MAX_ROUNDINGS`` (``10**6``)
both are far below ``TRUST * S`` while ``S > TINY``, so where ``|value| > TRUST * S`` the float sign is the
exact sign.  Every other atom is evaluated exactly: a zero or too close to one to tell; an atom with a
coefficient outside ``[2**-LOG_RANGE, 2**LOG_RANGE]`` or with ``n + d + T + 4 > MAX_ROUNDINGS`` (always);
and, at a point, an atom using a monomial whose float could leave the normal range on the way
(``sum e_i |log2 x_i| > LOG_RANGE``: a coordinate that overflows, underflows or is subnormal, or powers
that do) or whose ``S`` lies outside ``[TINY, HUGE]``.  The answers are those of ``poly_sign``, atom by
atom.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.polynomials import Poly, poly_sign

__all__ = ["AtomSigns"]

#: A float sign is trusted where ``|value| > TRUST * sum of |terms|`` (the rounding error is below 1e-12 of it).
TRUST = 1e-9
#: Sums of absolute terms outside ``[TINY, HUGE]`` are not trusted (underflow or overflow on the way).
TINY, HUGE = 1e-200, 1e200
#: Coefficients and monomials (every partial product of their powers) are kept within ``2**±LOG_RANGE``.
LOG_RANGE = 1000.0
#: Atoms whose rounding count ``n + d + T + 4`` exceeds this are always exact (``10**6 u`` is about 1e-10 < TRUST).
MAX_ROUNDINGS = 10**6
_FAR = 1e6  # stands for an infinite |log2| (a coordinate that overflows or converts to 0)


def _float(value: Fraction) -> float:
    """``float(value)``, with ±inf where it overflows."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


class AtomSigns:
    """The signs of a growing list of atoms at rational points (see the module docstring).

    ``atoms`` is the list itself (a :class:`~trigame.statics.decision.domain.Domain`'s registry): atoms
    appended later are compiled on the next call, into matrices that grow by doubling (each atom is
    compiled once).
    """

    def __init__(self, atoms: Sequence[Poly] = (), n: int = 0) -> None:
        self.atoms = atoms
        self.n = n
        self._compiled = 0  # how many atoms the matrices hold
        self._monomials: dict[tuple[int, ...], int] = {}
        self._arrays: Any = None  # coefficients, |coefficients|, exponents, always exact (with spare room)

    def __len__(self) -> int:
        """How many atoms are compiled (0 for a fresh one, as a pickle or a copy of a domain leaves it)."""
        return self._compiled

    def _compile(self) -> tuple[Any, Any, Any, Any]:
        """The atoms' matrices: coefficients, their magnitudes, the monomials' exponents, the atoms that are
        always evaluated exactly (a coefficient outside the float range kept, or too many roundings)."""
        import numpy as np

        rows = len(self.atoms)
        if self._compiled != rows:
            new = self.atoms[self._compiled:]
            first = len(self._monomials)
            for p in new:
                for m in p:
                    self._monomials.setdefault(m, len(self._monomials))
            cols = max(1, len(self._monomials))
            if self._arrays is None or rows > self._arrays[0].shape[0] or cols > self._arrays[0].shape[1]:
                old = self._arrays
                have = old[0].shape if old else (0, 0)  # double only a dimension that is exceeded
                shape = tuple(size if need <= size else max(need, 2 * size) for need, size in zip((rows, cols), have))
                grown = (np.zeros(shape), np.zeros(shape), np.zeros((shape[1], self.n)), np.zeros(shape[0], bool))
                if old is not None:
                    r, c = old[0].shape
                    for a, b in zip(grown[:2], old[:2]):
                        a[:r, :c] = b
                    grown[2][:c] = old[2]
                    grown[3][:r] = old[3]
                self._arrays = grown
            coefficients, magnitudes, exponents, exact = self._arrays
            for j, m in enumerate(itertools.islice(self._monomials, first, None), first):
                exponents[j] = m
            low, high = 2.0**-LOG_RANGE, 2.0**LOG_RANGE
            for k, p in enumerate(new, self._compiled):
                if self.n + max(map(sum, p), default=0) + len(p) + 4 > MAX_ROUNDINGS:
                    exact[k] = True
                for m, c in p.items():
                    value = _float(c)
                    coefficients[k, self._monomials[m]] = value
                    magnitudes[k, self._monomials[m]] = abs(value)
                    if c and not low <= abs(value) <= high:
                        exact[k] = True
            self._compiled = rows
        coefficients, magnitudes, exponents, exact = self._arrays
        cols = max(1, len(self._monomials))
        return coefficients[:rows, :cols], magnitudes[:rows, :cols], exponents[:cols], exact[:rows]

    def _float_signs(self, point: Sequence[Fraction]) -> tuple[Any, Any]:
        """Every atom's float sign at ``point`` and whether it is trusted (see the module docstring)."""
        import numpy as np

        coefficients, magnitudes, exponents, exact = self._compile()
        with np.errstate(all="ignore"):
            x = np.array([_float(v) for v in point], dtype=np.float64)
            # |log2 x_i|, 0 at an exact zero (its monomials are exactly 0), far where x_i overflowed or underflowed
            logs = np.minimum(np.abs(np.log2(np.abs(x))), _FAR)
            logs[np.array([v == 0 for v in point], dtype=bool)] = 0.0
            if self.n:
                monomials = np.prod(x**exponents, axis=1)
                wild = (exponents @ logs > LOG_RANGE).astype(np.float64)
            else:
                monomials, wild = np.ones(len(exponents)), np.zeros(len(exponents))
            values = coefficients @ monomials
            scale = magnitudes @ np.abs(monomials)
            trusted = ((np.abs(values) > TRUST * scale) & (scale > TINY) & (scale < HUGE) & np.isfinite(values)
                       & ~exact)
            if wild.any():
                trusted &= ~(magnitudes @ wild > 0)
        return np.sign(np.where(trusted, values, 0.0)).astype(np.int64), trusted

    def signs(self, point: Sequence[Fraction]) -> dict[int, int]:
        """``{atom: sign at point}`` for every atom, equal to ``poly_sign`` atom by atom."""
        if not self.atoms:
            return {}
        float_signs, trusted = self._float_signs(point)
        signs = float_signs.tolist()
        trust = trusted.tolist()
        return {k: signs[k] if trust[k] else poly_sign(p, point) for k, p in enumerate(self.atoms)}

    def zeros(self, point: Sequence[Fraction]) -> list[int]:
        """The atoms that vanish at ``point``, in index order (exactly)."""
        import numpy as np

        if not self.atoms:
            return []
        _, trusted = self._float_signs(point)
        return [int(k) for k in np.flatnonzero(~trusted) if not poly_sign(self.atoms[int(k)], point)]
