"""RSS 2.0, RSS 1.0 and Atom feeds, read with feedparser; sitemaps go to :mod:`.sitemaps`.

:func:`parse_document` takes the bytes of a feed or sitemap and returns a :class:`Feed`: its
items (URL, title, date, summary) and, for a sitemap index, the sitemaps it lists. feedparser
is given the bytes wrapped in a stream, never a string (a string may be read as a URL or a
path), and never fetches anything itself; its sax parser has external entities switched off.
"""

from __future__ import annotations

import calendar
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from ..errors import InputError
from .sniff import gunzip_limited, is_gzip, kind_of


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed or sitemap: the page it points to and what the feed says about it."""

    url: str | None
    title: str | None = None
    #: ISO 8601 (UTC for feeds), or None
    published: str | None = None
    summary: str | None = None
    #: the feed's own id of the entry (RSS ``guid``, Atom ``id``)
    guid: str | None = None
    #: last change the feed reports (Atom ``updated``, sitemap ``lastmod``); a change makes ``watch`` look again
    updated: str | None = None
    #: news sitemaps: publication name and language
    source: str | None = None
    language: str | None = None

    def record(self, feed_url: str) -> dict[str, Any]:
        """The ``feed`` part of an article's ``fetch`` object."""
        out: dict[str, Any] = {"url": feed_url, "title": self.title, "published": self.published}
        for key in ("summary", "guid", "updated", "source", "language"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(slots=True)
class Feed:
    """A parsed feed or sitemap. ``kind``: ``rss``, ``atom``, ``rdf``, ``sitemap`` or ``sitemapindex``."""

    kind: str
    url: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    #: a sitemap index's child sitemaps
    sitemaps: list[str] = field(default_factory=list)


def _iso(value: Any) -> str | None:
    """A feedparser ``*_parsed`` struct_time (UTC) as ISO 8601."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _plain(html: str | None) -> str | None:
    if not html:
        return None
    if "<" not in html and "&" not in html:
        return " ".join(html.split()) or None
    from ..ingest.html import flat_text

    return " ".join(flat_text(html).split()) or None


def parse_feed(data: bytes, url: str) -> Feed:
    """An RSS or Atom feed's items; raises :class:`InputError` (kind ``feed``) when there is no feed."""
    import feedparser

    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url},
                                   resolve_relative_uris=True, sanitize_html=True)
    version = str(parsed.get("version") or "")
    entries = list(parsed.get("entries") or [])
    if not entries and (parsed.get("bozo") and not version):
        exc = parsed.get("bozo_exception")
        raise InputError("feed", f"not a readable feed: {exc or 'unknown format'}", url)
    kind = "atom" if version.startswith("atom") else "rdf" if version in ("rss090", "rss10") else "rss"
    items: list[FeedItem] = []
    for entry in entries:
        link = entry.get("link")
        if not link:
            for candidate in entry.get("links") or []:
                if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
                    link = candidate["href"]
                    break
        raw = dict(entry)  # plain dict: FeedParserDict maps missing keys onto others (with a warning)
        updated = _iso(raw.get("updated_parsed"))
        published = _iso(raw.get("published_parsed")) or updated
        items.append(FeedItem(
            url=urljoin(url, str(link).strip()) if link else None,
            title=_plain(entry.get("title")),
            published=published,
            summary=_plain(entry.get("summary")),
            guid=str(entry["id"]) if entry.get("id") else None,
            updated=updated,
        ))
    title = _plain((parsed.get("feed") or {}).get("title"))
    return Feed(kind=kind, url=url, title=title, items=items)


def parse_document(data: bytes, url: str, limit: int) -> Feed:
    """A feed or sitemap from its bytes (gzip undone within ``limit``); :class:`InputError` if neither."""
    if is_gzip(data):
        data = gunzip_limited(data, limit, url)
    kind = kind_of(data)
    if kind == "sitemap":
        from .sitemaps import parse_sitemap

        return parse_sitemap(data, url)
    if kind == "feed":
        return parse_feed(data, url)
    raise InputError("feed", "not a feed or sitemap (expected RSS, Atom, or a sitemap's urlset/sitemapindex)", url)
