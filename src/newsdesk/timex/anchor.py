"""The anchor (document creation time) and cheap tense cues around an expression."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from .lexicon import lexicon

Tense = Literal["past", "present", "future"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def parse_published(value: str | None) -> date | None:
    """The date of an ISO 8601 ``published`` value (date or datetime); a few other shapes are tolerated."""
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _DMY.match(value)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        for d, mo in ((a, b), (b, a)):
            try:
                return date(y, mo, d)
            except ValueError:
                continue
        return None
    try:
        du: Any = importlib.import_module("dateutil.parser")
        parsed: date = du.parse(value, fuzzy=False).date()
        return parsed
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|\n")


def _cue_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    fut = _cue_regex(lx.future_cues)
    alts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in lx.past_cues), key=len, reverse=True)
    past = re.compile(r"(?<![\w'])(?:" + "|".join([*alts, r"[a-z]{2,}ed"]) + r")(?!\w)")
    pres = _cue_regex(lx.present_cues)
    return fut, past, pres


_PASSIVE = re.compile(r"\b(?:be|being|been)\s+$", re.I)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``[start, end)``: a cheap split on end punctuation and newlines."""
    lo = max(0, start - 400)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        s = m.end()
    m2 = _SENT_END.search(text, end, min(len(text), end + 400))
    e = m2.start() if m2 else min(len(text), end + 400)
    return s, e


def tense_at(text: str, start: int, end: int, nlp_tags: Any = None) -> Tense | None:
    """The tense of the clause around ``text[start:end]`` from the verb cue nearest to it, or None."""
    if nlp_tags is not None:
        t: Tense | None = nlp_tags(start, end)
        if t is not None:
            return t
    s, e = sentence_bounds(text, start, end)
    fut, past, pres = _cues()
    best: tuple[int, Tense] | None = None
    fut_spans: list[tuple[int, int]] = []
    for rx, tense in ((fut, "future"), (past, "past"), (pres, "present")):
        for m in rx.finditer(text, s, e):
            if start <= m.start() < end:
                continue
            if tense != "future" and any(a <= m.start() < b for a, b in fut_spans):
                continue
            if tense == "past" and _PASSIVE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "will be held": the auxiliary carries the tense
            if tense == "future":
                fut_spans.append((m.start(), m.end()))
            dist = start - m.end() if m.end() <= start else m.start() - end
            # a cue after the expression is weighed a little less than one before it
            dist = dist if m.end() <= start else dist + 2
            if best is None or dist < best[0]:
                best = (dist, tense)  # type: ignore[assignment]
    return None if best is None else best[1]
