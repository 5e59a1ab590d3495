"""Agent quantal response equilibrium of trees (trigame.solve.qre.agent).

Expected values come from hand derivations (written next to them), from pygambit's logit QRE on
strategic games played as trees of simultaneous moves (where the agent form is the strategic form),
from SciPy's multivariate normal (probit with three actions), and from the fixed-point identity
checked with the tree's own outcome and payoff computations (an independent route).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.estimation._spec import _simultaneous_tree
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.io.nfg import read_nfg
from trigame.solve.qre.agent import AgentQRE, agent_qre

CORPUS = Path("/work/shared/data/gambit-games")
if not CORPUS.exists():
    CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "gambit-games"


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def deterrence(u11: float = 0.0, u13: float = 0.0, u14: float = -1.0, u24: float = 0.5) -> GameTree:
    """The two-step deterrence game of games::egame12: 1 keeps the status quo or escalates; 2 backs down or fights."""
    return GameTree(Decision("1", {
        "sq": Terminal((u11, 0.0)),
        "esc": Decision("2", {"cap": Terminal((u13, 0.0)), "war": Terminal((u14, u24))}),
    }))


# ---------------------------------------------------------------------------- perfect information
def test_logit_backward_induction_by_hand() -> None:
    # 2 fights with probability e^{u24}/(1 + e^{u24}) = logistic(0.5); 1's value of escalating is
    # (1 - p) * 0 + p * (-1) = -p, so 1 escalates with probability logistic(-p - 0).
    q = agent_qre(deterrence(), 1)
    p = logistic(0.5)
    assert q.behavior["2@esc"]["war"] == pytest.approx(p, abs=1e-14)
    assert q.behavior["1@root"]["esc"] == pytest.approx(logistic(-p), abs=1e-14)
    assert q.outcomes[("esc", "war")] == pytest.approx(logistic(-p) * p, abs=1e-14)
    assert q.method == "backward induction" and q.converged


def test_probit_agent_error_matches_egame12_formulas() -> None:
    # games::makeProbs12 (agent error, all scales 1): p4 = pnorm(u24 / sqrt(2)), and
    # p2 = pnorm((p3 * u13 + p4 * u14 - u11) / sqrt(2)) with p3 = 1 - p4.
    u11, u13, u14, u24 = 0.3, -0.2, -1.1, 0.7
    q = agent_qre(deterrence(u11, u13, u14, u24), 1, error="probit")
    p4 = phi(u24 / math.sqrt(2))
    p2 = phi(((1 - p4) * u13 + p4 * u14 - u11) / math.sqrt(2))
    assert q.behavior["2@esc"]["war"] == pytest.approx(p4, abs=1e-13)
    assert q.behavior["1@root"]["esc"] == pytest.approx(p2, abs=1e-13)


def test_probit_three_actions_is_a_normal_orthant_probability() -> None:
    from scipy.stats import multivariate_normal

    # Action a is best when e_b - e_a < U_a - U_b for both others b: a bivariate normal with
    # variances 2 and covariance 1 (independent standard normal errors on each action).
    u = (0.4, -0.3, 0.0)
    tree = GameTree(Decision("P", {"a": Terminal((u[0],)), "b": Terminal((u[1],)), "c": Terminal((u[2],))}))
    q = agent_qre(tree, 1, error="probit")
    cov = [[2.0, 1.0], [1.0, 2.0]]
    for k, action in enumerate("abc"):
        others = [u[k] - u[j] for j in range(3) if j != k]
        expected = multivariate_normal(mean=[0, 0], cov=cov).cdf(others)
        assert q.behavior["P@root"][action] == pytest.approx(expected, abs=2e-6)


def test_precision_zero_is_uniform_and_large_precision_approaches_the_spe() -> None:
    tree = deterrence()
    q0 = agent_qre(tree, 0)
    assert q0.behavior == {"1@root": {"sq": 0.5, "esc": 0.5}, "2@esc": {"cap": 0.5, "war": 0.5}}
    # SPE: 2 fights (0.5 > 0), so escalating is worth -1 < 0 and 1 keeps the status quo.
    q = agent_qre(tree, 60)
    assert q.behavior["2@esc"]["war"] > 1 - 1e-12
    assert q.behavior["1@root"]["sq"] > 1 - 1e-12


def test_per_player_precision() -> None:
    # 1 plays at precision 0 (uniform); 2 at precision 2: logistic(2 * 0.5).
    q = agent_qre(deterrence(), {"1": 0, "2": 2})
    assert q.behavior["1@root"]["esc"] == pytest.approx(0.5)
    assert q.behavior["2@esc"]["war"] == pytest.approx(logistic(1.0), abs=1e-14)
    assert q.lam == (0.0, 2.0)
    assert agent_qre(deterrence(), [0, 2]).behavior == q.behavior


def test_chance_node_averages_values() -> None:
    # Nature picks the payoff of 'go' (2 or -1, each 1/2) before P moves, P sees it: two separate agents.
    tree = GameTree(Chance({
        "high": (0.5, Decision("P", {"stop": Terminal((0,)), "go": Terminal((2,))})),
        "low": (0.5, Decision("P", {"stop": Terminal((0,)), "go": Terminal((-1,))})),
    }))
    q = agent_qre(tree, 1)
    assert q.behavior["P@high"]["go"] == pytest.approx(logistic(2))
    assert q.payoffs[0] == pytest.approx(0.5 * 2 * logistic(2) + 0.5 * (-1) * logistic(-1))


# ---------------------------------------------------------------------------- strategic games vs pygambit
# Each game with the precisions compared.  Shapley's sh3 is symmetric and its principal branch meets a
# symmetry-breaking bifurcation at lam ~ 1.7202, after which Gambit follows one asymmetric branch and the
# agent QRE keeps the symmetric one (both are QRE): it is compared before the bifurcation only.
GAMES = {
    "contrib__games__2x2.nfg": [0.3, 1.0, 2.5],
    "contrib__games__pd.nfg": [0.3, 1.0, 2.5],
    "contrib__games__coord3.nfg": [0.3, 1.0, 2.5],
    "contrib__games__e04.nfg": [0.3, 1.0, 2.5],
    "contrib__games__oneill.nfg": [0.3, 1.0, 2.5],
    "contrib__games__g1.nfg": [0.3, 1.0, 2.5],
    "contrib__games__sh3.nfg": [0.3, 1.0, 1.5],
}


@pytest.mark.parametrize("name", sorted(GAMES))
def test_simultaneous_trees_match_pygambit_logit_qre(name: str) -> None:
    gbt = pytest.importorskip("pygambit")
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    game = read_nfg(path)
    gambit = gbt.read_nfg(str(path))
    tree = _simultaneous_tree(game)
    for point in gbt.qre.logit_solve_lambda(gambit, GAMES[name]):
        assert min(abs(point.lam - lam) for lam in GAMES[name]) < 1e-6, "Gambit stopped short"
        ours = agent_qre(tree, point.lam, tol=1e-14)
        assert ours.converged
        for player, strategies in zip(game.players, game.strategies):
            gplayer = next(p for p in gambit.players if p.label == player) if any(
                p.label == player for p in gambit.players) else list(gambit.players)[game.players.index(player)]
            theirs = [float(point.profile[s]) for s in gplayer.strategies]
            mine = [ours.behavior[player][s] for s in strategies]
            assert mine == pytest.approx(theirs, abs=1e-8), (name, point.lam, player)


def test_symmetric_game_has_a_symmetric_qre() -> None:
    # A symmetric coordination game (stag hunt): both players mix identically at every precision.
    from trigame.games.normal_form import NormalFormGame

    a = [[4, 0], [3, 3]]
    game = NormalFormGame([a, np.array(a).T.tolist()], players=("R", "C"), strategies=(("S", "H"), ("S", "H")))
    for lam in (0.5, 1.0, 3.0):
        q = agent_qre(_simultaneous_tree(game), lam)
        assert q.behavior["R"]["S"] == pytest.approx(q.behavior["C"]["S"], abs=1e-12)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=12, max_size=12), st.floats(0.1, 3))
def test_simultaneous_trees_match_trigame_strategic_qre(values: list[float], lam: float) -> None:
    # The agent form of a strategic game is the game: the agent QRE equals trigame.solve.qre.qre's point.
    from trigame.games.normal_form import NormalFormGame
    from trigame.solve.qre import qre

    game = NormalFormGame([np.reshape(values[:6], (2, 3)).tolist(), np.reshape(values[6:], (2, 3)).tolist()])
    mine = agent_qre(_simultaneous_tree(game), lam)
    theirs = qre(game, lam)
    for player, labels, vector in zip(game.players, game.strategies, theirs.strategies):
        assert [mine.behavior[player][s] for s in labels] == pytest.approx(list(vector), abs=1e-8)


# ---------------------------------------------------------------------------- imperfect information
def signalling_tree() -> GameTree:
    """Nature draws a type; the sender sees it and signals; the receiver sees only the signal (two nodes a set)."""
    def receiver(t: str, s: str, pay: tuple[tuple[int, int], tuple[int, int]]) -> Decision:
        return Decision("R", {"act": Terminal(pay[0]), "wait": Terminal(pay[1])}, infoset=f"R|{s}")

    def sender(t: str, pays: dict[str, tuple[tuple[int, int], tuple[int, int]]]) -> Decision:
        return Decision("S", {s: receiver(t, s, pays[s]) for s in ("x", "y")}, infoset=f"S|{t}")

    return GameTree(Chance({
        "strong": (0.4, sender("strong", {"x": ((2, -1), (3, 0)), "y": ((0, -1), (1, 0))})),
        "weak": (0.6, sender("weak", {"x": ((-1, 2), (1, 0)), "y": ((0, 2), (2, 0))})),
    }))


def reach_probability(tree: GameTree, outcomes: dict[tuple[str, ...], float], paths: list[tuple[str, ...]]) -> float:
    return sum(p for path, p in outcomes.items() if any(path[:len(node)] == node for node in paths))


@pytest.mark.parametrize("lam", [0.5, 2.0, 6.0])
def test_fixed_point_identity_on_an_imperfect_information_tree(lam: float) -> None:
    # At an agent QRE, for each set h of player i and actions a, b:
    #   P(reach h) * log(sigma_h(a) / sigma_h(b)) = lam * (E u_i[h plays a] - E u_i[h plays b]),
    # the expectations over the whole tree with h's behaviour replaced by a pure action (perfect recall:
    # h's own choice does not change the chance of reaching h).  Computed with GameTree.outcomes and
    # GameTree.expected_payoffs, not with the solver's code.
    tree = signalling_tree()
    q = agent_qre(tree, lam)
    assert q.converged and q.method == "principal branch"
    check_fixed_point(tree, q, lam)


def check_fixed_point(tree: GameTree, q: AgentQRE, lam: float) -> None:
    for info in tree.information_sets:
        i = tree.players.index(info.player)
        reach = reach_probability(tree, tree.outcomes(q.behavior), list(info.paths))
        a = info.actions[0]
        for b in info.actions[1:]:
            pure = {x: {**q.behavior, info.key: {y: float(y == x) for y in info.actions}} for x in (a, b)}
            gain = tree.expected_payoffs(pure[a])[i] - tree.expected_payoffs(pure[b])[i]
            ratio = math.log(q.behavior[info.key][a] / q.behavior[info.key][b])
            assert reach * ratio == pytest.approx(lam * gain, abs=1e-10)


def test_the_2x2x2_game_where_gambit_stalls_is_solved() -> None:
    # Gambit issue #492 (PR #1023): logit_solve_lambda stops near lam = 0.597 on this game.  The agent QRE
    # (= the logit QRE: one information set per player) reaches lam = 1 and 2.5 and is a fixed point there.
    path = CORPUS / "contrib__games__2x2x2.nfg"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    tree = _simultaneous_tree(read_nfg(path))
    for lam in (0.6, 1.0, 2.5):
        q = agent_qre(tree, lam)
        assert q.converged and q.residual < 1e-12
        check_fixed_point(tree, q, lam)


# ---------------------------------------------------------------------------- properties
@st.composite
def perfect_trees(draw: st.DrawFn) -> GameTree:
    def node(depth: int) -> Decision | Terminal:
        if depth == 0 or draw(st.booleans()):
            return Terminal(tuple(draw(st.integers(-5, 5)) for _ in range(2)))
        k = draw(st.integers(2, 3))
        return Decision(draw(st.sampled_from(["A", "B"])), {f"a{j}": node(depth - 1) for j in range(k)})

    return GameTree(Decision("A", {"l": node(2), "r": node(2)}), players=("A", "B"))


@settings(max_examples=25, deadline=None)
@given(perfect_trees(), st.floats(0, 5), st.sampled_from(["logit", "probit"]))
def test_probabilities_are_distributions(tree: GameTree, lam: float, error: str) -> None:
    q = agent_qre(tree, lam, error=error)
    for probs in q.behavior.values():
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-12)
        assert all(0 <= p <= 1 for p in probs.values())
    assert sum(q.outcomes.values()) == pytest.approx(1.0, abs=1e-12)
    assert tuple(q.payoffs) == pytest.approx(tree.expected_payoffs(q.behavior), abs=1e-9)


# ---------------------------------------------------------------------------- bad input
PAYLOAD = "__import__('builtins').setattr(__import__('builtins'), 'TRIGAME_PWNED', 1) or 1"


@pytest.mark.parametrize("lam", [PAYLOAD, "1", float("nan"), float("inf"), -1, [1], {"1": 1}, True])
def test_bad_precision_is_refused(lam: object) -> None:
    with pytest.raises(ParameterError):
        agent_qre(deterrence(), lam)
    import builtins

    assert not hasattr(builtins, "TRIGAME_PWNED")


def test_bad_options_and_games_are_refused() -> None:
    import sympy

    with pytest.raises(ParameterError, match="error must be"):
        agent_qre(deterrence(), 1, error=PAYLOAD)
    with pytest.raises(ParameterError):
        agent_qre(deterrence(), 1, max_iter=0)
    with pytest.raises(ParameterError):
        agent_qre(deterrence(), 1, tol=PAYLOAD)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedGameError, match="symbolic"):
        agent_qre(GameTree(Decision("P", {"a": Terminal((sympy.Symbol("x"),)), "b": Terminal((0,))})), 1)
    with pytest.raises(UnsupportedGameError):
        agent_qre([[1, 2], [3, 4]], 1)  # type: ignore[arg-type]


def test_huge_payoffs_do_not_overflow() -> None:
    q = agent_qre(deterrence(u11=1e300, u24=-1e300), 1e10)
    assert q.behavior["1@root"]["sq"] == 1.0


def test_result_reports() -> None:
    q = agent_qre(signalling_tree(), 1)
    assert isinstance(q, AgentQRE)
    data = q.to_json()
    assert set(data["behavior"]) == {"S|strong", "S|weak", "R|x", "R|y"}
    assert "principal branch" in repr(q)
    assert isinstance(q.label(), str)
    with pytest.raises(TrigameError):
        agent_qre(signalling_tree(), 1, steps=0)
