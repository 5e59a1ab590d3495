"""Every public result survives pickle (multiprocessing, joblib, dask): equal contents, still immutable.

One case per result type, built by the solver that returns it; the round trip is compared field by
field (slots and instance dictionaries, recursively), with lazily computed fields pickled both before
and after they are computed.  The comparison is written here, independently of the pickling code:
game trees are compared node by node, read-only mappings and arrays must come back read-only.
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import pickle
import pkgutil
import random
import subprocess
import sys
from collections.abc import Callable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest
import sympy

import trigame as tg
import trigame.results
import trigame.statics as statics
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.models import QuasiAlliance, TrustBuilding
from trigame.solve.dynamics.ess import evolutionary_stability
from trigame.solve.finite_repetition import pure_equilibrium_payoffs

F = Fraction
x = sympy.Symbol("x", positive=True)
PD = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
COORDINATION = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
QUASI_FIXED = {"security_value": 3, "unreciprocated_cost": 1, "domestic_cost_japan": 1, "domestic_cost_rok": 2}


# Payoff functions at module level: a game holding a lambda cannot be pickled (pickle stores functions by name).
def _match(types: Any, actions: Any) -> tuple[int, int]:
    return (1 if actions[0] == actions[1] else 0, 1)


def _signal(t: str, m: str, a: str) -> tuple[int, int]:
    return (1 if a == "a" else 0, 1 if (a == "a") == (t == "hi") else 0)


def _quantities(q: Mapping[str, Any]) -> tuple[Any, Any]:
    return q["L"] * (10 - q["L"] - q["F"]), q["F"] * (10 - q["L"] - q["F"])


def _bayesian() -> tg.BayesianGame:
    return tg.BayesianGame(("A", "B"), {"A": ("hi", "lo"), "B": ("-",)}, {"A": {"hi": F(1, 3), "lo": F(2, 3)}},
                           {"A": ("x", "y"), "B": ("x", "y")}, _match)


def _signaling() -> tg.SignalingGame:
    return tg.SignalingGame(("hi", "lo"), {"hi": F(1, 2), "lo": F(1, 2)}, ("m", "n"), ("a", "b"), _signal)


def _continuous() -> tg.ContinuousGame:
    return tg.ContinuousGame(("L", "F"), {"L": (0, 10), "F": (0, 10)}, _quantities)


def _chance_tree() -> GameTree:
    # a chance move, an information set over two nodes, a symbolic payoff
    left = Decision("B", {"l": Terminal((x, 0)), "r": Terminal((0, 1))}, infoset="B?")
    right = Decision("B", {"l": Terminal((0, 1)), "r": Terminal((1, 0))}, infoset="B?")
    return GameTree(Chance({"h": (F(1, 3), Decision("A", {"go": left, "stop": Terminal((1, 1))})),
                            "t": (F(2, 3), Decision("A", {"go": right, "stop": Terminal((1, 1))}))}))


def _entry() -> GameTree:
    fight = Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})
    return GameTree(Decision("Entrant", {"In": fight, "Out": Terminal((0, 2))}))


def _fresh_spe() -> Any:
    spe = tg.subgame_perfect(_entry())
    assert spe[0]._outcomes is None  # not yet computed: pickled lazy
    return spe


def _computed_spe() -> Any:
    spe = tg.subgame_perfect(_entry())
    for e in spe:
        e.outcomes, e.exact  # noqa: B018 - computed before pickling
    return spe


def _pbe_with_components() -> Any:
    found = tg.perfect_bayesian(_signaling())
    found.components  # noqa: B018 - the cached property computed before pickling
    return found


def _belief_set() -> Any:
    return next(b for e in tg.perfect_bayesian(_signaling()) for b in e.beliefs.values()
                if isinstance(b, tg.BeliefSet) and b.constraints)


@functools.cache
def _quasi_regimes() -> Any:
    return statics.regimes(QuasiAlliance, fixed=QUASI_FIXED)


@functools.cache
def _quasi_map() -> Any:
    return statics.regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1})


#: name -> a builder of the object to pickle.
CASES: dict[str, Callable[[], Any]] = {
    "EquilibriumSet": lambda: tg.equilibria(PD),
    "Equilibrium (mixed)": lambda: tg.equilibria(COORDINATION)[2],
    "EquilibriumSet (symbolic)": lambda: tg.equilibria(
        tg.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]]), method="closed_form"),
    "SubgamePerfectSet (lazy fields not computed)": _fresh_spe,
    "SubgamePerfectSet (lazy fields computed)": _computed_spe,
    "SubgamePerfectEquilibrium (chance, symbolic)": lambda: tg.subgame_perfect(_chance_tree())[0],
    "BayesianEquilibriumSet": lambda: tg.bayesian_equilibria(_bayesian()),
    "PerfectBayesianSet": lambda: tg.perfect_bayesian(_signaling()),
    "PerfectBayesianSet (components computed)": _pbe_with_components,
    "PerfectBayesianEquilibrium (tree)": lambda: tg.perfect_bayesian(_chance_tree().subs(x=2))[0],
    "BeliefSet": _belief_set,
    "BeliefConstraint": lambda: _belief_set().constraints[0],
    "QREPoint": lambda: tg.qre(COORDINATION, 1.0),
    "QREBranch": lambda: tg.qre.trace(COORDINATION, lambdas=[1, 2]),
    "BargainingEquilibriumSet": lambda: tg.bargaining_equilibria(tg.AlternatingOffers((F(1, 2), F(2, 3)))),
    "BargainingRange": lambda: tg.bargaining_range(tg.FearonBargaining(F(1, 2), F(1, 10), F(1, 5))),
    "ContinuousEquilibriumSet": lambda: tg.continuous_equilibria(_continuous()),
    "BestResponse": lambda: tg.continuous_best_response(_continuous(), "F", {"L": 2}),
    "SequentialEquilibriumSet": lambda: tg.sequential_equilibria(
        tg.SequentialContinuousGame(_continuous(), order=(("L",), ("F",)))),
    "FiniteRepetitionSet": lambda: tg.finitely_repeated_equilibria(COORDINATION, 2),
    "PurePayoffSet": lambda: pure_equilibrium_payoffs(PD, 2),
    "Trajectory": lambda: tg.replicator_dynamics([[0, 1], [1, 0]], y0=[F(1, 3), F(2, 3)]),
    "StabilitySet": lambda: evolutionary_stability(
        tg.NormalFormGame.from_arrays([[-1, 4], [0, 2]], [[-1, 0], [4, 2]], strategies=[["Hawk", "Dove"]] * 2)),
    "MinmaxValue": lambda: tg.minmax(PD)[0],
    "PayoffSet": lambda: tg.folk_region(PD),
    "TriggerThreshold": lambda: tg.trigger_threshold(COORDINATION, ("s1", "s1"), ("s2", "s2"),
                                                     bad_signal=(F(1, 4), F(1, 2))),
    "AgentQRE": lambda: tg.agent_qre(_entry(), 1.0),
    "RegimeSet (Nash)": _quasi_regimes,
    "Regime": lambda: _quasi_regimes()[0],
    "RegimeSet (subgame perfect)": lambda: statics.regimes(_entry_symbolic()),
    "RegimeSet (repeated)": lambda: statics.regimes(TrustBuilding),
    "RegimeMap": _quasi_map,
    "MapEntry": lambda: _quasi_map()[0],
}


def _entry_symbolic() -> GameTree:
    fight = Decision("Incumbent", {"Fight": Terminal((-1, -x)), "Accommodate": Terminal((1, 1))})
    return GameTree(Decision("Entrant", {"In": fight, "Out": Terminal((0, 2))}))


# ----------------------------------------------------------------------------------------- comparison
def _nodes(tree: GameTree) -> list[tuple[Any, ...]]:
    """The tree node by node, depth first: what each node is and holds."""
    out: list[tuple[Any, ...]] = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Terminal):
            out.append(("T", node.payoffs, node.label))
        elif isinstance(node, Decision):
            out.append(("D", node.player, tuple(node.actions), node.infoset, node.label))
            stack += reversed(node.actions.values())
        else:
            out.append(("C", tuple((k, p) for k, (p, _) in node.outcomes.items()), node.label))
            stack += reversed([child for _, child in node.outcomes.values()])
    return out


#: Caches a copy may hold or not (recomputed on use); a class may name more in ``_CACHES`` (left out of its pickle).
CACHES = {"_cache", "_hash"}


def _fields(obj: Any) -> dict[str, Any]:
    """The slots and instance dictionary of ``obj``, caches left out.  A name-mangled slot (``__x``) would be
    skipped by ``hasattr``; no trigame class has one (``test_no_name_mangled_slots``)."""
    out = {}
    for cls in type(obj).__mro__:
        for name in cls.__dict__.get("__slots__", ()):
            if name not in ("__weakref__", "__dict__") and hasattr(obj, name):
                out[name] = getattr(obj, name)
    out.update(getattr(obj, "__dict__", {}))
    caches = CACHES | set(getattr(type(obj), "_CACHES", ()))
    return {k: v for k, v in out.items() if k not in caches}


def assert_same(a: Any, b: Any, where: str = "result", seen: set[tuple[int, int]] | None = None) -> None:
    """``b`` is a faithful copy of ``a``: the same types and values at every depth, read-only where ``a`` is."""
    seen = set() if seen is None else seen
    if (id(a), id(b)) in seen:
        return
    seen.add((id(a), id(b)))
    assert type(a) is type(b), f"{where}: {type(a).__name__} came back as {type(b).__name__}"
    if isinstance(a, GameTree):
        assert (_nodes(a), a.players, a.title, a.kind) == (_nodes(b), b.players, b.title, b.kind), where
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.tolist() == b.tolist(), where
        assert a.flags.writeable == b.flags.writeable, f"{where}: writeable {a.flags.writeable} changed"
    elif isinstance(a, Mapping):
        assert list(a) == list(b), f"{where}: keys {list(a)} became {list(b)}"
        for key in a:
            assert_same(a[key], b[key], f"{where}[{key!r}]", seen)
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), where
        for k, (u, v) in enumerate(zip(a, b)):
            assert_same(u, v, f"{where}[{k}]", seen)
    elif isinstance(a, random.Random):
        assert a.getstate() == b.getstate(), where
    elif isinstance(a, functools.partial):
        assert a.func is b.func, where
        assert_same(a.args, b.args, f"{where}.args", seen)
    elif type(a).__module__.startswith("trigame") and not isinstance(a, type):
        fields_a, fields_b = _fields(a), _fields(b)
        assert set(fields_a) <= set(fields_b), f"{where}: fields {set(fields_a) - set(fields_b)} lost"
        for name, value in fields_a.items():
            assert_same(value, fields_b[name], f"{where}.{name}", seen)
    elif callable(a) and not isinstance(a, sympy.Basic):
        assert a is b, f"{where}: the function {a!r} is not the same"
    else:
        assert a == b, f"{where}: {a!r} became {b!r}"


def _round_trip(obj: Any) -> Any:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


# ----------------------------------------------------------------------------------------- the tests
@pytest.mark.parametrize("case", list(CASES))
def test_round_trip_keeps_every_field(case: str) -> None:
    obj = CASES[case]()
    back = _round_trip(obj)
    assert_same(obj, back, case)
    assert repr(back) == repr(obj)
    if hasattr(obj, "to_json"):
        assert back.to_json() == obj.to_json()
    assert_same(obj, pickle.loads(pickle.dumps(obj, protocol=2)), case)  # the oldest protocol with slots


@pytest.mark.parametrize("case", list(CASES))
def test_shallow_and_deep_copies_keep_every_field(case: str) -> None:
    obj = CASES[case]()
    assert_same(obj, copy.copy(obj), case)
    assert_same(obj, copy.deepcopy(obj), case)


def _immutable(obj: Any) -> bool:
    return type(obj).__setattr__ is not object.__setattr__


@pytest.mark.parametrize("case", list(CASES))
def test_copies_stay_immutable(case: str) -> None:
    obj = CASES[case]()
    back = _round_trip(obj)
    members = [back, *back] if isinstance(back, trigame.results.ResultSet) else [back]
    for member in members:
        if _immutable(member):
            name = next(iter(_fields(member)))
            with pytest.raises(AttributeError):
                setattr(member, name, None)
        for name, value in _fields(member).items():
            if isinstance(getattr(obj, name, None), MappingProxyType):
                assert isinstance(value, MappingProxyType), name


def test_lazy_fields_come_back_lazy_and_give_the_same_values() -> None:
    fresh = _round_trip(_fresh_spe())
    assert fresh[0]._outcomes is None and fresh[0]._exact is None  # still to be computed, after the trip
    computed = _computed_spe()
    for mine, theirs in zip(fresh, computed):
        assert dict(mine.outcomes) == dict(theirs.outcomes) and mine.exact is theirs.exact is True
        assert mine.payoffs == theirs.payoffs
    assert all(e._outcomes is not None for e in _round_trip(computed))


def test_one_tree_shared_by_a_set_stays_one_tree() -> None:
    back = _round_trip(_fresh_spe())
    assert all(e.tree is back.tree for e in back)


def test_restored_regimes_answer_as_the_originals() -> None:
    rs = _quasi_regimes()
    back = _round_trip(rs)
    point = {"fear_japan": 0, "fear_rok": 1, "threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}
    assert [r.label for r in back.at(**point)] == [r.label for r in rs.at(**point)]
    assert [r.condition_text for r in back] == [r.condition_text for r in rs]
    assert all(r._owner is back for r in back)
    rmap = _quasi_map()
    values = {"fear_japan": 0, "fear_rok": 1, "domestic_cost_japan": 1, "domestic_cost_rok": 2}
    assert _round_trip(rmap).labels(**values) == rmap.labels(**values)


def test_deep_tree_pickles_without_recursion() -> None:
    # A chain of 3000 decisions: a node-by-node pickle would exceed the interpreter's recursion limit.
    node: Any = Terminal((0,))
    for k in range(3000):
        node = Decision("P", {"on": node, "off": Terminal((k,))})
    tree = GameTree(node)
    back = _round_trip(tree)
    assert len(_nodes(back)) == len(_nodes(tree)) and back.players == tree.players


def test_loaded_in_a_fresh_interpreter() -> None:
    # what a worker process does: only the pickle, no state of this process
    payload = pickle.dumps([tg.subgame_perfect(_chance_tree()), tg.perfect_bayesian(_signaling()),
                            statics.regimes(TrustBuilding)])
    code = ("import pickle, sys, json; objs = pickle.loads(sys.stdin.buffer.read()); "
            "print(json.dumps([objs[0].to_json(), objs[1].to_json(), [r.label for r in objs[2]]]))")
    done = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, check=True)
    import json

    objs = pickle.loads(payload)
    assert json.loads(done.stdout) == json.loads(json.dumps(
        [objs[0].to_json(), objs[1].to_json(), [r.label for r in objs[2]]]))


def _public_result_types() -> set[type]:
    """Every class the results package exports, and every public class of trigame a solver returns."""
    found: set[type] = set()
    for info in pkgutil.iter_modules(trigame.results.__path__):
        module = importlib.import_module(f"trigame.results.{info.name}")
        found |= {obj for name in getattr(module, "__all__", ()) if inspect.isclass(obj := getattr(module, name))}
    found |= {obj for name in tg.__all__ if inspect.isclass(obj := getattr(tg, name))
              and obj.__module__.startswith("trigame.results")}
    from trigame.statics.regime_maps import MapEntry, RegimeMap
    from trigame.statics.regime_set import Regime, RegimeSet

    return (found | {Regime, RegimeSet, RegimeMap, MapEntry}) - {trigame.results.ResultSet}


def test_every_public_result_type_has_a_case() -> None:
    built: set[type] = set()
    for make in CASES.values():
        obj = make()
        built.add(type(obj))
        if isinstance(obj, trigame.results.ResultSet):
            built |= {type(e) for e in obj}
    missing = sorted(t.__name__ for t in _public_result_types() - built)
    assert not missing, f"no pickling case for {missing}"


def test_no_name_mangled_slots() -> None:
    # _fields reads slots by name: a private slot (__x, stored as _Class__x) would be skipped unseen.
    import trigame.games

    mangled = []
    for package in (trigame.results, trigame.games):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                slots = cls.__dict__.get("__slots__", ())
                mangled += [f"{cls.__name__}.{s}" for s in ((slots,) if isinstance(slots, str) else slots)
                            if s.startswith("__") and not s.endswith("__")]
    assert not mangled, mangled
