"""``trigame report``: the whole analysis of every model, written as Markdown with PNG region maps."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from trigame.cli.sweep import MAX_PICTURE_POINTS
from trigame.cli.values import CommandLineError
from trigame.errors import TrigameError


def _report_command(args: argparse.Namespace) -> int:
    import time

    from trigame.viz.report import write_report

    out = Path(args.out)
    side = math.isqrt(MAX_PICTURE_POINTS)
    if not 2 <= args.resolution <= side:
        raise CommandLineError(
            f"--resolution must be between 2 and {side} grid points per axis (a map has at most "
            f"{MAX_PICTURE_POINTS:,} points), got {args.resolution}"
        )
    if out.exists() and not out.is_dir():
        raise TrigameError(f"--out {str(out)!r} is a file; give a folder for the report")
    if not out.exists() and not out.parent.is_dir():
        raise TrigameError(f"cannot create {str(out)!r}: the folder {str(out.parent)!r} does not exist")
    problems: list[str] = []
    start = time.perf_counter()
    path = write_report(out, models=args.models or None, resolution=args.resolution, progress=args.progress,
                        echo=print, problems=problems)
    figures = sorted(p.name for p in path.parent.glob("*.png"))
    count = f"{len(figures)} figure{'' if len(figures) == 1 else 's'}"
    print(f"wrote {path} ({count}) in {time.perf_counter() - start:.0f} s")
    for problem in problems:
        print(f"trigame: warning: {' '.join(problem.split())}", file=sys.stderr)
    return 1 if problems else 0
