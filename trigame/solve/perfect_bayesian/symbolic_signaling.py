"""Every perfect Bayesian equilibrium of a symbolic signalling game, as expressions with their conditions.

The numeric solver (:mod:`trigame.solve.perfect_bayesian.signaling`, whose
module docstring states the method) fixes the supports -- the messages ``S_t``
of each type and the replies ``R_m`` after each message -- and reads the
equilibria of that support profile off two polytopes: the sender's ``Σ`` (in
``σ``) and the receiver's ``P`` (in ``ρ``), each cut out by linear constraints;
off the path, some belief must make every reply in ``R_m`` optimal (a third
polytope, in the belief ``μ``).  It reports the vertex pairs of every product
``Σ × P`` whose support profile *counts* (the relative interior of each
polytope is positive on its support).

Here the payoffs and the prior are SymPy expressions in parameters, and the
same enumeration is carried out with conditions instead of numbers:

* **Vertices as basic solutions.**  Each simplex constraint
  ``sum_{m in S_t} σ(m|t) = 1`` (likewise for ``ρ`` and ``μ``) is solved for
  the first coordinate, leaving a polytope ``{z in R^k : a_i·z + b_i = 0
  (i in E), a_i·z + b_i <= 0 (i in I)}`` whose coefficients are rational
  functions of the parameters.  A point is a vertex iff ``k`` linearly
  independent constraints are tight there; so for every *basis* ``B`` (``k``
  of the rows) with determinant ``det B != 0``, the basic solution ``z_B =
  -B^{-1} b`` is a rational function of the parameters, and it is a vertex
  exactly where every other row holds at it -- a Boolean combination of sign
  conditions on rational functions (the denominators are cleared by cases on
  their signs when the condition is decided, :meth:`Space.sign_condition
  <trigame.statics.decision.Space.sign_condition>`).  Two bases may give the
  same vertex: equal expressions are merged, their conditions joined by "or".
* **Nonempty polytopes.**  A nonempty polytope (here always bounded, inside
  products of simplices) has a vertex, so "some belief supports ``R_m``" is
  the disjunction, over the bases of the belief polytope, of "the basic
  belief is feasible".  "The relative interior is positive at coordinate
  ``j``" is "some vertex has ``x_j > 0``" (a convex set whose points satisfy
  ``x_j >= 0`` has ``x_j > 0`` on its relative interior iff at one point).
* **Supports of the reported vertices.**  The label of an equilibrium
  (pooling, separating or semi-separating, and which actions are used)
  depends on which coordinates of its vertex are positive: each coordinate
  that is not constant is split into ``> 0`` and ``= 0``, so every reported
  equilibrium has one label on its whole condition.

Each :class:`SymbolicPBE` holds the behaviour and the on-path beliefs as
expressions, the off-path belief sets as conditions on belief symbols
``μ(type|message)`` (every belief satisfying them supports the replies), its
kind, and its condition.  Which conditions are empty is decided by the
caller's condition algebra: :mod:`trigame.statics` passes one that works on
clauses of polynomial sign conditions and proves emptiness with its decision
procedures (:mod:`trigame.statics.decision`); the default here combines SymPy
booleans and drops only what SymPy evaluates to ``False`` (a condition may
then be empty without being dropped -- :func:`trigame.statics.regimes`
simplifies and proves them).

At parameter values where a polytope is not full-dimensional in a generic way
(ties in payoffs), whole segments of equilibria appear; as in the numeric
solver, their extreme points are the reported equilibria, and
:attr:`SymbolicPBESet.degenerate` says that some support profile may have
several vertex pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from trigame.budget import WorkBudget
from trigame.errors import UnsupportedGameError
from trigame.games.signaling import SignalingGame

__all__ = ["DEFAULT_MAX_SUPPORT_PROFILES", "SymbolicPBE", "SymbolicPBESet", "SympyConditions",
           "belief_symbol", "symbolic_signaling_pbe"]

#: Default budget: support profiles whose polytopes are computed (as in the numeric solver).
DEFAULT_MAX_SUPPORT_PROFILES = 20_000

Key = tuple[str, str]


class SympyConditions:
    """The default condition algebra: SymPy booleans, empty only where SymPy evaluates them to ``False``.

    A condition algebra has ``true``, ``false``, ``sign(expr, signs)`` (``sign(expr) in signs``, for a
    rational function ``expr``), ``conj(a, b)``, ``disj(a, b)``, ``is_false(a)`` and ``to_sympy(a)``.
    """

    def __init__(self) -> None:
        import sympy

        self.true: Any = sympy.true
        self.false: Any = sympy.false

    def sign(self, expr: Any, signs: frozenset[int]) -> Any:
        import sympy

        parts = [{-1: expr < 0, 0: sympy.Eq(expr, 0), 1: expr > 0}[s] for s in sorted(signs)]
        return sympy.Or(*parts)

    def conj(self, a: Any, b: Any) -> Any:
        import sympy

        return sympy.And(a, b)

    def disj(self, a: Any, b: Any) -> Any:
        import sympy

        return sympy.Or(a, b)

    def is_false(self, a: Any) -> bool:
        import sympy

        return a is False or a == sympy.false

    def to_sympy(self, a: Any) -> Any:
        return a


@dataclass(frozen=True, eq=False)
class SymbolicPBE:
    """One perfect Bayesian equilibrium of a symbolic signalling game, with the condition under which it exists.

    Attributes
    ----------
    behavior : dict
        ``{information set: {choice: probability}}`` (``"Sender@type"`` and ``"Receiver@message"`` keys, as
        in :class:`~trigame.results.perfect_bayesian.PerfectBayesianEquilibrium`), SymPy expressions.
    beliefs : dict
        ``{"Receiver@message": belief}``: on the path ``{type: probability}`` by Bayes' rule; off the path a
        SymPy condition on the symbols ``μ(type|message)`` (the types that can send it, summing to 1): every
        belief satisfying it supports the replies there.
    kind : str
        ``"pooling"``, ``"separating"`` or ``"semi-separating"``.
    condition : Any
        Where this is an equilibrium (a SymPy boolean, or the caller's condition type).
    payoffs : tuple
        Ex-ante expected payoffs ``(sender, receiver)``.
    outcomes : dict
        ``{(type, message, action): probability}`` of every reached triple.
    supports : dict
        ``{information set: tuple of the choices used}``.
    piece : int
        The support profile (polytope product) the vertex pair belongs to; equilibria of one piece are the
        extreme points of one convex set of equilibria.
    """

    behavior: dict[str, dict[str, Any]]
    beliefs: dict[str, Any]
    kind: str
    condition: Any
    payoffs: tuple[Any, Any]
    outcomes: dict[tuple[str, str, str], Any]
    supports: dict[str, tuple[str, ...]]
    piece: int
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class SymbolicPBESet:
    """Every perfect Bayesian equilibrium of a symbolic signalling game (see :func:`symbolic_signaling_pbe`)."""

    equilibria: list[SymbolicPBE]
    game: SignalingGame
    complete: bool
    degenerate: bool
    notes: list[str]

    def __iter__(self) -> Iterator[SymbolicPBE]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> SymbolicPBE:
        return self.equilibria[index]


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

    def __init__(self, game: SignalingGame, alg: Any, budget: WorkBudget) -> None:
        import sympy
        from sympy.polys.fields import field

        from trigame._numbers import to_sympy

        self.sp = sympy
        self.game = game
        self.alg = alg
        self.budget = budget
        self.types = game.types
        symbols = list(game.symbols) or [sympy.Dummy("x")]
        self.field = field(symbols, sympy.QQ)[0]
        self.zero = self.field(0)
        self.one = self.field(1)
        self.prior = {t: self.field.from_expr(to_sympy(p)) for t, p in game.prior.items()}
        self.uS: dict[tuple[str, str, str], Any] = {}
        self.uR: dict[tuple[str, str, str], Any] = {}
        for (t, m, a) in game.triples():
            s, r = game.payoff(t, m, a)
            self.uS[(t, m, a)] = self.field.from_expr(to_sympy(s))
            self.uR[(t, m, a)] = self.field.from_expr(to_sympy(r))
        self.beliefs_cache: dict[Any, _Polytope] = {}
        self.sigma_cache: dict[Any, _Polytope] = {}
        self.signs: dict[tuple[Any, frozenset[int]], Any] = {}

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

    def sigma_polytope(self, supports: dict[str, tuple[str, ...]],
                       responses: dict[str, tuple[str, ...]]) -> tuple[list[Key], _Polytope]:
        key = (tuple(supports.items()), tuple(sorted(responses.items())))
        variables = [(t, m) for t in self.types for m in supports[t]]
        if key not in self.sigma_cache:
            index = {v: i for i, v in enumerate(variables)}
            eqs: list[Form] = []
            ineqs: list[Form] = []
            for m, used in responses.items():
                a0 = used[0]
                senders = [t for t in self.types if m in supports[t]]
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
    def pieces(self) -> Iterator[tuple[Any, dict[str, tuple[str, ...]], list[Key], _Polytope, list[Key], _Polytope]]:
        """Every support profile that may count: its condition, the sender's supports, both polytopes."""
        alg, game = self.alg, self.game
        for choice in itertools.product(*(_subsets(game.messages_of(t)) for t in self.types)):
            supports = dict(zip(self.types, choice))
            on_path = [m for m in game.messages if any(m in s for s in choice)]
            off_path = [m for m in game.messages if m not in on_path]
            options_on = []
            for m in on_path:
                senders = tuple(t for t in self.types if m in supports[t])
                options = [(r, self.belief_polytope(m, senders, r).positive) for r in _subsets(game.actions_after(m))]
                options_on.append([(r, c) for r, c in options if not alg.is_false(c)])
            options_off = []
            for m in off_path:
                senders = game.senders(m)
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
                        sigma = self.sigma_polytope(supports, responses_on)
                    condition = alg.conj(condition, sigma[1].positive)
                    if alg.is_false(condition):
                        continue
                    yield condition, supports, sigma[0], sigma[1], rho_vars, rho


def _kind(game: SignalingGame, used: dict[str, tuple[str, ...]]) -> str:
    """Pooling, separating or semi-separating, from the messages each type sends (as the numeric solver)."""
    sent = [used[game.sender_key(t)] for t in game.types]
    if all(len(u) == 1 for u in sent):
        messages = [u[0] for u in sent]
        if len(set(messages)) == 1:
            return "pooling"
        if len(set(messages)) == len(messages):
            return "separating"
    return "semi-separating"


def belief_symbol(type_: str, message: str) -> Any:
    """The SymPy symbol ``μ(type|message)`` of an off-path belief set."""
    import sympy

    return sympy.Symbol(f"μ({type_}|{message})", nonnegative=True)


class _Assembler:
    """Turns the vertex pairs of the pieces into :class:`SymbolicPBE` objects, merging equal ones."""

    def __init__(self, solver: _Solver) -> None:
        self.solver = solver
        self.found: dict[Any, dict[str, Any]] = {}
        self.belief_sets: dict[tuple[str, tuple[str, ...]], Any] = {}

    def add(self, piece: int, condition: Any, sigma: dict[Key, Any], rho: dict[Key, Any]) -> None:
        """Every split of one vertex pair by which of its coordinates are positive (field elements)."""
        solver, alg = self.solver, self.solver.alg
        values = [*sigma.items(), *rho.items()]
        varying = [k for k, (_, x) in enumerate(values) if not (x.numer.is_ground and x.denom.is_ground)]
        for pattern in itertools.product((1, 0), repeat=len(varying)):
            c = condition
            zero = set()
            for k, s in zip(varying, pattern):
                c = alg.conj(c, solver.sign(values[k][1], frozenset({s})))
                if s == 0:
                    zero.add(k)
                if alg.is_false(c):
                    break
            if alg.is_false(c):
                continue
            exact = [(key, solver.zero if k in zero else x) for k, (key, x) in enumerate(values)]
            groups: dict[str, list[int]] = {}
            for k, (key, x) in enumerate(exact):
                if x != solver.zero:
                    groups.setdefault(("s" if k < len(sigma) else "r") + key[0], []).append(k)
            for used in groups.values():  # a distribution with one positive coordinate puts 1 on it
                if len(used) == 1:
                    exact[used[0]] = (exact[used[0]][0], solver.one)
            self.record(piece, c, dict(exact[:len(sigma)]), dict(exact[len(sigma):]))

    def record(self, piece: int, condition: Any, sigma: dict[Key, Any], rho: dict[Key, Any]) -> None:
        solver, game = self.solver, self.solver.game
        zero = solver.zero
        behavior = {game.sender_key(t): {m: sigma.get((t, m), zero) for m in game.messages_of(t)} for t in game.types}
        behavior.update({game.receiver_key(m): {a: rho.get((m, a), zero) for a in game.actions_after(m)}
                         for m in game.messages})
        signature = tuple((k, tuple(d.values())) for k, d in behavior.items())
        entry = self.found.get(signature)
        if entry is not None:
            entry["condition"] = solver.alg.disj(entry["condition"], condition)
            entry["pieces"].add(piece)
            return
        expr = solver.expr
        supports = {key: tuple(a for a, p in dist.items() if p != zero) for key, dist in behavior.items()}
        beliefs: dict[str, Any] = {}
        payoffs = [zero, zero]
        outcomes: dict[tuple[str, str, str], Any] = {}
        for m in game.messages:
            key = game.receiver_key(m)
            senders = game.senders(m)
            weights = {t: solver.prior[t] * behavior[game.sender_key(t)][m] for t in senders}
            total = sum(weights.values(), zero)
            if total != zero:
                beliefs[key] = {t: expr(w / total) for t, w in weights.items()}
            else:
                beliefs[key] = self.belief_set(m, supports[key])
            for t in senders:
                for a in game.actions_after(m):
                    weight = weights[t] * behavior[key][a]
                    if weight != zero:
                        outcomes[(t, m, a)] = expr(weight)
                        payoffs[0] += weight * solver.uS[(t, m, a)]
                        payoffs[1] += weight * solver.uR[(t, m, a)]
        self.found[signature] = {
            "behavior": {key: {a: expr(p) for a, p in dist.items()} for key, dist in behavior.items()},
            "beliefs": beliefs, "supports": supports, "kind": _kind(game, supports), "condition": condition,
            "piece": piece, "pieces": {piece}, "outcomes": outcomes,
            "payoffs": (solver.sp.factor(expr(payoffs[0])), solver.sp.factor(expr(payoffs[1])))}

    def belief_set(self, m: str, support: tuple[str, ...]) -> Any:
        """The beliefs after off-path ``m`` that make every action of ``support`` a best response, as a condition."""
        if (m, support) in self.belief_sets:
            return self.belief_sets[(m, support)]
        solver, game, sp = self.solver, self.solver.game, self.solver.sp
        senders = game.senders(m)
        mu = {t: belief_symbol(t, m) for t in senders}
        parts = [sp.Eq(sum(mu.values(), sp.Integer(0)), 1), *(x >= 0 for x in mu.values())]
        a0 = support[0]
        for a in game.actions_after(m):
            if a == a0:
                continue
            difference = sp.expand(sum((x * solver.expr(solver.uR[(t, m, a0)] - solver.uR[(t, m, a)])
                                        for t, x in mu.items()), sp.Integer(0)))
            parts.append(sp.Eq(difference, 0) if a in support else difference >= 0)
        self.belief_sets[(m, support)] = sp.And(*parts)
        return self.belief_sets[(m, support)]


def symbolic_signaling_pbe(game: SignalingGame, *, conditions: Any = None,
                           max_support_profiles: int | None = DEFAULT_MAX_SUPPORT_PROFILES) -> SymbolicPBESet:
    """Every perfect Bayesian equilibrium of a symbolic signalling game, each with the condition where it exists.

    Parameters
    ----------
    game : SignalingGame
        Symbolic (SymPy payoffs or prior); exact games are read as constant expressions.
    conditions : condition algebra, optional
        How conditions are combined and pruned (see :class:`SympyConditions`, the default).
        :func:`trigame.statics.regimes` passes one that proves emptiness on the parameters' domains.
    max_support_profiles : int or None, default 20_000
        The most support profiles whose polytopes are built (one unit for the receiver's polytope of a
        profile, one for the sender's).  When it runs out, :class:`~trigame.errors.BudgetExceededError` is
        raised (a symbolic answer is complete or not given).  None: no limit.

    Returns
    -------
    SymbolicPBESet
        Its :class:`SymbolicPBE` objects, their conditions in the algebra's type (SymPy booleans by default).

    Raises
    ------
    UnsupportedGameError
        Not a SignalingGame.
    BudgetExceededError
        When ``max_support_profiles`` runs out.

    Examples
    --------
    Beer-Quiche with the prior ``p`` of the strong type a symbol: pooling on beer needs ``p >= 1/2``.

    >>> import sympy
    >>> p = sympy.Symbol("p", positive=True)
    >>> u = lambda t, m, a: ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
    ...                      (1 if (a == "duel") == (t == "weak") else 0))
    >>> sg = SignalingGame(("strong", "weak"), {"strong": p, "weak": 1 - p}, ("beer", "quiche"), ("duel", "not"), u)
    >>> found = symbolic_signaling_pbe(sg)
    >>> beer = [e for e in found if e.kind == "pooling" and e.supports["Sender@strong"] == ("beer",)
    ...         and e.supports["Receiver@quiche"] == ("duel",)]
    >>> sympy.simplify(sympy.And(beer[0].condition, p < 1)).as_set()
    Interval.Ropen(1/2, 1)
    """
    if not isinstance(game, SignalingGame):
        raise UnsupportedGameError(f"symbolic_signaling_pbe needs a SignalingGame, got {type(game).__name__}")
    alg = SympyConditions() if conditions is None else conditions
    budget = WorkBudget(max_support_profiles, what="the symbolic signalling-game support enumeration",
                        unit="support profiles", option="max_support_profiles")
    solver = _Solver(game, alg, budget)
    assembler = _Assembler(solver)
    degenerate = False
    for piece, (condition, _, sigma_vars, sigma, rho_vars, rho) in enumerate(solver.pieces()):
        pairs = 0
        for (s_coords, s_condition), (r_coords, r_condition) in itertools.product(sigma.vertices, rho.vertices):
            c = alg.conj(condition, alg.conj(s_condition, r_condition))
            if alg.is_false(c):
                continue
            pairs += 1
            assembler.add(piece, c, dict(zip(sigma_vars, s_coords)), dict(zip(rho_vars, r_coords)))
        degenerate = degenerate or pairs > 1
    equilibria = [SymbolicPBE(e["behavior"], e["beliefs"], e["kind"], e["condition"], e["payoffs"], e["outcomes"],
                              e["supports"], e["piece"], {"pieces": frozenset(e["pieces"])})
                  for e in assembler.found.values()]
    notes = []
    if degenerate:
        notes.append("some support profiles may have several extreme equilibria (a continuum between them): "
                     "each is listed, with the piece it belongs to")
    if conditions is None:
        notes.append("conditions are combined, not simplified: an equilibrium may be listed whose condition is "
                     "empty; tg.statics.regimes proves and simplifies them")
    return SymbolicPBESet(equilibria, game, True, degenerate, notes)
