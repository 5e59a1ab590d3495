"""Shared pieces of the solvers: the verified result builder, its bookkeeping and exact integer payoffs.

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

from trigame.errors import SolverError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import deviations_on
from trigame.results import Equilibrium, EquilibriumSet
from trigame.verify import check_profile, float_payoffs, is_nash, reduced_integer_payoffs, validate_tol
from trigame.verify._batch_nash import BatchCheck
from trigame.verify._batch_nplayer import ProfilesCheck, check_nplayer_profiles
from trigame.verify._candidates import IntegerCandidate, lowest_terms, read_only
from trigame.verify.nash import check_bimatrix_profiles

__all__ = [
    "Collected",
    "build_set",
    "clean_float_vector",
    "float_payoffs",
    "integer_payoffs",
    "reduced_integer_payoffs",
    "validate_tol",
]

#: Float probabilities below this are set to exactly zero before verification.
ZERO_TOL = 1e-12
#: Two float equilibria closer than this (max norm) are the same equilibrium.
DEDUP_TOL = 1e-7
#: From this many candidates of a 2-player game on, the exact ones are checked together (one batch).
BATCH_MIN = 16


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
        lcm = math.lcm(*(v.denominator for v in values.flat))
        rows.append(np.vectorize(lambda v, lcm=lcm: v.numerator * (lcm // v.denominator), otypes=[object])(values))
    array = np.stack(rows)
    biggest = max((abs(int(v)) for v in array.flat), default=0)
    if biggest < 2**31:
        array = array.astype(np.int64)
    array.flags.writeable = False
    game._cache["integer"] = array
    return array


def clean_float_vector(vector: Sequence[float] | np.ndarray) -> np.ndarray:
    """Zero out round-off below ``ZERO_TOL`` and renormalise a float probability vector (a new array)."""
    v, total = zeroed_round_off(vector)
    if total > 0:
        v /= total
    return v


def zeroed_round_off(vector: Sequence[float] | np.ndarray) -> tuple[np.ndarray, float]:
    """``vector`` as a new float64 array with every entry below ``ZERO_TOL`` set to 0, and its sum.

    Entries below ``ZERO_TOL`` are round-off of either sign, or negative: zeroing those below it in
    absolute value and then the negative ones is zeroing those below it.
    """
    v = np.asarray(vector, dtype=np.float64)
    v = np.where(np.less(v, ZERO_TOL), 0.0, v)
    return v, float(np.add.reduce(v))


#: Types that are exact rationals without an abstract-class check.
_RATIONAL_KINDS = {Fraction, int}


def _rational(x: Any) -> bool:
    """Whether a probability is an int or a Fraction (floats answered without the slow abstract-class check)."""
    kind = type(x)
    if kind is Fraction or kind is int:
        return True
    if kind is float or kind is np.float64:
        return False
    return isinstance(x, (Fraction, int))


def _to_float(x: Any) -> float:
    """``float(x)``: for a Fraction, the correctly rounded quotient, as ``Fraction.__float__`` computes it."""
    return x.numerator / x.denominator if type(x) is Fraction else float(x)


def _batch_check(game: NormalFormGame, candidates: list[Any]) -> BatchCheck | None:
    """The exact verdicts of many candidates of a 2-player game at once (:func:`check_bimatrix_profiles`), or None.

    Used from :data:`BATCH_MIN` candidates on; the verdicts are those of :func:`check_profile` one by one.
    """
    if game.n_players != 2 or game.kind == "symbolic" or len(candidates) < BATCH_MIN:
        return None
    return check_bimatrix_profiles(game, [c.strategies if isinstance(c, Equilibrium) else c for c in candidates])


def _prepared(candidate: Any) -> tuple[list[Any], bool]:
    """A candidate's strategies as :func:`check_profile` is given them, and whether they are exact rationals.

    Float strategies have their round-off below :data:`ZERO_TOL` cleared (:func:`clean_float_vector`).
    """
    vectors: Any
    if isinstance(candidate, IntegerCandidate):
        vectors = candidate.fractions()
    else:
        vectors = candidate.strategies if isinstance(candidate, Equilibrium) else candidate
    kinds = {type(x) for v in vectors for x in v}
    rational = kinds <= _RATIONAL_KINDS or all(_rational(x) for v in vectors for x in list(v))
    return [v if rational else clean_float_vector(v) for v in vectors], rational


def _integer_key(vectors: Sequence[np.ndarray]) -> tuple[tuple[int, ...], ...]:
    """An exact profile as integers over the least common denominator of each strategy (equal iff equal)."""
    key = []
    for v in vectors:
        values = v.tolist()
        d = math.lcm(*[x.denominator for x in values])
        key.append((*[x.numerator * (d // x.denominator) for x in values], d))
    return tuple(key)


def reduced_key(integers: Sequence[tuple[Sequence[int], int]]) -> tuple[tuple[int, ...], ...]:
    """:func:`_integer_key` of the profile ``X / d`` per player, from its integers (``X`` brought to lowest terms)."""
    return tuple((*X, d) for X, d in (lowest_terms(X, d) for X, d in integers))


Support = tuple[tuple[int, ...], ...]


class Collected:
    """Checked equilibria, de-duplicated and put in the order every solver reports them.

    The one bookkeeping of the result builders (:func:`build_set`,
    :func:`~trigame.solve.nash._verified.verified_set`,
    :func:`~trigame.solve.nash._lh_float.verified_cleaned_set`): each checks its candidates its
    own way and hands the equilibria here.  Two equilibria are the same when both are exact
    and equal (compared as integers, :func:`reduced_key`), or otherwise when they have the
    same supports and are within :data:`DEDUP_TOL` of each other (max norm): equilibria a
    distance below it apart with different supports are distinct, not duplicates.  The
    order is by the number of strategies in the supports, then by the probabilities,
    largest first.  Candidates that failed the check are counted in ``dropped``.
    """

    __slots__ = ("by_support", "dropped", "exact_keys", "float_by_support", "found", "order")

    def __init__(self) -> None:
        self.found: list[Equilibrium] = []
        # the equilibria found so far by support (duplicates share it) and, of those, the inexact ones
        self.by_support: dict[Support, list[Equilibrium]] = {}
        self.float_by_support: dict[Support, list[Equilibrium]] = {}
        self.exact_keys: set[tuple[tuple[int, ...], ...]] = set()
        # per equilibrium: its support size and its probabilities, as integers (*X, d) per player or as vectors
        self.order: list[tuple[int, Any, Any]] = []
        self.dropped = 0

    def has_exact(self, key: tuple[tuple[int, ...], ...], support: Support, vectors: Any) -> bool:
        """Whether an exact profile (``vectors``, integers ``key``) is an equilibrium found already."""
        return key in self.exact_keys or any(other.isclose(vectors, DEDUP_TOL)
                                             for other in self.float_by_support.get(support, ()))

    def add_exact(self, eq: Equilibrium, support: Support, key: tuple[tuple[int, ...], ...]) -> None:
        """Keep the exact ``eq`` (not found already: :meth:`has_exact`), the profile of the integers ``key``."""
        self.exact_keys.add(key)
        self.found.append(eq)
        self.by_support.setdefault(support, []).append(eq)
        self.order.append((sum(len(k) for k in support), key, None))

    def add(self, eq: Equilibrium, support: Support) -> bool:
        """Keep the inexact ``eq`` unless an equilibrium found has its support and is within :data:`DEDUP_TOL`."""
        same_support = self.by_support.setdefault(support, [])
        if any(eq.isclose(other, DEDUP_TOL) for other in same_support):
            return False
        self.found.append(eq)
        same_support.append(eq)
        self.float_by_support.setdefault(support, []).append(eq)
        self.order.append((sum(len(k) for k in support), None, eq.strategies))
        return True

    def equilibria(self) -> list[Equilibrium]:
        """The equilibria kept, in order."""
        if len(self.found) < 2:
            return list(self.found)
        keys = []
        for size, key, vectors in self.order:
            if key is not None:  # each (*X, d) as X / d in floats: int true division rounds correctly, as Fraction's
                keys.append((size, [-(x / k[-1]) for k in key for x in k[:-1]]))
            else:
                keys.append((size, [-_to_float(p) for v in vectors for p in v.tolist()]))
        return [eq for _, eq in sorted(zip(keys, self.found), key=lambda pair: pair[0])]

    def result(self, game: NormalFormGame, *, method: str, complete: bool, degenerate: bool = False,
               notes: Sequence[str] = (), game_degenerate: bool | None = None) -> EquilibriumSet:
        """The :class:`EquilibriumSet`: incomplete, with a note, when a candidate failed the check.

        Raises
        ------
        SolverError
            When ``complete`` is claimed and no equilibrium was found: every finite game has one
            (Nash 1951), so an empty complete set is always an internal error of the solver.
        """
        notes = list(notes)
        if self.dropped:
            notes.append(f"{self.dropped} candidate profile(s) failed the independent Nash check and were dropped")
            complete = False
        if complete and not self.found:
            raise SolverError(
                f"internal error: method {method!r} claims a complete set but found no equilibrium, and every "
                "finite game has one (Nash 1951); please report this game"
            )
        return EquilibriumSet(self.equilibria(), game=game, method=method, complete=complete, degenerate=degenerate,
                              notes=notes, game_degenerate=game_degenerate)


def build_set(
    game: NormalFormGame,
    profiles: Iterable[Sequence[Any] | Equilibrium | IntegerCandidate],
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

    Every candidate is checked with :func:`trigame.is_nash` (exactly when the
    profile is exact; for a float game, on the binary rationals the floats are,
    the equilibrium then being reported as floats).  A candidate that fails is
    dropped, noted, and the set is marked incomplete: a solver never returns an
    unverified profile.  An :class:`~trigame.verify._candidates.IntegerCandidate` (a profile
    in integers, as exact solvers hold it) is the profile of its Fractions.  From
    :data:`BATCH_MIN` candidates of a 2-player game on, the exact ones are checked together
    (:func:`trigame.verify.nash.check_bimatrix_profiles`, the verdicts of the one-by-one check);
    the candidates of a game of three or more players are all checked together
    (:func:`trigame.verify._batch_nplayer.check_nplayer_profiles`, the same verdicts); exact
    duplicates are found by hashing.
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
    candidates = list(profiles)
    batch: BatchCheck | ProfilesCheck | None = _batch_check(game, candidates)
    prepared = None
    if batch is None and game.n_players != 2 and game.kind != "symbolic" and candidates:
        # N players: every candidate checked together (the verdicts of check_profile one by one)
        prepared = [_prepared(candidate) for candidate in candidates]
        batch = check_nplayer_profiles(game, [vectors for vectors, _ in prepared], tol)
    collected = Collected()
    for position, candidate in enumerate(candidates):
        if batch is not None and batch.ok[position] is not None:
            if not batch.ok[position]:
                collected.dropped += 1
                continue
            integers = batch.integers[position]
            if game.kind == "exact" and position not in inexact and integers is not None:
                support = tuple(tuple(k for k, x in enumerate(X) if x) for X, _ in integers)
                key = tuple((*X, d) for X, d in integers)  # in lowest terms already
                fractions = batch.vectors[position] or ()
                if not collected.has_exact(key, support, fractions):
                    eq = Equilibrium(fractions, batch.payoffs[position] or (), game.players, game.strategies,
                                     exact=True)
                    collected.add_exact(eq, support, key)
                continue
        vectors, rational = prepared[position] if prepared is not None else _prepared(candidate)
        if game.kind == "float" and rational:
            if batch is not None and batch.ok[position] is not None:
                ok = True  # checked exactly by the batch, on the binary rationals of the payoffs
            else:
                ok = is_nash(game, vectors)  # exactly, on the binary rationals of the payoffs
            if ok:
                # the rounded float form is not re-judged: only its payoffs are computed
                checked = tuple(read_only(np.array([_to_float(x) for x in v], dtype=np.float64)) for v in vectors)
                payoffs = tuple(float(np.dot(v, s)) for v, s in zip(deviations_on(float_payoffs(game), checked),
                                                                     checked))
        else:
            if batch is not None and batch.ok[position] is not None:
                ok, checked, payoffs = True, batch.vectors[position] or (), batch.payoffs[position] or ()
            else:
                if game.kind == "float":
                    vectors = [np.asarray(v, dtype=np.float64) for v in vectors]
                ok, checked, payoffs = check_profile(game, vectors, tol=tol)
        if not ok:
            collected.dropped += 1
            continue
        exact = False if position in inexact else rational and game.kind == "exact"
        support = tuple(tuple(k for k, p in enumerate(v.tolist()) if p != 0) for v in checked)
        if exact:
            key = _integer_key(checked)
            if not collected.has_exact(key, support, checked):
                eq = Equilibrium(checked, payoffs, game.players, game.strategies, exact=True)
                collected.add_exact(eq, support, key)
        else:
            collected.add(Equilibrium(checked, payoffs, game.players, game.strategies, exact=False), support)
    return collected.result(game, method=method, complete=complete, degenerate=degenerate, notes=notes,
                            game_degenerate=game_degenerate)
