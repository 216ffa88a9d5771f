"""Rebuilding an Article from a stored analysis object (used by ``newsdesk show``)."""

from __future__ import annotations

import io

from newsdesk.model import (
    Actor,
    Article,
    Block,
    Claim,
    Entity,
    Event,
    FaqItem,
    Flag,
    Keyword,
    Mention,
    Origin,
    Speaker,
    Table,
    Timex,
)
from newsdesk.report import render_report
from newsdesk.serialize import article_to_dict
from newsdesk.store.rebuild import article_from_dict


def full_article() -> Article:
    text = "Summit\n\nJoe Biden met Olaf Scholz on Friday. \"Talks were productive,\" Biden said.\n\nKeywords: a, b"
    art = Article(id="full", text=text, origin=Origin("in.jsonl", "jsonl", 3), url="https://x.test/a",
                  source="x.test", title="Summit", published="2024-03-08", author="Ann", language="en")
    art.blocks = [Block("title", 0, 6, level=1), Block("paragraph", 8, 84), Block("keywords", 86, 99, boilerplate=True)]
    art.tables = [Table(["a", "b"], [["1", "2"]], 0, 3)]
    art.faq = [FaqItem("Q?", "A.", 0, 5)]
    art.keywords = [Keyword("a", 96, 97)]
    art.entities = [Entity("e1", "Joe Biden", "PERSON", [Mention(8, 17, "Joe Biden")], kb_id="Q6279",
                           country="USA", actor_code="USAGOV", roles=[{"role": "president"}])]
    art.timexes = [Timex(36, 42, "Friday", "DATE", "2024-03-08")]
    art.events = [Event("036", Actor("Joe Biden", 8, 17, "Joe Biden", "USAGOV", "e1"), None, "asserted", 8, 43,
                        plover="CONSULT", quad_class=1, goldstein=4.0, date="2024-03-08", trigger="met",
                        confidence=0.9)]
    art.claims = [Claim("direct", 44, 83, cue="said", speaker=Speaker("Biden", 77, 82, "e1"))]
    art.flags = [Flag("keyword_stuffing", "low", 86, 99, "A keyword list.", {"count": 2})]
    art.scores = {"reliability": 0.75}
    art.stages = ["structure", "entities"]
    return art


def test_rebuild_is_the_inverse_of_serialise() -> None:
    d = article_to_dict(full_article())
    assert article_to_dict(article_from_dict(d)) == d


def test_rebuild_tolerates_missing_and_unknown_fields() -> None:
    art = article_from_dict({"schema": "newsdesk.analysis/1", "article": {"id": "x", "text": "hi"},
                             "new_field": [1, 2], "keywords": ["k"]})
    assert (art.id, art.text, art.blocks, [k.text for k in art.keywords]) == ("x", "hi", [], ["k"])


def test_report_renders_from_stored_object() -> None:
    out = io.StringIO()
    render_report(article_from_dict(article_to_dict(full_article())), out)
    assert "Summit" in out.getvalue() and "reliability: 0.75" in out.getvalue()
