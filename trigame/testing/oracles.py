"""Brute-force oracles for games of incomplete information: every pure equilibrium of a small game.

Test oracles for the solvers, written from the definitions by enumeration:

* :func:`pure_perfect_bayesian` -- every pure behaviour profile of a small game
  tree (or signalling game) that some beliefs make a perfect Bayesian
  equilibrium (the definition is in :mod:`trigame.verify.assessments`);
* :func:`pure_bayesian_nash` -- every pure Bayesian Nash equilibrium of a
  small :class:`~trigame.games.bayesian.BayesianGame`.

How the beliefs are found.  For a pure profile, the beliefs at an information
set ``h`` are fixed by Bayes' rule when ``h`` is reached from the root of the
smallest subgame holding it; otherwise they are free.  The mover's continuation
plan at ``h`` -- her action there and her actions at her later information sets
-- is optimal under a belief ``mu`` exactly when ``mu`` lies in the polytope
``{mu in the simplex: V(plan, mu) >= V(other plan, mu) for every other plan}``,
each ``V`` being linear in ``mu``.  The oracle enumerates the other plans and
decides non-emptiness of that polytope exactly: a non-empty polytope inside the
simplex has a vertex, where ``n - 1`` of its inequalities (``n`` the number of
nodes of ``h``) hold with equality together with ``sum mu = 1``; every such
choice of inequalities is solved in Fractions and the solution tested.
Limits: the work grows with ``C(m + n, n - 1)``, ``m`` the number of other
plans, and the number of pure profiles is the product of the numbers of
actions; both are counted against the budget ``max_profiles``/``max_work``
(:class:`~trigame.errors.BudgetExceededError` beyond).  Games are converted
to exact numbers (floats are the binary rationals they are); symbolic games
are refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from trigame._numbers import to_fraction
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.games.tree import Chance, Decision, GameTree

__all__ = ["PureAssessment", "pure_bayesian_nash", "pure_perfect_bayesian"]

Path = tuple[str, ...]
Belief = dict[Path, Fraction]


@dataclass(frozen=True)
class PureAssessment:
    """A pure perfect Bayesian equilibrium found by :func:`pure_perfect_bayesian`.

    ``behavior`` gives one action per information set; ``beliefs`` one supporting
    belief (``{node path: probability}``) per information set of several nodes
    (the Bayes belief where it is fixed, a vertex of the supporting polytope
    where it is not); ``on_path`` the information sets reached from the root.
    """

    behavior: dict[Hashable, str]
    beliefs: dict[Hashable, Belief] = field(default_factory=dict)
    on_path: frozenset[Hashable] = frozenset()

    def behavior_strategy(self) -> dict[Hashable, dict[str, int]]:
        """The behaviour as ``{information set: {action: 1}}``, as the checks take it."""
        return {key: {action: 1} for key, action in self.behavior.items()}


def _tree_of(game: Any) -> GameTree:
    tree = game if isinstance(game, GameTree) else game.to_tree() if callable(getattr(game, "to_tree", None)) else None
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"the oracle needs a GameTree or a game with a tree, got {type(game).__name__}")
    if tree.kind == "symbolic":
        raise UnsupportedGameError("the oracle needs numeric payoffs; substitute values with .subs(...) first")
    return tree


class _Tree:
    """A small tree with exact numbers, walked by recursion (the oracle is for small trees)."""

    def __init__(self, tree: GameTree) -> None:
        self.tree = tree
        self.players = tree.players
        self.infosets = {info.key: info for info in tree.information_sets}
        self.payoffs = {p: tuple(to_fraction(v) for v in u) for p, u in tree.terminals().items()}
        self.key: dict[Path, Hashable] = {}
        self.chance: dict[Path, dict[str, Fraction]] = {}
        self.children: dict[Path, list[str]] = {}
        for path in tree.paths():
            node = tree.node(path)
            if isinstance(node, Decision):
                self.key[path] = tree.information_set(path)
                self.children[path] = list(node.actions)
            elif isinstance(node, Chance):
                self.chance[path] = {a: to_fraction(p) for a, (p, _) in node.outcomes.items()}
                self.children[path] = list(node.outcomes)
        self.roots = [tuple(r) for r in tree.subgame_roots()]

    def value(self, path: Path, plan: Mapping[Hashable, str], i: int) -> Fraction:
        """Player ``i``'s expected payoff from ``path`` when everyone plays the pure ``plan``."""
        if path in self.payoffs:
            return self.payoffs[path][i]
        if path in self.chance:
            return sum((p * self.value((*path, a), plan, i) for a, p in self.chance[path].items() if p), Fraction(0))
        return self.value((*path, plan[self.key[path]]), plan, i)

    def reach(self, start: Path, path: Path, plan: Mapping[Hashable, str]) -> Fraction:
        """The probability of reaching ``path`` from ``start`` (a prefix of it) under the pure ``plan``."""
        p = Fraction(1)
        for k in range(len(start), len(path)):
            here, move = path[:k], path[k]
            if here in self.chance:
                p *= self.chance[here][move]
            elif plan[self.key[here]] != move:
                return Fraction(0)
        return p

    def later_sets(self, key: Hashable) -> list[Hashable]:
        """The mover's information sets below the nodes of ``key`` (her later decisions)."""
        player = self.infosets[key].player
        starts = [tuple(p) for p in self.infosets[key].paths]
        return [k for k, info in self.infosets.items() if k != key and info.player == player
                and any(tuple(q)[: len(s)] == s for q in info.paths for s in starts)]


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square linear system in Fractions (None when singular)."""
    n = len(rows)
    a = [[*row, b] for row, b in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col])]
    return [a[r][n] / a[r][r] for r in range(n)]


def _feasible_point(constraints: list[list[Fraction]], n: int, budget: WorkBudget) -> list[Fraction] | None:
    """A vertex of ``{mu >= 0, sum mu = 1, c . mu >= 0 for c in constraints}``, or None when it is empty."""
    rows = [list(c) for c in constraints if any(c)]
    if not rows:
        return [Fraction(1)] + [Fraction(0)] * (n - 1)
    unit = [[Fraction(int(j == k)) for j in range(n)] for k in range(n)]
    candidates = rows + unit  # the inequalities c . mu >= 0 and mu_k >= 0
    for tight in itertools.combinations(candidates, n - 1):
        budget.spend()
        mu = _solve([*tight, [Fraction(1)] * n], [Fraction(0)] * (n - 1) + [Fraction(1)])
        if mu is not None and all(x >= 0 for x in mu) and all(
                sum((c * x for c, x in zip(row, mu)), Fraction(0)) >= 0 for row in rows):
            return mu
    return None


def pure_perfect_bayesian(game: Any, *, max_profiles: int = 100_000, max_work: int = 1_000_000
                          ) -> list[PureAssessment]:
    """Every pure behaviour profile of a small tree that some beliefs make a perfect Bayesian equilibrium.

    Parameters
    ----------
    game : GameTree or SignalingGame
        A numeric game with a tree (exact arithmetic is used throughout).
    max_profiles : int, default 100,000
        Most pure behaviour profiles (the product of the numbers of actions of
        the information sets), checked before anything is enumerated.
    max_work : int, default 1,000,000
        Most linear systems solved while looking for supporting beliefs.

    Returns
    -------
    list of PureAssessment
        In the order of the enumeration (information sets in preorder, first slowest).

    Raises
    ------
    BudgetExceededError
        When either budget is exceeded.
    """
    tree = _Tree(_tree_of(game))
    keys = list(tree.infosets)
    count = 1
    for key in keys:
        count *= len(tree.infosets[key].actions)
    limit = check_limit(max_profiles, "max_profiles", allow_none=False)
    if limit is not None and count > limit:
        raise BudgetExceededError(f"the pure-assessment oracle would enumerate {count} behaviour profiles, "
                                  f"more than max_profiles={max_profiles}")
    budget = WorkBudget(max_work, what="the pure-assessment oracle", unit="linear systems", option="max_work")
    found = []
    for choice in itertools.product(*(tree.infosets[k].actions for k in keys)):
        plan = dict(zip(keys, choice))
        beliefs: dict[Hashable, Belief] = {}
        on_path = set()
        for key in keys:
            belief = _supporting_belief(tree, key, plan, budget)
            if belief is None:
                break
            if len(belief) > 1:
                beliefs[key] = belief
            nodes = [tuple(p) for p in tree.infosets[key].paths]
            if any(tree.reach((), p, plan) > 0 for p in nodes):
                on_path.add(key)
        else:
            found.append(PureAssessment(plan, beliefs, frozenset(on_path)))
    return found


def _supporting_belief(tree: _Tree, key: Hashable, plan: dict[Hashable, str], budget: WorkBudget) -> Belief | None:
    """A belief at ``key`` under which ``plan``'s continuation is optimal for the mover (None: there is none)."""
    info = tree.infosets[key]
    nodes = [tuple(p) for p in info.paths]
    i = tree.players.index(info.player)
    root = max((r for r in tree.roots if nodes[0][: len(r)] == r), key=len)
    reach = [tree.reach(root, p, plan) for p in nodes]
    later = tree.later_sets(key)
    own = [plan[k] for k in [key, *later]]
    mine = [tree.value(p, plan, i) for p in nodes]
    constraints = []
    for other in itertools.product(*(tree.infosets[k].actions for k in [key, *later])):
        if list(other) == own:
            continue
        deviation = {**plan, **dict(zip([key, *later], other))}
        # V(plan, mu) - V(deviation, mu) >= 0, a linear inequality in mu
        constraints.append([m - tree.value(p, deviation, i) for m, p in zip(mine, nodes)])
    total = sum(reach, Fraction(0))
    if total > 0:  # Bayes' rule fixes the belief
        mu = [r / total for r in reach]
        ok = all(sum((c * x for c, x in zip(row, mu)), Fraction(0)) >= 0 for row in constraints)
        return dict(zip(nodes, mu)) if ok else None
    point = _feasible_point(constraints, len(nodes), budget)
    return None if point is None else dict(zip(nodes, point))


def pure_bayesian_nash(game: BayesianGame, *, max_profiles: int = 100_000) -> list[dict[str, dict[str, str]]]:
    """Every pure Bayesian Nash equilibrium of a small Bayesian game, by enumeration.

    A pure profile gives each type of positive probability one action; it is an
    equilibrium when no such type gains by another action, its payoffs summed
    over the others' types with the prior's weights (dividing by its own
    probability would not change which action is best).  Returns
    ``[{player: {type: action}}]`` in the order of the enumeration.

    Raises
    ------
    BudgetExceededError
        When there are more than ``max_profiles`` pure profiles.
    """
    if not isinstance(game, BayesianGame):
        raise UnsupportedGameError(f"the oracle needs a BayesianGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("the oracle needs numeric payoffs; substitute values with .subs(...) first")
    prior = {t: to_fraction(p) for t, p in game.prior.items() if to_fraction(p) != 0}
    agents = [(p, t) for j, p in enumerate(game.players) for t in game.types[p] if any(s[j] == t for s in prior)]
    count = 1
    for p, t in agents:
        count *= len(game.actions(p, t))
    if count > max_profiles:
        raise BudgetExceededError(f"the Bayesian Nash oracle would enumerate {count} pure profiles, "
                                  f"more than max_profiles={max_profiles}")
    found = []
    for choice in itertools.product(*(game.actions(p, t) for p, t in agents)):
        plays = dict(zip(agents, choice))

        def payoff(j: int, types: tuple[str, ...], action: str, plays: dict[tuple[str, str], str] = plays) -> Fraction:
            profile = tuple(action if k == j else plays[(q, types[k])] for k, q in enumerate(game.players))
            return to_fraction(game.payoff(types, profile)[j])

        def interim(agent: tuple[str, str], action: str) -> Fraction:
            j = game.players.index(agent[0])
            return sum((w * payoff(j, s, action) for s, w in prior.items() if s[j] == agent[1]), Fraction(0))

        if all(interim(agent, plays[agent]) >= max(interim(agent, a) for a in game.actions(*agent))
               for agent in agents):
            out: dict[str, dict[str, str]] = {p: {} for p in game.players}
            for (p, t), a in plays.items():
                out[p][t] = a
            found.append(out)
    return found
