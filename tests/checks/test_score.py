from __future__ import annotations

from newsdesk.api import analyze_text
from newsdesk.checks.score import domain_of, explain, source_label
from newsdesk.model import Article, Flag, Origin


def _art(url: str | None = None, flags: list[Flag] | None = None) -> Article:
    a = Article(id="t", text="x" * 100, origin=Origin("<test>", "text"), url=url)
    a.flags = flags or []
    return a


def test_source_prior() -> None:
    assert domain_of(_art("https://www.reuters.com/world/x")) == "reuters.com"
    assert source_label("reuters.com")[0] == "reliable"
    assert source_label("news.reuters.com") == ("reliable", "reuters.com")
    assert source_label("example.invalid")[0] == "unknown"
    assert explain(_art("https://www.reuters.com/a")).reliability > explain(_art()).reliability


def test_flags_lower_reliability_and_saturate() -> None:
    clean = explain(_art()).reliability
    one = explain(_art(flags=[Flag("typo", "low", 0, 1, "m")])).reliability
    many_typos = explain(_art(flags=[Flag("typo", "medium", 0, 1, "m")] * 50)).reliability
    stitched = explain(_art(flags=[Flag("stitched", "high", 0, 1, "m"), Flag("spun_phrase", "high", 0, 1, "m"),
                                   Flag("anachronism", "high", 0, 1, "m")])).reliability
    assert 0 <= stitched < many_typos < one < clean <= 1
    assert many_typos > 0.3  # one kind alone is capped


def test_score_stage_writes_reliability_and_explanation() -> None:
    art = analyze_text("A calm report.\nThe council met on Monday and approved the budget.\n",
                       stages=["structure", "checks", "score"])
    assert 0 <= art.scores["reliability"] <= 1
    assert "reliability_prior" in art.scores and "reliability_penalty" in art.scores
