"""Events from an event-list table: one per row, dated and placed from its cells."""

from __future__ import annotations

from events_fakes import FakeKB

from newsdesk.events.actors import Resolver
from newsdesk.events.lexicon import codebook
from newsdesk.events.tables import column_roles, is_event_table, table_events
from newsdesk.model import Article, Block, Entity, Mention, Origin, Table

INTRO = "Past meetings between India and Pakistan have come together quickly.\n"
ROWS = [
    "| Meeting | Date | Location | Outcome |",
    "|---|---|---|---|",
    "| Swearing-in | May 26, 2014 | New Delhi | Sharif attended the inauguration |",
    "| Lahore | December 25, 2015 | Raiwind | Unannounced goodwill visit |",
]


def _article() -> tuple[Article, Table]:
    text = INTRO + "\n".join(ROWS) + "\n"
    spans = []
    pos = len(INTRO)
    for line in ROWS:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    row_spans = [spans[0], *spans[2:]]
    table = Table(header=["Meeting", "Date", "Location", "Outcome"],
                  rows=[["Swearing-in", "May 26, 2014", "New Delhi", "Sharif attended the inauguration"],
                        ["Lahore", "December 25, 2015", "Raiwind", "Unannounced goodwill visit"]],
                  start=len(INTRO), end=len(text) - 1, row_spans=row_spans)
    art = Article(id="t", text=text, origin=Origin("<test>", "text"), published="2024-09-14")
    art.blocks = [Block("paragraph", 0, len(INTRO) - 1), Block("table", table.start, table.end)]
    art.tables = [table]

    def ent(eid: str, name: str, etype: str, code: str | None) -> Entity:
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name))
            start = text.find(name, start + 1)
        return Entity(eid, name, etype, mentions, country=code, actor_code=code)

    art.entities = [ent("e1", "India", "GPE", "IND"), ent("e2", "Pakistan", "GPE", "PAK"),
                    ent("e3", "Lahore", "GPE", None), ent("e4", "New Delhi", "GPE", None)]
    return art, table


def test_event_table_columns() -> None:
    _art, table = _article()
    roles = column_roles(table.header)
    assert roles["event"] == 0 and roles["date"] == 1 and roles["location"] == 2
    assert is_event_table(table)
    assert not is_event_table(Table(header=["Name", "Population"], rows=[], start=0, end=0))


def test_one_event_per_row_with_dates_places_and_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    art, table = _article()
    doc = nlp(art.text)
    events = table_events(art, doc, Resolver(FakeKB(), art.entities, "2024-09-14"), codebook())
    assert [e.date for e in events] == ["2014-05-26", "2015-12-25"]
    assert [(e.start, e.end) for e in events] == table.row_spans[1:]
    assert events[0].location == "New Delhi"
    assert events[1].location == "Lahore, Raiwind"  # a name cell that is a place is the place
    for e in events:
        assert {e.source.code, e.target.code} == {"IND", "PAK"}
        assert e.modality == "historical"
        assert e.plover == "CONSULT" and isinstance(e.code, str)
