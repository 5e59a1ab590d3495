"""The signs of many atoms at one rational point at once: a float filter with exact arithmetic behind it.

A regime map asks, at each cell's witness, which of several hundred atoms vanish there; exact evaluation
(:func:`~trigame.statics.decision.polynomials.poly_sign`, in integers) costs a few microseconds per atom.
:class:`AtomSigns` evaluates every atom at once in floating point (one matrix product over the atoms'
monomials) together with the sum ``S`` of the absolute values of their terms.  Rounding moves the computed
value by at most about ``(n + d + T + 4) u S`` (``u = 2**-53``; ``n`` parameters, total degree ``d``, ``T``
monomials: each coefficient and coordinate rounded once, each monomial's product of powers, the sum of the
terms; Higham 2002, ch. 3), far below ``TRUST * S``, so where ``|value| > TRUST * S`` the float sign is the
exact sign.  Every other atom (a zero, or too close to one to tell) is evaluated exactly, as are all of
them where a float overflows or underflows.  The answers are those of ``poly_sign``, atom by atom.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.polynomials import Poly, poly_sign

__all__ = ["AtomSigns"]

#: A float sign is trusted where ``|value| > TRUST * sum of |terms|`` (the rounding error is below 1e-12 of it).
TRUST = 1e-9
#: Sums of absolute terms outside ``[TINY, HUGE]`` are not trusted (underflow or overflow on the way).
TINY, HUGE = 1e-200, 1e200


class AtomSigns:
    """The signs of a growing list of atoms at rational points (see the module docstring).

    ``atoms`` is the list itself (a :class:`~trigame.statics.decision.domain.Domain`'s registry): atoms
    appended later are compiled on the next call.
    """

    def __init__(self, atoms: Sequence[Poly] = (), n: int = 0) -> None:
        self.atoms = atoms
        self.n = n
        self._compiled = -1  # how many atoms the matrices hold
        self._matrices: Any = None

    def __bool__(self) -> bool:
        """Whether any atom is compiled (an emptied cache is false)."""
        return self._compiled > 0

    def _compile(self) -> Any:
        import numpy as np

        if self._compiled != len(self.atoms):
            monomials: dict[tuple[int, ...], int] = {}
            for p in self.atoms:
                for m in p:
                    monomials.setdefault(m, len(monomials))
            coefficients = np.zeros((len(self.atoms), max(1, len(monomials))))
            for k, p in enumerate(self.atoms):
                for m, c in p.items():
                    coefficients[k, monomials[m]] = float(c)
            exponents = np.array(list(monomials) or [(0,) * self.n], dtype=np.float64).reshape(-1, self.n)
            self._matrices = (coefficients, np.abs(coefficients), exponents)
            self._compiled = len(self.atoms)
        return self._matrices

    def _float_signs(self, point: Sequence[Fraction]) -> tuple[Any, Any]:
        """Every atom's float sign at ``point`` and whether it is trusted (see the module docstring)."""
        import numpy as np

        coefficients, magnitudes, exponents = self._compile()
        with np.errstate(all="ignore"):
            x = np.array([float(v) for v in point], dtype=np.float64)
            monomials = np.prod(x**exponents, axis=1) if self.n else np.ones(len(exponents))
            values = coefficients @ monomials
            scale = magnitudes @ np.abs(monomials)
            trusted = (np.abs(values) > TRUST * scale) & (scale > TINY) & (scale < HUGE) & np.isfinite(values)
        return np.sign(np.where(trusted, values, 0.0)).astype(np.int64), trusted

    def signs(self, point: Sequence[Fraction], atoms: Sequence[int] | None = None) -> dict[int, int]:
        """``{atom: sign at point}`` for ``atoms`` (default: every atom), equal to ``poly_sign`` atom by atom."""
        wanted = range(len(self.atoms)) if atoms is None else atoms
        if not self.atoms or not wanted:
            return {}
        float_signs, trusted = self._float_signs(point)
        signs = float_signs.tolist()
        trust = trusted.tolist()
        return {k: signs[k] if trust[k] else poly_sign(self.atoms[k], point) for k in wanted}

    def zeros(self, point: Sequence[Fraction]) -> list[int]:
        """The atoms that vanish at ``point``, in index order (exactly)."""
        import numpy as np

        if not self.atoms:
            return []
        _, trusted = self._float_signs(point)
        return [int(k) for k in np.flatnonzero(~trusted) if not poly_sign(self.atoms[int(k)], point)]
