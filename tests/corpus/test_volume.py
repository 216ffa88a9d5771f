"""Volume and crash safety: the same corpus twice gives the same rows; a killed ingest leaves no partial article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from newsdesk.api import ingest
from newsdesk.store import SqlStore, open_store
from newsdesk.store.schema import CHILD_TABLES, articles, search_docs

from .synth import STAGES, records, write_jsonl

WORKER = Path(__file__).with_name("ingest_worker.py")


def assert_complete(store: SqlStore) -> None:
    """Every stored article has exactly the rows its stored analysis describes, and nothing else is stored."""
    per_table = {"blocks": "blocks", "entities": "entities", "timexes": "timexes", "events": "events",
                 "claims": "claims", "flags": "flags"}
    with store._engine.connect() as conn:
        ids = set(conn.execute(select(articles.c.id)).scalars())
        counts: dict[str, dict[str, int]] = {}
        for table in CHILD_TABLES:
            counts[table.name] = dict(conn.execute(  # type: ignore[arg-type]
                select(table.c.article_id, func.count()).group_by(table.c.article_id)).all())
            assert set(counts[table.name]) <= ids, f"{table.name} rows without their article"
        assert set(counts[search_docs.name]) == ids and all(n == 1 for n in counts[search_docs.name].values())
    assert store.table_counts()["search_fts"] == len(ids)
    for id in ids:
        obj = store.get(id)
        assert obj is not None
        for table, key in per_table.items():
            assert counts[table].get(id, 0) == len(obj[key]), (id, table)
        assert counts["mentions"].get(id, 0) == sum(len(e["mentions"]) for e in obj["entities"])
        assert counts["scores"].get(id, 0) == len(obj["scores"])


def test_the_same_1000_articles_twice_give_identical_rows(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 1000)
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    first = ingest([str(corpus)], db=url, stages=STAGES)
    assert (first.added, first.failed) == (1000, 0)
    with open_store(url) as s:
        assert isinstance(s, SqlStore)
        once = s.table_counts()
        assert_complete(s)
    assert all(once[t] > 0 for t in ("entities", "mentions", "timexes", "events", "claims", "flags", "scores"))
    second = ingest([str(corpus)], db=url, stages=STAGES)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 1000)
    with open_store(url) as s:
        assert s.table_counts() == once
    # forced: every article analysed again and replaced, rows and all (a sample keeps the test fast)
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(line for i, line in enumerate(corpus.read_text().splitlines(True)) if i % 10 == 0))
    forced = ingest([str(sample)], db=url, stages=STAGES, force=True)
    assert forced.replaced == 100
    with open_store(url) as s:
        assert isinstance(s, SqlStore)
        assert s.table_counts() == once
        assert_complete(s)


def test_a_killed_ingest_leaves_whole_articles_and_resumes(tmp_path: Path, db_url: str) -> None:
    n = 200
    corpus = write_jsonl(tmp_path / "corpus.jsonl", n)
    with open_store(db_url) as s:  # migrate before the worker starts, so only article writes race the kill
        pass
    proc = subprocess.Popen([sys.executable, str(WORKER), db_url, str(corpus)], cwd=str(WORKER.parents[2]),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    stored = 0
    try:
        with open_store(db_url) as s:
            deadline = time.monotonic() + 120  # a bound on the wait, not an assertion on speed
            while time.monotonic() < deadline and proc.poll() is None:
                stored = s.count()
                if stored >= n // 2:
                    break
                time.sleep(0.02)
        assert proc.poll() is None, f"the worker ended before it could be killed: {proc.communicate()}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with open_store(db_url) as s:
        assert isinstance(s, SqlStore)
        killed_at = s.count()
        assert n // 2 <= killed_at < n
        assert_complete(s)
    again = ingest([str(corpus)], db=db_url, stages=STAGES)
    assert again.failed == 0
    assert (again.added, again.unchanged) == (n - killed_at, killed_at)
    with open_store(db_url) as s:
        assert isinstance(s, SqlStore)
        assert s.count() == n
        assert sorted(r.id for r in s.list(limit=n + 10)) == sorted(r["id"] for r in records(n))
        assert_complete(s)
