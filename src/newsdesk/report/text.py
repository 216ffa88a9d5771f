"""A readable report of one analysis for people (the default output of ``newsdesk analyze``)."""

from __future__ import annotations

from typing import IO

from ..model import Article


def _one_line(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_report(article: Article, out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    con = Console(file=out, width=110, highlight=False, soft_wrap=False)
    con.rule(f"[bold]{article.title or article.id}")
    con.print(f"id: {article.id}")
    for label, value in (("published", article.published), ("source", article.source),
                         ("author", article.author), ("url", article.url)):
        if value:
            con.print(f"{label}: {value}")
    con.print(f"text: {len(article.text)} characters, {len(article.blocks)} blocks")
    con.print("\n[bold]Outline")
    for b in article.blocks:
        if b.kind in ("title", "heading"):
            indent = "  " * max(0, (b.level or 1) - 1)
            con.print(f"  {indent}{_one_line(article.text[b.start:b.end])}", markup=False)
    for i, t in enumerate(article.tables, 1):
        rt = RichTable(title=f"Table {i}", show_lines=False)
        width = max([len(t.header)] + [len(r) for r in t.rows] or [0])
        header = t.header or [f"col {j + 1}" for j in range(width)]
        for h in header:
            rt.add_column(h)
        for row in t.rows:
            rt.add_row(*(row + [""] * (len(header) - len(row)))[: len(header)])
        con.print(rt)
    if article.faq:
        con.print("\n[bold]FAQ")
        for q in article.faq:
            con.print(f"  Q: {_one_line(q.question)}\n  A: {_one_line(q.answer)}", markup=False)
    if article.keywords:
        con.print("\n[bold]Keywords: [/bold]" + ", ".join(k.text for k in article.keywords))
    boiler = [b for b in article.blocks if b.boilerplate]
    if boiler:
        con.print("\n[bold]Treated as boilerplate")
        for b in boiler:
            con.print(f"  [{b.kind}] {_one_line(article.text[b.start:b.end], 90)}", markup=False)
    for label, items in (("entities", article.entities), ("dates", article.timexes),
                         ("events", article.events), ("claims", article.claims), ("flags", article.flags)):
        if items:
            con.print(f"{label}: {len(items)}")
    if "reliability" in article.scores:
        con.print(f"reliability: {article.scores['reliability']:.2f}")
    con.print()
