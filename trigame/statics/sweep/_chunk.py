"""What solving one chunk of a sweep's grid returns, and how its equilibria and outcomes are named.

A chunk task (:func:`trigame.statics.sweep._run._run_chunk`) returns a
:class:`_Chunk`: its points' equilibria in canonical order, with each point's
equilibrium-set label and outcome label as codes into the chunk's own tables
(the driver merges the tables).  An outcome is a pure profile of a
strategic-form model or a path of play of a sequential model; an equilibrium
is named by the outcome it reaches, or ``"random: a or b"`` when it
randomises (see :attr:`~trigame.statics.sweep.SweepResult.outcome_labels`).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame._labels import NONE
from trigame.statics.sweep._grid import _Spec


@dataclasses.dataclass
class _Chunk:
    """What one chunk returns: its points' equilibria in canonical order, labels as local codes."""

    start: int
    stop: int
    codes: np.ndarray  # (n,) int32 into table
    table: list[str]
    count: np.ndarray  # (n,) int16
    prob: np.ndarray  # (n, K, units, M); M = 1 on the batch route (the first strategy's probability)
    payoff: np.ndarray  # (n, K, n_players)
    degenerate: np.ndarray  # (n,) bool
    outcome: np.ndarray | None  # (n, K, n_paths) for trees
    incomplete: int = 0
    outcome_codes: np.ndarray | None = None  # (n,) int32 into outcome_table
    outcome_table: list[str] = dataclasses.field(default_factory=list)
    incomplete_rows: np.ndarray | None = None  # (n,) bool: where the solver could not guarantee completeness
    vectorised: bool = False  # a sequential model's chunk solved by vectorised backward induction
    pointwise: int = 0  # its points solved one by one (ties)
    one_by_one: int = 0  # of those, the ones not grouped (trees with simultaneous stages)


# ============================================================================ outcome labels
def _path_label(path: Sequence[str], simultaneous: Sequence[bool]) -> str:
    """A path of play as text: moves in order joined by ``" > "``, moves of one simultaneous stage by ``"/"``.

    ``simultaneous[j]`` says that move ``j`` is made without observing move ``j - 1`` (its node lies in an
    information set with other nodes), as in a stage built with :func:`trigame.games.tree.stage`.

    >>> _path_label(("Press", "Cooperate", "Abstain"), (False, False, True))
    'Press > Cooperate/Abstain'
    """
    text = ""
    for j, move in enumerate(path):
        text += ("/" if simultaneous[j] else " > ") + move if j else move
    return text


def _outcome_names(spec: _Spec, tree: Any = None) -> list[str]:
    """Text of every outcome, in the order of :meth:`SweepResult.outcomes`.

    A strategic-form outcome is a pure profile, its strategies joined by ``"/"`` in the players' order; a
    sequential model's outcome is a path of play (:func:`_path_label`).
    """
    if spec.route != "tree":
        return ["/".join(profile) for profile in itertools.product(*spec.strategies)]
    hidden = {p for i in tree.information_sets if len(i.paths) > 1 for p in i.paths}
    return [_path_label(path, [path[:j] in hidden and j > 0 for j in range(len(path))]) for path in tree.terminals()]


def _equilibrium_outcome(names: Sequence[str], reached: Sequence[int]) -> str:
    """The outcome of one equilibrium: the outcome it reaches, or ``"random: a or b"`` when it randomises."""
    if len(reached) == 1:
        return names[reached[0]]
    return "random: " + " or ".join(names[k] for k in sorted(reached))


def _outcome_set_label(labels: Sequence[str]) -> str:
    """Canonical label of the outcomes of a set of equilibria: distinct, deterministic first, joined by ``" | "``."""
    unique = sorted(set(labels), key=lambda text: (text.startswith("random: "), text))
    return " | ".join(unique) if unique else NONE


def _profile_indices(supports: Sequence[Sequence[int]], sizes: Sequence[int]) -> list[int]:
    """Flat indices (row-major over the strategies) of the pure profiles inside a product of supports."""
    return [int(np.ravel_multi_index(index, sizes)) for index in itertools.product(*supports)]
