"""Import paths from before the package was arranged in rooms, kept working.

trigame's modules once sat at the top of the package (``trigame.game``,
``trigame.tree``, ``trigame.batch``, ``trigame.plot``, ...) or directly in
``trigame.solve``.  They now live in rooms (``trigame.games``,
``trigame.solve.nash``, ``trigame.viz``, ...; see
``docs/explanation/architecture.md``).  Code written against the old paths
keeps working: ``import trigame.tree`` and ``from trigame.game import
NormalFormGame`` still succeed.

An old path that maps to one new module *is* that module (the same object,
so ``trigame.game.NormalFormGame is trigame.games.normal_form.NormalFormGame``).
``trigame.tree`` held the tree, its result types and its solver, which now
live in three rooms; it maps to a read-only view that looks names up in each
of them, in order.

The finder sits at the end of ``sys.meta_path``, so it is asked only about
names no real module answers to, and only about the names listed here.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

__all__ = ["ALIASES", "install"]

#: Old dotted path -> the modules that now hold its names (looked up in this order).
ALIASES: dict[str, tuple[str, ...]] = {
    "trigame.game": ("trigame.games.normal_form",),
    "trigame.tree": ("trigame.games.tree", "trigame.solve.subgame_perfect", "trigame.results"),
    "trigame.equilibrium": ("trigame.results",),
    "trigame.batch": ("trigame.solve.batch",),
    "trigame.plot": ("trigame.viz.figures",),
    "trigame.report": ("trigame.viz.report",),
    "trigame.solve.pure": ("trigame.solve.nash.pure",),
    "trigame.solve.support": ("trigame.solve.nash.support",),
    "trigame.solve.polynomial": ("trigame.solve.nash.polynomial",),
    "trigame.solve.closed_form": ("trigame.solve.nash.closed_form",),
    "trigame.solve.lemke_howson": ("trigame.solve.nash.lemke_howson",),
    "trigame.solve.nashpy_solver": ("trigame.solve.nash.nashpy_solver",),
}


class _MergedModule(types.ModuleType):
    """A module whose attributes are those of several modules, first match wins."""

    def __init__(self, name: str, targets: Sequence[types.ModuleType]) -> None:
        super().__init__(name, f"Old import path; its names now live in {', '.join(t.__name__ for t in targets)}.")
        self._targets = tuple(targets)
        names: list[str] = []
        for target in targets:
            names += [n for n in getattr(target, "__all__", ()) if n not in names]
        self.__all__ = names

    def __getattr__(self, name: str) -> Any:
        for target in self._targets:
            if hasattr(target, name):
                return getattr(target, name)
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(self.__all__) | {n for t in self._targets for n in dir(t)})


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolve an old import path to the module (or merged view) that replaced it."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in ALIASES:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def __init__(self) -> None:
        self._real_specs: dict[str, Any] = {}

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        targets = [importlib.import_module(name) for name in ALIASES[spec.name]]
        if len(targets) == 1:
            # The import system will stamp the alias's spec on the module it gets back; remember the real one.
            self._real_specs[spec.name] = targets[0].__spec__
            return targets[0]
        return _MergedModule(spec.name, targets)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run (the module was built by :meth:`create_module`); give a real module back its own spec."""
        spec = module.__spec__
        if spec is not None and spec.name in self._real_specs:
            module.__spec__ = self._real_specs.pop(spec.name)


_FINDER = _AliasFinder()


def install() -> None:
    """Put the finder at the end of ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.append(_FINDER)
