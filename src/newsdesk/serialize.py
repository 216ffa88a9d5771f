"""The contract's JSON (``../shared/contract/``) as a serialisation of the data model."""

from __future__ import annotations

from typing import Any

from .model import SCHEMA, Actor, Article, Block, Claim, Entity, Event, Failure, Flag, Timex


def _block(b: Block) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": b.kind, "start": b.start, "end": b.end}
    if b.level is not None:
        d["level"] = b.level
    d["boilerplate"] = b.boilerplate
    return d


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "name": a.name, "code": a.code, "entity_id": a.entity_id,
            "start": a.start, "end": a.end}


def _entity(e: Entity) -> dict[str, Any]:
    mentions = []
    for m in e.mentions:
        md: dict[str, Any] = {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
        if m.type:
            md["type"] = m.type
        mentions.append(md)
    return {"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id, "country": e.country,
            "actor_code": e.actor_code, "roles": e.roles, "mentions": mentions}


def _timex(t: Timex) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}


def _event(e: Event) -> dict[str, Any]:
    return {"code": e.code, "plover": e.plover, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "source": _actor(e.source), "target": _actor(e.target), "date": e.date, "location": e.location,
            "modality": e.modality, "start": e.start, "end": e.end, "trigger": e.trigger,
            "confidence": e.confidence}


def _claim(c: Claim) -> dict[str, Any]:
    spk = None
    if c.speaker is not None:
        spk = {"name": c.speaker.name, "entity_id": c.speaker.entity_id, "start": c.speaker.start,
               "end": c.speaker.end}
    return {"kind": c.kind, "start": c.start, "end": c.end, "cue": c.cue, "speaker": spk}


def _flag(f: Flag) -> dict[str, Any]:
    return {"kind": f.kind, "severity": f.severity, "start": f.start, "end": f.end, "message": f.message,
            "evidence": f.evidence}


def article_to_dict(a: Article) -> dict[str, Any]:
    """One analysis object of the contract."""
    out = {
        "schema": SCHEMA,
        "article": {
            "id": a.id, "url": a.url, "source": a.source, "title": a.title, "published": a.published,
            "author": a.author, "language": a.language, "text": a.text,
        },
        "blocks": [_block(b) for b in a.blocks],
        "tables": [{"header": t.header, "rows": t.rows, "start": t.start, "end": t.end} for t in a.tables],
        "faq": [{"question": q.question, "answer": q.answer, "start": q.start, "end": q.end} for q in a.faq],
        "keywords": [k.text for k in a.keywords],
        "keyword_spans": [{"text": k.text, "start": k.start, "end": k.end} for k in a.keywords],
        "entities": [_entity(e) for e in a.entities],
        "timexes": [_timex(t) for t in a.timexes],
        "events": [_event(e) for e in a.events],
        "claims": [_claim(c) for c in a.claims],
        "flags": [_flag(f) for f in a.flags],
        "scores": dict(a.scores),
        "provenance": {"input": a.origin.source, "format": a.origin.format, "line": a.origin.line,
                       "stages": list(a.stages)},
    }
    if a.fetch is not None:  # an extra field: how a URL was fetched (docs/sources.md)
        out["fetch"] = dict(a.fetch)
    return out


def failure_to_dict(f: Failure) -> dict[str, Any]:
    """The error object of contract rule 5, in the failed article's place."""
    return {
        "schema": SCHEMA,
        "article": {"id": f.id, "text": ""},
        "error": {"kind": f.kind, "message": f.message, "source": f.source, "line": f.line},
    }


def to_dict(item: Article | Failure) -> dict[str, Any]:
    return failure_to_dict(item) if isinstance(item, Failure) else article_to_dict(item)
