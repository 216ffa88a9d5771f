"""``unsupported_claim``: a claim of fact with no source, where the article otherwise attributes.

Two findings, both ``low`` severity (the reading is a heuristic, worth a look):

* **vague attribution** — a sentence that leans on an unnamed source ("reportedly", "sources
  say", "it is believed", "experts say") instead of a named one;
* **unsourced figures** — in an article that attributes its other facts (at least
  ``min_attributed_claims`` claims with a speaker), a body sentence stating a figure that is
  typically disputed (casualty and arrest counts, percentages, "the deadliest") with no
  attribution cue in it or in the sentences around it, and outside every claim's span.

Cue lists and patterns are data (``data/checks_unsupported.json``). Only body blocks are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Article, Flag
from ..pipeline import Context
from ..registry import checks
from ._blocks import segments

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)")


@dataclass(frozen=True, slots=True)
class _Cues:
    vague: re.Pattern[str]
    attribution: re.Pattern[str]
    facts: tuple[re.Pattern[str], ...]
    min_claims: int


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@cache
def cues() -> _Cues:
    data = json.loads(resources.files("newsdesk.data").joinpath("checks_unsupported.json").read_text("utf-8"))
    return _Cues(
        vague=_alternation(data["vague_attribution"]),
        attribution=_alternation(data["attribution_cues"]),
        facts=tuple(re.compile(p, re.IGNORECASE) for p in data["fact_patterns"]),
        min_claims=int(data["min_attributed_claims"]),
    )


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in _SENT.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 20:
            yield s, e


def _around(text: str, sents: list[tuple[int, int]], i: int) -> str:
    """The sentences before and after sentence ``i`` (read only when a figure needs a source)."""
    s, e = sents[i]
    return " ".join(text[a:b] for a, b in sents[max(0, i - 1) : i + 2] if (a, b) != (s, e))


@checks.register("unsupported_claim")
def unsupported_claim(article: Article, context: Context) -> Iterator[Flag]:
    c = cues()
    text = article.text
    claim_spans = [(cl.start, cl.end) for cl in article.claims]
    attributed = sum(1 for cl in article.claims if cl.speaker is not None)
    body = [s for s in segments(article) if not s.boilerplate and s.kind in ("paragraph", "list_item")]
    for seg in body:
        sents = list(_sentences(text, seg.start, seg.end))
        for i, (s, e) in enumerate(sents):
            sentence = text[s:e]
            vague = c.vague.search(sentence)
            if vague:
                yield Flag("unsupported_claim", "low", s, e,
                           f"the sentence rests on an unnamed source (\"{vague.group(0)}\")",
                           evidence={"cue": vague.group(0), "reason": "vague attribution"})
            elif attributed >= c.min_claims:
                fact = next((m for p in c.facts if (m := p.search(sentence))), None)
                inside_claim = any(cs <= s < ce or cs < e <= ce for cs, ce in claim_spans)
                if (fact and not inside_claim and not c.attribution.search(sentence)
                        and not c.attribution.search(_around(text, sents, i))):
                    yield Flag("unsupported_claim", "low", s, e,
                               f"a figure (\"{fact.group(0)}\") is stated without a source in an article "
                               "that attributes its other facts",
                               evidence={"fact": fact.group(0), "attributed_claims": attributed,
                                         "reason": "unsourced figure"})
