"""Fresh result arrays of a batch or a sweep, allocated so that writing them costs what the writes cost.

NumPy asks Linux for transparent huge pages on every array of 4 MiB or more
(``madvise(MADV_HUGEPAGE)``).  Where the kernel compacts memory on demand to
find them (the ``defrag = madvise`` default), the first write to each fresh
2 MiB page of a result array can stall: measured on the 2-core development
machine, filling a new 216 MB array took 0.47 s once and 0.05 s the next
time, against 0.07 s, steadily, without the advice.  The results of a batch
or a sweep are written once, chunk by chunk, and never benefit from huge
pages, so :func:`fresh` allocates them without the advice (NumPy's own switch,
restored at once; where a NumPy lacks it, a plain ``numpy.empty``).
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

_LOCK = threading.Lock()


def _switch() -> Any:
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


def fresh(shape: tuple[int, ...], dtype: Any = np.float64, fill: Any = None) -> np.ndarray:
    """An uninitialised array (``fill``: filled with it) allocated without the huge-page advice."""
    switch = _switch()
    if switch is None:
        array = np.empty(shape, dtype=dtype)
    else:
        with _LOCK:
            previous = switch(False)
            try:
                array = np.empty(shape, dtype=dtype)
            finally:
                switch(previous)
    if fill is not None:
        array.fill(fill)
    return array
