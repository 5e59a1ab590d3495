"""What the region maps and the outcome curves share: the plane of a sweep, the figure, names and captions."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.errors import MissingDependencyError, ParameterError
from trigame.viz._palette import compact_label, outcome_names, rename_outcomes

__all__: list[str] = []


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


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    """The Axes to draw on: a new constrained-layout figure, or the caller's (given a layout that keeps the key)."""
    plt = _pyplot()
    if ax is None:
        fig = plt.figure(figsize=size, layout="constrained")
        return fig.add_subplot()
    if ax.figure.get_layout_engine() is None:
        ax.figure.set_layout_engine("constrained")
    return ax


def _parameters(result: Any) -> dict[str, Any]:
    return {p.name: p for p in result.model.parameters()}


def _fixed_values(result: Any, shown: Sequence[str]) -> dict[str, Any]:
    """The values of every parameter of the swept instance, those swept with one value included."""
    spec = result._spec
    values = dict(spec.model(**spec.base).values())
    for name, axis in result.grid.items():
        if name not in shown:
            value = axis[0]
            values[name] = value.item() if isinstance(value, np.generic) else value
    return values


def _key_name(result: Any, by: str) -> tuple[Any, str]:
    """How key entries are shortened, and the key's heading."""
    players = tuple(result.players)
    if by == "outcome" and result.paths:
        spec = result._spec
        from trigame.statics.sweep._chunk import _outcome_names

        tree = spec.model(**spec.base).game()
        names = outcome_names(tree, _outcome_names(spec, tree))
        return (lambda label: rename_outcomes(label, names)), "outcomes of the equilibria (paths of play)"
    if by == "outcome":
        return (lambda label: label), "outcomes as " + "/".join(players)
    from trigame.viz.catalogue import game_kind

    types = game_kind(result._spec.model(**result._spec.base)) == "Bayesian game"
    heading = "equilibria as (" + ("; " if types else ", ").join(players) + ")"
    return (lambda label: compact_label(label, players, types)), heading


def _caption(ax: Any, caption: str, note: str = "") -> None:
    """The caption (the values of the other parameters) under the axes, inside the figure; a note first."""
    # Wrapped to the axes' width, so that it never runs under the key on the right: x-small text is about
    # 0.83 of the font size, and a character of DejaVu Sans averages about 0.6 of an em.
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    import matplotlib as mpl

    char_pt = 0.6 * 0.833 * float(mpl.rcParams["font.size"])
    columns = max(40, int(width_pt / char_pt))
    text = "\n".join(textwrap.fill(part, columns) for part in (note, caption) if part)
    if text:
        ax.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, -36), textcoords="offset points",
                    va="top", ha="left", fontsize="x-small")
