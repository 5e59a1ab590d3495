"""The partition's fast paths give what the plain paths give (trigame.statics.decision).

Pinned here: witnesses found by moving one parameter of a node's point (``nearby``) are exact points of their
clauses and leave the decision tree unchanged; the trie of empty clauses answers as a scan of every recorded
clause does; nlsat behind the simplifier alone answers as z3's full strategy does, and the full strategy
takes over where the first tactic answers unknown; cached integer forms give ``poly_sign`` the exact sign.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.statics.decision import Space, poly_eval
from trigame.statics.decision.clauses import ALL
from trigame.statics.decision.polynomials import _sign, poly_sign

F = Fraction
SIGNS = [frozenset(s) for r in (1, 2) for s in itertools.combinations((-1, 0, 1), r)]


def _unit_square() -> tuple[Space, sympy.Symbol, sympy.Symbol]:
    x, y = sympy.symbols("x y", real=True)
    unit = (0, False, 1, False)
    return Space((x, y), {x: unit, y: unit}), x, y


def _exactly_holds(space: Space, clause: dict, point: tuple) -> bool:
    """The clause and the unit square at a point, by Fraction evaluation (not the integer route)."""
    return all(0 <= v <= 1 for v in point) and all(
        _sign(poly_eval(space.atoms[k], point)) in signs for k, signs in clause.items())


# ------------------------------------------------------------------------------------------------ nearby points
def test_near_point_by_hand():
    # On [0, 1]^2 the node x > y holds (3/4, 1/4); the child 2x - 1 < 0 asks for the other side of x = 1/2.
    # p = 2x - 1 is 1/2 there with coefficient c = 2 in x: the step 2 p / c reaches x = 1/4 (not > y = 1/4),
    # the step 3/2 p / c reaches x = 3/8: 2x - 1 = -1/4 < 0 and 3/8 > 1/4.  The child 2x - 1 = 0 is x = 1/2.
    from trigame.statics.decision.nearby import near_point

    space, x, y = _unit_square()
    ((node,), (below,), (on,)) = space.dnf(x > y), space.dnf(2 * x - 1 < 0), space.dnf(sympy.Eq(2 * x - 1, 0))
    (k,) = below
    point = (F(3, 4), F(1, 4))
    seen = []

    def accept(clause, candidate):
        seen.append(candidate)
        return space.holds(clause, candidate)

    assert near_point(space.atoms, space.bounds, {**node, **below}, point, k, accept) == (F(3, 8), F(1, 4))
    assert seen == [(F(3, 8), F(1, 4))]  # x = 1/4 fails x > y before the whole clause is asked about
    assert near_point(space.atoms, space.bounds, {**node, **on}, point, k, space.holds) == (F(1, 2), F(1, 4))
    # an equation of the clause involving x pins it: x = 3/4 (with 4x - 3 = 0) cannot move
    (pin,) = space.dnf(sympy.Eq(4 * x - 3, 0))
    assert near_point(space.atoms, space.bounds, {**node, **pin, **below}, point, k, space.holds) is None


_TERMS = ["x - y", "x*y - 1/4", "x + y - 1", "x**2 - y", "2*x - 1", "3*x - 1", "y - 1/2"]


def _term(name: str, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    return {"x - y": x - y, "x*y - 1/4": x * y - F(1, 4), "x + y - 1": x + y - 1, "x**2 - y": x**2 - y,
            "2*x - 1": 2 * x - 1, "3*x - 1": 3 * x - 1, "y - 1/2": y - F(1, 2)}[name]


def _clause(space: Space, x: sympy.Symbol, y: sympy.Symbol, literals: list) -> dict[int, frozenset[int]]:
    """The conjunction of ``sign(term) in signs`` over the space's atoms (a canonical atom may be the term
    negated: the signs are then read on the atom, which is as random)."""
    clause: dict[int, frozenset[int]] = {}
    for name, allowed in literals:
        ((k,),) = space.dnf(sympy.Eq(_term(name, x, y), 0))
        clause[k] = clause.get(k, ALL) & allowed
    return clause


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TERMS), st.sampled_from(SIGNS)), min_size=1, max_size=4),
       st.sampled_from(_TERMS), st.sampled_from(SIGNS),
       st.tuples(*[st.fractions(min_value=0, max_value=1, max_denominator=8)] * 2))
def test_nearby_points_are_exact_points_of_their_clauses(literals, split, signs, point):
    # Whatever near_point and off_zeros return satisfies the whole clause and the domains, checked here by
    # Fraction evaluation; they are given a point of the clause but for the atom split on (or on zero sets).
    from trigame.statics.decision.nearby import near_point, off_zeros

    space, x, y = _unit_square()
    clause = _clause(space, x, y, literals)
    if any(not s for s in clause.values()) or not space.holds(clause, point):
        return
    (c,) = space.dnf(sympy.Eq(_term(split, x, y), 0))
    (k,) = c
    child = {**clause, k: clause.get(k, ALL) & signs}
    if child[k] and poly_sign(space.atoms[k], point) not in child[k]:
        found = near_point(space.atoms, space.bounds, child, point, k, space.holds)
        assert found is None or (_exactly_holds(space, child, found)
                                 and _sign(poly_eval(space.atoms[k], found)) in child[k])
    zeros = [j for j in range(len(space.atoms)) if not poly_sign(space.atoms[j], point) and clause.get(j) != {0}]
    generic = {**clause, **{j: clause.get(j, ALL) - {0} for j in zeros}}
    if zeros and all(generic.values()):
        found = off_zeros(space.atoms, space.bounds, generic, point, zeros, space.holds)
        assert found is None or _exactly_holds(space, generic, found)


_LITERALS = st.lists(st.tuples(st.sampled_from(_TERMS), st.sampled_from([">", ">=", "=="])), min_size=1, max_size=3)


@settings(max_examples=15, deadline=None)
@given(conditions=st.lists(st.lists(_LITERALS, min_size=1, max_size=2), min_size=1, max_size=4))
def test_partition_with_nearby_points_is_the_plain_partition(conditions):
    # The nearby points change witnesses only: the same leaves (clauses, truth values, verdicts)
    # as the partition that asks the decision procedure for every piece, and every witness a point of its
    # leaf; degenerate conditions (equations, a zero set inside another's) included.
    from trigame.statics.decision import partition as module

    relation = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "==": sympy.Eq}

    def build() -> tuple:
        space, x, y = _unit_square()
        dnfs = [space.dnf(sympy.Or(*(sympy.And(*(relation[r](_term(t, x, y), 0) for t, r in conj))
                                     for conj in condition))) for condition in conditions]
        return space, dnfs

    space, dnfs = build()
    fast, _ = module.partition(space, dnfs)
    for leaf in fast:
        assert leaf.witness is None or _exactly_holds(space, leaf.clause, leaf.witness)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "near_point", lambda *args: None)
        patch.setattr(module, "off_zeros", lambda *args: None)
        space, dnfs = build()
        plain, _ = module.partition(space, dnfs)
    # siblings are visited from the one holding the node's point, which differs: compare the leaves as sets
    assert sorted(repr((sorted(leaf.clause.items()), leaf.truth, leaf.verdict)) for leaf in fast) == sorted(
        repr((sorted(leaf.clause.items()), leaf.truth, leaf.verdict)) for leaf in plain)


# ------------------------------------------------------------------------------------------------ empty trie
@settings(max_examples=80, deadline=None)
@given(st.lists(st.dictionaries(st.integers(0, 5), st.sampled_from(SIGNS), min_size=1, max_size=4), max_size=12),
       st.dictionaries(st.integers(0, 5), st.sampled_from(SIGNS), max_size=6))
def test_empty_trie_answers_as_a_scan_of_the_recorded_clauses(recorded, clause):
    # A clause refines a recorded empty clause E when every literal of E allows at least the clause's signs
    # on E's atom (the clause constrains each of E's atoms at least as much): a scan of every E decides it.
    space, _, _ = _unit_square()
    for empty in recorded:
        space._record_empty(empty)
    expected = any(all(k in clause and clause[k] <= signs for k, signs in empty.items()) for empty in recorded)
    assert space._refines_empty(clause) is expected


# ------------------------------------------------------------------------------------------------ nlsat tactics
def test_full_strategy_takes_over_where_the_first_tactic_answers_unknown(monkeypatch):
    # A first tactic that always fails (z3's "fail") answers unknown on every query; the verdicts and
    # witnesses are then qfnra-nlsat's: x > y and x + y < 0 on [0, 1]^2 is empty (x > y >= 0 gives x + y > 0);
    # x*y = 1/4 with x > y holds at points with x > 1/2, e.g. (1, 1/4).
    import z3

    from trigame.statics.decision import nlsat

    space, x, y = _unit_square()
    (empty,) = space.dnf(sympy.And(x > y, x + y < 0))
    (curve,) = space.dnf(sympy.And(sympy.Eq(x * y, F(1, 4)), x > y))
    plain = [nlsat.decide(space.atoms, space.bounds, c) for c in (empty, curve)]
    original = nlsat._tactic
    monkeypatch.setattr(nlsat, "_tactic", lambda name: z3.Tactic("fail", nlsat._context())
                        if name == "simplify-nlsat" else original(name))
    monkeypatch.setattr(nlsat, "_FORMULAS", {})
    failing = [nlsat.decide(space.atoms, space.bounds, c) for c in (empty, curve)]
    assert failing[0] == plain[0] == (False, None)
    assert failing[1][0] is plain[1][0] is True
    assert space.holds(curve, failing[1][1]) and failing[1][1][0] > F(1, 2)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TERMS), st.sampled_from(SIGNS)), min_size=1, max_size=5))
def test_first_tactic_gives_the_verdicts_of_the_full_strategy(literals):
    # Both are complete on these small clauses: the same verdict, and any witness satisfies the clause.
    from trigame.statics.decision import nlsat

    space, x, y = _unit_square()
    clause = _clause(space, x, y, literals)
    first = nlsat.decide(space.atoms, space.bounds, clause)
    saved = nlsat._TACTICS
    try:
        nlsat._TACTICS = ("qfnra-nlsat",)
        full = nlsat.decide(space.atoms, space.bounds, clause)
    finally:
        nlsat._TACTICS = saved
    assert first[0] == full[0]
    for _, point in (first, full):
        if point is not None:
            assert _exactly_holds(space, clause, point)


# ------------------------------------------------------------------------------------------------ poly_sign
def test_cached_integer_forms_follow_each_polynomial_and_point():
    # Fresh dicts and tuples, each evaluated twice: the sign is the Fraction value's every time, including
    # after earlier dicts and points are gone (their ids may be reused).
    values = [F(-3, 2), F(0), F(5, 7)]
    for a, b, c in itertools.product(values, repeat=3):
        p = {(1, 0): F(a), (0, 2): F(b), (0, 0): F(c)}
        for point in ((F(1, 3), F(-2)), [F(1, 3), F(-2)], (F(0), F(1, 2))):
            expected = _sign(poly_eval(p, point))
            assert poly_sign(p, point) == poly_sign(p, point) == expected
