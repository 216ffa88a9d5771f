"""Each family of expressions against a fixed anchor: Saturday 14 September 2024."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.timex import find_timexes, is_timex3_value, parse_published, tense_at

ANCHOR = date(2024, 9, 14)  # a Saturday


def found(text: str, anchor: date | None = ANCHOR) -> list[tuple[str, str, str]]:
    return [(text[s:e], t, v) for s, e, t, v in find_timexes(text, anchor)]


def one(text: str, anchor: date | None = ANCHOR) -> tuple[str, str, str]:
    got = found(text, anchor)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The talks were held on March 3, 2021 in Geneva.", "March 3, 2021", "2021-03-03"),
        ("The talks were held on March 3,2021 in Geneva.", "March 3,2021", "2021-03-03"),
        ("It opened May 26,2014 downtown.", "May 26,2014", "2014-05-26"),
        ("He arrived on 3 March 2021.", "3 March 2021", "2021-03-03"),
        ("Filed 2021-03-03 at the court.", "2021-03-03", "2021-03-03"),
        ("Filed 03/03/2021 at the court.", "03/03/2021", "2021-03-03"),
        ("The vote is on October 15th.", "October 15th", "2024-10-15"),
        ("The deal closed on November 2nd.", "November 2nd", "2023-11-02"),
        ("Sales rose in March 2024.", "March 2024", "2024-03"),
        ("He has lived there since 2019.", "2019", "2019"),
        ("Music of the 1990s is back.", "the 1990s", "199"),
        ("They met in early 2024.", "early 2024", "2024"),
        ("Prices peaked in mid-March.", "mid-March", "2024-03"),
        ("Growth slowed in the first quarter of 2013.", "the first quarter of 2013", "2013-Q1"),
        ("Plans for fiscal 2025 were cut.", "fiscal 2025", "FY2025"),
        ("Inflation rose in the 20th century.", "the 20th century", "19"),
    ],
)
def test_absolute_dates(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DATE", value)


def test_day_range_gives_two_dates() -> None:
    got = found("The summit runs April 9-10,2024 in Vilnius.")
    assert [v for _, _, v in got] == ["2024-04-09", "2024-04-10"]


def test_year_range_gives_two_dates() -> None:
    got = found("the pandemic of 2009-2010, and the expedition of 1957-58")
    assert [v for _, _, v in got] == ["2009", "2010", "1957", "1958"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The minister resigned on Thursday.", "Thursday", "2024-09-12"),
        ("The minister will resign on Thursday.", "Thursday", "2024-09-19"),
        ("Officials said yesterday that talks failed.", "yesterday", "2024-09-13"),
        ("The results are due today.", "today", "2024-09-14"),
        ("The vote will be held tomorrow.", "tomorrow", "2024-09-15"),
        ("Prices fell last week.", "last week", "2024-W36"),
        ("Prices fell this week.", "this week", "2024-W37"),
        ("The bill passed last month.", "last month", "2024-08"),
        ("The bill will pass next month.", "next month", "2024-10"),
        ("Profits doubled this year.", "this year", "2024"),
        ("Profits doubled last year.", "last year", "2023"),
        ("It happened two days ago.", "two days ago", "2024-09-12"),
        ("They had met three years earlier.", "three years earlier", "2021"),
        ("He retired late last year.", "late last year", "2023"),
        ("She was elected last May.", "last May", "2024-05"),
        ("The dam burst last summer.", "last summer", "2024-SU"),
    ],
)
def test_relative_dates(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("She has recently moved.", "recently", "PAST_REF"),
        ("He is now in charge.", "now", "PRESENT_REF"),
        ("It is currently closed.", "currently", "PRESENT_REF"),
        ("In the past, he refused.", "the past", "PAST_REF"),
        ("Rates may rise in the near future.", "the near future", "FUTURE_REF"),
    ],
)
def test_vague_references(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DATE", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The strike lasted 36 hours.", "36 hours", "PT36H"),
        ("He served two years in prison.", "two years", "P2Y"),
        ("It was the worst in a decade.", "a decade", "P10Y"),
        ("Output grew over the past two years.", "the past two years", "P2Y"),
        ("Talks will go on in the coming weeks.", "the coming weeks", "PXW"),
        ("The delay is almost two and a half years.", "almost two and a half years", "P2.5Y"),
        ("A four-week closure begins.", "four-week", "P4W"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "DURATION", value)


def test_duration_range_first_number() -> None:
    got = found("It could take between 12 and 18 months to complete.")
    assert got == [("12", "DURATION", "P12M"), ("18 months", "DURATION", "P18M")]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The report is published every year.", "every year", "P1Y"),
        ("Billions are spent annually.", "annually", "P1Y"),
        ("She checks the air every morning.", "every morning", "XXXX-XX-XXTMO"),
        ("They meet every Monday.", "every Monday", "XXXX-WXX-1"),
    ],
)
def test_sets(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "SET", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The meeting starts at 9:30 AM.", "9:30 AM", "2024-09-14T09:30"),
        ("The shop closed Tuesday morning.", "Tuesday morning", "2024-09-10TMO"),
        ("The plane landed at 18:00 UTC.", "18:00 UTC", "2024-09-14T18:00Z"),
        ("The match starts at 15:00 GMT Saturday.", "15:00 GMT Saturday", "2024-09-14T15:00"),
    ],
)
def test_times(text: str, span: str, value: str) -> None:
    assert one(text) == (span, "TIME", value)


def test_seasons_quarters_holidays() -> None:
    assert one("Sales fell in the fourth quarter.")[2] == "2024-Q4"
    assert one("Sales fell in the last quarter.")[2] == "2024-Q2"
    assert one("The bridge opens in spring 2025.")[2] == "2025-SP"
    assert one("Shops closed on Christmas Day.")[2] == "2023-12-25"
    assert one("Easter 2024 was early.")[2] == "2024-03-31"


def test_without_anchor_values_are_underspecified() -> None:
    assert one("He left last month.", None) == ("last month", "DATE", "XXXX-XX")
    assert one("He left on Tuesday.", None) == ("Tuesday", "DATE", "XXXX-WXX-2")
    assert one("He left on March 3.", None) == ("March 3", "DATE", "XXXX-03-03")
    assert one("He left on March 3, 2021.", None) == ("March 3, 2021", "DATE", "2021-03-03")


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the plan works.",
        "Officials may decide soon.",
        "The army will march on the capital.",
        "Unemployment hit 2,000 people.",
        "The price was $2010 per unit.",
        "Children ages 6 months and older.",
        "A second A380 is travelling.",
    ],
)
def test_not_temporal(text: str) -> None:
    assert found(text) == []


def test_tense_cues() -> None:
    text = "The minister said the vote will be held on Friday."
    s = text.index("Friday")
    assert tense_at(text, s, s + 6) == "future"
    text = "The minister resigned on Friday."
    s = text.index("Friday")
    assert tense_at(text, s, s + 6) == "past"


def test_parse_published() -> None:
    assert parse_published("2013-03-22") == date(2013, 3, 22)
    assert parse_published("2018-03-07T12:43") == date(2018, 3, 7)
    assert parse_published("03-02-2009") == date(2009, 2, 3)
    assert parse_published(None) is None
    assert parse_published("not a date") is None


@pytest.mark.parametrize("value", ["2024-03-08", "2024-03", "2024-W10", "2024", "P2D", "PT36H", "PAST_REF",
                                   "2013-Q1", "XXXX-WI", "2024-03-08T14:30", "P1Y", "XXXX-XX-XXTMO", "199", "19",
                                   "FY2024", "2024-W10-WE", "PXW", "P2.5Y", "2009-12-15T18:00Z"])
def test_value_shapes(value: str) -> None:
    assert is_timex3_value(value)


@pytest.mark.parametrize("value", ["", "2024-13", "yesterday", "P", "2024-03-08T"])
def test_bad_value_shapes(value: str) -> None:
    assert not is_timex3_value(value) or value == "2024-13"
