"""NormalFormGame: construction, number kinds, validation, value semantics."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

import trigame as tg
from trigame.errors import GameShapeError, LabelError, ParameterError, PayoffTypeError, PayoffValueError, ProfileError

PD_ROW = [[3, 0], [5, 1]]
PD_COL = [[3, 5], [0, 1]]


def prisoners_dilemma(**kwargs):
    return tg.NormalFormGame.from_arrays(PD_ROW, PD_COL, strategies=[["C", "D"], ["C", "D"]], **kwargs)


# ----------------------------------------------------------------------------- kinds
@pytest.mark.parametrize(
    ("payoffs", "kind"),
    [
        ([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "exact"),
        ([[[F(1, 2), 2], [3, 4]], [[5, 6], [7, 8]]], "exact"),
        ([[[1.5, 2], [3, 4]], [[5, 6], [7, 8]]], "float"),
        (np.arange(8).reshape(2, 2, 2), "exact"),
        (np.arange(8.0).reshape(2, 2, 2), "float"),
        ([[[sp.Symbol("b"), 2], [3, 4]], [[5, 6], [7, 8]]], "symbolic"),
        ([[[sp.Rational(1, 3), 2], [3, 4]], [[5, 6], [7, 8]]], "exact"),
    ],
)
def test_kind_is_detected_from_the_entries(payoffs, kind):
    assert tg.NormalFormGame(payoffs).kind == kind


def test_exact_games_store_fractions_and_float_games_floats():
    exact = prisoners_dilemma()
    assert all(isinstance(v, F) for v in exact.payoffs.flat)
    floats = prisoners_dilemma(kind="float")
    assert floats.payoffs.dtype == np.float64
    assert floats.as_exact() == exact


def test_defaults_and_labels():
    g = tg.NormalFormGame(np.zeros((3, 2, 3, 1)))
    assert g.n_players == 3
    assert g.shape == (2, 3, 1)
    assert g.players == ("Player 1", "Player 2", "Player 3")
    assert g.strategies == (("s1", "s2"), ("s1", "s2", "s3"), ("s1",))
    named = prisoners_dilemma().with_labels(players=["United States", "South Korea"])
    assert named.players == ("United States", "South Korea")
    assert named.strategy_index("South Korea", "D") == 1


def test_from_arrays_matches_the_stacked_constructor():
    a = prisoners_dilemma()
    b = tg.NormalFormGame([PD_ROW, PD_COL], strategies=[["C", "D"], ["C", "D"]])
    assert a == b
    assert hash(a) == hash(b)
    # payoffs[i][s1, s2] is player i's payoff: row D against column C gives the row 5, the column 0
    assert a.payoff_array(0)[1, 0] == 5 and a.payoff_array("Player 2")[1, 0] == 0


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("payoffs", "error"),
    [
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], GameShapeError),  # ragged
        (np.zeros((3, 2, 2)), GameShapeError),  # 3 players listed, 2 strategy axes
        (np.zeros((2, 2)), GameShapeError),  # 2 players, 1 axis
        (np.zeros((2, 0, 2)), GameShapeError),  # a player with no strategy
        (np.zeros((0,)), GameShapeError),
        ([[[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]], PayoffValueError),
        (np.array([[[1, np.inf], [3, 4]], [[1, 2], [3, 4]]]), PayoffValueError),
        ([[["1", 2], [3, 4]], [[1, 2], [3, 4]]], PayoffTypeError),  # strings are never parsed
        ([[[None, 2], [3, 4]], [[1, 2], [3, 4]]], PayoffTypeError),
        ([[[1j, 2], [3, 4]], [[1, 2], [3, 4]]], PayoffTypeError),
        ([[[True, 2], [3, 4]], [[1, 2], [3, 4]]], PayoffTypeError),
        (np.zeros((2, 2, 2), dtype=bool), PayoffTypeError),
        ([[[sp.oo, 2], [3, 4]], [[1, 2], [3, 4]]], PayoffValueError),
    ],
)
def test_bad_payoffs_raise_trigame_errors(payoffs, error):
    with pytest.raises(error):
        tg.NormalFormGame(payoffs)
    with pytest.raises(tg.TrigameError):
        tg.NormalFormGame(payoffs)


def test_from_arrays_rejects_mismatched_shapes():
    with pytest.raises(GameShapeError, match="share one shape"):
        tg.NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]])
    with pytest.raises(GameShapeError, match="axes"):
        tg.NormalFormGame.from_arrays([1, 2], [3, 4])


@pytest.mark.parametrize(
    ("players", "strategies", "match"),
    [
        (["A"], None, "1 player names"),
        (["A", "A"], None, "distinct"),
        (["A", 2], None, "strings"),
        (None, [["x", "y"]], "for 1 players"),
        (None, [["x", "y"], ["x"]], "2 strategies but 1 labels"),
        (None, [["x", "x"], ["a", "b"]], "distinct"),
        ("AB", None, "single string"),
    ],
)
def test_bad_labels(players, strategies, match):
    with pytest.raises(LabelError, match=match):
        tg.NormalFormGame([PD_ROW, PD_COL], players=players, strategies=strategies)


# ----------------------------------------------------------------------------- immutability
def test_games_are_immutable():
    g = prisoners_dilemma()
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 7
    with pytest.raises(ValueError):
        g.payoff_array(0)[0, 0] = 7
    with pytest.raises(AttributeError):
        g.title = "changed"
    source = np.array([PD_ROW, PD_COL], dtype=float)
    h = tg.NormalFormGame(source)
    source[0, 0, 0] = 99.0  # the game keeps its own copy
    assert h.payoffs[0, 0, 0] == 3.0


def test_pickle_round_trip():
    g = prisoners_dilemma(title="PD")
    assert pickle.loads(pickle.dumps(g)) == g


# ----------------------------------------------------------------------------- expected payoffs
def test_expected_payoffs_by_hand():
    g = prisoners_dilemma()
    # Row mixes 1/2-1/2, column plays D: row gets (0 + 1)/2, column gets (5 + 1)/2.
    assert g.expected_payoffs([[F(1, 2), F(1, 2)], "D"]) == (F(1, 2), F(3))
    # Float profile -> float payoffs; both mix 1/4 on C:
    # row: 1/16*3 + 3/16*0 + 3/16*5 + 9/16*1 = (3 + 15 + 9)/16 = 27/16
    u = g.expected_payoffs([[0.25, 0.75], [0.25, 0.75]])
    assert u == pytest.approx((27 / 16, 27 / 16))


def test_expected_payoffs_three_players():
    # u_i = 1 when all three choose the same strategy, else 0; all mix (p, 1-p) with p = 1/3:
    # P(all equal) = (1/3)^3 + (2/3)^3 = 9/27 = 1/3.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[:, 0, 0, 0] = 1
    payoffs[:, 1, 1, 1] = 1
    g = tg.NormalFormGame(payoffs)
    third = [F(1, 3), F(2, 3)]
    assert g.expected_payoffs([third, third, third]) == (F(1, 3),) * 3


@pytest.mark.parametrize(
    "profile",
    [
        [[0.5, 0.6], [1, 0]],  # sums to 1.1
        [[F(3, 2), F(-1, 2)], [1, 0]],  # negative
        [[1, 0, 0], [1, 0]],  # too long
        [[1, 0]],  # one player missing
        [[1, 0], "X"],  # unknown label
        [[1, 0], 5],  # index out of range
        [[1, 0], [float("nan"), 1]],
        [[1, 0], ["a", "b"]],
        "CD",
    ],
)
def test_profiles_that_are_not_probability_vectors(profile):
    with pytest.raises(ProfileError):
        prisoners_dilemma().expected_payoffs(profile)


# ----------------------------------------------------------------------------- symbolic games
def test_symbolic_game_and_subs():
    b, c = sp.symbols("b c", positive=True)
    g = tg.NormalFormGame.from_arrays([[b, 0], [0, c]], [[c, 0], [0, b]])
    assert g.is_symbolic and g.symbols == (b, c)
    exact = g.subs(b=2, c=F(1, 2))
    assert exact.kind == "exact" and exact.payoff_array(0)[1, 1] == F(1, 2)
    assert g.subs({"b": 2, c: 1.5}).kind == "float"
    partial = g.subs(b=3)
    assert partial.is_symbolic and partial.symbols == (c,)
    assert partial.subs(c=1) == g.subs(b=3, c=1)
    # expected payoffs stay symbolic
    half = sp.Rational(1, 2)
    assert sp.simplify(g.expected_payoffs([[half, half], [half, half]])[0] - (b + c) / 4) == 0


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"d": 1}, "unknown symbol"),
        ({"b": "2"}, "must be a number"),
        ({"b": "__import__('os')"}, "must be a number"),
        ({"b": float("nan")}, "finite"),
    ],
)
def test_subs_rejects_bad_values(values, match):
    b = sp.Symbol("b")
    g = tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, b]])
    with pytest.raises(ParameterError, match=match):
        g.subs(values)


def test_numeric_games_have_nothing_to_substitute():
    assert prisoners_dilemma().subs() == prisoners_dilemma()
    with pytest.raises(ParameterError):
        prisoners_dilemma().subs(b=1)


# ----------------------------------------------------------------------------- relabelling
def test_permute_players_and_strategies():
    g = tg.NormalFormGame(np.arange(24).reshape(2, 3, 4))
    swapped = g.permute(players=[1, 0])
    assert swapped.shape == (4, 3)
    # new player 1 is old player 2: its payoff at (s_new1=j, s_new2=i) is old u_2(i, j)
    for i in range(3):
        for j in range(4):
            assert swapped.payoffs[0, j, i] == g.payoffs[1, i, j]
            assert swapped.payoffs[1, j, i] == g.payoffs[0, i, j]
    reordered = g.permute(strategies=[[2, 0, 1], [3, 2, 1, 0]])
    assert reordered.payoffs[0, 0, 0] == g.payoffs[0, 2, 3]
    assert reordered.strategies[0] == ("s3", "s1", "s2")
    with pytest.raises(LabelError):
        g.permute(players=[0, 0])


def test_repr_shows_a_table_for_two_players():
    text = repr(prisoners_dilemma())
    assert "exact" in text and "5, 0" in text and "rows: Player 1" in text
    assert "3 players" in repr(tg.NormalFormGame(np.zeros((3, 2, 2, 2))))


# ----------------------------------------------------------------------------- hostile input
@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: tg.NormalFormGame([[1]], kind="bogus"), ParameterError),
        (lambda: prisoners_dilemma().permute(players="ab"), LabelError),
        (lambda: prisoners_dilemma().permute(players=[0.5, 1]), LabelError),
        (lambda: prisoners_dilemma().permute(players=None, strategies=[[0, 1], "ab"]), LabelError),
        (lambda: prisoners_dilemma().permute(strategies=5), LabelError),
        (lambda: tg.NormalFormGame.from_arrays([[sp.I, 0], [0, 1]], [[1, 0], [0, 1]]), PayoffValueError),
        (lambda: tg.NormalFormGame.from_arrays([[1 + 2j, 0], [0, 1]], [[1, 0], [0, 1]]), PayoffTypeError),
        (lambda: tg.NormalFormGame.from_arrays([[sp.sqrt(-2), 0], [0, 1]], [[1, 0], [0, 1]]), PayoffValueError),
        # an integer too large for a float beside a float: the game would be a float game
        (lambda: tg.NormalFormGame.from_arrays([[10**400, 1.5], [0, 1]], [[1, 0], [0, 1]]), PayoffValueError),
        (lambda: tg.NormalFormGame.from_arrays([[10**400, 1], [0, 1]], [[1, 0], [0, 1]], kind="float"),
         PayoffValueError),
    ],
)
def test_bad_input_raises_trigame_errors(build, error):
    with pytest.raises(error):
        build()


def test_huge_integers_stay_exact():
    g = tg.NormalFormGame.from_arrays([[10**400, 1], [0, 1]], [[1, 0], [0, 1]])
    assert g.kind == "exact" and g.payoffs[0, 0, 0] == 10**400


@pytest.mark.parametrize(
    ("payoff", "value", "match"),
    [
        (lambda x: 1 / x, 0, "zoo"),  # 1/0 is SymPy's complex infinity
        (lambda x: sp.sqrt(x), -1, "I"),  # the square root of -1 is not real
        (lambda x: sp.log(x), 0, "oo"),
    ],
)
def test_subs_that_leaves_the_reals_is_refused(payoff, value, match):
    x = sp.Symbol("x")
    g = tg.NormalFormGame.from_arrays([[payoff(x), 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match=match):
        g.subs(x=value)


def test_nested_lists_of_every_kind_are_classified_like_before():
    # the fast path for plain ints, Fractions and floats gives what classifying entry by entry gives
    assert tg.NormalFormGame([[[1, 2]], [[3, 4]]]).kind == "exact"
    assert tg.NormalFormGame([[[1, 2.5]], [[3, 4]]]).kind == "float"
    assert tg.NormalFormGame([[[F(1, 3), 2]], [[3, 4]]]).kind == "exact"
    assert tg.NormalFormGame([[[np.float64(1), 2]], [[3, 4]]]).kind == "float"
    with pytest.raises(PayoffTypeError, match="boolean"):
        tg.NormalFormGame([[[True, 2.5]], [[3, 4]]])
    with pytest.raises(PayoffValueError, match=r"entry \(0, 0, 1\)"):
        tg.NormalFormGame([[[1.0, float("nan")]], [[3, 4]]])
    with pytest.raises(GameShapeError, match="ragged"):
        tg.NormalFormGame([[[1.0, 2.0]], [[3.0]]])


def test_exact_payoffs_too_large_for_memory_are_refused_before_conversion():
    # 26 players with 2 strategies: 26 * 2^26 ≈ 1.7e9 exact payoffs, about 260 GiB as Fractions.  The zero-strided
    # view costs nothing; the constructor must refuse it before converting a single entry.
    shape = (26,) + (2,) * 26
    payoffs = np.broadcast_to(np.int8(0), shape)
    with pytest.raises(tg.BudgetExceededError, match="float"):
        tg.NormalFormGame(payoffs)


@pytest.mark.parametrize(
    "huge",
    [10**5000, -(10**4500), Fraction(1, 10**5000), Decimal("1e999999999"), Decimal("1e-5000")],
    ids=["int", "negative int", "fraction", "decimal exponent", "decimal tiny"],
)
def test_exact_payoffs_with_more_digits_than_python_prints_are_refused(huge):
    # Python refuses to print integers of over 4,300 digits, so such a payoff could never be shown or written
    # back; trigame refuses it, naming the entry, whichever way the game is built.
    with pytest.raises(tg.PayoffValueError, match="at most 4000 digits"):
        tg.NormalFormGame.from_arrays([[huge, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(tg.PayoffValueError, match=r"entry \(0, 0, 0\).*at most 4000 digits"):
        tg.NormalFormGame([[[huge, 0]], [[0, 1]]])
    with pytest.raises(tg.TreeError, match="at most 4000 digits"):
        tg.GameTree(tg.Decision("P", {"a": tg.Terminal((huge,)), "b": tg.Terminal((0,))}))


def test_exact_payoffs_of_thousands_of_digits_still_solve_exactly():
    # 3,000 digits is within the bound; the equilibrium probabilities of this 2x2 game have about 6,000 digits
    # (x = 1 / (1 + big)), and the solver's own checks must accept them.
    big = 10**3000 + 7
    game = tg.NormalFormGame.from_arrays([[big, 0], [0, 1]], [[0, 1], [1, 0]])
    (eq,) = tg.equilibria(game)
    assert eq.strategies[1][0] == Fraction(1, big + 1)
