"""Handlers for durations, sets, vague references and clock times."""

from __future__ import annotations

import re
from datetime import timedelta

from . import calendar as cal
from .lexicon import word_key
from .normalise import _BARE_UNIT_AFTER, _BARE_UNIT_BEFORE, _RATE_BEFORE, Found, Resolver


def _unit(r: Resolver, word: str) -> tuple[str, str, bool]:
    """(singular unit, TIMEX3 letter, is a time-of-day unit) for a unit word."""
    w = word_key(word)
    w = r.lx.plural_units.get(w, w)
    return w, r.lx.units[w], w in r.lx.time_units


def _num(r: Resolver, word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.strip())
    parts = w.split(" ")
    if len(parts) == 2 and parts[1].lower() in ("hundred", "thousand"):
        a = r.lx.number(parts[0])
        return None if a is None else a * (100 if parts[1].lower() == "hundred" else 1000)
    return r.lx.number(w)


def h_duration(r: Resolver, m: re.Match[str]) -> list[Found]:
    unit, letter, tu = _unit(r, m["unit"])
    if unit == "weekend":
        return []
    n = _num(r, m["num"])
    if n is None or n <= 0:
        return []
    if m["frac"]:
        n += 0.5
    start = m.start()
    if m["approx"] and (m["the"] or m["approx"].lower() not in r.lx.span_approximators):
        start = m.start("the") if m["the"] else (m.start("shift") if m["shift"] else m.start("num"))
    num_word = m["num"].lower()
    if num_word in ("a", "an") and unit == "second":
        return []  # "a second A380"
    if unit == "quarter" and re.match(r"\s*,?\s*of\b", r.text[m.end():m.end() + 6]):
        return []  # "a quarter of its dealers"
    if re.search(r"\b(?:ages?|aged)\s+$", r.text[max(0, m.start() - 6):m.start()]):
        return []  # "children ages 6 months and older"
    if num_word in ("a", "an") and not m["the"] and not m["shift"] and m["unit"].lower() in ("year", "month", "week",
                                                                                               "day", "hour"):
        before = r.text[max(0, m.start() - 30):m.start()]
        if _RATE_BEFORE.search(before) and re.search(r"(?:\d|\b(?:once|twice|thrice|times))\s*$", before):
            return []  # "15 a year" is a rate: the set rule takes it
    return [(start, m.end(), "DURATION", cal.duration(n, letter, tu))]


def h_half_dur(r: Resolver, m: re.Match[str]) -> list[Found]:
    if m["unit"]:
        _, letter, tu = _unit(r, m["unit"])
        return r.one(m, "DURATION", cal.duration(1.5, letter, tu))
    _, letter, tu = _unit(r, m["unit2"])
    if letter == "H":
        return r.one(m, "DURATION", "PT30M")
    return r.one(m, "DURATION", cal.duration(0.5, letter, tu))


def h_vague_dur(r: Resolver, m: re.Match[str]) -> list[Found]:
    unit, letter, tu = _unit(r, m["unit"])
    letter = re.sub(r"^\d+", "", letter)
    if unit == "decade":
        letter = "DE"
    elif unit == "century":
        letter = "CE"
    return r.one(m, "DURATION", f"PTX{letter}" if tu else f"PX{letter}")


def h_bare_units(r: Resolver, m: re.Match[str]) -> list[Found]:
    prev = re.findall(r"[A-Za-z]+", r.text[max(0, m.start() - 20):m.start()])
    nxt = re.findall(r"[A-Za-z]+", r.text[m.end():m.end() + 20])
    if not ((prev and prev[-1].lower() in _BARE_UNIT_BEFORE) or (nxt and nxt[0].lower() in _BARE_UNIT_AFTER)):
        return []
    return h_vague_dur(r, m)


def h_ago(r: Resolver, m: re.Match[str]) -> list[Found]:
    unit, _, _ = _unit(r, m["unit"])
    n = _num(r, m["num"])
    if n is None or n != int(n):
        return []
    if re.match(r"\s+than\b", r.text[m.end():m.end() + 6]):
        return []  # "a month earlier than usual": a duration
    sign = -1 if word_key(m["dir"]) in ("ago", "earlier", "back") else 1
    k = int(n) * sign
    if r.anchor is None:
        return r.one(m, "DATE", cal.underspecified(unit))
    try:
        found = _ago_on(r, m, unit, k)
    except (OverflowError, ValueError):  # "99999999 days ago": before year 1
        found = None
    if found is None or any(f[3].startswith("-") or (len(f[3]) >= 5 and f[3][:5].isdigit()) for f in found):
        return r.one(m, "DATE", "PAST_REF" if k < 0 else "FUTURE_REF")  # beyond years 1-9999
    return found


def _ago_on(r: Resolver, m: re.Match[str], unit: str, k: int) -> list[Found] | None:
    a = r.anchor
    assert a is not None
    if abs(k) > 9999 * 366:
        return None
    if unit in ("second", "minute", "hour"):
        return r.one(m, "DATE", cal.ymd(a))
    if unit in ("day", "night", "week", "fortnight"):
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit] * k
        return r.one(m, "DATE", cal.ymd(a + timedelta(days=days)))
    if unit == "month":
        return r.one(m, "DATE", cal.ym(*cal.add_months(a.year, a.month, k)))
    if unit == "quarter":
        y, q = cal.add_quarters(a.year, cal.quarter_of(a.month), k)
        return r.one(m, "DATE", f"{y:04d}-Q{q}")
    if unit == "year":
        return r.one(m, "DATE", f"{a.year + k:04d}")
    if unit == "decade":
        return r.one(m, "DATE", f"{(a.year + 10 * k) // 10:03d}")
    if unit == "century":
        return r.one(m, "DATE", f"{(a.year + 100 * k) // 100:02d}")
    return []


def h_vague_ago(r: Resolver, m: re.Match[str]) -> list[Found]:
    return r.one(m, "DATE", "PAST_REF")


def h_vague(r: Resolver, m: re.Match[str]) -> list[Found]:
    v = re.sub(r"\s+", " ", m["v"].lower())
    ctx = r.lx.vague_ref_contexts.get(v)
    if ctx is not None:
        before = re.sub(r"\s+", " ", r.text[max(0, m.start() - 12):m.end()].lower())
        if not any(before.endswith(c) for c in ctx):
            return []
    if v == "now" and re.match(r"-\w", r.text[m.end():m.end() + 2]):
        return []
    return r.one(m, "DATE", r.lx.vague_refs[v])


def h_set(r: Resolver, m: re.Match[str]) -> list[Found]:
    s = re.sub(r"\s+", " ", m["s"].lower())
    if s in r.lx.rate_sets:
        before = r.text[max(0, m.start() - 30):m.start()]
        if not re.search(r"(?:\d%?|\b(?:once|twice|thrice|times|percent|cents?|dollars?|euros?|pounds?|bn|billion|"
                         r"million|thousand|hundred|dozen))\s*$", before, re.I):
            return []
    return r.one(m, "SET", r.lx.sets[s])


def h_every(r: Resolver, m: re.Match[str]) -> list[Found]:
    if m["wd"]:
        return r.one(m, "SET", f"XXXX-WXX-{r.lx.weekdays[word_key(m['wd'])]}")
    if m["pod"]:
        return r.one(m, "SET", f"XXXX-XX-XXT{r.lx.parts_of_day[word_key(m['pod'])]}")
    _, letter, tu = _unit(r, m["unit"])
    n = _num(r, m["num"]) if m["num"] else 1.0
    if n is None:
        return []
    if m["other"]:
        n *= 2
    return r.one(m, "SET", cal.duration(n, letter, tu))


def h_times_per(r: Resolver, m: re.Match[str]) -> list[Found]:
    _, letter, tu = _unit(r, m["unit"])
    return r.one(m, "SET", cal.duration(1, letter, tu))


# ------------------------------------------------------------------- clock

def _clock(r: Resolver, h: int, mi: int, tz: str | None) -> str:
    base = cal.ymd(r.anchor) if r.anchor else "XXXX-XX-XX"
    z = "Z" if tz and tz.upper() == "UTC" else ""
    return f"{base}T{h:02d}:{mi:02d}{z}"


def h_clock_ampm(r: Resolver, m: re.Match[str]) -> list[Found]:
    h = int(m["h"])
    mi = int(m["m"]) if m["m"] else 0
    pm = m["ampm"].lower().startswith("p")
    if h <= 12:
        if pm and h < 12:
            h += 12
        elif not pm and h == 12:
            h = 0
    return r.one(m, "TIME", _clock(r, h, mi, m["tz"]))


def h_clock24(r: Resolver, m: re.Match[str]) -> list[Found]:
    h, mi = int(m["h"]), int(m["m"])
    if m["s"]:
        if m["tz"]:
            return r.one(m, "TIME", _clock(r, h, mi, m["tz"]) + f":{m['s']}")
        parts = [(h, "H"), (mi, "M"), (int(m["s"]), "S")]
        return r.one(m, "DURATION", "PT" + "".join(f"{v}{u}" for v, u in parts if v))
    if h == 24 and mi:
        return []
    prev = r.text[max(0, m.start() - 12):m.start()].lower()
    if re.search(r"(?:score|won|lost|beat|ratio|odds)\s*$", prev):
        return []
    return r.one(m, "TIME", _clock(r, h, mi, m["tz"]))


def h_clock_h(r: Resolver, m: re.Match[str]) -> list[Found]:
    return r.one(m, "TIME", _clock(r, int(m["h"]), int(m["m"]), None))


def h_noon(r: Resolver, m: re.Match[str]) -> list[Found]:
    n = word_key(m["n"])
    base = cal.ymd(r.anchor) if r.anchor else "XXXX-XX-XX"
    return r.one(m, "TIME", f"{base}T24:00" if n == "midnight" else f"{base}T12:00")


def h_dur_range(r: Resolver, m: re.Match[str]) -> list[Found]:
    """"between 12 and 18 months": the first number is a duration of its own (TempEval style)."""
    _, letter, tu = _unit(r, m["unit"])
    a, b = _num(r, m["n1"]), _num(r, m["num"])
    if a is None or b is None or a <= 0 or b <= a:
        return []
    return [(m.start("n1"), m.end("n1"), "DURATION", cal.duration(a, letter, tu)),
            (m.start("num"), m.end(), "DURATION", cal.duration(b, letter, tu))]


def h_clock_hhmm(r: Resolver, m: re.Match[str]) -> list[Found]:
    return r.one(m, "TIME", _clock(r, int(m["h"]), int(m["m"]), m["tz"]))
