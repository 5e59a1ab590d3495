"""The complete decision procedure for sign conditions (z3's nlsat) against the elimination and exact points.

Expected answers come from hand derivations (in the comments), from the elimination where it proves an
answer (a property test over random clauses), and from exact evaluation: a clause proved empty holds at no
point of a rational grid, and every witness satisfies its clause exactly.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import MissingDependencyError, ParameterError
from trigame.statics.decision import Space, nlsat

pytest.importorskip("z3")

NONNEG = (0, False, None, True)
UNIT = (0, False, 1, False)


def _space(method: str, **domains):
    symbols = sympy.symbols(" ".join(domains), real=True, seq=True)
    space = Space(symbols, dict(zip(symbols, domains.values())))
    space.method = method
    return space, symbols


def test_decide_hand_derived_cases():
    # atoms: 0 = x - y, 1 = x y - 2 over x >= 0, 0 <= y <= 1
    atoms = [{(1, 0): F(1), (0, 1): F(-1)}, {(1, 1): F(1), (0, 0): F(-2)}]
    domain = [(F(0), False, None, True), (F(0), False, F(1), False)]
    # x < y <= 1 and x y > 2: x y <= x < 1 < 2, empty
    assert nlsat.decide(atoms, domain, {0: frozenset({-1}), 1: frozenset({1})}) == (False, None)
    # x > y and x y > 2: (4, 1) is a point; the witness returned satisfies both exactly
    verdict, point = nlsat.decide(atoms, domain, {0: frozenset({1}), 1: frozenset({1})})
    assert verdict is True and point is not None
    x, y = point
    assert x > y and x * y > 2 and 0 <= y <= 1 and x >= 0


def test_irrational_only_points_are_nonempty_without_a_witness():
    # x^2 = 2: nonempty (x = sqrt 2), but no rational point satisfies it
    verdict, point = nlsat.decide([{(2,): F(1), (0,): F(-2)}], [(None, True, None, True)], {0: frozenset({0})})
    assert verdict is True and point is None
    # x^2 < 2 and x > 1 (an open set around irrational model values): a rational witness in (1, sqrt 2)
    verdict, point = nlsat.decide([{(2,): F(1), (0,): F(-2)}, {(1,): F(1), (0,): F(-1)}],
                                  [(None, True, None, True)], {0: frozenset({-1}), 1: frozenset({1})})
    assert verdict is True and point is not None and 1 < point[0] and point[0] ** 2 < 2


def test_exhausted_budget_is_unknown_never_a_verdict():
    # a clause nlsat needs more than a handful of steps for: x y z > 1, x + y + z < 3, x, y, z >= 0
    # (AM-GM: x y z <= ((x + y + z)/3)^3 < 1, so empty)
    atoms = [{(1, 1, 1): F(1), (0, 0, 0): F(-1)}, {(1, 0, 0): F(1), (0, 1, 0): F(1), (0, 0, 1): F(1),
                                                   (0, 0, 0): F(-3)}]
    domain = [(F(0), False, None, True)] * 3
    clause = {0: frozenset({1}), 1: frozenset({-1})}
    assert nlsat.decide(atoms, domain, clause, rlimit=1) == (None, None)
    for bad in ("1000", -1, 2.5, True, 2**40):  # a string is never parsed
        with pytest.raises(ParameterError, match="rlimit"):
            nlsat.decide(atoms, domain, clause, rlimit=bad)
    assert nlsat.decide(atoms, domain, clause) == (False, None)


def test_space_proves_what_the_elimination_leaves_open():
    # x y z > 1, x + y + z < 3 on the nonnegative orthant: empty by AM-GM, beyond the linear relaxation
    old, (x, y, z) = _space("elimination", x=NONNEG, y=NONNEG, z=NONNEG)
    new, _ = _space("auto", x=NONNEG, y=NONNEG, z=NONNEG)
    condition = sympy.And(x * y * z > 1, x + y + z < 3)
    assert [old.feasible(c) for c in old.dnf(condition)] == [None]
    assert [new.feasible(c) for c in new.dnf(condition)] == [False]
    # x y z = 1, x + y + z = 3: only (1, 1, 1); the elimination samples and misses it, nlsat finds it
    (clause,) = new.dnf(sympy.And(sympy.Eq(x * y * z, 1), sympy.Eq(x + y + z, 3)))
    assert new.feasible(clause) is True and new.witness(clause) == (1, 1, 1)


def test_unknown_method_and_missing_z3_are_trigame_errors(monkeypatch):
    space, (a,) = _space("simplex", a=NONNEG)
    with pytest.raises(ParameterError, match="decision method"):
        space.feasible(space.dnf(a**2 > 1)[0])
    monkeypatch.setattr(nlsat, "available", lambda: False)
    space, (a,) = _space("nlsat", a=NONNEG)
    with pytest.raises(MissingDependencyError, match="z3-solver"):
        space.feasible(space.dnf(a**3 - 2 * a > 1)[0])
    # without z3, "auto" is the elimination: x^2 = 2 is nonempty (univariate, exact) with no rational witness
    space, (a,) = _space("auto", a=NONNEG)
    (root,) = space.dnf(sympy.Eq(a**2, 2))
    assert space.feasible(root) is True and space.witness(root) is None


# ------------------------------------------------------------------------------------ against the elimination
GRID = [F(k, 2) for k in range(-2, 7)]  # -1, -1/2, ..., 3
coefficient = st.integers(min_value=-2, max_value=2)
polynomial = st.tuples(coefficient, coefficient, coefficient, coefficient, coefficient, coefficient)
literal = st.tuples(polynomial, st.sampled_from([frozenset(s) for s in ({1}, {-1}, {0}, {0, 1}, {-1, 0}, {-1, 1})]))


@settings(max_examples=40, deadline=None)
@given(literals=st.lists(literal, min_size=1, max_size=3))
def test_nlsat_agrees_with_the_elimination_and_with_exact_points(literals):
    # c0 + c1 a + c2 b + c3 a b + c4 a^2 + c5 b^2 with signs, on a >= 0 and b <= 3
    results = {}
    for method in ("elimination", "nlsat"):
        space, (a, b) = _space(method, a=NONNEG, b=(None, True, 3, False))
        condition = sympy.And(*(
            sympy.Eq(sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))), 0) if s == {0} else
            sympy.Ne(sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))), 0) if s == {-1, 1} else
            sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))) > 0 if s == {1} else
            sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))) < 0 if s == {-1} else
            sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))) >= 0 if s == {0, 1} else
            sum(c * m for c, m in zip(p, (1, a, b, a * b, a**2, b**2))) <= 0
            for p, s in literals))
        clauses = space.dnf(condition)
        results[method] = (space, clauses, [space.feasible(c) for c in clauses])
    _, old_clauses, old = results["elimination"]
    space, clauses, new = results["nlsat"]
    assert None not in new  # complete: every clause decided
    if [sorted(c.items()) for c in old_clauses] == [sorted(c.items()) for c in clauses]:
        for before, after in zip(old, new):
            if before is not None:
                assert before == after
    for clause, verdict in zip(clauses, new):
        if verdict is False:
            assert not any(space.holds(clause, (x, y)) for x in GRID for y in GRID)
        else:
            point = space.witness(clause)
            assert point is None or space.holds(clause, point)
            if point is None:  # nonempty with no rational point found: an equality with irrational roots
                assert any(s == {0} for s in clause.values())


# ---------------------------------------------------------------------------------------- regime maps finish
@pytest.mark.slow
def test_simultaneous_china_reaction_map_has_every_set_proved():
    # 16 of its 50 sets were left unproved by the elimination; with nlsat every cell is decided, and each
    # set's witness is an exact point at which the scalar solver finds that set (checked inside regime_map)
    from trigame._labels import equilibrium_support_label, set_label
    from trigame.models import ChinaReaction
    from trigame.statics.regime_maps import regime_map

    rmap = regime_map(ChinaReaction(simultaneous=True))
    assert len(rmap) > 0 and all(entry.certain for entry in rmap)
    for entry in rmap:
        found = ChinaReaction(simultaneous=True, **entry.witness).equilibria()
        assert entry.label == set_label([equilibrium_support_label(e) for e in found], continuum=found.degenerate)


@pytest.mark.slow
def test_lateral_pressure_full_map_has_every_set_proved():
    # Every parameter free (six): the cell enumeration over all thirty atoms did not finish in 600 s; the
    # partition by the regimes' conditions does, with every set proved nonempty, and each set's witness is an
    # exact point at which the scalar subgame-perfect solver finds exactly that set.
    from trigame._labels import set_label, support_label
    from trigame.models import LateralPressure
    from trigame.statics.regime_maps import regime_map

    rmap = regime_map(LateralPressure)
    assert len(rmap) > 0 and all(entry.certain for entry in rmap)
    game = LateralPressure().game()
    keys = [info.key for info in game.information_sets]
    actions = [tuple(info.actions) for info in game.information_sets]

    def label(values):
        found = LateralPressure(**values).equilibria()
        return set_label({support_label([str(k) for k in keys], actions,
                                        [tuple(j for j, p in enumerate(eq.behavior[k].values()) if p != 0)
                                         for k in keys]) for eq in found}, continuum=found.degenerate)

    for entry in rmap:
        assert entry.label == label(entry.witness)
    # and labels() at rational points off the witnesses: pressure works and pays with stalled cooperation
    # (k_J, k_K > g, pi > k_i, r > e: press and both cooperate, the unique SPE), a stag hunt unpressed, ...
    for values in ({"cooperation_gain": 1, "domestic_cost_japan": 2, "domestic_cost_rok": 3, "pressure": 4,
                    "us_gain": 3, "pressing_cost": 1},
                   {"cooperation_gain": 5, "domestic_cost_japan": 1, "domestic_cost_rok": 2, "pressure": F(1, 2),
                    "us_gain": 7, "pressing_cost": F(1, 3)},
                   {"cooperation_gain": 2, "domestic_cost_japan": 1, "domestic_cost_rok": 3, "pressure": 1,
                    "us_gain": 3, "pressing_cost": 1}):  # k_J = pi: a tie
        assert rmap.labels(**values)[()] == label(values)
