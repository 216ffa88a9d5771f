"""Find temporal expressions: run the compiled rules, pick the longest non-overlapping matches,
normalise them and merge a date with an adjacent clock time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from . import durations as dur
from . import normalise as nm
from .anchor import Tense, parse_published, sentence_bounds
from .normalise import Found, Handler, Resolver
from .patterns import rules
from .prefilter import TextScan

HANDLERS: dict[str, Handler] = {
    "iso": nm.h_iso, "mdy": nm.h_mdy, "dmy": nm.h_dmy, "md": nm.h_md, "dm": nm.h_dm, "my": nm.h_my,
    "num_date": nm.h_num_date, "ymd_slash": nm.h_ymd_slash, "num_md": nm.h_num_md, "year": nm.h_year,
    "year_abbr": nm.h_year_abbr, "decade": nm.h_decade, "century": nm.h_century, "fy": nm.h_fy,
    "quarter": nm.h_quarter, "qnum": nm.h_qnum, "half": nm.h_half, "season": nm.h_season,
    "relday": nm.h_relday, "pod": nm.h_pod, "weekday": nm.h_weekday, "shift_unit": nm.h_shift_unit,
    "the_unit": nm.h_the_unit, "shift_month": nm.h_shift_month, "month": nm.h_month, "holiday": nm.h_holiday,
    "ago": dur.h_ago, "vague_ago": dur.h_vague_ago, "duration": dur.h_duration, "half_dur": dur.h_half_dur,
    "vague_dur": dur.h_vague_dur, "bare_units": dur.h_bare_units, "vague": dur.h_vague, "set": dur.h_set,
    "every": dur.h_every, "times_per": dur.h_times_per, "clock_ampm": dur.h_clock_ampm, "clock24": dur.h_clock24,
    "clock_h": dur.h_clock_h, "noon": dur.h_noon, "dur_range": dur.h_dur_range, "the_day": nm.h_the_day,
    "weekend": nm.h_weekend, "wd_dom": nm.h_wd_dom, "wd_week": nm.h_wd_week, "month_rel": nm.h_month_rel,
    "clock_hhmm": dur.h_clock_hhmm,
}

_DAY_VALUE = re.compile(r"^(\d{4}|XXXX)-(\d\d|XX)-(\d\d|XX)$")
_CLOCK_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)(T\d\d:\d\d(?::\d\d)?Z?)$")
_JOIN_GAP = re.compile(r"^(?:\s*,?\s*(?:at|on|@|about|around|from)?\s*|\s*-\s*)$", re.I)
_LIST_GAP = re.compile(r"^[ \t]*,?[ \t]*$")


def _is_fragment(text: str) -> bool:
    """A short string with no sentence in it (a query, a calendar entry): bare dates point forward."""
    t = text.strip()
    return len(t) < 60 and not re.search(r"[.!?]\s+[A-Z]", t) and "\n" not in t


def _select(cands: list[tuple[int, int, int, list[Found]]]) -> list[Found]:
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for s, e, _, found in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.extend(found)
    out.sort()
    return out


def _merge(text: str, found: list[Found]) -> list[Found]:
    """Join "March 5 at 9:30 am" / "15:00 GMT Saturday" into one TIME; "Fri 5/27" into one DATE."""
    out: list[Found] = []
    for f in found:
        if out:
            p = out[-1]
            gap = text[p[1]:f[0]]
            pd, fd = _DAY_VALUE.match(p[3]), _DAY_VALUE.match(f[3])
            pc, fc = _CLOCK_VALUE.match(p[3]), _CLOCK_VALUE.match(f[3])
            if pd and fc and _JOIN_GAP.match(gap) and len(gap) <= 8:
                out[-1] = (p[0], f[1], "TIME", p[3] + fc.group(1))
                continue
            if pc and fd and _JOIN_GAP.match(gap) and len(gap) <= 8:
                out[-1] = (p[0], f[1], "TIME", f[3] + pc.group(1))
                continue
            short_word = p[1] - p[0] <= 10 and re.match(r"^[A-Za-z]+\.?$", text[p[0]:p[1]])
            if pd and fd and _LIST_GAP.match(gap) and short_word:
                # "Friday, 5/27": the weekday and the date name one day
                out[-1] = (p[0], f[1], "DATE", f[3])
                continue
        out.append(f)
    return _clock_days(text, out)


def _clock_days(text: str, found: list[Found]) -> list[Found]:
    """A clock time on its own takes the day of the nearest earlier day-level date in its sentence."""
    out = list(found)
    for i, f in enumerate(out):
        if f[2] != "TIME" or not _CLOCK_VALUE.match(f[3]):
            continue
        s, _ = sentence_bounds(text, f[0], f[1])
        for p in reversed(out[:i]):
            if p[1] <= s:
                break
            dm = _DAY_VALUE.match(p[3])
            if dm and "X" not in p[3]:
                out[i] = (f[0], f[1], f[2], p[3] + f[3][10:])
                break
    return out


def find_timexes(text: str, anchor: date | None,
                 tagger: Callable[[int, int], Tense | None] | None = None) -> list[Found]:
    """Every temporal expression in ``text`` as ``(start, end, type, value)``, resolved against ``anchor``."""
    r = Resolver(text, anchor, tagger, fragment=_is_fragment(text))
    cands: list[tuple[int, int, int, list[Found]]] = []
    scan = TextScan(text)  # each rule scanned only where its matches can be (see .prefilter)
    for name, prio, rx in rules():
        handler = HANDLERS[name]
        for m in scan.matches(name, rx):
            if m.end() <= m.start():
                continue
            found = handler(r, m)
            if found:
                cands.append((min(f[0] for f in found), max(f[1] for f in found), prio, found))
    return _merge(text, _select(cands))


_HEAD_DATE_RULES = ("iso", "mdy", "dmy", "num_date", "ymd_slash")


def anchor_from_text(text: str, limit: int = 400) -> date | None:
    """A document date from the top of the text (a dateline or a "Published:" line), if there is one."""
    head = text[:limit]
    m = re.search(r"(?:Published|Posted|Updated|Date)\s*:?\s*(?:on\s+)?(.{6,40})", head, re.I)
    if m:
        d = _first_full_date(m.group(1))
        if d is not None:
            return d
    return _first_full_date(head)


def _first_full_date(text: str) -> date | None:
    r = Resolver(text, None)
    best: tuple[int, date] | None = None
    for name, _, rx in rules():
        if name not in _HEAD_DATE_RULES:
            continue
        for m in rx.finditer(text):
            for f in HANDLERS[name](r, m):
                d = parse_published(f[3]) if re.match(r"^\d{4}-\d\d-\d\d", f[3]) else None
                if d is not None and (best is None or f[0] < best[0]):
                    best = (f[0], d)
                break
    return None if best is None else best[1]
