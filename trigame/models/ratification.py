"""Ratification of GSOMIA 2012: a two-level game in which the government does not know the veto player's cost."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from trigame.games.signaling import SignalingGame
from trigame.models.bibliography import assumption, cite
from trigame.models.incomplete import IncompleteInformationModel
from trigame.models.parameters import NONNEGATIVE, POSITIVE, Interval, Scenario, parameter

__all__ = ["Ratification"]

#: A prior strictly between 0 and 1: with a sure outcome there is nothing to signal (the game allows 0 and 1).
OPEN_UNIT = Interval(0, 1, lower_open=True, upper_open=True)

TYPES = ("low cost", "high cost")
MESSAGES = ("Acquiesce", "Protest")
ACTIONS = ("Sign", "Pull")


@dataclass(frozen=True, kw_only=True)
class Ratification(IncompleteInformationModel):
    """A government decides whether to sign GSOMIA without knowing what ratifying costs its National Assembly.

    Putnam's (1988) two-level game: an agreement reached abroad (level I)
    must be ratified at home (level II), and a government unsure of its
    domestic *win-set* may sign an agreement it cannot deliver --
    *involuntary defection*.  In June 2012 South Korea and Japan tried "once
    again to sign an information sharing agreement between the two countries
    following multiple false starts since 2011, only to have the plug pulled
    an hour prior to the signing by the South Korean foreign ministry, in
    response to internal conflicts and political pressures from South
    Korea’s National Assembly" ("U.S. Rebalancing and Japan-South Korea
    Defense Cooperation", Asia Unbound, 9 Jul 2012).  The model is a
    signalling game between the veto player and the government: the pressure
    is the veto player's signal, and pulling the signing is the government's
    answer to it.

    Game.  Nature draws the National Assembly's domestic cost of the
    agreement: ``"low cost"`` with probability q = ``prior_low_cost`` (the
    agreement is inside the win-set: a signed agreement is ratified), else
    ``"high cost"`` (outside it: a signed agreement is rejected).  The
    Assembly (the sender) knows its cost; it **Acquiesces** or **Protests**
    (public political pressure, at cost p).  The government (the receiver)
    sees the pressure, not the cost, and **Signs** or **Pulls** the signing.
    With a = ``assembly_gain``, j = ``rejection_cost``, v =
    ``government_gain``, f = ``defection_cost``, d = ``pull_cost``
    (payoffs (National Assembly, Government); the Assembly pays p more after
    Protest)::

                              Sign                  Pull
        low cost (ratifies)   (a, v)                (0, −d)
        high cost (rejects)   (−j, −f)              (0, −d)

    Signing and then failing to ratify is the involuntary defection: it
    costs the government f and the Assembly j (the blame for rejecting an
    agreement signed abroad).  Japan, the level-I partner, is not a player.

    The essays are cited in full by ``Ratification.parameters()``.

    Parameters
    ----------
    prior_low_cost : probability in (0, 1), default 1/2
        q, the government's prior that ratification will pass.  Essay 003:
        "internal conflicts and political pressures from South Korea’s National
        Assembly".
    government_gain : number > 0, default 2
        v, the government's gain from a ratified agreement.  Essay 003: the
        foreign ministry "identifies (in Korean) the North Korean nuclear and
        missile threat as the backdrop for its recent attempt".
    defection_cost : number > 0, default 3
        f, the government's cost of signing an agreement the Assembly then
        rejects (involuntary defection; Putnam 1988).  A modelling assumption:
        no essay describes a rejected agreement.
    pull_cost : number >= 0, default 1
        d, the government's cost of pulling the signing.  Essay 003: "multiple
        false starts since 2011".
    assembly_gain : number > 0, default 1
        a, what a low-cost Assembly gains from a signed and ratified agreement
        (a modelling assumption: what "low cost" means here).
    rejection_cost : number > 0, default 3
        j, what a high-cost Assembly loses when it must reject a signed
        agreement rather than see it pulled (a modelling assumption).
    protest_cost : number >= 0, default 2
        p, the Assembly's cost of public pressure on the government (a
        modelling assumption: the essay reports the pressure, not its cost).

    players : pair of str, default ("National Assembly", "Government")
        The veto player's and the government's names (the veto player may be
        read as public opinion).

    Defaults
    --------
    Illustrative, chosen for June 2012: the government would sign on its
    prior (q = 1/2 above its threshold 2/5), and protest is worth its cost
    to a high-cost Assembly only (a = 1 < p = 2 < j = 3).
    ``headline = ("prior_low_cost", "protest_cost")``.

    Regimes
    -------
    The government signs iff its belief μ that the cost is low satisfies
    μ·v − (1 − μ)·f >= −d, i.e. μ >= μ* = (f − d)/(v + f) (both actions at
    equality).  With 0 < μ* < 1 and a < p:

    * **Pulled on protest** (p <= j): a *separating* PBE -- the high-cost
      Assembly protests, the low-cost one acquiesces; the government signs
      after acquiescence and pulls after protest.  No agreement is signed and
      rejected: the signing is pulled, with probability 1 − q, at the last
      moment.
    * **Signing blind** (q >= μ*): pooling on Acquiesce with the government
      signing; the high-cost Assembly rejects what was signed --
      **involuntary defection** with probability 1 − q.  When p <= j it is
      sustained only by the government's signing after a protest (off-path
      belief μ >= μ*), and the Intuitive Criterion (Cho and Kreps 1987)
      removes it: only the high-cost Assembly could gain by protesting.
      When p > j protest is not credible, the separating PBE is gone and
      blind signing is the only outcome.
    * **No attempt** (q < μ*): without a credible protest the government
      pulls on its prior.

    A low-cost Assembly never protests when a < p (it would pay p for an
    agreement it gets by acquiescing).  These conditions are derived by hand
    and checked against the solver in ``tests/test_ratification.py``;
    ``tg.statics.regimes(Ratification)`` gives every PBE with its exact
    condition in all seven parameters.

    References
    ----------
    Robert D. Putnam, "Diplomacy and Domestic Politics: The Logic of
    Two-Level Games," *International Organization* 42(3), 1988.  In-Koo Cho
    and David M. Kreps, "Signaling Games and Stable Equilibria," *Quarterly
    Journal of Economics* 102(2), 1987.

    Examples
    --------
    >>> from trigame.models.ratification import Ratification
    >>> [e.label() for e in Ratification().equilibria(refine="intuitive")]  # doctest: +NORMALIZE_WHITESPACE
    ['separating: National Assembly@low cost: Acquiesce; National Assembly@high cost: Protest;
      Government@Acquiesce: Sign; Government@Protest: Pull']
    """

    players: tuple[str, str] = ("National Assembly", "Government")  # type: ignore[misc]  # renamable
    title = "Ratification of GSOMIA 2012: a two-level game"
    headline: ClassVar[tuple[str, str]] = ("prior_low_cost", "protest_cost")

    prior_low_cost: float = parameter(
        default=Fraction(1, 2),
        domain=OPEN_UNIT,
        label="Prior that ratification passes",
        latex=r"q",
        description="the government's prior that the National Assembly's cost is low (it would ratify)",
        source=cite("asiaunbound2012b", "internal conflicts and political pressures from South Korea’s National "
                    "Assembly"),
    )
    government_gain: float = parameter(
        default=2,
        domain=POSITIVE,
        label="Government's gain from a ratified agreement",
        latex=r"v",
        description="the government's gain from a signed and ratified agreement",
        source=cite("asiaunbound2012b", "identifies (in Korean) the North Korean nuclear and missile threat as the "
                    "backdrop for its recent attempt"),
    )
    defection_cost: float = parameter(
        default=3,
        domain=POSITIVE,
        label="Government's cost of involuntary defection",
        latex=r"f",
        description="the government's cost of signing an agreement the Assembly rejects",
        source=assumption("Putnam 1988's involuntary defection; no essay describes a rejected agreement"),
    )
    pull_cost: float = parameter(
        default=1,
        domain=NONNEGATIVE,
        label="Government's cost of pulling the signing",
        latex=r"d",
        description="the government's cost of pulling the signing",
        source=cite("asiaunbound2012b", "multiple false starts since 2011"),
    )
    assembly_gain: float = parameter(
        default=1,
        domain=POSITIVE,
        label="Low-cost Assembly's gain from ratification",
        latex=r"a",
        description="what a low-cost Assembly gains from a signed and ratified agreement",
        source=assumption("the definition of the low-cost type: it prefers the agreement signed"),
    )
    rejection_cost: float = parameter(
        default=3,
        domain=POSITIVE,
        label="High-cost Assembly's cost of rejecting",
        latex=r"j",
        description="what a high-cost Assembly loses by rejecting a signed agreement rather than seeing it pulled",
        source=assumption("the definition of the high-cost type: it prefers the signing pulled"),
    )
    protest_cost: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="Assembly's cost of protesting",
        latex=r"p",
        description="the Assembly's cost of public pressure on the government",
        source=assumption("the essay reports the pressure, not what it cost the Assembly"),
    )

    scenarios = (
        Scenario(
            "June 2012: the signing pulled an hour prior",
            {},
            "Essay 003: the foreign ministry pulled the signing in response to the National Assembly's pressure. "
            "Protest is worth its cost only to an Assembly that would reject (a = 1 < p = 2 < j = 3): the "
            "separating equilibrium, the only one to pass the Intuitive Criterion, pulls the signing after "
            "protest. Illustrative values.",
        ),
        Scenario(
            "Involuntary defection (illustrative)",
            {"protest_cost": 4},
            "Protest costs more than rejection (p = 4 > j = 3), so it cannot signal; the government signs on its "
            "prior 1/2 (above 2/5) and a high-cost Assembly rejects: involuntary defection with probability 1/2. "
            "Constructed values, not a historical case.",
        ),
        Scenario(
            "No attempt (illustrative)",
            {"protest_cost": 4, "prior_low_cost": Fraction(1, 5)},
            "With ratification unlikely (q = 1/5 below 2/5) and no credible protest, the government does not "
            "sign. Constructed values, not a historical case.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> SignalingGame:
        """The signalling game: the Assembly's cost, its pressure, the government's decision."""
        q = v.prior_low_cost

        def payoff(cost: str, pressure: str, decision: str) -> tuple[Any, Any]:
            protest = v.protest_cost if pressure == "Protest" else 0
            if decision == "Pull":
                return (-protest, -v.pull_cost)
            if cost == "low cost":
                return (v.assembly_gain - protest, v.government_gain)
            return (-v.rejection_cost - protest, -v.defection_cost)

        return SignalingGame(TYPES, {"low cost": q, "high cost": 1 - q}, MESSAGES, ACTIONS, payoff,
                             players=v.players, title="Ratification of GSOMIA 2012")
