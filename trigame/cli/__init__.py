"""The ``trigame`` command.

Commands (``trigame COMMAND --help`` explains each)::

    trigame report [--out DIR]                       the whole analysis of every model, as Markdown + PNG
    trigame models                                   the models, one line each
    trigame describe MODEL                           a model's game, parameters, sources and presets
    trigame solve MODEL [--set name=value ...] [--preset NAME] [--exact|--float] [--json] [--nash]
    trigame solve FILE.nfg|FILE.efg [--method M] [--exact|--float] [--json]
    trigame regimes MODEL [--set name=value ...] [--preset NAME] [--latex] [--json]
    trigame sweep MODEL --x name=lo:hi:n [--y name=lo:hi:n] [--set ...] --out FILE.png|FILE.csv
                  [--max-points N] [--max-memory SIZE]
    trigame examples                                 the game files shipped with trigame

Values on the command line are numbers, never code: integers (``3``),
decimals (``0.25``, read exactly as 1/4) or fractions (``2/3``), of bounded size
(:func:`trigame._numbers.parse_number`: at most 400 digits, exponents within
400, sizes up to 1e300).  Every error the user can cause -- an unknown model,
parameter or preset, a value outside its domain or too large, a malformed
``--set`` or range, a missing, unreadable or unwritable file, a request beyond a
budget (grid points, memory, disk) -- ends in a one-line message on stderr and
exit status 2.  A CSV sweep streams: it is solved and written block by block in
bounded memory.

The ``--json`` schemas (``trigame.equilibria/1``, ``trigame.tree-equilibria/1``,
``trigame.model-equilibria/1``, ``trigame.regimes/1``) are documented in
``docs/reference/json-schema.md``.  In all of them probabilities and payoffs are
JSON numbers, except exact non-integers, which are strings ``"p/q"`` (with
``--exact``) so that no precision is lost.

Examples
--------
>>> main(["solve", "quasi_alliance", "--set", "fear_japan=1", "--set", "fear_rok=1", "--exact"])
QuasiAlliance: Japan and South Korea, two quasi-allies, choose cooperation or friction (Cha 1999).
...
3 Nash equilibria (method closed_form; complete)
  1. Japan: Cooperate, South Korea: Cooperate
...
0
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Sequence

from trigame._numbers import parse_number
from trigame.cli.output import JSON_SCHEMA, JSON_SCHEMA_MODEL, JSON_SCHEMA_REGIMES, JSON_SCHEMA_TREE
from trigame.cli.parser import build_parser
from trigame.cli.values import CommandLineError as CommandLineError
from trigame.cli.values import bundled_games, find_preset, model_values, parse_range
from trigame.errors import TrigameError

__all__ = [
    "JSON_SCHEMA",
    "JSON_SCHEMA_MODEL",
    "JSON_SCHEMA_REGIMES",
    "JSON_SCHEMA_TREE",
    "build_parser",
    "bundled_games",
    "find_preset",
    "main",
    "model_values",
    "parse_number",
    "parse_range",
]


def _printable(text: str) -> str:
    """``text``, with ASCII stand-ins (``<=``, ``mu``, ``"``) where standard output cannot encode it."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        from trigame.statics.conditions import ascii_text

        text = ascii_text(text).encode("ascii", errors="replace").decode("ascii")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trigame`` command with the arguments ``argv``; return the exit status.

    Bad input (a :class:`~trigame.errors.TrigameError`, a budget exceeded, an
    unreadable or unwritable file, an unknown option) prints one line on stderr
    and returns 2; an unexpected failure (a bug) prints one line and returns 1.
    ``solve``, ``regimes``, ``describe``, ``models`` and ``examples`` compute
    their whole answer before printing any of it.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, and option errors (already printed in one line)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if not getattr(args, "buffered", False):
            return int(args.handler(args))
        # Everything is solved and formatted before the first line is printed: an error never follows half an answer.
        with contextlib.redirect_stdout(io.StringIO()) as text:
            status = int(args.handler(args))
        sys.stdout.write(_printable(text.getvalue()))
        sys.stdout.flush()
        return status
    except TrigameError as exc:
        message = " ".join(str(exc).split())
        print(f"trigame: error: {message}", file=sys.stderr)
        return 2
    except MemoryError as exc:  # an allocation no budget foresaw: a request too large for this machine
        message = " ".join(str(exc).split()) or "an allocation failed"
        print(f"trigame: error: out of memory ({message}); ask for less (a smaller game, fewer grid points)",
              file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"trigame: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("trigame: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line, and a different exit status
        message = " ".join(str(exc).split())
        print(f"trigame: internal error (please report it): {type(exc).__name__}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
