"""Four binary mixers by elimination (``_poly_binary4``), pinned against the general route and peers.

* the whole solver with the elimination against the solver without it (the box search and the
  Gröbner route), on random 2x2x2x2 games with small payoff ranges (ties, continua, rational roots)
  and on 2^5 games (four mixers beside a pure player, whose deviations are checked);
* hand-derived games: an irrational equilibrium (a cube root), a rational one, and a continuum,
  where the elimination must give up;
* Gambit's ``enumpoly`` set contained in the solver's on random games;
* the interval screen and the root isolation on hand-built inputs (no solution excluded, no
  needless giving up).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import _poly_binary4, _poly_screens, _poly_univariate, polynomial
from trigame.solve.nash._poly_binary4 import solve_four
from trigame.verify import is_nash


def _solve(game: NormalFormGame, four: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        if four:  # whatever the policy (the compiled search may be loaded in this process)
            patch.setattr(_poly_binary4, "_pays", lambda search: True)
        else:
            patch.setattr(polynomial, "settle_four", lambda search, support: False)
        return polynomial.solve(game)


def _same_sets(fast: object, plain: object) -> None:
    assert (fast.complete, fast.degenerate) == (plain.complete, plain.degenerate)  # type: ignore[attr-defined]
    ours = [(np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]), eq.exact)
            for eq in fast]  # type: ignore[attr-defined]
    theirs = [(np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies]), eq.exact)
              for eq in plain]  # type: ignore[attr-defined]
    assert len(ours) == len(theirs)
    for vector, exact in theirs:
        assert any(np.allclose(vector, v, atol=1e-9) and exact == e for v, e in ours), (vector, ours)


def _game(payoffs: np.ndarray) -> NormalFormGame:
    return NormalFormGame.from_arrays(*[p.tolist() for p in payoffs])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 4, 1000]), st.sampled_from([(2, 2, 2, 2), (3, 2, 2, 2)]))
def test_four_mixers_give_the_same_equilibria_as_the_general_route(seed: int, top: int,
                                                                   shape: tuple[int, ...]) -> None:
    # Payoffs in 0..top: small tops give ties, continua, rational and repeated roots (the
    # elimination gives up or settles them exactly); the set must not depend on the switch.  In
    # 3x2x2x2 the first player's third strategy is a deviation checked at each solution.
    monkeypatch = pytest.MonkeyPatch()
    payoffs = np.random.default_rng(seed).integers(0, top + 1, size=(4, *shape))
    game = _game(payoffs)
    fast = _solve(game, True, monkeypatch)
    _same_sets(fast, _solve(game, False, monkeypatch))
    for eq in fast:  # type: ignore[attr-defined]
        assert is_nash(game, eq.strategies, tol=0 if eq.exact else 1e-9)


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([20, 1000]))
def test_four_mixers_beside_a_pure_player(seed: int, top: int) -> None:
    # 2^5: each profile of four binary mixers has a pure player, whose deviation must not pay.
    monkeypatch = pytest.MonkeyPatch()
    payoffs = np.random.default_rng(seed).integers(0, top + 1, size=(5, 2, 2, 2, 2, 2))
    game = _game(payoffs)
    _same_sets(_solve(game, True, monkeypatch), _solve(game, False, monkeypatch))


def _points(payoffs: np.ndarray, support: list[list[int]], mixers: list[int]) -> list[np.ndarray]:
    """The elimination's solutions strictly inside the cube, as each player's full mixed strategy."""
    solved = solve_four(payoffs, support, mixers)
    assert solved is not None  # generic payoffs: the elimination settles the profile
    exact, enclosed = solved
    coefficients = _poly_binary4.four_coefficients(payoffs, support, mixers)
    values = [[float(x) for x in p.fractions()] if not p.radicand else _poly_binary4.to_floats(p) for p in exact]
    values += [_poly_binary4._polished(coefficients, box) for box in enclosed]
    out = []
    for x in values:
        if all(0 < v < 1 for v in x):
            profile = [np.zeros(m) for m in payoffs.shape[1:]]
            for i, s in enumerate(support):
                if i in mixers:
                    profile[i][s[0]], profile[i][s[1]] = 1 - x[mixers.index(i)], x[mixers.index(i)]
                else:
                    profile[i][s[0]] = 1
            out.append(np.concatenate(profile))
    return out


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (2, 2, 2, 2, 2)]))
def test_every_profile_of_four_mixers_has_the_general_routes_equilibria(seed: int, shape: tuple[int, ...]) -> None:
    # Each profile of four binary mixers, on its own: the elimination's equilibria strictly inside
    # the cube are the general route's equilibria with exactly that support.
    monkeypatch = pytest.MonkeyPatch()
    payoffs = np.random.default_rng(seed).integers(0, 1000, size=(len(shape), *shape))
    plain = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies])
             for eq in _solve(_game(payoffs), False, monkeypatch)]  # type: ignore[attr-defined]
    n = len(shape)
    for mixers in itertools.combinations(range(n), 4):
        for pure in itertools.product((0, 1), repeat=n - 4):
            choice = iter(pure)
            support = [[0, 1] if i in mixers else [next(choice)] for i in range(n)]
            ours = _points(payoffs, support, list(mixers))
            offsets = np.cumsum([0, *shape])
            theirs = [v for v in plain if all(
                sorted(np.flatnonzero(v[offsets[i]:offsets[i + 1]] > 1e-12)) == support[i] for i in range(n))]
            assert len(ours) == len(theirs), (support, ours, theirs)
            for vector in theirs:
                assert any(np.allclose(vector, v, atol=1e-9) for v in ours), (support, vector, ours)


def test_a_solution_where_a_condition_degenerates() -> None:
    # P_0 = 1 + (2t - 3) y - 2z + 4yz,  P_1 = 3x + 4z - 2,  P_2 = 2y - 1 + 2t(3x - 1),
    # P_3 = 4z - 1 + x(2y - 1)  (x, y, z, t: the four players' probabilities of strategy 1).
    # P_1 gives z = (2 - 3x)/4, P_3 then 1 - 4x + 2xy = 0, so y = (4x - 1)/(2x); P_2 becomes
    # (3x - 1)(1/x + 2t - 1) = 0: x = 1/3 (t = (x - 1)/(2x) <= 0 otherwise, outside the cube but
    # at x = 1, where y = 3/2).  So y = 1/2, z = 1/4, and P_0 = t - 1/2: t = 1/2, the one
    # solution.  There P_0 = (2y - 1)(2z - 1) is a product (G_0 = 4t - 2 = 0): the solution is a
    # root of the factor divided out of the eliminant, not of the quotient.
    def condition(r: int, x: tuple[int, ...]) -> int:
        x0, x1, x2, t = x
        return [1 + (2 * t - 3) * x1 - 2 * x2 + 4 * x1 * x2, 3 * x0 + 4 * x2 - 2,
                2 * x1 - 1 + 2 * t * (3 * x0 - 1), 4 * x2 - 1 + x0 * (2 * x1 - 1)][r]

    u = np.zeros((4, 2, 2, 2, 2), dtype=int)
    for profile in np.ndindex(2, 2, 2, 2):
        for r in range(4):
            if profile[r] == 1:  # strategy 0 pays 0, strategy 1 the condition at the corner
                u[tuple([r, *profile])] = condition(r, profile)
    solved = solve_four(u, [[0, 1]] * 4, [0, 1, 2, 3])
    assert solved is not None
    exact, enclosed = solved
    assert enclosed == [] and [p.fractions() for p in exact] == [
        (Fraction(1, 3), Fraction(1, 2), Fraction(1, 4), Fraction(1, 2))]


def _product_game(scale: int) -> np.ndarray:
    # Player r gets 1 from strategy 0, and from strategy 1 ``scale`` when the three others all play
    # strategy 1, else 0: its indifference is scale * x_a x_b x_c - 1 = 0 (x: each one's
    # probability of strategy 1).  Dividing two of the conditions, x_a = x_b for every pair, so the
    # only solution in the cube is x^3 = 1/scale for every player.
    u = np.zeros((4, 2, 2, 2, 2), dtype=int)
    for r in range(4):
        index: list[int | slice] = [slice(None)] * 4
        index[r] = 0
        u[tuple([r, *index])] = 1
        u[tuple([r, 1, 1, 1, 1])] = scale
    return u


def test_an_irrational_equilibrium_a_cube_root() -> None:
    # scale 2: x = 2^(-1/3) = 0.7937005259840998 for everyone, found in interval arithmetic.
    u = _product_game(2)
    solved = solve_four(u, [[0, 1]] * 4, [0, 1, 2, 3])
    assert solved is not None
    exact, enclosed = solved
    assert exact == [] and len(enclosed) == 1
    root = 2 ** (-1 / 3)
    for low, high in enclosed[0]:  # the enclosure holds the cube root of 1/2, exactly
        assert Fraction(low) ** 3 < Fraction(1, 2) < Fraction(high) ** 3
    eqs = polynomial.solve(_game(u))
    mixed = [eq for eq in eqs if all(0 < v[1] < 1 for v in eq.strategies)]
    assert len(mixed) == 1 and not mixed[0].exact
    assert np.allclose([float(v[1]) for v in mixed[0].strategies], [root] * 4, atol=1e-12)


def test_a_rational_equilibrium_is_exact() -> None:
    # scale 8: x^3 = 1/8, x = 1/2 for everyone; a rational root of the eliminant, settled exactly.
    solved = solve_four(_product_game(8), [[0, 1]] * 4, [0, 1, 2, 3])
    assert solved is not None
    exact, enclosed = solved
    assert enclosed == [] and [p.fractions() for p in exact] == [(Fraction(1, 2),) * 4]


def test_a_continuum_is_left_to_the_general_route() -> None:
    # Player r's indifference is 4 x_{r+1} x_{r+2} - 1 (indices mod 4): x_1 x_2 = x_2 x_3 = x_3 x_0
    # = x_0 x_1 = 1/4, so x_0 = x_2, x_1 = x_3 and x_0 x_1 = 1/4: a curve of solutions.  The
    # elimination must give up (None), and the solver then reports the continuum.
    u = np.zeros((4, 2, 2, 2, 2), dtype=int)
    for r in range(4):
        a, b = (r + 1) % 4, (r + 2) % 4
        for profile in np.ndindex(2, 2, 2, 2):
            if profile[r] == 0:
                u[tuple([r, *profile])] = 1
            elif profile[a] == profile[b] == 1:
                u[tuple([r, *profile])] = 4
    assert solve_four(u, [[0, 1]] * 4, [0, 1, 2, 3]) is None
    eqs = polynomial.solve(_game(u))
    assert eqs.degenerate


def test_gambit_enumpoly_equilibria_are_found() -> None:
    pytest.importorskip("pygambit")
    from tests._peers import gambit_enumpoly

    games = [np.random.default_rng(seed).integers(0, 1000, size=(4, 2, 2, 2, 2)) for seed in range(4)]
    answers = gambit_enumpoly(games, timeout=10.0)
    monkeypatch = pytest.MonkeyPatch()
    for payoffs, theirs in zip(games, answers):
        if theirs is None:
            continue
        game = _game(payoffs)
        ours = [np.concatenate([np.asarray(v, dtype=float) for v in eq.strategies])
                for eq in _solve(game, True, monkeypatch)]  # type: ignore[attr-defined]
        for profile in theirs:
            vector = np.concatenate([np.asarray(v, dtype=float) for v in profile])
            # enumpoly lists the odd profile that is not an equilibrium (see benchmarks/README.md)
            if is_nash(game, [np.asarray(v, dtype=float) for v in profile], tol=1e-6):
                assert any(np.allclose(vector, v, atol=1e-6) for v in ours), (vector, ours)


def test_the_elimination_runs_where_it_pays() -> None:
    # 2x2x2x2 has one profile of four binary mixers, 2^5 has ten (5 choices of the pure player, 2
    # strategies each): only the first is settled by elimination (when the array search runs).
    class Search:
        def __init__(self, n: int) -> None:
            self.alive = [[0, 1]] * n
            self._four_binary_profiles: int | None = None  # as _SearchBase starts it

    assert math.comb(5, 4) * 2 > _poly_binary4.MAX_PROFILES
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_poly_binary4._poly_box, "COMPILED", False)
        assert _poly_binary4._pays(Search(4))
        assert not _poly_binary4._pays(Search(5))


def test_payoffs_beyond_the_floats_range_are_left_to_the_general_route() -> None:
    # Coefficients of about 10^200 overflow the floats of the root isolation and the intervals:
    # the elimination gives up (None) rather than raising or deciding a sign it cannot.
    rng = np.random.default_rng(0)
    payoffs = np.array(rng.integers(1, 1000, size=(4, 2, 2, 2, 2)), dtype=object) * 10**200
    payoffs += np.array(rng.integers(0, 1000, size=(4, 2, 2, 2, 2)), dtype=object)
    assert solve_four(payoffs, [[0, 1]] * 4, [0, 1, 2, 3]) is None


def test_the_screen_keeps_a_solution_where_e_may_vanish_but_is_not_small_against_n() -> None:
    # A hand-built ordering (only what the screen reads): Q = (z - t)(z + 1), F = z^2 (z - t), whose
    # one common root with t in [0.2, 0.4] is z = t (z = -1 is not a root of F); E_0 = 40z - 10,
    # N_0 = 1 (x_{m1} = 1 / (40z - 10)); E_1 = 1, N_1 = z (x_{m0} = z).  At t = 0.3 the point
    # x_{m0} = z = 0.3, x_{m1} = 1/2 solves all four and lies in the cube.  On t in [0.2, 0.4] the
    # enclosure of E_0 contains 0 and that of N_0 does not, yet the screen must not exclude t.
    ordering = SimpleNamespace(q=[[0, -1], [1, -1], [1]], f=[[], [], [0, -1], [1]], e0=[[-10], [40]],
                               n0=[[1]], e1=[[1]], n1=[[], [1]], order=(0, 1, 2))
    assert _poly_screens._screen(ordering, (0.2, 0.4))  # type: ignore[arg-type]
    assert _poly_screens._screen(ordering, (0.3, 0.3))  # type: ignore[arg-type]
    # E_0 = 2z - 1 (in about [-0.8, 0.4] there), N_0 = 1: |x_{m1}| = 1 / |E_0| > 1 for every z
    # there, and E_0 = 20z - 13 (at most about 1.2), N_0 = 2: x_{m1} in [0, 1] needs E_0 >= 2.
    for e0, n0 in (([[-1], [2]], [[1]]), ([[-13], [20]], [[2]])):
        ordering.e0, ordering.n0 = e0, n0
        assert not _poly_screens._screen(ordering, (0.2, 0.4))  # type: ignore[arg-type]


def test_a_root_just_beyond_one_does_not_give_the_isolation_up() -> None:
    # (10^7 t - 10^7 - 1)(2t^2 - 1): roots 1 + 1e-7 (beyond [0, 1], within the isolation's 1e-6
    # tolerance), 1/sqrt(2) (the one root in [0, 1]) and -1/sqrt(2).
    f = [10**7 + 1, -10**7, -2 * (10**7 + 1), 2 * 10**7]  # constant term first
    rational, intervals = _poly_univariate._isolate(f)
    assert rational == [] and len(intervals) == 1
    low, high = intervals[0]
    assert 2 * Fraction(low) ** 2 < 1 < 2 * Fraction(high) ** 2
