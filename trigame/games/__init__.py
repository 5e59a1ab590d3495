"""The games themselves: finite games as immutable values, before any solver sees them.

Modules of this room:

* :mod:`trigame.games.normal_form` -- :class:`NormalFormGame`, a game in
  strategic form (float, exact or symbolic payoffs, names and labels);
* :mod:`trigame.games.profiles` -- strategy profiles of a strategic-form game
  and the expected and deviation payoffs they give;
* :mod:`trigame.games.scaling` -- unit-free views of a game's payoffs (each
  player's range, the ``[0, 1]`` rescaling, the reduced integers);
* :mod:`trigame.games.tree` -- games in extensive form (``GameTree`` and its
  nodes, information sets, stages and strategic form);
* ``_construction`` and ``_protocol`` -- private helpers: reading a game's
  payoffs and labels, and the structural type the kernels read a game through.

This room imports only the shared helpers below it (``errors``, ``_numbers``,
``budget``); results, checks and solvers build on it.  ``NormalFormGame`` is
imported here; the tree's names are served on first use, so that importing
this package does not load the tree.
"""

from __future__ import annotations

import importlib
from typing import Any

from trigame.games.normal_form import NormalFormGame

__all__ = ["Chance", "Decision", "GameTree", "InformationSet", "NormalFormGame", "Terminal", "stage"]

#: Names served lazily from :mod:`trigame.games.tree`.
_TREE_NAMES = frozenset({"Chance", "Decision", "GameTree", "InformationSet", "Terminal", "stage"})


def __getattr__(name: str) -> Any:
    if name in _TREE_NAMES:
        return getattr(importlib.import_module("trigame.games.tree"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _TREE_NAMES)
