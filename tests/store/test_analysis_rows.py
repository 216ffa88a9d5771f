"""The analysis as rows: every part stored with its span, replaced with its article, searchable."""

from __future__ import annotations

import pytest

from corpus.helpers import analysed
from newsdesk.errors import StoreError
from newsdesk.model import Article, Entity, Flag, Mention
from newsdesk.store import SearchFilters, SqlStore, Store

from .conftest import make_article


def test_every_part_is_a_row_with_its_span(store: Store) -> None:
    art = analysed()
    store.save(art)
    counts = store.table_counts()
    for table, n in {"blocks": 3, "entities": 1, "mentions": 1, "timexes": 1, "events": 1, "claims": 1, "flags": 1,
                     "scores": 1, "search_docs": 1, "search_fts": 1}.items():
        assert counts[table] == n, table
    (ev,) = store.events()
    assert (ev.code, ev.source_country, ev.target_country, ev.modality, ev.date) == \
        ("040", "USA", "PRK", "asserted", "2018-06-12")
    assert ev.text == "Trump met Kim in Singapore on Tuesday."
    (cl,) = store.claims(speaker="pompeo")
    assert cl.speaker_name == "Mike Pompeo" and cl.text == art.text[cl.start:cl.end]
    (fl,) = store.flags(kind="keyword_stuffing")
    assert fl.evidence == {"keywords": ["summit", "nuclear"]} and fl.text.startswith("Tags:")


def test_replacing_an_article_replaces_every_row(store: Store) -> None:
    store.save(analysed())
    before = store.table_counts()
    changed = analysed(body="Trump did not meet Kim in Singapore on Tuesday. Nothing happened, Pompeo said.",
                       modality="negated")
    assert store.save(changed) == "replaced"
    assert store.table_counts() == before
    (ev,) = store.events()
    assert ev.modality == "negated"
    assert [h.article_id for h in store.search("nothing happened")] == ["a1"]
    assert store.search("productive") == []


def test_a_failed_write_leaves_no_search_row(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.store import analysissql

    def broken(conn: object, article: Article) -> None:
        original(conn, article)  # type: ignore[arg-type]
        raise StoreError("disk full")

    original = analysissql.insert_analysis
    monkeypatch.setattr(analysissql, "insert_analysis", broken)
    with pytest.raises(StoreError):
        store.save(analysed())
    monkeypatch.undo()
    assert store.count() == 0
    assert all(n == 0 for name, n in store.table_counts().items() if name != "schema_version")
    assert store.search("Singapore") == []


def test_search_ranks_snippets_and_filters(store: Store) -> None:
    store.save(analysed("a1"))
    store.save(analysed("a2", title="Hanoi summit collapses", published="2019-02-28",
                        body="The Hanoi summit ended early without an agreement, officials said."))
    store.save(analysed("a3", title="Markets rally", published="2019-03-01",
                        body="Stocks rose on Friday as investors shrugged off the summit news."))
    hits = store.search("summit")
    assert {h.article_id for h in hits} == {"a2", "a3"}  # "summit" only in keywords of a1: boilerplate not indexed
    assert hits[0].article_id == "a2" and "[summit]" in hits[0].snippet.lower()
    assert all(h.rank > 0 for h in hits)
    assert [h.article_id for h in store.search('"Hanoi summit"')] == ["a2"]
    assert [h.article_id for h in store.search("summit -Hanoi")] == ["a3"]
    assert [h.article_id for h in store.search("Singapore OR Hanoi", filters=SearchFilters(since="2019-01-01"))] \
        == ["a2"]
    assert [h.article_id for h in store.search("summits", filters=SearchFilters(until="2019-02-28"))] == ["a2"]
    assert {h.article_id for h in store.search("what did Trump say in Hanoi?", match="any")} == {"a1", "a2"}
    # punctuation and operators are never a syntax error
    for q in ['"unbalanced', "U.S.-North Korea", "AND OR NOT", "-", "*", "(", "the of and", "'; DROP TABLE x"]:
        store.search(q)
    assert store.search("the of and") == []


def test_events_by_actor_dyad_date_and_story(store: Store) -> None:
    store.save(analysed("a1"))
    store.save(analysed("a2", published="2019-02-28", source="PRKGOV", target="USAGOV"))
    store.save(analysed("a3", published="2019-03-01", source="CHN", target="RUS"))
    assert [e.article_id for e in store.events(actors=["USA"])] == ["a1", "a2"]
    assert [e.article_id for e in store.events(actors=["usa", "PRKGOV"])] == ["a1", "a2"]
    assert [e.article_id for e in store.events(dyad=("PRK", "USA"))] == ["a2"]
    assert [e.article_id for e in store.events(since="2019-01-01")] == ["a2", "a3"]
    assert [e.article_id for e in store.events(until="2018-12-31")] == ["a1"]
    assert [e.article_id for e in store.events(actors=["100%_"])] == []
    store.save_stories([_member("a1", "s1"), _member("a2", "s2"), _member("a3", "s2")], threshold=0.3)
    assert [e.article_id for e in store.events(story="s2")] == ["a2", "a3"]
    assert store.events(story="s2")[0].story_id == "s2"


def _member(article_id: str, story_id: str) -> object:
    from newsdesk.store import StoryMember

    return StoryMember(article_id, story_id)


def test_unstorable_characters_in_parts(store: Store) -> None:
    art = make_article(text="Title\n\nA\x00B said \ud800 things.")
    art.entities = [Entity("e1", "A\x00B", "PERSON", [Mention(7, 10, "A\x00B")])]
    art.flags = [Flag("typo", "low", 7, 10, "bad \ud800", evidence="\x00")]
    assert store.save(art) == "added"
    assert store.flags()[0].evidence == "\x00"
    assert store.table_counts()["mentions"] == 1
    assert isinstance(store, SqlStore)
