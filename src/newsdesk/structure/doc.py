"""The working state of one structure analysis: units, the regions found so far, and shared tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import FaqItem, Keyword
from .cues import Cues, fold, load_cues
from .lines import Unit, ends_terminal
from .tables import TableRun, pipe_cells

_NUMBERING = re.compile(r"^\s*(?:(?:\d{1,3}|[ivxlc]{1,6}|[a-z])[.)]\s*)+", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
_SENTENCES = re.compile(r"[a-z]{2,}[.!]\s+[A-Z]")
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "per", "the", "to",
     "vs", "via", "with"]
)


def norm(s: str) -> str:
    """A comparison key for mirrored lines: numbering, case and punctuation removed."""
    return " ".join(_NON_WORD.sub(" ", _NUMBERING.sub("", s).lower()).split())


def title_case(s: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.75


@dataclass
class Doc:
    text: str
    units: list[Unit]
    html: bool
    cues: Cues = field(default_factory=load_cues)
    faq: list[FaqItem] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    tables: list[TableRun] = field(default_factory=list)
    region_kind: dict[int, str] = field(default_factory=dict)
    mirrors: set[str] = field(default_factory=set)
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    title: str | None = None
    wrapped: bool = False
    _norms: list[str] | None = None
    _last: dict[str, int] | None = None

    # -- navigation ---------------------------------------------------------------------------
    def skippable(self, u: Unit) -> bool:
        return u.kind in ("markup_residue", "rule")

    def next_idx(self, i: int) -> int | None:
        """The next unit after ``i`` that is not residue or a rule line."""
        j = i + 1
        while j < len(self.units) and self.skippable(self.units[j]):
            j += 1
        return j if j < len(self.units) else None

    def blank_after(self, i: int) -> bool:
        return i + 1 >= len(self.units) or self.units[i + 1].blank_before

    def mirrored_later(self, i: int, after: int | None = None) -> bool:
        """Whether the unit's text appears again after unit ``after`` (default: ``i``) as a line of its
        own that is not a list item (a heading that a table of contents mirrors)."""
        if self._norms is None:
            self._norms = [norm(u.core) for u in self.units]
            self._last = {}
            for k, key in enumerate(self._norms):
                if key and not self.units[k].marker:
                    self._last[key] = k
        key = self._norms[i]
        assert self._last is not None
        return bool(key) and self._last.get(key, -1) > (i if after is None else after)

    # -- assignment ---------------------------------------------------------------------------
    def region(self, first: int, last: int, kind: str, *, boilerplate: bool | None = None) -> int:
        """Mark units ``first..last`` (inclusive, residue between them too) as one block of ``kind``."""
        rid = len(self.region_kind) + 1
        self.region_kind[rid] = kind
        for k in range(first, last + 1):
            u = self.units[k]
            u.kind, u.region = kind, rid
            if boilerplate is not None:
                u.boilerplate = boilerplate
        return rid

    def assign(self, i: int, kind: str, *, level: int | None = None, boilerplate: bool = False) -> None:
        u = self.units[i]
        u.kind, u.out_level, u.boilerplate = kind, level, boilerplate

    # -- shapes ---------------------------------------------------------------------------------
    def is_question(self, u: Unit) -> bool:
        c = u.core
        return c.endswith("?") and 2 <= len(c.split()) <= 30

    def heading_shape(self, u: Unit) -> bool:
        """A short line without final punctuation that could head a section."""
        if u.marker or u.kind is not None or pipe_cells(u):
            return False
        c = u.core
        words = len(c.split())
        if not c or words > (16 if title_case(c) else 12) or len(c) > 120 or ends_terminal(c):
            return False
        first = next((ch for ch in c if ch.isalnum()), "")
        return not (not first or first.islower() or _SENTENCES.search(c))

    def label_of(self, u: Unit, phrases: frozenset[str] | tuple[str, ...], *, prefix: bool = False) -> bool:
        """Whether the unit's text is one of ``phrases`` (optionally followed by a colon or question mark)."""
        if len(u.core) > 90:
            return False
        c = fold(u.core).rstrip(" :：?").strip()
        c = _NUMBERING.sub("", c).strip()
        if not c or len(c) > 80:
            return False
        if c in phrases:
            return True
        if prefix and len(c.split()) <= 10 and not ends_terminal(u.core.rstrip(":?")):
            return any(c.startswith(p + " ") or c.startswith(p + "(") for p in phrases)
        return False
