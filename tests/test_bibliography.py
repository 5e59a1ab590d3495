"""The bibliography of the essays, and the verbatim check of every quote a model parameter cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trigame.errors import ParameterError
from trigame.models import MODELS, UNIT, Parameter
from trigame.models.bibliography import ASSUMPTION, ESSAYS, Quote, assumption, citation, cite

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
_FILE_QUOTE = re.compile(r'(\d{3}_[0-9a-f]{16}\.txt): "([^"]+)"')


def test_one_entry_per_essay_file() -> None:
    files = sorted(essay.file for essay in ESSAYS.values())
    assert files == ["000_dbbbf7faee29b8a9.txt", "001_fdc3338eaa2fadb2.txt", "002_4143fe862d01c05d.txt",
                     "003_df62200b4de7432b.txt", "004_5d854be5f042cbb8.txt"]
    if SEEDS.is_dir():
        assert sorted(p.name for p in SEEDS.glob("0*.txt")) == files


def test_citation_format() -> None:
    assert citation("cossa1999") == "Ralph A. Cossa, “U.S.-Japan-Korea: Creating a Virtual Alliance” (c. 1999)"
    assert citation("asiaunbound2012b") == ("“U.S. Rebalancing and Japan-South Korea Defense Cooperation” "
                                            "(Asia Unbound (Council on Foreign Relations blog), 9 Jul 2012)")
    with pytest.raises(ParameterError, match="no essay 'nope'"):
        citation("nope")


def test_named_authors_are_named_in_their_essays() -> None:
    """An author is given only when the essay's own text names them."""
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    for essay in ESSAYS.values():
        text = essay.text(SEEDS)
        if essay.author is not None:
            assert essay.author in text, essay.key
        assert essay.title.split(":")[-1].strip()[:30] in text.replace("\u201c", "").replace('"', ""), essay.key


def test_a_parameter_takes_a_structured_citation() -> None:
    q = cite("sahashi2011", "lacks profit")
    p = Parameter("x", "a value", 0, UNIT, (q, "Snyder 1984"))
    assert p.citations == (q,)
    assert p.source == ('Ryo Sahashi, “North Korea: Why is Seoul and Tokyo Cooperation Necessary?” '
                        '(East Asia Forum, 2011): "lacks profit"; Snyder 1984')
    assert Parameter("x", "a value", 0, UNIT, "Cha 1999").citations == ()
    third = cite("japanese2016", "no intention of abandoning them", speaker="Fred McGoldrick")
    assert "(words of Fred McGoldrick, quoted in the essay)" in str(third)
    with pytest.raises(ParameterError, match="source must be a string"):
        Parameter("x", "a value", 0, UNIT, (q, 3))
    with pytest.raises(ParameterError, match="non-empty string"):
        cite("cossa1999", "")


def _quotes(p: Parameter) -> list[tuple[str, str]]:
    """(seed file, quote) pairs of a parameter: structured citations, or the older file-name form."""
    return [(c.essay.file, c.quote) for c in p.citations] + _FILE_QUOTE.findall(p.source)


@pytest.mark.parametrize("model", list(MODELS.values()), ids=list(MODELS))
def test_every_parameter_quote_is_verbatim_in_its_essay(model: type) -> None:
    """Each parameter cites an essay with words found verbatim in it, or says it is a modelling assumption."""
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    for p in model.parameters():
        quotes = _quotes(p)
        assert quotes or p.source.startswith(ASSUMPTION), (model.__name__, p.name, p.source)
        for file, quote in quotes:
            essay = " ".join((SEEDS / file).read_text(encoding="utf-8").split())
            assert " ".join(quote.split()) in essay, (model.__name__, p.name, file, quote)
        assert all(isinstance(c, Quote) for c in p.citations)


def test_assumption_is_marked() -> None:
    assert assumption("a normalisation").startswith(ASSUMPTION)
