"""The command line: each command parses options and calls one Python function.

Errors become one clear line on stderr and exit status 1; never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

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
def analyze(paths: tuple[str, ...], fmt: str, max_bytes: int, stage_list: str | None) -> None:
    """Analyse articles: HTML, .txt/.md, .jsonl(.gz) corpora or directories of them."""
    names = [s.strip() for s in stage_list.split(",") if s.strip()] if stage_list else list(DEFAULT_STAGES)
    out: IO[str] = sys.stdout
    failed = 0
    collected: list[dict[str, Any]] = []
    try:
        with _progress(len(paths) > 1 or any(not p.endswith((".txt", ".md", ".html")) for p in paths)) as tick:
            for item in api_analyze(list(paths), stages=names, limits=_limits(max_bytes)):
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


if __name__ == "__main__":  # pragma: no cover
    main()
