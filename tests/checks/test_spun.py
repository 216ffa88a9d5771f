from __future__ import annotations

from newsdesk.checks.spun import mechanism

from .helpers import both, spans

TEXT = ("The minister called the reports counterfeit news at a hastily arranged press convention on Monday, "
        "and said that doctors screening for bosom cancer would get more money.\n")


def test_mechanism_finds_synonym_substitutions() -> None:
    hit = mechanism("counterfeit", "news")
    assert hit is not None and hit["original"] == "fake" and hit["relation"] == "synonym"
    hit = mechanism("press", "convention")
    assert hit is not None and hit["expected"] == "press conference"
    assert mechanism("bosom", "cancer") is not None


def test_mechanism_leaves_usual_and_natural_phrases() -> None:
    for a, b in [("press", "conference"), ("news", "conference"), ("peace", "negotiations"),
                 ("national", "elections"), ("senior", "officials"), ("every", "quarter")]:
        assert mechanism(a, b) is None, (a, b)


def test_spun_phrase_flags_with_expected_phrase() -> None:
    for flags in both("spun_phrase", TEXT):
        assert spans(flags, TEXT) == ["counterfeit news", "press convention", "bosom cancer"]
        ev = flags[1].evidence
        assert isinstance(ev, dict) and ev["expected"] == "press conference" and "collocation" in ev["sources"]


def test_no_spun_phrase_in_plain_reporting() -> None:
    text = ("The minister told a press conference on Monday that general elections would be held in May, "
            "and that fake news about the vote was being investigated by the police.\n")
    for flags in both("spun_phrase", text):
        assert flags == []
