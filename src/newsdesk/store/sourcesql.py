"""The SQL of watched sources (``sources``, ``source_items``), used by :class:`SqlStore`.

Functions over an open :class:`~sqlalchemy.Connection`; the store decides the transactions.
Upserts are a read then an insert or update inside one write transaction (portable Core; the
store retries once if another writer inserted the same key in between).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from .base import SourceItem, SourceState
from .schema import source_items, sources

_SOURCE_FIELDS = ("parent", "kind", "title", "etag", "last_modified", "polls", "stored", "polled_at", "status",
                  "http_status", "error", "seen", "fetched", "new", "updated", "known", "failed", "deferred")
_ITEM_FIELDS = ("status", "article_id", "title", "published", "updated", "content_hash", "text_hash", "etag",
                "last_modified", "error_kind", "error_message", "attempts", "fetched_at")

Aware = Callable[[datetime], datetime]


def _opt_aware(value: datetime | None, aware: Aware) -> datetime | None:
    return None if value is None else aware(value)


def save_source(conn: Connection, state: SourceState, now: datetime) -> None:
    values: dict[str, Any] = {name: getattr(state, name) for name in _SOURCE_FIELDS}
    values["failures"] = json.dumps(state.failures, ensure_ascii=False)
    exists = conn.execute(select(sources.c.url).where(sources.c.url == state.url)).first() is not None
    if exists:
        conn.execute(sources.update().where(sources.c.url == state.url).values(**values))
    else:
        conn.execute(sources.insert().values(url=state.url, added_at=state.added_at or now, **values))


def _state(row: Any, aware: Aware) -> SourceState:
    try:
        failures = json.loads(row.failures) if row.failures else []
    except ValueError:
        failures = []
    return SourceState(
        url=row.url, parent=row.parent, kind=row.kind, title=row.title, etag=row.etag,
        last_modified=row.last_modified, added_at=_opt_aware(row.added_at, aware), polls=int(row.polls),
        stored=int(row.stored), polled_at=_opt_aware(row.polled_at, aware), status=row.status,
        http_status=row.http_status, error=row.error, seen=int(row.seen), fetched=int(row.fetched),
        new=int(row.new), updated=int(row.updated), known=int(row.known), failed=int(row.failed),
        deferred=int(row.deferred), failures=failures if isinstance(failures, list) else [],
    )


def get_source(conn: Connection, url: str, aware: Aware) -> SourceState | None:
    row = conn.execute(select(sources).where(sources.c.url == url)).first()
    return None if row is None else _state(row, aware)


def list_sources(conn: Connection, aware: Aware) -> list[SourceState]:
    rows = [_state(r, aware) for r in conn.execute(select(sources).order_by(sources.c.added_at, sources.c.url))]
    # children (sitemaps of an index) right after their parent
    children: dict[str, list[SourceState]] = {}
    for s in rows:
        if s.parent is not None:
            children.setdefault(s.parent, []).append(s)
    known = {s.url for s in rows}
    out: list[SourceState] = []

    def add(s: SourceState, depth: int) -> None:
        out.append(s)
        if depth < 4:
            for c in children.get(s.url, ()):
                add(c, depth + 1)

    for s in rows:
        if s.parent is None or s.parent not in known:
            add(s, 0)
    return out


def source_items_of(conn: Connection, source_url: str, aware: Aware) -> dict[str, SourceItem]:
    out: dict[str, SourceItem] = {}
    for r in conn.execute(select(source_items).where(source_items.c.source_url == source_url)):
        out[r.url] = SourceItem(
            source_url=r.source_url, url=r.url, status=r.status, article_id=r.article_id, title=r.title,
            published=r.published, updated=r.updated, content_hash=r.content_hash, text_hash=r.text_hash,
            etag=r.etag, last_modified=r.last_modified, error_kind=r.error_kind, error_message=r.error_message,
            attempts=int(r.attempts), first_seen_at=_opt_aware(r.first_seen_at, aware),
            fetched_at=_opt_aware(r.fetched_at, aware))
    return out


def save_source_item(conn: Connection, item: SourceItem, now: datetime) -> None:
    values: dict[str, Any] = {name: getattr(item, name) for name in _ITEM_FIELDS}
    key = (source_items.c.source_url == item.source_url) & (source_items.c.url == item.url)
    exists = conn.execute(select(source_items.c.url).where(key)).first() is not None
    if exists:
        conn.execute(source_items.update().where(key).values(**values))
    else:
        conn.execute(source_items.insert().values(source_url=item.source_url, url=item.url,
                                                  first_seen_at=item.first_seen_at or now, **values))


def article_with_text(conn: Connection, text_hash: str) -> str | None:
    query = (select(source_items.c.article_id)
             .where(source_items.c.text_hash == text_hash, source_items.c.status == "stored",
                    source_items.c.article_id.is_not(None))
             .limit(1))
    value = conn.execute(query).scalar_one_or_none()
    return None if value is None else str(value)
