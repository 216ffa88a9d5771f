"""Each chunk of a run ends in spaCy's memory zone and a trim of the C heap."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.model import Article, Origin
from newsdesk.nlp import model
from newsdesk.pipeline import Context, Pipeline


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Officials in Valoria met on Tuesday, meeting {i}.", origin=Origin("t", "text"))
            for i in range(n)]


@pytest.mark.parametrize(("trim", "calls"), [(True, 2), (False, 0)])
def test_trim_after_each_chunk(monkeypatch: pytest.MonkeyPatch, trim: bool, calls: int) -> None:
    seen: list[int] = []
    monkeypatch.setattr(model, "_malloc_trim", lambda: seen.append)
    pipeline = Pipeline(["structure", "entities"], context=Context(config={"nlp.trim_memory": trim}), batch_size=2)
    out: list[Any] = list(pipeline.pipe(_articles(4)))
    assert [a.id for a in out] == ["a0", "a1", "a2", "a3"]
    assert seen == [0] * calls
    assert not model.doc_cache(pipeline.context)  # the chunk's parses left with its zone


def test_trim_is_harmless() -> None:
    model._trim_memory()  # glibc malloc_trim here; a no-op elsewhere


def test_block_doc_reuses_a_tokenisation_of_the_same_text(nlp: Any) -> None:
    text = "First block.\n\n\u201cA quote opens the second.\u201d"
    own = nlp.make_doc(text)
    doc = model.make_block_doc(nlp, text, [0, 14], doc=own)
    assert doc is own and model.doc_text(doc) == text
    assert [t.is_sent_start for t in doc if t.idx in (14, 15)] == [True, False]
    other = model.make_block_doc(nlp, text, [0, 14], doc=nlp.make_doc("Something else."))
    assert other is not own and other.text == text
