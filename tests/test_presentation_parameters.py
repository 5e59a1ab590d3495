"""Parameters carry presentation: a display name and a math symbol (LaTeX and plain Unicode) on every parameter."""

from __future__ import annotations

import re

import pytest

from trigame.errors import ParameterError, TrigameError
from trigame.models import MODELS
from trigame.models.parameters import (
    NONNEGATIVE,
    UNIT,
    Parameter,
    default_label,
    default_latex,
    latex_to_unicode,
    parameter,
)

ALL_PARAMETERS = [(name, p) for name, cls in MODELS.items() for p in cls.parameters()]


@pytest.mark.parametrize(("model", "p"), ALL_PARAMETERS, ids=[f"{m}.{p.name}" for m, p in ALL_PARAMETERS])
def test_every_model_parameter_has_a_display_name_and_a_symbol(model, p):
    # A display name is words, not the snake_case field name; the symbol is short math, not the name.
    assert p.label and "_" not in p.label and p.label != p.name
    assert p.label[0].isupper()
    assert p.latex and r"\mathit" not in p.latex, f"{model}.{p.name} has no declared symbol"
    assert len(p.unicode) <= 6 and "\\" not in p.unicode and "{" not in p.unicode


@pytest.mark.parametrize("cls", list(MODELS.values()), ids=list(MODELS))
def test_symbols_are_distinct_within_a_model(cls):
    symbols = [p.latex for p in cls.parameters()]
    assert len(set(symbols)) == len(symbols)
    labels = [p.label for p in cls.parameters()]
    assert len(set(labels)) == len(labels)


def test_the_issue_example_symbols():
    # Issue 18 writes the QuasiAlliance condition as h_K <= 3·f_K.
    quasi = {p.name: p for p in MODELS["QuasiAlliance"].parameters()}
    assert (quasi["domestic_cost_rok"].unicode, quasi["fear_rok"].unicode) == ("h_K", "f_K")
    assert quasi["domestic_cost_rok"].label == "ROK domestic cost"
    assert quasi["security_value"].unicode == "β"


def test_derived_presentation_when_absent():
    p = Parameter("domestic_cost_rok", "cost", 2, NONNEGATIVE)
    assert p.label == "ROK domestic cost"
    assert p.latex == r"\mathit{domestic\_cost\_rok}"
    assert p.unicode == "domestic_cost_rok"
    assert Parameter("delta", "discount", 0, UNIT).unicode == "δ"
    assert Parameter("x", "a number", 0, UNIT).label == "x"
    assert default_latex("c_us") == r"c_{\mathrm{us}}"
    assert default_latex("x_1") == "x_{1}"
    assert default_label("us_gain") == "US gain"


@pytest.mark.parametrize(("latex", "text"), [
    (r"h_{K}", "h_K"), (r"\beta", "β"), (r"\delta_{\mathrm{US}}", "δ_US"), (r"\hat{p}", "p\u0302"),
    (r"\bar x", "x\u0304"), (r"c_{\mathrm{rok}}", "c_rok"), (r"\mathit{prior\_tough}", "prior_tough"),
])
def test_latex_to_unicode(latex, text):
    assert latex_to_unicode(latex) == text


def test_declared_presentation_reaches_the_model():
    import dataclasses

    from trigame.models.base import Model

    @dataclasses.dataclass(frozen=True)
    class Meeting(Model):
        players = ("A", "B")
        strategies = (("X", "Y"), ("X", "Y"))
        gain: float = parameter(default=1, domain=NONNEGATIVE, description="gain", label="Gain from meeting",
                                latex=r"\gamma_{1}")

        @staticmethod
        def payoffs(v):
            return {("X", "X"): (v.gain, v.gain), ("X", "Y"): (0, 0), ("Y", "X"): (0, 0), ("Y", "Y"): (1, 1)}

    (p,) = Meeting.parameters()
    assert (p.label, p.latex, p.unicode) == ("Gain from meeting", r"\gamma_{1}", "γ_1")


@pytest.mark.parametrize("bad", [
    {"label": 3}, {"latex": "x$"}, {"latex": "x}{"}, {"latex": "x%y"}, {"label": "two\nlines"},
    {"latex": "{"}, {"unicode": b"h"}, {"label": "x" * 500},
])
def test_bad_presentation_is_refused(bad):
    with pytest.raises(ParameterError):
        parameter(default=0, domain=UNIT, description="d", **bad)
    with pytest.raises(TrigameError):
        Parameter("x", "d", 0, UNIT, **bad)


def test_a_latex_string_is_never_evaluated():
    # Display text is only ever placed into output; a payload stays text.
    payload = "__import__('os').system('echo hacked')"
    p = Parameter("x", "d", 0, UNIT, label=payload)
    assert p.label == payload
    assert re.fullmatch(r"x", p.unicode)
