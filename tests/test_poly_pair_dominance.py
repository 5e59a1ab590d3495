"""Dominance by a mixture of two rows, decided exactly without an LP (``_poly_prune._pair_dominates``)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.solve.nash._poly_prune import _pair_dominates, dominated

rows = st.lists(st.integers(-4, 4), min_size=1, max_size=6)


def _by_breakpoints(a: list[int], b: list[int], strict: bool) -> bool:
    # Each column's margin b_k + lam (a_k - b_k) changes sign only at its zero, so the set of lam in
    # [0, 1] where the mixture dominates is a union of breakpoints (the zeros, 0 and 1) and open
    # cells between consecutive breakpoints: testing every breakpoint and every cell's midpoint decides it.
    zeros = {Fraction(0), Fraction(1)} | {Fraction(-bk, ak - bk) for ak, bk in zip(a, b) if ak != bk}
    points = sorted(p for p in zeros if 0 <= p <= 1)
    candidates = points + [(p + q) / 2 for p, q in itertools.pairwise(points)]
    for lam in candidates:
        margins = [bk + lam * (ak - bk) for ak, bk in zip(a, b)]
        if all(m > 0 for m in margins) if strict else all(m >= 0 for m in margins) and any(m > 0 for m in margins):
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(st.data(), st.booleans())
def test_pair_dominance_equals_the_breakpoint_check(data: st.DataObject, strict: bool) -> None:
    a = data.draw(rows)
    b = data.draw(st.lists(st.integers(-4, 4), min_size=len(a), max_size=len(a)))
    assert _pair_dominates(a, b, strict) == _by_breakpoints(a, b, strict)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.booleans())
def test_three_row_dominance_equals_the_breakpoint_check(seed: int, columns: int, strict: bool) -> None:
    # dominated() on three rows: pure dominance first, then the exact pair test (no LP); the answer is
    # whether some mixture of rows 1 and 2 (pure ones included) dominates row 0
    rng = np.random.default_rng(seed)
    table = rng.integers(0, 4, size=(3, columns))
    if rng.random() < 0.5:  # row 0 near the mean of the others: dominance by a mixture only, or ties
        table[0] = (table[1] + table[2]) // 2 - int(rng.integers(0, 2))
    a, b = (table[1] - table[0]).tolist(), (table[2] - table[0]).tolist()
    assert dominated(table, 0, strict=strict, use_lp=True) == _by_breakpoints(a, b, strict)


def test_known_cases() -> None:
    # (3, 0) and (0, 3) against (1, 1): the even mixture (1.5, 1.5) dominates strictly
    assert _pair_dominates([2, -1], [-1, 2], strict=True)
    # against (1.5, 1.5) only the even mixture ties it: neither strict nor weak dominance
    assert not _pair_dominates([3, -3], [-3, 3], strict=True)
    # (2, 0, 1) and (0, 2, 1) against (1, 1, 0): the even mixture is (1, 1, 1): weakly, not strictly
    assert _pair_dominates([1, -1, 1], [-1, 1, 1], strict=False)
    assert not _pair_dominates([1, -1, 1], [-1, 1, 1], strict=True)
