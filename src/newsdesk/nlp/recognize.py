"""Name mentions in a parsed ``Doc``: spaCy's entities, cleaned to name-only spans, plus the gazetteer.

Conventions (the contract's "Entities and mentions", CoNLL style):

- a span covers the name only: leading determiners ("the United States" → ``United States``),
  titles before a person's name ("President Joe Biden" → ``Joe Biden``), a trailing possessive
  ("Apple's" → ``Apple``) and surrounding punctuation are trimmed; an unclosed parenthesis
  ends the name ("Software Development Kit (SDK" → ``Software Development Kit``);
- a maker's name followed by a model designation is one ``PRODUCT`` ("Airbus A380",
  "Boeing 737-800");
- DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL are not names and are dropped;
- gazetteer matches (:mod:`newsdesk.nlp.gazetteer`) add names the model missed and fix the
  label of those it found ("Pakistan" is a GPE, "British" a NORP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .gazetteer import GazEntry, Gazetteer
from .lexicon import lexicon
from .model import NAME_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MODEL = re.compile(r"^(?:[A-Z]{1,3}-?)?\d{1,4}(?:-?\d{1,4})?[A-Za-z]{0,3}$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_EDGE_PUNCT = "\"'“”‘’`,;:!?()[]{}<>|*#-–—/\\"


@dataclass(slots=True)
class Candidate:
    """One name mention before grouping."""

    start: int
    end: int
    label: str
    source: str  # model, gazetteer, propagated
    entries: tuple[GazEntry, ...] = ()
    #: the name is the subject of a clause or a possessor ("London said", "Beijing's stance")
    agentive: bool = False
    #: the first token of its sentence (casing says little there)
    sentence_start: bool = False


def _is_model_number(tok: Token) -> bool:
    t = tok.text.rstrip("s") if tok.text.endswith("s") and len(tok.text) > 2 else tok.text
    return bool(_MODEL.match(t)) and not _YEAR.match(t) and any(c.isdigit() for c in t)


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Token bounds of the name proper inside ``doc[start:end]``."""
    lex = lexicon()
    # a name never runs over a line break, and a parenthesis ends it ("Organisation (SCO)")
    for i in range(start, end):
        if i > start and (doc[i].text == "(" or "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_):
            end = i
            break
    changed = True
    while changed and end > start:
        changed = False
        first, last = doc[start], doc[end - 1]
        edge = first.is_punct or first.is_space or first.text in _EDGE_PUNCT
        title = (label == "PERSON" and end - start > 1 and first.lower_ in lex.titles
                 and doc[start + 1].text[:1].isupper())
        if first.lower_ in lex.determiners or edge or title:
            start += 1
            changed = True
        elif last.lower_ in ("'s", "’s", "'", "’") or last.is_punct or last.is_space or last.text in _EDGE_PUNCT:
            end -= 1
            changed = True
    return start, end


def _agentive(span: Span) -> bool:
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in ("'s", "’s")


def _product_end(doc: Doc, end: int) -> int:
    """Where a model designation following ``doc[:end]`` ends (``end`` when there is none)."""
    j = end
    while j < len(doc) and _is_model_number(doc[j]) and j - end < 2:
        j += 1
    return j


def find_candidates(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Name mentions in ``doc`` (character offsets into ``doc.text``), sorted and non-overlapping."""
    token_spans: list[tuple[int, int, str]] = []
    lex = lexicon()
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end, label = ent.start, ent.end, ent.label_
        if label in ("ORG", "PRODUCT", "PERSON", "GPE", "NORP"):
            pend = _product_end(doc, end)
            if pend > end and label != "NORP":
                end, label = pend, "PRODUCT"
            elif end - start > 1 and _is_model_number(doc[end - 1]) and label in ("ORG", "PERSON"):
                label = "PRODUCT"
        start, end = _trim(doc, start, end, label)
        if sum(1 for t in doc[start + 1:end] if t.is_stop and t.text[:1].isupper()) >= 2:
            continue  # a title-cased heading ("Meeting Back On The Table"), not a name
        if (end - start > 1 and label in ("PERSON", "GPE", "LOC", "NORP", "FAC")
                and doc[end - 1].lower_ in lex.org_suffixes):
            label = "ORG"  # "Qatar Airways", "Douglas Aircraft Company"
        if end > start and any(t.is_alpha or t.text[:1].isalnum() for t in doc[start:end]):
            token_spans.append((start, end, label))
    cands = []
    for s, e, label in token_spans:
        span = doc[s:e]
        cands.append(Candidate(span.start_char, span.end_char, label, "model", agentive=_agentive(span),
                               sentence_start=doc[s].is_sent_start is True))
    if gazetteer is not None:
        cands = _merge_gazetteer(doc, cands, gazetteer)
    cands.sort(key=lambda c: (c.start, -c.end))
    return cands


def _merge_gazetteer(doc: Doc, cands: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    for m in gazetteer.find(doc):
        if not m.entries:
            continue
        inside = [c for c in cands if c.start <= m.start and m.end <= c.end]
        exact = [c for c in inside if c.start == m.start and c.end == m.end]
        if exact:
            c = exact[0]
            c.entries = m.entries
            if (c.label != m.entries[0].label and c.label not in ("PERSON",)) or m.entries[0].kind == "demonym":
                c.label = m.entries[0].label
            continue
        if inside:
            continue  # "Pakistan" inside "Pakistan Peoples Party"
        overlapping = [c for c in cands if c.start < m.end and m.start < c.end]
        if any(c.end - c.start > m.end - m.start for c in overlapping):
            continue
        for c in overlapping:
            cands.remove(c)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        agentive = _agentive(span) if span is not None else False
        first = span[0].is_sent_start is True if span is not None else False
        cands.append(Candidate(m.start, m.end, m.entries[0].label, "gazetteer", m.entries, agentive, first))
    return cands
