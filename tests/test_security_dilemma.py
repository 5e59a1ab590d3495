"""AllianceSecurityDilemma (Snyder 1984): regimes, boundaries, symbolic and batch games, bad input.

Hand derivation used throughout (payoffs (first ally i = US, second ally j = ROK))::

              Strong                    Weak
    Strong   (b_i - e_i, b_j - e_j)    (-e_i, b_j)
    Weak     (b_i, -e_j)               (-A_i, -A_j)

Ally i's best replies: against Strong, b_i - e_i vs b_i -> Weak iff e_i > 0, Strong iff e_i < 0;
against Weak, -e_i vs -A_i -> Strong iff e_i < A_i, Weak iff e_i > A_i.  Each ally is thus of
one of three strict types:

* "hedger"    e_i > A_i      Weak strictly dominant;
* "chicken"   0 < e_i < A_i  best reply is the opposite of the partner's action;
* "supporter" e_i < 0        Strong strictly dominant.

Mixed equilibrium (both chicken): j is indifferent when i plays Strong with probability p:
p(b_j - e_j) + (1 - p)(-e_j) = p b_j - (1 - p) A_j  <=>  1 - p = e_j / A_j, so
Pr_i(Strong) = 1 - e_j / A_j.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.models import AllianceSecurityDilemma

S, W = 1, 0  # probability of the first strategy (Strong)
SUFFIX = ("us", "rok")

values = st.fractions(min_value=0, max_value=10, max_denominator=40)
positive = st.fractions(min_value=Fraction(1, 40), max_value=10, max_denominator=40)
costs = st.fractions(min_value=-5, max_value=15, max_denominator=4)  # hits the boundaries e = 0, e = A often
unit_open = st.fractions(min_value=Fraction(1, 40), max_value=Fraction(39, 40), max_denominator=40)


@st.composite
def ally(draw: st.DrawFn, kind: str) -> dict[str, Fraction]:
    """(b, e, A) strictly inside one type's region."""
    b, a = draw(values), draw(positive)
    if kind == "hedger":
        e = a + draw(positive)
    elif kind == "chicken":
        e = a * draw(unit_open)
    else:  # supporter
        e = -draw(positive)
    return {"partner_value": b, "commitment_cost": e, "hedging_cost": a}


def model(us: dict[str, Fraction], rok: dict[str, Fraction]) -> AllianceSecurityDilemma:
    return AllianceSecurityDilemma(
        **{f"{k}_us": v for k, v in us.items()},
        **{f"{k}_rok": v for k, v in rok.items()},
    )


def first_probs(eqs: tg.EquilibriumSet) -> set[tuple[Fraction, Fraction]]:
    """Each equilibrium as (Pr_US(Strong), Pr_ROK(Strong))."""
    return {(Fraction(e.strategies[0][0]), Fraction(e.strategies[1][0])) for e in eqs}


def kind_of(e: Fraction, a: Fraction) -> str:
    return "hedger" if e > a else "supporter" if e < 0 else "chicken"


def expected(m: AllianceSecurityDilemma) -> set[tuple[Fraction, Fraction]]:
    """The equilibrium set of a strict-type game, from the type classification above."""
    ki = kind_of(m.commitment_cost_us, m.hedging_cost_us)
    kj = kind_of(m.commitment_cost_rok, m.hedging_cost_rok)
    if ki == kj == "chicken":
        return {
            (S, W),
            (W, S),
            (1 - m.commitment_cost_rok / m.hedging_cost_rok, 1 - m.commitment_cost_us / m.hedging_cost_us),
        }
    dominant = {"hedger": W, "supporter": S}
    if ki in dominant and kj in dominant:
        return {(dominant[ki], dominant[kj])}
    # One ally has a dominant action, the other (chicken) plays the opposite.
    if ki in dominant:
        return {(dominant[ki], 1 - dominant[ki])}
    return {(1 - dominant[kj], dominant[kj])}


kinds = st.sampled_from(["hedger", "chicken", "supporter"])


# ---------------------------------------------------------------------------- the claimed regimes
@st.composite
def prisoners_dilemma(draw: st.DrawFn) -> AllianceSecurityDilemma:
    """0 <= A_i < e_i < b_i + A_i for both allies."""
    allies = []
    for _ in SUFFIX:
        a, b = draw(values), draw(positive)
        allies.append({"partner_value": b, "commitment_cost": a + b * draw(unit_open), "hedging_cost": a})
    return model(*allies)


@given(prisoners_dilemma())
def test_prisoners_dilemma_regime(m: AllianceSecurityDilemma) -> None:
    eqs = m.equilibria()
    assert eqs.complete and not eqs.degenerate
    assert first_probs(eqs) == {(W, W)}
    # (Weak, Weak) is Pareto-dominated by (Strong, Strong).
    g = m.game()
    assert all(g.payoffs[i, 0, 0] > g.payoffs[i, 1, 1] for i in range(2))


@given(prisoners_dilemma(), positive)
def test_just_outside_prisoners_dilemma(m: AllianceSecurityDilemma, delta: Fraction) -> None:
    # e_us = b_us + A_us + delta > b_us + A_us: still the unique (W, W), but the US no longer prefers (S, S).
    deadlock = m.replace(commitment_cost_us=m.partner_value_us + m.hedging_cost_us + delta)
    assert first_probs(deadlock.equilibria()) == {(W, W)}
    g = deadlock.game()
    assert g.payoffs[0, 0, 0] < g.payoffs[0, 1, 1]
    # e_us < A_us (US turns chicken): the US answers the ROK's Weak with Strong -> unique (S, W).
    crossed = m.replace(commitment_cost_us=m.hedging_cost_us - delta)
    assert first_probs(crossed.equilibria()) == {(S, W)}


@given(ally("chicken"), ally("chicken"))
def test_chicken_regime(us: dict, rok: dict) -> None:
    m = model(us, rok)
    eqs = m.equilibria()
    assert eqs.complete and not eqs.degenerate
    e_i, a_i, e_j, a_j = us["commitment_cost"], us["hedging_cost"], rok["commitment_cost"], rok["hedging_cost"]
    # Pr_US(Strong) = 1 - e_rok/A_rok, Pr_ROK(Strong) = 1 - e_us/A_us: pinned down by the partner.
    assert first_probs(eqs) == {(S, W), (W, S), (1 - e_j / a_j, 1 - e_i / a_i)}


@given(ally("chicken"), ally("chicken"), positive)
def test_chicken_comparative_statics(us: dict, rok: dict, delta: Fraction) -> None:
    # dPr_US(Strong)/de_rok < 0 and dPr_US(Strong)/dA_rok > 0 (within the regime).
    m = model(us, rok)

    def mixed_us(x: AllianceSecurityDilemma) -> Fraction:
        return next(p for p, q in first_probs(x.equilibria()) if 0 < p < 1)

    base = mixed_us(m)
    assert mixed_us(m.replace(hedging_cost_rok=m.hedging_cost_rok + delta)) > base
    lower = m.replace(commitment_cost_rok=m.commitment_cost_rok * Fraction(1, 2))
    assert mixed_us(lower) > base


@given(ally("supporter"), ally("supporter"))
def test_dominance_regime(us: dict, rok: dict) -> None:
    eqs = model(us, rok).equilibria()
    assert eqs.complete and not eqs.degenerate
    assert first_probs(eqs) == {(S, S)}


@given(kinds, kinds, st.data())
def test_every_strict_regime_matches_hand_classification(k_us: str, k_rok: str, data: st.DataObject) -> None:
    m = model(data.draw(ally(k_us)), data.draw(ally(k_rok)))
    eqs = m.equilibria()
    assert eqs.complete and not eqs.degenerate
    assert first_probs(eqs) == expected(m)


# ---------------------------------------------------------------------------- boundaries
@given(ally("chicken"), positive)
def test_boundary_e_equals_a_gives_a_continuum(rok: dict, a_us: Fraction) -> None:
    # e_us = A_us: the US is indifferent against Weak.  The ROK (chicken) plays Weak against any
    # p = Pr_US(Strong) >= 1 - e_rok/A_rok, so {(p, W) : p in [1 - e_rok/A_rok, 1]} are all equilibria,
    # and (W, S) remains one.
    m = model({"partner_value": 1, "commitment_cost": a_us, "hedging_cost": a_us}, rok)
    eqs = m.equilibria()
    assert eqs.degenerate
    low = 1 - rok["commitment_cost"] / rok["hedging_cost"]
    assert first_probs(eqs) == {(S, W), (low, W), (W, S)}


@given(ally("chicken"))
def test_boundary_e_zero(rok: dict) -> None:
    # e_us = 0 < A_us: the US is indifferent against Strong and strictly prefers Strong against Weak.
    # With q = Pr_ROK(Strong), the US gains (1 - q) A_us >= 0 from Strong over Weak:
    # * q < 1: the US plays Strong and the ROK (chicken) answers Weak -> (S, W);
    # * q = 1: the US is indifferent, and the ROK's Strong is a best reply iff p <= 1 - e_rok/A_rok,
    #   so {(p, S) : 0 <= p <= 1 - e_rok/A_rok} is a segment of equilibria with extremes (W, S), (low, S).
    m = model({"partner_value": 2, "commitment_cost": 0, "hedging_cost": 1}, rok)
    eqs = m.equilibria()
    low = 1 - rok["commitment_cost"] / rok["hedging_cost"]
    assert eqs.degenerate
    assert first_probs(eqs) == {(S, W), (W, S), (low, S)}


@given(
    st.fractions(min_value=-5, max_value=15, max_denominator=4),
    st.fractions(min_value=-5, max_value=15, max_denominator=4),
)
def test_symbolic_weak_weak_condition_matches_hand(e_us: Fraction, e_rok: Fraction) -> None:
    # (W, W) is an equilibrium iff Weak is a best reply to Weak for both: -A_i >= -e_i, i.e. e_i >= A_i.
    pieces = tg.equilibria(AllianceSecurityDilemma.symbolic_game(), method="closed_form")
    ww = [e for e in pieces if e.label() == "United States: Weak, South Korea: Weak"]
    assert len(ww) == 1
    m = AllianceSecurityDilemma(commitment_cost_us=e_us, commitment_cost_rok=e_rok, hedging_cost_rok=5)
    at = {p.symbol(): Fraction(getattr(m, p.name)) for p in AllianceSecurityDilemma.parameters()}
    assert bool(ww[0].condition.subs(at)) == (e_us >= m.hedging_cost_us and e_rok >= m.hedging_cost_rok)
    assert ((W, W) in first_probs(m.equilibria())) == (e_us >= m.hedging_cost_us and e_rok >= m.hedging_cost_rok)


# ---------------------------------------------------------------------------- presets
def test_presets_illustrate_the_three_regimes() -> None:
    presets = AllianceSecurityDilemma.presets()
    assert first_probs(presets["Prisoner's Dilemma (illustrative)"].equilibria()) == {(W, W)}
    chicken = first_probs(presets["Chicken (illustrative)"].equilibria())
    assert {(S, W), (W, S)} <= chicken and len(chicken) == 3
    assert first_probs(presets["Dominance (illustrative)"].equilibria()) == {(S, S)}


def test_defaults_match_the_shipped_example_file() -> None:
    # trigame/data/alliance_security_dilemma.nfg was written from models.md §1.3(b) with b=3, e=1, A=2.
    path = Path(tg.__file__).parent / "data" / "alliance_security_dilemma.nfg"
    shipped = tg.read_nfg(path)
    ours = AllianceSecurityDilemma().game()
    assert ours.players == shipped.players and ours.strategies == shipped.strategies
    assert ours.payoffs.tolist() == shipped.payoffs.tolist()


# ---------------------------------------------------------------------------- numeric, symbolic, batch
@given(kinds, kinds, st.data())
def test_numeric_equals_symbolic_substituted(k_us: str, k_rok: str, data: st.DataObject) -> None:
    m = model(data.draw(ally(k_us)), data.draw(ally(k_rok)))
    assert m.game().payoffs.tolist() == AllianceSecurityDilemma.symbolic_game().subs(m.values()).payoffs.tolist()


@given(st.lists(st.tuples(kinds, kinds), min_size=1, max_size=5), st.data())
def test_batch_equals_scalar_games(pairs: list, data: st.DataObject) -> None:
    batch = [model(data.draw(ally(a)), data.draw(ally(b))) for a, b in pairs]
    names = AllianceSecurityDilemma.parameter_names()
    tensor = AllianceSecurityDilemma.payoff_tensor(**{n: [getattr(m, n) for m in batch] for n in names})
    assert tensor.shape == (len(batch), 2, 2, 2)
    for k, m in enumerate(batch):
        assert tensor[k].tolist() == m.game().payoffs.tolist()


def test_renamed_allies() -> None:
    m = AllianceSecurityDilemma(players=("Japan", "South Korea"))
    assert m.game().players == ("Japan", "South Korea")
    assert m.symbolic_game().players == ("Japan", "South Korea")
    assert AllianceSecurityDilemma.symbolic_game().players == ("United States", "South Korea")
    for bad in [("A", "B", "C"), ("A", "A"), "AB", (1, 2)]:
        with pytest.raises(tg.TrigameError):
            AllianceSecurityDilemma(players=bad)


# ---------------------------------------------------------------------------- bad input
def test_signed_commitment_cost_but_nonnegative_values() -> None:
    assert AllianceSecurityDilemma(commitment_cost_us=-3).commitment_cost_us == -3
    for name in ("partner_value_us", "partner_value_rok", "hedging_cost_us", "hedging_cost_rok"):
        with pytest.raises(tg.ParameterError, match=r"\[0, inf\)"):
            AllianceSecurityDilemma(**{name: -1})
    with pytest.raises(tg.ParameterError, match="partner_value_us, partner_value_rok"):
        AllianceSecurityDilemma(partner_value=1)
    with pytest.raises(tg.ParameterError, match="string"):
        AllianceSecurityDilemma(hedging_cost_us="2")
    with pytest.raises(tg.ParameterError, match="by name"):
        AllianceSecurityDilemma(3, 3)  # type: ignore[misc]
    with pytest.raises(tg.ParameterError, match="do not broadcast"):
        AllianceSecurityDilemma.payoff_tensor(commitment_cost_us=np.ones((2, 3)), commitment_cost_rok=np.ones(2))
    with pytest.raises(tg.ParameterError, match="entry"):
        AllianceSecurityDilemma.payoff_tensor(hedging_cost_rok=np.array([1.0, np.inf]))


# ---------------------------------------------------------------------------- when a boundary is a continuum
def continuum_by_hand(e_i: int, a_i: int, e_j: int, a_j: int) -> bool:
    """Ally i's gain from Strong against a partner committing with probability q is (1 - q) A_i - e_i.

    i can mix over an interval while j stays put only if i is indifferent at j's pure action and j's action
    stays a best reply along the interval: j Strong (i indifferent at q = 1: e_i = 0) needs j's gain
    (1 - p) A_j - e_j >= 0 on an interval of p, i.e. e_j < A_j (or e_j = A_j = 0); j Weak (indifferent at
    q = 0: e_i = A_i) needs (1 - p) A_j - e_j <= 0 on an interval, i.e. e_j > 0 (or e_j = A_j = 0); and an ally
    with e_j = A_j = 0 is indifferent to everything, so it can always mix along an interval.
    """
    return (e_i == 0 and e_j < a_j) or (e_i == a_i and e_j > 0) or (e_j == a_j == 0)


def test_a_boundary_is_not_always_a_continuum() -> None:
    # e_us = 0, e_rok = 3 > A_rok = 1: Weak is strictly dominant for the ROK, and against Weak the US gains
    # A_us - e_us = 2 > 0 from Strong: the unique equilibrium is (Strong, Weak), although e_us = 0 is a boundary.
    eqs = AllianceSecurityDilemma(commitment_cost_us=0, commitment_cost_rok=3, hedging_cost_rok=1).equilibria()
    assert not eqs.degenerate
    assert [e.label() for e in eqs] == ["United States: Strong, South Korea: Weak"]


@pytest.mark.parametrize("e_us", [-1, 0, 1, 2])
@pytest.mark.parametrize("e_rok", [-1, 0, 1, 2])
def test_continuum_condition_matches_the_solver(e_us: int, e_rok: int) -> None:
    for a_us in (0, 1, 2):
        for a_rok in (0, 1, 2):
            m = AllianceSecurityDilemma(commitment_cost_us=e_us, commitment_cost_rok=e_rok, hedging_cost_us=a_us,
                                        hedging_cost_rok=a_rok)
            expected = continuum_by_hand(e_us, a_us, e_rok, a_rok) or continuum_by_hand(e_rok, a_rok, e_us, a_us)
            assert m.equilibria().degenerate == expected, (e_us, e_rok, a_us, a_rok)
