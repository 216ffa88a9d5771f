"""Feeds and sitemaps: parsing, and URLs / feed files as inputs of analyze and ingest."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdesk
from newsdesk.cli import main
from newsdesk.errors import InputError
from newsdesk.ingest import iter_inputs
from newsdesk.model import Article, Failure
from newsdesk.sources import is_source
from newsdesk.sources.feeds import parse_document

from .conftest import Site, atom, db_url, news_sitemap, page, rss, sitemap_index

LIMIT = 1 << 20


def test_rss_items_give_url_title_date_and_plain_summary() -> None:
    data = (rss([("Talks <b>resume</b>", "/a"), ("Second", "https://other.test/b")])
            .replace("About Talks", "<![CDATA[<p>About <i>talks</i></p>]]> About Talks").encode())
    feed = parse_document(data, "https://news.test/feed.xml", LIMIT)
    assert feed.kind == "rss" and feed.title == "Test feed"
    first, second = feed.items
    assert first.url == "https://news.test/a" and second.url == "https://other.test/b"
    assert first.published == "2024-05-06T10:00:00+00:00" and first.summary and "<" not in first.summary
    assert first.guid


def test_atom_entries() -> None:
    feed = parse_document(atom([("One", "https://news.test/1"), ("Two", "/2")]).encode(), "https://news.test/atom",
                          LIMIT)
    assert feed.kind == "atom"
    assert [i.url for i in feed.items] == ["https://news.test/1", "https://news.test/2"]
    assert feed.items[0].published == "2024-05-01T08:00:00+00:00" and feed.items[0].updated == feed.items[0].published
    assert feed.items[1].summary == "About Two."


def test_news_sitemap_and_index_and_gzip() -> None:
    data = news_sitemap([("Budget passes", "https://news.test/budget")]).encode()
    feed = parse_document(gzip.compress(data), "https://news.test/sitemap.xml.gz", LIMIT)
    (item,) = feed.items
    assert feed.kind == "urlset" and item.url == "https://news.test/budget" and item.title == "Budget passes"
    assert item.published == "2024-05-01" and item.source == "Test Times" and item.language == "en"
    index = parse_document(sitemap_index(["/s1.xml", "https://news.test/s2.xml"]).encode(),
                           "https://news.test/index.xml", LIMIT)
    assert index.kind == "sitemapindex" and index.sitemaps == ["https://news.test/s1.xml", "https://news.test/s2.xml"]


def test_sitemap_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<urlset><url><loc>https://news.test/&x;</loc></url></urlset>').encode()
    feed = parse_document(data, "https://news.test/s.xml", LIMIT)
    assert all("SECRET" not in (i.url or "") for i in feed.items)


def test_not_a_feed() -> None:
    with pytest.raises(InputError) as err:
        parse_document(b"<html><body>hi</body></html>", "https://news.test/x", LIMIT)
    assert err.value.kind == "feed"


def test_what_counts_as_a_source(tmp_path: Path) -> None:
    assert is_source("https://x.test/a") and is_source("HTTP://x.test/") and is_source("feed.xml")
    assert is_source("news.rss") and is_source("sitemap.xml.gz")
    assert not is_source("page.html") and not is_source("corpus.jsonl")
    folder = tmp_path / "looks.xml"
    folder.mkdir()
    assert not is_source(str(folder))


def test_a_folder_walk_never_follows_feed_files(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(rss([("A", "http://127.0.0.1:9/a")]), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    assert [r.id for r in iter_inputs([str(tmp_path)])] == [str(tmp_path / "a.txt")]


def test_analyze_a_page_url_and_a_feed_url(site: Site) -> None:
    a = site.add("/a", page("Ministers agree on budget", published="2024-05-01"))
    b = site.add("/b", page("Storm reaches the coast"))
    site.add("/feed", rss([("Storm", "/b"), ("Missing", "/gone"), ("Budget", "/a")]),
             content_type="application/rss+xml")
    results = list(newsdesk.analyze([a, site.url("/feed")], stages=["structure"]))
    assert [r.id for r in results] == [a, b, site.url("/gone"), a]
    first = results[0]
    assert isinstance(first, Article) and first.title == "Ministers agree on budget"
    assert first.fetch is not None and first.fetch["status"] == 200 and "feed" not in first.fetch
    via = results[1]
    assert isinstance(via, Article) and via.fetch is not None and via.fetch["feed"]["url"] == site.url("/feed")
    assert via.published == "2024-05-06T10:00:00+00:00"  # the page has none: the feed's date
    gone = results[2]
    assert isinstance(gone, Failure) and gone.kind == "http" and gone.id == site.url("/gone")


def test_cli_analyze_url_jsonl_contract(site: Site) -> None:
    a = site.add("/a", page("Ministers agree on budget"))
    result = CliRunner().invoke(main, ["analyze", a, site.url("/nope"), "--format", "jsonl", "--stages", "structure"])
    assert result.exit_code == 1
    ok, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert ok["article"]["id"] == a and ok["fetch"]["final_url"] == a and ok["fetch"]["status"] == 200
    assert bad == {"schema": "newsdesk.analysis/1", "article": {"id": site.url("/nope"), "text": ""},
                   "error": {"kind": "http", "message": "HTTP 404 Not Found", "source": site.url("/nope"),
                             "line": None}}
    assert f"error: {site.url('/nope')}: HTTP 404 Not Found [http]" in result.stderr


def test_a_local_feed_file_expands_to_fetched_pages(site: Site, tmp_path: Path) -> None:
    a = site.add("/a", page("Ministers agree on budget"))
    feed = tmp_path / "news.xml"
    feed.write_text(news_sitemap([("Budget", a)]), encoding="utf-8")
    (art,) = list(iter_inputs([str(feed)]))
    assert isinstance(art, Article) and art.id == a and art.fetch and art.fetch["feed"]["source"] == "Test Times"


def test_sitemap_index_url_expands_to_its_sitemaps_pages(site: Site) -> None:
    a = site.add("/a", page("Ministers agree on budget"))
    b = site.add("/b", page("Storm reaches the coast"))
    site.add("/s1.xml", news_sitemap([("A", a)]), content_type="application/xml")
    site.add("/s2.xml.gz", gzip.compress(news_sitemap([("B", b)]).encode()), content_type="application/gzip")
    site.add("/index.xml", sitemap_index(["/s1.xml", "/s2.xml.gz", "/s3.xml"]), content_type="application/xml")
    results = list(iter_inputs([site.url("/index.xml")]))
    assert [(type(r).__name__, r.id) for r in results] == [
        ("Article", a), ("Article", b), ("Failure", site.url("/s3.xml"))]


def test_ingest_a_url_and_show_its_fetch(site: Site, tmp_path: Path) -> None:
    a = site.add("/a", page("Ministers agree on budget"), etag='"e1"')
    db = db_url(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", a, "--db", db, "--stages", "structure"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("1 added")
    again = runner.invoke(main, ["ingest", a, "--db", db, "--stages", "structure"])
    assert again.stdout.startswith("0 added, 0 replaced, 1 unchanged")  # fetched again, same content
    shown = json.loads(runner.invoke(main, ["show", a, "--db", db, "--format", "json"]).stdout)
    assert shown["article"]["id"] == a and shown["fetch"]["etag"] == '"e1"'
