"""Events from tables that list events (name / date / location / outcome columns).

A table whose header has a date column and an event or location column is an event list;
each row is one event, with the row's span as provenance. The date comes from the time
stage's timexes inside the date cell (else the cell parsed as a date); the place from the
location cell, and a name cell that is itself a place ("Ufa") counts as the place too. The
event code comes from the event column's header or cell read as a verb ("Meeting" -> meet),
else the table default (data). Actors come from the table's own source/target columns, else
from the heading and the sentence just above the table, else the row's cells, else the two
countries the article mentions most before the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Actor, Article, Event, Table
from .actors import Resolver
from .lexicon import Codebook, cues, verb_dictionary


def column_roles(header: Sequence[str]) -> dict[str, int]:
    cols: dict[str, list[str]] = cues()["tables"]["columns"]
    roles: dict[str, int] = {}
    for i, h in enumerate(header):
        low = " ".join(h.lower().split())
        for role, words in cols.items():
            if role not in roles and (low in words or any(w in low.split() for w in words)):
                roles[role] = i
                break
    return roles


def is_event_table(table: Table) -> bool:
    roles = column_roles(table.header)
    return "date" in roles and ("event" in roles or "location" in roles)


def _cell_span(article: Article, row_span: tuple[int, int], cell: str) -> tuple[int, int] | None:
    text = cell.strip()
    if not text:
        return None
    i = article.text.find(text, row_span[0], row_span[1])
    return (i, i + len(text)) if i >= 0 else None


def _date_of(article: Article, span: tuple[int, int] | None, cell: str) -> str | None:
    if span is not None:
        for t in article.timexes:
            if t.start < span[1] and t.end > span[0] and t.value[:1].isdigit():
                return t.value
    if not cell.strip():
        return None
    try:
        from dateutil import parser as dparser

        day: str = dparser.parse(cell.replace(",", ", "), fuzzy=True).date().isoformat()
        return day
    except (ValueError, OverflowError):
        return None


def _code_for(header: str, cell: str) -> str:
    vd = verb_dictionary()
    for word in (*cell.lower().split(), *header.lower().split()):
        word = word.strip(".,;:()")
        for form in (word, word.removesuffix("ing"), word.removesuffix("s")):
            for entry in vd.entries(form):
                if entry.code and not entry.after and not entry.before:
                    return entry.code
    default: str = cues()["tables"]["default_code"]
    return default


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _codes_in(doc: Any, res: Resolver, start: int, end: int, article: Article | None = None) -> list[tuple[str, Actor]]:
    """Actors named between ``start`` and ``end``: the article's entities with an actor code (places
    without one are not actors), else the knowledge base over spaCy's names."""
    out: list[tuple[str, Actor]] = []
    if article is not None and article.entities:
        for e in article.entities:
            if not e.actor_code:
                continue
            for m in e.mentions:
                if m.start >= start and m.end <= end:
                    out.append((e.actor_code, Actor(text=m.text, start=m.start, end=m.end, name=e.name,
                                                    code=e.actor_code, entity_id=e.id)))
        return sorted(out, key=lambda x: x[1].start)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return out
    for ent in span.ents:
        for code, found, _t in res._country_codes(list(ent)):
            name = found.name if found is not None else ent.text
            out.append((code, Actor(text=ent.text, start=ent.start_char, end=ent.end_char, name=name, code=code,
                                    entity_id=found.id if found is not None else None)))
    return out


def _is_place(doc: Any, article: Article, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    labels = set(cues()["tables"]["place_labels"])
    for e in article.entities:
        if e.type in labels and any(m.start < span[1] and m.end > span[0] for m in e.mentions):
            return True
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp is not None and any(ent.label_ in labels for ent in sp.ents)


def _context_actors(article: Article, doc: Any, res: Resolver, table: Table) -> list[Actor]:
    """Actors named by the heading or the sentence just above the table, else the article's two
    most mentioned countries before it."""
    before = [b for b in article.blocks if b.end <= table.start and not b.boilerplate and b.kind != "table"]
    found: dict[str, Actor] = {}
    for b in reversed(before[-2:]):
        for code, actor in _codes_in(doc, res, b.start, b.end, article):
            found.setdefault(code[:3], actor)
    if len(found) >= 2:
        return list(found.values())[:2]
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for code, actor in _codes_in(doc, res, 0, table.start, article):
        counts[code[:3]] += 1
        first.setdefault(code[:3], actor)
    for code, _n in counts.most_common():
        found.setdefault(code, first[code])
    return list(found.values())[:2]


def table_events(article: Article, doc: Any, res: Resolver, book: Codebook) -> list[Event]:
    out: list[Event] = []
    for table in article.tables:
        if not is_event_table(table):
            continue
        roles = column_roles(table.header)
        spans = list(table.row_spans)
        if len(spans) == len(table.rows) + 1:
            spans = spans[1:]
        context_actors: list[Actor] | None = None
        for row, rspan in zip(table.rows, spans, strict=False):

            def cell(role: str, row: list[str] = row, roles: dict[str, int] = roles) -> str:
                i = roles.get(role)
                return row[i] if i is not None and i < len(row) else ""

            dspan = _cell_span(article, rspan, cell("date"))
            date = _date_of(article, dspan, cell("date"))
            places = []
            name_span = _cell_span(article, rspan, cell("event"))
            if _is_place(doc, article, name_span):
                places.append(cell("event").strip())
            if cell("location").strip():
                places.append(cell("location").strip())
            code = _code_for(table.header[roles["event"]] if "event" in roles else "", cell("event"))
            src = tgt = None
            for role in ("source", "target"):
                sp = _cell_span(article, rspan, cell(role))
                if sp is not None:
                    codes = _codes_in(doc, res, *sp, article)
                    if codes:
                        if role == "source":
                            src = codes[0][1]
                        else:
                            tgt = codes[0][1]
            if src is None or tgt is None:
                if context_actors is None:
                    context_actors = _context_actors(article, doc, res, table)
                row_actors = [a for _c, a in _codes_in(doc, res, *rspan, article)]
                pool = [a for a in context_actors + row_actors if a is not src and a is not tgt]
                if src is None and pool:
                    src = pool.pop(0)
                pool = [a for a in pool if src is None or (a.code or "")[:3] != (src.code or "")[:3]]
                if tgt is None and pool:
                    tgt = pool.pop(0)
            pub = (article.published or "")[:10]
            if date and pub and date[:10] > pub:
                mod = "planned"
            elif date and pub and date[:4].isdigit() and int(pub[:4]) - int(date[:4]) >= 1:
                mod = "historical"
            else:
                mod = "asserted"
            out.append(Event(code=code, source=src, target=tgt, modality=mod, start=rspan[0], end=rspan[1],
                             plover=book.plover(code), quad_class=book.quad_class(code),
                             goldstein=book.goldstein_of(code), date=date, location=", ".join(places) or None,
                             trigger=cell("event").strip() or None, confidence=0.6))
    return out
