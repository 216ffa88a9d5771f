"""The SQL of stored same-story groupings (``stories``, ``story_members``), used by :class:`SqlStore`.

Functions over an open :class:`~sqlalchemy.Connection`, so that the store decides the
transactions: a grouping is replaced as a whole, in one write transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from .base import StoryMember, StoryRow
from .schema import articles, stories, story_members


def replace_grouping(conn: Connection, members: Sequence[StoryMember], *, threshold: float,
                     now: datetime) -> int:
    """Delete the stored grouping and write ``members`` (inside the caller's transaction)."""
    conn.execute(delete(story_members))
    conn.execute(delete(stories))
    if not members:
        return 0
    meta: dict[str, tuple[str | None, str | None]] = {}  # id -> (title, published)
    ids = [m.article_id for m in members]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in conn.execute(select(articles.c.id, articles.c.title, articles.c.published)
                                .where(articles.c.id.in_(chunk))):
            meta[row.id] = (row.title, row.published)
    order = {m.article_id: i for i, m in enumerate(members)}
    by_story: dict[str, list[StoryMember]] = defaultdict(list)
    for m in members:
        by_story[m.story_id].append(m)
    story_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for story_id, group in by_story.items():
        group.sort(key=lambda m: order[m.article_id])
        dates = sorted(p for m in group if (p := meta.get(m.article_id, (None, None))[1]))
        story_rows.append({"id": story_id, "size": len(group), "title": meta.get(group[0].article_id, (None, None))[0],
                           "first_published": dates[0] if dates else None,
                           "last_published": dates[-1] if dates else None,
                           "threshold": float(threshold), "grouped_at": now})
        member_rows.extend({"article_id": m.article_id, "story_id": story_id, "ordinal": i,
                            "duplicate_of": m.duplicate_of} for i, m in enumerate(group))
    conn.execute(stories.insert(), story_rows)
    conn.execute(story_members.insert(), member_rows)
    return len(story_rows)


def read_grouping(conn: Connection, aware: Any) -> list[StoryRow]:
    """Every stored story with its members; largest first, then in label order (``s1``, ``s2``, ...)."""
    members: dict[str, list[StoryMember]] = defaultdict(list)
    for row in conn.execute(select(story_members).order_by(story_members.c.story_id, story_members.c.ordinal)):
        members[row.story_id].append(StoryMember(row.article_id, row.story_id, row.duplicate_of))
    out = [StoryRow(id=r.id, size=int(r.size), title=r.title, first_published=r.first_published,
                    last_published=r.last_published, threshold=float(r.threshold),
                    grouped_at=aware(r.grouped_at), members=tuple(members.get(r.id, ())))
           for r in conn.execute(select(stories))]
    out.sort(key=lambda s: (-s.size, _story_number(s.id), s.id))
    return out


def _story_number(story_id: str) -> int:
    digits = story_id.lstrip("s")
    return int(digits) if digits.isdigit() else 1 << 30
