"""The Wikidata refresh path (on a fixture, offline), the cached loader and its pickling."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from newsdesk import kb as kbmod
from newsdesk.kb import wikidata

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata_heads.json"


def test_convert_fixture() -> None:
    records = wikidata.convert(json.loads(FIXTURE.read_text(encoding="utf-8")))
    # duplicate binding dropped; the row without a country and the mayor (no known role) skipped
    assert [(r["name"], r["iso3"], r["role"], r["start"], r["end"], r["end_kind"]) for r in records] == [
        ("Exámple Person Two", "DEU", "head_of_state", "2020-01-01", "2024-06-30", "firm"),
        ("Example Person One", "JPN", "head_of_government", "2026-02-10", None, "open"),
    ]
    assert records[0]["source"] == "Wikidata Q100000002"
    tenures = wikidata.load_tenures(FIXTURE)
    assert tenures[0].certainty == "firm" and tenures[0].title == "President of Examplia"


def test_refreshed_tenures_load_beside_the_shipped_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(kbmod.DATA_DIR, data)
    assert wikidata.main([str(FIXTURE), str(data / "officeholders-wikidata.json.gz")]) == 0
    base = kbmod.load(data)
    assert "Exámple Person Two" in [t.name for t in base.holders("DEU", "head_of_state", "2022-01-01")]
    assert [t.source for t in base.tenures_of("example person two")] == ["Wikidata Q100000002"]
    assert base is kbmod.load(data)


def test_load_is_cached_and_pickles_as_a_path() -> None:
    base = kbmod.load()
    assert kbmod.load() is base
    blob = pickle.dumps(base)
    assert len(blob) < 500
    assert pickle.loads(blob) is base


def test_load_does_not_read_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    base = kbmod.KnowledgeBase()
    base.cameo  # noqa: B018 - force the lazy part
    assert not [p for p in opened if "shared" in Path(p).parts]
