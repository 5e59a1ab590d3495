"""Candidate profiles given in integers, and the pieces the batch checks share.

Exact solvers hold a candidate strategy as nonnegative integers ``X`` over their sum
``d`` (a vertex ``X / d``, a closed-form root ``N / M``); an :class:`IntegerCandidate`
hands such a profile, one ``(X, d)`` per player, to the checks of
:mod:`trigame.verify._batch_nash` and to the solvers' result builders without a round
trip through Fractions.  It lives in the verifier's room so that the solvers (above it)
and the checks may both use it.

:data:`INT64_LIMIT` is the bound below which the batch checks do their integer
arithmetic in ``int64`` (every intermediate is at most the bound in absolute value,
see :mod:`trigame.verify._batch_nash` and :mod:`trigame.verify._batch_nplayer`), and
:func:`read_only` / :func:`object_vector` make the read-only vectors every checked
profile is reported with, and :func:`lowest_terms` brings a strategy ``X / d`` over its
least denominator (the form in which checked profiles are compared and reported).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["INT64_LIMIT", "IntegerCandidate", "lowest_terms", "object_vector", "read_only"]

#: Largest integer bound of a batch check's intermediates for which it works in int64.
INT64_LIMIT = 2**62


class IntegerCandidate(tuple[tuple[list[int], int], ...]):
    """A candidate profile given in integers: per player ``(X, d)``, the strategy ``X / d``.

    ``X`` should be a list of nonnegative Python ints summing to ``d > 0``; the checks take it
    as a plain exact profile only when it is (anything else is left to the full validation).

    Examples
    --------
    >>> candidate = IntegerCandidate((([2, 1], 3), ([0, 1], 1)))
    >>> [[str(p) for p in v] for v in candidate.fractions()]
    [['2/3', '1/3'], ['0', '1']]
    """

    __slots__ = ()

    def fractions(self) -> list[list[Fraction]]:
        """Each player's strategy as a list of Fractions."""
        return [[Fraction(x, d) for x in X] for X, d in self]


def read_only(vector: np.ndarray) -> np.ndarray:
    """``vector`` itself, made read-only (it is reported in a result, which shares it)."""
    vector.flags.writeable = False
    return vector


def object_vector(values: Sequence[Any]) -> np.ndarray:
    """``values`` (Fractions) as a new read-only object array."""
    return read_only(np.fromiter(values, dtype=object, count=len(values)))


def lowest_terms(X: Sequence[int], d: int) -> tuple[Sequence[int], int]:
    """The strategy ``X / d`` in integers over its least denominator (``X`` itself when already there)."""
    common = math.gcd(d, *X)
    if common == 1:
        return X, d
    return [x // common for x in X], d // common
