from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.report.data import Corpus, Doc
from newsdesk.store import StoryMember, open_store
from newsdesk.store.rebuild import article_from_dict

from .corpus import analyses


@pytest.fixture
def corpus() -> Corpus:
    return Corpus([Doc(a, story=s, ordinal=i) for i, (a, s) in enumerate(analyses())], "stored")


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A SQLite store holding the fabricated corpus and its grouping."""
    url = f"sqlite:///{tmp_path / 'brief.db'}"
    with open_store(url) as store:
        for analysis, _ in analyses():
            store.save(article_from_dict(analysis))
        store.save_stories([StoryMember(a["article"]["id"], s) for a, s in analyses()], threshold=0.25)
    yield url
