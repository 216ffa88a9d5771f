"""Fixtures of the corpus tests: a store on each engine (the same fixtures as tests/store), and small corpora."""

from __future__ import annotations

from store.conftest import db_url, store  # noqa: F401  (shared fixtures: SQLite and PostgreSQL)

from .synth import register

register()  # the light 'synth_parts' stage (tests/corpus/synth.py)
