"""Box strategies of continuous games: a player who chooses several levels at once.

A player's strategy set in :class:`~trigame.games.continuous.ContinuousGame` is an
interval ``(low, high)`` or a *box*, a product of intervals, given either

* as a tuple of intervals, ``((low1, high1), (low2, high2))``: the coordinates are
  named ``"<player>[0]"``, ``"<player>[1]"``, ... and the player's level is a tuple
  (the payoff function reads ``x[player][0]``); or
* as a mapping of named coordinates, ``{"army": (0, None), "navy": (0, 10)}``: the
  coordinates are named ``"<player>.army"``, ... and the level is a mapping
  (``x[player]["army"]``).

Each coordinate is an interval with its own SymPy symbol (real, named after the
coordinate).  The solvers work on coordinates: a box game *flattened* into an
interval game whose "players" are the coordinates, each with its owner's payoff,
has as its equilibria exactly the profiles where every coordinate satisfies its own
first-order and complementary-slackness conditions -- the KKT conditions of the box
game; the global check then treats each player's box as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame._numbers import short_repr
from trigame.errors import GameShapeError, LabelError, ProfileError

__all__ = ["coordinate_names", "is_box", "read_box_level", "structure"]


def is_box(spec: Any) -> bool:
    """Whether a strategy specification is a box (several intervals) rather than one interval."""
    if isinstance(spec, Mapping):
        return True
    if isinstance(spec, (str, bytes)) or not isinstance(spec, Sequence) or not spec:
        return False
    return all(isinstance(s, Sequence) and not isinstance(s, (str, bytes)) for s in spec)


def coordinate_names(player: str, spec: Any) -> tuple[tuple[str, ...], tuple[Any, ...], bool]:
    """The full coordinate names, the coordinates' keys (names or indices) and whether they are named."""
    if isinstance(spec, Mapping):
        keys = tuple(spec)
        if not keys:
            raise GameShapeError(f"the box of {player} has no coordinates")
        for key in keys:
            if not isinstance(key, str) or not key or not key.strip():
                raise LabelError(f"the coordinates of {player}'s box must be nonempty strings, got {short_repr(key)}")
        return tuple(f"{player}.{k}" for k in keys), keys, True
    keys = tuple(range(len(spec)))
    return tuple(f"{player}[{k}]" for k in keys), keys, False


def structure(named: bool, keys: Sequence[Any], values: Sequence[Any]) -> Any:
    """A player's level in the form of its box: a dict over named coordinates, else a tuple."""
    return dict(zip(keys, values)) if named else tuple(values)


def read_box_level(player: str, level: Any, keys: Sequence[Any], named: bool) -> list[Any]:
    """The values of a box player's level, one per coordinate, in coordinate order."""
    if named:
        if not isinstance(level, Mapping) or set(level) != set(keys):
            raise ProfileError(f"the level of {player} must be a mapping with one value per coordinate "
                               f"{list(keys)}, got {short_repr(level)}")
        return [level[k] for k in keys]
    if isinstance(level, (str, bytes, Mapping)) or not isinstance(level, Sequence) or len(level) != len(keys):
        raise ProfileError(f"the level of {player} must be a sequence of {len(keys)} values, got {short_repr(level)}")
    return list(level)
