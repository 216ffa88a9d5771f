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
  label of those it found ("Pakistan" is a GPE, "British" a NORP);
- a leader's name before "administration"/"government" is the person ("the Trump
  administration" → ``Trump``, PERSON);
- junk is dropped: a lone stop word ("As"), spans without a capital letter or digit, spans made
  of titles only ("Prime Minister"), and a lone dictionary word the model tagged as a common
  word and the article never capitalises inside a sentence (a table cell "Joint statement ...");
- table columns type their cells (:func:`apply_table_columns`): a "Location" cell is a place,
  a "Name" cell a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Table
from .gazetteer import GazEntry, Gazetteer, capitalised_vocabulary
from .lexicon import lexicon
from .model import NAME_LABELS, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MODEL = re.compile(r"^(?:[A-Z]{1,3}-?)?\d{1,4}(?:-?\d{1,4})?[A-Za-z]{0,3}$")
#: a lower-case letter then a capital: product brands ("iPhone", "iPod", "iOS")
_CAMEL = re.compile(r"^[a-z][A-Z][a-z]")
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
    #: the name speaks for someone: subject of a speech or stance verb, or possessor of a stance noun
    #: ("London said", "Washington supports", "Beijing's stance"); "Islamabad is preparing" is not
    agentive: bool = False
    #: the first token of its sentence (casing says little there)
    sentence_start: bool = False


def is_model_number(tok: Token) -> bool:
    """A model designator: "A380", "787", "737-800", "3GS" (not a year)."""
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
    """Whether the name speaks or takes a stance (the reading of a capital as its government)."""
    lex = lexicon()
    root = span.root
    while root.dep_ == "conj" and root.head is not root:  # "London and Paris said"
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        verb = root.head
        if verb.lemma_.lower() in lex.voice_verbs:
            return True
        # "Washington has said", "Beijing wants to": the verb or the verb it governs
        return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.voice_verbs
    if root.dep_ == "poss":
        return root.head.lemma_.lower() in lex.voice_nouns or root.head.lower_ in lex.voice_nouns
    return False


_PROPER_TAGS = ("NNP", "NNPS")


def _junk(doc: Doc, start: int, end: int, gazetteer: Gazetteer | None, caps: set[str]) -> bool:
    """A span the model labelled that is not a name (see the module docstring)."""
    toks = doc[start:end]
    text = toks.text
    if not any(c.isupper() or c.isdigit() for c in text):
        return True  # "the", "comment": casing repair already capitalised every name it knows
    lex = lexicon()
    if all(t.lower_ in lex.titles or t.is_punct for t in toks):
        return True  # "Prime Minister" alone is an office, not a name
    if end - start != 1:
        return False
    tok = doc[start]
    if tok.is_stop and not tok.text.isupper():
        return True  # "As", "It"
    if gazetteer is None or gazetteer.lookup(tok.text) or tok.text.isupper():
        return False
    if tok.tag_ in _PROPER_TAGS:
        return False
    low = tok.lower_
    return low in gazetteer.english_words and low not in caps


def _administration(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """Cut "administration"/"government" after a leader's name; the name is then a person."""
    if end - start > 1 and doc[end - 1].lower_ in lexicon().administration_words:
        names = doc[start:end - 1]
        if all(t.tag_ in _PROPER_TAGS for t in names):
            return end - 1, label if label in ("GPE", "NORP") else "PERSON"
    return end, label


def _product_end(doc: Doc, end: int) -> int:
    """Where a model designation following ``doc[:end]`` ends (``end`` when there is none)."""
    j = end
    while j < len(doc) and is_model_number(doc[j]) and j - end < 2:
        j += 1
    return j


def find_candidates(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Name mentions in ``doc`` (character offsets into ``doc.text``), sorted and non-overlapping."""
    token_spans: list[tuple[int, int, str]] = []
    lex = lexicon()
    caps = capitalised_vocabulary(doc_text(doc))
    ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
    skip_to = -1
    for n, ent in enumerate(ents):
        if ent.start < skip_to:
            continue  # merged into the maker's name before it
        start, end, label = ent.start, ent.end, ent.label_
        if label in ("ORG", "PRODUCT", "PERSON", "GPE", "NORP"):
            nxt = ents[n + 1] if n + 1 < len(ents) else None
            pend = _product_end(doc, end)
            if (label != "NORP" and nxt is not None and nxt.start == end and nxt.label_ in ("PRODUCT", "ORG")
                    and is_model_number(doc[nxt.start])):
                end, label, skip_to = nxt.end, "PRODUCT", nxt.end  # "Airbus" + "A380", "Boeing" + "737-800"
            elif pend > end and label != "NORP":
                end, label = pend, "PRODUCT"
            elif end - start > 1 and is_model_number(doc[end - 1]) and label in ("ORG", "PERSON"):
                label = "PRODUCT"
            elif label == "ORG" and _CAMEL.match(doc[start].text):
                label = "PRODUCT"  # "iPhone", "iPod nano", "iTunes Store": brand names of products
        start, end = _trim(doc, start, end, label)
        end, label = _administration(doc, start, end, label)
        if end <= start or _junk(doc, start, end, gazetteer, caps):
            continue
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


def table_cells(text: str, table: Table) -> list[tuple[int, int, str]]:
    """``(start, end, header)`` of each body cell of a pipe table, stripped of spaces."""
    spans = list(table.row_spans)
    if not spans:  # rows by line inside the table's span
        pos = table.start
        for line in text[table.start:table.end].split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    header = [h.strip().casefold() for h in table.header]
    out = []
    for s, e in spans:
        row = text[s:e]
        if "|" not in row or set(row.replace("|", "").strip()) <= set("-: "):
            continue  # not a pipe row, or the |---| rule
        cells = row.split("|")
        if row.lstrip().startswith("|"):
            cells = cells[1:]
        pos = s + row.index("|") + 1 if row.lstrip().startswith("|") else s
        values = []
        for col, cell in enumerate(cells):
            lead = len(cell) - len(cell.lstrip())
            value = cell.strip()
            if value and col < len(header):
                values.append((pos + lead, pos + lead + len(value), header[col]))
            pos += len(cell) + 1
        if [v[2] for v in values] and [text[a:b].strip().casefold() for a, b, _ in values] == header[:len(values)]:
            continue  # the header row itself
        out.extend(values)
    return out


def _header_cells(text: str, table: Table) -> list[tuple[int, int]]:
    """Spans of the header row's cells."""
    if not table.header:
        return []
    first = table.row_spans[0] if table.row_spans else (table.start, text.find("\n", table.start))
    s, e = first[0], first[1] if first[1] >= 0 else table.end
    row = text[s:e]
    cells = [c.strip().casefold() for c in row.strip().strip("|").split("|")]
    if cells != [h.strip().casefold() for h in table.header]:
        return []
    return [(s, e)]


_CELL_NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,3}$")


def apply_table_columns(cands: list[Candidate], tables: Sequence[Table], text: str,
                        visible: str) -> list[Candidate]:
    """Type names in table cells by their column: a place in a "Location" column, a person in "Name".

    A place cell the model did not read as a name (one to four words, no digits) becomes one.
    """
    lex = lexicon()
    out = list(cands)
    for table in tables:
        for s, e in _header_cells(text, table):
            out = [c for c in out if not (s <= c.start and c.end <= e)]  # "Date", "Location" are not names
        for s, e, head in table_cells(text, table):
            if visible[s:e] != text[s:e]:
                continue  # masked (boilerplate) or repaired differently: leave it
            if head in lex.location_headers:
                label = "GPE"
            elif head in lex.person_headers:
                label = "PERSON"
            else:
                continue
            inside = [c for c in out if s <= c.start and c.end <= e]
            for c in inside:
                if not any(x.kind in ("person", "org") for x in c.entries) and c.label not in ("GPE", "LOC", "FAC"):
                    c.label = label if not c.entries else c.label
            overlapping = [c for c in out if c.start < e and s < c.end]
            if not overlapping and _CELL_NAME.match(text[s:e]):
                out.append(Candidate(s, e, label, "table", sentence_start=True))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def administration_names(doc: Doc, cands: list[Candidate], is_person: Callable[[str], bool]) -> list[Candidate]:
    """Add "Brenner" in "the Brenner administration" when the model missed it and ``is_person``
    (the KB or a full name in the article) says the name is a person's."""
    lex = lexicon()
    out = list(cands)
    for tok in doc:
        if tok.lower_ not in lex.administration_words or tok.i == 0:
            continue
        j = tok.i
        i = j
        while i > 0 and doc[i - 1].tag_ in _PROPER_TAGS and j - i < 3:
            i -= 1
        if i == j or (i > 0 and doc[i - 1].lower_ not in lex.determiners and doc[i - 1].lower_ not in ("'s", "’s")):
            continue
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(c.start < e and s < c.end for c in out) or not is_person(doc_text(doc)[s:e]):
            continue
        out.append(Candidate(s, e, "PERSON", "model", sentence_start=doc[i].is_sent_start is True))
    out.sort(key=lambda c: (c.start, -c.end))
    return out
