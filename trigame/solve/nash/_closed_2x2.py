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

_PATTERNS = ("first", "second", "mixed")


def _mixing_root(opponent_advantage: dict[tuple[int, ...], Any]) -> Fraction | None:
    """The ``x`` in (0, 1) where the opponent's advantage, linear in ``x``, vanishes; None if there is none."""
    at_first, at_second = opponent_advantage[(0,)], opponent_advantage[(1,)]  # D_j at x = 1 and at x = 0
    if (at_first > 0 and at_second < 0) or (at_first < 0 and at_second > 0):
        return Fraction(at_second) / (at_second - at_first)
    return None


_ONE, _ZERO = Fraction(1), Fraction(0)


def _advantage(own: dict[tuple[int, ...], Any], x_other: Fraction) -> Fraction:
    if x_other == 1:
        return own[(0,)]  # type: ignore[no-any-return]
    if x_other == 0:
        return own[(1,)]  # type: ignore[no-any-return]
    return x_other * own[(0,)] + (1 - x_other) * own[(1,)]


def profiles_2x2(e: Sequence[dict[tuple[int, ...], Any]]) -> list[list[list[Fraction]]]:
    """The equilibria among the nine closed-form candidates, as ``[[x_0, 1 - x_0], [x_1, 1 - x_1]]``.

    ``e`` are the exact advantage tables of
    :func:`trigame.solve.nash.closed_form.advantage_tables`.  The candidates are
    visited in the backend path's order (player 0's pattern first, each player
    first, second, mixed).
    """
    choices: list[list[tuple[str, Fraction | None]]] = []
    for i in range(2):
        root = _mixing_root(e[1 - i])
        choices.append([("first", _ONE), ("second", _ZERO), ("mixed", root)])
    out = []
    for s0, x0 in choices[0]:
        for s1, x1 in choices[1]:
            if x0 is None or x1 is None:
                continue
            if all(_holds(pattern, _advantage(e[i], other))
                   for i, (pattern, other) in enumerate(((s0, x1), (s1, x0)))):
                out.append([[x0, 1 - x0], [x1, 1 - x1]])
    return out


def _holds(pattern: str, advantage: Fraction) -> bool:
    if pattern == "first":
        return advantage >= 0
    if pattern == "second":
        return advantage <= 0
    return advantage == 0
