"""Region maps and outcome curves fit for a paper: what a reader sees, checked on the drawn artists.

Expected values come from the models' payoffs worked by hand (in comments), not from the drawing code.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.models import AllianceSecurityDilemma, ChinaReaction, QuasiAlliance
from trigame.statics import sweep

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

from trigame.viz.catalogue import headline, map_range  # noqa: E402
from trigame.viz.figures import outcome_curves, region_map  # noqa: E402

# QuasiAlliance at its defaults (security value 3, domestic costs h_J = 1, h_K = 2): a state cooperates iff
# 3·fear - h >= 0, so Japan's net gain changes sign at fear_japan = 1/3 and South Korea's at fear_rok = 2/3.
# Open regions: (Friction, Friction) alone where either fear is below its threshold; three equilibria (both
# cooperate, both friction, both mixing) where both are above.  On the lines fear_japan = 1/3 or fear_rok = 2/3
# (with the other fear above) a continuum: a set that lives on a boundary only.
FF = "Japan: Friction, South Korea: Friction"
LABEL = {p.name: p.label for p in QuasiAlliance.parameters()}  # display names, as the model declares them
THREE = ("Japan: Cooperate, South Korea: Cooperate | Japan: Friction, South Korea: Friction | "
         "Japan: mix Cooperate/Friction, South Korea: mix Cooperate/Friction")


@pytest.fixture(scope="module")
def plane() -> Any:
    # 31 points: fear_japan = 10/30 = 1/3 lies on the grid, so the sweep meets the boundary set there.
    return sweep(QuasiAlliance, {"fear_japan": np.linspace(0, 1, 31), "fear_rok": np.linspace(0, 1, 31)},
                 progress=False)


@pytest.fixture(autouse=True)
def _close() -> Any:
    yield
    plt.close("all")


def _area_colour(ax: Any, label: str) -> str:
    from matplotlib.colors import to_hex

    handles = ax.get_legend().legend_handles
    for (_, shown, kind), handle in zip(ax.trigame_key, handles):
        if shown == label and kind == "area":
            return to_hex(handle.get_facecolor())
    raise AssertionError(f"{label!r} is not an area of this map: {ax.trigame_key}")


@pytest.mark.parametrize("boundaries", [True, False])
def test_legend_and_caption_inside_the_image_after_a_plain_savefig(plane: Any, tmp_path: Path,
                                                                  boundaries: bool) -> None:
    ax = plane.plot("fear_japan", "fear_rok", boundaries=boundaries)
    fig = ax.figure
    fig.savefig(tmp_path / "map.png")  # no bbox_inches="tight": the README's way
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    for artist in [ax.get_legend(), *ax.texts]:
        box = artist.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, artist
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1, artist


@pytest.mark.parametrize("boundaries", [True, False])
def test_no_measure_zero_set_is_coloured_as_an_area(plane: Any, boundaries: bool) -> None:
    ax = plane.plot("fear_japan", "fear_rok", boundaries=boundaries)
    mesh = ax.collections[0]
    assert len(np.unique(np.asarray(mesh.get_array()))) == 2  # the two open regions, nothing else
    areas = {label for _, label, kind in ax.trigame_key if kind == "area"}
    assert areas == {FF, THREE}
    others = [(label, kind) for _, label, kind in ax.trigame_key if kind != "area"]
    # On those boundaries a state is indifferent, so (Cooperate, Cooperate) is an equilibrium with (Friction,
    # Friction): every set drawn there holds both.
    assert others and all(label.startswith("Japan: Cooperate, South Korea: Cooperate | " + FF) for label, _ in others)


def test_boundary_sets_are_lines_on_the_exact_boundary(plane: Any) -> None:
    ax = plane.plot("fear_japan", "fear_rok")
    kinds = {kind for _, _, kind in ax.trigame_key}
    assert "line" in kinds
    # Every thick coloured line lies on fear_japan = 1/3 (with fear_rok >= 2/3) or fear_rok = 2/3
    # (with fear_japan >= 1/3): where the continuum is.
    thick = [line for line in ax.lines if line.get_linewidth() >= 2 and len(line.get_xdata()) > 1]
    assert thick
    for line in thick:
        fx, fr = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        on_japan = np.isclose(fx, 1 / 3, atol=1e-9) & (fr >= 2 / 3 - 1e-6)
        on_rok = np.isclose(fr, 2 / 3, atol=1e-9) & (fx >= 1 / 3 - 1e-6)
        assert (on_japan | on_rok).all()


def test_axis_labels_are_display_names_and_the_title_is_readable(plane: Any) -> None:
    ax = plane.plot("fear_japan", "fear_rok", boundaries=False)
    assert ax.get_xlabel().startswith(LABEL["fear_japan"])
    assert ax.get_ylabel().startswith(LABEL["fear_rok"])
    assert "fear_japan" not in ax.get_xlabel() and "_" not in ax.get_xlabel().split("$")[0]
    title = ax.get_title(loc="left").replace("\n", " ")
    assert title.startswith("Quasi-alliance") and "QuasiAlliance" not in title


def test_fixed_parameters_in_the_caption(plane: Any) -> None:
    ax = plane.plot("fear_japan", "fear_rok", boundaries=False)
    caption = ax.trigame_caption
    # The defaults of the parameters not on the axes, by display name.
    for name, value in (("security_value", 3), ("domestic_cost_japan", 1), ("domestic_cost_rok", 2)):
        assert f"{LABEL[name]} = {value}" in caption
    assert LABEL["fear_japan"] not in caption
    assert any(caption.split()[0] in t.get_text() for t in ax.texts)


def test_same_label_same_colour_across_figures(plane: Any) -> None:
    from trigame.viz._palette import AREA_COLOURS

    # A second map where (Friction, Friction) is the only set: fear_japan below 1/3 everywhere.
    low = sweep(QuasiAlliance, {"fear_japan": np.linspace(0, 0.3, 5), "security_value": np.linspace(1, 4, 5)},
                progress=False)
    first = plane.plot("fear_japan", "fear_rok", boundaries=False)
    second = low.plot("fear_japan", "security_value", boundaries=False)
    third = plane.plot("fear_rok", "fear_japan")
    assert _area_colour(first, FF) == _area_colour(second, FF) == _area_colour(third, FF)
    assert _area_colour(first, THREE) == _area_colour(third, THREE) != _area_colour(first, FF)
    assert {_area_colour(first, FF).upper(), _area_colour(first, THREE).upper()} <= set(AREA_COLOURS)


def test_exact_boundaries_stop_where_they_stop_separating() -> None:
    # AllianceSecurityDilemma (hedging costs 2): the US line commitment_cost_us = 0 separates regions only for
    # commitment_cost_rok < 2; above, (Strong, Weak) holds on both sides.  The drawn black curve must stop there
    # (the old overlay overshot into a "+" at (0, 2)).
    r = sweep(AllianceSecurityDilemma, {"commitment_cost_us": np.linspace(-1, 3, 41),
                                         "commitment_cost_rok": np.linspace(-1, 3, 41)}, progress=False)
    ax = r.plot("commitment_cost_us", "commitment_cost_rok")
    from matplotlib.contour import ContourSet

    parts = [p.vertices for c in ax.collections if isinstance(c, ContourSet) for p in c.get_paths() if len(p)]
    vertices = np.concatenate(parts)
    on_us_zero = np.abs(vertices[:, 0]) < 1e-6
    assert on_us_zero.any()
    assert vertices[on_us_zero, 1].max() <= 2 + 0.02
    # Five open regions (each ally strong iff its net commitment cost e < 0 against a strong partner, weak
    # iff e > 2 against a weak one: (Strong, Strong), (Strong, Weak), (Weak, Strong), (Weak, Weak), and the
    # square 0 < e < 2 with both pure asymmetric equilibria and a mixed one) and many sets on the boundaries:
    # the key, more than ten entries long, still fits in the figure.
    assert sum(kind == "area" for _, _, kind in ax.trigame_key) == 5 and len(ax.trigame_key) > 10
    ax.figure.savefig(io.BytesIO(), format="png")
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    assert ax.figure.bbox.y0 - 1 <= box.y0 and box.y1 <= ax.figure.bbox.y1 + 1


def test_diagonal_boundary_is_smooth_not_a_staircase() -> None:
    # ChinaReaction (sequential): China backs Pyongyang iff backing_value a > backing_cost c, so the outcome
    # changes across the straight line c = a.  Every drawn point clearly above the line shows one outcome,
    # every point clearly below the other: no staircase notches.
    r = sweep(ChinaReaction, {"backing_value": np.linspace(0, 2, 15), "backing_cost": np.linspace(0.1, 4, 15)},
              progress=False)
    ax = r.plot("backing_value", "backing_cost")
    mesh = ax.collections[0]
    edges = mesh.get_coordinates()  # cell corners
    centres = (edges[:-1, :-1] + edges[1:, 1:]) / 2
    values = np.asarray(mesh.get_array()).reshape(centres.shape[:2])
    a, c = centres[..., 0], centres[..., 1]
    above, below = values[c > a + 0.01], values[c < a - 0.01]
    assert len(set(above.tolist())) == 1 and len(set(below.tolist())) == 1 and above[0] != below[0]
    # China indifferent on c = a: both outcomes there, a set on the line only, drawn as a line.
    assert [kind for _, _, kind in ax.trigame_key] == ["area", "area", "line"]
    # The open lower end of backing_cost (c > 0) is drawn from 0, not from the first grid point.
    assert ax.get_ylim()[0] == 0.0


def test_outcome_keys_name_the_mover() -> None:
    from trigame.models import TargetSelection

    r = sweep(TargetSelection, {"join_cost_japan": [1.0], "join_cost_rok": [2.0]}, progress=False)
    ax = r.plot("join_cost_japan", "join_cost_rok", boundaries=False)
    texts = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    # North Korea attacks Japan and South Korea stays out (ROK join cost 2 > stay-out cost 1).
    assert any("North Korea: Attack Japan > South Korea: Stay out" in " ".join(t.split()) for t in texts)


def test_game_kind_tells_continuous_and_repeated_models_apart() -> None:
    from trigame.models import MODELS
    from trigame.viz.catalogue import game_kind

    kinds = {name: game_kind(model) for name, model in MODELS.items()}
    assert kinds["ChinaReaction"] == "game tree" and kinds["QuasiAlliance"] == "strategic form"
    for name, kind in kinds.items():
        game = MODELS[name]().game()
        if "Continuous" in type(game).__name__:
            assert kind == "continuous game", name
        if "Repeated" in type(game).__name__:
            assert kind == "repeated game", name


def test_chance_moves_are_named_after_nature() -> None:
    from trigame.models import BayesianLateralPressure
    from trigame.viz._palette import outcome_names

    # The tree: the US presses or not, then Nature draws South Korea's cost, then the allies choose; the
    # sweep writes Nature's draw and the allies' unobserved moves as one stage.
    tree = BayesianLateralPressure().game()
    names = outcome_names(tree, ["Press > low cost/Cooperate/Cooperate"])
    assert names == {"Press > low cost/Cooperate/Cooperate":
                     "United States: Press > Nature/Japan/South Korea: low cost/Cooperate/Cooperate"}


def test_a_randomising_equilibrium_that_differs_in_one_move_is_written_once() -> None:
    from trigame.viz._palette import rename_outcomes

    low = "United States: Not press > Nature/Japan/South Korea: low cost/Abstain/Abstain"
    high = "United States: Not press > Nature/Japan/South Korea: high cost/Abstain/Abstain"
    other = "United States: Not press > Nature/Japan/South Korea: high cost/Cooperate/Abstain"
    names = {"a": low, "b": high, "c": other}
    assert rename_outcomes("random: a or b", names) == (
        "random: United States: Not press > Nature/Japan/South Korea: (low cost or high cost)/Abstain/Abstain")
    # Two moves differ: merging them would lose which goes with which, so both paths are kept.
    assert rename_outcomes("random: a or c", names) == f"random: {low} or {other}"


def test_map_ranges_show_every_regime() -> None:
    sympy = pytest.importorskip("sympy")
    from trigame.models import MODELS
    from trigame.statics.symbolic import regime_map
    from trigame.viz.catalogue import game_kind

    for model in MODELS.values():
        if game_kind(model) not in ("strategic form", "game tree", "Bayesian game"):
            continue  # continuous and repeated games have no region map of equilibrium sets
        x, y = headline(model)[:2]
        parameters = {p.name: p for p in model.parameters()}
        box = [map_range(parameters[n], 61, model) for n in (x, y)]
        instance = model()
        fixed = {k: v for k, v in instance.values().items() if k not in (x, y)}
        try:
            curves = regime_map(instance, fixed=fixed, free=(x, y)).boundaries(x, y)
        except UnsupportedGameError:  # no symbolic regime map (signalling games): nothing to check here
            continue
        gx, gy = np.meshgrid(np.linspace(*box[0], 101)[1:-1], np.linspace(*box[1], 101)[1:-1])
        for curve in curves:
            f = sympy.lambdify([sympy.Symbol(x), sympy.Symbol(y)], curve, "numpy")
            values = np.broadcast_to(f(gx, gy), gx.shape)
            assert values.min() < 0 < values.max(), (model.__name__, curve, box)


def test_outcome_curves_legend_steps_and_points_at_boundaries(tmp_path: Path) -> None:
    # fear_japan = 1 (Japan cooperates whenever South Korea does); fear_rok from 0 up to 2/3: below 2/3 only
    # (Friction, Friction); at exactly 2/3 South Korea is indifferent, and (Cooperate, Cooperate) joins the set.
    # That second equilibrium exists at the last grid point only: it must be drawn (as a point).
    r = sweep(QuasiAlliance, {"fear_japan": [1.0], "fear_rok": np.linspace(0, 2 / 3, 11)}, progress=False)
    ax = outcome_curves(r, "fear_rok", selection="all")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("second equilibrium" in t for t in texts) and any("Cooperate/Cooperate" in t for t in texts)
    assert ax.get_ylabel() != "probability (all)" and ax.get_xlabel().startswith(LABEL["fear_rok"])
    lines = [line for line in ax.lines if len(line.get_xdata()) > 1]
    assert lines
    r2 = sweep(QuasiAlliance, {"fear_japan": [1.0], "fear_rok": np.linspace(0, 1, 11)}, progress=False)
    ax2 = outcome_curves(r2, "fear_rok", selection="first")
    # The first equilibrium is (Friction, Friction) up to 0.6 and (Cooperate, Cooperate) from 0.7 (2/3 lies
    # between): its probability jumps from 0 to 1 there.  No drawn segment may ramp through the values between.
    for line in ax2.lines:
        fx, fy = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        ramps = (np.abs(np.diff(fy)) > 0.5) & (np.diff(fx) != 0)
        assert not ramps.any()
    points = [line for line in ax.lines if line.get_marker() == "o"]
    assert any(np.isclose(np.asarray(p.get_xdata()), 2 / 3).any() and np.isclose(np.asarray(p.get_ydata()), 1).any()
               for p in points)
    ax.figure.savefig(tmp_path / "curves.png")
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    assert box.x1 <= ax.figure.bbox.x1 + 1


def test_save_figure_writes_png_pdf_and_svg(plane: Any, tmp_path: Path) -> None:
    from trigame.viz.figures import save_figure

    ax = plane.plot("fear_japan", "fear_rok")
    files = save_figure(ax, tmp_path / "quasi")
    assert [f.suffix for f in files] == [".png", ".pdf", ".svg"]
    assert files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert files[1].read_bytes()[:5] == b"%PDF-"
    assert b"<svg" in files[2].read_bytes()[:2000]
    with pytest.raises(ParameterError, match="png, pdf and svg"):
        save_figure(ax, tmp_path / "x", formats=("jpg",))
    with pytest.raises(TrigameError):
        save_figure(ax, tmp_path / "x", formats="png; rm -rf")  # a string is not a list of formats
    with pytest.raises(ParameterError, match="dpi"):
        save_figure(ax, tmp_path / "x", dpi="300")


def test_caption_table_lists_every_set_in_full(plane: Any) -> None:
    from trigame.viz.figures import caption_table

    ax = plane.plot("fear_japan", "fear_rok")
    table = caption_table(ax).splitlines()
    assert len(table) == 2 + len(ax.trigame_key)
    assert "| 1 | region | Japan: Friction, South Korea: Friction |" in table
    with pytest.raises(ParameterError, match="region map"):
        caption_table(plt.figure().add_subplot())


def test_compact_labels_and_palette() -> None:
    from trigame.viz._palette import AREA_COLOURS, LINE_COLOURS, compact_label

    assert compact_label(THREE, ("Japan", "South Korea")) == (
        "(Cooperate, Cooperate); (Friction, Friction); (mix Cooperate/Friction, mix Cooperate/Friction)")
    tree = "Japan@root: Abstain, South Korea@Cooperate: Abstain, China@Cooperate/Cooperate: Back Pyongyang"
    assert compact_label(tree, ("Japan", "South Korea", "China")) == (
        "Japan: Abstain, South Korea after Cooperate: Abstain, China after Cooperate/Cooperate: Back Pyongyang")
    # ExtendedDeterrence's agents are the US types: one choice per type, read as a type-contingent strategy.
    label = "South Korea@-: Hedge, United States@resolved: Defend, United States@unresolved: Abandon | continuum"
    assert compact_label(label, ("South Korea", "United States"), types=True) == (
        "(Hedge; Defend if resolved, Abandon if unresolved); a continuum")
    assert len(set(AREA_COLOURS)) == len(AREA_COLOURS) and len(set(LINE_COLOURS)) == len(LINE_COLOURS)


def test_region_map_refuses_hostile_names(plane: Any) -> None:
    with pytest.raises(ParameterError):
        region_map(plane, "__import__('os').system('true')", "fear_rok")
    with pytest.raises(ParameterError):
        region_map(plane, "fear_japan", "fear_rok", by="1+1")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="ABCD |:,", min_size=1, max_size=12), min_size=1, max_size=20, unique=True))
def test_colours_are_distinct_in_a_figure_and_kept_across_figures(labels: list[str]) -> None:
    from trigame.viz import _palette
    from trigame.viz._palette import colours_for

    _palette._GIVEN.clear()  # a fresh session: fewer sets than slots, so every set keeps its slot
    for kind in ("area", "line"):
        first = colours_for(labels, kind)
        assert len(set(first.values())) == len(labels)  # (colour, hatch or dash) pairs tell the sets apart
        if len(labels) <= 8:  # no more sets than colours: plain colours, no hatches or dashes
            assert all(style in ("", "-") for _, style in first.values())
        again = colours_for(labels[: max(1, len(labels) // 2)], kind)
        assert all(again[label] == first[label] for label in again)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.floats(0, 1)), min_size=1, max_size=30))
def test_curve_pieces_never_span_two_equilibrium_sets(points: list[tuple[str, float]]) -> None:
    from trigame.viz.curves import _pieces

    xs = np.arange(len(points), dtype=float)
    sets = np.array([s for s, _ in points], dtype=object)
    values = np.array([v for _, v in points])
    drawn = 0
    for px, py in _pieces(xs, values, sets):
        inside = (xs >= px.min()) & (xs <= px.max())
        assert len(set(sets[inside].tolist())) == 1  # a piece covers grid points of one set only
        assert set(py.tolist()) <= set(values[inside].tolist())  # and draws only their values
        drawn += int(inside.sum())
    assert drawn == len(points)  # every grid point is drawn


def test_the_work_on_boundary_curves_is_bounded(plane: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from trigame.viz import _regions

    # With no budget for labelling points on the curves, no boundary set is drawn (none can be claimed),
    # and the open regions are still exact.
    monkeypatch.setattr(_regions, "MAX_PROBES", 0)
    ax = plane.plot("fear_japan", "fear_rok")
    assert [kind for _, _, kind in ax.trigame_key if kind == "line"] == []
    assert {label for _, label, kind in ax.trigame_key if kind == "area"} == {FF, THREE}


def test_a_long_caption_stays_under_the_axes_not_under_the_key(plane: Any, tmp_path: Path) -> None:
    # The caption is wrapped to the axes' width: with long parameter names (Ratification's caption was cut by
    # its key) every line ends before the key column starts.
    from trigame.viz._common import _caption

    ax = plane.plot("fear_japan", "fear_rok", boundaries=False)
    long = "Other parameters: " + ", ".join(f"A parameter with a long display name number {k} = {k}" for k in range(8))
    _caption(ax, long)
    fig = ax.figure
    fig.savefig(tmp_path / "map.png")
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    (text,) = [t for t in ax.texts if t.get_text().startswith("Other parameters: A parameter")]
    assert text.get_window_extent(renderer).x1 <= legend.x0
