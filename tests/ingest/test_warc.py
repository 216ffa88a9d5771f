"""WARC input: HTML responses become articles; other records are skipped and counted (no network)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsdesk.ingest import Limits, iter_inputs, reader_for
from newsdesk.model import Article, Failure

warcio = pytest.importorskip("warcio")

PAGE = """<html><head><title>Summit ends without a deal</title>{meta}</head><body><article>
<h1>Summit ends without a deal</h1>
<p>The two leaders met in Hanoi on Thursday and left without signing the agreement that
officials had prepared over several weeks of talks.</p>
<p>Negotiators said further meetings would follow, but no date was set for the next round
of discussions between the delegations.</p>
</article></body></html>"""


def _write(path: Path, records: list[tuple[str, str, bytes, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "newsdesk-tests"}))
        for uri, ctype, body, date in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(uri, "request", payload=request))


def _records() -> list[tuple[str, str, bytes, str]]:
    dated = PAGE.format(meta='<meta property="article:published_time" content="2019-02-28T10:00:00Z">')
    return [
        ("https://news.example/a", "text/html; charset=utf-8", dated.encode(), "2019-03-05T08:00:00Z"),
        ("https://news.example/b.pdf", "application/pdf", b"%PDF-1.4 not a page", "2019-03-05T08:00:01Z"),
        ("https://news.example/b", "text/html", PAGE.format(meta="").encode(), "2019-03-05T08:00:02Z"),
        ("https://news.example/c.json", "application/json", b"{}", "2019-03-05T08:00:03Z"),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    _write(path, _records(), gz=name.endswith(".gz"))
    assert reader_for(str(path)) == "warc"
    items = list(iter_inputs([str(path)]))
    assert [type(i) for i in items] == [Article, Article]
    a, b = items
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.id, a.url, b.id) == ("https://news.example/a", "https://news.example/a", "https://news.example/b")
    assert "left without signing" in a.text and a.origin.format == "warc"
    assert a.published is not None and a.published.startswith("2019-02-28")  # the page's own date wins
    assert b.published is not None and b.published.startswith("2019-03-05")  # else the crawl date
    assert "2 non-HTML record(s) skipped" in capsys.readouterr().err


def test_warc_in_a_directory_and_limits(tmp_path: Path) -> None:
    _write(tmp_path / "part-0.warc.gz", _records(), gz=True)
    items = list(iter_inputs([str(tmp_path)], Limits(max_document_bytes=100)))
    assert [i.kind for i in items if isinstance(i, Failure)] == ["too_large", "too_large"]


def test_not_a_warc_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a WARC file at all\r\n\r\n")
    items = list(iter_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Failure) and items[0].kind == "malformed_warc"
