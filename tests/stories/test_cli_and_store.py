"""`newsdesk stories`: the contract's JSON Lines, the table, and the stored grouping (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from newsdesk.api import group_stored, stored_stories
from newsdesk.cli import main
from newsdesk.errors import StoreError
from newsdesk.store import SqlStore, StoryMember, open_store
from newsdesk.store.schema import stories as stories_table
from newsdesk.store.schema import story_members
from newsdesk.stories import THRESHOLD, Assignment

from .conftest import HANDMADE

IDS = ["quake-ardena-1", "quake-ardena-2", "quake-ardena-copy", "quake-morvik-1", "quake-morvik-2",
       "election-veloria", "final-cup"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _lines(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HANDMADE, folder / "a.jsonl")
    (folder / "b.jsonl").write_text('{"id": "no-text"}\n{"id": "late", "text": "Kessel United won the cup."}\n',
                                    encoding="utf-8")
    return folder


def test_jsonl_one_line_per_input_in_order_with_error_lines(inputs: Path) -> None:
    result = run("stories", str(inputs), str(inputs / "nothing.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    lines = _lines(result)
    assert [o["id"] for o in lines] == [*IDS, "no-text", "late", str(inputs / "nothing.txt")]
    for o in lines:
        if "error" in o:
            err = o["error"]
            assert isinstance(err, dict) and set(err) >= {"kind", "message"} and "story" not in o
        else:
            assert set(o) <= {"id", "story", "duplicate_of"} and isinstance(o["story"], str)
    by_id = {o["id"]: o for o in lines}
    assert by_id["quake-ardena-copy"]["duplicate_of"] == "quake-ardena-1"
    assert by_id["quake-ardena-1"]["story"] == by_id["quake-ardena-2"]["story"] == by_id["quake-ardena-copy"]["story"]
    assert by_id["quake-morvik-1"]["story"] != by_id["quake-ardena-1"]["story"]
    assert by_id["no-text"]["error"]["kind"] == "missing_field"  # type: ignore[index]
    assert "could not be grouped" in result.stderr


def test_all_good_exits_zero_and_table_lists_stories(inputs: Path) -> None:
    result = run("stories", str(inputs / "a.jsonl"))
    assert result.exit_code == 0, result.output
    assert "7 article(s) in 4 stories, 1 near-duplicate(s)" in result.stdout
    assert "quake-ardena-copy" in result.stdout


def test_options_and_usage(inputs: Path) -> None:
    one = _lines(run("stories", str(inputs / "a.jsonl"), "--format", "jsonl", "--threshold", "5"))
    assert len({o["story"] for o in one}) == 6  # nothing passes; only the copy stays with its original
    assert run("stories").exit_code == 2  # neither PATH nor --db
    bad = run("stories", str(inputs / "a.jsonl"), "--stages", "structure,nonsense")
    assert bad.exit_code == 1 and bad.stderr.startswith("error:")
    timed = _lines(run("stories", str(inputs / "a.jsonl"), "--format", "jsonl", "--stages", "structure,time"))
    assert [o["id"] for o in timed] == IDS


def test_stored_grouping_round_trip(db_url: str) -> None:
    result = group_stored(str(HANDMADE), db=db_url)
    assert result.articles == 7 and result.stories == 4 and result.ingest is not None
    assert [r.id for r in result.results] == IDS
    saved = stored_stories(db=db_url)
    assert [s.size for s in saved] == [3, 2, 1, 1]
    assert saved[0].members[0].article_id == "quake-ardena-1"
    assert {m.article_id: m.duplicate_of for m in saved[0].members} == {
        "quake-ardena-1": None, "quake-ardena-2": None, "quake-ardena-copy": "quake-ardena-1"}
    assert saved[0].title == "Strong earthquake hits northern Veloria, dozens feared dead"
    assert (saved[0].first_published, saved[0].last_published) == ("2024-03-03", "2024-03-05")
    assert saved[0].threshold == THRESHOLD and saved[0].grouped_at.tzinfo is not None
    by_story = {s.id: {m.article_id for m in s.members} for s in saved}
    for r in result.results:
        assert isinstance(r, Assignment) and r.id in by_story[r.story]
    # grouping again (no paths) replaces the stored grouping, it does not add to it
    again = group_stored(db=db_url, threshold=5.0)
    assert [r.id for r in again.results] == IDS and again.stories == 6
    with open_store(db_url) as store:
        assert isinstance(store, SqlStore)
        with store._engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(story_members)).scalar_one() == 7
            assert conn.execute(select(func.count()).select_from(stories_table)).scalar_one() == 6
    assert stored_stories(db=db_url)[0].threshold == 5.0


def test_a_failed_save_keeps_the_previous_grouping(db_url: str) -> None:
    group_stored(str(HANDMADE), db=db_url)
    before = stored_stories(db=db_url)
    with open_store(db_url) as store, pytest.raises(StoreError, match="story grouping"):
        store.save_stories([StoryMember("quake-ardena-1", "s1"), StoryMember("not-stored", "s1")], threshold=0.25)
    assert stored_stories(db=db_url) == before


def test_cli_db_without_paths_groups_what_is_stored(db_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(HANDMADE), "--db", db_url).exit_code == 0
    result = run("stories", "--db", db_url, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = _lines(result)
    assert [o["id"] for o in lines] == IDS
    assert len({o["story"] for o in lines}) == 4
    assert "7 stored article(s) in 4 stories" in result.stderr
    assert len(stored_stories(db=db_url)) == 4


def test_cli_db_with_paths_ingests_then_groups(db_url: str, inputs: Path) -> None:
    result = run("stories", str(inputs), "--db", db_url, "--format", "jsonl")
    assert result.exit_code == 1  # the record without text
    assert [o["id"] for o in _lines(result)] == [*IDS, "no-text", "late"]
    assert sum(s.size for s in stored_stories(db=db_url)) == 8


def test_cli_db_errors_are_one_line(tmp_path: Path) -> None:
    result = run("stories", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.exit_code == 1 and result.stderr.startswith("error: no store at")
