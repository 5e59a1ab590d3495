"""The support enumeration of :mod:`trigame.solve.perfect_bayesian.symbolic_signaling`, with conditions.

The polytopes of one support profile (the sender's, the receiver's, and the beliefs supporting a reply) are
built over the field of rational functions of the game's symbols; their candidate vertices are the basic
solutions, each with the condition under which it is a vertex, and the conditions that a polytope is nonempty
and that its relative interior is positive on its support are disjunctions over those candidates (the method is
stated in :mod:`~trigame.solve.perfect_bayesian.symbolic_signaling`).  Conditions live in the caller's algebra.

A prior that may vanish splits the enumeration by the set of types drawn (prior positive): as in the numeric
solver, only drawn types put messages on the path and carry belief where one of them can send the message.
A prior proved positive (or a constant) leaves one such set.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from trigame.budget import WorkBudget
from trigame.errors import UnsupportedGameError
from trigame.games.signaling import SignalingGame

__all__: list[str] = []

Key = tuple[str, str]


def _subsets(items: Sequence[str]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


@dataclass
class _Polytope:
    """Candidate vertices of a polytope: ``[(coordinates, condition)]`` and the condition that it counts."""

    vertices: list[tuple[tuple[Any, ...], Any]]
    nonempty: Any
    positive: Any  # relative interior positive on every coordinate


def _solve(matrix: list[list[Any]], rhs: list[Any], zero: Any) -> tuple[Any, list[Any]] | None:
    """Gaussian elimination over a field: ``(det, x)`` with ``matrix x = rhs``, or None when singular."""
    k = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs)]
    det = zero + 1
    for c in range(k):
        pivot = next((r for r in range(c, k) if rows[r][c] != zero), None)
        if pivot is None:
            return None
        if pivot != c:
            rows[c], rows[pivot] = rows[pivot], rows[c]
            det = -det
        det = det * rows[c][c]
        inverse = 1 / rows[c][c]
        rows[c] = [x * inverse for x in rows[c]]
        for r in range(k):
            if r != c and rows[r][c] != zero:
                factor = rows[r][c]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[c])]
    return det, [row[k] for row in rows]


#: A linear form ``sum_i c_i x_i``: ``{variable index: coefficient}``.
Form = dict[int, Any]


class _Solver:
    """The enumeration for one symbolic signalling game, conditions in the algebra ``alg``.

    Payoffs and priors are elements of the field of rational functions of the game's symbols
    (:func:`sympy.polys.fields.field`), so every quotient is reduced as it is formed; expressions leave the
    field (``as_expr``) only for conditions and results.
    """

    def __init__(self, game: SignalingGame, alg: Any, budget: WorkBudget, bases: WorkBudget) -> None:
        import sympy
        from sympy.polys.fields import field

        self.sp = sympy
        self.game = game
        self.alg = alg
        self.budget = budget
        self.bases = bases
        self.types = game.types
        symbols = list(game.symbols) or [sympy.Dummy("x")]
        self.field = field(symbols, sympy.QQ)[0]
        self.zero = self.field(0)
        self.one = self.field(1)
        self.prior = {t: self.element(p, f"the prior of type {t!r}") for t, p in game.prior.items()}
        self.uS: dict[tuple[str, str, str], Any] = {}
        self.uR: dict[tuple[str, str, str], Any] = {}
        for (t, m, a) in game.triples():
            s, r = game.payoff(t, m, a)
            self.uS[(t, m, a)] = self.element(s, f"the sender's payoff at {(t, m, a)!r}")
            self.uR[(t, m, a)] = self.element(r, f"the receiver's payoff at {(t, m, a)!r}")
        self.beliefs_cache: dict[Any, _Polytope] = {}
        self.sigma_cache: dict[Any, _Polytope] = {}
        self.signs: dict[tuple[Any, frozenset[int]], Any] = {}

    def element(self, value: Any, what: str) -> Any:
        """``value`` in the field, or an UnsupportedGameError naming it."""
        from trigame._numbers import to_sympy

        try:
            return self.field.from_expr(to_sympy(value))
        except (ValueError, TypeError, self.sp.polys.polyerrors.PolynomialError) as exc:
            raise UnsupportedGameError(
                f"{what} is {value}: symbolic signalling games need rational functions of the parameters with "
                f"rational coefficients (no square roots or other functions) ({type(exc).__name__})") from None

    def expr(self, x: Any) -> Any:
        """A field element as a SymPy expression."""
        return x.as_expr()

    def sign(self, x: Any, signs: frozenset[int]) -> Any:
        """``sign(x) in signs`` for a field element, in the condition algebra."""
        key = (x, signs)
        if key not in self.signs:
            if x.numer.is_ground and x.denom.is_ground:
                value = x.as_expr()
                found = self.alg.true if int(bool(value > 0)) - int(bool(value < 0)) in signs else self.alg.false
            else:
                found = self.alg.sign(x.as_expr(), signs)
            self.signs[key] = found
        return self.signs[key]

    # ------------------------------------------------------------------ polytopes
    def polytope(self, n: int, groups: Sequence[Sequence[int]], eqs: Sequence[Form],
                 ineqs: Sequence[Form]) -> _Polytope:
        """The polytope of ``n`` variables (one simplex per group) cut by ``eqs = 0`` and ``ineqs <= 0``."""
        alg, zero, one = self.alg, self.zero, self.one
        free: list[int] = []
        first: dict[int, int] = {}  # a group's other variables -> its first one
        for group in groups:
            free += group[1:]
            first.update({x: group[0] for x in group[1:]})
        k = len(free)
        # each variable as an affine function of the free ones: (coefficients, constant)
        value: dict[int, tuple[list[Any], Any]] = {}
        for group in groups:
            value[group[0]] = ([-one if first.get(z) == group[0] else zero for z in free], one)
            for x in group[1:]:
                value[x] = ([one if z == x else zero for z in free], zero)

        def reduce(form: Form) -> tuple[list[Any], Any]:
            coefficients, constant = [zero] * k, zero
            for x, c in form.items():
                row, b = value[x]
                coefficients = [a + c * r for a, r in zip(coefficients, row)]
                constant = constant + c * b
            return coefficients, constant

        rows = [(*reduce(e), True) for e in eqs]
        rows += [(*reduce({x: -one}), False) for group in groups if len(group) > 1 for x in group]
        rows += [(*reduce(e), False) for e in ineqs]
        found: dict[tuple[Any, ...], Any] = {}
        for basis in itertools.combinations(range(len(rows)), k):
            self.bases.spend()
            if k:
                solved = _solve([rows[r][0] for r in basis], [-rows[r][1] for r in basis], zero)
                if solved is None:
                    continue
                det, point = solved
                condition = self.sign(det, frozenset({-1, 1}))
            else:
                point, condition = [], alg.true
            for r, (coefficients, constant, equality) in enumerate(rows):
                if r in basis:
                    continue
                slack = sum((c * z for c, z in zip(coefficients, point)), constant)
                condition = alg.conj(condition, self.sign(slack, frozenset({0} if equality else {-1, 0})))
                if alg.is_false(condition):
                    break
            if alg.is_false(condition):
                continue
            coords = tuple(sum((c * z for c, z in zip(value[x][0], point)), value[x][1]) for x in range(n))
            found[coords] = alg.disj(found[coords], condition) if coords in found else condition
        vertices = list(found.items())
        nonempty = alg.false
        for _, condition in vertices:
            nonempty = alg.disj(nonempty, condition)
        positive = nonempty
        for j in range(n):
            some = alg.false
            for coords, condition in vertices:
                some = alg.disj(some, alg.conj(condition, self.sign(coords[j], frozenset({1}))))
            positive = alg.conj(positive, some)
            if alg.is_false(positive):
                break
        return _Polytope(vertices, nonempty, positive)

    def belief_polytope(self, m: str, labels: tuple[str, ...], support: tuple[str, ...]) -> _Polytope:
        """Beliefs over ``labels`` after ``m`` at which every action of ``support`` is a best response."""
        key = (m, labels, support)
        if key not in self.beliefs_cache:
            a0 = support[0]
            eqs = [{i: self.uR[(t, m, a0)] - self.uR[(t, m, a)] for i, t in enumerate(labels)} for a in support[1:]]
            ineqs = [{i: self.uR[(t, m, b)] - self.uR[(t, m, a0)] for i, t in enumerate(labels)}
                     for b in self.game.actions_after(m) if b not in support]
            self.beliefs_cache[key] = self.polytope(len(labels), [list(range(len(labels)))], eqs, ineqs)
        return self.beliefs_cache[key]

    def sigma_polytope(self, supports: dict[str, tuple[str, ...]], responses: dict[str, tuple[str, ...]],
                       drawn: tuple[str, ...] | None = None) -> tuple[list[Key], _Polytope]:
        drawn = self.types if drawn is None else drawn
        key = (tuple(supports.items()), tuple(sorted(responses.items())), drawn)
        variables = [(t, m) for t in self.types for m in supports[t]]
        if key not in self.sigma_cache:
            index = {v: i for i, v in enumerate(variables)}
            eqs: list[Form] = []
            ineqs: list[Form] = []
            for m, used in responses.items():
                a0 = used[0]
                senders = [t for t in drawn if m in supports[t]]
                for a in self.game.actions_after(m):
                    if a == a0:
                        continue
                    row = {index[(t, m)]: self.prior[t] * (self.uR[(t, m, a)] - self.uR[(t, m, a0)]) for t in senders}
                    (eqs if a in used else ineqs).append(row)
            groups = [[index[(t, m)] for m in supports[t]] for t in self.types]
            self.sigma_cache[key] = self.polytope(len(variables), groups, eqs, ineqs)
        return variables, self.sigma_cache[key]

    def rho_polytope(self, supports: dict[str, tuple[str, ...]],
                     responses: dict[str, tuple[str, ...]]) -> tuple[list[Key], _Polytope]:
        variables = [(m, a) for m in self.game.messages for a in responses[m]]
        index = {v: i for i, v in enumerate(variables)}

        def difference(t: str, m: str, m0: str) -> Form:
            """The linear form U_t(m) - U_t(m0)."""
            row: Form = {}
            for a in responses[m]:
                row[index[(m, a)]] = row.get(index[(m, a)], self.zero) + self.uS[(t, m, a)]
            for a in responses[m0]:
                row[index[(m0, a)]] = row.get(index[(m0, a)], self.zero) - self.uS[(t, m0, a)]
            return row

        eqs: list[Form] = []
        ineqs: list[Form] = []
        for t in self.types:
            m0 = supports[t][0]
            for m in self.game.messages_of(t):
                if m == m0:
                    continue
                (eqs if m in supports[t] else ineqs).append(difference(t, m, m0))
        groups = [[index[(m, a)] for a in responses[m]] for m in self.game.messages]
        return variables, self.polytope(len(variables), groups, eqs, ineqs)

    # ------------------------------------------------------------------ the enumeration
    def drawn_sets(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        """Every set of types that may be the drawn ones (prior positive, the others zero), with its condition."""
        alg = self.alg
        signs = {t: (self.sign(self.prior[t], frozenset({1})), self.sign(self.prior[t], frozenset({0})))
                 for t in self.types}
        for k in range(len(self.types), 0, -1):  # every type drawn first: the generic case
            for drawn in itertools.combinations(self.types, k):
                condition = alg.true
                for t in self.types:
                    condition = alg.conj(condition, signs[t][0] if t in drawn else signs[t][1])
                    if alg.is_false(condition):
                        break
                if not alg.is_false(condition):
                    yield drawn, condition

    def believable(self, m: str, drawn: tuple[str, ...]) -> tuple[str, ...]:
        """The types a belief after ``m`` may weigh: the drawn ones that can send it, else every one that can."""
        return self.game.believable(m, drawn)

    def pieces(self) -> Iterator[tuple[Any, dict[str, tuple[str, ...]], list[Key], _Polytope, list[Key], _Polytope,
                                       tuple[str, ...]]]:
        """Every support profile that may count: its condition, the sender's supports, both polytopes, and the
        types drawn there."""
        for drawn, condition in self.drawn_sets():
            for piece in self._pieces(drawn):
                c = self.alg.conj(condition, piece[0])
                if not self.alg.is_false(c):
                    yield (c, *piece[1:], drawn)

    def _pieces(self, drawn: tuple[str, ...]) -> Iterator[tuple[Any, dict[str, tuple[str, ...]], list[Key],
                                                                  _Polytope, list[Key], _Polytope]]:
        alg, game = self.alg, self.game
        for choice in itertools.product(*(_subsets(game.messages_of(t)) for t in self.types)):
            supports = dict(zip(self.types, choice))
            on_path = [m for m in game.messages if any(m in supports[t] for t in drawn)]
            off_path = [m for m in game.messages if m not in on_path]
            options_on = []
            for m in on_path:
                senders = tuple(t for t in drawn if m in supports[t])
                options = [(r, self.belief_polytope(m, senders, r).positive) for r in _subsets(game.actions_after(m))]
                options_on.append([(r, c) for r, c in options if not alg.is_false(c)])
            options_off = []
            for m in off_path:
                senders = self.believable(m, drawn)
                options = [(r, self.belief_polytope(m, senders, r).nonempty) for r in _subsets(game.actions_after(m))]
                options_off.append([(r, c) for r, c in options if not alg.is_false(c)])
            for on in itertools.product(*options_on):
                condition_on = alg.true
                for _, c in on:
                    condition_on = alg.conj(condition_on, c)
                if alg.is_false(condition_on):
                    continue
                responses_on = {m: r for m, (r, _) in zip(on_path, on)}
                sigma: tuple[list[Key], _Polytope] | None = None
                for off in itertools.product(*options_off):
                    self.budget.spend()
                    condition = condition_on
                    for _, c in off:
                        condition = alg.conj(condition, c)
                    if alg.is_false(condition):
                        continue
                    responses = {**responses_on, **{m: r for m, (r, _) in zip(off_path, off)}}
                    rho_vars, rho = self.rho_polytope(supports, responses)
                    condition = alg.conj(condition, rho.positive)
                    if alg.is_false(condition):
                        continue
                    if sigma is None:
                        self.budget.spend()
                        sigma = self.sigma_polytope(supports, responses_on, drawn)
                    condition = alg.conj(condition, sigma[1].positive)
                    if alg.is_false(condition):
                        continue
                    yield condition, supports, sigma[0], sigma[1], rho_vars, rho
