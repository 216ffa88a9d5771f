"""The checks' per-article memo (``newsdesk.checks._memo``): scope, shared values, Doc columns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.api import analyze_text
from newsdesk.checks import _memo
from newsdesk.checks._blocks import segments
from newsdesk.checks._text import tokens
from newsdesk.checks.roles import find_claims, parsed_doc, published_day
from newsdesk.pipeline import Context

from .helpers import plain


def test_memo_outside_a_scope_computes_every_time() -> None:
    calls: list[int] = []
    for _ in range(2):
        _memo.memo("k", lambda: calls.append(1))
    assert len(calls) == 2


def test_memo_inside_a_scope_computes_once_and_scopes_are_independent() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with _memo.article_scope():
        assert _memo.memo("k", compute) == 1
        assert _memo.memo("k", compute) == 1
        with _memo.article_scope():
            assert _memo.memo("k", compute) == 2
        assert _memo.memo("k", compute) == 1
    assert _memo.memo("k", compute) == 3


def test_tokens_and_segments_are_shared_within_a_scope_only() -> None:
    art = plain("One line here.\nAnother line, with words.")
    with _memo.article_scope():
        assert tokens(art.text, 0, 14) is tokens(art.text, 0, 14)
        assert segments(art) == segments(art)
        assert segments(art)[0] is segments(art)[0]
    assert tokens(art.text, 0, 14) is not tokens(art.text, 0, 14)
    assert [t.text for t in tokens(art.text, 0, 14)] == ["One", "line", "here"]


@pytest.fixture(scope="module")
def context() -> Iterator[Context]:
    yield Context()


TEXT = (
    "WASHINGTON - Former President Maria Velasquez said on Monday that the blast killed 12 people.\n\n"
    "The Velasquez government  visited France in 2021; it was founded in 2001.\n\n"
    "“Ünïcödé” text — with 3,000 words\tand tabs.  "
)


def test_doc_text_length_and_columns_equal_spacy(context: Context) -> None:
    art = analyze_text(TEXT, stages=["structure", "entities", "time"], published="2024-09-14", context=context)
    doc = parsed_doc(art, context)
    assert doc is not None
    with _memo.article_scope():
        assert _memo.doc_text(doc) == doc.text
        assert _memo.doc_text(doc) is _memo.doc_text(doc)
        assert _memo.doc_length(doc) == len(doc.text)
        cols = _memo.doc_columns(doc)
        assert cols.lower == tuple(t.lower_ for t in doc)
        assert cols.lemma == tuple(t.lemma_.lower() for t in doc)
        assert cols.pos == tuple(t.pos_ for t in doc)
    empty = doc[0:0].as_doc()
    assert _memo.doc_text(empty) == "" and _memo.doc_length(empty) == 0
    assert _memo.doc_columns(empty).lower == ()


def test_role_claims_are_found_once_per_scope(context: Context) -> None:
    from newsdesk import kb

    art = analyze_text(TEXT, stages=["structure", "entities", "time"], published="2024-09-14", context=context)
    doc = parsed_doc(art, context)
    assert doc is not None
    on = published_day(art)
    fresh = find_claims(art, doc, kb.load(), on)
    with _memo.article_scope():
        first = find_claims(art, doc, kb.load(), on)
        assert find_claims(art, doc, kb.load(), on) is first
        assert parsed_doc(art, context) is parsed_doc(art, context)
    assert [(c.kind, c.start, c.end, c.title, c.former) for c in first] == [
        (c.kind, c.start, c.end, c.title, c.former) for c in fresh
    ]
    assert find_claims(art, doc, kb.load(), on) is not first
