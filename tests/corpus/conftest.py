"""Fixtures of the corpus tests: a store on each engine (as tests/store), and small corpora."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine

from newsdesk.store import Store, open_store

from .synth import register

PG_ENV = "NEWSDESK_TEST_PG"

register()  # the light 'synth_parts' stage (tests/corpus/synth.py)


def _reset_pg(url: str) -> None:
    try:
        engine = create_engine(url)
    except ImportError as exc:  # psycopg missing
        pytest.skip(f"{PG_ENV} is set but the driver is missing ({exc.name}): pip install -e '.[postgres]'")
    with engine.begin() as conn:
        md = MetaData()
        md.reflect(conn)
        md.drop_all(conn)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each engine (PostgreSQL: the scratch database of ``NEWSDESK_TEST_PG``)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("NEWSDESK_REQUIRE_PG"):
            pytest.fail(f"NEWSDESK_REQUIRE_PG is set but {PG_ENV} is empty: PostgreSQL did not start")
        pytest.skip(f"PostgreSQL corpus tests: set {PG_ENV}=postgresql://user@host/scratch_db to run them")
    _reset_pg(url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
