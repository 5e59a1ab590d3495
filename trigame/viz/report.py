"""The analysis of every model in one report: equilibria, regimes and region maps.

:func:`write_report` solves each model of :data:`trigame.models.MODELS` at its
defaults and at every preset (Nash equilibria; for sequential models also the
subgame-perfect ones, and the Nash equilibria that are not subgame-perfect),
lists its regimes with their conditions (:func:`trigame.statics.regimes`) and
draws a region map of its two headline parameters (:func:`trigame.statics.sweep`).
It writes ``report.md`` -- Markdown that reads well on GitHub, with the figures
embedded -- the figures (PNG and PDF) and ``propositions.tex`` (each model's
regimes as LaTeX propositions, a document that compiles) into one folder.  ``trigame report`` is a thin
wrapper around it.

The building blocks are public too: :func:`model_registry` and
:func:`find_model` (model names matched case-insensitively, also in
snake_case), and :func:`solve_model`, which pairs the Nash and subgame-perfect
equilibria of a model instance and says which Nash equilibria are
subgame-perfect.

The parts live in their own modules and are re-exported here:
:mod:`trigame.viz.catalogue` (finding models, what a map shows),
:mod:`trigame.viz.solutions` (one instance's equilibria),
:mod:`trigame.viz._sections` (one model's Markdown section) and
:func:`trigame.viz.figures.draw_region_map`.

Examples
--------
>>> from trigame.models import QuasiAlliance
>>> find_model("quasi_alliance") is QuasiAlliance
True
>>> solution = solve_model(QuasiAlliance(fear_japan=1, fear_rok=1))
>>> len(solution.nash), solution.subgame_perfect is None
(3, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from trigame._version import __version__
from trigame.errors import ParameterError, TrigameError
from trigame.viz._sections import _model_section, _Section
from trigame.viz.catalogue import find_model, headline, map_range, model_registry
from trigame.viz.catalogue import instances as instances
from trigame.viz.catalogue import is_sequential as is_sequential
from trigame.viz.catalogue import summary_line as summary_line
from trigame.viz.figures import draw_region_map as draw_region_map
from trigame.viz.figures import use_offscreen_backend
from trigame.viz.solutions import ModelSolution, is_subgame_perfect, solve_model

__all__ = [
    "ModelSolution",
    "find_model",
    "headline",
    "is_subgame_perfect",
    "map_range",
    "model_registry",
    "solve_model",
    "write_report",
]


def write_report(
    out_dir: str | Path = "trigame-report",
    *,
    models: Sequence[str] | None = None,
    resolution: int = 61,
    workers: int | None = None,
    progress: bool | None = None,
    echo: Callable[[str], None] | None = None,
    problems: list[str] | None = None,
) -> Path:
    """Write the report of every model to ``out_dir/report.md``, with PNG region maps; return its path.

    For each model: its parameters, its equilibria at the defaults and at every
    preset (Nash equilibria; for sequential models the subgame-perfect ones
    and the pure Nash equilibria of the strategic form, those that are not
    subgame-perfect marked), its regimes with their conditions
    (:func:`trigame.statics.regimes`), and a region map of its headline
    parameters (:func:`trigame.statics.sweep`), the other parameters at their
    defaults.

    Parameters
    ----------
    out_dir : str or Path, default "trigame-report"
        The folder to write (created if needed; files of an earlier report are overwritten).
    models : sequence of str, optional
        Names of the models to include (see :func:`find_model`); every model by default.
    resolution : int, default 61
        Grid points per axis of the region maps (at least 2).
    workers : int, optional
        Processes working on different models at once; by default one per CPU core, at most 2.
        ``1`` works in this process.
    progress : bool, optional
        Draw a progress bar on standard error (default: when it is a terminal).
    echo : callable, optional
        Called with one line per model summarising its equilibria (e.g. ``print``).
    problems : list, optional
        When given, a line is appended for each section that could not be
        produced (a model whose regimes cannot be derived symbolically, say);
        the report then says so in that section and goes on.

    Returns
    -------
    Path
        The path of ``report.md``.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = write_report(folder, models=["QuasiAlliance"], resolution=11, workers=1)
    >>> path.name, "## QuasiAlliance" in path.read_text()
    ('report.md', True)
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    from trigame._progress import Progress

    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise ParameterError(f"resolution must be an integer >= 2, got {resolution!r}")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"workers must be a positive integer, got {workers!r}")
    names = [find_model(name).__name__ for name in models] if models is not None else list(model_registry())
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise TrigameError(f"cannot write the report into {str(folder)!r}: it is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    use_offscreen_backend()
    problems = [] if problems is None else problems
    if workers is None:
        workers = max(1, min(2, os.cpu_count() or 1, len(names)))

    sections: list[_Section] = []
    with Progress(len(names), "trigame report", enabled=progress) as bar:
        if workers == 1:
            for name in names:
                sections.append(_model_section(name, folder, resolution))
                bar.update(1)
                if echo is not None:
                    echo(sections[-1].echo_line)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_model_section, name, folder, resolution) for name in names]
                for future in futures:
                    sections.append(future.result())
                    bar.update(1)
                    if echo is not None:
                        echo(sections[-1].echo_line)
    for section in sections:
        problems.extend(section.problems)
    head = [
        "# trigame report",
        "",
        f"Every model of trigame {__version__}, solved at its defaults and at each of its presets, with its "
        "regimes and a region map of its two headline parameters.  Equilibria are exact (rational "
        "arithmetic) and complete unless a table says otherwise; NE = Nash equilibrium, SPE = subgame-perfect "
        "equilibrium, BNE = Bayesian Nash equilibrium, PBE = perfect Bayesian equilibrium.  Regenerate with "
        "`trigame report`.",
        "",
        "| model | game | at the defaults | presets |",
        "|---|---|---|---|",
        *(section.summary_row for section in sections),
        "",
    ]
    path = folder / "report.md"
    path.write_text("\n".join(head) + "\n" + "\n".join(section.text for section in sections), encoding="utf-8")
    (folder / "propositions.tex").write_text(_propositions(sections), encoding="utf-8")
    return path


def _propositions(sections: Sequence[_Section]) -> str:
    """A LaTeX document: each model's regimes as propositions (``pdflatex propositions.tex`` compiles it)."""
    body = []
    for section in sections:
        if section.latex:
            name = section.text.splitlines()[0].removeprefix("## ")
            body += [rf"\section*{{{name}}}", section.latex, ""]
    return "\n".join([
        r"\documentclass{article}",
        r"\begin{document}",
        rf"\noindent Propositions of trigame {__version__}: every equilibrium of each model as a function of its "
        r"parameters, with the condition under which it exists. Regenerate with \texttt{trigame report}.",
        "",
        *body,
        r"\end{document}",
        "",
    ])
