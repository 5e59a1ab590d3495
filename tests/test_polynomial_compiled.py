"""The compiled box search (Numba) pinned against the array search it replaces on small systems.

* the same roots of the same systems (where both settle them), with and without no-deviation
  conditions, on random generic systems;
* the whole solver with the compiled loop against the solver with the array search, on random
  games with small integer payoffs (ties, continua, systems that give up): the same equilibria,
  flags and exactness.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash import _poly_box, _poly_box_compiled, polynomial
from trigame.solve.nash._poly_box import box_roots_many
from trigame.solve.nash._poly_system import deviation_system, indifference_system, relabel_by_size
from trigame.verify import is_nash

pytest.importorskip("numba")


@pytest.fixture(autouse=True, scope="module")
def _loaded() -> None:
    assert _poly_box_compiled.load() is not None


def _array_search(*args: object) -> object:
    _poly_box.COMPILED = False
    try:
        return box_roots_many(*args)  # type: ignore[arg-type]
    finally:
        _poly_box.COMPILED = True


def _grouped(payoffs: np.ndarray, deviations: bool) -> dict[tuple[tuple[int, ...], ...], tuple[list, list]]:
    """Every support profile's relabelled system (mixers' sizes >= 2 when ``deviations`` is False)."""
    shape = payoffs.shape[1:]
    alive = [list(range(m)) for m in shape]
    pools = [[s for r in range(1 if deviations else 2, m + 1) for s in itertools.combinations(range(m), r)]
             for m in shape]
    groups: dict[tuple[tuple[int, ...], ...], tuple[list, list]] = {}
    for support in itertools.product(*pools):
        polys, layout = indifference_system(payoffs, support)
        if not all(polys) or sum(len(s) > 1 for s in support) < 2:
            continue
        ineq = deviation_system(payoffs, support, alive) if deviations else []
        variables, rows, ineq, _ = relabel_by_size(layout, polys, ineq)
        entry = groups.setdefault(variables, ([], []))
        entry[0].append(rows)
        entry[1].append(ineq)
    return groups


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (3, 3, 2)]),
       st.booleans())
def test_compiled_search_finds_the_array_search_roots(seed: int, shape: tuple[int, ...], deviations: bool) -> None:
    # Both searches certify each root they report in a Krawczyk box; on a system both settle they
    # must report the same roots in the probability region (with the no-deviation conditions, each
    # may keep roots that violate them, so only those satisfying them are compared).
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-50, 51, size=(len(shape), *shape))
    for variables, (systems, inequalities) in _grouped(payoffs, deviations).items():
        n_vars = sum(len(v) for v in variables)
        ineq = inequalities if deviations else None
        fast = box_roots_many(systems, n_vars, variables, ineq)
        plain = _array_search(systems, n_vars, variables, ineq)
        for polys, cons, a, b in zip(systems, inequalities, fast, plain):  # type: ignore[call-overload]
            if a is None or b is None:
                continue

            def kept(roots: list[np.ndarray], cons: list = cons, variables: tuple = variables) -> list[np.ndarray]:
                out = []
                for r in roots:
                    inside = all(x > 1e-7 for x in r) and all(sum(r[k] for k in g) < 1 - 1e-7 for g in variables)
                    ok = all(sum(c * np.prod([r[k] for k, e in enumerate(m) if e]) for m, c in p.items()) < -1e-6
                             for p in cons)
                    if inside and ok:
                        out.append(r)
                return out

            for r in kept(a):
                assert any(np.allclose(r, s, atol=1e-8) for s in b), (polys, r, b)
            for s in kept(b):
                assert any(np.allclose(s, r, atol=1e-8) for r in a), (polys, s, a)


#: The exact route's budget in the comparison of the solver's answers (monomial comparisons).
GROEBNER_STEPS = 2_000_000


def _profiles(eqs: object) -> list[tuple[tuple[float, ...], bool]]:
    return sorted((tuple(round(float(p), 9) for v in eq.strategies for p in v), eq.exact)  # type: ignore[attr-defined]
                  for eq in eqs)  # type: ignore[attr-defined]


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2, 2), (3, 3, 2), (3, 3, 3), (2, 2, 2, 2, 2)]),
       st.sampled_from([1, 2, 4, 1000]))
def test_solver_answers_do_not_depend_on_the_compiled_loop(seed: int, shape: tuple[int, ...], top: int) -> None:
    # Small payoff ranges give ties, continua and singular roots (the searches give up, the exact
    # route runs); the equilibrium set, its flags and exactness must be those of the array search.
    rng = np.random.default_rng(seed)
    arrays = rng.integers(0, top + 1, size=(len(shape), *shape))
    game = NormalFormGame.from_arrays(*[a.tolist() for a in arrays])
    # the exact route (the same code after either search) on a small budget: a degenerate 2^5 game
    # spends up to a minute there, and a spent budget leaves out the same profiles in both runs
    fast = polynomial.solve(game, max_groebner_steps=GROEBNER_STEPS)
    _poly_box.COMPILED = False
    try:
        plain = polynomial.solve(game, max_groebner_steps=GROEBNER_STEPS)
    finally:
        _poly_box.COMPILED = True
    assert (fast.complete, fast.degenerate) == (plain.complete, plain.degenerate)
    assert fast.notes == plain.notes  # the same profiles left out under the Groebner budget
    assert _profiles(fast) == _profiles(plain)
    for eq in fast:
        assert is_nash(game, eq.strategies, tol=1e-9)


def test_a_continuum_gives_up_in_the_compiled_loop() -> None:
    # x + y = 1 twice (over two players' unknowns): a line of roots; no box can be certified, so
    # the search gives up (None) and the caller takes the exact route.
    system: list[dict[tuple[int, ...], int]] = [{(1, 0): 1, (0, 1): 1, (0, 0): -1},
                                                {(1, 0): 2, (0, 1): 2, (0, 0): -2}]
    assert _poly_box_compiled.box_roots_compiled([system], 2, [[0], [1]], None, _poly_box.PAD,
                                                 _poly_box.MARGIN, _poly_box.CUT, _poly_box.MAX_BOXES) == [None]
