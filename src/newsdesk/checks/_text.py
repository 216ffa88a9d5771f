"""Shared text helpers of the checks: tokens with spans, folding, data loading (cached)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from ._memo import memo

#: a word: letters, inner apostrophes and hyphens ("don't", "Modi-Sharif")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
#: words only, for counting collocations
_ALPHA = re.compile(r"[A-Za-z]+")


class Token(NamedTuple):
    """A word and its offsets (a named tuple: built for every word of a page, twice as fast as a frozen dataclass)."""

    text: str
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with their offsets; kept for the rest of a ``checks`` stage
    call (``typo`` and ``casing`` read the same segments). Read-only."""
    stop = len(text) if end is None else end
    return memo(("tokens", id(text), start, stop), lambda: (text, _tokens(text, start, stop)))[1]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def fold(word: str) -> str:
    """Lower-case and strip a plural ending, so "Elections" and "election" count together."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def word_pairs(
    text: str, wanted: Callable[[str], bool] | None = None
) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Adjacent alphabetic words separated by spaces only (no punctuation, no line break); with
    ``wanted``, only pairs of two words it accepts (tested first: the cheaper test)."""
    prev: re.Match[str] | None = None
    prev_ok = False
    for m in _ALPHA.finditer(text):
        ok = wanted is None or wanted(m.group())
        if prev is not None and ok and prev_ok:
            gap = text[prev.end() : m.start()]
            if gap and gap.strip(" \t") == "" and not _joined(text, prev, m):
                yield prev, m
        prev, prev_ok = m, ok


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """True when either word is glued to a non-space neighbour (part of "x-y", "it's", "a.b")."""
    before = text[a.start() - 1] if a.start() > 0 else " "
    after = text[b.end()] if b.end() < len(text) else " "
    return before in "-'’/@._" or after in "-'’/@_" or (after == "." and text[b.end() + 1 : b.end() + 2].isalpha())


@cache
def data_path(name: str) -> Path:
    """A data file shipped in ``newsdesk/checks/data``."""
    return Path(str(resources.files("newsdesk.checks").joinpath("data", name)))


def load_json(name: str) -> Any:
    """A data file shipped in ``newsdesk/checks/data`` (loaded once per process)."""
    with data_path(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_json("lexicon.json")
    return data


@cache
def stopwords() -> frozenset[str]:
    return frozenset(lexicon()["stopwords"])


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``[start, end)``: split after . ! ? followed by space and a capital or quote."""
    s = start
    for m in re.finditer(r"[.!?][\"'”’)]*\s+(?=[\"“'A-Z0-9])", text[start:end]):
        e = start + m.end()
        yield s, e
        s = e
    if s < end:
        yield s, end
