"""``newsdesk watch``: poll feeds, sitemaps and pages; fetch, analyse and store only what is new.

One poll of one source:

1. The source is fetched with the validators of its last complete poll (``If-None-Match`` /
   ``If-Modified-Since``): an unchanged feed costs one request answered 304.
2. A feed or sitemap gives items; a sitemap index gives sitemaps, each polled as a source of its
   own (``parent``: the index); any other page is a source whose one item is itself, so a
   live page is re-analysed when it changes.
3. An item is skipped as **known** without a request when its URL was handled before
   (``source_items``) and the feed reports no newer date for it, or when an article with that
   id is already stored (by ``ingest`` or another source). Items that failed are tried again
   on later polls, up to :data:`MAX_ATTEMPTS` times. At most ``max_items`` pages are fetched
   per source and poll; the rest are **deferred** to the next poll.
4. The other items' pages are fetched (in parallel across hosts, politely per host) and each
   is handled in feed order: same content hash as stored → known; the same text as an article
   stored from another URL → known (``duplicate``); else analysed and stored (``new`` or
   ``updated``), then its item is recorded.
5. The validators are saved only when every item was handled, so a poll that was stopped or
   deferred items reads the feed again next time.

Everything is in the store (``sources``, ``source_items``), so a restart resumes where the last
run stopped; an article is stored before its item is recorded and saving is idempotent, so a
stop between the two costs one refetch and never a duplicate. ``stop`` (SIGINT/SIGTERM in the
CLI) is checked between articles.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import ConfigError, InputError, NewsdeskError
from ..ingest.source import Limits
from ..model import Article, Failure
from ..pipeline import Pipeline
from ..store import SourceItem, SourceState, Store, content_hash
from . import is_url
from .feeds import FeedItem, parse_document
from .fetch import Fetcher, FetchError, FetchRequest, FetchResult, Validators
from .inputs import load
from .pages import page_article

#: a failing item is fetched again on this many polls, then given up (still listed as failed)
MAX_ATTEMPTS = 3
#: pages fetched per source and poll by default; the rest wait for the next poll
MAX_ITEMS = 100

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.I)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"15m"``, ``"1h30m"``, ``"2d"``, ``"500ms"``; ConfigError otherwise."""
    s = text.strip().replace(" ", "")
    pos, total = 0, 0.0
    while pos < len(s):
        m = _DURATION.match(s, pos)
        if m is None or m.end() == pos:
            raise ConfigError(f"not a duration: {text!r} (examples: 90s, 15m, 1h30m)")
        total += float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
        pos = m.end()
    if not s:
        raise ConfigError("empty duration")
    return total


def flag_summary(article: Article) -> str:
    counts = Counter(f.kind for f in article.flags)
    if not counts:
        return "none"
    return ", ".join(k if n == 1 else f"{k} x{n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(slots=True)
class NewArticle:
    """An article a poll stored: ``status`` is ``new`` or ``updated``; ``story`` its same-story group."""

    status: str
    id: str
    title: str | None
    source: str
    flags: str
    story: str | None = None

    def line(self) -> str:
        title = f"  {self.title}" if self.title else ""
        return f"{self.status:<7} {self.id}  story {self.story or '-'}  flags: {self.flags}{title}"


class Reporter:
    """What a watch tells as it goes; the CLI prints it. Every method may be left as is (silent)."""

    def progress(self, text: str) -> None:
        """A short status of the work in progress (one line, replaced by the next)."""

    def article(self, item: NewArticle) -> None:
        """An article stored by the poll, with its story (after the source's articles were grouped)."""

    def failure(self, failure: Failure) -> None:
        """A source or an item that failed on this poll (given-up items are not told again)."""

    def polled(self, state: SourceState) -> None:
        """A source's poll ended (its counts are in ``state``, as stored)."""


@dataclass
class WatchSummary:
    """What a watch did over all its polls; ``sources``: every source's state at the end."""

    db: str = ""
    polls: int = 0
    new: int = 0
    updated: int = 0
    failed: int = 0
    stopped: bool = False
    sources: list[SourceState] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.new} new, {self.updated} updated, {self.failed} failed in {self.polls} poll(s) "
                f"({self.db})")


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def source_key(location: str) -> str:
    """How a source is keyed in the store: URLs as given, files by absolute path."""
    return location if is_url(location) else os.path.abspath(location)


class Watcher:
    """Polls sources into a store. ``stop`` is checked between articles (and cancels waiting fetches)."""

    def __init__(self, store: Store, fetcher: Fetcher, pipeline: Pipeline, *, limits: Limits | None = None,
                 max_items: int = MAX_ITEMS, stories: bool = True, reporter: Reporter | None = None,
                 stop: threading.Event | None = None) -> None:
        self.store = store
        self.fetcher = fetcher
        self.pipeline = pipeline
        self.limits = limits or Limits()
        self.max_items = max_items
        self.stories = stories
        self.reporter = reporter or Reporter()
        self.stop = stop or fetcher.cancel

    # -- the loop ---------------------------------------------------------------------------------

    def run(self, locations: Sequence[str], *, every: float, once: bool = False) -> WatchSummary:
        keys = [source_key(loc) for loc in locations]
        if not keys:
            keys = [s.url for s in self.store.list_sources() if s.parent is None]
            if not keys:
                raise ConfigError("no sources given and none stored yet: name a feed, sitemap or page URL")
        summary = WatchSummary(db=self.store.url)
        while True:
            summary.polls += 1
            for key in keys:
                if self.stop.is_set():
                    break
                self.poll(key, summary)
            if once or self.stop.is_set():
                break
            self.reporter.progress(f"poll {summary.polls} done; next in {every:g} s")
            if self.stop.wait(every):
                break
        summary.stopped = self.stop.is_set()
        summary.sources = self.store.list_sources()
        return summary

    # -- one source -------------------------------------------------------------------------------

    def poll(self, key: str, summary: WatchSummary, parent: str | None = None) -> bool:
        """Poll one source; True when every item was handled (nothing stopped or deferred)."""
        state = self.store.get_source(key) or SourceState(url=key, parent=parent)
        state.parent = parent if parent is not None else state.parent
        for name in ("seen", "fetched", "new", "updated", "known", "failed", "deferred"):
            setattr(state, name, 0)
        state.failures, state.error, state.polls, state.polled_at = [], None, state.polls + 1, _now()
        state.status = "polling"
        self.store.save_source(state)  # its row exists before its items' rows
        self.reporter.progress(f"polling {key}")
        validators = Validators(state.etag, state.last_modified) if is_url(key) else None
        try:
            doc = load(key, self.limits, self.fetcher, validators)
        except InputError as exc:
            if exc.kind == "cancelled":
                return False
            return self._source_failed(state, exc, summary)
        res = doc.result
        state.http_status = res.status if res is not None else None
        if res is not None and res.not_modified:
            state.status = "not_modified"
            return self._finish(state, complete=True, new=[], validators=None)
        stored: list[NewArticle] = []
        if doc.kind == "page":
            if res is None:
                return self._source_failed(state, InputError("feed", "not a feed or sitemap", key), summary)
            state.kind = "page"
            complete = self._items(state, [FeedItem(url=key)], summary, stored, prefetched=res)
        else:
            try:
                feed = parse_document(doc.body, key, self.limits.max_document_bytes)
            except InputError as exc:
                return self._source_failed(state, exc, summary)
            state.kind, state.title = feed.kind, feed.title
            complete = self._items(state, feed.items, summary, stored)
            if feed.sitemaps:
                state.seen += len(feed.sitemaps)
                for child in dict.fromkeys(feed.sitemaps):
                    if self.stop.is_set():
                        complete = False
                        break
                    complete = self.poll(child, summary, parent=key) and complete
        state.status = "ok"
        return self._finish(state, complete=complete and not self.stop.is_set(), new=stored,
                            validators=res.validators if res is not None else None)

    def _source_failed(self, state: SourceState, exc: InputError, summary: WatchSummary) -> bool:
        state.status = "failed"
        state.error = f"{exc.message} [{exc.kind}]"
        if isinstance(exc, FetchError) and exc.status is not None:
            state.http_status = exc.status
        summary.failed += 1
        self.reporter.failure(Failure(exc.kind, exc.message, state.url, state.url))
        return self._finish(state, complete=False, new=[], validators=None)

    def _finish(self, state: SourceState, *, complete: bool, new: list[NewArticle],
                validators: Validators | None) -> bool:
        if complete and validators is not None:
            state.etag, state.last_modified = validators.etag, validators.last_modified
        self.store.save_source(state)
        if new:
            self._assign_stories(new)
            for item in new:
                self.reporter.article(item)
        self.reporter.polled(state)
        return complete

    def _assign_stories(self, new: list[NewArticle]) -> None:
        if not self.stories:
            return
        from ..api import group_stored
        from ..stories import Assignment

        self.reporter.progress("grouping stories")
        try:
            grouped = group_stored(db=self.store)
        except NewsdeskError as exc:
            self.reporter.failure(Failure("stories", f"could not group stories: {exc}", None, "stories"))
            return
        story = {r.id: r.story for r in grouped.results if isinstance(r, Assignment)}
        for item in new:
            item.story = story.get(item.id)

    # -- items ------------------------------------------------------------------------------------

    def _items(self, state: SourceState, items: Sequence[FeedItem], summary: WatchSummary,
               stored: list[NewArticle], prefetched: FetchResult | None = None) -> bool:
        handled = self.store.source_items(state.url)
        state.seen += len(items)
        todo: list[tuple[FeedItem, SourceItem | None]] = []
        queued: set[str] = set()
        for n, item in enumerate(items, 1):
            if item.url is None:
                ref = item.guid or item.title or f"item {n}"
                self._count_failure(state, f"{state.url}#{ref}", "no_link", f"feed item {ref!r} has no link",
                                    summary, tell=False)
                continue
            row = handled.get(item.url)
            unchanged = (row is not None and row.status in ("stored", "duplicate") and prefetched is None
                         and (item.updated is None or item.updated == row.updated))
            if item.url in queued or unchanged:
                state.known += 1
            elif row is None and prefetched is None and self.store.content_hash_of(item.url) is not None:
                self._record(state, item, None, "stored", article_id=item.url)  # stored by ingest or another source
                state.known += 1
            elif row is not None and row.status == "failed" and row.attempts >= MAX_ATTEMPTS:
                self._count_failure(state, item.url, row.error_kind or "failed",
                                    f"gave up after {row.attempts} attempts: {row.error_message}", summary,
                                    tell=False)
            elif len(todo) >= self.max_items:
                state.deferred += 1
            else:
                todo.append((item, row))
                queued.add(item.url)
        if not todo:
            return state.deferred == 0
        if prefetched is not None:
            results: list[tuple[FetchRequest, FetchResult | FetchError | None]] = [
                (FetchRequest(todo[0][0].url, tag=todo[0]), prefetched)]
            return self._handle_all(state, iter(results), len(todo), summary, stored)
        requests = (FetchRequest(item.url, validators=self._validators(row), tag=(item, row)) for item, row in todo)
        stream = self.fetcher.fetch_many(requests, max_bytes=self.limits.max_document_bytes)
        try:
            return self._handle_all(state, stream, len(todo), summary, stored)
        finally:
            stream.close()  # a stop: what has not started is cancelled

    @staticmethod
    def _validators(row: SourceItem | None) -> Validators | None:
        if row is None or row.status != "stored" or not (row.etag or row.last_modified):
            return None
        return Validators(row.etag, row.last_modified)

    def _handle_all(self, state: SourceState, results: Iterable[tuple[FetchRequest, FetchResult | FetchError | None]],
                    total: int, summary: WatchSummary, stored: list[NewArticle]) -> bool:
        for done, (req, res) in enumerate(results, 1):
            if self.stop.is_set():
                return False
            self.reporter.progress(f"{state.url}: page {done}/{total}")
            item, row = req.tag
            self._handle(state, item, row, res, summary, stored)
        return state.deferred == 0 and not self.stop.is_set()

    def _handle(self, state: SourceState, item: FeedItem, row: SourceItem | None,
                res: FetchResult | FetchError | None, summary: WatchSummary, stored: list[NewArticle]) -> None:
        assert item.url is not None and res is not None
        if isinstance(res, FetchError):
            self._item_failed(state, item, row, res.kind, res.message, summary)
            return
        if res.not_modified:
            self._record(state, item, row, row.status if row else "stored")
            state.known += 1
            return
        state.fetched += 1
        try:
            article = page_article(res, item=item if state.kind != "page" else None,
                                   feed_url=state.url if state.kind != "page" else None)
        except InputError as exc:
            self._item_failed(state, item, row, exc.kind, exc.message, summary)
            return
        digest, text_hash = content_hash(article), _text_hash(article.text)
        validators = res.validators
        if self.store.content_hash_of(article.id) == digest:
            self._record(state, item, row, "stored", article_id=article.id, digest=digest, text_hash=text_hash,
                         validators=validators, fetched_at=res.fetched_at)
            state.known += 1
            return
        same = self.store.article_with_text(text_hash)
        if same is not None and same != article.id:
            self._record(state, item, row, "duplicate", article_id=same, digest=digest, text_hash=text_hash,
                         validators=validators, fetched_at=res.fetched_at)
            state.known += 1
            return
        try:
            outcome = self.store.save(self.pipeline.run(article), content_hash=digest)
        except NewsdeskError as exc:
            self._item_failed(state, item, row, getattr(exc, "kind", "error"), str(exc), summary)
            return
        self._record(state, item, row, "stored", article_id=article.id, digest=digest, text_hash=text_hash,
                     validators=validators, fetched_at=res.fetched_at)
        if outcome == "unchanged":
            state.known += 1
            return
        status = "new" if outcome == "added" else "updated"
        if status == "new":
            state.new += 1
            summary.new += 1
        else:
            state.updated += 1
            summary.updated += 1
        state.stored += 1
        stored.append(NewArticle(status, article.id, article.title, state.url, flag_summary(article)))

    def _record(self, state: SourceState, item: FeedItem, row: SourceItem | None, status: str, *,
                article_id: str | None = None, digest: str | None = None, text_hash: str | None = None,
                validators: Validators | None = None, fetched_at: datetime | None = None) -> None:
        assert item.url is not None
        rec = row or SourceItem(source_url=state.url, url=item.url, status=status)
        rec.status = status
        rec.title, rec.published, rec.updated = item.title, item.published, item.updated
        if article_id is not None:
            rec.article_id = article_id
        if digest is not None:
            rec.content_hash, rec.text_hash = digest, text_hash
        if validators is not None:
            rec.etag, rec.last_modified = validators.etag, validators.last_modified
        if fetched_at is not None:
            rec.fetched_at = fetched_at
        if status != "failed":
            rec.error_kind = rec.error_message = None
            rec.attempts = 0
        self.store.save_source_item(rec)

    def _item_failed(self, state: SourceState, item: FeedItem, row: SourceItem | None, kind: str, message: str,
                     summary: WatchSummary) -> None:
        assert item.url is not None
        if row is not None and row.status in ("stored", "duplicate"):
            # a stored article whose update could not be read: keep it, try again when the feed changes
            row.updated, row.error_kind, row.error_message = item.updated, kind, message
            self.store.save_source_item(row)
        else:
            rec = row or SourceItem(source_url=state.url, url=item.url, status="failed")
            rec.status, rec.error_kind, rec.error_message = "failed", kind, message
            rec.title, rec.published, rec.updated = item.title, item.published, item.updated
            rec.attempts += 1
            rec.fetched_at = _now()
            self.store.save_source_item(rec)
        self._count_failure(state, item.url, kind, message, summary, tell=True)

    def _count_failure(self, state: SourceState, url: str, kind: str, message: str, summary: WatchSummary, *,
                       tell: bool) -> None:
        state.failed += 1
        summary.failed += 1
        state.failures.append({"url": url, "kind": kind, "message": message})
        if tell:
            self.reporter.failure(Failure(kind, message, url, url))
