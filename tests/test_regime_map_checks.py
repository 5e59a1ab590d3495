"""A regime map's checks at its cells' witnesses: the shortcuts taken there agree with the full checks."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame.statics._point_checks as _point_checks
import trigame.statics.regime_maps as regime_maps
from trigame.models import BayesianLateralPressure
from trigame.solve._exact_lp import _feasible
from trigame.statics._continua import _in_flat_hull, _on_segment


@pytest.mark.slow
def test_continua_proved_once_per_pair_agree_with_the_full_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every leaf whose labels and the point solver's differ by a continuum is compared in full as well; the map
    # accepts a pair (regimes present, point solver's labels) compared in full elsewhere: it must never accept a
    # leaf the full comparison of points rejects.
    compare = _point_checks._compare_at
    seen = {"shortcut": 0}

    def both(problem, values, present, known=None):  # type: ignore[no-untyped-def]
        before = set(known) if known is not None else None
        found = compare(problem, values, present, known)
        if known is not None and found[1] and found[0] != {r.support_label for r in present}:
            full = compare(problem, values, present, None)
            assert full == found, values
            seen["shortcut"] += before is not None and (frozenset(r.index for r in present),
                                                         frozenset(found[0])) in before
        return found

    monkeypatch.setattr(_point_checks, "_compare_at", both)  # where the map's check at a witness calls it
    rmap = regime_maps.regime_map(BayesianLateralPressure(),
                                  free=["cooperation_gain", "domestic_cost_japan", "domestic_cost_rok_high"])
    assert seen["shortcut"] > 0  # the shortcut was taken (else this test tests nothing)
    assert all(e.certain for e in rmap)


fractions = st.fractions(min_value=0, max_value=1, max_denominator=6)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(*[fractions] * 3), min_size=1, max_size=5), st.tuples(*[fractions] * 3),
       st.fractions(min_value=0, max_value=1, max_denominator=5), st.booleans())
def test_hull_shortcut_agrees_with_the_linear_program(columns: list, x: tuple, t: Fraction, between: bool) -> None:
    if between:  # make x a point of a segment between two columns half of the time
        a, b = columns[0], columns[-1]
        x = tuple(p + t * (q - p) for p, q in zip(a, b))
    rows = [([Fraction(1)] * len(columns), Fraction(1))] + [([c[i] for c in columns], x[i]) for i in range(3)]
    assert _in_flat_hull(x, columns) == _feasible(len(columns), rows, [])
    segment = any(_on_segment(x, a, b) for a, b in itertools.combinations_with_replacement(columns, 2))
    if segment:
        assert _feasible(len(columns), rows, [])
    if between:
        assert segment


def test_two_pieces_proved_empty_by_one_query_give_the_same_partition(monkeypatch: pytest.MonkeyPatch) -> None:
    # The partition asks whether two pieces of a node are empty together (one query); without that question it
    # decides them one by one.  The leaves, their witnesses and the sets must be the same either way.
    from trigame.models import TargetSelection
    from trigame.statics.decision.domain import Domain

    def leaves(rmap: regime_maps.RegimeMap) -> list:
        return [(e.label, e.witness, [sorted(c.items()) for c in e._cells]) for e in rmap]

    asked = []
    proved_empty = Domain.proved_empty

    def counted(self: Domain, clause: dict) -> bool:
        asked.append(proved_empty(self, clause))
        return asked[-1]

    monkeypatch.setattr(Domain, "proved_empty", counted)
    fast = leaves(regime_maps.regime_map(TargetSelection))
    assert any(asked) and not all(asked)  # both answers occur
    monkeypatch.setattr(Domain, "proved_empty", lambda self, clause: False)
    assert leaves(regime_maps.regime_map(TargetSelection)) == fast


def test_proved_empty_only_for_empty_clauses() -> None:
    import sympy as sp

    from trigame.statics.decision import Space

    a, b = sp.symbols("a b")
    space = Space((a, b), {a: (0, False, None, True), b: (0, False, 1, False)})  # a >= 0, 0 <= b <= 1
    (empty,) = space.dnf(sp.And(a - b > 0, a + b < 0))
    (nonempty,) = space.dnf(sp.And(a - b > 0, a + b > 0))
    assert space.proved_empty(empty)
    assert not space.proved_empty(nonempty)
    assert space.feasible(nonempty) is True  # nothing recorded against it


def test_proved_empty_falls_back_on_the_elimination_where_nlsat_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import sympy as sp

    from trigame.statics.decision import Space, nlsat

    a, b = sp.symbols("a b")
    space = Space((a, b), {a: (0, False, None, True), b: (0, False, 1, False)})  # a >= 0, 0 <= b <= 1
    (empty,) = space.dnf(sp.And(a - b > 0, a + b < 0))  # a > b >= 0 and a + b < 0: empty (linear)
    monkeypatch.setattr(nlsat, "decide", lambda *args, **kwargs: (None, None))  # its budget always runs out
    assert space.proved_empty(empty)


def test_a_pair_compared_in_full_stands_for_the_same_regimes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two regime sets with the same support labels (regimes 0, 1 and regimes 2, 3) where the point solver lists
    # a continuum under another label: the first set is found the same continuum, the second is not (its
    # points differ).  The second must be compared in full, not accepted because its labels match the first's.
    from types import SimpleNamespace

    problem = SimpleNamespace(kind="nash", profiles=None)
    first = [SimpleNamespace(index=0, support_label="a"), SimpleNamespace(index=1, support_label="b")]
    second = [SimpleNamespace(index=2, support_label="a"), SimpleNamespace(index=3, support_label="b")]
    monkeypatch.setattr(_point_checks, "_numeric_equilibria",
                        lambda problem, values, stages=None: (None, {"c": []}, True))
    monkeypatch.setattr(_point_checks, "_same_up_to_continua",
                        lambda problem, values, present, game, numeric: present is first)
    known = _point_checks._Known()
    point = {"x": Fraction(1, 2)}
    assert _point_checks._compare_at(problem, point, first, known) == ({"c"}, True, True)  # type: ignore[arg-type, unused-ignore]
    assert _point_checks._compare_at(problem, point, second, known) == ({"c"}, True, False)  # type: ignore[arg-type, unused-ignore]
    assert _point_checks._compare_at(problem, point, first, known) == ({"c"}, True, True)  # type: ignore[arg-type, unused-ignore]
