"""Shared pieces of the solvers: the verified result builder and exact integer payoffs.

Float payoffs are solved as the exact binary rationals they are
(:func:`reduced_integer_payoffs`): a float game has the equilibria of the exact
game with the same numbers, and only the reported probabilities are rounded
to floats.  Float *checks* of float profiles allow a regret of ``tol`` times
each player's payoff range (:func:`trigame.verify.player_scales`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.equilibrium import Equilibrium, EquilibriumSet
from trigame.errors import SolverError
from trigame.game import NormalFormGame
from trigame.verify import (
    check_profile,
    float_payoffs,
    normalized_payoffs,
    payoff_scale,
    player_scales,
    validate_tol,
)

__all__ = [
    "build_set",
    "clean_float_vector",
    "exact_view",
    "float_payoffs",
    "integer_payoffs",
    "normalized_payoffs",
    "payoff_scale",
    "player_scales",
    "reduced_integer_payoffs",
    "validate_tol",
]

#: Float probabilities below this are set to exactly zero before verification.
ZERO_TOL = 1e-12
#: Two float equilibria closer than this (max norm) are the same equilibrium.
DEDUP_TOL = 1e-7
#: The rounded float form of an exactly verified equilibrium is not re-judged (only its payoffs are computed).
MAX_CHECK_TOL = 1e-3


def integer_payoffs(game: NormalFormGame) -> np.ndarray:
    """Each player's exact payoffs scaled by a positive integer to integers.

    A positive rescaling of one player's payoffs leaves the equilibria
    unchanged, so solvers may work on these integers.  Returns ``int64`` when
    every entry fits comfortably (so products in pivoting stay exact in Python
    ints after conversion), otherwise an object array of Python ints.  Cached on
    the game.
    """
    if "integer" in game._cache:
        return game._cache["integer"]
    if game.kind != "exact":
        raise ValueError("integer_payoffs needs an exact game")
    rows = []
    for i in range(game.n_players):
        values = game.payoffs[i]
        lcm = 1
        for v in values.flat:
            lcm = lcm * v.denominator // math.gcd(lcm, v.denominator)
        rows.append(np.vectorize(lambda v, lcm=lcm: v.numerator * (lcm // v.denominator), otypes=[object])(values))
    array = np.stack(rows)
    biggest = max((abs(int(v)) for v in array.flat), default=0)
    if biggest < 2**31:
        array = array.astype(np.int64)
    array.flags.writeable = False
    game._cache["integer"] = array
    return array


def reduced_integer_payoffs(game: NormalFormGame) -> np.ndarray:
    """Each player's payoffs mapped by an exact positive affine map onto integers ``>= 0`` with minimum 0, gcd 1.

    Works for exact games and for float games, whose payoffs are taken as the
    exact binary rationals they are (``float.as_integer_ratio``).  A positive
    affine map of one player's payoffs leaves the equilibria unchanged, so
    solvers may work on these integers: they neither overflow (matching pennies
    times ``1e308`` becomes 0/1) nor depend on the units of the payoffs.  A
    player whose payoffs are all equal gets zeros.  ``int64`` when every entry
    is below ``2**31``, else Python ints in an object array.  Cached on the game.
    """
    if "reduced" in game._cache:
        return game._cache["reduced"]
    if game.kind not in ("exact", "float"):
        raise ValueError("reduced_integer_payoffs needs a numeric game")
    rows = []
    for i in range(game.n_players):
        if game.kind == "exact":
            ratios = [(v.numerator, v.denominator) for v in game.payoffs[i].flat]
        else:
            ratios = [float(v).as_integer_ratio() for v in game.payoffs[i].flat]
        common = 1
        for _, den in ratios:
            common = common * den // math.gcd(common, den)
        numerators = [num * (common // den) for num, den in ratios]
        low = min(numerators)
        shifted = [v - low for v in numerators]
        divisor = math.gcd(*shifted) or 1
        rows.append(np.array([v // divisor for v in shifted], dtype=object).reshape(game.payoffs[i].shape))
    array = np.stack(rows)
    if max((int(v) for v in array.flat), default=0) < 2**31:
        array = array.astype(np.int64)
    array.flags.writeable = False
    game._cache["reduced"] = array
    return array


def exact_view(game: NormalFormGame) -> NormalFormGame:
    """The exact game with :func:`reduced_integer_payoffs`: the same equilibria as ``game``, in integers."""
    if game.kind == "exact":
        return game
    if "exact_view" not in game._cache:
        game._cache["exact_view"] = NormalFormGame(
            reduced_integer_payoffs(game).astype(object), game.players, game.strategies, kind="exact"
        )
    return game._cache["exact_view"]


def clean_float_vector(vector: Sequence[float] | np.ndarray) -> np.ndarray:
    """Zero out round-off below ``ZERO_TOL`` and renormalise a float probability vector."""
    v = np.array(vector, dtype=np.float64)
    v[np.abs(v) < ZERO_TOL] = 0.0
    v = np.clip(v, 0.0, None)
    total = v.sum()
    return v / total if total > 0 else v


def _sort_key(eq: Equilibrium) -> tuple[Any, ...]:
    size = sum(len(s) for s in eq.support)
    flat = [-float(p) for v in eq.strategies for p in v.tolist()]
    return (size, flat)


def build_set(
    game: NormalFormGame,
    profiles: Iterable[Sequence[Any] | Equilibrium],
    *,
    method: str,
    complete: bool,
    degenerate: bool = False,
    notes: Sequence[str] = (),
    game_degenerate: bool | None = None,
    tol: float = 1e-9,
    inexact: Iterable[int] = (),
) -> EquilibriumSet:
    """Verify, de-duplicate and sort candidate profiles into an :class:`EquilibriumSet`.

    Every candidate is checked with :func:`trigame.is_nash` (exactly when both
    game and profile are exact).  Exact candidates of a float game are checked
    exactly on the binary rationals the floats denote (:func:`exact_view`), then
    reported as floats.  A candidate that fails is dropped, noted, and the set
    is marked incomplete: a solver never returns an unverified profile.
    ``inexact`` lists positions of candidates whose float probabilities stand
    for irrational exact ones (``Equilibrium.exact`` is False for them).

    Raises
    ------
    SolverError
        When ``complete`` is claimed and no candidate at all was given: every
        finite game has an equilibrium (Nash 1951), so an empty complete set is
        always an internal error of the solver, never a result.
    """
    tol = validate_tol(tol)
    notes = list(notes)
    inexact = set(inexact)
    found: list[Equilibrium] = []
    dropped = 0
    for position, candidate in enumerate(profiles):
        vectors = candidate.strategies if isinstance(candidate, Equilibrium) else candidate
        rational = all(isinstance(x, (Fraction, int)) for v in vectors for x in list(v))
        vectors = [v if rational else clean_float_vector(v) for v in vectors]
        if game.kind == "float" and rational:
            ok, _, _ = check_profile(exact_view(game), vectors)
            if ok:
                vectors = [np.array([float(x) for x in v], dtype=np.float64) for v in vectors]
                _, checked, payoffs = check_profile(game, vectors, tol=MAX_CHECK_TOL)
        else:
            if game.kind == "float":
                vectors = [np.asarray(v, dtype=np.float64) for v in vectors]
            ok, checked, payoffs = check_profile(game, vectors, tol=tol)
        if not ok:
            dropped += 1
            continue
        exact = False if position in inexact else None
        eq = Equilibrium(checked, payoffs, game.players, game.strategies, exact=exact)
        # equal up to round-off, on the same supports: an equilibrium a distance below DEDUP_TOL from another
        # one with a different support is a distinct equilibrium, not a duplicate
        if any(eq.support == other.support and eq.isclose(other, DEDUP_TOL) for other in found):
            continue
        found.append(eq)
    if dropped:
        notes.append(f"{dropped} candidate profile(s) failed the independent Nash check and were dropped")
        complete = False
    if complete and not found:
        raise SolverError(
            f"internal error: method {method!r} claims a complete set but found no equilibrium, and every "
            "finite game has one (Nash 1951); please report this game"
        )
    found.sort(key=_sort_key)
    return EquilibriumSet(
        found,
        game=game,
        method=method,
        complete=complete,
        degenerate=degenerate,
        notes=notes,
        game_degenerate=game_degenerate,
    )
