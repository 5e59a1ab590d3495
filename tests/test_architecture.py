"""The shape of the package: imports flow one way, no cycles, files one can read in one sitting.

The rooms of ``trigame/`` are ranked, lowest first (``docs/explanation/architecture.md``):
the base helpers, games, results, verify, io, solve, models, statics, viz, testing,
cli and, at the top, the facade ``trigame/__init__.py``.  A module may import from its
own room or a lower one -- at module level, inside functions and under
``TYPE_CHECKING`` alike -- and the graph of imports between modules has no cycle.

The imports are read from the source with :mod:`ast`, independently of the import
system, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import trigame

PACKAGE = Path(trigame.__file__).resolve().parent

#: Rooms, lowest first.  Base helpers are top-level modules holding no domain idea of their own.
RANKS: dict[str, int] = {
    "errors": 0, "_numbers": 0, "budget": 0, "_aliases": 0, "_progress": 0, "_labels": 0, "_version": 0,
    "_figures_slot": 0,
    "games": 1,
    "results": 2,
    "verify": 3,
    "io": 4,
    "solve": 5,
    "models": 6,
    "statics": 7,
    "estimation": 8,
    "viz": 9,
    "testing": 10,
    "cli": 11,
    "__main__": 12,
}
FACADE_RANK = 12

#: Top-level modules allowed beside the rooms: the facade, errors, results, verify and small helpers.
TOP_LEVEL = {"__init__", "__main__", "errors", "results", "verify", "budget", "_numbers", "_aliases", "_progress",
             "_labels", "_version", "_figures_slot"}

MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _resolve(name: str) -> str:
    """The longest prefix of a dotted name that is a module of the package."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return name


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def imports_of(module: str) -> set[str]:
    """Every trigame module that ``module`` imports, anywhere in its source."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "trigame":
                    found.add(_resolve(alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path).split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "trigame":
                continue
            for alias in node.names:
                # ``from trigame.x import y`` imports the submodule trigame.x.y when there is one.
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else _resolve(target))
    found.discard(module)
    return found


def rank(module: str) -> int:
    if module == "trigame":
        return FACADE_RANK
    room = module.split(".")[1]
    return RANKS[room]


def test_every_module_belongs_to_a_ranked_room():
    unknown = sorted(m for m in MODULES if m != "trigame" and m.split(".")[1] not in RANKS)
    assert not unknown, f"modules outside the ranked rooms (add the room to RANKS and to architecture.md): {unknown}"


def test_top_level_holds_only_the_facade_errors_results_verify_and_small_helpers():
    loose = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in TOP_LEVEL)
    assert not loose, f"loose modules at the top of trigame/: {loose}"


def test_no_module_imports_a_higher_room():
    upward = []
    for module in MODULES:
        for target in sorted(imports_of(module)):
            if target in MODULES and rank(target) > rank(module):
                upward.append(f"{module} (rank {rank(module)}) imports {target} (rank {rank(target)})")
    assert not upward, "upward imports:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan 1972)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_planted_cycle():
    # a -> b -> c -> a is one cycle; d -> a hangs off it; e stands alone
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    graph = {m: {t for t in imports_of(m) if t in MODULES} for m in MODULES}
    # A package's __init__ that re-exports its children is not a cycle with them when a child imports a
    # sibling by its full name; but a child importing its own package's __init__ while the __init__ imports
    # the child is one, and is reported.
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_imports_are_read_from_the_source():
    # Guards the walker itself: known edges of the layout must be seen.
    assert "trigame.games.normal_form" in imports_of("trigame.solve.nash.support") | imports_of("trigame.solve")
    assert "trigame.errors" in imports_of("trigame.budget")
    assert rank("trigame.cli") > rank("trigame.viz.report") > rank("trigame.statics") > rank("trigame.solve")


def _reason_stated(path: Path) -> bool:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return "longer than" in doc.lower() or "one sitting" in doc.lower() or "kept whole" in doc.lower()


def test_no_module_is_over_600_lines_without_a_stated_reason():
    long = []
    for module, path in MODULES.items():
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES and not _reason_stated(path):
            long.append(f"{module}: {n} lines")
    assert not long, (f"modules over {MAX_LINES} lines whose docstring gives no reason "
                      "('kept whole because ...'):\n" + "\n".join(long))


def test_import_trigame_stays_light():
    code = ("import sys, trigame\n"
            "heavy = [m for m in ('sympy', 'matplotlib', 'pandas', 'dask', 'tqdm', 'scipy.optimize', 'hypothesis', "
            "'trigame.statics', 'trigame.games.tree')"
            " if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import trigame loads {out.stdout.strip()}"


@pytest.mark.parametrize("old, new, name", [
    ("trigame.game", "trigame.games.normal_form", "NormalFormGame"),
    ("trigame.equilibrium", "trigame.results", "EquilibriumSet"),
    ("trigame.batch", "trigame.solve.batch", "equilibria"),
    ("trigame.plot", "trigame.viz.figures", "region_map"),
    ("trigame.report", "trigame.viz.report", "write_report"),
    ("trigame.solve.pure", "trigame.solve.nash.pure", "pure_equilibria"),
    ("trigame.solve.support", "trigame.solve.nash.support", None),
    ("trigame.solve.polynomial", "trigame.solve.nash.polynomial", None),
    ("trigame.solve.closed_form", "trigame.solve.nash.closed_form", None),
    ("trigame.solve.lemke_howson", "trigame.solve.nash.lemke_howson", "lemke_howson"),
    ("trigame.solve.nashpy_solver", "trigame.solve.nash.nashpy_solver", None),
])
def test_old_import_paths_are_the_new_modules(old, new, name):
    import importlib

    old_module = importlib.import_module(old)
    new_module = importlib.import_module(new)
    assert old_module is new_module
    assert new_module.__spec__.name == new  # the alias does not overwrite the module's own spec
    if name is not None:
        assert getattr(old_module, name) is getattr(new_module, name)


def test_old_tree_path_serves_the_tree_its_results_and_its_solver():
    from trigame.tree import Decision, Terminal
    from trigame.tree import GameTree as OldGameTree
    from trigame.tree import SubgamePerfectSet as OldSet
    from trigame.tree import subgame_perfect as old_subgame_perfect

    from trigame.games.tree import GameTree
    from trigame.results import SubgamePerfectSet
    from trigame.solve.subgame_perfect import subgame_perfect

    assert (OldGameTree, OldSet, old_subgame_perfect) == (GameTree, SubgamePerfectSet, subgame_perfect)
    spes = old_subgame_perfect(OldGameTree(Decision("A", {"l": Terminal((1,)), "r": Terminal((0,))})))
    assert spes[0].label() == "A@root: l"
    import trigame.tree as old

    assert {"GameTree", "subgame_perfect", "SubgamePerfectSet"} <= set(old.__all__)
    with pytest.raises(AttributeError):
        old.no_such_name  # noqa: B018


def test_facade_still_serves_the_contract_names():
    import trigame as tg

    for name in ("batch", "io", "models", "statics", "testing", "tree", "plot"):
        assert getattr(tg, name) is not None
    assert callable(tg.batch.equilibria) and callable(tg.statics.sweep) and callable(tg.subgame_perfect)
