"""The structure classifier: units -> typed blocks, tables, FAQ pairs, keywords and metadata.

The order of the passes matters: residue and tables first (they are unambiguous), then the
metadata lines, then the boilerplate regions (TOC, FAQ, keywords, call-outs), then the title,
headings and body. The same passes refine the blocks of HTML input, without re-segmenting.
"""

from __future__ import annotations

from ..model import BOILERPLATE_KINDS, Block, Table
from .dates import byline, date_line, wire_dateline
from .doc import Doc, norm, title_case
from .lines import Unit, ends_terminal
from .regions import find_callouts, find_faq, find_keywords, find_navigation, find_toc
from .tables import find_tables, pipe_cells

_META_ZONE = 12  # date-only lines count as the dateline only near the top


def classify(doc: Doc) -> None:
    units = doc.units
    for u in units:
        if u.hint == "table":
            u.kind = "table"
        elif u.residue_only:
            u.kind, u.boilerplate = "markup_residue", True
        elif u.is_rule and not doc.html:
            u.kind = "rule"
    if not doc.html:
        _setext(doc)
        for t in find_tables(units, doc.text):
            first, last = t.units[0].index, t.units[-1].index
            doc.region(first, last, "table")
            doc.tables.append(t)
    _metadata(doc)
    find_toc(doc)
    find_faq(doc)
    find_keywords(doc)
    find_callouts(doc)
    if not doc.html:
        find_navigation(doc)
    if doc.html:
        _html_title(doc)
        return
    _title(doc)
    _headings(doc)
    _body(doc)


def _setext(doc: Doc) -> None:
    units = doc.units
    for i in range(1, len(units)):
        u, prev = units[i], units[i - 1]
        c = u.masked.strip()
        if u.kind == "rule" and not u.blank_before and prev.kind is None and not prev.marker \
                and not prev.md_heading and c and c[0] in "=-" and set(c) == {c[0]}:
            prev.md_heading = 1 if c[0] == "=" else 2


def _metadata(doc: Doc) -> None:
    body_seen = 0
    for i, u in enumerate(doc.units):
        if u.kind is not None:
            continue
        c = u.core
        if len(c) <= 200 and not u.md_heading:
            by = byline(c)
            if by is not None:
                doc.assign(i, "byline")
                doc.author = doc.author or by[0]
                if by[1] and doc.published is None:
                    doc.published = by[1]
                continue
            if len(c) <= 120:
                hit = date_line(c)
                if hit is not None and (body_seen < _META_ZONE or doc.cues.date_label.match(c)):
                    doc.assign(i, "dateline")
                    if hit.updated:
                        doc.updated = doc.updated or hit.value
                    else:
                        doc.published = doc.published or hit.value
                    continue
        body_seen += 1


def _title(doc: Doc) -> None:
    skip = {"markup_residue", "rule", "dateline", "byline", "callout", "boilerplate", "toc", "keywords"}
    cands = [u for u in doc.units if u.kind not in skip][:6]
    if not cands:
        return
    chosen: Unit | None = None
    h1 = next((u for u in cands if u.kind is None and u.md_heading == 1), None)
    first = cands[0]
    if first.kind is None and first.md_heading:
        chosen = first
    elif h1 is not None and (cands.index(h1) <= 3):
        chosen = h1
    elif first.kind is None and not first.marker and not pipe_cells(first):
        c = first.core
        if 1 <= len(c.split()) <= 30 and len(c) <= 250 and not c.endswith((".", ":", ",", ";")):
            chosen = first
    if chosen is not None and chosen.core:
        chosen.kind, chosen.out_level = "title", 1
        doc.title = chosen.core


def _html_title(doc: Doc) -> None:
    first = next((u for u in doc.units if not doc.skippable(u)), None)
    if first is None or first.hint != "heading" or first.kind not in (None, "heading"):
        return
    if doc.title is None or norm(doc.title) == norm(first.core):
        first.kind, first.out_level = "title", first.level or 1
        doc.title = doc.title or first.core


def _body_follows(doc: Doc, i: int) -> bool:
    """Whether body text (a paragraph, a list, a table, FAQ pairs) follows unit ``i``."""
    j = doc.next_idx(i)
    if j is None:
        return False
    v = doc.units[j]
    if v.kind in ("table", "faq"):
        return True
    if v.kind is not None:
        return False
    if v.md_heading:
        return False
    if v.marker:
        return True
    return not doc.heading_shape(v) and not doc.is_question(v)


def _headings(doc: Doc) -> None:
    units = doc.units
    for i, u in enumerate(units):
        if u.kind is not None:
            continue
        if u.md_heading:
            doc.assign(i, "heading", level=u.md_heading)
        elif not u.marker and doc.mirrors and norm(u.core) in doc.mirrors and len(u.core.split()) <= 20:
            doc.assign(i, "heading", level=2)
        elif doc.heading_shape(u) and _body_follows(doc, i):
            if doc.wrapped and not (doc.blank_after(i) or title_case(u.core)):
                continue
            doc.assign(i, "heading", level=2)
        elif doc.is_question(u) and not u.marker and len(u.core) <= 150 and _body_follows(doc, i):
            doc.assign(i, "heading", level=2)


def _body(doc: Doc) -> None:
    units = doc.units
    paragraphs_seen = 0
    prev: Unit | None = None
    for _i, u in enumerate(units):
        if u.kind is not None:
            if not doc.skippable(u):
                prev = None if u.kind != "list_item" else u
            continue
        if u.marker:
            u.kind = "list_item"
            prev = u
            continue
        u.kind = "paragraph"
        continued = prev is not None and not u.blank_before and _continues(doc, prev, u)
        if continued and prev is not None:
            rid = prev.region if prev.region is not None else doc.region(prev.index, prev.index, prev.kind or "")
            u.region = rid
            u.kind = prev.kind
            prev = u
            continue
        paragraphs_seen += 1
        prev = u
        w = wire_dateline(u.content)
        if w is not None and (paragraphs_seen <= 3 or "(" in u.content[:w[0]]):
            u.split = (u.cstart + w[0], u.cstart + w[1])


def _continues(doc: Doc, prev: Unit, u: Unit) -> bool:
    """Whether ``u`` continues the paragraph or list item ``prev`` (a hard-wrapped line)."""
    if prev.kind == "list_item":
        return doc.text[u.start - 1] in " \t" and u.start > 0
    if doc.wrapped:
        return True
    c = u.core
    return not ends_terminal(prev.core) and bool(c) and c[0].islower()


def to_blocks(doc: Doc) -> list[Block]:
    """Flat, ordered, non-overlapping blocks (one per region or unit)."""
    blocks: list[Block] = []
    units = doc.units
    i = 0
    while i < len(units):
        u = units[i]
        j = i
        if u.region is not None:
            while j + 1 < len(units) and units[j + 1].region == u.region:
                j += 1
        kind = doc.region_kind.get(u.region, u.kind or "paragraph") if u.region is not None else (u.kind or "")
        if kind == "rule" or not kind:
            i = j + 1
            continue
        start, end = u.start, units[j].end
        bp = kind in BOILERPLATE_KINDS or any(units[k].boilerplate for k in range(i, j + 1))
        if u.split is not None:
            blocks.append(Block("dateline", u.start, u.split[0]))
            start = u.split[1]
        if end > start:
            blocks.append(Block(kind, start, end, level=u.out_level if kind in ("heading", "title") else None,
                                boilerplate=bp))
        i = j + 1
    return blocks


def to_tables(doc: Doc) -> list[Table]:
    return [Table(t.header, t.rows, t.units[0].start, t.units[-1].end, row_spans=list(t.row_spans))
            for t in doc.tables]


def wrapped_style(units: list[Unit]) -> bool:
    """Blank lines separate paragraphs and lines are hard-wrapped (Markdown-like source)."""
    if len(units) < 3:
        return False
    gaps = sum(1 for u in units[1:] if u.blank_before)
    if gaps < max(1, 0.2 * (len(units) - 1)):
        return False
    lengths = sorted(u.end - u.start for u in units)
    return lengths[int(0.9 * (len(lengths) - 1))] <= 100 and gaps < len(units) - 1
