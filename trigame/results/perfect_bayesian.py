"""What :func:`trigame.perfect_bayesian` returns: assessments (behaviour and beliefs), belief sets, and their set.

A **perfect Bayesian equilibrium** is an assessment (behaviour strategies,
beliefs) such that (1) at every information set the mover's action
distribution is optimal given the beliefs there and the others' strategies
afterwards (sequential rationality), (2) beliefs follow Bayes' rule at every
information set reached with positive probability, and (3) in every subgame,
beliefs follow Bayes' rule at information sets reached with positive
probability from the subgame's root, so every PBE is subgame perfect
(Gibbons 1992, section 4.1, Requirements 1-4).  In signalling games every PBE
is also a sequential equilibrium (Kreps and Wilson 1982): off-path beliefs
there are unrestricted by consistency.

Off the path Bayes' rule says nothing, and usually a whole polytope of beliefs
supports the behaviour there; a :class:`BeliefSet` states it exactly, by its
vertices and by linear constraints.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from itertools import combinations
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from trigame._numbers import format_number, to_float
from trigame._numbers import is_zero as _is_zero
from trigame.errors import ParameterError, ProfileError
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number, choices_label

if TYPE_CHECKING:
    from trigame.games.signaling import SignalingGame
    from trigame.games.tree import GameTree

__all__ = ["BeliefConstraint", "BeliefSet", "PerfectBayesianEquilibrium", "PerfectBayesianSet"]

#: The relations a :class:`BeliefConstraint` may state.
RELATIONS = (">=", "<=", "==")
#: How they print (as every condition trigame prints); JSON keeps the ASCII forms above.
_UNICODE = {">=": "≥", "<=": "≤", "==": "="}


def _label_text(label: Hashable) -> str:
    """A belief label as text: types as they are, node paths joined by ``" > "``."""
    if isinstance(label, tuple):
        return " > ".join(map(str, label)) if label else "root"
    return str(label)


def _is_exact(value: Any) -> bool:
    return isinstance(value, (int, Fraction))


def _leq(a: Any, b: Any, tol: float) -> bool:
    if _is_exact(a) and _is_exact(b):
        return bool(a <= b)
    return to_float(a) <= to_float(b) + tol


def _eq(a: Any, b: Any, tol: float) -> bool:
    return _leq(a, b, tol) and _leq(b, a, tol)


class BeliefConstraint(NamedTuple):
    """One linear constraint ``sum_l coefficients[l] * μ(l)  relation  bound`` on a belief.

    ``str()`` gives the readable form, e.g. ``"μ(weak) - μ(strong) ≥ 0"``; :meth:`text` with
    ``ascii=True`` the one JSON carries (``>=``).
    """

    coefficients: Mapping[Hashable, Any]
    relation: str
    bound: Any

    def holds(self, belief: Mapping[Hashable, Any], tol: float = 1e-9) -> bool:
        """Whether ``belief`` satisfies the constraint (exactly for exact numbers, else up to ``tol``)."""
        value: Any = sum((c * belief.get(label, 0) for label, c in self.coefficients.items()), Fraction(0))
        if self.relation == ">=":
            return _leq(self.bound, value, tol)
        if self.relation == "<=":
            return _leq(value, self.bound, tol)
        return _eq(value, self.bound, tol)

    def __reduce__(self) -> tuple[Any, ...]:
        return _constraint, (dict(self.coefficients), self.relation, self.bound)

    def __str__(self) -> str:
        return self.text()

    def text(self, *, ascii: bool = False) -> str:
        """The constraint in words, its relation ``≥``, ``≤`` or ``=`` (``>=``, ``<=``, ``==`` with ``ascii=True``)."""
        terms = []
        for label, c in self.coefficients.items():
            if _is_zero(c):
                continue
            negative = bool(c < 0)
            size = -c if negative else c
            factor = "" if size == 1 else f"{format_number(size)} "
            sign = "-" if negative else "+"
            terms.append((sign, f"{factor}μ({_label_text(label)})"))
        if not terms:
            left = "0"
        else:
            first_sign, first = terms[0]
            left = ("-" if first_sign == "-" else "") + first
            left += "".join(f" {sign} {term}" for sign, term in terms[1:])
        relation = self.relation if ascii else _UNICODE[self.relation]
        return f"{left} {relation} {format_number(self.bound)}"


def _constraint(coefficients: dict[Hashable, Any], relation: str, bound: Any) -> BeliefConstraint:
    """A constraint back from a pickle, its coefficients read-only again."""
    return BeliefConstraint(MappingProxyType(coefficients), relation, bound)


class BeliefSet:
    """A convex polytope of beliefs at one information set: every belief that supports the behaviour there.

    Parameters
    ----------
    labels : sequence of hashable
        What the beliefs are over: the types (signalling games) or the node
        paths (trees) of the information set.
    vertices : sequence of mappings
        The extreme points ``{label: probability}`` (exact where the game is).
    constraints : sequence of BeliefConstraint or (coefficients, relation, bound), optional
        Linear constraints which, with ``μ >= 0`` and ``sum μ = 1``, describe
        the same set.  When omitted, :meth:`contains` tests membership in the
        convex hull of the vertices.

    Attributes
    ----------
    labels : tuple
    vertices : tuple of mappingproxy
    constraints : tuple of BeliefConstraint

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> s = BeliefSet(("strong", "weak"), [{"strong": F(1, 2), "weak": F(1, 2)}, {"strong": F(0), "weak": F(1)}],
    ...               [({"strong": -1, "weak": 1}, ">=", 0)])
    >>> s, s.contains({"strong": F(1, 4), "weak": F(3, 4)}), s.contains({"strong": F(3, 4), "weak": F(1, 4)})
    (BeliefSet(μ(weak) ≥ 1/2), True, False)
    """

    __slots__ = ("constraints", "labels", "vertices")
    labels: tuple[Hashable, ...]
    vertices: tuple[Mapping[Hashable, Any], ...]
    constraints: tuple[BeliefConstraint, ...]

    def __init__(self, labels: Sequence[Hashable], vertices: Sequence[Mapping[Hashable, Any]],
                 constraints: Sequence[BeliefConstraint | tuple[Mapping[Any, Any], str, Any]] = ()) -> None:
        labels = tuple(labels)
        points = []
        for vertex in vertices:
            unknown = set(vertex) - set(labels)
            if unknown:
                raise ProfileError(f"a belief vertex names {sorted(map(str, unknown))}, not among {list(labels)}")
            points.append(MappingProxyType({label: vertex.get(label, 0) for label in labels}))
        rows = []
        for c in constraints:
            row = c if isinstance(c, BeliefConstraint) else BeliefConstraint(*c)
            if row.relation not in RELATIONS:
                raise ProfileError(f"a belief constraint's relation must be one of {RELATIONS}, got {row.relation!r}")
            rows.append(BeliefConstraint(MappingProxyType(dict(row.coefficients)), row.relation, row.bound))
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "vertices", tuple(points))
        object.__setattr__(self, "constraints", tuple(rows))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BeliefSet is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def is_point(self) -> bool:
        """True when the set holds a single belief."""
        return len(self.vertices) == 1

    @property
    def is_empty(self) -> bool:
        """True when no belief is in the set."""
        return not self.vertices

    def contains(self, belief: Mapping[Hashable, Any], tol: float = 1e-9) -> bool:
        """Whether ``belief`` (``{label: probability}``) lies in the set (exactly for exact numbers)."""
        if set(belief) - set(self.labels) or not self.vertices:
            return False
        values = [belief.get(label, 0) for label in self.labels]
        if any(not _leq(0, v, tol) for v in values) or not _eq(sum(values, Fraction(0)), 1, tol):
            return False
        if self.constraints:
            return all(c.holds(belief, tol) for c in self.constraints)
        return _in_hull([[v[label] for label in self.labels] for v in self.vertices], values, tol)

    def _interval(self) -> tuple[Hashable, Any, Any] | None:
        """For two labels: ``(label, low, high)`` with the bounds of ``μ(label)``, preferring a bound at 1."""
        if len(self.labels) != 2 or not self.vertices:
            return None
        first, second = self.labels
        for label in (second, first):
            values = [v[label] for v in self.vertices]
            low, high = min(values), max(values)
            if high == 1:
                return label, low, high
        values = [v[second] for v in self.vertices]
        return second, min(values), max(values)

    def description(self, *, ascii: bool = False) -> str:
        """The set in words, e.g. ``"μ(weak) ≥ 1/2"``, ``"any belief"`` or ``"μ = (strong: 1/2, weak: 1/2)"``.

        ``ascii=True`` writes the relations ``>=`` and ``<=``, as JSON carries them.
        """
        at_least, at_most = (">=", "<=") if ascii else (_UNICODE[">="], _UNICODE["<="])
        if not self.vertices:
            return "no belief"
        if self.is_point:
            point = self.vertices[0].items()
            return "μ = (" + ", ".join(f"{_label_text(k)}: {format_number(p)}" for k, p in point) + ")"
        interval = self._interval()
        if interval is not None:
            label, low, high = interval
            name = f"μ({_label_text(label)})"
            if high == 1 and low == 0:
                return "any belief"
            if high == 1:
                return f"{name} {at_least} {format_number(low)}"
            if low == 0:
                return f"{name} {at_most} {format_number(high)}"
            return f"{format_number(low)} {at_most} {name} {at_most} {format_number(high)}"
        if not self.constraints:
            if len(self.vertices) == len(self.labels) and all(
                    sum(1 for p in v.values() if not _is_zero(p)) == 1 for v in self.vertices):
                return "any belief"
            return "convex hull of " + "; ".join(
                "(" + ", ".join(f"{_label_text(k)}: {format_number(p)}" for k, p in v.items()) + ")"
                for v in self.vertices)
        return " and ".join(c.text(ascii=ascii) for c in self.constraints)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: labels, vertices, constraints (as text) and the description."""
        return {
            "labels": [_label_text(label) for label in self.labels],
            "vertices": [{_label_text(k): _json_number(p) for k, p in v.items()} for v in self.vertices],
            "constraints": [c.text(ascii=True) for c in self.constraints],
            "description": self.description(ascii=True),
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BeliefSet):
            return NotImplemented
        mine = {tuple(v.items()) for v in self.vertices}
        theirs = {tuple(v.items()) for v in other.vertices}
        return self.labels == other.labels and mine == theirs

    def __hash__(self) -> int:
        return hash((self.labels, frozenset(tuple(v.items()) for v in self.vertices)))

    def __repr__(self) -> str:
        return f"BeliefSet({self.description()})"


def _in_hull(points: list[list[Any]], target: list[Any], tol: float) -> bool:
    """Whether ``target`` is a convex combination of ``points`` (Carathéodory: of at most ``dim + 1`` of them)."""
    exact = all(_is_exact(x) for p in points for x in p) and all(_is_exact(x) for x in target)
    n = len(target)
    for size in range(1, min(len(points), n) + 1):
        for subset in combinations(points, size):
            # solve sum_k lam_k p_k = target, sum lam = 1 (least squares via normal equations, exact or float)
            rows = [[Fraction(p[j]) if exact else to_float(p[j]) for p in subset] for j in range(n)]
            rhs = [Fraction(t) if exact else to_float(t) for t in target]
            lam = _solve_least(rows, rhs, size, exact)
            if lam is None:
                continue
            if any(not _leq(0, x, tol) for x in lam):
                continue
            fitted = [sum((r[k] * lam[k] for k in range(size)), Fraction(0) if exact else 0.0) for r in rows]
            if all(_eq(f, t, tol) for f, t in zip(fitted, rhs)):
                return True
    return False


def _solve_least(rows: list[list[Any]], rhs: list[Any], size: int, exact: bool) -> list[Any] | None:
    """A solution of the normal equations ``A^T A x = A^T b`` (None when singular)."""
    zero: Any = Fraction(0) if exact else 0.0
    gram = [[sum((r[i] * r[j] for r in rows), zero) for j in range(size)]
            + [sum((r[i] * b for r, b in zip(rows, rhs)), zero)] for i in range(size)]
    for c in range(size):
        pivot = max(range(c, size), key=lambda k: abs(gram[k][c]))
        if _is_zero(gram[pivot][c]) or (not exact and abs(gram[pivot][c]) < 1e-14):
            return None
        gram[c], gram[pivot] = gram[pivot], gram[c]
        lead = gram[c][c]
        gram[c] = [v / lead for v in gram[c]]
        for k in range(size):
            if k != c and not _is_zero(gram[k][c]):
                factor = gram[k][c]
                gram[k] = [a - factor * b for a, b in zip(gram[k], gram[c])]
    return [gram[k][size] for k in range(size)]


Belief = Mapping[Hashable, Any] | BeliefSet


class PerfectBayesianEquilibrium:
    """One perfect Bayesian equilibrium: behaviour at every information set, and beliefs.

    Attributes
    ----------
    game : SignalingGame or GameTree
        The game it belongs to.
    behavior : dict
        ``{information-set key: {action: probability}}`` at every information
        set, on and off the path.
    beliefs : dict
        ``{information-set key: belief}`` where beliefs matter: on the path
        ``{label: probability}`` by Bayes' rule; off the path a
        :class:`BeliefSet` of every belief that supports the behaviour there.
        In a signalling game the labels are the sender's types and the keys
        the receiver's information sets.
    on_path : frozenset
        The information sets reached with positive probability.
    kind : str or None
        ``"pooling"`` (every type sends the same single message),
        ``"separating"`` (each type sends one message, no two the same) or
        ``"semi-separating"`` (anything else) in signalling games; None in trees.
    outcomes : dict
        ``{path of actions from the root: probability}`` (positive ones only).
    payoffs : tuple
        Expected payoff of each player.
    survives : dict
        ``{"intuitive": bool, "D1": bool}`` once refinements ran (empty before).
    failures : dict
        ``{refinement: (type, message)}`` for each refinement it fails: the
        type that breaks it, and with which message.
    sequential : bool or None
        Whether it is a sequential equilibrium; None when not decided (the
        set's notes say why).
    component : int
        Equilibria in one connected component (a continuum) share it.
    condition : sympy boolean or True
        For symbolic games, the condition on the parameters; ``True`` otherwise.
    exact : bool
        True when the probabilities -- behaviour, and beliefs on and off the
        path -- are exact rationals (False for a float or symbolic game).
        Derived from them; the constructor's ``exact=`` keyword is accepted
        for compatibility and must agree (a ParameterError otherwise).
    """

    __slots__ = ("behavior", "beliefs", "component", "condition", "exact", "failures", "game", "kind", "on_path",
                 "outcomes", "payoffs", "sequential", "survives")
    game: SignalingGame | GameTree
    behavior: Mapping[Hashable, Mapping[str, Any]]
    beliefs: Mapping[Hashable, Belief]
    on_path: frozenset[Hashable]
    kind: str | None
    outcomes: Mapping[tuple[str, ...], Any]
    payoffs: tuple[Any, ...]
    survives: Mapping[str, bool]
    failures: Mapping[str, tuple[Any, ...]]
    sequential: bool | None
    component: int
    condition: Any
    exact: bool

    def __init__(self, game: SignalingGame | GameTree, behavior: Mapping[Any, Mapping[str, Any]],
                 beliefs: Mapping[Any, Any], *, kind: str | None = None, sequential: bool | None = None,
                 component: int = 0, condition: Any = True, survives: Mapping[str, bool] | None = None,
                 failures: Mapping[str, tuple[Any, ...]] | None = None, exact: bool | None = None) -> None:
        tree = _tree_of(game)
        infosets = {info.key: info for info in tree.information_sets}
        keys = [key for key in behavior if key in infosets] + [key for key in infosets if key not in behavior]
        ordered = {key: MappingProxyType({a: behavior[key].get(a, 0) for a in infosets[key].actions}) for key in keys}
        outcomes = tree.outcomes(ordered)
        reached: set[Hashable] = set()
        for path in outcomes:
            for depth in range(len(path)):
                key = _infoset_at(tree, path[:depth])
                if key is not None:
                    reached.add(key)
        set_ = object.__setattr__
        set_(self, "game", game)
        set_(self, "behavior", MappingProxyType(ordered))
        set_(self, "beliefs", MappingProxyType({
            key: b if isinstance(b, BeliefSet) else MappingProxyType(dict(b)) for key, b in beliefs.items()}))
        set_(self, "on_path", frozenset(reached))
        set_(self, "kind", kind)
        set_(self, "outcomes", MappingProxyType(outcomes))
        set_(self, "payoffs", tree.expected_payoffs(ordered))
        set_(self, "sequential", sequential)
        set_(self, "component", int(component))
        set_(self, "condition", condition)
        set_(self, "survives", MappingProxyType(dict(survives or {})))
        set_(self, "failures", MappingProxyType(dict(failures or {})))
        # derived from the behaviour and the beliefs; a caller's exact= (accepted for compatibility) must agree
        derived = (all(_is_exact(p) for dist in ordered.values() for p in dist.values())
                   and all(_is_exact(p) for b in self.beliefs.values() for p in _belief_numbers(b)))
        if exact is not None and bool(exact) != derived:
            raise ParameterError(f"exact={exact!r} disagrees with the probabilities: they are "
                                 f"{'all' if derived else 'not all'} exact rationals (leave exact out: it is derived)")
        set_(self, "exact", derived)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("PerfectBayesianEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def with_refinements(self, survives: Mapping[str, bool],
                         failures: Mapping[str, tuple[Any, ...]]) -> PerfectBayesianEquilibrium:
        """A copy with the results of refinement tests added to :attr:`survives` and :attr:`failures`."""
        return PerfectBayesianEquilibrium(
            self.game, self.behavior, self.beliefs, kind=self.kind, sequential=self.sequential,
            component=self.component, condition=self.condition, survives={**self.survives, **survives},
            failures={**self.failures, **failures})

    @property
    def tree(self) -> GameTree:
        """The game tree (a signalling game's :meth:`~trigame.SignalingGame.to_tree`)."""
        return _tree_of(self.game)

    @property
    def is_pure(self) -> bool:
        """True when every information set has one action with probability 1."""
        return all(sum(1 for p in dist.values() if not _is_zero(p)) == 1 for dist in self.behavior.values())

    def choices(self) -> dict[Hashable, str | dict[str, Any]]:
        """``{information set: action}``, or the distribution where the behaviour is mixed."""
        out: dict[Hashable, str | dict[str, Any]] = {}
        for key, dist in self.behavior.items():
            used = {a: p for a, p in dist.items() if not _is_zero(p)}
            out[key] = next(iter(used)) if len(used) == 1 else used
        return out

    def label(self, number: Callable[[Any], str] | None = None) -> str:
        """A one-line label, e.g. ``"pooling: Sender@strong: beer; ...; Receiver@quiche: duel"``; ``number``
        writes a mixed choice's probabilities (see :func:`~trigame.results.equilibrium.choices_label`)."""
        return (f"{self.kind}: " if self.kind else "") + choices_label(self.choices(), number)

    def belief_text(self) -> str:
        """The beliefs in words, one information set after another."""
        parts = []
        for key, belief in self.beliefs.items():
            if isinstance(belief, BeliefSet):
                parts.append(f"{key}: {belief.description()} (off path)")
            else:
                parts.append(f"{key}: " + ", ".join(f"μ({_label_text(k)}) = {format_number(p)}"
                                                    for k, p in belief.items()))
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: behaviour, beliefs, path, kind, outcomes, payoffs, refinements, component."""
        players = self.tree.players
        out: dict[str, Any] = {
            "behavior": {str(key): {a: _json_number(p) for a, p in dist.items()}
                         for key, dist in self.behavior.items()},
            "beliefs": {str(key): (b.to_json() if isinstance(b, BeliefSet)
                                   else {_label_text(k): _json_number(p) for k, p in b.items()})
                        for key, b in self.beliefs.items()},
            "on_path": sorted(str(key) for key in self.on_path),
            "kind": self.kind,
            "outcomes": {" > ".join(path): _json_number(p) for path, p in self.outcomes.items()},
            "payoffs": {player: _json_number(u) for player, u in zip(players, self.payoffs)},
            "survives": dict(self.survives),
            "failures": {name: [str(x) for x in who] for name, who in self.failures.items()},
            "sequential": self.sequential,
            "component": self.component,
            "exact": self.exact,
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PerfectBayesianEquilibrium):
            return NotImplemented
        return (self.game == other.game
                and {k: dict(v) for k, v in self.behavior.items()} == {k: dict(v) for k, v in other.behavior.items()}
                and dict(self.beliefs) == dict(other.beliefs))

    def __hash__(self) -> int:
        return hash(tuple((k, tuple(v.values())) for k, v in self.behavior.items()))

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        beliefs = self.belief_text()
        return (f"PerfectBayesianEquilibrium({self.label()}; " + (f"beliefs {beliefs}; " if beliefs else "")
                + f"payoffs ({payoffs}){cond})")


def _belief_numbers(belief: Belief) -> list[Any]:
    """The probabilities a belief states: a point's, or every vertex's of a belief set."""
    if isinstance(belief, BeliefSet):
        return [p for vertex in belief.vertices for p in vertex.values()]
    return list(belief.values())


def _tree_of(game: Any) -> GameTree:
    """The tree of a game: the game itself, or its ``to_tree()``."""
    from trigame.games.tree import GameTree

    return game if isinstance(game, GameTree) else game.to_tree()


def _infoset_at(tree: GameTree, path: tuple[str, ...]) -> Hashable | None:
    """The information set of the decision node at ``path`` (None for chance and terminal nodes)."""
    from trigame.games.tree import Decision

    return tree.information_set(path) if isinstance(tree.node(path), Decision) else None


class PerfectBayesianSet(ResultSet[PerfectBayesianEquilibrium]):
    """The perfect Bayesian equilibria :func:`perfect_bayesian` found, with its guarantees.

    Attributes
    ----------
    game : SignalingGame or GameTree
        The game that was solved.
    complete : bool
        True when every perfect Bayesian equilibrium is listed -- for a
        continuum, every extreme point of it (they share a ``component``).
    degenerate : bool
        True when some equilibria form a continuum (the extreme points are listed).
    notes : tuple of str
        Where continua occur, what was refined away, and any limit that was hit.
    method : str
        The algorithm (``"signaling_supports"``, ...).
    refine : str or None
        The refinement applied (``"intuitive"``, ``"D1"``), or None.
    """

    def __init__(self, equilibria: Sequence[PerfectBayesianEquilibrium], *, game: SignalingGame | GameTree,
                 complete: bool, method: str, degenerate: bool = False, notes: Sequence[str] = (),
                 refine: str | None = None) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)
        self.method = method
        self.refine = refine

    @functools.cached_property
    def components(self) -> dict[int, tuple[PerfectBayesianEquilibrium, ...]]:
        """``{component id: its equilibria}``."""
        out: dict[int, list[PerfectBayesianEquilibrium]] = {}
        for e in self._equilibria:
            out.setdefault(e.component, []).append(e)
        return {k: tuple(v) for k, v in out.items()}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict describing the game and every equilibrium."""
        tree = _tree_of(self.game)
        return {
            "game": {"title": tree.title, "players": list(tree.players), "kind": tree.kind,
                     "type": type(self.game).__name__},
            "refine": self.refine,
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"complete={self.complete}"] + (["degenerate=True"] if self.degenerate else [])
        flags += [f"refine={self.refine!r}"] if self.refine else []
        return self._repr_with(flags)
