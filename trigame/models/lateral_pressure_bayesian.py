"""US lateral pressure under uncertainty: the United States does not know Seoul's domestic cost when it presses."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from trigame.games.tree import Chance, Decision, GameTree, Terminal
from trigame.models.base import Model
from trigame.models.bibliography import cite
from trigame.models.lateral_pressure import (
    cooperation_gain_parameter,
    domestic_cost_japan_parameter,
    pressing_cost_parameter,
    pressure_parameter,
    us_gain_parameter,
)
from trigame.models.parameters import NONNEGATIVE, Interval, Scenario, parameter

__all__ = ["BayesianLateralPressure"]

ALLY_ACTIONS = ("Cooperate", "Abstain")
#: Seoul's types: its domestic cost of cooperating with Japan is low or high.
ROK_TYPES = ("low cost", "high cost")
#: A prior strictly between 0 and 1: at 0 or 1 there is no uncertainty (the game is LateralPressure).
OPEN_UNIT = Interval(0, 1, lower_open=True, upper_open=True)


@dataclass(frozen=True, kw_only=True)
class BayesianLateralPressure(Model):
    """The United States presses for Japan--ROK cooperation without knowing Seoul's domestic cost.

    The Bayesian version of :class:`~trigame.models.lateral_pressure.LateralPressure`.
    In June 2012 the United States had "undoubtedly pushed for greater
    cooperation between its two allies", and Japan and South Korea "tried
    once again to sign an information sharing agreement", "only to have the
    plug pulled an hour prior to the signing by the South Korean foreign
    ministry, in response to internal conflicts and political pressures from
    South Korea’s National Assembly" ("U.S. Rebalancing and Japan-South Korea
    Defense Cooperation", Asia Unbound, 9 Jul 2012).  In the
    complete-information game the United States never presses and then sees
    cooperation fail; here it does not know how costly cooperation is for
    Seoul, and pressing fails with positive probability in equilibrium.

    Game.  The United States chooses ``Press`` or ``Not press``.  Then nature
    draws Seoul's domestic cost: ``"low cost"`` (k_L) with probability
    q = ``prior_low_cost``, else ``"high cost"`` (k_H); South Korea learns
    it, Japan and the United States do not.  Japan and South Korea, having
    seen whether the United States pressed, choose ``Cooperate`` or
    ``Abstain`` simultaneously.  Payoffs as in LateralPressure, with Seoul's
    cost k_K its type's (United States, Japan, South Korea)::

        u_US    = r·1[both cooperate] − e·1[US presses]
        u_Japan = g·1[both cooperate] − k_J·1[Japan cooperates] − π·1[US presses and Japan abstains]
        u_ROK   = g·1[both cooperate] − k_K·1[ROK cooperates]   − π·1[US presses and ROK abstains]

    Nature moves after the United States: its draw does not depend on the US
    choice and the United States learns nothing, so this is the same game as
    drawing the cost first, and each US choice starts a proper subgame (a
    Bayesian game between Japan and the two types of South Korea).  The
    equilibria are subgame-perfect: Bayesian Nash in each subgame, the United
    States best replying to them.  Information sets: ``pressed:Japan``,
    ``pressed:South Korea@low cost``, ``pressed:South Korea@high cost`` and
    the same with ``unpressed``.

    The essays are cited in full by ``BayesianLateralPressure.parameters()``.

    Parameters
    ----------
    cooperation_gain : number >= 0, default 2
        g, each ally's gain when both cooperate (as in LateralPressure).
    domestic_cost_japan : number >= 0, default 1
        k_J, Japan's domestic cost of cooperating (as in LateralPressure).
    prior_low_cost : probability in (0, 1), default 2/5
        q, the US's and Japan's prior that Seoul's domestic cost is low.  Essay
        003: the US push came "into conflict with nationalists in both
        countries" (how strongly, Washington could not know for sure).
    domestic_cost_rok_low, domestic_cost_rok_high : numbers >= 0, defaults 1 and 5
        k_L, k_H, South Korea's domestic cost of cooperating with Japan, by
        type.  Essay 003: "Despite the South Korean proclivity to resist working
        with Japan", and the "political pressures from South Korea’s National
        Assembly" that pulled the June 2012 signing.
    pressure : number >= 0, default 2
        π, the cost the United States imposes on an ally that abstains after
        it pressed (a modelling assumption, as in LateralPressure).
    us_gain : number >= 0, default 3
        r, the US gain from joint cooperation (as in LateralPressure).
    pressing_cost : number > 0, default 1
        e, the US cost of pressing (a modelling assumption, as in LateralPressure).

    Defaults
    --------
    Illustrative, chosen for June 2012: pressure moves a low-cost Seoul
    (k_L = 1 < π = 2) but not a high-cost one (k_H = 5 > g + π = 4), and
    unpressed cooperation is not worth its cost to Japan
    (q·g = 4/5 < k_J = 1).  The United States presses (q·r = 6/5 > e = 1),
    Japan and a low-cost Seoul cooperate, a high-cost Seoul abstains:
    pressing fails with probability 1 − q = 3/5.  ``headline =
    ("prior_low_cost", "pressing_cost")``.

    Regimes
    -------
    Assume pressure moves the low type and not the high one
    (k_L < π, k_H > g + π) and k_L < g.

    *Pressed subgame*: Cooperate is strictly dominant for the low type and
    Abstain for the high type.  Japan cooperating gets q·g − k_J, abstaining
    −π; it cooperates iff q·g − k_J > −π (always when π > k_J).  Joint
    cooperation then happens with probability q; pressing **fails with
    probability 1 − q**.

    *Unpressed subgame*: the high type abstains (k_H > g); the low type
    matches Japan.  If q·g < k_J Japan abstains, the unique equilibrium:
    no cooperation.  If q·g > k_J three equilibria: Japan and the low type
    cooperate (probability of cooperation q); everyone abstains; and a mixed
    one (Japan cooperates with probability k_L/g, the low type with
    k_J/(q·g): cooperation with probability k_J·k_L/g²).

    *The United States* presses iff q·r − e > r·P_not, with P_not the
    probability of cooperation unpressed.  Hence, when q·g < k_J:

    * **Press and risk failure** (q > e/r): the United States presses; a
      high-cost Seoul abstains, so cooperation fails with probability 1 − q
      -- June 2012.
    * **No pressure** (q < e/r): the United States does not press and no one
      cooperates.
    * **Boundary** (q = e/r): the United States is indifferent; both SPE.

    The prior is kept strictly between 0 and 1: at q = 0 or q = 1 there is
    no uncertainty, and the game is LateralPressure with that cost.

    These regimes, the boundary q = e/r (``tg.statics.threshold``) and the
    region map follow from ``tg.statics.regimes(BayesianLateralPressure(),
    free=["prior_low_cost", "pressing_cost", "us_gain"])``: each subgame after
    the US choice is solved in its agent form (Japan and one agent per type of
    South Korea, a 2x2x2 game in closed form; each player moves once per play,
    so its equilibria are the subgame's).  With every parameter free the
    regimes are exact too, but there are several hundred of them (most on
    boundaries between regions) and they take over a minute.

    References
    ----------
    John C. Harsanyi, "Games with incomplete information played by 'Bayesian'
    players," parts I-III, *Management Science* 14, 1967-68.  Research notes,
    models.md §8.1(b) (the complete-information game, constructed).

    Examples
    --------
    >>> from trigame.models.lateral_pressure_bayesian import BayesianLateralPressure
    >>> [spe.choices()["United States@root"] for spe in BayesianLateralPressure().equilibria()]
    ['Press']
    """

    players = ("United States", "Japan", "South Korea")
    title = "US lateral pressure with an uncertain ROK domestic cost"
    headline: ClassVar[tuple[str, str]] = ("prior_low_cost", "pressing_cost")

    cooperation_gain: float = cooperation_gain_parameter(default=2)
    domestic_cost_japan: float = domestic_cost_japan_parameter(default=1)
    prior_low_cost: float = parameter(
        default=Fraction(2, 5),
        domain=OPEN_UNIT,
        label="Prior that Seoul's domestic cost is low",
        latex=r"q",
        description="the US's and Japan's prior that South Korea's domestic cost of cooperating is low",
        source=cite("asiaunbound2012b", "come into conflict with nationalists in both countries"),
    )
    domestic_cost_rok_low: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="ROK domestic cost (low type)",
        latex=r"k_{L}",
        description="South Korea's domestic cost of cooperating with Japan when it is low",
        source=cite("asiaunbound2012b", "Despite the South Korean proclivity to resist working with Japan"),
    )
    domestic_cost_rok_high: float = parameter(
        default=5,
        domain=NONNEGATIVE,
        label="ROK domestic cost (high type)",
        latex=r"k_{H}",
        description="South Korea's domestic cost of cooperating with Japan when it is high",
        source=cite("asiaunbound2012b", "political pressures from South Korea’s National Assembly"),
    )
    pressure: float = pressure_parameter(default=2)
    us_gain: float = us_gain_parameter(default=3)
    pressing_cost: float = pressing_cost_parameter(default=1)

    scenarios = (
        Scenario(
            "June 2012: pressed, and the signing pulled",
            {},
            "“U.S. Rebalancing and Japan-South Korea Defense Cooperation” (Asia Unbound, 9 Jul 2012): the United "
            "States pushed, and the GSOMIA signing was pulled an hour before. With a 2/5 "
            "chance that Seoul's cost is low, pressing pays (q·r = 6/5 > e = 1); a high-cost Seoul abstains, so "
            "cooperation fails with probability 3/5. Illustrative values.",
        ),
        Scenario(
            "Doubting Seoul (illustrative)",
            {"prior_low_cost": Fraction(1, 5)},
            "With a 1/5 chance of a low cost, pressing does not pay (q·r = 3/5 < e = 1): the United States does "
            "not press and no one cooperates. Constructed values, not a historical case.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        """The tree: the US choice, nature's draw of Seoul's cost, then the allies' simultaneous choices."""
        rok_cost = {"low cost": v.domestic_cost_rok_low, "high cost": v.domestic_cost_rok_high}
        q = v.prior_low_cost

        def outcome(pressed: bool, cost: Any, japan: str, rok: str) -> Terminal:
            both = japan == rok == "Cooperate"
            gain = v.cooperation_gain if both else 0
            u_us = (v.us_gain if both else 0) - (v.pressing_cost if pressed else 0)
            u_japan = gain - (v.domestic_cost_japan if japan == "Cooperate" else v.pressure if pressed else 0)
            u_rok = gain - (cost if rok == "Cooperate" else v.pressure if pressed else 0)
            return Terminal((u_us, u_japan, u_rok))

        def allies(pressed: bool) -> Chance:
            key = "pressed" if pressed else "unpressed"

            def rok_node(kind: str, japan: str) -> Decision:
                return Decision("South Korea", {a: outcome(pressed, rok_cost[kind], japan, a) for a in ALLY_ACTIONS},
                                infoset=f"{key}:South Korea@{kind}")

            def japan_node(kind: str) -> Decision:
                return Decision("Japan", {a: rok_node(kind, a) for a in ALLY_ACTIONS}, infoset=f"{key}:Japan")

            return Chance({"low cost": (q, japan_node("low cost")), "high cost": (1 - q, japan_node("high cost"))})

        root = Decision("United States", {"Press": allies(True), "Not press": allies(False)})
        return GameTree(root, players=BayesianLateralPressure.players, title=BayesianLateralPressure.title)
