"""China's inference about the coalition's target: the design of trilateral cooperation as a signal."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from trigame.games.signaling import SignalingGame
from trigame.models.bibliography import assumption, cite
from trigame.models.incomplete import IncompleteInformationModel
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Interval, Scenario, parameter

__all__ = ["ChinaInference"]

#: A probability strictly between 0 and 1: with a sure target there is nothing to infer (the game allows 0 and 1).
OPEN_UNIT = Interval(0, 1, lower_open=True, upper_open=True)

TYPES = ("North Korea", "China")
MESSAGES = ("Narrow", "Broad")
ACTIONS = ("Accommodate", "Back Pyongyang")


@dataclass(frozen=True, kw_only=True)
class ChinaInference(IncompleteInformationModel):
    """China reads the coalition's target from the design of trilateral cooperation (a signalling game).

    Ryo Sahashi ("North Korea: Why is Seoul and Tokyo Cooperation
    Necessary?", East Asia Forum, 2011) answers the fear that US-Japan-ROK
    cooperation would "drive Beijing into further support for Pyongyang" by
    design: "trilateral cooperation must be designed solely for North Korean
    challenges — not for challenging the rise of China".  A reader's reply,
    printed with the essay, denies that design can carry that message: "This
    (design) is impossible", because "pious declarations cannot stop China
    from thinking that the alliance could shift its attention towards
    China".  The model makes the debate a signalling game (Spence 1973; Cho
    and Kreps 1987) and says when each side is right.

    Game.  Nature draws the coalition's *target*: ``"China"`` with
    probability q = ``prior_china_target``, else ``"North Korea"``; the
    coalition (the sender) knows it, China (the receiver) does not.  The
    coalition chooses a **Narrow** design (solely for North Korean
    challenges) or a **Broad** one; China sees the design and chooses to
    **Accommodate** (cooperate on North Korea) or **Back Pyongyang**.  With
    z = ``backing_loss``, m_N, m_C = ``design_cost_nk``,
    ``design_cost_china``, v = ``balancing_value``, c = ``backing_cost``
    (payoffs (coalition, China))::

                              Accommodate      Back Pyongyang
        Narrow, target NK     (−m_N, 0)        (−m_N − z, −c)
        Narrow, target China  (−m_C, 0)        (−m_C − z, v − c)
        Broad,  target NK     (0, 0)           (−z, −c)
        Broad,  target China  (0, 0)           (−z, v − c)

    A narrow design costs the coalition what it gives up: little when it
    aims at North Korea (m_N), the China mission itself when it aims at China
    (m_C).  Backing Pyongyang costs China c (Sahashi: it "lacks profit") and
    pays v only against a coalition aimed at China (the "two camps").

    The essays are cited in full by ``ChinaInference.parameters()``.

    Parameters
    ----------
    prior_china_target : probability in (0, 1), default 1/2
        q, China's prior that the coalition aims at China.  The reader's reply
        to essay 002: "the alliance could shift its attention towards China".
    balancing_value : number > 0, default 3
        v, China's gain from backing Pyongyang against a coalition aimed at
        China.  Essay 002: "Some argue that it would drive Beijing into further
        support for Pyongyang".
    backing_cost : number > 0, default 1
        c, China's cost of backing Pyongyang.  Essay 002: "lacks profit", and
        Beijing "is concerned over Pyongyang’s brinksmanship and nuclear
        agenda".
    backing_loss : number > 0, default 2
        z, the coalition's loss when China backs Pyongyang.  Essay 002: "fractures
        in bilateral cooperation will only create conditions more susceptible to
        manipulation by Pyongyang" (a modelling reading: China's backing is one
        such condition).
    design_cost_nk : number >= 0, default 1
        m_N, what a narrow design costs a coalition aimed at North Korea.
        Essay 002: "The promotion of human rights and democracy cannot be a
        trilateral agenda."
    design_cost_china : number >= 0, default 4
        m_C, what a narrow design costs a coalition aimed at China: the China
        mission given up.  Essay 002: "designed solely for North Korean
        challenges — not for challenging the rise of China".  Setting
        m_C = m_N is the reader's "pious declarations": a design both targets
        can adopt at the same cost.

    players : pair of str, default ("Coalition", "China")
        The sender's and the receiver's names.

    Defaults
    --------
    Illustrative: v = 3, c = 1 put China's backing threshold at
    μ* = c/v = 1/3, below the prior 1/2 (unpersuaded, China backs
    Pyongyang); m_N = 1 < z = 2 < m_C = 4, so the narrow design is worth its
    cost only to a coalition aimed at North Korea.  ``headline =
    ("prior_china_target", "design_cost_china")``.

    Regimes
    -------
    China backs Pyongyang after a design iff its belief μ that the coalition
    aims at China satisfies μ·v >= c (μ >= μ* = c/v; both actions at
    equality).  With v > c (when v <= c backing never pays China more than
    accommodating, whatever it believes, and design cannot change that):

    * **Design persuades** (m_N <= z <= m_C): a *separating* PBE -- the
      North-Korea coalition chooses Narrow, the China coalition Broad; China
      accommodates after Narrow and backs after Broad.  The design changes
      China's behaviour: it backs only the coalition that targets it.
    * **Pooling on Broad**: with q < μ*, China accommodates after Broad and
      both types choose Broad (a narrow design buys nothing); with q > μ* it
      backs after Broad, and the pooling survives only if China would back
      after Narrow too, with probability at least 1 − min(m_N, m_C)/z
      (off-path belief μ >= μ*; no condition when min(m_N, m_C) >= z).  When
      m_N < z < m_C the
      Intuitive Criterion (Cho and Kreps 1987) removes it: only the
      North-Korea type could gain from Narrow, so China must read Narrow as
      "North Korea".
    * **Design cannot persuade** (m_C < z or m_N > z): no separating PBE.
      With m_N = m_C = m (the reader's "pious declarations") both targets
      rank the designs alike, so every PBE gives each of them the same
      payoff; for q > μ* that payoff is −z, as with no design at all: some
      design on the path must leave China's belief above q, hence above μ*,
      and China backs Pyongyang after it.  Semi-separating PBE exist (China
      mixes at belief μ*), but they only randomise China's backing.

    No PBE has the China coalition choose Narrow while the North-Korea
    coalition chooses Broad, unless m_C = 0 and v <= c: Narrow would reveal
    the China type, which would pay m_C for it and, when v > c, be backed
    against, while Broad (read as "North Korea") gets it 0.  With a free
    narrow design and v <= c, China accommodates even a coalition it knows to
    aim at China, and that reversed separation is a PBE.
    The conditions above are derived by hand and checked against the solver
    in ``tests/test_china_inference.py``; ``tg.statics.regimes(ChinaInference)``
    gives every PBE with its exact condition in all six parameters.

    References
    ----------
    Michael Spence, "Job Market Signaling," *Quarterly Journal of Economics*
    87(3), 1973.  In-Koo Cho and David M. Kreps, "Signaling Games and Stable
    Equilibria," *Quarterly Journal of Economics* 102(2), 1987.  James D.
    Fearon, "Signaling Foreign Policy Interests: Tying Hands versus Sinking
    Costs," *Journal of Conflict Resolution* 41(1), 1997 (a design that costs
    the China type more is a sunk-cost signal).

    Examples
    --------
    >>> from trigame.models.china_inference import ChinaInference
    >>> sorted({e.kind for e in ChinaInference().equilibria()})
    ['pooling', 'separating']
    >>> [e.kind for e in ChinaInference().equilibria(refine="intuitive")]
    ['separating']
    """

    players: tuple[str, str] = ("Coalition", "China")  # type: ignore[misc]  # a field here: renamable
    title = "China's inference about the coalition's target"
    headline: ClassVar[tuple[str, str]] = ("prior_china_target", "design_cost_china")

    prior_china_target: float = parameter(
        default=Fraction(1, 2),
        domain=OPEN_UNIT,
        label="China's prior that the coalition targets China",
        latex=r"q",
        description="China's prior that the trilateral coalition aims at China (not only at North Korea)",
        source=cite("sahashi2011", "the alliance could shift its attention towards China",
                    speaker="a reader, in a reply printed below the essay"),
    )
    balancing_value: float = parameter(
        default=3,
        domain=POSITIVE,
        label="China's value of backing Pyongyang against a China-aimed coalition",
        latex=r"v",
        description="China's gain from backing Pyongyang when the coalition aims at China",
        source=cite("sahashi2011", "Some argue that it would drive Beijing into further support for Pyongyang"),
    )
    backing_cost: float = parameter(
        default=1,
        domain=POSITIVE,
        label="China's cost of backing Pyongyang",
        latex=r"c",
        description="China's cost of backing Pyongyang, whatever the coalition's target",
        source=(cite("sahashi2011", "lacks profit"),
                cite("sahashi2011", "Beijing is concerned over Pyongyang’s brinksmanship and nuclear agenda")),
    )
    backing_loss: float = parameter(
        default=2,
        domain=POSITIVE,
        label="Coalition's loss if China backs Pyongyang",
        latex=r"z",
        description="the coalition's loss when China backs Pyongyang",
        source=(cite("sahashi2011", "fractures in bilateral cooperation will only create conditions more "
                     "susceptible to manipulation by Pyongyang"),
                assumption("reading China's backing of Pyongyang as one such condition")),
    )
    design_cost_nk: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="Cost of a narrow design (coalition aimed at North Korea)",
        latex=r"m_{N}",
        description="what a design solely for North Korean challenges costs a coalition aimed at North Korea",
        source=cite("sahashi2011", "The promotion of human rights and democracy cannot be a trilateral agenda."),
    )
    design_cost_china: float = parameter(
        default=4,
        domain=NONNEGATIVE,
        label="Cost of a narrow design (coalition aimed at China)",
        latex=r"m_{C}",
        description="what a design solely for North Korean challenges costs a coalition aimed at China",
        source=cite("sahashi2011", "trilateral cooperation must be designed solely for North Korean challenges — "
                    "not for challenging the rise of China"),
    )

    scenarios = (
        Scenario(
            "Sahashi's design (2011)",
            {},
            "Essay 002's argument: a design solely for North Korean challenges costs a coalition aimed at China "
            "its China mission (m_C = 4 > z = 2 > m_N = 1). The separating equilibrium exists and is the only "
            "one to pass the Intuitive Criterion: China accommodates the narrow design. Illustrative values.",
        ),
        Scenario(
            "The reader's reply: pious declarations (2011)",
            {"design_cost_china": 1},
            "The reader's reply printed with Ryo Sahashi, “North Korea: Why is Seoul and Tokyo Cooperation Necessary?” "
            "(East Asia Forum, 2011): design costs either target the same (m_C = m_N = 1 < z = 2), so it "
            "cannot separate them; with the prior 1/2 above China's threshold 1/3, every equilibrium leaves each "
            "coalition the payoff -2 of being backed against for sure (a semi-separating one only randomises "
            "China's backing). Illustrative values.",
        ),
        Scenario(
            "Reassured China (illustrative)",
            {"prior_china_target": Fraction(1, 5), "design_cost_china": 1},
            "China's prior 1/5 is below its threshold 1/3: both targets can choose the broad design and be "
            "accommodated; equilibria in which a narrow design is expected and a broad one punished exist too. "
            "Constructed values, not a historical case.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> SignalingGame:
        """The signalling game: the coalition's target, its design, China's response."""
        q = v.prior_china_target
        cost = {"North Korea": v.design_cost_nk, "China": v.design_cost_china}

        def payoff(target: str, design: str, response: str) -> tuple[Any, Any]:
            backed = response == "Back Pyongyang"
            coalition = -(cost[target] if design == "Narrow" else 0) - (v.backing_loss if backed else 0)
            china = ((v.balancing_value if target == "China" else 0) - v.backing_cost) if backed else 0
            return (coalition, china)

        return SignalingGame(TYPES, {"North Korea": 1 - q, "China": q}, MESSAGES, ACTIONS, payoff,
                             players=v.players, title="China's inference about the coalition's target")
