"""The backward-induction solver: subgames from the bottom up, each stage solved once per continuation payoffs.

:class:`_Solver` walks the subgame roots in reverse preorder.  Each subgame's
*stage* (its nodes outside its proper subgames) is solved for every
combination of the groups of solutions of the subgames directly below it: a
perfect-information node keeps every optimal action (symbolic payoffs: each
with the condition under which it is optimal), a stage of chance nodes has its
expectation, and any other stage is solved completely in strategic form, each
Nash equilibrium turned into behaviour by Kuhn's theorem (Kuhn 1953) -- or, for
a symbolic stage in which each player moves at most once per play, in agent
form (:mod:`~trigame.solve.subgame_perfect._agent_stage`).  Along
the way it records ties between payoffs that an earlier mover cares about,
which make the listed equilibria incomplete (see
:mod:`trigame.solve.subgame_perfect`).  Its parts share the solver's state --
the subgame roots, the float slacks, and the ``complete``/``degenerate`` flags
and notes the result carries -- so they stay one class.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from trigame._numbers import convert, is_sympy, to_float
from trigame._numbers import is_zero as _is_zero
from trigame.budget import WorkBudget, check_memory
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.tree._arith import _clean, cancelled_difference
from trigame.games.tree.game_tree import GameTree
from trigame.games.tree.nodes import Decision, Terminal
from trigame.games.tree.strategic_form import terminal_paths
from trigame.games.tree.structure import movers_above, stage_nodes
from trigame.results import SubgamePerfectEquilibrium, SubgamePerfectSet
from trigame.solve.subgame_perfect._agent_stage import agent_form_stage, moves_once_per_path
from trigame.solve.subgame_perfect._pieces import _and, _count, _enumerate, _Piece, _simplify
from trigame.solve.subgame_perfect._stage_numbers import (
    exact_reach_value,
    exact_sums,
    integer_reach,
    reach_value,
    stage_game,
    stage_reach,
)
from trigame.solve.subgame_perfect._ties import decision_slack, payoff_ranges, rounding_floors, snap

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.solve.subgame_perfect._memo import StageMemo

#: Float behaviour probabilities closer than this are the same when stage solutions are de-duplicated.
DEDUP_TOL = 1e-9


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
        #: symbolic trees: a test proving a condition empty on the parameters' domains (given by the caller)
        self.empty: Callable[[Any], bool] | None = None
        self.dropped = 0
        #: the exact point solves of one regime map: stage games solved before, with their equilibria
        self.memo: StageMemo | None = None
        self._above: dict[int, frozenset[str]] = {}
        self._one, self._zero = convert(1, self.kind), convert(0, self.kind)  # immutable: shared
        self.tol = tol
        # each player's tie slack at a decision node, in units of the player's payoff range with a floor at
        # rounding level (see _ties), found when first needed; until then max(tol * range / 2, floor), a bound
        # on it, rules out all but clear choices
        self._slack: tuple[Any, ...] | None = None
        self._bound: tuple[Any, ...] = (0,) * len(tree.players)  # exact: a float slack would round Fractions
        if tree.kind == "float":
            self._ranges = payoff_ranges(tree)
            self._floors = rounding_floors(tree, tol)
            self._bound = tuple(b if math.isfinite(b) else math.inf
                                for b in (max(tol * width / 2, floor)
                                          for width, floor in zip(self._ranges, self._floors)))
        else:
            self._slack = self._bound

    @property
    def slack(self) -> tuple[Any, ...]:
        """Each player's tie slack at a decision node (float trees: :func:`._ties.decision_slack`; else 0)."""
        if self._slack is None:
            self._slack = decision_slack(self.tree, self.tol, self._ranges, self._floors)
        return self._slack

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def movers_above(self, x: int) -> frozenset[str]:
        """The players who move at a decision node above node ``x``."""
        if x not in self._above:
            self._above[x] = movers_above(self.tree, x)
        return self._above[x]

    def differs(self, a: Any, b: Any, i: int) -> bool:
        """Whether two payoffs of player ``i`` differ (beyond its float slack; symbolically: not identically)."""
        if self.kind == "float":
            return bool(abs(a - b) > self.slack[i])
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
                           if any(self.differs(v[players.index(p)], values[0][players.index(p)], players.index(p))
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
                if lo + self.slack[j] < best_other < hi - self.slack[j]:
                    self.incomplete(f"{tree._nodes[c].player!r} is indifferent at {tree._paths[c]!r}",  # type: ignore[union-attr]
                                    [node.player])

    def proved_empty(self, condition: Any, parts: Sequence[Any] = ()) -> bool:
        """Whether the caller's test proves ``condition`` empty (never, without a test or for True).

        ``condition`` is the conjunction of ``parts`` (the conditions of the pieces combined, each decided
        before): a test with a ``conjunction(condition, parts)`` method decides it from its parts, reusing
        what it learnt about them; otherwise ``empty(condition)`` decides it whole.
        """
        if self.empty is None or condition is True:
            return False
        incremental = getattr(self.empty, "conjunction", None)
        if incremental is not None and len(parts) > 1:
            verdict = incremental(condition, parts)
        else:
            verdict = self.empty(condition)
        if not verdict:
            return False
        self.dropped += 1
        return True

    def number(self, value: Any) -> Any:
        """A probability or payoff from a stage solver, in the tree's kind."""
        if self.kind == "float":
            return to_float(value)
        if self.kind == "exact":
            if type(value) is Fraction:  # immutable: the same number
                return value
            if isinstance(value, (int, Fraction)):
                return Fraction(value)
            return convert(value, "exact")
        return _clean(convert(value, "symbolic"))

    # -------------------------------------------------------------- structure
    def stage(self, x: int) -> tuple[list[int], list[int]]:
        """Decision/chance nodes of the stage rooted at ``x`` (preorder) and the subgame roots below it."""
        return stage_nodes(self.tree, x, self.roots)

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
        if self.dropped:
            self.note(f"{self.dropped} combinations of subgame solutions whose conditions are empty on the "
                      "parameters' domains were dropped while solving")
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
        for condition, flat, value in itertools.islice(_enumerate(pieces), listed):
            behavior = {key: dict(zip(tree._infosets[tree._infoset_index[key]].actions, probs))
                        for key, probs in flat}
            # symbolic trees: the root's value is the payoffs, in the same canonical form (expanded, cancelled)
            # as summing over the paths would give; numeric trees add them up in the result (floats: in its order)
            payoffs = value if self.kind == "symbolic" else None
            equilibria.append(SubgamePerfectEquilibrium(tree, behavior, condition, payoffs))
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
            parts = [group[0].condition for group in combo]
            condition = _and(*parts)
            if condition is False or self.proved_empty(condition, parts):
                continue
            key = tuple(group[0].value for group in combo)
            if key not in cache:
                cache[key] = self.solve_stage(x, inner, dict(zip(roots, key)))
            if any(piece.pending for group in combo for piece in group):
                self.check_pending(x, combo, roots, dict(zip(roots, key)))
            for solution in cache[key]:
                both = _and(condition, solution.condition)
                if both is False or (solution.condition is not True
                                     and self.proved_empty(both, (condition, solution.condition))):
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
        clean = _clean if self.kind == "symbolic" else None  # numbers need no cleaning
        return reach_value(tree, self._zero, stage_reach(tree, self.roots, x, behavior, self._one, clean),
                           continuation, clean)

    def single_decision(self, x: int, continuation: dict[int, tuple[Any, ...]]) -> list[_Piece]:
        """A perfect-information node: every optimal action (symbolic: each with its condition)."""
        tree = self.tree
        node = tree._nodes[x]
        assert isinstance(node, Decision)
        h = tree._node_infoset[x]
        info = tree._infosets[h]
        i = tree.players.index(node.player)
        by_action = {tree._label[c]: self.leaf_value(c, continuation) for c in tree._children[x]}
        own = {a: by_action[a][i] for a in info.actions}

        def pure(action: str) -> tuple[tuple[Hashable, tuple[Any, ...]], ...]:
            return ((info.key, tuple(self._one if a == action else self._zero for a in info.actions)),)

        if self.kind != "symbolic":
            best = max(own.values())
            # the slack is at most the bound (its depth divides it): one action within the bound is the best alone
            near = [a for a in info.actions if own[a] >= best - self._bound[i]]
            optimal = near if len(near) == 1 else [a for a in near if own[a] >= best - self.slack[i]]
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
                # a rational function in lowest terms is zero iff identically zero (simplify only what is not one)
                difference = cancelled_difference(own[a], own[b])  # sympy.cancel(own[a] - own[b]), faster
                if difference != 0 and not difference.is_rational_function():
                    difference = sympy.simplify(difference)
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
        from trigame.solve import equilibria

        tree = self.tree
        infosets = sorted({tree._node_infoset[k] for k in deciders})
        movers = [p for p in tree.players if any(tree._infosets[h].player == p for h in infosets)]
        own = {p: [h for h in infosets if tree._infosets[h].player == p] for p in movers}
        leaves = frozenset(k for k in range(x, tree._end[x])
                           if k != x and (isinstance(tree._nodes[k], Terminal) or k in self.roots)
                           and tree._parent[k] in set(inner))
        where = f"the stage at {'the root' if x == 0 else ' > '.join(tree._paths[x])}"
        behaviour_of: Callable[[Any], dict[int, dict[str, Any]]]
        agents = None
        if (self.kind == "symbolic" and len(infosets) > len(movers) and moves_once_per_path(tree, x, deciders)
                and self.holds_symbol(inner, leaves, continuation)):
            # a player with several information sets, none two on one path: the agent form has the same
            # equilibria and fewer strategies (2x2x2 instead of 2x4 for a two-type Bayesian stage); a stage
            # whose payoffs hold no symbol is solved exactly in strategic form, as before
            agents = agent_form_stage(tree, x, infosets, leaves, lambda k: self.leaf_value(k, continuation),
                                      self._zero)
        if agents is not None and agents.is_symbolic:
            game = agents
            where = f"{where} (in agent form, one player per information set)"

            def behaviour_of(eq: Any) -> dict[int, dict[str, Any]]:
                return {h: dict(zip(tree._infosets[h].actions, (self.number(v) for v in eq.strategies[m].tolist())))
                        for m, h in enumerate(infosets)}
        else:
            game, behaviour_of = self.strategic_form(x, leaves, movers, own, continuation)
        try:
            found = equilibria(game) if self.memo is None else self.memo.equilibria(game)
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
        if self.memo is not None and self.kind == "exact":  # each solution's reach of the leaves, kept
            chances = tuple(tree._probabilities[k] for k in inner if k in tree._probabilities)
            solved = self.memo.solutions(tree, (x, id(game), chances), lambda: [
                (condition, flat, integer_reach(stage_reach(tree, self.roots, x, behavior, self._one)))
                for condition, behavior, flat in self.stage_solutions(infosets, found, behaviour_of)])
            pieces = [_Piece(condition, exact_reach_value(tree, reach, continuation), flat)
                      for condition, flat, reach in solved]
        else:
            pieces = [_Piece(condition, self.stage_value(x, behavior, continuation), flat)
                      for condition, behavior, flat in self.stage_solutions(infosets, found, behaviour_of)]
        if found.degenerate and len(pieces) > 1 and self.kind != "symbolic":  # symbolic: continua on boundaries
            self.check_tie(x, [p.value for p in pieces], f"{where} has a continuum of Nash equilibria")
        return pieces

    def stage_solutions(self, infosets: list[int], found: Any, behaviour_of: Callable[[Any], dict[int, dict[str, Any]]]
                        ) -> list[tuple[Any, dict[int, dict[str, Any]], tuple[tuple[Hashable, tuple[Any, ...]], ...]]]:
        """The distinct behaviours of a stage's equilibria ``found`` (condition, behaviour, behaviour flat)."""
        tree = self.tree
        out = []
        seen: list[tuple[tuple[Hashable, tuple[Any, ...]], ...]] = []
        for eq in found:
            behavior = behaviour_of(eq)
            flat = tuple((tree._infosets[h].key, tuple(behavior[h][a] for a in tree._infosets[h].actions))
                         for h in infosets)
            if any(self.same(flat, other) for other in seen):
                continue
            seen.append(flat)
            condition = True if eq.condition is True else _simplify(eq.condition)
            if condition is False:
                continue
            out.append((condition, behavior, flat))
        return out

    def holds_symbol(self, inner: list[int], leaves: frozenset[int], continuation: dict[int, tuple[Any, ...]]
                     ) -> bool:
        """Whether a payoff at the stage's leaves or a chance probability in it may hold a symbol.

        When none does, every payoff of the stage's strategic or agent form is a sum of products of
        numbers, so the stage is numeric (the converse need not hold: ``q * 0`` is a number).
        """
        probabilities = self.tree._probabilities
        values = itertools.chain((v for k in leaves for v in self.leaf_value(k, continuation)),
                                 (p for k in inner if k in probabilities for p in probabilities[k]))
        return any(is_sympy(v) and not (v.is_Rational or v.is_Float) for v in values)

    def strategic_form(self, x: int, leaves: frozenset[int], movers: list[str], own: dict[str, list[int]],
                       continuation: dict[int, tuple[Any, ...]]
                       ) -> tuple[NormalFormGame, Callable[[Any], dict[int, dict[str, Any]]]]:
        """The stage's strategic form, and the behaviour (Kuhn 1953) of each of its mixed equilibria.

        Float payoffs computed through chance weights or from the subgames below are read as the
        simplest rationals within the float check's tolerance (:mod:`~trigame.solve.subgame_perfect._ties`).
        """
        tree = self.tree
        strategies = {p: list(itertools.product(*(tree._infosets[h].actions for h in own[p]))) for p in movers}
        shape = tuple(len(strategies[p]) for p in movers)
        # each mover's payoffs as a flat row, cell (n_1, ..., n_k) at sum(n_m * stride_m); a leaf adds its
        # weighted payoff to every cell of the strategies that lead to it, leaf by leaf (the same sums)
        strides = [math.prod(shape[m + 1:]) for m in range(len(movers))]
        index = {p: [(s, n * stride) for n, s in enumerate(strategies[p])] for p, stride in zip(movers, strides)}
        own_slots = {p: list(enumerate(own[p])) for p in movers}
        payers = [tree.players.index(p) for p in movers]
        reached = []  # (leaf payoffs, chance weight, the flat cells of the strategies leading there)
        paths = list(terminal_paths(tree, x, leaves))
        for k, weight, required in paths:
            fixed = dict(required)
            cells = [[offset for s, offset in index[p]
                      if all(s[j] == fixed[h] for j, h in own_slots[p] if h in fixed)] for p in movers]
            offsets = [sum(cell) for cell in itertools.product(*cells)]
            reached.append((self.leaf_value(k, continuation), weight, offsets))
        if self.kind == "exact":
            sums, common = exact_sums(reached, payers, math.prod(shape))
            if self.memo is not None:  # the same stage game seen at an earlier point: its game and equilibria
                g = math.gcd(common, *(v for row in sums for v in row))  # the least common denominator: canonical
                key = (tuple((p, tuple(strategies[p])) for p in movers), common // g,
                       tuple(tuple(v // g for v in row) for row in sums))
                game = self.memo.game(key, lambda: stage_game(
                    [[Fraction(v, common) for v in row] for row in sums], movers, strategies, shape, None))
                return game, self.behaviour(x, movers, own, strategies)
            rows = [[Fraction(v, common) for v in row] for row in sums]
        else:
            rows = [[self._zero] * math.prod(shape) for _ in movers]
            for values, weight, offsets in reached:
                for row, i in zip(rows, payers):
                    term = weight * values[i]
                    for at in offsets:
                        row[at] = row[at] + term
        kind: Literal["float"] | None = "float" if self.kind == "float" else None
        if self.kind == "float" and self.tol > 0 and any(w != 1 or k in continuation for k, w, _ in paths):
            # payoffs computed through chance weights or from subgames below: rounding must not break ties
            snapped = snap(rows, self.tol)
            if snapped is not None:
                rows, kind = snapped, None
        return stage_game(rows, movers, strategies, shape, kind), self.behaviour(x, movers, own, strategies)

    def behaviour(self, x: int, movers: list[str], own: dict[str, list[int]],
                  strategies: dict[str, list[tuple[str, ...]]]) -> Callable[[Any], dict[int, dict[str, Any]]]:
        """The behaviour (Kuhn 1953) of a mixed equilibrium of the stage's strategic form."""

        def behaviour_of(eq: Any) -> dict[int, dict[str, Any]]:
            behavior: dict[int, dict[str, Any]] = {}
            for m, p in enumerate(movers):
                sigma = [self.number(v) for v in eq.strategies[m].tolist()]
                if self.kind != "symbolic" and all(w == 0 or w == 1 for w in sigma):
                    behavior.update(self.pure_behaviour(own[p], strategies[p][sigma.index(1)]))
                    continue
                for j, h in enumerate(own[p]):
                    behavior[h] = self.kuhn(x, p, own[p], j, strategies[p], sigma)
            return behavior

        return behaviour_of

    def pure_behaviour(self, infosets: list[int], plan: tuple[str, ...]) -> dict[int, dict[str, Any]]:
        """The behaviour of the pure strategy ``plan`` (an action per set of ``infosets``): what :meth:`kuhn` gives.

        Each set is reached by the plan's own earlier moves or not at all; either way the action the plan
        takes there has weight one among the weights :meth:`kuhn` divides.
        """
        tree = self.tree
        return {h: {a: self._one if a == action else self._zero for a in tree._infosets[h].actions}
                for h, action in zip(infosets, plan)}

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

        def weights_of(counted: Sequence[bool]) -> dict[str, Any]:
            # each action's weight: the counted strategies choosing it, summed in their order
            weights = dict.fromkeys(info.actions, self._zero)
            for s, w, counts in zip(strategies, sigma, counted):
                if counts:
                    weights[s[j]] = weights[s[j]] + w
            return weights

        weights = weights_of(reach)
        total = _clean(sum(weights.values(), self._zero))
        if (self.kind == "float" and total < 1e-12) or (self.kind != "float" and _is_zero(total)):
            weights = weights_of([True] * len(strategies))
            total = _clean(sum(weights.values(), self._zero))
        return {a: _clean(w / total) for a, w in weights.items()}

    def same(self, a: tuple[tuple[Hashable, tuple[Any, ...]], ...],
             b: tuple[tuple[Hashable, tuple[Any, ...]], ...]) -> bool:
        if self.kind != "float":
            return a == b
        return all(abs(p - q) <= DEDUP_TOL for (_, u), (_, v) in zip(a, b) for p, q in zip(u, v))
