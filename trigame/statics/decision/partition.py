"""Cutting the domain only as finely as some conditions need: a decision tree over sign conditions.

The cells of *every* atom of a set of conditions are far more than the conditions tell apart (thirty
polynomials in six parameters cut the space into many thousands of cells), while a regime map needs only the
regions on which each condition is constant. :func:`partition` builds a decision tree instead: a node is a
clause (some atoms with their allowed signs); a condition (a DNF over atoms) is *decided* on the node when
one of its clauses has every literal satisfied by the node's signs (it holds on the whole node) or every
clause has a literal the node contradicts (it holds nowhere on it). While some condition is undecided the
node splits on an atom of the undecided conditions' live literals -- of the lowest degree, and among those
the one that occurs most often (weighted towards short clauses): splitting on linear atoms first cut the
nodes and queries of BayesianLateralPressure's map by a sixth at the same leaves -- into the signs those
literals tell apart (``{-1}`` and ``{0, 1}`` where each says ``>= 0``; the zero set is a piece of its
own only where some condition needs it); a child proved empty is dropped. The leaves partition the domain
(up to the children proved empty), and on each leaf every condition has a constant truth value -- decided
syntactically, so exactly.

Each node carries a witness point; the child containing it needs no decision procedure, so a split costs
at most two queries; a point of another child is first looked for next to the node's, one parameter moved
exactly (:mod:`~trigame.statics.decision.nearby`), and a child's query is settled first by the recent
witnesses (:meth:`~trigame.statics.decision.domain.Domain.feasible`).  A partition of the whole domain then answers
later queries itself where it can (:func:`decide`: simplifying a regime map's conditions asks thousands,
most of them settled by the tree without a decision procedure).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from trigame.statics.decision.clauses import ALL, Clause
from trigame.statics.decision.domain import Domain
from trigame.statics.decision.nearby import near_point, off_zeros
from trigame.statics.decision.polynomials import _compiled, poly_sign

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


#: A decision tree: a leaf's index, or ``(atom, {allowed signs: subtree})``.
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
    """A witness of the leaf off the zero set of every atom the leaf does not pin to zero, where there is one.

    A leaf is not split on atoms no condition needs there, nor apart from their zero sets where no condition
    tells those apart; a witness on such an atom's zero set (nlsat's
    models favour small numbers) would describe a boundary rather than the leaf, e.g. a continuum of
    equilibria found only at a tie.
    """
    if point is None:
        return point, verdict
    zero = [k for k in domain.atom_signs.zeros(point) if clause.get(k, ALL) != {0}]
    if not zero:
        return point, verdict
    generic = {**clause, **{k: clause.get(k, ALL) - {0} for k in zero}}
    pinned = {k for k, signs in clause.items() if signs == {0}}

    def accept(candidate_clause: Clause, candidate: tuple[Fraction, ...]) -> bool:
        # a moved point may land on the zero set of an atom that did not vanish before (or that the clause
        # does not name): only one off every zero set the leaf does not pin is kept (checked before the
        # domain remembers it as the clause's witness)
        return set(domain.atom_signs.zeros(candidate)) <= pinned and domain.accept(candidate_clause, candidate)

    moved = off_zeros(domain.atoms, domain.bounds, generic, point, zero, accept)
    if moved is not None:
        return moved, True
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
        The leaves, depth first; ``tree`` is a leaf's index or ``(atom, {allowed signs: subtree})`` (signs missing
        from the dictionary: that child was proved empty).
    """
    leaves: list[Leaf] = []
    root = dict(within or {})
    verdict = domain.feasible(root, prove=True)
    if verdict is False:
        return leaves, None
    point = domain.witness(root) if verdict else None
    required_set = frozenset(required)
    atoms = domain.atoms

    def degree(k: int) -> int:
        return _compiled(atoms[k])[0]  # the total degree, kept with the atom's integer form

    def visit(clause: Clause, point: tuple[Fraction, ...] | None, verdict: bool | None,
              truth: list[bool], live: list[tuple[int, list[Clause]]]) -> Tree:
        # Only the conditions still undecided at the parent can change, and only through the new literal.
        still: list[tuple[int, list[Clause]]] = []
        counts: dict[int, float] = {}
        for i, condition in live:
            status = _status(condition, clause)
            if isinstance(status, bool):
                truth[i] = status
                continue
            still.append((i, status))
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
        k = max(counts, key=lambda j: (-degree(j), counts[j], -j))
        allowed = clause.get(k, ALL)
        here = None if point is None else poly_sign(domain.atoms[k], point)
        children = {}
        pieces = _pieces(allowed, k, still, k in required_set)
        empty: frozenset[int] = frozenset()
        near = {}
        if point is not None:  # points next to the node's, one parameter moved: no query where they hold
            for signs in pieces:
                if here not in signs:
                    found_point = near_point(domain.atoms, domain.bounds, {**clause, k: signs}, point, k,
                                             domain.accept)
                    if found_point is not None:
                        near[signs] = found_point
        if here and len(pieces) == 3 and not near:
            # the point is off the atom's zero set; where that set misses the node, the atom mostly keeps the
            # point's sign on all of it: both other pieces are then proved empty by one query
            others = frozenset({0, -here})
            if domain.proved_empty({**clause, k: others}):
                empty = others
        for signs in sorted(pieces, key=lambda s: here not in s):
            child = {**clause, k: signs}
            if here in signs:
                children[signs] = visit(child, point, verdict, list(truth), still)
                continue
            if signs <= empty:
                continue
            if signs in near:
                children[signs] = visit(child, near[signs], True, list(truth), still)
                continue
            found = domain.feasible(child, prove=True)
            if found is False:
                continue
            children[signs] = visit(child, domain.witness(child) if found else None, found, list(truth), still)
        return (k, children)

    recent, domain.recent = domain.recent, 0  # the recent witnesses never hold on a new piece (nearby points do)
    try:
        tree = visit(root, point, verdict, [False] * len(conditions), list(enumerate(conditions)))
    finally:
        domain.recent = recent
    if not within:  # a partition of the whole domain: later queries are tried on it first
        domain.oracles.append(functools.partial(decide, tree, leaves))
    return leaves, tree


def _pieces(allowed: frozenset[int], k: int, live: list[tuple[int, list[Clause]]],
            required: bool) -> list[frozenset[int]]:
    """How a node splits on atom ``k``: into the signs its undecided literals on ``k`` tell apart.

    Each live literal ``sign(atom k) in S`` separates ``allowed & S`` from ``allowed - S``; the pieces are the
    common refinement of these cuts (two pieces, ``{-1}`` and ``{0, 1}`` say, where every literal is ``>= 0``),
    so the zero set of an atom is a piece of its own only where some condition needs it.  A required atom is
    split into its single signs.
    """
    if required:
        return [frozenset({s}) for s in sorted(allowed)]
    pieces = [allowed]
    for _, condition in live:
        for c in condition:
            cut = c.get(k)
            if cut is None:
                continue
            pieces = [part for piece in pieces for part in (piece & cut, piece - cut) if part]
    return pieces


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
            stack.extend(child for signs, child in children.items() if allowed is None or signs & allowed)
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
        sign = signs[k]
        tree = next((child for allowed, child in children.items() if sign in allowed), None)
    return tree
