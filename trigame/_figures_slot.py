"""Where :meth:`trigame.statics.sweep.SweepResult.plot` finds its pictures.

The pictures are drawn by :mod:`trigame.viz.figures`, a room above statics that
statics may not import.  This slot sits below both: the package facade, which
may import every room, fills it with a function that imports the figures when
the first picture is drawn, and ``SweepResult.plot`` calls through it.  Keeping
the slot here, rather than in the sweep's modules, means ``import trigame``
does not load the sweep.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["FIGURES", "use_figures"]

#: The function that gives ``SweepResult.plot`` its drawing functions (set by :func:`use_figures`).
FIGURES: list[Callable[[], Any]] = []


def use_figures(figures: Callable[[], Any]) -> None:
    """Install where ``SweepResult.plot`` finds its pictures.

    Parameters
    ----------
    figures : callable
        Called with no argument when a picture is drawn; returns an object
        with ``region_map(result, x, y, ax=..., boundaries=..., **options)``
        and ``outcome_curves(result, x, ax=..., **options)``, such as the
        module :mod:`trigame.viz.figures`.
    """
    FIGURES[:] = [figures]
