"""Grouping: near-duplicates, different events kept apart, follow-ups joined (fabricated articles)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from newsdesk.api import stories
from newsdesk.model import Article, Failure, Origin
from newsdesk.stories import Assignment, extract, group, group_features
from newsdesk.stories.dupes import duplicate_of
from newsdesk.stories.similarity import Similarity, Weights
from newsdesk.stories.text import capitalised_names, content_words, shingles

from .conftest import HANDMADE

WIRE = ("The central bank of Norland raised its main interest rate by half a point to 4.5 percent on Thursday, "
        "citing stubborn inflation in food and energy prices. Governor Petra Lind said further increases could "
        "follow if wages kept rising faster than productivity, and that the bank would watch the housing market "
        "closely. Economists had expected a quarter-point move.")


def _art(id: str, text: str, published: str | None = None) -> Article:
    a = Article(id=id, text=text, origin=Origin("test", "text"), published=published, published_given=True)
    a.stages = ["structure"]
    return a


def _partition(results: list[Assignment]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for r in results:
        groups[r.story].add(r.id)
    return {frozenset(g) for g in groups.values()}


def test_near_duplicates_exact_and_edited_copies() -> None:
    reprint = WIRE.replace("on Thursday", "on Thursday morning").replace("closely", "very closely") + " (Wirenews)"
    other = ("Heavy rain flooded the old town of Sella on Thursday, closing schools and the main railway line. "
             "Firefighters pumped water from cellars through the night and the river crested at four metres.")
    sets = [shingles(t) for t in (WIRE, other, reprint, WIRE)]
    assert duplicate_of(sets) == [None, None, 0, 0]


def test_rewrites_below_the_threshold_are_not_duplicates() -> None:
    words = WIRE.split()
    rewrite = " ".join(w.upper() if i % 3 == 0 else w for i, w in enumerate(words))  # case only: still a copy
    assert duplicate_of([shingles(WIRE), shingles(rewrite)]) == [None, 0]
    spun = " ".join(("quickly " + w) if i % 2 == 0 else w for i, w in enumerate(words))  # every shingle broken
    assert duplicate_of([shingles(WIRE), shingles(spun)]) == [None, None]


def test_short_texts_are_duplicates_only_when_identical() -> None:
    assert duplicate_of([shingles("Breaking news now"), shingles("Breaking news now"), shingles("Breaking news")]) \
        == [None, 0, None]
    assert duplicate_of([set(), set()]) == [None, None]


def test_handmade_set_groups_as_a_reader_would() -> None:
    """Two earthquakes (different places, months apart), a wire copy, follow-ups, two unrelated stories."""
    results = stories(str(HANDMADE))
    assert all(isinstance(r, Assignment) for r in results)
    assigned = [r for r in results if isinstance(r, Assignment)]
    assert [r.id for r in assigned] == ["quake-ardena-1", "quake-ardena-2", "quake-ardena-copy", "quake-morvik-1",
                                        "quake-morvik-2", "election-veloria", "final-cup"]
    assert _partition(assigned) == {
        frozenset({"quake-ardena-1", "quake-ardena-2", "quake-ardena-copy"}),  # follow-up and copy joined
        frozenset({"quake-morvik-1", "quake-morvik-2"}),  # the other earthquake kept apart
        frozenset({"election-veloria"}),  # same country and prime minister, another story
        frozenset({"final-cup"}),
    }
    dup = {r.id: r.duplicate_of for r in assigned}
    assert dup["quake-ardena-copy"] == "quake-ardena-1"
    assert sum(v is not None for v in dup.values()) == 1
    assert [r.story for r in assigned][:1] == ["s1"]  # labels in order of first appearance


def test_dates_far_apart_cost_the_date_penalty() -> None:
    text_a = "A magnitude 6.1 earthquake struck Ardena in northern Veloria, Governor Ilse Marrow said."
    text_b = "Rescuers searched Ardena after the earthquake in northern Veloria, Governor Ilse Marrow said."
    near = [extract(_art("a", text_a, "2024-03-03")), extract(_art("b", text_b, "2024-03-20"))]
    far = [extract(_art("a", text_a, "2024-03-03")), extract(_art("b", text_b, "2024-11-20"))]
    unknown = [extract(_art("a", text_a)), extract(_art("b", text_b))]
    w = Weights()
    s_near, s_far, s_unknown = (Similarity(f, w).block(np.arange(2))[0, 1] for f in (near, far, unknown))
    assert s_near == s_unknown
    assert abs((s_near - s_far) - w.date_penalty) < 1e-9
    # the same pair is one story when close in time and two when months apart, at a threshold between
    th = s_near - w.date_penalty / 2
    assert len(_partition(group_features(near, threshold=th, attach=0))) == 1
    assert len(_partition(group_features(far, threshold=th, attach=0))) == 2


def test_same_type_events_with_other_names_and_dates_stay_apart() -> None:
    a1 = _art("a1", "A magnitude 6.4 earthquake struck Ardena in northern Veloria on Sunday, killing 18 people. "
                    "Governor Ilse Marrow said rescue teams were searching the rubble of the Saint Brenna school.",
              "2024-03-03")
    a2 = _art("a2", "The death toll from the Ardena earthquake rose to 41, Governor Ilse Marrow said, as rescue "
                    "teams pulled two children from the Saint Brenna school rubble in northern Veloria.", "2024-03-05")
    b1 = _art("b1", "A magnitude 5.9 earthquake struck Morvik in southern Tarsland on Tuesday, killing seven people. "
                    "Mayor Henrik Solberg said rescue teams were searching collapsed apartment blocks.", "2024-11-12")
    results = group([a1, a2, b1])
    assert _partition(results) == {frozenset({"a1", "a2"}), frozenset({"b1"})}


def test_empty_and_single_inputs() -> None:
    assert group([]) == []
    [only] = group([_art("x", "Just one short article about nothing much.")])
    assert (only.id, only.story, only.duplicate_of) == ("x", "s1", None)


def test_failures_keep_their_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Floods hit Sella."}\n{"id": "broken"}\n'
                   '{"id": "ok-2", "text": "Floods hit Sella again."}\n', encoding="utf-8")
    results = stories([str(bad), str(tmp_path / "missing.txt")])
    assert [type(r).__name__ for r in results] == ["Assignment", "Failure", "Assignment", "Failure"]
    assert isinstance(results[1], Failure) and results[1].id == "broken"


def test_cheap_names_and_words() -> None:
    text = ("Lindsay Lohan checked into the Betty Ford Center on Thursday.\n"
            "Her lawyer said Lohan would stay 90 days. The Bank of England was not involved.")
    names = capitalised_names(text)
    assert names["lohan"] == 2 and names["lindsay lohan"] == 1 and names["betty ford center"] == 1
    assert names["bank england"] == 1  # joiners inside a name are kept together, stop words dropped
    assert not {"the", "her", "thursday"} & set(names)  # sentence openers and weekdays are not names
    words = content_words(text)
    assert words["lohan"] == 2 and "the" not in words and words["90"] == 1
