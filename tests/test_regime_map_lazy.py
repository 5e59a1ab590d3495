"""A regime map's conditions are simplified when first read, not while the map is built.

Building a map needs only its partition's cells (their disjunction is each set's condition); simplifying
that disjunction is for reading it.  Pinned here: nothing is simplified until a condition is read, each is
simplified once, the result does not depend on the order in which the conditions are read, and every
condition holds at its own set's witness and at no other set's (the sets partition the domain).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import sympy

import trigame as tg
from trigame.models import AllianceSecurityDilemma, QuasiAlliance
from trigame.statics.decision.display import Display
from trigame.statics.decision.simplify import Simplification

QA_FIXED = {"security_value": 3, "unreciprocated_cost": 1}


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"simplify": 0, "to_sympy": 0}
    simplify, to_sympy = Simplification.simplify, Display.to_sympy

    def counted_simplify(self: Any, clauses: Any) -> Any:
        calls["simplify"] += 1
        return simplify(self, clauses)

    def counted_to_sympy(self: Any, clauses: Any) -> Any:
        calls["to_sympy"] += 1
        return to_sympy(self, clauses)

    monkeypatch.setattr(Simplification, "simplify", counted_simplify)
    monkeypatch.setattr(Display, "to_sympy", counted_to_sympy)
    return calls


def test_nothing_is_simplified_until_a_condition_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = tg.statics.regimes(QuasiAlliance, fixed=QA_FIXED)  # the regimes' own conditions are simplified here
    calls = _counting(monkeypatch)
    rmap = tg.statics.regime_map(rs)
    assert len(rmap) > 1
    assert calls == {"simplify": 0, "to_sympy": 0}
    first = rmap[0].condition
    assert calls == {"simplify": 1, "to_sympy": 1}
    assert rmap[0].condition is first  # kept
    assert "if" in repr(rmap)  # printing reads every condition, each once
    assert calls == {"simplify": len(rmap), "to_sympy": len(rmap)}


def _at(condition: Any, symbols: dict[str, Any], point: dict[str, Fraction]) -> bool:
    value = condition.xreplace({symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()})
    assert value in (sympy.true, sympy.false)
    return bool(value)


@pytest.mark.parametrize(("model", "fixed"), [(AllianceSecurityDilemma, None), (QuasiAlliance, QA_FIXED)])
def test_conditions_do_not_depend_on_when_they_are_read(model: Any, fixed: Any) -> None:
    # Two maps built apart: one read in order right after it is built (as the map used to be built), one read
    # in reverse order after both exist.  The decision procedure is complete (nlsat), so the same
    # simplification is found either way.
    eager = tg.statics.regime_map(model, fixed=fixed)
    read = {e.label: (e.condition, e._clauses) for e in eager}
    lazy = tg.statics.regime_map(model, fixed=fixed)
    for entry in reversed(lazy):
        assert entry.condition == read[entry.label][0]
        assert entry._clauses == read[entry.label][1]
    # invariant: each condition holds at its own witness and at no other set's (the sets are disjoint)
    symbols = {s.name: s for s in lazy.regimes.symbols}
    witnesses = [e.witness for e in lazy]
    assert all(w is not None for w in witnesses)
    for entry in lazy:
        assert [_at(entry.condition, symbols, w) for w in witnesses] == [e is entry for e in lazy]
