"""The documentation: the site builds without a warning, and its examples run.

* ``mkdocs build --strict`` turns every warning (a broken link, a page missing
  from the navigation, a docstring that mkdocstrings cannot parse, an API page
  naming a module that does not exist) into a failure.
* Every ```` ```python ```` block of the tutorial, of the how-to guides and of the
  README is executed, page by page in one namespace, in a temporary working
  directory (the examples write their PNG and CSV files there).  A block may be
  left out only when it needs a cluster or the network, and must then say so
  in its title: ```` ```python title="... (not run: needs a dask cluster)" ````.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Seconds before a subprocess counts as hung: a guard, never a test of speed (the commands take seconds).
HANG_GUARD = 1800
DOCS = ROOT / "docs"

#: Pages whose examples are executed (pages written by other files' owners test their own examples).
EXECUTED_PAGES = sorted(
    [DOCS / "tutorial.md", *(DOCS / "how-to").glob("*.md"), *(DOCS / "explanation").glob("*.md")],
)
NOT_EXECUTED = {DOCS / "how-to" / "test-your-own-model.md"}

#: Public modules that must each have an API reference page (when they exist).
PUBLIC_MODULES = (
    "trigame",
    "trigame.games.normal_form",
    "trigame.results",
    "trigame.verify",
    "trigame.solve",
    "trigame.games.tree",
    "trigame.io",
    "trigame.models",
    "trigame.statics",
    "trigame.statics.regime_set",
    "trigame.statics.thresholds",
    "trigame.statics.regime_maps",
    "trigame.statics.sweep",
    "trigame.solve.subgame_perfect",
    "trigame.games.bayesian.game",
    "trigame.solve.bayesian",
    "trigame.results.bayesian",
    "trigame.games.signaling",
    "trigame.solve.perfect_bayesian",
    "trigame.solve.perfect_bayesian.symbolic_signaling",
    "trigame.solve.refinements",
    "trigame.results.perfect_bayesian",
    "trigame.verify.assessments",
    "trigame.verify.bayesian",
    "trigame.models.parameters",
    "trigame.models.expressions",
    "trigame.solve.batch",
    "trigame.viz.figures",
    "trigame.viz.report",
    "trigame.testing",
    "trigame.errors",
    "trigame.games.bargaining",
    "trigame.solve.bargaining",
    "trigame.results.bargaining",
    "trigame.games.continuous_sequential",
    "trigame.solve.continuous.sequential",
    "trigame.solve.qre",
    "trigame.results.qre",
    "trigame.verify.qre",
    "trigame.games.finite_repetition",
    "trigame.solve.finite_repetition",
    "trigame.solve.public_monitoring",
    "trigame.solve.dynamics",
    "trigame.results.dynamics",
    "trigame.estimation.fit",
    "trigame.games.continuous",
    "trigame.solve.continuous",
    "trigame.verify.continuous",
    "trigame.results.continuous",
    "trigame.statics.continuous",
    "trigame.games.repeated.game",
    "trigame.solve.repeated.minmax",
    "trigame.results.repeated",
    "trigame.verify.repeated",
    "trigame.statics.repeated",
    "trigame.solve.qre.agent",
)

_FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
_SKIP_TITLE = re.compile(r"not run: needs (a dask cluster|a cluster|the network)")


def python_blocks(path: Path) -> list[tuple[int, str, str]]:
    """``(line number, info string, code)`` of each ```` ```python ```` block of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        info = match.group("info").strip()
        if not re.match(r"(python|py)\b", info):
            continue
        indent = len(match.group("indent"))
        body = "\n".join(line[indent:] for line in match.group("body").splitlines())
        blocks.append((text.count("\n", 0, match.start()) + 1, info, body))
    return blocks


def run_blocks(path: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Execute a page's blocks in order in one namespace; return how many ran."""
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = 0
    for line, info, code in python_blocks(path):
        if "title=" in info and _SKIP_TITLE.search(info):
            continue
        assert "not run" not in info, (
            f"{path.name}:{line}: a block may be left out only when it needs a cluster or the network, "
            f'titled "... (not run: needs a dask cluster)" or "(not run: needs the network)"'
        )
        try:
            exec(compile(code, f"{path.name}:{line}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            raise AssertionError(f"{path.name}, block at line {line} failed: {exc!r}") from exc
        ran += 1
    return ran


# ---------------------------------------------------------------------------- the extractor itself
def test_python_blocks_finds_fences_and_titles(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "text\n```python\nx = 1\n```\n\n```bash\nls\n```\n\n"
        '```python title="scale out (not run: needs a dask cluster)"\nimport nowhere\n```\n'
        "1. a list item\n\n    ```python\n    y = x + 1\n    ```\n",
        encoding="utf-8",
    )
    blocks = python_blocks(page)
    assert [(line, code) for line, _, code in blocks] == [(2, "x = 1"), (10, "import nowhere"), (15, "y = x + 1")]
    assert 'title="scale out' in blocks[1][1]


def test_run_blocks_shares_a_namespace_and_reports_the_failing_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\nx = 2\n```\n\n```python\nassert x == 3\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="block at line 5"):
        run_blocks(page, tmp_path, monkeypatch)
    page.write_text('```python title="secret (not run: because)"\nx = 2\n```\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="only when it needs a cluster"):
        run_blocks(page, tmp_path, monkeypatch)


# ---------------------------------------------------------------------------- the pages
@pytest.mark.parametrize("page", [p for p in EXECUTED_PAGES if p not in NOT_EXECUTED], ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran = run_blocks(page, tmp_path, monkeypatch)
    if page.name == "tutorial.md":
        assert ran > 5, "the tutorial should be a sequence of runnable examples"


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = ROOT / "README.md"
    assert run_blocks(readme, tmp_path, monkeypatch) > 0
    # The 20-line example ends with a region map written next to where it runs.
    assert list(tmp_path.glob("*.png")), "the README example should write its region map as a PNG"


def test_readme_quick_start_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install . && trigame report" in text
    assert 'python -m pip install -e ".[dev]" && python -m pytest -n 2' in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'python -m pip install -e ".[dev]" && python -m pytest -n 2' in ci


def test_every_public_module_has_a_reference_page() -> None:
    documented = set()
    for page in (DOCS / "reference").glob("*.md"):
        documented |= set(re.findall(r"^::: ([\w.]+)", page.read_text(encoding="utf-8"), re.M))
    existing = [m for m in PUBLIC_MODULES if importlib.util.find_spec(m) is not None]
    missing = [m for m in existing if m not in documented]
    assert not missing, f"public modules without an API reference page: {missing}"


SEEDS = ROOT.parent / "shared" / "seeds"
_ESSAY = re.compile(r"\(essays? (\d{3})\)")
_QUOTE = re.compile(r'"([^"]{12,})"')


def test_every_model_has_an_explanation_page() -> None:
    from trigame.models import MODELS

    pages = {page.name: page.read_text(encoding="utf-8") for page in (DOCS / "explanation").glob("*.md")}
    index = pages["index.md"]
    for name in MODELS:
        holders = [page for page, text in pages.items() if f"`trigame.models.{name}`" in text.split("\n", 4)[2]]
        assert holders, f"no explanation page opens with `trigame.models.{name}`"
        assert f"({holders[0]})" in index, f"{holders[0]} is not linked from the explanation index"


def test_essay_quotes_on_the_explanation_pages_are_verbatim() -> None:
    """Every quoted passage in a parameter table row that cites an essay occurs in that essay."""
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    essays = {path.name[:3]: " ".join(path.read_text(encoding="utf-8").split()) for path in SEEDS.glob("0*.txt")}
    checked = 0
    for page in sorted((DOCS / "explanation").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            cited = _ESSAY.findall(line)
            if not line.startswith("|") or not cited:
                continue
            for quote in _QUOTE.findall(line):
                text = " ".join(quote.split())
                assert any(text in essays[number] for number in cited), (page.name, cited, quote)
                checked += 1
    assert checked > 20


# ---------------------------------------------------------------------------- the command-line page
COMMAND_LINE = DOCS / "how-to" / "command-line.md"


def fenced_blocks(path: Path) -> list[tuple[str, str]]:
    """``(language, body)`` of each fenced block of a Markdown file, in order."""
    return [(m.group("info").strip().split(" ")[0], m.group("body")) for m in _FENCE.finditer(path.read_text("utf-8"))]


def help_text(*command: str) -> str:
    """What ``trigame [COMMAND] --help`` prints."""
    import contextlib
    import io

    from trigame.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*command, "--help"]) == 0
    return out.getvalue()


def test_command_line_page_uses_only_real_commands_and_options() -> None:
    top = help_text()
    commands = set(re.findall(r"^    (\w+) ", top, re.M))
    assert {"report", "models", "describe", "solve", "regimes", "sweep", "examples"} <= commands
    used: dict[str, set[str]] = {}
    for language, body in fenced_blocks(COMMAND_LINE):
        if language != "bash":
            continue
        for line in body.splitlines():
            words = shlex.split(line.split(" #")[0])
            if not words:
                continue
            assert words[0] == "trigame" and words[1] in commands, f"not a trigame command: {line!r}"
            used.setdefault(words[1], set()).update(w.split("=")[0] for w in words[2:] if w.startswith("--"))
    assert set(used) == commands, f"commands missing from the page: {sorted(commands - set(used))}"
    for command, options in used.items():
        text = help_text(command)
        missing = sorted(option for option in options if not re.search(rf"{re.escape(option)}\b", text))
        assert not missing, f"trigame {command}: options on the page but not in --help: {missing}"


def test_command_line_page_outputs_match_the_command(tmp_path: Path) -> None:
    """Each single command followed by a ``text`` block prints (at least) the lines of that block."""
    from trigame.models import MODELS

    blocks = fenced_blocks(COMMAND_LINE)
    pairs = [(body.strip(), blocks[k + 1][1]) for k, (language, body) in enumerate(blocks[:-1])
             if language == "bash" and blocks[k + 1][0] == "text" and len(body.strip().splitlines()) == 1]
    assert len(pairs) >= 4
    for command, expected in pairs:
        words = shlex.split(command)
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": path}
        result = subprocess.run([sys.executable, "-m", "trigame", *words[1:]], cwd=tmp_path, capture_output=True,
                                text=True, timeout=HANG_GUARD, env=env)
        failing = expected.startswith("trigame: error")
        assert result.returncode == (2 if failing else 0), (command, result.stderr)
        printed = [line.rstrip() for line in (result.stderr if failing else result.stdout).splitlines()]
        for line in expected.splitlines():
            assert line.rstrip() in printed, f"{command!r} does not print the line {line!r} shown on the page"
        if failing:
            assert len(printed) == 1, "an error is one line"
        if words[1] == "models":
            assert [line.split()[0] for line in printed] == list(MODELS)


# ---------------------------------------------------------------------------- the site
def test_site_builds_without_warnings(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("mkdocstrings") is None:
        pytest.skip("mkdocs and mkdocstrings[python] are not installed (pip install -e '.[dev]')")
    site = tmp_path / "site"
    env = {**os.environ, "MPLBACKEND": "Agg"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    result = subprocess.run(
        [*command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG_GUARD,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    for page in ("index.html", "tutorial/index.html", "reference/game/index.html", "changelog/index.html"):
        assert (site / page).is_file(), f"{page} missing from the built site"
    # The API pages were generated from the docstrings, not left empty.
    assert "expected_payoffs" in (site / "reference" / "game" / "index.html").read_text(encoding="utf-8")
    # The changelog page includes CHANGELOG.md.
    assert "Keep a Changelog" in (site / "changelog" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(site, ignore_errors=True)
