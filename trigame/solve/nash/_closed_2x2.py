"""The closed-form candidates of a numeric 2x2 game, evaluated directly in exact arithmetic.

The closed-form solver writes its candidates once, over an arithmetic backend
(:mod:`trigame.solve.nash._closed_formulas`), so that the same formulas serve
exact and symbolic games.  For one numeric 2x2 game that generality costs most
of the solve; :func:`profiles_2x2` evaluates the same nine candidates in the
same order with plain :class:`~fractions.Fraction` arithmetic.
``tests/test_closed_form_fast.py`` pins it against the backend path.

With ``x_i`` the probability of player ``i``'s first strategy and
``D_i(x_j) = x_j e_i(first) + (1 - x_j) e_i(second)`` player ``i``'s advantage
of its first strategy over its second, the candidate with pattern
``(s_0, s_1)`` is an equilibrium iff, for each player, ``s_i = first`` and
``D_i >= 0``, or ``s_i = second`` and ``D_i <= 0``, or ``s_i = mixed``,
``x_i`` is the unique root in (0, 1) of the opponent's advantage ``D_j(x_i)``
and ``D_i = 0``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["profiles_2x2"]

#: A candidate probability ``x = N / M`` in homogeneous form (``M > 0``), or None when there is none.
_Homogeneous = tuple[Any, Any]


def _mixing_root(opponent_advantage: dict[tuple[int, ...], Any]) -> _Homogeneous | None:
    """The ``x`` in (0, 1) where the opponent's advantage, linear in ``x``, vanishes, as ``(N, M)``; None if none."""
    at_first, at_second = opponent_advantage[(0,)], opponent_advantage[(1,)]  # D_j at x = 1 and at x = 0
    if at_first > 0 > at_second:
        return (-at_second, at_first - at_second)
    if at_first < 0 < at_second:
        return (at_second, at_second - at_first)
    return None


def profiles_2x2(e: Sequence[dict[tuple[int, ...], Any]]) -> list[list[list[Fraction]]]:
    """The equilibria among the nine closed-form candidates, as ``[[x_0, 1 - x_0], [x_1, 1 - x_1]]``.

    ``e`` are exact advantage tables (ints or Fractions, e.g. those of
    :func:`trigame.solve.nash.closed_form.advantage_tables`; each player's table
    may be multiplied by its own positive number).  The candidates are visited
    in the backend path's order (player 0's pattern first, each player first,
    second, mixed).  Probabilities are kept as ``N / M`` with ``M > 0`` and the
    advantage ``D_i = x_j e_i(first) + (1 - x_j) e_i(second)`` is tested through
    ``M D_i = N e_i(first) + (M - N) e_i(second)``, whose sign is that of ``D_i``.
    """
    choices: list[list[tuple[int, _Homogeneous | None]]] = []
    for i in range(2):
        choices.append([(1, (1, 1)), (-1, (0, 1)), (0, _mixing_root(e[1 - i]))])
    out = []
    for s0, x0 in choices[0]:
        if x0 is None:
            continue
        for s1, x1 in choices[1]:
            if x1 is None:
                continue
            if _holds(s0, e[0], x1) and _holds(s1, e[1], x0):
                out.append([_probabilities(x0), _probabilities(x1)])
    return out


def _holds(pattern: int, own: dict[tuple[int, ...], Any], other: _Homogeneous) -> bool:
    """Whether the advantage against ``other`` has the sign the pattern needs (1: >= 0, -1: <= 0, 0: = 0)."""
    N, M = other
    value = N * own[(0,)] + (M - N) * own[(1,)]
    if pattern > 0:
        return bool(value >= 0)
    if pattern < 0:
        return bool(value <= 0)
    return bool(value == 0)


def _probabilities(x: _Homogeneous) -> list[Fraction]:
    N, M = x
    first = Fraction(N, M) if isinstance(N, int) and isinstance(M, int) else Fraction(N) / Fraction(M)
    return [first, 1 - first]
