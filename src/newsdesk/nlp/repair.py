"""The copy of an article that spaCy reads: same length as ``article.text``, so offsets are exact.

Three things change in the copy, never in ``article.text``:

- **masking**: characters outside the body blocks (tables of contents, keyword lists,
  call-outs, markup residue) become spaces (newlines are kept), so no fact is read from
  boilerplate and a single ``Doc`` per article still has the article's offsets;
- **casing from the knowledge base**: ``pakistan`` → ``Pakistan``, ``new Delhi`` →
  ``New Delhi`` (:meth:`newsdesk.nlp.gazetteer.Gazetteer.repair_casing`);
- **casing from the article itself**: a lower-case word next to a capitalised one is
  capitalised where the article writes the same pair capitalised elsewhere ("narendra Modi"
  beside "Narendra Modi"); see :func:`repair_from_article`.

Missing spaces after commas ("said,that") need no change: spaCy's tokenizer splits a comma
between letters already.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ..model import Block

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def mask_boilerplate(text: str, blocks: Sequence[Block]) -> str:
    """``text`` with everything outside non-boilerplate blocks blanked (newlines kept).

    With no blocks the whole text is body.
    """
    if not blocks:
        return text
    keep = [(b.start, b.end) for b in blocks if not b.boilerplate]
    chars = [c if c == "\n" else " " for c in text]
    for s, e in keep:
        chars[s:e] = text[s:e]
    return "".join(chars)


def repair_from_article(text: str) -> str:
    """Capitalise lower-case words that the article capitalises in the same two-word name elsewhere."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    capital_pairs: set[tuple[str, str]] = set()
    for (_s1, e1, w1), (s2, _e2, w2) in itertools.pairwise(words):
        if w1[:1].isupper() and w2[:1].isupper() and text[e1:s2] == " ":
            capital_pairs.add((w1.casefold(), w2.casefold()))
    if not capital_pairs:
        return text
    chars = list(text)
    for (s1, e1, w1), (s2, _e2, w2) in itertools.pairwise(words):
        if text[e1:s2] != " " or (w1.casefold(), w2.casefold()) not in capital_pairs:
            continue
        if w1[:1].islower() and w2[:1].isupper():
            chars[s1] = w1[0].upper()
        elif w1[:1].isupper() and w2[:1].islower():
            chars[s2] = w2[0].upper()
    return "".join(chars)
