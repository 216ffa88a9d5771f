from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import kb as kbmod

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="session")
def kb() -> kbmod.KnowledgeBase:
    return kbmod.load()
