"""Pictures of sweeps: region maps of equilibrium sets, and outcome curves, fit for a paper.

Both functions take a :class:`trigame.statics.sweep.SweepResult` (or are
reached through its ``.plot``).  matplotlib is imported only when a picture is
drawn (``pip install "trigame[plot]"``).

* :func:`region_map` colours the plane of two parameters by the set of
  equilibria (or their outcomes) in each open region, each region numbered in
  place with a compact key beside the plot.  Where the symbolic layer derives
  the model's regime map, the regions and their boundaries are exact (smooth
  curves, drawn only where they separate regions), and a set that exists only
  on a boundary is drawn as a line or a point, never as an area.  A set keeps
  its colour (a colour-blind-safe palette) in every figure.  Axes carry the
  parameters' display names and symbols, the caption the values of the other
  parameters.
* :func:`outcome_curves` (from :mod:`trigame.viz.curves`) draws, over one
  parameter, the probability of each outcome under an equilibrium-selection
  rule: continuous within an equilibrium set, jumps between sets.
* :func:`draw_region_map` is the region map the report and ``trigame sweep``
  draw; :func:`save_figure` writes PNG, PDF and SVG.

Every figure is laid out so that a plain ``fig.savefig(path)`` keeps the key
and the caption.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from trigame.models import QuasiAlliance
>>> from trigame.statics import sweep
>>> r = sweep(QuasiAlliance, grid={"fear_japan": np.linspace(0, 1, 21), "fear_rok": np.linspace(0, 1, 21)})
>>> ax = r.plot("fear_japan", "fear_rok", boundaries=False)
>>> fear_japan = QuasiAlliance.parameters()[0]
>>> ax.get_xlabel().startswith(fear_japan.label), fear_japan.name in ax.get_xlabel()
(True, False)
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from trigame.errors import MissingDependencyError, ParameterError, UnsupportedGameError
from trigame.viz._common import _axes, _caption, _fixed_values, _key_name, _parameters, _plane
from trigame.viz._palette import axis_label, colours_for, figure_title, fixed_caption
from trigame.viz.curves import outcome_curves

__all__ = ["caption_table", "draw_region_map", "outcome_curves", "region_map", "save_figure", "use_offscreen_backend"]


def use_offscreen_backend() -> None:
    """Draw off-screen (Agg, no display needed) unless a figure backend is already in use.

    Raises MissingDependencyError, naming the ``plot`` extra, when matplotlib is missing.
    """
    import sys

    if "matplotlib.pyplot" not in sys.modules:
        try:
            import matplotlib
        except ImportError:
            raise MissingDependencyError('figures need matplotlib: pip install "trigame[plot]"') from None
        matplotlib.use("Agg")


def _by(result: Any, by: str | None) -> str:
    if by is None:
        return "outcome" if result.paths else "equilibrium"
    if by not in ("equilibrium", "outcome"):
        raise ParameterError(f"by must be 'equilibrium' (sets of equilibria) or 'outcome' (their outcomes), got {by!r}")
    return by


def _view(parameter: Any, axis: np.ndarray, extend: bool = True) -> tuple[float, float]:
    """The drawn interval of an axis: the grid's span, reaching an open end of the domain within one step
    (when ``extend``: the exact picture fills that margin; the grid alone does not)."""
    lo, hi = float(axis[0]), float(axis[-1])
    if lo > hi:
        lo, hi = hi, lo
    step = (hi - lo) / max(len(axis) - 1, 1)
    domain = getattr(parameter, "domain", None)
    if domain is not None and extend:
        if domain.lower is not None and domain.lower_open and 0 < lo - float(domain.lower) <= 1.5 * step:
            lo = float(domain.lower)
        if domain.upper is not None and domain.upper_open and 0 < float(domain.upper) - hi <= 1.5 * step:
            hi = float(domain.upper)
    return lo, hi


def _bounds(parameter: Any) -> tuple[Any, Any, bool, bool]:
    domain = getattr(parameter, "domain", None)
    if domain is None:
        return (None, None, False, False)
    return (domain.lower, domain.upper, bool(domain.lower_open), bool(domain.upper_open))


def _outcome_translation(result: Any, index: tuple[slice | int, ...]) -> dict[str, str]:
    """``{equilibrium-set label: outcome label}`` as the sweep found them on the grid."""
    out: dict[str, str] = {}
    for label, outcome in zip(result.labels[index].ravel().tolist(), result.outcome_labels[index].ravel().tolist()):
        if out.setdefault(label, outcome) != outcome:
            raise ValueError(f"the equilibrium set {label!r} has two outcome labels on the grid")
    return out


def _outcome_at(result: Any, x: str, y: str, point: tuple[float, float]) -> str:
    """The outcome label of the equilibria at one point (a one-point sweep of the same instance)."""
    from trigame.statics import sweep

    spec = result._spec
    grid = {name: [axis[0]] for name, axis in result.grid.items()}
    grid[x], grid[y] = [point[0]], [point[1]]
    return str(sweep(spec.model(**spec.base), grid=grid, progress=False).outcome_labels.ravel()[0])


def region_map(result: Any, x: str, y: str, ax: Any = None, boundaries: bool = True, by: str | None = None) -> Any:
    """Colour the (``x``, ``y``) plane by the equilibrium set, or its outcomes, in each region.

    Parameters
    ----------
    result : SweepResult
        A sweep over ``x`` and ``y`` (other swept parameters with one value).
    x, y : str
        Parameters on the horizontal and vertical axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.  A figure without a layout engine is given matplotlib's
        constrained layout, so that the key beside the plot is kept by a plain ``savefig``.
    boundaries : bool, default True
        Draw the map exactly from the symbolic regime map
        (``regime_map(model, fixed=...)`` of the swept instance: its options
        and its values of every parameter not on the axes): open regions on
        a fine mesh, the boundary curves where they separate regions, and
        the sets that exist only on a boundary as lines and points.  When
        the symbolic layer fails for any reason, or disagrees with the
        sweep, the sweep's grid is drawn instead and a note on the figure
        and in ``ax.trigame_notes`` says why (where the game has a
        continuum of equilibria, a sweep's label and the map's that list
        it by different points are compared as sets, exactly: the two
        agree when both describe the set of the exact game at one rational
        point next to the grid point; where the map's label is confirmed
        there and the sweep's float solve lists only some exact equilibria
        of it, a tie rounding broke, the map is drawn and the note says at
        how many points; a sweep's label naming anything else is a
        disagreement).
        False: the grid alone.
    by : {"equilibrium", "outcome"} or None
        Colour by :attr:`~trigame.statics.sweep.SweepResult.labels` (each
        equilibrium named by what every player, or every information set,
        does) or by :attr:`~trigame.statics.sweep.SweepResult.outcome_labels`
        (each equilibrium named by the outcome it reaches).  None: by outcome
        for sequential models, by equilibrium for strategic-form models.

    Returns
    -------
    matplotlib Axes
        With ``ax.trigame_notes`` (what was, or was not, drawn), ``ax.trigame_key`` (one
        ``(number, label, kind)`` per set shown, kind ``"area"``, ``"line"`` or ``"point"``) and
        ``ax.trigame_caption`` (the values of the other parameters).
    """
    by = _by(result, by)
    (ix, iy), index = _plane(result, (x, y))
    parameters = _parameters(result)
    px, py = parameters.get(x, x), parameters.get(y, y)
    xs = np.asarray(result.grid[x], dtype=float)
    ys = np.asarray(result.grid[y], dtype=float)
    ax = _axes(ax, (9.0, KEY_HEIGHT))
    notes: list[str] = []
    picture = None
    if boundaries:
        try:
            picture = _exact(result, x, y, index, parameters, by)
            notes.append(picture.pop("note"))
        except UnsupportedGameError:  # a kind of game the symbolic layer does not solve: said briefly
            notes.append("regions from the sweep's grid (the symbolic layer does not solve this kind of game)")
            picture = None
        except Exception as exc:  # an optional refinement: any failure means the grid alone, said on the figure
            notes.append(f"no symbolic boundaries overlaid: the symbolic layer failed ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())})")
            picture = None
    if picture is None:
        picture = _grid(result, x, y, ix, iy, index, by)
    shorten, heading = _key_name(result, by)
    key = _draw(ax, picture, shorten)
    exact = picture["exact"]
    for limits, setter in ((_view(px, xs, exact), ax.set_xlim), (_view(py, ys, exact), ax.set_ylim)):
        if limits[0] < limits[1]:
            setter(*limits)
    ax.set_xlabel(axis_label(px))
    ax.set_ylabel(axis_label(py))
    what = "outcomes of the equilibria" if by == "outcome" else "equilibrium sets"
    ax.set_title(textwrap.fill(figure_title(result.model, what), 70), loc="left", fontsize="medium")
    handles = [h for _, _, _, h in key]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="x-small", frameon=False,
              title=textwrap.fill(heading, 40), title_fontsize="x-small", alignment="left")
    caption = fixed_caption(list(parameters.values()), _fixed_values(result, (x, y)), (x, y))
    ax.trigame_notes = tuple(n for n in notes if n)
    ax.trigame_key = tuple((number, label, kind) for number, label, kind, _ in key)
    ax.trigame_caption = caption
    failed = [n for n in ax.trigame_notes if n.startswith(("no symbolic", "regions from the sweep's grid"))]
    # A failure of the symbolic layer is said under the plot, before the caption.
    _caption(ax, caption, failed[0][:400] if failed else "")
    return ax


def _grid(result: Any, x: str, y: str, ix: int, iy: int, index: tuple[slice | int, ...], by: str) -> dict[str, Any]:
    """The sweep's own grid as a picture: sets one cell thick everywhere drawn as points at their grid points."""
    from trigame.viz._regions import thin_codes

    if by == "outcome":
        codes, names = result.outcome_label_codes[index], result.outcome_label_set
    else:
        codes, names = result.label_codes[index], result.label_set
    if ix < iy:
        codes = codes.T  # rows follow y, columns follow x
    xs = np.asarray(result.grid[x], dtype=float)
    ys = np.asarray(result.grid[y], dtype=float)
    thin = thin_codes(codes)
    image = codes.copy()
    points: list[tuple[float, float, str]] = []
    if thin:
        from scipy import ndimage

        mask = np.isin(codes, list(thin))
        rows, cols = np.nonzero(mask)
        points = [(float(xs[c]), float(ys[r]), names[codes[r, c]]) for r, c in zip(rows, cols)]
        # Each thin cell takes the set of the nearest cell with area.
        _, (near_r, near_c) = ndimage.distance_transform_edt(mask, return_indices=True)
        image = codes[near_r, near_c]
    labels = np.array(names, dtype=object)[image]
    return {"xs": xs, "ys": ys, "labels": labels, "lines": [], "points": points, "separators": [], "exact": False}


def _exact(result: Any, x: str, y: str, index: tuple[slice | int, ...], parameters: dict[str, Any],
           by: str) -> dict[str, Any]:
    """The exact picture from the symbolic regime map, checked against the sweep's grid."""
    from trigame.statics.symbolic import regime_map as symbolic_regime_map
    from trigame.viz._agreement import disagreements
    from trigame.viz._regions import exact_picture, separating

    spec = result._spec
    instance = spec.model(**spec.base)
    values = _fixed_values(result, (x, y))
    fixed = {k: v for k, v in values.items() if k not in (x, y)}
    rmap = symbolic_regime_map(instance, fixed=fixed, free=(x, y))
    expressions = list(rmap.boundaries(x, y))
    gx = np.asarray(result.grid[x])
    gy = np.asarray(result.grid[y])
    ax_x, ax_y = list(result.grid).index(x), list(result.grid).index(y)
    mx, my = np.meshgrid(gx, gy, indexing="ij") if ax_x < ax_y else np.meshgrid(gy, gx, indexing="ij")[::-1]
    symbolic = rmap.labels(**{x: mx, y: my})
    disagree, float_off = disagreements(rmap, {x: mx, y: my}, symbolic, result.labels[index])
    if disagree:
        raise ValueError(f"the symbolic regime map and the sweep disagree at {disagree} grid points")
    box = (*_view(parameters.get(x), np.asarray(gx, float)), *_view(parameters.get(y), np.asarray(gy, float)))
    bounds = {x: _bounds(parameters.get(x)), y: _bounds(parameters.get(y))}
    exact = exact_picture(rmap, expressions, x, y, box, bounds)
    translate: Any = str
    if by == "outcome":
        table = _outcome_translation(result, index)

        def translate(label: Any, point: tuple[float, float] = (np.nan, np.nan)) -> str:
            if label not in table:
                table[label] = _outcome_at(result, x, y, point)
            return table[label]

        gxx, gyy = np.meshgrid(exact.xs, exact.ys)
        flat = exact.labels.ravel()
        seen = {}
        for k, label in enumerate(flat.tolist()):
            if label not in seen:
                seen[label] = translate(label, (float(gxx.ravel()[k]), float(gyy.ravel()[k])))
        labels = np.array([seen[v] for v in flat.tolist()], dtype=object).reshape(exact.labels.shape)
    else:
        labels = exact.labels.astype(object)
    areas = set(labels.ravel().tolist())
    codes = np.unique(labels, return_inverse=True)[1].reshape(labels.shape)
    lines: list[tuple[str, np.ndarray]] = []
    near_lines: list[tuple[np.ndarray, str]] = []
    for _, vertices, vertex_labels in exact.curves:
        shown = ["None" if v is None else translate(v, (float(p[0]), float(p[1]))) if by == "outcome" else str(v)
                 for v, p in zip(vertex_labels.tolist(), vertices)]  # None: past the work budget, not labelled
        start = 0
        for k in range(1, len(shown) + 1):
            if k == len(shown) or shown[k] != shown[start]:
                if shown[start] != "None" and shown[start] not in areas:
                    lines.append((shown[start], vertices[start:k]))
                    near_lines.append((vertices[start:k], shown[start]))
                start = k
    points = []
    span = np.array([box[1] - box[0], box[3] - box[2]])
    for px, py, label in exact.points:
        shown_label = translate(label, (px, py)) if by == "outcome" else label
        if shown_label in areas:
            continue
        close = any(lab == shown_label and np.min(np.abs(v - (px, py)) / span, axis=0).max() < 0.01
                    for v, lab in near_lines)
        if not close:
            points.append((px, py, shown_label))
    # Single-vertex runs are points, not lines.
    points += [(float(v[0, 0]), float(v[0, 1]), label) for label, v in lines if len(v) == 1]
    lines = [(label, v) for label, v in lines if len(v) > 1]
    separators = []
    gxx, gyy = np.meshgrid(exact.xs, exact.ys)
    with np.errstate(all="ignore"):
        on_mesh = [np.asarray(f(gxx, gyy), dtype=float) for f in exact.functions]
    for k, values_f in enumerate(on_mesh):
        mask = separating(values_f, codes, on_mesh[:k] + on_mesh[k + 1:])
        if mask.any():
            separators.append(np.ma.masked_where(~mask, values_f))
    drawn = len(separators)
    left_out = len(exact.functions) - drawn
    note = f"{drawn} symbolic {'boundary' if drawn == 1 else 'boundaries'} overlaid" + (
        f"; {left_out} more {'curve separates' if left_out == 1 else 'curves separate'} no regions of this map "
        "and " + ("is" if left_out == 1 else "are") + " not drawn" if left_out else "")
    if float_off:
        note += (f"; at {float_off} grid {'point' if float_off == 1 else 'points'} the exact solve confirms the "
                 "map (drawn), not the sweep's float solve")
    return {"xs": exact.xs, "ys": exact.ys, "labels": labels, "lines": lines, "points": points,
            "separators": separators, "exact": True, "note": note}


#: The default figure's height in inches.
KEY_HEIGHT = 5.6
#: Lines of key text that fit beside the plot on the default KEY_HEIGHT-inch-high figure (x-small type).
KEY_LINES = 36
#: Inches of a figure's height the key's entries cannot use (the title above the plot, the key's heading and
#: the space around and between entries): the rest holds the entries' lines, KEY_LINES on the default figure.
KEY_MARGIN = 1.1


def _lines_each(figure_height: float, entries: int) -> int:
    """Lines of text each key entry may take (one to four) so that ``entries`` entries fit beside the plot
    on a figure ``figure_height`` inches high (the lines that fit scale with the height less the margin)."""
    fit = int(KEY_LINES * (figure_height - KEY_MARGIN) / (KEY_HEIGHT - KEY_MARGIN))
    return max(1, min(4, fit // max(1, entries)))


def _entry(text: str, lines: int = 4) -> str:
    """A key entry wrapped to the key's width and cut after a few lines (``caption_table`` has it in full)."""
    wrapped = textwrap.wrap(text, 48, subsequent_indent="    ")
    if len(wrapped) > lines:
        wrapped = [*wrapped[:lines - 1], wrapped[lines - 1][:44] + " …"]
    return "\n".join(wrapped)


def _order(label: str) -> tuple[int, str]:
    return (label.count(" | "), label)


def _draw(ax: Any, picture: dict[str, Any], shorten: Any) -> list[tuple[int, str, str, Any]]:
    """Draw areas, separating curves, lines and points; return the key: (number, label, kind, handle)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from scipy import ndimage

    labels = picture["labels"]
    areas = sorted(set(labels.ravel().tolist()), key=_order)
    fills = colours_for(areas, "area")
    code_of = {label: k for k, label in enumerate(areas)}
    image = np.vectorize(code_of.__getitem__, otypes=[np.int64])(labels)
    xs, ys = picture["xs"], picture["ys"]
    ax.pcolormesh(xs, ys, image, cmap=ListedColormap([fills[a][0] for a in areas]), vmin=-0.5,
                  vmax=len(areas) - 0.5, shading="nearest", rasterized=picture["exact"])
    for k, label in enumerate(areas):
        if fills[label][1]:  # more sets than colours: a hatch tells this one apart
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                ax.contourf(xs, ys, (image == k).astype(float), levels=[0.5, 1.5], colors="none",
                            hatches=[fills[label][1]])
    for values in picture["separators"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            ax.contour(xs, ys, values, levels=[0], colors="black", linewidths=0.9)
    key: list[tuple[int, str, str, Any]] = []
    cells = image.size
    edges = sorted({label for label, _ in picture["lines"]} | {label for *_, label in picture["points"]}, key=_order)
    # Up to four lines an entry, fewer when there are many, so that the key stays inside the figure.
    lines_each = _lines_each(ax.figure.get_figheight(), len(areas) + len(edges))
    for number, label in enumerate(areas, start=1):
        text = _entry(f"{number}  {shorten(label)}", lines_each)
        key.append((number, label, "area", Patch(facecolor=fills[label][0], edgecolor="0.4", linewidth=0.4,
                                                  hatch=fills[label][1] or None, label=text)))
        parts, count = ndimage.label(image == code_of[label])
        for part in range(1, count + 1):
            inside = parts == part
            if inside.sum() < 0.004 * cells and count > 1:
                continue
            distance = ndimage.distance_transform_edt(np.pad(inside, 1))[1:-1, 1:-1]
            r, c = np.unravel_index(np.argmax(distance), distance.shape)
            ax.text(xs[c], ys[r], str(number), ha="center", va="center", fontsize="small", fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "0.5", "linewidth": 0.5})
    strokes = colours_for(edges, "line")
    lines_of = {label for label, _ in picture["lines"]}
    for number, label in enumerate(edges, start=len(areas) + 1):
        colour = strokes[label][0]
        kind = "line" if label in lines_of else "point"
        where = "line" if kind == "line" else "point" if picture["exact"] else "grid points on a boundary"
        text = _entry(f"{number}  {where}: {shorten(label)}", lines_each)
        dash = strokes[label][1]
        handle = (Line2D([], [], color=colour, linewidth=3, linestyle=dash, label=text) if kind == "line" else
                  Line2D([], [], color=colour, marker="o", markersize=6, linestyle="none", markeredgecolor="black",
                         markeredgewidth=0.5, label=text))
        key.append((number, label, kind, handle))
    number_of = {label: number for number, label, _, _ in key}
    longest: dict[str, np.ndarray] = {}
    for label, vertices in picture["lines"]:
        ax.plot(vertices[:, 0], vertices[:, 1], color=strokes[label][0], linewidth=3, linestyle=strokes[label][1],
                solid_capstyle="butt", zorder=3)
        if len(vertices) > len(longest.get(label, ())):
            longest[label] = vertices
    # Lines and points are numbered in place too (colours may repeat once a map has many of them).
    for label, vertices in longest.items():
        mx, my = vertices[len(vertices) // 2]
        ax.annotate(str(number_of[label]), (mx, my), xytext=(5, 5), textcoords="offset points", fontsize="x-small",
                    zorder=5, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": strokes[label][0],
                                    "linewidth": 0.8})
    numbered = set(longest)
    by_label: dict[str, list[tuple[float, float]]] = {}
    for px, py, label in picture["points"]:
        by_label.setdefault(label, []).append((px, py))
    for label, spots in by_label.items():
        at = np.array(spots, dtype=float)
        size = 6 if len(at) < 50 else 3  # the grid's many points of one set: smaller
        ax.plot(at[:, 0], at[:, 1], marker="o", markersize=size, color=strokes[label][0], markeredgecolor="black",
                markeredgewidth=0.5, linestyle="none", zorder=4, clip_on=False)
        # Each exact point is numbered; the grid's points of one set once, at the middle one.
        for px, py in (spots if picture["exact"] else [spots[len(spots) // 2]]):
            if label in numbered and not picture["exact"]:
                continue
            numbered.add(label)
            ax.annotate(str(number_of[label]), (px, py), xytext=(5, -5), textcoords="offset points",
                        fontsize="x-small", va="top", zorder=5, bbox={"boxstyle": "round,pad=0.15",
                                                                      "facecolor": "white",
                                                                      "edgecolor": strokes[label][0],
                                                                      "linewidth": 0.8})
    return key


def save_figure(figure: Any, path: str | Path, formats: Sequence[str] = ("png", "pdf", "svg"),
                dpi: int = 150) -> list[Path]:
    """Write a figure (or the figure of an Axes) in each format: ``path`` with each suffix; return the files.

    Examples
    --------
    >>> save_figure(ax, "map", formats=("png",))  # doctest: +SKIP
    [PosixPath('map.png')]
    """
    figure = getattr(figure, "figure", figure)
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 10 <= dpi <= 2400:
        raise ParameterError(f"dpi must be a whole number from 10 to 2400, got {dpi!r}")
    known = {"png", "pdf", "svg"}
    bad = [f for f in formats if f not in known]
    if bad or not formats:
        raise ParameterError(f"formats must be among png, pdf and svg, got {list(formats)!r}")
    stem = Path(path)
    stem = stem.with_suffix("") if stem.suffix.lstrip(".") in known else stem
    written = []
    for fmt in formats:
        target = stem.with_name(f"{stem.name}.{fmt}")
        figure.savefig(target, dpi=dpi)
        written.append(target)
    return written


def caption_table(ax: Any) -> str:
    """The key of a region map as a Markdown table: number, where the set holds, and every equilibrium in full.

    For a figure's caption in a paper or a report (the key beside the plot is compact).
    """
    key = getattr(ax, "trigame_key", None)
    if key is None:
        raise ParameterError("caption_table needs the Axes of a region map drawn by trigame (it has no key)")
    where = {"area": "region", "line": "on a boundary line", "point": "at a point"}
    rows = ["| | where | equilibria |", "|---|---|---|"]
    for number, label, kind in key:
        members = "; ".join(label.split(" | ")).replace("|", "\\|")
        rows.append(f"| {number} | {where[kind]} | {members} |")
    return "\n".join(rows)


def draw_region_map(result: Any, x: str, y: str, **options: Any) -> tuple[Any, str]:
    """``result.plot(x, y)`` with the exact regions and boundaries; the sweep's grid if deriving them fails.

    ``options`` go to :func:`region_map` (e.g. ``by="outcome"``).  Returns the
    matplotlib Axes and a note on the boundaries (what was drawn, or why they
    were left out).
    """
    import matplotlib.pyplot as plt

    try:
        ax = result.plot(x, y, **options)
    except Exception as exc:  # the symbolic overlay failed: the numerical map alone is still right
        plt.close("all")
        ax = result.plot(x, y, boundaries=False, **options)
        return ax, f"symbolic boundaries not overlaid ({type(exc).__name__}: {' '.join(str(exc).split())})"
    return ax, "; ".join(getattr(ax, "trigame_notes", ()))
