"""Independent verification of Nash equilibria.

These functions check a strategy profile directly against the definition of a
Nash equilibrium -- no player gains by a unilateral deviation -- without using
any solver.  For an exact game and an exact profile the check is exact
(Fractions); otherwise it is done in floating point with a tolerance relative
to the game's payoff scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert_array, to_float
from trigame.errors import ProfileError, TrigameError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.game import NormalFormGame, Profile

__all__ = [
    "as_profile",
    "best_responses",
    "deviation_payoffs",
    "is_nash",
    "payoff_scale",
    "regret",
]

#: Slack allowed when a float vector is checked to be a probability vector.
PROBABILITY_TOL = 1e-8


def payoff_scale(game: NormalFormGame) -> float:
    """The largest absolute payoff of a numeric game, at least 1 (scales tolerances)."""
    if "scale" not in game._cache:
        if game.kind == "symbolic":
            raise UnsupportedGameError("a symbolic game has no numeric payoff scale; use .subs(...) first")
        values = float_payoffs(game)
        game._cache["scale"] = max(1.0, float(np.max(np.abs(values))) if values.size else 1.0)
    return float(game._cache["scale"])


def float_payoffs(game: NormalFormGame) -> np.ndarray:
    """The payoff array as float64 (cached on the game)."""
    if game.kind == "float":
        return game.payoffs
    if "float" not in game._cache:
        array = convert_array(game.payoffs, "float")
        array.flags.writeable = False
        game._cache["float"] = array
    return game._cache["float"]


def _vector(game: NormalFormGame, i: int, entry: Any) -> tuple[list[Any], Kind]:
    """One player's entry of a profile as a list of scalars and their kind."""
    m = game.shape[i]
    name = game.players[i]
    if isinstance(entry, (str, int, np.integer)) and not isinstance(entry, (bool, np.bool_)):
        k = game.strategy_index(i, entry if isinstance(entry, str) else int(entry))
        return [Fraction(int(j == k)) for j in range(m)], "exact"
    if isinstance(entry, np.ndarray):
        if entry.ndim != 1:
            raise ProfileError(f"the strategy of {name!r} must be a 1-D vector, got shape {entry.shape}")
        if entry.dtype.kind == "f" and entry.shape == (m,) and bool(np.isfinite(entry).all()):
            return entry.tolist(), "float"  # a finite float vector: no entry-by-entry classification
        values = entry.tolist()
    elif isinstance(entry, Sequence):
        values = list(entry)
    else:
        raise ProfileError(
            f"the strategy of {name!r} must be a probability vector, a strategy index or a label; got {entry!r}"
        )
    if len(values) != m:
        raise ProfileError(f"{name!r} has {m} strategies but its vector has {len(values)} entries")
    kinds = []
    for value in values:
        try:
            kinds.append(classify(value, what=f"probability of {name!r}"))
        except TrigameError as exc:
            raise ProfileError(str(exc)) from None
    return values, combine(kinds)


def as_profile(game: NormalFormGame, profile: Profile) -> tuple[np.ndarray, ...]:
    """Validate ``profile`` and return one probability vector per player.

    Exact entries give Fraction (object) vectors, float entries float64
    vectors; SymPy entries are kept (only symbolic games need them).
    """
    if hasattr(profile, "strategies") and not isinstance(profile, (list, tuple, np.ndarray)):
        profile = profile.strategies
    if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
        raise ProfileError(f"a profile must give one strategy per player, got {profile!r}")
    if len(profile) != game.n_players:
        raise ProfileError(f"a profile needs {game.n_players} entries (one per player), got {len(profile)}")
    entries = [_vector(game, i, entry) for i, entry in enumerate(profile)]
    kind = combine(k for _, k in entries)
    out = []
    for i, (values, _) in enumerate(entries):
        # Plain floats (and ints among them) convert in one step; anything else entry by entry.
        raw = np.array(values) if kind == "float" else np.array(values, dtype=object)
        vector = convert_array(raw, kind)
        name = game.players[i]
        if kind == "exact":
            if any(v < 0 for v in vector):
                raise ProfileError(f"the strategy of {name!r} has a negative probability: {list(map(str, vector))}")
            if sum(vector) != 1:
                raise ProfileError(f"the probabilities of {name!r} sum to {sum(vector)}, not 1")
        elif kind == "float":
            if np.any(vector < -PROBABILITY_TOL):
                raise ProfileError(f"the strategy of {name!r} has a negative probability: {vector.tolist()}")
            if abs(float(vector.sum()) - 1.0) > PROBABILITY_TOL:
                raise ProfileError(f"the probabilities of {name!r} sum to {float(vector.sum())!r}, not 1")
        vector.flags.writeable = False
        out.append(vector)
    return tuple(out)


def _working_payoffs(game: NormalFormGame, kind: Kind) -> np.ndarray:
    if game.kind == "symbolic" or kind == "symbolic":
        return game.payoffs if game.kind == "symbolic" else convert_array(game.payoffs, "symbolic")
    if game.kind == "exact" and kind == "exact":
        return game.payoffs
    return float_payoffs(game)


def deviation_payoffs(game: NormalFormGame, vectors: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Payoff of each pure strategy of each player against the others' mixed strategies.

    Returns one vector per player: entry ``s`` of vector ``i`` is
    ``u_i(s, sigma_{-i})``.  ``vectors`` must already be validated (see
    :func:`as_profile`); the arithmetic follows their kind.
    """
    kinds = {"exact" if v.dtype == object and all(isinstance(x, Fraction) for x in v) else
             ("float" if v.dtype != object else "symbolic") for v in vectors}
    kind = combine(kinds)
    payoffs = _working_payoffs(game, kind)
    if kind == "float":
        vectors = [np.asarray(v, dtype=np.float64) for v in vectors]
    n = game.n_players
    if n == 2:  # bimatrix games: A y and x^T B
        return [np.asarray(payoffs[0].dot(vectors[1])), np.asarray(vectors[0].dot(payoffs[1]))]
    result = []
    for i in range(n):
        table = payoffs[i]
        for j in reversed(range(n)):
            if j != i:
                table = np.tensordot(table, vectors[j], axes=([j], [0]))
        result.append(np.asarray(table))
    return result


def _evaluate(
    game: NormalFormGame, vectors: tuple[np.ndarray, ...]
) -> tuple[list[Any], list[Any], bool, list[np.ndarray]]:
    """Regrets, expected payoffs, exactness and deviation payoffs of a validated profile."""
    if game.kind == "symbolic":
        raise UnsupportedGameError(
            "equilibrium checks need numeric payoffs; substitute values with game.subs(...) first"
        )
    exact = game.kind == "exact" and all(v.dtype == object for v in vectors)
    values = deviation_payoffs(game, vectors)
    regrets, payoffs = [], []
    for v, s in zip(values, vectors):
        if exact:
            current = sum((a * b for a, b in zip(v.tolist(), s.tolist()) if b != 0), Fraction(0))
            regrets.append(max(v.tolist()) - current)
        else:
            v = np.asarray(v, dtype=np.float64)
            current = float(np.dot(v, np.asarray(s, dtype=np.float64)))
            regrets.append(max(0.0, float(np.max(v)) - current))
        payoffs.append(current)
    return regrets, payoffs, exact, values


def _within(game: NormalFormGame, regrets: Sequence[Any], exact: bool, tol: float) -> bool:
    if exact:
        return all(r == 0 for r in regrets)
    bound = tol * payoff_scale(game)
    return all(to_float(r) <= bound for r in regrets)


def check_profile(
    game: NormalFormGame, profile: Profile, tol: float = 1e-9
) -> tuple[bool, tuple[np.ndarray, ...], tuple[Any, ...]]:
    """Validate ``profile`` once and return (is it a Nash equilibrium, its vectors, its expected payoffs).

    The single pass solvers use to verify candidates; :func:`is_nash` gives the same verdict.
    """
    vectors = as_profile(game, profile)
    regrets, payoffs, exact, _ = _evaluate(game, vectors)
    return _within(game, regrets, exact, tol), vectors, tuple(payoffs)


def _regrets(
    game: NormalFormGame, profile: Profile
) -> tuple[list[Any], bool, list[np.ndarray], tuple[np.ndarray, ...]]:
    vectors = as_profile(game, profile)
    regrets, _, exact, values = _evaluate(game, vectors)
    return regrets, exact, values, vectors


def regret(game: NormalFormGame, profile: Profile) -> tuple[Any, ...]:
    """Each player's largest gain from a unilateral deviation (0 at an equilibrium).

    Exact (Fractions) for an exact game and an exact profile, floats otherwise.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.regret(pd, [0, 0])
    (Fraction(2, 1), Fraction(2, 1))
    """
    return tuple(_regrets(game, profile)[0])


def is_nash(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> bool:
    """True when ``profile`` is a Nash equilibrium of ``game``.

    Exact for an exact game and an exact (int/Fraction) profile.  Otherwise a
    player's regret may be at most ``tol`` times the game's payoff scale (the
    largest absolute payoff, at least 1).

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.is_nash(pd, [1, 1]), tg.is_nash(pd, [0, 0])
    (True, False)
    """
    regrets, exact, _, _ = _regrets(game, profile)
    return _within(game, regrets, exact, tol)


def best_responses(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> tuple[tuple[int, ...], ...]:
    """Each player's pure best responses (strategy indices) to the others' strategies in ``profile``.

    Exact for exact games and profiles; otherwise strategies within ``tol``
    times the payoff scale of the best one count as best responses.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.best_responses(pd, [0, 0])
    ((1,), (1,))
    """
    _, exact, values, _ = _regrets(game, profile)
    out = []
    for v in values:
        if exact:
            items = v.tolist()
            top = max(items)
            out.append(tuple(k for k, x in enumerate(items) if x == top))
        else:
            v = np.asarray(v, dtype=np.float64)
            bound = tol * payoff_scale(game)
            out.append(tuple(int(k) for k in np.flatnonzero(v >= np.max(v) - bound)))
    return tuple(out)
