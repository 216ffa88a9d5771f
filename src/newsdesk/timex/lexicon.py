"""The word lists of the time stage, loaded once from ``newsdesk/data/timex_*.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    text = resources.files("newsdesk").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def word_key(word: str) -> str:
    """A matched word as the lexicon's tables spell it. The rules match case-insensitively, and
    ``re.IGNORECASE`` also takes letters whose case pairs cross scripts ("ſeconds", "mıdnight",
    "ſunday"), so fold through upper case; then drop an abbreviation's full stop."""
    return word.upper().lower().rstrip(".")


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    fixed_holidays: dict[str, tuple[int, int]]
    nth_weekday_holidays: dict[str, tuple[int, int, int]]
    easter_holidays: dict[str, int]
    cardinals: dict[str, float]
    tens: tuple[str, ...]
    vague_quantities: tuple[str, ...]
    ordinals: dict[str, int]
    fractions: dict[str, float]
    duration_adjectives: tuple[str, ...]
    units: dict[str, str]
    time_units: frozenset[str]
    plural_units: dict[str, str]
    relative_days: dict[str, int]
    shifters: dict[str, int]
    vague_refs: dict[str, str]
    vague_ref_contexts: dict[str, tuple[str, ...]]
    sets: dict[str, str]
    rate_sets: frozenset[str]
    approximators: tuple[str, ...]
    span_approximators: tuple[str, ...]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    present_cues: tuple[str, ...]

    def number(self, word: str) -> float | None:
        """The value of a number word or numeral ("two", "twenty-five", "36", "1.5"), else None."""
        w = word.lower().replace(",", "").strip()
        if not w:
            return None
        try:
            return float(w)
        except ValueError:
            pass
        if w in self.cardinals:
            return self.cardinals[w]
        parts = w.replace(" ", "-").split("-")
        if len(parts) == 2 and parts[0] in self.tens and parts[1] in self.cardinals:
            return self.cardinals[parts[0]] + self.cardinals[parts[1]]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cal = _load("timex_calendar.json")
    num = _load("timex_numbers.json")
    rel = _load("timex_relative.json")
    return Lexicon(
        months=dict(cal["months"]),
        ambiguous_months=frozenset(cal["ambiguous_months"]),
        weekdays=dict(cal["weekdays"]),
        ambiguous_weekdays=frozenset(cal["ambiguous_weekdays"]),
        parts_of_day=dict(cal["parts_of_day"]),
        seasons=dict(cal["seasons"]),
        season_months={k: (v[0], v[1]) for k, v in cal["season_months"].items()},
        fixed_holidays={k: (v[0], v[1]) for k, v in cal["fixed_holidays"].items()},
        nth_weekday_holidays={k: (v[0], v[1], v[2]) for k, v in cal["nth_weekday_holidays"].items()},
        easter_holidays=dict(cal["easter_holidays"]),
        cardinals={k: float(v) for k, v in num["cardinals"].items()},
        tens=tuple(num["tens"]),
        vague_quantities=tuple(num["vague_quantities"]),
        ordinals=dict(num["ordinals"]),
        fractions={k: float(v) for k, v in num["fractions"].items()},
        duration_adjectives=tuple(num["duration_adjectives"]),
        units=dict(rel["units"]),
        time_units=frozenset(rel["time_units"]),
        plural_units=dict(rel["plural_units"]),
        relative_days=dict(rel["relative_days"]),
        shifters=dict(rel["shifters"]),
        vague_refs=dict(rel["vague_refs"]),
        vague_ref_contexts={k: tuple(v) for k, v in rel["vague_ref_contexts"].items()},
        sets=dict(rel["sets"]),
        rate_sets=frozenset(rel["rate_sets"]),
        approximators=tuple(rel["approximators"]),
        span_approximators=tuple(rel["span_approximators"]),
        future_cues=tuple(rel["future_cues"]),
        past_cues=tuple(rel["past_cues"]),
        present_cues=tuple(rel["present_cues"]),
    )
