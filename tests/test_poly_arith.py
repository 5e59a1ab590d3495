"""The polynomial method's arithmetic pinned against plain references.

* the corner values of the whole box (:meth:`_Multilinear.full_corners`), including classes
  stacked together (polynomials over different unknowns evaluated in one pass), equal the
  polynomials evaluated monomial by monomial at each corner;
* the reduced row echelon form computed in integers (``_poly_linear._rref``) equals Gauss--Jordan
  elimination in Fractions written out here, on random and rank-deficient matrices;
* the shared exact rank (``_poly_linear.rank``) equals SymPy's.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests._gauss_jordan import gauss_jordan
from trigame.solve.nash._poly_linear import _rref, rank
from trigame.solve.nash._poly_multilinear import _Multilinear
from trigame.solve.nash._poly_system import deviation_system, indifference_system

SHAPES = [(2, 2, 2), (2, 2, 2, 2), (3, 3, 3), (3, 2, 2, 2), (2, 2, 2, 2, 2)]


def _support(rng: np.random.Generator, shape: tuple[int, ...]) -> list[list[int]]:
    # every player mixes (at least two strategies): the systems of the box search
    return [sorted(rng.choice(m, size=int(rng.integers(2, m + 1)), replace=False).tolist()) for m in shape]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(SHAPES))
def test_whole_box_corner_values_equal_the_polynomials(seed: int, shape: tuple[int, ...]) -> None:
    # corner c of the whole box sets unknown order[t] to hi when bit t of c is set, where order lists
    # the last player's unknowns first (the module's convention); the value there is the polynomial's
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 1000, size=(len(shape), *shape))
    support = _support(rng, shape)
    polys, layout = indifference_system(payoffs, support)
    deviations = deviation_system(payoffs, support, [list(range(m)) for m in shape])
    d = layout.n_vars
    order = [k for g in reversed(layout.variables) for k in g]
    for rows_of in ([polys, polys], [deviations or [{}], deviations or [{}]]):
        if len(rows_of[0]) != d:
            continue  # full_corners is for square systems
        system = _Multilinear(rows_of, d, layout.variables)
        count = 2
        lo = rng.uniform(-0.01, 0.9, size=(count, d))
        hi = lo + rng.uniform(1e-3, 0.1, size=(count, d))
        owner = np.array([0, 1])
        whole = system.full_corners(system.corner_values(lo, hi, owner))
        for b in range(count):
            for c in range(2**d):
                point = np.empty(d)
                for t, k in enumerate(order):
                    point[k] = hi[b, k] if (c >> t) & 1 else lo[b, k]
                direct = system.values(point[None, None, :], owner[b:b + 1])[0, 0]
                scale = np.abs(system.coeffs[owner[b]]).sum() + 1
                assert np.allclose(whole[b, :, c], direct, rtol=0, atol=1e-12 * scale)


_ENTRIES = st.sampled_from([Fraction(0)] * 4 + [Fraction(v) for v in (1, -1, 2, -3, 7, 1000)]
                           + [Fraction(1, 2), Fraction(-2, 3), Fraction(5, 7)])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5), st.integers(0, 5), st.data())
def test_integer_rref_equals_fraction_gauss_jordan(n_cols: int, n_rows: int, data: st.DataObject) -> None:
    rows = [[data.draw(_ENTRIES) for _ in range(n_cols + 1)] for _ in range(n_rows)]
    if n_rows >= 2 and data.draw(st.booleans()):  # rank-deficient: a combination of two rows
        factor = data.draw(_ENTRIES)
        rows[-1] = [a + factor * b for a, b in zip(rows[0], rows[1])]
    mine, pivots = _rref(rows, n_cols)
    reference, expected = gauss_jordan(rows, n_cols)
    assert pivots == expected
    assert mine[:len(pivots)] == reference[:len(pivots)]
    for k in range(len(pivots), n_rows):  # below the pivots: zero coefficients, right-hand sides zero alike
        assert not any(mine[k][:n_cols]) and (mine[k][n_cols] != 0) == (reference[k][n_cols] != 0)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.integers(0, 5), st.data())
def test_exact_rank_equals_sympy(n_cols: int, n_rows: int, data: st.DataObject) -> None:
    sympy = pytest.importorskip("sympy")
    rows = [[data.draw(_ENTRIES) for _ in range(n_cols)] for _ in range(n_rows)]
    if n_rows >= 3 and data.draw(st.booleans()):
        rows[2] = [a - b for a, b in zip(rows[0], rows[1])]
    matrix = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in rows])
    expected = matrix.rank() if rows else 0
    assert rank(rows) == expected


def test_exact_rank_of_large_integers_divides_exactly() -> None:
    # det = (2^60 + 1)(2^60 - 1) - 2^120 = -1: rank 2 (a float quotient 2^60 / (2^60 + 1) rounds to 1
    # and cancels the second row to zero)
    assert rank([[2**60 + 1, 2**60], [2**60, 2**60 - 1]]) == 2
    assert rank([[2**60 + 1, 2**60], [2 * (2**60 + 1), 2**61]]) == 1
