"""Properties: claim and speaker spans index ``article.text``, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.model import CLAIM_KINDS, Article, Origin
from newsdesk.pipeline import Pipeline

WORDS = ["said", "told", "reporters", "according", "to", "Reuters", "He", "she", "Ann", "Lee", "the", "talks",
         "were", "productive", "that", "we", "are", "ready", ",", ".", "\n", "\n\n", '"', "'", "“", "”", "‘",
         "’", "«", "»", ":", "announced", "Smith", "officials", "police", "warned"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join) | st.text(max_size=120))
def test_claim_spans_index_text(pipeline: Pipeline, text: str) -> None:
    a = pipeline.run(Article(id="prop", text=text, origin=Origin("test", "text")))
    assert a.text == text
    for c in a.claims:
        assert c.kind in CLAIM_KINDS
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end].strip() != ""
        if c.speaker is not None:
            assert 0 <= c.speaker.start < c.speaker.end <= len(text)
