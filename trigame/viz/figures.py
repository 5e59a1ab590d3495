"""Pictures of sweeps: region maps of equilibrium sets, and outcome curves.

Both functions take a :class:`trigame.statics.sweep.SweepResult` (or are
reached through its ``.plot``).  matplotlib is imported only when a picture is
drawn (``pip install "trigame[plot]"``).

* :func:`region_map` colours a two-parameter grid by the label of the
  equilibrium set at each point, or by the outcomes of those equilibria
  (the default for sequential models), with a legend, and overlays the
  symbolic region boundaries of :func:`trigame.statics.regime_map` that
  separate regions of the map, where the symbolic layer can derive them.
* :func:`outcome_curves` draws, over one parameter, the probability of each
  outcome under an equilibrium-selection rule.
* :func:`draw_region_map` is the region map the report and ``trigame sweep``
  draw: with the symbolic boundaries, or without them when deriving them fails.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from trigame.models import QuasiAlliance
>>> from trigame.statics import sweep
>>> r = sweep(QuasiAlliance, grid={"fear_japan": np.linspace(0, 1, 21), "fear_rok": np.linspace(0, 1, 21)})
>>> ax = r.plot("fear_japan", "fear_rok", boundaries=False)
>>> ax.get_xlabel(), ax.get_ylabel()
('fear_japan', 'fear_rok')
"""

from __future__ import annotations

import textwrap
import warnings
from typing import Any

import numpy as np

from trigame.errors import MissingDependencyError, ParameterError

__all__ = ["draw_region_map", "outcome_curves", "region_map", "use_offscreen_backend"]


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


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError('plotting needs matplotlib: pip install "trigame[plot]"') from None
    return plt


def _plane(result: Any, names: tuple[str, ...]) -> tuple[list[int], tuple[slice | int, ...]]:
    """Axis positions of ``names`` in the grid; every other swept parameter must have a single value."""
    grid = list(result.grid)
    for name in names:
        if not isinstance(name, str) or name not in grid:
            raise ParameterError(f"{name!r} is not a swept parameter; the swept parameters are: {', '.join(grid)}")
    if len(set(names)) != len(names):
        raise ParameterError(f"plot needs distinct parameters, got {names}")
    others = [n for n in grid if n not in names and len(result.grid[n]) > 1]
    if others:
        raise ParameterError(
            f"the sweep also varies {', '.join(others)}; sweep with a single value of each (or pass them in fixed=) "
            "to draw a picture over " + " and ".join(names)
        )
    index = tuple(slice(None) if n in names else 0 for n in grid)
    return [grid.index(n) for n in names], index


def _legend_text(label: str, width: int = 70) -> str:
    return "\n".join(textwrap.fill(part, width, subsequent_indent="   ") for part in label.split(" | "))


def _by(result: Any, by: str | None) -> str:
    if by is None:
        return "outcome" if result.paths else "equilibrium"
    if by not in ("equilibrium", "outcome"):
        raise ParameterError(f"by must be 'equilibrium' (sets of equilibria) or 'outcome' (their outcomes), got {by!r}")
    return by


def region_map(result: Any, x: str, y: str, ax: Any = None, boundaries: bool = True, by: str | None = None) -> Any:
    """Colour the (``x``, ``y``) plane by the equilibrium set, or its outcomes, at each grid point.

    Parameters
    ----------
    result : SweepResult
        A sweep over ``x`` and ``y`` (other swept parameters with one value).
    x, y : str
        Parameters on the horizontal and vertical axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.
    boundaries : bool, default True
        Overlay the region boundaries derived symbolically: the curves of
        ``regime_map(model, fixed=...).boundaries(x, y)`` for the swept
        model instance (its options, e.g. ``simultaneous``, and its values of
        every parameter not on the axes), keeping only the curves across
        which the regions drawn change somewhere on the grid.  The overlay is
        a decoration: when the symbolic layer fails for any reason, none is
        drawn and a note on the figure and in ``ax.trigame_notes`` says why.
    by : {"equilibrium", "outcome"} or None
        Colour by :attr:`~trigame.statics.sweep.SweepResult.labels` (each
        equilibrium named by what every player, or every information set,
        does) or by :attr:`~trigame.statics.sweep.SweepResult.outcome_labels`
        (each equilibrium named by the outcome it reaches).  None: by outcome
        for sequential models, whose equilibrium labels list every
        information set, by equilibrium for strategic-form models.

    Returns
    -------
    matplotlib Axes
        With ``ax.trigame_notes`` listing what was (not) drawn.
    """
    plt = _pyplot()
    by = _by(result, by)
    (ix, iy), index = _plane(result, (x, y))
    if by == "outcome":
        codes, names = result.outcome_label_codes[index], result.outcome_label_set
    else:
        codes, names = result.label_codes[index], result.label_set
    if ix < iy:
        codes = codes.T  # rows follow y, columns follow x
    present = sorted(set(codes.ravel().tolist()), key=lambda c: names[c])
    colour_of = {c: k for k, c in enumerate(present)}
    image = np.vectorize(colour_of.__getitem__, otypes=[np.int64])(codes)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.5))
    cmap = plt.get_cmap("tab20" if len(present) > 10 else "tab10")
    xs = np.asarray(result.grid[x], dtype=float)
    ys = np.asarray(result.grid[y], dtype=float)
    colours = [cmap(k % cmap.N) for k in range(len(present))]
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax.pcolormesh(xs, ys, image, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(present) - 0.5,
                  shading="nearest")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    what = "outcomes of the equilibria" if by == "outcome" else "equilibrium sets"
    ax.set_title(f"{result.model.__name__}: {what}", loc="left")
    handles = [Patch(facecolor=colours[k], edgecolor="none", label=_legend_text(names[c]))
               for k, c in enumerate(present)]
    title = None
    if by == "outcome" and not result.paths:
        title = "outcomes as " + "/".join(result.players)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="x-small", frameon=False,
              title=title, title_fontsize="x-small")
    notes: list[str] = []
    if boundaries:
        notes.append(_overlay_boundaries(ax, result, x, y, xs, ys, image))
    ax.trigame_notes = tuple(n for n in notes if n)
    failed = [n for n in ax.trigame_notes if n.startswith("no symbolic")]
    if failed:
        ax.text(1.0, 1.01, textwrap.fill(failed[0], 60), transform=ax.transAxes, fontsize="xx-small",
                ha="right", va="bottom")
    return ax


def _boundary_inputs(result: Any, x: str, y: str) -> tuple[Any, dict[str, Any]]:
    """The swept model instance (options and values) and the values of every parameter not on the axes."""
    spec = result._spec
    instance = spec.model(**spec.base)
    fixed = {name: value for name, value in instance.values().items() if name not in (x, y)}
    for name, axis in result.grid.items():
        if name not in (x, y):
            value = axis[0]
            fixed[name] = value.item() if isinstance(value, np.generic) else value
    return instance, fixed


def _separates(values: np.ndarray, image: np.ndarray) -> np.ndarray:
    """Where a curve f = 0 crosses between neighbouring grid points whose regions differ.

    ``values`` holds f at the grid points, ``image`` the region codes (both rows = y, columns = x).  Returns a
    boolean array over the neighbouring pairs (horizontal pairs, then vertical pairs, flattened): the signs of
    f differ (one of them may be 0, a grid point on the curve, up to rounding) and so do the regions.
    """
    # A grid point on the curve counts as on it despite rounding (x = y evaluated at 0.2 and 0.20000000000000004).
    scale = max(1.0, float(np.nanmax(np.abs(values), initial=0.0)))
    sign = np.where(np.abs(values) <= 1e-9 * scale, 0.0, np.sign(values))
    pairs = []
    for a, b, ra, rb in ((sign[:, :-1], sign[:, 1:], image[:, :-1], image[:, 1:]),
                         (sign[:-1, :], sign[1:, :], image[:-1, :], image[1:, :])):
        pairs.append(((a != b) & ~np.isnan(a) & ~np.isnan(b) & (ra != rb)).ravel())
    return np.concatenate(pairs)


def _near(crossing: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Grid points at either end of the pairs marked in ``crossing`` (as from :func:`_separates`), and their
    neighbours."""
    ny, nx = shape
    mark = np.zeros(shape, dtype=bool)
    split = ny * (nx - 1)
    rows, cols = np.divmod(np.nonzero(crossing[:split])[0], max(nx - 1, 1))
    mark[rows, cols] = mark[rows, cols + 1] = True
    rows, cols = np.divmod(np.nonzero(crossing[split:])[0], nx)
    mark[rows, cols] = mark[rows + 1, cols] = True
    grown = mark.copy()
    grown[1:] |= mark[:-1]
    grown[:-1] |= mark[1:]
    grown[:, 1:] |= mark[:, :-1]
    grown[:, :-1] |= mark[:, 1:]
    return grown


def _polynomial_function(poly: Any) -> Any:
    """A polynomial in (x, y) as a NumPy function of two arrays (its terms summed; no code is generated)."""
    terms = [(i, j, float(c)) for (i, j), c in poly.terms()]

    def f(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
        total = np.zeros(np.broadcast_shapes(np.shape(gx), np.shape(gy)))
        for i, j, c in terms:
            total = total + c * np.asarray(gx, dtype=float) ** i * np.asarray(gy, dtype=float) ** j
        return total

    return f


def _overlay_boundaries(ax: Any, result: Any, x: str, y: str, xs: np.ndarray, ys: np.ndarray,
                        image: np.ndarray) -> str:
    """Draw the symbolic boundary curves that separate regions of the map; return a note."""
    try:
        import sympy

        from trigame.statics.symbolic import regime_map as symbolic_regime_map

        instance, fixed = _boundary_inputs(result, x, y)
        expressions = list(symbolic_regime_map(instance, fixed=fixed, free=(x, y)).boundaries(x, y))
        curves = []
        gx, gy = np.meshgrid(xs, ys)
        for expression in expressions:
            if not isinstance(expression, sympy.Basic):
                continue
            names = {str(s): s for s in expression.free_symbols}
            if set(names) - {x, y}:
                continue  # not a curve in this plane
            f = _polynomial_function(sympy.Poly(expression, names.get(x, sympy.Symbol(x)),
                                                names.get(y, sympy.Symbol(y))))
            with np.errstate(all="ignore"):
                on_grid = np.broadcast_to(np.asarray(f(gx, gy), dtype=float), gx.shape)
            curves.append((f, _separates(on_grid, image)))
    except Exception as exc:  # an optional decoration: any failure means no overlay, said on the figure
        return f"no symbolic boundaries overlaid: the symbolic layer failed ({type(exc).__name__}: {exc})"
    # A curve is drawn when the regions change across it somewhere on the grid, between neighbours that no
    # other curve separates; where several curves cross between the same differing neighbours and none of
    # them is otherwise needed, all are kept (a boundary is never dropped).
    crossings = np.array([c for _, c in curves]).reshape(len(curves), -1)
    alone = crossings & (crossings.sum(axis=0) == 1)
    keep = alone.any(axis=1)
    unexplained = crossings.any(axis=0) & ~(crossings & keep[:, None]).any(axis=0)
    keep |= (crossings & unexplained).any(axis=1)
    mx, my = np.meshgrid(np.linspace(xs.min(), xs.max(), 400), np.linspace(ys.min(), ys.max(), 400))
    # Each fine-mesh point's nearest grid point, to draw a curve only next to the grid points it separates.
    column = np.rint(np.interp(mx, xs, np.arange(xs.size))).astype(np.int64) if xs.size > 1 else np.zeros_like(mx, int)
    row = np.rint(np.interp(my, ys, np.arange(ys.size))).astype(np.int64) if ys.size > 1 else np.zeros_like(my, int)
    drawn = 0
    for (f, crossing), wanted in zip(curves, keep):
        if not wanted:
            continue
        with np.errstate(all="ignore"):
            values = np.array(np.broadcast_to(np.asarray(f(mx, my), dtype=float), mx.shape))
        values[~_near(crossing, image.shape)[row, column]] = np.nan
        if np.nanmin(values) <= 0 <= np.nanmax(values) and np.any(values != 0):
            # (A curve along an edge of the picture, e.g. a zero cost at the axis minimum, is drawn there.)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                ax.contour(mx, my, values, levels=[0], colors="black", linewidths=1.0)
        drawn += 1
    left_out = len(curves) - drawn
    return f"{drawn} symbolic boundaries overlaid" + (
        f"; {left_out} separating no regions of this map left out" if left_out else "")


def outcome_curves(result: Any, x: str, ax: Any = None, selection: str | None = None,
                   min_probability: float = 0.0) -> Any:
    """Probability of each outcome over parameter ``x`` under an equilibrium-selection rule.

    Parameters
    ----------
    result : SweepResult
        A sweep over ``x`` (other swept parameters with one value).
    x : str
        The parameter on the horizontal axis.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.
    selection : str, optional
        A rule of :data:`trigame.statics.sweep.SELECTIONS`; the sweep's own
        by default.  With ``"all"`` each equilibrium gets its own line style.
    min_probability : float, default 0
        Outcomes whose probability never exceeds this are left out.

    Returns
    -------
    matplotlib Axes
    """
    plt = _pyplot()
    [_], index = _plane(result, (x,))
    xs = np.asarray(result.grid[x], dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    rule = result.selection if selection is None else selection
    styles = ["-", "--", ":", "-."]
    for j, (outcome, values) in enumerate(result.outcomes(rule).items()):
        curve = np.asarray(values[index], dtype=float)
        if not np.nanmax(curve, initial=-1.0) > min_probability:
            continue
        colour = plt.get_cmap("tab10")(j % 10)
        name = " > ".join(outcome) if result.paths else ", ".join(outcome)
        if curve.ndim == 1:
            ax.plot(xs, curve, color=colour, label=name)
        else:
            for k in range(curve.shape[1]):
                ax.plot(xs, curve[:, k], color=colour, linestyle=styles[k % len(styles)],
                        label=name if k == 0 else None)
    ax.set_xlabel(x)
    ax.set_ylabel(f"probability ({rule})")
    ax.set_ylim(-0.03, 1.03)
    ax.set_title(f"{result.model.__name__}: outcomes")
    ax.legend(fontsize="x-small", loc="best")
    return ax


def draw_region_map(result: Any, x: str, y: str) -> tuple[Any, str]:
    """``result.plot(x, y)`` with the symbolic boundaries; without them if deriving them fails.

    Returns the matplotlib Axes and a note on the boundaries (what was drawn,
    or why they were left out).
    """
    import matplotlib.pyplot as plt

    try:
        ax = result.plot(x, y)
    except Exception as exc:  # the symbolic overlay failed: the numerical map alone is still right
        plt.close("all")
        ax = result.plot(x, y, boundaries=False)
        return ax, f"symbolic boundaries not overlaid ({type(exc).__name__}: {' '.join(str(exc).split())})"
    return ax, "; ".join(getattr(ax, "trigame_notes", ()))

