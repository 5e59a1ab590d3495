"""Work and memory budgets: every solver states how much it may do, and stops cleanly past it.

A complete equilibrium solver can be asked for exponential work (support
enumeration of a degenerate 36x64 game, a strategic form with 2^40 pure
profiles, a sweep of 10^9 points).  trigame never lets such a request end in an
out-of-memory kill or an unannounced hang.  Each solver documents its budget as
keyword options with defaults that fit a laptop, and checks it with the two
helpers below **before** the work or the allocation happens:

* :func:`check_memory` refuses an allocation whose size estimate exceeds the
  budget (by default :data:`DEFAULT_MAX_BYTES`, never more than the memory the
  machine has available), raising :class:`~trigame.errors.BudgetExceededError`
  with the estimate and the option that raises the budget;
* :class:`WorkBudget` counts units of work (pivots, support profiles, nodes)
  and raises :class:`~trigame.errors.BudgetExceededError` when the count passes
  its limit.  A solver that can still say something useful catches it and
  returns its partial result with ``complete=False`` and a note.

Work is counted, never timed, so a result never depends on the speed of the
machine.

Examples
--------
>>> from trigame.errors import BudgetExceededError
>>> budget = WorkBudget(3, what="the search", unit="steps", option="max_steps")
>>> for _ in range(3):
...     budget.spend()
>>> budget.spend()
Traceback (most recent call last):
...
trigame.errors.BudgetExceededError: the search passed its budget of 3 steps; pass max_steps=... to allow more
>>> try:
...     check_memory(10 * 2**30, "the table", limit=2**30)
... except BudgetExceededError as error:
...     print(str(error).split("; ")[0])
the table needs about 10.0 GiB, over the budget of 1.0 GiB
"""

from __future__ import annotations

import os

from trigame.errors import BudgetExceededError, ParameterError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "WorkBudget",
    "available_memory",
    "check_limit",
    "check_memory",
    "format_bytes",
    "memory_budget",
]

#: Default memory budget of one request (2 GiB), lowered to the memory the machine has available.
DEFAULT_MAX_BYTES = 2 * 2**30


def format_bytes(n_bytes: float) -> str:
    """A byte count for a person: ``'1.5 GiB'``, ``'320.0 MiB'``."""
    value = float(n_bytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(value) < 1024 or unit == "PiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


#: A reading of the available memory serves this many requests before the system is asked again.
_READING_USES = 32
#: The last reading of the available memory, and how many more requests it may serve.
_reading: dict[str, int | None] = {"bytes": None}
_uses_left = [0]


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation, or ``None`` where the system does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return None


def check_limit(value: object, option: str, *, allow_none: bool = True) -> int | None:
    """Validate a budget option: a positive integer (or ``None`` for no limit when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        allowed = "a positive integer or None" if allow_none else "a positive integer"
        raise ParameterError(f"{option} must be {allowed}, got {value!r}")
    return value


def memory_budget(limit: int | None = None) -> int:
    """The memory budget in bytes: ``limit`` (default :data:`DEFAULT_MAX_BYTES`), capped by what is available."""
    budget = DEFAULT_MAX_BYTES if limit is None else check_limit(limit, "max_memory", allow_none=False)
    assert budget is not None
    available = _recent_available_memory()
    if available is not None:
        budget = min(budget, max(available - 256 * 2**20, 0))
    return budget


def _recent_available_memory() -> int | None:
    """:func:`available_memory`, read again every :data:`_READING_USES` requests.

    Reading ``/proc/meminfo`` costs about as much as solving a 2x2 game, so small solves in a
    loop share one reading; a decision close to the limit asks for a fresh one (:func:`check_memory`).
    """
    if _uses_left[0] <= 0:
        _reading["bytes"] = available_memory()
        _uses_left[0] = _READING_USES
    _uses_left[0] -= 1
    return _reading["bytes"]


def check_memory(
    n_bytes: float,
    what: str,
    *,
    option: str = "max_memory",
    limit: int | None = None,
    remedy: str | None = None,
) -> None:
    """Raise :class:`~trigame.errors.BudgetExceededError` if ``what`` needs more than the memory budget.

    ``n_bytes`` is the caller's estimate of the peak allocation; ``option`` names
    the keyword (or command-line flag) that raises the budget, and ``remedy``,
    when given, replaces the advice to pass it (for callers without such an option).
    """
    budget = memory_budget(limit)
    if n_bytes > budget // 8:  # not far below the limit: decide on a fresh reading of the memory available
        _uses_left[0] = 0
        budget = memory_budget(limit)
    if n_bytes > budget:
        advice = remedy if remedy is not None else f"pass {option}=... to allow more"
        raise BudgetExceededError(
            f"{what} needs about {format_bytes(n_bytes)}, over the budget of {format_bytes(budget)}; {advice}"
        )


class WorkBudget:
    """A counter of work units with a limit; :meth:`spend` raises once the limit is passed.

    Parameters
    ----------
    limit
        The most units allowed, or ``None`` for no limit.
    what
        The computation, for the message (``"support enumeration"``).
    unit
        The unit counted, plural (``"pivots"``).
    option
        The keyword option that sets ``limit``.
    """

    __slots__ = ("limit", "option", "spent", "unit", "what")

    def __init__(self, limit: int | None, *, what: str, unit: str, option: str) -> None:
        self.limit = check_limit(limit, option)
        self.what = what
        self.unit = unit
        self.option = option
        self.spent = 0

    def spend(self, units: int = 1) -> None:
        """Count ``units`` of work; raise :class:`~trigame.errors.BudgetExceededError` past the limit."""
        self.spent += units
        if self.limit is not None and self.spent > self.limit:
            raise BudgetExceededError(self.message())

    @property
    def exhausted(self) -> bool:
        """Whether more than ``limit`` units have been spent."""
        return self.limit is not None and self.spent > self.limit

    def message(self) -> str:
        """The sentence that says which budget ran out and how to raise it."""
        return f"{self.what} passed its budget of {self.limit} {self.unit}; pass {self.option}=... to allow more"
