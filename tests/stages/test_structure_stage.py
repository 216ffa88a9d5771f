"""The registered ``structure`` stage: name, facets, metadata rules and HTML refinement."""

from __future__ import annotations

from typing import Any

from newsdesk.ingest.html import extract_html
from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context, Pipeline, available_stages
from newsdesk.registry import stages
from newsdesk.stages.structure import structure


def _text(text: str, **kw: Any) -> Article:
    return structure(Article(id="t", text=text, origin=Origin("<memory>", "text"), **kw), Context())


def test_registration() -> None:
    assert "structure" in available_stages()
    entry = stages.get("structure")
    assert entry.meta["requires"] == ("text",)
    assert set(entry.meta["provides"]) == {"blocks", "tables", "faq", "keywords"}


def test_runs_in_a_pipeline() -> None:
    art = Pipeline(["structure"]).run(Article(id="a", text="Heading Here\nBody text here.\n",
                                              origin=Origin("<memory>", "text")))
    assert art.stages == ["structure"]
    assert [b.kind for b in art.blocks] == ["title", "paragraph"]


def test_published_given_is_never_overridden() -> None:
    text = "Some Title\nPublished: September 14, 2024 at 9:30 AM\nBody text of the story.\n"
    art = _text(text, published="2020-01-01", published_given=True)
    assert art.published == "2020-01-01"
    assert _text(text).published == "2024-09-14T09:30:00"


def test_title_and_author_only_when_missing() -> None:
    art = _text("A Headline\nBy Jane Doe\nThe story begins here.\n", title="Given", author="Someone")
    assert art.title == "Given" and art.author == "Someone"
    art = _text("A Headline\nBy Jane Doe\nThe story begins here.\n")
    assert art.title == "A Headline" and art.author == "Jane Doe"


def test_updated_used_only_without_published() -> None:
    assert _text("T Line\nUpdated: May 2, 2023\nBody text.\n").published == "2023-05-02"
    both = "T Line\nUpdated: May 2, 2023\nPublished: May 1, 2023\nBody text.\n"
    assert _text(both).published == "2023-05-01"


def test_empty_and_whitespace_text() -> None:
    for text in ["", "\n\n", " \r\n\t"]:
        art = _text(text)
        assert art.blocks == [] and art.text == text and art.title is None


HTML = """<html><head><title>Port Reopens After Storm</title></head><body><article>
<h1>Port Reopens After Storm</h1>
<p>The port reopened on Monday after a storm closed it for three days, officials said in a statement.</p>
<p>Dock workers cleared debris overnight and the first ships were loaded at dawn, a harbour official said.</p>
<p>Did you know? The port handled more cargo last year than in any year before, according to its annual report.</p>
<h2>Frequently asked questions</h2>
<h3>When did the port close?</h3>
<p>It closed on Friday evening when the storm reached the coast and stayed closed over the weekend.</p>
<h3>Were any ships damaged?</h3>
<p>Two small boats were damaged, the harbour official said, but no cargo ship was hit.</p>
<h2>Tags</h2>
<ul><li>port</li><li>storm</li><li>shipping</li></ul>
<p>Read more: How the harbour prepares for storms each winter season</p>
</article></body></html>"""


def test_html_blocks_are_refined_not_resegmented() -> None:
    art = extract_html(HTML, id="h", origin=Origin("h.html", "html"))
    text = art.text
    before = [(b.start, b.end) for b in art.blocks]
    art = structure(art, Context())
    assert art.text == text
    assert [(b.start, b.end) for b in art.blocks] == before
    kinds = {text[b.start:b.end]: (b.kind, b.boilerplate) for b in art.blocks}
    assert any(k == ("callout", True) for t, k in kinds.items() if t.startswith("Did you know"))
    assert [q.question for q in art.faq] == ["When did the port close?", "Were any ships damaged?"]
    assert [k.text for k in art.keywords] == ["port", "storm", "shipping"]
    assert any(k == ("boilerplate", True) for t, k in kinds.items() if t.startswith("Read more"))
    for q in art.faq:
        assert text[q.start:q.end].startswith(q.question)
