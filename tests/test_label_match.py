"""Floats near a boundary of a continuum model: the map's labels, sweeps and region maps agree.

The slice: BayesianLateralPressure with g = 1, k_L = k_H = pi = r = 0, e = 1 over (q, k_J).  A South Korean
type gains 1 from mutual cooperation and pays nothing, so the types' behaviour is a continuum wherever Japan
abstains; Japan's cooperation pays q*L + (1 - q)*H - k_J against the types' cooperation probabilities
(L, H), so k_J = q and k_J = 1 - q (and k_J = 0, k_J = 1) are boundaries of the slice
(tests/test_regime_map_float_inputs.py derives them).  A float within the labels' tolerance of such a line
but not on it (``0.35`` against ``numpy.linspace(0, 1, 21)[7] == 0.35000000000000003``) was labelled by the
float solver's listing of the continuum on the line: a label no entry of the map has.
"""

from __future__ import annotations

import functools
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame import statics
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.statics._label_match import SNAP, candidates

WITNESS = {"cooperation_gain": F(1), "domestic_cost_japan": F(1, 4), "prior_low_cost": F(1, 2),
           "domestic_cost_rok_low": F(0), "domestic_cost_rok_high": F(0), "pressure": F(0), "us_gain": F(0),
           "pressing_cost": F(1)}
FREE = ("prior_low_cost", "domestic_cost_japan")
LINE = np.linspace(0, 1, 21)
#: (q, k_J) floats within 1e-12 (relative) of k_J = q or k_J = 1 - q but off them, with the rational point of
#: the line they stand for (each float's nearest fraction with a small denominator).
NEAR = [((0.5, 0.5 + 2.0**-50), (F(1, 2), F(1, 2))),
        ((0.35, LINE[7]), (F(7, 20), F(7, 20))),  # 0.35 rounds below 7/20, linspace's 0.35000000000000003 above
        ((LINE[7], 0.35), (F(7, 20), F(7, 20))),
        ((0.3, 0.7000000000000001), (F(3, 10), F(7, 10))),
        ((0.25, 0.75 + 2.0**-52), (F(1, 4), F(3, 4))),
        ((0.6, 0.4 - 1e-15), (F(3, 5), F(2, 5)))]


@functools.cache
def _map() -> Any:
    return statics.regime_map(BayesianLateralPressure(**WITNESS), free=list(FREE))


def _exact_label(q: F, k: F) -> str:
    exact = {"prior_low_cost": np.array(q, dtype=object), "domestic_cost_japan": np.array(k, dtype=object)}
    return str(_map().labels(**exact)[()])


def test_the_floats_lie_off_the_lines_but_within_the_tolerance() -> None:
    for (q, k), (a, b) in NEAR:
        assert (F(q), F(k)) != (a, b)  # not exactly on the line: the old path read them as floats
        assert F(k) - F(q) != 0 and F(k) + F(q) != 1
        assert min(abs(k - q), abs(k + q - 1)) <= 1e-12 * (abs(k) + abs(q) + 1)


@pytest.mark.parametrize("point, rational", NEAR)
def test_a_float_near_a_boundary_gets_a_label_of_the_map(point: tuple[float, float], rational: tuple[F, F]) -> None:
    rmap = _map()
    label = str(rmap.labels(prior_low_cost=point[0], domestic_cost_japan=point[1])[()])
    assert label in rmap.label_set  # was the float solver's listing of the continuum: no entry's label
    assert label == _exact_label(*rational)


@pytest.mark.parametrize("point", [p for p, _ in NEAR])
def test_the_sweeps_label_near_a_boundary_is_confirmed_the_maps_set(point: tuple[float, float]) -> None:
    from trigame.viz._agreement import same_set_at

    rmap = _map()
    values = dict(zip(FREE, point))
    label = str(rmap.labels(**values)[()])
    swept = str(statics.sweep(BayesianLateralPressure(**WITNESS), {k: [v] for k, v in values.items()},
                              progress=False).labels.ravel()[0])
    assert swept != label  # the point solver lists the continuum by its own points
    assert same_set_at(rmap, values, label, swept)
    # the same labels swapped name no set the map has there: the map's label is not a point solver's listing
    assert not same_set_at(rmap, values, swept, label)


@settings(max_examples=6, deadline=None)
@given(a=st.integers(1, 19), mirror=st.booleans(), ulps=st.integers(-3, 3).filter(bool))
def test_floats_a_few_ulps_off_a_line_are_labelled_as_the_lines_point(a: int, mirror: bool, ulps: int) -> None:
    # q = a/20 and k_J on the line k_J = q (or k_J = 1 - q), then moved by a few units in the last place.
    q = F(a, 20)
    k = 1 - q if mirror else q
    kf = float(k)
    for _ in range(abs(ulps)):
        kf = float(np.nextafter(kf, 2.0 if ulps > 0 else -1.0))
    rmap = _map()
    label = str(rmap.labels(prior_low_cost=float(q), domestic_cost_japan=kf)[()])
    assert label in rmap.label_set
    assert label == _exact_label(q, k)


@settings(max_examples=8, deadline=None)
@given(q=st.floats(0.01, 0.99), mirror=st.booleans(),
       offset=st.sampled_from([-1e-13, -1e-15, -2.0**-53, 2.0**-53, 1e-15, 1e-13]))
def test_any_float_within_the_tolerance_of_a_line_gets_a_label_of_the_map(q: float, mirror: bool,
                                                                          offset: float) -> None:
    # q need not be near a simple fraction: the candidates with larger denominators still put both
    # coordinates on the line (the best approximations of q and of q + offset, or of 1 - q, agree).
    rmap = _map()
    k = (1 - q if mirror else q) + offset
    assert str(rmap.labels(prior_low_cost=q, domestic_cost_japan=k)[()]) in rmap.label_set


@settings(max_examples=40, deadline=None)
@given(numerator=st.integers(-2000, 2000), denominator=st.integers(1, 1000))
def test_candidates_hold_the_fraction_a_float_rounds(numerator: int, denominator: int) -> None:
    x = F(numerator, denominator)
    found = candidates([float(x)])
    assert found[0] == [F(float(x))]  # the float's exact value first
    assert [x] in found  # a fraction with denominator <= 1000 is the float's simplest neighbour
    assert all(abs(c[0] - F(float(x))) <= SNAP * max(1, abs(x)) for c in found)
    assert len(found) == len({c[0] for c in found})  # no repeats


def test_candidates_read_floats_exactly_first_then_simpler_fractions_near_them() -> None:
    assert candidates([F(1, 3), 2]) == [[F(1, 3), F(2)]]  # exact inputs as they are
    assert candidates([0.5]) == [[F(1, 2)]]  # a dyadic float is its own simplest fraction
    first, simple = candidates([0.1])[:2]
    assert first == [F(0.1)] and simple == [F(1, 10)]
    # 0.1234 is not within SNAP of a fraction with denominator <= 1000 (1234/10**4 = 617/5000): only the exact
    # value and the fraction with denominator <= 10**6 come back
    assert all(abs(c[0] - F(0.1234)) <= SNAP for c in candidates([0.1234]))
    assert [F(617, 5000)] in candidates([0.1234]) and len(candidates([0.1234])) == 2


@functools.cache
def _slice_sweep() -> Any:
    # Grid points on k_J = 0, k_J = 1 and within rounding of k_J = q, k_J = 1 - q (linspace's floats).
    grid = {"prior_low_cost": np.linspace(0.05, 0.95, 11), "domestic_cost_japan": np.linspace(0, 1, 11)}
    return statics.sweep(BayesianLateralPressure(**WITNESS), grid, progress=False)


def test_the_slice_plot_draws_the_symbolic_overlay(tmp_path: Any) -> None:
    pytest.importorskip("matplotlib")
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    r = _slice_sweep()
    rmap = _map()
    # The sweep lists the continuum by the point solver's extreme points: most of its labels are no entry's.
    assert not set(r.labels.ravel().tolist()) <= set(rmap.label_set)
    ax = r.plot("prior_low_cost", "domestic_cost_japan", by="equilibrium")
    notes = " ".join(ax.trigame_notes)
    assert "no symbolic" not in notes and "regions from the sweep's grid" not in notes  # was: disagree at 395 points
    assert "symbolic boundaries overlaid" in notes
    assert ax.collections and ax.get_legend() is not None
    # the areas are the map's sets
    assert {label for _, label, kind in ax.trigame_key if kind == "area"} <= set(rmap.label_set)
    ax.figure.savefig(tmp_path / "slice.png")
    assert (tmp_path / "slice.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Ten sets (four areas, five lines, a point) and each key entry up to four lines: the key used to run
    # past the figure's bottom edge, its last entry cut.  It stays inside now.
    assert len(ax.trigame_key) >= 10
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    assert box.y0 >= ax.figure.bbox.y0 - 1 and box.x1 <= ax.figure.bbox.x1 + 1


def test_a_label_of_another_set_is_still_a_disagreement(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from trigame.viz import _agreement
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    rmap = _map()
    # At (q, k_J) = (0.3, 0.9) Japan's best reply is fixed (0.9 > 1 - q and 0.9 > q): its cell's label is
    # confirmed; a label of another cell (the map's at (0.3, 0.1)) is not the set there.
    here = str(rmap.labels(prior_low_cost=0.3, domestic_cost_japan=0.9)[()])
    other = str(rmap.labels(prior_low_cost=0.3, domestic_cost_japan=0.1)[()])
    assert here != other
    swept = {k: str(statics.sweep(BayesianLateralPressure(**WITNESS), {"prior_low_cost": [0.3],
                                                                       "domestic_cost_japan": [k]},
                                  progress=False).labels.ravel()[0]) for k in (0.9, 0.1)}
    assert swept[0.9] != here  # the point solver lists the continuum by other points than the map's regimes
    values = {"prior_low_cost": 0.3, "domestic_cost_japan": 0.9}
    assert _agreement.same_set_at(rmap, values, here, swept[0.9])
    assert not _agreement.same_set_at(rmap, values, here, swept[0.1])
    assert not _agreement.same_set_at(rmap, values, other, swept[0.9])
    # A sweep whose labels no exact solve confirms: the figure falls back to the grid and says why.
    monkeypatch.setattr(_agreement, "confirm", lambda *args: _agreement.NEITHER)
    ax = _slice_sweep().plot("prior_low_cost", "domestic_cost_japan", by="equilibrium")
    assert any("disagree at" in n for n in ax.trigame_notes)


def test_where_the_float_solver_misses_a_tie_the_exact_answer_is_drawn() -> None:
    pytest.importorskip("matplotlib")
    from trigame.solve.subgame_perfect import subgame_perfect
    from trigame.viz import _agreement
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    # At the defaults (prior q = 2/5) with k_L = k_H the two South Korean types are the same player: wherever
    # one is indifferent so is the other, a continuum.  In floats 0.4 and 0.6 do not weigh the equal costs
    # exactly, the tie is broken by rounding and the float solver lists three equilibria and no continuum;
    # at q = 1/2 (exact in binary) it lists the exact solver's five.
    at = {"domestic_cost_rok_low": 0.5, "domestic_cost_rok_high": 0.5}
    floats = subgame_perfect(BayesianLateralPressure(**at).game())
    exact = subgame_perfect(BayesianLateralPressure(**{k: F(v) for k, v in at.items()}).game())
    assert exact.degenerate and not floats.degenerate and len(floats) < len(exact)
    grid = {name: np.linspace(0, 1.5, 4) for name in at}
    r = statics.sweep(BayesianLateralPressure(), grid, progress=False)
    rmap = statics.regime_map(BayesianLateralPressure(), free=list(at))
    label = str(rmap.labels(**at)[()])
    swept = str(r.labels[1, 1])  # (0.5, 0.5)
    assert label != swept and label.endswith("continuum") and not swept.endswith("continuum")
    assert _agreement.confirm(rmap, at, label, swept) == _agreement.MAP
    ax = r.plot(*at, by="equilibrium")
    notes = " ".join(ax.trigame_notes)
    assert "overlaid" in notes and "no symbolic" not in notes
    # (0.5, 0.5) and (1.5, 1.5); at (0, 0) and (1, 1), the other points of the diagonal, the float solver
    # finds the continuum, listed by other points than the map's (confirmed as the same set)
    assert "at 2 grid points the exact solve confirms the map (drawn), not the sweep's float solve" in notes
