"""The HTML reader: body, blocks, tables and metadata."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import iter_inputs, reader_for
from newsdesk.ingest.html import extract_html, flat_text
from newsdesk.model import Article, Origin

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "html" / "apec-summit-preview.html"


def _read() -> Article:
    (art,) = iter_inputs([str(EXAMPLE)])
    assert isinstance(art, Article)
    return art


def test_reader_dispatch() -> None:
    assert reader_for("a.HTML") == "html"
    assert reader_for("a.html.gz") == "html"
    assert reader_for("a.jsonl.gz") == "jsonl"
    assert reader_for("a.md") == "text"
    assert reader_for("a.pdf") is None


def test_metadata() -> None:
    art = _read()
    assert art.title == "Leaders weigh side meetings ahead of APEC week"
    assert art.published == "2025-10-20"
    assert art.author == "Dana Whitfield"
    assert art.source == "Example Wire"
    assert art.url == "https://example.org/world/apec-side-meetings"
    assert art.language == "en"


def test_body_without_navigation_or_footer() -> None:
    art = _read()
    assert "Officials from several Pacific Rim governments" in art.text
    assert "Home" not in art.text.split("\n")
    assert "Markets rally" not in art.text
    assert "©" not in art.text


def test_blocks_index_text_and_keep_structure() -> None:
    art = _read()
    kinds = [b.kind for b in art.blocks]
    assert "heading" in kinds and "list_item" in kinds and "table" in kinds
    for b in art.blocks:
        chunk = art.text[b.start : b.end]
        assert chunk == chunk.strip() and chunk
    headings = [art.text[b.start : b.end] for b in art.blocks if b.kind == "heading"]
    assert "What is on the table" in headings and "Past summits" in headings
    items = [art.text[b.start : b.end] for b in art.blocks if b.kind == "list_item"]
    assert any("Digital trade rules" in i for i in items)


def test_table() -> None:
    art = _read()
    (table,) = art.tables
    assert table.header == ["Year", "Host city", "Outcome"]
    assert table.rows == [["2023", "San Francisco", "Leaders' declaration adopted"],
                          ["2024", "Lima", "Declaration on inclusive growth"]]
    assert "San Francisco" in art.text[table.start : table.end]
    assert len(table.row_spans) == 3


def test_flat_text_handles_any_depth() -> None:
    html = "<div>" * 20000 + "<p>deep text</p><script>var x;</script>" + "</div>" * 20000
    assert flat_text(html) == "deep text"


def test_short_page_falls_back_to_recall() -> None:
    art = extract_html("<html><body><p>Just one short line of news.</p></body></html>", id="x",
                       origin=Origin("x", "html"))
    assert "Just one short line of news." in art.text
