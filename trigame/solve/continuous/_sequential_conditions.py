"""Conditions on parameters for the sequential solver: sign decisions and light simplification.

The leader's candidates in a symbolic game each come with a condition: a
conjunction of "this candidate lies in its piece" and "its value is at least
every other candidate's".  These helpers decide a comparison where the signs
of the parameters prove it, divide positive factors out of each relation,
intersect relations on one expression (``d > 0 & d < 0`` is false,
``d >= 0 & d > 0`` is ``d > 0``), and drop the disjuncts an equation
contradicts, so the pieces read as the textbook states them.  Nothing here
claims completeness: a condition left unsimplified is still correct.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ge", "prune", "truth"]


def truth(condition: Any) -> Any:
    """``True``/``False`` for a decided SymPy condition, the condition itself otherwise."""
    import sympy

    if condition is True or condition == sympy.true:
        return True
    if condition is False or condition == sympy.false:
        return False
    return condition


def ge(difference: Any) -> Any:
    """``difference >= 0`` decided where the signs of the parameters prove it, else the relation."""
    import sympy

    d = sympy.factor(sympy.simplify(difference))
    if d.is_nonnegative:
        return True
    if d.is_negative:
        return False
    if d.is_nonpositive:
        return truth(sympy.Eq(d, 0))
    return truth(sympy.Ge(d, 0))


def _canonical(relation: Any) -> Any:
    """``d rel 0`` with the positive factors of ``d`` divided out (and, in an equation, powers reduced to bases)."""
    import sympy

    numerator, denominator = sympy.fraction(sympy.together(relation.lhs - relation.rhs))
    flip = False
    if denominator.is_negative:
        flip = True
    elif not denominator.is_positive:
        return relation
    coefficient, factors = sympy.factor_list(numerator)
    if coefficient < 0:
        flip = not flip
    kept = sympy.Integer(1)
    for base, power in factors:
        if base.is_positive:
            continue
        if base.is_negative:
            flip = not flip if power % 2 else flip
            continue
        kept *= base if isinstance(relation, (sympy.Eq, sympy.Ne)) else base**power
    op = type(relation)
    if flip:
        op = {sympy.Gt: sympy.Lt, sympy.Lt: sympy.Gt, sympy.Ge: sympy.Le, sympy.Le: sympy.Ge}.get(op, op)
    return op(kept, 0)


#: Largest disjunctive normal form the simplification expands a condition to (else it is left as it is).
MAX_DNF_TERMS = 256


def _dnf_size(condition: Any) -> int:
    """An upper bound on the number of terms of the condition's disjunctive normal form."""
    import sympy

    if isinstance(condition, sympy.Or):
        return sum(_dnf_size(arg) for arg in condition.args)
    if isinstance(condition, sympy.And):
        size = 1
        for arg in condition.args:
            size *= _dnf_size(arg)
            if size > MAX_DNF_TERMS:
                break
        return size
    return 1


def prune(condition: Any) -> Any:
    """Drop the disjuncts of a condition that an equation contradicts (substituting each solved equation)."""
    import sympy

    condition = truth(condition)
    if condition in (True, False):
        return condition
    relations = condition.atoms(sympy.core.relational.Relational)
    condition = truth(condition.xreplace({r: _canonical(r) for r in relations}))
    if condition in (True, False):
        return condition
    if _dnf_size(condition) <= MAX_DNF_TERMS:
        condition = truth(sympy.to_dnf(condition))
        if condition in (True, False):
            return condition
    terms = condition.args if isinstance(condition, sympy.Or) else (condition,)
    kept = []
    for term in terms:
        term = _merge(term)
        atoms = list(term.args) if isinstance(term, sympy.And) else [term]
        for atom in atoms:
            if isinstance(atom, sympy.Eq):
                symbols = sorted(atom.free_symbols, key=str)
                solution = sympy.solve(atom, symbols[0], dict=True) if symbols else []
                if len(solution) == 1 and truth(term.xreplace(solution[0]).simplify()) is False:
                    term = False
                    break
        if term is not False:
            kept.append(term)
    kept = _absorb(kept)
    if len(kept) > 1 and all(_NAMES.get(type(t).__name__) for t in kept):  # d = 0 or d < 0: one relation d <= 0
        merged = _merge_union(kept)
        if merged is not None:
            return merged
    return truth(sympy.Or(*kept)) if kept else False


def _merge_union(relations: list[Any]) -> Any:
    """``d = 0 | d < 0`` as ``d <= 0`` (None when the relations are not all on one expression)."""
    import sympy

    union = sympy.S.EmptySet
    common = None
    for relation in relations:
        d = relation.lhs - relation.rhs
        one = _merge(relation)
        if one is True or one is False:
            return None
        d = one.lhs - one.rhs
        if common is None:
            common = d
        if sympy.simplify(d - common) != 0:
            return None
        name = _NAMES[type(one).__name__]
        upward, open_end, _ = _SETS[name]
        if upward is None:
            union = union.union(sympy.FiniteSet(0))
        elif upward:
            union = union.union(sympy.Interval(0, sympy.oo, left_open=open_end))
        else:
            union = union.union(sympy.Interval(-sympy.oo, 0, right_open=open_end))
    if not isinstance(union, sympy.Interval) and union != sympy.FiniteSet(0):
        return None
    return truth(_relation(common, union))


_NAMES = {"StrictGreaterThan": "Gt", "GreaterThan": "Ge", "StrictLessThan": "Lt", "LessThan": "Le", "Equality": "Eq"}
_SETS = {"Gt": (True, True, False), "Ge": (True, False, False), "Lt": (False, True, False),
         "Le": (False, False, False), "Eq": (None, False, False)}


def _merge(term: Any) -> Any:
    """A conjunction with the relations on one expression ``d`` (``d > 0``, ``-d >= 0``, ...) intersected."""
    import sympy

    atoms = list(term.args) if isinstance(term, sympy.And) else [term]
    ranges: dict[Any, Any] = {}
    others = []
    for atom in atoms:
        name = _NAMES.get(type(atom).__name__, "")
        if name not in _SETS:
            others.append(atom)
            continue
        d = atom.lhs - atom.rhs
        if d.could_extract_minus_sign():
            d, name = -d, {"Gt": "Lt", "Lt": "Gt", "Ge": "Le", "Le": "Ge"}.get(name, name)
        upward, open_end, _ = _SETS[name]
        if upward is None:
            allowed = sympy.FiniteSet(0)
        elif upward:
            allowed = sympy.Interval(0, sympy.oo, left_open=open_end)
        else:
            allowed = sympy.Interval(-sympy.oo, 0, right_open=open_end)
        ranges[d] = ranges.get(d, sympy.S.Reals).intersect(allowed)
    parts = list(others)
    for d, allowed in ranges.items():
        if allowed.is_empty:
            return False
        parts.append(_relation(d, allowed))
    return truth(sympy.And(*parts))


def _relation(d: Any, allowed: Any) -> Any:
    import sympy

    if allowed == sympy.FiniteSet(0):
        return sympy.Eq(d, 0)
    if allowed == sympy.S.Reals:
        return True
    if allowed.inf == 0:
        return sympy.Gt(d, 0) if allowed.left_open else sympy.Ge(d, 0)
    return sympy.Lt(d, 0) if allowed.right_open else sympy.Le(d, 0)




def _absorb(terms: list[Any]) -> list[Any]:
    """Absorption: drop a conjunction that contains every conjunct of another term (``A | (A & B)`` is ``A``)."""
    import sympy

    def conjuncts(term: Any) -> frozenset[Any]:
        return frozenset(term.args) if isinstance(term, sympy.And) else frozenset([term])

    sets = [conjuncts(t) for t in terms]
    kept = []
    for i, term in enumerate(terms):
        if not any(j != i and (sets[j] < sets[i] or (sets[j] == sets[i] and j < i)) for j in range(len(terms))):
            kept.append(term)
    return kept
