"""The demo page examples/scraped/summit-watch.txt shows what examples/README.md says it does."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model import Article, Origin
from newsdesk.structure import analyse

DEMO = Path(__file__).resolve().parents[2] / "examples" / "scraped" / "summit-watch.txt"


def test_demo_page_structure() -> None:
    text = DEMO.read_bytes().decode("utf-8")
    art = analyse(Article(id=str(DEMO), text=text, origin=Origin(str(DEMO), "text")))
    kinds = [b.kind for b in art.blocks]
    assert kinds[0] == "markup_residue" and kinds[1] == "title" and kinds.count("toc") == 1
    assert art.published == "2025-03-08T10:45:00" and art.author == "Maya Lindqvist"
    assert len(art.tables) == 1 and art.tables[0].header == ["Meeting", "Date", "Host city", "Result"]
    assert len(art.tables[0].rows) == 2
    assert kinds.count("callout") == 2 and kinds.count("faq") == 3 and len(art.faq) == 3
    assert [k.text for k in art.keywords] == ["coastal nations summit 2025", "lisbon ocean talks", "fishing quota news"]
    assert kinds[-1] == "boilerplate"
