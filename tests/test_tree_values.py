"""Game trees as values: the number kind found once per payoff, value equality and hashing, pickled results."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
import trigame._numbers as numbers
from trigame.errors import TreeError
from trigame.games.tree import Chance, Decision, GameTree, Terminal

F = Fraction
P = sp.Symbol("p")
C = sp.Symbol("c")
PLAYERS = ("A", "B")

#: payoffs of every kind the nodes accept
PAYOFFS = st.one_of(
    st.integers(-3, 3),
    st.fractions(min_value=-3, max_value=3, max_denominator=5),
    st.floats(-3, 3, allow_nan=False),
    st.integers(-3, 3).map(np.int64),
    st.floats(-3, 3, allow_nan=False).map(np.float64),
    st.integers(-3, 3).map(lambda k: Decimal(k) / 4),
    st.integers(-3, 3).map(lambda k: sp.Rational(k, 2)),
    st.integers(-3, 3).map(lambda k: sp.Float(k) / 4),
    st.integers(-3, 3).map(lambda k: k * C + 1),
)
#: chance probabilities of every kind, each pair summing to one
PROBABILITIES = st.sampled_from([(F(1, 3), F(2, 3)), (1, 0), (0.25, 0.75), (sp.Rational(1, 2), sp.Rational(1, 2)),
                                 (P, 1 - P), (Decimal("0.5"), Decimal("0.5"))])


@st.composite
def raw_trees(draw: Any, depth: int = 3) -> tuple[Any, list[Any], list[Any]]:
    """A root node, and the payoffs and probabilities it was built from (as given)."""
    payoffs: list[Any] = []
    probabilities: list[Any] = []

    def node(level: int) -> Any:
        kind = "terminal" if level >= depth else draw(st.sampled_from(["terminal", "decision", "chance"]))
        if kind == "terminal":
            values = tuple(draw(PAYOFFS) for _ in PLAYERS)
            payoffs.extend(values)
            return Terminal(values)
        if kind == "decision":
            return Decision(draw(st.sampled_from(PLAYERS)), {f"a{j}": node(level + 1) for j in range(2)})
        pair = draw(PROBABILITIES)
        probabilities.extend(pair)
        return Chance({f"n{j}": (q, node(level + 1)) for j, q in enumerate(pair)})

    root = node(0)
    return root, payoffs, probabilities


def _old_kind(payoffs: list[Any], probabilities: list[Any]) -> str:
    """The classification the tree made before its nodes carried their kind: every value classified again."""
    kinds = {numbers.classify(v) for v in payoffs} | {numbers.classify(q, "probability") for q in probabilities}
    return numbers.combine(kinds)


# ----------------------------------------------------------------------------------------- number kind
@settings(max_examples=60, deadline=None)
@given(raw_trees())
def test_the_kind_is_the_one_every_value_classified_again_gives(raw: tuple[Any, list[Any], list[Any]]) -> None:
    root, payoffs, probabilities = raw
    tree = GameTree(root, players=PLAYERS)
    assert tree.kind == _old_kind(payoffs, probabilities)
    if tree.kind == "symbolic":  # and after substitution, when every symbol gets a number
        values = {s.name: F(1, 3) for s in tree.symbols}
        done = tree.subs(**values)
        # the numbers the substituted nodes hold as built, not the tree's converted copies of them
        assert done.kind == _old_kind([v for n in done._nodes if isinstance(n, Terminal) for v in n.payoffs],
                                      [q for n in done._nodes if isinstance(n, Chance) for q, _ in n.outcomes.values()])


def test_each_payoff_and_probability_is_classified_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 terminals x 2 payoffs + 2 probabilities = 10 values; before, the tree classified every payoff again
    # (16 calls) and every probability twice more (6): 22 in all
    calls = []

    def counting(value: Any, what: str = "payoff", **options: Any) -> Any:
        calls.append(value)
        return real(value, what, **options)

    real = numbers.classify
    for module in ("trigame.games.tree.nodes", "trigame.games.tree.structure"):
        monkeypatch.setattr(f"{module}.classify", counting, raising=False)
    second = Decision("B", {"l": Terminal((1, 2)), "r": Terminal((F(1, 2), 0))})
    tree = GameTree(Chance({"x": (F(1, 4), second), "y": (F(3, 4), Decision("A", {"u": Terminal((3, 1)),
                                                                                 "d": Terminal((0, 0))}))}))
    assert tree.kind == "exact"
    assert len(calls) == 10


def test_a_bad_payoff_is_still_refused_naming_the_node() -> None:
    with pytest.raises(TreeError, match="Terminal node"):
        Terminal((1, True))
    with pytest.raises(TreeError, match="probability"):
        Chance({"x": (float("nan"), Terminal((1,))), "y": (1, Terminal((0,)))})


def _substituted(node: Any, values: dict[Any, Any]) -> Any:
    """``node`` rebuilt with ``values`` put in, node by node as a user would (Fractions where rational)."""
    def number(v: Any) -> Any:
        out = numbers.convert(v, "symbolic").xreplace(values)
        return F(int(out.p), int(out.q)) if out.is_Rational else float(out) if out.is_number else out

    if isinstance(node, Terminal):
        return Terminal(tuple(number(v) for v in node.payoffs), label=node.label)
    if isinstance(node, Chance):
        return Chance({k: (number(q), _substituted(c, values)) for k, (q, c) in node.outcomes.items()})
    return Decision(node.player, {a: _substituted(c, values) for a, c in node.actions.items()}, infoset=node.infoset)


@settings(max_examples=60, deadline=None)
@given(raw_trees(), st.sampled_from([F(1, 2), -3, 0.25]), st.sampled_from([F(1, 3), 0, 1, 0.5, 2]))
def test_substitution_shares_the_structure_and_checks_the_numbers_as_a_new_tree(
        raw: tuple[Any, list[Any], list[Any]], c: Any, p: Any) -> None:
    tree = GameTree(raw[0], players=PLAYERS, title="t")
    given_values = {name: value for name, value in (("c", c), ("p", p)) if name in {s.name for s in tree.symbols}}
    try:
        expected = GameTree(_substituted(raw[0], {sp.Symbol(k): numbers.convert(v, "symbolic")
                                                 for k, v in given_values.items()}),
                            players=PLAYERS, title="t")
    except TreeError as exc:  # a probability outside [0, 1]: substitution refuses it alike
        with pytest.raises(TreeError) as info:
            tree.subs(**given_values)
        assert str(info.value) == str(exc)
        return
    done = tree.subs(**given_values)
    assert done == expected and done.kind == expected.kind
    rebuilt = GameTree(done.root, players=PLAYERS, title="t")  # the same nodes, every check made again
    assert vars(done).keys() == vars(rebuilt).keys()  # no field left behind
    for name in vars(rebuilt).keys() - {"_cache"}:
        assert getattr(done, name) == getattr(rebuilt, name), name
    assert all(a is b for a, b in zip(done._nodes, rebuilt._nodes)) and list(done.paths()) == list(rebuilt.paths())


def test_a_field_the_structure_gains_is_carried_by_substitution(monkeypatch: pytest.MonkeyPatch) -> None:
    # a field a future version sets while building the information sets must reach a substituted tree too
    from trigame.games.tree.structure import TreeStructure

    real = TreeStructure._build_infosets

    def building(self: Any) -> None:
        real(self)
        self._infoset_count = len(self._infosets)

    monkeypatch.setattr(TreeStructure, "_build_infosets", building)
    tree = GameTree(Decision("A", {"a": Terminal((C,)), "b": Terminal((1,))}))
    done = tree.subs(c=2)
    assert vars(done).keys() == vars(GameTree(done.root)).keys()
    assert vars(done)["_infoset_count"] == 1


# ----------------------------------------------------------------------------------------- equality
def _pickled(obj: Any) -> Any:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


@settings(max_examples=40, deadline=None)
@given(raw_trees())
def test_a_pickled_tree_equals_its_original_and_hashes_alike(raw: tuple[Any, list[Any], list[Any]]) -> None:
    tree = GameTree(raw[0], players=PLAYERS)
    back = _pickled(tree)
    assert back is not tree
    assert back == tree and tree == back and hash(back) == hash(tree)
    assert len({tree, back}) == 1


def _entry(fight: Any = -1, *, title: str = "", key: Any = None, order: tuple[str, ...] = ("Fight", "Accommodate"),
           label: str = "") -> GameTree:
    leaves = {"Fight": Terminal((fight, -1)), "Accommodate": Terminal((1, 1), label=label)}
    second = Decision("Incumbent", {a: leaves[a] for a in order}, infoset=key)
    return GameTree(Decision("Entrant", {"In": second, "Out": Terminal((0, 2))}), title=title)


def test_trees_built_alike_are_equal_and_any_difference_makes_them_unequal() -> None:
    assert _entry() == _entry() and hash(_entry()) == hash(_entry())
    assert _entry(F(-1)) == _entry(-1)  # the same exact number
    for other in (_entry(-2), _entry(-1.0), _entry(title="Entry"), _entry(key="I"),
                  _entry(order=("Accommodate", "Fight")), _entry(label="peace"),
                  GameTree(_entry().root, players=("Incumbent", "Entrant"))):
        assert other != _entry() and _entry() != other
    assert _entry() != "a tree" and _entry().__eq__(object()) is NotImplemented


def test_symbolic_trees_compare_by_their_expressions() -> None:
    def tree(payoff: Any) -> GameTree:
        return GameTree(Decision("A", {"a": Terminal((payoff,)), "b": Terminal((0,))}))

    assert tree(C + 1) == tree(1 + C) and hash(tree(C + 1)) == hash(tree(1 + C))
    assert tree(C + 1) != tree(C + 2)


def test_deep_trees_compare_and_hash_without_recursion() -> None:
    def chain(depth: int, last: int) -> GameTree:
        node: Any = Terminal((last,))
        for k in range(depth):
            node = Decision("A", {"go": node, "stop": Terminal((k,))})
        return GameTree(node)

    deep = chain(5000, 1)
    assert deep == chain(5000, 1) and hash(deep) == hash(chain(5000, 1))
    assert deep != chain(5000, 2)


# ----------------------------------------------------------------------------------------- pickled results
def _signaling() -> tg.SignalingGame:
    def u(t: str, m: str, a: str) -> tuple[int, int]:
        return (1 if a == "a" else 0, 1 if (a == "a") == (t == "hi") else 0)

    return tg.SignalingGame(("hi", "lo"), {"hi": F(1, 2), "lo": F(1, 2)}, ("m", "n"), ("a", "b"), u)


@pytest.mark.parametrize("make", [
    lambda: tg.subgame_perfect(_entry()),
    lambda: tg.subgame_perfect(_entry(fight=C).subs(c=-1)),
    lambda: tg.perfect_bayesian(_entry()),
    lambda: tg.perfect_bayesian(_signaling()),
    lambda: tg.perfect_bayesian(_signaling().to_tree()),
], ids=["spe", "spe (substituted)", "pbe (tree)", "pbe (signalling game)", "pbe (signalling tree)"])
def test_a_pickled_equilibrium_equals_its_original(make: Any) -> None:
    found = make()
    assert len(found) > 0
    for e in found:
        back = _pickled(e)
        assert back == e and e == back and hash(back) == hash(e)
    assert _pickled(list(found)) == list(found)


def test_equilibria_of_different_games_stay_unequal() -> None:
    # the same behaviour in two games that differ in one payoff: unequal equilibria (Out is chosen in neither)
    mine, theirs = tg.subgame_perfect(_entry(-1)), tg.subgame_perfect(_entry(-2))
    same = [(a, b) for a in mine for b in theirs if dict(a.behavior) == dict(b.behavior)]
    assert same and all(a != b for a, b in same)


def test_signalling_games_built_alike_are_equal() -> None:
    assert _signaling() == _signaling() and hash(_signaling()) == hash(_signaling())
    assert _pickled(_signaling()) == _signaling()
    other = tg.SignalingGame(("hi", "lo"), {"hi": F(1, 3), "lo": F(2, 3)}, ("m", "n"), ("a", "b"),
                             lambda t, m, a: (1 if a == "a" else 0, 1 if (a == "a") == (t == "hi") else 0))
    assert other != _signaling()


def test_equality_of_unequal_games_is_told_by_the_cached_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # once hashed, games (and trees) that differ are told apart without building a signature again; equal ones
    # still compare their signatures (a hash is no proof of equality)
    one, two = _signaling(), tg.SignalingGame(("hi", "lo"), {"hi": F(1, 3), "lo": F(2, 3)}, ("m", "n"), ("a", "b"),
                                               lambda t, m, a: (0, 0))
    trees = _entry(-1), _entry(-3)  # not -2: hash(-1) == hash(-2) in Python
    for a, b in ((one, two), trees):
        hash(a), hash(b)
        built: list[Any] = []
        real = type(a)._signature

        def counting(self: Any, real: Any = real, built: list[Any] = built) -> Any:
            built.append(self)
            return real(self)

        monkeypatch.setattr(type(a), "_signature", counting)
        assert a != b and not a == b and not built
        assert a == _pickled(a) and len(built) == 3  # the copy's hash, then both signatures
        back = _pickled(a)
        assert back._hash is None if isinstance(a, tg.SignalingGame) else "hash" not in back._cache


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([0, 1, -2, F(1, 2), C, 2 * C - 1, 0.5]), min_size=8, max_size=8),
       st.sampled_from([F(1, 3), 0.25, 0, 1]), st.sampled_from([F(1, 2), -1, 0.75]))
def test_a_substituted_signalling_game_and_its_tree_equal_a_direct_build(values: list[Any], q: Any, c: Any) -> None:
    # the substituted game keeps the substituted tree as its own: it must be the tree the game would build
    triples = [(t, m, a) for t in ("hi", "lo") for m in ("m", "n") for a in ("a", "b")]
    table = {key: (v, 1) for key, v in zip(triples, values)}
    game = tg.SignalingGame(("hi", "lo"), {"hi": P, "lo": 1 - P}, ("m", "n"), ("a", "b"), table)
    point = {P: numbers.convert(q, "symbolic"), C: numbers.convert(c, "symbolic")}

    def number(v: Any) -> Any:  # as a user would write the substituted number
        out = numbers.convert(v, "symbolic").xreplace(point)
        return F(int(out.p), int(out.q)) if out.is_Rational else float(out)

    direct = tg.SignalingGame(("hi", "lo"), {"hi": number(P), "lo": number(1 - P)}, ("m", "n"), ("a", "b"),
                              {key: (number(v), 1) for key, v in zip(triples, values)})
    done = game.subs(p=q, c=c) if C in game.to_tree().symbols else game.subs(p=q)
    assert done == direct and done.kind == direct.kind
    tree, built = done.to_tree(), direct.to_tree()
    assert tree == built and tree.kind == built.kind and hash(tree) == hash(built)
    assert vars(tree).keys() == vars(built).keys()
    assert tree.terminals() == built.terminals()
    assert tree.player_infosets("Receiver") == built.player_infosets("Receiver")
