"""The curated public API and the contract's JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsdesk
from newsdesk.serialize import to_dict

EXPECTED_API = {
    "Article", "Block", "Claim", "ConfigError", "Context", "Entity", "Event", "FaqItem", "Failure", "Flag",
    "InputError", "Keyword", "Limits", "Mention", "NewsdeskError", "Pipeline", "PipelineError", "StageError",
    "StoreError", "Table", "Timex", "__version__", "analyze", "analyze_text", "iter_inputs", "to_dict",
}


def test_public_api_is_curated() -> None:
    assert set(newsdesk.__all__) >= EXPECTED_API
    for name in newsdesk.__all__:
        assert hasattr(newsdesk, name), name


def test_analyze_text_keeps_text_exactly() -> None:
    text = "  Title line\r\n\r\nBody with trailing spaces.   \n"
    art = newsdesk.analyze_text(text, published="2024-09-14")
    assert art.text == text
    assert art.published == "2024-09-14"


def test_analyze_files_in_input_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.\n")
    (tmp_path / "a.txt").write_text("First.\n")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "j1", "text": "Third."}) + "\n")
    out = list(newsdesk.analyze([str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), str(corpus)]))
    assert [o.id for o in out] == [str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), "j1"]


def test_output_validates_against_contract_schema(tmp_path: Path, shared: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared / "contract" / "analysis.schema.json").read_text())
    root = Path(__file__).resolve().parent.parent / "examples"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    results = list(newsdesk.analyze([str(root), str(bad)]))
    assert len(results) >= 5
    for item in results:
        obj = to_dict(item)
        jsonschema.validate(obj, schema)
        text = obj["article"]["text"]
        for key in ("blocks", "tables", "faq"):
            for x in obj.get(key, []):
                assert 0 <= x["start"] <= x["end"] <= len(text)


def test_jsonl_record_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    rec = {"id": 7, "text": "Body.", "url": "https://example.org/x", "title": "T", "published": "2013-03-22",
           "author": "A. Writer"}
    corpus.write_text(json.dumps(rec) + "\n")
    (art,) = newsdesk.analyze(str(corpus))
    assert isinstance(art, newsdesk.Article)
    assert (art.id, art.url, art.title, art.published, art.author) == (
        "7", "https://example.org/x", "T", "2013-03-22", "A. Writer")
    d = to_dict(art)
    assert d["article"]["id"] == "7" and d["schema"] == "newsdesk.analysis/1"
    for key in ("entities", "timexes", "events", "claims", "flags"):
        assert isinstance(d[key], list)


def test_jsonl_html_record(tmp_path: Path) -> None:
    html = ("<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>"
            + "<p>The foreign ministers met in Geneva on Tuesday and agreed to continue the talks. " * 5
            + "</p></article></body></html>")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "h1", "html": html, "published": "2024-01-02T10:00:00Z"}) + "\n")
    (art,) = newsdesk.analyze(str(corpus))
    assert isinstance(art, newsdesk.Article)
    assert "foreign ministers met in Geneva" in art.text
    assert art.published == "2024-01-02T10:00:00+00:00"
