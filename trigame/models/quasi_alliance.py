"""Cha's quasi-alliance model: Japan and South Korea under a common US ally (Cha 1999)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from trigame.models.base import Model
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import NONNEGATIVE, POSITIVE, UNIT, Scenario, parameter

__all__ = ["QuasiAlliance"]

#: Cha's mechanism in the publisher's description of the book, as recorded (verified) in the research notes.
CHA_ASYMMETRY = "“from fundamental asymmetries in Japanese and Korean expectations of support from each other”"


@dataclass(frozen=True, kw_only=True)
class QuasiAlliance(Model):
    """Japan and South Korea, two quasi-allies, choose cooperation or friction (Cha 1999).

    A quasi-alliance is "the relationship between two states that remain
    non-allied but share a third party as a common ally" -- the wording of
    Cha's article on South Korean--Japanese relations 1969--1979 (the book,
    Cha 1999, defines the term on p. 3).  Cha's argument: Japan--ROK friction
    is the normal state, stemming from history and, in the publisher's
    description of the book, "from fundamental asymmetries in Japanese and
    Korean expectations of support from each other"; the two cooperate when
    *both* fear abandonment by the United States.  This is a game-theoretic
    restatement of that argument (research notes, models.md §2.3, extended;
    constructed, not Cha's own formalization), with each ally's fear of US
    abandonment a degree in [0, 1].

    Game (Japan chooses the row, South Korea the column; payoffs (Japan, ROK))::

                       Cooperate      Friction
        Cooperate      (c_J, c_K)     (−s, 0)
        Friction       (0, −s)        (0, 0)

        c_i = d + β·fear_i + κ·(1 − fear_i) − γ·(1 − fear_J·fear_K) − h_i

    with d = ``threat_value``, β = ``security_value``, κ =
    ``virtual_alliance_value``, γ = ``expectation_gap``, h = ``domestic_cost_*``
    and s = ``unreciprocated_cost``.  The four terms of c_i are four channels:

    * d, the direct value of deterring the North, whatever the fears;
    * β·fear_i, cooperation as insurance against US abandonment (Cha's channel);
    * κ·(1 − fear_i), cooperation that works *through* firm US alliances
      (Cossa's "virtual alliance"), earned in full when the ally trusts the
      United States;
    * γ·(1 − fear_J·fear_K), the contention that Cha's asymmetric
      expectations of support add to cooperation: the ROK expects more support
      from Japan than Japan expects to give.  It vanishes only when both allies
      fear US abandonment (Cha: symmetric abandonment fears set the bilateral
      asymmetry aside); constructed here, with one gap borne by both.

    With d = κ = γ = 0 (the defaults) this is the model of models.md §2.3.

    The essays are cited in full by ``QuasiAlliance.parameters()`` (author,
    title, outlet, date; :mod:`trigame.models.bibliography`).

    Parameters
    ----------
    fear_japan : number in [0, 1], default 0
        Japan's fear of abandonment by the United States; it falls as the
        credibility of the US commitment rises.  Essay 004 quotes Fred
        McGoldrick on the US need "to convince the South Koreans that it has no
        intention of abandoning them" and adds "This perfectly applies to the
        Japan-US alliance too."
    fear_rok : number in [0, 1], default 0
        South Korea's fear of abandonment by the United States: essay 003's
        "concerns that a stronger, more “geographically distributed” U.S.
        presence might come at the expense of South Korea", and McGoldrick's
        words quoted in essay 004.
    security_value : number > 0, default 3
        β, the value of lateral cooperation as insurance against US
        abandonment, earned in full when fear is 1 (Cha 1999).  Essay 002:
        "the ROK and Japan need to demonstrate to the US their conviction to
        cooperative action".
    threat_value : number >= 0, default 0
        d, the direct value to each ally of mutual cooperation against the
        North, whatever its fear of abandonment.  Essay 002: "weak unity among
        the status quo powers has led to insufficient deterrence against the
        North"; essay 003: "that challenge alone should be sufficient to
        inspire closer Japan-South Korea security ties".
    virtual_alliance_value : number >= 0, default 0
        κ, the value of cooperation that rides on firm US alliances, earned in
        full when fear is 0.  Essay 001 (Cossa): "As the Korea-Japan link
        strengthens and America's security ties with Tokyo and Seoul remain
        firm, the virtual alliance will naturally emerge and prosper"; essay
        000: "as quasi-allies through their respective alliances with the
        United States"; essay 004: the two alliances "are inseparable and
        interdependent".
    expectation_gap : number >= 0, default 0
        γ, Cha's bilateral asymmetry: friction stems "from fundamental
        asymmetries in Japanese and Korean expectations of support from each
        other" (Cha 1999, publisher's description, verified in the research
        notes; not an essay's words, so a modelling assumption here).
    domestic_cost_japan : number >= 0, default 1
        h_J, Japan's domestic and historical cost of cooperating with South
        Korea.  Essay 003: "nationalists in both countries that are staunchly
        resisting the need to contain old disputes".
    domestic_cost_rok : number >= 0, default 2
        h_K, South Korea's domestic and historical cost (textbooks,
        Dokdo/Takeshima, comfort women).  Essay 000: "textbook and territorial
        issues surrounding Tokdo/Takeshima again emerged to turn Korean public
        opinion negative toward cooperation with Japan".
    unreciprocated_cost : number > 0, default 1
        s, the cost of cooperating when the other does not: sharing without
        being shared with, and exposure at home.  Essay 002 on one-sided
        intelligence sharing: "Similar problems are possible if the US and/or
        South Korea chooses not to share information with Japan" ... "possibly
        creating issues of trust and reliance".

    Defaults
    --------
    The defaults are Cha's model in its "normal" state -- a firm US
    commitment, no fear of abandonment -- with illustrative (constructed)
    magnitudes: β = 3 exceeds both domestic costs, and the ROK's domestic
    cost is the larger.  Three defaults encode contested claims, not findings:

    * d = 0 is Cha's claim that the two cooperate as insurance against the
      United States, not for deterrence alone; essay 002's first rationale
      (deterrence of the North) says otherwise -- set ``threat_value > 0``.
    * κ = 0 is Cha's sign: a firmer US commitment can only remove cooperation.
      Cossa (essay 001: the virtual alliance emerges as US ties "remain firm")
      and essay 004 (the alliances "inseparable and interdependent") argue the
      opposite sign -- set ``virtual_alliance_value`` above β.
    * γ = 0 switches Cha's asymmetric expectations off, leaving history
      (h_i) as the only source of friction.

    Regimes
    -------
    Since s > 0, Friction is each ally's strict best reply to Friction, so
    (Friction, Friction) is always a strict Nash equilibrium.

    * **Friction** (min(c_J, c_K) < 0): the unique Nash equilibrium is
      (Friction, Friction).  An ally with c_i < 0 has Friction strictly
      dominant (0 > c_i against Cooperate, 0 > −s against Friction), and the
      other's best reply to Friction is Friction.
    * **Cooperation sustainable** (c_J > 0 and c_K > 0): an assurance (stag
      hunt) game with exactly three equilibria: (Cooperate, Cooperate), which
      Pareto-dominates (Friction, Friction); (Friction, Friction); and a mixed
      one with Pr_Japan(Cooperate) = s/(c_K + s) and
      Pr_ROK(Cooperate) = s/(c_J + s) -- each ally mixes so as to leave the
      other indifferent, so the ROK's probability depends only on Japan's
      payoffs (c_J and s), not on the ROK's own costs.
    * **Boundary** (min(c_J, c_K) = 0 with the other c >= 0): an ally is
      indifferent at (Cooperate, Cooperate); the game is degenerate and has a
      continuum of equilibria (reported with ``degenerate=True``).

    The direction of the US-commitment effect: ∂c_i/∂fear_i = β − κ +
    γ·fear_j and ∂c_i/∂fear_j = γ·fear_i >= 0.  If β >= κ (Cha's sign, so at
    the defaults) a more credible US commitment -- lower fears -- can only
    remove the cooperative equilibrium.  If κ > β and γ = 0 (Cossa's and
    essay 004's sign) it can only create it.  With κ > β and γ > 0 the two
    pull against each other and the effect of a firmer commitment depends
    on where the fears stand.

    At the defaults, (Cooperate, Cooperate) is an equilibrium iff
    fear_japan >= h_japan/β and fear_rok >= h_rok/β.  With fears in {0, 1}
    (Cha's "low"/"high") and β > max(h_japan, h_rok), cooperation can be
    sustained iff both allies fear abandonment; otherwise friction is the
    only equilibrium, and the normal state when neither fears abandonment.
    (Our wording of Cha's argument; the research notes label these
    hypotheses H-A and H-B, labels that are theirs, not Cha's.)  With γ > 0
    and d = κ = 0, a fear short of 1 on either side keeps the gap open.

    ``headline = ("fear_japan", "fear_rok")``: Cha's two variables.

    Scenarios
    ---------
    ``presets()`` holds Cha's three Cold War test periods (research notes
    models.md §2.4, high confidence); the 1980s and 1990s are uncertain there
    and have no preset.  One illustrative preset shows the opposite sign.

    * "1969-71 Nixon Doctrine": both fear abandonment -> cooperation.
    * "1972-74 detente": Japan low, ROK high -> friction.
    * "1975-79 Carter withdrawal plan": both fear abandonment -> cooperation.
    * "Cossa's sign (illustrative)": κ = 4 > β = 2, h_K = 3: with firm US ties
      (fears 0) c_J = 3, c_K = 1 and cooperation is sustainable; were both to
      fear abandonment, c_K = 2 − 3 < 0 and friction would be the only
      equilibrium.

    References
    ----------
    Victor D. Cha, *Alignment Despite Antagonism: The United States-Korea-Japan
    Security Triangle*, Stanford University Press, 1999.  Victor D. Cha,
    "South Korean-Japanese Relations 1969-1979: Is There More Beyond
    Emotionalism?" (the article whose wording of the definition is quoted
    above; journal and year not verified in the research notes).

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> both_fear = QuasiAlliance(fear_japan=1, fear_rok=1)
    >>> sorted(e.label() for e in both_fear.equilibria() if e.is_pure)
    ['Japan: Cooperate, South Korea: Cooperate', 'Japan: Friction, South Korea: Friction']
    >>> [e.label() for e in QuasiAlliance.presets()["1972-74 detente"].equilibria()]
    ['Japan: Friction, South Korea: Friction']
    >>> deterrence = QuasiAlliance(threat_value=3)   # no fear at all, but deterring the North pays
    >>> sorted(e.label() for e in deterrence.equilibria() if e.is_pure)
    ['Japan: Cooperate, South Korea: Cooperate', 'Japan: Friction, South Korea: Friction']
    """

    players = ("Japan", "South Korea")
    strategies = (("Cooperate", "Friction"), ("Cooperate", "Friction"))
    title = "Quasi-alliance: Japan and South Korea under a common US ally (Cha 1999)"
    headline: ClassVar[tuple[str, str]] = ("fear_japan", "fear_rok")

    fear_japan: float = parameter(
        default=0,
        domain=UNIT,
        label="Japan's fear of abandonment",
        latex=r"f_{J}",
        description="Japan's fear of abandonment by the United States (0 none, 1 full); "
        "falls as US commitment credibility rises",
        source=(
            cite("japanese2016", "to convince the South Koreans that it has no intention of abandoning them",
                 speaker="Fred McGoldrick"),
            cite("japanese2016", "This perfectly applies to the Japan-US alliance too."),
            "Cha 1999",
        ),
    )
    fear_rok: float = parameter(
        default=0,
        domain=UNIT,
        label="ROK's fear of abandonment",
        latex=r"f_{K}",
        description="South Korea's fear of abandonment by the United States (0 none, 1 full); "
        "falls as US commitment credibility rises",
        source=(
            cite("asiaunbound2012b", "concerns that a stronger, more “geographically distributed” U.S. presence "
                 "might come at the expense of South Korea"),
            cite("japanese2016", "to convince the South Koreans that it has no intention of abandoning them",
                 speaker="Fred McGoldrick"),
            "Cha 1999",
        ),
    )
    security_value: float = parameter(
        default=3,
        domain=POSITIVE,
        label="Security value of cooperation",
        latex=r"\beta",
        description="value of lateral Japan-ROK cooperation as insurance against US abandonment, earned in full "
        "when fear is 1 (Cha's channel)",
        source=(
            cite("sahashi2011", "the ROK and Japan need to demonstrate to the US their conviction to cooperative "
                 "action"),
            "Cha 1999",
        ),
    )
    domestic_cost_japan: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="Japan domestic cost",
        latex=r"h_{J}",
        description="Japan's domestic and historical cost of cooperating with South Korea",
        source=cite("asiaunbound2012b", "nationalists in both countries that are staunchly resisting the need to "
                    "contain old disputes"),
    )
    domestic_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="ROK domestic cost",
        latex=r"h_{K}",
        description="South Korea's domestic and historical cost of cooperating with Japan "
        "(textbooks, Dokdo/Takeshima, comfort women)",
        source=cite("asiaunbound2012a", "textbook and territorial issues surrounding Tokdo/Takeshima again "
                    "emerged to turn Korean public opinion negative toward cooperation with Japan"),
    )
    unreciprocated_cost: float = parameter(
        default=1,
        domain=POSITIVE,
        label="Cost of unreciprocated cooperation",
        latex=r"s",
        description="cost of cooperating when the other does not (one-sided sharing, exposure at home)",
        source=(
            cite("sahashi2011", "Similar problems are possible if the US and/or South Korea chooses not to share "
                 "information with Japan"),
            cite("sahashi2011", "possibly creating issues of trust and reliance"),
        ),
    )
    threat_value: float = parameter(
        default=0,
        domain=NONNEGATIVE,
        label="Value of deterring North Korea",
        latex=r"d",
        description="direct value to each ally of mutual cooperation in deterring North Korea, whatever its fear "
        "of abandonment (0, the default, is Cha's claim that cooperation is insurance only)",
        source=(
            cite("sahashi2011", "weak unity among the status quo powers has led to insufficient deterrence against "
                 "the North"),
            cite("asiaunbound2012b", "that challenge alone should be sufficient to inspire closer Japan-South Korea "
                 "security ties"),
        ),
    )
    virtual_alliance_value: float = parameter(
        default=0,
        domain=NONNEGATIVE,
        label="Virtual-alliance value",
        latex=r"\kappa",
        description="value of Japan-ROK cooperation that works through firm US alliances, earned in full when "
        "fear is 0; above security_value it reverses Cha's sign (0, the default, is Cha's claim)",
        source=(
            cite("cossa1999", "As the Korea-Japan link strengthens and America's security ties with Tokyo and Seoul "
                 "remain firm, the virtual alliance will naturally emerge and prosper"),
            cite("asiaunbound2012a", "as quasi-allies through their respective alliances with the United States"),
            cite("japanese2016", "the ROK-US and Japan-US alliances are inseparable and interdependent"),
        ),
    )
    expectation_gap: float = parameter(
        default=0,
        domain=NONNEGATIVE,
        label="Expectation gap",
        latex=r"\gamma",
        description="Cha's asymmetric expectations of support: the contention they add to mutual cooperation, "
        "set aside only when both allies fear US abandonment",
        source=assumption(
            f"Cha 1999's bilateral mechanism, not an essay's words: Japan-ROK friction stems {CHA_ASYMMETRY} "
            "(the publisher's description of the book, verified in the research notes); the form "
            "γ·(1 − fear_japan·fear_rok) is constructed"
        ),
    )

    scenarios = (
        Scenario(
            "1969-71 Nixon Doctrine",
            {"fear_japan": 1, "fear_rok": 1},
            "Guam Doctrine (July 1969) and withdrawal of the 7th Infantry Division from the ROK (1970-71): "
            "both fear US abandonment. Cha reports cooperation: the Nov 1969 Nixon-Sato communique's "
            '"Korea clause", expanded Japanese economic cooperation (Pohang steel financing), ministerial and '
            "security consultations.",
        ),
        Scenario(
            "1972-74 detente",
            {"fear_japan": 0, "fear_rok": 1},
            "US-PRC opening and Japan-PRC normalization (Sept 1972): detente cuts Japan's fear while US "
            "retrenchment keeps the ROK's high. Cha reports friction: the abduction of Kim Dae-jung from Tokyo "
            "(Aug 1973), the Mun Se-gwang assassination attempt on Park Chung-hee (Aug 1974), a diluted "
            '"Korea clause".',
        ),
        Scenario(
            "1975-79 Carter withdrawal plan",
            {"fear_japan": 1, "fear_rok": 1},
            "Fall of Saigon (Apr 1975) and Carter's plan to withdraw US ground forces from the ROK (1977, "
            "suspended 1979): both fear US abandonment. Cha reports cooperation: the 1975 settlement of the "
            "1973-74 incidents, the reaffirmed Korea clause, first defense-official exchanges.",
        ),
        Scenario(
            "US rebalancing, 2012 (illustrative)",
            {"fear_japan": 0, "fear_rok": Fraction(1, 2)},
            "The claim of 'U.S. Rebalancing and Japan-South Korea Defense Cooperation' (Asia Unbound, 9 Jul 2012): "
            "Seoul's concerns that a more 'geographically distributed' US presence might come at its expense, and "
            "the intelligence agreement pulled in June 2012. Constructed values: the ROK's fear 1/2, Japan's 0 "
            "(the essay reports none). Only a shared fear brings cooperation: c_J = -1 and c_K = 3/2 - 2 = -1/2, "
            "so friction is dominant for both. Reading 2012 through Cha's mechanism is this preset's, not Cha's.",
        ),
        Scenario(
            "Cossa's sign (illustrative)",
            {"virtual_alliance_value": 4, "security_value": 2, "domestic_cost_rok": 3},
            "Constructed values, not a historical case: cooperation works through firm US alliances "
            "(virtual_alliance_value 4 > security_value 2), the reading of Cossa (“U.S.-Japan-Korea: Creating a "
            "Virtual Alliance”, c. 1999) and of “A Japanese Perspective: US-ROK-Japanese Trilateral Security "
            "Cooperation” (c. 2016). With "
            "no fear of abandonment cooperation is sustainable (c_J = 3, c_K = 1); were both allies to fear "
            "abandonment, c_K = 2 - 3 < 0 and friction would be the only equilibrium: Cha's sign reversed.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        """The game table, payoffs listed (Japan, South Korea)."""
        s = v.unreciprocated_cost
        # Channels shared by both allies: the gap is set aside only when both fear US abandonment.
        gap = v.expectation_gap * (1 - v.fear_japan * v.fear_rok)

        def mutual(fear: Any, cost: Any) -> Any:
            return v.threat_value + v.security_value * fear + v.virtual_alliance_value * (1 - fear) - gap - cost

        return {
            ("Cooperate", "Cooperate"): (mutual(v.fear_japan, v.domestic_cost_japan),
                                         mutual(v.fear_rok, v.domestic_cost_rok)),
            ("Cooperate", "Friction"): (-s, 0),
            ("Friction", "Cooperate"): (0, -s),
            ("Friction", "Friction"): (0, 0),
        }
