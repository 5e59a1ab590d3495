"""Converters to and from nashpy, pygambit and QuantEcon: payoffs land on the right axes, peers' solvers agree."""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files

import numpy as np
import pytest

import trigame as tg
from trigame.errors import MissingDependencyError, UnsupportedGameError
from trigame.io import (
    from_nashpy,
    from_pygambit,
    from_quantecon,
    parse_nfg,
    read_nfg,
    to_nashpy,
    to_pygambit,
    to_quantecon,
)

F = Fraction
ALLIANCE = files("trigame") / "data" / "alliance_security_dilemma.nfg"
SHAPES = [(2, 3), (2, 3, 4), (3, 2, 2, 2)]


def distinct_game(shape: tuple[int, ...], kind: str = "exact") -> tg.NormalFormGame:
    """Player i's payoff at profile s is 1000 i + (position of s in C order) (+ 1/3 for "fraction"),
    so every entry differs and an axis or player mix-up changes some payoff."""
    n = len(shape)
    base = np.arange(int(np.prod(shape))).reshape(shape)
    tables = [base + 1000 * i for i in range(n)]
    players = [f"P{i + 1}" for i in range(n)]
    strategies = [[f"{players[i]}-{k}" for k in range(m)] for i, m in enumerate(shape)]
    if kind == "float":
        arrays = [t.astype(float) / 8 for t in tables]
    elif kind == "fraction":
        arrays = [[F(int(v)) + F(1, 3) for v in t.reshape(-1)] for t in tables]
        arrays = [np.array(a, dtype=object).reshape(shape) for a in arrays]
    else:
        arrays = [t.tolist() for t in tables]
    return tg.NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies, title="distinct")


def ladder_game(n: int) -> tg.NormalFormGame:
    """A game solved by hand, with strategy counts (2, 3, 4, 2)[:n] so that transposed axes cannot fit.

    u1 = a1 (a1 = 1 strictly dominant); u2 = -|a2 - 2 a1|; u3 = -|a3 - (a1 + a2)|; u4 = -|a4 - (a3 mod 2)|.
    In every equilibrium a1 = 1, then player 2's unique best reply is 2, player 3's is 3 and
    player 4's is 1: the unique Nash equilibrium is the pure profile (1, 2, 3, 1)[:n].
    """
    shape = (2, 3, 4, 2)[:n]
    rules = [
        lambda a: a[0],
        lambda a: -abs(a[1] - 2 * a[0]),
        lambda a: -abs(a[2] - (a[0] + a[1])),
        lambda a: -abs(a[3] - a[2] % 2),
    ]
    payoffs = np.empty((n, *shape), dtype=object)
    for a in np.ndindex(*shape):
        for i in range(n):
            payoffs[(i, *a)] = F(rules[i](a))
    return tg.NormalFormGame(payoffs)


# ---------------------------------------------------------------------- nashpy
def test_to_nashpy_matrices() -> None:
    game = distinct_game((2, 3))
    A, B = to_nashpy(game).payoff_matrices
    assert A.tolist() == game.payoff_array(0).tolist()
    assert B.tolist() == game.payoff_array(1).tolist()
    assert A.dtype == np.int64  # integer payoffs go over unrounded


@pytest.mark.parametrize("kind", ["exact", "float"])
def test_nashpy_round_trip(kind: str) -> None:
    game = distinct_game((3, 2), kind)
    again = from_nashpy(to_nashpy(game), players=game.players, strategies=game.strategies)
    assert again == game
    assert again.kind == kind


def test_nashpy_non_integer_exact_becomes_float() -> None:
    game = distinct_game((2, 2), "fraction")
    again = from_nashpy(to_nashpy(game), players=game.players, strategies=game.strategies)
    assert again == game.as_float()


def test_from_nashpy_zero_sum() -> None:
    nashpy = pytest.importorskip("nashpy")
    game = from_nashpy(nashpy.Game(np.array([[1, -2], [3, 4]])))
    assert game.payoff_array(1).tolist() == [[-1, 2], [-3, -4]]
    assert game.players == ("Player 1", "Player 2")


def test_nashpy_solver_on_converted_alliance_game() -> None:
    # Chicken with b = 3, e = 1, A = 2: (S, W), (W, S) and both Strong with probability 1 - e/A = 1/2
    found = list(to_nashpy(read_nfg(ALLIANCE)).support_enumeration())
    expected = [([1, 0], [0, 1]), ([0, 1], [1, 0]), ([0.5, 0.5], [0.5, 0.5])]
    assert len(found) == len(expected)
    for x, y in expected:
        assert any(np.allclose(p, x) and np.allclose(q, y) for p, q in found)


def test_nashpy_refusals() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        to_nashpy(distinct_game((2, 2, 2)))
    with pytest.raises(UnsupportedGameError):
        from_nashpy("not a game")
    sp = pytest.importorskip("sympy")
    x = sp.Symbol("x")
    with pytest.raises(UnsupportedGameError, match="subs"):
        to_nashpy(tg.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]]))


# ---------------------------------------------------------------------- pygambit
def _gambit_probabilities(eq, game) -> tuple[Fraction, ...]:
    """An equilibrium's probabilities, player by player, through either pygambit API.

    pygambit 16 indexes a profile by strategy objects (``eq[s]``); pygambit 17 by labels
    (``eq[player][strategy]``), with ``game.players`` yielding the players' labels.
    """
    if hasattr(game, "get_strategies"):
        return tuple(Fraction(eq[p][s]) for p in game.players for s in game.get_strategies(p))
    return tuple(Fraction(eq[s]) for p in game.players for s in p.strategies)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_pygambit_payoffs_and_round_trip(shape: tuple[int, ...]) -> None:
    pytest.importorskip("pygambit")
    game = distinct_game(shape, "fraction")
    g = to_pygambit(game)
    # pygambit's own .nfg writer, read back by trigame's reader: checks title, labels and every payoff
    # without going through from_pygambit
    assert parse_nfg(g.to_nfg()) == game
    assert g.title == "distinct"
    again = from_pygambit(g)
    assert again == game and again.title == game.title


def test_pygambit_float_payoffs() -> None:
    pytest.importorskip("pygambit")
    game = tg.NormalFormGame.from_arrays([[0.1, 2.5], [1e-5, -3.0]], [[1 / 3, 5e-324], [1e-7, 1e20]])
    again = from_pygambit(to_pygambit(game))
    assert again.kind == "exact"
    assert again.payoffs[0, 0, 0] == F(1, 10)  # Gambit keeps the decimal 0.1
    assert again.as_float() == game


def test_from_pygambit_reads_what_pygambit_reads() -> None:
    # the same file read by pygambit's parser and by trigame's: from_pygambit must give trigame's game
    gbt = pytest.importorskip("pygambit")
    assert from_pygambit(gbt.read_nfg(str(ALLIANCE))) == read_nfg(ALLIANCE)


def test_pygambit_solver_on_converted_alliance_game() -> None:
    gbt = pytest.importorskip("pygambit")
    result = gbt.nash.enummixed_solve(to_pygambit(read_nfg(ALLIANCE)), rational=True)
    game = result.equilibria[0].game
    found = sorted(_gambit_probabilities(eq, game) for eq in result.equilibria)
    # see test_nashpy_solver_on_converted_alliance_game for the hand derivation
    half = F(1, 2)
    assert found == sorted([(1, 0, 0, 1), (0, 1, 1, 0), (half, half, half, half)])


def test_from_pygambit_refuses_other_objects() -> None:
    pytest.importorskip("pygambit")
    with pytest.raises(UnsupportedGameError):
        from_pygambit(distinct_game((2, 2)))


class _Gambit17:
    """A minimal stand-in for the pygambit 17 API surface the converters rely on (not pygambit itself).

    pygambit 17 (checked against 17.0.0b2) replaced ``Game.new_table``/``Game.from_arrays`` by
    ``StrategicGame(dim)``/``StrategicGame.from_arrays(*arrays, title=...)``; players and strategies
    are addressed by label: ``game.players`` yields labels, ``get_strategies(player)`` a player's
    strategy labels, ``get_payoffs({player: strategy, ...})[player]`` a payoff,
    ``relabel_players``/``relabel_strategies`` take simultaneous maps and raise ``ValueError`` on an
    empty label or one with leading, trailing or repeated blanks.  Payoffs are stored as pygambit
    converts them: Fractions as rationals, Decimals as decimals, nothing else accepted here.
    """

    class Game:
        pass

    class StrategicGame(Game):
        def __init__(self, tables: list[np.ndarray], title: str) -> None:
            self.title = title
            self._players = [str(i + 1) for i in range(len(tables))]
            self._strategies = [[str(k + 1) for k in range(m)] for m in tables[0].shape]
            self._tables = tables

        @classmethod
        def from_arrays(cls, *arrays, title: str = "Untitled strategic game"):
            tables = [np.array(a, dtype=object) for a in arrays]
            for value in (v for table in tables for v in table.reshape(-1)):
                if not isinstance(value, Fraction | Decimal):
                    raise TypeError(f"unexpected payoff {value!r}")
            return cls(tables, title)

        @property
        def players(self):
            return iter(list(self._players))

        def get_strategies(self, player: str) -> list[str]:
            return list(self._strategies[self._players.index(player)])

        def get_payoffs(self, contingency: dict[str, str]) -> dict[str, Fraction]:
            assert sorted(contingency) == sorted(self._players)
            index = tuple(self._strategies[i].index(contingency[p]) for i, p in enumerate(self._players))
            return {p: Fraction(self._tables[i][index]) for i, p in enumerate(self._players)}

        @staticmethod
        def _relabel(current: list[str], labels: dict[str, str]) -> list[str]:
            for new in labels.values():
                if not new or new != new.strip() or "  " in new:
                    raise ValueError(f"Invalid label: {new!r}")
            out = [labels.get(old, old) for old in current]
            if len(set(out)) < len(out):
                raise ValueError("duplicate label")
            return out

        def relabel_players(self, labels: dict[str, str]) -> None:
            self._players = self._relabel(self._players, labels)

        def relabel_strategies(self, player: str, labels: dict[str, str]) -> None:
            i = self._players.index(player)
            self._strategies[i] = self._relabel(self._strategies[i], labels)


@pytest.fixture
def gambit17(monkeypatch: pytest.MonkeyPatch) -> type[_Gambit17]:
    monkeypatch.setitem(sys.modules, "pygambit", _Gambit17)
    return _Gambit17


@pytest.mark.parametrize("kind", ["fraction", "float"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_pygambit_17_api_shape(gambit17: type[_Gambit17], shape: tuple[int, ...], kind: str) -> None:
    game = distinct_game(shape, kind)
    g = to_pygambit(game)
    assert isinstance(g, gambit17.StrategicGame)
    assert list(g.players) == list(game.players)
    assert [g.get_strategies(p) for p in game.players] == [list(s) for s in game.strategies]
    for index in np.ndindex(*shape):
        cell = g.get_payoffs({p: s[k] for p, s, k in zip(game.players, game.strategies, index)})
        expected = [game.payoffs[(i, *index)] for i in range(len(shape))]
        assert [cell[p] for p in game.players] == [F(v) for v in expected]
    again = from_pygambit(g)
    assert again.kind == "exact" and again.title == "distinct"
    assert again == game if kind == "fraction" else again.as_float() == game


def test_pygambit_17_labels_that_swap(gambit17: type[_Gambit17]) -> None:
    # from_arrays labels players "1", "2"; a game whose players are called "2" and "1" must not collide
    game = tg.NormalFormGame.from_arrays([[1, 2]], [[3, 4]], players=["2", "1"], strategies=[["2"], ["2", "1"]])
    g = to_pygambit(game)
    assert list(g.players) == ["2", "1"] and g.get_strategies("1") == ["2", "1"]
    assert from_pygambit(g) == game


def test_pygambit_17_refuses_labels_it_cannot_hold(gambit17: type[_Gambit17]) -> None:
    game = tg.NormalFormGame.from_arrays([[1, 2]], [[3, 4]], players=["Japan", "South Korea"],
                                         strategies=[["Cooperate"], [" Defect", "Wait"]])
    with pytest.raises(UnsupportedGameError, match="does not accept a label"):
        to_pygambit(game)


def test_pygambit_labels_that_swap() -> None:
    # a new pygambit table labels players and strategies "1", "2", ...; relabelling them "2", "1" must not collide
    pytest.importorskip("pygambit")
    game = tg.NormalFormGame.from_arrays([[1, 2]], [[3, 4]], players=["2", "1"], strategies=[["2"], ["2", "1"]])
    g = to_pygambit(game)
    assert parse_nfg(g.to_nfg()) == game
    assert from_pygambit(g) == game


def test_pygambit_refuses_labels_it_cannot_hold() -> None:
    # both pygambit 16 and 17 reject a label that begins with a blank
    pytest.importorskip("pygambit")
    game = tg.NormalFormGame.from_arrays([[1, 2]], [[3, 4]], strategies=[["Cooperate"], [" Defect", "Wait"]])
    with pytest.raises(UnsupportedGameError, match="does not accept a label"):
        to_pygambit(game)


def test_pygambit_without_either_api(monkeypatch: pytest.MonkeyPatch) -> None:
    class Neither:
        class Game:
            pass

    monkeypatch.setitem(sys.modules, "pygambit", Neither)
    with pytest.raises(UnsupportedGameError, match=r"16\.1 and later"):
        to_pygambit(distinct_game((2, 2)))


# ---------------------------------------------------------------------- QuantEcon
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_quantecon_axes(shape: tuple[int, ...]) -> None:
    pytest.importorskip("quantecon")
    game = distinct_game(shape)
    q = to_quantecon(game)
    n = len(shape)
    assert q.nums_actions == shape
    for a in np.ndindex(*shape):
        for i in range(n):
            # QuantEcon: player i's array is indexed (a_i, a_{i+1}, ..., a_n, a_1, ..., a_{i-1})
            own_first = tuple(a[(i + k) % n] for k in range(n))
            assert q.players[i].payoff_array[own_first] == game.payoffs[(i, *a)]
        # and QuantEcon's own assembly of the profile agrees
        assert q.payoff_profile_array[a].tolist() == [game.payoffs[(i, *a)] for i in range(n)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("kind", ["exact", "float"])
def test_quantecon_round_trip(shape: tuple[int, ...], kind: str) -> None:
    pytest.importorskip("quantecon")
    game = distinct_game(shape, kind)
    again = from_quantecon(to_quantecon(game), players=game.players, strategies=game.strategies)
    assert again == game


def test_quantecon_one_player() -> None:
    pytest.importorskip("quantecon")
    game = tg.NormalFormGame([[3, 1, 2]])
    assert from_quantecon(to_quantecon(game)) == game


def test_quantecon_solvers_on_converted_games() -> None:
    gt = pytest.importorskip("quantecon.game_theory")
    found = gt.support_enumeration(to_quantecon(read_nfg(ALLIANCE)))
    expected = [([1, 0], [0, 1]), ([0, 1], [1, 0]), ([0.5, 0.5], [0.5, 0.5])]  # hand-derived, see above
    assert len(found) == 3
    for x, y in expected:
        assert any(np.allclose(p, x) and np.allclose(q, y) for p, q in found)
    for n in (2, 3, 4):
        assert gt.pure_nash_brute(to_quantecon(ladder_game(n))) == [(1, 2, 3, 1)[:n]]


def test_quantecon_refusals() -> None:
    pytest.importorskip("quantecon")
    with pytest.raises(UnsupportedGameError):
        from_quantecon(distinct_game((2, 2)))
    with pytest.raises(UnsupportedGameError):
        to_quantecon("not a game")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- missing optional packages
@pytest.mark.parametrize(
    ("modules", "convert", "extra"),
    [
        (["pygambit"], to_pygambit, "trigame[gambit]"),
        (["pygambit"], from_pygambit, "trigame[gambit]"),
        (["quantecon", "quantecon.game_theory"], to_quantecon, "trigame[quantecon]"),
        (["quantecon", "quantecon.game_theory"], from_quantecon, "trigame[quantecon]"),
    ],
)
def test_missing_dependency(monkeypatch: pytest.MonkeyPatch, modules: list[str], convert, extra: str) -> None:
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)  # makes the import fail
    with pytest.raises(MissingDependencyError, match=extra.replace("[", r"\[").replace("]", r"\]")):
        convert(distinct_game((2, 2)))
