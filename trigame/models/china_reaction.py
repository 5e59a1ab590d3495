"""China's reaction to Japan--ROK security cooperation: "two camps", "lacks profit" and the "veto"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models.base import Model
from trigame.models.bibliography import cite
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Scenario, parameter

__all__ = ["ChinaReaction"]

ALLY_ACTIONS = ("Cooperate", "Abstain")
CHINA_ACTIONS = ("Accommodate", "Back Pyongyang")


@dataclass(frozen=True, kw_only=True)
class ChinaReaction(Model):
    """Japan offers security cooperation, South Korea accepts or not; China then accommodates or backs Pyongyang.

    Ryo Sahashi, “North Korea: Why is Seoul and Tokyo Cooperation Necessary?”
    (East Asia Forum, 2011) asks whether Japan--ROK cooperation "would drive
    Beijing into further support for Pyongyang — demarcating the sub-region
    into two camps", and answers that backing Pyongyang "lacks profit" for
    China; “Is It Time for the U.S.-Japan-South Korea Virtual Alliance to Get
    Real?” (Asia Unbound, 17 Jan 2012) adds that "it would be a mistake to
    give China a veto over such cooperation".  This is the constructed
    China-reaction game of the research notes (models.md §8.1(a)), with the
    allied side split into its two members, each paying its own domestic
    cost when it cooperates, alone or not (as in §8.1(b)).

    Game.  Japan chooses ``Cooperate`` (institutionalised security
    cooperation: GSOMIA, ACSA) or ``Abstain``; South Korea, having seen it,
    chooses ``Cooperate`` or ``Abstain``; China, having seen both, chooses
    ``Accommodate`` or ``Back Pyongyang``.  Tokyo moves first and Seoul
    second because that is how the 2012 GSOMIA episode went: the agreement
    was ready in Tokyo and Seoul decided last, "only to have the plug pulled
    an hour prior to the signing by the South Korean foreign ministry"
    (“U.S. Rebalancing and Japan-South Korea Defense Cooperation”, Asia
    Unbound, 9 Jul 2012).  The order is what makes China's threat pivotal:
    Seoul decides knowing Tokyo has cooperated, so its choice is exactly
    the one China's threat bears on, and Tokyo's choice turns on Seoul's.
    (With the allies moving at the same time, a lone ally's deviation from
    joint abstention never produced joint cooperation, so the threat was
    never pivotal and abstention was a coordination failure, not deference.)
    With g = ``deterrence_gain``, k_J, k_K = ``domestic_cost_japan``,
    ``domestic_cost_rok``, z = ``backing_loss``, t = ``china_discomfort``,
    a = ``backing_value``, c = ``backing_cost`` and 1[.] an indicator::

        u_Japan = g·1[both cooperate] − k_J·1[Japan cooperates] − z·1[China backs]
        u_ROK   = g·1[both cooperate] − k_K·1[ROK cooperates]   − z·1[China backs]
        u_China = −t·1[both cooperate] + (a·1[both cooperate] − c)·1[China backs]

    Tree (payoffs (Japan, South Korea, China))::

        Japan
        ├── Cooperate ── South Korea
        │                ├── Cooperate ── China ── Accommodate:    (g − k_J, g − k_K, −t)
        │                │                     └── Back Pyongyang: (g − k_J − z, g − k_K − z, −t + a − c)
        │                └── Abstain ──── China ── Accommodate:    (−k_J, 0, 0)
        │                                      └── Back Pyongyang: (−k_J − z, −z, −c)
        └── Abstain ──── South Korea
                         ├── Cooperate ── China ── Accommodate:    (0, −k_K, 0)
                         │                     └── Back Pyongyang: (−z, −k_K − z, −c)
                         └── Abstain ──── China ── Accommodate:    (0, 0, 0)
                                               └── Back Pyongyang: (−z, −z, −c)

    Information sets: ``Japan@root``, ``South Korea@Cooperate`` and
    ``South Korea@Abstain`` (after Japan's move), ``China@Cooperate/Cooperate``
    and so on (after Japan's and South Korea's moves).

    With ``simultaneous=True`` (an option, not a parameter) all three choose
    at once -- China commits without observing the allies, and the allies
    without observing each other: the same payoffs as a 2x2x2 strategic-form
    game with strategies (Cooperate, Abstain) x (Cooperate, Abstain) x
    (Accommodate, Back Pyongyang).

    Parameters
    ----------
    deterrence_gain : number >= 0, default 3
        g, each ally's gain when both cooperate (deterrence of North Korea,
        shared intelligence).  Sahashi 2011: "weak unity among the status quo
        powers has led to insufficient deterrence against the North".
    domestic_cost_japan : number >= 0, default 1
        k_J, Japan's domestic and historical cost of cooperating.  “A Japanese
        Perspective” (c. 2016): "These issues enflamed nationalist sentiments
        within the two countries".
    domestic_cost_rok : number >= 0, default 2
        k_K, South Korea's domestic and historical cost of cooperating.
        Sahashi 2011: "contributing to mental barriers against collaboration
        with the JSDF".
    backing_loss : number >= 0, default 2
        z, each ally's loss when China backs Pyongyang.  Sahashi 2011:
        "demarcating the sub-region into two camps".
    china_discomfort : number >= 0, default 1
        t, China's loss from the allies' joint cooperation; lower when it is
        "designed solely for North Korean challenges" (Sahashi 2011).
    backing_value : number >= 0, default 1
        a, China's balancing gain from backing Pyongyang once the allies
        cooperate.  Sahashi 2011: "trilateral solidarity would be seen by
        China as an enhancement of the US alliance".
    backing_cost : number > 0, default 2
        c, China's cost of backing Pyongyang (brinkmanship risk, sanctions
        exposure, economic ties with Seoul and Tokyo).  Sahashi 2011:
        "enhancing the relationship with Pyongyang, symbolically and
        substantially, lacks profit".
    simultaneous : bool, default False
        The variant in which all three choose at once.

    Defaults
    --------
    The defaults are illustrative (constructed, not estimated).  a < c
    encodes Sahashi's *claim* that backing Pyongyang "lacks profit"; it is
    the essay's conclusion, not the model's finding.  Cooperation is worth
    its domestic cost to both allies (g > k_J, k_K) but not to South Korea if
    China backed Pyongyang (g − z < k_K).  ``headline = ("backing_value",
    "backing_cost")``: the essay's question is on which side of a = c China
    stands, and with the defaults crossing that line removes cooperation.

    Regimes
    -------
    Sequential game (the default), with k_J, k_K > 0 and c > 0.  Backward
    induction.  After any history but joint cooperation China accommodates
    (backing costs c > 0 and gains nothing).  After joint cooperation backing
    gives −t + a − c against −t for accommodating: t is sunk, so China's
    reaction turns on a − c alone.  Let W = g if a < c and W = g − z if
    a > c: what joint cooperation is worth to an ally before its domestic
    cost.  Seoul, after Tokyo cooperated, cooperates iff W > k_K; after Tokyo
    abstained it abstains (cooperating alone costs k_K).  Tokyo cooperates
    iff Seoul would follow and W > k_J.  The SPE is unique away from ties:

    * **"Lacks profit"** (a < c): China never backs Pyongyang; the allies
      cooperate iff g > k_J and g > k_K, and both abstain otherwise.
    * **"Two camps"** (a > c): China backs Pyongyang after joint cooperation;
      the allies cooperate (and China backs) iff g − z > k_J and
      g − z > k_K, and both abstain otherwise.
    * **The "veto"** (a < c, g > k_J, g > k_K and g − z < k_K): the profile
      "Japan abstains; South Korea abstains whatever Japan does; China backs
      Pyongyang after joint cooperation and accommodates otherwise" is a Nash
      equilibrium of the strategic form, and the threat is pivotal in it:
      facing it, Seoul's refusal after Tokyo's offer is its best reply
      (g − k_K − z < 0), so Tokyo's offer would earn −k_J; facing a China
      that always accommodates, Seoul would accept (g − k_K > 0) and Tokyo's
      offer would earn g − k_J > 0.  The threat is not credible: once the
      allies have cooperated, backing would cost China c − a > 0, so the
      profile is not subgame-perfect, and deferring to it forgoes the unique
      SPE, worth g − k_i > 0 to each ally.  In every Nash equilibrium in
      which both allies abstain and each ally's choice is a best reply at
      each of its decision nodes, China backs Pyongyang after joint
      cooperation.  (Nash equilibria in which Seoul's off-path refusal is not
      a best reply also exist, as in any tree; those do not rest on China.)
    * China's discomfort t never changes an equilibrium, by construction: it
      is paid whether or not China backs Pyongyang, so it cancels from
      China's only choice that matters.  Designing cooperation "solely for
      North Korean challenges" lowers t, which changes nothing here; the
      question whether design changes China's *reading* of whom the
      cooperation targets needs China's uncertainty about the coalition's
      aim -- a signalling game, not modelled here.
    * **Boundaries** (a = c, W = k_i or k_i = 0): ties; the solvers report
      several choices and ``degenerate=True``.

    Simultaneous variant (``simultaneous=True``): if a < c, Accommodate
    strictly dominates Back Pyongyang (it saves c and backing gains at most
    a), and the Nash equilibria are those of the allies' stag hunt in g − k_i
    with China accommodating.  If a > c, the pure equilibria are (Abstain,
    Abstain, Accommodate) always and (Cooperate, Cooperate, Back Pyongyang)
    iff g > k_J and g > k_K -- a China committed to backing cannot reward an
    ally's abstention, so z no longer deters cooperation; (Cooperate,
    Cooperate, Accommodate) is never one -- China cannot promise to
    accommodate.  Whether observing helps China depends on t: when a > c,
    g > k_J, k_K and g − z < k_K, China gets 0 in the sequential SPE (the
    allies abstain) and −t + a − c in the simultaneous (Cooperate, Cooperate,
    Back Pyongyang), so observing helps China iff t > a − c (a tie at the
    defaults with a = 3, where t = 1 = a − c).

    References
    ----------
    Ryo Sahashi, “North Korea: Why is Seoul and Tokyo Cooperation Necessary?”,
    East Asia Forum, 2011.  “Is It Time for the U.S.-Japan-South Korea
    Virtual Alliance to Get Real?”, Asia Unbound (Council on Foreign
    Relations blog), 17 Jan 2012, unsigned in the source text.  “U.S.
    Rebalancing and Japan-South Korea Defense Cooperation”, Asia Unbound,
    9 Jul 2012, unsigned in the source text.  Reinhard Selten,
    "Reexamination of the Perfectness Concept for Equilibrium Points in
    Extensive Games," *International Journal of Game Theory* 4, 1975, 25-55
    (non-credible threats).  Glenn H. Snyder, "The Security Dilemma in
    Alliance Politics," *World Politics* 36(4), 1984 (the alliance /
    counter-alliance dilemma).

    Examples
    --------
    >>> from trigame.models import ChinaReaction
    >>> m = ChinaReaction()                       # "lacks profit": a = 1 < c = 2
    >>> [spe] = m.equilibria()                    # the unique SPE: both cooperate, China accommodates
    >>> spe.payoffs == (3 - 1, 3 - 2, -1)      # (g − k_J, g − k_K, −t)
    True
    >>> camps = m.replace(backing_value=3)        # "two camps", and g − z = 1 < k_K = 2
    >>> [spe] = camps.equilibria()
    >>> spe.choices()["Japan@root"], spe.choices()["South Korea@Cooperate"], spe.choices()["China@Cooperate/Cooperate"]
    ('Abstain', 'Abstain', 'Back Pyongyang')
    >>> m.replace(simultaneous=True).game().shape
    (2, 2, 2)
    """

    players = ("Japan", "South Korea", "China")
    title = "China's reaction to Japan-ROK security cooperation"
    headline: ClassVar[tuple[str, str]] = ("backing_value", "backing_cost")

    deterrence_gain: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="Allies' gain from cooperation",
        latex=r"g",
        description="each ally's gain when both cooperate (deterrence of North Korea, shared intelligence)",
        source=cite("sahashi2011", "weak unity among the status quo powers has led to insufficient deterrence "
                    "against the North"),
    )
    domestic_cost_japan: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="Japan domestic cost",
        latex=r"k_{J}",
        description="Japan's domestic and historical cost of cooperating (paid whether or not the ROK cooperates)",
        source=cite("japanese2016", "These issues enflamed nationalist sentiments within the two countries"),
    )
    domestic_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="ROK domestic cost",
        latex=r"k_{K}",
        description="South Korea's domestic and historical cost of cooperating (paid whether or not Japan "
        "cooperates)",
        source=cite("sahashi2011", "contributing to mental barriers against collaboration with the JSDF"),
    )
    backing_loss: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="Allies' loss if China backs Pyongyang",
        latex=r"z",
        description="each ally's loss when China backs Pyongyang",
        source=cite("sahashi2011", "demarcating the sub-region into two camps"),
    )
    china_discomfort: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="China's discomfort at cooperation",
        latex=r"t",
        description="China's loss from the allies' joint cooperation (lower when it targets North Korea only)",
        source=cite("sahashi2011", "designed solely for North Korean challenges"),
    )
    backing_value: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="China's gain from backing Pyongyang",
        latex=r"a",
        description="China's balancing gain from backing Pyongyang once the allies cooperate",
        source=cite("sahashi2011", "trilateral solidarity would be seen by China as an enhancement of the US alliance"),
    )
    backing_cost: float = parameter(
        default=2,
        domain=POSITIVE,
        label="China's cost of backing Pyongyang",
        latex=r"c",
        description="China's cost of backing Pyongyang (brinkmanship risk, sanctions exposure, economic ties)",
        source=cite("sahashi2011", "enhancing the relationship with Pyongyang, symbolically and substantially, "
                    "lacks profit"),
    )
    simultaneous: bool = False

    scenarios = (
        Scenario(
            "Lacks profit (illustrative)",
            {},
            "Sahashi's claim (East Asia Forum, 2011): backing Pyongyang 'lacks profit' for China (a < c), so "
            "China accommodates whatever the allies do, its threat is not credible, and Tokyo and Seoul both "
            "cooperate. a < c is the essay's claim, not the model's finding. Constructed values (the defaults), "
            "not estimates.",
        ),
        Scenario(
            "Two camps (illustrative)",
            {"backing_value": 3},
            "The view Sahashi (East Asia Forum, 2011) reports and doubts: cooperation drives Beijing to back "
            "Pyongyang (a > c), 'demarcating the sub-region into two camps'; with the default costs Seoul would "
            "refuse Tokyo's offer, so both abstain. Constructed values, not estimates.",
        ),
    )

    @classmethod
    def variant_strategies(cls, **options: Any) -> tuple[tuple[str, ...], ...]:
        """Strategic form ``(allies) x (allies) x (China)`` when ``simultaneous``; a tree otherwise."""
        return (ALLY_ACTIONS, ALLY_ACTIONS, CHINA_ACTIONS) if options.get("simultaneous") else ()

    @staticmethod
    def payoffs(v: Any) -> Any:
        """The payoffs of models.md §8.1(a): a tree (Japan, South Korea, China), or a table if simultaneous."""

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
        # Tokyo offers, Seoul answers having seen the offer, China reacts having seen both.
        root = Decision("Japan", {
            j: Decision("South Korea", {
                k: Decision("China", {c: Terminal(outcome(j, k, c)) for c in CHINA_ACTIONS},
                            infoset=f"China@{j}/{k}")
                for k in ALLY_ACTIONS
            }, infoset=f"South Korea@{j}")
            for j in ALLY_ACTIONS
        }, infoset="Japan@root")
        return GameTree(root, players=ChinaReaction.players, title=ChinaReaction.title)
