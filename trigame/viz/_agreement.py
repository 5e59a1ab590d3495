"""Whether a sweep's labels and a symbolic regime map's agree on a grid (the check behind exact pictures).

A region map is drawn from the symbolic regime map only where the map and the sweep agree on the sweep's
grid.  Equal labels agree.  Where the game has a continuum of equilibria, two labels can differ and still
describe the same set: the sweep labels a point by the point solver's listing of the continuum (its own
extreme points), the map by its regimes; and a float the map's tolerance puts on a boundary is labelled
by the cell of the boundary (:mod:`trigame.statics._label_match`).  Such a pair of labels is confirmed
exactly, as the map confirms its own cells (:func:`trigame.statics._point_checks._compare_at`): at one
rational point next to the grid point (its exact value, the closest fractions with denominators up to
``10**3``, ``10**6``, ``10**9`` that lie within ``1e-9`` of it, or
the point of the boundary the map's tolerance put it on), the exact point solver's equilibria and the
regimes of the map's cell there must describe the same set (:mod:`trigame.statics._continua`), the map's
label must be the map's label of that set, and the sweep's label the point solver's listing of the same
set, or the float solve's listing at the grid point, read exactly, must describe it (:func:`confirm`).

Where the map's label is confirmed at such a point and the float solve's listing there describes only part
of the set (each listed point an exact equilibrium the exact solve lists, or one in a convex set of
equilibria spanned by the points of both), the exact answer stands and the map is drawn; such
points are counted apart, and the figure says how many there are (the float solver can miss a tie that
rounding breaks: two types with equal costs, weighted by a prior such as 2/5 that binary floats do not
hold exactly).  Anything else is a disagreement, and the figure falls back to the grid: a sweep's label
that names an equilibrium the exact game does not have there is never confirmed.

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
#: What :func:`confirm` finds: both labels hold (at one rational point), the map's alone (the sweep's float solve
#: lists only some of the set there), or neither.
BOTH, MAP, NEITHER = "both", "map", "neither"


def disagreements(rmap: Any, values: Mapping[str, np.ndarray], symbolic: np.ndarray, swept: np.ndarray
                  ) -> tuple[int, int]:
    """The grid points where the map's label and the sweep's disagree, and those where only the map's holds.

    ``values`` are the grid's coordinates of the map's free parameters (arrays of the labels' shape),
    ``symbolic`` the map's labels there (``rmap.labels(**values)``) and ``swept`` the sweep's.  Returns
    (points not confirmed, points where the exact solve next to the point confirms the map's label and the
    sweep's float solve lists only exact equilibria of the set there, not the whole set: :data:`MAP`).
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

    The rational points next to the point are its candidates (:func:`trigame.statics._label_match.candidates`)
    and the rational point of the cell :meth:`~trigame.statics.regime_maps.RegimeMap.labels` puts it in
    (:func:`trigame.statics._label_match.rational_in_leaf`).  At each, the map's label is confirmed when
    the exact point solver's equilibria and the regimes of the map's cell there describe the same set and
    the map's label is the map's label of that set.  Then, at the same rational point, the sweep's label
    is confirmed (:data:`BOTH`) when it is the point solver's listing of that set, or the float solve's
    listing at the point, read exactly, describes that set (:class:`_Listing`); :data:`MAP` when instead
    the float solve's listing describes part of that set (each listed point is an exact equilibrium there,
    listed by the exact solve or in a convex set of equilibria its points span: rounding broke a tie); else,
    and where the map's label is confirmed nowhere, :data:`NEITHER`.  A candidate at which the exact solve
    fails is passed over.
    Parameters not in ``values`` take the map's values (the instance's, or the defaults).
    """
    from trigame._labels import set_label
    from trigame.statics._label_match import candidates, leaf_at, leaf_of_float, rational_in_leaf

    problem = rmap.regimes._problem
    if rmap._leaf_members is None:
        return NEITHER
    try:
        point = [values[name] if name in values else problem.defaults[name] for name in rmap.parameters]
    except KeyError:
        return NEITHER
    atoms = problem.space.atoms
    points = candidates(point)
    if not all(isinstance(x, (int, Fraction)) for x in point):
        cell = leaf_of_float(rmap._tree, atoms, rmap._atoms, point)
        near = None if cell is None else rational_in_leaf(rmap._tree, atoms, rmap._atoms, point, cell)
        if near is not None and near not in points:
            points.append(near)
    listing = _Listing(problem, rmap.parameters, point, swept_label)
    found = NEITHER
    for rational in points:
        leaf = leaf_at(rmap._tree, atoms, rmap._atoms, rational)
        if leaf is None:
            continue
        present = rmap._leaf_members[leaf]
        exact = _exact_at(problem, dict(zip(rmap.parameters, rational)), present)
        if exact is None:
            continue  # the exact solve failed at this candidate: the others may still confirm the labels
        numeric, continuum, game, equilibria = exact
        if set_label({r.support_label for r in present}, continuum=continuum) != map_label:
            continue
        if set_label(numeric, continuum=continuum) == swept_label:
            return BOTH
        verdict = listing.at(game, equilibria)
        if verdict == BOTH:
            return BOTH
        if verdict == MAP:
            found = MAP
    return found


def _exact_at(problem: Any, values: dict[str, Fraction], present: Any
              ) -> tuple[set[str], bool, Any, list[Any]] | None:
    """The exact point solve at ``values`` when it describes the set of the regimes ``present``: its support
    labels, continuum flag, game and equilibria (game None and no equilibria for the models whose listing is
    not compared, :class:`_Listing`); None where it describes another set or fails.

    As :func:`trigame.statics._point_checks._compare_at` compares them, solving once for both comparisons.
    """
    from trigame.errors import TrigameError
    from trigame.statics._point_checks import _solve_and_compare

    try:
        numeric, continuum, same, game, equilibria = _solve_and_compare(problem, values, present)
    except TrigameError:
        return None
    return (set(numeric), bool(continuum), game, equilibria) if same else None


class _Listing:
    """The float solve at a point (solved once, when first needed) compared with the set at rational points.

    The point solver's float listing at the float ``point``, when its label is the sweep's: each listed
    equilibrium's probabilities read as the simplest fractions within ``SNAP`` of them
    (:func:`trigame.statics._label_match.snap`).  A float within rounding of a tie can be listed by other
    extreme points than the exact numbers next to it are, or, where rounding broke the tie, by only some of
    the equilibria.
    """

    def __init__(self, problem: Any, names: Any, point: list[Any], swept_label: str) -> None:
        self.problem, self.names, self.point, self.swept_label = problem, list(names), point, swept_label
        self._solved: tuple[list[Any], bool] | None = None

    def _solve(self) -> tuple[list[Any], bool]:
        """The listed equilibria, snapped, and the float solve's continuum flag ([]: not the sweep's label)."""
        from trigame._labels import set_label
        from trigame.errors import TrigameError
        from trigame.statics._label_match import snap
        from trigame.statics._point_checks import _numeric_equilibria

        if self._solved is None:
            self._solved = [], False
            if self.problem.kind != "perfect_bayesian" and self.problem.profiles is None:
                try:
                    _, found, continuum = _numeric_equilibria(
                        self.problem, {n: float(v) for n, v in zip(self.names, self.point)})
                except (TrigameError, ValueError, TypeError, KeyError):
                    return self._solved
                if set_label(found, continuum=continuum) == self.swept_label:
                    listed = [{unit: {action: snap(float(p)) for action, p in probs.items()}
                               for unit, probs in eq.items()} for eqs in found.values() for eq in eqs]
                    self._solved = listed, bool(continuum)
        return self._solved

    def at(self, game: Any, exact: list[Any]) -> str:
        """:data:`BOTH` when the listing describes the set the exact equilibria ``exact`` of the numeric
        ``game`` describe (equal up to points of a continuum, as the map compares sets), :data:`MAP` when it
        describes part of that set (every listed point is one of ``exact`` or lies in a convex set of
        equilibria they span), else :data:`NEITHER`."""
        from trigame.errors import TrigameError
        from trigame.statics._continua import normal_form_continua, profile_of, tree_continua

        listed, continuum = self._solve()
        if not listed or game is None:
            return NEITHER
        try:
            continua = normal_form_continua(game) if self.problem.kind == "nash" else tree_continua(game)
            truth = [profile_of(continua, eq) for eq in exact]
            mine = [profile_of(continua, eq) for eq in listed]
            if continuum and continua.same_set(truth, mine):
                return BOTH
            part = continua.same_set([*truth, *mine], truth)
        except (TrigameError, ValueError, TypeError, KeyError):
            return NEITHER
        return MAP if part else NEITHER
