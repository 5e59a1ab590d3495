"""Pictures and the report: region maps, outcome curves, and the whole analysis as Markdown.

* :mod:`trigame.viz.figures` -- :func:`region_map` (a two-parameter sweep
  coloured by equilibrium set or by outcome, with the symbolic boundaries
  overlaid) and :func:`outcome_curves` (the probability of each outcome over
  one parameter); ``SweepResult.plot`` draws with them; :func:`save_figure`
  writes a figure as PNG, PDF and SVG, and :func:`caption_table` gives a map's
  key as a Markdown table.
* :mod:`trigame.viz.report` -- :func:`write_report`: every model's
  equilibria, regimes and region map, written as Markdown with PNG figures
  (what ``trigame report`` writes); its building blocks
  :func:`find_model`, :func:`model_registry` (:mod:`trigame.viz.catalogue`)
  and :func:`solve_model` (:mod:`trigame.viz.solutions`).

Nothing is imported until a name is used, so ``import trigame`` loads neither
matplotlib nor this package's modules.

Examples
--------
>>> import trigame.viz as viz
>>> viz.find_model("quasi_alliance").__name__
'QuasiAlliance'
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "ModelSolution",
    "caption_table",
    "draw_region_map",
    "find_model",
    "is_subgame_perfect",
    "model_registry",
    "outcome_curves",
    "region_map",
    "save_figure",
    "solve_model",
    "write_report",
]

# No public name is also the name of a submodule, so importing a submodule never shadows a name here.
_LAZY = {
    "region_map": "trigame.viz.figures",
    "outcome_curves": "trigame.viz.figures",
    "draw_region_map": "trigame.viz.figures",
    "save_figure": "trigame.viz.figures",
    "caption_table": "trigame.viz.figures",
    "write_report": "trigame.viz.report",
    "find_model": "trigame.viz.catalogue",
    "model_registry": "trigame.viz.catalogue",
    "ModelSolution": "trigame.viz.solutions",
    "is_subgame_perfect": "trigame.viz.solutions",
    "solve_model": "trigame.viz.solutions",
}


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'trigame.viz' has no attribute {name!r}")
