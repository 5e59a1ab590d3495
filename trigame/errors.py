"""Exceptions raised by trigame.

Every error trigame raises on purpose derives from :class:`TrigameError`, so
``except tg.TrigameError`` catches all of them.  The subclasses that describe bad
input also derive from :class:`ValueError` (or :class:`TypeError` for values of
the wrong kind), so code written against the standard exceptions keeps working.
"""

from __future__ import annotations

__all__ = [
    "BudgetExceededError",
    "EFGFormatError",
    "GameShapeError",
    "LabelError",
    "MethodError",
    "MissingDependencyError",
    "NFGFormatError",
    "ParameterError",
    "PayoffTypeError",
    "PayoffValueError",
    "ProfileError",
    "SolverError",
    "TreeError",
    "TrigameError",
    "UnsupportedGameError",
]


class TrigameError(Exception):
    """Base class of every error raised by trigame."""


class GameShapeError(TrigameError, ValueError):
    """Payoffs are ragged, or their shape does not match the players and strategies."""


class PayoffValueError(TrigameError, ValueError):
    """A payoff is NaN or infinite."""


class PayoffTypeError(TrigameError, TypeError):
    """A payoff is not a number (nor a SymPy expression)."""


class LabelError(TrigameError, ValueError):
    """Player names or strategy labels have the wrong number or repeat."""


class ProfileError(TrigameError, ValueError):
    """A strategy profile is not a tuple of probability vectors of the right lengths."""


class ParameterError(TrigameError, ValueError):
    """An unknown parameter name or an out-of-domain parameter value."""


class MethodError(TrigameError, ValueError):
    """An unknown solver method, or a method that does not fit the game."""


class UnsupportedGameError(TrigameError, ValueError):
    """The operation does not apply to this kind of game (e.g. symbolic payoffs)."""


class SolverError(TrigameError, RuntimeError):
    """A solver could not finish (e.g. a limit on work was reached)."""


class BudgetExceededError(SolverError, MemoryError):
    """A computation would exceed its documented work or memory budget.

    Raised *before* the work or the allocation happens, with the estimate, the
    budget and the option that raises it, so a request never ends in an
    out-of-memory kill or a hang.  It is also a :class:`MemoryError`, so code
    that guards against memory exhaustion keeps working.
    """


class NFGFormatError(TrigameError, ValueError):
    """A Gambit ``.nfg`` file (or string) is malformed."""


class EFGFormatError(TrigameError, ValueError):
    """A Gambit ``.efg`` file (or string) is malformed."""


class TreeError(TrigameError, ValueError):
    """A game tree is malformed; the message names the offending node."""


class MissingDependencyError(TrigameError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""
