"""The progress bar of long sweeps, support enumeration and the report: tqdm behind one on/off rule.

The bar itself is tqdm's (``tqdm.auto``, so a notebook that asks for a bar
gets a widget; plain ``tqdm`` when a stream is given).  This wrapper exists so
that every caller shares one rule for when to draw and one error on bad input:
``enabled=None`` (the default) draws when standard error (or the given stream)
is an interactive terminal, so scripts, notebooks run by the test suite and CI
logs stay quiet; ``enabled=True`` forces the bar, ``False`` turns it off, and
anything else raises :class:`~trigame.errors.TrigameError`.  tqdm is imported
only when a bar is drawn.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> with Progress(4, "solving", enabled=True, stream=out, interval=0) as bar:
...     for _ in range(4):
...         bar.update(1)
>>> last = out.getvalue().split("\\r")[-1]
>>> last.startswith("solving: 100%|") and "4/4" in last
True
>>> Progress(10, enabled=None, stream=io.StringIO()).enabled   # not a terminal: off
False
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO

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
    """A progress bar over ``total`` units of work, drawn by tqdm when :func:`wanted`.

    Parameters
    ----------
    total : int
        The amount of work (e.g. grid points).
    label : str, default ""
        Shown before the bar.
    enabled : bool or None, default None
        True draws, False does not, None draws when ``stream`` is a terminal.
    stream : text stream, optional
        Where to draw; standard error by default (a widget in a notebook).
    width : int or None, default None
        Characters in the bar itself; None lets tqdm fit the bar to the line.
    interval : float, default 0.1
        Least time in seconds between redraws (the last state is always drawn).

    Raises
    ------
    TrigameError
        When ``enabled`` is not True, False or None.
    """

    def __init__(
        self,
        total: int,
        label: str = "",
        *,
        enabled: bool | None = None,
        stream: TextIO | None = None,
        width: int | None = None,
        interval: float = 0.1,
    ) -> None:
        self.total = max(int(total), 0)
        self.label = label
        self.enabled = wanted(enabled, stream)
        self.done = 0
        self._bar: Any = None
        if self.enabled:
            options: dict[str, Any] = {"total": self.total, "desc": label or None, "mininterval": interval,
                                       "disable": False, "dynamic_ncols": True}
            if width is not None:
                options["bar_format"] = f"{{l_bar}}{{bar:{int(width)}}}{{r_bar}}"
            if stream is None:
                from tqdm.auto import tqdm
            else:
                from tqdm import tqdm

                options["file"] = stream
            self._bar = tqdm(**options)

    def update(self, amount: int = 1) -> None:
        """Record ``amount`` more units of finished work and redraw if due."""
        self.done += int(amount)
        if self._bar is not None:
            self._bar.update(int(amount))

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
