"""Hypothesis strategies for structured games: valid instances of typed models, and game trees.

:func:`model_instances` draws each parameter of a :class:`trigame.models.Model`
from its domain; :func:`trees` draws finite game trees with decision, chance
and simultaneous-move stages, valid by construction.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from trigame.errors import ParameterError
from trigame.testing.strategies import (
    _PAYOFF_KINDS,
    MAX_DENOMINATOR,
    PayoffKind,
    _bounds,
    _count_strategy,
    _element,
)

__all__ = ["model_instances", "trees"]


# ---------------------------------------------------------------------------- model instances
def _parameter_values(domain: Any, numbers: str, magnitude: Fraction, name: str) -> SearchStrategy:
    """Values in an Interval: unbounded sides are capped ``magnitude`` away from the other bound (or 0)."""
    lower = None if domain.lower is None else Fraction(domain.lower)
    upper = None if domain.upper is None else Fraction(domain.upper)
    if lower is not None and upper is not None:
        lo, hi = lower, upper
    elif upper is not None:
        lo, hi = min(upper, Fraction(0)) - magnitude, upper
    elif lower is not None:
        lo, hi = lower, max(lower, Fraction(0)) + magnitude
    else:
        lo, hi = -magnitude, magnitude
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
    def fraction(draw: Any) -> int | Fraction:
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
                probabilities: list[Fraction | float] = [Fraction(w, total) for w in weights]
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
