"""A dependency-free progress bar on standard error, for long sweeps and the report command.

The bar is drawn only when it is wanted: ``enabled=None`` (the default) draws
it when standard error is an interactive terminal, so scripts, notebooks run by
the test suite and CI logs stay quiet; ``enabled=True`` forces it, ``False``
turns it off.  It redraws at most every ``interval`` seconds.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> with Progress(4, "solving", enabled=True, stream=out, interval=0) as bar:
...     for _ in range(4):
...         bar.update(1)
>>> out.getvalue().splitlines()[-1].startswith("solving 100% |")
True
>>> Progress(10, enabled=None, stream=io.StringIO()).enabled   # not a terminal: off
False
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress", "wanted"]


def wanted(enabled: bool | None, stream: TextIO | None = None) -> bool:
    """Whether to draw: ``enabled`` if given, else whether ``stream`` (default stderr) is a terminal."""
    if enabled is not None:
        if not isinstance(enabled, bool):
            from trigame.errors import TrigameError

            raise TrigameError(f"progress must be True, False or None, got {enabled!r}")
        return enabled
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):  # a closed or detached stream
        return False


class Progress:
    """A text progress bar: ``label  42% |#########-----------| 420/1000 [3.1s<4.3s]``.

    Parameters
    ----------
    total : int
        The amount of work (e.g. grid points).
    label : str, default ""
        Shown before the bar.
    enabled : bool or None, default None
        True draws, False does not, None draws when ``stream`` is a terminal.
    stream : text stream, optional
        Where to draw; standard error by default.
    width : int, default 30
        Characters in the bar.
    interval : float, default 0.1
        Least time in seconds between redraws (the last state is always drawn).
    """

    def __init__(
        self,
        total: int,
        label: str = "",
        *,
        enabled: bool | None = None,
        stream: TextIO | None = None,
        width: int = 30,
        interval: float = 0.1,
    ) -> None:
        self.total = max(int(total), 0)
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.enabled = wanted(enabled, self.stream)
        self.width = width
        self.interval = interval
        self.done = 0
        self._start = time.perf_counter()
        self._last = -float("inf")

    def update(self, amount: int = 1) -> None:
        """Record ``amount`` more units of finished work and redraw if due."""
        self.done = min(self.done + int(amount), self.total) if self.total else self.done + int(amount)
        if self.enabled and (time.perf_counter() - self._last >= self.interval or self.done >= self.total):
            self._draw()

    def _draw(self) -> None:
        now = time.perf_counter()
        self._last = now
        elapsed = now - self._start
        fraction = self.done / self.total if self.total else 1.0
        filled = round(fraction * self.width)
        remaining = elapsed * (1 - fraction) / fraction if fraction > 0 else float("nan")
        eta = f"<{remaining:.1f}s" if fraction < 1 and remaining == remaining else ""
        prefix = f"{self.label} " if self.label else ""
        line = (
            f"{prefix}{fraction:4.0%} |{'#' * filled}{'-' * (self.width - filled)}| "
            f"{self.done}/{self.total} [{elapsed:.1f}s{eta}]"
        )
        self.stream.write("\r" + line)
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
