"""The assessment of a behaviour profile: beliefs by Bayes' rule, belief sets off the path, and sequentiality.

Given a behaviour profile of the whole tree (exact probabilities), every
information set ``h`` is either reached with positive probability from the
root of the smallest subgame containing it -- then the belief there is fixed
by Bayes' rule (requirements 2 and 3) -- or not, and then every belief that
makes the behaviour at ``h`` optimal is allowed: the set
``{μ in the simplex : sum_n μ(n) (v(n, a) - v(n, b)) >= 0 for a supported, b any}``
(with equality among supported actions), a polytope whose vertices are
computed exactly.  The assessment is a perfect Bayesian equilibrium iff the
behaviour is optimal at every reached set under its Bayes belief and every
belief set is nonempty; :func:`assess` checks both, independently of how the
profile was found.

*Chance outcomes of probability zero.*  Call a node *possible* when the path
to it from the root of the smallest subgame containing it passes no chance
outcome of probability zero.  Chance's probabilities are part of the game,
not choices that tremble: a node that is not possible has probability zero
under every behaviour of the players, completely mixed or not.  So at an
information set holding a possible node, every belief obtained by Bayes' rule
from completely mixed behaviour -- and hence every limit of such beliefs, the
*consistent* beliefs of Kreps and Wilson (1982), where only the players'
strategies are perturbed (Fudenberg and Tirole 1991, ch. 8) -- gives the other
nodes belief zero.  The rule here is therefore: where the set is reached with
positive probability, Bayes' rule (which gives those nodes zero anyway);
where it is not reached, the free belief set above is taken over its possible
nodes only, the others pinned to zero (a constraint of the belief set);  and
only where no node of the set is possible -- no behaviour of the players
gives it positive probability, so neither Bayes' rule
nor its limits say anything -- is the belief free over all its
nodes.  In a signalling game this is the rule of
:mod:`~trigame.solve.perfect_bayesian.signaling`: a type of prior zero gets no
belief wherever a type that is drawn can send the message, and both routes
list the same equilibria.  Without it an off-path belief could rest on a type
that cannot occur while one that can might have deviated, which no
sequential equilibrium allows.

Sequential equilibrium (Kreps and Wilson 1982) is decided where the structure
allows it.  Perturb every zero-probability action ``(g, a)`` to
``ε(g, a) > 0``; a node ``n`` is then reached with probability about
``p(n) * prod_{(g, a) in Z(n)} ε(g, a)``, where ``Z(n)`` is the set of
zero-probability moves on its path and ``p(n) > 0`` the product of the others.
At an information set off the path:

* if some nodes have the smallest ``Z(n)`` (the part common to all), the others
  need further deviations and get belief 0 in the limit, so the only
  consistent belief is ``μ(n) ∝ p(n)`` on those nodes (in particular Bayes'
  rule within a subgame entered by a deviation);
* if the ``Z(n)`` share a common part and each node adds one move of its own,
  distinct across nodes, and none of these moves distinguishes the nodes of
  another information set, the ratios ``ε`` can be chosen freely: every belief
  is consistent (as in signalling games);
* otherwise sequentiality is not decided (``None``).

Only the possible nodes of a set enter this analysis (the others have belief
zero in every consistent assessment, and in the belief set), and a set with no
possible node puts no condition on consistency.

So ``sequential`` is True when every off-path set is of the first kind with its
consistent belief in the belief set or of the second kind, False when the
consistent belief of a set of the first kind lies outside its belief set, and
None otherwise.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from fractions import Fraction

from trigame.budget import WorkBudget
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Chance, Terminal
from trigame.solve.perfect_bayesian._tree_linear import Poly, constant, polytope, psub

__all__ = ["Assessment", "assess", "possible_nodes"]


@dataclass
class Assessment:
    """Beliefs of a behaviour profile (points where Bayes' rule binds, else vertices and constraints)."""

    #: ``{infoset index: {node: probability}}`` where Bayes' rule binds (and at singletons)
    points: dict[int, dict[int, Fraction]] = field(default_factory=dict)
    #: ``{infoset index: (vertices [{node: probability}], constraints [({node: coef}, relation, bound)])}``
    sets: dict[int, tuple[list[dict[int, Fraction]], list[tuple[dict[int, Fraction], str, Fraction]]]] = field(
        default_factory=dict)
    #: what fails, if anything (empty for a perfect Bayesian equilibrium)
    failures: list[str] = field(default_factory=list)
    sequential: bool | None = True
    undecided: list[Hashable] = field(default_factory=list)


def possible_nodes(tree: GameTree, chance: dict[int, tuple[Fraction, ...]], roots: set[int]) -> frozenset[int]:
    """The *possible* nodes: those whose path from the root of the smallest subgame containing them passes no
    chance outcome of probability zero (subgame roots, the tree's root among them, are possible)."""
    n = len(tree._nodes)
    possible = [True] * n
    for k in range(1, n):  # preorder: parents first
        up = tree._parent[k]
        possible[k] = k in roots or (possible[up] and not (
            isinstance(tree._nodes[up], Chance) and not chance[up][tree._children[up].index(k)]))
    return frozenset(k for k in range(n) if possible[k])


def assess(tree: GameTree, behavior: dict[int, tuple[Fraction, ...]], values: dict[int, tuple[Fraction, ...]],
           chance: dict[int, tuple[Fraction, ...]], roots: set[int], possible: frozenset[int], budget: WorkBudget,
           tol: Fraction = Fraction(0)) -> Assessment:
    """The beliefs supporting ``behavior`` (``{infoset index: probabilities}``), checked; see the module text.

    ``possible`` is :func:`possible_nodes` of the tree.  ``tol`` is the
    shortfall from the best payoff accepted at a reached information set (0:
    exact; positive for probabilities rounded from irrational values).
    """
    n = len(tree._nodes)
    weight: list[Fraction] = [Fraction(1)] * n
    for k in range(1, n):
        up = tree._parent[k]
        node = tree._nodes[up]
        j = tree._children[up].index(k)
        if isinstance(node, Chance):
            weight[k] = chance[up][j]
        else:
            h = tree._node_infoset[up]
            weight[k] = behavior[h][tree._infosets[h].actions.index(tree._label[k])]
    local = [Fraction(1)] * n  # reach from the root of the smallest subgame containing the node
    for k in range(1, n):
        local[k] = Fraction(1) if k in roots else local[tree._parent[k]] * weight[k]
    value: list[tuple[Fraction, ...]] = [()] * n
    for k in reversed(range(n)):
        node = tree._nodes[k]
        if isinstance(node, Terminal):
            value[k] = values[k]
        else:
            total = [Fraction(0)] * len(tree.players)
            for c in tree._children[k]:
                if weight[c]:
                    total = [t + weight[c] * v for t, v in zip(total, value[c])]
            value[k] = tuple(total)
    out = Assessment()
    for h, info in enumerate(tree._infosets):
        members = tree._members[h]
        i = tree.players.index(info.player)
        dist = behavior[h]
        supported = [a for a, p in zip(info.actions, dist) if p]

        def payoff(node: int, action: str, i: int = i) -> Fraction:
            return value[tree._child_of[(node, action)]][i]

        mass = sum((local[m] for m in members), Fraction(0))
        if mass or len(members) == 1:
            belief = {m: (local[m] / mass if mass else Fraction(1)) for m in members}
            out.points[h] = belief
            worth = {a: sum((belief[m] * payoff(m, a) for m in members), Fraction(0)) for a in info.actions}
            best = max(worth.values())
            bad = [a for a in supported if best - worth[a] > tol]
            if bad:
                out.failures.append(f"{info.key!r}: {bad} played but not optimal")
            continue
        weighed = [m for m in members if m in possible] or members
        var = {m: j for j, m in enumerate(weighed)}
        first = supported[0]
        eqs: list[Poly] = [psub({frozenset((j,)): Fraction(1) for j in var.values()}, constant(1))]
        ineqs: list[Poly] = [{frozenset((j,)): Fraction(1)} for j in var.values()]
        constraints: list[tuple[dict[int, Fraction], str, Fraction]] = [
            ({m: Fraction(1)}, "==", Fraction(0)) for m in members if m not in var]
        for b in info.actions:
            if b == first:
                continue
            row = {m: payoff(m, first) - payoff(m, b) for m in weighed}
            poly: Poly = {frozenset((var[m],)): c for m, c in row.items() if c}
            relation = "==" if b in supported else ">="
            if not poly:
                continue
            (eqs if relation == "==" else ineqs).append(poly)
            constraints.append(({m: c for m, c in row.items() if c}, relation, Fraction(0)))
        solved = polytope(eqs, ineqs, [], budget)
        if solved is None:
            out.failures.append(f"{info.key!r}: no belief makes {supported} optimal")
            continue
        vertices = [{m: (point.get(var[m], Fraction(0)) if m in var else Fraction(0)) for m in members}
                    for point in solved[0]]
        out.sets[h] = (vertices, constraints)
    if not out.failures:
        _sequential(tree, weight, possible, out)
    return out


def _sequential(tree: GameTree, weight: list[Fraction], possible: frozenset[int], out: Assessment) -> None:
    """Decide ``out.sequential`` (see the module text)."""
    n = len(tree._nodes)
    zero: list[frozenset[tuple[int, str]]] = [frozenset()] * n
    positive = [Fraction(1)] * n
    for k in range(1, n):
        up = tree._parent[k]
        zero[k], positive[k] = zero[up], positive[up]
        if weight[k]:
            positive[k] = positive[k] * weight[k]
        elif not isinstance(tree._nodes[up], Chance):
            zero[k] = zero[k] | {(tree._node_infoset[up], tree._label[k])}
    free_moves: dict[tuple[int, str], int] = {}
    undecided: list[Hashable] = []
    for h, info in enumerate(tree._infosets):
        members = [m for m in tree._members[h] if m in possible]
        if len(tree._members[h]) == 1 or not members or any(not zero[m] for m in members):
            continue  # singletons, sets no behaviour reaches, and sets reached from the root: Bayes' rule is the limit
        sets = [zero[m] for m in members]
        common = frozenset.intersection(*sets)
        minimal = [m for m, z in zip(members, sets) if z == common]
        if minimal:  # the others need further deviations: their weight vanishes in the limit
            total = sum((positive[m] for m in minimal), Fraction(0))
            forced = {m: (positive[m] / total if m in minimal else Fraction(0)) for m in tree._members[h]}
            if h in out.points:
                if out.points[h] != forced:
                    out.sequential = False
                    return
            elif not _contains(out.sets[h], forced):
                out.sequential = False
                return
            continue
        own = [s - common for s in sets]
        if all(len(s) == 1 for s in own) and len(set(own)) == len(own):
            for s in own:
                (move,) = s
                if free_moves.setdefault(move, h) != h:
                    undecided.append(info.key)
            continue
        undecided.append(info.key)
    if undecided:
        out.sequential = None
        out.undecided = undecided


def _contains(belief_set: tuple[list[dict[int, Fraction]], list[tuple[dict[int, Fraction], str, Fraction]]],
              point: dict[int, Fraction]) -> bool:
    _, constraints = belief_set
    for row, relation, bound in constraints:
        v = sum((c * point.get(m, Fraction(0)) for m, c in row.items()), Fraction(0))
        if (relation == "==" and v != bound) or (relation == ">=" and v < bound):
            return False
    return True

