"""Rebuild an :class:`~newsdesk.model.Article` from a stored analysis object (for reports).

The inverse of :func:`newsdesk.serialize.article_to_dict`, as far as the contract carries
the data; fields the contract does not have (``Table.row_spans``, stage names of parts) get
their defaults and unknown fields are ignored, so older stored objects still load.
"""

from __future__ import annotations

from typing import Any

from ..model import (
    Actor,
    Article,
    Block,
    Claim,
    Entity,
    Event,
    FaqItem,
    Flag,
    Keyword,
    Mention,
    Origin,
    Speaker,
    Table,
    Timex,
)


def _list(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _actor(d: Any) -> Actor | None:
    if not isinstance(d, dict):
        return None
    return Actor(text=d.get("text", ""), start=d.get("start", 0), end=d.get("end", 0), name=d.get("name"),
                 code=d.get("code"), entity_id=d.get("entity_id"))


def _speaker(d: Any) -> Speaker | None:
    if not isinstance(d, dict):
        return None
    return Speaker(name=d.get("name", ""), start=d.get("start", 0), end=d.get("end", 0),
                   entity_id=d.get("entity_id"))


def article_from_dict(obj: dict[str, Any]) -> Article:
    """An :class:`Article` with the data of an analysis object (contract shape)."""
    a = obj.get("article") or {}
    prov = obj.get("provenance") or {}
    art = Article(
        id=str(a.get("id", "")), text=a.get("text") or "",
        origin=Origin(source=prov.get("input") or "<store>", format=prov.get("format") or "stored",
                      line=prov.get("line")),
        url=a.get("url"), source=a.get("source"), title=a.get("title"), published=a.get("published"),
        author=a.get("author"), language=a.get("language"),
    )
    art.blocks = [Block(kind=b["kind"], start=b["start"], end=b["end"], level=b.get("level"),
                        boilerplate=bool(b.get("boilerplate", False))) for b in _list(obj, "blocks")]
    art.tables = [Table(header=list(t.get("header") or []), rows=[list(r) for r in t.get("rows") or []],
                        start=t.get("start", 0), end=t.get("end", 0)) for t in _list(obj, "tables")]
    art.faq = [FaqItem(question=q.get("question", ""), answer=q.get("answer", ""), start=q.get("start", 0),
                       end=q.get("end", 0)) for q in _list(obj, "faq")]
    spans = _list(obj, "keyword_spans")
    if spans:
        art.keywords = [Keyword(text=k.get("text", ""), start=k.get("start", 0), end=k.get("end", 0))
                        for k in spans]
    else:
        art.keywords = [Keyword(text=str(k), start=0, end=0) for k in obj.get("keywords") or []]
    art.entities = [
        Entity(id=e.get("id", ""), name=e.get("name", ""), type=e.get("type", ""), kb_id=e.get("kb_id"),
               country=e.get("country"), actor_code=e.get("actor_code"), roles=list(e.get("roles") or []),
               mentions=[Mention(start=m.get("start", 0), end=m.get("end", 0), text=m.get("text", ""),
                                 kind=m.get("kind", "name"), type=m.get("type"))
                         for m in _list(e, "mentions")])
        for e in _list(obj, "entities")
    ]
    art.timexes = [Timex(start=t.get("start", 0), end=t.get("end", 0), text=t.get("text", ""),
                         type=t.get("type", ""), value=t.get("value", "")) for t in _list(obj, "timexes")]
    art.events = [
        Event(code=e.get("code", ""), source=_actor(e.get("source")), target=_actor(e.get("target")),
              modality=e.get("modality", ""), start=e.get("start", 0), end=e.get("end", 0),
              plover=e.get("plover"), quad_class=e.get("quad_class"), goldstein=e.get("goldstein"),
              date=e.get("date"), location=e.get("location"), trigger=e.get("trigger"),
              confidence=e.get("confidence"))
        for e in _list(obj, "events")
    ]
    art.claims = [Claim(kind=c.get("kind", ""), start=c.get("start", 0), end=c.get("end", 0), cue=c.get("cue"),
                        speaker=_speaker(c.get("speaker"))) for c in _list(obj, "claims")]
    art.flags = [Flag(kind=f.get("kind", ""), severity=f.get("severity", ""), start=f.get("start", 0),
                      end=f.get("end", 0), message=f.get("message", ""), evidence=f.get("evidence"))
                 for f in _list(obj, "flags")]
    scores = obj.get("scores")
    art.scores = {k: float(v) for k, v in scores.items() if isinstance(v, (int, float))} \
        if isinstance(scores, dict) else {}
    art.stages = [str(s) for s in prov.get("stages") or []]
    fetch = obj.get("fetch")
    art.fetch = dict(fetch) if isinstance(fetch, dict) else None
    return art
