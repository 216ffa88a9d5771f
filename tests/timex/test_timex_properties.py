"""Properties over arbitrary text: spans index the text, values are well-formed TIMEX3."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import TIMEX_TYPES
from newsdesk.timex import find_timexes, is_timex3_value

WORDS = ["on", "Tuesday", "last", "week", "March", "3,", "2021", "the", "1990s", "two", "years", "ago", "every",
         "year", "at", "9:30", "AM", "recently", "now", "next", "month", "fiscal", "2024", "Q3", "early", "mid-March",
         "36", "hours", "said", "will", "May", "12", "and", "18", "months", "yesterday", "morning", "spring",
         "03/03/2021", "\n", ".", ",", "the", "first", "quarter", "of", "Christmas", "'82", "UTC", "between"]


def _check(text: str, anchor: date | None) -> None:
    prev_end = -1
    for s, e, typ, value in find_timexes(text, anchor):
        assert 0 <= s < e <= len(text)
        assert s >= prev_end, "expressions overlap"
        prev_end = e
        assert typ in TIMEX_TYPES
        assert is_timex3_value(value), (text[s:e], value)
        assert text[s:e] == text[s:e].strip() or text[s:e].endswith("'")


anchors = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join), anchors)
def test_word_soup(text: str, anchor: date | None) -> None:
    _check(text, anchor)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), anchors)
def test_any_text(text: str, anchor: date | None) -> None:
    _check(text, anchor)


def test_found_by_the_properties() -> None:
    """Cases the word-soup and any-text properties found: years out of the calendar's range,
    and words that the case-insensitive rules match in other scripts' case forms."""
    from newsdesk.timex.finder import find_timexes

    a = date(2000, 1, 1)
    assert [x[3] for x in find_timexes("2021 years ago", a)] == ["PAST_REF"]
    assert [x[3] for x in find_timexes("99999999 days ago", a)] == ["PAST_REF"]
    assert [x[3] for x in find_timexes("9000 years later", a)] == ["FUTURE_REF"]
    assert [x[3] for x in find_timexes("3 years ago", a)] == ["1997"]
    find_timexes("ſix ſeconds later", a)  # no KeyError
    assert [x[3] for x in find_timexes("6 ſeconds later", a)]
    assert [x[3] for x in find_timexes("at mıdnight", a)] == ["2000-01-01T24:00"]


def test_cross_script_case_forms_are_looked_up_like_ascii() -> None:
    """Every table look-up of a matched word goes through one fold (timex.lexicon.word_key)."""
    from newsdesk.timex.finder import find_timexes
    from newsdesk.timex.lexicon import word_key

    a = date(2020, 1, 8)
    assert word_key("ſunday") == "sunday" and word_key("Sept.") == "sept"
    assert [x[3] for x in find_timexes("every ſunday", a)] == [x[3] for x in find_timexes("every sunday", a)]
    assert [x[3] for x in find_timexes("at mıdnight", a)] == [x[3] for x in find_timexes("at midnight", a)]
    for text in ("on ſunday", "ſeptember 3, 2020", "ſix ſeconds later", "this ſaturday evening"):
        find_timexes(text, a)  # no KeyError
