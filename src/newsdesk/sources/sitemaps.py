"""Sitemaps (``urlset``), news sitemaps (``news:news`` entries) and sitemap indexes, read with lxml.

The parser resolves no entities, loads no DTD and touches no network (``no_network``), and
refuses trees deeper or larger than libxml2's defaults (``huge_tree`` off). Elements are
matched by local name, so sitemaps with a missing or wrong namespace still read.

Per ``<url>``: ``loc`` is the page; ``news:title`` the title; ``news:publication_date`` (else
``lastmod``) the date; ``lastmod`` the last change; ``news:publication/news:name`` and
``news:language`` the source and language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from lxml import etree

from ..errors import InputError
from ..ingest.jsonl import normalise_published
from .feeds import Feed, FeedItem


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rsplit("}", 1)[-1].lower()


def _child(el: Any, name: str) -> Any:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text(el: Any, name: str) -> str | None:
    c = _child(el, name)
    if c is None or c.text is None:
        return None
    value = " ".join(str(c.text).split())
    return value or None


def _date(value: str | None) -> str | None:
    try:
        return normalise_published(value)
    except ValueError:
        return None


def parse_sitemap(data: bytes, url: str) -> Feed:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError("feed", f"not a readable sitemap: {exc}", url) from None
    kind = _local(root.tag)
    feed = Feed(kind=kind, url=url)
    if kind == "sitemapindex":
        for el in root:
            if _local(el.tag) == "sitemap" and (loc := _text(el, "loc")):
                feed.sitemaps.append(urljoin(url, loc))
        return feed
    if kind != "urlset":
        raise InputError("feed", f"not a sitemap (root element <{kind}>)", url)
    for el in root:
        if _local(el.tag) != "url":
            continue
        loc = _text(el, "loc")
        lastmod = _date(_text(el, "lastmod"))
        news = _child(el, "news")
        title = published = source = language = None
        if news is not None:
            title = _text(news, "title")
            published = _date(_text(news, "publication_date"))
            pub = _child(news, "publication")
            if pub is not None:
                source, language = _text(pub, "name"), _text(pub, "language")
        feed.items.append(FeedItem(url=urljoin(url, loc) if loc else None, title=title,
                                   published=published or lastmod, updated=lastmod, source=source,
                                   language=language))
    return feed
