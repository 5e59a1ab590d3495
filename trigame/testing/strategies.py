"""Hypothesis strategies for strategic-form games and their mixed-strategy profiles.

:func:`games` draws :class:`~trigame.games.normal_form.NormalFormGame` instances
with integer, fractional or float payoffs, degenerate or nondegenerate on
request (the degeneracy tests are in :mod:`trigame.testing.degeneracy`);
:func:`profiles` draws mixed-strategy profiles of a game.  The argument checks
shared with the other strategies (counts, payoff bounds, payoff values) are here
too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from trigame.errors import ParameterError
from trigame.games.normal_form import NormalFormGame
from trigame.testing.degeneracy import FLOAT_SEPARATION, _pure_ties, _two_player_degenerate

__all__ = ["FLOAT_GRID", "FLOAT_SEPARATION", "MAX_BOUND", "MAX_DENOMINATOR", "PayoffKind", "games", "profiles"]

PayoffKind = Literal["integers", "fractions", "floats"]
_PAYOFF_KINDS = ("integers", "fractions", "floats")
#: Largest denominator of drawn fractions (payoffs, parameter values).
MAX_DENOMINATOR = 6
#: Float payoffs of degenerate games lie on this grid (1/8), so that ties survive float arithmetic.
FLOAT_GRID = 8
#: How often a nondegenerate draw is retried before hypothesis is told to discard it.
_RETRIES = 8


# ---------------------------------------------------------------------------- argument checks
def _count_strategy(value: int | range | Sequence[int] | SearchStrategy, what: str, low: int) -> SearchStrategy:
    """An int, a range or a sequence of ints (drawn uniformly), or a strategy drawing ints."""
    if isinstance(value, SearchStrategy):
        return value
    if isinstance(value, bool):
        raise ParameterError(f"{what} must be an int, a range, a sequence of ints or a hypothesis strategy")
    choices = [value] if isinstance(value, int) else list(value) if isinstance(value, (range, Sequence)) else None
    if not choices or not all(isinstance(k, int) and not isinstance(k, bool) for k in choices):
        raise ParameterError(
            f"{what} must be an int, a non-empty range or sequence of ints, or a hypothesis strategy; got {value!r}"
        )
    if min(choices) < low:
        raise ParameterError(f"{what} must be at least {low}; got {value!r}")
    return st.sampled_from(choices)


def _max_choice(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, (range, Sequence)) and not isinstance(value, str):
        return max(value)
    return None  # a strategy: unknown


#: Largest payoff bound the strategies accept (so that floats drawn between the bounds stay finite).
MAX_BOUND = 10**300


def _bounds(min_value: Any, max_value: Any) -> tuple[Fraction, Fraction]:
    """``[min_value, max_value]`` as Fractions; ``min_value=None`` means ``-max_value``."""
    for name, bound in (("min_value", min_value), ("max_value", max_value)):
        if name == "min_value" and bound is None:
            continue
        if (
            isinstance(bound, bool)
            or not isinstance(bound, (int, Fraction, float))
            or (isinstance(bound, float) and not math.isfinite(bound))
            or not -MAX_BOUND <= bound <= MAX_BOUND
        ):
            digits = f"an integer of about {bound.bit_length() * 0.30103:.0f} digits" if isinstance(bound, int) else ""
            shown = digits or repr(bound)
            raise ParameterError(f"{name} must be a finite number of magnitude at most 1e300, got {shown}")
    lo, hi = Fraction(-max_value if min_value is None else min_value), Fraction(max_value)
    if lo > hi:
        raise ParameterError(f"min_value ({min_value}) exceeds max_value ({max_value})")
    return lo, hi


def _element(payoffs: str, lo: Fraction, hi: Fraction, grid: bool) -> SearchStrategy:
    """One payoff in [lo, hi]: an int, a Fraction with a small denominator, or a float."""
    if payoffs == "integers":
        if math.ceil(lo) > math.floor(hi):
            raise ParameterError(f"no integer lies in [{lo}, {hi}]; widen min_value/max_value")
        return st.integers(math.ceil(lo), math.floor(hi))
    if payoffs == "fractions":

        @st.composite
        def fraction(draw: Any) -> Fraction:
            d = draw(st.integers(1, MAX_DENOMINATOR))
            return Fraction(draw(st.integers(math.ceil(lo * d), math.floor(hi * d))), d)

        if math.ceil(lo * MAX_DENOMINATOR) > math.floor(hi * MAX_DENOMINATOR):
            raise ParameterError(f"[{lo}, {hi}] is too narrow for fractions with denominators up to {MAX_DENOMINATOR}")
        return fraction().filter(lambda x: lo <= x <= hi)
    if payoffs == "floats":
        if grid:  # multiples of 1/8: sums and halves are exact, so constructed ties are exact ties
            return st.integers(math.ceil(lo * FLOAT_GRID), math.floor(hi * FLOAT_GRID)).map(lambda k: k / FLOAT_GRID)
        return st.floats(float(lo), float(hi), allow_nan=False, allow_infinity=False, allow_subnormal=False)
    raise ParameterError(f"payoffs must be one of {_PAYOFF_KINDS}, got {payoffs!r}")


# ---------------------------------------------------------------------------- games
def _array(values: Sequence[Any], shape: tuple[int, ...]) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = list(values)
    return array.reshape(shape)


def _tie(draw: Any, payoffs: np.ndarray, lo: Fraction, hi: Fraction) -> None:
    """Make ``payoffs`` degenerate in place, by one of four constructions that guarantee a tie at a best reply."""
    n = payoffs.shape[0]
    shape = payoffs.shape[1:]
    movers = [i for i in range(n) if shape[i] >= 2]
    i = draw(st.sampled_from(movers))
    options = ["tie", "duplicate", "constant"]
    if n == 2 and shape[1 - i] >= 3:
        options.append("mixed")
    how = draw(st.sampled_from(options))
    own = list(range(shape[i]))
    a = draw(st.sampled_from(own))
    b = draw(st.sampled_from([k for k in own if k != a]))
    others = tuple(draw(st.integers(0, shape[j] - 1)) for j in range(n) if j != i)

    def cell(k: int) -> tuple[int, ...]:
        """Where player i's payoff is when i plays ``k`` against ``others``."""
        return (i, *others[:i], k, *others[i:])

    if how == "tie":
        # Player i has two best replies to the pure profile `others` of the opponents.
        top = max(payoffs[cell(k)] for k in own)
        payoffs[cell(a)] = payoffs[cell(b)] = top
    elif how == "duplicate":
        # Strategy b becomes a copy (for every player) of strategy a, a best reply to `others`.
        a = max(own, key=lambda k: payoffs[cell(k)])
        b = b if b != a else next(k for k in own if k != a)
        index_a = (slice(None),) * (i + 1) + (a,)
        index_b = (slice(None),) * (i + 1) + (b,)
        payoffs[index_b] = payoffs[index_a]
    elif how == "constant":
        # Player i is indifferent among all its strategies; or the all-zero game.
        if draw(st.booleans()):
            payoffs[...] = 0
        else:
            payoffs[i][...] = payoffs[cell(a)]
    else:
        # Two players: i mixes a and b half and half; the opponent q gets three best replies
        # (support size 2, three pure best responses: von Stengel's degeneracy).
        q = 1 - i
        table = np.moveaxis(payoffs[q], i, 0)  # a view: own strategies of i first
        sums = [table[a, c] + table[b, c] for c in range(shape[q])]
        best = max(range(shape[q]), key=lambda c: sums[c])
        # the best column's own pair of payoffs reaches the top sum: copying it keeps every payoff a drawn value
        # (in [lo, hi], denominators up to MAX_DENOMINATOR), where splitting the sum afresh would not
        pair = table[a, best], table[b, best]
        for c in draw(st.permutations(range(shape[q])))[:3]:
            table[a, c], table[b, c] = pair


def games(
    n_players: int | range | Sequence[int] | SearchStrategy = (2, 3),
    n_strategies: int | range | Sequence[int] | SearchStrategy = (1, 2, 3),
    payoffs: PayoffKind = "integers",
    degenerate: bool | None = False,
    max_value: int | Fraction | float = 10,
    min_value: int | Fraction | float | None = None,
) -> SearchStrategy:
    """A hypothesis strategy drawing :class:`~trigame.NormalFormGame` instances.

    Parameters
    ----------
    n_players, n_strategies : int, range, sequence of int, or hypothesis strategy
        The number of players, and the number of each player's strategies (drawn
        per player), or the choices to draw them from.
    payoffs : {"integers", "fractions", "floats"}
        Exact integer payoffs, exact fractions (denominators up to 6), or floats.
    degenerate : bool or None, default False
        ``True``: every game is degenerate -- some player has more pure best
        replies than the support of the others' strategy, so equilibria come in
        continua or ties matter.  It is built in, by one of: two of a player's
        strategies tied at the top against a pure profile of the others; a copy
        of a best-reply strategy (a duplicated row or column); a player with
        constant payoffs (the all-zero game among them); for two players, a
        half-half mixture of two strategies with three pure best replies.
        Float payoffs of degenerate games lie on a grid of 1/8, so ties are exact.

        ``False``: every game is nondegenerate.  No player ever has two pure
        strategies with equal payoffs against a pure profile of the others
        (each such column of payoffs is drawn without repeats; float payoffs
        differ by more than 1e-6 of the payoff scale).  Two-player games are
        moreover nondegenerate in von Stengel's sense -- no mixed strategy with
        ``k`` strategies in its support has more than ``k`` pure best replies --
        checked exactly (toleranced for floats) on the vertices of the
        best-response polytopes; games failing the check are redrawn.  For
        three or more players only the pure-strategy condition is guaranteed.

        ``None``: either, half the time each.
    max_value, min_value : number, defaults 10 and ``-max_value``
        Payoffs lie in ``[min_value, max_value]``.

    Raises
    ------
    trigame.ParameterError
        On invalid arguments (e.g. too few payoff values for a nondegenerate game,
        or only one strategy per player for a degenerate one).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(games(n_players=2, n_strategies=range(2, 4), payoffs="fractions", degenerate=True))
    ... def test_shape(game):
    ...     assert game.n_players == 2 and game.is_exact and set(game.shape) <= {2, 3}
    >>> test_shape()
    """
    players = _count_strategy(n_players, "n_players", 1)
    counts = _count_strategy(n_strategies, "n_strategies", 1)
    if not isinstance(payoffs, str) or payoffs not in _PAYOFF_KINDS:
        raise ParameterError(f"payoffs must be one of {_PAYOFF_KINDS}, got {payoffs!r}")
    if degenerate is not None and not isinstance(degenerate, bool):
        raise ParameterError(f"degenerate must be True, False or None, got {degenerate!r}")
    lo, hi = _bounds(min_value, max_value)
    largest = _max_choice(n_strategies)
    if degenerate is True and largest is not None and largest < 2:
        raise ParameterError("a degenerate game needs a player with at least 2 strategies; raise n_strategies")
    if degenerate is not True and payoffs == "integers" and largest is not None and hi - lo + 1 < largest:
        raise ParameterError(
            f"a nondegenerate game needs {largest} distinct payoffs per column, but [{lo}, {hi}] "
            f"holds {int(hi - lo + 1)} integers; widen min_value/max_value"
        )
    exact = payoffs != "floats"
    # The range of the values actually drawn (ties are built inside it).
    if payoffs == "integers":
        tie_lo, tie_hi = Fraction(math.ceil(lo)), Fraction(math.floor(hi))
    elif payoffs == "floats":
        tie_lo = Fraction(math.ceil(lo * FLOAT_GRID), FLOAT_GRID)
        tie_hi = Fraction(math.floor(hi * FLOAT_GRID), FLOAT_GRID)
    else:
        tie_lo, tie_hi = lo, hi
    grid_values = _element(payoffs, lo, hi, grid=True)
    free_values = _element(payoffs, lo, hi, grid=False)

    def nondegenerate(draw: Any, n: int, shape: tuple[int, ...]) -> np.ndarray:
        for _ in range(_RETRIES):
            array = np.empty((n, *shape), dtype=object)
            for i in range(n):
                others = [shape[j] for j in range(n) if j != i]
                for rest in np.ndindex(*others):
                    column = draw(st.lists(free_values, min_size=shape[i], max_size=shape[i], unique=True))
                    for k, value in enumerate(column):
                        index = (i, *rest[:i], k, *rest[i:])
                        array[index] = value
            if not exact:
                scale = max(1.0, max(abs(float(v)) for v in array.flat))
                if _pure_ties(array, FLOAT_SEPARATION * scale):
                    continue
            if n == 2 and _two_player_degenerate(array, exact):
                continue
            return array
        reject()
        raise AssertionError("unreachable")  # pragma: no cover - reject() raises

    @st.composite
    def draw_game(draw: Any) -> NormalFormGame:
        n = draw(players)
        shape = tuple(draw(counts) for _ in range(n))
        wanted = draw(st.booleans()) if degenerate is None else degenerate
        if wanted and max(shape) < 2:
            if degenerate is None:
                wanted = False
            else:
                reject()
        if wanted:
            size = n * math.prod(shape)
            array = _array(draw(st.lists(grid_values, min_size=size, max_size=size)), (n, *shape))
            _tie(draw, array, lo=tie_lo, hi=tie_hi)
        else:
            array = nondegenerate(draw, n, shape)
        return NormalFormGame(array.tolist(), kind="exact" if exact else "float")

    return draw_game()



def profiles(game: NormalFormGame, exact: bool | None = None) -> SearchStrategy:
    """A hypothesis strategy drawing mixed strategy profiles of ``game``.

    Each player's vector has small integer weights (0 to 6, some positive)
    normalised to sum to 1, so pure strategies, small supports and full
    supports all occur.

    Parameters
    ----------
    game : NormalFormGame
        The game whose profiles are drawn.
    exact : bool, optional
        Fraction vectors (exact) or float vectors; by default exact for exact games.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> @settings(max_examples=20)
    ... @given(profiles(pd))
    ... def test_defection_pays(profile):
    ...     assert tg.regret(pd, profile)[0] >= 0
    >>> test_defection_pays()
    """
    if not isinstance(game, NormalFormGame):
        raise ParameterError(f"profiles needs a NormalFormGame, got {type(game).__name__}")
    if exact is not None and not isinstance(exact, bool):
        raise ParameterError(f"exact must be True, False or None, got {type(exact).__name__}")
    exact = game.is_exact if exact is None else exact

    def vector(m: int) -> SearchStrategy:
        weights = st.lists(st.integers(0, 6), min_size=m, max_size=m).filter(lambda w: sum(w) > 0)
        if exact:
            return weights.map(lambda w: [Fraction(x, sum(w)) for x in w])
        return weights.map(lambda w: [x / sum(w) for x in w])

    return st.tuples(*[vector(m) for m in game.shape])
