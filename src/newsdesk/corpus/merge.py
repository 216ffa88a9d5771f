"""One event, many reports: events of different articles that describe the same real-world event.

Two reported events are the same event when all of these hold:

- **the same dyad**: the same source and target countries (the first three letters of the CAMEO
  actor codes). For consultation and cooperation (CAMEO roots 04, 05, 06: "X met Y" is "Y met X")
  the reversed dyad counts too. Events with no coded actor at all are not merged;
- **compatible codes**: the same CAMEO root (``040`` and ``042``), or the same PLOVER category;
- **close dates**: the event dates (else the publication dates), as intervals ("2018-06" is the
  whole month), overlap once widened by ``window_days`` on each side;
- **compatible places**: either has none, or one names the other ("Singapore", "Sentosa, Singapore");
- **the same story** when both articles are in the stored same-story grouping.

Modality is not a condition: "the summit took place" and "the summit did not take place" are
reports of one event that disagree, and the merged record keeps both (``modalities``) with a
summary status (:func:`summary_status`). Clustering is greedy, in date order: each report joins
the compatible event nearest in date (compatibility with the event's first report), or starts one.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..store.records import EventRow, MergedEvent, MergedSource

#: days either side of an event's date within which reports are the same event
WINDOW_DAYS = 2
#: CAMEO roots whose dyad has no direction (consult, diplomatic and material cooperation)
SYMMETRIC_ROOTS = frozenset({"04", "05", "06"})
#: the order modalities are listed in ``modalities``
MODALITY_ORDER = ("asserted", "reported", "historical", "planned", "hypothetical", "negated")

_LONGEST = timedelta(days=366)  # the widest date interval: a year
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def date_interval(value: str | None) -> tuple[date, date, int] | None:
    """``(first day, last day, precision)`` of an ISO/TIMEX3 date; precision 3 day, 2 week, 1 month, 0 year."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, 3
        if m := _WEEK.match(value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6), 2
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), 1
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31), 0
    except ValueError:
        return None
    return None


def compatible_codes(a: EventRow, b: EventRow) -> bool:
    return a.code[:2] == b.code[:2] or (a.plover is not None and a.plover == b.plover)


def _place(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip().casefold()


def compatible_places(a: str | None, b: str | None) -> bool:
    pa, pb = _place(a), _place(b)
    return not pa or not pb or pa in pb or pb in pa


def summary_status(modalities: Iterable[str]) -> str:
    """One status for the reports of an event.

    ``disputed``: some report negates it and another does not; else ``asserted`` (some report
    asserts it or tells it as history), ``reported`` (only second-hand), ``negated``, ``planned``,
    ``hypothetical``, in that order.
    """
    mods = set(modalities)
    if "negated" in mods and len(mods) > 1:
        return "disputed"
    if mods & {"asserted", "historical"}:
        return "asserted"
    for status in ("reported", "negated", "planned"):
        if status in mods:
            return status
    return "hypothetical" if mods else "asserted"


@dataclass(slots=True)
class _Report:
    row: EventRow
    source: str | None  # countries, in the direction of the row
    target: str | None
    interval: tuple[date, date, int] | None
    day: str | None  # the date the interval came from


@dataclass(slots=True)
class _Cluster:
    anchor: _Report
    lo: date | None
    hi: date | None
    precision: int
    location: str | None
    story: str | None
    members: list[tuple[_Report, bool]] = field(default_factory=list)  # (report, reversed)
    start: date | None = None  # the first report's first day (clusters are created in this order)


def _report(row: EventRow) -> _Report | None:
    if row.source_country is None and row.target_country is None:
        return None
    day = row.date or (row.published[:10] if row.published else None)
    return _Report(row, row.source_country, row.target_country, date_interval(day), day)


def _direction(c: _Cluster, r: _Report) -> bool | None:
    """False: same direction as the cluster; True: reversed (symmetric events only); None: another dyad."""
    a = c.anchor
    if (r.source, r.target) == (a.source, a.target):
        return False
    if (r.source, r.target) == (a.target, a.source) and (a.row.code[:2] in SYMMETRIC_ROOTS
                                                         or r.row.code[:2] in SYMMETRIC_ROOTS):
        return True
    return None


def _fits(c: _Cluster, r: _Report, window: timedelta, use_stories: bool) -> tuple[bool, bool]:
    reversed_ = _direction(c, r)
    if reversed_ is None or not compatible_codes(c.anchor.row, r.row):
        return False, False
    if (r.interval is None) != (c.lo is None):
        return False, False
    if r.interval is not None and c.lo is not None and c.hi is not None:
        lo, hi, _ = r.interval
        if lo > c.hi + window or hi < c.lo - window:
            return False, False
    if not compatible_places(c.location, r.row.location):
        return False, False
    if use_stories and c.story is not None and r.row.story_id is not None and c.story != r.row.story_id:
        return False, False
    return True, reversed_


def _distance(c: _Cluster, r: _Report) -> int:
    if r.interval is None or c.lo is None or c.hi is None:
        return 0
    mid_c = c.lo + (c.hi - c.lo) / 2
    mid_r = r.interval[0] + (r.interval[1] - r.interval[0]) / 2
    return abs((mid_c - mid_r).days)


def merge_events(rows: Sequence[EventRow], *, window_days: int = WINDOW_DAYS, use_stories: bool = True,
                 labels: dict[str, str] | None = None) -> list[MergedEvent]:
    """Merge article events into real-world events, ordered by date (ids 1, 2, ...).

    ``rows``: :meth:`newsdesk.store.Store.events` (with ``story_id`` when a grouping is stored).
    ``labels``: CAMEO code -> label (default: the events codebook).
    """
    window = timedelta(days=window_days)
    reports = [r for row in rows if (r := _report(row)) is not None]
    reports.sort(key=lambda r: (r.interval[0] if r.interval else date.max, r.row.article_id, r.row.ordinal))
    clusters: list[_Cluster] = []
    by_dyad: dict[frozenset[str | None], list[_Cluster]] = {}
    for r in reports:
        best: tuple[int, int, _Cluster, bool] | None = None
        candidates = by_dyad.setdefault(frozenset((r.source, r.target)), [])
        for k in range(len(candidates) - 1, -1, -1):  # newest first; stop where no older event can fit
            c = candidates[k]
            if r.interval is not None and c.start is not None and c.start + _LONGEST + window < r.interval[0]:
                break  # events start in date order and none lasts longer than a year
            ok, reversed_ = _fits(c, r, window, use_stories)
            if ok:
                key = (_distance(c, r), -k)
                if best is None or key < best[:2]:
                    best = (key[0], key[1], c, reversed_)
        if best is None:
            iv = r.interval
            c = _Cluster(r, iv[0] if iv else None, iv[1] if iv else None, iv[2] if iv else -1, r.row.location,
                         r.row.story_id, start=iv[0] if iv else None)
            c.members.append((r, False))
            clusters.append(c)
            candidates.append(c)
            continue
        c, reversed_ = best[2], best[3]
        c.members.append((r, reversed_))
        if r.interval is not None and r.interval[2] > c.precision:  # the most precise date narrows the event
            c.lo, c.hi, c.precision = r.interval
        c.location = c.location or r.row.location
        c.story = c.story or r.row.story_id
    if labels is None:
        from ..events.lexicon import codebook

        labels = codebook().labels
    merged = [_merged(c, labels) for c in clusters]
    merged.sort(key=lambda m: (m.date or "9999", m.code, m.source_country or "", m.target_country or "",
                               m.sources[0].article_id, m.sources[0].event_ordinal))
    return [_with_id(m, i) for i, m in enumerate(merged, 1)]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)  # ties: the first seen (earliest report)


def _merged(c: _Cluster, labels: dict[str, str]) -> MergedEvent:
    rows = [r.row for r, _ in c.members]
    code = _most_common(row.code for row in rows) or c.anchor.row.code
    first = next(row for row in rows if row.code == code)
    sides = [((row.target_code, row.target_country, row.target_name, row.source_code, row.source_country,
               row.source_name) if rev else
              (row.source_code, row.source_country, row.source_name, row.target_code, row.target_country,
               row.target_name)) for (r, rev), row in zip(c.members, rows, strict=True)]
    precise = max((r.interval[2] for r, _ in c.members if r.interval), default=-1)
    day = _most_common(r.day for r, _ in c.members if r.interval and r.interval[2] == precise)
    modalities: dict[str, list[str]] = {}
    for mod in sorted({row.modality for row in rows}, key=lambda m: (MODALITY_ORDER.index(m)
                                                                      if m in MODALITY_ORDER else 99, m)):
        modalities[mod] = sorted({row.article_id for row in rows if row.modality == mod})
    published = sorted(row.published for row in rows if row.published)
    label = labels.get(code) or labels.get(code[:3])
    return MergedEvent(
        id=0, code=code, plover=_most_common(row.plover for row in rows), quad_class=first.quad_class,
        goldstein=first.goldstein, label=label,
        source_code=_most_common(s[0] for s in sides), source_country=c.anchor.source,
        source_name=_most_common(s[2] for s in sides),
        target_code=_most_common(s[3] for s in sides), target_country=c.anchor.target,
        target_name=_most_common(s[5] for s in sides),
        date=day, location=_most_common(row.location for row in rows),
        modality=summary_status(row.modality for row in rows), modalities=modalities,
        n_articles=len({row.article_id for row in rows}),
        n_mentions=len({(row.article_id, row.start, row.end) for row in rows}),
        story_id=_most_common(row.story_id for row in rows), first_published=published[0] if published else None,
        sources=tuple(sorted((MergedSource(row.article_id, row.ordinal, row.start, row.end, row.modality, row.date)
                              for row in rows), key=lambda s: (s.article_id, s.event_ordinal))),
    )


def _with_id(m: MergedEvent, id: int) -> MergedEvent:
    from dataclasses import replace

    return replace(m, id=id)
