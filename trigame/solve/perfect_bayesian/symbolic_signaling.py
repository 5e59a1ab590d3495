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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from trigame.budget import WorkBudget
from trigame.errors import UnsupportedGameError
from trigame.games.signaling import SignalingGame
from trigame.solve.perfect_bayesian._symbolic_supports import Key, _Solver

__all__ = ["DEFAULT_MAX_BASES", "DEFAULT_MAX_SUPPORT_PROFILES", "SymbolicPBE", "SymbolicPBESet", "SympyConditions",
           "belief_symbol", "symbolic_signaling_pbe"]

#: Default budget: support profiles whose polytopes are computed (as in the numeric solver).
DEFAULT_MAX_SUPPORT_PROFILES = 20_000
#: Default budget: bases (candidate vertices) solved over the rational functions, all polytopes together.
DEFAULT_MAX_BASES = 500_000


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
        self.belief_sets: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Any] = {}

    def add(self, piece: int, condition: Any, sigma: dict[Key, Any], rho: dict[Key, Any],
            drawn: tuple[str, ...] | None = None) -> None:
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
            self.record(piece, c, dict(exact[:len(sigma)]), dict(exact[len(sigma):]), drawn)

    def record(self, piece: int, condition: Any, sigma: dict[Key, Any], rho: dict[Key, Any],
               drawn: tuple[str, ...] | None = None) -> None:
        solver, game = self.solver, self.solver.game
        zero = solver.zero
        drawn = game.types if drawn is None else drawn
        behavior = {game.sender_key(t): {m: sigma.get((t, m), zero) for m in game.messages_of(t)} for t in game.types}
        behavior.update({game.receiver_key(m): {a: rho.get((m, a), zero) for a in game.actions_after(m)}
                         for m in game.messages})
        signature: tuple[Any, ...] = tuple((k, tuple(d.values())) for k, d in behavior.items())
        if drawn != game.types:  # where a type is never drawn, beliefs give it no weight: another equilibrium
            signature = (*signature, drawn)
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
            weights = {t: solver.prior[t] * behavior[game.sender_key(t)][m] if t in drawn else zero for t in senders}
            total = sum(weights.values(), zero)
            if total != zero:
                beliefs[key] = {t: expr(w / total) for t, w in weights.items()}
            else:
                beliefs[key] = self.belief_set(m, supports[key], solver.believable(m, drawn))
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

    def belief_set(self, m: str, support: tuple[str, ...], believable: tuple[str, ...] | None = None) -> Any:
        """The beliefs after off-path ``m`` that make every action of ``support`` a best response, as a condition
        (zero on the types that can send ``m`` but not among ``believable``: types never drawn)."""
        solver, game, sp = self.solver, self.solver.game, self.solver.sp
        senders = game.senders(m)
        believable = senders if believable is None else believable
        if (m, support, believable) in self.belief_sets:
            return self.belief_sets[(m, support, believable)]
        mu = {t: belief_symbol(t, m) for t in senders}
        parts = [sp.Eq(sum(mu.values(), sp.Integer(0)), 1), *(x >= 0 for x in mu.values())]
        parts += [sp.Eq(x, 0) for t, x in mu.items() if t not in believable]
        a0 = support[0]
        for a in game.actions_after(m):
            if a == a0:
                continue
            difference = sp.expand(sum((x * solver.expr(solver.uR[(t, m, a0)] - solver.uR[(t, m, a)])
                                        for t, x in mu.items()), sp.Integer(0)))
            parts.append(sp.Eq(difference, 0) if a in support else difference >= 0)
        self.belief_sets[(m, support, believable)] = sp.And(*parts)
        return self.belief_sets[(m, support, believable)]


def symbolic_signaling_pbe(game: SignalingGame, *, conditions: Any = None,
                           max_support_profiles: int | None = DEFAULT_MAX_SUPPORT_PROFILES,
                           max_bases: int | None = DEFAULT_MAX_BASES) -> SymbolicPBESet:
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
    max_bases : int or None, default 500_000
        The most bases (choices of tight constraints, each a small linear system over the rational functions
        of the parameters) solved in all the polytopes together; past it,
        :class:`~trigame.errors.BudgetExceededError`.  None: no limit.

    Returns
    -------
    SymbolicPBESet
        Its :class:`SymbolicPBE` objects, their conditions in the algebra's type (SymPy booleans by default).

    Raises
    ------
    UnsupportedGameError
        Not a SignalingGame.
    BudgetExceededError
        When ``max_support_profiles`` or ``max_bases`` runs out.

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
    bases = WorkBudget(max_bases, what="the symbolic signalling-game vertex enumeration", unit="bases",
                       option="max_bases")
    solver = _Solver(game, alg, budget, bases)
    assembler = _Assembler(solver)
    degenerate = False
    for piece, (condition, _, sigma_vars, sigma, rho_vars, rho, drawn) in enumerate(solver.pieces()):
        pairs = 0
        for (s_coords, s_condition), (r_coords, r_condition) in itertools.product(sigma.vertices, rho.vertices):
            c = alg.conj(condition, alg.conj(s_condition, r_condition))
            if alg.is_false(c):
                continue
            pairs += 1
            assembler.add(piece, c, dict(zip(sigma_vars, s_coords)), dict(zip(rho_vars, r_coords)), drawn)
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
