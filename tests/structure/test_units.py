"""Unit tests of the structure modules: residue masking, dates, tables, cues, recognisers."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsdesk.model import Article, Origin
from newsdesk.structure import analyse
from newsdesk.structure.cues import load_cues
from newsdesk.structure.dates import byline, date_line, parse_date, wire_dateline
from newsdesk.structure.lines import mask, split_units


def _run(text: str) -> Article:
    return analyse(Article(id="u", text=text, origin=Origin("<memory>", "text")))


def _kinds(text: str) -> list[tuple[str, str]]:
    art = _run(text)
    return [(b.kind, art.text[b.start:b.end]) for b in art.blocks]


@pytest.mark.parametrize("raw", ['article-body">', '<div class="x">', "</p>", "&nbsp;", "{{ ad_slot }}",
                                 "<!-- comment -->", '<img src="a.jpg" alt="x" />', "</div></div>"])
def test_residue_only_lines(raw: str) -> None:
    masked, found = mask(raw)
    assert found and len(masked) == len(raw) and not masked.strip()
    assert _kinds(raw + "\nBody text of the story.")[0] == ("markup_residue", raw)


@pytest.mark.parametrize("raw", ["Prices rose 5% as a < b > c", "Tom & Jerry", "He said \"yes\" twice.",
                                 "The vote was 5-4, a 'narrow' win.", "2 > 1 and 1 < 2"])
def test_prose_is_not_residue(raw: str) -> None:
    masked, _ = mask(raw)
    assert sum(c.isalnum() for c in masked) == sum(c.isalnum() for c in raw)


def test_residue_inside_a_line_does_not_break_recognisers() -> None:
    text = "Title Of Page\n<p>Frequently Asked Questions</p>\n<li>Who hosts it? The city does.</li>\n"
    art = _run(text)
    assert [q.question for q in art.faq] == ["Who hosts it?"]
    assert art.faq[0].answer == "The city does."


@pytest.mark.parametrize(("s", "want"), [
    ("September 14, 2024 at 9:30 AM", "2024-09-14T09:30:00"),
    ("2024-09-14", "2024-09-14"),
    ("14 Sept 2024", "2024-09-14"),
    ("September 2024", None),
    ("Tuesday", None),
    ("at 9:30", None),
])
def test_parse_date(s: str, want: str | None) -> None:
    assert parse_date(s) == want


def test_date_lines_bylines_datelines() -> None:
    hit = date_line("Last updated: 3 March 2023")
    assert hit is not None and hit.updated and hit.value == "2023-03-03"
    assert date_line("Published figures show a rise") is None
    assert byline("By Jane Doe, Staff Writer") == ("Jane Doe", None)
    assert byline("By the end of the week, talks had stalled") is None
    assert wire_dateline("GENEVA (Newsdesk) - Talks resumed") == (19, 20)
    assert wire_dateline("The talks - which began - resumed") is None


def test_cues_are_data_loaded_once() -> None:
    raw = json.loads(resources.files("newsdesk").joinpath("data/structure_cues.json").read_text("utf-8"))
    assert "did you know" in raw["callout_labels"] and "contents" in raw["toc_labels"]
    assert load_cues() is load_cues()


def test_units_keep_exact_offsets_with_crlf_and_unicode_separators() -> None:
    text = " a\r\nb \u2028 c\rd\n\n e "
    units = split_units(text)
    assert [text[u.start:u.end] for u in units] == ["a", "b", "c", "d", "e"]
    assert units[-1].blank_before


def test_question_heading_needs_a_body() -> None:
    text = ("Some Page Title\nWhat happens next?\nThe council will vote on the plan in May.\n"
            "Will it pass?\nAnother Section\nBody text follows here.")
    kinds = dict((t, k) for k, t in _kinds(text))
    assert kinds["What happens next?"] == "heading"
    assert kinds["Will it pass?"] == "paragraph"
    assert kinds["Another Section"] == "heading"


def test_toc_with_unmarked_items_and_inline_toc() -> None:
    text = ("Page Title\nIn this article\nBackground\nReaction\nBackground\nThe plan was first proposed in 2019.\n"
            "Reaction\nCritics said the plan was too costly.")
    blocks = _kinds(text)
    assert blocks[1] == ("toc", "In this article\nBackground\nReaction")
    assert [t for k, t in blocks if k == "heading"] == ["Background", "Reaction"]
    inline = _kinds("Page Title\nJump to: Background | Reaction | FAQ\nThe plan was proposed in 2019.")
    assert inline[1] == ("toc", "Jump to: Background | Reaction | FAQ")


def test_keyword_heading_then_comma_line() -> None:
    art = _run("Page Title\nBody text of the story.\nRelated search terms:\nferry fares, night buses, harbour\n")
    assert [k.text for k in art.keywords] == ["ferry fares", "night buses", "harbour"]
    assert all(art.text[k.start:k.end] == k.text for k in art.keywords)


def test_ordinary_lists_are_body() -> None:
    art = _run("Page Title\nReactions\n* France: Paris said it welcomed the talks.\n* Chile: no comment yet\n")
    assert art.keywords == []
    assert [b.kind for b in art.blocks] == ["title", "heading", "list_item", "list_item"]


def test_wrapped_markdown_paragraphs_merge() -> None:
    text = "# Title\n\nFirst line of a wrapped\nparagraph that goes on.\n\nSecond paragraph here.\n"
    assert _kinds(text)[1:] == [("paragraph", "First line of a wrapped\nparagraph that goes on."),
                                ("paragraph", "Second paragraph here.")]


def test_setext_heading_and_rule_lines() -> None:
    text = "Big Title\n=========\n\nIntro paragraph text.\n\n---\n\nSub Part\n--------\n\nMore text here.\n"
    assert _kinds(text) == [("title", "Big Title"), ("paragraph", "Intro paragraph text."),
                            ("heading", "Sub Part"), ("paragraph", "More text here.")]


def test_table_with_leading_pipes_only_and_single_row_is_not_table() -> None:
    assert _run("T\n| just | one row |\nBody.").tables == []
    art = _run("T\nName | Score | Team\nAnna | 3 | Red\nBen | 5 | Blue\nBody.")
    assert len(art.tables) == 1 and art.tables[0].header == ["Name", "Score", "Team"]
    assert art.tables[0].rows == [["Anna", "3", "Red"], ["Ben", "5", "Blue"]]


def test_navigation_lines_are_boilerplate() -> None:
    art = _run("Home > World > Europe\nCouncil Backs Harbour Plan\nThe council backed the plan on Monday.\n")
    assert [b.kind for b in art.blocks] == ["boilerplate", "title", "paragraph"]
    assert art.title == "Council Backs Harbour Plan"


def test_angle_bracket_titles_are_not_residue() -> None:
    masked, found = mask("<The Palace: Tale of Jang Noksu>")
    assert not found and masked.startswith("<The Palace")


def test_instruction_list_items_are_body() -> None:
    art = _run("How To Join\n- Sign up for an account with your email.\n- Confirm the link we send you.\n")
    assert [b.kind for b in art.blocks] == ["title", "list_item", "list_item"]
