"""SignalingGame: construction, validation, the tree, substitution."""

from fractions import Fraction as F

import pytest
import sympy as sp

from trigame.errors import GameShapeError, LabelError, ParameterError, PayoffTypeError, PayoffValueError, TrigameError
from trigame.games.signaling import SignalingGame
from trigame.games.tree import Chance, Decision


def beer_quiche_payoffs(t, m, a):
    # Cho and Kreps (1987): the sender gets 1 for the breakfast its type prefers (strong: beer, weak: quiche)
    # and 2 more if there is no duel; the receiver gets 1 for duelling a weak or not duelling a strong sender.
    return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
            1 if (a == "duel") == (t == "weak") else 0)


def beer_quiche(prior_strong=F(9, 10)):
    return SignalingGame(("strong", "weak"), {"strong": prior_strong, "weak": 1 - prior_strong},
                         ("beer", "quiche"), ("duel", "not"), beer_quiche_payoffs, title="Beer-Quiche")


def test_properties_and_keys():
    sg = beer_quiche()
    assert sg.types == ("strong", "weak") and sg.messages == ("beer", "quiche")
    assert sg.players == ("Sender", "Receiver") and sg.kind == "exact" and sg.title == "Beer-Quiche"
    assert sg.prior == {"strong": F(9, 10), "weak": F(1, 10)}
    assert sg.payoff("weak", "quiche", "not") == (3, 0)
    assert sg.sender_key("weak") == "Sender@weak" and sg.receiver_key("quiche") == "Receiver@quiche"
    assert sg.senders("beer") == ("strong", "weak") and sg.actions_after("beer") == ("duel", "not")
    assert "Beer-Quiche" in repr(sg) and "weak" in sg.text()
    with pytest.raises(AttributeError):
        sg.types = ("x",)


def test_tree_structure():
    sg = beer_quiche()
    tree = sg.to_tree()
    assert tree is sg.to_tree()
    assert isinstance(tree.root, Chance)
    infosets = {info.key: info for info in tree.information_sets}
    assert set(infosets) == {"Sender@strong", "Sender@weak", "Receiver@beer", "Receiver@quiche"}
    assert set(infosets["Receiver@beer"].paths) == {("strong", "beer"), ("weak", "beer")}
    assert isinstance(tree.node(("weak",)), Decision)
    # the terminal payoffs are the game's, on paths (type, message, action)
    assert tree.terminals()[("strong", "beer", "not")] == (3, 1)
    # the strategic form: 2 x 2 sender strategies, 2 x 2 receiver strategies
    assert tree.to_normal_form().shape == (4, 4)


def test_type_dependent_messages_and_actions():
    sg = SignalingGame(("H", "L"), {"H": F(1, 3), "L": F(2, 3)}, {"H": ("e0", "e1"), "L": ("e0",)},
                       {"e0": ("low",), "e1": ("low", "high")},
                       {("H", "e0", "low"): (1, 0), ("H", "e1", "low"): (0, 0), ("H", "e1", "high"): (2, 1),
                        ("L", "e0", "low"): (1, 1)})
    assert sg.senders("e1") == ("H",) and sg.messages_of("L") == ("e0",)
    assert len(sg.triples()) == 4
    info = {i.key: i for i in sg.to_tree().information_sets}
    assert info["Receiver@e1"].paths == (("H", "e1"),)


@pytest.mark.parametrize(("kwargs", "error", "text"), [
    ({"types": ()}, GameShapeError, "types"),
    ({"types": ("a", "a")}, LabelError, "repeat"),
    ({"prior": {"strong": F(1, 2), "weak": F(1, 3)}}, PayoffValueError, "sum to"),
    ({"prior": {"strong": F(3, 2), "weak": F(-1, 2)}}, PayoffValueError, "nonnegative"),
    ({"prior": {"strong": 1}}, LabelError, "missing"),
    ({"prior": {"strong": "1", "weak": 0}}, PayoffTypeError, "prior probability"),
    ({"messages": ()}, GameShapeError, "messages"),
    ({"actions": {"beer": ("duel",)}}, LabelError, "quiche"),
    ({"payoffs": {("strong", "beer", "duel"): (1, 1)}}, GameShapeError, "no entry"),
    ({"payoffs": lambda t, m, a: (1,)}, GameShapeError, "pair"),
    ({"payoffs": lambda t, m, a: (1, float("nan"))}, PayoffValueError, "finite"),
    ({"payoffs": lambda t, m, a: 1 / 0}, GameShapeError, "ZeroDivisionError"),
    ({"players": ("A",)}, GameShapeError, "two players"),
])
def test_bad_input(kwargs, error, text):
    args = {"types": ("strong", "weak"), "prior": {"strong": F(9, 10), "weak": F(1, 10)},
            "messages": ("beer", "quiche"), "actions": ("duel", "not"), "payoffs": beer_quiche_payoffs}
    args.update(kwargs)
    with pytest.raises(error, match=text) as info:
        SignalingGame(**args)
    assert isinstance(info.value, TrigameError)


def test_float_and_symbolic():
    assert beer_quiche(0.9).kind == "float"
    c = sp.Symbol("c")
    sg = SignalingGame(("H", "L"), {"H": F(1, 2), "L": F(1, 2)}, ("e0", "e1"), ("lo", "hi"),
                       lambda t, m, a: ((2 if a == "hi" else 1) - (c if m == "e1" else 0), 1))
    assert sg.kind == "symbolic" and sg.symbols == (c,)
    numeric = sg.subs(c=F(1, 2))
    assert numeric.kind == "exact" and numeric.payoff("H", "e1", "hi") == (F(3, 2), 1)
    with pytest.raises(ParameterError):
        numeric.subs(c=1)
    with pytest.raises(LabelError):
        sg.payoff("H", "e2", "hi")
