"""The rule prefilter (``newsdesk.timex.prefilter``): never skips a rule, or a part of a text, where a rule matches."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from newsdesk.timex import find_timexes, prefilter
from newsdesk.timex.patterns import rules

TEXTS = [
    "The talks were held on March 3, 2021 in Geneva, two weeks ago, and again last Tuesday at 9:30 am.",
    "IN THE SECOND QUARTER OF 2023 THE FIRM GREW; FISCAL 2024 LOOKS WEAK. THREE YEARS AGO IT WAS 2/3 SMALLER.",
    "Sales rose 4% in Q3 '24 and during the 1990s; by the mid-19th century, every other week was a holiday.",
    "She left on 12/05/2019 at 15:00 GMT, returned the day after tomorrow and stays for a year and a half.",
    "Christmas Eve, New Year's Day, Thanksgiving 2022 and Easter fell on a weekend; twice a month, since May.",
    "Earlier this summer, the previous decade, recently, nowadays, in the near future, at noon, at midnight.",
    "the past 48 hours; 3 to 5 days; several months; half an hour; once a week; each Monday; 2024-09-14T08:30",
    "Dates: Fri 5/27, Friday, May 27th; 1430 GMT; 9h30; 7 p.m. EST; the end of the month; Sept. 2021.",
    "At mıdnight (a dotless i), 3 dayK (Kelvin sign) and İstanbul on Monday.",
    "No time here at all, only words: apples, pears and a long walk in the park.",
    "",
]


def test_the_table_is_current() -> None:
    fresh = {name: (prefilter.requirements(rx), prefilter.reach(rx)) for name, _, rx in rules()}
    assert {k: (v[1], v[2]) for k, v in prefilter.TABLE.items()} == fresh, prefilter.table_source()
    assert all(prefilter.TABLE[name][0] == prefilter.fingerprint(rx) for name, _, rx in rules()), (
        prefilter.table_source()
    )
    assert prefilter.rule_facts() == fresh


def test_a_changed_pattern_is_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "TABLE", {name: (0, ("never in any text",), (0, ())) for name in prefilter.TABLE})
    prefilter.rule_facts.cache_clear()
    try:
        assert prefilter.rule_facts() == {
            name: (prefilter.requirements(rx), prefilter.reach(rx)) for name, _, rx in rules()
        }
    finally:
        prefilter.rule_facts.cache_clear()


def test_the_ignorecase_twins_are_complete() -> None:
    every = "".join(map(chr, range(0x80, 0x110000)))
    assert tuple(sorted(set(re.findall("[a-z]", every, re.IGNORECASE)))) == tuple(
        sorted(prefilter.IGNORECASE_ASCII_TWINS)
    )


def test_requirements_read_from_a_pattern() -> None:
    assert prefilter.requirements(re.compile(r"\bfoo(?:bar|baz)\s+\d+")) == ("foobar", "foobaz")
    assert prefilter.requirements(re.compile(r"(?i)\b(?:Last|NEXT)\s+week")) == ("week",)
    assert prefilter.requirements(re.compile(r"\d+(?:st|nd)?")) is None  # nothing literal is required
    assert prefilter.requirements(re.compile(r"(?:ago)?\s+\d")) is None  # optional: not required


def test_reach_read_from_a_pattern() -> None:
    assert prefilter.reach(re.compile(r"\bab\s+c(?!\w)")) == (4, ((r"\s", 1),))
    assert prefilter.reach(re.compile(r"(?<=x)a(?:b|cde)?[\s-]*\d{1,2}")) == (6, ((r"\-\s", 1),))
    assert prefilter.reach(re.compile(r"a(?:bc)+")) == (1, (("bc", 1),))
    assert prefilter.reach(re.compile(r"a?")) is None  # can match the empty string
    assert prefilter.reach(re.compile(r"a.+")) is None  # no class to bound the repeat by


@pytest.mark.parametrize("text", [*TEXTS, "ſix ſeconds later (long s)"])
def test_no_rule_with_a_match_is_skipped(text: str) -> None:
    needs = prefilter.rule_requirements()
    for variant in (text, text.upper(), text.lower(), text.title()):
        low = prefilter.lowered(variant)
        for name, _, rx in rules():
            if rx.search(variant):
                assert prefilter.may_match(needs[name], low), (name, variant)


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _same_matches(text: str) -> None:
    scan = prefilter.TextScan(text)
    for name, _, rx in rules():
        assert _spans(scan.matches(name, rx)) == _spans(rx.finditer(text)), name


@pytest.mark.parametrize("text", TEXTS)
def test_the_scan_finds_what_a_whole_text_scan_finds(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter.TextScan, "MAX_COVER", 1e9)  # always by windows
    long = "\n\n".join([*TEXTS, text, "   \t  - -- ", text.upper(), *reversed(TEXTS)])
    for variant in (text, text.upper(), long, long.lower()):
        _same_matches(variant)


def test_the_scan_finds_what_a_whole_text_scan_finds_on_the_eval_texts(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = shared / "eval" / "data"
    paths = [data / "meantime" / "meantime_timex.jsonl", data / "tempeval3" / "te3_platinum_test.jsonl"]
    if not all(p.is_file() for p in paths):
        pytest.skip("eval texts not found")
    monkeypatch.setattr(prefilter.TextScan, "MAX_COVER", 1e9)
    for path in paths:
        for line in path.open(encoding="utf-8"):
            _same_matches(json.loads(line)["text"])


@pytest.mark.parametrize("text", TEXTS)
def test_find_timexes_is_the_same_without_the_filter(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = find_timexes(text, date(2024, 9, 14))
    monkeypatch.setattr(prefilter.TextScan, "matches", lambda self, name, rx: rx.finditer(self.text))
    assert find_timexes(text, date(2024, 9, 14)) == filtered


def test_a_text_with_an_ignorecase_twin_is_not_filtered() -> None:
    assert prefilter.lowered("ſix ſeconds") is None
    assert prefilter.lowered("plain ascii") == "plain ascii"
    assert prefilter.lowered("“curly” quotes — fine") == "“curly” quotes — fine"
