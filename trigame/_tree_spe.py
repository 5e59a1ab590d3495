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
parameter space, for symbolic trees).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import convert, to_float
from trigame.errors import UnsupportedGameError
from trigame.tree import (
    Chance,
    Decision,
    GameTree,
    SubgamePerfectEquilibrium,
    SubgamePerfectSet,
    Terminal,
    _clean,
    _is_zero,
)

__all__ = ["backward_induction"]

#: Float behaviour probabilities closer than this are the same when stage solutions are de-duplicated.
DEDUP_TOL = 1e-9


@dataclass(frozen=True)
class _Piece:
    """A subgame-perfect equilibrium of one subgame (on the part of parameter space where ``condition`` holds)."""

    condition: Any
    value: tuple[Any, ...]
    #: the behaviour in this subgame's stage ...
    behavior: tuple[tuple[Hashable, tuple[Any, ...]], ...]
    #: ... and the equilibria of the subgames below it (flattened only for the equilibria returned)
    below: tuple[_Piece, ...] = ()

    def flat(self) -> tuple[tuple[Hashable, tuple[Any, ...]], ...]:
        """The behaviour at every information set of the subgame."""
        out: list[tuple[Hashable, tuple[Any, ...]]] = []
        stack = [self]
        while stack:
            piece = stack.pop()
            out.extend(piece.behavior)
            stack.extend(piece.below)
        return tuple(out)


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
    def __init__(self, tree: GameTree, max_equilibria: int, tol: float) -> None:
        self.tree = tree
        self.limit = max_equilibria
        self.kind = tree.kind
        self.truncated = False
        self.degenerate = False
        self.complete = True
        self.notes: list[str] = []
        self.roots = set(tree._subgame_indices())
        if tree.kind == "float":
            scale = max([1.0, *(abs(v) for values in tree._values.values() for v in values)])
            self.slack = tol * scale
        else:
            self.slack = 0  # exact comparisons: a float slack would round Fractions

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

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
            solved: dict[int, list[_Piece]] = {}
            for x in sorted(self.roots, reverse=True):  # children before parents
                inner, below = self.stage(x)
                solved[x] = self.solve_subgame(x, inner, [(y, solved.pop(y)) for y in below])
            pieces = solved[0]
        equilibria = []
        for piece in pieces[: self.limit]:
            behavior = {key: dict(zip(tree._infosets[tree._infoset_index[key]].actions, probs))
                        for key, probs in piece.flat()}
            equilibria.append(SubgamePerfectEquilibrium(tree, behavior, piece.condition))
        if self.truncated:
            self.note(f"stopped at max_equilibria={self.limit}; more subgame-perfect equilibria exist")
        return SubgamePerfectSet(equilibria, tree=tree, complete=self.complete and not self.truncated,
                                 degenerate=self.degenerate, notes=self.notes)

    def solve_subgame(self, x: int, inner: list[int], below: list[tuple[int, list[_Piece]]]) -> list[_Piece]:
        results: list[_Piece] = []
        cache: dict[tuple[Any, ...], list[_Piece]] = {}
        roots = [y for y, _ in below]
        for combo in itertools.product(*(pieces for _, pieces in below)):
            condition = _and(*(p.condition for p in combo))
            if condition is False:
                continue
            key = tuple(p.value for p in combo)
            if key not in cache:
                cache[key] = self.solve_stage(x, inner, dict(zip(roots, key)))
            for solution in cache[key]:
                both = _and(condition, solution.condition)
                if both is False:
                    continue
                results.append(_Piece(both, solution.value, solution.behavior, combo))
                if len(results) >= self.limit:
                    self.truncated = True
                    return results
        return results

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
                conditions.append(sympy.Ge(difference, 0))
            condition = _and(*conditions)
            if condition is not False:
                pieces.append(_Piece(condition, by_action[a], pure(a)))
        return pieces

    def strategic_stage(self, x: int, inner: list[int], deciders: list[int],
                        continuation: dict[int, tuple[Any, ...]]) -> list[_Piece]:
        """A stage with several decision nodes: all Nash equilibria of its strategic form, as behaviour."""
        from trigame.game import NormalFormGame
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
        for k, weight, required in tree._terminal_paths(x, leaves):
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


def backward_induction(tree: GameTree, *, max_equilibria: int = 10_000, tol: float = 1e-9) -> SubgamePerfectSet:
    """Every subgame-perfect equilibrium of ``tree`` (see :func:`trigame.tree.subgame_perfect`)."""
    return _Solver(tree, max_equilibria, tol).run()
