"""URLs and feed files as inputs of ``analyze`` and ``ingest`` (called by :func:`newsdesk.ingest.iter_inputs`).

- A URL is fetched; a page becomes one article (id: the URL); a feed or sitemap expands to
  its items' pages, fetched in feed order (a sitemap index: its sitemaps, then their pages).
- A local ``.rss``/``.atom``/``.rdf``/``.xml``/``.xml.gz`` file named as an input is read as a
  feed or sitemap and expands the same way (its items' pages are fetched).

Every URL that cannot be fetched or read takes its place as a :class:`Failure` whose id is
the URL. The fetcher is the process-wide :func:`~newsdesk.sources.fetch.default_fetcher`
unless one is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..ingest.source import Limits, read_limited
from ..model import Article, Failure
from . import is_url
from .feeds import Feed, FeedItem, parse_document
from .fetch import Fetcher, FetchError, FetchRequest, FetchResult, Validators, default_fetcher
from .pages import failure, page_article
from .sniff import gunzip_limited, is_gzip, kind_of

#: the most child sitemaps one sitemap index is followed to (a bound on one input's fan-out)
MAX_SITEMAPS = 200


@dataclass(slots=True)
class Loaded:
    """A source's document: a fetched URL or a local feed file."""

    location: str
    body: bytes
    kind: str  # page | feed | sitemap
    result: FetchResult | None = None


def load(location: str, limits: Limits, fetcher: Fetcher, validators: Validators | None = None) -> Loaded:
    """Fetch (or read) a source; a 304 answer has an empty body and kind ``page``. Raises InputError."""
    if is_url(location):
        res = fetcher.fetch(location, validators=validators, max_bytes=limits.max_document_bytes)
        body = res.body
        if is_gzip(body):
            body = gunzip_limited(body, limits.max_document_bytes, location)
        return Loaded(location, body, kind_of(body) if body else "page", res)
    body = read_limited(location, limits.max_document_bytes)
    return Loaded(location, body, kind_of(body))


def expand(feed: Feed, limits: Limits, fetcher: Fetcher) -> Iterator[tuple[str, FeedItem] | Failure]:
    """``(feed URL, item)`` for every item of a feed, following a sitemap index's sitemaps (fetched)."""
    for item in feed.items:
        yield feed.url, item
    if not feed.sitemaps:
        return
    children = [FetchRequest(u) for u in dict.fromkeys(feed.sitemaps)][:MAX_SITEMAPS]
    for req, res in fetcher.fetch_many(children, max_bytes=limits.max_document_bytes):
        assert req.url is not None and res is not None
        if isinstance(res, FetchError):
            yield failure(req.url, res)
            continue
        try:
            body = gunzip_limited(res.body, limits.max_document_bytes, req.url) if is_gzip(res.body) else res.body
            child = parse_document(body, req.url, limits.max_document_bytes)
        except InputError as exc:
            yield failure(req.url, exc)
            continue
        for item in child.items:  # an index inside an index is not followed further
            yield child.url, item
        if child.sitemaps:
            yield Failure("unsupported", "a sitemap index inside a sitemap index is not followed", req.url, req.url)


def item_failure(feed_url: str, item: FeedItem, n: int) -> Failure:
    ref = item.guid or item.title or f"item {n}"
    return Failure("no_link", f"feed item {ref!r} has no link", feed_url, f"{feed_url}#{ref}")


def fetch_items(entries: Iterable[tuple[str, FeedItem] | Failure], limits: Limits,
                fetcher: Fetcher) -> Iterator[Article | Failure]:
    """The pages of feed items, fetched (in parallel, politely) and yielded in feed order."""
    def requests() -> Iterator[FetchRequest]:
        for n, entry in enumerate(entries, 1):
            if isinstance(entry, Failure):
                yield FetchRequest(None, tag=entry)
            elif entry[1].url is None:
                yield FetchRequest(None, tag=item_failure(entry[0], entry[1], n))
            else:
                yield FetchRequest(entry[1].url, tag=entry)

    for req, res in fetcher.fetch_many(requests(), max_bytes=limits.max_document_bytes):
        if req.url is None or res is None:
            yield req.tag
            continue
        feed_url, item = req.tag
        if isinstance(res, FetchError):
            yield failure(req.url, res)
            continue
        try:
            yield page_article(res, item=item, feed_url=feed_url)
        except InputError as exc:
            yield failure(req.url, exc)


def read_source(location: str, limits: Limits | None = None, fetcher: Fetcher | None = None
                ) -> Iterator[Article | Failure]:
    """Articles (and failures in their place) from a URL or a feed/sitemap file."""
    limits = limits or Limits()
    fetcher = fetcher or default_fetcher()
    try:
        doc = load(location, limits, fetcher)
        if doc.kind == "page":
            if doc.result is None:
                raise InputError("feed", "not a feed or sitemap (expected RSS, Atom or a sitemap)", location)
            yield page_article(doc.result)
            return
        feed = parse_document(doc.body, doc.result.final_url if doc.result else location,
                              limits.max_document_bytes)
    except InputError as exc:
        yield failure(location, exc)
        return
    yield from fetch_items(expand(feed, limits, fetcher), limits, fetcher)
