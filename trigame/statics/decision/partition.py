"""Cutting the domain only as finely as some conditions need: a decision tree over sign conditions.

The cells of *every* atom of a set of conditions are far more than the conditions tell apart (thirty
polynomials in six parameters cut the space into many thousands of cells), while a regime map needs only
the regions on which each condition is constant.  :func:`partition` builds a decision tree instead: a node
is a clause (some atoms with one sign each); a condition (a DNF over atoms) is *decided* on the node when one
of its clauses has every literal satisfied by the node's signs (it holds on the whole node) or every clause
has a literal the node contradicts (it holds nowhere on it).  While some condition is undecided the node
splits on the atom that occurs most often in the undecided conditions' live literals, into its three signs;
a child proved empty is dropped.  The leaves partition the domain (up to the children proved empty), and on
each leaf every condition has a constant truth value -- decided syntactically, so exactly.

Each node carries a witness point; the child containing it needs no decision procedure, so a split costs
at most two queries, and a child's query is settled first by the recent witnesses
(:meth:`~trigame.statics.decision.domain.Domain.feasible`).  A partition of the whole domain then answers
later queries itself where it can (:func:`decide`: simplifying a regime map's conditions asks thousands,
most of them settled by the tree without a decision procedure).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from trigame.statics.decision.clauses import Clause
from trigame.statics.decision.domain import Domain
from trigame.statics.decision.polynomials import poly_sign

__all__ = ["Leaf", "partition"]


@dataclass
class Leaf:
    """A region on which every condition has a constant truth value.

    Attributes
    ----------
    clause : Clause
        The region: one sign for each atom split on along the way (and the signs given in ``within``).
    truth : tuple of bool
        Whether each condition holds on the region.
    witness : tuple of Fraction or None
        A point of the region, exactly checked; None when none was found (then ``verdict`` says why).
    verdict : bool or None
        True when the region is proved nonempty, None when that could not be decided.
    """

    clause: Clause
    truth: tuple[bool, ...]
    witness: tuple[Fraction, ...] | None
    verdict: bool | None


#: A decision tree: a leaf's index, or ``(atom, {sign: subtree})``.
Tree = Any


def _status(condition: list[Clause], clause: Clause) -> bool | list[Clause]:
    """True / False when ``condition`` is decided on ``clause``; else its live clauses, reduced to open literals."""
    live = []
    for c in condition:
        open_literals: Clause = {}
        dead = False
        for k, allowed in c.items():
            signs = clause.get(k)
            if signs is None:
                open_literals[k] = allowed
            elif not signs & allowed:
                dead = True
                break
            elif not signs <= allowed:
                open_literals[k] = allowed
        if dead:
            continue
        if not open_literals:
            return True
        live.append(open_literals)
    return live if live else False


def _generic(domain: Domain, clause: Clause, point: tuple[Fraction, ...] | None,
             verdict: bool | None) -> tuple[tuple[Fraction, ...] | None, bool | None]:
    """A witness of the leaf off the zero set of every atom the leaf does not constrain, where there is one.

    A leaf is not split on atoms no condition needs there; a witness on such an atom's zero set (nlsat's
    models favour small numbers) would describe a boundary rather than the leaf, e.g. a continuum of
    equilibria found only at a tie.
    """
    if point is None:
        return point, verdict
    zero = [k for k in range(len(domain.atoms)) if k not in clause and not poly_sign(domain.atoms[k], point)]
    if not zero:
        return point, verdict
    generic = {**clause, **{k: frozenset({-1, 1}) for k in zero}}
    if domain.feasible(generic, prove=True):
        better = domain.witness(generic)
        if better is not None:
            return better, True
    return point, verdict


def partition(domain: Domain, conditions: Sequence[list[Clause]], required: Sequence[int] = (),
              within: Clause | None = None) -> tuple[list[Leaf], Tree]:
    """Leaves on which every condition is constant, and the decision tree that finds a point's leaf.

    Parameters
    ----------
    domain : Domain
        The space whose atoms the conditions' clauses index.
    conditions : sequence of DNFs
        Each a list of clauses (their disjunction).
    required : sequence of int
        Atoms that every leaf must split on too (the leaves then have one sign for each).
    within : Clause, optional
        Restrict the domain to this clause.

    Returns
    -------
    (leaves, tree)
        The leaves, depth first; ``tree`` is a leaf's index or ``(atom, {sign: subtree})`` (a sign missing
        from the dictionary: that child was proved empty).
    """
    leaves: list[Leaf] = []
    root = dict(within or {})
    verdict = domain.feasible(root, prove=True)
    if verdict is False:
        return leaves, None
    point = domain.witness(root) if verdict else None

    def visit(clause: Clause, point: tuple[Fraction, ...] | None, verdict: bool | None) -> Tree:
        counts: dict[int, float] = {}
        truth = []
        for condition in conditions:
            status = _status(condition, clause)
            if isinstance(status, bool):
                truth.append(status)
                continue
            truth.append(False)
            for c in status:
                for k in c:
                    counts[k] = counts.get(k, 0) + 1 / len(c) ** 2  # literals of short clauses decide more
        if not counts:
            for k in required:
                if k not in clause or len(clause[k]) > 1:
                    counts[k] = 1
                    break
        if not counts:
            leaves.append(Leaf(clause, tuple(truth), *_generic(domain, clause, point, verdict)))
            return len(leaves) - 1
        k = max(counts, key=lambda j: (counts[j], -j))
        here = None if point is None else poly_sign(domain.atoms[k], point)
        allowed = clause.get(k, frozenset((-1, 0, 1)))
        children = {}
        for s in sorted(allowed, key=lambda s: s != here):
            child = {**clause, k: frozenset({s})}
            if s == here:
                children[s] = visit(child, point, verdict)
                continue
            found = domain.feasible(child, prove=True)
            if found is False:
                continue
            children[s] = visit(child, domain.witness(child) if found else None, found)
        return (k, children)

    tree = visit(root, point, verdict)
    if not within:  # a partition of the whole domain: later queries are tried on it first
        domain.oracles.append(functools.partial(decide, tree, leaves))
    return leaves, tree


def decide(tree: Tree, leaves: Sequence[Leaf], clause: Clause) -> tuple[bool | None, tuple[Fraction, ...] | None]:
    """What a partition of the whole domain proves about ``clause``: empty, nonempty (with a point) or unknown.

    The branches of ``tree`` that ``clause`` allows are followed (every branch at an atom it does not
    constrain).  No leaf reached: every piece of the domain that could meet the clause was proved empty,
    so the clause is empty.  A leaf reached whose signs all lie in the clause's (the clause constrains
    only atoms on its path), proved nonempty: the leaf lies inside the clause, which is nonempty.  Any
    other leaf: unknown, and the walk stops there.

    Returns
    -------
    ``(False, None)``, ``(True, the leaf's witness)`` or ``(None, None)``.
    """
    stack = [tree]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if isinstance(node, tuple):
            k, children = node
            allowed = clause.get(k)
            stack.extend(child for s, child in children.items() if allowed is None or s in allowed)
            continue
        leaf = leaves[node]
        if leaf.verdict and all(k in leaf.clause and leaf.clause[k] <= signs for k, signs in clause.items()):
            return True, leaf.witness
        return None, None
    return False, None


def locate(tree: Tree, signs: dict[int, int]) -> int | None:
    """The index of the leaf of ``tree`` holding a point with these atom signs (None: a child proved empty)."""
    while isinstance(tree, tuple):
        k, children = tree
        tree = children.get(signs[k])
    return tree
