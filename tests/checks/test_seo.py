from __future__ import annotations

from .helpers import both, run, spans, structured


def test_spacing() -> None:
    text = "The minister said,that the talks began on May 26,2014 in the capital.\n"
    for flags in both("spacing", text):
        flags.sort(key=lambda f: f.start)
        assert spans(flags, text) == ["said,that", "May 26,2014"]
        assert [f.severity for f in flags] == ["medium", "low"]


def test_no_spacing_in_numbers_urls_and_lists() -> None:
    text = "About 1,000 people and 3.5 per cent, see https://example.org/a,b and tags a,b,c,d here.\n"
    for flags in both("spacing", text):
        assert flags == []


def test_markup_residue() -> None:
    text = 'article-body">\nThe talks ended&nbsp;late on Friday.</div>\nA clean line of text.\n'
    for flags in both("markup_residue", text):
        got = spans(flags, text)
        assert 'article-body">' in got and "&nbsp;" in got and "</div>" in got
    assert run("markup_residue", structured("A clean article about <3 things and a < b.\n")) == []


def test_callout_and_keywords() -> None:
    text = ("Harbour Town Opens New Ferry Terminal\n"
            "The new ferry terminal opened on Saturday with three daily crossings to the islands.\n"
            "Did You Know? The first ferry crossed the bay in 1890.\n"
            "Keywords\n* Harbour Town Ferry\n* Ferry Terminal Opening\n* Island Crossings\n")
    for flags in both("boilerplate", text):
        assert any(text[f.start : f.end].startswith("Did You Know?") for f in flags)
    for flags in both("keyword_stuffing", text):
        assert len(flags) == 1 and flags[0].evidence["keywords"][0] == "Harbour Town Ferry"  # type: ignore[index]


def test_no_boilerplate_or_stuffing_in_plain_article() -> None:
    text = ("Harbour Town Opens New Ferry Terminal\n"
            "The new ferry terminal opened on Saturday with three daily crossings to the islands.\n"
            "Residents said the crossings would help workers reach the mainland.\n")
    for name in ("boilerplate", "keyword_stuffing", "markup_residue"):
        for flags in both(name, text):
            assert flags == []


def test_repeated_headline_phrase_is_stuffing() -> None:
    phrase = "Best Cheap Ferry Tickets"
    body = " ".join(f"Buy {phrase} today and compare offers for the summer season." for _ in range(6))
    text = f"{phrase} Guide\n{body}\n"
    flags = run("keyword_stuffing", structured(text))
    assert len(flags) == 1 and flags[0].evidence["count"] == 6  # type: ignore[index]
