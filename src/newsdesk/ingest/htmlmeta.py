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
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author",
                "twitter:creator")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_KEYS = ("og:url", "twitter:url")
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


def _jsonld_objects(tree: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
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


def read_meta(tree: Any, url: str | None = None) -> PageMeta:
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = _clean(el.get("content"))
        if key and content and key not in metas:
            metas[key] = content
    meta = PageMeta()
    for obj in _jsonld_objects(tree):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or k in ("Report", "BlogPosting")) for k in kinds):
            continue
        meta.title = meta.title or _clean(obj.get("headline"))
        meta.author = meta.author or _name_of(obj.get("author"))
        meta.site = meta.site or _name_of(obj.get("publisher"))
        meta.url = meta.url or _clean(obj.get("url"))
    meta.title = meta.title or next((metas[k] for k in _TITLE_KEYS if k in metas), None)
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
    try:
        meta.published = find_date(tree, url=meta.url, extensive_search=False, original_date=True)
    except Exception:  # htmldate is defensive, but a bad page must never stop the read
        meta.published = None
    lang = tree.get("lang") if hasattr(tree, "get") else None
    meta.language = _clean(lang.split("-")[0].lower()) if isinstance(lang, str) and lang else None
    return meta
