"""Quotation spans found in the raw text.

A :class:`Quote` runs from its opening mark to just after its closing mark. Only top-level
quotes are returned: a quote inside another (nested quotes) belongs to the outer one. Rules:

- curly and guillemet marks are directional; straight ``"`` and ``'`` are read by their
  neighbours (an opener is followed by a non-space, a closer preceded by one);
- an apostrophe between letters (``Apple's``, ``Wayne ’ s``) is never a quotation mark;
- a double quote may run over several paragraphs; a paragraph that starts with the same
  opening mark while a quote is open continues that quote (the typographic convention for
  multi-paragraph quotations), so the whole passage is one quote;
- single quotes stay inside one paragraph and within ``single_quote_max_chars``;
- an opening mark with no closing mark within the limits is not a quote, except the last
  double quote of the text, which then ends with its line (a forgotten closing mark).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import Cues, QuotePair

_OPEN_BEFORE = " \t\n\r([{\u2014\u2013-/\u201c\u2018\u00ab\"'"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    level: int

    def words(self, text: str) -> int:
        return sum(1 for w in text[self.start + 1 : self.end - 1].split() if any(ch.isalnum() for ch in w))


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _can_open(text: str, i: int, pair: QuotePair) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if pair.open != pair.close:  # directional mark
        return True
    if pair.level == 1:  # straight double quote
        if _is_space(nxt):
            return _is_space(prev) and prev != ""  # tokenised text: ' " We are '
        return not (prev and not _is_space(prev) and prev not in _OPEN_BEFORE and not nxt.isalnum())
    # straight single quote: after a space or an opening bracket, before a letter or digit
    if prev == "'" or (prev and prev not in _OPEN_BEFORE):
        return False
    if not nxt.isalnum():
        return False
    rest = text[i + 1 : i + 4]
    return not (rest[:2].isdigit() and rest[2:3] in ("s", ""))  # '90s


def _can_close(text: str, j: int, pair: QuotePair) -> bool:
    prev = text[j - 1] if j > 0 else ""
    nxt = text[j + 1] if j + 1 < len(text) else ""
    if pair.level == 2:
        if _is_space(prev):
            return False
        return not nxt.isalnum()  # not an apostrophe inside a word
    return True


class _Scanner:
    def __init__(self, text: str, cues: Cues, para_starts: Sequence[int]) -> None:
        self.text = text
        self.cues = cues
        self.para_starts = sorted(set(para_starts))
        self.by_open: dict[str, list[QuotePair]] = {}
        for p in cues.quote_pairs:
            self.by_open.setdefault(p.open, []).append(p)

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos)

    def at_para_start(self, pos: int) -> bool:
        k = bisect.bisect_left(self.para_starts, pos)
        return k < len(self.para_starts) and self.para_starts[k] == pos

    def close(self, i: int, pair: QuotePair) -> int | None:
        """Index just after the closing mark of the quote opened at ``i``, or None."""
        text, cues = self.text, self.cues
        p0 = self.para_of(i)
        limit = min(len(text), i + 1 + (cues.single_quote_max_chars if pair.level == 2 else cues.max_quote_chars))
        j = i + 1
        while j < limit:
            ch = text[j]
            if ch == "\n" and pair.level == 2:
                return None
            if ch in (pair.close, pair.open):
                if self.at_para_start(j) and self.para_of(j) > p0 and ch == pair.open:
                    j += 1  # a continued multi-paragraph quotation
                    continue
                if ch == pair.close and _can_close(text, j, pair):
                    straight = pair.open == pair.close and pair.level == 1
                    if straight and self._looks_opening(j) and not self._any_alnum(i, j):
                        return None
                    return j + 1
                if ch == pair.open and pair.open != pair.close:
                    return None  # the same opener again: the first one was never closed
            if ch == "\n" and self.para_of(j + 1) - p0 > cues.max_quote_paragraphs:
                return None
            j += 1
        if pair.level == 1 and j >= len(text) and pair.close not in text[i + 1 :]:
            # the last quotation of the text was never closed: it ends with its line
            eol = text.find("\n", i)
            eol = len(text) if eol < 0 else eol
            while eol > i + 1 and text[eol - 1].isspace():
                eol -= 1
            return eol if eol > i + 1 else None
        return None

    def _looks_opening(self, j: int) -> bool:
        prev = self.text[j - 1] if j > 0 else ""
        nxt = self.text[j + 1] if j + 1 < len(self.text) else ""
        return _is_space(prev) and not _is_space(nxt)

    def _any_alnum(self, i: int, j: int) -> bool:
        return any(ch.isalnum() for ch in self.text[i + 1 : j])

    def run(self) -> list[Quote]:
        text = self.text
        out: list[Quote] = []
        i, n = 0, len(text)
        while i < n:
            pairs = self.by_open.get(text[i])
            found = None
            if pairs:
                for pair in pairs:
                    if not _can_open(text, i, pair):
                        continue
                    end = self.close(i, pair)
                    if end is not None and self._any_alnum(i, end - 1):
                        found = Quote(i, end, pair.level)
                        break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.end
        return out


def find_quotes(text: str, cues: Cues, para_starts: Sequence[int] = ()) -> list[Quote]:
    """Top-level quotations in ``text``; ``para_starts`` are the offsets where paragraphs begin."""
    starts = list(para_starts)
    if not starts:
        starts = [0]
        starts += [k + 1 for k, ch in enumerate(text) if ch == "\n"]
    return _Scanner(text, cues, starts).run()
