"""Symbolic Bayesian stages in trees: the agent form of a stage in which each player moves at most once per play.

BayesianLateralPressure's subgames after the US choice are Bayesian games between Japan and the two types of
South Korea: in strategic form 2x4 (South Korea chooses at two information sets), in agent form 2x2x2, which the
symbolic closed form solves.  The regimes are checked against the exact point solver (the strategic-form route)
at random parameter points, and the prior thresholds are derived by hand.

Notation as in the model: g = cooperation_gain, k_J = domestic_cost_japan, k_L / k_H = Seoul's low / high cost,
q = prior_low_cost, pi = pressure, r = us_gain, e = pressing_cost.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import cache
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.errors import UnsupportedGameError
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
from trigame.solve.subgame_perfect._agent_stage import moves_once_per_path
from trigame.solve.subgame_perfect._pieces import _rational_region

FREE = ("prior_low_cost", "pressing_cost", "us_gain")
#: Instances whose other parameters differ in kind: the defaults (pressure moves the low type only); a
#: high type that cooperates when pressed if Japan does (k_H = 2 < g + pi = 4); nobody moved (k_L > pi, k_J > g).
INSTANCES = (
    {},
    {"cooperation_gain": 3, "domestic_cost_japan": 2, "domestic_cost_rok_low": 1, "domestic_cost_rok_high": 2,
     "pressure": 1},
    {"cooperation_gain": 2, "domestic_cost_japan": 3, "domestic_cost_rok_low": 4, "domestic_cost_rok_high": 6,
     "pressure": 1},
)
PRESS = ("United States@root: Press, pressed:Japan: Cooperate, pressed:South Korea@low cost: Cooperate, "
         "pressed:South Korea@high cost: Abstain, unpressed:Japan: Abstain, unpressed:South Korea@low cost: "
         "Abstain, unpressed:South Korea@high cost: Abstain")


@cache
def _regimes(instance: int) -> Any:
    return tg.statics.regimes(BayesianLateralPressure(**INSTANCES[instance]), free=list(FREE))


def _value(expr: Any, point: dict[str, F]) -> F:
    """A regime's probability at a point (its symbols matched by name)."""
    expr = sympy.sympify(expr)
    return F(str(expr.subs({s: point[s.name] for s in expr.free_symbols})))


def _profile(behavior: Any) -> tuple[tuple[str, tuple[F, ...]], ...]:
    return tuple(sorted((str(key), tuple(F(str(p)) for p in probs.values())) for key, probs in behavior.items()))


def test_the_bayesian_stage_moves_once_per_path() -> None:
    tree = BayesianLateralPressure.symbolic_game()
    stages = [k for k in sorted(tree._subgame_indices()) if k != 0]
    assert len(stages) == 2
    for x in stages:
        deciders = [k for k in range(x, tree._end[x]) if isinstance(tree._nodes[k], Decision)]
        assert moves_once_per_path(tree, x, deciders)


def test_a_player_moving_twice_keeps_the_strategic_form() -> None:
    # A moves, B moves without seeing A's move (so the root's subgame is the only one), A moves again knowing
    # its own first move: A has two information sets on one path, the agent form is not used, and the 8x2
    # symbolic strategic form is refused as before (naming the strategic form, not the agent form).
    a, b = sympy.symbols("a b")

    def second(first: str, middle: str) -> Decision:
        return Decision("A", {"x": Terminal((a, 0)), "y": Terminal((b, 1))}, infoset=f"A2@{first}")

    def middle(first: str) -> Decision:
        return Decision("B", {m: second(first, m) for m in ("l", "r")}, infoset="B")

    tree = GameTree(Decision("A", {"L": middle("L"), "R": middle("R")}, infoset="A1"), players=("A", "B"))
    deciders = [k for k, node in enumerate(tree._nodes) if isinstance(node, Decision)]
    assert not moves_once_per_path(tree, 0, deciders)
    with pytest.raises(UnsupportedGameError) as info:
        tg.subgame_perfect(tree)
    assert "agent form" not in str(info.value)


def test_a_numeric_bayesian_stage_in_a_symbolic_tree_is_solved_as_before() -> None:
    # The symbol a sits only at the root's outside option; the Bayesian stage below (BayesianLateralPressure's
    # pressed subgame at the defaults) holds numbers only, so it is solved exactly in strategic form (2x4), as
    # in the exact tree: the low type and Japan cooperate, the high type abstains (see
    # tests/test_lateral_pressure_bayesian.py), worth q*r - e = 1/5 to the first mover.
    a = sympy.Symbol("a")
    exact = BayesianLateralPressure().game()
    pressed = exact.root.actions["Press"]
    tree = GameTree(Decision("United States", {"Press": pressed, "Out": Terminal((a, 0, 0))}),
                    players=exact.players)
    found = tg.subgame_perfect(tree)
    stage = {(str(k), tuple(v.values())) for spe in found for k, v in spe.behavior.items()
             if str(k).startswith("pressed")}
    assert stage == {("pressed:Japan", (1, 0)), ("pressed:South Korea@low cost", (1, 0)),
                     ("pressed:South Korea@high cost", (0, 1))}
    assert not any("agent form" in note for note in found.notes)
    press = {spe.behavior["United States@root"]["Press"]: spe.condition for spe in found}
    assert set(press) == {0, 1}
    for value, presses in ((0, True), (F(1, 5), True), (1, False)):  # press iff a <= 1/5
        assert bool(sympy.sympify(press[1]).subs(a, value)) is presses
    assert bool(sympy.sympify(press[0]).subs(a, 1)) and not bool(sympy.sympify(press[0]).subs(a, 0))


def test_the_agent_form_of_a_numeric_stage_is_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tree above: its Bayesian stage holds numbers only, so an agent form of it would go unused (the
    # symbolic stages that use it are solved in the regime tests here).
    import trigame.solve.subgame_perfect._solver as solver

    built: list[int] = []
    real = solver.agent_form_stage

    def spy(*args: Any, **kwargs: Any) -> Any:
        built.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(solver, "agent_form_stage", spy)
    exact = BayesianLateralPressure().game()
    tree = GameTree(Decision("United States", {"Press": exact.root.actions["Press"],
                                               "Out": Terminal((sympy.Symbol("a"), 0, 0))}), players=exact.players)
    assert len(tg.subgame_perfect(tree)) == 2
    assert built == []


@pytest.mark.slow  # three symbolic regime sets (a few seconds each) and an exact point solve per example
@settings(max_examples=12, deadline=None)
@given(st.integers(0, len(INSTANCES) - 1), st.integers(1, 96), st.integers(1, 200), st.integers(1, 300))
def test_regimes_agree_with_the_point_solver(instance: int, q: int, e: int, r: int) -> None:
    # q = k/97, e = m/89, r = n/83: denominators prime and coprime, so no point falls on a regime boundary (the
    # boundaries of these instances are q*r = e, q*r = e + const*r and q = const with small denominators).
    point = {"prior_low_cost": F(q, 97), "pressing_cost": F(e, 89), "us_gain": F(r, 83)}
    listed = set()
    for regime in _regimes(instance).at(**point):
        behavior = {key: {a: _value(p, point) for a, p in probs.items()} for key, probs in regime.probabilities.items()}
        listed.add(_profile(behavior))
    model = BayesianLateralPressure(**INSTANCES[instance], **point)
    expected = {_profile(spe.behavior) for spe in model.equilibria()}
    assert listed == expected


def test_prior_threshold_at_which_pressing_pays() -> None:
    # Defaults g = 2, k_J = 1, k_L = 1, k_H = 5, pi = 2.  Pressed subgame: Cooperate is dominant for the low type
    # (g - k_L = 1 > -pi = -2 and -k_L = -1 > -2), Abstain for the high type (g - k_H = -3 < -2 and -5 < -2);
    # Japan cooperates (q*g - k_J = 2q - 1 > -pi = -2 for every q), so joint cooperation has probability q and
    # the US gets q*r - e.  Unpressed subgame, everyone abstaining (an equilibrium at every q: Japan's cooperating
    # pays -k_J < 0, the types' -k < 0): the US gets 0.  So the US presses iff q*r - e >= 0, i.e. q >= e/r.
    t = tg.statics.threshold(_regimes(0), PRESS, "prior_low_cost")
    e, r = sympy.symbols("pressing_cost us_gain")
    assert [sympy.simplify(b - e / r) for b in (b.subs({s: sympy.Symbol(s.name) for s in b.free_symbols})
                                                 for b in t.boundaries)] == [0]


def test_mixed_unpressed_regime_condition() -> None:
    # Unpressed, q*g > k_J (q > 1/2): the mixed equilibrium has Japan cooperating with probability k_L/g = 1/2
    # and the low type with k_J/(q*g) = 1/(2q), so cooperation has probability q * 1/2 * 1/(2q) = 1/4 and the
    # US gets r/4 by not pressing; pressing still gets q*r - e.  Press iff q*r >= e + r/4 (and q > 1/2).
    rs = _regimes(0)
    mixed_press = [reg for reg in rs if reg.support_label.startswith("United States@root: Press")
                   and "unpressed:Japan: mix" in reg.support_label
                   and "unpressed:South Korea@low cost: mix" in reg.support_label]
    assert len(mixed_press) == 1
    regime = mixed_press[0]
    assert regime.holds(prior_low_cost=F(3, 4), pressing_cost=F(1, 2), us_gain=F(3, 1))  # 9/4 >= 1/2 + 3/4
    assert not regime.holds(prior_low_cost=F(3, 4), pressing_cost=F(2), us_gain=F(3, 1))  # 9/4 < 2 + 3/4
    assert not regime.holds(prior_low_cost=F(2, 5), pressing_cost=F(1, 10), us_gain=F(3, 1))  # q < 1/2


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-4, 4), st.integers(-2, 2),
                          st.sampled_from(["ge", "gt", "eq", "le"])), min_size=1, max_size=3),
       st.booleans())
def test_one_parameter_regions_match_sympy(atoms: list[tuple[int, int, int, str]], disjunction: bool) -> None:
    # The rational-root region of a condition in one symbol is SymPy's as_set (an independent computation).
    x = sympy.Symbol("x")
    make = {"ge": sympy.Ge, "gt": sympy.Gt, "eq": sympy.Eq, "le": sympy.Le}
    relations = [make[kind](a * x**2 + b * x + c, 0) for a, b, c, kind in atoms]
    condition = (sympy.Or if disjunction else sympy.And)(*relations)
    if condition in (sympy.true, sympy.false) or not condition.free_symbols:
        return
    mine = _rational_region(condition, x)
    if mine is None:  # an irrational root: as_set is used
        return
    assert mine == condition.as_set()


def test_pruning_empty_pieces_changes_no_regime(monkeypatch: pytest.MonkeyPatch) -> None:
    # The regimes drop pieces proved empty on the domain while solving (backward_induction(empty=...)); without
    # that test the same regimes come out, with the same conditions (the empty pieces are dropped afterwards).
    import trigame.solve.subgame_perfect as spe

    pruned = {(r.support_label, str(r.condition)) for r in _regimes(0)}
    plain = spe.backward_induction
    monkeypatch.setattr(spe, "backward_induction", lambda tree, **options: plain(tree))
    unpruned = tg.statics.regimes(BayesianLateralPressure(), free=list(FREE))
    assert {(r.support_label, str(r.condition)) for r in unpruned} == pruned


@cache
def _map(instance: int) -> Any:
    return tg.statics.regime_map(_regimes(instance))


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 96), st.integers(1, 200), st.integers(1, 300))
def test_map_labels_agree_with_the_point_solver(q: int, e: int, r: int) -> None:
    # The map's set at a point (off the boundaries, as above) is the point solver's set of equilibria there:
    # its members' probabilities evaluated at the point are exactly the behaviours the exact solver finds.
    point = {"prior_low_cost": F(q, 97), "pressing_cost": F(e, 89), "us_gain": F(r, 83)}
    rmap = _map(0)
    assert all(entry.certain for entry in rmap)  # every set proved nonempty
    label = rmap.labels(**{k: F(v) for k, v in point.items()}).item()
    (entry,) = [entry for entry in rmap if entry.label == label]
    listed = {_profile({key: {a: _value(p, point) for a, p in probs.items()}
                        for key, probs in regime.probabilities.items()}) for regime in entry.regimes}
    expected = {_profile(spe.behavior) for spe in BayesianLateralPressure(**point).equilibria()}
    assert listed == expected


_RELATIONS = (sympy.Ge, sympy.Gt, sympy.Le, sympy.Eq)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2), st.integers(0, 3)),
                min_size=2, max_size=4),
       st.integers(1, 3), st.booleans())
def test_pruning_a_conjunction_from_its_parts_agrees_with_reading_it_whole(
        atoms: list[tuple[int, int, int, int]], split: int, disjunction: bool) -> None:
    # Invariant: "every clause of the conjunction is proved empty" does not depend on whether the conjunction is
    # read whole (space.dnf) or conjoined from its parts' clauses (Pruning.conjunction), parts that may be
    # disjunctions, with or without the parts asked about first.
    from trigame.statics._spe_pruning import Pruning

    space = _regimes(0)._problem.space
    symbols = {s.name: s for s in space.symbols}
    q, e, r = symbols["prior_low_cost"], symbols["pressing_cost"], symbols["us_gain"]
    relations = [_RELATIONS[kind](a * q * r + b * e + c * r, 1 if c else 0) for a, b, c, kind in atoms]
    split = min(split, len(relations) - 1)
    first = (sympy.Or if disjunction else sympy.And)(*relations[:split])
    parts = [first, sympy.And(*relations[split:])]
    whole = sympy.And(*parts)
    if whole in (sympy.true, sympy.false):
        return
    expected = all(space.feasible(c, prove=False) is False for c in space.dnf(whole))
    assert Pruning(space).conjunction(whole, parts) is expected
    asked = Pruning(space)
    for part in parts:
        asked(part)
    assert asked.conjunction(whole, parts) is expected
    assert asked(whole) is expected
