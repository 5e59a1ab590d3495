"""Converters between ``trigame.NormalFormGame`` and the games of peer libraries.

The peers, their game classes and their payoff layouts:

* nashpy -- ``nashpy.Game(A, B)``: ``A[r, c]``, ``B[r, c]`` (two players).
* pygambit -- ``pygambit.Game`` (strategic form), exact rationals or decimals.
  Both API shapes are supported, told apart by the features present: pygambit
  16 (``Game.new_table``, player and strategy objects, ``game[profile][player]``)
  and pygambit 17 (``StrategicGame``, players and strategies addressed by their
  labels, ``game.get_payoffs({player: strategy, ...})[player]``).
* quantecon -- ``quantecon.game_theory.NormalFormGame``: player ``i``'s
  ``payoff_array`` is indexed by its **own** action first, then by players
  ``i+1, ..., n, 1, ..., i-1``.

nashpy and QuantEcon work in floating point: exact games whose payoffs are all
integers are handed over as ``int64`` arrays (so nothing is rounded), other
exact games as ``float64``.  Symbolic games must be given values first.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from trigame.errors import MissingDependencyError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.io._gambit import _normalize_labels

__all__ = ["from_nashpy", "from_pygambit", "from_quantecon", "to_nashpy", "to_pygambit", "to_quantecon"]

_INT64_MAX = 2**63 - 1


def _require(module: str, extra: str) -> Any:
    """Import an optional dependency or explain how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        hint = f"pip install trigame[{extra}]" if extra else f"pip install {module}"
        raise MissingDependencyError(f"this converter needs the {module!r} package; install it with `{hint}`") from None


def _numeric(game: NormalFormGame, target: str) -> np.ndarray:
    """The payoff array as int64 (exact integer games) or float64, for float-based libraries."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{target} needs a trigame NormalFormGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError(f"a symbolic game cannot be converted to {target}; use .subs(...) first")
    if game.kind == "exact":
        values = game.payoffs.reshape(-1).tolist()
        if all(v.denominator == 1 and abs(v.numerator) <= _INT64_MAX for v in values):
            return np.array([v.numerator for v in values], dtype=np.int64).reshape(game.payoffs.shape)
    return np.array(game.as_float().payoffs, dtype=np.float64)


def _from_arrays(arrays: Sequence[np.ndarray], players: Any, strategies: Any, title: str = "") -> NormalFormGame:
    """A game from per-player arrays of a numeric dtype (integers give an exact game)."""
    for array in arrays:
        if array.dtype.kind not in "iuf" and array.dtype != object:
            raise UnsupportedGameError(f"payoffs must be numeric arrays, got dtype {array.dtype}")
    return NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies, title=title)


# ---------------------------------------------------------------------- nashpy
def to_nashpy(game: NormalFormGame) -> Any:
    """A ``nashpy.Game`` with the same two payoff matrices.

    Examples
    --------
    >>> import trigame as tg
    >>> g = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> to_nashpy(g).payoff_matrices[1].tolist()
    [[3, 5], [0, 1]]
    """
    array = _numeric(game, "nashpy")
    if game.n_players != 2:
        raise UnsupportedGameError(f"nashpy handles two-player games; this game has {game.n_players} players")
    nashpy = _require("nashpy", "")
    return nashpy.Game(array[0], array[1])


def from_nashpy(
    nashpy_game: Any,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
) -> NormalFormGame:
    """A trigame game from a ``nashpy.Game`` (integer matrices give an exact game, float ones a float game).

    Examples
    --------
    >>> import nashpy, numpy as np
    >>> g = from_nashpy(nashpy.Game(np.array([[1, -1], [-1, 1]])), players=["Even", "Odd"])
    >>> g.kind, g.payoff_array("Odd").tolist()
    ('exact', [[Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]])
    """
    matrices = getattr(nashpy_game, "payoff_matrices", None)
    if not isinstance(matrices, tuple) or len(matrices) != 2:
        raise UnsupportedGameError(f"expected a nashpy.Game, got {type(nashpy_game).__name__}")
    return _from_arrays([np.asarray(m) for m in matrices], players, strategies)


# ---------------------------------------------------------------------- pygambit
def _gambit_decimal(value: float) -> Decimal:
    """The decimal ``repr`` prints for a float, without a positive exponent (Gambit cannot read ``1E+20``)."""
    return Decimal(format(Decimal(repr(float(value))), "f"))


def _gambit_value(value: Any) -> Any:
    """A payoff as Gambit stores it exactly: Fractions as they are, floats as their ``repr`` decimals."""
    return value if isinstance(value, Fraction) else _gambit_decimal(value)


def _labelled_api(gbt: Any) -> bool:
    """Whether this pygambit addresses players and strategies by label (17 and later) or by object (16)."""
    strategic = getattr(gbt, "StrategicGame", None)
    return strategic is not None and hasattr(strategic, "from_arrays") and hasattr(strategic, "relabel_strategies")


def to_pygambit(game: NormalFormGame) -> Any:
    """A pygambit strategic game with the same title, labels and payoffs.

    Exact payoffs are passed as Fractions (exact in Gambit); float payoffs as
    the decimals ``repr`` prints, which Gambit stores exactly.  With pygambit 16
    the result is a ``pygambit.Game`` table, with pygambit 17 a
    ``pygambit.StrategicGame``.

    Raises
    ------
    MissingDependencyError
        When pygambit is not installed (``pip install trigame[gambit]``).
    UnsupportedGameError
        For a symbolic game, or a label pygambit does not accept (labels must
        not begin or end with a blank nor hold two blanks in a row; pygambit 16
        also wants printable ASCII, pygambit 17 non-empty labels).
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"pygambit conversion needs a trigame NormalFormGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("a symbolic game cannot be converted to pygambit; use .subs(...) first")
    gbt = _require("pygambit", "gambit")
    if _labelled_api(gbt):
        return _to_pygambit_labelled(gbt, game)
    if not hasattr(gbt.Game, "new_table"):
        raise UnsupportedGameError(
            f"this pygambit ({getattr(gbt, '__version__', 'unknown version')}) has neither StrategicGame nor "
            "Game.new_table; trigame supports pygambit 16.1 and later"
        )
    out = gbt.Game.new_table(list(game.shape))
    out.title = game.title
    gplayers = list(out.players)
    gstrategies = [list(p.strategies) for p in gplayers]
    try:
        _relabel(gplayers, game.players)
        for labels, own in zip(game.strategies, gstrategies):
            _relabel(own, labels)
    except ValueError as exc:
        raise _refused_labels(exc) from None
    for index in np.ndindex(*game.shape):
        cell = out[tuple(own[k] for own, k in zip(gstrategies, index))]
        for i, player in enumerate(gplayers):
            entry = (i, *index)
            cell[player] = _gambit_value(game.payoffs[entry])
    return out


def _relabel(items: Sequence[Any], labels: Sequence[str]) -> None:
    """Label pygambit 16 players or strategies, through temporary labels longer than any final one.

    Gambit refuses a label another item holds at that moment: labelling the players of a new
    table ``"2"`` and ``"1"`` in turn would give the first the second's default label ``"2"``.
    """
    stem = "_" * (1 + max(len(label) for label in labels))
    for k, item in enumerate(items):
        item.label = f"{stem}{k}"
    for item, label in zip(items, labels):
        item.label = label


def _to_pygambit_labelled(gbt: Any, game: NormalFormGame) -> Any:
    """``to_pygambit`` for pygambit 17: a ``StrategicGame`` from the payoff arrays, then relabelled.

    ``from_arrays`` labels players and strategies ``"1"``, ``"2"``, ...; the relabelling maps are
    applied simultaneously, so labels such as ``"2"`` for the first player cannot collide.
    """
    values = np.empty(game.payoffs.shape, dtype=object)
    for entry in np.ndindex(*game.payoffs.shape):
        values[entry] = _gambit_value(game.payoffs[entry])
    out = gbt.StrategicGame.from_arrays(*values, title=game.title)
    try:
        out.relabel_players({str(i + 1): name for i, name in enumerate(game.players)})
        for name, labels in zip(game.players, game.strategies):
            out.relabel_strategies(name, {str(k + 1): label for k, label in enumerate(labels)})
    except ValueError as exc:
        raise _refused_labels(exc) from None
    return out


def _refused_labels(exc: ValueError) -> UnsupportedGameError:
    """The error for a label pygambit will not store (its own message says which rule the label breaks)."""
    return UnsupportedGameError(f"pygambit does not accept a label of this game: {exc}")


def from_pygambit(gambit_game: Any) -> NormalFormGame:
    """A trigame game from a ``pygambit.Game`` (its strategic form), with exact payoffs.

    Gambit's rationals and decimals become Fractions; repeated labels are
    renamed as Gambit's reader does (``x`` twice -> ``x_1``, ``x_2``).

    Raises
    ------
    MissingDependencyError
        When pygambit is not installed (``pip install trigame[gambit]``).
    """
    gbt = _require("pygambit", "gambit")
    if not isinstance(gambit_game, gbt.Game):
        raise UnsupportedGameError(f"expected a pygambit.Game, got {type(gambit_game).__name__}")
    gplayers = list(gambit_game.players)
    if not gplayers:
        raise UnsupportedGameError("the pygambit game has no players")
    labelled = hasattr(gambit_game, "get_payoffs") and hasattr(gambit_game, "get_strategies")
    if labelled:  # pygambit 17: players are their labels, payoffs are read by a {player: strategy} contingency
        player_labels = [str(p) for p in gplayers]
        strategy_labels = [[str(s) for s in gambit_game.get_strategies(p)] for p in player_labels]
    else:  # pygambit 16: player and strategy objects, payoffs read by a tuple of strategies
        player_labels = [p.label for p in gplayers]
        gstrategies = [list(p.strategies) for p in gplayers]
        strategy_labels = [[s.label for s in own] for own in gstrategies]
    shape = tuple(len(own) for own in strategy_labels)
    payoffs = np.empty((len(gplayers), *shape), dtype=object)
    for index in np.ndindex(*shape):
        if labelled:
            cell = gambit_game.get_payoffs({p: own[k] for p, own, k in zip(player_labels, strategy_labels, index)})
            values = [cell[p] for p in player_labels]
        else:
            cell = gambit_game[tuple(own[k] for own, k in zip(gstrategies, index))]
            values = [cell[p] for p in gplayers]
        for i, value in enumerate(values):
            entry = (i, *index)
            payoffs[entry] = Fraction(value)  # pygambit.Rational (a Fraction) or pygambit.Decimal
    return NormalFormGame(
        payoffs,
        _normalize_labels(player_labels),
        [_normalize_labels(own) for own in strategy_labels],
        title=gambit_game.title or "",
        kind="exact",
    )


# ---------------------------------------------------------------------- quantecon
def _quantecon_axes(i: int, n: int) -> list[int]:
    """QuantEcon's axis order for player ``i``: own action, then players ``i+1, ..., n-1, 0, ..., i-1``."""
    return [(i + k) % n for k in range(n)]


def to_quantecon(game: NormalFormGame) -> Any:
    """A ``quantecon.game_theory.NormalFormGame`` with the same payoffs.

    QuantEcon indexes player ``i``'s payoffs by its own action first and then
    by the actions of players ``i+1, ..., n, 1, ..., i-1``, so each player's
    array is transposed accordingly.

    Raises
    ------
    MissingDependencyError
        When QuantEcon is not installed (``pip install trigame[quantecon]``).
    """
    array = _numeric(game, "QuantEcon")
    qe = _require("quantecon.game_theory", "quantecon")
    n = game.n_players
    return qe.NormalFormGame(
        [qe.Player(np.ascontiguousarray(np.transpose(array[i], _quantecon_axes(i, n)))) for i in range(n)]
    )


def from_quantecon(
    quantecon_game: Any,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
) -> NormalFormGame:
    """A trigame game from a QuantEcon ``NormalFormGame`` (integer payoffs give an exact game).

    Raises
    ------
    MissingDependencyError
        When QuantEcon is not installed (``pip install trigame[quantecon]``).
    """
    qe = _require("quantecon.game_theory", "quantecon")
    if not isinstance(quantecon_game, qe.NormalFormGame):
        raise UnsupportedGameError(f"expected a quantecon NormalFormGame, got {type(quantecon_game).__name__}")
    n = quantecon_game.N
    arrays = []
    for i, player in enumerate(quantecon_game.players):
        own_first = np.asarray(player.payoff_array)
        if n == 1:
            arrays.append(own_first)
            continue
        # invert the permutation of _quantecon_axes: axis k of own_first is player (i + k) % n
        arrays.append(np.transpose(own_first, np.argsort(_quantecon_axes(i, n))))
    return _from_arrays(arrays, players, strategies)
