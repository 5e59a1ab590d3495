"""The memo of a regime map's exact point solves and the continua comparison give the plain path's answers.

A regime map solves its tree exactly at every witness; the stage games that recur from point to point are
looked up in a memo (:class:`trigame.solve.subgame_perfect._memo.StageMemo`) instead of solved again.  These
tests solve batches of random exact trees built alike -- a first mover choosing between subgames, each a
simultaneous stage (with a chance move in some), or a chance move first and the first mover choosing without
seeing it (a strategic stage whose leaves are subgames, valued by their continuation payoffs), payoffs drawn
from {0, 1/2, 1, 2} so that ties and continua are common, the same subgame repeated under several branches and
from tree to tree -- once through one shared memo and once plainly, and ask for the same equilibria, payoffs,
flags and notes.  The continua comparison's test of a profile is pinned against subgame perfection checked
directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from typing import Any

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.solve.subgame_perfect import _solve_with_memo as solve_with_memo
from trigame.solve.subgame_perfect import subgame_perfect
from trigame.solve.subgame_perfect._memo import StageMemo
from trigame.statics._continua import tree_continua
from trigame.verify import is_nash

PAYOFF = st.sampled_from([F(0), F(1, 2), F(1), F(2)])  # small: ties and continua; halves: denominators


def _stage(branch: str, payoffs: Sequence[tuple[Any, Any, Any]], chance: Any, blind: bool = False
           ) -> Decision | Chance:
    """Player B then C, C not seeing B's move (a 2x2 simultaneous stage), after a chance move if ``chance``
    (seen by C, and by B unless ``blind``)."""

    def simultaneous(tag: str, cells: Sequence[tuple[Any, Any, Any]]) -> Decision:
        key = f"{branch}{tag}:C"
        return Decision("B", {b: Decision("C", {c: Terminal(cells[2 * i + j]) for j, c in enumerate("lr")},
                                          infoset=key)
                              for i, b in enumerate("UD")}, infoset=f"{branch}{'' if blind else tag}:B")

    if chance is None:
        return simultaneous("", payoffs[:4])
    return Chance({"h": (chance, simultaneous("h", payoffs[:4])), "t": (1 - chance, simultaneous("t", payoffs[4:]))})


def _template(n_branches: int, chance: bool, blind: bool, root: bool = False) -> GameTree:
    """A symbolic tree: A chooses one of ``n_branches`` stages, every payoff (and the chance ``q``) a symbol.

    With ``root``, a chance move (``r``) comes first and A chooses after either outcome without seeing it (one
    information set): the root stage is then A's strategic stage with the subgames below as its leaves.  A
    regime map's point solves substitute numbers into one such tree: the trees share its structure."""
    q = sympy.Symbol("q", positive=True) if chance else None

    def choice(o: str) -> dict[str, Decision | Chance]:
        return {f"a{n}": _stage(f"{o}a{n}", [tuple(sympy.Symbol(f"{p}{o}{n}_{j}") for p in "abc") for j in range(8)],
                                q, blind) for n in range(n_branches)}

    if not root:
        return GameTree(Decision("A", choice("")), players=("A", "B", "C"))
    r = sympy.Symbol("r", positive=True)
    return GameTree(Chance({o: (w, Decision("A", choice(o), infoset="A")) for o, w in [("h", r), ("t", 1 - r)]}),
                    players=("A", "B", "C"))


@st.composite
def batches(draw: Any) -> list[GameTree]:
    """Trees of one shape (substituted into one template) whose stages repeat across branches and trees, the
    chance probabilities and A's own payoffs varying."""
    root = draw(st.booleans())
    n_branches = draw(st.integers(min_value=2, max_value=2 if root else 3))
    chance = not root and draw(st.booleans())  # both chance moves: thousands of combinations, too slow
    template = _template(n_branches, chance, chance and draw(st.booleans()), root)
    pool = draw(st.lists(st.lists(st.tuples(PAYOFF, PAYOFF), min_size=8, max_size=8), min_size=1, max_size=3))
    trees = []
    for _ in range(draw(st.integers(min_value=2, max_value=4))):
        values = {"q": draw(st.sampled_from([F(1, 2), F(1, 3)]))} if chance else {}
        if root:
            values["r"] = draw(st.sampled_from([F(1, 2), F(1, 4)]))
        for o in ("h", "t") if root else ("",):
            for n in range(n_branches):
                cells = pool[draw(st.integers(min_value=0, max_value=len(pool) - 1))]
                mine = draw(st.lists(PAYOFF, min_size=8, max_size=8))  # A's payoffs: not part of the stage game
                for j, (a, (b, c)) in enumerate(zip(mine, cells)):
                    values |= {f"a{o}{n}_{j}": a, f"b{o}{n}_{j}": b, f"c{o}{n}_{j}": c}
        names = {symbol.name for symbol in template.symbols}  # without a chance move, four cells a stage
        trees.append(template.subs({k: v for k, v in values.items() if k in names}))
    return trees


def _summary(result: Any) -> tuple[Any, ...]:
    return ([(eq.behavior, eq.payoffs) for eq in result], result.complete, result.degenerate, result.notes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches())
def test_memoised_point_solves_equal_the_plain_solves(trees: list[GameTree]) -> None:
    memo = StageMemo()
    for tree in trees:
        assert _summary(solve_with_memo(tree, memo)) == _summary(subgame_perfect(tree))
    # every branch's stage game is one of at most 3 (x 2 with chance) drawn per batch: most are looked up
    if len(trees) * (len(trees[0].subgame_roots()) - 1) > 6:
        assert memo.hits > 0


def test_a_stage_game_recurring_under_two_branches_is_solved_once() -> None:
    # Both branches hold the coordination stage of B and C: U/l and D/r pay them (1, 1), U/r and D/l (0, 0);
    # its Nash equilibria are (U, l), (D, r) and both mixing 1/2 (by hand: each indifferent iff the other
    # mixes 1/2).  A's payoffs differ: 2 everywhere after x; 3, 0, 0, 1 (U/l, U/r, D/l, D/r) after y, so y's
    # stage is worth 3, 1 and 3/4 + 1/4 = 1 to A.  The stage game is solved once and looked up once; there
    # are 3 x 3 SPE, in each of which A takes y iff y's stage plays (U, l) (3 > 2; else 1 < 2, no tie).
    cells = [(F(1), F(1)), (F(0), F(0)), (F(0), F(0)), (F(1), F(1))]
    tree = GameTree(Decision("A", {
        "x": _stage("x", [(F(2), b, c) for b, c in cells], None),
        "y": _stage("y", [(F(v), b, c) for v, (b, c) in zip([3, 0, 0, 1], cells)], None)}), players=("A", "B", "C"))
    memo = StageMemo()
    found = solve_with_memo(tree, memo)
    assert (memo.hits, memo.misses) == (1, 1)
    assert _summary(found) == _summary(subgame_perfect(tree))
    assert len(found) == 9 and found.complete and not found.degenerate
    for eq in found:
        u_l = eq.behavior["y:B"]["U"] == 1 and eq.behavior["y:C"]["l"] == 1
        assert eq.behavior["A@root"] == ({"x": 0, "y": 1} if u_l else {"x": 1, "y": 0})
        assert eq.payoffs[0] == (3 if u_l else 2)


def test_the_same_stage_game_behind_other_chance_probabilities_keeps_its_own_values() -> None:
    # After the chance move (h with probability q; C sees it, B does not), B and C get 0 whatever is played:
    # the stage's strategic form (B: U or D; C: a plan for h and t) is all zeros at every q, so it is looked
    # up at the second q.  A gets 4 after h and 0 after t, so the stage is worth 4q to A in every one of its
    # equilibria: 2 at q = 1/2, 4/3 at q = 1/3, against 3/2 for A's other branch (a terminal node).  So A
    # takes the stage at q = 1/2 and the terminal node at q = 1/3 (the reach of h is q's own, not the other).
    payoffs = [(F(4), F(0), F(0))] * 4 + [(F(0), F(0), F(0))] * 4
    q = sympy.Symbol("q", positive=True)
    template = GameTree(Decision("A", {"stage": _stage("s", payoffs, q, blind=True),
                                       "out": Terminal((F(3, 2), F(0), F(0)))}), players=("A", "B", "C"))
    memo = StageMemo()
    for value, choice in [(F(1, 2), "stage"), (F(1, 3), "out")]:
        tree = template.subs(q=value)
        found = solve_with_memo(tree, memo)
        assert _summary(found) == _summary(subgame_perfect(tree))
        assert {max(eq.behavior["A@root"].items(), key=lambda item: item[1])[0] for eq in found} == {choice}
    assert memo.hits == 1


def _weights(n: int) -> st.SearchStrategy[list[int]]:
    """One weight, 0 or 1, for each of ``n`` actions, not all 0: normalised, a pure action, halves or thirds."""
    return st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n).filter(any)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(), st.data())
def test_continua_test_is_subgame_perfection(trees: list[GameTree], data: Any) -> None:
    # The continua's test (proper subgames first, verdicts kept per subgame) says a profile is subgame
    # perfect iff it is a Nash equilibrium of every subgame's strategic form, checked here directly.
    tree = trees[0]
    continua = tree_continua(tree)
    for _ in range(6):
        drawn = [data.draw(_weights(len(a))) for a in continua.actions]
        profile = tuple(tuple(F(w, sum(ws)) for w in ws) for ws in drawn)
        behaviour = {u: dict(zip(a, probs)) for u, a, probs in zip(continua.units, continua.actions, profile)}
        plain = all(is_nash((sub := tree.subgame(path) if path else tree).to_normal_form(),
                            sub.strategy_profile({k: behaviour[k] for k in (i.key for i in sub.information_sets)}))
                    for path in tree.subgame_roots())
        assert continua._test(profile) == plain

