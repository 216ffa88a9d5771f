"""Calendar arithmetic and TIMEX3 value formatting (no parsing here)."""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta
from typing import Any

#: python-dateutil ships no type hints; used through an ``Any`` handle
_easter: Any = importlib.import_module("dateutil.easter")

_VALUE = re.compile(
    r"""^(?:
        PAST_REF|PRESENT_REF|FUTURE_REF
      | P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE))+
      | P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D))*T(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+
      | FY\d{4}
      | (?:\d{4}|XXXX)(?:-(?:Q[1-4X]|H[12]|SP|SU|FA|WI|W(?:\d\d|XX)(?:-(?:\d|WE|X))?
           |(?:\d\d|XX)(?:-(?:\d\d|XX))?))?(?:T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|MI|DT)Z?)?
      | \d{1,3}|X{2,3}
      | XXXX-WXX-\d(?:T(?:MO|AF|EV|NI|\d\d(?::\d\d)?))?
    )$""",
    re.X,
)


def is_timex3_value(value: str) -> bool:
    """True when ``value`` has one of the TIMEX3 value shapes this package produces."""
    return bool(_VALUE.match(value))


def ymd(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_quarters(year: int, q: int, k: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_near(anchor: date, iso_weekday: int, direction: int) -> date:
    """The given weekday relative to ``anchor``: direction -1 = on or before, +1 = on or after,
    -2 = strictly before, +2 = strictly after, 0 = in the same ISO week."""
    diff = iso_weekday - anchor.isoweekday()
    if direction == 0:
        return anchor + timedelta(days=diff)
    if direction in (-1, -2):
        back = (-diff) % 7
        if back == 0 and direction == -2:
            back = 7
        return anchor - timedelta(days=back)
    fwd = diff % 7
    if fwd == 0 and direction == 2:
        fwd = 7
    return anchor + timedelta(days=fwd)


def month_near(anchor: date, month: int, direction: int) -> int:
    """The year of the month ``month`` relative to ``anchor``: -1 most recent on/before, +1 next on/after,
    -2 strictly before, +2 strictly after, 0 nearest."""
    y = anchor.year
    if direction == -1:
        return y if month <= anchor.month else y - 1
    if direction == -2:
        return y if month < anchor.month else y - 1
    if direction == 1:
        return y if month >= anchor.month else y + 1
    if direction == 2:
        return y if month > anchor.month else y + 1
    d = month - anchor.month
    if d > 6:
        return y - 1
    if d < -6:
        return y + 1
    return y


def monthday_near(anchor: date, month: int, day: int, direction: int) -> int:
    """The year for ``month``/``day`` relative to ``anchor`` (direction as in :func:`month_near`)."""
    y = anchor.year
    key = (month, day)
    here = (anchor.month, anchor.day)
    if direction < 0:
        return y if key <= here else y - 1
    if direction > 0:
        return y if key >= here else y + 1
    cands = []
    for yy in (y - 1, y, y + 1):
        d = safe_date(yy, month, min(day, 28) if month == 2 and day == 29 else day)
        if d is not None:
            cands.append((abs((d - anchor).days), yy))
    return min(cands)[1] if cands else y


def nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(iso_weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    ny, nm = add_months(year, month, 1)
    last = date(ny, nm, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - iso_weekday) % 7)


def easter_date(year: int) -> date:
    d: date = _easter.easter(year)
    return d


def shift(anchor: date, unit: str, k: int) -> str:
    """The TIMEX3 value of ``anchor`` moved by ``k`` units at that unit's granularity."""
    if unit in ("day", "night"):
        return ymd(anchor + timedelta(days=k))
    if unit == "week":
        return week(anchor + timedelta(weeks=k))
    if unit == "weekend":
        return week(anchor + timedelta(weeks=k)) + "-WE"
    if unit == "fortnight":
        return ymd(anchor + timedelta(weeks=2 * k))
    if unit == "month":
        return ym(*add_months(anchor.year, anchor.month, k))
    if unit == "quarter":
        y, q = add_quarters(anchor.year, quarter_of(anchor.month), k)
        return f"{y:04d}-Q{q}"
    if unit == "year":
        return f"{anchor.year + k:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + k:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + k:02d}"
    return ymd(anchor)


def underspecified(unit: str) -> str:
    """The value of a relative expression of this granularity when there is no anchor."""
    return {
        "day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
    }.get(unit, "XXXX-XX-XX")


def duration(amount: float | None, letter: str, time_unit: bool) -> str:
    """A TIMEX3 duration: ``duration(2, "Y", False)`` = ``P2Y``; ``None`` amount = ``PXY``."""
    mult = 1.0
    m = re.match(r"^(\d+)([A-Z]+)$", letter)
    if m:
        mult, letter = float(m.group(1)), m.group(2)
    if amount is None:
        n = "X"
    else:
        v = amount * mult
        n = str(int(v)) if v == int(v) else f"{v:g}"
    return f"PT{n}{letter}" if time_unit else f"P{n}{letter}"
