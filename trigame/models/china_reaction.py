"""China's reaction to Japan--ROK security cooperation: "two camps", "lacks profit" and the "veto"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.games.tree import Decision, GameTree, Terminal, stage
from trigame.models.base import Model
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Scenario, parameter

__all__ = ["ChinaReaction"]

ALLY_ACTIONS = ("Cooperate", "Abstain")
CHINA_ACTIONS = ("Accommodate", "Back Pyongyang")


@dataclass(frozen=True, kw_only=True)
class ChinaReaction(Model):
    """Japan and South Korea decide on security cooperation; China then accommodates or backs Pyongyang.

    Sahashi (002_4143fe862d01c05d.txt) asks whether Japan--ROK cooperation
    "would drive Beijing into further support for Pyongyang — demarcating the
    sub-region into two camps", and answers that backing Pyongyang "lacks
    profit" for China; the 2012 essay (000_dbbbf7faee29b8a9.txt) adds that "it
    would be a mistake to give China a veto over such cooperation".  This is
    the constructed China-reaction game of the research notes (models.md
    §8.1(a)), with the allied side split into its two members, each paying
    its own domestic cost when it cooperates, alone or not (as in §8.1(b)).

    Game.  Japan and South Korea choose ``Cooperate`` (institutionalised
    security cooperation: GSOMIA, ACSA) or ``Abstain`` simultaneously; China
    observes the profile and chooses ``Accommodate`` or ``Back Pyongyang``.
    With g = ``deterrence_gain``, k_J, k_K = ``domestic_cost_japan``,
    ``domestic_cost_rok``, z = ``backing_loss``, t = ``china_discomfort``,
    a = ``backing_value``, c = ``backing_cost`` and 1[.] an indicator::

        u_Japan = g·1[both cooperate] − k_J·1[Japan cooperates] − z·1[China backs]
        u_ROK   = g·1[both cooperate] − k_K·1[ROK cooperates]   − z·1[China backs]
        u_China = −t·1[both cooperate] + (a·1[both cooperate] − c)·1[China backs]

    Tree (payoffs (Japan, South Korea, China))::

        Japan, South Korea (simultaneous)
        ├── (Cooperate, Cooperate) ── China ── Accommodate:    (g − k_J, g − k_K, −t)
        │                                  └── Back Pyongyang: (g − k_J − z, g − k_K − z, −t + a − c)
        ├── (Cooperate, Abstain) ──── China ── Accommodate:    (−k_J, 0, 0)
        │                                  └── Back Pyongyang: (−k_J − z, −z, −c)
        ├── (Abstain, Cooperate) ──── China ── Accommodate:    (0, −k_K, 0)
        │                                  └── Back Pyongyang: (−z, −k_K − z, −c)
        └── (Abstain, Abstain) ────── China ── Accommodate:    (0, 0, 0)
                                           └── Back Pyongyang: (−z, −z, −c)

    With ``simultaneous=True`` (an option, not a parameter) China commits
    without observing the allies: the same payoffs as a 2x2x2 strategic-form
    game with strategies (Cooperate, Abstain) x (Cooperate, Abstain) x
    (Accommodate, Back Pyongyang).

    Parameters
    ----------
    deterrence_gain : number >= 0, default 3
        g, each ally's gain when both cooperate (deterrence of North Korea,
        shared intelligence).  002_4143fe862d01c05d.txt: "weak unity among the
        status quo powers has led to insufficient deterrence against the North".
    domestic_cost_japan : number >= 0, default 1
        k_J, Japan's domestic and historical cost of cooperating.
        004_5d854be5f042cbb8.txt: "These issues enflamed nationalist sentiments
        within the two countries".
    domestic_cost_rok : number >= 0, default 2
        k_K, South Korea's domestic and historical cost of cooperating.
        002_4143fe862d01c05d.txt: "contributing to mental barriers against
        collaboration with the JSDF".
    backing_loss : number >= 0, default 2
        z, each ally's loss when China backs Pyongyang.
        002_4143fe862d01c05d.txt: "demarcating the sub-region into two camps".
    china_discomfort : number >= 0, default 1
        t, China's loss from the allies' joint cooperation; lower when it is
        "designed solely for North Korean challenges" (002_4143fe862d01c05d.txt).
    backing_value : number >= 0, default 1
        a, China's balancing gain from backing Pyongyang once the allies
        cooperate.  002_4143fe862d01c05d.txt: "trilateral solidarity would be
        seen by China as an enhancement of the US alliance".
    backing_cost : number > 0, default 2
        c, China's cost of backing Pyongyang (brinkmanship risk, sanctions
        exposure, economic ties with Seoul and Tokyo).
        002_4143fe862d01c05d.txt: "enhancing the relationship with Pyongyang,
        symbolically and substantially, lacks profit".
    simultaneous : bool, default False
        The variant in which China chooses without observing the allies.

    Defaults
    --------
    The defaults are illustrative (constructed, not estimated): the "lacks
    profit" regime of the essay (a < c), cooperation worth its domestic cost
    to both allies (g > k_J, k_K) but not if China backed Pyongyang
    (g − z < k_K).  ``headline = ("backing_value", "backing_cost")``: the
    essay's question is on which side of a = c China stands, and with the
    defaults crossing that line removes the cooperative equilibrium.

    Regimes
    -------
    Sequential game (the default), with k_J, k_K > 0 and c > 0.  After any
    profile but joint cooperation China accommodates (backing costs c > 0 and
    gains nothing).  After joint cooperation backing gives −t + a − c against
    −t for accommodating: t is sunk, so China's reaction turns on a − c alone.

    * **"Two camps"** (a > c): China backs Pyongyang after joint cooperation,
      in every SPE.  The allies then play a stag hunt with mutual cooperation
      worth g − z − k_i: if g − z > k_J and g − z > k_K there are exactly
      three SPE -- (Cooperate, Cooperate) followed by backing, (Abstain,
      Abstain), and a mixed one with Pr_Japan(Cooperate) = k_K/(g − z) and
      Pr_ROK(Cooperate) = k_J/(g − z); if g − z < k_i for some ally,
      (Abstain, Abstain) is the unique SPE.
    * **"Lacks profit"** (a < c): China never backs Pyongyang in any SPE.  The
      allies' stag hunt has mutual cooperation worth g − k_i: if g > k_J and
      g > k_K there are exactly three SPE -- (Cooperate, Cooperate),
      (Abstain, Abstain) and a mixed one with Pr_Japan(Cooperate) = k_K/g and
      Pr_ROK(Cooperate) = k_J/g; if g < k_i for some ally, (Abstain, Abstain)
      is the unique SPE.
    * **The "veto"** (a < c, g > k_J and g > k_K): the profile "both abstain;
      China would back Pyongyang if both cooperated and accommodates
      otherwise" is a Nash equilibrium of the strategic form (each ally that
      cooperated alone would pay k_i > 0 for nothing; China's threat is never
      tested) but not subgame-perfect: once the allies cooperated, backing
      would cost China c − a > 0.  Deferring to it means acting on a
      non-credible threat and forgoing the cooperative SPE, worth g − k_i > 0
      to each ally.
    * China's discomfort t never changes an equilibrium: designing
      cooperation "solely for North Korean challenges" lowers China's loss
      but not its reaction, which turns on a − c.
    * **Boundaries** (a = c, g − z = k_i, g = k_i or k_i = 0): ties; the
      solvers report several choices and ``degenerate=True``.

    Simultaneous variant (``simultaneous=True``): if a < c, Accommodate
    strictly dominates Back Pyongyang (it saves c and backing gains at most
    a), and the Nash equilibria are those of the allies' stag hunt in g − k_i
    with China accommodating.  If a > c, the pure equilibria are (Abstain,
    Abstain, Accommodate) always and (Cooperate, Cooperate, Back Pyongyang)
    iff g > k_J and g > k_K -- a China committed to backing cannot reward an
    ally's abstention, so z no longer deters cooperation; (Cooperate,
    Cooperate, Accommodate) is never one -- China cannot promise to
    accommodate.

    References
    ----------
    Ryo Sahashi, "North Korea: Why is Seoul and Tokyo Cooperation Necessary?",
    East Asia Forum, 2011 (002_4143fe862d01c05d.txt).  Reinhard Selten,
    "Reexamination of the Perfectness Concept for Equilibrium Points in
    Extensive Games," *International Journal of Game Theory* 4, 1975, 25-55
    (non-credible threats).  Glenn H. Snyder, "The Security Dilemma in
    Alliance Politics," *World Politics* 36(4), 1984 (the alliance /
    counter-alliance dilemma).

    Examples
    --------
    >>> from trigame.models import ChinaReaction
    >>> m = ChinaReaction()                       # "lacks profit": a = 1 < c = 2
    >>> [sorted(set(spe.choices()[k] for k in spe.behavior if k.startswith("China"))) for spe in m.equilibria()]
    [['Accommodate'], ['Accommodate'], ['Accommodate']]
    >>> camps = m.replace(backing_value=3)        # "two camps", and g − z = 1 < k_K = 2
    >>> [spe.label() for spe in camps.equilibria()]  # doctest: +NORMALIZE_WHITESPACE
    ['allies:Japan: Abstain; allies:South Korea: Abstain; China@Cooperate/Cooperate: Back Pyongyang;
      China@Cooperate/Abstain: Accommodate; China@Abstain/Cooperate: Accommodate;
      China@Abstain/Abstain: Accommodate']
    >>> m.replace(simultaneous=True).game().shape
    (2, 2, 2)
    """

    players = ("Japan", "South Korea", "China")
    title = "China's reaction to Japan-ROK security cooperation"
    headline: ClassVar[tuple[str, str]] = ("backing_value", "backing_cost")

    deterrence_gain: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        description="each ally's gain when both cooperate (deterrence of North Korea, shared intelligence)",
        source='002_4143fe862d01c05d.txt: "weak unity among the status quo powers has led to insufficient '
        'deterrence against the North"',
    )
    domestic_cost_japan: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        description="Japan's domestic and historical cost of cooperating (paid whether or not the ROK cooperates)",
        source='004_5d854be5f042cbb8.txt: "These issues enflamed nationalist sentiments within the two countries"',
    )
    domestic_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        description="South Korea's domestic and historical cost of cooperating (paid whether or not Japan "
        "cooperates)",
        source='002_4143fe862d01c05d.txt: "contributing to mental barriers against collaboration with the JSDF"',
    )
    backing_loss: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        description="each ally's loss when China backs Pyongyang",
        source='002_4143fe862d01c05d.txt: "demarcating the sub-region into two camps"',
    )
    china_discomfort: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        description="China's loss from the allies' joint cooperation (lower when it targets North Korea only)",
        source='002_4143fe862d01c05d.txt: "designed solely for North Korean challenges"',
    )
    backing_value: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        description="China's balancing gain from backing Pyongyang once the allies cooperate",
        source='002_4143fe862d01c05d.txt: "trilateral solidarity would be seen by China as an enhancement of the '
        'US alliance"',
    )
    backing_cost: float = parameter(
        default=2,
        domain=POSITIVE,
        description="China's cost of backing Pyongyang (brinkmanship risk, sanctions exposure, economic ties)",
        source='002_4143fe862d01c05d.txt: "enhancing the relationship with Pyongyang, symbolically and '
        'substantially, lacks profit"',
    )
    simultaneous: bool = False

    scenarios = (
        Scenario(
            "Lacks profit (illustrative)",
            {},
            "Sahashi's reading (002_4143fe862d01c05d.txt): backing Pyongyang 'lacks profit' for China (a < c), "
            "so China accommodates whatever the allies do and its objection is no veto. Constructed values "
            "(the defaults), not estimates.",
        ),
        Scenario(
            "Two camps (illustrative)",
            {"backing_value": 3},
            "The view Sahashi reports and doubts: cooperation drives Beijing to back Pyongyang (a > c), "
            "'demarcating the sub-region into two camps'; with the default costs the allies then abstain. "
            "Constructed values, not estimates.",
        ),
    )

    @classmethod
    def variant_strategies(cls, **options: Any) -> tuple[tuple[str, ...], ...]:
        """Strategic form ``(allies) x (allies) x (China)`` when ``simultaneous``; a tree otherwise."""
        return (ALLY_ACTIONS, ALLY_ACTIONS, CHINA_ACTIONS) if options.get("simultaneous") else ()

    @staticmethod
    def payoffs(v: Any) -> Any:
        """The payoffs of models.md §8.1(a), per ally; a tree, or a table when ``v.simultaneous``."""

        def outcome(japan: str, rok: str, china: str) -> tuple[Any, Any, Any]:
            both = japan == rok == "Cooperate"
            gain = v.deterrence_gain if both else 0
            loss = v.backing_loss if china == "Back Pyongyang" else 0
            u_japan = gain - (v.domestic_cost_japan if japan == "Cooperate" else 0) - loss
            u_rok = gain - (v.domestic_cost_rok if rok == "Cooperate" else 0) - loss
            u_china = -(v.china_discomfort if both else 0)
            if china == "Back Pyongyang":
                u_china = u_china + (v.backing_value if both else 0) - v.backing_cost
            return (u_japan, u_rok, u_china)

        if v.simultaneous:
            return {(j, k, c): outcome(j, k, c) for j in ALLY_ACTIONS for k in ALLY_ACTIONS for c in CHINA_ACTIONS}
        reactions = {
            (j, k): Decision("China", {c: Terminal(outcome(j, k, c)) for c in CHINA_ACTIONS})
            for j in ALLY_ACTIONS
            for k in ALLY_ACTIONS
        }
        root = stage(("Japan", "South Korea"), (ALLY_ACTIONS, ALLY_ACTIONS), reactions, key="allies")
        return GameTree(root, players=ChinaReaction.players, title=ChinaReaction.title)
