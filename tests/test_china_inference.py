"""ChinaInference: the coalition's design as a signal of its target, PBE derived by hand.

Hand derivation (the model's docstring states it too).  Types: the coalition aims at North Korea (NK, prior 1 - q)
or at China (prior q).  Messages: Narrow or Broad design.  China: Accommodate or Back Pyongyang.  Payoffs
(coalition, China), with z = backing_loss, m_N / m_C = design cost of Narrow for the NK / China type,
v = balancing_value, c = backing_cost:

    coalition: -m_t * 1[Narrow] - z * 1[Back]
    China:     Back -> v - c against the China type, -c against the NK type;  Accommodate -> 0

China backs after a design iff its belief mu (that the coalition aims at China) has mu * v >= c, i.e.
mu >= mu* = c / v (both actions at equality).

Defaults q = 1/2, v = 3, c = 1, z = 2, m_N = 1, m_C = 4, so mu* = 1/3 < q:
* separating (NK Narrow, China Broad; China: Narrow -> Accommodate, Broad -> Back): NK gets -1 >= -2 = Broad,
  the China type -2 >= -4 = Narrow (m_N <= z <= m_C).  Ex ante: coalition (-1 - 2)/2 = -3/2, China (0 + 2)/2 = 1.
* pooling on Broad: mu = 1/2 > 1/3, China backs, each type gets -2.  Narrow off the path must not tempt NK:
  -1 - 2*beta <= -2, beta = Pr(Back | Narrow) >= 1/2; beta = 1 needs mu(Narrow) >= 1/3, beta in [1/2, 1) needs
  mu(Narrow) = 1/3.  Extreme points beta = 1 and beta = 1/2.  Ex ante: coalition -2, China (-1 + 2)/2 = 1/2.
* nothing else: if China accommodates after Narrow for sure, NK strictly prefers Narrow (-1 > -2) and the China
  type strictly prefers Broad; pooling on Narrow has China back (mu = 1/2), and Broad then gives -2 > -1 - 2.
* Intuitive Criterion: at the pooling, only NK can gain from Narrow (-1 > -2; the China type gets at most -4),
  so China must read Narrow as NK and accommodate: the pooling fails; the separating one survives.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trigame as tg
from trigame.models.china_inference import ChinaInference
from trigame.statics import regimes

NK, CH = "Coalition@North Korea", "Coalition@China"
AFTER_N, AFTER_B = "China@Narrow", "China@Broad"


def make(**values: Any) -> ChinaInference:
    """The model at exact values (its fields are annotated float, as in every model; Fractions are welcome)."""
    return ChinaInference(**values)


def profile(e: Any) -> tuple[Any, ...]:
    """(Pr NK sends Narrow, Pr China type sends Narrow, Pr Back after Narrow, Pr Back after Broad)."""
    b = e.behavior
    return (b[NK]["Narrow"], b[CH]["Narrow"], b[AFTER_N]["Back Pyongyang"], b[AFTER_B]["Back Pyongyang"])


def interim(m: Any, e: Any) -> dict[str, F]:
    """Each coalition type's expected payoff under the equilibrium behaviour (summed here by hand)."""
    game = m.game()
    out = {}
    for t, key in (("North Korea", NK), ("China", CH)):
        total = F(0)
        for msg, p_msg in e.behavior[key].items():
            for act, p_act in e.behavior[f"China@{msg}"].items():
                total += F(p_msg) * F(p_act) * F(game.payoff(t, msg, act)[0])
        out[t] = total
    return out


# ---------------------------------------------------------------------------- the payoff table
def test_payoff_table_at_the_defaults() -> None:
    game = ChinaInference().game()
    assert game.prior == {"North Korea": F(1, 2), "China": F(1, 2)}
    assert game.payoff("North Korea", "Narrow", "Accommodate") == (-1, 0)
    assert game.payoff("North Korea", "Broad", "Back Pyongyang") == (-2, -1)
    assert game.payoff("China", "Narrow", "Back Pyongyang") == (-6, 2)
    assert game.payoff("China", "Broad", "Accommodate") == (0, 0)


# ---------------------------------------------------------------------------- PBE at the defaults and presets
def test_pbe_at_the_defaults() -> None:
    eqs = ChinaInference().equilibria()
    assert eqs.complete and eqs.degenerate
    assert {profile(e) for e in eqs} == {(1, 0, 0, 1), (0, 0, 1, 1), (0, 0, F(1, 2), 1)}
    payoffs = {profile(e): tuple(e.payoffs) for e in eqs}
    assert payoffs[(1, 0, 0, 1)] == (F(-3, 2), 1)
    assert payoffs[(0, 0, 1, 1)] == payoffs[(0, 0, F(1, 2), 1)] == (-2, F(1, 2))
    (kept,) = ChinaInference().equilibria(refine="intuitive")
    assert kept.kind == "separating" and profile(kept) == (1, 0, 0, 1)
    assert all(tg.is_perfect_bayesian(ChinaInference().game(), e) for e in eqs)


def test_pious_declarations_cannot_reassure() -> None:
    # m_N = m_C = 1: both types rank designs alike, so they get the same payoff U*.  Some design on the path
    # leaves China's belief >= q = 1/2 > 1/3, so China backs there and U* <= -z = -2; Broad guarantees -2.
    # Semi-separating: the China type indifferent, -1 - 2*beta = -2 -> beta = 1/2; China indifferent after
    # Narrow, mu = (sigma/2) / (sigma/2 + 1/2) = 1/3 -> sigma = 1/2 (sigma: China type's Pr of Narrow).
    m = ChinaInference.presets()["The reader's reply: pious declarations (2011)"]
    eqs = m.equilibria()
    assert {profile(e) for e in eqs} == {(1, F(1, 2), F(1, 2), 1), (0, 0, 1, 1), (0, 0, F(1, 2), 1)}
    for e in eqs:
        assert interim(m, e) == {"North Korea": -2, "China": -2}
    # no type can be told apart by a cost both pay: the Intuitive Criterion removes nothing
    assert len(m.equilibria(refine="intuitive")) == len(eqs)


def test_reassured_china_preset() -> None:
    # q = 1/5 < mu* = 1/3, m_N = m_C = 1.  Pooling on Broad with China accommodating (0 for both types; Narrow
    # off the path, any response); pooling on Narrow with China accommodating (-1 each), held by Back after Broad
    # with probability >= 1/2 (-2*beta <= -1); a semi-separating one (NK mixes 1/2 so that mu(Broad) =
    # (1/5) / (1/5 + 2/5) = 1/3 and China mixes 1/2 after Broad).
    m = ChinaInference.presets()["Reassured China (illustrative)"]
    got = {profile(e) for e in m.equilibria()}
    assert got == {(1, 1, 0, 1), (1, 1, 0, F(1, 2)), (F(1, 2), 0, 0, F(1, 2)), (0, 0, 0, 0), (0, 0, 1, 0)}


# ---------------------------------------------------------------------------- conditions against the solver
designs = st.fractions(min_value=0, max_value=5, max_denominator=2)


@settings(max_examples=30, deadline=None)
@given(q=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10),
       c=st.fractions(min_value=F(1, 2), max_value=3, max_denominator=2),
       extra=st.fractions(min_value=F(1, 2), max_value=3, max_denominator=2),
       z=st.fractions(min_value=F(1, 2), max_value=4, max_denominator=2), m_n=designs, m_c=designs)
def test_separation_iff_design_costs_straddle_the_loss(q: F, c: F, extra: F, z: F, m_n: F, m_c: F) -> None:
    # With v = c + extra > c: the separating PBE (NK Narrow, China Broad) exists iff m_N <= z <= m_C, and no
    # PBE separates the other way round (the China type would pay m_C to be backed against).
    m = make(prior_china_target=q, backing_cost=c, balancing_value=c + extra, backing_loss=z,
                       design_cost_nk=m_n, design_cost_china=m_c)
    eqs = m.equilibria()
    separating = [profile(e) for e in eqs if e.kind == "separating"]
    assert all(p[:2] == (1, 0) for p in separating)
    assert bool(separating) == (m_n <= z <= m_c)
    if m_n == m_c and q * (c + extra) > c:  # the reader's case: every PBE gives each type -z
        assert all(interim(m, e) == {"North Korea": -z, "China": -z} for e in eqs)
    if q * (c + extra) > c:  # pooling on Broad, China backing: held iff -m_t - z*beta <= -z for both types
        betas = [p[2] for p in map(profile, eqs) if p[:2] == (0, 0) and p[3] == 1]
        assert min(betas) == max(F(0), 1 - min(m_n, m_c) / z)
    if m_n < z < m_c and q * (c + extra) > c:  # Sahashi's case: the Intuitive Criterion keeps separation only
        assert {e.kind for e in m.equilibria(refine="intuitive")} == {"separating"}


@settings(max_examples=30, deadline=None)
@given(q=st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10),
       c=st.fractions(min_value=F(1, 2), max_value=3, max_denominator=2),
       v=st.fractions(min_value=F(1, 2), max_value=4, max_denominator=2),
       z=st.fractions(min_value=F(1, 2), max_value=4, max_denominator=2),
       m_n=designs, m_c=st.one_of(st.just(F(0)), designs))
def test_reversed_separation_iff_free_narrow_design_and_no_gain_from_backing(
        q: F, c: F, v: F, z: F, m_n: F, m_c: F) -> None:
    # A PBE with NK Broad and China Narrow reveals the type: mu(Narrow) = 1, mu(Broad) = 0.  After Broad China
    # gets -c < 0 from backing, so it accommodates; after Narrow it backs with some beta, optimal iff
    # beta = 1 when v > c, beta = 0 when v < c, any beta when v = c.  The China type needs
    # -m_C - z*beta >= 0 (Broad gives 0): m_C = 0 and beta = 0, and beta = 0 is optimal iff v <= c.
    # The NK type's Broad gives 0 >= -m_N - z*beta.  So it exists iff m_C = 0 and v <= c.
    m = make(prior_china_target=q, backing_cost=c, balancing_value=v, backing_loss=z, design_cost_nk=m_n,
             design_cost_china=m_c)
    reversed_ = [profile(e) for e in m.equilibria() if e.kind == "separating" and profile(e)[:2] == (0, 1)]
    assert bool(reversed_) == (m_c == 0 and v <= c)
    assert all(p[2] == 0 and p[3] == 0 for p in reversed_)


def test_docstring_states_when_reversed_separation_exists() -> None:
    # the docstring's claim "No PBE has the China coalition choose Narrow while the North-Korea coalition
    # chooses Broad" holds except at m_C = 0 with v <= c (the test above): the docstring must say so
    doc = " ".join((ChinaInference.__doc__ or "").split())
    claim = doc[doc.index("No PBE has the China coalition choose Narrow"):]
    claim = claim[:claim.index(".")]
    assert "unless m_C = 0 and v <= c" in claim


# ---------------------------------------------------------------------------- statics and hostile input
def test_symbolic_regimes_design_persuades() -> None:
    # the docstring's "design persuades": with v > c the separating PBE (Narrow for North Korea, Broad for
    # China; Accommodate after Narrow, Back Pyongyang after Broad) exists iff m_N <= z <= m_C
    import sympy

    rs = regimes(ChinaInference, fixed={"balancing_value": 3, "backing_cost": 1, "prior_china_target": F(1, 2)})
    z, m_n, m_c = (sympy.Symbol(n, real=True) for n in ("backing_loss", "design_cost_nk", "design_cost_china"))
    separating = rs.find("separating: Coalition@North Korea: Narrow, Coalition@China: Broad, "
                         "China@Narrow: Accommodate, China@Broad: Back Pyongyang")
    assert separating.condition.subs({s: sympy.Symbol(s.name, real=True) for s in rs.symbols}) == sympy.And(
        z >= m_n, z <= m_c)


@pytest.mark.parametrize("bad", [0, 1, F(-1, 2), 2])
def test_prior_strictly_inside_the_unit_interval(bad: Any) -> None:
    with pytest.raises(tg.ParameterError, match=r"prior_china_target.*\(0, 1\)"):
        make(prior_china_target=bad)


@pytest.mark.parametrize("bad", ["1/2", "__import__('os')", None, float("nan"), float("inf"), True])
def test_strings_and_non_numbers_are_refused(bad: Any) -> None:
    with pytest.raises(tg.TrigameError):
        make(prior_china_target=bad)
    with pytest.raises(tg.TrigameError):
        make(design_cost_china=bad)


def test_negative_design_cost_is_refused() -> None:
    with pytest.raises(tg.ParameterError, match="design_cost_nk"):
        make(design_cost_nk=-1)
