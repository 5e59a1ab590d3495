"""US lateral pressure: the United States decides whether to press Japan and South Korea to cooperate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.games.tree import Decision, GameTree, Terminal, stage
from trigame.models.base import Model
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Scenario, parameter

__all__ = ["LateralPressure", "cooperation_gain_parameter", "domestic_cost_japan_parameter", "pressing_cost_parameter",
           "pressure_parameter", "us_gain_parameter"]


# Parameters declared once for LateralPressure and BayesianLateralPressure.
def cooperation_gain_parameter(default: Any) -> Any:
    """Each ally's gain when both cooperate."""
    return parameter(
        default=default,
        domain=NONNEGATIVE,
        label="Allies' gain from cooperation",
        latex=r"g",
        description="each ally's gain when both cooperate",
        source=cite("asiaunbound2012b", "that challenge alone should be sufficient to inspire closer Japan-South "
                    "Korea security ties"),
    )


def domestic_cost_japan_parameter(default: Any) -> Any:
    """Japan's domestic cost of cooperating with South Korea."""
    return parameter(
        default=default,
        domain=NONNEGATIVE,
        label="Japan domestic cost",
        latex=r"k_{J}",
        description="Japan's domestic cost of cooperating with South Korea",
        source=cite("japanese2016", "heightened antagonistic feelings against each other"),
    )


def pressure_parameter(default: Any) -> Any:
    """The cost the United States imposes on an ally that abstains after it pressed."""
    return parameter(
        default=default,
        domain=NONNEGATIVE,
        label="US pressure on an abstaining ally",
        latex=r"\pi",
        description="cost the United States imposes on an ally that abstains after it pressed",
        source=(
            assumption("no essay describes a penalty on an ally that abstains; the essay says only that the US "
                       "pushed"),
            cite("asiaunbound2012b", "the United States in recent months has undoubtedly pushed for greater "
                 "cooperation between its two allies"),
        ),
    )


def us_gain_parameter(default: Any) -> Any:
    """The United States' gain from joint Japan-ROK cooperation."""
    return parameter(
        default=default,
        domain=NONNEGATIVE,
        label="US gain from cooperation",
        latex=r"r",
        description="US gain from joint Japan-ROK cooperation",
        source=cite("asiaunbound2012a", "cooperation might be the best way to meet respective defense needs and "
                    "interests of the United States, Japan, and South Korea"),
    )


def pressing_cost_parameter(default: Any) -> Any:
    """The United States' cost of pressing (diplomatic capital)."""
    return parameter(
        default=default,
        domain=POSITIVE,
        label="US cost of pressing",
        latex=r"e",
        description="US cost of pressing (diplomatic capital)",
        source=assumption("no essay describes a cost of pressing to the United States; the nationalist "
                          "resistance the essays describe is the allies' domestic cost"),
    )

ALLY_ACTIONS = ("Cooperate", "Abstain")


@dataclass(frozen=True, kw_only=True)
class LateralPressure(Model):
    """The United States presses (or not) for Japan--ROK cooperation; then the two allies decide at once.

    Rebalancing and fiscal constraints made Washington want "lateral"
    cooperation between its allies: "an unanticipated second-order effect of
    the U.S. rebalancing strategy has been the U.S. desire to see greater
    “lateral” cooperation among close allies" (essay 003, "U.S. Rebalancing
    and Japan-South Korea Defense Cooperation", Asia Unbound, 9 Jul 2012), "in
    a fiscally constrained environment where cooperation might be the best
    way to meet respective defense needs" (essay 000, "Is It Time for the
    U.S.-Japan-South Korea Virtual Alliance to Get Real?", Asia Unbound, 17 Jan
    2012) -- a push that came "into conflict with nationalists in both
    countries".  This is the constructed US-pressure game of the research
    notes (models.md §8.1(b)); no essay describes its penalty π or its cost
    e, which are modelling assumptions.

    Game.  The United States chooses ``Press`` or ``Not press``; observing
    it, Japan and South Korea choose ``Cooperate`` or ``Abstain``
    simultaneously.  With g = ``cooperation_gain``, k_J, k_K =
    ``domestic_cost_japan``, ``domestic_cost_rok``, π = ``pressure``,
    r = ``us_gain``, e = ``pressing_cost`` and 1[.] an indicator
    (payoffs (United States, Japan, South Korea))::

        u_US    = r·1[both cooperate] − e·1[US presses]
        u_Japan = g·1[both cooperate] − k_J·1[Japan cooperates] − π·1[US presses and Japan abstains]
        u_ROK   = g·1[both cooperate] − k_K·1[ROK cooperates]   − π·1[US presses and ROK abstains]

        United States
        ├── Press ───── Japan, South Korea (simultaneous; information sets "pressed:…")
        │               (C, C): (r − e, g − k_J, g − k_K)      (C, A): (−e, −k_J, −π)
        │               (A, C): (−e, −π, −k_K)                 (A, A): (−e, −π, −π)
        └── Not press ─ Japan, South Korea (simultaneous; information sets "unpressed:…")
                        (C, C): (r, g − k_J, g − k_K)          (C, A): (0, −k_J, 0)
                        (A, C): (0, 0, −k_K)                   (A, A): (0, 0, 0)

    The essays are cited in full (author, title, outlet, date) by
    ``LateralPressure.parameters()``.

    Parameters
    ----------
    cooperation_gain : number >= 0, default 2
        g, each ally's gain when both cooperate.  Essay 003: "that challenge
        alone should be sufficient to inspire closer Japan-South Korea
        security ties".
    domestic_cost_japan : number >= 0, default 1
        k_J, Japan's domestic cost of cooperating.  Essay 004: "heightened
        antagonistic feelings against each other".
    domestic_cost_rok : number >= 0, default 3
        k_K, South Korea's domestic cost of cooperating.  Essay 003: "Despite
        the South Korean proclivity to resist working with Japan".
    pressure : number >= 0, default 4
        π, the cost the United States imposes on an ally that abstains after
        it pressed.  A modelling assumption: essay 003 says only that "the
        United States in recent months has undoubtedly pushed for greater
        cooperation between its two allies", and no essay describes a penalty
        on an ally that abstains.
    us_gain : number >= 0, default 3
        r, the US gain from joint Japan--ROK cooperation.  Essay 000:
        "cooperation might be the best way to meet respective defense needs and
        interests of the United States, Japan, and South Korea".
    pressing_cost : number > 0, default 1
        e, the US cost of pressing (diplomatic capital).  A modelling
        assumption: no essay describes a cost of pressing to the United States
        (essay 003's "conflict with nationalists in both countries" is the
        allies' resistance, which k_J and k_K carry).

    Defaults
    --------
    The defaults are illustrative (constructed): cooperation is worth its
    domestic cost to Japan but not to South Korea (k_J < g < k_K), pressure
    exceeds both domestic costs, and joint cooperation is worth more to the
    United States than pressing costs.  ``headline = ("pressure",
    "pressing_cost")``: whether pressure works (π against k_i) and whether it
    pays (e against r).

    Regimes
    -------
    With k_J, k_K > 0 and e > 0.

    *Unpressed subgame*: the stag hunt of ChinaReaction.  If g > k_J and
    g > k_K: three equilibria -- (C, C), (A, A) and a mixed one with
    Pr_Japan(C) = k_K/g, Pr_ROK(C) = k_J/g.  If g < k_i for some ally:
    (A, A) only (Cooperate is strictly dominated for that ally).

    *Pressed subgame*: abstaining now costs π, so ally i compares g − k_i
    with −π against a cooperating partner and −k_i with −π against an
    abstaining one.  Cooperate is strictly dominant for i if π > k_i;
    Abstain strictly dominant if k_i > g + π; otherwise (π < k_i < g + π) i
    wants to match its partner.  Hence (C, C) is an equilibrium iff
    k_i <= g + π for both, (A, A) iff k_i >= π for both, and

    * **pressure works** (π > k_J and π > k_K): (C, C) is the unique
      equilibrium;
    * both matching (π < k_i < g + π for both): (C, C), (A, A) and a mixed
      one with Pr_Japan(C) = (k_K − π)/g, Pr_ROK(C) = (k_J − π)/g;
    * one ally with Cooperate dominant, the other matching: (C, C) only;
      one with Cooperate dominant, the other with Abstain dominant: that
      cooperation alone, no joint cooperation;
    * some ally with Abstain dominant (k_i > g + π): no joint cooperation.

    *The United States* presses iff r·P_press − e > r·P_not, where P_press and
    P_not are the probabilities of joint cooperation in the equilibria played
    in the two subgames.  Every pair of subgame equilibria gives one SPE (two
    when the United States is indifferent), so the SPE *set* is:

    * **Pressure works and pays** (π > k_J, k_K, r > e) and cooperation is
      not an equilibrium unpressed (g < k_i for some ally; the essays'
      stalled cooperation): the unique SPE -- the United States presses and
      both allies cooperate.
    * Pressure works, unpressed stag hunt (g > k_J, k_K): three SPE.  After
      unpressed (C, C) the United States does not press (r − e < r); after
      unpressed (A, A) it presses iff r > e; after the unpressed mixed
      equilibrium it presses iff r·(1 − k_J·k_K/g²) > e.
    * **Pressure fails** (k_i > g + π for some ally): pressing cannot bring
      joint cooperation and costs e, so the United States does not press in
      any SPE.
    * Pressure works but does not pay (r < e): it does not press in any SPE.
    * **Boundaries** (k_i = π, k_i = g + π, k_i = g, r·ΔP = e): ties,
      reported with ``degenerate=True``.

    June 2012.  Essay 003 reports that the United States did press and that
    the GSOMIA signing was pulled "an hour prior to the signing".  In no SPE
    of this complete-information game does the United States press and then
    see cooperation fail for sure: it presses only when the pressed subgame
    brings joint cooperation (in pure strategies, always; failure after
    pressing happens only with the residual probability of a mixed pressed
    stag hunt).  So the episode is *not* this model's "pressure fails" regime,
    in which the United States does not press.  Modelling it needs US
    uncertainty about Seoul's domestic cost: :class:`~trigame.models.lateral_pressure_bayesian.BayesianLateralPressure`.

    References
    ----------
    Research notes, models.md §8.1(b) (constructed).  Victor D. Cha,
    *Alignment Despite Antagonism*, Stanford University Press, 1999 (the US
    as the common ally of a quasi-alliance).  The game has no public good:
    the fiscal motive of essay 000 is a burden-sharing argument (Olson and
    Zeckhauser 1966) that this model does not represent.

    Examples
    --------
    >>> from trigame.models import LateralPressure
    >>> [spe.label() for spe in LateralPressure().equilibria()]  # doctest: +NORMALIZE_WHITESPACE
    ['United States@root: Press; pressed:Japan: Cooperate; pressed:South Korea: Cooperate;
      unpressed:Japan: Abstain; unpressed:South Korea: Abstain']
    >>> weak = LateralPressure(pressure=0.5)          # k_K = 3 > g + π = 2.5: pressure fails
    >>> {spe.choices()["United States@root"] for spe in weak.equilibria()}
    {'Not press'}
    """

    players = ("United States", "Japan", "South Korea")
    title = "US lateral pressure for Japan-ROK cooperation"
    headline: ClassVar[tuple[str, str]] = ("pressure", "pressing_cost")

    cooperation_gain: float = cooperation_gain_parameter(default=2)
    domestic_cost_japan: float = domestic_cost_japan_parameter(default=1)
    domestic_cost_rok: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="ROK domestic cost",
        latex=r"k_{K}",
        description="South Korea's domestic cost of cooperating with Japan",
        source=cite("asiaunbound2012b", "Despite the South Korean proclivity to resist working with Japan"),
    )
    pressure: float = pressure_parameter(default=4)
    us_gain: float = us_gain_parameter(default=3)
    pressing_cost: float = pressing_cost_parameter(default=1)

    scenarios = (
        Scenario(
            "Pressure works (illustrative)",
            {},
            "Constructed values (the defaults): pressure exceeds both domestic costs and cooperation is worth "
            "more to the United States than pressing; it presses and both allies cooperate. Not a historical case.",
        ),
        Scenario(
            "Pressure fails (illustrative)",
            {"pressure": 0.5},
            "Constructed values: South Korea's domestic cost exceeds the gain plus the pressure (k_K > g + π); "
            "pressing cannot bring cooperation and the United States does not press. Not a historical case, and "
            "not June 2012, when the United States did press (“U.S. Rebalancing and Japan-South Korea Defense "
            "Cooperation”, Asia Unbound, 9 Jul 2012).",
        ),
        Scenario(
            "Yeonpyeong aftermath, November 2010 (illustrative)",
            {"cooperation_gain": 4},
            "The claim of 'U.S. Rebalancing and Japan-South Korea Defense Cooperation' (Asia Unbound, 9 Jul 2012): "
            "cooperation 'seemed relatively easy in the immediate aftermath' of the shelling of Yeonpyeong island. "
            "Constructed values: the shelling read as a larger gain from joint cooperation "
            "(g = 4 > k_K = 3). Unpressed, the allies play a stag hunt; the United States does not press after "
            "(Cooperate, Cooperate) and presses after (Abstain, Abstain) or the mixed play. Not data.",
        ),
        Scenario(
            "Abe-Park agreement, 2015 (illustrative)",
            {"domestic_cost_rok": 1},
            "The claim of 'A Japanese Perspective: US-ROK-Japanese Trilateral Security Cooperation' (c. 2016): the "
            "first Abe-Park summit (November 2015) and the dialogue to settle the 'comfort women' issue were a "
            "promising start. Constructed values: the settlement read as a lower "
            "domestic cost for Seoul (k_K = 1 < g = 2). Unpressed, cooperation and abstention are both "
            "equilibria; pressure is insurance against abstention. Not data.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        """The tree of models.md §8.1(b), payoffs listed (United States, Japan, South Korea)."""

        def outcome(pressed: bool, japan: str, rok: str) -> Terminal:
            both = japan == rok == "Cooperate"
            gain = v.cooperation_gain if both else 0
            u_us = (v.us_gain if both else 0) - (v.pressing_cost if pressed else 0)
            u_japan = gain - (v.domestic_cost_japan if japan == "Cooperate" else v.pressure if pressed else 0)
            u_rok = gain - (v.domestic_cost_rok if rok == "Cooperate" else v.pressure if pressed else 0)
            return Terminal((u_us, u_japan, u_rok))

        def allies(pressed: bool) -> Decision:
            cells = {(j, k): outcome(pressed, j, k) for j in ALLY_ACTIONS for k in ALLY_ACTIONS}
            return stage(("Japan", "South Korea"), (ALLY_ACTIONS, ALLY_ACTIONS), cells,
                         key="pressed" if pressed else "unpressed")

        root = Decision("United States", {"Press": allies(True), "Not press": allies(False)})
        return GameTree(root, players=LateralPressure.players, title=LateralPressure.title)
