"""Tests of the closed-form solver for 2x2 and 2x2x2 games.

Expected sets are derived by hand in the comments, taken from the title of a
Gambit game, or compared with pygambit and with a direct solution of the
polynomial indifference system.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.solve.nash.closed_form import closed_form_equilibria as cf

from ._peers import gambit_from_arrays, gambit_payoffs, gambit_profile, gambit_strategies


def first_probs(eqs: tg.EquilibriumSet) -> set[tuple]:
    """Each equilibrium as the tuple of every player's probability of its first strategy."""
    return {tuple(v[0] for v in e.strategies) for e in eqs}


def game2(A, B) -> tg.NormalFormGame:
    return tg.NormalFormGame.from_arrays(A, B)


def from_gambit(g) -> tg.NormalFormGame:
    """A trigame game with the payoffs of a pygambit game (strategy labels replaced by defaults)."""
    strategies = gambit_strategies(g)
    shape = [len(s) for s in strategies]
    arr = np.empty([len(strategies), *shape], dtype=object)
    for idx in itertools.product(*[range(m) for m in shape]):
        prof = [strategies[i][k] for i, k in enumerate(idx)]
        for i, payoff in enumerate(gambit_payoffs(g, prof)):
            arr[(i, *idx)] = F(str(payoff))
    return tg.NormalFormGame(arr.tolist())


# ------------------------------------------------------------------------------------------- 2x2 by hand
def test_prisoners_dilemma():
    # D strictly dominates C for both players: the unique equilibrium is (D, D)
    pd = game2([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    eqs = cf(pd)
    assert first_probs(eqs) == {(0, 0)}
    assert eqs.complete and not eqs.degenerate and eqs.game_degenerate is False


def test_matching_pennies():
    # each player mixes to make the other indifferent: p = q = 1/2, no pure equilibrium
    mp = game2([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    eqs = cf(mp)
    assert first_probs(eqs) == {(F(1, 2), F(1, 2))}
    assert eqs[0].payoffs == (0, 0)


def test_battle_of_the_sexes():
    # pure (1,1), (0,0); mixed: column indifferent when 1*p = 2*(1-p) -> p = 2/3,
    # row indifferent when 2*q = 1*(1-q) -> q = 1/3
    bos = game2([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = cf(bos)
    assert first_probs(eqs) == {(1, 1), (0, 0), (F(2, 3), F(1, 3))}
    assert all(e.exact for e in eqs)


def test_degenerate_2x2_with_segment():
    # A = [[1,1],[0,1]], B = [[1,0],[0,1]].  Against q = 0 (column plays its second strategy) the row
    # player is indifferent (1 = 1); the column player's advantage of its first strategy is 2p - 1, so
    # q = 0 is a best reply iff p <= 1/2: the segment {(p, 0): 0 <= p <= 1/2} with extreme points
    # (0, 0) and (1/2, 0).  Against q > 0 the row player strictly prefers its first strategy (p = 1),
    # to which q = 1 is the unique reply: the isolated equilibrium (1, 1).
    g = game2([[1, 1], [0, 1]], [[1, 0], [0, 1]])
    eqs = cf(g)
    assert first_probs(eqs) == {(1, 1), (0, 0), (F(1, 2), 0)}
    assert eqs.degenerate and eqs.game_degenerate


def test_all_zero_2x2():
    # every profile is an equilibrium: the square's 4 corners are the extreme equilibria
    eqs = cf(game2([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert first_probs(eqs) == {(1, 1), (1, 0), (0, 1), (0, 0)}
    assert eqs.degenerate


def test_float_game_gives_float_probabilities():
    bos = game2([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    eqs = cf(bos)
    assert eqs.contains([[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    assert all(v.dtype == np.float64 for e in eqs for v in e.strategies)


def test_not_2x2_raises():
    g = tg.NormalFormGame.from_arrays([[1, 0], [0, 1], [2, 2]], [[1, 0], [0, 1], [2, 2]])
    with pytest.raises(tg.MethodError, match="2x2"):
        cf(g)
    with pytest.raises(tg.MethodError):
        tg.equilibria(g, method="closed_form")


# ------------------------------------------------------------------------------------------- 2x2x2 by hand
def test_cyclic_matching_pennies_unique_totally_mixed():
    # Player 1 wants to match player 2, player 2 to match player 3, player 3 to mismatch player 1
    # (payoff 1 on success, 0 otherwise).  The advantages are D1 = 2q - 1, D2 = 2r - 1, D3 = 1 - 2p.
    # A pure player forces the next one to be pure and the cycle contradicts itself, so nobody is pure:
    # all three indifferences give p = q = r = 1/2, the unique equilibrium.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for s in itertools.product((0, 1), repeat=3):
        u[(0, *s)] = s[0] == s[1]
        u[(1, *s)] = s[1] == s[2]
        u[(2, *s)] = s[2] != s[0]
    eqs = cf(tg.NormalFormGame(u))
    assert first_probs(eqs) == {(F(1, 2), F(1, 2), F(1, 2))}
    assert not eqs.degenerate


def test_mckelvey_mclennan_game(gambit_dir):
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_nfg(str(gambit_dir / "contrib__games__2x2x2.nfg"))
    assert "9 Nash equilibria, 2 totally mixed" in g.title
    eqs = cf(from_gambit(g))
    assert len(eqs) == 9 and eqs.complete and not eqs.degenerate
    totally_mixed = [e for e in eqs if all(len(s) == 2 for s in e.support)]
    assert len(totally_mixed) == 2
    # pygambit's enumpoly finds the same nine (to its tolerance)
    for e in gbt.nash.enumpoly_solve(g, use_strategic=True).equilibria:
        v = [float(x[0]) for x in gambit_profile(e, g)]
        assert eqs.contains([[x, 1 - x] for x in v], tol=1e-4)


def test_dummy_players_continuum():
    # players 2 and 3 are indifferent everywhere; player 1 gets (q - r)^2-like incentives:
    # u1(first) = 1 iff players 2 and 3 agree.  Every (q, r) with player 1 best-responding is an
    # equilibrium: a continuum.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for s in itertools.product((0, 1), repeat=3):
        u[(0, *s)] = (s[0] == 0) == (s[1] == s[2])
    eqs = cf(tg.NormalFormGame(u))
    assert eqs.degenerate and eqs.complete
    assert all(tg.is_nash(eqs.game, e) for e in eqs)
    # the pure profile (first, first, first) is an equilibrium (player 1 gets 1)
    assert eqs.contains([0, 0, 0])


def test_zero_game_2x2x2():
    eqs = cf(tg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int)))
    assert eqs.degenerate and len(eqs.pure()) == 8


# ------------------------------------------------------------------------------------------- peers, properties
small = st.integers(min_value=0, max_value=2)


@given(st.lists(small, min_size=8, max_size=8))
def test_2x2_equals_gambit_enummixed(values):
    gbt = pytest.importorskip("pygambit")
    arr = np.array(values).reshape(2, 2, 2)
    g = gambit_from_arrays(gbt, arr[0].astype(object), arr[1].astype(object))
    ref = gbt.nash.enummixed_solve(g, rational=True).equilibria
    expected = {tuple(F(str(x[0])) for x in gambit_profile(e, g)) for e in ref}
    eqs = cf(tg.NormalFormGame(arr))
    assert first_probs(eqs) == expected
    # a continuum iff two extreme equilibria share one player's strategy
    shared = any(a[0] == b[0] or a[1] == b[1] for a, b in itertools.combinations(expected, 2))
    assert eqs.degenerate == shared


def _totally_mixed_by_sympy(arr: np.ndarray) -> list[tuple] | None:
    """Totally mixed solutions of the three indifference equations, solved directly (None: a continuum)."""
    p, q, r = sp.symbols("p q r")
    x = (p, q, r)

    def w(v, s):
        return v if s == 0 else 1 - v

    eqs = []
    for i in range(3):
        total = 0
        for s in itertools.product((0, 1), repeat=3):
            if s[i] != 0:
                continue
            t = list(s)
            t[i] = 1
            weight = sp.Integer(1)
            for j in range(3):
                if j != i:
                    weight *= w(x[j], s[j])
            total += weight * (int(arr[(i, *s)]) - int(arr[(i, *t)]))
        eqs.append(sp.expand(total))
    sols = sp.solve(eqs, [p, q, r], dict=True)
    out = []
    for sol in sols:
        if len(sol) < 3 or any(v.free_symbols for v in sol.values()):
            return None
        vals = [complex(sol[v].evalf(30)) for v in x]
        if all(abs(v.imag) < 1e-12 and 0 < v.real < 1 for v in vals):
            out.append(tuple(v.real for v in vals))
    return out


@settings(max_examples=25)
@given(st.lists(st.integers(min_value=-4, max_value=4), min_size=24, max_size=24))
def test_2x2x2_totally_mixed_match_direct_solution(values):
    arr = np.array(values).reshape(3, 2, 2, 2)
    eqs = cf(tg.NormalFormGame(arr))
    assert all(tg.is_nash(eqs.game, e) for e in eqs)
    direct = _totally_mixed_by_sympy(arr)
    if direct is None:
        return
    mine = [e for e in eqs if all(len(s) == 2 for s in e.support)]
    for point in direct:
        assert eqs.contains([[x, 1 - x] for x in point], tol=1e-9)
    if not eqs.degenerate:
        assert len(mine) == len({tuple(round(x, 9) for x in pt) for pt in direct})
    for e in mine:
        if not e.exact:  # an irrational root, refined to double precision
            assert all(abs(float(r)) < 1e-12 for r in tg.regret(eqs.game, e))


@settings(max_examples=15)
@given(st.lists(st.integers(min_value=-9, max_value=9), min_size=24, max_size=24))
def test_2x2x2_contains_gambit_enumpoly(values):
    gbt = pytest.importorskip("pygambit")
    arr = np.array(values).reshape(3, 2, 2, 2)
    eqs = cf(tg.NormalFormGame(arr))
    g = gambit_from_arrays(gbt, *[arr[i].astype(object) for i in range(3)])
    for e in gbt.nash.enumpoly_solve(g, use_strategic=True).equilibria:
        v = [float(x[0]) for x in gambit_profile(e, g)]
        assert eqs.contains([[x, 1 - x] for x in v], tol=1e-4)


@given(
    st.lists(st.integers(-3, 3), min_size=24, max_size=24),
    st.lists(st.integers(1, 5), min_size=3, max_size=3),
    st.lists(st.integers(-5, 5), min_size=3, max_size=3),
)
def test_affine_invariance(values, scales, shifts):
    arr = np.array(values).reshape(3, 2, 2, 2)
    moved = np.stack([scales[i] * arr[i] + shifts[i] for i in range(3)])
    a, b = cf(tg.NormalFormGame(arr)), cf(tg.NormalFormGame(moved))
    assert len(a) == len(b) and a.degenerate == b.degenerate
    assert all(b.contains(e.strategies) for e in a)


def test_float_and_exact_agree():
    arr = np.array([[[[9, 0], [0, 3]], [[0, 3], [9, 0]]], [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
                    [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]])
    exact, floating = cf(tg.NormalFormGame(arr)), cf(tg.NormalFormGame(arr.astype(float)))
    assert len(exact) == len(floating) == 9
    assert all(floating.contains(e.strategies) for e in exact)


# ------------------------------------------------------------------------------------------- symbolic
def _numeric_points(eqs: tg.EquilibriumSet, values: dict) -> list[list[float]]:
    """The symbolic equilibria whose condition holds at ``values``, evaluated there."""
    subs = {sp.Symbol(k): v for k, v in values.items()}
    out = []
    for e in eqs:
        condition = e.condition.xreplace(subs) if e.condition is not True else True
        if bool(condition):
            out.append([float(sp.N(v[0].xreplace(subs), 30)) for v in e.strategies])
    return out


def _same_sets(points: list[list[float]], numeric: tg.EquilibriumSet) -> None:
    assert all(numeric.contains([[x, 1 - x] for x in pt], tol=1e-9) for pt in points)
    for e in numeric:
        assert any(all(abs(float(v[0]) - x) < 1e-9 for v, x in zip(e.strategies, pt)) for pt in points)


SYMBOLS_2X2 = sp.symbols("a0:8")
SYMBOLIC_2X2 = game2([[SYMBOLS_2X2[0], SYMBOLS_2X2[1]], [SYMBOLS_2X2[2], SYMBOLS_2X2[3]]],
                     [[SYMBOLS_2X2[4], SYMBOLS_2X2[5]], [SYMBOLS_2X2[6], SYMBOLS_2X2[7]]])


@pytest.fixture(scope="module")
def symbolic_2x2():
    return cf(SYMBOLIC_2X2)


@given(st.lists(st.integers(0, 2), min_size=8, max_size=8))
def test_symbolic_2x2_equals_numeric(symbolic_2x2, values):
    point = {f"a{k}": v for k, v in enumerate(values)}
    _same_sets(_numeric_points(symbolic_2x2, point), cf(SYMBOLIC_2X2.subs(point)))


T = sp.Symbol("t")
# the McKelvey-McLennan game with player 1's payoff at (first, first, first) replaced by t
MM_T = [[[[T, 0], [0, 3]], [[0, 3], [9, 0]]], [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
        [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]]


@pytest.fixture(scope="module")
def symbolic_mm():
    return cf(tg.NormalFormGame(MM_T))


special_t = st.sampled_from([F(0), F(6), F(9), F(21, 2), F(12), F(27, 2), F(15), F(3)])


@settings(max_examples=20)
@given(st.one_of(special_t, st.fractions(min_value=-20, max_value=30, max_denominator=7)))
def test_symbolic_2x2x2_equals_numeric(symbolic_mm, t):
    game = tg.NormalFormGame(MM_T).subs(t=t)
    numeric = cf(game)
    points = _numeric_points(symbolic_mm, {"t": sp.Rational(t.numerator, t.denominator)})
    _same_sets(points, numeric)


def test_symbolic_original_game_is_recovered(symbolic_mm):
    # at t = 9 the game is the McKelvey-McLennan game: 9 equilibria, 2 totally mixed
    points = _numeric_points(symbolic_mm, {"t": sp.Integer(9)})
    assert len({tuple(round(x, 9) for x in pt) for pt in points}) == 9


def test_symbolic_conditions_are_weak_for_pure_nash():
    b = sp.Symbol("b")
    eqs = cf(game2([[b, 0], [0, 1]], [[1, 0], [0, 1]]))
    top = [e for e in eqs if e.is_pure and e.strategies[0][0] == 1]
    # (first, first) is an equilibrium iff b >= 0 (weak: at b = 0 the row player is indifferent)
    assert len(top) == 1 and top[0].condition.xreplace({b: 0}) is sp.true
    assert top[0].condition.xreplace({b: -1}) is sp.false


def test_symbolic_2x2x2_continuum_condition_is_exact_when_dominance_reduces_the_game() -> None:
    import sympy

    x = sympy.Symbol("x", real=True)
    # Player 1 gets x from its first strategy and 1 from its second, whatever the others do; players 2 and 3
    # get 1 from their first strategy and 0 from their second.  Players 2 and 3 play their first strategy in
    # every equilibrium; player 1 is indifferent, so mixes freely (a continuum), exactly when x = 1.
    u1 = [[[x if a == 0 else 1 for c in range(2)] for b in range(2)] for a in range(2)]
    u2 = [[[1 if b == 0 else 0 for c in range(2)] for b in range(2)] for a in range(2)]
    u3 = [[[1 if c == 0 else 0 for c in range(2)] for b in range(2)] for a in range(2)]
    found = tg.equilibria(tg.NormalFormGame.from_arrays(u1, u2, u3), method="closed_form")
    assert found.degenerate
    assert "continuum of equilibria exactly when: Eq(x, 1)" in found.notes
    # With x**2 + 2 in place of x, player 1 strictly prefers its first strategy at every real x: no continuum.
    v1 = [[[x**2 + 2 if a == 0 else 1 for c in range(2)] for b in range(2)] for a in range(2)]
    found = tg.equilibria(tg.NormalFormGame.from_arrays(v1, u2, u3), method="closed_form")
    assert not found.degenerate
    assert len(found) == 1
