"""The testing toolkit: its strategies draw what they promise, its checkers catch what they should.

Degeneracy is checked here by an independent criterion, the definition itself
(von Stengel 2002, Definition 3.2): a bimatrix game is degenerate when some mixed
strategy with ``k`` strategies in its support has more than ``k`` pure best
responses.  For each support ``S`` of size ``k`` and each set ``T`` of ``k + 1``
opponent strategies, a linear program (scipy) asks whether some mixed strategy
on ``S`` makes every strategy of ``T`` a best response.  The library instead
counts labels at the vertices of the best-response polytopes, exactly.
"""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.models import Interval, Model, QuasiAlliance, parameter
from trigame.solve.subgame_perfect import subgame_perfect
from trigame.testing import (
    SolverCheckError,
    assert_nash,
    assert_same_equilibria,
    assert_subgame_perfect,
    check_solver,
    games,
    model_instances,
    profiles,
    same_equilibria,
    trees,
)

F = Fraction
HOWTO = Path(__file__).resolve().parents[1] / "docs" / "how-to" / "test-your-own-model.md"


# ---------------------------------------------------------------------------- independent criteria
def _has_more_best_responses(mixer: np.ndarray, k: int) -> bool:
    """Whether a mixed strategy on ``k`` rows of ``mixer`` (the opponent's payoffs) has ``k + 1`` tied best columns."""
    from scipy.optimize import linprog

    m, n = mixer.shape
    for rows in itertools.combinations(range(m), k):
        for tied in itertools.combinations(range(n), k + 1):
            # variables: x over `rows`, then the value v; x >= 0, sum x = 1,
            # x.B[:, j] = v for j in tied, x.B[:, l] <= v for every l.
            sub = mixer[list(rows), :]
            a_eq = [[*sub[:, j], -1.0] for j in tied] + [[1.0] * k + [0.0]]
            b_eq = [0.0] * len(tied) + [1.0]
            a_ub = [[*sub[:, j], -1.0] for j in range(n)]
            result = linprog(np.zeros(k + 1), A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=b_eq,
                             bounds=[(0, None)] * k + [(None, None)], method="highs")
            if result.status == 0:
                return True
    return False


def degenerate_by_definition(game: tg.NormalFormGame) -> bool:
    a = np.asarray(game.payoffs[0], dtype=float)
    b = np.asarray(game.payoffs[1], dtype=float)
    m, n = game.shape
    return any(_has_more_best_responses(b, k) for k in range(1, min(m, n - 1) + 1)) or any(
        _has_more_best_responses(a.T, k) for k in range(1, min(n, m - 1) + 1)
    )


def pure_best_reply_tie(game: tg.NormalFormGame) -> bool:
    """Some player has two pure best replies to some pure profile of the others."""
    for i in range(game.n_players):
        for profile in itertools.product(*(range(m) for m in game.shape)):
            column = [game.payoffs[(i, *profile[:i], k, *profile[i + 1:])] for k in range(game.shape[i])]
            if column.count(max(column)) >= 2:
                return True
    return False


def pure_tie_free(game: tg.NormalFormGame) -> bool:
    """No player has two pure strategies with equal payoffs against a pure profile of the others."""
    for i in range(game.n_players):
        for profile in itertools.product(*(range(m) for m in game.shape)):
            column = [game.payoffs[(i, *profile[:i], k, *profile[i + 1:])] for k in range(game.shape[i])]
            if len(set(column)) < len(column):
                return False
    return True


# ---------------------------------------------------------------------------- games
@pytest.mark.parametrize("payoffs", ["integers", "fractions", "floats"])
@settings(max_examples=25)
@given(data=st.data())
def test_games_have_the_requested_shape_kind_and_range(payoffs: str, data: Any) -> None:
    game = data.draw(games(n_players=range(1, 4), n_strategies=(1, 2, 3), payoffs=payoffs, degenerate=None,
                           min_value=-3, max_value=7))
    assert 1 <= game.n_players <= 3 and set(game.shape) <= {1, 2, 3}
    assert game.kind == ("float" if payoffs == "floats" else "exact")
    values = list(game.payoffs.flat)
    assert all(-3 <= v <= 7 for v in values)
    if payoffs == "integers":
        assert all(v.denominator == 1 for v in values)
    if payoffs == "fractions":
        assert all(v.denominator <= 6 for v in values)


@settings(max_examples=15)
@given(games(n_players=st.just(2), n_strategies=st.integers(2, 3)))
def test_games_accept_strategies_for_the_counts(game: tg.NormalFormGame) -> None:
    assert game.n_players == 2 and set(game.shape) <= {2, 3}


@pytest.mark.parametrize("payoffs", ["integers", "fractions", "floats"])
@settings(max_examples=20)
@given(data=st.data())
def test_degenerate_two_player_games_are_degenerate_by_definition(payoffs: str, data: Any) -> None:
    game = data.draw(games(n_players=2, n_strategies=(1, 2, 3), payoffs=payoffs, degenerate=True))
    assert degenerate_by_definition(game)
    assert tg.equilibria(game, method="support").game_degenerate is True  # trigame's own vertex enumeration agrees


@pytest.mark.parametrize("payoffs", ["integers", "fractions", "floats"])
@settings(max_examples=20)
@given(data=st.data())
def test_nondegenerate_two_player_games_are_nondegenerate_by_definition(payoffs: str, data: Any) -> None:
    game = data.draw(games(n_players=2, n_strategies=(1, 2, 3), payoffs=payoffs, degenerate=False))
    assert not degenerate_by_definition(game)
    eqs = tg.equilibria(game, method="support")
    assert eqs.game_degenerate is False and not eqs.degenerate
    # A nondegenerate game has an odd number of equilibria (Shapley 1974; von Stengel 2002, Corollary 3.9).
    assert len(eqs) % 2 == 1


@settings(max_examples=20)
@given(games(n_players=3, n_strategies=(1, 2), degenerate=True))
def test_degenerate_three_player_games_have_a_tie_at_a_best_reply(game: tg.NormalFormGame) -> None:
    assert pure_best_reply_tie(game)


@settings(max_examples=15)
@given(games(n_players=3, n_strategies=2, payoffs="floats", degenerate=False))
def test_nondegenerate_three_player_games_have_no_pure_ties(game: tg.NormalFormGame) -> None:
    assert pure_tie_free(game)


def test_degenerate_none_mixes_both() -> None:
    strategy = games(n_players=2, n_strategies=(2, 3), degenerate=None)
    assert degenerate_by_definition(find(strategy, degenerate_by_definition))
    assert not degenerate_by_definition(find(strategy, lambda g: not degenerate_by_definition(g)))


def test_degenerate_constructions_include_duplicates_and_zero_games() -> None:
    strategy = games(n_players=2, n_strategies=(2, 3), degenerate=True)
    zero = find(strategy, lambda g: all(v == 0 for v in g.payoffs.flat))
    assert zero.shape and degenerate_by_definition(zero)
    duplicate = find(strategy, lambda g: any(np.array_equal(g.payoffs[:, r], g.payoffs[:, s])
                                             for r, s in itertools.combinations(range(g.shape[0]), 2)))
    assert degenerate_by_definition(duplicate)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"payoffs": "complex"}, "payoffs must be one of"),
        ({"degenerate": "yes"}, "degenerate must be"),
        ({"n_strategies": 0}, "at least 1"),
        ({"n_players": "two"}, "n_players must be"),
        ({"n_strategies": 1, "degenerate": True}, "at least 2 strategies"),
        ({"n_strategies": 4, "min_value": 0, "max_value": 2}, "distinct payoffs"),
        ({"max_value": float("nan")}, "finite number"),
        ({"min_value": 3, "max_value": 1}, "exceeds"),
    ],
)
def test_games_reject_bad_arguments(kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(tg.ParameterError, match=words):
        games(**kwargs)


@settings(max_examples=25)
@given(data=st.data())
def test_profiles_are_probability_vectors(data: Any) -> None:
    game = data.draw(games(n_players=(2, 3), n_strategies=(1, 2, 3), payoffs="fractions"))
    exact = data.draw(st.sampled_from([None, False]))
    profile = data.draw(profiles(game, exact=exact))
    assert [len(v) for v in profile] == list(game.shape)
    for v in profile:
        assert all(p >= 0 for p in v) and abs(sum(v) - 1) < 1e-12
        assert all(isinstance(p, Fraction) for p in v) == (exact is None)
    assert len(tg.regret(game, profile)) == game.n_players  # accepted by trigame as a profile


# ---------------------------------------------------------------------------- model instances
@dataclass(frozen=True, kw_only=True)
class Bounds(Model):
    """A one-player game whose parameters cover the kinds of domain."""

    players = ("Solo",)
    strategies = (("a", "b"),)

    anything: float = parameter(default=0, domain=Interval(), description="unbounded on both sides")
    negative: float = parameter(default=-1, domain=Interval(None, 0, upper_open=True), description="below 0")
    share: float = parameter(default=Fraction(1, 2), domain=Interval(0, 1, lower_open=True, upper_open=True),
                             description="strictly between 0 and 1")
    far: float = parameter(default=50, domain=Interval(40, None), description="at least 40")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str], tuple[Any]]:
        return {("a",): (v.anything + v.negative,), ("b",): (v.share + v.far,)}


@pytest.mark.parametrize("numbers", ["fractions", "floats"])
@settings(max_examples=30)
@given(data=st.data())
def test_model_instances_respect_every_domain(numbers: str, data: Any) -> None:
    m = data.draw(model_instances(Bounds, numbers=numbers))
    assert -10 <= m.anything <= 10
    assert -10 <= m.negative < 0
    assert 0 < m.share < 1
    assert 40 <= m.far <= 50  # capped 10 beyond the finite bound
    kinds = {type(v) for v in m.values().values()}
    assert kinds <= ({float} if numbers == "floats" else {int, Fraction})


@settings(max_examples=30)
@given(model_instances(QuasiAlliance, numbers="integers", max_magnitude=5))
def test_model_instances_integers(m: QuasiAlliance) -> None:
    values = m.values()
    assert all(type(v) is int for v in values.values())
    assert values["fear_japan"] in (0, 1) and values["fear_rok"] in (0, 1)
    assert 1 <= values["security_value"] <= 5 and 1 <= values["unreciprocated_cost"] <= 5  # POSITIVE: open at 0
    assert 0 <= values["domestic_cost_japan"] <= 5


def test_model_instances_reach_closed_bounds() -> None:
    assert find(model_instances(QuasiAlliance), lambda m: m.fear_japan == 1 and m.domestic_cost_rok == 0)


@settings(max_examples=15)
@given(model_instances(QuasiAlliance, fear_japan=1, fear_rok=st.sampled_from([0, F(1, 3)]), security_value=3))
def test_model_instances_pin_values_and_draw_from_given_strategies(m: QuasiAlliance) -> None:
    assert m.fear_japan == 1 and m.fear_rok in (0, F(1, 3)) and m.security_value == 3


def test_model_instances_reject_bad_arguments() -> None:
    with pytest.raises(tg.ParameterError, match="its parameters are: fear_japan, fear_rok"):
        model_instances(QuasiAlliance, fear_china=1)
    with pytest.raises(tg.ParameterError, match="outside its domain"):
        model_instances(QuasiAlliance, fear_japan=2)
    with pytest.raises(tg.ParameterError, match="no integer value"):
        model_instances(Bounds, numbers="integers")
    with pytest.raises(tg.ParameterError, match="Model subclass"):
        model_instances(QuasiAlliance())
    with pytest.raises(tg.ParameterError, match="numbers must be"):
        model_instances(QuasiAlliance, numbers="decimals")


# ---------------------------------------------------------------------------- trees
@settings(max_examples=25)
@given(trees(n_players=(2, 3), max_depth=2, max_actions=2))
def test_trees_are_valid_and_their_equilibria_subgame_perfect(tree: GameTree) -> None:
    assert len(tree.players) in (2, 3)
    assert all(len(payoffs) == len(tree.players) for payoffs in tree.terminals().values())
    spes = subgame_perfect(tree)
    assert len(spes) >= 1  # every finite tree has a subgame-perfect equilibrium
    # complete, unless a tie lets an earlier mover's incentives move; the note says so
    assert spes.complete or any("not listed" in note for note in spes.notes)
    for spe in spes[:3]:
        assert_subgame_perfect(tree, spe)


@settings(max_examples=20)
@given(trees(n_players=2, stages=False, chance=False, payoffs="fractions"))
def test_perfect_information_trees(tree: GameTree) -> None:
    nodes = [tree.node(path) for path in tree.paths()]
    assert not any(isinstance(node, Chance) for node in nodes)
    assert all(len(info.paths) == 1 for info in tree.information_sets)
    assert tree.kind == "exact"


def test_trees_contain_stages_and_chance_nodes() -> None:
    stages = find(trees(n_players=2), lambda t: any(len(info.paths) > 1 for info in t.information_sets))
    assert len(stages.information_sets) >= 2
    chance = find(trees(payoffs="floats"), lambda t: any(isinstance(t.node(p), Chance) for p in t.paths()))
    assert chance.kind == "float"


# ---------------------------------------------------------------------------- assert_nash
PD = tg.NormalFormGame.from_arrays(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]],
    players=["Japan", "South Korea"], strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
)


def test_assert_nash_names_player_deviation_and_gain() -> None:
    assert_nash(PD, ["Defect", "Defect"])
    assert_nash(PD, tg.equilibria(PD)[0])  # an Equilibrium
    # (Cooperate, Cooperate): each gains 5 - 3 = 2 by defecting.
    with pytest.raises(AssertionError) as info:
        assert_nash(PD, ["Cooperate", "Cooperate"])
    text = str(info.value)
    assert "Japan gains 2 by deviating to 'Defect' (payoff 5 instead of 3)" in text
    assert "South Korea gains 2 by deviating to 'Defect' (payoff 5 instead of 3)" in text
    # Japan mixes half-half, South Korea cooperates: Japan gets 3/2 + 5/2 = 4, Defect gives 5: gain 1;
    # South Korea gets (3 + 0)/2 = 3/2 by cooperating, (5 + 1)/2 = 3 by defecting: gain 3/2.
    korea = r"South Korea gains 3/2 by deviating to 'Defect' \(payoff 3 instead of 3/2\)"
    with pytest.raises(AssertionError, match=korea):
        assert_nash(PD, [[F(1, 2), F(1, 2)], [1, 0]])
    with pytest.raises(AssertionError, match=r"Japan gains 1 by deviating to 'Defect' \(payoff 5 instead of 4\)"):
        assert_nash(PD, [[F(1, 2), F(1, 2)], [1, 0]])


def test_assert_nash_tolerance_on_float_games() -> None:
    game = PD.as_float()
    assert_nash(game, [[1e-12, 1 - 1e-12], [0.0, 1.0]])  # regret 1e-12: within 1e-9 of the payoff scale 5
    with pytest.raises(AssertionError, match=r"Japan gains 0\.001 by deviating to 'Defect'"):
        assert_nash(game, [[1e-3, 1 - 1e-3], [0.0, 1.0]])  # Japan's regret: 1e-3 * (1 - 0) = 0.001
    assert_nash(game, [[1e-3, 1 - 1e-3], [0.0, 1.0]], tol=1e-3)


def test_assert_nash_three_players_and_models() -> None:
    # Three players each choose 0 or 1 and get 1 when all match: (0, 1, 1) lets player 1 gain 1 by switching to s2.
    match = np.zeros((3, 2, 2, 2), dtype=int)
    match[:, 0, 0, 0] = match[:, 1, 1, 1] = 1
    game = tg.NormalFormGame(match)
    with pytest.raises(AssertionError, match=r"Player 1 gains 1 by deviating to 's2' \(payoff 1 instead of 0\)"):
        assert_nash(game, [0, 1, 1])
    model = QuasiAlliance()  # no fear: Friction dominant for both (c_J = -1, c_K = -2 < 0)
    assert_nash(model, ["Friction", "Friction"])
    with pytest.raises(AssertionError, match="South Korea gains 2 by deviating to 'Friction'"):
        assert_nash(model, ["Cooperate", "Cooperate"])


def test_assert_subgame_perfect_names_the_subgame() -> None:
    # Entry deterrence: (Out, Fight) is a Nash equilibrium; Fight is not optimal once entry has happened.
    incumbent = Decision("Incumbent", {"Fight": Terminal((-1, -1)), "Accommodate": Terminal((1, 1))})
    tree = GameTree(Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}))
    threat = {"Entrant@root": {"Out": 1}, "Incumbent@In": {"Fight": 1}}
    assert_nash(tree, threat)
    where = r"(?s)in the subgame at In.*Incumbent gains 2 by deviating to 'Accommodate'"
    with pytest.raises(AssertionError, match=where):
        assert_subgame_perfect(tree, threat)
    with pytest.raises(AssertionError, match=r"Entrant gains 1 by deviating to 'In'"):
        assert_nash(tree, {"Entrant@root": {"Out": 1}, "Incumbent@In": {"Accommodate": 1}})
    (spe,) = subgame_perfect(tree)
    assert_subgame_perfect(tree, spe)


def test_same_equilibria_tolerance_and_messages() -> None:
    assert same_equilibria([[[1, 0], [F(1, 2), F(1, 2)]]], [[[1.0, 0.0], [0.5 + 1e-9, 0.5 - 1e-9]]])
    assert not same_equilibria([[[1, 0], [1, 0]]], [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    with pytest.raises(AssertionError, match=r"(?s)first \(1\).*second \(2\)"):
        assert_same_equilibria([[[1, 0], [1, 0]]], [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])


# ---------------------------------------------------------------------------- check_solver
def support(game: tg.NormalFormGame) -> tg.EquilibriumSet:
    return tg.equilibria(game, method="support")


def test_check_solver_passes_for_trigames_solvers() -> None:
    report = check_solver(support, max_examples=30)
    assert report.properties == ("nash", "affine", "relabel", "reference") and report.mode == "all"
    assert report.games >= 30 and report.profiles >= report.games and report.largest_regret == 0
    check_solver(lambda g: tg.equilibria(g, method="closed_form"),
                 games(n_players=2, n_strategies=2, payoffs="fractions", degenerate=None), max_examples=25)
    check_solver(lambda g: tg.equilibria(g, method="lemke_howson"), mode="contains", max_examples=25)
    check_solver(lambda g: tg.equilibria(g, method="closed_form"), games(n_players=3, n_strategies=2),
                 reference=lambda g: tg.equilibria(g, method="polynomial"), max_examples=8)


def test_check_solver_passes_for_nashpy_backed_solvers() -> None:
    nash = pytest.importorskip("nashpy")

    def vertex_enumeration(game: tg.NormalFormGame) -> list[Any]:
        A, B = (np.asarray(game.payoffs[i], dtype=float) for i in range(2))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(nash.Game(A, B).vertex_enumeration())

    # nondegenerate games with at least 2 strategies each (nashpy's vertex enumeration needs them)
    report = check_solver(vertex_enumeration, games(n_players=2, n_strategies=(2, 3), degenerate=False),
                          max_examples=25)
    assert report.largest_regret < 1e-9
    # trigame's wrapper of nashpy's support enumeration returns only verified equilibria
    check_solver(lambda g: tg.equilibria(g, method="nashpy"), mode="contains", max_examples=25)


def test_check_solver_catches_nashpy_support_enumeration_missing_an_equilibrium() -> None:
    pytest.importorskip("nashpy")
    # A nondegenerate 2x3 game (checked below by definition) whose only equilibrium is mixed:
    # x = (2/3, 1/3) makes columns s2 and s3 pay 1 (s1 pays 0); y = (0, 1/4, 3/4) makes both rows pay 3/4.
    # No pure profile is an equilibrium, so that is the unique one; nashpy 0.0.43's support
    # enumeration returns nothing (its vertex enumeration finds it).
    game = tg.NormalFormGame.from_arrays([[0, 3, 0], [2, 0, 1]], [[0, 1, 2], [0, 1, -1]])
    assert not degenerate_by_definition(game)
    assert support(game).contains([[F(2, 3), F(1, 3)], [0, F(1, 4), F(3, 4)]]) and len(support(game)) == 1
    with pytest.raises(SolverCheckError, match="missed 1 equilibrium") as info:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check_solver(lambda g: tg.equilibria(g, method="nashpy"), st.just(game), max_examples=1)
    assert info.value.property == "reference" and info.value.game == game


def test_check_solver_catches_a_solver_that_drops_an_equilibrium() -> None:
    def drops_the_last(game: tg.NormalFormGame) -> list[tg.Equilibrium]:
        return list(support(game))[:-1] or list(support(game))

    with pytest.raises(SolverCheckError, match="reference: the solver missed 1 equilibrium") as info:
        check_solver(drops_the_last, max_examples=40)
    assert info.value.property == "reference"
    assert len(support(info.value.game)) >= 2  # the counterexample really has an equilibrium to drop
    assert "on the game" in str(info.value)


def test_check_solver_catches_a_non_equilibrium() -> None:
    def adds_uniform(game: tg.NormalFormGame) -> list[Any]:
        uniform = [[F(1, m)] * m for m in game.shape]
        return [*support(game), uniform]

    with pytest.raises(SolverCheckError, match=r"nash: returned a profile that is not a Nash equilibrium") as info:
        check_solver(adds_uniform, max_examples=40)
    assert not tg.is_nash(info.value.game, [[F(1, m)] * m for m in info.value.game.shape])
    assert "gains" in str(info.value) and "by deviating to" in str(info.value)


def test_check_solver_catches_a_solver_that_breaks_under_relabelling() -> None:
    def prefers_the_first_row(game: tg.NormalFormGame) -> list[tg.Equilibrium]:
        eqs = list(support(game))
        return [e for e in eqs if e.strategies[0][0] > 0] or eqs

    with pytest.raises(SolverCheckError, match="relabel") as info:
        check_solver(prefers_the_first_row, reference=None, properties=["nash", "relabel"], max_examples=60)
    assert info.value.property == "relabel"


def test_check_solver_catches_a_solver_that_breaks_under_affine_changes() -> None:
    def only_pure_if_negative(game: tg.NormalFormGame) -> list[Any]:
        if min(game.payoffs.flat) < 0:
            return list(tg.equilibria(game, method="pure"))
        return list(support(game))

    # A coordination game: three equilibria, one mixed; a negative shift of a player's payoffs hides it.
    coordination = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(SolverCheckError, match="affine") as info:
        check_solver(only_pure_if_negative, st.just(coordination), reference=None, properties=["affine"],
                     max_examples=60)
    assert info.value.property == "affine"


def test_check_solver_contains_mode_without_reference_checks_equilibria_of_the_original_game() -> None:
    def first_equilibrium(game: tg.NormalFormGame) -> list[tg.Equilibrium]:
        return [support(game)[0]]  # which one is first depends on the labels: fine in "contains" mode

    report = check_solver(first_equilibrium, reference=None, mode="contains", max_examples=25)
    assert report.mode == "contains" and report.profiles == report.games

    def first_equilibrium_of_the_transposed_game(game: tg.NormalFormGame) -> list[Any]:
        if game.n_players == 2 and game.shape[0] == game.shape[1]:
            return [list(reversed(support(game.permute(players=[1, 0]))[0].strategies))]
        return [support(game)[0]]

    # correct too: the transposed game's equilibria, swapped back, are this game's
    check_solver(first_equilibrium_of_the_transposed_game, reference=None, mode="contains", max_examples=25)


def test_check_solver_rejects_bad_arguments() -> None:
    with pytest.raises(tg.ParameterError, match="mode must be"):
        check_solver(support, mode="some")
    with pytest.raises(tg.ParameterError, match="unknown properties"):
        check_solver(support, properties=["fast"])
    with pytest.raises(tg.ParameterError, match="hypothesis strategy"):
        check_solver(support, games=[PD])  # type: ignore[arg-type]
    with pytest.raises(tg.ParameterError, match="solver must be"):
        check_solver("support")  # type: ignore[arg-type]
    with pytest.raises(tg.ParameterError, match="max_examples"):
        check_solver(support, max_examples=0)


# ---------------------------------------------------------------------------- the how-to page
def _python_blocks(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^```python\n(.*?)^```", text, re.M | re.S)]


def test_howto_page_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = _python_blocks(HOWTO.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    namespace: dict[str, Any] = {"__name__": "__main__"}
    for k, code in enumerate(blocks):
        try:
            exec(compile(code, f"{HOWTO.name}, block {k + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            raise AssertionError(f"{HOWTO.name}: block {k + 1} failed: {exc!r}") from exc
    # the page's model and claims are really there, and its printed failure message matches assert_nash's
    assert issubclass(namespace["BurdenSharing"], Model)
    with pytest.raises(AssertionError, match="Japan gains 3 by deviating to 'Contribute'"):
        assert_nash(namespace["BurdenSharing"](), ["Shirk", "Shirk"])


def test_assert_nash_names_a_deviation_on_a_small_payoff_scale():
    # Prisoner's Dilemma with the column player's payoffs in units of 1e-12: at (C, C) the column player gains
    # (5 - 3) * 1e-12 by defecting.  Relative to its own payoff range (5e-12) that gain is 0.4, so the message must
    # name it, however small it is next to the row player's payoffs.
    game = tg.NormalFormGame.from_arrays([[3.0, 0.0], [5.0, 1.0]], np.array([[3.0, 5.0], [0.0, 1.0]]) * 1e-12)
    with pytest.raises(AssertionError, match=r"Player 2 gains .* by deviating to 's2'"):
        assert_nash(game, [[1.0, 0.0], [1.0, 0.0]])


@settings(max_examples=200, deadline=None)
@given(games(n_players=2, n_strategies=(2, 3), payoffs="fractions", degenerate=True, min_value=-3, max_value=7))
def test_degenerate_fraction_games_keep_small_denominators(game: tg.NormalFormGame) -> None:
    # the half-half construction once split a sum of two payoffs afresh, giving denominators up to 30 (37/10)
    assert all(v.denominator <= 6 and -3 <= v <= 7 for v in game.payoffs.flat)
