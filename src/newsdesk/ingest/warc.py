"""WARC files (``.warc``, ``.warc.gz``), as Common Crawl's news crawl writes them, read with warcio.

Every ``response`` record whose HTTP ``Content-Type`` is HTML becomes an article: the id is
the record's ``WARC-Target-URI`` (also its ``url``), the body goes through the HTML reader
(trafilatura), and ``published`` is the page's own date; only a page without one gets the
``WARC-Date`` (the crawl time) instead. Other responses (PDF, images, JSON, ...) are skipped
and counted on stderr; ``request``, ``metadata`` and ``warcinfo`` records are not pages and are
passed over. Records are streamed one at a time (warcio reads ``.warc.gz`` member by member),
and a body larger than ``--max-bytes`` becomes a ``too_large`` failure without being held.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Article, Failure, Origin
from ..registry import readers
from .html import extract_html
from .source import CHUNK, Limits, decode

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers is not None else None) or ""
    return ctype.split(";", 1)[0].strip().lower() in HTML_TYPES


def _read_body(record: Any, limit: int) -> bytes | None:
    """The decoded (de-chunked, decompressed) HTTP body, or None once it passes ``limit`` bytes."""
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)


def _warc_date(value: str | None) -> str | None:
    from .jsonl import normalise_published

    try:
        return normalise_published(value)
    except ValueError:
        return None


def _article(record: Any, path: str, n: int, limits: Limits) -> Article | Failure:
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
    body = _read_body(record, limits.max_document_bytes)
    if body is None:
        return Failure("too_large", f"record body larger than {limits.max_document_bytes} bytes (limit)",
                       path, uri, n)
    try:
        html, _enc = decode(body, path)
        art = extract_html(html, id=uri, origin=Origin(path, "warc", n), url=uri)
    except InputError as exc:
        return Failure(exc.kind, exc.message, path, uri, n)
    if art.published is None:  # the page gave no date: the crawl time is the best there is
        art.published = _warc_date(record.rec_headers.get_header("WARC-Date"))
    return art


@readers.register("warc", suffixes=(".warc", ".warc.gz"))
def read_warc_file(path: str, limits: Limits) -> Iterator[Article | Failure]:
    """Articles from the HTML responses of a WARC file, in file order (``line`` = record number)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped = 0
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                n += 1
                if record.format != "warc":  # warcio reads anything as old ARC: not what a .warc holds
                    yield Failure("malformed_warc", "not a WARC file (no WARC/1.x record header)", path, path, n)
                    return
                if record.rec_type != "response":
                    continue
                if not _is_html(record):
                    skipped += 1
                    continue
                yield _article(record, path, n, limits)
    except OSError as exc:
        kind = "not_found" if isinstance(exc, FileNotFoundError) else "unreadable"
        yield Failure(kind, f"cannot read WARC file: {exc.strerror or exc}", path, path, n or None)
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        yield Failure("malformed_warc", f"not a readable WARC file: {str(exc)[:200]}", path, path, n or None)
    finally:
        if skipped:
            print(f"{path}: {skipped} non-HTML record(s) skipped", file=sys.stderr)

