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
    arts = []
    for n, (text, published) in enumerate(docs):
        a = Article(id=f"d{n}", text=text, origin=Origin("prop", "text"), published=published)
        arts.append(a)
    out = group(arts, threshold=threshold)
    assert [a.id for a in out] == [a.id for a in arts]
    seen: list[str] = []
    for a in out:
        if a.story not in seen:
            seen.append(a.story)
    assert seen == [f"s{k}" for k in range(1, len(seen) + 1)]  # labels in order of first appearance
    index = {a.id: k for k, a in enumerate(out)}
    for k, a in enumerate(out):
        if a.duplicate_of is not None:
            assert index[a.duplicate_of] < k
            assert out[index[a.duplicate_of]].story == a.story
            assert out[index[a.duplicate_of]].duplicate_of is None
