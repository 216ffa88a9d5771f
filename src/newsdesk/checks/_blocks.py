"""A view of an article's blocks for the checks: kind, boilerplate, text.

The checks are written against the contract's block kinds (``heading``, ``keywords``,
``callout``, ``toc``, ``faq``, ``table``, ``markup_residue`` ...). When the structure stage
gave only plain paragraphs (an early or minimal structure stage), :func:`segments` infers
those kinds from the lines with the cue words of ``data/lexicon.json``, so the checks still
see headings, lists and call-outs. Inferred segments say so (``inferred=True``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import BOILERPLATE_KINDS, Article
from ._memo import memo
from ._text import WORD, lexicon, stopwords

_LIST = re.compile(r"^\s*(?:[-*•·]\s+|\d{1,2}[.)]\s+)")
_RESIDUE_LINE = re.compile(r"^\s*(?:</?[A-Za-z][^<>]*>\s*)+$|^\s*[\w:-]*\"\s*/?>\s*$|^\s*[\w-]+=\"[^\"]*\"\s*/?>?\s*$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")


@dataclass(slots=True)
class Seg:
    start: int
    end: int
    kind: str
    boilerplate: bool
    text: str
    inferred: bool = False


def _cue(text: str, cues: frozenset[str]) -> bool:
    t = text.strip().lower().rstrip(":").strip()
    return t in cues


@cache
def _cues(name: str) -> frozenset[str]:
    return frozenset(c.lower() for c in lexicon()[name])


def starts_with_cue(text: str, name: str) -> str | None:
    t = _LIST.sub("", text).strip().lower()
    for c in _cues(name):
        if t.startswith(c) and (len(t) == len(c) or not t[len(c)].isalnum()):
            return c
    return None


def title_case_ratio(text: str) -> tuple[float, int]:
    """Share of the content words that start with a capital letter, and the number of words."""
    words = [w for w in WORD.findall(text)]
    content = [w for w in words if w.lower() not in stopwords() or w[0].isupper()]
    if not content:
        return 0.0, len(words)
    return sum(1 for w in content if w[0].isupper()) / len(content), len(words)


def headline_like(text: str) -> bool:
    """A short line in Title Case without a sentence end: a heading or a headline."""
    t = text.strip()
    if not t or t[-1] in ".,;:!" or "|" in t or _LIST.match(t):
        return False
    ratio, n = title_case_ratio(t)
    return 2 <= n <= 18 and ratio >= 0.75 and t[0].isupper()


def question_line(text: str) -> bool:
    t = text.strip()
    return t.endswith("?") and 3 <= len(WORD.findall(t)) <= 25 and not _LIST.match(t)


def segments(article: Article) -> list[Seg]:
    """The article's blocks as segments (kinds inferred when the blocks are plain paragraphs);
    built once per ``checks`` stage call (see :mod:`._memo`). Read-only."""
    return list(memo(("segments", id(article)), lambda: (article, _segments(article)))[1])


def _segments(article: Article) -> list[Seg]:
    text = article.text
    blocks = article.blocks
    if not blocks:
        return []
    if any(b.kind != "paragraph" or b.boilerplate for b in blocks):
        return [Seg(b.start, b.end, b.kind, b.boilerplate or b.kind in BOILERPLATE_KINDS, text[b.start : b.end])
                for b in blocks]
    return _infer(article)


def _infer(article: Article) -> list[Seg]:
    text = article.text
    out: list[Seg] = []
    region: str | None = None  # list region opened by a cue heading: toc, keywords, faq
    for b in article.blocks:
        t = text[b.start : b.end]
        s = Seg(b.start, b.end, "paragraph", False, t, inferred=True)
        is_list = bool(_LIST.match(t))
        opened = False
        if _RESIDUE_LINE.match(t):
            s.kind, s.boilerplate = "markup_residue", True
        elif _TABLE.match(t):
            s.kind = "table"
        elif _cue(t, _cues("toc_headings")):
            s.kind, s.boilerplate, region, opened = "toc", True, "toc", True
        elif _cue(t, _cues("keyword_headings")):
            s.kind, region, opened = "heading", "keywords", True
        elif _cue(t, _cues("faq_headings")):
            s.kind, region, opened = "heading", "faq", True
        elif is_list and region is not None:
            s.kind, s.boilerplate = region, True
        elif starts_with_cue(t, "callout_cues"):
            s.kind, s.boilerplate = "callout", True
        elif headline_like(t) or question_line(t):
            s.kind = "title" if not any(o.kind in ("title", "paragraph", "heading") for o in out) else "heading"
        elif is_list:
            s.kind = "list_item"
        if not is_list and not opened:
            region = None
        out.append(s)
    return out


def body_text_spans(segs: list[Seg]) -> list[Seg]:
    """Segments that are article body (no boilerplate, no residue)."""
    return [s for s in segs if not s.boilerplate and s.kind not in BOILERPLATE_KINDS]
