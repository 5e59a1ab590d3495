"""Value-free labels of equilibria and equilibrium sets, shared by the batch engine, sweeps and regime maps.

A region map colours each parameter point by its *set* of equilibria, so the
label of an equilibrium must not depend on the exact probabilities of a mixed
strategy (they change continuously inside a region): a pure strategy is named,
a mixed one is named by its support.  :func:`set_label` joins the labels of a
set in a canonical order (pure equilibria first), so that a sweep, a symbolic
regime map and a scalar solve of the same point produce the same string.

Examples
--------
>>> players = ("Japan", "South Korea")
>>> strategies = (("Cooperate", "Friction"), ("Cooperate", "Friction"))
>>> a = support_label(players, strategies, ((0,), (0,)))
>>> b = support_label(players, strategies, ((0, 1), (0, 1)))
>>> a, b
('Japan: Cooperate, South Korea: Cooperate', 'Japan: mix Cooperate/Friction, South Korea: mix Cooperate/Friction')
>>> set_label([b, a, a])
'Japan: Cooperate, South Korea: Cooperate | Japan: mix Cooperate/Friction, South Korea: mix Cooperate/Friction'
>>> set_label([a], continuum=True)
'Japan: Cooperate, South Korea: Cooperate | continuum'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["CONTINUUM", "NONE", "equilibrium_support_label", "set_label", "support_label"]

#: Label of an empty set (never the answer for a finite game; shown for failed points).
NONE = "no equilibrium"
#: Appended to a set label when the game has a continuum of equilibria.
CONTINUUM = "continuum"
#: Separator between the equilibria of a set.
SEPARATOR = " | "


def support_label(
    players: Sequence[str], strategies: Sequence[Sequence[str]], supports: Sequence[Sequence[int]]
) -> str:
    """Label of an equilibrium by its supports: ``"P: s"`` if pure, ``"P: mix s1/s2"`` otherwise."""
    parts = []
    for name, labels, support in zip(players, strategies, supports):
        used = sorted(int(k) for k in support)
        if len(used) == 1:
            parts.append(f"{name}: {labels[used[0]]}")
        else:
            parts.append(f"{name}: mix " + "/".join(labels[k] for k in used))
    return ", ".join(parts)


def equilibrium_support_label(equilibrium: Any) -> str:
    """:func:`support_label` of an :class:`trigame.Equilibrium` (its players, labels and support)."""
    return support_label(equilibrium.players, equilibrium.labels, equilibrium.support)


def _order(label: str) -> tuple[int, str]:
    return (label.count(": mix "), label)


def set_label(labels: Iterable[str], *, continuum: bool = False) -> str:
    """Canonical label of a set of equilibria: distinct labels, pure first, joined by ``" | "``."""
    unique = sorted(set(labels), key=_order)
    if continuum:
        unique.append(CONTINUUM)
    return SEPARATOR.join(unique) if unique else NONE
