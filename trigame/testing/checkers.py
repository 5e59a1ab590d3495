"""Checkers: the definitions of Nash and subgame-perfect equilibrium as assertions with readable messages.

:func:`assert_nash` says who gains how much by which deviation;
:func:`assert_subgame_perfect` does the same in every subgame of a tree (Selten
1965); :func:`same_equilibria` and :func:`assert_same_equilibria` compare sets
of profiles up to a tolerance; :func:`check_invariance` checks on one game that
a solver commutes with relabelling and positive affine payoff changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._numbers import format_number, to_float
from trigame.errors import ParameterError, ProfileError, TrigameError
from trigame.games.normal_form import NormalFormGame, Profile
from trigame.results import Equilibrium, EquilibriumSet
from trigame.verify import as_profile, deviation_payoffs, player_scales, regret

__all__ = ["assert_nash", "assert_same_equilibria", "assert_subgame_perfect", "check_invariance", "same_equilibria"]


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
        return equilibrium.behavior  # type: ignore[attr-defined]  # a slot, set in __init__, not annotated
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
