"""One stage of a tree, solved for perfect Bayesian equilibria by enumerating the supports of its behaviour.

A *stage* is the part of a subgame outside its proper subgames; its leaves are
terminal nodes and the roots of the subgames directly below, valued by the
payoffs those subgames yield.  Every information set of the stage lies in the
subgame rooted at the stage root ``x``, so Bayes' rule there (requirements 2
and 3) is conditional on reaching ``x``.

For each *support profile* (a nonempty set of actions at each information set
of the stage):

* the reach probability from ``x`` of every node is a monomial in the mixed
  behaviour probabilities (positive on the supports), so which information
  sets are reached -- where Bayes' rule binds -- is decided;
* at a reached information set ``h`` the mover's belief is
  ``R(n) / sum_{n' in h} R(n')``; multiplying the optimality conditions by the
  positive denominator (and by the monomial common to every ``R(n)``, also
  positive) leaves polynomials;  at an unreached one the belief is a new
  variable in the simplex over the nodes not behind a chance outcome of
  probability zero (over all its nodes when every one is; the rule and its
  reason are in :mod:`._tree_assess`);
* the conditions: every supported action has the same expected continuation
  value, at least that of every other action.

The system is multilinear.  :func:`~._tree_poly.eliminate_sums` substitutes
what the linear equations fix and each set's sum-to-one equation; if what
remains is linear, its solution set is a polytope whose vertices are
enumerated exactly, and the behaviour at each vertex is a candidate (the
closure of the support's solutions: a vertex where a supported action gets
probability 0 is an equilibrium with a smaller support).  A system that stays
polynomial is solved by :func:`~._tree_poly.solve_polynomial` (certified
roots; continua flagged, and then the result is incomplete).

A leaf may stand for a continuum of equilibria of the subgame below (see
:mod:`.tree`): its value is then ``sum_j λ_j v_j`` over the continuum's extreme
points, with weights ``λ`` in the simplex that are unknowns of the system like
the behaviour.  Each support profile whose solution set has several points is
reported as a :class:`Piece`, with whether the stage's payoffs are affine on
it, so that the stage above may take it whole in turn.

The systems, the payoff bounds and the tests that cut the walk over support
profiles short belong to :class:`~._tree_supports.Stage`.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from trigame.budget import WorkBudget
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Chance
from trigame.solve._components import Components
from trigame.solve.perfect_bayesian._tree_linear import degree, evaluate, polytope, variables
from trigame.solve.perfect_bayesian._tree_poly import (
    MAX_TIGHT_SETS,
    MAX_UNKNOWNS,
    complete_values,
    eliminate_sums,
    holds_on_box,
    solve_polynomial,
    to_fraction,
)
from trigame.solve.perfect_bayesian._tree_supports import Stage

__all__ = ["Piece", "StageSolution", "solve_stage", "supports", "undominated"]


@dataclass(frozen=True)
class StageSolution:
    """Behaviour at the stage's information sets, the payoffs from the stage root, and a continuum id."""

    behavior: tuple[tuple[Hashable, tuple[Fraction, ...]], ...]
    value: tuple[Fraction, ...]
    component: int
    #: False when some probability is irrational, given here to about 60 digits (a multiple of 2**-220)
    exact: bool = True
    #: the weights on the extreme points of each mixed leaf (in the order of their roots)
    weights: tuple[tuple[Fraction, ...], ...] = ()


@dataclass(frozen=True)
class Piece:
    """The solutions (indices into the stage's list) of one support profile whose solution set is a polytope
    in behaviour with these extreme points, and whether the stage's payoffs are affine on it."""

    members: tuple[int, ...]
    #: the payoffs from the stage root at a mixture of the members are the mixture of theirs
    affine: bool
    #: per player, whether the payoff from the stage root is the same at every point of the profile's closure
    #: (None where ``affine``: the stage above then takes the continuum whole and does not ask)
    fixed: tuple[bool, ...] | None


def supports(actions: Sequence[str]) -> list[tuple[str, ...]]:
    """The nonempty subsets of ``actions``, smallest first (pure choices first)."""
    return [s for size in range(1, len(actions) + 1) for s in itertools.combinations(actions, size)]


def undominated(stage: Stage) -> dict[int, tuple[str, ...]]:
    """The actions at each information set of the stage that are not conditionally dominated.

    Action ``a`` at ``h`` is removed when some other action ``b`` there is
    better at *every* node of ``h`` a belief may weigh
    (:meth:`~._tree_supports.Stage.believed`) by the whole payoff interval
    (:meth:`~._tree_supports.Stage.bounds`): the most ``a`` can pay at ``n`` is less than the
    least ``b`` can pay at ``n``, for every such ``n``.  Then for every
    admissible belief at ``h`` and every behaviour after it, ``b`` does
    strictly better than ``a``, so no sequentially rational assessment plays
    ``a``.

    Iterating is safe in any order.  Invariant: every perfect Bayesian
    behaviour of the stage gives probability 0 to every action removed so
    far.  In such a behaviour the payoff of a node is a convex combination of
    the payoffs of the leaves reached from it through actions not removed
    (and chance outcomes of positive probability), which is what the
    intervals bound once the removed actions are left out.  So an action
    dominated in that sense at round ``k + 1`` pays strictly less than ``b``
    under the (Bayes or off-path) belief at ``h`` in every such behaviour,
    and sequential rationality gives it probability 0: the invariant holds
    again.  The action with the greatest interval at any one node of ``h`` is
    never removed, so every information set keeps at least one action.
    """
    tree = stage.tree
    allowed = {h: tuple(tree._infosets[h].actions) for h in stage.infosets}
    while True:
        box = stage.bounds(allowed)
        changed = False
        for h in stage.infosets:
            info = tree._infosets[h]
            i = stage.player_index[info.player]
            members = stage.believed(h)
            live = allowed[h]
            keep = tuple(a for a in live if not any(
                b != a and all(box[stage.child(n, a)][i][1] < box[stage.child(n, b)][i][0] for n in members)
                for b in live))
            if keep != live:
                allowed[h] = keep
                changed = True
        if not changed:
            return allowed


def solve_stage(tree: GameTree, x: int, inner: list[int], leaves: dict[int, tuple[Fraction, ...]],
                chance: dict[int, tuple[Fraction, ...]], possible: frozenset[int], budget: WorkBudget,
                vertex_budget: WorkBudget, notes: list[str], mixed: dict[int, list[tuple[Fraction, ...]]]
                ) -> tuple[list[StageSolution], bool, list[Piece]] | None:
    """Every perfect Bayesian behaviour of the stage at ``x`` (extreme points of continua); whether complete;
    and the continua, one :class:`Piece` per support profile with several solutions.

    ``mixed`` gives the leaves valued by a continuum of the subgame below
    (see :class:`~._tree_supports.Stage`): their weights are unknowns like the
    behaviour, and each solution gives them (``weights``); but None is
    returned as soon as a support profile's conditions, reduced, multiply a
    weight by another unknown (the solutions would then be points of a
    continuum cut out by polynomials, not the polytope the stage above needs).

    Actions that are conditionally dominated (see :func:`undominated`) are
    left out of every support, and a partial support profile is abandoned as
    soon as an information set whose followers all have supports fails the
    test of :meth:`~._tree_supports.Stage.possible`; both are necessary conditions of
    sequential rationality, so no equilibrium is lost.  Spends one unit of
    ``budget`` per support profile examined (complete, or partial and
    abandoned); raises :class:`~trigame.errors.BudgetExceededError` past it.
    """
    stage = Stage(tree, x, inner, leaves, chance, possible, mixed)
    mixed_roots = list(stage.mixed)
    weight_ids = frozenset(stage.weight_ids.values())
    infosets = stage.infosets
    keyed = [tree._infosets[h] for h in infosets]
    allowed = undominated(stage)
    options = {h: supports(allowed[h]) for h in infosets}
    rank = {h: {s: j for j, s in enumerate(supports(tree._infosets[h].actions))} for h in infosets}
    order, ready = stage.schedule()
    Point = tuple[tuple[tuple[Fraction, ...], ...], tuple[tuple[Fraction, ...], ...]]  # behaviour, weights
    found: dict[Point, tuple[tuple[int, ...], int]] = {}
    joined: Components[int] = Components()  # over point ids
    complete = True
    index: dict[Point, int] = {}
    inexact: set[Point] = set()
    # the point ids of each continuum, whether the payoffs are affine on it, and which players' are fixed
    convex: list[tuple[list[int], bool, tuple[bool, ...] | None]] = []
    for choice in stage.profiles(order, ready, options, budget, vertex_budget):
        profile = dict(zip(infosets, choice))
        if not stage.plausible(profile):
            continue
        equalities, inequalities, strict, var, groups = stage.system(profile)
        reduced = eliminate_sums(equalities, inequalities, strict, groups)
        if reduced is None:
            continue
        eqs, ineqs, stricts, known, chain = reduced
        # every unknown is a probability: a nonlinear inequality that holds on the whole box says nothing
        ineqs = [p for p in ineqs if degree(p) <= 1 or not holds_on_box(p)]
        if weight_ids and any(len(m) > 1 and m & weight_ids for p in [*eqs, *ineqs, *stricts] for m in p):
            return None
        shown = "; ".join(f"{info.key}: {{{', '.join(s)}}}" for info, s in zip(keyed, choice))
        continuum = True  # the points of one profile are one continuum unless shown isolated
        linear = True  # a linear system's solutions are the polytope of its points; a polynomial one's are not
        vertices: list[dict[int, Fraction]] = []
        exact: list[bool] = []
        if any(degree(p) > 1 for p in [*eqs, *ineqs, *stricts]):
            unknowns = set(var.values()) | set(stage.weight_ids.values())
            solved_poly = solve_polynomial(eqs, ineqs, stricts, unknowns, vertex_budget)
            linear = False
            if solved_poly is None:
                complete = False
                notes.append(f"the support profile ({shown}) of the stage at {_where(tree, x)} leads to a "
                             f"polynomial system in more than {MAX_UNKNOWNS} unknowns, or with more than "
                             f"{MAX_TIGHT_SETS} sets of inequalities to make tight (a continuum of many "
                             "dimensions); it was not solved, so perfect Bayesian equilibria with this support "
                             "may be missing")
                continue
            if solved_poly.undecided:
                complete = False
                notes.append(f"the support profile ({shown}) of the stage at {_where(tree, x)}: a polynomial "
                             "system with a positive-dimensional solution set could not be sliced to points; "
                             "perfect Bayesian equilibria with this support may be missing")
            continuum = solved_poly.continuum
            if continuum and solved_poly.points:
                complete = False
                notes.append(f"the support profile ({shown}) of the stage at {_where(tree, x)} has a continuum "
                             "of solutions cut out by polynomials: the listed points (its corners and samples) "
                             "share a component but do not describe it")
            vertices, exact = [], []
            for root, is_exact in zip(solved_poly.points, solved_poly.exact):
                vertex = {v: to_fraction(value) for v, value in root.items()}
                # a supported action given probability 0: a point of a smaller support, found with that one; a
                # set this support reaches may be unreached there, its conditions (multiplied by its reach)
                # void, so the point need not be an equilibrium (unlike the closure of a polytope's interior)
                if is_exact and any(variables(p) <= vertex.keys() and evaluate(p, vertex) == 0 for p in stricts):
                    continue
                vertices.append(vertex)
                exact.append(is_exact)
        else:
            solved = polytope(eqs, ineqs, stricts, vertex_budget)
            if solved is None or not solved[1]:
                continue  # empty, or only points of smaller supports (found with those)
            vertices, exact = solved[0], [True] * len(solved[0])
        # the position of this profile in the product of all supports, to list solutions in that order
        position = tuple(rank[h][s] for h, s in zip(infosets, choice))
        points: list[Point] = []
        for vertex in vertices:
            values = complete_values(vertex, known, chain)
            behavior = []
            for h, s in zip(infosets, choice):
                info = tree._infosets[h]
                if len(s) == 1:
                    behavior.append(tuple(Fraction(1 if a == s[0] else 0) for a in info.actions))
                else:
                    behavior.append(tuple(values.get(var[(h, a)], Fraction(0)) if a in s else Fraction(0)
                                          for a in info.actions))
            weights = tuple(tuple(values.get(stage.weight_ids[(y, j)], Fraction(0)) for j in range(len(stage.mixed[y])))
                            for y in mixed_roots)
            points.append((tuple(behavior), weights))
        ids = []
        for seq, (point, is_exact) in enumerate(zip(points, exact)):
            if point not in index:
                index[point] = len(index)
            if not is_exact:
                inexact.add(point)
            if point not in found or (position, seq) < found[point]:
                found[point] = (position, seq)
            ids.append(index[point])
        if continuum:
            for a in ids[1:]:
                joined.union(a, ids[0])
            distinct = sorted(set(ids))
            if len(distinct) > 1:
                moving = {h for j, h in enumerate(infosets) if len({p[0][j] for p in points}) > 1}
                shifted = {y for j, y in enumerate(mixed_roots) if len({p[1][j] for p in points}) > 1}
                affine = linear and stage.affine(moving, shifted)  # no walk up the tree when nonlinear
                # where not affine, which payoffs the supports (and the mixed leaves' hulls) fix
                fixed = None if affine else tuple(lo == hi for lo, hi in stage.bounds(profile)[x])
                convex.append((distinct, affine, fixed))
    solutions: list[StageSolution] = []
    position_of: dict[int, int] = {}
    for point in sorted(found, key=found.__getitem__):
        behavior_point, weights = point
        flat = tuple((tree._infosets[h].key, probs) for h, probs in zip(infosets, behavior_point))
        position_of[index[point]] = len(solutions)
        solutions.append(StageSolution(flat, stage_value(stage, dict(zip(infosets, behavior_point)), weights),
                                       joined.find(index[point]), point not in inexact, weights))
    pieces = [Piece(tuple(sorted(position_of[i] for i in ids)), affine, fixed) for ids, affine, fixed in convex]
    return solutions, complete, pieces


def stage_value(stage: Stage, behavior: dict[int, tuple[Fraction, ...]],
                weights: tuple[tuple[Fraction, ...], ...] = ()) -> tuple[Fraction, ...]:
    """The payoffs from the stage root under ``behavior`` (leaves valued by ``stage.leaves``, and the mixed
    leaves by ``weights`` on their extreme points)."""
    tree = stage.tree
    values: dict[int, tuple[Fraction, ...]] = dict(stage.leaves)
    for (y, points), mix in zip(stage.mixed.items(), weights):
        values[y] = tuple(sum((m * v[i] for m, v in zip(mix, points)), Fraction(0)) for i in range(len(tree.players)))
    for k in reversed(stage.inner):
        node = tree._nodes[k]
        total = [Fraction(0)] * len(tree.players)
        for j, (label, c) in enumerate(stage.children(k)):
            if isinstance(node, Chance):
                w = stage.chance[k][j]
            else:
                info = tree._infosets[tree._node_infoset[k]]
                w = behavior[tree._node_infoset[k]][info.actions.index(label)]
            if w:
                total = [t + w * v for t, v in zip(total, values[c])]
        values[k] = tuple(total)
    return values[stage.x]


def _where(tree: GameTree, x: int) -> str:
    return "the root" if x == 0 else " > ".join(tree._paths[x])



