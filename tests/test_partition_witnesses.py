"""A partition leaf's witness lies off the zero set of every atom the leaf does not pin to zero
(trigame.statics.decision.partition)."""

from __future__ import annotations

from fractions import Fraction

import sympy

from trigame.statics.decision import Space
from trigame.statics.decision.polynomials import poly_sign

F = Fraction


def test_leaf_witness_moved_off_one_zero_set_avoids_the_others():
    # On [0, 1]^2 with atoms x - y and x - 3/4, the leaf's point (1/4, 1/4) lies on x = y, which the leaf does
    # not pin.  Moving x by 1/2 gives (3/4, 1/4): off x = y but on x = 3/4, which no witness of the leaf may be
    # on either; a move by 1/8 gives (3/8, 1/4), where x - y = 1/8 and x - 3/4 = -3/8 are both nonzero.
    from trigame.statics.decision.partition import _generic

    x, y = sympy.symbols("x y", real=True)
    unit = (0, False, 1, False)
    space = Space((x, y), {x: unit, y: unit})
    space.dnf(sympy.And(x - y > 0, x - sympy.Rational(3, 4) > 0))  # registers both atoms
    assert len(space.atoms) == 2
    point = (F(1, 4), F(1, 4))
    witness, verdict = _generic(space, {}, point, True)
    assert verdict is True
    assert all(poly_sign(atom, witness) != 0 for atom in space.atoms)
    assert all(0 <= v <= 1 for v in witness)
