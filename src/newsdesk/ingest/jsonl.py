"""JSON Lines corpora (``.jsonl``, ``.jsonl.gz``): one article per line, streamed.

Fields (contract): ``id`` (required), exactly one of ``text`` and ``html``, and optional
``url``, ``title``, ``published``, ``author``, ``source``, ``language``. A bad line becomes a
:class:`~newsdesk.model.Failure` naming the file and line; the other lines go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ..errors import InputError
from ..model import Article, Failure, Origin
from ..registry import readers
from .source import FALLBACK_ERRORS, Limits, iter_lines


def _opt_str(rec: dict[str, Any], key: str, path: str, line: int, rid: str) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "published":
        return str(value)
    if not isinstance(value, str):
        raise InputError("bad_field", f"field {key!r} must be a string, not {type(value).__name__}",
                         path, line, rid)
    return value


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def normalise_published(value: str | None) -> str | None:
    """``published`` as ISO 8601, or ``None`` when absent, empty or ambiguous.

    ISO 8601 dates and datetimes are kept (checked). Other spellings are read leniently
    (python-dateutil) when they have one reading; a numeric date that reads both day-first
    and month-first ("03-02-2009") is ambiguous, so ``None`` is returned and the stages take
    the date from the article itself. Raises ``ValueError`` only for text that is no date.
    """
    if value is None or not value.strip():
        return None
    v = value.strip()
    try:
        if len(v) <= 10:
            return date.fromisoformat(v).isoformat()
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    m = _NUMERIC_DATE.match(v)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        readings = set()
        for day, month in ((a, b), (b, a)):
            try:
                readings.add(date(year, month, day).isoformat())
            except ValueError:
                continue
        if len(readings) == 1:
            return readings.pop()
        if readings:
            return None
        raise ValueError(f"'published' is not a date: {value!r}")
    from dateutil import parser as dateutil_parser

    try:
        parsed: datetime = dateutil_parser.parse(v)
    except (ValueError, OverflowError):
        raise ValueError(f"'published' is not a date: {value!r}") from None
    has_time = re.search(r"\d:\d\d", v) is not None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def record_to_article(rec: Any, path: str, line: int) -> Article:
    if not isinstance(rec, dict):
        raise InputError("bad_record", f"a record must be a JSON object, not {type(rec).__name__}", path, line)
    rid = rec.get("id")
    if rid is None or (isinstance(rid, str) and not rid.strip()):
        raise InputError("missing_field", "record has no 'id'", path, line)
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        raise InputError("bad_field", f"'id' must be a string, not {type(rid).__name__}", path, line)
    rid = str(rid)
    text, html = rec.get("text"), rec.get("html")
    if (text is None) == (html is None):
        which = "both 'text' and 'html'" if text is not None else "neither 'text' nor 'html'"
        raise InputError("missing_field", f"record has {which}; exactly one is required", path, line, rid)
    body = text if text is not None else html
    if not isinstance(body, str):
        key = "text" if text is not None else "html"
        raise InputError("bad_field", f"field {key!r} must be a string", path, line, rid)
    if not body.strip():
        raise InputError("empty", "record text is empty", path, line, rid)
    fields = {k: _opt_str(rec, k, path, line, rid) for k in ("url", "title", "published", "author", "source",
                                                             "language")}
    try:
        published = normalise_published(fields["published"])
    except ValueError as exc:
        raise InputError("bad_field", str(exc), path, line, rid) from None
    origin = Origin(path, "jsonl-html" if html is not None else "jsonl", line)
    if html is not None:
        from .html import extract_html

        art = extract_html(html, id=rid, origin=origin, url=fields["url"])
        for key in ("title", "author", "source", "language"):
            if fields[key] is not None:
                setattr(art, key, fields[key])
    else:
        art = Article(id=rid, text=body, origin=origin, url=fields["url"], title=fields["title"],
                      author=fields["author"], source=fields["source"], language=fields["language"])
    if published is not None:
        art.published, art.published_given = published, True
    return art


@readers.register("jsonl", suffixes=(".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))
def read_jsonl_file(path: str, limits: Limits) -> Iterator[Article | Failure]:
    try:
        for n, raw in iter_lines(path, limits.max_record_bytes):
            if raw is None:
                yield Failure("too_large", f"line longer than {limits.max_record_bytes} bytes (limit)",
                              path, path, n)
                continue
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8", errors=FALLBACK_ERRORS))
            except (ValueError, RecursionError) as exc:
                yield Failure("malformed_json", f"not valid JSON: {str(exc)[:200]}", path, path, n)
                continue
            try:
                yield record_to_article(rec, path, n)
            except InputError as exc:
                yield Failure(exc.kind, exc.message, path, exc.record_id or path, n)
    except InputError as exc:
        yield Failure(exc.kind, exc.message, path, path, exc.line)
