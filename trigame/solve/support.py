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

The vertices of ``P`` and ``Q`` come from :mod:`trigame.solve._vertex`, which
visits every feasible basis, so degenerate vertices are not missed; labels are
read off each vertex; all pairs are matched at once as a product of 0/1
"missing label" matrices (a pair is completely labelled when no label is missing
from both).  This is the set Gambit's exact ``enummixed`` computes.

Flags of the result:

* ``degenerate`` -- the game has infinitely many equilibria.  This happens iff
  some vertex ``x`` (or ``y``) occurs in two extreme equilibria: then the segment
  between them consists of equilibria, and otherwise every extreme equilibrium
  is isolated (Avis et al. 2010, section 2).
* ``game_degenerate`` -- some vertex of ``P`` has more than ``m`` labels or some
  vertex of ``Q`` more than ``n``: a mixed strategy with ``k`` strategies in its
  support has more than ``k`` pure best responses (von Stengel 2002, Def. 3.2 and
  Theorem 3.6).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trigame.equilibrium import EquilibriumSet
from trigame.errors import MethodError, UnsupportedGameError
from trigame.game import NormalFormGame
from trigame.solve._common import build_set, float_payoffs, integer_payoffs
from trigame.solve._vertex import Vertices, polytope_vertices

__all__ = ["extreme_equilibria", "solve"]

#: Vertex pairs compared in one block of the label matching (bounds its memory).
_PAIR_BLOCK = 4_000_000


def _positive_exact(payoffs: np.ndarray) -> np.ndarray:
    """Integer payoffs shifted so that the smallest is 1 (Python ints)."""
    values = np.vectorize(int, otypes=[object])(payoffs)
    low = min(values.flat)
    return values - low + 1


def _positive_float(payoffs: np.ndarray) -> np.ndarray:
    """Payoffs mapped affinely onto ``[1, 2]`` (all ones for a constant matrix)."""
    values = np.asarray(payoffs, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    if high == low:
        return np.ones_like(values)
    return 1.0 + (values - low) / (high - low)


def _complete_pairs(labels_x: np.ndarray, labels_y: np.ndarray) -> np.ndarray:
    """Index pairs ``(a, b)`` with ``labels_x[a] | labels_y[b]`` all True."""
    missing_x = (~labels_x).astype(np.float32)
    missing_y = (~labels_y).astype(np.float32).T
    block = max(1, _PAIR_BLOCK // max(1, labels_y.shape[0]))
    found = []
    for start in range(0, labels_x.shape[0], block):
        # Entry (a, b) counts the labels missing from both; small integers, exact in float32.
        both_missing = missing_x[start:start + block] @ missing_y
        rows, cols = np.nonzero(both_missing == 0)
        found.append(np.column_stack([rows + start, cols]))
    if not found:
        return np.zeros((0, 2), dtype=np.intp)
    return np.concatenate(found)


def extreme_equilibria(game: NormalFormGame, tol: float = 1e-9) -> EquilibriumSet:
    """All extreme Nash equilibria of a 2-player game (all equilibria when there are finitely many).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player exact or float game.  Exact games are solved in exact integer
        arithmetic and give Fraction probabilities; float games in float64.
    tol : float, default 1e-9
        Float games: tolerance of the vertex enumeration (on payoffs rescaled to
        ``[1, 2]``) and of the final Nash check (relative to the payoff scale).

    Returns
    -------
    EquilibriumSet
        ``complete=True``; ``degenerate`` when there is a continuum of
        equilibria (the extreme points of the components are listed);
        ``game_degenerate`` as defined by von Stengel.

    Raises
    ------
    MethodError
        When the game does not have exactly two players.
    UnsupportedGameError
        For symbolic games.

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
    m, n = game.shape
    exact = game.is_exact
    if exact:
        payoffs = integer_payoffs(game)
        A, B = _positive_exact(payoffs[0]), _positive_exact(payoffs[1])
    else:
        payoffs = float_payoffs(game)
        A, B = _positive_float(payoffs[0]), _positive_float(payoffs[1])

    # P: x in R^m with constraints B^T x <= 1; its local labels are already the game's.
    vertices_x = polytope_vertices(np.ascontiguousarray(B.T), exact=exact, tol=tol)
    # Q: y in R^n with constraints A y <= 1; local labels (y_j = 0, row i tight) are game labels (m + j, i).
    vertices_y = polytope_vertices(A, exact=exact, tol=tol)
    labels_x = vertices_x.labels
    labels_y = np.concatenate([vertices_y.labels[:, n:], vertices_y.labels[:, :n]], axis=1)

    pairs = _complete_pairs(labels_x, labels_y)
    game_degenerate = bool((labels_x.sum(axis=1) > m).any() or (labels_y.sum(axis=1) > n).any())
    continuum = bool(
        pairs.shape[0] > 0
        and (np.unique(pairs[:, 0]).size < pairs.shape[0] or np.unique(pairs[:, 1]).size < pairs.shape[0])
    )
    profiles = [_profile(vertices_x, vertices_y, int(a), int(b)) for a, b in pairs]
    notes = []
    if continuum:
        notes.append(
            "the game has infinitely many equilibria; the extreme equilibria are listed, and two of them "
            "that share one player's strategy are joined by a segment of equilibria"
        )
    return build_set(
        game,
        profiles,
        method="support",
        complete=True,
        degenerate=continuum,
        notes=notes,
        game_degenerate=game_degenerate,
        tol=tol,
    )


def _profile(vertices_x: Vertices, vertices_y: Vertices, a: int, b: int) -> list[Any]:
    return [vertices_x.normalized(a), vertices_y.normalized(b)]


def solve(game: NormalFormGame, tol: float = 1e-9) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="support")``."""
    return extreme_equilibria(game, tol=tol)
