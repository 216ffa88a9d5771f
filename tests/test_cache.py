"""Compiled caches: built once, reloaded while the sources are unchanged, rebuilt otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsdesk import cache


@pytest.fixture
def cdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(d))
    monkeypatch.delenv("NEWSDESK_CACHE", raising=False)
    return d


def test_built_once_then_loaded(cdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.txt"
    src.write_text("a b c")
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return src.read_text().split()

    assert cache.cached("words", [src], build) == ["a", "b", "c"]
    assert cache.cached("words", [src], build) == ["a", "b", "c"]
    assert len(calls) == 1
    assert len(list(cdir.glob("words-*.pickle"))) == 1


def test_changed_source_or_version_rebuilds(cdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "words.txt"
    src.write_text("a b c")
    assert cache.cached("words", [src], lambda: src.read_text().split()) == ["a", "b", "c"]
    src.write_text("a b c d")
    os.utime(src, ns=(1, 1))
    assert cache.cached("words", [src], lambda: src.read_text().split()) == ["a", "b", "c", "d"]
    assert cache.cached("words", [src], lambda: ["other"], version="2") == ["other"]


def test_bad_cache_file_is_rebuilt(cdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "x"
    src.write_text("1")
    cache.cached("x", [src], lambda: {"v": 1})
    for f in cdir.glob("x-*.pickle"):
        f.write_bytes(b"\x80\x05 truncated")
    assert cache.cached("x", [src], lambda: {"v": 2}) == {"v": 2}
    assert cache.cached("x", [src], lambda: {"v": 3}) == {"v": 2}  # the rebuilt file is used


def test_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("NEWSDESK_CACHE", "0")
    calls: list[int] = []
    for _ in range(2):
        cache.cached("y", [], lambda: calls.append(1))
    assert len(calls) == 2
    assert not (tmp_path / "c").exists()


def test_unwritable_directory_still_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("z", [], lambda: 42) == 42


def test_few_versions_kept(cdir: Path) -> None:
    for v in range(cache.KEEP + 3):
        cache.cached("many", [], lambda: 0, version=str(v))
    assert len(list(cdir.glob("many-*.pickle"))) <= cache.KEEP


def test_kb_from_cache_equals_fresh(cdir: Path) -> None:
    from newsdesk.kb.base import KnowledgeBase

    fresh = KnowledgeBase()
    again = KnowledgeBase()  # loaded from the cache written by the first
    assert list(cdir.glob("kb-*.pickle"))
    for kb in (fresh, again):
        assert [t.name for t in kb.holders("JPN", "head_of_government", "2024-06-01")] == ["Fumio Kishida"]
    assert fresh.cameo.actor_code("North Korea") == again.cameo.actor_code("North Korea")
