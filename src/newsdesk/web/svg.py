"""Charts as server-rendered SVG: no script, no chart library, labels escaped.

Each function returns :class:`markupsafe.Markup` assembled from numbers the function
computes and labels passed through :func:`markupsafe.escape`; colours come from classes in
``static/app.css`` (no inline styles, which the Content-Security-Policy forbids).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

W, H = 640, 200
PAD_L, PAD_R, PAD_T, PAD_B = 40, 10, 10, 40


def _empty(label: str) -> Markup:
    return Markup('<svg class="chart" role="img" viewBox="0 0 {w} 40" width="{w}" height="40">'
                  '<text x="10" y="25" class="chart-empty">{label}</text></svg>').format(w=W, label=label)


def _labels_x(keys: Sequence[str], x_of: list[float]) -> list[Markup]:
    step = max(1, len(keys) // 8)
    out = []
    for i, k in enumerate(keys):
        if i % step == 0 or i == len(keys) - 1:
            anchor = "end" if x_of[i] > W - 60 else "start" if x_of[i] < PAD_L + 20 else "middle"
            out.append(Markup('<text class="axis" x="{x:.1f}" y="{y}" text-anchor="{a}">{k}</text>')
                       .format(x=x_of[i], y=H - PAD_B + 16, k=k, a=anchor))
    return out


def bar_chart(data: Sequence[tuple[str, int]], *, title: str, empty: str = "no dated events") -> Markup:
    """Counts per key (e.g. month) as bars."""
    if not data:
        return _empty(empty)
    top = max(v for _, v in data) or 1
    inner_w, inner_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    bw = inner_w / len(data)
    parts: list[Markup] = [Markup('<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
                                  '<title>{t}</title>').format(w=W, h=H, t=title)]
    xs = []
    for i, (k, v) in enumerate(data):
        h = inner_h * v / top
        x = PAD_L + i * bw
        xs.append(x + bw / 2)
        parts.append(Markup('<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}">'
                            '<title>{k}: {v}</title></rect>')
                     .format(x=x + 1, y=PAD_T + inner_h - h, w=max(bw - 2, 1), h=h, k=k, v=v))
    parts.append(Markup('<line class="axisline" x1="{a}" y1="{y}" x2="{b}" y2="{y}"/>')
                 .format(a=PAD_L, b=W - PAD_R, y=PAD_T + inner_h))
    parts.append(Markup('<text class="axis" x="4" y="{y}">{v}</text>').format(y=PAD_T + 10, v=top))
    parts.extend(_labels_x([k for k, _ in data], xs))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def line_chart(data: Sequence[tuple[str, float, int]], *, title: str, lo: float = -10.0, hi: float = 10.0,
               empty: str = "no scored events") -> Markup:
    """(key, value, n) points on a fixed scale (Goldstein: -10 .. +10), with a zero line."""
    if not data:
        return _empty(empty)
    inner_w, inner_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B

    def y_of(v: float) -> float:
        return PAD_T + inner_h * (hi - max(lo, min(hi, v))) / (hi - lo)

    step = inner_w / max(len(data) - 1, 1)
    xs = [PAD_L + (i * step if len(data) > 1 else inner_w / 2) for i in range(len(data))]
    pts = " ".join(f"{x:.1f},{y_of(v):.1f}" for x, (_, v, _n) in zip(xs, data, strict=True))
    parts: list[Markup] = [Markup('<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
                                  '<title>{t}</title>').format(w=W, h=H, t=title)]
    parts.append(Markup('<line class="zero" x1="{a}" y1="{y:.1f}" x2="{b}" y2="{y:.1f}"/>')
                 .format(a=PAD_L, b=W - PAD_R, y=y_of(0.0)))
    for v in (hi, 0, lo):
        parts.append(Markup('<text class="axis" x="4" y="{y:.1f}">{v:+g}</text>').format(y=y_of(v) + 4, v=v))
    parts.append(Markup('<polyline class="trend" points="{p}"/>').format(p=pts))
    for x, (k, v, n) in zip(xs, data, strict=True):
        parts.append(Markup('<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5"><title>{k}: {v:+.2f} '
                            '({n} events)</title></circle>').format(x=x, y=y_of(v), k=k, v=v, n=n))
    parts.extend(_labels_x([k for k, _, _ in data], xs))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


__all__ = ["bar_chart", "line_chart"]
