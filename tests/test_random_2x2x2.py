"""1,000 random 2x2x2 games with integer payoffs in [0, 10): trigame against pygambit and an independent oracle.

Acceptance check of the foundation: on every game trigame's equilibrium set contains every
equilibrium pygambit's ``enumpoly_solve`` finds, and every totally mixed equilibrium, which
this file computes independently by eliminating variables from the indifference conditions.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import trigame as tg

from ._peers import gambit_enumpoly

N_GAMES = 1000


def random_games(count: int, seed: int = 20261121) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 10, size=(count, 3, 2, 2, 2))


def totally_mixed_oracle(payoffs: np.ndarray) -> tuple[list[tuple[float, float, float]], bool]:
    """Totally mixed equilibria (p, q, r) = probabilities of each player's first strategy.

    Player 1 is indifferent iff D1(q, r) = sum_jk d1[j, k] w_j(q) w_k(r) = 0 with
    d1 = u1(0, ., .) - u1(1, ., .), w_0(x) = x, w_1(x) = 1 - x; likewise D2(p, r), D3(p, q).
    D1 is linear in r and D3 linear in p, so with r = -B1(q)/A1(q) and p = -B3(q)/A3(q) the
    condition D2(p, r) = 0 becomes, after multiplying by A1(q) A3(q), a polynomial of degree
    at most 2 in q.  Returns the solutions in (0, 1)^3 and a flag that is False when the
    elimination does not apply (an identically vanishing polynomial or a vanishing A1/A3 at a
    root) -- those games are left to the other checks.
    """
    P = np.polynomial.Polynomial
    q = P([0, 1])
    w = [lambda x: x, lambda x: 1 - x]
    d1 = payoffs[0, 0] - payoffs[0, 1]  # indexed [j, k]
    d2 = payoffs[1, :, 0] - payoffs[1, :, 1]  # indexed [i, k]
    d3 = payoffs[2, :, :, 0] - payoffs[2, :, :, 1]  # indexed [i, j]
    # D1(q, r) = A1(q) r + B1(q)
    A1 = sum((d1[j, 0] - d1[j, 1]) * w[j](q) for j in range(2))
    B1 = sum(d1[j, 1] * w[j](q) for j in range(2))
    # D3(p, q) = A3(q) p + B3(q)
    A3 = sum((d3[0, j] - d3[1, j]) * w[j](q) for j in range(2))
    B3 = sum(d3[1, j] * w[j](q) for j in range(2))
    # D2(p, r) = a pr + b p + c r + d
    a = d2[0, 0] - d2[0, 1] - d2[1, 0] + d2[1, 1]
    b = d2[0, 1] - d2[1, 1]
    c = d2[1, 0] - d2[1, 1]
    d = d2[1, 1]
    poly = a * B3 * B1 - b * B3 * A1 - c * B1 * A3 + d * A1 * A3
    coef = np.trim_zeros(np.asarray(poly.coef, dtype=float), "b")
    if coef.size == 0:
        return [], False
    found = []
    for root in (P(coef).roots() if coef.size > 1 else []):
        if abs(root.imag) > 1e-9:
            continue
        qv = float(root.real)
        if not 0 < qv < 1:
            continue
        if abs(A1(qv)) < 1e-9 or abs(A3(qv)) < 1e-9:
            return found, False
        pv, rv = -B3(qv) / A3(qv), -B1(qv) / A1(qv)
        if all(1e-9 < x < 1 - 1e-9 for x in (pv, qv, rv)):
            found.append((pv, qv, rv))
    return found, True


def test_the_oracle_on_a_hand_derived_game():
    # Each player's second strategy pays 0; its first pays +1 when both others play their first
    # strategy, -1 when both play their second, 0 otherwise.  Player 1's gain from its first
    # strategy is then qr - (1 - q)(1 - r) = q + r - 1, and likewise p + r - 1 (player 2) and
    # p + q - 1 (player 3).  All three vanish only at p = q = r = 1/2: the unique totally mixed
    # equilibrium.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    gain = np.array([[1, 0], [0, -1]])
    payoffs[0][0, :, :] = gain
    payoffs[1][:, 0, :] = gain
    payoffs[2][:, :, 0] = gain
    found, ok = totally_mixed_oracle(payoffs)
    assert ok and found == [pytest.approx((0.5, 0.5, 0.5))]
    eqs = tg.equilibria(tg.NormalFormGame(payoffs))
    assert eqs.contains([[F(1, 2)] * 2] * 3)


def test_1000_random_2x2x2_games_against_pygambit_and_the_oracle():
    pytest.importorskip("pygambit")
    games = random_games(N_GAMES)
    # pygambit solves each of these games in milliseconds, or loops forever (about 4% of them)
    peer = gambit_enumpoly(games, timeout=0.5)
    skipped_oracle = 0
    for payoffs, theirs in zip(games, peer):
        game = tg.NormalFormGame(payoffs)
        eqs = tg.equilibria(game)
        assert eqs.complete
        for eq in eqs:
            assert tg.is_nash(game, eq)
        # every totally mixed equilibrium
        mixed, ok = totally_mixed_oracle(payoffs)
        skipped_oracle += not ok
        for p, q, r in mixed:
            assert eqs.contains([[p, 1 - p], [q, 1 - q], [r, 1 - r]], tol=1e-7), (payoffs.tolist(), (p, q, r))
        # every equilibrium pygambit finds (theirs is None where it looped)
        for profile in theirs or []:
            # a point inside a continuum cannot be listed; it must still be an equilibrium
            assert eqs.contains(profile, tol=1e-6) or (eqs.degenerate and tg.is_nash(game, profile, tol=1e-6)), (
                payoffs.tolist(),
                profile,
            )
    # the elimination fails only where payoff ties make an indifference condition factor (about 5%)
    assert skipped_oracle < N_GAMES // 10
    assert sum(theirs is not None for theirs in peer) > 0.9 * N_GAMES  # and pygambit answered on most
