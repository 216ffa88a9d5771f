"""A fetched page becomes an :class:`~newsdesk.model.Article` (id: the URL), or a :class:`Failure`.

HTML goes through :func:`newsdesk.ingest.html.extract_html` exactly like a local ``.html``
file; ``text/plain`` is kept as is, like a ``.txt``. Bytes are decoded with the charset the
server declared, else as local files are (BOM, UTF-8, detection). The fetch itself (status,
final URL, time, validators, and the feed item the page came from) is ``article.fetch``.
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..ingest.html import extract_html
from ..ingest.source import decode
from ..model import Article, Failure, Origin
from .feeds import FeedItem
from .fetch import FetchResult
from .sniff import kind_of

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "")


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


def _decode(data: bytes, charset: str | None, url: str) -> str:
    if charset and data.strip():
        try:
            codecs.lookup(charset)
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    return decode(data, url)[0]


def failure(url: str, exc: InputError, source: str | None = None) -> Failure:
    """The error object of a URL (contract rule 5): the id is the URL."""
    return Failure(exc.kind, exc.message, source or url, url)


def page_article(res: FetchResult, *, id: str | None = None, item: FeedItem | None = None,
                 feed_url: str | None = None) -> Article:
    """The article of a fetched page; raises :class:`InputError` for what is not an article."""
    url = id or res.url
    media, charset = _media_type(res.content_type)
    if kind_of(res.body) != "page":
        raise InputError("unsupported", "is a feed or sitemap, not an article page", url)
    if media == "text/plain":
        art = Article(id=url, text=_decode(res.body, charset, url), origin=Origin(url, "text"), url=res.final_url)
    elif media in _HTML_TYPES or media.endswith("+xml"):
        html = _decode(res.body, charset, url)
        art = extract_html(html, id=url, origin=Origin(url, "html"), url=res.final_url)
    else:
        raise InputError("unsupported", f"content type {media!r} is not HTML or text", url)
    art.fetch = res.record()
    if item is not None and feed_url is not None:
        art.fetch["feed"] = item.record(feed_url)
        # the page's own metadata wins; the feed fills what the page lacks
        art.title = art.title or item.title
        if art.published is None and item.published:
            art.published = item.published
        art.source = art.source or item.source
        art.language = art.language or item.language
    return art
