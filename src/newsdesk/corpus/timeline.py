"""Timelines: merged events in date order, as plain records, a terminal table and a chart.

The chart is drawn offline with matplotlib's Agg backend (no display, no network): one row per
PLOVER category (or quad class), one marker per event, its shape the event's status (asserted,
disputed, negated, ...), its size the number of articles that report it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import NewsdeskError
from ..store.records import MergedEvent
from .merge import date_interval

#: quad classes of CAMEO (GDELT)
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
#: marker and colour per summary status
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "asserted": ("o", "#1f77b4"), "reported": ("s", "#17becf"), "disputed": ("D", "#d62728"),
    "negated": ("X", "#7f7f7f"), "planned": ("^", "#2ca02c"), "hypothetical": ("v", "#bcbd22"),
}


def _party(code: str | None, name: str | None) -> str:
    return code or name or "?"


def timeline_records(merged: Sequence[MergedEvent]) -> list[dict[str, Any]]:
    """One plain record (JSON-ready) per merged event, in date order."""
    out = []
    for m in sorted(merged, key=lambda m: (m.date or "9999", m.id)):
        out.append({
            "id": m.id, "date": m.date, "code": m.code, "event": m.label or m.code, "plover": m.plover,
            "quad_class": m.quad_class, "source": _party(m.source_code, m.source_name),
            "target": _party(m.target_code, m.target_name),
            "dyad": f"{_party(m.source_code, m.source_name)} → {_party(m.target_code, m.target_name)}",
            "location": m.location, "modality": m.modality, "modalities": m.modalities,
            "articles": m.n_articles, "mentions": m.n_mentions,
            "sources": sorted({s.article_id for s in m.sources}), "story": m.story_id,
        })
    return out


def render_table(records: Sequence[dict[str, Any]], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    con = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    table = Table(show_edge=False, pad_edge=False)
    for name, opts in (("date", {"no_wrap": True}), ("event", {"overflow": "fold", "max_width": 40}),
                       ("dyad", {"no_wrap": True}), ("modality", {"overflow": "fold", "max_width": 36}),
                       ("sources", {"overflow": "fold", "max_width": 50})):
        table.add_column(name, **opts)
    for r in records:
        mods = "; ".join(f"{k}: {len(v)}" for k, v in r["modalities"].items())
        status = r["modality"] if len(r["modalities"]) == 1 else f"{r['modality']} ({mods})"
        shown = r["sources"][:3]
        more = f" +{len(r['sources']) - 3}" if len(r["sources"]) > 3 else ""
        sources = f"{r['articles']} art., {r['mentions']} ment.: " + ", ".join(shown) + more
        table.add_row(Text(r["date"] or "?"), Text(f"{r['event']} ({r['code']})"), Text(r["dyad"]), Text(status),
                      Text(sources))
    if records:
        con.print(table)
    con.print(f"{len(records)} event(s)", markup=False)


def _midpoint(value: str | None) -> date | None:
    iv = date_interval(value)
    if iv is None:
        return None
    return iv[0] + (iv[1] - iv[0]) / 2


def render_chart(records: Sequence[dict[str, Any]], path: str | Path, *, by: Literal["plover", "quad"] = "plover",
                 title: str | None = None) -> int:
    """Draw the events over time to ``path`` (``.png`` or ``.svg``); returns how many events were drawn."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise NewsdeskError(f"chart file must end in .png or .svg, not {target.name!r}")
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - a dependency of newsdesk
        raise NewsdeskError(f"matplotlib is not installed: {exc}") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    points = []
    for r in records:
        day = _midpoint(r["date"])
        if day is None:
            continue
        row = QUAD_NAMES.get(r["quad_class"] or 0, "unknown") if by == "quad" else (r["plover"] or "other")
        points.append((day, row, r))
    rows = sorted({p[1] for p in points})
    index = {name: i for i, name in enumerate(rows)}
    fig, ax = plt.subplots(figsize=(11, max(2.5, 0.45 * len(rows) + 1.5)), dpi=100)
    try:
        for status, (marker, colour) in STATUS_STYLE.items():
            mine = [p for p in points if p[2]["modality"] == status]
            if mine:
                xs = [mdates.date2num(p[0]) for p in mine]  # type: ignore[no-untyped-call]
                ax.scatter(xs, [index[p[1]] for p in mine], marker=marker, c=colour,
                           s=[30 + 25 * min(p[2]["articles"], 12) for p in mine], alpha=0.75, edgecolors="black",
                           linewidths=0.4, zorder=3)
        if points:  # a few days of events still get a readable axis
            first, last = min(p[0] for p in points), max(p[0] for p in points)
            pad = max(timedelta(days=7), (last - first) / 20)
            ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))  # type: ignore[no-untyped-call]
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(-0.8, max(len(rows) - 0.2, 0.8))
        ax.grid(axis="x", linestyle=":", alpha=0.5)
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.set_title(title or f"{len(points)} event(s) by {'quad class' if by == 'quad' else 'PLOVER category'}")
        handles = [Line2D([], [], marker=m, color="w", markerfacecolor=c, markeredgecolor="black", markersize=8,
                          label=s) for s, (m, c) in STATUS_STYLE.items()]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="status",
                  title_fontsize=8, frameon=False)
        if not points:
            ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center")
        fig.tight_layout()
        fig.savefig(target, format=suffix[1:], metadata={"Date": None} if suffix == ".svg" else None)
    finally:
        plt.close(fig)
    return len(points)
