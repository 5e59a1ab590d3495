"""All Nash equilibria of many 2x2 and 2x2x2 games at once, vectorised in NumPy.

:func:`equilibria` solves a whole array of games -- a parameter sweep of a
model, a Monte Carlo sample -- with closed forms evaluated on arrays (masks, no
Python loop per game), and returns a :class:`BatchEquilibria`.

Notation (as in :mod:`trigame.solve.nash._closed_formulas`): ``x_i`` is the
probability of player ``i``'s first strategy and player ``i``'s *advantage*
``D_i`` is the payoff of its first strategy minus that of its second, a
multilinear function of the others' probabilities with the values
``e_i[a] = u_i(first, a) - u_i(second, a)`` at the others' pure profiles ``a``.

2x2 games
    A profile is an equilibrium iff each ``x_i`` is 1, 0, or the root
    ``x*`` of the opponent's advantage, with the matching sign of its own
    advantage.  Every such condition is a sign condition on the four
    advantages ``e_1[b]``, ``e_2[a]``, so the whole answer -- which of the nine
    candidates are equilibria, whether there is a continuum, whether the game
    is degenerate -- is one lookup in a table of the ``3^4 = 81`` sign
    patterns.  Float subtraction is correctly rounded, so the signs of the
    advantages, and therefore the answer, are those of the exact game: the
    batch returns exactly the extreme equilibria that
    ``tg.equilibria(game, method="closed_form")`` returns, degenerate games
    included.

2x2x2 games
    Pure profiles by best-reply comparisons; two players mixing at the roots
    of each other's (linear) advantage, the third pure and a best reply; all
    three mixing: player 1's indifference ``A_1(r) + q B_1(r) = 0`` and player
    2's ``A_2(r) + p B_2(r) = 0`` (``p, q, r = x_1, x_2, x_3``) give ``q`` and
    ``p`` as functions of ``r``, and player 3's indifference becomes a quadratic
    ``Q(r) = 0`` (McKelvey & McLennan 1997: at most 9 equilibria of a generic
    2x2x2 game, at most 2 totally mixed), solved with the cancellation-free
    form of the quadratic formula.  This is exact for games in which no
    comparison it makes is a near-tie.  A game in which one is (a player
    indifferent on an edge of the cube where the others' best replies meet, a
    third player indifferent at a two-mixer profile, a root of ``Q`` near the
    boundary of the cube, a near double root, a vanishing ``B_i`` at a root,
    ``Q`` vanishing identically) is solved again, exactly: all such games of a
    chunk at once, by the scalar closed-form solver's own formulas evaluated in
    Python integers held in NumPy object arrays (each player's payoffs scaled
    to integers: floats are the binary fractions they denote), with its
    candidates, continuum test and bookkeeping -- so the batch returns the same
    set as ``tg.equilibria(game, method="closed_form")``: every isolated
    equilibrium and a point of every continuum.

Flags
    ``degenerate`` -- some equilibrium is *irregular* (Harsanyi 1973): a player
    who plays a pure strategy is indifferent, or the Jacobian of the
    indifference conditions of the mixing players is singular (in particular a
    single player mixing against pure opponents); or there is a continuum.  A
    game that is not degenerate has an odd number of equilibria (Wilson 1971)
    that persist, each moving smoothly, under small payoff changes: the flag
    marks exactly the games at which a sweep's equilibrium count can change.
    Ties are decided exactly for exact input (integers, Fractions); for float
    input a quantity counts as zero when it is at most ``tol`` times the
    scale of the player's advantages, so the flag also marks games within
    ``tol`` of a degenerate one.
    ``continuum`` -- the game has infinitely many equilibria (the ``degenerate``
    flag of the scalar solvers' :class:`~trigame.EquilibriumSet`), decided
    exactly for the payoffs given (floats as the binary fractions they denote).

Canonical order of each game's equilibria: the order of the scalar solvers --
fewer mixing players first, then the probability of player 1's first strategy
descending, then player 2's, then player 3's.

Examples
--------
>>> import numpy as np
>>> import trigame as tg
>>> pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]          # Prisoner's Dilemma
>>> bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]         # Battle of the Sexes
>>> res = tg.batch.equilibria(np.array([pd, bos]))
>>> res.count.tolist()
[1, 3]
>>> res.probabilities[1].round(4).tolist()
[[1.0, 1.0], [0.0, 0.0], [0.6667, 0.3333]]
>>> res.degenerate.tolist(), res.continuum.tolist()
([False, False], [False, False])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from itertools import product
from typing import Any

import numpy as np

from trigame.errors import GameShapeError, ParameterError, PayoffTypeError, PayoffValueError, SolverError
from trigame.solve.nash._closed_backend import NumpyBackend

__all__ = ["BatchEquilibria", "equilibria"]

#: Strategy codes of one player in an equilibrium (``BatchEquilibria.supports``).
FIRST, SECOND, MIXED, PADDING = 0, 1, 2, -1

#: Games solved per vectorised chunk (bounds memory and keeps temporaries in cache).
CHUNK = 1 << 15
#: The 2x2 table lookup streams through memory; larger chunks cost less bookkeeping.
CHUNK_2X2 = 1 << 18

#: Conditioning threshold of the totally mixed solution of 2x2x2 games (relative to Q's coefficients).
_CONDITION = 1e-6


# ---------------------------------------------------------------------------------------------------- result
class BatchEquilibria:
    """The equilibria of a batch of 2x2 or 2x2x2 games.

    Arrays are indexed by the batch shape of the input first (written ``*batch``
    below); ``K`` is the largest number of equilibria of any game of the batch.

    Attributes
    ----------
    count : numpy.ndarray of int, shape (*batch,)
        Number of equilibria found for each game (every extreme equilibrium of
        a 2x2 game; every isolated equilibrium and a point of every continuum
        of a 2x2x2 game -- the set the scalar closed-form solver returns).
    probabilities : numpy.ndarray of float, shape (*batch, K, n_players)
        Probability of each player's FIRST strategy in each equilibrium, in the
        canonical order (module documentation); NaN beyond ``count``.
    payoffs : numpy.ndarray of float, shape (*batch, K, n_players)
        Expected payoff of each player in each equilibrium; NaN beyond ``count``.
    supports : numpy.ndarray of int8, shape (*batch, K, n_players)
        ``0``: the player plays its first strategy, ``1``: its second, ``2``:
        it mixes; ``-1`` beyond ``count``.  Value-free, for labels of regions.
    degenerate : numpy.ndarray of bool, shape (*batch,)
        Some equilibrium is irregular, or there is a continuum (module docs).
    continuum : numpy.ndarray of bool, shape (*batch,)
        The game has infinitely many equilibria.
    exact_path : numpy.ndarray of bool, shape (*batch,)
        The game was re-solved exactly, with the scalar solver's formulas (2x2x2 near-ties).
    game_payoffs : numpy.ndarray, shape (*batch, n_players, 2, ..., 2)
        The input payoffs (as given: float, integer or Fraction objects).
    n_players : int
    tol : float
        The tolerance the batch was solved with.
    """

    def __init__(self, *, count: np.ndarray, probabilities: np.ndarray, supports: np.ndarray,
                 degenerate: np.ndarray, continuum: np.ndarray, exact_path: np.ndarray, game_payoffs: np.ndarray,
                 n_players: int, tol: float) -> None:
        self.count = count
        self.probabilities = probabilities
        self._payoffs: np.ndarray | None = None
        self.supports = supports
        self.degenerate = degenerate
        self.continuum = continuum
        self.exact_path = exact_path
        self.game_payoffs = game_payoffs
        self.n_players = n_players
        self.tol = tol
        for array in (count, probabilities, supports, degenerate, continuum, exact_path):
            array.flags.writeable = False

    @property
    def payoffs(self) -> np.ndarray:
        """Expected payoff of each player in each equilibrium, shape ``(*batch, K, n_players)`` (NaN-padded).

        Computed on first use from ``probabilities`` and ``game_payoffs``.
        """
        if self._payoffs is None:
            n = self.n_players
            games = np.asarray(self.game_payoffs, dtype=np.float64).reshape((-1, n) + (2,) * n)
            x = self.probabilities.reshape(len(self), -1, n)
            out = np.concatenate([_expected_payoffs(games[s:s + CHUNK], x[s:s + CHUNK])
                                  for s in range(0, len(self), CHUNK)]) if len(self) else np.zeros(x.shape)
            out = out.reshape(self.probabilities.shape)
            out.flags.writeable = False
            self._payoffs = out
        return self._payoffs

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """The leading shape of the input (one entry per game)."""
        return self.count.shape

    def __len__(self) -> int:
        """The number of games."""
        return int(self.count.size)

    def _index(self, index: int | tuple[int, ...]) -> tuple[int, ...]:
        shape = self.batch_shape
        if isinstance(index, (int, np.integer)):
            n = len(self)
            position = int(index)
            if not -n <= position < n:
                raise IndexError(f"game index {position} out of range for a batch of {n} games")
            return tuple(int(k) for k in np.unravel_index(position % n, shape)) if shape else ()
        if isinstance(index, tuple) and len(index) == len(shape) and all(
                isinstance(k, (int, np.integer)) for k in index):
            for k, size in zip(index, shape):
                if not -size <= int(k) < size:
                    raise IndexError(f"game index {index} out of range for the batch shape {shape}")
            return tuple(int(k) % size for k, size in zip(index, shape))
        raise IndexError(f"a game is selected by a flat int index or a tuple of {len(shape)} ints, got {index!r}")

    def game(self, index: int | tuple[int, ...], players: Sequence[str] | None = None,
             strategies: Sequence[Sequence[str]] | None = None) -> Any:
        """Game ``index`` of the batch as a :class:`~trigame.NormalFormGame`."""
        from trigame.games.normal_form import NormalFormGame

        payoffs = self.game_payoffs[self._index(index)]
        if payoffs.dtype == object or payoffs.dtype.kind in "iu":
            return NormalFormGame(payoffs.tolist(), players=players, strategies=strategies)
        return NormalFormGame(np.array(payoffs, dtype=np.float64), players=players, strategies=strategies)

    def game_equilibria(self, index: int | tuple[int, ...], players: Sequence[str] | None = None,
                        strategies: Sequence[Sequence[str]] | None = None) -> Any:
        """The equilibria of game ``index`` as an :class:`~trigame.EquilibriumSet` (float probabilities).

        Examples
        --------
        >>> import trigame as tg
        >>> res = tg.batch.equilibria([[[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]])   # matching pennies
        >>> res.game_equilibria(0)[0].as_dict()["Player 1"]
        {'s1': 0.5, 's2': 0.5}
        """
        from trigame.results import Equilibrium, EquilibriumSet

        at = self._index(index)
        game = self.game(index, players, strategies)
        found = []
        for k in range(int(self.count[at])):
            x = self.probabilities[at][k]
            vectors = [np.array([p, 1.0 - p]) for p in x.tolist()]
            found.append(Equilibrium(vectors, self.payoffs[at][k].tolist(), game.players, game.strategies))
        notes = ["solved by trigame.solve.batch"]
        if self.continuum[at]:
            notes.append("the game has a continuum of equilibria; extreme equilibria (2x2) or every isolated "
                         "equilibrium and a point of every continuum (2x2x2) are listed")
        if self.degenerate[at]:
            notes.append("the game is degenerate: some equilibrium is irregular")
        return EquilibriumSet(found, game=game, method="batch", complete=True, degenerate=bool(self.continuum[at]),
                              notes=notes)

    __getitem__ = game_equilibria

    def outcome_probabilities(self) -> np.ndarray:
        """Probability of each pure outcome in each equilibrium, shape ``(*batch, K, 2, ..., 2)`` (NaN-padded).

        Examples
        --------
        >>> import trigame as tg
        >>> res = tg.batch.equilibria([[[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]])
        >>> res.outcome_probabilities()[0, 0].tolist()
        [[0.25, 0.25], [0.25, 0.25]]
        """
        out = np.ones(self.probabilities.shape[:-1] + (2,) * self.n_players)
        for i in range(self.n_players):
            x = self.probabilities[..., i]
            w = np.stack([x, 1.0 - x], axis=-1)
            shape = x.shape + tuple(2 if j == i else 1 for j in range(self.n_players))
            out = out * w.reshape(shape)
        return out

    def set_labels(self, players: Sequence[str] | None = None,
                   strategies: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """Value-free label of each game's equilibrium set (:func:`trigame._labels.set_label`).

        Returns an object array of strings of shape ``(*batch,)``; games with the
        same supports share one label, whatever the mixed probabilities.

        Examples
        --------
        >>> import trigame as tg
        >>> bos = [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]
        >>> tg.batch.equilibria([bos]).set_labels(["Japan", "South Korea"])[0]
        'Japan: s1, South Korea: s1 | Japan: s2, South Korea: s2 | Japan: mix s1/s2, South Korea: mix s1/s2'
        """
        from trigame._labels import set_label, support_label

        n = self.n_players
        players = tuple(players) if players is not None else tuple(f"Player {i + 1}" for i in range(n))
        strategies = tuple(tuple(s) for s in strategies) if strategies is not None else (("s1", "s2"),) * n
        if len(players) != n or len(strategies) != n or any(len(s) != 2 for s in strategies):
            raise GameShapeError(f"set_labels needs {n} player names and {n} pairs of strategy labels")
        flat_supports = self.supports.reshape(len(self), -1)
        codes = np.concatenate([flat_supports.astype(np.int16), self.continuum.reshape(-1, 1)], axis=1)
        unique, inverse = np.unique(codes, axis=0, return_inverse=True)
        names = {FIRST: (0,), SECOND: (1,), MIXED: (0, 1)}
        labels = []
        for row in unique:
            k_max = (row.size - 1) // n
            members = []
            for k in range(k_max):
                sup = row[k * n:(k + 1) * n]
                if sup[0] == PADDING:
                    break
                members.append(support_label(players, strategies, [names[int(s)] for s in sup]))
            labels.append(set_label(members, continuum=bool(row[-1])))
        return np.array(labels, dtype=object)[np.ravel(inverse)].reshape(self.batch_shape)

    def __repr__(self) -> str:
        return (f"BatchEquilibria({len(self)} games of {self.n_players} players, batch shape {self.batch_shape}, "
                f"{int(self.count.sum())} equilibria, {int(self.degenerate.sum())} degenerate, "
                f"{int(self.continuum.sum())} with a continuum)")


# ---------------------------------------------------------------------------------------------------- input
def _infer_players(shape: tuple[int, ...], n_players: int | None) -> int:
    expected = "(*batch, 2, 2, 2) for 2x2 games or (*batch, 3, 2, 2, 2) for 2x2x2 games"
    if n_players is not None:
        if isinstance(n_players, bool) or not isinstance(n_players, (int, np.integer)) or n_players not in (2, 3):
            raise GameShapeError(f"n_players must be 2 or 3, got {n_players!r}")
        n = int(n_players)
        if len(shape) < n + 1 or shape[-(n + 1)] != n or any(m != 2 for m in shape[-n:]):
            raise GameShapeError(f"payoffs of shape {shape} do not hold {n}-player games: expected {expected}")
        return n
    for n in range(len(shape) - 2, 1, -1):  # the trailing (n, 2, ..., 2) block, after at least one batch axis
        if shape[-(n + 1)] == n and all(m == 2 for m in shape[-n:]):
            if n > 3:
                raise GameShapeError(f"trigame.solve.batch solves games of 2 or 3 players; payoffs of shape {shape} "
                                     f"hold {n}-player games (use tg.equilibria(game) one game at a time)")
            return n
    for n in (3, 2):
        if len(shape) >= n + 1 and shape[-(n + 1)] == n:
            raise GameShapeError(f"every player must have exactly 2 strategies; payoffs of shape {shape} have "
                                 f"strategy counts {shape[-n:]}: expected {expected}")
    raise GameShapeError(f"payoffs of shape {shape} are not a batch of 2x2 or 2x2x2 games: expected {expected}")


def _as_payoffs(payoffs: Any) -> tuple[np.ndarray, bool]:
    """The payoffs as an array, and whether they are exact (integers or Fractions)."""
    try:
        array = np.asarray(payoffs)
    except ValueError as exc:  # ragged nested lists
        raise GameShapeError(f"payoffs are ragged: {exc}") from None
    kind = array.dtype.kind
    if kind == "b":
        raise PayoffTypeError("payoffs must be numbers, not booleans")
    if kind in "iu":
        if array.size and (array.max() >= 2**53 or array.min() <= -(2**53)):
            raise PayoffValueError("integer payoffs must be below 2**53 in absolute value; pass Fractions "
                                   "or floats for larger values")
        return array, True
    if kind == "f":
        if not np.all(np.isfinite(array)):
            bad = tuple(int(k) for k in np.argwhere(~np.isfinite(array))[0])
            raise PayoffValueError(f"payoffs must be finite; entry {bad} is {array[bad]!r}")
        return array, False
    if kind == "O":
        exact = True
        for index, value in np.ndenumerate(array):
            if isinstance(value, (bool, np.bool_)):
                raise PayoffTypeError(f"payoff entry {index} is the boolean {value!r}; payoffs must be numbers")
            if isinstance(value, (int, np.integer, Fraction)):
                continue
            if isinstance(value, (float, np.floating)):
                if not np.isfinite(value):
                    raise PayoffValueError(f"payoffs must be finite; entry {index} is {value!r}")
                exact = False
                continue
            raise PayoffTypeError(f"payoff entry {index} is {value!r} of type {type(value).__name__}; payoffs must "
                                  "be ints, floats or Fractions (substitute symbolic games with game.subs first)")
        if not exact:
            return array.astype(np.float64), False
        return array, True
    raise PayoffTypeError(f"payoffs must be numeric, got an array of dtype {array.dtype}")


# ---------------------------------------------------------------------------------------------------- 2x2
@cache
def _table_2x2() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For each of the 81 sign patterns of ``(e_1[0], e_1[1], e_2[0], e_2[1])``: the equilibria.

    Returns ``count (81,)``, ``codes (81, 9, 2)`` (strategy codes in canonical
    order, padded with -1), ``continuum (81,)`` and ``degenerate (81,)``.
    """
    count = np.zeros(81, dtype=np.int64)
    codes = np.full((81, 9, 2), PADDING, dtype=np.int8)
    continuum = np.zeros(81, dtype=bool)
    degenerate = np.zeros(81, dtype=bool)
    order = {FIRST: 0, MIXED: 1, SECOND: 2}  # probability of the first strategy descending: 1 > x* > 0
    for index, signs in enumerate(product((-1, 0, 1), repeat=4)):
        e1, e2 = signs[:2], signs[2:]
        root = [e2[0] * e2[1] < 0, e1[0] * e1[1] < 0]  # x* exists (player 2 indifferent), y* exists

        def advantage(player: int, opponent_code: int, tables: tuple[Any, Any] = (e1, e2)) -> int:
            """Sign of the player's advantage against the opponent's code (0 at the opponent's root)."""
            return 0 if opponent_code == MIXED else tables[player][opponent_code]

        found = []
        for cx, cy in product((FIRST, SECOND, MIXED), repeat=2):
            ok = True
            regular = True
            for player, own, other in ((0, cx, cy), (1, cy, cx)):
                d = advantage(player, other)
                if own == MIXED:
                    ok &= root[player] and d == 0
                    regular &= other == MIXED  # one player mixing against a pure strategy is irregular
                else:
                    ok &= d >= 0 if own == FIRST else d <= 0
                    regular &= d != 0
            if ok:
                found.append((cx, cy, regular))
        found.sort(key=lambda f: ((f[0] == MIXED) + (f[1] == MIXED), order[f[0]], order[f[1]]))
        count[index] = len(found)
        for k, (cx, cy, _) in enumerate(found):
            codes[index, k] = (cx, cy)
        shares = any(a[p] == b[p] for a, b in product(found, repeat=2) if a != b for p in (0, 1))
        continuum[index] = shares
        degenerate[index] = shares or not all(f[2] for f in found)
    return count, codes, continuum, degenerate


def _pattern_index(e1: np.ndarray, e2: np.ndarray, t1: Any = 0, t2: Any = 0) -> np.ndarray:
    """Index into the 81 sign patterns; a value counts as 0 when at most ``t`` in absolute value."""
    index = np.zeros(len(e1), dtype=np.intp)
    for e, t in ((e1, t1), (e2, t2)):
        for b in (0, 1):
            index = index * 3 + 1 + (e[:, b] > t) - (e[:, b] < -t)
    return index


@cache
def _value_tables(width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per sign pattern and slot: probability = constant + coefficient * root (NaN for padding)."""
    codes = _table_2x2()[1][:, :width]
    constant = np.where(codes == FIRST, 1.0, np.where(codes == PADDING, np.nan, 0.0))
    return constant, (codes == MIXED).astype(np.float64)


def _signs_2x2(e1: np.ndarray, e2: np.ndarray, exact: bool, tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sign-pattern index, degenerate flag and the two mixing roots of 2x2 games with advantages ``e1``, ``e2``."""
    degenerate_t = _table_2x2()[3]
    index = _pattern_index(e1, e2)
    degenerate = degenerate_t[index]
    if not exact and tol > 0:  # a near-tie within tol also makes the game degenerate (the snapped game is)
        a1, a2 = np.abs(e1), np.abs(e2)
        t1 = np.maximum(a1[:, 0], a1[:, 1]) * tol
        t2 = np.maximum(a2[:, 0], a2[:, 1]) * tol
        near = (np.minimum(a1[:, 0], a1[:, 1]) <= t1) | (np.minimum(a2[:, 0], a2[:, 1]) <= t2)
        rows = np.flatnonzero(near)
        if rows.size:
            snapped = _pattern_index(e1[rows], e2[rows], t1[rows], t2[rows])
            degenerate[rows] |= degenerate_t[snapped]
    if e1.dtype == object:  # exact: the roots as correctly rounded quotients of the exact advantages
        def quotient(a: Any, b: Any) -> float:
            return float(Fraction(a) / Fraction(b)) if b != 0 else 0.0

        ratio = np.frompyfunc(quotient, 2, 1)
        roots = np.stack([ratio(e2[:, 1], e2[:, 1] - e2[:, 0]),  # x* makes player 2 indifferent
                          ratio(e1[:, 1], e1[:, 1] - e1[:, 0])], axis=1).astype(np.float64)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            roots = np.stack([e2[:, 1] / (e2[:, 1] - e2[:, 0]), e1[:, 1] / (e1[:, 1] - e1[:, 0])], axis=1)
        roots[~np.isfinite(roots)] = 0.0  # no root: the table uses none there
    return index, degenerate, roots


def _solve_2x2(P: np.ndarray, exact: bool, tol: float, original: np.ndarray | None = None,
               force: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """All extreme equilibria of M 2x2 games ``P`` of shape (M, 2, 2, 2), from the sign-pattern table.

    ``P`` holds each player's payoffs rescaled (see :func:`_rescale`); games
    marked in ``force`` are solved from their ``original`` payoffs in exact
    arithmetic (their rescaling was not exact).
    """
    count_t, codes_t, continuum_t, _ = _table_2x2()
    e1 = P[:, 0, 0, :] - P[:, 0, 1, :]  # player 1: first minus second row, against column b
    e2 = P[:, 1, :, 0] - P[:, 1, :, 1]  # player 2: first minus second column, against row a
    index, degenerate, roots = _signs_2x2(e1, e2, exact, tol)
    if force is not None and original is not None and force.any():
        rows = np.flatnonzero(force)
        exact_rows = _fractions(original[rows])
        f1 = exact_rows[:, 0, 0, :] - exact_rows[:, 0, 1, :]
        f2 = exact_rows[:, 1, :, 0] - exact_rows[:, 1, :, 1]
        index[rows], degenerate[rows], roots[rows] = _signs_2x2(f1, f2, exact, tol)
    count = count_t[index]
    width = max(int(count.max(initial=0)), 1)
    constant, coefficient = _value_tables(width)
    probabilities = constant[index] + coefficient[index] * roots[:, None, :]
    return {"count": count, "probabilities": probabilities, "supports": codes_t[index, :width],
            "degenerate": degenerate, "continuum": continuum_t[index], "exact_path": np.zeros(len(P), dtype=bool)}


def _fractions(P: np.ndarray) -> np.ndarray:
    """The payoffs as an object array of Fractions (floats as the binary fractions they denote)."""
    out = np.empty(P.shape, dtype=object)
    for index, value in np.ndenumerate(P):
        out[index] = Fraction(value) if not isinstance(value, Fraction) else value
    return out


def _rescale(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each game's payoffs with each player's scaled by a positive number, and the games where that was inexact.

    Equilibria are unchanged by a positive scaling of one player's payoffs, and
    the closed forms take differences and products of payoffs, which overflow
    near ``1.8e308`` and underflow below ``1e-308``.  Float payoffs are scaled by
    the power of two that brings each player's largest absolute payoff into
    [1/2, 1): exact (so every sign and tie is that of the input) unless some
    payoff of the player is more than about 2^1000 times smaller than the
    largest, and then the game is marked for the exact solver.  Exact payoffs
    (an object array) are divided by the player's largest absolute payoff.
    """
    M, n = P.shape[0], P.shape[1]
    if M == 0:
        return P, np.zeros(0, dtype=bool)
    flat = P.reshape(M, n, -1)
    if P.dtype == object:
        out = np.empty(flat.shape, dtype=object)
        for g in range(M):
            for i in range(n):
                values = [Fraction(v) for v in flat[g, i]]
                scale = max(abs(v) for v in values) or Fraction(1)
                out[g, i] = [v / scale for v in values]
        return out.reshape(P.shape), np.zeros(M, dtype=bool)
    exponent = _player_exponents(flat)
    scaled = np.ldexp(flat, -exponent[:, :, None])
    lossy = (np.ldexp(scaled, exponent[:, :, None]) != flat).any(axis=(1, 2))
    return scaled.reshape(P.shape), lossy


# ---------------------------------------------------------------------------------------------------- 2x2x2
def _advantages_3(P: np.ndarray) -> list[np.ndarray]:
    """``e[i]`` of shape (M, 2, 2): player i's advantage against the others' pure strategies (in player order)."""
    return [P[:, 0, 0] - P[:, 0, 1], P[:, 1, :, 0] - P[:, 1, :, 1], P[:, 2, :, :, 0] - P[:, 2, :, :, 1]]


def _bilinear(e: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``sum_ab e[a, b] w_a(x) w_b(y)`` with ``w_0(x) = x``, ``w_1(x) = 1 - x``."""
    return x * (y * e[..., 0, 0] + (1 - y) * e[..., 0, 1]) + (1 - x) * (y * e[..., 1, 0] + (1 - y) * e[..., 1, 1])


def _edge_relevant(g0: list[np.ndarray], g1: list[np.ndarray], band: float) -> np.ndarray:
    """Whether two linear functions ``g(t) = g0 + (g1 - g0) t`` are both >= -band somewhere on [0, 1].

    The minimum of two linear functions is concave, so its maximum over [0, 1]
    is at an end point or where the two cross.
    """
    (a0, b0), (a1, b1) = g0, g1
    best = np.maximum(np.minimum(a0, b0), np.minimum(a1, b1))
    da, db = a1 - a0, b1 - b0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (b0 - a0) / (da - db)
    inside = (t > 0) & (t < 1)
    crossing = np.where(inside, a0 + da * t, -np.inf)
    return np.maximum(best, crossing) >= -band


def _solve_2x2x2_fast(P: np.ndarray, tol: float) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Equilibria of M 2x2x2 games by the generic closed forms, and the mask of games with near-ties."""
    with np.errstate(all="ignore"):  # divisions by vanishing denominators are masked out below
        return _fast_2x2x2(P, tol)


def _fast_2x2x2(P: np.ndarray, tol: float) -> tuple[dict[str, np.ndarray], np.ndarray]:
    M = len(P)
    raw = _advantages_3(P.astype(np.float64))
    scale = [np.abs(e).reshape(M, 4).max(axis=1) for e in raw]
    suspect = (scale[0] == 0) | (scale[1] == 0) | (scale[2] == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = [raw[i] / np.where(scale[i] == 0, 1.0, scale[i])[:, None, None] for i in range(3)]
    band = tol
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def entry(i: int, profile: tuple[int, int, int]) -> np.ndarray:
        j, k = others[i]
        return e[i][:, profile[j], profile[k]]

    # a near-tie e_i[a] ~ 0 matters when the others' best-reply conditions can hold on that edge of the cube
    ties = np.zeros(M, dtype=bool)
    for i in range(3):
        ties |= (np.abs(e[i]) <= band).reshape(M, 4).any(axis=1)
    tied = np.flatnonzero(ties)
    if tied.size:
        et = [t[tied] for t in e]
        for i in range(3):
            j, k = others[i]
            for sj, sk in product((0, 1), repeat=2):
                ends: dict[int, list[np.ndarray]] = {}
                for m, sm in ((j, sj), (k, sk)):
                    values = []
                    for si in (1, 0):  # x_i = 0 (second strategy), then x_i = 1 (first)
                        profile = [0, 0, 0]
                        profile[i], profile[j], profile[k] = si, sj, sk
                        a, b = (profile[o] for o in others[m])
                        v = et[m][:, a, b]
                        values.append(v if sm == 0 else -v)
                    ends[m] = values
                tie = np.abs(et[i][:, sj, sk]) <= band
                suspect[tied] |= tie & _edge_relevant([ends[j][0], ends[k][0]], [ends[j][1], ends[k][1]], band)

    candidates_x: list[list[np.ndarray]] = []
    candidates_ok: list[np.ndarray] = []
    candidate_codes: list[tuple[int, int, int]] = []

    # pure profiles: every player's advantage has the strict sign of its choice
    for profile in product((0, 1), repeat=3):
        ok = np.ones(M, dtype=bool)
        for i in range(3):
            v = entry(i, profile)
            ok &= v > 0 if profile[i] == 0 else v < 0
        candidates_ok.append(ok)
        candidates_x.append([1.0 - s for s in profile])
        candidate_codes.append(profile)

    # two players i < j mix at the roots of each other's advantage, k plays s_k and must be a best reply
    for k in (2, 1, 0):
        i, j = (m for m in range(3) if m != k)
        for sk in (0, 1):
            roots = {}
            inside = np.ones(M, dtype=bool)
            for mixer, root_of in ((i, j), (j, i)):  # x_mixer makes root_of indifferent
                ends = []
                for s in (1, 0):  # x_mixer = 0, then 1
                    profile = [0, 0, 0]
                    profile[mixer], profile[k] = s, sk
                    ends.append(entry(root_of, tuple(profile)))  # type: ignore[arg-type]
                v0, v1 = ends
                inside &= v0 * v1 < 0
                with np.errstate(divide="ignore", invalid="ignore"):
                    roots[mixer] = v0 / (v0 - v1)
            x = [None, None, None]
            x[i], x[j], x[k] = roots[i], roots[j], 1.0 - sk
            dk = _bilinear(e[k], x[i], x[j])
            ok = inside & (dk > 0 if sk == 0 else dk < 0)
            suspect |= inside & (np.abs(dk) <= band)
            candidates_ok.append(ok)
            candidates_x.append(x)  # type: ignore[arg-type]
            code = [MIXED, MIXED, MIXED]
            code[k] = sk
            candidate_codes.append(tuple(code))  # type: ignore[arg-type]

    # all three mix: eliminate p = x_1 and q = x_2, a quadratic Q(r) = 0 in r = x_3
    def line(c1: np.ndarray, c0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The line with values c1 at r = 1 and c0 at r = 0, as (constant, slope)."""
        return c0, c1 - c0

    E00 = line(e[0][:, 0, 0], e[0][:, 0, 1])  # player 1's advantage at q = 1 as a function of r
    E01 = line(e[0][:, 1, 0], e[0][:, 1, 1])  # ... at q = 0
    E10 = line(e[1][:, 0, 0], e[1][:, 0, 1])  # player 2's advantage at p = 1
    E11 = line(e[1][:, 1, 0], e[1][:, 1, 1])  # ... at p = 0
    # homogeneous weights: w_0(p) ~ -E11(r), w_1(p) ~ E10(r); w_0(q) ~ -E01(r), w_1(q) ~ E00(r)
    wp = ((-E11[0], -E11[1]), E10)
    wq = ((-E01[0], -E01[1]), E00)
    Q0 = np.zeros(M)
    Q1 = np.zeros(M)
    Q2 = np.zeros(M)
    for a, b in product((0, 1), repeat=2):
        c = e[2][:, a, b]
        (u0, u1), (v0, v1) = wp[a], wq[b]
        Q0 += c * u0 * v0
        Q1 += c * (u0 * v1 + u1 * v0)
        Q2 += c * u1 * v1
    q_scale = np.maximum(np.maximum(np.abs(Q0), np.abs(Q1)), np.abs(Q2))
    suspect |= q_scale <= band
    disc = Q1 * Q1 - 4 * Q2 * Q0
    real = disc >= -(_CONDITION * q_scale) ** 2
    sq = np.sqrt(np.maximum(disc, 0.0))
    t = -0.5 * (Q1 + np.where(Q1 >= 0, sq, -sq))
    with np.errstate(divide="ignore", invalid="ignore"):
        for r in (t / Q2, Q0 / t):
            r = np.where(real, r, np.nan)
            b1 = E00[0] + E00[1] * r - (E01[0] + E01[1] * r)
            b2 = E10[0] + E10[1] * r - (E11[0] + E11[1] * r)
            q = (E01[0] + E01[1] * r) / -b1
            p = (E11[0] + E11[1] * r) / -b2
            near_r = np.isfinite(r) & (r > -_CONDITION) & (r < 1 + _CONDITION)
            # q (or p) not pinned down: B_i(r) ~ 0 with A_i(r) ~ 0 too, so that player is indifferent whatever
            # q (p) is and another player's indifference decides it.  (B_i(r) ~ 0 alone puts q far outside [0, 1].)
            for a_i, b_i in ((E01[0] + E01[1] * r, b1), (E11[0] + E11[1] * r, b2)):
                suspect |= near_r & (np.abs(b_i) <= _CONDITION) & (np.abs(a_i) <= 2 * np.abs(b_i) + _CONDITION)
            near = near_r.copy()
            margin = np.full(M, np.inf)
            for z in (r, p, q):
                near &= (z > -_CONDITION) & (z < 1 + _CONDITION)
                margin = np.minimum(margin, np.minimum(np.abs(z), np.abs(1 - z)))
            # a root on the boundary of the cube, or a near double root
            suspect |= near & ((margin <= _CONDITION) | (sq <= _CONDITION * q_scale))
            ok = (r > 0) & (r < 1) & (p > 0) & (p < 1) & (q > 0) & (q < 1)
            candidates_ok.append(ok)
            candidates_x.append([p, q, r])
            candidate_codes.append((MIXED, MIXED, MIXED))

    ok = np.stack(candidates_ok, axis=1)  # (M, C)
    xs = np.empty((M, len(candidates_x), 3))
    for c, x in enumerate(candidates_x):
        for i in range(3):
            xs[:, c, i] = x[i]
    codes = np.array(candidate_codes, dtype=np.int8)  # (C, 3)
    return _order(ok, xs, codes), suspect


def _order(ok: np.ndarray, xs: np.ndarray, codes: np.ndarray) -> dict[str, np.ndarray]:
    """Keep the valid candidates of each game in canonical order; pad with NaN / -1.

    ``codes`` (C, n) lists the candidates in an order that is canonical between
    groups of equal support size and within the pure group; only games with two
    valid candidates in one mixed group need a sort.
    """
    M, C, n = xs.shape
    mixers = (codes == MIXED).sum(axis=1)
    groups = [np.flatnonzero(mixers == m) for m in range(1, n + 1)]
    needs = np.zeros(M, dtype=bool)
    for members in groups:
        if members.size > 1:
            needs |= ok[:, members].sum(axis=1) > 1
    rows = np.flatnonzero(needs)
    index = None
    if rows.size:  # ok and xs are the caller's scratch arrays: sorted in place
        sub_ok, sub_x = ok[rows], xs[rows]
        keys = [np.where(sub_ok, -sub_x[..., i], 0.0) for i in reversed(range(n))]
        keys.append(np.where(sub_ok, mixers[None, :], n + 1))
        order = np.lexsort(keys, axis=-1)
        ok[rows] = np.take_along_axis(sub_ok, order, axis=1)
        xs[rows] = np.take_along_axis(sub_x, order[..., None], axis=1)
        index = np.broadcast_to(np.arange(C), (M, C)).copy()
        index[rows] = order
    count = ok.sum(axis=1)
    width = max(int(count.max(initial=0)), 1)
    game, candidate = np.nonzero(ok)
    slot = np.cumsum(ok, axis=1)[game, candidate] - 1
    probabilities = np.full((M, width, n), np.nan)
    supports = np.full((M, width, n), PADDING, dtype=np.int8)
    probabilities[game, slot] = xs[game, candidate]
    supports[game, slot] = codes[candidate if index is None else index[game, candidate]]
    return {"count": count, "probabilities": probabilities, "supports": supports}


# ---------------------------------------------------------------------------------------------------- 2x2x2, exact
class _IntegerArrays(NumpyBackend):
    """Exact arithmetic on Python ints held in object arrays (one entry per game); conditions are boolean arrays.

    The closed-form formulas use ``+ - *`` and the halving of ``Q(1) - Q(-1)`` and
    ``Q(1) + Q(-1)`` for a polynomial ``Q`` with integer coefficients (both even), so on
    integer advantage tables every value they compute is an integer and every sign
    test is exact -- the :class:`~trigame.solve.nash._closed_backend.ExactBackend` answer,
    for a whole group of games per arithmetic operation.
    """

    def __init__(self) -> None:
        super().__init__(atol=0.0)

    def pos(self, x: Any) -> Any:
        return np.greater(x, 0)

    def neg(self, x: Any) -> Any:
        return np.less(x, 0)

    def nonneg(self, x: Any) -> Any:
        return np.greater_equal(x, 0)

    def nonpos(self, x: Any) -> Any:
        return np.less_equal(x, 0)

    def zero(self, x: Any) -> Any:
        return np.equal(x, 0)

    def constant(self, value: int) -> Any:
        return int(value)

    def half(self, x: Any) -> Any:
        return x // 2


def _integer_advantages(P: np.ndarray) -> list[np.ndarray]:
    """Advantage tables ``e[i]`` of shape (G, 2, 2) as Python ints, each player's scaled by a positive number per game.

    A positive rescaling of one player's payoffs changes neither the equilibria nor
    any sign the closed forms test, so the exact games are solved in integers:
    integer payoffs as they are, Fractions times the common denominator of the
    player's payoffs, floats as the binary fractions they denote times a power of 2.
    """
    G = len(P)
    if P.dtype.kind in "iu":  # |payoff| < 2**53 (checked on input): differences fit in int64
        return [t.astype(object) for t in _advantages_3(P.astype(np.int64))]
    if P.dtype == object:
        scaled = np.empty((G, 3, 8), dtype=object)
        flat = P.reshape(G, 3, 8)
        for g in range(G):
            for i in range(3):
                values = [Fraction(v) for v in flat[g, i]]
                common = math.lcm(*(v.denominator for v in values))
                scaled[g, i] = [v.numerator * (common // v.denominator) for v in values]
        return _advantages_3(scaled.reshape(P.shape))
    mantissa, exponent = np.frexp(P.reshape(G, 3, 8).astype(np.float64))
    m = (mantissa * 2.0**53).astype(np.int64)  # payoff = m * 2**(exponent - 53), exactly
    exponent = exponent.astype(np.int64) - 53
    nonzero = m != 0
    low_bit = np.where(nonzero, m & -m, 1)  # strip trailing zero bits: integer-valued payoffs stay small
    zeros = np.log2(low_bit.astype(np.float64)).astype(np.int64)
    m >>= zeros
    exponent += zeros
    lowest = np.where(nonzero, exponent, np.iinfo(np.int64).max).min(axis=2, keepdims=True)
    shift = np.where(nonzero, exponent - lowest, 0)
    return _advantages_3((m.astype(object) << shift.astype(object)).reshape(P.shape))


def _has_interior(lines: list[tuple[Any, Any]]) -> np.ndarray:
    """Whether ``{t in [0, 1]: g(t) >= 0 for every line g}`` has an interior point (exact, vectorised).

    Each line is given by its values ``(g(0), g(1))``.  The set is an interval: its
    lower bounds are 0 and the roots of rising lines, its upper bounds 1 and the
    roots of falling lines (``t = g(0) / (g(0) - g(1))``), and it has an interior
    exactly when every line is somewhere nonnegative and every lower bound is below
    every upper bound.
    """
    ok: Any = np.True_
    lows: list[tuple[Any, Any, Any]] = [(np.True_, 0, 1)]  # (applies, numerator, positive denominator)
    highs: list[tuple[Any, Any, Any]] = [(np.True_, 1, 1)]
    for g0, g1 in lines:
        ok = ok & (np.greater_equal(g0, 0) | np.greater_equal(g1, 0))
        highs.append((np.greater_equal(g0, 0) & np.less(g1, 0), g0, g0 - g1))
        lows.append((np.less(g0, 0) & np.greater_equal(g1, 0), -g0, g1 - g0))
    for applies_low, n_low, d_low in lows:
        for applies_high, n_high, d_high in highs:
            ok = ok & (~(applies_low & applies_high) | np.less(n_low * d_high, n_high * d_low))
    return np.asarray(ok, dtype=bool)


def _continuum_exact(e: list[np.ndarray], tables: list[dict[tuple[int, ...], Any]], B: _IntegerArrays) -> np.ndarray:
    """Which games (integer advantage tables) have infinitely many equilibria: the scalar test, vectorised.

    The same case analysis as :func:`trigame.solve.nash.closed_form._continuum_2x2x2`: a
    player indifferent against a pure pair while the other two keep their best
    replies on an interval of its probability; two players mixing, one of them
    free on an interval (or both on a square), the third pure and a best reply;
    a curve of totally mixed equilibria.  The last case needs a dummy player,
    ``A_i`` and ``B_i`` proportional for player 1 or 2, or the eliminated quadratic
    vanishing identically; the few games with one of these go to the scalar test.
    """
    from trigame.solve.nash._closed_formulas import continuum_necessary, linear_in_r
    from trigame.solve.nash.closed_form import _totally_mixed_continuum

    G = len(e[0])
    necessary = np.broadcast_to(np.asarray(continuum_necessary(B, tables), dtype=bool), (G,))
    found = np.zeros(G, dtype=bool)
    if not necessary.any():
        return found
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def entry(m: int, profile: Sequence[int]) -> np.ndarray:
        a, b = (profile[o] for o in others[m])
        return e[m][:, a, b]

    # one player i mixes against the pure pair (s_j, s_k): indifferent there, j and k best replies on an interval
    for i in range(3):
        j, k = others[i]
        for sj, sk in product((0, 1), repeat=2):
            profile = [0, 0, 0]
            profile[j], profile[k] = sj, sk
            lines = []
            for m in (j, k):
                ends = []
                for si in (1, 0):  # x_i = 0, then x_i = 1
                    at = list(profile)
                    at[i] = si
                    v = entry(m, at)
                    ends.append(v if profile[m] == 0 else -v)
                lines.append((ends[0], ends[1]))
            found |= np.equal(entry(i, profile), 0) & _has_interior(lines)

    # two players i < j mix, k plays s_k
    for k in range(3):
        i, j = others[k]
        for sk in (0, 1):
            sign = 1 if sk == 0 else -1  # k's advantage must be >= 0 (first strategy) or <= 0 (second)

            def line(owner: int, var: int, k: int = k, sk: int = sk) -> tuple[np.ndarray, np.ndarray]:
                """The owner's advantage at x_var = 0 and at x_var = 1 (k at s_k)."""
                at = [0, 0, 0]
                at[k] = sk
                at[var] = 1
                v0 = entry(owner, at)
                at[var] = 0
                return v0, entry(owner, at)

            (a0, a1), (b0, b1) = line(i, j), line(j, i)  # x_j pinned by i's indifference, x_i by j's
            free_j, free_i = np.equal(a0, 0) & np.equal(a1, 0), np.equal(b0, 0) & np.equal(b1, 0)
            root_j, root_i = np.less(a0 * a1, 0), np.less(b0 * b1, 0)
            corners = [e[k][:, a, b] for a, b in product((0, 1), repeat=2)]
            wanted = np.zeros(G, dtype=bool)
            for v in corners:
                wanted |= np.greater(sign * v, 0)
            all_zero = np.logical_and.reduce([np.equal(v, 0) for v in corners])
            found |= free_i & free_j & (wanted | all_zero)
            # one of them free on an interval, the other at its root n / d: k's advantage along the free one
            pairs = ((free_i, root_j, (a0, a0 - a1), i), (free_j, root_i, (b0, b0 - b1), j))
            for free, root, (n, d), free_var in pairs:
                rows = free & root
                if not rows.any():
                    continue
                ends = []
                for s_free in (1, 0):  # free probability 0, then 1
                    total = 0
                    for s_fixed in (0, 1):
                        weight = n if s_fixed == 0 else d - n
                        a, b = (s_free, s_fixed) if free_var == i else (s_fixed, s_free)
                        total = total + e[k][:, a, b] * weight
                    ends.append(sign * total * d)  # times d: the sign of k's advantage itself
                found |= rows & _has_interior([(ends[0], ends[1])])

    # a curve of totally mixed equilibria
    dummy = np.logical_or.reduce([np.all(np.equal(t.reshape(G, 4), 0), axis=1) for t in e])
    proportional = np.zeros(G, dtype=bool)
    for player in (0, 1):
        (a0, a1), (b0, b1) = linear_in_r(B, tables, player)
        proportional |= np.equal(a0 * b1 - a1 * b0, 0)
    quadratic = _eliminated_quadratic_vanishes(B, tables, G)
    for g in np.flatnonzero(necessary & ~found & (dummy | proportional | quadratic)):
        scalar = [{a: int(t[g]) for a, t in table.items()} for table in tables]
        found[g] = _totally_mixed_continuum(scalar)
    return necessary & found


def _eliminated_quadratic_vanishes(B: _IntegerArrays, tables: list[dict[tuple[int, ...], Any]], G: int) -> np.ndarray:
    """Whether ``Q(r)`` (player 3's indifference after eliminating p and q) is identically zero."""
    from trigame.solve.nash._closed_backend import Surd
    from trigame.solve.nash._closed_formulas import advantage, root

    vanishes = np.ones(G, dtype=bool)
    one = (Surd(B, 1), Surd(B, 1))
    for r_value in (0, 1, -1):
        probs: list[Any] = [one, one, (Surd(B, r_value), Surd(B, 1))]
        probs[1] = root(B, tables, 0, 1, probs)
        probs[0] = root(B, tables, 1, 0, probs)
        vanishes &= np.equal(advantage(B, tables, 2, probs).a, 0)
    return vanishes


def _at(value: Any, rows: np.ndarray, G: int) -> np.ndarray:
    """A backend value (a Python int or an object array over the group) at the given games."""
    return np.broadcast_to(np.asarray(value, dtype=object), (G,))[rows]


def _homogeneous_advantage(e: np.ndarray, n: list[Any], m: list[Any]) -> Any:
    """``sum_ab e[a, b] w_a w_b`` with ``w_0 = N``, ``w_1 = M - N`` for the two other players (exact ints)."""
    total: Any = 0
    for a, b in product((0, 1), repeat=2):
        total = total + e[:, a, b] * (n[0] if a == 0 else m[0] - n[0]) * (n[1] if b == 0 else m[1] - n[1])
    return total


def _irregular_exact(e: list[np.ndarray], num: np.ndarray, den: np.ndarray, mixing: np.ndarray) -> np.ndarray:
    """Which exact rational profiles ``num / den`` (K, 3) are irregular equilibria, decided in integers.

    Irregular (Harsanyi 1973): a player who plays a pure strategy is indifferent, or
    the Jacobian ``J[i][j] = dD_i/dx_j`` of the mixing players' indifference
    conditions is singular -- one player mixing alone, ``J_ij J_ji = 0`` for two, and
    for three (zero diagonal) ``det J = J01 J12 J20 + J02 J21 J10 = 0``.
    Homogenised (every probability ``N / M`` weighted by numerators and
    denominators), each advantage is the true one times a product of nonzero
    denominators, and both terms of the 3x3 determinant carry the same product
    ``M_1 M_2 M_3``, so every zero test is the exact one.
    """
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}

    def advantage(i: int, n: np.ndarray | list[Any], m: np.ndarray | list[Any]) -> Any:
        j, k = others[i]
        return _homogeneous_advantage(e[i], [n[j], n[k]], [m[j], m[k]])

    n_cols, m_cols = [num[:, i] for i in range(3)], [den[:, i] for i in range(3)]

    def slope(i: int, j: int) -> Any:
        hi_n, lo_n, ms = list(n_cols), list(n_cols), list(m_cols)
        hi_n[j], lo_n[j], ms[j] = 1, 0, 1
        return advantage(i, hi_n, ms) - advantage(i, lo_n, ms)

    irregular = np.zeros(len(num), dtype=bool)
    for i in range(3):
        irregular |= ~mixing[:, i] & np.equal(advantage(i, n_cols, m_cols), 0)
    count = mixing.sum(axis=1)
    irregular |= count == 1
    for k in range(3):
        i, j = others[k]
        rows = mixing[:, i] & mixing[:, j] & ~mixing[:, k]
        if rows.any():
            irregular |= rows & np.equal(slope(i, j) * slope(j, i), 0)
    if (count == 3).any():
        det = slope(0, 1) * slope(1, 2) * slope(2, 0) + slope(0, 2) * slope(2, 1) * slope(1, 0)
        irregular |= (count == 3) & np.equal(det, 0)
    return irregular


def _irregular_float(e: list[np.ndarray], x: np.ndarray, tol: float) -> np.ndarray:
    """Which float profiles ``x`` (K, 3) are irregular, a quantity counting as zero when at most ``tol``.

    The tests of :func:`_irregular_exact` in floating point: used for float games
    (advantages normalised per player) and for irrational equilibria.
    """
    others = {0: (1, 2), 1: (0, 2), 2: (0, 1)}
    cols = [x[:, i] for i in range(3)]

    def D(i: int, at: list[Any]) -> np.ndarray:
        j, k = others[i]
        return _bilinear(e[i], at[j], at[k])

    def slope(i: int, j: int) -> np.ndarray:
        hi, lo = list(cols), list(cols)
        hi[j], lo[j] = 1, 0
        return D(i, hi) - D(i, lo)

    mixing = (x != 0) & (x != 1)
    irregular = np.zeros(len(x), dtype=bool)
    for i in range(3):
        irregular |= ~mixing[:, i] & (np.abs(D(i, cols)) <= tol)
    count = mixing.sum(axis=1)
    irregular |= count == 1
    for k in range(3):
        i, j = others[k]
        rows = mixing[:, i] & mixing[:, j] & ~mixing[:, k]
        irregular |= rows & (np.abs(slope(i, j) * slope(j, i)) <= tol)
    det = slope(0, 1) * slope(1, 2) * slope(2, 0) + slope(0, 2) * slope(2, 1) * slope(1, 0)
    return irregular | ((count == 3) & (np.abs(det) <= tol))


def _surd_value(a: int, b: int, c: int, f: int, disc: int) -> tuple[int, int] | float:
    """``(a + b sqrt(disc)) / (c + f sqrt(disc))``: an integer pair when rational, else a float.

    The cases of :func:`trigame.solve.nash.closed_form._probability`: no square root, a
    perfect-square ``disc``, a quotient whose surd parts cancel (``b c = a f``), and
    otherwise ``x0 + x1 sqrt(disc)`` rounded to a float by the same routine.
    """
    from trigame.solve.nash.closed_form import _surd_to_float

    if b == 0 and f == 0:
        return a, c
    root = math.isqrt(disc)
    if root * root == disc:
        return a + b * root, c + f * root
    norm = c * c - f * f * disc
    if b * c == a * f:
        return a * c - b * f * disc, norm
    return _surd_to_float(Fraction(a * c - b * f * disc, norm), Fraction(b * c - a * f, norm), Fraction(disc))


def _solve_exact_group(P: np.ndarray, exact: bool, tol: float) -> list[tuple[list[list[float]], bool, bool]]:
    """2x2x2 games solved by the closed forms in exact integer arithmetic, vectorised over the group.

    Returns, per game, the probabilities of ``closed_form_equilibria`` in its
    order, its continuum flag (``EquilibriumSet.degenerate``), and the degenerate
    flag (a continuum, or an irregular equilibrium).  The candidates, their conditions, the continuum test and the
    regularity test are the scalar solver's, evaluated with :class:`_IntegerArrays`
    on all games at once; what remains per game is the scalar result builder's
    bookkeeping: drop repeated candidates (on the same supports, equal
    probabilities -- exactly when both are exact, within ``DEDUP_TOL`` otherwise),
    then sort by support size and probabilities.  Irrational probabilities (roots
    of the quadratic) are rounded by the scalar solver's routine, from the scaled
    integers, so they may differ from the scalar solver's in the last bit.
    """
    from trigame.solve.nash._closed_formulas import FIRST as FIRST_PATTERN
    from trigame.solve.nash._closed_formulas import MIXED as MIXED_PATTERN
    from trigame.solve.nash._closed_formulas import pieces
    from trigame.solve.nash._common import DEDUP_TOL, clean_float_vector

    G = len(P)
    e = _integer_advantages(P)
    tables = [{(a, b): e[i][:, a, b] for a, b in product((0, 1), repeat=2)} for i in range(3)]
    B = _IntegerArrays()
    codes: list[tuple[int, int, int]] = []
    games, candidates, nums, dens, floats = [], [], [], [], []
    for c, piece in enumerate(pieces(B, tables)):
        codes.append(tuple(FIRST if s == FIRST_PATTERN else MIXED if s == MIXED_PATTERN else SECOND  # type: ignore[misc]
                           for s in piece.pattern))
        rows = np.flatnonzero(np.broadcast_to(np.asarray(piece.condition, dtype=bool), (G,)))
        if rows.size == 0:
            continue
        num = np.empty((rows.size, 3), dtype=object)
        den = np.empty((rows.size, 3), dtype=object)
        value = np.full((rows.size, 3), np.nan)  # irrational probabilities; NaN where num / den holds the value
        for i, (N, M) in enumerate(piece.probs):
            (a, b), (cc, f) = N.parts(), M.parts()
            if piece.disc is None:
                num[:, i], den[:, i] = _at(a, rows, G), _at(cc, rows, G)
                continue
            parts = [_at(v, rows, G) for v in (a, b, cc, f, piece.disc)]
            for r in range(rows.size):
                solved = _surd_value(*(int(p[r]) for p in parts))
                if isinstance(solved, float):
                    value[r, i] = solved
                    num[r, i], den[r, i] = 0, 1  # placeholders, never used
                else:
                    num[r, i], den[r, i] = solved
        games.append(rows)
        candidates.append(np.full(rows.size, c))
        nums.append(num)
        dens.append(den)
        floats.append(value)
    if not games:
        games, candidates = [np.zeros(0, dtype=np.intp)] * 2
        nums, dens, floats = [np.zeros((0, 3), dtype=object)] * 2 + [np.zeros((0, 3))]  # type: ignore[list-item]
    game, candidate = np.concatenate(games), np.concatenate(candidates)
    order = np.lexsort((candidate, game))  # each game's candidates in the scalar solver's order
    game, candidate = game[order], candidate[order]
    num, den, value = np.concatenate(nums)[order], np.concatenate(dens)[order], np.concatenate(floats)[order]
    rational = np.isnan(value)
    x = (num / den).astype(np.float64) if len(num) else np.zeros((0, 3))
    y = ((den - num) / den).astype(np.float64) if len(num) else np.zeros((0, 3))  # 1 - x, rounded once
    for r, i in zip(*np.nonzero(~rational)):  # the scalar result builder cleans float vectors [x, 1 - x]
        x[r, i], y[r, i] = clean_float_vector([value[r, i], 1.0 - value[r, i]])
    support = np.concatenate([x != 0, y != 0], axis=1)
    size = support.sum(axis=1)
    bounds = np.searchsorted(game, np.arange(G + 1))

    def same(q: int, r: int) -> bool:
        if not np.array_equal(support[q], support[r]):
            return False
        for i in range(3):
            if exact and rational[q, i] and rational[r, i]:
                if num[q, i] * den[r, i] != num[r, i] * den[q, i]:
                    return False
            elif abs(x[q, i] - x[r, i]) > DEDUP_TOL or abs(y[q, i] - y[r, i]) > DEDUP_TOL:
                return False
        return True

    kept_of: list[list[int]] = []
    for g in range(G):
        kept: list[int] = []
        for r in range(bounds[g], bounds[g + 1]):
            if not any(same(q, r) for q in kept):
                kept.append(r)
        kept.sort(key=lambda r: (size[r], [-v for i in range(3) for v in (x[r, i], y[r, i])]))
        kept_of.append(kept)

    rows = np.array([r for kept in kept_of for r in kept], dtype=np.intp)
    irregular = np.zeros(len(rows), dtype=bool)
    by_integers = rational[rows].all(axis=1) if exact else np.zeros(len(rows), dtype=bool)
    if by_integers.any():
        at = rows[by_integers]
        mixing = np.array([codes[c] for c in candidate[at]], dtype=np.int8).reshape(-1, 3) == MIXED
        irregular[by_integers] = _irregular_exact([t[game[at]] for t in e], num[at], den[at], mixing)
    if (~by_integers).any():
        at = rows[~by_integers]
        raw = [np.asarray(t, dtype=np.float64) for t in _advantages_3(P)]  # exact differences, then rounded
        if not exact:  # float games: ties relative to each player's largest advantage (the 'tol' contract)
            raw = [t / np.where(s == 0, 1.0, s)[:, None, None]
                   for t, s in ((t, np.abs(t).reshape(G, 4).max(axis=1)) for t in
                                _advantages_3(np.asarray(P, dtype=np.float64)))]
        irregular[~by_integers] = _irregular_float([t[game[at]] for t in raw], x[at], tol)
    continuum = _continuum_exact(e, tables, B)
    out: list[tuple[list[list[float]], bool, bool]] = []
    position = 0
    for g in range(G):
        kept = kept_of[g]
        irregular_here = bool(irregular[position:position + len(kept)].any())
        position += len(kept)
        out.append(([x[r].tolist() for r in kept], bool(continuum[g]), bool(continuum[g]) or irregular_here))
    return out


def _solve_2x2x2(P: np.ndarray, exact: bool, tol: float, original: np.ndarray | None = None,
                 force: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Equilibria of M 2x2x2 games; ``P`` rescaled, games in ``force`` solved exactly from ``original``."""
    fast, suspect = _solve_2x2x2_fast(P, tol)
    if force is not None:
        suspect |= force
    M = len(P)
    result = dict(fast)
    result["degenerate"] = np.zeros(M, dtype=bool)
    result["continuum"] = np.zeros(M, dtype=bool)
    result["exact_path"] = suspect.copy()
    redo = np.flatnonzero(suspect)
    if redo.size == 0:
        return result
    solved = _solve_exact_group((P if original is None else original)[redo], exact, tol)
    width = max(result["probabilities"].shape[1], max((len(s[0]) for s in solved), default=1))
    probabilities = np.full((M, width, 3), np.nan)
    supports = np.full((M, width, 3), PADDING, dtype=np.int8)
    old = result["probabilities"].shape[1]
    probabilities[:, :old] = result["probabilities"]
    supports[:, :old] = result["supports"]
    count = result["count"].copy()
    for g, (found, continuum, degenerate) in zip(redo, solved):
        probabilities[g] = np.nan
        supports[g] = PADDING
        for k, x in enumerate(found):
            probabilities[g, k] = x
            supports[g, k] = [FIRST if v == 1 else SECOND if v == 0 else MIXED for v in x]
        count[g] = len(found)
        result["continuum"][g] = continuum
        result["degenerate"][g] = degenerate
    result.update(count=count, probabilities=probabilities, supports=supports)
    return result


# ---------------------------------------------------------------------------------------------------- payoffs
def _player_exponents(flat: np.ndarray) -> np.ndarray:
    """Per game and player, ``e`` with the largest |payoff| in ``[2**(e-1), 2**e)``: (M, n, k) -> (M, n).

    Dividing by ``2**e`` is exact and puts every payoff of that player in ``(-1, 1)``
    (``e = 1`` for a player whose payoffs are all zero).
    """
    largest = np.abs(flat).max(axis=2, initial=0.0)
    return np.frexp(np.where(largest > 0, largest, 1.0))[1]


def _expected_payoffs(P: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Expected payoff of each player at each profile: (M, n, 2..2) x (M, K, n) -> (M, K, n).

    The multilinear extension, one player's probability at a time:
    ``u(x_1, ...) = x_1 u(first, ...) + (1 - x_1) u(second, ...)``, on each
    player's payoffs scaled by a power of two into [1/2, 1) and scaled back, so
    that neither huge nor tiny payoffs overflow or underflow on the way.
    """
    M, K, n = probabilities.shape
    exponent = _player_exponents(P.reshape(M, n, -1))
    scaled = np.ldexp(P, exponent.reshape((M, n) + (1,) * n) * -1)
    table = np.moveaxis(scaled, 1, -1)[:, None]  # (M, 1, 2, ..., 2, n)
    for i in range(n):
        x = probabilities[:, :, i].reshape((M, K) + (1,) * (n - i))
        table = x * table[:, :, 0] + (1 - x) * table[:, :, 1]
    return np.ldexp(table, exponent[:, None, :])


# ---------------------------------------------------------------------------------------------------- entry point
def equilibria(payoffs: Any, *, n_players: int | None = None, tol: float = 1e-9) -> BatchEquilibria:
    """All Nash equilibria of a batch of 2x2 or 2x2x2 games.

    Parameters
    ----------
    payoffs : array_like, shape (*batch, n_players, 2, ..., 2)
        ``payoffs[..., i, s_1, ..., s_n]`` is player ``i``'s payoff (the layout of
        :class:`~trigame.NormalFormGame`, with any leading batch shape -- e.g.
        the output of ``Model.payoff_tensor``).  Floats, integers, or an object
        array of ints and Fractions (exact).
    n_players : {2, 3}, optional
        Inferred from the shape, which then needs at least one batch axis:
        ``(N, ..., 3, 2, 2, 2)`` is read as 2x2x2 games.  Pass ``n_players=2``
        for a batch of 2x2 games whose last batch axis has length 3, and
        ``n_players`` for a single game without a batch axis.
    tol : float, default 1e-9
        Float input: a payoff difference (or a quantity derived from the
        differences) counts as a tie when it is at most ``tol`` times the
        largest absolute advantage of that player in that game; this marks
        ``degenerate`` games and routes 2x2x2 near-ties to the exact solver.
        Exact input: ties are decided exactly.

    Notes
    -----
    Payoffs of any finite magnitude are solved: equilibria do not change when
    one player's payoffs are multiplied by a positive number, so each player's
    payoffs in each game are scaled by the power of two that brings the
    largest into [1/2, 1) before any difference or product is taken (exactly:
    every sign and tie is that of the input).  A game in which one player's
    payoffs span more than about 2^1000 (so that no such scaling is exact) is
    solved in exact arithmetic instead.

    Returns
    -------
    BatchEquilibria
        ``count``, ``probabilities``, ``payoffs``, ``supports``, ``degenerate``,
        ``continuum``; ``res[i]`` is game ``i``'s :class:`~trigame.EquilibriumSet`.

    Raises
    ------
    GameShapeError
        If the payoffs are not a batch of 2x2 or 2x2x2 games.
    PayoffTypeError, PayoffValueError
        If the payoffs are not numbers, or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> import trigame as tg
    >>> rng = np.random.default_rng(0)
    >>> res = tg.batch.equilibria(rng.normal(size=(1000, 3, 2, 2, 2)))
    >>> res.probabilities.shape[0], bool(np.all(res.count % 2 == 1)), bool(res.degenerate.any())
    (1000, True, False)
    """
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.floating, np.integer)) or not (
            np.isfinite(tol) and 0 <= tol < 1):
        raise ParameterError(f"tol must be a number in [0, 1), got {tol!r}")
    array, exact = _as_payoffs(payoffs)
    if array.ndim < 3:
        raise GameShapeError(f"payoffs of shape {array.shape} are not a batch of 2x2 or 2x2x2 games: expected "
                             "(*batch, 2, 2, 2) or (*batch, 3, 2, 2, 2)")
    n = _infer_players(array.shape, n_players)
    game_shape = array.shape[-(n + 1):]
    batch_shape = array.shape[:-(n + 1)]
    flat = array.reshape((-1, *game_shape))
    numeric = flat
    if flat.dtype.kind in "iu":
        numeric = flat.astype(np.int64, copy=False)
    solve = _solve_2x2 if n == 2 else _solve_2x2x2
    source = flat if flat.dtype == object else numeric
    if source.dtype.kind in "iu":  # |payoff| < 2**53: nothing overflows
        scaled, lossy = source, np.zeros(len(source), dtype=bool)
    else:
        scaled, lossy = _rescale(source)
    chunk = CHUNK_2X2 if n == 2 else CHUNK
    pieces = [solve(scaled[start:start + chunk], exact, float(tol), source[start:start + chunk],
                    lossy[start:start + chunk]) for start in range(0, max(len(flat), 1), chunk)]
    width = max(p["probabilities"].shape[1] for p in pieces)

    def padded(p: dict[str, np.ndarray], name: str, fill: float) -> np.ndarray:
        a = p[name]
        if a.shape[1] == width:
            return a
        out = np.full((a.shape[0], width, n), fill, dtype=a.dtype)
        out[:, :a.shape[1]] = a
        return out

    def joined(name: str, fill: float = 0) -> np.ndarray:
        parts = [padded(p, name, fill) if p[name].ndim == 3 else p[name] for p in pieces]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    probabilities = joined("probabilities", np.nan)
    supports = joined("supports", PADDING)
    count = joined("count").astype(np.int64)
    if count.size and count.min() == 0:
        # every finite game has an equilibrium (Nash 1951): an empty answer is a bug, never a result
        empty = int(np.flatnonzero(count == 0)[0])
        raise SolverError(
            f"internal error: the batch engine found no equilibrium of game {empty} (flat index); "
            "please report it with the game's payoffs"
        )
    return BatchEquilibria(
        count=count.reshape(batch_shape),
        probabilities=probabilities.reshape((*batch_shape, width, n)),
        supports=supports.reshape((*batch_shape, width, n)),
        degenerate=joined("degenerate").astype(bool).reshape(batch_shape),
        continuum=joined("continuum").astype(bool).reshape(batch_shape),
        exact_path=joined("exact_path").astype(bool).reshape(batch_shape),
        game_payoffs=array,
        n_players=n,
        tol=float(tol),
    )
