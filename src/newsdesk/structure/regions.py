"""Boilerplate regions: table of contents, FAQ sections, keyword lists and call-outs."""

from __future__ import annotations

import math
import re

from ..model import FaqItem, Keyword
from .cues import fold
from .doc import Doc, norm
from .lines import Unit, ends_terminal

_Q_PREFIX = re.compile(r"^[*_\s]*(?:Q|Question)\s*\d{0,3}\s*[:.)\-–—]\s*", re.IGNORECASE)
_A_PREFIX = re.compile(r"^[*_\s]*(?:A|Answer|Ans)\s*\d{0,3}\s*[:.)\-–—]\s*", re.IGNORECASE)
_A_INLINE = re.compile(r"\s(?:A|Answer)\s*[:.)\-–—]\s+(?=\S)")
_Q_SPLIT = re.compile(r"\?[*_\s]*\s(?=[*_\s]*[\w\"“'‘(])")
_ITEM_SEP = re.compile(r"\s*(?:[,;|•·]|\s#(?=\w))\s*")
_HASHTAGS = re.compile(r"^(?:#[^\s#]+[ \t]*){2,}$")
_HASHTAG = re.compile(r"#([^\s#]+)")


# -- table of contents ---------------------------------------------------------------------------

def _toc_item(doc: Doc, i: int) -> bool:
    u = doc.units[i]
    if u.kind is not None:
        return False
    c = u.core
    if not c or len(c.split()) > 16 or c.endswith("."):
        return False
    return u.marker or (doc.heading_shape(u) and doc.mirrored_later(i))


def find_toc(doc: Doc) -> None:
    units = doc.units
    for i, u in enumerate(units):
        if u.kind is not None or (u.marker and not doc.html):
            continue
        content = fold(u.core)
        inline = re.match(r"^(?P<label>[^:：]{2,40})[:：]\s*\S", content)
        if inline and inline.group("label").strip() in doc.cues.toc_labels and re.search(r"[|•·,]", content):
            doc.region(i, i, "toc", boilerplate=True)
            continue
        if not doc.label_of(u, doc.cues.toc_labels):
            continue
        items: list[int] = []
        j = doc.next_idx(i)
        while j is not None and _toc_item(doc, j):
            items.append(j)
            j = doc.next_idx(j)
        if len(items) >= 2:
            _mark_toc(doc, i, items)
    # a list that mirrors later headings, without a label
    i = 0
    while i < len(units):
        run: list[int] = []
        k: int | None = i
        while k is not None and units[k].kind is None and units[k].marker and _toc_item(doc, k):
            run.append(k)
            k = doc.next_idx(k)
        if len(run) >= 3:
            hits = sum(1 for k in run if doc.mirrored_later(k, after=run[-1]))
            if hits >= max(2, math.ceil(0.6 * len(run))):
                _mark_toc(doc, run[0], run)
        i = (run[-1] + 1) if run else i + 1


def _mark_toc(doc: Doc, first: int, items: list[int]) -> None:
    doc.region(first, items[-1], "toc", boilerplate=True)
    for k in items:
        key = norm(doc.units[k].core)
        if key:
            doc.mirrors.add(key)


# -- FAQ ----------------------------------------------------------------------------------------

def _strip_q(s: str) -> str:
    return _Q_PREFIX.sub("", s, count=1)


def _answer_like(doc: Doc, i: int) -> bool:
    u = doc.units[i]
    if u.kind is not None or (u.md_heading and not doc.html) or u.hint == "heading":
        return False
    c = u.core
    if not c or doc.is_question(u) or (_Q_PREFIX.match(c) and c.rstrip().endswith("?")):
        return False
    if _strong_label(doc, u):
        return False
    return ends_terminal(c) or len(c.split()) > 12 or u.marker or bool(_A_PREFIX.match(c))


def _strong_label(doc: Doc, u: Unit) -> bool:
    cues = doc.cues
    return (doc.label_of(u, cues.keyword_headings) or doc.label_of(u, cues.toc_labels)
            or doc.label_of(u, cues.faq_headings) or bool(cues.inline_keywords.match(u.content)))


def _inline_pair(u: Unit) -> tuple[int, int, int, int] | None:
    """Absolute spans (question, answer) of ``Question? Answer`` or ``Q: ... A: ...`` on one unit."""
    content = u.content
    base = u.cstart
    qm = _Q_PREFIX.match(content)
    qs = qm.end() if qm else 0
    am = _A_INLINE.search(content, qs)
    if qm and am:
        qe, ans = am.start(), am.end()
    else:
        m = _Q_SPLIT.search(content, qs)
        if not m or len(content[qs:m.start()].split()) > 30:
            return None
        qe, ans = m.start() + 1, m.end()
        am2 = _A_PREFIX.match(content, ans)
        if am2:
            ans = am2.end()
    while qe > qs and content[qe - 1].isspace():
        qe -= 1
    rest = content[ans:].strip()
    if not any(ch.isalnum() for ch in rest):
        return None
    return base + qs, base + qe, base + ans, u.cend


def _scan_faq(doc: Doc, start: int | None) -> int:
    """Read question/answer pairs from unit ``start`` on; returns how many were found."""
    found = 0
    i = start
    units = doc.units
    inline_form = False
    while i is not None:
        u = units[i]
        if u.kind is not None or _strong_label(doc, u):
            break
        c = u.core
        pair = _inline_pair(u) if not u.md_heading or doc.html else None
        if pair is not None and u.hint != "heading":
            qs, qe, as_, ae = pair
            _add_pair(doc, i, i, doc.text[qs:qe], doc.text[as_:ae], qs, ae)
            found += 1
            inline_form = True
            i = doc.next_idx(i)
            continue
        if inline_form:
            # an FAQ box keeps one form: after "- Question? Answer" items, a question line on
            # its own is not the next pair (often an orphan question before stitched text)
            break
        if not (doc.is_question(u) or (_Q_PREFIX.match(c) and c.endswith("?"))):
            break
        answers: list[int] = []
        j = doc.next_idx(i)
        while j is not None and _answer_like(doc, j):
            answers.append(j)
            j = doc.next_idx(j)
        if not answers:
            break  # an orphan question: not a pair, and the end of the FAQ
        texts = [_A_PREFIX.sub("", units[k].core, count=1) for k in answers]
        _add_pair(doc, i, answers[-1], _strip_q(c), " ".join(texts), u.cstart, units[answers[-1]].cend)
        found += 1
        i = j
    return found


def _add_pair(doc: Doc, first: int, last: int, question: str, answer: str, start: int, end: int) -> None:
    question = " ".join(_strip_q(question).split()).strip("*_ ")
    answer = " ".join(answer.split()).strip("*_ ")
    if doc.html:
        for k in range(first, last + 1):
            doc.assign(k, "faq", boilerplate=True)
    else:
        doc.region(first, last, "faq", boilerplate=True)
    doc.faq.append(FaqItem(question, answer, start, end))


def find_faq(doc: Doc) -> None:
    units = doc.units
    for i, u in enumerate(units):
        if u.kind is not None:
            continue
        # Q:/A: pairs without an FAQ heading are an interview (body), not an FAQ box
        if not u.marker and doc.label_of(u, doc.cues.faq_headings, prefix=True) \
                and _scan_faq(doc, doc.next_idx(i)):
            doc.assign(i, "heading", level=u.md_heading or 2, boilerplate=True)


# -- keywords -----------------------------------------------------------------------------------

def _split_items(doc: Doc, s: int, e: int) -> list[Keyword] | None:
    """Keywords from the comma/semicolon/pipe separated text ``text[s:e]`` (None if it reads as prose)."""
    text = doc.text
    out: list[Keyword] = []
    pos = s
    for m in [*_ITEM_SEP.finditer(text, s, e), None]:
        a, b = pos, (m.start() if m else e)
        while a < b and (text[a].isspace() or text[a] in "#*_"):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ".*_"):
            b -= 1
        if b > a:
            value = " ".join(text[a:b].split())
            if len(value.split()) > 8 or len(value) > 80:
                return None
            out.append(Keyword(value, a, b))
        if m:
            pos = m.end()
    return out or None


def _keyword_item(doc: Doc, i: int, first: bool) -> list[Keyword] | None:
    u = doc.units[i]
    if u.kind is not None or (u.blank_before and not first and not u.marker) or (u.md_heading and not doc.html):
        return None
    c = u.core
    if not c or len(c) > 160 or c.endswith((".", "?", "!")):
        return None
    if not u.marker and not doc.html:
        j = doc.next_idx(i)
        if doc.heading_shape(u) and j is not None and len(doc.units[j].core.split()) > 16:
            return None  # a heading followed by a paragraph: the list has ended
    if re.search(r":\s+\S+(?:\s+\S+){3}", c):
        return None  # "China: Beijing said ..." is a statement, not a keyword
    if len(c.split()) <= 8 and not re.search(r"[,;|]", c):
        return [Keyword(c, u.cstart, u.cend)]
    return _split_items(doc, u.cstart, u.cend)


def find_keywords(doc: Doc) -> None:
    units = doc.units
    cues = doc.cues
    for i, u in enumerate(units):
        if u.kind is not None:
            continue
        m = cues.inline_keywords.match(u.content.replace("’", "'"))
        if m and not u.md_heading:
            items = _split_items(doc, u.cstart + m.start("rest"), u.cend)
            if items:
                _add_keywords(doc, i, items)
            continue
        if _HASHTAGS.match(u.content.strip()):
            items = [Keyword(h.group(1), u.cstart + h.start(), u.cstart + h.end())
                     for h in _HASHTAG.finditer(u.content)]
            _add_keywords(doc, i, items)
            continue
        if u.marker or not doc.label_of(u, cues.keyword_headings):
            continue
        found: list[tuple[int, list[Keyword]]] = []
        j = doc.next_idx(i)
        while j is not None:
            kws = _keyword_item(doc, j, not found)
            if not kws:
                break
            found.append((j, kws))
            j = doc.next_idx(j)
        if found:
            doc.assign(i, "heading", level=u.md_heading or 2, boilerplate=True)
            for k, kws in found:
                _add_keywords(doc, k, kws)


def _add_keywords(doc: Doc, i: int, items: list[Keyword]) -> None:
    doc.assign(i, "keywords", boilerplate=True)
    doc.keywords.extend(items)


# -- navigation -------------------------------------------------------------------------------

_NAV = re.compile(r"^(?:[^<>»›/|\n]{1,40}?\s(?:>|»|›|/|\|)\s){2,}[^<>»›/|\n]{1,60}$")


def find_navigation(doc: Doc) -> None:
    """Breadcrumbs and menus on one line ("Home > World > Europe", "News | Sport | Weather")."""
    for i, u in enumerate(doc.units):
        if u.kind is not None or len(u.core) > 200 or ends_terminal(u.core):
            continue
        c = u.core
        if _NAV.match(c):
            parts = re.split(r"\s(?:>|»|›|/|\|)\s", c)
            if all(1 <= len(p.split()) <= 4 for p in parts):
                doc.assign(i, "boilerplate", boilerplate=True)


# -- call-outs ----------------------------------------------------------------------------------

def find_callouts(doc: Doc) -> None:
    units = doc.units
    for i, u in enumerate(units):
        if u.kind is not None or u.hint == "table" or u.marker:
            continue  # a list item that starts "Sign up for ..." is an instruction in the body
        m = doc.cues.labels.match(u.content.replace("’", "'"))
        if not m:
            continue
        label = fold(m.group("label"))
        sep = m.group("sep").strip(" *_\t")
        rest = m.group("rest").strip()
        multi = " " in label or not label.replace("'", "").isalpha()
        if not (sep or not rest or multi or rest[:1].isdigit()):
            continue
        kind = doc.cues.label_kind.get(" ".join(label.split()), "callout")
        if kind == "boilerplate" and len(u.core) > 300:
            continue
        last = i
        if not rest:
            j = doc.next_idx(i)
            while j is not None and units[j].kind is None and units[j].marker and len(units[j].core.split()) <= 20:
                last = j
                j = doc.next_idx(j)
            if last == i and kind == "callout" and multi and j is not None and units[j].kind is None \
                    and not units[j].md_heading and not doc.heading_shape(units[j]):
                last = j
        if doc.html:
            for k in range(i, last + 1):
                if not doc.skippable(units[k]):
                    doc.assign(k, kind, boilerplate=True)
        else:
            doc.region(i, last, kind, boilerplate=True)
