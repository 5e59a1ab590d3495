"""The example notebooks in ``examples/``: each runs top to bottom in a fresh kernel, and is committed clean.

Each notebook asserts its own results in code cells (the hand-derived
equilibria of its story), so executing it is a test that can fail.  The
notebooks run with matplotlib's non-interactive Agg backend, from a temporary
working directory (files a notebook writes land there), with this checkout of
trigame first on the kernel's import path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))

#: The notebooks the documentation and the README point to.
REQUIRED = (
    "01_quick_start.ipynb",
    "02_cha_quasi_alliance.ipynb",
    "03_china_reaction.ipynb",
    "04_deterrence_vs_domestic_cost.ipynb",
    "05_lateral_pressure.ipynb",
    "06_property_testing.ipynb",
    "07_credibility_and_reassurance.ipynb",
    "08_burden_sharing.ipynb",
    "09_trust_built_and_lost.ipynb",
    "10_estimating_crisis_behaviour.ipynb",
    "11_beliefs_and_ratification.ipynb",
)

#: Seconds allowed for one cell: a guard against a hung kernel only, never a test of speed (the notebooks take a
#: few seconds each in total, and a cell may be many times slower on a loaded machine).
CELL_TIMEOUT = 1800

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need nbformat (extra: notebooks)")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_required_notebooks_exist() -> None:
    missing = [name for name in REQUIRED if not (EXAMPLES / name).is_file()]
    assert not missing, f"missing example notebooks: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_without_outputs(path: Path) -> None:
    """Stale outputs are never committed: every code cell is unexecuted and the kernel is python3."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec must be python3"
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: code cell {k} has committed outputs"
            assert cell.execution_count is None, f"{path.name}: code cell {k} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_tells_its_sources(path: Path) -> None:
    """Each notebook cites at least one essay by its title (as in trigame.models.bibliography) or the research notes."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert text.lstrip().startswith("# "), f"{path.name}: the first markdown cell should be a title"
    from trigame.models.bibliography import ESSAYS

    titles = [essay.title for essay in ESSAYS.values()]
    assert any(title in text for title in titles) or "models.md" in text, (
        f"{path.name}: cite an essay by its title or the research notes (models.md)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Execute the notebook in a fresh python3 kernel; any error (or failed assert) fails the test."""
    nbclient = pytest.importorskip("nbclient", reason="the notebook tests need nbclient (extra: notebooks)")
    pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel (extra: notebooks)")
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.chdir(tmp_path)
    nb = nbformat.read(path, as_version=4)
    # one extra cell, in memory only: which copy of trigame the kernel imported
    nb.cells.append(nbformat.v4.new_code_cell("import trigame\nprint(trigame.__file__)"))
    client = nbclient.NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{exc}", pytrace=False)
    imported = "".join(output.get("text", "") for output in nb.cells[-1].outputs).strip()
    assert Path(imported).resolve().is_relative_to(ROOT), f"the kernel imported trigame from {imported}"
