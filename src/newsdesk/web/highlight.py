"""Article text cut into highlighted segments: spans are offsets into ``article.text``.

The text is never parsed as HTML. It is sliced at every span boundary, and each slice is a
plain string that the template escapes; the classes of a slice say which kinds of span
cover it (entity, date, event, claim, flag) and whether its block is boilerplate.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

#: the span kinds highlighted, in the order a click prefers them
KINDS = ("flag", "claim", "event", "date", "entity")


@dataclass(frozen=True, slots=True)
class Span:
    kind: str
    start: int
    end: int
    label: str
    ref: int  # index of the item in its list of the analysis


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    end: int
    kinds: tuple[str, ...]
    boilerplate: bool
    block: str | None
    title: str

    @property
    def css(self) -> str:
        parts = [f"hl-{k}" for k in self.kinds]
        if self.boilerplate:
            parts.append("bp")
        return " ".join(parts)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def spans_of(obj: dict[str, Any]) -> list[Span]:
    """Every highlightable span of an analysis object, clipped to the text; malformed ones left out."""
    text = obj.get("article", {}).get("text", "")
    n = len(text) if isinstance(text, str) else 0
    out: list[Span] = []

    def add(kind: str, item: Any, label: str, ref: int) -> None:
        if not isinstance(item, dict):
            return
        s, e = _int(item.get("start")), _int(item.get("end"))
        if s is None or e is None:
            return
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e > s:
            out.append(Span(kind, s, e, label, ref))

    for i, f in enumerate(obj.get("flags") or []):
        if isinstance(f, dict):
            add("flag", f, f"{f.get('kind')} ({f.get('severity')}): {f.get('message', '')}", i)
    for i, c in enumerate(obj.get("claims") or []):
        if isinstance(c, dict):
            sp = c.get("speaker") if isinstance(c.get("speaker"), dict) else {}
            add("claim", c, f"{c.get('kind')} claim by {(sp or {}).get('name') or 'unattributed'}", i)
    for i, ev in enumerate(obj.get("events") or []):
        if isinstance(ev, dict):
            add("event", ev, f"event {ev.get('code')} {ev.get('plover') or ''} ({ev.get('modality')})", i)
    for i, t in enumerate(obj.get("timexes") or []):
        if isinstance(t, dict):
            add("date", t, f"{t.get('type')} {t.get('value')}", i)
    for i, ent in enumerate(obj.get("entities") or []):
        if isinstance(ent, dict):
            for m in ent.get("mentions") or []:
                add("entity", m, f"{ent.get('type')} {ent.get('name')}", i)
    return out


def _blocks(obj: dict[str, Any], n: int) -> list[tuple[int, int, str, bool]]:
    out = []
    for b in obj.get("blocks") or []:
        if isinstance(b, dict):
            s, e = _int(b.get("start")), _int(b.get("end"))
            if s is None or e is None:
                continue
            kind = str(b.get("kind", ""))
            bp = bool(b.get("boilerplate")) or kind in {"toc", "keywords", "callout", "faq", "boilerplate",
                                                         "markup_residue"}
            out.append((max(0, min(s, n)), max(0, min(e, n)), kind, bp))
    return out


def segments(obj: dict[str, Any]) -> list[Segment]:
    """``article.text`` cut at every span and block boundary, in order; the pieces join back to the text."""
    text = obj.get("article", {}).get("text", "")
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    spans = spans_of(obj)
    blocks = _blocks(obj, n)
    cuts = {0, n}
    for sp in spans:
        cuts.update((sp.start, sp.end))
    for s, e, _k, _b in blocks:
        cuts.update((s, e))
    points = sorted(cuts)
    # sweep: spans sorted by start, active set pruned per segment (fine for article-sized inputs)
    by_start = sorted(spans, key=lambda sp: sp.start)
    blocks.sort()
    out: list[Segment] = []
    active: list[Span] = []
    si = bi = 0
    for a, b in itertools.pairwise(points):
        while si < len(by_start) and by_start[si].start <= a:
            active.append(by_start[si])
            si += 1
        active = [sp for sp in active if sp.end > a]
        while bi < len(blocks) and blocks[bi][1] <= a:
            bi += 1
        block = blocks[bi] if bi < len(blocks) and blocks[bi][0] <= a < blocks[bi][1] else None
        kinds = tuple(k for k in KINDS if any(sp.kind == k for sp in active))
        title = "; ".join(dict.fromkeys(sp.label for sp in active))[:500]
        out.append(Segment(text=text[a:b], start=a, end=b, kinds=kinds, boilerplate=bool(block and block[3]),
                           block=block[2] if block else None, title=title))
    return out


def covering(obj: dict[str, Any], start: int, end: int) -> list[Span]:
    """The spans that overlap ``[start, end)`` (what a click on a segment shows), flags first."""
    order = {k: i for i, k in enumerate(KINDS)}
    hits = [sp for sp in spans_of(obj) if sp.start < max(end, start + 1) and sp.end > start]
    return sorted(hits, key=lambda sp: (order[sp.kind], sp.start, sp.ref))
