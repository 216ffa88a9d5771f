"""The structure points of ../shared/eval/specimens/content-farm-1.expected.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context
from newsdesk.stages.structure import structure

SPECIMEN = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "specimens" / "content-farm-1.txt"


@pytest.fixture(scope="module")
def art() -> Article:
    if not SPECIMEN.is_file():
        pytest.skip(f"specimen not found at {SPECIMEN} (../shared is not beside the repo)")
    text = SPECIMEN.read_bytes().decode("utf-8")
    return structure(Article(id="content-farm-1", text=text, origin=Origin(str(SPECIMEN), "text")), Context())


def _texts(art: Article, kind: str) -> list[str]:
    return [art.text[b.start:b.end] for b in art.blocks if b.kind == kind]


def test_text_unchanged(art: Article) -> None:
    assert art.text == SPECIMEN.read_bytes().decode("utf-8")


def test_first_line_is_residue(art: Article) -> None:
    first = art.blocks[0]
    assert first.kind == "markup_residue" and first.boilerplate
    assert art.text[first.start:first.end] == 'article-body">'


def test_title_and_published(art: Article) -> None:
    assert art.title == "India-Pakistan Talks Speculation Grows Ahead Of SCO Meeting In Islamabad"
    assert art.published is not None and art.published.startswith("2024-09-14T09:30")


def test_toc_is_one_region_without_body(art: Article) -> None:
    tocs = [b for b in art.blocks if b.kind == "toc"]
    assert len(tocs) == 1 and tocs[0].boilerplate
    toc = tocs[0]
    region = art.text[toc.start:toc.end]
    assert region.startswith("Contents") and region.endswith("- 8. Keywords")
    assert region.count("\n") == 8
    assert not [b for b in art.blocks if not b.boilerplate and b.start < toc.end and b.end > toc.start]


def test_headings(art: Article) -> None:
    headings = _texts(art, "heading")
    for h in ["Mixed Signals From Both Capitals", "A History Of Sudden Breakthroughs", "What Officials Are Saying",
              "Common Questions", "Regional Reactions", "Keywords",
              "Modi-Sharif Meeting Back On The Table After Years Of Silence"]:
        assert h in headings
    assert not any(h.endswith("?") for h in headings), "the orphan question is not a heading"


def test_table(art: Article) -> None:
    assert len(art.tables) == 1
    t = art.tables[0]
    assert t.header == ["Meeting", "Date", "Location", "Outcome"]
    assert [r[0] for r in t.rows] == ["Swearing-in", "Ufa", "Lahore"]
    assert t.rows[0][1] == "May 26,2014"
    assert len(t.row_spans) == 4
    assert _texts(art, "table") == [art.text[t.start:t.end]]


def test_callout(art: Article) -> None:
    callouts = _texts(art, "callout")
    assert len(callouts) == 1 and callouts[0].startswith("Did You Know?")


def test_faq(art: Article) -> None:
    assert [q.question for q in art.faq] == [
        "Who is hosting the meeting?", "Has Modi visited Pakistan before?", "Will there be bilateral talks?"]
    assert art.faq[1].answer == "Yes, he made a brief stop in Lahore in December 2015."
    assert not any("China" in q.question for q in art.faq)
    orphan = [b for b in art.blocks if art.text[b.start:b.end].startswith("What role could China")]
    assert orphan and orphan[0].kind == "paragraph"


def test_keywords(art: Article) -> None:
    words = [k.text for k in art.keywords]
    assert len(words) == 5 and "India Pakistan Talks" in words
    assert not any("China" in w or "United States" in w for w in words)
    reactions = [b for b in art.blocks if art.text[b.start:b.end].startswith("* China:")]
    assert reactions and reactions[0].kind == "list_item" and not reactions[0].boilerplate
    for k in art.keywords:
        assert art.text[k.start:k.end] == k.text
