"""The unsupported_claim check: vague attribution and unsourced figures."""

from __future__ import annotations

from newsdesk.checks.unsupported import unsupported_claim
from newsdesk.model import Article, Block, Claim, Origin, Speaker
from newsdesk.pipeline import Context


def _article(text: str, claims: int = 0) -> Article:
    art = Article(id="u", text=text, origin=Origin("t", "text"))
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            art.blocks.append(Block("paragraph", pos, pos + len(part)))
        pos += len(part) + 1
    for i in range(claims):
        art.claims.append(Claim("indirect", 0, 5, cue="said", speaker=Speaker(f"Official {i}", 0, 5)))
    return art


def _flags(art: Article) -> list[str]:
    return [art.text[f.start : f.end] for f in unsupported_claim(art, Context())]


def test_vague_attribution_is_flagged() -> None:
    art = _article("The minister reportedly plans to resign before the summit next month.")
    assert _flags(art) == ["The minister reportedly plans to resign before the summit next month."]


def test_named_source_is_not_flagged() -> None:
    art = _article("The minister plans to resign before the summit, her spokesman said on Monday.", claims=1)
    assert _flags(art) == []


def test_unsourced_figure_in_an_attributing_article() -> None:
    text = ("The ministry said the talks would resume on Friday.\n"
            "At least 45 people were killed in the clashes near the border town.\n"
            "A spokesman told reporters that both sides had agreed to a pause.")
    art = _article(text, claims=2)
    assert _flags(art) == ["At least 45 people were killed in the clashes near the border town."]


def test_sourced_figure_is_not_flagged() -> None:
    text = ("The ministry said the talks would resume on Friday.\n"
            "At least 45 people were killed in the clashes, the health ministry said.\n"
            "A spokesman told reporters that both sides had agreed to a pause.")
    assert _flags(_article(text, claims=2)) == []


def test_figures_are_not_flagged_when_the_article_attributes_nothing() -> None:
    text = "Unemployment fell to 4 percent in March, the lowest level in a decade."
    assert _flags(_article(text, claims=0)) == []


def test_boilerplate_is_skipped() -> None:
    art = _article("Sources say the deal is close.")
    art.blocks[0].kind, art.blocks[0].boilerplate = "callout", True
    assert _flags(art) == []
