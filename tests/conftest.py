"""Shared test fixtures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# compiled caches (newsdesk.cache) of this test session go to a fresh folder, inherited by the
# CLI subprocesses the tests start: a stale cache in the user's home never hides a bug
os.environ.setdefault("NEWSDESK_CACHE_DIR", tempfile.mkdtemp(prefix="newsdesk-test-cache-"))


@pytest.fixture
def shared() -> Path:
    """The read-only ``../shared`` folder beside the project (skip when absent)."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED
