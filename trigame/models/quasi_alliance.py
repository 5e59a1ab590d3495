"""Cha's quasi-alliance model: Japan and South Korea under a common US ally (Cha 1999)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.models.base import Model
from trigame.models.parameters import NONNEGATIVE, POSITIVE, UNIT, Scenario, parameter

__all__ = ["QuasiAlliance"]


@dataclass(frozen=True, kw_only=True)
class QuasiAlliance(Model):
    """Japan and South Korea, two quasi-allies, choose cooperation or friction (Cha 1999).

    A quasi-alliance is "the relationship between two states that remain
    non-allied but share a third party as a common ally" (Cha 1999, p. 3).
    Cha's argument: Japan--ROK friction is the normal state, and the two
    cooperate when *both* fear abandonment by the United States.  This is the
    game-theoretic restatement of that argument (research notes, models.md
    §2.3), with each ally's fear of US abandonment a degree in [0, 1].

    Game (Japan chooses the row, South Korea the column; payoffs (Japan, ROK))::

                       Cooperate                                  Friction
        Cooperate   (β·fear_japan − h_japan, β·fear_rok − h_rok)   (−s, 0)
        Friction    (0, −s)                                       (0, 0)

    with β = ``security_value``, h = ``domestic_cost_*``, s = ``unreciprocated_cost``.

    Parameters
    ----------
    fear_japan : number in [0, 1], default 0
        Japan's fear of abandonment by the United States; it falls as the
        credibility of the US commitment rises.  004_5d854be5f042cbb8.txt, on
        convincing Seoul the US "has no intention of abandoning them": "This
        perfectly applies to the Japan-US alliance too."
    fear_rok : number in [0, 1], default 0
        South Korea's fear of abandonment by the United States.
        003_df62200b4de7432b.txt: "concerns that a stronger, more “geographically
        distributed” U.S. presence might come at the expense of South Korea".
    security_value : number > 0, default 3
        Value of lateral Japan--ROK cooperation as insurance against
        abandonment, earned in full when fear is 1.  002_4143fe862d01c05d.txt:
        "weak unity among the status quo powers has led to insufficient
        deterrence against the North".
    domestic_cost_japan : number >= 0, default 1
        Japan's domestic and historical cost of cooperating with South Korea.
        003_df62200b4de7432b.txt: "nationalists in both countries that are
        staunchly resisting the need to contain old disputes".
    domestic_cost_rok : number >= 0, default 2
        South Korea's domestic and historical cost of cooperating with Japan
        (textbooks, Dokdo/Takeshima, comfort women).  000_dbbbf7faee29b8a9.txt:
        "textbook and territorial issues surrounding Tokdo/Takeshima again
        emerged to turn Korean public opinion negative toward cooperation with Japan".
    unreciprocated_cost : number > 0, default 1
        Cost of cooperating alone (domestic backlash, exposure).
        003_df62200b4de7432b.txt: "only to have the plug pulled an hour prior to
        the signing by the South Korean foreign ministry".

    Defaults
    --------
    The defaults describe Cha's "normal" state -- a firm US commitment, no
    fear of abandonment -- with illustrative (constructed) magnitudes:
    β = 3 exceeds both domestic costs, so full fear makes cooperation worth
    its domestic cost for both allies, and ROK's domestic cost is the larger.

    Regimes
    -------
    Write c_J = β·fear_japan − h_japan and c_K = β·fear_rok − h_rok, each
    ally's net gain from mutual cooperation.  Since s > 0, Friction is each
    ally's strict best reply to Friction, so (Friction, Friction) is always a
    strict Nash equilibrium.

    * **Friction** (min(c_J, c_K) < 0): the unique Nash equilibrium is
      (Friction, Friction).  An ally with c_i < 0 has Friction strictly
      dominant (0 > c_i against Cooperate, 0 > −s against Friction), and the
      other's best reply to Friction is Friction.
    * **Cooperation sustainable** (c_J > 0 and c_K > 0): an assurance (stag
      hunt) game with exactly three equilibria: (Cooperate, Cooperate), which
      Pareto-dominates (Friction, Friction); (Friction, Friction); and a mixed
      one with Pr_Japan(Cooperate) = s/(c_K + s) and
      Pr_ROK(Cooperate) = s/(c_J + s) -- each ally mixes so as to leave the
      other indifferent.  "Cooperation sustainable" means exactly that the
      cooperative equilibrium exists; friction remains an equilibrium, so the
      allies still face a coordination problem.
    * **Boundary** (min(c_J, c_K) = 0 with the other c >= 0): an ally is
      indifferent at (Cooperate, Cooperate); the game is degenerate and has a
      continuum of equilibria (reported with ``degenerate=True``).

    In terms of fear: (Cooperate, Cooperate) is an equilibrium iff
    fear_japan >= h_japan/β and fear_rok >= h_rok/β.  With fears in {0, 1}
    (Cha's "low"/"high") and β > max(h_japan, h_rok), this is Cha's rule:
    cooperation can be sustained iff both allies fear abandonment (H-B);
    otherwise friction is the only equilibrium (H-A, and the "normal" state
    when neither fears abandonment).  Cha's paradox follows: a more credible
    US commitment (lower fears) can only remove the cooperative equilibrium.

    ``headline = ("fear_japan", "fear_rok")``: Cha's two variables; a region
    map over them shows the cooperative quadrant fear_i >= h_i/β.

    Scenarios
    ---------
    ``presets()`` holds Cha's three Cold War test periods (research notes
    models.md §2.4, high confidence); the 1980s and 1990s are uncertain there
    and have no preset.

    * "1969-71 Nixon Doctrine": both fear abandonment -> cooperation.
    * "1972-74 detente": Japan low, ROK high -> friction.
    * "1975-79 Carter withdrawal plan": both fear abandonment -> cooperation.

    References
    ----------
    Victor D. Cha, *Alignment Despite Antagonism: The United States-Korea-Japan
    Security Triangle*, Stanford University Press, 1999.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> both_fear = QuasiAlliance(fear_japan=1, fear_rok=1)
    >>> sorted(e.label() for e in both_fear.equilibria() if e.is_pure)
    ['Japan: Cooperate, South Korea: Cooperate', 'Japan: Friction, South Korea: Friction']
    >>> [e.label() for e in QuasiAlliance.presets()["1972-74 detente"].equilibria()]
    ['Japan: Friction, South Korea: Friction']
    """

    players = ("Japan", "South Korea")
    strategies = (("Cooperate", "Friction"), ("Cooperate", "Friction"))
    title = "Quasi-alliance: Japan and South Korea under a common US ally (Cha 1999)"
    headline: ClassVar[tuple[str, str]] = ("fear_japan", "fear_rok")

    fear_japan: float = parameter(
        default=0,
        domain=UNIT,
        description="Japan's fear of abandonment by the United States (0 none, 1 full); "
        "falls as US commitment credibility rises",
        source='004_5d854be5f042cbb8.txt: "This perfectly applies to the Japan-US alliance too."; Cha 1999',
    )
    fear_rok: float = parameter(
        default=0,
        domain=UNIT,
        description="South Korea's fear of abandonment by the United States (0 none, 1 full); "
        "falls as US commitment credibility rises",
        source='003_df62200b4de7432b.txt: "concerns that a stronger, more “geographically distributed” '
        'U.S. presence might come at the expense of South Korea"; Cha 1999',
    )
    security_value: float = parameter(
        default=3,
        domain=POSITIVE,
        description="value of lateral Japan-ROK cooperation as insurance against abandonment, earned in full "
        "when fear is 1",
        source='002_4143fe862d01c05d.txt: "weak unity among the status quo powers has led to insufficient '
        'deterrence against the North"',
    )
    domestic_cost_japan: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        description="Japan's domestic and historical cost of cooperating with South Korea",
        source='003_df62200b4de7432b.txt: "nationalists in both countries that are staunchly resisting the need '
        'to contain old disputes"',
    )
    domestic_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        description="South Korea's domestic and historical cost of cooperating with Japan "
        "(textbooks, Dokdo/Takeshima, comfort women)",
        source='000_dbbbf7faee29b8a9.txt: "textbook and territorial issues surrounding Tokdo/Takeshima again '
        'emerged to turn Korean public opinion negative toward cooperation with Japan"',
    )
    unreciprocated_cost: float = parameter(
        default=1,
        domain=POSITIVE,
        description="cost of cooperating alone (domestic backlash, exposure)",
        source='003_df62200b4de7432b.txt: "only to have the plug pulled an hour prior to the signing by the '
        'South Korean foreign ministry"',
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
    )

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        """The game table (models.md §2.3), payoffs listed (Japan, South Korea)."""
        s = v.unreciprocated_cost
        return {
            ("Cooperate", "Cooperate"): (
                v.security_value * v.fear_japan - v.domestic_cost_japan,
                v.security_value * v.fear_rok - v.domestic_cost_rok,
            ),
            ("Cooperate", "Friction"): (-s, 0),
            ("Friction", "Cooperate"): (0, -s),
            ("Friction", "Friction"): (0, 0),
        }
