"""Pickling the immutable objects games and results are made of (for multiprocessing, joblib, dask).

Games and results keep their fields read-only: mappings as :class:`types.MappingProxyType`,
arrays with ``writeable=False``, attributes set once through ``object.__setattr__``.  The
standard pickle protocol can do none of these (a mappingproxy has no reducer, and restoring a
field calls the ``__setattr__`` that refuses it), so the classes reduce through here:

* :func:`reduce_fields` -- a class's ``__reduce__``: its fields (slots and ``__dict__``), read-only
  mappings and arrays coming back read-only, restored without ``__setattr__`` (``copy.copy`` and
  ``copy.deepcopy`` go through it too);
* :func:`reduce_tree` -- a game tree's ``__reduce__``: its nodes in preorder, a flat list, rebuilt
  (and checked again) without recursion however deep the tree is, its caches left behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

__all__ = ["reduce_fields", "reduce_tree"]


class _Proxy:
    """A read-only mapping on its way into a pickle: it comes back as a mappingproxy."""

    __slots__ = ("data",)

    def __init__(self, data: dict[Any, Any]) -> None:
        self.data = data

    def __reduce__(self) -> tuple[Any, ...]:
        return _read_only_mapping, (self.data,)


def _read_only_mapping(data: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(data)


class _FrozenArray:
    """A read-only array on its way into a pickle: it comes back read-only."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def __reduce__(self) -> tuple[Any, ...]:
        return _read_only_array, (self.array,)


def _read_only_array(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _pack(value: Any) -> Any:
    """``value`` with its read-only mappings and arrays (at any depth in plain containers) marked to stay so.

    Other objects holding them (named tuples among them) reduce themselves.
    """
    kind = type(value)
    if kind is MappingProxyType:
        return _Proxy({k: _pack(v) for k, v in value.items()})
    if kind is dict:
        return {k: _pack(v) for k, v in value.items()}
    if kind is tuple or kind is list:
        return kind(_pack(v) for v in value)
    if kind is np.ndarray and not value.flags.writeable:
        return _FrozenArray(value)
    return value


def _fields(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name in ("__dict__", "__weakref__") or name in out:
                continue
            try:
                out[name] = object.__getattribute__(obj, name)
            except AttributeError:  # a slot never set
                continue
    out.update(getattr(obj, "__dict__", {}))
    return out


class _Fields:
    """An object's fields on their way out: packed (:func:`_pack`) only if they go into a pickle.

    ``copy.copy`` hands them back as they are (the copy shares its immutable fields), ``copy.deepcopy``
    and pickle see the packed form, whose read-only mappings and arrays come back read-only.
    """

    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, ({name: _pack(value) for name, value in self.fields.items()},)


def _restore(cls: Any, fields: _Fields | Mapping[str, Any]) -> Any:
    obj = cls.__new__(cls)
    for name, value in (fields.fields if isinstance(fields, _Fields) else fields).items():
        object.__setattr__(obj, name, value)
    return obj


def reduce_fields(obj: Any, reset: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
    """What ``obj.__reduce__`` returns for an immutable object: its class and fields, restored as they were.

    ``reset`` gives fields to pickle with a fresh value instead of their own (caches: ``{"_cache": {}}``).
    Lazily computed fields are pickled as they stand, computed or not.
    """
    fields = _fields(obj)
    if reset:
        fields.update(reset)
    return _restore, (type(obj), _Fields(fields))


def reduce_tree(tree: Any, decision: type[Any], chance: type[Any]) -> tuple[Any, ...]:
    """What ``GameTree.__reduce__`` returns: the class, players, title and the nodes in preorder.

    ``decision`` and ``chance`` are the node classes (the tree's modules import this one, not it them).
    """
    records: list[tuple[Any, ...]] = []
    classes: dict[str, type] = {}  # each kind's class as met in the tree (a subclass comes back as itself)
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if isinstance(node, decision):
            records.append(("decision", node.player, tuple(node.actions), node.infoset, node.label))
            stack.extend(reversed(list(node.actions.values())))
        elif isinstance(node, chance):
            records.append(("chance", tuple(node.outcomes), tuple(p for p, _ in node.outcomes.values()), node.label))
            stack.extend(reversed([child for _, child in node.outcomes.values()]))
        else:
            records.append(("terminal", node.payoffs, node.label))
        classes.setdefault(records[-1][0], type(node))
    return _rebuild_tree, (type(tree), classes, records, tree.players, tree.title)


def _rebuild_tree(cls: Any, classes: Mapping[str, Any], records: list[tuple[Any, ...]], players: tuple[str, ...],
                  title: str) -> Any:
    built: list[Any] = []  # the subtrees after the current record, the next one on top
    for record in reversed(records):
        kind = record[0]
        if kind == "terminal":
            built.append(classes[kind](record[1], label=record[2]))
        elif kind == "decision":
            _, player, actions, infoset, label = record
            children = [built.pop() for _ in actions]
            built.append(classes[kind](player, dict(zip(actions, children)), infoset=infoset, label=label))
        else:
            _, outcomes, probabilities, label = record
            children = [built.pop() for _ in outcomes]
            built.append(classes[kind]({o: (p, c) for o, p, c in zip(outcomes, probabilities, children)},
                                       label=label))
    return cls(built.pop(), players, title=title)
