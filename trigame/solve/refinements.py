"""Refinements of perfect Bayesian equilibria of signalling games: the intuitive criterion and D1.

In a signalling game a sender of type ``t`` (drawn with prior ``p(t)``) sends a
message ``m`` and a receiver, seeing ``m`` only, answers with an action ``a``;
they get ``u_S(t, m, a)`` and ``u_R(t, m, a)``.  Off the equilibrium path Bayes'
rule says nothing, so many equilibria are held in place by beliefs that are hard
to defend ("if you ever drank beer, you must be weak").  The tests below ask
which types could plausibly have sent an unsent message.  All of them are
computed exactly, in rational arithmetic.

Notation, for one equilibrium and one message ``m`` that no type sends in it
(an *off-path* message):

* ``u*(t)`` -- type ``t``'s equilibrium payoff,
  ``u*(t) = sum_m σ(m | t) sum_a ρ(a | m) u_S(t, m, a)``;
* ``T(m)`` -- the types that can send ``m`` (every type, unless messages are
  given per type); beliefs at ``m`` are over ``T(m)``;
* ``BR(J, m)`` -- the receiver's actions that are a best response at ``m`` to
  some belief ``μ`` supported on ``J ⊆ T(m)``: ``BR(J, m) = ∪_μ BR(μ, m)``;
* ``MBR(J, m)`` -- the *mixed* responses that are a best response to some such
  belief: the distributions whose support lies in one ``BR(μ, m)``.  For each
  set ``S`` of actions that are all best responses to one belief, every mixture
  of ``S`` is in it, so ``MBR(J, m)`` is a finite union of faces of the simplex
  of responses.

**Equilibrium dominance.**  Type ``t`` is *equilibrium-dominated* at ``m`` if
``u*(t) > max over a in BR(T(m), m) of u_S(t, m, a)``: whatever the receiver
might reasonably answer, ``m`` does worse for ``t`` than the equilibrium.  (The
maximum over mixed responses equals the maximum over pure actions.)

**The intuitive criterion** (Cho and Kreps 1987, section IV).  Let ``J(m)`` be
the types not equilibrium-dominated at ``m`` (if it is empty, ``m`` restricts
nothing).  The equilibrium *fails* at ``m`` if some type ``t'`` has
``u*(t') < min over a in BR(J(m), m) of u_S(t', m, a)``: once the receiver
rules out the dominated types, ``t'`` gains from ``m`` whatever the reply.

**D1** (Banks and Sobel 1987; Cho and Kreps 1987, section V; Cho and Sobel
1990).  For each type ``t`` let ``D(t, m)`` be the responses in
``MBR(T(m), m)`` that make ``t`` strictly prefer ``m`` to ``u*(t)``, and
``D⁰(t, m)`` those that make it indifferent.  Type ``t`` is *deleted* at ``m``
if some other type ``t'`` has ``D(t, m) ∪ D⁰(t, m) ⊆ D(t', m)``: whenever ``t``
would weakly want to send ``m``, ``t'`` strictly wants to.  Beliefs at ``m``
must put no weight on deleted types (if every type is deleted, there is no
restriction).  The equilibrium *fails* D1 at ``m`` if no belief supported on the
undeleted types has a best response (pure or mixed) that keeps every type of
``T(m)`` at or below its equilibrium payoff.

**D2** (Cho and Kreps 1987, section V), :func:`d2`: as D1, but ``t`` is deleted
when ``D(t, m) ∪ D⁰(t, m)`` lies in the *union* of the ``D(t', m)``, ``t' ≠ t``.

**Universal divinity** (Banks and Sobel 1987, section 4), :func:`universal_divinity`:
the D2 deletion iterated.  With ``J₀ = T(m)``, round ``k + 1`` deletes from
``J_k`` every type ``t`` with ``D ∪ D⁰ ⊆ ∪_{t' ≠ t} D(t')``, the sets now taken
over the responses ``MBR(J_k, m)`` to beliefs on the surviving types only, which
can delete more types; it stops when a round deletes nothing (or would delete
every type, which restricts nothing).  The equilibrium *fails* at ``m`` if no
belief on the last ``J`` has a best response keeping every type at or below its
equilibrium payoff.  Applied message by message, as the other tests are.

Each test concerns the equilibrium *outcome*: it depends on the equilibrium
payoffs and on which messages are sent, not on the particular off-path replies
the equilibrium uses, so every equilibrium with the same outcome gets the same
verdict.  Each criterion implies the previous one (an equilibrium that passes
universal divinity passes D2, one that passes D2 passes D1, and one that passes
D1 passes the intuitive criterion).

How it is computed.  Every question is "is there a belief (or a mixed response)
in a simplex satisfying these linear inequalities?", answered by an exact
phase-one simplex method with Bland's rule over Fractions.  The faces of
``MBR(J, m)`` are found by testing sets of actions from the largest down, so the
work grows like ``2^k`` in the number ``k`` of the receiver's actions at ``m``;
messages with more than ``max_actions`` actions (default 10) raise
:class:`~trigame.errors.UnsupportedGameError`.  Payoffs and the equilibrium's
probabilities are numbers; symbolic games raise
:class:`~trigame.errors.UnsupportedGameError`.  A float is the binary rational
it denotes (as everywhere in trigame), so a float game is tested exactly as
given; but the probabilities of its equilibria are rounded floats, so where an
equilibrium mixes, a comparison that ties exactly may be decided by the
rounding.  Give ints or Fractions for verdicts that are exact throughout
(:func:`apply_refinements` adds a note to that effect for float games).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING, Any

from trigame._numbers import classify, to_fraction
from trigame.errors import MethodError, UnsupportedGameError
from trigame.solve._exact_lp import Row as Row
from trigame.solve._exact_lp import _feasible as _feasible
from trigame.solve._exact_lp import _simplex_rows as _simplex_rows

if TYPE_CHECKING:
    from trigame.games.signaling import SignalingGame
    from trigame.results.perfect_bayesian import PerfectBayesianEquilibrium, PerfectBayesianSet

__all__ = ["REFINEMENT_NAMES", "Signalling", "apply_refinements", "d1", "d2", "intuitive_criterion",
           "outcome_test", "universal_divinity"]

#: The refinements :func:`apply_refinements` computes, by the names ``refine`` and ``survives`` use
#: (with ``refine="divinity"``, universal divinity as well).
REFINEMENT_NAMES = ("intuitive", "D1")
#: Default limit on the receiver's actions after one message (the work grows like 2**actions).
MAX_ACTIONS = 10

Breaker = tuple[str, str] | None


@dataclass(frozen=True)
class Signalling:
    """A finite signalling game as plain exact data: what the refinements need and nothing more.

    Attributes
    ----------
    types : tuple of str
        The sender's types, in order.
    messages : tuple of str
        All messages, in order.
    senders : dict
        ``{message: types that can send it}`` (in type order).
    actions : dict
        ``{message: the receiver's actions after it}``.
    sender, receiver : dict
        ``{(type, message, action): payoff}`` as Fractions.
    """

    types: tuple[str, ...]
    messages: tuple[str, ...]
    senders: Mapping[str, tuple[str, ...]]
    actions: Mapping[str, tuple[str, ...]]
    sender: Mapping[tuple[str, str, str], Fraction]
    receiver: Mapping[tuple[str, str, str], Fraction]

    @classmethod
    def build(cls, types: Sequence[str], messages: Mapping[str, Sequence[str]],
              actions: Mapping[str, Sequence[str]],
              payoff: Callable[[str, str, str], tuple[Any, Any]]) -> Signalling:
        """From ``{type: its messages}``, ``{message: actions}`` and ``payoff(t, m, a) -> (u_S, u_R)``."""
        order: list[str] = []
        for t in types:
            order += [m for m in messages[t] if m not in order]
        senders = {m: tuple(t for t in types if m in messages[t]) for m in order}
        sender: dict[tuple[str, str, str], Fraction] = {}
        receiver: dict[tuple[str, str, str], Fraction] = {}
        for m in order:
            for t in senders[m]:
                for a in actions[m]:
                    u_s, u_r = payoff(t, m, a)
                    sender[t, m, a] = _exact(u_s, "payoff")
                    receiver[t, m, a] = _exact(u_r, "payoff")
        return cls(tuple(types), tuple(order), senders, {m: tuple(actions[m]) for m in order}, sender, receiver)

    @classmethod
    def of(cls, game: SignalingGame) -> Signalling:
        """The data of a numeric :class:`~trigame.games.signaling.SignalingGame`."""
        from trigame.games.signaling import SignalingGame

        if not isinstance(game, SignalingGame):
            raise UnsupportedGameError(f"the intuitive criterion and D1 are defined here for signalling games "
                                       f"(a SignalingGame), not for a {type(game).__name__}")
        if game.kind == "symbolic":
            raise UnsupportedGameError("the refinements need numbers, and this signalling game is symbolic; "
                                       "substitute values with .subs() first")
        types = tuple(game.types)
        messages = {t: tuple(game.messages_of(t)) for t in types}
        actions = {m: tuple(game.actions_after(m)) for m in game.messages}
        return cls.build(types, messages, actions, game.payoff)

    def payoffs(self, sigma: Mapping[str, Mapping[str, Any]],
                rho: Mapping[str, Mapping[str, Any]]) -> dict[str, Fraction]:
        """``u*(t)`` of every type under sender behaviour ``sigma`` and receiver behaviour ``rho``."""
        out = {}
        for t in self.types:
            total = Fraction(0)
            for m, p in sigma[t].items():
                p = _exact(p, "probability")
                if p:
                    total += p * sum((_exact(q, "probability") * self.sender[t, m, a]
                                      for a, q in rho[m].items()), Fraction(0))
            out[t] = total
        return out


def _exact(value: Any, what: str) -> Fraction:
    """``value`` as a Fraction (a float as the binary rational it denotes); UnsupportedGameError for a symbol."""
    if classify(value, what, bounded=False) == "symbolic":
        raise UnsupportedGameError(
            f"the refinements need numbers: every {what} must be an int, a Fraction or a float, got {value!r}; "
            "substitute values with .subs() first")
    return to_fraction(value)


# ---------------------------------------------------------------------------------------------------------------
# One off-path message
# ---------------------------------------------------------------------------------------------------------------

class _Message:
    """The receiver's best responses after one message, and the sender types' stakes in it."""

    def __init__(self, game: Signalling, m: str, ustar: Mapping[str, Fraction], max_actions: int) -> None:
        self.m = m
        self.types = game.senders[m]
        self.actions = game.actions[m]
        if len(self.actions) > max_actions:
            raise UnsupportedGameError(
                f"the refinements handle at most {max_actions} receiver actions after a message (the work grows "
                f"like 2**actions); {m!r} has {len(self.actions)}; pass max_actions=... to allow more")
        self.us = {t: [game.sender[t, m, a] for a in self.actions] for t in self.types}
        self.ur = {t: [game.receiver[t, m, a] for a in self.actions] for t in self.types}
        self.ustar = ustar
        self._faces: dict[tuple[str, ...], list[tuple[int, ...]]] = {}

    def _supported(self, face: tuple[int, ...], J: tuple[str, ...]) -> bool:
        """Whether some belief on ``J`` makes every action of ``face`` a best response."""
        first = face[0]
        eqs = _simplex_rows(len(J))
        eqs += [([self.ur[t][a] - self.ur[t][first] for t in J], Fraction(0)) for a in face[1:]]
        les = [([self.ur[t][b] - self.ur[t][first] for t in J], Fraction(0))
               for b in range(len(self.actions)) if b not in face]
        return _feasible(len(J), eqs, les)

    def faces(self, J: tuple[str, ...]) -> list[tuple[int, ...]]:
        """The maximal sets of actions that are all best responses to one belief on ``J``: ``MBR(J, m)``."""
        if J not in self._faces:
            found: list[tuple[int, ...]] = []
            k = len(self.actions)
            for size in range(k, 0, -1):
                for face in combinations(range(k), size):
                    if any(set(face) <= set(f) for f in found):
                        continue
                    if self._supported(face, J):
                        found.append(face)
            self._faces[J] = found
        return self._faces[J]

    def best_responses(self, J: tuple[str, ...]) -> set[int]:
        """``BR(J, m)``: the pure actions that are a best response to some belief on ``J``."""
        return {a for face in self.faces(J) for a in face}

    def response_exists(self, J: tuple[str, ...], at_least: Iterable[str] = (), at_most: Iterable[str] = ()) -> bool:
        """Whether a response in ``MBR(J, m)`` gives each ``at_least`` type ``>= u*`` and each ``at_most`` ``<= u*``."""
        at_least, at_most = tuple(at_least), tuple(at_most)
        for face in self.faces(J):
            les = [([-self.us[t][a] for a in face], -self.ustar[t]) for t in at_least]
            les += [([self.us[t][a] for a in face], self.ustar[t]) for t in at_most]
            if _feasible(len(face), _simplex_rows(len(face)), les):
                return True
        return False

    def gains(self, t: str, J: tuple[str, ...]) -> bool:
        """Whether some response in ``MBR(J, m)`` gives ``t`` strictly more than ``u*(t)``."""
        return any(self.us[t][a] > self.ustar[t] for a in self.best_responses(J))

    def dominated(self) -> tuple[str, ...]:
        """The types equilibrium-dominated at ``m``."""
        every = self.best_responses(self.types)
        return tuple(t for t in self.types if self.ustar[t] > max(self.us[t][a] for a in every))

    def intuitive(self) -> str | None:
        """The type that breaks the intuitive criterion at ``m``, or None."""
        dominated = self.dominated()
        J = tuple(t for t in self.types if t not in dominated)
        if not J:
            return None
        replies = self.best_responses(J)
        return next((t for t in self.types if self.ustar[t] < min(self.us[t][a] for a in replies)), None)

    def divine(self, union: bool, iterate: bool = False) -> str | None:
        """The type that breaks D1 (``union=False``), D2 (``union=True``) or, with ``iterate``, universal
        divinity at ``m``, or None."""
        every = self.types
        J = every
        while True:
            deleted = []
            for t in J:
                others = [s for s in every if s != t]
                if union:
                    gone = bool(others) and not self.response_exists(J, at_least=(t,), at_most=others)
                else:
                    gone = any(not self.response_exists(J, at_least=(t,), at_most=(s,)) for s in others)
                if gone:
                    deleted.append(t)
            kept = tuple(t for t in J if t not in deleted)
            if not kept or kept == J:  # nothing more to delete (deleting every type would restrict nothing)
                break
            J = kept
            if not iterate:
                break
        if self.response_exists(J, at_most=every):
            return None
        alone = next((t for t in J if not self.response_exists(J, at_most=(t,))), None)
        if alone is not None:
            return alone
        return next(t for t in sorted(every, key=lambda s: s not in J) if self.gains(t, J))


def outcome_test(game: Signalling, sigma: Mapping[str, Mapping[str, Any]], rho: Mapping[str, Mapping[str, Any]],
                 prior: Mapping[str, Any], test: str, *, max_actions: int = MAX_ACTIONS) -> Breaker:
    """Run one test on an equilibrium given as plain data; return the first ``(type, message)`` that breaks it.

    Parameters
    ----------
    game : Signalling
        The game's data.
    sigma : dict
        ``{type: {message: probability}}``, the sender's behaviour.
    rho : dict
        ``{message: {action: probability}}``, the receiver's behaviour (on-path
        messages at least).
    prior : dict
        ``{type: probability}``; a message is off the path when no type of
        positive probability sends it.
    test : "intuitive", "D1", "D2" or "divinity"
    max_actions : int
        The most receiver actions after one message (default 10).

    Returns
    -------
    (type, message) or None
        None when the equilibrium passes; otherwise the first off-path message
        (in the game's order) where it fails and the type that breaks it there.
    """
    if test not in ("intuitive", "D1", "D2", "divinity"):
        raise MethodError(f"test must be 'intuitive', 'D1', 'D2' or 'divinity', got {test!r}")
    weights = {t: _exact(prior[t], "probability") for t in game.types}
    sent = {m for t in game.types if weights[t] > 0
            for m, p in sigma[t].items() if _exact(p, "probability") > 0}
    ustar = game.payoffs(sigma, rho)
    for m in game.messages:
        if m in sent:
            continue
        message = _Message(game, m, ustar, max_actions)
        breaker = (message.intuitive() if test == "intuitive"
                   else message.divine(union=test != "D1", iterate=test == "divinity"))
        if breaker is not None:
            return breaker, m
    return None


# ---------------------------------------------------------------------------------------------------------------
# The public functions, on SignalingGame and PerfectBayesianEquilibrium
# ---------------------------------------------------------------------------------------------------------------

def _plain(game: SignalingGame, pbe: PerfectBayesianEquilibrium) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sender's and the receiver's behaviour of ``pbe`` as ``{type: ...}`` and ``{message: ...}``."""
    from trigame.results.perfect_bayesian import PerfectBayesianEquilibrium

    if not isinstance(pbe, PerfectBayesianEquilibrium):
        raise UnsupportedGameError(f"the refinements take a PerfectBayesianEquilibrium (from perfect_bayesian), "
                                   f"got {type(pbe).__name__}")
    if pbe.game is not game:
        raise UnsupportedGameError("this equilibrium belongs to another game: pass the game it was solved from")
    if pbe.condition is not True:
        raise UnsupportedGameError("the refinements are exact and do not apply to symbolic equilibria")
    sigma = {t: dict(pbe.behavior[game.sender_key(t)]) for t in game.types}
    rho: dict[str, dict[str, Any]] = {}
    for t in game.types:
        for m in game.messages_of(t):
            rho.setdefault(m, dict(pbe.behavior.get(game.receiver_key(m), {})))
    return sigma, rho


def _run(game: SignalingGame, pbe: PerfectBayesianEquilibrium, test: str, max_actions: int,
         data: Signalling | None = None) -> tuple[bool, Breaker]:
    data = Signalling.of(game) if data is None else data
    sigma, rho = _plain(game, pbe)
    breaker = outcome_test(data, sigma, rho, game.prior, test, max_actions=max_actions)
    return breaker is None, breaker


def intuitive_criterion(game: SignalingGame, pbe: PerfectBayesianEquilibrium, *,
                        max_actions: int = MAX_ACTIONS) -> tuple[bool, Breaker]:
    """Whether a perfect Bayesian equilibrium of a signalling game passes the intuitive criterion.

    See the module docstring for the definition (Cho and Kreps 1987).

    Parameters
    ----------
    game : SignalingGame
        An exact signalling game.
    pbe : PerfectBayesianEquilibrium
        One of its equilibria.
    max_actions : int
        The most receiver actions after one message (default 10; the work grows like ``2**actions``).

    Returns
    -------
    (bool, (type, message) or None)
        Whether it survives; if not, the first off-path message where it fails
        and the type that would send it.

    Raises
    ------
    UnsupportedGameError
        For a symbolic game or equilibrium, a game that is not a signalling
        game, or too many actions after a message.

    Examples
    --------
    Beer-Quiche (Cho and Kreps 1987): pooling on quiche fails, broken by the
    strong type drinking beer; pooling on beer passes.

    >>> from fractions import Fraction
    >>> from trigame.games.signaling import SignalingGame
    >>> from trigame.solve.perfect_bayesian import perfect_bayesian
    >>> u = lambda t, m, a: ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
    ...                      (1 if (a == "duel") == (t == "weak") else 0))
    >>> sg = SignalingGame(("strong", "weak"), {"strong": Fraction(9, 10), "weak": Fraction(1, 10)},
    ...                    ("beer", "quiche"), ("duel", "not"), u)
    >>> sorted({intuitive_criterion(sg, e) for e in perfect_bayesian(sg)}, key=str)
    [(False, ('strong', 'beer')), (True, None)]
    """
    return _run(game, pbe, "intuitive", max_actions)


def d1(game: SignalingGame, pbe: PerfectBayesianEquilibrium, *,
       max_actions: int = MAX_ACTIONS) -> tuple[bool, Breaker]:
    """Whether a perfect Bayesian equilibrium of a signalling game passes criterion D1.

    See the module docstring for the definition (Banks and Sobel 1987; Cho and
    Kreps 1987; Cho and Sobel 1990).  Parameters, returns and errors as
    :func:`intuitive_criterion`; the breaking type is an undeleted type that
    gains from the message whatever the restricted beliefs (when one does),
    else a type that gains from it under some of them.
    """
    return _run(game, pbe, "D1", max_actions)


def d2(game: SignalingGame, pbe: PerfectBayesianEquilibrium, *,
       max_actions: int = MAX_ACTIONS) -> tuple[bool, Breaker]:
    """Whether a perfect Bayesian equilibrium of a signalling game passes criterion D2 (one round).

    As :func:`d1`, with a type deleted at ``m`` when every response that makes
    it weakly want to send ``m`` makes *some* other type strictly want to
    (Cho and Kreps 1987, section V).  Banks and Sobel's universal divinity
    iterates deletions of this kind; the iteration is not computed.
    """
    return _run(game, pbe, "D2", max_actions)


def universal_divinity(game: SignalingGame, pbe: PerfectBayesianEquilibrium, *,
                       max_actions: int = MAX_ACTIONS) -> tuple[bool, Breaker]:
    """Whether a perfect Bayesian equilibrium of a signalling game is universally divine.

    The D2 deletion of :func:`d2` iterated, each round over the receiver's
    responses to beliefs on the types not yet deleted (Banks and Sobel 1987;
    see the module docstring).  It implies D2.  Parameters, returns and errors
    as :func:`intuitive_criterion`; the breaking type is found as in :func:`d1`.
    """
    return _run(game, pbe, "divinity", max_actions)


def apply_refinements(game: SignalingGame, pbes: PerfectBayesianSet, refine: str, *,
                      max_actions: int = MAX_ACTIONS) -> PerfectBayesianSet:
    """Test every equilibrium of a set against the refinements, and keep those that pass ``refine``.

    Parameters
    ----------
    game : SignalingGame
        The game the set belongs to.
    pbes : PerfectBayesianSet
        Its perfect Bayesian equilibria.
    refine : "intuitive", "D1" or "divinity"
        The test an equilibrium must pass to be kept (``"divinity"``:
        universal divinity, :func:`universal_divinity`).
    max_actions : int
        As in :func:`intuitive_criterion`.

    Returns
    -------
    PerfectBayesianSet
        The equilibria that pass, each with ``survives = {"intuitive": ...,
        "D1": ...}`` (and ``"divinity": ...`` when it is the ``refine``) and
        ``failures`` naming the ``(type, message)`` that breaks each test it
        fails, and ``refine`` set.  ``degenerate`` stays True only if a
        continuum is kept.  A note says how many equilibria were
        removed and which ``(type, message)`` broke them.

    Notes
    -----
    A continuum is listed by its extreme points; the equilibria between them
    are mixtures, and on each piece with fixed supports the types' payoffs are
    affine.  When the listed points of a component share the types' payoffs
    ``u*`` and the verdict, the whole component shares them: whether a test
    fails at an off-path message ``m`` depends on ``u*`` and ``m`` alone, and a
    mixture leaves off the path exactly the messages all its extreme points
    leave off.  So such a component is kept or removed whole and ``complete``
    stays the input's.  Otherwise the points between the listed ones were not
    tested: ``complete`` becomes False and a note names the component.

    Raises
    ------
    MethodError
        For another ``refine``.
    UnsupportedGameError
        For a symbolic game, or too many actions after a message.
    """
    from trigame.results.perfect_bayesian import PerfectBayesianSet

    names = REFINEMENT_NAMES + (("divinity",) if refine == "divinity" else ())
    if refine not in (*REFINEMENT_NAMES, "divinity"):
        raise MethodError(f"refine must be one of {[*REFINEMENT_NAMES, 'divinity']}, got {refine!r}")
    data = Signalling.of(game)
    tested = []
    seen: dict[int, set[tuple[Any, ...]]] = {}
    for e in pbes:
        survives: dict[str, bool] = {}
        failures: dict[str, tuple[str, str]] = {}
        for name in names:
            passed, breaker = _run(game, e, name, max_actions, data)
            survives[name] = passed
            if breaker is not None:
                failures[name] = breaker
        tested.append(e.with_refinements(survives, failures))
        ustar = data.payoffs(*_plain(game, e))
        seen.setdefault(e.component, set()).add((tuple(ustar[t] for t in data.types), survives[refine]))
    kept = [e for e in tested if e.survives[refine]]
    removed: dict[tuple[str, str], int] = {}
    for e in tested:
        if not e.survives[refine]:
            who = e.failures[refine]
            removed[who] = removed.get(who, 0) + 1
    notes = list(pbes.notes)
    criterion = {"intuitive": "the intuitive criterion", "D1": "criterion D1",
                 "divinity": "universal divinity"}[refine]
    if removed:
        reasons = "; ".join(f"{n} broken by type {t!r} sending {m!r}" for (t, m), n in removed.items())
        notes.append(f"{sum(removed.values())} of {len(pbes)} equilibria fail {criterion} and were removed "
                     f"({reasons})")
    elif len(pbes):
        notes.append(f"every equilibrium passes {criterion}")
    complete = pbes.complete
    mixed = sorted(k for k, verdicts in seen.items() if len(verdicts) > 1)
    if mixed:
        complete = False
        notes.append(f"the listed equilibria of component(s) {mixed} differ in the types' payoffs or in the "
                     f"verdict of {criterion}; it was decided at the listed equilibria only, and the equilibria "
                     "between them were not tested")
    if not kept and complete:
        notes.append(f"no perfect Bayesian equilibrium passes {criterion}")
    if game.kind == "float":
        notes.append("a float game: the tests compared the binary rationals of its floats exactly; where an "
                     "equilibrium mixes, its probabilities are rounded, so an exact tie may have been decided by "
                     "rounding (give ints or Fractions for exact verdicts)")
    degenerate = pbes.degenerate and len({e.component for e in kept}) < len(kept)
    return PerfectBayesianSet(kept, game=pbes.game, complete=complete, method=pbes.method,
                              degenerate=degenerate, notes=notes, refine=refine)
