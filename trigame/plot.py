"""Pictures of sweeps: region maps of equilibrium sets, and outcome curves.

Both functions take a :class:`trigame.statics.sweep.SweepResult` (or are
reached through its ``.plot``).  matplotlib is imported only when a picture is
drawn (``pip install "trigame[plot]"``).

* :func:`region_map` colours a two-parameter grid by the label of the
  equilibrium set at each point, with a legend of the sets, and overlays the
  symbolic region boundaries of :func:`trigame.statics.regime_map` where the
  symbolic layer can derive them.
* :func:`outcome_curves` draws, over one parameter, the probability of each
  outcome under an equilibrium-selection rule.

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
from typing import Any

import numpy as np

from trigame.errors import MissingDependencyError, ParameterError, TrigameError

__all__ = ["outcome_curves", "region_map"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError('plotting needs matplotlib: pip install "trigame[plot]"') from None
    return plt


def _plane(result: Any, names: tuple[str, ...]) -> tuple[list[int], tuple[int, ...]]:
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


def region_map(result: Any, x: str, y: str, ax: Any = None, boundaries: bool = True) -> Any:
    """Colour the (``x``, ``y``) plane by the equilibrium set at each grid point.

    Parameters
    ----------
    result : SweepResult
        A sweep over ``x`` and ``y`` (other swept parameters with one value).
    x, y : str
        Parameters on the horizontal and vertical axes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.
    boundaries : bool, default True
        Overlay the region boundaries derived symbolically
        (``regime_map(model).boundaries(x, y, **fixed)``).  When the symbolic
        layer cannot do the model, no overlay is drawn and a note on the
        figure says so.

    Returns
    -------
    matplotlib Axes
        With ``ax.trigame_notes`` listing what was (not) drawn.
    """
    plt = _pyplot()
    (ix, iy), index = _plane(result, (x, y))
    codes = result.label_codes[index]
    if ix < iy:
        codes = codes.T  # rows follow y, columns follow x
    present = sorted(set(codes.ravel().tolist()))
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
    ax.set_title(f"{result.model.__name__}: equilibrium sets", loc="left")
    handles = [Patch(facecolor=colours[k], edgecolor="none", label=_legend_text(result.label_set[c]))
               for k, c in enumerate(present)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="x-small", frameon=False)
    notes: list[str] = []
    if boundaries:
        notes.append(_overlay_boundaries(ax, result, x, y, xs, ys))
    ax.trigame_notes = tuple(n for n in notes if n)
    if any(n.startswith("no symbolic") for n in ax.trigame_notes):
        ax.text(1.0, 1.01, textwrap.fill(ax.trigame_notes[0], 60), transform=ax.transAxes, fontsize="xx-small",
                ha="right", va="bottom")
    return ax


def _overlay_boundaries(ax: Any, result: Any, x: str, y: str, xs: np.ndarray, ys: np.ndarray) -> str:
    """Draw the zero sets of the symbolic boundary expressions; return a note."""
    fixed = dict(result.base)
    fixed.update({n: a[0].item() if hasattr(a[0], "item") else a[0] for n, a in result.grid.items() if n not in (x, y)})
    try:
        from trigame.statics.symbolic import regime_map as symbolic_regime_map

        expressions = list(symbolic_regime_map(result.model).boundaries(x, y, **fixed))
    except (ImportError, TrigameError, NotImplementedError) as exc:
        return f"no symbolic boundaries overlaid: {exc}"
    import sympy

    mx, my = np.meshgrid(np.linspace(xs.min(), xs.max(), 400), np.linspace(ys.min(), ys.max(), 400))
    drawn = 0
    for expression in expressions:
        if not isinstance(expression, sympy.Basic):
            continue
        names = {str(s): s for s in expression.free_symbols}
        if set(names) - {x, y}:
            continue  # not a curve in this plane
        sx, sy = names.get(x, sympy.Symbol(x)), names.get(y, sympy.Symbol(y))
        f = sympy.lambdify((sx, sy), expression, modules="numpy")
        with np.errstate(all="ignore"):
            values = np.broadcast_to(np.asarray(f(mx, my), dtype=float), mx.shape)
        if np.nanmin(values) < 0 < np.nanmax(values):
            ax.contour(mx, my, values, levels=[0], colors="black", linewidths=1.0)
            drawn += 1
        elif np.all(values == 0):
            continue
    return f"{drawn} symbolic boundaries overlaid"


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
