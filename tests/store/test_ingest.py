"""``newsdesk.api.ingest``: analyse only what is new or changed, store each article on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.api import get_analysis, ingest, list_articles
from newsdesk.errors import ConfigError, StoreError
from newsdesk.model import Article, Failure
from newsdesk.pipeline import Pipeline
from newsdesk.store import SqlStore, Store, open_store


def _corpus(tmp_path: Path, records: list[dict[str, object] | str]) -> str:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the pipeline analysed."""
    seen: list[str] = []
    original = Pipeline.run

    def counting(self: Pipeline, article: Article) -> Article:
        seen.append(article.id)
        return original(self, article)

    monkeypatch.setattr(Pipeline, "run", counting)
    return seen


def test_ingest_skips_analysis_of_unchanged_articles(tmp_path: Path, db_url: str, runs: list[str]) -> None:
    recs: list[dict[str, object] | str] = [{"id": "a", "text": "One.\n\nTwo."}, {"id": "b", "text": "Three."}]
    path = _corpus(tmp_path, recs)
    first = ingest(path, db=db_url)
    assert (first.added, first.replaced, first.unchanged, first.failed) == (2, 0, 0, 0)
    assert runs == ["a", "b"]
    runs.clear()
    again = ingest(path, db=db_url)
    assert (again.added, again.replaced, again.unchanged, again.failed) == (0, 0, 2, 0)
    assert runs == []  # nothing analysed again
    path = _corpus(tmp_path, [recs[0], {"id": "b", "text": "Three, changed."}, {"id": "c", "text": "New."}])
    third = ingest(path, db=db_url)
    assert (third.added, third.replaced, third.unchanged) == (1, 1, 1)
    assert runs == ["b", "c"]
    stored = get_analysis("b", db=db_url)
    assert stored is not None and stored["article"]["text"] == "Three, changed."
    page = list_articles(db=db_url)
    assert page.total == 3 and [r.id for r in page.rows] == ["a", "b", "c"]


def test_force_reanalyses(tmp_path: Path, db_url: str, runs: list[str]) -> None:
    path = _corpus(tmp_path, [{"id": "a", "text": "One."}])
    ingest(path, db=db_url)
    summary = ingest(path, db=db_url, force=True)
    assert summary.replaced == 1 and runs == ["a", "a"]


def test_failures_are_collected_and_the_run_goes_on(tmp_path: Path, db_url: str) -> None:
    path = _corpus(tmp_path, [{"id": "a", "text": "One."}, "{not json", {"id": "b"}, {"id": "c", "text": "Two."}])
    seen: list[tuple[str, str]] = []
    summary = ingest([path, str(tmp_path / "missing.txt")], db=db_url,
                     on_item=lambda outcome, item: seen.append((outcome, item.id)))
    assert (summary.added, summary.failed) == (2, 3)
    assert [(f.source, f.line) for f in summary.failures] == [
        (path, 2), (path, 3), (str(tmp_path / "missing.txt"), None)]
    assert [o for o, _ in seen] == ["added", "failed", "failed", "added", "failed"]


def test_a_failing_stage_fails_only_its_article(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Pipeline.run

    def flaky(self: Pipeline, article: Article) -> Article:
        if article.id == "bad":
            from newsdesk.errors import StageError

            raise StageError("structure", ValueError("boom"))
        return original(self, article)

    monkeypatch.setattr(Pipeline, "run", flaky)
    path = _corpus(tmp_path, [{"id": "bad", "text": "x"}, {"id": "ok", "text": "y"}])
    summary = ingest(path, db=db_url)
    assert summary.added == 1
    [failure] = summary.failures
    assert isinstance(failure, Failure) and failure.id == "bad" and failure.line == 1 and "boom" in failure.message
    assert get_analysis("bad", db=db_url) is None


def test_a_failing_write_fails_only_its_article(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    original = SqlStore.save

    def save(self: SqlStore, article: Article, **kw: object) -> str:
        if article.id == "bad":
            raise StoreError("cannot save: disk full")
        return original(self, article, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(SqlStore, "save", save)
    path = _corpus(tmp_path, [{"id": "bad", "text": "x"}, {"id": "ok", "text": "y"}])
    summary = ingest(path, db=store)  # an open store is used as is, and left open
    assert summary.added == 1 and [f.kind for f in summary.failures] == ["store"]
    assert store.count() == 1


def test_bad_stage_names_fail_before_the_store_is_created(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with pytest.raises(ConfigError, match="unknown stage"):
        ingest(_corpus(tmp_path, [{"id": "a", "text": "x"}]), db=f"sqlite:///{db}", stages=["no_such_stage"])
    assert not db.exists()


def test_reading_commands_do_not_create_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        list_articles(db=f"sqlite:///{tmp_path / 's.db'}")
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as s:
        assert get_analysis("x", db=s) is None
