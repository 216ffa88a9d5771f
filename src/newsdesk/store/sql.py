"""The store, implemented once on SQLAlchemy Core for SQLite and PostgreSQL.

Only portable Core constructs are used here; whatever differs between databases is in
:mod:`newsdesk.store.dialects`. Every article write is one transaction: the article row and
all its child rows are written together or not at all.
"""

from __future__ import annotations

import builtins
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NoReturn

from sqlalchemy import Connection, Engine, create_engine, delete, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from ..errors import StoreError
from ..model import Article
from ..serialize import article_to_dict
from . import analysissql, dialects, migrations, sourcesql, storysql
from .base import (
    ArticleRow,
    SaveResult,
    SourceItem,
    SourceState,
    Store,
    StoryMember,
    StoryRow,
    content_hash,
)
from .records import ClaimRow, EventRow, FlagRow, MergedEvent, SearchFilters, SearchHit
from .schema import CHILD_TABLES, articles, blocks, metadata

#: characters no PostgreSQL text column accepts (NUL) or no UTF-8 encoder takes (lone surrogates)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def default_db_url() -> str:
    """``$NEWSDESK_DB`` if set, else SQLite at ``$XDG_DATA_HOME/newsdesk/newsdesk.db``.

    ``XDG_DATA_HOME`` defaults to ``~/.local/share``. Nothing is created here.
    """
    env = os.environ.get("NEWSDESK_DB", "").strip()
    if env:
        return env
    data_home = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.join(os.path.expanduser("~"),
                                                                            ".local", "share")
    return "sqlite:///" + os.path.join(data_home, "newsdesk", "newsdesk.db")


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything is stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _column_text(value: str | None) -> str | None:
    """A value for a text column: NUL and lone surrogates become U+FFFD (the exact value is in ``analysis``)."""
    if value is None or not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub("\ufffd", value)


def _analysis_json(obj: dict[str, Any]) -> str:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if _UNSTORABLE.search(data):  # json escapes NUL itself; lone surrogates need \u escapes
        data = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    return data


def _storable_id(id: str) -> bool:
    return not _UNSTORABLE.search(id)


def _db_message(exc: SQLAlchemyError) -> str:
    """The database's own message, without SQLAlchemy's SQL echo and links."""
    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(cause).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class SqlStore(Store):
    """A :class:`~newsdesk.store.base.Store` on a SQLAlchemy engine. Use :func:`open_store`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            self._fail("read from", exc)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._engine.connect() as conn:
            conn.execution_options(**{dialects.WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def _fail(self, what: str, exc: SQLAlchemyError) -> NoReturn:
        raise StoreError(f"cannot {what} store {self.url}: {_db_message(exc)}") from exc

    # -- the interface ------------------------------------------------------------------------

    def save(self, article: Article, *, content_hash: str | None = None, force: bool = False) -> SaveResult:
        if not _storable_id(article.id):
            raise StoreError(f"article id {article.id!r} cannot be stored: it contains a NUL character "
                             "or an unpaired surrogate")
        digest = content_hash or _content_hash(article)
        analysis = _analysis_json(article_to_dict(article))
        for attempt in range(2):
            try:
                return self._save_once(article, digest, analysis, force)
            except IntegrityError as exc:
                # another writer added the same id between our read and our insert: read again
                if attempt == 0:
                    continue
                self._fail(f"save article {article.id!r} to", exc)
            except SQLAlchemyError as exc:
                self._fail(f"save article {article.id!r} to", exc)
        raise AssertionError("unreachable")  # pragma: no cover

    def _save_once(self, article: Article, digest: str, analysis: str, force: bool) -> SaveResult:
        with self._write() as conn:
            stored = conn.execute(
                select(articles.c.content_hash).where(articles.c.id == article.id)
            ).scalar_one_or_none()
            if stored == digest and not force:
                return "unchanged"
            now = _now()
            values = self._article_values(article, digest, analysis, now)
            if stored is None:
                conn.execute(articles.insert().values(id=article.id, ingested_at=now, **values))
                result: SaveResult = "added"
            else:
                for table in CHILD_TABLES:
                    conn.execute(delete(table).where(table.c.article_id == article.id))
                conn.execute(articles.update().where(articles.c.id == article.id).values(**values))
                result = "replaced"
            self._insert_children(conn, article)
            return result

    @staticmethod
    def _article_values(article: Article, digest: str, analysis: str, now: datetime) -> dict[str, Any]:
        return {
            "content_hash": digest,
            "url": _column_text(article.url),
            "title": _column_text(article.title),
            "published": _column_text(article.published),
            "source": _column_text(article.source),
            "author": _column_text(article.author),
            "language": _column_text(article.language),
            "text": _column_text(article.text),
            "input_source": _column_text(article.origin.source),
            "input_format": _column_text(article.origin.format),
            "input_line": article.origin.line,
            "analysis": analysis,
            "updated_at": now,
        }

    def _insert_children(self, conn: Connection, article: Article) -> None:
        """The rows of :data:`~newsdesk.store.schema.CHILD_TABLES` for ``article`` (inside its transaction)."""
        rows = [
            {"article_id": article.id, "ordinal": i, "kind": b.kind, "start": b.start, "end": b.end,
             "level": b.level, "boilerplate": bool(b.boilerplate)}
            for i, b in enumerate(article.blocks)
        ]
        if rows:
            conn.execute(blocks.insert(), rows)
        analysissql.insert_analysis(conn, article)

    def get(self, id: str) -> dict[str, Any] | None:
        if not _storable_id(id):
            return None
        with self._read() as conn:
            data = conn.execute(select(articles.c.analysis).where(articles.c.id == id)).scalar_one_or_none()
        if data is None:
            return None
        obj: dict[str, Any] = json.loads(data)
        return obj

    def list(self, limit: int = 100, offset: int = 0) -> builtins.list[ArticleRow]:
        if limit < 0 or offset < 0:
            raise StoreError("limit and offset must not be negative")
        n_blocks = (select(func.count()).select_from(blocks)
                    .where(blocks.c.article_id == articles.c.id).scalar_subquery())
        query = (select(articles.c.id, articles.c.published, articles.c.title, articles.c.source,
                        articles.c.url, n_blocks.label("n_blocks"), articles.c.ingested_at,
                        articles.c.updated_at)
                 .order_by(articles.c.ingested_at, articles.c.id).limit(limit).offset(offset))
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [ArticleRow(id=r.id, published=r.published, title=r.title, source=r.source, url=r.url,
                           blocks=int(r.n_blocks), ingested_at=_aware(r.ingested_at),
                           updated_at=_aware(r.updated_at)) for r in rows]

    def content_hash_of(self, id: str) -> str | None:
        if not _storable_id(id):
            return None
        with self._read() as conn:
            value = conn.execute(select(articles.c.content_hash).where(articles.c.id == id)).scalar_one_or_none()
        return None if value is None else str(value)

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def iter_analyses(self, batch: int = 200) -> Iterator[dict[str, Any]]:
        with self._read() as conn:
            ids = list(conn.execute(select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id)).scalars())
        for start in range(0, len(ids), max(1, batch)):
            chunk = ids[start:start + max(1, batch)]
            with self._read() as conn:
                found = {r.id: r.analysis for r in conn.execute(select(articles.c.id, articles.c.analysis)
                                                                .where(articles.c.id.in_(chunk)))}
            for id in chunk:
                if id in found:  # deleted meanwhile: skipped
                    obj: dict[str, Any] = json.loads(found[id])
                    yield obj

    def save_stories(self, members: Sequence[StoryMember], *, threshold: float) -> int:
        try:
            with self._write() as conn:
                return storysql.replace_grouping(conn, members, threshold=threshold, now=_now())
        except SQLAlchemyError as exc:
            self._fail("save the story grouping to", exc)

    def load_stories(self) -> builtins.list[StoryRow]:
        with self._read() as conn:
            return storysql.read_grouping(conn, _aware)

    # -- watched sources ------------------------------------------------------------------------

    def _write_retrying(self, what: str, fn: Any) -> None:
        for attempt in range(2):
            try:
                with self._write() as conn:
                    fn(conn)
                return
            except IntegrityError as exc:  # another writer inserted the same key meanwhile: once more
                if attempt == 0:
                    continue
                self._fail(what, exc)
            except SQLAlchemyError as exc:
                self._fail(what, exc)

    def save_source(self, state: SourceState) -> None:
        self._write_retrying(f"save source {state.url!r} to",
                             lambda conn: sourcesql.save_source(conn, state, _now()))

    def get_source(self, url: str) -> SourceState | None:
        with self._read() as conn:
            return sourcesql.get_source(conn, url, _aware)

    def list_sources(self) -> builtins.list[SourceState]:
        with self._read() as conn:
            return sourcesql.list_sources(conn, _aware)

    def source_items(self, source_url: str) -> dict[str, SourceItem]:
        with self._read() as conn:
            return sourcesql.source_items_of(conn, source_url, _aware)

    def save_source_item(self, item: SourceItem) -> None:
        self._write_retrying(f"save item {item.url!r} to",
                             lambda conn: sourcesql.save_source_item(conn, item, _now()))

    def article_with_text(self, text_hash: str) -> str | None:
        with self._read() as conn:
            return sourcesql.article_with_text(conn, text_hash)

    # -- the analysis as rows, search, merged events ------------------------------------------------

    def search(self, query: str, limit: int = 20, filters: SearchFilters | Mapping[str, Any] | None = None, *,
               match: Literal["all", "any"] = "all") -> builtins.list[SearchHit]:
        with self._read() as conn:
            return analysissql.search(conn, query, limit, filters, match)

    def events(self, *, actors: Sequence[str] = (), dyad: tuple[str, str] | None = None, since: str | None = None,
               until: str | None = None, story: str | None = None, article_id: str | None = None,
               limit: int | None = None) -> builtins.list[EventRow]:
        with self._read() as conn:
            return analysissql.event_rows(conn, actors=actors, dyad=dyad, since=since, until=until, story=story,
                                          article_id=article_id, limit=limit)

    def claims(self, *, speaker: str | None = None, article_id: str | None = None,
               limit: int | None = None) -> builtins.list[ClaimRow]:
        with self._read() as conn:
            return analysissql.claim_rows(conn, speaker=speaker, article_id=article_id, limit=limit)

    def flags(self, *, kind: str | None = None, severity: str | None = None, article_id: str | None = None,
              limit: int | None = None) -> builtins.list[FlagRow]:
        with self._read() as conn:
            return analysissql.flag_rows(conn, kind=kind, severity=severity, article_id=article_id, limit=limit)

    def save_merged_events(self, merged: Sequence[MergedEvent]) -> int:
        try:
            with self._write() as conn:
                return analysissql.replace_merged(conn, merged, _now())
        except SQLAlchemyError as exc:
            self._fail("save merged events to", exc)

    def load_merged_events(self, *, actors: Sequence[str] = (), since: str | None = None, until: str | None = None,
                           story: str | None = None, limit: int | None = None) -> builtins.list[MergedEvent]:
        with self._read() as conn:
            return analysissql.read_merged(conn, _aware, actors=actors, since=since, until=until, story=story,
                                           limit=limit)

    def merge_is_current(self) -> bool:
        with self._read() as conn:
            return analysissql.merge_is_current(conn, _aware)

    def table_counts(self) -> dict[str, int]:
        with self._read() as conn:
            return analysissql.table_counts(conn, metadata.sorted_tables)

    def migrate(self) -> int:
        try:
            return migrations.migrate(self._engine)
        except SQLAlchemyError as exc:
            self._fail("migrate", exc)

    def close(self) -> None:
        self._engine.dispose()


def _content_hash(article: Article) -> str:
    return content_hash(article)


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        hint = f" (did you mean sqlite:///{url}?)" if "://" not in url else ""
        raise StoreError(f"not a database URL: {url!r}{hint}; expected sqlite:///path.db or "
                         "postgresql://user@host/db") from None
    backend = parsed.get_backend_name()
    if backend not in dialects.SUPPORTED_BACKENDS:
        raise StoreError(f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}; "
                         "newsdesk stores to sqlite:///path.db or postgresql://user@host/db")
    return parsed


def _prepare_sqlite_path(parsed: URL, display: str, *, create: bool, make_dirs: bool) -> None:
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if not path.exists() and not create:
        raise StoreError(f"no store at {display} (run `newsdesk ingest` first, or pass --db)")
    folder = path.parent
    if not folder.is_dir():
        if not make_dirs:
            raise StoreError(f"cannot open store {display}: folder {str(folder)!r} does not exist")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create folder {str(folder)!r} for the store: {exc.strerror}") from None


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the store at a SQLAlchemy ``url``; ``None`` means :func:`default_db_url`.

    ``create=False`` refuses to create a new SQLite file (for commands that only read).
    The default SQLite location gets its folder created on demand. Raises
    :class:`~newsdesk.errors.StoreError` for a bad URL, a missing driver or an unreachable database.
    """
    is_default = url is None
    parsed = _parse_url(default_db_url() if url is None else url)
    display = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_path(parsed, display, create=create, make_dirs=is_default)
    try:
        engine = create_engine(parsed, **dialects.engine_kwargs(parsed))
    except NoSuchModuleError:
        raise StoreError(f"unknown database driver {parsed.drivername!r} in {display}") from None
    except ImportError as exc:
        extra = " (pip install 'newsdesk[postgres]')" if parsed.get_backend_name() == "postgresql" else ""
        raise StoreError(f"the database driver for {display} is not installed: {exc.name or exc}{extra}") from None
    dialects.configure(engine)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open store {display}: {_db_message(exc)}") from exc
    store = SqlStore(engine, display)
    try:
        store.migrate()
    except StoreError:
        store.close()
        raise
    return store
