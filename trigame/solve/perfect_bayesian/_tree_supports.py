"""The support profiles of one stage: their polynomial systems, payoff bounds, and the tests that prune them.

:class:`Stage` holds what :func:`~._tree_stage.solve_stage` needs about one
stage of a tree (see :mod:`._tree_stage` for the stage and the method): the
polynomial conditions of a support profile (:meth:`Stage.system`), intervals
holding every node's payoffs while the movers play within given supports
(:meth:`Stage.bounds`), the nodes a belief may weigh at an information set
(:meth:`Stage.believed`: not those behind a chance outcome of probability zero
when the set holds another; the rule is in :mod:`._tree_assess`), and the
depth-first walk over support profiles with the necessary conditions of
sequential rationality that cut it short (:meth:`Stage.possible`,
:meth:`Stage.plausible`).  Leaves valued by weights on the extreme points of a
continuum below (``mixed``) bring those weights into the systems, and
:meth:`Stage.affine` says when the stage's payoffs are affine along a
continuum of its own.

Caches: the value of a node (a polynomial per player) depends only on the
supports at and below it, so variable ids are fixed per stage and values are
kept per (node, supports below); the test of a partial profile at ``h``
depends only on the supports at ``h`` and at the sets after it, and is kept
under that key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from trigame.budget import WorkBudget
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Chance, Decision
from trigame.solve.perfect_bayesian._tree_linear import Poly, constant, padd, pmul, polytope, psub

__all__ = ["Stage"]


class Stage:
    def __init__(self, tree: GameTree, x: int, inner: list[int], leaves: dict[int, tuple[Fraction, ...]],
                 chance: dict[int, tuple[Fraction, ...]], possible: frozenset[int],
                 mixed: dict[int, list[tuple[Fraction, ...]]]) -> None:
        self.tree = tree
        self.x = x
        self.inner = inner
        self.leaves = leaves
        #: leaves valued by a continuum of a subgame below: ``{root: [payoffs at its extreme points]}``, the
        #: value being ``sum_j λ(root, j) * payoffs[j]`` with weights ``λ`` in the simplex (unknowns)
        self.mixed = dict(sorted(mixed.items()))
        #: each such leaf's payoff interval per player (the hull of its extreme points' payoffs)
        self._mixed_bounds = {y: tuple((min(v[i] for v in points), max(v[i] for v in points))
                                       for i in range(len(tree.players))) for y, points in self.mixed.items()}
        self.chance = chance
        self.infosets = sorted({tree._node_infoset[k] for k in inner if isinstance(tree._nodes[k], Decision)})
        self.player_index = {p: i for i, p in enumerate(tree.players)}
        # one variable id per (information set, action) and per (information set, node), whatever the profile,
        # so that the value of a node depends only on the supports at and below it (and can be cached)
        self.sigma_ids = {(h, a): j for j, (h, a) in enumerate(
            (h, a) for h in self.infosets for a in tree._infosets[h].actions)}
        self.belief_ids = {(h, n): len(self.sigma_ids) + j for j, (h, n) in enumerate(
            (h, n) for h in self.infosets for n in tree._members[h])}
        first = len(self.sigma_ids) + len(self.belief_ids)
        self.weight_ids = {(y, j): first + t for t, (y, j) in enumerate(
            (y, j) for y, points in self.mixed.items() for j in range(len(points)))}
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
        #: the possible nodes of the tree (:func:`~._tree_assess.possible_nodes`); in the stage, those reached
        #: from ``x`` through no chance outcome of probability zero
        self.possible_nodes = possible

    def believed(self, h: int) -> list[int]:
        """The nodes of ``h`` a belief may weigh: those not behind a zero-probability chance outcome, if any,
        else all (see :mod:`._tree_assess`)."""
        members = self.tree._members[h]
        return [n for n in members if n in self.possible_nodes] or list(members)

    def children(self, k: int) -> list[tuple[str, int]]:
        tree = self.tree
        return [(tree._label[c], c) for c in tree._children[k]]

    def system(self, profile: dict[int, tuple[str, ...]]) -> tuple[list[Poly], list[Poly], list[Poly],
                                                                  dict[tuple[int, str], int], dict[int, Any]]:
        """The equalities, inequalities and strict inequalities of a support profile, its σ variables, and
        the group of every variable (``h`` for σ at ``h``, ``("belief", h)`` for the free beliefs at ``h``,
        ``("leaf", y)`` for the weights of a mixed leaf ``y``)."""
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
        equalities: list[Poly] = []
        inequalities: list[Poly] = []
        strict: list[Poly] = []
        for y, points in self.mixed.items():
            ids = [self.weight_ids[(y, j)] for j in range(len(points))]
            values[y] = [{frozenset((w,)): v[i] for w, v in zip(ids, points) if v[i]}
                         for i in range(len(tree.players))]
            equalities.append(psub({frozenset((w,)): Fraction(1) for w in ids}, constant(1)))
            inequalities.extend({frozenset((w,)): Fraction(1)} for w in ids)
            groups.update((w, ("leaf", y)) for w in ids)
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
        out.update(self._mixed_bounds)
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

    def affine(self, sets: set[int], leaves: set[int]) -> bool:
        """Whether the payoffs from the stage root are affine in the behaviour at ``sets`` and the weights of
        the mixed ``leaves`` together: so when no node of one of them lies below a node of another.

        The payoffs are sums over paths of products of one probability per
        information set crossed (perfect recall: at most once) and of the
        leaf's value, which is affine in its weights; a path meeting two of
        the varying objects would multiply two unknowns.
        """
        tree = self.tree
        owner = {n: ("set", h) for h in sets for n in tree._members[h]}
        owner.update((y, ("leaf", y)) for y in leaves)
        for n, mine in owner.items():
            k = n
            while k != self.x:  # the ancestors of n in the stage
                k = tree._parent[k]
                if owner.get(k, mine) != mine:
                    return False
        return True

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
            for c in tree._children[k]:  # a reached chance node is possible: its possible outcomes are drawn
                if (c in self.possible_nodes) if h is None else (tree._label[c] in profile[h]):
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
