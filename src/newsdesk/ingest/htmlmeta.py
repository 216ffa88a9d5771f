"""Fast page metadata (title, date, author, site, URL, language) read from an lxml tree.

trafilatura's own ``extract_metadata`` costs about a third of the extraction time; this
reads the same sources that matter on news pages (OpenGraph/Twitter/Dublin Core meta tags,
JSON-LD ``NewsArticle`` objects, ``<title>``, ``<h1>``, ``<html lang>``) in one pass and
asks htmldate (fast mode) for the publication date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author",
                "twitter:creator")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_KEYS = ("og:url", "twitter:url")
_DATE_KEYS = ("article:published_time", "datepublished", "og:published_time", "published_time",
              "publishdate", "pubdate", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date")
_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)")
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·•]\s+[^|\-–—:·•]{2,60}$")


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _jsonld_objects(tree: Any, scripts: list[str] | None = None) -> list[dict[str, Any]]:
    """JSON-LD objects of the page (``@graph`` flattened): from ``scripts`` if given, else the tree."""
    out: list[dict[str, Any]] = []
    if scripts is None:
        scripts = [el.text or "" for el in tree.xpath('//script[@type="application/ld+json"]')]
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(out) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return out


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    return _clean(value)


def _iso_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 date or datetime, if it is a real calendar day."""
    m = _ISO_DAY.match(value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_JSONLD = re.compile(r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script\s*>",
                     re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_TIME_TAG = re.compile(r"<time[^>]*\bdatetime\s*=\s*[\"']([^\"']{8,40})", re.IGNORECASE)
#: how much of a page is searched for the end of its <head>
HEAD_LIMIT = 512 * 1024


def read_meta_html(html: str, url: str | None = None) -> PageMeta:
    """Metadata of a page given as a string, without parsing the whole document.

    Only the ``<head>`` is parsed (meta tags, title, canonical link, ``<html lang>``); JSON-LD
    and the ``<h1>`` are found in the whole page with bounded regular expressions; htmldate
    (fast mode) reads the head and the URL, and ``<time datetime>`` elements of the body are found
    by a regular expression. The body is parsed once, by trafilatura, so the reading stage costs
    little more than the extraction itself.
    """
    from lxml import html as lxml_html

    m = _HEAD_END.search(html, 0, HEAD_LIMIT)
    head = _XML_DECL.sub("", html[: m.start()] if m else html[:65536], count=1)
    try:
        tree = lxml_html.document_fromstring(head + "</head><body></body></html>") if head.strip() else None
    except Exception:  # a broken head must not stop the read: the body may still be fine
        tree = None
    if tree is None:
        tree = lxml_html.document_fromstring("<html><head></head><body></body></html>")
    scripts = [g for g in _JSONLD.findall(html) if len(g) < 1_000_000][:20]
    h1 = _H1.search(html)
    h1_text = _clean(unescape(_TAG.sub(" ", h1.group(1)))) if h1 else None
    return read_meta(tree, url, scripts=scripts, h1=h1_text, page=html)


def read_meta(tree: Any, url: str | None = None, *, scripts: list[str] | None = None,
              h1: str | None = None, page: str | None = None) -> PageMeta:
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = _clean(el.get("content"))
        if key and content and key not in metas:
            metas[key] = content
    meta = PageMeta()
    jsonld_date: str | None = None
    for obj in _jsonld_objects(tree, scripts):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or k in ("Report", "BlogPosting")) for k in kinds):
            continue
        meta.title = meta.title or _clean(obj.get("headline"))
        meta.author = meta.author or _name_of(obj.get("author"))
        meta.site = meta.site or _name_of(obj.get("publisher"))
        meta.url = meta.url or _clean(obj.get("url"))
        jsonld_date = jsonld_date or _clean(obj.get("datePublished"))
    meta.title = meta.title or next((metas[k] for k in _TITLE_KEYS if k in metas), None)
    meta.title = meta.title or h1
    if meta.title is None:
        for xp in ("//h1", "//title"):
            found = tree.xpath(xp)
            if found:
                text = _clean("".join(found[0].itertext()))
                if text:
                    meta.title = _SITE_SUFFIX.sub("", text) if xp == "//title" else text
                    break
    meta.author = meta.author or next((metas[k] for k in _AUTHOR_KEYS if k in metas
                                       and not metas[k].startswith("http")), None)
    meta.site = meta.site or next((metas[k] for k in _SITE_KEYS if k in metas), None)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.url = url or (canonical[0] if canonical else None) or meta.url or next(
        (metas[k] for k in _URL_KEYS if k in metas), None)
    if meta.site is None and meta.url:
        host = urlsplit(meta.url).hostname
        meta.site = host.removeprefix("www.") if host else None
    # an explicit publication date in the page's metadata first (cheap); htmldate otherwise
    meta.published = _iso_day(jsonld_date) or next(
        (d for d in (_iso_day(metas.get(k)) for k in _DATE_KEYS) if d), None)
    if meta.published is None:
        try:
            meta.published = find_date(tree, url=meta.url, extensive_search=False, original_date=True)
        except Exception:  # htmldate is defensive, but a bad page must never stop the read
            meta.published = None
    if meta.published is None and page is not None:
        # a head-only tree: the body's <time datetime="..."> elements, read without a parse
        times = (_iso_day(t) for t in _TIME_TAG.findall(page, 0, HEAD_LIMIT * 4))
        meta.published = next((d for d in times if d), None)
    lang = tree.get("lang") if hasattr(tree, "get") else None
    meta.language = _clean(lang.split("-")[0].lower()) if isinstance(lang, str) and lang else None
    return meta
