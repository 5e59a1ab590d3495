"""Regime sets and maps in a pickle: the decision space's caches stay behind, every answer comes back the same.

A space (:class:`~trigame.statics.decision.domain.Domain`) caches verdicts, witnesses, boxes, the trie of empty
clauses, recent points, readable literals and ``sign_condition``'s answers: megabytes for a large model, all
determined by the atoms' registry and the bounds.  A pickle keeps the registry, the bounds, the settings and the
oracles (partitions of the whole domain) and empties the caches; the copy decides again what it is asked.
"""

from __future__ import annotations

import functools
import pickle
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

from tests._witness import WITNESS
from trigame import statics
from trigame.models import QuasiAlliance
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.statics.decision.domain import Domain

#: The slice of BayesianLateralPressure through a point with a continuum in each stage
#: (tests/test_regime_map_continua.py): 12 sets, boundaries k_J = q and k_J = 1 - q among others.
FREE = ["prior_low_cost", "domestic_cost_japan"]
QUASI_FIXED = {"security_value": 3, "unreciprocated_cost": 1}


@functools.cache
def _built() -> dict[str, tuple[Any, bytes]]:
    """Each object with its pickle, taken as soon as it is built (its lazy conditions not yet read)."""
    out = {}
    for name, build in (("map", lambda: statics.regime_map(BayesianLateralPressure(**WITNESS), free=FREE)),
                        ("quasi map", lambda: statics.regime_map(QuasiAlliance, fixed=QUASI_FIXED)),
                        ("quasi set", lambda: statics.regimes(QuasiAlliance, fixed=QUASI_FIXED))):
        obj = build()
        out[name] = (obj, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def _space(obj: Any) -> Any:
    regime_set = obj.regimes if hasattr(obj, "regimes") else obj
    return regime_set._problem.space


@pytest.mark.parametrize("name", ["map", "quasi map", "quasi set"])
def test_the_caches_stay_behind_and_the_rest_comes_back(name: str) -> None:
    obj, payload = _built()[name]
    space, back = _space(obj), _space(pickle.loads(payload))
    assert space._cache and space._witness and space._points  # there was something to leave behind
    for cache in Domain._CACHES:
        assert not getattr(back, cache), cache
        assert type(getattr(back, cache)) is type(getattr(space, cache)), cache
    for field in set(vars(space)) - set(Domain._CACHES) - {"oracles", "_rng"}:
        assert getattr(back, field) == getattr(space, field), field
    assert back._rng.getstate() == space._rng.getstate()
    assert len(back.oracles) == len(space.oracles)


@pytest.mark.parametrize("name", ["map", "quasi map", "quasi set"])
def test_the_pickle_is_smaller_than_with_the_caches(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    obj, _ = _built()[name]
    assert _space(obj)._cache
    monkeypatch.delattr(Domain, "__getstate__")  # the default pickle: every attribute, the caches included
    full = len(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    monkeypatch.undo()
    small = len(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    assert small < full


def test_a_restored_space_decides_its_clauses_as_the_original_did() -> None:
    # Verdicts are exact (True: a witness checked exactly, False: proved empty): deciding again gives them back.
    obj, payload = _built()["map"]
    space, back = _space(obj), _space(pickle.loads(payload))
    decided = [(dict(key), verdict) for key, verdict in space._cache.items() if verdict is not None]
    assert decided
    for clause, verdict in decided[:40]:
        assert back.feasible(clause) is verdict, clause
        if verdict:
            assert back.holds(clause, back.witness(clause))


def test_a_restored_map_answers_as_the_original() -> None:
    obj, payload = _built()["map"]
    back = pickle.loads(payload)
    assert back.label_set == obj.label_set
    # the conditions, simplified afresh by the copy (its space's caches empty)
    assert [e.condition_text for e in back] == [e.condition_text for e in obj]
    assert [r.condition_text for r in back.regimes] == [r.condition_text for r in obj.regimes]
    # exact and float points, on boundaries (k_J = q, k_J = 1 - q) and inside cells
    q = np.array([F(1, 2), F(1, 3), F(1, 3), F(1, 5), F(3, 4)], dtype=object)
    k = np.array([F(1, 2), F(1, 3), F(2, 3), F(1, 7), F(1, 10)], dtype=object)
    assert back.labels(prior_low_cost=q, domestic_cost_japan=k).tolist() == \
        obj.labels(prior_low_cost=q, domestic_cost_japan=k).tolist()
    grid = np.linspace(0, 1, 9)[1:-1]  # q in (0, 1); eighths: dyadic, so points on the boundaries are exact
    assert back.labels(prior_low_cost=grid[:, None], domestic_cost_japan=grid[None, :]).tolist() == \
        obj.labels(prior_low_cost=grid[:, None], domestic_cost_japan=grid[None, :]).tolist()
    at = {"prior_low_cost": F(1, 2), "domestic_cost_japan": F(1, 4)}
    assert [r.label for r in back.regimes.at(**at)] == [r.label for r in obj.regimes.at(**at)]


def test_a_restored_regime_set_answers_as_the_original() -> None:
    obj, payload = _built()["quasi set"]
    back = pickle.loads(payload)
    assert [r.condition_text for r in back] == [r.condition_text for r in obj]
    for point in ({"fear_japan": 0, "fear_rok": 1}, {"fear_japan": 1, "fear_rok": F(1, 2)},
                  {"fear_japan": F(1, 3), "fear_rok": 0}):
        values = {"domestic_cost_japan": 1, "domestic_cost_rok": 2, "threat_value": 0,
                  "virtual_alliance_value": 0, "expectation_gap": 0, **point}
        assert [r.label for r in back.at(**values)] == [r.label for r in obj.at(**values)]
    rmap, map_payload = _built()["quasi map"]
    back_map = pickle.loads(map_payload)
    values = {"fear_japan": [0, 1, F(2, 5)], "fear_rok": 1, "domestic_cost_japan": 1, "domestic_cost_rok": 2}
    assert back_map.labels(**values).tolist() == rmap.labels(**values).tolist()
    assert [e.condition_text for e in back_map] == [e.condition_text for e in rmap]
