"""The float-filtered signs of many atoms at once agree with exact evaluation, atom by atom."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.statics.decision.polynomials import _pmul, poly_sign
from trigame.statics.decision.signs import AtomSigns

N = 3
fractions = st.fractions(min_value=-5, max_value=5, max_denominator=7)
#: magnitudes from far below the smallest float to far above the largest (scaled by 10**±e, e up to 420)
scaled = st.builds(lambda f, e: f * Fraction(10) ** e, fractions, st.integers(-420, 420))
monomials = st.tuples(*[st.integers(0, 3)] * N)
polys = st.dictionaries(monomials, fractions.filter(bool), min_size=1, max_size=5)
wide_polys = st.dictionaries(monomials, st.one_of(fractions, scaled).filter(bool), min_size=1, max_size=5)


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


def _exact_zeros(atoms: list, point: tuple) -> list[int]:
    return [k for k, p in enumerate(atoms) if poly_sign(p, point) == 0]


def test_a_term_that_underflows_beside_a_huge_factor_is_evaluated_exactly() -> None:
    # each atom is exactly 0 at its point, and a float term underflows on the way (the float value is -c != 0):
    # 10**300 x**3 - 10**-150 at x = 10**-150 (x**3 = 10**-450 underflows to 0);
    # 10**-320 x**5 - 10**-20 at x = 10**60 (the coefficient is subnormal: 3 digits of precision);
    # 10**300 x - 10**-100 at x = 10**-400 (x converts to 0.0)
    cases: list[tuple[dict, Fraction]] = [
        ({(3,): Fraction(10**300), (0,): -Fraction(1, 10**150)}, Fraction(1, 10**150)),
        ({(5,): Fraction(1, 10**320), (0,): -Fraction(1, 10**20)}, Fraction(10**60)),
        ({(1,): Fraction(10**300), (0,): -Fraction(1, 10**100)}, Fraction(1, 10**400))]
    for atom, x in cases:
        signs = AtomSigns([atom], 1)
        assert signs.zeros((x,)) == [0]
        assert signs.signs((x,)) == {0: 0}


def test_numbers_above_the_largest_float_are_evaluated_exactly() -> None:
    # x - 10**400 at x = 10**400, and 10**400 x - 1 at x = 10**-400: float() of either number overflows
    cases: list[tuple[dict, Fraction]] = [({(1,): Fraction(1), (0,): -Fraction(10**400)}, Fraction(10**400)),
                                          ({(1,): Fraction(10**400), (0,): Fraction(-1)}, Fraction(1, 10**400))]
    for atom, x in cases:
        signs = AtomSigns([atom], 1)
        assert signs.zeros((x,)) == [0]
        assert signs.signs((x,)) == {0: 0}


@settings(max_examples=60, deadline=None)
@given(st.lists(wide_polys, min_size=1, max_size=6), st.tuples(*[st.one_of(fractions, scaled)] * N), st.data())
def test_signs_equal_exact_evaluation_at_any_magnitude(atoms: list, point: tuple, data: st.DataObject) -> None:
    atoms = [_through(point, p) if data.draw(st.booleans()) else p for p in atoms]
    # an atom exactly 0 at the point whose two terms differ by many orders of magnitude in their factors
    atoms.append({(3, 0, 0): Fraction(1), (0, 0, 0): -point[0] ** 3})
    # registered one by one between calls: the matrices grow and must agree with a fresh compilation
    registry: list = []
    signs = AtomSigns(registry, N)
    for p in atoms:
        registry.append(p)
        assert signs.zeros(point) == _exact_zeros(registry, point)
    assert signs.signs(point) == {k: poly_sign(p, point) for k, p in enumerate(atoms)}


def test_a_high_power_of_a_rounded_coordinate_is_not_trusted() -> None:
    # x**(2**27) - C at x = 1 + 1/(3 * 2**26): rounding x to a float costs 2**27 u ~ 1.5e-8 relative error in
    # x**(2**27), above TRUST.  The float power is 1.94773401848..., the exact one 1.94773403782... (mpmath,
    # 200 bits); C = 1.94773403 lies between, so the exact sign is +1 while the float says -1.  Exact
    # evaluation of this power is too large to run here: the atom must not be trusted (it goes to poly_sign).
    import mpmath

    e, x, c = 2**27, 1 + Fraction(1, 3 * 2**26), Fraction(194773403, 10**8)
    with mpmath.workprec(200):
        assert mpmath.power(mpmath.mpf(x.numerator) / x.denominator, e) > mpmath.mpf(c.numerator) / c.denominator
    signs = AtomSigns([{(e,): Fraction(1), (0,): -c}], 1)
    assert not signs._float_signs((x,))[1][0]
    # the same power at a small degree is trusted (the limit does not send every atom to the exact path)
    assert AtomSigns([{(5,): Fraction(1), (0,): -c}], 1)._float_signs((x,))[1][0]


def test_growing_the_atoms_grows_only_the_rows() -> None:
    # atoms over the same two monomials (x and 1): the rows double as atoms come, the monomial columns stay 2
    atoms: list = [{(1,): Fraction(1), (0,): Fraction(-1)}]
    signs = AtomSigns(atoms, 1)
    point = (Fraction(1, 2),)
    for k in range(2, 6):
        atoms.append({(1,): Fraction(1), (0,): Fraction(-k)})
        assert signs.signs(point) == {j: -1 for j in range(k)}
    assert signs._arrays[0].shape == (8, 2)  # 1 -> 2 -> 4 -> 8 rows
