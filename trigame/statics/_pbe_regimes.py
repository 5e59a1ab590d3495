"""The regimes of a signalling game: every perfect Bayesian equilibrium with the condition under which it exists.

:func:`_pbe_regimes` runs the symbolic support enumeration
(:func:`trigame.solve.perfect_bayesian.symbolic_signaling.symbolic_signaling_pbe`)
with a condition algebra over the space's clauses (:class:`_ClauseConditions`):
every condition is kept as a disjunction of clauses of polynomial sign
conditions, and a clause is dropped as soon as the decision procedures
(:mod:`trigame.statics.decision`, z3's nlsat where installed) prove it empty on
the parameters' domains.  So a support profile whose polytopes cannot count
anywhere on the domain is never expanded, and every regime's condition is
exactly where the numeric solver (:func:`~trigame.solve.perfect_bayesian.signaling.signaling_pbe`)
reports that equilibrium.  Each condition is then minimised on the domain
(:class:`_Minimiser`): disjuncts covered by the others and literals whose
removal keeps the union are dropped, each step proved by the same procedures,
so ChinaInference's pooling on Narrow reads ``m_C = m_N = 0 and q v <= c``
rather than four disjuncts that amount to it.

Labels are the sweep's (:mod:`trigame.statics.sweep._signaling_route`): the
equilibrium's kind, then the supports of its information sets, ``"pooling:
Coalition@North Korea: Broad, Coalition@China: Broad, China@Narrow: Back
Pyongyang, China@Broad: Accommodate"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trigame._labels import set_label, support_label
from trigame.statics._problem import _Problem
from trigame.statics.decision import Clause, Space, conjoin
from trigame.statics.decision.clauses import ALL, _dedupe, _subsumes

__all__: list[str] = []


class _ClauseConditions:
    """A condition algebra over a :class:`Space`: lists of clauses, pruned of clauses proved empty."""

    def __init__(self, space: Space) -> None:
        self.space = space
        self.true: list[Clause] = [{}]
        self.false: list[Clause] = []
        self._signs: dict[tuple[Any, frozenset[int]], list[Clause]] = {}

    def _keep(self, clauses: list[Clause]) -> list[Clause]:
        return _compact([c for c in _dedupe(clauses) if self.space.feasible(c, prove=False) is not False])

    def sign(self, expr: Any, signs: frozenset[int]) -> list[Clause]:
        key = (expr, signs)
        if key not in self._signs:
            self._signs[key] = self._keep(self.space.sign_condition(expr, signs))
        return self._signs[key]

    def conj(self, a: list[Clause], b: list[Clause]) -> list[Clause]:
        if a == self.true:
            return b
        if b == self.true:
            return a
        return self._keep([c for x in a for y in b if (c := conjoin(x, y)) is not None])

    def disj(self, a: list[Clause], b: list[Clause]) -> list[Clause]:
        return _compact([*a, *b])

    def is_false(self, a: list[Clause]) -> bool:
        return not a

    def to_sympy(self, a: list[Clause]) -> Any:
        return self.space.to_sympy(self.space.simplify(a)) if a else self.false


def _compact(clauses: list[Clause]) -> list[Clause]:
    """An equivalent shorter disjunction, syntactically: clauses differing in one atom's signs merged (by
    hashing, so in near-linear time), clauses implied by another dropped."""
    out = _dedupe(clauses)
    changed = True
    while changed and len(out) > 1:
        changed = False
        buckets: dict[Any, int] = {}
        merged: list[Clause | None] = list(out)
        for i, c in enumerate(out):
            for k in c:
                key = (k, frozenset((j, s) for j, s in c.items() if j != k))
                j = buckets.get(key)
                if j is None:
                    buckets[key] = i
                    continue
                x = merged[j]
                if x is None or merged[i] is None or set(x) != set(c) or any(x[m] != c[m] for m in c if m != k):
                    continue
                union = {**x, k: x[k] | c[k]}
                if union[k] == ALL:
                    del union[k]
                merged[j], merged[i] = union, None
                changed = True
                break
        out = _dedupe([c for c in merged if c is not None])
    if any(not c for c in out):
        return [{}]
    if len(out) <= 200:
        out = [c for c in out if not any(d is not c and _subsumes(d, c) and d != c for d in out)]
    return out


#: Decision queries one regime set may spend minimising its conditions (each an emptiness proof on the domain).
MAX_MINIMISE_QUERIES = 4_000
#: Largest number of clauses a condition is minimised over, and of pieces one coverage check expands.
MAX_MINIMISE_CLAUSES = 16
MAX_COVER_PIECES = 256


class _Minimiser:
    """Shorter equivalent disjunctions on the domain, by proofs of emptiness (:meth:`Space.feasible`).

    A clause covered by the others is dropped; a literal is dropped from a clause when the weakened clause is
    still covered by the whole disjunction (so the union does not change).  A clause ``C`` is covered by
    ``D_1 or ... or D_n`` when ``C and not D_1 and ... and not D_n`` is proved empty: each ``not D_j`` is the
    disjunction of its negated literals, expanded piece by piece and pruned of pieces proved empty.  Only
    proofs are used, so the result is equivalent to the input; what is not proved within the budget
    (:data:`MAX_MINIMISE_QUERIES` queries) stays as it was.
    """

    def __init__(self, space: Space) -> None:
        self.space = space
        self.queries = 0

    def _empty(self, clause: Clause) -> bool:
        self.queries += 1
        return self.space.feasible(clause, prove=False) is False

    def covered(self, clause: Clause, others: list[Clause]) -> bool:
        """Whether ``clause`` lies in the union of ``others`` on the domain (False when not proved)."""
        pieces = [clause]
        for other in others:
            if not other:
                return True
            grown = []
            for piece in pieces:
                for k, signs in other.items():
                    c = conjoin(piece, {k: ALL - signs})
                    if c is None:
                        continue
                    if self.queries >= MAX_MINIMISE_QUERIES:
                        return False
                    if not self._empty(c):
                        grown.append(c)
            pieces = _dedupe(grown)
            if not pieces:
                return True
            if len(pieces) > MAX_COVER_PIECES:
                return False
        return False

    def minimise(self, clauses: list[Clause]) -> list[Clause]:
        """An equivalent disjunction with no clause and no literal that the others make redundant."""
        out = self.space.simplify(clauses)
        if not 1 < len(out) <= MAX_MINIMISE_CLAUSES:
            return out
        changed = True
        while changed and self.queries < MAX_MINIMISE_QUERIES:
            changed = False
            for i in range(len(out) - 1, -1, -1):  # drop clauses covered by the others
                if len(out) > 1 and self.covered(out[i], out[:i] + out[i + 1:]):
                    del out[i]
                    changed = True
            for i, clause in enumerate(out):  # drop literals whose removal keeps the union
                for k in sorted(clause, key=lambda k: -len(self.space.atoms[k])):
                    weaker = {j: signs for j, signs in out[i].items() if j != k}
                    if k in out[i] and self.covered(weaker, out):
                        out[i] = weaker
                        changed = True
            out = self.space.simplify(out)
            if len(out) <= 1:
                break
        return out


def units(game: Any) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The information sets of a signalling game (sender types, then messages) and the choices at each."""
    keys = tuple(game.sender_key(t) for t in game.types) + tuple(game.receiver_key(m) for m in game.messages)
    choices = (tuple(tuple(game.messages_of(t)) for t in game.types)
               + tuple(tuple(game.actions_after(m)) for m in game.messages))
    return keys, choices


def pbe_support_label(kind: str | None, keys: tuple[str, ...], choices: tuple[tuple[str, ...], ...],
                      behavior: Mapping[Any, Mapping[str, Any]]) -> str:
    """The sweep's label of one equilibrium: its kind and the supports of its information sets."""
    supports = [tuple(k for k, a in enumerate(actions) if behavior[key].get(a, 0) != 0)
                for key, actions in zip(keys, choices)]
    return f"{kind}: " + support_label(keys, choices, supports)


def _value_label(kind: str, behavior: Mapping[str, Mapping[str, Any]],
                 number: Callable[[Any], str] | None = None) -> str:
    from trigame.results.equilibrium import choices_label

    choices: dict[Any, Any] = {}
    for key, dist in behavior.items():
        used = {a: p for a, p in dist.items() if p != 0}
        choices[key] = next(iter(used)) if len(used) == 1 else used
    pure = all(isinstance(c, str) for c in choices.values())
    return ("" if pure else "mixed: ") + f"{kind}: " + choices_label(choices, number)


def _pbe_regimes(problem: _Problem) -> tuple[list[dict[str, Any]], bool, list[str]]:
    """Raw regimes of a signalling game (the entries :func:`~trigame.statics.regime_set.regimes` reads)."""
    from trigame.solve.perfect_bayesian.symbolic_signaling import symbolic_signaling_pbe

    game = problem.game
    found = symbolic_signaling_pbe(game, conditions=_ClauseConditions(problem.space))
    keys, choices = units(game)
    out = []
    minimiser = _Minimiser(problem.space)
    for eq in found:
        supports = tuple(tuple(k for k, a in enumerate(actions) if eq.behavior[key][a] != 0)
                         for key, actions in zip(keys, choices))
        out.append({"clauses": minimiser.minimise(eq.condition), "supports": supports, "units": keys,
                    "actions": choices,
                    "support_label": f"{eq.kind}: " + support_label(keys, choices, supports),
                    "probabilities": {key: dict(eq.behavior[key]) for key in keys},
                    "payoffs": dict(zip(game.players, eq.payoffs)), "outcomes": dict(eq.outcomes),
                    "equilibrium": eq, "label": _value_label(eq.kind, eq.behavior)})
    notes = [note for note in found.notes if "not simplified" not in note and "several extreme" not in note]
    if found.degenerate:
        notes.append("continua: where one support profile has several extreme equilibria (at boundary values of "
                     "the parameters, or where an off-path reply can vary), every mixture of them is a perfect "
                     "Bayesian equilibrium too; regime_map marks those sets with '| continuum'")
    notes.append("a signalling game: the regimes are its perfect Bayesian equilibria (the extreme points of each "
                 "convex set of them, as tg.perfect_bayesian lists them); off-path beliefs are sets, in each "
                 "regime's equilibrium.beliefs")
    return out, found.degenerate, notes


def _numeric_labels(problem: _Problem, values: Mapping[str, Any]) -> tuple[str, set[str], bool]:
    """Set label, support labels and continuum flag of the numeric signalling game at a point."""
    from trigame.solve.perfect_bayesian.signaling import signaling_pbe

    game = problem.game.subs(dict(values)) if values else problem.game
    found = signaling_pbe(game)
    keys, choices = units(game)
    labels = {pbe_support_label(eq.kind, keys, choices, eq.behavior) for eq in found}
    return set_label(labels, continuum=found.degenerate), labels, found.degenerate
