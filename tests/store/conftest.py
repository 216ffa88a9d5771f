"""Fixtures of the store tests: every store test runs on each engine.

SQLite always; PostgreSQL when ``NEWSDESK_TEST_PG`` holds a SQLAlchemy URL of a *scratch*
database (its newsdesk tables are dropped before each test), else skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine

from newsdesk.model import Article, Block, Origin
from newsdesk.store import Store, open_store

PG_ENV = "NEWSDESK_TEST_PG"


def _reset_pg(url: str) -> None:
    try:
        engine = create_engine(url)
    except ImportError as exc:  # psycopg missing
        if os.environ.get("NEWSDESK_REQUIRE_PG"):
            pytest.fail(f"psycopg missing in CI ({exc.name})")
        pytest.skip(f"{PG_ENV} is set but the driver is missing ({exc.name}): pip install -e '.[postgres]'")
    with engine.begin() as conn:
        md = MetaData()
        md.reflect(conn)
        md.drop_all(conn)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("NEWSDESK_REQUIRE_PG"):  # set by .ci/run: in CI these tests must run
            pytest.fail(f"NEWSDESK_REQUIRE_PG is set but {PG_ENV} is empty: PostgreSQL did not start")
        pytest.skip(f"PostgreSQL store tests: set {PG_ENV}=postgresql://user@host/scratch_db to run them")
    _reset_pg(url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()


def make_article(id: str = "a1", text: str = "Title\n\nFirst paragraph.\n\nSecond paragraph.", *,
                 blocks: list[Block] | None = None, line: int | None = None, **meta: object) -> Article:
    """An analysed-looking article with blocks, without running the pipeline."""
    art = Article(id=id, text=text, origin=Origin("fixtures/a.jsonl", "jsonl", line), **meta)  # type: ignore[arg-type]
    if blocks is None:
        blocks, pos = [], 0
        for part in text.split("\n\n"):
            kind = "title" if pos == 0 else "paragraph"
            blocks.append(Block(kind=kind, start=pos, end=pos + len(part), level=1 if kind == "title" else None))
            pos += len(part) + 2
    art.blocks = blocks
    art.stages = ["structure"]
    return art
