"""Joined components: a small union-find, shared by the solvers that group equilibria into continua.

A solver that finds the extreme points of a continuum one support profile at
a time meets a point twice when two profiles' solution sets touch; the
points met together belong to one component.  :class:`Components` keeps the
partition (path halving, no ranks: the sets are small).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["Components"]

T = TypeVar("T", bound=Hashable)


class Components(Generic[T]):
    """A partition of hashable items into components, each met on first use as its own component.

    Examples
    --------
    >>> c = Components()
    >>> c.union("a", "b"); c.union("c", "d")
    >>> c.find("a") == c.find("b"), c.find("a") == c.find("c")
    (True, False)
    """

    __slots__ = ("parent",)

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        """The representative of ``x``'s component (``x`` itself when it is new)."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: T, y: T) -> None:
        """Join the components of ``x`` and ``y`` (the representative of ``y``'s stays one)."""
        self.parent[self.find(x)] = self.find(y)
