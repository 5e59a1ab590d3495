"""Extended deterrence under uncertainty: an ally unsure of US resolve relies on the United States or hedges."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from trigame.games.bayesian import BayesianGame
from trigame.models.bibliography import assumption, cite
from trigame.models.incomplete import IncompleteInformationModel
from trigame.models.parameters import POSITIVE, REAL, UNIT, Scenario, parameter

__all__ = ["ExtendedDeterrence"]

#: The ally's one type (the ally has no private information).
ALLY_TYPE = "-"


@dataclass(frozen=True, kw_only=True)
class ExtendedDeterrence(IncompleteInformationModel):
    """South Korea (or Japan), unsure whether the United States is resolved, relies on it or hedges.

    A Bayesian game (Harsanyi 1967-68).  Nature draws the United States'
    type: *resolved* with probability ``prior_resolved`` = p, else
    *unresolved*; the United States learns its type, the ally does not.
    Then, simultaneously, the ally chooses to **Rely** on the US guarantee or
    to **Hedge** (build its own capabilities, seek other arrangements), and
    the United States chooses, by type, to **Defend** the ally or **Abandon**
    it if the ally is challenged.  Essay 004 quotes Fred McGoldrick: what is
    critical is the ability of the United States "to convince the South
    Koreans that it has no intention of abandoning them"; the essay adds that
    this "perfectly applies to the Japan-US alliance too", so the ally may be
    read as Japan (rename it with ``players``).

    Payoffs (ally, United States), with b = ``security_gain``,
    c = ``abandonment_loss``, h = ``hedging_value``,
    r = ``resolve_margin``, d = ``defense_cost``::

                        Defend                    Abandon
        Rely     (b, r | resolved; −d)      (−c, 0)
        Hedge    (h, r | resolved; −d)      (h, 0)

    The US payoff of Defend is r for the resolved type and −d for the
    unresolved one; Abandon gives 0; the ally's choice does not change the US
    payoffs.  The type-agent form (agents ``South Korea@-``,
    ``United States@resolved``, ``United States@unresolved``) is 2x2x2, so
    the game is solved in closed form, also over symbols.

    The essays are cited in full by ``ExtendedDeterrence.parameters()``.

    Parameters
    ----------
    prior_resolved : probability in [0, 1], default 3/4
        The ally's prior that the United States is resolved: its confidence in
        the US guarantee.  Essay 004, McGoldrick's words: the United States
        must convince the South Koreans "that it has no intention of abandoning
        them".
    security_gain : number > 0, default 4
        The ally's payoff from relying on a United States that defends it.
        Essay 004, McGoldrick's words: "credible non-nuclear deterrence
        guarantees".
    abandonment_loss : number > 0, default 4
        The ally's loss from relying on a United States that abandons it
        (a modelling assumption: the fear the quote above names).
    hedging_value : real number, default 1
        The ally's payoff from hedging, whatever the United States does.
        Essay 004 (on Japan): Japan "places great weight on its own efforts to
        protect its population through ballistic missile defense programs".
    resolve_margin : number > 0, default 1
        What the resolved type gains by defending rather than abandoning (a
        modelling assumption: it is what "resolved" means here).
    defense_cost : number > 0, default 1
        What the unresolved type loses by defending rather than abandoning (a
        modelling assumption, likewise).

    players : pair of str, default ("South Korea", "United States")
        The ally's and the United States' names.

    Defaults
    --------
    Illustrative: p = 3/4, b = c = 4, h = 1 put the ally above its reliance
    threshold 5/8.  ``headline = ("prior_resolved", "hedging_value")``.

    Regimes
    -------
    Each US type has a strictly dominant action whatever the ally does:
    the resolved type Defends (r > 0), the unresolved type Abandons (d > 0).
    Against that, Rely gives the ally p·b − (1 − p)·c and Hedge gives h, so
    Rely is a best reply if and only if p·(b + c) >= c + h, that is

        prior_resolved >= (abandonment_loss + hedging_value) / (security_gain + abandonment_loss).

    * **Reliance** (p above the threshold): the ally relies; the resolved
      type defends, the unresolved type abandons.
    * **Hedging** (p below it): the ally hedges.
    * **Indifference** (p at the threshold, which lies in [0, 1] when
      −c <= h <= b): every mixture of Rely and Hedge is an equilibrium, a
      continuum reported with ``degenerate=True``.

    At p = 0 or p = 1 a US type has probability zero: it has no agent, any
    behaviour is optimal for it, and the solver says so in ``notes``.  The
    symbolic regimes (:mod:`trigame.statics`) are those of the type-agent form
    with both US types present.

    References
    ----------
    John C. Harsanyi, "Games with incomplete information played by 'Bayesian'
    players," parts I-III, *Management Science* 14, 1967-68.  Glenn H.
    Snyder, "The Security Dilemma in Alliance Politics," *World Politics*
    36(4), 1984 (the fear of abandonment).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from trigame.models.extended_deterrence import ExtendedDeterrence
    >>> [e.label() for e in ExtendedDeterrence().equilibria()]  # doctest: +NORMALIZE_WHITESPACE
    ['South Korea: Rely; United States: Defend if resolved, Abandon if unresolved']
    >>> [e.label() for e in ExtendedDeterrence(prior_resolved=Fraction(1, 2)).equilibria()]
    ['South Korea: Hedge; United States: Defend if resolved, Abandon if unresolved']
    """

    players: tuple[str, str] = ("South Korea", "United States")  # type: ignore[misc]  # a field here: renamable
    title = "Extended deterrence with uncertain US resolve"
    headline: ClassVar[tuple[str, str]] = ("prior_resolved", "hedging_value")

    prior_resolved: float = parameter(
        default=Fraction(3, 4),
        domain=UNIT,
        label="Prior that the US is resolved",
        latex=r"p",
        description="the ally's prior that the United States is resolved (would defend it if challenged)",
        source=cite("japanese2016", "no intention of abandoning them", speaker="Fred McGoldrick"),
    )
    security_gain: float = parameter(
        default=4,
        domain=POSITIVE,
        label="Ally's gain from a defended reliance",
        latex=r"b",
        description="the ally's payoff from relying on a United States that defends it",
        source=cite("japanese2016", "credible non-nuclear deterrence guarantees", speaker="Fred McGoldrick"),
    )
    abandonment_loss: float = parameter(
        default=4,
        domain=POSITIVE,
        label="Ally's loss if abandoned",
        latex=r"c",
        description="the ally's loss from relying on a United States that abandons it",
        source=assumption("the essays name the fear of abandonment but no cost of it; Snyder 1984's abandonment"),
    )
    hedging_value: float = parameter(
        default=1,
        domain=REAL,
        label="Ally's value of hedging",
        latex=r"h",
        description="the ally's payoff from hedging (its own capabilities), whatever the United States does",
        source=cite("japanese2016", "places great weight on its own efforts to protect its population through "
                    "ballistic missile defense programs"),
    )
    resolve_margin: float = parameter(
        default=1,
        domain=POSITIVE,
        label="Resolved US's gain from defending",
        latex=r"r",
        description="what a resolved United States gains by defending the ally rather than abandoning it",
        source=assumption("the definition of the resolved type: it prefers to defend"),
    )
    defense_cost: float = parameter(
        default=1,
        domain=POSITIVE,
        label="Unresolved US's cost of defending",
        latex=r"d",
        description="what an unresolved United States loses by defending the ally rather than abandoning it",
        source=assumption("the definition of the unresolved type: it prefers to abandon"),
    )

    scenarios = (
        Scenario(
            "Confident ally (illustrative)",
            {},
            "The ally's prior 3/4 is above its threshold 5/8: it relies on the United States. Constructed "
            "values (the defaults), not a historical case.",
        ),
        Scenario(
            "Doubting ally (illustrative)",
            {"prior_resolved": Fraction(1, 2)},
            "The ally's prior 1/2 is below its threshold 5/8: it hedges. Constructed values, not a "
            "historical case.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> BayesianGame:
        """The Bayesian game: the prior over the US types, then simultaneous choices."""
        p = v.prior_resolved
        ally, us = v.players

        def payoff(types: tuple[str, str], actions: tuple[str, str]) -> tuple[Any, Any]:
            reliance, defense = actions
            if reliance == "Hedge":
                own = v.hedging_value
            else:
                own = v.security_gain if defense == "Defend" else -v.abandonment_loss
            if defense == "Abandon":
                return (own, 0)
            return (own, v.resolve_margin if types[1] == "resolved" else -v.defense_cost)

        return BayesianGame(
            [ally, us],
            {ally: [ALLY_TYPE], us: ["resolved", "unresolved"]},
            {us: {"resolved": p, "unresolved": 1 - p}},
            {ally: ["Rely", "Hedge"], us: ["Defend", "Abandon"]},
            payoff,
            title="Extended deterrence with uncertain US resolve",
        )
