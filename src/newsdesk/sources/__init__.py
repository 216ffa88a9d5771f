"""Sources: articles from the web — pages by URL, RSS/Atom feeds, news sitemaps, and watching them.

Nothing here is reached from parsing: only inputs that *are* URLs, or feed and sitemap files
named explicitly, are fetched (a folder walk never follows a ``.xml`` file to the network).

::

    fetch.py      Fetcher: httpx with timeouts, streamed size limits, bounded redirects, a user
                  agent, per-host politeness (delay, concurrency) and robots.txt (robots.py)
    sniff.py      what a response is (page, feed, sitemap) from its first bytes; bounded gunzip
    feeds.py      RSS 2.0 / RSS 1.0 / Atom with feedparser -> FeedItem(url, title, published, summary)
    sitemaps.py   sitemaps, news sitemaps and sitemap indexes with lxml (no entities, no network)
    pages.py      a fetched page -> Article (HTML via ingest.html.extract_html, plain text kept as is)
    inputs.py     what ``iter_inputs`` calls for URLs and feed files (analyze, ingest)
    watch.py      ``newsdesk watch``: poll sources, fetch only new items, store, resume after a restart

This module is light on purpose (no httpx import): :mod:`newsdesk.ingest` asks it which
inputs are sources before anything network-related is loaded.
"""

from __future__ import annotations

import os

__all__ = ["FEED_SUFFIXES", "is_feed_path", "is_source", "is_url"]

#: endings of local files read as feeds or sitemaps when named explicitly (not when found in a folder)
FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml", ".xml.gz")


def is_url(value: str) -> bool:
    """An ``http://`` or ``https://`` URL (any case)."""
    return value[:8].lower().startswith(("http://", "https://"))


def is_feed_path(value: str) -> bool:
    """A local path whose ending names a feed or sitemap (``.rss``, ``.atom``, ``.rdf``, ``.xml``, ``.xml.gz``)."""
    return not is_url(value) and value.lower().endswith(FEED_SUFFIXES) and not os.path.isdir(value)


def is_source(value: str) -> bool:
    """An input that :mod:`newsdesk.sources` reads: a URL, or a feed/sitemap file."""
    return is_url(value) or is_feed_path(value)
