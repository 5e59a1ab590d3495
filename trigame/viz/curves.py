"""Outcome curves: the probability of each outcome over one parameter, under an equilibrium-selection rule.

:func:`outcome_curves` draws what :meth:`trigame.statics.sweep.SweepResult.outcomes`
holds along one swept parameter: a line per outcome (and, with ``selection="all"``,
a line style per equilibrium at the point), continuous inside a run of grid points
with one equilibrium set, a jump between runs, a point where a set holds at a single
grid point.  :mod:`trigame.viz.figures` re-exports it.
"""

from __future__ import annotations

import itertools
import textwrap
from typing import Any

import numpy as np

from trigame.viz._common import _axes, _caption, _fixed_values, _key_name, _parameters, _plane
from trigame.viz._palette import axis_label, colours_for, figure_title, fixed_caption

__all__ = ["outcome_curves"]


_RULES = {
    "all": "probability under each equilibrium",
    "first": "probability (first equilibrium: pure before mixed)",
    "payoff_dominant": "probability (payoff-dominant equilibrium)",
    "risk_dominant": "probability (risk-dominant equilibrium)",
}


def outcome_curves(result: Any, x: str, ax: Any = None, selection: str | None = None,
                   min_probability: float = 0.0) -> Any:
    """Probability of each outcome over parameter ``x`` under an equilibrium-selection rule, as steps.

    The grid's values are drawn as steps centred on the grid points (the
    change happens somewhere between two of them); a value held at a single
    grid point (an equilibrium that exists only at a boundary) is drawn as a
    point.  Colours name outcomes; with ``selection="all"`` line styles name
    the equilibria at each point (first, second, ...), both in the legend.

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
    from matplotlib.lines import Line2D

    [_], index = _plane(result, (x,))
    xs = np.asarray(result.grid[x], dtype=float)
    order = np.argsort(xs, kind="stable")
    xs = xs[order]
    sets = np.asarray(result.labels[index], dtype=object).reshape(-1)[order]
    ax = _axes(ax, (8.5, 4.5))
    rule = result.selection if selection is None else selection
    styles: list[Any] = ["-", "--", ":", "-."]
    shorten, heading = _key_name(result, "outcome")
    outcomes = result.outcomes(rule)
    colours = colours_for([" > ".join(o) if result.paths else "/".join(o) for o in outcomes], "line")
    handles = []
    columns = 1
    for outcome, values in outcomes.items():
        curve = np.asarray(values[index], dtype=float)
        if not np.nanmax(curve, initial=-1.0) > min_probability:
            continue
        name = " > ".join(outcome) if result.paths else "/".join(outcome)
        colour = colours[name][0]
        curve = curve.reshape(len(xs), -1)[order]
        columns = max(columns, curve.shape[1])
        for k in range(curve.shape[1]):
            for px, py in _pieces(xs, curve[:, k], sets):
                if len(px) == 1:
                    ax.plot(px, py, color=colour, marker="o", markersize=4, linestyle="none", clip_on=False)
                else:
                    ax.plot(px, py, color=colour, linestyle=styles[k % len(styles)], linewidth=1.6)
        handles.append(Line2D([], [], color=colour, linewidth=1.6,
                              label=textwrap.fill(shorten(name), 40, subsequent_indent="  ")))
    if rule == "all" and columns > 1:
        handles += [Line2D([], [], color="0.3", linestyle=styles[k % len(styles)],
                           label=f"{_ordinal(k)} equilibrium at the point") for k in range(columns)]
    parameters = _parameters(result)
    ax.set_xlabel(axis_label(parameters.get(x, x)))
    ax.set_ylabel(_RULES.get(rule, f"probability ({rule})"))
    ax.set_ylim(-0.03, 1.03)
    if xs.min() < xs.max():
        ax.set_xlim(xs.min(), xs.max())
    ax.set_title(textwrap.fill(figure_title(result.model, "outcomes"), 70), loc="left", fontsize="medium")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="x-small", frameon=False,
              title=textwrap.fill(heading, 40), title_fontsize="x-small", alignment="left")
    caption = fixed_caption(list(parameters.values()), _fixed_values(result, (x,)), (x,))
    _caption(ax, caption)
    ax.trigame_caption = caption
    return ax


def _pieces(xs: np.ndarray, values: np.ndarray, sets: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The pieces of a curve to draw: one per run of grid points with the same equilibrium set.

    Inside a run the probability moves continuously and is drawn as a line; between runs the set changes
    somewhere between two grid points, drawn as a jump halfway (each run held flat for half a step), never
    as a ramp.  A run of a single grid point (a set seen at one point only, such as a boundary) is a point.
    """
    n = len(xs)
    missing = np.isnan(values)
    breaks = [0, *(i for i in range(1, n) if sets[i] != sets[i - 1] or missing[i] != missing[i - 1]), n]
    out = []
    for start, stop in itertools.pairwise(breaks):
        if missing[start]:
            continue
        px, py = xs[start:stop], values[start:stop]
        if stop - start > 1:
            left = (xs[start - 1] + xs[start]) / 2 if start > 0 else xs[start]
            right = (xs[stop - 1] + xs[stop]) / 2 if stop < n else xs[stop - 1]
            px, py = np.r_[left, px, right], np.r_[py[0], py, py[-1]]
        out.append((px, py))
    return out


def _ordinal(k: int) -> str:
    return ("first", "second", "third", "fourth")[k] if k < 4 else f"{k + 1}th"
