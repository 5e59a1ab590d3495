"""Clauses: conjunctions of sign conditions on atoms, and the Boolean bookkeeping of their disjunctions.

A clause maps atom indices (canonical polynomials registered by the space) to their allowed signs, a
nonempty subset of ``{-1, 0, +1}``; a condition is a list of clauses, read as their disjunction (a
disjunctive normal form).  These operations are purely syntactic: conjunction, deduplication, subsumption
and merging clauses that differ in one atom's signs.  Deciding which clauses are empty is the space's job.
"""

from __future__ import annotations

import itertools

#: A conjunction: ``{atom index: allowed signs}``.
Clause = dict[int, frozenset[int]]

#: Every sign: no condition on the atom.
ALL = frozenset((-1, 0, 1))


def conjoin(a: Clause, b: Clause) -> Clause | None:
    """The conjunction of two clauses, or None when they contradict on some atom."""
    out = dict(a)
    for k, s in b.items():
        both = out.get(k, ALL) & s
        if not both:
            return None
        out[k] = both
    return out


def _key(clause: Clause) -> tuple[tuple[int, frozenset[int]], ...]:
    """The clause's literals in atom order: a hashable key (and the path of an empty clause in the domain's trie)."""
    return tuple(sorted(clause.items(), key=lambda item: item[0]))


def _dedupe(clauses: list[Clause]) -> list[Clause]:
    seen = set()
    out = []
    for c in clauses:
        key = _key(c)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _subsumes(big: Clause, small: Clause) -> bool:
    """Every point of ``small`` lies in ``big`` (literal-wise)."""
    return all(k in small and small[k] <= s for k, s in big.items())


def _merge(clauses: list[Clause]) -> list[Clause]:
    """Merge clauses that differ in the signs of one atom only (``p > 0`` or ``p = 0`` -> ``p >= 0``)."""
    clauses = _dedupe(clauses)
    changed = True
    while changed:
        changed = False
        for a, b in itertools.combinations(range(len(clauses)), 2):
            x, y = clauses[a], clauses[b]
            if set(x) != set(y):
                continue
            differ = [k for k in x if x[k] != y[k]]
            if len(differ) != 1:
                continue
            (k,) = differ
            merged = {**x, k: x[k] | y[k]}
            if merged[k] == ALL:
                del merged[k]
            clauses = [c for i, c in enumerate(clauses) if i not in (a, b)] + [merged]
            changed = True
            break
    return clauses
