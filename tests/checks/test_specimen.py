"""The content-farm specimen of ../shared (read at test time; skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.api import analyze_text


@pytest.fixture
def specimen(shared: Path) -> str:
    path = shared / "eval" / "specimens" / "content-farm-1.txt"
    if not path.is_file():
        pytest.skip(f"specimen not found at {path}")
    return path.read_text(encoding="utf-8")


def test_specimen_flags_and_score(specimen: str) -> None:
    art = analyze_text(specimen, stages=["structure", "checks", "score"], published="2024-09-14")
    got: dict[str, list[str]] = {}
    for f in art.flags:
        got.setdefault(f.kind, []).append(specimen[f.start : f.end])
    assert any(s.startswith("Modi-Sharif Meeting Back On The Table") for s in got["stitched"])
    assert {"commonplace elections", "press convention"} <= set(got["spun_phrase"])
    assert {"teh", "goverments"} <= set(got["typo"])
    assert {"pakistan", "new Delhi", "narendra Modi"} <= set(got["casing"])
    assert any("India Pakistan Talks" in s for s in got["keyword_stuffing"])
    assert any(s.startswith("Did You Know?") for s in got["boilerplate"])
    assert art.scores["reliability"] < 0.3
