"""`newsdesk serve`: option checks that fail before anything listens."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main


def test_serve_help_lists_the_options() -> None:
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for opt in ("--db", "--host", "--port", "--ingest-token", "--max-upload-bytes"):
        assert opt in out
    assert "127.0.0.1" in out


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--ingest-token", "short"])
    assert r.exit_code == 1 and "at least 16" in r.output


def test_serve_does_not_create_a_store(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'missing.db'}"])
    assert r.exit_code == 1 and "error:" in r.output
    assert not (tmp_path / "missing.db").exists()
