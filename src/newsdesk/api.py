"""The Python API that the CLI wraps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .ingest import Limits, iter_inputs
from .model import Article, Failure
from .pipeline import DEFAULT_STAGES, Context, ErrorPolicy, Pipeline


def analyze(paths: str | Iterable[str], *, stages: Sequence[str] = DEFAULT_STAGES,
            limits: Limits | None = None, on_error: ErrorPolicy = "record",
            context: Context | None = None) -> Iterator[Article | Failure]:
    """Read and analyse files, directories or corpora; yields one result per article, in input order.

    >>> import newsdesk
    >>> results = list(newsdesk.analyze("examples/scraped/summit-watch.txt"))  # doctest: +SKIP
    """
    if isinstance(paths, str):
        paths = [paths]
    pipeline = Pipeline(stages, context=context, on_error=on_error)
    return pipeline.pipe(iter_inputs(paths, limits))


def analyze_text(text: str, *, id: str = "text", published: str | None = None, title: str | None = None,
                 stages: Sequence[str] = DEFAULT_STAGES, context: Context | None = None) -> Article:
    """Analyse one text given in memory (``article.text`` is ``text`` exactly)."""
    from .model import Origin

    art = Article(id=id, text=text, origin=Origin("<memory>", "text"), title=title)
    if published:
        from .ingest.jsonl import normalise_published

        art.published, art.published_given = normalise_published(published), True
    return Pipeline(stages, context=context, on_error="raise").run(art)
