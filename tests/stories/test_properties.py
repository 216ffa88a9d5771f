"""Properties of grouping on random small corpora: never raises, one answer per article, in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Article, Origin
from newsdesk.stories import group

WORDS = ["quake", "Ardena", "Morvik", "rescue", "toll", "vote", "Brandl", "cup", "final", "rain", "the", "said",
         "2024", "6.4", "Marrow", "harbour", "school", "floods", "bank", "rate"]

texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)
dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, dates), min_size=0, max_size=12), st.floats(min_value=0.0, max_value=1.5))
def test_grouping_is_a_labelled_partition(docs: list[tuple[str, str | None]], threshold: float) -> None:
    arts = [Article(id=f"d{n}", text=text, origin=Origin("prop", "text"), published=published)
            for n, (text, published) in enumerate(docs)]
    out = group(arts, threshold=threshold)
    assert [r.id for r in out] == [a.id for a in arts]
    seen: list[str] = []
    for r in out:
        if r.story not in seen:
            seen.append(r.story)
    assert seen == [f"s{k}" for k in range(1, len(seen) + 1)]  # labels in order of first appearance
    index = {r.id: k for k, r in enumerate(out)}
    for k, r in enumerate(out):
        if r.duplicate_of is not None:
            assert index[r.duplicate_of] < k
            assert out[index[r.duplicate_of]].story == r.story
            assert out[index[r.duplicate_of]].duplicate_of is None
