"""Textbook signalling games shared by the tests (each test derives its expected values by hand)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from trigame.games.signaling import SignalingGame


def beer_quiche_payoffs(t: str, m: str, a: str) -> tuple[int, int]:
    """Cho and Kreps (1987), section II: the sender gets 1 for the breakfast its type prefers (strong: beer,
    weak: quiche) and 2 more if there is no duel; the receiver gets 1 for duelling a weak or sparing a strong
    sender."""
    return ((1 if (m == "beer") == (t == "strong") else 0) + (2 if a == "not" else 0),
            1 if (a == "duel") == (t == "weak") else 0)


def beer_quiche(prior_strong: Any = Fraction(9, 10), **options: Any) -> SignalingGame:
    """Beer-Quiche with prior ``prior_strong`` on the strong type (9/10 in Cho and Kreps)."""
    return SignalingGame(("strong", "weak"), {"strong": prior_strong, "weak": 1 - prior_strong},
                         ("beer", "quiche"), ("duel", "not"), beer_quiche_payoffs, **options)
