"""The decision procedure for conditions on parameters (trigame.statics.decision), module by module.

Expected values are derived by hand in the comments; the verdicts are checked for soundness against exact
evaluation on rational grids (a clause proved empty holds at no grid point; a witness satisfies its clause).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import UnsupportedGameError
from trigame.statics.decision import Space, conjoin, poly_eval
from trigame.statics.decision.algebraic import _algebraic_sign, _simplest_between, _threshold_condition
from trigame.statics.decision.boxes import _narrow
from trigame.statics.decision.clauses import _merge, _subsumes
from trigame.statics.decision.linear import FM_LIMIT, _fourier_motzkin
from trigame.statics.decision.polynomials import _sign, _substitute, poly_sign
from trigame.statics.decision.univariate import _univariate

F = Fraction
FEW = settings(max_examples=30, deadline=None)


# ------------------------------------------------------------------------------------------------ polynomials
def test_substitution_and_evaluation_are_exact():
    # x^2 + y with x := y + 1 is y^2 + 2y + 1 + y = y^2 + 3y + 1; at y = 1/3: 1/9 + 1 + 1 = 19/9
    p = {(2, 0): F(1), (0, 1): F(1)}
    q = _substitute(p, 0, {(0, 1): F(1), (0, 0): F(1)})
    assert q == {(0, 2): F(1), (0, 1): F(3), (0, 0): F(1)}
    assert poly_eval(q, (F(0), F(1, 3))) == F(19, 9)


# ------------------------------------------------------------------------------------------------ clauses
def test_clause_bookkeeping():
    # p > 0 or p = 0 is p >= 0; p > 0 and p < 0 contradict; {p >= 0} contains {p > 0, q = 0}
    assert _merge([{0: frozenset({1})}, {0: frozenset({0})}]) == [{0: frozenset({0, 1})}]
    assert _merge([{0: frozenset({1})}, {0: frozenset({-1, 0})}]) == [{}]  # every sign: no condition
    assert conjoin({0: frozenset({1})}, {0: frozenset({-1})}) is None
    assert conjoin({0: frozenset({0, 1})}, {1: frozenset({0})}) == {0: frozenset({0, 1}), 1: frozenset({0})}
    assert _subsumes({0: frozenset({0, 1})}, {0: frozenset({1}), 1: frozenset({0})})
    assert not _subsumes({0: frozenset({1})}, {0: frozenset({0, 1})})


# ------------------------------------------------------------------------------------------------ algebraic
def test_simplest_rational_between():
    # in [13/10, 3/2] no integer; the only halves are 3/2; in [1/3, 1/2] the denominator 2 is smallest: 1/2;
    # [-5/2, -1/3] holds -1; an interval around 0 gives 0
    assert _simplest_between(F(13, 10), F(3, 2)) == F(3, 2)
    assert _simplest_between(F(1, 3), F(1, 2)) == F(1, 2)
    assert _simplest_between(F(-5, 2), F(-1, 3)) == -1
    assert _simplest_between(F(-1, 7), F(1, 9)) == 0
    # (0.3, 0.35): thirds give 1/3 = 0.333...
    assert _simplest_between(F(3, 10), F(35, 100)) == F(1, 3)


def test_signs_of_real_algebraic_numbers():
    # sqrt(2) = 1.41421...: sqrt(2) - 141/100 > 0, sqrt(2) - 142/100 < 0; (1 + sqrt(5))/2 - 1 > 0
    assert _algebraic_sign(sympy.sqrt(2) - sympy.Rational(141, 100)) == 1
    assert _algebraic_sign(sympy.sqrt(2) - sympy.Rational(142, 100)) == -1
    assert _algebraic_sign((1 + sympy.sqrt(5)) / 2 - 1) == 1
    assert _algebraic_sign(sympy.sqrt(8) - 2 * sympy.sqrt(2)) == 0
    # pi is not algebraic: a clear error, not SymPy's NotAlgebraic (which escaped before)
    with pytest.raises(UnsupportedGameError, match="not an algebraic number"):
        _algebraic_sign(sympy.pi - 3)
    x = sympy.Symbol("x")
    with pytest.raises(UnsupportedGameError, match="not an algebraic number"):
        Space((x,), {x: (0, False, None, True)}).sign_condition(x - sympy.pi, {1})


def test_threshold_at_sqrt_two_is_rewritten_over_the_rationals():
    # m = t^2 - 2 has roots -sqrt(2) < sqrt(2); the simplest rational between them is 0, and sqrt(2) is the
    # largest root (no upper separator); m > 0 just right of sqrt(2), so x > sqrt(2) <=> x > 0 and x^2 > 2
    x = sympy.Symbol("x")
    condition, m, ends = _threshold_condition(x, sympy.sqrt(2), frozenset({1}))
    assert sympy.expand(m - (x**2 - 2)) == 0
    assert ends == [0]
    for q in (F(-2), F(-1), F(0), F(1), F(7, 5), F(71, 50), F(3, 2), F(3)):
        value = bool(condition.subs(x, sympy.Rational(q.numerator, q.denominator)))
        assert value == (q > 0 and q * q > 2), q


@FEW
@given(st.fractions(min_value=-4, max_value=4, max_denominator=50), st.sampled_from([-1, 0, 1]))
def test_threshold_condition_agrees_with_the_comparison(q, wanted):
    # sign(x - r) for r = -sqrt(3) (the smallest root of t^2 - 3: only an upper separator) at rational x
    x = sympy.Symbol("x")
    r = -sympy.sqrt(3)
    condition, _, ends = _threshold_condition(x, r, frozenset({wanted}))
    assert len(ends) == 1
    value = bool(condition.subs(x, sympy.Rational(q.numerator, q.denominator)))
    # q < -sqrt(3) <=> q < 0 and q^2 > 3; q never equals the irrational r
    below = q < 0 and q * q > 3
    assert value == {-1: below, 0: False, 1: not below}[wanted]


# ------------------------------------------------------------------------------------------------ univariate
def test_univariate_conditions_by_root_isolation():
    # x^2 - 2 < 0 on x >= 0 is [0, sqrt(2)): nonempty, its closed hull starts at 0 and ends at or above sqrt(2)
    nonempty, witness, (low, _, high, _) = _univariate([({2: F(1), 0: F(-2)}, frozenset({-1}))],
                                                       (F(0), False, None, True))
    assert nonempty and witness is not None and 0 <= witness and witness * witness < 2
    assert low == 0 and high is not None and high * high >= 2  # an outer bound: the end of an isolating interval
    # x^2 + 1 < 0 nowhere
    assert _univariate([({2: F(1), 0: F(1)}, frozenset({-1}))], (None, True, None, True))[0] is False
    # (x - 1)(x - 2) = x^2 - 3x + 2 = 0 and x > 3/2: only x = 2
    nonempty, witness, _ = _univariate([({2: F(1), 1: F(-3), 0: F(2)}, frozenset({0})),
                                        ({1: F(1), 0: F(-3, 2)}, frozenset({1}))], (None, True, None, True))
    assert nonempty and witness == 2


# ------------------------------------------------------------------------------------------------ boxes
def test_a_clause_pinning_a_parameter_substitutes_it():
    # atoms: 2x - 1 (= 0 pins x = 1/2) and x + y - 1 (> 0 becomes y > 1/2, a condition on y alone)
    atoms = [{(1, 0): F(2), (0, 0): F(-1)}, {(1, 0): F(1), (0, 1): F(1), (0, 0): F(-1)}]
    domain = [(F(0), False, F(1), False)] * 2
    box = _narrow(atoms, domain, {0: frozenset({0}), 1: frozenset({1})})
    assert box.pinned == {0: F(1, 2)} and not box.empty and box.separable
    assert box.bounds[1][0] == F(1, 2) and box.bounds[1][1]  # y > 1/2 (open)
    assert _narrow(atoms, domain, {0: frozenset({0}), 1: frozenset({-1})}).separable  # y < 1/2: nonempty
    # x = 1/2 and x + y - 1 > 0 with y <= 0: y > 1/2 contradicts the domain of y
    assert _narrow(atoms, [domain[0], (F(-1), False, F(0), False)], {0: frozenset({0}), 1: frozenset({1})}).empty


# ------------------------------------------------------------------------------------------------ linear
def test_fourier_motzkin_by_hand():
    # x >= 0, y >= 0, x + y <= -1: adding the three gives 0 <= -1, empty
    assert _fourier_motzkin([], [({0: F(1)}, F(0), False), ({1: F(1)}, F(0), False),
                                 ({0: F(-1), 1: F(-1)}, F(-1), False)]) is False
    # x = y, x >= 1, y <= 2: x = y = 1
    assert _fourier_motzkin([({0: F(1), 1: F(-1)}, F(0))], [({0: F(1)}, F(-1), False),
                                                           ({1: F(-1)}, F(2), False)]) is True
    # x >= 0 and x <= 0 meet at 0; x > 0 and x <= 0 do not
    assert _fourier_motzkin([], [({0: F(1)}, F(0), False), ({0: F(-1)}, F(0), False)]) is True
    assert _fourier_motzkin([], [({0: F(1)}, F(0), True), ({0: F(-1)}, F(0), False)]) is False
    # 0 = 1
    assert _fourier_motzkin([({}, F(1))], []) is False
    assert FM_LIMIT > 0


def test_linear_relaxation_proves_products_empty():
    # on a, b in [0, 1]: a b <= 1 (interval arithmetic), so a b > 1 is empty and a b >= 1 holds at (1, 1) only;
    # a b > a + b is empty too: a b <= a (McCormick, b <= 1) and b >= 0
    a, b = sympy.symbols("a b")
    space = Space((a, b), {a: (0, False, 1, False), b: (0, False, 1, False)})
    assert [space.feasible(c) for c in space.dnf(a * b > 1)] == [False]
    (clause,) = space.dnf(a * b >= 1)
    assert space.feasible(clause) is True and space.witness(clause) == (1, 1)
    assert all(space.feasible(c, prove=False) is False for c in space.dnf(a * b - a - b > 0))


# ------------------------------------------------------------------------------------------------ the space
GRID = [F(k, 4) for k in range(-4, 9)]  # -1, -3/4, ..., 2
coefficient = st.integers(min_value=-2, max_value=2)


@FEW
@given(st.lists(st.tuples(coefficient, coefficient, coefficient, coefficient), min_size=1, max_size=3),
       st.lists(st.sampled_from([">", ">=", "=", "<"]), min_size=3, max_size=3))
def test_verdicts_are_sound_on_a_grid(rows, relations):
    # each row is c0 + c1 x + c2 y + c3 x y; the clause is their conjunction on x, y in [-1, 2].  Whatever the
    # verdict, it must agree with exact evaluation: proved empty -> no grid point satisfies it; a witness
    # satisfies it exactly.
    x, y = sympy.symbols("x y")
    space = Space((x, y), {x: (-1, False, 2, False), y: (-1, False, 2, False)})
    ops = {">": lambda e: e > 0, ">=": lambda e: e >= 0, "=": lambda e: sympy.Eq(e, 0), "<": lambda e: e < 0}
    parts = [ops[r](c0 + c1 * x + c2 * y + c3 * x * y) for (c0, c1, c2, c3), r in zip(rows, relations)]
    condition = sympy.And(*parts)
    if condition in (sympy.true, sympy.false):
        return
    clauses = space.dnf(condition)
    for clause in clauses:
        verdict = space.feasible(clause)
        if verdict is False:
            assert not any(space.holds(clause, p) for p in itertools.product(GRID, GRID))
        if verdict is True:
            point = space.witness(clause)
            if point is not None:
                assert space.holds(clause, point)
                assert condition.subs({x: sympy.Rational(point[0].numerator, point[0].denominator),
                                       y: sympy.Rational(point[1].numerator, point[1].denominator)}) == sympy.true
    # the simplified DNF is equivalent on the grid
    simplified = space.simplify(clauses)
    for p in itertools.product(GRID, GRID):
        assert space.evaluate(simplified, p) == space.evaluate(clauses, p)


# ------------------------------------------------------------------------------------------------ partitions
def _unit_square():
    x, y = sympy.symbols("x y", real=True)
    unit = (0, False, 1, False)
    return Space((x, y), {x: unit, y: unit}), x, y


def test_partition_by_hand():
    # On [0, 1]^2, A = (x > y) and B = (x > 1/2) take all four truth values: (1, 0) has A and B,
    # (1/2, 0) A alone, (3/4, 1) B alone, (0, 1) neither.  C = (y > 3/4 or x < 1/4) holds at (0, 1) and
    # (0, 0) through either clause, fails at (1/2, 0).  The tree splits on the conditions' atoms only.
    from trigame.statics.decision.partition import locate, partition

    space, x, y = _unit_square()
    a, b, c = space.dnf(x > y), space.dnf(x > F(1, 2)), space.dnf(sympy.Or(y > F(3, 4), x < F(1, 4)))
    leaves, tree = partition(space, [a, b, c])
    assert {leaf.truth[:2] for leaf in leaves} == {(True, True), (True, False), (False, True), (False, False)}
    assert all(leaf.verdict and space.holds(leaf.clause, leaf.witness) for leaf in leaves)
    assert {k for leaf in leaves for k in leaf.clause} == {k for d in a + b + c for k in d}
    for point, truth in (((1, 0), (True, True, False)), ((F(1, 2), 0), (True, False, False)),
                         ((F(3, 4), 1), (False, True, True)), ((0, 1), (False, False, True)),
                         ((0, 0), (False, False, True))):
        signs = {k: (v > 0) - (v < 0) for k in range(len(space.atoms))
                 for v in [poly_eval(space.atoms[k], [F(c) for c in point])]}
        assert leaves[locate(tree, signs)].truth == truth


def test_partition_cuts_a_zero_set_off_only_where_a_condition_needs_it():
    # On [0, 1]^2 the single condition 2x - 1 >= 0 holds on {x >= 1/2} and fails on {x < 1/2}: two leaves,
    # the line x = 1/2 inside the first (no condition tells it apart).  With 2x - 1 > 0 as well, the line
    # is where the two differ (the first holds, the second not): three leaves, the line one of them.
    from trigame.statics.decision.partition import locate, partition

    space, x, _ = _unit_square()
    weak, strict = space.dnf(2 * x - 1 >= 0), space.dnf(2 * x - 1 > 0)
    leaves, tree = partition(space, [weak])
    assert sorted(leaf.truth for leaf in leaves) == [(False,), (True,)]
    (k,) = {k for leaf in leaves for k in leaf.clause}
    assert leaves[locate(tree, {k: 0})].truth == leaves[locate(tree, {k: 1})].truth == (True,)
    on_line = next(leaf for leaf in leaves if leaf.truth == (True,))
    assert on_line.witness[0] > F(1, 2)  # the witness is generic: off the zero set the leaf does not pin
    leaves, tree = partition(space, [weak, strict])
    assert sorted(leaf.truth for leaf in leaves) == [(False, False), (True, False), (True, True)]
    assert leaves[locate(tree, {k: 0})].truth == (True, False)


_LITERALS = st.lists(st.tuples(st.sampled_from(["x - y", "x*y - 1/4", "x + y - 1", "x**2 - y", "2*x - 1"]),
                               st.sampled_from([">", ">=", "=="])), min_size=1, max_size=3)


@settings(max_examples=12, deadline=None)
@given(conditions=st.lists(st.lists(_LITERALS, min_size=1, max_size=2), min_size=1, max_size=3))
def test_partition_leaves_decide_every_condition_exactly(conditions):
    # Invariant: every point of the domain lies in a leaf (children are dropped only when proved empty),
    # and on that leaf each condition's truth value is the one exact evaluation gives at the point.  The
    # tree, used as an oracle afterwards, never contradicts exact points either.
    from trigame.statics.decision import nlsat
    from trigame.statics.decision.partition import decide, locate, partition

    space, x, y = _unit_square()
    relation = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "==": sympy.Eq}
    dnfs = []
    for condition in conditions:  # a disjunction of conjunctions, built from SymPy objects (no strings parsed)
        terms = {"x - y": x - y, "x*y - 1/4": x * y - F(1, 4), "x + y - 1": x + y - 1, "x**2 - y": x**2 - y,
                 "2*x - 1": 2 * x - 1}
        dnfs.append(space.dnf(sympy.Or(*(sympy.And(*(relation[r](terms[t], 0) for t, r in conj))
                                         for conj in condition))))
    leaves, tree = partition(space, dnfs)
    verdicts = [(clause, *decide(tree, leaves, clause)) for d in dnfs for clause in d]
    for i, j in itertools.product(range(9), repeat=2):
        point = (F(i, 8), F(j, 8))
        signs = {k: (v > 0) - (v < 0) for k in range(len(space.atoms))
                 for v in [poly_eval(space.atoms[k], point)]}
        index = locate(tree, signs)
        assert index is not None
        leaf = leaves[index]
        assert leaf.truth == tuple(space.evaluate(d, point) for d in dnfs)
        for clause, verdict, witness in verdicts:
            if verdict is False:
                assert not space.holds(clause, point)
            if verdict is True:  # no witness: a leaf inside the clause holds irrational points only (nlsat)
                assert space.holds(clause, witness) if witness is not None else (
                    nlsat.decide(space.atoms, space.bounds, clause)[0] is True)


def test_refinement_of_a_clause_proved_empty_needs_no_procedure(monkeypatch):
    # On [0, 1]^2, x > y and x + y < 0 is empty (x > y >= 0 gives x + y > 0).  Adding 2x - 1 > 0, or
    # narrowing x - y > 0 further, refines it: empty too, answered from the recorded empty clause alone.
    space, x, y = _unit_square()
    (base,) = space.dnf(sympy.And(x > y, x + y < 0))
    (extra,) = space.dnf(2 * x - 1 > 0)
    assert space.feasible(base, prove=False) is False

    def refuse(*args, **kwargs):
        raise AssertionError("a decision procedure was run")

    monkeypatch.setattr(space, "_eliminate", refuse)
    assert space.feasible({**base, **extra}, prove=False) is False
    (nonempty,) = space.dnf(sympy.And(x > y, 2 * x - 1 > 0))  # not a refinement: it must reach the procedure
    with pytest.raises(AssertionError, match="decision procedure"):
        space.feasible(nonempty, prove=False)


_FRACTIONS = st.fractions(min_value=-20, max_value=20, max_denominator=30)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 2)), _FRACTIONS, max_size=6),
       st.tuples(_FRACTIONS, _FRACTIONS, _FRACTIONS), st.booleans())
def test_polynomial_sign_in_integers_is_the_exact_sign(p: dict[tuple[int, ...], Fraction],
                                                       point: tuple[Fraction, ...], on_zero: bool) -> None:
    # The integer route (scaled by the common denominators) gives the sign of the exact Fraction value,
    # including at points where the polynomial vanishes (p minus its value at the point).
    p = {m: c for m, c in p.items() if c}
    if on_zero:
        value = poly_eval(p, point)
        p = {**p, (0, 0, 0): p.get((0, 0, 0), Fraction(0)) - value}
        p = {m: c for m, c in p.items() if c}
        assert poly_sign(p, point) == 0
    assert poly_sign(p, point) == _sign(poly_eval(p, point))
    assert poly_sign(p, tuple(int(x) for x in point)) == _sign(poly_eval(p, tuple(int(x) for x in point)))
