"""The result of a batch solve: :class:`BatchEquilibria`, its strategy codes and its expected payoffs.

Every array of a :class:`BatchEquilibria` is indexed by the batch shape of the
input first; an equilibrium of a game with ``n`` players is stored as the
probability of each player's first strategy (``probabilities``) and as
value-free strategy codes (``supports``: :data:`FIRST`, :data:`SECOND`,
:data:`MIXED`, :data:`PADDING` beyond the game's ``count``), from which a
game's :class:`~trigame.EquilibriumSet`, its outcome distribution and the
label of its equilibrium set are built on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from trigame.errors import GameShapeError
from trigame.solve.batch._input import CHUNK, _player_exponents

__all__ = ["FIRST", "MIXED", "PADDING", "SECOND", "BatchEquilibria"]

#: Strategy codes of one player in an equilibrium (``BatchEquilibria.supports``).
FIRST, SECOND, MIXED, PADDING = 0, 1, 2, -1


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
