"""Every perfect Bayesian equilibrium of a finite game tree: :func:`perfect_bayesian_tree`.

A **perfect Bayesian equilibrium** is an assessment (behaviour strategies,
beliefs) such that (1) at every information set the mover's action
distribution is optimal given the beliefs there and the others' strategies
afterwards (sequential rationality), (2) beliefs follow Bayes' rule at every
information set reached with positive probability, and (3) in every subgame,
beliefs follow Bayes' rule at information sets reached with positive
probability from the subgame's root, so every PBE is subgame perfect
(Gibbons 1992, section 4.1, Requirements 1-4).

Method
------
*Subgames.*  By requirement (3), an assessment restricted to a subgame is a
perfect Bayesian equilibrium of it, and the information sets outside a proper
subgame see it only through the payoffs it yields.  So, as for subgame
perfection (:mod:`trigame.solve.subgame_perfect`), the subgames are solved
from the bottom up, and each *stage* (a subgame without its proper subgames)
once per combination of the payoffs of the subgames below it; equilibria that
pay the same are grouped and combined lazily at the end.

*Supports.*  In a stage, every *support profile* (a nonempty set of actions at
each information set) fixes which nodes are reached from the stage root and
hence where Bayes' rule binds.  The reach probability of a node is a monomial
in the mixed behaviour probabilities, so with the beliefs ``R(n) / sum R``
the optimality conditions (supported actions equal, others no better) become,
after clearing the positive denominators, multilinear polynomial equations and
inequalities in the behaviour probabilities and the free (off-path) beliefs.
The values that linear equations fix are substituted, and each information
set's probabilities (and free beliefs) summing to one are solved for one of
them, until nothing more is fixed; if the rest is linear -- always for pure
profiles, and in most small games and in signalling-like trees -- its
solution set is a polytope, solved exactly with Fractions, whose vertices give
candidate behaviour.  A system that stays polynomial is solved by
:mod:`._tree_poly`: its inequalities are made tight as many at a time as it has
degrees of freedom, and each square system is solved by subdivision with the
Krawczyk test (each root certified unique in its box, polished to 60 digits,
exact when rational) or, where that gives up, by a Gröbner basis.  An
equilibrium with irrational probabilities is given as floats (within
``2**-52`` of the certified root, summing to one) and checked with a tolerance
of ``10**-40`` times the largest payoff; a note says so.  A continuum that
polynomials cut out is listed by the points found on it (corners and
samples), flagged ``degenerate``, and ``complete`` is False with a note.

*Pruning.*  Two necessary conditions of sequential rationality cut the
enumeration without losing an equilibrium.  An action is left out of every
support when another action at its information set pays more at *every*
node of the set, by the whole range of payoffs either can lead to (so for
every belief and every behaviour afterwards); this is iterated, each round
using only the actions still allowed, which is safe because every perfect
Bayesian behaviour gives the removed actions probability 0 (the proof is in
:func:`._tree_stage.undominated`).  And the supports are chosen later movers
first: once every information set after ``h`` has its support, a support at
``h`` that no belief makes optimal (exactly when the supports after ``h`` are
pure, else by payoff ranges) is abandoned with all its completions.

*Beliefs.*  For each behaviour profile found, :mod:`._tree_assess` recomputes
everything from scratch: the Bayes beliefs where requirement (2) or (3) binds,
and at every other information set the polytope of beliefs that support the
behaviour there (a :class:`~trigame.results.perfect_bayesian.BeliefSet` with
exact vertices and the linear constraints); it checks sequential rationality
and that no belief set is empty, and decides sequentiality where the structure
allows (see that module).

*Chance outcomes of probability zero* (a type of prior zero, say) are not
trembles: no behaviour of the players reaches a node behind one (counted from
the root of the smallest subgame containing it).  So a belief
gives such nodes weight zero wherever the information set also holds a node
that is not behind one -- by Bayes' rule where the set is reached, and off the
path because every consistent belief does (the limits of Bayes' rule along
completely mixed behaviour of the players, nature's probabilities fixed;
Fudenberg and Tirole 1991, ch. 8); only a set all of whose nodes
lie behind one leaves the belief free over them.  This is the rule of the
signalling solver (:mod:`.signaling`), and both list the same equilibria of a
signalling game and of its tree.

*Continua.*  When a support profile's solution set has several vertices in
behaviour, the equilibria form a continuum: its extreme points are listed,
share a ``component`` and the set is ``degenerate``.  If they pay a player who
moves above the subgame differently, earlier movers may respond to its
interior points.  When the profile's conditions are linear and no two of the
mixed moves that vary along it lie on one path, the continuum is a polytope
on which the payoffs are the mixtures of its vertices' payoffs.  The stage
above then values the subgame's root by weights on those vertices, unknowns of
its conditions like the behaviour, and each of its solutions gives the weights,
hence the point of the continuum below; its extreme points are listed as
elsewhere.  (A vertex of the continuum is the weights ``(0, .., 1, .., 0)``, a
face of the joint solutions, so it needs no solving of its own.)  A typical
case: in a signalling game, a message that only one type can send, that type
having prior zero -- a subgame behind a chance outcome of probability zero in
which the receiver is indifferent, and to each point of which the type's
choice of message responds.  Where the weights would multiply another unknown
in the stage above, or the continuum is not such a polytope (mixed moves in
sequence, or cut out by polynomials), only its extreme points are passed up:
``complete`` is then False, with a note saying which (as for subgame
perfection, which passes up extreme points only).

Float trees are solved exactly on the binary rationals their floats are, and
the answers are returned as floats; symbolic trees are not supported (use
:meth:`~trigame.games.tree.GameTree.subs`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from trigame.budget import WorkBudget, check_limit
from trigame.errors import ParameterError, SolverError, UnsupportedGameError
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Terminal
from trigame.games.tree.structure import movers_above, stage_nodes
from trigame.results.perfect_bayesian import BeliefSet, PerfectBayesianEquilibrium, PerfectBayesianSet
from trigame.solve._components import Components
from trigame.solve.perfect_bayesian._tree_assess import assess, possible_nodes
from trigame.solve.perfect_bayesian._tree_stage import _where, solve_stage
from trigame.solve.subgame_perfect._pieces import walk_choices

__all__ = ["perfect_bayesian_tree"]


@dataclass(frozen=True)
class _Piece:
    """An equilibrium of one subgame's stage, with the alternative solutions of each subgame below it."""

    behavior: tuple[tuple[Hashable, tuple[Fraction, ...]], ...]
    value: tuple[Fraction, ...]
    component: tuple[int, int, int]
    below: tuple[tuple[_Piece, ...], ...] = ()
    exact: bool = True


@dataclass(frozen=True)
class _Continuum:
    """A polytope of equilibria of a subgame (its extreme points) on which its payoffs are affine: the stage
    above values the subgame's root by weights on the extreme points, unknowns of its own conditions."""

    vertices: tuple[_Piece, ...]
    #: the players moving above it whom its extreme points pay differently
    movers: tuple[str, ...]


#: a stage solved over the combinations of the subgames below it: equilibria grouped by payoffs, continua for the
#: stage above, notes, complete, degenerate
_Outcome = tuple[dict[tuple[Fraction, ...], list[_Piece]], list[_Continuum], list[str], bool, bool]


def _mix(vertices: tuple[_Piece, ...], weights: tuple[Fraction, ...]) -> _Piece:
    """The equilibrium ``sum_j weights[j] * vertices[j]`` of a :class:`_Continuum` (behaviour and payoffs).

    The vertices come from one support profile of one stage, so below it they
    take the same alternatives, except at the subgames valued by weights
    themselves, whose equilibria are mixed in turn.
    """
    used = [(w, p) for w, p in zip(weights, vertices) if w]
    if len(used) == 1:
        return used[0][1]
    first = used[0][1]
    behavior = tuple((key, tuple(sum((w * p.behavior[i][1][a] for w, p in used), Fraction(0))
                                 for a in range(len(probs))))
                     for i, (key, probs) in enumerate(first.behavior))
    value = tuple(sum((w * p.value[i] for w, p in used), Fraction(0)) for i in range(len(first.value)))
    below = []
    for k, entry in enumerate(first.below):
        entries = [p.below[k] for _, p in used]
        if all(e is entry for e in entries):
            below.append(entry)
        else:
            below.append((_mix(tuple(e[0] for e in entries), tuple(w for w, _ in used)),))
    return _Piece(behavior, value, first.component, tuple(below), all(p.exact for _, p in used))


def perfect_bayesian_tree(tree: GameTree, *, tol: float = 1e-9, max_support_profiles: int | None = 100_000,
                          max_vertex_work: int | None = 1_000_000,
                          max_equilibria: int = 10_000) -> PerfectBayesianSet:
    """Every perfect Bayesian equilibrium of a finite game tree, with exact beliefs and belief sets.

    A perfect Bayesian equilibrium is an assessment (behaviour, beliefs) that
    is sequentially rational at every information set, with beliefs given by
    Bayes' rule wherever the information set is reached with positive
    probability -- from the root, or from the root of any subgame containing
    it (Gibbons 1992, section 4.1).  Subgames are solved from the bottom up;
    in each, every support profile of the behaviour is examined and its
    conditions solved exactly (see the module documentation for the method
    and for what ``complete`` guarantees).

    Parameters
    ----------
    tree : GameTree
        An exact or float tree (floats are solved exactly as the binary
        rationals they are, and the results returned as floats).
    tol : float, default 1e-9
        A number in [0, 1), accepted for symmetry with the other solvers;
        the computation is exact, so it is not used.
    max_support_profiles : int or None, default 100000
        The work budget: support profiles examined (complete ones, and
        partial ones abandoned early), over all stages and all combinations
        of the payoffs of the subgames below them.  A stage that takes a
        continuum below whole solves the combinations holding one first;
        when one of them finds the weights entering polynomially, the stage
        is solved on the continuum's extreme points instead, and the work
        already spent on those combinations counts too (every other
        combination is solved once).
    max_vertex_work : int or None, default 1000000
        The budget of the exact vertex enumeration: square linear systems
        solved, over all support profiles and belief sets, and polynomial
        systems solved (one per set of tight inequalities).
    max_equilibria : int, default 10000
        List at most this many equilibria (``complete=False`` with a note when
        there are more).

    Returns
    -------
    PerfectBayesianSet
        ``method="tree_supports"``.  Each equilibrium gives the behaviour at
        every information set; ``beliefs`` at every information set, keyed by
        its key: where Bayes' rule binds (requirements 2 and 3) and at
        singletons, ``{node path: probability}``; elsewhere a
        :class:`~trigame.results.perfect_bayesian.BeliefSet` over the node
        paths holding every belief that supports the behaviour (and gives
        zero to the nodes behind a chance outcome of probability zero when
        the set has other nodes; see the module documentation).
        ``sequential`` is True or False where decided, else None (with a note).

    Raises
    ------
    UnsupportedGameError
        For a symbolic tree.
    BudgetExceededError
        When ``max_support_profiles`` or ``max_vertex_work`` is exhausted.

    Examples
    --------
    Gibbons (1992, Figure 4.1.1): the subgame-perfect (R, R') has no
    supporting belief, so only (L, L') remains.

    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> def two(tag):
    ...     return Decision("2", {"L'": Terminal((2, 1) if tag == "L" else (0, 2)),
    ...                           "R'": Terminal((0, 0) if tag == "L" else (0, 1))}, infoset="2")
    >>> tree = GameTree(Decision("1", {"L": two("L"), "M": two("M"), "R": Terminal((1, 3))}))
    >>> [e.label() for e in perfect_bayesian_tree(tree)]
    ["1@root: L; 2: L'"]
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"perfect_bayesian_tree needs a GameTree, got {type(tree).__name__}")
    if tree.kind == "symbolic":
        raise UnsupportedGameError("perfect Bayesian equilibria of symbolic trees are not supported; substitute "
                                   "values first with tree.subs(...)")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not (math.isfinite(tol) and 0 <= tol < 1):
        raise ParameterError(f"tol must be a number in [0, 1), got {tol!r}")
    check_limit(max_equilibria, "max_equilibria", allow_none=False)
    budget = WorkBudget(max_support_profiles, what="the perfect Bayesian support enumeration",
                        unit="support profiles", option="max_support_profiles")
    vertex_budget = WorkBudget(max_vertex_work, what="the exact vertex enumeration of perfect Bayesian conditions",
                               unit="linear systems", option="max_vertex_work")
    return _Solver(tree, budget, vertex_budget, max_equilibria).run()


class _Solver:
    def __init__(self, tree: GameTree, budget: WorkBudget, vertex_budget: WorkBudget, limit: int) -> None:
        self.tree = tree
        self.budget = budget
        self.vertex_budget = vertex_budget
        self.limit = limit
        self.values = {k: tuple(Fraction(v) for v in vals) for k, vals in tree._values.items()}
        self.chance = {k: tuple(Fraction(p) for p in probs) for k, probs in tree._probabilities.items()}
        self.roots = set(tree._subgame_indices())
        #: the nodes behind no chance outcome of probability zero (from their subgame's root), found once
        self.possible = possible_nodes(tree, self.chance, self.roots)
        self.scale = max((abs(v) for vals in self.values.values() for v in vals), default=Fraction(1)) or Fraction(1)
        self.complete = True
        self.degenerate = False
        #: the continua of each solved subgame that pay a mover above it differently
        self.continua: dict[int, list[_Continuum]] = {}
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def run(self) -> PerfectBayesianSet:
        tree = self.tree
        if isinstance(tree._nodes[0], Terminal):
            top: tuple[_Piece, ...] = (_Piece((), self.values[0], (0, 0, 0)),)
        else:
            solved: dict[int, list[tuple[_Piece, ...]]] = {}
            for x in sorted(self.roots, reverse=True):  # children before parents
                solved[x] = self.solve_subgame(x, solved)
            top = tuple(p for group in solved[0] for p in group)
        components: dict[tuple[tuple[int, int, int], ...], int] = {}
        joined: Components[int] = Components()  # a behaviour met twice joins its two components

        # a continuum's extreme points are met again as weights 0 and 1 in the stage above: each behaviour once
        found: dict[tuple[tuple[Fraction, ...], ...], int] = {}
        listed: list[tuple[dict[Hashable, tuple[Fraction, ...]], int, bool]] = []
        for pieces in walk_choices(top):
            flat = {key: probs for piece in pieces for key, probs in piece.behavior}
            key = tuple(sorted(piece.component for piece in pieces))
            component = components.setdefault(key, len(components))
            signature = tuple(flat[info.key] for info in tree._infosets)
            if signature in found:
                joined.union(component, listed[found[signature]][1])
                continue
            if len(listed) == self.limit:
                self.complete = False
                self.note(f"listed the first {self.limit} perfect Bayesian equilibria (max_equilibria); more exist")
                break
            found[signature] = len(listed)
            listed.append((flat, component, all(piece.exact for piece in pieces)))
        equilibria = []
        undecided: list[str] = []
        numbers: dict[int, int] = {}
        for flat, component, exact in listed:
            number = numbers.setdefault(joined.find(component), len(numbers))
            equilibrium = self.build(flat, number, exact)
            if equilibrium is None:
                continue
            if equilibrium.sequential is None:
                undecided.append(equilibrium.label())
            equilibria.append(equilibrium)
        if undecided:
            self.note("sequential equilibrium not decided (sequential=None) for " + "; ".join(
                f"[{e}]" for e in undecided[:5]) + (" and others" if len(undecided) > 5 else "")
                + ": the zero-probability moves leading to some off-path information set neither fix the "
                  "consistent belief nor leave it free")
        return PerfectBayesianSet(equilibria, game=tree, complete=self.complete, method="tree_supports",
                                  degenerate=self.degenerate, notes=self.notes)

    def solve_subgame(self, x: int, solved: dict[int, list[tuple[_Piece, ...]]]) -> list[tuple[_Piece, ...]]:
        """The equilibria of the subgame at ``x``, grouped by their payoffs (and its continua, in
        ``self.continua[x]``, for the stage above)."""
        tree = self.tree
        inner, below = stage_nodes(tree, x, self.roots)
        groups_below = [solved.pop(y) for y in below]
        continua_below = [self.continua.pop(y, []) for y in below]
        outcome = None
        if any(continua_below):
            alternatives: list[list[tuple[_Piece, ...] | _Continuum]] = []
            for groups_y, continua_y in zip(groups_below, continua_below):
                # a continuum at weights (0, .., 1, .., 0) is its extreme point, and the stage's solutions there
                # are extreme points of its solutions over all weights (a face): a group all of whose equilibria
                # are extreme points of continua needs no solving of its own
                covered = {id(p) for c in continua_y for p in c.vertices}
                alternatives.append([*(g for g in groups_y if not all(id(p) in covered for p in g)), *continua_y])
            outcome = self.solve_combos(x, inner, below, alternatives)
            if outcome is None:  # the weights enter polynomially: the extreme points of the continua only
                self.complete = False
                for y, continua_y in zip(below, continua_below):
                    for paid in sorted({c.movers for c in continua_y}):
                        self.note(f"the continuum at {_where(tree, y)} pays {list(paid)} (moving earlier) "
                                  f"differently, and the conditions of the stage at {_where(tree, x)} are not "
                                  "linear in its weights: equilibria in which earlier movers respond to its "
                                  "interior points are not listed")
        if outcome is None:
            outcome = self.solve_combos(x, inner, below, groups_below)
            assert outcome is not None  # without continua below the stage is always solved
        groups, continua, notes, complete, degenerate = outcome
        for text in notes:
            self.note(text)
        self.complete = self.complete and complete
        self.degenerate = self.degenerate or degenerate
        self.continua[x] = continua
        return [tuple(g) for g in groups.values()]

    def solve_combos(self, x: int, inner: list[int], below: list[int],
                     alternatives: Sequence[Sequence[tuple[_Piece, ...] | _Continuum]]) -> _Outcome | None:
        """The stage at ``x`` solved once per combination of the ``alternatives`` of the subgames ``below``:
        the equilibria grouped by payoffs, the continua that pay a mover above differently, notes, whether
        complete and whether degenerate; None when the weights of a continuum below enter polynomially (found
        before any combination without a continuum is solved, so that none is solved twice)."""
        tree = self.tree
        groups: dict[tuple[Fraction, ...], list[_Piece]] = {}
        continua: list[_Continuum] = []
        notes: list[str] = []
        complete = True
        degenerate = False
        movers = sorted(movers_above(tree, x))
        where = _where(tree, x)
        terminal = {c: self.values[c] for k in inner for c in tree._children[k] if isinstance(tree._nodes[c], Terminal)}

        def solve(combo: tuple[tuple[_Piece, ...] | _Continuum, ...]) -> Any:
            leaves = dict(terminal)
            mixed = {}
            for y, choice in zip(below, combo):
                if isinstance(choice, _Continuum):
                    mixed[y] = [p.value for p in choice.vertices]
                else:
                    leaves[y] = choice[0].value
            stage_notes: list[str] = []
            solved = solve_stage(tree, x, inner, leaves, self.chance, self.possible, self.budget,
                                 self.vertex_budget, stage_notes, mixed)
            return None if solved is None else (solved, stage_notes)

        # only a combination taking a continuum whole can find its weights entering polynomially (and so make
        # the stage be solved on the extreme points instead): those are solved first, so that no work is spent
        # on the others before that is known
        early = {}
        for n_combo, combo in enumerate(itertools.product(*alternatives)):
            if any(isinstance(choice, _Continuum) for choice in combo):
                early[n_combo] = solve(combo)
                if early[n_combo] is None:
                    return None
        for n_combo, combo in enumerate(itertools.product(*alternatives)):
            outcome = early.pop(n_combo) if n_combo in early else solve(combo)
            assert outcome is not None  # a combination without a continuum is always solved
            (solutions, stage_complete, stage_pieces), stage_notes = outcome
            notes.extend(stage_notes)
            complete = complete and stage_complete
            made = []
            for s in solutions:
                weights = iter(s.weights)
                taken = tuple((_mix(choice.vertices, next(weights)),) if isinstance(choice, _Continuum) else choice
                              for choice in combo)
                piece = _Piece(s.behavior, s.value, (x, n_combo, s.component), taken, s.exact)
                groups.setdefault(s.value, []).append(piece)
                made.append(piece)
            if len({s.component for s in solutions}) < len(solutions):  # some component has several points
                degenerate = True
                notes.append(f"the stage at {where} has a continuum of perfect Bayesian equilibria; its extreme "
                             "points are listed and share a component")
            for stage_piece in stage_pieces:
                vertices = tuple(made[j] for j in stage_piece.members)
                differ = tuple(p for p in movers if len({v.value[tree.players.index(p)] for v in vertices}) > 1)
                if stage_piece.affine:
                    if differ:  # the stage above takes it whole: its payoffs are the mixtures of its vertices'
                        continua.append(_Continuum(vertices, differ))
                    continue
                assert stage_piece.fixed is not None  # given where not affine
                moved = [p for p in movers if not stage_piece.fixed[tree.players.index(p)]]
                if moved:
                    complete = False
                    notes.append(f"a continuum of perfect Bayesian equilibria at {where} is not a polytope on "
                                 "which the payoffs are affine (mixed moves follow one another on a path, or "
                                 f"polynomials cut it out), and it may pay {moved} (moving earlier) differently: "
                                 "equilibria in which they respond to its interior points are not listed")
        return groups, continua, notes, complete, degenerate

    def build(self, flat: dict[Hashable, tuple[Fraction, ...]], component: int,
              exact: bool = True) -> PerfectBayesianEquilibrium | None:
        """The assessment of a behaviour profile, checked (None, with a note, if it fails).

        An inexact profile (irrational probabilities given to about 60 digits)
        is checked with a tolerance of ``10**-40`` times the largest payoff and
        returned in floats.
        """
        tree = self.tree
        behavior = {h: flat[info.key] for h, info in enumerate(tree._infosets)}
        tol = Fraction(0) if exact else Fraction(1, 10**40) * self.scale
        result = assess(tree, behavior, self.values, self.chance, self.roots, self.possible, self.vertex_budget,
                        tol)
        if result.failures:
            if exact:  # pragma: no cover - a solver bug; never return an unchecked assessment
                raise SolverError("a perfect Bayesian candidate failed its check: " + "; ".join(result.failures))
            self.complete = False  # pragma: no cover - rounding at a boundary; never return it unchecked
            self.note("an equilibrium with irrational probabilities failed its check at 60 digits and is "
                      "not listed: " + "; ".join(result.failures))  # pragma: no cover
            return None  # pragma: no cover
        if not exact:
            self.note("equilibria with irrational probabilities (roots certified by the Krawczyk test and "
                      "polished to 60 digits) are given as floats")

        def out(value: Fraction) -> Any:
            return self.number(value) if exact else float(value)
        beliefs: dict[Hashable, Any] = {}
        for h, info in enumerate(tree._infosets):
            labels = [tree._paths[m] for m in tree._members[h]]
            if h in result.points:
                beliefs[info.key] = {tree._paths[m]: out(p) for m, p in result.points[h].items()}
            else:
                vertices, constraints = result.sets[h]
                beliefs[info.key] = BeliefSet(
                    labels, [{tree._paths[m]: out(p) for m, p in v.items()} for v in vertices],
                    [({tree._paths[m]: out(c) for m, c in row.items()}, relation, out(bound))
                     for row, relation, bound in constraints])
        if exact:
            actions = {info.key: {a: out(p) for a, p in zip(info.actions, flat[info.key])} for info in tree._infosets}
        else:
            actions = {info.key: dict(zip(info.actions, _dyadic(flat[info.key]))) for info in tree._infosets}
        return PerfectBayesianEquilibrium(tree, actions, beliefs, sequential=result.sequential, component=component)

    def number(self, value: Fraction) -> Any:
        return float(value) if self.tree.kind == "float" else value


def _dyadic(probs: tuple[Fraction, ...]) -> list[float]:
    """Floats within ``2**-52`` of ``probs`` that sum to exactly 1 (as floats and as the rationals they are).

    Each probability is rounded to a multiple of ``2**-52`` and the largest is
    then ``1`` minus the others, also such a multiple, hence a float.
    """
    unit = 2**52
    ticks = [round(p * unit) for p in probs]
    big = max(range(len(ticks)), key=lambda j: probs[j])
    ticks[big] = unit - (sum(ticks) - ticks[big])
    return [t / unit for t in ticks]

