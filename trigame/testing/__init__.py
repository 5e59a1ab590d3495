"""Property-based verification for users: hypothesis strategies for games and models, and checkers.

Test your own models and solvers the way trigame tests its own.  The strategies
draw the objects of game theory:

* :func:`games` -- strategic-form games, with integer, fractional or float
  payoffs, and degenerate or nondegenerate on request;
* :func:`profiles` -- mixed-strategy profiles of a game;
* :func:`model_instances` -- valid instances of a :class:`trigame.models.Model`,
  drawn from each parameter's domain;
* :func:`trees` -- game trees with decision, chance and simultaneous-move stages.

The checkers turn the definitions into assertions with readable messages:

* :func:`assert_nash` -- who gains how much by which deviation;
* :func:`assert_subgame_perfect` -- the same, in every subgame of a tree;
* :func:`check_solver` -- the standard properties of an equilibrium solver
  (Nash condition, invariance under positive affine payoff changes and under
  relabelling of strategies and players, agreement with a reference solver);
* :func:`assert_same_equilibria` / :func:`same_equilibria` -- equilibrium sets
  compared with a tolerance.

Examples
--------
>>> from hypothesis import given, settings
>>> import trigame as tg
>>> from trigame.testing import assert_nash, games
>>> @settings(max_examples=10)
... @given(games(n_players=2, n_strategies=(2, 3), degenerate=True))
... def test_support_enumeration(game):
...     for eq in tg.equilibria(game, method="support"):
...         assert_nash(game, eq)
>>> test_support_enumeration()

Hypothesis is a core dependency of trigame; ``import trigame`` does not load
this module (``trigame.testing`` is imported on first use).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, given, reject, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from trigame._numbers import format_number, to_float
from trigame.errors import ParameterError, ProfileError, TrigameError
from trigame.games.normal_form import NormalFormGame, Profile
from trigame.results import Equilibrium, EquilibriumSet
from trigame.verify import as_profile, deviation_payoffs, player_scales, regret

__all__ = [
    "SolverCheckError",
    "SolverReport",
    "assert_nash",
    "assert_same_equilibria",
    "assert_subgame_perfect",
    "check_invariance",
    "check_solver",
    "games",
    "model_instances",
    "profiles",
    "same_equilibria",
    "trees",
]

PayoffKind = Literal["integers", "fractions", "floats"]
_PAYOFF_KINDS = ("integers", "fractions", "floats")
#: Largest denominator of drawn fractions (payoffs, parameter values).
MAX_DENOMINATOR = 6
#: Float payoffs of degenerate games lie on this grid (1/8), so that ties survive float arithmetic.
FLOAT_GRID = 8
#: Float payoffs of nondegenerate games differ by more than this, relative to the payoff scale.
FLOAT_SEPARATION = 1e-6
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
            or abs(bound) > MAX_BOUND
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


# ---------------------------------------------------------------------------- degeneracy
def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system in Fractions by Gaussian elimination; None when singular."""
    n = len(rows)
    m = [[*r, b] for r, b in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[k][n] / m[k][k] for k in range(n)]


def _polytope_degenerate(M: np.ndarray, exact: bool, tol: float) -> bool:
    """Whether some vertex of ``{x >= 0 : M^T x <= 1}`` lies on more than ``len(x)`` of its facets.

    ``M`` is the opponent's payoff matrix made positive (rows: own strategies).  The
    labels of a point are the zero coordinates and the opponent's strategies whose
    inequality is tight; a point with more than ``m`` labels is a mixed strategy
    with support ``k`` and more than ``k`` pure best responses, and if such a
    point exists then a vertex of its face has all its labels too (von Stengel
    2002, Handbook of Game Theory 3, ch. 45, section 3.2).
    """
    m, n = M.shape
    constraints: list[tuple[list[Any], Any]] = []
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    for i in range(m):
        constraints.append(([one if k == i else zero for k in range(m)], zero))
    for j in range(n):
        constraints.append(([M[k, j] for k in range(m)], one))
    for chosen in itertools.combinations(range(m + n), m):
        rows = [constraints[c][0] for c in chosen]
        rhs = [constraints[c][1] for c in chosen]
        if exact:
            x = _solve_exact(rows, rhs)
            if x is None:
                continue
        else:
            a = np.array(rows, dtype=float)
            if abs(np.linalg.det(a)) < 1e-12:
                continue
            x = list(np.linalg.solve(a, np.array(rhs, dtype=float)))
        slack = [float(-x[i]) if not exact else -x[i] for i in range(m)]
        slack += [sum(M[k, j] * x[k] for k in range(m)) - one for j in range(n)]
        if any(s > tol for s in slack):
            continue  # infeasible
        if sum(1 for s in slack if abs(s) <= tol) > m:
            return True
    return False


def _two_player_degenerate(payoffs: np.ndarray, exact: bool) -> bool:
    """Von Stengel degeneracy of a bimatrix game: a mixed strategy with more best responses than its support size."""
    a, b = payoffs[0], payoffs[1]
    if exact:
        a = np.array([[Fraction(v) for v in row] for row in a.tolist()], dtype=object)
        b = np.array([[Fraction(v) for v in row] for row in b.tolist()], dtype=object)
        a, b = a - min(a.flat) + 1, b - min(b.flat) + 1
        return _polytope_degenerate(b, True, 0) or _polytope_degenerate(a.T.copy(), True, 0)
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(1.0, float(np.max(np.abs(payoffs))))
    a, b = (a - a.min()) / scale + 1, (b - b.min()) / scale + 1
    return _polytope_degenerate(b, False, FLOAT_SEPARATION) or _polytope_degenerate(a.T.copy(), False, FLOAT_SEPARATION)


def _pure_ties(payoffs: np.ndarray, separation: Any = 0) -> bool:
    """Whether some player has two pure strategies within ``separation`` against a pure profile of the others."""
    for i in range(payoffs.shape[0]):
        own = np.moveaxis(payoffs[i], i, -1).reshape(-1, payoffs.shape[i + 1])
        for column in own.tolist():
            values = sorted(column)
            if any(b - a <= separation for a, b in itertools.pairwise(values)):
                return True
    return False


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
        return (*others[:i], k, *others[i:])

    if how == "tie":
        # Player i has two best replies to the pure profile `others` of the opponents.
        top = max(payoffs[(i, *cell(k))] for k in own)
        payoffs[(i, *cell(a))] = payoffs[(i, *cell(b))] = top
    elif how == "duplicate":
        # Strategy b becomes a copy (for every player) of strategy a, a best reply to `others`.
        a = max(own, key=lambda k: payoffs[(i, *cell(k))])
        b = b if b != a else next(k for k in own if k != a)
        index_a = (slice(None),) * (i + 1) + (a,)
        index_b = (slice(None),) * (i + 1) + (b,)
        payoffs[index_b] = payoffs[index_a]
    elif how == "constant":
        # Player i is indifferent among all its strategies; or the all-zero game.
        if draw(st.booleans()):
            payoffs[...] = 0
        else:
            payoffs[i][...] = payoffs[(i, *cell(a))]
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
                        array[(i, *rest[:i], k, *rest[i:])] = value
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


_games = games


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


# ---------------------------------------------------------------------------- model instances
def _parameter_values(domain: Any, numbers: str, magnitude: Fraction, name: str) -> SearchStrategy:
    """Values in an Interval: unbounded sides are capped ``magnitude`` away from the other bound (or 0)."""
    lower = None if domain.lower is None else Fraction(domain.lower)
    upper = None if domain.upper is None else Fraction(domain.upper)
    if lower is None and upper is None:
        lo, hi = -magnitude, magnitude
    elif lower is None:
        lo, hi = min(upper, Fraction(0)) - magnitude, upper  # type: ignore[type-var]
    elif upper is None:
        lo, hi = lower, max(lower, Fraction(0)) + magnitude
    else:
        lo, hi = lower, upper
    # Open ends that came from a cap are closed: the cap is not a bound of the domain.
    open_lo = domain.lower_open and domain.lower is not None
    open_hi = domain.upper_open and domain.upper is not None

    def inside(x: Any) -> bool:
        return bool(domain.contains(x))

    if numbers == "floats":
        return st.floats(float(lo), float(hi), exclude_min=open_lo, exclude_max=open_hi,
                         allow_nan=False, allow_infinity=False).filter(inside)
    first, last = math.ceil(lo), math.floor(hi)
    if open_lo and first == lo:
        first += 1
    if open_hi and last == hi:
        last -= 1
    if numbers == "integers":
        if first > last:
            raise ParameterError(
                f"parameter {name!r} has no integer value in its domain {domain}; use numbers='fractions'"
            )
        return st.integers(first, last).filter(inside)
    if lo == hi:
        return st.just(lo)

    @st.composite
    def fraction(draw: Any) -> Fraction:
        d = draw(st.integers(1, MAX_DENOMINATOR))
        start = math.ceil(lo * d) + (1 if open_lo and lo * d == math.ceil(lo * d) else 0)
        stop = math.floor(hi * d) - (1 if open_hi and hi * d == math.floor(hi * d) else 0)
        if start > stop:
            return (lo + hi) / 2  # a narrow domain: its midpoint
        value = Fraction(draw(st.integers(start, stop)), d)
        return int(value) if value.denominator == 1 else value

    return fraction().filter(inside)


def model_instances(
    model: type,
    *,
    numbers: Literal["fractions", "integers", "floats"] = "fractions",
    max_magnitude: int | Fraction = 10,
    **fixed: Any,
) -> SearchStrategy:
    """A hypothesis strategy drawing valid instances of a model, each parameter from its domain.

    Parameters
    ----------
    model : subclass of trigame.models.Model
        The model class.
    numbers : {"fractions", "integers", "floats"}, default "fractions"
        How the free parameters are drawn: exact fractions with denominators up
        to 6 (and integers among them: exact games), integers, or floats.
        Closed bounds can be drawn, open ones never.
    max_magnitude : number, default 10
        An unbounded side of a domain is capped this far from the other bound
        (from 0 when both sides are unbounded): ``[0, inf)`` gives values in
        ``[0, 10]``, ``(-inf, inf)`` in ``[-10, 10]``.
    **fixed
        Parameters pinned to a value (validated against the domain at once) or
        drawn from a hypothesis strategy of your own.

    Raises
    ------
    trigame.ParameterError
        For a name that is not a parameter of the model (the message lists the
        valid ones), a pinned value outside its domain, or a domain without a
        value of the requested kind (e.g. integers in ``(0, 1)``).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from trigame.models import QuasiAlliance
    >>> @settings(max_examples=20)
    ... @given(model_instances(QuasiAlliance, fear_japan=1, fear_rok=1))
    ... def test_friction_is_always_an_equilibrium(m):
    ...     assert m.equilibria().contains(["Friction", "Friction"])
    >>> test_friction_is_always_an_equilibrium()
    """
    from trigame.models.base import Model

    if not (isinstance(model, type) and issubclass(model, Model)):
        raise ParameterError(f"model_instances needs a Model subclass (e.g. QuasiAlliance), got {model!r}")
    if numbers not in ("fractions", "integers", "floats"):
        raise ParameterError(f"numbers must be 'fractions', 'integers' or 'floats', got {numbers!r}")
    if isinstance(max_magnitude, bool) or not isinstance(max_magnitude, (int, Fraction)) or max_magnitude <= 0:
        raise ParameterError(f"max_magnitude must be a positive int or Fraction, got {max_magnitude!r}")
    parameters = {p.name: p for p in model.parameters()}
    unknown = sorted(set(fixed) - set(parameters))
    if unknown:
        raise ParameterError(
            f"{model.__name__} has no parameter {', '.join(map(repr, unknown))}; "
            f"its parameters are: {', '.join(parameters)}"
        )
    values: dict[str, SearchStrategy] = {}
    for name, p in parameters.items():
        if name in fixed:
            given_value = fixed[name]
            if isinstance(given_value, SearchStrategy):
                values[name] = given_value
            else:
                values[name] = st.just(p.validate(given_value, model.__name__))
        else:
            values[name] = _parameter_values(p.domain, numbers, Fraction(max_magnitude), name)
    return st.fixed_dictionaries(values).map(lambda kwargs: model(**kwargs))


# ---------------------------------------------------------------------------- trees
def trees(
    n_players: int | range | Sequence[int] | SearchStrategy = (1, 2, 3),
    *,
    max_depth: int = 3,
    max_actions: int = 3,
    payoffs: PayoffKind = "integers",
    stages: bool = True,
    chance: bool = True,
    max_value: int | Fraction | float = 5,
    min_value: int | Fraction | float | None = None,
) -> SearchStrategy:
    """A hypothesis strategy drawing finite game trees, valid by construction.

    A node is a terminal node, a decision node of one player (perfect
    information), a chance node (when ``chance``) or a simultaneous-move stage
    of two or more players built with :func:`trigame.games.tree.stage` (when ``stages``
    and the tree has two players or more; each stage has its own
    information-set keys, so perfect recall holds).  Depth counts the moves from
    the root; a stage counts once.

    Parameters
    ----------
    n_players : int, range, sequence of int, or hypothesis strategy, default (1, 2, 3)
        The number of players, named ``"P1"``, ``"P2"``, ...
    max_depth : int, default 3
        Longest play, in moves (decision nodes, chance nodes and stages).
    max_actions : int, default 3
        Most actions (chance outcomes) at a node; at least 1 (2 for chance).
    payoffs : {"integers", "fractions", "floats"}
        Terminal payoffs, drawn from ``[min_value, max_value]`` (default
        ``[-5, 5]``, small so that ties -- several optimal actions -- are common).
        Chance probabilities are Fractions (floats for float trees).
    stages, chance : bool, default True
        Whether simultaneous-move stages and chance nodes occur.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from trigame.solve.subgame_perfect import subgame_perfect
    >>> @settings(max_examples=10)
    ... @given(trees(n_players=2, max_depth=2))
    ... def test_spe_exists(tree):
    ...     assert len(subgame_perfect(tree)) >= 1
    >>> test_spe_exists()
    """
    from trigame.games.tree import Chance, Decision, GameTree, Terminal, stage

    players = _count_strategy(n_players, "n_players", 1)
    for flag, setting in (("stages", stages), ("chance", chance)):
        if not isinstance(setting, bool):
            raise ParameterError(f"{flag} must be True or False, got {type(setting).__name__}")
    for name, value, low in (("max_depth", max_depth, 1), ("max_actions", max_actions, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ParameterError(f"{name} must be an int >= {low}, got {value!r}")
    if not isinstance(payoffs, str) or payoffs not in _PAYOFF_KINDS:
        raise ParameterError(f"payoffs must be one of {_PAYOFF_KINDS}, got {payoffs!r}")
    lo, hi = _bounds(min_value, max_value)
    values = _element(payoffs, lo, hi, grid=False)
    floats = payoffs == "floats"

    @st.composite
    def draw_tree(draw: Any) -> Any:
        names = tuple(f"P{k + 1}" for k in range(draw(players)))
        keys = itertools.count()

        def terminal() -> Any:
            return Terminal(tuple(draw(values) for _ in names))

        def node(depth: int) -> Any:
            if depth >= max_depth:
                return terminal()
            kinds = ["terminal"] * (1 + depth) + ["decision", "decision"]  # deeper: more often a leaf
            if chance and max_actions >= 2:
                kinds.append("chance")
            if stages and len(names) >= 2:
                kinds.append("stage")
            kind = draw(st.sampled_from(kinds))
            if kind == "terminal":
                return terminal()
            if kind == "decision":
                player = draw(st.sampled_from(names))
                k = draw(st.integers(1, max_actions))
                return Decision(player, {f"a{j + 1}": node(depth + 1) for j in range(k)})
            if kind == "chance":
                weights = draw(st.lists(st.integers(1, 3), min_size=2, max_size=max_actions))
                total = sum(weights)
                probabilities = [Fraction(w, total) for w in weights]
                if floats:
                    probabilities = [float(p) for p in probabilities]
                return Chance({f"n{j + 1}": (p, node(depth + 1)) for j, p in enumerate(probabilities)})
            movers = draw(st.lists(st.sampled_from(names), min_size=2, max_size=len(names), unique=True))
            sizes = [draw(st.integers(1, max_actions)) for _ in movers]
            key = f"stage{next(keys)}"
            labels = [[f"{key}:{mover}:{j + 1}" for j in range(m)] for mover, m in zip(movers, sizes)]
            cells = {profile: node(depth + 1) for profile in itertools.product(*labels)}
            return stage(movers, labels, cells, key=key)

        return GameTree(node(0), players=names)

    return draw_tree()


# ---------------------------------------------------------------------------- checkers
def _game_of(game: Any) -> Any:
    """A NormalFormGame or GameTree from a game, a tree or a model instance."""
    from trigame.models.base import Model

    if isinstance(game, Model):
        return game.game()
    return game


def _deviation_lines(game: NormalFormGame, profile: Profile, tol: float, indent: str = "  ") -> list[str]:
    """One line per player who gains by a unilateral deviation: how much, by which pure strategy."""
    vectors = as_profile(game, profile)
    gains = regret(game, profile)
    values = deviation_payoffs(game, vectors)
    current = game.expected_payoffs(vectors)
    exact = all(isinstance(r, Fraction) for r in gains)
    scales = (0.0,) * game.n_players if exact else player_scales(game)
    lines = []
    for i, gain in enumerate(gains):
        # the same per-player bound as is_nash: tol times the player's own payoff range
        if (gain == 0) if exact else (to_float(gain) <= tol * scales[i]):
            continue
        options = values[i].tolist()
        best = max(range(len(options)), key=lambda k: options[k])
        lines.append(
            f"{indent}{game.players[i]} gains {format_number(gain)} by deviating to "
            f"{game.strategies[i][best]!r} (payoff {format_number(options[best])} "
            f"instead of {format_number(current[i])})"
        )
    return lines


def _describe(game: NormalFormGame, profile: Profile) -> str:
    """The profile's label, leaving out players without a move (a tree's strategy ``"-"``)."""
    vectors = as_profile(game, profile)
    label = Equilibrium(vectors, game.expected_payoffs(vectors), game.players, game.strategies, exact=False).label()
    idle = {f"{name}: -" for name, own in zip(game.players, game.strategies) if own == ("-",)}
    return ", ".join(part for part in label.split(", ") if part not in idle)


def assert_nash(game: Any, profile: Profile, tol: float = 1e-9) -> None:
    """Raise AssertionError, saying who gains how much by which deviation, unless ``profile`` is a Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame, GameTree or Model instance
        The game (a model instance stands for ``model.game()``).
    profile : Equilibrium, profile, SubgamePerfectEquilibrium or behaviour mapping
        An :class:`~trigame.Equilibrium` or one entry per player (probability
        vector, strategy index or label); for a tree, also a subgame-perfect
        equilibrium or ``{information set: {action: probability}}``.
    tol : float, default 1e-9
        Float checks allow a regret of ``tol`` times the payoff scale (see
        :func:`trigame.is_nash`); exact games with exact profiles are checked exactly.

    Examples
    --------
    >>> import trigame as tg
    >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=["Japan", "South Korea"],
    ...                                    strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]])
    >>> assert_nash(pd, ["Defect", "Defect"])
    >>> assert_nash(pd, ["Cooperate", "Defect"])
    Traceback (most recent call last):
        ...
    AssertionError: not a Nash equilibrium: Japan: Cooperate, South Korea: Defect
      Japan gains 1 by deviating to 'Defect' (payoff 1 instead of 0)
    """
    from trigame.games.tree import GameTree
    from trigame.verify import is_nash

    game = _game_of(game)
    if isinstance(game, GameTree):
        game, profile = game.to_normal_form(), _tree_profile(game, profile)
    if not isinstance(game, NormalFormGame):
        raise TrigameError(f"assert_nash needs a NormalFormGame, a GameTree or a model instance, got {game!r}")
    if is_nash(game, profile, tol=tol):
        return
    head = f"not a Nash equilibrium: {_describe(game, profile)}"
    raise AssertionError("\n".join([head, *_deviation_lines(game, profile, tol)]))


def _behavior(tree: Any, equilibrium: Any) -> Mapping[Hashable, Mapping[str, Any]]:
    from trigame.results import SubgamePerfectEquilibrium

    if isinstance(equilibrium, SubgamePerfectEquilibrium):
        return equilibrium.behavior
    if isinstance(equilibrium, Mapping):
        return equilibrium
    raise TrigameError(
        "a tree's strategy must be a SubgamePerfectEquilibrium or {information set: {action: probability}}, "
        f"got {equilibrium!r}"
    )


def _tree_profile(tree: Any, profile: Any) -> Any:
    if isinstance(profile, Mapping) or hasattr(profile, "behavior"):
        return tree.strategy_profile(_behavior(tree, profile))
    return profile


def assert_subgame_perfect(tree: Any, equilibrium: Any, tol: float = 1e-9) -> None:
    """Raise AssertionError unless the behaviour strategies are a Nash equilibrium of every subgame.

    A strategy profile is subgame perfect when it induces a Nash equilibrium in
    every subgame (Selten 1965); each subgame is checked in its strategic form,
    and the message names the subgame (by its path from the root), the player,
    the deviation and the gain.

    Parameters
    ----------
    tree : GameTree or Model instance of a sequential model
    equilibrium : SubgamePerfectEquilibrium or mapping
        ``{information set: {action: probability}}`` at every information set.
    tol : float, default 1e-9

    Examples
    --------
    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> incumbent = Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})
    >>> tree = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}))
    >>> threat = {"Entrant@root": {"Out": 1}, "Incumbent@In": {"Fight": 1}}
    >>> assert_nash(tree, threat)            # a Nash equilibrium ...
    >>> assert_subgame_perfect(tree, threat)  # ... resting on a threat that is not credible
    Traceback (most recent call last):
        ...
    AssertionError: not subgame perfect: in the subgame at In, not a Nash equilibrium: Incumbent: Fight
      Incumbent gains 2 by deviating to 'Accommodate' (payoff 1 instead of -1)
    """
    from trigame.games.tree import GameTree

    tree = _game_of(tree)
    if not isinstance(tree, GameTree):
        raise TrigameError(f"assert_subgame_perfect needs a GameTree, got {tree!r}")
    behavior = _behavior(tree, equilibrium)
    for path in tree.subgame_roots():
        sub = tree.subgame(path)
        keys = {info.key for info in sub.information_sets}
        try:
            assert_nash(sub, {key: behavior[key] for key in keys if key in behavior}, tol=tol)
        except AssertionError as exc:
            where = "the whole game" if not path else "the subgame at " + " > ".join(path)
            raise AssertionError(f"not subgame perfect: in {where}, {exc}") from None


# ---------------------------------------------------------------------------- comparing sets
def _vectors(p: Any) -> list[list[float]]:
    source = p.strategies if isinstance(p, Equilibrium) else p
    return [[to_float(x) for x in v] for v in source]


def _profile_list(items: Any, which: str) -> list[list[list[float]]]:
    """The profiles of a sequence (an EquilibriumSet, or lists of probability vectors) as float vectors."""
    if isinstance(items, (str, bytes)) or not isinstance(items, (Sequence, EquilibriumSet)):
        raise ProfileError(f"the {which} argument must be a sequence of profiles, got {type(items).__name__}")
    try:
        return [_vectors(p) for p in items]
    except (TypeError, ValueError, OverflowError) as exc:
        if isinstance(exc, TrigameError):
            raise
        raise ProfileError(
            f"the {which} argument must hold profiles (an Equilibrium or a list of probability vectors): {exc}"
        ) from exc


def _close(p: list[list[float]], q: list[list[float]], tol: float) -> bool:
    return len(p) == len(q) and all(
        len(u) == len(v) and max((abs(x - y) for x, y in zip(u, v)), default=0.0) <= tol for u, v in zip(p, q)
    )


def same_equilibria(a: Sequence[Equilibrium | Profile], b: Sequence[Equilibrium | Profile], tol: float = 1e-6) -> bool:
    """True when every profile of ``a`` is within ``tol`` of one of ``b`` and vice versa.

    Examples
    --------
    >>> same_equilibria([[[1, 0], [0.5, 0.5]]], [[[1.0, 0.0], [0.5000001, 0.4999999]]])
    True
    """
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < math.inf:
        raise ParameterError(f"tol must be a finite number >= 0, got {tol!r}")
    va, vb = _profile_list(a, "first"), _profile_list(b, "second")
    return all(any(_close(p, q, tol) for q in vb) for p in va) and all(any(_close(q, p, tol) for p in va) for q in vb)


def _show(items: Iterable[Any]) -> str:
    rows = ([[round(x, 6) for x in v] for v in _vectors(p)] for p in items)
    return "\n".join(f"    {row}" for row in rows) or "    (none)"


def assert_same_equilibria(
    a: EquilibriumSet | Sequence[Any], b: EquilibriumSet | Sequence[Any], tol: float = 1e-6
) -> None:
    """Raise AssertionError listing both sets unless ``a`` and ``b`` hold the same profiles (up to ``tol``)."""
    if same_equilibria(a, b, tol):
        return
    raise AssertionError(f"equilibrium sets differ:\n  first ({len(a)}):\n{_show(a)}\n  second ({len(b)}):\n{_show(b)}")


# ---------------------------------------------------------------------------- transformations
def _affine(game: NormalFormGame, scales: Sequence[Any], shifts: Sequence[Any]) -> NormalFormGame:
    """Player i's payoffs become ``scales[i] * u_i + shifts[i]`` (positive scales: the same preferences)."""
    if game.is_exact:
        arrays = [game.payoffs[i] * Fraction(scales[i]) + Fraction(shifts[i]) for i in range(game.n_players)]
    else:
        arrays = [game.payoffs[i] * float(scales[i]) + float(shifts[i]) for i in range(game.n_players)]
    return NormalFormGame(np.stack(arrays), game.players, game.strategies, kind=game.kind)


def _unpermute(profile: Any, players: Sequence[int], orders: Sequence[Sequence[int]]) -> list[list[float]]:
    """Map a profile of ``game.permute(players, orders)`` back to the original game's labels."""
    vectors = _vectors(profile)
    n = len(players)
    out: list[list[float]] = [[] for _ in range(n)]
    for new, old in enumerate(players):
        v = vectors[new]
        back = [0.0] * len(v)
        for k, old_k in enumerate(orders[old]):
            back[old_k] = v[k]
        out[old] = back
    return out


def check_invariance(
    solver: Callable[[NormalFormGame], Sequence[Any]], game: NormalFormGame, rng: np.random.Generator
) -> None:
    """Check that ``solver`` commutes with relabelling and positive affine payoff transformations on one game.

    A random positive affine change of every player's payoffs must leave the
    answer unchanged; a random reordering of the players and of their strategies
    must give the reordered answer.  :func:`check_solver` runs the same
    properties on many games and shrinks failures.
    """
    base = list(solver(game))
    scales = [int(rng.integers(1, 4)) for _ in range(game.n_players)]
    shifts = [int(rng.integers(-3, 4)) for _ in range(game.n_players)]
    assert_same_equilibria(base, list(solver(_affine(game, scales, shifts))))
    orders = [[int(k) for k in rng.permutation(m)] for m in game.shape]
    players = [int(k) for k in rng.permutation(game.n_players)]
    permuted = list(solver(game.permute(players=players, strategies=orders)))
    assert_same_equilibria(base, [_unpermute(p, players, orders) for p in permuted])


# ---------------------------------------------------------------------------- check_solver
PROPERTIES = ("nash", "affine", "relabel", "reference")
#: Hypothesis phases check_solver runs (no "explain": its notes point into trigame, not at the solver).
_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)


class SolverCheckError(AssertionError):
    """A solver failed one of :func:`check_solver`'s properties; ``game`` is the (shrunk) counterexample.

    Attributes
    ----------
    property : str
        One of ``"nash"``, ``"affine"``, ``"relabel"``, ``"reference"``.
    game : NormalFormGame
        The game on which it failed.
    """

    def __init__(self, message: str, prop: str, game: NormalFormGame) -> None:
        super().__init__(message)
        self.property = prop
        self.game = game


@dataclasses.dataclass
class SolverReport:
    """What :func:`check_solver` checked on a solver that passed.

    Attributes
    ----------
    solver : str
        The solver's name.
    mode : str
        ``"all"`` or ``"contains"``.
    properties : tuple of str
        The properties checked.
    games : int
        Games the solver was run on (transformed copies not counted).
    profiles : int
        Profiles it returned on them, each checked.
    largest_regret : float
        The largest regret among those profiles (0 for exact answers).
    """

    solver: str
    mode: str
    properties: tuple[str, ...]
    games: int = 0
    profiles: int = 0
    largest_regret: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.solver}: {', '.join(self.properties)} hold on {self.games} games "
            f"({self.profiles} profiles, largest regret {self.largest_regret:.3g}; mode {self.mode!r})"
        )


def _default_reference(game: NormalFormGame) -> EquilibriumSet:
    from trigame.solve import equilibria

    return equilibria(game)


def _fail(prop: str, game: NormalFormGame, text: str) -> SolverCheckError:
    return SolverCheckError(f"{prop}: {text}\non the game\n{game!r}", prop, game)


def check_solver(
    solver: Callable[[NormalFormGame], Iterable[Any]],
    games: SearchStrategy | None = None,
    *,
    reference: Callable[[NormalFormGame], Iterable[Any]] | Literal["auto"] | None = "auto",
    mode: Literal["all", "contains"] = "all",
    properties: Sequence[str] = PROPERTIES,
    max_examples: int = 50,
    tol: float = 1e-6,
) -> SolverReport:
    """Run the standard properties of an equilibrium solver on many games; raise on the smallest failure.

    Properties (``properties`` chooses among them):

    ``"nash"``
        Every returned profile is a Nash equilibrium (:func:`trigame.is_nash`).
    ``"affine"``
        Changing each player's payoffs by its own positive affine map
        ``u_i -> a_i u_i + b_i`` changes nothing: the same set of equilibria
        (mode ``"all"``) or equilibria of the original game (``"contains"``).
    ``"relabel"``
        Reordering the players and each player's strategies gives the reordered
        answer: mapped back, the same set (``"all"``) or equilibria of the
        original game (``"contains"``).
    ``"reference"``
        Agreement with ``reference``: the same set (``"all"``), or a subset
        (``"contains"``, for solvers that return some equilibria, such as
        Lemke-Howson).  "Equilibria of the original game" above means: in the
        reference set.

    Sets are compared as sets of profiles, up to ``tol``.  The comparison with
    the reference is made when the reference is complete and, for three or more
    players, the game has no continuum of equilibria (the representatives of a
    continuum are not unique); two-player sets are sets of extreme equilibria,
    as trigame's ``support`` method and Gambit's ``enummixed`` give them.  A
    solver that may return non-extreme points of a continuum should be checked
    on ``games(degenerate=False)``.

    Parameters
    ----------
    solver : callable
        ``solver(game)`` returns an iterable of :class:`~trigame.Equilibrium`
        or profiles (one probability vector per player).
    games : hypothesis strategy, optional
        The games to try; default ``games(n_players=2, n_strategies=(1, 2, 3, 4),
        degenerate=None)`` (integers, half of them degenerate).
    reference : callable, "auto" or None
        The trusted solver; ``"auto"`` is :func:`trigame.equilibria`, None skips
        the comparison.
    mode : {"all", "contains"}
        Whether ``solver`` claims to return every (extreme) equilibrium or some.
    max_examples : int, default 50
        Games hypothesis tries (failures are then shrunk to a small game).
    tol : float, default 1e-6
        Tolerance of set comparisons; the Nash check uses :func:`trigame.is_nash`'s
        own (regret up to 1e-9 of the payoff scale; exact for exact answers).

    Returns
    -------
    SolverReport

    Raises
    ------
    SolverCheckError
        An AssertionError naming the property, the game (hypothesis's shrunk
        example) and the difference.

    Examples
    --------
    >>> import trigame as tg
    >>> def lemke_howson(game):
    ...     return tg.equilibria(game, method="lemke_howson")
    >>> report = check_solver(lemke_howson, mode="contains", max_examples=10)
    >>> report.games
    10
    >>> def pure_only(game):
    ...     return tg.equilibria(game, method="pure")
    >>> from hypothesis import strategies as st
    >>> pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> check_solver(pure_only, games=st.just(pennies))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    trigame.testing.SolverCheckError: reference: the solver missed ...
    """
    from trigame.verify import is_nash

    if not callable(solver):
        raise ParameterError(f"solver must be a function game -> equilibria, got {solver!r}")
    if mode not in ("all", "contains"):
        raise ParameterError(f"mode must be 'all' or 'contains', got {mode!r}")
    unknown = sorted(set(properties) - set(PROPERTIES))
    if unknown or not properties:
        raise ParameterError(f"unknown properties {unknown}; choose among {list(PROPERTIES)}")
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ParameterError(f"max_examples must be a positive int, got {max_examples!r}")
    if reference == "auto":
        reference = _default_reference
    elif reference is not None and not callable(reference):
        raise ParameterError(f"reference must be a function, 'auto' or None, got {reference!r}")
    strategy = _games(n_players=2, n_strategies=(1, 2, 3, 4), degenerate=None) if games is None else games
    if not isinstance(strategy, SearchStrategy):
        raise ParameterError(f"games must be a hypothesis strategy (e.g. trigame.testing.games(...)), got {games!r}")
    name = getattr(solver, "__name__", repr(solver))
    report = SolverReport(solver=name, mode=mode, properties=tuple(p for p in PROPERTIES if p in properties))

    def run(game: NormalFormGame) -> list[Any]:
        return list(solver(game))

    def compare(prop: str, game: NormalFormGame, found: list[Any], expected: list[Any] | None, what: str) -> None:
        if expected is None:  # "contains" without a usable reference: equilibria of the original game
            bad = [p for p in found if not is_nash(game, p.strategies if isinstance(p, Equilibrium) else p)]
            if bad:
                raise _fail(prop, game, f"the solver returned {len(bad)} profile(s) that are not equilibria "
                            f"of the original game {what[len('among the answers for the original game '):]}:\n"
                            f"{_show(bad)}")
            return
        missing = [q for q in expected if not any(_close(_vectors(p), _vectors(q), tol) for p in found)]
        extra = [p for p in found if not any(_close(_vectors(p), _vectors(q), tol) for q in expected)]
        if mode == "contains":
            missing = []
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"the solver missed {len(missing)} equilibri{'um' if len(missing) == 1 else 'a'} "
                             f"{what}:\n{_show(missing)}")
            if extra:
                parts.append(f"the solver returned {len(extra)} profile(s) not {what}:\n{_show(extra)}")
            raise _fail(prop, game, "\n".join(parts) + f"\n  solver's answer ({len(found)}):\n{_show(found)}")

    @settings(max_examples=max_examples, deadline=None, database=None, verbosity=Verbosity.quiet, phases=_PHASES,
              report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck))
    @given(game=strategy, data=st.data())
    def properties_hold(game: NormalFormGame, data: Any) -> None:
        found = run(game)
        report.games += 1
        report.profiles += len(found)
        if "nash" in properties:
            for p in found:
                profile = p.strategies if isinstance(p, Equilibrium) else p
                if not is_nash(game, profile):
                    lines = _deviation_lines(game, profile, 1e-9, indent="    ")
                    raise _fail("nash", game, f"returned a profile that is not a Nash equilibrium:\n"
                                f"{_show([profile])}\n" + "\n".join(lines))
                gains = regret(game, profile)
                report.largest_regret = max(report.largest_regret, *(to_float(g) for g in gains))
        trusted: list[Any] | None = None
        if reference is not None and ("reference" in properties or mode == "contains"):
            answer = reference(game)
            comparable = getattr(answer, "complete", True) and (
                game.n_players <= 2 or not getattr(answer, "degenerate", False))
            trusted = list(answer) if comparable else None
        if "reference" in properties and trusted is not None:
            compare("reference", game, found, trusted, "in the reference set")
        # In "contains" mode, transformed answers are compared with the reference set of the original game.
        baseline = found if mode == "all" else trusted
        if "affine" in properties:
            scales = [data.draw(st.sampled_from([Fraction(1, 2), Fraction(2), Fraction(3), Fraction(5, 4)]))
                      for _ in range(game.n_players)]
            shifts = [data.draw(st.integers(-5, 5)) for _ in range(game.n_players)]
            changed = _affine(game, scales, shifts)
            what = f"among the answers for the original game (payoffs scaled by {[str(s) for s in scales]}, " \
                   f"shifted by {shifts})"
            compare("affine", game, run(changed), baseline, what)
        if "relabel" in properties:
            players = data.draw(st.permutations(range(game.n_players)))
            orders = [data.draw(st.permutations(range(m))) for m in game.shape]
            permuted = game.permute(players=players, strategies=orders)
            back = [_unpermute(p, players, orders) for p in run(permuted)]
            what = (f"among the answers for the original game (players reordered {list(players)}, "
                    f"strategies {[list(o) for o in orders]}; answers mapped back)")
            compare("relabel", game, back, baseline, what)

    properties_hold()
    return report
