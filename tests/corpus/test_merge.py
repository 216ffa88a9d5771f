"""One event, many reports: merged with its sources, modalities kept by source, stored and listed."""

from __future__ import annotations

import pytest

from newsdesk.corpus.merge import compatible_places, date_interval, merge_events, summary_status
from newsdesk.store import EventRow, Store, StoryMember

from .helpers import analysed


def ev(article_id: str, *, code: str = "040", src: str | None = "USA", tgt: str | None = "PRK",
       date: str | None = "2018-06-12", modality: str = "asserted", plover: str | None = "CONSULT",
       location: str | None = "Singapore", story: str | None = None, ordinal: int = 0, start: int = 0) -> EventRow:
    return EventRow(article_id=article_id, ordinal=ordinal, code=code, plover=plover, quad_class=1, goldstein=1.0,
                    source_code=src and src + "GOV", source_country=src, source_name=None,
                    target_code=tgt, target_country=tgt, target_name=None, date=date, location=location,
                    modality=modality, start=start, end=start + 10, published=date, story_id=story)


LABELS = {"040": "Consult", "042": "Make a visit", "190": "Use conventional military force"}


def test_asserted_and_negated_reports_are_one_event_with_both() -> None:
    rows = [ev("a1"), ev("a2", date="2018-06-13"), ev("a2", ordinal=1, start=50),
            ev("a3", modality="negated", date="2018-06-11")]
    (m,) = merge_events(rows, labels=LABELS)
    assert m.modalities == {"asserted": ["a1", "a2"], "negated": ["a3"]}
    assert m.modality == "disputed"
    assert (m.n_articles, m.n_mentions) == (3, 4)
    assert m.date == "2018-06-11" or m.date in ("2018-06-12", "2018-06-13")
    assert m.label == "Consult" and m.source_code == "USAGOV" and m.target_country == "PRK"
    assert [(s.article_id, s.event_ordinal) for s in m.sources] == [("a1", 0), ("a2", 0), ("a2", 1), ("a3", 0)]


@pytest.mark.parametrize(("other", "merged"), [
    ({"code": "042", "plover": None}, True),           # same CAMEO root
    ({"code": "036", "plover": "CONSULT"}, True),       # same PLOVER category
    ({"code": "190", "plover": "FIGHT"}, False),        # another kind of event
    ({"date": "2018-06-14"}, True),                     # within two days
    ({"date": "2018-06-20"}, False),                    # a week later
    ({"date": "2018-06"}, True),                        # only the month is known
    ({"src": "KOR"}, False),                            # another dyad
    ({"src": "PRK", "tgt": "USA"}, True),               # consultations have no direction
    ({"location": "Sentosa, Singapore"}, True),
    ({"location": "Hanoi"}, False),
    ({"location": None}, True),
    ({"story": "s2"}, False),                           # grouped in another story
])
def test_what_makes_two_reports_one_event(other: dict[str, object], merged: bool) -> None:
    rows = [ev("a1", story="s1"), ev("a2", **{"story": "s1", **other})]  # type: ignore[arg-type]
    assert (len(merge_events(rows, labels=LABELS)) == 1) is merged


def test_directed_events_keep_their_direction() -> None:
    rows = [ev("a1", code="190", plover="FIGHT"), ev("a2", code="190", plover="FIGHT", src="PRK", tgt="USA")]
    assert len(merge_events(rows, labels=LABELS)) == 2


def test_events_without_actors_are_not_merged_and_undated_stay_apart() -> None:
    assert merge_events([ev("a1", src=None, tgt=None)], labels=LABELS) == []
    rows = [ev("a1", date=None), ev("a2", date=None), ev("a3")]
    assert sorted(m.n_articles for m in merge_events(rows, labels=LABELS)) == [1, 2]


def test_summary_status_and_helpers() -> None:
    assert summary_status(["asserted", "reported"]) == "asserted"
    assert summary_status(["reported"]) == "reported"
    assert summary_status(["planned", "negated"]) == "disputed"
    assert summary_status(["negated"]) == "negated"
    assert summary_status(["planned", "hypothetical"]) == "planned"
    assert date_interval("2018-02")[:2] == (date_interval("2018-02-01")[0], date_interval("2018-02-28")[0])  # type: ignore[index]
    assert date_interval("2018-W24") is not None and date_interval("PAST_REF") is None
    assert compatible_places("Singapore", "singapore ") and not compatible_places("Hanoi", "Singapore")


def test_merged_events_are_stored_and_listed(store: Store) -> None:
    store.save(analysed("a1"))
    store.save(analysed("a2", published="2018-06-13", modality="negated",
                        body="Trump did not meet Kim in Singapore. Nothing happened, Pompeo said."))
    store.save(analysed("a3", published="2019-02-28", title="Hanoi", body="Trump met Kim in Hanoi. More later."))
    merged = merge_events(store.events())
    assert store.save_merged_events(merged) == 2
    assert store.merge_is_current()
    first, second = store.load_merged_events()
    assert first.modalities == {"asserted": ["a1"], "negated": ["a2"]} and first.modality == "disputed"
    assert [s.article_id for s in first.sources] == ["a1", "a2"] and second.n_articles == 1
    assert [m.id for m in store.load_merged_events(since="2019-01-01")] == [second.id]
    assert store.load_merged_events(actors=["CHN"]) == []
    changed = analysed("a3", published="2019-02-28", title="Hanoi", body="Trump met Kim in Hanoi. Updated.")
    assert store.save(changed) == "replaced"
    assert not store.merge_is_current()  # an article changed since: the merge is out of date
    assert store.save_merged_events([]) == 0 and store.load_merged_events() == []


def test_stories_keep_events_apart(store: Store) -> None:
    store.save(analysed("a1"))
    store.save(analysed("a2"))
    store.save_stories([StoryMember("a1", "s1"), StoryMember("a2", "s2")], threshold=0.3)
    assert len(merge_events(store.events())) == 2
    assert len(merge_events(store.events(), use_stories=False)) == 1
