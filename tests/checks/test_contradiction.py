"""The contradiction check on fabricated text: roles, publication dates, events, numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.api import analyze_text
from newsdesk.model import Flag
from newsdesk.pipeline import Context

STAGES = ["structure", "entities", "time", "checks"]


@pytest.fixture(scope="module")
def context() -> Iterator[Context]:
    yield Context()


def contra(context: Context, text: str, published: str | None = "2024-09-14") -> list[Flag]:
    art = analyze_text(text, stages=STAGES, published=published, context=context)
    return [f for f in art.flags if f.kind == "contradiction"]


def cited(text: str, f: Flag) -> tuple[str, str]:
    assert isinstance(f.evidence, dict)
    return f.evidence["first"]["text"], f.evidence["second"]["text"]


def test_role_former_and_sitting(context: Context) -> None:
    text = ("President Maria Velasquez says the reforms will continue.\n\n"
            "Critics noted that former President Maria Velasquez has no say in the budget.")
    (f,) = contra(context, text)
    first, second = cited(text, f)
    assert first == "President Maria Velasquez" and second == "former President Maria Velasquez"
    assert f.severity == "medium"


def test_role_former_then_historical_title_is_consistent(context: Context) -> None:
    text = ("Former President Maria Velasquez says the reforms failed.\n\n"
            "In 2012, President Maria Velasquez signed the reform law.")
    assert contra(context, text) == []


def test_two_publication_dates(context: Context) -> None:
    text = ("Harbour Plans Approved\nPublished: March 3, 2024\n\nThe council approved the harbour plan on Friday.\n\n"
            "Ferry Fares Rise\nPublished: June 5, 2019\n\nFerry fares rose again this week.")
    got = [f for f in contra(context, text)
           if isinstance(f.evidence, dict) and f.evidence["what"] == "publication date"]
    assert len(got) == 1 and got[0].severity == "high"
    assert cited(text, got[0]) == ("Published: March 3, 2024", "Published: June 5, 2019")


def test_published_and_updated_lines_agree(context: Context) -> None:
    text = ("Harbour Plans Approved\nPublished: March 3, 2024\nUpdated: March 9, 2024\n\n"
            "The council approved the harbour plan on Friday.")
    assert contra(context, text) == []


def test_upcoming_trip_against_recent_visit(context: Context) -> None:
    text = ("Speculation is growing about whether President Maria Velasquez will travel to Kenya for the summit.\n\n"
            "During her recent visit to Nairobi, President Maria Velasquez met business leaders.")
    (f,) = contra(context, text)
    first, second = cited(text, f)
    assert "will travel to Kenya" in first and second.startswith("her recent visit to Nairobi")


def test_old_visit_and_next_trip_are_consistent(context: Context) -> None:
    text = ("President Maria Velasquez will travel to Kenya next month.\n\n"
            "She visited Kenya in 2015, when she was foreign minister.")
    assert contra(context, text) == []


def test_different_places_are_different_trips(context: Context) -> None:
    text = ("President Maria Velasquez will travel to Kenya next month.\n\n"
            "During her recent visit to Brazil, President Maria Velasquez met business leaders.")
    assert contra(context, text) == []


def test_summit_upcoming_and_past(context: Context) -> None:
    text = "Leaders are preparing for the summit next week.\n\nAt last week's summit, leaders agreed on a plan."
    (f,) = contra(context, text)
    assert f.severity == "low"


def test_next_summit_is_another_event(context: Context) -> None:
    text = "At last week's summit, leaders agreed on a plan.\n\nThe next summit will be held in the spring."
    assert contra(context, text) == []


def test_counts_that_disagree(context: Context) -> None:
    text = ("The blast killed 12 people near the station, police said.\n\n"
            "Officials later said the blast killed 15 people near the station.")
    (f,) = contra(context, text)
    assert isinstance(f.evidence, dict) and f.evidence["values"] == [12, 15]
    first, second = cited(text, f)
    assert "12 people" in first and "15 people" in second


def test_approximate_counts_are_not_contradictions(context: Context) -> None:
    text = ("The blast killed at least 12 people near the station.\n\n"
            "Officials later said the blast killed 15 people near the station.")
    assert contra(context, text) == []


def test_founding_years_that_disagree(context: Context) -> None:
    text = ("The Harbour Trust was founded in 2001 by a group of fishermen.\n\n"
            "Today the Harbour Trust, which was founded in 2003, manages three piers.")
    (f,) = contra(context, text)
    assert isinstance(f.evidence, dict) and f.evidence["values"] == [2001, 2003]


def test_different_subjects_are_different_facts(context: Context) -> None:
    text = ("The Harbour Trust was founded in 2001.\n\nThe River Society was founded in 2003.")
    assert contra(context, text) == []


def test_without_parse_only_dates_are_checked(context: Context) -> None:
    text = "President Maria Velasquez says so.\n\nFormer President Maria Velasquez has no say."
    art = analyze_text(text, stages=["structure", "checks"], published="2024-09-14", context=context)
    assert [f for f in art.flags if f.kind == "contradiction"] == []
