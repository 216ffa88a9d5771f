"""Property tests of the structure stage: it never raises, never changes the text, and its spans index it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.model import BOILERPLATE_KINDS, Article, Block, Origin
from newsdesk.pipeline import Context
from newsdesk.serialize import to_dict
from newsdesk.stages.structure import structure

_WORDS = st.sampled_from(["Summit", "talks", "Who", "is", "hosting", "Pakistan", "the", "Did", "you", "know",
                          "März", "北京", "é", "2024", "May 26,2014", "Tags", "FAQ", "Contents", "Note", "By",
                          "Jane", "Doe", "WASHINGTON", "(Reuters)", "-", "Published:", "September 14, 2024"])
_PHRASE = st.lists(_WORDS, min_size=0, max_size=8).map(" ".join)
_MARKUP = st.sampled_from(['article-body">', '<div class="x">', "</p>", "&nbsp;", "{{ ad }}", "<!--", "-->",
                           '<a href="/x">', "<br/>", "{%", "'>", '"', "<", ">", "&amp;", "&#8217;"])
_LINE = st.one_of(
    _PHRASE,
    _PHRASE.map(lambda s: "# " + s),
    _PHRASE.map(lambda s: "###### " + s + " ##"),
    st.lists(_PHRASE, min_size=1, max_size=4).map(lambda cells: "| " + " | ".join(cells) + " |"),
    st.lists(_PHRASE, min_size=2, max_size=4).map(" | ".join),
    st.just("|---|---|"),
    st.just("---"),
    st.just("==="),
    _PHRASE.map(lambda s: "- " + s),
    _PHRASE.map(lambda s: "* 1. " + s),
    _PHRASE.map(lambda s: s + "? " + s),
    _PHRASE.map(lambda s: s + "?"),
    _PHRASE.map(lambda s: "Q: " + s + "?"),
    _PHRASE.map(lambda s: "A: " + s),
    _PHRASE.map(lambda s: "Tags: " + s.replace(" ", ", ")),
    _PHRASE.map(lambda s: "#" + s.replace(" ", " #")),
    st.sampled_from(["Frequently Asked Questions", "Keywords", "Table of contents", "In this article: a | b",
                     "Did you know?", "Pro tip:", "Related:", "Editor's note:", "Subscribe to our newsletter",
                     "Published: September 14, 2024 at 9:30 AM", "Updated 3/2/2024", "By Jane Doe",
                     "WASHINGTON (Reuters) - The talks", "People also ask", "\u2028", "\x0c", " \t "]),
    st.tuples(_MARKUP, _PHRASE, _MARKUP).map("".join),
    st.text(max_size=40),
)
_SEP = st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\r\n\r\n", "\n  "])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_LINE, max_size=25))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(_SEP))
    return draw(st.sampled_from(["", " ", "\ufeff"])) + "".join(out)


def _check_article(art: Article, text: str) -> None:
    n = len(text)
    assert art.text == text
    spans: list[tuple[int, int]] = [(b.start, b.end) for b in art.blocks]
    for t in art.tables:
        spans.append((t.start, t.end))
        spans.extend(t.row_spans)
    spans.extend((q.start, q.end) for q in art.faq)
    spans.extend((k.start, k.end) for k in art.keywords)
    for s, e in spans:
        assert 0 <= s <= e <= n, (s, e, n)
    last = 0
    for b in art.blocks:
        assert b.start >= last, "blocks are sorted and do not overlap"
        assert b.end > b.start
        last = b.end
        if b.kind in BOILERPLATE_KINDS:
            assert b.boilerplate, b


def _spans_in(obj: Any) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            found.append((obj["start"], obj["end"]))
        for v in obj.values():
            found.extend(_spans_in(v))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(_spans_in(v))
    return found


def _run(text: str, fmt: str = "text") -> Article:
    return structure(Article(id="p", text=text, origin=Origin("<memory>", fmt)), Context())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_structure_on_generated_pages(text: str) -> None:
    art = _run(text)
    _check_article(art, text)
    d = to_dict(art)
    assert d["article"]["text"] == text
    for s, e in _spans_in(d):
        assert 0 <= s <= e <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_structure_on_arbitrary_text(text: str) -> None:
    _check_article(_run(text, "markdown"), text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "list_item"]), _LINE), max_size=15))
def test_html_refinement_keeps_blocks(parts: list[tuple[str, str]]) -> None:
    text, blocks = "", []
    for kind, line in parts:
        line = line.strip()
        if not line:
            continue
        if text:
            text += "\n"
        blocks.append(Block(kind, len(text), len(text) + len(line), level=2 if kind == "heading" else None,
                            stage="read_html"))
        text += line
    art = Article(id="h", text=text, origin=Origin("<memory>", "html"), blocks=list(blocks))
    bounds = [(b.start, b.end) for b in blocks]
    art = structure(art, Context())
    assert art.text == text
    assert [(b.start, b.end) for b in art.blocks] == bounds, "HTML blocks are refined, never re-segmented"
    for b in art.blocks:
        assert b.boilerplate or b.kind not in BOILERPLATE_KINDS
    for s, e in _spans_in(to_dict(art)):
        assert 0 <= s <= e <= len(text)
