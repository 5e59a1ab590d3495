"""QuasiAlliance (Cha 1999): regimes, Cha's hypotheses, presets, symbolic and batch games, bad input.

Hand derivation used throughout (payoffs (Japan, ROK), J = Japan, K = ROK)::

                 K: Cooperate              K: Friction
    J: Cooperate (c_J, c_K)                (-s, 0)
    J: Friction  (0, -s)                   (0, 0)

with c_J = beta*fear_japan - h_J and c_K = beta*fear_rok - h_K.

* Against Friction, Friction pays 0 > -s (s > 0): (F, F) is always a strict equilibrium.
* Against Cooperate, Cooperate is a best reply iff c_i >= 0 (strictly iff c_i > 0).
* So (C, C) is an equilibrium iff c_J >= 0 and c_K >= 0, i.e. fear_i >= h_i / beta.
* If c_J < 0, Friction strictly dominates Cooperate for Japan (0 > c_J and 0 > -s), and the
  ROK's strict best reply to Friction is Friction: (F, F) is the unique equilibrium.
* If c_J, c_K > 0, the mixed equilibrium makes each ally indifferent: Japan indifferent when
  q c_J - (1 - q) s = 0, i.e. Pr_K(C) = q = s / (c_J + s); likewise Pr_J(C) = s / (c_K + s).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trigame as tg
from trigame.models import QuasiAlliance

C, F = 1, 0  # probability of the first strategy (Cooperate)

fractions = st.fractions(min_value=0, max_value=10, max_denominator=50)
positive = st.fractions(min_value=Fraction(1, 50), max_value=10, max_denominator=50)
fears = st.fractions(min_value=0, max_value=1, max_denominator=50)


@st.composite
def models(draw: st.DrawFn) -> QuasiAlliance:
    return QuasiAlliance(
        fear_japan=draw(fears),
        fear_rok=draw(fears),
        security_value=draw(positive),
        domestic_cost_japan=draw(fractions),
        domestic_cost_rok=draw(fractions),
        unreciprocated_cost=draw(positive),
    )


@st.composite
def cooperative_models(draw: st.DrawFn) -> QuasiAlliance:
    """Strictly inside the cooperation region: h_i = u_i * beta * fear_i with 0 <= u_i < 1, fear_i > 0."""
    beta = draw(positive)
    fj, fk = draw(fears.filter(bool)), draw(fears.filter(bool))
    uj, uk = (draw(st.fractions(min_value=0, max_value=Fraction(49, 50), max_denominator=50)) for _ in range(2))
    return QuasiAlliance(
        fear_japan=fj,
        fear_rok=fk,
        security_value=beta,
        domestic_cost_japan=uj * beta * fj,
        domestic_cost_rok=uk * beta * fk,
        unreciprocated_cost=draw(positive),
    )


@st.composite
def friction_models(draw: st.DrawFn) -> QuasiAlliance:
    """Strictly inside the friction region: some ally has h_i = beta * fear_i + delta, delta > 0."""
    m = draw(models())
    delta = draw(positive)
    if draw(st.booleans()):
        return m.replace(domestic_cost_japan=m.security_value * m.fear_japan + delta)
    return m.replace(domestic_cost_rok=m.security_value * m.fear_rok + delta)


def net_gains(m: QuasiAlliance) -> tuple[Fraction, Fraction]:
    return (
        m.security_value * m.fear_japan - m.domestic_cost_japan,
        m.security_value * m.fear_rok - m.domestic_cost_rok,
    )


def first_probs(eqs: tg.EquilibriumSet) -> set[tuple[Fraction, Fraction]]:
    """Each equilibrium as (Pr_Japan(Cooperate), Pr_ROK(Cooperate))."""
    return {(Fraction(e.strategies[0][0]), Fraction(e.strategies[1][0])) for e in eqs}


# ---------------------------------------------------------------------------- regimes
@given(friction_models())
def test_friction_regime_unique_friction(m: QuasiAlliance) -> None:
    c_j, c_k = net_gains(m)
    assert min(c_j, c_k) < 0
    eqs = m.equilibria()
    assert eqs.complete and not eqs.degenerate
    assert first_probs(eqs) == {(F, F)}


@given(cooperative_models())
def test_cooperation_regime_three_equilibria(m: QuasiAlliance) -> None:
    c_j, c_k = net_gains(m)
    assert c_j > 0 and c_k > 0
    s = m.unreciprocated_cost
    eqs = m.equilibria()
    assert eqs.complete and not eqs.degenerate
    assert first_probs(eqs) == {(C, C), (F, F), (s / (c_k + s), s / (c_j + s))}
    # (C, C) Pareto-dominates (F, F): an assurance game.
    cc = next(e for e in eqs if first_probs([e]) == {(C, C)})
    assert all(u > 0 for u in cc.payoffs)


@given(
    models(),
    st.fractions(min_value=Fraction(1, 10), max_value=Fraction(9, 10), max_denominator=100),
    st.fractions(min_value=Fraction(1, 1000), max_value=Fraction(1, 10), max_denominator=1000),
)
def test_threshold_just_inside_and_outside(m: QuasiAlliance, threshold: Fraction, eps: Fraction) -> None:
    # Boundary derived by hand: (C, C) appears when fear_japan crosses h_J / beta (ROK firmly cooperative).
    beta = m.security_value
    base = m.replace(domestic_cost_japan=threshold * beta, fear_rok=1, domestic_cost_rok=beta / 2)  # c_K > 0
    inside = base.replace(fear_japan=threshold + eps)
    outside = base.replace(fear_japan=threshold - eps)
    assert (C, C) in first_probs(inside.equilibria())
    assert first_probs(outside.equilibria()) == {(F, F)}


@given(cooperative_models(), fears)
def test_boundary_is_degenerate(m: QuasiAlliance, fear: Fraction) -> None:
    # At fear_japan = h_J / beta Japan is indifferent at (C, C); with c_K > 0 the set
    # {(p, C) : p >= s / (c_K + s)} is a segment of equilibria (derived in the module docstring).
    edge = m.replace(fear_japan=fear, domestic_cost_japan=m.security_value * fear)
    s, c_k = m.unreciprocated_cost, net_gains(edge)[1]
    eqs = edge.equilibria()
    assert eqs.degenerate
    assert {(C, C), (F, F), (s / (c_k + s), C)} <= first_probs(eqs)


@given(models())
def test_symbolic_conditions_match_hand_derivation(m: QuasiAlliance) -> None:
    # The closed-form solver's condition for (C, C) on the symbolic game, evaluated at m,
    # agrees with the hand-derived c_J >= 0 and c_K >= 0.
    pieces = tg.equilibria(QuasiAlliance.symbolic_game(), method="closed_form")
    cc = [e for e in pieces if e.is_pure and e.label() == "Japan: Cooperate, South Korea: Cooperate"]
    assert len(cc) == 1
    symbols = {p.symbol(): Fraction(getattr(m, p.name)) for p in QuasiAlliance.parameters()}
    holds = bool(cc[0].condition.subs(symbols))
    c_j, c_k = net_gains(m)
    assert holds == (c_j >= 0 and c_k >= 0)


# ---------------------------------------------------------------------------- Cha's hypotheses
@pytest.mark.parametrize("fear_japan", [0, 1])
@pytest.mark.parametrize("fear_rok", [0, 1])
def test_cha_rule_with_binary_fears(fear_japan: int, fear_rok: int) -> None:
    # Defaults: beta = 3 > max(h_J, h_K) = 2, so fear 1 gives c_i > 0 and fear 0 gives c_i = -h_i < 0.
    m = QuasiAlliance(fear_japan=fear_japan, fear_rok=fear_rok)
    probs = first_probs(m.equilibria())
    if fear_japan and fear_rok:  # H-B: symmetric abandonment fears -> cooperation sustainable
        assert (C, C) in probs and (F, F) in probs
    else:  # H-A and the "normal" state: friction only
        assert probs == {(F, F)}


@given(models(), fears, fears)
def test_cha_paradox_more_fear_never_removes_cooperation(m: QuasiAlliance, up_j: Fraction, up_k: Fraction) -> None:
    # Raising fears (a less credible US commitment) can only add the cooperative equilibrium.
    higher = m.replace(fear_japan=max(m.fear_japan, up_j), fear_rok=max(m.fear_rok, up_k))
    if (C, C) in first_probs(m.equilibria()):
        assert (C, C) in first_probs(higher.equilibria())


# ---------------------------------------------------------------------------- presets
def test_presets_are_chas_three_cold_war_periods() -> None:
    presets = QuasiAlliance.presets()
    assert set(presets) == {"1969-71 Nixon Doctrine", "1972-74 detente", "1975-79 Carter withdrawal plan",
                            "US rebalancing, 2012 (illustrative)", "Cossa's sign (illustrative)"}
    # Cha: cooperation in 1969-71 and 1975-79 (both fear abandonment), friction in 1972-74.
    for name in ("1969-71 Nixon Doctrine", "1975-79 Carter withdrawal plan"):
        m = presets[name]
        assert (m.fear_japan, m.fear_rok) == (1, 1)
        assert (C, C) in first_probs(m.equilibria())
    detente = presets["1972-74 detente"]
    assert detente.fear_japan < detente.fear_rok
    assert first_probs(detente.equilibria()) == {(F, F)}


def test_no_preset_for_uncertain_periods() -> None:
    # The 1980s and 1990s rows of models.md §2.4 are marked [U].
    assert not any("198" in name or "199" in name for name in QuasiAlliance.presets())


# ---------------------------------------------------------------------------- numeric, symbolic, batch
@given(models())
def test_numeric_game_equals_symbolic_game_substituted(m: QuasiAlliance) -> None:
    numeric = m.game()
    symbolic = QuasiAlliance.symbolic_game().subs(m.values())
    assert numeric.kind == symbolic.kind == "exact"
    assert numeric.payoffs.tolist() == symbolic.payoffs.tolist()
    assert numeric.players == symbolic.players == ("Japan", "South Korea")
    assert numeric.strategies == symbolic.strategies


@given(st.lists(models(), min_size=1, max_size=6))
def test_batch_equals_scalar_games(batch: list[QuasiAlliance]) -> None:
    names = QuasiAlliance.parameter_names()
    arrays = {name: np.array([float(getattr(m, name)) for m in batch]) for name in names}
    tensor = QuasiAlliance.payoff_tensor(**arrays)
    assert tensor.shape == (len(batch), 2, 2, 2)
    for k, m in enumerate(batch):
        scalar = m.replace(**{name: float(getattr(m, name)) for name in names}).game()
        np.testing.assert_array_equal(tensor[k], scalar.payoffs)


def test_batch_grid_broadcasts() -> None:
    fear = np.linspace(0, 1, 11)
    tensor = QuasiAlliance.payoff_tensor(fear_japan=fear[:, None], fear_rok=fear[None, :])
    assert tensor.shape == (11, 11, 2, 2, 2)
    # Japan's (C, C) payoff is beta*fear_japan - h_J = 3*fear_japan - 1 with the defaults.
    np.testing.assert_allclose(tensor[:, 4, 0, 0, 0], 3 * fear - 1)
    np.testing.assert_allclose(tensor[7, :, 1, 0, 0], 3 * fear - 2)
    assert np.all(tensor[..., 0, 1, 1] == 0)


def test_batch_exact_fractions() -> None:
    tensor = QuasiAlliance.payoff_tensor(fear_japan=[Fraction(1, 3), Fraction(1, 2)])
    assert tensor.dtype == object
    assert tensor[0, 0, 0, 0] == 0 and tensor[1, 0, 0, 0] == Fraction(1, 2)


def test_against_nashpy_on_nondegenerate_points() -> None:
    nashpy = pytest.importorskip("nashpy")
    for fj, fk in [(1, 1), (0, 1), (Fraction(1, 2), Fraction(9, 10)), (Fraction(9, 10), Fraction(1, 5))]:
        m = QuasiAlliance(fear_japan=fj, fear_rok=fk)
        g = m.game()
        ours = sorted((float(e.strategies[0][0]), float(e.strategies[1][0])) for e in m.equilibria())
        peer = nashpy.Game(g.payoff_array(0).astype(float), g.payoff_array(1).astype(float))
        theirs = sorted((float(a[0]), float(b[0])) for a, b in peer.support_enumeration())
        np.testing.assert_allclose(ours, theirs, atol=1e-9)


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"fear_japan": 1.5}, "[0, 1]"),
        ({"fear_rok": -0.1}, "[0, 1]"),
        ({"domestic_cost_rok": -2}, "[0, inf)"),
        ({"unreciprocated_cost": 0}, "(0, inf)"),
        ({"security_value": -1}, "(0, inf)"),
        ({"fear_japan": "high"}, "string"),
        ({"fear_japan": float("nan")}, "finite"),
        ({"fear_japan": True}, "boolean"),
        ({"fear_japan": [0, 1]}, "payoff_tensor"),
        ({"fear_us": 1}, "fear_japan, fear_rok, security_value"),
    ],
)
def test_bad_values(changes: dict, fragment: str) -> None:
    with pytest.raises(tg.TrigameError) as info:
        QuasiAlliance(**changes)
    assert isinstance(info.value, tg.ParameterError)
    assert fragment in str(info.value)


def test_bad_arrays() -> None:
    with pytest.raises(tg.ParameterError, match="do not broadcast"):
        QuasiAlliance.payoff_tensor(fear_japan=np.zeros(3), fear_rok=np.zeros(4))
    with pytest.raises(tg.ParameterError, match=r"\[0, 1\]"):
        QuasiAlliance.payoff_tensor(fear_japan=np.array([0.2, 1.2]))
    with pytest.raises(tg.ParameterError, match="fear_japan, fear_rok"):
        QuasiAlliance.payoff_tensor(fear=np.zeros(3))
    with pytest.raises(tg.ParameterError, match="dtype"):
        QuasiAlliance.payoff_tensor(fear_japan=np.array(["0.5"]))
    with pytest.raises(tg.ParameterError):
        QuasiAlliance.payoff_tensor(fear_japan=[[0, 1], [0]])
    with pytest.raises(tg.ParameterError, match="has no parameter"):
        QuasiAlliance().replace(fear=1)


# ---------------------------------------------------------------------------- the channels beyond Cha's insurance
# General hand derivation: c_i = d + beta f_i + kappa (1 - f_i) - gamma (1 - f_J f_K) - h_i (d = threat_value,
# kappa = virtual_alliance_value, gamma = expectation_gap); the best-reply argument of the module docstring is
# unchanged, so (C, C) is an equilibrium iff c_J >= 0 and c_K >= 0.
def general_gains(m: QuasiAlliance) -> tuple[Fraction, Fraction]:
    gap = m.expectation_gap * (1 - m.fear_japan * m.fear_rok)

    def c(fear: Fraction, cost: Fraction) -> Fraction:
        return m.threat_value + m.security_value * fear + m.virtual_alliance_value * (1 - fear) - gap - cost

    return c(m.fear_japan, m.domestic_cost_japan), c(m.fear_rok, m.domestic_cost_rok)


@st.composite
def general_models(draw: st.DrawFn) -> QuasiAlliance:
    return draw(models()).replace(threat_value=draw(fractions), virtual_alliance_value=draw(fractions),
                                  expectation_gap=draw(fractions))


@given(general_models())
def test_general_cooperation_condition_matches_hand_derivation(m: QuasiAlliance) -> None:
    c_j, c_k = general_gains(m)
    probs = first_probs(m.equilibria())
    assert (F, F) in probs
    assert ((C, C) in probs) == (c_j >= 0 and c_k >= 0)
    if c_j > 0 and c_k > 0:  # the stag hunt's mixed equilibrium, each ally leaving the other indifferent
        s = m.unreciprocated_cost
        assert (s / (c_k + s), s / (c_j + s)) in probs


def test_threat_value_makes_deterrence_worth_something_without_fear() -> None:
    # Essay 002's first rationale: deterring the North is worth something whatever the fear of abandonment.
    # Fears 0, d = 3: c_J = 3 - 1 = 2 > 0, c_K = 3 - 2 = 1 > 0, so (C, C) is an equilibrium; before the threat
    # value existed, c_i = beta * 0 - h_i < 0 and friction was the only equilibrium whatever beta.
    m = QuasiAlliance(fear_japan=0, fear_rok=0, threat_value=3)
    assert first_probs(m.equilibria()) == {(C, C), (F, F), (Fraction(1, 2), Fraction(1, 3))}
    assert first_probs(m.replace(security_value=100).replace(threat_value=0).equilibria()) == {(F, F)}


def test_expectation_gap_closes_only_when_both_fear() -> None:
    # beta = 3, h = (1, 2), gamma = 4.  Fears (1, 1): the gap term 4 (1 - 1) vanishes, c = (2, 1), cooperation
    # sustainable.  Fears (1, 5/6): c_K = 3 * 5/6 - 2 - 4 (1 - 5/6) = 1/2 - 2/3 = -1/6 < 0: friction only, where
    # without the gap c_K = 1/2 > 0 would sustain cooperation.
    assert (C, C) in first_probs(QuasiAlliance(fear_japan=1, fear_rok=1, expectation_gap=4).equilibria())
    near = QuasiAlliance(fear_japan=1, fear_rok=Fraction(5, 6))
    assert (C, C) in first_probs(near.equilibria())
    assert first_probs(near.replace(expectation_gap=4).equilibria()) == {(F, F)}


@given(general_models(), fears, fears)
def test_direction_of_the_us_commitment_effect(m: QuasiAlliance, up_j: Fraction, up_k: Fraction) -> None:
    # d c_i / d f_i = beta - kappa + gamma f_j and d c_i / d f_j = gamma f_i >= 0.  If beta >= kappa, raising
    # either fear never lowers c_J or c_K (Cha's sign): more fear never removes cooperation.  If kappa >= beta
    # and gamma = 0, lowering fears (a firmer US commitment) never lowers c_i: Cossa's sign.  (With gamma > 0
    # the gap term ties each ally's gain to the other's fear, so no single sign holds when kappa > beta.)
    higher = m.replace(fear_japan=max(m.fear_japan, up_j), fear_rok=max(m.fear_rok, up_k))
    lower = m.replace(fear_japan=min(m.fear_japan, up_j), fear_rok=min(m.fear_rok, up_k))
    cooperates = (C, C) in first_probs(m.equilibria())
    if cooperates and m.security_value >= m.virtual_alliance_value:
        assert (C, C) in first_probs(higher.equilibria())
    no_gap = m.replace(expectation_gap=0)
    if (C, C) in first_probs(no_gap.equilibria()) and m.virtual_alliance_value >= m.security_value:
        assert (C, C) in first_probs(lower.replace(expectation_gap=0).equilibria())


def test_cossa_preset_reverses_chas_sign() -> None:
    # kappa = 4, beta = 2, h = (1, 3): fears 0 give c = (4 - 1, 4 - 3) = (3, 1) > 0; fears 1 give c_K = 2 - 3 < 0.
    cossa = QuasiAlliance.presets()["Cossa's sign (illustrative)"]
    assert (cossa.fear_japan, cossa.fear_rok) == (0, 0)
    assert (C, C) in first_probs(cossa.equilibria())
    assert first_probs(cossa.replace(fear_japan=1, fear_rok=1).equilibria()) == {(F, F)}


@pytest.mark.parametrize("cost_rok", [Fraction(1, 2), Fraction(5, 2)])
def test_rok_mixing_depends_only_on_japans_payoffs(cost_rok: Fraction) -> None:
    # Both fear fully, beta = 3, h_J = 1, s = 1: c_J = 2, so Pr_ROK(C) = s/(c_J + s) = 1/3 whatever the ROK's own
    # cost; Pr_Japan(C) = s/(c_K + s) moves instead: c_K = 5/2 gives 2/7, c_K = 1/2 gives 2/3.
    m = QuasiAlliance(fear_japan=1, fear_rok=1, domestic_cost_rok=cost_rok)
    [mixed] = [e for e in m.equilibria() if not e.is_pure]
    assert mixed.as_dict()["South Korea"]["Cooperate"] == Fraction(1, 3)
    c_k = 3 - cost_rok
    assert mixed.as_dict()["Japan"]["Cooperate"] == 1 / (c_k + 1)


def test_parameters_cite_essays_by_author_and_title() -> None:
    for p in QuasiAlliance.parameters():
        assert ".txt" not in p.source, p.name
    fear = {p.name: p for p in QuasiAlliance.parameters()}["fear_japan"]
    assert any(c.speaker == "Fred McGoldrick" for c in fear.citations)  # third-party words marked as such
