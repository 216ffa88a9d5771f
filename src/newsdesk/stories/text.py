"""Text features for same-story grouping: body words, capitalised names, word shingles.

Everything here is cheap (regular expressions over the body text) so that grouping can run
without the NLP stages; :mod:`newsdesk.stories.features` prefers the ``entities`` stage's
names when that stage has run.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Article

#: English function words and news boilerplate verbs; they carry no story identity
_STOP_TEXT = """
a about above after again against ago all almost also although am among an and another any are around as at
back be became because been before being below between both but by can could did do does doing done down
during each either even ever every few for from further get gets got had has have having he her here hers
herself him himself his how however i if in into is it its itself just last like made make many may me might
more most much must my myself near new next no nor not now of off on once one only or other others our ours
ourselves out over own per said same say says she should since so some still such than that the their theirs
them themselves then there these they this those though through to too told under until up upon us very via
was we were what when where which while who whom whose why will with within without would yet you your yours
yourself yourselves according also mr mrs ms dr percent year years week weeks day days time times today
yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday news report reported reports
reuters ap afp cnn bbc associated press click read image photo photos video share comments comment
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.UNICODE)
#: a run of capitalised words, allowing a few lower-case joiners inside ("Bank of England")
_NAME = re.compile(
    r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|del|da|van|von|bin|al|la|le|the|and|for)\s+)?[A-Z][\w'’.-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")


def body_text(article: Article) -> str:
    """The article text without boilerplate blocks (the whole text when no blocks are known)."""
    blocks = article.body_blocks()
    if not blocks:
        return article.text
    return "\n".join(article.text[b.start:b.end] for b in blocks if b.kind not in ("byline", "dateline"))


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.-")
    # light plural folding, enough for "quakes"/"quake", "victims"/"victim"
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def content_words(text: str) -> Counter[str]:
    """Lower-cased, lightly stemmed words that are not stop words (numbers kept: "6.1", "9-14")."""
    out: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        w = _norm(m.group())
        if len(w) > 1 and w not in STOP_WORDS:
            out[w] += 1
    return out


def capitalised_names(text: str) -> Counter[str]:
    """Capitalised word runs not opening a sentence, lower-cased, plus their single words.

    A single capitalised word opening a sentence counts only when it is seen capitalised
    mid-sentence elsewhere in the text too ("Obama said ..." then "... said Obama"). Lines
    written in Title Case or capitals (headlines) are skipped.
    """
    runs: list[tuple[str, bool]] = []
    mid_words: set[str] = set()
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words):
            continue  # a headline in Title Case or capitals: every word looks like a name
        for m in _NAME.finditer(line):
            run = m.group().rstrip(".-'’")
            at_start = bool(_SENTENCE_START.search(line[:m.start()]))
            runs.append((run, at_start))
            if not at_start:
                mid_words.add(run.split()[0].lower())
    out: Counter[str] = Counter()
    for run, at_start in runs:
        words = run.split()
        if at_start and len(words) == 1 and words[0].lower() not in mid_words:
            continue
        parts = [_norm(w) for w in words]
        parts = [p for p in parts if len(p) > 1 and p not in STOP_WORDS]
        if not parts:
            continue
        for p in set(parts):
            out[p] += 1
        if len(parts) > 1:
            out[" ".join(parts)] += 1
    return out


def shingles(text: str, k: int = 4) -> set[str]:
    """Word ``k``-shingles of the lower-cased text (punctuation ignored), for near-duplicate search."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
