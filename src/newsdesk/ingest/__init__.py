"""Readers: turn paths (files, directories) into a stream of articles and failures.

Each reader is registered in :data:`newsdesk.registry.readers` with the file endings it
takes; :func:`iter_inputs` walks directories recursively (symlink loops and unreadable
entries become failures, never hangs) and dispatches by ending. Everything streams.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterable, Iterator

from ..model import Article, Failure
from ..registry import readers
from ..sources import is_source
from . import html, jsonl, text, warc  # noqa: F401  (register the built-in readers)
from .source import Limits

__all__ = ["Limits", "iter_inputs", "reader_for"]


def reader_for(path: str) -> str | None:
    """The name of the reader that takes ``path`` (longest matching ending wins)."""
    low = path.lower()
    best: tuple[int, str] | None = None
    for entry in readers:
        for suffix in entry.meta.get("suffixes", ()):
            if low.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), entry.name)
    return best[1] if best else None


IGNORE_FILE = ".newsdeskignore"


def _ignore_rules(folder: str) -> list[tuple[str, str]]:
    """``(base folder, glob)`` pairs from a ``.newsdeskignore`` file (one glob per line, ``#`` comments)."""
    try:
        with open(os.path.join(folder, IGNORE_FILE), encoding="utf-8", errors="replace") as fh:
            lines = fh.read(64 * 1024).splitlines()
    except OSError:
        return []
    return [(folder, line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _ignored(path: str, rules: list[tuple[str, str]]) -> bool:
    name = os.path.basename(path)
    for base, pattern in rules:
        rel = os.path.relpath(path, base)
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(rel, pattern):
            return True
    return False


def _walk(root: str) -> Iterator[str | Failure]:
    """Files under ``root`` in sorted order; loops and unreadable folders become failures.

    Hidden entries are skipped, and so is whatever a ``.newsdeskignore`` file in a folder names
    (globs matched against the entry's name or its path relative to that folder; the rules apply
    to the folder and everything below it), e.g. a corpus's own ``README.md``.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, list[tuple[str, str]]]] = [(root, [])]
    while stack:
        folder, inherited = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            yield Failure("unreadable", f"cannot read folder: {exc.strerror}", folder, folder)
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Failure("symlink_loop", "folder already visited (symlink loop)", folder, folder)
            continue
        seen.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Failure("unreadable", f"cannot list folder: {exc.strerror}", folder, folder)
            continue
        rules = inherited + _ignore_rules(folder)
        subdirs: list[str] = []
        for entry in entries:
            if entry.name.startswith(".") or (rules and _ignored(entry.path, rules)):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                kind = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
                yield Failure(kind, f"cannot stat: {exc.strerror}", entry.path, entry.path)
                continue
            if is_dir:
                subdirs.append(entry.path)
            elif reader_for(entry.path) is not None:
                yield entry.path
            elif entry.is_symlink() and not os.path.exists(entry.path):
                yield Failure("not_found", "broken symbolic link", entry.path, entry.path)
        stack.extend((d, rules) for d in reversed(subdirs))


def iter_inputs(paths: Iterable[str], limits: Limits | None = None) -> Iterator[Article | Failure]:
    """Articles (and failures, in their place) from files and directories, in input order.

    URLs and explicitly named feed/sitemap files are read by :mod:`newsdesk.sources` (fetched).
    """
    limits = limits or Limits()
    for path in paths:
        if is_source(path):  # a URL, or a feed/sitemap file named explicitly: newsdesk.sources fetches
            from ..sources.inputs import read_source

            yield from read_source(path, limits)
            continue
        if os.path.isdir(path):
            files: Iterable[str | Failure] = _walk(path)
        else:
            files = [path]
        for item in files:
            if isinstance(item, Failure):
                yield item
                continue
            name = reader_for(item)
            if name is None:
                kind = "not_found" if not os.path.lexists(item) else "unsupported"
                msg = "no such file" if kind == "not_found" else (
                    "unsupported file type (expected .html, .htm, .gz, .txt, .md, .jsonl, .jsonl.gz, .warc, .warc.gz)")
                yield Failure(kind, msg, item, item)
                continue
            try:
                yield from readers.get(name).obj(item, limits)
            except RecursionError:
                yield Failure("too_deep", "input nested too deeply to read", item, item)
            except MemoryError:
                yield Failure("too_large", "input too large to read in memory", item, item)
