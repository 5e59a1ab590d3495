"""Property-based testing helpers: hypothesis strategies for games and checkers for equilibria.

Use them to test your own models and solvers the way trigame tests its own::

    from hypothesis import given
    from trigame.testing import games, assert_nash

    @given(games(n_players=2, n_strategies=3, payoffs="integers", degenerate=True))
    def test_my_solver(game):
        for profile in my_solver(game):
            assert_nash(game, profile)

Hypothesis is a core dependency of trigame; this module imports it on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from trigame.equilibrium import Equilibrium, EquilibriumSet
from trigame.game import NormalFormGame, Profile
from trigame.verify import as_profile, best_responses, deviation_payoffs, regret

__all__ = ["assert_nash", "assert_same_equilibria", "check_invariance", "games", "profiles", "same_equilibria"]

PayoffKind = Literal["integers", "fractions", "floats"]


def games(
    n_players: int | Sequence[int] = (2, 3),
    n_strategies: int | Sequence[int] = (1, 2, 3),
    payoffs: PayoffKind = "integers",
    degenerate: bool = False,
    max_value: int = 10,
) -> Any:
    """A hypothesis strategy drawing :class:`NormalFormGame` instances.

    Parameters
    ----------
    n_players, n_strategies : int or sequence of int
        The number of players and of each player's strategies, or the choices
        to draw them from.
    payoffs : {"integers", "fractions", "floats"}
        Exact integer payoffs, exact fractions, or floats.
    degenerate : bool
        When True, payoffs come from a tiny range (0, 1, 2) so that ties,
        weakly dominated strategies and continua of equilibria are frequent.
    max_value : int
        Payoffs are drawn from ``[-max_value, max_value]`` when not degenerate.
    """
    from hypothesis import strategies as st

    players = st.sampled_from([n_players] if isinstance(n_players, int) else list(n_players))
    counts = st.sampled_from([n_strategies] if isinstance(n_strategies, int) else list(n_strategies))

    if degenerate:
        ints = st.integers(0, 2)
    else:
        ints = st.integers(-max_value, max_value)
    if payoffs == "integers":
        element: Any = ints
    elif payoffs == "fractions":
        element = st.builds(Fraction, ints, st.integers(1, 6))
    elif payoffs == "floats":
        element = ints.map(float) if degenerate else st.floats(-max_value, max_value, allow_nan=False, width=32).map(
            float
        )
    else:
        raise ValueError(f"payoffs must be 'integers', 'fractions' or 'floats', got {payoffs!r}")

    @st.composite
    def draw_game(draw: Any) -> NormalFormGame:
        n = draw(players)
        shape = tuple(draw(counts) for _ in range(n))
        size = n * int(np.prod(shape))
        values = draw(st.lists(element, min_size=size, max_size=size))
        array = np.empty(size, dtype=object)
        array[:] = values
        return NormalFormGame(array.reshape((n, *shape)).tolist())

    return draw_game()


def profiles(game: NormalFormGame, exact: bool | None = None) -> Any:
    """A hypothesis strategy drawing mixed strategy profiles of ``game``.

    Exact (Fraction) profiles for exact games unless ``exact=False``.
    """
    from hypothesis import strategies as st

    exact = game.is_exact if exact is None else exact

    def vector(m: int) -> Any:
        weights = st.lists(st.integers(0, 6), min_size=m, max_size=m).filter(lambda w: sum(w) > 0)
        if exact:
            return weights.map(lambda w: [Fraction(x, sum(w)) for x in w])
        return weights.map(lambda w: [x / sum(w) for x in w])

    return st.tuples(*[vector(m) for m in game.shape])


def assert_nash(game: NormalFormGame, profile: Profile, tol: float = 1e-9) -> None:
    """Raise AssertionError, saying who gains how much by which deviation, unless ``profile`` is a Nash equilibrium."""
    from trigame.verify import is_nash

    if is_nash(game, profile, tol=tol):
        return
    vectors = as_profile(game, profile)
    regrets = regret(game, profile)
    values = deviation_payoffs(game, vectors)
    best = best_responses(game, profile, tol=tol)
    lines = ["not a Nash equilibrium:"]
    for i, r in enumerate(regrets):
        if r == 0 or (not isinstance(r, Fraction) and r <= tol):
            continue
        k = best[i][0]
        lines.append(
            f"  {game.players[i]} gains {r} by deviating to {game.strategies[i][k]!r} "
            f"(payoff {values[i][k]} instead of {game.expected_payoffs(vectors)[i]})"
        )
    raise AssertionError("\n".join(lines))


def same_equilibria(a: Sequence[Equilibrium | Profile], b: Sequence[Equilibrium | Profile], tol: float = 1e-6) -> bool:
    """True when every profile of ``a`` is close to one of ``b`` and vice versa."""

    def vectors(p: Any) -> list[list[float]]:
        source = p.strategies if isinstance(p, Equilibrium) else p
        return [[float(x) for x in v] for v in source]

    def close(p: list[list[float]], q: list[list[float]]) -> bool:
        return len(p) == len(q) and all(
            len(u) == len(v) and max(abs(x - y) for x, y in zip(u, v)) <= tol for u, v in zip(p, q)
        )

    va = [vectors(p) for p in a]
    vb = [vectors(p) for p in b]
    return all(any(close(p, q) for q in vb) for p in va) and all(any(close(q, p) for p in va) for q in vb)


def assert_same_equilibria(
    a: EquilibriumSet | Sequence[Any], b: EquilibriumSet | Sequence[Any], tol: float = 1e-6
) -> None:
    """Raise AssertionError listing the differences unless ``a`` and ``b`` hold the same profiles."""
    if same_equilibria(a, b, tol):
        return

    def show(items: Any) -> str:
        rows = ([[round(float(x), 6) for x in v] for v in getattr(p, "strategies", p)] for p in items)
        return "\n".join(f"    {row}" for row in rows)

    raise AssertionError(f"equilibrium sets differ:\n  first ({len(a)}):\n{show(a)}\n  second ({len(b)}):\n{show(b)}")


def check_invariance(
    solver: Callable[[NormalFormGame], Sequence[Any]], game: NormalFormGame, rng: np.random.Generator
) -> None:
    """Check that ``solver`` commutes with relabelling and positive affine payoff transformations."""
    base = solver(game)
    # positive affine transformation of every player's payoffs
    scales = [int(rng.integers(1, 4)) for _ in range(game.n_players)]
    shifts = [int(rng.integers(-3, 4)) for _ in range(game.n_players)]
    transformed = NormalFormGame(
        np.stack([game.payoffs[i] * scales[i] + shifts[i] for i in range(game.n_players)]),
        kind=game.kind,
    )
    assert_same_equilibria(base, solver(transformed))
    # relabel strategies and players
    orders = [list(rng.permutation(m)) for m in game.shape]
    players = list(rng.permutation(game.n_players))
    permuted = game.permute(players=players, strategies=orders)
    expected = []
    for eq in base:
        vectors = [np.asarray(v)[order] for v, order in zip(eq.strategies, orders)]
        expected.append([vectors[k] for k in players])
    assert_same_equilibria(expected, solver(permuted))
