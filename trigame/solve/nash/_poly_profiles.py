"""The state of one polynomial-method run and the support profiles settled without polynomials.

:class:`_SearchBase` holds what one run of :func:`trigame.solve.nash.polynomial.solve` knows --
the game, its integer payoffs, the strategies that survive iterated dominance, the candidates
found and the notes -- with the steps that need no polynomial system: recording and checking
candidates, Porter et al.'s conditional dominance, and the support profiles where at most two
players mix (exact polytope vertices, or the closed form of two binary mixers,
:mod:`~trigame.solve.nash._poly_binary`).  :class:`trigame.solve.nash.polynomial._Search` adds
the polynomial systems and the driver.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.budget import WorkBudget
from trigame.games.normal_form import NormalFormGame
from trigame.solve.nash._common import integer_payoffs
from trigame.solve.nash._poly_binary import settle_pair
from trigame.solve.nash._poly_dominance import PureBits, all_pure_flags, pure_bits, pure_flags
from trigame.solve.nash._poly_linear import affine_solutions, polytope_vertices
from trigame.solve.nash._poly_prune import dominated, iterated_elimination, restricted_table
from trigame.solve.nash._poly_system import DIGITS
from trigame.verify import is_nash

__all__ = ["_SearchBase"]

Vector = list[Fraction]


def _rational_game(game: NormalFormGame) -> NormalFormGame:
    """The exact game whose payoffs are the rationals written by the float payoffs' shortest repr."""
    if game.kind == "exact":
        return game
    array = np.empty(game.payoffs.shape, dtype=object)
    for index, value in np.ndenumerate(game.payoffs):
        array[index] = Fraction(repr(float(value)))
    return NormalFormGame(array, game.players, game.strategies, title=game.title, kind="exact")


class _SearchBase:
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
        #: per (player, the others' supports): that player's alive strategies dominated by a pure one there
        self._pure_cache: dict[tuple[Any, ...], frozenset[int]] = {}
        self._four_binary_profiles: int | None = None  # support profiles of four binary mixers (_poly_binary4)
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
        are few (:func:`all_pure_flags`), else one profile at a time (:func:`pure_flags`); each is kept
        as the set of the player's dominated strategies, keyed by the player and the others' supports
        (the profile without the player's own), so that a profile costs one lookup per player.
        """
        profile = tuple(map(tuple, support))
        cache = self._pure_cache
        for i in range(self.n):
            key = (i, *profile[:i], *profile[i + 1:])
            beaten = cache.get(key)
            if beaten is None:
                beaten = self._pure_flags(i, profile, key)
            if beaten and not beaten.isdisjoint(profile[i]):
                return True
        return False

    def _pure_flags(self, i: int, profile: tuple[tuple[int, ...], ...], key: tuple[Any, ...]) -> frozenset[int]:
        """Player ``i``'s strategies dominated by a pure one given the others' supports in ``profile`` (cached
        under ``key``, the player and the others' supports)."""
        if i not in self._pure_bits:
            self._pure_bits[i] = None
            every = all_pure_flags(self.payoffs[i], i, self.alive)
            if every is not None:
                self._pure_cache.update(((i, *k[:i], *k[i + 1:]), frozenset(s for s, f in flags.items() if f))
                                        for k, flags in every.items())
                found = self._pure_cache.get(key)
                if found is not None:
                    return found
        bits = self._pure_bits[i] or pure_bits(self.payoffs[i], i, self.alive)
        self._pure_bits[i] = bits
        flags = pure_flags(bits, self.alive[i], (*profile[:i], (), *profile[i + 1:]))
        beaten = self._pure_cache[key] = frozenset(s for s, f in flags.items() if f)
        return beaten

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
