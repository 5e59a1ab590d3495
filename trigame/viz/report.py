"""The analysis of every model in one report: equilibria, regimes and region maps.

:func:`write_report` solves each model of :data:`trigame.models.MODELS` at its
defaults and at every preset (Nash equilibria; for sequential models also the
subgame-perfect ones, and the Nash equilibria that are not subgame-perfect),
lists its regimes with their conditions (:func:`trigame.statics.regimes`) and
draws a region map of its two headline parameters (:func:`trigame.statics.sweep`).
It writes ``report.md`` -- Markdown that reads well on GitHub, with the figures
embedded -- and the PNG figures into one folder.  ``trigame report`` is a thin
wrapper around it.

The building blocks are public too: :func:`model_registry` and
:func:`find_model` (model names matched case-insensitively, also in
snake_case), and :func:`solve_model`, which pairs the Nash and subgame-perfect
equilibria of a model instance and says which Nash equilibria are
subgame-perfect.

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

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trigame.errors import ParameterError, TrigameError
from trigame.viz.figures import use_offscreen_backend

if TYPE_CHECKING:
    from trigame.games.tree import GameTree
    from trigame.models.base import Model, Parameter
    from trigame.results import Equilibrium, EquilibriumSet, SubgamePerfectSet

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


# ---------------------------------------------------------------------------- the models
def model_registry() -> dict[str, type[Model]]:
    """Every model shipped with trigame, ``{class name: class}``.

    This is :data:`trigame.models.MODELS`; when a build of trigame has no such
    registry, the :class:`~trigame.models.Model` subclasses that
    :mod:`trigame.models` exports.

    Examples
    --------
    >>> "QuasiAlliance" in model_registry()
    True
    """
    import trigame.models as models
    from trigame.models.base import Model

    registry = getattr(models, "MODELS", None)
    if registry is not None:
        return dict(registry)
    found: dict[str, type[Model]] = {}
    for name in getattr(models, "__all__", ()):
        obj = getattr(models, name, None)
        if isinstance(obj, type) and issubclass(obj, Model) and obj is not Model:
            found[obj.__name__] = obj
    return found


def _key(name: str) -> str:
    """``"China_Reaction"``, ``"china-reaction"`` and ``"ChinaReaction"`` all give ``"chinareaction"``."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def find_model(name: str) -> type[Model]:
    """The model class called ``name`` (case-insensitive; ``snake_case`` and ``kebab-case`` accepted).

    Raises
    ------
    ParameterError
        When no model has that name; the message lists the models.

    Examples
    --------
    >>> find_model("QUASIALLIANCE").__name__
    'QuasiAlliance'
    >>> find_model("no_such_model")
    Traceback (most recent call last):
        ...
    trigame.errors.ParameterError: unknown model 'no_such_model'; the models are: ...
    """
    registry = model_registry()
    wanted = _key(name)
    for cls_name, cls in registry.items():
        if _key(cls_name) == wanted:
            return cls
    raise ParameterError(f"unknown model {name!r}; the models are: {', '.join(registry)}")


def headline(model: type[Model]) -> tuple[str, ...]:
    """The model's two headline parameters (its ``headline`` attribute), drawn in region maps.

    A model without a ``headline`` attribute uses its first two parameters.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> len(headline(QuasiAlliance))
    2
    """
    names = getattr(model, "headline", None)
    if not names:
        names = model.parameter_names()[:2]
    return tuple(names)


def summary_line(model: type[Model]) -> str:
    """The first line of the model's docstring (its one-line description)."""
    doc = (model.__doc__ or "").strip().splitlines()
    return doc[0].strip() if doc else (model.title or model.__name__)


def is_sequential(model: type[Model] | Model) -> bool:
    """True for a model (class: its default variant; instance: its own variant) whose game is a tree."""
    return not model.strategies


# ---------------------------------------------------------------------------- solving one instance
@dataclasses.dataclass(frozen=True)
class ModelSolution:
    """The equilibria of one model instance.

    Attributes
    ----------
    model : Model
        The instance that was solved.
    nash : EquilibriumSet
        The Nash equilibria of the model's strategic form: all of them, or for
        a sequential model solved with ``nash="pure"`` all pure ones.
    nash_scope : str
        ``"all"`` or ``"pure"``: which Nash equilibria ``nash`` holds.
    subgame_perfect : SubgamePerfectSet or None
        Every subgame-perfect equilibrium (sequential models), None for a
        strategic-form model.
    nash_is_subgame_perfect : tuple of (bool or None)
        For a sequential model, one entry per Nash equilibrium (see
        :func:`is_subgame_perfect`): True when it is subgame-perfect, False
        when it is not, None for a mixed equilibrium that correlates a
        player's choices at different information sets (its behaviour off the
        path is then not determined).  Empty for strategic-form models.
    """

    model: Model
    nash: EquilibriumSet
    nash_scope: str
    subgame_perfect: SubgamePerfectSet | None
    nash_is_subgame_perfect: tuple[bool | None, ...] = ()

    @property
    def differ(self) -> bool:
        """True when some Nash equilibrium is not (known to be) subgame-perfect."""
        return self.subgame_perfect is not None and not all(self.nash_is_subgame_perfect)


def solve_model(model: Model, *, nash: str = "all") -> ModelSolution:
    """Nash equilibria of a model instance, and its subgame-perfect equilibria when it is sequential.

    Parameters
    ----------
    model : Model
        The instance to solve.
    nash : {"all", "pure"}, default "all"
        Sequential models: compute every Nash equilibrium of the strategic
        form (every extreme one where there is a continuum), or only the pure
        ones -- much faster on large strategic forms, and enough to show the
        Nash equilibria that rest on threats subgame perfection removes.
        Strategic-form models always get all of them.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> [e.label() for e in solve_model(QuasiAlliance()).nash]
    ['Japan: Friction, South Korea: Friction']
    """
    from trigame.solve import pure_equilibria

    if nash not in ("all", "pure"):
        raise ParameterError(f"nash must be 'all' or 'pure', got {nash!r}")
    if not is_sequential(model):
        return ModelSolution(model, model.equilibria(), "all", None)
    spes = model.equilibria()
    tree = model.game()
    found = model.equilibria(nash=True) if nash == "all" else pure_equilibria(tree.to_normal_form())
    flags = tuple(is_subgame_perfect(tree, eq) for eq in found)
    return ModelSolution(model, found, nash, spes, flags)


def _behavior(tree: GameTree, equilibrium: Equilibrium) -> dict[Any, dict[str, Any]]:
    """Each information set's marginal distribution of actions under a mixed profile of the strategic form."""
    behavior: dict[Any, dict[str, Any]] = {}
    for player, vector in zip(tree.players, equilibrium.strategies):
        pure = tree.pure_strategies(player)
        probabilities = vector.tolist()
        for slot, info in enumerate(tree.player_infosets(player)):
            dist: dict[str, Any] = {}
            for strategy, p in zip(pure, probabilities):
                dist[strategy[slot]] = dist.get(strategy[slot], 0) + p
            behavior[info.key] = {a: dist.get(a, 0 * probabilities[0]) for a in info.actions}
    return behavior


def is_subgame_perfect(tree: GameTree, equilibrium: Equilibrium) -> bool | None:
    """Whether a Nash equilibrium of ``tree.to_normal_form()`` is subgame-perfect.

    A mixed strategy of the strategic form that randomises independently at
    each information set is the strategic form of one behaviour strategy (its
    marginals); the profile is subgame-perfect iff that behaviour profile is a
    Nash equilibrium of every subgame (Selten 1965), which is checked subgame
    by subgame with :func:`trigame.is_nash`.  A mixed strategy that correlates
    choices at different information sets fixes no behaviour off its path;
    then the answer is None (undetermined).

    Examples
    --------
    The China-veto tree shipped with trigame: the allies abstain because China
    would back Pyongyang after cooperation -- a Nash equilibrium that is not
    subgame-perfect, since backing after cooperation costs China 1.

    >>> import trigame as tg
    >>> from trigame.cli import bundled_games
    >>> tree = tg.read_efg(bundled_games()["china_veto.efg"])
    >>> [(e.label(), is_subgame_perfect(tree, e)) for e in tg.equilibria(tree.to_normal_form()) if e.is_pure]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Japan-ROK: Cooperate, China: Accommodate|Accommodate', True),
     ('Japan-ROK: Cooperate, China: Accommodate|Back Pyongyang', False),
     ('Japan-ROK: Abstain, China: Back Pyongyang|Accommodate', False)]
    """
    from trigame.verify import is_nash

    behavior = _behavior(tree, equilibrium)
    if not equilibrium.isclose(tree.strategy_profile(behavior)):
        return None
    for path in tree.subgame_roots():
        subgame = tree.subgame(path) if path else tree
        local = {info.key: behavior[info.key] for info in subgame.information_sets}
        if not is_nash(subgame.to_normal_form(), subgame.strategy_profile(local)):
            return False
    return True


def instances(model: type[Model]) -> dict[str, Model]:
    """``{"defaults": model(), preset name: instance, ...}``: the points the report solves."""
    return {"defaults": model(), **model.presets()}


def map_range(parameter: Parameter, points: int) -> tuple[float, float]:
    """The interval a region map shows for a parameter: its whole domain when bounded, else around its default.

    A bounded domain is drawn whole; an unbounded side extends to twice the
    default's distance from the other end (at least 2 units), and an open end
    is moved in by one grid step.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> fear, _, value = QuasiAlliance.parameters()[:3]
    >>> map_range(fear, 101), map_range(value, 101)
    ((0.0, 1.0), (0.06, 6.0))
    """
    domain = parameter.domain
    default = float(parameter.default)
    lower = None if domain.lower is None else float(domain.lower)
    upper = None if domain.upper is None else float(domain.upper)
    if lower is None and upper is None:
        reach = 2 * max(abs(default), 1.0)
        lo, hi = default - reach, default + reach
    elif upper is None:
        assert lower is not None
        lo, hi = lower, lower + 2 * max(default - lower, 1.0)
    elif lower is None:
        lo, hi = upper - 2 * max(upper - default, 1.0), upper
    else:
        lo, hi = lower, upper
    step = (hi - lo) / (points - 1)
    if domain.lower is not None and domain.lower_open:
        lo += step
    if domain.upper is not None and domain.upper_open:
        hi -= step
    return lo, hi


# ---------------------------------------------------------------------------- Markdown helpers
def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell (``|`` escaped, one line)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in rows]
    return lines


def _number(value: Any) -> str:
    from trigame._numbers import format_number

    return format_number(value, 4)


def _flags(result: Any, what: str) -> str:
    text = "complete" if result.complete else "**not guaranteed complete**"
    if result.degenerate:
        text += (
            "; degenerate: a continuum of equilibria, the extreme points are listed" if what == "nash"
            else "; degenerate: mixtures of the listed choices are subgame-perfect too"
        )
    return text


_SPE_MARK = {True: "yes", False: "**no**", None: "undetermined (correlated mixture)"}


def _solution_lines(solution: ModelSolution) -> list[str]:
    lines: list[str] = []
    players = solution.nash.game.players
    if solution.subgame_perfect is not None:
        spes = solution.subgame_perfect
        lines += [f"{len(spes)} subgame-perfect equilibri{'um' if len(spes) == 1 else 'a'} "
                  f"({_flags(spes, 'spe')}):", ""]
        rows = []
        for k, spe in enumerate(spes, start=1):
            path = "; ".join(f"{' > '.join(p)} ({_number(q)})" if q != 1 else " > ".join(p)
                             for p, q in spe.outcomes.items())
            rows.append([k, spe.label(), path, ", ".join(f"{p} {_number(u)}" for p, u in zip(players, spe.payoffs))])
        lines += _table(["#", "behaviour at every information set", "path of play", "payoffs"], rows)
        lines.append("")
        scope = "pure " if solution.nash_scope == "pure" else ""
        if solution.differ:
            lines += [f"The {scope}Nash equilibria of the strategic form; those that are not subgame-perfect rest on "
                      "threats that would not be carried out:", ""]
        else:
            lines += [f"Every {scope}Nash equilibrium of the strategic form is subgame-perfect:", ""]
    nash = solution.nash
    if solution.nash_scope == "pure":
        lines += [f"{len(nash)} pure Nash equilibri{'um' if len(nash) == 1 else 'a'} (all the pure ones; "
                  f"`trigame solve {type(solution.model).__name__} --nash` lists the mixed ones too):", ""]
    else:
        lines += [f"{len(nash)} Nash equilibri{'um' if len(nash) == 1 else 'a'} ({_flags(nash, 'nash')}):", ""]
    header = ["#", "equilibrium", "payoffs"]
    if solution.subgame_perfect is not None:
        header.append("subgame-perfect")
    rows = []
    for k, eq in enumerate(nash, start=1):
        row: list[Any] = [k, eq.label(), ", ".join(f"{p} {_number(u)}" for p, u in zip(players, eq.payoffs))]
        if solution.subgame_perfect is not None:
            row.append(_SPE_MARK[solution.nash_is_subgame_perfect[k - 1]])
        rows.append(row)
    lines += _table(header, rows)
    notes = [] if solution.nash_scope == "pure" else list(nash.notes)
    notes += list(solution.subgame_perfect.notes) if solution.subgame_perfect else []
    lines += [""] + [f"> {note}" for note in notes] + ([""] if notes else [])
    return lines


def _short(solution: ModelSolution) -> str:
    """One line for the terminal: the equilibria, pure ones named."""
    if solution.subgame_perfect is not None:
        spes = solution.subgame_perfect
        scope = "pure " if solution.nash_scope == "pure" else ""
        text = f"{len(spes)} SPE"
        if solution.differ:
            others = sum(f is not True for f in solution.nash_is_subgame_perfect)
            text += f"; {len(solution.nash)} {scope}NE, {others} of them not subgame-perfect"
        return text
    pure = [eq.label() for eq in solution.nash if eq.is_pure]
    mixed = len(solution.nash) - len(pure)
    parts = [f"({p})" for p in pure] + ([f"{mixed} mixed"] if mixed else [])
    return f"{len(solution.nash)} NE: " + "; ".join(parts)


# ---------------------------------------------------------------------------- the report
def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")


def _values_text(model: Model, base: Model | None = None) -> str:
    values = model.values()
    if base is not None:
        reference = base.values()
        changed = {k: v for k, v in values.items() if v != reference[k]}
        options = {k: v for k, v in _options(model).items() if v != _options(base)[k]}
        parts = [f"{k} = {_number(v)}" for k, v in {**changed, **options}.items()]
        return ", ".join(parts) if parts else "the defaults"
    return ", ".join(f"{k} = {_number(v)}" for k, v in values.items())


def _options(model: Model) -> dict[str, Any]:
    getter = getattr(model, "option_values", None)
    if getter is None:
        return {}
    return {k: v for k, v in getter().items() if isinstance(v, bool)}


def _region_map(model: type[Model], out_dir: Path, resolution: int) -> tuple[str, list[tuple[str, float]], str]:
    """Draw the headline region map; return (file name, [(equilibrium set, share of the grid)], caption)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from trigame.statics import sweep

    parameters = {p.name: p for p in model.parameters()}
    x, y = headline(model)[:2]
    grid = {}
    for name in (x, y):
        lo, hi = map_range(parameters[name], resolution)
        grid[name] = np.linspace(lo, hi, resolution)
    result = sweep(model, grid=grid, progress=False)
    ax, note = draw_region_map(result, x, y)
    name = f"{_slug(model.__name__)}-{_slug(x)}-{_slug(y)}.png"
    ax.figure.savefig(out_dir / name, dpi=110, bbox_inches="tight")
    plt.close(ax.figure)
    # The map of a sequential model shows the outcomes (paths of play) of its equilibria; its table follows it.
    if model.strategies:
        codes, label_set = result.label_codes.ravel(), result.label_set
    else:
        codes, label_set = result.outcome_label_codes.ravel(), result.outcome_label_set
    shares = [(label, float((codes == k).mean())) for k, label in enumerate(label_set)]
    axes = (f"{x} from {_number(grid[x][0])} to {_number(grid[x][-1])}, {y} from {_number(grid[y][0])} to "
            f"{_number(grid[y][-1])} ({resolution} x {resolution} points); the other parameters at their defaults"
            + (f"; {note}" if note else ""))
    return name, shares, axes


def draw_region_map(result: Any, x: str, y: str) -> tuple[Any, str]:
    """``result.plot(x, y)`` with the symbolic boundaries; without them if deriving them fails.

    Returns the matplotlib Axes and a note on the boundaries (what was drawn,
    or why they were left out).
    """
    import matplotlib.pyplot as plt

    try:
        ax = result.plot(x, y)
    except Exception as exc:  # the symbolic overlay failed: the numerical map alone is still right
        plt.close("all")
        ax = result.plot(x, y, boundaries=False)
        return ax, f"symbolic boundaries not overlaid ({type(exc).__name__}: {' '.join(str(exc).split())})"
    return ax, "; ".join(getattr(ax, "trigame_notes", ()))


def _regime_lines(model: type[Model]) -> list[str]:
    """The model's regimes with their conditions (trigame.statics.regimes), as Markdown."""
    from trigame.statics import regimes

    found = regimes(model)
    what = "Nash" if found.kind == "nash" else "subgame-perfect"
    lines = [f"Every {what} equilibrium as a function of the parameters, with the condition (on the parameters' "
             "domains) under which it exists:", ""]
    rows = [[k, regime.label, f"`{regime.condition}`"] for k, regime in enumerate(found, start=1)]
    lines += _table(["#", "equilibrium", "exists when"], rows)
    lines += [""] + [f"> {_abridged(note)}" for note in found.notes]
    return lines


def _abridged(note: str, limit: int = 400) -> str:
    """A note cut to ``limit`` characters (long conditions are kept whole in ``regimes(...).notes``)."""
    note = " ".join(note.split())
    if len(note) <= limit:
        return note
    return note[:limit].rstrip() + " … (the full condition is in `trigame.statics.regimes(Model).notes`)"


@dataclasses.dataclass
class _Section:
    """One model's part of the report, computed in a worker process."""

    text: str
    summary_row: str
    echo_line: str
    problems: list[str]
    seconds: float


def _model_section(model_name: str, folder: Path, resolution: int) -> _Section:
    """Solve, analyse and draw one model; return its Markdown section (figures are written to ``folder``)."""
    import time

    start = time.process_time()
    use_offscreen_backend()
    model = find_model(model_name)
    problems: list[str] = []
    kind = "game tree" if is_sequential(model) else "strategic form"
    lines = [f"## {model.__name__}", "", f"*{summary_line(model)}*", ""]
    lines += [f"{model.title or model.__name__} ({kind}; players: {', '.join(model().players)}).", ""]
    lines += ["### Parameters", ""]
    lines += _table(["parameter", "default", "domain", "meaning"],
                    [[f"`{p.name}`", _number(p.default), str(p.domain), p.description] for p in model.parameters()])
    lines += ["", "### Equilibria", ""]
    points = instances(model)
    defaults = points["defaults"]
    first = ""
    for name, instance in points.items():
        solution = solve_model(instance, nash="pure")
        if name == "defaults":
            first = _short(solution)
            lines += ["#### At the defaults", "", _values_text(instance), ""]
        else:
            scenario = next(s for s in model.scenarios if s.name == name)
            lines += [f"#### Preset: {name}", "", f"Values: {_values_text(instance, defaults)}.", ""]
            if scenario.description:
                lines += [scenario.description, ""]
        lines += _solution_lines(solution)
    lines += ["### Regimes", ""]
    try:
        lines += _regime_lines(model)
    except Exception as exc:  # one model's failure must not cost the reader the rest of the report
        lines.append(f"The regimes could not be derived symbolically ({type(exc).__name__}: {_cell(exc)}).")
        problems.append(f"{model.__name__}: regimes: {type(exc).__name__}: {exc}")
    lines += ["", "### Region map", ""]
    try:
        figure, shares, axes = _region_map(model, folder, resolution)
    except Exception as exc:  # as above
        lines += [f"The region map could not be drawn ({type(exc).__name__}: {_cell(exc)}).", ""]
        problems.append(f"{model.__name__}: region map: {type(exc).__name__}: {exc}")
        figure = "no region map"
    else:
        lines += [f"![Region map of {model.__name__}]({figure})", "", f"{axes}.", ""]
        heading = "equilibrium set" if model.strategies else "outcomes of the equilibria"
        lines += _table([heading, "share of the map"], [[label, f"{share:.1%}"] for label, share in shares])
        lines.append("")
    presets = "; ".join(model.presets()) or "none"
    row = f"| [{model.__name__}](#{_slug(model.__name__)}) | {kind} | {_cell(first)} | {_cell(presets)} |"
    echo = f"{model.__name__}: {first}; {len(points) - 1} presets; {figure}"
    return _Section("\n".join(lines), row, echo, problems, time.process_time() - start)


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

    from trigame import __version__
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
        "equilibrium.  Regenerate with `trigame report`.",
        "",
        "| model | game | at the defaults | presets |",
        "|---|---|---|---|",
        *(section.summary_row for section in sections),
        "",
    ]
    path = folder / "report.md"
    path.write_text("\n".join(head) + "\n" + "\n".join(section.text for section in sections), encoding="utf-8")
    return path
