"""Small text helpers for extractive reports: sentences, words, safe links and excerpts."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from ..stories.text import STOP_WORDS, content_words

__all__ = ["STOP_WORDS", "content_words", "excerpt", "host_of", "jaccard", "one_line", "safe_url", "sentences", "words"]

#: words ending in a full stop that do not end a sentence
_ABBREV_TEXT = """
mr mrs ms dr st jr sr gen sen rep gov lt col capt sgt maj adm prof rev hon pres no
vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.u
a.m p.m i.e e.g
"""
_ABBREV = frozenset(_ABBREV_TEXT.split())
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*$")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets, stripped of surrounding space) inside ``text[start:end]``.

    A rule-based splitter: a full stop, question or exclamation mark (and closing quotes)
    followed by white space ends a sentence, unless the word before it is an initial ("J.")
    or a known abbreviation ("Mr.", "U.S.") and the next word starts in lower case or is a name.
    Line breaks end sentences too (list items, table rows).
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))

    for line in re.finditer(r"[^\n]+", text[start:end]):
        lo, hi = start + line.start(), start + line.end()
        seg_start = lo
        for m in _END.finditer(text, lo, hi):
            stop = m.end()
            before = _WORD_BEFORE.search(text, lo, stop)
            word = before.group(1).lower().rstrip(".") if before else ""
            nxt = text[stop:hi].lstrip()
            if m.group().startswith(".") and word and (
                    (len(word) == 1 and word.isalpha()) or word in _ABBREV) and nxt[:1].isupper():
                continue
            if nxt and not (nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"'“‘(["):
                continue
            emit(seg_start, stop)
            seg_start = stop
        emit(seg_start, hi)
    return out


def words(text: str) -> Counter[str]:
    """Content words (stop words out, light plural folding), as newsdesk's story grouping counts them."""
    return content_words(text)


def jaccard(a: Counter[str] | set[str], b: Counter[str] | set[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def one_line(text: str) -> str:
    return " ".join(text.split())


def excerpt(text: str, limit: int = 320) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters (with an ellipsis)."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;: ") + " …"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL without spaces or control characters, else ``None``.

    Article URLs are hostile input: a ``javascript:`` or ``data:`` URL must never become a link.
    """
    if not url or len(url) > 2000 or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def host_of(url: str | None) -> str | None:
    safe = safe_url(url)
    if safe is None:
        return None
    host = urlsplit(safe).hostname or ""
    return host[4:] if host.startswith("www.") else host or None
