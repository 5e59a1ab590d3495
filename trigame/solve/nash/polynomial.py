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
  checked exactly in integers, unless the system is degenerate; four, where
  the box search would cost more, by elimination to one polynomial in one
  unknown (:mod:`trigame.solve.nash._poly_binary4`);
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

from trigame._progress import Progress
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.solve.nash._common import build_set
from trigame.solve.nash._poly_binary import settle_three
from trigame.solve.nash._poly_binary4 import settle_four
from trigame.solve.nash._poly_box import refine
from trigame.solve.nash._poly_profiles import _SearchBase
from trigame.solve.nash._poly_singular import box_roots_settled
from trigame.solve.nash._poly_system import (
    SystemSolution,
    deviation_system,
    indifference_system,
    relabel_by_size,
    solve_system,
)
from trigame.verify import validate_tol

__all__ = ["solve", "support_profiles"]


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


class _Search(_SearchBase):
    """One run of the polynomial method: :class:`_SearchBase` with the polynomial systems and the driver."""

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
            if self.closed_form and (settle_three(self, support) or settle_four(self, support)):
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
