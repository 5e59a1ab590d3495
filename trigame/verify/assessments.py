"""Independent check of perfect Bayesian equilibria: an assessment tested against the definition.

An *assessment* of a game tree is a pair (behaviour strategies, beliefs): a
probability for each action at every information set, and at every
information set a probability for each of its nodes.  It is a **perfect
Bayesian equilibrium** (Gibbons 1992, section 4.1, Requirements 1-4) when

1. at every information set the mover's action distribution -- and the mover's
   own strategy afterwards -- is optimal given the beliefs there and the
   others' strategies afterwards (*sequential rationality*);
2. beliefs follow Bayes' rule at every information set reached with positive
   probability;
3. in every subgame, beliefs follow Bayes' rule at the information sets reached
   with positive probability from the subgame's root (so every perfect
   Bayesian equilibrium is subgame perfect).

In signalling games every perfect Bayesian equilibrium is also a sequential
equilibrium (Kreps and Wilson 1982): off the path, beliefs are unrestricted --
except at nodes behind a chance outcome of probability zero (a type of prior
zero), which no behaviour of the players reaches: wherever the information set
also holds a node that is not behind one, such a node must get belief zero, as
in every consistent assessment (the rule, and how the check reads it off the
tree, are in :mod:`trigame.verify._zero_chance`).

At an information set off the path the beliefs may be given as a point or as a
*belief set* (anything with ``.vertices`` and ``.contains``, such as
:class:`trigame.results.perfect_bayesian.BeliefSet`): the claim a solver makes
with a set is that *every* belief in it supports the behaviour there, and that
is what is checked.

Nothing here uses a solver: continuation payoffs are computed from the terminal
payoffs, the chance probabilities and the behaviour, node by node.  Exact trees
with exact behaviour and beliefs are checked exactly (Fractions); otherwise in
floating point, a payoff shortfall of player ``i`` being accepted up to ``tol``
times ``i``'s payoff range (``max u_i - min u_i`` over the terminal nodes), as
in :func:`trigame.verify.is_nash`, and a belief differing from Bayes' rule by
at most :data:`~trigame.games.profiles.PROBABILITY_TOL`.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Any

from trigame._numbers import classify, format_number, short_repr, to_float, to_fraction
from trigame.budget import WorkBudget
from trigame.errors import ProfileError, TrigameError, UnsupportedGameError
from trigame.games.profiles import PROBABILITY_TOL
from trigame.games.tree import Chance, Decision, GameTree
from trigame.verify._zero_chance import behind_zero_chance, belief_on_impossible_nodes, zero_chance_outcomes
from trigame.verify.nash import validate_tol

__all__ = ["DEFAULT_MAX_WORK", "check_assessment", "is_perfect_bayesian"]

#: Default work budget of :func:`check_assessment`, in node visits.
DEFAULT_MAX_WORK = 10_000_000

Path = tuple[str, ...]


def _tree_of(game: object) -> GameTree:
    """The tree of ``game``: a :class:`GameTree` itself, or what its ``to_tree()`` returns (signalling games)."""
    if isinstance(game, GameTree):
        return game
    to_tree = getattr(game, "to_tree", None)
    if callable(to_tree):
        tree = to_tree()
        if isinstance(tree, GameTree):
            return tree
    raise UnsupportedGameError(
        f"an assessment is checked on a GameTree or a game with a tree (a SignalingGame), got {type(game).__name__}"
    )


def _is_belief_set(value: object) -> bool:
    return hasattr(value, "vertices") and hasattr(value, "contains")


def _step(path: Path, label: str) -> Path:
    """The path one move below ``path``."""
    return (*path, label)


def _where(path: Path) -> str:
    return "/".join(path) if path else "root"


class _Assessment:
    """The numbers of one assessment on one tree, in one arithmetic (Fractions or floats)."""

    def __init__(self, tree: GameTree, behavior: Any, beliefs: Any, tol: float, max_work: int | None) -> None:
        if tree.kind == "symbolic":
            raise UnsupportedGameError("assessments are checked on numeric games; "
                                       "substitute values with .subs(...) first")
        if not isinstance(behavior, Mapping):
            raise ProfileError(f"behaviour must be a mapping {{information set: {{action: probability}}}}, "
                               f"got {short_repr(behavior)}")
        if beliefs is None:
            beliefs = {}
        if not isinstance(beliefs, Mapping):
            raise ProfileError(f"beliefs must be a mapping {{information set: belief}}, got {short_repr(beliefs)}")
        self.tree = tree
        self.budget = WorkBudget(max_work, what="the assessment check", unit="node visits", option="max_work")
        self.infosets = {info.key: info for info in tree.information_sets}
        unknown = [k for k in [*behavior, *beliefs] if k not in self.infosets]
        if unknown:
            raise ProfileError(f"{unknown[0]!r} is not an information set of the tree; "
                               f"its information sets are {list(self.infosets)}")
        raw = [p for dist in behavior.values() if isinstance(dist, Mapping) for p in dist.values()]
        for b in beliefs.values():
            for point in (b.vertices if _is_belief_set(b) else [b]):
                raw += list(point.values()) if isinstance(point, Mapping) else []
        kinds = set()
        for p in raw:
            try:
                kinds.add(classify(p, what="probability"))
            except TrigameError as exc:
                raise ProfileError(str(exc)) from None
        if "symbolic" in kinds:
            raise UnsupportedGameError("assessments are checked with numeric probabilities; substitute values first")
        self.exact = tree.kind == "exact" and kinds <= {"exact"}
        self.num = to_fraction if self.exact else to_float
        self.tol = tol
        self._index_tree()
        self.behavior = {key: self._distribution(key, behavior.get(key)) for key in self.infosets}
        self.beliefs = {key: self._belief(key, beliefs[key]) for key in beliefs}
        self.values = self._continuation_values()

    # ------------------------------------------------------------------ the tree, once
    def _index_tree(self) -> None:
        tree = self.tree
        self.paths: list[Path] = list(tree.paths())
        self.children: dict[Path, list[tuple[str, Path, Any]]] = {}
        self.mover: dict[Path, tuple[Hashable, int]] = {}
        for path in self.paths:
            self.budget.spend()
            node = tree.node(path)
            if isinstance(node, Chance):
                self.children[path] = [(a, (*path, a), self.num(p)) for a, (p, _) in node.outcomes.items()]
            elif isinstance(node, Decision):
                self.children[path] = [(a, (*path, a), None) for a in node.actions]
                self.mover[path] = (tree.information_set(path), tree.players.index(node.player))
            else:
                self.children[path] = []
        self.zero_chance = zero_chance_outcomes(self.children)
        self.payoffs = {p: tuple(self.num(v) for v in values) for p, values in tree.terminals().items()}
        self.slack = []
        for i in range(len(tree.players)):
            column = [to_fraction(v[i]) for v in tree.terminals().values()]
            span = max(column) - min(column)
            self.slack.append(Fraction(0) if self.exact else self.tol * float(span))

    def _distribution(self, key: Hashable, dist: Any) -> dict[str, Any]:
        info = self.infosets[key]
        if dist is None:
            raise ProfileError(f"the behaviour gives nothing at information set {key!r}")
        if not isinstance(dist, Mapping):
            raise ProfileError(f"the behaviour at {key!r} must be a mapping {{action: probability}}, got {dist!r}")
        unknown = sorted(set(dist) - set(info.actions), key=str)
        if unknown:
            raise ProfileError(f"information set {key!r} has no action(s) {unknown}; "
                               f"its actions are {list(info.actions)}")
        out = {a: self.num(dist.get(a, 0)) for a in info.actions}
        self._check_simplex(out, f"the behaviour at {key!r}")
        return out

    def _check_simplex(self, probs: Mapping[Any, Any], what: str) -> None:
        if any(p < (0 if self.exact else -PROBABILITY_TOL) for p in probs.values()):
            raise ProfileError(f"{what} has a negative probability: {probs}")
        total = sum(probs.values())
        if (self.exact and total != 1) or (not self.exact and abs(total - 1) > PROBABILITY_TOL):
            raise ProfileError(f"{what} must sum to 1, sums to {format_number(total)}")

    def _belief(self, key: Hashable, given: Any) -> tuple[list[dict[Path, Any]], bool, dict[Path, str]]:
        """The vertices of the belief at ``key`` (one for a point), whether it is a set, and the labels used."""
        info = self.infosets[key]
        is_set = _is_belief_set(given)
        points = list(given.vertices) if is_set else [given]
        names: dict[Path, str] = {}
        vertices = []
        for point in points:
            if not isinstance(point, Mapping):
                raise ProfileError(f"the belief at {key!r} must be a mapping {{node path or type: probability}} "
                                   f"or a belief set, got {short_repr(point)}")
            vertex = {tuple(path): self.num(0) for path in info.paths}
            for label, p in point.items():
                path = self._node_named(info, label)
                if path is None:
                    if p == 0:
                        continue
                    raise ProfileError(f"the belief at {key!r} names {label!r}, which is no node of the information "
                                       f"set (its nodes are {[_where(tuple(q)) for q in info.paths]})")
                names[path] = label if isinstance(label, str) else _where(path)
                vertex[path] += self.num(p)
            self._check_simplex(vertex, f"the belief at {key!r}")
            vertices.append(vertex)
        return vertices, is_set, names

    @staticmethod
    def _node_named(info: Any, label: Any) -> Path | None:
        """The node of ``info`` a belief label names: its path, or (a type) the first move of its path."""
        paths = [tuple(p) for p in info.paths]
        if isinstance(label, (tuple, list)) and tuple(label) in paths:
            return tuple(label)
        if isinstance(label, str):
            hits = [p for p in paths if p and p[0] == label]
            if len(hits) == 1:
                return hits[0]
        return None

    # ------------------------------------------------------------------ payoffs and probabilities
    def _continuation_values(self) -> dict[Path, tuple[Any, ...]]:
        """Every player's expected payoff from each node on, under the behaviour (children before parents)."""
        values: dict[Path, tuple[Any, ...]] = {}
        zero = tuple(self.num(0) for _ in self.tree.players)
        for path in reversed(self.paths):
            self.budget.spend()
            if path in self.payoffs:
                values[path] = self.payoffs[path]
                continue
            total = zero
            for label, child, weight in self.children[path]:
                w = weight if weight is not None else self.behavior[self.mover[path][0]][label]
                if w != 0:
                    total = tuple(t + w * v for t, v in zip(total, values[child]))
            values[path] = total
        return values

    def _reach_from(self, start: Path) -> dict[Path, Any]:
        """The probability of reaching each node of the subtree at ``start`` from ``start``."""
        reach = {start: self.num(1)}
        stack = [start]
        while stack:
            path = stack.pop()
            self.budget.spend()
            for label, child, weight in self.children[path]:
                w = weight if weight is not None else self.behavior[self.mover[path][0]][label]
                reach[child] = reach[path] * w
                stack.append(child)
        return reach

    def best_value(self, key: Hashable, belief: Mapping[Path, Any]) -> Any:
        """The mover's best expected payoff from ``key`` under ``belief``, over all her continuation strategies.

        Her decision problem from ``key`` on (the others' behaviour fixed) is solved
        by backward induction over her own later information sets.  With perfect
        recall each of them lies wholly below ``key`` and is reached after the same
        moves of hers, so its best action maximises the sum, over its nodes, of the
        node's weight (the belief at ``key`` times the chance and other players'
        probabilities on the way) times the value of the action there.
        """
        me = self.infosets[key]
        i = self.tree.players.index(me.player)
        weight: dict[Path, Any] = {}
        stack = [(tuple(p), belief[tuple(p)]) for p in me.paths]
        while stack:  # the weight of every node below the information set
            path, w = stack.pop()
            self.budget.spend()
            weight[path] = w
            own = path in self.mover and self.mover[path][1] == i
            for label, child, prob in self.children[path]:
                if prob is None and not own:
                    prob = self.behavior[self.mover[path][0]][label]
                stack.append((child, w if prob is None else w * prob))
        best: dict[Path, Any] = {}
        policy: dict[Hashable, str] = {}
        members: dict[Hashable, list[Path]] = {}
        for path in weight:
            if path in self.mover and self.mover[path][1] == i:
                members.setdefault(self.mover[path][0], []).append(path)
        todo: list[tuple[str, Any]] = [("set", key)]
        while todo:  # each node's best value, computed once what it depends on is known
            what, item = todo[-1]
            self.budget.spend()
            if what == "set":
                actions = self.infosets[item].actions
                needed = [(*p, a) for p in members[item] for a in actions if (*p, a) not in best]
                if needed:
                    todo += [("node", p) for p in needed]
                    continue
                totals = {a: sum((weight[p] * best[_step(p, a)][i] for p in members[item]), self.num(0))
                          for a in actions}
                policy[item] = max(actions, key=lambda a: totals[a])
                todo.pop()
                continue
            path = item
            if path in best:
                todo.pop()
            elif path in self.payoffs:
                best[path] = self.payoffs[path]
                todo.pop()
            elif path in self.mover and self.mover[path][1] == i:
                owner = self.mover[path][0]
                if owner not in policy:
                    todo.append(("set", owner))
                    continue
                best[path] = best[_step(path, policy[owner])]
                todo.pop()
            else:
                missing = [c for _, c, _ in self.children[path] if c not in best]
                if missing:
                    todo += [("node", c) for c in missing]
                    continue
                total = [self.num(0)] * len(self.tree.players)
                for label, child, prob in self.children[path]:
                    w = prob if prob is not None else self.behavior[self.mover[path][0]][label]
                    total = [t + w * v for t, v in zip(total, best[child])]
                best[path] = tuple(total)
                todo.pop()
        a = policy[key]
        return sum((belief[tuple(p)] * best[_step(tuple(p), a)][i] for p in me.paths), self.num(0))

    # ------------------------------------------------------------------ the three requirements
    def _describe(self, belief: Mapping[Path, Any], names: Mapping[Path, str]) -> str:
        return "{" + ", ".join(f"{names.get(p, _where(p))!r}: {format_number(q)}" for p, q in belief.items()) + "}"

    def _bayes(self, roots: list[Path], key: Hashable) -> tuple[dict[Path, Any] | None, Path]:
        """Bayes' rule at ``key`` from the root of the smallest subgame holding it (None when not reached)."""
        paths = [tuple(p) for p in self.infosets[key].paths]
        root = max((r for r in roots if paths[0][: len(r)] == r), key=len)
        if root not in self._reach_cache:
            self._reach_cache[root] = self._reach_from(root)
        reach = self._reach_cache[root]
        total = sum((reach[p] for p in paths), self.num(0))
        if total <= 0:
            return None, root
        return {p: reach[p] / total for p in paths}, root

    def violations(self) -> list[str]:
        out: list[str] = []
        # Requirement 3 holds in every subgame when it holds, at each information set, from the root of the
        # smallest subgame holding it: a set reached with positive probability from a larger subgame's root is
        # reached from the smaller one's too, with the same conditional probabilities.  With the whole tree
        # among the subgames this is Requirement 2 as well.
        roots = [tuple(r) for r in self.tree.subgame_roots()]
        self._reach_cache: dict[Path, dict[Path, Any]] = {}
        for key, info in self.infosets.items():
            bayes, root = self._bayes(roots, key)
            given = self.beliefs.get(key)
            names = given[2] if given else {}
            if given is None:
                if len(info.paths) == 1:
                    vertices, is_set = [{tuple(info.paths[0]): self.num(1)}], False
                elif bayes is not None:
                    vertices, is_set = [bayes], False
                else:
                    out.append(f"at {key!r}: no belief given (the set is reached with probability 0, so the "
                               "beliefs there are part of the assessment)")
                    continue
            else:
                vertices, is_set = given[0], given[1]
                if not vertices:
                    out.append(f"at {key!r}: the belief set is empty")
                    continue
            if bayes is None:
                excluded = behind_zero_chance([tuple(p) for p in info.paths], root, self.zero_chance)
                problem = belief_on_impossible_nodes(key, vertices, excluded, self._positive,
                                                     functools.partial(self._describe, names=names),
                                                     names, is_set)
                if problem:
                    out.append(problem)
                    continue
            else:
                where = "" if not root else f" in the subgame at {_where(root)}"
                for vertex in vertices:
                    if any(not self._close(vertex[p], bayes[p]) for p in bayes):
                        out.append(f"at {key!r}: the belief {self._describe(vertex, names)} breaks Bayes' rule"
                                   f"{where}, which gives {self._describe(bayes, names)}")
                        break
            for vertex in vertices:
                # A belief set holds every belief that supports the behaviour when it holds its vertices: each
                # action's value is linear in the belief and the best continuation value, a maximum of linear
                # functions, is convex, so "the behaviour's value is the best" fails somewhere in the polytope
                # only if it fails at a vertex.
                problem = self._rational(key, vertex, names, is_set)
                if problem:
                    out.append(problem)
                    break
        return out

    def _positive(self, p: Any) -> bool:
        return bool(p != 0) if self.exact else p > PROBABILITY_TOL

    def _close(self, a: Any, b: Any) -> bool:
        return bool(a == b) if self.exact else abs(a - b) <= PROBABILITY_TOL

    def _rational(self, key: Hashable, belief: Mapping[Path, Any], names: Mapping[Path, str], is_set: bool) -> str:
        """Why the behaviour at ``key`` is not optimal under ``belief`` ('' when it is)."""
        info = self.infosets[key]
        i = self.tree.players.index(info.player)
        value = {a: sum((q * self.values[_step(p, a)][i] for p, q in belief.items()), self.num(0))
                 for a in info.actions}
        top = max(info.actions, key=lambda a: value[a])
        under = "" if len(belief) == 1 else (
            f" under the belief {self._describe(belief, names)}" + (" (a vertex of the belief set)" if is_set else ""))
        for a, p in self.behavior[key].items():
            if p != 0 and value[a] < value[top] - self.slack[i]:
                return (f"at {key!r}: {a!r} earns {format_number(value[a])} < {format_number(value[top])} "
                        f"for {top!r}{under}")
        own = sum((p * value[a] for a, p in self.behavior[key].items()), self.num(0))
        best = self.best_value(key, belief)
        if own < best - self.slack[i]:
            return (f"at {key!r}: {info.player!r}'s strategy from here earns {format_number(own)} < "
                    f"{format_number(best)} with other moves at her later information sets{under}")
        return ""


def check_assessment(
    game: Any, behavior: Mapping[Hashable, Mapping[str, Any]], beliefs: Mapping[Hashable, Any] | None,
    tol: float = 1e-9, *, max_work: int | None = DEFAULT_MAX_WORK,
) -> list[str]:
    """Every way in which (``behavior``, ``beliefs``) fails to be a perfect Bayesian equilibrium of ``game``.

    A perfect Bayesian equilibrium is an assessment such that (1) at every
    information set the mover's action distribution is optimal given the beliefs
    there and the others' strategies afterwards (sequential rationality), (2)
    beliefs follow Bayes' rule at every information set reached with positive
    probability, and (3) in every subgame, beliefs follow Bayes' rule at
    information sets reached with positive probability from the subgame's root
    (Gibbons 1992, section 4.1).  Off the path, a node behind a chance outcome
    of probability zero must get belief zero wherever its information set holds
    a node that is not (counted from the root of the smallest subgame containing
    the set), as in every consistent assessment: no behaviour of the players
    reaches it.

    Parameters
    ----------
    game : GameTree or SignalingGame
        A numeric game tree, or a game with a ``to_tree()`` (a signalling game is
        checked on its tree, whose information-set keys it shares).
    behavior : mapping
        ``{information set key: {action: probability}}`` at every information set.
    beliefs : mapping
        ``{information set key: belief}``.  A belief is ``{node: probability}``,
        a node named by its path (a tuple of labels from the root) or by the
        first label of its path (in a signalling game: the sender's type), or a
        belief set (``.vertices`` and ``.contains``), every member of which must
        support the behaviour.  At a singleton, or where Bayes' rule decides it,
        a belief may be left out.
    tol : float, default 1e-9
        For floats: the shortfall accepted, relative to the mover's payoff range.
    max_work : int or None, default ``DEFAULT_MAX_WORK``
        Most node visits (``None``: no limit).

    Returns
    -------
    list of str
        One sentence per information set that fails, naming it and what fails;
        empty when the assessment is a perfect Bayesian equilibrium.

    Raises
    ------
    ProfileError
        When the behaviour or a belief is not a probability distribution over the
        actions or nodes of an information set of the tree.
    UnsupportedGameError
        For a symbolic game or a game without a tree.
    BudgetExceededError
        When the check needs more than ``max_work`` node visits.

    Examples
    --------
    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> def late():
    ...     return Decision("B", {"l": Terminal((1, 1)), "r": Terminal((0, 0))}, infoset="B")
    >>> tree = GameTree(Decision("A", {"x": late(), "y": late()}))
    >>> check_assessment(tree, {"A@root": {"x": 1}, "B": {"l": 1}}, {"B": {("x",): 1}})
    []
    >>> check_assessment(tree, {"A@root": {"x": 1}, "B": {"r": 1}}, {"B": {("x",): 1}})
    ["at 'B': 'r' earns 0 < 1 for 'l' under the belief {'x': 1, 'y': 0}"]
    """
    tol = validate_tol(tol)
    return _Assessment(_tree_of(game), behavior, beliefs, tol, max_work).violations()


def is_perfect_bayesian(game: Any, pbe_or_pair: Any, tol: float = 1e-9) -> bool:
    """True when an assessment is a perfect Bayesian equilibrium of ``game`` (see :func:`check_assessment`).

    ``pbe_or_pair`` is a result with ``.behavior`` and ``.beliefs`` (a
    :class:`~trigame.results.perfect_bayesian.PerfectBayesianEquilibrium`) or a
    pair ``(behavior, beliefs)``.
    """
    if hasattr(pbe_or_pair, "behavior") and hasattr(pbe_or_pair, "beliefs"):
        behavior, beliefs = pbe_or_pair.behavior, pbe_or_pair.beliefs
    elif isinstance(pbe_or_pair, (tuple, list)) and len(pbe_or_pair) == 2:
        behavior, beliefs = pbe_or_pair
    else:
        raise ProfileError(f"an assessment is a perfect Bayesian equilibrium or a pair (behavior, beliefs), "
                           f"got {short_repr(pbe_or_pair)}")
    return not check_assessment(game, behavior, beliefs, tol)
