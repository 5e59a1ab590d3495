"""The model layer: Interval, Parameter, the Model base (numbers, arrays, symbols, trees), docs and sources."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import MODELS as MODELS_ALL
from trigame.models import (
    NONNEGATIVE,
    POSITIVE,
    REAL,
    UNIT,
    AllianceSecurityDilemma,
    Interval,
    Model,
    Parameter,
    QuasiAlliance,
    Scenario,
    parameter,
)
from trigame.models.bibliography import ASSUMPTION

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MODELS = (AllianceSecurityDilemma, QuasiAlliance)


# ---------------------------------------------------------------------------- two toy models
@dataclasses.dataclass(frozen=True, kw_only=True)
class Coordination(Model):
    """Two players meet at A or B; meeting at A is worth ``a``, at B worth ``b``."""

    players = ("Row", "Column")
    strategies = (("A", "B"), ("A", "B"))
    title = "coordination"
    scenarios = (Scenario("equal", {"a": 1, "b": 1}, "both meetings are worth 1"),)

    a: float = parameter(default=2, domain=POSITIVE, description="value of meeting at A", source="hand")
    b: float = parameter(default=1, domain=POSITIVE, description="value of meeting at B", source="hand")

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        return {("A", "A"): (v.a, v.a), ("A", "B"): (0, 0), ("B", "A"): (0, 0), ("B", "B"): (v.b, v.b)}


@dataclasses.dataclass(frozen=True, kw_only=True)
class EntryDeterrence(Model):
    """An entrant stays out (0, 2) or enters; the incumbent then fights (-1, -fight_cost) or accommodates (1, 1)."""

    players = ("Entrant", "Incumbent")

    fight_cost: float = parameter(default=2, domain=REAL, description="the incumbent's cost of fighting")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        incumbent = Decision("Incumbent", {"Fight": Terminal((-1, -v.fight_cost)), "Accommodate": Terminal((1, 1))})
        return GameTree(
            Decision("Entrant", {"Out": Terminal((0, 2)), "In": incumbent}), players=("Entrant", "Incumbent")
        )


# ---------------------------------------------------------------------------- Interval
def test_interval_contains_and_prints() -> None:
    assert str(UNIT) == "[0, 1]" and str(POSITIVE) == "(0, inf)" and str(NONNEGATIVE) == "[0, inf)"
    assert str(REAL) == "(-inf, inf)" and str(Interval(Fraction(1, 2), 2, upper_open=True)) == "[1/2, 2)"
    assert UNIT.contains(0) and UNIT.contains(1) and not UNIT.contains(1.0001) and not UNIT.contains(-1)
    assert not POSITIVE.contains(0) and POSITIVE.contains(Fraction(1, 10**9))
    assert REAL.contains(-1e300)
    np.testing.assert_array_equal(UNIT.contains(np.array([-0.5, 0, 0.5, 1, 1.5])), [False, True, True, True, False])
    objects = np.array([Fraction(1, 2), Fraction(3, 2)], dtype=object)
    np.testing.assert_array_equal(UNIT.contains(objects), [True, False])


def test_interval_sympy() -> None:
    assert UNIT.assumptions() == {"real": True, "nonnegative": True}
    assert POSITIVE.assumptions()["positive"] is True
    assert REAL.assumptions() == {"real": True}
    assert Interval(None, 0).assumptions()["nonpositive"] is True
    assert Interval(None, 0, upper_open=True).assumptions()["negative"] is True
    x = sympy.Symbol("x", real=True)
    assert UNIT.relational(x).subs(x, sympy.Rational(1, 2)) is sympy.true
    assert UNIT.relational(x).subs(x, 2) is sympy.false
    assert POSITIVE.relational(x).subs(x, 0) is sympy.false
    assert REAL.relational(x) is sympy.true


def test_interval_rejects_bad_bounds() -> None:
    for bad in [{"lower": 2, "upper": 1}, {"lower": "0"}, {"upper": float("inf")}, {"lower": True}]:
        with pytest.raises(tg.ParameterError):
            Interval(**bad)


# ---------------------------------------------------------------------------- Parameter
def test_parameter_validate_accepts_numbers() -> None:
    p = Parameter("x", "a number", 0, UNIT, "hand")
    assert p.validate(1) == 1 and isinstance(p.validate(np.int64(1)), int)
    assert p.validate(Fraction(1, 3)) == Fraction(1, 3)
    assert p.validate(Decimal("0.25")) == Fraction(1, 4)
    assert p.validate(sympy.Rational(1, 5)) == Fraction(1, 5)
    assert isinstance(p.validate(np.float32(0.5)), float)
    assert p.validate(np.array(0.5)) == 0.5
    assert p.symbol() == sympy.Symbol("x", real=True, nonnegative=True)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (2, "[0, 1]"),
        (-Fraction(1, 2), "[0, 1]"),
        ("0.5", "string"),
        (b"1", "string"),
        (True, "boolean"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (Decimal("NaN"), "finite"),
        (sympy.Symbol("y"), "symbolic_game"),
        (sympy.sqrt(2), "symbolic_game"),
        ([0.5], "payoff_tensor"),
        (np.array([0.5, 0.6]), "payoff_tensor"),
        (None, "int, float"),
        (1j, "int, float"),
    ],
)
def test_parameter_validate_rejects(value: Any, fragment: str) -> None:
    p = Parameter("x", "a number", 0, UNIT)
    with pytest.raises(tg.ParameterError) as info:
        p.validate(value)
    assert fragment in str(info.value)


def test_parameter_validate_array() -> None:
    p = Parameter("x", "a number", 0, UNIT)
    np.testing.assert_array_equal(p.validate_array([0, 0.5, 1]), [0, 0.5, 1])
    assert p.validate_array([Fraction(1, 2)]).dtype == object
    for bad, fragment in [
        ([0.5, 2.0], "entry (1,)"),
        ([[0.5], [np.nan]], "finite"),
        (["a", "b"], "dtype"),
        ([True, False], "dtype"),
        ([[0, 1], [0]], "rectangular"),
        ([Fraction(1, 2), "x"], "string"),
        ("0.5", "string"),
        ([1 + 0j], "dtype"),
    ]:
        with pytest.raises(tg.ParameterError) as info:
            p.validate_array(bad)
        assert fragment in str(info.value)


# ---------------------------------------------------------------------------- the Model base
def test_parameters_and_values() -> None:
    params = Coordination.parameters()
    assert [p.name for p in params] == ["a", "b"]
    assert params[0] == Parameter("a", "value of meeting at A", 2, POSITIVE, "hand")
    assert Coordination.values() == {"a": 2, "b": 1}
    assert Coordination(a=5).values() == {"a": 5, "b": 1}


@pytest.mark.parametrize(
    ("a", "kind"),
    [(3, "exact"), (Fraction(7, 2), "exact"), (2.5, "float"), (np.float64(2.5), "float"), (Decimal("2.5"), "exact")],
)
def test_game_kind_follows_the_values(a: Any, kind: str) -> None:
    g = Coordination(a=a).game()
    assert g.kind == kind
    assert g.players == ("Row", "Column") and g.strategies == (("A", "B"), ("A", "B")) and g.title == "coordination"
    assert float(g.payoffs[0, 0, 0]) == float(a) and float(g.payoffs[1, 1, 1]) == 1


@given(
    st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=100),
    st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=100),
)
def test_toy_equilibria_by_hand(a: Fraction, b: Fraction) -> None:
    # Pure coordination: (A, A), (B, B), and the mix making the other indifferent: p a = (1 - p) b -> p = b/(a + b).
    eqs = Coordination(a=a, b=b).equilibria()
    probs = {(Fraction(e.strategies[0][0]), Fraction(e.strategies[1][0])) for e in eqs}
    assert probs == {(1, 1), (0, 0), (b / (a + b), b / (a + b))}


def test_instances_are_frozen_hashable_values() -> None:
    m = Coordination(a=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.a = 4  # type: ignore[misc]
    assert m == Coordination(a=3) and hash(m) == hash(Coordination(a=3)) and m != Coordination(a=4)
    assert m.replace(b=5) == Coordination(a=3, b=5) and m.b == 1
    with pytest.raises(tg.ParameterError, match="a, b"):
        m.replace(c=1)
    with pytest.raises(tg.ParameterError, match=r"\(0, inf\)"):
        m.replace(b=0)


def test_constructor_errors_are_trigame_errors() -> None:
    with pytest.raises(tg.ParameterError, match="has no parameter 'c'; its parameters are: a, b"):
        Coordination(c=1)
    with pytest.raises(tg.ParameterError, match="by name"):
        Coordination(1, 2)  # type: ignore[misc]


def test_presets() -> None:
    assert Coordination.presets() == {"equal": Coordination(a=1, b=1)}
    assert EntryDeterrence.presets() == {}


def test_symbolic_game_and_fixed_values() -> None:
    a, b = (p.symbol() for p in Coordination.parameters())
    assert a.is_positive and b.is_positive
    g = Coordination.symbolic_game()
    assert g.kind == "symbolic" and g.payoffs[0, 0, 0] == a and g.payoffs[1, 1, 1] == b and g.payoffs[0, 0, 1] == 0
    fixed = Coordination.symbolic_game(a=Fraction(1, 2))
    assert fixed.payoffs[0, 0, 0] == sympy.Rational(1, 2) and fixed.symbols == (b,)
    assert Coordination.symbolic_game(a=1, b=2).kind == "exact"
    with pytest.raises(tg.ParameterError):
        Coordination.symbolic_game(a=-1)
    with pytest.raises(tg.ParameterError, match="a, b"):
        Coordination.symbolic_game(z=1)


def test_payoff_tensor_shapes_and_instance_values() -> None:
    assert Coordination.payoff_tensor().shape == (2, 2, 2)
    t = Coordination.payoff_tensor(a=np.arange(1, 4)[:, None], b=np.arange(1, 6)[None, :])
    assert t.shape == (3, 5, 2, 2, 2)
    assert t.dtype.kind == "i"
    np.testing.assert_array_equal(t[:, 2, 0, 0, 0], [1, 2, 3])
    np.testing.assert_array_equal(t[1, :, 1, 1, 1], [1, 2, 3, 4, 5])
    # On an instance the other parameters keep the instance's values.
    t = Coordination(b=Fraction(7)).payoff_tensor(a=[1.5, 2.5])
    assert t.dtype == np.float64
    assert Coordination(b=Fraction(7)).payoff_tensor(a=[1, 2]).dtype == object
    np.testing.assert_array_equal(t[:, 0, 1, 1], [7, 7])


def test_payoff_tensor_errors() -> None:
    with pytest.raises(tg.ParameterError, match=r"a: \(3,\), b: \(2,\)"):
        Coordination.payoff_tensor(a=[1, 2, 3], b=[1, 2])
    with pytest.raises(tg.ParameterError, match=r"\(0, inf\)"):
        Coordination.payoff_tensor(a=[1, 0])
    with pytest.raises(tg.ParameterError, match="its parameters are: a, b"):
        Coordination.payoff_tensor(x=[1])
    with pytest.raises(tg.ParameterError, match="dtype"):
        EntryDeterrence.payoff_tensor(fight_cost=["high", "low"])


def test_payoff_tensor_of_a_sequential_model() -> None:
    # The tree's strategic form: Entrant (Out, In) x Incumbent (Fight, Accommodate); Out gives (0, 2) whatever
    # the incumbent plans, (In, Fight) gives (-1, -fight_cost), (In, Accommodate) gives (1, 1).
    t = EntryDeterrence.payoff_tensor(fight_cost=[1, 2, 3])
    assert t.shape == (3, 2, 2, 2) and t.dtype.kind == "i"
    np.testing.assert_array_equal(t[:, 1, 1, 0], [-1, -2, -3])
    np.testing.assert_array_equal(t[:, 0, 1, 0], [-1, -1, -1])
    np.testing.assert_array_equal(t[:, :, 0, :], np.broadcast_to([[0, 0], [2, 2]], (3, 2, 2)))
    assert EntryDeterrence.payoff_tensor(fight_cost=[0.5]).dtype == np.float64
    assert EntryDeterrence.payoff_tensor(fight_cost=[Fraction(1, 2)])[0, 1, 1, 0] == Fraction(-1, 2)


def test_sequential_model_hook() -> None:
    # Fighting costs the incumbent 2 > -1 = cost of accommodating: by backward induction it accommodates,
    # so the entrant enters (payoff 1 > 0).  The strategic form also has (Out, Fight) as a Nash equilibrium
    # (the incumbent fights with probability >= 1/2: entrant's 0 >= -q + (1 - q)).
    m = EntryDeterrence()
    assert isinstance(m.game(), GameTree)
    spes = m.equilibria()
    assert len(spes) == 1 and spes[0].label() == "Entrant@root: In; Incumbent@In: Accommodate"
    nash = m.equilibria(nash=True)
    assert sorted(e.label() for e in nash if e.is_pure) == [
        "Entrant: In, Incumbent: Accommodate",
        "Entrant: Out, Incumbent: Fight",
    ]
    # A fight that pays (negative cost 2 -> payoff 2 > 1) is credible: the entrant stays out.
    assert EntryDeterrence(fight_cost=-2).equilibria()[0].label() == "Entrant@root: Out; Incumbent@In: Fight"
    assert isinstance(EntryDeterrence.symbolic_game(), GameTree)
    assert "fight_cost" in EntryDeterrence.describe()


def test_describe_toy() -> None:
    text = Coordination(a=5).describe()
    assert text.startswith("Coordination: Two players meet at A or B")
    assert "(a, a)" in text and "(5, 5)" in text and "(0, inf)" in text and "value of meeting at A" in text
    assert "equal: a=1, b=1" in text


# ---------------------------------------------------------------------------- the shipped models' documentation
@pytest.mark.parametrize("model", MODELS)
def test_docstrings_name_every_parameter_and_regime(model: type[Model]) -> None:
    doc = model.__doc__ or ""
    for p in model.parameters():
        assert p.name.rsplit("_", 1)[0] in doc, p.name
        assert p.description and p.source and p.domain.contains(p.default)
    assert "Regimes" in doc and "References" in doc and "Examples" in doc
    for name in model.presets():
        assert name.split(" (")[0] in doc or name in model.describe()


@pytest.mark.parametrize("model", MODELS)
def test_describe_lists_table_parameters_and_scenarios(model: type[Model]) -> None:
    text = model.describe()
    for p in model.parameters():
        assert p.name in text and str(p.domain) in text and p.source in text
    for name in model.presets():
        assert name in text
    for label in model.strategies[0]:
        assert label in text


@pytest.mark.parametrize("model", MODELS)
def test_essay_quotes_are_verbatim(model: type[Model]) -> None:
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    cited = 0
    for p in model.parameters():
        quotes = [(c.essay.file, c.quote) for c in p.citations]
        for file, quote in quotes + re.findall(r'(\d{3}_[0-9a-f]{16}\.txt): "([^"]+)"', p.source):
            essay = " ".join((SEEDS / file).read_text(encoding="utf-8").split())
            assert " ".join(quote.split()) in essay, (p.name, file, quote)
            cited += 1
        cited += p.source.startswith(ASSUMPTION)  # a parameter that says it has no essay anchor
    assert cited >= len(model.parameters())


@pytest.mark.parametrize("model", MODELS)
def test_default_instance_round_trip(model: type[Model]) -> None:
    m = model()
    assert model(**m.values()) == m
    assert m.game().kind == "exact"
    assert m.game().payoffs.tolist() == model.symbolic_game().subs(m.values()).payoffs.tolist()


# ---------------------------------------------------------------------------- the parameters, built once per class
@pytest.mark.parametrize("cls", [*MODELS_ALL.values(), Coordination, EntryDeterrence], ids=lambda c: c.__name__)
def test_parameters_kept_per_class_equal_a_fresh_build(cls: type[Model]) -> None:
    from trigame.models.base import _build_parameters

    first = cls.parameters()
    assert first == _build_parameters(cls)  # the kept tuple is what a fresh build gives
    assert cls.parameters() is first
    assert tuple(p.name for p in first) == cls.parameter_names()


def test_a_subclass_adding_a_parameter_has_its_own_parameters() -> None:
    # Coordination has (a, b); a subclass that declares c must list (a, b, c), and the parent keeps (a, b),
    # whichever is asked first.
    assert Coordination.parameter_names() == ("a", "b")

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Coordination3(Coordination):
        c: float = parameter(default=1, domain=POSITIVE, description="a third value", source="hand")

    assert Coordination3.parameter_names() == ("a", "b", "c")
    assert Coordination.parameter_names() == ("a", "b")
    assert Coordination3(c=2).values()["c"] == 2
