"""Equilibria and equilibrium checks do not depend on the units of any player's payoffs.

Nash equilibrium is invariant under a positive affine map ``u_i -> a u_i + c`` of one
player's payoffs (``a > 0``), so the solvers and the verifier must be too: no answer
may change because a player's payoffs are written in units of 1e-12 or 1e12, or
because the players' scales differ.  Float payoffs are the binary rationals they are
(docs/explanation/equilibria.md), so near-ties are not ties and every complete
2-player method agrees on them.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg

PD = np.array([[3, 0], [5, 1]])  # Prisoner's Dilemma, row player; the column player's is PD.T
MP = np.array([[1, -1], [-1, 1]])  # matching pennies, row player; the column player's is -MP


def _pure_profiles(shape: tuple[int, ...]) -> list[list[int]]:
    return [list(cell) for cell in np.ndindex(*shape)]


# ---------------------------------------------------------------------------- reported cases
@pytest.mark.parametrize("unit", [1e-12, 1e-300, 1.0, 1e12, 1e300])
def test_prisoners_dilemma_in_any_unit_has_one_pure_equilibrium(unit: float) -> None:
    # Defect strictly dominates Cooperate for both players (5 > 3, 1 > 0), whatever the unit:
    # the unique equilibrium is (Defect, Defect) = (s2, s2).
    game = tg.NormalFormGame.from_arrays(PD * unit, PD.T * unit)
    assert [e.support for e in tg.pure_equilibria(game)] == [((1,), (1,))]
    for method in ("pure", "support", "auto"):
        assert [e.support for e in tg.equilibria(game, method=method)] == [((1,), (1,))]
    verdicts = {tuple(p): tg.is_nash(game, p) for p in _pure_profiles((2, 2))}
    assert verdicts == {(0, 0): False, (0, 1): False, (1, 0): False, (1, 1): True}


def test_players_with_different_scales() -> None:
    # Row payoffs in units of 1e12, column payoffs in units of 1e-3.  At (s2, s1) the column
    # player gets 0 but 1e-3 by switching to s2: a regret of its whole range, not a tie.
    game = tg.NormalFormGame.from_arrays(PD * 1e12, PD.T * 1e-3)
    assert not tg.is_nash(game, [1, 0])
    assert tg.regret(game, [1, 0])[1] == pytest.approx(1e-3)
    assert tg.best_responses(game, [1, 0]) == ((1,), (1,))
    assert [e.support for e in tg.pure_equilibria(game)] == [((1,), (1,))]
    assert [e.support for e in tg.equilibria(game, method="support")] == [((1,), (1,))]


@pytest.mark.parametrize("unit", [1e308, 1e-300, 5e-324])
def test_matching_pennies_at_the_float_limits(unit: float) -> None:
    # Each player makes the other indifferent: x = y = (1/2, 1/2), the unique equilibrium
    # (no pure one: in every cell one player gains by switching).  1e308 - (-1e308) overflows
    # a float and 5e-324 is the smallest subnormal, but the equilibrium is the same.
    game = tg.NormalFormGame.from_arrays(MP * unit, -MP * unit)
    for method in ("support", "auto"):
        eqs = tg.equilibria(game, method=method)
        assert eqs.complete and not eqs.degenerate
        assert len(eqs) == 1
        assert eqs.contains([[0.5, 0.5], [0.5, 0.5]], tol=0)
    assert tg.is_nash(game, [[0.5, 0.5], [0.5, 0.5]], tol=0)
    assert not tg.is_nash(game, [[0.5, 0.5], [1.0, 0.0]])
    assert len(tg.pure_equilibria(game)) == 0


def test_a_player_with_constant_payoffs_is_indifferent() -> None:
    # The column player gets 7 everywhere: every column is a best response to everything, so
    # the equilibria are the row player's best replies: s1 against s1, s2 against s2.
    game = tg.NormalFormGame.from_arrays([[1.0, 0.0], [0.0, 1.0]], [[7.0, 7.0], [7.0, 7.0]])
    assert tg.verify.player_scales(game) == (1.0, 0.0)
    assert tg.best_responses(game, [[0.3, 0.7], [0.5, 0.5]], tol=0) == ((0, 1), (0, 1))
    assert tg.is_nash(game, [0, 0], tol=0) and tg.is_nash(game, [1, 1], tol=0)
    assert not tg.is_nash(game, [0, 1])


# ---------------------------------------------------------------------------- properties
def _as_floats(eqs: tg.EquilibriumSet) -> list[tuple[float, ...]]:
    return sorted(tuple(float(p) for v in e.strategies for p in v.tolist()) for e in eqs)


def _same_sets(a: tg.EquilibriumSet, b: tg.EquilibriumSet, tol: float) -> bool:
    return len(a) == len(b) and all(b.contains(e, tol) for e in a) and all(a.contains(e, tol) for e in b)


@st.composite
def _scaled_games(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, int]:
    m, n = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    entries = st.integers(0, 4)
    payoffs = np.array(draw(st.lists(entries, min_size=2 * m * n, max_size=2 * m * n))).reshape(2, m, n)
    player = draw(st.integers(0, 1))
    k = draw(st.integers(-15, 15))
    shift = draw(st.integers(-3, 3))
    scaled = payoffs.astype(np.float64)
    scaled[player] = payoffs[player] * 10.0**k + shift * 10.0**k
    return payoffs, scaled, k, player


@settings(max_examples=60, deadline=None)
@given(_scaled_games())
def test_two_player_equilibria_do_not_depend_on_one_players_units(data) -> None:
    payoffs, scaled, k, _ = data
    exact = tg.NormalFormGame(payoffs.astype(object))  # the game in its own integer units
    floats = tg.NormalFormGame(payoffs.astype(np.float64))
    game = tg.NormalFormGame(scaled)
    reference = tg.equilibria(exact, method="support")
    # Pure equilibria compare payoffs of one player only; scaling keeps ties and orders.
    assert [e.support for e in tg.pure_equilibria(game)] == [e.support for e in tg.pure_equilibria(exact)]
    # For k >= 0, 10**k * (x + c) is exact in binary for these integers, so the scaled float game
    # IS a positive affine image of the integer game: same equilibria and flags.  For k < 0 the
    # product is rounded; a nondegenerate game's equilibria are isolated and move by round-off
    # only, while a degenerate game may lose ties that rested on exact sums (a different game):
    # then every equilibrium found is still an equilibrium of the unscaled game up to round-off.
    for method in ("support", "auto"):
        eqs = tg.equilibria(game, method=method)
        assert eqs.complete
        if k >= 0 or reference.game_degenerate is False:
            assert _same_sets(eqs, reference, 1e-9), (method, _as_floats(eqs), _as_floats(reference))
            assert eqs.degenerate == reference.degenerate
        else:
            assert all(tg.is_nash(floats, e, tol=1e-9) for e in eqs)
    # Verdicts of the checks on every pure profile and on the exact equilibria, as floats.
    profiles = _pure_profiles(payoffs.shape[1:])
    profiles += [[[float(p) for p in v] for v in e.strategies] for e in reference]
    for profile in profiles:
        assert tg.is_nash(game, profile) == tg.is_nash(floats, profile)
        assert tg.best_responses(game, profile) == tg.best_responses(floats, profile)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=24, max_size=24),
    st.integers(0, 2),
    st.integers(-15, 15),
)
def test_three_player_pure_equilibria_and_checks_do_not_depend_on_units(values, player, k) -> None:
    payoffs = np.array(values).reshape(3, 2, 2, 2)
    scaled = payoffs.astype(np.float64)
    scaled[player] = payoffs[player] * 10.0**k - 2 * 10.0**k
    game, floats = tg.NormalFormGame(scaled), tg.NormalFormGame(payoffs.astype(np.float64))
    assert [e.support for e in tg.pure_equilibria(game)] == [e.support for e in tg.pure_equilibria(floats)]
    for profile in _pure_profiles((2, 2, 2)):
        assert tg.is_nash(game, profile) == tg.is_nash(floats, profile)
        assert tg.best_responses(game, profile) == tg.best_responses(floats, profile)


# ---------------------------------------------------------------------------- near-ties
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 2), min_size=8, max_size=8),
    st.integers(0, 7),
    st.sampled_from([-1e-13, 1e-13, -3e-13, 2e-13]),
    st.sampled_from([1.0, 1e-9, 1e9]),
)
def test_auto_and_support_agree_on_near_ties(values, where, nudge, unit) -> None:
    # Small integer 2x2 games are full of exact ties; moving one payoff by 1e-13 of the range
    # makes them near-ties.  Float payoffs are the rationals they denote, so the near-tie is
    # not a tie for any method: auto (closed form) and support give the same equilibria and
    # the same flags, computed exactly on the same numbers.
    payoffs = np.array(values, dtype=np.float64)
    payoffs[where] += nudge * 2
    game = tg.NormalFormGame(payoffs.reshape(2, 2, 2) * unit)
    auto, support = tg.equilibria(game), tg.equilibria(game, method="support")
    assert auto.method == "closed_form"
    assert auto.complete and support.complete
    assert _same_sets(auto, support, 1e-12), (_as_floats(auto), _as_floats(support))
    assert auto.degenerate == support.degenerate
    assert auto.game_degenerate in (None, support.game_degenerate)


def test_a_near_tie_is_not_a_tie() -> None:
    # A = [[1, 0], [1 + d, 0]] with d = 1e-13, B = [[1, 0], [0, 1]].
    # Row: u(s1) = y1 < (1 + d) y1 = u(s2) when y1 > 0, a tie when y1 = 0.
    # Column: s1 when x1 > 1/2, s2 when x1 < 1/2, either at x1 = 1/2.
    # If y1 > 0 the row plays s2, so the column plays s2: y1 = 0, a contradiction.  So y = s2,
    # the row is indifferent, and the column needs x1 <= 1/2: the equilibria are the segment
    # {x1 in [0, 1/2]} x {s2}, with extreme points (s2, s2) and ((1/2, 1/2), s2); a continuum.
    # (With d = 0 the set is larger; tolerating d as a tie would change the answer.)
    d = 1e-13
    game = tg.NormalFormGame.from_arrays([[1.0, 0.0], [1.0 + d, 0.0]], [[1.0, 0.0], [0.0, 1.0]])
    auto, support = tg.equilibria(game), tg.equilibria(game, method="support")
    expected = [[[0.0, 1.0], [0.0, 1.0]], [[0.5, 0.5], [0.0, 1.0]]]
    for eqs in (auto, support):
        assert len(eqs) == 2 and all(eqs.contains(p, 1e-12) for p in expected)
        assert eqs.degenerate
    exact = tg.NormalFormGame.from_arrays([[1, 0], [F(1.0 + d), 0]], [[1, 0], [0, 1]])
    assert _same_sets(tg.equilibria(exact, method="support"), support, 1e-12)
