"""The coverage page (docs/explanation/coverage.md): every essay quoted verbatim, every reference real.

The page has one section per essay, headed by the essay's citation as the bibliography formats it
(author, title, outlet, date).  Every passage in straight double quotes outside code spans is a
quotation from that section's essay and must occur in it verbatim (whitespace aside), as the
parameter quotes must (tests/test_bibliography.py).  Code spans name a model, a parameter
(``Model.parameter``), a preset of a model named in the same table row, or a trigame module.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from trigame.models import MODELS
from trigame.models.bibliography import ESSAYS, Essay

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "explanation" / "coverage.md"
SEEDS = ROOT.parent / "shared" / "seeds"

_CODE = re.compile(r"`([^`]+)`")
_QUOTE = re.compile(r'"([^"]+)"')
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
#: Passages an essay itself quotes from someone else (in curly quotes, long enough to be a sentence).
_INNER_QUOTE = re.compile(r"“([^”]{40,})”|‘([^‘]{40,}?)’(?![a-z])")


def sections() -> dict[str, tuple[Essay, str]]:
    """``{essay key: (essay, section text)}`` for the sections headed by an essay's citation."""
    found: dict[str, tuple[Essay, str]] = {}
    for chunk in re.split(r"^## ", PAGE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        heading, _, body = chunk.partition("\n")
        for essay in ESSAYS.values():
            if heading.strip() == essay.citation():
                found[essay.key] = (essay, body)
    return found


def rows(body: str) -> list[str]:
    """The body rows of the section's claim table."""
    return [line for line in body.splitlines() if line.startswith("| ") and not line.startswith("| Claim")]


def quotes(row: str) -> list[str]:
    """The straight-quoted passages of a row, code spans left out."""
    return [" ".join(q.split()) for q in _QUOTE.findall(_CODE.sub("", row))]


def essay_text(essay: Essay) -> str:
    if not SEEDS.is_dir():
        pytest.skip("the essays (../shared/seeds) are not present")
    return essay.text(SEEDS)


def test_one_section_per_essay_in_the_bibliography_order() -> None:
    assert list(sections()) == list(ESSAYS)
    for essay, body in sections().values():
        assert len(rows(body)) >= 8, f"too few claims mapped for {essay.key}"


@pytest.mark.parametrize("key", list(ESSAYS))
def test_every_quote_is_verbatim_in_its_essay(key: str) -> None:
    essay, body = sections()[key]
    text = essay_text(essay)
    checked = 0
    for row in rows(body):
        found = quotes(row)
        assert found, f"a claim without a quotation: {row[:80]}"
        for quote in found:
            assert quote in text, (key, quote)
            checked += 1
    assert checked == len(rows(body))


@pytest.mark.parametrize("key", list(ESSAYS))
def test_third_party_words_are_marked(key: str) -> None:
    """A quote from words the essay itself quotes, or from the reader's reply, says whose words they are."""
    essay, body = sections()[key]
    text = essay_text(essay)
    # Essay 002 ends with a reader's reply (which quotes the essay back): the essay's own part comes before it.
    own, _, reply = text.partition("One response to")
    borrowed = [" ".join("".join(m).split()) for m in _INNER_QUOTE.findall(own)]
    for row in rows(body):
        for quote in quotes(row):
            if any(quote in passage for passage in borrowed):
                assert "(words of" in row, (key, quote)
            if quote not in own:
                assert quote in reply and "reader's reply" in row, (key, quote)


def test_no_unchecked_quotation_outside_the_essay_sections() -> None:
    """Straight double quotes mark essay quotations, so they appear only where they are checked."""
    text = PAGE.read_text(encoding="utf-8")
    citations = {essay.citation() for essay in ESSAYS.values()}
    for chunk in re.split(r"^## ", text, flags=re.M):
        heading = chunk.partition("\n")[0].strip()
        if heading not in citations:
            assert not _QUOTE.findall(_CODE.sub("", chunk)), heading


def test_the_reference_checks_can_fail() -> None:
    essay, body = sections()["sahashi2011"]
    text = essay_text(essay)
    assert "lacks profit for China" not in text  # a paraphrase is caught
    assert any("(words of Hitoshi Tanaka" in row for row in rows(body))


def _preset_owners(name: str) -> set[str]:
    return {model for model, cls in MODELS.items() if name in cls.presets()}


def test_code_spans_name_real_models_parameters_presets_and_modules() -> None:
    generic = {"Model", "Model.parameter", "Model.presets()"}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        named = set(re.findall(r"\b(" + "|".join(MODELS) + r")\b", line))
        for span in _CODE.findall(line):
            if span in generic or span in MODELS:
                continue
            head, _, tail = span.partition(".")
            if head in MODELS:
                assert tail in MODELS[head].parameter_names(), f"{head} has no parameter {tail!r}"
            elif head == "trigame":
                assert importlib.util.find_spec(span) is not None, span
            else:
                owners = _preset_owners(span)
                assert owners, f"no model has a preset {span!r}"
                assert owners & named, f"preset {span!r} named in a row that names none of {owners}"


def test_every_model_is_linked_and_every_link_resolves() -> None:
    text = PAGE.read_text(encoding="utf-8")
    links = _LINK.findall(text)
    for _, target in links:
        assert (PAGE.parent / target).is_file(), target
    linked = {label for label, _ in links}
    assert set(MODELS) <= linked, set(MODELS) - linked
    for label, target in links:
        if label in MODELS:
            page = (PAGE.parent / target).read_text(encoding="utf-8")
            assert f"`trigame.models.{label}`" in page.split("\n", 4)[2], (label, target)


def test_not_modelled_claims_say_what_game_they_would_need() -> None:
    unmodelled = [row for _, body in sections().values() for row in rows(body) if "**Not modelled**" in row]
    assert len(unmodelled) >= 10
    for row in unmodelled:
        assert "would need" in row, row[:80]


def test_the_dated_episodes_have_presets_on_the_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    named = set(_CODE.findall(text))
    for episode in ("2009", "Yeonpyeong", "June 2012", "2015"):
        presets = [p for p in named if episode in p and _preset_owners(p)]
        assert presets, f"no preset for the episode {episode!r} on the page"


def test_page_is_in_the_navigation_and_the_index() -> None:
    assert "      - explanation/coverage.md\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "(coverage.md)" in (PAGE.parent / "index.md").read_text(encoding="utf-8")
