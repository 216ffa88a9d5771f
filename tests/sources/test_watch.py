"""newsdesk watch: new items fetched once, conditional polls, failures kept and shown, restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.api import list_sources, watch
from newsdesk.cli import main
from newsdesk.model import Failure
from newsdesk.sources.watch import NewArticle, Reporter, parse_duration
from newsdesk.store import SourceState, open_store

from .conftest import Site, db_url, news_sitemap, page, policy, rss, sitemap_index, wait_for


class Record(Reporter):
    def __init__(self) -> None:
        self.articles: list[NewArticle] = []
        self.failures: list[Failure] = []
        self.polls: list[SourceState] = []

    def article(self, item: NewArticle) -> None:
        self.articles.append(item)

    def failure(self, failure: Failure) -> None:
        self.failures.append(failure)

    def polled(self, state: SourceState) -> None:
        self.polls.append(state)


def poll(sources: list[str], db: str, **kw: object) -> Record:
    rec = Record()
    kw.setdefault("policy", policy())
    watch(sources, db=db, stages=["structure"], once=True, reporter=rec, **kw)  # type: ignore[arg-type]
    return rec


TOPICS = ["Ministers agree on the budget", "Storm reaches the coast", "Court rules on the election",
          "Rail strike called off", "Harbour reopens after repairs"]


def make_feed(site: Site, n: int = 3, *, etag: str | None = '"f1"', last_modified: str | None = None) -> str:
    for i in range(n):
        site.add(f"/a{i}", page(TOPICS[i % len(TOPICS)] + f" ({i})"))
    return site.add("/feed", rss([(TOPICS[i % len(TOPICS)], f"/a{i}") for i in range(n)]),
                    content_type="application/rss+xml", etag=etag, last_modified=last_modified)


def test_new_items_are_fetched_once_and_a_second_poll_is_one_conditional_request(site: Site, tmp_path: Path) -> None:
    feed, db = make_feed(site), db_url(tmp_path)
    first = poll([feed], db)
    assert sorted(a.id for a in first.articles) == [site.url(f"/a{i}") for i in range(3)]
    assert all(a.status == "new" and a.story and a.flags == "none" for a in first.articles)
    before = len(site.log)
    second = poll([feed], db)
    assert second.articles == [] and second.failures == []
    new_hits = site.log[before:]
    assert [h.path for h in new_hits] == ["/robots.txt", "/feed"]  # a fresh process asks robots.txt again
    assert new_hits[-1].headers["if-none-match"] == '"f1"' and new_hits[-1].status == 304
    (state,) = list_sources(db=db)
    assert state.status == "not_modified" and state.polls == 2 and state.stored == 3
    assert all(len(site.hits(f"/a{i}")) == 1 for i in range(3))


def test_last_modified_feeds_are_asked_with_if_modified_since(site: Site, tmp_path: Path) -> None:
    feed = make_feed(site, 2, etag=None, last_modified="Mon, 06 May 2024 10:00:00 GMT")
    db = db_url(tmp_path)
    poll([feed], db)
    poll([feed], db)
    last = site.hits("/feed")[-1]
    assert last.headers["if-modified-since"] == "Mon, 06 May 2024 10:00:00 GMT" and last.status == 304


def test_a_changed_feed_costs_only_its_new_items(site: Site, tmp_path: Path) -> None:
    feed, db = make_feed(site, 2), db_url(tmp_path)
    poll([feed], db)
    site.add("/a2", page("Harbour reopens after repairs"))
    site.add("/feed", rss([("Harbour", "/a2"), ("Budget", "/a0"), ("Storm", "/a1")]),
             content_type="application/rss+xml", etag='"f2"')
    rec = poll([feed], db)
    assert [a.id for a in rec.articles] == [site.url("/a2")]
    assert [len(site.hits(f"/a{i}")) for i in range(3)] == [1, 1, 1]
    (state,) = list_sources(db=db)
    assert (state.seen, state.fetched, state.new, state.known, state.failed) == (3, 1, 1, 2, 0)


def test_failures_are_kept_with_reasons_retried_then_given_up(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/ok", page("Ministers agree on the budget"))
    site.add("/private/x", page("Secret"))
    site.add("/feed", rss([("OK", "/ok"), ("Gone", "/gone"), ("Private", "/private/x")]),
             content_type="application/rss+xml")  # no validators: read in full every poll
    db = db_url(tmp_path)
    first = poll([site.url("/feed")], db)
    assert sorted((f.id, f.kind) for f in first.failures) == [(site.url("/gone"), "http"),
                                                              (site.url("/private/x"), "robots")]
    for _ in range(3):
        poll([site.url("/feed")], db)
    assert len(site.hits("/gone")) == 3 and not site.hits("/private/x") and len(site.hits("/ok")) == 1
    (state,) = list_sources(db=db)
    assert (state.seen, state.known, state.failed) == (3, 1, 2)
    assert {f["url"]: f["message"].startswith("gave up after 3 attempts") for f in state.failures} == {
        site.url("/gone"): True, site.url("/private/x"): True}
    shown = CliRunner().invoke(main, ["sources", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert f"failed: {site.url('/gone')}: gave up after 3 attempts: HTTP 404 Not Found [http]" in shown.stdout
    assert "1 source(s)" in shown.stdout
    rows = [json.loads(line) for line in CliRunner().invoke(main, ["sources", "--db", db, "--format", "jsonl"]).stdout
            .splitlines()]
    assert rows[0]["url"] == site.url("/feed") and rows[0]["failed"] == 2 and rows[0]["polls"] == 4


def test_a_slow_page_times_out_without_stopping_the_poll(site: Site, tmp_path: Path) -> None:
    site.add("/a", page("Ministers agree on the budget"))
    site.add("/slow", page("Slow"), delay=30)
    site.add("/b", page("Storm reaches the coast"))
    site.add("/feed", rss([("A", "/a"), ("Slow", "/slow"), ("B", "/b")]), content_type="application/rss+xml")
    rec = poll([site.url("/feed")], db_url(tmp_path), stories=False, policy=policy(timeout=0.3, total_timeout=1.0))
    assert sorted(a.id for a in rec.articles) == [site.url("/a"), site.url("/b")]
    assert [(f.id, f.kind) for f in rec.failures] == [(site.url("/slow"), "timeout")]


def test_a_watched_page_is_updated_when_it_changes(site: Site, tmp_path: Path) -> None:
    url = site.add("/live", page("Live: storm reaches the coast"), etag='"v1"')
    db = db_url(tmp_path)
    assert [a.status for a in poll([url], db).articles] == ["new"]
    assert poll([url], db).articles == [] and site.hits("/live")[-1].status == 304
    site.add("/live", page("Live: storm reaches the coast", "The storm has now passed, officials said on Tuesday "
                           "evening after the coastguard lifted the warning for the whole region."), etag='"v2"')
    assert [a.status for a in poll([url], db).articles] == ["updated"]
    (state,) = list_sources(db=db)
    assert state.kind == "page" and state.updated == 1 and state.stored == 2


def test_sitemap_index_children_are_sources_of_their_own(site: Site, tmp_path: Path) -> None:
    site.add("/a", page("Ministers agree on the budget"))
    site.add("/b", page("Storm reaches the coast"))
    site.add("/s1.xml", news_sitemap([("A", site.url("/a"))]), content_type="application/xml", etag='"s1"')
    site.add("/s2.xml", news_sitemap([("B", site.url("/b"))]), content_type="application/xml", etag='"s2"')
    site.add("/index.xml", sitemap_index(["/s1.xml", "/s2.xml"]), content_type="application/xml", etag='"i"')
    db = db_url(tmp_path)
    assert len(poll([site.url("/index.xml")], db).articles) == 2
    rows = list_sources(db=db)
    assert [(r.url, r.parent, r.kind) for r in rows] == [
        (site.url("/index.xml"), None, "sitemapindex"), (site.url("/s1.xml"), site.url("/index.xml"), "urlset"),
        (site.url("/s2.xml"), site.url("/index.xml"), "urlset")]
    assert poll([], db).articles == []  # no SOURCE: the stored top-level sources
    assert site.hits("/index.xml")[-1].status == 304


def test_the_same_text_under_another_url_is_known(site: Site, tmp_path: Path) -> None:
    site.add("/a", page("Ministers agree on the budget"))
    site.add("/a-copy", page("Ministers agree on the budget"))
    site.add("/feed", rss([("A", "/a"), ("Copy", "/a-copy")]), content_type="application/rss+xml")
    rec = poll([site.url("/feed")], db_url(tmp_path))
    assert [a.id for a in rec.articles] == [site.url("/a")]
    (state,) = list_sources(db=db_url(tmp_path))
    assert (state.new, state.known) == (1, 1)


def test_max_items_defers_the_rest_to_the_next_poll(site: Site, tmp_path: Path) -> None:
    feed, db = make_feed(site, 3), db_url(tmp_path)
    assert len(poll([feed], db, max_items=2).articles) == 2
    (state,) = list_sources(db=db)
    assert state.deferred == 1 and state.etag is None  # incomplete: the feed is read again next time
    assert len(poll([feed], db, max_items=2).articles) == 1


def test_cli_watch_once_prints_a_line_per_new_article(site: Site, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    feed, db = make_feed(site, 2), db_url(tmp_path)
    result = CliRunner().invoke(main, ["watch", feed, "--db", db, "--once", "--stages", "structure", "--delay", "0",
                                       "--timeout", "2", "--every", "1s"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("new ") and "story s" in line and "flags: none" in line
                                   for line in lines)
    assert f"polled {feed}: 2 seen, 2 fetched (2 new, 0 updated), 0 known, 0 failed" in result.stderr
    assert "2 new, 0 updated, 0 failed in 1 poll(s)" in result.stderr


def test_durations() -> None:
    assert parse_duration("15m") == 900 and parse_duration("1h30m") == 5400 and parse_duration("90") == 90
    assert parse_duration("500ms") == 0.5
    from newsdesk.errors import ConfigError

    with pytest.raises(ConfigError):
        parse_duration("soon")


def test_stop_between_articles(site: Site, tmp_path: Path) -> None:
    feed, db = make_feed(site, 4), db_url(tmp_path)
    stop = threading.Event()

    class StopDuringTheSecond(Record):
        def progress(self, text: str) -> None:
            if "page 2/" in text:  # told just before the second page is handled
                stop.set()

    rec = StopDuringTheSecond()
    summary = watch([feed], db=db, stages=["structure"], every=3600, policy=policy(), reporter=rec, stop=stop)
    assert summary.stopped and summary.polls == 1
    with open_store(db) as store:
        assert store.count() == 2  # the article in hand is finished, the next ones are not started
        state = store.get_source(feed)
        assert state is not None and state.etag is None  # stopped: the feed is read in full next time


# -- a restart: SIGTERM to a real `newsdesk watch` process, then again -------------------------------

def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from newsdesk.cli import main; main()", *args]


def test_restart_after_sigterm_stores_every_item_once(site: Site, tmp_path: Path) -> None:
    n = 6
    hold = threading.Event()
    for i in range(n):
        site.add(f"/a{i}", page(TOPICS[i % len(TOPICS)] + f" ({i})"))
    site.routes["/a3"].gate = hold  # the first run is stopped while /a3 is held back
    site.add("/feed", rss([(f"Item {i}", f"/a{i}") for i in range(n)]), content_type="application/rss+xml",
             etag='"f"')
    db = db_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(NEWSDESK_FETCH_DELAY="0", NEWSDESK_FETCH_TIMEOUT="20", PYTHONUNBUFFERED="1")
    args = ["watch", site.url("/feed"), "--db", db, "--stages", "structure", "--every", "1h", "--no-stories"]
    proc = subprocess.Popen(_cli(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert wait_for(lambda: bool(site.hits("/a3")), 60), "the watch never reached /a3"

        def stored() -> int:
            with open_store(db, create=False) as store:
                return store.count()

        assert wait_for(lambda: stored() >= 1, 60)
        proc.send_signal(signal.SIGTERM)
        hold.set()
        out, err = proc.communicate(timeout=60)
    finally:
        hold.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopping after the current article (SIGTERM" in err and "stopped: " in err
    first = [line.split()[1] for line in out.splitlines() if line.startswith("new")]
    assert 1 <= len(first) < n

    second = subprocess.run(_cli(*args[:6], "--once", "--no-stories"), capture_output=True,
                            text=True, env=env, timeout=60)
    assert second.returncode == 0, second.stderr
    again = [line.split()[1] for line in second.stdout.splitlines() if line.startswith("new")]
    assert sorted(first + again) == sorted(site.url(f"/a{i}") for i in range(n))
    assert not set(first) & set(again)
    assert site.hits("/feed")[-1].headers.get("if-none-match") is None  # the stopped poll saved no validators
    with open_store(db, create=False) as store:
        assert store.count() == n
        rows = store.list(limit=100)
        assert all(r.ingested_at == r.updated_at for r in rows)  # none stored twice
        assert sorted(store.source_items(site.url("/feed"))) == sorted(site.url(f"/a{i}") for i in range(n))
