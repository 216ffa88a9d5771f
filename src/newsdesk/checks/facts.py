"""Facts the ``contradiction`` check compares, read from the parse the entities stage cached.

- :func:`events`: an event word of a class in ``checks_roles.json`` ("visit", "travel", "summit")
  with its orientation (``future``: future or hypothetical clause, "upcoming", a later date;
  ``past``: a past clause or "recent"/a date shortly before publication), its agent (a person
  entity, "his" resolved to the clause's subject) and its place (a country, from a GPE entity);
- :func:`numbers`: a count of a countable verb's object ("killed 12 people") or the year of a
  once-only event ("founded in 2001"), keyed by subject, verb, object, place and date.

Everything hedged is left out: questions, negations, approximate numbers ("at least 12"),
words marking another instance ("next", "another", "previous").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..model import Article, Entity
from ._memo import doc_columns
from .roles import cues, sentence_time, timex_interval, verb_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")


@dataclass(slots=True)
class EventMention:
    cls: str
    orientation: str  # future | past
    start: int
    end: int
    agent: str | None  # entity id
    place: str | None  # ISO3
    definite: bool


@dataclass(slots=True)
class NumberFact:
    key: tuple[str, ...]
    value: int
    start: int
    end: int
    place: str | None
    when: str | None


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    for e in article.entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                return e
    return None


def _place(article: Article, tok: Token) -> str | None:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "at"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    e = entity_at(article, obj.idx, obj.idx + len(obj.text))
                    if e is not None and e.country and e.type in ("GPE", "LOC", "FAC"):
                        return e.country
    return None


def _person(article: Article, tok: Token) -> str | None:
    e = entity_at(article, tok.idx, tok.idx + len(tok.text))
    return e.id if e is not None and e.type == "PERSON" else None


def _agent(article: Article, tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "poss"):
            found = _person(article, c)
            if found:
                return found
            if c.pos_ == "PRON" and c.lower_ in ("his", "her", "he", "she"):
                return _pronoun(article, c)
    return None


def _pronoun(article: Article, pron: Token) -> str | None:
    """The person a pronoun names: the subject of the sentence's main verb, else the last one before."""
    root = pron.sent.root
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            for t in c.subtree:
                found = _person(article, t)
                if found:
                    return found
    best: tuple[int, str] | None = None
    for e in article.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            if m.end <= pron.idx and (best is None or m.end > best[0]):
                best = (m.end, e.id)
    return best[1] if best else None


def _classes() -> dict[str, str]:
    return {w: cls for cls, words in cues()["event_classes"].items() for w in words}


def _hypothetical(tok: Token) -> bool:
    marks = set(cues()["hypothetical_markers"])
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _body(article: Article) -> list[tuple[int, int]]:
    spans = [(b.start, b.end) for b in article.blocks if not b.boilerplate and b.kind in ("paragraph", "list_item")]
    return spans or [(0, len(article.text))]


def _in_body(body: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in body)


def events(article: Article, doc: Doc, on: date | None) -> list[EventMention]:
    classes = _classes()
    c = cues()
    distinct, future_marks = set(c["distinct_markers"]), set(c["future_markers"])
    recent_words = set(c["recent_words"])
    body = _body(article)
    out: list[EventMention] = []
    cols = doc_columns(doc)
    for k, lemma in enumerate(cols.lemma):
        cls = classes.get(lemma)
        if cls is None or cols.pos[k] not in ("VERB", "NOUN"):
            continue
        tok = doc[k]
        if not _in_body(body, tok.idx):
            continue
        sent = tok.sent
        if sent.text.rstrip().endswith("?") or any(ch.dep_ == "neg" for ch in tok.children):
            continue
        orientation: str | None = None
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        if tok.pos_ == "VERB":
            tense = verb_tense(tok)
            if tense in ("future", "hypothetical") or (_hypothetical(tok) and tense != "past"):
                orientation = "future"
            elif tense == "past" and sentence_time(article, sent.start_char, sent.end_char, on).recent:
                orientation = "past"
            lo, hi = tok.idx, tok.idx + len(tok.text)
            for ch in tok.children:
                if ch.dep_ in ("nsubj", "prep"):
                    lo, hi = min(lo, ch.left_edge.idx), max(hi, ch.right_edge.idx + len(ch.right_edge.text))
        else:
            mods = {ch.lemma_.lower() for ch in tok.children if ch.dep_ in ("amod", "det", "compound", "nummod")}
            if mods & distinct:
                continue
            if mods & recent_words:
                orientation = "past"
            elif mods & future_marks:
                orientation = "future"
            for t in article.timexes:
                # inside the noun phrase, or right after it ("the summit next week")
                inside = lo <= t.start and t.end <= hi
                if (inside or (t.start >= hi and not article.text[hi:t.start].strip())) and on is not None:
                    iv = timex_interval(t.value)
                    if iv and iv[0] > on:
                        orientation = "future"
                    elif iv and iv[1] < on and (on - iv[0]).days <= int(c["recent_days"]):
                        orientation = "past"
        if orientation is None:
            continue
        definite = any(ch.dep_ in ("det", "poss") and ch.lower_ not in ("a", "an") for ch in tok.children)
        while hi > lo and not article.text[hi - 1].isalnum():
            hi -= 1
        out.append(EventMention(cls, orientation, lo, hi, _agent(article, tok), _place(article, tok), definite))
    return out


def _number(tok: Token) -> int | None:
    words: dict[str, int] = cues()["number_words"]
    raw = tok.text.replace(",", "")
    if raw.isdigit():
        return int(raw)
    return words.get(tok.lower_)


def _approximate(doc: Doc, num: Token) -> bool:
    before = " ".join(t.lower_ for t in doc[max(0, num.i - 3):num.i])
    if any(before.endswith(a) for a in cues()["approximators"]):
        return True
    return any(c.dep_ in ("advmod", "quantmod") for c in num.children)


def _subject_key(article: Article, tok: Token) -> str | None:
    if tok.pos_ == "PRON":
        return None
    e = entity_at(article, tok.idx, tok.idx + len(tok.text))
    if e is not None:
        return e.id
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod", "poss")}
    if dets & set(cues()["distinct_markers"]) or dets & {"a", "an", "one"} or "the" not in dets:
        return None
    return tok.lemma_.lower()


def _when(article: Article, lo: int, hi: int) -> str | None:
    vals = [t.value for t in article.timexes if lo <= t.start and t.end <= hi and t.type in ("DATE", "TIME")]
    return vals[0] if vals else None


def numbers(article: Article, doc: Doc) -> list[NumberFact]:
    c = cues()
    counted, once = set(c["count_verbs"]), set(c["once_verbs"])
    body = _body(article)
    out: list[NumberFact] = []
    cols = doc_columns(doc)
    wanted = counted | once
    for k, lemma in enumerate(cols.lemma):
        if cols.pos[k] != "VERB" or lemma not in wanted:
            continue
        tok = doc[k]
        if not _in_body(body, tok.idx):
            continue
        sent = tok.sent
        if sent.text.rstrip().endswith("?") or any(ch.dep_ == "neg" for ch in tok.children):
            continue
        if verb_tense(tok) in ("future", "hypothetical"):
            continue
        subj = next((ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if (subj is None and tok.dep_ == "acl") or (
                subj is not None and subj.lower_ in ("which", "who", "that") and tok.dep_ == "relcl"):
            subj = tok.head  # "the Trust, founded in ..." / "the Trust, which was founded in ..."
        lo, hi = sent.start_char, sent.end_char
        if lemma in counted:
            obj = next((ch for ch in tok.children if ch.dep_ == "dobj"), None)
            if obj is None or subj is None or any(ch.dep_ == "nsubjpass" for ch in tok.children):
                continue
            num = next((ch for ch in obj.children if ch.dep_ == "nummod"), None)
            key = _subject_key(article, subj)
            value = _number(num) if num is not None else None
            if num is None or value is None or key is None or _approximate(doc, num):
                continue
            out.append(NumberFact((key, lemma, obj.lemma_.lower()), value, subj.left_edge.idx,
                                  obj.idx + len(obj.text), _place(article, tok), _when(article, lo, hi)))
        else:
            year = next((p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "in"
                         for p in prep.children if p.dep_ == "pobj" and _YEAR.match(p.text)), None)
            if year is None or subj is None:
                continue
            key = _subject_key(article, subj)
            if key is None:
                continue
            out.append(NumberFact((key, lemma, "year"), int(year.text), min(subj.idx, tok.idx),
                                  year.idx + len(year.text), None, None))
    return out
