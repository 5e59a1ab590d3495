"""Regime-map sets whose every point is irrational are proved nonempty by the complete decision procedure.

A cell of a map whose equations have only irrational solutions (x**2 = 2) has no rational witness, so the
exact point solver cannot be run there; nlsat still decides that the cell is nonempty, and the set counts as
proved (``certain``) without a witness.  A set that lies only on such cells used to be reported unproved.
"""

from __future__ import annotations

import sympy

from trigame.games.tree import Decision, GameTree, Terminal
from trigame.statics import regime_map


def test_a_tie_at_an_irrational_threshold_is_proved() -> None:
    # P gets x**2 from a and 2 from b: a iff x**2 >= 2, b iff x**2 <= 2; both where x**2 = 2, i.e. x = +-sqrt(2),
    # where no rational point lies.  The sets {a} and {b} have rational witnesses; {a, b} has none.
    x = sympy.Symbol("x")
    rmap = regime_map(GameTree(Decision("P", {"a": Terminal((x**2,)), "b": Terminal((2,))})))
    tie = next(e for e in rmap if e.label == "P@root: a | P@root: b")
    assert tie.witness is None and tie.certain
    # no rational point to solve at: whether the game has a continuum there is not decided, and says so
    assert tie.continuum is None and all(e.continuum is not None for e in rmap if e is not tie)
    assert all(e.certain and e.witness is not None for e in rmap if e is not tie)


def test_a_set_on_an_irrational_curve_in_two_parameters_is_proved() -> None:
    # P gets x*y from a and 2 from b, Q (after a) gets x from c and y from d.  {a with c and d tied} holds where
    # x = y and x*y >= 2: on x = y >= sqrt(2), rational points (x = y = 2).  {a, b} with Q tied: x = y and x*y = 2,
    # i.e. x = y = sqrt(2) on positive parameters: no rational point, proved nonempty by nlsat.
    x, y = sympy.symbols("x y", positive=True)
    tree = GameTree(Decision("P", {"a": Decision("Q", {"c": Terminal((x * y, x)), "d": Terminal((x * y, y))}),
                                   "b": Terminal((2, 0))}))
    rmap = regime_map(tree)
    unwitnessed = [e for e in rmap if e.witness is None]
    assert unwitnessed and all(e.certain for e in rmap)
    for entry in unwitnessed:  # every relation of the set's condition holds at x = y = sqrt(2)
        root = sympy.sqrt(2)
        assert entry.condition.xreplace({x: root, y: root}) == sympy.true
        assert entry.condition.xreplace({x: sympy.Rational(3, 2), y: sympy.Rational(3, 2)}) is sympy.false
