"""Fixtures of the stories tests; the store fixtures (SQLite, PostgreSQL when configured) are reused."""

from __future__ import annotations

from pathlib import Path

from store.conftest import db_url  # noqa: F401  (the store tests' engines: SQLite, and PostgreSQL if set)

DATA = Path(__file__).resolve().parent / "data"
HANDMADE = DATA / "handmade.jsonl"
