"""The Python API that the CLI wraps."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .ingest import Limits, iter_inputs
from .model import Article, Failure
from .pipeline import DEFAULT_STAGES, Context, ErrorPolicy, Pipeline

if TYPE_CHECKING:
    from .scale import Executor
    from .store import ArticleRow, Store


def analyze(paths: str | Iterable[str], *, stages: Sequence[str] = DEFAULT_STAGES,
            limits: Limits | None = None, on_error: ErrorPolicy = "record",
            context: Context | None = None, workers: int = 1, executor: Executor = "local",
            scheduler: str | None = None) -> Iterator[Article | Failure]:
    """Read and analyse files, directories or corpora; yields one result per article, in input order.

    ``workers`` > 1 runs the pipeline in that many local processes; ``executor="dask"`` on a
    ``dask.distributed`` cluster (``scheduler``: its address; default a local one), one task per
    input file. The results are the same under every executor (``docs/scale.md``); each worker
    loads its own models, so ``context`` only lends them its ``config`` then.

    >>> import newsdesk
    >>> results = list(newsdesk.analyze("examples/scraped/summit-watch.txt"))  # doctest: +SKIP
    """
    if isinstance(paths, str):
        paths = [paths]
    pipeline = Pipeline(stages, context=context, on_error=on_error)
    if workers <= 1 and executor == "local" and scheduler is None:
        return pipeline.pipe(iter_inputs(paths, limits))
    from .scale import analyse_parallel

    results = analyse_parallel(paths, stages=stages, limits=limits, workers=workers,
                               executor="dask" if scheduler is not None else executor, scheduler=scheduler,
                               config=dict(pipeline.context.config))
    return _apply_policy(results, on_error)


def _apply_policy(items: Iterable[Article | Failure], on_error: ErrorPolicy) -> Iterator[Article | Failure]:
    """The error policy over results that came back as records (``Pipeline.pipe`` does it in process)."""
    from .errors import InputError

    for item in items:
        if isinstance(item, Failure):
            if on_error == "raise":
                raise InputError(item.kind, item.message, item.source, item.line, item.id)
            if on_error == "skip":
                continue
        yield item


def analyze_text(text: str, *, id: str = "text", published: str | None = None, title: str | None = None,
                 stages: Sequence[str] = DEFAULT_STAGES, context: Context | None = None) -> Article:
    """Analyse one text given in memory (``article.text`` is ``text`` exactly)."""
    from .model import Origin

    art = Article(id=id, text=text, origin=Origin("<memory>", "text"), title=title)
    if published:
        from .ingest.jsonl import normalise_published

        art.published, art.published_given = normalise_published(published), True
    return Pipeline(stages, context=context, on_error="raise").run(art)


# -- the store --------------------------------------------------------------------------------


@dataclass
class IngestSummary:
    """What :func:`ingest` did: counts per outcome and every failure (in input order)."""

    db: str = ""
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.unchanged + self.failed

    def line(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed ({self.db})")


#: ``on_item(outcome, item)`` of :func:`ingest`; outcome is added, replaced, unchanged or failed
IngestCallback = Callable[[str, "Article | Failure"], None]


@contextmanager
def _opened(db: str | Store | None, *, create: bool) -> Iterator[Store]:
    """The store ``db`` names (a URL, ``None`` for the default) or ``db`` itself; closes what it opened."""
    from .store import Store, open_store

    if isinstance(db, Store):
        yield db
        return
    store = open_store(db, create=create)
    try:
        yield store
    finally:
        store.close()


def ingest(paths: str | Iterable[str], *, db: str | Store | None = None, stages: Sequence[str] = DEFAULT_STAGES,
           limits: Limits | None = None, force: bool = False, context: Context | None = None,
           on_item: IngestCallback | None = None, workers: int = 1, executor: Executor = "local",
           scheduler: str | None = None) -> IngestSummary:
    """Read, analyse and store articles; one transaction per article.

    An article whose id and content hash are already stored is not analysed again
    (``unchanged``) unless ``force``; a changed one replaces the stored record. Unreadable
    inputs, failing stages and failed writes are collected in ``failures`` and the run goes on.
    ``db`` is a SQLAlchemy URL, an open :class:`~newsdesk.store.Store`, or ``None`` for
    :func:`~newsdesk.store.default_db_url`. ``workers``, ``executor`` and ``scheduler`` as in
    :func:`analyze`: the analysis runs in other processes, the store is written here, in input
    order, one transaction per article (on Dask, unchanged articles are analysed all the same
    and then not written).
    """
    from collections import deque

    from .errors import NewsdeskError
    from .store import content_hash

    if isinstance(paths, str):
        paths = [paths]
    paths = list(paths)
    if scheduler is not None:
        executor = "dask"
    pipeline = Pipeline(stages, context=context, on_error="record")  # bad stage names fail before the store opens
    with _opened(db, create=True) as store:
        summary = IngestSummary(db=store.url)

        def failure_of(item: Article, exc: NewsdeskError) -> Failure:
            return Failure(kind=getattr(exc, "kind", "error"), message=str(exc), source=item.origin.source,
                           id=item.id, line=item.origin.line)

        def settle(outcome: str, item: Article | Failure) -> None:
            if outcome == "failed":
                assert isinstance(item, Failure)
                summary.failures.append(item)
            elif outcome == "added":
                summary.added += 1
            elif outcome == "replaced":
                summary.replaced += 1
            else:
                summary.unchanged += 1
            if on_item is not None:
                on_item(outcome, item)

        def save(item: Article | Failure, digest: str | None) -> None:
            if isinstance(item, Failure):
                settle("failed", item)
                return
            try:  # save() itself keeps an article whose stored hash is the same (unless force)
                outcome = store.save(item, content_hash=digest, force=force)
            except NewsdeskError as exc:  # the write failed (StoreError, kind "store")
                settle("failed", failure_of(item, exc))
                return
            settle(outcome, item)

        if executor == "dask":
            from .scale import analysed_with_hashes

            for item, digest in analysed_with_hashes(paths, stages=stages, limits=limits, workers=workers,
                                                     executor="dask", scheduler=scheduler,
                                                     config=dict(pipeline.context.config)):
                save(item, digest)
            return summary

        # inputs in order; only the ones to analyse go to the pipeline, whose results come back in order
        pending: deque[tuple[str, Article | Failure, str | None]] = deque()

        def to_analyse() -> Iterator[Article]:
            for item in iter_inputs(paths, limits):
                if isinstance(item, Failure):
                    pending.append(("failed", item, None))
                    continue
                try:
                    digest = content_hash(item)
                    unchanged = not force and store.content_hash_of(item.id) == digest
                except NewsdeskError as exc:
                    pending.append(("failed", failure_of(item, exc), None))
                    continue
                if unchanged:
                    pending.append(("unchanged", item, digest))
                    continue
                pending.append(("analyse", item, digest))
                yield item

        results: Iterable[Article | Failure]
        if workers > 1:
            from .scale.local import map_local

            results = map_local(to_analyse(), stages=stages, workers=workers, config=dict(pipeline.context.config))
        else:  # one article at a time through Pipeline.run, as before --workers existed
            results = (_run_one(pipeline, item, failure_of) for item in to_analyse())
        for result in results:
            while pending[0][0] != "analyse":
                settle(*pending.popleft()[:2])
            _, _, digest = pending.popleft()
            save(result, digest)
        while pending:
            settle(*pending.popleft()[:2])
        return summary


def _run_one(pipeline: Pipeline, item: Article, failure_of: Callable[[Article, Any], Failure]) -> Article | Failure:
    from .errors import NewsdeskError

    try:
        return pipeline.run(item)
    except NewsdeskError as exc:
        return failure_of(item, exc)


@dataclass
class ArticlePage:
    """A page of stored articles and how many there are in all."""

    rows: list[ArticleRow]
    total: int
    offset: int = 0


def list_articles(*, db: str | Store | None = None, limit: int = 100, offset: int = 0) -> ArticlePage:
    """Stored articles in the order they were first ingested."""
    with _opened(db, create=False) as store:
        return ArticlePage(rows=store.list(limit=limit, offset=offset), total=store.count(), offset=offset)


def get_analysis(id: str, *, db: str | Store | None = None) -> dict[str, Any] | None:
    """The stored analysis object of article ``id`` (contract shape), or ``None``."""
    with _opened(db, create=False) as store:
        return store.get(id)


# -- same-story grouping ------------------------------------------------------------------------

if TYPE_CHECKING:
    from .store import StoryRow
    from .stories import Assignment, Features, Weights


def stories(paths: str | Iterable[str], *, stages: Sequence[str] | None = None, threshold: float | None = None,
            weights: Weights | None = None, limits: Limits | None = None,
            context: Context | None = None) -> list[Assignment | Failure]:
    """Group articles by the real-world story they report; one result per input article, in input order.

    Each article becomes an :class:`~newsdesk.stories.Assignment` (``id``, ``story`` label,
    ``duplicate_of``); an input that cannot be read or analysed stays a
    :class:`~newsdesk.model.Failure` in its place. ``stages`` default to
    :data:`newsdesk.stories.DEFAULT_STAGES`; ``threshold`` to :data:`newsdesk.stories.THRESHOLD`.
    See ``docs/stories.md``.
    """
    from .stories import DEFAULT_STAGES as STORY_STAGES
    from .stories import THRESHOLD, extract, group_features

    names = list(stages) if stages is not None else list(STORY_STAGES)
    items: list[Failure | int] = []
    feats: list[Features] = []
    for item in analyze(paths, stages=names, limits=limits, on_error="record", context=context):
        if isinstance(item, Failure):
            items.append(item)
        else:  # keep the features only: a large corpus need not stay in memory as articles
            items.append(len(feats))
            feats.append(extract(item))
    assigned = group_features(feats, threshold=THRESHOLD if threshold is None else threshold, weights=weights)
    return [assigned[i] if isinstance(i, int) else i for i in items]


@dataclass
class StoredGrouping:
    """What :func:`group_stored` did: the results and the grouping saved in the store."""

    db: str = ""
    #: one per input article (in input order) when paths were given, else one per stored article
    results: list[Assignment | Failure] = field(default_factory=list)
    stories: int = 0
    articles: int = 0
    ingest: IngestSummary | None = None

    def line(self) -> str:
        return f"{self.articles} stored article(s) in {self.stories} stories ({self.db})"


def group_stored(paths: str | Iterable[str] = (), *, db: str | Store | None = None,
                 stages: Sequence[str] | None = None, threshold: float | None = None,
                 weights: Weights | None = None, limits: Limits | None = None, force: bool = False,
                 context: Context | None = None) -> StoredGrouping:
    """Group every stored article into stories and save the grouping (one transaction).

    ``paths``, if any, are ingested first (as :func:`ingest`, with ``stages``, default
    :data:`newsdesk.stories.DEFAULT_STAGES`); the results are then theirs, in input order,
    failures in place. Without ``paths`` the results are every stored article's, in
    ingestion order. Stored articles are grouped on their stored analysis.
    ``db``: a URL, an open store, or ``None`` for the default store.
    """
    from .store import StoryMember
    from .store.rebuild import article_from_dict
    from .stories import DEFAULT_STAGES as STORY_STAGES
    from .stories import THRESHOLD, extract, group_features

    if isinstance(paths, str):
        paths = [paths]
    paths = list(paths)
    th = THRESHOLD if threshold is None else threshold
    names = list(stages) if stages is not None else list(STORY_STAGES)
    with _opened(db, create=bool(paths)) as store:
        out = StoredGrouping(db=store.url)
        inputs: list[Article | Failure] = []
        if paths:
            out.ingest = ingest(paths, db=store, stages=names, limits=limits, force=force, context=context,
                                on_item=lambda _outcome, item: inputs.append(item))
        feats = [extract(article_from_dict(obj)) for obj in store.iter_analyses()]
        assigned = group_features(feats, threshold=th, weights=weights)
        out.stories = store.save_stories([StoryMember(a.id, a.story, a.duplicate_of) for a in assigned],
                                         threshold=th)
        out.articles = len(assigned)
        if not paths:
            out.results = list(assigned)
            return out
        by_id = {a.id: a for a in assigned}
        for item in inputs:
            if isinstance(item, Failure):
                out.results.append(item)
            elif item.id in by_id:
                out.results.append(by_id[item.id])
            else:  # pragma: no cover - stored a moment ago; only a concurrent delete gets here
                out.results.append(Failure("store", "article is not in the store", item.origin.source, item.id,
                                           item.origin.line))
        return out


def stored_stories(*, db: str | Store | None = None) -> list[StoryRow]:
    """The grouping saved by the last :func:`group_stored` (``StoryRow`` objects, largest story first)."""
    with _opened(db, create=False) as store:
        return list(store.load_stories())


# -- sources: watch feeds, sitemaps and pages (newsdesk.sources) ---------------------------------------

if TYPE_CHECKING:
    import threading

    from .sources.fetch import FetchPolicy
    from .sources.watch import Reporter, WatchSummary
    from .store import SourceState


def watch(sources: str | Iterable[str] = (), *, db: str | Store | None = None,
          stages: Sequence[str] = DEFAULT_STAGES, every: float = 900.0, once: bool = False,
          max_items: int | None = None, limits: Limits | None = None, policy: FetchPolicy | None = None,
          stories: bool = True, reporter: Reporter | None = None, stop: threading.Event | None = None,
          context: Context | None = None) -> WatchSummary:
    """Poll feeds, sitemaps and pages every ``every`` seconds; fetch, analyse and store what is new.

    ``sources``: URLs or feed/sitemap files; none means the top-level sources already in the
    store. State (validators, handled items, counts) lives in the store, so a restart resumes.
    Returns after one poll when ``once``, else when ``stop`` is set (checked between articles).
    ``reporter`` (:class:`newsdesk.sources.watch.Reporter`) hears of new articles, failures and
    each source's poll. See ``docs/sources.md``.
    """
    import threading

    from .sources.fetch import Fetcher
    from .sources.fetch import FetchPolicy as Policy
    from .sources.watch import MAX_ITEMS, Watcher

    if isinstance(sources, str):
        sources = [sources]
    pipeline = Pipeline(stages, context=context, on_error="raise")
    stop = stop or threading.Event()
    limits = limits or Limits()
    with _opened(db, create=True) as store, \
            Fetcher(policy or Policy.from_env(max_bytes=limits.max_document_bytes), cancel=stop) as fetcher:
        watcher = Watcher(store, fetcher, pipeline, limits=limits, max_items=max_items or MAX_ITEMS,
                          stories=stories, reporter=reporter, stop=stop)
        return watcher.run(list(sources), every=every, once=once)


def list_sources(*, db: str | Store | None = None) -> list[SourceState]:
    """Every watched source with its last poll (sitemaps of an index right after it)."""
    with _opened(db, create=False) as store:
        return store.list_sources()


# -- the corpus: merged events, timeline, search, questions (docs/corpus.md) -------------------------

if TYPE_CHECKING:
    from .corpus.ask import Answer
    from .store import MergedEvent, SearchHit


@dataclass
class MergeSummary:
    """What :func:`merge_events` did: article events read, merged events stored."""

    db: str = ""
    events: int = 0
    merged: int = 0
    #: merged events reported by more than one article
    multi: int = 0

    def line(self) -> str:
        return (f"{self.events} article event(s) merged into {self.merged} event(s), {self.multi} reported by "
                f"several articles ({self.db})")


def merge_events(*, db: str | Store | None = None, window_days: int | None = None,
                 use_stories: bool = True) -> MergeSummary:
    """Merge the stored events of all articles into real-world events and store them (one transaction).

    See :mod:`newsdesk.corpus.merge` for when two reports are one event.
    """
    from .corpus.merge import WINDOW_DAYS
    from .corpus.merge import merge_events as merge

    with _opened(db, create=False) as store:
        rows = store.events()
        merged = merge(rows, window_days=WINDOW_DAYS if window_days is None else window_days,
                       use_stories=use_stories)
        store.save_merged_events(merged)
        return MergeSummary(db=store.url, events=len(rows), merged=len(merged),
                            multi=sum(m.n_articles > 1 for m in merged))


@dataclass
class MergedEvents:
    """Merged events and whether they are the stored ones (``stored``) or merged on the fly because the
    store has none or articles changed since (``newsdesk events --merge`` stores them)."""

    events: list[MergedEvent]
    stored: bool


def merged_events(*, db: str | Store | None = None, actors: Sequence[str] = (), since: str | None = None,
                  until: str | None = None, story: str | None = None, limit: int | None = None,
                  merge: bool = False, window_days: int | None = None) -> MergedEvents:
    """Merged events by date: ``actors`` (CAMEO codes or prefixes) must each be the source or the target.

    ``merge``: merge again and store first. Without it the stored merge is read when it is
    current; else the events are merged in memory (nothing is written).
    """
    from .corpus.merge import WINDOW_DAYS
    from .corpus.merge import merge_events as merge_rows

    if merge:
        merge_events(db=db, window_days=window_days)
    with _opened(db, create=False) as store:
        if store.merge_is_current():
            return MergedEvents(store.load_merged_events(actors=actors, since=since, until=until, story=story,
                                                         limit=limit), stored=True)
        rows = store.events(actors=actors, since=since, until=until, story=story)
        merged = merge_rows(rows, window_days=WINDOW_DAYS if window_days is None else window_days)
        return MergedEvents(merged[:limit] if limit is not None else merged, stored=False)


def timeline(*, db: str | Store | None = None, actors: Sequence[str] = (), since: str | None = None,
             until: str | None = None, story: str | None = None, chart: str | None = None,
             by: str = "plover") -> list[dict[str, Any]]:
    """The merged events as plain records in date order (date, event, dyad, modality, sources);
    ``chart``: also draw them to this ``.png``/``.svg`` file (``by``: ``plover`` or ``quad``)."""
    from .corpus.timeline import render_chart, timeline_records

    found = merged_events(db=db, actors=actors, since=since, until=until, story=story)
    records = timeline_records(found.events)
    if chart:
        render_chart(records, chart, by="quad" if by == "quad" else "plover")
    return records


def search(query: str, *, db: str | Store | None = None, limit: int = 20, since: str | None = None,
           until: str | None = None, story: str | None = None) -> list[SearchHit]:
    """Full-text search of the stored articles (title and body), best first, with snippets."""
    from .store import SearchFilters

    with _opened(db, create=False) as store:
        return store.search(query, limit=limit, filters=SearchFilters(since=since, until=until, story=story))


def ask(question: str, *, db: str | Store | None = None, limit: int = 5, rerank: bool = False) -> list[Answer]:
    """The stored sentences that best answer ``question``, each with its citation (see docs/corpus.md)."""
    from .corpus.ask import ask as ask_store

    with _opened(db, create=False) as store:
        return ask_store(store, question, limit=limit, rerank=rerank)
