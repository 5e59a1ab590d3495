"""The one bookkeeping of the solvers' result builders (``_common.Collected``).

``build_set`` (candidates as Fractions or floats, checked one by one or in one batch),
``_verified.verified_set`` (candidates in integers) and ``_lh_float.verified_cleaned_set``
(cleaned float end points) check candidates their own ways and keep the equilibria alike:
exact equilibria are the same only when equal, inexact ones when within ``DEDUP_TOL`` on
the same supports; order by support size, then probabilities, largest first; a failed
candidate is dropped with a note and the set is not complete.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.errors import SolverError
from trigame.solve.nash._common import BATCH_MIN, build_set
from trigame.solve.nash._lh_float import verified_cleaned_set
from trigame.solve.nash._verified import verified_set
from trigame.verify._candidates import IntegerCandidate

#: Every payoff 0: every profile is an equilibrium, with payoffs (0, 0).
ZERO = tg.NormalFormGame.from_arrays(np.zeros((2, 2), dtype=int), np.zeros((2, 2), dtype=int))


def test_distinct_exact_equilibria_closer_than_the_float_tolerance_are_both_kept() -> None:
    # (1/2, 1/2) and (1/2 + 10^-9, 1/2 - 10^-9) against (1/2, 1/2): both equilibria of the zero game, on the
    # same supports, 10^-9 apart (below DEDUP_TOL = 1e-7), and distinct: an exact set lists both, whichever
    # path checks them (one by one, in one batch, or on their integers)
    d = 2 * 10**9
    near = IntegerCandidate((([d // 2 + 1, d // 2 - 1], d), ([1, 1], 2)))
    half = IntegerCandidate((([1, 1], 2), ([1, 1], 2)))
    one_by_one = build_set(ZERO, [half.fractions(), near.fractions()], method="support", complete=True)
    batched = build_set(ZERO, [half.fractions(), near.fractions()] * BATCH_MIN, method="support", complete=True)
    integers = verified_set(ZERO, [half, near], method="support", complete=True)
    for found in (one_by_one, batched, integers):
        assert [[list(v) for v in e.strategies] for e in found] == [
            [[F(1, 2) + F(1, d), F(1, 2) - F(1, d)], [F(1, 2), F(1, 2)]],  # larger first probability first
            [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]],
        ]
        assert found.complete and all(e.exact for e in found)


def test_the_same_exact_equilibrium_in_other_integers_is_one_equilibrium() -> None:
    # X / d = (2, 2) / 4 = (1, 1) / 2: one profile however its integers are scaled
    candidates = [IntegerCandidate((([2, 2], 4), ([0, 3], 3))), IntegerCandidate((([1, 1], 2), ([0, 1], 1)))]
    for found in (verified_set(ZERO, candidates, method="support", complete=True),
                  build_set(ZERO, candidates, method="support", complete=True)):
        assert [[list(v) for v in e.strategies] for e in found] == [[[F(1, 2), F(1, 2)], [0, 1]]]


def test_float_equilibria_within_the_tolerance_on_the_same_supports_are_one() -> None:
    game = tg.NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)))
    x = np.array([0.5, 0.5])
    close = np.array([0.5 + 1e-9, 0.5 - 1e-9])
    pure = np.array([1.0, 0.0])
    found = verified_cleaned_set(game, [(x, x), (close, x.copy()), (pure, x.copy())], method="lemke_howson",
                                 notes=[], tol=1e-9)
    # one of the close pair (the first), then the pure row strategy (fewer strategies in the supports) first
    assert [[v.tolist() for v in e.strategies] for e in found] == [[[1.0, 0.0], [0.5, 0.5]],
                                                                 [[0.5, 0.5], [0.5, 0.5]]]
    assert build_set(game, [[x, x], [close, x], [pure, x]], method="lemke_howson", complete=False).notes == ()


def test_a_failed_candidate_is_dropped_with_a_note_and_an_empty_complete_set_is_an_error() -> None:
    # Matching pennies: only (1/2, 1/2) twice is an equilibrium; (T, L) is not (the column player gains 2)
    pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    half = IntegerCandidate((([1, 1], 2), ([1, 1], 2)))
    pure = IntegerCandidate((([1, 0], 1), ([1, 0], 1)))
    for found in (verified_set(pennies, [half, pure], method="support", complete=True),
                  build_set(pennies, [half, pure], method="support", complete=True)):
        assert len(found) == 1 and not found.complete
        assert found.notes == ("1 candidate profile(s) failed the independent Nash check and were dropped",)
    # only failures: an empty set, not complete; no candidate at all under a claim of completeness: an
    # internal error (every finite game has an equilibrium)
    assert len(verified_set(pennies, [pure], method="support", complete=True)) == 0
    with pytest.raises(SolverError, match="claims a complete set"):
        verified_set(pennies, [], method="support", complete=True)
    with pytest.raises(SolverError, match="claims a complete set"):
        build_set(pennies, [], method="support", complete=True)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1), st.sampled_from([2, 3, 10]))
def test_integer_candidates_give_build_sets_result(m: int, n: int, seed: int, values: int) -> None:
    """verified_set on the integers of random candidates (equilibria, non-equilibria, repeats) is build_set's set."""
    rng = np.random.default_rng(seed)
    game = tg.NormalFormGame.from_arrays(rng.integers(0, values, (m, n)), rng.integers(0, values, (m, n)))
    candidates: list[IntegerCandidate] = []
    for e in tg.equilibria(game, method="support"):
        scale = int(rng.integers(1, 4))
        candidates.append(IntegerCandidate(tuple(
            ([int(p * d) * scale for p in v], d * scale)
            for v, d in ((v, int(np.lcm.reduce([p.denominator for p in v]))) for v in e.strategies))))
    for _ in range(3):
        candidates.append(IntegerCandidate(tuple(
            (X, sum(X)) for X in ([int(k) for k in rng.integers(0, 3, size)] for size in (m, n)) if sum(X) > 0)))
    repeated = [c for c in candidates if len(c) == 2] * 2
    fast = verified_set(game, repeated, method="support", complete=False)
    plain = build_set(game, [c.fractions() for c in repeated], method="support", complete=False)
    assert [[list(v) for v in e.strategies] for e in fast] == [[list(v) for v in e.strategies] for e in plain]
    assert [e.payoffs for e in fast] == [e.payoffs for e in plain]
    assert fast.notes == plain.notes and fast.complete == plain.complete
