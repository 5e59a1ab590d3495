"""Unit-free views of a game's payoffs: each player's range, the ``[0, 1]`` rescaling and the reduced integers.

A positive affine map of one player's payoffs, ``u_i -> a u_i + b`` with
``a > 0``, leaves every player's best responses, hence the Nash equilibria,
unchanged.  These functions give the views of a game's payoffs that do not
depend on such units, each computed once and cached on the game:

* :func:`player_scales` -- each player's payoff range ``max u_i - min u_i``,
  the unit in which every float tolerance is expressed;
* :func:`normalized_payoffs` -- each player's payoffs mapped onto ``[0, 1]``,
  on which float regrets are compared with a tolerance;
* :func:`reduced_integer_payoffs` -- each player's payoffs mapped exactly onto
  nonnegative integers with gcd 1, on which exact solvers work;
* :func:`float_payoffs` -- the payoffs as ``float64``.

They are properties of a game's payoffs, not checks of a profile, so they live
with the games: the payoff kernels of :mod:`trigame.games.profiles` use them,
the solvers use them, and :mod:`trigame.verify` applies its tolerance to them
(and re-exports them for existing importers).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from trigame._numbers import convert_array
from trigame.errors import UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games._protocol import StrategicForm

__all__ = ["float_payoffs", "normalized_payoffs", "player_scales", "reduced_integer_payoffs"]


def player_scales(game: StrategicForm) -> tuple[float, ...]:
    """Each player's payoff range ``max u_i - min u_i``: the unit of every float tolerance.

    A float tolerance ``tol`` accepts a regret of player ``i`` up to
    ``tol * player_scales(game)[i]``; the checks themselves run on
    :func:`normalized_payoffs`, which is the same test without overflow.  A
    player whose payoffs are all equal has scale 0 (every strategy is a best
    response).  Ranges beyond the float range are ``inf``.

    Examples
    --------
    >>> import trigame as tg
    >>> from trigame.games.scaling import player_scales
    >>> player_scales(tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3e-12, 5e-12], [0, 1e-12]]))
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


def normalized_payoffs(game: StrategicForm) -> np.ndarray:
    """Float payoffs with each player's mapped affinely onto ``[0, 1]`` (all zero for a constant player).

    ``(u_i - min u_i) / (max u_i - min u_i)``, computed without overflow for
    payoffs near the float limits (float payoffs are first divided by a power of
    two near their largest magnitude, which is exact); float tolerances are
    applied to these.  Cached on the game.
    """
    if "normalized" not in game._cache:
        if game.kind == "symbolic":
            raise UnsupportedGameError("a symbolic game has no numeric payoffs; use .subs(...) first")
        if game.kind == "float":
            array = _normalized_floats(np.asarray(game.payoffs, dtype=np.float64))
        else:
            rows = []
            for i in range(game.n_players):
                values = game.payoffs[i]
                low, high = min(values.flat), max(values.flat)
                span = high - low
                if span == 0:
                    rows.append(np.zeros(values.shape))
                else:
                    rows.append(np.array([float((v - low) / span) for v in values.flat]).reshape(values.shape))
            array = np.stack(rows)
        array.flags.writeable = False
        game._cache["normalized"] = array
    return game._cache["normalized"]


def adopt_normalized(game: StrategicForm, array: np.ndarray) -> None:
    """Cache ``array`` as the float game's :func:`normalized_payoffs`, computed by a solver with the same arithmetic.

    For a compiled solver that maps the payoffs onto ``[0, 1]`` itself, bit for bit as
    :func:`_normalized_floats` does (a test pins the two); ``array`` must be a new array
    nobody else holds (it is made read-only here).  A value already cached is kept.
    """
    if "normalized" not in game._cache:
        array.flags.writeable = False
        game._cache["normalized"] = array


def _normalized_floats(payoffs: np.ndarray) -> np.ndarray:
    """Each player's float payoffs (axis 0) mapped onto ``[0, 1]``.

    Player ``i``'s payoffs are multiplied by ``2**-e_i``, with ``e_i`` the binary exponent of
    their largest magnitude (exact: the entries land in ``[-1, 1]``, so no difference
    overflows), then mapped by ``(u - low) / (high - low)``, ``low`` and ``high`` being the
    scaled extremes (scaling is monotone, so they are the extremes scaled); a constant player
    gets zeros.
    """
    out = np.zeros(payoffs.shape)
    for i in range(payoffs.shape[0]):
        values = payoffs[i]
        lowest, highest = float(np.minimum.reduce(values, axis=None)), float(np.maximum.reduce(values, axis=None))
        exponent = -math.frexp(max(-lowest, highest))[1]  # max |u| = max(-min u, max u)
        low, high = math.ldexp(lowest, exponent), math.ldexp(highest, exponent)
        if high == low:
            continue
        np.subtract(np.ldexp(values, exponent), low, out=out[i])
        out[i] /= high - low
    return out


def reduced_integer_payoffs(game: StrategicForm) -> np.ndarray:
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
    if game.kind == "float" and integral_below(game.payoffs, 2**30):  # the same integers, in NumPy
        flat = game.payoffs.reshape(game.n_players, -1).astype(np.int64)
        flat = flat - flat.min(axis=1, keepdims=True)
        divisors = np.maximum(np.gcd.reduce(flat, axis=1, keepdims=True), 1)
        array = (flat // divisors).reshape(game.payoffs.shape)
        array.flags.writeable = False
        game._cache["reduced"] = array
        return array
    rows = []
    for i in range(game.n_players):
        if game.kind == "exact":
            ratios = [(v.numerator, v.denominator) for v in game.payoffs[i].flat]
        else:
            ratios = [float(v).as_integer_ratio() for v in game.payoffs[i].flat]
        common = math.lcm(*(den for _, den in ratios))
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


def integral_below(payoffs: np.ndarray, bound: float) -> bool:
    """Whether every float payoff is an integer of magnitude below ``bound`` (then exact in int64 and float64)."""
    return bool((np.abs(payoffs) < bound).all() and (payoffs == np.rint(payoffs)).all())


def float_payoffs(game: StrategicForm) -> np.ndarray:
    """The payoff array as float64 (cached on the game)."""
    if game.kind == "float":
        return game.payoffs
    if "float" not in game._cache:
        array = convert_array(game.payoffs, "float")
        array.flags.writeable = False
        game._cache["float"] = array
    return game._cache["float"]
