"""Temporal expressions: find them with compiled rules and normalise them to TIMEX3 values.

    >>> from datetime import date
    >>> from newsdesk.timex import find_timexes
    >>> find_timexes("He left last month.", date(2024, 9, 14))
    [(8, 18, 'DATE', '2024-08')]

The word lists live in ``newsdesk/data/timex_*.json``; see ``docs/time.md``.
"""

from __future__ import annotations

from .anchor import parse_published, tense_at
from .calendar import is_timex3_value
from .finder import anchor_from_text, find_timexes

__all__ = ["anchor_from_text", "find_timexes", "is_timex3_value", "parse_published", "tense_at"]
