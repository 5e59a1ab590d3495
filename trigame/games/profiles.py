"""Strategy profiles of a strategic-form game and the payoffs they give.

A profile gives each player a probability vector over their strategies (a
strategy index or label stands for a pure strategy).  :func:`as_profile`
validates one and returns the vectors in the number kind of its entries
(Fractions for exact entries, floats for float entries); the kernels below
compute, for each player ``i`` and each of their pure strategies ``s``, the
payoff ``u_i(s, sigma_{-i})`` against the others' mixed strategies, from which
expected payoffs and regrets follow.  The arithmetic follows the kinds, so
exact profiles of exact games give exact payoffs.

These are the computations a :class:`~trigame.games.normal_form.NormalFormGame`
needs for its own methods; :mod:`trigame.verify` builds its independent
equilibrium checks on them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from trigame._numbers import Kind, classify, combine, convert_array
from trigame.errors import ProfileError, TrigameError
from trigame.games.scaling import float_payoffs, integral_below, normalized_payoffs

if TYPE_CHECKING:
    from trigame.games._protocol import StrategicForm

__all__ = [
    "PROBABILITY_TOL",
    "IntegerProfile",
    "Profile",
    "as_profile",
    "deviation_payoffs",
    "deviations_on",
    "exact_vectors",
    "expected_values",
    "integer_deviations",
    "integer_form",
]

#: What the functions taking a strategy profile accept: an :class:`Equilibrium`,
#: or one entry per player that is a probability vector, a strategy index or a
#: strategy label.
Profile = Any

#: Slack allowed when a float vector is checked to be a probability vector.
PROBABILITY_TOL = 1e-8


def _vector(game: StrategicForm, i: int, entry: Any) -> tuple[list[Any], Kind]:
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


def as_profile(game: StrategicForm, profile: Profile) -> tuple[np.ndarray, ...]:
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


def _working_payoffs(game: StrategicForm, kind: Kind) -> np.ndarray:
    """The game's payoffs in the kind the arithmetic with a profile of ``kind`` needs."""
    if game.kind == "symbolic" or kind == "symbolic":
        return game.payoffs if game.kind == "symbolic" else convert_array(game.payoffs, "symbolic")
    if game.kind == "exact" and kind == "exact":
        return game.payoffs
    return float_payoffs(game)


def deviation_payoffs(
    game: StrategicForm, vectors: Sequence[np.ndarray], *, normalized: bool = False
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
    return deviations_on(payoffs, vectors)


def deviations_on(payoffs: np.ndarray, vectors: Sequence[np.ndarray]) -> list[np.ndarray]:
    """:func:`deviation_payoffs` on a given payoff array of shape ``(n_players, m_1, ..., m_n)``."""
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


def expected_values(game: StrategicForm, vectors: Sequence[np.ndarray]) -> tuple[Any, ...]:
    """Each player's expected payoff under a validated profile (exact arithmetic for exact vectors)."""
    values = deviation_payoffs(game, vectors)
    return tuple(_dot(v, s) for v, s in zip(values, vectors))


def _dot(values: np.ndarray, weights: np.ndarray) -> Any:
    """Inner product that keeps Fractions and SymPy expressions exact."""
    if values.dtype == object or weights.dtype == object:
        total: Any = 0
        for v, w in zip(values.tolist(), weights.tolist()):
            if w != 0:
                total = total + v * w
        if isinstance(total, int):
            total = Fraction(total)
        return total
    return float(np.dot(values, weights))


class IntegerProfile(NamedTuple):
    """A plain exact profile: Fraction vectors, and each as integers ``X_i`` over a common denominator ``d_i``."""

    vectors: tuple[np.ndarray, ...]
    ints: list[list[int]]
    dens: list[int]


def plain_exact_vector(entry: Any, size: int) -> tuple[list[Fraction], list[int], int] | None:
    """One mixed strategy as (Fractions, integers ``X``, ``d``) with ``x_k = X_k / d``, or None.

    ``entry`` must be a list, tuple or 1-d object array of ``size`` Python ints and Fractions (bools and NumPy
    scalars excluded), nonnegative and summing to 1; ``d`` is the least common denominator.  Anything else is
    None: the caller validates it the slow way and explains what is wrong.
    """
    if isinstance(entry, np.ndarray):
        if entry.dtype != object or entry.ndim != 1:
            return None
        values = entry.tolist()
    elif isinstance(entry, (list, tuple)):
        values = list(entry)
    else:
        return None
    if len(values) != size or not size or not set(map(type, values)) <= _PLAIN:
        return None
    d = math.lcm(*[x.denominator for x in values])
    X = [x.numerator * (d // x.denominator) for x in values]
    if min(X) < 0 or sum(X) != d:
        return None
    return [x if type(x) is Fraction else Fraction(x) for x in values], X, d


#: The number types of a plain exact strategy (``type(x)`` exactly: bools and NumPy scalars are not among them).
_PLAIN = {int, Fraction}


def exact_vectors(game: StrategicForm, profile: Profile) -> IntegerProfile | None:
    """The plain exact profile ``profile`` in integer form, or None when it needs :func:`as_profile`.

    The fast path of validation for what exact solvers produce: a list or tuple
    with one list, tuple or object array per player, of the right lengths, whose
    entries are Python ints and Fractions that are nonnegative and sum to 1.
    Anything else (labels, indices, floats, SymPy, an invalid vector) returns
    None, and :func:`as_profile` then validates it and explains what is wrong.
    """
    if not isinstance(profile, (list, tuple)) or len(profile) != game.n_players:
        return None
    vectors, ints, dens = [], [], []
    for entry, m in zip(profile, game.shape):
        plain = plain_exact_vector(entry, m)
        if plain is None:
            return None
        values, X, d = plain
        vector = np.empty(m, dtype=object)
        vector[:] = values
        vector.flags.writeable = False
        vectors.append(vector)
        ints.append(X)
        dens.append(d)
    return IntegerProfile(tuple(vectors), ints, dens)


def integer_form(game: StrategicForm) -> tuple[np.ndarray, tuple[Fraction, ...], int]:
    """Each player's payoffs as integers times a positive rational: ``u_i = Z_i * scale_i`` exactly.

    Returns ``(Z, scales, bound)`` with ``Z`` of shape ``(n_players, m_1, ..., m_n)``
    (``int64`` when ``bound = max |Z|`` is below ``2**31``, else Python ints in
    an object array).  Float payoffs are the binary rationals they are.  Cached
    on the game.
    """
    if "integer_form" in game._cache:
        return game._cache["integer_form"]  # type: ignore[no-any-return]
    if game.kind == "float":
        payoffs = np.asarray(game.payoffs, dtype=np.float64)
        if integral_below(payoffs, 2**31):
            # integral floats (the common case): the integers themselves, each player's scale 1
            array = payoffs.astype(np.int64)
            array.flags.writeable = False
            bound = int(np.max(np.abs(array))) if array.size else 0
            game._cache["integer_form"] = (array, (Fraction(1),) * game.n_players, bound)
            return game._cache["integer_form"]  # type: ignore[no-any-return]
    rows, scales = [], []
    for i in range(game.n_players):
        if game.kind == "exact":
            ratios = [(v.numerator, v.denominator) for v in game.payoffs[i].flat]
        else:
            ratios = [float(v).as_integer_ratio() for v in game.payoffs[i].flat]
        common = math.lcm(*(den for _, den in ratios))
        numerators = [num * (common // den) for num, den in ratios]
        divisor = math.gcd(*numerators) or 1
        rows.append(np.array([v // divisor for v in numerators], dtype=object).reshape(game.payoffs[i].shape))
        scales.append(Fraction(divisor, common))
    array = np.stack(rows)
    bound = max((abs(int(v)) for v in array.flat), default=0)
    if bound < 2**31:
        array = array.astype(np.int64)
    array.flags.writeable = False
    game._cache["integer_form"] = (array, tuple(scales), bound)
    return game._cache["integer_form"]  # type: ignore[no-any-return]


#: Bimatrix games with at most this many cells are checked in plain Python integers.
_SMALL = 256


def _integer_rows(game: StrategicForm) -> list[list[list[int]]]:
    """:func:`integer_form`'s integers as nested lists of Python ints (cached on the game)."""
    if "integer_rows" not in game._cache:
        game._cache["integer_rows"] = integer_form(game)[0].tolist()
    return game._cache["integer_rows"]  # type: ignore[no-any-return]


def _small_deviations(game: StrategicForm, ints: list[list[int]]) -> list[list[int]]:
    """:func:`integer_deviations` of a small N-player game, one pass over the pure profiles in Python."""
    if "integer_cells" not in game._cache:
        Z = integer_form(game)[0]
        game._cache["integer_cells"] = [(cell, [int(Z[i][cell]) for i in range(game.n_players)])
                                        for cell in np.ndindex(*game.shape)]
    n = len(ints)
    values = [[0] * len(X) for X in ints]
    for cell, payoffs in game._cache["integer_cells"]:
        weights = [X[s] for X, s in zip(ints, cell)]
        for i in range(n):
            weight = 1
            for j in range(n):
                if j != i:
                    weight *= weights[j]
            if weight:
                values[i][cell[i]] += payoffs[i] * weight
    return values


def integer_deviations(game: StrategicForm, profile: IntegerProfile) -> tuple[list[list[int]], int]:
    """:func:`deviation_payoffs` of an exact profile in integers, for exact checks without Fractions.

    With ``x_i = X_i / d_i`` (:func:`exact_vectors`) and ``u_i = Z_i * scale_i``
    (:func:`integer_form`), returns ``(values, D)`` where
    ``values[i][s] = u_i(s, x_-i) * D / (d_i * scale_i)`` with ``D = d_0 * ... * d_n``:
    the deviation payoffs of player ``i``, every one multiplied by the same
    positive number.  The products run in ``int64`` when ``max |Z| * D`` cannot
    overflow, else in Python integers (plain Python for small bimatrix games).
    """
    Z, _, bound = integer_form(game)
    ints, dens = profile.ints, profile.dens
    total = math.prod(dens)
    if Z[0].size <= _SMALL:  # small games: Python integers beat NumPy's overhead
        if len(ints) == 2:
            rows = _integer_rows(game)
            x, y = ints
            column_values = [sum(a * b for a, b in zip(row, y) if b) for row in rows[0]]
            row_values = [sum(row[k] * b for row, b in zip(rows[1], x) if b) for k in range(len(y))]
            return [column_values, row_values], total
        return _small_deviations(game, ints), total
    if Z.dtype == np.int64 and bound * total < 2**62:
        arrays = [np.array(X, dtype=np.int64) for X in ints]
        payoffs = Z
    else:
        arrays = [np.array(X, dtype=object) for X in ints]
        payoffs = Z.astype(object)
    values = [np.asarray(table).tolist() for table in deviations_on(payoffs, arrays)]
    return values, total
