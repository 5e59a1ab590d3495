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

Caches: the value of a node (a polynomial per player) depends only on the
supports at and below it, so variable ids are fixed per stage and values are
kept per (node, supports below); the test of a partial profile at ``h``
depends only on the supports at ``h`` and at the sets after it, and is kept
under that key.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from trigame.budget import WorkBudget
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Chance, Decision
from trigame.solve.perfect_bayesian._tree_linear import (
    Poly,
    constant,
    degree,
    padd,
    pmul,
    polytope,
    psub,
)
from trigame.solve.perfect_bayesian._tree_poly import (
    MAX_TIGHT_SETS,
    MAX_UNKNOWNS,
    complete_values,
    eliminate_sums,
    holds_on_box,
    solve_polynomial,
    to_fraction,
)

__all__ = ["StageSolution", "solve_stage", "supports", "undominated"]


@dataclass(frozen=True)
class StageSolution:
    """Behaviour at the stage's information sets, the payoffs from the stage root, and a continuum id."""

    behavior: tuple[tuple[Hashable, tuple[Fraction, ...]], ...]
    value: tuple[Fraction, ...]
    component: int
    #: False when some probability is irrational, given here to about 60 digits (a multiple of 2**-220)
    exact: bool = True


def supports(actions: Sequence[str]) -> list[tuple[str, ...]]:
    """The nonempty subsets of ``actions``, smallest first (pure choices first)."""
    return [s for size in range(1, len(actions) + 1) for s in itertools.combinations(actions, size)]


class _Stage:
    def __init__(self, tree: GameTree, x: int, inner: list[int], leaves: dict[int, tuple[Fraction, ...]],
                 chance: dict[int, tuple[Fraction, ...]]) -> None:
        self.tree = tree
        self.x = x
        self.inner = inner
        self.leaves = leaves
        self.chance = chance
        self.infosets = sorted({tree._node_infoset[k] for k in inner if isinstance(tree._nodes[k], Decision)})
        self.player_index = {p: i for i, p in enumerate(tree.players)}
        # one variable id per (information set, action) and per (information set, node), whatever the profile,
        # so that the value of a node depends only on the supports at and below it (and can be cached)
        self.sigma_ids = {(h, a): j for j, (h, a) in enumerate(
            (h, a) for h in self.infosets for a in tree._infosets[h].actions)}
        self.belief_ids = {(h, n): len(self.sigma_ids) + j for j, (h, n) in enumerate(
            (h, n) for h in self.infosets for n in tree._members[h])}
        inside = set(inner)
        below: dict[int, frozenset[int]] = {}
        for k in reversed(inner):
            found = set().union(*(below[c] for c in tree._children[k] if c in inside))
            if isinstance(tree._nodes[k], Decision):
                found.add(tree._node_infoset[k])
            below[k] = frozenset(found)
        #: the information sets at and below each inner node, whose supports fix the node's value
        self.below = {k: tuple(sorted(v)) for k, v in below.items()}
        self._values: dict[tuple[int, tuple[tuple[str, ...], ...]], list[Poly]] = {}
        self._possible: dict[tuple[Any, ...], bool] = {}
        self._bounds: dict[tuple[Any, ...], tuple[tuple[Fraction, Fraction], ...]] = {}
        self.chance_weights = {k: [constant(p) for p in chance[k]] for k in inner if isinstance(tree._nodes[k], Chance)}
        self.follow: dict[int, tuple[int, ...]] = {}
        drawn = {x}
        for k in inner:  # preorder: parents first
            if k in drawn:
                drawn.update(c for j, c in enumerate(tree._children[k])
                             if not isinstance(tree._nodes[k], Chance) or chance[k][j] > 0)
        #: the nodes reached from ``x`` through no chance outcome of probability zero
        self.drawn = frozenset(drawn)

    def believed(self, h: int) -> list[int]:
        """The nodes of ``h`` a belief may weigh: those not behind a zero-probability chance outcome, if any,
        else all (see :mod:`._tree_assess`)."""
        members = self.tree._members[h]
        return [n for n in members if n in self.drawn] or list(members)

    def children(self, k: int) -> list[tuple[str, int]]:
        tree = self.tree
        return [(tree._label[c], c) for c in tree._children[k]]

    def system(self, profile: dict[int, tuple[str, ...]]) -> tuple[list[Poly], list[Poly], list[Poly],
                                                                  dict[tuple[int, str], int], dict[int, Any]]:
        """The equalities, inequalities and strict inequalities of a support profile, its σ variables, and
        the group of every variable (``h`` for σ at ``h``, ``("belief", h)`` for the free beliefs at ``h``)."""
        tree = self.tree
        var = {(h, a): self.sigma_ids[(h, a)] for h in self.infosets if len(profile[h]) > 1 for a in profile[h]}
        groups: dict[int, Any] = {v: h for (h, _), v in var.items()}

        one = constant(1)

        def weight(k: int, j: int, label: str) -> Poly:
            h = tree._node_infoset.get(k)
            if h is None:
                return self.chance_weights[k][j]
            if label not in profile[h]:
                return {}
            return one if len(profile[h]) == 1 else {frozenset((var[(h, label)],)): Fraction(1)}

        reach: dict[int, Poly] = {self.x: constant(1)}
        for k in self.inner:  # preorder: parents first
            r = reach.get(k, {})
            for j, (label, c) in enumerate(self.children(k)):
                reach[c] = pmul(r, weight(k, j, label)) if r else {}
        values: dict[int, list[Poly]] = {k: [constant(v) for v in vals] for k, vals in self.leaves.items()}
        cache = self._values
        if len(cache) > 200_000:
            cache.clear()
        for k in reversed(self.inner):
            key = (k, tuple(profile[h] for h in self.below[k]))
            cached = cache.get(key)
            if cached is None:
                total: list[Poly] = [{} for _ in tree.players]
                for j, (label, c) in enumerate(self.children(k)):
                    w = weight(k, j, label)
                    if w:
                        total = [padd(t, pmul(w, v)) if v else t for t, v in zip(total, values[c])]
                cached = cache[key] = total
            values[k] = cached
        equalities: list[Poly] = []
        inequalities: list[Poly] = []
        strict: list[Poly] = []
        for h in self.infosets:
            if len(profile[h]) > 1:
                equalities.append(psub({frozenset((var[(h, a)],)): Fraction(1) for a in profile[h]}, constant(1)))
                strict.extend({frozenset((var[(h, a)],)): Fraction(1)} for a in profile[h])
        for h in self.infosets:
            info = tree._infosets[h]
            members = tree._members[h]
            i = self.player_index[info.player]
            reached = [n for n in members if reach.get(n)]
            if reached:
                common = frozenset.intersection(*(m for n in reached for m in reach[n]))
                weights = {n: {m - common: c for m, c in reach[n].items()} for n in reached}
            elif len(members) == 1:
                weights = {members[0]: constant(1)}
            else:  # unreached: a free belief over the nodes it may weigh
                weights = {}
                for n in self.believed(h):
                    belief = self.belief_ids[(h, n)]
                    weights[n] = {frozenset((belief,)): Fraction(1)}
                    inequalities.append(weights[n])
                    groups[belief] = ("belief", h)
                equalities.append(psub({m: c for w in weights.values() for m, c in w.items()}, constant(1)))

            def worth(action: str, weights: dict[int, Poly] = weights, i: int = i) -> Poly:
                total: Poly = {}
                for n, w in weights.items():
                    c = tree._child_of[(n, action)]
                    total = padd(total, pmul(w, values[c][i]))
                return total

            first, *others = profile[h]
            best = worth(first)
            for a in others:
                equalities.append(psub(worth(a), best))
            for b in info.actions:
                if b not in profile[h]:
                    inequalities.append(psub(best, worth(b)))
        return equalities, inequalities, strict, var, groups

    def child(self, n: int, action: str) -> int:
        return self.tree._child_of[(n, action)]

    def bounds(self, allowed: Mapping[int, Sequence[str]]) -> dict[int, tuple[tuple[Fraction, Fraction], ...]]:
        """For every node, per player, an interval holding its payoff whenever each mover plays within ``allowed``.

        A leaf is a point; a chance node takes the expectation of its
        children's bounds (outcomes of probability zero drop out); a decision
        node the hull of those of its allowed actions (a mixture lies between).
        """
        tree = self.tree
        out: dict[int, tuple[tuple[Fraction, Fraction], ...]] = {
            k: tuple((v, v) for v in vals) for k, vals in self.leaves.items()}
        cache = self._bounds
        if len(cache) > 200_000:
            cache.clear()
        for k in reversed(self.inner):
            key = (k, tuple(tuple(allowed[h]) for h in self.below[k]))
            known = cache.get(key)
            if known is not None:
                out[k] = known
                continue
            node = tree._nodes[k]
            if isinstance(node, Chance):
                parts = [(p, out[c]) for p, (_, c) in zip(self.chance[k], self.children(k)) if p]
                out[k] = tuple((sum((p * b[i][0] for p, b in parts), Fraction(0)),
                                sum((p * b[i][1] for p, b in parts), Fraction(0))) for i in range(len(tree.players)))
            else:
                h = tree._node_infoset[k]
                parts_d = [out[c] for label, c in self.children(k) if label in allowed[h]]
                out[k] = tuple((min(b[i][0] for b in parts_d), max(b[i][1] for b in parts_d))
                               for i in range(len(tree.players)))
            cache[key] = out[k]
        return out

    def followers(self) -> dict[int, set[int]]:
        """For each information set of the stage, the information sets met strictly below its nodes."""
        tree = self.tree
        below: dict[int, set[int]] = {}
        for k in reversed(self.inner):  # children first
            found: set[int] = set()
            for _, c in self.children(k):
                if c in below:
                    found |= below[c]
                    if isinstance(tree._nodes[c], Decision):
                        found.add(tree._node_infoset[c])
            below[k] = found
        out: dict[int, set[int]] = {h: set() for h in self.infosets}
        for k in self.inner:
            if isinstance(tree._nodes[k], Decision):
                out[tree._node_infoset[k]] |= below[k]
        return out

    def schedule(self) -> tuple[list[int], list[list[int]]]:
        """An order of the information sets, later movers first, and the sets whose followers are all
        assigned once the first ``d + 1`` are (``ready[d]``), each listed once."""
        follow = self.followers()
        self.follow = {h: tuple(sorted(f)) for h, f in follow.items()}
        last = {h: max(self.tree._members[h]) for h in self.infosets}
        order: list[int] = []
        left = sorted(self.infosets, key=lambda h: -last[h])
        while left:
            pick = next((h for h in left if follow[h] <= set(order)), left[0])
            left.remove(pick)
            order.append(pick)
        ready: list[list[int]] = []
        done: set[int] = set()
        for d in range(len(order)):
            assigned = set(order[:d + 1])
            now = [h for h in order[:d + 1] if h not in done and follow[h] <= assigned]
            done.update(now)
            ready.append(now)
        return order, ready

    def plausible(self, profile: dict[int, tuple[str, ...]]) -> bool:
        """False when the complete support profile has no equilibrium with every supported action used.

        Under such a behaviour every node reached from the stage root through
        supported actions (and chance outcomes of positive probability) has
        positive probability, so Bayes' rule puts positive belief on exactly
        those nodes of an information set.  A supported action that another
        action beats at every reached node of its set, by the whole payoff
        interval of :meth:`bounds` (within the supports), is then strictly
        worse, a contradiction.  (The points of the closure where some
        supported action has probability 0 belong to smaller supports.)
        """
        tree = self.tree
        reached = {self.x}
        for k in self.inner:  # preorder: parents first
            if k not in reached:
                continue
            h = tree._node_infoset.get(k)
            for j, c in enumerate(tree._children[k]):
                if (self.chance[k][j] > 0) if h is None else (tree._label[c] in profile[h]):
                    reached.add(c)
        box = None
        for h in self.infosets:
            nodes = [n for n in tree._members[h] if n in reached]
            if not nodes:
                continue
            if box is None:
                box = self.bounds(profile)
            i = self.player_index[tree._infosets[h].player]
            for a in profile[h]:
                for b in tree._infosets[h].actions:
                    if all(box[self.child(n, a)][i][1] < box[self.child(n, b)][i][0] for n in nodes):
                        return False
        return True

    def possible_cached(self, h: int, partial: dict[int, tuple[str, ...]], vertex_budget: WorkBudget) -> bool:
        """:meth:`possible`, remembered: it depends only on the supports at ``h`` and at its followers."""
        key = (h, partial[h], tuple(partial[g] for g in self.follow[h]))
        known = self._possible.get(key)
        if known is None:
            known = self._possible[key] = self.possible(h, partial, vertex_budget)
        return known

    def possible(self, h: int, partial: dict[int, tuple[str, ...]], vertex_budget: WorkBudget) -> bool:
        """False when no belief at ``h`` makes the support ``partial[h]`` optimal, whatever the free
        probabilities within the supports of the (all assigned) information sets after ``h``.

        With pure supports after ``h`` the continuation payoffs are numbers and
        the test is exact (a belief in the simplex making the supported actions
        equal and best); otherwise it uses the payoff intervals of
        :meth:`bounds`: a supported action that some action beats at every
        node of ``h`` by its whole interval is never optimal.
        """
        tree = self.tree
        info = tree._infosets[h]
        i = self.player_index[info.player]
        members = self.believed(h)
        allowed = {g: partial.get(g, tree._infosets[g].actions) for g in self.infosets}
        box = self.bounds(allowed)
        support = partial[h]
        interval = {(n, a): box[self.child(n, a)][i] for n in members for a in info.actions}
        if any(lo != hi for lo, hi in interval.values()):
            return not any(all(interval[(n, a)][1] < interval[(n, b)][0] for n in members)
                           for a in support for b in info.actions)
        if len(members) == 1:
            (n,) = members
            best = max(interval[(n, a)][0] for a in info.actions)
            return all(interval[(n, a)][0] == best for a in support)
        var = {n: frozenset((j,)) for j, n in enumerate(members)}
        eqs: list[Poly] = [psub({m: Fraction(1) for m in var.values()}, constant(1))]
        ineqs: list[Poly] = [{m: Fraction(1)} for m in var.values()]
        first = support[0]
        for b in info.actions:
            if b == first:
                continue
            poly: Poly = {var[n]: interval[(n, first)][0] - interval[(n, b)][0] for n in members
                          if interval[(n, first)][0] != interval[(n, b)][0]}
            if not poly:
                continue
            (eqs if b in support else ineqs).append(poly)
        return polytope(eqs, ineqs, [], vertex_budget) is not None

    def profiles(self, order: list[int], ready: list[list[int]], options: dict[int, list[tuple[str, ...]]],
                 budget: WorkBudget, vertex_budget: WorkBudget) -> Iterator[tuple[tuple[str, ...], ...]]:
        """The support profiles (in ``self.infosets`` order) that pass :meth:`possible` wherever it applies.

        A depth-first walk over ``order``; a partial profile that fails is
        abandoned with all its completions.  One unit of ``budget`` per
        complete profile yielded and per partial profile abandoned.
        """
        if not order:
            budget.spend()
            yield ()
            return
        depth = len(order)
        position = [0] * depth
        partial: dict[int, tuple[str, ...]] = {}
        d = 0
        while d >= 0:
            if position[d] == len(options[order[d]]):
                position[d] = 0
                partial.pop(order[d], None)
                d -= 1
                if d >= 0:
                    position[d] += 1
                continue
            h = order[d]
            partial[h] = options[h][position[d]]
            if not all(self.possible_cached(g, partial, vertex_budget) for g in ready[d]):
                budget.spend()
                position[d] += 1
                continue
            if d + 1 < depth:
                d += 1
                continue
            budget.spend()
            yield tuple(partial[g] for g in self.infosets)
            position[d] += 1


def undominated(stage: _Stage) -> dict[int, tuple[str, ...]]:
    """The actions at each information set of the stage that are not conditionally dominated.

    Action ``a`` at ``h`` is removed when some other action ``b`` there is
    better at *every* node of ``h`` a belief may weigh
    (:meth:`_Stage.believed`) by the whole payoff interval
    (:meth:`_Stage.bounds`): the most ``a`` can pay at ``n`` is less than the
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
                chance: dict[int, tuple[Fraction, ...]], budget: WorkBudget, vertex_budget: WorkBudget,
                notes: list[str]) -> tuple[list[StageSolution], bool]:
    """Every perfect Bayesian behaviour of the stage at ``x`` (extreme points of continua); and whether complete.

    Actions that are conditionally dominated (see :func:`undominated`) are
    left out of every support, and a partial support profile is abandoned as
    soon as an information set whose followers all have supports fails the
    test of :meth:`_Stage.possible`; both are necessary conditions of
    sequential rationality, so no equilibrium is lost.  Spends one unit of
    ``budget`` per support profile examined (complete, or partial and
    abandoned); raises :class:`~trigame.errors.BudgetExceededError` past it.
    """
    stage = _Stage(tree, x, inner, leaves, chance)
    infosets = stage.infosets
    keyed = [tree._infosets[h] for h in infosets]
    allowed = undominated(stage)
    options = {h: supports(allowed[h]) for h in infosets}
    rank = {h: {s: j for j, s in enumerate(supports(tree._infosets[h].actions))} for h in infosets}
    order, ready = stage.schedule()
    found: dict[tuple[tuple[Fraction, ...], ...], tuple[tuple[int, ...], int]] = {}
    parent: list[int] = []

    def root(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    complete = True
    index: dict[tuple[tuple[Fraction, ...], ...], int] = {}
    inexact: set[tuple[tuple[Fraction, ...], ...]] = set()
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
        shown = "; ".join(f"{info.key}: {{{', '.join(s)}}}" for info, s in zip(keyed, choice))
        continuum = True  # the points of one profile are one continuum unless shown isolated
        vertices: list[dict[int, Fraction]] = []
        exact: list[bool] = []
        if any(degree(p) > 1 for p in [*eqs, *ineqs, *stricts]):
            solved_poly = solve_polynomial(eqs, ineqs, stricts, set(var.values()), vertex_budget)
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
            vertices = [{v: to_fraction(value) for v, value in point.items()} for point in solved_poly.points]
            exact = solved_poly.exact
        else:
            solved = polytope(eqs, ineqs, stricts, vertex_budget)
            if solved is None or not solved[1]:
                continue  # empty, or only points of smaller supports (found with those)
            vertices, exact = solved[0], [True] * len(solved[0])
        # the position of this profile in the product of all supports, to list solutions in that order
        position = tuple(rank[h][s] for h, s in zip(infosets, choice))
        points = []
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
            points.append(tuple(behavior))
        ids = []
        for seq, (point, is_exact) in enumerate(zip(points, exact)):
            if point not in index:
                index[point] = len(parent)
                parent.append(len(parent))
            if not is_exact:
                inexact.add(point)
            if point not in found or (position, seq) < found[point]:
                found[point] = (position, seq)
            ids.append(index[point])
        if continuum:
            for a in ids[1:]:
                parent[root(a)] = root(ids[0])
    solutions = []
    for point in sorted(found, key=found.__getitem__):
        flat = tuple((tree._infosets[h].key, probs) for h, probs in zip(infosets, point))
        solutions.append(StageSolution(flat, stage_value(stage, dict(zip(infosets, point))), root(index[point]),
                                       point not in inexact))
    return solutions, complete


def stage_value(stage: _Stage, behavior: dict[int, tuple[Fraction, ...]]) -> tuple[Fraction, ...]:
    """The payoffs from the stage root under ``behavior`` (leaves valued by ``stage.leaves``)."""
    tree = stage.tree
    values: dict[int, tuple[Fraction, ...]] = dict(stage.leaves)
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



