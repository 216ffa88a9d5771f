"""The store commands end to end: ingest -> articles -> show, and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Inputs in tmp_path and a default store location that is not the user's."""
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "summit.txt").write_text(
        "Leaders meet in Geneva\n\nThe talks began on Monday, officials said.\n\nMore talks follow.\n",
        encoding="utf-8")
    records = [{"id": "wire-1", "text": "Rain [expected] in Oslo.\n\nIt will be cold.", "title": "[b]Weather[/b]",
                "published": "2024-03-08", "source": "wire"},
               {"id": "wire-2", "html": "<html><body><p>Markets rose sharply today.</p></body></html>"}]
    (tmp_path / "in" / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'news.db'}"


def test_ingest_articles_show(env: Path) -> None:
    url, inputs = db(env), str(env / "in")
    result = run("ingest", inputs, "--db", url)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("3 added, 0 replaced, 0 unchanged, 0 failed")
    assert result.stderr == ""

    listing = run("articles", "--db", url, "--format", "jsonl")
    assert listing.exit_code == 0
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    summit = str(env / "in" / "summit.txt")
    assert sorted(r["id"] for r in rows) == sorted([summit, "wire-1", "wire-2"])
    wire1 = next(r for r in rows if r["id"] == "wire-1")
    assert (wire1["published"], wire1["title"], wire1["source"]) == ("2024-03-08", "[b]Weather[/b]", "wire")
    assert wire1["blocks"] >= 1

    table = run("articles", "--db", url)
    assert table.exit_code == 0
    assert "wire-1" in table.stdout and "[b]Weather[/b]" in table.stdout and "of 3 article(s)" in table.stdout

    shown = run("show", "wire-1", "--db", url, "--format", "json")
    assert shown.exit_code == 0
    obj = json.loads(shown.stdout)
    assert obj["schema"] == "newsdesk.analysis/1"
    assert obj["article"]["text"] == "Rain [expected] in Oslo.\n\nIt will be cold."
    assert obj["provenance"]["line"] == 1

    report = run("show", summit, "--db", url)
    assert report.exit_code == 0
    assert f"id: {summit}" in report.stdout and "blocks" in report.stdout


def test_reingest_is_unchanged_and_a_change_replaces(env: Path) -> None:
    url, inputs = db(env), str(env / "in")
    run("ingest", inputs, "--db", url)
    again = run("ingest", inputs, "--db", url)
    assert again.exit_code == 0
    assert again.stdout.startswith("0 added, 0 replaced, 3 unchanged, 0 failed")
    (env / "in" / "summit.txt").write_text("Leaders meet in Geneva\n\nTalks ended.\n", encoding="utf-8")
    third = run("ingest", inputs, "--db", url)
    assert third.stdout.startswith("0 added, 1 replaced, 2 unchanged, 0 failed")
    obj = json.loads(run("show", str(env / "in" / "summit.txt"), "--db", url, "--format", "json").stdout)
    assert obj["article"]["text"] == "Leaders meet in Geneva\n\nTalks ended.\n"


def test_failures_are_one_line_each_and_exit_1(env: Path) -> None:
    bad = env / "in" / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Fine."}\n{broken\n{"id": "no-body"}\n', encoding="utf-8")
    result = run("ingest", str(bad), str(env / "missing.txt"), "--db", db(env))
    assert result.exit_code == 1
    assert result.stdout.startswith("1 added, 0 replaced, 0 unchanged, 3 failed")
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"error: {bad}:2: ")
    assert errors[1].startswith(f"error: {bad}:3: ")
    assert errors[2].startswith(f"error: {env / 'missing.txt'}: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["show", "nope"], "error: no article with id 'nope'"),
    (["articles", "--db", "mysql://u@h/db"], "error: unsupported database 'mysql'"),
    (["ingest", "x.txt", "--db", "news.db"], "error: not a database URL"),
    (["ingest", "x.txt", "--stages", "nope"], "error: unknown stage 'nope'"),
])
def test_errors_are_one_line(env: Path, args: list[str], message: str) -> None:
    run("ingest", str(env / "in"), "--db", db(env))
    if "--db" not in args:
        args = [*args, "--db", db(env)]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_reading_a_store_that_does_not_exist(env: Path) -> None:
    result = run("articles", "--db", f"sqlite:///{env / 'none.db'}")
    assert result.exit_code == 1 and "no store at" in result.stderr
    assert not (env / "none.db").exists()


def test_default_store_location(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("ingest", str(env / "in" / "summit.txt"))
    assert result.exit_code == 0
    default = env / "xdg" / "newsdesk" / "newsdesk.db"
    assert default.is_file()
    assert str(default) in result.stdout
    assert run("articles", "--format", "jsonl").stdout.count("\n") == 1
    monkeypatch.setenv("NEWSDESK_DB", f"sqlite:///{env / 'env.db'}")
    run("ingest", str(env / "in" / "summit.txt"))
    assert (env / "env.db").is_file()


def test_help_shows_the_default_store(env: Path) -> None:
    for command in ("ingest", "articles", "show"):
        result = run(command, "--help")
        assert result.exit_code == 0
        flat = " ".join(result.stdout.split())
        assert "$NEWSDESK_DB" in flat and str(env / "xdg" / "newsdesk" / "newsdesk.db") in flat.replace(" ", "")
