"""Proving pieces of a symbolic backward induction empty on the parameters' domains, each condition read once.

The subgame-perfect regimes pass a :class:`Pruning` to
:func:`~trigame.solve.subgame_perfect.backward_induction` as its ``empty`` test:
a piece (one solution of one subgame, with the condition under which it holds)
proved empty is dropped before the stages above are solved for it.  Most
questions are about *combinations* of pieces already asked about (a stage's
solution combined with the solutions of the subgames below it, then with the
choice above), and most of them narrow a clause already proved empty.  So
every condition is read into clauses (sign conditions on the space's atoms)
once, and a combination is decided from its parts' clauses, conjoined clause by
clause with every product tested against the space's cache of empty clauses --
never re-read from its SymPy form.  The verdicts are the same as reading the
whole condition: both are "every clause of the conjunction is proved empty",
over the same clauses up to ones already proved empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trigame.errors import UnsupportedGameError
from trigame.statics.decision.clauses import Clause, _dedupe, conjoin

if TYPE_CHECKING:
    from trigame.statics.decision import Space

__all__ = ["Pruning"]


class Pruning:
    """``empty(condition)`` and ``empty.conjunction(condition, parts)`` for the solver, over ``space``.

    ``known`` keeps every condition met as its clauses not proved empty (None: a condition the decision
    procedure does not read, never proved empty).
    """

    def __init__(self, space: Space) -> None:
        self.space = space
        self.known: dict[Any, list[Clause] | None] = {True: [{}]}

    def clauses(self, condition: Any) -> list[Clause] | None:
        """The clauses of ``condition`` not proved empty (read once); None when it cannot be read."""
        if condition not in self.known:
            space = self.space
            try:
                self.known[condition] = [c for c in space.dnf(condition) if space.feasible(c, prove=False) is not False]
            except (UnsupportedGameError, ValueError, TypeError):
                self.known[condition] = None
        return self.known[condition]

    def __call__(self, condition: Any) -> bool:
        """Whether ``condition`` is proved empty on the domain."""
        return self.clauses(condition) == []

    def conjunction(self, condition: Any, parts: Sequence[Any]) -> bool:
        """Whether ``condition``, the conjunction of ``parts``, is proved empty, decided from the parts' clauses."""
        if condition not in self.known:
            lists = []
            for part in parts:
                found = self.clauses(part)
                if found is None:
                    return self(condition)
                lists.append(found)
            out: list[Clause] = [{}]
            for found in sorted(lists, key=len):
                out = _dedupe([c for a in out for b in found if (c := conjoin(a, b)) is not None
                               and self.space.feasible(c, prove=False) is not False])
                if not out:
                    break
            self.known[condition] = out
        return self.known[condition] == []
