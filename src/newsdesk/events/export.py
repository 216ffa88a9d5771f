"""Event exports: GDELT 2.0 event TSV, PLOVER JSON records, JSON Lines.

- :func:`gdelt_rows` / :func:`write_gdelt`: the 61 tab-separated columns of a GDELT 2.0 events
  export file (``data/gdelt2_export_columns.txt``), no header, one event per line, codes as
  strings with their leading zeros. Columns newsdesk cannot fill (known group, ethnicity,
  religion, tone, geo-coding) are left empty.
- :func:`plover_records`: one PLOVER-style record per event (category, mode, context, actor and
  recipient with codes, the CAMEO code, the modality as PLOVER auxiliary mode).
- :func:`jsonl_records`: the contract's event objects with the article id and URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import IO, Any

from ..model import Actor, Article, Event
from ..serialize import to_dict
from .lexicon import codebook, gdelt_columns, read_json

#: PLOVER auxiliary modes for newsdesk modalities (asserted and reported have none)
AUX_MODES = {"negated": "negation", "hypothetical": "hypothetical", "planned": "future", "historical": "historical"}
#: actor code prefixes that are not countries
NON_COUNTRY = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "REG", "UIS"})


def _actor_types() -> frozenset[str]:
    data = read_json("gdelt_lookups.json")
    return frozenset(data.get("actor_types", {}))


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    v = value[:10]
    for fmt, n in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(v[:n], fmt).date()
        except ValueError:
            continue
    return None


def _actor_fields(a: Actor | None, types: frozenset[str]) -> list[str]:
    """Code, Name, CountryCode, KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3."""
    if a is None or not a.code:
        return [""] * 10
    code = a.code
    country = ""
    rest = code
    if len(code) >= 3 and code[:3].isalpha() and code[:3] not in types and code[:3] not in NON_COUNTRY:
        country, rest = code[:3], code[3:]
    elif code[:3] in NON_COUNTRY:
        rest = code[3:]
    tcodes = [rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] in types][:3]
    name = (a.name or a.text or "").upper()
    return [code, name, country, "", "", "", "", *[*tcodes, "", "", ""][:3]]


def gdelt_row(event: Event, article: Article, event_id: int, added: str,
              types: frozenset[str] | None = None) -> list[str]:
    types = types if types is not None else _actor_types()
    day = _parse_day(event.date) or _parse_day(article.published)
    if day is not None:
        sqldate, month, year = day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.strftime("%Y")
        frac = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    else:
        sqldate = month = year = frac = ""
    body = article.body_blocks()
    lead = body[0] if body else None
    is_root = "1" if lead is not None and lead.start <= event.start < lead.end else "0"
    code = event.code
    row = [str(event_id), sqldate, month, year, frac,
           *_actor_fields(event.source, types), *_actor_fields(event.target, types),
           is_root, code, code[:3], code[:2],
           "" if event.quad_class is None else str(event.quad_class),
           "" if event.goldstein is None else f"{event.goldstein:.1f}",
           "1", "1", "1", "",
           *([""] * 8), *([""] * 8),
           "", event.location or "", *([""] * 6),
           added, article.url or article.id]
    return row


def gdelt_rows(articles: Iterable[Article], added: str | None = None, first_id: int = 1) -> Iterator[list[str]]:
    added = added or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    types = _actor_types()
    n = first_id
    for art in articles:
        for ev in art.events:
            yield gdelt_row(ev, art, n, added, types)
            n += 1


def _clean(cell: str) -> str:
    return " ".join(cell.replace("\t", " ").split())


def write_gdelt(articles: Iterable[Article], out: IO[str], added: str | None = None) -> int:
    ncols = len(gdelt_columns())
    count = 0
    for row in gdelt_rows(articles, added):
        if len(row) != ncols:
            raise ValueError(f"GDELT row has {len(row)} columns, the format has {ncols}")
        out.write("\t".join(_clean(c) for c in row) + "\n")
        count += 1
    return count


def _plover_actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"actorText": a.text, "code": a.code, "name": a.name, "entity_id": a.entity_id}


def plover_record(event: Event, article: Article, n: int) -> dict[str, Any]:
    book = codebook()
    entry = book.plover_entry(event.code) or {}
    return {
        "id": f"{article.id}#{n}",
        "date": event.date,
        "event": event.plover,
        "mode": entry.get("mode"),
        "aux_mode": AUX_MODES.get(event.modality),
        "context": entry.get("context") or [],
        "actor": [x for x in [_plover_actor(event.source)] if x],
        "recipient": [x for x in [_plover_actor(event.target)] if x],
        "cameo": event.code,
        "cameo_label": book.label(event.code),
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "modality": event.modality,
        "event_text": event.trigger,
        "event_loc": event.location,
        "text": article.text[event.start:event.end],
        "source": {"article": article.id, "url": article.url, "start": event.start, "end": event.end},
        "confidence": event.confidence,
    }


def plover_records(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    for art in articles:
        for i, ev in enumerate(art.events, 1):
            yield plover_record(ev, art, i)


def jsonl_records(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    for art in articles:
        d = to_dict(art)
        for ev in d.get("events") or []:
            yield {"article_id": art.id, "url": art.url, "published": art.published, **ev}


def write_records(records: Iterable[dict[str, Any]], out: IO[str], *, as_list: bool = False) -> int:
    """JSON Lines (default) or one JSON list (``as_list``)."""
    items = list(records) if as_list else records
    if as_list:
        assert isinstance(items, list)
        out.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
        return len(items)
    n = 0
    for r in items:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def export(articles: Iterable[Article], fmt: str, out: IO[str], added: str | None = None) -> int:
    """Write the events of ``articles`` in ``fmt`` (gdelt, plover, jsonl); returns the event count."""
    if fmt == "gdelt":
        return write_gdelt(articles, out, added)
    if fmt == "plover":
        return write_records(plover_records(articles), out, as_list=True)
    if fmt == "jsonl":
        return write_records(jsonl_records(articles), out)
    raise ValueError(f"unknown export format {fmt!r} (gdelt, plover, jsonl)")
