"""A Numba kernel compiled on first use, and when a solver should ask for it.

Importing Numba (and compiling a kernel, the first time on a machine) takes seconds, far more
than a few small games cost on the pure path; a process that solves one or two games should
not pay it.  A :class:`LazyKernel` is therefore used once it is loaded, or once Numba is
imported anyway, or after ``warm_up`` requests.  The answers are the same either way: every
compiled path is pinned against its pure twin by the tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

__all__ = ["LazyKernel"]


class LazyKernel:
    """``compile()`` run once, on the first :meth:`load`; None when it fails (no Numba, or one that cannot compile).

    Parameters
    ----------
    compile : callable
        Builds and returns the compiled kernel (imports Numba).
    warm_up : int
        Requests answered "not yet" by :meth:`wanted` before the kernel is loaded, unless Numba
        is already imported.
    """

    def __init__(self, compile: Callable[[], Any], warm_up: int) -> None:
        self._compile = compile
        self.warm_up = warm_up
        self.kernel: Any = None
        self.tried = False
        self.asked = 0

    def load(self) -> Any:
        """The compiled kernel, or None when Numba is not available."""
        if not self.tried:
            self.tried = True
            try:
                self.kernel = self._compile()
            except Exception:  # no Numba, or a Numba that cannot compile this: the pure path runs instead
                self.kernel = None
        return self.kernel

    def wanted(self) -> bool:
        """Whether to use the kernel now: once loaded, or Numba imported, or after ``warm_up`` requests."""
        if self.kernel is not None or "numba" in sys.modules:
            return True
        self.asked += 1
        return self.asked > self.warm_up

    def disable(self) -> None:
        """Never load the kernel in this process (the path of an installation without Numba)."""
        self.tried, self.kernel = True, None
