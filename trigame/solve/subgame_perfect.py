"""Backward induction over subgames: every subgame-perfect equilibrium of a :class:`GameTree`.

The subgames of a tree are nested.  The *stage* of a subgame is the part of
it that lies outside its proper subgames; its leaves are terminal nodes and
the roots of the proper subgames directly below it.  A behaviour profile is
subgame perfect iff its restriction to every stage, with each proper subgame
replaced by the payoffs it yields, is a Nash equilibrium of that stage
(Selten 1965).  So the subgames are solved from the bottom up (in reverse
preorder), and each stage is solved once per combination of the continuation
payoffs of the subgames below it:

* a stage that is a single decision node (perfect information) keeps every
  optimal action -- for symbolic payoffs, every action together with the
  condition under which it is optimal;
* a stage of chance nodes only has one solution, the expectation;
* any other stage is put into strategic form and solved completely by
  :func:`trigame.equilibria`; each mixed equilibrium becomes a behaviour
  strategy by Kuhn's theorem (Kuhn 1953, Theorem 4; perfect recall holds).

Every combination of a stage solution with the subgame solutions that gave its
continuation payoffs is one subgame-perfect equilibrium (of a *piece* of the
parameter space, for symbolic trees).  The solutions of a subgame are grouped
by their condition and continuation payoffs, and the stage above is solved once
per combination of *groups*: a subgame with many equilibria that all pay the
same (ties that matter to nobody above) costs no more than one with a single
equilibrium, and the equilibria themselves are enumerated lazily at the end,
up to ``max_equilibria``.  So a perfect-information tree without payoff-relevant
ties is solved in time linear in its size.

What ``complete`` means
-----------------------
At a perfect-information node where the mover is indifferent between several
optimal actions (a *tie*), every mixture of them is optimal too; the solver
lists the pure choices.  The set of equilibria is then a continuum, flagged
``degenerate``.  A tie is *harmless* when the tied actions give the same
payoff to every player who moves at a decision node above it: then no
mixture changes any earlier mover's incentives, the equilibria with mixtures
at the tie are exactly the listed ones with the pure choice replaced by a
mixture of the listed choices, and ``complete`` stays True.  Otherwise a
mixture can make an earlier mover indifferent in turn (P1 chooses Out, worth
1, or In, where P2 is indifferent between payoffs 0 and 2 for P1: at P2's
mixture 1/2 P1 may mix as well), and such equilibria are not listed:
``complete`` is then False with a note naming the tie.  The same holds for a
simultaneous stage with a continuum of Nash equilibria whose listed extreme
equilibria pay an earlier mover differently.  For symbolic trees ties are
those that hold for all parameter values; on the boundaries between pieces
(where a condition holds with equality) the same caveat applies.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import convert, to_float
from trigame.budget import WorkBudget, check_limit, check_memory
from trigame.errors import BudgetExceededError, ParameterError, UnsupportedGameError
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.games.tree._arith import _clean, _is_zero
from trigame.games.tree.strategic_form import terminal_paths
from trigame.results import SubgamePerfectEquilibrium, SubgamePerfectSet

__all__ = ["backward_induction", "subgame_perfect"]

#: Float behaviour probabilities closer than this are the same when stage solutions are de-duplicated.
DEDUP_TOL = 1e-9


@dataclass(frozen=True)
class _Piece:
    """A subgame-perfect equilibrium of one subgame (on the part of parameter space where ``condition`` holds)."""

    condition: Any
    value: tuple[Any, ...]
    #: the behaviour in this subgame's stage ...
    behavior: tuple[tuple[Hashable, tuple[Any, ...]], ...]
    #: ... and, for each subgame below it, the interchangeable equilibria of that subgame (same condition
    #: and payoffs) it may be combined with (expanded only for the equilibria returned)
    below: tuple[tuple[_Piece, ...], ...] = ()
    #: ties in this subgame's stage whose mixtures only the mover at the parent node cares about: the
    #: payoffs of the tied actions, for the parent to check (see ``_Solver.check_pending``)
    pending: tuple[tuple[tuple[Any, ...], ...], ...] = ()


def _count(groups: Sequence[_Piece], memo: dict[int, int]) -> int:
    """How many equilibria the alternative solutions ``groups`` stand for together.

    A piece stands for the product, over the subgames below it, of the number of
    alternatives there; counted bottom-up with an explicit stack (no recursion,
    however deep the tree), each piece once.
    """
    stack: list[tuple[_Piece, bool]] = [(piece, False) for piece in groups]
    while stack:
        piece, children_done = stack.pop()
        if id(piece) in memo:
            continue
        if not children_done:
            stack.append((piece, True))
            stack.extend((child, False) for alternatives in piece.below for child in alternatives
                         if id(child) not in memo)
            continue
        n = 1
        for alternatives in piece.below:
            n *= sum(memo[id(child)] for child in alternatives)
        memo[id(piece)] = n
    return sum(memo[id(piece)] for piece in groups)


def _enumerate(top: Sequence[_Piece]) -> Any:
    """Every equilibrium the alternatives ``top`` stand for, lazily: ``(condition, behaviour entries)``.

    An odometer over the choice points met in a depth-first walk: each walk
    takes the recorded choice at the points met before and the first
    alternative at new ones, so no recursion is needed however deep the tree.
    """
    choices: list[int] = []
    while True:
        sizes: list[int] = []
        out: list[tuple[Hashable, tuple[Any, ...]]] = []
        stack: list[Sequence[_Piece]] = [top]
        condition: Any = None
        while stack:
            alternatives = stack.pop()
            index = 0
            if len(alternatives) > 1:
                index = choices[len(sizes)] if len(sizes) < len(choices) else 0
                sizes.append(len(alternatives))
            piece = alternatives[index]
            if condition is None:
                condition = piece.condition
            out.extend(piece.behavior)
            stack.extend(reversed(piece.below))
        yield condition, out
        chosen = choices[:len(sizes)] + [0] * (len(sizes) - len(choices))
        while chosen and chosen[-1] + 1 == sizes[len(chosen) - 1]:
            chosen.pop()
        if not chosen:
            return
        chosen[-1] += 1
        choices = chosen


def _and(*conditions: Any) -> Any:
    """Conjunction that keeps ``True`` for numeric trees and simplifies what SymPy can decide."""
    parts = [c for c in conditions if c is not True]
    if any(c is False for c in parts):
        return False
    if not parts:
        return True
    import sympy

    return _simplify(sympy.And(*parts))


def _simplify(condition: Any) -> Any:
    """``True``/``False`` when SymPy can decide the condition; a one-parameter condition as intervals."""
    import sympy

    if condition is True or condition == sympy.true:
        return True
    if condition is False or condition == sympy.false:
        return False
    symbols = condition.free_symbols
    if len(symbols) == 1:
        (x,) = symbols
        try:
            region = condition.as_set()
        except (NotImplementedError, TypeError, ValueError):
            return condition
        if region == sympy.S.EmptySet:
            return False
        if region.is_superset(sympy.S.Reals):
            return True
        unbounded = {sympy.Lt(x, sympy.oo): sympy.true, sympy.Lt(-sympy.oo, x): sympy.true}
        return region.as_relational(x).xreplace(unbounded)
    return condition


class _Solver:
    def __init__(self, tree: GameTree, max_equilibria: int, tol: float, max_work: int | None,
                 max_memory: int | None) -> None:
        self.tree = tree
        self.limit = max_equilibria
        self.kind = tree.kind
        self.truncated = False
        self.degenerate = False
        self.complete = True
        self.notes: list[str] = []
        self.roots = set(tree._subgame_indices())
        self.budget = WorkBudget(max_work, what="backward induction", unit="combinations of subgame solutions",
                                 option="max_work")
        self.max_memory = max_memory
        self._above: dict[int, frozenset[str]] = {}
        if tree.kind == "float":
            scale = max([1.0, *(abs(v) for values in tree._values.values() for v in values)])
            self.slack = tol * scale
        else:
            self.slack = 0  # exact comparisons: a float slack would round Fractions

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def movers_above(self, x: int) -> frozenset[str]:
        """The players who move at a decision node above node ``x``."""
        if x not in self._above:
            tree = self.tree
            players = set()
            k = tree._parent[x]
            while k >= 0:
                node = tree._nodes[k]
                if isinstance(node, Decision):
                    players.add(node.player)
                k = tree._parent[k]
            self._above[x] = frozenset(players)
        return self._above[x]

    def differs(self, a: Any, b: Any) -> bool:
        """Whether two payoffs differ (beyond the float slack; symbolically: not identically)."""
        if self.kind == "float":
            return bool(abs(a - b) > self.slack)
        if self.kind == "exact":
            return bool(a != b)
        import sympy

        return sympy.simplify(a - b) != 0

    def check_tie(self, x: int, values: Sequence[tuple[Any, ...]], what: str, defer: bool = False) -> bool:
        """Set ``complete=False`` when mixing among ``values`` (tied, at node ``x``) matters to an earlier mover.

        With ``defer``, a tie that matters only to the mover at the parent node
        (a perfect-information node, who moves nowhere above it) is left to
        :meth:`check_pending` at the parent, which knows that mover's other
        options; returns True when the tie is deferred.
        """
        players = self.tree.players
        affected = sorted({p for p in self.movers_above(x)
                           if any(self.differs(v[players.index(p)], values[0][players.index(p)])
                                  for v in values[1:])}, key=players.index)
        if not affected:
            return False
        if defer and self.kind != "symbolic":
            y = self.tree._parent[x]
            parent = self.tree._nodes[y]
            if (isinstance(parent, Decision) and affected == [parent.player] and y in self.roots
                    and parent.player not in self.movers_above(y) and self.stage(y)[0] == [y]):
                return True
        self.incomplete(what, affected)
        return False

    def incomplete(self, what: str, affected: Sequence[str]) -> None:
        self.complete = False
        self.note(f"{what}; mixtures of the tied choices pay {', '.join(map(repr, affected))} (moving earlier) "
                  "differently and can make that player indifferent in turn: such subgame-perfect "
                  "equilibria (with mixing at both places) are not listed")

    def check_pending(self, y: int, combo: Sequence[Sequence[_Piece]], roots: Sequence[int],
                      continuation: dict[int, tuple[Any, ...]]) -> None:
        """At node ``y``, the ties deferred by its children: does a mixture make ``y``'s mover indifferent?

        The child ``c`` tied between actions whose payoffs to ``y``'s mover ``j``
        span ``[lo, hi]``; ``j``'s best other option at ``y`` pays ``A``.  If
        ``lo < A < hi``, some mixture at ``c`` leaves ``j`` indifferent, and the
        equilibria in which both mix are not listed.  Otherwise ``j`` is
        indifferent only on a face of the tied actions (``A = lo`` or ``A = hi``),
        where the extreme points are pure and listed (and ``j``'s own tie is
        checked at ``y``), or never.  Nobody above ``y`` cares about the tie
        (``check_tie`` deferred it only then).
        """
        tree = self.tree
        node = tree._nodes[y]
        assert isinstance(node, Decision)
        j = tree.players.index(node.player)
        values = {c: self.leaf_value(c, continuation)[j] for c in tree._children[y]}
        for c, group in zip(roots, combo):
            hulls = {hull for piece in group for hull in piece.pending}
            if not hulls:
                continue
            others = [v for k, v in values.items() if k != c]
            if not others:
                continue
            best_other = max(others)
            for hull in hulls:
                lo = min(v[j] for v in hull)
                hi = max(v[j] for v in hull)
                if lo + self.slack < best_other < hi - self.slack:
                    self.incomplete(f"{tree._nodes[c].player!r} is indifferent at {tree._paths[c]!r}",  # type: ignore[union-attr]
                                    [node.player])

    # -------------------------------------------------------------- numbers
    def one(self) -> Any:
        return convert(1, self.kind)

    def zero(self) -> Any:
        return convert(0, self.kind)

    def number(self, value: Any) -> Any:
        """A probability or payoff from a stage solver, in the tree's kind."""
        if self.kind == "float":
            return to_float(value)
        if self.kind == "exact":
            if isinstance(value, (int, Fraction)):
                return Fraction(value)
            return convert(value, "exact")
        return _clean(convert(value, "symbolic"))

    # -------------------------------------------------------------- structure
    def stage(self, x: int) -> tuple[list[int], list[int]]:
        """Decision/chance nodes of the stage rooted at ``x`` (preorder) and the subgame roots below it."""
        tree = self.tree
        inner, below = [], []
        stack = [x]
        while stack:
            k = stack.pop()
            inner.append(k)
            for c in reversed(tree._children[k]):
                if isinstance(tree._nodes[c], Terminal):
                    continue
                if c in self.roots:
                    below.append(c)
                else:
                    stack.append(c)
        inner.sort()
        below.sort()
        return inner, below

    # -------------------------------------------------------------- driver
    def run(self) -> SubgamePerfectSet:
        tree = self.tree
        if isinstance(tree._nodes[0], Terminal):
            pieces = [_Piece(True, tree._values[0], ())]
        else:
            solved: dict[int, list[list[_Piece]]] = {}
            for x in sorted(self.roots, reverse=True):  # children before parents
                inner, below = self.stage(x)
                solved[x] = self.solve_subgame(x, inner, [(y, solved.pop(y)) for y in below])
            pieces = [piece for group in solved[0] for piece in group]
        total = _count(pieces, {})
        listed = min(total, self.limit)
        # each equilibrium holds a dict per information set: about 200 bytes an entry
        size = 200 * max(len(tree._infosets), 1)
        try:
            check_memory(listed * size, f"listing {listed} subgame-perfect equilibria",
                         option="max_memory", limit=self.max_memory)
        except BudgetExceededError as exc:
            listed = max(1, min(listed, self._fitting(size)))
            self.note(f"{exc}; only {listed} are listed")
            self.truncated = True
        if total > listed:
            self.truncated = True
        equilibria = []
        for condition, flat in itertools.islice(_enumerate(pieces), listed):
            behavior = {key: dict(zip(tree._infosets[tree._infoset_index[key]].actions, probs))
                        for key, probs in flat}
            equilibria.append(SubgamePerfectEquilibrium(tree, behavior, condition))
        if self.truncated:
            amount = str(total) if total < 10**15 else f"about 10^{round(total.bit_length() * math.log10(2))}"
            self.note(f"listed {listed} of {amount} pure-choice subgame-perfect equilibria "
                      f"(max_equilibria={self.limit}); more exist")
        return SubgamePerfectSet(equilibria, tree=tree, complete=self.complete and not self.truncated,
                                 degenerate=self.degenerate, notes=self.notes)

    def _fitting(self, size: int) -> int:
        from trigame.budget import memory_budget

        return int(memory_budget(self.max_memory) // size)

    def solve_subgame(self, x: int, inner: list[int], below: list[tuple[int, list[list[_Piece]]]]
                      ) -> list[list[_Piece]]:
        """The equilibria of the subgame at ``x``, grouped by (condition, payoffs)."""
        groups: dict[tuple[Any, Any], list[_Piece]] = {}
        cache: dict[tuple[Any, ...], list[_Piece]] = {}
        roots = [y for y, _ in below]
        for combo in itertools.product(*(pieces for _, pieces in below)):
            if self.budget.exhausted and groups:
                break  # past the budget: one solution per subgame, so that some equilibrium is still found
            try:
                self.budget.spend()
            except BudgetExceededError as exc:
                self.complete = False
                self.note(f"{exc}; the subgames above it were solved with one combination each")
            condition = _and(*(group[0].condition for group in combo))
            if condition is False:
                continue
            key = tuple(group[0].value for group in combo)
            if key not in cache:
                cache[key] = self.solve_stage(x, inner, dict(zip(roots, key)))
            if any(piece.pending for group in combo for piece in group):
                self.check_pending(x, combo, roots, dict(zip(roots, key)))
            for solution in cache[key]:
                both = _and(condition, solution.condition)
                if both is False:
                    continue
                piece = _Piece(both, solution.value, solution.behavior, tuple(tuple(g) for g in combo),
                               solution.pending)
                groups.setdefault((both, solution.value), []).append(piece)
        return list(groups.values())

    # -------------------------------------------------------------- stages
    def leaf_value(self, k: int, continuation: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
        return continuation[k] if k in continuation else self.tree._values[k]

    def solve_stage(self, x: int, inner: list[int], continuation: dict[int, tuple[Any, ...]]) -> list[_Piece]:
        tree = self.tree
        deciders = [k for k in inner if isinstance(tree._nodes[k], Decision)]
        if not deciders:
            return [_Piece(True, self.stage_value(x, {}, continuation), ())]
        if deciders == [x]:
            return self.single_decision(x, continuation)
        return self.strategic_stage(x, inner, deciders, continuation)

    def stage_value(self, x: int, behavior: dict[int, dict[str, Any]], continuation: dict[int, tuple[Any, ...]]
                    ) -> tuple[Any, ...]:
        """Expected leaf payoffs of the stage at ``x`` under behaviour ``{infoset index: {action: p}}``."""
        tree = self.tree
        total = [self.zero()] * len(tree.players)
        stack: list[tuple[int, Any]] = [(x, self.one())]
        while stack:
            k, reach = stack.pop()
            node = tree._nodes[k]
            if isinstance(node, Terminal) or (k != x and k in self.roots):
                values = self.leaf_value(k, continuation)
                total = [t + reach * v for t, v in zip(total, values)]
                continue
            for j, c in enumerate(tree._children[k]):
                if isinstance(node, Chance):
                    w = tree._probabilities[k][j]
                else:
                    w = behavior[tree._node_infoset[k]][tree._paths[c][-1]]
                if not _is_zero(w):
                    stack.append((c, _clean(reach * w)))
        return tuple(_clean(t) for t in total)

    def single_decision(self, x: int, continuation: dict[int, tuple[Any, ...]]) -> list[_Piece]:
        """A perfect-information node: every optimal action (symbolic: each with its condition)."""
        tree = self.tree
        node = tree._nodes[x]
        assert isinstance(node, Decision)
        h = tree._node_infoset[x]
        info = tree._infosets[h]
        i = tree.players.index(node.player)
        by_action = {tree._paths[c][-1]: self.leaf_value(c, continuation) for c in tree._children[x]}
        own = {a: by_action[a][i] for a in info.actions}

        def pure(action: str) -> tuple[tuple[Hashable, tuple[Any, ...]], ...]:
            return ((info.key, tuple(self.one() if a == action else self.zero() for a in info.actions)),)

        if self.kind != "symbolic":
            best = max(own.values())
            optimal = [a for a in info.actions if own[a] >= best - self.slack]  # slack 0 unless float
            if len(optimal) > 1:
                self.degenerate = True
                self.note(f"{node.player!r} is indifferent between {optimal} at information set {info.key!r} "
                          "(in some subgame-perfect equilibrium): every mixture of them is optimal too, so "
                          "there is a continuum of subgame-perfect equilibria; the pure choices are listed")
                hull = tuple(by_action[a] for a in optimal)
                if self.check_tie(x, hull, f"{node.player!r} is indifferent between {optimal} at {info.key!r}",
                                  defer=True):
                    return [_Piece(True, by_action[a], pure(a), (), (hull,)) for a in optimal]
            return [_Piece(True, by_action[a], pure(a)) for a in optimal]
        import sympy

        pieces = []
        for a in info.actions:
            conditions = []
            for b in info.actions:
                if b == a:
                    continue
                difference = sympy.simplify(own[a] - own[b])
                if difference == 0:
                    self.degenerate = True
                    self.note(f"{node.player!r} is indifferent between {a!r} and {b!r} at information set "
                              f"{info.key!r} for all parameter values: every mixture is optimal too")
                    self.check_tie(x, [by_action[a], by_action[b]],
                                   f"{node.player!r} is indifferent between {a!r} and {b!r} at {info.key!r}")
                conditions.append(sympy.Ge(difference, 0))
            condition = _and(*conditions)
            if condition is not False:
                pieces.append(_Piece(condition, by_action[a], pure(a)))
        return pieces

    def strategic_stage(self, x: int, inner: list[int], deciders: list[int],
                        continuation: dict[int, tuple[Any, ...]]) -> list[_Piece]:
        """A stage with several decision nodes: all Nash equilibria of its strategic form, as behaviour."""
        from trigame.games.normal_form import NormalFormGame
        from trigame.solve import equilibria

        tree = self.tree
        infosets = sorted({tree._node_infoset[k] for k in deciders})
        movers = [p for p in tree.players if any(tree._infosets[h].player == p for h in infosets)]
        own = {p: [h for h in infosets if tree._infosets[h].player == p] for p in movers}
        strategies = {p: list(itertools.product(*(tree._infosets[h].actions for h in own[p]))) for p in movers}
        shape = tuple(len(strategies[p]) for p in movers)
        index = {p: {s: n for n, s in enumerate(strategies[p])} for p in movers}
        table = np.empty((len(movers), *shape), dtype=object)
        table.fill(self.zero())
        leaves = frozenset(k for k in range(x, tree._end[x])
                           if k != x and (isinstance(tree._nodes[k], Terminal) or k in self.roots)
                           and tree._parent[k] in set(inner))
        for k, weight, required in terminal_paths(tree, x, leaves):
            values = self.leaf_value(k, continuation)
            fixed = dict(required)
            cells = [[n for s, n in index[p].items()
                      if all(s[j] == fixed[h] for j, h in enumerate(own[p]) if h in fixed)] for p in movers]
            for m, p in enumerate(movers):
                i = tree.players.index(p)
                for cell in itertools.product(*cells):
                    table[(m, *cell)] = table[(m, *cell)] + weight * values[i]
        labels = [["|".join(s) for s in strategies[p]] for p in movers]
        for m, own_labels in enumerate(labels):
            if len(set(own_labels)) != len(own_labels):
                labels[m] = [repr(s) for s in strategies[movers[m]]]
        game = NormalFormGame(table.tolist(), players=movers, strategies=labels,
                              kind="float" if self.kind == "float" else None)
        where = f"the stage at {'the root' if x == 0 else ' > '.join(tree._paths[x])}"
        try:
            found = equilibria(game)
        except UnsupportedGameError as exc:
            raise UnsupportedGameError(f"{where}: {exc}") from None
        except ImportError as exc:  # the solver module for this shape is not installed
            raise UnsupportedGameError(f"{where}: no complete solver for a {game.shape} stage ({exc})") from None
        if not found.complete:
            self.complete = False
            self.note(f"{where}: the stage solver ({found.method}) did not guarantee completeness")
        if found.degenerate:
            self.degenerate = True
            self.note(f"{where} has a continuum of Nash equilibria; its extreme equilibria are combined")
        pieces: list[_Piece] = []
        seen: list[tuple[tuple[Hashable, tuple[Any, ...]], ...]] = []
        for eq in found:
            behavior: dict[int, dict[str, Any]] = {}
            for m, p in enumerate(movers):
                sigma = [self.number(v) for v in eq.strategies[m].tolist()]
                for j, h in enumerate(own[p]):
                    behavior[h] = self.kuhn(x, p, own[p], j, strategies[p], sigma)
            flat = tuple((tree._infosets[h].key, tuple(behavior[h][a] for a in tree._infosets[h].actions))
                         for h in infosets)
            if any(self.same(flat, other) for other in seen):
                continue
            seen.append(flat)
            condition = True if eq.condition is True else _simplify(eq.condition)
            if condition is False:
                continue
            pieces.append(_Piece(condition, self.stage_value(x, behavior, continuation), flat))
        if found.degenerate and len(pieces) > 1 and self.kind != "symbolic":  # symbolic: continua on boundaries
            self.check_tie(x, [p.value for p in pieces], f"{where} has a continuum of Nash equilibria")
        return pieces

    def kuhn(self, x: int, player: str, infosets: list[int], j: int, strategies: Sequence[tuple[str, ...]],
             sigma: list[Any]) -> dict[str, Any]:
        """Behaviour at ``infosets[j]`` induced by the mixed strategy ``sigma`` (Kuhn 1953).

        The probability of action ``a`` is the weight of the pure strategies that
        reach the information set (by the player's own earlier moves in the
        stage) and choose ``a``, divided by the weight of those that reach it.
        If none of them is played the set is never reached, and the unconditional
        weight of the strategies choosing ``a`` is used.
        """
        tree = self.tree
        h = infosets[j]
        info = tree._infosets[h]
        history = tree.own_history(tree._members[h][0], player, stop=tree._parent[x])
        needed = [(infosets.index(g), a) for g, a in history]
        reach = [all(s[slot] == a for slot, a in needed) for s in strategies]
        weights = {a: sum((w for s, w, r in zip(strategies, sigma, reach) if r and s[j] == a), self.zero())
                   for a in info.actions}
        total = _clean(sum(weights.values(), self.zero()))
        if (self.kind == "float" and total < 1e-12) or (self.kind != "float" and _is_zero(total)):
            weights = {a: sum((w for s, w in zip(strategies, sigma) if s[j] == a), self.zero())
                       for a in info.actions}
            total = _clean(sum(weights.values(), self.zero()))
        return {a: _clean(w / total) for a, w in weights.items()}

    def same(self, a: tuple[tuple[Hashable, tuple[Any, ...]], ...],
             b: tuple[tuple[Hashable, tuple[Any, ...]], ...]) -> bool:
        if self.kind != "float":
            return a == b
        return all(abs(p - q) <= DEDUP_TOL for (_, u), (_, v) in zip(a, b) for p, q in zip(u, v))


def backward_induction(tree: GameTree, *, max_equilibria: int = 10_000, tol: float = 1e-9,
                       max_work: int | None = 1_000_000, max_memory: int | None = None) -> SubgamePerfectSet:
    """Every subgame-perfect equilibrium of ``tree`` (see :func:`trigame.solve.subgame_perfect.subgame_perfect`).

    Parameters
    ----------
    tree : GameTree
        The tree.
    max_equilibria : int, default 10000
        List at most this many equilibria (``complete=False`` with a note when
        there are more).
    tol : float, default 1e-9
        Float trees: payoffs within ``tol`` times the largest absolute payoff
        (at least 1) count as tied.  A number in [0, 1).
    max_work : int or None, default 1_000_000
        The work budget: combinations of the solutions of sibling subgames
        examined (one per subgame when each has a single solution).  Past it,
        every remaining subgame is solved with one combination, and the result
        has ``complete=False`` with a note.
    max_memory : int, optional
        Memory budget in bytes of the listed equilibria (default
        :data:`trigame.budget.DEFAULT_MAX_BYTES`); fewer are listed, with
        ``complete=False``, when they would not fit.

    Returns
    -------
    SubgamePerfectSet
        ``complete`` is True when every subgame-perfect equilibrium is listed,
        up to mixtures at harmless ties (see the module documentation).
    """
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not (math.isfinite(tol) and 0 <= tol < 1):
        raise ParameterError(f"tol must be a number in [0, 1), got {tol!r}")
    check_limit(max_equilibria, "max_equilibria", allow_none=False)
    check_limit(max_work, "max_work")
    return _Solver(tree, max_equilibria, float(tol), max_work, max_memory).run()


def subgame_perfect(tree: GameTree, *, max_equilibria: int = 10_000, tol: float = 1e-9,
                    max_work: int | None = 1_000_000) -> SubgamePerfectSet:
    """Every subgame-perfect equilibrium of a game tree, by backward induction over its subgames.

    Each subgame is solved from the bottom up.  The part of a subgame outside
    its proper subgames (its *stage*) is solved with the continuation payoffs
    of those subgames: at a single decision node every optimal action is
    kept (ties give several equilibria); a stage with simultaneous moves or
    imperfect information is solved completely in strategic form
    (:func:`trigame.equilibria`) and each of its Nash equilibria is turned into
    behaviour strategies (Kuhn 1953).  Every choice in every subgame is combined
    with every choice in the others, so the number of equilibria is the product
    of the numbers of choices (on each combination of continuation payoffs);
    the work grows with the number of distinct continuation payoffs, not with
    the number of equilibria.

    ``complete`` is True when every subgame-perfect equilibrium is listed, up to
    mixtures at *harmless* ties: at a perfect-information node where the mover
    is indifferent between several actions that pay every player who moves
    earlier (above the node) the same, the mixtures of them are equilibria too
    and are not listed (``degenerate`` is True; the listed pure choices are the
    extreme points).  When the tied actions pay an earlier mover differently, a
    mixture can make that player indifferent in turn, and the equilibria in
    which both mix are not listed: ``complete`` is then False, with a note
    naming the tie (likewise for a simultaneous stage with a continuum of
    equilibria that pay an earlier mover differently).  ``complete`` is also
    False when ``max_equilibria`` or ``max_work`` cut the search short.  For
    symbolic trees, ties are those that hold for all parameter values.

    Parameters
    ----------
    tree : GameTree
        A float, exact or symbolic tree.
    max_equilibria : int, default 10000
        List at most this many equilibria; the result then has
        ``complete=False`` if there are more.
    tol : float, default 1e-9
        For float trees: payoffs within ``tol`` times the largest absolute
        payoff (at least 1) of each other count as tied.  A number in [0, 1).
    max_work : int or None, default 1000000
        The work budget: combinations of the solutions of sibling subgames
        examined.  Past it every remaining subgame is solved with one
        combination and the result has ``complete=False`` with a note.

    Returns
    -------
    SubgamePerfectSet
        Each equilibrium with ``behavior``, ``outcomes`` and ``payoffs``.  For a
        symbolic tree each entry is a piece that holds under its ``condition``;
        perfect-information parts are solved for any payoffs, simultaneous
        stages where :func:`trigame.equilibria` solves symbolic games (2x2 and
        2x2x2 stages, in closed form).

    Examples
    --------
    A centipede game: the first mover takes at once.

    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> from trigame.solve.subgame_perfect import subgame_perfect

    >>> from trigame.solve.subgame_perfect import subgame_perfect
    >>> late = Decision("B", {"take": Terminal((1, 4)), "pass": Terminal((3, 3))})
    >>> tree = GameTree(Decision("A", {"take": Terminal((2, 1)), "pass": late}))
    >>> spe = subgame_perfect(tree)[0]
    >>> dict(spe.outcomes), spe.payoffs
    ({('take',): Fraction(1, 1)}, (Fraction(2, 1), Fraction(1, 1)))
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"subgame_perfect needs a GameTree, got {type(tree).__name__}")
    if not isinstance(max_equilibria, int) or max_equilibria < 1:
        raise ParameterError(f"max_equilibria must be a positive integer, got {max_equilibria!r}")
    return backward_induction(tree, max_equilibria=max_equilibria, tol=tol, max_work=max_work)
