"""The five essays the models stand on, and citations of them a reader can follow.

Each essay is an :class:`Essay` in :data:`ESSAYS`, keyed by a short name
(``"cossa1999"``), with its author (where the essay names one), title, outlet
and date.  :func:`citation` formats one for text; :func:`cite` pairs an essay
with a verbatim quote, the structured form a parameter's ``source`` takes
(``parameter(..., source=cite("sahashi2011", "lacks profit"))``): the
:class:`~trigame.models.parameters.Parameter` keeps the :class:`Quote` in its
``citations`` and shows it in ``source`` as author, title, outlet, date and
quote.  :func:`assumption` marks a parameter that no essay sentence supports.

The essays themselves are not shipped with the package; :meth:`Essay.text`
reads one from a directory of the seed files (the test suite uses it to check
that every quote is verbatim).

Examples
--------
>>> citation("cossa1999")
'Ralph A. Cossa, “U.S.-Japan-Korea: Creating a Virtual Alliance” (c. 1999)'
>>> q = cite("sahashi2011", "lacks profit")
>>> str(q)
'Ryo Sahashi, “North Korea: Why is Seoul and Tokyo Cooperation Necessary?” (East Asia Forum, 2011): "lacks profit"'
>>> q.essay.file
'002_4143fe862d01c05d.txt'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from trigame.errors import ParameterError

__all__ = ["ASSUMPTION", "ESSAYS", "Essay", "Quote", "assumption", "citation", "cite", "format_source"]

#: How a parameter without an essay anchor begins its ``source``.
ASSUMPTION = "Modelling assumption (no essay anchor)"


@dataclasses.dataclass(frozen=True)
class Essay:
    """One of the essays, as a reader would cite it.

    Attributes
    ----------
    key : str
        Short name used by :func:`cite` (author or blog, and year).
    author : str or None
        The author as the essay names them; None when the text names no author.
    title : str
        The title, as printed.
    outlet : str or None
        Where it appeared; None when the text does not say.
    date : str
        The date as far as it is known ("c. 1999" stays approximate).
    file : str
        The seed file holding its text (``../shared/seeds/`` in the repository).
    note : str
        What the source text says (or does not say) about authorship.
    """

    key: str
    author: str | None
    title: str
    outlet: str | None
    date: str
    file: str
    note: str = ""

    def citation(self) -> str:
        """Author, “title” (outlet, date); an unsigned essay is cited by title."""
        where = ", ".join(part for part in (self.outlet, self.date) if part)
        head = f"{self.author}, " if self.author else ""
        return f"{head}“{self.title}” ({where})"

    def text(self, directory: str | Path) -> str:
        """The essay's text read from ``directory`` (the seed files), whitespace collapsed to single spaces."""
        path = Path(directory) / self.file
        return " ".join(path.read_text(encoding="utf-8").split())


ESSAYS: dict[str, Essay] = {
    essay.key: essay
    for essay in (
        Essay(
            "asiaunbound2012a",
            None,
            "Is It Time for the U.S.-Japan-South Korea Virtual Alliance to Get Real?",
            "Asia Unbound (Council on Foreign Relations blog)",
            "17 Jan 2012",
            "000_dbbbf7faee29b8a9.txt",
            "Asia Unbound (Council on Foreign Relations blog), unsigned in the source text",
        ),
        Essay(
            "cossa1999",
            "Ralph A. Cossa",
            "U.S.-Japan-Korea: Creating a Virtual Alliance",
            None,
            "c. 1999",
            "001_fdc3338eaa2fadb2.txt",
            "signed; the text names no outlet",
        ),
        Essay(
            "sahashi2011",
            "Ryo Sahashi",
            "North Korea: Why is Seoul and Tokyo Cooperation Necessary?",
            "East Asia Forum",
            "2011",
            "002_4143fe862d01c05d.txt",
            "signed; first published by the Jeju Peace Institute, as the text says",
        ),
        Essay(
            "asiaunbound2012b",
            None,
            "U.S. Rebalancing and Japan-South Korea Defense Cooperation",
            "Asia Unbound (Council on Foreign Relations blog)",
            "9 Jul 2012",
            "003_df62200b4de7432b.txt",
            "Asia Unbound (Council on Foreign Relations blog), unsigned in the source text",
        ),
        Essay(
            "japanese2016",
            None,
            "A Japanese Perspective: US-ROK-Japanese Trilateral Security Cooperation",
            None,
            "c. 2016",
            "004_5d854be5f042cbb8.txt",
            "unsigned in the source text (it speaks of “the author himself”); the text names no outlet",
        ),
    )
}


def _essay(key: str) -> Essay:
    try:
        return ESSAYS[key]
    except KeyError:
        raise ParameterError(f"no essay {key!r}; the essays are: {', '.join(ESSAYS)}") from None


def citation(key: str) -> str:
    """The citation of essay ``key``: author, “title” (outlet, date)."""
    return _essay(key).citation()


@dataclasses.dataclass(frozen=True)
class Quote:
    """A verbatim quote from an essay: what a parameter's ``source`` cites.

    Attributes
    ----------
    essay : Essay
        The essay quoted.
    quote : str
        The words, exactly as in the essay (whitespace aside).
    speaker : str
        Whose words they are when not the essay author's own (a third party the
        essay quotes or reports, e.g. a report or another scholar); empty otherwise.
    """

    essay: Essay
    quote: str
    speaker: str = ""

    def __str__(self) -> str:
        words = f'"{self.quote}"'
        if self.speaker:
            words = f"{words} (words of {self.speaker}, quoted in the essay)"
        return f"{self.essay.citation()}: {words}"


def cite(key: str, quote: str, *, speaker: str = "") -> Quote:
    """A verbatim ``quote`` from essay ``key``; ``speaker`` names a third party whose words the essay quotes."""
    if not isinstance(quote, str) or not quote.strip() or '"' in quote:
        raise ParameterError(f"a quote must be a non-empty string without double quotes, got {quote!r}")
    return Quote(_essay(key), quote, speaker)


def assumption(reason: str) -> str:
    """The ``source`` of a parameter that no essay sentence supports: says so, and why the parameter is there."""
    return f"{ASSUMPTION}: {reason}"


def format_source(source: str | Quote | Iterable[str | Quote]) -> tuple[str, tuple[Quote, ...]]:
    """A parameter's ``source`` as text, and the quotes it holds.

    ``source`` is a plain string (kept as it is), a :class:`Quote`, or a
    sequence of both (joined with "; ").
    """
    if isinstance(source, str):
        return source, ()
    items = [source] if isinstance(source, Quote) else list(source)
    for item in items:
        if not isinstance(item, (str, Quote)):
            raise ParameterError(f"a parameter's source must be a string or a cite(...) quote, got {item!r}")
    quotes = tuple(item for item in items if isinstance(item, Quote))
    return "; ".join(str(item) for item in items), quotes
