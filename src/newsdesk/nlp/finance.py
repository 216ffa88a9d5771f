"""Stock-market indices and currencies as name mentions, from the KB's financial names.

The list (:mod:`newsdesk.kb.financial`) gives each index its names ("Dow Jones Industrial
Average", "DJIA", "FTSE 100") and ambiguous short forms ("Dow", "Nasdaq", "Nikkei"), and each
ISO 4217 currency its qualified names ("U.S. dollar", "Swiss franc") and bare forms ("yen").

- a name matches as written, or case-insensitively where it begins with a capital
  ("Nasdaq composite"); an all-capitals name ("DJIA") only as written;
- an ambiguous short form counts where the article also names the same index otherwise, or
  a market word is close ("the Dow fell 300 points");
- a bare currency word counts only as the currency itself: right after "the" (an adjective
  may come between: "the weaker yen"), not as a modifier ("the dollar amount"), never in an
  amount ("5 dollars", "92 yen");
- "index" after an index name belongs to it ("FTSE index");
- the match replaces model spans it overlaps ("Dow Jones" as ORG), unless one of them is a
  longer name that contains it ("Dow Jones & Company").

Mentions are ``PRODUCT`` (the contract's OntoNotes types have no financial type) with a
gazetteer entry of kind ``index`` or ``currency``, so all names of one index group together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..kb.financial import load_financial
from .gazetteer import GazEntry
from .model import doc_text
from .recognize import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_NEAR = 4  # tokens after an ambiguous short form searched for a market word


@dataclass(frozen=True, slots=True)
class _Form:
    entry: GazEntry
    written: str
    mode: str  # name, ambiguous, bare


@dataclass(frozen=True, slots=True)
class _Table:
    forms: dict[str, list[_Form]]
    pattern: re.Pattern[str]
    market_words: frozenset[str]
    index_tails: frozenset[str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    fin = load_financial()
    forms: dict[str, list[_Form]] = {}

    def add(written: str, entry: GazEntry, mode: str) -> None:
        forms.setdefault(written.casefold(), []).append(_Form(entry, written, mode))

    for idx in fin.indices:
        entry = GazEntry("index", "PRODUCT", f"index:{idx.key}", idx.name)
        for n in idx.names:
            add(n, entry, "name")
        for n in idx.ambiguous:
            add(n, entry, "ambiguous")
    for cur in fin.currencies:
        entry = GazEntry("currency", "PRODUCT", f"currency:{cur.code}", cur.name)
        for n in cur.names:
            add(n, entry, "name")
        for n in cur.bare:
            add(n, entry, "bare")
    alts = sorted({f.written for fs in forms.values() for f in fs}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&/.-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w&/-])", re.IGNORECASE)
    return _Table(forms, pattern, fin.market_words, fin.index_tails)


def _casing_ok(found: str, form: _Form) -> bool:
    if found == form.written:
        return True
    if form.written.islower():
        return found.islower() or (found[:1].isupper() and found[1:].islower())  # "euro", "Euro"
    if form.written.isupper():
        return False  # "DJIA" only as written
    return found[:1].isupper()


def _near_market_word(doc: Doc, span: Span, words: frozenset[str]) -> bool:
    after = doc[span.end : min(len(doc), span.end + _NEAR)]
    return any(t.lower_ in words for t in after)


def _bare_currency_ok(doc: Doc, span: Span) -> bool:
    """The currency itself ("the yen", "the weaker dollar"), not a modifier or an amount."""
    tok = span[-1]
    if tok.dep_ == "compound" or (span.end < len(doc) and doc[span.end].like_num):
        return False  # "the dollar amount", "the Euro 2024"
    i = span.start - 1
    if i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"


def financial_mentions(doc: Doc) -> list[Candidate]:
    """Index and currency mentions in ``doc`` (character offsets into ``doc.text``)."""
    table = _table()
    text = doc_text(doc)
    found: list[tuple[Span, _Form]] = []
    for m in table.pattern.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue  # not on token boundaries ("US$")
        form = next((f for f in table.forms.get(m.group(0).casefold(), []) if _casing_ok(m.group(0), f)), None)
        if form is not None:
            found.append((span, form))
    named = {f.entry.ref for _, f in found if f.mode == "name"}
    out = []
    for span, form in found:
        if (
            form.mode == "ambiguous"
            and form.entry.ref not in named
            and not _near_market_word(doc, span, table.market_words)
        ):
            continue
        if form.mode == "bare" and not _bare_currency_ok(doc, span):
            continue
        end = span.end
        if form.entry.kind == "index" and end < len(doc) and doc[end].text in table.index_tails:
            end += 1  # "FTSE index"
        full = doc[span.start : end]
        out.append(
            Candidate(
                full.start_char,
                full.end_char,
                "PRODUCT",
                "finance",
                (form.entry,),
                sentence_start=doc[span.start].is_sent_start is True,
            )
        )
    return out


def merge_financial(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the financial mentions of ``doc`` added, replacing the model's spans they overlap."""
    out = list(cands)
    for f in financial_mentions(doc):
        overlapping = [c for c in out if c.start < f.end and f.start < c.end]
        if any(c.start <= f.start and f.end <= c.end and (c.start, c.end) != (f.start, f.end) for c in overlapping):
            continue  # a longer name contains it: "Dow Jones & Company"
        for c in overlapping:
            out.remove(c)
        out.append(f)
    out.sort(key=lambda c: (c.start, -c.end))
    return out
