"""``trigame sweep``: a model solved over a grid of parameter values, drawn (PNG) or streamed as a table (CSV).

The grid, its memory and its disk are budgeted before anything is solved: a
picture must fit ``--max-memory`` whole, a CSV table is solved and written
block by block in bounded memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import re
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from trigame._numbers import parse_number
from trigame.cli.values import CommandLineError, _split_assignment, command_model, model_values, parse_range
from trigame.errors import BudgetExceededError, ParameterError, TrigameError

if TYPE_CHECKING:
    from trigame.models.base import Model

#: Grid points a sweep may have unless ``--max-points`` allows more.
DEFAULT_MAX_POINTS = 100_000_000

#: Grid points a picture (``sweep --out FILE.png``) may have: more than its pixels show (2000 x 2000).
MAX_PICTURE_POINTS = 4_000_000

#: Columns of the CSV written by ``trigame sweep ... --out FILE.csv`` after the swept parameters.
SWEEP_COLUMNS = ("equilibrium", "set_label", "kind", "unit", "choice", "probability", "payoff")


def _writable(path: Path, suffixes: Sequence[str]) -> Path:
    if path.suffix.lower() not in suffixes:
        raise CommandLineError(f"--out must end in {' or '.join(suffixes)}, got {str(path)!r}")
    folder = path.parent
    if not folder.is_dir():
        raise TrigameError(f"cannot write {str(path)!r}: the folder {str(folder)!r} does not exist")
    if path.is_dir():
        raise TrigameError(f"cannot write {str(path)!r}: it is a folder")
    return path


@dataclasses.dataclass(frozen=True)
class _Axis:
    """One swept parameter: ``n`` evenly spaced floats from ``lo`` to ``hi``, built slice by slice.

    :meth:`values` gives exactly the numbers of ``numpy.linspace(lo, hi, n)[start:stop]``
    without building the whole array, so a grid is never larger in memory than the slice solved.
    """

    name: str
    lo: float
    hi: float
    n: int

    def values(self, start: int = 0, stop: int | None = None) -> Any:
        import numpy as np

        stop = self.n if stop is None else stop
        delta = self.hi - self.lo
        step = delta / (self.n - 1)
        out = np.arange(start, stop, dtype=np.float64)
        if step == 0:  # as numpy.linspace does for denormal steps
            out /= self.n - 1
            out *= delta
        else:
            out *= step
        out += self.lo
        if stop == self.n and stop > start:
            out[-1] = self.hi
        return out

    def picks(self, count: int) -> Any:
        """About ``count`` values spread over the axis, both ends included (for a probe of the grid)."""
        import numpy as np

        index = np.unique(np.linspace(0, self.n - 1, min(count, self.n)).round().astype(np.int64))
        return np.concatenate([self.values(int(k), int(k) + 1) for k in index])


def _sweep_axes(model_cls: type[Model], specs: Sequence[str]) -> list[_Axis]:
    """The swept axes from ``name=lo:hi:n`` specifications, checked against the domains (no array is built)."""
    parameters = {p.name: p for p in model_cls.parameters()}
    axes: list[_Axis] = []
    for option, text in zip(("--x", "--y"), specs):
        name, lo, hi, n = parse_range(text, option)
        if name not in parameters:
            raise ParameterError(
                f"{model_cls.__name__} has no parameter {name!r}; its parameters are: {', '.join(parameters)}"
            )
        if any(axis.name == name for axis in axes):
            raise CommandLineError(f"--x and --y sweep the same parameter {name!r}; choose two different ones")
        domain = parameters[name].domain
        for end in (lo, hi):
            if not domain.contains(end):
                raise ParameterError(f"{model_cls.__name__}: {option} {name} = {end} is outside its domain {domain}")
        low, high = float(lo), float(hi)
        if not low < high:
            raise CommandLineError(f"{option} {name}: {lo} and {hi} are the same number in floating point")
        axes.append(_Axis(name, low, high, n))
    return axes


def _blocks(axes: Sequence[_Axis], size: int) -> Any:
    """Rectangular blocks of at most ``size`` grid points, in the grid's row-major order: index ranges per axis."""
    if len(axes) == 1:
        n = axes[0].n
        for start in range(0, n, size):
            yield [(start, min(start + size, n))]
        return
    nx, ny = axes[0].n, axes[1].n
    if ny <= size:
        rows = size // ny
        for start in range(0, nx, rows):
            yield [(start, min(start + rows, nx)), (0, ny)]
        return
    for row in range(nx):
        for start in range(0, ny, size):
            yield [(row, row + 1), (start, min(start + size, ny))]


#: Memory of a picture beyond its grid: matplotlib's figure, and per grid point (image, labels).
_PICTURE_BYTES, _PICTURE_PER_POINT = 64 * 2**20, 256


@dataclasses.dataclass(frozen=True)
class _SweepSize:
    """What one grid point costs, from the model's shape and a probe of a few points of the grid."""

    work: int  # working memory per point of the chunk being solved
    stored: int  # memory per point of a whole sweep result
    table: int  # working memory per point of the CSV table being written
    text: float  # bytes of CSV text per point


def _sweep_size(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], selection: str) -> _SweepSize:
    """Solve a probe of at most 5 x 5 points spread over the grid, and scale what it takes to the grid."""
    from trigame.statics import sweep
    from trigame.statics.sweep._grid import _WORK_PER_POINT, _route  # how sweep solves the model, its working memory

    probe = sweep(model_cls, grid={a.name: a.picks(5) for a in axes}, fixed=fixed, selection=selection,
                  progress=False)
    points = math.prod(probe.shape)
    text = len(probe.to_pandas().to_csv(index=False).encode()) / points
    k, units, actions = probe.probabilities.shape[-3:]
    paths = len(probe.paths)
    route = _route(model_cls(**{**probe.base, **{a.name: a.lo for a in axes}}))[0]
    # Codes, counts and flags; then float64 probabilities, payoffs and outcome probabilities of K equilibria,
    # twice: the result's arrays are copied when a chunk needs a wider K.
    stored = 2 * (11 + 8 * max(k, 1) * (units * actions + len(probe.players) + paths))
    return _SweepSize(work=_WORK_PER_POINT[route], stored=stored,
                      table=int(6 * text) + stored, text=text)


def _parse_bytes(text: str) -> int:
    """``--max-memory`` values: bytes, or a number with K, M, G or T (powers of 1024): ``512M``, ``4G``, ``1.5GiB``."""
    match = re.fullmatch(r"\s*([0-9]{1,15}(?:\.[0-9]{1,6})?)\s*([KMGT]?)(?:I?B)?\s*", text.upper(), re.ASCII)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M, 4G or 1500000000, got {text!r}")
    value = int(Fraction(match.group(1)) * 1024 ** " KMGT".index(match.group(2) or " "))
    if value < 1:
        raise argparse.ArgumentTypeError(f"the size must be at least one byte, got {text!r}")
    return value


def _parse_count(text: str) -> int:
    """``--max-points`` values: a positive integer (``1000000``, or ``1e9``)."""
    try:
        value = parse_number(text, "--max-points")
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not isinstance(value, int) or value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _refuse(exc: BudgetExceededError, way_out: str) -> NoReturn:
    raise BudgetExceededError(f"{exc}, or {way_out}") from None


def _stream_csv(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], args: argparse.Namespace,
                out: Path, size: _SweepSize, budget: int) -> dict[str, int]:
    """Write the tidy table block by block, in bounded memory; return the number of points of each label."""
    import os
    import shutil

    from trigame._progress import Progress
    from trigame.budget import check_memory, format_bytes
    from trigame.statics import sweep

    total = math.prod(a.n for a in axes)
    per_point = size.table + size.work
    try:
        check_memory(per_point, "one grid point of the table", option="--max-memory", limit=budget)
    except BudgetExceededError as exc:
        _refuse(exc, "sweep a model with fewer equilibria")
    block = max(1, min(1 << 17, budget // 2 // per_point))
    needed = 1.2 * total * size.text  # a probe's numbers are shorter than most (0.5 against 0.30000000000000004)
    free = shutil.disk_usage(out.parent).free
    if needed > free:
        raise BudgetExceededError(
            f"the table of {total:,} grid points needs about {format_bytes(needed)} of disk, more than the "
            f"{format_bytes(free)} free in {str(out.parent)!r}; sweep fewer points"
        )
    counts: dict[str, int] = {}
    partial = out.with_name(out.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle, \
                Progress(total, f"sweep {model_cls.__name__}", enabled=args.progress) as bar:
            first = True
            for ranges in _blocks(axes, block):
                grid = {a.name: a.values(start, stop) for a, (start, stop) in zip(axes, ranges)}
                result = sweep(model_cls, grid=grid, fixed=fixed, selection=args.selection, progress=False,
                               chunk_size=block, max_memory=max(budget, 1))
                result.to_pandas().to_csv(handle, header=first, index=False)
                first = False
                tally = _tally(result)
                for label, n in tally.items():
                    counts[label] = counts.get(label, 0) + n
                bar.update(math.prod(result.shape))
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


def _tally(result: Any) -> dict[str, int]:
    """Points of each equilibrium-set label of a sweep result, labels in order of first appearance."""
    import numpy as np

    found = np.bincount(result.label_codes.ravel(), minlength=len(result.label_set))
    return {label: int(n) for label, n in zip(result.label_set, found.tolist())}


def _draw(model_cls: type[Model], axes: Sequence[_Axis], fixed: dict[str, Any], args: argparse.Namespace,
          out: Path, size: _SweepSize, budget: int) -> dict[str, int]:
    """Sweep the whole grid and draw the region map (two axes) or the outcome curves (one)."""
    from trigame.budget import check_memory
    from trigame.statics import sweep

    total = math.prod(a.n for a in axes)
    picture = f"a {'region map' if len(axes) == 2 else 'picture of outcome curves'} of {total:,} grid points"
    if total > MAX_PICTURE_POINTS:
        raise BudgetExceededError(
            f"{picture} is more than a picture can show; draw at most "
            f"{MAX_PICTURE_POINTS:,} points (e.g. 2000 x 2000), or write the table with --out FILE.csv, which streams"
        )
    chunk = max(1, min(1 << 17, budget // 4 // size.work))
    estimate = total * (size.stored + _PICTURE_PER_POINT) + min(total, chunk) * size.work + _PICTURE_BYTES
    try:
        check_memory(estimate, picture, option="--max-memory", limit=budget)
    except BudgetExceededError as exc:
        _refuse(exc, "sweep fewer points, or write the table with --out FILE.csv, which streams")
    result = sweep(model_cls, grid={a.name: a.values() for a in axes}, fixed=fixed, selection=args.selection,
                   progress=args.progress, chunk_size=chunk, max_memory=max(budget, 1))
    from trigame.viz.figures import use_offscreen_backend

    use_offscreen_backend()
    import matplotlib.pyplot as plt

    from trigame.viz.report import draw_region_map

    names = [a.name for a in axes]
    if len(names) == 2:
        ax, note = draw_region_map(result, names[0], names[1])
        if note.startswith("symbolic boundaries not overlaid"):
            print(f"trigame: warning: {note}", file=sys.stderr)
    else:
        ax = result.plot(names[0])
    ax.figure.savefig(out, dpi=120, bbox_inches="tight")
    plt.close(ax.figure)
    return _tally(result)


def _refuse_kind(model_cls: type[Model]) -> None:
    """A repeated or continuous model has no grid of finite games to solve: say where its maps are."""
    from trigame.viz.catalogue import game_kind

    kind = game_kind(model_cls)
    name = model_cls.__name__
    if kind == "repeated game":
        raise CommandLineError(f"trigame sweep solves finite games and {name} is a repeated game: 'trigame regimes "
                               f"{name}' gives each profile's exact condition, and 'trigame report --models {name}' "
                               "draws their map")
    if kind == "continuous game":
        raise CommandLineError(f"trigame sweep solves finite games and {name} is a continuous game: 'trigame regimes "
                               f"{name}' gives its binding patterns, and 'trigame report --models {name}' draws "
                               "their map and the levels")


def _sweep_command(args: argparse.Namespace) -> int:
    from trigame.budget import memory_budget
    model_cls = command_model(args.model, "sweep")
    _refuse_kind(model_cls)
    out = _writable(Path(args.out), (".png", ".csv"))
    axes = _sweep_axes(model_cls, [args.x] + ([args.y] if args.y else []))
    swept = {a.name for a in axes}
    for text in args.set or ():
        name = _split_assignment(text, "--set")[0]
        if name in swept:
            raise CommandLineError(f"{name} is swept by --x/--y; do not --set it too")
    # A preset's value of a swept parameter gives way to the sweep.
    fixed = {k: v for k, v in model_values(model_cls, args.set or (), args.preset).items() if k not in swept}
    total = math.prod(a.n for a in axes)
    if total > args.max_points:
        raise BudgetExceededError(
            f"the sweep has {total:,} grid points, over the budget of {args.max_points:,}; sweep fewer points, "
            "or pass --max-points=... to allow more"
        )
    budget = memory_budget(args.max_memory)
    size = _sweep_size(model_cls, axes, fixed, args.selection)
    write = _stream_csv if out.suffix.lower() == ".csv" else _draw
    counts = write(model_cls, axes, fixed, args, out, size, budget)
    print(f"wrote {out}: {model_cls.__name__} over {' x '.join(f'{a.name} ({a.n} values)' for a in axes)}, "
          f"{total} points; share of the grid of each equilibrium set:")
    for label, n in counts.items():
        print(f"  {n / total:7.1%}  {label}")
    return 0
