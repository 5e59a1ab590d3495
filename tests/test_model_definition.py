"""Mistakes in a user's model definition give clear errors; conditions on parameters have helpers.

* A plain numeric dataclass field is a forgotten ``parameter(...)``: the class definition says how to
  declare it (plain bool/str/tuple fields and :func:`option` fields stay options).
* A subclass not decorated with ``@dataclass`` says so at first use.
* A payoff table that misses a profile names it.
* ``if``/``max()`` on a parameter cannot take arrays or symbols: a clear error that names the helpers
  :func:`where`, :func:`maximum`, :func:`minimum`, which work on numbers, NumPy arrays and SymPy symbols.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
import pytest
import sympy

import trigame as tg
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import REAL, UNIT, Model, QuasiAlliance, maximum, minimum, option, parameter, where

STRATEGIES = (("x", "y"), ("x", "y"))


def table(a: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
    return {("x", "x"): (a, 1), ("x", "y"): (a, 0), ("y", "x"): (0, 0), ("y", "y"): (0, 1)}


# ---------------------------------------------------------------------------- plain fields
def test_a_plain_numeric_field_is_rejected_at_class_definition_naming_the_field() -> None:
    with pytest.raises(tg.ParameterError, match=r"Deterrence\.threat = 0\.5 is a plain dataclass field.*"
                                                r"threat: float = parameter\(default=0\.5"):
        @dataclass(frozen=True, kw_only=True)
        class Deterrence(Model):
            players = ("Ann", "Bob")
            strategies = STRATEGIES
            gain: float = parameter(default=1, domain=REAL, description="a gain")
            threat: float = 0.5

            @staticmethod
            def payoffs(v: Any) -> Any:
                return table(v.gain * v.threat)


def test_a_plain_numeric_field_without_default_is_rejected_too() -> None:
    with pytest.raises(tg.ParameterError, match=r"Costly\.cost is a plain dataclass field.*parameter"):
        @dataclass(frozen=True, kw_only=True)
        class Costly(Model):
            players = ("Ann", "Bob")
            strategies = STRATEGIES
            cost: float

            @staticmethod
            def payoffs(v: Any) -> Any:
                return table(v.cost)


@dataclass(frozen=True, kw_only=True)
class Rounds(Model):
    """Options declared the two allowed ways; a constant as a ClassVar."""

    players = ("Ann", "Bob")
    strategies = STRATEGIES
    scale: ClassVar[float] = 2
    gain: float = parameter(default=1, domain=REAL, description="a gain")
    rounds: int = option(default=3, description="rounds of talks")
    label: str = "talks"
    reversed_: bool = False

    @staticmethod
    def payoffs(v: Any) -> Any:
        return table(v.gain * v.rounds * Rounds.scale * (-1 if v.reversed_ else 1))


def test_options_declared_with_option_or_non_numeric_defaults_are_options() -> None:
    assert Rounds.parameter_names() == ("gain",)
    assert Rounds.option_names() == ("rounds", "label", "reversed_")
    # gain * rounds * scale = 1 * 3 * 2 = 6 at (x, x); with rounds=1, 2.
    assert Rounds().game().payoffs[0, 0, 0] == 6
    assert Rounds(rounds=1).game().payoffs[0, 0, 0] == 2
    assert Rounds.symbolic_game(rounds=1).payoffs[0, 0, 0] == 2 * sympy.Symbol("gain", real=True)


def test_the_shipped_models_define_without_error() -> None:
    # Their options: ChinaReaction.simultaneous (a bool), AllianceSecurityDilemma.players (names).
    from trigame.models import MODELS

    for model in MODELS.values():
        model().game()
    assert "simultaneous" in MODELS["ChinaReaction"].option_names()


# ---------------------------------------------------------------------------- forgotten @dataclass
def test_a_model_without_dataclass_says_to_decorate_it() -> None:
    class Forgotten(Model):
        players = ("Ann", "Bob")
        strategies = STRATEGIES
        threat: float = parameter(default=1, domain=REAL, description="a threat")

        @staticmethod
        def payoffs(v: Any) -> Any:
            return table(v.threat)

    message = r"Forgotten is not a dataclass.*threat.*@dataclass\(frozen=True, kw_only=True\)"
    with pytest.raises(tg.ParameterError, match=message):
        Forgotten(threat=2)
    with pytest.raises(tg.ParameterError, match=message):
        Forgotten.parameters()
    with pytest.raises(tg.ParameterError, match=message):
        tg.statics.sweep(Forgotten, {"threat": [0, 1]})


def test_a_subclass_that_only_overrides_payoffs_needs_no_decorator() -> None:
    class Mirrored(QuasiAlliance):
        @staticmethod
        def payoffs(v: Any) -> Any:
            return QuasiAlliance.payoffs(v)

    assert Mirrored.parameter_names() == QuasiAlliance.parameter_names()
    assert len(Mirrored().equilibria()) == len(QuasiAlliance().equilibria())


# ---------------------------------------------------------------------------- payoff tables
@dataclass(frozen=True, kw_only=True)
class Gappy(Model):
    players = ("Ann", "Bob")
    strategies = STRATEGIES
    gain: float = parameter(default=1, domain=REAL, description="a gain")

    @staticmethod
    def payoffs(v: Any) -> Any:
        return {("x", "x"): (v.gain, 1), ("x", "y"): (0, 0), ("y", "x"): (0, 0), ("y", "z"): (1, 1)}


def test_a_payoff_table_that_misses_a_profile_names_it() -> None:
    for build in (lambda: Gappy().game(), Gappy.symbolic_game, lambda: Gappy.payoff_tensor(gain=[0, 1])):
        with pytest.raises(tg.TrigameError, match=r"misses the profile\(s\) \('y', 'y'\).*\('y', 'z'\)"):
            build()


# ---------------------------------------------------------------------------- conditions on parameters
def test_where_maximum_minimum_on_numbers_keep_exact_values() -> None:
    assert where(Fraction(1, 3) > 0, Fraction(1, 2), 0) == Fraction(1, 2)
    assert type(where(Fraction(1, 3) > 0, Fraction(1, 2), 0)) is Fraction
    assert where(-1.5 > 0, 1, -1.0) == -1.0
    assert maximum(Fraction(1, 3), Fraction(1, 4)) == Fraction(1, 3)
    assert minimum(2, 2.5) == 2


def test_where_maximum_minimum_on_arrays_are_elementwise() -> None:
    x = np.array([-1.0, 0.0, 2.0])
    assert where(x > 0, x, -1).tolist() == [-1.0, -1.0, 2.0]
    assert maximum(x, 0.5).tolist() == [0.5, 0.5, 2.0]
    assert minimum(x, 0.5).tolist() == [-1.0, 0.0, 0.5]


def test_where_maximum_minimum_on_symbols_are_piecewise() -> None:
    g = sympy.Symbol("g", real=True)
    expr = where(g > 0, g, -1)
    assert isinstance(expr, sympy.Piecewise)
    assert expr.subs(g, 2) == 2 and expr.subs(g, -3) == -1
    assert where(g > 0, Fraction(1, 2), 0).subs(g, 1) == sympy.Rational(1, 2)
    assert maximum(g, 0) == sympy.Max(g, 0) and minimum(g, 0) == sympy.Min(g, 0)


@dataclass(frozen=True, kw_only=True)
class Branching(Model):
    """Ann's payoff from x is the bonus when positive, else -1 (written with an ``if``)."""

    players = ("Ann", "Bob")
    strategies = STRATEGIES
    bonus: float = parameter(default=1, domain=REAL, description="Ann's bonus from x")

    @staticmethod
    def payoffs(v: Any) -> Any:
        return table(v.bonus if v.bonus > 0 else -1)


@dataclass(frozen=True, kw_only=True)
class Guarded(Model):
    """The same game written with :func:`where`."""

    players = ("Ann", "Bob")
    strategies = STRATEGIES
    bonus: float = parameter(default=1, domain=REAL, description="Ann's bonus from x")

    @staticmethod
    def payoffs(v: Any) -> Any:
        return table(where(v.bonus > 0, v.bonus, -1))


def test_an_if_on_a_parameter_gives_a_clear_error_on_arrays_and_symbols() -> None:
    assert Branching(bonus=2).game().payoffs[0, 0, 0] == 2  # numbers are fine
    with pytest.raises(tg.UnsupportedGameError, match=r"Branching\.payoffs\(v\) cannot be evaluated on NumPy "
                                                      r"arrays.*trigame\.models\.where"):
        Branching.payoff_tensor(bonus=[1, 2])
    with pytest.raises(tg.UnsupportedGameError, match=r"SymPy symbols.*where.*tg\.statics\.sweep"):
        Branching.symbolic_game()


def test_a_model_written_with_where_works_on_numbers_arrays_and_symbols() -> None:
    # Ann's (x, x) payoff: the bonus if positive, else -1.
    assert Guarded(bonus=Fraction(1, 2)).game().payoffs[0, 0, 0] == Fraction(1, 2)
    assert Guarded(bonus=-3).game().payoffs[0, 0, 0] == -1
    assert Guarded.payoff_tensor(bonus=[-3.0, 0.5])[:, 0, 0, 0].tolist() == [-1.0, 0.5]
    b = sympy.Symbol("bonus", real=True)
    assert Guarded.symbolic_game().payoffs[0, 0, 0] == sympy.Piecewise((b, b > 0), (-1, True))


@dataclass(frozen=True, kw_only=True)
class Capped(Model):
    """A one-player tree: x pays the gain if above 1 (else 1), y pays min(gain, 2)."""

    players = ("Ann",)
    gain: float = parameter(default=1, domain=REAL, description="a gain")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        return GameTree(Decision("Ann", {"x": Terminal((where(v.gain > 1, v.gain, 1),)),
                                         "y": Terminal((minimum(v.gain, 2),))}), players=("Ann",))


def test_a_sequential_model_with_where_has_a_payoff_tensor() -> None:
    # gain 0: x = 1, y = 0; gain 3/2: x = y = 3/2; gain 3: x = 3, y = 2.
    tensor = Capped.payoff_tensor(gain=[0.0, 1.5, 3.0])
    assert tensor[:, 0].tolist() == [[1.0, 0.0], [1.5, 1.5], [3.0, 2.0]]
    exact = Capped.payoff_tensor(gain=[Fraction(1, 2), 3])
    assert exact[:, 0].tolist() == [[1, Fraction(1, 2)], [3, 2]]


def test_unit_domain_parameter_declared_right_stays_a_parameter() -> None:
    @dataclass(frozen=True, kw_only=True)
    class Probable(Model):
        players = ("Ann", "Bob")
        strategies = STRATEGIES
        p: float = parameter(default=Fraction(1, 2), domain=UNIT, description="a probability")

        @staticmethod
        def payoffs(v: Any) -> Any:
            return table(v.p)

    assert Probable.parameter_names() == ("p",) and Probable.option_names() == ()


@dataclass(frozen=True, kw_only=True)
class Named(Model):
    """A one-player tree whose action names are an option."""

    players = ("Ann",)
    gain: float = parameter(default=1, domain=REAL, description="a gain")
    moves: tuple[str, str] = ("go", "stop")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        go, stop = v.moves
        return GameTree(Decision("Ann", {go: Terminal((v.gain,)), stop: Terminal((0,))}), players=("Ann",))


def test_the_cached_strategic_form_of_a_tree_keys_on_the_options_even_unhashable_ones() -> None:
    # Ann's two pure strategies pay gain and 0; their labels come from the option.
    default = Named.payoff_tensor(gain=[1, 2])
    assert default[:, 0].tolist() == [[1, 0], [2, 0]]
    renamed = Named(moves=["leave", "remain"])  # a list: not hashable
    assert renamed.payoff_tensor(gain=[3])[:, 0].tolist() == [[3, 0]]
    assert renamed.game().information_sets[0].actions == ("leave", "remain")
