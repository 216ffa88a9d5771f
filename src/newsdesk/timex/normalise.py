"""Handlers: one per rule in :mod:`newsdesk.timex.patterns`, from a match to TIMEX3 values."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from . import calendar as cal
from .anchor import Tense, tense_at
from .lexicon import Lexicon, lexicon, word_key

#: (start, end, type, value)
Found = tuple[int, int, str, str]
Handler = Callable[["Resolver", re.Match[str]], list[Found]]

_PREP_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|through|throughout|before|after|from|to|of|and|or|between|last|next|this|"
    r"early|late|mid|end|on|for|until|that|every|each|around|past|late-|mid-)\s*|-)$", re.I)
_CAP_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_NOT_NAMES = frozenset({"In", "Since", "Until", "By", "During", "Through", "Before", "After", "From", "To", "Of", "And",
                        "Last", "Next", "This", "Early", "Late", "Mid", "On", "For", "The", "Between", "Each",
                        "Every", "Around", "But", "That", "Then", "Also", "Or", "As", "At", "Both"})
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:once|twice|thrice|times|cents?|dollars?|euros?|pounds?|bn|billion|million|"
                          r"thousand|hundred|dozen|\w+s|one|two|three|four|five|six|seven|eight|nine|ten))\s*$", re.I)
_BARE_UNIT_BEFORE = frozenset({"for", "within", "in", "took", "take", "takes", "taking", "lasted", "lasting", "spent",
                               "spend", "spending", "set", "after", "over", "than", "last", "lasts", "wait", "waited"})
_BARE_UNIT_AFTER = frozenset({"before", "after", "later", "earlier", "ago"})


class Resolver:
    """Normalises matches against one anchor date (``None`` = unknown) for one text."""

    def __init__(self, text: str, anchor: date | None, tagger: Callable[[int, int], Tense | None] | None = None,
                 fragment: bool = False) -> None:
        self.text = text
        self.anchor = anchor
        self.tagger = tagger
        self.fragment = fragment
        self.lx: Lexicon = lexicon()

    # ------------------------------------------------------------------ helpers
    def tense(self, m: re.Match[str]) -> Tense | None:
        return tense_at(self.text, m.start(), m.end(), self.tagger)

    def direction(self, m: re.Match[str], default: int) -> int:
        """-1 (refers back), +1 (forward) or ``default`` from the tense cues around the match."""
        t = self.tense(m)
        if t == "past":
            return -1
        if t == "future":
            return 1
        if t is None and self.fragment:
            return 1
        return default

    def before(self, pos: int, n: int = 40) -> str:
        return self.text[max(0, pos - n):pos]

    def month_num(self, word: str) -> int:
        return self.lx.months[word_key(word)]

    def year2(self, yy: int) -> int:
        pivot = (self.anchor.year % 100 if self.anchor else 30) + 10
        return 2000 + yy if yy <= pivot else 1900 + yy

    def one(self, m: re.Match[str], typ: str, value: str) -> list[Found]:
        return [(m.start(), m.end(), typ, value)]

    def date_value(self, m: re.Match[str], month: int, day: int, year: int | None) -> str | None:
        if year is None:
            if self.anchor is None:
                return f"XXXX-{month:02d}-{day:02d}"
            way = self.direction(m, 0)
            year = cal.monthday_near(self.anchor, month, day, way)
            ahead = cal.safe_date(self.anchor.year, month, min(day, 28))
            if way < 0 and ahead is not None and 0 < (ahead - self.anchor).days <= 45:
                year = self.anchor.year
        d = cal.safe_date(year, month, day)
        return None if d is None else cal.ymd(d)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


# --------------------------------------------------------------------- dates

def h_iso(r: Resolver, m: re.Match[str]) -> list[Found]:
    d = cal.safe_date(int(m["year"]), int(m["mo"]), int(m["dd"]))
    if d is None:
        return []
    if m["hh"]:
        return r.one(m, "TIME", f"{cal.ymd(d)}T{m['hh']}:{m['mi']}")
    return r.one(m, "DATE", cal.ymd(d))


def _day_range(r: Resolver, m: re.Match[str], year: int | None) -> list[Found]:
    month = r.month_num(m["mon"])
    day = int(m["day"])
    v = r.date_value(m, month, day, year)
    if v is None:
        return []
    if not m["day2"]:
        return r.one(m, "DATE", v)
    v2 = r.date_value(m, month, int(m["day2"]), year)
    if v2 is None:
        return []
    first_end = m.end("day")
    while first_end < len(r.text) and r.text[first_end].isalpha():
        first_end += 1
    if m.start("day") < m.start("mon"):  # "9-10 April 2024": the month follows both days
        return [(m.start(), first_end, "DATE", v), (m.start("day2"), m.end(), "DATE", v2)]
    return [(m.start(), first_end, "DATE", v), (m.start("day2"), m.end(), "DATE", v2)]


def h_mdy(r: Resolver, m: re.Match[str]) -> list[Found]:
    return _day_range(r, m, int(m["year"]))


h_dmy = h_mdy


def h_md(r: Resolver, m: re.Match[str]) -> list[Found]:
    mon = m["mon"]
    if mon.lower().rstrip(".") in ("may", "mar", "march") and mon[0].islower():
        return []
    if _CAP_WORD_BEFORE.search(r.before(m.start())) and mon.lower() in ("may", "june", "april", "august"):
        w = _CAP_WORD_BEFORE.search(r.before(m.start()))
        if w and w.group(1) not in _NOT_NAMES:
            return []
    return _day_range(r, m, None)


h_dm = h_md


def h_my(r: Resolver, m: re.Match[str]) -> list[Found]:
    return r.one(m, "DATE", cal.ym(int(m["year"]), r.month_num(m["mon"])))


def h_num_date(r: Resolver, m: re.Match[str]) -> list[Found]:
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    sep = m["sep"] if "sep" in m.re.groupindex else "/"
    year = int(ys) if len(ys) == 4 else r.year2(int(ys))
    if sep == "/":
        month, day = (a, b) if a <= 12 else (b, a)
    else:
        day, month = (a, b) if b <= 12 else (b, a)
    d = cal.safe_date(year, month, day)
    return [] if d is None else r.one(m, "DATE", cal.ymd(d))


def h_ymd_slash(r: Resolver, m: re.Match[str]) -> list[Found]:
    d = cal.safe_date(int(m["y"]), int(m["b"]), int(m["a"]))
    return [] if d is None else r.one(m, "DATE", cal.ymd(d))


def h_num_md(r: Resolver, m: re.Match[str]) -> list[Found]:
    mo, day = int(m["b"]), int(m["a"])
    if not (1 <= mo <= 12 and 1 <= day <= 31) or (len(m["a"]) < 2 and len(m["b"]) < 2):
        return []
    if r.text[m.end():m.end() + 1].isalpha() or re.match(r"\s*(?:of|per|times|th)\b", r.text[m.end():]):
        return []
    v = r.date_value(m, mo, day, None)
    return [] if v is None else r.one(m, "DATE", v)


def h_year(r: Resolver, m: re.Match[str]) -> list[Found]:
    y = int(m["year"])
    if m["y2"]:
        y2s = m["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
        if y2 <= y or y2 - y > 100:
            return []
        return [(m.start(), m.end("year"), "DATE", f"{y:04d}"), (m.start("y2"), m.end("y2"), "DATE", f"{y2:04d}")]
    after = r.text[m.end():m.end() + 12]
    plural = re.match(r"\s*(?:[a-z]{3,}(?<![ius])s\b)(?<!does)", after)
    if plural and not re.match(r"\s*(?:elections?|levels?|lows?|highs?|games|olympics)\b", after):
        # "2000 employees": a count, not a year (a plural noun follows)
        return []
    return r.one(m, "DATE", f"{y:04d}")


def h_year_abbr(r: Resolver, m: re.Match[str]) -> list[Found]:
    return r.one(m, "DATE", f"{r.year2(int(m['yy'])):04d}")


def h_decade(r: Resolver, m: re.Match[str]) -> list[Found]:
    v = m["dy"] if m["dy"] else f"19{m['d2']}"
    return r.one(m, "DATE", v)


def h_century(r: Resolver, m: re.Match[str]) -> list[Found]:
    o = m["ord"].lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else r.lx.ordinals.get(o, 0)
    if n < 1 or n > 21:
        return []
    return r.one(m, "DATE", f"{n - 1:02d}")


def h_fy(r: Resolver, m: re.Match[str]) -> list[Found]:
    ys = m["y"]
    y = int(ys) if len(ys) == 4 else r.year2(int(ys))
    return r.one(m, "DATE", f"FY{y:04d}")


def _rel_year(r: Resolver, rel: str | None) -> int | None:
    if r.anchor is None:
        return None
    k = {"last": -1, "previous": -1, "next": 1}.get((rel or "").lower(), 0)
    return r.anchor.year + k


def h_quarter(r: Resolver, m: re.Match[str]) -> list[Found]:
    o = m["ord"].lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else r.lx.ordinals.get(o, 0)
    if n == -1 and (m["y"] or m["rel"]):
        n = 4  # "the final quarter of 2009"
    if m["y"]:
        if not 1 <= n <= 4:
            return []
        return r.one(m, "DATE", f"{m['y']}-Q{n}")
    if m["rel"]:
        y = _rel_year(r, m["rel"])
        return r.one(m, "DATE", f"{y:04d}-Q{n}" if y is not None and 1 <= n <= 4 else f"XXXX-Q{max(1, min(n, 4))}")
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-Q{n}" if 1 <= n <= 4 else "XXXX-QX")
    cy, cq = r.anchor.year, cal.quarter_of(r.anchor.month)
    if n == -1:  # "the last quarter": the previous one
        y, q = cal.add_quarters(cy, cq, -1)
        return r.one(m, "DATE", f"{y:04d}-Q{q}")
    if not 1 <= n <= 4:
        return []
    # the nearest quarter with that number; the tense decides only a tie
    diffs = sorted((abs((y * 4 + n) - (cy * 4 + cq)), -r.direction(m, -1) * (y - cy), y) for y in (cy - 1, cy, cy + 1))
    return r.one(m, "DATE", f"{diffs[0][2]:04d}-Q{n}")


def h_qnum(r: Resolver, m: re.Match[str]) -> list[Found]:
    n = int(m["q"][1])
    if m["y"]:
        ys = m["y"].lstrip("'’")
        y = int(ys) if len(ys) == 4 else r.year2(int(ys))
        return r.one(m, "DATE", f"{y:04d}-Q{n}")
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-Q{n}")
    cq = cal.quarter_of(r.anchor.month)
    y = r.anchor.year if n <= cq or r.direction(m, -1) > 0 else r.anchor.year - 1
    return r.one(m, "DATE", f"{y:04d}-Q{n}")


def h_half(r: Resolver, m: re.Match[str]) -> list[Found]:
    h = 1 if m["ord"].lower() == "first" else 2
    y = int(m["y"]) if m["y"] else _rel_year(r, m["rel"])
    return r.one(m, "DATE", f"{y:04d}-H{h}" if y is not None else f"XXXX-H{h}")


def h_season(r: Resolver, m: re.Match[str]) -> list[Found]:
    word = m["season"].lower()
    code = r.lx.seasons[word]
    shift = (m["shift"] or "").lower()
    if word == "fall" and not (shift or m["y"]):
        return []
    if m["y"]:
        return r.one(m, "DATE", f"{m['y']}-{code}")
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-{code}")
    w = _CAP_WORD_BEFORE.search(r.before(m.start()))
    if m["season"][0].isupper() and w and w.group(1) not in _NOT_NAMES and r.text[m.start() - 1:m.start()] == " ":
        return []  # "British Summer Time"
    first, last = r.lx.season_months[code]
    mo, y = r.anchor.month, r.anchor.year
    started = mo >= first if code != "WI" else True
    ended = (mo > last) if code != "WI" else (3 <= mo < 12)
    if shift in ("last", "past", "previous"):
        yy = y if ended else y - 1
    elif shift in ("next", "coming"):
        yy = y if not started else y + 1
    elif shift == "this":
        yy = y
    else:
        d = r.direction(m, 0)
        yy = y - 1 if d < 0 and not started else (y + 1 if d > 0 and ended else y)
    return r.one(m, "DATE", f"{yy:04d}-{code}")


# ------------------------------------------------------------ relative days

def _pod_code(r: Resolver, pod: str | None) -> str | None:
    return r.lx.parts_of_day.get(word_key(pod)) if pod else None


def h_relday(r: Resolver, m: re.Match[str]) -> list[Found]:
    rd = re.sub(r"\s+", " ", m["rd"].lower())
    k = r.lx.relative_days[rd]
    pod = _pod_code(r, m["pod"]) or ("NI" if rd == "tonight" else None)
    base = "XXXX-XX-XX" if r.anchor is None else cal.ymd(r.anchor + timedelta(days=k))
    if pod:
        return r.one(m, "TIME", f"{base}T{pod}")
    return r.one(m, "DATE", base)


def h_pod(r: Resolver, m: re.Match[str]) -> list[Found]:
    code = _pod_code(r, m["pod"])
    if code is None:
        return []
    k = -1 if m["shift"].lower() == "last" else 0
    if k == -1 and code != "NI":
        return []
    base = "XXXX-XX-XX" if r.anchor is None else cal.ymd(r.anchor + timedelta(days=k))
    return r.one(m, "TIME", f"{base}T{code}")


_NAMED_DAYS = re.compile(r"\b(?:Black|Bloody|Super|Cyber|Ash|Holy|Maundy|Good|Easter|Palm|Manic|Blue|Giving)\s+$")


def h_weekday(r: Resolver, m: re.Match[str]) -> list[Found]:
    if _NAMED_DAYS.search(r.before(m.start())):
        return []
    wd = r.lx.weekdays[word_key(m["wd"])]
    shift = (m["shift"] or "").lower()
    pod = _pod_code(r, m["pod"])
    if r.anchor is None:
        v = f"XXXX-WXX-{wd}"
    else:
        if shift in ("last", "past", "previous"):
            d = -2
        elif shift in ("next", "coming"):
            d = 2
        elif shift == "this":
            d = 0
        else:
            d = r.direction(m, -1)
        v = cal.ymd(cal.weekday_near(r.anchor, wd, d))
    if pod:
        return r.one(m, "TIME", f"{v}T{pod}")
    return r.one(m, "DATE", v)


_UNIT_KEY = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year",
             "decade": "decade", "century": "century"}


def h_shift_unit(r: Resolver, m: re.Match[str]) -> list[Found]:
    shift = m["shift"].lower()
    unit = m["unit"].lower()
    k = r.lx.shifters.get(shift, 0)
    the = bool(m["the"])
    if shift == "same":
        return []
    if the and shift in ("past", "next", "following", "coming") and not m["mod"]:
        return r.one(m, "DURATION", cal.duration(1, r.lx.units[unit], False))
    if shift in ("past",) and not the:
        return r.one(m, "DURATION", cal.duration(1, r.lx.units[unit], False))
    if r.anchor is None:
        return r.one(m, "DATE", cal.underspecified(unit))
    return r.one(m, "DATE", cal.shift(r.anchor, _UNIT_KEY[unit], k))


def h_the_unit(r: Resolver, m: re.Match[str]) -> list[Found]:
    unit = m["unit"].lower()
    if r.anchor is None:
        return r.one(m, "DATE", cal.underspecified(unit))
    return r.one(m, "DATE", cal.shift(r.anchor, unit, 0))


def h_shift_month(r: Resolver, m: re.Match[str]) -> list[Found]:
    mo = r.month_num(m["mon"])
    shift = m["shift"].lower()
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-{mo:02d}")
    d = {"last": -2, "past": -2, "previous": -2, "next": 2, "coming": 2, "following": 2}.get(shift)
    y = r.anchor.year if d is None else cal.month_near(r.anchor, mo, d)
    return r.one(m, "DATE", cal.ym(y, mo))


def h_month(r: Resolver, m: re.Match[str]) -> list[Found]:
    word = m["mon"]
    low = word.lower().rstrip(".")
    prev = r.before(m.start(), 30)
    if low in ("may", "march", "august") and not m["mod"] and not _PREP_BEFORE.search(prev):
        return []
    w = _CAP_WORD_BEFORE.search(prev)
    if w and w.group(1) not in _NOT_NAMES and not r.text[max(0, m.start() - 2):m.start()].strip():
        # "Theresa May", "Brian May": a surname
        return []
    after = r.text[m.end():m.end() + 20]
    if low in ("may", "june", "april", "august", "march") and re.match(r"\s+[A-Z][a-z]", after):
        return []
    mo = r.month_num(word)
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-{mo:02d}")
    d = r.direction(m, 0)
    y = cal.month_near(r.anchor, mo, d)
    if d < 0 and mo == r.anchor.month % 12 + 1 and mo != 1:
        y = r.anchor.year  # next month is rarely meant as last year's
    return r.one(m, "DATE", cal.ym(y, mo))


def h_holiday(r: Resolver, m: re.Match[str]) -> list[Found]:
    name = re.sub(r"\s+", " ", m["hol"].lower())
    lx = r.lx
    year: int | None = int(m["y"]) if m["y"] else None
    if r.anchor is None and year is None:
        if name in lx.fixed_holidays:
            mo, dd = lx.fixed_holidays[name]
            return r.one(m, "DATE", f"XXXX-{mo:02d}-{dd:02d}")
        return r.one(m, "DATE", "XXXX-XX-XX")

    def on(y: int) -> date:
        if name in lx.fixed_holidays:
            mo, dd = lx.fixed_holidays[name]
            return date(y, mo, dd)
        if name in lx.nth_weekday_holidays:
            mo, wd, n = lx.nth_weekday_holidays[name]
            return cal.nth_weekday(y, mo, wd, n)
        return cal.easter_date(y) + timedelta(days=lx.easter_holidays[name])

    if year is not None:
        return r.one(m, "DATE", cal.ymd(on(year)))
    assert r.anchor is not None
    a = r.anchor
    d = r.direction(m, 0)
    cands = [on(y) for y in (a.year - 1, a.year, a.year + 1)]
    if d < 0:
        best = max(c for c in cands if c <= a)
    elif d > 0:
        best = min(c for c in cands if c >= a)
    else:
        best = min(cands, key=lambda c: abs((c - a).days))
    return r.one(m, "DATE", cal.ymd(best))


def h_month_rel(r: Resolver, m: re.Match[str]) -> list[Found]:
    mo = r.month_num(m["mon"])
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-{mo:02d}")
    k = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
    return r.one(m, "DATE", cal.ym(r.anchor.year + k, mo))


def h_the_day(r: Resolver, m: re.Match[str]) -> list[Found]:
    v = cal.ymd(r.anchor) if r.anchor else "XXXX-XX-XX"
    return [(m.start("x"), m.end("x"), "DATE", v)]


def h_weekend(r: Resolver, m: re.Match[str]) -> list[Found]:
    v = cal.week(r.anchor) + "-WE" if r.anchor else "XXXX-WXX-WE"
    return [(m.start("x"), m.end("x"), "DATE", v)]


def h_wd_dom(r: Resolver, m: re.Match[str]) -> list[Found]:
    """"Tuesday 8th": the nearest month (forward or back, by tense) whose 8th is a Tuesday."""
    wd = r.lx.weekdays[word_key(m["wd"])]
    day = int(m["day"])
    if r.anchor is None:
        return []
    way = r.direction(m, -1)
    y, mo = r.anchor.year, r.anchor.month
    for k in range(0, 25):
        yy, mm = cal.add_months(y, mo, k if way > 0 else -k)
        d = cal.safe_date(yy, mm, day)
        if d is None or d.isoweekday() != wd:
            continue
        if (way > 0 and d >= r.anchor) or (way <= 0 and d <= r.anchor):
            return r.one(m, "DATE", cal.ymd(d))
    return []


def h_wd_week(r: Resolver, m: re.Match[str]) -> list[Found]:
    wd = r.lx.weekdays[word_key(m["wd"])]
    if r.anchor is None:
        return r.one(m, "DATE", f"XXXX-WXX-{wd}")
    k = r.lx.shifters.get(m["shift"].lower(), 0)
    d = r.anchor + timedelta(days=7 * k + wd - r.anchor.isoweekday())
    return r.one(m, "DATE", cal.ymd(d))
