"""Every perfect Bayesian equilibrium of a finite signalling game, exactly, by support enumeration.

Notation: types ``t`` with prior ``π(t) >= 0``; the sender's strategy
``σ(m|t)``, the receiver's ``ρ(a|m)``; payoffs ``u_S(t, m, a)``, ``u_R(t, m, a)``.
An assessment ``(σ, ρ, μ)`` is a perfect Bayesian equilibrium (Gibbons 1992,
section 4.1; here also a sequential equilibrium, Kreps and Wilson 1982) iff

(S) every type ``t`` sends only messages maximising
    ``U_t(m) = sum_a ρ(a|m) u_S(t, m, a)``;
(R) after every message ``m`` the receiver uses only actions maximising
    ``sum_t μ(t|m) u_R(t, m, a)``;
(B) on the path (``sum_t π(t) σ(m|t) > 0``) ``μ(t|m) ∝ π(t) σ(m|t)``; off the
    path ``μ(·|m)`` is any belief over the types that can send ``m``.

A type of prior zero is never drawn.  It keeps its information set, where it
best responds (S), but it puts no message on the path, and a belief gives it
weight zero wherever a type that is drawn can send the message -- as the
limits of Bayes' rule do (Kreps and Wilson's consistency); only a message that
no drawn type can send leaves the belief free among the types that can.

The method
----------
Fix the *supports*: the messages ``S_t`` each type sends, and the actions
``R_m`` the receiver uses after each message.  The messages on the path are
``P = ∪ S_t``.  Then the conditions separate into two linear systems:

* on the sender's probabilities ``σ`` only: ``σ(·|t)`` is a distribution on
  ``S_t``, and for ``m ∈ P`` and ``a ∈ R_m``, ``b ∈ A_m``:
  ``sum_t π(t) σ(m|t) (u_R(t,m,a) - u_R(t,m,b)) >= 0`` -- condition (R) with
  the Bayes belief multiplied by the positive number ``sum_t π(t) σ(m|t)``;
* on the receiver's probabilities ``ρ`` only: ``ρ(·|m)`` is a distribution on
  ``R_m`` for every message, and for every type ``U_t(m) >= U_t(m')`` for
  ``m ∈ S_t``, ``m' ∈ M_t`` -- condition (S).  Off the path, (R) and (B) ask
  only that *some* belief makes every action of ``R_m`` optimal: the set of such
  beliefs is a polytope, computed exactly, and a support ``R_m`` whose polytope
  is empty is never tried.

For fixed supports the equilibria are therefore the product ``Σ × P`` of two
polytopes, closed by relaxing "positive on the support" to "non-negative" (the
closure adds only equilibria: along a segment towards a point of the piece the
Bayes beliefs converge, and the limit belief supports the limit behaviour).  A
support profile counts when the relative interior of each polytope is positive
on its support, which is read off the centroid of the polytope's vertices.  The
reported equilibria are the vertex pairs of every such product -- the extreme
points of the equilibrium set, as vertex enumeration reports the extreme Nash
equilibria of a bimatrix game -- found in exact rational arithmetic
(:func:`trigame.solve.nash._poly_linear.polytope_vertices`).  Two products meet
in a common face, hence in a common vertex, so equilibria in one connected
component share their ``component`` id (union-find over shared vertices).

A product with more than one vertex pair is a continuum: ``degenerate`` is
set, and every convex combination of vertex pairs of one product is an
equilibrium too (typically: off-path responses that can vary, or a receiver
indifferent between actions on the path).

Off the path the belief is reported as a :class:`BeliefSet` of every belief
that supports the receiver's behaviour there.  Every equilibrium is checked
independently by :func:`trigame.verify.assessments.check_assessment` before it
is returned.

Float games are solved as the exact binary rationals their numbers denote, and
the probabilities reported as floats.  Symbolic games go to the same
enumeration carried out with conditions on the parameters
(:mod:`trigame.solve.perfect_bayesian.symbolic_signaling`): every equilibrium
as expressions, with the condition under which it exists.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

from trigame._numbers import to_fraction
from trigame.budget import WorkBudget
from trigame.errors import BudgetExceededError, SolverError, UnsupportedGameError
from trigame.games.signaling import SignalingGame
from trigame.results.perfect_bayesian import BeliefSet, PerfectBayesianEquilibrium, PerfectBayesianSet
from trigame.solve._components import Components
from trigame.solve.nash._poly_linear import polytope_vertices

__all__ = ["DEFAULT_MAX_SUPPORT_PROFILES", "signaling_pbe"]

#: Default budget: support profiles whose polytopes are computed.
DEFAULT_MAX_SUPPORT_PROFILES = 200_000

F0 = Fraction(0)


def _subsets(items: Sequence[str]) -> list[tuple[str, ...]]:
    """The non-empty subsets of ``items``, smallest first, each in the order of ``items``."""
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _centroid_positive(vertices: list[list[Fraction]], coords: Sequence[int]) -> bool:
    """Whether the relative interior of the hull of ``vertices`` is positive at every index in ``coords``."""
    return all(any(v[j] > 0 for v in vertices) for j in coords)


class _Solver:
    """The support enumeration for one exact signalling game."""

    def __init__(self, game: SignalingGame, budget: WorkBudget) -> None:
        self.game = game
        self.budget = budget
        self.types = game.types
        self.prior = {t: to_fraction(p) for t, p in game.prior.items()}
        #: The types drawn with positive probability: they alone put messages on the path.
        self.drawn = tuple(t for t in self.types if self.prior[t] > 0)
        self.uS: dict[tuple[str, str, str], Fraction] = {}
        self.uR: dict[tuple[str, str, str], Fraction] = {}
        for (t, m, a) in game.triples():
            s, r = game.payoff(t, m, a)
            self.uS[(t, m, a)] = to_fraction(s)
            self.uR[(t, m, a)] = to_fraction(r)
        self.beliefs_cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[list[Fraction]]] = {}

    # ------------------------------------------------------------------ beliefs supporting an action set
    def believable(self, m: str) -> tuple[str, ...]:
        """The types a belief after ``m`` may weigh: those drawn that can send it, else every type that can."""
        return self.game.believable(m, self.drawn)

    def belief_vertices(self, m: str, labels: tuple[str, ...], support: tuple[str, ...]) -> list[list[Fraction]]:
        """Vertices of ``{μ ∈ Δ(labels) : every action of support is a best response after m}``."""
        key = (m, labels, support)
        if key not in self.beliefs_cache:
            eq, eq_rhs, ineq, ineq_rhs = self.belief_constraints(m, labels, support)
            self.beliefs_cache[key] = polytope_vertices(eq, eq_rhs, ineq, ineq_rhs, len(labels))
        return self.beliefs_cache[key]

    def belief_constraints(self, m: str, labels: Sequence[str], support: Sequence[str]) -> tuple[Any, Any, Any, Any]:
        a0 = support[0]
        n = len(labels)
        eq = [[Fraction(1)] * n] + [[self.uR[(t, m, a0)] - self.uR[(t, m, a)] for t in labels] for a in support[1:]]
        eq_rhs = [Fraction(1)] + [F0] * (len(support) - 1)
        ineq = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
        ineq += [[self.uR[(t, m, b)] - self.uR[(t, m, a0)] for t in labels]
                 for b in self.game.actions_after(m) if b not in support]
        ineq_rhs = [F0] * len(ineq)
        return eq, eq_rhs, ineq, ineq_rhs

    # ------------------------------------------------------------------ the sender's polytope
    def sigma_vertices(self, supports: dict[str, tuple[str, ...]],
                       responses: dict[str, tuple[str, ...]]) -> list[dict[tuple[str, str], Fraction]] | None:
        """Vertices of the sender's polytope, or None when its relative interior leaves the support."""
        variables = [(t, m) for t in self.types for m in supports[t]]
        index = {v: k for k, v in enumerate(variables)}
        n = len(variables)
        eq: list[list[Fraction]] = []
        eq_rhs: list[Fraction] = []
        for t in self.types:
            row = [F0] * n
            for m in supports[t]:
                row[index[(t, m)]] = Fraction(1)
            eq.append(row)
            eq_rhs.append(Fraction(1))
        ineq = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
        for m, used in responses.items():
            a0 = used[0]
            senders = [t for t in self.types if m in supports[t]]
            for a in self.game.actions_after(m):
                if a == a0:
                    continue
                row = [F0] * n
                for t in senders:
                    row[index[(t, m)]] = self.prior[t] * (self.uR[(t, m, a)] - self.uR[(t, m, a0)])
                if a in used:
                    eq.append(row)
                    eq_rhs.append(F0)
                else:
                    ineq.append(row)
        vertices = polytope_vertices(eq, eq_rhs, ineq, [F0] * len(ineq), n)
        if not vertices or not _centroid_positive(vertices, range(n)):
            return None
        return [dict(zip(variables, v)) for v in vertices]

    # ------------------------------------------------------------------ the receiver's polytope
    def rho_vertices(self, supports: dict[str, tuple[str, ...]],
                     responses: dict[str, tuple[str, ...]]) -> list[dict[tuple[str, str], Fraction]] | None:
        """Vertices of the receiver's polytope, or None when its relative interior leaves the support."""
        # a quick necessary condition first: each type's payoff from a message lies between its payoffs from
        # the actions answering it, so a used message cannot be beaten for sure by another
        for t in self.types:
            low = {m: min(self.uS[(t, m, a)] for a in responses[m]) for m in self.game.messages_of(t)}
            high = {m: max(self.uS[(t, m, a)] for a in responses[m]) for m in self.game.messages_of(t)}
            floor = max(low[m] for m in self.game.messages_of(t))
            if any(high[m] < floor for m in supports[t]) or min(high[m] for m in supports[t]) < max(
                    low[m] for m in supports[t]):
                return None
        variables = [(m, a) for m in self.game.messages for a in responses[m]]
        index = {v: k for k, v in enumerate(variables)}
        n = len(variables)
        eq: list[list[Fraction]] = []
        eq_rhs: list[Fraction] = []
        for m in self.game.messages:
            row = [F0] * n
            for a in responses[m]:
                row[index[(m, a)]] = Fraction(1)
            eq.append(row)
            eq_rhs.append(Fraction(1))

        def payoff_row(t: str, m: str) -> list[Fraction]:
            row = [F0] * n
            for a in responses[m]:
                row[index[(m, a)]] = self.uS[(t, m, a)]
            return row

        ineq = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
        for t in self.types:
            m0 = supports[t][0]
            base = payoff_row(t, m0)
            for m in self.game.messages_of(t):
                if m == m0:
                    continue
                other = payoff_row(t, m)
                if m in supports[t]:
                    eq.append([x - y for x, y in zip(base, other)])
                    eq_rhs.append(F0)
                else:
                    ineq.append([y - x for x, y in zip(base, other)])
        vertices = polytope_vertices(eq, eq_rhs, ineq, [F0] * len(ineq), n)
        if not vertices or not _centroid_positive(vertices, range(n)):
            return None
        return [dict(zip(variables, v)) for v in vertices]

    # ------------------------------------------------------------------ the enumeration
    def pieces(self) -> Iterator[tuple[list[dict[tuple[str, str], Fraction]], list[dict[tuple[str, str], Fraction]]]]:
        """For every support profile with equilibria: the vertices of the sender's and the receiver's polytopes."""
        game = self.game
        for choice in itertools.product(*(_subsets(game.messages_of(t)) for t in self.types)):
            supports = dict(zip(self.types, choice))
            on_path = [m for m in game.messages if any(m in supports[t] for t in self.drawn)]
            off_path = [m for m in game.messages if m not in on_path]
            options_on = []
            for m in on_path:
                senders = tuple(t for t in self.drawn if m in supports[t])
                # the Bayes belief puts positive weight on every type sending m: R_m must be optimal inside
                options_on.append([r for r in _subsets(game.actions_after(m))
                                   if _centroid_positive(self.belief_vertices(m, senders, r), range(len(senders)))])
            options_off = []
            for m in off_path:
                senders = self.believable(m)
                options_off.append([r for r in _subsets(game.actions_after(m)) if self.belief_vertices(m, senders, r)])
            for on in itertools.product(*options_on):
                responses_on = dict(zip(on_path, on))
                rhos = []
                for off in itertools.product(*options_off):
                    self.budget.spend()
                    rho = self.rho_vertices(supports, {**responses_on, **dict(zip(off_path, off))})
                    if rho is not None:
                        rhos.append(rho)
                if not rhos:  # the receiver's polytope is the stronger filter: the sender's is computed after it
                    continue
                self.budget.spend()
                sigma = self.sigma_vertices(supports, responses_on)
                if sigma is not None:
                    for rho in rhos:
                        yield sigma, rho


def _kind(game: SignalingGame, sigma: dict[tuple[str, str], Fraction]) -> str:
    used = {t: {m for (s, m), p in sigma.items() if s == t and p > 0} for t in game.types}
    if all(len(u) == 1 for u in used.values()):
        messages = [next(iter(u)) for u in used.values()]
        if len(set(messages)) == 1:
            return "pooling"
        if len(set(messages)) == len(messages):
            return "separating"
    return "semi-separating"


def signaling_pbe(game: SignalingGame, *,
                  max_support_profiles: int | None = DEFAULT_MAX_SUPPORT_PROFILES) -> Any:
    """Every perfect Bayesian equilibrium of a signalling game (the extreme points of every continuum).

    Parameters
    ----------
    game : SignalingGame
        An exact or float game (floats are solved as the binary rationals they denote).  A symbolic game is
        solved by :func:`~trigame.solve.perfect_bayesian.symbolic_signaling.symbolic_signaling_pbe` (with its
        default budget of support profiles when ``max_support_profiles`` is left at its default), which
        returns a :class:`~trigame.solve.perfect_bayesian.symbolic_signaling.SymbolicPBESet`: every
        equilibrium as expressions in the parameters, with its condition.
    max_support_profiles : int or None, default 200_000
        The most support profiles whose polytopes are computed (one unit for
        the sender's polytope, one for each receiver's polytope tried with it).
        When it runs out, the equilibria found so far come back with
        ``complete=False`` and a note; if none was found,
        :class:`~trigame.errors.BudgetExceededError` is raised.  None: no limit.

    Returns
    -------
    PerfectBayesianSet or SymbolicPBESet
        ``method="signaling_supports"``; each equilibrium has
        ``sequential=True`` (in signalling games every PBE is sequential) and
        a ``component`` id; ``degenerate`` when some component is a continuum.

    Raises
    ------
    UnsupportedGameError
        Not a SignalingGame.
    BudgetExceededError
        When ``max_support_profiles`` runs out before any equilibrium is found.

    Examples
    --------
    Beer-Quiche (Cho and Kreps 1987): two pooling components, no separating equilibrium.

    >>> from fractions import Fraction as F
    >>> u = lambda t, m, a: ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
    ...                      (1 if (a == "duel") == (t == "weak") else 0))
    >>> sg = SignalingGame(("strong", "weak"), {"strong": F(9, 10), "weak": F(1, 10)}, ("beer", "quiche"),
    ...                    ("duel", "not"), u)
    >>> pbes = signaling_pbe(sg)
    >>> sorted({(e.kind, e.outcomes[("strong", "beer", "not")] if ("strong", "beer", "not") in e.outcomes
    ...          else 0) for e in pbes}), len(pbes.components)
    ([('pooling', 0), ('pooling', Fraction(9, 10))], 2)
    """
    from trigame.verify.assessments import check_assessment

    if not isinstance(game, SignalingGame):
        raise UnsupportedGameError(f"signaling_pbe needs a SignalingGame, got {type(game).__name__}")
    if game.is_symbolic:
        from trigame.solve.perfect_bayesian import symbolic_signaling

        limit = (symbolic_signaling.DEFAULT_MAX_SUPPORT_PROFILES
                 if max_support_profiles == DEFAULT_MAX_SUPPORT_PROFILES else max_support_profiles)
        return symbolic_signaling.symbolic_signaling_pbe(game, max_support_profiles=limit)
    budget = WorkBudget(max_support_profiles, what="the signalling-game support enumeration",
                        unit="support profiles", option="max_support_profiles")
    solver = _Solver(game, budget)
    found: dict[Any, tuple[dict[tuple[str, str], Fraction], dict[tuple[str, str], Fraction]]] = {}
    components: Components[Any] = Components()
    continuum = False
    complete = True
    notes: list[str] = []
    try:
        for sigma_vertices, rho_vertices in solver.pieces():
            keys = []
            for sigma in sigma_vertices:
                for rho in rho_vertices:
                    key = (tuple(sorted((k, p) for k, p in sigma.items() if p)),
                           tuple(sorted((k, p) for k, p in rho.items() if p)))
                    found.setdefault(key, (sigma, rho))
                    keys.append(key)
            continuum = continuum or len(keys) > 1
            for key in keys[1:]:
                components.union(key, keys[0])
    except BudgetExceededError as exc:
        if not found:
            raise BudgetExceededError(f"{exc}; no equilibrium was found before it stopped") from None
        complete = False
        notes.append(f"incomplete: {exc}; the equilibria found before it stopped are listed")
    ids: dict[Any, int] = {}
    equilibria = []
    belief_sets: dict[tuple[str, tuple[str, ...]], BeliefSet] = {}
    for key, (sigma, rho) in found.items():
        component = ids.setdefault(components.find(key), len(ids))
        equilibria.append(_equilibrium(game, solver, sigma, rho, component, belief_sets))
    equilibria.sort(key=lambda e: e.component)
    for e in equilibria:
        violations = check_assessment(game, e.behavior, e.beliefs)
        if violations:  # pragma: no cover - a bug in this solver
            raise SolverError(f"signaling_pbe produced an assessment that is no PBE: {violations[0]}")
    if continuum:
        notes.append("some equilibria form continua: the extreme points of each are listed with a shared "
                     "component id, and mixtures of extreme points from one support profile are equilibria too")
    if game.kind == "float":
        notes.append("float payoffs and priors were solved exactly as the binary fractions they denote")
    return PerfectBayesianSet(equilibria, game=game, complete=complete, method="signaling_supports",
                              degenerate=continuum, notes=notes)


def _equilibrium(game: SignalingGame, solver: _Solver, sigma: dict[tuple[str, str], Fraction],
                 rho: dict[tuple[str, str], Fraction], component: int,
                 belief_sets: dict[tuple[str, tuple[str, ...]], BeliefSet]) -> PerfectBayesianEquilibrium:
    """The equilibrium object for one vertex pair: behaviour, Bayes beliefs on the path, belief sets off it."""
    out = float if game.kind == "float" else (lambda x: x)
    behavior: dict[str, dict[str, Any]] = {}
    for t in game.types:
        behavior[game.sender_key(t)] = {m: out(sigma.get((t, m), F0)) for m in game.messages_of(t)}
    beliefs: dict[str, Any] = {}
    for m in game.messages:
        behavior[game.receiver_key(m)] = {a: out(rho.get((m, a), F0)) for a in game.actions_after(m)}
        senders = game.senders(m)
        weights = {t: solver.prior[t] * sigma.get((t, m), F0) for t in senders}
        total = sum(weights.values(), F0)
        if total > 0:
            beliefs[game.receiver_key(m)] = {t: out(w / total) for t, w in weights.items()}
            continue
        support = tuple(a for a in game.actions_after(m) if rho.get((m, a), F0) > 0)
        if (m, support) not in belief_sets:
            belief_sets[(m, support)] = _belief_set(game, solver, m, support, out)
        beliefs[game.receiver_key(m)] = belief_sets[(m, support)]
    return PerfectBayesianEquilibrium(game, behavior, beliefs, kind=_kind(game, sigma), sequential=True,
                                      component=component)


def _belief_set(game: SignalingGame, solver: _Solver, m: str, support: tuple[str, ...], out: Any) -> BeliefSet:
    """Every belief after off-path message ``m`` at which each action of ``support`` is a best response.

    A type of prior zero gets belief zero when a type that is drawn can send ``m`` too.
    """
    senders = solver.believable(m)
    vertices = solver.belief_vertices(m, senders, support)
    if not vertices:  # pragma: no cover - excluded by the enumeration
        raise SolverError(f"no belief supports the response {support} after message {m!r}")
    never = [t for t in game.senders(m) if t not in senders]
    a0 = support[0]
    constraints: list[Any] = [({t: out(Fraction(1))}, "==", out(F0)) for t in never]
    for a in game.actions_after(m):
        if a == a0:
            continue
        coefficients = {t: out(solver.uR[(t, m, a0)] - solver.uR[(t, m, a)]) for t in senders}
        if all(c == 0 for c in coefficients.values()):
            continue
        constraints.append((coefficients, "==" if a in support else ">=", out(F0)))
    return BeliefSet(game.senders(m), [{**{t: out(F0) for t in never}, **{t: out(p) for t, p in zip(senders, v)}}
                                       for v in vertices], constraints)
