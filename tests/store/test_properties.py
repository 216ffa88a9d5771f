"""Property: whatever article is saved, ``get`` returns exactly its analysis and a second save is a no-op."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from newsdesk.model import BLOCK_KINDS, Article, Block, Origin
from newsdesk.serialize import article_to_dict
from newsdesk.store import SqlStore, Store, content_hash
from newsdesk.store.schema import blocks as blocks_table

#: any text, including NUL and lone surrogates (possible via JSONL escapes)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
# ids the store accepts: no NUL, no lone surrogates (those are refused with a StoreError, tested elsewhere)
ids = st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=40)
maybe_text = st.none() | st.text(max_size=40)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(any_text)
    n = len(text)
    blocks = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n))
        blocks.append(Block(kind=draw(st.sampled_from(sorted(BLOCK_KINDS))), start=start,
                            end=draw(st.integers(start, n)), level=draw(st.none() | st.integers(1, 6)),
                            boilerplate=draw(st.booleans())))
    art = Article(
        id=draw(ids), text=text,
        origin=Origin(draw(st.text(min_size=1, max_size=30)), draw(st.sampled_from(["text", "jsonl", "html"])),
                      draw(st.none() | st.integers(1, 10**6))),
        url=draw(maybe_text), source=draw(maybe_text), title=draw(maybe_text | any_text),
        published=draw(st.none() | st.dates().map(str)), author=draw(maybe_text), language=draw(maybe_text),
    )
    art.blocks = blocks
    art.scores = draw(st.dictionaries(st.sampled_from(["reliability", "other"]),
                                      st.floats(0, 1, allow_nan=False)))
    art.stages = ["structure"]
    return art


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(art=articles())
def test_get_returns_what_was_saved(store: Store, art: Article) -> None:
    before = store.content_hash_of(art.id)
    expected = "added" if before is None else "unchanged" if before == content_hash(art) else "replaced"
    assert store.save(art) == expected
    if expected == "unchanged":  # the same id and content were saved by an earlier example
        return
    assert store.get(art.id) == article_to_dict(art)
    assert store.save(art) == "unchanged"
    assert store.content_hash_of(art.id) == content_hash(art)
    assert isinstance(store, SqlStore)
    with store._engine.connect() as conn:
        rows = conn.execute(select(blocks_table).where(blocks_table.c.article_id == art.id)
                            .order_by(blocks_table.c.ordinal)).all()
    assert [(r.kind, r.start, r.end, r.level, r.boilerplate) for r in rows] == [
        (b.kind, b.start, b.end, b.level, b.boilerplate) for b in art.blocks]
