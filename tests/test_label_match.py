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
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests._witness import FREE, WITNESS, witness_map
from trigame import statics
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.statics._label_match import SNAP, candidates, snap

LINE = np.linspace(0, 1, 21)
#: (q, k_J) floats within 1e-12 (relative) of k_J = q or k_J = 1 - q but off them, with the rational point of
#: the line they stand for (each float's nearest fraction with a small denominator).
NEAR = [((0.5, 0.5 + 2.0**-50), (F(1, 2), F(1, 2))),
        ((0.35, LINE[7]), (F(7, 20), F(7, 20))),  # 0.35 rounds below 7/20, linspace's 0.35000000000000003 above
        ((LINE[7], 0.35), (F(7, 20), F(7, 20))),
        ((0.3, 0.7000000000000001), (F(3, 10), F(7, 10))),
        ((0.25, 0.75 + 2.0**-52), (F(1, 4), F(3, 4))),
        ((0.6, 0.4 - 1e-15), (F(3, 5), F(2, 5)))]



def _exact_label(q: F, k: F) -> str:
    exact = {"prior_low_cost": np.array(q, dtype=object), "domestic_cost_japan": np.array(k, dtype=object)}
    return str(witness_map().labels(**exact)[()])


def test_the_floats_lie_off_the_lines_but_within_the_tolerance() -> None:
    for (q, k), (a, b) in NEAR:
        assert (F(q), F(k)) != (a, b)  # not exactly on the line: the old path read them as floats
        assert F(k) - F(q) != 0 and F(k) + F(q) != 1
        assert min(abs(k - q), abs(k + q - 1)) <= 1e-12 * (abs(k) + abs(q) + 1)


@pytest.mark.parametrize("point, rational", NEAR)
def test_a_float_near_a_boundary_gets_a_label_of_the_map(point: tuple[float, float], rational: tuple[F, F]) -> None:
    rmap = witness_map()
    label = str(rmap.labels(prior_low_cost=point[0], domestic_cost_japan=point[1])[()])
    assert label in rmap.label_set  # was the float solver's listing of the continuum: no entry's label
    assert label == _exact_label(*rational)


@pytest.mark.parametrize("point", [p for p, _ in NEAR])
def test_the_sweeps_label_near_a_boundary_is_confirmed_the_maps_set(point: tuple[float, float]) -> None:
    from trigame.viz._agreement import BOTH, NEITHER, confirm

    rmap = witness_map()
    values = dict(zip(FREE, point))
    label = str(rmap.labels(**values)[()])
    swept = _swept(*point)
    assert swept != label  # the point solver lists the continuum by its own points
    assert confirm(rmap, values, label, swept) == BOTH
    # the same labels swapped name no set the map has there: the map's label is not a point solver's listing
    assert confirm(rmap, values, swept, label) == NEITHER


@settings(max_examples=6, deadline=None)
@given(a=st.integers(1, 19), mirror=st.booleans(), ulps=st.integers(-3, 3).filter(bool))
def test_floats_a_few_ulps_off_a_line_are_labelled_as_the_lines_point(a: int, mirror: bool, ulps: int) -> None:
    # q = a/20 and k_J on the line k_J = q (or k_J = 1 - q), then moved by a few units in the last place.
    q = F(a, 20)
    k = 1 - q if mirror else q
    kf = float(k)
    for _ in range(abs(ulps)):
        kf = float(np.nextafter(kf, 2.0 if ulps > 0 else -1.0))
    rmap = witness_map()
    label = str(rmap.labels(prior_low_cost=float(q), domestic_cost_japan=kf)[()])
    assert label in rmap.label_set
    assert label == _exact_label(q, k)


@settings(max_examples=8, deadline=None)
@given(q=st.floats(0.01, 0.99), mirror=st.booleans(),
       offset=st.sampled_from([-1e-13, -1e-15, -2.0**-53, 2.0**-53, 1e-15, 1e-13]))
def test_any_float_within_the_tolerance_of_a_line_gets_a_label_of_the_map(q: float, mirror: bool,
                                                                          offset: float) -> None:
    # q need not be near a simple fraction: where the coordinates snapped one by one miss the line, k_J is
    # solved for on the line with q snapped (the line's equation is linear in k_J).  Within the labels'
    # tolerance of the line (its polynomial at most 1e-12 times the sum of its terms' sizes) the label is the
    # line's, at the exact point of the line with that q (away from q = 1/2, where the two lines cross);
    # farther (k_J = q - 1e-13 at a small q) it is the label of the float's exact value, off the line.
    assume(abs(q - 0.5) > 1e-6)
    rmap = witness_map()
    k = (1 - q if mirror else q) + offset
    label = str(rmap.labels(prior_low_cost=q, domestic_cost_japan=k)[()])
    assert label in rmap.label_set
    scale = abs(k) + abs(q) + (1 if mirror else 0)
    gap = abs(F(k) + F(q) - 1) if mirror else abs(F(k) - F(q))
    if gap <= 0.5e-12 * scale:
        assert label == _exact_label(F(q), 1 - F(q) if mirror else F(q))
    elif gap >= 2e-12 * scale:
        assert label == _exact_label(F(q), F(k))


@pytest.mark.parametrize("q, k, line", [(0.22168143710174704, 0.22168143710174704 + 1e-13, (F(1, 5), F(1, 5))),
                                        (0.22168143710174704, 1 - 0.22168143710174704 - 1e-13, (F(1, 5), F(4, 5))),
                                        (0.6180339887498949, 0.6180339887498949 - 1e-13, (F(3, 5), F(3, 5)))])
def test_a_float_near_a_line_with_no_simple_fraction_near_it_gets_a_label_of_the_map(q: float, k: float,
                                                                                     line: tuple[F, F]) -> None:
    # Each coordinate snapped on its own lands off the line: (best fraction of q) != (best fraction of k).
    # The label was the float solver's listing of the continuum on the line, no entry's label.
    rmap = witness_map()
    assert min(abs(k - q), abs(k + q - 1)) <= 1e-12 * (abs(k) + abs(q) + 1)
    label = str(rmap.labels(prior_low_cost=q, domestic_cost_japan=k)[()])
    assert label in rmap.label_set
    # the label of the line's cell: that of a simple point of the same piece of the line (k_J = q and
    # k_J = 1 - q cross at q = 1/2)
    assert label == _exact_label(*line)


@settings(max_examples=40, deadline=None)
@given(numerator=st.integers(-2000, 2000), denominator=st.integers(1, 1000))
def test_candidates_hold_the_fraction_a_float_rounds(numerator: int, denominator: int) -> None:
    x = F(numerator, denominator)
    found = candidates([float(x)])
    assert found[0] == [F(float(x))]  # the float's exact value first
    assert [x] in found  # a fraction with denominator <= 1000 is the float's simplest neighbour
    assert all(abs(c[0] - F(float(x))) <= SNAP * max(1.0, float(abs(x))) for c in found)
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
    rmap = witness_map()
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


def _swept(q: Any, k: Any) -> str:
    grid = {"prior_low_cost": [q], "domestic_cost_japan": [k]}
    return str(statics.sweep(BayesianLateralPressure(**WITNESS), grid, progress=False).labels.ravel()[0])


def test_a_label_of_another_set_is_still_a_disagreement() -> None:
    from trigame.viz._agreement import BOTH, NEITHER, confirm

    rmap = witness_map()
    # At (q, k_J) = (0.3, 0.9) Japan's best reply is fixed (0.9 > 1 - q and 0.9 > q): its cell's label is
    # confirmed; a label of another cell (the map's at (0.3, 0.1)) is not the set there.
    here = str(rmap.labels(prior_low_cost=0.3, domestic_cost_japan=0.9)[()])
    other = str(rmap.labels(prior_low_cost=0.3, domestic_cost_japan=0.1)[()])
    assert here != other
    swept = {k: _swept(0.3, k) for k in (0.9, 0.1)}
    assert swept[0.9] != here  # the point solver lists the continuum by other points than the map's regimes
    values = {"prior_low_cost": 0.3, "domestic_cost_japan": 0.9}
    assert confirm(rmap, values, here, swept[0.9]) == BOTH
    # a sweep's label of another set, or no set at all, is a disagreement even though the map's label holds
    assert confirm(rmap, values, here, swept[0.1]) == NEITHER  # was "map": the map's label alone sufficed
    assert confirm(rmap, values, here, "garbage") == NEITHER
    assert confirm(rmap, values, other, swept[0.9]) == NEITHER


def test_the_map_and_the_sweep_are_confirmed_at_one_point() -> None:
    from trigame.viz._agreement import NEITHER, confirm

    rmap = witness_map()
    # (0.3, 0.3 + 1e-13): the map's tolerance puts it on the line k_J = q, so its label is the line's,
    # confirmed at (3/10, 3/10).  The exact solve at the float's exact value, above the line, lists the set
    # of the cell above it (the label a sweep gives at (0.3, 0.35)): another set, not confirmed at (3/10, 3/10).
    k = 0.3 + 1e-13
    label = str(rmap.labels(prior_low_cost=0.3, domestic_cost_japan=k)[()])
    above = _swept(F(0.3), F(k))
    assert above == _swept(0.3, 0.35) and above != label
    assert confirm(rmap, {"prior_low_cost": 0.3, "domestic_cost_japan": k}, label, above) == NEITHER  # was "both"


def test_a_failed_exact_solve_at_one_candidate_leaves_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    from trigame.errors import SolverError
    from trigame.statics import _point_checks
    from trigame.viz._agreement import BOTH, confirm

    rmap = witness_map()
    point = NEAR[0][0]  # (0.5, 0.5 + 2**-50): its exact value first, then the line's point (1/2, 1/2)
    values = dict(zip(FREE, point))
    label, swept = str(rmap.labels(**values)[()]), _swept(*point)
    solve = _point_checks._numeric_equilibria
    calls: list[Any] = []

    def first_fails(problem: Any, at: Any, stages: Any = None) -> Any:
        calls.append(at)
        if len(calls) == 1:
            raise SolverError("the first candidate's solve fails")
        return solve(problem, at, stages)

    monkeypatch.setattr(_point_checks, "_numeric_equilibria", first_fails)
    assert confirm(rmap, values, label, swept) == BOTH  # was "neither": the first failure ended the search
    assert len(calls) >= 2


def test_a_listing_confirms_the_map_only_where_it_describes_part_of_the_exact_set() -> None:
    from trigame.games.normal_form import NormalFormGame
    from trigame.viz._agreement import BOTH, MAP, NEITHER, _Listing

    # Top is strictly dominant for A; B is indifferent: the equilibria are (Top, any mixture of B), the exact
    # listing the segment's ends (Top, L) and (Top, R).
    game = NormalFormGame.from_arrays([[1, 1], [0, 0]], [[0, 0], [0, 0]], players=["A", "B"],
                                      strategies=[["T", "D"], ["L", "R"]])
    one, zero = F(1), F(0)
    exact = [{"A": {"T": one, "D": zero}, "B": {"L": one, "R": zero}},
             {"A": {"T": one, "D": zero}, "B": {"L": zero, "R": one}}]

    class Problem:
        kind = "nash"
        profiles = None

    def verdict(listed: list[Any], continuum: bool) -> str:
        listing = _Listing(Problem(), ["x"], [0.5], "label")
        listing._solved = listed, continuum
        return listing.at(game, exact)

    inside = {"A": {"T": one, "D": zero}, "B": {"L": F(1, 3), "R": F(2, 3)}}
    off = {"A": {"T": zero, "D": one}, "B": {"L": one, "R": zero}}  # A's Down: not an equilibrium
    assert verdict([exact[0], exact[1]], True) == BOTH
    assert verdict([inside], True) == MAP  # a point of the segment: part of the set
    assert verdict([exact[0], inside], False) == MAP
    assert verdict([exact[0], off], True) == NEITHER


def test_a_sweep_with_a_wrong_label_falls_back_to_the_grid() -> None:
    pytest.importorskip("matplotlib")
    import copy

    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    r = copy.copy(_slice_sweep())
    # (q, k_J) = (0.32, 0.9), inside a cell (0.9 > 1 - q > q), labelled as the sweep labels (0.32, 0.1)
    i, j, j_other = 3, 9, 1
    assert np.isclose(r.grid["prior_low_cost"][i], 0.32) and np.isclose(r.grid["domestic_cost_japan"][j], 0.9)
    codes = r.label_codes.copy()
    assert codes[i, j] != codes[i, j_other]
    codes[i, j] = codes[i, j_other]
    r._codes = codes.reshape(-1)
    ax = r.plot("prior_low_cost", "domestic_cost_japan", by="equilibrium")
    notes = " ".join(ax.trigame_notes)
    assert "disagree at 1 grid points" in notes and "no symbolic" in notes  # was drawn, the point "confirmed"


def test_key_entries_take_fewer_lines_on_a_lower_figure() -> None:
    from trigame.viz.figures import _lines_each

    # 36 lines fit on the default 5.6-inch figure, 1.1 inches of it margins: ten entries take three lines each
    # there; on a figure 4 inches high 36 * 2.9 / 4.5 = 23.2 lines fit (two each), at 2.8 inches 13.6 (one
    # each), at 11.2 inches 80.8 (four, the most)
    assert [_lines_each(h, 10) for h in (5.6, 4.0, 2.8, 11.2)] == [3, 2, 1, 4]
    assert _lines_each(2.8, 40) == 1 and _lines_each(5.6, 0) == 4


@pytest.mark.slow
def test_the_key_stays_inside_a_low_figure() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    # ten key entries beside a plot 3.2 inches high: one line each (two ran past the bottom edge, as the
    # count of lines that fit was that of the default 5.6-inch figure)
    fig, ax = plt.subplots(figsize=(9, 3.2))
    drawn = _slice_sweep().plot("prior_low_cost", "domestic_cost_japan", by="equilibrium", ax=ax)
    fig.canvas.draw()
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    assert len(drawn.trigame_key) >= 10
    assert box.y0 >= fig.bbox.y0 - 1 and box.x1 <= fig.bbox.x1 + 1
    plt.close(fig)


def test_where_the_float_solver_misses_a_tie_the_exact_answer_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from trigame.solve.subgame_perfect import _solver, subgame_perfect
    from trigame.viz import _agreement
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    # At the defaults (prior q = 2/5) with k_L = k_H the two South Korean types are the same player: wherever
    # one is indifferent so is the other, a continuum.  In floats 0.4 and 0.6 do not weigh the equal costs
    # exactly; the float solver counts the rounded sums within its slack as tied (tests/test_spe_float_ties.py)
    # and lists the exact solver's five equilibria.
    at = {"domestic_cost_rok_low": 0.5, "domestic_cost_rok_high": 0.5}
    floats = subgame_perfect(BayesianLateralPressure(**at).game())
    half: dict[str, Any] = {name: F(1, 2) for name in at}
    exact = subgame_perfect(BayesianLateralPressure(**half).game())
    assert exact.degenerate and floats.degenerate and len(floats) == len(exact)
    grid = {name: np.linspace(0, 1.5, 4) for name in at}
    rmap = statics.regime_map(BayesianLateralPressure(), free=list(at))
    label = str(rmap.labels(**at)[()])
    r = statics.sweep(BayesianLateralPressure(), grid, progress=False)
    assert all(str(r.labels[i, i]).endswith("continuum") for i in range(4))
    notes = " ".join(r.plot("domestic_cost_rok_low", "domestic_cost_rok_high", by="equilibrium").trigame_notes)
    assert "overlaid" in notes and "no symbolic" not in notes and "confirms the map" not in notes
    # A float solver that loses the tie (stages solved as the binary fractions of their rounded sums, as before
    # the slack): the exact solve confirms the map's label and not the sweep's, so the exact answer is drawn
    # and the figure says at how many points.
    monkeypatch.setattr(_solver, "snap", lambda rows, slack: [[F(v) for v in row] for row in rows])
    r = statics.sweep(BayesianLateralPressure(), grid, progress=False)
    swept = str(r.labels[1, 1])  # (0.5, 0.5)
    assert label != swept and label.endswith("continuum") and not swept.endswith("continuum")
    assert _agreement.confirm(rmap, at, label, swept) == _agreement.MAP
    ax = r.plot("domestic_cost_rok_low", "domestic_cost_rok_high", by="equilibrium")
    notes = " ".join(ax.trigame_notes)
    assert "overlaid" in notes and "no symbolic" not in notes
    # (0.5, 0.5) and (1.5, 1.5); at (0, 0) and (1, 1), the other points of the diagonal, the float solver
    # finds the continuum, listed by other points than the map's (confirmed as the same set)
    assert "at 2 grid points the exact solve confirms the map (drawn), not the sweep's float solve" in notes


def test_snap_is_the_simplest_fraction_within_the_tolerance_not_the_closest() -> None:
    # 83397/376202 is the closest fraction with a denominator up to 10^6; 4828/21779 is within 1e-9 and simpler
    assert snap(0.22168143710174704) == F(4828, 21779)
    assert abs(F(4828, 21779) - F(0.22168143710174704)) <= F(1, 10**9)
    assert snap(0.35000000000000003) == F(7, 20) and snap(1 / 3) == F(1, 3)
