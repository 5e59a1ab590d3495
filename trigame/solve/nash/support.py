"""All extreme Nash equilibria of a 2-player game by vertex enumeration.

Following von Stengel (2002), "Computing equilibria for two-person games",
Handbook of Game Theory vol. 3, ch. 45, section 3.  Let ``A`` (``m x n``) and
``B`` be the payoffs of the row and column player, both made positive by adding
a constant (this does not change the equilibria).  The best-response polytopes

    P = {x in R^m : x >= 0, B^T x <= 1},      Q = {y in R^n : y >= 0, A y <= 1}

carry ``m + n`` labels: a point ``x`` of ``P`` has label ``i`` when ``x_i = 0``
and label ``m + j`` when column ``j`` is a best response (``(B^T x)_j = 1``); a
point ``y`` of ``Q`` has label ``m + j`` when ``y_j = 0`` and label ``i`` when row
``i`` is a best response (``(A y)_i = 1``).  A pair ``(x, y) != (0, 0)`` whose
labels cover all ``m + n`` labels is, after scaling ``x`` and ``y`` to sum 1, a
Nash equilibrium (von Stengel 2002, Theorem 3.1), and the *extreme* equilibria
are exactly the completely labelled pairs of vertices.

The vertices of ``P`` and ``Q`` come from :mod:`trigame.solve.nash._reverse_search`:
lexicographic reverse search (Avis's lrs, the method of ``lrsnash``), which visits
every vertex, degenerate ones included, with the memory of one dictionary; only
the label set and basis of each vertex are kept.  Labels are read off each
vertex, and pairs are matched by hashing: a nondegenerate vertex of ``P`` can only
pair with the nondegenerate vertex of ``Q`` that has the complementary label set,
and pairs with a degenerate vertex are compared directly (a pair is completely
labelled when no label is missing from both).  This is the set Gambit's exact
``enummixed`` and ``lrsnash`` compute.  When ``P`` needs more than
:data:`~trigame.solve.nash._face_pairs.ONE_POLYTOPE_BASES` bases, ``Q`` is not
enumerated: each vertex of ``P`` finds its partners on its complementary face of
``Q`` (lrsnash's method, :mod:`trigame.solve.nash._face_pairs`), the same set.

Flags of the result:

* ``degenerate`` -- the game has infinitely many equilibria.  This happens iff
  some vertex ``x`` (or ``y``) occurs in two extreme equilibria: then the segment
  between them consists of equilibria, and otherwise every extreme equilibrium
  is isolated (Avis et al. 2010, section 2).
* ``game_degenerate`` -- some vertex of ``P`` has more than ``m`` labels or some
  vertex of ``Q`` more than ``n``: a mixed strategy with ``k`` strategies in its
  support has more than ``k`` pure best responses (von Stengel 2002, Def. 3.2 and
  Theorem 3.6).  When ``Q`` is not enumerated it is True if a degenerate vertex
  was seen and otherwise None (not decided), with a note.

Arithmetic.  Each player's payoffs are first mapped by an exact positive affine
map onto small nonnegative integers (:func:`~trigame.solve.nash._common.reduced_integer_payoffs`;
equilibria do not change), then pivoted in exact integer arithmetic.  Float
games are solved the same way, as the binary rationals the floats are, so the
result does not depend on the units of the payoffs (no overflow at ``1e308``,
no collapse at ``1e-300``) and agrees with ``closed_form`` on 2x2 games; only
the reported probabilities are rounded to floats.

Budget.  Degenerate games can have astronomically many bases (a vertex where
``t`` more constraints than the dimension ``d`` are tight has up to
``C(d + t, d)`` of them; the search visits the lexicographically feasible ones,
usually far fewer).  The search counts the bases it visits (``max_bases``,
default 1,000,000) and the memory of the vertices it keeps, of both polytopes
(or of ``P`` and the faces of ``Q``) together (``max_memory``, default
:data:`trigame.budget.DEFAULT_MAX_BYTES` capped by the memory available, about
200 bytes a vertex).  When either would be exceeded it stops and the
result has ``complete=False``, a note naming the option, and the equilibria it
can still certify: completely labelled pairs among the vertices found, and
every pure equilibrium (checked directly).  Only if that list is empty is
:class:`~trigame.errors.BudgetExceededError` raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, MethodError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.solve.nash._common import build_set, reduced_integer_payoffs, validate_tol
from trigame.solve.nash._face_pairs import ONE_POLYTOPE_BASES, face_pairs
from trigame.solve.nash._reverse_search import BasisVertices, complete_pairs, reverse_search_vertices
from trigame.solve.nash._small_vertices import ENTRY_BOUND, MAX_BASES, available, bases, small_pairs
from trigame.solve.nash._verified import IntegerCandidate, Integers, verified_set
from trigame.solve.nash.pure import best_response_mask

__all__ = ["DEFAULT_MAX_BASES", "extreme_equilibria", "solve"]

#: Default work budget: feasible bases visited by the vertex enumeration (both polytopes together).
DEFAULT_MAX_BASES = 1_000_000


def _positive(payoffs: np.ndarray) -> np.ndarray:
    """Reduced integer payoffs shifted so that the smallest is 1 (``int64`` below ``2**31``, else Python ints)."""
    if payoffs.dtype == np.int64:
        return payoffs + 1  # reduced payoffs are int64 only below 2**31: no overflow
    return np.vectorize(int, otypes=[object])(payoffs) + 1


def extreme_equilibria(
    game: NormalFormGame,
    tol: float = 1e-9,
    max_bases: int | None = DEFAULT_MAX_BASES,
    max_memory: int | None = None,
) -> EquilibriumSet:
    """All extreme Nash equilibria of a 2-player game (all equilibria when there are finitely many).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player exact or float game, solved in exact integer arithmetic.
        Exact games give Fraction probabilities; float games are solved as the
        binary rationals their payoffs are and give float probabilities.
    tol : float, default 1e-9
        Validated (a number in ``[0, 1e-3]``); the equilibria are computed and
        checked exactly, so it only matters for the float form of the results.
    max_bases : int or None, default 1_000_000
        Work budget: the most bases the reverse search may pivot to (both
        best-response polytopes together, or ``P`` and the faces of its degenerate
        vertices for large games); None for no limit.  Random integer ``n x n``
        games need about 3,000 (n = 10), 19,000 (n = 14) and 215,000 (n = 16);
        degenerate games can need astronomically many.
    max_memory : int or None
        Memory budget in bytes of the vertices kept by the enumeration, both polytopes (or
        ``P`` and the faces of ``Q``) together (default :data:`trigame.budget.DEFAULT_MAX_BYTES`,
        capped by the memory available).

    Returns
    -------
    EquilibriumSet
        ``complete=True`` unless a budget stopped the enumeration;
        ``degenerate`` when there is a continuum of equilibria (the extreme
        points of the components are listed); ``game_degenerate`` as defined by
        von Stengel.  After a budget stop: ``complete=False``, a note, the
        equilibria certified so far (see the module docs), and
        ``game_degenerate=None`` unless it was already seen.

    Raises
    ------
    MethodError
        When the game does not have exactly two players.
    UnsupportedGameError
        For symbolic games.
    ParameterError
        For a bad ``tol``, ``max_bases`` or ``max_memory``.
    BudgetExceededError
        When a budget stopped the enumeration before any equilibrium was certified.

    Examples
    --------
    Battle of the sexes: two pure equilibria and one mixed one.

    >>> import trigame as tg
    >>> bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = extreme_equilibria(bos)
    >>> [[str(p) for p in v] for v in eqs[2].strategies]
    [['2/3', '1/3'], ['1/3', '2/3']]
    >>> len(eqs), eqs.degenerate, eqs.game_degenerate
    (3, False, False)
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"the support method needs a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise MethodError(
            f"method 'support' solves 2-player games only; this game has {game.n_players} players "
            "(use method='polynomial' for N-player games)"
        )
    if game.is_symbolic:
        raise UnsupportedGameError(
            "method 'support' needs numeric payoffs; substitute values with game.subs(...) first"
        )
    tol = validate_tol(tol)
    budget = WorkBudget(max_bases, what="the vertex enumeration", unit="feasible bases", option="max_bases")
    check_limit(max_memory, "max_memory")
    m, n = game.shape
    payoffs = reduced_integer_payoffs(game)
    small = _small(game, payoffs, max_bases, max_memory)
    if small is not None:
        return small
    A, B = _positive(payoffs[0]), _positive(payoffs[1])

    # P: x in R^m with constraints B^T x <= 1; its local labels are already the game's.
    vertices_x = reverse_search_vertices(B.T, budget=budget, max_memory=max_memory)
    # Large P: each vertex's partners on its complementary face of Q, without enumerating Q (lrsnash's method).
    one_polytope = vertices_x.complete and vertices_x.bases > ONE_POLYTOPE_BASES
    # Q: y in R^n with constraints A y <= 1; local labels (y_j = 0, row i tight) are game labels (m + j, i).
    if vertices_x.complete and not one_polytope:
        # one memory budget for both polytopes: P's vertices count against Q's enumeration
        vertices_y = reverse_search_vertices(A, budget=budget, max_memory=max_memory, held=vertices_x.held_bytes)
    else:
        vertices_y = BasisVertices(np.asarray(A, dtype=object), [], [], 0, vertices_x.stopped)
    complete = vertices_x.complete and vertices_y.complete
    masks_x = vertices_x.masks
    low = (1 << n) - 1  # Q's local labels (y_j = 0, then row i tight) are the game's m + j and i
    masks_y = [((y & low) << m) | (y >> n) for y in vertices_y.masks]
    pairs = complete_pairs(masks_x, masks_y, m, n)
    seen_degenerate = any(x.bit_count() > m for x in masks_x) or any(y.bit_count() > n for y in masks_y)
    game_degenerate = seen_degenerate if complete or seen_degenerate else None
    continuum = len({a for a, _ in pairs}) < len(pairs) or len({b for _, b in pairs}) < len(pairs)
    if complete and not one_polytope:  # the common case: integer candidates straight to the exact check
        return _integer_result(game, _candidates(vertices_x, vertices_y, pairs), continuum, seen_degenerate)
    profiles: list[Any] = [_profile(vertices_x, vertices_y, a, b) for a, b in pairs]
    notes = []
    if one_polytope:
        found = face_pairs(A.astype(object), B.astype(object), budget=budget, max_memory=max_memory,
                           vertices_x=vertices_x)
        # the candidates in integers: checked together by build_set, Fractions made only for the equilibria
        profiles, complete, continuum, game_degenerate = (list(found.candidates), found.complete, found.continuum,
                                                          found.game_degenerate)
        vertices_y.stopped, notes = found.stopped, found.notes
    if continuum:
        notes.append(
            "the game has infinitely many equilibria; the extreme equilibria are listed, and two of them "
            "that share one player's strategy are joined by a segment of equilibria"
        )
    if game.kind == "float":
        notes.append("float payoffs were solved exactly as the binary fractions they denote")
    if not complete:
        stopped = vertices_x.stopped or vertices_y.stopped
        profiles += _pure_profiles(game)
        if not profiles:
            raise BudgetExceededError(f"{stopped}; no equilibrium was certified before it stopped")
        notes.append(
            f"incomplete: {stopped}; listed are the extreme equilibria among the vertices found "
            "and the pure equilibria"
        )
    return build_set(
        game,
        profiles,
        method="support",
        complete=complete,
        degenerate=continuum,
        notes=notes,
        game_degenerate=game_degenerate,
        tol=tol,
    )


def _small(game: NormalFormGame, payoffs: np.ndarray, max_bases: int | None,
           max_memory: int | None) -> EquilibriumSet | None:
    """The same set by the compiled pass over every basis of a small game (:mod:`._small_vertices`), or None."""
    if bases(*game.shape) > MAX_BASES or not available():
        return None
    if payoffs.dtype == object and max(abs(int(v)) for v in payoffs.flat) >= ENTRY_BOUND:
        return None
    positive = np.asarray(payoffs, dtype=np.int64) + 1
    found = small_pairs(positive[0], positive[1], max_bases, max_memory)
    if found is None:
        return None
    return _integer_result(game, found.profiles, found.continuum, found.game_degenerate)


def _integer_result(game: NormalFormGame, profiles: Sequence[Integers], continuum: bool,
                    game_degenerate: bool) -> EquilibriumSet:
    """The complete set from the completely labelled vertex pairs given in integers (no Fractions on the way)."""
    notes = []
    if continuum:
        notes.append(
            "the game has infinitely many equilibria; the extreme equilibria are listed, and two of them "
            "that share one player's strategy are joined by a segment of equilibria"
        )
    if game.kind == "float":
        notes.append("float payoffs were solved exactly as the binary fractions they denote")
    return verified_set(game, profiles, method="support", complete=True, degenerate=continuum, notes=notes,
                        game_degenerate=game_degenerate)


def _candidates(vertices_x: BasisVertices, vertices_y: BasisVertices,
                pairs: list[tuple[int, int]]) -> list[IntegerCandidate]:
    """Each pair's strategies as integers and their sums (each vertex solved once)."""
    points: dict[tuple[int, int], list[int]] = {}

    def point(side: int, vertices: BasisVertices, index: int) -> tuple[list[int], int]:
        if (side, index) not in points:
            points[side, index] = vertices._numerators(index)[0]
        z = points[side, index]
        return z, sum(z)

    return [IntegerCandidate((point(0, vertices_x, a), point(1, vertices_y, b))) for a, b in pairs]


def _pure_profiles(game: NormalFormGame) -> list[list[list[int]]]:
    """Every pure equilibrium of the bimatrix ``game``, as 0/1 vectors."""
    m, n = game.shape
    pure = best_response_mask(game).all(axis=0)
    return [[[int(k == i) for k in range(m)], [int(k == j) for k in range(n)]] for i, j in np.argwhere(pure)]


def _profile(vertices_x: BasisVertices, vertices_y: BasisVertices, a: int, b: int) -> list[Any]:
    return [vertices_x.normalized(a), vertices_y.normalized(b)]


def solve(
    game: NormalFormGame,
    tol: float = 1e-9,
    max_bases: int | None = DEFAULT_MAX_BASES,
    max_memory: int | None = None,
) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="support")``."""
    return extreme_equilibria(game, tol=tol, max_bases=max_bases, max_memory=max_memory)
