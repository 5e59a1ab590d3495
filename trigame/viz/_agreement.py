"""Whether a sweep's labels and a symbolic regime map's agree on a grid (the check behind exact pictures).

A region map is drawn from the symbolic regime map only where the map and the sweep agree on the sweep's
grid.  Equal labels agree.  Where the game has a continuum of equilibria, two labels can differ and still
describe the same set: the sweep labels a point by the point solver's listing of the continuum (its own
extreme points), the map by its regimes; and a float the map's tolerance puts on a boundary is labelled
by the cell of the boundary (:mod:`trigame.statics._label_match`).  Such a pair of labels is confirmed
exactly, as the map confirms its own cells (:func:`trigame.statics.regime_maps._compare_at`): at a rational
point next to the grid point (its exact value, or the simplest fractions within ``1e-9`` of it), the
exact point solver's equilibria and the regimes of the map's cell there must describe the same set
(:mod:`trigame.statics._continua`), the map's label must be the map's label of that set and the sweep's
label the point solver's listing of it (:func:`confirm`).

Where the exact solve at such a rational point confirms the map's label and at none of them the sweep's,
the exact answer stands and the map is drawn; such points are counted apart, and the figure says how
many there are (the float solver can miss a tie that rounding breaks: two types with
equal costs, weighted by a prior such as 2/5 that binary floats do not hold exactly).  Anything else is a
disagreement, and the figure falls back to the grid.

Each distinct pair (map's label, sweep's label) is confirmed once, at its first grid point: a label
names the supports of the equilibria listed, and a pair confirmed at one point of a cell names the same
supports everywhere it occurs.  At most :data:`MAX_PAIRS` pairs are confirmed; more count as disagreeing.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

__all__: list[str] = []

#: At most this many distinct pairs of differing labels are confirmed exactly (each one exact solve).
MAX_PAIRS = 64
#: What :func:`confirm` finds: both labels hold, the map's alone (at the point's exact value), or neither.
BOTH, MAP, NEITHER = "both", "map", "neither"


def disagreements(rmap: Any, values: Mapping[str, np.ndarray], symbolic: np.ndarray, swept: np.ndarray
                  ) -> tuple[int, int]:
    """The grid points where the map's label and the sweep's disagree, and those where only the map's holds.

    ``values`` are the grid's coordinates of the map's free parameters (arrays of the labels' shape),
    ``symbolic`` the map's labels there (``rmap.labels(**values)``) and ``swept`` the sweep's.  Returns
    (points not confirmed, points where the exact solve at the point confirms the map's label and not the
    sweep's).
    """
    differ = np.flatnonzero(np.asarray(symbolic != swept).ravel())
    if not len(differ):
        return 0, 0
    flat_symbolic, flat_swept = np.asarray(symbolic).ravel(), np.asarray(swept).ravel()
    first: dict[tuple[str, str], int] = {}
    for i in differ.tolist():
        first.setdefault((str(flat_symbolic[i]), str(flat_swept[i])), i)
    if len(first) > MAX_PAIRS:
        return len(differ), 0
    flat = {name: np.broadcast_to(np.asarray(v), np.shape(symbolic)).ravel() for name, v in values.items()}
    found = {pair: confirm(rmap, {name: v[i] for name, v in flat.items()}, *pair) for pair, i in first.items()}
    verdicts = [found[(str(flat_symbolic[i]), str(flat_swept[i]))] for i in differ.tolist()]
    return verdicts.count(NEITHER), verdicts.count(MAP)


def confirm(rmap: Any, values: Mapping[str, Any], map_label: str, swept_label: str) -> str:
    """Which of the map's label and the sweep's at a point are confirmed exactly (module docstring).

    :data:`BOTH` when each label holds at one of the rational points next to the point
    (:func:`trigame.statics._label_match.candidates`): there the exact point solver's equilibria and the
    regimes of the map's cell describe the same set, and the label is the map's label of that set (the
    map's) or the point solver's listing of it (the sweep's).  Usually one rational point confirms both; a
    float within the map's tolerance of a boundary that the point solver's own tolerance leaves off it
    has its map's label confirmed on the boundary and its sweep's label next to it.  :data:`MAP` when
    the map's label is confirmed and the sweep's is not; else :data:`NEITHER`.  Parameters not in
    ``values`` take the map's values (the instance's, or the defaults).
    """
    from trigame._labels import set_label
    from trigame.errors import TrigameError
    from trigame.statics._label_match import candidates, leaf_at
    from trigame.statics.regime_maps import _compare_at

    problem = rmap.regimes._problem
    if rmap._leaf_members is None:
        return NEITHER
    try:
        point = [values[name] if name in values else problem.defaults[name] for name in rmap.parameters]
    except KeyError:
        return NEITHER
    map_ok = swept_ok = False
    for rational in candidates(point):
        leaf = leaf_at(rmap._tree, problem.space.atoms, rmap._atoms, rational)
        if leaf is None:
            continue
        present = rmap._leaf_members[leaf]
        names = {r.support_label for r in present}
        try:
            numeric, continuum, same = _compare_at(problem, dict(zip(rmap.parameters, rational)), present)
        except TrigameError:
            return NEITHER
        if same:
            map_ok = map_ok or set_label(names, continuum=continuum) == map_label
            swept_ok = swept_ok or set_label(numeric, continuum=continuum) == swept_label
        if map_ok and swept_ok:
            return BOTH
        if map_ok and not swept_ok and _listing_same_set(problem, rmap.parameters, point, rational, present,
                                                          swept_label):
            return BOTH
    return MAP if map_ok else NEITHER


def same_set_at(rmap: Any, values: Mapping[str, Any], map_label: str, swept_label: str) -> bool:
    """Whether both labels at a point are confirmed exactly (:func:`confirm` finds :data:`BOTH`)."""
    return confirm(rmap, values, map_label, swept_label) == BOTH


def _listing_same_set(problem: Any, names: Any, point: list[Any], rational: list[Fraction], present: Any,
                      swept_label: str) -> bool:
    """Whether the point solver's listing at the float ``point`` describes the set of the regimes ``present``
    at the rational point next to it (sets equal up to points of a continuum, as the map compares them).

    A float within rounding of a tie can be listed by other extreme points than the exact numbers on either
    side of it are: the listing's probabilities, read as the simplest fractions within ``SNAP`` of them,
    are compared exactly at ``rational`` (:func:`trigame.statics.regime_maps._same_up_to_continua`).
    """
    from trigame._labels import set_label
    from trigame.errors import TrigameError
    from trigame.statics._label_match import candidates
    from trigame.statics.regime_maps import _numeric_equilibria, _same_up_to_continua

    if problem.kind == "perfect_bayesian" or problem.profiles is not None:
        return False
    try:
        _, found, continuum = _numeric_equilibria(problem, {n: float(v) for n, v in zip(names, point)})
        if not continuum or set_label(found, continuum=True) != swept_label:
            return False
        listed = []
        for eq in (e for eqs in found.values() for e in eqs):
            snapped: dict[Any, dict[str, Fraction]] = {}
            for unit, probs in eq.items():
                snapped[unit] = {}
                for action, p in probs.items():
                    near = candidates([float(p)])  # its exact value, then fractions within SNAP, simplest first
                    snapped[unit][action] = near[min(1, len(near) - 1)][0]
            listed.append(snapped)
        values = dict(zip(names, rational))
        game = problem.game.subs(values)
        return bool(_same_up_to_continua(problem, values, present, game, listed))
    except (TrigameError, ValueError, TypeError, KeyError):
        return False
