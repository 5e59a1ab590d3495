"""No public entry point evaluates a string: values from users are numbers, or text read by ``parse_number``.

Every position where a user gives a value (parameters of models and regimes, payoffs, probabilities, grid
values, ``--set`` on the command line, game files) receives a payload that, if evaluated as Python (by ``eval``,
``exec`` or SymPy's ``sympify``/``parse_expr``), sets an attribute on :mod:`builtins`.  The test asserts that
the attribute never appears, that SymPy's parser and ``eval``/``exec`` never see the payload, and that the call
fails with a :class:`~trigame.errors.TrigameError` (a clear message, not a traceback).

The public entry points are enumerated from ``trigame.__all__``, ``trigame.statics.__all__`` and
``trigame.models.MODELS``; a new one fails :func:`test_every_public_entry_point_is_covered` until it is added
to the cases below (or to ``NOT_USER_VALUED`` with the reason).
"""

from __future__ import annotations

import builtins
import functools
import inspect
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import sympy
import sympy.physics.units  # sympy.solve imports it lazily, and its module body parses unit names

import trigame as tg
import trigame.statics as statics
from trigame.cli import main
from trigame.errors import TrigameError
from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.models import MODELS, ChinaReaction, LateralPressure, QuasiAlliance

MARK = "TRIGAME_PWNED"
#: Evaluated as Python, this sets builtins.TRIGAME_PWNED (and is the number 1).
PAYLOAD = f"__import__('builtins').setattr(__import__('builtins'), '{MARK}', 1) or 1"
#: An expression SymPy would parse into a symbol without running anything: caught by the parse_expr tripwire.
FORMULA = f"{MARK} + 1/3"
PAYLOADS = (PAYLOAD, FORMULA)


@pytest.fixture
def tripwire(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and refuse) every parse or evaluation of a text holding the marker."""
    import sympy.parsing.sympy_parser as parser

    seen: list[str] = []
    real_eval, real_exec = builtins.eval, builtins.exec

    def guard(where: str, source: Any) -> None:
        text = source if isinstance(source, str) else getattr(source, "co_consts", ())
        if MARK in str(text):
            seen.append(f"{where}: {source!r}")
            raise RuntimeError(f"{where} was given a user's text")

    def fake_eval(source: Any, *args: Any) -> Any:
        guard("eval", source)
        return real_eval(source, *args)

    def fake_exec(source: Any, *args: Any) -> Any:
        guard("exec", source)
        return real_exec(source, *args)

    def fake_parse(source: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(f"parse_expr: {source!r}")  # no user text is ever parsed as a formula, marked or not
        raise RuntimeError("sympy's parse_expr was called")

    monkeypatch.setattr(builtins, "eval", fake_eval)
    monkeypatch.setattr(builtins, "exec", fake_exec)
    monkeypatch.setattr(parser, "parse_expr", fake_parse)
    yield seen
    assert not hasattr(builtins, MARK), "a user's text was evaluated as Python"
    if hasattr(builtins, MARK):  # pragma: no cover - clean up for the other tests
        delattr(builtins, MARK)


#: Cases that refuse the text without evaluating it, but with an exception that is not yet a TrigameError.
NOT_YET_TRIGAME_ERRORS: dict[str, type[Exception]] = {}


def _refused(tripwire: list[str], call: Callable[[], Any], case: str = "") -> None:
    with pytest.raises((TrigameError, NOT_YET_TRIGAME_ERRORS.get(case, TrigameError))):
        call()
    assert tripwire == []
    assert not hasattr(builtins, MARK)


# ---------------------------------------------------------------------------------------------------- cases
x = sympy.Symbol("x")
_SYMBOLIC_GAME = tg.NormalFormGame.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
_SYMBOLIC_TREE = GameTree(Decision("P", {"a": Terminal((x,)), "b": Terminal((1,))}))
_GAME = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
_QUASI_FIXED = {"security_value": 3, "unreciprocated_cost": 1, "domestic_cost_japan": 1, "domestic_cost_rok": 2}
_POINT = {"fear_japan": 0, "fear_rok": 1}
_PD = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))


def _bayesian(prior: Any = Fraction(1, 2), payoff: Any = 1) -> Any:
    return tg.BayesianGame(("A", "B"), {"A": ("hi", "lo"), "B": ("-",)}, {"A": {"hi": prior, "lo": Fraction(1, 2)}},
                           {"A": ("x", "y"), "B": ("x", "y")},
                           lambda types, actions: (payoff if actions[0] == actions[1] else 0, 1))


def _signaling(prior: Any = Fraction(1, 2), payoff: Any = 1) -> Any:
    return tg.SignalingGame(("hi", "lo"), {"hi": prior, "lo": Fraction(1, 2)}, ("m", "n"), ("a", "b"),
                            lambda t, m, a: (payoff if a == "a" else 0, 1 if (a == "a") == (t == "hi") else 0))


@functools.cache
def _pbe() -> Any:
    return tg.perfect_bayesian(_signaling())[0]


@functools.cache
def _quasi() -> tuple[Any, Any]:
    return (statics.regimes(QuasiAlliance, fixed=_QUASI_FIXED),
            statics.regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1}))


def _statics_cases(text: str) -> dict[str, Callable[[], Any]]:
    rs, rmap = _quasi()
    return {
        "regimes(fixed=)": lambda: statics.regimes(QuasiAlliance, fixed={"fear_japan": text}),
        "regimes(tree, fixed=)": lambda: statics.regimes(_SYMBOLIC_TREE, fixed={"x": text}),
        "regimes(game, fixed=)": lambda: statics.regimes(_SYMBOLIC_GAME, fixed={"x": text}),
        "regimes(model=text)": lambda: statics.regimes(text),
        "regime_map(fixed=)": lambda: statics.regime_map(QuasiAlliance, fixed={"fear_rok": text}),
        "threshold(parameter=)": lambda: statics.threshold(rs, 0, text),
        "threshold(equilibrium=)": lambda: statics.threshold(rs, text, "fear_rok"),
        "threshold(fixed=)": lambda: statics.threshold(QuasiAlliance, 0, "fear_rok", fixed={"fear_japan": text}),
        "derivative(parameter=)": lambda: statics.derivative(rs, 0, text),
        "derivative(of=)": lambda: statics.derivative(rs, 0, "fear_rok", of=text),
        "derivative(fixed=)": lambda: statics.derivative(QuasiAlliance, 0, "fear_rok", fixed={"fear_japan": text}),
        "RegimeSet.at": lambda: rs.at(fear_japan=text, fear_rok=1),
        "RegimeSet.find": lambda: rs.find(text),
        "Regime.holds": lambda: rs[0].holds(fear_japan=0, fear_rok=text),
        "RegimeMap.labels": lambda: rmap.labels(fear_japan=text, fear_rok=1, domestic_cost_japan=1,
                                                domestic_cost_rok=2),
        "RegimeMap.labels(array)": lambda: rmap.labels(fear_japan=[0, text], fear_rok=1, domestic_cost_japan=1,
                                                       domestic_cost_rok=2),
        "RegimeMap.boundaries(x=)": lambda: rmap.boundaries(text, "fear_rok"),
        "RegimeMap.boundaries(value)": lambda: rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=text,
                                                               domestic_cost_rok=2),
        "sweep(grid values)": lambda: statics.sweep(QuasiAlliance, {"fear_japan": [0, text]}),
        "sweep(grid value)": lambda: statics.sweep(QuasiAlliance, {"fear_japan": text}),
        "sweep(grid name)": lambda: statics.sweep(QuasiAlliance, {text: [0, 1]}),
        "sweep(fixed=)": lambda: statics.sweep(QuasiAlliance, {"fear_japan": [0, 1]}, fixed={"fear_rok": text}),
        "sweep(selection=)": lambda: statics.sweep(QuasiAlliance, {"fear_japan": [0, 1]}, selection=text),
        "repeated_regimes(fixed=)": lambda: statics.repeated_regimes(
            tg.RepeatedGame(_PD, sympy.Symbol("delta")), tg.grim_trigger(_PD), fixed={"delta": text}),
        "level_regimes(domain=)": lambda: statics.level_regimes(_symbolic_continuous(), domain={"a": text}),
        "level_derivatives(parameter=)": lambda: statics.level_derivatives(_symbolic_continuous(), text),
        "level_curves(values)": lambda: statics.level_curves(_symbolic_continuous(), "a", [1, text]),
        "binding_map(x=)": lambda: statics.binding_map(_symbolic_continuous(), ("a", [1, text]), ("b", [1, 2])),
    }


def _symbolic_continuous() -> Any:
    from trigame.games.continuous import ContinuousGame

    # Cournot duopoly with demand a - Q and cost b per unit: q* = (a - b)/3 each.
    a, b = sympy.symbols("a b", positive=True)
    return ContinuousGame(("1", "2"), {"1": (0, None), "2": (0, None)},
                          lambda q: (q["1"] * (a - q["1"] - q["2"] - b), q["2"] * (a - q["1"] - q["2"] - b)))


def _game_cases(text: str) -> dict[str, Callable[[], Any]]:
    nfg = f'NFG 1 R "g" {{ "A" "B" }} {{ 2 2 }}\n{text} 0 0 1 0 1 1 0\n'
    efg = f'EFG 2 R "t" {{ "A" "B" }}\np "" 1 1 "" {{ "x" "y" }} 0\nt "" 1 "" {{ {text}, 0 }}\nt "" 2 "" {{ 0, 1 }}\n'
    return {
        "NormalFormGame(payoffs)": lambda: tg.NormalFormGame([[[text, 0], [0, 1]], [[1, 0], [0, 1]]]),
        "NormalFormGame.from_arrays": lambda: tg.NormalFormGame.from_arrays([[text, 0], [0, 1]], [[1, 0], [0, 1]]),
        "NormalFormGame(kind=)": lambda: tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]], kind=text),
        "NormalFormGame.subs": lambda: _SYMBOLIC_GAME.subs(x=text),
        "Terminal payoffs": lambda: GameTree(Decision("P", {"a": Terminal((text,)), "b": Terminal((1,))})),
        "Chance probabilities": lambda: GameTree(Chance({"a": (text, Terminal((1,))), "b": (Fraction(1, 2),
                                                                                             Terminal((0,)))})),
        "GameTree.subs": lambda: _SYMBOLIC_TREE.subs(x=text),
        "equilibria(method=)": lambda: tg.equilibria(_GAME, method=text),
        "equilibria(tol=)": lambda: tg.equilibria(_GAME, tol=text),
        "pure_equilibria(tol=)": lambda: tg.pure_equilibria(_GAME, tol=text),
        "is_nash(profile)": lambda: tg.is_nash(_GAME, [[text, 0], [1, 0]]),
        "regret(profile)": lambda: tg.regret(_GAME, [[text, 0], [1, 0]]),
        "best_responses(profile)": lambda: tg.best_responses(_GAME, [[text, 0], [1, 0]]),
        "subgame_perfect(max_equilibria=)": lambda: tg.subgame_perfect(_SYMBOLIC_TREE.subs(x=2), max_equilibria=text),
        "parse_nfg": lambda: tg.parse_nfg(nfg),
        "parse_efg": lambda: tg.parse_efg(efg),
        "stage(children)": lambda: GameTree(tg.stage(["A", "B"], [["a", "b"], ["c", "d"]], [[text, 1], [2, 3]])),
        "BayesianGame(prior)": lambda: _bayesian(prior=text),
        "BayesianGame(payoffs)": lambda: _bayesian(payoff=text),
        "bayesian_equilibria(tol=)": lambda: tg.bayesian_equilibria(_bayesian(), tol=text),
        "is_bayesian_nash(behavior)": lambda: tg.is_bayesian_nash(
            _bayesian(), {"A": {"hi": {"x": text, "y": 0}, "lo": {"x": 1, "y": 0}}, "B": {"-": {"x": 1, "y": 0}}}),
        "SignalingGame(prior)": lambda: _signaling(prior=text),
        "SignalingGame(payoffs)": lambda: _signaling(payoff=text),
        "perfect_bayesian(refine=)": lambda: tg.perfect_bayesian(_signaling(), refine=text),
        "intuitive_criterion(pbe=)": lambda: tg.intuitive_criterion(_signaling(), text),
        "d1(pbe=)": lambda: tg.d1(_signaling(), text),
        "universal_divinity(pbe=)": lambda: tg.universal_divinity(_signaling(), text),
        "check_assessment(beliefs)": lambda: tg.check_assessment(
            _signaling(), dict(_pbe().behavior), {key: {"hi": text, "lo": 0} for key in _pbe().beliefs}),
        "is_perfect_bayesian(pbe=)": lambda: tg.is_perfect_bayesian(_signaling(), text),
        "qre(lam)": lambda: tg.qre(_GAME, text),
        "qre.trace(lambdas=)": lambda: tg.qre.trace(_GAME, lambdas=[1, text]),
        "is_logit_qre(profile)": lambda: tg.is_logit_qre(_GAME, [[text, 0], [1, 0]], 1),
        "AlternatingOffers(discounts)": lambda: tg.AlternatingOffers((text, Fraction(9, 10))),
        "UltimatumGame(pie=)": lambda: tg.UltimatumGame(pie=text),
        "FearonBargaining(p)": lambda: tg.FearonBargaining(text, Fraction(1, 10), Fraction(1, 10)),
        "UniformCost(high)": lambda: tg.UniformCost(0, text),
        "bargaining_equilibria(max_digits=)": lambda: tg.bargaining_equilibria(
            tg.AlternatingOffers((Fraction(1, 2), Fraction(1, 2))), max_digits=text),
        "bargaining_range(game)": lambda: tg.bargaining_range(text),
        "SequentialContinuousGame(order)": lambda: tg.SequentialContinuousGame(_continuous(), order=text),
        "sequential_equilibria(max_candidates=)": lambda: tg.sequential_equilibria(
            tg.SequentialContinuousGame(_continuous(), order=(("L",), ("F",))), max_candidates=text),
        "FinitelyRepeatedGame(rounds=)": lambda: tg.FinitelyRepeatedGame(_GAME, text),
        "finitely_repeated_equilibria(discount=)": lambda: tg.finitely_repeated_equilibria(_GAME, 2, discount=text),
        "trigger_threshold(bad_signal=)": lambda: tg.trigger_threshold(
            _GAME, ("s1", "s1"), ("s2", "s2"), bad_signal=(text, Fraction(1, 2))),
        "replicator_dynamics(y0=)": lambda: tg.replicator_dynamics([[0, 1], [1, 0]], y0=[text, 0]),
        "best_response_dynamics(y0=)": lambda: tg.best_response_dynamics([[0, 1], [1, 0]], y0=[text, 0]),
        "is_evolutionarily_stable(strategy)": lambda: tg.is_evolutionarily_stable([[0, 1], [1, 0]], [text, 0]),
        "is_neutrally_stable(strategy)": lambda: tg.is_neutrally_stable([[0, 1], [1, 0]], [text, 0]),
        "agent_qre(lam)": lambda: tg.agent_qre(_SYMBOLIC_TREE.subs(x=2), text),
        "RepeatedGame(discount)": lambda: tg.RepeatedGame(_PD, text),
        "Automaton(initial)": lambda: tg.Automaton(("c",), text, {"c": "C"}, {}),
        "grim_trigger(cooperate=)": lambda: tg.grim_trigger(_PD, cooperate=text),
        "tit_for_tat(stage)": lambda: tg.tit_for_tat(text),
        "forgiving_trigger(k)": lambda: tg.forgiving_trigger(_PD, k=text),
        "carrot_and_stick(stage)": lambda: tg.carrot_and_stick(text),
        "minmax(player)": lambda: tg.minmax(_PD, text),
        "feasible_set(max_profiles=)": lambda: tg.feasible_set(_PD, max_profiles=text),
        "folk_region(max_profiles=)": lambda: tg.folk_region(_PD, max_profiles=text),
        "repeated_equilibrium_payoffs(tol=)": lambda: tg.repeated_equilibrium_payoffs(
            tg.RepeatedGame(_PD, Fraction(1, 2)), tol=text),
        "ContinuousGame(strategies)": lambda: tg.ContinuousGame(("A",), {"A": (0, text)}, lambda q: (q["A"],)),
        "continuous_equilibria(tol=)": lambda: tg.continuous_equilibria(_continuous(), tol=text),
        "is_continuous_nash(strategies)": lambda: tg.is_continuous_nash(_continuous(), {"L": text, "F": 1}),
        "continuous_best_response(others)": lambda: tg.continuous_best_response(_continuous(), "F", {"L": text}),
        "estimate(covariates=)": lambda: tg.estimate(
            QuasiAlliance, _crisis_data(), outcome="outcome", covariates={"fear_japan": text}),
        "estimate(start=)": lambda: tg.estimate(
            QuasiAlliance, _crisis_data(), outcome="outcome", covariates={"fear_japan": "1"}, start=[text]),
    }


def _crisis_data() -> Any:
    import pandas as pd

    return pd.DataFrame({"outcome": [("Cooperate", "Cooperate"), ("Friction", "Friction")] * 3})


def _continuous() -> Any:
    from trigame.games.continuous import ContinuousGame

    # Stackelberg-style: the leader L and the follower F choose quantities in [0, 10].
    return ContinuousGame(("L", "F"), {"L": (0, 10), "F": (0, 10)},
                          lambda q: (q["L"] * (10 - q["L"] - q["F"]), q["F"] * (10 - q["L"] - q["F"])))


def _model_cases(text: str) -> dict[str, Callable[[], Any]]:
    cases: dict[str, Callable[[], Any]] = {}
    for name, cls in MODELS.items():
        for p in cls.parameter_names():
            cases[f"{name}({p}=)"] = lambda cls=cls, p=p: cls(**{p: text})
            cases[f"{name}.replace({p}=)"] = lambda cls=cls, p=p: cls().replace(**{p: text})
            cases[f"{name}.symbolic_game({p}=)"] = lambda cls=cls, p=p: cls.symbolic_game(**{p: text})
            cases[f"{name}.payoff_tensor({p}=)"] = lambda cls=cls, p=p: cls().payoff_tensor(**{p: text})
        for option in cls.option_names():
            cases[f"{name}({option}=)"] = lambda cls=cls, option=option: cls(**{option: text})
    cases["ChinaReaction.equilibria(method=)"] = lambda: ChinaReaction(simultaneous=True).equilibria(method=text)
    return cases


def _cli_cases(text: str) -> dict[str, list[str]]:
    return {
        "cli solve --set": ["solve", "QuasiAlliance", "--set", f"fear_japan={text}"],
        "cli solve --set option": ["solve", "ChinaReaction", "--set", f"simultaneous={text}"],
        "cli regimes --set": ["regimes", "LateralPressure", "--set", f"pressure={text}"],
        "cli describe --set": ["describe", "QuasiAlliance", "--set", f"fear_rok={text}"],
        "cli sweep range": ["sweep", "QuasiAlliance", "--x", f"fear_japan={text}:1:3", "--y", "fear_rok=0:1:3"],
    }


@pytest.mark.parametrize("text", PAYLOADS, ids=("code", "formula"))
@pytest.mark.parametrize("case", sorted(_statics_cases("")))
def test_statics_entry_points_refuse_text(tripwire: list[str], case: str, text: str) -> None:
    _refused(tripwire, _statics_cases(text)[case])


@pytest.mark.parametrize("text", PAYLOADS, ids=("code", "formula"))
@pytest.mark.parametrize("case", sorted(_game_cases("")))
def test_game_entry_points_refuse_text(tripwire: list[str], case: str, text: str) -> None:
    _refused(tripwire, _game_cases(text)[case], case)


@pytest.mark.parametrize("case", sorted(_model_cases("")))
def test_model_entry_points_refuse_text(tripwire: list[str], case: str) -> None:
    _refused(tripwire, _model_cases(PAYLOAD)[case])


@pytest.mark.parametrize("text", PAYLOADS, ids=("code", "formula"))
@pytest.mark.parametrize("case", sorted(_cli_cases("")))
def test_command_line_refuses_text(tripwire: list[str], capsys: pytest.CaptureFixture[str], case: str,
                                   text: str) -> None:
    status = main(_cli_cases(text)[case])
    err = capsys.readouterr().err
    assert tripwire == []
    assert status == 2, err  # bad input: one line on stderr, not an internal error
    assert err.startswith("trigame: error:") or "error:" in err


def test_files_are_read_as_numbers(tripwire: list[str], tmp_path: Any) -> None:
    nfg = tmp_path / "g.nfg"
    nfg.write_text(f'NFG 1 R "g" {{ "A" "B" }} {{ 2 2 }}\n{PAYLOAD} 0 0 1 0 1 1 0\n')
    _refused(tripwire, lambda: tg.read_nfg(nfg))
    efg = tmp_path / "t.efg"
    efg.write_text(f'EFG 2 R "t" {{ "A" "B" }}\np "" 1 1 "" {{ "x" "y" }} 0\nt "" 1 "" {{ {PAYLOAD}, 0 }}\n'
                   't "" 2 "" { 0, 1 }\n')
    _refused(tripwire, lambda: tg.read_efg(efg))


def test_the_tripwire_catches_sympify_and_eval(tripwire: list[str]) -> None:
    with pytest.raises(RuntimeError):
        sympy.sympify(PAYLOAD)
    with pytest.raises(RuntimeError):
        eval(PAYLOAD)  # the tripwire itself is under test
    assert len(tripwire) == 2 and not hasattr(builtins, MARK)
    tripwire.clear()


def test_plain_numbers_still_work(tripwire: list[str]) -> None:
    # the same positions accept numbers: nothing here parses text, so the tripwire stays silent
    rmap = statics.regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1})
    assert rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=Fraction(1), domestic_cost_rok=2)
    assert rmap.labels(fear_japan=0, fear_rok=1, domestic_cost_japan=1, domestic_cost_rok=2)[()]
    assert LateralPressure(pressure=Fraction(1, 2)).equilibria()
    assert tripwire == []


# ---------------------------------------------------------------------------------------------------- coverage
#: Public names that take no user values to evaluate (classes built by the solvers, writers of games).
NOT_USER_VALUED = {
    "Equilibrium": "built by the solvers from numbers they computed",
    "EquilibriumSet": "built by the solvers",
    "SubgamePerfectEquilibrium": "built by subgame_perfect",
    "SubgamePerfectSet": "built by subgame_perfect",
    "BayesianEquilibrium": "built by bayesian_equilibria",
    "BayesianEquilibriumSet": "built by bayesian_equilibria",
    "PerfectBayesianEquilibrium": "built by perfect_bayesian",
    "PerfectBayesianSet": "built by perfect_bayesian",
    "BeliefSet": "built by perfect_bayesian from exact vertices it computed",
    "InformationSet": "built by GameTree",
    "Parameter": "a model's declaration (names, descriptions), written by the model's author",
    "format_efg": "writes a tree: no values read",
    "format_nfg": "writes a game: no values read",
    "write_efg": "writes a tree: no values read",
    "write_nfg": "writes a game: no values read",
    "Decision": "labels and player names are text by design; payoffs are covered through Terminal",
    "GameTree": "covered through Terminal payoffs, Chance probabilities and GameTree.subs",
    "read_efg": "covered by test_files_are_read_as_numbers",
    "read_nfg": "covered by test_files_are_read_as_numbers",
}


def _covered() -> set[str]:
    names = set()
    for case in (*_statics_cases(""), *_game_cases(""), *_model_cases("")):
        names.add(case.split("(")[0].split(".")[0].split(" ")[0])
    return names


def test_every_public_entry_point_is_covered() -> None:
    public = {name for name in tg.__all__ if not (inspect.isclass(getattr(tg, name))
                                                   and issubclass(getattr(tg, name), BaseException))}
    public |= set(statics.__all__)
    public |= set(MODELS)
    aliases = {"RegimeSet": "regimes", "RegimeMap": "regime_map", "Regime": "regimes", "Terminal": "Terminal",
               "Chance": "Chance", "stage": "stage"}
    covered = _covered() | {aliases.get(n, n) for n in _covered()}
    missing = sorted(public - covered - set(NOT_USER_VALUED))
    assert not missing, f"public entry points without a hostile-input case: {missing}"
