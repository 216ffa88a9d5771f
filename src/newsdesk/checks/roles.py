"""Role phrases around person mentions, for the ``anachronism`` and ``contradiction`` checks.

A *role claim* is what an article says about a person's office at the time of a sentence:

- a title before the name: "former Prime Minister X", "Pakistan's ex-president X", "the newly
  elected President X";
- an apposition: "X, the prime minister of Y,", "X, Y's former president,";
- a government named after the person: "the X administration", "the X government has ...".

Each claim carries the tense of the clause that governs it (from the spaCy parse the entities
stage cached: present, future, past, hypothetical or none) and the explicit dates of its sentence
(from the time stage's timexes), so that a historical statement can be told from a present one.
Cue words are data (``newsdesk/data/checks_roles.json``); no person, country or date is named here.
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Article, Entity
from ._memo import doc_columns, doc_length, doc_text, memo

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..kb import KnowledgeBase, Tenure

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "checks_roles.json"
HEAD_ROLES = ("head_of_state", "head_of_government")
AMBASSADOR_ROLES = ("ambassador_to_us", "us_ambassador_to")
SOURCE = "CIA World Factbook via newsdesk.kb"
_COUNTRY_WORD = r"[A-Z][\w.’'-]*"
_COUNTRY = rf"{_COUNTRY_WORD}(?:\s+{_COUNTRY_WORD}){{0,2}}(?:'s|’s)?"


@cache
def cues() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    c = cues()
    title = _alt(list(c["titles"]))
    mods = _alt(c["former"] + c["historical"] + c["newly"] + c["blocking_modifiers"])
    lead = rf"(?P<lead>(?:(?i:{mods})(?:[\s-]+|(?<=-))|{_COUNTRY}\s+)*)"
    before = re.compile(rf"(?:^|(?<=[\s(\"“]))(?:(?i:the|a|an)\s+)?{lead}(?P<title>(?i:{title}))\s+$")
    after = re.compile(
        rf"^\s*,\s+(?:(?i:who\s+(?P<verb>is|was|has\s+been|had\s+been|remains|became|served\s+as))\s+)?"
        rf"(?:(?i:the|a|an)\s+)?{lead}(?P<title>(?i:{title}))"
        rf"(?:\s+(?i:of|to)\s+(?:(?i:the)\s+)?(?P<c2>{_COUNTRY}))?(?=\s*(?:[,.;:)]|$|\s+(?i:and|who)\b))")
    gov = re.compile(rf"^(?:'s|’s)?\s+(?P<noun>(?i:{_alt(c['government_nouns'])}))\b")
    return before, after, gov


# -- dates ---------------------------------------------------------------------------------------
def published_day(article: Article) -> date | None:
    p = article.published
    if not p or len(p) < 10:
        return None
    try:
        return date.fromisoformat(p[:10])
    except ValueError:
        return None


def timex_interval(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers (``2015``, ``2015-12``, ``2015-12-25``, ``2024-W36``)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?", value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1])
        if m.group(4):
            monday = date.fromisocalendar(y, int(m.group(4)), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    if len(value) > 4 and value[4:5] == "-" and not value[5:6].isdigit() and value[5:6] != "W":
        return date(y, 1, 1), date(y, 12, 31)  # quarters, halves, seasons: the year
    return (date(y, 1, 1), date(y, 12, 31)) if len(value) == 4 or not value[4:5].isdigit() else None


@dataclass(slots=True)
class SentenceTime:
    dated: list[tuple[date, date]] = field(default_factory=list)
    recent: bool = False  # PAST_REF ("recent", "recently") or a date shortly before publication
    spans: list[tuple[int, int]] = field(default_factory=list)


def sentence_time(article: Article, start: int, end: int, on: date | None) -> SentenceTime:
    out = SentenceTime()
    recent_days = int(cues()["recent_days"])
    for t in article.timexes:
        if t.start < start or t.end > end or t.type not in ("DATE", "TIME"):
            continue
        if t.value == "PAST_REF":
            out.recent = True
            out.spans.append((t.start, t.end))
            continue
        iv = timex_interval(t.value)
        if iv is None:
            continue
        out.dated.append(iv)
        out.spans.append((t.start, t.end))
        if on is not None and iv[1] <= on and (on - iv[0]).days <= recent_days:
            out.recent = True
    return out


# -- tense -----------------------------------------------------------------------------------------
def governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def verb_tense(v: Token, depth: int = 0) -> str:
    """present | future | past | hypothetical | none for the clause of verb ``v``."""
    c = cues()
    auxes = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    if any(w in c["future_modals"] for w in words):
        return "future"
    if any(w in c["hypothetical_modals"] for w in words):
        return "hypothetical"
    if any(w in c["present_modals"] for w in words):
        return "present"
    for a in auxes:
        if a.tag_ in ("VBZ", "VBP"):
            return "present"
        if a.tag_ == "VBD":
            return "past"
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    if v.tag_ == "VBD":
        return "past"
    if depth < 3 and v.head.i != v.i and v.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "relcl", "ccomp"):
        if v.tag_ == "VBN" and v.dep_ in ("acl", "relcl"):
            return "past"
        head = governing_verb(v.head)
        if head is not None and head.i != v.i:
            return verb_tense(head, depth + 1)
    if v.tag_ == "VBN":
        return "past"
    return "none"


def tense_of(tok: Token) -> str:
    v = governing_verb(tok)
    return "none" if v is None else verb_tense(v)


# -- claims ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class Claim:
    kind: str  # title | apposition | government
    start: int  # the whole role phrase, name included
    end: int
    name_start: int
    name_end: int
    name: str  # as written
    entity: Entity | None
    title: str | None  # a key of cues()["titles"]; None for a government phrase
    former: bool = False
    newly: bool = False
    historical: bool = False
    country: str | None = None  # ISO3 named in the phrase
    tense: str = "none"
    subject: bool = False  # the phrase is the subject (or agent) of its clause
    sentence: tuple[int, int] = (0, 0)
    time: SentenceTime = field(default_factory=SentenceTime)


def _classify_lead(lead: str, base: KnowledgeBase) -> tuple[set[str], str | None, bool]:
    """The modifiers and the country of a lead ("Pakistan's former"); blocked when a blocking word is there."""
    c = cues()
    mods: set[str] = set()
    country: str | None = None
    words = c["former"] + c["historical"] + c["newly"] + c["blocking_modifiers"]
    chunks = re.findall(rf"(?i:{_alt(words)})|{_COUNTRY}", lead)
    for chunk in reversed(chunks):
        low = " ".join(chunk.lower().replace("-", " ").split())
        if low.rstrip() in {" ".join(w.replace("-", " ").split()) for w in c["blocking_modifiers"]}:
            return mods, country, True
        if low in {" ".join(w.replace("-", " ").split()) for w in c["former"]}:
            mods.add("former")
        elif low in {" ".join(w.replace("-", " ").split()) for w in c["historical"]}:
            mods.add("historical")
        elif low in {" ".join(w.replace("-", " ").split()) for w in c["newly"]}:
            mods.add("newly")
        else:
            found = base.country(re.sub(r"(?:'s|’s)$", "", chunk))
            if found is None:
                break
            country = country or found.iso3
    return mods, country, False


def _title_key(raw: str) -> str:
    return " ".join(raw.lower().replace("-", " ").split())


def _span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _is_subject(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            return True
        if t.dep_ not in ("compound", "poss", "conj", "appos", "amod", "nmod") or t.head.i == t.i:
            return False
        t = t.head
    return False


def parsed_doc(article: Article, context: Any) -> Doc | None:
    """The spaCy ``Doc`` the entities stage parsed (re-parsed the same way if it left the cache);
    None when the entities stage did not run (the role checks need its entities and parse)."""
    if "entities" not in article.stages and not article.entities:
        return None
    return memo(("parsed_doc", article.id, len(article.text)), lambda: _parsed_doc(article, context))


def _parsed_doc(article: Article, context: Any) -> Doc:
    from ..nlp.model import cache_doc, cached_doc

    doc = cached_doc(context, article.id)
    if doc is not None and doc_length(doc) == len(article.text):
        return doc
    from ..nlp.extract import get_resources, visible_text

    res = get_resources(context)
    doc = res.nlp(visible_text(article, res))
    cache_doc(context, article.id, doc)
    return doc


def person_mentions(article: Article) -> list[tuple[int, int, Entity]]:
    out = []
    for e in article.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            out.append((m.start, m.end, e))
    return sorted(out, key=lambda x: x[0])


def find_claims(article: Article, doc: Doc, base: KnowledgeBase, on: date | None) -> list[Claim]:
    """Every role claim around a person mention in the article's body (headings excluded); the
    ``anachronism`` and ``contradiction`` checks of one ``checks`` stage call share one list."""
    key = ("find_claims", article.id, id(doc), id(base), on)
    return memo(key, lambda: (doc, base, _find_claims(article, doc, base, on)))[2]


def _find_claims(article: Article, doc: Doc, base: KnowledgeBase, on: date | None) -> list[Claim]:
    before, after, gov = _patterns()
    text = doc_text(doc)  # same offsets as article.text; boilerplate blanked
    body = [(b.start, b.end) for b in article.blocks if not b.boilerplate and b.kind in ("paragraph", "list_item")]
    if not article.blocks:
        body = [(0, len(text))]
    out: list[Claim] = []
    for s, e, ent in person_mentions(article):
        block = next(((bs, be) for bs, be in body if bs <= s and e <= be), None)
        if block is None:
            continue
        span = _span_of(doc, s, e)
        if span is None:
            continue
        sent = span.sent
        ss, se = sent.start_char, sent.end_char
        # the title right before the name may fall in the previous "sentence" when the parser
        # splits a block's first words off (a dateline before it): look back within the block
        lead_from = min(ss, max(block[0], s - 120))
        name = article.text[s:e]
        root = span.root
        found: list[Claim] = []
        m = before.search(text[lead_from:s])
        if m:
            mods, country, blocked = _classify_lead(m.group("lead") or "", base)
            if not blocked:
                found.append(Claim("title", lead_from + (m.start("lead") if m.group("lead") else m.start("title")), e,
                                   s, e, name, ent, _title_key(m.group("title")), "former" in mods, "newly" in mods,
                                   "historical" in mods, country))
        m = after.match(text[e:se])
        if m is not None and (not m.group("verb") or m.group("verb").lower() in ("is", "remains")):
            mods, country, blocked = _classify_lead(m.group("lead") or "", base)
            c2 = base.country(re.sub(r"(?:'s|’s)$", "", m.group("c2"))) if m.group("c2") else None
            if not blocked:
                found.append(Claim("apposition", s, e + m.end(), s, e, name, ent, _title_key(m.group("title")),
                                   "former" in mods, "newly" in mods, "historical" in mods,
                                   country or (c2.iso3 if c2 else None)))
        m = gov.match(text[e:se])
        if m:
            lead = before.search(text[ss:s])
            pre = text[max(ss, s - 24):s].lower()
            hist = any(re.search(rf"\b{re.escape(w)}[\s-]*$", pre) for w in cues()["former"] + cues()["historical"])
            noun = _span_of(doc, e + m.start("noun"), e + m.end("noun"))
            if noun is not None and not lead:
                tok = noun.root
                det = re.search(r"(?i:\bthe)\s+$", text[ss:s])
                c = Claim("government", ss + det.start() if det else s, e + m.end(), s, e, name, ent, None,
                          historical=hist)
                c.tense, c.subject = tense_of(tok), _is_subject(tok)
                found.append(c)
        for c in found:
            while c.end > c.name_end and not text[c.end - 1].isalnum():
                c.end -= 1  # "..., Prime Minister of Canada." ends before the full stop
            if c.kind != "government":
                c.tense, c.subject = tense_of(root), _is_subject(root)
            c.sentence = (ss, se)
            c.time = sentence_time(article, ss, se, on)
        out.extend(found)
    out.extend(_unrecognised_governments(article, doc, base, on, body, out))
    return out


def _unrecognised_governments(article: Article, doc: Doc, base: KnowledgeBase, on: date | None,
                              body: list[tuple[int, int]], known: list[Claim]) -> list[Claim]:
    """"The <Name> government" where the model found no person: the proper nouns before the noun,
    kept only when they name exactly one office holder of the KB and no other entity covers them."""
    nouns = {w.lower() for w in cues()["government_nouns"] if " " not in w}
    # names another entity already explains (a country, an organisation of the KB, a place)
    taken = [(m.start, m.end) for e in article.entities for m in e.mentions
             if e.kb_id or e.country or e.type in ("GPE", "LOC", "FAC")]
    out: list[Claim] = []
    for k, lower in enumerate(doc_columns(doc).lower):
        if lower not in nouns or k == 0:
            continue
        tok = doc[k]
        i = tok.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper() and tok.i - i < 3:
            i -= 1
        if i == tok.i:
            continue
        s, e = doc[i].idx, doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
        if any(c.name_start < e and s < c.name_end for c in known) or any(a < e and s < b for a, b in taken):
            continue
        if not any(bs <= s and e <= be for bs, be in body):
            continue
        name = article.text[s:e]
        if not person_tenures(base, None, name):
            continue
        sent = tok.sent
        pre = article.text[max(sent.start_char, s - 24):s].lower()
        hist = any(re.search(rf"\b{re.escape(w)}[\s-]*$", pre) for w in cues()["former"] + cues()["historical"])
        det = re.search(r"(?i:\bthe)\s+$", article.text[sent.start_char:s])
        c = Claim("government", sent.start_char + det.start() if det else s, tok.idx + len(tok.text), s, e, name,
                  None, None, historical=hist)
        c.tense, c.subject = tense_of(tok), _is_subject(tok)
        c.sentence = (sent.start_char, sent.end_char)
        c.time = sentence_time(article, sent.start_char, sent.end_char, on)
        out.append(c)
    return out


# -- people in the knowledge base --------------------------------------------------------------------
def _person_key(name: str) -> tuple[str, str]:
    toks = [t for t in re.split(r"[\s.]+", name.lower()) if t and t not in ("jr", "sr", "ii", "iii")]
    return (toks[-1], toks[0][:1]) if toks else ("", "")


def person_tenures(base: KnowledgeBase, entity: Entity | None, written: str) -> list[Tenure]:
    """The KB tenures of the person a mention names; a lone name only when one office holder has it."""
    names: list[str] = []
    if entity is not None:
        if entity.kb_id:
            names.append(entity.name)
        names += sorted({" ".join(m.text.split()) for m in entity.mentions if len(m.text.split()) >= 2},
                        key=lambda n: -len(n))
    if len(written.split()) >= 2:
        names.append(" ".join(written.split()))
    for n in names:
        found = base.tenures_of(n)
        if found:
            return _same_person(base, found)
    lone = " ".join(written.split())
    if entity is not None and len(lone.split()) < 2 and len(entity.name.split()) >= 2 and entity.kb_id is None:
        return []  # a surname of a full name the KB does not know: another person
    cands = base.tenures_of(lone)
    heads = {_person_key(t.name) for t in cands if t.role in HEAD_ROLES and t.principal}
    if len(heads) != 1:
        return []
    key = next(iter(heads))
    return [t for t in cands if _person_key(t.name) == key]


def _same_person(base: KnowledgeBase, found: list[Tenure]) -> list[Tenure]:
    """The tenures found plus those of the same person under another spelling ("Binyamin"/"Benjamin"):
    same surname and first initial, when the surname names nobody else with that initial."""
    keys = {_person_key(t.name) for t in found}
    if len(keys) != 1:
        return found
    key = next(iter(keys))
    more = [t for t in base.tenures_of(key[0]) if _person_key(t.name) == key and t not in found]
    return sorted(found + more, key=lambda t: (t.start, t.country or "", t.role))


def title_matches(title: str, t: Tenure) -> bool:
    """Does a title as written ("premier") name the office of tenure ``t`` (title "Prime Minister")?"""
    c = cues()
    wanted = [" ".join(w.split()) for w in c["titles"].get(title, [title])]
    words = [w for w in re.split(r"[\s-]+", t.title.lower()) if w and w not in c["title_fillers"]]
    data_title = " ".join(words)
    if not data_title:
        return False
    pre = set(c["non_principal_prefixes"])
    if words[0] in pre and title.split()[0] not in pre:
        return False
    return any(data_title == w or data_title.startswith(w + " ") for w in wanted)


def home_country(base: KnowledgeBase, tenures: list[Tenure], hint: str | None = None) -> str | None:
    """The country a person's offices belong to: the hinted one, else where they hold most roles, in a
    country with its own CAMEO code (not a territory), under a title the data spells out."""
    if not tenures:
        return None
    if hint and any(t.country == hint for t in tenures):
        return hint
    score: dict[str, list[int]] = {}
    for t in tenures:
        if not t.country:
            continue
        info = base.countries.by_iso3.get(t.country)
        s = score.setdefault(t.country, [0, int(bool(info and info.cameo == t.country)), 0, 0])
        s[0] += 1
        s[2] += 1 if t.title.strip() else 0
        s[3] += 1 if t.role in HEAD_ROLES else 0
    return max(score, key=lambda c: (score[c], c)) if score else None
