"""Fast paths of the symbolic subgame-perfect regimes, pinned against the plain SymPy computations they replace.

* Rational functions are brought to lowest terms in SymPy's sparse field of rational functions instead of
  ``sympy.cancel`` on the expression tree: the expression written back must be *identical* (structurally)
  to ``sympy.cancel(sympy.expand(value))``, which the solver used before, since payoffs, probabilities and
  conditions are compared and displayed as expressions.
"""

from __future__ import annotations

from unittest import mock

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.tree._arith import _clean, as_cancelled, cancelled_difference, rational_element

X, Y, Z = sympy.symbols("x y z")
B = sympy.Symbol("b_2", positive=True)
A10 = sympy.Symbol("a10")
A9 = sympy.Symbol("a9")
SYMBOLS = (X, Y, Z, B, A10, A9)

coefficients = st.fractions(min_value=-4, max_value=4, max_denominator=6).map(
    lambda f: sympy.Rational(f.numerator, f.denominator))


@st.composite
def polynomials(draw: st.DrawFn) -> sympy.Expr:
    terms = draw(st.lists(st.tuples(coefficients, st.lists(st.sampled_from(SYMBOLS), max_size=3)), max_size=4))
    return sympy.Add(*(c * sympy.Mul(*m) for c, m in terms))


@st.composite
def rational_expressions(draw: st.DrawFn) -> sympy.Expr:
    # sums, products, quotients and powers of polynomials, left unexpanded (as a solver builds them)
    value = draw(polynomials())
    for _ in range(draw(st.integers(0, 3))):
        other = draw(polynomials())
        how = draw(st.sampled_from(["+", "-", "*", "/", "**"]))
        if how == "+":
            value = value + other
        elif how == "-":
            value = value - other
        elif how == "*":
            value = value * other
        elif how == "/" and other != 0:
            value = value / other
        elif how == "**":
            value = value ** draw(st.integers(-2, 2)) if value != 0 else value
    return value


@settings(max_examples=60, deadline=None)
@given(rational_expressions())
def test_clean_is_sympy_cancel_expression_for_expression(value: sympy.Expr) -> None:
    # The reference is SymPy's own cancel of the expanded expression; equality is structural (==), and the
    # class must match too (an Integer stays an Integer, a Mul a Mul).
    expected = sympy.cancel(sympy.expand(value))
    got = _clean(value)
    assert got == expected
    assert type(got) is type(expected)


@settings(max_examples=40, deadline=None)
@given(rational_expressions(), rational_expressions())
def test_differences_in_the_field_are_sympy_cancel(a: sympy.Expr, b: sympy.Expr) -> None:
    # Elements over a common set of symbols (more than either uses) subtract in the field; written back,
    # the difference is what cancelling the difference of the expressions gives.
    fa, fb = rational_element(a, SYMBOLS), rational_element(b, SYMBOLS)
    assert as_cancelled(fa - fb) == sympy.cancel(sympy.expand(a - b))
    # what a perfect-information node compares: the difference of two (cleaned) payoffs, as sympy.cancel
    # writes it, whether or not the payoffs were written by the field before
    assert cancelled_difference(a, b) == sympy.cancel(a - b)
    assert cancelled_difference(_clean(a), _clean(b)) == sympy.cancel(a - b)
    assert cancelled_difference(sympy.sqrt(2) * a, b) == sympy.cancel(sympy.sqrt(2) * a - b)


def test_differences_of_numbers_are_sympy_cancel() -> None:
    # Python numbers are sympified first: 3 - x is -x + 3, 1/2 - 1/3 is 1/6, and 2 - 2 is 0 (SymPy's zero).
    from fractions import Fraction

    assert cancelled_difference(3, X) == sympy.cancel(3 - X) == 3 - X
    assert cancelled_difference(X, Fraction(1, 3)) == X - sympy.Rational(1, 3)
    assert cancelled_difference(Fraction(1, 2), Fraction(1, 3)) == sympy.Rational(1, 6)
    assert cancelled_difference(2, 2) is sympy.S.Zero


def test_what_is_not_a_rational_function_goes_to_sympy() -> None:
    # floats, radicals, constants such as pi and other functions are left to sympy.cancel (a float 2.0 would
    # otherwise become the integer 2 in the field over the integers)
    for value in (2.0 * X + Y / 3, sympy.sqrt(2) * X / (X + 1), sympy.pi * X, sympy.exp(X) / X, sympy.sqrt(X + Y)):
        assert rational_element(value) is None
        assert _clean(value) == sympy.cancel(sympy.expand(value))
    assert rational_element(X + Y, (X,)) is None  # a symbol outside the field's
    assert _clean(sympy.Rational(3, 4)) == sympy.Rational(3, 4)
    assert _clean(sympy.Float(0.5)) == sympy.Float(0.5)


@settings(max_examples=40, deadline=None)
@given(rational_expressions(), st.sampled_from([{1}, {0, 1}, {0}, {-1, 1}, {-1}]))
def test_a_conditions_clauses_are_the_plain_paths(value: sympy.Expr, signs: set[int]) -> None:
    # The clauses (and atoms) of a sign condition read through the field are those read through the plain
    # path (sympy.cancel of the expression brought together), which the field replaces; the numerator and
    # denominator may differ from SymPy's by a positive constant factor (x/2 + 1 against x + 2), which
    # changes no sign and no atom.
    from trigame.statics.decision import Space

    fast, plain = Space(SYMBOLS, {}), Space(SYMBOLS, {})
    with mock.patch("trigame.games.tree._arith.field_element", lambda value, symbols: None):
        expected = plain.sign_condition(value, signs)
        numerator, denominator = plain._fraction_of(value)
    assert fast.sign_condition(value, signs) == expected
    assert fast.atoms == plain.atoms
    top, bottom = fast._fraction_of(value)
    assert sympy.expand(top * denominator - numerator * bottom) == 0
    ratio = sympy.cancel(bottom / denominator)
    assert ratio.is_Rational and ratio > 0


@settings(max_examples=40, deadline=None)
@given(polynomials(), polynomials())
def test_a_negated_polynomials_factors_are_its_own(a: sympy.Expr, b: sympy.Expr) -> None:
    # A sign condition factors each numerator once and reads -p's factors from p's: SymPy's factor_list
    # must give -p the same factors and the negated constant (it makes factors primitive with a positive
    # leading coefficient).  Products are tried too, so that there are several factors.
    from trigame.statics.decision import Space

    for p in (sympy.expand(a), sympy.expand(a * b)):
        if not p.free_symbols:
            continue
        constant, factors = sympy.factor_list(p, *SYMBOLS)
        assert sympy.factor_list(-p, *SYMBOLS) == (-constant, factors)
        space = Space(SYMBOLS, {})
        polys = [(space.poly(f), m) for f, m in factors]
        assert space._factored(-p) == (-space._constant(constant), polys)  # factored
        assert space._factored(p) == (space._constant(constant), polys)  # read from -p's


@st.composite
def relations(draw: st.DrawFn) -> sympy.Basic:
    # sign conditions on small polynomials, written either way round (x > y and y < x have one canonical
    # form), with their negations, so that duplicates and contradictions occur
    p = sympy.expand(draw(polynomials()))
    relation = draw(st.sampled_from([sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt, sympy.Eq, sympy.Ne]))
    value = relation(p, 0) if draw(st.booleans()) else relation(0, -p)
    if value in (sympy.true, sympy.false) or draw(st.integers(0, 4)) > 0:
        return value
    return sympy.Or(value, relation(p, 1))


@st.composite
def conditions(draw: st.DrawFn) -> list[sympy.Basic]:
    pool = draw(st.lists(relations(), min_size=1, max_size=5))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
        parts.append(sympy.And(*chosen) if draw(st.booleans()) else chosen[0])
    if draw(st.integers(0, 5)) == 0:
        parts.append(sympy.Not(parts[0]))
    return parts


@settings(max_examples=100, deadline=None)
@given(conditions())
def test_conjunctions_are_sympys(parts: list[sympy.Basic]) -> None:
    # The solver conjoins conditions with each argument's sort key and canonical form computed once: the
    # result must be SymPy's And of the same parts, argument for argument in the same order (duplicates up
    # to canonical form dropped, false when a relation meets its negation), with its free symbols.  This pins
    # the rebuild from SymPy's internals against the installed SymPy only, on conditions without Boolean
    # symbols (the only ones a backward induction builds; older SymPy versions check those symbols in
    # binary_check_and_simplify, which the rebuild leaves out), and where the internals are missing the
    # conjunction is SymPy's And itself (the next test).
    from trigame.solve.subgame_perfect._pieces import _conjunction

    got, symbols = _conjunction(parts)
    expected = sympy.And(*parts)
    assert got == expected
    assert got.args == expected.args
    assert type(got) is type(expected)
    assert symbols == expected.free_symbols


def test_conjunctions_fall_back_to_sympys_and_without_its_internals(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the SymPy internals the rebuild reads are missing (another SymPy version), the conjunction is
    # sympy.And of the parts: x > 0 twice and y <= 1 give (x > 0) & (y <= 1); x > 0 with its negation false.
    # (Simulated: reading an argument's sort key fails as ``from sympy.core.sorting import _nodes`` or a
    # missing attribute would; removing them from SymPy itself would break sympy.And too.)
    from trigame.solve.subgame_perfect import _pieces

    x, y = sympy.symbols("x y")
    for error in (ImportError, AttributeError):
        def missing(arg: sympy.Basic, error: type[Exception] = error) -> None:
            raise error("_nodes")

        with monkeypatch.context() as patch:
            patch.setattr(_pieces, "_argument", missing)
            got, symbols = _pieces._conjunction([x > 0, sympy.And(x > 0, y <= 1)])
            assert got == sympy.And(x > 0, y <= 1)
            assert symbols == {x, y}
            assert _pieces._conjunction([x > 0, x <= 0])[0] == sympy.false


def test_a_regimes_condition_is_written_when_first_read() -> None:
    # A regime keeps its simplified clauses and writes the readable condition on first read: the same
    # condition as writing it at once (space.to_sympy of the clauses), kept once read, the same after a
    # pickle taken before any read, and a condition given to the constructor is kept as it is.
    import dataclasses
    import pickle

    import trigame as tg
    from trigame.models import BayesianLateralPressure
    from trigame.statics.regime_set import Regime, _Unwritten

    rs = tg.statics.regimes(BayesianLateralPressure(), free=["prior_low_cost", "pressing_cost", "us_gain"])
    space = rs._problem.space
    copies = pickle.loads(pickle.dumps(rs))
    assert all(type(r.__dict__["condition"]) is _Unwritten for r in rs)
    for regime, copy in zip(rs, copies):
        expected = space.to_sympy(regime._clauses)
        assert regime.condition == expected
        assert regime.__dict__["condition"] is regime.condition  # kept
        assert copy.condition == expected
    regime = rs[0]
    given = dataclasses.replace(regime, condition=sympy.true)
    assert given.condition == sympy.true
    assert "condition" in {f.name for f in dataclasses.fields(Regime)}


def test_a_regimes_condition_does_not_depend_on_when_it_is_first_read() -> None:
    # A condition read after the space has met an irrational threshold on x (x > sqrt(2)/2, through
    # space.dnf, as a later regime's condition or a regime map may) is written as it was when the regime was
    # built: here with no parameter compared with an irrational threshold, so clause by clause, the form an
    # immediate read of a fresh regime set gives (no sqrt is met while this tree is solved).  Written with
    # x's literals grouped into sets instead, A's "L" condition y (3x - 1)(3x - 2) <= 0 would merge the
    # clauses x = 2/3, y > 0 and 1/3 <= x < 2/3, y > 0 into 1/3 <= x <= 2/3, y > 0.
    from trigame.games.tree import Decision, GameTree, Terminal
    from trigame.statics import regimes

    x, y = sympy.symbols("x y", real=True)
    tree = GameTree(Decision("A", {"L": Terminal((0,)), "R": Terminal((y * (3 * x - 1) * (3 * x - 2),))}),
                    players=("A",))
    eager = [r.condition for r in regimes(tree)]
    rs = regimes(tree)
    space = rs._problem.space
    assert not space.special
    space.dnf(x - sympy.sqrt(2) / 2 > 0)
    assert space.special  # x is now compared with an irrational threshold
    assert [r.condition for r in rs] == eager
    assert [r.condition for r in regimes(tree)] == eager  # the threshold is not met in a fresh space


@settings(max_examples=40, deadline=None)
@given(st.lists(polynomials(), min_size=1, max_size=3), st.lists(st.integers(1, 3), min_size=3, max_size=3),
       st.integers(-6, 6).filter(bool))
def test_flints_factors_are_sympys(factors: list[sympy.Expr], powers: list[int], scale: int) -> None:
    # With python-flint installed, integer polynomials are factored by FLINT: the constant, the factors
    # (primitive, positive leading coefficient) and their multiplicities must be SymPy's, and a sign
    # condition's factorisation (sorted as SymPy sorts) the same with or without it.
    pytest.importorskip("flint")
    from trigame.statics.decision import Space
    from trigame.statics.decision.space import _flint_factor_list

    product = scale * sympy.Mul(*(f**k for f, k in zip(factors, powers)))
    numerator = sympy.fraction(sympy.together(sympy.expand(product)))[0]
    value = sympy.expand(numerator)
    if not value.free_symbols:
        return
    poly = sympy.Poly(value, *SYMBOLS)
    if not poly.domain.is_ZZ:
        return
    constant, found = _flint_factor_list(poly)
    expected_constant, expected = poly.factor_list()
    assert constant == expected_constant
    assert sorted(found, key=str) == sorted(expected, key=str)
    with mock.patch("trigame.statics.decision.space._flint_factor_list", lambda poly: None):
        plain = Space(SYMBOLS, {})._factored(value)
    assert Space(SYMBOLS, {})._factored(value) == plain


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(polynomials(), st.sampled_from([{1}, {-1}, {0}, {0, 1}, {-1, 1}])), min_size=1,
                max_size=4), polynomials(), st.sampled_from([{-1, 0}, {0, 1}, {-1, 1}]))
def test_a_literal_is_dropped_as_with_one_question_per_sign(rest: list[tuple[sympy.Expr, set[int]]],
                                                            atom: sympy.Expr, signs: set[int]) -> None:
    # Simplification proves a literal redundant by asking nlsat once whether the rest of its clause meets
    # any of the other signs: the verdict must be that of asking each sign on its own (a fresh space each,
    # so that neither answer is read from the other's caches).
    pytest.importorskip("z3")
    from trigame.statics.decision import Space

    bounds = {s: (0, False, None, True) for s in (X, Y)}  # x, y >= 0; the other symbols free

    def ask(union: bool) -> bool:
        space = Space(SYMBOLS, bounds)
        clause = {}
        for p, allowed in rest:
            p = sympy.expand(p)
            if p.free_symbols:
                k, scale = space._atom(space.poly(p))
                clause[k] = clause.get(k, frozenset({-1, 0, 1})) & frozenset(scale * s for s in allowed)
        target = sympy.expand(atom)
        if not target.free_symbols:
            return True
        k, scale = space._atom(space.poly(target))
        if k in clause:
            return True
        wanted = frozenset(scale * s for s in signs)
        if union:
            return space._empty_each(clause, k, wanted)
        return all(space.feasible({**clause, k: frozenset({s})}, prove=False) is False for s in wanted)

    assert ask(True) == ask(False)
