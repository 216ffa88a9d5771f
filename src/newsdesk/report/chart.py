"""The briefing's timeline chart as inline SVG: events over time, one row per PLOVER category,
one marker shape and colour per modality, the story's window shaded.

Plain SVG elements and presentation attributes only (no script, no ``style`` attribute), so the
page works under a strict Content-Security-Policy; every label is escaped. A ``<title>`` in each
marker is the browser's own tooltip.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from .brief import MODALITIES, PLOVER_ORDER, TimelinePoint

#: modality -> (colour, shape); colours from a colour-blind-safe palette, shapes tell them apart too
MARKERS: dict[str, tuple[str, str]] = {
    "asserted": ("#1f4e9c", "dot"),
    "reported": ("#7b3fa0", "square"),
    "planned": ("#0f7b5f", "ring"),
    "hypothetical": ("#b35c00", "diamond"),
    "negated": ("#c0262d", "cross"),
    "historical": ("#5b6470", "triangle"),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _marker(kind: str, x: float, y: float, r: float, colour: str) -> str:
    if kind == "dot":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.85"/>'
    if kind == "ring":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#ffffff" stroke="{colour}" '
                f'stroke-width="2"/>')
    if kind == "square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" '
                f'fill="{colour}" fill-opacity="0.85"/>')
    if kind == "diamond":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
    if kind == "triangle":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
        return f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.85"/>'
    return (f'<path d="M{x - r:.1f},{y - r:.1f} L{x + r:.1f},{y + r:.1f} M{x - r:.1f},{y + r:.1f} '
            f'L{x + r:.1f},{y - r:.1f}" stroke="{colour}" stroke-width="2.5" fill="none"/>')


def _month_add(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    span_months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if span_months / s <= 9), 120)
    first = date(lo.year, lo.month, 1)
    if step >= 12:
        first = date(lo.year, 1, 1)
    elif step > 1:
        first = date(lo.year, ((lo.month - 1) // step) * step + 1, 1)
    out = []
    d = first if first >= lo else _month_add(first, step)
    while d <= hi:
        out.append((d, str(d.year) if step >= 12 else f"{_MONTHS[d.month - 1]} {d.year}"))
        d = _month_add(d, step)
    return out


def timeline_svg(points: Sequence[TimelinePoint], window: tuple[str | None, str | None] = (None, None),
                 *, width: int = 960) -> Markup:
    """The chart as an ``<svg>`` element (a :class:`Markup`, safe to place in the page as is)."""
    if not points:
        return Markup("")
    cats = sorted({p.category for p in points},
                  key=lambda c: PLOVER_ORDER.index(c) if c in PLOVER_ORDER else len(PLOVER_ORDER))
    row, left, right, top = 30, 118, 24, 26

    height = top + row * len(cats) + 62
    lo, hi = min(p.day for p in points), max(p.day for p in points)
    if window[0] and window[1]:
        lo, hi = min(lo, date.fromisoformat(window[0])), max(hi, date.fromisoformat(window[1]))
    pad = max(7, (hi - lo).days // 40)
    lo, hi = date.fromordinal(lo.toordinal() - pad), date.fromordinal(hi.toordinal() + pad)
    span = max(1, (hi - lo).days)
    plot_w = width - left - right

    def x_of(d: date) -> float:
        return left + plot_w * (d - lo).days / span

    def y_of(cat: str) -> float:
        return top + row * cats.index(cat) + row / 2

    title = f"Timeline: {len(points)} events in {len(cats)} categories, {lo.isoformat()} to {hi.isoformat()}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-labelledby="timeline-title" font-family="system-ui, sans-serif" font-size="12">',
           f'<title id="timeline-title">{escape(title)}</title>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    if window[0] and window[1]:
        x0, x1 = x_of(date.fromisoformat(window[0])), x_of(date.fromisoformat(window[1]))
        x1 = max(x1, x0 + 4)
        out.append(f'<rect x="{x0 - 2:.1f}" y="{top - 14}" width="{x1 - x0 + 4:.1f}" height="{row * len(cats) + 14}" '
                   f'fill="#f6d365" fill-opacity="0.35"/>')
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{top - 4}" text-anchor="middle" fill="#7a5a00">story</text>')
    for i, cat in enumerate(cats):
        y = top + row * i
        if i % 2 == 0:
            out.append(f'<rect x="{left}" y="{y}" width="{plot_w}" height="{row}" fill="#f3f5f8"/>')
        out.append(f'<text x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" fill="#222">{escape(cat)}</text>')
    axis_y = top + row * len(cats)
    out.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#888"/>')
    for d, label in _ticks(lo, hi):
        x = x_of(d)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#d0d4da"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 17}" text-anchor="middle" fill="#444">{escape(label)}</text>')
    stacked: Counter[tuple[str, int]] = Counter()
    for p in sorted(points, key=lambda p: (p.day, MODALITIES.index(p.modality) if p.modality in MODALITIES else 9)):
        colour, shape = MARKERS.get(p.modality, ("#333333", "dot"))
        x = x_of(p.day)
        bucket = (p.category, round(x / 6))
        k = stacked[bucket]
        stacked[bucket] += 1
        py = y_of(p.category) + ((k % 3) - 1) * 8 if k else y_of(p.category)
        r = 4.0 + min(4.0, 1.5 * (p.count - 1))
        out.append(f'<g><title>{escape(p.label)} [{p.cite}]</title>{_marker(shape, x, py, r, colour)}</g>')
    lx: float = left
    ly = axis_y + 44
    for modality in MODALITIES:
        colour, shape = MARKERS[modality]
        out.append(_marker(shape, lx + 6, ly - 4, 5, colour))
        out.append(f'<text x="{lx + 16}" y="{ly}" fill="#222">{modality}</text>')
        lx += 22 + 8 * len(modality) + 12
    out.append(f'<text x="{lx + 8}" y="{ly}" fill="#555">larger = more reports</text>')
    out.append("</svg>")
    return Markup("\n".join(out))
