"""All Nash equilibria of small N-player games: support enumeration + polynomial systems.

Every Nash equilibrium has a *support profile* ``(S_1, ..., S_n)``, the
strategies each player uses with positive probability.  Given the supports,
the equilibrium conditions are

1. indifference: ``u_i(s, sigma_-i)`` is the same for every ``s`` in ``S_i``
   (a polynomial system, multilinear in the players' probabilities);
2. ``sigma_i >= 0`` on ``S_i`` and ``sum sigma_i = 1``;
3. no profitable deviation: ``u_i(t, sigma_-i) <= u_i(s, sigma_-i)`` for ``t``
   outside ``S_i``.

The solver enumerates support profiles (McKelvey & McLennan 1996, sec. 6;
Porter, Nudelman & Shoham 2008) and settles each one exactly:

* strategies strictly dominated by a pure or mixed strategy are removed first
  (iteratively); a support profile is skipped when one of its strategies is
  conditionally dominated by another pure strategy given the others' supports
  (Porter et al.), and -- before the exact Gröbner route, the costly one -- by
  a mixed strategy;
* when at most two players mix, the indifference conditions are *linear* in
  each mixer's probabilities (the other mixer's conditions fix them), and the
  set of equilibria with that support is a polytope whose vertices are found
  in rational arithmetic -- degenerate games with whole segments or faces of
  equilibria are reported by their vertices, with ``degenerate=True``;
* two or three mixers with two support strategies each are settled in closed
  form (one quadratic for three; :mod:`trigame.solve.nash._poly_binary`),
  checked exactly in integers, unless the system is degenerate;
* otherwise the square polynomial system's roots are isolated by subdivision
  with the Krawczyk test (:mod:`trigame.solve.nash._poly_box`, compiled for
  small systems when Numba is installed; the systems of every support profile
  of one total size are searched together, and a box where a no-deviation
  condition fails throughout is dropped), and where that gives up (singular
  roots, continua) solved with a Gröbner basis over
  QQ and exact back-substitution (:mod:`trigame.solve.nash._poly_system`):
  rational equilibria come out as Fractions, irrational ones as 60-digit
  approximations returned as verified floats with ``Equilibrium.exact=False``;
  a positive-dimensional solution set is sliced at rational points and, when a
  sliced point is an equilibrium, reported with ``degenerate=True``.

Float games are solved through the rationals their shortest decimal
representations denote, and every equilibrium is verified on the float game.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._progress import Progress
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.solve.nash._common import build_set, integer_payoffs
from trigame.solve.nash._poly_binary import settle_pair, settle_three
from trigame.solve.nash._poly_box import refine
from trigame.solve.nash._poly_dominance import PureBits, all_pure_flags, pure_bits, pure_flags
from trigame.solve.nash._poly_linear import affine_solutions, polytope_vertices
from trigame.solve.nash._poly_prune import dominated, iterated_elimination, restricted_table
from trigame.solve.nash._poly_singular import box_roots_settled
from trigame.solve.nash._poly_system import (
    DIGITS,
    SystemSolution,
    deviation_system,
    indifference_system,
    relabel_by_size,
    solve_system,
)
from trigame.verify import is_nash, validate_tol

__all__ = ["solve", "support_profiles"]

Vector = list[Fraction]


def _rational_game(game: NormalFormGame) -> NormalFormGame:
    """The exact game whose payoffs are the rationals written by the float payoffs' shortest repr."""
    if game.kind == "exact":
        return game
    array = np.empty(game.payoffs.shape, dtype=object)
    for index, value in np.ndenumerate(game.payoffs):
        array[index] = Fraction(repr(float(value)))
    return NormalFormGame(array, game.players, game.strategies, title=game.title, kind="exact")


def support_profiles(alive: Sequence[Sequence[int]]) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Every profile of nonempty supports drawn from ``alive``, smallest total size first.

    The profiles are generated lazily, each exactly once: for each total size,
    player 1's support size and support (in increasing size, then
    lexicographically), then the next player's among the sizes that can still
    make up the total.  So the first ``k`` profiles cost ``O(k)`` however many
    there are (a 10x10x10 game has ``(2^10 - 1)^3`` of them).  Within a total
    size the order is that of ``itertools.product`` over each player's supports
    listed by size.

    Examples
    --------
    >>> [sum(map(len, p)) for p in support_profiles([[0, 1], [0, 1]])]
    [2, 2, 2, 2, 3, 3, 3, 3, 4]
    >>> next(iter(support_profiles([range(10)] * 3)))
    ((0,), (0,), (0,))
    """
    pools = [tuple(a) for a in alive]
    n = len(pools)
    # least and most total size the players after player i can still contribute
    rest_max = [sum(len(p) for p in pools[i + 1:]) for i in range(n)]

    def extend(i: int, remaining: int) -> Iterator[tuple[tuple[int, ...], ...]]:
        if i == n:
            if remaining == 0:
                yield ()
            return
        least = n - i - 1
        for size in range(max(1, remaining - rest_max[i]), min(len(pools[i]), remaining - least) + 1):
            for support in itertools.combinations(pools[i], size):
                for tail in extend(i + 1, remaining - size):
                    yield (support, *tail)

    if any(not p for p in pools):
        return
    for total in range(n, sum(len(p) for p in pools) + 1):
        yield from extend(0, total)


class _Search:
    """The state of one run: the game, its integer payoffs and what has been found."""

    #: Settle profiles of two or three binary mixers in closed form (:mod:`~trigame.solve.nash._poly_binary`).
    closed_form = True

    def __init__(self, game: NormalFormGame, use_lp: bool, max_groebner_steps: int | None = None) -> None:
        self.game = game
        self.exact_game = _rational_game(game)
        self.payoffs = integer_payoffs(self.exact_game)
        self.n = game.n_players
        self.use_lp = use_lp
        self.alive = iterated_elimination(self.payoffs, use_lp=use_lp)
        self.candidates: list[list[Any]] = []
        self.inexact: list[int] = []
        self.degenerate = False
        self.complete = True
        self.notes: list[str] = []
        self._lp_cache: dict[tuple[Any, ...], bool] = {}
        self._pure_cache: dict[tuple[Any, ...], dict[int, bool]] = {}
        self._pure_bits: dict[int, PureBits | None] = {}  # None: every flag of the player is in _pure_cache
        #: indifference and deviation polynomials shared between support profiles
        self._poly_cache: dict[Any, Any] = {}
        #: support profiles examined so far
        self.examined = 0
        self.groebner = WorkBudget(max_groebner_steps, what="the exact (Gröbner basis) route",
                                   unit="monomial comparisons", option="max_groebner_steps")
        self.skipped: list[str] = []  # profiles left unsolved: the Gröbner budget was already spent

    # ------------------------------------------------------------------ helpers
    def label(self, support: Sequence[Sequence[int]]) -> str:
        return "(" + "; ".join(
            ",".join(self.game.strategies[i][k] for k in s) for i, s in enumerate(support)
        ) + ")"

    def embed(self, support: Sequence[Sequence[int]], vectors: Sequence[Sequence[Any]]) -> list[list[Any]]:
        full = []
        for i, (s, v) in enumerate(zip(support, vectors)):
            row: list[Any] = [0 * v[0]] * self.game.shape[i]
            for k, p in zip(s, v):
                row[k] = p
            full.append(row)
        return full

    def add_exact(self, support: Sequence[Sequence[int]], vectors: Sequence[Vector]) -> bool:
        """Record an exact candidate if it is an equilibrium of the rational game."""
        if any(p < 0 for v in vectors for p in v):
            return False
        if not is_nash(self.exact_game, self.embed(support, vectors)):
            return False
        self.add_checked(support, vectors)
        return True

    def add_checked(self, support: Sequence[Sequence[int]], vectors: Sequence[Vector]) -> None:
        """Record an exact candidate already known to be an equilibrium (:func:`build_set` checks it again)."""
        profile = self.embed(support, vectors)
        float_game = self.game.kind == "float"
        self.candidates.append([np.array([float(p) for p in row]) for row in profile] if float_game else profile)

    def add_numeric(self, support: Sequence[Sequence[int]], vectors: Sequence[Sequence[Any]]) -> bool:
        """Record a high-precision candidate if its regrets vanish to working precision."""
        import mpmath

        with mpmath.workdps(DIGITS):
            if any(p < -mpmath.mpf(10) ** (-30) for v in vectors for p in v):
                return False
            high = [[mpmath.mpf(p.numerator) / p.denominator if isinstance(p, Fraction) else p for p in v]
                    for v in vectors]
            profile = self.embed(support, high)
            scale = max(1, max(abs(int(v)) for v in self.payoffs.flat))
            for i in range(self.n):
                table = np.asarray(self.payoffs[i], dtype=object)
                for j in reversed(range(self.n)):
                    if j != i:
                        table = np.tensordot(table, np.array(profile[j], dtype=object), axes=([j], [0]))
                values = list(table)
                current = sum(a * b for a, b in zip(values, profile[i]))
                if max(values) - current > mpmath.mpf(10) ** (-25) * scale:
                    return False
        floats = []
        for row in profile:
            vector = np.array([max(float(p), 0.0) for p in row])
            floats.append(vector / vector.sum())
        self.inexact.append(len(self.candidates))
        self.candidates.append(floats)
        return True

    # ------------------------------------------------------------------ pruning
    def conditionally_dominated(self, support: Sequence[Sequence[int]], use_lp: bool) -> bool:
        """Porter et al.'s test: some strategy of some S_i is dominated given the others' supports."""
        if not use_lp:
            return self._pure_conditionally_dominated(support)
        for i in range(self.n):
            if use_lp and len(self.alive[i]) < 3:
                continue  # a mixture of one other strategy is a pure strategy: already tested
            others = tuple(tuple(s) if j != i else () for j, s in enumerate(support))
            table = None
            for s in support[i]:
                key = (i, s, others, use_lp)
                if key not in self._lp_cache:
                    if table is None:
                        table = restricted_table(self.payoffs[i], i, self.alive[i], support)
                    self._lp_cache[key] = dominated(table, self.alive[i].index(s), strict=False, use_lp=use_lp)
                if self._lp_cache[key]:
                    return True
        return False

    def _pure_conditionally_dominated(self, support: Sequence[Sequence[int]]) -> bool:
        """Porter et al.'s test by pure strategies, for every strategy of a player at once (cached).

        A player's flags for every profile of the others' supports are computed together when there
        are few (:func:`all_pure_flags`), else one profile at a time (:func:`pure_flags`).
        """
        profile = tuple(tuple(s) for s in support)
        for i in range(self.n):
            others = (*profile[:i], (), *profile[i + 1:])
            flags = self._pure_cache.get((i, others))
            if flags is None:
                if i not in self._pure_bits:
                    every = all_pure_flags(self.payoffs[i], i, self.alive)
                    if every is not None:
                        self._pure_cache.update(((i, key), value) for key, value in every.items())
                    self._pure_bits[i] = pure_bits(self.payoffs[i], i, self.alive) if every is None else None
                    flags = self._pure_cache.get((i, others))
                if flags is None:
                    bits = self._pure_bits[i] or pure_bits(self.payoffs[i], i, self.alive)
                    self._pure_bits[i] = bits
                    flags = pure_flags(bits, self.alive[i], others)
                    self._pure_cache[(i, others)] = flags
            if any(flags[s] for s in profile[i]):
                return True
        return False

    # ------------------------------------------------------------------ linear cases
    def coefficient_table(self, player: int, free: int, support: Sequence[Sequence[int]],
                          fixed: dict[int, Vector]) -> np.ndarray:
        """``player``'s payoffs as a matrix (rows: alive strategies, columns: ``free``'s support) given ``fixed``."""
        index = [list(support[j]) for j in range(self.n)]
        index[player] = list(self.alive[player])
        table = self.payoffs[player][np.ix_(*index)]
        for j in reversed(range(self.n)):  # pure players first, in integers (axes after j are gone)
            if j not in (player, free) and len(support[j]) == 1:
                table = table.take(0, axis=j)
        table = table.astype(object)
        for j in reversed(range(self.n)):
            if j not in (player, free) and len(support[j]) > 1:
                axis = j - sum(1 for k in range(j) if k not in (player, free) and len(support[k]) == 1)
                table = np.tensordot(table, np.array(fixed[j], dtype=object), axes=([axis], [0]))
        return table if player < free else table.T

    def linear_polytope(self, free: int, support: Sequence[Sequence[int]],
                        fixed: dict[int, Vector]) -> list[Vector] | None:
        """Vertices of the set of ``sigma_free`` on its support satisfying every condition that is linear in it.

        Players other than ``free`` must be pure or in ``fixed``, except at most
        one mixed player ``k`` not in ``fixed``; conditions that depend on both
        ``sigma_free`` and ``sigma_k`` are left out (the caller checks them).
        Returns None when ``free``'s own conditions fail.
        """
        size = len(support[free])
        unknown = [j for j in range(self.n) if j != free and len(support[j]) > 1 and j not in fixed]
        eq_rows: list[Vector] = [[Fraction(1)] * size]
        eq_rhs: Vector = [Fraction(1)]
        ineq_rows: list[Vector] = [[Fraction(-int(k == c)) for k in range(size)] for c in range(size)]
        ineq_rhs: Vector = [Fraction(0)] * size
        for i in range(self.n):
            if i == free or any(j != i for j in unknown):
                continue
            table = self.coefficient_table(i, free, support, fixed)
            base = table[self.alive[i].index(support[i][0])]
            for row, t in zip(table, self.alive[i]):
                difference = [Fraction(a - b) for a, b in zip(row, base)]
                if t == support[i][0]:
                    continue
                if t in support[i]:
                    eq_rows.append(difference)
                    eq_rhs.append(Fraction(0))
                else:
                    ineq_rows.append(difference)
                    ineq_rhs.append(Fraction(0))
        if not unknown:
            # free's own conditions do not involve sigma_free: check them once
            own = self.coefficient_table(free, free, support, fixed)  # shape (alive, 1)
            values = [Fraction(v) for v in own.reshape(-1)]
            first = values[self.alive[free].index(support[free][0])]
            if any(values[self.alive[free].index(s)] != first for s in support[free]) or max(values) > first:
                return None
        return polytope_vertices(eq_rows, eq_rhs, ineq_rows, ineq_rhs, size)

    def solve_linear(self, support: tuple[tuple[int, ...], ...], mixed: list[int]) -> None:
        """Support profiles where at most two players mix."""
        if not mixed:
            profile = [s[0] for s in support]
            for i in range(self.n):  # each strategy a best reply, in integers
                index: list[Any] = list(profile)
                index[i] = slice(None)
                if self.payoffs[i][tuple(index)].max() > self.payoffs[i][tuple(profile)]:
                    return
            self.add_checked(support, [[Fraction(1)] for _ in support])
            return
        if len(mixed) == 1:
            vertices = self.linear_polytope(mixed[0], support, {})
            self._record_polytope(support, mixed[0], {}, vertices)
            return
        if self.closed_form and settle_pair(self, support, mixed):
            return
        j, k = mixed
        # sigma_j is pinned down by k's indifference, sigma_k by j's (the others are pure)
        sol_j = self._indifference_solution(k, j, support)
        if sol_j is None:
            return
        sol_k = self._indifference_solution(j, k, support)
        if sol_k is None:
            return
        if not sol_j[1] or not sol_k[1]:
            if sol_j[1]:  # sigma_k is unique: let sigma_j range over its polytope
                j, k, sol_j, sol_k = k, j, sol_k, sol_j
            if any(p < 0 for p in sol_j[0]):
                return
            vertices = self.linear_polytope(k, support, {j: sol_j[0]})
            self._record_polytope(support, k, {j: sol_j[0]}, vertices)
            return
        # both mixtures range over polytopes; conditions of the pure players couple them (bilinear)
        vertices_j = self.linear_polytope(j, support, {}) or []
        vertices_k = self.linear_polytope(k, support, {}) or []
        if not vertices_j or not vertices_k:
            return
        passed = failed = 0
        for vj in vertices_j:
            for vk in vertices_k:
                vectors = [[Fraction(1)] if i not in (j, k) else (vj if i == j else vk) for i in range(self.n)]
                if self.add_exact(support, vectors):
                    passed += 1
                else:
                    failed += 1
        if passed > 1 or (passed and failed):
            self.degenerate = self.degenerate or passed > 1
            if failed:
                self.complete = False
                self.notes.append(
                    f"support profile {self.label(support)}: a set of equilibria bounded by bilinear "
                    "conditions is represented by its feasible vertex pairs only"
                )
            else:
                self.notes.append(f"support profile {self.label(support)}: a continuum of equilibria "
                                  f"(a product of polytopes), reported by its {passed} extreme points")
        elif not passed and len(self.game.shape) > 2 and len(vertices_j) * len(vertices_k) > 1:
            self.complete = False
            self.notes.append(f"support profile {self.label(support)}: undecided (bilinear conditions on a "
                              "product of polytopes with no feasible vertex)")

    def _indifference_solution(self, player: int, other: int,
                               support: Sequence[Sequence[int]]) -> tuple[Vector, list[Vector]] | None:
        """Affine set of ``sigma_other`` making ``player`` indifferent over its support (others pure).

        None when there is none, and also -- at once, in integers -- when one of the differences has
        one strict sign across ``other``'s support: then no probability vector makes it vanish, and
        the caller, which needs one, has nothing to find.
        """
        index = [list(s) for s in support]
        table = np.asarray(self.payoffs[player][np.ix_(*index)], dtype=object)
        table = np.moveaxis(table, (player, other), (0, 1)).reshape(len(support[player]), len(support[other]))
        differences = table[1:] - table[0]
        if np.any(np.all(differences > 0, axis=1) | np.all(differences < 0, axis=1)):
            return None
        rows = [[Fraction(int(v)) for v in row] for row in differences]
        size = len(support[other])
        return affine_solutions([*rows, [Fraction(1)] * size], [Fraction(0)] * len(rows) + [Fraction(1)], size)

    def _record_polytope(self, support: tuple[tuple[int, ...], ...], free: int, fixed: dict[int, Vector],
                         vertices: list[Vector] | None) -> None:
        if not vertices:
            return
        found = 0
        for vertex in vertices:
            vectors = [fixed.get(i, vertex if i == free else [Fraction(1)]) for i in range(self.n)]
            found += self.add_exact(support, vectors)
        if found > 1:
            self.degenerate = True
            self.notes.append(f"support profile {self.label(support)}: a continuum of equilibria (a polytope "
                              f"of {self.game.players[free]}'s mixtures), reported by its {found} vertices")
        elif found < len(vertices) and len(vertices) > 1:  # pragma: no cover - vertices satisfy every condition
            self.complete = False

    # ------------------------------------------------------------------ polynomial case
    def solve_polynomials(self, supports: Sequence[tuple[tuple[int, ...], ...]]) -> None:
        """Support profiles where three or more players mix: solve their indifference systems.

        Profiles whose mixers have the same support sizes have systems over the same unknowns,
        grouped the same way by player once the mixers are listed by support size (which players
        are pure, and in which order the mixers come, changes nothing in the search); their box
        searches run together (:func:`box_roots_settled`).  A profile the box search cannot settle
        (a singular root or a continuum) is first tested for conditional
        dominance by a mixed strategy and then solved exactly by a Gröbner basis.
        """
        groups: dict[tuple[tuple[int, ...], ...], list[tuple[tuple[tuple[int, ...], ...], Any]]] = {}
        exact: list[tuple[tuple[int, ...], ...]] = []
        layouts = {}
        for support in supports:
            if self.closed_form and settle_three(self, support):
                continue
            polys, layout = indifference_system(self.payoffs, support, self._poly_cache)
            layouts[support] = (polys, layout)
            if all(polys):
                deviations = deviation_system(self.payoffs, support, self.alive, self._poly_cache)
                variables, relabelled, inequalities, back = relabel_by_size(layout, polys, deviations)
                groups.setdefault(variables, []).append((support, (relabelled, inequalities, back)))
            else:
                exact.append(support)
        for variables, members in groups.items():
            n_vars = sum(len(v) for v in variables)
            found = box_roots_settled([system[0] for _, system in members], n_vars, variables,
                                      [system[1] for _, system in members])
            for (support, (_, _, back)), roots in zip(members, found):
                if roots is None:
                    exact.append(support)
                else:
                    polys, layout = layouts[support]
                    points = [refine(polys, root if back is None else root[back]) for root in roots]
                    self._record_solution(support, layout, SystemSolution(points=points))
        for support in exact:
            if self.use_lp and self.conditionally_dominated(support, use_lp=True):
                continue
            if self.groebner.exhausted:
                self.skipped.append(self.label(support))
                continue
            polys, layout = layouts[support]
            try:
                solution = solve_system(polys, layout.n_vars, budget=self.groebner)
            except BudgetExceededError as error:
                self.complete = False
                self.notes.append(f"support profile {self.label(support)}: not solved ({error})")
                continue
            self._record_solution(support, layout, solution)

    def _record_solution(self, support: tuple[tuple[int, ...], ...], layout: Any, solution: SystemSolution) -> None:
        interior = 0
        for point in solution.points:
            vectors = layout.mixed_strategies(point)
            exact = all(isinstance(p, Fraction) for v in vectors for p in v)
            ok = self.add_exact(support, vectors) if exact else self.add_numeric(support, vectors)
            if ok and all(p > 0 for v in vectors for p in v):
                interior += 1
        if solution.positive_dimensional:
            if interior:
                self.degenerate = True
                self.notes.append(f"support profile {self.label(support)}: a continuum of equilibria "
                                  f"(positive-dimensional solution set), represented by {interior} sample points")
            else:
                self.complete = False
                self.notes.append(f"support profile {self.label(support)}: undecided (positive-dimensional "
                                  "solution set, no equilibrium found on its sample slices)")
        elif solution.undecided:  # pragma: no cover - only positive-dimensional sets are undecided
            self.complete = False

    # ------------------------------------------------------------------ driver
    def run(self, max_support_profiles: int | None, progress: bool | None = None) -> None:
        budget = WorkBudget(max_support_profiles, what="support enumeration", unit="support profiles",
                            option="max_support_profiles")
        total = math.prod(2 ** len(a) - 1 for a in self.alive)
        if max_support_profiles is not None:
            total = min(total, max_support_profiles)
        #: profiles of the current total size that need a polynomial solve, solved together
        pending: list[tuple[tuple[int, ...], ...]] = []
        size = 0
        with Progress(total, "support profiles", enabled=progress) as bar:
            for support in support_profiles(self.alive):
                if sum(map(len, support)) != size:
                    self.solve_polynomials(pending)
                    pending = []
                    size = sum(map(len, support))
                try:
                    budget.spend()
                except BudgetExceededError:
                    self.solve_polynomials(pending)
                    self.complete = False
                    self.notes.append(f"stopped after {budget.limit} support profiles (max_support_profiles); "
                                      "larger supports were not searched")
                    return
                self.examined += 1
                bar.update(1)
                if self.conditionally_dominated(support, use_lp=False):
                    continue
                mixed = [i for i, s in enumerate(support) if len(s) > 1]
                if len(mixed) <= 2:
                    self.solve_linear(support, mixed)
                else:
                    pending.append(support)
            self.solve_polynomials(pending)


#: Default budget of support profiles examined by :func:`solve` (a 5x5x5 game has 29,791).
DEFAULT_MAX_SUPPORT_PROFILES = 100_000
#: Default budget of the Gröbner route, in monomial comparisons (about a minute of SymPy's work).
DEFAULT_MAX_GROEBNER_STEPS = 50_000_000


def solve(game: NormalFormGame, tol: float = 1e-9,
          max_support_profiles: int | None = DEFAULT_MAX_SUPPORT_PROFILES,
          use_lp: bool = True, *, progress: bool | None = None,
          max_groebner_steps: int | None = DEFAULT_MAX_GROEBNER_STEPS) -> EquilibriumSet:
    """All Nash equilibria of a small N-player game (``equilibria(game, method="polynomial")``).

    Parameters
    ----------
    game : NormalFormGame
        An exact or float game with any number of players.
    tol : float, default 1e-9
        Verification tolerance in ``[0, 1e-3]`` (relative to each player's payoff range) for float games
        and for equilibria with irrational probabilities.
    max_support_profiles : int or None, default 100_000
        The work budget: stop after examining this many support profiles
        (``complete=False`` with a note); ``None`` sets no limit.  Profiles are
        examined in order of total support size, so the equilibria with small
        supports (pure ones first) are found first.  A game whose strategies
        survive the dominance tests has ``prod_i (2^m_i - 1)`` profiles (343
        for 3x3x3, 29,791 for 5x5x5, about 10^9 for 10x10x10).
    use_lp : bool, default True
        Also prune by dominance by mixed strategies (certified LPs).
    progress : bool or None, default None
        Draw a progress bar of the support profiles on standard error (None:
        when it is a terminal).
    max_groebner_steps : int or None, default 50_000_000
        The work budget of the exact route (support profiles the box search cannot settle:
        singular roots, continua), in monomial comparisons of the Gröbner bases, shared by
        all profiles (``None``: no limit).  Once spent, the remaining such profiles are left
        out (named in one note) and ``complete=False``.  A degenerate 2^5 game spends a few
        million to 20 million; one with more unknowns can need far more.

    Returns
    -------
    EquilibriumSet
        Every isolated equilibrium; for continua, representative points with
        ``degenerate=True`` and a note per support profile.

    Examples
    --------
    >>> import trigame as tg
    >>> # three players each paid 1 for matching player 1's choice... and player 1 for mismatching
    >>> g = tg.NormalFormGame.from_arrays(
    ...     [[[0, 1], [1, 1]], [[1, 1], [1, 0]]],
    ...     [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
    ...     [[[1, 0], [0, 0]], [[0, 0], [0, 1]]])
    >>> eqs = tg.equilibria(g, method="polynomial")
    >>> eqs.complete, len(eqs) > 0
    (True, True)
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"the polynomial solver needs a NormalFormGame, got {type(game).__name__}")
    if game.is_symbolic:
        raise UnsupportedGameError("the polynomial solver needs numeric payoffs; substitute values with game.subs(...)")
    tol = validate_tol(tol)
    check_limit(max_support_profiles, "max_support_profiles")
    check_limit(max_groebner_steps, "max_groebner_steps")
    search = _Search(game, use_lp=bool(use_lp), max_groebner_steps=max_groebner_steps)
    search.run(max_support_profiles, progress)
    if search.skipped:
        shown = ", ".join(search.skipped[:10]) + (", ..." if len(search.skipped) > 10 else "")
        search.notes.append(f"{len(search.skipped)} further support profile(s) not solved (the exact route's "
                            f"budget was spent; pass max_groebner_steps=... to allow more): {shown}")
    return build_set(game, search.candidates, method="polynomial", complete=search.complete,
                     degenerate=search.degenerate, notes=search.notes, tol=max(tol, 1e-9), inexact=search.inexact)
