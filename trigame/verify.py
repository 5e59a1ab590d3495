"""Independent verification of Nash equilibria.

These functions check a strategy profile directly against the definition of a
Nash equilibrium -- no player gains by a unilateral deviation -- without using
any solver.  For an exact profile (ints, Fractions, strategy labels) the check
is exact, also on a float game, whose payoffs are the binary rationals they
are; for a float profile it is done in floating point with a tolerance relative
to each player's own payoff range (:func:`player_scales`): a regret of player
``i`` is accepted when it is at most ``tol`` times ``max u_i - min u_i``.  The
verdicts are therefore unchanged when one player's payoffs are multiplied by
a positive number or shifted by a constant (up to round-off), and a player
whose payoffs are all equal is indifferent among everything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert_array, short_repr, to_float
from trigame.errors import ParameterError, ProfileError, TrigameError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame, Profile

__all__ = [
    "as_profile",
    "best_responses",
    "deviation_payoffs",
    "is_nash",
    "normalized_payoffs",
    "payoff_scale",
    "player_scales",
    "reduced_integer_payoffs",
    "regret",
    "validate_tol",
]

#: Slack allowed when a float vector is checked to be a probability vector.
PROBABILITY_TOL = 1e-8
#: Largest accepted ``tol``: a regret of more than a thousandth of a player's payoff range is not round-off.
MAX_TOL = 1e-3


def validate_tol(tol: object, option: str = "tol") -> float:
    """Check a tolerance option: a real number in ``[0, MAX_TOL]`` (it is relative to each player's payoff range).

    Raises
    ------
    ParameterError
        For anything else (negative, NaN, infinite, too large, not a number).
    """
    if isinstance(tol, (bool, np.bool_)) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise ParameterError(f"{option} must be a real number in [0, {MAX_TOL:g}], got {short_repr(tol)}")
    # an integer tolerance can only be 0 (MAX_TOL < 1); larger ones are refused before float() can overflow
    value = float(tol) if not isinstance(tol, (int, np.integer)) or tol == 0 else math.inf
    if not (math.isfinite(value) and 0.0 <= value <= MAX_TOL):
        raise ParameterError(
            f"{option} must be a real number in [0, {MAX_TOL:g}] (relative to each player's payoff range), "
            f"got {short_repr(tol)}"
        )
    return value


def check_game(game: object, what: str = "this function") -> None:
    """Raise :class:`~trigame.errors.UnsupportedGameError` unless ``game`` is a :class:`~trigame.NormalFormGame`."""
    from trigame.games.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{what} needs a NormalFormGame, got {type(game).__name__}")


def player_scales(game: NormalFormGame) -> tuple[float, ...]:
    """Each player's payoff range ``max u_i - min u_i``: the unit of every float tolerance.

    A float tolerance ``tol`` accepts a regret of player ``i`` up to
    ``tol * player_scales(game)[i]``; the checks themselves run on
    :func:`normalized_payoffs`, which is the same test without overflow.  A
    player whose payoffs are all equal has scale 0 (every strategy is a best
    response).  Ranges beyond the float range are ``inf``.

    Examples
    --------
    >>> import trigame as tg
    >>> tg.verify.player_scales(tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3e-12, 5e-12], [0, 1e-12]]))
    (5.0, 5e-12)
    """
    if "player_scales" not in game._cache:
        if game.kind == "symbolic":
            raise UnsupportedGameError("a symbolic game has no numeric payoff scale; use .subs(...) first")
        scales = []
        for i in range(game.n_players):
            values = game.payoffs[i]
            if game.kind == "exact":
                span = max(values.flat) - min(values.flat)
            else:
                span = Fraction(float(values.max())) - Fraction(float(values.min()))
            try:
                scales.append(float(span))
            except OverflowError:
                scales.append(math.inf)
        game._cache["player_scales"] = tuple(scales)
    return tuple(game._cache["player_scales"])


def normalized_payoffs(game: NormalFormGame) -> np.ndarray:
    """Float payoffs with each player's mapped affinely onto ``[0, 1]`` (all zero for a constant player).

    ``(u_i - min u_i) / (max u_i - min u_i)``, computed without overflow for
    payoffs near the float limits; float tolerances are applied to these.
    Cached on the game.
    """
    if "normalized" not in game._cache:
        if game.kind == "symbolic":
            raise UnsupportedGameError("a symbolic game has no numeric payoffs; use .subs(...) first")
        rows = []
        for i in range(game.n_players):
            if game.kind == "exact":
                values = game.payoffs[i]
                low, high = min(values.flat), max(values.flat)
                span = high - low
                if span == 0:
                    rows.append(np.zeros(values.shape))
                else:
                    rows.append(np.array([float((v - low) / span) for v in values.flat]).reshape(values.shape))
                continue
            values = np.asarray(game.payoffs[i], dtype=np.float64)
            big = float(np.max(np.abs(values)))
            if big == 0.0 or float(values.max()) == float(values.min()):
                rows.append(np.zeros(values.shape))
                continue
            values = values / big  # in [-1, 1]: the differences below cannot overflow
            low = float(values.min())
            rows.append((values - low) / (float(values.max()) - low))
        array = np.stack(rows)
        array.flags.writeable = False
        game._cache["normalized"] = array
    return game._cache["normalized"]


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
        raise UnsupportedGameError("a symbolic game has no numeric payoffs; use .subs(...) first")
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


def payoff_scale(game: NormalFormGame) -> float:
    """The largest absolute payoff of a numeric game, at least 1.

    Kept for callers that have not moved to :func:`player_scales`; a tolerance
    scaled by it depends on the units of the payoffs and on the other players'
    scales, so equilibrium checks no longer use it.
    """
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
            kinds.append(classify(value, what=f"probability of {name!r}", bounded=False))
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


def deviation_payoffs(
    game: NormalFormGame, vectors: Sequence[np.ndarray], *, normalized: bool = False
) -> list[np.ndarray]:
    """Payoff of each pure strategy of each player against the others' mixed strategies.

    Returns one vector per player: entry ``s`` of vector ``i`` is
    ``u_i(s, sigma_{-i})``.  ``vectors`` must already be validated (see
    :func:`as_profile`); the arithmetic follows their kind.  With
    ``normalized``, float arithmetic on :func:`normalized_payoffs`.
    """
    kinds = {"exact" if v.dtype == object and all(isinstance(x, Fraction) for x in v) else
             ("float" if v.dtype != object else "symbolic") for v in vectors}
    kind = combine(kinds)
    if normalized:
        kind = "float"
        payoffs = normalized_payoffs(game)
    else:
        payoffs = _working_payoffs(game, kind)
    if kind == "float":
        vectors = [np.asarray(v, dtype=np.float64) for v in vectors]
    return _deviations(payoffs, vectors)


def _deviations(payoffs: np.ndarray, vectors: Sequence[np.ndarray]) -> list[np.ndarray]:
    n = payoffs.shape[0]
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
    game: NormalFormGame, vectors: tuple[np.ndarray, ...], normalized: bool = False
) -> tuple[list[Any], list[Any], bool, list[np.ndarray]]:
    """Regrets, expected payoffs, exactness and deviation payoffs of a validated profile.

    With ``normalized``, a profile that cannot be checked exactly is evaluated
    on :func:`normalized_payoffs` (regrets as fractions of each player's range).
    """
    if game.kind == "symbolic":
        raise UnsupportedGameError(
            "equilibrium checks need numeric payoffs; substitute values with game.subs(...) first"
        )
    exact_profile = all(v.dtype == object for v in vectors)
    exact = game.kind == "exact" and exact_profile
    if normalized and game.kind == "float" and exact_profile:
        # an exact profile of a float game is checked exactly on the binary rationals the floats are
        exact = True
        values = _deviations(reduced_integer_payoffs(game), vectors)
    else:
        values = deviation_payoffs(game, vectors, normalized=normalized and not exact)
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


def _within(regrets: Sequence[Any], exact: bool, tol: float) -> bool:
    """Exact regrets must be 0; normalized float regrets at most ``tol``."""
    if exact:
        return all(r == 0 for r in regrets)
    return all(to_float(r) <= tol for r in regrets)


def check_profile(
    game: NormalFormGame, profile: Profile, tol: float = 1e-9
) -> tuple[bool, tuple[np.ndarray, ...], tuple[Any, ...]]:
    """Validate ``profile`` once and return (is it a Nash equilibrium, its vectors, its expected payoffs).

    The single pass solvers use to verify candidates; :func:`is_nash` gives the same verdict.
    """
    vectors = as_profile(game, profile)
    regrets, payoffs, exact, _ = _evaluate(game, vectors, normalized=True)
    if game.kind != "exact":  # the payoffs in the game's own units
        payoffs = _evaluate(game, vectors)[1]
    return _within(regrets, exact, tol), vectors, tuple(payoffs)


def _regrets(
    game: NormalFormGame, profile: Profile, normalized: bool = False
) -> tuple[list[Any], bool, list[np.ndarray], tuple[np.ndarray, ...]]:
    vectors = as_profile(game, profile)
    regrets, _, exact, values = _evaluate(game, vectors, normalized)
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
    check_game(game, "regret")
    return tuple(_regrets(game, profile)[0])


def is_nash(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> bool:
    """True when ``profile`` is a Nash equilibrium of ``game``.

    Exact for an exact (int/Fraction/label) profile, on exact games and on float
    games alike (float payoffs are the binary rationals they are).  For a float
    profile a player's regret may be at most ``tol`` times that player's payoff range
    (:func:`player_scales`), so the verdict does not depend on the units of
    anyone's payoffs; ``tol`` is a number in ``[0, 1e-3]``.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.is_nash(pd, [1, 1]), tg.is_nash(pd, [0, 0])
    (True, False)
    """
    check_game(game, "is_nash")
    tol = validate_tol(tol)
    regrets, exact, _, _ = _regrets(game, profile, normalized=True)
    return _within(regrets, exact, tol)


def best_responses(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> tuple[tuple[int, ...], ...]:
    """Each player's pure best responses (strategy indices) to the others' strategies in ``profile``.

    Exact for exact profiles (on float games too); for float profiles, strategies within ``tol``
    times the player's payoff range (:func:`player_scales`) of the best one
    count as best responses.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> tg.best_responses(pd, [0, 0])
    ((1,), (1,))
    """
    check_game(game, "best_responses")
    tol = validate_tol(tol)
    _, exact, values, _ = _regrets(game, profile, normalized=True)
    out = []
    for v in values:
        if exact:
            items = v.tolist()
            top = max(items)
            out.append(tuple(k for k, x in enumerate(items) if x == top))
        else:
            v = np.asarray(v, dtype=np.float64)  # in units of the player's payoff range
            out.append(tuple(int(k) for k in np.flatnonzero(v >= np.max(v) - tol)))
    return tuple(out)
