"""The SQLAlchemy store: round trip, identity and re-ingest semantics, all-or-nothing writes, errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from newsdesk.errors import StoreError
from newsdesk.model import Block
from newsdesk.serialize import article_to_dict
from newsdesk.store import SqlStore, Store, content_hash, default_db_url, open_store
from newsdesk.store.schema import articles, blocks

from .conftest import make_article


def _rows(store: Store, table: object) -> int:
    assert isinstance(store, SqlStore)
    with store._engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_round_trip(store: Store) -> None:
    art = make_article(title="Talks resume", published="2024-03-08", url="https://example.org/a",
                       source="example.org", author="A. Writer", language="en")
    assert store.save(art) == "added"
    assert store.get("a1") == article_to_dict(art)
    assert store.count() == 1
    assert store.content_hash_of("a1") == content_hash(art)
    [row] = store.list()
    assert (row.id, row.title, row.published, row.source, row.url, row.blocks) == (
        "a1", "Talks resume", "2024-03-08", "example.org", "https://example.org/a", 3)
    assert row.ingested_at.tzinfo is not None
    assert _rows(store, blocks) == 3


def test_missing_id(store: Store) -> None:
    assert store.get("nope") is None
    assert store.content_hash_of("nope") is None
    assert store.list() == []
    assert store.count() == 0


def test_same_content_is_unchanged(store: Store) -> None:
    art = make_article()
    store.save(art)
    [before] = store.list()
    # where it was read from is not content: a record moved within a corpus is the same article
    moved = make_article(line=42)
    assert store.save(moved) == "unchanged"
    assert store.save(art) == "unchanged"
    [after] = store.list()
    assert after == before
    assert store.get("a1") == article_to_dict(art)  # provenance of the first write kept


@pytest.mark.parametrize("change", [
    {"text": "Title\n\nA different first paragraph."},
    {"title": "New title"},
    {"published": "2024-03-09"},
    {"url": "https://example.org/moved"},
])
def test_changed_content_replaces(store: Store, change: dict[str, str]) -> None:
    store.save(make_article())
    [first] = store.list()
    time.sleep(0.002)
    new = make_article(**change)
    assert store.save(new) == "replaced"
    assert store.count() == 1
    assert store.get("a1") == article_to_dict(new)
    [row] = store.list()
    assert row.ingested_at == first.ingested_at
    assert row.updated_at > first.updated_at
    assert _rows(store, blocks) == len(new.blocks)


def test_force_replaces_unchanged(store: Store) -> None:
    art = make_article()
    store.save(art)
    art.stages.append("time")
    assert store.save(art, force=True) == "replaced"
    assert store.get("a1")["provenance"]["stages"] == ["structure", "time"]  # type: ignore[index]


def test_explicit_hash_is_stored(store: Store) -> None:
    art = make_article()
    assert store.save(art, content_hash="0" * 64) == "added"
    assert store.content_hash_of("a1") == "0" * 64
    assert store.save(art, content_hash="0" * 64) == "unchanged"


def _fail_after_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the write of child rows fail after some of them are written (a disk error, say)."""
    original = SqlStore._insert_children

    def broken(self: SqlStore, conn: object, article: object) -> None:
        original(self, conn, article)  # type: ignore[arg-type]
        raise OperationalError("INSERT INTO blocks", {}, Exception("disk I/O error"))

    monkeypatch.setattr(SqlStore, "_insert_children", broken)


def test_failed_child_rows_leave_nothing_of_a_new_article(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_after_children(monkeypatch)
    with pytest.raises(StoreError, match="disk I/O error"):
        store.save(make_article())
    assert store.get("a1") is None
    assert store.count() == 0
    assert _rows(store, blocks) == 0


def test_failed_replacement_keeps_the_old_record(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    old = make_article()
    store.save(old)
    _fail_after_children(monkeypatch)
    with pytest.raises(StoreError):
        store.save(make_article(text="Title\n\nChanged.\n\nAnd more.\n\nAnd more."))
    assert store.get("a1") == article_to_dict(old)
    assert store.content_hash_of("a1") == content_hash(old)
    assert _rows(store, blocks) == len(old.blocks)


def test_database_rejecting_a_child_row_leaves_nothing(store: Store) -> None:
    """No monkeypatching: the database itself refuses a block (NOT NULL), after the article row went in."""
    bad = make_article(blocks=[Block("paragraph", 0, 5), Block(None, 5, 9)])  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot save article 'a1'"):
        store.save(bad)
    assert store.count() == 0
    assert _rows(store, blocks) == 0


def test_list_order_limit_offset(store: Store) -> None:
    for i in range(5):
        store.save(make_article(id=f"doc-{i}", text="x" * (i + 1), blocks=[Block("paragraph", 0, 1)] * i))
    ids = [r.id for r in store.list()]
    assert ids == [f"doc-{i}" for i in range(5)]
    assert [r.id for r in store.list(limit=2, offset=1)] == ["doc-1", "doc-2"]
    assert [r.blocks for r in store.list()] == [0, 1, 2, 3, 4]
    assert store.list(limit=0) == []
    with pytest.raises(StoreError):
        store.list(limit=-1)


def test_unstorable_characters(store: Store) -> None:
    text = "nul \x00 here, lone \ud800 surrogate, emoji 🙂, rtl שלום"
    art = make_article(text=text, title="t\x00itle", blocks=[Block("paragraph", 0, len(text))])
    assert store.save(art) == "added"
    got = store.get("a1")
    assert got is not None and got["article"]["text"] == text and got["article"]["title"] == "t\x00itle"
    assert store.save(art) == "unchanged"
    assert isinstance(store, SqlStore)
    with store._engine.connect() as conn:
        assert conn.execute(select(articles.c.text)).scalar_one() == text.replace("\x00", "\ufffd").replace(
            "\ud800", "\ufffd")
    with pytest.raises(StoreError, match="cannot be stored"):
        store.save(make_article(id="bad\x00id"))
    assert store.get("bad\x00id") is None


def test_reopen_keeps_data_and_does_not_migrate_again(db_url: str) -> None:
    with open_store(db_url) as s:
        s.save(make_article())
    with open_store(db_url) as s:
        assert s.count() == 1
        assert s.migrate() == s.migrate()
        assert isinstance(s, SqlStore)
        with s._engine.connect() as conn:
            from newsdesk.store.migrations import current_version, latest_version

            assert current_version(conn) == latest_version()


def test_two_stores_on_one_database(db_url: str) -> None:
    with open_store(db_url) as a, open_store(db_url) as b:
        assert a.save(make_article(id="x")) == "added"
        assert b.save(make_article(id="x")) == "unchanged"
        assert b.save(make_article(id="y")) == "added"
        assert a.count() == 2


# -- SQLite specifics ------------------------------------------------------------------------------


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as s:
        assert isinstance(s, SqlStore)
        with s._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_sqlite_foreign_keys_enforced(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as s:
        assert isinstance(s, SqlStore)
        with pytest.raises(Exception, match="FOREIGN KEY"), s._engine.begin() as conn:
            conn.execute(blocks.insert().values(article_id="ghost", ordinal=0, kind="paragraph", start=0,
                                                end=1, boilerplate=False))


# -- opening -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, message", [
    ("mysql://u@localhost/db", "unsupported database 'mysql'"),
    ("news.db", "did you mean sqlite:///news.db"),
    ("sqlite+nosuchdriver:///x.db", "unknown database driver"),
    ("", "not a database URL"),
])
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_missing_folder_is_an_error_for_explicit_urls(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 's.db'}")


def test_read_only_open_does_not_create(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with pytest.raises(StoreError, match="no store at"):
        open_store(f"sqlite:///{path}", create=False)
    assert not path.exists()


def test_unreachable_postgres_is_a_clear_error_without_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://newsdesk:secret@127.0.0.1:1/newsdesk")
    message = str(info.value)
    assert "127.0.0.1:1/newsdesk" in message
    assert "secret" not in message
    assert "\n" not in message


def test_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_url() == f"sqlite:///{tmp_path / 'xdg' / 'newsdesk' / 'newsdesk.db'}"
    with open_store() as s:  # the folder is created on demand
        s.save(make_article())
    assert (tmp_path / "xdg" / "newsdesk" / "newsdesk.db").is_file()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_url() == f"sqlite:///{tmp_path / 'home' / '.local' / 'share' / 'newsdesk' / 'newsdesk.db'}"
    monkeypatch.setenv("NEWSDESK_DB", "sqlite:///elsewhere.db")
    assert default_db_url() == "sqlite:///elsewhere.db"
