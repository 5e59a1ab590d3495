"""``tg.equilibria`` reaches the solver of each game class that has one, with the same answer as calling it."""

from __future__ import annotations

from fractions import Fraction

import pytest

import trigame as tg
from trigame.errors import MethodError


def test_rubinstein_through_equilibria() -> None:
    # Rubinstein (1982): with discount factors d1 = d2 = 9/10 the first proposer gets (1 - d2)/(1 - d1 d2) = 10/19.
    game = tg.AlternatingOffers((Fraction(9, 10), Fraction(9, 10)))
    (spe,) = tg.equilibria(game)
    assert spe.shares["A"] == Fraction(10, 19)
    assert spe.shares == tg.bargaining_equilibria(game)[0].shares


def test_stackelberg_through_equilibria() -> None:
    # Linear demand 12 - Q, no cost: the follower answers (12 - qL)/2; the leader maximises qL (12 - qL)/2,
    # so qL = 6 and qF = 3 (Gibbons 1992, section 2.1.B, with a = 12, c = 0).
    cournot = tg.ContinuousGame(("L", "F"), {"L": (0, 12), "F": (0, 12)},
                                lambda q: (q["L"] * (12 - q["L"] - q["F"]), q["F"] * (12 - q["L"] - q["F"])))
    game = tg.SequentialContinuousGame(cournot, order=(("L",), ("F",)))
    (eq,) = tg.equilibria(game)
    assert eq.strategies["L"] == 6 and eq.strategies["F"] == 3
    assert eq.label() == tg.sequential_equilibria(game)[0].label() == "L: 6, F: 3"


def test_methods_do_not_apply_to_closed_forms() -> None:
    with pytest.raises(MethodError):
        tg.equilibria(tg.UltimatumGame(), method="support")
