"""Migrations: the steps produce exactly the schema the code queries, from any version, once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Column, Connection, ForeignKey, Integer, MetaData, Table, Text, create_engine, inspect, text

from newsdesk.errors import StoreError
from newsdesk.store import SqlStore, open_store
from newsdesk.store.dialects import configure, engine_kwargs
from newsdesk.store.migrations import MIGRATIONS, Migration, current_version, latest_version, migrate
from newsdesk.store.schema import NAMING_CONVENTION, metadata

from .conftest import make_article


def _engine(url: str) -> Any:
    from sqlalchemy.engine import make_url

    engine = create_engine(url, **engine_kwargs(make_url(url)))
    configure(engine)
    return engine


def snapshot(conn: Connection) -> dict[str, Any]:
    """The schema of a database as reflected: tables, columns, keys, indexes."""
    insp = inspect(conn)
    out: dict[str, Any] = {}
    for name in sorted(insp.get_table_names()):
        out[name] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(name)],
            "pk": insp.get_pk_constraint(name)["constrained_columns"],
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]),
                           (f.get("options") or {}).get("ondelete")) for f in insp.get_foreign_keys(name)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in insp.get_indexes(name)),
        }
    return out


def _snapshot(url: str) -> dict[str, Any]:
    engine = _engine(url)
    with engine.connect() as conn:
        snap = snapshot(conn)
    engine.dispose()
    return snap


def _wipe(url: str) -> None:
    engine = _engine(url)
    with engine.begin() as conn:
        md = MetaData()
        md.reflect(conn)
        md.drop_all(conn)
    engine.dispose()


def test_steps_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert latest_version() == len(MIGRATIONS)


def test_steps_build_exactly_the_schema_the_code_queries(db_url: str) -> None:
    engine = _engine(db_url)
    assert migrate(engine) == latest_version()
    engine.dispose()
    migrated = _snapshot(db_url)
    _wipe(db_url)
    engine = _engine(db_url)
    metadata.create_all(engine)
    engine.dispose()
    assert migrated == _snapshot(db_url)


@pytest.mark.parametrize("start", range(latest_version() + 1))
def test_from_any_version_gives_the_same_schema(db_url: str, start: int) -> None:
    engine = _engine(db_url)
    assert migrate(engine) == latest_version()
    engine.dispose()
    fresh = _snapshot(db_url)
    _wipe(db_url)
    engine = _engine(db_url)
    assert migrate(engine, target=start) == start
    with engine.connect() as conn:
        assert current_version(conn) == start
    assert migrate(engine) == latest_version()
    engine.dispose()
    assert _snapshot(db_url) == fresh


def test_migrating_again_changes_nothing(db_url: str) -> None:
    engine = _engine(db_url)
    migrate(engine)
    before = _snapshot(db_url)
    assert migrate(engine) == latest_version()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar_one() == latest_version()
    engine.dispose()
    assert _snapshot(db_url) == before


def _widgets_step(conn: Connection) -> None:
    md = MetaData(naming_convention=NAMING_CONVENTION)
    Table("articles", md, Column("id", Text, primary_key=True))  # referenced only
    Table("widgets", md,
          Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
          Column("ordinal", Integer, primary_key=True, autoincrement=False),
          Column("name", Text, nullable=False))
    md.tables["widgets"].create(conn)


def test_adding_a_table_is_one_more_step(db_url: str) -> None:
    """How a later issue adds entities/events/flags: append a step; existing data stays."""
    with open_store(db_url) as s:
        s.save(make_article())
    steps = [*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "widgets", _widgets_step)]
    engine = _engine(db_url)
    assert migrate(engine, migrations=steps) == len(steps)
    assert migrate(engine, migrations=steps) == len(steps)
    with engine.connect() as conn:
        assert "widgets" in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 1
    engine.dispose()


def test_a_failing_step_is_rolled_back_entirely(db_url: str) -> None:
    def half_done(conn: Connection) -> None:
        _widgets_step(conn)  # DDL that must be undone too
        raise RuntimeError("step failed half-way")

    engine = _engine(db_url)
    migrate(engine)
    steps = [*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", half_done)]
    with pytest.raises(RuntimeError):
        migrate(engine, migrations=steps)
    with engine.connect() as conn:
        assert current_version(conn) == latest_version()
        assert "widgets" not in inspect(conn).get_table_names()
    engine.dispose()


def test_a_newer_database_is_refused(db_url: str) -> None:
    engine = _engine(db_url)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version (version, description, applied_at) "
                          "VALUES (999, 'from the future', CURRENT_TIMESTAMP)"))
    engine.dispose()
    with pytest.raises(StoreError, match="schema version 999, newer"):
        open_store(db_url)


def test_out_of_order_steps_are_refused(db_url: str) -> None:
    engine = _engine(db_url)
    with pytest.raises(StoreError, match="out of order"):
        migrate(engine, migrations=[Migration(2, "gap", _widgets_step)])
    engine.dispose()


def test_store_migrate_reports_the_version(store: SqlStore) -> None:
    assert store.migrate() == latest_version()
