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

from typing import Any

import numpy as np

from trigame.errors import GameShapeError, ParameterError, SolverError
from trigame.solve.batch._input import CHUNK, CHUNK_2X2, _as_payoffs, _infer_players, _rescale
from trigame.solve.batch._kernel_2x2 import _solve_2x2
from trigame.solve.batch._kernel_2x2x2 import _solve_2x2x2
from trigame.solve.batch._memory import fresh
from trigame.solve.batch.result import FIRST, MIXED, PADDING, SECOND, BatchEquilibria  # noqa: F401 (the codes)

__all__ = ["BatchEquilibria", "equilibria"]


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
    chunk = CHUNK_2X2 if n == 2 else CHUNK
    out = _Output(len(flat), n)
    for start in range(0, max(len(flat), 1), chunk):  # one (empty) chunk for an empty batch, for the shapes
        part = source[start:start + chunk]
        if part.dtype.kind in "iu":  # |payoff| < 2**53: nothing overflows
            scaled, lossy = part, np.zeros(len(part), dtype=bool)
        else:  # rescaled chunk by chunk, so that no temporary grows with the batch
            scaled, lossy = _rescale(part)
        out.put(start, solve(scaled, exact, float(tol), part, lossy))
    count, width = out.count, out.width
    if count.size and count.min() == 0:
        # every finite game has an equilibrium (Nash 1951): an empty answer is a bug, never a result
        empty = int(np.flatnonzero(count == 0)[0])
        raise SolverError(
            f"internal error: the batch engine found no equilibrium of game {empty} (flat index); "
            "please report it with the game's payoffs"
        )
    probabilities, supports = out.probabilities, out.supports
    return BatchEquilibria(
        count=count.reshape(batch_shape),
        probabilities=probabilities.reshape((*batch_shape, width, n)),
        supports=supports.reshape((*batch_shape, width, n)),
        degenerate=out.flags["degenerate"].reshape(batch_shape),
        continuum=out.flags["continuum"].reshape(batch_shape),
        exact_path=out.flags["exact_path"].reshape(batch_shape),
        game_payoffs=array,
        n_players=n,
        tol=float(tol),
    )


class _Output:
    """The batch's result arrays, filled chunk by chunk in place (no concatenation, no temporary of the batch).

    The width (equilibria per game) is that of the widest chunk so far: a narrower chunk is padded in place, a
    wider one widens the arrays once (rare: the first chunk almost always reaches the batch's width).
    """

    def __init__(self, size: int, n_players: int) -> None:
        self.size, self.n = size, n_players
        self.count = fresh((size,), np.int64)
        self.flags = {name: fresh((size,), bool) for name in ("degenerate", "continuum", "exact_path")}
        self.width = 0
        self.probabilities = np.empty((size, 0, n_players))
        self.supports = np.empty((size, 0, n_players), dtype=np.int8)

    def put(self, start: int, piece: dict[str, np.ndarray]) -> None:
        stop = start + len(piece["count"])
        width = piece["probabilities"].shape[1]
        if width > self.width:
            self._widen(width, start)
        self.count[start:stop] = piece["count"]
        for name, array in self.flags.items():
            array[start:stop] = piece[name]
        self.probabilities[start:stop, :width] = piece["probabilities"]
        self.supports[start:stop, :width] = piece["supports"]
        if width < self.width:
            self.probabilities[start:stop, width:] = np.nan
            self.supports[start:stop, width:] = PADDING

    def _widen(self, width: int, filled: int) -> None:
        probabilities = fresh((self.size, width, self.n))
        supports = fresh((self.size, width, self.n), np.int8)
        probabilities[:filled, :self.width] = self.probabilities[:filled]
        supports[:filled, :self.width] = self.supports[:filled]
        probabilities[:filled, self.width:] = np.nan
        supports[:filled, self.width:] = PADDING
        self.probabilities, self.supports, self.width = probabilities, supports, width
