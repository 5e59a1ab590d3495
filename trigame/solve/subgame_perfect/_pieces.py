"""The solutions of one subgame, as pieces: how many equilibria they stand for, and each of them, lazily.

A :class:`_Piece` is a subgame-perfect equilibrium of one subgame on the part
of parameter space where its condition holds: its behaviour in the subgame's
stage, its payoffs, and for each subgame below, the alternative solutions of
that subgame it combines with (equal in condition and payoffs, so the stage
above was solved once for all of them).  The equilibria of the whole tree are
thus a product of choices, counted without listing them (:func:`_count`) and
listed one at a time (:func:`_enumerate`), without recursion however deep the
tree.  The conditions of symbolic trees are SymPy relations, conjoined and
simplified by :func:`_and`.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class _Piece:
    """A subgame-perfect equilibrium of one subgame (on the part of parameter space where ``condition`` holds)."""

    condition: Any
    value: tuple[Any, ...]
    #: the behaviour in this subgame's stage ...
    behavior: tuple[tuple[Hashable, tuple[Any, ...]], ...]
    #: ... and, for each subgame below it, the interchangeable equilibria of that subgame (same condition
    #: and payoffs) it may be combined with (expanded only for the equilibria returned)
    below: tuple[tuple[_Piece, ...], ...] = ()
    #: ties in this subgame's stage whose mixtures only the mover at the parent node cares about: the
    #: payoffs of the tied actions, for the parent to check (see ``_Solver.check_pending``)
    pending: tuple[tuple[tuple[Any, ...], ...], ...] = ()


def _count(groups: Sequence[_Piece], memo: dict[int, int]) -> int:
    """How many equilibria the alternative solutions ``groups`` stand for together.

    A piece stands for the product, over the subgames below it, of the number of
    alternatives there; counted bottom-up with an explicit stack (no recursion,
    however deep the tree), each piece once.
    """
    stack: list[tuple[_Piece, bool]] = [(piece, False) for piece in groups]
    while stack:
        piece, children_done = stack.pop()
        if id(piece) in memo:
            continue
        if not children_done:
            stack.append((piece, True))
            stack.extend((child, False) for alternatives in piece.below for child in alternatives
                         if id(child) not in memo)
            continue
        n = 1
        for alternatives in piece.below:
            n *= sum(memo[id(child)] for child in alternatives)
        memo[id(piece)] = n
    return sum(memo[id(piece)] for piece in groups)


def walk_choices(top: Sequence[Any]) -> Iterator[list[Any]]:
    """Every combination the alternatives ``top`` stand for, lazily, as the list of pieces it takes.

    Each piece has ``below``: for each subgame below it, the alternatives there.
    An odometer over the choice points met in a depth-first walk: each walk
    takes the recorded choice at the points met before and the first
    alternative at new ones, so no recursion is needed however deep the tree.
    """
    if not top:
        return
    choices: list[int] = []
    while True:
        sizes: list[int] = []
        out: list[Any] = []
        stack: list[Sequence[Any]] = [top]
        while stack:
            alternatives = stack.pop()
            index = 0
            if len(alternatives) > 1:
                index = choices[len(sizes)] if len(sizes) < len(choices) else 0
                sizes.append(len(alternatives))
            piece = alternatives[index]
            out.append(piece)
            stack.extend(reversed(piece.below))
        yield out
        chosen = choices[:len(sizes)] + [0] * (len(sizes) - len(choices))
        while chosen and chosen[-1] + 1 == sizes[len(chosen) - 1]:
            chosen.pop()
        if not chosen:
            return
        chosen[-1] += 1
        choices = chosen


def _enumerate(top: Sequence[_Piece]) -> Iterator[tuple[Any, list[tuple[Hashable, tuple[Any, ...]]], tuple[Any, ...]]]:
    """Every equilibrium the alternatives ``top`` stand for, lazily: ``(condition, behaviour entries, payoffs)``.

    The payoffs are the top piece's value: the expected payoffs of the whole game when ``top`` are the
    solutions of the subgame at the root.
    """
    for pieces in walk_choices(top):
        yield pieces[0].condition, [entry for piece in pieces for entry in piece.behavior], pieces[0].value


def _and(*conditions: Any) -> Any:
    """Conjunction that keeps ``True`` for numeric trees and simplifies what SymPy can decide."""
    parts = [c for c in conditions if c is not True]
    if any(c is False for c in parts):
        return False
    if not parts:
        return True
    condition, symbols = _conjunction(parts)
    return _simplify(condition, symbols)


#: For each argument of a conjunction met (a relation, mostly): its key in ``sympy.ordered``, its free symbols
#: and, for a relation, its canonical form and its negation's -- the same few hundred relations are conjoined
#: thousands of times while a tree is solved.
_ARGUMENTS: dict[Any, tuple[Any, frozenset[Any], Any, Any]] = {}
_MAX_ARGUMENTS = 1 << 14


def _argument(arg: Any) -> tuple[Any, frozenset[Any], Any, Any]:
    found = _ARGUMENTS.get(arg)
    if found is None:
        from sympy.core.sorting import _nodes, default_sort_key

        canonical = arg.canonical if arg.is_Relational else None
        negated = canonical.negated.canonical if canonical is not None else None
        found = ((_nodes(arg), default_sort_key(arg)), frozenset(arg.free_symbols), canonical, negated)
        if len(_ARGUMENTS) >= _MAX_ARGUMENTS:
            _ARGUMENTS.clear()
        _ARGUMENTS[arg] = found
    return found


def _conjunction(parts: Sequence[Any]) -> tuple[Any, frozenset[Any]]:
    """``sympy.And(*parts)`` and its free symbols, built as SymPy builds it, each argument's sort key and
    canonical form computed once (:data:`_ARGUMENTS`).

    SymPy flattens conjunctions, drops ``true``, keeps one relation per canonical form (the first in
    ``sympy.ordered`` order: by node count, then ``default_sort_key``, stably) and gives ``false`` when a
    relation's negation is there too; the arguments left are kept as a set and stored in that order.  This
    reads SymPy's internals (``sorting._nodes``, ``And._argset``, ``AssocOp``'s constructor) and leaves out
    ``BooleanFunction.binary_check_and_simplify`` beyond ``as_Boolean`` (older SymPy versions also check
    Boolean symbols used as numbers there; a backward induction's conditions have none); where those
    internals are missing, ``sympy.And`` itself is used.
    """
    import sympy

    try:
        return _built_conjunction(parts)
    except (AttributeError, ImportError):  # another SymPy's internals
        condition = sympy.And(*parts)
        return condition, frozenset(condition.free_symbols)


def _built_conjunction(parts: Sequence[Any]) -> tuple[Any, frozenset[Any]]:
    """:func:`_conjunction` from SymPy's internals (AttributeError or ImportError where they differ)."""
    import sympy
    from sympy.core.operations import AssocOp

    args: list[Any] = []
    for part in parts:
        part = sympy.logic.boolalg.as_Boolean(part)
        if part == sympy.false:
            return sympy.false, frozenset()
        if part == sympy.true:
            continue
        if part.func == sympy.And:
            args.extend(part.args)
        else:
            args.append(part)
    kept = []
    relations: set[Any] = set()
    for arg in sorted(args, key=lambda a: _argument(a)[0]):
        _, _, canonical, negated = _argument(arg)
        if canonical is not None:
            if canonical in relations:
                continue
            if negated in relations:
                return sympy.false, frozenset()
            relations.add(canonical)
        kept.append(arg)
    argset = frozenset(kept)
    if not argset:
        return sympy.true, frozenset()
    if len(argset) == 1:
        (only,) = argset
        return only, _argument(only)[1]
    condition = super(AssocOp, sympy.And).__new__(sympy.And, *sorted(argset, key=lambda a: _argument(a)[0]))
    condition._argset = argset
    return condition, frozenset().union(*(_argument(a)[1] for a in argset))


def _simplify(condition: Any, symbols: frozenset[Any] | None = None) -> Any:
    """``True``/``False`` when SymPy can decide the condition; a one-parameter condition as intervals.

    ``symbols``: the condition's free symbols, when known.
    """
    import sympy

    if condition is True or condition == sympy.true:
        return True
    if condition is False or condition == sympy.false:
        return False
    if symbols is None:
        symbols = condition.free_symbols
    if len(symbols) == 1:
        (x,) = symbols
        region = _rational_region(condition, x)
        if region is None:
            try:
                region = condition.as_set()
            except (NotImplementedError, TypeError, ValueError):
                return condition
        if region == sympy.S.EmptySet:
            return False
        if region.is_superset(sympy.S.Reals):
            return True
        unbounded = {sympy.Lt(x, sympy.oo): sympy.true, sympy.Lt(-sympy.oo, x): sympy.true}
        return region.as_relational(x).xreplace(unbounded)
    return condition


def _rational_region(condition: Any, x: Any) -> Any:
    """The set of reals where a condition in one symbol holds, when its sign conditions have rational roots.

    Every relation compares a rational function of ``x`` with rational coefficients
    to zero, so the condition's truth value is constant between consecutive real
    roots of the numerators and denominators: it is decided at each root and at one
    point of each interval between them.  Where a denominator vanishes the relation
    is undefined and does not hold (as in ``as_set``).  Much faster than SymPy's
    ``as_set``; None (use ``as_set``) when a relation is not such a rational
    function or a root is irrational.
    """
    import sympy

    roots: set[Any] = set()
    for atom in condition.atoms(sympy.core.relational.Relational):
        num, den = sympy.fraction(sympy.together(atom.lhs - atom.rhs))
        for part in (num, den):
            try:
                poly = sympy.Poly(part, x)
            except sympy.PolynomialError:
                return None
            if poly.degree() <= 0:
                continue
            if not (poly.domain.is_ZZ or poly.domain.is_QQ):
                return None
            for root in sympy.real_roots(poly):
                if not root.is_Rational:
                    return None
                roots.add(root)
    points = sorted(roots)

    def holds(value: Any) -> bool:
        try:
            truth = condition.subs(x, value)
        except (TypeError, ZeroDivisionError):
            return False
        if truth not in (sympy.true, sympy.false):
            raise ValueError(truth)
        return bool(truth)

    pieces: list[Any] = []
    try:
        if not points:
            return sympy.S.Reals if holds(sympy.Integer(0)) else sympy.S.EmptySet
        edges = [-sympy.oo, *points, sympy.oo]
        for a, b in itertools.pairwise(edges):
            inside = b - 1 if a == -sympy.oo else a + 1 if b == sympy.oo else (a + b) / 2
            if holds(inside):
                pieces.append(sympy.Interval.open(a, b))
        for root in points:
            if holds(root):
                pieces.append(sympy.FiniteSet(root))
    except ValueError:  # a relation SymPy does not decide at a rational point: leave it to as_set
        return None
    return sympy.Union(*pieces) if pieces else sympy.S.EmptySet
