"""The ``time`` stage through the pipeline."""

from __future__ import annotations

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context
from newsdesk.registry import stages
from newsdesk.stages.structure import structure
from newsdesk.stages.time import time as time_stage


def _article(text: str, published: str | None) -> Article:
    return Article(id="t1", text=text, origin=Origin(source="test", format="text"), published=published)


def _run(text: str, published: str | None, context: Context | None = None) -> Article:
    # the stage function is called directly, so that a broken sibling stage module cannot fail these tests
    return time_stage(_article(text, published), context or Context())


def test_registration() -> None:
    entry = stages.get("time")
    assert entry.obj is time_stage
    assert entry.meta["requires"] == ("text",)
    assert entry.meta["provides"] == ("timexes",)


def test_registered_and_fills_timexes() -> None:
    text = "The minister resigned on Thursday, two days after the vote, and will leave next month."
    art = _run(text, "2024-09-14")
    got = [(t.text, t.type, t.value) for t in art.timexes]
    assert ("Thursday", "DATE", "2024-09-12") in got
    assert ("next month", "DATE", "2024-10") in got
    for t in art.timexes:
        assert text[t.start:t.end] == t.text
        assert t.stage == "time"


def test_datetime_published() -> None:
    art = _run("It opened yesterday.", "2024-09-14T08:30:00+02:00")
    assert [t.value for t in art.timexes] == ["2024-09-13"]


def test_anchor_from_dateline_when_published_missing() -> None:
    text = "Storm hits coast\nMarch 01, 2008\nThe storm reached the coast yesterday."
    art = _run(text, None)
    values = [t.value for t in art.timexes]
    assert values == ["2008-03-01", "2008-02-29"]


def test_no_anchor_underspecified() -> None:
    art = _run("It opened yesterday and closed in 2019.", None)
    assert [t.value for t in art.timexes] == ["XXXX-XX-XX", "2019"]


def test_after_structure_stage_text_unchanged() -> None:
    text = "  Published: 2013-03-22\n\nThe FAA on Friday announced closures.  "
    art = time_stage(structure(_article(text, None), Context()), Context())
    assert art.text == text
    fri = [t for t in art.timexes if t.text == "Friday"]
    assert fri and fri[0].value == "2013-03-22"
