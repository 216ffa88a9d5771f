"""The SQL of the analysis rows (entities ... scores, search_docs) and of merged events, for :class:`SqlStore`.

Functions over an open :class:`~sqlalchemy.Connection`, so that the store decides the
transactions: an article's rows are written in the article's own transaction, merged events
are replaced as a whole in one.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, and_, delete, exists, func, or_, select, text

from ..model import Actor, Article
from . import dialects, searchsql
from .records import ClaimRow, EventRow, FlagRow, MergedEvent, MergedSource, SearchFilters, SearchHit
from .schema import (
    articles,
    claims,
    entities,
    events,
    flags,
    mentions,
    merged_event_sources,
    merged_events,
    scores,
    search_docs,
    story_members,
    timexes,
)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: rows per INSERT (PostgreSQL caps bound parameters at 65,535 per statement)
_CHUNK = 500


def clean(value: str | None) -> str | None:
    """A value for a text column: NUL and lone surrogates become U+FFFD (one character for one)."""
    if value is None or not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub("\ufffd", value)


def _json(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if _UNSTORABLE.search(data):
        data = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return data


def country_of(code: str | None) -> str | None:
    """The first three letters of a CAMEO actor code: the country (``USAGOV`` -> ``USA``), or the
    IGO/sector when the code names no country (``GOV``)."""
    if not code or len(code) < 3 or not code[:3].isalpha():
        return None
    return code[:3].upper()


def _actor(prefix: str, a: Actor | None) -> dict[str, Any]:
    if a is None:
        return {f"{prefix}_{k}": None for k in ("text", "name", "code", "country", "entity_id", "start", "end")}
    return {f"{prefix}_text": clean(a.text), f"{prefix}_name": clean(a.name), f"{prefix}_code": clean(a.code),
            f"{prefix}_country": country_of(a.code), f"{prefix}_entity_id": clean(a.entity_id),
            f"{prefix}_start": a.start, f"{prefix}_end": a.end}


def body_text(article: Article) -> str:
    """What search indexes as the body: the body blocks' text (no boilerplate, title, byline or
    dateline), one block per line; the whole text when the article has no blocks."""
    if not article.blocks:
        return article.text
    parts = [article.text[b.start:b.end] for b in article.blocks
             if not b.boilerplate and b.kind not in ("title", "byline", "dateline")]
    return "\n".join(p for p in parts if p.strip())


def title_of(article: Article) -> str | None:
    if article.title:
        return article.title
    for b in article.blocks:
        if b.kind == "title":
            return article.text[b.start:b.end]
    return None


def analysis_rows(article: Article) -> list[tuple[Any, list[dict[str, Any]]]]:
    """(table, rows) for every analysis table of ``article`` (blocks excepted), in insertion order."""
    aid = article.id
    ent_rows: list[dict[str, Any]] = []
    men_rows: list[dict[str, Any]] = []
    for i, e in enumerate(article.entities):
        ent_rows.append({"article_id": aid, "ordinal": i, "entity_id": clean(e.id) or "", "name": clean(e.name) or "",
                         "type": clean(e.type) or "", "kb_id": clean(e.kb_id), "country": clean(e.country),
                         "actor_code": clean(e.actor_code), "roles": _json(e.roles), "stage": e.stage})
        men_rows.extend({"article_id": aid, "entity_ordinal": i, "ordinal": j, "start": m.start, "end": m.end,
                         "text": clean(m.text) or "", "kind": clean(m.kind) or "", "type": clean(m.type)}
                        for j, m in enumerate(e.mentions))
    tx_rows = [{"article_id": aid, "ordinal": i, "start": t.start, "end": t.end, "text": clean(t.text) or "",
                "type": clean(t.type) or "", "value": clean(t.value) or "", "stage": t.stage}
               for i, t in enumerate(article.timexes)]
    ev_rows = [{"article_id": aid, "ordinal": i, "code": clean(e.code) or "", "root": (clean(e.code) or "")[:2],
                "plover": clean(e.plover), "quad_class": e.quad_class, "goldstein": e.goldstein,
                **_actor("source", e.source), **_actor("target", e.target),
                "date": clean(e.date), "location": clean(e.location), "modality": clean(e.modality) or "",
                "start": e.start, "end": e.end, "trigger": clean(e.trigger), "confidence": e.confidence,
                "stage": e.stage}
               for i, e in enumerate(article.events)]
    cl_rows = [{"article_id": aid, "ordinal": i, "kind": clean(c.kind) or "", "start": c.start, "end": c.end,
                "cue": clean(c.cue), "speaker_name": clean(c.speaker.name) if c.speaker else None,
                "speaker_entity_id": clean(c.speaker.entity_id) if c.speaker else None,
                "speaker_start": c.speaker.start if c.speaker else None,
                "speaker_end": c.speaker.end if c.speaker else None, "stage": c.stage}
               for i, c in enumerate(article.claims)]
    fl_rows = [{"article_id": aid, "ordinal": i, "kind": clean(f.kind) or "", "severity": clean(f.severity) or "",
                "start": f.start, "end": f.end, "message": clean(f.message) or "", "evidence": _json(f.evidence),
                "stage": f.stage}
               for i, f in enumerate(article.flags)]
    sc_rows = [{"article_id": aid, "name": clean(k) or "", "value": float(v)} for k, v in article.scores.items()]
    doc_rows = [{"article_id": aid, "title": clean(title_of(article)), "body": clean(body_text(article)) or ""}]
    return [(entities, ent_rows), (mentions, men_rows), (timexes, tx_rows), (events, ev_rows), (claims, cl_rows),
            (flags, fl_rows), (scores, sc_rows), (search_docs, doc_rows)]


def insert_analysis(conn: Connection, article: Article) -> None:
    """Write the analysis rows of ``article`` (inside the caller's transaction)."""
    for table, rows in analysis_rows(article):
        for start in range(0, len(rows), _CHUNK):
            conn.execute(table.insert(), rows[start:start + _CHUNK])


# -- queries ------------------------------------------------------------------------------------------

def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(column: Any, code: str) -> ColumnElement[bool]:
    cond: ColumnElement[bool] = column.like(_like_escape(code.strip().upper()) + "%", escape="\\")
    return cond


def _date_filters(column: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Interval overlap on ISO prefixes: ``2018-06`` is inside since=2018-06-10 and until=2018-06-01."""
    out: list[ColumnElement[bool]] = []
    if since:
        out.append(func.substr(column, 1, 10).concat("~") >= since)
    if until:
        out.append(func.substr(column, 1, 10) <= until)
    return out


def _story_of() -> Any:
    return (select(story_members.c.story_id).where(story_members.c.article_id == articles.c.id)
            .correlate(articles).scalar_subquery())


def _in_story(article_col: Any, story: str) -> ColumnElement[bool]:
    return exists().where(and_(story_members.c.article_id == article_col, story_members.c.story_id == story))


def _span_text(start: Any, end: Any) -> Any:
    return func.substr(articles.c.text, start + 1, end - start)


def event_rows(conn: Connection, *, actors: Sequence[str] = (), dyad: tuple[str, str] | None = None,
               since: str | None = None, until: str | None = None, story: str | None = None,
               article_id: str | None = None, limit: int | None = None, with_text: bool = True) -> list[EventRow]:
    e = events
    cols: list[Any] = [e.c.article_id, e.c.ordinal, e.c.code, e.c.plover, e.c.quad_class, e.c.goldstein,
                       e.c.source_code, e.c.source_country, e.c.source_name, e.c.target_code, e.c.target_country,
                       e.c.target_name, e.c.date, e.c.location, e.c.modality, e.c.start, e.c.end, e.c.trigger,
                       e.c.confidence, articles.c.published, articles.c.title, _story_of().label("story_id")]
    if with_text:
        cols.append(_span_text(e.c.start, e.c.end).label("text"))
    query: Select[Any] = select(*cols).join(articles, articles.c.id == e.c.article_id)
    for code in actors:
        query = query.where(or_(_prefix(e.c.source_code, code), _prefix(e.c.target_code, code)))
    if dyad is not None:
        query = query.where(_prefix(e.c.source_code, dyad[0]), _prefix(e.c.target_code, dyad[1]))
    query = query.where(*_date_filters(func.coalesce(e.c.date, articles.c.published), since, until))
    if story is not None:
        query = query.where(_in_story(e.c.article_id, story))
    if article_id is not None:
        query = query.where(e.c.article_id == article_id)
    query = query.order_by(func.coalesce(e.c.date, articles.c.published), e.c.article_id, e.c.ordinal)
    if limit is not None:
        query = query.limit(limit)
    return [EventRow(article_id=r.article_id, ordinal=r.ordinal, code=r.code, plover=r.plover,
                     quad_class=r.quad_class, goldstein=r.goldstein, source_code=r.source_code,
                     source_country=r.source_country, source_name=r.source_name, target_code=r.target_code,
                     target_country=r.target_country, target_name=r.target_name, date=r.date, location=r.location,
                     modality=r.modality, start=r.start, end=r.end, trigger=r.trigger, confidence=r.confidence,
                     text=r.text if with_text else None, published=r.published, title=r.title,
                     story_id=r.story_id)
            for r in conn.execute(query)]


def claim_rows(conn: Connection, *, speaker: str | None = None, article_id: str | None = None,
               limit: int | None = None) -> list[ClaimRow]:
    c = claims
    query: Select[Any] = (select(c, _span_text(c.c.start, c.c.end).label("text"), articles.c.published,
                                 articles.c.title)
                          .join(articles, articles.c.id == c.c.article_id))
    if speaker:
        pattern = "%" + _like_escape(speaker.strip().lower()) + "%"
        query = query.where(func.lower(c.c.speaker_name).like(pattern, escape="\\"))
    if article_id is not None:
        query = query.where(c.c.article_id == article_id)
    query = query.order_by(articles.c.published, c.c.article_id, c.c.ordinal)
    if limit is not None:
        query = query.limit(limit)
    return [ClaimRow(article_id=r.article_id, ordinal=r.ordinal, kind=r.kind, start=r.start, end=r.end, cue=r.cue,
                     speaker_name=r.speaker_name, speaker_entity_id=r.speaker_entity_id, text=r.text,
                     published=r.published, title=r.title) for r in conn.execute(query)]


def flag_rows(conn: Connection, *, kind: str | None = None, severity: str | None = None,
              article_id: str | None = None, limit: int | None = None) -> list[FlagRow]:
    f = flags
    query: Select[Any] = (select(f, _span_text(f.c.start, f.c.end).label("text"), articles.c.title)
                          .join(articles, articles.c.id == f.c.article_id))
    if kind:
        query = query.where(f.c.kind == kind)
    if severity:
        query = query.where(f.c.severity == severity)
    if article_id is not None:
        query = query.where(f.c.article_id == article_id)
    query = query.order_by(articles.c.ingested_at, f.c.article_id, f.c.ordinal)
    if limit is not None:
        query = query.limit(limit)
    return [FlagRow(article_id=r.article_id, ordinal=r.ordinal, kind=r.kind, severity=r.severity, start=r.start,
                    end=r.end, message=r.message, evidence=json.loads(r.evidence), text=r.text, title=r.title)
            for r in conn.execute(query)]


def _filters(filters: SearchFilters | Mapping[str, Any] | None) -> SearchFilters:
    """A :class:`SearchFilters`; a mapping gives its known keys (others are ignored)."""
    if filters is None:
        return SearchFilters()
    if isinstance(filters, SearchFilters):
        return filters
    ids = filters.get("ids")
    return SearchFilters(since=filters.get("since"), until=filters.get("until"), story=filters.get("story"),
                         source=filters.get("source"), ids=tuple(ids) if ids is not None else None)


def search(conn: Connection, query: str, limit: int, filters: SearchFilters | Mapping[str, Any] | None,
           match: Literal["all", "any"]) -> list[SearchHit]:
    parsed = searchsql.parse(query, match)
    if parsed.empty or limit <= 0:
        return []
    name = conn.dialect.name
    params: dict[str, Any] = {"q": searchsql.render(parsed, name), "limit": int(limit)}
    where = ""
    f = _filters(filters)
    published = "substr(a.published, 1, 10)"
    if f.since:
        where += f" AND {published} || '~' >= :since"
        params["since"] = f.since
    if f.until:
        where += f" AND {published} <= :until"
        params["until"] = f.until
    if f.source:
        where += " AND a.source = :source"
        params["source"] = f.source
    if f.story:
        where += " AND EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id AND m.story_id = :story)"
        params["story"] = f.story
    if f.ids is not None:
        if not f.ids:
            return []
        names = [f"id{i}" for i in range(len(f.ids))]
        where += " AND a.id IN (" + ", ".join(":" + n for n in names) + ")"
        params.update(zip(names, f.ids, strict=True))
    rows = conn.execute(text(dialects.search_sql(name, where)), params)
    return [SearchHit(article_id=r.article_id, title=r.title, published=r.published, snippet=r.snippet or "",
                      rank=float(r.rank)) for r in rows]


# -- merged events ------------------------------------------------------------------------------------

def replace_merged(conn: Connection, merged: Sequence[MergedEvent], now: datetime) -> int:
    conn.execute(delete(merged_event_sources))
    conn.execute(delete(merged_events))
    ev_rows: list[dict[str, Any]] = []
    src_rows: list[dict[str, Any]] = []
    for m in merged:
        ev_rows.append({"id": m.id, "code": m.code, "root": m.code[:2], "plover": m.plover, "quad_class": m.quad_class,
                        "goldstein": m.goldstein, "label": m.label, "source_code": m.source_code,
                        "source_country": m.source_country, "source_name": clean(m.source_name),
                        "target_code": m.target_code, "target_country": m.target_country,
                        "target_name": clean(m.target_name), "date": m.date, "location": clean(m.location),
                        "modality": m.modality, "modalities": _json(m.modalities), "n_articles": m.n_articles,
                        "n_mentions": m.n_mentions, "story_id": m.story_id, "first_published": m.first_published,
                        "merged_at": now})
        src_rows.extend({"merged_id": m.id, "article_id": s.article_id, "event_ordinal": s.event_ordinal,
                         "start": s.start, "end": s.end, "modality": s.modality, "date": s.date} for s in m.sources)
    for table, rows in ((merged_events, ev_rows), (merged_event_sources, src_rows)):
        for start in range(0, len(rows), _CHUNK):
            conn.execute(table.insert(), rows[start:start + _CHUNK])
    return len(ev_rows)


def read_merged(conn: Connection, aware: Callable[[datetime], datetime], *, actors: Sequence[str] = (),
                since: str | None = None, until: str | None = None, story: str | None = None,
                limit: int | None = None) -> list[MergedEvent]:
    m = merged_events
    query: Select[Any] = select(m)
    for code in actors:
        query = query.where(or_(_prefix(m.c.source_code, code), _prefix(m.c.target_code, code)))
    query = query.where(*_date_filters(m.c.date, since, until))
    if story is not None:
        query = query.where(m.c.story_id == story)
    query = query.order_by(m.c.date, m.c.id)
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).all()
    sources: dict[int, list[MergedSource]] = defaultdict(list)
    ids = [r.id for r in rows]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        s = merged_event_sources
        for r in conn.execute(select(s).where(s.c.merged_id.in_(chunk))
                              .order_by(s.c.merged_id, s.c.article_id, s.c.event_ordinal)):
            sources[r.merged_id].append(MergedSource(r.article_id, r.event_ordinal, r.start, r.end, r.modality,
                                                     r.date))
    return [MergedEvent(id=r.id, code=r.code, plover=r.plover, quad_class=r.quad_class, goldstein=r.goldstein,
                        label=r.label, source_code=r.source_code, source_country=r.source_country,
                        source_name=r.source_name, target_code=r.target_code, target_country=r.target_country,
                        target_name=r.target_name, date=r.date, location=r.location, modality=r.modality,
                        modalities=json.loads(r.modalities), n_articles=r.n_articles, n_mentions=r.n_mentions,
                        story_id=r.story_id, first_published=r.first_published, merged_at=aware(r.merged_at),
                        sources=tuple(sources.get(r.id, ()))) for r in rows]


def merge_is_current(conn: Connection, aware: Callable[[datetime], datetime]) -> bool:
    merged_at = conn.execute(select(func.max(merged_events.c.merged_at))).scalar_one_or_none()
    if merged_at is None:
        return False
    updated = conn.execute(select(func.max(articles.c.updated_at))).scalar_one_or_none()
    return updated is None or aware(updated) <= aware(merged_at)


def table_counts(conn: Connection, tables: Sequence[Any]) -> dict[str, int]:
    out = {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in tables}
    if conn.dialect.name == "sqlite":  # the FTS5 index itself: rows it can match
        out["search_fts"] = int(conn.exec_driver_sql("SELECT count(*) FROM search_fts_docsize").scalar_one())
    elif conn.dialect.name == "postgresql":
        out["search_fts"] = int(conn.exec_driver_sql(
            "SELECT count(*) FROM search_docs WHERE tsv IS NOT NULL").scalar_one())
    return out

