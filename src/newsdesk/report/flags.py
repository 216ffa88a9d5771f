"""``newsdesk flags``: the stored articles the checks flagged, with their flags and reliability."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Any

from ..store import Store
from ._text import excerpt
from .data import Doc, iter_docs

SEVERITIES = ("low", "medium", "high")


@dataclass
class FlaggedDoc:
    doc: Doc
    flags: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        d = self.doc
        return {"id": d.id, "title": d.title, "published": d.published, "source": d.source, "url": d.url,
                "reliability": d.reliability,
                "flags": [{**f, "text": d.span(f.get("start"), f.get("end"))} for f in self.flags]}


def flagged_docs(store: Store, *, min_severity: str = "low", kind: str | None = None) -> list[FlaggedDoc]:
    """Stored articles with at least one flag of ``min_severity`` or above (and of ``kind``), least
    reliable first; each with those flags, most severe first."""
    floor = SEVERITIES.index(min_severity)
    out = []
    for doc in iter_docs(store):
        keep = [f for f in doc.flags
                if f.get("severity") in SEVERITIES and SEVERITIES.index(str(f["severity"])) >= floor
                and (kind is None or f.get("kind") == kind)]
        if keep:
            keep.sort(key=lambda f: (-SEVERITIES.index(str(f["severity"])), f.get("start") or 0))
            out.append(FlaggedDoc(doc, keep))
    out.sort(key=lambda fd: (fd.doc.reliability if fd.doc.reliability is not None else 1.0, fd.doc.ordinal))
    return out


def write_jsonl(rows: list[FlaggedDoc], out: IO[str]) -> None:
    for row in rows:
        out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")


def write_table(rows: list[FlaggedDoc], out: IO[str], *, total: int) -> None:
    """For people: one line per article (reliability, date, id, title), then one per flag."""
    from rich.console import Console
    from rich.text import Text

    con = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    for row in rows:
        d = row.doc
        rel = f"{d.reliability:.2f}" if d.reliability is not None else "  ? "
        head = Text(f"{rel}  {(d.published or '')[:10]:<10}  {d.id}  ", style="bold")
        head.append(Text(excerpt(d.title or "", 70)))  # Text: article text never read as rich markup
        con.print(head)
        for f in row.flags:
            line = Text(f"      {f.get('severity', '?'):<6} {f.get('kind', '?'):<17} ")
            line.append(Text(excerpt(str(f.get("message") or ""), 80)))
            snippet = excerpt(d.span(f.get("start"), f.get("end")), 40)
            if snippet:
                line.append(Text(f'  "{snippet}"', style="dim"))
            con.print(line)
    n_flags = sum(len(r.flags) for r in rows)
    con.print(f"{len(rows)} of {total} article(s) flagged, {n_flags} flag(s)", markup=False)
