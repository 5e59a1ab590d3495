"""Snyder's alliance security dilemma: two allies choose a strong or a weak commitment (Snyder 1984)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from trigame.models.base import Model
from trigame.models.bibliography import assumption, cite
from trigame.models.parameters import NONNEGATIVE, REAL, Scenario, parameter

__all__ = ["AllianceSecurityDilemma"]


@dataclass(frozen=True, kw_only=True)
class AllianceSecurityDilemma(Model):
    """Two allies choose a Strong or a Weak commitment to each other (Snyder 1984).

    Snyder's alliance game (the "secondary" alliance security dilemma): each
    ally chooses between "support or nonsupport of allies", torn between
    "fears of entrapment and abandonment".  A strong commitment lowers the
    risk of being abandoned and deters the adversary, but raises the risk of
    entrapment and costs leverage over the ally; a weak one (hedging) does
    the reverse.  Snyder's article is verbal; this is the standard cardinal
    formalization (research notes, models.md §1.3(b)).

    Game (the first ally, by default the United States, chooses the row;
    payoffs (first ally, second ally)), with b = ``partner_value_*``,
    e = ``commitment_cost_*``, A = ``hedging_cost_*``::

                  Strong                          Weak
        Strong   (b_us − e_us, b_rok − e_rok)    (−e_us, b_rok)
        Weak     (b_us, −e_rok)                  (−A_us, −A_rok)

    The essays are cited in full (author, title, outlet, date) by
    ``AllianceSecurityDilemma.parameters()``.

    Parameters
    ----------
    partner_value_us, partner_value_rok : number >= 0, default 3
        Value to each ally of the *partner's* strong commitment: deterrence of
        the adversary, insurance against abandonment.  Essay 004 (US):
        "sustainable stationing of US forces in Korea and Japan is essential to
        the US forward deployment posture"; the same essay (ROK) quotes Fred
        McGoldrick: the US must "convince the South Koreans that it has no
        intention of abandoning them".
    commitment_cost_us, commitment_cost_rok : real number, default 1
        Each ally's *net* cost of its own strong commitment: entrapment risk,
        lost leverage, tension with the adversary, domestic cost.  It may be
        negative, when a strong commitment pays for itself (the regime we call
        "Dominance", after the dominant strategy, not Snyder's term).  US: no
        essay sentence describes a US cost of committing to Seoul; it is a
        modelling assumption (Snyder's entrapment risk).  ROK: essay 004 quotes
        the IIPS/SFIA Joint Report: Seoul "has practical reasons to maintain its
        cooperative relationship with China".
    hedging_cost_us, hedging_cost_rok : number >= 0, default 2
        Extra cost to each ally when both hedge: alliance erosion, abandonment
        realized.  Essay 001 (US; Cossa, on Seoul realigning): "Absent American
        assurances, Seoul would likely feel compelled to establish security
        links with one of its larger neighbors" ... "This has proven to be
        destabilizing in the past"; essay 003 (ROK): Seoul's influence on China
        "depends directly on a strong U.S.-ROK alliance".

    players : pair of str, default ("United States", "South Korea")
        The allies' names; the suffix ``_us`` always refers to the first ally
        and ``_rok`` to the second.

    Defaults
    --------
    The defaults (b = 3, e = 1, A = 2 for both) are illustrative, in the
    Chicken regime.  ``headline = ("commitment_cost_us", "commitment_cost_rok")``:
    the regimes below are bands of e_i, so a region map over the two
    commitment costs shows all of them.

    Regimes
    -------
    The partner value b_i never changes a best reply: against a Strong partner
    ally i compares b_i − e_i with b_i (Weak is strictly better iff e_i > 0);
    against a Weak partner it compares −e_i with −A_i (Strong is strictly
    better iff e_i < A_i).  So each ally has Weak strictly dominant if
    e_i > A_i, Strong strictly dominant if e_i < 0, and the "Chicken" best
    replies (the opposite of the partner) if 0 < e_i < A_i.  Hence:

    * **Prisoner's Dilemma** (A_i < e_i < b_i + A_i for both allies): the
      unique Nash equilibrium is (Weak, Weak), and both allies prefer
      (Strong, Strong), since b_i − e_i > −A_i.  (With e_i >= b_i + A_i
      for some ally, (Weak, Weak) is still the unique equilibrium but that ally
      no longer prefers mutual strong commitment: no dilemma.)
    * **Chicken** (0 < e_i < A_i for both): exactly three equilibria, (Strong,
      Weak), (Weak, Strong) and a mixed one with
      Pr_i(Strong) = 1 − e_j/A_j -- each ally's mixing is pinned down by its
      *partner's* costs, so Pr_i(Strong) falls with e_j and rises with A_j.
    * **Dominance** (e_i < 0 for both): Strong is strictly dominant; the unique
      equilibrium is (Strong, Strong).
    * **Asymmetric** (the allies in different strict regimes above): a unique
      equilibrium, in pure strategies; the ally with a dominant action plays
      it and the other best-replies.
    * **Boundaries** (e_i = 0 or e_i = A_i for some ally): that ally is
      indifferent at some profile.  Ally i's gain from Strong when its
      partner plays Strong with probability q is (1 − q)·A_i − e_i, so a
      continuum of equilibria exists exactly when, for allies i ≠ j,
      e_i = 0 and e_j < A_j (i mixes over an interval while j commits), or
      e_i = A_i and e_j > 0 (i mixes while j hedges), or e_j = A_j = 0 (j
      indifferent everywhere).  Otherwise the boundary game still has
      finitely many equilibria: e.g. e_us = 0, e_rok = 3 > A_rok = 1 has the
      unique equilibrium (Strong, Weak).  A continuum is reported with
      ``degenerate=True``.

    References
    ----------
    Glenn H. Snyder, "The Security Dilemma in Alliance Politics," *World
    Politics* 36(4), 1984, 461-495.  Glenn H. Snyder, "'Prisoner's Dilemma'
    and 'Chicken' Models in International Politics," *International Studies
    Quarterly* 15(1), 1971, 66-103.

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> chicken = AllianceSecurityDilemma()
    >>> [e.label() for e in chicken.equilibria()]  # doctest: +NORMALIZE_WHITESPACE
    ['United States: Strong, South Korea: Weak', 'United States: Weak, South Korea: Strong',
     'United States: 1/2 Strong + 1/2 Weak, South Korea: 1/2 Strong + 1/2 Weak']
    >>> pd = chicken.replace(commitment_cost_us=2, commitment_cost_rok=2, hedging_cost_us=1, hedging_cost_rok=1)
    >>> [e.label() for e in pd.equilibria()]
    ['United States: Weak, South Korea: Weak']
    """

    players: tuple[str, str] = ("United States", "South Korea")  # type: ignore[misc]  # a field here: renamable
    strategies = (("Strong", "Weak"), ("Strong", "Weak"))
    title = "Alliance security dilemma (Snyder 1984)"
    headline: ClassVar[tuple[str, str]] = ("commitment_cost_us", "commitment_cost_rok")

    partner_value_us: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="US value of the partner's commitment",
        latex=r"b_{\mathrm{us}}",
        description="value to the first ally (United States) of the partner's strong commitment: "
        "deterrence, insurance against abandonment",
        source=(cite("japanese2016", "sustainable stationing of US forces in Korea and Japan is essential to the "
                     "US forward deployment posture"), "Snyder 1984"),
    )
    partner_value_rok: float = parameter(
        default=3,
        domain=NONNEGATIVE,
        label="ROK value of the partner's commitment",
        latex=r"b_{\mathrm{rok}}",
        description="value to the second ally (South Korea) of the partner's strong commitment: "
        "deterrence, insurance against abandonment",
        source=(cite("japanese2016", "convince the South Koreans that it has no intention of abandoning them",
                     speaker="Fred McGoldrick"), "Snyder 1984"),
    )
    commitment_cost_us: float = parameter(
        default=1,
        domain=REAL,
        label="US commitment cost",
        latex=r"e_{\mathrm{us}}",
        description="the first ally's net cost of its own strong commitment: entrapment risk, lost leverage, "
        "tension with the adversary, domestic cost (negative when commitment pays for itself)",
        source=assumption("no essay describes a US cost of a strong commitment to its ally; Snyder 1984's "
                          "entrapment risk and lost leverage"),
    )
    commitment_cost_rok: float = parameter(
        default=1,
        domain=REAL,
        label="ROK commitment cost",
        latex=r"e_{\mathrm{rok}}",
        description="the second ally's net cost of its own strong commitment: entrapment risk, lost leverage, "
        "tension with the adversary, domestic cost (negative when commitment pays for itself)",
        source=(cite("japanese2016", "has practical reasons to maintain its cooperative relationship with China",
                     speaker="the IIPS/SFIA Joint Report"), "Snyder 1984"),
    )
    hedging_cost_us: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="US cost of mutual hedging",
        latex=r"A_{\mathrm{us}}",
        description="extra cost to the first ally when both hedge: alliance erosion, abandonment realized",
        source=(cite("cossa1999", "Absent American assurances, Seoul would likely feel compelled to establish "
                     "security links with one of its larger neighbors"),
                cite("cossa1999", "This has proven to be destabilizing in the past"), "Snyder 1984"),
    )
    hedging_cost_rok: float = parameter(
        default=2,
        domain=NONNEGATIVE,
        label="ROK cost of mutual hedging",
        latex=r"A_{\mathrm{rok}}",
        description="extra cost to the second ally when both hedge: alliance erosion, abandonment realized",
        source=(cite("asiaunbound2012b", "depends directly on a strong U.S.-ROK alliance"), "Snyder 1984"),
    )

    scenarios = (
        Scenario(
            "Prisoner's Dilemma (illustrative)",
            {"commitment_cost_us": 2, "commitment_cost_rok": 2, "hedging_cost_us": 1, "hedging_cost_rok": 1},
            "A_i < e_i < b_i + A_i (models.md §1.3(b)): entrapment fears dominate; both hedge although both "
            "prefer mutual strong commitment. Constructed values, not a historical case.",
        ),
        Scenario(
            "Chicken (illustrative)",
            {},
            "0 < e_i < A_i (models.md §1.3(b)): abandonment fears dominate; one ally commits and the other "
            "free-rides (the public-goods term of Olson and Zeckhauser 1966, not Snyder's), or both mix. "
            "Constructed values (the defaults), not a historical case.",
        ),
        Scenario(
            "Dominance (illustrative)",
            {"commitment_cost_us": -1, "commitment_cost_rok": -1},
            "e_i < 0 (models.md §1.3(b)): strong commitment pays for itself; both commit. Constructed values, "
            "not a historical case.",
        ),
    )

    @staticmethod
    def payoffs(v: Any) -> dict[tuple[str, str], tuple[Any, Any]]:
        """The game table (models.md §1.3(b)), payoffs listed (first ally, second ally)."""
        b1, b2 = v.partner_value_us, v.partner_value_rok
        e1, e2 = v.commitment_cost_us, v.commitment_cost_rok
        a1, a2 = v.hedging_cost_us, v.hedging_cost_rok
        return {
            ("Strong", "Strong"): (b1 - e1, b2 - e2),
            ("Strong", "Weak"): (-e1, b2),
            ("Weak", "Strong"): (b1, -e2),
            ("Weak", "Weak"): (-a1, -a2),
        }
