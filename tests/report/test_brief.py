"""The briefing's sections on a small fabricated store (tests/report/corpus.py), escaping, Markdown, CLI."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.report._text import safe_url, sentences
from newsdesk.report.brief import BriefError, build_brief, render_html, render_markdown
from newsdesk.report.data import Corpus

QUERY = "summit Lee Park"


@pytest.fixture
def brief(corpus: Corpus):  # type: ignore[no-untyped-def]
    return build_brief(QUERY, corpus)


def test_the_best_story_is_chosen(brief) -> None:  # type: ignore[no-untyped-def]
    assert brief.story_id == "s1" and brief.scope == "story"
    assert brief.window == ("2020-01-10", "2020-01-10")  # the low-reliability copy does not stretch it
    assert {c.id for c in brief.articles} == {"lee-park-geneva", "hostile-copy", "geneva-reaction"}
    assert brief.matched == 5  # the cup final does not match


def test_latest_developments_are_cited_body_sentences(brief) -> None:  # type: ignore[no-untyped-def]
    texts = [d.text for d in brief.developments]
    assert texts[0].startswith("Ann Lee and Bo Park met in Geneva")
    assert not any("newsletter" in t for t in texts)  # never a boilerplate block
    assert not any("President Lee" in t for t in texts)  # never a sentence a check flagged (high)
    first = brief.developments[0].cite
    assert (first.title, first.outlet, first.published, first.url) == (
        "Lee and Park hold summit in Geneva", "Wire One", "2020-01-10", "https://example.org/lee-park-geneva")


def test_timeline_points_and_chart(brief) -> None:  # type: ignore[no-untyped-def]
    cats = {(p.category, p.modality) for p in brief.timeline}
    assert {("CONSULT", "asserted"), ("CONSULT", "planned"), ("AGREE", "asserted"), ("REJECT", "asserted")} <= cats
    oslo = [p for p in brief.timeline if p.day.isoformat() == "2019-06-01"]
    assert len(oslo) == 1 and oslo[0].count == 2  # one event, two reports
    page = render_html(brief)
    svg = page[page.index("<svg"):page.index("</svg>")]
    for label in ("CONSULT", "AGREE", "REJECT", "asserted", "planned", "negated", "story"):
        assert label in svg


def test_who_said_what(brief) -> None:  # type: ignore[no-untyped-def]
    lee = brief.speakers[0]
    assert lee.name == "Ann Lee" and lee.country == "USA"
    assert lee.quotes[0].text.startswith("“We will meet again in March")
    assert lee.quotes[0].cite.id == "lee-park-geneva"


def test_positions_by_country(brief) -> None:  # type: ignore[no-untyped-def]
    by_code = {p.code: p for p in brief.positions}
    assert set(by_code) >= {"USA", "KOR"}
    assert by_code["USA"].name == "United States" and "agreed (1)" in by_code["USA"].gist
    assert by_code["KOR"].tone == "conflictual" and "rejected (1)" in by_code["KOR"].gist
    assert by_code["USA"].said and by_code["USA"].said[0].note == "Ann Lee"


def test_past_events_of_the_same_kind(brief) -> None:  # type: ignore[no-untyped-def]
    assert brief.kinds[0] == "CONSULT"
    assert len(brief.past) == 1
    oslo = brief.past[0]
    assert oslo.day == "2019-06-01" and oslo.category == "CONSULT"
    assert oslo.report.cite.id == "lee-park-oslo" and [c.id for c in oslo.also] == ["oslo-recap"]


def test_open_questions_are_answered_from_the_corpus(brief) -> None:  # type: ignore[no-untyped-def]
    q = {x.text: [a.text for a in x.answers] for x in brief.questions}
    assert q["Will Ann Lee and Bo Park meet again?"] == [
        "The two leaders will meet again in Seoul in March to sign the final agreement."]
    assert q["What have Ann Lee and Bo Park agreed?"][0].startswith("The two leaders agreed")
    assert q["What is still unresolved or disputed?"][0].startswith("Park rejected")


def test_flagged_articles_with_their_flags(brief) -> None:  # type: ignore[no-untyped-def]
    [flagged] = brief.flagged
    assert flagged.cite.id == "hostile-copy" and flagged.reliability == 0.3
    assert [(f.kind, f.severity) for f in flagged.flags] == [("anachronism", "high"), ("typo", "low")]
    assert flagged.flags[0].excerpt == "President Lee"
    assert ("name", "Ann Lee") in flagged.flags[0].evidence


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_html_is_self_contained_escaped_and_csp_clean(brief) -> None:  # type: ignore[no-untyped-def]
    page = render_html(brief)
    parsed = _Tags()
    parsed.feed(page)
    names = [t for t, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no inline event handler
        assert "style" not in attrs  # no inline style attribute (the CSP would block it)
        for key in ("href", "src"):
            value = attrs.get(key) or ""
            assert not value.lower().startswith(("javascript:", "data:", "vbscript:")), value
            assert not value.startswith(("http://", "https://")) or tag == "a", (tag, value)  # nothing loads
    # hostile text appears, escaped
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Lee and Park summit copy" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" not in page  # that sentence is flagged, so it is not quoted
    assert "Bad &lt;script&gt;" in page
    assert "javascript:" not in page
    # the CSP allows exactly the inline stylesheet
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "script-src" not in csp
    digest = base64.b64encode(hashlib.sha256(parsed.style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    for section in ("developments", "timeline", "who-said-what", "positions", "past-events", "open-questions",
                    "flagged", "sources"):
        assert f'<section id="{section}"' in page or f'<section id="{section}" ' in page
    assert '<li id="ref-1"><a href="https://example.org/lee-park-geneva" rel="noopener noreferrer nofollow">' in page


def test_hostile_url_and_title_in_sources_and_markdown(brief) -> None:  # type: ignore[no-untyped-def]
    md = render_markdown(brief)
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "javascript:" not in md
    assert "[Lee and Park hold summit in Geneva](https://example.org/lee-park-geneva)" in md
    for heading in ("## Latest developments", "## Timeline", "## Who said what", "## Positions by country",
                    "## Past events of the same kind", "## Open questions", "## Flagged articles", "## Sources"):
        assert heading in md
    assert "### Will Ann Lee and Bo Park meet again?" in md
    assert "[\\[1\\]](#ref-1)" in md


def test_markdown_escaping_keeps_text_inline() -> None:
    from newsdesk.report.render import md_escape, md_url

    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("[x](javascript:alert(1)) *b* `c` a|b") == "\\[x\\](javascript:alert(1)) \\*b\\* \\`c\\` a\\|b"
    assert md_escape("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md_url("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"


def test_sentences_and_safe_urls() -> None:
    text = "Mr. Lee met U.S. officials on Friday. They agreed. J. Smith said “Go.” Then left"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Mr. Lee met U.S. officials on Friday.", "They agreed.", "J. Smith said “Go.”", "Then left"]
    assert safe_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "https://a b", "/relative", None):
        assert safe_url(bad) is None


def test_all_matches_and_story_options(corpus: Corpus) -> None:
    everything = build_brief(QUERY, corpus, all_matches=True)
    assert everything.scope == "all" and everything.story_id is None and len(everything.articles) == 5
    earlier = build_brief(QUERY, corpus, story="s0")
    assert earlier.story_id == "s0" and earlier.past == []
    with pytest.raises(BriefError):
        build_brief("volcano eruption", corpus)
    with pytest.raises(BriefError):
        build_brief(QUERY, corpus, story="s99")


def test_cli_brief_html_and_md(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "b.html"
    res = runner.invoke(main, ["brief", QUERY, "--db", db_url, "--out", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Lee and Park hold summit in Geneva" in page
    md = tmp_path / "b.md"
    res = runner.invoke(main, ["brief", QUERY, "--db", db_url, "--out", str(md)])
    assert res.exit_code == 0 and md.read_text(encoding="utf-8").startswith("# Briefing:")
    res = runner.invoke(main, ["brief", QUERY, "--db", db_url, "--format", "md", "--all"])
    assert res.exit_code == 0 and "all matching articles" in res.output
    res = runner.invoke(main, ["brief", "volcano", "--db", db_url])
    assert res.exit_code == 1 and "no stored article matches" in res.output


def test_cli_flags(db_url: str) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["flags", "--db", db_url])
    assert res.exit_code == 0, res.output
    assert "hostile-copy" in res.output and "anachronism" in res.output and "typo" in res.output
    assert "1 of 6 article(s) flagged, 2 flag(s)" in res.output
    res = runner.invoke(main, ["flags", "--db", db_url, "--min-severity", "high", "--format", "jsonl"])
    assert res.exit_code == 0
    [line] = res.output.splitlines()
    assert '"kind": "anachronism"' in line and '"typo"' not in line and '"text": "President Lee"' in line
    res = runner.invoke(main, ["flags", "--db", db_url, "--kind", "typo"])
    assert "anachronism" not in res.output and "typo" in res.output


def test_store_without_grouping_is_grouped_on_the_fly(tmp_path: Path) -> None:
    from newsdesk.store import open_store
    from newsdesk.store.rebuild import article_from_dict

    from .corpus import analyses

    url = f"sqlite:///{tmp_path / 'plain.db'}"
    with open_store(url) as store:
        for analysis, _ in analyses():
            store.save(article_from_dict(analysis))
        b = build_brief(QUERY, store)
    assert b.grouping == "computed" and b.story_id is not None and re.match(r"~s\d+", b.story_id)
