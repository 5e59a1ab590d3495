"""The float-filtered signs of many atoms at once agree with exact evaluation, atom by atom."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.statics.decision.polynomials import _pmul, poly_sign
from trigame.statics.decision.signs import AtomSigns

N = 3
fractions = st.fractions(min_value=-5, max_value=5, max_denominator=7)
monomials = st.tuples(*[st.integers(0, 3)] * N)
polys = st.dictionaries(monomials, fractions.filter(bool), min_size=1, max_size=5)


def _through(point: tuple[Fraction, ...], p: dict) -> dict:
    """``p`` times ``x0 - point[0]`` (it vanishes at ``point``)."""
    return _pmul(p, {(1, 0, 0): Fraction(1), (0, 0, 0): -point[0]})


@settings(max_examples=60, deadline=None)
@given(st.lists(polys, min_size=1, max_size=8), st.tuples(*[fractions] * N), st.data())
def test_signs_equal_exact_evaluation(atoms: list, point: tuple, data: st.DataObject) -> None:
    # some atoms forced to vanish at the point, some nearly cancelling (x0 - point[0] - 1e-15-ish rationals)
    atoms = [_through(point, p) if data.draw(st.booleans()) else p for p in atoms]
    atoms.append({(1, 0, 0): Fraction(1), (0, 0, 0): -point[0] - Fraction(1, 10**15)})
    atoms.append({(2, 0, 0): Fraction(1), (0, 2, 0): Fraction(-1)})  # x0**2 - x1**2
    signs = AtomSigns(atoms, N)
    exact = {k: poly_sign(p, point) for k, p in enumerate(atoms)}
    assert signs.signs(point) == exact
    assert signs.zeros(point) == [k for k, s in exact.items() if s == 0]


def test_atoms_added_later_are_compiled() -> None:
    atoms = [{(1, 0): Fraction(1), (0, 0): Fraction(-1, 3)}]  # x - 1/3
    signs = AtomSigns(atoms, 2)
    point = (Fraction(1, 3), Fraction(2))
    assert signs.zeros(point) == [0]
    atoms.append({(0, 1): Fraction(1), (0, 0): Fraction(-2)})  # y - 2, registered after the first call
    atoms.append({(1, 1): Fraction(3), (0, 0): Fraction(-1)})  # 3 x y - 1 = 1 > 0
    assert signs.zeros(point) == [0, 1]
    assert signs.signs(point) == {0: 0, 1: 0, 2: 1}


def test_huge_and_tiny_coordinates_fall_back_to_exact() -> None:
    # (x - 10**300)(y) at x = 10**300: the float of x**2 overflows; the exact answer is still 0
    big = Fraction(10**300)
    atoms = [{(2, 1): Fraction(1), (1, 1): -big}, {(1, 0): Fraction(1)}, {(0, 1): Fraction(1, 10**320)}]
    signs = AtomSigns(atoms, 2)
    point = (big, Fraction(1, 10**300))
    assert signs.signs(point) == {0: 0, 1: 1, 2: 1}
