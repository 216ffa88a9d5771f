"""What a fetched or read document is — a page, a feed or a sitemap — from its first bytes.

The root element decides, not the Content-Type (servers label feeds ``text/html`` and pages
``text/xml`` often enough): ``rss``, ``feed`` (Atom) and ``RDF`` (RSS 1.0) are feeds;
``urlset`` and ``sitemapindex`` are sitemaps; anything else is a page.
"""

from __future__ import annotations

import re
import zlib
from typing import Literal

from ..errors import InputError

Kind = Literal["page", "feed", "sitemap"]

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})

_SKIP = re.compile(rb"<!--.*?-->|<\?.*?\?>|<![^>]*>", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def root_name(data: bytes) -> str | None:
    """The local name of the first element (lower case), or ``None``."""
    head = data[:16384]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = _SKIP.sub(b"", head)
    m = _ROOT.search(head)
    return m.group(2).decode("ascii").lower() if m else None


def kind_of(data: bytes) -> Kind:
    name = root_name(data)
    if name in FEED_ROOTS:
        return "feed"
    if name in SITEMAP_ROOTS:
        return "sitemap"
    return "page"


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def gunzip_limited(data: bytes, limit: int, source: str) -> bytes:
    """Decompress gzip ``data`` (a ``sitemap.xml.gz`` served as-is), stopping past ``limit`` bytes."""
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError("corrupt", f"broken gzip data: {exc}", source) from None
    if len(out) > limit:
        raise InputError("too_large", f"decompresses to more than {limit} bytes (limit; see --max-bytes)", source)
    return out
