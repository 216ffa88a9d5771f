"""Date lines ("Published: ..."), bylines ("By Jane Doe") and wire datelines ("WASHINGTON (Reuters) -").

Dates are parsed with python-dateutil; only a date with a year, a month and a day becomes
``article.published``.
"""

from __future__ import annotations

import importlib
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .cues import fold, load_cues

#: imported by name so the type checker needs no stubs for python-dateutil
du_parser: Any = importlib.import_module("dateutil.parser")

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
_MONTH_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}(?::\d{2}){1,2}(?!\d)|(?<!\d)\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])", re.I)
_TZ_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT))\s*$", re.IGNORECASE)
#: words that may sit beside a date without making it something else
_DATE_NOISE = re.compile(
    r"\b(?:at|on|the|of|am|pm|a\.m\.|p\.m\.|utc|gmt|[a-z]{1,4}t|st|nd|rd|th|mon|tue|wed|thu|fri|sat|sun)\b",
    re.IGNORECASE,
)
_WIRE = re.compile(
    r"(?P<place>(?:[A-Z][A-Z.'’-]+)(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)"
    r"\s*(?P<agency>\([A-Za-z][\w .&'’-]{0,40}\))?\s*(?P<dash>[-–—]{1,2}|:)\s+(?=\S)"
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|de|da|van|von|der|del|la|le|bin|al|el|and|&)$")


@dataclass(slots=True)
class DateHit:
    value: str
    updated: bool


def parse_date(s: str) -> str | None:
    """An ISO 8601 date or datetime from a date phrase with year, month and day; else None."""
    s = " ".join(s.replace("|", " ").split())
    if not s or len(s) > 80 or not _YEAR.search(s):
        return None
    if not (_MONTH_WORD.search(s) or _NUMERIC_DATE.search(s)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a: datetime = du_parser.parse(s, fuzzy=True, default=datetime(1, 1, 1))
            b: datetime = du_parser.parse(s, fuzzy=True, default=datetime(2, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return _dateparser(s)
    if a.year != b.year or a.month != b.month or a.day != b.day or a.year < 1800:
        return None  # a part of the date was filled in from the default
    if _TIME.search(s):
        value = a.isoformat() if a.tzinfo is not None and _TZ_OFFSET.search(s) else a.replace(tzinfo=None).isoformat()
        return value
    return a.date().isoformat()


def _dateparser(s: str) -> str | None:
    """Fallback for formats dateutil does not read ("Sat 14 Sep 2024 09.30 BST")."""
    dateparser: Any = importlib.import_module("dateparser")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            d: datetime | None = dateparser.parse(
                s, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser raises many kinds on odd input
        return None
    if d is None or d.year < 1800:
        return None
    if _TIME.search(s) or re.search(r"\d{1,2}\.\d{2}", s):
        return d.isoformat()
    return d.date().isoformat()


def date_line(core: str) -> DateHit | None:
    """``Published: September 14, 2024 at 9:30 AM``, ``Updated 3/2/2024`` or a line that is only a date."""
    cues = load_cues()
    text = core.replace("’", "'")
    m = cues.date_label.match(text)
    if m:
        value = parse_date(m.group("rest"))
        if value:
            return DateHit(value, fold(m.group("label")) in cues.updated_labels)
        return None
    if len(core) <= 60 and _is_only_date(core):
        value = parse_date(core)
        if value:
            return DateHit(value, False)
    return None


def _is_only_date(s: str) -> bool:
    rest = _MONTH_WORD.sub(" ", s)
    rest = _DATE_NOISE.sub(" ", rest)
    rest = re.sub(r"[\d\s,./:\-–—|()]+", " ", rest)
    return not rest.strip()


def byline(core: str) -> tuple[str, str | None] | None:
    """The author's name from ``By Jane Doe`` (and a date from ``By Jane Doe | Sept 14, 2024``)."""
    if len(core) > 160:
        return None
    m = load_cues().byline.match(core.replace("’", "'"))
    if not m:
        return None
    rest = core[m.start("rest"):]
    segments = re.split(r"\s*(?:\||·|•|\s[-–—]\s)\s*", rest)
    head = segments[0]
    name_part = re.split(r",|\s+(?:for|of|at|in)\s+", head, maxsplit=1)[0].strip(" .")
    words = name_part.split()
    if not 1 <= len(words) <= 7 or not all(_NAME_WORD.match(w) for w in words) or not words[0][0].isupper():
        return None
    if words[-1].lower() in {"and", "&"}:
        return None
    published = None
    for seg in [head[len(name_part):], *segments[1:]]:
        hit = date_line(seg.strip(" ,")) if seg.strip(" ,") else None
        if hit:
            published = hit.value
            break
    return name_part, published


def wire_dateline(content: str) -> tuple[int, int] | None:
    """Where a wire dateline (``WASHINGTON (Reuters) -``) at the start of ``content`` ends, and where the
    text after it starts; None when there is none."""
    m = _WIRE.match(content)
    if not m:
        return None
    place = m.group("place")
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    if len(letters) < 3:
        return None
    if m.group("dash") == ":" and not m.group("agency"):
        return None
    if not m.group("agency") and len(place.split(",")[0].split()) > 3:
        return None
    return m.end("dash"), m.end()
