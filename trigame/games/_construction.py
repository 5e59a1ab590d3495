"""Reading what a :class:`~trigame.games.normal_form.NormalFormGame` is built from.

One idea: turn the caller's payoffs and labels into the validated values a game
stores.  The payoffs become one read-only NumPy array whose number kind
(``"float"``, ``"exact"`` or ``"symbolic"``, see :mod:`trigame._numbers`) is
detected from the entries; ragged or too deeply nested lists, NaN and infinite
values, booleans, non-numbers and tables too large for memory are refused with
an error naming the entry.  Nested lists of plain ints, Fractions and floats are
read level by level with C-speed builtins, so games with millions of payoffs are
built without a Python call per entry.  Player names, strategy labels and the
permutations of :meth:`NormalFormGame.permute` are checked here too.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import _EXACT_LIMIT, KINDS, Kind, _too_many_digits, classify, combine, convert_array
from trigame.budget import check_memory
from trigame.errors import GameShapeError, LabelError, ParameterError, PayoffTypeError, PayoffValueError, TrigameError

__all__ = ["MAX_AXES", "check_labels", "check_permutation", "float_array", "nested_shape", "payoff_array"]


def _max_axes() -> int:
    for axes in (64, 32):
        try:
            np.empty((1,) * axes, dtype=np.int8)
        except ValueError:
            continue
        return axes
    return 32  # pragma: no cover


#: Most axes of a NumPy array (32 before NumPy 2, 64 since): a game has at most ``MAX_AXES - 1`` players.
MAX_AXES = _max_axes()


def nested_shape(data: Any, depth: int = 0) -> tuple[int, ...]:
    """Shape of a nested list/tuple, raising GameShapeError when it is ragged."""
    if isinstance(data, np.ndarray):
        return data.shape
    if depth == 0:
        flat = _flatten(data)
        if flat is not None:
            return flat[1]
    if depth > MAX_AXES:
        raise GameShapeError(f"payoffs are nested more than {MAX_AXES} levels deep (at most {MAX_AXES - 1} players)")
    if isinstance(data, (list, tuple)):
        if len(data) == 0:
            return (0,)
        shapes = [nested_shape(item, depth + 1) for item in data]
        first = shapes[0]
        for position, shape in enumerate(shapes[1:], start=1):
            if shape != first:
                raise GameShapeError(
                    f"payoffs are ragged: at depth {depth}, entry 0 has shape {first} "
                    f"but entry {position} has shape {shape}"
                )
        return (len(data), *first)
    return ()


def _to_object_array(data: Any, shape: tuple[int, ...]) -> np.ndarray:
    if isinstance(data, np.ndarray):
        return np.array(data, dtype=object)
    try:
        out = np.empty(shape, dtype=object)
    except ValueError as exc:  # more axes than NumPy supports
        raise GameShapeError(f"payoffs of shape {shape} cannot be stored as an array: {exc}") from None
    if shape == ():
        out[()] = data
        return out

    def fill(item: Any, prefix: tuple[int, ...]) -> None:
        if len(prefix) == len(shape):
            out[prefix] = item
            return
        for k, sub in enumerate(item):
            fill(sub, (*prefix, k))

    fill(data, ())
    return out


#: Types whose kind is known without looking at the value (bool, a subclass of int, is not among them).
_SIMPLE_KINDS: dict[type, Kind] = {float: "float", np.float64: "float", np.float32: "float",
                                   int: "exact", Fraction: "exact", np.int64: "exact", np.int32: "exact"}


def _flatten(data: Any) -> tuple[list[Any], tuple[int, ...]] | None:
    """The entries of nested lists/tuples in C order and their shape, or None when ragged or mixed.

    Works level by level with C-speed builtins (no Python call per entry), so
    that games with millions of payoffs are read quickly; the recursive
    :func:`nested_shape` then explains whatever this declines.
    """
    if not isinstance(data, (list, tuple)):
        return None
    level: list[Any] = [data]
    shape: list[int] = []
    while True:
        types = set(map(type, level))
        if types <= {list, tuple}:
            lengths = set(map(len, level))
            if len(lengths) != 1 or len(shape) >= MAX_AXES:
                return None
            m = lengths.pop()
            if m == 0:
                return None
            shape.append(m)
            level = list(itertools.chain.from_iterable(level))
        elif any(issubclass(t, (list, tuple, np.ndarray)) for t in types):
            return None
        else:
            return level, tuple(shape)


def _simple_array(data: Any) -> tuple[np.ndarray, set[Kind]] | None:
    """Nested lists of plain ints, Fractions and floats as an array with their kinds, or None.

    The kinds are read off the entries' types, so a game with millions of
    payoffs is built without a Python loop over them; anything else (ragged
    lists, other types, NaN) goes the slow way, which names the offending entry.
    """
    flat = _flatten(data)
    if flat is None:
        return None
    entries, shape = flat
    types = set(map(type, entries))
    if not types <= _SIMPLE_KINDS.keys():
        return None
    kinds = {_SIMPLE_KINDS[t] for t in types}
    if kinds == {"float"}:
        values = np.array(entries, dtype=np.float64).reshape(shape)
        return (values, kinds) if np.all(np.isfinite(values)) else None
    if "float" in kinds and not all(math.isfinite(v) for v in entries if type(v) in (float, np.float64, np.float32)):
        return None
    if "exact" in kinds and _has_huge_exact(entries, types):
        return None  # the slow way names the entry with too many digits
    array = np.empty(len(entries), dtype=object)
    array[:] = entries
    return array.reshape(shape), kinds


def _has_huge_exact(entries: list[Any], types: set[type]) -> bool:
    """Whether an int or Fraction entry has more digits than a payoff may have (see ``classify``)."""
    if types <= {int, float}:
        ints = [v for v in entries if type(v) is int] if float in types else entries
        return bool(ints) and max(map(abs, ints)) >= _EXACT_LIMIT
    return any(_too_many_digits(v) for v in entries if type(v) in (int, Fraction))


def float_array(data: Any) -> Any:
    """Nested lists of finite floats as a float array (one player's payoffs in ``from_arrays``); else as given."""
    if isinstance(data, np.ndarray):
        return data
    simple = _simple_array(data)
    return simple[0] if simple is not None and simple[1] == {"float"} else data


#: Rough bytes of one exact payoff held as a Python Fraction (the object, its two ints, the array slot).
_BYTES_PER_OBJECT_PAYOFF = 160


def payoff_array(data: Any, kind: Kind | None) -> tuple[np.ndarray, Kind]:
    """Validate raw payoffs and return (the stored read-only array, its kind)."""
    if kind is not None and (not isinstance(kind, str) or kind not in KINDS):
        raise ParameterError(f"kind must be one of {KINDS} or None, got {kind!r}")
    simple = None if isinstance(data, np.ndarray) else _simple_array(data)
    if simple is not None:
        data = simple[0]
    if isinstance(data, np.ndarray) and data.dtype != object:
        array = data
        if array.dtype.kind == "b":
            raise PayoffTypeError("payoffs must be numbers, not booleans")
        if array.dtype.kind == "f":
            if not np.all(np.isfinite(array)):
                bad = tuple(int(k) for k in np.argwhere(~np.isfinite(array))[0])
                raise PayoffValueError(f"payoffs must be finite; entry {bad} is {array[bad]!r}")
            detected: Kind = "float"
        elif array.dtype.kind in "iu":
            detected = "exact"
        else:
            raise PayoffTypeError(f"payoffs must be numeric, got an array of dtype {array.dtype}")
    elif simple is not None:
        array, detected = data, combine(simple[1])
    else:
        shape = nested_shape(data)
        check_memory(
            math.prod(shape) * _BYTES_PER_OBJECT_PAYOFF,
            f"a payoff table of shape {shape} held as Python numbers",
            remedy="pass the payoffs as a float64 NumPy array, or make the game smaller",
        )
        array = _to_object_array(data, shape)
        kinds = set()
        for index, value in zip(np.ndindex(*array.shape), array.reshape(-1).tolist()):
            try:
                kinds.add(classify(value))
            except TrigameError as exc:  # add the position to the message
                raise type(exc)(f"payoff entry {index}: {exc}") from None
        detected = combine(kinds)
    if kind is None:
        kind = detected
    elif kind != "symbolic" and detected == "symbolic":
        raise PayoffTypeError(
            f"payoffs contain symbolic expressions and cannot be stored as {kind!r}; "
            "use .subs(...) to give the symbols values"
        )
    if kind == "float" and array.dtype == np.float64:
        stored = array if simple is not None else np.array(array)  # a copy when the caller keeps the array
    else:
        if kind != "float":
            check_memory(
                array.size * _BYTES_PER_OBJECT_PAYOFF,
                f"{array.size} {kind} payoffs (Python Fractions or SymPy expressions)",
                remedy="use float payoffs (kind='float'), or make the game smaller",
            )
        try:
            stored = convert_array(array, kind)
        except OverflowError:
            raise PayoffValueError(
                "a payoff is too large to be stored as a float (over about 1.8e308); keep the game exact"
            ) from None
    if kind == "float" and not np.all(np.isfinite(stored)):
        raise PayoffValueError("a payoff is too large to be stored as a float (over about 1.8e308); "
                               "keep the game exact")
    stored.flags.writeable = False
    return stored, kind


# ---------------------------------------------------------------- labels
def check_labels(
    players: Sequence[str] | None,
    strategies: Sequence[Sequence[str]] | None,
    shape: tuple[int, ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Player names and strategy labels for a game of ``shape``: checked when given, defaults if not."""
    n = len(shape)
    if players is None:
        names = tuple(f"Player {i + 1}" for i in range(n))
    else:
        if isinstance(players, str):
            raise LabelError("players must be a sequence of names, not a single string")
        if not isinstance(players, Iterable):
            raise LabelError(f"players must be a sequence of names, got {players!r}")
        names = tuple(players)
        if len(names) != n:
            raise LabelError(f"{len(names)} player names given for a game with {n} players")
        for name in names:
            if not isinstance(name, str):
                raise LabelError(f"player names must be strings, got {name!r}")
        if len(set(names)) != n:
            dup = sorted(p for p, count in Counter(names).items() if count > 1)
            raise LabelError(f"player names must be distinct; repeated: {dup}")
    if strategies is None:
        labels = tuple(tuple(f"s{k + 1}" for k in range(m)) for m in shape)
    else:
        if isinstance(strategies, str) or not isinstance(strategies, Iterable):
            raise LabelError(f"strategies must be one sequence of labels per player, got {strategies!r}")
        strategies = list(strategies)
        if not all(isinstance(s, Iterable) for s in strategies):
            raise LabelError(f"strategies must be one sequence of labels per player, got {strategies!r}")
        labels = tuple(tuple(s) if not isinstance(s, str) else (s,) for s in strategies)
        if len(labels) != n:
            raise LabelError(f"strategy labels given for {len(labels)} players; the game has {n}")
        for i, (own, m) in enumerate(zip(labels, shape)):
            if len(own) != m:
                raise LabelError(f"{names[i]!r} has {m} strategies but {len(own)} labels were given")
            for label in own:
                if not isinstance(label, str):
                    raise LabelError(f"strategy labels must be strings, got {label!r} for {names[i]!r}")
            if len(set(own)) != m:
                dup = sorted(s for s, count in Counter(own).items() if count > 1)
                raise LabelError(f"strategy labels of {names[i]!r} must be distinct; repeated: {dup}")
    return names, labels


def check_permutation(order: Any, size: int, what: str) -> list[int]:
    """``order`` as a list of indices when it is a permutation of ``range(size)``; :class:`LabelError` otherwise."""
    if isinstance(order, (str, bytes)) or not isinstance(order, (Sequence, np.ndarray)):
        raise LabelError(f"a permutation of {what} must be a sequence of indices, got {order!r}")
    items = list(order)
    if not all(isinstance(k, (int, np.integer)) and not isinstance(k, (bool, np.bool_)) for k in items):
        raise LabelError(f"a permutation of {what} must hold integer indices, got {items!r}")
    indices = [int(k) for k in items]
    if sorted(indices) != list(range(size)):
        raise LabelError(f"{indices} is not a permutation of {what} (indices 0 to {size - 1}, each once)")
    return indices
