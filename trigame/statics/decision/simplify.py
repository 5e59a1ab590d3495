"""Simplifying a disjunction of clauses on the domain, and enumerating the cells of a set of atoms.

Clauses proved empty are dropped, literals implied by the rest of their clause and the domains are removed
(each implication proved by an empty conjunction), clauses that differ in one atom's signs are merged and
clauses subsumed by another are dropped, until nothing changes.  The cells of some atoms are their sign
vectors that are not proved empty, found depth-first with pruning.
"""

from __future__ import annotations

from collections.abc import Sequence

from trigame.statics.decision.clauses import ALL, Clause, _dedupe, _merge, _subsumes
from trigame.statics.decision.domain import Domain


class Simplification(Domain):
    """The space's simplification of DNFs and its cells."""

    def simplify(self, clauses: list[Clause]) -> list[Clause]:
        """An equivalent, shorter DNF on the domain: empty clauses dropped, redundant literals removed, merged."""
        clauses = [c for c in _dedupe(clauses) if self.feasible(c, prove=False) is not False]
        for _ in range(4):
            before = [dict(c) for c in clauses]
            clauses = _merge(clauses)
            clauses = [self._prune(c) for c in clauses]
            clauses = _dedupe(clauses)
            clauses = [c for c in clauses if not any(d is not c and _subsumes(d, c) for d in clauses)]
            if clauses == before:
                break
        if any(not c for c in clauses):
            return [{}]
        return clauses

    def _prune(self, clause: Clause) -> Clause:
        """Drop literals implied by the rest of the clause and the domains."""
        out = dict(clause)
        for k in sorted(clause, key=lambda k: -len(self.atoms[k])):
            signs = out[k]
            if signs == ALL:
                del out[k]
                continue
            rest = {j: s for j, s in out.items() if j != k}
            complement = ALL - signs
            if self._empty_each(rest, k, complement):
                out = rest
                continue
            # tighten: signs the rest rules out (e.g. ``k <= 0`` on a domain ``k >= 0`` is ``k = 0``); only an
            # inequality allowing zero can become an equality, and only when its nonzero signs are ruled out
            if 0 not in signs or len(signs) == 1:
                continue
            if all(self.feasible({**rest, k: frozenset({s})}, prove=False) is False for s in signs - {0}):
                if self.feasible({**rest, k: frozenset({0})}, prove=False) is not False:
                    out[k] = frozenset({0})
        return out

    def _empty_each(self, rest: Clause, k: int, signs: frozenset[int]) -> bool:
        """Whether ``rest`` with each sign of atom ``k`` in ``signs`` is proved empty.

        With a complete procedure (nlsat) one question is asked for all the signs at once: the union is
        empty exactly when each part is, and is nonempty when a part is; where it stays undecided (its
        budget ran out), and with the elimination (incomplete on unions), each sign is asked on its own.
        """
        if len(signs) > 1 and self.prune and self._nlsat():  # questions without a witness go to nlsat
            verdict = self.feasible({**rest, k: signs}, prove=False)
            if verdict is not None:
                return verdict is False
        return all(self.feasible({**rest, k: frozenset({s})}, prove=False) is False for s in signs)

    # ------------------------------------------------------------------ cells
    def cells(self, atoms: Sequence[int], within: Clause | None = None) -> list[tuple[Clause, bool | None]]:
        """Every sign vector of ``atoms`` that is not proved empty (depth-first, pruned), with its verdict."""
        out: list[tuple[Clause, bool | None]] = []
        base = dict(within or {})

        def visit(depth: int, clause: Clause) -> None:
            last = depth == len(atoms)
            verdict = self.feasible(clause, prove=last)
            if verdict is False:
                return
            if last:
                out.append((clause, verdict))
                return
            k = atoms[depth]
            for s in (-1, 0, 1):
                allowed = clause.get(k, ALL) & {s}
                if allowed:
                    visit(depth + 1, {**clause, k: frozenset(allowed)})

        visit(0, base)
        return out
