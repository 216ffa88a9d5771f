"""Segmentation into units (lines of scraped text, or the blocks an HTML reader made) and their features.

A :class:`Unit` keeps its span in ``article.text`` (surrounding whitespace excluded) and a
*masked* copy of its text of the same length in which markup residue (tags, attribute
fragments, entities, template braces) is blanked out, so recognisers see clean text while
every offset they compute still indexes the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import load_cues

#: the line separators of ``str.splitlines``
LINE_SEP = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

_CLOSE_TAG = r"</\s*[A-Za-z][\w:-]*\s*>"
_ATTR = r"""\s+[A-Za-z_:@][-\w:.@]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?"""
_COMMENT = r"<!--.{0,400}?-->|<!--|-->"
_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_TEMPLATE = r"\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\}|\{\{|\}\}|\{%|%\}"
#: an attribute with a quoted value, with or without the closing bracket: class="x">
_ATTR_FRAGMENT = r"""\b[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*')\s*/?>?"""
#: the tail of a cut-off tag: article-body"> or x' />
_TAIL = r"""(?:(?<=\s)|^)[^\s<>"']*["']\s*/?>"""

_LIST_MARKER = re.compile(
    r"(?P<marker>(?:[-*+•·▪▫◦‣●○■□►▶➤→–—]|\(?\d{1,3}[.)]|\([a-zA-Z]\)|[a-z][.)](?=\s))[ \t\u00a0]+"
    r"(?:\d{1,3}[.)][ \t\u00a0]+)?)(?=\S)"
)
_ATX = re.compile(r"(?P<hashes>#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_TERMINAL = ".!?;:,…\"”’'»)]"


def _residue_pattern() -> re.Pattern[str]:
    tags = "|".join(sorted(load_cues().html_tags, key=len, reverse=True))
    open_tag = rf"<(?:{tags})(?![\w-])(?:{_ATTR})*\s*/?>"
    # an unknown tag name counts only with a quoted attribute value: <The Palace: Tale> is a title
    quoted = r"""\s+[A-Za-z_:@][-\w:.@]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*')"""
    any_open = rf"<[A-Za-z][\w:-]*(?:{_ATTR})*{quoted}(?:{_ATTR})*\s*/?>"
    cut_tag = rf"<(?:{tags})(?![\w-])(?:{_ATTR})*\s*$"
    return re.compile(
        "|".join([_COMMENT, _CLOSE_TAG, open_tag, any_open, cut_tag, _ENTITY, _TEMPLATE, _ATTR_FRAGMENT, _TAIL]),
        re.IGNORECASE | re.DOTALL,
    )


_RESIDUE: re.Pattern[str] | None = None


def residue_re() -> re.Pattern[str]:
    global _RESIDUE
    if _RESIDUE is None:
        _RESIDUE = _residue_pattern()
    return _RESIDUE


def mask(raw: str) -> tuple[str, bool]:
    """``raw`` with residue replaced by spaces (same length), and whether any was found."""
    if not any(c in raw for c in "<>&{}%=\"'"):
        return raw, False
    found = False
    parts: list[str] = []
    pos = 0
    for m in residue_re().finditer(raw):
        if m.end() == m.start():
            continue
        found = True
        parts.append(raw[pos:m.start()])
        parts.append(" " * (m.end() - m.start()))
        pos = m.end()
    if not found:
        return raw, False
    parts.append(raw[pos:])
    return "".join(parts), True


@dataclass(slots=True)
class Unit:
    """One line (plain text) or one reader block (HTML), with the features recognisers use."""

    index: int
    start: int
    end: int
    masked: str
    had_residue: bool = False
    blank_before: bool = False
    hint: str | None = None
    level: int | None = None
    #: absolute span of the content after a list marker or ``#`` prefix, whitespace trimmed
    cstart: int = 0
    cend: int = 0
    marker: bool = False
    md_heading: int | None = None
    #: assigned by the classifier
    kind: str | None = None
    region: int | None = None
    boilerplate: bool = False
    out_level: int | None = None
    #: a wire dateline at the start: (end of the dateline, start of the paragraph after it)
    split: tuple[int, int] | None = None
    _core: str | None = None

    @property
    def content(self) -> str:
        """The masked content (after marker), as it stands."""
        return self.masked[self.cstart - self.start:self.cend - self.start]

    @property
    def core(self) -> str:
        """Content with whitespace collapsed and emphasis markers removed (for tests and values)."""
        if self._core is None:
            self._core = clean(self.content)
        return self._core

    @property
    def residue_only(self) -> bool:
        return self.had_residue and not any(c.isalnum() for c in self.masked)

    @property
    def is_rule(self) -> bool:
        """A thematic break or underline (``---``, ``***``, ``===``): no block of its own."""
        c = self.masked.strip()
        return len(c) >= 3 and not self.had_residue and all(ch in "-*_=~ \t" for ch in c)

    @property
    def words(self) -> int:
        return len(self.content.split())


_EMPH = re.compile(r"^[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}$")


def clean(s: str) -> str:
    s = " ".join(s.split())
    if not s or (s[0] not in "*_" and s[-1] not in "*_"):
        return s
    prev = None
    while prev != s:
        prev = s
        s = _EMPH.sub("", s).strip()
    return s


def ends_terminal(s: str) -> bool:
    s = s.rstrip(" *_")
    return bool(s) and s[-1] in _TERMINAL


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _features(text: str, u: Unit, markdown_prefixes: bool, list_marker: bool = False) -> None:
    off = u.start
    body = u.masked
    cs, ce = _trim(body, 0, len(body))
    if markdown_prefixes and cs < ce:
        m = _ATX.match(body, cs)
        if m and (m.end() < ce or m.end() == len(body)) and not body[m.end():ce].startswith("#"):
            u.md_heading = len(m.group("hashes"))
            cs = m.end()
            close = _ATX_CLOSE.search(body, cs, ce)
            if close:
                ce = close.start()
        else:
            m2 = _LIST_MARKER.match(body, cs)
            if m2 and m2.end() < ce:
                u.marker = True
                cs = m2.end()
    elif list_marker and cs < ce:
        m3 = _LIST_MARKER.match(body, cs)
        if m3 and m3.end() < ce:
            cs = m3.end()
    cs, ce = _trim(body, cs, ce)
    u.cstart, u.cend = off + cs, off + ce


def split_units(text: str) -> list[Unit]:
    """One unit per non-blank line of ``text``; spans exclude surrounding whitespace."""
    units: list[Unit] = []
    pos = 0
    blank = False
    n = len(text)
    while pos <= n:
        m = LINE_SEP.search(text, pos)
        line_end = m.start() if m else n
        s, e = _trim(text, pos, line_end)
        if e > s:
            masked, found = mask(text[s:e])
            u = Unit(len(units), s, e, masked, had_residue=found, blank_before=blank)
            _features(text, u, True)
            units.append(u)
            blank = False
        else:
            blank = True
        if m is None:
            break
        pos = m.end()
    return units


def units_from_blocks(text: str, blocks: list[tuple[str, int, int, int | None]]) -> list[Unit]:
    """Units for existing reader blocks ``(kind, start, end, level)`` (HTML input): no re-segmentation."""
    units: list[Unit] = []
    for kind, bs, be, level in blocks:
        s, e = _trim(text, max(0, bs), min(len(text), be))
        if e <= s:
            s, e = bs, bs
        masked, found = mask(text[s:e])
        u = Unit(len(units), s, e, masked, had_residue=found, hint=kind, level=level)
        _features(text, u, False, list_marker=kind == "list_item")
        if kind == "heading":
            u.md_heading = level or 2
        elif kind == "list_item":
            u.marker = True
        units.append(u)
    return units
