"""Two lists of equilibria that describe the same continuum: compared exactly at a parameter point.

Where a game has a continuum of equilibria, a solver lists some of its points
(extreme points, in the coordinates it works in), and two solvers need not list
the same ones.  BayesianLateralPressure's stage at g = 1, k_J = 1/4, q = 1/2,
k_L = k_H = pi = 0 is an example: Japan abstains and the two types of South
Korea cooperate with probabilities (L, H) anywhere in the triangle
L + H <= 1/2.  Its agent form (one player per information set) lists the
triangle's corners (0, 0), (1/2, 0), (0, 1/2); its strategic form (South Korea
choosing one of four plans) lists the corners of the set of mixed plans, one of
which, "cooperate in both types" with weight 1/4, is the behaviour (1/4, 1/4),
a point of the triangle's edge.  Both describe the same set.

A listed point ``x`` is *redundant* in a list when it is a convex combination of
other listed points ``T`` and the convex hull of ``T`` and ``x`` consists of
equilibria: then ``T`` already spans a convex set of equilibria through ``x``.
The test is exact and never guesses: the profile is cut into *blocks* of
coordinates on which every equilibrium inequality is affine (for a tree, sets
of information sets no two of which lie on one path; for a strategic form, the
players).  Each inequality (a player's payoff in a subgame minus that of a pure
deviation) is then affine in each block separately, so its minimum over a
product of polytopes, one per block, is taken at a product of vertices.  Hence
if every *hybrid* -- a profile taking each block's values from one of the points
of ``T`` and ``x`` -- is an equilibrium, the product of the blocks' hulls, which
contains the hull of ``T`` and ``x``, consists of equilibria.  A point is kept
whenever the test does not prove it redundant, so a genuine disagreement (an
isolated mixed equilibrium between two pure ones that one list misses, say)
still shows.  Two lists describe the same set here when the points of each that
are not redundant among the points of both are the same.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import to_fraction

__all__: list[str] = []

#: A profile: one tuple of exact probabilities per unit (information set or player), in the units' order.
Profile = tuple[tuple[Fraction, ...], ...]
#: At most this many hybrids are checked to prove one point redundant (beyond: the point is kept).
MAX_HYBRIDS = 4096


class Continua:
    """The units, actions, blocks and exact equilibrium test of one numeric game (see the module docstring).

    ``units`` name the coordinates (information-set keys or players), ``actions`` their actions, ``blocks``
    the groups of unit indices on which every equilibrium inequality is affine, and ``test`` decides exactly
    whether a profile is an equilibrium.  Profiles are handled as codes, one number per block naming the
    block's values, so that the many hybrids (which repeat) are tested once each.
    """

    def __init__(self, units: Sequence[Any], actions: Sequence[Sequence[str]], blocks: Sequence[Sequence[int]],
                 test: Callable[[Profile], bool]) -> None:
        self.units = list(units)
        self.actions = [tuple(a) for a in actions]
        self.blocks = [tuple(b) for b in blocks]
        self._test = test
        self._parts: list[dict[tuple[tuple[Fraction, ...], ...], int]] = [{} for _ in self.blocks]
        self._values: list[list[tuple[tuple[Fraction, ...], ...]]] = [[] for _ in self.blocks]
        self._known: dict[tuple[int, ...], bool] = {}

    def _code(self, profile: Profile) -> tuple[int, ...]:
        code = []
        for b, block in enumerate(self.blocks):
            part = tuple(profile[u] for u in block)
            if part not in self._parts[b]:
                self._parts[b][part] = len(self._values[b])
                self._values[b].append(part)
            code.append(self._parts[b][part])
        return tuple(code)

    def _holds(self, code: tuple[int, ...]) -> bool:
        """Whether the profile with this code is an equilibrium (each code tested once)."""
        if code not in self._known:
            profile: list[tuple[Fraction, ...]] = [()] * len(self.units)
            for b, block in enumerate(self.blocks):
                for u, v in zip(block, self._values[b][code[b]]):
                    profile[u] = v
            self._known[code] = bool(self._test(tuple(profile)))
        return self._known[code]

    def _hybrids_hold(self, codes: Sequence[tuple[int, ...]]) -> bool:
        """Whether every profile taking each block's values from one of the profiles ``codes`` is an equilibrium."""
        options = [sorted({code[b] for code in codes}) for b in range(len(self.blocks))]
        if math.prod(len(o) for o in options) > MAX_HYBRIDS:
            return False
        return all(self._holds(choice) for choice in itertools.product(*options))

    def _redundant(self, i: int, points: Sequence[Profile], codes: Sequence[tuple[int, ...]],
                   flats: Sequence[tuple[int, ...]]) -> bool:
        """Whether ``points[i]`` is a convex combination of other points whose hull with it holds only equilibria.

        ``flats`` are the points' coordinates in a row, as integers over one common denominator.
        """
        x = points[i]
        if all(p in (0, 1) for probs in x for p in probs):
            return False  # a pure profile is a vertex of the profiles' polytope: no combination of others
        if not self._holds(codes[i]):
            return False
        # Spanning sets tried: the points differing from x in no other blocks than a given set D of blocks
        # (D one point's set of differing blocks, smallest first; then all blocks), among them those that can
        # share a convex set of equilibria with x (every hybrid of the two is one).  Small sets mix few blocks
        # (x with points that differ from it in the types' behaviour only, say, and not in an earlier mover's
        # choice that is optimal on part of the continuum only).
        differ = {j: frozenset(b for b, (u, v) in enumerate(zip(codes[i], code)) if u != v)
                  for j, code in enumerate(codes) if j != i}
        pairs: dict[int, bool] = {}  # whether every hybrid of x and point j is an equilibrium, found once per j
        for blocks in sorted(set(differ.values()) | {frozenset(range(len(self.blocks)))}, key=len):
            spanning = []
            for j, d in differ.items():
                if d <= blocks:
                    if j not in pairs:
                        pairs[j] = self._hybrids_hold([codes[i], codes[j]])
                    if pairs[j]:
                        spanning.append(j)
            if (spanning and _in_flat_hull(flats[i], [flats[j] for j in spanning])
                    and self._hybrids_hold([codes[i], *(codes[j] for j in spanning)])):
                return True
        return False

    def same_set(self, first: Sequence[Profile], second: Sequence[Profile]) -> bool:
        """Whether two lists describe the same equilibria: equal once their redundant points are dropped.

        Redundancy is decided once for each distinct point, against the points of both lists: a point of one
        list inside a convex set of equilibria spanned by the other's points is described by both.
        """
        union = list(dict.fromkeys([*first, *second]))
        codes = [self._code(x) for x in union]
        # a point of both lists is kept or dropped in both: only the points of one list alone are decided
        alone = set(first).symmetric_difference(second)
        if not alone:
            return True
        common = math.lcm(*(p.denominator for x in union for probs in x for p in probs))
        flats = [tuple(p.numerator * (common // p.denominator) for probs in x for p in probs) for x in union]
        return all(self._redundant(i, union, codes, flats) for i, x in enumerate(union) if x in alone)


def _in_flat_hull(flat: Sequence[Any], points: Sequence[Sequence[Any]]) -> bool:
    """Whether the vector ``flat`` is a convex combination of the vectors ``points`` (exact numbers: integers or
    Fractions; exact linear feasibility).

    Where ``flat`` takes the least (or greatest) value any point takes in a coordinate, only the points with
    that value there can have weight: the others are dropped first, until none is (this settles most cases).
    """
    from trigame.solve._exact_lp import _feasible

    columns = list(dict.fromkeys(tuple(y) for y in points))
    while columns:
        keep = columns
        for i, v in enumerate(flat):
            low = min(c[i] for c in keep)
            high = max(c[i] for c in keep)
            if v < low or v > high:
                return False
            if v == low or v == high:
                keep = [c for c in keep if c[i] == v]
        if len(keep) == len(columns):
            break
        columns = keep
    if not columns:
        return False
    if any(_on_segment(flat, a, b) for a, b in itertools.combinations_with_replacement(columns, 2)):
        return True  # a point of a segment between two of them (most cases): no linear program
    rows = [([Fraction(1)] * len(columns), Fraction(1))]
    for i, v in enumerate(flat):
        column = [c[i] for c in columns]
        if any(c != v for c in column):  # rows where every point agrees with x hold for any weights
            rows.append((column, v))
    return len(rows) == 1 or _feasible(len(columns), rows, [])


def _on_segment(x: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Whether ``x = a + t (b - a)`` for some ``0 <= t <= 1``, exactly (``t = num / den``, cross-multiplied)."""
    num = den = None
    for v, p, q in zip(x, a, b):
        if p == q:
            if v != p:
                return False
            continue
        if den is None:
            num, den = (v - p, q - p) if q > p else (p - v, p - q)
            if not 0 <= num <= den:
                return False
        elif (v - p) * den != num * (q - p):
            return False
    return True


def tree_continua(tree: Any) -> Continua:
    """The :class:`Continua` of an exact game tree: units its information sets, the test subgame perfection.

    A behaviour profile is subgame-perfect iff it is a Nash equilibrium of every subgame (Selten 1965), each
    checked in the subgame's strategic form by :func:`trigame.verify.is_nash` (exactly), or, for a subgame
    whose stage is a single decision node, at that node given the subgames below it.  Blocks are filled
    greedily with information sets none of which lies on a path through another.
    """
    from trigame.games.tree.nodes import Decision, Terminal
    from trigame.verify import is_nash

    infos = list(tree.information_sets)
    keys = [info.key for info in infos]
    index = {key: n for n, key in enumerate(keys)}
    above: list[set[int]] = [set() for _ in infos]  # the information sets on the paths to each one's nodes
    for n, key in enumerate(keys):
        for k in tree._members[tree._infoset_index[key]]:
            y = tree._parent[k]
            while y is not None and y >= 0:
                if isinstance(tree._nodes[y], Decision):
                    above[n].add(index[tree._infosets[tree._node_infoset[y]].key])
                y = tree._parent[y]
    blocks: list[list[int]] = []
    for n in range(len(infos)):
        for block in blocks:
            if all(m not in above[n] and n not in above[m] for m in block):
                block.append(n)
                break
        else:
            blocks.append([n])
    # The proper subgames first and the whole tree last: a profile that fails in a small subgame is refused
    # without the whole tree's strategic form; each subgame's verdict is kept per profile of its own units
    # (hybrids repeat them), and each strategic form is built when first needed.  A subgame whose stage is
    # one decision node (its other nodes in terminal nodes or proper subgames, all tested before it) is
    # tested at that node alone: with every proper subgame below played as a Nash equilibrium, the profile is
    # one of the subgame iff the mover plays only actions of the best continuation payoff (the one-shot
    # deviation principle, as in backward induction).
    paths = sorted(tree.subgame_roots(), key=len, reverse=True)
    order = {path: n for n, path in enumerate(paths)}
    subgames: list[Any] = [tree.subgame(path) if path else tree for path in paths]
    units_of = [[index[info.key] for info in sub.information_sets] for sub in subgames]
    forms: list[Any] = [None] * len(subgames)
    verdicts: list[dict[tuple[tuple[Fraction, ...], ...], bool]] = [{} for _ in subgames]
    values: list[dict[tuple[tuple[Fraction, ...], ...], tuple[Any, ...]]] = [{} for _ in subgames]
    stages: list[tuple[int, int, list[tuple[Any, int | None]]] | None] = []
    for path in paths:
        r = tree._index(path)
        node = tree._nodes[r]
        below = [(c, tree._paths[c]) for c in tree._children[r]]
        if (tree.kind == "exact" and isinstance(node, Decision)
                and all(isinstance(tree._nodes[c], Terminal) or p in order for c, p in below)):
            unit = index[tree._infosets[tree._node_infoset[r]].key]
            outcomes = {tree._label[c]: (tree._values.get(c), order.get(p)) for c, p in below}
            stages.append((unit, tree.players.index(node.player), [outcomes[a] for a in infos[unit].actions]))
        else:
            stages.append(None)

    def local(n: int, profile: Profile) -> tuple[tuple[Fraction, ...], ...]:
        return tuple(profile[u] for u in units_of[n])

    def behaviour(n: int, part: tuple[tuple[Fraction, ...], ...]) -> dict[Any, dict[str, Fraction]]:
        return {keys[u]: dict(zip(infos[u].actions, probs)) for u, probs in zip(units_of[n], part)}

    def value(n: int, profile: Profile) -> tuple[Any, ...]:
        part = local(n, profile)
        if part not in values[n]:
            values[n][part] = subgames[n].expected_payoffs(behaviour(n, part))
        return values[n][part]

    def holds(n: int, profile: Profile, part: tuple[tuple[Fraction, ...], ...]) -> bool:
        stage = stages[n]
        if stage is not None:
            unit, mover, outcomes = stage
            payoffs = [leaf[mover] if m is None else value(m, profile)[mover] for leaf, m in outcomes]
            best = max(payoffs)
            return all(p == 0 or v == best for p, v in zip(profile[unit], payoffs))
        if forms[n] is None:
            forms[n] = subgames[n].to_normal_form()
        return bool(is_nash(forms[n], subgames[n].strategy_profile(behaviour(n, part))))

    def test(profile: Profile) -> bool:
        for n in range(len(subgames)):
            part = local(n, profile)
            verdict = verdicts[n].get(part)
            if verdict is None:
                verdict = verdicts[n][part] = holds(n, profile, part)
            if not verdict:
                return False
        return True

    return Continua(keys, [info.actions for info in infos], blocks, test)


def normal_form_continua(game: Any) -> Continua:
    """The :class:`Continua` of an exact strategic-form game: units and blocks its players, the test Nash."""
    import numpy as np

    from trigame.verify import is_nash

    def test(profile: Profile) -> bool:
        return is_nash(game, [np.array(p, dtype=object) for p in profile])

    n = len(game.players)
    return Continua(game.players, game.strategies, [[i] for i in range(n)], test)


def profile_of(continua: Continua, probabilities: Mapping[Any, Mapping[str, Any]]) -> Profile:
    """A profile from ``{unit: {action: probability}}`` (a regime's probabilities, evaluated, or a solver's)."""
    by_name = {str(k): v for k, v in probabilities.items()}
    out = []
    for unit, actions in zip(continua.units, continua.actions):
        probs = probabilities[unit] if unit in probabilities else by_name[str(unit)]
        out.append(tuple(to_fraction(probs[a]) for a in actions))
    return tuple(out)
